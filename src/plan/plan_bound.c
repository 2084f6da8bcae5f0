/* plan_bound.c: a lower bound on the coverage objective that needs no MIP solver: one
 * min-cost assignment per slot (docs/planner.md, "The slot bound"). */
#include "plan.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct bgap {
    int64_t slot;
    int32_t p;
};

static int cmp_bgap(const void *x, const void *y)
{
    const struct bgap *a = x, *b = y;
    if (a->slot != b->slot)
        return (a->slot > b->slot) - (a->slot < b->slot);
    return (a->p > b->p) - (a->p < b->p);
}

/* A principal's qualified assistants and their pair costs, built on first use. */
struct qual {
    bool built;
    int32_t *a;
    double *c;
    size_t n;
};

/* One slot's assignment problem: n gaps, each with candidates (local assistant, cost) and an
 * open cost; m assistants with room. */
struct slot_prob {
    size_t n, m;
    double *open;      /* per gap */
    size_t *cstart;    /* candidates of gap i: cand[cstart[i] .. cstart[i+1]) */
    int32_t *cand;     /* local assistant */
    double *ccost;     /* its cost */
    int32_t *room;     /* per local assistant */
    int32_t *asg_cand; /* per gap: index into cand of its assistant, -1 open, -2 not yet */
    int32_t *used;     /* per local assistant */
    /* search state: nodes 0..n-1 gaps, n..n+m-1 assistants */
    double *dist;
    int32_t *pred;    /* gap node: the assistant node it was reached from (-1: start);
                         assistant node: the candidate index it was reached through */
    int32_t *predgap; /* assistant node: the gap it was reached from */
    bool *inq;
    int32_t *queue;
};

/*
 * Adds gap i to the current optimal assignment of gaps 0..i-1 by the cheapest augmenting path
 * (successive shortest paths; Bellman-Ford, since backward edges cost −c, and no negative
 * cycle exists while the assignment is optimal). A path alternates gap → assistant (take it)
 * and assistant → gap (that gap leaves it) and ends at an assistant with room, or at a gap
 * that goes open. Returns the cost added.
 */
static double augment(struct slot_prob *sp, size_t i)
{
    size_t n = sp->n, m = sp->m, nn = n + m;
    for (size_t k = 0; k < nn; k++) {
        sp->dist[k] = INFINITY;
        sp->inq[k] = false;
    }
    size_t qh = 0, qt = 0, qcap = nn + 1;
    sp->dist[i] = 0;
    sp->pred[i] = -1;
    sp->queue[qt++] = (int32_t)i;
    sp->inq[i] = true;
    while (qh != qt) {
        int32_t v = sp->queue[qh];
        qh = (qh + 1) % qcap;
        sp->inq[v] = false;
        if ((size_t)v < n) {
            for (size_t q = sp->cstart[v]; q < sp->cstart[v + 1]; q++) {
                if ((int32_t)q == sp->asg_cand[v])
                    continue;
                size_t u = n + (size_t)sp->cand[q];
                double d = sp->dist[v] + sp->ccost[q];
                if (d < sp->dist[u] - 1e-9) {
                    sp->dist[u] = d;
                    sp->pred[u] = (int32_t)q;
                    sp->predgap[u] = v;
                    if (!sp->inq[u]) {
                        sp->queue[qt] = (int32_t)u;
                        qt = (qt + 1) % qcap;
                        sp->inq[u] = true;
                    }
                }
            }
        } else {
            int32_t a = v - (int32_t)n;
            /* the gaps a holds: each may leave it */
            for (size_t j = 0; j < i; j++) {
                int32_t q = sp->asg_cand[j];
                if (q < 0 || sp->cand[q] != a)
                    continue;
                double d = sp->dist[v] - sp->ccost[q];
                if (d < sp->dist[j] - 1e-9) {
                    sp->dist[j] = d;
                    sp->pred[j] = v;
                    if (!sp->inq[j]) {
                        sp->queue[qt] = (int32_t)j;
                        qt = (qt + 1) % qcap;
                        sp->inq[j] = true;
                    }
                }
            }
        }
    }
    /* the cheapest end: an assistant with room, or a reached gap going open */
    double best = INFINITY;
    int32_t end = -1;
    for (size_t a = 0; a < m; a++)
        if (sp->used[a] < sp->room[a] && sp->dist[n + a] < best) {
            best = sp->dist[n + a];
            end = (int32_t)(n + a);
        }
    for (size_t j = 0; j <= i; j++) {
        if (j < i && sp->asg_cand[j] < 0)
            continue; /* an open gap is not on any path */
        double d = sp->dist[j] + sp->open[j];
        if (d < best) {
            best = d;
            end = (int32_t)j;
        }
    }
    /* walk back, flipping the path: each gap on it takes the assistant it reached next; the
     * counts change only at the end (an assistant with room takes one more, or a gap goes
     * open and its assistant is taken by the gap before it) */
    int32_t v = end;
    if ((size_t)v >= n) {
        sp->used[v - (int32_t)n]++;
    } else {
        sp->asg_cand[v] = -1;
        v = sp->pred[v];
    }
    while (v >= 0) {
        int32_t g = sp->predgap[v];
        sp->asg_cand[g] = sp->pred[v];
        v = sp->pred[g];
    }
    return best;
}

