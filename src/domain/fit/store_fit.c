/* store_fit.c: SQL of the role-fit domain (store_fit.h). Every value is bound. */
#include "store_fit.h"

#include "mem.h"
#include "timeutil.h"
#include "tz.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* today's primaries: ?2 is today's date (YYYY-MM-DD, UTC) */
#define ACTIVE_PRIMARY                                                                             \
    "x.kind = 'primary' AND x.start_date <= ?2 AND (x.end_date IS NULL OR x.end_date >= ?2)"
/* today's primaries and secondaries, as the workbench counts them against capacity */
#define HELD_TODAY                                                                                 \
    "x.kind IN ('primary', 'secondary') AND x.start_date <= ?2 "                                   \
    "AND (x.end_date IS NULL OR x.end_date >= ?2)"
/* whether principal q is in the set: ?3 one principal, else ?1 a department or all */
#define IN_SET(q)                                                                                  \
    "(CASE WHEN ?3 IS NOT NULL THEN " q ".id = ?3 ELSE (?1 IS NULL OR " q ".department = ?1) END)"

static void *grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, (n ? n : 1) * size);
    if (!q)
        abort();
    return q;
}

static size_t index_of(const int64_t *ids, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id ? lo : n;
}

static enum hl_err done(struct db *db, sqlite3_stmt *st, int rc, const char *what,
                        struct hl_error *err)
{
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, what, err);
}

enum hl_err store_fit_today(struct db *db, char today[11], struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT date(?1, 'unixepoch')", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    int rc = sqlite3_step(st);
    snprintf(today, 11, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "");
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "today", err);
}

static void read_style(sqlite3_stmt *st, int col, int8_t style[FIT_STYLE__COUNT])
{
    for (int k = 0; k < FIT_STYLE__COUNT; k++)
        style[k] = sqlite3_column_type(st, col + k) == SQLITE_NULL
                       ? FIT_STYLE_UNSET
                       : (int8_t)sqlite3_column_int(st, col + k);
}

static int64_t lang_index(struct fit_pool *p, const char *name)
{
    for (size_t k = 0; k < p->n_lang; k++)
        if (strcmp(p->lang_name[k], name) == 0)
            return (int64_t)k;
    p->lang_name = grow(p->lang_name, p->n_lang + 1, sizeof *p->lang_name);
    p->lang_name[p->n_lang] = hl_strdup(name);
    return (int64_t)p->n_lang++;
}

/* Appends the languages of a person's JSON list to *list (count *n). */
static void add_languages(struct fit_pool *p, const char *text, int64_t **list, size_t *n)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    size_t k;
    json_t *v;
    json_array_foreach(a, k, v)
    {
        if (!json_is_string(v))
            continue;
        *list = grow(*list, *n + 1, sizeof **list);
        (*list)[(*n)++] = lang_index(p, json_string_value(v));
    }
    json_decref(a);
}

/* The zones met while reading hours, each loaded once for this week. */
struct zones {
    size_t n;
    char **name;
    struct tz_days **days;
    int64_t monday;
};

static struct tz_days *zone_days(struct zones *z, const char *name)
{
    for (size_t k = 0; k < z->n; k++)
        if (strcmp(z->name[k], name) == 0)
            return z->days[k];
    z->name = grow(z->name, z->n + 1, sizeof *z->name);
    z->days = grow(z->days, z->n + 1, sizeof *z->days);
    z->name[z->n] = hl_strdup(name);
    z->days[z->n] = tz_days_new(name, z->monday - 1, z->monday + 8);
    return z->days[z->n++];
}

static void zones_free(struct zones *z)
{
    for (size_t k = 0; k < z->n; k++) {
        free(z->name[k]);
        tz_days_free(z->days[k]);
    }
    free(z->name);
    free(z->days);
}

