/* api_meeting.c: HTTP ⇄ svc for find-a-time, booking, moving and cancelling meetings, outside
 * calendars and calendar feeds. The use cases validate the bodies field by field. */
#include "api.h"
#include "meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the JSON object body (415/400/422 from http_json_body). */
static enum hl_err body_of(struct request *req, json_t **body, struct hl_error *err)
{
    return http_json_body(req, body, err);
}

enum hl_err api_meeting_find_time(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = body_of(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_meeting_find_time(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_meeting_book(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = body_of(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_meeting_book(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/meetings/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_set_etag(res, out);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_meeting_reschedule(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = body_of(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_meeting_reschedule(&req->ctx, req->ids[0], body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_meeting_cancel(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {NULL};
    json_t *body = NULL, *out;
    enum hl_err e = http_json_fields(req, allowed, true, &body, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    if ((e = svc_meeting_cancel(&req->ctx, req->ids[0], &out, err)) != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_outside_calendar_add(struct request *req, struct response *res,
                                     struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = body_of(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_outside_calendar_add(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/outside-calendars/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_set_etag(res, out);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_outside_calendar_refresh(struct request *req, struct response *res,
                                         struct hl_error *err)
{
    static const char *const allowed[] = {NULL};
    json_t *body = NULL, *out;
    enum hl_err e = http_json_fields(req, allowed, true, &body, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    if ((e = svc_outside_calendar_refresh(&req->ctx, req->ids[0], &out, err)) != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_meeting_request_add(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = body_of(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_meeting_request_add(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/meetings-to-arrange/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_set_etag(res, out);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_meeting_request_drop(struct request *req, struct response *res,
                                     struct hl_error *err)
{
    static const char *const allowed[] = {NULL};
    json_t *body = NULL, *out;
    int64_t version = 0;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, true, &body, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    if ((e = svc_meeting_request_drop(&req->ctx, req->ids[0], version, &out, err)) != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_feeds_list(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *items;
    enum hl_err e = svc_feed_list(&req->ctx, &items, err);
    if (e != HL_OK)
        return e;
    http_json(res, 200, http_page(items, false));
    return HL_OK;
}

enum hl_err api_feed_create(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"busy_only", NULL};
    json_t *body = NULL, *out;
    enum hl_err e = http_json_fields(req, allowed, true, &body, err);
    if (e != HL_OK)
        return e;
    const json_t *b = body ? json_object_get(body, "busy_only") : NULL;
    if (b && !json_is_boolean(b)) {
        json_decref(body);
        return hl_fail(err, HL_ERR_INVALID, "busy_only", "busy_only must be true or false");
    }
    e = svc_feed_create(&req->ctx, json_is_true(b), &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/feeds/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_feed_delete(struct request *req, struct response *res, struct hl_error *err)
{
    enum hl_err e = svc_feed_revoke(&req->ctx, req->ids[0], err);
    if (e == HL_OK)
        res->status = 204;
    return e;
}

enum hl_err api_calendar_feed(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"token", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    const char *token = http_query(req, "token");
    if (!token || !*token || strlen(token) > 200)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "token", "token is the feed's secret");
    char *text;
    if ((e = svc_feed_render(&req->ctx, token, &text, err)) != HL_OK)
        return e;
    res->status = 200;
    res->raw = text;
    res->raw_len = strlen(text);
    res->content_type = "text/calendar; charset=utf-8";
    return HL_OK;
}
