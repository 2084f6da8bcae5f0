/* model_people.c: the support model — people, assistants, principals, skills, duties, their links,
 * working hours and assignments — as entities, and the people domain. */
#include "people.h"
#include "api.h"
#include "api_workbench.h"
#include "store_leave.h"
#include "timeutil.h"

#include <string.h>

const char *const assignment_kinds[] = {"primary", "secondary", "backup", NULL};
static const char *const assignment_sources[] = {"manual", "planner", "matcher", NULL};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* The fields every person has, kept in the person table. */
#define PERSON_FIELDS                                                                              \
    {"name", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "full name"},                          \
        {"email", FT_EMAIL, F_REQUIRED, 0, 254, NULL, NULL, NULL, "e-mail address (unique)"},      \
        {"phone", FT_TEXT, F_NULLABLE, 0, 40, NULL, NULL, NULL, "phone number"},                   \
        {"time_zone", FT_TZ, F_REQUIRED | F_FILTER,                                                \
         0,           64,    NULL,                                                                 \
         NULL,        NULL,  "IANA time zone of the person's working hours"},                      \
        {"office", FT_TEXT, F_REQUIRED | F_FILTER, 1, 100, NULL, NULL, NULL, "office (location)"}, \
        {"languages", FT_STRLIST, 0, 0, 20, NULL, NULL, NULL, "languages spoken"},                 \
    {                                                                                              \
        "active", FT_BOOL, F_FILTER, 0, 1, NULL, NULL, NULL, "false for people who have left"      \
    }

static const struct field person_fields[] = {PERSON_FIELDS};

const struct entity ent_person = {
    .name = "person",
    .path = "people",
    .title = "Person",
    .table = "person",
    .fields = person_fields,
    .nfields = NFIELDS(person_fields),
    .ops = OP_LIST | OP_GET,
    .has_name_prefix = true,
    .search = "person_search",
    /* A stand-in approver also reads the people whose requests they decide (store_leave.c). */
    .vis = {.policy = VIS_RELATED,
            .person = {"id", NULL},
            .links = LINK_ALL,
            .standin = store_leave_standin_person_sql},
};

static const struct field assistant_fields[] = {
    PERSON_FIELDS,
    {"contracted_hours", FT_REAL, F_EXT, 0, 80, NULL, NULL, NULL, "contracted hours per week"},
    {"capacity", FT_INT, F_EXT, 1, 10, NULL, NULL, NULL,
     "how many principals the assistant can support at once"},
    {"experience_years", FT_INT, F_EXT, 0, 60, NULL, NULL, NULL, "years of experience"},
    {"hire_date", FT_DATE, F_EXT | F_NULLABLE, 0, 0, NULL, NULL, NULL, "date of hire"},
    {"traits", FT_STRLIST, F_EXT, 0, 20, NULL, NULL, NULL, "work-style traits"},
};

