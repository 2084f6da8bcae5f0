/* demo_leave.c: the leave domain's demo data: Helsinki's annual leave as an office policy (30
 * days, all from 1 January), days carried over from last year until 31 March for a few
 * assistants, Helsinki's first (so their balances are kept and approving past zero needs the
 * override), and one of them standing in for the team lead next month. The other offices keep the
 * default: 28 days shown, nothing refused. */
#include "leave.h"
#include "store_leave.h"
#include "svc_entity.h"
#include "timeutil.h"

static enum hl_err create(struct svc_ctx *ctx, const struct entity *ent, json_t *body,
                          struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = body ? svc_entity_create(ctx, ent, body, &out, err)
                         : hl_fail(err, HL_ERR_INTERNAL, NULL, "demo leave: out of memory");
    json_decref(body);
    json_decref(out);
    return e;
}

enum hl_err leave_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    enum hl_err e = create(ctx, &ent_leave_policy,
                           json_pack("{ss ss sf ss}", "office", "Helsinki", "kind", "vacation",
                                     "days", 30.0, "accrual", "yearly"),
                           err);
    int y, m, d;
    civil_from_days(demo->today, &y, &m, &d);
    char expires[11];
    date_format(days_from_civil(y, 3, 31), expires);
    int64_t ids[4];
    size_t n = 0;
    if (e == HL_OK)
        e = store_leave_demo_people(ctx->db, "Helsinki", ids, demo->large ? 2 : 4, &n, err);
    for (size_t i = 0; e == HL_OK && i < n; i++)
        e = create(ctx, &ent_leave_entitlement,
                   json_pack("{sI ss si sf ss}", "person_id", (json_int_t)ids[i], "kind",
                             "vacation", "year", y, "carry_over_days", 2.0 + 1.5 * (double)i,
                             "carry_over_expires", expires),
                   err);
    /* Next month the Helsinki team lead is away; another of those assistants decides leave
     * meanwhile. (The admin manager is not one of the organisation's CSV files, so a stand-in
     * for them would not survive export and import.) */
    if (e == HL_OK && n > 1) {
        civil_from_days(demo->today + 35, &y, &m, &d);
        char from[11], to[11];
        date_format(days_from_civil(y, m, 1), from);
        date_format(days_from_civil(y, m, 1) + 9, to);
        e = create(ctx, &ent_approval_standin,
                   json_pack("{sI sI ss ss ss}", "manager_id", (json_int_t)ids[1], "standin_id",
                             (json_int_t)ids[0], "from_date", from, "to_date", to, "note",
                             "on leave"),
                   err);
    }
    return e;
}
