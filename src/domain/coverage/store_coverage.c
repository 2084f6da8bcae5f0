/* store_coverage.c: SQL for the coverage planner: its input rows, settings, plans and covers. */
#include "entity.h"
#include "store_coverage.h"
#include "buf.h"
#include "jsonw.h"
#include "mem.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends one zeroed element to a malloc'd array, doubling its capacity. */
#define GROW(arr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? 2 * (cap) : 64;                                                        \
            (arr) = hl_realloc((arr), (cap) * sizeof *(arr));                                      \
        }                                                                                          \
        memset(&(arr)[(n)], 0, sizeof *(arr));                                                     \
    } while (0)

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    snprintf(dst, size, "%s", s ? (const char *)s : "");
}

/* Whether s is valid UTF-8 (Jansson's own check): nothing else may be stored as text. */
static bool utf8_ok(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0, n; i < len; i += n) {
        if (u[i] < 0x80) { /* the usual case */
            n = 1;
            continue;
        }
        if ((n = utf8_sequence(u + i, len - i)) == 0)
            return false;
    }
    return true;
}

/* The column's text as a malloc'd string ("" for NULL). */
static char *dup_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return hl_strdup(s ? (const char *)s : "");
}

static int64_t day_column(sqlite3_stmt *st, int col, int64_t dflt)
{
    int64_t d;
    const unsigned char *s = sqlite3_column_text(st, col);
    return s && date_parse((const char *)s, &d) ? d : dflt;
}

/* The parameters of the load's queries: ?1 from_day text, ?2 to_day text, ?3 from, ?4 to,
 * ?5 office, ?6 department, ?7 … ?8 the principals' id range, ?9 1 = every assistant (else
 * only those assigned to a principal of the range). */
struct load_params {
    const char *from_day, *to_day;
    int64_t from, to;
    const char *office, *department;
    int64_t lo, hi;
    bool all;
};

/* Runs sql with the parameters it uses and hands each row to fn. */
static enum hl_err each_row(struct db *db, const char *sql, const struct load_params *q,
                            void (*fn)(sqlite3_stmt *, void *), void *ctx, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    int n = sqlite3_bind_parameter_count(st);
    if (n >= 1)
        sqlite3_bind_text(st, 1, q->from_day, -1, SQLITE_STATIC);
    if (n >= 2)
        sqlite3_bind_text(st, 2, q->to_day, -1, SQLITE_STATIC);
    if (n >= 3)
        sqlite3_bind_int64(st, 3, q->from);
    if (n >= 4)
        sqlite3_bind_int64(st, 4, q->to);
    if (n >= 5 && q->office)
        sqlite3_bind_text(st, 5, q->office, -1, SQLITE_STATIC);
    if (n >= 6 && q->department)
        sqlite3_bind_text(st, 6, q->department, -1, SQLITE_STATIC);
    if (n >= 7)
        sqlite3_bind_int64(st, 7, q->lo);
    if (n >= 8)
        sqlite3_bind_int64(st, 8, q->hi);
    if (n >= 9)
        sqlite3_bind_int(st, 9, q->all);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(st, ctx);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "coverage load", err);
}

struct loader {
    struct cov_rows *r;
    size_t cap_people, cap_patterns, cap_asg, cap_abs, cap_cov, cap_bk, cap_as, cap_ps, cap_sn;
    size_t cap_cf;
};

static void row_person(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->people, r->n_people, l->cap_people);
    struct cov_person *p = &r->people[r->n_people++];
    p->id = sqlite3_column_int64(st, 0);
    p->name = dup_text(st, 1);
    p->office = dup_text(st, 2);
    p->tz = dup_text(st, 3);
    p->assistant = sqlite3_column_int(st, 4) != 0;
    p->capacity = sqlite3_column_int(st, 5);
    p->priority = sqlite3_column_int(st, 6);
    p->department = dup_text(st, 7);
}

static void row_pattern(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->patterns, r->n_patterns, l->cap_patterns);
    struct cov_pattern *p = &r->patterns[r->n_patterns++];
    p->person_id = sqlite3_column_int64(st, 0);
    p->weekday = sqlite3_column_int(st, 1);
    p->start_minute = sqlite3_column_int(st, 2);
    p->end_minute = sqlite3_column_int(st, 3);
    p->valid_from = day_column(st, 4, INT64_MIN);
    p->valid_to = day_column(st, 5, INT64_MAX);
}

static void row_assignment(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->assignments, r->n_assignments, l->cap_asg);
    struct cov_span *s = &r->assignments[r->n_assignments++];
    s->id = sqlite3_column_int64(st, 0);
    s->a = sqlite3_column_int64(st, 1);
    s->b = sqlite3_column_int64(st, 2);
    s->start = day_column(st, 3, INT64_MIN);
    s->end = day_column(st, 4, INT64_MAX);
    s->accepted = false;
    s->primary = sqlite3_column_int(st, 5) != 0;
}

static void row_absence(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->absences, r->n_absences, l->cap_abs);
    struct cov_span *s = &r->absences[r->n_absences++];
    s->id = sqlite3_column_int64(st, 0);
    s->a = sqlite3_column_int64(st, 1);
    s->start = sqlite3_column_int64(st, 2);
    s->end = sqlite3_column_int64(st, 3);
}

