/* test_assign.c: the pool-wide assignment (src/plan/assign.c) against GLPK's optimum on random
 * small instances with capacities, locks and forbidden pairs, and its edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "assign.h"

#include <glpk.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct rng {
    uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rint_in(struct rng *r, int lo, int hi)
{
    return lo + (int)(rnd(r) % (uint64_t)(hi - lo + 1));
}

/* GLPK's answer to the same question, independently: first the largest number of executives
 * placed (a MIP), then the largest total fit with exactly that many placed. */
static void glpk_optimum(const struct assign_problem *p, int *placed, double *total)
{
    int n = p->n_exec, m = p->n_asst;
    *placed = 0;
    *total = 0;
    if (n == 0 || m == 0)
        return;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    /* rows 1..n: each executive at most once; n+1..n+m: capacities; n+m+1: the count */
    glp_add_rows(lp, n + m + 1);
    for (int i = 0; i < n; i++)
        glp_set_row_bnds(lp, 1 + i, GLP_UP, 0, 1);
    for (int j = 0; j < m; j++)
        glp_set_row_bnds(lp, 1 + n + j, GLP_UP, 0, p->capacity[j]);
    glp_set_row_bnds(lp, n + m + 1, GLP_FR, 0, 0);
    int nz = 3 * n * m + 1;
    int *ia = calloc((size_t)nz, sizeof *ia), *ja = calloc((size_t)nz, sizeof *ja);
    double *ar = calloc((size_t)nz, sizeof *ar);
    assert_non_null(ia);
    assert_non_null(ja);
    assert_non_null(ar);
    int k = 0;
    glp_add_cols(lp, n * m);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            int c = 1 + i * m + j;
            glp_set_col_kind(lp, c, GLP_BV);
            bool ok = !p->allowed || p->allowed[i * m + j];
            int l = p->locked ? p->locked[i] : -1;
            if (l >= 0)
                glp_set_col_bnds(lp, c, GLP_FX, l == j ? 1 : 0, l == j ? 1 : 0);
            else if (!ok)
                glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
            glp_set_obj_coef(lp, c, 1);
            ++k, ia[k] = 1 + i, ja[k] = c, ar[k] = 1;
            ++k, ia[k] = 1 + n + j, ja[k] = c, ar[k] = 1;
            ++k, ia[k] = n + m + 1, ja[k] = c, ar[k] = 1;
        }
    glp_load_matrix(lp, k, ia, ja, ar);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    assert_int_equal(glp_intopt(lp, &parm), 0);
    assert_int_equal(glp_mip_status(lp), GLP_OPT);
    int count = (int)lround(glp_mip_obj_val(lp));
    glp_set_row_bnds(lp, n + m + 1, GLP_FX, count, count);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            glp_set_obj_coef(lp, 1 + i * m + j, p->fit[i * m + j]);
    assert_int_equal(glp_intopt(lp, &parm), 0);
    assert_int_equal(glp_mip_status(lp), GLP_OPT);
    *placed = count;
    *total = glp_mip_obj_val(lp);
    glp_delete_prob(lp);
    free(ia);
    free(ja);
    free(ar);
}

/* The answer is a valid assignment: capacities, locks and forbidden pairs hold, the reported
 * count and total are those of asst_of. */
static void check_feasible(const struct assign_problem *p, const struct assign_result *r)
{
    int n = p->n_exec, m = p->n_asst;
    int *load = calloc((size_t)(m ? m : 1), sizeof *load);
    assert_non_null(load);
    int placed = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
        int j = r->asst_of[i];
        if (p->locked && p->locked[i] >= 0)
            assert_int_equal(j, p->locked[i]);
        if (j == ASSIGN_UNPLACED)
            continue;
        assert_true(j >= 0 && j < m);
        assert_true(!p->allowed || p->allowed[i * m + j]);
        load[j]++;
        placed++;
        total += p->fit[i * m + j];
    }
    for (int j = 0; j < m; j++)
        assert_true(load[j] <= p->capacity[j]);
    assert_int_equal(placed, r->placed);
    assert_true(fabs(total - r->total_fit) < 1e-9);
    free(load);
}

