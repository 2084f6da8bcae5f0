/* api_misc.c: HTTP ⇄ svc for the routes that are not plain entity CRUD: health, metrics, the
 * API document, the audit log, who-supports-whom and the absence workflow. */
#include "api.h"
#include "openapi.h"
#include "route.h"
#include "server.h"
#include "svc_entity.h"
#include "svc_support.h"
#include "timeutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum hl_err api_healthz(struct request *req, struct response *res, struct hl_error *err)
{
    (void)req;
    (void)err;
    http_json(res, 200, json_pack("{ss ss}", "status", "ok", "version", HALDUS_VERSION));
    return HL_OK;
}

enum hl_err api_metrics(struct request *req, struct response *res, struct hl_error *err)
{
    (void)req;
    (void)err;
    res->status = 200;
    res->raw = server_metrics_text(&res->raw_len);
    res->content_type = "text/plain; version=0.0.4; charset=utf-8";
    return HL_OK;
}

enum hl_err api_openapi(struct request *req, struct response *res, struct hl_error *err)
{
    (void)req;
    (void)err;
    const char *doc = openapi_text();
    res->status = 200;
    res->raw = strdup(doc);
    res->raw_len = strlen(doc);
    res->content_type = "application/json";
    return HL_OK;
}

enum hl_err api_audit_list(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"entity", "entity_id", "account_id",
                                          "limit",  "cursor",    NULL};
    int limit;
    int64_t before = 0, entity_id = 0, account_id = 0;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_paging(req, &limit, &before, err)) != HL_OK)
        return e;
    const char *entity = http_query(req, "entity");
    if (entity && strlen(entity) > 60)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "entity", "entity is too long");
    if ((e = http_query_id(req, "entity_id", &entity_id, err)) != HL_OK ||
        (e = http_query_id(req, "account_id", &account_id, err)) != HL_OK)
        return e;
    json_t *items;
    bool more;
    if ((e = svc_audit_list(&req->ctx, entity, entity_id, account_id, before, limit, &items, &more,
                            err)) != HL_OK)
        return e;
    http_json(res, 200, http_page(items, more));
    return HL_OK;
}

/* ?date=YYYY-MM-DD into out; "" without one (the svc takes the person's own today). */
static enum hl_err date_param(struct request *req, char out[11], struct hl_error *err)
{
    static const char *const allowed[] = {"date", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    const char *d = http_query(req, "date");
    int64_t days;
    if (!d) {
        out[0] = '\0';
        return HL_OK;
    }
    if (!date_parse(d, &days))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "date", "date must be YYYY-MM-DD");
    date_format(days, out);
    return HL_OK;
}

enum hl_err api_supporters(struct request *req, struct response *res, struct hl_error *err)
{
    char date[11];
    json_t *out;
    enum hl_err e = date_param(req, date, err);
    if (e == HL_OK)
        e = svc_supporters(&req->ctx, req->ids[0], *date ? date : NULL, &out, err);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_principals_of(struct request *req, struct response *res, struct hl_error *err)
{
    char date[11];
    json_t *out;
    enum hl_err e = date_param(req, date, err);
    if (e == HL_OK)
        e = svc_principals_of(&req->ctx, req->ids[0], *date ? date : NULL, &out, err);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}
