/* plan.c: the coverage planner's shared parts: instance building, weights, pair costs, plans
 * and the reasons attached to covers and open gaps. */
#include "plan.h"
#include "plan_mip.h"
#include "mem.h"
#include "buf.h"
#include "jsonw.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define GROW(ptr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? 2 * (cap) : 8;                                                         \
            (ptr) = hl_realloc((ptr), (cap) * sizeof *(ptr));                                      \
        }                                                                                          \
    } while (0)

const char *plan_strerror(enum plan_rc rc)
{
    switch (rc) {
    case PLAN_OK:
        return "ok";
    case PLAN_EINVAL:
        return "the planning instance is inconsistent";
    case PLAN_ETOOBIG:
        return "the instance is too large for this engine";
    case PLAN_ESOLVER:
        return "the MIP solver failed";
    case PLAN_EIO:
        return "the LP file could not be written";
    }
    return "unknown planner error";
}

/* ---- building ---- */

void plan_instance_init(struct plan_instance *inst, int32_t slot_minutes)
{
    memset(inst, 0, sizeof *inst);
    inst->slot_minutes = slot_minutes;
}

void plan_instance_cleanup(struct plan_instance *inst)
{
    if (!inst)
        return;
    for (size_t i = 0; i < inst->n_assistants; i++) {
        struct plan_assistant *a = &inst->assistants[i];
        free(a->skills);
        free(a->avail);
        free(a->load);
        free(a->work);
        free(a->absent);
    }
    for (size_t i = 0; i < inst->n_principals; i++) {
        struct plan_principal *p = &inst->principals[i];
        free(p->must);
        free(p->nice);
        free(p->backups);
        free(p->conflicts);
        free(p->gaps);
        free(p->gap_absent);
        free(p->for_absent_);
    }
    for (size_t i = 0; i < inst->n_skill_names; i++)
        free(inst->skill_names[i].name);
    free(inst->assistants);
    free(inst->principals);
    free(inst->skill_names);
    memset(inst, 0, sizeof *inst);
}

int32_t plan_add_assistant(struct plan_instance *inst, int64_t id, int32_t capacity, int64_t office,
                           int64_t tz)
{
    GROW(inst->assistants, inst->n_assistants, inst->cap_assistants_);
    struct plan_assistant *a = &inst->assistants[inst->n_assistants];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->capacity = capacity;
    a->office = office;
    a->tz = tz;
    inst->finished = false;
    return (int32_t)inst->n_assistants++;
}

void plan_assistant_add_skill(struct plan_instance *inst, int32_t ai, int64_t skill, int32_t level)
{
    struct plan_assistant *a = &inst->assistants[ai];
    GROW(a->skills, a->n_skills, a->cap_skills_);
    a->skills[a->n_skills++] = (struct plan_skill_level){skill, level};
    inst->finished = false;
}

void plan_assistant_add_work(struct plan_instance *inst, int32_t ai, int64_t from, int64_t to)
{
    struct plan_assistant *a = &inst->assistants[ai];
    if (to <= from)
        return;
    GROW(a->work, a->n_work, a->cap_work_);
    a->work[a->n_work++] = (struct plan_range){from, to};
    inst->finished = false;
}

void plan_assistant_add_absence(struct plan_instance *inst, int32_t ai, int64_t from, int64_t to)
{
    struct plan_assistant *a = &inst->assistants[ai];
    if (to <= from)
        return;
    GROW(a->absent, a->n_absent, a->cap_absent_);
    a->absent[a->n_absent++] = (struct plan_range){from, to};
    inst->finished = false;
}

void plan_assistant_add_load(struct plan_instance *inst, int32_t ai, int64_t from, int64_t to,
                             int32_t count)
{
    struct plan_assistant *a = &inst->assistants[ai];
    if (to <= from || count == 0)
        return;
    GROW(a->load, a->n_load, a->cap_load_);
    a->load[a->n_load++] = (struct plan_load){from, to, count};
    inst->finished = false;
}

int32_t plan_add_principal(struct plan_instance *inst, int64_t id, int32_t priority, int64_t office,
                           int64_t tz)
{
    GROW(inst->principals, inst->n_principals, inst->cap_principals_);
    struct plan_principal *p = &inst->principals[inst->n_principals];
    memset(p, 0, sizeof *p);
    p->id = id;
    p->priority = priority;
    p->office = office;
    p->tz = tz;
    inst->finished = false;
    return (int32_t)inst->n_principals++;
}

void plan_principal_add_must(struct plan_instance *inst, int32_t pi, int64_t skill, int32_t level)
{
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->must, p->n_must, p->cap_must_);
    p->must[p->n_must++] = (struct plan_skill_level){skill, level};
    inst->finished = false;
}

void plan_principal_add_nice(struct plan_instance *inst, int32_t pi, int64_t skill, int32_t level)
{
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->nice, p->n_nice, p->cap_nice_);
    p->nice[p->n_nice++] = (struct plan_skill_level){skill, level};
    inst->finished = false;
}

void plan_principal_add_backup(struct plan_instance *inst, int32_t pi, int32_t assistant)
{
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->backups, p->n_backups, p->cap_backups_);
    p->backups[p->n_backups++] = assistant;
    inst->finished = false;
}

void plan_principal_add_conflict(struct plan_instance *inst, int32_t pi, int32_t assistant)
{
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->conflicts, p->n_conflicts, p->cap_conflicts_);
    p->conflicts[p->n_conflicts++] = assistant;
    inst->finished = false;
}

void plan_principal_add_gap(struct plan_instance *inst, int32_t pi, int64_t slot)
{
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->gaps, p->n_gaps, p->cap_gaps_);
    p->gaps[p->n_gaps++] = slot;
    inst->finished = false;
}

void plan_principal_add_gaps(struct plan_instance *inst, int32_t pi, int64_t from, int64_t to)
{
    for (int64_t s = from; s < to; s++)
        plan_principal_add_gap(inst, pi, s);
}

