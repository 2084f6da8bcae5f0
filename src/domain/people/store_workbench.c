/* store_workbench.c: SQL for the workbench flags and the designated-backup list. */
#include "store_workbench.h"
#include "timeutil.h"

static json_t *text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? json_string((const char *)s) : json_null();
}

enum hl_err store_flags_unsupported(struct db *db, const char *from, const char *to, json_t **items,
                                    struct hl_error *err)
{
    /* A principal loses support only on the first day of the range or the day after a primary
     * assignment ends: those are the only days worth testing. */
    sqlite3_stmt *st = db_prepare(
        db,
        "WITH cand(pid, d) AS ("
        " SELECT p.id, ?1 FROM principal p JOIN person pe ON pe.id = p.id WHERE pe.active = 1"
        " UNION SELECT a.principal_id, date(a.end_date, '+1 day') FROM assignment a"
        " WHERE a.kind = 'primary' AND a.end_date IS NOT NULL"
        " AND date(a.end_date, '+1 day') BETWEEN ?1 AND ?2),"
        " gap(pid, d) AS (SELECT c.pid, min(c.d) FROM cand c WHERE NOT EXISTS ("
        " SELECT 1 FROM assignment a JOIN person s ON s.id = a.assistant_id AND s.active = 1"
        " WHERE a.principal_id = c.pid AND a.kind = 'primary' AND a.start_date <= c.d"
        " AND (a.end_date IS NULL OR a.end_date >= c.d)) GROUP BY c.pid)"
        " SELECT g.pid, pe.name, pe.office, pr.department, g.d,"
        " (SELECT min(a.start_date) FROM assignment a JOIN person s ON s.id = a.assistant_id"
        " AND s.active = 1 WHERE a.principal_id = g.pid AND a.kind = 'primary'"
        " AND a.start_date > g.d)"
        " FROM gap g JOIN person pe ON pe.id = g.pid AND pe.active = 1"
        " JOIN principal pr ON pr.id = g.pid ORDER BY pe.name COLLATE NOCASE, g.pid",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "principal_id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(o, "name", text(st, 1));
        json_object_set_new(o, "office", text(st, 2));
        json_object_set_new(o, "department", text(st, 3));
        json_object_set_new(o, "from", text(st, 4));
        json_object_set_new(o, "until", text(st, 5));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "flags", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_flags_overloaded(struct db *db, const char *from, const char *to, json_t **items,
                                   struct hl_error *err)
{
    /* Load only grows on the first day of the range or when an assignment or a pattern begins;
     * for each assistant and reason the first day past the limit, with its value. Working hours
     * are the time between start and end: a day of more than six hours holds an unpaid hour's
     * break, which does not count against the contract (08:30-17:30 is eight hours). */
    sqlite3_stmt *st = db_prepare(
        db,
        "WITH act(aid, cap, hours) AS (SELECT a.id, a.capacity, a.contracted_hours"
        " FROM assistant a JOIN person pe ON pe.id = a.id WHERE pe.active = 1),"
        " cd(aid, d) AS (SELECT aid, ?1 FROM act"
        " UNION SELECT s.assistant_id, s.start_date FROM assignment s"
        " WHERE s.start_date BETWEEN ?1 AND ?2 AND s.kind IN ('primary', 'secondary')),"
        " cap(aid, d, v, lim) AS (SELECT cd.aid, cd.d, (SELECT count(DISTINCT s.principal_id)"
        " FROM assignment s JOIN person pp ON pp.id = s.principal_id AND pp.active = 1"
        " WHERE s.assistant_id = cd.aid AND s.kind IN ('primary', 'secondary')"
        " AND s.start_date <= cd.d AND (s.end_date IS NULL OR s.end_date >= cd.d)), act.cap"
        " FROM cd JOIN act ON act.aid = cd.aid),"
        " hd(aid, d) AS (SELECT aid, ?1 FROM act"
        " UNION SELECT w.person_id, w.valid_from FROM work_pattern w"
        " WHERE w.valid_from BETWEEN ?1 AND ?2),"
        " hrs(aid, d, v, lim) AS (SELECT hd.aid, hd.d, (SELECT coalesce(sum(CASE WHEN m > 360"
        " THEN m - 60 ELSE m END), 0) / 60.0 FROM (SELECT sum(w.end_minute - w.start_minute)"
        " AS m FROM work_pattern w WHERE w.person_id = hd.aid"
        " AND (w.valid_from IS NULL OR w.valid_from <= hd.d)"
        " AND (w.valid_to IS NULL OR w.valid_to >= hd.d) GROUP BY w.weekday)), act.hours"
        " FROM hd JOIN act ON act.aid = hd.aid),"
        " bad(aid, reason, d, v, lim) AS ("
        " SELECT aid, 'capacity', min(d), v, lim FROM cap WHERE v > lim GROUP BY aid"
        " UNION ALL SELECT aid, 'hours', min(d), v, lim FROM hrs WHERE v > lim + 1e-9"
        " GROUP BY aid)"
        " SELECT b.aid, pe.name, pe.office, b.reason, b.d, b.v, b.lim FROM bad b"
        " JOIN person pe ON pe.id = b.aid ORDER BY pe.name COLLATE NOCASE, b.aid, b.reason",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "assistant_id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(o, "name", text(st, 1));
        json_object_set_new(o, "office", text(st, 2));
        json_object_set_new(o, "reason", text(st, 3));
        json_object_set_new(o, "date", text(st, 4));
        json_object_set_new(o, "value", json_real(sqlite3_column_double(st, 5)));
        json_object_set_new(o, "limit", json_real(sqlite3_column_double(st, 6)));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "flags", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_backup_rows(struct db *db, int64_t principal_id, json_t **items,
                              struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, assistant_id, rank, version FROM designated_backup "
                                  "WHERE principal_id = ?1 ORDER BY rank, id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(
            arr, json_pack("{sI sI si sI}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                           "assistant_id", (json_int_t)sqlite3_column_int64(st, 1), "rank",
                           sqlite3_column_int(st, 2), "version",
                           (json_int_t)sqlite3_column_int64(st, 3)));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "backups", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_principals_assigned(struct db *db, int64_t assistant_id, const char *from,
                                      const char *to, json_t **ids, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT DISTINCT principal_id FROM assignment "
                                  "WHERE assistant_id = ?1 AND start_date <= ?3 "
                                  "AND (end_date IS NULL OR end_date >= ?2) ORDER BY principal_id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, assistant_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(arr, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "assignments", err);
    }
    *ids = arr;
    return HL_OK;
}

enum hl_err store_week_rows(struct db *db, int64_t person_id, json_t **items, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT id, weekday, start_minute, end_minute, valid_from, valid_to, version "
                   "FROM work_pattern WHERE person_id = ?1 "
                   "ORDER BY valid_from IS NOT NULL, valid_from, weekday, start_minute, id",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char a[6], b[6];
        hhmm_format(sqlite3_column_int(st, 2), a);
        hhmm_format(sqlite3_column_int(st, 3), b);
        json_t *o = json_pack("{sI si ss ss}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                              "weekday", sqlite3_column_int(st, 1), "start_time", a, "end_time", b);
        json_object_set_new(o, "valid_from", text(st, 4));
        json_object_set_new(o, "valid_to", text(st, 5));
        json_object_set_new(o, "version", json_integer(sqlite3_column_int64(st, 6)));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "work patterns", err);
    }
    *items = arr;
    return HL_OK;
}
