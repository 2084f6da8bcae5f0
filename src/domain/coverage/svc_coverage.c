/* svc_coverage.c: from the database's rows to the planner's model and back: working hours
 * expanded to slots in each person's time zone, who covers each principal-slot, the gaps, the
 * instance for the engines, and plans, covers and the board as JSON. */
#include "svc_coverage.h"
#include "reason_text.h"
#include "svc_record.h"
#include "buf.h"
#include "mem.h"
#include "absence.h"
#include "desk.h"
#include "holiday_domain.h"
#include "mail.h"
#include "people.h"
#include "plan.h"
#include "store_coverage.h"
#include "store_entity.h"
#include "svc_entity.h"
#include "svc_support.h"
#include "timeutil.h"
#include "tz.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#define SETTINGS_KEY "planner"

static void localize(const struct svc_ctx *ctx, json_t *items);

/* ---- text ---- */

/* A malloc'd copy of s without the bytes that are not part of a valid UTF-8 character: the
 * planner writes its reasons into fixed-size buffers, and a cut there can split a character
 * ("õ" is two bytes). What reaches the database and the answers is always valid text. */
static char *utf8_clean(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s), o = 0;
    const unsigned char *u = (const unsigned char *)s;
    char *out = hl_malloc(n + 1);
    for (size_t i = 0; i < n;) {
        size_t len;
        uint32_t cp, min;
        if (u[i] < 0x80) {
            out[o++] = (char)u[i++];
            continue;
        } else if ((u[i] & 0xe0) == 0xc0) {
            len = 2, cp = u[i] & 0x1f, min = 0x80;
        } else if ((u[i] & 0xf0) == 0xe0) {
            len = 3, cp = u[i] & 0x0f, min = 0x800;
        } else if ((u[i] & 0xf8) == 0xf0) {
            len = 4, cp = u[i] & 0x07, min = 0x10000;
        } else {
            i++;
            continue;
        }
        bool ok = i + len <= n;
        for (size_t k = 1; ok && k < len; k++) {
            ok = (u[i + k] & 0xc0) == 0x80;
            cp = cp << 6 | (u[i + k] & 0x3f);
        }
        if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            i++; /* a lone or cut byte: dropped */
            continue;
        }
        memcpy(out + o, s + i, len);
        o += len;
        i += len;
    }
    out[o] = '\0';
    return out;
}

/* hl_fail with a text of any length: cut, at a character boundary, to what the error holds (a
 * cut inside a character would make the error answer itself invalid). */
static enum hl_err fail_text(struct hl_error *err, enum hl_err code, const char *field,
                             const char *text)
{
    char *clean = utf8_clean(text);
    size_t max = sizeof err->message - 1, n = strlen(clean);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)clean[n] & 0xc0) == 0x80)
            n--;
        clean[n] = '\0';
    }
    hl_fail(err, code, field, "%s", clean);
    free(clean);
    return code;
}

/* ---- settings ---- */

static const struct {
    const char *name;
    size_t offset;
} weight_fields[] = {
    {"uncovered", offsetof(struct plan_weights, uncovered)},
    {"nice_level", offsetof(struct plan_weights, nice_level)},
    {"not_designated", offsetof(struct plan_weights, not_designated)},
    {"rank_step", offsetof(struct plan_weights, rank_step)},
    {"other_office", offsetof(struct plan_weights, other_office)},
    {"other_tz", offsetof(struct plan_weights, other_tz)},
    {"switch_backup", offsetof(struct plan_weights, switch_backup)},
    {"link_minutes", offsetof(struct plan_weights, link_minutes)},
    {"one_substitute", offsetof(struct plan_weights, one_substitute)},
};
#define NWEIGHTS (sizeof weight_fields / sizeof weight_fields[0])

static int64_t *weight_ref(struct plan_weights *w, size_t i)
{
    return (int64_t *)((char *)w + weight_fields[i].offset);
}

/* The stored settings over the defaults. */
/* The exact engine's MIP solver when the settings name none: CBC, which proves the demo's
 * months in under a second of CPU where GLPK needs up to 40 s (docs/planner.md §5). */
#define DEFAULT_SOLVER PLAN_SOLVER_CBC

static enum plan_solver stored_solver(const json_t *v)
{
    enum plan_solver s = DEFAULT_SOLVER;
    json_t *x = json_object_get(v, "solver");
    if (!json_is_string(x) || !plan_solver_parse(json_string_value(x), &s))
        s = DEFAULT_SOLVER;
    return s;
}

/* The stored settings over the defaults; *solver (may be NULL) the exact engine's solver. */
static enum hl_err load_settings_solver(struct db *db, int *slot_minutes, struct plan_weights *w,
                                        enum plan_solver *solver, int64_t *version,
                                        struct hl_error *err);

static enum hl_err load_settings(struct db *db, int *slot_minutes, struct plan_weights *w,
                                 int64_t *version, struct hl_error *err)
{
    return load_settings_solver(db, slot_minutes, w, NULL, version, err);
}

static enum hl_err load_settings_solver(struct db *db, int *slot_minutes, struct plan_weights *w,
                                        enum plan_solver *solver, int64_t *version,
                                        struct hl_error *err)
{
    json_t *v;
    *slot_minutes = 60;
    plan_weights_default(w);
    if (solver)
        *solver = DEFAULT_SOLVER;
    enum hl_err e = store_setting_get(db, SETTINGS_KEY, &v, version, err);
    if (e != HL_OK || !v)
        return e;
    json_t *sm = json_object_get(v, "slot_minutes");
    if (json_is_integer(sm))
        *slot_minutes = (int)json_integer_value(sm);
    if (solver)
        *solver = stored_solver(v);
    json_t *wj = json_object_get(v, "weights");
    for (size_t i = 0; i < NWEIGHTS; i++) {
        json_t *x = json_object_get(wj, weight_fields[i].name);
        if (json_is_integer(x))
            *weight_ref(w, i) = json_integer_value(x);
    }
    json_t *fair = json_object_get(wj, "fairness");
    if (json_is_array(fair) && json_array_size(fair) <= PLAN_FAIR_MAX) {
        w->n_fair = (int32_t)json_array_size(fair);
        for (int32_t k = 0; k < w->n_fair; k++) {
            json_t *step = json_array_get(fair, (size_t)k);
            w->fair_from[k] = json_integer_value(json_object_get(step, "from"));
            w->fair_slope[k] = json_integer_value(json_object_get(step, "slope"));
        }
    }
    json_decref(v);
    return HL_OK;
}

static json_t *settings_json(int slot_minutes, const struct plan_weights *w,
                             enum plan_solver solver, int64_t version)
{
    json_t *wj = json_object();
    for (size_t i = 0; i < NWEIGHTS; i++)
        json_object_set_new(wj, weight_fields[i].name,
                            json_integer(*weight_ref((struct plan_weights *)w, i)));
    json_t *fair = json_array();
    for (int32_t k = 0; k < w->n_fair; k++)
        json_array_append_new(fair, json_pack("{sI sI}", "from", (json_int_t)w->fair_from[k],
                                              "slope", (json_int_t)w->fair_slope[k]));
    json_object_set_new(wj, "fairness", fair);
    return json_pack("{si so ss sI}", "slot_minutes", slot_minutes, "weights", wj, "solver",
                     plan_solver_name(solver), "version", (json_int_t)version);
}

static enum hl_err need_manager(struct svc_ctx *ctx, struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers plan coverage");
    return HL_OK;
}

enum hl_err svc_planner_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    int sm;
    struct plan_weights w;
    enum plan_solver sv;
    int64_t version;
    enum hl_err e = load_settings_solver(ctx->db, &sm, &w, &sv, &version, err);
    if (e == HL_OK)
        *out = settings_json(sm, &w, sv, version);
    return e;
}

/* Applies a change of the settings ({slot_minutes, weights: {…}}, any part of it) to *sm and
 * *w, refusing (naming the field) anything unknown or out of range. */
static enum hl_err settings_apply(const json_t *changes, int *sm, struct plan_weights *w,
                                  enum plan_solver *solver, struct hl_error *err)
{
    enum hl_err e = HL_OK;
    if (!json_is_object(changes))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)changes, key, v)
    {
        if (strcmp(key, "slot_minutes") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 15 || json_integer_value(v) > 240 ||
                1440 % json_integer_value(v) != 0) {
                e = hl_fail(err, HL_ERR_INVALID, key,
                            "slot_minutes must divide a day and be from 15 to 240 "
                            "(15, 20, 30, 40, 45, 60, 72, 80, 90, 120, 144, 160, 180 or 240)");
                return e;
            }
            *sm = (int)json_integer_value(v);
        } else if (strcmp(key, "weights") == 0 && json_is_object(v)) {
            const char *wk;
            json_t *wv;
            json_object_foreach(v, wk, wv)
            {
                size_t i;
                for (i = 0; i < NWEIGHTS && strcmp(weight_fields[i].name, wk) != 0; i++)
                    ;
                if (strcmp(wk, "fairness") == 0) {
                    if (!json_is_array(wv) || json_array_size(wv) > PLAN_FAIR_MAX) {
                        e = hl_fail(err, HL_ERR_INVALID, "weights.fairness",
                                    "fairness is a list of at most %d {from, slope} steps",
                                    PLAN_FAIR_MAX);
                        return e;
                    }
                    w->n_fair = (int32_t)json_array_size(wv);
                    for (int32_t k = 0; k < w->n_fair; k++) {
                        json_t *s = json_array_get(wv, (size_t)k);
                        json_t *f = json_object_get(s, "from"), *sl = json_object_get(s, "slope");
                        if (!json_is_integer(f) || !json_is_integer(sl) ||
                            json_object_size(s) != 2) {
                            e = hl_fail(err, HL_ERR_INVALID, "weights.fairness",
                                        "each fairness step is {\"from\": integer, \"slope\": "
                                        "integer}");
                            return e;
                        }
                        w->fair_from[k] = json_integer_value(f);
                        w->fair_slope[k] = json_integer_value(sl);
                    }
                    continue;
                }
                if (i == NWEIGHTS || !json_is_integer(wv) || json_integer_value(wv) < 0 ||
                    json_integer_value(wv) > 1000000000) {
                    char field[80];
                    snprintf(field, sizeof field, "weights.%.60s", wk);
                    e = hl_fail(err, HL_ERR_INVALID, field,
                                i == NWEIGHTS ? "unknown weight %.60s"
                                              : "%.60s must be an integer from 0 to 1000000000",
                                wk);
                    return e;
                }
                *weight_ref(w, i) = json_integer_value(wv);
            }
        } else if (strcmp(key, "solver") == 0) {
            if (!json_is_string(v) || !plan_solver_parse(json_string_value(v), solver))
                return hl_fail(err, HL_ERR_INVALID, key,
                               "solver is the exact engine's MIP solver: glpk or cbc");
        } else {
            e = hl_fail(err, HL_ERR_INVALID, key,
                        "unknown setting %.60s; the planner has slot_minutes, weights and solver",
                        key);
            return e;
        }
    }
    char msg[200];
    if (plan_weights_check(w, msg, sizeof msg) != PLAN_OK)
        return fail_text(err, HL_ERR_INVALID, "weights", msg);
    return e;
}

/* The planner's settings as a record kind of the one update path (svc_record.h): one record,
 * stored as the setting SETTINGS_KEY over the defaults. */
static enum hl_err settings_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                                 struct hl_error *err)
{
    (void)arg, (void)id;
    int sm;
    struct plan_weights w;
    enum plan_solver sv;
    int64_t version;
    enum hl_err e = load_settings_solver(ctx->db, &sm, &w, &sv, &version, err);
    if (e == HL_OK)
        *rec = settings_json(sm, &w, sv, version);
    return e;
}

static enum hl_err settings_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                                 const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)arg, (void)id, (void)merged;
    int sm;
    struct plan_weights w;
    enum plan_solver sv;
    int64_t stored;
    enum hl_err e = load_settings_solver(ctx->db, &sm, &w, &sv, &stored, err);
    if (e != HL_OK || (e = settings_apply(changes, &sm, &w, &sv, err)) != HL_OK)
        return e;
    json_t *saved = settings_json(sm, &w, sv, version);
    json_object_del(saved, "version");
    e = store_setting_put(ctx->db, SETTINGS_KEY, saved, version, err);
    json_decref(saved);
    return e;
}

static const struct record_kind settings_kind = {
    .name = "planner settings", .load = settings_load, .save = settings_save};

enum hl_err svc_planner_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                        json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    return svc_record_update(ctx, &settings_kind, NULL, 0, if_match, true, body, "update", out,
                             err);
}

/* ---- HALDUS_PLAN_TRACE=1: what each phase of a plan costs (docs/planner.md §10) ---- */

struct plan_trace {
    bool on;
    double cpu, wall; /* at the last mark */
    long rss_start, rss_loaded, peak_before;
};

/* VmRSS and VmHWM of this process in KiB (0 when /proc cannot tell). */
static void trace_rss(long *rss, long *hwm)
{
    *rss = *hwm = 0;
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0)
            *rss = atol(line + 6);
        else if (strncmp(line, "VmHWM:", 6) == 0)
            *hwm = atol(line + 6);
    }
    if (f)
        fclose(f);
}

static double clock_seconds(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Ends a phase: with HALDUS_PLAN_TRACE set, one line on stderr with its CPU and wall seconds
 * and the memory now. After "loaded" the peak is reset (Linux clear_refs), so that the line of
 * "engine" can tell the engine's own memory: the RSS at the start (the program) plus what the
 * instance and the engine added to the loaded rows at their peak, i.e. what a process holding
 * only the instance needs to run the engine. */
static void trace_mark(struct plan_trace *t, const char *phase)
{
    if (strcmp(phase, "start") == 0)
        t->on = getenv("HALDUS_PLAN_TRACE") && strcmp(getenv("HALDUS_PLAN_TRACE"), "1") == 0;
    if (!t->on)
        return;
    double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID), wall = clock_seconds(CLOCK_MONOTONIC);
    long rss, hwm;
    trace_rss(&rss, &hwm);
    if (strcmp(phase, "start") == 0) {
        t->rss_start = rss;
    } else {
        if (hwm < t->peak_before)
            hwm = t->peak_before;
        fprintf(stderr, "plan trace: %-7s CPU %.2f s, wall %.2f s; RSS %ld MiB, peak %ld MiB\n",
                phase, cpu - t->cpu, wall - t->wall, rss / 1024, hwm / 1024);
    }
    if (strcmp(phase, "loaded") == 0) {
        t->rss_loaded = rss;
        t->peak_before = hwm;
        FILE *f = fopen("/proc/self/clear_refs", "w");
        if (f) {
            fputs("5", f);
            fclose(f);
        }
    } else if (strcmp(phase, "engine") == 0) {
        long own;
        trace_rss(&rss, &own);
        fprintf(stderr,
                "plan trace: engine memory %ld MiB (RSS at the start %ld MiB + %ld MiB for "
                "the instance and the engine at their peak)\n",
                (t->rss_start + own - t->rss_loaded) / 1024, t->rss_start / 1024,
                (own - t->rss_loaded) / 1024);
    }
    t->cpu = cpu;
    t->wall = wall;
}

/* ---- the model of a window ---- */

struct slot_run {
    int64_t from, to; /* slots [from, to) */
    int64_t day;      /* the person's local day */
};

struct person_slots {
    const struct cov_person *p;
    struct slot_run *work;
    size_t n_work, cap_work;
    struct plan_range *absent;
    size_t n_absent, cap_absent;
    struct plan_range *on; /* the work slots merged into sorted disjoint ranges */
    size_t n_on;
    int32_t index; /* assistant index in the instance, or -1 */
    bool in_scope; /* a principal the caller asked about */
    size_t asg_lo; /* the first of its assignments as principal in model.asg_by_principal */
};

/* A zone of the window, loaded once (lib/tz.c converts local working hours to UTC). */
struct zone_days {
    char *name;
    struct tz_days *days; /* NULL for a zone the tz database does not know */
    int64_t clock;        /* clock_id: zones with the same clock share it */
};

struct model {
    struct cov_rows rows;
    /* Principals a focused plan takes in besides those the focus supports (ids), or NULL. */
    const json_t *also;
    struct zone_days *zones;
    size_t n_zones;
    /* Indexes into rows: assignments and accepted covers sorted by principal. */
    struct cov_span *asg_by_principal, *accepted_by_principal;
    size_t n_accepted;
    int slot_minutes;
    struct plan_weights w;
    enum plan_solver solver; /* the exact engine's (the settings) */
    int64_t from_day, to_day;
    int64_t from_utc, to_utc;    /* instants the window may touch in any zone */
    struct person_slots *ps;     /* one per row of rows.people, same order (by id) */
    struct person_slots **by_id; /* person id → its slots (ids are small and dense) */
    int64_t max_id;
    int64_t stamp; /* the data stamp the rows were read at */
    char **names;  /* interned offices and zones; id = index + 1 */
    size_t n_names, cap_names;
    struct holiday_set hol; /* the offices' holidays over the local days of the window */
};

static int64_t intern(struct model *m, const char *s)
{
    for (size_t i = 0; i < m->n_names; i++)
        if (strcmp(m->names[i], s) == 0)
            return (int64_t)i + 1;
    if (m->n_names == m->cap_names) {
        m->cap_names = m->cap_names ? 2 * m->cap_names : 16;
        m->names = hl_realloc(m->names, m->cap_names * sizeof *m->names);
    }
    m->names[m->n_names++] = hl_strdup(s);
    return (int64_t)m->n_names;
}

static void model_cleanup(struct model *m)
{
    for (size_t i = 0; i < m->n_zones; i++) {
        free(m->zones[i].name);
        tz_days_free(m->zones[i].days);
    }
    free(m->zones);
    free(m->asg_by_principal);
    free(m->accepted_by_principal);
    for (size_t i = 0; m->ps && i < m->rows.n_people; i++) {
        free(m->ps[i].work);
        free(m->ps[i].absent);
        free(m->ps[i].on);
    }
    free(m->ps);
    free(m->by_id);
    for (size_t i = 0; i < m->n_names; i++)
        free(m->names[i]);
    free(m->names);
    cov_rows_cleanup(&m->rows);
    holiday_set_cleanup(&m->hol);
    memset(m, 0, sizeof *m);
}

static struct person_slots *person(struct model *m, int64_t id)
{
    return id > 0 && id <= m->max_id ? m->by_id[id] : NULL;
}

/* The zone's days over the window (lib/tz.c), loaded on first use; NULL for an unknown zone. */
static const struct tz_days *zone_days(struct model *m, const char *zone)
{
    for (size_t i = 0; i < m->n_zones; i++)
        if (strcmp(m->zones[i].name, zone) == 0)
            return m->zones[i].days;
    m->zones = hl_realloc(m->zones, (m->n_zones + 1) * sizeof *m->zones);
    struct zone_days *z = &m->zones[m->n_zones++];
    z->name = hl_strdup(zone);
    z->days = tz_days_new(zone, m->from_day - 2, m->to_day + 2);
    z->clock = 0;
    return z->days;
}

/* The planner's "time zone" of a person: zones that keep the same clock over the window
 * (Tallinn and Helsinki, London and Lisbon) are one, since their working hours line up; two
 * zones differ when their UTC offset differs on any day of the window. The key is the offset
 * at local noon of the first day and at every day it changes. */
static int64_t clock_id(struct model *m, const char *zone)
{
    const struct tz_days *d = zone_days(m, zone);
    struct zone_days *z = NULL;
    for (size_t i = 0; i < m->n_zones; i++)
        if (m->zones[i].days == d && strcmp(m->zones[i].name, zone) == 0)
            z = &m->zones[i];
    if (z && z->clock)
        return z->clock;
    if (!d) /* unknown to the tz database: only itself */
        return intern(m, zone);
    struct buf key;
    buf_init(&key, 0);
    buf_puts(&key, "clock");
    int64_t last = INT64_MIN;
    for (int64_t day = m->from_day; day <= m->to_day; day++) {
        int64_t off = day * 86400 + 720 * 60 - tz_days_to_utc(d, day, 720);
        if (off != last)
            buf_printf(&key, " %" PRId64 "@%" PRId64, off, day);
        last = off;
    }
    char *k = buf_steal(&key);
    int64_t id = intern(m, k ? k : zone);
    free(k);
    if (z)
        z->clock = id;
    return id;
}

static int by_principal(const void *a, const void *b)
{
    const struct cov_span *x = a, *y = b;
    return x->b < y->b ? -1 : x->b > y->b ? 1 : (x->start > y->start) - (x->start < y->start);
}

