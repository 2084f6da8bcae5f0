/* svc_auth.c: passwords (argon2id), sessions, API tokens, throttling and account
 * administration. Secrets are only ever stored hashed. */
#include "svc_auth.h"
#include "svc_record.h"
#include "store_invite.h"
#include "svc_invite.h"
#include "mem.h"
#include "absence.h"
#include "people.h"
#include "store_audit.h"
#include "store_entity.h"
#include "svc_entity.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

enum hl_err auth_password_policy(const char *password, struct hl_error *err)
{
    if (!password)
        return hl_fail(err, HL_ERR_INVALID, "password", "password is required");
    if (strlen(password) > AUTH_PASSWORD_MAX)
        return hl_fail(err, HL_ERR_INVALID, "password", "password may be at most %d bytes",
                       AUTH_PASSWORD_MAX);
    if (utf8_chars(password) < AUTH_PASSWORD_MIN)
        return hl_fail(err, HL_ERR_INVALID, "password", "password must have at least %d characters",
                       AUTH_PASSWORD_MIN);
    return HL_OK;
}

enum hl_err auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES],
                               struct hl_error *err)
{
    if (crypto_pwhash_str(out, password, strlen(password), AUTH_PW_OPSLIMIT, AUTH_PW_MEMLIMIT) != 0)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "could not hash the password (out of memory)");
    return HL_OK;
}

