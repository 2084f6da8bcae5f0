/* model_absence.c: the absence entity, its workflow (request → approve | reject, cancel) and
 * the absence domain. */
#include "absence.h"
#include "route.h"
#include "people.h"
#include "svc_absence.h"
#include "svc_entity.h"
#include "store_absence.h"
#include "store_entity.h"
#include "store_leave.h"
#include "timeutil.h"
#include "tz.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

const char *const absence_kinds[] = {"vacation", "sick", "training", "interview", "other", NULL};
const char *const absence_statuses[] = {"requested", "approved", "rejected", "cancelled", NULL};

#define MAX_ABSENCE_SECONDS (366 * 86400)

static enum hl_err absence_check(const json_t *rec, struct hl_error *err)
{
    int64_t start, end;
    const char *s = json_string_value(json_object_get(rec, "start_at"));
    const char *e = json_string_value(json_object_get(rec, "end_at"));
    if (s && e && instant_parse(s, &start) && instant_parse(e, &end)) {
        if (end <= start)
            return hl_fail(err, HL_ERR_INVALID, "end_at", "end_at must be after start_at");
        if (end - start > MAX_ABSENCE_SECONDS)
            return hl_fail(err, HL_ERR_INVALID, "end_at", "an absence may last at most 366 days");
    }
    return HL_OK;
}

/* Whether an absence in this status still holds its days: requested or approved. */
static bool absence_holds(const char *status)
{
    return !status || strcmp(status, "requested") == 0 || strcmp(status, "approved") == 0;
}

/* The first absence of rec's person, other than rec itself, that holds days overlapping
 * [start, end): HL_ERR_OVERLAP naming it. */
static enum hl_err absence_no_overlap(struct svc_ctx *ctx, const json_t *rec, int64_t start,
                                      int64_t end, struct hl_error *err)
{
    json_t *other = NULL;
    enum hl_err e =
        store_absence_overlap(ctx->db, json_integer_value(json_object_get(rec, "person_id")),
                              json_integer_value(json_object_get(rec, "id")) /* 0 on a create */,
                              start, end, &other, err);
    if (e != HL_OK || !other)
        return e;
    e = hl_fail(err, HL_ERR_OVERLAP, "start_at",
                "it overlaps absence %lld (%s, %s, %s to %s) of the same person",
                (long long)json_integer_value(json_object_get(other, "id")),
                json_string_value(json_object_get(other, "kind")),
                json_string_value(json_object_get(other, "status")),
                json_string_value(json_object_get(other, "start_at")),
                json_string_value(json_object_get(other, "end_at")));
    json_decref(other);
    return e;
}

/* The rules that need the database or who acts (entity.h, check_ctx): a request that starts
 * before today (the person's, in their time zone) needs a manager, when created or when its start
 * is moved; an absence that holds days must not overlap another of the same person that does. */
static enum hl_err absence_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                                     struct hl_error *err)
{
    int64_t start, end;
    const char *s = json_string_value(json_object_get(rec, "start_at"));
    if (!s || !instant_parse(s, &start) ||
        !instant_parse(json_string_value(json_object_get(rec, "end_at")), &end))
        return HL_OK; /* required fields: entity_validate_input has said so */
    bool moved = !before ||
                 !json_equal(json_object_get(before, "start_at"), json_object_get(rec, "start_at"));
    if (moved && ctx->who && !role_is_manager(ctx->who->role)) {
        /* Today is the absent person's: their day begins at their own midnight (Tallinn's two
         * hours before UTC's), so a sick day from 00:00 local is not "before today". */
        json_t *person = NULL;
        struct hl_error ignore;
        const char *zone = NULL;
        if (store_entity_get(ctx->db, &ent_person,
                             json_integer_value(json_object_get(rec, "person_id")), &person,
                             &ignore) == HL_OK)
            zone = json_string_value(json_object_get(person, "time_zone"));
        int64_t today = tz_today(zone, db_now(ctx->db)), midnight = today * 86400;
        if (zone && !tz_local_to_utc(zone, today, 0, &midnight))
            zone = NULL;
        enum hl_err e = HL_OK;
        if (start < midnight) {
            char day[11];
            date_format(today, day);
            e = hl_fail(err, HL_ERR_FORBIDDEN, "start_at",
                        "an absence starting before today (%s, %s) must be recorded by a manager",
                        day, zone ? zone : "UTC");
        }
        json_decref(person);
        if (e != HL_OK)
            return e;
    }
    if (!absence_holds(json_string_value(json_object_get(rec, "status"))))
        return HL_OK;
    return absence_no_overlap(ctx, rec, start, end, err);
}

