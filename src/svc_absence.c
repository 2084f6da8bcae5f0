/* svc_absence.c: the absence workflow's transitions, each one audited. */
#include "svc_absence.h"
#include "model.h"
#include "svc_coverage.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <string.h>

static const struct {
    const char *from;
    enum absence_action action;
    const char *to;
} transitions[] = {
    {"requested", ABSENCE_APPROVE, "approved"},
    {"requested", ABSENCE_REJECT, "rejected"},
    {"requested", ABSENCE_CANCEL, "cancelled"},
    {"approved", ABSENCE_CANCEL, "cancelled"},
};

const char *absence_next_status(const char *from, enum absence_action action)
{
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
        if (transitions[i].action == action && strcmp(transitions[i].from, from) == 0)
            return transitions[i].to;
    return NULL;
}

const char *absence_action_name(enum absence_action action)
{
    switch (action) {
    case ABSENCE_APPROVE:
        return "approve";
    case ABSENCE_REJECT:
        return "reject";
    default:
        return "cancel";
    }
}

/* "Approve → who will cover" in one step: plans the absence's days and adds the plan (or
 * why there is none) to the approved absence. The approval stands either way. */
static void attach_plan(struct svc_ctx *ctx, int64_t id, json_t *absence)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *plan = NULL;
    if (svc_coverage_plan_absence(ctx, id, &plan, &err) == HL_OK) {
        json_object_set_new(absence, "coverage_plan", plan);
        return;
    }
    json_object_set_new(absence, "coverage_plan", json_null());
    /* The message was cut to fit the error; a cut may split a character at the end. */
    size_t n = strlen(err.message);
    json_t *why = NULL;
    for (size_t k = 0; k < 4 && k <= n && !why; k++)
        why = json_stringn(err.message, n - k);
    json_object_set_new(absence, "coverage_error", why ? why : json_string("planning failed"));
}

enum hl_err svc_absence_act(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                            enum absence_action action, const char *note, json_t **out,
                            struct hl_error *err)
{
    if (note && strlen(note) > 1000)
        return hl_fail(err, HL_ERR_INVALID, "note", "note may be at most 1000 characters long");
    json_t *cur = NULL, *changes = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = store_entity_get_scoped(ctx->db, &ent_absence, id, svc_scope_person(ctx, &ent_absence),
                                     &cur, err)) != HL_OK)
        goto done;
    if (ctx->who && !role_is_manager(ctx->who->role)) {
        if (action != ABSENCE_CANCEL) {
            e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers approve or reject absences");
            goto done;
        }
        if (json_integer_value(json_object_get(cur, "person_id")) != ctx->who->person_id) {
            e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "you can only cancel your own absences");
            goto done;
        }
    }
    const char *from = json_string_value(json_object_get(cur, "status"));
    const char *to = absence_next_status(from, action);
    if (!to) {
        e = hl_fail(err, HL_ERR_TRANSITION, "status", "cannot %s an absence that is %s",
                    absence_action_name(action), from);
        goto done;
    }
    char now[21];
    instant_format(db_now(ctx->db), now);
    changes =
        json_pack("{ss ss ss}", "status", to, "decided_at", now, "decision_note", note ? note : "");
    e = svc_entity_set_system(ctx, &ent_absence, id, if_match, changes, absence_action_name(action),
                              out, err);
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e == HL_OK && action == ABSENCE_APPROVE)
        attach_plan(ctx, id, *out);
done:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(cur);
    json_decref(changes);
    return e;
}