bool auth_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_random_token(char *out, size_t size, size_t bytes)
{
    unsigned char raw[48];
    if (bytes > sizeof raw)
        bytes = sizeof raw;
    randombytes_buf(raw, bytes);
    sodium_bin2base64(out, size, raw, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_token_hash(const char *token, unsigned char out[TOKEN_HASH_BYTES])
{
    crypto_generichash(out, TOKEN_HASH_BYTES, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* A hash to verify against when the login does not exist, so both take as long. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void make_dummy(void)
{
    char pw[64];
    auth_random_token(pw, sizeof pw, 24);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), AUTH_PW_OPSLIMIT, AUTH_PW_MEMLIMIT) != 0)
        dummy_hash[0] = '\0';
}

/* How long the caller must wait before another try, from the failures recorded. */
static enum hl_err throttle_check(struct svc_ctx *ctx, const char *login, const char *address,
                                  struct hl_error *err)
{
    int64_t now = db_now(ctx->db), since = now - THROTTLE_WINDOW_SECONDS, oldest, newest;
    int n;
    enum hl_err e = store_failure_count(ctx->db, login, NULL, since, &n, &oldest, &newest, err);
    if (e != HL_OK)
        return e;
    int64_t wait = 0;
    if (n >= THROTTLE_LOGIN_LOCK)
        wait = oldest + THROTTLE_WINDOW_SECONDS - now;
    else if (n >= THROTTLE_LOGIN_FREE)
        wait = newest + (1 << (n - THROTTLE_LOGIN_FREE + 1)) - now;
    if ((e = store_failure_count(ctx->db, NULL, address, since, &n, &oldest, &newest, err)) !=
        HL_OK)
        return e;
    if (n >= THROTTLE_ADDRESS_FREE) {
        int shift = n - THROTTLE_ADDRESS_FREE + 1;
        int64_t w = newest + (shift > 8 ? 300 : (1 << shift)) - now;
        if (w > wait)
            wait = w;
    }
    if (wait > 0)
        return hl_fail(err, HL_ERR_THROTTLED, NULL,
                       "too many failed sign-ins; try again in %lld seconds", (long long)wait);
    return HL_OK;
}

static enum hl_err new_session(struct svc_ctx *ctx, const struct account *a, const char *address,
                               const char *user_agent, struct login_result *out,
                               struct hl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    auth_random_token(out->token, sizeof out->token, 16); /* 128 bits */
    auth_random_token(out->state.csrf, sizeof out->state.csrf, 16);
    auth_token_hash(out->token, hash);
    out->expires_at = db_now(ctx->db) + SESSION_ABSOLUTE_SECONDS;
    out->state.account = *a;
    return store_session_insert(ctx->db, a->id, hash, out->state.csrf, out->expires_at, address,
                                user_agent, &out->state.session_id, err);
}

/* Bookkeeping on every request (a session's last_seen_at, a token's last_used_at) is best
 * effort: a database that cannot be written (read-only, a full disk) or stays locked must not
 * turn every signed-in read into an error. The failure is logged by the store. */
static enum hl_err touch_result(enum hl_err e)
{
    return e == HL_ERR_READ_ONLY || e == HL_ERR_BUSY ? HL_OK : e;
}

/* The audit row of a sign-in: who, from where (the session's token is never written). A
 * read-only database cannot take it: the server's log gets the line instead. */
static enum hl_err audit_sign_in(struct svc_ctx *ctx, const struct account *a, int64_t session,
                                 const char *address, struct hl_error *err)
{
    if (db_read_only(ctx->db)) {
        fprintf(stderr, "haldus: read-only: %s signed in from %s (session %lld; not audited)\n",
                a->login, address ? address : "", (long long)session);
        return HL_OK;
    }
    struct svc_ctx as = {ctx->db, a->login, a};
    json_t *after =
        json_pack("{sI ss}", "account_id", (json_int_t)a->id, "address", address ? address : "");
    enum hl_err e = svc_audit(&as, "sign-in", "session", session, NULL, after, err);
    json_decref(after);
    return e;
}

enum hl_err svc_login(struct svc_ctx *ctx, const char *login, const char *password,
                      const char *address, const char *user_agent, struct login_result *out,
                      struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!login || !*login || strlen(login) > 254)
        return hl_fail(err, HL_ERR_INVALID, "login", "login is required (at most 254 bytes)");
    if (!password || !*password || strlen(password) > AUTH_PASSWORD_MAX)
        return hl_fail(err, HL_ERR_INVALID, "password", "password is required");
    /* The attempt is counted as a failure before the password is checked, in the same
     * transaction as the throttle check: attempts running at once on other threads see it,
     * so they cannot all slip under the limit. Success clears it again. */
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    struct account a;
    char *hash = NULL;
    enum hl_err found = HL_OK;
    if ((e = throttle_check(ctx, login, address, err)) == HL_OK &&
        (e = store_failure_insert(ctx->db, login, address, err)) == HL_OK) {
        found = store_account_by_login(ctx->db, login, &a, &hash, err);
        if (found != HL_OK && found != HL_ERR_NOT_FOUND)
            e = found;
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK) {
        db_rollback(ctx->db);
        free(hash);
        return e;
    }
    /* The slow part runs outside any transaction. */
    pthread_once(&dummy_once, make_dummy);
    /* An invited account has no password yet ('!invited'): the same work as a wrong one. */
    bool usable = found == HL_OK && hash && hash[0] != '!';
    bool ok = auth_password_verify(usable ? hash : dummy_hash, password);
    ok = ok && usable;
    ok = ok && found == HL_OK && !a.disabled;
    /* A read-only database keeps the old hash and the old last_login_at. */
    bool ro = db_read_only(ctx->db);
    bool rehash =
        ok && !ro && crypto_pwhash_str_needs_rehash(hash, AUTH_PW_OPSLIMIT, AUTH_PW_MEMLIMIT);
    free(hash);
    char fresh[crypto_pwhash_STRBYTES];
    if (rehash && auth_password_hash(password, fresh, err) != HL_OK)
        rehash = false;
    if (!ok) /* the failure is already counted */
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "wrong login or password");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((rehash && (e = store_account_set_password(ctx->db, a.id, fresh, err)) != HL_OK) ||
        (e = store_failure_clear(ctx->db, login, err)) != HL_OK ||
        (!ro && (e = store_account_logged_in(ctx->db, a.id, err)) != HL_OK) ||
        (e = new_session(ctx, &a, address, user_agent, out, err)) != HL_OK ||
        (e = audit_sign_in(ctx, &a, out->state.session_id, address, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        return e;
    }
    return HL_OK;
}

enum hl_err svc_session_authenticate(struct svc_ctx *ctx, const char *token, struct auth_state *out,
                                     struct hl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    struct session_info s;
    if (!token || strlen(token) > 64)
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "sign in first");
    auth_token_hash(token, hash);
    enum hl_err e = store_session_find(ctx->db, hash, &s, &out->account, err);
    if (e != HL_OK)
        return e;
    int64_t now = db_now(ctx->db);
    const char *why = NULL;
    if (out->account.disabled)
        why = "the account is disabled";
    else if (now >= s.expires_at)
        why = "the session is over 12 hours old; sign in again";
    else if (now - s.last_seen_at >= SESSION_IDLE_SECONDS)
        why = "the session was idle for 30 minutes; sign in again";
    if (why) {
        store_session_delete(ctx->db, s.id, 0, NULL, err);
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "%s", why);
    }
    struct hl_error touch_err;
    if (now - s.last_seen_at >= SESSION_TOUCH_SECONDS &&
        (e = touch_result(store_session_touch(ctx->db, s.id, &touch_err))) != HL_OK) {
        *err = touch_err;
        return e;
    }
    out->session_id = s.id;
    snprintf(out->csrf, sizeof out->csrf, "%s", s.csrf);
    return HL_OK;
}

