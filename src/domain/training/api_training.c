/* api_training.c: HTTP ⇄ svc for the training domain's own routes. */
#include "training.h"

#include "http.h"
#include "svc_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An integer query parameter in [lo, hi]; *v keeps its default when absent. */
static enum hl_err query_int(struct request *req, const char *name, int64_t lo, int64_t hi,
                             int64_t *v, struct hl_error *err)
{
    const char *s = http_query(req, name);
    if (!s)
        return HL_OK;
    char *end;
    long long x = strtoll(s, &end, 10);
    if (!*s || *end || x < lo || x > hi)
        return hl_fail(err, HL_ERR_BAD_REQUEST, name, "%s must be a whole number from %lld to %lld",
                       name, (long long)lo, (long long)hi);
    *v = x;
    return HL_OK;
}

static enum hl_err answer(struct response *res, enum hl_err e, int status, json_t *out)
{
    if (e == HL_OK)
        http_json(res, status, out);
    return e;
}

enum hl_err api_training_enrol(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"assistant_id", "note", NULL};
    json_t *body = NULL, *out = NULL;
    enum hl_err e = http_json_fields(req, allowed, true, &body, err);
    if (e != HL_OK)
        return e;
    json_t *a = json_object_get(body, "assistant_id"), *n = json_object_get(body, "note");
    int64_t assistant = req->ctx.who ? req->ctx.who->person_id : 0;
    if (a && (!json_is_integer(a) || json_integer_value(a) < 1))
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id is the id of an assistant");
    else if (a)
        assistant = json_integer_value(a);
    else if (!assistant)
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id is required");
    if (e == HL_OK && n && (!json_is_string(n) || strlen(json_string_value(n)) > 1000))
        e = hl_fail(err, HL_ERR_INVALID, "note", "note is text of at most 1000 characters");
    if (e == HL_OK)
        e = svc_training_enrol(&req->ctx, req->ids[0], assistant, json_string_value(n), &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/training-enrolments/%lld",
             (long long)json_integer_value(json_object_get(out, "id")));
    http_set_etag(res, out);
    http_json(res, 201, out);
    return HL_OK;
}

enum hl_err api_training_impact(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *body = NULL, *out = NULL;
    enum hl_err e = http_json_fields(req, none, true, &body, err);
    json_decref(body);
    if (e == HL_OK)
        e = svc_training_impact(&req->ctx, req->ids[0], &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_attend(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"meeting_id", "start_at", "present", NULL};
    json_t *body = NULL, *out = NULL;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK)
        e = svc_training_attend(&req->ctx, req->ids[0], body, &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_set_etag(res, out);
    return answer(res, e, 201, out);
}

enum hl_err api_training_certify(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"title", "issued_on", "expires_on", NULL};
    json_t *body = NULL, *out = NULL;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK)
        e = svc_training_certify(&req->ctx, req->ids[0], body, &out, err);
    json_decref(body);
    return answer(res, e, 201, out);
}

enum hl_err api_training_session(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_training_session_view(&req->ctx, req->ids[0], &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_courses(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"skill_id", "min_level", NULL};
    int64_t skill = 0, level = 0;
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = http_query_id(req, "skill_id", &skill, err);
    if (e == HL_OK)
        e = query_int(req, "min_level", 1, 5, &level, err);
    if (e == HL_OK)
        e = svc_training_courses_for(&req->ctx, skill, (int)level, &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_needs(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"assistant_id", "soon_days", NULL};
    int64_t assistant = 0, soon = TRAINING_NOTICE_FAR;
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = http_query_id(req, "assistant_id", &assistant, err);
    if (e == HL_OK)
        e = query_int(req, "soon_days", 0, 365, &soon, err);
    if (e == HL_OK)
        e = svc_training_needs(&req->ctx, assistant, (int)soon, &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_budget(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"year", NULL};
    int64_t year = 0;
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = query_int(req, "year", 2000, 2100, &year, err);
    if (e == HL_OK)
        e = svc_training_budget(&req->ctx, (int)year, &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_settings(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_training_settings(&req->ctx, &out, err);
    if (e == HL_OK)
        http_set_etag(res, out);
    return answer(res, e, 200, out);
}

enum hl_err api_training_settings_update(struct request *req, struct response *res,
                                         struct hl_error *err)
{
    static const char *const allowed[] = {"yearly_budget", "currency", NULL};
    json_t *body = NULL, *out = NULL;
    int64_t version;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = http_json_fields(req, allowed, false, &body, err);
    if (e == HL_OK)
        e = svc_training_settings_update(&req->ctx, version, body, &out, err);
    json_decref(body);
    if (e == HL_OK)
        http_set_etag(res, out);
    return answer(res, e, 200, out);
}

enum hl_err api_training_late(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_training_late(&req->ctx, &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_mine(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"assistant_id", NULL};
    int64_t assistant = 0;
    json_t *out = NULL;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e == HL_OK)
        e = http_query_id(req, "assistant_id", &assistant, err);
    if (e == HL_OK)
        e = svc_training_mine(&req->ctx, assistant, &out, err);
    return answer(res, e, 200, out);
}

enum hl_err api_training_notify(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *body = NULL;
    int queued = 0;
    enum hl_err e = http_json_fields(req, none, true, &body, err);
    json_decref(body);
    if (e == HL_OK)
        e = svc_training_expiry_notices(&req->ctx, &queued, err);
    return answer(res, e, 200, e == HL_OK ? json_pack("{si}", "queued", queued) : NULL);
}
