/* demo_leave.c: the leave domain's demo data: each demo office's annual leave (Tallinn 28
 * calendar days, as Estonian law has it; London 25; Helsinki 30 — all available from 1 January,
 * so the demo's requests stay approvable; an office may accrue monthly instead), and days
 * carried over from last year until 31 March for a few assistants. */
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
    static const struct {
        const char *office;
        double days;
        const char *accrual;
    } policies[] = {
        {"Tallinn", 28, "yearly"}, {"London", 25, "yearly"}, {"Helsinki", 30, "yearly"}};
    enum hl_err e = HL_OK;
    for (size_t i = 0; e == HL_OK && i < sizeof policies / sizeof policies[0]; i++)
        e = create(ctx, &ent_leave_policy,
                   json_pack("{ss ss sf ss}", "office", policies[i].office, "kind", "vacation",
                             "days", policies[i].days, "accrual", policies[i].accrual),
                   err);
    int y, m, d;
    civil_from_days(demo->today, &y, &m, &d);
    char expires[11];
    date_format(days_from_civil(y, 3, 31), expires);
    int64_t ids[4];
    size_t n = 0;
    if (e == HL_OK)
        e = store_leave_demo_people(ctx->db, "Tallinn", ids, demo->large ? 2 : 4, &n, err);
    for (size_t i = 0; e == HL_OK && i < n; i++)
        e = create(ctx, &ent_leave_entitlement,
                   json_pack("{sI ss si sf ss}", "person_id", (json_int_t)ids[i], "kind",
                             "vacation", "year", y, "carry_over_days", 2.0 + 1.5 * (double)i,
                             "carry_over_expires", expires),
                   err);
    return e;
}
