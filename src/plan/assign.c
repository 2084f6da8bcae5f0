/* assign.c: the exact pool-wide assignment (assign.h); algorithm in docs/planner.md. */
#include "assign.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *assign_rc_str(enum assign_rc rc)
{
    switch (rc) {
    case ASSIGN_OK:
        return "ok";
    case ASSIGN_EINVAL:
        return "invalid assignment problem";
    case ASSIGN_ENOMEM:
        return "out of memory";
    }
    return "unknown";
}

void assign_result_free(struct assign_result *r)
{
    if (!r)
        return;
    free(r->asst_of);
    r->asst_of = NULL;
    r->placed = 0;
    r->total_fit = 0;
}

/* The working state. Costs are c(i,j) = -fit(i,j) (we minimise). Every free row also has a
 * private "unplaced" column of cost U, large enough that placing one more executive always
 * beats any fit gained elsewhere; the private columns are never full for a placed row and so
 * keep potential 0 (see the proof in docs/planner.md), which lets them live as one number per
 * Dijkstra instead of n columns. */
struct st {
    int32_t n, m;
    const double *fit;
    const unsigned char *allowed;
    double U;
    int32_t *cap;      /* [m] residual capacity for free rows */
    int32_t *used;     /* [m] */
    int32_t *slot0;    /* [m+1] prefix sums of cap: column j's slots are slot0[j]..slot0[j+1] */
    int32_t *slot_row; /* [sum cap] row in each slot, -1 empty */
    int32_t *col_of;   /* [n] column, -1 none yet, -2 its private unplaced column */
    int32_t *slot_of;  /* [n] */
    double *v;         /* [m] column potentials (≤ 0; 0 while a column is not full) */
    double *d;         /* [m] Dijkstra distances */
    int32_t *pred;     /* [m] row preceding the column on the shortest path */
    int32_t *todo;     /* [m] columns not yet scanned */
    int32_t *done;     /* [m] columns scanned, in order */
    /* the sparse phase: each free row's K cheapest columns, an indexed heap over columns */
    int32_t K;
    int32_t *adj;  /* [n * K], -1 pads */
    int32_t *hpos; /* [m] position in heap, -1 not in it */
    int32_t *heap; /* [m] */
    int32_t hn;
    uint32_t epoch;
    uint32_t *seen; /* [m] epoch in which d[j] was set */
    uint32_t *scan; /* [m] epoch in which j was scanned */
};

#define COL_NONE     (-1)
#define COL_UNPLACED (-2)

static inline bool ok_pair(const struct st *s, int32_t i, int32_t j)
{
    return !s->allowed || s->allowed[(size_t)i * (size_t)s->m + (size_t)j];
}

static inline double cost(const struct st *s, int32_t i, int32_t j)
{
    return -s->fit[(size_t)i * (size_t)s->m + (size_t)j];
}

static void place(struct st *s, int32_t i, int32_t j, int32_t slot)
{
    s->col_of[i] = j;
    s->slot_of[i] = slot;
    if (j >= 0)
        s->slot_row[slot] = i;
}

static int32_t free_slot(struct st *s, int32_t j)
{
    for (int32_t k = s->slot0[j]; k < s->slot0[j + 1]; k++)
        if (s->slot_row[k] < 0)
            return k;
    return -1; /* not reached: only called on columns with used < cap */
}

/* One shortest augmenting path from the free row i0 (Dijkstra over columns with the reduced
 * costs c(i,k) - v[k] - (c(i,j) - v[j]) for a row i sitting on column j), then the potential
 * update and the augmentation. */