/* Adds local [start, end) minutes of ISO weekday wd this week as UTC minutes of the week. */
static void add_span(struct zones *z, const char *zone, int wd, int start, int end,
                     struct fit_span **list, size_t *n)
{
    struct tz_days *d = zone_days(z, zone);
    if (!d || wd < 1 || wd > 7 || end <= start)
        return;
    int64_t day = z->monday + wd - 1, base = z->monday * 86400;
    int64_t f = (tz_days_to_utc(d, day, start) - base) / 60;
    int64_t t = (tz_days_to_utc(d, day, end) - base) / 60;
    while (f < 0) {
        f += 10080;
        t += 10080;
    }
    while (f >= 10080) {
        f -= 10080;
        t -= 10080;
    }
    struct fit_span parts[2];
    size_t np = 0;
    if (t <= 10080) {
        parts[np++] = (struct fit_span){(int32_t)f, (int32_t)t};
    } else {
        parts[np++] = (struct fit_span){(int32_t)f, 10080};
        parts[np++] = (struct fit_span){0, (int32_t)(t - 10080)};
    }
    for (size_t k = 0; k < np; k++) {
        *list = grow(*list, *n + 1, sizeof **list);
        (*list)[(*n)++] = parts[k];
    }
}

#define BIND123                                                                                    \
    do {                                                                                           \
        if (department)                                                                            \
            sqlite3_bind_text(st, 1, department, -1, SQLITE_TRANSIENT);                            \
        else                                                                                       \
            sqlite3_bind_null(st, 1);                                                              \
        sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);                                     \
        if (principal > 0)                                                                         \
            sqlite3_bind_int64(st, 3, principal);                                                  \
        else                                                                                       \
            sqlite3_bind_null(st, 3);                                                              \
    } while (0)

/* Reads pair rows (assistant, executive[, count]) of st into *list, `width` numbers a row. */
static enum hl_err read_pairs(struct db *db, sqlite3_stmt *st, int width, int64_t **list, size_t *n,
                              const char *what, struct hl_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *list = grow(*list, (size_t)width * (*n + 1), sizeof **list);
        for (int k = 0; k < width; k++)
            (*list)[(size_t)width * *n + (size_t)k] = sqlite3_column_int64(st, k);
        (*n)++;
    }
    return done(db, st, rc, what, err);
}

