/* store_training.c: the training domain's SQL (see store_training.h). */
#include "store_training.h"

#include "mem.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void bind_all(sqlite3_stmt *st, const struct tr_param *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i].s)
            sqlite3_bind_text(st, (int)i + 1, p[i].s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, (int)i + 1, p[i].i);
    }
}

static json_t *column_json(sqlite3_stmt *st, int c)
{
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_INTEGER:
        return json_integer(sqlite3_column_int64(st, c));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(st, c));
    case SQLITE_TEXT:
        return json_stringn((const char *)sqlite3_column_text(st, c),
                            (size_t)sqlite3_column_bytes(st, c));
    default:
        return json_null();
    }
}

static void row_object(sqlite3_stmt *st, void *arg)
{
    json_t *o = json_object();
    for (int c = 0; c < sqlite3_column_count(st); c++) {
        json_t *v = column_json(st, c);
        json_object_set_new(o, sqlite3_column_name(st, c), v ? v : json_null());
    }
    json_array_append_new(arg, o);
}

/* Calls fn for each row of sql. */
static enum hl_err store_training_each(struct db *db, const char *sql, const struct tr_param *p,
                                       size_t n, void (*fn)(sqlite3_stmt *st, void *arg), void *arg,
                                       struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    bind_all(st, p, n);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(st, arg);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "training query", err);
}

/* Appends each row of sql as an object (column name → value) to *rows (made when NULL). */
static enum hl_err store_training_rows(struct db *db, const char *sql, const struct tr_param *p,
                                       size_t n, json_t **rows, struct hl_error *err)
{
    if (!*rows)
        *rows = json_array();
    return store_training_each(db, sql, p, n, row_object, *rows, err);
}

/* Runs a statement without rows. */
static enum hl_err exec(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                        const char *what, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    bind_all(st, p, n);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, what, err);
}

struct seats_arg {
    struct tr_seats *s;
    bool found;
};

static void row_seats(sqlite3_stmt *st, void *arg)
{
    struct seats_arg *a = arg;
    a->found = true;
    a->s->capacity = sqlite3_column_int64(st, 0);
    a->s->cost = sqlite3_column_double(st, 1);
    snprintf(a->s->status, sizeof a->s->status, "%s", (const char *)sqlite3_column_text(st, 2));
    a->s->taken = sqlite3_column_int64(st, 3);
    a->s->course_id = sqlite3_column_int64(st, 4);
}

enum hl_err store_training_seats(struct db *db, int64_t session, struct tr_seats *out,
                                 struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    struct seats_arg a = {out, false};
    memset(out, 0, sizeof *out);
    enum hl_err e = store_training_each(
        db,
        "SELECT s.capacity, s.cost, s.status, (SELECT count(*) FROM enrolment e WHERE "
        "e.session_id = s.id AND e.status IN ('enrolled', 'confirmed', 'completed') AND "
        "e.waitlisted = 0), s.course_id FROM training_session s WHERE s.id = ?1",
        p, 1, row_seats, &a, err);
    if (e == HL_OK && !a.found)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "training session %lld does not exist",
                    (long long)session);
    return e;
}

static void row_id(sqlite3_stmt *st, void *arg)
{
    *(int64_t *)arg = sqlite3_column_int64(st, 0);
}

enum hl_err store_training_first_waiting(struct db *db, int64_t session, int64_t *id,
                                         struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    *id = 0;
    return store_training_each(db,
                               "SELECT id FROM enrolment WHERE session_id = ?1 AND status = "
                               "'enrolled' AND waitlisted = 1 ORDER BY queued_at, id LIMIT 1",
                               p, 1, row_id, id, err);
}

enum hl_err store_training_link_absence(struct db *db, int64_t enrolment, int64_t absence,
                                        struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}, {absence, NULL}};
    return exec(db, "INSERT INTO enrolment_absence (enrolment_id, absence_id) VALUES (?1, ?2)", p,
                2, "link training absence", err);
}

static void row_int(sqlite3_stmt *st, void *arg)
{
    json_array_append_new(arg, json_integer(sqlite3_column_int64(st, 0)));
}

enum hl_err store_training_absences(struct db *db, int64_t enrolment, json_t **ids,
                                    struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}};
    *ids = json_array();
    return store_training_each(
        db, "SELECT absence_id FROM enrolment_absence WHERE enrolment_id = ?1 ORDER BY absence_id",
        p, 1, row_int, *ids, err);
}

