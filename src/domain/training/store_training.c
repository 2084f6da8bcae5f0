/* store_training.c: the training domain's SQL (see store_training.h). */
#include "store_training.h"

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

enum hl_err store_training_each(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                                void (*fn)(sqlite3_stmt *st, void *arg), void *arg,
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

enum hl_err store_training_rows(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                                json_t **rows, struct hl_error *err)
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

enum hl_err store_training_notified(struct db *db, int64_t id, int days, struct hl_error *err)
{
    struct tr_param p[] = {{id, NULL}, {days, NULL}};
    return exec(db, "UPDATE certificate SET notified_days = ?2 WHERE id = ?1", p, 2,
                "mark certificate notice", err);
}
