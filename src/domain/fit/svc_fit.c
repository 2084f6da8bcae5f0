/* svc_fit.c: the best fits for an executive, an assignment from a fit row, the fit weights
 * (svc_fit.h). */
#include "svc_fit.h"

#include "entity.h"
#include "people.h"
#include "store_coverage.h"
#include "svc_entity.h"
#include "svc_workbench.h"
#include "timeutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEIGHTS_KEY "fit_weights"

/* ---- the pool's pairs ---- */

/* The row of `stride` numbers in list (sorted by executive at [1], then assistant at [0])
 * for the pair, or NULL. */
static const int64_t *pair_row(const int64_t *list, size_t n, size_t stride, int64_t asst,
                               int64_t exec)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const int64_t *r = list + mid * stride;
        if (r[1] < exec || (r[1] == exec && r[0] < asst))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && list[lo * stride] == asst && list[lo * stride + 1] == exec)
        return list + lo * stride;
    return NULL;
}

void fit_pool_score(const struct fit_pool *p, const struct fit_weights *w, size_t i, size_t j,
                    const struct fit_options *o, struct fit_result *r)
{
    struct fit_executive e = {
        .needs = p->needs + p->need0[i],
        .n_needs = p->need0[i + 1] - p->need0[i],
        .languages = p->elangs + p->elang0[i],
        .n_languages = p->elang0[i + 1] - p->elang0[i],
        .hours = p->ehours + p->ehour0[i],
        .n_hours = p->ehour0[i + 1] - p->ehour0[i],
        .workload_hours = p->exec_workload[i],
    };
    struct fit_assistant a = {
        .skills = p->skills + p->skill0[j],
        .n_skills = p->skill0[j + 1] - p->skill0[j],
        .languages = p->alangs + p->alang0[j],
        .n_languages = p->alang0[j + 1] - p->alang0[j],
        .hours = p->ahours + p->ahour0[j],
        .n_hours = p->ahour0[j + 1] - p->ahour0[j],
        .free_hours = p->asst_hours_free[j],
    };
    memcpy(e.style, p->exec_style[i], sizeof e.style);
    memcpy(a.style, p->asst_style[j], sizeof a.style);
    const int64_t *c = pair_row(p->covers, p->n_covers, 5, p->asst_id[j], p->exec_id[i]);
    a.covers_ok = c ? (int32_t)c[2] : 0;
    a.covers_bad = c ? (int32_t)c[3] : 0;
    a.last_bad_at = c ? c[4] : 0;
    a.mediation = pair_row(p->med, p->n_med, 2, p->asst_id[j], p->exec_id[i]) != NULL;
    fit_score(w, &e, &a, o, r);
}

enum fit_forbid fit_pool_forbidden(const struct fit_pool *p, size_t i, size_t j)
{
    size_t lo = 0, hi = p->n_forbid;
    int64_t asst = p->asst_id[j], exec = p->exec_id[i];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const int64_t *r = p->forbid + 2 * mid;
        if (r[1] < exec || (r[1] == exec && r[0] < asst))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->n_forbid && p->forbid[2 * lo] == asst && p->forbid[2 * lo + 1] == exec)
        return (enum fit_forbid)p->forbid_kind[lo];
    return FIT_FORBID_NONE;
}

static const char *skill_name(const struct fit_pool *p, int64_t id)
{
    size_t lo = 0, hi = p->n_skill_names;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->skill_id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n_skill_names && p->skill_id[lo] == id ? p->skill_name[lo] : NULL;
}

static json_t *skill_json(const struct fit_pool *p, int64_t id)
{
    const char *name = skill_name(p, id);
    return json_pack("{sIso}", "skill_id", (json_int_t)id, "skill",
                     name ? json_string(name) : json_null());
}

static double round1(double x)
{
    return round(x * 10) / 10;
}

