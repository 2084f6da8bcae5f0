/* model_training.c: the training domain's records — course, course skill, session, meeting,
 * arrangement, enrolment (with its workflow), attendance, certificate — their rules, routes and
 * the domain itself. */
#include "training.h"

#include "desk.h"
#include "people.h"
#include "route.h"
#include "timeutil.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const course_formats[] = {"class", "course", "workshop", "online", NULL};
static const char *const session_statuses[] = {"planned", "cancelled", NULL};
static const char *const arrangement_kinds[] = {"room",      "travel", "accommodation",
                                                "materials", "other",  NULL};
static const char *const enrolment_statuses[] = {"requested", "enrolled",  "confirmed", "completed",
                                                 "rejected",  "cancelled", NULL};

/* ---- course ---- */

static const struct field course_fields[] = {
    {"name", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "the course's name (unique)"},
    {"provider", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "who gives it"},
    {"format", FT_ENUM, F_FILTER, 0, 0, NULL, course_formats, NULL,
     "class, course, workshop or online"},
    {"duration_hours", FT_REAL, 0, 0.25, 2000, NULL, NULL, NULL, "how long it takes, in hours"},
    {"cost", FT_REAL, 0, 0, 1e7, NULL, NULL, NULL, "the list price per participant"},
    {"language", FT_TEXT, F_FILTER, 1, 20, NULL, NULL, NULL,
     "the language it is taught in (et, en …)"},
    {"link", FT_TEXT, 0, 0, 500, NULL, NULL, NULL, "the provider's page"},
    {"notes", FT_TEXT, 0, 0, 4000, NULL, NULL, NULL, "the manager's research notes"},
    {"active", FT_BOOL, F_FILTER, 0, 1, NULL, NULL, NULL, "false for a course no longer offered"},
};

