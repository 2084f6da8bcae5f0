/* store_interview.c: SQL of recruiting's interviews and scorecards (store_interview.h). Every
 * value is bound; answers are JSON objects named by their columns. */
#include "store_interview.h"

#include "timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Binds args by fmt ('i' int64_t, 's' text or NULL) from 1 on. */
static void bind_args(sqlite3_stmt *st, const char *fmt, va_list ap)
{
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 'i')
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        else {
            const char *s = va_arg(ap, const char *);
            if (s)
                sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, i + 1);
        }
    }
}

/* Prepares sql and binds the arguments by fmt; NULL (with err set) when it does not prepare. */
static sqlite3_stmt *prepare_bound(struct db *db, struct hl_error *err, const char *sql,
                                   const char *fmt, va_list ap)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (st)
        bind_args(st, fmt, ap);
    return st;
}

static json_t *col_json(sqlite3_stmt *st, int c)
{
    const char *name = sqlite3_column_name(st, c);
    size_t n = strlen(name);
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
        return json_null();
    case SQLITE_INTEGER:
        if (n > 3 && strcmp(name + n - 3, "_at") == 0) {
            char s[21];
            instant_format(sqlite3_column_int64(st, c), s);
            return json_string(s);
        }
        if (strncmp(name, "is_", 3) == 0 || strcmp(name, "taken") == 0)
            return json_boolean(sqlite3_column_int64(st, c) != 0);
        return json_integer(sqlite3_column_int64(st, c));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(st, c));
    default: {
        const char *s = (const char *)sqlite3_column_text(st, c);
        /* JSON lists stored as text (must_skills, languages, criteria) come back as lists. */
        if (s && s[0] == '[') {
            json_t *v = json_loads(s, 0, NULL);
            if (v)
                return v;
        }
        return json_string(s ? s : "");
    }
    }
}

/* Runs sql with the arguments and returns its rows as objects in *out (new array). */
static enum hl_err rows(struct db *db, json_t **out, struct hl_error *err, const char *sql,
                        const char *fmt, ...)
{
    *out = NULL;
    va_list ap;
    va_start(ap, fmt);
    sqlite3_stmt *st = prepare_bound(db, err, sql, fmt, ap);
    va_end(ap);
    if (!st)
        return err->code;
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int c = 0; c < sqlite3_column_count(st); c++)
            json_object_set_new(o, sqlite3_column_name(st, c), col_json(st, c));
        json_array_append_new(a, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return db_error(db, rc, "interview query", err);
    }
    *out = a;
    return HL_OK;
}

/* Steps a statement once: with v, its first column of a first row goes to *v; without v, a row
 * is an error. */
static enum hl_err step_once(struct db *db, int64_t *v, struct hl_error *err, const char *sql,
                             const char *fmt, va_list ap)
{
    sqlite3_stmt *st = prepare_bound(db, err, sql, fmt, ap);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    if (v && rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || (v && rc == SQLITE_ROW))
        return HL_OK;
    return db_error(db, rc, v ? "interview query" : "interview change", err);
}

/* Runs a statement without rows. */
static enum hl_err run(struct db *db, struct hl_error *err, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum hl_err e = step_once(db, NULL, err, sql, fmt, ap);
    va_end(ap);
    return e;
}

/* The first column of the first row as an integer (*v 0 when no row). */
static enum hl_err scalar(struct db *db, int64_t *v, struct hl_error *err, const char *sql,
                          const char *fmt, ...)
{
    *v = 0;
    va_list ap;
    va_start(ap, fmt);
    enum hl_err e = step_once(db, v, err, sql, fmt, ap);
    va_end(ap);
    return e;
}

enum hl_err store_iv_panel_add(struct db *db, int64_t iv, int64_t person, const char *role,
                               struct hl_error *err)
{
    return run(db, err,
               "INSERT INTO interview_panel (interview_id, person_id, role) VALUES (?1, ?2, ?3)",
               "iis", iv, person, role);
}

enum hl_err store_iv_panel(struct db *db, int64_t iv, json_t **out, struct hl_error *err)
{
    return rows(db, out, err,
                "SELECT p.person_id, p.role, p.absence_id, pe.name, pe.email, pe.time_zone, "
                "EXISTS (SELECT 1 FROM assistant a WHERE a.id = p.person_id) AS is_assistant, "
                "(SELECT ac.lang FROM account ac WHERE ac.person_id = p.person_id AND ac.lang IS "
                "NOT NULL LIMIT 1) AS lang FROM interview_panel p JOIN person pe ON pe.id = "
                "p.person_id WHERE p.interview_id = ?1 ORDER BY CASE p.role WHEN 'manager' THEN "
                "0 WHEN 'executive' THEN 1 ELSE 2 END, pe.name, p.person_id",
                "i", iv);
}