json_t *fit_terms_json(const struct fit_pool *p, const struct fit_result *r)
{
    json_t *terms = json_array();
    for (size_t k = 0; k < r->n_terms; k++) {
        const struct fit_term *t = &r->terms[k];
        json_t *o = json_pack("{sssfsf}", "term", fit_term_code(t->kind), "points",
                              round1(t->points), "max", round1(t->max));
        switch (t->kind) {
        case FIT_T_MUST:
            json_object_set_new(o, "trained", json_integer((json_int_t)t->a));
            json_object_set_new(o, "missing", json_integer((json_int_t)t->b));
            break;
        case FIT_T_NICE:
        case FIT_T_EXPERIENCE:
            if (t->ref) {
                json_t *sk = skill_json(p, t->ref);
                json_object_update(o, sk);
                json_decref(sk);
            }
            if (t->kind == FIT_T_NICE) {
                json_object_set_new(o, "level", json_integer((json_int_t)t->a));
                json_object_set_new(o, "wanted", json_integer((json_int_t)t->b));
            } else {
                json_object_set_new(o, "years", json_real(round1(t->a)));
            }
            break;
        case FIT_T_LANGUAGES:
            json_object_set_new(o, "shared", json_integer((json_int_t)t->a));
            json_object_set_new(o, "needed", json_integer((json_int_t)t->b));
            break;
        case FIT_T_STYLE: {
            const char *axis =
                t->ref >= 0 ? fit_style_axis_code((enum fit_style_axis)t->ref) : NULL;
            json_object_set_new(o, "axis", axis ? json_string(axis) : json_null());
            json_object_set_new(o, "assistant_value", json_integer((json_int_t)t->a));
            json_object_set_new(o, "executive_value", json_integer((json_int_t)t->b));
            break;
        }
        case FIT_T_HOURS:
            json_object_set_new(o, "overlap_hours", json_real(round1(t->a)));
            json_object_set_new(o, "needed_hours", json_real(round1(t->b)));
            break;
        case FIT_T_WORKLOAD:
            json_object_set_new(o, "free_hours", json_real(round1(t->a)));
            json_object_set_new(o, "workload_hours", json_real(round1(t->b)));
            break;
        case FIT_T_HISTORY:
            json_object_set_new(o, "covers_ok", json_integer((json_int_t)t->a));
            json_object_set_new(o, "covers_bad", json_integer((json_int_t)t->b));
            json_object_set_new(o, "mediation", json_boolean(t->ref != 0));
            if (t->at > 0) {
                char at[21];
                instant_format(t->at, at);
                json_object_set_new(o, "last_bad_at", json_string(at));
            } else {
                json_object_set_new(o, "last_bad_at", json_null());
            }
            break;
        default:
            break;
        }
        json_array_append_new(terms, o);
    }
    return terms;
}

/* ---- the weights ---- */

static const char *const weight_names[] = {"nice",     "languages", "experience", "style", "hours",
                                           "workload", "history",   "mediation",  NULL};

static double *weight_slot(struct fit_weights *w, size_t k)
{
    double *slots[] = {&w->nice,  &w->languages, &w->experience, &w->style,
                       &w->hours, &w->workload,  &w->history,    &w->mediation};
    return slots[k];
}

static json_t *weights_json(struct fit_weights *w)
{
    json_t *o = json_object();
    for (size_t k = 0; weight_names[k]; k++)
        json_object_set_new(o, weight_names[k], json_real(*weight_slot(w, k)));
    return o;
}

enum hl_err svc_fit_weights(struct db *db, struct fit_weights *w, int64_t *version,
                            struct hl_error *err)
{
    json_t *v = NULL;
    int64_t ver = 0;
    fit_weights_default(w);
    enum hl_err e = store_setting_get(db, WEIGHTS_KEY, &v, &ver, err);
    if (e != HL_OK)
        return e;
    for (size_t k = 0; weight_names[k]; k++) {
        json_t *x = json_object_get(v, weight_names[k]);
        if (json_is_number(x))
            *weight_slot(w, k) = json_number_value(x);
    }
    json_decref(v);
    if (version) /* the defaults are version 1, the first stored weights 2 … */
        *version = ver + 1;
    return HL_OK;
}

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

static enum hl_err need_manager(const struct svc_ctx *ctx, const char *what, struct hl_error *err)
{
    if (!is_manager(ctx))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "%s is for managers and admins", what);
    return HL_OK;
}

enum hl_err svc_fit_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    struct fit_weights w;
    int64_t version;
    enum hl_err e = need_manager(ctx, "the fit weights", err);
    if (e != HL_OK || (e = svc_fit_weights(ctx->db, &w, &version, err)) != HL_OK)
        return e;
    *out = json_pack("{soso}", "weights", weights_json(&w), "version",
                     json_integer((json_int_t)version));
    return HL_OK;
}