void plan_principal_add_gaps_for(struct plan_instance *inst, int32_t pi, int64_t from, int64_t to,
                                 int32_t absent)
{
    plan_principal_add_gaps(inst, pi, from, to);
    if (absent < 0 || from >= to)
        return;
    struct plan_principal *p = &inst->principals[pi];
    GROW(p->for_absent_, p->n_for_absent_, p->cap_for_absent_);
    p->for_absent_[p->n_for_absent_++] = (struct plan_load){from, to, absent};
}

void plan_add_skill_name(struct plan_instance *inst, int64_t skill, const char *name)
{
    GROW(inst->skill_names, inst->n_skill_names, inst->cap_skill_names_);
    inst->skill_names[inst->n_skill_names++] = (struct plan_skill_name){skill, hl_strdup(name)};
    inst->finished = false;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void plan_slots_within(int64_t from_min, int64_t to_min, int32_t slot_minutes, int64_t *from,
                       int64_t *to)
{
    *from = -floor_div(-from_min, slot_minutes); /* ceil */
    *to = floor_div(to_min, slot_minutes);
    if (*to < *from)
        *to = *from;
}

void plan_slots_touching(int64_t from_min, int64_t to_min, int32_t slot_minutes, int64_t *from,
                         int64_t *to)
{
    *from = floor_div(from_min, slot_minutes);
    *to = -floor_div(-to_min, slot_minutes);
    if (to_min <= from_min)
        *to = *from;
}

/* ---- finishing ---- */

static int cmp_skill(const void *x, const void *y)
{
    const struct plan_skill_level *a = x, *b = y;
    return (a->skill > b->skill) - (a->skill < b->skill);
}

static int cmp_range(const void *x, const void *y)
{
    const struct plan_range *a = x, *b = y;
    if (a->from != b->from)
        return (a->from > b->from) - (a->from < b->from);
    return (a->to > b->to) - (a->to < b->to);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* Sorts skill levels and keeps the highest level of a repeated skill. */
static void normalize_skills(struct plan_skill_level *s, size_t *n)
{
    if (*n == 0)
        return;
    qsort(s, *n, sizeof *s, cmp_skill);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k > 0 && s[k - 1].skill == s[i].skill) {
            if (s[i].level > s[k - 1].level)
                s[k - 1].level = s[i].level;
        } else {
            s[k++] = s[i];
        }
    }
    *n = k;
}

/* Sorts ranges and merges overlapping or adjacent ones. */
static void normalize_ranges(struct plan_range *r, size_t *n)
{
    if (*n == 0)
        return;
    qsort(r, *n, sizeof *r, cmp_range);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k > 0 && r[i].from <= r[k - 1].to) {
            if (r[i].to > r[k - 1].to)
                r[k - 1].to = r[i].to;
        } else {
            r[k++] = r[i];
        }
    }
    *n = k;
}

static void unique_i64(int64_t *v, size_t *n)
{
    if (*n == 0)
        return;
    qsort(v, *n, sizeof *v, cmp_i64);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    *n = k;
}

static void unique_i32(int32_t *v, size_t *n)
{
    if (*n == 0)
        return;
    qsort(v, *n, sizeof *v, cmp_i32);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    *n = k;
}

/* avail = work − absent, both sorted and merged. Returns a malloc'd array. */
static struct plan_range *subtract_ranges(const struct plan_range *w, size_t nw,
                                          const struct plan_range *ab, size_t nab, size_t *out_n)
{
    struct plan_range *out = NULL;
    size_t n = 0, cap = 0, j = 0;
    for (size_t i = 0; i < nw; i++) {
        int64_t from = w[i].from, to = w[i].to;
        while (j < nab && ab[j].to <= from)
            j++;
        size_t k = j;
        while (from < to) {
            if (k >= nab || ab[k].from >= to) {
                GROW(out, n, cap);
                out[n++] = (struct plan_range){from, to};
                break;
            }
            if (ab[k].from > from) {
                GROW(out, n, cap);
                out[n++] = (struct plan_range){from, ab[k].from};
            }
            if (ab[k].to > from)
                from = ab[k].to;
            k++;
        }
    }
    *out_n = n;
    return out;
}

struct load_event {
    int64_t at;
    int32_t delta;
};

static int cmp_event(const void *x, const void *y)
{
    const struct load_event *a = x, *b = y;
    return (a->at > b->at) - (a->at < b->at);
}

/* Turns possibly overlapping load rows into disjoint ranges with summed counts. */
static void normalize_load(struct plan_assistant *a)
{
    if (a->n_load == 0)
        return;
    struct load_event *ev = hl_malloc(2 * a->n_load * sizeof *ev);
    for (size_t i = 0; i < a->n_load; i++) {
        ev[2 * i] = (struct load_event){a->load[i].from, a->load[i].count};
        ev[2 * i + 1] = (struct load_event){a->load[i].to, -a->load[i].count};
    }
    size_t ne = 2 * a->n_load;
    qsort(ev, ne, sizeof *ev, cmp_event);
    struct plan_load *out = NULL;
    size_t n = 0, cap = 0;
    int64_t level = 0;
    for (size_t i = 0; i < ne;) {
        int64_t at = ev[i].at;
        while (i < ne && ev[i].at == at)
            level += ev[i++].delta;
        if (i < ne && level != 0) {
            int64_t to = ev[i].at;
            int32_t c = (int32_t)level;
            if (n > 0 && out[n - 1].to == at && out[n - 1].count == c) {
                out[n - 1].to = to;
            } else {
                GROW(out, n, cap);
                out[n++] = (struct plan_load){at, to, c};
            }
        }
    }
    free(ev);
    free(a->load);
    a->load = out;
    a->n_load = n;
    a->cap_load_ = cap;
}