static void augment(struct st *s, int32_t i0)
{
    const int32_t m = s->m;
    int32_t ntodo = 0, ndone = 0;
    for (int32_t j = 0; j < m; j++) {
        if (s->cap[j] == 0)
            continue;
        s->todo[ntodo++] = j;
        s->d[j] = ok_pair(s, i0, j) ? cost(s, i0, j) - s->v[j] : INFINITY;
        s->pred[j] = i0;
    }
    double dummy_d = s->U; /* the best private unplaced column reached so far */
    int32_t dummy_row = i0;
    int32_t sink = -1;
    double mu = 0;
    /* the cheapest unscanned column, kept by each relaxation pass (one pass over todo per
     * scanned row instead of two) */
    int32_t best = -1;
    double bd = INFINITY;
    for (int32_t t = 0; t < ntodo; t++)
        if (s->d[s->todo[t]] < bd) {
            bd = s->d[s->todo[t]];
            best = t;
        }
    for (;;) {
        if (best < 0 || dummy_d <= bd) {
            mu = dummy_d;
            sink = -1;
            break;
        }
        int32_t j = s->todo[best];
        if (s->used[j] < s->cap[j]) {
            mu = bd;
            sink = j;
            break;
        }
        s->todo[best] = s->todo[--ntodo];
        s->done[ndone++] = j;
        const double dj = bd;
        best = -1;
        bd = INFINITY;
        for (int32_t k = s->slot0[j]; k < s->slot0[j + 1]; k++) {
            int32_t i = s->slot_row[k];
            if (i < 0)
                continue;
            double h = dj - (cost(s, i, j) - s->v[j]);
            if (h + s->U < dummy_d) {
                dummy_d = h + s->U;
                dummy_row = i;
            }
            const double *row = s->fit + (size_t)i * (size_t)m;
            const unsigned char *al = s->allowed ? s->allowed + (size_t)i * (size_t)m : NULL;
            const int32_t *todo = s->todo;
            double *d = s->d;
            const double *v = s->v;
            int32_t *pred = s->pred;
            /* every pass over todo also finds the minimum: the last one sees the final d */
            best = -1;
            bd = INFINITY;
            if (al) {
                for (int32_t t = 0; t < ntodo; t++) {
                    int32_t c = todo[t];
                    if (al[c]) {
                        double nd = h - row[c] - v[c];
                        if (nd < d[c]) {
                            d[c] = nd;
                            pred[c] = i;
                        }
                    }
                    if (d[c] < bd) {
                        bd = d[c];
                        best = t;
                    }
                }
            } else {
                for (int32_t t = 0; t < ntodo; t++) {
                    int32_t c = todo[t];
                    double nd = h - row[c] - v[c];
                    if (nd < d[c]) {
                        d[c] = nd;
                        pred[c] = i;
                    }
                    if (d[c] < bd) {
                        bd = d[c];
                        best = t;
                    }
                }
            }
        }
        if (best < 0) /* a full column with no row cannot happen; keep the scan honest */
            for (int32_t t = 0; t < ntodo; t++)
                if (s->d[s->todo[t]] < bd) {
                    bd = s->d[s->todo[t]];
                    best = t;
                }
    }
    for (int32_t t = 0; t < ndone; t++) {
        int32_t j = s->done[t];
        s->v[j] += s->d[j] - mu;
    }
    /* Walk back from the sink: each row on the path moves into the slot the previous one left. */
    int32_t col, slot, r;
    if (sink < 0) {
        r = dummy_row;
        col = COL_UNPLACED;
        slot = -1;
    } else {
        col = sink;
        slot = free_slot(s, sink);
        s->used[sink]++;
        r = s->pred[sink];
    }
    for (;;) {
        int32_t pc = s->col_of[r], ps = s->slot_of[r];
        if (pc >= 0)
            s->slot_row[ps] = -1;
        place(s, r, col, slot);
        if (r == i0)
            break;
        col = pc;
        slot = ps;
        r = s->pred[col];
    }
}

/* Jonker-Volgenant's augmenting row reduction, one round over the free rows freel[0..nf):
 * a free row takes its cheapest column j1 (reduced cost u1; u2 the second cheapest, the private
 * unplaced column included), lowering v[j1] by u2 - u1 so that it stays at its minimum; the row
 * it evicts (capacity-1 columns only) is free again. Every assigned row stays at its cheapest
 * column and a column that is not full keeps v = 0, so the invariants of augment() hold.
 * Returns the rows still free, compacted into freel. */
