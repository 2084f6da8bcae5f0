/* svc_match.c: the pool-wide what-if (svc_match.h): fit_score for every pair, assign_solve. */
#include "svc_match.h"

#include "assign.h"
#include "fit_score.h"
#include "match_groups.h"
#include "mem.h"
#include "store_fit.h"
#include "svc_entity.h"
#include "svc_fit.h"

#include <inttypes.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

static double pair_fit(const struct fit_weights *w, const struct fit_pool *p, size_t i, size_t j,
                       bool *eligible)
{
    struct fit_options o = {.history = true};
    struct fit_result r;
    fit_pool_score(p, w, i, j, &o, &r);
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

/* What accepting needs besides the answer: per assistant of the pool (by id) the places it has
 * for the set's executives and how many of them it holds today. */
struct room {
    size_t m;
    int64_t *id;
    int32_t *room, *load;
    size_t n_secondary;
    int64_t *secondary; /* pairs: assistant id, executive id held as secondary (no place moves) */
};

static void room_free(struct room *r)
{
    free(r->id);
    free(r->room);
    free(r->load);
    free(r->secondary);
    memset(r, 0, sizeof *r);
}

/* The changes in the order of their groups, each with "group" (1-based) and "needs" (the
 * principal_ids of the changes to accept with it). Steals the changes of `list`. */
static json_t *grouped(json_t *list, const struct match_groups *g)
{
    json_t *sorted = json_array();
    for (size_t x = 0; x < g->n; x++) {
        size_t k = (size_t)g->order[x];
        json_t *c = json_array_get(list, k), *needs = json_array();
        for (size_t y = g->need0[k]; y < g->need0[k + 1]; y++)
            json_array_append(
                needs, json_object_get(json_array_get(list, (size_t)g->need[y]), "principal_id"));
        json_object_set_new(c, "group", json_integer(g->group[k] + 1));
        json_object_set_new(c, "needs", needs);
        json_array_append(sorted, c);
    }
    json_decref(list);
    return sorted;
}

/* Whether assistant id a holds executive id x as secondary today (pairs sorted). */
static bool is_secondary(const int64_t *pairs, size_t n, int64_t a, int64_t x)
{
    for (size_t k = 0; k < n; k++)
        if (pairs[2 * k] == a && pairs[2 * k + 1] == x)
            return true;
    return false;
}

/*
 * Places are counted as the workbench's over-capacity flag counts them: the distinct
 * executives an assistant holds as primary or secondary. Secondaries are never moved, so each
 * takes a place whatever the matching does; making an assistant primary of an executive it
 * already holds as secondary takes none more. The solver sees that as columns: one per
 * assistant with its places left after the executives outside the set and the set's
 * secondaries, and one of a single place per (assistant, executive) secondary pair, open to
 * that executive only.
 */
static enum hl_err propose(struct db *db, const char *department, json_t **out, struct room *rm,
                           struct hl_error *err)
{
    struct fit_pool p;
    struct fit_weights w;
    uint64_t basis;
    enum hl_err e = svc_fit_weights(db, &w, NULL, err);
    if (e != HL_OK || (e = store_fit_basis(db, &basis, err)) != HL_OK ||
        (e = store_fit_pool(db, department, 0, &p, err)) != HL_OK)
        return e;
    size_t n = p.n_exec, m = p.n_asst;
    /* the secondary pairs of the pool as (assistant index, executive index) */
    size_t ns = 0;
    size_t *sec_a = hl_malloc((p.n_secondary + 1) * sizeof *sec_a);
    size_t *sec_e = hl_malloc((p.n_secondary + 1) * sizeof *sec_e);
    for (size_t k = 0; k < p.n_secondary; k++) {
        size_t j = index_of(p.asst_id, m, p.secondary[2 * k]);
        size_t i = index_of(p.exec_id, n, p.secondary[2 * k + 1]);
        if (i < n && j < m) {
            sec_a[ns] = j;
            sec_e[ns++] = i;
        }
    }
    size_t cols = m + ns;
    /* score, allowed: n × m by assistant; fit, ok: n × cols for the solver */
    double *score = hl_calloc((n * m) > 0 ? n * m : 1, sizeof *score);
    unsigned char *allowed = hl_calloc((n * m) > 0 ? n * m : 1, 1);
    double *fit = hl_calloc((n * cols) > 0 ? n * cols : 1, sizeof *fit);
    unsigned char *ok = hl_calloc((n * cols) > 0 ? n * cols : 1, 1);
    int32_t *cap = hl_calloc(cols + 1, sizeof *cap);
    size_t *cur = hl_malloc((n + 1) * sizeof *cur); /* today's column, cols when none */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            bool el;
            score[i * m + j] = pair_fit(&w, &p, i, j, &el);
            allowed[i * m + j] = el;
        }
    for (size_t k = 0; k < p.n_forbid; k++) {
        size_t j = index_of(p.asst_id, m, p.forbid[2 * k]);
        size_t i = index_of(p.exec_id, n, p.forbid[2 * k + 1]);
        if (i < n && j < m)
            allowed[i * m + j] = 0;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            fit[i * cols + j] = score[i * m + j];
            ok[i * cols + j] = allowed[i * m + j];
        }
    for (size_t j = 0; j < m; j++)
        cap[j] = p.asst_free[j];
    for (size_t k = 0; k < ns; k++) {
        size_t i = sec_e[k], j = sec_a[k], c = m + k;
        if (cap[j] > 0)
            cap[j]--;
        cap[c] = 1;
        fit[i * cols + c] = score[i * m + j];
        ok[i * cols + c] = allowed[i * m + j];
        ok[i * cols + j] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        size_t cj = p.exec_current[i] ? index_of(p.asst_id, m, p.exec_current[i]) : m;
        cur[i] = cj < m ? cj : cols;
        for (size_t k = 0; k < ns && cj < m; k++)
            if (sec_e[k] == i && sec_a[k] == cj)
                cur[i] = m + k;
    }
    /* today's pair wins a tie: a bonus below the smallest step of a whole-number total, so it
     * never outweighs a real gain; the proposal lists no change for nothing */
    for (size_t i = 0; i < n; i++)
        if (cur[i] < cols)
            fit[i * cols + cur[i]] += 0.5 / ((double)n + 1);
    struct assign_problem prob = {(int32_t)n, (int32_t)cols, cap, fit, ok, NULL};
    struct assign_result res;
    enum assign_rc arc = assign_solve(&prob, &res);
    if (arc != ASSIGN_OK) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the assignment failed: %s", assign_rc_str(arc));
        goto out;
    }
    json_t *changes = json_array(), *unplaced = json_array();
    struct match_move *moves = hl_malloc((n + 1) * sizeof *moves);
    int32_t *load = hl_calloc(m + 1, sizeof *load);
    size_t n_moves = 0;
    for (size_t i = 0; i < n; i++)
        if (cur[i] < m)
            load[cur[i]]++;
    double today = 0, proposed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t cj = p.exec_current[i] ? index_of(p.asst_id, m, p.exec_current[i]) : m;
        double from_fit = cj < m && allowed[i * m + cj] ? score[i * m + cj] : 0;
        today += from_fit;
        int32_t col = res.asst_of[i];
        if (col == ASSIGN_UNPLACED) {
            json_array_append_new(unplaced,
                                  json_pack("{sIss}", "principal_id", (json_int_t)p.exec_id[i],
                                            "principal", p.exec_name[i]));
            continue;
        }
        size_t to = (size_t)col < m ? (size_t)col : sec_a[(size_t)col - m];
        double to_fit = score[i * m + to];
        proposed += to_fit;
        if (cj == to)
            continue;
        /* a place is freed or taken only in an assistant's own column */
        moves[n_moves++] =
            (struct match_move){cur[i] < m ? (int32_t)cur[i] : -1, (size_t)col < m ? col : -1};
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
    struct match_groups groups;
    match_groups_build(m, cap, load, moves, n_moves, &groups);
    changes = grouped(changes, &groups);
    match_groups_free(&groups);
    free(moves);
    if (rm) {
        rm->m = m;
        rm->id = hl_malloc((m + 1) * sizeof *rm->id);
        if (m)
            memcpy(rm->id, p.asst_id, m * sizeof *rm->id);
        rm->room = hl_malloc((m + 1) * sizeof *rm->room);
        memcpy(rm->room, cap, m * sizeof *rm->room);
        rm->load = load;
        rm->n_secondary = p.n_secondary;
        rm->secondary = hl_malloc((2 * p.n_secondary + 1) * sizeof *rm->secondary);
        if (p.n_secondary)
            memcpy(rm->secondary, p.secondary, 2 * p.n_secondary * sizeof *rm->secondary);
    } else {
        free(load);
    }
    *out = json_pack("{sosisisisisiso}", "department",
                     department ? json_string(department) : json_null(), "executives", (int)n,
                     "assistants", (int)m, "total_today", (int)today, "total_proposed",
                     (int)proposed, "gain", (int)(proposed - today), "changes", changes);
    json_object_set_new(*out, "unplaced", unplaced);
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, basis);
    json_object_set_new(*out, "basis", json_string(hex));
    assign_result_free(&res);
