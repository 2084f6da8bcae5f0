/* model_mediation.c: the case entity (visibility `parties`, confidential), its workflow as a
 * table (reported → in review → mediation → agreed actions → monitoring → closed), the domain's
 * own routes and the mediation domain. */
#include "mediation.h"
#include "api_mediation.h"
#include "demo_mediation.h"
#include "svc_mediation.h"
#include "route.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

const char *const case_categories[] = {
    "workload",    "communication", "conduct", "conflicting_instructions",
    "personality", "other",         NULL};
const char *const case_severities[] = {"low", "medium", "high", NULL};
const char *const case_statuses[] = {"reported",   "in_review", "mediation", "agreed_actions",
                                     "monitoring", "closed",    NULL};
const char *const case_outcomes[] = {"resolved", "reassigned", "escalated", "withdrawn", NULL};
const char *const entry_kinds[] = {"statement", "note", "meeting_note", "action_note", NULL};
const char *const entry_visibilities[] = {"manager", "author", "parties", NULL};

extern const struct entity ent_person;

static const struct field case_fields[] = {
    {"category", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, case_categories, NULL,
     "what the case is about"},
    {"severity", FT_ENUM, F_FILTER, 0, 0, NULL, case_severities, NULL, "low, medium or high"},
    {"summary", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL,
     "the manager's neutral description (parties who may view the case read it)"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, case_statuses, NULL,
     "where the case is in its workflow"},
    {"outcome", FT_ENUM, F_READONLY | F_NULLABLE, 0, 0, NULL, case_outcomes, NULL,
     "how a closed case ended"},
    {"outcome_note", FT_TEXT, F_READONLY, 0, 2000, NULL, NULL, NULL, "the manager's closing note"},
    {"raised_by", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the party who raised it (null: a manager opened it)"},
    {"review_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the manager reviews the case in monitoring"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
    {"purged", FT_BOOL, F_READONLY, 0, 0, NULL, NULL, NULL,
     "retention removed its entries, sessions and actions: a stub remains"},
};

/* No generic routes (ops 0): every read of a case is audited and answered with its timeline
 * by svc_mediation.c; the workflow's action routes are generated from wf_case. */
const struct entity ent_case = {
    .name = "case",
    .path = "cases",
    .title = "Case",
    .table = "mediation_case",
    .fields = case_fields,
    .nfields = NFIELDS(case_fields),
    .ops = 0,
    .vis = {.policy = VIS_PARTIES,
            .party_table = "case_party",
            .party_key = "case_id",
            .party_person = "person_id",
            .party_allowed = "may_view",
            .confidential = true},
    /* The party who raised a case may withdraw it (the one action not for managers only). */
    .owner = "raised_by",
};

static const struct wf_field monitor_fields[] = {
    {{"review_date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when to review the case"},
     "review_date"},
};

static const char *const close_outcomes[] = {"resolved", "reassigned", "escalated", "withdrawn",
                                             NULL};
static const struct wf_field close_fields[] = {
    {{"outcome", FT_ENUM, F_REQUIRED, 0, 0, NULL, close_outcomes, NULL,
      "resolved, reassigned, escalated (to HR) or withdrawn"},
     "outcome"},
    {{"note", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL, "the closing note"}, "outcome_note"},
};

static const struct wf_field withdraw_fields[] = {
    {{"note", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL, "why it is withdrawn"}, "outcome_note"},
};

static const struct wf_action case_actions[] = {
    {"review", "Take a reported case into review", true, 0, NULL, 0, NULL, NULL, NULL},
    {"mediate", "Start (or resume) mediation", true, 0, NULL, 0, NULL, NULL, NULL},
    {"agree", "Record that the parties agreed on actions", true, 0, NULL, 0, NULL, NULL, NULL},
    {"monitor", "Monitor the agreed actions until {review_date}", true, 0, monitor_fields,
     NFIELDS(monitor_fields), NULL, NULL, NULL},
    {"close", "Close a case with its {outcome}", true, 0, close_fields, NFIELDS(close_fields), NULL,
     NULL, NULL},
    {"withdraw", "Withdraw a case (the party who raised it, or a manager)", false, 0,
     withdraw_fields, NFIELDS(withdraw_fields), NULL, NULL, NULL},
};

static const struct wf_transition case_transitions[] = {
    {"reported", "review", "in_review"},
    {"in_review", "mediate", "mediation"},
    {"monitoring", "mediate", "mediation"},
    {"mediation", "agree", "agreed_actions"},
    {"agreed_actions", "monitor", "monitoring"},
    {"reported", "close", "closed"},
    {"in_review", "close", "closed"},
    {"mediation", "close", "closed"},
    {"agreed_actions", "close", "closed"},
    {"monitoring", "close", "closed"},
    {"reported", "withdraw", "closed"},
    {"in_review", "withdraw", "closed"},
};

const struct workflow wf_case = {
    .ent = &ent_case,
    .status = "status",
    .stamp = "status_at",
    .actions = case_actions,
    .nactions = NFIELDS(case_actions),
    .transitions = case_transitions,
    .ntransitions = NFIELDS(case_transitions),
};

static const struct field q_cases[] = {
    {"status", FT_ENUM, 0, 0, 0, NULL, case_statuses, NULL, "only cases in this status"},
    QUERY_PAGING,
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

/* Every route reads and writes through svc_mediation.c, which answers a case that is not the
 * caller's to see exactly as one that does not exist (404). */
static const struct route mediation_routes[] = {
    {"GET", "/api/v1/cases", api_case_list, NULL, 0, NEED_ANY, 0,
     "List the cases you may see (managers: all; parties: their own)", q_cases, "page", NULL, NULL},
    {"POST", "/api/v1/cases", api_case_create, NULL, 0, NEED_ANY, ROUTE_CREATES,
     "Open a case (managers: {category, severity, summary, parties}; an assistant or "
     "executive: {about, category, severity, statement})",
     NULL, "the case", NULL, NULL},
    {"GET", "/api/v1/cases/{id}", api_case_get, &ent_case, 0, NEED_ANY, 0,
     "A case with its parties, and the entries, sessions and actions you may see (audited)", NULL,
     "the case", NULL, NULL},
    {"PATCH", "/api/v1/cases/{id}", api_case_update, &ent_case, 0, NEED_MANAGER, 0,
     "Change a case's category, severity, summary or review date (If-Match)", NULL, "the case",
     NULL, NULL},
    {"POST", "/api/v1/cases/{id}/entries", api_case_entry_add, &ent_case, 0, NEED_ANY,
     ROUTE_CREATES, "Add an entry {kind, visibility, body}; parties add their own statements", NULL,
     "the entry", NULL, NULL},
    {"POST", "/api/v1/cases/{id}/parties", api_case_party_set, &ent_case, 0, NEED_MANAGER, 0,
     "Add a party or change whether they may view the case {person_id, may_view}", NULL, "the case",
     NULL, NULL},
    {"POST", "/api/v1/cases/{id}/sessions", api_case_session_add, &ent_case, 0, NEED_MANAGER,
     ROUTE_CREATES,
     "Plan a session {start_at, end_at, attendees, location}, titled \"" CASE_SESSION_TITLE "\"",
     NULL, "the session", NULL, NULL},
    {"POST", "/api/v1/cases/{id}/actions", api_case_action_add, &ent_case, 0, NEED_MANAGER,
     ROUTE_CREATES, "Record an agreed action {description, owner_id, due_date}", NULL, "the action",
     NULL, NULL},
    {"PATCH", "/api/v1/case-actions/{id}", api_case_action_update, NULL, 0, NEED_MANAGER, 0,
     "Mark an agreed action done or not {done}", NULL, "the action", NULL, NULL},
    {"POST", "/api/v1/cases/purge", api_case_purge, NULL, 0, NEED_MANAGER, 0,
     "Apply the retention setting now: closed cases past it keep only a stub", NULL, "purged count",
     NULL, NULL},
    {"GET", "/api/v1/settings/mediation", api_mediation_settings, NULL, 0, NEED_MANAGER, 0,
     "The mediation settings (retention_days)", NULL, "settings", NULL, NULL},
    {"PATCH", "/api/v1/settings/mediation", api_mediation_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the mediation settings {retention_days}", NULL, "settings", NULL, NULL},
};

/* The planner reads who is party to an open case (its conflict lists): a case opened, closed
 * or given another party makes plans computed before it stale. */
static const struct stamp_table mediation_stamps[] = {
    {"mediation_case", STAMP_UPDATE | STAMP_DELETE, "status", NULL},
    {"case_party", STAMP_ALL, "case_id, person_id", NULL},
    {NULL, 0, NULL, NULL},
};

static const struct entity *const mediation_entities[] = {&ent_case, NULL};
static const struct workflow *const mediation_workflows[] = {&wf_case, NULL};

const struct domain domain_mediation = {
    .name = "mediation",
    .entities = mediation_entities,
    .workflows = mediation_workflows,
    .routes = mediation_routes,
    .nroutes = NFIELDS(mediation_routes),
    .stamp_tables = mediation_stamps,
    .demo = demo_mediation,
    .tick = tick_mediation,
};