static void row_cover(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->covers, r->n_covers, l->cap_cov);
    struct cov_span *s = &r->covers[r->n_covers++];
    s->id = sqlite3_column_int64(st, 0);
    s->a = sqlite3_column_int64(st, 1);
    s->b = sqlite3_column_int64(st, 2);
    s->start = sqlite3_column_int64(st, 3);
    s->end = sqlite3_column_int64(st, 4);
    s->accepted = strcmp((const char *)sqlite3_column_text(st, 5), "accepted") == 0;
}

static void row_backup(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->backups, r->n_backups, l->cap_bk);
    struct cov_span *s = &r->backups[r->n_backups++];
    s->b = sqlite3_column_int64(st, 0);
    s->a = sqlite3_column_int64(st, 1);
    s->start = sqlite3_column_int64(st, 2);
}

static void row_conflict(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->conflicts, r->n_conflicts, l->cap_cf);
    struct cov_span *s = &r->conflicts[r->n_conflicts++];
    memset(s, 0, sizeof *s);
    s->b = sqlite3_column_int64(st, 0);
    s->a = sqlite3_column_int64(st, 1);
}

static void row_assistant_skill(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    GROW(r->assistant_skills, r->n_assistant_skills, l->cap_as);
    struct cov_skill *k = &r->assistant_skills[r->n_assistant_skills++];
    k->owner = sqlite3_column_int64(st, 0);
    k->skill = sqlite3_column_int64(st, 1);
    k->level = sqlite3_column_int(st, 2);
}

static void row_principal_skill(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    bool has_must = sqlite3_column_type(st, 2) != SQLITE_NULL;
    int must = sqlite3_column_int(st, 2), nice = sqlite3_column_int(st, 3);
    if (has_must) {
        GROW(r->principal_skills, r->n_principal_skills, l->cap_ps);
        struct cov_skill *k = &r->principal_skills[r->n_principal_skills++];
        k->owner = sqlite3_column_int64(st, 0);
        k->skill = sqlite3_column_int64(st, 1);
        k->level = must;
        k->must = true;
    }
    /* A nice-to-have level counts only above the must-have one (a higher level is nice). */
    if (sqlite3_column_type(st, 3) != SQLITE_NULL && (!has_must || nice > must)) {
        GROW(r->principal_skills, r->n_principal_skills, l->cap_ps);
        struct cov_skill *k = &r->principal_skills[r->n_principal_skills++];
        k->owner = sqlite3_column_int64(st, 0);
        k->skill = sqlite3_column_int64(st, 1);
        k->level = nice;
        k->must = false;
    }
}

static void row_skill_name(sqlite3_stmt *st, void *ctx)
{
    struct loader *l = ctx;
    struct cov_rows *r = l->r;
    if (r->n_skill_names == l->cap_sn) {
        l->cap_sn = l->cap_sn ? 2 * l->cap_sn : 32;
        r->skill_names = hl_realloc(r->skill_names, l->cap_sn * sizeof *r->skill_names);
        r->skill_text = hl_realloc(r->skill_text, l->cap_sn * sizeof *r->skill_text);
    }
    memset(&r->skill_names[r->n_skill_names], 0, sizeof r->skill_names[0]);
    r->skill_names[r->n_skill_names].id = sqlite3_column_int64(st, 0);
    r->skill_text[r->n_skill_names] = hl_strdup((const char *)sqlite3_column_text(st, 1));
    r->n_skill_names++;
}

/* The assistants assigned (primary or secondary) to a principal of the id range ?7 … ?8 on
 * some day of the window. */
#define ASSIGNED                                                                                   \
    "(SELECT assistant_id FROM assignment WHERE principal_id BETWEEN ?7 AND ?8 "                   \
    "AND kind IN ('primary', 'secondary') AND start_date <= ?2 "                                   \
    "AND (end_date IS NULL OR end_date >= ?1))"