static void msgf(char *msg, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void msgf(char *msg, size_t size, const char *fmt, ...)
{
    if (!msg || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
}

static size_t gap_find(const int64_t *gaps, size_t n, int64_t slot);

enum plan_rc plan_instance_finish(struct plan_instance *inst, char *msg, size_t msg_size)
{
    for (size_t i = 0; i < inst->n_assistants; i++) {
        struct plan_assistant *a = &inst->assistants[i];
        normalize_skills(a->skills, &a->n_skills);
        normalize_ranges(a->work, &a->n_work);
        normalize_ranges(a->absent, &a->n_absent);
        free(a->avail);
        a->avail = subtract_ranges(a->work, a->n_work, a->absent, a->n_absent, &a->n_avail);
        normalize_load(a);
    }
    for (size_t i = 0; i < inst->n_principals; i++) {
        struct plan_principal *p = &inst->principals[i];
        normalize_skills(p->must, &p->n_must);
        normalize_skills(p->nice, &p->n_nice);
        unique_i32(p->conflicts, &p->n_conflicts);
        unique_i64(p->gaps, &p->n_gaps);
        /* which absent assistant made each gap (the last range added wins) */
        free(p->gap_absent);
        p->gap_absent = NULL;
        if (p->n_for_absent_ > 0 && p->n_gaps > 0) {
            p->gap_absent = hl_malloc(p->n_gaps * sizeof *p->gap_absent);
            for (size_t k = 0; k < p->n_gaps; k++)
                p->gap_absent[k] = -1;
            for (size_t r = 0; r < p->n_for_absent_; r++) {
                const struct plan_load *fa = &p->for_absent_[r];
                for (size_t k = gap_find(p->gaps, p->n_gaps, fa->from);
                     k < p->n_gaps && p->gaps[k] < fa->to; k++)
                    p->gap_absent[k] = fa->count;
            }
        }
        /* keep the first occurrence of a repeated backup */
        size_t k = 0;
        for (size_t j = 0; j < p->n_backups; j++) {
            bool seen = false;
            for (size_t m = 0; m < k; m++)
                seen = seen || p->backups[m] == p->backups[j];
            if (!seen)
                p->backups[k++] = p->backups[j];
        }
        p->n_backups = k;
    }
    inst->finished = true;
    enum plan_rc rc = plan_instance_check(inst, msg, msg_size);
    if (rc != PLAN_OK)
        inst->finished = false;
    return rc;
}

enum plan_rc plan_instance_check(const struct plan_instance *inst, char *msg, size_t msg_size)
{
    if (!inst->finished) {
        msgf(msg, msg_size, "the instance is not finished (plan_instance_finish)");
        return PLAN_EINVAL;
    }
    if (inst->slot_minutes < 15 || inst->slot_minutes > 240) {
        msgf(msg, msg_size, "slot_minutes %d is outside 15–240", (int)inst->slot_minutes);
        return PLAN_EINVAL;
    }
    if (inst->n_assistants > INT32_MAX / 2 || inst->n_principals > INT32_MAX / 2) {
        msgf(msg, msg_size, "too many people");
        return PLAN_ETOOBIG;
    }
    int32_t na = (int32_t)inst->n_assistants;
    for (size_t i = 0; i < inst->n_assistants; i++) {
        const struct plan_assistant *a = &inst->assistants[i];
        if (a->capacity < 0) {
            msgf(msg, msg_size, "assistant %lld: negative capacity", (long long)a->id);
            return PLAN_EINVAL;
        }
        if (a->prior_covers < 0) {
            msgf(msg, msg_size, "assistant %lld: negative prior_covers", (long long)a->id);
            return PLAN_EINVAL;
        }
        for (size_t k = 0; k < a->n_load; k++)
            if (a->load[k].count < 0) {
                msgf(msg, msg_size, "assistant %lld: negative load", (long long)a->id);
                return PLAN_EINVAL;
            }
    }
    for (size_t i = 0; i < inst->n_principals; i++) {
        const struct plan_principal *p = &inst->principals[i];
        if (p->priority < 1 || p->priority > 5) {
            msgf(msg, msg_size, "principal %lld: priority %d is outside 1–5", (long long)p->id,
                 (int)p->priority);
            return PLAN_EINVAL;
        }
        for (size_t k = 0; k < p->n_backups; k++)
            if (p->backups[k] < 0 || p->backups[k] >= na) {
                msgf(msg, msg_size, "principal %lld: backup index %d out of range",
                     (long long)p->id, (int)p->backups[k]);
                return PLAN_EINVAL;
            }
        for (size_t k = 0; k < p->n_conflicts; k++)
            if (p->conflicts[k] < 0 || p->conflicts[k] >= na) {
                msgf(msg, msg_size, "principal %lld: conflict index %d out of range",
                     (long long)p->id, (int)p->conflicts[k]);
                return PLAN_EINVAL;
            }
        for (size_t k = 0; p->gap_absent && k < p->n_gaps; k++)
            if (p->gap_absent[k] < -1 || p->gap_absent[k] >= na) {
                msgf(msg, msg_size, "principal %lld: absent assistant index %d out of range",
                     (long long)p->id, (int)p->gap_absent[k]);
                return PLAN_EINVAL;
            }
        for (size_t k = 1; k < p->n_gaps; k++)
            if (p->gaps[k] <= p->gaps[k - 1]) {
                msgf(msg, msg_size, "principal %lld: gaps not sorted", (long long)p->id);
                return PLAN_EINVAL;
            }
    }
    return PLAN_OK;
}

static size_t range_find(const struct plan_range *r, size_t n, int64_t slot);

static void copy_clipped(const struct plan_range *r, size_t n, int64_t from, int64_t to,
                         struct plan_instance *dst, int32_t a, bool work)
{
    for (size_t k = range_find(r, n, from); k < n && r[k].from < to; k++) {
        int64_t f = r[k].from > from ? r[k].from : from;
        int64_t t = r[k].to < to ? r[k].to : to;
        if (f < t) {
            if (work)
                plan_assistant_add_work(dst, a, f, t);
            else
                plan_assistant_add_absence(dst, a, f, t);
        }
    }
}

/* Index of the first gap >= slot. */
static size_t gap_find(const int64_t *gaps, size_t n, int64_t slot)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (gaps[mid] < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void plan_instance_window(const struct plan_instance *src, int64_t from, int64_t to,
                          struct plan_instance *dst)
{
    plan_instance_init(dst, src->slot_minutes);
    dst->conflict = src->conflict;
    dst->conflict_ctx = src->conflict_ctx;
    dst->name = src->name;
    dst->name_ctx = src->name_ctx;
    for (size_t i = 0; i < src->n_assistants; i++) {
        const struct plan_assistant *a = &src->assistants[i];
        int32_t ai = plan_add_assistant(dst, a->id, a->capacity, a->office, a->tz);
        dst->assistants[ai].prior_covers = a->prior_covers;
        for (size_t k = 0; k < a->n_skills; k++)
            plan_assistant_add_skill(dst, ai, a->skills[k].skill, a->skills[k].level);
        copy_clipped(a->work, a->n_work, from, to, dst, ai, true);
        copy_clipped(a->absent, a->n_absent, from, to, dst, ai, false);
        size_t lo = 0, hi = a->n_load;
        while (lo < hi) { /* the first load range ending after from */
            size_t mid = (lo + hi) / 2;
            if (a->load[mid].to <= from)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < a->n_load && a->load[k].from < to; k++) {
            int64_t f = a->load[k].from > from ? a->load[k].from : from;
            int64_t t = a->load[k].to < to ? a->load[k].to : to;
            if (f < t)
                plan_assistant_add_load(dst, ai, f, t, a->load[k].count);
        }
    }
    for (size_t i = 0; i < src->n_principals; i++) {
        const struct plan_principal *p = &src->principals[i];
        int32_t pi = plan_add_principal(dst, p->id, p->priority, p->office, p->tz);
        for (size_t k = 0; k < p->n_must; k++)
            plan_principal_add_must(dst, pi, p->must[k].skill, p->must[k].level);
        for (size_t k = 0; k < p->n_nice; k++)
            plan_principal_add_nice(dst, pi, p->nice[k].skill, p->nice[k].level);
        for (size_t k = 0; k < p->n_backups; k++)
            plan_principal_add_backup(dst, pi, p->backups[k]);
        for (size_t k = 0; k < p->n_conflicts; k++)
            plan_principal_add_conflict(dst, pi, p->conflicts[k]);
        for (size_t k = gap_find(p->gaps, p->n_gaps, from); k < p->n_gaps && p->gaps[k] < to; k++)
            plan_principal_add_gaps_for(dst, pi, p->gaps[k], p->gaps[k] + 1,
                                        p->gap_absent ? p->gap_absent[k] : -1);
    }
    for (size_t i = 0; i < src->n_skill_names; i++)
        plan_add_skill_name(dst, src->skill_names[i].skill, src->skill_names[i].name);
    plan_instance_finish(dst, NULL, 0);
}

size_t plan_instance_gap_count(const struct plan_instance *inst)
{
    size_t n = 0;
    for (size_t i = 0; i < inst->n_principals; i++)
        n += inst->principals[i].n_gaps;
    return n;
}

/* ---- weights and costs ---- */

void plan_weights_default(struct plan_weights *w)
{
    memset(w, 0, sizeof *w);
    w->uncovered = 1000;
    w->nice_level = 20;
    w->not_designated = 30;
    w->rank_step = 5;
    w->other_office = 10;
    w->other_tz = 10;
    w->switch_backup = 50;
    w->link_minutes = 4 * 24 * 60;
    w->n_fair = 3;
    w->fair_from[0] = 0;
    w->fair_from[1] = 9;
    w->fair_from[2] = 45;
    w->fair_slope[0] = 2;
    w->fair_slope[1] = 5;
    w->fair_slope[2] = 20;
    w->one_substitute = 40;
}

enum plan_rc plan_weights_check(const struct plan_weights *w, char *msg, size_t msg_size)
{
    const int64_t lim = (int64_t)1 << 40;
    const int64_t v[] = {w->uncovered,     w->nice_level,   w->not_designated,
                         w->rank_step,     w->other_office, w->other_tz,
                         w->switch_backup, w->link_minutes, w->one_substitute};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] < 0 || v[i] > lim) {
            msgf(msg, msg_size, "a weight is negative or too large");
            return PLAN_EINVAL;
        }
    if (w->n_fair < 0 || w->n_fair > PLAN_FAIR_MAX) {
        msgf(msg, msg_size, "n_fair must be 0–%d", PLAN_FAIR_MAX);
        return PLAN_EINVAL;
    }
    for (int k = 0; k < w->n_fair; k++) {
        if (w->fair_slope[k] < 0 || w->fair_slope[k] > lim || w->fair_from[k] < 0 ||
            w->fair_from[k] > lim) {
            msgf(msg, msg_size, "fairness slopes and thresholds must be ≥ 0");
            return PLAN_EINVAL;
        }
        if (k > 0 && w->fair_from[k] <= w->fair_from[k - 1]) {
            msgf(msg, msg_size, "fairness thresholds must be ascending");
            return PLAN_EINVAL;
        }
    }
    return PLAN_OK;
}

double plan_fair_cost(const struct plan_weights *w, double x)
{
    double c = 0;
    for (int k = 0; k < w->n_fair; k++)
        if (x > (double)w->fair_from[k])
            c += (double)w->fair_slope[k] * (x - (double)w->fair_from[k]);
    return c;
}

static int32_t skill_level(const struct plan_assistant *a, int64_t skill)
{
    size_t lo = 0, hi = a->n_skills;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->skills[mid].skill < skill)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < a->n_skills && a->skills[lo].skill == skill) ? a->skills[lo].level : 0;
}

