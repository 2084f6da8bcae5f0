/* store_audit.c: SQL of the audit log. */
#include "store_audit.h"
#include "timeutil.h"

#include <stdlib.h>

enum hl_err store_audit_insert(struct db *db, const char *actor, int64_t account_id,
                               const char *action, const char *entity, int64_t entity_id,
                               const json_t *before, const json_t *after, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO audit_log (at, actor, action, entity, entity_id, "
                                  "before, after, account_id) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, entity_id);
    if (before)
        sqlite3_bind_text(st, 6, json_dumps(before, JSON_COMPACT), -1, free);
    if (after)
        sqlite3_bind_text(st, 7, json_dumps(after, JSON_COMPACT), -1, free);
    if (account_id)
        sqlite3_bind_int64(st, 8, account_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "audit", err);
}

static json_t *json_column(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return json_null();
    json_t *v = json_loads((const char *)sqlite3_column_text(st, col), 0, NULL);
    return v ? v : json_null();
}

enum hl_err store_audit_list(struct db *db, const char *entity, int64_t entity_id,
                             int64_t account_id, int64_t before_id, int limit, const json_t *hidden,
                             json_t **items, bool *more, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT id, at, actor, action, entity, entity_id, before, after, account_id "
                   "FROM audit_log WHERE (?1 = 0 OR id < ?1) AND (?2 IS NULL OR entity = ?2) "
                   "AND (?3 = 0 OR entity_id = ?3) AND (?5 = 0 OR account_id = ?5) "
                   "AND (?6 IS NULL OR entity NOT IN (SELECT value FROM json_each(?6))) "
                   "ORDER BY id DESC LIMIT ?4",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, before_id);
    if (entity)
        sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, entity_id);
    sqlite3_bind_int(st, 4, limit + 1);
    sqlite3_bind_int64(st, 5, account_id);
    if (hidden && json_array_size(hidden))
        sqlite3_bind_text(st, 6, json_dumps(hidden, JSON_COMPACT), -1, free);
    json_t *arr = json_array();
    int rc, n = 0;
    *more = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++ == limit) {
            *more = true;
            break;
        }
        char at[21];
        instant_format(sqlite3_column_int64(st, 1), at);
        json_array_append_new(arr,
                              json_pack("{sI ss ss ss ss sI so so}", "id",
                                        (json_int_t)sqlite3_column_int64(st, 0), "at", at, "actor",
                                        (const char *)sqlite3_column_text(st, 2), "action",
                                        (const char *)sqlite3_column_text(st, 3), "entity",
                                        (const char *)sqlite3_column_text(st, 4), "entity_id",
                                        (json_int_t)sqlite3_column_int64(st, 5), "before",
                                        json_column(st, 6), "after", json_column(st, 7)));
        json_t *row = json_array_get(arr, json_array_size(arr) - 1);
        json_object_set_new(row, "account_id",
                            sqlite3_column_type(st, 8) == SQLITE_NULL
                                ? json_null()
                                : json_integer(sqlite3_column_int64(st, 8)));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "audit list", err);
    }
    *items = arr;
    return HL_OK;
}