out:
    free(fit);
    free(ok);
    free(score);
    free(allowed);
    free(cap);
    free(cur);
    free(sec_a);
    free(sec_e);
    store_fit_pool_free(&p);
    return e;
}

enum hl_err svc_match_proposals(struct db *db, const char *department, json_t **out,
                                struct hl_error *err)
{
    return propose(db, department, out, NULL, err);
}

/* The change for principal in a what-if's changes, or NULL. */
static json_t *change_of(json_t *changes, json_int_t principal)
{
    size_t k;
    json_t *c;
    json_array_foreach(changes, k, c) if (json_integer_value(json_object_get(c, "principal_id")) ==
                                          principal) return c;
    return NULL;
}

/* The assistant index of a change's `key` (from_id or to_id) whose place it frees or takes;
 * -1 when none: no assistant, or one that holds the executive as secondary, where the place
 * stays taken either way. */
static int32_t room_index(const struct room *rm, const json_t *change, const char *key)
{
    const json_t *id = json_object_get(change, key);
    if (!json_is_integer(id) ||
        is_secondary(rm->secondary, rm->n_secondary, json_integer_value(id),
                     json_integer_value(json_object_get(change, "principal_id"))))
        return -1;
    for (size_t j = 0; j < rm->m; j++)
        if (rm->id[j] == json_integer_value(id))
            return (int32_t)j;
    return -1;
}

