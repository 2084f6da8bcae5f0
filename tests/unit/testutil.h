/* testutil.h: what the unit tests share: a temporary folder, a fresh migrated database in it,
 * row counts and a fixture for cmocka. Header-only; include it after <cmocka.h>. */
#ifndef HL_TESTUTIL_H
#define HL_TESTUTIL_H

#include "db.h"
#include "mem.h"
#include "migrate.h"
#include "svc.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A new empty folder under $TMPDIR (or /tmp); malloc'd path, removed by tmpdir_remove(). */
static inline char *tmpdir_make(void)
{
    const char *base = getenv("TMPDIR");
    char *path = hl_asprintf("%s/haldus-unit-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(path));
    return path;
}

/* Removes every file in dir (a database with its -wal and -shm) and dir; frees dir. */
static inline void tmpdir_remove(char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = hl_asprintf("%s/%s", dir, e->d_name);
        assert_int_equal(unlink(p), 0);
        free(p);
    }
    closedir(d);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

/* Opens (creating) path and applies every migration; the caller closes it. */
static inline struct db *testdb_create(const char *path)
{
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    int applied = -1;
    assert_int_equal(db_open(path, DB_CREATE, &db, &err), HL_OK);
    assert_int_equal(migrate_up(db, &applied, &err), HL_OK);
    assert_int_equal(applied, migrate_latest());
    return db;
}

/* The first column of the first row of sql as an integer (counts, pragmas). */
static inline int64_t sql_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row of sql as a malloc'd string (NULL for SQL NULL). */
static inline char *sql_text(struct db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *s = sqlite3_column_text(st, 0);
    char *v = s ? hl_strdup((const char *)s) : NULL;
    sqlite3_finalize(st);
    return v;
}

/* A temporary folder with a fresh, current database and a use-case context on it. */
struct fixture {
    char *dir;
    char *path;
    struct db *db;
    struct svc_ctx ctx;
};

static inline int fixture_setup(void **state)
{
    struct fixture *f = hl_calloc(1, sizeof *f);
    f->dir = tmpdir_make();
    f->path = hl_asprintf("%s/haldus.db", f->dir);
    f->db = testdb_create(f->path);
    db_set_clock(f->db, 1767225600); /* 2026-01-01T00:00:00Z */
    f->ctx.db = f->db;
    f->ctx.actor = "unit-test";
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    if (!f)
        return 0;
    /* Every use case must leave the connection outside a transaction; clean up first so a
     * failure here does not leak. */
    int depth = db_tx_depth(f->db);
    while (db_tx_depth(f->db) > 0)
        db_rollback(f->db);
    db_close(f->db);
    free(f->path);
    tmpdir_remove(f->dir);
    free(f);
    *state = NULL;
    assert_int_equal(depth, 0);
    return 0;
}

#endif
