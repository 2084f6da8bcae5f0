/* db.c: one SQLite connection, its pragmas, statement cache and nestable transactions. */
#include "db.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CACHE_SLOTS 512 /* power of two; more distinct statements than this are not cached */

struct cached {
    char *sql;
    sqlite3_stmt *stmt;
};

struct db {
    sqlite3 *h;
    char *path;
    int depth;
    bool read_only;
    int64_t fixed_now;
    struct cached cache[CACHE_SLOTS];
};

sqlite3 *db_handle(struct db *db)
{
    return db->h;
}

const char *db_path(struct db *db)
{
    return db->path;
}

bool db_read_only(const struct db *db)
{
    return db->read_only;
}

enum hl_err db_error(struct db *db, int rc, const char *what, struct hl_error *err)
{
    const char *msg = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return hl_fail(err, HL_ERR_BUSY, NULL, "the database is busy; try again");
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return hl_fail(err, HL_ERR_DUPLICATE, NULL, "a record with this value already exists");
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return hl_fail(err, HL_ERR_IN_USE, NULL, "other records still refer to this one");
        fprintf(stderr, "haldus: constraint in %s: %s\n", what, msg);
        return hl_fail(err, HL_ERR_INVALID, NULL, "a value breaks a rule of the database");
    case SQLITE_NOTADB:
        return hl_fail(err, HL_ERR_SCHEMA, NULL, "%s is not an SQLite database",
                       db ? db->path : "the file");
    case SQLITE_CANTOPEN:
        return hl_fail(err, HL_ERR_IO, NULL, "cannot open the database %s", db ? db->path : "");
    case SQLITE_READONLY:
    case SQLITE_FULL:
        fprintf(stderr, "haldus: database not writable in %s: %s (%d)\n", what, msg, rc);
        return hl_fail(err, HL_ERR_READ_ONLY, NULL, "%s", hl_strerror(HL_ERR_READ_ONLY));
    default:
        fprintf(stderr, "haldus: database error in %s: %s (%d)\n", what, msg, rc);
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "internal database error");
    }
}

enum hl_err db_exec(struct db *db, const char *sql, struct hl_error *err)
{
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? HL_OK : db_error(db, sqlite3_extended_errcode(db->h), sql, err);
}

/* One integer from a statement that returns one row; the SQLite result code. */
static int query_int(sqlite3 *h, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite3_extended_errcode(h);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    } else {
        rc = sqlite3_extended_errcode(h);
    }
    sqlite3_finalize(st);
    return rc;
}

/* "file:PATH?immutable=1" with PATH percent-encoded; caller frees. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(path);
    char *uri = hl_malloc(len * 3 + 32), *p = uri;
    p += sprintf(p, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            strchr("/._-~", *c)) {
            *p++ = (char)*c;
        } else {
            *p++ = '%';
            *p++ = hex[*c >> 4];
            *p++ = hex[*c & 15];
        }
    }
    strcpy(p, "?immutable=1");
    return uri;
}

/* Reads the file's owner (application_id) and whether it holds anything, changing nothing.
 * A read-only connection to a WAL file whose -shm cannot be created (neither file nor folder
 * writable) cannot read; then it is reopened as immutable: no one can change it anyway. */
