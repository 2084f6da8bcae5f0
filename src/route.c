/* route.c: the route table (every URL in one place, each with who may call it) and the
 * matcher. */
#include "route.h"
#include "api.h"
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const q_date[] = {"date", NULL};
static const char *const q_audit[] = {"entity", "entity_id", "account_id", "limit", "cursor", NULL};
static const char *const q_page[] = {"limit", "cursor", NULL};
static const char *const q_board[] = {"from",  "to",     "office", "department",
                                      "limit", "cursor", NULL};
static const char *const q_covers[] = {"assistant_id", "from", "to", "limit", "cursor", NULL};

/* The five routes of a table-driven entity: anyone signed in reads (row-level rules apply),
 * W says who writes. */
#define ENTITY_ROUTES(P, E, NAME, W)                                                                 \
    {"GET", "/api/v1/" P, api_entity_list, E, OP_LIST, NEED_ANY, 0, "List " NAME, NULL, NULL},       \
        {"POST", "/api/v1/" P, api_entity_create, E, OP_CREATE, W, 0, "Create a " NAME, NULL, NULL}, \
        {"GET", "/api/v1/" P "/{id}", api_entity_get, E,   OP_GET, NEED_ANY,                         \
         0,     "Get a " NAME,        NULL,           NULL},                                         \
        {"PATCH",                                                                                    \
         "/api/v1/" P "/{id}",                                                                       \
         api_entity_update,                                                                          \
         E,                                                                                          \
         OP_UPDATE,                                                                                  \
         W,                                                                                          \
         0,                                                                                          \
         "Update a " NAME,                                                                           \
         NULL,                                                                                       \
         NULL},                                                                                      \
    {                                                                                                \
        "DELETE", "/api/v1/" P "/{id}", api_entity_delete, E, OP_DELETE, W, 0, "Delete a " NAME,     \
            NULL, NULL                                                                               \
    }

