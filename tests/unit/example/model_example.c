/* model_example.c: the ticket entity, its workflow and the example domain (tests only). */
#include "example.h"

static const char *const ticket_statuses[] = {"open", "resolved", "reopened", NULL};

static const struct field ticket_fields[] = {
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "what it is about"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, ticket_statuses, NULL, "where it is"},
    {"resolution", FT_TEXT, F_READONLY, 0, 500, NULL, NULL, NULL, "how it was resolved"},
    {"closed_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL, "last change"},
};

const struct entity ent_ticket = {
    .name = "ticket",
    .path = "tickets",
    .title = "Ticket",
    .table = "ticket",
    .fields = ticket_fields,
    .nfields = sizeof ticket_fields / sizeof ticket_fields[0],
    .ops = OP_LIST | OP_GET | OP_CREATE,
    .vis = {.policy = VIS_PARTIES,
            .party_table = "ticket_party",
            .party_key = "ticket_id",
            .party_person = "person_id",
            .party_allowed = "may_view"},
};

static const struct wf_field resolve_fields[] = {
    {{"resolution", FT_TEXT, F_REQUIRED, 1, 500, NULL, NULL, NULL, "how it was resolved"},
     "resolution"},
};

static const struct wf_action ticket_actions[] = {
    {"resolve", "Resolve a ticket {resolution}", true, 0, resolve_fields, 1, NULL, NULL, NULL},
    {"reopen", "Reopen a resolved ticket", true, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition ticket_transitions[] = {
    {"open", "resolve", "resolved"},
    {"reopened", "resolve", "resolved"},
    {"resolved", "reopen", "reopened"},
};

const struct workflow wf_ticket = {
    .ent = &ent_ticket,
    .status = "status",
    .stamp = "closed_at",
    .actions = ticket_actions,
    .nactions = sizeof ticket_actions / sizeof ticket_actions[0],
    .transitions = ticket_transitions,
    .ntransitions = sizeof ticket_transitions / sizeof ticket_transitions[0],
};

static const struct entity *const example_entities[] = {&ent_ticket, NULL};
static const struct workflow *const example_workflows[] = {&wf_ticket, NULL};

const struct domain domain_example = {
    .name = "example",
    .entities = example_entities,
    .workflows = example_workflows,
};
