/* api_leave.c: HTTP ⇄ svc for the leave balance. */
#include "absence.h"
#include "api.h"
#include "leave.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

enum hl_err api_leave_balance(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"person_id", "kind",       "year", "start_at",
                                          "end_at",    "absence_id", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    int64_t person = 0, absence = 0;
    if ((e = http_query_id(req, "person_id", &person, err)) != HL_OK ||
        (e = http_query_id(req, "absence_id", &absence, err)) != HL_OK)
        return e;
    const char *kind = http_query(req, "kind");
    if (kind) {
        bool known = false;
        for (size_t i = 0; absence_kinds[i] && !known; i++)
            known = strcmp(absence_kinds[i], kind) == 0;
        if (!known)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "kind",
                           "kind must be vacation, sick, training, interview or other");
    }
    int year = 0;
    const char *ys = http_query(req, "year");
    if (ys) {
        char *end;
        long v = strtol(ys, &end, 10);
        if (*end || v < 2000 || v > 2100)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "year", "year must be 2000-2100");
        year = (int)v;
    }
    const char *s = http_query(req, "start_at"), *t = http_query(req, "end_at");
    struct leave_request lr = {0, 0, 0};
    bool with = false;
    json_t *abs = NULL;
    /* A stand-in approver reads the balance of a request they may decide, as a manager would. */
    struct svc_standin standin;
    struct svc_ctx *ctx = &req->ctx;
    if (absence) {
        if ((e = svc_entity_standin(&req->ctx, &ent_absence, absence, &standin, &ctx, err)) !=
            HL_OK)
            return e;
        if (s || t || person || kind)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "absence_id",
                           "absence_id names the person, kind and dates itself");
        if ((e = svc_entity_get(&req->ctx, &ent_absence, absence, &abs, err)) != HL_OK)
            return e;
        person = json_integer_value(json_object_get(abs, "person_id"));
        kind = json_string_value(json_object_get(abs, "kind"));
        instant_parse(json_string_value(json_object_get(abs, "start_at")), &lr.start);
        instant_parse(json_string_value(json_object_get(abs, "end_at")), &lr.end);
        lr.self = absence;
        with = true;
    } else if (s || t) {
        /* Either alone is one day from it (or up to it). */
        if (s && !instant_parse(s, &lr.start))
            return hl_fail(err, HL_ERR_BAD_REQUEST, "start_at",
                           "start_at must be an RFC 3339 instant");
        if (t && !instant_parse(t, &lr.end))
            return hl_fail(err, HL_ERR_BAD_REQUEST, "end_at", "end_at must be an RFC 3339 instant");
        if (!s)
            lr.start = lr.end - 86400;
        if (!t)
            lr.end = lr.start + 86400;
        if (lr.end <= lr.start)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "end_at", "end_at must be after start_at");
        if (lr.end - lr.start > 366 * 86400)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "end_at",
                           "a request may last at most 366 days");
        with = true;
    }
    if (!person)
        person = req->ctx.who ? req->ctx.who->person_id : 0;
    if (person <= 0) { /* an account without a person (an administrator) has no leave */
        json_decref(abs);
        json_t *none = json_pack("{sn ss sb sb}", "person_id", "kind", kind ? kind : "vacation",
                                 "tracked", 0, "enforced", 0);
        if (!none)
            return hl_fail(err, HL_ERR_INTERNAL, NULL, "the balance could not be written as JSON");
        http_json(res, 200, none);
        return HL_OK;
    }
    json_t *out;
    e = svc_leave_balance(ctx, person, kind, year, with ? &lr : NULL, &out, err);
    json_decref(abs); /* kind pointed into it */
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}
