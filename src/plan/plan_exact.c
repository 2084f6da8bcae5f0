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
        else if (c->ub >= 1e30)
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

/*
 * The solve. The incumbent (the fast plan when warm_start, else all gaps open) is offered to
 * GLPK and kept as the answer whenever the solver has nothing better, so running out of time
 * never fails: if the LP relaxation alone outlasts the limit the incumbent is returned with
 * status TIME_LIMIT (and the fast plan replaces an all-open incumbent then), with the
 * solver-free bound; if branch-and-cut is stopped, the better of its best and the incumbent is
 * returned with status FEASIBLE and the best bound seen.
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
    bool inc_fast = opts->warm_start && fast_assignment(inst, w, &m, inc);
    double *start = hl_malloc((m.n_cols + 1) * sizeof *start);
    plan_mip_values(&m, inc, start + 1);
    struct cb_state st = {.start = start, .grain = plan_mip_grain(&m)};

    double limit = opts->time_limit > 0 ? opts->time_limit : 1e6;
    enum plan_status status = PLAN_STATUS_OPTIMAL;
    /* the per-slot assignment bound counts capacity; the per-gap one is its fallback */
    double bound = fmax(trivial_bound(&m), plan_slot_bound(inst, w));
    bool solved = false; /* asg holds a solution of the solver */
    if (m.n_cols > 0 && opts->solver == PLAN_SOLVER_CBC) {
        struct plan_mip_result res = {.asg = asg};
        rc = plan_cbc_solve(&m, start + 1, fmax(0.01, limit - (now_seconds() - t0)), &res);
        if (rc != PLAN_OK)
            goto out;
        solved = res.solved;
        status = res.status;
        if (isfinite(res.bound))
            bound = fmax(bound, res.bound);
    } else if (m.n_cols > 0) {
        glp_term_out(GLP_OFF);
        glp_prob *lp = load_glpk(&m);
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.tm_lim = (int)fmax(1, fmin((limit - (now_seconds() - t0)) * 1000, 1e9));
        int err = glp_simplex(lp, &sp);
        if (err == GLP_ETMLIM ||
            (err == 0 && glp_get_status(lp) != GLP_OPT && now_seconds() - t0 >= limit)) {
            status = PLAN_STATUS_TIME_LIMIT;
        } else if (err != 0 || glp_get_status(lp) != GLP_OPT) {
            glp_delete_prob(lp);
            rc = PLAN_ESOLVER;
            goto out;
        } else {
            bound = fmax(bound, glp_get_obj_val(lp));
            glp_iocp ip;
            glp_init_iocp(&ip);
            ip.msg_lev = GLP_MSG_OFF;
            ip.presolve = GLP_OFF; /* the callback works on the original columns */
            ip.tm_lim = (int)fmax(1, fmin((limit - (now_seconds() - t0)) * 1000, 1e9));
            ip.cb_func = callback;
            ip.cb_info = &st;
            /* Gomory cuts and most-fractional branching: the demo's months, where the
             * relaxation splits a backup's week in halves to even out fairness, are proven in
             * about 1.5 s with them and not in 10 s without (glpsol on the exported LP). */
            ip.gmi_cuts = GLP_ON;
            ip.br_tech = GLP_BR_MFV;
            ip.mir_cuts = GLP_ON;
            ip.cov_cuts = GLP_ON;
            ip.clq_cuts = GLP_ON;
            ip.fp_heur = GLP_ON;
            err = glp_intopt(lp, &ip);
            int ms = glp_mip_status(lp);
            if (err != 0 && err != GLP_ETMLIM && err != GLP_EMIPGAP && err != GLP_ESTOP) {
                glp_delete_prob(lp);
                rc = PLAN_ESOLVER;
                goto out;
            }
            if ((err == 0 && ms == GLP_OPT) || (st.proven && ms == GLP_FEAS)) {
                status = PLAN_STATUS_OPTIMAL;
            } else {
                status = PLAN_STATUS_FEASIBLE;
                if (st.have_bound)
                    bound = fmax(bound, st.bound);
            }
            if (ms == GLP_OPT || ms == GLP_FEAS) {
                solved = true;
                for (size_t g = 0; g < m.n_gaps; g++) {
                    asg[g] = -1;
                    for (size_t j = m.gap_x[g]; j < m.gap_u[g]; j++)
                        if (glp_mip_col_val(lp, (int)j + 1) > 0.5)
                            asg[g] = m.cols[j].a;
                }
            }
        }
        glp_delete_prob(lp);
    }
    if (status == PLAN_STATUS_TIME_LIMIT && !inc_fast)
        inc_fast = fast_assignment(inst, w, &m, inc);
    if (!solved || (status != PLAN_STATUS_OPTIMAL &&
                    assignment_total(inst, w, inc) < assignment_total(inst, w, asg)))
        memcpy(asg, inc, m.n_gaps * sizeof *asg);
    plan_from_assignment(inst, w, asg, opts->with_reasons, out);
    if (status == PLAN_STATUS_OPTIMAL)
        bound = out->terms.total;
    bound = fmin(bound, out->terms.total);
    out->stats.status = status;
    out->stats.bound = bound;
    out->stats.mip_gap = fabs(out->terms.total - bound) / fmax(1e-9, fabs(out->terms.total));
    if (status != PLAN_STATUS_OPTIMAL && bound_meets(bound, out->terms.total, st.grain)) {
        /* the bound meets the plan (up to the lattice of optima): proven after all */
        out->stats.status = PLAN_STATUS_OPTIMAL;
        out->stats.bound = out->terms.total;
        out->stats.mip_gap = 0;
    }
    out->stats.n_vars = (int64_t)m.n_cols;
    out->stats.n_rows = (int64_t)m.n_rows;
    out->stats.seconds = now_seconds() - t0;
out:
    free(start);
    free(asg);
    free(inc);
    plan_mip_cleanup(&m);
    /* GLPK keeps a per-thread environment; the server's threads live long, so give it back
     * (every problem object of this call is deleted by now). */
    glp_free_env();
    return rc;
}
