/* plan_validate.c: the independent validator: checks every hard rule of a plan and recomputes
 * its objective from the instance alone. Shares no code with the engines or plan.c's costs. */
#include "plan.h"
#include "mem.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void plan_check_init(struct plan_check *c)
{
    memset(c, 0, sizeof *c);
}

void plan_check_cleanup(struct plan_check *c)
{
    if (!c)
        return;
    free(c->v);
    memset(c, 0, sizeof *c);
}

const char *plan_violation_name(enum plan_violation_kind k)
{
    switch (k) {
    case PLAN_V_BAD_INDEX:
        return "bad_index";
    case PLAN_V_NOT_A_GAP:
        return "not_a_gap";
    case PLAN_V_DOUBLE_COVER:
        return "double_cover";
    case PLAN_V_UNAVAILABLE:
        return "unavailable";
    case PLAN_V_OVER_CAPACITY:
        return "over_capacity";
    case PLAN_V_MISSING_SKILL:
        return "missing_skill";
    case PLAN_V_CONFLICT:
        return "conflict";
    case PLAN_V_UNACCOUNTED:
        return "unaccounted_gap";
    case PLAN_V_OPEN_AND_COVERED:
        return "open_and_covered";
    case PLAN_V_OBJECTIVE:
        return "objective_mismatch";
    }
    return "unknown";
}

static void violation(struct plan_check *c, enum plan_violation_kind kind, int32_t p, int32_t a,
                      int64_t slot, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void violation(struct plan_check *c, enum plan_violation_kind kind, int32_t p, int32_t a,
                      int64_t slot, const char *fmt, ...)
{
    if (c->n == c->cap_) {
        c->cap_ = c->cap_ ? 2 * c->cap_ : 16;
        c->v = hl_realloc(c->v, c->cap_ * sizeof *c->v);
    }
    struct plan_violation *v = &c->v[c->n++];
    v->kind = kind;
    v->principal = p;
    v->assistant = a;
    v->slot = slot;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->message, sizeof v->message, fmt, ap);
    va_end(ap);
}

/* Is slot in one of these sorted, disjoint ranges? */
static bool v_in(const struct plan_range *r, size_t n, int64_t slot)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].to <= slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && r[lo].from <= slot && slot < r[lo].to;
}

/* Load at slot: sum over the (disjoint) load ranges containing it. */
static int64_t v_load(const struct plan_assistant *a, int64_t slot)
{
    size_t lo = 0, hi = a->n_load;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->load[mid].to <= slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t sum = 0;
    for (size_t i = lo; i < a->n_load && a->load[i].from <= slot; i++)
        if (slot < a->load[i].to)
            sum += a->load[i].count;
    return sum;
}

static int32_t v_level(const struct plan_assistant *a, int64_t skill)
{
    int32_t best = 0;
    for (size_t i = 0; i < a->n_skills; i++)
        if (a->skills[i].skill == skill && a->skills[i].level > best)
            best = a->skills[i].level;
    return best;
}

static bool v_conflict(const struct plan_instance *inst, int32_t p, int32_t a)
{
    const struct plan_principal *pr = &inst->principals[p];
    for (size_t i = 0; i < pr->n_conflicts; i++)
        if (pr->conflicts[i] == a)
            return true;
    return inst->conflict && inst->conflict(inst->conflict_ctx, p, a);
}

/* Index of slot in the principal's sorted gaps, or -1. */
static int64_t v_gap_index(const struct plan_principal *pr, int64_t slot)
{
    size_t lo = 0, hi = pr->n_gaps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pr->gaps[mid] < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < pr->n_gaps && pr->gaps[lo] == slot) ? (int64_t)lo : -1;
}

struct v_use {
    int32_t a;
    int64_t slot;
};