enum hl_err store_fit_pool(struct db *db, const char *department, int64_t principal,
                           struct fit_pool *out, struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    enum hl_err e = HL_OK;
    int rc;
    sqlite3_stmt *st;
    char today[11];
    struct zones zones = {0};
    if ((e = store_fit_today(db, today, err)) != HL_OK)
        return e;
    {
        int64_t d;
        date_parse(today, &d);
        zones.monday = d - (weekday_from_days(d) - 1);
    }

    st = db_prepare(db,
                    "SELECT p.id, pe.name, (SELECT x.assistant_id FROM assignment x "
                    "WHERE x.principal_id = p.id AND " ACTIVE_PRIMARY
                    " ORDER BY x.start_date DESC, x.id DESC LIMIT 1), "
                    "coalesce(rp.workload_hours, 0), rp.pace, rp.formality, rp.autonomy, "
                    "rp.channel, pe.languages "
                    "FROM principal p JOIN person pe ON pe.id = p.id "
                    "LEFT JOIN fit_role_profile rp ON rp.principal_id = p.id "
                    "WHERE pe.active = 1 AND " IN_SET("p") " ORDER BY p.id",
                    err);
    if (!st)
        goto fail;
    BIND123;
    size_t nl = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = out->n_exec++;
        out->exec_id = grow(out->exec_id, out->n_exec, sizeof *out->exec_id);
        out->exec_current = grow(out->exec_current, out->n_exec, sizeof *out->exec_current);
        out->exec_name = grow(out->exec_name, out->n_exec, sizeof *out->exec_name);
        out->exec_workload = grow(out->exec_workload, out->n_exec, sizeof *out->exec_workload);
        out->exec_style = grow(out->exec_style, out->n_exec, sizeof *out->exec_style);
        out->elang0 = grow(out->elang0, out->n_exec + 1, sizeof *out->elang0);
        out->exec_id[k] = sqlite3_column_int64(st, 0);
        out->exec_name[k] = hl_strdup((const char *)sqlite3_column_text(st, 1));
        out->exec_current[k] = sqlite3_column_int64(st, 2);
        out->exec_workload[k] = sqlite3_column_double(st, 3);
        read_style(st, 4, out->exec_style[k]);
        out->elang0[k] = nl;
        add_languages(out, (const char *)sqlite3_column_text(st, 8), &out->elangs, &nl);
        out->elang0[k + 1] = nl;
    }
    if ((e = done(db, st, rc, "executives", err)) != HL_OK)
        goto fail;
    if (!out->elang0)
        out->elang0 = calloc(1, sizeof *out->elang0);

    st =
        db_prepare(db,
                   "SELECT a.id, pe.name, a.capacity, a.experience_years, "
                   /* as the workbench's over-capacity flag counts (store_workbench.c):
                    * distinct active executives held as primary or secondary */
                   "(SELECT count(DISTINCT x.principal_id) FROM assignment x "
                   " JOIN principal q ON q.id = x.principal_id "
                   " JOIN person qp ON qp.id = q.id AND qp.active = 1 "
                   " WHERE x.assistant_id = a.id AND " HELD_TODAY " AND NOT " IN_SET(
                       "q") "), "
                            "a.contracted_hours - (SELECT total(x.share / 100.0 * "
                            "coalesce(nullif(rp.workload_hours, "
                            "0), a.contracted_hours / a.capacity)) FROM assignment x "
                            " JOIN principal q ON q.id = x.principal_id "
                            " LEFT JOIN fit_role_profile rp ON rp.principal_id = q.id "
                            " WHERE x.assistant_id = a.id AND x.kind IN ('primary', 'secondary') "
                            " AND x.start_date <= ?2 AND (x.end_date IS NULL OR x.end_date >= ?2) "
                            " AND NOT " IN_SET(
                                "q") "), "
                                     "ws.pace, ws.formality, ws.autonomy, ws.channel, pe.languages "
                                     "FROM assistant a JOIN person pe ON pe.id = a.id "
                                     "LEFT JOIN fit_work_style ws ON ws.assistant_id = a.id "
                                     "WHERE pe.active = 1 ORDER BY a.id",
                   err);
    if (!st)
        goto fail;
    BIND123;
    nl = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = out->n_asst++;
        out->asst_id = grow(out->asst_id, out->n_asst, sizeof *out->asst_id);
        out->asst_name = grow(out->asst_name, out->n_asst, sizeof *out->asst_name);
        out->asst_free = grow(out->asst_free, out->n_asst, sizeof *out->asst_free);
        out->asst_years = grow(out->asst_years, out->n_asst, sizeof *out->asst_years);
        out->asst_hours_free =
            grow(out->asst_hours_free, out->n_asst, sizeof *out->asst_hours_free);
        out->asst_style = grow(out->asst_style, out->n_asst, sizeof *out->asst_style);
        out->alang0 = grow(out->alang0, out->n_asst + 1, sizeof *out->alang0);
        out->asst_id[k] = sqlite3_column_int64(st, 0);
        out->asst_name[k] = hl_strdup((const char *)sqlite3_column_text(st, 1));
        int32_t left = sqlite3_column_int(st, 2) - sqlite3_column_int(st, 4);
        out->asst_free[k] = left > 0 ? left : 0;
        out->asst_years[k] = sqlite3_column_int(st, 3);
        double hf = sqlite3_column_double(st, 5);
        out->asst_hours_free[k] = hf > 0 ? hf : 0;
        read_style(st, 6, out->asst_style[k]);
        out->alang0[k] = nl;
        add_languages(out, (const char *)sqlite3_column_text(st, 10), &out->alangs, &nl);
        out->alang0[k + 1] = nl;
    }
    if ((e = done(db, st, rc, "assistants", err)) != HL_OK)
        goto fail;
    if (!out->alang0)
        out->alang0 = calloc(1, sizeof *out->alang0);

    /* needs, grouped by executive (rows in executive order) */
    out->need0 = calloc(out->n_exec + 1, sizeof *out->need0);
    out->skill0 = calloc(out->n_asst + 1, sizeof *out->skill0);
    out->ehour0 = calloc(out->n_exec + 1, sizeof *out->ehour0);
    out->ahour0 = calloc(out->n_asst + 1, sizeof *out->ahour0);
    if (!out->need0 || !out->skill0 || !out->ehour0 || !out->ahour0)
        abort();
    st = db_prepare(db,
                    "SELECT pd.principal_id, ds.skill_id, max(ds.min_level), max(pd.must_have) "
                    "FROM principal_duty pd JOIN duty_skill ds ON ds.duty_id = pd.duty_id "
                    "GROUP BY pd.principal_id, ds.skill_id ORDER BY pd.principal_id, ds.skill_id",
                    err);
    if (!st)
        goto fail;
    size_t nn = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t i = index_of(out->exec_id, out->n_exec, sqlite3_column_int64(st, 0));
        if (i == out->n_exec)
            continue;
        out->needs = grow(out->needs, nn + 1, sizeof *out->needs);
        out->needs[nn++] = (struct fit_need){sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2),
                                             sqlite3_column_int(st, 3) != 0};
        out->need0[i + 1]++;
    }
    if ((e = done(db, st, rc, "needs", err)) != HL_OK)
        goto fail;
    for (size_t i = 0; i < out->n_exec; i++)
        out->need0[i + 1] += out->need0[i];

    /* an assistant's years with a skill: the most they declared for a duty that uses it, else
     * their experience in general */
    st = db_prepare(db,
                    "SELECT s.assistant_id, s.skill_id, s.level, "
                    "(SELECT max(e.years) FROM fit_duty_experience e JOIN duty_skill ds "
                    " ON ds.duty_id = e.duty_id WHERE e.assistant_id = s.assistant_id "
                    " AND ds.skill_id = s.skill_id) "
                    "FROM assistant_skill_effective s WHERE s.level > 0 "
                    "ORDER BY s.assistant_id, s.skill_id",
                    err);
    if (!st)
        goto fail;
    size_t ns = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t j = index_of(out->asst_id, out->n_asst, sqlite3_column_int64(st, 0));
        if (j == out->n_asst)
            continue;
        double years = sqlite3_column_type(st, 3) == SQLITE_NULL ? out->asst_years[j]
                                                                 : sqlite3_column_double(st, 3);
        out->skills = grow(out->skills, ns + 1, sizeof *out->skills);
        out->skills[ns++] =
            (struct fit_skill){sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2), years};
        out->skill0[j + 1]++;
    }
    if ((e = done(db, st, rc, "skills", err)) != HL_OK)
        goto fail;
    for (size_t j = 0; j < out->n_asst; j++)
        out->skill0[j + 1] += out->skill0[j];

    /* hours this week: executives' working hours, assistants' preferred hours (their stated
     * working-day hours, else their work pattern); rows in person order */
    st = db_prepare(db,
                    "SELECT w.person_id, w.weekday, w.start_minute, w.end_minute, pe.time_zone, "
                    "p.id IS NOT NULL FROM work_pattern w JOIN person pe ON pe.id = w.person_id "
                    "LEFT JOIN principal p ON p.id = w.person_id "
                    "WHERE (w.valid_from IS NULL OR w.valid_from <= ?1) "
                    "AND (w.valid_to IS NULL OR w.valid_to >= ?1) AND NOT EXISTS "
                    "(SELECT 1 FROM fit_work_style ws WHERE ws.assistant_id = w.person_id "
                    " AND ws.preferred_start IS NOT NULL AND p.id IS NULL) "
                    "UNION ALL SELECT ws.assistant_id, d.value, ws.preferred_start, "
                    "ws.preferred_end, pe.time_zone, 0 FROM fit_work_style ws "
                    "JOIN person pe ON pe.id = ws.assistant_id, json_each('[1,2,3,4,5]') d "
                    "WHERE ws.preferred_start IS NOT NULL AND ws.preferred_end IS NOT NULL "
                    "ORDER BY 1, 2, 3",
                    err);
    if (!st)
        goto fail;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
    {
        /* spans come in person order; collect per person then count */
        size_t ne = 0, na = 0;
        int64_t last_e = -1, last_a = -1;
        size_t ie = 0, ia = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t who = sqlite3_column_int64(st, 0);
            const char *zone = (const char *)sqlite3_column_text(st, 4);
            int wd = sqlite3_column_int(st, 1), s = sqlite3_column_int(st, 2),
                en = sqlite3_column_int(st, 3);
            if (sqlite3_column_int(st, 5)) {
                if (who != last_e) {
                    ie = index_of(out->exec_id, out->n_exec, who);
                    last_e = who;
                }
                if (ie == out->n_exec)
                    continue;
                size_t before = ne;
                add_span(&zones, zone, wd, s, en, &out->ehours, &ne);
                out->ehour0[ie + 1] += ne - before;
            } else {
                if (who != last_a) {
                    ia = index_of(out->asst_id, out->n_asst, who);
                    last_a = who;
                }
                if (ia == out->n_asst)
                    continue;
                size_t before = na;
                add_span(&zones, zone, wd, s, en, &out->ahours, &na);
                out->ahour0[ia + 1] += na - before;
            }
        }
        if ((e = done(db, st, rc, "hours", err)) != HL_OK)
            goto fail;
        for (size_t i = 0; i < out->n_exec; i++)
            out->ehour0[i + 1] += out->ehour0[i];
        for (size_t j = 0; j < out->n_asst; j++)
            out->ahour0[j + 1] += out->ahour0[j];
    }

    st = db_prepare(db,
                    "SELECT assistant_id, principal_id, 1 FROM incompatible_pair "
                    "UNION SELECT a.person_id, b.person_id, 2 FROM case_party a "
                    "JOIN case_party b ON b.case_id = a.case_id "
                    "JOIN mediation_case c ON c.id = a.case_id "
                    "WHERE c.status <> 'closed' AND a.person_id IN (SELECT id FROM assistant) "
                    "AND b.person_id IN (SELECT id FROM principal) ORDER BY 2, 1, 3",
                    err);
    if (!st)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->forbid = grow(out->forbid, 2 * (out->n_forbid + 1), sizeof *out->forbid);
        out->forbid_kind = grow(out->forbid_kind, out->n_forbid + 1, sizeof *out->forbid_kind);
        out->forbid[2 * out->n_forbid] = sqlite3_column_int64(st, 0);
        out->forbid[2 * out->n_forbid + 1] = sqlite3_column_int64(st, 1);
        out->forbid_kind[out->n_forbid] = (int8_t)sqlite3_column_int(st, 2);
        out->n_forbid++;
    }
    if ((e = done(db, st, rc, "forbidden pairs", err)) != HL_OK)
        goto fail;

    /* a cover counts by the manager's rating, else the executive's; unrated: went well */
    st = db_prepare(db,
                    "SELECT c.assistant_id, c.principal_id, "
                    "sum(coalesce(m.outcome, x.outcome, 'well') <> 'badly'), "
                    "sum(coalesce(m.outcome, x.outcome, 'well') = 'badly'), "
                    "coalesce(max(CASE WHEN coalesce(m.outcome, x.outcome) = 'badly' "
                    "THEN c.start_at END), 0) FROM coverage_cover c "
                    "LEFT JOIN cover_rating m ON m.cover_id = c.id AND m.rater = 'manager' "
                    "LEFT JOIN cover_rating x ON x.cover_id = c.id AND x.rater = 'executive' "
                    "WHERE c.status = 'accepted' AND c.end_at <= ?1 GROUP BY 1, 2 ORDER BY 2, 1",
                    err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, db_now(db));
    if ((e = read_pairs(db, st, 5, &out->covers, &out->n_covers, "covers", err)) != HL_OK)
        goto fail;
    st = db_prepare(db,
                    "SELECT DISTINCT a.person_id, b.person_id FROM case_party a "
                    "JOIN case_party b ON b.case_id = a.case_id "
                    "JOIN mediation_case c ON c.id = a.case_id "
                    "WHERE (c.status <> 'closed' OR c.outcome = 'reassigned') "
                    "AND a.person_id IN (SELECT id FROM assistant) "
                    "AND b.person_id IN (SELECT id FROM principal) ORDER BY 2, 1",
                    err);
    if (!st)
        goto fail;
    if ((e = read_pairs(db, st, 2, &out->med, &out->n_med, "cases", err)) != HL_OK)
        goto fail;
    /* the set's executives each assistant holds today as secondary: a place taken whatever
     * the matching does, which making them primary keeps (one executive, one place) */
    st =
        db_prepare(db,
                   "SELECT DISTINCT x.assistant_id, x.principal_id FROM assignment x "
                   "JOIN principal q ON q.id = x.principal_id "
                   "JOIN person qp ON qp.id = q.id AND qp.active = 1 "
                   "WHERE x.kind = 'secondary' AND x.start_date <= ?2 "
                   "AND (x.end_date IS NULL OR x.end_date >= ?2) AND " IN_SET("q") " ORDER BY 1, 2",
                   err);
    if (!st)
        goto fail;
    BIND123;
    if ((e = read_pairs(db, st, 2, &out->secondary, &out->n_secondary, "secondaries", err)) !=
        HL_OK)
        goto fail;
    st = db_prepare(db, "SELECT assistant_id, principal_id FROM designated_backup ORDER BY 2, 1",
                    err);
    if (!st)
        goto fail;
    if ((e = read_pairs(db, st, 2, &out->backup, &out->n_backup, "backups", err)) != HL_OK)
        goto fail;

    st = db_prepare(db, "SELECT id, name FROM skill ORDER BY id", err);
    if (!st)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = out->n_skill_names++;
        out->skill_id = grow(out->skill_id, out->n_skill_names, sizeof *out->skill_id);
        out->skill_name = grow(out->skill_name, out->n_skill_names, sizeof *out->skill_name);
        out->skill_id[k] = sqlite3_column_int64(st, 0);
        out->skill_name[k] = hl_strdup((const char *)sqlite3_column_text(st, 1));
    }
    if ((e = done(db, st, rc, "skills", err)) != HL_OK)
        goto fail;
    zones_free(&zones);
    return HL_OK;