enum hl_err store_training_change_add(struct db *db, int64_t enrolment, int64_t assistant,
                                      int64_t skill, int before, int after, struct hl_error *err)
{
    struct tr_param p[] = {{db_now(db), NULL}, {enrolment, NULL}, {assistant, NULL},
                           {skill, NULL},      {before, NULL},    {after, NULL}};
    return exec(db,
                "INSERT INTO training_skill_change (created_at, enrolment_id, assistant_id, "
                "skill_id, level_before, level_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                p, 6, "record skill change", err);
}

enum hl_err store_training_changes(struct db *db, int64_t enrolment, json_t **rows,
                                   struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}};
    *rows = NULL;
    return store_training_rows(db,
                               "SELECT id, skill_id, level_before, level_after FROM "
                               "training_skill_change WHERE enrolment_id = ?1 ORDER BY id DESC",
                               p, 1, rows, err);
}

enum hl_err store_training_changes_drop(struct db *db, int64_t enrolment, struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}};
    return exec(db, "DELETE FROM training_skill_change WHERE enrolment_id = ?1", p, 1,
                "drop skill changes", err);
}

enum hl_err store_training_invitation_add(struct db *db, int64_t enrolment, const char *uid,
                                          int64_t start, int64_t end, struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}, {0, uid}, {start, NULL}, {end, NULL}};
    return exec(db,
                "INSERT INTO training_invitation (enrolment_id, uid, start_at, end_at) VALUES (?1, "
                "?2, ?3, ?4)",
                p, 4, "record training invitation", err);
}

enum hl_err store_training_invitations_open(struct db *db, int64_t enrolment, json_t **rows,
                                            struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}};
    *rows = NULL;
    enum hl_err e = store_training_rows(db,
                                        "SELECT id, uid, sequence, start_at, end_at FROM "
                                        "training_invitation WHERE enrolment_id = ?1 AND "
                                        "cancelled_at IS NULL ORDER BY start_at, id",
                                        p, 1, rows, err);
    if (e != HL_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return e;
}

enum hl_err store_training_invitation_cancelled(struct db *db, int64_t id, int64_t sequence,
                                                struct hl_error *err)
{
    struct tr_param p[] = {{id, NULL}, {sequence, NULL}, {db_now(db), NULL}};
    return exec(db, "UPDATE training_invitation SET sequence = ?2, cancelled_at = ?3 WHERE id = ?1",
                p, 3, "cancel training invitation", err);
}

enum hl_err store_training_live_enrolments(struct db *db, int64_t session, json_t **rows,
                                           struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    *rows = NULL;
    enum hl_err e = store_training_rows(db,
                                        "SELECT id FROM enrolment WHERE session_id = ?1 AND status "
                                        "IN ('requested', 'enrolled', 'confirmed', 'completed') "
                                        "ORDER BY id",
                                        p, 1, rows, err);
    if (e != HL_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return e;
}

enum hl_err store_training_notified(struct db *db, int64_t id, int days, struct hl_error *err)
{
    struct tr_param p[] = {{id, NULL}, {days, NULL}};
    return exec(db, "UPDATE certificate SET notified_days = ?2 WHERE id = ?1", p, 2,
                "mark certificate notice", err);
}

/* Rows of sql as a new array in *rows (NULL on failure). */
static enum hl_err rows_of(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                           json_t **rows, struct hl_error *err)
{
    *rows = NULL;
    enum hl_err e = store_training_rows(db, sql, p, n, rows, err);
    if (e != HL_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return e;
}

/* The first row of sql as an object in *row, NULL when there is none. */
static enum hl_err row_of(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                          json_t **row, struct hl_error *err)
{
    json_t *rows = NULL;
    enum hl_err e = rows_of(db, sql, p, n, &rows, err);
    *row = e == HL_OK && json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : NULL;
    json_decref(rows);
    return e;
}

enum hl_err store_training_meetings(struct db *db, int64_t session, json_t **rows,
                                    struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    return rows_of(
        db,
        "SELECT m.id, m.start_at, m.end_at, m.rrule, s.time_zone FROM training_meeting m JOIN "
        "training_session s ON s.id = m.session_id WHERE m.session_id = ?1 ORDER BY m.start_at, "
        "m.id",
        p, 1, rows, err);
}

enum hl_err store_training_course_name(struct db *db, int64_t session, char **name,
                                       struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    json_t *row = NULL;
    *name = NULL;
    enum hl_err e = row_of(db,
                           "SELECT c.name FROM training_session s JOIN course c ON c.id = "
                           "s.course_id WHERE s.id = ?1",
                           p, 1, &row, err);
    const char *s = json_string_value(json_object_get(row, "name"));
    if (s)
        *name = hl_strdup(s);
    json_decref(row);
    return e;
}

enum hl_err store_training_mail_info(struct db *db, int64_t session, int64_t person, json_t **row,
                                     struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}, {person, NULL}};
    return row_of(
        db,
        "SELECT c.name AS course, s.place, s.link, s.instructor, s.starts_at, s.ends_at, p.name, "
        "p.email, p.time_zone, "
        "(SELECT email FROM person m WHERE m.id = (SELECT min(person_id) FROM account WHERE role "
        "IN ('manager', 'admin') AND person_id IS NOT NULL)) AS org_email FROM training_session s "
        "JOIN course c ON c.id = s.course_id, person p WHERE s.id = ?1 AND p.id = ?2",
        p, 2, row, err);
}

