/* test_auth.c: passwords, sessions (idle and absolute expiry on an injected clock), API
 * tokens, throttling and lockout, account administration — src/domain/account/svc_auth.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "absence.h"
#include "people.h"
#include "store_entity.h"
#include "svc_auth.h"
#include "svc_entity.h"
#include "testutil.h"

#define T0       1767225600 /* the fixture's clock: 2026-01-01T00:00:00Z */
#define PASSWORD "correct horse battery"

static int64_t add_assistant(struct fixture *f, const char *email)
{
    json_t *rec;
    json_t *body = json_pack("{ss ss ss ss}", "name", "Test Assistant", "email", email, "time_zone",
                             "Europe/Tallinn", "office", "Tallinn");
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(svc_entity_create(&f->ctx, &ent_assistant, body, &rec, &err), HL_OK);
    int64_t id = json_integer_value(json_object_get(rec, "id"));
    json_decref(body);
    json_decref(rec);
    return id;
}

static void add_account(struct fixture *f, const char *login, const char *role, int64_t person)
{
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(svc_account_create(&f->ctx, login, role, person, PASSWORD, NULL, &err), HL_OK);
}

static enum hl_err login(struct fixture *f, const char *who, const char *pw, struct login_result *r)
{
    struct hl_error err;
    hl_error_clear(&err);
    return svc_login(&f->ctx, who, pw, "192.0.2.1", "unit", r, &err);
}

static void test_password_policy(void **state)
{
    (void)state;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(auth_password_policy("elevenchars", &err), HL_ERR_INVALID);
    assert_string_equal(err.field, "password");
    assert_int_equal(auth_password_policy("twelve chars", &err), HL_OK);
    /* Characters, not bytes: eleven ä are 22 bytes but still too short. */
    assert_int_equal(auth_password_policy("äääääääääää", &err), HL_ERR_INVALID);
    assert_int_equal(auth_password_policy(NULL, &err), HL_ERR_INVALID);
}

static void test_hash_parameters(void **state)
{
    (void)state;
    char hash[crypto_pwhash_STRBYTES];
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(auth_password_hash(PASSWORD, hash, &err), HL_OK);
    /* argon2id, 19 MiB (19456 KiB), two passes. */
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_non_null(strstr(hash, "m=19456,t=2"));
    assert_true(AUTH_PW_MEMLIMIT >= 19u * 1024 * 1024 && AUTH_PW_OPSLIMIT >= 2);
    assert_true(auth_password_verify(hash, PASSWORD));
    assert_false(auth_password_verify(hash, PASSWORD "x"));
}

static void test_rehash_on_login(void **state)
{
    struct fixture *f = *state;
    add_account(f, "old@example.org", "manager", 0);
    /* Pretend the stored hash was made with older, weaker parameters. */
    char weak[crypto_pwhash_STRBYTES];
    assert_int_equal(crypto_pwhash_str(weak, PASSWORD, strlen(PASSWORD), 1, 8u * 1024 * 1024), 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->db),
                                        "UPDATE account SET password_hash = ?1 WHERE login = ?2",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, weak, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "old@example.org", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    struct login_result r;
    assert_int_equal(login(f, "old@example.org", PASSWORD, &r), HL_OK);
    char *now =
        sql_text(f->db, "SELECT password_hash FROM account WHERE login = 'old@example.org'");
    assert_non_null(strstr(now, "m=19456,t=2"));
    assert_true(auth_password_verify(now, PASSWORD));
    free(now);
}

