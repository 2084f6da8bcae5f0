/* api_mediation.c: HTTP ⇄ svc for mediation cases: parse, call svc_mediation.c, answer. */
#include "api_mediation.h"

#include "route.h"
#include "svc_mediation.h"

#include <stdio.h>
#include <string.h>

static const char *const no_query[] = {NULL};

enum hl_err api_case_list(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"status", "limit", "cursor", NULL};
    int limit;
    int64_t after;
    json_t *items;
    bool more;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_paging(req, &limit, &after, err)) != HL_OK ||
        (e = svc_case_list(&req->ctx, http_query(req, "status"), after, limit, &items, &more,
                           err)) != HL_OK)
        return e;
    http_json(res, 200, http_page(items, more));
    return HL_OK;
}

/* Answers 201 with Location for a new thing of the case (or the case itself). */
static void created(struct response *res, json_t *rec, long long case_id)
{
    snprintf(res->location, sizeof res->location, "/api/v1/cases/%lld", case_id);
    http_set_etag(res, rec);
    http_json(res, 201, rec);
}

enum hl_err api_case_create(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *rec;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_case_create(&req->ctx, body, &rec, err);
    json_decref(body);
    if (e == HL_OK)
        created(res, rec, (long long)json_integer_value(json_object_get(rec, "id")));
    return e;
}

enum hl_err api_case_get(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *rec;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e != HL_OK || (e = svc_case_get(&req->ctx, req->ids[0], &rec, err)) != HL_OK)
        return e;
    http_set_etag(res, rec);
    http_json(res, 200, rec);
    return HL_OK;
}

enum hl_err api_case_update(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *rec = NULL;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_case_update(&req->ctx, req->ids[0], version, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, rec);
    http_json(res, 200, rec);
    return HL_OK;
}

/* The handlers that post a body to a case and answer what was made. */
typedef enum hl_err (*case_post_fn)(struct svc_ctx *, int64_t, const json_t *, json_t **,
                                    struct hl_error *);

/* creates: answer 201 with the case's Location; else 200. */
static enum hl_err case_post(struct request *req, struct response *res, case_post_fn fn,
                             bool creates, struct hl_error *err)
{
    json_t *body, *out = NULL;
    enum hl_err e = http_json_body(req, &body, err);
    if (e != HL_OK)
        return e;
    e = fn(&req->ctx, req->ids[0], body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    if (creates)
        created(res, out, (long long)req->ids[0]);
    else
        http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_case_entry_add(struct request *req, struct response *res, struct hl_error *err)
{
    return case_post(req, res, svc_case_entry_add, true, err);
}

enum hl_err api_case_party_set(struct request *req, struct response *res, struct hl_error *err)
{
    return case_post(req, res, svc_case_party_set, false, err);
}

enum hl_err api_case_session_add(struct request *req, struct response *res, struct hl_error *err)
{
    return case_post(req, res, svc_case_session_add, true, err);
}

enum hl_err api_case_session_find(struct request *req, struct response *res, struct hl_error *err)
{
    return case_post(req, res, svc_case_session_find, false, err);
}

enum hl_err api_case_action_add(struct request *req, struct response *res, struct hl_error *err)
{
    return case_post(req, res, svc_case_action_add, true, err);
}

enum hl_err api_case_action_update(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out = NULL;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_case_action_update(&req->ctx, req->ids[0], version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_case_purge(struct request *req, struct response *res, struct hl_error *err)
{
    int n;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e != HL_OK || (e = svc_case_purge(&req->ctx, &n, err)) != HL_OK)
        return e;
    http_json(res, 200, json_pack("{si}", "purged", n));
    return HL_OK;
}

enum hl_err api_mediation_settings(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e != HL_OK || (e = svc_mediation_settings(&req->ctx, &out, err)) != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_mediation_settings_update(struct request *req, struct response *res,
                                          struct hl_error *err)
{
    int64_t version;
    json_t *body, *out = NULL;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_mediation_settings_update(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}
