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
    o->max_vars = 50000;
    o->warm_start = false;
    o->with_reasons = true;
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
};

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
    for (size_t g = 0; g < m.n_gaps; g++)
        asg[g] = -1;
    double *start = hl_malloc((m.n_cols + 1) * sizeof *start);
    struct cb_state st = {.start = NULL};
    if (opts->warm_start) {
        struct plan fp;
        struct plan_fast_opts fo;
        plan_fast_opts_default(&fo);
        fo.with_reasons = false;
        if (plan_fast(inst, w, &fo, &fp) == PLAN_OK) {
            int32_t *fasg = hl_malloc((m.n_gaps + 1) * sizeof *fasg);
            size_t c = 0;
            for (size_t g = 0; g < m.n_gaps; g++) {
                fasg[g] = -1;
                if (c < fp.n_covers && fp.covers[c].principal == m.gap_principal[g] &&
                    fp.covers[c].slot == m.gap_slot[g])
                    fasg[g] = fp.covers[c++].assistant;
            }
            plan_mip_values(&m, fasg, start + 1);
            st.start = start;
            free(fasg);
        }
        plan_cleanup(&fp);
    }
    if (!st.start) {
        /* every gap open: always feasible, so a time limit still yields a plan */
        plan_mip_values(&m, asg, start + 1);
        st.start = start;
    }

    double limit = opts->time_limit > 0 ? opts->time_limit : 1e6;
    enum plan_status status = PLAN_STATUS_OPTIMAL;
    double bound = 0;
    if (m.n_cols > 0) {
        glp_term_out(GLP_OFF);
        glp_prob *lp = load_glpk(&m);
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.tm_lim = (int)fmin(limit * 1000, 1e9);
        int err = glp_simplex(lp, &sp);
        if (err != 0 && err != GLP_ETMLIM) {
            glp_delete_prob(lp);
            rc = PLAN_ESOLVER;
            goto out;
        }
        double used = now_seconds() - t0;
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = GLP_MSG_OFF;
        ip.presolve = GLP_OFF; /* the callback works on the original columns */
        ip.tm_lim = (int)fmax(1, fmin((limit - used) * 1000, 1e9));
        ip.cb_func = callback;
        ip.cb_info = &st;
        ip.mir_cuts = GLP_ON;
        ip.cov_cuts = GLP_ON;
        ip.clq_cuts = GLP_ON;
        ip.fp_heur = GLP_ON;
        if (glp_get_status(lp) != GLP_OPT) {
            /* simplex stopped on its time limit: let intopt's presolver solve it */
            ip.presolve = GLP_ON;
            ip.cb_func = NULL;
        }
        err = glp_intopt(lp, &ip);
        int ms = glp_mip_status(lp);
        if (err != 0 && err != GLP_ETMLIM && err != GLP_EMIPGAP) {
            glp_delete_prob(lp);
            rc = PLAN_ESOLVER;
            goto out;
        }
        if (ms != GLP_OPT && ms != GLP_FEAS) {
            glp_delete_prob(lp);
            rc = PLAN_ESOLVER;
            goto out;
        }
        status = (err == 0 && ms == GLP_OPT) ? PLAN_STATUS_OPTIMAL : PLAN_STATUS_FEASIBLE;
        double obj = glp_mip_obj_val(lp);
        for (size_t g = 0; g < m.n_gaps; g++)
            for (size_t j = m.gap_x[g]; j < m.gap_u[g]; j++)
                if (glp_mip_col_val(lp, (int)j + 1) > 0.5)
                    asg[g] = m.cols[j].a;
        bound = status == PLAN_STATUS_OPTIMAL ? obj : (st.have_bound ? st.bound : -INFINITY);
        glp_delete_prob(lp);
    }
    plan_from_assignment(inst, w, asg, opts->with_reasons, out);
    if (status == PLAN_STATUS_OPTIMAL)
        bound = out->terms.total;
    out->stats.status = status;
    out->stats.bound = bound;
    out->stats.mip_gap =
        status == PLAN_STATUS_OPTIMAL
            ? 0
            : (isfinite(bound) ? fabs(out->terms.total - bound) / fmax(1e-9, fabs(out->terms.total))
                               : INFINITY);
    out->stats.n_vars = (int64_t)m.n_cols;
    out->stats.n_rows = (int64_t)m.n_rows;
    out->stats.seconds = now_seconds() - t0;
out:
    free(start);
    free(asg);
    plan_mip_cleanup(&m);
    /* GLPK keeps a per-thread environment; the server's threads live long, so give it back
     * (every problem object of this call is deleted by now). */
    glp_free_env();
    return rc;
}