static int v_cmp_use(const void *x, const void *y)
{
    const struct v_use *p = x, *q = y;
    if (p->a != q->a)
        return (p->a > q->a) - (p->a < q->a);
    return (p->slot > q->slot) - (p->slot < q->slot);
}

static double v_fair(const struct plan_weights *w, double x)
{
    double c = 0;
    for (int k = 0; k < w->n_fair; k++) {
        double over = x - (double)w->fair_from[k];
        if (over > 0)
            c += over * (double)w->fair_slope[k];
    }
    return c;
}

static void v_compare(struct plan_check *c, const char *name, double stated, double computed)
{
    if (fabs(stated - computed) > 1e-6 * fmax(1, fabs(computed)))
        violation(c, PLAN_V_OBJECTIVE, -1, -1, 0, "%s: the plan says %.6f, recomputed %.6f", name,
                  stated, computed);
}

struct v_sub {
    int32_t absent;
    int64_t slot;
    int32_t a;
};

static int v_cmp_sub(const void *x, const void *y)
{
    const struct v_sub *p = x, *q = y;
    if (p->absent != q->absent)
        return (p->absent > q->absent) - (p->absent < q->absent);
    if (p->slot != q->slot)
        return (p->slot > q->slot) - (p->slot < q->slot);
    return (p->a > q->a) - (p->a < q->a);
}

