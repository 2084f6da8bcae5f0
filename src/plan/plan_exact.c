/* plan_exact.c: the exact coverage engine: the MIP of plan_mip.c solved by GLPK. */
#include "plan.h"
#include "plan_mip.h"
#include "mem.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void plan_exact_opts_default(struct plan_exact_opts *o)
{
    o->time_limit = 10;
    o->solver = PLAN_SOLVER_GLPK;
    o->max_vars = 50000;
    o->warm_start = false;
    o->with_reasons = true;
    o->decompose = true;
}

const char *plan_solver_name(enum plan_solver s)
{
    return s == PLAN_SOLVER_CBC ? "cbc" : "glpk";
}

bool plan_solver_parse(const char *name, enum plan_solver *out)
{
    if (name && strcmp(name, "glpk") == 0)
        *out = PLAN_SOLVER_GLPK;
    else if (name && strcmp(name, "cbc") == 0)
        *out = PLAN_SOLVER_CBC;
    else
        return false;
    return true;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the branch-and-cut callback needs and records. */
struct cb_state {
    const double *start; /* 1-based values of an incumbent to offer, or NULL */
    bool offered;
    double bound; /* best bound seen */
    bool have_bound;
    double grain; /* every optimum is a multiple of this (0: unknown) */
    bool proven;  /* the search was stopped because the bound met the incumbent */
};

/* Does the bound prove obj optimal? Yes when they agree up to rounding, or when no multiple of
 * grain (every optimum's objective is one, plan_mip_grain) lies in [bound, obj): the least one
 * at or above the bound is obj itself. Only where rounding (1e-9 relative) is far below the
 * grain. */
static bool bound_meets(double bound, double obj, double grain)
{
    double tol = 1e-9 * fmax(1, fabs(obj));
    if (obj - bound <= tol)
        return true;
    if (!(grain > 100 * tol))
        return false;
    double k = ceil((bound - tol) / grain);
    return k * grain >= obj - grain / 2;
}

static void callback(glp_tree *tree, void *info)
{
    struct cb_state *st = info;
    switch (glp_ios_reason(tree)) {
    case GLP_IHEUR:
        if (st->start && !st->offered) {
            st->offered = true;
            glp_ios_heur_sol(tree, st->start);
        }
        break;
    case GLP_ISELECT:
    case GLP_IBINGO:
    case GLP_IROWGEN: {
        int best = glp_ios_best_node(tree);
        if (best) {
            double b = glp_ios_node_bound(tree, best);
            if (!st->have_bound || b > st->bound) {
                st->bound = b;
                st->have_bound = true;
            }
            /* The objective of an optimum lies on a lattice (plan_mip_grain): once no lattice
             * point is left between the bound and the incumbent, the incumbent is optimal. */
            glp_prob *lp = glp_ios_get_prob(tree);
            if (st->grain > 0 && glp_mip_status(lp) == GLP_FEAS &&
                bound_meets(st->bound, glp_mip_obj_val(lp), st->grain)) {
                st->proven = true;
                glp_ios_terminate(tree);
            }
        }
        break;
    }
    default:
        break;
    }
}

/* Loads the model into a new GLPK problem (1-based arrays). */
static glp_prob *load_glpk(const struct plan_mip *m)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    if (m->n_cols)
        glp_add_cols(lp, (int)m->n_cols);
    if (m->n_rows)
        glp_add_rows(lp, (int)m->n_rows);
    for (size_t j = 0; j < m->n_cols; j++) {
        const struct plan_mip_col *c = &m->cols[j];
        int col = (int)j + 1;
        if (c->binary)
            glp_set_col_kind(lp, col, GLP_BV);
        else if (c->integer) {
            glp_set_col_kind(lp, col, GLP_IV);
            glp_set_col_bnds(lp, col, GLP_DB, c->lb, c->ub);
        } else if (c->ub >= 1e30)
            glp_set_col_bnds(lp, col, GLP_LO, c->lb, 0);
        else
            glp_set_col_bnds(lp, col, GLP_DB, c->lb, c->ub);
        glp_set_obj_coef(lp, col, c->cost);
    }
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        int type = r->sense == 'E' ? GLP_FX : r->sense == 'L' ? GLP_UP : GLP_LO;
        glp_set_row_bnds(lp, (int)i + 1, type, r->rhs, r->rhs);
    }
    if (m->nnz) {
        int *ia = hl_malloc((m->nnz + 1) * sizeof *ia);
        int *ja = hl_malloc((m->nnz + 1) * sizeof *ja);
        double *ar = hl_malloc((m->nnz + 1) * sizeof *ar);
        size_t k = 1;
        for (size_t i = 0; i < m->n_rows; i++)
            for (size_t q = m->rows[i].start; q < m->rows[i].start + m->rows[i].len; q++) {
                ia[k] = (int)i + 1;
                ja[k] = m->idx[q] + 1;
                ar[k] = m->val[q];
                k++;
            }
        glp_load_matrix(lp, (int)m->nnz, ia, ja, ar);
        free(ia);
        free(ja);
        free(ar);
    }
    return lp;
}

