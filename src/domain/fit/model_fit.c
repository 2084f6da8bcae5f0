/* model_fit.c: the role-fit domain's entities (role profile, working style, experience per duty),
 * its routes and the domain (docs/api.md, "Role fit"). */
#include "fit.h"
#include "people.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* The working-style pairs, each -2..+2; null: not stated (fit_score.h). */
#define STYLE_FIELDS(who)                                                                          \
    {"pace", FT_INT, F_NULLABLE,                                                                   \
     -2,     2,      NULL,                                                                         \
     NULL,   NULL,   "pace " who ": -2 calm, planned .. +2 fast, reactive; null: not stated"},     \
        {"formality", FT_INT, F_NULLABLE,                                                          \
         -2,          2,      NULL,                                                                \
         NULL,        NULL,   "formality " who ": -2 informal .. +2 formal"},                      \
        {"autonomy", FT_INT, F_NULLABLE,                                                           \
         -2,         2,      NULL,                                                                 \
         NULL,       NULL,   "autonomy " who ": -2 guided closely .. +2 independent"},             \
    {                                                                                              \
        "channel", FT_INT, F_NULLABLE, -2, 2, NULL, NULL, NULL,                                    \
            "channel " who ": -2 quick calls .. +2 written briefs"                                 \
    }

static const struct field role_profile_fields[] = {
    {"principal_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the executive (one profile each)"},
    {"workload_hours", FT_REAL, 0, 0, 80, NULL, NULL, NULL,
     "expected assistant workload, hours a week (0: not stated)"},
    STYLE_FIELDS("the executive and manager agreed on"),
    {"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "what else the role needs, in words"},
};

/* The executive's role profile: the executive and a manager agree it (either may edit). The
 * duties, must/nice skills, languages and hours come from the existing records. */
const struct entity ent_role_profile = {
    .name = "role profile",
    .path = "role-profiles",
    .title = "RoleProfile",
    .table = "fit_role_profile",
    .fields = role_profile_fields,
    .nfields = NFIELDS(role_profile_fields),
    .ops = OP_ALL,
    .vis = {VIS_SELF, {"principal_id", NULL}, 0, NULL, NULL, NULL, NULL},
    .owner = "principal_id",
};

static enum hl_err work_style_check(const json_t *rec, struct hl_error *err)
{
    const json_t *s = json_object_get(rec, "preferred_start");
    const json_t *e = json_object_get(rec, "preferred_end");
    bool hs = s && json_is_string(s), he = e && json_is_string(e);
    if (hs != he)
        return hl_fail(err, HL_ERR_INVALID, hs ? "preferred_end" : "preferred_start",
                       "preferred hours need both a start and an end");
    if (hs && strcmp(json_string_value(e), json_string_value(s)) <= 0)
        return hl_fail(err, HL_ERR_INVALID, "preferred_end",
                       "preferred_end must be after preferred_start");
    return HL_OK;
}

static const struct field work_style_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant (one each)"},
    STYLE_FIELDS("the assistant prefers"),
    {"preferred_start", FT_HHMM, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "preferred start on working days, HH:MM in their time zone; null: their work pattern"},
    {"preferred_end", FT_HHMM, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "preferred end on working days, HH:MM"},
};

/* What the assistant states about how they like to work: preferences, not a personality test. */
const struct entity ent_work_style = {
    .name = "work style",
    .path = "work-styles",
    .title = "WorkStyle",
    .table = "fit_work_style",
    .fields = work_style_fields,
    .nfields = NFIELDS(work_style_fields),
    .ops = OP_ALL,
    .check = work_style_check,
    .vis = {VIS_SELF, {"assistant_id", NULL}, 0, NULL, NULL, NULL, NULL},
    .owner = "assistant_id",
};

static const struct field duty_experience_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant"},
    {"duty_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_duty,
     "the duty"},
    {"years", FT_REAL, F_REQUIRED, 0, 60, NULL, NULL, NULL, "years doing that duty"},
};

const struct entity ent_duty_experience = {
    .name = "duty experience",
    .path = "duty-experience",
    .title = "DutyExperience",
    .table = "fit_duty_experience",
    .fields = duty_experience_fields,
    .nfields = NFIELDS(duty_experience_fields),
    .ops = OP_ALL,
    .vis = {VIS_SELF, {"assistant_id", NULL}, 0, NULL, NULL, NULL, NULL},
    .owner = "assistant_id",
};