static const char *text_of(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "?";
}

/* 409 when accepting `taken` (some of the what-if's `changes`) without the rest would leave an
 * assistant over its places: the error names a change into that assistant and the change that
 * frees the place it needs. */
static enum hl_err check_room(const struct room *rm, json_t *changes, json_t *taken,
                              struct hl_error *err)
{
    size_t n = json_array_size(changes);
    struct match_move *mv = hl_malloc((n + 1) * sizeof *mv);
    unsigned char *take = hl_calloc(n + 1, 1);
    size_t k, t;
    json_t *c, *x;
    json_array_foreach(changes, k, c)
    {
        mv[k] = (struct match_move){room_index(rm, c, "from_id"), room_index(rm, c, "to_id")};
        json_array_foreach(taken, t, x)
        {
            if (x == c)
                take[k] = 1;
        }
    }
    int32_t over = match_over_room(rm->m, rm->room, rm->load, mv, n, take);
    enum hl_err e = HL_OK;
    if (over >= 0) {
        const json_t *into = NULL, *frees = NULL;
        size_t missing = 0;
        for (k = 0; k < n; k++) {
            if (take[k] && mv[k].to == over && !into)
                into = json_array_get(changes, k);
            if (!take[k] && mv[k].from == over && missing++ == 0)
                frees = json_array_get(changes, k);
        }
        if (frees)
            e = hl_fail(err, HL_ERR_CONFLICT, "changes",
                        "the change for %s (to %s) needs the change for %s (%s to %s) accepted "
                        "with it%s: %s has no free place until then",
                        text_of(into, "principal"), text_of(into, "to"),
                        text_of(frees, "principal"), text_of(frees, "from"), text_of(frees, "to"),
                        missing > 1 ? " (or another that frees a place)" : "", text_of(into, "to"));
        else
            e = hl_fail(err, HL_ERR_CONFLICT, "changes",
                        "the change for %s would leave %s over capacity; look again",
                        text_of(into, "principal"), text_of(into, "to"));
    }
    free(mv);
    free(take);
    return e;
}

