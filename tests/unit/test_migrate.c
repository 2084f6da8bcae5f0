/* test_migrate.c: unit tests of src/core/migrate.c and src/core/db.c on temporary files: fresh
 * databases, repeated migrations, and the files Haldus must refuse to touch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "db.h"
#include "migrate.h"
#include "testutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct files {
    char *dir;
    char *path;
};

static int setup(void **state)
{
    struct files *f = hl_calloc(1, sizeof *f);
    f->dir = tmpdir_make();
    f->path = hl_asprintf("%s/haldus.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct files *f = *state;
    free(f->path);
    tmpdir_remove(f->dir);
    free(f);
    return 0;
}

/* Prepares a file with plain SQLite, behind Haldus's back. */
static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(h);
}

/* Whether text holds the number n as a whole token (not as part of a longer number). */
static bool has_number(const char *text, long n)
{
    char want[24];
    snprintf(want, sizeof want, "%ld", n);
    size_t len = strlen(want);
    for (const char *p = strstr(text, want); p; p = strstr(p + 1, want))
        if ((p == text || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[len]))
            return true;
    return false;
}

/* The message with every copy of the database path cut out (the path may hold digits). */
static char *without_path(const char *message, const char *path)
{
    struct buf b;
    buf_init(&b, 0);
    const char *p = message;
    for (const char *hit; (hit = strstr(p, path)) != NULL; p = hit + strlen(path))
        buf_append(&b, p, (size_t)(hit - p));
    buf_puts(&b, p);
    return buf_steal(&b);
}

static void test_fresh_database(void **state)
{
    struct files *f = *state;
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    int version = -1, applied = -1;
    assert_true(migrate_latest() >= 1);
    assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), HL_OK);
    assert_int_equal(migrate_version(db, &version, &err), HL_OK);
    assert_int_equal(version, 0);
    assert_int_equal(sql_int(db, "PRAGMA foreign_keys"), 1);
    char *mode = sql_text(db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);

    assert_int_equal(migrate_up(db, &applied, &err), HL_OK);
    assert_int_equal(applied, migrate_latest());
    assert_int_equal(sql_int(db, "PRAGMA user_version"), migrate_latest());
    assert_int_equal(sql_int(db, "PRAGMA application_id"), HALDUS_APPLICATION_ID);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                 "name IN ('person', 'assistant', 'principal', 'absence', "
                                 "'assignment', 'audit_log')"),
                     6);
    assert_int_equal(db_tx_depth(db), 0);
    assert_int_equal(migrate_version(db, &version, &err), HL_OK);
    assert_int_equal(version, migrate_latest());
    assert_int_equal(migrate_require_current(db, &err), HL_OK);

    /* Again on the same connection: nothing to do. */
    int64_t objects = sql_int(db, "SELECT count(*) FROM sqlite_schema");
    applied = -1;
    assert_int_equal(migrate_up(db, &applied, &err), HL_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema"), objects);
    db_close(db);

    /* And after reopening the file. */
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_OK);
    applied = -1;
    assert_int_equal(migrate_up(db, &applied, &err), HL_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), migrate_latest());
    assert_int_equal(migrate_require_current(db, &err), HL_OK);
    db_close(db);
}

static void test_newer_database_refused(void **state)
{
    struct files *f = *state;
    int newer = migrate_latest() + 41;
    char sql[160];
    snprintf(sql, sizeof sql,
             "PRAGMA application_id = %d; PRAGMA user_version = %d; CREATE TABLE future (x);",
             HALDUS_APPLICATION_ID, newer);
    raw_sql(f->path, sql);

    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    int version = -1, applied = -1;
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_OK);
    assert_int_equal(migrate_version(db, &version, &err), HL_ERR_SCHEMA);
    assert_int_equal(err.code, HL_ERR_SCHEMA);
    assert_int_equal(version, -1);
    char *msg = without_path(err.message, f->path);
    if (!has_number(msg, newer) || !has_number(msg, migrate_latest()))
        fail_msg("the message should name version %d and %d: %s", newer, migrate_latest(),
                 err.message);
    free(msg);

    hl_error_clear(&err);
    assert_int_equal(migrate_up(db, &applied, &err), HL_ERR_SCHEMA);
    assert_int_equal(applied, -1);
    hl_error_clear(&err);
    assert_int_equal(migrate_require_current(db, &err), HL_ERR_SCHEMA);
    /* Untouched. */
    assert_int_equal(sql_int(db, "PRAGMA user_version"), newer);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema"), 1);
    db_close(db);
}