/* The first of the spans sorted by principal that belongs to principal (or n). */
static size_t first_of(const struct cov_span *spans, size_t n, int64_t principal)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (spans[mid].b < principal)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first of the skills sorted by owner that belongs to owner (or n). */
static size_t first_skill(const struct cov_skill *skills, size_t n, int64_t owner)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (skills[mid].owner < owner)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int by_range(const void *a, const void *b)
{
    const struct plan_range *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

/* Sorts ranges and merges the overlapping and adjacent ones; returns the new count. */
static size_t merge_ranges(struct plan_range *r, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = 1;
    while (i < n && r[i - 1].from <= r[i].from)
        i++;
    if (i < n) /* mostly made in order already */
        qsort(r, n, sizeof *r, by_range);
    size_t k = 0;
    for (i = 1; i < n; i++) {
        if (r[i].from <= r[k].to) {
            if (r[i].to > r[k].to)
                r[k].to = r[i].to;
        } else {
            r[++k] = r[i];
        }
    }
    return k + 1;
}

/* Whether slot lies in one of the sorted, disjoint ranges. */
static bool in_ranges(const struct plan_range *r, size_t n, int64_t slot)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].to <= slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && r[lo].from <= slot;
}

static int by_run(const void *a, const void *b)
{
    const struct slot_run *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

/* Sorts a person's runs and merges overlapping ones (two patterns of one day that overlap must
 * not count the hours twice: not on the board, not as load); returns the new count. A merged
 * run keeps the day of its first part. */
static size_t merge_runs(struct slot_run *r, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = 1;
    while (i < n && r[i - 1].from <= r[i].from)
        i++;
    if (i < n) /* made day by day: mostly in order already */
        qsort(r, n, sizeof *r, by_run);
    size_t k = 0;
    for (i = 1; i < n; i++) {
        if (r[i].from < r[k].to || (r[i].from == r[k].to && r[i].day == r[k].day)) {
            if (r[i].to > r[k].to)
                r[k].to = r[i].to;
        } else {
            r[++k] = r[i];
        }
    }
    return k + 1;
}

/* The entries [*lo, *hi) of office in s (sorted by office, then day). */
static void office_holidays(const struct holiday_set *s, const char *office, size_t *lo, size_t *hi)
{
    size_t a = 0, b = s->n;
    while (a < b) { /* the first entry of office or after it */
        size_t mid = a + (b - a) / 2;
        if (strcmp(s->items[mid].office, office) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = *hi = a;
    while (*hi < s->n && strcmp(s->items[*hi].office, office) == 0)
        (*hi)++;
}

/* Working hours of each person over their local days [from_day − 1, to_day + 1] as slots,
 * except on their office's holidays (not working slots: no support needed, none given);
 * approved absences as the slots they touch. */
static void expand_people(struct model *m)
{
    int64_t sm = m->slot_minutes;
    const struct cov_rows *r = &m->rows;
    size_t k = 0; /* patterns are sorted by person id, like people */
    const struct cov_pattern **by_wd = NULL;
    size_t cap_wd = 0;
    for (size_t i = 0; i < r->n_people; i++) {
        struct person_slots *ps = &m->ps[i];
        while (k < r->n_patterns && r->patterns[k].person_id < ps->p->id)
            k++;
        size_t first = k, last = k;
        while (last < r->n_patterns && r->patterns[last].person_id == ps->p->id)
            last++;
        /* The person's patterns by weekday, each day's in their order: weekday w (1–7, as
         * weekday_from_days gives) has by_wd[at[w - 1] .. at[w]). */
        size_t at[8] = {0}, fill[7];
        if (last - first > cap_wd) {
            cap_wd = last - first;
            by_wd = hl_realloc(by_wd, cap_wd * sizeof *by_wd);
        }
        for (size_t j = first; j < last; j++)
            if (r->patterns[j].weekday >= 1 && r->patterns[j].weekday <= 7)
                at[r->patterns[j].weekday]++;
        for (int d = 1; d <= 7; d++)
            at[d] += at[d - 1];
        memcpy(fill, at, sizeof fill);
        for (size_t j = first; j < last; j++)
            if (r->patterns[j].weekday >= 1 && r->patterns[j].weekday <= 7)
                by_wd[fill[r->patterns[j].weekday - 1]++] = &r->patterns[j];
        const struct tz_days *zone = zone_days(m, ps->p->tz);
        /* The office's holidays: [h, h_end) of m->hol (by office, then day), walked with the
         * days. */
        size_t h = 0, h_end = 0;
        office_holidays(&m->hol, ps->p->office, &h, &h_end);
        for (int64_t day = m->from_day - 1; zone && last > first && day <= m->to_day + 1; day++) {
            while (h < h_end && m->hol.items[h].day < day)
                h++;
            if (h < h_end && m->hol.items[h].day == day)
                continue;
            int wd = weekday_from_days(day);
            for (size_t q = at[wd - 1]; q < at[wd]; q++) {
                const struct cov_pattern *pt = by_wd[q];
                if (day < pt->valid_from || day > pt->valid_to)
                    continue;
                int64_t a = tz_days_to_utc(zone, day, pt->start_minute),
                        b = tz_days_to_utc(zone, day, pt->end_minute);
                int64_t from, to;
                plan_slots_within(a / 60, b / 60, (int32_t)sm, &from, &to);
                if (to <= from)
                    continue;
                if (ps->n_work == ps->cap_work) {
                    ps->cap_work = ps->cap_work ? 2 * ps->cap_work : 16;
                    ps->work = hl_realloc(ps->work, ps->cap_work * sizeof *ps->work);
                }
                ps->work[ps->n_work++] = (struct slot_run){from, to, day};
            }
        }
    }
    free(by_wd);
    for (size_t i = 0; i < r->n_absences; i++) {
        struct person_slots *ps = person(m, r->absences[i].a);
        if (!ps)
            continue;
        int64_t from, to;
        plan_slots_touching(floor_div(r->absences[i].start, 60), (r->absences[i].end + 59) / 60,
                            (int32_t)sm, &from, &to);
        if (ps->n_absent == ps->cap_absent) {
            ps->cap_absent = ps->cap_absent ? 2 * ps->cap_absent : 8;
            ps->absent = hl_realloc(ps->absent, ps->cap_absent * sizeof *ps->absent);
        }
        ps->absent[ps->n_absent++] = (struct plan_range){from, to};
    }
    for (size_t i = 0; i < r->n_people; i++) {
        struct person_slots *ps = &m->ps[i];
        ps->n_work = merge_runs(ps->work, ps->n_work);
        ps->on = hl_malloc((ps->n_work + 1) * sizeof *ps->on);
        for (size_t k = 0; k < ps->n_work; k++)
            ps->on[k] = (struct plan_range){ps->work[k].from, ps->work[k].to};
        ps->n_on = merge_ranges(ps->on, ps->n_work);
        ps->n_absent = merge_ranges(ps->absent, ps->n_absent);
    }
}

static bool works(const struct person_slots *ps, int64_t slot)
{
    return in_ranges(ps->on, ps->n_on, slot);
}

static bool away(const struct person_slots *ps, int64_t slot)
{
    return in_ranges(ps->absent, ps->n_absent, slot);
}

static bool available(const struct person_slots *ps, int64_t slot)
{
    return works(ps, slot) && !away(ps, slot);
}

/* The state of one principal-slot. */
enum slot_state { SLOT_COVERED, SLOT_BACKUP, SLOT_GAP };

static enum slot_state slot_state(struct model *m, const struct person_slots *pr, int64_t slot,
                                  int64_t day, int64_t skip_cover)
{
    size_t n = m->rows.n_assignments;
    for (size_t i = pr->asg_lo; i < n && m->asg_by_principal[i].b == pr->p->id; i++) {
        const struct cov_span *a = &m->asg_by_principal[i];
        if (day < a->start || day > a->end)
            continue;
        struct person_slots *as = person(m, a->a);
        if (as && as->p->assistant && available(as, slot))
            return SLOT_COVERED;
    }
    int64_t t0 = slot * m->slot_minutes * 60, t1 = t0 + m->slot_minutes * 60;
    for (size_t i = first_of(m->accepted_by_principal, m->n_accepted, pr->p->id);
         i < m->n_accepted && m->accepted_by_principal[i].b == pr->p->id; i++) {
        const struct cov_span *c = &m->accepted_by_principal[i];
        /* A backup who is away covers nothing: an absence approved (or previewed) after the
         * cover was accepted leaves its slots a gap again, before approving and after. */
        const struct person_slots *as = person(m, c->a);
        if (c->id != skip_cover && c->start <= t0 && c->end >= t1 && !(as && away(as, slot)))
            return SLOT_BACKUP;
    }
    return SLOT_GAP;
}

/* Whether ps is available in every slot of [from, to): working and not away. */
static bool available_all(const struct person_slots *ps, int64_t from, int64_t to)
{
    size_t lo = 0, hi = ps->n_on;
    while (lo < hi) { /* the first work range ending after from */
        size_t mid = (lo + hi) / 2;
        if (ps->on[mid].to <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == ps->n_on || ps->on[lo].from > from || ps->on[lo].to < to)
        return false;
    lo = 0, hi = ps->n_absent;
    while (lo < hi) { /* the first absence ending after from */
        size_t mid = (lo + hi) / 2;
        if (ps->absent[mid].to <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == ps->n_absent || ps->absent[lo].from >= to;
}

/* Whether an assistant assigned to pr on day is available in every slot of [from, to): then
 * slot_state is SLOT_COVERED in each of them (its first rule, for a run of slots at once). */
static bool run_covered(struct model *m, const struct person_slots *pr, int64_t from, int64_t to,
                        int64_t day)
{
    size_t n = m->rows.n_assignments;
    for (size_t i = pr->asg_lo; i < n && m->asg_by_principal[i].b == pr->p->id; i++) {
        const struct cov_span *a = &m->asg_by_principal[i];
        if (day < a->start || day > a->end)
            continue;
        struct person_slots *as = person(m, a->a);
        if (as && as->p->assistant && available_all(as, from, to))
            return true;
    }
    return false;
}

/* The first primary assistant of pr assigned on day who is away (approved absence) in slot,
 * or NULL: the board marks such days even when a secondary or a backup covers them. */
static const struct person_slots *primary_away(struct model *m, const struct person_slots *pr,
                                               int64_t slot, int64_t day)
{
    size_t n = m->rows.n_assignments;
    for (size_t i = pr->asg_lo; i < n && m->asg_by_principal[i].b == pr->p->id; i++) {
        const struct cov_span *a = &m->asg_by_principal[i];
        if (!a->primary || day < a->start || day > a->end)
            continue;
        const struct person_slots *as = person(m, a->a);
        if (as && as->p->assistant && away(as, slot))
            return as;
    }
    return NULL;
}

static enum hl_err model_load_with(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                                   const char *office, const char *department, int64_t lo,
                                   int64_t hi, const struct cov_span *extra_absence,
                                   struct model *m, struct hl_error *err);

static enum hl_err model_load(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                              const char *office, const char *department, struct model *m,
                              struct hl_error *err)
{
    return model_load_with(ctx, from_day, to_day, office, department, 0, 0, NULL, m, err);
}

/* As model_load, of the principals with ids lo … hi only (0, 0: all), with one more approved
 * absence (a what-if) when extra_absence is not NULL. */
static enum hl_err model_load_with(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                                   const char *office, const char *department, int64_t lo,
                                   int64_t hi, const struct cov_span *extra_absence,
                                   struct model *m, struct hl_error *err)
{
    memset(m, 0, sizeof *m);
    int64_t version;
    m->from_day = from_day;
    m->to_day = to_day;
    m->from_utc = (from_day - 1) * 86400;
    m->to_utc = (to_day + 2) * 86400;
    /* One snapshot: the rows and the stamp they were read at. */
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = load_settings_solver(ctx->db, &m->slot_minutes, &m->w, &m->solver, &version, err)) ==
            HL_OK &&
        (e = store_data_stamp(ctx->db, &m->stamp, err)) == HL_OK)
        e = store_coverage_load(ctx->db, from_day - 1, to_day + 1, m->from_utc, m->to_utc, NULL,
                                NULL, lo, hi, &m->rows, err);
    if (e == HL_OK)
        e = holiday_set_load(ctx->db, from_day - 1, to_day + 1, NULL, &m->hol, err);
    db_rollback(ctx->db);
    if (e != HL_OK)
        return e;
    if (extra_absence) {
        m->rows.absences =
            hl_realloc(m->rows.absences, (m->rows.n_absences + 1) * sizeof *m->rows.absences);
        m->rows.absences[m->rows.n_absences++] = *extra_absence;
    }
    m->ps = hl_calloc(m->rows.n_people + 1, sizeof *m->ps);
    m->max_id = m->rows.n_people ? m->rows.people[m->rows.n_people - 1].id : 0;
    m->by_id = hl_calloc((size_t)m->max_id + 1, sizeof *m->by_id);
    for (size_t i = 0; i < m->rows.n_people; i++)
        m->by_id[m->rows.people[i].id] = &m->ps[i];
    /* Who the caller may see: managers everyone; a principal themselves; an assistant the
     * principals they support. */
    int64_t self = ctx->who && !role_is_manager(ctx->who->role) ? ctx->who->person_id : 0;
    for (size_t i = 0; i < m->rows.n_people; i++) {
        struct person_slots *ps = &m->ps[i];
        ps->p = &m->rows.people[i];
        ps->index = -1;
        if (ps->p->assistant)
            continue;
        ps->in_scope = (!office || strcmp(office, ps->p->office) == 0) &&
                       (!department || strcmp(department, ps->p->department) == 0);
        if (ps->in_scope && self && ps->p->id != self) {
            bool supports = false;
            for (size_t j = 0; j < m->rows.n_assignments && !supports; j++)
                supports =
                    m->rows.assignments[j].a == self && m->rows.assignments[j].b == ps->p->id;
            ps->in_scope = supports;
        }
    }
    expand_people(m);
    size_t na = m->rows.n_assignments;
    m->asg_by_principal = hl_malloc((na + 1) * sizeof *m->asg_by_principal);
    if (na)
        memcpy(m->asg_by_principal, m->rows.assignments, na * sizeof *m->asg_by_principal);
    qsort(m->asg_by_principal, na, sizeof *m->asg_by_principal, by_principal);
    for (size_t i = 0; i < m->rows.n_people; i++)
        m->ps[i].asg_lo = first_of(m->asg_by_principal, na, m->ps[i].p->id);
    m->accepted_by_principal = hl_malloc((m->rows.n_covers + 1) * sizeof *m->accepted_by_principal);
    for (size_t i = 0; i < m->rows.n_covers; i++)
        if (m->rows.covers[i].accepted)
            m->accepted_by_principal[m->n_accepted++] = m->rows.covers[i];
    qsort(m->accepted_by_principal, m->n_accepted, sizeof *m->accepted_by_principal, by_principal);
    return HL_OK;
}

/* Adds one principal of load over slots [from, to) except where that principal is away. */
static void add_load_present(struct plan_instance *inst, int32_t a, const struct person_slots *pr,
                             int64_t from, int64_t to)
{
    for (size_t k = 0; k < pr->n_absent && from < to; k++) {
        const struct plan_range *ab = &pr->absent[k];
        if (ab->to <= from)
            continue;
        if (ab->from >= to)
            break;
        if (ab->from > from)
            plan_assistant_add_load(inst, a, from, ab->from, 1);
        from = ab->to;
    }
    if (from < to)
        plan_assistant_add_load(inst, a, from, to, 1);
}

/* The own assistant (instance index) whose absence leaves principal pr without support in
 * slot s of local day `day`: one assigned that day who works the slot but is away; -1 when the
 * gap has another cause (nobody assigned, off duty). The planner prefers one substitute for all
 * the executives such an assistant leaves (plan_weights.one_substitute). */
static int32_t gap_absent(struct model *m, const struct person_slots *pr, int64_t s, int64_t day)
{
    size_t n = m->rows.n_assignments;
    for (size_t i = pr->asg_lo; i < n && m->asg_by_principal[i].b == pr->p->id; i++) {
        const struct cov_span *a = &m->asg_by_principal[i];
        if (day < a->start || day > a->end)
            continue;
        struct person_slots *as = person(m, a->a);
        if (as && as->index >= 0 && works(as, s) && away(as, s))
            return as->index;
    }
    return -1;
}

/* The instance's reasons name people ("replaces Kadri Tamm for both her executives"). */
static const char *assistant_name(void *ctx, int64_t id)
{
    struct person_slots *ps = person(ctx, id);
    return ps ? ps->p->name : NULL;
}

/* The instance of the window: every assistant, and the in-scope principals with their gap
 * slots on local days [from_day, to_day]; skip_cover's slots count as gaps. */
static enum hl_err build_instance(struct model *m, int64_t skip_cover, struct plan_instance *inst,
                                  struct hl_error *err)
{
    const struct cov_rows *r = &m->rows;
    int64_t sm = m->slot_minutes;
    plan_instance_init(inst, (int32_t)sm);
    inst->name = assistant_name;
    inst->name_ctx = m;
    for (size_t i = 0; i < r->n_skill_names; i++)
        plan_add_skill_name(inst, r->skill_names[i].id, r->skill_text[i]);
    for (size_t i = 0; i < r->n_people; i++) {
        struct person_slots *ps = &m->ps[i];
        if (!ps->p->assistant)
            continue;
        ps->index = plan_add_assistant(inst, ps->p->id, ps->p->capacity, intern(m, ps->p->office),
                                       clock_id(m, ps->p->tz));
        for (size_t k = 0; k < ps->n_work; k++)
            plan_assistant_add_work(inst, ps->index, ps->work[k].from, ps->work[k].to);
        for (size_t k = 0; k < ps->n_absent; k++)
            plan_assistant_add_absence(inst, ps->index, ps->absent[k].from, ps->absent[k].to);
    }
    for (size_t i = 0; i < r->n_assistant_skills; i++) {
        struct person_slots *ps = person(m, r->assistant_skills[i].owner);
        if (ps && ps->index >= 0)
            plan_assistant_add_skill(inst, ps->index, r->assistant_skills[i].skill,
                                     r->assistant_skills[i].level);
    }
    /* Existing load: each principal an assistant supports, over that principal's hours when
     * the principal is not away themselves. */
    for (size_t i = 0; i < r->n_assignments; i++) {
        const struct cov_span *a = &r->assignments[i];
        struct person_slots *as = person(m, a->a), *pr = person(m, a->b);
        if (!as || as->index < 0 || !pr || pr->p->assistant)
            continue;
        for (size_t k = 0; k < pr->n_work; k++)
            if (pr->work[k].day >= a->start && pr->work[k].day <= a->end)
                add_load_present(inst, as->index, pr, pr->work[k].from, pr->work[k].to);
    }
    for (size_t i = 0; i < r->n_covers; i++) {
        const struct cov_span *c = &r->covers[i];
        struct person_slots *as = person(m, c->a);
        if (c->accepted && c->id != skip_cover && as && as->index >= 0)
            plan_assistant_add_load(inst, as->index, floor_div(c->start / 60, sm),
                                    floor_div(c->end / 60 + sm - 1, sm), 1);
    }
    /* Principals with gaps. */
    for (size_t i = 0; i < r->n_people; i++) {
        struct person_slots *pr = &m->ps[i];
        if (pr->p->assistant || !pr->in_scope)
            continue;
        int32_t p = -1;
        for (size_t k = 0; k < pr->n_work; k++) {
            const struct slot_run *run = &pr->work[k];
            if (run->day < m->from_day || run->day > m->to_day ||
                run_covered(m, pr, run->from, run->to, run->day))
                continue;
            for (int64_t s = run->from; s < run->to; s++) {
                /* An executive who is away needs no support: no gap, no cover. */
                if (away(pr, s) || slot_state(m, pr, s, run->day, skip_cover) != SLOT_GAP)
                    continue;
                if (p < 0) {
                    p = plan_add_principal(inst, pr->p->id, pr->p->priority,
                                           intern(m, pr->p->office), clock_id(m, pr->p->tz));
                    pr->index = p;
                }
                plan_principal_add_gaps_for(inst, p, s, s + 1, gap_absent(m, pr, s, run->day));
            }
        }
        if (p < 0)
            continue;
        for (size_t k = first_skill(r->principal_skills, r->n_principal_skills, pr->p->id);
             k < r->n_principal_skills && r->principal_skills[k].owner == pr->p->id; k++) {
            const struct cov_skill *sk = &r->principal_skills[k];
            if (sk->must)
                plan_principal_add_must(inst, p, sk->skill, sk->level);
            else
                plan_principal_add_nice(inst, p, sk->skill, sk->level);
        }
        for (size_t k = first_of(r->backups, r->n_backups, pr->p->id);
             k < r->n_backups && r->backups[k].b == pr->p->id; k++) {
            struct person_slots *b = person(m, r->backups[k].a);
            if (b && b->index >= 0)
                plan_principal_add_backup(inst, p, b->index);
        }
        /* Parties to an open mediation case with this principal never cover them. */
        for (size_t k = first_of(r->conflicts, r->n_conflicts, pr->p->id);
             k < r->n_conflicts && r->conflicts[k].b == pr->p->id; k++) {
            struct person_slots *b = person(m, r->conflicts[k].a);
            if (b && b->index >= 0)
                plan_principal_add_conflict(inst, p, b->index);
        }
    }
    char msg[200];
    if (plan_instance_finish(inst, msg, sizeof msg) != PLAN_OK) {
        char *clean = utf8_clean(msg);
        hl_fail(err, HL_ERR_INTERNAL, NULL, "the planning model is inconsistent: %.200s", clean);
        free(clean);
        return HL_ERR_INTERNAL;
    }
    return HL_OK;
}

enum hl_err coverage_check_range(int64_t from_day, int64_t to_day, struct hl_error *err)
{
    if (to_day < from_day)
        return hl_fail(err, HL_ERR_INVALID, "to", "to must not be before from");
    if (to_day - from_day + 1 > COVERAGE_MAX_DAYS)
        return hl_fail(err, HL_ERR_INVALID, "to", "a range may span at most %d days",
                       COVERAGE_MAX_DAYS);
    return HL_OK;
}

static json_t *day_json(int64_t day)
{
    char s[11];
    date_format(day, s);
    return json_string(s);
}

/* ---- the board ---- */

/* Appends item to arr; false when item is NULL (a json_pack that failed: text that is not
 * UTF-8) or the append fails. An answer never leaves an item out silently. */
static bool add(json_t *arr, json_t *item)
{
    return json_array_append_new(arr, item) == 0;
}

static json_t *gap_json(int64_t principal, int64_t from, int64_t to)
{
    return json_pack("{sI so so}", "principal_id", (json_int_t)principal, "start_at",
                     entity_instant(from), "end_at", entity_instant(to));
}

int coverage_board_default_limit(int64_t days)
{
    int64_t n = COVERAGE_BOARD_MAX_CELLS / (days > 0 ? days : 1);
    return (int)(n > COVERAGE_BOARD_MAX_PRINCIPALS ? COVERAGE_BOARD_MAX_PRINCIPALS : n);
}

enum hl_err svc_coverage_board(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                               const char *office, const char *department, int64_t after, int limit,
                               json_t **out, int64_t *next_after, struct hl_error *err)
{
    enum hl_err e = coverage_check_range(from_day, to_day, err);
    if (e != HL_OK)
        return e;
    int64_t ndays64 = to_day - from_day + 1;
    if (limit > 0 && (int64_t)limit * ndays64 > COVERAGE_BOARD_MAX_CELLS)
        return hl_fail(err, HL_ERR_TOO_LARGE, "limit",
                       "a board page may hold at most %d principal-days; %d principals x %lld "
                       "days is %lld: ask for limit=%d or fewer, or a shorter range",
                       COVERAGE_BOARD_MAX_CELLS, limit, (long long)ndays64,
                       (long long)limit * ndays64, coverage_board_default_limit(ndays64));
    if (limit <= 0)
        limit = coverage_board_default_limit(ndays64);
    *next_after = 0;
    /* The page's principals first (one id range), then only what concerns them. */
    int64_t self = ctx->who && !role_is_manager(ctx->who->role) ? ctx->who->person_id : 0;
    int64_t lo = 0, hi = 0;
    bool more = false;
    struct model m;
    memset(&m, 0, sizeof m);
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    if ((e = store_board_page(ctx->db, after, limit, office, department, self, &lo, &hi, &more,
                              err)) != HL_OK ||
        (hi > 0 && (e = model_load_with(ctx, from_day, to_day, office, department, lo, hi, NULL, &m,
                                        err)) != HL_OK)) {
        db_rollback(ctx->db);
        model_cleanup(&m);
        return e;
    }
    if (hi == 0) /* no principal on this page: an empty model, slot length as saved */
        e = load_settings(ctx->db, &m.slot_minutes, &m.w, &(int64_t){0}, err);
    int64_t sm = m.slot_minutes;
    json_t *days = json_array(), *principals = json_array(), *gaps = json_array(), *kept = NULL;
    bool ok = e == HL_OK;
    for (int64_t d = from_day; ok && d <= to_day; d++)
        ok = add(days, day_json(d));
    int ndays = (int)ndays64;
    int *count = hl_calloc((size_t)ndays * 4, sizeof *count);
    /* Per day, the first primary found away (the board names who is away). */
    const struct person_slots **away_primary = hl_calloc((size_t)ndays, sizeof *away_primary);
    for (size_t i = 0; ok && i < m.rows.n_people; i++) {
        struct person_slots *pr = &m.ps[i];
        if (pr->p->assistant || !pr->in_scope)
            continue;
        memset(count, 0, (size_t)ndays * 4 * sizeof *count);
        memset(away_primary, 0, (size_t)ndays * sizeof *away_primary);
        int64_t run_from = -1, run_to = -1;
        for (size_t k = 0; ok && k < pr->n_work; k++) {
            const struct slot_run *run = &pr->work[k];
            if (run->day < from_day || run->day > to_day)
                continue;
            for (int64_t s = run->from; ok && s < run->to; s++) {
                if (away(pr, s)) /* the executive's own absence: nothing to support */
                    continue;
                enum slot_state st = slot_state(&m, pr, s, run->day, 0);
                int64_t di = run->day - from_day;
                count[di * 4 + st]++;
                const struct person_slots *pa = primary_away(&m, pr, s, run->day);
                if (pa) {
                    count[di * 4 + 3]++;
                    if (!away_primary[di])
                        away_primary[di] = pa;
                }
                if (st != SLOT_GAP)
                    continue;
                if (s == run_to) {
                    run_to = s + 1;
                    continue;
                }
                if (run_from >= 0)
                    ok = add(gaps, gap_json(pr->p->id, run_from * sm * 60, run_to * sm * 60));
                run_from = s;
                run_to = s + 1;
            }
        }
        if (ok && run_from >= 0)
            ok = add(gaps, gap_json(pr->p->id, run_from * sm * 60, run_to * sm * 60));
        json_t *pdays = json_array();
        for (int d = 0; ok && d < ndays; d++) {
            int c = count[d * 4 + SLOT_COVERED], b = count[d * 4 + SLOT_BACKUP],
                g = count[d * 4 + SLOT_GAP], pa = count[d * 4 + 3];
            const char *state = c + b + g == 0 ? "none" : g ? "gap" : b ? "backup" : "covered";
            const struct holiday_entry *h = holiday_set_find(&m.hol, pr->p->office, from_day + d);
            json_t *pd = json_pack("{so si si si si ss}", "date", day_json(from_day + d), "slots",
                                   c + b + g, "covered", c, "backup", b, "gaps", g, "state", state);
            if (pd && h && json_object_set_new(pd, "holiday", json_string(h->name)) != 0) {
                json_decref(pd);
                pd = NULL;
            }
            /* The primary assistant is away in pa of the day's slots (a secondary, a backup
             * or no one covers them): who, so the board can say it. */
            if (pd && (json_object_set_new(pd, "primary_away", json_integer(pa)) != 0 ||
                       (pa && json_object_set_new(
                                  pd, "primary_away_assistant",
                                  json_pack("{sI ss}", "id", (json_int_t)away_primary[d]->p->id,
                                            "name", away_primary[d]->p->name)) != 0))) {
                json_decref(pd);
                pd = NULL;
            }
            ok = add(pdays, pd);
        }
        if (!ok) {
            json_decref(pdays);
            break;
        }
        ok = add(principals, json_pack("{sI ss ss ss ss si so}", "id", (json_int_t)pr->p->id,
                                       "name", pr->p->name, "office", pr->p->office, "time_zone",
                                       pr->p->tz, "department", pr->p->department, "priority",
                                       pr->p->priority, "days", pdays));
        if (!ok)
            fprintf(stderr, "haldus: principal %lld has text that is not UTF-8\n",
                    (long long)pr->p->id);
    }
    free(count);
    free(away_primary);
    json_t *covers = NULL;
    /* Covers touching the principals' days (local days may start before from_day UTC). */
    if (ok && hi > 0)
        e = store_covers_json(ctx->db, 0, 0, 0, lo, hi, from_day * 86400 - 14 * 3600,
                              (to_day + 1) * 86400 + 14 * 3600, &covers, err);
    db_rollback(ctx->db);
    if (ok && e == HL_OK) {
        /* Only covers of principals on the board. */
        kept = json_array();
        size_t i;
        json_t *c;
        json_array_foreach(covers, i, c)
        {
            struct person_slots *pr =
                person(&m, json_integer_value(json_object_get(c, "principal_id")));
            if (ok && pr && pr->in_scope)
                ok = json_array_append(kept, c) == 0;
        }
    }
    json_decref(covers);
    localize(ctx, kept);
    if (e == HL_OK && !ok)
        e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                    "the board could not be written as JSON; see the server log");
    if (e == HL_OK) {
        *out = json_pack("{so so si so so so so}", "from", day_json(from_day), "to",
                         day_json(to_day), "slot_minutes", (int)sm, "days", days, "principals",
                         principals, "covers", kept, "gaps", gaps);
        if (!*out)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the board could not be written as JSON");
        else
            *next_after = more ? hi : 0;
    } else {
        json_decref(days);
        json_decref(principals);
        json_decref(gaps);
        json_decref(kept);
    }
    model_cleanup(&m);
    return e;
}

/* ---- plans ---- */

/* The engine's status as the API says it (stats.status). */
static const char *status_name(enum plan_status s)
{
    return s == PLAN_STATUS_OPTIMAL      ? "optimal"
           : s == PLAN_STATUS_FEASIBLE   ? "feasible"
           : s == PLAN_STATUS_TIME_LIMIT ? "time_limit"
                                         : "heuristic";
}

/* The status stored with the plan: an exact run that timed out before its search is a plan
 * with a bound and a gap, like one stopped during it ("feasible"); stats.status tells them
 * apart. */
static const char *stored_status(enum plan_status s)
{
    return s == PLAN_STATUS_TIME_LIMIT ? "feasible" : status_name(s);
}

/* JSON has no NaN or infinity: such a figure is reported as 0. */
static double finite_or_0(double x)
{
    return isfinite(x) ? x : 0;
}

static double cover_cost(const struct plan_cover *c)
{
    return (double)(c->cost.nice + c->cost.designation + c->cost.office + c->cost.tz +
                    c->cost.switching + c->cost.substitute);
}

/* Runs the engine on the instance; PLAN_* codes become 422s and 500s. */
static enum hl_err run_engine(const struct plan_instance *inst, const struct plan_weights *w,
                              enum plan_solver solver, const char *engine, struct plan *plan,
                              struct hl_error *err)
{
    enum plan_rc rc;
    if (strcmp(engine, "fast") == 0) {
        struct plan_fast_opts o;
        plan_fast_opts_default(&o);
        rc = plan_fast(inst, w, &o, plan);
    } else {
        struct plan_exact_opts o;
        plan_exact_opts_default(&o);
        /* Start from the fast plan: a run stopped by the time limit is never worse than it. */
        o.warm_start = true;
        o.solver = solver;
        rc = plan_exact(inst, w, &o, plan);
    }
    switch (rc) {
    case PLAN_OK:
        return HL_OK;
    case PLAN_ETOOBIG:
        return hl_fail(err, HL_ERR_INVALID, "engine",
                       "the %s engine cannot solve a range this large (%zu gap slots); use the "
                       "fast engine or a shorter range",
                       engine, plan_instance_gap_count(inst));
    default:
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the %s engine failed: %s", engine,
                       plan_strerror(rc));
    }
}

/* Saves the plan with its covers merged into runs; answers it as JSON. */
/* Whether ctx may read why a mediation case kept someone from covering: the manager role
 * (or the CLI), not an admin. */
static bool mediation_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || ctx->who->role == ROLE_MANAGER;
}

/* Renders the stored reasons of items (covers, open gaps) in the reader's language; an open
 * mediation case is named to the manager role alone (docs/security.md): others read "not
 * available". */
static void localize(const struct svc_ctx *ctx, json_t *items)
{
    reason_localize(items, ctx->who ? ctx->who->reader_lang : "", !mediation_manager(ctx));
}

/* The plan's open gaps as runs of consecutive slots of one principal, with the reason in its
 * stored, language-neutral form (localize() renders it for the reader); NULL (logged) when one
 * cannot be written. */
static json_t *open_runs_json(struct model *m, const struct plan_instance *inst,
                              const struct plan *plan)
{
    int64_t sm = m->slot_minutes;
    json_t *open = json_array();
    for (size_t i = 0; i < plan->n_open;) {
        const struct plan_open_gap *g = &plan->open[i];
        size_t j = i + 1;
        while (j < plan->n_open && plan->open[j].principal == g->principal &&
               plan->open[j].slot == plan->open[j - 1].slot + 1)
            j++;
        const struct plan_principal *pp = &inst->principals[g->principal];
        struct person_slots *pr = person(m, pp->id);
        char *reason = utf8_clean(g->reason);
        bool ok = add(open, json_pack("{sI ss so so si ss}", "principal_id", (json_int_t)pp->id,
                                      "principal_name", pr ? pr->p->name : "", "start_at",
                                      entity_instant(g->slot * sm * 60), "end_at",
                                      entity_instant((plan->open[j - 1].slot + 1) * sm * 60),
                                      "slots", (int)(j - i), "reason", reason));
        free(reason);
        if (!ok) { /* never an open gap silently missing */
            fprintf(stderr, "haldus: an open gap of principal %lld could not be written\n",
                    (long long)pp->id);
            json_decref(open);
            return NULL;
        }
        i = j;
    }
    return open;
}

/* The plan's covers as runs (consecutive slots of one principal with one backup), with names
 * and the first slot's reason — as saved, but without ids. NULL (logged) when one cannot be
 * written. */
static json_t *cover_runs_json(struct model *m, const struct plan_instance *inst,
                               const struct plan *plan)
{
    int64_t sm = m->slot_minutes;
    json_t *covers = json_array();
    for (size_t i = 0; i < plan->n_covers;) {
        const struct plan_cover *c = &plan->covers[i];
        size_t j = i + 1;
        while (j < plan->n_covers && plan->covers[j].principal == c->principal &&
               plan->covers[j].assistant == c->assistant &&
               plan->covers[j].slot == plan->covers[j - 1].slot + 1)
            j++;
        struct person_slots *pr = person(m, inst->principals[c->principal].id);
        struct person_slots *as = person(m, inst->assistants[c->assistant].id);
        char *reason = utf8_clean(c->reason);
        bool ok = add(covers, json_pack("{sI ss sI ss so so si ss}", "principal_id",
                                        (json_int_t)inst->principals[c->principal].id,
                                        "principal_name", pr ? pr->p->name : "", "assistant_id",
                                        (json_int_t)inst->assistants[c->assistant].id,
                                        "assistant_name", as ? as->p->name : "", "start_at",
                                        entity_instant(c->slot * sm * 60), "end_at",
                                        entity_instant((plan->covers[j - 1].slot + 1) * sm * 60),
                                        "slots", (int)(j - i), "reason", reason));
        free(reason);
        if (!ok) {
            fprintf(stderr, "haldus: a cover of principal %lld could not be written\n",
                    (long long)inst->principals[c->principal].id);
            json_decref(covers);
            return NULL;
        }
        i = j;
    }
    return covers;
}

/* The end of the run of plan covers starting at i (consecutive slots of one principal with one
 * backup, as saved), with the run's cost in *cost. */
static size_t cover_run_end(const struct plan *plan, size_t i, double *cost)
{
    const struct plan_cover *c = &plan->covers[i];
    size_t j = i + 1;
    *cost = cover_cost(c);
    while (j < plan->n_covers && plan->covers[j].principal == c->principal &&
           plan->covers[j].assistant == c->assistant &&
           plan->covers[j].slot == plan->covers[j - 1].slot + 1)
        *cost += cover_cost(&plan->covers[j++]);
    return j;
}

/* The distinct reasons of a plan's cover runs, by their text: each cleaned once (utf8_clean)
 * for the database, and rendered once for the answer (a year's 100,000 runs of the large demo
 * have ~12,000 distinct reasons). */
struct reason_pool {
    struct reason_entry {
        const char *raw;    /* the plan's text (in the plan's text store) */
        char *stored;       /* raw cleaned: the column's text */
        bool rendered;      /* text and parts below are set (saved_plan_write) */
        char *text, *parts; /* JSON text of "reason" and "reason_parts" (parts NULL: none) */
    } * items;
    size_t n, cap;
    uint32_t *slots; /* open addressing by the hash of raw: index + 1, 0 empty */
    size_t n_slots;  /* a power of two, at least twice n */
};

static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void reason_pool_cleanup(struct reason_pool *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].stored);
        free(p->items[i].text);
        free(p->items[i].parts);
    }
    free(p->items);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