/* Objective of an assignment as the plan reports it (no reasons). */
static double assignment_total(const struct plan_instance *inst, const struct plan_weights *w,
                               const int32_t *asg)
{
    struct plan p;
    plan_from_assignment(inst, w, asg, false, &p);
    double t = p.terms.total;
    plan_cleanup(&p);
    return t;
}

/* The fast plan as an assignment over the MIP's gaps (asg[g] = assistant or -1). */
static bool fast_assignment(const struct plan_instance *inst, const struct plan_weights *w,
                            const struct plan_mip *m, int32_t *asg)
{
    struct plan fp;
    struct plan_fast_opts fo;
    plan_fast_opts_default(&fo);
    fo.with_reasons = false;
    bool ok = plan_fast(inst, w, &fo, &fp) == PLAN_OK;
    if (ok) {
        size_t c = 0;
        for (size_t g = 0; g < m->n_gaps; g++) {
            asg[g] = -1;
            if (c < fp.n_covers && fp.covers[c].principal == m->gap_principal[g] &&
                fp.covers[c].slot == m->gap_slot[g])
                asg[g] = fp.covers[c++].assistant;
        }
    }
    plan_cleanup(&fp);
    return ok;
}

/* A lower bound that needs no solver: every gap pays at least the cheaper of staying open and
 * its cheapest cover (switching and fairness are never negative). */
static double trivial_bound(const struct plan_mip *m)
{
    double b = 0;
    for (size_t g = 0; g < m->n_gaps; g++) {
        double c = m->cols[m->gap_u[g]].cost;
        for (size_t j = m->gap_x[g]; j < m->gap_u[g]; j++)
            c = fmin(c, m->cols[j].cost);
        b += c;
    }
    return b;
}

/* GLPK on the model from the incumbent `start` (1-based, n_cols + 1 values) within `limit`
 * seconds: res->status OPTIMAL, FEASIBLE (stopped with res->asg its best) or TIME_LIMIT (the
 * relaxation alone outlasted the limit; nothing solved), res->bound the best bound seen
 * (−inf when none). PLAN_ESOLVER when GLPK fails otherwise. */
