/* coverage_domain.c: the coverage domain's routes and the tables of it the planner reads. */
#include "coverage_domain.h"
#include "api.h"
#include "people.h"

static const struct field q_board[] = {
    {"from", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "first day (default today)"},
    {"to", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "last day (default four weeks on)"},
    {"office", FT_TEXT, 0, 1, 100, NULL, NULL, NULL, "only principals of this office"},
    {"department", FT_TEXT, 0, 1, 100, NULL, NULL, NULL, "only principals of this department"},
    QUERY_PAGING,
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_covers[] = {
    {"assistant_id", FT_REF, 0, 0, 0, NULL, NULL, &ent_assistant,
     "whose covers (an assistant gets their own)"},
    {"from", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "first day (default today)"},
    {"to", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "last day (default four weeks on)"},
    QUERY_PAGING,
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_candidates[] = {
    {"limit", FT_INT, 0, 1, 500, NULL, NULL, NULL, "at most this many of each list (default 50)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route coverage_routes[] = {
    {"GET", "/api/v1/coverage", api_coverage_board, NULL, 0, NEED_ANY, 0,
     "The coverage board: principals × days, covered, by backup or gap, with covers and gaps",
     q_board, "board", NULL, NULL},
    {"POST", "/api/v1/coverage/plans", api_coverage_plan, NULL, 0, NEED_MANAGER,
     ROUTE_SLOW | ROUTE_CREATES,
     "Plan the gaps of {from, to} with engine fast or exact; 201 with the proposed covers", NULL,
     "plan", NULL, NULL},
    {"POST", "/api/v1/coverage/plans/{id}/accept", api_coverage_accept, NULL, 0, NEED_MANAGER, 0,
     "Accept the plan's covers (all, or {cover_ids}); 409 when the data changed since", NULL,
     "accepted", NULL, NULL},
    {"GET", "/api/v1/coverage/covers", api_coverage_covers, NULL, 0, NEED_ANY, 0,
     "Covers (proposed and accepted) in a range, of one assistant; an assistant gets their own",
     q_covers, "page", NULL, NULL},
    {"PATCH", "/api/v1/coverage/covers/{id}", api_coverage_replace, NULL, 0, NEED_MANAGER, 0,
     "Replace a cover's assistant {assistant_id}; 422 names a broken hard rule", NULL, "cover",
     NULL, NULL},
    {"GET", "/api/v1/settings/planner", api_planner_settings, NULL, 0, NEED_MANAGER, 0,
     "The planner's slot length and cost weights", NULL, "settings", NULL, NULL},
    {"PATCH", "/api/v1/settings/planner", api_planner_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the slot length or weights (If-Match: the settings' version)", NULL, "settings", NULL,
     NULL},
    {"GET", "/api/v1/coverage/covers/{id}/candidates", api_cover_candidates, NULL, 0, NEED_MANAGER,
     0,
     "Pick another assistant: who is free and qualified for the cover's slots, ranked by the "
     "planner's cost, with each one's load that week; the unavailable apart with the reason",
     q_candidates, "candidates", NULL, NULL},
    {"GET", "/api/v1/absences/{id}/impact", api_absence_impact, NULL, 0, NEED_ANY, 0,
     "What approving would do: the covers the planner would propose and the gaps it would "
     "leave, nothing saved (managers, and a stand-in approver for the requests they decide)",
     NULL, "impact", NULL, NULL},
};

/* Accepted covers are part of every later plan's input, and so are the planner's settings. */
static const struct stamp_table coverage_stamps[] = {
    {"coverage_cover", STAMP_UPDATE, "status, assistant_id",
     "NEW.status = 'accepted' OR OLD.status = 'accepted'"},
    {"coverage_cover", STAMP_DELETE, NULL, "OLD.status = 'accepted'"},
    {"setting", STAMP_INSERT | STAMP_UPDATE, NULL, NULL},
    {NULL, 0, NULL, NULL},
};

const struct domain domain_coverage = {
    .name = "coverage",
    .routes = coverage_routes,
    .nroutes = sizeof coverage_routes / sizeof coverage_routes[0],
    .stamp_tables = coverage_stamps,
    .feed = coverage_feed,
};