enum hl_err svc_token_authenticate(struct svc_ctx *ctx, const char *token, struct auth_state *out,
                                   struct hl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    int64_t id, last_used;
    if (!token || strlen(token) > 100)
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the API token is not valid");
    auth_token_hash(token, hash);
    enum hl_err e = store_token_find(ctx->db, hash, &id, &last_used, &out->account, err);
    if (e != HL_OK)
        return e;
    if (out->account.disabled)
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the account is disabled");
    struct hl_error touch_err;
    if (!db_read_only(ctx->db) && db_now(ctx->db) - last_used >= SESSION_TOUCH_SECONDS &&
        (e = touch_result(store_token_touch(ctx->db, id, &touch_err))) != HL_OK) {
        *err = touch_err;
        return e;
    }
    out->session_id = 0;
    out->csrf[0] = '\0';
    return HL_OK;
}

static enum hl_err need_account(struct svc_ctx *ctx, struct hl_error *err)
{
    if (!ctx->who)
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "sign in first");
    return HL_OK;
}

enum hl_err svc_session_end(struct svc_ctx *ctx, int64_t session_id, struct hl_error *err)
{
    bool found;
    enum hl_err e = need_account(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_session_delete(ctx->db, session_id, ctx->who->id, &found, err)) == HL_OK &&
        !found)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no session %lld of yours", (long long)session_id);
    if (e == HL_OK && db_read_only(ctx->db))
        fprintf(stderr, "haldus: read-only: %s ended session %lld (not audited)\n", ctx->actor,
                (long long)session_id);
    else if (e == HL_OK)
        e = svc_audit(ctx, "end", "session", session_id, NULL, NULL, err);
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK)
        db_rollback(ctx->db);
    return e;
}

enum hl_err svc_sessions_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err)
{
    enum hl_err e = need_account(ctx, err);
    return e == HL_OK ? store_session_list(ctx->db, ctx->who->id, items, err) : e;
}

enum hl_err svc_token_create(struct svc_ctx *ctx, const char *name, json_t **out,
                             struct hl_error *err)
{
    enum hl_err e = need_account(ctx, err);
    if (e != HL_OK)
        return e;
    if (!name || !*name || utf8_chars(name) > 100)
        return hl_fail(err, HL_ERR_INVALID, "name", "name is required (at most 100 characters)");
    char secret[64], token[80];
    unsigned char hash[TOKEN_HASH_BYTES];
    auth_random_token(secret, sizeof secret, 32);
    snprintf(token, sizeof token, "hld_%s", secret);
    auth_token_hash(token, hash);
    int64_t id;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *after = NULL;
    if ((e = store_token_insert(ctx->db, ctx->who->id, name, hash, &id, err)) != HL_OK ||
        (e = svc_audit(ctx, "create", "api token", id, NULL,
                       after = json_pack("{sI ss}", "id", (json_int_t)id, "name", name), err)) !=
            HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(after);
        return e;
    }
    json_decref(after);
    *out = json_pack("{sI ss ss ss}", "id", (json_int_t)id, "name", name, "token", token, "note",
                     "shown once: store it now; Haldus keeps only its hash");
    return HL_OK;
}

enum hl_err svc_tokens_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err)
{
    enum hl_err e = need_account(ctx, err);
    return e == HL_OK ? store_token_list(ctx->db, ctx->who->id, items, err) : e;
}

enum hl_err svc_token_revoke(struct svc_ctx *ctx, int64_t id, struct hl_error *err)
{
    bool found;
    enum hl_err e = need_account(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_token_delete(ctx->db, id, ctx->who->id, &found, err)) == HL_OK && !found)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no API token %lld of yours", (long long)id);
    if (e == HL_OK)
        e = svc_audit(ctx, "revoke", "api token", id, NULL, NULL, err);
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK)
        db_rollback(ctx->db);
    return e;
}