static void test_against_glpk(void **state)
{
    (void)state;
    struct rng r = {20261129};
    int instances = 0, with_unplaced = 0, with_locks = 0, with_forbidden = 0;
    for (int t = 0; t < 400; t++) {
        int n = rint_in(&r, 0, 8), m = rint_in(&r, 0, 6);
        int32_t cap[6], locked[8];
        double fit[48];
        unsigned char allowed[48];
        int forbid_pct = rint_in(&r, 0, 60), lock_pct = rint_in(&r, 0, 30);
        for (int j = 0; j < m; j++)
            cap[j] = rint_in(&r, 0, 3);
        for (int k = 0; k < n * m; k++) {
            /* quarters, ties included */
            fit[k] = rint_in(&r, 0, 400) / 4.0;
            allowed[k] = rint_in(&r, 1, 100) > forbid_pct;
            with_forbidden += !allowed[k];
        }
        int32_t load[6] = {0};
        for (int i = 0; i < n; i++) {
            locked[i] = -1;
            if (m > 0 && rint_in(&r, 1, 100) <= lock_pct) {
                int j = rint_in(&r, 0, m - 1);
                if (allowed[i * m + j] && load[j] < cap[j]) {
                    locked[i] = j;
                    load[j]++;
                    with_locks++;
                }
            }
        }
        struct assign_problem p = {n, m, cap, fit, allowed, locked};
        struct assign_result res;
        assert_int_equal(assign_solve(&p, &res), ASSIGN_OK);
        check_feasible(&p, &res);
        int gp;
        double gt;
        glpk_optimum(&p, &gp, &gt);
        assert_int_equal(res.placed, gp);
        if (fabs(res.total_fit - gt) > 1e-6)
            fail_msg("instance %d: ours %.4f, GLPK %.4f", t, res.total_fit, gt);
        with_unplaced += res.placed < n;
        instances++;
        assign_result_free(&res);
    }
    assert_true(instances >= 200);
    /* the generator really produced the cases the issue names */
    assert_true(with_unplaced > 20);
    assert_true(with_locks > 50);
    assert_true(with_forbidden > 200);
}

/* GLPK's LP on larger instances: placing one more executive is worth more than any total fit
 * (weights fit + B), and the LP of a bipartite b-matching is integral, so the simplex's optimum
 * is the assignment's. Fits must be in [0, 100]. */
static void glpk_lp_optimum(const struct assign_problem *p, int *placed, double *total)
{
    int n = p->n_exec, m = p->n_asst;
    double B = 100.0 * (n + 1) + 1;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, n + m);
    for (int i = 0; i < n; i++)
        glp_set_row_bnds(lp, 1 + i, GLP_UP, 0, 1);
    for (int j = 0; j < m; j++)
        glp_set_row_bnds(lp, 1 + n + j, GLP_UP, 0, p->capacity[j]);
    size_t nz = 2 * (size_t)n * (size_t)m + 1;
    int *ia = calloc(nz, sizeof *ia), *ja = calloc(nz, sizeof *ja);
    double *ar = calloc(nz, sizeof *ar);
    assert_non_null(ia);
    assert_non_null(ja);
    assert_non_null(ar);
    int k = 0;
    glp_add_cols(lp, n * m);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            int c = 1 + i * m + j;
            int l = p->locked ? p->locked[i] : -1;
            bool ok = !p->allowed || p->allowed[i * m + j];
            if (l >= 0)
                glp_set_col_bnds(lp, c, GLP_FX, l == j ? 1 : 0, l == j ? 1 : 0);
            else if (!ok)
                glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
            else
                glp_set_col_bnds(lp, c, GLP_DB, 0, 1);
            glp_set_obj_coef(lp, c, p->fit[i * m + j] + B);
            ++k, ia[k] = 1 + i, ja[k] = c, ar[k] = 1;
            ++k, ia[k] = 1 + n + j, ja[k] = c, ar[k] = 1;
        }
    glp_load_matrix(lp, k, ia, ja, ar);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    assert_int_equal(glp_simplex(lp, &parm), 0);
    assert_int_equal(glp_get_status(lp), GLP_OPT);
    double obj = glp_get_obj_val(lp);
    *placed = (int)floor(obj / B + 1e-9);
    *total = obj - *placed * B;
    glp_delete_prob(lp);
    free(ia);
    free(ja);
    free(ar);
}

/* Instances large enough for the sparse phase (each row's cheapest columns first, then the
 * check against every pair), against GLPK's LP. */
