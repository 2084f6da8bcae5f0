/* plan_cbc.c: the exact engine's second MIP backend: the model of plan_mip.c solved by COIN-OR
 * CBC through its C interface (coinor-libcbc-dev). Chosen with plan_exact_opts.solver. */
#include "plan_mip.h"
#include "mem.h"

#include <Cbc_C_Interface.h>
#include <Clp_C_Interface.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread (Clp runs in it): the relaxation's cost as work, the same on
 * a loaded machine as on an idle one */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum plan_rc plan_cbc_solve(const struct plan_mip *m, const double *start, double time_limit,
                            bool heuristics, struct plan_mip_result *res)
{
    double t0 = now_seconds(), c0 = cpu_seconds();
    Cbc_Model *cbc = NULL;
    res->solved = false;
    res->status = PLAN_STATUS_TIME_LIMIT;
    res->bound = -INFINITY;
    size_t nc = m->n_cols, nr = m->n_rows;
    CoinBigIndex *cstart = hl_calloc(nc + 2, sizeof *cstart);
    int *rindex = hl_malloc((m->nnz + 1) * sizeof *rindex);
    double *val = hl_malloc((m->nnz + 1) * sizeof *val);
    double *clb = hl_malloc((nc + 1) * sizeof *clb), *cub = hl_malloc((nc + 1) * sizeof *cub);
    double *obj = hl_malloc((nc + 1) * sizeof *obj);
    double *rlb = hl_malloc((nr + 1) * sizeof *rlb), *rub = hl_malloc((nr + 1) * sizeof *rub);
    /* the rows are stored row-wise; CBC loads columns */
    for (size_t q = 0; q < m->nnz; q++)
        cstart[m->idx[q] + 1]++;
    for (size_t j = 0; j < nc; j++)
        cstart[j + 1] += cstart[j];
    CoinBigIndex *fill = hl_malloc((nc + 1) * sizeof *fill);
    for (size_t j = 0; j < nc; j++)
        fill[j] = cstart[j];
    for (size_t i = 0; i < nr; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        for (size_t q = r->start; q < r->start + r->len; q++) {
            CoinBigIndex k = fill[m->idx[q]]++;
            rindex[k] = (int)i;
            val[k] = m->val[q];
        }
        rlb[i] = r->sense == 'L' ? -DBL_MAX : r->rhs;
        rub[i] = r->sense == 'G' ? DBL_MAX : r->rhs;
    }
    free(fill);
    for (size_t j = 0; j < nc; j++) {
        const struct plan_mip_col *c = &m->cols[j];
        clb[j] = c->lb;
        cub[j] = c->ub >= 1e30 ? DBL_MAX : c->ub;
        obj[j] = c->cost;
    }
    enum plan_rc rc = PLAN_OK;
    if (time_limit <= 0)
        time_limit = 1e6;
    /* CBC checks its time limit between nodes only: on a large model the root (its LP
     * relaxation and the cut rounds) can run minutes past it. So the relaxation is solved first
     * by Clp, which stops at the limit; if it does not finish, or leaves too little time for
     * CBC to solve it again and cut, the caller keeps its incumbent with the relaxation's
     * bound (status TIME_LIMIT). */
    {
        Clp_Simplex *clp = Clp_newModel();
        Clp_setLogLevel(clp, 0);
        Clp_loadProblem(clp, (int)nc, (int)nr, cstart, rindex, val, clb, cub, obj, rlb, rub);
        Clp_setMaximumSeconds(clp, time_limit);
        Clp_dual(clp, 0);
        bool lp_done = Clp_status(clp) == 0;
        if (lp_done)
            res->bound = Clp_objectiveValue(clp);
        Clp_deleteModel(clp);
        double t_lp = now_seconds() - t0, c_lp = cpu_seconds() - c0;
        if (!lp_done || time_limit - t_lp < 3 * t_lp)
            goto out;
        time_limit -= t_lp;
        /* the root's cut rounds on a large model cost several relaxations each. Judged by
         * CPU time: under load the wall time of a small relaxation grows 3-5 times and cut
         * the rounds that prove the demo's January at the root (bound 40,346 after one
         * round, 40,357 = the optimum after ten). */
        if (c_lp > 0.05 * time_limit) {
            cbc = Cbc_newModel();
            Cbc_setParameter(cbc, "passCuts", "1");
        }
    }
    if (!cbc)
        cbc = Cbc_newModel();
    Cbc_setLogLevel(cbc, 0);
    Cbc_loadProblem(cbc, (int)nc, (int)nr, cstart, rindex, val, clb, cub, obj, rlb, rub);
    Cbc_setObjSense(cbc, 1);
    for (size_t j = 0; j < nc; j++)
        if (m->cols[j].binary || m->cols[j].integer)
            Cbc_setInteger(cbc, (int)j);
    if (start) /* (Cbc_setMIPStart fails in CBC 2.10.8: "getColumnName, Illegal index") */
        Cbc_setInitialSolution(cbc, start);
    Cbc_setMaximumSeconds(cbc, time_limit > 0 ? time_limit : 1e6);
    Cbc_setParameter(cbc, "threads", "1");
    Cbc_setParameter(cbc, "timeMode", "elapsed"); /* the limit is wall time, as for GLPK */
    /* CBC 2.10.8 crashes in CglPreProcess::postProcess when the time limit stops a solve
     * that preprocessing reduced; the model is small and clean, so go without */
    Cbc_setParameter(cbc, "preprocess", "off");
    /* with a warm start (the fast plan) the primal heuristics at the nodes find nothing better
     * and cost most of the time: the demo's December is proven in 2 s without them, 15 s with */
    if (!heuristics)
        Cbc_setParameter(cbc, "heur", "off");
    int err = Cbc_solve(cbc);
    const double *x = Cbc_bestSolution(cbc);
    if (Cbc_isAbandoned(cbc) || (err != 0 && !x)) {
        rc = PLAN_ESOLVER;
        goto out;
    }
    if (x) {
        res->solved = true;
        for (size_t g = 0; g < m->n_gaps; g++) {
            res->asg[g] = -1;
            for (size_t j = m->gap_x[g]; j < m->gap_u[g]; j++)
                if (x[j] > 0.5)
                    res->asg[g] = m->cols[j].a;
        }
    }
    if (Cbc_isProvenOptimal(cbc) && x) {
        res->status = PLAN_STATUS_OPTIMAL;
        res->bound = Cbc_getObjValue(cbc);
    } else {
        res->status = x ? PLAN_STATUS_FEASIBLE : PLAN_STATUS_TIME_LIMIT;
        double b = Cbc_getBestPossibleObjValue(cbc);
        if (isfinite(b) && fabs(b) < 1e40)
            res->bound = fmax(res->bound, b);
    }
out:
    if (cbc)
        Cbc_deleteModel(cbc);
    free(cstart);
    free(rindex);
    free(val);
    free(clb);
    free(cub);
    free(obj);
    free(rlb);
    free(rub);
    return rc;
}