const struct entity ent_assistant = {
    .name = "assistant",
    .path = "assistants",
    .title = "Assistant",
    .table = "person",
    .ext = "assistant",
    .fields = assistant_fields,
    .nfields = NFIELDS(assistant_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .search = "person_search",
    .vis = {VIS_RELATED, {"id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field principal_fields[] = {
    PERSON_FIELDS,
    {"title", FT_TEXT, F_EXT, 0, 200, NULL, NULL, NULL, "job title"},
    {"department", FT_TEXT, F_EXT | F_REQUIRED | F_FILTER, 1, 100, NULL, NULL, NULL, "department"},
    {"priority", FT_INT, F_EXT | F_FILTER, 1, 5, NULL, NULL, NULL,
     "1 (low) to 5 (high): how much an uncovered hour costs"},
    {"preferred_traits", FT_STRLIST, F_EXT, 0, 20, NULL, NULL, NULL,
     "work-style traits the principal prefers in an assistant"},
};

const struct entity ent_principal = {
    .name = "principal",
    .path = "principals",
    .title = "Principal",
    .table = "person",
    .ext = "principal",
    .fields = principal_fields,
    .nfields = NFIELDS(principal_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .search = "person_search",
    .vis = {VIS_RELATED, {"id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field skill_fields[] = {
    {"name", FT_TEXT, F_REQUIRED, 1, 100, NULL, NULL, NULL, "skill name (unique)"},
    {"category", FT_TEXT, F_FILTER, 1, 40, NULL, NULL, NULL, "grouping such as language or office"},
};

const struct entity ent_skill = {
    .name = "skill",
    .path = "skills",
    .title = "Skill",
    .table = "skill",
    .fields = skill_fields,
    .nfields = NFIELDS(skill_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .vis = {.policy = VIS_CATALOG},
};

static const struct field duty_fields[] = {
    {"name", FT_TEXT, F_REQUIRED, 1, 100, NULL, NULL, NULL, "duty name (unique)"},
    {"description", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "what the duty involves"},
};

const struct entity ent_duty = {
    .name = "duty",
    .path = "duties",
    .title = "Duty",
    .table = "duty",
    .fields = duty_fields,
    .nfields = NFIELDS(duty_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .vis = {.policy = VIS_CATALOG},
};

static const struct field duty_skill_fields[] = {
    {"duty_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_duty,
     "the duty"},
    {"skill_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_skill,
     "a skill the duty requires"},
    {"min_level", FT_INT, F_REQUIRED, 1, 5, NULL, NULL, NULL, "minimum level, 1–5"},
};

const struct entity ent_duty_skill = {
    .name = "duty skill",
    .path = "duty-skills",
    .title = "DutySkill",
    .table = "duty_skill",
    .fields = duty_skill_fields,
    .nfields = NFIELDS(duty_skill_fields),
    .ops = OP_ALL,
    .vis = {.policy = VIS_CATALOG},
};

static const struct field assistant_skill_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant"},
    {"skill_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_skill,
     "the skill"},
    {"level", FT_INT, F_REQUIRED, 1, 5, NULL, NULL, NULL, "level, 1–5"},
};

const struct entity ent_assistant_skill = {
    .name = "assistant skill",
    .path = "assistant-skills",
    .title = "AssistantSkill",
    .table = "assistant_skill",
    .fields = assistant_skill_fields,
    .nfields = NFIELDS(assistant_skill_fields),
    .ops = OP_ALL,
    .vis = {VIS_RELATED, {"assistant_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field principal_duty_fields[] = {
    {"principal_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the principal"},
    {"duty_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_duty,
     "a duty their assistant performs"},
    {"must_have", FT_BOOL, 0, 0, 1, NULL, NULL, NULL,
     "true: a backup must meet every required skill; false: nice to have"},
};

const struct entity ent_principal_duty = {
    .name = "principal duty",
    .path = "principal-duties",
    .title = "PrincipalDuty",
    .table = "principal_duty",
    .fields = principal_duty_fields,
    .nfields = NFIELDS(principal_duty_fields),
    .ops = OP_ALL,
    .vis = {VIS_RELATED, {"principal_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field backup_fields[] = {
    {"principal_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the principal"},
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the designated backup"},
    {"rank", FT_INT, F_REQUIRED, 1, 20, NULL, NULL, NULL, "1 is the first choice"},
};

const struct entity ent_backup = {
    .name = "designated backup",
    .path = "designated-backups",
    .title = "DesignatedBackup",
    .table = "designated_backup",
    .fields = backup_fields,
    .nfields = NFIELDS(backup_fields),
    .ops = OP_ALL,
    .vis = {VIS_RELATED, {"principal_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static enum hl_err check_date_order(const json_t *rec, const char *from, const char *to,
                                    struct hl_error *err)
{
    const char *a = json_string_value(json_object_get(rec, from));
    const char *b = json_string_value(json_object_get(rec, to));
    if (a && b && strcmp(b, a) < 0)
        return hl_fail(err, HL_ERR_INVALID, to, "%s must not be before %s", to, from);
    return HL_OK;
}

static enum hl_err work_pattern_check(const json_t *rec, struct hl_error *err)
{
    int start, end;
    const char *s = json_string_value(json_object_get(rec, "start_time"));
    const char *e = json_string_value(json_object_get(rec, "end_time"));
    if (s && e && hhmm_parse(s, &start) && hhmm_parse(e, &end)) {
        if (start >= 1440)
            return hl_fail(err, HL_ERR_INVALID, "start_time", "start_time must be before 24:00");
        if (end <= start)
            return hl_fail(err, HL_ERR_INVALID, "end_time", "end_time must be after start_time");
    }
    return check_date_order(rec, "valid_from", "valid_to", err);
}

static const struct field work_pattern_fields[] = {
    {"person_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "whose hours these are (an assistant's working time or a principal's need for support)"},
    {"weekday", FT_INT, F_REQUIRED | F_FILTER, 1, 7, NULL, NULL, NULL,
     "ISO weekday: 1 Monday … 7 Sunday"},
    {"start_time", FT_HHMM, F_REQUIRED, 0, 0, "start_minute", NULL, NULL,
     "local start, HH:MM in the person's time zone"},
    {"end_time", FT_HHMM, F_REQUIRED, 0, 0, "end_minute", NULL, NULL,
     "local end, HH:MM (24:00 allowed)"},
    {"valid_from", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "first day it applies"},
    {"valid_to", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "last day it applies"},
};

const struct entity ent_work_pattern = {
    .name = "work pattern",
    .path = "work-patterns",
    .title = "WorkPattern",
    .table = "work_pattern",
    .fields = work_pattern_fields,
    .nfields = NFIELDS(work_pattern_fields),
    .ops = OP_ALL,
    .check = work_pattern_check,
    .vis = {VIS_RELATED, {"person_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static enum hl_err assignment_check(const json_t *rec, struct hl_error *err)
{
    return check_date_order(rec, "start_date", "end_date", err);
}

static const struct field assignment_fields[] = {
    {"assistant_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_assistant,
     "the assistant"},
    {"principal_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the principal they support"},
    {"kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, assignment_kinds, NULL,
     "primary, secondary or backup"},
    {"share", FT_INT, 0, 1, 100, NULL, NULL, NULL, "percent of the assistant's time"},
    {"start_date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "first day"},
    {"end_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "last day; null: open-ended"},
    {"source", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, assignment_sources, NULL,
     "who made it: manual, planner or matcher"},
};

const struct entity ent_assignment = {
    .name = "assignment",
    .path = "assignments",
    .title = "Assignment",
    .table = "assignment",
    .fields = assignment_fields,
    .nfields = NFIELDS(assignment_fields),
    .ops = OP_ALL,
    .check = assignment_check,
    .vis = {VIS_RELATED, {"principal_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field q_date[] = {
    {"date", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "the day asked about (default today)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_window[] = {
    {"from", FT_DATE, 0, 0, 0, NULL, NULL, NULL, "first day (default today)"},
    {"to", FT_DATE, 0, 0, 0, NULL, NULL, NULL,
     "last day (default eight weeks on; at most 92 days)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route people_routes[] = {
    {"GET", "/api/v1/assistants/{id}/principals", api_principals_of, NULL, 0, NEED_ANY, 0,
     "The principals an assistant supports on a date (default today)", q_date, "support", NULL,
     NULL},
    {"GET", "/api/v1/principals/{id}/supporters", api_supporters, NULL, 0, NEED_ANY, 0,
     "Who supports a principal on a date (default today), and their designated backups", q_date,
     "support", NULL, NULL},
    {"GET", "/api/v1/support/flags", api_support_flags, NULL, 0, NEED_MANAGER, 0,
     "Executives without a primary assistant on some day of the window, and assistants over "
     "capacity or contracted hours, each with the first such day",
     q_window, "flags", NULL, NULL},
    {"POST", "/api/v1/support/preview", api_support_preview, NULL, 0, NEED_MANAGER, 0,
     "The coverage effect of a change {change: {entity, action, id, version, values}} or of "
     "{changes: […]} made in order, in {from, to}, computed and rolled back: nothing is saved",
     NULL, "preview", NULL, NULL},
    {"GET", "/api/v1/people/{id}/work-week", api_week_get, NULL, 0, NEED_ANY, 0,
     "A person's working-hour rows, with the list's version (ETag)", NULL, "week", NULL, NULL},
    {"PATCH", "/api/v1/people/{id}/work-week", api_week_set, NULL, 0, NEED_MANAGER, 0,
     "New weekly hours from a date on {valid_from, intervals} at once: what was in force then "
     "ends the day before (If-Match: the list's version)",
     NULL, "week", NULL, NULL},
    {"GET", "/api/v1/principals/{id}/designated-backups", api_backups_get, NULL, 0, NEED_ANY, 0,
     "A principal's designated backups in rank order, with the list's version (ETag)", NULL,
     "backups", NULL, NULL},
    {"PATCH", "/api/v1/principals/{id}/designated-backups", api_backups_set, NULL, 0, NEED_MANAGER,
     0,
     "Replace the designated backups {assistant_ids} in rank order at once (If-Match: the "
     "list's version)",
     NULL, "backups", NULL, NULL},
};

static const struct entity *const people_entities[] = {
    &ent_person, &ent_assistant,    &ent_principal,       &ent_skill,
    &ent_duty,   &ent_duty_skill,   &ent_assistant_skill, &ent_principal_duty,
    &ent_backup, &ent_work_pattern, &ent_assignment,      NULL,
};

/* Everything here is read by the coverage planner. */
static const struct stamp_table people_stamps[] = {
    {"person", STAMP_ALL, NULL, NULL},
    {"assistant", STAMP_ALL, NULL, NULL},
    {"principal", STAMP_ALL, NULL, NULL},
    {"skill", STAMP_ALL, NULL, NULL},
    {"duty_skill", STAMP_ALL, NULL, NULL},
    {"assistant_skill", STAMP_ALL, NULL, NULL},
    {"principal_duty", STAMP_ALL, NULL, NULL},
    {"designated_backup", STAMP_ALL, NULL, NULL},
    {"work_pattern", STAMP_ALL, NULL, NULL},
    {"assignment", STAMP_ALL, NULL, NULL},
    {NULL, 0, NULL, NULL},
};

const struct domain domain_people = {
    .name = "people",
    .entities = people_entities,
    .routes = people_routes,
    .nroutes = sizeof people_routes / sizeof people_routes[0],
    .stamp_tables = people_stamps,
};