/* The index in p of the reason raw (NULL: none), added when new. raw must outlive p. */
static uint32_t reason_pool_add(struct reason_pool *p, const char *raw)
{
    if (!raw)
        raw = "";
    if (2 * (p->n + 1) > p->n_slots) {
        size_t n = p->n_slots ? 2 * p->n_slots : 4096;
        uint32_t *slots = hl_calloc(n, sizeof *slots);
        for (size_t i = 0; i < p->n; i++) {
            size_t k = text_hash(p->items[i].raw) & (n - 1);
            while (slots[k])
                k = (k + 1) & (n - 1);
            slots[k] = (uint32_t)i + 1;
        }
        free(p->slots);
        p->slots = slots;
        p->n_slots = n;
    }
    size_t k = text_hash(raw) & (p->n_slots - 1);
    while (p->slots[k] && strcmp(p->items[p->slots[k] - 1].raw, raw) != 0)
        k = (k + 1) & (p->n_slots - 1);
    if (p->slots[k])
        return p->slots[k] - 1;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 1024;
        p->items = hl_realloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n] = (struct reason_entry){raw, utf8_clean(raw), false, NULL, NULL};
    p->slots[k] = (uint32_t)++p->n;
    return (uint32_t)(p->n - 1);
}

/* A saved plan: the answer's head (id … stats), its open gaps (localized), the ids of its
 * covers and their reasons (indexes into reasons), one per run of the plan in the plan's
 * order. The covers of the answer are written from the plan in memory (saved_cover_json),
 * never read back from the database. */
struct saved_plan {
    json_t *head, *open;
    int64_t *cover_ids;
    uint32_t *run_reason;
    struct reason_pool reasons;
    size_t n_runs;
};

static void saved_plan_cleanup(struct saved_plan *s)
{
    json_decref(s->head);
    json_decref(s->open);
    free(s->cover_ids);
    free(s->run_reason);
    reason_pool_cleanup(&s->reasons);
    memset(s, 0, sizeof *s);
}

/* The saved cover run [i, j) of the plan as the answer shows it (the columns of a stored cover,
 * the reason localized), or NULL (logged) when it cannot be written. */
static json_t *saved_cover_json(const struct svc_ctx *ctx, struct model *m,
                                const struct plan_instance *inst, const struct plan *plan,
                                int64_t plan_id, int64_t cover_id, size_t i, size_t j, double cost)
{
    int64_t sm = m->slot_minutes;
    const struct plan_cover *c = &plan->covers[i];
    int64_t pid = inst->principals[c->principal].id, aid = inst->assistants[c->assistant].id;
    struct person_slots *pr = person(m, pid), *as = person(m, aid);
    char *reason = utf8_clean(c->reason);
    json_t *o = json_pack("{sI sI sI sI ss sI ss so so si sf ss ss}", "id", (json_int_t)cover_id,
                          "version", (json_int_t)1, "plan_id", (json_int_t)plan_id, "principal_id",
                          (json_int_t)pid, "principal_name", pr ? pr->p->name : "", "assistant_id",
                          (json_int_t)aid, "assistant_name", as ? as->p->name : "", "start_at",
                          entity_instant(c->slot * sm * 60), "end_at",
                          entity_instant((plan->covers[j - 1].slot + 1) * sm * 60), "slots",
                          (int)(j - i), "cost", cost, "reason", reason, "status", "proposed");
    free(reason);
    if (!o) {
        fprintf(stderr, "haldus: coverage cover %lld has text that is not UTF-8\n",
                (long long)cover_id);
        return NULL;
    }
    reason_localize_item(o, ctx->who ? ctx->who->reader_lang : "", !mediation_manager(ctx));
    return o;
}

/* Saves the plan when the data it was computed on is still current (*stale, HL_ERR_CONFLICT
 * and nothing saved otherwise: planning runs outside the writer, so a write may land while it
 * plans); fills *saved for the answer. */