static bool listed_conflict(const struct plan_principal *p, int32_t a)
{
    size_t lo = 0, hi = p->n_conflicts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->conflicts[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n_conflicts && p->conflicts[lo] == a;
}

static bool has_conflict(const struct plan_instance *inst, int32_t p, int32_t a)
{
    if (listed_conflict(&inst->principals[p], a))
        return true;
    return inst->conflict && inst->conflict(inst->conflict_ctx, p, a);
}

static bool meets_must(const struct plan_instance *inst, int32_t p, int32_t a)
{
    const struct plan_principal *pr = &inst->principals[p];
    const struct plan_assistant *as = &inst->assistants[a];
    for (size_t k = 0; k < pr->n_must; k++)
        if (skill_level(as, pr->must[k].skill) < pr->must[k].level)
            return false;
    return true;
}

bool plan_qualified(const struct plan_instance *inst, int32_t p, int32_t a)
{
    return meets_must(inst, p, a) && !has_conflict(inst, p, a);
}

void plan_pair_cost(const struct plan_instance *inst, const struct plan_weights *w, int32_t p,
                    int32_t a, struct plan_cover_cost *out)
{
    const struct plan_principal *pr = &inst->principals[p];
    const struct plan_assistant *as = &inst->assistants[a];
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < pr->n_nice; k++) {
        int32_t have = skill_level(as, pr->nice[k].skill);
        if (have < pr->nice[k].level)
            out->nice += (int64_t)(pr->nice[k].level - have) * w->nice_level;
    }
    out->designation = w->not_designated;
    for (size_t k = 0; k < pr->n_backups; k++)
        if (pr->backups[k] == a) {
            out->designation = (int64_t)k * w->rank_step;
            break;
        }
    if (!(pr->office != 0 && pr->office == as->office))
        out->office = w->other_office;
    if (!(pr->tz != 0 && pr->tz == as->tz))
        out->tz = w->other_tz;
}