enum hl_err store_training_course_skills(struct db *db, int64_t session, json_t **rows,
                                         struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}};
    return rows_of(db,
                   "SELECT cs.skill_id, cs.level FROM course_skill cs JOIN training_session s ON "
                   "s.course_id = cs.course_id WHERE s.id = ?1 ORDER BY cs.skill_id",
                   p, 1, rows, err);
}

enum hl_err store_training_certify_skills(struct db *db, int64_t session, int64_t enrolment,
                                          json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}, {enrolment, NULL}};
    return rows_of(
        db,
        "SELECT cs.skill_id, cs.level, coalesce((SELECT level_before FROM "
        "training_skill_change x WHERE x.enrolment_id = ?2 AND x.skill_id = cs.skill_id), "
        "(SELECT level FROM assistant_skill a WHERE a.assistant_id = e.assistant_id AND "
        "a.skill_id = cs.skill_id AND a.level < cs.level), 0) AS level_without FROM "
        "course_skill cs JOIN training_session s ON s.course_id = cs.course_id JOIN "
        "enrolment e ON e.id = ?2 WHERE s.id = ?1 ORDER BY cs.skill_id",
        p, 2, rows, err);
}

enum hl_err store_training_enrolment_certificates(struct db *db, int64_t enrolment, json_t **rows,
                                                  struct hl_error *err)
{
    struct tr_param p[] = {{enrolment, NULL}};
    return rows_of(db, "SELECT id, version FROM certificate WHERE enrolment_id = ?1", p, 1, rows,
                   err);
}

enum hl_err store_training_session_enrolments(struct db *db, int64_t session, int64_t viewer,
                                              json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}, {viewer, NULL}};
    return rows_of(
        db,
        "SELECT e.id, e.version, e.assistant_id, p.name AS assistant_name, e.status, "
        "e.waitlisted = 1 AS waitlisted, e.note, e.cost, e.queued_at FROM enrolment e JOIN person "
        "p ON p.id = e.assistant_id WHERE e.session_id = ?1 AND (?2 = 0 OR e.assistant_id = ?2) "
        "ORDER BY e.status IN ('rejected', 'cancelled'), e.waitlisted, e.queued_at IS NULL, "
        "e.queued_at, e.id",
        p, 2, rows, err);
}

enum hl_err store_training_session_arrangements(struct db *db, int64_t session, const char *today,
                                                json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{session, NULL}, {0, today}};
    return rows_of(db,
                   "SELECT a.id, a.version, a.kind, a.title, a.person_id, p.name AS "
                   "person_name, a.due_date, a.done = 1 AS done, (a.done = 0 AND "
                   "a.due_date < ?2) AS late FROM "
                   "training_arrangement a LEFT JOIN person p ON p.id = a.person_id "
                   "WHERE a.session_id = ?1 ORDER BY a.done, a.due_date, a.id",
                   p, 2, rows, err);
}

enum hl_err store_training_courses(struct db *db, int64_t skill, int min_level, json_t **rows,
                                   struct hl_error *err)
{
    struct tr_param p[] = {{skill, NULL}, {min_level, NULL}};
    return rows_of(
        db,
        "SELECT c.id, c.name, c.provider, c.format, c.duration_hours, c.cost, c.language, c.link, "
        "cs.skill_id, cs.level, (SELECT count(*) FROM training_session s WHERE s.course_id = c.id "
        "AND "
        "s.status = 'planned' AND s.starts_at > unixepoch()) AS upcoming_sessions FROM course c "
        "JOIN course_skill cs ON cs.course_id = c.id WHERE (?1 = 0 OR cs.skill_id = ?1) AND "
        "cs.level >= ?2 AND "
        "c.active = 1 ORDER BY c.cost, cs.level DESC, c.id",
        p, 2, rows, err);
}