static enum hl_err save_plan(struct svc_ctx *ctx, struct model *m, const struct plan_instance *inst,
                             const struct plan *plan, const char *engine, struct saved_plan *saved,
                             bool *stale, struct hl_error *err)
{
    int64_t sm = m->slot_minutes;
    enum hl_err e;
    memset(saved, 0, sizeof *saved);
    json_t *open = open_runs_json(m, inst, plan);
    if (!open)
        return hl_fail(err, HL_ERR_INTERNAL, NULL,
                       "the plan's open gaps could not be written as JSON; see the server log");
    const struct plan_terms *t = &plan->terms;
    json_t *objective = json_pack(
        "{sf sf sf sf sf sf sf sf sf sI sI sI}", "total", finite_or_0(t->total), "substitute",
        finite_or_0(t->substitute), "uncovered", finite_or_0(t->uncovered), "nice",
        finite_or_0(t->nice), "designation", finite_or_0(t->designation), "office",
        finite_or_0(t->office), "tz", finite_or_0(t->tz), "switching", finite_or_0(t->switching),
        "fairness", finite_or_0(t->fairness), "covered_slots", (json_int_t)t->n_covered,
        "open_slots", (json_int_t)t->n_open, "switches", (json_int_t)t->n_switches);
    json_t *stats =
        json_pack("{ss sf sf sf sI sI sI sI}", "status", status_name(plan->stats.status), "seconds",
                  finite_or_0(plan->stats.seconds), "mip_gap", finite_or_0(plan->stats.mip_gap),
                  "bound", finite_or_0(plan->stats.bound), "gap_slots",
                  (json_int_t)plan->stats.n_gaps, "variables", (json_int_t)plan->stats.n_vars,
                  "rows", (json_int_t)plan->stats.n_rows, "moves", (json_int_t)plan->stats.n_moves);
    struct cov_plan_row row = {0};
    date_format(m->from_day, row.from_date);
    date_format(m->to_day, row.to_date);
    snprintf(row.engine, sizeof row.engine, "%s", engine);
    snprintf(row.status, sizeof row.status, "%s", stored_status(plan->stats.status));
    row.slot_minutes = (int)sm;
    int64_t id = 0;
    size_t n_runs = 0;
    for (size_t i = 0; i < plan->n_covers; n_runs++) {
        double cost;
        i = cover_run_end(plan, i, &cost);
    }
    int64_t *ids = hl_malloc((n_runs + 1) * sizeof *ids);
    uint32_t *run_reason = hl_malloc((n_runs + 1) * sizeof *run_reason);
    struct reason_pool reasons = {0};
    bool fk_paused = store_plan_fk_pause(ctx->db); /* the rows hold by construction */
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto out;
    int64_t now_stamp;
    if ((e = store_data_stamp(ctx->db, &now_stamp, err)) != HL_OK)
        goto fail;
    if (now_stamp != m->stamp) {
        *stale = true;
        e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                    "the data changed while the plan was computed; plan again");
        goto fail;
    }
    /* Older proposals for these principals in this window give way to the new one. */
    for (size_t p = 0; p < inst->n_principals; p++) {
        const struct plan_principal *pp = &inst->principals[p];
        if (pp->n_gaps &&
            (e = store_covers_supersede(ctx->db, pp->id, pp->gaps[0] * sm * 60,
                                        (pp->gaps[pp->n_gaps - 1] + 1) * sm * 60, err)) != HL_OK)
            goto fail;
    }
    /* Accepting checks that nothing the plan read has changed since it was read
     * (superseding proposals does not count). */
    row.data_stamp = m->stamp;
    if ((e = store_plan_insert(ctx->db, &row, objective, stats, open, ctx->actor, &id, err)) !=
        HL_OK)
        goto fail;
    /* The covers in statements of COV_INSERT_BATCH rows: a year's 100,000 cover rows cost
     * what SQLite does per row, little more. */
    struct cov_new_cover batch[COV_INSERT_BATCH];
    size_t r = 0, nb = 0;
    const char *last_raw = NULL;
    uint32_t last = 0;
    for (size_t i = 0; i < plan->n_covers;) {
        const struct plan_cover *c = &plan->covers[i];
        double cost;
        size_t j = cover_run_end(plan, i, &cost);
        /* runs in a row often share the planner's text itself */
        if (!last_raw || c->reason != last_raw)
            last = reason_pool_add(&reasons, c->reason);
        last_raw = c->reason;
        run_reason[r + nb] = last;
        batch[nb++] = (struct cov_new_cover){inst->principals[c->principal].id,
                                             inst->assistants[c->assistant].id,
                                             c->slot * sm * 60,
                                             (plan->covers[j - 1].slot + 1) * sm * 60,
                                             (int)(j - i),
                                             cost,
                                             reasons.items[last].stored};
        i = j;
        if (nb == COV_INSERT_BATCH || i == plan->n_covers) {
            e = store_plan_covers_insert(ctx->db, id, batch, nb, &ids[r], err);
            r += nb;
            nb = 0;
            if (e != HL_OK)
                goto fail;
        }
    }
    json_t *after = json_pack("{sI ss ss ss}", "id", (json_int_t)id, "from", row.from_date, "to",
                              row.to_date, "engine", engine);
    e = svc_audit(ctx, "plan", "coverage plan", id, NULL, after, err);
    json_decref(after);
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    localize(ctx, open);
    saved->head =
        json_pack("{sI ss ss ss ss si sO sO}", "id", (json_int_t)id, "from", row.from_date, "to",
                  row.to_date, "engine", engine, "status", row.status, "slot_minutes", (int)sm,
                  "objective", objective, "stats", stats);
    if (!saved->head) /* saved, but the answer cannot be written: say so rather than nothing */
        e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                    "plan %lld was saved but could not be written as JSON; see the server log",
                    (long long)id);
    saved->open = open;
    open = NULL;
    saved->cover_ids = ids;
    ids = NULL;
    saved->run_reason = run_reason;
    run_reason = NULL;
    saved->reasons = reasons;
    memset(&reasons, 0, sizeof reasons);
    saved->n_runs = n_runs;
    goto out;
fail:
    db_rollback(ctx->db);
out:
    store_plan_fk_resume(ctx->db, fk_paused);
    free(ids);
    free(run_reason);
    reason_pool_cleanup(&reasons);
    json_decref(objective);
    json_decref(stats);
    json_decref(open);
    return e;
}

/* The answer of a saved plan as one JSON object (the head with its covers and open gaps), or
 * NULL when a cover cannot be written. */
