/* api_workbench.c: HTTP ⇄ svc for the workbench: flags, the backup list and the preview. */
#include "api.h"
#include "api_workbench.h"
#include "svc_record.h"
#include "svc_support.h"
#include "svc_workbench.h"
#include "timeutil.h"

#include <string.h>

#define DEFAULT_DAYS 56 /* eight weeks */

/* ?from, ?to: eight weeks from today by default (the signed-in person's today, as the web
 * page's), or ending on `to` when only that is given. */
static enum hl_err window_query(struct request *req, int64_t *from, int64_t *to,
                                struct hl_error *err)
{
    const char *f = http_query(req, "from"), *t = http_query(req, "to");
    if (t && !date_parse(t, to))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "to", "to must be a date YYYY-MM-DD");
    *from = t ? *to - (DEFAULT_DAYS - 1) : svc_support_today(&req->ctx);
    if (f && !date_parse(f, from))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "from", "from must be a date YYYY-MM-DD");
    if (!t)
        *to = *from + DEFAULT_DAYS - 1;
    return HL_OK;
}

enum hl_err api_support_flags(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"from", "to", NULL};
    int64_t from, to;
    json_t *out;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = window_query(req, &from, &to, err);
    if (e == HL_OK)
        e = svc_support_flags(&req->ctx, from, to, &out, err);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

static void list_etag(struct response *res, const json_t *list)
{
    snprintf(res->etag, sizeof res->etag, "\"%lld\"",
             (long long)json_integer_value(json_object_get(list, "version")));
}

enum hl_err api_backups_get(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = svc_backups_get(&req->ctx, req->ids[0], &out, err);
    if (e != HL_OK)
        return e;
    list_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_backups_set(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"assistant_ids", NULL};
    int64_t version;
    json_t *body = NULL, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK)
        e = svc_backups_set(&req->ctx, req->ids[0], version, json_object_get(body, "assistant_ids"),
                            &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    list_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

/* A date field of the body into *day; dflt when absent. */
static enum hl_err body_day(const json_t *body, const char *name, int64_t dflt, int64_t *day,
                            struct hl_error *err)
{
    json_t *v = json_object_get(body, name);
    *day = dflt;
    if (v && (!json_is_string(v) || !date_parse(json_string_value(v), day)))
        return hl_fail(err, HL_ERR_INVALID, name, "%s must be a date YYYY-MM-DD", name);
    return HL_OK;
}

enum hl_err api_support_preview(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"change", "changes", "from", "to", NULL};
    json_t *body = NULL, *out;
    int64_t from, to;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    json_t *change = json_object_get(body, "change"), *changes = json_object_get(body, "changes");
    if (e == HL_OK && !change == !changes)
        e = hl_fail(err, HL_ERR_INVALID, "change", "give either change or changes");
    if (e == HL_OK && changes && !json_is_array(changes))
        e = hl_fail(err, HL_ERR_INVALID, "changes", "changes must be an array of changes");
    if (e == HL_OK)
        e = body_day(body, "from", svc_support_today(&req->ctx), &from, err);
    if (e == HL_OK)
        e = body_day(body, "to", from + DEFAULT_DAYS - 1, &to, err);
    if (e == HL_OK)
        e = svc_support_preview(&req->ctx, change ? change : changes, from, to, &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_week_get(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = svc_week_get(&req->ctx, req->ids[0], &out, err);
    if (e != HL_OK)
        return e;
    list_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_week_set(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"valid_from", "intervals", NULL};
    int64_t version;
    json_t *body = NULL, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK)
        e = svc_week_set(&req->ctx, req->ids[0], version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    list_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}