/* Index of the first range with to > slot (ranges sorted, disjoint). */
static size_t range_find(const struct plan_range *r, size_t n, int64_t slot)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].to <= slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool in_ranges(const struct plan_range *r, size_t n, int64_t slot)
{
    size_t i = range_find(r, n, slot);
    return i < n && r[i].from <= slot;
}

bool plan_assistant_available(const struct plan_assistant *as, int64_t slot)
{
    return in_ranges(as->avail, as->n_avail, slot);
}

int32_t plan_assistant_load(const struct plan_assistant *as, int64_t slot)
{
    size_t lo = 0, hi = as->n_load;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (as->load[mid].to <= slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < as->n_load && as->load[lo].from <= slot) ? as->load[lo].count : 0;
}

/* ---- plans ---- */

struct plan_text_block {
    struct plan_text_block *next;
    size_t used, size;
    char data[];
};

void plan_init(struct plan *plan)
{
    memset(plan, 0, sizeof *plan);
}

void plan_cleanup(struct plan *plan)
{
    if (!plan)
        return;
    free(plan->covers);
    free(plan->open);
    struct plan_text_block *b = plan->text_;
    while (b) {
        struct plan_text_block *next = b->next;
        free(b);
        b = next;
    }
    memset(plan, 0, sizeof *plan);
}

void plan_add_cover(struct plan *plan, int32_t principal, int64_t slot, int32_t assistant)
{
    GROW(plan->covers, plan->n_covers, plan->cap_covers_);
    struct plan_cover *c = &plan->covers[plan->n_covers++];
    memset(c, 0, sizeof *c);
    c->principal = principal;
    c->slot = slot;
    c->assistant = assistant;
}

void plan_add_open(struct plan *plan, int32_t principal, int64_t slot)
{
    GROW(plan->open, plan->n_open, plan->cap_open_);
    struct plan_open_gap *o = &plan->open[plan->n_open++];
    memset(o, 0, sizeof *o);
    o->principal = principal;
    o->slot = slot;
}

const char *plan_strdup(struct plan *plan, const char *s)
{
    size_t n = strlen(s) + 1;
    struct plan_text_block *b = plan->text_;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = hl_malloc(sizeof *b + size);
        b->next = plan->text_;
        b->used = 0;
        b->size = size;
        plan->text_ = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    return p;
}

/* ---- plan_from_assignment: costs, terms, reasons, diagnosis of open gaps ---- */

static const char *skill_name(const struct plan_instance *inst, int64_t skill, char *buf,
                              size_t size)
{
    for (size_t i = 0; i < inst->n_skill_names; i++)
        if (inst->skill_names[i].skill == skill)
            return inst->skill_names[i].name;
    snprintf(buf, size, "skill #%lld", (long long)skill);
    return buf;
}

/*
 * Reasons are language-neutral: a JSON array of parts, each {"code": …, parameters…}, which
 * the service renders in the reader's language (docs/architecture.md, "Planner reasons"; the
 * codes are listed in docs/api.md). Names ride along as text, numbers as numbers.
 */
static void rpart(struct buf *b, const char *code)
{
    if (b->len > 1)
        buf_puts(b, ",");
    buf_puts(b, "{\"code\":");
    jw_string(b, code, strlen(code));
}

static void rnum(struct buf *b, const char *key, int64_t v)
{
    buf_puts(b, ",");
    jw_key(b, key);
    jw_int(b, v);
}

static void rstr(struct buf *b, const char *key, const char *s)
{
    buf_puts(b, ",");
    jw_key(b, key);
    jw_string(b, s, strlen(s));
}

static void rskill(struct buf *b, const struct plan_instance *inst, int64_t skill)
{
    char nb[40];
    rstr(b, "skill", skill_name(inst, skill, nb, sizeof nb));
}

/* continuity: 0 first slot of a run, 1 same backup as the previous slot, 2 switch. Appends
 * the cover's parts to b (an open JSON array). */
static void cover_reason(const struct plan_instance *inst, int32_t p, int32_t a, int continuity,
                         struct buf *b)
{
    const struct plan_principal *pr = &inst->principals[p];
    const struct plan_assistant *as = &inst->assistants[a];
    size_t rank = 0;
    for (size_t k = 0; k < pr->n_backups; k++)
        if (pr->backups[k] == a) {
            rank = k + 1;
            break;
        }
    if (rank) {
        rpart(b, "backup");
        rnum(b, "rank", (int64_t)rank);
    } else {
        rpart(b, "not_designated");
    }
    buf_puts(b, "}");
    rpart(b, (pr->office != 0 && pr->office == as->office) ? "same_office" : "other_office");
    buf_puts(b, "}");
    rpart(b, (pr->tz != 0 && pr->tz == as->tz) ? "same_time_zone" : "other_time_zone");
    buf_puts(b, "}");
    bool all_nice = true;
    for (size_t k = 0; k < pr->n_nice; k++) {
        int32_t have = skill_level(as, pr->nice[k].skill);
        if (have >= pr->nice[k].level)
            continue;
        rpart(b, "nice_short");
        rskill(b, inst, pr->nice[k].skill);
        rnum(b, "have", have);
        rnum(b, "level", pr->nice[k].level);
        buf_puts(b, "}");
        all_nice = false;
    }
    if (pr->n_nice && all_nice) {
        rpart(b, "nice_met");
        buf_puts(b, "}");
    }
    if (pr->n_must) {
        rpart(b, "must_met");
        buf_puts(b, "}");
    }
    if (continuity == 1) {
        rpart(b, "same_backup");
        buf_puts(b, "}");
    } else if (continuity == 2) {
        rpart(b, "switch");
        buf_puts(b, "}");
    }
}