static const struct field q_fit[] = {
    {"principal_id", FT_REF, 0, 0, 0, NULL, NULL, &ent_principal,
     "the executive (default: yourself, for an executive)"},
    {"allow_training", FT_INT, 0, 0, 1, NULL, NULL, NULL,
     "1: missing must-have skills do not exclude; the gap is named as training"},
    {"exclude", FT_REF, 0, 0, 0, NULL, NULL, &ent_assistant,
     "an assistant left out of the ranking (e.g. after a mediation case)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_covers[] = {
    {"principal_id", FT_REF, 0, 0, 0, NULL, NULL, &ent_principal,
     "the executive (default: yourself, for an executive)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_matching[] = {
    {"department", FT_TEXT, 0, 1, 100, NULL, NULL, NULL, "the department (default: all)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route fit_routes[] = {
    {"GET", "/api/v1/fit", api_fit, NULL, 0, NEED_ANY, 0,
     "The best assistants for an executive, ranked: score 0-100 with its terms, places and hours "
     "free; the history term and the excluded pairs for managers only; suggested backups. "
     "Managers, and the executive for themselves",
     q_fit, "fit", NULL, NULL},
    {"POST", "/api/v1/fit/assign", api_fit_assign, NULL, 0, NEED_MANAGER, ROUTE_CREATES,
     "Make an assignment from a fit row {principal_id, assistant_id, kind, start_date, share, "
     "allow_training}: the normal assignment path, source matcher; a new primary ends today's",
     NULL, "fit assignment", NULL, NULL},
    {"POST", "/api/v1/fit/backups", api_fit_backup, NULL, 0, NEED_MANAGER, ROUTE_CREATES,
     "Designate a suggested backup {principal_id, assistant_id}: added last to the executive's "
     "designated backups through the normal path (If-Match: the list's version, "
     "backups_version of the best fits); 409 when already designated, the primary, or the pair "
     "may not cover",
     NULL, "designated backup", NULL, NULL},
    {"GET", "/api/v1/fit/covers", api_fit_covers, NULL, 0, NEED_ANY, 0,
     "An executive's accepted covers that ended in the last 90 days with how they went: "
     "managers see both ratings and the outcome the fit's history term counts; the executive "
     "their own rating",
     q_covers, "covers", NULL, NULL},
    {"POST", "/api/v1/coverage/covers/{id}/rating", api_fit_rate, NULL, 0, NEED_ANY, 0,
     "Rate a past accepted cover {outcome: well | badly, note}: managers, and the executive "
     "who was covered; changing one's rating needs If-Match with its version",
     NULL, "rating", NULL, NULL},
    {"GET", "/api/v1/matching/proposals", api_matching_proposals, NULL, 0, NEED_MANAGER, 0,
     "The pool-wide what-if: the assignment that maximises total fit, as changes against today "
     "with the fit gained, before and after totals, and its basis for accepting",
     q_matching, "proposals", NULL, NULL},
    {"POST", "/api/v1/matching/proposals/accept", api_matching_accept, NULL, 0, NEED_MANAGER, 0,
     "Accept a what-if whole or by change {department, basis, changes: [{principal_id, to_id}]}"
     " in one transaction; 412 when the assignments changed since it was computed",
     NULL, "accepted", NULL, NULL},
    {"GET", "/api/v1/settings/fit", api_fit_settings, NULL, 0, NEED_MANAGER, 0,
     "The fit score's weights", NULL, "settings", NULL, NULL},
    {"PATCH", "/api/v1/settings/fit", api_fit_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the fit score's weights (If-Match: the settings' version)", NULL, "settings", NULL,
     NULL},
};

static const struct entity *const fit_entities[] = {&ent_role_profile, &ent_work_style,
                                                    &ent_duty_experience, NULL};

const struct domain domain_fit = {
    .name = "fit",
    .entities = fit_entities,
    .routes = fit_routes,
    .nroutes = NFIELDS(fit_routes),
    .demo = fit_demo,
};