static json_t *saved_plan_json(const struct svc_ctx *ctx, struct model *m,
                               const struct plan_instance *inst, const struct plan *plan,
                               struct saved_plan *saved)
{
    json_t *covers = json_array();
    int64_t id = json_integer_value(json_object_get(saved->head, "id"));
    size_t r = 0;
    for (size_t i = 0; i < plan->n_covers; r++) {
        double cost;
        size_t j = cover_run_end(plan, i, &cost);
        if (!add(covers,
                 saved_cover_json(ctx, m, inst, plan, id, saved->cover_ids[r], i, j, cost))) {
            json_decref(covers);
            return NULL;
        }
        i = j;
    }
    json_t *out = json_incref(saved->head);
    if (json_object_set_new(out, "covers", covers) != 0 ||
        json_object_set(out, "open_gaps", saved->open) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- writing a saved plan as JSON text, cover by cover ---- */

/* A JSON writer: Jansson's output callback fed in blocks (of `size` bytes), the dump flags,
 * and the padding added after each line break of a value dumped on its own (its depth times
 * the indent). */
struct jw {
    json_dump_callback_t write;
    void *data;
    size_t flags;
    size_t pad;
    bool failed;
    char *block;
    size_t n, size;
};

static void jw_flush(struct jw *w)
{
    if (!w->failed && w->n && w->write(w->block, w->n, w->data) != 0)
        w->failed = true;
    w->n = 0;
}

static void jw_raw(struct jw *w, const char *s, size_t n)
{
    if (n <= w->size - w->n) { /* the usual case */
        memcpy(w->block + w->n, s, n);
        w->n += n;
        return;
    }
    while (n > 0 && !w->failed) {
        if (w->n == w->size)
            jw_flush(w);
        size_t k = w->size - w->n < n ? w->size - w->n : n;
        memcpy(w->block + w->n, s, k);
        w->n += k;
        s += k;
        n -= k;
    }
}

static void jw_str(struct jw *w, const char *s)
{
    jw_raw(w, s, strlen(s));
}

static void jw_spaces(struct jw *w, size_t n)
{
    static const char spaces[] = "                                ";
    for (; n > 32; n -= 32)
        jw_raw(w, spaces, 32);
    jw_raw(w, spaces, n);
}

/* As Jansson's dump_indent: a line break and depth levels of indent, or one space between
 * items when the text is neither indented nor compact. */
static void jw_indent(struct jw *w, size_t depth, bool space)
{
    size_t n = w->flags & JSON_MAX_INDENT;
    if (n > 0) {
        jw_raw(w, "\n", 1);
        jw_spaces(w, depth * n);
    } else if (space && !(w->flags & JSON_COMPACT)) {
        jw_raw(w, " ", 1);
    }
}

/* Jansson's callback for a value dumped on its own: each line break gains the padding of the
 * value's depth (JSON text has line breaks only between tokens). */
static int jw_padded(const char *buf, size_t size, void *data)
{
    struct jw *w = data;
    const char *nl, *end = buf + size;
    while ((nl = memchr(buf, '\n', (size_t)(end - buf))) != NULL) {
        jw_raw(w, buf, (size_t)(nl + 1 - buf));
        jw_spaces(w, w->pad);
        buf = nl + 1;
    }
    jw_raw(w, buf, (size_t)(end - buf));
    return w->failed ? -1 : 0;
}

/* Writes v as a value at depth: exactly the text json_dumpf gives it inside the whole. */
static void jw_value(struct jw *w, const json_t *v, size_t depth)
{
    w->pad = depth * (w->flags & JSON_MAX_INDENT);
    if (!w->failed && json_dump_callback(v, jw_padded, w, w->flags | JSON_ENCODE_ANY) != 0)
        w->failed = true;
}

/* Starts member `key` of an object at depth - 1: the separator before it (none for the first),
 * the key and the colon, as Jansson writes them. */
static void jw_member(struct jw *w, const char *key, size_t depth, bool first)
{
    if (!first)
        jw_raw(w, ",", 1);
    jw_indent(w, depth, !first);
    jw_raw(w, "\"", 1);
    jw_str(w, key);
    if (w->flags & JSON_COMPACT)
        jw_raw(w, "\":", 2);
    else
        jw_raw(w, "\": ", 3);
}

/* Jansson's dump callback into a struct buf. */
static int append_buf(const char *buf, size_t size, void *data)
{
    return buf_append(data, buf, size) ? 0 : -1;
}

/* v's text at depth as a malloc'd string (NULL when it cannot be written), for text written
 * many times. */
static char *jw_text(const struct jw *w, const json_t *v, size_t depth)
{
    char block[512];
    struct buf b;
    buf_init(&b, 0);
    struct jw t = {append_buf, &b, w->flags, 0, false, block, 0, sizeof block};
    jw_value(&t, v, depth);
    jw_flush(&t);
    char *s = t.failed ? NULL : buf_steal(&b);
    buf_cleanup(&b);
    return s;
}

/* What a writer keeps to write many covers: per person their name, as JSON text, and per part
 * of the stored reasons (by its JSON text) the part as the answer shows it and its text at the
 * depth of an item of "reason_parts" (the reasons' own texts are kept in the saved plan's
 * reason pool, each rendered once: ~12,000 reasons of a year have a few thousand parts). */
struct cover_texts {
    char **names; /* by person id */
    size_t n_names;
    struct part_entry {
        const char *src; /* in the reason pool's stored text (len bytes) */
        size_t len;
        json_t *shown; /* reason_part_shown */
        char *dump;    /* JSON text at depth 4 */
    } * parts;
    size_t n_parts, cap_parts;
    uint32_t *slots; /* open addressing by the hash of the text: index + 1, 0 empty */
    size_t n_slots;  /* a power of two, at least twice n_parts */
};

static void cover_texts_cleanup(struct cover_texts *c)
{
    for (size_t i = 0; i < c->n_names; i++)
        free(c->names[i]);
    free(c->names);
    for (size_t i = 0; i < c->n_parts; i++) {
        json_decref(c->parts[i].shown);
        free(c->parts[i].dump);
    }
    free(c->parts);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

static uint64_t bytes_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The part whose JSON text is src[0, len), parsed and rendered on first use; NULL when the text
 * is not a JSON object. src must outlive c. */
static const struct part_entry *part_get(struct cover_texts *c, const struct jw *w, const char *src,
                                         size_t len, bool hide_cases)
{
    if (2 * (c->n_parts + 1) > c->n_slots) {
        size_t n = c->n_slots ? 2 * c->n_slots : 1024;
        uint32_t *slots = hl_calloc(n, sizeof *slots);
        for (size_t i = 0; i < c->n_parts; i++) {
            size_t k = bytes_hash(c->parts[i].src, c->parts[i].len) & (n - 1);
            while (slots[k])
                k = (k + 1) & (n - 1);
            slots[k] = (uint32_t)i + 1;
        }
        free(c->slots);
        c->slots = slots;
        c->n_slots = n;
    }
    size_t k = bytes_hash(src, len) & (c->n_slots - 1);
    for (; c->slots[k]; k = (k + 1) & (c->n_slots - 1)) {
        const struct part_entry *e = &c->parts[c->slots[k] - 1];
        if (e->len == len && memcmp(e->src, src, len) == 0)
            return e;
    }
    json_t *part = json_loadb(src, len, 0, NULL);
    json_t *shown = reason_part_shown(part, hide_cases);
    json_decref(part);
    char *dump = shown ? jw_text(w, shown, 4) : NULL;
    if (!dump) {
        json_decref(shown);
        return NULL;
    }
    if (c->n_parts == c->cap_parts) {
        c->cap_parts = c->cap_parts ? 2 * c->cap_parts : 256;
        c->parts = hl_realloc(c->parts, c->cap_parts * sizeof *c->parts);
    }
    c->parts[c->n_parts] = (struct part_entry){src, len, shown, dump};
    c->slots[k] = (uint32_t)++c->n_parts;
    return &c->parts[c->n_parts - 1];
}

static size_t skip_space(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        i++;
    return i;
}

/* The end of the JSON object starting at s[i] ('{'), past its closing brace, or 0 when the
 * text ends first (strings and nesting followed; the object is checked when parsed). */
static size_t object_end(const char *s, size_t i)
{
    int depth = 0;
    bool in_string = false;
    for (; s[i]; i++) {
        char ch = s[i];
        if (in_string) {
            if (ch == '\\' && s[i + 1])
                i++;
            else if (ch == '"')
                in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '{' || ch == '[') {
            depth++;
        } else if ((ch == '}' || ch == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return 0;
}

/* Renders the stored reason of e part by part, as reason_localize_item would render it whole:
 * its text and "reason_parts" at depth 3. False (nothing set) when the text is not an array
 * of objects: then it is rendered whole. */
static bool render_by_parts(struct jw *w, struct cover_texts *c, const struct svc_ctx *ctx,
                            struct reason_entry *e)
{
    const char *s = e->stored;
    bool hide_cases = !mediation_manager(ctx);
    if (s[0] != '[')
        return false;
    json_t *shown = json_array();
    struct buf b;
    buf_init(&b, 0);
    char block[512];
    struct jw t = {append_buf, &b, w->flags, 0, false, block, 0, sizeof block};
    jw_raw(&t, "[", 1);
    bool ok = true;
    size_t i = skip_space(s, 1), n = 0;
    while (ok && s[i] != ']') {
        size_t end = s[i] == '{' ? object_end(s, i) : 0;
        const struct part_entry *p = end ? part_get(c, w, s + i, end - i, hide_cases) : NULL;
        if (!p || json_array_append(shown, p->shown) != 0) {
            ok = false;
            break;
        }
        if (n++)
            jw_raw(&t, ",", 1);
        jw_indent(&t, 4, n > 1);
        jw_str(&t, p->dump);
        i = skip_space(s, end);
        if (s[i] == ',') { /* another part must follow */
            i = skip_space(s, i + 1);
            ok = s[i] == '{';
        } else if (s[i] != ']') {
            ok = false;
        }
    }
    ok = ok && s[i] == ']' && s[skip_space(s, i + 1)] == '\0';
    if (ok) {
        if (n)
            jw_indent(&t, 3, false);
        jw_raw(&t, "]", 1);
        jw_flush(&t);
        char *text = reason_render(shown, ctx->who ? ctx->who->reader_lang : "");
        json_t *jt = json_string(text);
        free(text);
        e->text = jt && !t.failed ? jw_text(w, jt, 3) : NULL;
        json_decref(jt);
        ok = e->text != NULL;
    }
    if (ok)
        e->parts = buf_steal(&b);
    buf_cleanup(&b);
    json_decref(shown);
    return ok;
}

/* The name of person id as JSON text, or NULL when it cannot be written. */
static const char *name_text(struct cover_texts *c, const struct jw *w, struct model *m, int64_t id)
{
    if (!c->names) {
        c->n_names = (size_t)m->max_id + 1;
        c->names = hl_calloc(c->n_names, sizeof *c->names);
    }
    size_t k = id > 0 && (size_t)id < c->n_names ? (size_t)id : 0;
    if (!c->names[k] || k == 0) {
        struct person_slots *ps = person(m, id);
        json_t *v = json_string(ps ? ps->p->name : "");
        free(c->names[k]);
        c->names[k] = v ? jw_text(w, v, 0) : NULL;
        json_decref(v);
    }
    return c->names[k];
}

/* v in decimal at out (room for 20 characters); returns the length. */
static size_t int_text(int64_t v, char *out)
{
    char d[24];
    size_t n = 0, k = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do
        d[n++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        out[k++] = '-';
    while (n > 0)
        out[k++] = d[--n];
    return k;
}

static void jw_int(struct jw *w, int64_t v)
{
    char s[24];
    jw_raw(w, s, int_text(v, s));
}

/* The text Jansson writes for the real v (in a buffer of size ≥ 40), or 0 when it cannot: a
 * whole number below 10^15 written with ".0" as %.17g would, else Jansson itself. */
static size_t real_text(double v, size_t flags, char *out, size_t size)
{
    if (v == v && fabs(v) < 1e15 && v == (double)(int64_t)v && !(v == 0 && signbit(v))) {
        size_t n = int_text((int64_t)v, out);
        memcpy(out + n, ".0", 3);
        return n + 2;
    }
    json_t *jc = json_real(v);
    size_t n = jc ? json_dumpb(jc, out, size - 1, flags | JSON_ENCODE_ANY) : 0;
    json_decref(jc);
    if (n == 0 || n >= size)
        return 0;
    out[n] = '\0';
    return n;
}

/* Writes the saved cover run [i, j) at depth 2: the text jw_value(saved_cover_json(…), 2)
 * gives, from the texts in c; false when a text cannot be written. */
static bool jw_cover(struct jw *w, struct cover_texts *c, const struct svc_ctx *ctx,
                     struct model *m, const struct plan_instance *inst, const struct plan *plan,
                     int64_t plan_id, int64_t cover_id, struct reason_entry *e, size_t i, size_t j,
                     double cost)
{
    int64_t sm = m->slot_minutes;
    const struct plan_cover *pc = &plan->covers[i];
    int64_t pid = inst->principals[pc->principal].id, aid = inst->assistants[pc->assistant].id;
    if (!e->rendered && render_by_parts(w, c, ctx, e)) {
        e->rendered = true;
    } else if (!e->rendered) { /* first seen: localized once */
        json_t *o = json_pack("{ss}", "reason", e->stored);
        if (!o)
            return false;
        reason_localize_item(o, ctx->who ? ctx->who->reader_lang : "", !mediation_manager(ctx));
        e->text = jw_text(w, json_object_get(o, "reason"), 3);
        json_t *parts = json_object_get(o, "reason_parts");
        e->parts = parts ? jw_text(w, parts, 3) : NULL;
        json_decref(o);
        if (!e->text || (parts && !e->parts)) {
            free(e->text);
            free(e->parts);
            e->text = e->parts = NULL;
            return false;
        }
        e->rendered = true;
    }
    const char *pname = name_text(c, w, m, pid), *aname = name_text(c, w, m, aid);
    /* a number: the same text at any depth */
    char cost_text[64];
    size_t n_cost = real_text(cost, w->flags, cost_text, sizeof cost_text);
    if (!pname || !aname || n_cost == 0)
        return false;
    char start[21], end[21];
    instant_format(pc->slot * sm * 60, start);
    instant_format((plan->covers[j - 1].slot + 1) * sm * 60, end);
    jw_raw(w, "{", 1);
    jw_member(w, "id", 3, true);
    jw_int(w, cover_id);
    jw_member(w, "version", 3, false);
    jw_raw(w, "1", 1);
    jw_member(w, "plan_id", 3, false);
    jw_int(w, plan_id);
    jw_member(w, "principal_id", 3, false);
    jw_int(w, pid);
    jw_member(w, "principal_name", 3, false);
    jw_str(w, pname);
    jw_member(w, "assistant_id", 3, false);
    jw_int(w, aid);
    jw_member(w, "assistant_name", 3, false);
    jw_str(w, aname);
    jw_member(w, "start_at", 3, false);
    jw_raw(w, "\"", 1);
    jw_str(w, start);
    jw_raw(w, "\"", 1);
    jw_member(w, "end_at", 3, false);
    jw_raw(w, "\"", 1);
    jw_str(w, end);
    jw_raw(w, "\"", 1);
    jw_member(w, "slots", 3, false);
    jw_int(w, (int64_t)(j - i));
    jw_member(w, "cost", 3, false);
    jw_str(w, cost_text);
    jw_member(w, "reason", 3, false);
    jw_str(w, e->text);
    jw_member(w, "status", 3, false);
    jw_raw(w, "\"proposed\"", 10);
    if (e->parts) {
        jw_member(w, "reason_parts", 3, false);
        jw_str(w, e->parts);
    }
    jw_indent(w, 2, false);
    jw_raw(w, "}", 1);
    return true;
}

/* Writes the answer of a saved plan, the same text json_dump_callback(saved_plan_json(…))
 * gives, one cover at a time: the answer of a year of a large organisation is never held in
 * memory as a whole. HL_ERR_IO when the output fails, HL_ERR_INTERNAL when a cover cannot be
 * written (the plan is saved either way). */
static enum hl_err saved_plan_write(const struct svc_ctx *ctx, struct model *m,
                                    const struct plan_instance *inst, const struct plan *plan,
                                    struct saved_plan *saved, size_t flags,
                                    json_dump_callback_t write, void *data, struct hl_error *err)
{
    struct jw *w = hl_malloc(sizeof *w);
    *w = (struct jw){write, data, flags & ~(size_t)JSON_ENCODE_ANY, 0, false, hl_malloc(65536),
                     0,     65536};
    int64_t id = json_integer_value(json_object_get(saved->head, "id"));
    struct cover_texts texts = {0};
    bool first = true, ok = true;
    jw_raw(w, "{", 1);
    const char *key;
    json_t *v;
    json_object_foreach(saved->head, key, v)
    {
        jw_member(w, key, 1, first);
        jw_value(w, v, 1);
        first = false;
    }
    jw_member(w, "covers", 1, first);
    jw_raw(w, "[", 1);
    size_t r = 0;
    for (size_t i = 0; ok && i < plan->n_covers; r++) {
        double cost;
        size_t j = cover_run_end(plan, i, &cost);
        if (i > 0)
            jw_raw(w, ",", 1);
        jw_indent(w, 2, i > 0);
        ok = jw_cover(w, &texts, ctx, m, inst, plan, id, saved->cover_ids[r],
                      &saved->reasons.items[saved->run_reason[r]], i, j, cost);
        i = j;
    }
    if (plan->n_covers)
        jw_indent(w, 1, false);
    jw_raw(w, "]", 1);
    jw_member(w, "open_gaps", 1, false);
    jw_value(w, saved->open, 1);
    jw_indent(w, 0, false);
    jw_raw(w, "}", 1);
    jw_flush(w);
    cover_texts_cleanup(&texts);
    bool failed = w->failed;
    free(w->block);
    free(w);
    if (!ok) {
        fprintf(stderr, "haldus: a cover of plan %lld could not be written as JSON\n",
                (long long)id);
        return hl_fail(err, HL_ERR_INTERNAL, NULL,
                       "plan %lld was saved but could not be written as JSON; see the server "
                       "log",
                       (long long)id);
    }
    if (failed)
        return hl_fail(err, HL_ERR_IO, NULL, "the plan's answer could not be written");
    return HL_OK;
}

/* Whether principal relies on assistant in the window: assigned to them (primary or secondary)
 * or holding an accepted cover of theirs. An absence of the assistant touches exactly these. */
static bool relies_on(const struct model *m, int64_t assistant, int64_t principal)
{
    if (m->also) {
        size_t i;
        json_t *v;
        json_array_foreach(m->also, i, v) if (json_integer_value(v) == principal) return true;
    }
    for (size_t k = 0; k < m->rows.n_assignments; k++)
        if (m->rows.assignments[k].a == assistant && m->rows.assignments[k].b == principal)
            return true;
    for (size_t i = first_of(m->accepted_by_principal, m->n_accepted, principal);
         i < m->n_accepted && m->accepted_by_principal[i].b == principal; i++)
        if (m->accepted_by_principal[i].a == assistant)
            return true;
    return false;
}

/* What approving absence abs does before it plans (release_own): the accepted covers its person
 * holds for others lose their part inside it (a cover reaching past it keeps the rest). A
 * what-if plans on the covers as they will then be, so the preview and the plan made on
 * approval agree. */
static void model_release_own(struct model *m, const struct cov_span *abs)
{
    struct cov_rows *r = &m->rows;
    struct cov_span *kept = hl_malloc((2 * r->n_covers + 1) * sizeof *kept);
    size_t n = 0;
    for (size_t i = 0; i < r->n_covers; i++) {
        struct cov_span c = r->covers[i];
        if (!c.accepted || c.a != abs->a || c.start >= abs->end || c.end <= abs->start) {
            kept[n++] = c;
            continue;
        }
        if (c.start < abs->start) {
            kept[n] = c;
            kept[n++].end = abs->start;
        }
        if (c.end > abs->end) {
            kept[n] = c;
            kept[n++].start = abs->end;
        }
    }
    free(r->covers);
    r->covers = kept;
    r->n_covers = n;
    m->accepted_by_principal = hl_realloc(m->accepted_by_principal, (n + 1) * sizeof *kept);
    m->n_accepted = 0;
    for (size_t i = 0; i < n; i++)
        if (kept[i].accepted)
            m->accepted_by_principal[m->n_accepted++] = kept[i];
    qsort(m->accepted_by_principal, m->n_accepted, sizeof *m->accepted_by_principal, by_principal);
}

/* Where a saved plan's answer goes as text (svc_coverage_plan_write); NULL: as JSON in *out. */
struct plan_sink {
    size_t flags;
    json_dump_callback_t write;
    void *data;
    int64_t plan_id;
};

/* Plans [from_day, to_day]; focus > 0 keeps only the principals that person supports (the
 * ones an absence of theirs leaves without support). *stale when the data changed between
 * reading it and saving the plan (nothing saved). A what-if absence is planned as its approval
 * would be: with its person's own covers inside it released (model_release_own). The answer
 * goes to *out, or to sink. */
static enum hl_err plan_range_once(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                                   const char *engine, int64_t focus, const json_t *also,
                                   const struct cov_span *what_if, bool dry_run,
                                   struct plan_sink *sink, json_t **out, bool *stale,
                                   struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = coverage_check_range(from_day, to_day, err)) != HL_OK)
        return e;
    if (!engine)
        engine = "fast";
    if (strcmp(engine, "fast") != 0 && strcmp(engine, "exact") != 0)
        return hl_fail(err, HL_ERR_INVALID, "engine", "engine must be fast or exact");
    struct model m;
    struct plan_instance inst;
    struct plan plan;
    struct saved_plan saved = {0};
    bool have_inst = false, have_plan = false;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct plan_trace trace = {0};
    trace_mark(&trace, "start");
    if ((e = model_load_with(ctx, from_day, to_day, NULL, NULL, 0, 0, what_if, &m, err)) == HL_OK) {
        if (what_if)
            model_release_own(&m, what_if);
        trace_mark(&trace, "loaded");
        m.also = also;
        if (focus > 0)
            for (size_t i = 0; i < m.rows.n_people; i++) {
                struct person_slots *pr = &m.ps[i];
                pr->in_scope = pr->in_scope && !pr->p->assistant && relies_on(&m, focus, pr->p->id);
            }
        have_inst = true;
        if ((e = build_instance(&m, 0, &inst, err)) == HL_OK) {
            trace_mark(&trace, "built");
            e = run_engine(&inst, &m.w, m.solver, engine, &plan, err);
        }
        if (e == HL_OK) {
            have_plan = true;
            trace_mark(&trace, "engine");
            if (dry_run) { /* a what-if is answered, never saved */
                json_t *cj = cover_runs_json(&m, &inst, &plan),
                       *oj = open_runs_json(&m, &inst, &plan);
                localize(ctx, cj);
                localize(ctx, oj);
                *out = cj && oj ? json_pack("{so so so}", "covers", cj, "open_gaps", oj, "stats",
                                            json_object())
                                : NULL;
                if (!cj || !oj) {
                    json_decref(cj);
                    json_decref(oj);
                }
                if (!*out)
                    e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                                "the plan could not be written as JSON; see the server log");
            } else {
                e = save_plan(ctx, &m, &inst, &plan, engine, &saved, stale, err);
            }
            trace_mark(&trace, "saved");
        }
    }
    if (e == HL_OK) {
        /* Loading, planning and saving, as the caller waited for it. */
        clock_gettime(CLOCK_MONOTONIC, &t1);
        json_t *secs =
            json_real((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        if (dry_run) {
            json_object_set_new(json_object_get(*out, "stats"), "total_seconds", secs);
        } else {
            json_object_set_new(json_object_get(saved.head, "stats"), "total_seconds", secs);
            if (sink) {
                sink->plan_id = json_integer_value(json_object_get(saved.head, "id"));
                e = saved_plan_write(ctx, &m, &inst, &plan, &saved, sink->flags, sink->write,
                                     sink->data, err);
                trace_mark(&trace, "written");
            } else if (!(*out = saved_plan_json(ctx, &m, &inst, &plan, &saved))) {
                e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                            "plan %lld was saved but could not be written as JSON; see the "
                            "server log",
                            (long long)json_integer_value(json_object_get(saved.head, "id")));
            }
        }
    }
    saved_plan_cleanup(&saved);
    if (have_plan)
        plan_cleanup(&plan);
    if (have_inst)
        plan_instance_cleanup(&inst);
    model_cleanup(&m);
    return e;
}

/* plan_range_once, again on fresh data when a write landed while it planned (at most three
 * times; then the conflict is the answer). */
static enum hl_err plan_range(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                              const char *engine, int64_t focus, const json_t *also,
                              const struct cov_span *what_if, bool dry_run, json_t **out,
                              struct hl_error *err)
{
    enum hl_err e = HL_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        bool stale = false;
        e = plan_range_once(ctx, from_day, to_day, engine, focus, also, what_if, dry_run, NULL, out,
                            &stale, err);
        if (!stale)
            break;
    }
    return e;
}

enum hl_err svc_coverage_plan(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                              const char *engine, json_t **out, struct hl_error *err)
{
    return plan_range(ctx, from_day, to_day, engine, 0, NULL, NULL, false, out, err);
}

enum hl_err svc_coverage_plan_write(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                                    const char *engine, size_t flags, json_dump_callback_t write,
                                    void *data, int64_t *plan_id, struct hl_error *err)
{
    struct plan_sink sink = {flags, write, data, 0};
    enum hl_err e = HL_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        bool stale = false;
        e = plan_range_once(ctx, from_day, to_day, engine, 0, NULL, NULL, false, &sink, NULL,
                            &stale, err);
        if (!stale)
            break;
    }
    if (plan_id)
        *plan_id = sink.plan_id;
    return e;
}

/* The accepted covers assistant `who` holds for others overlapping [start, end) (store rows). */
static enum hl_err own_covers(struct svc_ctx *ctx, int64_t who, int64_t start, int64_t end,
                              json_t **out, struct hl_error *err)
{
    json_t *items = NULL;
    *out = NULL;
    enum hl_err e = store_covers_json(ctx->db, 0, who, 0, 0, 0, start, end, &items, err);
    if (e != HL_OK)
        return e;
    *out = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(items, i, c) if (strcmp(json_string_value(json_object_get(c, "status")),
                                               "accepted") == 0) json_array_append(*out, c);
    json_decref(items);
    return HL_OK;
}

/* Approving an absence releases the covers the absent assistant was to take for others during
 * it: the parts inside the absence go (a cover reaching past it keeps the rest), each audited;
 * *out lists them ({cover_id, principal_id, principal_name, start_at, end_at, kept}). */
static enum hl_err release_own(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                               struct hl_error *err)
{
    *out = NULL;
    json_t *abs = NULL, *own = NULL;
    int64_t start = 0, end = 0, who;
    enum hl_err e = store_entity_get(ctx->db, &ent_absence, absence_id, &abs, err);
    if (e != HL_OK)
        return e;
    who = json_integer_value(json_object_get(abs, "person_id"));
    instant_parse(json_string_value(json_object_get(abs, "start_at")), &start);
    instant_parse(json_string_value(json_object_get(abs, "end_at")), &end);
    json_decref(abs);
    if ((e = own_covers(ctx, who, start, end, &own, err)) != HL_OK)
        return e;
    json_t *released = json_array();
    if (json_array_size(own) && (e = db_begin(ctx->db, true, err)) == HL_OK) {
        size_t i;
        json_t *c;
        json_array_foreach(own, i, c)
        {
            if (e != HL_OK)
                break;
            int64_t id = json_integer_value(json_object_get(c, "id")), cs = 0, ce = 0;
            int slots = (int)json_integer_value(json_object_get(c, "slots"));
            instant_parse(json_string_value(json_object_get(c, "start_at")), &cs);
            instant_parse(json_string_value(json_object_get(c, "end_at")), &ce);
            int64_t parts[2][2] = {{cs, start}, {end, ce}};
            json_t *kept = json_array();
            bool changed = false, first = true;
            for (int k = 0; k < 2 && e == HL_OK; k++) {
                if (parts[k][1] <= parts[k][0])
                    continue;
                int n =
                    (int)((double)slots * (double)(parts[k][1] - parts[k][0]) / (double)(ce - cs) +
                          0.5);
                int64_t nid = 0;
                e = store_cover_keep_part(ctx->db, id, parts[k][0], parts[k][1], n > 0 ? n : 1,
                                          first, &changed, &nid, err);
                first = false;
                if (e == HL_OK && changed)
                    json_array_append_new(kept, json_pack("{sI so so}", "cover_id", (json_int_t)nid,
                                                          "start_at", entity_instant(parts[k][0]),
                                                          "end_at", entity_instant(parts[k][1])));
            }
            if (e == HL_OK && first)
                e = store_cover_release(ctx->db, id, &changed, err);
            if (e != HL_OK || !changed) {
                json_decref(kept);
                continue;
            }
            json_t *row = json_pack("{sI sO sO sI so so ss sO}", "cover_id", (json_int_t)id,
                                    "principal_id", json_object_get(c, "principal_id"),
                                    "principal_name", json_object_get(c, "principal_name"),
                                    "assistant_id", (json_int_t)who, "start_at", entity_instant(cs),
                                    "end_at", entity_instant(ce), "was", "accepted", "kept", kept);
            json_t *after =
                json_array_size(kept)
                    ? json_pack("{sO ss}", "kept", kept, "why", "the assistant is away")
                    : json_pack("{ss ss}", "status", "superseded", "why", "the assistant is away");
            json_decref(kept);
            e = svc_audit(ctx, "release", "coverage cover", id, row, after, err);
            json_decref(after);
            if (!add(released, row) && e == HL_OK)
                e = hl_fail(err, HL_ERR_INTERNAL, NULL, "a released cover could not be written");
        }
        if (e == HL_OK)
            e = db_commit(ctx->db, err);
        if (e != HL_OK)
            db_rollback(ctx->db);
    }
    json_decref(own);
    if (e != HL_OK) {
        json_decref(released);
        return e;
    }
    *out = released;
    return HL_OK;
}

enum hl_err svc_coverage_plan_absence(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                      struct hl_error *err)
{
    int64_t from, to, person;
    json_t *released = NULL, *also = NULL;
    enum hl_err e = svc_coverage_absence_days(ctx, absence_id, &from, &to, &person, err);
    if (e == HL_OK)
        e = release_own(ctx, absence_id, &released, err);
    if (e == HL_OK) {
        /* The executives whose covers she held are planned again with her own. */
        also = json_array();
        size_t i;
        json_t *r;
        json_array_foreach(released, i, r)
            json_array_append(also, json_object_get(r, "principal_id"));
        e = plan_range(ctx, from, to, "fast", person, also, NULL, false, out, err);
    }
    if (e == HL_OK && *out)
        json_object_set(*out, "released_own_covers", released);
    json_decref(also);
    json_decref(released);
    return e;
}

/* ---- the impact of an absence, per executive ---- */

/* Appends slot s to runs of consecutive slots ([from, to) pairs in *r). */
static void run_add(struct plan_range **r, size_t *n, size_t *cap, int64_t s)
{
    if (*n && (*r)[*n - 1].to == s) {
        (*r)[*n - 1].to = s + 1;
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *r = hl_realloc(*r, *cap * sizeof **r);
    }
    (*r)[(*n)++] = (struct plan_range){s, s + 1};
}

/* The runs as [{start_at, end_at, slots}]; NULL when one cannot be written. */
static json_t *runs_json(const struct plan_range *r, size_t n, int64_t sm)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        if (!add(arr, json_pack("{so so sI}", "start_at", entity_instant(r[i].from * sm * 60),
                                "end_at", entity_instant(r[i].to * sm * 60), "slots",
                                (json_int_t)(r[i].to - r[i].from)))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* Whether an assignment of assistant to principal is in force on day. */
static bool assigned(const struct model *m, int64_t assistant, int64_t principal, int64_t day)
{
    for (size_t i = first_of(m->asg_by_principal, m->rows.n_assignments, principal);
         i < m->rows.n_assignments && m->asg_by_principal[i].b == principal; i++)
        if (m->asg_by_principal[i].a == assistant && day >= m->asg_by_principal[i].start &&
            day <= m->asg_by_principal[i].end)
            return true;
    return false;
}

/* Whether assistant holds an accepted cover of principal over the whole of slot. */
static bool holds_cover(const struct model *m, int64_t assistant, int64_t principal, int64_t slot)
{
    int64_t t0 = slot * m->slot_minutes * 60, t1 = t0 + m->slot_minutes * 60;
    for (size_t i = first_of(m->accepted_by_principal, m->n_accepted, principal);
         i < m->n_accepted && m->accepted_by_principal[i].b == principal; i++)
        if (m->accepted_by_principal[i].a == assistant && m->accepted_by_principal[i].start <= t0 &&
            m->accepted_by_principal[i].end >= t1)
            return true;
    return false;
}

/* A supporter's kind ("primary", "secondary") in svc_supporters' answer, or "". */
static const char *supporter_kind(const json_t *sup, int64_t assistant)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(sup, "supporters"), i, row)
    {
        if (json_integer_value(json_object_get(row, "assistant_id")) == assistant)
            return json_string_value(json_object_get(row, "kind"));
    }
    return "";
}

/* One executive the absent person supports: which of their working slots on the absence's days
 * the absence leaves without support (caused) and which have none anyway (existing), who else
 * still supports them while the person would have worked, and their designated backups with
 * whether each is away during the absence. NULL when it cannot be written. */
static json_t *impact_principal(struct svc_ctx *ctx, struct model *m, int64_t who,
                                const struct cov_span *abs, const struct plan_range *other,
                                size_t n_other, struct person_slots *pr, struct hl_error *err,
                                enum hl_err *e)
{
    int64_t sm = m->slot_minutes;
    const struct person_slots *me = person(m, who);
    struct plan_range *caused = NULL, *existing = NULL;
    size_t n_caused = 0, n_existing = 0, cap_caused = 0, cap_existing = 0;
    /* Other supporters: slots each is available among the slots the person would have worked. */
    struct {
        int64_t id;
        int64_t slots;
    } *cov = NULL;
    size_t n_cov = 0;
    int64_t touched = 0; /* slots the person would have worked for this executive */
    int64_t abs_from = floor_div(abs->start, sm * 60),
            abs_to = floor_div(abs->end + sm * 60 - 1, sm * 60);
    for (size_t k = 0; k < pr->n_work; k++) {
        const struct slot_run *run = &pr->work[k];
        if (run->day < m->from_day || run->day > m->to_day)
            continue;
        bool mine = assigned(m, who, pr->p->id, run->day);
        for (int64_t s = run->from; s < run->to; s++) {
            if (away(pr, s))
                continue;
            /* Without this absence the person would work s when they work it and no other
             * absence of theirs covers it. */
            bool would = (mine || holds_cover(m, who, pr->p->id, s)) && me && works(me, s) &&
                         !in_ranges(other, n_other, s);
            bool during = would && s >= abs_from && s < abs_to;
            if (during) {
                touched++;
                for (size_t i = first_of(m->asg_by_principal, m->rows.n_assignments, pr->p->id);
                     i < m->rows.n_assignments && m->asg_by_principal[i].b == pr->p->id; i++) {
                    const struct cov_span *a = &m->asg_by_principal[i];
                    struct person_slots *as = person(m, a->a);
                    if (a->a == who || run->day < a->start || run->day > a->end || !as ||
                        !available(as, s))
                        continue;
                    size_t j = 0;
                    while (j < n_cov && cov[j].id != a->a)
                        j++;
                    if (j == n_cov) {
                        cov = hl_realloc(cov, (n_cov + 1) * sizeof *cov);
                        cov[j].id = a->a;
                        cov[j].slots = 0;
                        n_cov++;
                    }
                    cov[j].slots++;
                }
            }
            if (slot_state(m, pr, s, run->day, 0) != SLOT_GAP)
                continue;
            if (during)
                run_add(&caused, &n_caused, &cap_caused, s);
            else
                run_add(&existing, &n_existing, &cap_existing, s);
        }
    }
    json_t *out = NULL, *sup = NULL, *covered_by = json_array(), *backups = json_array();
    char day[11];
    date_format(m->from_day, day);
    bool ok = true;
    if ((*e = svc_supporters(ctx, pr->p->id, day, &sup, err)) != HL_OK)
        goto out;
    for (size_t j = 0; ok && j < n_cov; j++) {
        struct person_slots *as = person(m, cov[j].id);
        ok = add(covered_by,
                 json_pack("{sI ss ss sI sb}", "assistant_id", (json_int_t)cov[j].id, "name",
                           as ? as->p->name : "", "kind", supporter_kind(sup, cov[j].id), "slots",
                           (json_int_t)cov[j].slots, "whole", cov[j].slots == touched));
    }
    size_t i;
    json_t *b;
    json_array_foreach(json_object_get(sup, "designated_backups"), i, b)
    {
        int64_t id = json_integer_value(json_object_get(b, "assistant_id"));
        bool gone = id == who;
        for (size_t k = 0; !gone && k < m->rows.n_absences; k++)
            gone = m->rows.absences[k].a == id && m->rows.absences[k].start < abs->end &&
                   m->rows.absences[k].end > abs->start;
        if (ok)
            ok = add(backups, json_pack("{sI sO sO sb}", "assistant_id", (json_int_t)id, "name",
                                        json_object_get(b, "name"), "rank",
                                        json_object_get(b, "rank"), "away", gone));
    }
    json_t *cj = ok ? runs_json(caused, n_caused, sm) : NULL,
           *ej = ok ? runs_json(existing, n_existing, sm) : NULL;
    if (cj && ej) {
        int64_t nc = 0, ne = 0;
        for (size_t k = 0; k < n_caused; k++)
            nc += caused[k].to - caused[k].from;
        for (size_t k = 0; k < n_existing; k++)
            ne += existing[k].to - existing[k].from;
        out = json_pack("{sI ss ss ss sI so sI so sO sO}", "principal_id", (json_int_t)pr->p->id,
                        "name", pr->p->name, "time_zone", pr->p->tz, "kind",
                        supporter_kind(sup, who), "caused_slots", (json_int_t)nc, "caused_gaps", cj,
                        "existing_slots", (json_int_t)ne, "existing_gaps", ej, "covered_by",
                        covered_by, "designated_backups", backups);
    } else {
        json_decref(cj);
        json_decref(ej);
    }
    if (!out)
        *e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                     "the impact on principal %lld could not be written as JSON",
                     (long long)pr->p->id);
out:
    json_decref(sup);
    json_decref(covered_by);
    json_decref(backups);
    free(cov);
    free(caused);
    free(existing);
    return out;
}

/* The executives the absent person supports on the absence's days (primary or secondary), each
 * as impact_principal describes; an empty array for a person who is not an assistant. abs is
 * the absence as an approved one; already when it is approved in the data. */
static enum hl_err impact_principals(struct svc_ctx *ctx, int64_t from, int64_t to, int64_t who,
                                     const struct cov_span *abs, bool already, json_t **out,
                                     int *slot_minutes, bool *assistant, struct hl_error *err)
{
    struct model m;
    enum hl_err e = model_load_with(ctx, from, to, NULL, NULL, 0, 0, already ? NULL : abs, &m, err);
    if (e != HL_OK) {
        model_cleanup(&m);
        return e;
    }
    int64_t sm = m.slot_minutes;
    *slot_minutes = m.slot_minutes;
    /* The person's other absences, as slots. */
    struct plan_range *other = hl_malloc((m.rows.n_absences + 1) * sizeof *other);
    size_t n_other = 0;
    for (size_t i = 0; i < m.rows.n_absences; i++) {
        const struct cov_span *a = &m.rows.absences[i];
        if (a->a != who || a->id == abs->id)
            continue;
        plan_slots_touching(floor_div(a->start, 60), (a->end + 59) / 60, (int32_t)sm,
                            &other[n_other].from, &other[n_other].to);
        n_other++;
    }
    n_other = merge_ranges(other, n_other);
    json_t *list = json_array();
    struct person_slots *me = person(&m, who);
    *assistant = me && me->p->assistant;
    for (size_t i = 0; me && me->p->assistant && e == HL_OK && i < m.rows.n_people; i++) {
        struct person_slots *pr = &m.ps[i];
        if (pr->p->assistant)
            continue;
        if (!relies_on(&m, who, pr->p->id))
            continue;
        json_t *one = impact_principal(ctx, &m, who, abs, other, n_other, pr, err, &e);
        if (one && !add(list, one))
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the impact could not be written as JSON");
    }
    free(other);
    model_cleanup(&m);
    if (e != HL_OK) {
        json_decref(list);
        return e;
    }
    *out = list;
    return HL_OK;
}

/* The local date of instant t in zone (days since the epoch); UTC when the zone cannot say. */
static int64_t local_day(const char *zone, int64_t t)
{
    int64_t day;
    int minute;
    if (zone && tz_utc_to_local(zone, t, &day, &minute))
        return day;
    return floor_div(t, 86400);
}

/* The approval's notice of the covers the absent assistant holds for others, one per executive:
 * {principal_id, principal_name, cover_ids, from, to (the executive's local dates), message}
 * ("Kadri's 3 covers for Helen Koppel on 2–4 Dec are released and re-planned"). */
static enum hl_err own_summary(struct svc_ctx *ctx, int64_t who, const json_t *own, json_t **out,
                               struct hl_error *err)
{
    json_t *me = NULL;
    *out = json_array();
    enum hl_err e = store_entity_get(ctx->db, &ent_person, who, &me, err);
    const char *name = e == HL_OK ? json_string_value(json_object_get(me, "name")) : NULL;
    size_t i, j;
    json_t *c, *g;
    json_array_foreach(own, i, c)
    {
        if (e != HL_OK)
            break;
        json_t *pid = json_object_get(c, "principal_id"), *grp = NULL;
        json_array_foreach(*out, j, g) if (json_equal(json_object_get(g, "principal_id"), pid))
            grp = g;
        int64_t cs = 0, ce = 0;
        instant_parse(json_string_value(json_object_get(c, "start_at")), &cs);
        instant_parse(json_string_value(json_object_get(c, "end_at")), &ce);
        if (!grp) {
            grp = json_pack("{sO sO s[] sI sI}", "principal_id", pid, "principal_name",
                            json_object_get(c, "principal_name"), "cover_ids", "start",
                            (json_int_t)cs, "end", (json_int_t)ce);
            if (!add(*out, grp)) {
                e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the notice could not be written");
                break;
            }
        }
        json_array_append(json_object_get(grp, "cover_ids"), json_object_get(c, "id"));
        if (cs < json_integer_value(json_object_get(grp, "start")))
            json_object_set_new(grp, "start", json_integer(cs));
        if (ce > json_integer_value(json_object_get(grp, "end")))
            json_object_set_new(grp, "end", json_integer(ce));
    }
    json_array_foreach(*out, j, g)
    {
        if (e != HL_OK)
            break;
        json_t *pr = NULL;
        const char *zone = NULL;
        if (store_entity_get(ctx->db, &ent_principal,
                             json_integer_value(json_object_get(g, "principal_id")), &pr,
                             err) == HL_OK)
            zone = json_string_value(json_object_get(pr, "time_zone"));
        hl_error_clear(err);
        int64_t d0 = local_day(zone, json_integer_value(json_object_get(g, "start"))),
                d1 = local_day(zone, json_integer_value(json_object_get(g, "end")) - 1);
        json_decref(pr);
        char f[11], t[11];
        date_format(d0, f);
        date_format(d1, t);
        size_t n = json_array_size(json_object_get(g, "cover_ids"));
        char *msg =
            own_covers_text(ctx->who ? ctx->who->reader_lang : "", name, n,
                            json_string_value(json_object_get(g, "principal_name")), d0, d1);
        char *clean = utf8_clean(msg);
        free(msg);
        json_object_del(g, "start");
        json_object_del(g, "end");
        json_object_set_new(g, "from", json_string(f));
        json_object_set_new(g, "to", json_string(t));
        json_object_set_new(g, "message", json_string(clean ? clean : ""));
        free(clean);
    }
    json_decref(me);
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}

enum hl_err svc_coverage_impact(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                struct hl_error *err)
{
    json_t *abs = NULL;
    int64_t from, to, who;
    /* A stand-in approver previews the requests they may decide, as a manager would. */
    struct svc_standin standin;
    enum hl_err e = svc_entity_standin(ctx, &ent_absence, absence_id, &standin, &ctx, err);
    if (e == HL_OK)
        e = need_manager(ctx, err);
    if (e != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_absence, absence_id, &abs, err)) != HL_OK ||
        (e = svc_coverage_absence_days(ctx, absence_id, &from, &to, &who, err)) != HL_OK) {
        json_decref(abs);
        return e;
    }
    struct cov_span extra = {0};
    extra.id = absence_id;
    extra.a = who;
    instant_parse(json_string_value(json_object_get(abs, "start_at")), &extra.start);
    instant_parse(json_string_value(json_object_get(abs, "end_at")), &extra.end);
    const char *status = json_string_value(json_object_get(abs, "status"));
    bool already = strcmp(status, "approved") == 0;
    json_t *plan = NULL;
    /* An approved absence is in the data already: its impact is what is planned now. */
    json_t *own = NULL, *also = json_array();
    if (!already)
        e = own_covers(ctx, who, extra.start, extra.end, &own, err);
    /* As on approval, the executives whose covers she holds are planned again with her own. */
    size_t k;
    json_t *c;
    json_array_foreach(own, k, c) json_array_append(also, json_object_get(c, "principal_id"));
    if (e == HL_OK)
        e = plan_range(ctx, from, to, "fast", who, also, already ? NULL : &extra, true, &plan, err);
    json_decref(also);
    json_t *principals = NULL;
    int sm = 0;
    bool assistant = false;
    json_t *own_notice = NULL;
    if (e == HL_OK)
        e = impact_principals(ctx, from, to, who, &extra, already, &principals, &sm, &assistant,
                              err);
    if (e == HL_OK)
        e = own_summary(ctx, who, own, &own_notice, err);
    if (e == HL_OK) {
        char fd[11], td[11];
        date_format(from, fd);
        date_format(to, td);
        *out = json_pack("{sI sI sb ss ss ss si sO sO so}", "absence_id", (json_int_t)absence_id,
                         "person_id", (json_int_t)who, "assistant", assistant, "status", status,
                         "from", fd, "to", td, "slot_minutes", sm, "covers",
                         json_object_get(plan, "covers"), "open_gaps",
                         json_object_get(plan, "open_gaps"), "principals", principals);
        if (!*out || json_object_set_new(*out, "own_covers_released", own_notice) != 0)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the impact could not be written as JSON");
        own_notice = NULL;
    } else
        json_decref(principals);
    json_decref(own_notice);
    json_decref(own);
    json_decref(plan);
    json_decref(abs);
    return e;
}