enum hl_err store_training_late(struct db *db, const char *bound, int limit, json_t **rows,
                                struct hl_error *err)
{
    struct tr_param p[] = {{0, bound}, {limit, NULL}};
    return rows_of(
        db,
        "SELECT a.id, a.version, a.session_id, c.name AS course, a.kind, a.title, a.person_id, "
        "p.name AS person_name, a.due_date, s.time_zone FROM training_arrangement a JOIN "
        "training_session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id LEFT JOIN "
        "person p ON p.id = a.person_id WHERE a.done = 0 AND a.due_date < ?1 AND s.status = "
        "'planned' ORDER BY a.due_date, a.id LIMIT ?2",
        p, 2, rows, err);
}

enum hl_err store_training_assistant_enrolments(struct db *db, int64_t assistant, json_t **rows,
                                                struct hl_error *err)
{
    struct tr_param p[] = {{assistant, NULL}};
    return rows_of(
        db,
        "SELECT e.id, e.version, e.session_id, e.status, e.waitlisted = 1 AS waitlisted, e.cost, "
        "c.id AS course_id, c.name AS course, s.place, s.link, s.starts_at, s.ends_at FROM "
        "enrolment e JOIN training_session s ON s.id = e.session_id JOIN course c ON c.id = "
        "s.course_id WHERE e.assistant_id = ?1 ORDER BY s.starts_at DESC, e.id DESC",
        p, 1, rows, err);
}

enum hl_err store_training_assistant_certificates(struct db *db, int64_t assistant,
                                                  const char *today, json_t **rows,
                                                  struct hl_error *err)
{
    struct tr_param p[] = {{assistant, NULL}, {0, today}};
    return rows_of(db,
                   "SELECT c.id, c.version, c.skill_id, k.name AS skill, c.level, "
                   "c.title, c.issued_on, c.expires_on, (c.expires_on IS NOT NULL AND "
                   "c.expires_on <= ?2) AS expired FROM certificate c JOIN "
                   "skill k ON k.id = c.skill_id WHERE c.assistant_id = ?1 ORDER BY "
                   "c.expires_on IS NULL, c.expires_on, c.id",
                   p, 2, rows, err);
}

enum hl_err store_training_settings_get(struct db *db, json_t **row, struct hl_error *err)
{
    enum hl_err e =
        row_of(db, "SELECT version, yearly_budget, currency FROM training_setting WHERE id = 1",
               NULL, 0, row, err);
    if (e == HL_OK && !*row)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "the training settings are missing");
    return e;
}

enum hl_err store_training_settings_set(struct db *db, const char *budget, const char *currency,
                                        struct hl_error *err)
{
    struct tr_param p[] = {{0, budget}, {0, currency}, {db_now(db), NULL}};
    return exec(db,
                "UPDATE training_setting SET yearly_budget = CAST(?1 AS REAL), "
                "currency = upper(?2), updated_at = ?3, version = version + 1 "
                "WHERE id = 1",
                p, 3, "update training settings", err);
}

enum hl_err store_training_spent(struct db *db, const char *year, json_t **rows,
                                 struct hl_error *err)
{
    struct tr_param p[] = {{0, year}};
    return rows_of(
        db,
        "SELECT e.assistant_id, p.name, sum(e.cost) AS spent, count(*) AS sessions FROM enrolment "
        "e JOIN training_session s ON s.id = e.session_id JOIN person p ON p.id = e.assistant_id "
        "WHERE e.status IN ('confirmed', 'completed') AND strftime('%Y', s.starts_at, "
        "'unixepoch') = ?1 GROUP BY e.assistant_id ORDER BY spent DESC, p.name",
        p, 1, rows, err);
}

enum hl_err store_training_notices_due(struct db *db, const char *today, int far, int near,
                                       json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{0, today}, {far, NULL}, {near, NULL}};
    return rows_of(
        db,
        "SELECT c.id, c.assistant_id, p.name AS assistant, k.name AS skill, c.level, c.title, "
        "c.expires_on, CAST(julianday(c.expires_on) - julianday(?1) AS INTEGER) AS days, "
        "CASE WHEN julianday(c.expires_on) - julianday(?1) <= ?3 THEN ?3 ELSE ?2 END AS "
        "notice FROM certificate c JOIN person p ON p.id = c.assistant_id JOIN skill k ON "
        "k.id = c.skill_id WHERE c.expires_on > ?1 AND julianday(c.expires_on) - "
        "julianday(?1) <= ?2 AND (c.notified_days = 0 OR (c.notified_days > ?3 AND "
        "julianday(c.expires_on) - julianday(?1) <= ?3))",
        p, 3, rows, err);
}

