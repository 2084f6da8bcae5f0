/* store_desk.c: the desk domain's SQL (see store_desk.h). */
#include "store_desk.h"

#include "mem.h"
#include "store_entity.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

enum hl_err store_desk_rows(struct db *db, const char *sql, const struct desk_param *params,
                            size_t nparams, json_t **rows, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    for (size_t i = 0; i < nparams; i++) {
        if (params[i].s)
            sqlite3_bind_text(st, (int)i + 1, params[i].s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, (int)i + 1, params[i].i);
    }
    if (!*rows)
        *rows = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            json_t *v;
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER:
                v = json_integer(sqlite3_column_int64(st, c));
                break;
            case SQLITE_FLOAT:
                v = json_real(sqlite3_column_double(st, c));
                break;
            case SQLITE_TEXT:
                v = json_stringn((const char *)sqlite3_column_text(st, c),
                                 (size_t)sqlite3_column_bytes(st, c));
                break;
            default:
                v = json_null();
            }
            json_object_set_new(o, sqlite3_column_name(st, c), v ? v : json_null());
        }
        json_array_append_new(*rows, o);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "desk query", err);
    return HL_OK;
}

enum hl_err store_desk_serves(struct db *db, int64_t assistant, int64_t principal, bool *yes,
                              struct hl_error *err)
{
    int64_t now = db_now(db);
    char today[11];
    store_person_today(db, assistant, now, today);
    struct desk_param p[] = {{assistant, NULL}, {principal, NULL}, {0, today}, {now, NULL}};
    json_t *rows = NULL;
    enum hl_err e = store_desk_rows(
        db,
        "SELECT 1 AS yes WHERE EXISTS (SELECT 1 FROM assignment WHERE assistant_id = ?1 AND "
        "principal_id = ?2 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3)) "
        "OR EXISTS (SELECT 1 FROM coverage_cover WHERE assistant_id = ?1 AND principal_id = ?2 "
        "AND status = 'accepted' AND end_at > ?4)",
        p, 4, &rows, err);
    *yes = e == HL_OK && json_array_size(rows) > 0;
    json_decref(rows);
    return e;
}

enum hl_err store_desk_week(struct db *db, int64_t assistant, int64_t from, int64_t to,
                            const char *from_date, const char *to_date, json_t **assistants,
                            json_t **patterns, json_t **absences, json_t **tasks, json_t **supports,
                            struct hl_error *err)
{
    struct desk_param p[] = {
        {assistant, NULL}, {from, NULL}, {to, NULL}, {0, from_date}, {0, to_date}};
    enum hl_err e;
    *assistants = *patterns = *absences = *tasks = *supports = NULL;
    if ((e = store_desk_rows(db,
                             "SELECT a.id, p.name, p.time_zone, p.office, a.contracted_hours "
                             "FROM assistant a JOIN person p ON p.id = a.id "
                             "WHERE p.active = 1 AND (?1 = 0 OR a.id = ?1) ORDER BY p.name, a.id",
                             p, 1, assistants, err)) != HL_OK)
        return e;
    if ((e = store_desk_rows(db,
                             "SELECT w.person_id, w.weekday, w.start_minute, w.end_minute, "
                             "w.valid_from, w.valid_to FROM work_pattern w JOIN assistant a ON "
                             "a.id = w.person_id WHERE (?1 = 0 OR a.id = ?1) "
                             "ORDER BY w.person_id, w.weekday, w.start_minute",
                             p, 1, patterns, err)) != HL_OK)
        return e;
    if ((e = store_desk_rows(db,
                             "SELECT b.person_id, b.kind, b.start_at, b.end_at FROM absence b "
                             "JOIN assistant a ON a.id = b.person_id WHERE b.status = 'approved' "
                             "AND (?1 = 0 OR a.id = ?1) AND b.start_at < ?3 AND b.end_at > ?2",
                             p, 3, absences, err)) != HL_OK)
        return e;
    if ((e = store_desk_rows(db,
                             "SELECT t.id, t.assistant_id, t.principal_id, t.title, "
                             "t.estimate_minutes, t.due_at, t.priority, t.status, t.rrule "
                             "FROM task t WHERE t.status <> 'dropped' AND (?1 = 0 OR "
                             "t.assistant_id = ?1) AND t.due_at IS NOT NULL AND t.due_at < ?3 AND "
                             "(t.due_at >= ?2 OR t.rrule IS NOT NULL) ORDER BY t.due_at, t.id",
                             p, 3, tasks, err)) != HL_OK)
        return e;
    return store_desk_rows(db,
                           "SELECT DISTINCT s.assistant_id, s.principal_id, p.name FROM assignment "
                           "s JOIN person p ON p.id = s.principal_id WHERE (?1 = 0 OR "
                           "s.assistant_id = ?1) AND s.kind IN ('primary', 'secondary') AND "
                           "s.start_date <= ?5 AND (s.end_date IS NULL OR s.end_date >= ?4) "
                           "ORDER BY s.assistant_id, p.name",
                           p, 5, supports, err);
}

