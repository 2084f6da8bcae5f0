/* plan_fast.c: the fast coverage engine: chain-by-chain dynamic programme over candidate
 * backups, augmenting paths that cover every gap that can be covered, then local improvement
 * (chain re-optimisation, run transfers with ejection, prefix/suffix transfers).
 * The design is written down in docs/planner.md, "The fast engine". */
#include "plan.h"
#include "plan_mip.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EPS 1e-7
#define INF 1e300

struct undo {
    int32_t g, from, to;
};

struct fast {
    const struct plan_instance *inst;
    const struct plan_weights *w;
    struct plan_fast_opts o;
    size_t A, P, G, T, NC;
    /* gaps, numbered principal by principal, slot by slot */
    size_t *pg;     /* principal p's gaps are [pg[p], pg[p+1]) */
    int32_t *gp;    /* principal of gap g */
    int32_t *gt;    /* time index of gap g */
    uint8_t *glink; /* gaps g-1 and g are consecutive gaps of one principal (switching) */
    int32_t *asg;   /* assistant covering gap g, or -1 */
    size_t *cs;     /* chain c is gaps [cs[c], cs[c+1]): a maximal linked run */
    size_t *gchain; /* chain of gap g */
    /* time: the distinct gap slots */
    int64_t *tslot;
    uint32_t *tlb; /* dense: tlb[slot - tmin] = time_index(slot), or NULL */
    int64_t tmin;
    size_t span;
    size_t *ts; /* gaps at time t: tg[ts[t] .. ts[t+1]) */
    int32_t *tg;
    int8_t *res;  /* res[a*T + t]: -1 not available, else room left (capped at 127) */
    uint8_t *cnt; /* cnt[a*T + t]: covers a holds at time t in this plan */
    int32_t *nid; /* exchange graph: node of each assistant, -1 when none */
    /* candidates of principal p: [ks[p], ks[p+1]) by cost (ka, kc) and by assistant (kb, kbc) */
    size_t *ks;
    int32_t *ka, *kb;
    int64_t *kc, *kbc;
    uint8_t *ktrunc; /* more qualified assistants than candidates kept */
    /* the skills principals ask for, dense; lvl[a*S + s] = assistant a's level */
    size_t S;
    int64_t *skill_ids;
    uint8_t *lvl;
    int64_t *aoffice, *atz; /* per assistant, compact */
    /* load and fairness */
    int64_t *n; /* cover slots per assistant in this plan */
    double sum_prior;
    int64_t covered;
    double F; /* current fairness total */
    /* move bookkeeping */
    int64_t *dn; /* net change of n per assistant since the move began */
    uint8_t *mark;
    int32_t *touched;
    size_t n_touched;
    struct undo *log;
    size_t n_log, cap_log;
    int32_t *dirty;
    size_t cap_dirty;
    int64_t covered0;
    double move_dF;
    /* scratch */
    int32_t *ca;
    double *cc, *price;
    size_t cap_cand;
    uint8_t *feas;
    int32_t *bp, *out, *best;
    double *dpa, *dpb, *fam;
    size_t cap_dp, cap_chain;
    int64_t moves, pairs;
    int64_t work;   /* DP cells and scanned slots: a machine-independent measure of effort */
    int64_t budget; /* work allowed to each improve() */
    uint64_t rng;
    /* passes: the epoch in which each chain / assistant last changed */
    int32_t epoch;
    int32_t *cstamp, *astamp;
    /* principals whose list an augmenting search found too narrow (set by augment) */
    uint8_t *wantw;
    size_t n_wantw;
    /* one substitute per absent assistant: groups of gaps (plan_groups_build) */
    struct plan_groups gr;
    bool has_grp;
    uint8_t *pgrp;   /* principal p has a gap in a group */
    uint32_t *gseen; /* dedupe of groups in dirty_cost */
    uint32_t gclock;
    uint8_t *aroom; /* assistant a has room at some gap slot, load aside */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void plan_fast_opts_default(struct plan_fast_opts *o)
{
    o->max_candidates = 32;
    o->max_passes = 20;
    o->ils_rounds = -1;
    o->max_exchange = 64;
    o->max_ejections = 3;
    o->work_per_gap = 50;
    o->with_reasons = true;
}

/* ---- small helpers ---- */

static double mean(const struct fast *f)
{
    return f->A ? (f->sum_prior + (double)f->covered) / (double)f->A : 0;
}

static double fair_at(const struct fast *f, size_t a, int64_t extra, double m)
{
    double L = (double)(f->inst->assistants[a].prior_covers + f->n[a] + extra);
    return plan_fair_cost(f->w, L - m);
}

static double fair_total(const struct fast *f)
{
    double m = mean(f), s = 0;
    for (size_t a = 0; a < f->A; a++)
        s += fair_at(f, a, 0, m);
    return s;
}

static double uncovered_cost(const struct fast *f, int32_t p)
{
    return (double)f->w->uncovered * f->inst->principals[p].priority;
}

static int64_t find_skill(const struct fast *f, int64_t skill)
{
    size_t lo = 0, hi = f->S;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->skill_ids[mid] < skill)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < f->S && f->skill_ids[lo] == skill) ? (int64_t)lo : -1;
}

