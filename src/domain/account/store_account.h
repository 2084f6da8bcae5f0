/* store_account.h: SQL for accounts, sessions, API tokens and failed sign-ins. */
#ifndef HL_STORE_ACCOUNT_H
#define HL_STORE_ACCOUNT_H

#include "account.h"
#include "db.h"

#define TOKEN_HASH_BYTES 32

struct session_info {
    int64_t id;
    int64_t account_id;
    char csrf[48];
    int64_t created_at, last_seen_at, expires_at;
};

/* *hash (may be NULL) receives the password hash, malloc'd. HL_ERR_NOT_FOUND when absent. */
enum hl_err store_account_by_login(struct db *db, const char *login, struct account *a, char **hash,
                                   struct hl_error *err);
enum hl_err store_account_by_id(struct db *db, int64_t id, struct account *a, struct hl_error *err);
enum hl_err store_account_insert(struct db *db, const char *login, enum role role,
                                 int64_t person_id, const char *hash, int64_t *id,
                                 struct hl_error *err);
/* Writes role, person_id and disabled of a, bumping the version if it is still a->version. */
enum hl_err store_account_update(struct db *db, const struct account *a, struct hl_error *err);
enum hl_err store_account_set_password(struct db *db, int64_t id, const char *hash,
                                       struct hl_error *err);
/* Sets the account's language ("et", "en"; NULL or "": none), bumping the version if it is
 * still `version`. */
enum hl_err store_account_set_lang(struct db *db, int64_t id, int64_t version, const char *lang,
                                   struct hl_error *err);
enum hl_err store_account_logged_in(struct db *db, int64_t id, struct hl_error *err);
/* Accounts in id order after after_id; *items a new array of account_json. */
enum hl_err store_account_list(struct db *db, int64_t after_id, int limit, json_t **items,
                               bool *more, struct hl_error *err);

/* Sessions and failed sign-ins of a read-only database (db_read_only) are kept in memory,
 * shared by the process's connections, so signing in works when nothing can be written. */
enum hl_err store_session_insert(struct db *db, int64_t account_id,
                                 const unsigned char hash[TOKEN_HASH_BYTES], const char *csrf,
                                 int64_t expires_at, const char *address, const char *user_agent,
                                 int64_t *id, struct hl_error *err);
/* The session with this token hash and its account; HL_ERR_NOT_FOUND when none. */
enum hl_err store_session_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                               struct session_info *s, struct account *a, struct hl_error *err);
enum hl_err store_session_touch(struct db *db, int64_t id, struct hl_error *err);
/* Deletes session id (of account_id when not 0); *found says whether one went. */
enum hl_err store_session_delete(struct db *db, int64_t id, int64_t account_id, bool *found,
                                 struct hl_error *err);
/* Deletes every session of the account but keep (0: all of them). */
enum hl_err store_session_delete_others(struct db *db, int64_t account_id, int64_t keep,
                                        struct hl_error *err);
/* Deletes every API token of the account (disabling it or a new password ends them for
 * good); *ids (may be NULL) receives a new array of the ids that went, for the audit log. */
enum hl_err store_token_delete_account(struct db *db, int64_t account_id, json_t **ids,
                                       struct hl_error *err);
enum hl_err store_session_list(struct db *db, int64_t account_id, json_t **items,
                               struct hl_error *err);

enum hl_err store_token_insert(struct db *db, int64_t account_id, const char *name,
                               const unsigned char hash[TOKEN_HASH_BYTES], int64_t *id,
                               struct hl_error *err);
enum hl_err store_token_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                             int64_t *token_id, int64_t *last_used, struct account *a,
                             struct hl_error *err);
enum hl_err store_token_touch(struct db *db, int64_t id, struct hl_error *err);
enum hl_err store_token_delete(struct db *db, int64_t id, int64_t account_id, bool *found,
                               struct hl_error *err);
enum hl_err store_token_list(struct db *db, int64_t account_id, json_t **items,
                             struct hl_error *err);

enum hl_err store_failure_insert(struct db *db, const char *login, const char *address,
                                 struct hl_error *err);
/* Failures since `since` for the login (or, login NULL, the address): count and newest. */
enum hl_err store_failure_count(struct db *db, const char *login, const char *address,
                                int64_t since, int *count, int64_t *oldest, int64_t *newest,
                                struct hl_error *err);
enum hl_err store_failure_clear(struct db *db, const char *login, struct hl_error *err);

#endif