enum hl_err store_training_manager_people(struct db *db, json_t **rows, struct hl_error *err)
{
    return rows_of(db,
                   "SELECT DISTINCT person_id FROM account WHERE role IN "
                   "('manager', 'admin') AND person_id IS NOT NULL",
                   NULL, 0, rows, err);
}

enum hl_err store_training_person_sessions(struct db *db, int64_t person, int64_t until,
                                           json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{person, NULL}, {until, NULL}};
    return rows_of(
        db,
        "SELECT s.id, e.id AS enrolment_id, c.name, s.place, s.link, s.instructor FROM "
        "enrolment e JOIN "
        "training_session s ON s.id = e.session_id JOIN course c ON c.id = s.course_id WHERE "
        "e.assistant_id = ?1 AND s.status = 'planned' AND ((e.status = 'enrolled' AND "
        "e.waitlisted = 0) OR e.status IN ('confirmed', 'completed')) AND s.starts_at < ?2",
        p, 2, rows, err);
}

/* ---- the needs' rows ---- */

#define GROW(arr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 256;                                                         \
            (arr) = hl_realloc((arr), (cap) * sizeof *(arr));                                      \
        }                                                                                          \
    } while (0)

static void row_req(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->in.reqs, l->in.nreqs, l->cap_reqs);
    l->in.reqs[l->in.nreqs++] =
        (struct tn_req){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                        sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
}

static void row_link(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->in.links, l->in.nlinks, l->cap_links);
    l->in.links[l->in.nlinks++] =
        (struct tn_link){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
}

static void row_skill(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->in.skills, l->in.nskills, l->cap_skills);
    l->in.skills[l->in.nskills++] = (struct tn_skill){
        sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2)};
}

static char *text_of(sqlite3_stmt *st, int c)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    return hl_strdup(t ? (const char *)t : "");
}

static void row_person(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->people, l->npeople, l->cap_people);
    l->people[l->npeople++] = (struct tr_named){sqlite3_column_int64(st, 0), text_of(st, 1)};
}

static void row_skill_name(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->skills, l->nskill_names, l->cap_skill_names);
    l->skills[l->nskill_names++] = (struct tr_named){sqlite3_column_int64(st, 0), text_of(st, 1)};
}

static void row_course(sqlite3_stmt *st, void *arg)
{
    struct tr_needs_rows *l = arg;
    GROW(l->courses, l->ncourses, l->cap_courses);
    l->courses[l->ncourses++] = (struct tr_course){sqlite3_column_int64(st, 0),
                                                   sqlite3_column_int64(st, 1),
                                                   sqlite3_column_int(st, 2),
                                                   sqlite3_column_double(st, 3),
                                                   text_of(st, 4),
                                                   text_of(st, 5)};
}

void store_training_needs_cleanup(struct tr_needs_rows *l)
{
    free(l->in.reqs);
    free(l->in.links);
    free(l->in.skills);
    for (size_t i = 0; i < l->npeople; i++)
        free(l->people[i].name);
    for (size_t i = 0; i < l->nskill_names; i++)
        free(l->skills[i].name);
    for (size_t i = 0; i < l->ncourses; i++) {
        free(l->courses[i].name);
        free(l->courses[i].language);
    }
    free(l->people);
    free(l->skills);
    free(l->courses);
    memset(l, 0, sizeof *l);
}

