/* test_mail.c: mail_render's placeholders and mail_enqueue's recipient, language and outbox
 * row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "mail.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test_setup_teardown(test_enqueue, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
