/* test_mail.c: mail_render's placeholders and mail_enqueue's recipient, language and outbox
 * row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "mail_format.h"
#include "store_mail.h"
#include "testutil.h"

static const struct mail_template greeting = {
    "test.greeting",
    {"Hello {name}", "Tere {name}"},
    {"You have {count} messages. {missing} {not a name}", "Sul on {count} sõnumit."},
};

static void test_render(void **state)
{
    (void)state;
    json_t *p = json_pack("{ss si}", "name", "Kadri Tamm", "count", 3);
    char *s = mail_render(greeting.body[MAIL_EN], p);
    assert_string_equal(s, "You have 3 messages. {missing} {not a name}");
    free(s);
    s = mail_render("{name}{name}{", p);
    assert_string_equal(s, "Kadri TammKadri Tamm{");
    free(s);
    s = mail_render("", NULL);
    assert_string_equal(s, "");
    free(s);
    json_decref(p);
}

static void exec(struct fixture *f, const char *sql)
{
    assert_int_equal(sqlite3_exec(db_handle(f->db), sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_enqueue(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    exec(f,
         "INSERT INTO person (id, created_at, updated_at, name, email, time_zone, office) VALUES "
         "(7, 0, 0, 'Kadri Tamm', 'kadri@example.ee', 'Europe/Tallinn', 'Tallinn'), "
         "(8, 0, 0, 'Helen Koppel', 'helen@example.ee', 'Europe/Tallinn', 'Tallinn')");
    exec(f, "INSERT INTO account (created_at, updated_at, login, role, person_id, "
            "password_hash, lang) VALUES (0, 0, 'kadri', 'assistant', 7, 'x', 'et')");
    json_t *p = json_pack("{ss si}", "name", "Kadri", "count", 2);
    int64_t id = 0;
    /* A person whose account chose Estonian gets the Estonian text at their address. */
    struct mail_to to = {7, NULL, MAIL_EN};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, p, "BEGIN:VCALENDAR", &id, &err), HL_OK);
    assert_true(id > 0);
    char *s = sql_text(f->db, "SELECT to_address || '|' || lang || '|' || subject || '|' || body "
                              "|| '|' || status || '|' || ics FROM mail_outbox ORDER BY id DESC");
    assert_string_equal(s,
                        "kadri@example.ee|et|Tere Kadri|Sul on 2 sõnumit.|queued|BEGIN:VCALENDAR");
    free(s);
    /* A person without a chosen language gets English; an outside address its given language. */
    to = (struct mail_to){8, NULL, MAIL_ET};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, p, NULL, &id, &err), HL_OK);
    to = (struct mail_to){0, "guest@example.com", MAIL_ET};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, p, NULL, &id, &err), HL_OK);
    s = sql_text(f->db,
                 "SELECT group_concat(to_address || ':' || lang || ':' || "
                 "coalesce(person_id, 0), ',') FROM (SELECT * FROM mail_outbox ORDER BY id)");
    assert_string_equal(s, "kadri@example.ee:et:7,helen@example.ee:en:8,guest@example.com:et:0");
    free(s);
    /* Nobody to send to, or a person who does not exist: an error and no row. */
    to = (struct mail_to){0, NULL, MAIL_EN};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, p, NULL, &id, &err), HL_ERR_INTERNAL);
    to = (struct mail_to){99, NULL, MAIL_EN};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, p, NULL, &id, &err), HL_ERR_NOT_FOUND);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mail_outbox"), 3);
    json_decref(p);
}

/* The header encoding round-trips through base64 and never splits a character or a line. */
static void test_header_encode(void **state)
{
    (void)state;
    char *s = mail_header_encode("Plain subject");
    assert_string_equal(s, "Plain subject");
    free(s);
    s = mail_header_encode("two\r\nlines");
    assert_string_equal(s, "two  lines"); /* no header injection */
    free(s);
    s = mail_header_encode("Puhkus: Kadri Tamm");
    assert_string_equal(s, "Puhkus: Kadri Tamm");
    free(s);
    s = mail_header_encode("Sõnum");
    assert_string_equal(s, "=?UTF-8?B?U8O1bnVt?=");
    free(s);
    /* 30 two-byte characters: 60 bytes, more than one word's 45; the cut falls between
     * characters (44 bytes), every word at most 75 characters. */
    char long_text[61];
    for (int i = 0; i < 30; i++)
        memcpy(long_text + 2 * i, "õ", 2);
    long_text[60] = '\0';
    s = mail_header_encode(long_text);
    char *fold = strstr(s, "\r\n ");
    assert_non_null(fold);
    assert_true(fold - s <= 75);
    assert_string_equal(
        s, "=?UTF-8?B?w7XDtcO1w7XDtcO1w7XDtcO1w7XDtcO1w7XDtcO1w7XDtcO1w7XDtcO1w7U=?=\r\n "
           "=?UTF-8?B?w7XDtcO1w7XDtcO1w7XDtQ==?=");
    free(s);
    s = mail_header_encode("=?UTF-8?B?x?=");
    assert_string_equal(s, "=?UTF-8?B?PT9VVEYtOD9CP3g/PQ==?=");
    free(s);
}

