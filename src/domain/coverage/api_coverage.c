/* api_coverage.c: HTTP ⇄ svc for the coverage board, plans, covers and planner settings. */
#include "api.h"
#include "svc_coverage.h"
#include "buf.h"
#include "svc_entity.h"
#include "svc_support.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?name=YYYY-MM-DD into *day; dflt when absent. */
static enum hl_err day_query(struct request *req, const char *name, int64_t dflt, int64_t *day,
                             struct hl_error *err)
{
    const char *s = http_query(req, name);
    *day = dflt;
    if (s && !date_parse(s, day))
        return hl_fail(err, HL_ERR_BAD_REQUEST, name, "%s must be a date YYYY-MM-DD", name);
    return HL_OK;
}

/* ?from and ?to: four weeks from today (the signed-in person's, as the web page's) by default,
 * or ending on `to` when only that is given. */
static enum hl_err four_weeks(struct request *req, int64_t today, int64_t *from, int64_t *to,
                              struct hl_error *err)
{
    enum hl_err e = day_query(req, "to", INT64_MIN, to, err);
    if (e == HL_OK)
        e = day_query(req, "from", *to == INT64_MIN ? today : *to - 27, from, err);
    if (e == HL_OK && *to == INT64_MIN)
        *to = *from + 27;
    return e;
}

static enum hl_err text_query(struct request *req, const char *name, const char **out,
                              struct hl_error *err)
{
    *out = http_query(req, name);
    if (*out && (!**out || strlen(*out) > 100))
        return hl_fail(err, HL_ERR_BAD_REQUEST, name, "%s must be 1-100 characters", name);
    return HL_OK;
}

enum hl_err api_coverage_board(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"from",  "to",     "office", "department",
                                          "limit", "cursor", NULL};
    int64_t today = svc_support_today(&req->ctx), from, to, after = 0, next = 0;
    int limit = 0;
    const char *office, *department;
    json_t *out;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = four_weeks(req, today, &from, &to, err);
    if (e == HL_OK)
        e = text_query(req, "office", &office, err);
    if (e == HL_OK)
        e = text_query(req, "department", &department, err);
    /* limit: principals per page (1–500; by default as many as fit the page's principal-days) */
    if (e == HL_OK)
        e = http_paging(req, &limit, &after, err);
    if (e == HL_OK && !http_query(req, "limit"))
        limit = 0;
    if (e == HL_OK)
        e = svc_coverage_board(&req->ctx, from, to, office, department, after, limit, &out, &next,
                               err);
    if (e != HL_OK)
        return e;
    char *cursor = next ? http_cursor_encode(next) : NULL;
    if (json_object_set_new(out, "next_cursor", cursor ? json_string(cursor) : json_null()) != 0) {
        free(cursor);
        json_decref(out);
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the board could not be written as JSON");
    }
    free(cursor);
    http_json(res, 200, out);
    return HL_OK;
}

/* A date field of a body: "YYYY-MM-DD" into *day. */
static enum hl_err body_day(json_t *body, const char *name, int64_t *day, struct hl_error *err)
{
    json_t *v = json_object_get(body, name);
    if (!v)
        return hl_fail(err, HL_ERR_INVALID, name, "%s is required", name);
    if (!json_is_string(v) || !date_parse(json_string_value(v), day))
        return hl_fail(err, HL_ERR_INVALID, name, "%s must be a date YYYY-MM-DD", name);
    return HL_OK;
}

/* Jansson's dump callback into a struct buf. */
static int append_text(const char *buf, size_t size, void *data)
{
    return buf_append(data, buf, size) ? 0 : -1;
}

enum hl_err api_coverage_plan(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"from", "to", "engine", NULL};
    json_t *body;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    struct buf text;
    buf_init(&text, 0);
    int64_t from, to, id = 0;
    json_t *engine = json_object_get(body, "engine");
    if ((e = body_day(body, "from", &from, err)) == HL_OK &&
        (e = body_day(body, "to", &to, err)) == HL_OK) {
        if (engine && !json_is_string(engine))
            e = hl_fail(err, HL_ERR_INVALID, "engine", "engine must be fast or exact");
        else /* the answer as text, cover by cover: no tree of a year's covers in memory */
            e = svc_coverage_plan_write(&req->ctx, from, to,
                                        engine ? json_string_value(engine) : "fast", JSON_COMPACT,
                                        append_text, &text, &id, err);
    }
    json_decref(body);
    if (e != HL_OK) {
        buf_cleanup(&text);
        return e;
    }
    snprintf(res->location, sizeof res->location, "/api/v1/coverage/plans/%lld", (long long)id);
    res->status = 201;
    res->raw_len = text.len;
    res->raw = buf_steal(&text);
    res->content_type = "application/json";
    return HL_OK;
}

enum hl_err api_coverage_accept(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"cover_ids", NULL};
    json_t *body, *out;
    enum hl_err e = http_json_fields(req, allowed, true, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_coverage_accept(&req->ctx, req->ids[0], json_object_get(body, "cover_ids"), &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_coverage_replace(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    json_t *a = json_object_get(body, "assistant_id");
    if (json_object_size(body) != 1 || !a)
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id",
                    "send {\"assistant_id\": ID}: the assistant who takes this cover");
    else if (!json_is_integer(a) || json_integer_value(a) < 1)
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id must be an id");
    else
        e = svc_coverage_replace(&req->ctx, req->ids[0], version, json_integer_value(a), &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_planner_settings(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    enum hl_err e = svc_planner_settings(&req->ctx, &out, err);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_planner_settings_update(struct request *req, struct response *res,
                                        struct hl_error *err)
{
    int64_t version;
    json_t *body, *out;
    const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-Match");
    enum hl_err e = HL_OK;
    /* Settings never saved are at version 0, which If-Match may name as "0". */
    if (h && (strcmp(h, "\"0\"") == 0 || strcmp(h, "0") == 0))
        version = 0;
    else
        e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_planner_settings_update(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_absence_impact(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_coverage_impact(&req->ctx, req->ids[0], &out, err);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_coverage_covers(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"assistant_id", "from", "to", "limit", "cursor", NULL};
    int64_t today = svc_support_today(&req->ctx), from, to, assistant = 0, after = 0;
    int limit = 0;
    json_t *items;
    bool more = false;
    enum hl_err e = http_check_query(req, allowed, err);
    /* limit 1–500; without one, the largest page (a list of covers is short per person) */
    if (e == HL_OK)
        e = http_paging(req, &limit, &after, err);
    if (e == HL_OK && !http_query(req, "limit"))
        limit = COVERAGE_COVERS_MAX_PAGE;
    if (e == HL_OK)
        e = four_weeks(req, today, &from, &to, err);
    if (e == HL_OK)
        e = http_query_id(req, "assistant_id", &assistant, err);
    if (e == HL_OK)
        e = svc_coverage_covers(&req->ctx, assistant, from, to, after, limit, &items, &more, err);
    if (e == HL_OK)
        http_json(res, 200, http_page(items, more));
    return e;
}

enum hl_err api_cover_candidates(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"limit", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    int limit = 50;
    const char *l = http_query(req, "limit");
    if (l) {
        char *end;
        long v = strtol(l, &end, 10);
        if (*end || end == l || v < 1 || v > 500)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "limit", "limit must be 1-500");
        limit = (int)v;
    }
    json_t *out;
    if ((e = svc_coverage_candidates(&req->ctx, req->ids[0], limit, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}