enum hl_err store_desk_served(struct db *db, int64_t assistant, const char *date, int64_t from,
                              int64_t to, json_t **rows, struct hl_error *err)
{
    struct desk_param p[] = {{assistant, NULL}, {0, date}, {from, NULL}, {to, NULL}};
    return store_desk_rows(
        db,
        "SELECT s.principal_id AS id, p.name, 'assignment' AS via FROM assignment s JOIN person p "
        "ON p.id = s.principal_id WHERE s.assistant_id = ?1 AND s.start_date <= ?2 AND "
        "(s.end_date IS NULL OR s.end_date >= ?2) "
        "UNION SELECT c.principal_id, p.name, 'cover' FROM coverage_cover c JOIN person p ON "
        "p.id = c.principal_id WHERE c.assistant_id = ?1 AND c.status = 'accepted' AND "
        "c.start_at < ?4 AND c.end_at > ?3 AND c.principal_id NOT IN (SELECT principal_id FROM "
        "assignment WHERE assistant_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR "
        "end_date >= ?2)) ORDER BY 2",
        p, 4, rows, err);
}

enum hl_err store_desk_hand_over(struct db *db, int64_t id, int64_t assistant, int64_t from,
                                 struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE task SET assistant_id = ?2, handed_over_from_id = ?3, "
                                  "version = version + 1, updated_at = ?4 WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, assistant);
    sqlite3_bind_int64(st, 3, from);
    sqlite3_bind_int64(st, 4, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "hand over task", err);
}

/* The principals a person's phone messages are visible through: the entity's VIS_RELATED with
 * assignments and covers (src/core/store_entity.c), spelled out for this one query. */
#define CALLER_VISIBLE                                                                             \
    " AND (?5 = 0 OR m.principal_id IN (SELECT ?5 UNION SELECT principal_id FROM assignment "      \
    "WHERE assistant_id = ?5 AND start_date <= ?6 AND (end_date IS NULL OR end_date >= ?6) "       \
    "UNION SELECT assistant_id FROM assignment WHERE principal_id = ?5 AND start_date <= ?6 AND "  \
    "(end_date IS NULL OR end_date >= ?6) UNION SELECT principal_id FROM coverage_cover WHERE "    \
    "assistant_id = ?5 AND status = 'accepted' AND end_at > ?7 UNION SELECT assistant_id FROM "    \
    "coverage_cover WHERE principal_id = ?5 AND status = 'accepted' AND end_at > ?7))"
/* One row per caller and organisation (letters in either case), the newest message's phone
 * and e-mail with it (SQLite's bare columns of max()). */
#define CALLER_GROUP                                                                               \
    " GROUP BY m.caller COLLATE NOCASE, m.organisation COLLATE NOCASE ORDER BY last_at DESC, "     \
    "m.caller LIMIT ?8"