/* A plan as a record kind of the one update path: accepting is its change. Its concurrency
 * guard is the data stamp (409 when anything it read changed since), not If-Match: a manager
 * accepts what they were shown. */
struct accept_ctx {
    const json_t *cover_ids; /* NULL: all */
    int accepted;
};

static enum hl_err plan_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                             struct hl_error *err)
{
    (void)arg;
    struct cov_plan_row row;
    enum hl_err e = store_plan_get(ctx->db, id, &row, NULL, NULL, NULL, err);
    if (e != HL_OK)
        return e;
    *rec = json_pack("{sI sI ss ss ss ss sI}", "id", (json_int_t)id, "version",
                     (json_int_t)row.version, "from", row.from_date, "to", row.to_date, "engine",
                     row.engine, "status", row.status, "data_stamp", (json_int_t)row.data_stamp);
    return *rec ? HL_OK : hl_fail(err, HL_ERR_INTERNAL, NULL, "the plan could not be read");
}

static enum hl_err plan_check(struct svc_ctx *ctx, const void *arg, const json_t *before,
                              const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)arg, (void)changes, (void)merged;
    int64_t stamp;
    enum hl_err e = store_data_stamp(ctx->db, &stamp, err);
    if (e == HL_OK && stamp != json_integer_value(json_object_get(before, "data_stamp")))
        e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                    "plan %lld was computed on data that has changed since (absences, hours, "
                    "assignments or accepted covers); plan again",
                    (long long)json_integer_value(json_object_get(before, "id")));
    return e;
}

/* Accepting bumps the stamp (other plans must be made again), but what changed is only this
 * plan's own covers: the rest of it stays acceptable. */
static const struct mail_template cover_tpl = {
    "cover.assigned",
    {"You cover for colleagues", "Sa asendad kolleege"},
    {"Hello {name},\n\nyou were assigned to cover (times in your time zone):\n{covers}\n\n"
     "— Haldus",
     "Tere, {name}!\n\nsind määrati asendama (ajad sinu ajavööndis):\n{covers}\n\n"
     "— Haldus"},
};

/* One mail per covering assistant listing the executives and local times of the covers
 * (rows from store_covers_to_accept, grouped by assistant), in the accept's transaction. */
static enum hl_err mail_covers(struct svc_ctx *ctx, const json_t *rows, struct hl_error *err)
{
    enum hl_err e = HL_OK;
    size_t n = json_array_size(rows);
    for (size_t i = 0; i < n && e == HL_OK;) {
        const json_t *r = json_array_get(rows, i);
        int64_t who = json_integer_value(json_object_get(r, "assistant_id"));
        const char *zone = json_string_value(json_object_get(r, "time_zone"));
        struct buf list;
        buf_init(&list, 0);
        for (; i < n; i++) {
            const json_t *c = json_array_get(rows, i);
            if (json_integer_value(json_object_get(c, "assistant_id")) != who)
                break;
            char *when = mail_when(zone, json_integer_value(json_object_get(c, "start_at")),
                                   json_integer_value(json_object_get(c, "end_at")));
            buf_printf(&list, "%s- %s: %s", list.len ? "\n" : "",
                       json_string_value(json_object_get(c, "principal")), when);
            free(when);
        }
        json_t *p = NULL;
        if ((e = store_entity_get(ctx->db, &ent_person, who, &p, err)) == HL_OK) {
            json_t *params =
                json_pack("{ss ss}", "name", json_string_value(json_object_get(p, "name")),
                          "covers", list.data ? list.data : "");
            struct mail_to to = {who, NULL, MAIL_EN};
            e = params ? mail_enqueue(ctx, &cover_tpl, &to, params, NULL, NULL, err)
                       : hl_fail(err, HL_ERR_INTERNAL, NULL, "the cover mail could not be written");
            json_decref(params);
        }
        json_decref(p);
        buf_cleanup(&list);
    }
    return e;
}

static enum hl_err plan_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                             const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)changes, (void)merged;
    struct accept_ctx *c = (struct accept_ctx *)arg;
    int64_t stamp;
    enum hl_err e;
    int handed;
    json_t *to_mail = NULL;
    e = store_covers_to_accept(ctx->db, id, c->cover_ids, &to_mail, err);
    if (e == HL_OK &&
        (e = store_covers_accept(ctx->db, id, c->cover_ids, &c->accepted, err)) == HL_OK)
        e = mail_covers(ctx, to_mail, err);
    json_decref(to_mail);
    if (e != HL_OK ||
        /* The desk: open tasks of the absent assistants go to the covers just accepted. */
        (e = desk_handover_accepted(ctx, id, &handed, err)) != HL_OK ||
        (e = store_data_stamp(ctx->db, &stamp, err)) != HL_OK ||
        (e = store_plan_set_stamp(ctx->db, id, stamp, err)) != HL_OK)
        return e;
    return store_plan_bump(ctx->db, id, version, err);
}

static const struct record_kind plan_kind = {
    .name = "coverage plan", .load = plan_load, .check = plan_check, .save = plan_save};

enum hl_err svc_coverage_accept(struct svc_ctx *ctx, int64_t plan_id, const json_t *cover_ids,
                                json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    if (cover_ids) {
        size_t i;
        json_t *v;
        if (!json_is_array(cover_ids) || json_array_size(cover_ids) == 0)
            return hl_fail(err, HL_ERR_INVALID, "cover_ids",
                           "cover_ids must be a non-empty array of cover ids");
        json_array_foreach(cover_ids, i,
                           v) if (!json_is_integer(v) ||
                                  json_integer_value(v) <
                                      1) return hl_fail(err, HL_ERR_INVALID, "cover_ids",
                                                        "cover_ids[%zu] must be an id", i);
    }
    struct accept_ctx c = {cover_ids, 0};
    json_t *changes = json_object();
    e = svc_record_update(ctx, &plan_kind, &c, plan_id, IF_MATCH_NONE, false, changes, "accept",
                          out, err);
    json_decref(changes);
    if (e == HL_OK) {
        json_object_set_new(*out, "plan_id", json_integer(plan_id));
        json_object_set_new(*out, "accepted", json_integer(c.accepted));
    }
    return e;
}

/* A cover as a record kind of the one update path (svc_record.h): a manager replaces its
 * assistant. The check names the hard rule a choice would break. */
struct replace_ctx {
    struct model m;
    struct plan_instance inst;
    bool have_inst;
    char *reason;               /* "chosen by hand by …", whole */
    const char *assistant_name; /* in m */
};

static enum hl_err cover_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                              struct hl_error *err)
{
    (void)arg;
    struct cov_span c;
    int64_t version, plan_id;
    char status[12];
    enum hl_err e = store_cover_get(ctx->db, id, &c, &version, &plan_id, status, err);
    if (e != HL_OK)
        return e;
    *rec = json_pack("{sI sI so sI sI so so ss}", "id", (json_int_t)id, "version",
                     (json_int_t)version, "plan_id", plan_id ? json_integer(plan_id) : json_null(),
                     "principal_id", (json_int_t)c.b, "assistant_id", (json_int_t)c.a, "start_at",
                     entity_instant(c.start), "end_at", entity_instant(c.end), "status", status);
    return *rec ? HL_OK : hl_fail(err, HL_ERR_INTERNAL, NULL, "the cover could not be read");
}

static enum hl_err cover_check(struct svc_ctx *ctx, const void *arg, const json_t *before,
                               const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)merged;
    struct replace_ctx *r = (struct replace_ctx *)arg;
    int64_t cover_id = json_integer_value(json_object_get(before, "id"));
    int64_t assistant_id = json_integer_value(json_object_get(changes, "assistant_id"));
    if (strcmp(json_string_value(json_object_get(before, "status")), "superseded") == 0)
        return hl_fail(err, HL_ERR_CONFLICT, NULL, "this cover was replaced by a newer plan");
    struct cov_span c = {.id = cover_id,
                         .a = json_integer_value(json_object_get(before, "assistant_id")),
                         .b = json_integer_value(json_object_get(before, "principal_id"))};
    instant_parse(json_string_value(json_object_get(before, "start_at")), &c.start);
    instant_parse(json_string_value(json_object_get(before, "end_at")), &c.end);
    /* The model of the cover's days, with this cover's slots counted as gaps. */
    int64_t d0 = floor_div(c.start, 86400) - 1, d1 = floor_div(c.end, 86400) + 1;
    enum hl_err e = model_load(ctx, d0, d1, NULL, NULL, &r->m, err);
    if (e != HL_OK)
        return e;
    struct person_slots *pr = person(&r->m, c.b), *as = person(&r->m, assistant_id);
    if (!as || !as->p->assistant)
        return hl_fail(err, HL_ERR_INVALID, "assistant_id", "no active assistant with id %lld",
                       (long long)assistant_id);
    for (size_t i = 0; i < r->m.rows.n_people; i++)
        r->m.ps[i].in_scope = &r->m.ps[i] == pr;
    if ((e = build_instance(&r->m, cover_id, &r->inst, err)) != HL_OK)
        return e;
    r->have_inst = true;
    int32_t p = pr ? pr->index : -1, a = as->index;
    int64_t sm = r->m.slot_minutes;
    struct buf rule; /* the broken rule, named; names are of any length */
    buf_init(&rule, 0);
    if (p < 0) {
        buf_puts(&rule, "the principal has no gap left in this cover's hours");
    } else if (!plan_qualified(&r->inst, p, a)) {
        buf_printf(&rule,
                   "%s lacks a must-have skill of %s (or is party to an open case with them)",
                   as->p->name, pr->p->name);
    } else {
        for (int64_t s = floor_div(c.start / 60, sm); s * sm * 60 < c.end && !rule.len; s++) {
            const struct plan_assistant *pa = &r->inst.assistants[a];
            char when[21];
            instant_format(s * sm * 60, when);
            if (!plan_assistant_available(pa, s))
                buf_printf(&rule, "%s does not work or is away at %s", as->p->name, when);
            else if (plan_assistant_load(pa, s) + 1 > pa->capacity)
                buf_printf(&rule, "%s would support more principals at %s than their capacity (%d)",
                           as->p->name, when, pa->capacity);
        }
    }
    if (rule.len) {
        e = fail_text(err, HL_ERR_INVALID, "assistant_id", rule.data);
        buf_cleanup(&rule);
        return e;
    }
    buf_cleanup(&rule);
    /* Whole, however long the manager's login: a cut could split a character. */
    struct buf why;
    buf_init(&why, 0);
    buf_printf(&why, "chosen by hand by %s", ctx->actor ? ctx->actor : "a manager");
    r->reason = utf8_clean(why.data);
    buf_cleanup(&why);
    r->assistant_name = as->p->name;
    return HL_OK;
}

