/* model_desk.c: the desk domain's records — task (with its workflow), phone message and
 * correspondence (with its workflow) — their rules, routes and the domain itself. */
#include "desk.h"

#include "mail.h"
#include "mem.h"
#include "store_entity.h"
#include "people.h"
#include "route.h"
#include "timeutil.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const task_priorities[] = {"low", "normal", "high", NULL};
static const char *const task_statuses[] = {"open", "in_progress", "done", "dropped", NULL};
static const char *const message_urgencies[] = {"normal", "urgent", NULL};
static const char *const message_actions[] = {"call_back", "will_call_again", "returned_call",
                                              "no_action", NULL};
static const char *const message_statuses[] = {"open", "done", NULL};
static const char *const corr_directions[] = {"incoming", "outgoing", NULL};
static const char *const corr_kinds[] = {"letter", "email", "parcel", "signature", NULL};
static const char *const corr_statuses[] = {"open", "answered", "closed", NULL};

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

/* An assistant records desk work only for an executive they serve now (assignment or cover). */
static enum hl_err must_serve(struct svc_ctx *ctx, const json_t *rec, const char *assistant_field,
                              struct hl_error *err)
{
    json_t *p = json_object_get(rec, "principal_id");
    if (is_manager(ctx) || !json_is_integer(p))
        return HL_OK;
    bool yes = false;
    enum hl_err e = desk_serves(ctx, json_integer_value(json_object_get(rec, assistant_field)),
                                json_integer_value(p), &yes, err);
    if (e == HL_OK && !yes)
        e = hl_fail(err, HL_ERR_FORBIDDEN, "principal_id",
                    "you neither support nor cover executive %lld now",
                    (long long)json_integer_value(p));
    return e;
}

/* ---- task ---- */

static enum hl_err task_check(const json_t *rec, struct hl_error *err)
{
    const char *rrule = json_string_value(json_object_get(rec, "rrule"));
    if (!rrule)
        return HL_OK;
    if (!json_is_string(json_object_get(rec, "due_at")))
        return hl_fail(err, HL_ERR_INVALID, "due_at",
                       "a recurring task needs due_at: its first occurrence");
    return desk_rrule_check(rrule, "rrule", err);
}

static const struct mail_template task_assigned = {
    "task.assigned",
    {"New task: {title}", "Uus ülesanne: {title}"},
    {"Hello {name},\n\n{by} gave you a task.\n\nTask: {title}\nFor: {principal}\nDue: {due}\n"
     "Priority: {priority_en}\n\n{notes}\n\n— Haldus",
     "Tere, {name}!\n\n{by} andis sulle ülesande.\n\nÜlesanne: {title}\nKellele: {principal}\n"
     "Tähtaeg: {due}\nPrioriteet: {priority_et}\n\n{notes}\n\n— Haldus"},
};

/* The local date and time of an instant in zone ("—" for none). */
static char *local_text(const char *zone, const char *instant)
{
    int64_t at, day;
    int minute, y, mo, d;
    if (!instant || !instant_parse(instant, &at) || !zone ||
        !tz_utc_to_local(zone, at, &day, &minute))
        return hl_strdup("—");
    civil_from_days(day, &y, &mo, &d);
    return hl_asprintf("%04d-%02d-%02d %02d:%02d (%s)", y, mo, d, minute / 60, minute % 60, zone);
}

/* Tells the assistant a task was given to them (created for them, or moved to them) by
 * someone else signed in; in the write's transaction. */
