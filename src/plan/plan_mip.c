/* plan_mip.c: builds the coverage MIP (docs/planner.md, "The MIP") as plain arrays. */
#include "plan_mip.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GROW(ptr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? 2 * (cap) : 16;                                                        \
            (ptr) = hl_realloc((ptr), (cap) * sizeof *(ptr));                                      \
        }                                                                                          \
    } while (0)

static size_t add_col(struct plan_mip *m, enum plan_mip_col_type type, int32_t g, int32_t a,
                      int32_t k, double lb, double ub, double cost, bool binary)
{
    GROW(m->cols, m->n_cols, m->cap_cols_);
    m->cols[m->n_cols] = (struct plan_mip_col){type, g, a, k, lb, ub, cost, binary, false};
    return m->n_cols++;
}

static struct plan_mip_row *add_row(struct plan_mip *m, enum plan_mip_row_type type, char sense,
                                    double rhs)
{
    GROW(m->rows, m->n_rows, m->cap_rows_);
    struct plan_mip_row *r = &m->rows[m->n_rows++];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->sense = sense;
    r->rhs = rhs;
    r->start = m->nnz;
    return r;
}

static void add_nz(struct plan_mip *m, struct plan_mip_row *r, size_t col, double v)
{
    if (m->nnz == m->cap_nz_) {
        m->cap_nz_ = m->cap_nz_ ? 2 * m->cap_nz_ : 64;
        m->idx = hl_realloc(m->idx, m->cap_nz_ * sizeof *m->idx);
        m->val = hl_realloc(m->val, m->cap_nz_ * sizeof *m->val);
    }
    m->idx[m->nnz] = (int32_t)col;
    m->val[m->nnz] = v;
    m->nnz++;
    r->len++;
}

struct cap_key {
    int32_t a;
    int64_t slot;
    size_t col;
};

static int cmp_cap_key(const void *x, const void *y)
{
    const struct cap_key *p = x, *q = y;
    if (p->a != q->a)
        return (p->a > q->a) - (p->a < q->a);
    if (p->slot != q->slot)
        return (p->slot > q->slot) - (p->slot < q->slot);
    return (p->col > q->col) - (p->col < q->col);
}

void plan_mip_cleanup(struct plan_mip *m)
{
    if (!m)
        return;
    free(m->cols);
    free(m->rows);
    free(m->idx);
    free(m->val);
    free(m->gap_principal);
    free(m->gap_slot);
    free(m->gap_x);
    free(m->gap_u);
    free(m->gap_index);
    memset(m, 0, sizeof *m);
}

enum plan_rc plan_mip_build(const struct plan_instance *inst, const struct plan_weights *w,
                            int64_t max_vars, struct plan_mip *m)
{
    return plan_mip_build_part(inst, w, max_vars, NULL, m);
}

/* Is principal p in the part being built? */
static bool in_part(const struct plan_mip_part *part, size_t p)
{
    return !part || part->part_of[p] == part->part;
}

enum plan_rc plan_mip_build_part(const struct plan_instance *inst, const struct plan_weights *w,
                                 int64_t max_vars, const struct plan_mip_part *part,
                                 struct plan_mip *m)
{
    memset(m, 0, sizeof *m);
    if (plan_instance_check(inst, NULL, 0) != PLAN_OK || plan_weights_check(w, NULL, 0) != PLAN_OK)
        return PLAN_EINVAL;
    size_t ng_all = plan_instance_gap_count(inst), ng = 0;
    size_t na = inst->n_assistants;
    for (size_t p = 0; p < inst->n_principals; p++)
        if (in_part(part, p))
            ng += inst->principals[p].n_gaps;
    if (max_vars > 0 && (int64_t)ng > max_vars)
        return PLAN_ETOOBIG;
    m->n_gaps = ng;
    m->gap_principal = hl_malloc((ng + 1) * sizeof *m->gap_principal);
    m->gap_slot = hl_malloc((ng + 1) * sizeof *m->gap_slot);
    m->gap_x = hl_malloc((ng + 1) * sizeof *m->gap_x);
    m->gap_u = hl_malloc((ng + 1) * sizeof *m->gap_u);
    m->gap_index = hl_malloc((ng + 1) * sizeof *m->gap_index);

