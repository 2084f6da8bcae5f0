/* api_invite.c: HTTP ⇄ svc for account invitations: the admin's invite, resend, revoke and
 * list, and the public JSON accept. */
#include "account_domain.h"
#include "api.h"
#include "mem.h"
#include "svc_invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const no_query[] = {NULL};

char *invite_request_base(struct request *req)
{
    const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");
    const char *proto =
        MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    if (!host || strlen(host) > 200 || strpbrk(host, " \r\n/\\@?#"))
        return hl_strdup("");
    return hl_asprintf("%s://%s", proto && strcmp(proto, "https") == 0 ? "https" : "http", host);
}

enum hl_err api_user_invite(struct request *req, const json_t *body, struct response *res,
                            struct hl_error *err)
{
    static const char *const keys[] = {"login", "role", "email", "lang", NULL};
    for (int i = 0; keys[i]; i++) {
        json_t *v = json_object_get(body, keys[i]);
        bool optional = i >= 2;
        if (!v && !optional)
            return hl_fail(err, HL_ERR_INVALID, keys[i], "%s is required", keys[i]);
        if (v && !json_is_string(v) && !(optional && json_is_null(v)))
            return hl_fail(err, HL_ERR_INVALID, keys[i], "%s must be a string", keys[i]);
    }
    if (json_object_get(body, "password"))
        return hl_fail(err, HL_ERR_INVALID, "password",
                       "give either a password or \"invite\": true, not both");
    json_t *pid = json_object_get(body, "person_id");
    if (pid && !json_is_null(pid) && (!json_is_integer(pid) || json_integer_value(pid) < 1))
        return hl_fail(err, HL_ERR_INVALID, "person_id", "person_id must be a positive id");
    struct invite_req r = {json_string_value(json_object_get(body, "login")),
                           json_string_value(json_object_get(body, "role")),
                           json_is_integer(pid) ? json_integer_value(pid) : 0,
                           json_string_value(json_object_get(body, "email")),
                           json_string_value(json_object_get(body, "lang"))};
    char *base = invite_request_base(req);
    json_t *out = NULL;
    enum hl_err e = svc_invite_create(&req->ctx, &r, base, &out, err);
    free(base);
    if (e != HL_OK)
        return e;
    json_t *acc = json_object_get(out, "account");
    snprintf(res->location, sizeof res->location, "/api/v1/users/%lld",
             (long long)json_integer_value(json_object_get(acc, "id")));
    http_set_etag(res, acc);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_invitation_resend(struct request *req, struct response *res, struct hl_error *err)
{
    enum hl_err e = http_check_query(req, no_query, err);
    if (e != HL_OK)
        return e;
    char *base = invite_request_base(req);
    json_t *out = NULL;
    e = svc_invite_resend(&req->ctx, req->ids[0], base, &out, err);
    free(base);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_invitation_revoke(struct request *req, struct response *res, struct hl_error *err)
{
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_invite_revoke(&req->ctx, req->ids[0], err)) == HL_OK)
        res->status = 204;
    return e;
}

enum hl_err api_invitations_list(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *items;
    enum hl_err e = http_check_query(req, no_query, err);
    if (e == HL_OK && (e = svc_invite_list(&req->ctx, &items, err)) == HL_OK)
        http_json(res, 200, http_page(items, false));
    return e;
}

enum hl_err api_invitation_accept(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"token", "password", NULL};
    if (!invite_admit(req->address))
        return hl_fail(err, HL_ERR_THROTTLED, NULL,
                       "too many requests from your address; try again in a few minutes");
    json_t *body, *out = NULL;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    json_t *t = json_object_get(body, "token"), *p = json_object_get(body, "password");
    if (!json_is_string(t))
        e = hl_fail(err, HL_ERR_INVALID, "token", "token is required (a string)");
    else if (!json_is_string(p))
        e = hl_fail(err, HL_ERR_INVALID, "password", "password is required (a string)");
    else
        e = svc_invite_accept(&req->ctx, json_string_value(t), json_string_value(p), &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}
