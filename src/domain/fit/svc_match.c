/* svc_match.c: the pool-wide what-if (svc_match.h): fit_score for every pair, assign_solve. */
#include "svc_match.h"

#include "assign.h"
#include "fit_score.h"
#include "store_fit.h"

#include <stdlib.h>
#include <string.h>

static double pair_fit(const struct fit_weights *w, const struct fit_pool *p, size_t i, size_t j,
                       bool *eligible)
{
    struct fit_executive e = {.needs = p->needs + p->need0[i],
                              .n_needs = p->need0[i + 1] - p->need0[i]};
    struct fit_assistant a = {.skills = p->skills + p->skill0[j],
                              .n_skills = p->skill0[j + 1] - p->skill0[j]};
    for (int k = 0; k < FIT_STYLE__COUNT; k++)
        e.style[k] = a.style[k] = FIT_STYLE_UNSET;
    struct fit_options o = {.history = true};
    struct fit_result r;
    fit_score(w, &e, &a, &o, &r);
    *eligible = r.eligible;
    return r.score;
}

static size_t index_of(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t k = 0; k < n; k++)
        if (ids[k] == id)
            return k;
    return n;
}

enum hl_err svc_match_proposals(struct db *db, const char *department, json_t **out,
                                struct hl_error *err)
{
    struct fit_pool p;
    enum hl_err e = store_fit_pool(db, department, &p, err);
    if (e != HL_OK)
        return e;
    struct fit_weights w;
    fit_weights_default(&w);
    size_t n = p.n_exec, m = p.n_asst;
    double *fit = calloc((n * m) > 0 ? n * m : 1, sizeof *fit);
    unsigned char *allowed = calloc((n * m) > 0 ? n * m : 1, 1);
    int32_t *cap = calloc(m ? m : 1, sizeof *cap);
    if (!fit || !allowed || !cap)
        abort();
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            bool ok;
            fit[i * m + j] = pair_fit(&w, &p, i, j, &ok);
            allowed[i * m + j] = ok;
        }
    for (size_t k = 0; k < p.n_forbid; k++) {
        size_t j = index_of(p.asst_id, m, p.forbid[2 * k]);
        size_t i = index_of(p.exec_id, n, p.forbid[2 * k + 1]);
        if (i < n && j < m)
            allowed[i * m + j] = 0;
    }
    /* today's pair wins a tie: a bonus below the smallest step of a whole-number total, so it
     * never outweighs a real gain; the proposal lists no change for nothing */
    double *score = malloc((n * m) > 0 ? n * m * sizeof *score : sizeof *score);
    if (!score)
        abort();
    memcpy(score, fit, n * m * sizeof *fit);
    for (size_t i = 0; i < n; i++) {
        size_t cj = p.exec_current[i] ? index_of(p.asst_id, m, p.exec_current[i]) : m;
        if (cj < m)
            fit[i * m + cj] += 0.5 / ((double)n + 1);
    }
    for (size_t j = 0; j < m; j++)
        cap[j] = p.asst_free[j];
    struct assign_problem prob = {(int32_t)n, (int32_t)m, cap, fit, allowed, NULL};
    struct assign_result res;
    enum assign_rc arc = assign_solve(&prob, &res);
    if (arc != ASSIGN_OK) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the assignment failed: %s", assign_rc_str(arc));
        goto out;
    }
    json_t *changes = json_array(), *unplaced = json_array();
    double today = 0, proposed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t cj = p.exec_current[i] ? index_of(p.asst_id, m, p.exec_current[i]) : m;
        double from_fit = cj < m && allowed[i * m + cj] ? score[i * m + cj] : 0;
        today += from_fit;
        int32_t to = res.asst_of[i];
        if (to == ASSIGN_UNPLACED) {
            json_array_append_new(unplaced,
                                  json_pack("{sIss}", "principal_id", (json_int_t)p.exec_id[i],
                                            "principal", p.exec_name[i]));
            continue;
        }
        double to_fit = score[i * m + (size_t)to];
        proposed += to_fit;
        if (cj == (size_t)to)
            continue;
        json_t *c =
            json_pack("{sIsssIsssisi}", "principal_id", (json_int_t)p.exec_id[i], "principal",
                      p.exec_name[i], "to_id", (json_int_t)p.asst_id[to], "to", p.asst_name[to],
                      "to_fit", (int)to_fit, "gain", (int)(to_fit - from_fit));
        json_object_set_new(c, "from_id",
                            cj < m ? json_integer((json_int_t)p.asst_id[cj]) : json_null());
        json_object_set_new(c, "from", cj < m ? json_string(p.asst_name[cj]) : json_null());
        json_object_set_new(c, "from_fit", cj < m ? json_integer((int)from_fit) : json_null());
        json_array_append_new(changes, c);
    }
    *out = json_pack("{sosisisisisiso}", "department",
                     department ? json_string(department) : json_null(), "executives", (int)n,
                     "assistants", (int)m, "total_today", (int)today, "total_proposed",
                     (int)proposed, "gain", (int)(proposed - today), "changes", changes);
    json_object_set_new(*out, "unplaced", unplaced);
    assign_result_free(&res);
out:
    free(fit);
    free(score);
    free(allowed);
    free(cap);
    store_fit_pool_free(&p);
    return e;
}