enum hl_err store_training_needs_load(struct db *db, const char *today, int64_t assistant,
                                      struct tr_needs_rows *l, struct hl_error *err)
{
    struct tr_param p[] = {{0, today}, {assistant, NULL}};
    enum hl_err e = store_training_each(
        db,
        "SELECT pd.principal_id, ds.skill_id, CASE WHEN pd.must_have = 1 THEN ds.min_level ELSE "
        "0 END, CASE WHEN pd.must_have = 0 THEN ds.min_level ELSE 0 END FROM principal_duty pd "
        "JOIN duty_skill ds ON ds.duty_id = pd.duty_id JOIN person p ON p.id = pd.principal_id "
        "AND p.active = 1",
        NULL, 0, row_req, l, err);
    if (e == HL_OK)
        e = store_training_each(
            db,
            "SELECT a.assistant_id, a.principal_id FROM assignment a JOIN person p ON p.id = "
            "a.assistant_id AND p.active = 1 WHERE a.kind IN ('primary', 'secondary') AND "
            "a.start_date <= ?1 AND (a.end_date IS NULL OR a.end_date >= ?1) AND (?2 = 0 OR "
            "a.assistant_id = ?2)",
            p, 2, row_link, l, err);
    if (e == HL_OK)
        e = store_training_each(db,
                                "SELECT assistant_id, skill_id, level FROM "
                                "assistant_skill_effective WHERE level > 0",
                                NULL, 0, row_skill, l, err);
    if (e == HL_OK)
        e = store_training_each(db, "SELECT id, name FROM person ORDER BY id", NULL, 0, row_person,
                                l, err);
    if (e == HL_OK)
        e = store_training_each(db, "SELECT id, name FROM skill ORDER BY id", NULL, 0,
                                row_skill_name, l, err);
    if (e == HL_OK)
        e = store_training_each(db,
                                "SELECT cs.skill_id, c.id, cs.level, c.cost, c.name, c.language "
                                "FROM course_skill cs JOIN course c ON c.id = cs.course_id WHERE "
                                "c.active = 1 ORDER BY cs.skill_id, c.cost, cs.level DESC, c.id",
                                NULL, 0, row_course, l, err);
    return e;
}

enum hl_err store_training_expiring(struct db *db, const char *today, int soon_days,
                                    int64_t assistant, json_t **rows, struct hl_error *err)
{
    struct tr_param p[] = {{0, today}, {soon_days, NULL}, {assistant, NULL}};
    return rows_of(
        db,
        "SELECT c.id AS certificate_id, c.assistant_id, c.skill_id, c.level, c.title, "
        "c.expires_on FROM certificate c JOIN person p ON p.id = c.assistant_id AND p.active "
        "= 1 WHERE c.expires_on > ?1 AND c.expires_on <= date(?1, '+' || ?2 || ' days') AND "
        "(?3 = 0 OR c.assistant_id = ?3) ORDER BY c.expires_on, c.id",
        p, 3, rows, err);
}

/* ---- the demo's look-ups ---- */

int64_t store_training_lookup(struct db *db, enum tr_lookup what, const char *name)
{
    static const char *const sql[] = {
        [TR_SKILL_BY_NAME] = "SELECT id FROM skill WHERE name = ?1",
        [TR_DUTY_BY_NAME] = "SELECT id FROM duty WHERE name = ?1",
        [TR_PERSON_BY_NAME] = "SELECT id FROM person WHERE name = ?1",
        [TR_PRINCIPAL_OF] = "SELECT a.principal_id FROM assignment a JOIN person p ON p.id = "
                            "a.assistant_id WHERE p.name = ?1 ORDER BY a.kind <> 'primary', "
                            "a.principal_id DESC LIMIT 1",
        [TR_HOLDER_OF_SKILL] =
            "SELECT s.assistant_id FROM assistant_skill s JOIN skill k ON k.id = "
            "s.skill_id WHERE k.name = ?1 AND s.level >= 2 ORDER BY s.level "
            "DESC, s.assistant_id LIMIT 1",
        [TR_TOP_LEVEL_OF_SKILL] = "SELECT s.level FROM assistant_skill s JOIN skill k ON k.id = "
                                  "s.skill_id WHERE k.name = ?1 ORDER BY s.level DESC, "
                                  "s.assistant_id LIMIT 1",
    };
    struct tr_param p[] = {{0, name}};
    int64_t id = 0;
    struct hl_error err;
    if ((size_t)what >= sizeof sql / sizeof sql[0] ||
        store_training_each(db, sql[what], p, 1, row_id, &id, &err) != HL_OK)
        return 0;
    return id;
}

enum hl_err store_training_skills(struct db *db, json_t **rows, struct hl_error *err)
{
    return rows_of(db, "SELECT id, name FROM skill ORDER BY id", NULL, 0, rows, err);
}

enum hl_err store_training_demo_assistants(struct db *db, json_t **rows, struct hl_error *err)
{
    return rows_of(db,
                   "SELECT p.id FROM person p JOIN assistant a ON a.id = p.id WHERE "
                   "p.active = 1 AND p.office = 'Tallinn' AND p.name <> 'Kadri Tamm' "
                   "ORDER BY p.id LIMIT 4",
                   NULL, 0, rows, err);
}
