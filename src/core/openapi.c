/* openapi.c: builds the OpenAPI 3.1 document from the route table and the domain registry. */
#include "openapi.h"
#include "http.h"
#include "domain.h"
#include "workflow.h"
#include "route.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *field_schema(const struct field *f)
{
    json_t *s = json_object();
    const char *type = "string";
    switch (f->type) {
    case FT_INT:
        type = "integer";
        json_object_set_new(s, "minimum", json_integer((json_int_t)f->min));
        json_object_set_new(s, "maximum", json_integer((json_int_t)f->max));
        break;
    case FT_REF:
        type = "integer";
        json_object_set_new(s, "minimum", json_integer(1));
        break;
    case FT_REAL:
        type = "number";
        json_object_set_new(s, "minimum", json_real(f->min));
        json_object_set_new(s, "maximum", json_real(f->max));
        break;
    case FT_BOOL:
        type = "boolean";
        break;
    case FT_TEXT:
        json_object_set_new(s, "minLength", json_integer((json_int_t)f->min));
        json_object_set_new(s, "maxLength", json_integer((json_int_t)f->max));
        break;
    case FT_DATE:
        json_object_set_new(s, "format", json_string("date"));
        break;
    case FT_INSTANT:
        json_object_set_new(s, "format", json_string("date-time"));
        break;
    case FT_HHMM:
        json_object_set_new(s, "pattern", json_string("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"));
        break;
    case FT_ENUM: {
        json_t *e = json_array();
        for (const char *const *c = f->choices; *c; c++)
            json_array_append_new(e, json_string(*c));
        json_object_set_new(s, "enum", e);
        break;
    }
    case FT_TZ:
        json_object_set_new(s, "examples", json_pack("[s]", "Europe/Tallinn"));
        break;
    case FT_EMAIL:
        json_object_set_new(s, "format", json_string("email"));
        break;
    case FT_STRLIST:
        type = "array";
        json_object_set_new(
            s, "items", json_pack("{ss si si}", "type", "string", "minLength", 1, "maxLength", 60));
        json_object_set_new(s, "maxItems", json_integer((json_int_t)f->max));
        break;
    }
    if (f->flags & F_NULLABLE) {
        json_object_set_new(s, "type", json_pack("[s s]", type, "null"));
        if (f->type == FT_ENUM)
            json_array_append_new(json_object_get(s, "enum"), json_null());
    } else {
        json_object_set_new(s, "type", json_string(type));
    }
    if (f->doc)
        json_object_set_new(s, "description", json_string(f->doc));
    return s;
}

static json_t *ref(const char *name)
{
    char buf[128];
    snprintf(buf, sizeof buf, "#/components/schemas/%s", name);
    return json_pack("{ss}", "$ref", buf);
}

/* The record as returned, the body of a create and the body of an update. */
static void entity_schemas(json_t *schemas, const struct entity *ent)
{
    json_t *props = json_object(), *req = json_array();
    json_object_set_new(props, "id", json_pack("{ss si}", "type", "integer", "minimum", 1));
    json_object_set_new(props, "version", json_pack("{ss si}", "type", "integer", "minimum", 1));
    json_object_set_new(props, "created_at",
                        json_pack("{ss ss}", "type", "string", "format", "date-time"));
    json_object_set_new(props, "updated_at",
                        json_pack("{ss ss}", "type", "string", "format", "date-time"));
    json_array_append_new(req, json_string("id"));
    json_array_append_new(req, json_string("version"));
    json_array_append_new(req, json_string("created_at"));
    json_array_append_new(req, json_string("updated_at"));
    json_t *cprops = json_object(), *creq = json_array(), *uprops = json_object();
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        json_object_set_new(props, f->name, field_schema(f));
        json_array_append_new(req, json_string(f->name));
        if (f->flags & F_READONLY)
            continue;
        json_object_set_new(cprops, f->name, field_schema(f));
        if (f->flags & F_REQUIRED)
            json_array_append_new(creq, json_string(f->name));
        if (!(f->flags & F_IMMUTABLE))
            json_object_set_new(uprops, f->name, field_schema(f));
    }
    char name[96];
    json_object_set_new(
        schemas, ent->title,
        json_pack("{ss so so}", "type", "object", "properties", props, "required", req));
    snprintf(name, sizeof name, "%sCreate", ent->title);
    json_object_set_new(schemas, name,
                        json_pack("{ss so so sb}", "type", "object", "properties", cprops,
                                  "required", creq, "additionalProperties", 0));
    snprintf(name, sizeof name, "%sUpdate", ent->title);
    json_object_set_new(
        schemas, name,
        json_pack("{ss so sb}", "type", "object", "properties", uprops, "additionalProperties", 0));
    snprintf(name, sizeof name, "%sPage", ent->title);
    json_object_set_new(schemas, name,
                        json_pack("{ss s{s{ss so} s{s[ss]}} s[ss]}", "type", "object", "properties",
                                  "items", "type", "array", "items", ref(ent->title), "next_cursor",
                                  "type", "string", "null", "required", "items", "next_cursor"));
}

