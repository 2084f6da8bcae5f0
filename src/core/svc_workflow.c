/* svc_workflow.c: the one use case behind every workflow action (workflow.h). */
#include "workflow.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <string.h>

const char *workflow_next(const struct workflow *wf, const char *from, const char *action)
{
    for (size_t i = 0; from && i < wf->ntransitions; i++)
        if (strcmp(wf->transitions[i].action, action) == 0 &&
            strcmp(wf->transitions[i].from, from) == 0)
            return wf->transitions[i].to;
    return NULL;
}

/* "an absence", "a task": the article for messages. */
static const char *article(const char *name)
{
    return strchr("aeiou", name[0]) ? "an" : "a";
}

/* The changes the action writes: the new status, the stamp, and each field of the body into
 * its entity field (an absent text field is cleared to "", any other to null). */
static json_t *action_changes(struct svc_ctx *ctx, const struct workflow *wf,
                              const struct wf_action *act, const char *to, const json_t *body)
{
    json_t *changes = json_pack("{ss}", wf->status, to);
    if (wf->stamp) {
        char now[21];
        instant_format(db_now(ctx->db), now);
        json_object_set_new(changes, wf->stamp, json_string(now));
    }
    for (size_t i = 0; i < act->nfields; i++) {
        const struct wf_field *f = &act->fields[i];
        json_t *v = body ? json_object_get(body, f->f.name) : NULL;
        if (v)
            json_object_set(changes, f->into, v);
        else
            json_object_set_new(changes, f->into,
                                f->f.type == FT_TEXT ? json_string("") : json_null());
    }
    return changes;
}

enum hl_err svc_workflow_act(struct svc_ctx *ctx, const struct workflow *wf,
                             const struct wf_action *act, int64_t id, int64_t if_match,
                             const json_t *body, json_t **out, struct hl_error *err)
{
    const struct entity *ent = wf->ent;
    for (size_t i = 0; i < act->nfields; i++) {
        const struct field *f = &act->fields[i].f;
        json_t *v = body ? json_object_get(body, f->name) : NULL;
        enum hl_err e;
        if (!v && (f->flags & F_REQUIRED))
            return hl_fail(err, HL_ERR_INVALID, f->name, "%s is required to %s %s %s", f->name,
                           act->name, article(wf->ent->name), wf->ent->name);
        if (v && (e = field_validate(f, v, err)) != HL_OK)
            return e;
    }
    json_t *cur = NULL, *changes = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    /* A stand-in approver acts as a manager would on the rows they may decide (the entity's
     * vis.standin, the rows they also see); the audit names them. */
    struct svc_standin standin;
    if (act->managers_only && (e = svc_entity_standin(ctx, ent, id, &standin, &ctx, err)) != HL_OK)
        goto done;
    if ((e = svc_entity_get(ctx, ent, id, &cur, err)) != HL_OK)
        goto done;
    /* An admin linked to a party of a confidential case acts as that party only. */
    if (!svc_acts_as_manager(ctx, ent)) {
        if (act->managers_only || !ent->owner) {
            e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers %s %ss", act->name, ent->name);
            goto done;
        }
        if (json_integer_value(json_object_get(cur, ent->owner)) != ctx->who->person_id) {
            e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "you can only %s your own %ss", act->name,
                        ent->name);
            goto done;
        }
    }
    /* A stale version is 412 before anything else: the client acts on what it read. */
    if (if_match != IF_MATCH_NONE &&
        if_match != json_integer_value(json_object_get(cur, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "%s %lld has changed since you read it (version %lld, not %lld); read it again",
                    ent->name, (long long)id,
                    (long long)json_integer_value(json_object_get(cur, "version")),
                    (long long)if_match);
        goto done;
    }
    const char *from = json_string_value(json_object_get(cur, wf->status));
    const char *to = workflow_next(wf, from, act->name);
    if (!to) {
        e = hl_fail(err, HL_ERR_TRANSITION, wf->status, "cannot %s %s %s that is %s", act->name,
                    article(ent->name), ent->name, from ? from : "without a status");
        goto done;
    }
    changes = action_changes(ctx, wf, act, to, body);
    /* A stale If-Match is answered as such, before any rule of the action is weighed. */
    bool stale = if_match != IF_MATCH_NONE &&
                 json_integer_value(json_object_get(cur, "version")) != if_match;
    if (wf->before && !stale && (e = wf->before(ctx, act, cur, body, changes, err)) != HL_OK)
        goto done;
    if ((e = svc_entity_set_system(ctx, ent, id, if_match, changes, act->name, out, err)) == HL_OK)
        e = db_commit(ctx->db, err);
    if (e == HL_OK && act->after)
        act->after(ctx, id, *out);
done:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(cur);
    json_decref(changes);
    return e;
}