static int32_t row_reduction(struct st *s, int32_t *freel, int32_t nf)
{
    const int32_t m = s->m;
    int32_t k = 0, left = 0, prev = nf;
    long budget = 8L * (long)nf + 16; /* a guard: what is left goes to augment() */
    while (k < prev) {
        int32_t i = freel[k++];
        if (--budget < 0) {
            freel[left++] = i;
            continue;
        }
        const double *row = s->fit + (size_t)i * (size_t)m;
        const unsigned char *al = s->allowed ? s->allowed + (size_t)i * (size_t)m : NULL;
        double u1 = s->U, u2 = INFINITY;
        int32_t j1 = -1, j2 = -1; /* -1: the private unplaced column */
        for (int32_t j = 0; j < m; j++) {
            if (s->cap[j] == 0 || (al && !al[j]))
                continue;
            double h = -row[j] - s->v[j];
            if (h < u2) {
                if (h < u1) {
                    u2 = u1;
                    j2 = j1;
                    u1 = h;
                    j1 = j;
                } else {
                    u2 = h;
                    j2 = j;
                }
            }
        }
        if (j1 < 0) { /* unplaced is its best: settled */
            place(s, i, COL_UNPLACED, -1);
            continue;
        }
        if (s->used[j1] < s->cap[j1]) { /* room: no eviction, no potential change */
            s->used[j1]++;
            place(s, i, j1, free_slot(s, j1));
            continue;
        }
        bool lower = u1 < u2;
        int32_t j = j1;
        if (!lower && j2 >= 0)
            j = j2; /* a tie: take the second column as it is */
        else if (!lower) {
            freel[left++] = i;
            continue;
        }
        if (s->used[j] < s->cap[j]) {
            s->used[j]++;
            place(s, i, j, free_slot(s, j));
            continue;
        }
        if (s->cap[j] != 1) { /* lowering v would move the column's other rows */
            freel[left++] = i;
            continue;
        }
        int32_t slot = s->slot0[j], ev = s->slot_row[slot];
        if (lower)
            s->v[j] -= u2 - u1;
        s->col_of[ev] = COL_NONE;
        place(s, i, j, slot);
        if (lower && k > 0)
            freel[--k] = ev; /* JV: try the evicted row again at once */
        else
            freel[left++] = ev;
    }
    return left;
}

/* The sparse phase's candidate count: the dense algorithm for small problems. */
static int32_t sparse_k(int32_t n, int32_t m)
{
    (void)n;
    return m >= 256 ? 32 : 0;
}

/* Each free row's K cheapest allowed columns (reduced costs after the row reduction). */
static bool build_adj(struct st *s, const struct assign_problem *p)
{
    const int32_t n = s->n, m = s->m, K = s->K;
    free(s->adj);
    s->adj = malloc((size_t)n * (size_t)K * sizeof *s->adj);
    double *best = malloc((size_t)K * sizeof *best);
    if (!s->adj || !best) {
        free(best);
        return false;
    }
    for (int32_t i = 0; i < n; i++) {
        int32_t *a = s->adj + (size_t)i * (size_t)K;
        for (int32_t k = 0; k < K; k++)
            a[k] = -1;
        if (p->locked && p->locked[i] >= 0)
            continue;
        const double *row = s->fit + (size_t)i * (size_t)m;
        const unsigned char *al = s->allowed ? s->allowed + (size_t)i * (size_t)m : NULL;
        int32_t cnt = 0;
        for (int32_t j = 0; j < m; j++) {
            if (s->cap[j] == 0 || (al && !al[j]))
                continue;
            double h = -row[j] - s->v[j];
            if (cnt == K && h >= best[K - 1])
                continue;
            int32_t k = cnt < K ? cnt++ : K - 1;
            while (k > 0 && best[k - 1] > h) {
                best[k] = best[k - 1];
                a[k] = a[k - 1];
                k--;
            }
            best[k] = h;
            a[k] = j;
        }
    }
    free(best);
    return true;
}

static inline bool heap_less(const struct st *s, int32_t a, int32_t b)
{
    return s->d[a] < s->d[b];
}

static void heap_up(struct st *s, int32_t pos)
{
    int32_t c = s->heap[pos];
    while (pos > 0) {
        int32_t par = (pos - 1) / 2;
        if (!heap_less(s, c, s->heap[par]))
            break;
        s->heap[pos] = s->heap[par];
        s->hpos[s->heap[pos]] = pos;
        pos = par;
    }
    s->heap[pos] = c;
    s->hpos[c] = pos;
}

