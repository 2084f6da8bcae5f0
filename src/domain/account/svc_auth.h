/* svc_auth.h: accounts, passwords, sessions, API tokens and sign-in throttling. */
#ifndef HL_SVC_AUTH_H
#define HL_SVC_AUTH_H

#include "store_account.h"
#include "svc.h"

#include <sodium.h>

#define AUTH_PASSWORD_MIN        12                    /* characters */
#define AUTH_PASSWORD_MAX        1024                  /* bytes */
#define AUTH_PW_OPSLIMIT         2ull                  /* argon2id passes */
#define AUTH_PW_MEMLIMIT         (19u * 1024u * 1024u) /* bytes: OWASP's argon2id minimum */
#define SESSION_IDLE_SECONDS     (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 3600)
#define SESSION_TOUCH_SECONDS    60 /* last_seen_at is written at most this often */
#define THROTTLE_WINDOW_SECONDS  (15 * 60)
#define THROTTLE_LOGIN_FREE      5  /* failures of one login before it is slowed */
#define THROTTLE_LOGIN_LOCK      10 /* failures of one login that lock it for the window */
#define THROTTLE_ADDRESS_FREE    20 /* failures from one address before it is slowed */

/* The password rules: 12–1024 bytes of UTF-8 with at least 12 characters. */
enum hl_err auth_password_policy(const char *password, struct hl_error *err);
/* argon2id with AUTH_PW_OPSLIMIT / AUTH_PW_MEMLIMIT into out. */
enum hl_err auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES],
                               struct hl_error *err);
bool auth_password_verify(const char *hash, const char *password);

/* A new random secret as base64url text of `bytes` random bytes (caller's buffer ≥ 64). */
void auth_random_token(char *out, size_t size, size_t bytes);
void auth_token_hash(const char *token, unsigned char out[TOKEN_HASH_BYTES]);

struct auth_state {
    struct account account;
    int64_t session_id; /* 0 when signed in by API token */
    char csrf[48];
};

struct login_result {
    struct auth_state state;
    char token[64];
    int64_t expires_at;
};

/* Signs in: throttling first, then the password (same answer whether or not the login
 * exists), then a new session. Rehashes the password when the parameters changed. */
enum hl_err svc_login(struct svc_ctx *ctx, const char *login, const char *password,
                      const char *address, const char *user_agent, struct login_result *out,
                      struct hl_error *err);
/* Finds the session of a cookie's token, ending it when idle or too old. */
enum hl_err svc_session_authenticate(struct svc_ctx *ctx, const char *token, struct auth_state *out,
                                     struct hl_error *err);
enum hl_err svc_token_authenticate(struct svc_ctx *ctx, const char *token, struct auth_state *out,
                                   struct hl_error *err);

/* The signed-in account's sessions and tokens. */
enum hl_err svc_session_end(struct svc_ctx *ctx, int64_t session_id, struct hl_error *err);
enum hl_err svc_sessions_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err);
enum hl_err svc_token_create(struct svc_ctx *ctx, const char *name, json_t **out,
                             struct hl_error *err);
enum hl_err svc_tokens_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err);
enum hl_err svc_token_revoke(struct svc_ctx *ctx, int64_t id, struct hl_error *err);
/* Sets a new password after checking the current one (throttled like signing in); ends
 * every session of the account but keep_session. */
enum hl_err svc_password_change(struct svc_ctx *ctx, const char *current, const char *next,
                                int64_t keep_session, const char *address, struct hl_error *err);
/* Sets the signed-in account's language from {"lang": "et" | "en" | null} (null: follow the
 * browser), through svc_record_update (validated, audited as "lang"); *out the account. */
enum hl_err svc_me_lang(struct svc_ctx *ctx, const json_t *body, json_t **out,
                        struct hl_error *err);

/* Administration of accounts (admins, and the CLI). */
enum hl_err svc_account_create(struct svc_ctx *ctx, const char *login, const char *role,
                               int64_t person_id, const char *password, json_t **out,
                               struct hl_error *err);
/* The login and role rules of a new account (r receives the role). */
enum hl_err account_login_role_check(const char *login, const char *role, enum role *r,
                                     struct hl_error *err);
/* Inserts an account with this password hash in the caller's transaction: checks its person,
 * writes the audit row; *after (new reference) is the account as the API shows it. */
enum hl_err account_insert_tx(struct svc_ctx *ctx, const char *login, enum role r,
                              int64_t person_id, const char *hash, json_t **after,
                              struct hl_error *err);
enum hl_err svc_account_list(struct svc_ctx *ctx, int64_t after_id, int limit, json_t **items,
                             bool *more, struct hl_error *err);
enum hl_err svc_account_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);
/* body may hold role, person_id, disabled and password; disabling ends every session. */
enum hl_err svc_account_update(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                               const json_t *body, json_t **out, struct hl_error *err);
enum hl_err svc_account_find(struct svc_ctx *ctx, const char *login, struct account *a,
                             struct hl_error *err);

#endif