static bool listed_conflict(const struct plan_principal *pr, int32_t a)
{
    size_t lo = 0, hi = pr->n_conflicts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pr->conflicts[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < pr->n_conflicts && pr->conflicts[lo] == a;
}

/* Qualification and pair cost of (p, a) from the dense skill matrix; the same numbers as
 * plan_qualified / plan_pair_cost. Returns false when a may not cover p. */
static bool pair_fast(const struct fast *f, int32_t p, int32_t a, int64_t *cost)
{
    const struct plan_principal *pr = &f->inst->principals[p];
    const struct plan_assistant *as = &f->inst->assistants[a];
    const uint8_t *row = f->lvl + (size_t)a * f->S;
    for (size_t k = 0; k < pr->n_must; k++)
        if (row[find_skill(f, pr->must[k].skill)] < pr->must[k].level)
            return false;
    if (listed_conflict(pr, a) ||
        (f->inst->conflict && f->inst->conflict(f->inst->conflict_ctx, p, a)))
        return false;
    const struct plan_weights *w = f->w;
    int64_t c = 0;
    for (size_t k = 0; k < pr->n_nice; k++) {
        int32_t have = row[find_skill(f, pr->nice[k].skill)];
        if (have < pr->nice[k].level)
            c += (int64_t)(pr->nice[k].level - have) * w->nice_level;
    }
    int64_t des = w->not_designated;
    for (size_t k = 0; k < pr->n_backups; k++)
        if (pr->backups[k] == a) {
            des = (int64_t)k * w->rank_step;
            break;
        }
    c += des;
    if (!(pr->office != 0 && pr->office == as->office))
        c += w->other_office;
    if (!(pr->tz != 0 && pr->tz == as->tz))
        c += w->other_tz;
    *cost = c;
    return true;
}

/* Pair cost of a candidate of p by binary search; falls back to pair_fast. Returns false when
 * a is not qualified for p. */
static bool cand_cost(const struct fast *f, int32_t p, int32_t a, int64_t *cost)
{
    size_t lo = f->ks[p], hi = f->ks[p + 1];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->kb[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->ks[p + 1] && f->kb[lo] == a) {
        *cost = f->kbc[lo];
        return true;
    }
    if (!f->ktrunc[p])
        return false;
    return pair_fast(f, p, a, cost);
}

static double gap_static(const struct fast *f, size_t g)
{
    int32_t a = f->asg[g];
    if (a < 0)
        return uncovered_cost(f, f->gp[g]);
    int64_t c = 0;
    cand_cost(f, f->gp[g], a, &c);
    return (double)c;
}

static double pair_switch(const struct fast *f, size_t g) /* the pair (g-1, g) */
{
    if (!f->glink[g])
        return 0;
    int32_t a = f->asg[g - 1], b = f->asg[g];
    return (a >= 0 && b >= 0 && a != b) ? (double)f->w->switch_backup : 0;
}

/* Cost of group k now: one_substitute per covering assistant beyond the first. */
static double grp_cost(const struct fast *f, size_t k)
{
    size_t distinct = 0;
    for (size_t q = f->gr.start[k]; q < f->gr.start[k + 1]; q++) {
        int32_t a = f->asg[f->gr.member[q]];
        if (a < 0)
            continue;
        bool dup = false;
        for (size_t r = f->gr.start[k]; r < q && !dup; r++)
            dup = f->asg[f->gr.member[r]] == a;
        distinct += !dup;
    }
    return distinct > 1 ? (double)(distinct - 1) * (double)f->w->one_substitute : 0;
}

/* What covering gap g (in a group) by a adds to its group's cost, the mates as they are. */
static double grp_extra(const struct fast *f, size_t g, int32_t a)
{
    int32_t k = f->gr.gap_group[g];
    if (k < 0)
        return 0;
    bool other = false;
    for (size_t q = f->gr.start[k]; q < f->gr.start[k + 1]; q++) {
        size_t h = (size_t)f->gr.member[q];
        if (h == g || f->asg[h] < 0)
            continue;
        if (f->asg[h] == a)
            return 0;
        other = true;
    }
    return other ? (double)f->w->one_substitute : 0;
}

static int8_t *res_at(const struct fast *f, int32_t a, size_t g)
{
    return &f->res[(size_t)a * f->T + (size_t)f->gt[g]];
}

/* ---- assignment changes and moves ---- */

static void touch(struct fast *f, int32_t a)
{
    if (!f->mark[a]) {
        f->mark[a] = 1;
        f->touched[f->n_touched++] = a;
    }
}

static void touch_clear(struct fast *f)
{
    for (size_t i = 0; i < f->n_touched; i++) {
        f->mark[f->touched[i]] = 0;
        f->dn[f->touched[i]] = 0;
    }
    f->n_touched = 0;
}

static void set_asg(struct fast *f, size_t g, int32_t a)
{
    int32_t old = f->asg[g];
    if (old == a)
        return;
    if (old >= 0) {
        (*res_at(f, old, g))++;
        f->cnt[(size_t)old * f->T + (size_t)f->gt[g]]--;
        f->n[old]--;
        f->dn[old]--;
        touch(f, old);
        f->covered--;
    }
    if (a >= 0) {
        (*res_at(f, a, g))--;
        f->cnt[(size_t)a * f->T + (size_t)f->gt[g]]++;
        f->n[a]++;
        f->dn[a]++;
        touch(f, a);
        f->covered++;
    }
    f->asg[g] = a;
}

static void mv_begin(struct fast *f)
{
    f->n_log = 0;
    touch_clear(f);
    f->covered0 = f->covered;
}

static void mv_set(struct fast *f, size_t g, int32_t a)
{
    if (f->n_log == f->cap_log) {
        f->cap_log = f->cap_log ? 2 * f->cap_log : 256;
        f->log = hl_realloc(f->log, f->cap_log * sizeof *f->log);
    }
    f->log[f->n_log++] = (struct undo){(int32_t)g, f->asg[g], a};
    set_asg(f, g, a);
}

static void mv_revert(struct fast *f)
{
    for (size_t i = f->n_log; i-- > 0;)
        set_asg(f, (size_t)f->log[i].g, f->log[i].from);
}

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* Statics of the changed gaps D plus every switch pair touching them, plus the groups they
 * belong to. */
static double dirty_cost(struct fast *f, const int32_t *d, size_t nd)
{
    double c = 0;
    if (f->has_grp)
        f->gclock++;
    for (size_t i = 0; i < nd; i++) {
        size_t g = (size_t)d[i];
        c += gap_static(f, g) + pair_switch(f, g);
        if (f->has_grp && f->gr.gap_group[g] >= 0) {
            size_t k = (size_t)f->gr.gap_group[g];
            if (f->gseen[k] != f->gclock) {
                f->gseen[k] = f->gclock;
                c += grp_cost(f, k);
            }
        }
        if (g + 1 < f->G && !(i + 1 < nd && (size_t)d[i + 1] == g + 1))
            c += pair_switch(f, g + 1);
    }
    return c;
}

/* Fairness change since mv_begin (the state is the "after" state). */
static double fair_delta(const struct fast *f)
{
    if (f->covered != f->covered0)
        return fair_total(f) - f->F;
    double m = mean(f), d = 0;
    for (size_t i = 0; i < f->n_touched; i++) {
        int32_t a = f->touched[i];
        if (f->dn[a])
            d += fair_at(f, (size_t)a, 0, m) - fair_at(f, (size_t)a, -f->dn[a], m);
    }
    return d;
}

/* Objective change of the logged move; leaves the state as before the move. */
static double mv_eval(struct fast *f)
{
    if (f->n_log > f->cap_dirty) {
        f->cap_dirty = f->n_log;
        f->dirty = hl_realloc(f->dirty, f->cap_dirty * sizeof *f->dirty);
    }
    size_t nd = 0;
    for (size_t i = 0; i < f->n_log; i++)
        f->dirty[nd++] = f->log[i].g;
    if (nd > 48) {
        qsort(f->dirty, nd, sizeof *f->dirty, cmp_i32);
    } else {
        for (size_t i = 1; i < nd; i++) {
            int32_t x = f->dirty[i];
            size_t j = i;
            while (j > 0 && f->dirty[j - 1] > x) {
                f->dirty[j] = f->dirty[j - 1];
                j--;
            }
            f->dirty[j] = x;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < nd; i++)
        if (k == 0 || f->dirty[k - 1] != f->dirty[i])
            f->dirty[k++] = f->dirty[i];
    nd = k;
    double after = dirty_cost(f, f->dirty, nd);
    f->move_dF = fair_delta(f);
    mv_revert(f);
    double before = dirty_cost(f, f->dirty, nd);
    return after - before + f->move_dF;
}

/* Applies the logged move again (after mv_eval) and books it. */
static void mv_commit(struct fast *f)
{
    for (size_t i = 0; i < f->n_log; i++) {
        set_asg(f, (size_t)f->log[i].g, f->log[i].to);
        f->cstamp[f->gchain[f->log[i].g]] = f->epoch;
    }
    for (size_t i = 0; i < f->n_touched; i++)
        f->astamp[f->touched[i]] = f->epoch;
    f->F += f->move_dF;
    f->moves++;
    touch_clear(f);
    f->n_log = 0;
}

/* ---- set-up ---- */

struct scand {
    int64_t cost;
    uint32_t tie;
    int32_t a;
};

static int cmp_scand(const void *x, const void *y)
{
    const struct scand *p = x, *q = y;
    if (p->cost != q->cost)
        return (p->cost > q->cost) - (p->cost < q->cost);
    if (p->tie != q->tie)
        return (p->tie > q->tie) - (p->tie < q->tie);
    return (p->a > q->a) - (p->a < q->a);
}

static void swap_scand(struct scand *x, struct scand *y)
{
    struct scand t = *x;
    *x = *y;
    *y = t;
}

/* Sorts a candidate list: insertion sort for the usual short lists, qsort otherwise. */
static void sort_scand(struct scand *v, size_t n, int (*cmp)(const void *, const void *))
{
    if (n > 64) {
        qsort(v, n, sizeof *v, cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        struct scand x = v[i];
        size_t j = i;
        while (j > 0 && cmp(&v[j - 1], &x) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* A max-heap (by cmp_scand) of the cheapest candidates seen so far. */
static void heap_sift_down(struct scand *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, big = i;
        if (l < n && cmp_scand(&h[l], &h[big]) > 0)
            big = l;
        if (r < n && cmp_scand(&h[r], &h[big]) > 0)
            big = r;
        if (big == i)
            return;
        swap_scand(&h[i], &h[big]);
        i = big;
    }
}

static void heap_push(struct scand *h, size_t *n, struct scand x)
{
    size_t i = (*n)++;
    h[i] = x;
    while (i > 0 && cmp_scand(&h[(i - 1) / 2], &h[i]) < 0) {
        swap_scand(&h[(i - 1) / 2], &h[i]);
        i = (i - 1) / 2;
    }
}

static void heap_replace_top(struct scand *h, size_t n, struct scand x)
{
    h[0] = x;
    heap_sift_down(h, n, 0);
}

static int cmp_scand_a(const void *x, const void *y)
{
    const struct scand *p = x, *q = y;
    return (p->a > q->a) - (p->a < q->a);
}

static uint32_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Index of the first distinct gap slot >= slot (T when none). */
static size_t time_index(const struct fast *f, int64_t slot)
{
    if (f->tlb) {
        if (slot <= f->tmin)
            return 0;
        if (slot - f->tmin >= (int64_t)f->span)
            return f->T;
        return f->tlb[slot - f->tmin];
    }
    size_t lo = 0, hi = f->T;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->tslot[mid] < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The distinct gap slots, sorted, into f->tslot/f->T; with a dense lookup table f->tlb when
 * the slots span a range not much larger than their number. */
static void setup_times(struct fast *f, int64_t *slots)
{
    size_t G = f->G;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t g = 0; g < G; g++) {
        lo = slots[g] < lo ? slots[g] : lo;
        hi = slots[g] > hi ? slots[g] : hi;
    }
    uint64_t span = G ? (uint64_t)(hi - lo) + 1 : 0;
    if (G && span <= 4 * (uint64_t)G + (1u << 20)) {
        f->tmin = lo;
        f->span = (size_t)span;
        f->tlb = hl_calloc(f->span + 1, sizeof *f->tlb);
        for (size_t g = 0; g < G; g++)
            f->tlb[slots[g] - lo] = 1;
        size_t T = 0;
        for (size_t x = 0; x < f->span; x++) {
            bool present = f->tlb[x] != 0;
            f->tlb[x] = (uint32_t)T;
            if (present)
                slots[T++] = lo + (int64_t)x;
        }
        f->T = T;
    } else {
        qsort(slots, G, sizeof *slots, cmp_i64);
        size_t T = 0;
        for (size_t g = 0; g < G; g++)
            if (T == 0 || slots[T - 1] != slots[g])
                slots[T++] = slots[g];
        f->T = T;
    }
    f->tslot = slots;
}

static void setup_gaps(struct fast *f)
{
    const struct plan_instance *inst = f->inst;
    f->pg = hl_malloc((f->P + 1) * sizeof *f->pg);
    f->pg[0] = 0;
    for (size_t p = 0; p < f->P; p++)
        f->pg[p + 1] = f->pg[p] + inst->principals[p].n_gaps;
    f->G = f->pg[f->P];
    size_t G = f->G;
    f->gp = hl_malloc((G + 1) * sizeof *f->gp);
    f->gt = hl_malloc((G + 1) * sizeof *f->gt);
    f->glink = hl_calloc(G + 1, 1);
    f->asg = hl_malloc((G + 1) * sizeof *f->asg);
    int64_t *slots = hl_malloc((G + 1) * sizeof *slots);
    size_t nc = 0;
    for (size_t p = 0; p < f->P; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        for (size_t i = 0; i < pr->n_gaps; i++) {
            size_t g = f->pg[p] + i;
            f->gp[g] = (int32_t)p;
            f->asg[g] = -1;
            slots[g] = pr->gaps[i];
            f->glink[g] =
                i > 0 && (pr->gaps[i] - pr->gaps[i - 1]) * inst->slot_minutes <= f->w->link_minutes;
            if (!f->glink[g])
                nc++;
        }
    }
    f->NC = nc;
    f->cs = hl_malloc((nc + 1) * sizeof *f->cs);
    size_t c = 0;
    for (size_t g = 0; g < G; g++)
        if (!f->glink[g])
            f->cs[c++] = g;
    f->cs[nc] = G;
    f->gchain = hl_malloc((G + 1) * sizeof *f->gchain);
    for (c = 0; c < nc; c++)
        for (size_t g = f->cs[c]; g < f->cs[c + 1]; g++)
            f->gchain[g] = c;
    setup_times(f, slots);
    size_t T = f->T;
    f->ts = hl_calloc(T + 2, sizeof *f->ts);
    f->tg = hl_malloc((G + 1) * sizeof *f->tg);
    for (size_t p = 0; p < f->P; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        for (size_t i = 0; i < pr->n_gaps; i++) {
            size_t g = f->pg[p] + i;
            f->gt[g] = (int32_t)time_index(f, pr->gaps[i]);
            f->ts[f->gt[g] + 1]++;
        }
    }
    for (size_t t = 0; t < T; t++)
        f->ts[t + 1] += f->ts[t];
    size_t *fill = hl_calloc(T + 1, sizeof *fill);
    for (size_t g = 0; g < G; g++) {
        size_t t = (size_t)f->gt[g];
        f->tg[f->ts[t] + fill[t]++] = (int32_t)g;
    }
    free(fill);
}

static void setup_residual(struct fast *f)
{
    size_t T = f->T;
    f->res = hl_malloc(f->A * T + 1);
    memset(f->res, -1, f->A * T + 1);
    for (size_t a = 0; a < f->A; a++) {
        const struct plan_assistant *as = &f->inst->assistants[a];
        int8_t *row = f->res + a * T;
        int8_t cap = (int8_t)(as->capacity > 127 ? 127 : as->capacity);
        for (size_t r = 0; r < as->n_avail; r++)
            for (size_t t = time_index(f, as->avail[r].from);
                 t < T && f->tslot[t] < as->avail[r].to; t++)
                row[t] = cap;
        for (size_t r = 0; r < as->n_load; r++)
            for (size_t t = time_index(f, as->load[r].from); t < T && f->tslot[t] < as->load[r].to;
                 t++)
                if (row[t] > 0) {
                    int32_t v = row[t] - as->load[r].count;
                    row[t] = (int8_t)(v < 0 ? 0 : v);
                }
    }
}

static void setup_skills(struct fast *f)
{
    const struct plan_instance *inst = f->inst;
    size_t n = 0;
    for (size_t p = 0; p < f->P; p++)
        n += inst->principals[p].n_must + inst->principals[p].n_nice;
    f->skill_ids = hl_malloc((n + 1) * sizeof *f->skill_ids);
    n = 0;
    for (size_t p = 0; p < f->P; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        for (size_t k = 0; k < pr->n_must; k++)
            f->skill_ids[n++] = pr->must[k].skill;
        for (size_t k = 0; k < pr->n_nice; k++)
            f->skill_ids[n++] = pr->nice[k].skill;
    }
    qsort(f->skill_ids, n, sizeof *f->skill_ids, cmp_i64);
    size_t S = 0;
    for (size_t i = 0; i < n; i++)
        if (S == 0 || f->skill_ids[S - 1] != f->skill_ids[i])
            f->skill_ids[S++] = f->skill_ids[i];
    f->S = S;
    f->lvl = hl_calloc(f->A * S + 1, 1);
    for (size_t a = 0; a < f->A; a++) {
        const struct plan_assistant *as = &inst->assistants[a];
        for (size_t k = 0; k < as->n_skills; k++) {
            int64_t s = find_skill(f, as->skills[k].skill);
            if (s >= 0) {
                int32_t l = as->skills[k].level;
                f->lvl[a * S + (size_t)s] = (uint8_t)(l < 0 ? 0 : l > 255 ? 255 : l);
            }
        }
    }
}

/* Could assistant a take any gap of principal p, load aside (works it, not absent, room left
 * beyond the existing load)? Covers of the plan so far do not count: they can move. */
static bool useful(const struct fast *f, size_t p, size_t a)
{
    if (!f->aroom[a])
        return false;
    const int8_t *row = f->res + a * f->T;
    const uint8_t *crow = f->cnt + a * f->T;
    /* at most 16 gaps looked at, evenly spread: a cheap test, not a proof */
    size_t n = f->pg[p + 1] - f->pg[p], step = n > 16 ? n / 16 : 1;
    for (size_t g = f->pg[p]; g < f->pg[p + 1]; g += step) {
        size_t t = (size_t)f->gt[g];
        if (row[t] >= 0 && row[t] + crow[t] > 0)
            return true;
    }
    return false;
}

/* Candidate lists: every qualified assistant of each principal with gaps who could take at
 * least one of its gaps, cheapest first, cut to max_candidates — or to wide[p] where wide is
 * given (ties broken by a scan order that starts at a point drawn from the principal, so load
 * spreads). Availability matters: an office mostly away is full of cheap-looking assistants
 * who cannot take a single slot, and a list of them hides the ones who can. Called again
 * (lists rebuilt) when some principals need wider lists. */
static void setup_candidates(struct fast *f, const size_t *wide, const uint8_t *redo)
{
    const struct plan_instance *inst = f->inst;
    const struct plan_weights *w = f->w;
    size_t K0 = (size_t)(f->o.max_candidates > 0 ? f->o.max_candidates : 1);
    /* the old lists: kept for the principals not to redo */
    size_t *oks = f->ks;
    uint8_t *otrunc = f->ktrunc;
    int32_t *oka = f->ka;
    int64_t *okc = f->kc;
    if (!redo || !oks) {
        redo = NULL;
        f->pairs = 0;
    }
    free(f->kb);
    free(f->kbc);
    free(f->aoffice);
    free(f->atz);
    f->ks = hl_malloc((f->P + 1) * sizeof *f->ks);
    f->ktrunc = hl_calloc(f->P + 1, 1);
    size_t cap = 0, n = 0;
    f->ka = f->kb = NULL;
    f->kc = f->kbc = NULL;
    struct scand *tmp = hl_malloc((f->A + 1) * sizeof *tmp);
    int64_t *des = hl_malloc((f->A + 1) * sizeof *des);
    for (size_t a = 0; a < f->A; a++)
        des[a] = w->not_designated;
    /* offices and zones side by side: the loop below reads them for every pair */
    f->aoffice = hl_malloc((f->A + 1) * sizeof *f->aoffice);
    f->atz = hl_malloc((f->A + 1) * sizeof *f->atz);
    for (size_t a = 0; a < f->A; a++) {
        f->aoffice[a] = inst->assistants[a].office;
        f->atz[a] = inst->assistants[a].tz;
    }
    int32_t *ms = NULL, *ns = NULL;
    size_t cap_req = 0;
    for (size_t p = 0; p < f->P; p++) {
        f->ks[p] = n;
        const struct plan_principal *pr = &inst->principals[p];
        if (pr->n_gaps == 0)
            continue;
        if (redo && !redo[p]) {
            size_t m = oks[p + 1] - oks[p];
            if (n + m > cap) {
                while (n + m > cap)
                    cap = cap ? 2 * cap : 1024;
                f->ka = hl_realloc(f->ka, cap * sizeof *f->ka);
                f->kc = hl_realloc(f->kc, cap * sizeof *f->kc);
            }
            memcpy(f->ka + n, oka + oks[p], m * sizeof *f->ka);
            memcpy(f->kc + n, okc + oks[p], m * sizeof *f->kc);
            f->ktrunc[p] = otrunc[p];
            n += m;
            continue;
        }
        size_t K = wide && wide[p] > K0 ? wide[p] : K0;
        if (K > f->A)
            K = f->A;
        size_t need = pr->n_must + pr->n_nice + 1;
        if (need > cap_req) {
            cap_req = need;
            ms = hl_realloc(ms, cap_req * sizeof *ms);
            ns = hl_realloc(ns, cap_req * sizeof *ns);
        }
        for (size_t k = 0; k < pr->n_must; k++)
            ms[k] = (int32_t)find_skill(f, pr->must[k].skill);
        for (size_t k = 0; k < pr->n_nice; k++)
            ns[k] = (int32_t)find_skill(f, pr->nice[k].skill);
        /* designation cost of every assistant for this principal */
        for (size_t k = pr->n_backups; k-- > 0;)
            des[pr->backups[k]] = (int64_t)k * w->rank_step;
        bool conflicts = pr->n_conflicts > 0 || inst->conflict;
        int64_t poff = pr->office, ptz = pr->tz;
        int64_t woff = w->other_office, wtz = w->other_tz, wnice = w->nice_level;
        /* The K cheapest so far, as a max-heap. Ties go to the earlier in a scan that starts
         * at a point drawn from the principal, so equal candidates share the load. The loop
         * is kept free of unpredictable branches: it runs for every pair. */
        size_t m = 0, total = 0, start = f->A ? mix(p) % f->A : 0;
        for (size_t i = 0, a = start; i < f->A; i++, a = a + 1 == f->A ? 0 : a + 1) {
            const uint8_t *row = f->lvl + a * f->S;
            int ok = 1;
            for (size_t k = 0; k < pr->n_must; k++)
                ok &= row[ms[k]] >= pr->must[k].level;
            if (!ok)
                continue;
            if (conflicts &&
                (listed_conflict(pr, (int32_t)a) ||
                 (inst->conflict && inst->conflict(inst->conflict_ctx, (int32_t)p, (int32_t)a))))
                continue;
            int64_t c = des[a];
            for (size_t k = 0; k < pr->n_nice; k++) {
                int64_t miss = (int64_t)pr->nice[k].level - row[ns[k]];
                c += (miss > 0 ? miss : 0) * wnice;
            }
            c += (int64_t)(poff == 0 || poff != f->aoffice[a]) * woff;
            c += (int64_t)(ptz == 0 || ptz != f->atz[a]) * wtz;
            if (m == K && c >= tmp[0].cost) {
                total++;
                continue; /* no cheaper than the dearest kept, which came earlier */
            }
            if (!useful(f, p, a))
                continue;
            total++;
            struct scand x = {c, (uint32_t)i, (int32_t)a};
            if (m < K)
                heap_push(tmp, &m, x);
            else
                heap_replace_top(tmp, m, x);
        }
        for (size_t k = 0; k < pr->n_backups; k++)
            des[pr->backups[k]] = w->not_designated;
        f->pairs += (int64_t)total;
        f->ktrunc[p] = total > K;
        sort_scand(tmp, m, cmp_scand);
        if (n + m > cap) {
            while (n + m > cap)
                cap = cap ? 2 * cap : 1024;
            f->ka = hl_realloc(f->ka, cap * sizeof *f->ka);
            f->kc = hl_realloc(f->kc, cap * sizeof *f->kc);
        }
        for (size_t i = 0; i < m; i++) {
            f->ka[n + i] = tmp[i].a;
            f->kc[n + i] = tmp[i].cost;
        }
        n += m;
    }
    f->ks[f->P] = n;
    f->kb = hl_malloc((n + 1) * sizeof *f->kb);
    f->kbc = hl_malloc((n + 1) * sizeof *f->kbc);
    for (size_t p = 0; p < f->P; p++) {
        size_t m = 0;
        for (size_t i = f->ks[p]; i < f->ks[p + 1]; i++)
            tmp[m++] = (struct scand){f->kc[i], 0, f->ka[i]};
        sort_scand(tmp, m, cmp_scand_a);
        for (size_t i = 0; i < m; i++) {
            f->kb[f->ks[p] + i] = tmp[i].a;
            f->kbc[f->ks[p] + i] = tmp[i].cost;
        }
    }
    free(tmp);
    free(des);
    free(ms);
    free(ns);
    free(oks);
    free(otrunc);
    free(oka);
    free(okc);
}

/* ---- the chain DP ---- */

static void ensure_dp(struct fast *f, size_t m, size_t L)
{
    if (m + 1 > f->cap_cand) {
        f->cap_cand = 2 * (m + 1);
        f->ca = hl_realloc(f->ca, f->cap_cand * sizeof *f->ca);
        f->cc = hl_realloc(f->cc, f->cap_cand * sizeof *f->cc);
        f->price = hl_realloc(f->price, f->cap_cand * sizeof *f->price);
        f->dpa = hl_realloc(f->dpa, f->cap_cand * sizeof *f->dpa);
        f->dpb = hl_realloc(f->dpb, f->cap_cand * sizeof *f->dpb);
    }
    if (L + 1 > f->cap_chain) {
        f->cap_chain = 2 * (L + 1);
        f->out = hl_realloc(f->out, f->cap_chain * sizeof *f->out);
        f->best = hl_realloc(f->best, f->cap_chain * sizeof *f->best);
        f->fam = hl_realloc(f->fam, f->cap_chain * sizeof *f->fam);
    }
    if ((m + 1) * (L + 1) > f->cap_dp) {
        f->cap_dp = 2 * (m + 1) * (L + 1);
        f->feas = hl_realloc(f->feas, f->cap_dp);
        f->bp = hl_realloc(f->bp, f->cap_dp * sizeof *f->bp);
    }
}

/* Candidate set of chain [g0, g0+L): the principal's `limit` cheapest candidates plus the
 * assistants now covering it (an augmenting path may have used someone outside the list).
 * Fills f->ca/f->cc; returns how many. */
static size_t chain_candidates(struct fast *f, size_t g0, size_t L, size_t limit)
{
    int32_t p = f->gp[g0];
    size_t m0 = f->ks[p + 1] - f->ks[p];
    if (m0 > limit)
        m0 = limit;
    ensure_dp(f, m0 + L, L);
    size_t m = 0;
    for (size_t i = f->ks[p]; i < f->ks[p] + m0; i++) {
        f->ca[m] = f->ka[i];
        f->cc[m++] = (double)f->kc[i];
    }
    for (size_t i = 0; i < L; i++) {
        int32_t a = f->asg[g0 + i];
        if (a < 0)
            continue;
        bool have = false;
        for (size_t j = 0; j < m && !have; j++)
            have = f->ca[j] == a;
        int64_t c;
        if (!have && cand_cost(f, p, a, &c)) {
            f->ca[m] = a;
            f->cc[m++] = (double)c;
        }
    }
    return m;
}

/* Min-cost assignment of the chain [g0, g0+L) given the other covers: each slot takes one of
 * the m candidates with room (cost cc + price) or stays open (U); a change of backup between
 * covered slots costs the switch weight. Writes f->out[0..L). */
static void chain_dp(struct fast *f, size_t g0, size_t L, size_t m, double U)
{
    f->work += (int64_t)(L * (m + 1));
    double S = (double)f->w->switch_backup;
    uint8_t *feas = f->feas;
    for (size_t j = 0; j < m; j++) {
        const int8_t *row = f->res + (size_t)f->ca[j] * f->T;
        for (size_t i = 0; i < L; i++)
            feas[j * L + i] = row[f->gt[g0 + i]] > 0;
    }
    double *prev = f->dpa, *cur = f->dpb;
    int32_t *bp = f->bp;
    size_t W = m + 1;
    bool grp = f->has_grp && f->pgrp[f->gp[g0]];
    for (size_t j = 0; j < m; j++) {
        prev[j] =
            feas[j * L] ? f->cc[j] + f->price[j] + (grp ? grp_extra(f, g0, f->ca[j]) : 0) : INF;
        bp[j] = -1;
    }
    prev[m] = U;
    bp[m] = -1;
    for (size_t i = 1; i < L; i++) {
        double b1 = INF, b2 = INF;
        int32_t j1 = -1, j2 = -1;
        for (size_t j = 0; j < m; j++) {
            double v = prev[j];
            if (v < b1) {
                b2 = b1;
                j2 = j1;
                b1 = v;
                j1 = (int32_t)j;
            } else if (v < b2) {
                b2 = v;
                j2 = (int32_t)j;
            }
        }
        double ball = b1;
        int32_t jall = j1;
        if (prev[m] < ball || jall < 0) {
            ball = prev[m];
            jall = (int32_t)m;
        }
        int32_t *bpi = bp + i * W;
        for (size_t j = 0; j < m; j++) {
            if (!feas[j * L + i]) {
                cur[j] = INF;
                bpi[j] = -1;
                continue;
            }
            double best = prev[j];
            int32_t from = (int32_t)j;
            double other = j1 == (int32_t)j ? b2 : b1;
            int32_t oj = j1 == (int32_t)j ? j2 : j1;
            if (oj >= 0 && other + S < best) {
                best = other + S;
                from = oj;
            }
            if (prev[m] < best) {
                best = prev[m];
                from = (int32_t)m;
            }
            cur[j] = f->cc[j] + f->price[j] + best + (grp ? grp_extra(f, g0 + i, f->ca[j]) : 0);
            bpi[j] = from;
        }
        cur[m] = U + ball;
        bpi[m] = jall;
        double *t = prev;
        prev = cur;
        cur = t;
    }
    int32_t s = (int32_t)m;
    double bv = prev[m];
    for (size_t j = 0; j < m; j++)
        if (prev[j] < bv) {
            bv = prev[j];
            s = (int32_t)j;
        }
    for (size_t i = L; i-- > 0;) {
        f->out[i] = s == (int32_t)m ? -1 : f->ca[s];
        s = i > 0 ? bp[i * W + (size_t)s] : -1;
        if (i > 0 && s < 0) /* cannot happen: every state has a predecessor */
            s = (int32_t)m;
    }
}

/* Fairness price of taking `len` more slots, per slot, for each candidate. */
static void set_prices(struct fast *f, size_t m, size_t len, double mbar)
{
    for (size_t j = 0; j < m; j++) {
        size_t a = (size_t)f->ca[j];
        double base = fair_at(f, a, 0, mbar);
        f->price[j] = (fair_at(f, a, (int64_t)len, mbar) - base) / (double)len;
    }
}

/* ---- phase 1: construction ---- */

struct chain_order {
    int32_t prio;
    size_t ncand, len, c;
};

static int cmp_chain_order(const void *x, const void *y)
{
    const struct chain_order *p = x, *q = y;
    if (p->prio != q->prio)
        return p->prio < q->prio ? 1 : -1;
    if (p->ncand != q->ncand)
        return p->ncand < q->ncand ? -1 : 1;
    if (p->len != q->len)
        return p->len > q->len ? -1 : 1;
    return (p->c > q->c) - (p->c < q->c);
}

static void construct(struct fast *f)
{
    struct chain_order *ord = hl_malloc((f->NC + 1) * sizeof *ord);
    for (size_t c = 0; c < f->NC; c++) {
        int32_t p = f->gp[f->cs[c]];
        ord[c] = (struct chain_order){f->inst->principals[p].priority, f->ks[p + 1] - f->ks[p],
                                      f->cs[c + 1] - f->cs[c], c};
    }
    qsort(ord, f->NC, sizeof *ord, cmp_chain_order);
    /* the mean the plan will roughly have: every gap covered */
    double mbar = f->A ? (f->sum_prior + (double)f->G) / (double)f->A : 0;
    for (size_t k = 0; k < f->NC; k++) {
        size_t c = ord[k].c, g0 = f->cs[c], L = f->cs[c + 1] - g0;
        int32_t p = f->gp[g0];
        size_t m = chain_candidates(f, g0, L, SIZE_MAX);
        if (m == 0)
            continue;
        set_prices(f, m, L, mbar);
        chain_dp(f, g0, L, m, uncovered_cost(f, p));
        for (size_t i = 0; i < L; i++)
            set_asg(f, g0 + i, f->out[i]);
    }
    touch_clear(f);
    free(ord);
}

/* ---- phase 2: cover what can be covered (augmenting paths per slot) ---- */

struct ugap {
    int32_t prio;
    int32_t g;
};

static int cmp_ugap(const void *x, const void *y)
{
    const struct ugap *p = x, *q = y;
    if (p->prio != q->prio)
        return p->prio < q->prio ? 1 : -1;
    return (p->g > q->g) - (p->g < q->g);
}

#define WIDEN_MAX 256

/* For the open gaps in time indexes [tlo, thi). */
static void augment(struct fast *f, size_t tlo, size_t thi)
{
    size_t nu = 0;
    if (thi > f->T)
        thi = f->T;
    for (size_t k = f->ts[tlo]; k < f->ts[thi]; k++)
        nu += f->asg[f->tg[k]] < 0;
    if (nu == 0 || f->A == 0)
        return;
    struct ugap *u = hl_malloc(nu * sizeof *u);
    nu = 0;
    for (size_t k = f->ts[tlo]; k < f->ts[thi]; k++) {
        size_t g = (size_t)f->tg[k];
        if (f->asg[g] < 0)
            u[nu++] = (struct ugap){f->inst->principals[f->gp[g]].priority, (int32_t)g};
    }
    qsort(u, nu, sizeof *u, cmp_ugap);
    int32_t *head = hl_malloc(f->A * sizeof *head);
    for (size_t a = 0; a < f->A; a++)
        head[a] = -1;
    int32_t *next = hl_malloc(f->G * sizeof *next);
    int32_t *parA = hl_malloc(f->A * sizeof *parA); /* gap from which assistant was reached */
    uint8_t *visA = hl_calloc(f->A, 1);
    uint8_t *visG = hl_calloc(f->G, 1);
    int32_t *queue = hl_malloc((f->G + 1) * sizeof *queue);
    int32_t *seenA = hl_malloc((f->A + 1) * sizeof *seenA);
    for (size_t k = 0; k < nu; k++) {
        size_t g = (size_t)u[k].g;
        if (f->asg[g] >= 0)
            continue;
        int32_t p = f->gp[g];
        size_t t = (size_t)f->gt[g];
        /* direct: the cheapest candidate with room */
        int32_t pick = -1;
        for (size_t i = f->ks[p]; i < f->ks[p + 1] && pick < 0; i++)
            if (*res_at(f, f->ka[i], g) > 0)
                pick = f->ka[i];
        if (pick < 0 && f->ktrunc[p]) {
            int64_t bc = INT64_MAX, c;
            for (size_t a = 0; a < f->A; a++)
                if (*res_at(f, (int32_t)a, g) > 0 && pair_fast(f, p, (int32_t)a, &c) && c < bc) {
                    bc = c;
                    pick = (int32_t)a;
                }
        }
        if (pick >= 0) {
            set_asg(f, g, pick);
            continue;
        }
        /* BFS over the gaps of slot t */
        for (size_t i = f->ts[t]; i < f->ts[t + 1]; i++) {
            int32_t h = f->tg[i];
            if (f->asg[h] >= 0) {
                next[h] = head[f->asg[h]];
                head[f->asg[h]] = h;
            }
        }
        size_t qh = 0, qt = 0, ns = 0;
        queue[qt++] = (int32_t)g;
        visG[g] = 1;
        int32_t found = -1;
        while (qh < qt && found < 0) {
            int32_t h = queue[qh++];
            int32_t ph = f->gp[h];
            for (size_t i = f->ks[ph]; i < f->ks[ph + 1] && found < 0; i++) {
                int32_t b = f->ka[i];
                if (visA[b] || b == f->asg[h] || *res_at(f, b, (size_t)h) < 0)
                    continue;
                visA[b] = 1;
                seenA[ns++] = b;
                parA[b] = h;
                if (*res_at(f, b, (size_t)h) > 0) {
                    found = b;
                    break;
                }
                for (int32_t h2 = head[b]; h2 >= 0; h2 = next[h2])
                    if (!visG[h2]) {
                        visG[h2] = 1;
                        queue[qt++] = h2;
                    }
            }
        }
        if (found < 0 && f->wantw) {
            /* no room within the lists: widen those that were searched, if they were cut */
            /* nearest first, at most WIDEN_MAX per round: rebuilding a list costs a scan of
             * every assistant, and a large organisation's busy slot reaches thousands */
            for (size_t i = 0; i < qt && f->n_wantw < WIDEN_MAX; i++) {
                int32_t ph = f->gp[queue[i]];
                if (f->ktrunc[ph] && !f->wantw[ph]) {
                    f->wantw[ph] = 1;
                    f->n_wantw++;
                }
            }
        }
        if (found < 0) {
            /* exchange: uncover the lowest-priority reachable gap if it is less important */
            int32_t victim = -1, vprio = u[k].prio;
            for (size_t i = 1; i < qt; i++) {
                int32_t pr = f->inst->principals[f->gp[queue[i]]].priority;
                if (pr < vprio) {
                    vprio = pr;
                    victim = queue[i];
                }
            }
            if (victim >= 0) {
                found = f->asg[victim];
                set_asg(f, (size_t)victim, -1);
            }
        }
        if (found >= 0) {
            int32_t b = found;
            for (;;) {
                int32_t h = parA[b];
                int32_t old = f->asg[h];
                set_asg(f, (size_t)h, b);
                if ((size_t)h == g)
                    break;
                b = old;
            }
        }
        for (size_t i = 0; i < qt; i++)
            visG[queue[i]] = 0;
        for (size_t i = 0; i < ns; i++)
            visA[seenA[i]] = 0;
        for (size_t i = f->ts[t]; i < f->ts[t + 1]; i++) {
            int32_t h = f->tg[i];
            if (f->asg[h] >= 0)
                head[f->asg[h]] = -1;
        }
    }
    touch_clear(f);
    free(u);
    free(head);
    free(next);
    free(parA);
    free(visA);
    free(visG);
    free(queue);
    free(seenA);
}

/* Σ priority of the open gaps: what augmenting improves. */
static double open_weight(const struct fast *f)
{
    double s = 0;
    for (size_t g = 0; g < f->G; g++)
        if (f->asg[g] < 0)
            s += f->inst->principals[f->gp[g]].priority;
    return s;
}

/* ---- phase 3: local improvement ---- */

/* Could the chain still improve? Not when one backup covers it all, it is the cheapest
 * candidate and it is not above the fairness threshold (f is non-decreasing). */
static bool chain_settled(const struct fast *f, size_t g0, size_t L)
{
    int32_t a = f->asg[g0], p = f->gp[g0];
    if (a < 0 || f->ks[p] == f->ks[p + 1])
        return false;
    for (size_t i = 1; i < L; i++)
        if (f->asg[g0 + i] != a)
            return false;
    int64_t c;
    if (!cand_cost(f, p, a, &c) || c != f->kc[f->ks[p]])
        return false;
    if (f->has_grp && f->pgrp[p])
        for (size_t i = 0; i < L; i++)
            if (grp_extra(f, g0 + i, a) > 0)
                return false;
    return fair_at(f, (size_t)a, 0, mean(f)) == 0;
}

/* Re-solves one chain by the DP (two price rules), keeps the exact best if it improves. */
static bool move_reopt(struct fast *f, size_t c)
{
    size_t g0 = f->cs[c], L = f->cs[c + 1] - g0;
    int32_t p = f->gp[g0];
    if (chain_settled(f, g0, L))
        return false;
    /* one backup throughout: the run transfers of move_runs cover it */
    bool one = f->asg[g0] >= 0;
    for (size_t i = 1; i < L && one; i++)
        one = f->asg[g0 + i] == f->asg[g0];
    if (one)
        return false;
    size_t m = chain_candidates(f, g0, L, SIZE_MAX);
    if (m == 0)
        return false;
    double mbar = mean(f);
    double best = -EPS;
    bool have = false;
    for (int variant = 0; variant < 2; variant++) {
        if (variant == 1 && L == 1)
            break;
        mv_begin(f);
        for (size_t i = 0; i < L; i++)
            mv_set(f, g0 + i, -1);
        set_prices(f, m, variant == 0 ? 1 : L, mbar);
        chain_dp(f, g0, L, m, uncovered_cost(f, p));
        for (size_t i = 0; i < L; i++)
            mv_set(f, g0 + i, f->out[i]);
        double d = mv_eval(f);
        if (d < best) {
            best = d;
            have = true;
            memcpy(f->best, f->out, L * sizeof *f->best);
        }
    }
    touch_clear(f);
    if (!have)
        return false;
    mv_begin(f);
    for (size_t i = 0; i < L; i++)
        mv_set(f, g0 + i, f->best[i]);
    mv_eval(f);
    mv_commit(f);
    return true;
}

/* Within a move: re-solves chain c by the DP (marginal fairness prices) given the rest, over
 * its RESOLVE_WIDTH cheapest candidates and its current backups. */
#define RESOLVE_WIDTH 16
static void resolve_in_move(struct fast *f, size_t c)
{
    size_t g0 = f->cs[c], L = f->cs[c + 1] - g0;
    size_t m = chain_candidates(f, g0, L, RESOLVE_WIDTH);
    for (size_t i = 0; i < L; i++)
        mv_set(f, g0 + i, -1);
    if (m == 0)
        return;
    set_prices(f, m, 1, mean(f));
    chain_dp(f, g0, L, m, uncovered_cost(f, f->gp[g0]));
    for (size_t i = 0; i < L; i++)
        mv_set(f, g0 + i, f->out[i]);
}

#define MAX_EJECT 4

/* Moves gaps [i, j) (one chain) to b. Where b is full, one of b's covers in that slot is
 * ejected (principal `prefer`'s when it is one of them), and each chain that lost a cover is
 * re-solved by the DP (the old backup has room there now). Returns the change, or INF when
 * impossible; the state is unchanged either way and the move stays in the log for mv_commit. */
static double try_transfer(struct fast *f, size_t i, size_t j, int32_t b, bool eject,
                           int32_t prefer)
{
    for (size_t g = i; g < j; g++) {
        int8_t r = *res_at(f, b, g);
        if (r < 0 || (r == 0 && !eject))
            return INF;
    }
    size_t ejected[MAX_EJECT], ne = 0;
    mv_begin(f);
    for (size_t g = i; g < j; g++)
        mv_set(f, g, -1);
    for (size_t g = i; g < j; g++) {
        if (*res_at(f, b, g) == 0) {
            size_t t = (size_t)f->gt[g];
            int32_t hit = -1;
            size_t left = f->cnt[(size_t)b * f->T + t];
            for (size_t k = f->ts[t]; k < f->ts[t + 1] && left > 0; k++) {
                int32_t h = f->tg[k];
                if (f->asg[h] != b || f->gp[h] == f->gp[g])
                    continue;
                left--;
                bool known = f->gp[h] == prefer;
                for (size_t q = 0; q < ne && !known; q++)
                    known = ejected[q] == f->gchain[h];
                if (hit < 0 || known)
                    hit = h;
                if (known)
                    break;
            }
            bool known = false;
            for (size_t q = 0; hit >= 0 && q < ne && !known; q++)
                known = ejected[q] == f->gchain[hit];
            if (hit < 0 || (!known && ne == MAX_EJECT)) {
                mv_revert(f);
                touch_clear(f);
                f->n_log = 0;
                return INF;
            }
            if (!known)
                ejected[ne++] = f->gchain[hit];
            mv_set(f, (size_t)hit, -1);
        }
        mv_set(f, g, b);
    }
    for (size_t q = 0; q < ne; q++)
        resolve_in_move(f, ejected[q]);
    return mv_eval(f);
}

/* A maximal run [i, j) of one chain covered by assistant a, and what moving it would save. */
struct run {
    size_t g0, g1; /* the chain */
    size_t i, j;
    int32_t p, a;
    double ca;       /* a's pair cost */
    double mbar;     /* the pool mean */
    double fa0;      /* a's fairness now */
    double sigma;    /* the most a's fairness can save per slot given up (convexity) */
    double lb0, rb0; /* switches at the run's borders now */
};

/* Applies the move in the log if it pays; else forgets it. */
static bool keep_if_better(struct fast *f, double d)
{
    if (d < -EPS) {
        mv_commit(f);
        return true;
    }
    f->n_log = 0;
    touch_clear(f);
    return false;
}

/* The principals whose cover b would drop (in the first slot of the run where b is full) to
 * take the whole run, keeping only those whose next-best backup with room there (static cost)
 * and the switches their own run would gain still leave the swap paying. Returns how many. */
static size_t eject_options(const struct fast *f, const struct run *r, int32_t b, double base,
                            int32_t opts[8])
{
    double S = (double)f->w->switch_backup;
    size_t n_full = 0, no = 0;
    for (size_t g = r->i; g < r->j; g++)
        n_full += *res_at(f, b, g) == 0;
    for (size_t g = r->i; g < r->j; g++) {
        if (*res_at(f, b, g) != 0)
            continue;
        size_t t = (size_t)f->gt[g];
        if (f->cnt[(size_t)b * f->T + t] == 0)
            return 0; /* full with its own principals: nothing to eject */
        for (size_t q = f->ts[t]; q < f->ts[t + 1] && no < 8; q++) {
            int32_t h = f->tg[q];
            if (f->asg[h] != b)
                continue;
            int32_t ph = f->gp[h];
            int64_t cqb = 0;
            cand_cost(f, ph, b, &cqb);
            double next = INF;
            for (size_t x = f->ks[ph]; x < f->ks[ph + 1] && next == INF; x++) {
                int32_t y = f->ka[x];
                if (y != b && (y == r->a || *res_at(f, y, (size_t)h) > 0))
                    next = (double)(f->kc[x] - cqb);
            }
            /* b's run on that principal going on past ours means switches */
            double sw = 0;
            size_t hl = (size_t)h, hr = (size_t)h;
            while (f->glink[hl] && f->asg[hl - 1] == b)
                hl--;
            while (hr + 1 < f->G && f->glink[hr + 1] && f->asg[hr + 1] == b)
                hr++;
            if (f->tslot[f->gt[hl]] < f->tslot[f->gt[r->i]])
                sw += S;
            if (f->tslot[f->gt[hr]] > f->tslot[f->gt[r->j - 1]])
                sw += S;
            if (next < INF && base + (double)n_full * next + sw < -EPS)
                opts[no++] = ph;
        }
        break;
    }
    return no;
}

/* The best suffix [s, j) or prefix [i, s) of the run for b to take where b has room all
 * along, by the exact change (one new switch inside the run). Returns false when none pays. */
static bool best_split(struct fast *f, const struct run *r, int32_t b, double cb, double la,
                       double lb, double ra, double rb, size_t *from, size_t *to)
{
    double S = (double)f->w->switch_backup, fb0 = fair_at(f, (size_t)b, 0, r->mbar);
    double best = -EPS;
    size_t i = r->i, j = r->j, lo = j, hi = i;
    *from = *to = 0;
    while (lo > i && *res_at(f, b, lo - 1) > 0)
        lo--;
    for (size_t s = lo > i + 1 ? lo : i + 1; s < j; s++) {
        int64_t m = (int64_t)(j - s);
        double d = (double)m * (cb - r->ca) + S + ra - rb + f->fam[m] +
                   fair_at(f, (size_t)b, m, r->mbar) - fb0;
        if (d < best) {
            best = d;
            *from = s;
            *to = j;
        }
    }
    while (hi<j && * res_at(f, b, hi)> 0)
        hi++;
    for (size_t s = i + 1; s <= hi && s < j; s++) {
        int64_t m = (int64_t)(s - i);
        double d = (double)m * (cb - r->ca) + S + la - lb + f->fam[m] +
                   fair_at(f, (size_t)b, m, r->mbar) - fb0;
        if (d < best) {
            best = d;
            *from = i;
            *to = s;
        }
    }
    return *to > *from;
}

/* Tries candidate k of the run's principal: the whole run (directly, or ejecting one of the
 * candidate's covers where it is full), else a prefix or suffix. Returns 1 when a move was
 * applied, -1 when no later (dearer) candidate can pay either, 0 otherwise. */
static int try_candidate(struct fast *f, const struct run *r, size_t k, int *ejections)
{
    double S = (double)f->w->switch_backup;
    int32_t b = f->ka[k], a = r->a;
    if (b == a)
        return 0;
    double cb = (double)f->kc[k];
    size_t i = r->i, j = r->j;
    int64_t len = (int64_t)(j - i);
    /* candidates come cheapest first: once neither the whole run nor a part of it can pay,
     * no later one can */
    double per = cb - r->ca - r->sigma;
    double border = r->lb0 > r->rb0 ? r->lb0 : r->rb0;
    bool grp = f->has_grp && f->pgrp[r->p];
    if (!grp && (double)len * per - r->lb0 - r->rb0 >= 0 && per >= 0 && per + S - border >= 0)
        return -1;
    double lb = 0, la = 0, rb = 0, ra = 0;
    if (i > r->g0 && f->asg[i - 1] >= 0) {
        lb = f->asg[i - 1] != a ? S : 0;
        la = f->asg[i - 1] != b ? S : 0;
    }
    if (j < r->g1 && f->asg[j] >= 0) {
        rb = f->asg[j] != a ? S : 0;
        ra = f->asg[j] != b ? S : 0;
    }
    /* the whole run to b: the exact change without ejection, a bound with it */
    double base = (double)len * (cb - r->ca) + la - lb + ra - rb + f->fam[len];
    if (grp) /* the group term, exactly: the mates are other principals' gaps */
        for (size_t g = i; g < j; g++)
            base += grp_extra(f, g, b) - grp_extra(f, g, a);
    double direct = base + fair_at(f, (size_t)b, len, r->mbar) - fair_at(f, (size_t)b, 0, r->mbar);
    bool part = len >= 2 && !(per >= 0 && per + S - (lb > rb ? lb : rb) >= 0);
    if (direct >= -EPS && base >= -EPS && !part)
        return 0; /* nothing b could take would pay: skip the scan */
    bool avail = true, full = false;
    f->work += len;
    for (size_t g = i; g < j && avail; g++) {
        int8_t x = *res_at(f, b, g);
        avail = x >= 0;
        full = full || x == 0;
    }
    if (avail && !full && direct < -EPS) {
        if (keep_if_better(f, try_transfer(f, i, j, b, false, -1)))
            return 1;
    } else if (avail && full && base<-EPS && * ejections> 0) {
        int32_t opts[8];
        size_t no = eject_options(f, r, b, base, opts);
        for (size_t q = 0; q<no && * ejections> 0; q++) {
            (*ejections)--;
            if (keep_if_better(f, try_transfer(f, i, j, b, true, opts[q])))
                return 1;
        }
    }
    size_t from, to;
    if (part && best_split(f, r, b, cb, la, lb, ra, rb, &from, &to) &&
        keep_if_better(f, try_transfer(f, from, to, b, false, -1)))
        return 1;
    return 0;
}

/* Run transfers (a whole run to another candidate, with ejection where it is full) and
 * prefix/suffix transfers within chain c. Returns true when something improved. */
static bool move_runs(struct fast *f, size_t c)
{
    size_t g0 = f->cs[c], g1 = f->cs[c + 1];
    int32_t p = f->gp[g0];
    double S = (double)f->w->switch_backup;
    bool improved = false;
    for (size_t i = g0; i < g1;) {
        int32_t a = f->asg[i];
        size_t j = i + 1;
        while (j < g1 && f->asg[j] == a)
            j++;
        if (a < 0) {
            i = j;
            continue;
        }
        struct run r = {.g0 = g0, .g1 = g1, .i = i, .j = j, .p = p, .a = a};
        int64_t ca = 0;
        cand_cost(f, p, a, &ca);
        r.ca = (double)ca;
        r.mbar = mean(f);
        r.fa0 = fair_at(f, (size_t)a, 0, r.mbar);
        r.sigma = r.fa0 - fair_at(f, (size_t)a, -1, r.mbar);
        r.lb0 = (i > g0 && f->asg[i - 1] >= 0) ? S : 0;
        r.rb0 = (j < g1 && f->asg[j] >= 0) ? S : 0;
        /* fam[m]: change of a's fairness when it gives up m slots (f->fam may move when a
         * transfer re-solves a chain, so it is always read through f) */
        ensure_dp(f, 0, j - i + 1);
        for (size_t m = 1; m <= j - i; m++)
            f->fam[m] = fair_at(f, (size_t)a, -(int64_t)m, r.mbar) - r.fa0;
        int ejections = f->o.max_ejections; /* attempts left for this run */
        int moved = 0;
        for (size_t k = f->ks[p]; k < f->ks[p + 1] && moved == 0; k++)
            moved = try_candidate(f, &r, k, &ejections);
        if (moved == 1) {
            improved = true;
            /* rescan from the start of the changed region */
            i = i > g0 ? i - 1 : g0;
            while (i > g0 && f->asg[i - 1] == f->asg[i])
                i--;
            continue;
        }
        i = j;
    }
    return improved;
}

/* ---- exchanges within a time segment (negative cycles) ---- */

struct xedge {
    int32_t from, to; /* nodes: 0 = "open", else assistants */
    int32_t gi;       /* index of the gap in the segment */
    int32_t b;        /* target assistant, -1 = open */
    double cost;
};

/* Do the gaps at time t and t+1 belong to the same principals, covered by the same people? */
static bool same_gaps(const struct fast *f, size_t t)
{
    size_t n0 = f->ts[t + 1] - f->ts[t], n1 = f->ts[t + 2] - f->ts[t + 1];
    if (n0 != n1 || f->tslot[t + 1] != f->tslot[t] + 1)
        return false;
    for (size_t i = 0; i < n0; i++) {
        int32_t g0 = f->tg[f->ts[t] + i], g1 = f->tg[f->ts[t + 1] + i];
        if (f->gp[g0] != f->gp[g1] || f->asg[g0] != f->asg[g1] || g1 != g0 + 1)
            return false;
    }
    return true;
}

/* Switching paid at the borders of a segment of gaps [g, g+len) if it were covered by x. */
static double border_switch(const struct fast *f, size_t g, size_t len, int32_t x)
{
    double S = (double)f->w->switch_backup, c = 0;
    if (x < 0)
        return 0;
    if (f->glink[g] && f->asg[g - 1] >= 0 && f->asg[g - 1] != x)
        c += S;
    size_t r = g + len;
    if (r < f->G && f->glink[r] && f->asg[r] >= 0 && f->asg[r] != x)
        c += S;
    return c;
}

/*
 * In the segment of time indexes [t0, t0+len) where the same principals have gaps covered by
 * the same backups, looks for an improving exchange: a cycle of principals each moving to the
 * next one's backup, or a path ending at a backup with room (the "open" node has room for
 * everyone). Edge costs are exact except for fairness (priced linearly); the move found is
 * then judged exactly. Returns true when one was applied.
 */
static bool move_exchange(struct fast *f, size_t t0, size_t len)
{
    size_t k = f->ts[t0 + 1] - f->ts[t0];
    const int32_t *gg = f->tg + f->ts[t0];
    double mbar = mean(f), L = (double)len;
    /* Only worth a look when some gap has a cheaper candidate that is full here: a cycle
     * needs a move that pays, and one into a backup with room is a plain transfer. */
    bool pressure = false;
    for (size_t i = 0; i < k && !pressure; i++) {
        int32_t g = gg[i], p = f->gp[g], a = f->asg[g];
        int64_t ca = INT64_MAX;
        if (a >= 0)
            cand_cost(f, p, a, &ca);
        for (size_t q = f->ks[p]; q < f->ks[p + 1] && f->kc[q] < ca && !pressure; q++)
            pressure = f->ka[q] != a && f->res[(size_t)f->ka[q] * f->T + t0] == 0;
    }
    if (!pressure)
        return false;
    /* nodes */
    size_t nn = 1, ne = 0;
    for (size_t i = 0; i < k; i++) {
        int32_t p = f->gp[gg[i]];
        ne += f->ks[p + 1] - f->ks[p] + 1;
    }
    struct xedge *e = hl_malloc((ne + 1) * sizeof *e);
    int32_t *nid = f->nid;
    size_t cap_nodes = k + 1;
    int32_t *who = hl_malloc(cap_nodes * sizeof *who);
    who[0] = -1;
    ne = 0;
    for (size_t i = 0; i < k; i++) {
        int32_t a = f->asg[gg[i]];
        if (a >= 0 && nid[a] < 0) {
            if (nn == cap_nodes) {
                cap_nodes *= 2;
                who = hl_realloc(who, cap_nodes * sizeof *who);
            }
            nid[a] = (int32_t)nn;
            who[nn++] = a;
        }
    }
    for (size_t i = 0; i < k; i++) {
        int32_t g = gg[i], p = f->gp[g], a = f->asg[g];
        int32_t from = a >= 0 ? nid[a] : 0;
        double ca = 0, fa = 0;
        if (a >= 0) {
            int64_t c64 = 0;
            cand_cost(f, p, a, &c64);
            ca = (double)c64;
            fa = (fair_at(f, (size_t)a, 0, mbar) - fair_at(f, (size_t)a, -(int64_t)len, mbar));
        }
        double here =
            (a >= 0 ? L * ca : L * uncovered_cost(f, p)) + border_switch(f, (size_t)g, len, a) + fa;
        for (size_t q = f->ks[p]; q < f->ks[p + 1]; q++) {
            int32_t b = f->ka[q];
            if (b == a)
                continue;
            bool ok = true;
            for (size_t t = t0; t < t0 + len && ok; t++)
                ok = f->res[(size_t)b * f->T + t] >= 0;
            if (!ok)
                continue;
            if (nid[b] < 0) {
                if (nn == cap_nodes) {
                    cap_nodes *= 2;
                    who = hl_realloc(who, cap_nodes * sizeof *who);
                }
                nid[b] = (int32_t)nn;
                who[nn++] = b;
            }
            double there =
                L * (double)f->kc[q] + border_switch(f, (size_t)g, len, b) +
                (fair_at(f, (size_t)b, (int64_t)len, mbar) - fair_at(f, (size_t)b, 0, mbar));
            e[ne++] = (struct xedge){from, nid[b], (int32_t)i, b, there - here};
        }
        if (a >= 0)
            e[ne++] = (struct xedge){from, 0, (int32_t)i, -1, L * uncovered_cost(f, p) - here};
    }
    f->work += (int64_t)(ne * len);
    /* room of each node over the segment */
    int32_t *room = hl_malloc(nn * sizeof *room);
    room[0] = INT32_MAX;
    for (size_t v = 1; v < nn; v++) {
        int32_t r = 127;
        for (size_t t = t0; t < t0 + len; t++) {
            int8_t x = f->res[(size_t)who[v] * f->T + t];
            if (x < r)
                r = x;
        }
        room[v] = r;
    }
    /* Bellman-Ford from a virtual source joined to every node at cost 0 */
    double *dist = hl_calloc(nn, sizeof *dist);
    int32_t *pred = hl_malloc(nn * sizeof *pred);
    for (size_t v = 0; v < nn; v++)
        pred[v] = -1;
    int32_t last = -1;
    for (size_t it = 0; it < nn; it++) {
        last = -1;
        for (size_t q = 0; q < ne; q++) {
            double d = dist[e[q].from] + e[q].cost;
            if (d < dist[e[q].to] - EPS) {
                dist[e[q].to] = d;
                pred[e[q].to] = (int32_t)q;
                last = e[q].to;
            }
        }
        f->work += (int64_t)ne;
        if (last < 0)
            break;
    }
    /* the move: a negative cycle, else the best path ending where there is room */
    int32_t *path = hl_malloc((nn + 1) * sizeof *path);
    size_t np = 0;
    uint8_t *seen = hl_calloc(nn, 1);
    int32_t v = -1;
    if (last >= 0) {
        v = last;
    } else {
        double bd = -EPS;
        for (size_t x = 0; x < nn; x++)
            if (room[x] > 0 && dist[x] < bd && pred[x] >= 0) {
                bd = dist[x];
                v = (int32_t)x;
            }
    }
    bool applied = false;
    if (v >= 0) {
        /* walk back; a repeated node closes a cycle, which is then the move */
        int32_t x = v;
        while (x >= 0 && pred[x] >= 0 && !seen[x]) {
            seen[x] = 1;
            path[np++] = pred[x];
            x = e[pred[x]].from;
        }
        if (x >= 0 && seen[x]) {
            /* keep only the cycle through x */
            size_t s = 0;
            while (s < np && e[path[s]].to != x)
                s++;
            size_t c = 0;
            for (size_t q = s; q < np; q++) {
                path[c++] = path[q];
                if (e[path[q]].from == x)
                    break;
            }
            np = c;
        }
        if (np > 0) {
            mv_begin(f);
            for (size_t q = 0; q < np; q++) {
                const struct xedge *ed = &e[path[q]];
                for (size_t s = 0; s < len; s++)
                    mv_set(f, (size_t)gg[ed->gi] + s, ed->b);
            }
            bool valid = true;
            for (size_t q = 0; q < np && valid; q++) {
                const struct xedge *ed = &e[path[q]];
                if (ed->b >= 0)
                    for (size_t s = 0; s < len && valid; s++)
                        valid = *res_at(f, ed->b, (size_t)gg[ed->gi] + s) >= 0;
            }
            double d = mv_eval(f);
            if (valid && d < -EPS) {
                mv_commit(f);
                applied = true;
            } else {
                f->n_log = 0;
                touch_clear(f);
            }
        }
    }
    for (size_t x = 1; x < nn; x++)
        nid[who[x]] = -1;
    free(e);
    free(who);
    free(room);
    free(dist);
    free(pred);
    free(path);
    free(seen);
    return applied;
}

static bool exchange_pass(struct fast *f, size_t tlo, size_t thi)
{
    bool any = false;
    while (tlo > 0 && tlo < f->T && same_gaps(f, tlo - 1))
        tlo--;
    for (size_t t0 = tlo; t0 < f->T && t0 < thi;) {
        size_t t1 = t0 + 1;
        while (t1 < f->T && same_gaps(f, t1 - 1))
            t1++;
        size_t k = f->ts[t0 + 1] - f->ts[t0];
        if (k > 0 && k <= (size_t)f->o.max_exchange) {
            int guard = 0;
            while (guard++ < 50 && move_exchange(f, t0, t1 - t0))
                any = true;
        }
        t0 = t1;
    }
    return any;
}

/* Has chain c, or the load of one of its backups, changed since the last pass began? */
static bool chain_dirty(const struct fast *f, size_t c)
{
    if (f->cstamp[c] >= f->epoch - 1)
        return true;
    for (size_t g = f->cs[c]; g < f->cs[c + 1]; g++)
        if (f->asg[g] >= 0 && f->astamp[f->asg[g]] >= f->epoch - 1)
            return true;
    return false;
}

/* Local improvement: passes over every chain (re-optimisation, run transfers) and over the
 * time segments (exchanges) until a pass finds nothing or the work budget is spent (checked
 * between passes); after the first pass only chains touched since the pass before are
 * visited again. */
static void improve(struct fast *f, size_t tlo, size_t thi, bool local)
{
    f->F = fair_total(f);
    int64_t until = f->work + f->budget;
    for (int pass = 0; pass < f->o.max_passes && f->work < until; pass++) {
        f->epoch++;
        bool any = false;
        for (size_t c = 0; c < f->NC; c++) {
            if ((pass > 0 || local) && !chain_dirty(f, c))
                continue;
            if (move_reopt(f, c))
                any = true;
            if (move_runs(f, c))
                any = true;
        }
        if (exchange_pass(f, tlo, thi))
            any = true;
        if (!any)
            break;
    }
}

/* ---- ruin and recreate (small instances) ---- */

/* The objective of the current assignment, from the engine's own bookkeeping. */
static double objective(const struct fast *f)
{
    double c = 0;
    for (size_t g = 0; g < f->G; g++)
        c += gap_static(f, g) + pair_switch(f, g);
    for (size_t k = 0; k < f->gr.n; k++)
        c += grp_cost(f, k);
    return c + fair_total(f);
}

static uint64_t frand(struct fast *f)
{
    uint64_t z = (f->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct rc_order {
    int32_t prio;
    uint32_t key;
    size_t c;
};

static int cmp_rc_order(const void *x, const void *y)
{
    const struct rc_order *p = x, *q = y;
    if (p->prio != q->prio)
        return p->prio < q->prio ? 1 : -1;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return (p->c > q->c) - (p->c < q->c);
}

/*
 * Iterated local search: clears every cover in the block of consecutive slots around a random
 * gap, rebuilds the chains through it by the DP in a shuffled order (by priority every other
 * round),
 * repairs, improves, and keeps the result only when it is better. Seeded, so deterministic.
 */
static void ruin_recreate(struct fast *f, int rounds)
{
    if (rounds <= 0 || f->G == 0)
        return;
    int32_t *snap = hl_malloc(f->G * sizeof *snap);
    struct rc_order *ord = hl_malloc((f->NC + 1) * sizeof *ord);
    uint8_t *inlist = hl_calloc(f->NC + 1, 1);
    double cur = objective(f);
    /* 2e7 units (≈ 0.3 s) up to 8,000 gap slots (a week of a few hundred assistants), none
     * from 16,000 on (the scale year, the incremental week of 3,000: latency first) */
    double share = fmin(1, fmax(0, (16000.0 - (double)f->G) / 8000.0));
    int64_t until = f->work + (int64_t)(2e7 * share);
    for (int r = 0; r < rounds && f->work < until; r++) {
        memcpy(snap, f->asg, f->G * sizeof *snap);
        size_t t = (size_t)f->gt[frand(f) % f->G], lo = t, hi = t;
        while (lo > 0 && f->tslot[lo - 1] == f->tslot[lo] - 1)
            lo--;
        while (hi + 1 < f->T && f->tslot[hi + 1] == f->tslot[hi] + 1)
            hi++;
        size_t no = 0;
        for (size_t k = f->ts[lo]; k < f->ts[hi + 1]; k++) {
            size_t g = (size_t)f->tg[k], c = f->gchain[g];
            set_asg(f, g, -1);
            if (!inlist[c]) {
                inlist[c] = 1;
                /* every other round by priority, else in a random order */
                int32_t prio = r % 2 ? 0 : f->inst->principals[f->gp[g]].priority;
                ord[no++] = (struct rc_order){prio, (uint32_t)frand(f), c};
            }
        }
        qsort(ord, no, sizeof *ord, cmp_rc_order);
        for (size_t k = 0; k < no; k++) {
            size_t c = ord[k].c, g0 = f->cs[c], L = f->cs[c + 1] - g0;
            inlist[c] = 0;
            size_t m = chain_candidates(f, g0, L, SIZE_MAX);
            for (size_t i = 0; i < L; i++)
                set_asg(f, g0 + i, -1);
            if (m == 0)
                continue;
            set_prices(f, m, 1, mean(f));
            chain_dp(f, g0, L, m, uncovered_cost(f, f->gp[g0]));
            for (size_t i = 0; i < L; i++)
                set_asg(f, g0 + i, f->out[i]);
        }
        /* what changed is dirty for the local search that follows */
        for (size_t i = 0; i < f->n_touched; i++)
            f->astamp[f->touched[i]] = f->epoch + 1;
        for (size_t k = f->ts[lo]; k < f->ts[hi + 1]; k++)
            f->cstamp[f->gchain[f->tg[k]]] = f->epoch + 1;
        touch_clear(f);
        augment(f, lo, hi + 1);
        improve(f, lo, hi + 1, true);
        double v = objective(f);
        if (v < cur - EPS) {
            cur = v;
        } else {
            for (size_t g = 0; g < f->G; g++)
                if (f->asg[g] != snap[g])
                    set_asg(f, g, snap[g]);
            touch_clear(f);
        }
    }
    f->F = fair_total(f);
    free(snap);
    free(ord);
    free(inlist);
}

/* ---- the engine ---- */

static void fast_free(struct fast *f)
{
    free(f->pg);
    free(f->gp);
    free(f->gt);
    free(f->glink);
    free(f->asg);
    free(f->cs);
    free(f->gchain);
    free(f->tslot);
    free(f->tlb);
    free(f->ts);
    free(f->tg);
    free(f->res);
    free(f->cnt);
    free(f->cstamp);
    free(f->astamp);
    free(f->nid);
    free(f->ks);
    free(f->ka);
    free(f->kb);
    free(f->kc);
    free(f->kbc);
    free(f->ktrunc);
    free(f->skill_ids);
    free(f->lvl);
    free(f->aoffice);
    free(f->atz);
    free(f->n);
    free(f->dn);
    free(f->mark);
    free(f->touched);
    free(f->log);
    free(f->dirty);
    free(f->ca);
    free(f->cc);
    free(f->price);
    free(f->feas);
    free(f->bp);
    free(f->out);
    free(f->best);
    free(f->dpa);
    free(f->dpb);
    free(f->fam);
    free(f->pgrp);
    free(f->aroom);
    free(f->gseen);
    plan_groups_cleanup(&f->gr);
}

enum plan_rc plan_fast(const struct plan_instance *inst, const struct plan_weights *w,
                       const struct plan_fast_opts *opts, struct plan *out)
{
    plan_init(out);
    if (plan_instance_check(inst, NULL, 0) != PLAN_OK || plan_weights_check(w, NULL, 0) != PLAN_OK)
        return PLAN_EINVAL;
    double t0 = now_seconds();
    struct fast f;
    memset(&f, 0, sizeof f);
    f.inst = inst;
    f.w = w;
    if (opts)
        f.o = *opts;
    else
        plan_fast_opts_default(&f.o);
    f.A = inst->n_assistants;
    f.P = inst->n_principals;
    setup_gaps(&f);
    if ((int64_t)f.A * (int64_t)f.T > PLAN_FAST_MAX_CELLS || f.G > INT32_MAX / 2) {
        fast_free(&f);
        return PLAN_ETOOBIG;
    }
    setup_residual(&f);
    f.cnt = hl_calloc(f.A * f.T + 1, 1);
    f.cstamp = hl_calloc(f.NC + 1, sizeof *f.cstamp);
    f.astamp = hl_calloc(f.A + 1, sizeof *f.astamp);
    f.nid = hl_malloc((f.A + 1) * sizeof *f.nid);
    for (size_t a = 0; a < f.A; a++)
        f.nid[a] = -1;
    setup_skills(&f);
    f.aroom = hl_calloc(f.A + 1, 1);
    for (size_t a = 0; a < f.A; a++)
        for (size_t t = 0; t < f.T && !f.aroom[a]; t++)
            f.aroom[a] = f.res[a * f.T + t] > 0;
    setup_candidates(&f, NULL, NULL);
    f.n = hl_calloc(f.A + 1, sizeof *f.n);
    f.dn = hl_calloc(f.A + 1, sizeof *f.dn);
    f.mark = hl_calloc(f.A + 1, 1);
    f.touched = hl_malloc((f.A + 1) * sizeof *f.touched);
    for (size_t a = 0; a < f.A; a++)
        f.sum_prior += inst->assistants[a].prior_covers;

    plan_groups_build(inst, &f.gr);
    f.has_grp = f.gr.n > 0 && w->one_substitute > 0;
    f.pgrp = hl_calloc(f.P + 1, 1);
    f.gseen = hl_calloc(f.gr.n + 1, sizeof *f.gseen);
    for (size_t k = 0; k < f.gr.n; k++)
        for (size_t q = f.gr.start[k]; q < f.gr.start[k + 1]; q++)
            f.pgrp[f.gp[f.gr.member[q]]] = 1;
    f.budget = (int64_t)fmax(2e6, (double)f.o.work_per_gap * (double)f.G);
    construct(&f);
    f.wantw = hl_calloc(f.P + 1, 1);
    augment(&f, 0, f.T);
    /* Gaps left open because every list searched was cut: widen those lists (×4 each time)
     * and search again, so a cover can come from anyone qualified, however dear. */
    size_t *wide = NULL;
    for (int round = 0; round < 4 && f.n_wantw > 0; round++) {
        if (!wide) {
            wide = hl_malloc((f.P + 1) * sizeof *wide);
            for (size_t p = 0; p < f.P; p++)
                wide[p] = (size_t)(f.o.max_candidates > 0 ? f.o.max_candidates : 1);
        }
        for (size_t p = 0; p < f.P; p++)
            if (f.wantw[p])
                wide[p] *= 4;
        setup_candidates(&f, wide, f.wantw); /* only the marked lists are rebuilt */
        memset(f.wantw, 0, f.P);
        f.n_wantw = 0;
        double before = open_weight(&f);
        augment(&f, 0, f.T);
        if (open_weight(&f) >= before)
            break; /* wider lists found nothing: wider still will not pay for itself */
    }
    free(wide);
    free(f.wantw);
    f.wantw = NULL;
    improve(&f, 0, f.T, false);
    int rounds = f.o.ils_rounds;
    if (rounds < 0) {
        /* automatic: 64 rounds, more on larger instances, within the work budget below
         * (each round is local: the block it ruined, the chains and slots it touched) */
        rounds = (int)fmin(2000, 64 + (double)f.G / 16);
    }
    f.rng = 0x5eed + f.G;
    ruin_recreate(&f, rounds);

    plan_from_assignment(inst, w, f.asg, f.o.with_reasons, out);
    out->stats.status = PLAN_STATUS_HEURISTIC;
    out->stats.n_vars = f.pairs;
    out->stats.n_moves = f.moves;
    out->stats.n_work = f.work;
    out->stats.bound = -INFINITY;
    out->stats.mip_gap = INFINITY;
    out->stats.seconds = now_seconds() - t0;
    fast_free(&f);
    return PLAN_OK;
}