fail:
    if (e == HL_OK)
        e = err->code;
    zones_free(&zones);
    store_fit_pool_free(out);
    return e;
}
#undef BIND123

void store_fit_pool_free(struct fit_pool *p)
{
    for (size_t i = 0; i < p->n_exec; i++)
        free(p->exec_name[i]);
    for (size_t j = 0; j < p->n_asst; j++)
        free(p->asst_name[j]);
    for (size_t k = 0; k < p->n_lang; k++)
        free(p->lang_name[k]);
    for (size_t k = 0; k < p->n_skill_names; k++)
        free(p->skill_name[k]);
    free(p->exec_id);
    free(p->exec_current);
    free(p->exec_name);
    free(p->exec_workload);
    free(p->exec_style);
    free(p->asst_id);
    free(p->asst_name);
    free(p->asst_free);
    free(p->asst_years);
    free(p->asst_hours_free);
    free(p->asst_style);
    free(p->need0);
    free(p->needs);
    free(p->skill0);
    free(p->skills);
    free(p->lang_name);
    free(p->elang0);
    free(p->alang0);
    free(p->elangs);
    free(p->alangs);
    free(p->ehour0);
    free(p->ahour0);
    free(p->ehours);
    free(p->ahours);
    free(p->forbid);
    free(p->forbid_kind);
    free(p->covers);
    free(p->med);
    free(p->backup);
    free(p->secondary);
    free(p->skill_id);
    free(p->skill_name);
    memset(p, 0, sizeof *p);
}

