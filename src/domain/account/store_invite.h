/* store_invite.h: SQL for account invitations (sql/025_account_invitation.sql). The token is
 * never stored: only its SHA-256 as 64 hex digits. */
#ifndef HL_STORE_INVITE_H
#define HL_STORE_INVITE_H

#include "db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define INVITE_HASH_HEX    65         /* 64 hex digits and the NUL */
#define INVITE_NO_PASSWORD "!invited" /* the hash of an invited account: no password matches */

struct invitation {
    int64_t id, account_id, created_at, expires_at, accepted_at, revoked_at; /* 0: not (yet) */
    char email[256];
    char lang[3];
    char created_by[256];
};

enum hl_err store_invite_insert(struct db *db, int64_t account_id, const char *hash_hex,
                                const char *email, const char *lang, int64_t expires_at,
                                const char *created_by, int64_t *id, struct hl_error *err);
/* The invitation of a token's hash; HL_ERR_NOT_FOUND when none. */
enum hl_err store_invite_by_hash(struct db *db, const char *hash_hex, struct invitation *inv,
                                 struct hl_error *err);
/* The account's open invitation (neither accepted nor revoked, expired or not), or with
 * any_state its newest one; HL_ERR_NOT_FOUND when none. */
enum hl_err store_invite_of_account(struct db *db, int64_t account_id, bool any_state,
                                    struct invitation *inv, struct hl_error *err);
/* Marks the account's open invitation revoked now; *found says whether there was one. */
enum hl_err store_invite_revoke_open(struct db *db, int64_t account_id, bool *found,
                                     struct hl_error *err);
/* Marks invitation id accepted now, if it is still open; *done says whether it was. */
enum hl_err store_invite_accept(struct db *db, int64_t id, bool *done, struct hl_error *err);
/* Whether the account still has no password of its own (INVITE_NO_PASSWORD). */
enum hl_err store_invite_account_unset(struct db *db, int64_t account_id, bool *unset,
                                       struct hl_error *err);
/* Whether the person's account has an open invitation. */
enum hl_err store_invite_open_for_person(struct db *db, int64_t person_id, bool *open,
                                         struct hl_error *err);
/* The open invitations with their account (login, role, person_id), oldest first: a new
 * array of {id, account_id, login, role, person_id, email, lang, created_at, created_by,
 * expires_at, expired}. */
enum hl_err store_invite_pending(struct db *db, json_t **items, struct hl_error *err);

#endif
