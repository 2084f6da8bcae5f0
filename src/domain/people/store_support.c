/* store_support.c: SQL for the "who supports whom" views. */
#include "store_support.h"
#include "timeutil.h"

static json_t *text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? json_string((const char *)s) : json_null();
}

enum hl_err store_support_on(struct db *db, bool by_principal, int64_t id, const char *date,
                             json_t **items, struct hl_error *err)
{
    const char *sql =
        by_principal
            ? "SELECT a.id, a.kind, a.share, a.start_date, a.end_date, p.id, p.name, p.email, "
              "p.office FROM assignment a JOIN person p ON p.id = a.assistant_id "
              "WHERE a.principal_id = ?1 AND a.start_date <= ?2 "
              "AND (a.end_date IS NULL OR a.end_date >= ?2) "
              "ORDER BY CASE a.kind WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, "
              "p.name, a.id"
            : "SELECT a.id, a.kind, a.share, a.start_date, a.end_date, p.id, p.name, p.email, "
              "p.office FROM assignment a JOIN person p ON p.id = a.principal_id "
              "WHERE a.assistant_id = ?1 AND a.start_date <= ?2 "
              "AND (a.end_date IS NULL OR a.end_date >= ?2) "
              "ORDER BY CASE a.kind WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, "
              "p.name, a.id";
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "assignment_id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(o, "kind", text(st, 1));
        json_object_set_new(o, "share", json_integer(sqlite3_column_int(st, 2)));
        json_object_set_new(o, "start_date", text(st, 3));
        json_object_set_new(o, "end_date", text(st, 4));
        json_object_set_new(o, by_principal ? "assistant_id" : "principal_id",
                            json_integer(sqlite3_column_int64(st, 5)));
        json_object_set_new(o, "name", text(st, 6));
        json_object_set_new(o, "email", text(st, 7));
        json_object_set_new(o, "office", text(st, 8));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "support", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_designated_backups(struct db *db, int64_t principal_id, json_t **items,
                                     struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT b.rank, p.id, p.name, p.email, p.office "
                                  "FROM designated_backup b JOIN person p ON p.id = b.assistant_id "
                                  "WHERE b.principal_id = ?1 ORDER BY b.rank",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "rank", json_integer(sqlite3_column_int(st, 0)));
        json_object_set_new(o, "assistant_id", json_integer(sqlite3_column_int64(st, 1)));
        json_object_set_new(o, "name", text(st, 2));
        json_object_set_new(o, "email", text(st, 3));
        json_object_set_new(o, "office", text(st, 4));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "backups", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_fit_skills_to_duties(struct db *db, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "INSERT INTO assistant_skill (created_at, updated_at, assistant_id, skill_id, level) "
        "SELECT ?1, ?1, who, skill, max(level) FROM ("
        " SELECT a.assistant_id AS who, ds.skill_id AS skill, ds.min_level AS level "
        " FROM assignment a JOIN principal_duty pd ON pd.principal_id = a.principal_id "
        " AND pd.must_have = 1 JOIN duty_skill ds ON ds.duty_id = pd.duty_id "
        " WHERE a.kind = 'primary' UNION ALL "
        " SELECT b.assistant_id, ds.skill_id, ds.min_level FROM designated_backup b "
        " JOIN principal_duty pd ON pd.principal_id = b.principal_id AND pd.must_have = 1 "
        " JOIN duty_skill ds ON ds.duty_id = pd.duty_id WHERE b.rank = 1) "
        "WHERE true GROUP BY who, skill "
        "ON CONFLICT (assistant_id, skill_id) DO UPDATE SET level = max(level, excluded.level)",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "fit skills", err);
}

enum hl_err store_support_covers(struct db *db, int64_t principal_id, int64_t t0, int64_t t1,
                                 int64_t assistant, json_t **items, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT c.id, c.assistant_id, p.name, p.office, c.start_at, c.end_at "
        "FROM coverage_cover c JOIN person p ON p.id = c.assistant_id "
        "WHERE c.principal_id = ?1 AND c.status = 'accepted' AND c.start_at < ?3 "
        "AND c.end_at > ?2 AND (?4 = 0 OR c.assistant_id = ?4) ORDER BY c.start_at, c.id",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal_id);
    sqlite3_bind_int64(st, 2, t0);
    sqlite3_bind_int64(st, 3, t1);
    sqlite3_bind_int64(st, 4, assistant);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char a[21], b[21];
        instant_format(sqlite3_column_int64(st, 4), a);
        instant_format(sqlite3_column_int64(st, 5), b);
        json_t *o = json_pack("{sI sI ss ss}", "cover_id", (json_int_t)sqlite3_column_int64(st, 0),
                              "assistant_id", (json_int_t)sqlite3_column_int64(st, 1), "start_at",
                              a, "end_at", b);
        json_object_set_new(o, "name", text(st, 2));
        json_object_set_new(o, "office", text(st, 3));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "covers", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_support_away(struct db *db, int64_t person_id, int64_t t0, int64_t t1, bool *away,
                               struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT EXISTS (SELECT 1 FROM absence WHERE person_id = ?1 "
                                  "AND status = 'approved' AND start_at < ?3 AND end_at > ?2)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, t0);
    sqlite3_bind_int64(st, 3, t1);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *away = sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "absence", err);
}
