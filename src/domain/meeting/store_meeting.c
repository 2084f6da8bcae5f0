/* store_meeting.c: the meetings domain's SQL (see store_meeting.h); every value is bound. */
#include "store_meeting.h"

#include "mem.h"
#include "store_entity.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? hl_strdup((const char *)t) : NULL;
}

void meeting_person_cleanup(struct meeting_person *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->email);
    free(p->zone);
    free(p->office);
    free(p->lang);
    memset(p, 0, sizeof *p);
}

enum hl_err store_meeting_person(struct db *db, int64_t id, struct meeting_person *out,
                                 struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT p.name, p.email, p.time_zone, p.office, (SELECT a.lang "
                                  "FROM account a WHERE a.person_id = p.id AND a.lang IS NOT "
                                  "NULL LIMIT 1) FROM person p WHERE p.id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        out->id = id;
        out->name = col_dup(st, 0);
        out->email = col_dup(st, 1);
        out->zone = col_dup(st, 2);
        out->office = col_dup(st, 3);
        out->lang = col_dup(st, 4);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "person %lld not found", (long long)id);
    } else {
        e = db_error(db, rc, "meeting person", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_meeting_work(struct db *db, int64_t person, struct meeting_work **out, size_t *n,
                               struct hl_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT weekday, start_minute, end_minute, valid_from, "
                                  "valid_to FROM work_pattern WHERE person_id = ?1 ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = hl_realloc(*out, cap * sizeof **out);
        }
        struct meeting_work *w = &(*out)[(*n)++];
        w->w.weekday = sqlite3_column_int(st, 0);
        w->w.start_minute = sqlite3_column_int(st, 1);
        w->w.end_minute = sqlite3_column_int(st, 2);
        const char *f = (const char *)sqlite3_column_text(st, 3);
        const char *t = (const char *)sqlite3_column_text(st, 4);
        if (!f || !date_parse(f, &w->from_day))
            w->from_day = INT64_MIN;
        if (!t || !date_parse(t, &w->to_day))
            w->to_day = INT64_MAX;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return db_error(db, rc, "work pattern", err);
    }
    return HL_OK;
}

/* Runs st (bound by the caller) and collects its (start, end) rows. */
static enum hl_err collect_spans(struct db *db, sqlite3_stmt *st, const char *what,
                                 struct slot_span **out, size_t *n, struct hl_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = hl_realloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] =
            (struct slot_span){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return db_error(db, rc, what, err);
    }
    return HL_OK;
}

enum hl_err store_meeting_busy(struct db *db, int64_t person, int64_t from, int64_t to,
                               int64_t except, struct slot_span **out, size_t *n,
                               struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT start_at, end_at FROM absence WHERE person_id = ?1 AND status = 'approved' "
        "AND start_at < ?3 AND end_at > ?2 "
        "UNION ALL SELECT m.start_at, m.end_at FROM meeting m WHERE m.status = 'scheduled' "
        "AND m.id <> ?4 AND m.start_at < ?3 AND m.end_at > ?2 AND (m.principal_id = ?1 OR "
        "EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.person_id = "
        "?1)) "
        "UNION ALL SELECT b.start_at, b.end_at FROM outside_busy b JOIN outside_calendar c ON "
        "c.id = b.calendar_id WHERE c.person_id = ?1 AND b.start_at < ?3 AND b.end_at > ?2",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, except);
    return collect_spans(db, st, "busy times", out, n, err);
}

enum hl_err store_meeting_room_busy(struct db *db, int64_t room, int64_t from, int64_t to,
                                    int64_t except, struct slot_span **out, size_t *n,
                                    struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT start_at, end_at FROM meeting WHERE room_id = ?1 AND "
                                  "status = 'scheduled' AND id <> ?4 AND start_at < ?3 AND "
                                  "end_at > ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, room);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, except);
    return collect_spans(db, st, "room bookings", out, n, err);
}

enum hl_err store_meeting_may_act(struct db *db, int64_t person, int64_t principal, bool *ok,
                                  struct hl_error *err)
{
    *ok = false;
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT EXISTS (SELECT 1 FROM assignment WHERE assistant_id = ?1 AND principal_id = ?2 "
        "AND start_date <= ?4 AND (end_date IS NULL OR end_date >= ?4)) OR EXISTS (SELECT 1 "
        "FROM coverage_cover WHERE assistant_id = ?1 AND principal_id = ?2 AND status = "
        "'accepted' AND end_at > ?3)",
        err);
    if (!st)
        return err->code;
    /* the assignment's dates are read by the assistant's today, as their visibility is */
    int64_t now = db_now(db);
    char today[11];
    store_person_today(db, person, now, today);
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, principal);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *ok = sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "may act", err);
}