static enum hl_err task_mail(struct svc_ctx *ctx, const json_t *rec, struct hl_error *err)
{
    static const char *const prio[][3] = {
        {"low", "low", "madal"}, {"normal", "normal", "tavaline"}, {"high", "high", "kõrge"}};
    int64_t to_id = json_integer_value(json_object_get(rec, "assistant_id"));
    json_t *a = NULL, *by = NULL, *pr = NULL;
    enum hl_err e = store_entity_get(ctx->db, &ent_person, to_id, &a, err);
    if (e == HL_OK && ctx->who->person_id > 0)
        e = store_entity_get(ctx->db, &ent_person, ctx->who->person_id, &by, err);
    json_t *pid = json_object_get(rec, "principal_id");
    if (e == HL_OK && json_is_integer(pid))
        e = store_entity_get(ctx->db, &ent_person, json_integer_value(pid), &pr, err);
    if (e == HL_OK) {
        const char *p = json_string_value(json_object_get(rec, "priority"));
        size_t k = 1;
        for (size_t i = 0; p && i < 3; i++)
            if (strcmp(prio[i][0], p) == 0)
                k = i;
        const char *notes = json_string_value(json_object_get(rec, "notes"));
        char *due = local_text(json_string_value(json_object_get(a, "time_zone")),
                               json_string_value(json_object_get(rec, "due_at")));
        json_t *params = json_pack(
            "{ss ss ss ss ss ss ss ss}", "name", json_string_value(json_object_get(a, "name")),
            "by",
            by ? json_string_value(json_object_get(by, "name"))
               : (ctx->actor ? ctx->actor : "Haldus"),
            "title", json_string_value(json_object_get(rec, "title")), "principal",
            pr ? json_string_value(json_object_get(pr, "name")) : "—", "due", due, "priority_en",
            prio[k][1], "priority_et", prio[k][2], "notes", notes ? notes : "");
        struct mail_to to = {to_id, NULL, MAIL_EN};
        e = params ? mail_enqueue(ctx, &task_assigned, &to, params, NULL, NULL, err)
                   : hl_fail(err, HL_ERR_INTERNAL, NULL, "the task mail could not be written");
        json_decref(params);
        free(due);
    }
    json_decref(a);
    json_decref(by);
    json_decref(pr);
    return e;
}

static enum hl_err task_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                                  struct hl_error *err)
{
    enum hl_err e = must_serve(ctx, rec, "assistant_id", err);
    int64_t to = json_integer_value(json_object_get(rec, "assistant_id"));
    if (e != HL_OK || !ctx->who || ctx->who->person_id == to)
        return e;
    if (!before || json_integer_value(json_object_get(before, "assistant_id")) != to)
        e = task_mail(ctx, rec, err);
    return e;
}

static enum hl_err task_may_change(const json_t *cur, bool deleting, struct hl_error *err)
{
    const char *status = json_string_value(json_object_get(cur, "status"));
    if (!deleting && status && (strcmp(status, "done") == 0 || strcmp(status, "dropped") == 0))
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "a task that is %s cannot be edited; reopen it first", status);
    return HL_OK;
}

