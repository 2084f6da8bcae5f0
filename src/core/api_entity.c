/* api_entity.c: HTTP ⇄ svc for every table-driven entity: list, get, create, update, delete. */
#include "api.h"
#include "jsonw.h"
#include "route.h"
#include "svc_entity.h"
#include "workflow.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds the list query from ?limit, ?cursor, ?q, ?from, ?to and the entity's filters. */
static enum hl_err parse_list_query(struct request *req, const struct entity *ent,
                                    struct list_query *q, json_t *owned, struct hl_error *err)
{
    const char *allowed[LIST_MAX_FILTERS + 8];
    size_t n = 0;
    allowed[n++] = "limit";
    allowed[n++] = "cursor";
    if (ent->has_name_prefix)
        allowed[n++] = "q";
    if (ent->window_start) {
        allowed[n++] = "from";
        allowed[n++] = "to";
    }
    for (size_t i = 0; i < ent->nfields && n < LIST_MAX_FILTERS + 6; i++)
        if (ent->fields[i].flags & F_FILTER)
            allowed[n++] = ent->fields[i].name;
    allowed[n] = NULL;
    enum hl_err e = http_check_query(req, allowed, err);
    if (e != HL_OK || (e = http_paging(req, &q->limit, &q->after_id, err)) != HL_OK)
        return e;
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        const char *text = (f->flags & F_FILTER) ? http_query(req, f->name) : NULL;
        if (!text)
            continue;
        json_t *v;
        if ((e = field_from_text(f, text, &v, err)) != HL_OK)
            return e;
        json_array_append_new(owned, v);
        q->filters[q->nfilters].field = f;
        q->filters[q->nfilters].value = v;
        q->nfilters++;
    }
    const char *prefix = ent->has_name_prefix ? http_query(req, "q") : NULL;
    if (prefix && strlen(prefix) > 200)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "q", "q may be at most 200 characters long");
    q->name_prefix = prefix && *prefix ? prefix : NULL;
    const char *from = ent->window_start ? http_query(req, "from") : NULL;
    const char *to = ent->window_start ? http_query(req, "to") : NULL;
    if (from || to) {
        q->window = true;
        q->from = INT64_MIN;
        q->to = INT64_MAX;
        if (from && !instant_parse(from, &q->from))
            return hl_fail(err, HL_ERR_BAD_REQUEST, "from",
                           "from must be an RFC 3339 instant like 2026-12-01T00:00:00Z");
        if (to && !instant_parse(to, &q->to))
            return hl_fail(err, HL_ERR_BAD_REQUEST, "to",
                           "to must be an RFC 3339 instant like 2026-12-08T00:00:00Z");
        if (q->to <= q->from)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "to", "to must be after from");
    }
    return HL_OK;
}

enum hl_err api_entity_list(struct request *req, struct response *res, struct hl_error *err)
{
    const struct entity *ent = req->route->ent;
    struct list_query q = {0};
    json_t *owned = json_array();
    struct buf page;
    buf_init(&page, 0);
    buf_puts(&page, "{\"items\":");
    int64_t last = 0;
    bool more = false;
    enum hl_err e = parse_list_query(req, ent, &q, owned, err);
    if (e == HL_OK)
        e = svc_entity_list_text(&req->ctx, ent, &q, &page, &last, &more, err);
    json_decref(owned);
    if (e != HL_OK) {
        buf_cleanup(&page);
        return e;
    }
    buf_puts(&page, ",\"next_cursor\":");
    if (more && last) {
        char *c = http_cursor_encode(last);
        jw_string(&page, c, strlen(c));
        free(c);
    } else {
        buf_puts(&page, "null");
    }
    buf_append(&page, "}", 1);
    res->status = 200;
    res->raw_len = page.len;
    res->raw = buf_steal(&page);
    res->content_type = "application/json";
    return HL_OK;
}

enum hl_err api_entity_get(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const none[] = {NULL};
    json_t *rec;
    enum hl_err e = http_check_query(req, none, err);
    if (e == HL_OK)
        e = svc_entity_get(&req->ctx, req->route->ent, req->ids[0], &rec, err);
    if (e != HL_OK)
        return e;
    http_set_etag(res, rec);
    http_json(res, 200, rec);
    return HL_OK;
}

enum hl_err api_entity_create(struct request *req, struct response *res, struct hl_error *err)
{
    const struct entity *ent = req->route->ent;
    json_t *body, *rec;
    enum hl_err e = http_json_body(req, &body, err);
    if (e != HL_OK)
        return e;
    e = svc_entity_create(&req->ctx, ent, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    snprintf(res->location, sizeof res->location, "/api/v1/%s/%lld", ent->path,
             (long long)json_integer_value(json_object_get(rec, "id")));
    http_set_etag(res, rec);
    http_json(res, 201, rec);
    return HL_OK;
}

enum hl_err api_entity_update(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    json_t *body, *rec;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_body(req, &body, err)) != HL_OK)
        return e;
    e = svc_entity_update(&req->ctx, req->route->ent, req->ids[0], version, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, rec);
    http_json(res, 200, rec);
    return HL_OK;
}

enum hl_err api_entity_delete(struct request *req, struct response *res, struct hl_error *err)
{
    int64_t version;
    enum hl_err e = http_if_match(req, &version, err);
    if (e == HL_OK)
        e = svc_entity_delete(&req->ctx, req->route->ent, req->ids[0], version, err);
    if (e != HL_OK)
        return e;
    res->status = 204;
    return HL_OK;
}

enum hl_err api_workflow_action(struct request *req, struct response *res, struct hl_error *err)
{
    const struct wf_action *act = req->route->act;
    const char *allowed[WF_MAX_FIELDS + 1];
    size_t n = 0;
    for (; n < act->nfields && n < WF_MAX_FIELDS; n++)
        allowed[n] = act->fields[n].f.name;
    allowed[n] = NULL;
    int64_t version;
    json_t *body = NULL, *out = NULL;
    enum hl_err e = http_if_match(req, &version, err);
    if (e != HL_OK || (e = http_json_fields(req, allowed, true, &body, err)) != HL_OK)
        return e;
    e = svc_workflow_act(&req->ctx, req->route->wf, act, req->ids[0], version, body, &out, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    http_set_etag(res, out);
    http_json(res, 200, out);
    return HL_OK;
}
