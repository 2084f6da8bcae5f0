/* test_stamp.c: a coverage plan computed before a change of anything it read cannot be
 * accepted. The tables the planner reads are not listed by hand: SQLite's authorizer records
 * every table the planning statements read. Each of them must be a stamp table of some domain
 * (src/core/domain.h), and changing a row of each makes accepting the old plan a conflict. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain.h"
#include "store_coverage.h"
#include "svc_coverage.h"
#include "svc_demo.h"
#include "testutil.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TABLES 64

struct tables {
    char *name[MAX_TABLES];
    size_t n;
};

static void tables_add(struct tables *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->name[i], name) == 0)
            return;
    assert_true(t->n < MAX_TABLES);
    t->name[t->n++] = hl_strdup(name);
}

static int record_reads(void *ctx, int action, const char *a, const char *b, const char *c,
                        const char *d)
{
    (void)b, (void)c, (void)d;
    if (action == SQLITE_READ && a && strncmp(a, "sqlite_", 7) != 0)
        tables_add(ctx, a);
    return SQLITE_OK;
}

/* Tables a plan reads that are not its input: the plan's own rows, the stamp itself. */
static bool not_an_input(const char *table)
{
    /* assistant_skill_effective is a view: its tables (assistant_skill, certificate) are the
     * inputs, read through it and checked on their own. cover_rating is read only by the
     * foreign key's cascade when a plan replaces its proposed covers (ratings are of accepted
     * covers), not by the planner. */
    return strcmp(table, "coverage_plan") == 0 || strcmp(table, "data_stamp") == 0 ||
           strcmp(table, "audit_log") == 0 || strcmp(table, "assistant_skill_effective") == 0 ||
           strcmp(table, "cover_rating") == 0;
}

static const struct stamp_table *stamp_of(const char *table, unsigned op)
{
    for (const struct domain *const *d = domain_registry; *d; d++)
        for (const struct stamp_table *t = (*d)->stamp_tables; t && t->table; t++)
            if (strcmp(t->table, table) == 0 && (t->ops & op))
                return t;
    return NULL;
}

static int64_t today;

/* A fresh connection (an empty statement cache) on a demo organisation. */
static int setup(void **state)
{
    fixture_setup(state);
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    today = days_from_civil(2026, 2, 10);
    db_set_clock(f->db, today * 86400);
    struct demo_options opt = {.seed = 3, .today = today};
    struct demo_summary sum;
    struct svc_ctx ctx = {.db = f->db, .actor = "demo"};
    assert_int_equal(svc_demo_build(&ctx, &opt, &sum, &err), HL_OK);
    db_close(f->db);
    assert_int_equal(db_open(f->path, 0, &f->db, &err), HL_OK);
    db_set_clock(f->db, today * 86400);
    f->ctx.db = f->db;
    return 0;
}

static int64_t plan(struct fixture *f)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    if (svc_coverage_plan(&f->ctx, today, today + 41, "fast", &out, &err) != HL_OK)
        fail_msg("plan: %s", err.message);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    assert_true(id > 0);
    return id;
}

static enum hl_err accept_plan(struct fixture *f, int64_t id)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    enum hl_err e = svc_coverage_accept(&f->ctx, id, NULL, &out, &err);
    json_decref(out);
    return e;
}

/* Changes one row of t without changing its content: every column the update trigger watches is
 * set to itself, on a row where the trigger's condition holds (NEW./OLD. read as the row). */
static void touch(struct fixture *f, const struct stamp_table *t)
{
    struct buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "UPDATE %s SET ", t->table);
    if (t->update_of) {
        char *cols = hl_strdup(t->update_of);
        int k = 0;
        for (char *c = strtok(cols, ", "); c; c = strtok(NULL, ", "))
            buf_printf(&sql, "%s%s = %s", k++ ? ", " : "", c, c);
        free(cols);
    } else {
        buf_puts(&sql, "version = version");
    }
    buf_printf(&sql, " WHERE rowid = (SELECT min(rowid) FROM %s", t->table);
    if (t->when) {
        char *cond = hl_strdup(t->when);
        for (char *p; (p = strstr(cond, "NEW.")) || (p = strstr(cond, "OLD."));)
            memset(p, ' ', 4);
        buf_printf(&sql, " WHERE %s", cond);
        free(cond);
    }
    buf_puts(&sql, ")");
    struct hl_error err;
    hl_error_clear(&err);
    if (db_exec(f->db, sql.data, &err) != HL_OK)
        fail_msg("%s: %s", sql.data, err.message);
    if (sqlite3_changes(db_handle(f->db)) != 1)
        fail_msg("%s changed no row: the fixture has none to change", sql.data);
    buf_cleanup(&sql);
}

