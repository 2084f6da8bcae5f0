/* api_interview.c: HTTP ⇄ svc for recruiting's interviews and scorecards. */
#include "interview_recruit.h"

#include "http.h"
#include "mem.h"
#include "svc_record.h"

#include <stdio.h>
#include <string.h>

static const char *const no_query[] = {NULL};

/* The site's origin for links in e-mails: the request's Host, https when the proxy says so. */
static char *site_base(struct request *req)
{
    const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");
    const char *proto =
        MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    if (!host || strlen(host) > 200 || strpbrk(host, " \r\n/\\@"))
        return hl_strdup("");
    return hl_asprintf("%s://%s", proto && strcmp(proto, "https") == 0 ? "https" : "http", host);
}

/* The common start of a write: no query, an optional If-Match version, a JSON body. */
static enum hl_err read_versioned_body(struct request *req, int64_t *version, json_t **body,
                                       struct hl_error *err)
{
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK)
        e = http_if_match(req, version, err);
    if (e == HL_OK)
        e = http_json_body(req, body, err);
    return e;
}

enum hl_err api_interview_create(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body = NULL, *out = NULL;
    int64_t version = IF_MATCH_NONE;
    enum hl_err e = read_versioned_body(req, &version, &body, err);
    char *base = site_base(req);
    if (e == HL_OK && (e = svc_interview_create(&req->ctx, req->ids[0], version, body, base, &out,
                                                err)) == HL_OK) {
        snprintf(res->location, sizeof res->location, "/api/v1/interviews/%lld",
                 (long long)json_integer_value(json_object_get(out, "id")));
        http_json(res, 201, out);
    }
    free(base);
    json_decref(body);
    return e;
}

enum hl_err api_interview_find(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body = NULL, *out = NULL;
    int64_t version = IF_MATCH_NONE;
    enum hl_err e = read_versioned_body(req, &version, &body, err);
    if (e == HL_OK &&
        (e = svc_interview_find_time(&req->ctx, req->ids[0], version, body, &out, err)) == HL_OK)
        http_json(res, 200, out);
    json_decref(body);
    return e;
}

enum hl_err api_interview_list(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_interview_list(&req->ctx, req->ids[0], &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_interview_get(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_interview_get(&req->ctx, req->ids[0], &out, err)) == HL_OK) {
        http_set_etag(res, out);
        http_json(res, 200, out);
    }
    return e;
}

enum hl_err api_interview_mine(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_interview_mine(&req->ctx, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_scorecards_get(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_scorecards_get(&req->ctx, req->ids[0], &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_scorecard_put(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body = NULL, *out = NULL;
    int64_t version = IF_MATCH_NONE;
    enum hl_err e = read_versioned_body(req, &version, &body, err);
    if (e == HL_OK &&
        (e = svc_scorecard_save(&req->ctx, req->ids[0], version, body, &out, err)) == HL_OK)
        http_json(res, 200, out);
    json_decref(body);
    return e;
}