static void test_large_against_glpk(void **state)
{
    (void)state;
    struct rng r = {14};
    for (int t = 0; t < 4; t++) {
        int n = 300 + rint_in(&r, 0, 60), m = 260 + rint_in(&r, 0, 40);
        int32_t *cap = malloc((size_t)m * sizeof *cap),
                *locked = malloc((size_t)n * sizeof *locked);
        int32_t *load = calloc((size_t)m, sizeof *load);
        double *fit = malloc((size_t)n * (size_t)m * sizeof *fit);
        unsigned char *allowed = malloc((size_t)n * (size_t)m);
        assert_true(cap && locked && load && fit && allowed);
        /* t = 3: every executive prefers the same 40 assistants far above the rest, so each
         * row's cheapest columns are not enough and the check sends the solver further */
        for (int j = 0; j < m; j++)
            cap[j] = t == 3 ? 1 : rint_in(&r, 0, 2);
        for (int k = 0; k < n * m; k++) {
            int j = k % m;
            fit[k] =
                t == 3 ? (j < 40 ? 90 + rint_in(&r, 0, 1000) / 100.0 : rint_in(&r, 0, 1000) / 100.0)
                       : rint_in(&r, 0, 10000) / 100.0;
            allowed[k] = rint_in(&r, 1, 100) > (t == 3 ? 0 : 3);
        }
        for (int i = 0; i < n; i++) {
            locked[i] = -1;
            if (t != 3 && rint_in(&r, 1, 100) <= 5) {
                int j = rint_in(&r, 0, m - 1);
                if (allowed[i * m + j] && load[j] < cap[j]) {
                    locked[i] = j;
                    load[j]++;
                }
            }
        }
        struct assign_problem p = {n, m, cap, fit, allowed, locked};
        struct assign_result res;
        assert_int_equal(assign_solve(&p, &res), ASSIGN_OK);
        check_feasible(&p, &res);
        int gp;
        double gt;
        glpk_lp_optimum(&p, &gp, &gt);
        assert_int_equal(res.placed, gp);
        if (fabs(res.total_fit - gt) > 1e-6)
            fail_msg("large instance %d: ours %.4f, GLPK %.4f", t, res.total_fit, gt);
        assign_result_free(&res);
        free(cap);
        free(locked);
        free(load);
        free(fit);
        free(allowed);
    }
}

/* Placing one more executive beats any fit gained by leaving one out. */
static void test_count_before_fit(void **state)
{
    (void)state;
    /* executives A, B; assistants X, Y of capacity 1. A-X 100, A-Y 0, B-X 0, B-Y forbidden. */
    int32_t cap[2] = {1, 1};
    double fit[4] = {100, 0, 0, 50};
    unsigned char allowed[4] = {1, 1, 1, 0};
    struct assign_problem p = {2, 2, cap, fit, allowed, NULL};
    struct assign_result r;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_OK);
    assert_int_equal(r.placed, 2);
    assert_int_equal(r.asst_of[0], 1);
    assert_int_equal(r.asst_of[1], 0);
    assign_result_free(&r);
}

/* An executive whose every pair is forbidden stays unplaced; so does the loser for a full
 * assistant, and the winner is the better fit. */
static void test_unplaced(void **state)
{
    (void)state;
    int32_t cap[1] = {1};
    double fit[3] = {10, 80, 99};
    unsigned char allowed[3] = {1, 1, 0};
    struct assign_problem p = {3, 1, cap, fit, allowed, NULL};
    struct assign_result r;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_OK);
    assert_int_equal(r.placed, 1);
    assert_int_equal(r.asst_of[0], ASSIGN_UNPLACED);
    assert_int_equal(r.asst_of[1], 0);
    assert_int_equal(r.asst_of[2], ASSIGN_UNPLACED);
    assert_true(fabs(r.total_fit - 80) < 1e-12);
    assign_result_free(&r);
}

/* A capacity takes several executives; a lock is kept even when moving it would gain fit. */
static void test_capacity_and_locks(void **state)
{
    (void)state;
    int32_t cap[2] = {2, 1};
    double fit[6] = {90, 10, 80, 20, 70, 30};
    int32_t locked[3] = {1, -1, -1};
    struct assign_problem p = {3, 2, cap, fit, NULL, locked};
    struct assign_result r;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_OK);
    assert_int_equal(r.asst_of[0], 1);
    assert_int_equal(r.asst_of[1], 0);
    assert_int_equal(r.asst_of[2], 0);
    assert_true(fabs(r.total_fit - 160) < 1e-12);
    assign_result_free(&r);
}

static void test_invalid(void **state)
{
    (void)state;
    int32_t cap[1] = {1};
    double fit[2] = {1, 2};
    unsigned char allowed[2] = {0, 1};
    struct assign_result r;
    /* a lock on a forbidden pair */
    int32_t l1[2] = {0, -1};
    struct assign_problem p = {2, 1, cap, fit, allowed, l1};
    assert_int_equal(assign_solve(&p, &r), ASSIGN_EINVAL);
    assert_null(r.asst_of);
    /* more locks than the capacity */
    int32_t l2[2] = {0, 0};
    p.allowed = NULL;
    p.locked = l2;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_EINVAL);
    /* a lock outside the assistants, a negative capacity, a fit that is not a number */
    int32_t l3[2] = {1, -1};
    p.locked = l3;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_EINVAL);
    p.locked = NULL;
    int32_t neg[1] = {-1};
    p.capacity = neg;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_EINVAL);
    p.capacity = cap;
    fit[1] = NAN;
    assert_int_equal(assign_solve(&p, &r), ASSIGN_EINVAL);
}

int main(void)
{
    glp_term_out(GLP_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_glpk),       cmocka_unit_test(test_large_against_glpk),
        cmocka_unit_test(test_count_before_fit),   cmocka_unit_test(test_unplaced),
        cmocka_unit_test(test_capacity_and_locks), cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
