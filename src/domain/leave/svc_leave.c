/* svc_leave.c: leave balances (what a request charges per local day, holidays not counted,
 * against the year's accrued entitlement and carry-over) and who stands in for a manager. */
#include "holiday_domain.h"
#include "leave.h"
#include "leave_calc.h"
#include "mem.h"
#include "people.h"
#include "store_entity.h"
#include "store_leave.h"
#include "timeutil.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

struct uses {
    struct leave_use *u;
    size_t n, cap;
};

/* Appends the charged days of [start, end) in zone (holidays of office charge nothing); adds
 * the charge and the hours away on days that are not holidays to *days and *hours. */
static void charge_span(const char *zone, const struct holiday_set *hol, const char *office,
                        int64_t start, int64_t end, struct uses *u, double *days, double *hours)
{
    int64_t d0, d1;
    int minute;
    if (end <= start || !tz_utc_to_local(zone, start, &d0, &minute) ||
        !tz_utc_to_local(zone, end - 1, &d1, &minute))
        return;
    for (int64_t d = d0; d <= d1; d++) {
        int64_t a, b;
        if (!tz_local_to_utc(zone, d, 0, &a) || !tz_local_to_utc(zone, d + 1, 0, &b))
            continue;
        struct leave_day ld = {d, (end < b ? end : b) - (start > a ? start : a),
                               hol->n && holiday_set_find(hol, office, d) != NULL};
        double c = leave_day_charge(&ld);
        if (u->n == u->cap) {
            u->cap = u->cap ? 2 * u->cap : 64;
            u->u = hl_realloc(u->u, u->cap * sizeof *u->u);
        }
        u->u[u->n++] = (struct leave_use){d, c};
        if (days)
            *days += c;
        if (hours && !ld.holiday && ld.seconds > 0)
            *hours += (double)ld.seconds / 3600.0;
    }
}

static json_t *balance_json(const struct leave_balance *b)
{
    return json_pack("{sf sf sf sf sf sf}", "accrued", b->accrued, "used", b->used,
                     "carry_over_used", b->carry_over_used, "carry_over_left", b->carry_over_left,
                     "carry_over_expired", b->carry_over_expired, "balance", b->balance);
}