enum hl_err svc_fit_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                    json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, "the fit weights", err);
    if (e != HL_OK)
        return e;
    const json_t *given = json_object_get(body, "weights");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) if (strcmp(key, "weights") != 0) return hl_fail(
        err, HL_ERR_INVALID, key, "unknown field %s: send {\"weights\": {…}}", key);
    if (!json_is_object(given))
        return hl_fail(err, HL_ERR_INVALID, "weights", "weights must be an object");
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "send If-Match with the version you read, so no one's change is lost");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct fit_weights w, before_w;
    int64_t version, stored;
    json_t *before = NULL, *after = NULL, *raw = NULL;
    if ((e = svc_fit_weights(ctx->db, &w, &version, err)) != HL_OK)
        goto fail;
    before_w = w;
    if (version != if_match) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the weights were changed by someone else (you sent version %lld, they are "
                    "at %lld)",
                    (long long)if_match, (long long)version);
        goto fail;
    }
    json_object_foreach((json_t *)given, key, v)
    {
        size_t k = 0;
        while (weight_names[k] && strcmp(weight_names[k], key) != 0)
            k++;
        if (!weight_names[k]) {
            e = hl_fail(err, HL_ERR_INVALID, key,
                        "unknown weight %s: nice, languages, experience, style, hours, workload, "
                        "history or mediation",
                        key);
            goto fail;
        }
        if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 100) {
            e = hl_fail(err, HL_ERR_INVALID, key, "%s must be a number from 0 to 100", key);
            goto fail;
        }
        *weight_slot(&w, k) = json_number_value(v);
    }
    const char *bad = NULL;
    if (!fit_weights_valid(&w, &bad)) {
        e = hl_fail(err, HL_ERR_INVALID, bad, "%s must be a number from 0 to 100", bad);
        goto fail;
    }
    if ((e = store_setting_get(ctx->db, WEIGHTS_KEY, &raw, &stored, err)) != HL_OK)
        goto fail;
    before = weights_json(&before_w);
    after = weights_json(&w);
    if ((e = store_setting_put(ctx->db, WEIGHTS_KEY, after, stored, err)) != HL_OK ||
        (e = svc_audit(ctx, "update", "fit_settings", 0, before, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_decref(raw);
    json_decref(before);
    json_decref(after);
    return svc_fit_settings(ctx, out, err);
fail:
    db_rollback(ctx->db);
    json_decref(raw);
    json_decref(before);
    json_decref(after);
    return e;
}

/* ---- the best fits for an executive ---- */

static bool has_pair(const int64_t *list, size_t n, int64_t asst, int64_t exec)
{
    return pair_row(list, n, 2, asst, exec) != NULL;
}

/* The must-have skills of executive i (for allow_training); caller frees. */
static int64_t *must_skills(const struct fit_pool *p, size_t i, size_t *n)
{
    size_t cnt = 0;
    int64_t *l = malloc((p->need0[i + 1] - p->need0[i] + 1) * sizeof *l);
    if (!l)
        abort();
    for (size_t k = p->need0[i]; k < p->need0[i + 1]; k++)
        if (p->needs[k].must)
            l[cnt++] = p->needs[k].skill;
    *n = cnt;
    return l;
}

static json_t *skills_json(const struct fit_pool *p, const int64_t *ids, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, skill_json(p, ids[k]));
    return a;
}

struct ranked {
    size_t j;
    double score;
};

static int by_score(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

static json_t *fit_row(const struct fit_pool *p, size_t i, size_t j, const struct fit_result *r)
{
    json_t *o = json_pack("{sIsssisisfsbsb}", "assistant_id", (json_int_t)p->asst_id[j],
                          "assistant", p->asst_name[j], "score", (int)r->score, "places_left",
                          (int)p->asst_free[j], "free_hours", round1(p->asst_hours_free[j]),
                          "current", p->exec_current[i] == p->asst_id[j], "designated_backup",
                          has_pair(p->backup, p->n_backup, p->asst_id[j], p->exec_id[i]));
    json_object_set_new(o, "training", skills_json(p, r->trained, r->n_trained));
    json_object_set_new(o, "terms", fit_terms_json(p, r));
    return o;
}

enum hl_err svc_fit_best(struct svc_ctx *ctx, int64_t principal, bool allow_training,
                         int64_t exclude, json_t **out, struct hl_error *err)
{
    bool manager = is_manager(ctx);
    if (!manager && (!principal || ctx->who->person_id != principal))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                       "the best fits are for managers, and for the executive themselves");
    struct fit_pool p;
    struct fit_weights w;
    enum hl_err e = svc_fit_weights(ctx->db, &w, NULL, err);
    if (e != HL_OK || (e = store_fit_pool(ctx->db, NULL, principal, &p, err)) != HL_OK)
        return e;
    if (p.n_exec != 1) { /* no executive named, or none active by that id: nothing to rank */
        store_fit_pool_free(&p);
        *out = json_pack("{sosnsbsbs[]s[]sis[]sn}", "principal_id",
                         principal ? json_integer((json_int_t)principal) : json_null(), "principal",
                         "allow_training", allow_training, "history", manager, "fits",
                         "suggested_backups", "not_eligible", 0, "must_have", "current_id");
        if (manager)
            json_object_set_new(*out, "excluded", json_array());
        return HL_OK;
    }
    size_t n_train = 0;
    int64_t *train = must_skills(&p, 0, &n_train);
    struct fit_options o = {.training = allow_training ? train : NULL,
                            .n_training = allow_training ? n_train : 0,
                            .history = manager};
    struct ranked *rank = malloc((p.n_asst + 1) * sizeof *rank);
    struct fit_result *res = malloc((p.n_asst + 1) * sizeof *res);
    if (!rank || !res)
        abort();
    size_t n = 0, not_eligible = 0;
    json_t *excluded = json_array();
    for (size_t j = 0; j < p.n_asst; j++) {
        enum fit_forbid f = fit_pool_forbidden(&p, 0, j);
        if (f != FIT_FORBID_NONE || p.asst_id[j] == exclude) {
            json_array_append_new(excluded,
                                  json_pack("{sIssss}", "assistant_id", (json_int_t)p.asst_id[j],
                                            "assistant", p.asst_name[j], "reason",
                                            f == FIT_FORBID_INCOMPATIBLE ? "incompatible"
                                            : f == FIT_FORBID_OPEN_CASE  ? "open_case"
                                                                         : "excluded"));
            continue;
        }
        fit_pool_score(&p, &w, 0, j, &o, &res[j]);
        if (!res[j].eligible) {
            not_eligible++;
            continue;
        }
        rank[n++] = (struct ranked){j, res[j].score};
    }
    qsort(rank, n, sizeof *rank, by_score);
    json_t *fits = json_array(), *backups = json_array();
    for (size_t k = 0; k < n; k++) {
        size_t j = rank[k].j;
        json_array_append_new(fits, fit_row(&p, 0, j, &res[j]));
        if (json_array_size(backups) < 3 && p.exec_current[0] != p.asst_id[j] &&
            res[j].n_trained == 0 && !has_pair(p.backup, p.n_backup, p.asst_id[j], p.exec_id[0]))
            json_array_append_new(backups, json_pack("{sIsssi}", "assistant_id",
                                                     (json_int_t)p.asst_id[j], "assistant",
                                                     p.asst_name[j], "score", (int)res[j].score));
    }
    *out = json_pack("{sIsssbsbsososi}", "principal_id", (json_int_t)principal, "principal",
                     p.exec_name[0], "allow_training", allow_training, "history", manager, "fits",
                     fits, "suggested_backups", backups, "not_eligible", (int)not_eligible);
    json_object_set_new(*out, "must_have", skills_json(&p, train, n_train));
    json_object_set_new(*out, "current_id",
                        p.exec_current[0] ? json_integer((json_int_t)p.exec_current[0])
                                          : json_null());
    /* the designated-backup list's version: If-Match for adding a suggested backup */
    json_t *list = NULL;
    if (svc_backups_read(ctx, principal, &list, err) == HL_OK)
        json_object_set(*out, "backups_version", json_object_get(list, "version"));
    json_decref(list);
    /* which pairs are forbidden, and why, is the history signal: managers only */
    if (manager)
        json_object_set_new(*out, "excluded", excluded);
    else if (exclude)
        json_object_set_new(
            *out, "excluded",
            json_pack("[{sIss}]", "assistant_id", (json_int_t)exclude, "reason", "excluded"));
    if (!manager)
        json_decref(excluded);
    free(rank);
    free(res);
    free(train);
    store_fit_pool_free(&p);
    return HL_OK;
}

/* ---- an assignment from a fit row ---- */

enum hl_err svc_fit_make_primary(struct svc_ctx *ctx, int64_t principal, int64_t assistant,
                                 const char *start, json_t **created, struct hl_error *err)
{
    int64_t cur, version, day;
    char cur_start[11];
    enum hl_err e = store_fit_current_primary(ctx->db, principal, &cur, &version, cur_start, err);
    if (e != HL_OK)
        return e;
    if (cur) {
        json_t *rec = NULL;
        if ((e = svc_entity_get(ctx, &ent_assignment, cur, &rec, err)) != HL_OK)
            return e;
        int64_t held = json_integer_value(json_object_get(rec, "assistant_id"));
        json_decref(rec);
        if (held == assistant)
            return hl_fail(err, HL_ERR_CONFLICT, "assistant_id",
                           "this assistant is already the executive's primary assistant");
        if (strcmp(cur_start, start) < 0) {
            char end[11];
            date_parse(start, &day);
            date_format(day - 1, end);
            json_t *ch = json_pack("{ss}", "end_date", end);
            e = svc_entity_update(ctx, &ent_assignment, cur, version, ch, NULL, err);
            json_decref(ch);
        } else {
            e = svc_entity_delete(ctx, &ent_assignment, cur, version, err);
        }
        if (e != HL_OK)
            return e;
    }
    json_t *body = json_pack("{sIsIssss}", "principal_id", (json_int_t)principal, "assistant_id",
                             (json_int_t)assistant, "kind", "primary", "start_date", start);
    json_t *sys = json_pack("{ss}", "source", "matcher");
    e = svc_entity_create_as(ctx, &ent_assignment, body, sys, created, err);
    json_decref(body);
    json_decref(sys);
    return e;
}

enum hl_err svc_fit_assign(struct svc_ctx *ctx, const json_t *body, json_t **out,
                           struct hl_error *err)
{
    static const struct field f_principal = {"principal_id", FT_INT, F_REQUIRED, 1,   9e15,
                                             NULL,           NULL,   NULL,       NULL};
    static const struct field f_assistant = {"assistant_id", FT_INT, F_REQUIRED, 1,   9e15,
                                             NULL,           NULL,   NULL,       NULL};
    static const struct field f_training = {
        "allow_training", FT_BOOL, 0, 0, 0, NULL, NULL, NULL, NULL};
    static const char *const allowed[] = {
        "principal_id", "assistant_id", "kind",           "start_date",
        "share",        "end_date",     "allow_training", NULL};
    enum hl_err e = need_manager(ctx, "making an assignment", err);
    if (e != HL_OK)
        return e;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], key) != 0)
            k++;
        if (!allowed[k])
            return hl_fail(err, HL_ERR_INVALID, key, "unknown field %s", key);
    }
    const json_t *jp = json_object_get(body, "principal_id"),
                 *ja = json_object_get(body, "assistant_id"),
                 *jt = json_object_get(body, "allow_training");
    if (!jp)
        return hl_fail(err, HL_ERR_INVALID, "principal_id", "principal_id is required");
    if (!ja)
        return hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id is required");
    if ((e = field_validate(&f_principal, jp, err)) != HL_OK ||
        (e = field_validate(&f_assistant, ja, err)) != HL_OK ||
        (jt && (e = field_validate(&f_training, jt, err)) != HL_OK))
        return e;
    int64_t principal = json_integer_value(jp), assistant = json_integer_value(ja);
    bool training = jt && json_is_true(jt);
    const char *kind = json_string_value(json_object_get(body, "kind"));
    char today[11];
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct fit_pool p;
    struct fit_weights w;
    bool have_pool = false;
    int64_t *train = NULL;
    json_t *created = NULL, *entry = NULL;
    if ((e = store_fit_today(ctx->db, today, err)) != HL_OK ||
        (e = svc_fit_weights(ctx->db, &w, NULL, err)) != HL_OK ||
        (e = store_fit_pool(ctx->db, NULL, principal, &p, err)) != HL_OK)
        goto fail;
    have_pool = true;
    if (p.n_exec != 1) {
        e = hl_fail(err, HL_ERR_INVALID, "principal_id", "no active executive %lld",
                    (long long)principal);
        goto fail;
    }
    size_t j = 0;
    while (j < p.n_asst && p.asst_id[j] != assistant)
        j++;
    if (j == p.n_asst) {
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "no active assistant %lld",
                    (long long)assistant);
        goto fail;
    }
    if (fit_pool_forbidden(&p, 0, j) != FIT_FORBID_NONE) {
        e = hl_fail(err, HL_ERR_INCOMPATIBLE, "assistant_id",
                    "%s and %s may not be matched (a mediation case)", p.asst_name[j],
                    p.exec_name[0]);
        goto fail;
    }
    size_t n_train = 0;
    train = must_skills(&p, 0, &n_train);
    struct fit_options o = {
        .training = training ? train : NULL, .n_training = training ? n_train : 0, .history = true};
    struct fit_result r;
    fit_pool_score(&p, &w, 0, j, &o, &r);
    if (!r.eligible) {
        const char *name = skill_name(&p, r.missing[0]);
        e = hl_fail(err, HL_ERR_MISSING_SKILL, "assistant_id",
                    "%s lacks %zu must-have skill%s of the role (first: %s); allow training to "
                    "assign anyway",
                    p.asst_name[j], r.n_missing, r.n_missing == 1 ? "" : "s",
                    name ? name : "unknown");
        goto fail;
    }
    if (!kind || strcmp(kind, "primary") == 0) {
        const char *start = json_string_value(json_object_get(body, "start_date"));
        int64_t day;
        if (json_object_get(body, "start_date") && (!start || !date_parse(start, &day))) {
            e = hl_fail(err, HL_ERR_INVALID, "start_date", "start_date must be YYYY-MM-DD");
            goto fail;
        }
        if (json_object_get(body, "share") || json_object_get(body, "end_date")) {
            e = hl_fail(err, HL_ERR_INVALID, json_object_get(body, "share") ? "share" : "end_date",
                        "a primary from a fit row is open-ended and full-share; edit it after");
            goto fail;
        }
        e = svc_fit_make_primary(ctx, principal, assistant, start ? start : today, &created, err);
    } else {
        json_t *b = json_deep_copy(body);
        json_object_del(b, "allow_training");
        if (!json_object_get(b, "start_date"))
            json_object_set_new(b, "start_date", json_string(today));
        json_t *sys = json_pack("{ss}", "source", "matcher");
        e = svc_entity_create_as(ctx, &ent_assignment, b, sys, &created, err);
        json_decref(b);
        json_decref(sys);
    }
    if (e != HL_OK)
        goto fail;
    entry = json_pack("{sIsIsisbso}", "principal_id", (json_int_t)principal, "assistant_id",
                      (json_int_t)assistant, "score", (int)r.score, "allow_training", training,
                      "training", skills_json(&p, r.trained, r.n_trained));
    json_object_set_new(entry, "decided_by", json_string(ctx->actor ? ctx->actor : ""));
    if ((e = svc_audit(ctx, "fit_assign", "assignment",
                       json_integer_value(json_object_get(created, "id")), NULL, entry, err)) !=
            HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = json_pack("{sOsisO}", "assignment", created, "score", (int)r.score, "training",
                     json_object_get(entry, "training"));
    json_decref(created);
    json_decref(entry);
    free(train);
    store_fit_pool_free(&p);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(created);
    json_decref(entry);
    free(train);
    if (have_pool)
        store_fit_pool_free(&p);
    return e;
}