static const struct field task_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant who does it (a manager may move it to another)"},
    {"principal_id", FT_REF, F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the executive it is done for, if any"},
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "what to do"},
    {"notes", FT_TEXT, 0, 0, 4000, NULL, NULL, NULL, "details"},
    {"estimate_minutes", FT_INT, 0, 1, 1440, NULL, NULL, NULL,
     "how long it takes, in minutes (default 30)"},
    {"due_at", FT_INSTANT, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it is due (UTC); for a recurring task its first occurrence"},
    {"priority", FT_ENUM, F_FILTER, 0, 0, NULL, task_priorities, NULL, "low, normal or high"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, task_statuses, NULL,
     "open, in_progress, done or dropped; changed by the start, complete, drop and reopen "
     "actions"},
    {"rrule", FT_TEXT, F_NULLABLE, 1, 500, NULL, NULL, NULL,
     "RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO, repeated from due_at in the "
     "assistant's time zone"},
    {"handed_over_from_id", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the absent assistant it was handed over from, with the covers of their absence"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
};

const struct entity ent_task = {
    .name = "task",
    .path = "tasks",
    .title = "Task",
    .table = "task",
    .fields = task_fields,
    .nfields = NFIELDS(task_fields),
    .ops = OP_ALL,
    .check = task_check,
    .check_ctx = task_check_ctx,
    .may_change = task_may_change,
    .vis = {VIS_RELATED,
            {"principal_id", "assistant_id"},
            LINK_ASSIGNMENT | LINK_COVER,
            NULL,
            NULL,
            NULL,
            NULL},
    .owner = "assistant_id",
};

static const struct wf_action task_actions[] = {
    {"start", "Start an open task", false, 0, NULL, 0, NULL, NULL, NULL},
    {"complete", "Mark an open or started task done", false, 0, NULL, 0, NULL, NULL, NULL},
    {"drop", "Drop an open or started task (not needed any more)", false, 0, NULL, 0, NULL, NULL,
     NULL},
    {"reopen", "Reopen a done or dropped task", false, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition task_transitions[] = {
    {"open", "start", "in_progress"},    {"open", "complete", "done"},
    {"in_progress", "complete", "done"}, {"open", "drop", "dropped"},
    {"in_progress", "drop", "dropped"},  {"done", "reopen", "open"},
    {"dropped", "reopen", "open"},
};

const struct workflow wf_task = {
    .ent = &ent_task,
    .status = "status",
    .stamp = "status_at",
    .actions = task_actions,
    .nactions = NFIELDS(task_actions),
    .transitions = task_transitions,
    .ntransitions = NFIELDS(task_transitions),
};

/* ---- phone message ---- */

static const struct mail_template urgent_message = {
    "message.urgent",
    {"Urgent message from {caller}", "Kiire sõnum: {caller}"},
    {"Hello {name},\n\nwhile you were out, {taken_by} took an urgent message for you.\n\n"
     "Caller: {caller} {organisation}\nPhone: {phone}\nE-mail: {email}\nWhat to do: "
     "{action_en}\n\n{message}\n\nMark it done on your messages page in Haldus.\n\n— Haldus",
     "Tere, {name}!\n\nSinu äraolekul võttis {taken_by} sulle vastu kiire sõnumi.\n\n"
     "Helistaja: {caller} {organisation}\nTelefon: {phone}\nE-post: {email}\nMida teha: "
     "{action_et}\n\n{message}\n\nMärgi see Halduses oma sõnumite lehel tehtuks.\n\n— Haldus"},
};

static const char *action_text(const char *action, bool et)
{
    static const char *const names[][3] = {
        {"call_back", "please call back", "palun helista tagasi"},
        {"will_call_again", "will call again", "helistab uuesti"},
        {"returned_call", "returned your call", "helistas sulle tagasi"},
        {"no_action", "no action needed", "midagi pole vaja teha"},
    };
    for (size_t i = 0; action && i < NFIELDS(names); i++)
        if (strcmp(names[i][0], action) == 0)
            return names[i][et ? 2 : 1];
    return "";
}

static enum hl_err message_check(const json_t *rec, struct hl_error *err)
{
    const char *action = json_string_value(json_object_get(rec, "action"));
    const char *phone = json_string_value(json_object_get(rec, "phone"));
    if (action && strcmp(action, "call_back") == 0 && (!phone || !*phone) &&
        !json_is_string(json_object_get(rec, "email")))
        return hl_fail(err, HL_ERR_INVALID, "phone",
                       "to call back the executive needs the caller's phone or e-mail");
    return HL_OK;
}

/* Queues the e-mail of an urgent message to its executive, in their language. */
static enum hl_err message_mail(struct svc_ctx *ctx, const json_t *rec, struct hl_error *err)
{
    int64_t principal = json_integer_value(json_object_get(rec, "principal_id"));
    int64_t taker = json_integer_value(json_object_get(rec, "taken_by_id"));
    json_t *p = NULL, *t = NULL;
    enum hl_err e = store_entity_get(ctx->db, &ent_person, principal, &p, err);
    if (e == HL_OK)
        e = store_entity_get(ctx->db, &ent_person, taker, &t, err);
    if (e == HL_OK) {
        const char *action = json_string_value(json_object_get(rec, "action"));
        const char *org = json_string_value(json_object_get(rec, "organisation"));
        const char *email = json_string_value(json_object_get(rec, "email"));
        const char *phone = json_string_value(json_object_get(rec, "phone"));
        json_t *params = json_pack(
            "{ss ss ss ss ss ss ss ss ss}", "name", json_string_value(json_object_get(p, "name")),
            "taken_by", json_string_value(json_object_get(t, "name")), "caller",
            json_string_value(json_object_get(rec, "caller")), "organisation",
            org && *org ? org : "", "phone", phone && *phone ? phone : "-", "email",
            email ? email : "-", "action_en", action_text(action, false), "action_et",
            action_text(action, true), "message",
            json_string_value(json_object_get(rec, "message"))
                ? json_string_value(json_object_get(rec, "message"))
                : "");
        struct mail_to to = {principal, NULL, MAIL_EN};
        e = params ? mail_enqueue(ctx, &urgent_message, &to, params, NULL, NULL, err)
                   : hl_fail(err, HL_ERR_INTERNAL, NULL, "the message mail could not be written");
        json_decref(params);
    }
    json_decref(p);
    json_decref(t);
    return e;
}

/* A message is taken by an assistant who serves the executive, not in the future; an urgent
 * open one is e-mailed to the executive in the same transaction as its creation (this hook is
 * the last step before the row is written, so the mail commits or rolls back with it). */
static enum hl_err message_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                                     struct hl_error *err)
{
    int64_t at;
    const char *s = json_string_value(json_object_get(rec, "taken_at"));
    if (s && instant_parse(s, &at) && at > db_now(ctx->db) + 300)
        return hl_fail(err, HL_ERR_INVALID, "taken_at", "taken_at is in the future");
    enum hl_err e = must_serve(ctx, rec, "taken_by_id", err);
    if (e != HL_OK || before)
        return e;
    const char *urgency = json_string_value(json_object_get(rec, "urgency"));
    const char *status = json_string_value(json_object_get(rec, "status"));
    if (urgency && strcmp(urgency, "urgent") == 0 && (!status || strcmp(status, "open") == 0))
        e = message_mail(ctx, rec, err);
    return e;
}

static const struct field message_fields[] = {
    {"principal_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the executive the message is for"},
    {"taken_by_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant who took it"},
    {"caller", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "who called"},
    {"organisation", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "the caller's organisation"},
    {"phone", FT_TEXT, 0, 0, 50, NULL, NULL, NULL, "the number to call back"},
    {"email", FT_EMAIL, F_NULLABLE, 3, 254, NULL, NULL, NULL, "the caller's e-mail"},
    {"message", FT_TEXT, 0, 0, 4000, NULL, NULL, NULL, "what they said"},
    {"urgency", FT_ENUM, F_FILTER, 0, 0, NULL, message_urgencies, NULL,
     "normal or urgent (urgent ones are e-mailed to the executive)"},
    {"action", FT_ENUM, 0, 0, 0, NULL, message_actions, NULL,
     "call_back, will_call_again, returned_call or no_action"},
    {"taken_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when the call came (UTC)"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, message_statuses, NULL,
     "open, or done (POST /api/v1/phone-messages/{id}/done)"},
    {"done_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it was marked done"},
};

const struct entity ent_phone_message = {
    .name = "phone message",
    .path = "phone-messages",
    .title = "PhoneMessage",
    .table = "phone_message",
    .fields = message_fields,
    .nfields = NFIELDS(message_fields),
    .ops = OP_ALL,
    .window_start = "taken_at",
    .window_end = "taken_at",
    .check = message_check,
    .check_ctx = message_check_ctx,
    .vis =
        {VIS_RELATED, {"principal_id", NULL}, LINK_ASSIGNMENT | LINK_COVER, NULL, NULL, NULL, NULL},
    .owner = "taken_by_id",
};

/* ---- correspondence ---- */

static enum hl_err corr_check(const json_t *rec, struct hl_error *err)
{
    const char *d = json_string_value(json_object_get(rec, "date"));
    const char *due = json_string_value(json_object_get(rec, "reply_due"));
    if (d && due && strcmp(due, d) < 0)
        return hl_fail(err, HL_ERR_INVALID, "reply_due", "reply_due (%s) is before date (%s)", due,
                       d);
    return HL_OK;
}

static enum hl_err corr_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                                  struct hl_error *err)
{
    (void)before;
    return must_serve(ctx, rec, "handler_id", err);
}

static const struct field corr_fields[] = {
    {"principal_id", FT_REF, F_REQUIRED | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the executive it is for or from"},
    {"direction", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, corr_directions, NULL,
     "incoming or outgoing"},
    {"kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, corr_kinds, NULL,
     "letter, email, parcel or signature (a document for signature)"},
    {"counterpart", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL,
     "who it is from (incoming) or to (outgoing)"},
    {"subject", FT_TEXT, F_REQUIRED, 1, 300, NULL, NULL, NULL, "subject"},
    {"reference", FT_TEXT, 0, 0, 100, NULL, NULL, NULL, "reference number"},
    {"date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "received (incoming) or sent date"},
    {"reply_due", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when a reply is due; an open item past it is overdue"},
    {"handler_id", FT_REF, F_REQUIRED | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant who handles it"},
    {"note", FT_TEXT, 0, 0, 4000, NULL, NULL, NULL, "a note"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, corr_statuses, NULL,
     "open, answered or closed; changed by the answer, close and reopen actions"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
};

const struct entity ent_correspondence = {
    .name = "correspondence item",
    .path = "correspondence",
    .title = "Correspondence",
    .table = "correspondence",
    .fields = corr_fields,
    .nfields = NFIELDS(corr_fields),
    .ops = OP_ALL,
    .check = corr_check,
    .check_ctx = corr_check_ctx,
    .vis =
        {VIS_RELATED, {"principal_id", NULL}, LINK_ASSIGNMENT | LINK_COVER, NULL, NULL, NULL, NULL},
    .owner = "handler_id",
};

static const struct wf_action corr_actions[] = {
    {"answer", "Record that an open item was answered (replied to, signed, sent on)", false, 0,
     NULL, 0, NULL, NULL, NULL},
    {"close", "Close an open item that needs no reply", false, 0, NULL, 0, NULL, NULL, NULL},
    {"reopen", "Reopen an answered or closed item", false, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition corr_transitions[] = {
    {"open", "answer", "answered"},
    {"open", "close", "closed"},
    {"answered", "reopen", "open"},
    {"closed", "reopen", "open"},
};

const struct workflow wf_correspondence = {
    .ent = &ent_correspondence,
    .status = "status",
    .stamp = "status_at",
    .actions = corr_actions,
    .nactions = NFIELDS(corr_actions),
    .transitions = corr_transitions,
    .ntransitions = NFIELDS(corr_transitions),
};

/* ---- routes and the domain ---- */

static const struct field q_week[] = {
    {"from", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "first day (default: this week's Monday)"},
    {"to", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "last day (default: from + 6; at most 31 days)"},
    {"assistant_id", FT_INT, 0, 1, 9007199254740991.0, NULL, NULL, NULL, "only this assistant"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_day[] = {
    {"date", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "the day (default today, UTC)"},
    {"assistant_id", FT_INT, 0, 1, 9007199254740991.0, NULL, NULL, NULL,
     "whose day (default: yours; managers may ask for any assistant's)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_callers[] = {
    {"q", FT_TEXT, 0, 0, 100, NULL, NULL, NULL, "start of the caller's name or organisation"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_none[] = {
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route desk_routes[] = {
    {"GET", "/api/v1/week-plan", api_desk_week_plan, NULL, 0, NEED_MANAGER, 0,
     "The week plan: per assistant and local day, working minutes (hours minus leave, holidays "
     "and training) against planned task minutes; over-booked days marked",
     q_week, "week plan", NULL, NULL},
    {"POST", "/api/v1/week-plan/preview", api_desk_move_preview, NULL, 0, NEED_MANAGER, 0,
     "What moving a task ({task_id, assistant_id?, due_at?}) does to both assistants' plans, "
     "without saving; save with PATCH /api/v1/tasks/{id}",
     q_none, "move preview", NULL, NULL},
    {"GET", "/api/v1/my-day", api_desk_my_day, NULL, 0, NEED_ANY, 0,
     "An assistant's day: tasks, waiting phone messages and correspondence due, for their "
     "executives and the ones they cover that day; a manager without assistant_id gets the "
     "pool's correspondence due or overdue",
     q_day, "my day", NULL, NULL},
    {"POST", "/api/v1/phone-messages/{id}/done", api_desk_message_done, &ent_phone_message, 0,
     NEED_ANY, 0,
     "Mark a phone message done (its executive, an assistant serving them, or a manager); "
     "If-Match optional",
     q_none, "the phone message", NULL, NULL},
    {"GET", "/api/v1/phone-callers", api_desk_callers, NULL, 0, NEED_ANY, 0,
     "Recent callers (name, organisation, phone, e-mail) of the messages you may see, newest "
     "first, for suggest-as-you-type",
     q_callers, "callers", NULL, NULL},
    {"POST", "/api/v1/tasks/{id}/occurrence", api_desk_occurrence, &ent_task, 0, NEED_ANY, 0,
     "The status of one occurrence of a recurring task ({due_at, status}): done for this Monday "
     "without closing the series; the week plan and my day show it",
     q_none, "the occurrence", NULL, NULL},
    {"GET", "/api/v1/absences/{id}/handover", api_desk_handover, NULL, 0, NEED_MANAGER, 0,
     "The absent assistant's open tasks due in the absence, each proposed to the covering "
     "assistant of the same executive; accepting the covers hands them over",
     q_none, "handover", NULL, NULL},
};

static const struct entity *const desk_entities[] = {&ent_task, &ent_phone_message,
                                                     &ent_correspondence, NULL};
static const struct workflow *const desk_workflows[] = {&wf_task, &wf_correspondence, NULL};

const struct domain domain_desk = {
    .name = "desk",
    .entities = desk_entities,
    .workflows = desk_workflows,
    .routes = desk_routes,
    .nroutes = NFIELDS(desk_routes),
    .demo = desk_demo,
    .tick = desk_tick,
};