static enum plan_rc glpk_solve(const struct plan_mip *m, const double *start, double limit,
                               struct plan_mip_result *res)
{
    double t0 = now_seconds();
    res->solved = false;
    res->status = PLAN_STATUS_TIME_LIMIT;
    res->bound = -INFINITY;
    struct cb_state st = {.start = start, .grain = plan_mip_grain(m)};
    enum plan_rc rc = PLAN_OK;
    glp_term_out(GLP_OFF);
    glp_prob *lp = load_glpk(m);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = (int)fmax(1, fmin(limit * 1000, 1e9));
    int err = glp_simplex(lp, &sp);
    if (err == GLP_ETMLIM ||
        (err == 0 && glp_get_status(lp) != GLP_OPT && now_seconds() - t0 >= limit))
        goto out; /* TIME_LIMIT */
    if (err != 0 || glp_get_status(lp) != GLP_OPT) {
        rc = PLAN_ESOLVER;
        goto out;
    }
    res->bound = glp_get_obj_val(lp);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF; /* the callback works on the original columns */
    ip.tm_lim = (int)fmax(1, fmin((limit - (now_seconds() - t0)) * 1000, 1e9));
    ip.cb_func = callback;
    ip.cb_info = &st;
    /* Gomory cuts and most-fractional branching: the demo's months, where the relaxation
     * splits a backup's week in halves to even out fairness, are proven in about 1.5 s with
     * them and not in 10 s without (glpsol on the exported LP). */
    ip.gmi_cuts = GLP_ON;
    ip.br_tech = GLP_BR_MFV;
    ip.mir_cuts = GLP_ON;
    ip.cov_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    ip.fp_heur = GLP_ON;
    err = glp_intopt(lp, &ip);
    int ms = glp_mip_status(lp);
    if (err != 0 && err != GLP_ETMLIM && err != GLP_EMIPGAP && err != GLP_ESTOP) {
        rc = PLAN_ESOLVER;
        goto out;
    }
    if ((err == 0 && ms == GLP_OPT) || (st.proven && ms == GLP_FEAS)) {
        res->status = PLAN_STATUS_OPTIMAL;
    } else {
        res->status = PLAN_STATUS_FEASIBLE;
        if (st.have_bound)
            res->bound = fmax(res->bound, st.bound);
    }
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        res->solved = true;
        for (size_t g = 0; g < m->n_gaps; g++) {
            res->asg[g] = -1;
            for (size_t j = m->gap_x[g]; j < m->gap_u[g]; j++)
                if (glp_mip_col_val(lp, (int)j + 1) > 0.5)
                    res->asg[g] = m->cols[j].a;
        }
        if (res->status == PLAN_STATUS_OPTIMAL)
            res->bound = glp_mip_obj_val(lp);
    } else if (res->status == PLAN_STATUS_OPTIMAL) {
        res->status = PLAN_STATUS_FEASIBLE;
    }
out:
    glp_delete_prob(lp);
    return rc;
}

/* The model's objective for an assignment of its gaps (the columns as plan_mip_values sets
 * them). */
static double mip_objective(const struct plan_mip *m, const int32_t *asg)
{
    double *x = hl_malloc((m->n_cols + 1) * sizeof *x);
    plan_mip_values(m, asg, x);
    double obj = 0;
    for (size_t j = 0; j < m->n_cols; j++)
        obj += m->cols[j].cost * x[j];
    free(x);
    return obj;
}

/* Solves the model with the chosen solver from the incumbent inc (local gaps) within limit
 * seconds; res->asg receives the better of the solver's plan and the incumbent when stopped,
 * the incumbent when nothing was solved. *rc_out: the solver's failure, if any (the incumbent
 * is returned then too, with status TIME_LIMIT). */
static void solve_model(const struct plan_mip *m, enum plan_solver solver, double limit,
                        const int32_t *inc, bool good_start, struct plan_mip_result *res,
                        enum plan_rc *rc_out)
{
    double *start = hl_malloc((m->n_cols + 1) * sizeof *start);
    plan_mip_values(m, inc, start + 1);
    enum plan_rc rc;
    limit = fmax(0.001, limit);
    bool any_x = false;
    for (size_t j = 0; j < m->n_cols && !any_x; j++)
        any_x = m->cols[j].type == MIP_X;
    if (!any_x) {
        /* nobody can cover anything: every gap open is the only plan (CBC does not call a
         * model without integer columns proven) */
        for (size_t g = 0; g < m->n_gaps; g++)
            res->asg[g] = -1;
        res->solved = true;
        res->status = PLAN_STATUS_OPTIMAL;
        res->bound = 0;
        rc = PLAN_OK;
    } else if (solver == PLAN_SOLVER_CBC) {
        rc = plan_cbc_solve(m, start + 1, fmax(0.01, limit), !good_start, res);
    } else {
        rc = glpk_solve(m, start, limit, res);
    }
    free(start);
    if (rc != PLAN_OK) {
        res->solved = false;
        res->status = PLAN_STATUS_TIME_LIMIT;
        res->bound = -INFINITY;
    }
    *rc_out = rc;
}