/* The slot bound; with part_of (a part per principal), each part's share added into
 * per_part[part] (exact: parts share no assistant, so an augmenting path never leaves the
 * part of the gap it starts from); *covered (may be NULL) counts the gaps the per-slot
 * assignments cover. */
static double slot_bound(const struct plan_instance *inst, const struct plan_weights *w,
                         const int32_t *part_of, double *per_part, size_t *covered)
{
    size_t ng = plan_instance_gap_count(inst), na = inst->n_assistants;
    if (covered)
        *covered = 0;
    if (ng == 0)
        return 0;
    struct bgap *gaps = hl_malloc(ng * sizeof *gaps);
    size_t k = 0;
    for (size_t p = 0; p < inst->n_principals; p++)
        for (size_t i = 0; i < inst->principals[p].n_gaps; i++)
            gaps[k++] = (struct bgap){inst->principals[p].gaps[i], (int32_t)p};
    qsort(gaps, ng, sizeof *gaps, cmp_bgap);
    struct qual *qual = hl_calloc(inst->n_principals + 1, sizeof *qual);
    int32_t *local = hl_malloc((na + 1) * sizeof *local); /* assistant → local index, or -1 */
    for (size_t a = 0; a < na; a++)
        local[a] = -1;
    int32_t *glob = hl_malloc((na + 1) * sizeof *glob);
    double total = 0;
    for (size_t s0 = 0; s0 < ng;) {
        size_t s1 = s0;
        while (s1 < ng && gaps[s1].slot == gaps[s0].slot)
            s1++;
        int64_t slot = gaps[s0].slot;
        struct slot_prob sp = {0};
        sp.n = s1 - s0;
        sp.open = hl_malloc(sp.n * sizeof *sp.open);
        sp.cstart = hl_malloc((sp.n + 1) * sizeof *sp.cstart);
        size_t cap = 0, nc = 0;
        sp.m = 0;
        for (size_t i = 0; i < sp.n; i++) {
            int32_t p = gaps[s0 + i].p;
            const struct plan_principal *pr = &inst->principals[p];
            sp.open[i] = (double)(w->uncovered * pr->priority);
            sp.cstart[i] = nc;
            struct qual *qp = &qual[p];
            if (!qp->built) {
                qp->built = true;
                qp->a = hl_malloc((na + 1) * sizeof *qp->a);
                qp->c = hl_malloc((na + 1) * sizeof *qp->c);
                for (size_t a = 0; a < na; a++)
                    if (plan_qualified(inst, p, (int32_t)a)) {
                        struct plan_cover_cost c;
                        plan_pair_cost(inst, w, p, (int32_t)a, &c);
                        qp->a[qp->n] = (int32_t)a;
                        qp->c[qp->n++] = (double)(c.nice + c.designation + c.office + c.tz);
                    }
            }
            for (size_t q = 0; q < qp->n; q++) {
                int32_t a = qp->a[q];
                const struct plan_assistant *as = &inst->assistants[a];
                if (qp->c[q] >= sp.open[i] || !plan_assistant_available(as, slot) ||
                    plan_assistant_load(as, slot) >= as->capacity)
                    continue;
                if (local[a] < 0) {
                    local[a] = (int32_t)sp.m;
                    glob[sp.m++] = a;
                }
                if (nc == cap) {
                    cap = cap ? 2 * cap : 64;
                    sp.cand = hl_realloc(sp.cand, cap * sizeof *sp.cand);
                    sp.ccost = hl_realloc(sp.ccost, cap * sizeof *sp.ccost);
                }
                sp.cand[nc] = local[a];
                sp.ccost[nc++] = qp->c[q];
            }
        }
        sp.cstart[sp.n] = nc;
        sp.room = hl_malloc((sp.m + 1) * sizeof *sp.room);
        sp.used = hl_calloc(sp.m + 1, sizeof *sp.used);
        for (size_t a = 0; a < sp.m; a++) {
            const struct plan_assistant *as = &inst->assistants[glob[a]];
            sp.room[a] = as->capacity - plan_assistant_load(as, slot);
        }
        sp.asg_cand = hl_malloc(sp.n * sizeof *sp.asg_cand);
        for (size_t i = 0; i < sp.n; i++)
            sp.asg_cand[i] = -2;
        size_t nn = sp.n + sp.m;
        sp.dist = hl_malloc((nn + 1) * sizeof *sp.dist);
        sp.pred = hl_malloc((nn + 1) * sizeof *sp.pred);
        sp.predgap = hl_malloc((nn + 1) * sizeof *sp.predgap);
        sp.inq = hl_malloc((nn + 1) * sizeof *sp.inq);
        sp.queue = hl_malloc((nn + 2) * sizeof *sp.queue);
        for (size_t i = 0; i < sp.n; i++) {
            double d = augment(&sp, i);
            total += d;
            if (part_of)
                per_part[part_of[gaps[s0 + i].p]] += d;
        }
        if (covered)
            for (size_t i = 0; i < sp.n; i++)
                *covered += sp.asg_cand[i] >= 0;
        for (size_t a = 0; a < sp.m; a++)
            local[glob[a]] = -1;
        free(sp.open);
        free(sp.cstart);
        free(sp.cand);
        free(sp.ccost);
        free(sp.room);
        free(sp.used);
        free(sp.asg_cand);
        free(sp.dist);
        free(sp.pred);
        free(sp.predgap);
        free(sp.inq);
        free(sp.queue);
        s0 = s1;
    }
    for (size_t p = 0; p < inst->n_principals; p++) {
        free(qual[p].a);
        free(qual[p].c);
    }
    free(qual);
    free(local);
    free(glob);
    free(gaps);
    return total;
}

double plan_slot_bound(const struct plan_instance *inst, const struct plan_weights *w)
{
    return slot_bound(inst, w, NULL, NULL, NULL);
}

double plan_slot_bound_parts(const struct plan_instance *inst, const struct plan_weights *w,
                             const int32_t *part_of, double *per_part)
{
    return slot_bound(inst, w, part_of, per_part, NULL);
}

/* Covering costs nothing and a gap left open its priority: each slot's optimum covers a
 * largest set of gaps by priority, which in a transversal matroid is also a largest set. */
size_t plan_slot_max_covers(const struct plan_instance *inst)
{
    struct plan_weights w;
    memset(&w, 0, sizeof w);
    w.uncovered = 1;
    size_t n;
    slot_bound(inst, &w, NULL, NULL, &n);
    return n;
}
