/* store_mediation.c: SQL of the mediation domain: parties, entries, sessions, agreed actions
 * and retention. Every value is bound. */
#include "store_mediation.h"

#include "mem.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return hl_strdup(s ? (const char *)s : "");
}

static json_t *instant_col(sqlite3_stmt *st, int col)
{
    char s[21];
    instant_format(sqlite3_column_int64(st, col), s);
    return json_string(s);
}

static json_t *int_or_null(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL
               ? json_null()
               : json_integer(sqlite3_column_int64(st, col));
}

/* Finishes a loop over rows: HL_OK when it ran to the end. */
static enum hl_err finish(struct db *db, sqlite3_stmt *st, int rc, const char *what,
                          struct hl_error *err)
{
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, what, err);
}

enum hl_err store_mediation_person_kind(struct db *db, int64_t person, const char **kind,
                                        struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT EXISTS (SELECT 1 FROM assistant WHERE id = p.id) "
                                  "FROM person p WHERE p.id = ?1 AND p.active = 1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    int rc = sqlite3_step(st);
    *kind = NULL;
    if (rc == SQLITE_ROW)
        *kind = sqlite3_column_int(st, 0) ? "assistant" : "principal";
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "person", err);
}

enum hl_err store_case_parties(struct db *db, int64_t case_id, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT cp.person_id, p.name, EXISTS (SELECT 1 FROM assistant WHERE id = "
                   "p.id), cp.may_view FROM case_party cp JOIN person p ON p.id = cp.person_id "
                   "WHERE cp.case_id = ?1 ORDER BY cp.person_id",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(arr, json_pack("{sI ss ss sb}", "person_id",
                                             (json_int_t)sqlite3_column_int64(st, 0), "name",
                                             (const char *)sqlite3_column_text(st, 1), "kind",
                                             sqlite3_column_int(st, 2) ? "assistant" : "principal",
                                             "may_view", sqlite3_column_int(st, 3)));
    enum hl_err e = finish(db, st, rc, "case parties", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

enum hl_err store_case_party_set(struct db *db, int64_t case_id, int64_t person, bool may_view,
                                 struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO case_party (case_id, person_id, may_view) "
                                  "VALUES (?1, ?2, ?3) ON CONFLICT (case_id, person_id) "
                                  "DO UPDATE SET may_view = excluded.may_view",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_int64(st, 2, person);
    sqlite3_bind_int(st, 3, may_view);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "case party", err);
}

enum hl_err store_case_party_get(struct db *db, int64_t case_id, int64_t person, bool *party,
                                 bool *may_view, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT may_view FROM case_party WHERE case_id = ?1 AND person_id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_int64(st, 2, person);
    int rc = sqlite3_step(st);
    *party = rc == SQLITE_ROW;
    *may_view = *party && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "case party", err);
}

enum hl_err store_case_entries(struct db *db, int64_t case_id, int64_t viewer,
                               struct case_entry_rows *out, struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT e.id, e.created_at, e.author_person, e.kind, e.visibility, e.author, "
                   "coalesce(p.name, ''), e.body, e.sealed FROM case_entry e "
                   "LEFT JOIN person p ON p.id = e.author_person WHERE e.case_id = ?1 "
                   "AND (?2 = 0 OR e.visibility = 'parties' OR (e.visibility = 'author' AND "
                   "e.author_person = ?2)) ORDER BY e.id",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_int64(st, 2, viewer);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 16;
            out->rows = hl_realloc(out->rows, out->cap * sizeof *out->rows);
        }
        struct case_entry_row *r = &out->rows[out->n++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->created_at = sqlite3_column_int64(st, 1);
        r->author_person = sqlite3_column_int64(st, 2);
        r->kind = dup_col(st, 3);
        r->visibility = dup_col(st, 4);
        r->author = dup_col(st, 5);
        r->author_name = dup_col(st, 6);
        if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
            r->body = dup_col(st, 7);
        } else {
            r->sealed_len = (size_t)sqlite3_column_bytes(st, 8);
            r->sealed = hl_malloc(r->sealed_len ? r->sealed_len : 1);
            if (r->sealed_len)
                memcpy(r->sealed, sqlite3_column_blob(st, 8), r->sealed_len);
        }
    }
    enum hl_err e = finish(db, st, rc, "case entries", err);
    if (e != HL_OK)
        case_entry_rows_cleanup(out);
    return e;
}

void case_entry_rows_cleanup(struct case_entry_rows *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->rows[i].kind);
        free(r->rows[i].visibility);
        free(r->rows[i].author);
        free(r->rows[i].author_name);
        free(r->rows[i].body);
        free(r->rows[i].sealed);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