static json_t *query_param(const char *name, json_t *schema, const char *doc)
{
    json_t *p =
        json_pack("{ss ss sb so}", "name", name, "in", "query", "required", 0, "schema", schema);
    if (doc)
        json_object_set_new(p, "description", json_string(doc));
    return p;
}

static json_t *json_body(const char *schema)
{
    return json_pack("{sb s{s{so}}}", "required", 1, "content", "application/json", "schema",
                     ref(schema));
}

static json_t *response_with(const char *desc, json_t *schema)
{
    return json_pack("{ss s{s{so}}}", "description", desc, "content", "application/json", "schema",
                     schema);
}

/* The optional body of a workflow action: its fields, nothing else. */
static json_t *action_body(const struct wf_action *act)
{
    json_t *props = json_object();
    for (size_t i = 0; i < act->nfields; i++)
        json_object_set_new(props, act->fields[i].f.name, field_schema(&act->fields[i].f));
    return json_pack("{sb s{s{s{ss so sb}}}}", "required", 0, "content", "application/json",
                     "schema", "type", "object", "properties", props, "additionalProperties", 0);
}

static json_t *operation(const struct route *r)
{
    json_t *op = json_object(), *params = json_array(), *responses = json_object();
    char opid[160], name[96];
    size_t k = 0;
    for (const char *p = r->method; *p && k < sizeof opid - 1; p++)
        opid[k++] = (char)(*p | 0x20);
    for (const char *p = r->pattern; *p && k < sizeof opid - 1; p++)
        if (*p != '{' && *p != '}')
            opid[k++] = (*p == '/' || *p == '-' || *p == '.') ? '_' : *p;
    opid[k] = '\0';
    json_object_set_new(op, "operationId", json_string(opid));
    json_object_set_new(op, "summary", json_string(r->summary));
    json_object_set_new(op, "x-haldus-need", json_string(need_name(r->need)));
    json_object_set_new(op, "security",
                        r->need == NEED_PUBLIC ? json_array()
                                               : json_pack("[{s[]} {s[]}]", "session", "bearer"));
    if (strstr(r->pattern, "{id}"))
        json_array_append_new(params,
                              json_pack("{ss ss sb s{ss si}}", "name", "id", "in", "path",
                                        "required", 1, "schema", "type", "integer", "minimum", 1));
    const struct entity *ent = r->ent;
    switch (r->op) {
    case OP_LIST:
        json_array_append_new(
            params, query_param("limit",
                                json_pack("{ss si si si}", "type", "integer", "minimum", 1,
                                          "maximum", LIST_MAX_LIMIT, "default", LIST_DEFAULT_LIMIT),
                                "page size"));
        json_array_append_new(params, query_param("cursor", json_pack("{ss}", "type", "string"),
                                                  "next_cursor of the previous page"));
        if (ent->has_name_prefix)
            json_array_append_new(params,
                                  query_param("q", json_pack("{ss}", "type", "string"),
                                              ent->search ? "each word starts a word of the name "
                                                            "or e-mail (case and diacritics "
                                                            "ignored)"
                                                          : "name starts with (case-insensitive)"));
        if (ent->window_start) {
            json_array_append_new(
                params,
                query_param("from", json_pack("{ss ss}", "type", "string", "format", "date-time"),
                            "only records that end after this instant"));
            json_array_append_new(
                params,
                query_param("to", json_pack("{ss ss}", "type", "string", "format", "date-time"),
                            "only records that start before this instant"));
        }
        for (size_t i = 0; i < ent->nfields; i++)
            if (ent->fields[i].flags & F_FILTER) {
                /* A query value is never null, even where the field may be. */
                struct field f = ent->fields[i];
                f.flags &= ~F_NULLABLE;
                json_array_append_new(params, query_param(f.name, field_schema(&f), "equal to"));
            }
        snprintf(name, sizeof name, "%sPage", ent->title);
        json_object_set_new(responses, "200", response_with("a page of records", ref(name)));
        break;
    case OP_GET:
        json_object_set_new(responses, "200", response_with("the record", ref(ent->title)));
        break;
    case OP_CREATE:
        snprintf(name, sizeof name, "%sCreate", ent->title);
        json_object_set_new(op, "requestBody", json_body(name));
        json_object_set_new(responses, "201", response_with("created", ref(ent->title)));
        break;
    case OP_UPDATE:
    case OP_DELETE:
        json_array_append_new(params, json_pack("{ss ss sb s{ss} ss}", "name", "If-Match", "in",
                                                "header", "required", 1, "schema", "type", "string",
                                                "description", "the version you read, like \"3\""));
        if (r->op == OP_UPDATE) {
            snprintf(name, sizeof name, "%sUpdate", ent->title);
            json_object_set_new(op, "requestBody", json_body(name));
            json_object_set_new(responses, "200", response_with("updated", ref(ent->title)));
        } else {
            json_object_set_new(responses, "204", json_pack("{ss}", "description", "deleted"));
        }
        break;
    default:
        for (const struct field *q = r->query; q && q->name; q++)
            json_array_append_new(params, query_param(q->name, field_schema(q), q->doc));
        if (r->act) {
            json_object_set_new(op, "requestBody", action_body(r->act));
            json_object_set_new(responses, "200",
                                response_with("the record after the change",
                                              ref(r->act->answer ? r->act->answer : ent->title)));
        } else if (!r->response) { /* sign-out and the like: nothing to say */
            json_object_set_new(responses, "204", json_pack("{ss}", "description", "done"));
        } else if (strcmp(r->response, "text/calendar") == 0) { /* a calendar feed */
            json_object_set_new(responses, "200",
                                json_pack("{ss s{s{s{ss}}}}", "description", "an RFC 5545 calendar",
                                          "content", "text/calendar", "schema", "type", "string"));
        } else if (strcmp(r->response, "text") == 0) {
            json_object_set_new(responses, "200",
                                json_pack("{ss s{s{s{ss}}}}", "description", "metrics", "content",
                                          "text/plain", "schema", "type", "string"));
        } else {
            json_object_set_new(responses, (r->flags & ROUTE_CREATES) ? "201" : "200",
                                response_with(r->response, json_pack("{ss}", "type", "object")));
        }
        if (!ent && (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PATCH") == 0))
            json_object_set_new(op, "requestBody",
                                json_pack("{sb s{s{s{ss}}}}", "required",
                                          strcmp(r->method, "PATCH") == 0, "content",
                                          "application/json", "schema", "type", "object"));
    }
    json_object_set_new(responses, "default", response_with("an error", ref("Error")));
    json_object_set_new(op, "parameters", params);
    json_object_set_new(op, "responses", responses);
    return op;
}

json_t *openapi_document(void)
{
    json_t *schemas = json_object();
    json_object_set_new(schemas, "Error",
                        json_pack("{ss s{s{ss s{s{ss} s{ss} s{ss}} s[ss]}} s[s]}", "type", "object",
                                  "properties", "error", "type", "object", "properties", "code",
                                  "type", "string", "message", "type", "string", "field", "type",
                                  "string", "required", "code", "message", "required", "error"));
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it));)
        entity_schemas(schemas, e);
    size_t routes_count;
    const struct route *routes = route_table(&routes_count);
    for (size_t i = 0; i < routes_count; i++)
        if (routes[i].act && routes[i].act->answer_schema)
            routes[i].act->answer_schema(schemas);
    json_t *paths = json_object();
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        if (r->flags & ROUTE_PAGE)
            continue;
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char method[8];
        size_t k;
        for (k = 0; r->method[k] && k < sizeof method - 1; k++)
            method[k] = (char)(r->method[k] | 0x20);
        method[k] = '\0';
        json_object_set_new(item, method, operation(r));
    }
    json_t *schemes =
        json_pack("{s{ss ss ss ss} s{ss ss ss}}", "session", "type", "apiKey", "in", "cookie",
                  "name", "haldus_session", "description",
                  "set by POST /api/v1/session; state-changing requests also need X-CSRF-Token",
                  "bearer", "type", "http", "scheme", "bearer", "description",
                  "an API token from POST /api/v1/tokens or `haldus user token`");
    return json_pack("{ss s{ss ss ss} s[{ss}] so s{so so}}", "openapi", "3.1.0", "info", "title",
                     "Haldus API", "version", HALDUS_VERSION, "description",
                     "Administrative assistant management: people, support, absences. "
                     "x-haldus-need on each operation says who may call it: public, "
                     "signed-in, manager or admin.",
                     "servers", "url", "/", "paths", paths, "components", "schemas", schemas,
                     "securitySchemes", schemes);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *text;

static void build_text(void)
{
    json_t *doc = openapi_document();
    text = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
}

const char *openapi_text(void)
{
    pthread_once(&once, build_text);
    return text;
}