/* ---- a suggested backup designated ---- */

enum hl_err svc_fit_backup(struct svc_ctx *ctx, int64_t if_match, const json_t *body, json_t **out,
                           struct hl_error *err)
{
    static const struct field f_principal = {"principal_id", FT_INT, F_REQUIRED, 1,   9e15,
                                             NULL,           NULL,   NULL,       NULL};
    static const struct field f_assistant = {"assistant_id", FT_INT, F_REQUIRED, 1,   9e15,
                                             NULL,           NULL,   NULL,       NULL};
    enum hl_err e = need_manager(ctx, "designating a backup", err);
    if (e != HL_OK)
        return e;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        if (strcmp(key, "principal_id") != 0 && strcmp(key, "assistant_id") != 0)
            return hl_fail(err, HL_ERR_INVALID, key,
                           "unknown field %s: send principal_id and assistant_id", key);
    }
    const json_t *jp = json_object_get(body, "principal_id"),
                 *ja = json_object_get(body, "assistant_id");
    if (!jp)
        return hl_fail(err, HL_ERR_INVALID, "principal_id", "principal_id is required");
    if (!ja)
        return hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id is required");
    if ((e = field_validate(&f_principal, jp, err)) != HL_OK ||
        (e = field_validate(&f_assistant, ja, err)) != HL_OK)
        return e;
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "If-Match with the designated-backup list's version (backups_version of "
                       "the best fits) is required");
    int64_t principal = json_integer_value(jp), assistant = json_integer_value(ja);
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct fit_pool p;
    struct fit_weights w;
    bool have_pool = false;
    json_t *list = NULL, *created = NULL, *entry = NULL, *after = NULL;
    if ((e = svc_backups_read(ctx, principal, &list, err)) != HL_OK)
        goto fail;
    if (if_match != json_integer_value(json_object_get(list, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the designated backups changed since version %lld; look again",
                    (long long)if_match);
        goto fail;
    }
    if ((e = svc_fit_weights(ctx->db, &w, NULL, err)) != HL_OK ||
        (e = store_fit_pool(ctx->db, NULL, principal, &p, err)) != HL_OK)
        goto fail;
    have_pool = true;
    if (p.n_exec != 1) {
        e = hl_fail(err, HL_ERR_INVALID, "principal_id", "no active executive %lld",
                    (long long)principal);
        goto fail;
    }
    size_t j = 0;
    while (j < p.n_asst && p.asst_id[j] != assistant)
        j++;
    if (j == p.n_asst) {
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "no active assistant %lld",
                    (long long)assistant);
        goto fail;
    }
    size_t k, n_items = json_array_size(json_object_get(list, "items"));
    json_int_t rank = 0;
    json_t *row;
    json_array_foreach(json_object_get(list, "items"), k, row)
    {
        json_int_t r = json_integer_value(json_object_get(row, "rank"));
        if (r > rank)
            rank = r;
        if (json_integer_value(json_object_get(row, "assistant_id")) == assistant) {
            e = hl_fail(err, HL_ERR_CONFLICT, "assistant_id",
                        "%s is already designated backup %lld of %s", p.asst_name[j], (long long)r,
                        p.exec_name[0]);
            goto fail;
        }
    }
    if (p.exec_current[0] == assistant) {
        e = hl_fail(err, HL_ERR_CONFLICT, "assistant_id",
                    "%s is the primary assistant of %s, not a backup", p.asst_name[j],
                    p.exec_name[0]);
        goto fail;
    }
    if (fit_pool_forbidden(&p, 0, j) != FIT_FORBID_NONE) {
        e = hl_fail(err, HL_ERR_INCOMPATIBLE, "assistant_id",
                    "%s and %s may not be matched (a mediation case)", p.asst_name[j],
                    p.exec_name[0]);
        goto fail;
    }
    struct fit_options o = {.history = true};
    struct fit_result r;
    fit_pool_score(&p, &w, 0, j, &o, &r);
    if (!r.eligible) {
        const char *name = skill_name(&p, r.missing[0]);
        e = hl_fail(err, HL_ERR_MISSING_SKILL, "assistant_id",
                    "%s lacks %zu must-have skill%s of the role (first: %s), so cannot cover",
                    p.asst_name[j], r.n_missing, r.n_missing == 1 ? "" : "s",
                    name ? name : "unknown");
        goto fail;
    }
    if (n_items >= 20 || rank >= 20) {
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id",
                    "a principal has at most 20 designated backups");
        goto fail;
    }
    json_t *b = json_pack("{sIsIsI}", "principal_id", (json_int_t)principal, "assistant_id",
                          (json_int_t)assistant, "rank", rank + 1);
    e = svc_entity_create(ctx, &ent_backup, b, &created, err);
    json_decref(b);
    if (e != HL_OK)
        goto fail;
    entry = json_pack("{sIsIsIsiss}", "principal_id", (json_int_t)principal, "assistant_id",
                      (json_int_t)assistant, "rank", rank + 1, "score", (int)r.score, "decided_by",
                      ctx->actor ? ctx->actor : "");
    if ((e = svc_audit(ctx, "fit_backup", ent_backup.name,
                       json_integer_value(json_object_get(created, "id")), NULL, entry, err)) !=
            HL_OK ||
        (e = svc_backups_read(ctx, principal, &after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = json_pack("{sOsisO}", "designated_backup", created, "score", (int)r.score, "backups",
                     after);
    json_decref(list);
    json_decref(created);
    json_decref(entry);
    json_decref(after);
    store_fit_pool_free(&p);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(list);
    json_decref(created);
    json_decref(entry);
    json_decref(after);
    if (have_pool)
        store_fit_pool_free(&p);
    return e;
}

/* ---- how past covers went ---- */

#define PAST_COVER_DAYS  90
#define PAST_COVER_LIMIT 100

enum hl_err svc_fit_covers(struct svc_ctx *ctx, int64_t principal, json_t **out,
                           struct hl_error *err)
{
    bool manager = is_manager(ctx);
    if (!manager && (!principal || ctx->who->person_id != principal))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                       "past covers are rated by managers and by the executive who was covered");
    if (!principal) { /* no executive named: nothing to list, as GET /fit */
        *out = json_pack("{snsbsis[]}", "principal_id", "manager", manager, "days", PAST_COVER_DAYS,
                         "covers");
        return HL_OK;
    }
    int64_t now = db_now(ctx->db);
    json_t *items = NULL;
    enum hl_err e = store_fit_past_covers(ctx->db, principal, now - PAST_COVER_DAYS * 86400, now,
                                          PAST_COVER_LIMIT, &items, err);
    if (e != HL_OK)
        return e;
    size_t k;
    json_t *c;
    json_array_foreach(items, k, c)
    {
        json_t *m = json_object_get(c, "manager"), *x = json_object_get(c, "executive");
        if (manager) { /* how it counts in the history term: the manager's word, else theirs */
            json_t *by = json_is_object(m) ? m : x;
            json_object_set(c, "outcome",
                            json_is_object(by) ? json_object_get(by, "outcome") : json_null());
        } else {
            json_object_del(c, "manager"); /* the history signal is the managers' */
        }
    }
    *out = json_pack("{sIsbsiso}", "principal_id", (json_int_t)principal, "manager", manager,
                     "days", PAST_COVER_DAYS, "covers", items);
    return HL_OK;
}

enum hl_err svc_fit_rate(struct svc_ctx *ctx, int64_t cover_id, int64_t if_match,
                         const json_t *body, json_t **out, struct hl_error *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        if (strcmp(key, "outcome") != 0 && strcmp(key, "note") != 0)
            return hl_fail(err, HL_ERR_INVALID, key, "unknown field %s: send outcome and note",
                           key);
    }
    const char *outcome = json_string_value(json_object_get(body, "outcome"));
    const json_t *jn = json_object_get(body, "note");
    if (!outcome || (strcmp(outcome, "well") != 0 && strcmp(outcome, "badly") != 0))
        return hl_fail(err, HL_ERR_INVALID, "outcome", "outcome must be \"well\" or \"badly\"");
    if (jn && !json_is_null(jn) && (!json_is_string(jn) || json_string_length(jn) > 1000))
        return hl_fail(err, HL_ERR_INVALID, "note", "note must be text of at most 1000 characters");
    const char *note =
        json_is_string(jn) && json_string_length(jn) > 0 ? json_string_value(jn) : NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    struct fit_cover cv;
    json_t *before = NULL, *after = NULL;
    const char *rater = is_manager(ctx) ? "manager" : "executive";
    if ((e = store_fit_cover(ctx->db, cover_id, &cv, err)) != HL_OK)
        goto fail;
    if (!cv.principal_id || (!is_manager(ctx) && (ctx->who->role != ROLE_PRINCIPAL ||
                                                  ctx->who->person_id != cv.principal_id))) {
        /* someone else's cover is not theirs to know of */
        e = is_manager(ctx) || ctx->who->role == ROLE_PRINCIPAL
                ? hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no cover %lld of yours",
                          (long long)cover_id)
                : hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                          "a cover is rated by managers and by the executive who was covered");
        goto fail;
    }
    if (!cv.accepted) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL, "only an accepted cover can be rated");
        goto fail;
    }
    if (cv.end_at > db_now(ctx->db)) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL, "a cover is rated once it has ended");
        goto fail;
    }
    if ((e = store_fit_rating_get(ctx->db, cover_id, rater, &before, err)) != HL_OK)
        goto fail;
    int64_t version = before ? json_integer_value(json_object_get(before, "version")) : 0;
    if (before && if_match == IF_MATCH_NONE) {
        e = hl_fail(err, HL_ERR_PRECONDITION, NULL,
                    "you rated this cover before: send If-Match with that rating's version");
        goto fail;
    }
    if (before && if_match != version) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the rating was changed since version %lld; look again", (long long)if_match);
        goto fail;
    }
    if ((e = store_fit_rating_put(ctx->db, cover_id, rater, version, outcome, note,
                                  ctx->actor ? ctx->actor : "", err)) != HL_OK ||
        (e = store_fit_rating_get(ctx->db, cover_id, rater, &after, err)) != HL_OK)
        goto fail;
    json_t *entry =
        json_pack("{sIsIsIssso}", "cover_id", (json_int_t)cover_id, "principal_id",
                  (json_int_t)cv.principal_id, "assistant_id", (json_int_t)cv.assistant_id, "rater",
                  rater, "rating", json_deep_copy(after));
    json_object_set_new(entry, "decided_by", json_string(ctx->actor ? ctx->actor : ""));
    e = svc_audit(ctx, before ? "rerate" : "rate", "cover_rating", cover_id, before, entry, err);
    json_decref(entry);
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = json_pack("{sIsssO}", "cover_id", (json_int_t)cover_id, "rater", rater, "rating", after);
    json_decref(before);
    json_decref(after);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(before);
    json_decref(after);
    return e;
}