static enum hl_err cover_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                              const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)merged;
    const struct replace_ctx *r = arg;
    return store_cover_set_assistant(ctx->db, id, version,
                                     json_integer_value(json_object_get(changes, "assistant_id")),
                                     r->reason, err);
}

static const struct field cover_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED, 0, 0, NULL, NULL, &ent_assistant, "the new backup"},
};

static const struct record_kind cover_kind = {
    .name = "coverage cover",
    .fields = cover_fields,
    .nfields = 1,
    .load = cover_load,
    .check = cover_check,
    .save = cover_save,
};

enum hl_err svc_coverage_replace(struct svc_ctx *ctx, int64_t cover_id, int64_t if_match,
                                 int64_t assistant_id, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    struct replace_ctx r = {0};
    json_t *changes = json_pack("{sI}", "assistant_id", (json_int_t)assistant_id);
    e = svc_record_update(ctx, &cover_kind, &r, cover_id, if_match, true, changes, "replace", out,
                          err);
    json_decref(changes);
    if (e == HL_OK) {
        json_object_set_new(*out, "assistant_name", json_string(r.assistant_name));
        json_object_set_new(*out, "reason", json_string(r.reason));
        if (!json_object_get(*out, "assistant_name") || !json_object_get(*out, "reason")) {
            json_decref(*out);
            *out = NULL;
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the cover could not be written as JSON");
        }
    }
    free(r.reason);
    if (r.have_inst)
        plan_instance_cleanup(&r.inst);
    model_cleanup(&r.m);
    return e;
}

enum hl_err svc_coverage_covers(struct svc_ctx *ctx, int64_t assistant_id, int64_t from_day,
                                int64_t to_day, int64_t after, int limit, json_t **items,
                                bool *more, struct hl_error *err)
{
    enum hl_err e = coverage_check_range(from_day, to_day, err);
    if (e != HL_OK)
        return e;
    /* Assistants see the covers they take, principals the covers they get. */
    int64_t principal_id = 0;
    if (ctx->who && !role_is_manager(ctx->who->role)) {
        if (assistant_id && assistant_id != ctx->who->person_id)
            return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no assistant with id %lld",
                           (long long)assistant_id);
        if (ctx->who->role == ROLE_ASSISTANT)
            assistant_id = ctx->who->person_id;
        else
            principal_id = ctx->who->person_id;
    }
    e = store_covers_page(ctx->db, assistant_id, principal_id, from_day * 86400 - 14 * 3600,
                          (to_day + 1) * 86400 + 14 * 3600, after, limit, items, more, err);
    if (e == HL_OK)
        localize(ctx, *items);
    return e;
}

double svc_coverage_time_budget(const char *engine)
{
    if (!engine || strcmp(engine, "exact") != 0)
        return 0;
    struct plan_exact_opts o;
    plan_exact_opts_default(&o);
    return o.time_limit;
}

enum hl_err svc_coverage_export_lp(struct svc_ctx *ctx, int64_t from_day, int64_t to_day, FILE *out,
                                   struct hl_error *err)
{
    enum hl_err e = coverage_check_range(from_day, to_day, err);
    if (e != HL_OK)
        return e;
    struct model m;
    struct plan_instance inst;
    if ((e = model_load(ctx, from_day, to_day, NULL, NULL, &m, err)) == HL_OK &&
        (e = build_instance(&m, 0, &inst, err)) == HL_OK) {
        enum plan_rc rc = plan_lp_write(&inst, &m.w, 0, out);
        if (rc != PLAN_OK)
            e = hl_fail(err, HL_ERR_IO, NULL, "could not write the LP file: %s", plan_strerror(rc));
        plan_instance_cleanup(&inst);
    }
    model_cleanup(&m);
    return e;
}

enum hl_err svc_coverage_absence_days(struct svc_ctx *ctx, int64_t absence_id, int64_t *from_day,
                                      int64_t *to_day, int64_t *person, struct hl_error *err)
{
    json_t *abs = NULL, *who = NULL;
    enum hl_err e = store_entity_get(ctx->db, &ent_absence, absence_id, &abs, err);
    if (e == HL_OK)
        e = store_entity_get(ctx->db, &ent_person,
                             json_integer_value(json_object_get(abs, "person_id")), &who, err);
    if (e == HL_OK) {
        int64_t s, t;
        int minute;
        const char *zone = json_string_value(json_object_get(who, "time_zone"));
        *person = json_integer_value(json_object_get(who, "id"));
        instant_parse(json_string_value(json_object_get(abs, "start_at")), &s);
        instant_parse(json_string_value(json_object_get(abs, "end_at")), &t);
        if (!tz_utc_to_local(zone, s, from_day, &minute) ||
            !tz_utc_to_local(zone, t - 1, to_day, &minute))
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the time zone %s is not known here", zone);
        else if (*to_day - *from_day + 1 > COVERAGE_MAX_DAYS)
            *to_day = *from_day + COVERAGE_MAX_DAYS - 1;
    }
    json_decref(abs);
    json_decref(who);
    return e;
}

/* ---- the end-to-end validator ---- */

/* People read by the validator, each once; each on the heap, so a pointer handed out stays
 * valid while the cache grows. */
struct vcache {
    struct cov_vperson **p;
    size_t n, cap;
    struct holiday_set hol; /* the offices' holidays around the plan's covers */
};

static enum hl_err vperson(struct db *db, struct vcache *c, int64_t id,
                           const struct cov_vperson **out, struct hl_error *err)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->p[i]->id == id) {
            *out = c->p[i];
            return HL_OK;
        }
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->p = hl_realloc(c->p, c->cap * sizeof *c->p);
    }
    struct cov_vperson *p = hl_malloc(sizeof *p);
    enum hl_err e = store_verify_person(db, id, p, err);
    if (e != HL_OK) {
        cov_vperson_cleanup(p);
        free(p);
        return e;
    }
    c->p[c->n++] = p;
    *out = p;
    return HL_OK;
}

static int by_utc_start(const void *a, const void *b)
{
    const struct utc_interval *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* The person's working hours around [from, to) as instants, each cut to the whole slots it
 * holds (the model's definition: support is needed, and given, in whole slots), with the local
 * day each comes from, none on their office's holidays; sorted by start. Caller frees. */
static struct utc_interval *v_hours(const struct vcache *vc, const struct cov_vperson *p,
                                    int64_t from, int64_t to, int sm, size_t *n)
{
    *n = 0;
    int64_t d0 = floor_div(from, 86400) - 2, d1 = floor_div(to, 86400) + 2;
    struct tz_days *z = p->tz ? tz_days_new(p->tz, d0, d1) : NULL;
    if (!z)
        return NULL;
    size_t cap = 16;
    struct utc_interval *out = hl_malloc(cap * sizeof *out);
    for (int64_t day = d0; day <= d1; day++) {
        if (p->office && holiday_set_find(&vc->hol, p->office, day))
            continue;
        int wd = weekday_from_days(day);
        for (size_t i = 0; i < p->n_patterns; i++) {
            const struct cov_pattern *w = &p->patterns[i];
            if (w->weekday != wd || day < w->valid_from || day > w->valid_to)
                continue;
            int64_t a = tz_days_to_utc(z, day, w->start_minute),
                    b = tz_days_to_utc(z, day, w->end_minute);
            int64_t step = (int64_t)sm * 60;
            a = floor_div(a + step - 1, step) * step; /* whole slots inside [a, b) */
            b = floor_div(b, step) * step;
            if (b <= a)
                continue;
            if (*n == cap) {
                cap *= 2;
                out = hl_realloc(out, cap * sizeof *out);
            }
            out[(*n)++] = (struct utc_interval){a, b, day, i};
        }
    }
    tz_days_free(z);
    qsort(out, *n, sizeof *out, by_utc_start);
    return out;
}

/* Whether [from, to) lies inside the union of the (sorted) intervals. */
static bool v_inside(const struct utc_interval *iv, size_t n, int64_t from, int64_t to)
{
    int64_t reach = from;
    for (size_t i = 0; i < n && reach < to; i++)
        if (iv[i].start <= reach && iv[i].end > reach)
            reach = iv[i].end;
    return reach >= to;
}

/* The approved absence of p overlapping [from, to) (rounded out to slots), or NULL. */
static const struct cov_span *v_absent(const struct cov_vperson *p, int64_t from, int64_t to,
                                       int sm)
{
    int64_t step = (int64_t)sm * 60;
    for (size_t i = 0; i < p->n_absences; i++) {
        int64_t a = floor_div(p->absences[i].start, step) * step,
                b = floor_div(p->absences[i].end + step - 1, step) * step;
        if (a < to && b > from)
            return &p->absences[i];
    }
    return NULL;
}

struct v_event {
    int64_t t;
    int d;
};

static int by_event(const void *a, const void *b)
{
    const struct v_event *x = a, *y = b;
    if (x->t != y->t)
        return (x->t > y->t) - (x->t < y->t);
    return x->d - y->d; /* ends before starts at the same instant */
}

static void v_add(struct v_event **ev, size_t *n, size_t *cap, int64_t a, int64_t b, int64_t from,
                  int64_t to)
{
    if (a < from)
        a = from;
    if (b > to)
        b = to;
    if (b <= a)
        return;
    if (*n + 2 > *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *ev = hl_realloc(*ev, *cap * sizeof **ev);
    }
    (*ev)[(*n)++] = (struct v_event){a, 1};
    (*ev)[(*n)++] = (struct v_event){b, -1};
}

/* The most principals the assistant supports at once inside [from, to): their own principals
 * where those work and are present (assignments in force on the principal's local day), accepted
 * covers of other plans, and this plan's covers. */
static enum hl_err v_load(struct db *db, struct vcache *vc, int64_t assistant, int64_t plan_id,
                          int64_t from, int64_t to, int sm, int *peak, struct hl_error *err)
{
    struct cov_span *asg = NULL, *busy = NULL;
    size_t n_asg = 0, n_busy = 0, n = 0, cap = 0;
    struct v_event *ev = NULL;
    *peak = 0;
    enum hl_err e = store_verify_assignments(db, assistant, &asg, &n_asg, err);
    for (size_t i = 0; e == HL_OK && i < n_asg; i++) {
        const struct cov_vperson *p;
        if ((e = vperson(db, vc, asg[i].b, &p, err)) != HL_OK)
            break;
        size_t nh;
        struct utc_interval *h = v_hours(vc, p, from, to, sm, &nh);
        for (size_t k = 0; k < nh; k++) {
            if (h[k].day < asg[i].start || h[k].day > asg[i].end)
                continue;
            /* minus the principal's own absences */
            int64_t a = h[k].start, step = (int64_t)sm * 60;
            for (int64_t t = h[k].start; t < h[k].end; t += step) {
                if (v_absent(p, t, t + step, sm)) {
                    v_add(&ev, &n, &cap, a, t, from, to);
                    a = t + step;
                }
            }
            v_add(&ev, &n, &cap, a, h[k].end, from, to);
        }
        free(h);
    }
    if (e == HL_OK)
        e = store_verify_busy(db, assistant, plan_id, from, to, &busy, &n_busy, err);
    for (size_t i = 0; e == HL_OK && i < n_busy; i++)
        v_add(&ev, &n, &cap, busy[i].start, busy[i].end, from, to);
    if (e == HL_OK && n) {
        qsort(ev, n, sizeof *ev, by_event);
        int cur = 0;
        for (size_t i = 0; i < n; i++) {
            cur += ev[i].d;
            if (cur > *peak)
                *peak = cur;
        }
    }
    free(asg);
    free(busy);
    free(ev);
    return e;
}

static bool v_violation(json_t *arr, int64_t cover, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds not_a_gap when an own assistant of the principal (assignment in force on the principal's
 * local day) works a slot of cover c and is present, double_cover when an accepted cover of
 * another plan overlaps it. hp: the principal's hours. */
static enum hl_err v_gap(struct db *db, struct vcache *vc, const struct cov_span *c,
                         int64_t plan_id, const struct utc_interval *hp, size_t np, int sm,
                         json_t *bad, bool *ok, struct hl_error *err)
{
    struct cov_span *own = NULL, *other = NULL;
    size_t n_own = 0, n_other = 0;
    int64_t step = (int64_t)sm * 60;
    enum hl_err e = store_verify_own(db, c->b, &own, &n_own, err);
    for (size_t i = 0; e == HL_OK && *ok && i < n_own; i++) {
        const struct cov_vperson *as;
        if ((e = vperson(db, vc, own[i].a, &as, err)) != HL_OK)
            break;
        size_t nh;
        struct utc_interval *h = v_hours(vc, as, c->start, c->end, sm, &nh);
        for (int64_t t = c->start; *ok && t < c->end; t += step) {
            int64_t day = INT64_MIN;
            for (size_t k = 0; k < np && day == INT64_MIN; k++)
                if (hp[k].start <= t && hp[k].end >= t + step)
                    day = hp[k].day;
            if (day < own[i].start || day > own[i].end)
                continue;
            if (v_inside(h, nh, t, t + step) && !v_absent(as, t, t + step, sm)) {
                char when[21];
                instant_format(t, when);
                *ok = v_violation(bad, c->id, "not_a_gap",
                                  "principal %lld's own assistant %lld works at %s and is "
                                  "present: there is no gap to cover",
                                  (long long)c->b, (long long)own[i].a, when);
            }
        }
        free(h);
    }
    if (e == HL_OK && *ok)
        e = store_verify_others(db, c->b, plan_id, c->start, c->end, &other, &n_other, err);
    if (e == HL_OK && *ok && n_other)
        *ok = v_violation(bad, c->id, "double_cover",
                          "accepted cover %lld already holds principal %lld in this time",
                          (long long)other[0].id, (long long)c->b);
    free(own);
    free(other);
    return e;
}

static bool v_violation(json_t *arr, int64_t cover, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    char *clean = utf8_clean(msg ? msg : rule);
    free(msg);
    bool ok = add(arr, json_pack("{sI ss ss}", "cover_id", (json_int_t)cover, "rule", rule,
                                 "message", clean));
    free(clean);
    return ok;
}

enum hl_err svc_coverage_verify(struct svc_ctx *ctx, int64_t plan_id, json_t **out,
                                struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    struct cov_plan_row row;
    struct cov_span *covers = NULL;
    size_t n_covers = 0;
    struct vcache vc = {0};
    json_t *bad = json_array();
    bool ok = true;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK) {
        json_decref(bad);
        return e;
    }
    if ((e = store_plan_get(ctx->db, plan_id, &row, NULL, NULL, NULL, err)) != HL_OK ||
        (e = store_verify_covers(ctx->db, plan_id, &covers, &n_covers, err)) != HL_OK)
        goto done;
    int sm = row.slot_minutes > 0 ? row.slot_minutes : 60;
    if (n_covers) { /* the holidays of every office around the covers (v_hours reads ±2 days) */
        int64_t lo = covers[0].start, hi = covers[0].end;
        for (size_t i = 1; i < n_covers; i++) {
            lo = covers[i].start < lo ? covers[i].start : lo;
            hi = covers[i].end > hi ? covers[i].end : hi;
        }
        if ((e = holiday_set_load(ctx->db, floor_div(lo, 86400) - 3, floor_div(hi, 86400) + 3, NULL,
                                  &vc.hol, err)) != HL_OK)
            goto done;
    }
    for (size_t i = 0; ok && i < n_covers; i++) {
        const struct cov_span *c = &covers[i];
        const struct cov_vperson *as, *pr;
        if ((e = vperson(ctx->db, &vc, c->a, &as, err)) != HL_OK ||
            (e = vperson(ctx->db, &vc, c->b, &pr, err)) != HL_OK)
            goto done;
        char when[21];
        instant_format(c->start, when);
        if (!as->exists || !as->assistant || !as->active) {
            ok = v_violation(bad, c->id, "not_an_active_assistant",
                             "person %lld is not an active assistant", (long long)c->a);
            continue;
        }
        if (!pr->exists || !pr->principal || !pr->active) {
            ok = v_violation(bad, c->id, "not_an_active_principal",
                             "person %lld is not an active principal", (long long)c->b);
            continue;
        }
        size_t na, np;
        struct utc_interval *ha = v_hours(&vc, as, c->start, c->end, sm, &na);
        struct utc_interval *hp = v_hours(&vc, pr, c->start, c->end, sm, &np);
        if (ok && !v_inside(ha, na, c->start, c->end))
            ok = v_violation(bad, c->id, "assistant_off_duty",
                             "assistant %lld does not work all of the cover from %s",
                             (long long)c->a, when);
        if (ok && v_absent(as, c->start, c->end, sm))
            ok = v_violation(bad, c->id, "assistant_absent",
                             "assistant %lld has an approved absence during the cover from %s",
                             (long long)c->a, when);
        if (ok && !v_inside(hp, np, c->start, c->end))
            ok = v_violation(bad, c->id, "principal_off_duty",
                             "principal %lld does not work all of the cover from %s",
                             (long long)c->b, when);
        if (ok && v_absent(pr, c->start, c->end, sm))
            ok = v_violation(bad, c->id, "principal_absent",
                             "principal %lld is away during the cover from %s", (long long)c->b,
                             when);
        /* A gap: no own assistant works the slot and is present, and no accepted cover of
         * another plan holds it already. */
        if (ok && (e = v_gap(ctx->db, &vc, c, plan_id, hp, np, sm, bad, &ok, err)) != HL_OK) {
            free(ha);
            free(hp);
            goto done;
        }
        free(ha);
        free(hp);
        struct cov_span *sk = NULL;
        size_t nsk = 0;
        if ((e = store_verify_skills(ctx->db, c->b, c->a, &sk, &nsk, err)) != HL_OK)
            goto done;
        for (size_t k = 0; ok && k < nsk; k++)
            if (sk[k].b < sk[k].a)
                ok = v_violation(bad, c->id, "missing_skill",
                                 "assistant %lld has skill %lld at level %lld; principal %lld "
                                 "needs %lld (must-have)",
                                 (long long)c->a, (long long)sk[k].id, (long long)sk[k].b,
                                 (long long)c->b, (long long)sk[k].a);
        free(sk);
        int peak;
        if ((e = v_load(ctx->db, &vc, c->a, plan_id, c->start, c->end, sm, &peak, err)) != HL_OK)
            goto done;
        if (ok && peak > as->capacity)
            ok = v_violation(bad, c->id, "over_capacity",
                             "assistant %lld would support %d principals at once during the "
                             "cover from %s; capacity %d",
                             (long long)c->a, peak, when, as->capacity);
    }
    if (!ok)
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the verification could not be written as JSON");
    else
        *out = json_pack("{sI sI sO}", "plan_id", (json_int_t)plan_id, "covers_checked",
                         (json_int_t)n_covers, "violations", bad);
done:
    db_rollback(ctx->db);
    for (size_t i = 0; i < vc.n; i++) {
        cov_vperson_cleanup(vc.p[i]);
        free(vc.p[i]);
    }
    free(vc.p);
    holiday_set_cleanup(&vc.hol);
    free(covers);
    json_decref(bad);
    return e;
}

/* ---- cancelling an absence releases its covers ---- */

/* The local day of the principal's working run holding slot, or -1 when slot is not worked. */
static int64_t work_day(const struct person_slots *pr, int64_t slot)
{
    for (size_t k = 0; k < pr->n_work; k++)
        if (pr->work[k].from <= slot && slot < pr->work[k].to)
            return pr->work[k].day;
    return -1;
}

/* The parts of cover c still needed, as runs [runs[2k], runs[2k+1]) of *n_runs slot runs
 * (*slots[k] slots each): worked slots, the principal present, that are gaps without it.
 * *whole when every slot of it is still needed (nothing to release). */
static enum hl_err needed_runs(struct model *m, struct person_slots *pr, const struct cov_span *c,
                               int64_t **runs, int **slots, size_t *n_runs, bool *whole,
                               struct hl_error *err)
{
    int64_t sm = m->slot_minutes;
    int64_t first = floor_div(c->start / 60, sm), n = 0;
    for (int64_t s = first; s * sm * 60 < c->end; s++)
        n++;
    *runs = NULL;
    *slots = NULL;
    *n_runs = 0;
    *whole = true;
    if (n == 0)
        return HL_OK;
    *runs = calloc((size_t)n * 2, sizeof **runs);
    *slots = calloc((size_t)n, sizeof **slots);
    if (!*runs || !*slots) {
        free(*runs);
        free(*slots);
        *runs = NULL;
        *slots = NULL;
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "out of memory");
    }
    bool open = false;
    for (int64_t s = first; s < first + n; s++) {
        int64_t day = work_day(pr, s);
        bool need = day >= 0 && !away(pr, s) && slot_state(m, pr, s, day, c->id) == SLOT_GAP;
        int64_t from = s * sm * 60 > c->start ? s * sm * 60 : c->start;
        int64_t to = (s + 1) * sm * 60 < c->end ? (s + 1) * sm * 60 : c->end;
        if (!need) {
            *whole = false;
            open = false;
            continue;
        }
        if (!open) {
            (*runs)[2 * *n_runs] = from;
            (*n_runs)++;
            open = true;
        }
        (*runs)[2 * *n_runs - 1] = to;
        (*slots)[*n_runs - 1]++;
    }
    return HL_OK;
}

enum hl_err svc_coverage_release(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                 struct hl_error *err)
{
    *out = NULL;
    json_t *abs = NULL, *who_rec = NULL;
    int64_t from, to, who, start = 0, end = 0;
    enum hl_err e = svc_coverage_absence_days(ctx, absence_id, &from, &to, &who, err);
    if (e != HL_OK)
        return e;
    if ((e = store_entity_get(ctx->db, &ent_absence, absence_id, &abs, err)) != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_person, who, &who_rec, err)) != HL_OK)
        goto done;
    instant_parse(json_string_value(json_object_get(abs, "start_at")), &start);
    instant_parse(json_string_value(json_object_get(abs, "end_at")), &end);
    struct model m;
    if ((e = model_load(ctx, from, to, NULL, NULL, &m, err)) != HL_OK) {
        model_cleanup(&m);
        goto done;
    }
    json_t *released = json_array(), *told = json_array();
    if ((e = db_begin(ctx->db, true, err)) != HL_OK) {
        json_decref(released);
        json_decref(told);
        model_cleanup(&m);
        goto done;
    }
    for (size_t i = 0; e == HL_OK && i < m.rows.n_covers; i++) {
        const struct cov_span *c = &m.rows.covers[i];
        struct person_slots *pr = person(&m, c->b);
        if (!pr || pr->p->assistant || c->start >= end || c->end <= start)
            continue;
        bool supports = false;
        for (size_t k = 0; k < m.rows.n_assignments && !supports; k++)
            supports = m.rows.assignments[k].a == who && m.rows.assignments[k].b == c->b;
        if (!supports)
            continue;
        int64_t *runs = NULL;
        int *slots = NULL;
        size_t n_runs = 0;
        bool whole = true, changed = false;
        if ((e = needed_runs(&m, pr, c, &runs, &slots, &n_runs, &whole, err)) != HL_OK)
            break;
        /* A cover only partly no longer needed is split: the runs still needed stay (the row
         * itself keeps the first), only the rest is released. */
        json_t *kept = json_array();
        if (whole) {
            /* every slot still needed: nothing to release */
        } else if (n_runs == 0) {
            e = store_cover_release(ctx->db, c->id, &changed, err);
        } else {
            for (size_t r = 0; e == HL_OK && r < n_runs && (r == 0 || changed); r++) {
                int64_t nid = 0;
                e = store_cover_keep_part(ctx->db, c->id, runs[2 * r], runs[2 * r + 1], slots[r],
                                          r == 0, &changed, &nid, err);
                if (e == HL_OK && changed &&
                    !add(kept, json_pack("{sI so so}", "cover_id", (json_int_t)nid, "start_at",
                                         entity_instant(runs[2 * r]), "end_at",
                                         entity_instant(runs[2 * r + 1]))))
                    e = hl_fail(err, HL_ERR_INTERNAL, NULL, "a kept part could not be written");
            }
        }
        free(runs);
        free(slots);
        if (e != HL_OK || whole || !changed) {
            json_decref(kept);
            continue;
        }
        json_t *row =
            json_pack("{sI sI sI so so ss so}", "cover_id", (json_int_t)c->id, "principal_id",
                      (json_int_t)c->b, "assistant_id", (json_int_t)c->a, "start_at",
                      entity_instant(c->start), "end_at", entity_instant(c->end), "was",
                      c->accepted ? "accepted" : "proposed", "kept", json_incref(kept));
        json_t *after = json_array_size(kept) ? json_pack("{so}", "kept", kept)
                                              : json_pack("{ss}", "status", "superseded");
        if (!json_array_size(kept))
            json_decref(kept);
        e = svc_audit(ctx, "release", "coverage cover", c->id, row, after, err);
        json_decref(after);
        if (!add(released, row) && e == HL_OK)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "a released cover could not be written");
    }
    /* The executives are told, each once: a notification row in the audit log (their timeline)
     * until the mail outbox sends it by e-mail. */
    for (size_t i = 0; e == HL_OK && i < m.rows.n_people; i++) {
        struct person_slots *pr = &m.ps[i];
        bool supports = false;
        for (size_t k = 0; !pr->p->assistant && k < m.rows.n_assignments && !supports; k++)
            supports = m.rows.assignments[k].a == who && m.rows.assignments[k].b == pr->p->id;
        if (!supports)
            continue;
        json_t *ids = json_array();
        size_t k;
        json_t *r;
        json_array_foreach(
            released, k, r) if (json_integer_value(json_object_get(r, "principal_id")) == pr->p->id)
            json_array_append(ids, json_object_get(r, "cover_id"));
        json_t *note = json_pack(
            "{ss sI sI ss so so so}", "message",
            "the absence of your assistant was cancelled: they are back, and the covers planned "
            "for those days are released",
            "absence_id", (json_int_t)absence_id, "assistant_id", (json_int_t)who, "assistant_name",
            json_string_value(json_object_get(who_rec, "name")), "start_at", entity_instant(start),
            "end_at", entity_instant(end), "released_cover_ids", ids);
        if (!note)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the notice could not be written");
        else
            e = svc_audit(ctx, "notify", "principal", pr->p->id, NULL, note, err);
        json_decref(note);
        if (e == HL_OK && !add(told, json_integer(pr->p->id)))
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the notice could not be written");
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK) {
        db_rollback(ctx->db);
        json_decref(released);
        json_decref(told);
    } else {
        *out = json_pack("{so so}", "released_covers", released, "notified_principal_ids", told);
        if (!*out)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the release could not be written as JSON");
    }
    model_cleanup(&m);