/* One integer from plain SQLite, behind Haldus's back. */
static int raw_int(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void test_foreign_application_refused(void **state)
{
    struct files *f = *state;
    raw_sql(f->path, "PRAGMA application_id = 1598903374; PRAGMA user_version = 1;");
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    /* Refused on opening, before anything (such as the switch to WAL) is written. */
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_ERR_SCHEMA);
    assert_null(db);
    assert_non_null(strstr(err.message, "not a Haldus database"));
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"), 0);
    assert_int_equal(raw_int(f->path, "PRAGMA application_id"), 1598903374);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
}

static void test_other_tables_refused(void **state)
{
    struct files *f = *state;
    /* An SQLite file of someone else's: no application id, but tables. */
    raw_sql(f->path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
                     "INSERT INTO invoices (total) VALUES (12.5);");
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_ERR_SCHEMA);
    assert_null(db);
    assert_non_null(strstr(err.message, "refusing to touch it"));
    /* Still in rollback-journal mode: opening it did not switch it to WAL. */
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    sqlite3_close(h);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"), 1);
    assert_int_equal(raw_int(f->path, "PRAGMA application_id"), 0);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 0);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM invoices"), 1);
}

static void test_not_sqlite_refused(void **state)
{
    struct files *f = *state;
    char content[4096];
    for (size_t i = 0; i < sizeof content; i++)
        content[i] = "This is a shopping list, not a database.\n"[i % 41];
    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(content, 1, sizeof content, fp), sizeof content);
    fclose(fp);

    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_ERR_SCHEMA);
    assert_null(db);
    assert_int_equal(err.code, HL_ERR_SCHEMA);
    assert_non_null(strstr(err.message, "not an SQLite database"));
    assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), HL_ERR_SCHEMA);
    assert_null(db);

    /* The file is exactly as it was. */
    char back[sizeof content + 1];
    fp = fopen(f->path, "rb");
    assert_non_null(fp);
    assert_int_equal(fread(back, 1, sizeof back, fp), sizeof content);
    fclose(fp);
    assert_memory_equal(back, content, sizeof content);
}

static void test_missing_file(void **state)
{
    struct files *f = *state;
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    /* Without DB_CREATE a missing file is an error that says how to create one. */
    assert_int_equal(db_open(f->path, 0, &db, &err), HL_ERR_IO);
    assert_null(db);
    assert_non_null(strstr(err.message, "haldus init"));
    assert_int_equal(access(f->path, F_OK), -1);
    /* A folder that does not exist cannot hold a new database. */
    char *deep = hl_asprintf("%s/no/such/folder/haldus.db", f->dir);
    assert_int_equal(db_open(deep, DB_CREATE, &db, &err), HL_ERR_IO);
    assert_null(db);
    free(deep);
}

static void test_require_current_on_empty(void **state)
{
    struct files *f = *state;
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(db_open(f->path, DB_CREATE, &db, &err), HL_OK);
    assert_int_equal(migrate_require_current(db, &err), HL_ERR_SCHEMA);
    assert_int_equal(err.code, HL_ERR_SCHEMA);
    assert_non_null(strstr(err.message, "haldus init"));
    assert_non_null(strstr(err.message, f->path));
    /* Saying so changed nothing. */
    assert_int_equal(sql_int(db, "PRAGMA user_version"), 0);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema"), 0);
    db_close(db);
}

static void test_transactions_nest(void **state)
{
    struct files *f = *state;
    struct db *db = testdb_create(f->path);
    struct hl_error err;
    hl_error_clear(&err);
    const char *ins = "INSERT INTO setting (key, created_at, updated_at, value) VALUES ";
    char sql[200];
    assert_int_equal(db_begin(db, true, &err), HL_OK);
    snprintf(sql, sizeof sql, "%s('a', 0, 0, '1')", ins);
    assert_int_equal(db_exec(db, sql, &err), HL_OK);
    assert_int_equal(db_begin(db, true, &err), HL_OK);
    assert_int_equal(db_tx_depth(db), 2);
    snprintf(sql, sizeof sql, "%s('b', 0, 0, '2')", ins);
    assert_int_equal(db_exec(db, sql, &err), HL_OK);
    db_rollback(db); /* the inner one only */
    assert_int_equal(db_tx_depth(db), 1);
    assert_int_equal(db_commit(db, &err), HL_OK);
    assert_int_equal(db_tx_depth(db), 0);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM setting WHERE key = 'a'"), 1);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM setting WHERE key = 'b'"), 0);
    /* A duplicate key is HL_ERR_DUPLICATE, not a crash or an internal error. */
    snprintf(sql, sizeof sql, "%s('a', 0, 0, '3')", ins);
    assert_int_equal(db_exec(db, sql, &err), HL_ERR_DUPLICATE);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_application_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_tables_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_sqlite_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_require_current_on_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions_nest, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