static void test_session_idle_and_absolute(void **state)
{
    struct fixture *f = *state;
    add_account(f, "m@example.org", "manager", 0);
    struct login_result r;
    struct auth_state s;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(login(f, "m@example.org", PASSWORD, &r), HL_OK);
    assert_int_equal(strlen(r.token), 22); /* 16 random bytes, base64url */
    assert_int_equal(r.expires_at, T0 + SESSION_ABSOLUTE_SECONDS);
    /* The token itself is never stored. */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM session WHERE length(token_hash) = 32"),
                     1);
    /* Used every 29 minutes, it stays alive … */
    int64_t t = T0;
    for (int i = 0; i < 10; i++) {
        t += 29 * 60;
        db_set_clock(f->db, t);
        assert_int_equal(svc_session_authenticate(&f->ctx, r.token, &s, &err), HL_OK);
        assert_string_equal(s.csrf, r.state.csrf);
    }
    /* … until it has been idle for 30 minutes. */
    db_set_clock(f->db, t + SESSION_IDLE_SECONDS);
    assert_int_equal(svc_session_authenticate(&f->ctx, r.token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_non_null(strstr(err.message, "idle"));
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM session"), 0);

    /* A session kept busy still ends 12 hours after sign-in. */
    db_set_clock(f->db, T0);
    assert_int_equal(login(f, "m@example.org", PASSWORD, &r), HL_OK);
    for (t = T0 + 20 * 60; t < T0 + SESSION_ABSOLUTE_SECONDS; t += 20 * 60) {
        db_set_clock(f->db, t);
        assert_int_equal(svc_session_authenticate(&f->ctx, r.token, &s, &err), HL_OK);
    }
    db_set_clock(f->db, T0 + SESSION_ABSOLUTE_SECONDS);
    assert_int_equal(svc_session_authenticate(&f->ctx, r.token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_non_null(strstr(err.message, "12 hours"));
}

static void test_logout_and_disable(void **state)
{
    struct fixture *f = *state;
    int64_t person = add_assistant(f, "a@example.org");
    add_account(f, "a@example.org", "assistant", person);
    struct login_result r1, r2;
    struct auth_state s;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(login(f, "a@example.org", PASSWORD, &r1), HL_OK);
    assert_int_equal(login(f, "a@example.org", PASSWORD, &r2), HL_OK);
    assert_string_not_equal(r1.token, r2.token);
    /* Signing out ends that session only. */
    struct svc_ctx as = {f->db, "a@example.org", &r1.state.account};
    assert_int_equal(svc_session_end(&as, r1.state.session_id, &err), HL_OK);
    assert_int_equal(svc_session_authenticate(&f->ctx, r1.token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_int_equal(svc_session_authenticate(&f->ctx, r2.token, &s, &err), HL_OK);
    /* Another account cannot end it: it answers as if there were none. */
    add_account(f, "b@example.org", "manager", 0);
    struct login_result rb;
    assert_int_equal(login(f, "b@example.org", PASSWORD, &rb), HL_OK);
    struct svc_ctx bs = {f->db, "b@example.org", &rb.state.account};
    assert_int_equal(svc_session_end(&bs, r2.state.session_id, &err), HL_ERR_NOT_FOUND);
    /* A token of the account works until the account is disabled. */
    json_t *tok;
    assert_int_equal(svc_token_create(&as, "script", &tok, &err), HL_OK);
    const char *token = json_string_value(json_object_get(tok, "token"));
    assert_int_equal(strncmp(token, "hld_", 4), 0);
    assert_int_equal(svc_token_authenticate(&f->ctx, token, &s, &err), HL_OK);
    assert_int_equal(s.account.role, ROLE_ASSISTANT);
    struct account a;
    assert_int_equal(svc_account_find(&f->ctx, "a@example.org", &a, &err), HL_OK);
    json_t *body = json_pack("{sb}", "disabled", 1);
    assert_int_equal(svc_account_update(&f->ctx, a.id, a.version, body, NULL, &err), HL_OK);
    json_decref(body);
    assert_int_equal(svc_session_authenticate(&f->ctx, r2.token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_int_equal(svc_token_authenticate(&f->ctx, token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_int_equal(login(f, "a@example.org", PASSWORD, &r1), HL_ERR_UNAUTHORIZED);
    json_decref(tok);
}

static void test_token_revoke(void **state)
{
    struct fixture *f = *state;
    add_account(f, "m@example.org", "manager", 0);
    struct login_result r;
    struct auth_state s;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(login(f, "m@example.org", PASSWORD, &r), HL_OK);
    struct svc_ctx ms = {f->db, "m", &r.state.account};
    json_t *tok;
    assert_int_equal(svc_token_create(&ms, "ci", &tok, &err), HL_OK);
    const char *token = json_string_value(json_object_get(tok, "token"));
    assert_int_equal(svc_token_authenticate(&f->ctx, token, &s, &err), HL_OK);
    assert_int_equal(s.session_id, 0);
    int64_t id = json_integer_value(json_object_get(tok, "id"));
    assert_int_equal(svc_token_revoke(&ms, id, &err), HL_OK);
    assert_int_equal(svc_token_authenticate(&f->ctx, token, &s, &err), HL_ERR_UNAUTHORIZED);
    assert_int_equal(svc_token_revoke(&ms, id, &err), HL_ERR_NOT_FOUND);
    json_decref(tok);
}

/* A database that stops taking writes (a full disk, a file made read-only; here PRAGMA
 * query_only) still signs requests in: the last-seen and last-used bookkeeping is best effort,
 * and a real change answers HL_ERR_READ_ONLY. */
static void test_unwritable_database_still_authenticates(void **state)
{
    struct fixture *f = *state;
    add_account(f, "m@example.org", "manager", 0);
    struct login_result r;
    struct auth_state s;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(login(f, "m@example.org", PASSWORD, &r), HL_OK);
    struct svc_ctx ms = {f->db, "m", &r.state.account};
    json_t *tok;
    assert_int_equal(svc_token_create(&ms, "ci", &tok, &err), HL_OK);
    const char *token = json_string_value(json_object_get(tok, "token"));
    assert_int_equal(db_exec(f->db, "PRAGMA query_only = 1", &err), HL_OK);
    /* Late enough that both want to write their time. */
    db_set_clock(f->db, T0 + 10 * SESSION_TOUCH_SECONDS);
    assert_int_equal(svc_session_authenticate(&f->ctx, r.token, &s, &err), HL_OK);
    assert_int_equal(s.session_id, r.state.session_id);
    assert_int_equal(svc_token_authenticate(&f->ctx, token, &s, &err), HL_OK);
    json_t *refused = NULL;
    assert_int_equal(svc_token_create(&ms, "refused", &refused, &err), HL_ERR_READ_ONLY);
    assert_null(refused);
    assert_int_equal(hl_err_http_status(err.code), 503);
    assert_int_equal(db_exec(f->db, "PRAGMA query_only = 0", &err), HL_OK);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM api_token"), 1);
    json_decref(tok);
}

/* The same answers for a login that exists and one that does not. */
static void throttle_run(struct fixture *f, const char *who)
{
    struct login_result r;
    int64_t t = T0 + 1000;
    db_set_clock(f->db, t);
    for (int i = 0; i < THROTTLE_LOGIN_FREE; i++)
        assert_int_equal(login(f, who, "wrong password!", &r), HL_ERR_UNAUTHORIZED);
    /* Slowed: an immediate retry is refused, even with the right password. */
    assert_int_equal(login(f, who, PASSWORD, &r), HL_ERR_THROTTLED);
    /* Failures up to the lock, each after its wait. */
    for (int i = THROTTLE_LOGIN_FREE; i < THROTTLE_LOGIN_LOCK; i++) {
        t += 60;
        db_set_clock(f->db, t);
        assert_int_equal(login(f, who, "wrong password!", &r), HL_ERR_UNAUTHORIZED);
    }
    /* Locked for the rest of the window, whatever the password. */
    t += 60;
    db_set_clock(f->db, t);
    assert_int_equal(login(f, who, PASSWORD, &r), HL_ERR_THROTTLED);
    /* At most THROTTLE_LOGIN_LOCK failures were even tried in the window. */
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM login_failure WHERE login = '%s'", who);
    assert_int_equal(sql_int(f->db, sql), THROTTLE_LOGIN_LOCK);
}

static void test_throttle_and_lockout(void **state)
{
    struct fixture *f = *state;
    add_account(f, "m@example.org", "manager", 0);
    throttle_run(f, "m@example.org");
    throttle_run(f, "nobody@example.org");
    /* After the window the account signs in again, and its failures are forgotten. */
    struct login_result r;
    db_set_clock(f->db, T0 + 1000 + THROTTLE_WINDOW_SECONDS + 700);
    assert_int_equal(login(f, "m@example.org", PASSWORD, &r), HL_OK);
    assert_int_equal(
        sql_int(f->db, "SELECT count(*) FROM login_failure WHERE login = 'm@example.org'"), 0);
}

static void test_account_admin_rules(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    /* An assistant account needs an assistant. */
    assert_int_equal(
        svc_account_create(&f->ctx, "x@example.org", "assistant", 0, PASSWORD, NULL, &err),
        HL_ERR_INVALID);
    assert_string_equal(err.field, "person_id");
    assert_int_equal(
        svc_account_create(&f->ctx, "x@example.org", "wizard", 0, PASSWORD, NULL, &err),
        HL_ERR_INVALID);
    assert_string_equal(err.field, "role");
    assert_int_equal(
        svc_account_create(&f->ctx, "x@example.org", "manager", 0, "short", NULL, &err),
        HL_ERR_INVALID);
    add_account(f, "x@example.org", "manager", 0);
    assert_int_equal(
        svc_account_create(&f->ctx, "X@example.org", "manager", 0, PASSWORD, NULL, &err),
        HL_ERR_DUPLICATE);
    /* Only admins administer accounts. */
    struct login_result r;
    assert_int_equal(login(f, "x@example.org", PASSWORD, &r), HL_OK);
    struct svc_ctx ms = {f->db, "x", &r.state.account};
    assert_int_equal(svc_account_create(&ms, "y@example.org", "manager", 0, PASSWORD, NULL, &err),
                     HL_ERR_FORBIDDEN);
    /* An admin cannot lock themselves out. */
    add_account(f, "root@example.org", "admin", 0);
    assert_int_equal(login(f, "root@example.org", PASSWORD, &r), HL_OK);
    struct svc_ctx as = {f->db, "root", &r.state.account};
    json_t *body = json_pack("{sb}", "disabled", 1);
    assert_int_equal(
        svc_account_update(&as, r.state.account.id, r.state.account.version, body, NULL, &err),
        HL_ERR_CONFLICT);
    json_decref(body);
    /* No account row ever holds the password. */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM account WHERE password_hash LIKE "
                                    "'%correct horse%'"),
                     0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_hash_parameters),
        cmocka_unit_test_setup_teardown(test_rehash_on_login, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_session_idle_and_absolute, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_logout_and_disable, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_token_revoke, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_database_still_authenticates, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_throttle_and_lockout, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_account_admin_rules, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
