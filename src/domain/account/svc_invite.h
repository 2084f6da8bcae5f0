/* svc_invite.h: accounts made by invitation. An admin (or a hire, for the new assistant) creates
 * an account with no usable password and an invitation: a single-use random token (only its
 * SHA-256 is stored) that expires after INVITE_TTL_SECONDS; the person gets the link
 * <site>/welcome?token=… by e-mail (kind account.invitation, in their language) and sets their
 * password on the public welcome page (welcome_account.c) or with
 * POST /api/v1/invitations/accept. */
#ifndef HL_SVC_INVITE_H
#define HL_SVC_INVITE_H

#include "account.h"
#include "svc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define INVITE_TTL_SECONDS (7 * 86400) /* an invitation's link works this long */
#define INVITE_TOKEN_BYTES 32          /* random bytes of a token (base64url: 43 characters) */
#define INVITE_PAGE_WINDOW 600         /* seconds of the welcome page's per-address window … */
#define INVITE_PAGE_MAX    30          /* … and the requests it allows */

/* What an invitation is for: a new account (login, role, person_id) and where the mail goes
 * (email: NULL for the person's own; lang: NULL for the person's). */
struct invite_req {
    const char *login, *role;
    int64_t person_id;
    const char *email, *lang;
};

/* The site's address for links: HALDUS_SITE_URL when set, else `base` (the request's origin),
 * else "" (the link is then a path). Returns a malloc'd string. */
char *invite_site(const char *base);

/* Creates the account and its invitation and queues the mail (admins; the CLI). *out:
 * {account, invitation, link, mail_id}: the link holds the token and is shown only here. */
enum hl_err svc_invite_create(struct svc_ctx *ctx, const struct invite_req *r, const char *base,
                              json_t **out, struct hl_error *err);
/* The same in the caller's transaction, with no permission check (a hire: the manager's). */
enum hl_err invite_create_tx(struct svc_ctx *ctx, const struct invite_req *r, const char *base,
                             json_t **out, struct hl_error *err);
/* A hire's account: when email is set and no account has that login, the assistant person_id
 * gets an assistant account by invitation (login = email) in the caller's transaction;
 * *sent says whether it did. */
enum hl_err account_invite_hired(struct svc_ctx *ctx, int64_t person_id, const char *email,
                                 const char *lang, bool *sent, struct hl_error *err);
/* Whether the person's account waits for its invitation to be accepted. */
bool account_invitation_pending(struct svc_ctx *ctx, int64_t person_id);
/* A new token for an account still without a password: the open invitation is revoked, a
 * new one (same address and language, a fresh expiry) sent. *out as svc_invite_create. */
enum hl_err svc_invite_resend(struct svc_ctx *ctx, int64_t account_id, const char *base,
                              json_t **out, struct hl_error *err);
/* Revokes the account's open invitation (404 when it has none). */
enum hl_err svc_invite_revoke(struct svc_ctx *ctx, int64_t account_id, struct hl_error *err);
/* The open invitations (admins). */
enum hl_err svc_invite_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err);
/* Adds to each account of items its open invitation as "invitation" ({expires_at, expired,
 * created_at}) or null. */
enum hl_err invite_annotate(struct svc_ctx *ctx, json_t *items, struct hl_error *err);
/* What the welcome page shows for a token: {login, lang, expires_at}. HL_ERR_BAD_REQUEST for
 * a token that is no invitation's, HL_ERR_GONE for one used, revoked, replaced or expired. */
enum hl_err svc_invite_view(struct svc_ctx *ctx, const char *token, json_t **out,
                            struct hl_error *err);
/* Sets the password of the token's account (the rules of POST /me/password, argon2id) and
 * marks the invitation used; errors as svc_invite_view, and 422 for a password against the
 * rules. *out: {login}. */
enum hl_err svc_invite_accept(struct svc_ctx *ctx, const char *token, const char *password,
                              json_t **out, struct hl_error *err);

/* The welcome page's per-address throttle: false when address has had INVITE_PAGE_MAX
 * requests in the last INVITE_PAGE_WINDOW seconds. */
bool invite_admit(const char *address);

#endif