enum hl_err store_fit_basis(struct db *db, uint64_t *basis, struct hl_error *err)
{
    char today[11];
    enum hl_err e = store_fit_today(db, today, err);
    if (e != HL_OK)
        return e;
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *c = today; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ull;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, version FROM assignment ORDER BY id", err);
    if (!st)
        return err->code;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int k = 0; k < 2; k++) {
            uint64_t v = (uint64_t)sqlite3_column_int64(st, k);
            for (int b = 0; b < 8; b++)
                h = (h ^ ((v >> (8 * b)) & 0xff)) * 1099511628211ull;
        }
    *basis = h;
    return done(db, st, rc, "basis", err);
}

enum hl_err store_fit_current_primary(struct db *db, int64_t principal, int64_t *id,
                                      int64_t *version, char start[11], struct hl_error *err)
{
    char today[11];
    enum hl_err e = store_fit_today(db, today, err);
    if (e != HL_OK)
        return e;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT x.id, x.version, x.start_date FROM assignment x "
                                  "WHERE x.principal_id = ?1 AND " ACTIVE_PRIMARY
                                  " ORDER BY x.start_date DESC, x.id DESC LIMIT 1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *id = *version = 0;
    start[0] = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *version = sqlite3_column_int64(st, 1);
        snprintf(start, 11, "%s", (const char *)sqlite3_column_text(st, 2));
        rc = SQLITE_DONE;
    }
    return done(db, st, rc, "current primary", err);
}