done:
    json_decref(abs);
    json_decref(who_rec);
    return e;
}

/* ---- "pick another assistant": the ranked list for one cover ---- */

/* The first must-have level of principal p that assistant a lacks, as a reason part
 * {"code": "pick", "why": "skill", skill, have, level}; "conflict" when none is lacking. */
static void missing_skill(const struct plan_instance *inst, int32_t p, int32_t a, json_t *part)
{
    const struct plan_principal *pr = &inst->principals[p];
    const struct plan_assistant *as = &inst->assistants[a];
    for (size_t k = 0; k < pr->n_must; k++) {
        int32_t have = 0;
        for (size_t j = 0; j < as->n_skills; j++)
            if (as->skills[j].skill == pr->must[k].skill)
                have = as->skills[j].level;
        if (have >= pr->must[k].level)
            continue;
        const char *name = "";
        for (size_t j = 0; j < inst->n_skill_names; j++)
            if (inst->skill_names[j].skill == pr->must[k].skill)
                name = inst->skill_names[j].name;
        char *clean = utf8_clean(name);
        json_object_set_new(part, "why", json_string("skill"));
        json_object_set_new(part, "skill", json_string(clean ? clean : ""));
        json_object_set_new(part, "have", json_integer(have));
        json_object_set_new(part, "level", json_integer(pr->must[k].level));
        free(clean);
        return;
    }
    json_object_set_new(part, "why", json_string("conflict"));
}

/* The local time of instant t in zone as parts of a reason (weekday 1–7, day, month, minute);
 * "utc" when the zone cannot say. */
static void local_when_part(const char *zone, int64_t t, json_t *part)
{
    int64_t day;
    int minute, y, m, d;
    if (!tz_utc_to_local(zone, t, &day, &minute)) {
        json_object_set_new(part, "utc", entity_instant(t));
        return;
    }
    civil_from_days(day, &y, &m, &d);
    json_object_set_new(part, "weekday", json_integer(weekday_from_days(day)));
    json_object_set_new(part, "day", json_integer(d));
    json_object_set_new(part, "month", json_integer(m));
    json_object_set_new(part, "minute", json_integer(minute));
}

enum pick_why { PICK_OK, PICK_AWAY, PICK_OFF, PICK_FULL, PICK_SKILL };

struct pick {
    int32_t a;
    double cost;
    struct plan_cover_cost terms;
    double fairness;
    enum pick_why why; /* PICK_OK: available */
    int64_t slot;      /* the first slot that rules them out */
    int32_t load;      /* PICK_FULL: executives already supported then */
    int order;         /* unavailable: 0 qualified but busy, 1 not qualified */
};

static int by_cost(const void *x, const void *y)
{
    const struct pick *a = x, *b = y;
    if ((a->why == PICK_OK) != (b->why == PICK_OK))
        return a->why == PICK_OK ? -1 : 1;
    if (a->why != PICK_OK && a->order != b->order)
        return a->order - b->order;
    if (a->why == PICK_OK && a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return a->a - b->a;
}

/* Supported principal-hours of the assistant over slots [from, to): the load of the instance
 * (own executives at work, accepted covers). */
static double load_hours(const struct plan_assistant *pa, int64_t from, int64_t to, int64_t sm)
{
    double h = 0;
    for (size_t i = 0; i < pa->n_load; i++) {
        int64_t a = pa->load[i].from > from ? pa->load[i].from : from;
        int64_t b = pa->load[i].to < to ? pa->load[i].to : to;
        if (b > a)
            h += (double)(b - a) * pa->load[i].count * (double)sm / 60.0;
    }
    return h;
}

/* The pick list of cover c from a model and its finished instance in which the principal has
 * gaps (index p): the slots to fill are those of the cover the principal works and is present
 * in. */
static enum hl_err pick_list(struct model *m, const struct plan_instance *inst, int32_t p,
                             const struct cov_span *c, const char *zone, int64_t monday, int limit,
                             const char *lang, json_t **out, struct hl_error *err)
{
    enum hl_err e = HL_OK;
    struct person_slots *pr = person(m, c->b);
    const struct plan_principal *pp = &inst->principals[p];
    int64_t sm = m->slot_minutes, s0 = floor_div(c->start / 60, sm),
            s1 = floor_div(c->end / 60 + sm - 1, sm);
    int64_t *slots = hl_malloc((size_t)(s1 - s0 + 1) * sizeof *slots), n_slots = 0;
    for (int64_t s = s0; s < s1; s++)
        if (works(pr, s) && !away(pr, s))
            slots[n_slots++] = s;
    int64_t wf = 0, wt = 0;
    tz_local_to_utc(zone, monday, 0, &wf);
    tz_local_to_utc(zone, monday + 7, 0, &wt);
    int64_t week_from = floor_div(wf / 60, sm), week_to = floor_div(wt / 60, sm);
    /* Fairness as the planner weighs it: cover slots above the pool's mean. */
    double *covers = hl_calloc(inst->n_assistants + 1, sizeof *covers), mean = 0;
    for (size_t i = 0; i < m->rows.n_covers; i++) {
        const struct cov_span *cv = &m->rows.covers[i];
        struct person_slots *as = person(m, cv->a);
        if (cv->accepted && cv->id != c->id && as && as->index >= 0)
            covers[as->index] += (double)(cv->end - cv->start) / 60.0 / (double)sm;
    }
    for (size_t a = 0; a < inst->n_assistants; a++)
        mean += covers[a];
    mean = inst->n_assistants ? mean / (double)inst->n_assistants : 0;
    struct pick *picks = hl_calloc(inst->n_assistants + 1, sizeof *picks);
    size_t n_ok = 0, n_away = 0;
    for (size_t ai = 0; ai < inst->n_assistants; ai++) {
        int32_t a = (int32_t)ai;
        const struct plan_assistant *pa = &inst->assistants[a];
        struct pick *pk = &picks[ai];
        pk->a = a;
        if (!plan_qualified(inst, p, a)) {
            pk->why = PICK_SKILL;
            pk->order = 1;
        } else {
            /* The current backup's own cover is in their load: it does not count against them. */
            int32_t self = pa->id == c->a && c->accepted ? 1 : 0;
            for (int64_t k = 0; k < n_slots && pk->why == PICK_OK; k++) {
                int64_t s = slots[k];
                if (!plan_assistant_available(pa, s)) {
                    pk->why = in_ranges(pa->absent, pa->n_absent, s) ? PICK_AWAY : PICK_OFF;
                    pk->slot = s;
                } else if (plan_assistant_load(pa, s) - self + 1 > pa->capacity) {
                    pk->why = PICK_FULL;
                    pk->slot = s;
                    pk->load = plan_assistant_load(pa, s) - self;
                }
            }
        }
        if (pk->why != PICK_OK) {
            n_away++;
        } else {
            plan_pair_cost(inst, &m->w, p, a, &pk->terms);
            double x = covers[a] - mean;
            pk->fairness = plan_fair_cost(&m->w, x + (double)n_slots) - plan_fair_cost(&m->w, x);
            pk->cost =
                (double)(pk->terms.nice + pk->terms.designation + pk->terms.office + pk->terms.tz) *
                    (double)n_slots +
                pk->fairness;
            n_ok++;
        }
    }
    free(covers);
    free(slots);
    qsort(picks, inst->n_assistants, sizeof *picks, by_cost);
    json_t *cands = json_array(), *away_list = json_array();
    size_t shown_ok = 0, shown_away = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < inst->n_assistants; i++) {
        const struct pick *pk = &picks[i];
        const struct plan_assistant *pa = &inst->assistants[pk->a];
        struct person_slots *as = person(m, pa->id);
        int rank = 0;
        for (size_t k = 0; k < pp->n_backups; k++)
            if (pp->backups[k] == pk->a)
                rank = (int)k + 1;
        if (pk->why == PICK_OK && (int)shown_ok < limit) {
            shown_ok++;
            ok = add(cands,
                     json_pack("{sI ss sf s{sI sI sI sI sf} si si sf sb}", "assistant_id",
                               (json_int_t)pa->id, "name", as ? as->p->name : "", "cost", pk->cost,
                               "cost_terms", "nice", (json_int_t)pk->terms.nice, "designation",
                               (json_int_t)pk->terms.designation, "office",
                               (json_int_t)pk->terms.office, "tz", (json_int_t)pk->terms.tz,
                               "fairness", pk->fairness, "designated_rank", rank, "capacity",
                               pa->capacity, "week_load_hours",
                               load_hours(pa, week_from, week_to, sm), "current", pa->id == c->a));
        } else if (pk->why != PICK_OK && (int)shown_away < limit) {
            /* The reason as parts (the time in the executive's zone, only for those shown),
             * in the reader's language. */
            static const char *const what[] = {"", "away", "off_duty", "at_capacity", "skill"};
            json_t *part = json_pack("{ss}", "code", "pick");
            if (pk->why == PICK_SKILL) {
                missing_skill(inst, p, pk->a, part);
            } else {
                json_object_set_new(part, "why", json_string(what[pk->why]));
                local_when_part(zone, pk->slot * sm * 60, part);
                if (pk->why == PICK_FULL) {
                    json_object_set_new(part, "load", json_integer(pk->load));
                    json_object_set_new(part, "capacity", json_integer(pa->capacity));
                }
            }
            json_t *parts = json_pack("[o]", part);
            char *stored = parts ? json_dumps(parts, JSON_COMPACT) : NULL;
            char *reason = stored ? reason_text(stored, lang, false) : NULL;
            free(stored);
            shown_away++;
            ok = reason &&
                 add(away_list,
                     json_pack("{sI ss ss ss so so sb sb}", "assistant_id", (json_int_t)pa->id,
                               "name", as ? as->p->name : "", "why", what[pk->why], "reason",
                               reason, "reason_parts", json_incref(parts), "at",
                               pk->why == PICK_SKILL ? json_null()
                                                     : entity_instant(pk->slot * sm * 60),
                               "qualified", pk->order == 0, "current", pa->id == c->a));
            json_decref(parts);
            free(reason);
        }
    }
    free(picks);
    char wk[11];
    date_format(monday, wk);
    *out =
        ok ? json_pack("{sI sI ss ss so so sI sI ss sI so sI so}", "cover_id", (json_int_t)c->id,
                       "principal_id", (json_int_t)c->b, "principal_name", pr->p->name, "time_zone",
                       zone, "start_at", entity_instant(c->start), "end_at", entity_instant(c->end),
                       "slots", (json_int_t)n_slots, "current_assistant_id", (json_int_t)c->a,
                       "week_of", wk, "available_count", (json_int_t)n_ok, "candidates", cands,
                       "unavailable_count", (json_int_t)n_away, "unavailable", away_list)
           : NULL;
    if (!*out) {
        if (!ok) {
            json_decref(cands);
            json_decref(away_list);
        }
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the pick list could not be written as JSON");
    }
    return e;
}

/* The model and planning instance of one week (every principal in scope), kept while the data
 * stamp it was read at is current: a manager opens one picker after another on the same board,
 * and loading 8,000 people's hours is most of a pick list's cost. One at a time. */
static struct {
    bool valid;
    int64_t monday, to_day;
    struct model m;
    struct plan_instance inst;
} week_cache;
static pthread_mutex_t week_cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Makes week_cache hold [monday, to_day] at the current data stamp (lock held). */
static enum hl_err week_cache_fill(struct svc_ctx *ctx, int64_t monday, int64_t to_day,
                                   struct hl_error *err)
{
    int64_t stamp;
    enum hl_err e = store_data_stamp(ctx->db, &stamp, err);
    if (e != HL_OK)
        return e;
    if (week_cache.valid && week_cache.m.stamp == stamp && week_cache.monday == monday &&
        week_cache.to_day == to_day)
        return HL_OK;
    if (week_cache.valid) {
        plan_instance_cleanup(&week_cache.inst);
        model_cleanup(&week_cache.m);
        week_cache.valid = false;
    }
    /* Every principal in scope whoever asks: the pick list is for managers only. */
    struct svc_ctx all = {ctx->db, ctx->actor, NULL};
    if ((e = model_load(&all, monday, to_day, NULL, NULL, &week_cache.m, err)) != HL_OK) {
        model_cleanup(&week_cache.m);
        return e;
    }
    if ((e = build_instance(&week_cache.m, 0, &week_cache.inst, err)) != HL_OK) {
        model_cleanup(&week_cache.m);
        return e;
    }
    week_cache.monday = monday;
    week_cache.to_day = to_day;
    week_cache.valid = true;
    return HL_OK;
}

enum hl_err svc_coverage_candidates(struct svc_ctx *ctx, int64_t cover_id, int limit, json_t **out,
                                    struct hl_error *err)
{
    *out = NULL;
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    const char *lang = ctx->who ? ctx->who->reader_lang : "";
    struct cov_span c;
    int64_t version, plan_id;
    char status[12];
    if ((e = store_cover_get(ctx->db, cover_id, &c, &version, &plan_id, status, err)) != HL_OK)
        return e;
    if (strcmp(status, "superseded") == 0)
        return hl_fail(err, HL_ERR_CONFLICT, NULL, "this cover was replaced by a newer plan");
    json_t *prec = NULL;
    if ((e = store_entity_get(ctx->db, &ent_person, c.b, &prec, err)) != HL_OK)
        return e;
    char *zone = hl_strdup(json_string_value(json_object_get(prec, "time_zone")));
    json_decref(prec);
    int64_t day0, last_day;
    int minute;
    if (!tz_utc_to_local(zone, c.start, &day0, &minute) ||
        !tz_utc_to_local(zone, c.end - 1, &last_day, &minute)) {
        free(zone);
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the time zone is not known here");
    }
    /* The executive's local week of the cover: the load shown is that week's. */
    int64_t monday = day0 - (weekday_from_days(day0) - 1);
    int64_t to_day = last_day > monday + 6 ? last_day : monday + 6;
    pthread_mutex_lock(&week_cache_lock);
    e = week_cache_fill(ctx, monday, to_day, err);
    struct person_slots *pr = e == HL_OK ? person(&week_cache.m, c.b) : NULL;
    if (e == HL_OK && pr && pr->index >= 0)
        e = pick_list(&week_cache.m, &week_cache.inst, pr->index, &c, zone, monday, limit, lang,
                      out, err);
    pthread_mutex_unlock(&week_cache_lock);
    if (e != HL_OK || *out) {
        free(zone);
        return e;
    }
    /* The executive has no gap in the week but this cover's (an accepted one): the week
     * again, with this cover's slots counted as gaps. */
    struct model m;
    struct plan_instance inst;
    if ((e = model_load(ctx, monday, to_day, NULL, NULL, &m, err)) == HL_OK) {
        struct person_slots *p2 = person(&m, c.b);
        for (size_t i = 0; i < m.rows.n_people; i++)
            m.ps[i].in_scope = &m.ps[i] == p2;
        if ((e = build_instance(&m, cover_id, &inst, err)) == HL_OK) {
            if (p2 && p2->index >= 0)
                e = pick_list(&m, &inst, p2->index, &c, zone, monday, limit, lang, out, err);
            else
                e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                            "the executive has no gap left in this cover's hours; nobody is "
                            "needed");
            plan_instance_cleanup(&inst);
        }
    }
    model_cleanup(&m);
    free(zone);
    return e;
}