enum hl_err store_meeting_room(struct db *db, int64_t room, int64_t *capacity, bool *active,
                               char **name, struct hl_error *err)
{
    *name = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT capacity, active, name FROM room WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, room);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        *capacity = sqlite3_column_int64(st, 0);
        *active = sqlite3_column_int(st, 1) != 0;
        *name = col_dup(st, 2);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, "room_id", "room %lld not found", (long long)room);
    } else {
        e = db_error(db, rc, "room", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_meeting_attendees(struct db *db, int64_t meeting, json_t **out,
                                    struct hl_error *err)
{
    *out = json_array();
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT a.id, a.person_id, coalesce(a.email, p.email), "
                                  "p.name, a.required FROM meeting_attendee a LEFT JOIN person "
                                  "p ON p.id = a.person_id WHERE a.meeting_id = ?1 ORDER BY a.id",
                                  err);
    if (!st) {
        json_decref(*out);
        *out = NULL;
        return err->code;
    }
    sqlite3_bind_int64(st, 1, meeting);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *a = json_pack("{sI ss sb}", "id", (json_int_t)sqlite3_column_int64(st, 0), "email",
                              (const char *)sqlite3_column_text(st, 2), "required",
                              sqlite3_column_int(st, 4) != 0);
        if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
            json_object_set_new(a, "person_id", json_null());
            json_object_set_new(a, "name", json_null());
        } else {
            json_object_set_new(a, "person_id", json_integer(sqlite3_column_int64(st, 1)));
            json_object_set_new(a, "name", json_string((const char *)sqlite3_column_text(st, 3)));
        }
        json_array_append_new(*out, a);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(*out);
        *out = NULL;
        return db_error(db, rc, "attendees", err);
    }
    return HL_OK;
}

enum hl_err store_outside_busy_replace(struct db *db, int64_t calendar, const struct slot_span *s,
                                       size_t n, size_t unreadable, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM outside_busy WHERE calendar_id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, calendar);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "outside busy", err);
    st = db_prepare(
        db, "INSERT INTO outside_busy (calendar_id, start_at, end_at) VALUES (?1, ?2, ?3)", err);
    if (!st)
        return err->code;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, calendar);
        sqlite3_bind_int64(st, 2, s[i].start);
        sqlite3_bind_int64(st, 3, s[i].end);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_error(db, rc, "outside busy", err);
    }
    st = db_prepare(db,
                    "UPDATE outside_calendar SET busy_count = ?2, read_at = ?3, last_error = "
                    "NULL, unreadable_events = ?4 WHERE id = ?1",
                    err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, calendar);
    sqlite3_bind_int64(st, 2, (int64_t)n);
    sqlite3_bind_int64(st, 3, db_now(db));
    sqlite3_bind_int64(st, 4, (int64_t)unreadable);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "outside calendar", err);
}