enum hl_err store_fit_demo_rows(struct db *db, int which, int64_t **ids, size_t *n,
                                struct hl_error *err)
{
    static const char *const sql[] = {
        "SELECT p.id FROM principal p JOIN person pe ON pe.id = p.id WHERE pe.active = 1 "
        "ORDER BY p.id",
        "SELECT a.id FROM assistant a JOIN person pe ON pe.id = a.id WHERE pe.active = 1 "
        "ORDER BY a.id",
        "SELECT a.id, d.id FROM assistant a JOIN person pe ON pe.id = a.id, duty d "
        "WHERE pe.active = 1 AND EXISTS (SELECT 1 FROM duty_skill ds WHERE ds.duty_id = d.id) "
        "AND NOT EXISTS (SELECT 1 FROM duty_skill ds WHERE ds.duty_id = d.id AND NOT EXISTS "
        "(SELECT 1 FROM assistant_skill s WHERE s.assistant_id = a.id "
        "AND s.skill_id = ds.skill_id)) ORDER BY a.id, d.id",
        "SELECT b.principal_id, b.assistant_id FROM designated_backup b JOIN person pe "
        "ON pe.id = b.principal_id WHERE b.rank = 1 AND pe.active = 1 ORDER BY b.principal_id",
    };
    *ids = NULL;
    *n = 0;
    if (which < 0 || which > 3)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "no such demo query");
    sqlite3_stmt *st = db_prepare(db, sql[which], err);
    if (!st)
        return err->code;
    enum hl_err e = read_pairs(db, st, which >= 2 ? 2 : 1, ids, n, "demo rows", err);
    if (e != HL_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return e;
}