static int32_t heap_pop(struct st *s)
{
    int32_t top = s->heap[0];
    s->hpos[top] = -1;
    if (--s->hn > 0) {
        int32_t c = s->heap[s->hn], pos = 0;
        for (;;) {
            int32_t l = 2 * pos + 1, r = l + 1, m = l;
            if (l >= s->hn)
                break;
            if (r < s->hn && heap_less(s, s->heap[r], s->heap[l]))
                m = r;
            if (!heap_less(s, s->heap[m], c))
                break;
            s->heap[pos] = s->heap[m];
            s->hpos[s->heap[pos]] = pos;
            pos = m;
        }
        s->heap[pos] = c;
        s->hpos[c] = pos;
    }
    return top;
}

/* d[c] = nd if smaller (or first), kept in the heap */
static inline void relax(struct st *s, int32_t c, double nd, int32_t i)
{
    if (s->seen[c] != s->epoch) {
        s->seen[c] = s->epoch;
        s->d[c] = nd;
        s->pred[c] = i;
        s->hpos[c] = s->hn;
        s->heap[s->hn++] = c;
        heap_up(s, s->hpos[c]);
    } else if (nd < s->d[c]) {
        s->d[c] = nd;
        s->pred[c] = i;
        heap_up(s, s->hpos[c]);
    }
}

/* augment() over the candidate columns only: Dijkstra with a heap. */
static void augment_sparse(struct st *s, int32_t i0)
{
    const int32_t K = s->K;
    s->epoch++;
    s->hn = 0;
    int32_t ndone = 0;
    const int32_t *a0 = s->adj + (size_t)i0 * (size_t)K;
    for (int32_t k = 0; k < K && a0[k] >= 0; k++)
        relax(s, a0[k], cost(s, i0, a0[k]) - s->v[a0[k]], i0);
    double dummy_d = s->U;
    int32_t dummy_row = i0, sink = -1;
    double mu;
    for (;;) {
        if (s->hn == 0 || dummy_d <= s->d[s->heap[0]]) {
            mu = dummy_d;
            sink = -1;
            break;
        }
        int32_t j = heap_pop(s);
        if (s->used[j] < s->cap[j]) {
            mu = s->d[j];
            sink = j;
            break;
        }
        s->scan[j] = s->epoch;
        s->done[ndone++] = j;
        const double dj = s->d[j];
        for (int32_t q = s->slot0[j]; q < s->slot0[j + 1]; q++) {
            int32_t i = s->slot_row[q];
            if (i < 0)
                continue;
            double h = dj - (cost(s, i, j) - s->v[j]);
            if (h + s->U < dummy_d) {
                dummy_d = h + s->U;
                dummy_row = i;
            }
            const int32_t *ai = s->adj + (size_t)i * (size_t)K;
            for (int32_t k = 0; k < K && ai[k] >= 0; k++) {
                int32_t c = ai[k];
                if (s->scan[c] == s->epoch)
                    continue;
                relax(s, c, h + cost(s, i, c) - s->v[c], i);
            }
        }
    }
    for (int32_t t = 0; t < ndone; t++) {
        int32_t j = s->done[t];
        s->v[j] += s->d[j] - mu;
    }
    for (int32_t t = 0; t < s->hn; t++)
        s->hpos[s->heap[t]] = -1;
    int32_t col, slot, r;
    if (sink < 0) {
        r = dummy_row;
        col = COL_UNPLACED;
        slot = -1;
    } else {
        col = sink;
        slot = free_slot(s, sink);
        s->used[sink]++;
        r = s->pred[sink];
    }
    for (;;) {
        int32_t pc = s->col_of[r], ps = s->slot_of[r];
        if (pc >= 0)
            s->slot_row[ps] = -1;
        place(s, r, col, slot);
        if (r == i0)
            break;
        col = pc;
        slot = ps;
        r = s->pred[col];
    }
}

/* The optimality check against every allowed pair: each free row sits at its cheapest reduced
 * cost (its private unplaced column included) and columns that are not full have v = 0. With
 * those, the dual is feasible and complementary, so the assignment is optimal. */
