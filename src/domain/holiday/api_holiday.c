/* api_holiday.c: HTTP ⇄ svc for the holidays of a range. */
#include "api.h"
#include "holiday_domain.h"
#include "svc_support.h"
#include "timeutil.h"

#include <string.h>

enum hl_err api_holidays(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"office", "from", "to", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    const char *office = http_query(req, "office");
    if (office && (!*office || strlen(office) > 100))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "office", "office must be 1-100 characters");
    int y, m, d;
    civil_from_days(svc_support_today(&req->ctx), &y, &m, &d); /* this year where they are */
    int64_t from = days_from_civil(y, 1, 1), to;
    const char *s = http_query(req, "from");
    if (s && !date_parse(s, &from))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "from", "from must be a date YYYY-MM-DD");
    civil_from_days(from, &y, &m, &d);
    to = days_from_civil(y, 12, 31);
    s = http_query(req, "to");
    if (s && !date_parse(s, &to))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "to", "to must be a date YYYY-MM-DD");
    json_t *out;
    if ((e = svc_holiday_list(&req->ctx, from, to, office, &out, err)) != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}
