/* api_mail.c: HTTP ⇄ svc for the relay's settings, retrying mail, the outbox's counts and each
 * person's notifications. */
#include "api_mail.h"

#include "mail.h"
#include "store_mail.h"
#include "svc_record.h"

#include <string.h>

/* Adds what the settings record cannot say: whether a relay is in effect, which settings the
 * server's command line overrides and whether it has a password (never the password). */
static void settings_runtime(struct request *req, json_t *out)
{
    struct mail_overrides o;
    bool set = mail_overrides_get(&o);
    json_t *cl = json_array();
    if (set) {
        if (o.smtp_url)
            json_array_append_new(cl, json_string("smtp_url"));
        if (o.from_address)
            json_array_append_new(cl, json_string("from_address"));
        if (o.username)
            json_array_append_new(cl, json_string("username"));
        if (o.retry_limit)
            json_array_append_new(cl, json_string("retry_limit"));
        if (o.retry_base_seconds)
            json_array_append_new(cl, json_string("retry_base_seconds"));
    }
    struct mail_relay r;
    struct hl_error err;
    bool configured = false;
    if (mail_relay_resolve(req->ctx.db, set ? &o : NULL, &r, &err) == HL_OK) {
        configured = r.url != NULL;
        mail_relay_cleanup(&r);
    }
    json_object_set_new(out, "configured", json_boolean(configured));
    json_object_set_new(out, "command_line", cl);
    json_object_set_new(out, "password_set", json_boolean(set && o.password && *o.password));
}

enum hl_err api_mail_settings(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    enum hl_err e = svc_mail_settings(&req->ctx, &out, err);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    settings_runtime(req, out);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_mail_settings_update(struct request *req, struct response *res,
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
    e = svc_mail_settings_update(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    settings_runtime(req, out);
    mail_sender_wake();
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_mail_retry(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    int64_t version = IF_MATCH_NONE; /* If-Match is optional: a retry of a mail that changed is
                                        harmless, but a client may guard it */
    enum hl_err e = HL_OK;
    if (MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-Match"))
        e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = svc_mail_retry(&req->ctx, req->ids[0], version, &out, err);
    if (e != HL_OK)
        return e;
    mail_sender_wake();
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_mail_retry_failed(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"status", NULL};
    json_t *body;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    const char *status = json_string_value(json_object_get(body, "status"));
    if (!status || strcmp(status, "failed") != 0)
        e = hl_fail(err, HL_ERR_INVALID, "status",
                    "status must be \"failed\": every failed mail is queued again");
    json_decref(body);
    int64_t n = 0;
    if (e == HL_OK)
        e = svc_mail_retry_failed(&req->ctx, &n, err);
    if (e != HL_OK)
        return e;
    mail_sender_wake();
    http_json(res, 200, json_pack("{sI}", "requeued", (json_int_t)n));
    return HL_OK;
}

enum hl_err api_mail_summary(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_mail_summary(&req->ctx, &out, err);
    if (e != HL_OK)
        return e;
    json_t *tmp = json_object();
    settings_runtime(req, tmp);
    json_object_set(out, "configured", json_object_get(tmp, "configured"));
    json_decref(tmp);
    http_json(res, 200, out);
    return HL_OK;
}

enum hl_err api_mail_prefs(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *out;
    enum hl_err e = svc_mail_prefs(&req->ctx, &out, err);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_mail_prefs_update(struct request *req, struct response *res, struct hl_error *err)
{
    json_t *body, *out = NULL;
    enum hl_err e = http_json_body(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_mail_prefs_update(&req->ctx, body, &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_mail_test(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"person_id", "to_address", "calendar", NULL};
    json_t *body;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        return e;
    const json_t *p = json_object_get(body, "person_id"), *a = json_object_get(body, "to_address"),
                 *cal = json_object_get(body, "calendar");
    const char *addr = json_string_value(a);
    if (p && (!json_is_integer(p) || json_integer_value(p) < 1))
        e = hl_fail(err, HL_ERR_INVALID, "person_id", "person_id must be a person's id");
    else if (a && (!addr || strlen(addr) < 3 || strlen(addr) > 254 || !strchr(addr, '@') ||
                   strpbrk(addr, "<>\"(),;:\\[] \r\n\t")))
        e = hl_fail(err, HL_ERR_INVALID, "to_address",
                    "to_address must be an address like someone@example.org");
    else if (!p == !a)
        e = hl_fail(err, HL_ERR_INVALID, "person_id", "give either person_id or to_address");
    else if (cal && !json_is_boolean(cal))
        e = hl_fail(err, HL_ERR_INVALID, "calendar", "calendar must be true or false");
    int64_t id = 0;
    if (e == HL_OK)
        e = svc_mail_test(&req->ctx, p ? json_integer_value(p) : 0, addr, json_is_true(cal), &id,
                          err);
    if (e == HL_ERR_NOT_FOUND)
        e = hl_fail(err, HL_ERR_INVALID, "person_id", "no person %" JSON_INTEGER_FORMAT,
                    json_integer_value(p));
    json_decref(body);
    if (e != HL_OK)
        return e;
    mail_sender_wake();
    http_json(res, id ? 201 : 200,
              json_pack("{sI sb}", "id", (json_int_t)id, "opted_out", id == 0));
    return HL_OK;
}