const struct entity ent_course = {
    .name = "course",
    .path = "training-courses",
    .title = "Course",
    .table = "course",
    .fields = course_fields,
    .nfields = NFIELDS(course_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static const struct field course_skill_fields[] = {
    {"course_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_course,
     "the course"},
    {"skill_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_skill,
     "a skill it teaches"},
    {"level", FT_INT, F_REQUIRED, 1, 5, NULL, NULL, NULL, "the level (1–5) it brings one to"},
};

const struct entity ent_course_skill = {
    .name = "course skill",
    .path = "course-skills",
    .title = "CourseSkill",
    .table = "course_skill",
    .fields = course_skill_fields,
    .nfields = NFIELDS(course_skill_fields),
    .ops = OP_ALL,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

/* ---- session and its meetings ---- */

static const struct field session_fields[] = {
    {"name", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL,
     "the session's name, unique (\"Finnish B2, spring 2027\")"},
    {"course_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_course,
     "the course given"},
    {"place", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "where (address, room)"},
    {"link", FT_TEXT, 0, 0, 500, NULL, NULL, NULL, "the video or course link"},
    {"instructor", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "who teaches"},
    {"capacity", FT_INT, F_REQUIRED, 1, 1000, NULL, NULL, NULL, "seats for our assistants"},
    {"cost", FT_REAL, 0, 0, 1e7, NULL, NULL, NULL, "the cost of one seat"},
    {"time_zone", FT_TZ, 0, 0, 0, NULL, NULL, NULL,
     "the zone its meetings' recurrences are expanded in (default Europe/Tallinn)"},
    {"notes", FT_TEXT, 0, 0, 4000, NULL, NULL, NULL, "anything else"},
    {"status", FT_ENUM, F_FILTER, 0, 0, NULL, session_statuses, NULL, "planned or cancelled"},
    {"starts_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "the first meeting's start (from its meetings)"},
    {"ends_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "the last meeting's end (a recurring meeting by its first occurrence)"},
};

/* Cancelling a session cancels its enrolments, their absences and invitations; raising its
 * capacity seats the waitlist, first come first. Both in the change's own transaction, so a
 * refusal changes nothing. */
static enum hl_err session_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                                     struct hl_error *err)
{
    if (!before)
        return HL_OK;
    int64_t id = json_integer_value(json_object_get(before, "id"));
    const char *was = json_string_value(json_object_get(before, "status"));
    const char *now = json_string_value(json_object_get(rec, "status"));
    if (was && now && strcmp(was, "planned") == 0 && strcmp(now, "cancelled") == 0)
        return training_session_cancel(ctx, id, err);
    int64_t cap = json_integer_value(json_object_get(rec, "capacity"));
    if (cap <= json_integer_value(json_object_get(before, "capacity")))
        return HL_OK;
    return training_seat_waitlist(ctx, id, cap, err);
}

const struct entity ent_training_session = {
    .name = "training session",
    .path = "training-sessions",
    .title = "TrainingSession",
    .table = "training_session",
    .fields = session_fields,
    .nfields = NFIELDS(session_fields),
    .ops = OP_ALL,
    .window_start = "starts_at",
    .window_end = "ends_at",
    .check_ctx = session_check_ctx,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static enum hl_err meeting_check(const json_t *rec, struct hl_error *err)
{
    int64_t s = 0, e = 0;
    instant_parse(json_string_value(json_object_get(rec, "start_at")), &s);
    instant_parse(json_string_value(json_object_get(rec, "end_at")), &e);
    if (e <= s)
        return hl_fail(err, HL_ERR_INVALID, "end_at", "a meeting ends after it starts");
    if (e - s > 86400)
        return hl_fail(err, HL_ERR_INVALID, "end_at",
                       "a meeting lasts at most a day; give a course of several days as several "
                       "meetings or a recurrence");
    const char *rrule = json_string_value(json_object_get(rec, "rrule"));
    return rrule ? desk_rrule_check(rrule, "rrule", err) : HL_OK;
}

static const struct field meeting_fields[] = {
    {"session_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_training_session, "the session"},
    {"start_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when it starts (UTC)"},
    {"end_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when it ends (UTC)"},
    {"rrule", FT_TEXT, F_NULLABLE, 1, 500, NULL, NULL, NULL,
     "RFC 5545 recurrence rule with a COUNT or UNTIL, e.g. FREQ=WEEKLY;COUNT=4, repeated in the "
     "session's zone"},
};

const struct entity ent_training_meeting = {
    .name = "training meeting",
    .path = "training-meetings",
    .title = "TrainingMeeting",
    .table = "training_meeting",
    .fields = meeting_fields,
    .nfields = NFIELDS(meeting_fields),
    .ops = OP_ALL,
    .check = meeting_check,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static const struct field arrangement_fields[] = {
    {"session_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_training_session, "the session"},
    {"kind", FT_ENUM, F_FILTER, 0, 0, NULL, arrangement_kinds, NULL,
     "room, travel, accommodation, materials or other"},
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "what to arrange"},
    {"person_id", FT_REF, F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person, "who does it"},
    {"due_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "by when"},
    {"done", FT_BOOL, F_FILTER, 0, 1, NULL, NULL, NULL, "true once arranged"},
};

const struct entity ent_training_arrangement = {
    .name = "training arrangement",
    .path = "training-arrangements",
    .title = "TrainingArrangement",
    .table = "training_arrangement",
    .fields = arrangement_fields,
    .nfields = NFIELDS(arrangement_fields),
    .ops = OP_ALL,
    .vis = {VIS_SELF, {"person_id", NULL}, 0, NULL, NULL, NULL, NULL},
};

/* ---- enrolment ---- */

static const struct field enrolment_fields[] = {
    {"session_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_training_session,
     "the session"},
    {"assistant_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "who attends"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, enrolment_statuses, NULL,
     "requested, enrolled, confirmed, completed, rejected or cancelled; changed by the approve, "
     "reject, confirm, cancel, complete and reopen actions"},
    {"waitlisted", FT_BOOL, F_READONLY | F_FILTER, 0, 1, NULL, NULL, NULL,
     "true while an enrolled assistant waits for a seat (first come, first seated)"},
    {"queued_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the enrolment took a seat or joined the waitlist (the waitlist's order)"},
    {"cost", FT_REAL, F_READONLY, 0, 1e7, NULL, NULL, NULL, "the seat's cost (the session's)"},
    {"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "why (the request's note)"},
    {"decision_note", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL, "the manager's note"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
    {"enrolled_by", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the manager who gave the seat (enrolled or approved); told when it is cancelled"},
};

const struct entity ent_enrolment = {
    .name = "enrolment",
    .path = "training-enrolments",
    .title = "Enrolment",
    .table = "enrolment",
    .fields = enrolment_fields,
    .nfields = NFIELDS(enrolment_fields),
    .ops = OP_LIST | OP_GET | OP_UPDATE,
    .vis = {VIS_SELF, {"assistant_id", NULL}, 0, NULL, NULL, NULL, NULL},
    .owner = "assistant_id",
};

static const struct wf_field decision_fields[] = {
    {{"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "why (stored as decision_note)"},
     "decision_note"},
};

static const struct wf_action enrolment_actions[] = {
    {"approve",
     "Approve a requested seat: it takes a free seat, or the end of the waitlist when the session "
     "is full",
     true, 0, decision_fields, 1, NULL, NULL, NULL},
    {"reject", "Reject a requested seat", true, 0, decision_fields, 1, NULL, NULL, NULL},
    {"confirm",
     "Confirm a seated enrolment: its training absences are approved (and planned), the "
     "invitations (.ics) queued",
     true, ROUTE_SLOW, decision_fields, 1, training_after_confirm, "EnrolmentConfirmed",
     training_confirmed_schema},
    {"cancel",
     "Cancel an enrolment (your own, or any as a manager): its absences are cancelled through "
     "the absence workflow (the covers planned for them released), each invitation sent is "
     "withdrawn by an iTIP CANCEL to the assistant and the manager who gave the seat, and the "
     "first of the waitlist takes the seat",
     false, 0, decision_fields, 1, NULL, NULL, NULL},
    {"complete",
     "Mark a confirmed enrolment completed: the assistant's skills rise to the levels the course "
     "reaches (audited)",
     true, 0, decision_fields, 1, NULL, NULL, NULL},
    {"reopen",
     "Undo a completion: the skills it raised go back to what they were, its certificates go", true,
     0, decision_fields, 1, NULL, NULL, NULL},
};

static const struct wf_transition enrolment_transitions[] = {
    {"requested", "approve", "enrolled"},   {"requested", "reject", "rejected"},
    {"enrolled", "confirm", "confirmed"},   {"requested", "cancel", "cancelled"},
    {"enrolled", "cancel", "cancelled"},    {"confirmed", "cancel", "cancelled"},
    {"confirmed", "complete", "completed"}, {"completed", "reopen", "confirmed"},
};

const struct workflow wf_enrolment = {
    .ent = &ent_enrolment,
    .status = "status",
    .stamp = "status_at",
    .actions = enrolment_actions,
    .nactions = NFIELDS(enrolment_actions),
    .transitions = enrolment_transitions,
    .ntransitions = NFIELDS(enrolment_transitions),
    .before = training_before_action,
};

/* ---- attendance and certificates ---- */

static const struct field attendance_fields[] = {
    {"enrolment_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_enrolment,
     "the enrolment"},
    {"assistant_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "who attended (the enrolment's)"},
    {"meeting_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_training_meeting,
     "the meeting"},
    {"start_at", FT_INSTANT, F_READONLY, 0, 0, NULL, NULL, NULL,
     "the occurrence's start (a recurring meeting has several)"},
    {"present", FT_BOOL, 0, 0, 1, NULL, NULL, NULL, "true when they were there"},
};

const struct entity ent_training_attendance = {
    .name = "training attendance",
    .path = "training-attendance",
    .title = "TrainingAttendance",
    .table = "training_attendance",
    .fields = attendance_fields,
    .nfields = NFIELDS(attendance_fields),
    .ops = OP_LIST | OP_GET | OP_UPDATE | OP_DELETE,
    .vis = {VIS_SELF, {"assistant_id", NULL}, 0, NULL, NULL, NULL, NULL},
};

static enum hl_err certificate_check(const json_t *rec, struct hl_error *err)
{
    const char *issued = json_string_value(json_object_get(rec, "issued_on"));
    const char *expires = json_string_value(json_object_get(rec, "expires_on"));
    if (issued && expires && strcmp(expires, issued) <= 0)
        return hl_fail(err, HL_ERR_INVALID, "expires_on", "a certificate expires after its issue");
    if (json_integer_value(json_object_get(rec, "level_without")) >=
        json_integer_value(json_object_get(rec, "level")))
        return hl_fail(err, HL_ERR_INVALID, "level_without",
                       "level_without (the level without the certificate) is below level");
    return HL_OK;
}

static const struct field certificate_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "whose it is"},
    {"skill_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_skill,
     "the skill it proves"},
    {"level", FT_INT, F_REQUIRED, 1, 5, NULL, NULL, NULL, "the level it proves"},
    {"level_without", FT_INT, 0, 0, 4, NULL, NULL, NULL,
     "the level that counts once it has expired (0: none)"},
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "its name"},
    {"enrolment_id", FT_REF, F_READONLY | F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_enrolment,
     "the completed enrolment that earned it (set by POST /training/enrolments/{id}/certificates)"},
    {"issued_on", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "the day it was issued"},
    {"expires_on", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "the day it stops counting (null: never)"},
};

const struct entity ent_certificate = {
    .name = "certificate",
    .path = "certificates",
    .title = "Certificate",
    .table = "certificate",
    .fields = certificate_fields,
    .nfields = NFIELDS(certificate_fields),
    .ops = OP_ALL,
    .check = certificate_check,
    .vis = {VIS_SELF, {"assistant_id", NULL}, 0, NULL, NULL, NULL, NULL},
};

/* ---- routes ---- */

static const struct field q_courses[] = {
    {"skill_id", FT_INT, 0, 1, 9e15, NULL, NULL, NULL, "the skill (default: every skill)"},
    {"min_level", FT_INT, 0, 1, 5, NULL, NULL, NULL, "the least level the course must reach"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_needs[] = {
    {"assistant_id", FT_INT, 0, 1, 9e15, NULL, NULL, NULL, "one assistant (default: all)"},
    {"soon_days", FT_INT, 0, 0, 365, NULL, NULL, NULL,
     "certificates expiring within this many days count (default 60)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_budget[] = {
    {"year", FT_INT, 0, 2000, 2100, NULL, NULL, NULL, "the year (default this one)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_mine[] = {
    {"assistant_id", FT_INT, 0, 1, 9e15, NULL, NULL, NULL,
     "the assistant (managers; default the signed-in person)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route training_routes[] = {
    {"POST", "/api/v1/training/sessions/{id}/enrol", api_training_enrol, NULL, 0, NEED_ANY,
     ROUTE_CREATES,
     "Enrol an assistant {assistant_id, note}: a manager takes a seat (or the end of the waitlist "
     "when full) in one transaction; an assistant requests a seat for themself",
     NULL, "enrolment", NULL, NULL},
    {"GET", "/api/v1/training/sessions/{id}/view", api_training_session, NULL, 0, NEED_ANY, 0,
     "A session with its course, meetings (occurrences), seats taken, enrolments and waitlist in "
     "order (enrolments: managers, and one's own), and arrangements (managers)",
     NULL, "session view", NULL, NULL},
    {"POST", "/api/v1/training/enrolments/{id}/impact", api_training_impact, NULL, 0, NEED_MANAGER,
     0,
     "What confirming the enrolment would do to coverage: each training absence it would make "
     "with the absence impact view, as a what-if that saves nothing",
     NULL, "training impact", NULL, NULL},
    {"POST", "/api/v1/training/enrolments/{id}/attendance", api_training_attend, NULL, 0,
     NEED_MANAGER, 0,
     "Record attendance {meeting_id, start_at, present} of an enrolment at one meeting "
     "occurrence",
     NULL, "training attendance", NULL, NULL},
    {"POST", "/api/v1/training/enrolments/{id}/certificates", api_training_certify, NULL, 0,
     NEED_MANAGER, ROUTE_CREATES,
     "Record the certificates {title, issued_on, expires_on} of a completed enrolment, one per "
     "skill the course teaches",
     NULL, "certificates", NULL, NULL},
    {"GET", "/api/v1/training/course-search", api_training_courses, NULL, 0, NEED_ANY, 0,
     "Search the catalog by skill: the active courses teaching it to at least a level, cheapest "
     "first (one row per course and skill taught)",
     q_courses, "courses", NULL, NULL},
    {"GET", "/api/v1/training/needs", api_training_needs, NULL, 0, NEED_MANAGER, 0,
     "Training needs: per assistant the skills their executives' duties require above their "
     "level (must-have first) and certificates expiring soon; the pool's skills ranked by the "
     "coverage at stake; each with the courses that teach it",
     q_needs, "training needs", NULL, NULL},
    {"GET", "/api/v1/training/budget", api_training_budget, NULL, 0, NEED_MANAGER, 0,
     "The year's training cost per assistant against the yearly budget", q_budget,
     "training budget", NULL, NULL},
    {"GET", "/api/v1/training/settings", api_training_settings, NULL, 0, NEED_MANAGER, 0,
     "The training settings (the yearly budget per assistant)", NULL, "training settings", NULL,
     NULL},
    {"PATCH", "/api/v1/training/settings", api_training_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the training settings (If-Match)", NULL, "training settings", NULL, NULL},
    {"GET", "/api/v1/training/late-arrangements", api_training_late, NULL, 0, NEED_MANAGER, 0,
     "Arrangements not done whose due date has passed (for Today)", NULL, "arrangements", NULL,
     NULL},
    {"GET", "/api/v1/training/mine", api_training_mine, NULL, 0, NEED_ANY, 0,
     "An assistant's training: enrolments with their sessions, certificates and the year's cost",
     q_mine, "my training", NULL, NULL},
    {"POST", "/api/v1/training/expiry-notices", api_training_notify, NULL, 0, NEED_MANAGER, 0,
     "Queue the certificate expiry notices due now (60 and 14 days ahead, to the assistant and "
     "the managers; each told once); for a daily job",
     NULL, "queued count", NULL, NULL},
};

static const struct entity *const training_entities[] = {&ent_course,
                                                         &ent_course_skill,
                                                         &ent_training_session,
                                                         &ent_training_meeting,
                                                         &ent_training_arrangement,
                                                         &ent_enrolment,
                                                         &ent_training_attendance,
                                                         &ent_certificate,
                                                         NULL};
static const struct workflow *const training_workflows[] = {&wf_enrolment, NULL};
/* The planner reads the levels certificates prove (assistant_skill_effective). */
static const struct stamp_table training_stamps[] = {
    {"certificate", STAMP_ALL, NULL, NULL},
    {NULL, 0, NULL, NULL},
};

const struct domain domain_training = {
    .name = "training",
    .entities = training_entities,
    .workflows = training_workflows,
    .routes = training_routes,
    .nroutes = NFIELDS(training_routes),
    .stamp_tables = training_stamps,
    .demo = training_demo,
    .feed = training_feed,
    .tick = tick_training,
};
