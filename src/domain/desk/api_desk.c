/* api_desk.c: HTTP ⇄ svc for the desk domain's own routes. */
#include "desk.h"

#include "http.h"
#include "svc_record.h"
#include "svc_support.h"
#include "timeutil.h"

#include <string.h>

static enum hl_err query_date(struct request *req, const char *name, int64_t *day,
                              struct hl_error *err)
{
    const char *s = http_query(req, name);
    if (s && !date_parse(s, day))
        return hl_fail(err, HL_ERR_BAD_REQUEST, name, "%s must be a date YYYY-MM-DD", name);
    return HL_OK;
}

enum hl_err api_desk_week_plan(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"from", "to", "assistant_id", NULL};
    int64_t today = svc_support_today(&req->ctx); /* this week where the reader is */
    int64_t from = today - (weekday_from_days(today) - 1), to, assistant = 0;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = query_date(req, "from", &from, err);
    to = from + 6;
    if (e == HL_OK && !http_query(req, "from") && http_query(req, "to")) {
        e = query_date(req, "to", &to, err); /* only to: the week that ends there */
        from = to - 6;
    } else if (e == HL_OK)
        e = query_date(req, "to", &to, err);
    if (e == HL_OK)
        e = http_query_id(req, "assistant_id", &assistant, err);
    json_t *out;
    if (e == HL_OK && (e = svc_desk_week_plan(&req->ctx, from, to, assistant, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_desk_move_preview(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"task_id", "assistant_id", "due_at", NULL};
    json_t *body = NULL, *out;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK && (e = svc_desk_move_preview(&req->ctx, body, &out, err)) == HL_OK)
        http_json(res, 200, out);
    json_decref(body);
    return e;
}

enum hl_err api_desk_my_day(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"date", "assistant_id", NULL};
    int64_t day = -1, assistant = 0;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = query_date(req, "date", &day, err);
    if (e == HL_OK)
        e = http_query_id(req, "assistant_id", &assistant, err);
    json_t *out;
    if (e == HL_OK && (e = svc_desk_my_day(&req->ctx, assistant, day, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_desk_message_done(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    int64_t version;
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = http_if_match(req, &version, err);
    if (e == HL_OK &&
        (e = svc_desk_message_done(&req->ctx, req->ids[0], version, &out, err)) == HL_OK) {
        http_set_etag(res, out);
        http_json(res, 200, out);
    }
    return e;
}

enum hl_err api_desk_callers(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"q", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    const char *q = http_query(req, "q");
    if (e == HL_OK && q && strlen(q) > 100)
        e = hl_fail(err, HL_ERR_BAD_REQUEST, "q", "q is at most 100 characters");
    json_t *out;
    if (e == HL_OK && (e = svc_desk_callers(&req->ctx, q, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_desk_handover(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK && (e = svc_desk_handover(&req->ctx, req->ids[0], &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_desk_occurrence(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"due_at", "status", NULL};
    json_t *body = NULL, *out;
    int64_t version = 0;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK &&
        (e = svc_desk_occurrence_set(&req->ctx, req->ids[0], version, body, &out, err)) == HL_OK)
        http_json(res, 200, out);
    json_decref(body);
    return e;
}