enum hl_err store_coverage_load(struct db *db, int64_t from_day, int64_t to_day, int64_t from,
                                int64_t to, const char *office, const char *department,
                                int64_t principal_lo, int64_t principal_hi, struct cov_rows *out,
                                struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    struct loader l = {.r = out};
    char fd[11], td[11];
    date_format(from_day, fd);
    date_format(to_day, td);
    bool all = principal_lo <= 0 && principal_hi <= 0;
    struct load_params q = {fd,
                            td,
                            from,
                            to,
                            office,
                            department,
                            all ? 0 : principal_lo,
                            all ? INT64_MAX : principal_hi,
                            all};
    static const struct {
        const char *sql;
        void (*fn)(sqlite3_stmt *, void *);
    } queries[] = {
        {"SELECT p.id, p.name, p.office, p.time_zone, a.id IS NOT NULL, coalesce(a.capacity, 0), "
         "coalesce(r.priority, 0), coalesce(r.department, '') FROM person p "
         "LEFT JOIN assistant a ON a.id = p.id LEFT JOIN principal r ON r.id = p.id "
         "WHERE p.active = 1 AND ((a.id IS NOT NULL AND (?9 OR a.id IN " ASSIGNED ")) "
         "OR (r.id IS NOT NULL AND p.id BETWEEN ?7 AND ?8 "
         "AND (?5 IS NULL OR p.office = ?5) AND (?6 IS NULL OR r.department = ?6))) "
         "AND ?1 IS NOT NULL AND ?2 IS NOT NULL AND ?3 IS NOT NULL AND ?4 IS NOT NULL "
         "ORDER BY p.id",
         row_person},
        {"SELECT w.person_id, w.weekday, w.start_minute, w.end_minute, w.valid_from, w.valid_to "
         "FROM work_pattern w JOIN person p ON p.id = w.person_id WHERE p.active = 1 "
         "AND (w.valid_from IS NULL OR w.valid_from <= ?2) "
         "AND (w.valid_to IS NULL OR w.valid_to >= ?1) "
         "AND (?9 OR w.person_id BETWEEN ?7 AND ?8 OR w.person_id IN " ASSIGNED ") "
         "ORDER BY w.person_id",
         row_pattern},
        {"SELECT id, assistant_id, principal_id, start_date, end_date, kind = 'primary' "
         "FROM assignment WHERE kind IN ('primary', 'secondary') AND start_date <= ?2 "
         "AND (end_date IS NULL OR end_date >= ?1) AND (?9 OR principal_id BETWEEN ?7 AND ?8)",
         row_assignment},
        {"SELECT id, person_id, start_at, end_at FROM absence WHERE status = 'approved' "
         "AND ?1 IS NOT NULL AND ?2 IS NOT NULL AND start_at < ?4 AND end_at > ?3 "
         "AND (?9 OR person_id BETWEEN ?7 AND ?8 OR person_id IN " ASSIGNED ")",
         row_absence},
        {"SELECT id, assistant_id, principal_id, start_at, end_at, status FROM coverage_cover "
         "WHERE status IN ('proposed', 'accepted') AND ?1 IS NOT NULL AND ?2 IS NOT NULL "
         "AND start_at < ?4 AND end_at > ?3 AND (?9 OR principal_id BETWEEN ?7 AND ?8)",
         row_cover},
        {"SELECT principal_id, assistant_id, rank FROM designated_backup "
         "ORDER BY principal_id, rank",
         row_backup},
        /* the levels that count: an expired certificate proves nothing (013_training.sql) */
        {"SELECT assistant_id, skill_id, level FROM assistant_skill_effective WHERE level > 0 "
         "ORDER BY assistant_id",
         row_assistant_skill},
        /* Per skill: the must-have level (over must-have duties only) and the nice-to-have
         * level (over nice-to-have duties only); a nice duty never makes a skill a must. */
        {"SELECT pd.principal_id, ds.skill_id, "
         "max(CASE WHEN pd.must_have THEN ds.min_level END), "
         "max(CASE WHEN NOT pd.must_have THEN ds.min_level END) "
         "FROM principal_duty pd JOIN duty_skill ds ON ds.duty_id = pd.duty_id "
         "GROUP BY pd.principal_id, ds.skill_id ORDER BY pd.principal_id, ds.skill_id",
         row_principal_skill},
        {"SELECT id, name FROM skill", row_skill_name},
        /* Mediation (sql/010_mediation.sql): an assistant and an executive who are parties to
         * the same case that is not closed. */
        {"SELECT DISTINCT p.person_id, a.person_id FROM mediation_case c "
         "JOIN case_party a ON a.case_id = c.id JOIN assistant x ON x.id = a.person_id "
         "JOIN case_party p ON p.case_id = c.id JOIN principal y ON y.id = p.person_id "
         "WHERE c.status <> 'closed' ORDER BY p.person_id, a.person_id",
         row_conflict},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        enum hl_err e = each_row(db, queries[i].sql, &q, queries[i].fn, &l, err);
        if (e != HL_OK) {
            cov_rows_cleanup(out);
            return e;
        }
    }
    return HL_OK;
}

void cov_rows_cleanup(struct cov_rows *r)
{
    for (size_t i = 0; i < r->n_people; i++) {
        free(r->people[i].name);
        free(r->people[i].office);
        free(r->people[i].tz);
        free(r->people[i].department);
    }
    if (!r)
        return;
    free(r->people);
    free(r->patterns);
    free(r->assignments);
    free(r->absences);
    free(r->covers);
    free(r->backups);
    free(r->conflicts);
    free(r->assistant_skills);
    free(r->principal_skills);
    for (size_t i = 0; i < r->n_skill_names; i++)
        free(r->skill_text[i]);
    free(r->skill_text);
    free(r->skill_names);
    memset(r, 0, sizeof *r);
}

enum hl_err store_board_page(struct db *db, int64_t after, int limit, const char *office,
                             const char *department, int64_t self, int64_t *lo, int64_t *hi,
                             bool *more, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT p.id FROM person p JOIN principal r ON r.id = p.id WHERE p.active = 1 "
        "AND p.id > ?1 AND (?2 IS NULL OR p.office = ?2) AND (?3 IS NULL OR r.department = ?3) "
        "AND (?4 = 0 OR p.id = ?4 OR p.id IN (SELECT principal_id FROM assignment "
        "WHERE assistant_id = ?4)) ORDER BY p.id LIMIT ?5",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after);
    if (office)
        sqlite3_bind_text(st, 2, office, -1, SQLITE_STATIC);
    if (department)
        sqlite3_bind_text(st, 3, department, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, self);
    sqlite3_bind_int(st, 5, limit + 1);
    int rc, n = 0;
    *lo = *hi = 0;
    *more = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == limit) {
            *more = true;
            break;
        }
        int64_t id = sqlite3_column_int64(st, 0);
        if (n++ == 0)
            *lo = id;
        *hi = id;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "board page", err);
}

