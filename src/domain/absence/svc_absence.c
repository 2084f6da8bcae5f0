/* svc_absence.c: what the absence workflow does beyond its table: plan on approval. */
#include "svc_absence.h"
#include "leave.h"
#include "svc_coverage.h"
#include "timeutil.h"

#include <string.h>

enum hl_err absence_before_action(struct svc_ctx *ctx, const struct wf_action *act,
                                  const json_t *cur, const json_t *body, json_t *changes,
                                  struct hl_error *err)
{
    /* Who decides, and for whom when a stand-in approver does: the audit row's after holds it. */
    int64_t by = ctx->who ? ctx->who->person_id : 0, behalf = 0;
    enum hl_err e = svc_leave_standin_for(ctx, &behalf, err);
    if (e != HL_OK)
        return e;
    if (behalf > 0 && by > 0 && json_integer_value(json_object_get(cur, "person_id")) == by)
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                       "a stand-in approver cannot decide their own absence; the manager or "
                       "another manager does");
    json_object_set_new(changes, "decided_by", by > 0 ? json_integer(by) : json_null());
    json_object_set_new(changes, "decided_for", behalf > 0 ? json_integer(behalf) : json_null());
    if (strcmp(act->name, "approve") != 0)
        return HL_OK;
    bool override = json_is_true(json_object_get(body, "override"));
    json_object_set_new(changes, "balance_override", json_boolean(override));
    struct leave_request req = {0, 0, json_integer_value(json_object_get(cur, "id"))};
    if (!instant_parse(json_string_value(json_object_get(cur, "start_at")), &req.start) ||
        !instant_parse(json_string_value(json_object_get(cur, "end_at")), &req.end))
        return HL_OK;
    json_t *bal = NULL;
    const char *kind = json_string_value(json_object_get(cur, "kind"));
    if ((e = svc_leave_balance(ctx, json_integer_value(json_object_get(cur, "person_id")), kind, 0,
                               &req, &bal, err)) != HL_OK)
        return e;
    json_t *after = json_object_get(json_object_get(bal, "request"), "balance_after");
    if (after && json_real_value(after) < 0 && !override &&
        json_is_true(json_object_get(bal, "enforced")))
        e = hl_fail(err, HL_ERR_LEAVE_BALANCE, "override",
                    "approving takes the %s balance of %d below zero (%.1f days after it); "
                    "approve with override true to allow it",
                    kind, (int)json_integer_value(json_object_get(bal, "year")),
                    json_real_value(after));
    json_decref(bal);
    return e;
}

enum hl_err absence_stands_in(struct svc_ctx *ctx, bool *yes, struct hl_error *err)
{
    int64_t behalf = 0;
    enum hl_err e = svc_leave_standin_for(ctx, &behalf, err);
    *yes = e == HL_OK && behalf > 0;
    return e;
}

/* "Approve → who will cover" in one step. */
void absence_after_approve(struct svc_ctx *ctx, int64_t id, json_t *out)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *plan = NULL;
    if (svc_coverage_plan_absence(ctx, id, &plan, &err) == HL_OK) {
        json_object_set_new(out, "coverage_plan", plan);
        return;
    }
    json_object_set_new(out, "coverage_plan", json_null());
    /* The message was cut to fit the error; a cut may split a character at the end. */
    size_t n = strlen(err.message);
    json_t *why = NULL;
    for (size_t k = 0; k < 4 && k <= n && !why; k++)
        why = json_stringn(err.message, n - k);
    json_object_set_new(out, "coverage_error", why ? why : json_string("planning failed"));
}

/* "Cancel → the covers go and the executives are told" in one step. The cancel stands even if
 * the release fails; the answer says why. */
void absence_after_cancel(struct svc_ctx *ctx, int64_t id, json_t *out)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *rel = NULL;
    if (svc_coverage_release(ctx, id, &rel, &err) == HL_OK) {
        json_object_update(out, rel);
        json_decref(rel);
        return;
    }
    json_object_set_new(out, "released_covers", json_null());
    json_object_set_new(out, "release_error", json_string(err.message));
}

void absence_cancelled_schema(json_t *schemas)
{
    json_t *c = json_deep_copy(json_object_get(schemas, "Absence"));
    if (!c)
        return;
    json_t *props = json_object_get(c, "properties");
    json_object_set_new(
        props, "released_covers",
        json_pack("{s[ss] ss}", "type", "array", "null", "description",
                  "the covers of the absence's days no longer needed: {cover_id, principal_id, "
                  "assistant_id, start_at, end_at, was, kept: the parts still needed "
                  "[{cover_id, start_at, end_at}], empty when released whole}"));
    json_object_set_new(props, "notified_principal_ids",
                        json_pack("{ss ss}", "type", "array", "description",
                                  "the executives told (a notify row in the audit log each)"));
    json_object_set_new(props, "release_error",
                        json_pack("{ss ss}", "type", "string", "description",
                                  "why the covers were not released (the cancel stands)"));
    json_object_set_new(schemas, "AbsenceCancelled", c);
}

void absence_approved_schema(json_t *schemas)
{
    json_t *approved = json_deep_copy(json_object_get(schemas, "Absence"));
    if (!approved)
        return;
    json_t *props = json_object_get(approved, "properties");
    json_object_set_new(props, "coverage_plan",
                        json_pack("{s[ss] ss}", "type", "object", "null", "description",
                                  "the plan of the absence's days, as POST /coverage/plans"));
    json_object_set_new(props, "coverage_error",
                        json_pack("{ss ss}", "type", "string", "description",
                                  "why there is no plan (the approval stands)"));
    json_object_set_new(schemas, "AbsenceApproved", approved);
}