enum hl_err store_iv_panel_absence(struct db *db, int64_t iv, int64_t person, int64_t absence,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE interview_panel SET absence_id = ?3 WHERE "
                                  "interview_id = ?1 AND person_id = ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, iv);
    sqlite3_bind_int64(st, 2, person);
    if (absence)
        sqlite3_bind_int64(st, 3, absence);
    else
        sqlite3_bind_null(st, 3);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "interview panel", err);
}

enum hl_err store_iv_is_panel(struct db *db, int64_t iv, int64_t person, bool *yes,
                              struct hl_error *err)
{
    int64_t v;
    enum hl_err e = scalar(db, &v, err,
                           "SELECT 1 FROM interview_panel WHERE interview_id = ?1 AND "
                           "person_id = ?2",
                           "ii", iv, person);
    *yes = v == 1;
    return e;
}

enum hl_err store_iv_slot_add(struct db *db, int64_t iv, int64_t start, int64_t end,
                              struct hl_error *err)
{
    return run(db, err,
               "INSERT INTO interview_slot (interview_id, start_at, end_at) VALUES (?1, ?2, ?3)",
               "iii", iv, start, end);
}

/* A member of the panel of interview ?1 has another scheduled interview over [?2, ?3). */
#define CLASH_SQL                                                                                  \
    "EXISTS (SELECT 1 FROM interview_panel me JOIN interview_panel o ON o.person_id = "            \
    "me.person_id AND o.interview_id <> me.interview_id JOIN interview i2 ON i2.id = "             \
    "o.interview_id AND i2.status = 'scheduled' WHERE me.interview_id = ?1 AND i2.start_at < ?3 "  \
    "AND i2.end_at > ?2)"

enum hl_err store_iv_slots(struct db *db, int64_t iv, json_t **out, struct hl_error *err)
{
    return rows(db, out, err,
                "SELECT s.id, s.start_at, s.end_at, EXISTS (SELECT 1 FROM interview_panel me "
                "JOIN interview_panel o ON o.person_id = me.person_id AND o.interview_id <> "
                "me.interview_id JOIN interview i2 ON i2.id = o.interview_id AND i2.status = "
                "'scheduled' WHERE me.interview_id = s.interview_id AND i2.start_at < s.end_at "
                "AND i2.end_at > s.start_at) AS taken FROM interview_slot s WHERE "
                "s.interview_id = ?1 ORDER BY s.start_at, s.id",
                "i", iv);
}

enum hl_err store_iv_clash(struct db *db, int64_t iv, int64_t start, int64_t end, bool *clash,
                           struct hl_error *err)
{
    int64_t v;
    enum hl_err e = scalar(db, &v, err, "SELECT " CLASH_SQL, "iii", iv, start, end);
    *clash = v != 0;
    return e;
}

enum hl_err store_iv_pick_set(struct db *db, int64_t iv, const char *hash, int64_t until,
                              struct hl_error *err)
{
    return run(db, err, "UPDATE interview SET pick_hash = ?2, pick_until = ?3 WHERE id = ?1", "isi",
               iv, hash, until);
}

enum hl_err store_iv_pick_find(struct db *db, const char *hash, int64_t now, int64_t *iv,
                               struct hl_error *err)
{
    return scalar(db, iv, err,
                  "SELECT id FROM interview WHERE pick_hash = ?1 AND status = 'offered' AND "
                  "pick_until > ?2",
                  "si", hash, now);
}

enum hl_err store_iv_context(struct db *db, int64_t iv, json_t **out, struct hl_error *err)
{
    json_t *a = NULL;
    enum hl_err e = rows(db, &a, err,
                         "SELECT a.id AS application_id, a.name AS candidate, a.email, a.lang, "
                         "a.stage, r.id AS requisition_id, r.title, r.principal_id, "
                         "r.must_skills, r.languages, i.criteria FROM interview i JOIN "
                         "application a ON a.id = i.application_id JOIN requisition r ON r.id = "
                         "i.requisition_id WHERE i.id = ?1",
                         "i", iv);
    if (e == HL_OK && json_array_size(a) == 0)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no interview with id %lld", (long long)iv);
    if (e == HL_OK)
        *out = json_incref(json_array_get(a, 0));
    json_decref(a);
    return e;
}

enum hl_err store_iv_of_application(struct db *db, int64_t app, int64_t person, json_t **ids,
                                    struct hl_error *err)
{
    return rows(db, ids, err,
                "SELECT i.id FROM interview i WHERE i.application_id = ?1 AND (?2 = 0 OR EXISTS "
                "(SELECT 1 FROM interview_panel p WHERE p.interview_id = i.id AND p.person_id = "
                "?2)) ORDER BY i.id",
                "ii", app, person);
}