enum hl_err store_data_stamp(struct db *db, int64_t *stamp, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT value FROM data_stamp WHERE id = 1", err);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *stamp = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "data stamp", err);
}

enum hl_err store_setting_get(struct db *db, const char *key, json_t **value, int64_t *version,
                              struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT value, version FROM setting WHERE key = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *value = NULL;
    *version = 0;
    if (rc == SQLITE_ROW) {
        *value = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
        *version = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "setting", err);
}

enum hl_err store_setting_put(struct db *db, const char *key, const json_t *value, int64_t version,
                              struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        version ? "UPDATE setting SET value = ?2, version = version + 1, updated_at = ?3 "
                  "WHERE key = ?1 AND version = ?4"
                : "INSERT INTO setting (key, value, created_at, updated_at) "
                  "SELECT ?1, ?2, ?3, ?3 WHERE ?4 = 0 AND NOT EXISTS "
                  "(SELECT 1 FROM setting WHERE key = ?1)",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, json_dumps(value, JSON_COMPACT), -1, free);
    sqlite3_bind_int64(st, 3, db_now(db));
    sqlite3_bind_int64(st, 4, version);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "setting", err);
    if (sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the settings were changed by someone else");
    return HL_OK;
}

enum hl_err store_plan_insert(struct db *db, const struct cov_plan_row *p, const json_t *objective,
                              const json_t *stats, const json_t *open_gaps, const char *actor,
                              int64_t *id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "INSERT INTO coverage_plan (created_at, updated_at, from_date, to_date, engine, status, "
        "data_stamp, slot_minutes, objective, stats, open_gaps, actor) "
        "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_text(st, 2, p->from_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, p->to_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, p->engine, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, p->status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, p->data_stamp);
    sqlite3_bind_int(st, 7, p->slot_minutes);
    sqlite3_bind_text(st, 8, json_dumps(objective, JSON_COMPACT), -1, free);
    sqlite3_bind_text(st, 9, json_dumps(stats, JSON_COMPACT), -1, free);
    sqlite3_bind_text(st, 10, json_dumps(open_gaps, JSON_COMPACT), -1, free);
    sqlite3_bind_text(st, 11, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "plan insert", err);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_plan_get(struct db *db, int64_t id, struct cov_plan_row *p, json_t **objective,
                           json_t **stats, json_t **open_gaps, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, data_stamp, from_date, to_date, engine, status, "
                                  "slot_minutes, objective, stats, open_gaps, version "
                                  "FROM coverage_plan WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->data_stamp = sqlite3_column_int64(st, 1);
        copy_text(p->from_date, sizeof p->from_date, st, 2);
        copy_text(p->to_date, sizeof p->to_date, st, 3);
        copy_text(p->engine, sizeof p->engine, st, 4);
        copy_text(p->status, sizeof p->status, st, 5);
        p->slot_minutes = sqlite3_column_int(st, 6);
        p->version = sqlite3_column_int64(st, 10);
        if (objective)
            *objective = json_loads((const char *)sqlite3_column_text(st, 7), 0, NULL);
        if (stats)
            *stats = json_loads((const char *)sqlite3_column_text(st, 8), 0, NULL);
        if (open_gaps)
            *open_gaps = json_loads((const char *)sqlite3_column_text(st, 9), 0, NULL);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no coverage plan with id %lld", (long long)id);
    } else {
        e = db_error(db, rc, "plan", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_cover_insert(struct db *db, int64_t plan_id, int64_t principal, int64_t assistant,
                               int64_t start, int64_t end, int slots, double cost,
                               const char *reason, const char *status, int64_t *id,
                               struct hl_error *err)
{
    if (!utf8_ok(reason ? reason : ""))
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "a cover's reason is not UTF-8 text");
    sqlite3_stmt *st =
        db_prepare(db,
                   "INSERT INTO coverage_cover (created_at, updated_at, plan_id, principal_id, "
                   "assistant_id, start_at, end_at, slots, cost, reason, status) "
                   "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    if (plan_id)
        sqlite3_bind_int64(st, 2, plan_id);
    sqlite3_bind_int64(st, 3, principal);
    sqlite3_bind_int64(st, 4, assistant);
    sqlite3_bind_int64(st, 5, start);
    sqlite3_bind_int64(st, 6, end);
    sqlite3_bind_int(st, 7, slots);
    sqlite3_bind_double(st, 8, cost);
    sqlite3_bind_text(st, 9, reason ? reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, status, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "cover insert", err);
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

bool store_plan_fk_pause(struct db *db)
{
    sqlite3 *h = db_handle(db);
    int on = 0;
    sqlite3_stmt *st = NULL;
    if (!sqlite3_get_autocommit(h) ||
        sqlite3_prepare_v2(h, "PRAGMA foreign_keys", -1, &st, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW)
        on = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return on && sqlite3_exec(h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) == SQLITE_OK;
}

void store_plan_fk_resume(struct db *db, bool paused)
{
    if (paused &&
        sqlite3_exec(db_handle(db), "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
        fprintf(stderr, "haldus: foreign keys could not be turned on again: %s\n",
                sqlite3_errmsg(db_handle(db)));
}

enum hl_err store_plan_covers_insert(struct db *db, int64_t plan_id,
                                     const struct cov_new_cover *rows, size_t n, int64_t *ids,
                                     struct hl_error *err)
{
    if (n == 0)
        return HL_OK;
    if (n > COV_INSERT_BATCH)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "too many covers for one statement");
    for (size_t i = 0; i < n; i++)
        if (!utf8_ok(rows[i].reason ? rows[i].reason : ""))
            return hl_fail(err, HL_ERR_INTERNAL, NULL, "a cover's reason is not UTF-8 text");
    /* The statement of n rows (cached by db_prepare: one text per n). ?1 is created_at, ?2
     * plan_id, then 7 per row: a bare ? is numbered one above the largest so far, so every row
     * reads the same (no text to format per batch). */
    static const char head[] = "INSERT INTO coverage_cover (created_at, updated_at, plan_id, "
                               "principal_id, assistant_id, start_at, end_at, slots, cost, "
                               "reason, status) VALUES ",
                      one[] = "(?1, ?1, ?2, ?, ?, ?, ?, ?, ?, ?, 'proposed')";
    struct buf sql;
    buf_init(&sql, 0);
    buf_append(&sql, head, sizeof head - 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_append(&sql, ", ", 2);
        buf_append(&sql, one, sizeof one - 1);
    }
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, plan_id);
    for (size_t i = 0; i < n; i++) {
        int k = (int)(i * 7) + 3;
        sqlite3_bind_int64(st, k, rows[i].principal);
        sqlite3_bind_int64(st, k + 1, rows[i].assistant);
        sqlite3_bind_int64(st, k + 2, rows[i].start);
        sqlite3_bind_int64(st, k + 3, rows[i].end);
        sqlite3_bind_int(st, k + 4, rows[i].slots);
        sqlite3_bind_double(st, k + 5, rows[i].cost);
        sqlite3_bind_text(st, k + 6, rows[i].reason ? rows[i].reason : "", -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "cover insert", err);
    /* The rows of one VALUES list are inserted in order, and AUTOINCREMENT gives each the
     * next id: the last row has the last id, the others the ones before it. */
    int64_t last = sqlite3_last_insert_rowid(db_handle(db));
    for (size_t i = 0; i < n; i++)
        ids[i] = last - (int64_t)(n - 1 - i);
    return HL_OK;
}

enum hl_err store_cover_release(struct db *db, int64_t id, bool *changed, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE coverage_cover SET status = 'superseded', "
                                  "version = version + 1, updated_at = ?2 "
                                  "WHERE id = ?1 AND status IN ('proposed', 'accepted')",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "release cover", err);
    *changed = sqlite3_changes(db_handle(db)) > 0;
    return HL_OK;
}

enum hl_err store_cover_keep_part(struct db *db, int64_t id, int64_t start, int64_t end, int slots,
                                  bool first, bool *changed, int64_t *new_id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        first ? "UPDATE coverage_cover SET start_at = ?2, end_at = ?3, slots = ?4, "
                "version = version + 1, updated_at = ?5 "
                "WHERE id = ?1 AND status IN ('proposed', 'accepted')"
              : "INSERT INTO coverage_cover (created_at, updated_at, plan_id, principal_id, "
                "assistant_id, start_at, end_at, slots, cost, reason, status) "
                "SELECT ?5, ?5, plan_id, principal_id, assistant_id, ?2, ?3, ?4, cost, reason, "
                "status FROM coverage_cover "
                "WHERE id = ?1 AND status IN ('proposed', 'accepted')",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);
    sqlite3_bind_int(st, 4, slots);
    sqlite3_bind_int64(st, 5, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "keep part of a cover", err);
    *changed = sqlite3_changes(db_handle(db)) > 0;
    if (new_id)
        *new_id = first || !*changed ? id : sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_covers_supersede(struct db *db, int64_t principal, int64_t from, int64_t to,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE coverage_cover SET status = 'superseded', "
                                  "version = version + 1, updated_at = ?4 "
                                  "WHERE principal_id = ?1 AND status = 'proposed' "
                                  "AND start_at < ?3 AND end_at > ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "supersede", err);
}

/* o[key] = v; false (v released) when v is NULL — text that is not UTF-8 — or the set fails. */
static bool put(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

/* Steps st (the columns of a cover with names) into *items: at most limit rows (0: all), *more
 * (when not NULL) when a further row follows. Resets st. */
static enum hl_err collect_covers(struct db *db, sqlite3_stmt *st, int limit, json_t **items,
                                  bool *more, struct hl_error *err)
{
    if (more)
        *more = false;
    int n = 0;
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (limit > 0 && n == limit) {
            if (more)
                *more = true;
            rc = SQLITE_DONE;
            break;
        }
        n++;
        json_t *o = json_object();
        bool ok = put(o, "id", json_integer(sqlite3_column_int64(st, 0))) &&
                  put(o, "version", json_integer(sqlite3_column_int64(st, 1))) &&
                  put(o, "plan_id",
                      sqlite3_column_type(st, 2) == SQLITE_NULL
                          ? json_null()
                          : json_integer(sqlite3_column_int64(st, 2))) &&
                  put(o, "principal_id", json_integer(sqlite3_column_int64(st, 3))) &&
                  put(o, "principal_name", json_string((const char *)sqlite3_column_text(st, 4))) &&
                  put(o, "assistant_id", json_integer(sqlite3_column_int64(st, 5))) &&
                  put(o, "assistant_name", json_string((const char *)sqlite3_column_text(st, 6))) &&
                  put(o, "start_at", entity_instant(sqlite3_column_int64(st, 7))) &&
                  put(o, "end_at", entity_instant(sqlite3_column_int64(st, 8))) &&
                  put(o, "slots", json_integer(sqlite3_column_int(st, 9))) &&
                  put(o, "cost", json_real(sqlite3_column_double(st, 10))) &&
                  put(o, "reason", json_string((const char *)sqlite3_column_text(st, 11))) &&
                  put(o, "status", json_string((const char *)sqlite3_column_text(st, 12)));
        /* A row that cannot be written (text that is not UTF-8) is an error, never a cover
         * silently missing from the answer. */
        if (!ok || json_array_append_new(arr, o) != 0) {
            if (!ok)
                json_decref(o);
            fprintf(stderr, "haldus: coverage cover %lld has text that is not UTF-8\n",
                    (long long)sqlite3_column_int64(st, 0));
            sqlite3_reset(st);
            json_decref(arr);
            return hl_fail(err, HL_ERR_INTERNAL, NULL,
                           "a stored cover could not be written as JSON; see the server log");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "covers", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_covers_json(struct db *db, int64_t plan_id, int64_t assistant_id,
                              int64_t principal_id, int64_t principal_lo, int64_t principal_hi,
                              int64_t from, int64_t to, json_t **items, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT c.id, c.version, c.plan_id, c.principal_id, pp.name, c.assistant_id, ap.name, "
        "c.start_at, c.end_at, c.slots, c.cost, c.reason, c.status FROM coverage_cover c "
        "JOIN person pp ON pp.id = c.principal_id JOIN person ap ON ap.id = c.assistant_id "
        "WHERE (?1 != 0 AND c.plan_id = ?1) OR (?1 = 0 AND c.status IN ('proposed', 'accepted') "
        "AND c.start_at < ?3 AND c.end_at > ?2 AND (?4 = 0 OR c.assistant_id = ?4) "
        "AND (?5 = 0 OR c.principal_id = ?5) "
        "AND (?6 = 0 OR c.principal_id BETWEEN ?6 AND ?7)) "
        "ORDER BY c.principal_id, c.start_at, c.id",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, assistant_id);
    sqlite3_bind_int64(st, 5, principal_id);
    sqlite3_bind_int64(st, 6, principal_lo);
    sqlite3_bind_int64(st, 7, principal_hi);
    return collect_covers(db, st, 0, items, NULL, err);
}

enum hl_err store_covers_page(struct db *db, int64_t assistant_id, int64_t principal_id,
                              int64_t from, int64_t to, int64_t after, int limit, json_t **items,
                              bool *more, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT c.id, c.version, c.plan_id, c.principal_id, pp.name, c.assistant_id, ap.name, "
        "c.start_at, c.end_at, c.slots, c.cost, c.reason, c.status FROM coverage_cover c "
        "JOIN person pp ON pp.id = c.principal_id JOIN person ap ON ap.id = c.assistant_id "
        "WHERE c.status IN ('proposed', 'accepted') AND c.start_at < ?2 AND c.end_at > ?1 "
        "AND (?3 = 0 OR c.assistant_id = ?3) AND (?4 = 0 OR c.principal_id = ?4) "
        "AND c.id > ?5 ORDER BY c.id LIMIT ?6",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, assistant_id);
    sqlite3_bind_int64(st, 4, principal_id);
    sqlite3_bind_int64(st, 5, after);
    sqlite3_bind_int(st, 6, limit + 1);
    return collect_covers(db, st, limit, items, more, err);
}

enum hl_err store_covers_to_accept(struct db *db, int64_t plan_id, const json_t *ids, json_t **rows,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT c.assistant_id, a.time_zone, p.name, c.start_at, c.end_at FROM coverage_cover c "
        "JOIN person a ON a.id = c.assistant_id JOIN person p ON p.id = c.principal_id "
        "WHERE c.plan_id = ?1 AND c.status = 'proposed' AND (?2 IS NULL OR c.id IN "
        "(SELECT value FROM json_each(?2))) ORDER BY c.assistant_id, c.start_at, c.id",
        err);
    if (!st)
        return err->code;
    char *text = ids ? json_dumps(ids, JSON_COMPACT) : NULL;
    sqlite3_bind_int64(st, 1, plan_id);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 2);
    free(text);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{sI ss ss sI sI}", "assistant_id",
                                           (json_int_t)sqlite3_column_int64(st, 0), "time_zone",
                                           (const char *)sqlite3_column_text(st, 1), "principal",
                                           (const char *)sqlite3_column_text(st, 2), "start_at",
                                           (json_int_t)sqlite3_column_int64(st, 3), "end_at",
                                           (json_int_t)sqlite3_column_int64(st, 4)));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return db_error(db, rc, "covers to accept", err);
    }
    *rows = a;
    return HL_OK;
}

enum hl_err store_covers_accept(struct db *db, int64_t plan_id, const json_t *ids, int *n,
                                struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "UPDATE coverage_cover SET status = 'accepted', "
                   "version = version + 1, updated_at = ?3 "
                   "WHERE plan_id = ?1 AND status = 'proposed' AND (?2 = 0 OR id = ?2)",
                   err);
    if (!st)
        return err->code;
    *n = 0;
    size_t count = ids ? json_array_size(ids) : 1;
    for (size_t i = 0; i < count; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, plan_id);
        sqlite3_bind_int64(st, 2, ids ? json_integer_value(json_array_get(ids, i)) : 0);
        sqlite3_bind_int64(st, 3, db_now(db));
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            sqlite3_reset(st);
            return db_error(db, rc, "accept", err);
        }
        int changed = sqlite3_changes(db_handle(db));
        if (ids && changed == 0) {
            sqlite3_reset(st);
            return hl_fail(
                err, HL_ERR_INVALID, "cover_ids", "cover %lld is not a proposed cover of plan %lld",
                (long long)json_integer_value(json_array_get(ids, i)), (long long)plan_id);
        }
        *n += changed;
    }
    sqlite3_reset(st);
    return HL_OK;
}

