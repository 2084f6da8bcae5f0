/* api_fit.c: HTTP ⇄ svc for role fit: the best fits, an assignment from a fit row, the
 * pool-wide what-if and its acceptance, the weights. */
#include "api.h"
#include "fit.h"
#include "svc_fit.h"
#include "svc_match.h"

#include <string.h>

enum hl_err api_fit(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"principal_id", "allow_training", "exclude", NULL};
    int64_t principal = 0, exclude = 0;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_query_id(req, "principal_id", &principal, err)) != HL_OK ||
        (e = http_query_id(req, "exclude", &exclude, err)) != HL_OK)
        return e;
    if (!principal && req->ctx.who && req->ctx.who->role == ROLE_PRINCIPAL)
        principal = req->ctx.who->person_id; /* an executive asks about themselves */
    const char *t = http_query(req, "allow_training");
    if (t && strcmp(t, "0") != 0 && strcmp(t, "1") != 0)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "allow_training", "allow_training must be 0 or 1");
    json_t *out;
    if ((e = db_begin(req->ctx.db, false, err)) != HL_OK)
        return e;
    e = svc_fit_best(&req->ctx, principal, t && strcmp(t, "1") == 0, exclude, &out, err);
    db_rollback(req->ctx.db);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_fit_assign(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = http_json_body(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_fit_assign(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_fit_backup(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_fit_backup(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_fit_covers(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"principal_id", NULL};
    int64_t principal = 0;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_query_id(req, "principal_id", &principal, err)) != HL_OK)
        return e;
    if (!principal && req->ctx.who && req->ctx.who->role == ROLE_PRINCIPAL)
        principal = req->ctx.who->person_id;
    json_t *out;
    if ((e = db_begin(req->ctx.db, false, err)) != HL_OK)
        return e;
    e = svc_fit_covers(&req->ctx, principal, &out, err);
    db_rollback(req->ctx.db);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_fit_rate(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_fit_rate(&req->ctx, req->ids[0], version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_matching_proposals(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"department", NULL};
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK)
        return e;
    const char *dep = http_query(req, "department");
    if (dep && (strlen(dep) < 1 || strlen(dep) > 100))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "department",
                       "department must be 1-100 characters");
    if (req->ctx.who && !role_is_manager(req->ctx.who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "the matching is for managers and admins");
    json_t *out;
    if ((e = db_begin(req->ctx.db, false, err)) != HL_OK)
        return e;
    e = svc_match_proposals(req->ctx.db, dep, &out, err);
    db_rollback(req->ctx.db);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_matching_accept(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out;
    enum hl_err e = http_json_body(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_match_accept(&req->ctx, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_fit_settings(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e != HL_OK || (e = svc_fit_settings(&req->ctx, &out, err)) != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_fit_settings_update(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out = NULL;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_fit_settings_update(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}