    /* Qualified assistants and their pair costs, per principal with gaps; count X columns
     * first so an instance above the limit is refused before anything big is built. */
    int32_t *qual = hl_malloc((na + 1) * sizeof *qual);
    int64_t n_x = 0;
    for (size_t p = 0; p < inst->n_principals; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        if (pr->n_gaps == 0 || !in_part(part, p))
            continue;
        for (size_t a = 0; a < na; a++) {
            if (!plan_qualified(inst, (int32_t)p, (int32_t)a))
                continue;
            const struct plan_assistant *as = &inst->assistants[a];
            for (size_t i = 0; i < pr->n_gaps; i++)
                if (plan_assistant_available(as, pr->gaps[i]) &&
                    plan_assistant_load(as, pr->gaps[i]) < as->capacity)
                    n_x++;
        }
        if (max_vars > 0 && n_x + (int64_t)ng > max_vars) {
            free(qual);
            return PLAN_ETOOBIG;
        }
    }

    size_t g = 0, g_all = 0;
    /* the whole instance's gap number → this model's, or -1 (for the groups) */
    int32_t *local = hl_malloc((ng_all + 1) * sizeof *local);
    double *pair = hl_malloc((na + 1) * sizeof *pair);
    for (size_t p = 0; p < inst->n_principals; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        if (pr->n_gaps == 0)
            continue;
        if (!in_part(part, p)) {
            for (size_t i = 0; i < pr->n_gaps; i++)
                local[g_all++] = -1;
            continue;
        }
        size_t nq = 0;
        for (size_t a = 0; a < na; a++)
            if (plan_qualified(inst, (int32_t)p, (int32_t)a)) {
                struct plan_cover_cost c;
                plan_pair_cost(inst, w, (int32_t)p, (int32_t)a, &c);
                pair[nq] = (double)(c.nice + c.designation + c.office + c.tz);
                qual[nq++] = (int32_t)a;
            }
        for (size_t i = 0; i < pr->n_gaps; i++, g++) {
            m->gap_index[g] = g_all;
            local[g_all++] = (int32_t)g;
            m->gap_principal[g] = (int32_t)p;
            m->gap_slot[g] = pr->gaps[i];
            m->gap_x[g] = m->n_cols;
            for (size_t k = 0; k < nq; k++) {
                const struct plan_assistant *as = &inst->assistants[qual[k]];
                if (plan_assistant_available(as, pr->gaps[i]) &&
                    plan_assistant_load(as, pr->gaps[i]) < as->capacity)
                    add_col(m, MIP_X, (int32_t)g, qual[k], 0, 0, 1, pair[k], true);
            }
            m->gap_u[g] = add_col(m, MIP_U, (int32_t)g, -1, 0, 0, 1,
                                  (double)(w->uncovered * pr->priority), false);
        }
    }
    free(pair);
    free(qual);

    /* cover rows */
    for (g = 0; g < ng; g++) {
        struct plan_mip_row *r = add_row(m, MIP_ROW_COVER, 'E', 1);
        r->g = (int32_t)g;
        for (size_t j = m->gap_x[g]; j <= m->gap_u[g]; j++)
            add_nz(m, r, j, 1);
    }

    /* capacity rows, where more gaps could use an assistant in a slot than it has room */
    size_t nxc = 0;
    for (g = 0; g < ng; g++)
        nxc += m->gap_u[g] - m->gap_x[g];
    struct cap_key *keys = hl_malloc((nxc + 1) * sizeof *keys);
    size_t nk = 0;
    for (g = 0; g < ng; g++)
        for (size_t j = m->gap_x[g]; j < m->gap_u[g]; j++)
            keys[nk++] = (struct cap_key){m->cols[j].a, m->gap_slot[g], j};
    qsort(keys, nk, sizeof *keys, cmp_cap_key);
    for (size_t i = 0; i < nk;) {
        size_t e = i;
        while (e < nk && keys[e].a == keys[i].a && keys[e].slot == keys[i].slot)
            e++;
        const struct plan_assistant *as = &inst->assistants[keys[i].a];
        int64_t room = (int64_t)as->capacity - plan_assistant_load(as, keys[i].slot);
        if ((int64_t)(e - i) > room) {
            struct plan_mip_row *r = add_row(m, MIP_ROW_CAP, 'L', (double)room);
            r->a = keys[i].a;
            r->slot = keys[i].slot;
            for (size_t k = i; k < e; k++)
                add_nz(m, r, keys[k].col, 1);
        }
        i = e;
    }
    free(keys);