static void test_format_pieces(void **state)
{
    (void)state;
    char d[40];
    mail_date(0, d);
    assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 +0000");
    mail_date(1795960558, d);
    assert_string_equal(d, "Sun, 29 Nov 2026 13:55:58 +0000");
    char *id = mail_message_id(42, 1000, "haldus@example.org");
    assert_string_equal(id, "<haldus.42.1000@example.org>");
    free(id);
    id = mail_message_id(1, 2, NULL);
    assert_string_equal(id, "<haldus.1.2@localhost>");
    free(id);
    char *m = mail_ics_method("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nmethod:request\r\nEND:VCALENDAR");
    assert_string_equal(m, "REQUEST");
    free(m);
    assert_null(mail_ics_method("BEGIN:VCALENDAR\r\nEND:VCALENDAR"));
    assert_null(mail_ics_method("METHOD:REQ;UEST\r\n"));
    assert_null(mail_ics_method(NULL));
    assert_int_equal(mail_backoff(1, 60), 60);
    assert_int_equal(mail_backoff(2, 60), 120);
    assert_int_equal(mail_backoff(4, 60), 480);
    assert_int_equal(mail_backoff(30, 60), MAIL_BACKOFF_MAX);
    assert_int_equal(mail_backoff(3, 86400), 86400);
    assert_true(mail_kind_valid("message.urgent"));
    assert_true(mail_kind_valid("a"));
    assert_false(mail_kind_valid(""));
    assert_false(mail_kind_valid("Message.urgent"));
    assert_false(mail_kind_valid("a..b"));
    assert_false(mail_kind_valid(".a"));
    assert_false(mail_kind_valid("a b"));
    assert_true(mail_url_valid("smtp://relay.example.org:587"));
    assert_true(mail_url_valid("smtps://relay.example.org"));
    assert_false(mail_url_valid("http://relay.example.org"));
    assert_false(mail_url_valid("smtp://user:secret@relay.example.org"));
    assert_false(mail_url_valid("smtp://relay example"));
    assert_false(mail_url_valid("smtp://"));
}

/* A person who turned a kind off gets no row (id 0); others still do; the claim counts the
 * attempt and hides the row for the lease; a failure past the limit is final. */
static void test_optout_and_claim(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    exec(f,
         "INSERT INTO person (id, created_at, updated_at, name, email, time_zone, office) VALUES "
         "(7, 0, 0, 'Kadri Tamm', 'kadri@example.ee', 'Europe/Tallinn', 'Tallinn')");
    assert_int_equal(store_mail_optout_set(f->db, 7, "test.greeting", true, &err), HL_OK);
    assert_int_equal(store_mail_optout_set(f->db, 7, "test.greeting", true, &err), HL_OK);
    int64_t id = -1;
    struct mail_to to = {7, NULL, MAIL_EN};
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, NULL, NULL, &id, &err), HL_OK);
    assert_int_equal(id, 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM mail_outbox"), 0);
    assert_int_equal(store_mail_optout_set(f->db, 7, "test.greeting", false, &err), HL_OK);
    assert_int_equal(mail_enqueue(&f->ctx, &greeting, &to, NULL, NULL, &id, &err), HL_OK);
    assert_true(id > 0);

    int64_t now = sql_int(f->db, "SELECT next_attempt_at FROM mail_outbox");
    struct store_mail_item *items;
    size_t n;
    assert_int_equal(store_mail_claim(f->db, now, 100, 10, &items, &n, &err), HL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, id);
    assert_int_equal(items[0].attempts, 1);
    assert_string_equal(items[0].to_address, "kadri@example.ee");
    store_mail_item_cleanup(&items[0]);
    free(items);
    /* Claimed: not due again until the lease ends. */
    assert_int_equal(store_mail_claim(f->db, now + 99, 100, 10, &items, &n, &err), HL_OK);
    assert_int_equal(n, 0);
    free(items);
    assert_int_equal(store_mail_mark_failed(f->db, id, "down", now, now + 5, false, &err), HL_OK);
    assert_int_equal(store_mail_claim(f->db, now + 5, 100, 10, &items, &n, &err), HL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].attempts, 2);
    store_mail_item_cleanup(&items[0]);
    free(items);
    assert_int_equal(store_mail_mark_failed(f->db, id, "still down", now, now + 10, true, &err),
                     HL_OK);
    char *s = sql_text(f->db, "SELECT status || ':' || attempts || ':' || last_error FROM "
                              "mail_outbox");
    assert_string_equal(s, "failed:2:still down");
    free(s);
    /* Retrying starts over (guarded by the version when given); a sent mail cannot be
     * retried. */
    assert_int_equal(store_mail_requeue(f->db, id, 99, &err), HL_ERR_STALE);
    assert_int_equal(store_mail_requeue(f->db, id, -1, &err), HL_OK);
    s = sql_text(f->db, "SELECT status || ':' || attempts FROM mail_outbox");
    assert_string_equal(s, "queued:0");
    free(s);
    assert_int_equal(store_mail_mark_sent(f->db, id, now, &err), HL_OK);
    assert_int_equal(store_mail_requeue(f->db, id, -1, &err), HL_ERR_CONFLICT);
    assert_int_equal(store_mail_requeue(f->db, id + 1, -1, &err), HL_ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test_setup_teardown(test_enqueue, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_header_encode),
        cmocka_unit_test(test_format_pieces),
        cmocka_unit_test_setup_teardown(test_optout_and_claim, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