enum hl_err store_iv_mine(struct db *db, int64_t person, json_t **out, struct hl_error *err)
{
    return rows(db, out, err,
                "SELECT i.id, i.application_id, a.name AS candidate, r.title, i.status, "
                "i.start_at, i.end_at, i.location, i.url, p.role, (SELECT s.status FROM "
                "scorecard s WHERE s.interview_id = i.id AND s.person_id = ?1) AS scorecard "
                "FROM interview_panel p JOIN interview i ON i.id = p.interview_id JOIN "
                "application a ON a.id = i.application_id JOIN requisition r ON r.id = "
                "i.requisition_id WHERE p.person_id = ?1 AND i.status <> 'cancelled' ORDER BY "
                "i.start_at IS NULL, i.start_at DESC, i.id DESC LIMIT 200",
                "i", person);
}

enum hl_err store_iv_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err)
{
    /* The time, the neutral title and the place: nothing of the candidate. */
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT i.id, i.start_at, i.end_at, CASE WHEN i.location <> '' THEN i.location ELSE "
        "NULLIF(i.url, '') END FROM interview i JOIN interview_panel p ON p.interview_id = i.id "
        "WHERE p.person_id = ?1 AND i.status IN ('scheduled', 'completed') AND i.start_at < ?3 "
        "AND i.end_at > ?2 ORDER BY i.start_at, i.id",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char uid[48];
        snprintf(uid, sizeof uid, "interview-%lld@haldus", (long long)sqlite3_column_int64(st, 0));
        struct feed_event ev = {
            uid,   sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
            false, "Interview (recruiting)",    (const char *)sqlite3_column_text(st, 3),
            NULL};
        feed_list_add(out, &ev);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "interview feed", err);
}

enum hl_err store_sc_list(struct db *db, int64_t iv, json_t **out, struct hl_error *err)
{
    enum hl_err e = rows(db, out, err,
                         "SELECT s.id, s.version, s.person_id, pe.name, s.status, "
                         "s.submitted_at, s.note FROM scorecard s JOIN person pe ON pe.id = "
                         "s.person_id WHERE s.interview_id = ?1 ORDER BY s.id",
                         "i", iv);
    size_t i;
    json_t *c;
    json_array_foreach(*out, i, c)
    {
        json_t *r = NULL;
        if (e != HL_OK)
            break;
        e = rows(db, &r, err,
                 "SELECT criterion, score, note FROM scorecard_rating WHERE scorecard_id = ?1 "
                 "ORDER BY criterion",
                 "i", json_integer_value(json_object_get(c, "id")));
        if (e == HL_OK)
            json_object_set_new(c, "ratings", r);
    }
    return e;
}

enum hl_err store_sc_save(struct db *db, int64_t iv, int64_t person, const char *note, bool submit,
                          const json_t *ratings, int64_t now, int64_t *id, struct hl_error *err)
{
    enum hl_err e = run(db, err,
                        "INSERT INTO scorecard (created_at, updated_at, interview_id, person_id, "
                        "note) VALUES (?1, ?1, ?2, ?3, ?4) ON CONFLICT (interview_id, person_id) "
                        "DO UPDATE SET updated_at = ?1, version = version + 1, note = ?4",
                        "iiis", now, iv, person, note);
    if (e == HL_OK)
        e = scalar(db, id, err,
                   "SELECT id FROM scorecard WHERE interview_id = ?1 AND person_id = ?2", "ii", iv,
                   person);
    if (e == HL_OK && submit)
        e = run(db, err,
                "UPDATE scorecard SET status = 'submitted', submitted_at = ?2 WHERE id = ?1", "ii",
                *id, now);
    if (e == HL_OK)
        e = run(db, err, "DELETE FROM scorecard_rating WHERE scorecard_id = ?1", "i", *id);
    size_t i;
    json_t *r;
    json_array_foreach(ratings, i, r)
    {
        if (e != HL_OK)
            break;
        const char *rn = json_string_value(json_object_get(r, "note"));
        e = run(db, err,
                "INSERT INTO scorecard_rating (scorecard_id, criterion, score, note) VALUES (?1, "
                "?2, ?3, ?4)",
                "isis", *id, json_string_value(json_object_get(r, "criterion")),
                (int64_t)json_integer_value(json_object_get(r, "score")), rn ? rn : "");
    }
    return e;
}

enum hl_err store_iv_demo_application(struct db *db, int64_t *app, struct hl_error *err)
{
    return scalar(db, app, err,
                  "SELECT id FROM application WHERE stage = 'interview' ORDER BY id LIMIT 1", "");
}

enum hl_err store_iv_query(struct db *db, int64_t person, int64_t app, int64_t from, int64_t to,
                           json_t **ids, struct hl_error *err)
{
    return rows(db, ids, err,
                "SELECT i.id FROM interview i WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM "
                "interview_panel p WHERE p.interview_id = i.id AND p.person_id = ?1)) AND (?2 = 0 "
                "OR i.application_id = ?2) AND (i.start_at IS NULL OR (i.start_at >= ?3 AND "
                "i.start_at < ?4)) ORDER BY i.start_at IS NULL, i.start_at, i.id LIMIT 500",
                "iiii", person, app, from, to);
}