/* ---- ratings of past covers ---- */

enum hl_err store_fit_cover(struct db *db, int64_t cover_id, struct fit_cover *out,
                            struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT principal_id, assistant_id, status, start_at, end_at "
                                  "FROM coverage_cover WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, cover_id);
    int rc = sqlite3_step(st);
    memset(out, 0, sizeof *out);
    if (rc == SQLITE_ROW) {
        out->principal_id = sqlite3_column_int64(st, 0);
        out->assistant_id = sqlite3_column_int64(st, 1);
        out->accepted = strcmp((const char *)sqlite3_column_text(st, 2), "accepted") == 0;
        out->start_at = sqlite3_column_int64(st, 3);
        out->end_at = sqlite3_column_int64(st, 4);
        rc = SQLITE_DONE;
    }
    return done(db, st, rc, "cover", err);
}

static json_t *rating_json(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return json_null();
    char at[21];
    instant_format(sqlite3_column_int64(st, col + 5), at);
    json_t *o = json_pack("{sIsIssss}", "id", (json_int_t)sqlite3_column_int64(st, col), "version",
                          (json_int_t)sqlite3_column_int64(st, col + 1), "outcome",
                          (const char *)sqlite3_column_text(st, col + 2), "rated_by",
                          (const char *)sqlite3_column_text(st, col + 4));
    json_object_set_new(o, "note",
                        sqlite3_column_type(st, col + 3) == SQLITE_NULL
                            ? json_null()
                            : json_string((const char *)sqlite3_column_text(st, col + 3)));
    json_object_set_new(o, "rated_at", json_string(at));
    return o;
}

#define RATING_COLS(r)                                                                             \
    r ".id, " r ".version, " r ".outcome, " r ".note, " r ".rated_by, " r ".updated_at"