    /* switching: s[g] >= x[g-1,a] - x[g,a] - u[g] for each a that could cover g-1 */
    if (w->switch_backup > 0) {
        for (g = 1; g < ng; g++) {
            if (m->gap_principal[g] != m->gap_principal[g - 1])
                continue;
            if ((m->gap_slot[g] - m->gap_slot[g - 1]) * inst->slot_minutes > w->link_minutes)
                continue;
            if (m->gap_x[g] == m->gap_u[g] || m->gap_x[g - 1] == m->gap_u[g - 1])
                continue; /* one side can never be covered: no switch possible */
            size_t s = add_col(m, MIP_S, (int32_t)g, -1, 0, 0, 1, (double)w->switch_backup, false);
            for (size_t j = m->gap_x[g - 1]; j < m->gap_u[g - 1]; j++) {
                int32_t a = m->cols[j].a;
                struct plan_mip_row *r = add_row(m, MIP_ROW_SWITCH, 'G', 0);
                r->g = (int32_t)g;
                r->a = a;
                add_nz(m, r, s, 1);
                add_nz(m, r, j, -1);
                for (size_t j2 = m->gap_x[g]; j2 < m->gap_u[g]; j2++)
                    if (m->cols[j2].a == a)
                        add_nz(m, r, j2, 1);
                add_nz(m, r, m->gap_u[g], 1);
            }
        }
    }

    /* fairness: e[a,k] >= (prior_a + n_a) - (Σ prior + T)/P - from_k, multiplied by P */
    bool any_slope = false;
    for (int k = 0; k < w->n_fair; k++)
        any_slope = any_slope || w->fair_slope[k] > 0;
    if (na > 0 && any_slope) {
        double P = (double)na, sum_prior = 0;
        m->pool = na;
        for (size_t a = 0; a < na; a++)
            sum_prior += inst->assistants[a].prior_covers;
        /* X columns of each assistant */
        size_t *cnt = hl_calloc(na + 1, sizeof *cnt);
        for (size_t j = 0; j < m->n_cols; j++)
            if (m->cols[j].type == MIP_X)
                cnt[m->cols[j].a]++;
        size_t n_cols_x = m->n_cols, T = 0;
        if (!part) {
            T = add_col(m, MIP_T, -1, -1, 0, 0, 1e30, 0, false);
            struct plan_mip_row *rt = add_row(m, MIP_ROW_TOTAL, 'E', 0);
            add_nz(m, rt, T, 1);
            for (size_t j = 0; j < n_cols_x; j++)
                if (m->cols[j].type == MIP_X)
                    add_nz(m, &m->rows[m->n_rows - 1], j, -1);
        }
        /* columns of each assistant, in order */
        size_t *start = hl_calloc(na + 1, sizeof *start);
        for (size_t a = 0; a < na; a++)
            start[a + 1] = start[a] + cnt[a];
        size_t *bya = hl_malloc((start[na] + 1) * sizeof *bya);
        size_t *fill = hl_calloc(na + 1, sizeof *fill);
        for (size_t j = 0; j < n_cols_x; j++)
            if (m->cols[j].type == MIP_X) {
                int32_t a = m->cols[j].a;
                bya[start[a] + fill[a]++] = j;
            }
        for (size_t a = 0; a < na; a++) {
            double prior = inst->assistants[a].prior_covers;
            for (int k = 0; k < w->n_fair; k++) {
                if (w->fair_slope[k] == 0)
                    continue;
                double from = (double)w->fair_from[k];
                /* with no columns, x = prior − (Σ prior + T)/P − from ≤ prior − Σprior/P − from */
                if (cnt[a] == 0 && (part || prior - sum_prior / P - from <= 0))
                    continue;
                size_t e =
                    add_col(m, MIP_E, -1, (int32_t)a, k, 0, 1e30, (double)w->fair_slope[k], false);
                /* in a part, T is the constant part->total */
                struct plan_mip_row *r =
                    add_row(m, MIP_ROW_FAIR, 'G',
                            P * prior - sum_prior - P * from - (part ? part->total : 0));
                r->a = (int32_t)a;
                r->k = k;
                add_nz(m, r, e, P);
                for (size_t q = start[a]; q < start[a + 1]; q++)
                    add_nz(m, r, bya[q], -P);
                if (!part)
                    add_nz(m, r, T, 1);
            }
        }
        /* The loads as integer columns, l[a] = Σ_g x[g,a] (issue 15). The relaxation shares a
         * chain of gaps between two assistants in fractions that stay the same all along it
         * (0.52 / 0.48 on each of the 152 gaps of the demo's February): no switch row sees a
         * change and fairness, convex in the loads, is paid on the even loads the mix gives,
         * while a plan that shares the chain switches at least once. Branching on single x's
         * never moved that bound (each fixed gap just moves the fraction elsewhere; 2,200
         * nodes, bound = the relaxation's). A load is an object worth branching on: fairness
         * is linear between whole loads, and l[a] <= n / >= n + 1 forces the mix apart. They
         * cost nothing and every plan has them whole (docs/planner.md §5, "Loads"). */
        for (size_t a = 0; a < na; a++) {
            if (cnt[a] == 0)
                continue;
            size_t l = add_col(m, MIP_L, -1, (int32_t)a, 0, 0, (double)cnt[a], 0, false);
            m->cols[l].integer = true;
            struct plan_mip_row *r = add_row(m, MIP_ROW_LOAD, 'E', 0);
            r->a = (int32_t)a;
            add_nz(m, r, l, 1);
            for (size_t q = start[a]; q < start[a + 1]; q++)
                add_nz(m, r, bya[q], -1);
        }
        free(cnt);
        free(start);
        free(bya);
        free(fill);
    }