enum hl_err svc_leave_balance(struct svc_ctx *ctx, int64_t person, const char *kind, int year,
                              const struct leave_request *req, json_t **out, struct hl_error *err)
{
    *out = NULL;
    if (!kind)
        kind = "vacation";
    if (ctx->who && !role_is_manager(ctx->who->role) && person != ctx->who->person_id)
        return hl_fail(err, HL_ERR_NOT_FOUND, "person_id", "no person with id %lld",
                       (long long)person);
    json_t *p = NULL;
    struct holiday_set hol = {0};
    struct uses u = {0};
    struct leave_span *spans = NULL;
    size_t nspans = 0;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = store_entity_get(ctx->db, &ent_person, person, &p, err)) != HL_OK)
        goto out;
    const char *zone = json_string_value(json_object_get(p, "time_zone"));
    const char *office = json_string_value(json_object_get(p, "office"));
    int64_t today, as_of;
    int minute, y, m, d;
    if (!tz_utc_to_local(zone, db_now(ctx->db), &today, &minute)) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the time zone %s is not known here", zone);
        goto out;
    }
    as_of = today;
    if (req && !tz_utc_to_local(zone, req->start, &as_of, &minute))
        as_of = today;
    civil_from_days(as_of, &y, &m, &d);
    if (year == 0 || req)
        year = y;
    else if (year != y) /* a past year is seen whole, a later one as it begins */
        as_of = year < y ? days_from_civil(year, 12, 31) : days_from_civil(year, 1, 1);
    int64_t first = days_from_civil(year, 1, 1), last = days_from_civil(year, 12, 31);

    bool has_policy = false, monthly = true;
    double policy_days = 0;
    struct leave_entitlement_row row;
    if ((e = store_leave_policy(ctx->db, office, kind, &has_policy, &policy_days, &monthly, err)) !=
            HL_OK ||
        (e = store_leave_entitlement(ctx->db, person, kind, year, &row, err)) != HL_OK ||
        (e = holiday_set_load(ctx->db, first - 1, last + 1, office, &hol, err)) != HL_OK ||
        (e = store_leave_booked(ctx->db, person, kind, (first - 2) * 86400, (last + 3) * 86400,
                                req ? req->self : 0, &spans, &nspans, err)) != HL_OK)
        goto out;
    bool tracked = has_policy || row.has_days || strcmp(kind, "vacation") == 0;
    /* Approving below zero is refused only where a manager has set the entitlement (the office's
     * policy, or the person's year): a new installation blocks nobody on the default. */
    bool enforced = has_policy || row.found;
    struct leave_year ly = {year,
                            row.has_days ? row.days
                            : has_policy ? policy_days
                                         : LEAVE_DEFAULT_VACATION_DAYS,
                            has_policy && monthly, row.carry_over, row.expires};
    for (size_t i = 0; i < nspans; i++)
        charge_span(zone, &hol, office, spans[i].start, spans[i].end, &u, NULL, NULL);
    struct leave_balance before;
    leave_balance_compute(&ly, u.u, u.n, as_of, &before);
    char asof[11], exp[11];
    date_format(as_of, asof);
    if (row.expires >= 0)
        date_format(row.expires, exp);
    *out = json_pack("{sI ss si sb sb ss}", "person_id", (json_int_t)person, "kind", kind, "year",
                     year, "tracked", tracked, "enforced", enforced, "as_of", asof);
    if (!*out) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the balance could not be written as JSON");
        goto out;
    }
    if (tracked) {
        json_object_set_new(*out, "entitlement", json_real(ly.entitlement));
        json_object_set_new(*out, "accrual", json_string(ly.monthly ? "monthly" : "yearly"));
        json_object_set_new(*out, "carry_over", json_real(ly.carry_over));
        json_object_set_new(*out, "carry_over_expires",
                            row.expires >= 0 ? json_string(exp) : json_null());
        json_t *bj = balance_json(&before);
        json_object_update_missing(*out, bj);
        json_decref(bj);
    }
    if (req) {
        double days = 0, hours = 0;
        size_t booked = u.n;
        charge_span(zone, &hol, office, req->start, req->end, &u, &days, &hours);
        /* Days of the request outside the year are another year's. */
        double in_year = 0;
        for (size_t i = booked; i < u.n; i++)
            if (u.u[i].day >= first && u.u[i].day <= last)
                in_year += u.u[i].days;
        json_t *r =
            json_pack("{sf sf sf}", "days", days, "days_this_year", in_year, "hours", hours);
        if (tracked && r) {
            struct leave_balance after;
            leave_balance_compute(&ly, u.u, u.n, as_of, &after);
            json_object_set_new(r, "balance_after", json_real(after.balance));
            json_object_set_new(r, "below_zero", json_boolean(after.balance < 0));
        }
        if (!r || json_object_set_new(*out, "request", r) != 0)
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the balance could not be written as JSON");
    }
out:
    db_rollback(ctx->db);
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
    json_decref(p);
    holiday_set_cleanup(&hol);
    free(u.u);
    free(spans);
    return e;
}

enum hl_err svc_leave_standin_for(struct svc_ctx *ctx, int64_t *manager, struct hl_error *err)
{
    *manager = 0;
    if (!ctx->who || ctx->who->person_id <= 0)
        return HL_OK;
    /* today is the stand-in's, as the visibility of the requests they decide reads it */
    json_t *me = NULL;
    struct hl_error ignore;
    store_entity_get(ctx->db, &ent_person, ctx->who->person_id, &me, &ignore);
    char day[11];
    date_format(tz_today(json_string_value(json_object_get(me, "time_zone")), db_now(ctx->db)),
                day);
    json_decref(me);
    return store_leave_standin(ctx->db, ctx->who->person_id, day, manager, err);
}