enum hl_err store_outside_source(struct db *db, int64_t id, int64_t *person, char **url,
                                 char **etag, char **last_modified, struct hl_error *err)
{
    *url = *etag = *last_modified = NULL;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT person_id, url, etag, last_modified FROM outside_calendar WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        *person = sqlite3_column_int64(st, 0);
        *url = col_dup(st, 1);
        *etag = col_dup(st, 2);
        *last_modified = col_dup(st, 3);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "outside calendar %lld not found", (long long)id);
    } else {
        e = db_error(db, rc, "outside calendar", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_outside_mark(struct db *db, int64_t id, const char *error, const char *etag,
                               const char *last_modified, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        error ? "UPDATE outside_calendar SET version = version + 1, updated_at = ?2, tried_at = "
                "?2, error_at = ?2, last_error = ?3 WHERE id = ?1"
              : "UPDATE outside_calendar SET version = version + 1, updated_at = ?2, tried_at = "
                "?2, read_at = ?2, error_at = NULL, last_error = NULL, etag = CASE WHEN ?4 IS "
                "NULL AND ?5 IS NULL THEN etag ELSE ?4 END, last_modified = CASE WHEN ?4 IS NULL "
                "AND ?5 IS NULL THEN last_modified ELSE ?5 END WHERE id = ?1",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, db_now(db));
    if (error) {
        sqlite3_bind_text(st, 3, error, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_text(st, 4, etag, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, last_modified, -1, SQLITE_TRANSIENT);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "outside calendar", err);
}

enum hl_err store_outside_due(struct db *db, int64_t before, size_t max, int64_t **ids, size_t *n,
                              struct hl_error *err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id FROM outside_calendar WHERE url IS NOT NULL AND "
                                  "(tried_at IS NULL OR tried_at <= ?1) ORDER BY tried_at IS NOT "
                                  "NULL, tried_at, id LIMIT ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int64(st, 2, (int64_t)max);
    int64_t *out = hl_malloc((max ? max : 1) * sizeof *out);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        out[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(out);
        *n = 0;
        return db_error(db, rc, "outside calendars", err);
    }
    *ids = out;
    return HL_OK;
}

enum hl_err store_feed_insert(struct db *db, int64_t person, bool busy_only,
                              const unsigned char *hash, size_t hash_len, int64_t *id,
                              struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO feed_token (person_id, busy_only, token_hash, "
                                  "created_at) VALUES (?1, ?2, ?3, ?4)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int(st, 2, busy_only);
    sqlite3_bind_blob(st, 3, hash, (int)hash_len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "feed", err);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_feed_list(struct db *db, int64_t person, json_t **out, struct hl_error *err)
{
    *out = json_array();
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, busy_only, created_at FROM feed_token WHERE "
                                  "person_id = ?1 ORDER BY id",
                                  err);
    if (!st) {
        json_decref(*out);
        *out = NULL;
        return err->code;
    }
    sqlite3_bind_int64(st, 1, person);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char at[21];
        instant_format(sqlite3_column_int64(st, 2), at);
        json_array_append_new(*out, json_pack("{sI sb ss}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "busy_only",
                                              sqlite3_column_int(st, 1) != 0, "created_at", at));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(*out);
        *out = NULL;
        return db_error(db, rc, "feeds", err);
    }
    return HL_OK;
}

enum hl_err store_feed_delete(struct db *db, int64_t id, int64_t person, bool *found,
                              struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM feed_token WHERE id = ?1 AND person_id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, person);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "feed", err);
    *found = sqlite3_changes(db_handle(db)) > 0;
    return HL_OK;
}

enum hl_err store_feed_find(struct db *db, const unsigned char *hash, size_t hash_len,
                            int64_t *person, bool *busy_only, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT person_id, busy_only FROM feed_token WHERE token_hash = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_blob(st, 1, hash, (int)hash_len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        *person = sqlite3_column_int64(st, 0);
        *busy_only = sqlite3_column_int(st, 1) != 0;
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, "token", "no such feed (revoked, or never made)");
    } else {
        e = db_error(db, rc, "feed", err);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return e;
}

enum hl_err store_meeting_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                               struct feed_list *out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT m.uid, m.start_at, m.end_at, m.title, trim(coalesce(r.name, '') || CASE WHEN "
        "r.name IS NOT NULL AND m.place <> '' THEN ', ' ELSE '' END || m.place), m.video_url "
        "FROM meeting m LEFT JOIN room r ON r.id = m.room_id WHERE m.status = 'scheduled' AND "
        "m.start_at < ?3 AND m.end_at > ?2 AND (m.principal_id = ?1 OR EXISTS (SELECT 1 FROM "
        "meeting_attendee a WHERE a.meeting_id = m.id AND a.person_id = ?1)) ORDER BY m.start_at",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *loc = (const char *)sqlite3_column_text(st, 4);
        const char *url = (const char *)sqlite3_column_text(st, 5);
        struct feed_event ev = {(const char *)sqlite3_column_text(st, 0),
                                sqlite3_column_int64(st, 1),
                                sqlite3_column_int64(st, 2),
                                false,
                                (const char *)sqlite3_column_text(st, 3),
                                loc && *loc ? loc : NULL,
                                url && *url ? url : NULL};
        feed_list_add(out, &ev);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "meeting feed", err);
}

enum hl_err store_meeting_demo_pairs(struct db *db, size_t max, struct meeting_demo_pair **out,
                                     size_t *n, struct hl_error *err)
{
    *out = hl_calloc(max + 1, sizeof **out);
    *n = 0;
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT a.principal_id, min(acc.login) FROM assignment a JOIN account acc ON "
        "acc.person_id = a.assistant_id WHERE a.kind = 'primary' AND a.start_date <= "
        "date(?2, 'unixepoch') AND (a.end_date IS NULL OR a.end_date >= date(?2, 'unixepoch')) "
        "GROUP BY a.principal_id ORDER BY a.principal_id LIMIT ?1",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, (int64_t)max);
    sqlite3_bind_int64(st, 2, db_now(db));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        (*out)[(*n)++] = (struct meeting_demo_pair){sqlite3_column_int64(st, 0), col_dup(st, 1)};
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "demo pairs", err);
}