enum hl_err store_desk_callers(struct db *db, const char *prefix, int64_t person, int64_t from,
                               int64_t to, int limit, json_t **rows, struct hl_error *err)
{
    /* A prefix is a range of the NOCASE indexes: [prefix, prefix + U+10FFFF). */
    static const char *const by_prefix =
        "SELECT m.caller, m.organisation, m.phone, m.email, max(m.taken_at) AS last_at FROM "
        "phone_message m WHERE ((m.caller >= ?3 COLLATE NOCASE AND m.caller < ?4 COLLATE NOCASE) "
        "OR (m.organisation >= ?3 COLLATE NOCASE AND m.organisation < ?4 COLLATE NOCASE)) AND "
        "m.taken_at >= ?1 AND m.taken_at < ?2" CALLER_VISIBLE CALLER_GROUP;
    static const char *const newest =
        "SELECT m.caller, m.organisation, m.phone, m.email, max(m.taken_at) AS last_at FROM "
        "phone_message m WHERE m.taken_at >= ?1 AND m.taken_at < ?2 AND ?3 = '' AND ?4 = "
        "''" CALLER_VISIBLE CALLER_GROUP;
    char today[11];
    store_person_today(db, person, db_now(db), today);
    char *upper = NULL;
    size_t n = strlen(prefix);
    if (n) {
        upper = malloc(n + 5);
        if (!upper)
            return hl_fail(err, HL_ERR_INTERNAL, NULL, "out of memory");
        memcpy(upper, prefix, n);
        memcpy(upper + n, "\xf4\x8f\xbf\xbf", 5);
    }
    struct desk_param p[] = {
        {from, NULL},   {to, NULL}, {0, prefix},        {0, upper ? upper : ""},
        {person, NULL}, {0, today}, {db_now(db), NULL}, {limit, NULL}};
    enum hl_err e = store_desk_rows(db, n ? by_prefix : newest, p, 8, rows, err);
    free(upper);
    return e;
}

enum hl_err store_desk_occurrence_set(struct db *db, int64_t task, int64_t due, const char *status,
                                      const char *by, const char **was, struct hl_error *err)
{
    *was = NULL;
    json_t *rows = NULL;
    struct desk_param p[] = {{task, NULL}, {due, NULL}, {0, status}, {db_now(db), NULL}, {0, by}};
    enum hl_err e =
        store_desk_rows(db, "SELECT status FROM task_occurrence WHERE task_id = ?1 AND due_at = ?2",
                        p, 2, &rows, err);
    const char *old = json_string_value(json_object_get(json_array_get(rows, 0), "status"));
    if (e == HL_OK && old)
        *was = hl_strdup(old);
    json_decref(rows);
    rows = NULL;
    if (e == HL_OK)
        e = store_desk_rows(db,
                            "INSERT INTO task_occurrence (task_id, due_at, status, status_at, "
                            "status_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (task_id, due_at) "
                            "DO UPDATE SET status = excluded.status, status_at = "
                            "excluded.status_at, status_by = excluded.status_by",
                            p, 5, &rows, err);
    json_decref(rows);
    return e;
}

enum hl_err store_desk_overdue(struct db *db, const char *before, json_t **rows,
                               struct hl_error *err)
{
    struct desk_param p[] = {{0, before}};
    return store_desk_rows(
        db,
        "SELECT c.id, c.reply_due, c.subject, c.counterpart, c.handler_id, h.name AS handler, "
        "h.time_zone AS zone, x.name AS principal FROM correspondence c JOIN person h ON h.id "
        "= c.handler_id JOIN person x ON x.id = c.principal_id WHERE c.status = 'open' AND "
        "c.reply_due IS NOT NULL AND c.reply_due < ?1 AND (c.overdue_notified_due IS NULL OR "
        "c.overdue_notified_due <> c.reply_due) ORDER BY c.id",
        p, 1, rows, err);
}

enum hl_err store_desk_overdue_told(struct db *db, int64_t id, const char *reply_due,
                                    struct hl_error *err)
{
    struct desk_param p[] = {{id, NULL}, {0, reply_due}};
    json_t *rows = NULL;
    enum hl_err e = store_desk_rows(
        db, "UPDATE correspondence SET overdue_notified_due = ?2 WHERE id = ?1", p, 2, &rows, err);
    json_decref(rows);
    return e;
}