enum hl_err store_cover_get(struct db *db, int64_t id, struct cov_span *c, int64_t *version,
                            int64_t *plan_id, char status[12], struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, assistant_id, principal_id, start_at, end_at, "
                                  "status, version, coalesce(plan_id, 0) FROM coverage_cover "
                                  "WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        c->id = sqlite3_column_int64(st, 0);
        c->a = sqlite3_column_int64(st, 1);
        c->b = sqlite3_column_int64(st, 2);
        c->start = sqlite3_column_int64(st, 3);
        c->end = sqlite3_column_int64(st, 4);
        copy_text(status, 12, st, 5);
        c->accepted = strcmp(status, "accepted") == 0;
        *version = sqlite3_column_int64(st, 6);
        *plan_id = sqlite3_column_int64(st, 7);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no cover with id %lld", (long long)id);
    } else {
        e = db_error(db, rc, "cover", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_cover_set_assistant(struct db *db, int64_t id, int64_t version, int64_t assistant,
                                      const char *reason, struct hl_error *err)
{
    if (!utf8_ok(reason))
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "a cover's reason is not UTF-8 text");
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE coverage_cover SET assistant_id = ?3, reason = ?4, "
                                  "cost = 0, version = version + 1, updated_at = ?5 "
                                  "WHERE id = ?1 AND version = ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, version);
    sqlite3_bind_int64(st, 3, assistant);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "cover update", err);
    if (sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the cover was changed by someone else");
    return HL_OK;
}

enum hl_err store_plan_set_stamp(struct db *db, int64_t plan_id, int64_t stamp,
                                 struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "UPDATE coverage_plan SET data_stamp = ?2 WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, stamp);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "plan stamp", err);
}

enum hl_err store_plan_bump(struct db *db, int64_t plan_id, int64_t version, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE coverage_plan SET version = version + 1, updated_at = ?3 "
                                  "WHERE id = ?1 AND version = ?2",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, plan_id);
    sqlite3_bind_int64(st, 2, version);
    sqlite3_bind_int64(st, 3, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "plan version", err);
    if (sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the plan was changed by someone else");
    return HL_OK;
}

/* ---- the end-to-end validator's reads: its own SQL, nothing shared with the loader ---- */

#define DAYNUM(col) "CAST(julianday(" col ") - 2440587.5 AS INTEGER)"

/* Runs sql with up to four integer parameters (?1 … ?4) and collects rows of six integers:
 * id, a, b, start, end, flag. */
static enum hl_err spans(struct db *db, const char *sql, int64_t p1, int64_t p2, int64_t p3,
                         int64_t p4, struct cov_span **out, size_t *n, struct hl_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    const int64_t p[4] = {p1, p2, p3, p4};
    for (int i = 0; i < sqlite3_bind_parameter_count(st) && i < 4; i++)
        sqlite3_bind_int64(st, i + 1, p[i]);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(*out, *n, cap);
        struct cov_span *s = &(*out)[(*n)++];
        s->id = sqlite3_column_int64(st, 0);
        s->a = sqlite3_column_int64(st, 1);
        s->b = sqlite3_column_int64(st, 2);
        s->start = sqlite3_column_int64(st, 3);
        s->end = sqlite3_column_int64(st, 4);
        s->accepted = sqlite3_column_int(st, 5) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return db_error(db, rc, "verify", err);
    }
    return HL_OK;
}