static bool verify(const struct st *s, const struct assign_problem *p)
{
    const int32_t n = s->n, m = s->m;
    for (int32_t j = 0; j < m; j++)
        if (s->used[j] < s->cap[j] && s->v[j] != 0)
            return false;
    for (int32_t i = 0; i < n; i++) {
        if (p->locked && p->locked[i] >= 0)
            continue;
        int32_t j = s->col_of[i];
        double u = j >= 0 ? cost(s, i, j) - s->v[j] : s->U;
        double tol = 1e-9 * (fabs(u) + 1);
        if (u > s->U + tol)
            return false;
        const double *row = s->fit + (size_t)i * (size_t)m;
        const unsigned char *al = s->allowed ? s->allowed + (size_t)i * (size_t)m : NULL;
        for (int32_t k = 0; k < m; k++) {
            if (s->cap[k] == 0 || (al && !al[k]))
                continue;
            if (-row[k] - s->v[k] < u - tol)
                return false;
        }
    }
    return true;
}

/* One solve from scratch: greedy start, row reduction, then the augmenting paths, over each
 * row's K cheapest columns (K > 0; *verified says whether the result passed the check against
 * every pair) or over all of them (K = 0, always exact). */
static enum assign_rc run(struct st *s, const struct assign_problem *p, int32_t K, bool *verified)
{
    const int32_t n = s->n, m = s->m;
    s->K = K;
    for (int32_t j = 0; j < m; j++) {
        s->used[j] = 0;
        s->v[j] = 0;
    }
    for (int32_t k = 0; k < s->slot0[m]; k++)
        s->slot_row[k] = -1;
    for (int32_t i = 0; i < n; i++)
        s->col_of[i] = COL_NONE;
    /* Greedy start: a row on its cheapest column (with all v = 0) keeps every invariant. */
    for (int32_t i = 0; i < n; i++) {
        if (p->locked && p->locked[i] >= 0)
            continue;
        int32_t bj = -1;
        double bc = INFINITY;
        for (int32_t j = 0; j < m; j++) {
            if (s->cap[j] == 0 || !ok_pair(s, i, j))
                continue;
            double c = cost(s, i, j);
            if (c < bc) {
                bc = c;
                bj = j;
            }
        }
        if (bj < 0) {
            place(s, i, COL_UNPLACED, -1);
        } else if (s->used[bj] < s->cap[bj]) {
            s->used[bj]++;
            place(s, i, bj, free_slot(s, bj));
        }
    }
    int32_t *freel = malloc((n ? (size_t)n : 1) * sizeof *freel);
    if (!freel)
        return ASSIGN_ENOMEM;
    int32_t nf = 0;
    for (int32_t i = 0; i < n; i++)
        if (s->col_of[i] == COL_NONE && !(p->locked && p->locked[i] >= 0))
            freel[nf++] = i;
    for (int round = 0; round < 2 && nf > 0; round++)
        nf = row_reduction(s, freel, nf);
    if (K > 0 && nf > 0) {
        if (!build_adj(s, p)) {
            free(freel);
            return ASSIGN_ENOMEM;
        }
        for (int32_t k = 0; k < nf; k++)
            augment_sparse(s, freel[k]);
        *verified = verify(s, p);
    } else {
        for (int32_t k = 0; k < nf; k++)
            augment(s, freel[k]);
        *verified = true;
    }
    free(freel);
    return ASSIGN_OK;
}

enum assign_rc assign_solve(const struct assign_problem *p, struct assign_result *out)
{
    enum assign_rc rc = ASSIGN_EINVAL;
    struct st s;
    memset(&s, 0, sizeof s);
    memset(out, 0, sizeof *out);
    if (!p || p->n_exec < 0 || p->n_asst < 0 || (p->n_asst > 0 && !p->capacity) ||
        (p->n_exec > 0 && p->n_asst > 0 && !p->fit))
        return ASSIGN_EINVAL;
    const int32_t n = p->n_exec, m = p->n_asst;
    s.n = n;
    s.m = m;
    s.fit = p->fit;
    s.allowed = p->allowed;