static enum hl_err check_owner(struct db *db, int oflags, struct hl_error *err)
{
    int app = 0, objects = 0;
    int rc = query_int(db->h, "PRAGMA application_id", &app);
    if (rc != SQLITE_OK && sqlite3_db_readonly(db->h, "main") == 1 &&
        ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
        sqlite3_close_v2(db->h);
        db->h = NULL;
        char *uri = immutable_uri(db->path);
        rc = sqlite3_open_v2(uri, &db->h,
                             (oflags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
                                 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                             NULL);
        free(uri);
        if (rc == SQLITE_OK) {
            sqlite3_extended_result_codes(db->h, 1);
            sqlite3_busy_timeout(db->h, 5000);
            rc = query_int(db->h, "PRAGMA application_id", &app);
        }
    }
    if (rc == SQLITE_OK)
        rc = query_int(db->h, "SELECT count(*) FROM sqlite_schema", &objects);
    if (rc != SQLITE_OK)
        return db_error(db, rc, "open", err);
    if (app != HALDUS_APPLICATION_ID && (app != 0 || objects > 0))
        return hl_fail(err, HL_ERR_SCHEMA, NULL,
                       "%s is not a Haldus database (application_id %d); refusing to touch it",
                       db->path, app);
    return HL_OK;
}

enum hl_err db_open(const char *path, unsigned flags, struct db **out, struct hl_error *err)
{
    *out = NULL;
    struct db *db = hl_calloc(1, sizeof *db);
    db->path = hl_strdup(path);
    db->fixed_now = -1;
    int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (flags & DB_READ_ONLY)
        oflags |= SQLITE_OPEN_READONLY;
    else
        oflags |= SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
    enum hl_err e = HL_OK;
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_CANTOPEN)
            e = hl_fail(err, HL_ERR_IO, NULL, "cannot open database %s: %s", path,
                        (flags & DB_CREATE) ? "the folder does not exist or is not writable"
                                            : "no such file (create one with `haldus init`)");
        else
            e = db_error(db, rc, "open", err);
        goto out;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, 5000);
    /* The first read tells whether this is an SQLite file at all, and whose. Nothing may be
     * written before: switching to WAL rewrites the header of another application's file. */
    if ((e = check_owner(db, oflags, err)) != HL_OK)
        goto out;
    db->read_only = sqlite3_db_readonly(db->h, "main") == 1;
    if ((e = db_exec(db,
                     db->read_only ? "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                                   : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                                     "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;"
                                     /* a plan's save writes ~20 MB in one transaction: with
                                      * the default 2 MB cache pages spill to the WAL and are
                                      * written again (the cache grows only as it is used) */
                                     "PRAGMA cache_size = -65536;",
                     err)) != HL_OK)
        goto out;
out:
    if (e != HL_OK) {
        db_close(db);
        return e;
    }
    *out = db;
    return HL_OK;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (db->cache[i].stmt)
            sqlite3_finalize(db->cache[i].stmt);
        free(db->cache[i].sql);
    }
    if (db->h)
        sqlite3_close_v2(db->h);
    free(db->path);
    free(db);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Prepares sql into the empty cache slot c; NULL with *err on failure. */
static sqlite3_stmt *prepare_into(struct db *db, struct cached *c, const char *sql,
                                  struct hl_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        db_error(db, rc, sql, err);
        return NULL;
    }
    c->sql = hl_strdup(sql);
    c->stmt = st;
    return st;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct hl_error *err)
{
    uint64_t h = fnv1a(sql);
    for (size_t probe = 0; probe < 8; probe++) {
        struct cached *c = &db->cache[(h + probe) & (CACHE_SLOTS - 1)];
        if (c->sql && strcmp(c->sql, sql) == 0) {
            sqlite3_reset(c->stmt);
            sqlite3_clear_bindings(c->stmt);
            return c->stmt;
        }
        if (!c->sql)
            return prepare_into(db, c, sql, err);
    }
    /* The neighbourhood is full: evict the home slot. */
    struct cached *c = &db->cache[h & (CACHE_SLOTS - 1)];
    sqlite3_finalize(c->stmt);
    free(c->sql);
    c->sql = NULL;
    c->stmt = NULL;
    return prepare_into(db, c, sql, err);
}

enum hl_err db_begin(struct db *db, bool write, struct hl_error *err)
{
    char sql[48];
    if (db->depth == 0)
        snprintf(sql, sizeof sql, "%s", write ? "BEGIN IMMEDIATE" : "BEGIN");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT sp%d", db->depth);
    enum hl_err e = db_exec(db, sql, err);
    if (e == HL_OK)
        db->depth++;
    return e;
}

enum hl_err db_commit(struct db *db, struct hl_error *err)
{
    char sql[48];
    if (db->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE sp%d", db->depth - 1);
    enum hl_err e = db_exec(db, sql, err);
    if (e != HL_OK)
        return e; /* still open: the caller rolls back */
    db->depth--;
    return HL_OK;
}

void db_rollback(struct db *db)
{
    if (db->depth == 0)
        return;
    char sql[64];
    if (db->depth == 1)
        snprintf(sql, sizeof sql, "ROLLBACK");
    else
        snprintf(sql, sizeof sql, "ROLLBACK TO sp%d; RELEASE sp%d", db->depth - 1, db->depth - 1);
    sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    db->depth--;
}

int db_tx_depth(const struct db *db)
{
    return db->depth;
}

int64_t db_now(struct db *db)
{
    if (db->fixed_now >= 0)
        return db->fixed_now;
    return (int64_t)time(NULL);
}

void db_set_clock(struct db *db, int64_t fixed_now)
{
    db->fixed_now = fixed_now;
}