    /* One substitute per absent assistant. A group k (the n gaps one absent assistant left in
     * one slot) costs one_substitute × (d − 1), d the distinct substitutes covering it.
     *
     * Pair columns w[k,a] <= x[i,a], w[k,a] <= x[j,a], for each pair i, j of the group and
     * each a who could cover both (a column of both with room for two in that slot), and
     *     z[k] + Σ_{g in k} u[g] + Σ w[k,·] >= n − 1,
     * i.e. z >= (covered gaps) − 1 − (pairs covered by one person): valid, since a person
     * covering m of the gaps accounts for m − 1 <= m(m − 1)/2 of the difference between
     * covered gaps and d; exact for n = 2 (the usual case: an assistant with two executives).
     * This is much stronger than "z >= (assistants used) − 1" alone: where the candidates
     * have room for one more only (capacity binds), no w exists and z counts every covered gap
     * beyond the first, while half of each candidate on each gap made z = 0 in the relaxation
     * (a 2.4 % gap on a demo week that GLPK could not close in 10 s; 1.4 % with this row).
     * A group of three or more also keeps the exact rows z[k] >= Σ_a y[k,a] − 1 with
     * y[k,a] >= x[g,a]. */
    if (w->one_substitute > 0) {
        struct plan_groups gr;
        plan_groups_build(inst, &gr);
        int32_t *ycol = hl_malloc((na + 1) * sizeof *ycol);
        for (size_t a = 0; a < na; a++)
            ycol[a] = -1;
        for (size_t q = 0; q < gr.start[gr.n]; q++)
            gr.member[q] = local[gr.member[q]]; /* a group lies in one part or none */
        for (size_t k = 0; k < gr.n; k++) {
            size_t n_mem = gr.start[k + 1] - gr.start[k];
            if (gr.member[gr.start[k]] < 0)
                continue;
            size_t z =
                add_col(m, MIP_Z, (int32_t)k, -1, 0, 0, 1e30, (double)w->one_substitute, false);
            if (n_mem > 2) {
                size_t first_y = m->n_cols;
                for (size_t q = gr.start[k]; q < gr.start[k + 1]; q++) {
                    size_t h = (size_t)gr.member[q];
                    for (size_t j = m->gap_x[h]; j < m->gap_u[h]; j++) {
                        int32_t a = m->cols[j].a;
                        if (ycol[a] < 0)
                            ycol[a] = (int32_t)add_col(m, MIP_Y, (int32_t)k, a, 0, 0, 1, 0, false);
                        struct plan_mip_row *r = add_row(m, MIP_ROW_GRP_Y, 'G', 0);
                        r->g = (int32_t)h;
                        r->a = a;
                        add_nz(m, r, (size_t)ycol[a], 1);
                        add_nz(m, r, j, -1);
                    }
                }
                size_t last_y = m->n_cols;
                struct plan_mip_row *r = add_row(m, MIP_ROW_GRP_Z, 'G', -1);
                r->g = (int32_t)k;
                add_nz(m, r, z, 1);
                for (size_t j = first_y; j < last_y; j++)
                    add_nz(m, r, j, -1);
                for (size_t j = first_y; j < last_y; j++)
                    ycol[m->cols[j].a] = -1;
            }
            /* w for each pair of the group and each assistant who is a column of both and
             * has room for two; then z + Σ u + Σ w >= n − 1 */
            size_t first_w = m->n_cols;
            for (size_t q1 = gr.start[k]; q1 < gr.start[k + 1]; q1++)
                for (size_t q2 = q1 + 1; q2 < gr.start[k + 1]; q2++) {
                    size_t gi = (size_t)gr.member[q1], gj = (size_t)gr.member[q2];
                    for (size_t ji = m->gap_x[gi]; ji < m->gap_u[gi]; ji++) {
                        int32_t a = m->cols[ji].a;
                        size_t jj = m->gap_x[gj];
                        while (jj < m->gap_u[gj] && m->cols[jj].a != a)
                            jj++;
                        if (jj == m->gap_u[gj])
                            continue;
                        const struct plan_assistant *as = &inst->assistants[a];
                        if ((int64_t)as->capacity - plan_assistant_load(as, m->gap_slot[gi]) < 2)
                            continue;
                        size_t wc = add_col(m, MIP_W, (int32_t)k, a, 0, 0, 1, 0, false);
                        size_t xs[2] = {ji, jj};
                        for (int t = 0; t < 2; t++) {
                            struct plan_mip_row *r = add_row(m, MIP_ROW_GRP_W, 'L', 0);
                            r->g = (int32_t)(t == 0 ? gi : gj);
                            r->a = a;
                            add_nz(m, r, wc, 1);
                            add_nz(m, r, xs[t], -1);
                        }
                    }
                }
            size_t last_w = m->n_cols;
            struct plan_mip_row *r = add_row(m, MIP_ROW_GRP_P, 'G', (double)n_mem - 1);
            r->g = (int32_t)k;
            add_nz(m, r, z, 1);
            for (size_t q = gr.start[k]; q < gr.start[k + 1]; q++)
                add_nz(m, r, m->gap_u[gr.member[q]], 1);
            for (size_t j = first_w; j < last_w; j++)
                add_nz(m, r, j, 1);
        }
        free(ycol);
        plan_groups_cleanup(&gr);
    }
    free(local);
    return PLAN_OK;
}