enum hl_err svc_match_accept(struct svc_ctx *ctx, const json_t *body, json_t **out,
                             struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "the matching is for managers and admins");
    const char *key;
    json_t *v;
    json_object_foreach(
        (json_t *)body, key,
        v) if (strcmp(key, "department") != 0 && strcmp(key, "basis") != 0 &&
               strcmp(key, "changes") !=
                   0) return hl_fail(err, HL_ERR_INVALID, key,
                                     "unknown field %s: send department, basis and changes", key);
    const json_t *dep = json_object_get(body, "department"),
                 *basis = json_object_get(body, "basis"), *want = json_object_get(body, "changes");
    if (dep && !json_is_null(dep) &&
        (!json_is_string(dep) || json_string_length(dep) < 1 || json_string_length(dep) > 100))
        return hl_fail(err, HL_ERR_INVALID, "department",
                       "department must be a name of 1-100 characters, or null for all");
    if (!json_is_string(basis))
        return hl_fail(err, HL_ERR_INVALID, "basis",
                       "basis is required: the basis of the what-if you accept");
    if (want && !json_is_array(want))
        return hl_fail(err, HL_ERR_INVALID, "changes",
                       "changes must be a list of {principal_id, to_id}");
    size_t k;
    json_t *c;
    json_array_foreach(want, k, c)
    {
        json_t *pi = json_object_get(c, "principal_id"), *to = json_object_get(c, "to_id");
        if (!json_is_object(c) || json_object_size(c) != 2 || !json_is_integer(pi) ||
            !json_is_integer(to) || json_integer_value(pi) <= 0 || json_integer_value(to) <= 0)
            return hl_fail(err, HL_ERR_INVALID, "changes",
                           "each change is {principal_id, to_id} with two ids");
        for (size_t l = 0; l < k; l++)
            if (json_integer_value(json_object_get(json_array_get(want, l), "principal_id")) ==
                json_integer_value(pi))
                return hl_fail(err, HL_ERR_INVALID, "changes", "executive %lld is named twice",
                               (long long)json_integer_value(pi));
    }
    if (want && json_array_size(want) == 0)
        return hl_fail(err, HL_ERR_INVALID, "changes",
                       "name at least one change (or leave "
                       "changes out to accept them all)");
    const char *department = json_is_string(dep) ? json_string_value(dep) : NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    json_t *prop = NULL, *made = json_array(), *taken = json_array(), *entry = NULL;
    struct room rm = {0};
    char today[11];
    if ((e = store_fit_today(ctx->db, today, err)) != HL_OK ||
        (e = propose(ctx->db, department, &prop, &rm, err)) != HL_OK)
        goto fail;
    if (strcmp(json_string_value(json_object_get(prop, "basis")), json_string_value(basis)) != 0) {
        e = hl_fail(err, HL_ERR_STALE, "basis",
                    "the assignments changed since this what-if was computed; look again");
        goto fail;
    }
    json_t *changes = json_object_get(prop, "changes");
    if (want) {
        json_array_foreach(want, k, c)
        {
            json_int_t pi = json_integer_value(json_object_get(c, "principal_id"));
            json_t *ch = change_of(changes, pi);
            if (!ch || json_integer_value(json_object_get(ch, "to_id")) !=
                           json_integer_value(json_object_get(c, "to_id"))) {
                e = hl_fail(err, HL_ERR_STALE, "changes",
                            "the what-if no longer proposes that change for executive %lld; "
                            "look again",
                            (long long)pi);
                goto fail;
            }
            json_array_append(taken, ch);
        }
    } else {
        json_array_extend(taken, changes);
    }
    if ((e = check_room(&rm, changes, taken, err)) != HL_OK)
        goto fail;
    int gain = 0;
    json_array_foreach(taken, k, c)
    {
        json_t *rec = NULL;
        e = svc_fit_make_primary(ctx, json_integer_value(json_object_get(c, "principal_id")),
                                 json_integer_value(json_object_get(c, "to_id")), today, &rec, err);
        if (e != HL_OK)
            goto fail;
        gain += (int)json_integer_value(json_object_get(c, "gain"));
        json_array_append_new(made, rec);
    }
    entry = json_pack("{sOsOsOsiss}", "department", dep ? dep : json_null(), "basis", basis,
                      "changes", taken, "gain", gain, "decided_by", ctx->actor ? ctx->actor : "");
    if ((e = svc_audit(ctx, "accept", "matching", 0, NULL, entry, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = json_pack("{sisisO}", "accepted", (int)json_array_size(taken), "gain", gain,
                     "assignments", made);
    json_decref(made);
    json_decref(taken);
    json_decref(entry);
    json_decref(prop);
    room_free(&rm);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(made);
    json_decref(taken);
    json_decref(entry);
    json_decref(prop);
    room_free(&rm);
    return e;
}
