/* api_recruit.c: HTTP ⇄ svc for the recruiting domain's own JSON routes. */
#include "recruit.h"

#include "http.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum hl_err api_recruit_template(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"principal_id", NULL};
    int64_t principal = 0;
    json_t *out;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = http_query_id(req, "principal_id", &principal, err);
    if (e == HL_OK && (e = svc_recruit_template(&req->ctx, principal, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_recruit_generate(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"lang", NULL};
    json_t *out;
    int64_t version;
    enum hl_err e = http_check_query(req, allowed, err);
    const char *lang = http_query(req, "lang");
    if (e == HL_OK)
        e = http_if_match(req, &version, err);
    if (e == HL_OK && (e = svc_recruit_generate_posting(&req->ctx, req->ids[0], lang ? lang : "en",
                                                        version, &out, err)) == HL_OK) {
        snprintf(res->location, sizeof res->location, "/api/v1/postings/%lld",
                 (long long)json_integer_value(json_object_get(out, "id")));
        http_set_etag(res, out);
        http_json(res, 201, out);
    }
    return e;
}

enum hl_err api_recruit_rank(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"stage", "q", "language", "limit", "must_met", NULL};
    struct rank_filter f = {http_query(req, "stage"), http_query(req, "q"),
                            http_query(req, "language"), 50, false};
    enum hl_err e = http_check_query(req, allowed, err);
    const char *must = http_query(req, "must_met");
    if (e == HL_OK && must) {
        if (strcmp(must, "true") != 0 && strcmp(must, "false") != 0)
            e = hl_fail(err, HL_ERR_BAD_REQUEST, "must_met", "must_met must be true or false");
        f.must_met = strcmp(must, "true") == 0;
    }
    const char *limit = http_query(req, "limit");
    if (e == HL_OK && limit) {
        char *end;
        long v = strtol(limit, &end, 10);
        if (*end || v < 1 || v > RECRUIT_RANK_MAX)
            e = hl_fail(err, HL_ERR_BAD_REQUEST, "limit", "limit must be 1 to %d",
                        RECRUIT_RANK_MAX);
        f.limit = (int)v;
    }
    static const char *const stages[] = {"applied", "screening", "interview", "offer",
                                         "hired",   "rejected",  "withdrawn", NULL};
    bool ok = !f.stage;
    for (size_t i = 0; !ok && stages[i]; i++)
        ok = strcmp(stages[i], f.stage) == 0;
    if (e == HL_OK && !ok)
        e = hl_fail(err, HL_ERR_BAD_REQUEST, "stage",
                    "stage must be applied, screening, interview, offer, hired, rejected or "
                    "withdrawn");
    if (e == HL_OK && ((f.q && strlen(f.q) > 200) || (f.language && strlen(f.language) > 40)))
        e = hl_fail(err, HL_ERR_BAD_REQUEST, f.q && strlen(f.q) > 200 ? "q" : "language",
                    "q may have 200 bytes, language 40");
    json_t *out;
    if (e == HL_OK && (e = svc_recruit_rank(&req->ctx, req->ids[0], &f, &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_recruit_board(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK && (e = svc_recruit_board(&req->ctx, req->ids[0], &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_recruit_export(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK && (e = svc_recruit_export(&req->ctx, req->ids[0], &out, err)) == HL_OK)
        http_json(res, 200, out);
    return e;
}

enum hl_err api_recruit_erase(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    int64_t version;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = http_if_match(req, &version, err);
    if (e == HL_OK && (e = svc_recruit_erase(&req->ctx, req->ids[0], version, err)) == HL_OK)
        res->status = 204;
    return e;
}

enum hl_err api_recruit_resume(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    static const struct {
        const char *type, *mime;
    } mimes[] = {
        {"pdf", "application/pdf"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"text", "text/plain; charset=utf-8"},
    };
    unsigned char *data = NULL;
    size_t len = 0;
    char *name = NULL, *type = NULL;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK &&
        (e = svc_recruit_resume(&req->ctx, req->ids[0], &data, &len, &name, &type, err)) == HL_OK) {
        res->status = 200;
        res->raw = (char *)data;
        res->raw_len = len;
        res->content_type = "application/octet-stream";
        for (size_t i = 0; i < sizeof mimes / sizeof mimes[0]; i++)
            if (strcmp(mimes[i].type, type) == 0)
                res->content_type = mimes[i].mime;
        /* Always a download, never shown inline in Haldus's origin. */
        res->csp = "default-src 'none'; frame-ancestors 'none'; sandbox";
    }
    free(name);
    free(type);
    return e;
}

enum hl_err api_recruit_settings(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK && (e = svc_recruit_settings(&req->ctx, &out, err)) == HL_OK) {
        http_set_etag(res, out);
        http_json(res, 200, out);
    }
    return e;
}

enum hl_err api_recruit_settings_update(struct request *req, struct response *res,
                                        struct hl_error *err)
{
    static const char *const allowed[] = {"retention_days", NULL};
    int64_t version;
    json_t *body = NULL, *out;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK &&
        (e = svc_recruit_settings_update(&req->ctx, version, body, &out, err)) == HL_OK) {
        http_set_etag(res, out);
        http_json(res, 200, out);
    }
    json_decref(body);
    return e;
}