double plan_mip_grain(const struct plan_mip *m)
{
    double grain = 1;
    for (size_t j = 0; j < m->n_cols; j++) {
        const struct plan_mip_col *c = &m->cols[j];
        if (c->cost != floor(c->cost))
            return 0;
        if (c->type == MIP_E)
            grain = 1 / (double)m->pool;
    }
    return grain;
}

void plan_mip_col_name(const struct plan_mip *m, size_t j, char *buf, size_t size)
{
    const struct plan_mip_col *c = &m->cols[j];
    switch (c->type) {
    case MIP_X:
        snprintf(buf, size, "x%d_%d", (int)c->g, (int)c->a);
        break;
    case MIP_U:
        snprintf(buf, size, "u%d", (int)c->g);
        break;
    case MIP_S:
        snprintf(buf, size, "s%d", (int)c->g);
        break;
    case MIP_E:
        snprintf(buf, size, "e%d_%d", (int)c->a, (int)c->k);
        break;
    case MIP_T:
        snprintf(buf, size, "T");
        break;
    case MIP_Y:
        snprintf(buf, size, "y%d_%d", (int)c->g, (int)c->a);
        break;
    case MIP_Z:
        snprintf(buf, size, "z%d", (int)c->g);
        break;
    case MIP_W:
        snprintf(buf, size, "q%d_%d", (int)c->g, (int)c->a);
        break;
    case MIP_L:
        snprintf(buf, size, "l%d", (int)c->a);
        break;
    }
}

