/* test_demo.c: unit tests of src/svc_demo.c: the demo is reproducible from its seed, has the
 * promised shape (offices, the Kadri Tamm case), and large demos are consistent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "absence.h"
#include "people.h"
#include "store_entity.h"
#include "svc_demo.h"
#include "testutil.h"
#include "timeutil.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

struct dir {
    char *path;
    int serial;
    struct db *open[4]; /* closed by teardown when a failed test could not */
};

static int setup(void **state)
{
    struct dir *d = hl_calloc(1, sizeof *d);
    d->path = tmpdir_make();
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dir *d = *state;
    for (size_t i = 0; i < sizeof d->open / sizeof d->open[0]; i++)
        db_close(d->open[i]);
    tmpdir_remove(d->path);
    free(d);
    return 0;
}

/* A fresh database file in the folder, migrated; the caller closes it. */
static struct db *fresh_db(struct dir *d)
{
    char *path = hl_asprintf("%s/demo-%d.db", d->path, d->serial++);
    struct db *db = testdb_create(path);
    free(path);
    db_set_clock(db, 1770681600); /* 2026-02-10T00:00:00Z */
    size_t i = 0;
    while (i < sizeof d->open / sizeof d->open[0] && d->open[i])
        i++;
    assert_true(i < sizeof d->open / sizeof d->open[0]);
    d->open[i] = db;
    return db;
}

/* Closes a database of fresh_db(). */
static void done(struct dir *d, struct db *db)
{
    for (size_t i = 0; i < sizeof d->open / sizeof d->open[0]; i++)
        if (d->open[i] == db)
            d->open[i] = NULL;
    db_close(db);
}

static bool english_names; /* the next build()s: --names en */

static enum hl_err build(struct db *db, uint64_t seed, int assistants, int principals,
                         int64_t today, struct demo_summary *sum, struct hl_error *err)
{
    struct svc_ctx ctx = {.db = db, .actor = "unit-test", .who = NULL};
    struct demo_options opt = {seed, assistants, principals, today, english_names};
    hl_error_clear(err);
    return svc_demo_build(&ctx, &opt, sum, err);
}

/* Builds and fails the test unless the demo was built. */
static void build_ok(struct db *db, uint64_t seed, int assistants, int principals, int64_t today,
                     struct demo_summary *sum)
{
    struct hl_error err;
    enum hl_err e = build(db, seed, assistants, principals, today, sum, &err);
    if (e != HL_OK)
        fail_msg("demo (seed %llu, %d/%d) failed: %s: %s (field %s)", (unsigned long long)seed,
                 assistants, principals, hl_err_code(e), err.message, err.field);
    assert_int_equal(db_tx_depth(db), 0);
}

/* "name <email>" of every person in id order, one a line. */
static char *people(struct db *db)
{
    struct buf b;
    buf_init(&b, 0);
    struct list_query q = {.limit = 500};
    for (;;) {
        struct hl_error err;
        json_t *items = NULL;
        bool more = false;
        assert_int_equal(store_entity_list(db, &ent_person, &q, &items, &more, &err), HL_OK);
        size_t i;
        json_t *p;
        json_array_foreach(items, i, p)
        {
            buf_printf(&b, "%s <%s>\n", json_string_value(json_object_get(p, "name")),
                       json_string_value(json_object_get(p, "email")));
            q.after_id = json_integer_value(json_object_get(p, "id"));
        }
        json_decref(items);
        if (!more)
            break;
    }
    return buf_steal(&b);
}

static int64_t rows(struct db *db, const char *sql)
{
    return sql_int(db, sql);
}

/* sql_int of fmt with one integer (an id) filled in. */
static int64_t count(struct db *db, const char *fmt, long long arg)
{
    char sql[400];
    snprintf(sql, sizeof sql, fmt, arg);
    return sql_int(db, sql);
}

