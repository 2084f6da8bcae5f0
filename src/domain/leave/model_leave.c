/* model_leave.c: the leave domain's entities (office leave policies, personal entitlements and
 * carry-over, stand-in approvers), its balance route, and the domain. */
#include "absence.h"
#include "leave.h"
#include "people.h"
#include "timeutil.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const accruals[] = {"monthly", "yearly", NULL};

static const struct field leave_policy_fields[] = {
    {"office", FT_TEXT, F_REQUIRED | F_IMMUTABLE | F_FILTER, 1, 100, NULL, NULL, NULL,
     "the office, as people's office field names it"},
    {"kind", FT_ENUM, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, absence_kinds, NULL,
     "the leave kind the entitlement is of"},
    {"days", FT_REAL, F_REQUIRED, 0, 366, NULL, NULL, NULL,
     "calendar days a year (holidays not counted); Estonia: 28 of annual leave"},
    {"accrual", FT_ENUM, 0, 0, 0, NULL, accruals, NULL,
     "yearly (all on 1 January; the default) or monthly (a twelfth as each month begins)"},
};

const struct entity ent_leave_policy = {
    .name = "leave policy",
    .path = "leave-policies",
    .title = "LeavePolicy",
    .table = "leave_policy",
    .fields = leave_policy_fields,
    .nfields = NFIELDS(leave_policy_fields),
    .ops = OP_ALL,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static enum hl_err entitlement_check(const json_t *rec, struct hl_error *err)
{
    const json_t *exp = json_object_get(rec, "carry_over_expires");
    double carry = json_number_value(json_object_get(rec, "carry_over_days"));
    int64_t year = json_integer_value(json_object_get(rec, "year")), day;
    if (exp && json_is_string(exp) && date_parse(json_string_value(exp), &day)) {
        int y, m, d;
        civil_from_days(day, &y, &m, &d);
        if (y != year)
            return hl_fail(err, HL_ERR_INVALID, "carry_over_expires",
                           "the carry-over must expire within the year it is carried into (%lld)",
                           (long long)year);
    } else if (carry > 0 && (!exp || json_is_null(exp))) {
        return hl_fail(err, HL_ERR_INVALID, "carry_over_expires",
                       "days carried over need the date they expire");
    }
    return HL_OK;
}

static const struct field leave_entitlement_fields[] = {
    {"person_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "whose leave"},
    {"kind", FT_ENUM, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, absence_kinds, NULL,
     "the leave kind"},
    {"year", FT_INT, F_REQUIRED | F_IMMUTABLE | F_FILTER, 2000, 2100, NULL, NULL, NULL,
     "the calendar year"},
    {"days", FT_REAL, F_NULLABLE, 0, 366, NULL, NULL, NULL,
     "this person's entitlement that year; null: the office's policy"},
    {"carry_over_days", FT_REAL, 0, 0, 366, NULL, NULL, NULL,
     "days carried over from the year before"},
    {"carry_over_expires", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "the last day the carried-over days may be used"},
};

const struct entity ent_leave_entitlement = {
    .name = "leave entitlement",
    .path = "leave-entitlements",
    .title = "LeaveEntitlement",
    .table = "leave_entitlement",
    .fields = leave_entitlement_fields,
    .nfields = NFIELDS(leave_entitlement_fields),
    .ops = OP_ALL,
    .check = entitlement_check,
    /* The person, and the executives they support now (who plan around their leave). */
    .vis = {VIS_RELATED, {"person_id", NULL}, LINK_ASSIGNMENT, NULL, NULL, NULL, NULL},
};

static enum hl_err standin_check(const json_t *rec, struct hl_error *err)
{
    const char *f = json_string_value(json_object_get(rec, "from_date"));
    const char *t = json_string_value(json_object_get(rec, "to_date"));
    if (f && t && strcmp(t, f) < 0)
        return hl_fail(err, HL_ERR_INVALID, "to_date", "to_date must not be before from_date");
    if (json_integer_value(json_object_get(rec, "manager_id")) ==
        json_integer_value(json_object_get(rec, "standin_id")))
        return hl_fail(err, HL_ERR_INVALID, "standin_id",
                       "a manager cannot stand in for themselves");
    return HL_OK;
}

static const struct field approval_standin_fields[] = {
    {"manager_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the manager who is away"},
    {"standin_id", FT_REF, F_REQUIRED | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "who decides leave in their place (another manager, or an assistant lead)"},
    {"from_date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "first day"},
    {"to_date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL, "last day"},
    {"note", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "e.g. \"on holiday, back 12 Jan\""},
};

const struct entity ent_approval_standin = {
    .name = "approval stand-in",
    .path = "approval-standins",
    .title = "ApprovalStandin",
    .table = "approval_standin",
    .fields = approval_standin_fields,
    .nfields = NFIELDS(approval_standin_fields),
    .ops = OP_ALL,
    .check = standin_check,
    /* Everyone may know whom to ask while their manager is away. */
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_balance[] = {
    {"person_id", FT_REF, 0, 0, 0, NULL, NULL, &ent_person, "whose balance (default: your own)"},
    {"kind", FT_ENUM, 0, 0, 0, NULL, absence_kinds, NULL, "leave kind (default vacation)"},
    {"year", FT_INT, 0, 2000, 2100, NULL, NULL, NULL, "the year (default: this one)"},
    {"start_at", FT_INSTANT, 0, 0, 0, NULL, NULL, NULL,
     "a request's first instant: the answer adds what it charges and the balance after it"},
    {"end_at", FT_INSTANT, 0, 0, 0, NULL, NULL, NULL, "the request's end (with start_at)"},
    {"absence_id", FT_INT, 0, 1, 9e15, NULL, NULL, NULL,
     "an existing absence as the request (its person, kind and dates)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route leave_routes[] = {
    {"GET", "/api/v1/leave/balance", api_leave_balance, NULL, 0, NEED_ANY, 0,
     "A person's leave balance of one kind for a year: entitlement, accrued, carry-over and its "
     "expiry, used; with a request (start_at/end_at or absence_id) what it charges and the "
     "balance after it",
     q_balance, "balance", NULL, NULL},
};

static const struct entity *const leave_entities[] = {&ent_leave_policy, &ent_leave_entitlement,
                                                      &ent_approval_standin, NULL};

const struct domain domain_leave = {
    .name = "leave",
    .entities = leave_entities,
    .routes = leave_routes,
    .nroutes = NFIELDS(leave_routes),
    .demo = leave_demo,
};