static enum hl_err need_admin(struct svc_ctx *ctx, struct hl_error *err)
{
    if (ctx->who && ctx->who->role != ROLE_ADMIN)
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only admins manage accounts");
    return HL_OK;
}

static enum hl_err audit_account(struct svc_ctx *ctx, const char *action, int64_t id,
                                 json_t *before, json_t *after, struct hl_error *err)
{
    return svc_audit(ctx, action, "account", id, before, after, err);
}

/* Ends every API token of the account, with one audit row per token naming why: a token
 * must not outlive the password (or the account) it was created under. */
static enum hl_err revoke_tokens(struct svc_ctx *ctx, int64_t account_id, const char *why,
                                 struct hl_error *err)
{
    json_t *ids = NULL, *after = json_pack("{ss}", "reason", why);
    enum hl_err e = store_token_delete_account(ctx->db, account_id, &ids, err);
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
    {
        if (e == HL_OK)
            e = svc_audit(ctx, "revoke", "api token", json_integer_value(id), NULL, after, err);
    }
    json_decref(ids);
    json_decref(after);
    return e;
}

/* A role other than admin or manager must name a person of the matching kind. */
static enum hl_err check_person(struct svc_ctx *ctx, enum role role, int64_t person_id,
                                struct hl_error *err)
{
    if (!person_id) {
        if (role == ROLE_ASSISTANT || role == ROLE_PRINCIPAL)
            return hl_fail(err, HL_ERR_INVALID, "person_id",
                           "an %s account needs the person_id of the %s", role_name(role),
                           role_name(role));
        return HL_OK;
    }
    const struct entity *ent = role == ROLE_ASSISTANT   ? &ent_assistant
                               : role == ROLE_PRINCIPAL ? &ent_principal
                                                        : &ent_person;
    bool exists;
    enum hl_err e = store_entity_exists(ctx->db, ent, person_id, &exists, err);
    if (e == HL_OK && !exists)
        e = hl_fail(err, HL_ERR_INVALID, "person_id", "person_id: no %s with id %lld", ent->name,
                    (long long)person_id);
    return e;
}

enum hl_err account_login_role_check(const char *login, const char *role, enum role *r,
                                     struct hl_error *err)
{
    if (!login || !*login || strlen(login) > 254 || strchr(login, ' '))
        return hl_fail(err, HL_ERR_INVALID, "login",
                       "login is required: at most 254 bytes, no spaces (an e-mail address is "
                       "a good login)");
    if (!role_parse(role, r))
        return hl_fail(err, HL_ERR_INVALID, "role",
                       "role must be one of: admin, manager, assistant, principal");
    return HL_OK;
}

enum hl_err account_insert_tx(struct svc_ctx *ctx, const char *login, enum role r,
                              int64_t person_id, const char *hash, json_t **after,
                              struct hl_error *err)
{
    int64_t id;
    struct account a;
    enum hl_err e;
    *after = NULL;
    if ((e = check_person(ctx, r, person_id, err)) != HL_OK ||
        (e = store_account_insert(ctx->db, login, r, person_id, hash, &id, err)) != HL_OK ||
        (e = store_account_by_id(ctx->db, id, &a, err)) != HL_OK)
        return e;
    *after = account_json(&a);
    return audit_account(ctx, "create", id, NULL, *after, err);
}