static void test_same_seed_same_people(void **state)
{
    struct dir *d = *state;
    int64_t today = days_from_civil(2026, 2, 10);
    struct demo_summary s1, s2, s3;
    struct db *a = fresh_db(d), *b = fresh_db(d), *c = fresh_db(d);
    build_ok(a, 7, 0, 0, today, &s1);
    build_ok(b, 7, 0, 0, today, &s2);
    build_ok(c, 8, 0, 0, today, &s3);
    char *pa = people(a), *pb = people(b), *pc = people(c);
    assert_int_equal(
        rows(a, "SELECT count(*) FROM assistant") + rows(a, "SELECT count(*) FROM principal"), 43);
    assert_string_equal(pa, pb);
    assert_memory_equal(&s1, &s2, sizeof s1);
    if (strcmp(pa, pc) == 0)
        fail_msg("seeds 7 and 8 gave the same people:\n%s", pa);
    /* Not only the names: the whole organisation is the same. */
    static const char *const digest =
        "SELECT total(assistant_id * 7 + principal_id * 13 + length(kind)) || ':' || count(*) "
        "FROM assignment";
    char *da = sql_text(a, digest), *db_ = sql_text(b, digest);
    assert_string_equal(da, db_);
    free(da);
    free(db_);
    free(pa);
    free(pb);
    free(pc);
    done(d, a);
    done(d, b);
    done(d, c);
}