struct slot_asg {
    int64_t slot;
    int32_t a;
};

static int cmp_slot_asg(const void *x, const void *y)
{
    const struct slot_asg *a = x, *b = y;
    if (a->slot != b->slot)
        return (a->slot > b->slot) - (a->slot < b->slot);
    return (a->a > b->a) - (a->a < b->a);
}

static size_t count_slot_asg(const struct slot_asg *v, size_t n, int64_t slot, int32_t a)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].slot < slot || (v[mid].slot == slot && v[mid].a < a))
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t c = 0;
    while (lo + c < n && v[lo + c].slot == slot && v[lo + c].a == a)
        c++;
    return c;
}

/* Per principal with open gaps: who is qualified, and why the others are not. */
struct qual_info {
    int32_t *qualified;
    size_t n_qualified;
    size_t n_skilled;  /* meet every must-have (conflicts included) */
    int missing_skill; /* index into must of a skill nobody has, or -1 */
};

static void qual_compute(const struct plan_instance *inst, int32_t p, struct qual_info *q)
{
    const struct plan_principal *pr = &inst->principals[p];
    q->qualified = hl_malloc((inst->n_assistants + 1) * sizeof *q->qualified);
    q->n_qualified = q->n_skilled = 0;
    q->missing_skill = -1;
    for (size_t a = 0; a < inst->n_assistants; a++) {
        if (!meets_must(inst, p, (int32_t)a))
            continue;
        q->n_skilled++;
        if (!has_conflict(inst, p, (int32_t)a))
            q->qualified[q->n_qualified++] = (int32_t)a;
    }
    if (q->n_skilled == 0) {
        for (size_t k = 0; k < pr->n_must && q->missing_skill < 0; k++) {
            bool any = false;
            for (size_t a = 0; a < inst->n_assistants && !any; a++)
                any = skill_level(&inst->assistants[a], pr->must[k].skill) >= pr->must[k].level;
            if (!any)
                q->missing_skill = (int)k;
        }
    }
}