enum hl_err store_verify_covers(struct db *db, int64_t plan_id, struct cov_span **covers, size_t *n,
                                struct hl_error *err)
{
    return spans(db,
                 "SELECT id, assistant_id, principal_id, start_at, end_at, status = 'accepted' "
                 "FROM coverage_cover WHERE plan_id = ?1 AND status IN ('proposed', 'accepted') "
                 "ORDER BY id",
                 plan_id, 0, 0, 0, covers, n, err);
}

enum hl_err store_verify_person(struct db *db, int64_t id, struct cov_vperson *out,
                                struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    out->id = id;
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT p.active, a.id IS NOT NULL, coalesce(a.capacity, 0), r.id IS NOT NULL, "
                   "p.time_zone, p.office FROM person p LEFT JOIN assistant a ON a.id = p.id "
                   "LEFT JOIN principal r ON r.id = p.id WHERE p.id = ?1",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->exists = true;
        out->active = sqlite3_column_int(st, 0) != 0;
        out->assistant = sqlite3_column_int(st, 1) != 0;
        out->capacity = sqlite3_column_int(st, 2);
        out->principal = sqlite3_column_int(st, 3) != 0;
        out->tz = dup_text(st, 4);
        out->office = dup_text(st, 5);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, "verify person", err);
    if (!out->exists)
        return HL_OK;
    struct cov_span *rows;
    size_t n;
    enum hl_err e = spans(
        db,
        "SELECT weekday, start_minute, end_minute, "
        "coalesce(" DAYNUM("valid_from") ", -1000000), "
                                         "coalesce(" DAYNUM(
                                             "valid_to") ", 1000000000), 0 "
                                                         "FROM work_pattern WHERE person_id = ?1",
        id, 0, 0, 0, &rows, &n, err);
    if (e != HL_OK)
        return e;
    out->patterns = hl_calloc(n + 1, sizeof *out->patterns);
    for (size_t i = 0; i < n; i++)
        out->patterns[i] = (struct cov_pattern){
            id, (int)rows[i].id, (int)rows[i].a, (int)rows[i].b, rows[i].start, rows[i].end};
    out->n_patterns = n;
    free(rows);
    return spans(db,
                 "SELECT id, person_id, 0, start_at, end_at, 1 FROM absence "
                 "WHERE person_id = ?1 AND status = 'approved'",
                 id, 0, 0, 0, &out->absences, &out->n_absences, err);
}