/* The whole instance as one model (it does not fall apart, or decomposition is off). */
static enum plan_rc exact_whole(const struct plan_instance *inst, const struct plan_weights *w,
                                const struct plan_exact_opts *opts, double t0,
                                const int32_t *start_asg, struct plan *out, double *grain)
{
    struct plan_mip m;
    enum plan_rc rc = plan_mip_build(inst, w, opts->max_vars, &m);
    if (rc != PLAN_OK) {
        plan_mip_cleanup(&m);
        return rc;
    }
    if (m.n_cols > INT32_MAX / 2 || m.nnz > INT32_MAX / 2) {
        plan_mip_cleanup(&m);
        return PLAN_ETOOBIG;
    }

    int32_t *asg = hl_malloc((m.n_gaps + 1) * sizeof *asg);
    int32_t *inc = hl_malloc((m.n_gaps + 1) * sizeof *inc);
    for (size_t g = 0; g < m.n_gaps; g++)
        inc[g] = -1;
    bool inc_fast = false;
    if (start_asg)
        memcpy(inc, start_asg, m.n_gaps * sizeof *inc);
    else
        inc_fast = opts->warm_start && fast_assignment(inst, w, &m, inc);
    *grain = plan_mip_grain(&m);

    double limit = opts->time_limit > 0 ? opts->time_limit : 1e6;
    /* the per-slot assignment bound counts capacity; the per-gap one is its fallback */
    double bound = fmax(trivial_bound(&m), plan_slot_bound(inst, w));
    struct plan_mip_result res = {.asg = asg};
    solve_model(&m, opts->solver, limit - (now_seconds() - t0), inc, inc_fast || start_asg, &res,
                &rc);
    if (rc != PLAN_OK && !(rc == PLAN_ESOLVER && opts->solver == PLAN_SOLVER_CBC))
        goto out; /* GLPK failing is an error; CBC giving up is like running out of time */
    rc = PLAN_OK;
    enum plan_status status = res.status;
    if (isfinite(res.bound))
        bound = fmax(bound, res.bound);
    if (status == PLAN_STATUS_TIME_LIMIT && !inc_fast && !start_asg)
        inc_fast = fast_assignment(inst, w, &m, inc);
    if (!res.solved || (status != PLAN_STATUS_OPTIMAL &&
                        assignment_total(inst, w, inc) < assignment_total(inst, w, asg)))
        memcpy(asg, inc, m.n_gaps * sizeof *asg);
    plan_from_assignment(inst, w, asg, opts->with_reasons, out);
    if (status == PLAN_STATUS_OPTIMAL)
        bound = out->terms.total;
    out->stats.status = status;
    out->stats.bound = bound;
    out->stats.n_vars = (int64_t)m.n_cols;
    out->stats.n_rows = (int64_t)m.n_rows;
    out->stats.n_parts = 1;
out:
    free(asg);
    free(inc);
    plan_mip_cleanup(&m);
    return rc;
}