void plan_mip_row_name(const struct plan_mip *m, size_t i, char *buf, size_t size)
{
    const struct plan_mip_row *r = &m->rows[i];
    switch (r->type) {
    case MIP_ROW_COVER:
        snprintf(buf, size, "c%d", (int)r->g);
        break;
    case MIP_ROW_CAP:
        snprintf(buf, size, "k%zu", i);
        break;
    case MIP_ROW_SWITCH:
        snprintf(buf, size, "w%d_%d", (int)r->g, (int)r->a);
        break;
    case MIP_ROW_FAIR:
        snprintf(buf, size, "f%d_%d", (int)r->a, (int)r->k);
        break;
    case MIP_ROW_TOTAL:
        snprintf(buf, size, "tot");
        break;
    case MIP_ROW_GRP_Y:
        snprintf(buf, size, "v%d_%d", (int)r->g, (int)r->a);
        break;
    case MIP_ROW_GRP_Z:
        snprintf(buf, size, "n%d", (int)r->g);
        break;
    case MIP_ROW_GRP_W:
        snprintf(buf, size, "b%zu", i);
        break;
    case MIP_ROW_GRP_P:
        snprintf(buf, size, "p%d", (int)r->g);
        break;
    case MIP_ROW_LOAD:
        snprintf(buf, size, "d%d", (int)r->a);
        break;
    }
}

void plan_mip_values(const struct plan_mip *m, const int32_t *asg, double *x)
{
    int64_t total = 0;
    memset(x, 0, m->n_cols * sizeof *x);
    for (size_t g = 0; g < m->n_gaps; g++) {
        x[m->gap_u[g]] = 1;
        if (asg[g] < 0)
            continue;
        for (size_t j = m->gap_x[g]; j < m->gap_u[g]; j++)
            if (m->cols[j].a == asg[g]) {
                x[j] = 1;
                x[m->gap_u[g]] = 0;
                total++;
            }
    }
    for (size_t j = 0; j < m->n_cols; j++) {
        const struct plan_mip_col *c = &m->cols[j];
        if (c->type == MIP_S) {
            int32_t a0 = asg[c->g - 1], a1 = asg[c->g];
            x[j] = (a0 >= 0 && a1 >= 0 && a0 != a1) ? 1 : 0;
        } else if (c->type == MIP_T) {
            x[j] = (double)total;
        }
    }
    /* y[k,a] = 1 when a covers a gap of group k; w[k,a] = 1 when a covers both gaps of its
     * pair; z[k] the least its rows allow: max(0, Σ_a y[k,a] − 1, 1 − u[i] − u[j] − Σ_a w) */
    for (size_t j = 0; j < m->n_cols; j++)
        if (m->cols[j].type == MIP_W)
            x[j] = 1;
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        if (r->type == MIP_ROW_GRP_Y && x[m->idx[r->start + 1]] > 0.5)
            x[m->idx[r->start]] = 1;
        else if (r->type == MIP_ROW_GRP_W && x[m->idx[r->start + 1]] < 0.5)
            x[m->idx[r->start]] = 0;
        else if (r->type == MIP_ROW_LOAD) { /* l[a] = a's covers */
            double n = 0;
            for (size_t q = r->start + 1; q < r->start + r->len; q++)
                n += x[m->idx[q]];
            x[m->idx[r->start]] = n;
        }
    }
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        if (r->type == MIP_ROW_GRP_Z || r->type == MIP_ROW_GRP_P) {
            /* z + Σ coef·col >= rhs (z first, coefficient 1) */
            double rest = 0;
            for (size_t q = r->start + 1; q < r->start + r->len; q++)
                rest += m->val[q] * x[m->idx[q]];
            double need = r->rhs - rest;
            if (need > x[m->idx[r->start]])
                x[m->idx[r->start]] = need;
        }
    }
    /* e from its row: P·e ≥ rhs − (the other terms), at the smallest value allowed */
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        if (r->type != MIP_ROW_FAIR)
            continue;
        size_t ecol = (size_t)m->idx[r->start];
        double lhs = 0;
        for (size_t q = r->start + 1; q < r->start + r->len; q++)
            lhs += m->val[q] * x[m->idx[q]];
        double e = (r->rhs - lhs) / m->val[r->start];
        x[ecol] = e > 0 ? e : 0;
    }
}
