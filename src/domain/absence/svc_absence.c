/* svc_absence.c: what the absence workflow does beyond its table: plan on approval. */
#include "svc_absence.h"
#include "leave.h"
#include "mail.h"
#include "mem.h"
#include "people.h"
#include "store_entity.h"
#include "svc_coverage.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

static const struct mail_template decided_tpl = {
    "absence.decided",
    {"Your absence was {decision_en}", "Sinu puudumine on {decision_et}"},
    {"Hello {name},\n\n{decided_by} {verb_en} your absence ({kind_en}):\n{when}\n\nNote: "
     "{note}\n\n— Haldus",
     "Tere, {name}!\n\n{decided_by} {verb_et} sinu puudumise ({kind_et}):\n{when}\n\n"
     "Märkus: {note}\n\n— Haldus"},
};

/* Tells the absent person that their absence was approved or rejected (not when they decided
 * it themselves), with its dates in their time zone; inside the action's transaction, so a
 * refused decision sends nothing. */
static enum hl_err absence_mail_decided(struct svc_ctx *ctx, const struct wf_action *act,
                                        const json_t *cur, const json_t *body, struct hl_error *err)
{
    static const char *const kinds[][3] = {{"vacation", "vacation", "puhkus"},
                                           {"sick", "sick leave", "haigus"},
                                           {"training", "training", "koolitus"},
                                           {"interview", "interview", "intervjuu"},
                                           {"other", "other", "muu"}};
    bool approve = strcmp(act->name, "approve") == 0;
    int64_t person = json_integer_value(json_object_get(cur, "person_id"));
    int64_t by = ctx->who ? ctx->who->person_id : 0;
    int64_t start, end;
    if (by == person ||
        !instant_parse(json_string_value(json_object_get(cur, "start_at")), &start) ||
        !instant_parse(json_string_value(json_object_get(cur, "end_at")), &end))
        return HL_OK;
    json_t *p = NULL, *d = NULL;
    enum hl_err e = store_entity_get(ctx->db, &ent_person, person, &p, err);
    if (e == HL_OK && by > 0 && store_entity_get(ctx->db, &ent_person, by, &d, err) != HL_OK)
        d = NULL; /* the decider's name is only for the text */
    if (e != HL_OK)
        return e;
    hl_error_clear(err);
    const char *kind = json_string_value(json_object_get(cur, "kind"));
    const char *kind_en = kind ? kind : "", *kind_et = kind ? kind : "";
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i][0], kind) == 0)
            kind_en = kinds[i][1], kind_et = kinds[i][2];
    const char *who =
        d ? json_string_value(json_object_get(d, "name")) : (ctx->actor ? ctx->actor : "Haldus");
    const char *note = json_string_value(json_object_get(body, "note"));
    char *when = mail_when(json_string_value(json_object_get(p, "time_zone")), start, end);
    json_t *params = json_pack(
        "{ss ss ss ss ss ss ss ss ss ss}", "name", json_string_value(json_object_get(p, "name")),
        "decided_by", who ? who : "Haldus", "decision_en", approve ? "approved" : "rejected",
        "decision_et", approve ? "kinnitatud" : "tagasi lükatud", "verb_en",
        approve ? "approved" : "rejected", "verb_et", approve ? "kinnitas" : "lükkas tagasi",
        "kind_en", kind_en, "kind_et", kind_et, "when", when, "note", note && *note ? note : "—");
    struct mail_to to = {person, NULL, MAIL_EN};
    e = params ? mail_enqueue(ctx, &decided_tpl, &to, params, NULL, NULL, err)
               : hl_fail(err, HL_ERR_INTERNAL, NULL, "the decision mail could not be written");
    json_decref(params);
    free(when);
    json_decref(p);
    json_decref(d);
    return e;
}

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
    if (strcmp(act->name, "reject") == 0)
        return absence_mail_decided(ctx, act, cur, body, err);
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
    return e == HL_OK ? absence_mail_decided(ctx, act, cur, body, err) : e;
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
