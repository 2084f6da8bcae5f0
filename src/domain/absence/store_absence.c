/* store_absence.c: the absence domain's SQL beyond the generic entity path. */
#include "store_absence.h"
#include "timeutil.h"

enum hl_err store_absence_overlap(struct db *db, int64_t person, int64_t self, int64_t start,
                                  int64_t end, json_t **out, struct hl_error *err)
{
    *out = NULL;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, kind, status, start_at, end_at FROM absence "
                                  "INDEXED BY absence_person WHERE person_id = ?1 AND "
                                  "start_at < ?4 AND end_at > ?3 AND id <> ?2 AND "
                                  "status IN ('requested', 'approved') ORDER BY start_at LIMIT 1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, self);
    sqlite3_bind_int64(st, 3, start);
    sqlite3_bind_int64(st, 4, end);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        char a[21], b[21];
        instant_format(sqlite3_column_int64(st, 3), a);
        instant_format(sqlite3_column_int64(st, 4), b);
        *out = json_pack("{sI ss ss ss ss}", "id", (json_int_t)sqlite3_column_int64(st, 0), "kind",
                         (const char *)sqlite3_column_text(st, 1), "status",
                         (const char *)sqlite3_column_text(st, 2), "start_at", a, "end_at", b);
        if (!*out)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "an absence could not be read");
    } else if (rc != SQLITE_DONE) {
        e = db_error(db, rc, "absence overlap", err);
    }
    sqlite3_reset(st);
    return e;
}