enum hl_err svc_account_create(struct svc_ctx *ctx, const char *login, const char *role,
                               int64_t person_id, const char *password, json_t **out,
                               struct hl_error *err)
{
    enum role r;
    enum hl_err e = need_admin(ctx, err);
    if (e != HL_OK)
        return e;
    if ((e = account_login_role_check(login, role, &r, err)) != HL_OK)
        return e;
    if ((e = auth_password_policy(password, err)) != HL_OK)
        return e;
    char hash[crypto_pwhash_STRBYTES];
    if ((e = auth_password_hash(password, hash, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *after = NULL;
    if ((e = account_insert_tx(ctx, login, r, person_id, hash, &after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(after);
        return e;
    }
    if (out)
        *out = after;
    else
        json_decref(after);
    return HL_OK;
}

enum hl_err svc_account_list(struct svc_ctx *ctx, int64_t after_id, int limit, json_t **items,
                             bool *more, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e == HL_OK &&
        (e = store_account_list(ctx->db, after_id, limit, items, more, err)) == HL_OK &&
        (e = invite_annotate(ctx, *items, err)) != HL_OK) {
        json_decref(*items);
        *items = NULL;
    }
    return e;
}

enum hl_err svc_account_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    struct account a;
    enum hl_err e = need_admin(ctx, err);
    if (e == HL_OK && (e = store_account_by_id(ctx->db, id, &a, err)) == HL_OK)
        *out = account_json(&a);
    return e;
}

enum hl_err svc_account_find(struct svc_ctx *ctx, const char *login, struct account *a,
                             struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e == HL_OK &&
        (e = store_account_by_login(ctx->db, login, a, NULL, err)) == HL_ERR_NOT_FOUND)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "login", "no account with login %.100s", login);
    return e;
}

/* An account as a record kind of the one update path (svc_record.h). The password, if any,
 * is hashed before the transaction (argon2id is slow); `hash` carries it in. */
struct account_change {
    const char *hash; /* NULL: the password stays */
};

static const char *const role_names[] = {"admin", "manager", "assistant", "principal", NULL};

static const struct field account_fields[] = {
    {"role", FT_ENUM, 0, 0, 0, NULL, role_names, NULL, "admin, manager, assistant or principal"},
    {"person_id", FT_INT, F_NULLABLE, 1, 9007199254740991.0, NULL, NULL, NULL,
     "the person the account belongs to, or null"},
    {"disabled", FT_BOOL, 0, 0, 1, NULL, NULL, NULL, "true: the account cannot sign in"},
    {"password", FT_TEXT, 0, 0, 4096, NULL, NULL, NULL, "a new password (an admin's reset)"},
};

static enum hl_err account_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                                struct hl_error *err)
{
    (void)arg;
    struct account a;
    enum hl_err e = store_account_by_id(ctx->db, id, &a, err);
    if (e == HL_OK)
        *rec = account_json(&a);
    return e;
}

/* The account the merged record describes (role, person, disabled over the stored one). */
static enum hl_err account_merged(struct svc_ctx *ctx, int64_t id, const json_t *merged,
                                  struct account *a, struct hl_error *err)
{
    enum hl_err e = store_account_by_id(ctx->db, id, a, err);
    if (e != HL_OK)
        return e;
    role_parse(json_string_value(json_object_get(merged, "role")), &a->role);
    json_t *pid = json_object_get(merged, "person_id");
    a->person_id = json_is_integer(pid) ? json_integer_value(pid) : 0;
    a->disabled = json_is_true(json_object_get(merged, "disabled"));
    return HL_OK;
}

static enum hl_err account_check(struct svc_ctx *ctx, const void *arg, const json_t *before,
                                 const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)arg, (void)changes;
    struct account a;
    enum hl_err e =
        account_merged(ctx, json_integer_value(json_object_get(before, "id")), merged, &a, err);
    if (e != HL_OK)
        return e;
    if (ctx->who && ctx->who->id == a.id && (a.disabled || a.role != ROLE_ADMIN))
        return hl_fail(err, HL_ERR_CONFLICT, NULL,
                       "you cannot disable or demote your own account; ask another admin");
    return check_person(ctx, a.role, a.person_id, err);
}

static enum hl_err account_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                                const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)changes;
    const struct account_change *c = arg;
    struct account a;
    enum hl_err e = account_merged(ctx, id, merged, &a, err);
    if (e != HL_OK)
        return e;
    a.version = version;
    if ((e = store_account_update(ctx->db, &a, err)) != HL_OK ||
        (c->hash && (e = store_account_set_password(ctx->db, a.id, c->hash, err)) != HL_OK) ||
        (c->hash && (e = store_invite_revoke_open(ctx->db, a.id, NULL, err)) != HL_OK))
        return e;
    /* A disabled account, or a password reset, ends every session and API token. */
    if ((a.disabled || c->hash) &&
        ((e = store_session_delete_others(ctx->db, a.id, 0, err)) != HL_OK ||
         (e = revoke_tokens(ctx, a.id,
                            a.disabled ? "account disabled" : "password reset by an admin", err)) !=
             HL_OK))
        return e;
    return HL_OK;
}