/* Union-find root with path halving. */
static int32_t uf_find(int32_t *parent, int32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_union(int32_t *parent, int32_t x, int32_t y)
{
    x = uf_find(parent, x);
    y = uf_find(parent, y);
    if (x != y)
        parent[x < y ? y : x] = x < y ? x : y;
}

/*
 * The parts of the instance that cannot interact: principals (with gaps) and assistants
 * joined when the assistant could cover one of the principal's gaps (qualified, available,
 * with room), and the principals of one group of one substitute joined. Principals no
 * assistant can cover share one part. part_of[p] = the part of principal p (−1 without gaps);
 * returns the number of parts.
 */
static int32_t find_parts(const struct plan_instance *inst, int32_t *part_of)
{
    size_t np = inst->n_principals, na = inst->n_assistants;
    int32_t *parent = hl_malloc((np + na + 1) * sizeof *parent);
    for (size_t i = 0; i < np + na; i++)
        parent[i] = (int32_t)i;
    bool *linked = hl_calloc(np + 1, sizeof *linked);
    for (size_t p = 0; p < np; p++) {
        const struct plan_principal *pr = &inst->principals[p];
        if (pr->n_gaps == 0)
            continue;
        for (size_t a = 0; a < na; a++) {
            if (!plan_qualified(inst, (int32_t)p, (int32_t)a))
                continue;
            const struct plan_assistant *as = &inst->assistants[a];
            for (size_t i = 0; i < pr->n_gaps; i++)
                if (plan_assistant_available(as, pr->gaps[i]) &&
                    plan_assistant_load(as, pr->gaps[i]) < as->capacity) {
                    uf_union(parent, (int32_t)p, (int32_t)(np + a));
                    linked[p] = true;
                    break;
                }
        }
    }
    struct plan_groups gr;
    plan_groups_build(inst, &gr);
    if (gr.n > 0) {
        size_t ng = plan_instance_gap_count(inst), g = 0;
        int32_t *gp = hl_malloc((ng + 1) * sizeof *gp);
        for (size_t p = 0; p < np; p++)
            for (size_t i = 0; i < inst->principals[p].n_gaps; i++)
                gp[g++] = (int32_t)p;
        for (size_t k = 0; k < gr.n; k++)
            for (size_t q = gr.start[k] + 1; q < gr.start[k + 1]; q++) {
                int32_t p0 = gp[gr.member[gr.start[k]]], p1 = gp[gr.member[q]];
                uf_union(parent, p0, p1);
            }
        free(gp);
    }
    plan_groups_cleanup(&gr);
    /* number the parts by their first principal; the uncoverable ones share one */
    int32_t *num = hl_malloc((np + na + 1) * sizeof *num);
    for (size_t i = 0; i < np + na; i++)
        num[i] = -1;
    /* a part is coverable when one of its principals is linked to an assistant */
    bool *coverable = hl_calloc(np + na + 1, sizeof *coverable);
    for (size_t p = 0; p < np; p++)
        if (linked[p])
            coverable[uf_find(parent, (int32_t)p)] = true;
    int32_t n = 0, alone = -1;
    for (size_t p = 0; p < np; p++) {
        part_of[p] = -1;
        if (inst->principals[p].n_gaps == 0)
            continue;
        int32_t r = uf_find(parent, (int32_t)p);
        if (!coverable[r]) {
            if (alone < 0)
                alone = n++;
            part_of[p] = alone;
            continue;
        }
        if (num[r] < 0)
            num[r] = n++;
        part_of[p] = num[r];
    }
    free(num);
    free(coverable);
    free(linked);
    free(parent);
    return n;
}

struct part_order {
    int32_t part;
    size_t gaps;
};

static int cmp_part_order(const void *x, const void *y)
{
    const struct part_order *a = x, *b = y;
    if (a->gaps != b->gaps)
        return (a->gaps > b->gaps) - (a->gaps < b->gaps);
    return (a->part > b->part) - (a->part < b->part);
}

/*
 * The decomposed solve (docs/planner.md §5, "Decomposition"). The fairness term's pool mean
 * couples every part, so each part is solved with the mean fixed at its largest possible
 * value (every coverable gap covered, plan_slot_max_covers): that makes the parts independent
 * and their optima, with the constant fairness of assistants in no part, a lower bound of the
 * whole. The plan combines the parts' plans and is judged with the real mean; when it covers
 * as many gaps as the bound assumed (the usual case) the two agree and the plan is proven.
 * A part the solver cannot finish, refuses (above max_vars) or fails on keeps the incumbent
 * (the fast plan's covers of that part) and its solver-free bound, and the others are solved
 * all the same. Returns PLAN_ETOOBIG only when no part can be built.
 */
static enum plan_rc exact_parts(const struct plan_instance *inst, const struct plan_weights *w,
                                const struct plan_exact_opts *opts, double t0,
                                const int32_t *part_of, int32_t n_parts, struct plan *out,
                                double *grain)
{
    size_t ng = plan_instance_gap_count(inst), na = inst->n_assistants;
    enum plan_rc rc = PLAN_OK;
    int32_t *inc = hl_malloc((ng + 1) * sizeof *inc); /* whole-instance gap numbering */
    int32_t *asg = hl_malloc((ng + 1) * sizeof *asg);
    for (size_t g = 0; g < ng; g++)
        inc[g] = asg[g] = -1;
    struct plan_mip whole_view = {.n_gaps = ng};
    whole_view.gap_principal = hl_malloc((ng + 1) * sizeof *whole_view.gap_principal);
    whole_view.gap_slot = hl_malloc((ng + 1) * sizeof *whole_view.gap_slot);
    for (size_t p = 0, g = 0; p < inst->n_principals; p++)
        for (size_t i = 0; i < inst->principals[p].n_gaps; i++, g++) {
            whole_view.gap_principal[g] = (int32_t)p;
            whole_view.gap_slot[g] = inst->principals[p].gaps[i];
        }
    bool inc_fast = opts->warm_start && fast_assignment(inst, w, &whole_view, inc);

    /* the mean fixed at its largest; the fairness of assistants in no part is then fixed */
    double total = (double)plan_slot_max_covers(inst), sum_prior = 0;
    for (size_t a = 0; a < na; a++)
        sum_prior += inst->assistants[a].prior_covers;
    double mean = na ? (sum_prior + total) / (double)na : 0;
    double *part_bound = hl_calloc((size_t)n_parts + 1, sizeof *part_bound);
    double slot_bound = plan_slot_bound_parts(inst, w, part_of, part_bound);
    bool *in_some = hl_calloc(na + 1, sizeof *in_some);

    struct part_order *order = hl_malloc(((size_t)n_parts + 1) * sizeof *order);
    for (int32_t k = 0; k < n_parts; k++)
        order[k] = (struct part_order){k, 0};
    for (size_t p = 0; p < inst->n_principals; p++)
        if (part_of[p] >= 0)
            order[part_of[p]].gaps += inst->principals[p].n_gaps;
    qsort(order, (size_t)n_parts, sizeof *order, cmp_part_order);

    double limit = opts->time_limit > 0 ? opts->time_limit : 1e6;
    enum plan_status status = PLAN_STATUS_OPTIMAL;
    *grain = 1;
    int32_t built = 0;
    int64_t n_vars = 0, n_rows = 0;
    for (int32_t o = 0; o < n_parts; o++) {
        int32_t k = order[o].part;
        struct plan_mip_part part = {.part_of = part_of, .part = k, .total = total};
        struct plan_mip m;
        enum plan_rc brc = plan_mip_build_part(inst, w, opts->max_vars, &part, &m);
        if (brc == PLAN_OK && (m.n_cols > INT32_MAX / 2 || m.nnz > INT32_MAX / 2))
            brc = PLAN_ETOOBIG;
        if (brc != PLAN_OK) {
            plan_mip_cleanup(&m);
            if (brc != PLAN_ETOOBIG) {
                rc = brc;
                goto out;
            }
            /* too big for the exact engine: this part keeps the fast plan */
            if (!inc_fast)
                inc_fast = fast_assignment(inst, w, &whole_view, inc);
            for (size_t g = 0; g < ng; g++)
                if (part_of[whole_view.gap_principal[g]] == k)
                    asg[g] = inc[g];
            status = PLAN_STATUS_TIME_LIMIT;
            continue;
        }
        built++;
        n_vars += (int64_t)m.n_cols;
        n_rows += (int64_t)m.n_rows;
        for (size_t j = 0; j < m.n_cols; j++)
            if (m.cols[j].type == MIP_X)
                in_some[m.cols[j].a] = true;
        double gr = plan_mip_grain(&m);
        *grain = gr == 0 || *grain == 0 ? 0 : fmin(*grain, gr);
        int32_t *linc = hl_malloc((m.n_gaps + 1) * sizeof *linc);
        int32_t *lasg = hl_malloc((m.n_gaps + 1) * sizeof *lasg);
        for (size_t g = 0; g < m.n_gaps; g++)
            linc[g] = inc[m.gap_index[g]];
        /* the time left, shared evenly by the parts left (smallest first: they finish early
         * and leave their share to the larger ones) */
        double left = limit - (now_seconds() - t0);
        struct plan_mip_result res = {.asg = lasg};
        enum plan_rc src;
        solve_model(&m, opts->solver, left / (double)(n_parts - o), linc, inc_fast, &res, &src);
        if (res.status != PLAN_STATUS_OPTIMAL && !inc_fast) {
            /* not proven: the fast plan is the fallback, as for the whole */
            inc_fast = fast_assignment(inst, w, &whole_view, inc);
            for (size_t g = 0; g < m.n_gaps; g++)
                linc[g] = inc[m.gap_index[g]];
        }
        bool take = res.solved && (res.status == PLAN_STATUS_OPTIMAL ||
                                   mip_objective(&m, lasg) <= mip_objective(&m, linc));
        for (size_t g = 0; g < m.n_gaps; g++)
            asg[m.gap_index[g]] = take ? lasg[g] : linc[g];
        if (res.status == PLAN_STATUS_OPTIMAL)
            part_bound[k] = fmax(part_bound[k], mip_objective(&m, lasg));
        else if (isfinite(res.bound))
            part_bound[k] = fmax(part_bound[k], res.bound);
        if (res.status > status)
            status = res.status;
        free(linc);
        free(lasg);
        plan_mip_cleanup(&m);
    }
    if (built == 0) {
        rc = PLAN_ETOOBIG;
        goto out;
    }
    /* the lower bound: the parts' bounds and the fixed fairness of assistants in none */
    double parts_sum = 0;
    for (int32_t k = 0; k < n_parts; k++)
        parts_sum += part_bound[k];
    for (size_t a = 0; a < na; a++)
        if (!in_some[a])
            parts_sum += plan_fair_cost(w, inst->assistants[a].prior_covers - mean);
    plan_from_assignment(inst, w, asg, opts->with_reasons, out);
    out->stats.status = status;
    out->stats.bound = fmax(slot_bound, parts_sum);
    out->stats.n_vars = n_vars;
    out->stats.n_rows = n_rows;
    out->stats.n_parts = n_parts;
out:
    free(order);
    free(in_some);
    free(part_bound);
    free(whole_view.gap_principal);
    free(whole_view.gap_slot);
    free(inc);
    free(asg);
    return rc;
}

/*
 * The solve. The incumbent (the fast plan when warm_start, else all gaps open) is offered to
 * the solver and kept as the answer whenever the solver has nothing better, so running out of
 * time never fails: if the LP relaxation alone outlasts the limit the incumbent is returned
 * with status TIME_LIMIT (and the fast plan replaces an all-open incumbent then), with the
 * solver-free bound; if branch-and-cut is stopped, the better of its best and the incumbent is
 * returned with status FEASIBLE and the best bound seen. An instance that falls apart into
 * parts that cannot interact is solved part by part (exact_parts).
 */
/* A plan's covers as an assignment over the instance's gaps (asg[g] = assistant or -1). */
static void plan_assignment(const struct plan_instance *inst, const struct plan *p, int32_t *asg)
{
    size_t g = 0, c = 0;
    for (size_t q = 0; q < inst->n_principals; q++)
        for (size_t i = 0; i < inst->principals[q].n_gaps; i++, g++) {
            asg[g] = -1;
            if (c < p->n_covers && p->covers[c].principal == (int32_t)q &&
                p->covers[c].slot == inst->principals[q].gaps[i])
                asg[g] = p->covers[c++].assistant;
        }
}

/* The status, bound and gap of a plan made by either path, stated honestly: the bound never
 * above the plan, OPTIMAL exactly when the bound meets the plan (up to the lattice of optima,
 * plan_mip_grain). */
static void settle(struct plan *out, double grain)
{
    double bound = fmin(out->stats.bound, out->terms.total);
    out->stats.bound = bound;
    out->stats.mip_gap = fabs(out->terms.total - bound) / fmax(1e-9, fabs(out->terms.total));
    if (bound_meets(bound, out->terms.total, grain)) {
        out->stats.status = PLAN_STATUS_OPTIMAL;
        out->stats.bound = out->terms.total;
        out->stats.mip_gap = 0;
    } else if (out->stats.status == PLAN_STATUS_OPTIMAL) {
        /* every part optimal, but the plan covers fewer gaps than the bound assumed */
        out->stats.status = PLAN_STATUS_FEASIBLE;
    }
}

/*
 * The solve. The incumbent (the fast plan when warm_start, else all gaps open) is offered to
 * the solver and kept as the answer whenever the solver has nothing better, so running out of
 * time never fails: if the LP relaxation alone outlasts the limit the incumbent is returned
 * with status TIME_LIMIT (and the fast plan replaces an all-open incumbent then), with the
 * solver-free bound; if branch-and-cut is stopped, the better of its best and the incumbent is
 * returned with status FEASIBLE and the best bound seen. An instance that falls apart into
 * parts that cannot interact is solved part by part (exact_parts); when every part is proven
 * but their plan leaves a coverable gap open (so the fixed mean of the parts' bound is not
 * the plan's), the whole is solved once more from that plan in the time left.
 */
enum plan_rc plan_exact(const struct plan_instance *inst, const struct plan_weights *w,
                        const struct plan_exact_opts *opts, struct plan *out)
{
    struct plan_exact_opts def;
    if (!opts) {
        plan_exact_opts_default(&def);
        opts = &def;
    }
    plan_init(out);
    double t0 = now_seconds();
    if (plan_instance_check(inst, NULL, 0) != PLAN_OK || plan_weights_check(w, NULL, 0) != PLAN_OK)
        return PLAN_EINVAL;
    enum plan_rc rc;
    double grain = 0;
    int32_t *part_of = hl_malloc((inst->n_principals + 1) * sizeof *part_of);
    int32_t n_parts = opts->decompose ? find_parts(inst, part_of) : 1;
    if (n_parts > 1) {
        rc = exact_parts(inst, w, opts, t0, part_of, n_parts, out, &grain);
        bool all_proven = rc == PLAN_OK && out->stats.status == PLAN_STATUS_OPTIMAL;
        if (rc == PLAN_OK)
            settle(out, grain);
        double left = opts->time_limit > 0 ? opts->time_limit - (now_seconds() - t0) : 1e6;
        if (all_proven && out->stats.status != PLAN_STATUS_OPTIMAL && left > 0.01) {
            size_t ng = plan_instance_gap_count(inst);
            int32_t *asg = hl_malloc((ng + 1) * sizeof *asg);
            plan_assignment(inst, out, asg);
            struct plan whole;
            double g2 = 0;
            if (exact_whole(inst, w, opts, t0, asg, &whole, &g2) == PLAN_OK) {
                settle(&whole, g2);
                double bound = fmax(out->stats.bound, whole.stats.bound);
                if (whole.terms.total <= out->terms.total) {
                    int64_t nv = out->stats.n_vars, nr = out->stats.n_rows;
                    plan_cleanup(out);
                    *out = whole;
                    out->stats.n_vars += nv;
                    out->stats.n_rows += nr;
                } else {
                    plan_cleanup(&whole);
                }
                out->stats.n_parts = n_parts;
                out->stats.bound = bound;
                settle(out, g2);
            } else {
                plan_cleanup(&whole);
            }
            free(asg);
        }
    } else {
        rc = exact_whole(inst, w, opts, t0, NULL, out, &grain);
        if (rc == PLAN_OK) {
            if (out->stats.status == PLAN_STATUS_OPTIMAL)
                out->stats.bound = out->terms.total;
            settle(out, grain);
        }
    }
    free(part_of);
    if (rc == PLAN_OK)
        out->stats.seconds = now_seconds() - t0;
    /* GLPK keeps a per-thread environment; the server's threads live long, so give it back
     * (every problem object of this call is deleted by now). */
    glp_free_env();
    return rc;
}