/* ,"must":[{"skill":"Finnish","level":4},…] — the principal's must-have levels. */
static void must_list(const struct plan_instance *inst, int32_t p, struct buf *b)
{
    const struct plan_principal *pr = &inst->principals[p];
    buf_puts(b, ",\"must\":[");
    for (size_t k = 0; k < pr->n_must; k++) {
        buf_puts(b, k ? ",{" : "{");
        jw_key(b, "skill");
        char nb[40];
        const char *name = skill_name(inst, pr->must[k].skill, nb, sizeof nb);
        jw_string(b, name, strlen(name));
        rnum(b, "level", pr->must[k].level);
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
}

/* Why designated backup #k+1 of p is not the one covering p in slot: appends a "passed_over"
 * part (why: skill, conflict, away, off_duty, capacity, or cost when they were free and
 * qualified). used: this plan's covers by (slot, assistant). */
static void passed_over(const struct plan_instance *inst, int32_t p, size_t k, int64_t slot,
                        const struct slot_asg *used, size_t n_used, struct buf *b)
{
    const struct plan_principal *pr = &inst->principals[p];
    int32_t bi = pr->backups[k];
    const struct plan_assistant *as = &inst->assistants[bi];
    int mk = -1;
    for (size_t m = 0; m < pr->n_must && mk < 0; m++)
        if (skill_level(as, pr->must[m].skill) < pr->must[m].level)
            mk = (int)m;
    const char *why;
    if (mk >= 0)
        why = "skill";
    else if (has_conflict(inst, p, bi))
        why = "conflict";
    else if (!plan_assistant_available(as, slot))
        why = in_ranges(as->work, as->n_work, slot) ? "away" : "off_duty";
    else if (plan_assistant_load(as, slot) + (int64_t)count_slot_asg(used, n_used, slot, bi) >=
             as->capacity)
        why = "capacity";
    else
        why = "cost";
    rpart(b, "passed_over");
    rnum(b, "rank", (int64_t)k + 1);
    rnum(b, "assistant_id", as->id);
    const char *who = inst->name ? inst->name(inst->name_ctx, as->id) : NULL;
    if (who)
        rstr(b, "name", who);
    rstr(b, "why", why);
    if (mk >= 0) {
        rskill(b, inst, pr->must[mk].skill);
        rnum(b, "level", pr->must[mk].level);
    }
    buf_puts(b, "}");
}

/* At most this many higher-ranked backups are explained in one reason. */
#define PASSED_OVER_MAX 3

/* Sets o->why and appends the open gap's part to b (an open JSON array). */
static void open_reason(const struct plan_instance *inst, int32_t p, const struct qual_info *q,
                        struct plan_open_gap *o, size_t n_absent, size_t n_off, size_t n_full,
                        struct buf *b)
{
    const struct plan_principal *pr = &inst->principals[p];
    o->n_qualified = (int32_t)q->n_qualified;
    o->n_on_duty = (int32_t)(q->n_qualified - n_absent - n_off);
    if (q->n_skilled == 0) {
        o->why = PLAN_OPEN_NO_SKILL;
        if (inst->n_assistants == 0) {
            rpart(b, "no_assistants");
        } else if (q->missing_skill >= 0) {
            const struct plan_skill_level *m = &pr->must[q->missing_skill];
            rpart(b, "no_skill");
            rskill(b, inst, m->skill);
            rnum(b, "level", m->level);
        } else {
            rpart(b, "no_skill_all");
            must_list(inst, p, b);
        }
    } else if (q->n_qualified == 0) {
        o->why = PLAN_OPEN_CONFLICT;
        rpart(b, "conflict");
        rnum(b, "n", (int64_t)q->n_skilled);
        must_list(inst, p, b);
    } else if (n_absent + n_off == q->n_qualified) {
        o->why = PLAN_OPEN_UNAVAILABLE;
        rpart(b, "unavailable");
        rnum(b, "n", (int64_t)q->n_qualified);
        rnum(b, "absent", (int64_t)n_absent);
        rnum(b, "off_duty", (int64_t)n_off);
        must_list(inst, p, b);
    } else if (n_full == q->n_qualified - n_absent - n_off) {
        o->why = PLAN_OPEN_FULL;
        rpart(b, "full");
        rnum(b, "n", (int64_t)(q->n_qualified - n_absent - n_off));
        must_list(inst, p, b);
    } else {
        o->why = PLAN_OPEN_COST;
        rpart(b, "cost");
    }
    buf_puts(b, "}");
}

/* ---- groups: the gaps one absent assistant left in one slot (one_substitute) ---- */

struct grp_key {
    int32_t absent;
    int64_t slot;
    int32_t g;
};

static int cmp_grp_key(const void *x, const void *y)
{
    const struct grp_key *p = x, *q = y;
    if (p->absent != q->absent)
        return (p->absent > q->absent) - (p->absent < q->absent);
    if (p->slot != q->slot)
        return (p->slot > q->slot) - (p->slot < q->slot);
    return (p->g > q->g) - (p->g < q->g);
}

void plan_groups_build(const struct plan_instance *inst, struct plan_groups *gr)
{
    memset(gr, 0, sizeof *gr);
    size_t ng = plan_instance_gap_count(inst), nk = 0, g = 0;
    gr->gap_group = hl_malloc((ng + 1) * sizeof *gr->gap_group);
    for (size_t i = 0; i < ng; i++)
        gr->gap_group[i] = -1;
    for (size_t p = 0; p < inst->n_principals; p++)
        if (inst->principals[p].gap_absent)
            for (size_t i = 0; i < inst->principals[p].n_gaps; i++)
                nk += inst->principals[p].gap_absent[i] >= 0;
    struct grp_key *k = hl_malloc((nk + 1) * sizeof *k);
    nk = 0;
    for (size_t p = 0; p < inst->n_principals; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        for (size_t i = 0; i < pr->n_gaps; i++, g++)
            if (pr->gap_absent && pr->gap_absent[i] >= 0)
                k[nk++] = (struct grp_key){pr->gap_absent[i], pr->gaps[i], (int32_t)g};
    }
    qsort(k, nk, sizeof *k, cmp_grp_key);
    gr->start = hl_malloc((nk / 2 + 2) * sizeof *gr->start);
    gr->member = hl_malloc((nk + 1) * sizeof *gr->member);
    gr->absent = hl_malloc((nk / 2 + 1) * sizeof *gr->absent);
    size_t nm = 0;
    gr->start[0] = 0;
    for (size_t i = 0; i < nk;) {
        size_t e = i + 1;
        while (e < nk && k[e].absent == k[i].absent && k[e].slot == k[i].slot)
            e++;
        if (e - i >= 2) {
            for (size_t q = i; q < e; q++) {
                gr->member[nm++] = k[q].g;
                gr->gap_group[k[q].g] = (int32_t)gr->n;
            }
            gr->absent[gr->n] = k[i].absent;
            gr->start[++gr->n] = nm;
        }
        i = e;
    }
    free(k);
}

void plan_groups_cleanup(struct plan_groups *gr)
{
    free(gr->gap_group);
    free(gr->start);
    free(gr->member);
    free(gr->absent);
    memset(gr, 0, sizeof *gr);
}

void plan_from_assignment(const struct plan_instance *inst, const struct plan_weights *w,
                          const int32_t *asg, bool with_reasons, struct plan *out)
{
    struct plan_groups gr;
    plan_groups_build(inst, &gr);
    plan_init(out);
    size_t na = inst->n_assistants;
    int64_t *count = hl_calloc(na + 1, sizeof *count);
    struct plan_terms *t = &out->terms;
    size_t g = 0;
    struct buf buf;
    buf_init(&buf, 0);
    /* every cover of the plan by (slot, assistant): who is at capacity where (reasons) */
    struct slot_asg *used = NULL;
    size_t n_used = 0;
    if (with_reasons) {
        size_t ng = plan_instance_gap_count(inst), h = 0;
        used = hl_malloc((ng + 1) * sizeof *used);
        for (size_t pi = 0; pi < inst->n_principals; pi++)
            for (size_t i = 0; i < inst->principals[pi].n_gaps; i++, h++)
                if (asg[h] >= 0)
                    used[n_used++] = (struct slot_asg){inst->principals[pi].gaps[i], asg[h]};
        if (n_used)
            qsort(used, n_used, sizeof *used, cmp_slot_asg);
    }
    for (size_t pi = 0; pi < inst->n_principals; pi++) {
        const struct plan_principal *pr = &inst->principals[pi];
        int32_t cached_a = -1;
        struct plan_cover_cost pc = {0};
        const char *last_reason = NULL;
        int32_t last_reason_a = -1;
        int last_cont = -1;
        int32_t last_whole = -1;
        size_t last_wn = 0;
        for (size_t i = 0; i < pr->n_gaps; i++, g++) {
            int32_t a = asg[g];
            if (a < 0) {
                plan_add_open(out, (int32_t)pi, pr->gaps[i]);
                t->uncovered += (double)(w->uncovered * pr->priority);
                t->n_open++;
                continue;
            }
            if (a != cached_a) {
                plan_pair_cost(inst, w, (int32_t)pi, a, &pc);
                cached_a = a;
            }
            struct plan_cover_cost cc = pc;
            int cont = 0;
            /* one substitute: a cover pays when an earlier executive of the same absent
             * assistant, in this slot, has another substitute not used before */
            bool whole_group = false;
            int32_t grp = gr.gap_group[g];
            if (grp >= 0) {
                bool seen = false, other = false;
                whole_group = true;
                for (size_t q = gr.start[grp]; q < gr.start[grp + 1]; q++) {
                    int32_t h = gr.member[q], b = asg[h];
                    whole_group = whole_group && b == a;
                    if ((size_t)h < g && b >= 0) {
                        seen = seen || b == a;
                        other = true;
                    }
                }
                if (other && !seen)
                    cc.substitute = w->one_substitute;
            }
            bool linked =
                i > 0 && (pr->gaps[i] - pr->gaps[i - 1]) * inst->slot_minutes <= w->link_minutes;
            if (linked && asg[g - 1] >= 0) {
                cont = asg[g - 1] == a ? 1 : 2;
                if (cont == 2) {
                    cc.switching = w->switch_backup;
                    t->n_switches++;
                }
            }
            plan_add_cover(out, (int32_t)pi, pr->gaps[i], a);
            struct plan_cover *c = &out->covers[out->n_covers - 1];
            c->cost = cc;
            t->nice += (double)cc.nice;
            t->designation += (double)cc.designation;
            t->office += (double)cc.office;
            t->tz += (double)cc.tz;
            t->switching += (double)cc.switching;
            t->substitute += (double)cc.substitute;
            t->n_covered++;
            count[a]++;
            if (with_reasons) {
                int32_t wg = whole_group ? gr.absent[grp] : -1;
                size_t wn = whole_group ? gr.start[grp + 1] - gr.start[grp] : 0;
                if (!(last_reason && last_reason_a == a && last_cont == cont && last_whole == wg &&
                      last_wn == wn)) {
                    buf_reset(&buf);
                    buf_puts(&buf, "[");
                    cover_reason(inst, (int32_t)pi, a, cont, &buf);
                    if (wg >= 0) {
                        int64_t wid = inst->assistants[wg].id;
                        const char *who = inst->name ? inst->name(inst->name_ctx, wid) : NULL;
                        rpart(&buf, "replaces");
                        rnum(&buf, "assistant_id", wid);
                        if (who)
                            rstr(&buf, "name", who);
                        rnum(&buf, "n", (int64_t)wn);
                        buf_puts(&buf, "}");
                    }
                    /* issue 16: why the higher-ranked designated backups are not covering */
                    size_t higher = pr->n_backups, shown = 0;
                    for (size_t k = 0; k < pr->n_backups; k++)
                        if (pr->backups[k] == a)
                            higher = k;
                    for (size_t k = 0; k < higher && shown < PASSED_OVER_MAX; k++, shown++)
                        passed_over(inst, (int32_t)pi, k, pr->gaps[i], used, n_used, &buf);
                    buf_puts(&buf, "]");
                    last_reason = plan_strdup(out, buf.data);
                    last_reason_a = a;
                    last_cont = cont;
                    last_whole = wg;
                    last_wn = wn;
                }
                c->reason = last_reason;
            }
        }
    }
    if (na > 0 && w->n_fair > 0) {
        double total = 0;
        for (size_t a = 0; a < na; a++)
            total += (double)(count[a] + inst->assistants[a].prior_covers);
        double mean = total / (double)na;
        for (size_t a = 0; a < na; a++)
            t->fairness +=
                plan_fair_cost(w, (double)(count[a] + inst->assistants[a].prior_covers) - mean);
    }
    t->total = t->uncovered + t->nice + t->designation + t->office + t->tz + t->switching +
               t->fairness + t->substitute;

    /* diagnose the open gaps */
    if (out->n_open > 0) {
        /* covers in slots that have an open gap, to tell "at capacity" */
        int64_t *oslots = hl_malloc(out->n_open * sizeof *oslots);
        for (size_t i = 0; i < out->n_open; i++)
            oslots[i] = out->open[i].slot;
        size_t n_os = out->n_open;
        unique_i64(oslots, &n_os);
        struct slot_asg *sa = NULL;
        size_t n_sa = 0, cap_sa = 0;
        for (size_t i = 0; i < out->n_covers; i++) {
            const int64_t *hit =
                bsearch(&out->covers[i].slot, oslots, n_os, sizeof *oslots, cmp_i64);
            if (hit) {
                GROW(sa, n_sa, cap_sa);
                sa[n_sa++] = (struct slot_asg){out->covers[i].slot, out->covers[i].assistant};
            }
        }
        if (n_sa)
            qsort(sa, n_sa, sizeof *sa, cmp_slot_asg);
        struct qual_info q = {0};
        int32_t q_p = -1;
        const char *last = NULL;
        for (size_t i = 0; i < out->n_open; i++) {
            struct plan_open_gap *o = &out->open[i];
            if (o->principal != q_p) {
                free(q.qualified);
                qual_compute(inst, o->principal, &q);
                q_p = o->principal;
            }
            size_t n_absent = 0, n_off = 0, n_full = 0;
            for (size_t k = 0; k < q.n_qualified; k++) {
                const struct plan_assistant *as = &inst->assistants[q.qualified[k]];
                if (!plan_assistant_available(as, o->slot)) {
                    if (in_ranges(as->work, as->n_work, o->slot))
                        n_absent++;
                    else
                        n_off++;
                    continue;
                }
                int64_t used = plan_assistant_load(as, o->slot) +
                               (int64_t)count_slot_asg(sa, n_sa, o->slot, q.qualified[k]);
                if (used >= as->capacity)
                    n_full++;
            }
            buf_reset(&buf);
            buf_puts(&buf, "[");
            open_reason(inst, o->principal, &q, o, n_absent, n_off, n_full, &buf);
            if (with_reasons) {
                const struct plan_principal *opr = &inst->principals[o->principal];
                if (o->why != PLAN_OPEN_NO_SKILL || inst->n_assistants > 0)
                    for (size_t k = 0; k < opr->n_backups && k < PASSED_OVER_MAX; k++)
                        passed_over(inst, o->principal, k, o->slot, used, n_used, &buf);
                buf_puts(&buf, "]");
                if (!last || strcmp(last, buf.data) != 0)
                    last = plan_strdup(out, buf.data);
                o->reason = last;
            }
        }
        free(q.qualified);
        free(sa);
        free(oslots);
    }
    out->stats.n_gaps = (int64_t)g;
    buf_cleanup(&buf);
    free(used);
    free(count);
    plan_groups_cleanup(&gr);
}