enum hl_err store_case_entry_insert(struct db *db, int64_t case_id, const char *kind,
                                    const char *visibility, int64_t author_person,
                                    const char *author, const char *body,
                                    const unsigned char *sealed, size_t sealed_len, int64_t *id,
                                    struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "INSERT INTO case_entry (created_at, updated_at, case_id, kind, visibility, "
                   "author_person, author, body, sealed) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                   "?8)",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, case_id);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, visibility, -1, SQLITE_STATIC);
    if (author_person > 0)
        sqlite3_bind_int64(st, 5, author_person);
    sqlite3_bind_text(st, 6, author, -1, SQLITE_STATIC);
    if (sealed_len)
        sqlite3_bind_blob(st, 8, sealed, (int)sealed_len, SQLITE_STATIC);
    else
        sqlite3_bind_text(st, 7, body, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "case entry", err);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_case_sealed_each(struct db *db,
                                   bool (*fn)(void *arg, int64_t id, const unsigned char *sealed,
                                              size_t len),
                                   void *arg, size_t *n, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT id, sealed FROM case_entry WHERE sealed IS NOT NULL ORDER BY id", err);
    if (!st)
        return err->code;
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        (*n)++;
        if (fn && !fn(arg, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                      (size_t)sqlite3_column_bytes(st, 1))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    return finish(db, st, rc, "sealed entries", err);
}

static json_t *session_json(sqlite3_stmt *st)
{
    json_t *att = json_loads((const char *)sqlite3_column_text(st, 5), 0, NULL);
    return json_pack("{sI sI so ss so so so ss so}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                     "version", (json_int_t)sqlite3_column_int64(st, 1), "case_id",
                     json_integer(sqlite3_column_int64(st, 2)), "title",
                     (const char *)sqlite3_column_text(st, 6), "start_at", instant_col(st, 3),
                     "end_at", instant_col(st, 4), "attendees", att ? att : json_array(),
                     "location", (const char *)sqlite3_column_text(st, 7), "organizer_id",
                     int_or_null(st, 8));
}

#define SESSION_COLS                                                                               \
    "s.id, s.version, s.case_id, s.start_at, s.end_at, s.attendees, s.title, s.location, "         \
    "s.organizer_id"

enum hl_err store_case_sessions(struct db *db, int64_t case_id, int64_t viewer, json_t **out,
                                struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT " SESSION_COLS " FROM case_session s WHERE "
                                  "s.case_id = ?1 AND (?2 = 0 OR EXISTS (SELECT 1 FROM "
                                  "json_each(s.attendees) WHERE value = ?2)) "
                                  "ORDER BY s.start_at, s.id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_int64(st, 2, viewer);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(arr, session_json(st));
    enum hl_err e = finish(db, st, rc, "case sessions", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

enum hl_err store_case_session_insert(struct db *db, int64_t case_id, int64_t start_at,
                                      int64_t end_at, const json_t *attendees, const char *location,
                                      int64_t organizer, int64_t *id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO case_session (created_at, updated_at, case_id, "
                                  "start_at, end_at, attendees, location, organizer_id) VALUES "
                                  "(?1, ?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0))",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, case_id);
    sqlite3_bind_int64(st, 3, start_at);
    sqlite3_bind_int64(st, 4, end_at);
    sqlite3_bind_text(st, 5, json_dumps(attendees, JSON_COMPACT), -1, free);
    sqlite3_bind_text(st, 6, location, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, organizer);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "case session", err);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_case_session_get(struct db *db, int64_t id, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT " SESSION_COLS " FROM case_session s WHERE s.id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = session_json(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no session with id %lld", (long long)id);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "case session", err);
}

#define ACTION_COLS                                                                                \
    "a.id, a.version, a.case_id, a.description, a.owner_id, coalesce(p.name, ''), a.due_date, "    \
    "a.done, a.created_at"

static json_t *action_json(sqlite3_stmt *st)
{
    return json_pack("{sI sI sI ss so ss ss sb so}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                     "version", (json_int_t)sqlite3_column_int64(st, 1), "case_id",
                     (json_int_t)sqlite3_column_int64(st, 2), "description",
                     (const char *)sqlite3_column_text(st, 3), "owner_id", int_or_null(st, 4),
                     "owner_name", (const char *)sqlite3_column_text(st, 5), "due_date",
                     (const char *)sqlite3_column_text(st, 6), "done", sqlite3_column_int(st, 7),
                     "created_at", instant_col(st, 8));
}

enum hl_err store_case_actions(struct db *db, int64_t case_id, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT " ACTION_COLS " FROM case_action a LEFT JOIN person p "
                                  "ON p.id = a.owner_id WHERE a.case_id = ?1 "
                                  "ORDER BY a.due_date, a.id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(arr, action_json(st));
    enum hl_err e = finish(db, st, rc, "case actions", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

enum hl_err store_case_action_insert(struct db *db, int64_t case_id, const char *description,
                                     int64_t owner, const char *due_date, int64_t *id,
                                     struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO case_action (created_at, updated_at, case_id, "
                                  "description, owner_id, due_date) VALUES (?1, ?1, ?2, ?3, ?4, "
                                  "?5)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, case_id);
    sqlite3_bind_text(st, 3, description, -1, SQLITE_STATIC);
    if (owner > 0)
        sqlite3_bind_int64(st, 4, owner);
    sqlite3_bind_text(st, 5, due_date, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "case action", err);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_case_action_get(struct db *db, int64_t case_id, int64_t id, json_t **out,
                                  struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT " ACTION_COLS " FROM case_action a LEFT JOIN person p "
                   "ON p.id = a.owner_id WHERE a.id = ?1 AND (?2 = 0 OR a.case_id = ?2)",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, case_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = action_json(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no action with id %lld", (long long)id);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "case action", err);
}

enum hl_err store_case_action_set_done(struct db *db, int64_t id, int64_t version, bool done,
                                       struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE case_action SET done = ?1, version = version + 1, "
                                  "updated_at = ?2 WHERE id = ?3 AND version = ?4",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, done);
    sqlite3_bind_int64(st, 2, db_now(db));
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "case action", err);
    if (sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the action was changed by someone else");
    return HL_OK;
}

enum hl_err store_case_expired(struct db *db, int64_t before, json_t **ids, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id FROM mediation_case WHERE status = 'closed' AND "
                                  "purged = 0 AND status_at < ?1 ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, before);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(arr, json_integer(sqlite3_column_int64(st, 0)));
    enum hl_err e = finish(db, st, rc, "expired cases", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *ids = arr;
    return e;
}

enum hl_err store_case_purge(struct db *db, int64_t case_id, struct hl_error *err)
{
    static const char *const sql[] = {
        "DELETE FROM case_entry WHERE case_id = ?1",
        "DELETE FROM case_session WHERE case_id = ?1",
        "DELETE FROM case_action WHERE case_id = ?1",
        "UPDATE mediation_case SET summary = '', outcome_note = '', purged = 1, "
        "version = version + 1, updated_at = ?2 WHERE id = ?1",
        /* The audit rows keep who did what, without the texts retention removed. */
        "UPDATE audit_log SET before = json_remove(before, '$.summary', '$.outcome_note'), "
        "after = json_remove(after, '$.summary', '$.outcome_note') "
        "WHERE entity = 'case' AND entity_id = ?1",
        "DELETE FROM case_reminder WHERE case_id = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *st = db_prepare(db, sql[i], err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, case_id);
        if (i == 3)
            sqlite3_bind_int64(st, 2, db_now(db));
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_error(db, rc, "case purge", err);
    }
    return HL_OK;
}

enum hl_err store_mediation_demo_pairs(struct db *db, int64_t (*pairs)[2], size_t max, size_t *n,
                                       struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT assistant_id, principal_id FROM assignment "
                                  "WHERE kind = 'primary' ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    int rc;
    *n = 0;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t a = sqlite3_column_int64(st, 0), p = sqlite3_column_int64(st, 1);
        bool used = false;
        for (size_t i = 0; i < *n; i++)
            used = used || pairs[i][0] == a || pairs[i][1] == p;
        if (used)
            continue;
        pairs[*n][0] = a;
        pairs[*n][1] = p;
        (*n)++;
    }
    if (*n == max)
        rc = SQLITE_DONE;
    return finish(db, st, rc, "demo pairs", err);
}

enum hl_err store_case_incompatible(struct db *db, int64_t case_id, json_t **out,
                                    struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT assistant_id, principal_id FROM incompatible_pair "
                                  "WHERE case_id = ?1 ORDER BY assistant_id, principal_id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(
            arr, json_pack("{sI sI}", "assistant_id", (json_int_t)sqlite3_column_int64(st, 0),
                           "principal_id", (json_int_t)sqlite3_column_int64(st, 1)));
    enum hl_err e = finish(db, st, rc, "incompatible pairs", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

/* The rows of a reminder query (the columns of struct case_remind_row, in order). */
static enum hl_err remind_rows(struct db *db, sqlite3_stmt *st, struct case_remind_rows *out,
                               struct hl_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 16;
            out->rows = hl_realloc(out->rows, out->cap * sizeof *out->rows);
        }
        struct case_remind_row *r = &out->rows[out->n++];
        r->case_id = sqlite3_column_int64(st, 0);
        r->action_id = sqlite3_column_int64(st, 1);
        r->person = sqlite3_column_int64(st, 2);
        r->date = dup_col(st, 3);
        r->zone = dup_col(st, 4);
        r->sent_due = sqlite3_column_int(st, 5) != 0;
        r->sent_overdue = sqlite3_column_int(st, 6) != 0;
    }
    return finish(db, st, rc, "case reminders", err);
}

enum hl_err store_case_remind_candidates(struct db *db, struct case_remind_rows *out,
                                         struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    /* Open actions with an owner, of cases not closed. */
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT a.case_id, a.id, a.owner_id, a.due_date, p.time_zone, "
        "EXISTS (SELECT 1 FROM case_reminder r WHERE r.case_id = a.case_id AND r.action_id = a.id "
        "AND r.kind = 'due' AND r.on_date = a.due_date AND r.person_id = a.owner_id), "
        "EXISTS (SELECT 1 FROM case_reminder r WHERE r.case_id = a.case_id AND r.action_id = a.id "
        "AND r.kind = 'overdue' AND r.on_date = a.due_date AND r.person_id = a.owner_id) "
        "FROM case_action a JOIN mediation_case c ON c.id = a.case_id JOIN person p ON p.id = "
        "a.owner_id WHERE a.done = 0 AND c.status <> 'closed' AND c.purged = 0 ORDER BY a.id",
        err);
    if (!st)
        return err->code;
    enum hl_err e = remind_rows(db, st, out, err);
    if (e != HL_OK)
        return e;
    /* Cases in monitoring × the manager accounts with a person (action_id 0). */
    st = db_prepare(db,
                    "SELECT c.id, 0, acc.person_id, c.review_date, p.time_zone, "
                    "EXISTS (SELECT 1 FROM case_reminder r WHERE r.case_id = c.id AND "
                    "r.action_id = 0 AND r.kind = 'review' AND r.on_date = c.review_date AND "
                    "r.person_id = acc.person_id), 0 "
                    "FROM mediation_case c JOIN account acc ON acc.role = 'manager' AND "
                    "acc.disabled = 0 AND acc.person_id IS NOT NULL JOIN person p ON p.id = "
                    "acc.person_id WHERE c.status = 'monitoring' AND c.purged = 0 AND "
                    "c.review_date IS NOT NULL ORDER BY c.id, acc.person_id",
                    err);
    if (!st)
        return err->code;
    return remind_rows(db, st, out, err);
}

void case_remind_rows_cleanup(struct case_remind_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->rows[i].date);
        free(r->rows[i].zone);
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

enum hl_err store_case_reminder_insert(struct db *db, int64_t case_id, int64_t action_id,
                                       const char *kind, const char *on_date, int64_t person,
                                       int64_t mail_id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT OR IGNORE INTO case_reminder (created_at, case_id, "
                                  "action_id, kind, on_date, person_id, mail_id) VALUES (?1, ?2, "
                                  "?3, ?4, ?5, ?6, ?7)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, case_id);
    sqlite3_bind_int64(st, 3, action_id);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, on_date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, person);
    sqlite3_bind_int64(st, 7, mail_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "case reminder", err);
}

enum hl_err store_case_reminders(struct db *db, int64_t case_id, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT action_id, kind, on_date, person_id, created_at FROM "
                                  "case_reminder WHERE case_id = ?1 ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, case_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(
            arr, json_pack("{sI ss ss sI so}", "action_id", (json_int_t)sqlite3_column_int64(st, 0),
                           "kind", (const char *)sqlite3_column_text(st, 1), "on_date",
                           (const char *)sqlite3_column_text(st, 2), "person_id",
                           (json_int_t)sqlite3_column_int64(st, 3), "sent_at", instant_col(st, 4)));
    enum hl_err e = finish(db, st, rc, "case reminders", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

enum hl_err store_case_session_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                                    struct feed_list *out, struct hl_error *err)
{
    /* The sessions the person attends, or (a manager's account) every session of a case not
     * purged: the time and the neutral title, nothing of the case. */
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT s.id, s.start_at, s.end_at, s.title FROM case_session s JOIN mediation_case c ON "
        "c.id = s.case_id WHERE c.purged = 0 AND s.start_at < ?3 AND s.end_at > ?2 AND (EXISTS "
        "(SELECT 1 FROM json_each(s.attendees) WHERE value = ?1) OR s.organizer_id = ?1) "
        "ORDER BY s.start_at, s.id",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char uid[48];
        snprintf(uid, sizeof uid, "case-session-%lld@haldus",
                 (long long)sqlite3_column_int64(st, 0));
        struct feed_event ev = {uid,
                                sqlite3_column_int64(st, 1),
                                sqlite3_column_int64(st, 2),
                                false,
                                (const char *)sqlite3_column_text(st, 3),
                                NULL,
                                NULL};
        feed_list_add(out, &ev);
    }
    return finish(db, st, rc, "case sessions feed", err);
}