/* Checks the hand-shaped demo built on `today`. */
static void check_small_demo(struct db *db, const struct demo_summary *sum, int64_t today)
{
    assert_int_equal(sum->assistants, 12);
    assert_int_equal(sum->principals, 31);
    assert_int_equal(rows(db, "SELECT count(*) FROM assistant"), 12);
    assert_int_equal(rows(db, "SELECT count(*) FROM principal"), 31);
    /* People are assistants or principals, except the demo's manager (who has no role in
     * the support model). */
    assert_int_equal(rows(db, "SELECT count(*) FROM person WHERE id NOT IN (SELECT id FROM "
                              "assistant UNION ALL SELECT id FROM principal)"),
                     1);
    assert_int_equal(rows(db, "SELECT count(*) FROM absence"), sum->absences);
    assert_int_equal(rows(db, "SELECT count(*) FROM assignment"), sum->assignments);
    assert_int_equal(rows(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* Two offices, each in one time zone, the two zones different. */
    assert_int_equal(rows(db, "SELECT count(DISTINCT office) FROM person"), 2);
    assert_int_equal(rows(db, "SELECT count(DISTINCT time_zone) FROM person"), 2);
    assert_int_equal(rows(db, "SELECT count(*) FROM (SELECT office FROM person GROUP BY office "
                              "HAVING count(DISTINCT time_zone) > 1)"),
                     0);
    /* Every principal has a primary assistant but the newcomer, who has two designated
     * backups instead (the "without support" flag has something to show). */
    assert_int_equal(rows(db, "SELECT count(*) FROM principal p WHERE NOT EXISTS (SELECT 1 FROM "
                              "assignment g WHERE g.principal_id = p.id AND g.kind = 'primary' "
                              ")"),
                     1);
    assert_int_equal(rows(db, "SELECT count(*) FROM designated_backup WHERE principal_id = (SELECT "
                              "p.id FROM principal p WHERE NOT EXISTS (SELECT 1 FROM assignment g "
                              "WHERE g.principal_id = p.id))"),
                     2);

    /* The case: Kadri Tamm, primary assistant of exactly two principals … */
    struct hl_error err;
    json_t *kadri = NULL, *absence = NULL;
    assert_int_equal(store_entity_get(db, &ent_assistant, sum->case_assistant_id, &kadri, &err),
                     HL_OK);
    assert_string_equal(json_string_value(json_object_get(kadri, "name")), sum->case_name);
    assert_string_equal(json_string_value(json_object_get(kadri, "time_zone")), "Europe/Tallinn");
    json_decref(kadri);
    char one[200];
    snprintf(one, sizeof one, "SELECT count(*) FROM person WHERE name = '%s'", sum->case_name);
    assert_int_equal(rows(db, one), 1);
    assert_int_equal(count(db,
                           "SELECT count(DISTINCT principal_id) FROM assignment WHERE "
                           "assistant_id = %lld AND kind = 'primary'",
                           (long long)sum->case_assistant_id),
                     2);
    assert_int_equal(count(db,
                           "SELECT count(*) FROM assignment WHERE assistant_id = %lld AND "
                           "kind = 'primary'",
                           (long long)sum->case_assistant_id),
                     2);

    /* … asks for a vacation from a Monday 00:00 to the Saturday 00:00 local time in Tallinn,
     * in the next calendar month, not yet approved. */
    assert_int_equal(store_entity_get(db, &ent_absence, sum->case_absence_id, &absence, &err),
                     HL_OK);
    assert_int_equal(json_integer_value(json_object_get(absence, "person_id")),
                     sum->case_assistant_id);
    assert_string_equal(json_string_value(json_object_get(absence, "kind")), "vacation");
    assert_string_equal(json_string_value(json_object_get(absence, "status")), "requested");
    int64_t start, end, start_day, end_day;
    int start_min, end_min;
    assert_true(instant_parse(json_string_value(json_object_get(absence, "start_at")), &start));
    assert_true(instant_parse(json_string_value(json_object_get(absence, "end_at")), &end));
    json_decref(absence);
    assert_true(tz_utc_to_local("Europe/Tallinn", start, &start_day, &start_min));
    assert_true(tz_utc_to_local("Europe/Tallinn", end, &end_day, &end_min));
    assert_int_equal(start_min, 0);
    assert_int_equal(end_min, 0);
    assert_int_equal(weekday_from_days(start_day), 1);
    assert_int_equal(weekday_from_days(end_day), 6);
    assert_int_equal(end_day - start_day, 5);
    int ty, tm, td, sy, sm, sd;
    civil_from_days(today, &ty, &tm, &td);
    civil_from_days(start_day, &sy, &sm, &sd);
    assert_int_equal(sy * 12 + sm, ty * 12 + tm + 1);
    int ey, em, ed;
    civil_from_days(end_day - 1, &ey, &em, &ed); /* the last day away is in that month too */
    assert_int_equal(em, sm);
}

static void test_small_demo(void **state)
{
    struct dir *d = *state;
    /* Today in several months, December (next month in the next year) among them. */
    static const int dates[][3] = {
        {2026, 2, 10}, {2026, 12, 20}, {2026, 3, 31}, {2027, 1, 31}, {2026, 10, 1}};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        int64_t today = days_from_civil(dates[i][0], dates[i][1], dates[i][2]);
        struct demo_summary sum;
        struct db *db = fresh_db(d);
        build_ok(db, 1, 0, 0, today, &sum);
        check_small_demo(db, &sum, today);
        /* One audit row says the demo was built. */
        assert_int_equal(rows(db, "SELECT count(*) FROM audit_log WHERE action = 'demo'"), 1);
        done(d, db);
    }
}

/* Every seed gives a demo: the random names may not collide with the fixed case assistant. */
static void test_small_demo_any_seed(void **state)
{
    struct dir *d = *state;
    int64_t today = days_from_civil(2026, 5, 4);
    for (uint64_t seed = 0; seed < 100; seed++) {
        struct demo_summary sum;
        struct db *db = fresh_db(d);
        build_ok(db, seed, 0, 0, today, &sum);
        check_small_demo(db, &sum, today);
        done(d, db);
    }
}

/* --names en: the same organisation with English names in every office; the default has
 * Estonian ones in Tallinn. */
static void test_english_names(void **state)
{
    struct dir *d = *state;
    int64_t today = days_from_civil(2026, 5, 4);
    struct demo_summary et, en;
    struct db *db = fresh_db(d);
    build_ok(db, 1, 0, 0, today, &et);
    char *et_people = people(db);
    done(d, db);
    english_names = true;
    db = fresh_db(d);
    build_ok(db, 1, 0, 0, today, &en);
    english_names = false;
    char *en_people = people(db);
    check_small_demo(db, &en, today);
    done(d, db);
    assert_int_equal(en.assistants, et.assistants);
    assert_int_equal(en.principals, et.principals);
    assert_string_equal(et.case_name, "Kadri Tamm");
    assert_string_equal(en.case_name, "Olivia Smith");
    assert_non_null(strstr(et_people, "Kadri Tamm <kadri.tamm@demo.haldus.example>"));
    assert_non_null(strstr(et_people, "Anneli Kuusk"));
    assert_non_null(strstr(en_people, "Olivia Smith <olivia.smith@demo.haldus.example>"));
    assert_non_null(strstr(en_people, "Alice Kirby"));
    /* No Estonian first or last name is left. */
    static const char *const estonian[] = {"Kadri ", "Mari ",  "Andres ", "Tamm ",
                                           " Kask ", "Kuusk ", "Mägi",    "Koppel"};
    for (size_t i = 0; i < sizeof estonian / sizeof estonian[0]; i++)
        if (strstr(en_people, estonian[i]))
            fail_msg("an Estonian name (%s) in the English demo:\n%s", estonian[i], en_people);
    free(et_people);
    free(en_people);
}

static void test_demo_needs_empty_db(void **state)
{
    struct dir *d = *state;
    struct db *db = fresh_db(d);
    struct demo_summary sum;
    int64_t today = days_from_civil(2026, 2, 10);
    build_ok(db, 1, 0, 0, today, &sum);
    int64_t people = rows(db, "SELECT count(*) FROM person");
    int64_t audits = rows(db, "SELECT count(*) FROM audit_log");
    struct hl_error err;
    assert_int_equal(build(db, 2, 0, 0, today, &sum, &err), HL_ERR_CONFLICT);
    assert_int_equal(err.code, HL_ERR_CONFLICT);
    assert_int_equal(db_tx_depth(db), 0);
    assert_int_equal(rows(db, "SELECT count(*) FROM person"), people);
    assert_int_equal(rows(db, "SELECT count(*) FROM audit_log"), audits);
    done(d, db);
}

/* Checks a large demo against what was asked and against itself. */
static void check_large_demo(struct db *db, const struct demo_summary *sum, int na, int np)
{
    assert_int_equal(sum->assistants, na);
    assert_int_equal(sum->principals, np);
    assert_int_equal(rows(db, "SELECT count(*) FROM assistant"), na);
    assert_int_equal(rows(db, "SELECT count(*) FROM principal"), np);
    assert_int_equal(rows(db, "SELECT count(*) FROM person WHERE id IN (SELECT id FROM assistant "
                              "UNION ALL SELECT id FROM principal)"),
                     na + np);
    assert_int_equal(rows(db, "SELECT count(*) FROM assistant WHERE id IN (SELECT id FROM "
                              "principal)"),
                     0);
    assert_int_equal(rows(db, "SELECT count(*) FROM assignment"), sum->assignments);
    assert_int_equal(rows(db, "SELECT count(*) FROM designated_backup"), sum->backups);
    assert_int_equal(rows(db, "SELECT count(*) FROM work_pattern"), sum->patterns);
    assert_int_equal(rows(db, "SELECT count(*) FROM absence"), sum->absences);
    assert_int_equal(rows(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    char *ok = sql_text(db, "PRAGMA integrity_check");
    assert_string_equal(ok, "ok");
    free(ok);
    /* No assistant is the primary of more principals than their capacity. */
    assert_int_equal(rows(db, "SELECT count(*) FROM assistant a WHERE a.capacity < (SELECT "
                              "count(*) FROM assignment g WHERE g.assistant_id = a.id AND "
                              "g.kind = 'primary')"),
                     0);
    /* A designated backup is never the principal's own primary. */
    assert_int_equal(rows(db, "SELECT count(*) FROM designated_backup b JOIN assignment g ON "
                              "g.principal_id = b.principal_id AND g.assistant_id = b.assistant_id "
                              "AND g.kind = 'primary'"),
                     0);
}

static void test_large_demo(void **state)
{
    struct dir *d = *state;
    struct db *db = fresh_db(d);
    struct demo_summary sum;
    build_ok(db, 3, 300, 500, days_from_civil(2026, 2, 10), &sum);
    check_large_demo(db, &sum, 300, 500);
    /* Every principal found a primary: there is room for all of them. */
    assert_int_equal(rows(db, "SELECT count(DISTINCT principal_id) FROM assignment"), 500);
    assert_int_equal(sum.case_absence_id, 0);
    done(d, db);
}

/* More principals per assistant than a capacity may hold (1–10): the demo still builds, and
 * the principals it cannot place stay without a primary. */
static void test_large_demo_many_principals_each(void **state)
{
    struct dir *d = *state;
    struct db *db = fresh_db(d);
    struct demo_summary sum;
    build_ok(db, 5, 15, 200, days_from_civil(2026, 2, 10), &sum);
    check_large_demo(db, &sum, 15, 200);
    done(d, db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_seed_same_people, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_demo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_demo_any_seed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_needs_empty_db, setup, teardown),
        cmocka_unit_test_setup_teardown(test_english_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_demo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_demo_many_principals_each, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