void cov_vperson_cleanup(struct cov_vperson *p)
{
    free(p->tz);
    free(p->office);
    free(p->patterns);
    free(p->absences);
    memset(p, 0, sizeof *p);
}

enum hl_err store_verify_assignments(struct db *db, int64_t assistant, struct cov_span **out,
                                     size_t *n, struct hl_error *err)
{
    return spans(db,
                 "SELECT s.id, s.assistant_id, s.principal_id, " DAYNUM(
                     "s.start_date") ", "
                                     "coalesce(" DAYNUM(
                                         "s.end_date") ", 1000000000), 0 FROM assignment s "
                                                       "JOIN person p ON p.id = s.principal_id "
                                                       "WHERE s.assistant_id = ?1 "
                                                       "AND s.kind IN ('primary', 'secondary') AND "
                                                       "p.active = 1",
                 assistant, 0, 0, 0, out, n, err);
}

enum hl_err store_verify_busy(struct db *db, int64_t assistant, int64_t plan_id, int64_t from,
                              int64_t to, struct cov_span **out, size_t *n, struct hl_error *err)
{
    /* accepted covers of other plans, and this plan's own (proposed or accepted) */
    return spans(db,
                 "SELECT id, assistant_id, principal_id, start_at, end_at, status = 'accepted' "
                 "FROM coverage_cover WHERE assistant_id = ?1 AND start_at < ?4 AND end_at > ?3 "
                 "AND ((plan_id IS ?2 AND status IN ('proposed', 'accepted')) "
                 "OR (plan_id IS NOT ?2 AND status = 'accepted'))",
                 assistant, plan_id, from, to, out, n, err);
}

