/* svc_needs_training.c: training needs (svc_training_needs): reads what the executives' duties
 * require, who supports whom today, the skill levels that count and the certificates expiring
 * soon, computes the needs on plain arrays (needs_training.c) and names them, each with the
 * courses that teach it. */
#include "training.h"

#include "needs_training.h"
#include "store_training.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

#define NEEDS_COURSES  3  /* courses listed per need */
#define NEEDS_POOL_TOP 25 /* skills of the pool's ranking */

/* Names are read in id order, so a binary search finds them. */
static const char *name_of(const struct tr_named *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].id == id ? v[lo].name : "";
}

/* The cheapest courses (read by skill, then cost) teaching skill to at least level. */
static json_t *courses_json(const struct tr_needs_rows *l, int64_t skill, int level)
{
    json_t *a = json_array();
    size_t lo = 0, hi = l->ncourses;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->courses[mid].skill < skill)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo;
         i < l->ncourses && l->courses[i].skill == skill && json_array_size(a) < NEEDS_COURSES;
         i++) {
        const struct tr_course *c = &l->courses[i];
        if (c->level >= level)
            json_array_append_new(a, json_pack("{sI ss si sf ss}", "id", (json_int_t)c->id, "name",
                                               c->name, "level", c->level, "cost", c->cost,
                                               "language", c->language));
    }
    return a;
}

/* Per assistant: its needs (from r) and its certificates expiring soon (rows of expiring). */
static json_t *assistants_json(const struct tr_needs_rows *l, const struct tn_result *r,
                               json_t *expiring)
{
    json_t *list = json_array(), *cur = NULL, *needs = NULL;
    int64_t at = 0;
    for (size_t i = 0; i < r->nneeds; i++) {
        const struct tn_need *n = &r->needs[i];
        if (!cur || n->assistant != at) {
            at = n->assistant;
            needs = json_array();
            cur = json_pack("{sI ss so so}", "assistant_id", (json_int_t)at, "name",
                            name_of(l->people, l->npeople, at), "needs", needs, "expiring",
                            json_array());
            json_array_append_new(list, cur);
        }
        json_t *ps = json_array();
        for (size_t k = 0; k < n->count; k++) {
            int64_t p = r->principals[n->first + k];
            json_array_append_new(ps, json_pack("{sI ss}", "id", (json_int_t)p, "name",
                                                name_of(l->people, l->npeople, p)));
        }
        json_array_append_new(
            needs, json_pack("{sI ss si si sb so so}", "skill_id", (json_int_t)n->skill, "skill",
                             name_of(l->skills, l->nskill_names, n->skill), "required", n->required,
                             "have", n->have, "must", n->must, "principals", ps, "courses",
                             courses_json(l, n->skill, n->required)));
    }
    size_t i;
    json_t *x;
    json_array_foreach(expiring, i, x)
    {
        int64_t a = json_integer_value(json_object_get(x, "assistant_id"));
        json_t *home = NULL;
        size_t k;
        json_t *y;
        json_array_foreach(list, k, y) if (json_integer_value(json_object_get(y, "assistant_id")) ==
                                           a) home = y;
        if (!home) {
            home = json_pack("{sI ss s[] s[]}", "assistant_id", (json_int_t)a, "name",
                             name_of(l->people, l->npeople, a), "needs", "expiring");
            json_array_append_new(list, home);
        }
        int64_t skill = json_integer_value(json_object_get(x, "skill_id"));
        int level = (int)json_integer_value(json_object_get(x, "level"));
        json_object_set_new(x, "skill", json_string(name_of(l->skills, l->nskill_names, skill)));
        json_object_set_new(x, "courses", courses_json(l, skill, level));
        json_object_del(x, "assistant_id");
        json_array_append(json_object_get(home, "expiring"), x);
    }
    return list;
}

enum hl_err svc_training_needs(struct svc_ctx *ctx, int64_t assistant_id, int soon_days,
                               json_t **out, struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers see training needs");
    struct tr_needs_rows l;
    memset(&l, 0, sizeof l);
    struct tn_result r;
    memset(&r, 0, sizeof r);
    json_t *expiring = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    char today[11];
    date_format(db_now(ctx->db) / 86400, today);
    if ((e = store_training_needs_load(ctx->db, today, assistant_id, &l, err)) == HL_OK)
        e = store_training_expiring(ctx->db, today, soon_days, assistant_id, &expiring, err);
    db_rollback(ctx->db);
    if (e == HL_OK) {
        tn_compute(&l.in, &r);
        json_t *pool = json_array();
        for (size_t i = 0; i < r.nstakes && i < NEEDS_POOL_TOP; i++) {
            const struct tn_stake *s = &r.stakes[i];
            json_array_append_new(
                pool,
                json_pack("{sI ss si sI sI so}", "skill_id", (json_int_t)s->skill, "skill",
                          name_of(l.skills, l.nskill_names, s->skill), "level", s->level,
                          "executives", (json_int_t)s->dependents, "assistants",
                          (json_int_t)s->holders, "courses", courses_json(&l, s->skill, s->level)));
        }
        *out = json_pack("{so so si}", "assistants", assistants_json(&l, &r, expiring), "pool",
                         pool, "soon_days", soon_days);
    }
    json_decref(expiring);
    tn_result_cleanup(&r);
    store_training_needs_cleanup(&l);
    return e;
}