enum hl_err store_fit_rating_get(struct db *db, int64_t cover_id, const char *rater, json_t **out,
                                 struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT " RATING_COLS("r") " FROM cover_rating r WHERE r.cover_id = ?1 AND r.rater = ?2",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, cover_id);
    sqlite3_bind_text(st, 2, rater, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *out = NULL;
    if (rc == SQLITE_ROW) {
        *out = rating_json(st, 0);
        rc = SQLITE_DONE;
    }
    return done(db, st, rc, "rating", err);
}

enum hl_err store_fit_rating_put(struct db *db, int64_t cover_id, const char *rater,
                                 int64_t version, const char *outcome, const char *note,
                                 const char *rated_by, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        version ? "UPDATE cover_rating SET outcome = ?3, note = ?4, rated_by = ?5, "
                  "updated_at = ?6, version = version + 1 WHERE cover_id = ?1 AND rater = ?2 "
                  "AND version = ?7"
                : "INSERT INTO cover_rating (cover_id, rater, outcome, note, rated_by, created_at, "
                  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, cover_id);
    sqlite3_bind_text(st, 2, rater, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, outcome, -1, SQLITE_TRANSIENT);
    if (note)
        sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_text(st, 5, rated_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, db_now(db));
    if (version)
        sqlite3_bind_int64(st, 7, version);
    int rc = sqlite3_step(st);
    enum hl_err e = done(db, st, rc, "rating", err);
    if (e == HL_OK && version && sqlite3_changes(db_handle(db)) == 0)
        e = hl_fail(err, HL_ERR_STALE, NULL, "the rating was changed by someone else; look again");
    return e;
}

enum hl_err store_fit_past_covers(struct db *db, int64_t principal, int64_t from, int64_t to,
                                  int limit, json_t **items, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT c.id, c.assistant_id, pe.name, c.start_at, c.end_at, " RATING_COLS(
            "m") ", " RATING_COLS("x") " FROM coverage_cover c JOIN person pe ON pe.id = "
                                       "c.assistant_id "
                                       "LEFT JOIN cover_rating m ON m.cover_id = c.id AND "
                                       "m.rater = 'manager' "
                                       "LEFT JOIN cover_rating x ON x.cover_id = c.id AND "
                                       "x.rater = 'executive' "
                                       "WHERE c.principal_id = ?1 AND c.status = 'accepted' "
                                       "AND c.end_at <= ?3 AND c.end_at > ?2 "
                                       "ORDER BY c.start_at DESC, c.id DESC LIMIT ?4",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, principal);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int(st, 4, limit);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char a[21], b[21];
        instant_format(sqlite3_column_int64(st, 3), a);
        instant_format(sqlite3_column_int64(st, 4), b);
        json_t *o = json_pack("{sIsIssssss}", "cover_id", (json_int_t)sqlite3_column_int64(st, 0),
                              "assistant_id", (json_int_t)sqlite3_column_int64(st, 1), "assistant",
                              (const char *)sqlite3_column_text(st, 2), "start_at", a, "end_at", b);
        json_object_set_new(o, "manager", rating_json(st, 5));
        json_object_set_new(o, "executive", rating_json(st, 11));
        json_array_append_new(arr, o);
    }
    enum hl_err e = done(db, st, rc, "past covers", err);
    if (e != HL_OK)
        json_decref(arr);
    else
        *items = arr;
    return e;
}

enum hl_err store_fit_demo_cover(struct db *db, int64_t principal, int64_t assistant, int64_t start,
                                 int64_t end, int64_t *id, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "INSERT INTO coverage_cover (created_at, updated_at, plan_id, principal_id, "
                   "assistant_id, start_at, end_at, slots, reason, status) VALUES (?1, ?1, NULL, "
                   "?2, ?3, ?4, ?5, ?6, 'demo: a past cover', 'accepted')",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, principal);
    sqlite3_bind_int64(st, 3, assistant);
    sqlite3_bind_int64(st, 4, start);
    sqlite3_bind_int64(st, 5, end);
    sqlite3_bind_int64(st, 6, (end - start) / 3600 > 0 ? (end - start) / 3600 : 1);
    int rc = sqlite3_step(st);
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return done(db, st, rc, "demo cover", err);
}
