/* migrate.c: forward-only schema migrations embedded from sql/NNN_name.sql at build time. */
#include "migrate.h"
#include "buf.h"
#include "domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
};
extern const struct embedded_file migrations[];
extern const size_t migrations_count;

static int migration_number(const struct embedded_file *f)
{
    return atoi(f->name);
}

int migrate_latest(void)
{
    int latest = 0;
    for (size_t i = 0; i < migrations_count; i++)
        if (migration_number(&migrations[i]) > latest)
            latest = migration_number(&migrations[i]);
    return latest;
}

static enum hl_err pragma_int(struct db *db, const char *sql, int *out, struct hl_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return db_error(db, rc, sql, err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, sql, err);
}

enum hl_err migrate_version(struct db *db, int *version, struct hl_error *err)
{
    int app = 0, ver = 0, objects = 0;
    enum hl_err e;
    if ((e = pragma_int(db, "PRAGMA application_id", &app, err)) != HL_OK ||
        (e = pragma_int(db, "PRAGMA user_version", &ver, err)) != HL_OK ||
        (e = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &objects, err)) != HL_OK)
        return e;
    if (app != HALDUS_APPLICATION_ID && (app != 0 || objects > 0))
        return hl_fail(err, HL_ERR_SCHEMA, NULL,
                       "%s is not a Haldus database (application_id %d); refusing to touch it",
                       db_path(db), app);
    if (ver > migrate_latest())
        return hl_fail(err, HL_ERR_SCHEMA, NULL,
                       "%s has schema version %d, newer than this haldus knows (%d); "
                       "upgrade haldus before using it",
                       db_path(db), ver, migrate_latest());
    *version = ver;
    return HL_OK;
}

/* Appends the CREATE TRIGGER statements that bump the data stamp for one stamp table. */
static void stamp_triggers(struct buf *sql, const struct stamp_table *t)
{
    static const struct {
        unsigned op;
        const char *name, *event;
    } ops[] = {
        {STAMP_INSERT, "insert", "INSERT"},
        {STAMP_UPDATE, "update", "UPDATE"},
        {STAMP_DELETE, "delete", "DELETE"},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (!(t->ops & ops[i].op))
            continue;
        buf_printf(sql, "CREATE TRIGGER stamp_%s_%s AFTER %s", t->table, ops[i].name, ops[i].event);
        if (ops[i].op == STAMP_UPDATE && t->update_of)
            buf_printf(sql, " OF %s", t->update_of);
        buf_printf(sql, " ON %s", t->table);
        if (t->when)
            buf_printf(sql, " WHEN %s", t->when);
        buf_puts(sql, " BEGIN UPDATE data_stamp SET value = value + 1; END;\n");
    }
}

enum hl_err migrate_sync_triggers(struct db *db, struct hl_error *err)
{
    struct buf sql;
    buf_init(&sql, 0);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db_handle(db),
                                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND "
                                "name LIKE 'stamp\\_%' ESCAPE '\\' ORDER BY name",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) {
        buf_cleanup(&sql);
        return db_error(db, rc, "stamp triggers", err);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(&sql, "DROP TRIGGER \"%s\";\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        buf_cleanup(&sql);
        return db_error(db, rc, "stamp triggers", err);
    }
    for (const struct domain *const *d = domain_registry; *d; d++)
        for (const struct stamp_table *t = (*d)->stamp_tables; t && t->table; t++)
            stamp_triggers(&sql, t);
    enum hl_err e = db_begin(db, true, err);
    if (e == HL_OK && (e = db_exec(db, sql.data, err)) == HL_OK)
        e = db_commit(db, err);
    if (e != HL_OK)
        db_rollback(db);
    buf_cleanup(&sql);
    return e;
}

enum hl_err migrate_up(struct db *db, int *applied, struct hl_error *err)
{
    int current, count = 0;
    enum hl_err e = migrate_version(db, &current, err);
    if (e != HL_OK)
        return e;
    for (int next = current + 1; next <= migrate_latest(); next++) {
        const struct embedded_file *f = NULL;
        for (size_t i = 0; i < migrations_count; i++)
            if (migration_number(&migrations[i]) == next)
                f = &migrations[i];
        /* Numbers are handed out per feature branch (sql/NNN_*): one not in this build is
         * skipped (counted as passed), so a branch whose number comes after another's still
         * migrates. */
        if (!f) {
            count++;
            continue;
        }
        if ((e = db_begin(db, true, err)) != HL_OK)
            return e;
        char pragmas[96];
        snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                 HALDUS_APPLICATION_ID, next);
        if ((e = db_exec(db, (const char *)f->data, err)) != HL_OK ||
            (e = db_exec(db, pragmas, err)) != HL_OK || (e = db_commit(db, err)) != HL_OK) {
            db_rollback(db);
            return e;
        }
        count++;
    }
    /* The data-stamp triggers follow the registry, whatever the migrations left. */
    if ((e = migrate_sync_triggers(db, err)) != HL_OK)
        return e;
    if (applied)
        *applied = count;
    return HL_OK;
}

enum hl_err migrate_require_current(struct db *db, struct hl_error *err)
{
    int v;
    enum hl_err e = migrate_version(db, &v, err);
    if (e != HL_OK)
        return e;
    if (v == 0)
        return hl_fail(err, HL_ERR_SCHEMA, NULL,
                       "%s is empty; create it with `haldus init --db %s`", db_path(db),
                       db_path(db));
    if (v < migrate_latest())
        return hl_fail(err, HL_ERR_SCHEMA, NULL,
                       "%s has schema version %d but this haldus needs %d; run `haldus migrate "
                       "--db %s`",
                       db_path(db), v, migrate_latest(), db_path(db));
    return HL_OK;
}