const struct route routes[] = {
    {"GET", "/healthz", api_healthz, NULL, 0, NEED_PUBLIC, 0,
     "Liveness: 200 while the server answers", NULL, "status"},
    {"GET", "/metrics", api_metrics, NULL, 0, NEED_MANAGER, 0,
     "Counters in the Prometheus text format", NULL, "text"},
    {"GET", "/api/v1/openapi.json", api_openapi, NULL, 0, NEED_ANY, 0,
     "This API described in OpenAPI 3.1", NULL, "object"},
    {"POST", "/api/v1/session", api_login, NULL, 0, NEED_PUBLIC, ROUTE_SLOW | ROUTE_CREATES,
     "Sign in with {login, password}: sets the session cookie, returns the CSRF token", NULL,
     "session"},
    {"DELETE", "/api/v1/session", api_logout, NULL, 0, NEED_ANY, 0, "Sign out", NULL, NULL},
    {"GET", "/api/v1/me", api_me, NULL, 0, NEED_ANY, 0,
     "The signed-in account (and the session's CSRF token)", NULL, "account"},
    {"POST", "/api/v1/me/password", api_password_change, NULL, 0, NEED_ANY, ROUTE_SLOW,
     "Change your password with {current_password, new_password}", NULL, NULL},
    {"GET", "/api/v1/sessions", api_sessions_list, NULL, 0, NEED_ANY, 0, "Your sessions", NULL,
     "page"},
    {"DELETE", "/api/v1/sessions/{id}", api_session_delete, NULL, 0, NEED_ANY, 0,
     "End one of your sessions", NULL, NULL},
    {"GET", "/api/v1/tokens", api_tokens_list, NULL, 0, NEED_ANY, 0, "Your API tokens", NULL,
     "page"},
    {"POST", "/api/v1/tokens", api_token_create, NULL, 0, NEED_ANY, ROUTE_CREATES,
     "Create an API token {name}; the token is shown once", NULL, "token"},
    {"DELETE", "/api/v1/tokens/{id}", api_token_delete, NULL, 0, NEED_ANY, 0,
     "Revoke one of your API tokens", NULL, NULL},
    {"GET", "/api/v1/users", api_users_list, NULL, 0, NEED_ADMIN, 0, "List accounts", q_page,
     "page"},
    {"POST", "/api/v1/users", api_user_create, NULL, 0, NEED_ADMIN, ROUTE_SLOW | ROUTE_CREATES,
     "Create an account {login, role, person_id, password}", NULL, "account"},
    {"GET", "/api/v1/users/{id}", api_user_get, NULL, 0, NEED_ADMIN, 0, "Get an account", NULL,
     "account"},
    {"PATCH", "/api/v1/users/{id}", api_user_update, NULL, 0, NEED_ADMIN, ROUTE_SLOW,
     "Change an account's role, person_id, disabled or password", NULL, "account"},
    {"GET", "/api/v1/audit", api_audit_list, NULL, 0, NEED_MANAGER, 0,
     "The audit log, newest first", q_audit, "page"},
    {"GET", "/api/v1/people", api_entity_list, &ent_person, OP_LIST, NEED_ANY, 0,
     "List people (assistants and principals)", NULL, NULL},
    {"GET", "/api/v1/people/{id}", api_entity_get, &ent_person, OP_GET, NEED_ANY, 0, "Get a person",
     NULL, NULL},
    ENTITY_ROUTES("assistants", &ent_assistant, "assistant", NEED_MANAGER),
    {"GET", "/api/v1/assistants/{id}/principals", api_principals_of, NULL, 0, NEED_ANY, 0,
     "The principals an assistant supports on a date (default today)", q_date, "support"},
    ENTITY_ROUTES("principals", &ent_principal, "principal", NEED_MANAGER),
    {"GET", "/api/v1/principals/{id}/supporters", api_supporters, NULL, 0, NEED_ANY, 0,
     "Who supports a principal on a date (default today), and their designated backups", q_date,
     "support"},
    ENTITY_ROUTES("skills", &ent_skill, "skill", NEED_MANAGER),
    ENTITY_ROUTES("duties", &ent_duty, "duty", NEED_MANAGER),
    ENTITY_ROUTES("duty-skills", &ent_duty_skill, "skill a duty requires", NEED_MANAGER),
    ENTITY_ROUTES("assistant-skills", &ent_assistant_skill, "skill of an assistant", NEED_MANAGER),
    ENTITY_ROUTES("principal-duties", &ent_principal_duty, "duty of a principal", NEED_MANAGER),
    ENTITY_ROUTES("designated-backups", &ent_backup, "designated backup", NEED_MANAGER),
    ENTITY_ROUTES("work-patterns", &ent_work_pattern, "weekly working-hours interval",
                  NEED_MANAGER),
    ENTITY_ROUTES("assignments", &ent_assignment, "assignment", NEED_MANAGER),
    ENTITY_ROUTES("absences", &ent_absence, "absence", NEED_ANY),
    {"GET", "/api/v1/coverage", api_coverage_board, NULL, 0, NEED_ANY, 0,
     "The coverage board: principals × days, covered, by backup or gap, with covers and gaps",
     q_board, "board"},
    {"POST", "/api/v1/coverage/plans", api_coverage_plan, NULL, 0, NEED_MANAGER,
     ROUTE_SLOW | ROUTE_CREATES,
     "Plan the gaps of {from, to} with engine fast or exact; 201 with the proposed covers", NULL,
     "plan"},
    {"POST", "/api/v1/coverage/plans/{id}/accept", api_coverage_accept, NULL, 0, NEED_MANAGER, 0,
     "Accept the plan's covers (all, or {cover_ids}); 409 when the data changed since", NULL,
     "accepted"},
    {"GET", "/api/v1/coverage/covers", api_coverage_covers, NULL, 0, NEED_ANY, 0,
     "Covers (proposed and accepted) in a range, of one assistant; an assistant gets their own",
     q_covers, "page"},
    {"PATCH", "/api/v1/coverage/covers/{id}", api_coverage_replace, NULL, 0, NEED_MANAGER, 0,
     "Replace a cover's assistant {assistant_id}; 422 names a broken hard rule", NULL, "cover"},
    {"GET", "/api/v1/settings/planner", api_planner_settings, NULL, 0, NEED_MANAGER, 0,
     "The planner's slot length and cost weights", NULL, "settings"},
    {"PATCH", "/api/v1/settings/planner", api_planner_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the slot length or weights (If-Match: the settings' version)", NULL, "settings"},
    {"GET", "/api/v1/absences/{id}/impact", api_absence_impact, NULL, 0, NEED_MANAGER, 0,
     "What approving would do: the covers the planner would propose and the gaps it would "
     "leave, nothing saved",
     NULL, "impact"},
    {"POST", "/api/v1/absences/{id}/approve", api_absence_approve, &ent_absence, 0, NEED_MANAGER,
     ROUTE_SLOW, "Approve a requested absence; the answer carries the plan of its days", NULL,
     "absence"},
    {"POST", "/api/v1/absences/{id}/reject", api_absence_reject, &ent_absence, 0, NEED_MANAGER, 0,
     "Reject a requested absence", NULL, "absence"},
    {"POST", "/api/v1/absences/{id}/cancel", api_absence_cancel, &ent_absence, 0, NEED_ANY, 0,
     "Cancel a requested or approved absence (your own, or any as a manager)", NULL, "absence"},
};
const size_t routes_count = sizeof routes / sizeof routes[0];

const char *need_name(enum need n)
{
    switch (n) {
    case NEED_PUBLIC:
        return "public";
    case NEED_ANY:
        return "signed-in";
    case NEED_MANAGER:
        return "manager";
    default:
        return "admin";
    }
}

/* Matches path against pattern; fills ids. */
static bool pattern_match(const char *pattern, const char *path, int64_t ids[2])
{
    int nid = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (strncmp(p, "{id}", 4) == 0) {
            if (*s < '1' || *s > '9')
                return false;
            char *end;
            errno = 0;
            long long v = strtoll(s, &end, 10);
            if (errno || (*end && *end != '/') || nid == 2)
                return false;
            ids[nid++] = v;
            s = end;
            p += 4;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

const struct route *route_match(const char *method, const char *path, int64_t ids[2], char *allow,
                                size_t allow_size)
{
    allow[0] = '\0';
    for (size_t i = 0; i < routes_count; i++) {
        int64_t tmp[2] = {0, 0};
        if (!pattern_match(routes[i].pattern, path, tmp))
            continue;
        if (strcmp(routes[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
            ids[0] = tmp[0];
            ids[1] = tmp[1];
            return &routes[i];
        }
        size_t len = strlen(allow);
        snprintf(allow + len, allow_size - len, "%s%s", len ? ", " : "", routes[i].method);
    }
    return NULL;
}