static void test_every_input_makes_the_plan_stale(void **state)
{
    struct fixture *f = *state;
    struct tables read = {0};
    sqlite3_set_authorizer(db_handle(f->db), record_reads, &read);
    int64_t first = plan(f);
    sqlite3_set_authorizer(db_handle(f->db), NULL, NULL);
    /* Nothing changed: the plan is accepted (so a 409 below comes from the change). */
    assert_int_equal(accept_plan(f, first), HL_OK);

    size_t inputs = 0;
    for (size_t i = 0; i < read.n; i++) {
        const char *table = read.name[i];
        if (not_an_input(table))
            continue;
        inputs++;
        const struct stamp_table *t = stamp_of(table, STAMP_UPDATE);
        if (!t)
            fail_msg("the planner reads %s, but no domain lists it as a stamp table", table);
        if (!stamp_of(table, STAMP_DELETE) && strcmp(table, "setting") != 0)
            fail_msg("deleting a row of %s would not make plans stale", table);
        int64_t id = plan(f);
        char *count = hl_asprintf("SELECT count(*) FROM %s", table);
        bool empty = sql_int(f->db, count) == 0;
        free(count);
        if (empty && strcmp(table, "setting") == 0) {
            /* The demo keeps the default settings (no rows): adding one is the change. */
            struct hl_error err;
            hl_error_clear(&err);
            assert_non_null(stamp_of(table, STAMP_INSERT));
            assert_int_equal(db_exec(f->db,
                                     "INSERT INTO setting (key, created_at, updated_at, value) "
                                     "VALUES ('test.unrelated', 0, 0, '0')",
                                     &err),
                             HL_OK);
        } else {
            touch(f, t);
        }
        enum hl_err e = accept_plan(f, id);
        if (e != HL_ERR_CONFLICT)
            fail_msg("after a change of %s, accepting the older plan answered %s, not conflict",
                     table, hl_err_code(e));
    }
    /* People, assistants, principals, skills, duties, hours, assignments, backups, absences,
     * covers and settings at the least. */
    assert_true(inputs >= 10);
    for (size_t i = 0; i < read.n; i++)
        free(read.name[i]);
}

/* A plan's covers are saved with the foreign keys paused (store_plan_fk_pause): they hold by
 * construction, since deleting a row of anything a plan reads makes it stale (above) and a
 * stale plan is never saved. After the save the checks are on again on the connection, every
 * cover's keys hold, and a cover of nobody is refused. Inside a transaction the pause does
 * nothing (SQLite ignores the pragma there). */
static void test_plan_saved_with_keys_that_hold(void **state)
{
    struct fixture *f = *state;
    int64_t id = plan(f);
    assert_int_equal(sql_int(f->db, "PRAGMA foreign_keys"), 1);
    char *count =
        hl_asprintf("SELECT count(*) FROM coverage_cover WHERE plan_id = %lld", (long long)id);
    assert_true(sql_int(f->db, count) > 0);
    free(count);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_not_equal(db_exec(f->db,
                                 "INSERT INTO coverage_cover (created_at, updated_at, plan_id, "
                                 "principal_id, assistant_id, start_at, end_at, slots, status) "
                                 "SELECT 0, 0, plan_id, 999999, assistant_id, start_at, end_at, "
                                 "slots, 'proposed' FROM coverage_cover LIMIT 1",
                                 &err),
                         HL_OK);
    hl_error_clear(&err);
    assert_int_equal(db_begin(f->db, true, &err), HL_OK);
    assert_false(store_plan_fk_pause(f->db));
    assert_int_equal(sql_int(f->db, "PRAGMA foreign_keys"), 1);
    db_rollback(f->db);
    assert_true(store_plan_fk_pause(f->db));
    assert_int_equal(sql_int(f->db, "PRAGMA foreign_keys"), 0);
    store_plan_fk_resume(f->db, true);
    assert_int_equal(sql_int(f->db, "PRAGMA foreign_keys"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_input_makes_the_plan_stale, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_plan_saved_with_keys_that_hold, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