    rc = ASSIGN_ENOMEM;
    size_t nn = n ? (size_t)n : 1, mm = m ? (size_t)m : 1;
    out->asst_of = malloc(nn * sizeof *out->asst_of);
    s.cap = calloc(mm, sizeof *s.cap);
    s.used = calloc(mm, sizeof *s.used);
    s.slot0 = calloc(mm + 1, sizeof *s.slot0);
    s.col_of = malloc(nn * sizeof *s.col_of);
    s.slot_of = malloc(nn * sizeof *s.slot_of);
    s.v = calloc(mm, sizeof *s.v);
    s.d = malloc(mm * sizeof *s.d);
    s.pred = malloc(mm * sizeof *s.pred);
    s.todo = malloc(mm * sizeof *s.todo);
    s.done = malloc(mm * sizeof *s.done);
    s.hpos = malloc(mm * sizeof *s.hpos);
    s.heap = malloc(mm * sizeof *s.heap);
    s.seen = calloc(mm, sizeof *s.seen);
    s.scan = calloc(mm, sizeof *s.scan);
    if (!out->asst_of || !s.cap || !s.used || !s.slot0 || !s.col_of || !s.slot_of || !s.v || !s.d ||
        !s.pred || !s.todo || !s.done)
        goto out;

    /* Check the input, apply the locks to the capacities, find the fit range. */
    rc = ASSIGN_EINVAL;
    for (int32_t j = 0; j < m; j++) {
        if (p->capacity[j] < 0)
            goto out;
        s.cap[j] = p->capacity[j] < n ? p->capacity[j] : n;
    }
    double fmin = 0, fmax = 0;
    for (size_t k = 0; k < (size_t)n * (size_t)m; k++) {
        double f = p->fit[k];
        if (!isfinite(f))
            goto out;
        if (k == 0 || f < fmin)
            fmin = f;
        if (k == 0 || f > fmax)
            fmax = f;
    }
    int32_t nfree = 0;
    for (int32_t i = 0; i < n; i++) {
        s.col_of[i] = COL_NONE;
        int32_t l = p->locked ? p->locked[i] : -1;
        if (l < -1 || l >= m)
            goto out;
        if (l >= 0) {
            /* a lock on a forbidden pair, or more locks than the capacity */
            if (!ok_pair(&s, i, l) || s.cap[l] == 0)
                goto out;
            s.cap[l]--;
        } else {
            nfree++;
        }
    }
    for (int32_t j = 0; j < m; j++)
        s.slot0[j + 1] = s.slot0[j] + s.cap[j];
    rc = ASSIGN_ENOMEM;
    s.slot_row = malloc((s.slot0[m] ? (size_t)s.slot0[m] : 1) * sizeof *s.slot_row);
    if (!s.slot_row)
        goto out;
    for (int32_t k = 0; k < s.slot0[m]; k++)
        s.slot_row[k] = -1;
    /* U: a solution placing k+1 free rows costs at most -(k+1)fmin + (nfree-k-1)U, one placing
     * k at least -k fmax + (nfree-k)U; U above (nfree+1)(fmax-fmin) + |fmin| + |fmax| + 1 makes
     * the first always cheaper. */
    s.U = ((double)nfree + 1) * (fmax - fmin + 1) + fabs(fmin) + fabs(fmax) + 1;

    int32_t K = sparse_k(n, m);
    for (;;) {
        bool verified = false;
        rc = run(&s, p, K, &verified);
        if (rc != ASSIGN_OK)
            goto out;
        if (verified)
            break;
        K = K * 4 >= m ? 0 : K * 4; /* more candidates, in the end the dense algorithm */
    }
    rc = ASSIGN_ENOMEM;

    out->placed = 0;
    out->total_fit = 0;
    for (int32_t i = 0; i < n; i++) {
        int32_t l = p->locked ? p->locked[i] : -1;
        int32_t j = l >= 0 ? l : (s.col_of[i] >= 0 ? s.col_of[i] : ASSIGN_UNPLACED);
        out->asst_of[i] = j;
        if (j >= 0) {
            out->placed++;
            out->total_fit += p->fit[(size_t)i * (size_t)m + (size_t)j];
        }
    }
    rc = ASSIGN_OK;
out:
    if (rc != ASSIGN_OK)
        assign_result_free(out);
    free(s.cap);
    free(s.used);
    free(s.slot0);
    free(s.slot_row);
    free(s.col_of);
    free(s.slot_of);
    free(s.v);
    free(s.d);
    free(s.pred);
    free(s.todo);
    free(s.done);
    free(s.hpos);
    free(s.heap);
    free(s.seen);
    free(s.scan);
    free(s.adj);
    return rc;
}