static const struct record_kind account_kind = {
    .name = "account",
    .fields = account_fields,
    .nfields = sizeof account_fields / sizeof account_fields[0],
    .load = account_load,
    .check = account_check,
    .save = account_save,
};

enum hl_err svc_account_update(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                               const json_t *body, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e != HL_OK)
        return e;
    if ((e = record_validate(account_fields, account_kind.nfields, "account", body, err)) != HL_OK)
        return e;
    const char *password = json_string_value(json_object_get(body, "password"));
    if (password && (e = auth_password_policy(password, err)) != HL_OK)
        return e;
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "send If-Match with the version you read, so no one's change is lost");
    char hash[crypto_pwhash_STRBYTES];
    if (password && (e = auth_password_hash(password, hash, err)) != HL_OK)
        return e;
    /* The password never reaches the audit log: the record's fields are the change. */
    json_t *changes = json_deep_copy(body);
    json_object_del(changes, "password");
    struct account_change c = {password ? hash : NULL};
    e = svc_record_update(ctx, &account_kind, &c, id, if_match, true, changes,
                          password ? "update+password" : "update", out, err);
    json_decref(changes);
    sodium_memzero(hash, sizeof hash);
    return e;
}

static const char *const lang_names[] = {"et", "en", NULL};

static const struct field lang_fields[] = {
    {"lang", FT_ENUM, F_NULLABLE, 0, 0, NULL, lang_names, NULL,
     "et or en; null: the browser's language"},
};

static enum hl_err lang_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                             const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)arg, (void)changes;
    return store_account_set_lang(ctx->db, id, version,
                                  json_string_value(json_object_get(merged, "lang")), err);
}

static const struct record_kind lang_kind = {
    .name = "account",
    .fields = lang_fields,
    .nfields = sizeof lang_fields / sizeof lang_fields[0],
    .load = account_load,
    .check = NULL,
    .save = lang_save,
};

enum hl_err svc_me_lang(struct svc_ctx *ctx, const json_t *body, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_account(ctx, err);
    if (e != HL_OK)
        return e;
    if (!json_object_get(body, "lang"))
        return hl_fail(err, HL_ERR_INVALID, "lang", "lang is required: et, en or null");
    /* One's own preference: no If-Match (nothing of anyone else's can be lost). */
    return svc_record_update(ctx, &lang_kind, NULL, ctx->who->id, IF_MATCH_NONE, false, body,
                             "lang", out, err);
}

enum hl_err svc_password_change(struct svc_ctx *ctx, const char *current, const char *next,
                                int64_t keep_session, const char *address, struct hl_error *err)
{
    enum hl_err e = need_account(ctx, err);
    if (e != HL_OK)
        return e;
    if ((e = auth_password_policy(next, err)) != HL_OK) {
        /* the rule is about the field the form calls new_password (the Account page shows
         * the error under it) */
        snprintf(err->field, sizeof err->field, "new_password");
        return e;
    }
    /* Guessing the current password here is throttled like signing in, and counted before
     * the check for the same reason. */
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = throttle_check(ctx, ctx->who->login, address, err)) != HL_OK ||
        (e = store_failure_insert(ctx->db, ctx->who->login, address, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        return e;
    }
    struct account a;
    char *hash = NULL;
    if ((e = store_account_by_login(ctx->db, ctx->who->login, &a, &hash, err)) != HL_OK)
        return e;
    bool ok = current && auth_password_verify(hash, current);
    free(hash);
    if (!ok)
        return hl_fail(err, HL_ERR_INVALID, "current_password", "the current password is wrong");
    char fresh[crypto_pwhash_STRBYTES];
    if ((e = auth_password_hash(next, fresh, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *after = account_json(&a);
    /* A new password ends every other session and every API token of the account (a
     * thief's, say): a token created with the old password must not outlive it. */
    if ((e = store_account_set_password(ctx->db, a.id, fresh, err)) != HL_OK ||
        (e = store_failure_clear(ctx->db, ctx->who->login, err)) != HL_OK ||
        (e = store_session_delete_others(ctx->db, a.id, keep_session, err)) != HL_OK ||
        (e = revoke_tokens(ctx, a.id, "password changed", err)) != HL_OK ||
        (e = audit_account(ctx, "password", a.id, NULL, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        db_rollback(ctx->db);
    json_decref(after);
    return e;
}