size_t plan_validate(const struct plan_instance *inst, const struct plan_weights *w,
                     const struct plan *plan, bool check_terms, struct plan_check *c)
{
    plan_check_init(c);
    size_t np = inst->n_principals, na = inst->n_assistants;
    size_t *base = hl_malloc((np + 1) * sizeof *base);
    base[0] = 0;
    for (size_t p = 0; p < np; p++)
        base[p + 1] = base[p] + inst->principals[p].n_gaps;
    size_t ng = base[np];
    int32_t *by = hl_malloc((ng + 1) * sizeof *by); /* assistant covering each gap, or -1 */
    unsigned char *open = hl_calloc(ng + 1, 1);
    for (size_t g = 0; g < ng; g++)
        by[g] = -1;
    struct v_use *use = hl_malloc((plan->n_covers + 1) * sizeof *use);
    size_t n_use = 0;

    for (size_t i = 0; i < plan->n_covers; i++) {
        const struct plan_cover *cv = &plan->covers[i];
        if (cv->principal < 0 || (size_t)cv->principal >= np || cv->assistant < 0 ||
            (size_t)cv->assistant >= na) {
            violation(c, PLAN_V_BAD_INDEX, cv->principal, cv->assistant, cv->slot,
                      "cover %zu names principal %d / assistant %d, outside the instance", i,
                      (int)cv->principal, (int)cv->assistant);
            continue;
        }
        const struct plan_principal *pr = &inst->principals[cv->principal];
        const struct plan_assistant *as = &inst->assistants[cv->assistant];
        int64_t gi = v_gap_index(pr, cv->slot);
        if (gi < 0) {
            violation(c, PLAN_V_NOT_A_GAP, cv->principal, cv->assistant, cv->slot,
                      "slot %lld is not a gap of principal %lld", (long long)cv->slot,
                      (long long)pr->id);
            continue;
        }
        size_t g = base[cv->principal] + (size_t)gi;
        if (by[g] >= 0) {
            violation(c, PLAN_V_DOUBLE_COVER, cv->principal, cv->assistant, cv->slot,
                      "gap slot %lld of principal %lld is covered twice", (long long)cv->slot,
                      (long long)pr->id);
            continue;
        }
        by[g] = cv->assistant;
        use[n_use++] = (struct v_use){cv->assistant, cv->slot};
        /* works the slot and is not absent */
        if (!v_in(as->work, as->n_work, cv->slot))
            violation(c, PLAN_V_UNAVAILABLE, cv->principal, cv->assistant, cv->slot,
                      "assistant %lld does not work slot %lld", (long long)as->id,
                      (long long)cv->slot);
        else if (v_in(as->absent, as->n_absent, cv->slot))
            violation(c, PLAN_V_UNAVAILABLE, cv->principal, cv->assistant, cv->slot,
                      "assistant %lld is absent in slot %lld", (long long)as->id,
                      (long long)cv->slot);
        for (size_t k = 0; k < pr->n_must; k++) {
            int32_t have = v_level(as, pr->must[k].skill);
            if (have < pr->must[k].level)
                violation(c, PLAN_V_MISSING_SKILL, cv->principal, cv->assistant, cv->slot,
                          "assistant %lld has skill %lld at %d, principal %lld needs %d",
                          (long long)as->id, (long long)pr->must[k].skill, (int)have,
                          (long long)pr->id, (int)pr->must[k].level);
        }
        if (v_conflict(inst, cv->principal, cv->assistant))
            violation(c, PLAN_V_CONFLICT, cv->principal, cv->assistant, cv->slot,
                      "assistant %lld is party to an open case with principal %lld",
                      (long long)as->id, (long long)pr->id);
    }

    /* capacity: existing load + covers in each (assistant, slot) */
    if (n_use)
        qsort(use, n_use, sizeof *use, v_cmp_use);
    for (size_t i = 0; i < n_use;) {
        size_t e = i;
        while (e < n_use && use[e].a == use[i].a && use[e].slot == use[i].slot)
            e++;
        const struct plan_assistant *as = &inst->assistants[use[i].a];
        int64_t total = v_load(as, use[i].slot) + (int64_t)(e - i);
        if (total > as->capacity)
            violation(c, PLAN_V_OVER_CAPACITY, -1, use[i].a, use[i].slot,
                      "assistant %lld would support %lld principals in slot %lld, capacity %d",
                      (long long)as->id, (long long)total, (long long)use[i].slot,
                      (int)as->capacity);
        i = e;
    }

    /* open gaps: each one a gap, not covered, listed once; every gap accounted for */
    for (size_t i = 0; i < plan->n_open; i++) {
        const struct plan_open_gap *o = &plan->open[i];
        if (o->principal < 0 || (size_t)o->principal >= np) {
            violation(c, PLAN_V_BAD_INDEX, o->principal, -1, o->slot,
                      "open gap %zu names principal %d, outside the instance", i,
                      (int)o->principal);
            continue;
        }
        int64_t gi = v_gap_index(&inst->principals[o->principal], o->slot);
        if (gi < 0) {
            violation(c, PLAN_V_NOT_A_GAP, o->principal, -1, o->slot,
                      "open slot %lld is not a gap of principal %lld", (long long)o->slot,
                      (long long)inst->principals[o->principal].id);
            continue;
        }
        size_t g = base[o->principal] + (size_t)gi;
        if (by[g] >= 0 || open[g])
            violation(c, PLAN_V_OPEN_AND_COVERED, o->principal, by[g], o->slot,
                      "gap slot %lld of principal %lld is listed open but is %s",
                      (long long)o->slot, (long long)inst->principals[o->principal].id,
                      by[g] >= 0 ? "covered" : "listed twice");
        open[g] = 1;
    }
    for (size_t p = 0; p < np; p++)
        for (size_t i = 0; i < inst->principals[p].n_gaps; i++) {
            size_t g = base[p] + i;
            if (by[g] < 0 && !open[g])
                violation(c, PLAN_V_UNACCOUNTED, (int32_t)p, -1, inst->principals[p].gaps[i],
                          "gap slot %lld of principal %lld is neither covered nor open",
                          (long long)inst->principals[p].gaps[i],
                          (long long)inst->principals[p].id);
        }

    /* the objective, from scratch */
    struct plan_terms *t = &c->terms;
    memset(t, 0, sizeof *t);
    int64_t *count = hl_calloc(na + 1, sizeof *count);
    for (size_t p = 0; p < np; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        for (size_t i = 0; i < pr->n_gaps; i++) {
            int32_t a = by[base[p] + i];
            if (a < 0) {
                t->uncovered += (double)w->uncovered * pr->priority;
                t->n_open++;
                continue;
            }
            const struct plan_assistant *as = &inst->assistants[a];
            t->n_covered++;
            count[a]++;
            for (size_t k = 0; k < pr->n_nice; k++) {
                int32_t miss = pr->nice[k].level - v_level(as, pr->nice[k].skill);
                if (miss > 0)
                    t->nice += (double)miss * (double)w->nice_level;
            }
            double des = (double)w->not_designated;
            for (size_t k = 0; k < pr->n_backups; k++)
                if (pr->backups[k] == a) {
                    des = (double)k * (double)w->rank_step;
                    break;
                }
            t->designation += des;
            if (pr->office == 0 || pr->office != as->office)
                t->office += (double)w->other_office;
            if (pr->tz == 0 || pr->tz != as->tz)
                t->tz += (double)w->other_tz;
            if (i > 0) {
                int32_t prev = by[base[p] + i - 1];
                int64_t minutes = (pr->gaps[i] - pr->gaps[i - 1]) * (int64_t)inst->slot_minutes;
                if (prev >= 0 && prev != a && minutes <= w->link_minutes) {
                    t->switching += (double)w->switch_backup;
                    t->n_switches++;
                }
            }
        }
    }
    if (na > 0) {
        double sum = 0;
        for (size_t a = 0; a < na; a++)
            sum += (double)(count[a] + inst->assistants[a].prior_covers);
        double mean = sum / (double)na;
        for (size_t a = 0; a < na; a++)
            t->fairness += v_fair(w, (double)(count[a] + inst->assistants[a].prior_covers) - mean);
    }
    /* one substitute: per (absent assistant, slot), each covering assistant beyond the first */
    size_t nt = 0;
    for (size_t p = 0; p < np; p++)
        for (size_t i = 0; inst->principals[p].gap_absent && i < inst->principals[p].n_gaps; i++)
            nt += inst->principals[p].gap_absent[i] >= 0 && by[base[p] + i] >= 0;
    if (nt > 1 && w->one_substitute > 0) {
        struct v_sub *sub = hl_malloc(nt * sizeof *sub);
        nt = 0;
        for (size_t p = 0; p < np; p++) {
            const struct plan_principal *pr = &inst->principals[p];
            for (size_t i = 0; pr->gap_absent && i < pr->n_gaps; i++)
                if (pr->gap_absent[i] >= 0 && by[base[p] + i] >= 0)
                    sub[nt++] = (struct v_sub){pr->gap_absent[i], pr->gaps[i], by[base[p] + i]};
        }
        qsort(sub, nt, sizeof *sub, v_cmp_sub);
        for (size_t i = 1; i < nt; i++)
            if (sub[i].absent == sub[i - 1].absent && sub[i].slot == sub[i - 1].slot &&
                sub[i].a != sub[i - 1].a)
                t->substitute += (double)w->one_substitute;
        free(sub);
    }
    t->total = t->uncovered + t->nice + t->designation + t->office + t->tz + t->switching +
               t->fairness + t->substitute;

    if (check_terms) {
        const struct plan_terms *s = &plan->terms;
        v_compare(c, "uncovered", s->uncovered, t->uncovered);
        v_compare(c, "nice", s->nice, t->nice);
        v_compare(c, "designation", s->designation, t->designation);
        v_compare(c, "office", s->office, t->office);
        v_compare(c, "tz", s->tz, t->tz);
        v_compare(c, "switching", s->switching, t->switching);
        v_compare(c, "fairness", s->fairness, t->fairness);
        v_compare(c, "substitute", s->substitute, t->substitute);
        v_compare(c, "total", s->total, t->total);
    }
    free(count);
    free(use);
    free(open);
    free(by);
    free(base);
    return c->n;
}