enum hl_err store_verify_skills(struct db *db, int64_t principal, int64_t assistant,
                                struct cov_span **out, size_t *n, struct hl_error *err)
{
    /* per must-have skill of the principal: id = skill, a = level needed, b = level held */
    return spans(
        db,
        "SELECT ds.skill_id, max(ds.min_level), coalesce((SELECT level FROM "
        "assistant_skill_effective x WHERE x.assistant_id = ?2 AND x.skill_id = ds.skill_id), 0), "
        "0, 0, 0 FROM principal_duty pd JOIN duty_skill ds ON ds.duty_id = pd.duty_id "
        "WHERE pd.principal_id = ?1 AND pd.must_have = 1 GROUP BY ds.skill_id",
        principal, assistant, 0, 0, out, n, err);
}

enum hl_err store_verify_own(struct db *db, int64_t principal, struct cov_span **out, size_t *n,
                             struct hl_error *err)
{
    return spans(db,
                 "SELECT s.id, s.assistant_id, s.principal_id, " DAYNUM(
                     "s.start_date") ", "
                                     "coalesce(" DAYNUM(
                                         "s.end_date") ", 1000000000), 0 FROM assignment s "
                                                       "JOIN person p ON p.id = s.assistant_id "
                                                       "JOIN assistant a ON a.id = p.id "
                                                       "WHERE s.principal_id = ?1 AND s.kind IN "
                                                       "('primary', 'secondary') "
                                                       "AND p.active = 1",
                 principal, 0, 0, 0, out, n, err);
}

enum hl_err store_verify_others(struct db *db, int64_t principal, int64_t plan_id, int64_t from,
                                int64_t to, struct cov_span **out, size_t *n, struct hl_error *err)
{
    return spans(db,
                 "SELECT id, assistant_id, principal_id, start_at, end_at, 1 FROM coverage_cover "
                 "WHERE principal_id = ?1 AND plan_id IS NOT ?2 AND status = 'accepted' "
                 "AND start_at < ?4 AND end_at > ?3",
                 principal, plan_id, from, to, out, n, err);
}
