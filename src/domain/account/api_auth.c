/* api_auth.c: HTTP ⇄ svc for signing in and out, the signed-in account's sessions, tokens and
 * password, and the administration of accounts. */
#include "account_domain.h"
#include "api.h"
#include "server.h"
#include "svc_auth.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static enum hl_err need_string(json_t *o, const char *key, struct hl_error *err)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return hl_fail(err, HL_ERR_INVALID, key, "%s is required", key);
    if (!json_is_string(v))
        return hl_fail(err, HL_ERR_INVALID, key, "%s must be a string", key);
    return HL_OK;
}

enum hl_err api_login(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"login", "password", NULL};
    json_t *body;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    struct login_result r;
    const char *ua = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "User-Agent");
    if ((e = need_string(body, "login", err)) == HL_OK &&
        (e = need_string(body, "password", err)) == HL_OK)
        e = svc_login(&req->ctx, str(body, "login"), str(body, "password"), req->address, ua, &r,
                      err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    server_session_cookie(res->set_cookie, sizeof res->set_cookie, r.token,
                          SESSION_ABSOLUTE_SECONDS);
    char expires[21];
    instant_format(r.expires_at, expires);
    http_json(res, 201,
              json_pack("{so ss ss sI}", "account", account_json(&r.state.account), "csrf_token",
                        r.state.csrf, "expires_at", expires, "session_id",
                        (json_int_t)r.state.session_id));
    return HL_OK;
}

enum hl_err api_logout(struct request *req, struct response *res, struct hl_error *err)
{
    if (!req->auth.session_id)
        return hl_fail(err, HL_ERR_CONFLICT, NULL,
                       "signed in with an API token: there is no session to end (revoke the "
                       "token instead)");
    enum hl_err e = svc_session_end(&req->ctx, req->auth.session_id, err);
    if (e != HL_OK)
        return e;
    server_session_cookie(res->set_cookie, sizeof res->set_cookie, "", 0);
    res->status = 204;
    return HL_OK;
}

enum hl_err api_session_get(struct request *req, struct response *res, struct hl_error *err)
{
    if (req->ctx.who)
        return api_me(req, res, err);
    http_json(res, 200, json_pack("{sn}", "account"));
    return HL_OK;
}

enum hl_err api_me(struct request *req, struct response *res, struct hl_error *err)
{
    (void)err;
    json_t *me = json_pack("{so ss}", "account", account_json(&req->auth.account), "auth",
                           req->auth.session_id ? "session" : "token");
    if (req->auth.session_id) {
        json_object_set_new(me, "csrf_token", json_string(req->auth.csrf));
        json_object_set_new(me, "session_id", json_integer(req->auth.session_id));
    }
    http_json(res, 200, me);
    return HL_OK;
}

enum hl_err api_password_change(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"current_password", "new_password", NULL};
    json_t *body;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    if ((e = need_string(body, "current_password", err)) == HL_OK &&
        (e = need_string(body, "new_password", err)) == HL_OK)
        e = svc_password_change(&req->ctx, str(body, "current_password"), str(body, "new_password"),
                                req->auth.session_id, req->address, err);
    json_decref(body);
    if (e == HL_OK)
        res->status = 204;
    return e;
}

enum hl_err api_me_lang(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"lang", NULL};
    json_t *body, *account = NULL;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_me_lang(&req->ctx, body, &account, err);
    json_decref(body);
    if (e == HL_OK)
        http_json(res, 200, json_pack("{so}", "account", account));
    return e;
}

enum hl_err api_sessions_list(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *items;
    enum hl_err e = svc_sessions_list(&req->ctx, &items, err);
    if (e != HL_OK)
        return e;
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s)
    {
        json_object_set_new(
            s, "current",
            json_boolean(json_integer_value(json_object_get(s, "id")) == req->auth.session_id));
    }
    http_json(res, 200, http_page(items, false));
    return HL_OK;
}

enum hl_err api_session_delete(struct request *req, struct response *res, struct hl_error *err)
{
    enum hl_err e = svc_session_end(&req->ctx, req->ids[0], err);
    if (e != HL_OK)
        return e;
    if (req->ids[0] == req->auth.session_id)
        server_session_cookie(res->set_cookie, sizeof res->set_cookie, "", 0);
    res->status = 204;
    return HL_OK;
}

enum hl_err api_tokens_list(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *items;
    enum hl_err e = svc_tokens_list(&req->ctx, &items, err);
    if (e != HL_OK)
        return e;
    http_json(res, 200, http_page(items, false));
    return HL_OK;
}

enum hl_err api_token_create(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"name", NULL};
    json_t *body, *out;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    if ((e = need_string(body, "name", err)) == HL_OK)
        e = svc_token_create(&req->ctx, str(body, "name"), &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/tokens/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_token_delete(struct request *req, struct response *res, struct hl_error *err)
{
    enum hl_err e = svc_token_revoke(&req->ctx, req->ids[0], err);
    if (e == HL_OK)
        res->status = 204;
    return e;
}

enum hl_err api_users_list(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"limit", "cursor", NULL};
    int limit;
    int64_t after;
    json_t *items;
    bool more;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_paging(req, &limit, &after, err)) != HL_OK ||
        (e = svc_account_list(&req->ctx, after, limit, &items, &more, err)) != HL_OK)
        return e;
    http_json(res, 200, http_page(items, more));
    return HL_OK;
}

enum hl_err api_user_create(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"login",  "role",  "person_id", "password",
                                          "invite", "email", "lang",      NULL};
    json_t *body, *out;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    /* {"invite": true}: the account gets an invitation instead of a password (api_invite.c). */
    json_t *invite = json_object_get(body, "invite");
    if (invite && !json_is_boolean(invite))
        e = hl_fail(err, HL_ERR_INVALID, "invite", "invite must be true or false");
    else if (json_is_true(invite))
        e = api_user_invite(req, body, res, err);
    else if (json_object_get(body, "email") || json_object_get(body, "lang"))
        e = hl_fail(err, HL_ERR_INVALID, json_object_get(body, "email") ? "email" : "lang",
                    "email and lang go with \"invite\": true");
    if (json_is_true(invite) || e != HL_OK) {
        json_decref(body);
        return e;
    }
    json_t *pid = json_object_get(body, "person_id");
    if ((e = need_string(body, "login", err)) == HL_OK &&
        (e = need_string(body, "role", err)) == HL_OK &&
        (e = need_string(body, "password", err)) == HL_OK) {
        if (pid && !json_is_null(pid) && (!json_is_integer(pid) || json_integer_value(pid) < 1))
            e = hl_fail(err, HL_ERR_INVALID, "person_id", "person_id must be a positive id");
        else
            e = svc_account_create(&req->ctx, str(body, "login"), str(body, "role"),
                                   json_is_integer(pid) ? json_integer_value(pid) : 0,
                                   str(body, "password"), &out, err);
    }
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/users/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_set_etag(res, out);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_user_get(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    enum hl_err e = svc_account_get(&req->ctx, req->ids[0], &out, err);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_user_update(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_account_update(&req->ctx, req->ids[0], version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}