static enum hl_err absence_may_change(const json_t *cur, bool deleting, struct hl_error *err)
{
    const char *status = json_string_value(json_object_get(cur, "status"));
    if (!status)
        return HL_OK;
    if (deleting && strcmp(status, "approved") == 0)
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "an approved absence cannot be deleted; cancel it instead");
    if (!deleting && strcmp(status, "requested") != 0)
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "only a requested absence can be edited; this one is %s", status);
    return HL_OK;
}

static const struct field absence_fields[] = {
    {"person_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "who is away"},
    {"kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, absence_kinds, NULL,
     "vacation, sick, training, interview or other"},
    {"start_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "first instant away (UTC)"},
    {"end_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "back at this instant (UTC)"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, absence_statuses, NULL,
     "requested, approved, rejected or cancelled; changed by the approve, reject and cancel "
     "actions"},
    {"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "the requester's note"},
    {"decision_note", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL,
     "why it was approved, rejected or cancelled"},
    {"decided_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
    {"balance_override", FT_BOOL, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "approved past the leave balance by the manager's explicit override"},
    {"decided_by", FT_INT, F_READONLY | F_NULLABLE, 1, 9e15, NULL, NULL, NULL,
     "the person who approved, rejected or cancelled it"},
    {"decided_for", FT_INT, F_READONLY | F_NULLABLE, 1, 9e15, NULL, NULL, NULL,
     "the manager on whose behalf a stand-in approver decided (null: in their own name)"},
};

const struct entity ent_absence = {
    .name = "absence",
    .path = "absences",
    .title = "Absence",
    .table = "absence",
    .fields = absence_fields,
    .nfields = NFIELDS(absence_fields),
    .ops = OP_ALL,
    .window_start = "start_at",
    .window_end = "end_at",
    .check = absence_check,
    .may_change = absence_may_change,
    .check_ctx = absence_check_ctx,
    /* A named stand-in approver also sees the requests they may decide (store_leave.c). */
    .vis = {.policy = VIS_RELATED,
            .person = {"person_id", NULL},
            .links = LINK_ALL,
            .standin = store_leave_standin_sql},
    .owner = "person_id",
};

static const struct wf_field decision_fields[] = {
    {{"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "why (stored as decision_note)"},
     "decision_note"},
};

static const struct wf_field approve_fields[] = {
    {{"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "why (stored as decision_note)"},
     "decision_note"},
    {{"override", FT_BOOL, 0, 0, 0, NULL, NULL, NULL,
      "approve even though the leave balance goes below zero (stored as balance_override)"},
     "balance_override"},
};

static const struct wf_action absence_actions[] = {
    /* Slow: the approval is a short write of its own, then the plan of its days is made on a
     * snapshot outside the writer and saved with the data-stamp check (svc_coverage.c). */
    {"approve", "Approve a requested absence; the answer carries the plan of its days", true,
     ROUTE_SLOW, approve_fields, 2, absence_after_approve, "AbsenceApproved",
     absence_approved_schema},
    {"reject", "Reject a requested absence", true, 0, decision_fields, 1, NULL, NULL, NULL},
    {"cancel",
     "Cancel a requested or approved absence (your own, or any as a manager); the covers its "
     "days no longer need are released and the executives told",
     false, 0, decision_fields, 1, absence_after_cancel, "AbsenceCancelled",
     absence_cancelled_schema},
};

static const struct wf_transition absence_transitions[] = {
    {"requested", "approve", "approved"},
    {"requested", "reject", "rejected"},
    {"requested", "cancel", "cancelled"},
    {"approved", "cancel", "cancelled"},
};

const struct workflow wf_absence = {
    .ent = &ent_absence,
    .status = "status",
    .stamp = "decided_at",
    .actions = absence_actions,
    .nactions = NFIELDS(absence_actions),
    .transitions = absence_transitions,
    .ntransitions = NFIELDS(absence_transitions),
    .before = absence_before_action,
};

static const struct entity *const absence_entities[] = {&ent_absence, NULL};
static const struct workflow *const absence_workflows[] = {&wf_absence, NULL};
static const struct stamp_table absence_stamps[] = {
    {"absence", STAMP_ALL, NULL, NULL},
    {NULL, 0, NULL, NULL},
};

const struct domain domain_absence = {
    .name = "absence",
    .entities = absence_entities,
    .workflows = absence_workflows,
    .stamp_tables = absence_stamps,
    .feed = absence_feed,
};
