/* route.c: the route table (every URL in one place, each with who may call it) and the
 * matcher. */
#include "route.h"
#include "api.h"
#include "domain.h"
#include "ident.h"
#include "mem.h"
#include "workflow.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field q_audit[] = {
    {"entity", FT_TEXT, 0, 1, 60, NULL, NULL, NULL, "only rows about this entity (\"absence\")"},
    {"entity_id", FT_INT, 0, 1, 9007199254740991.0, NULL, NULL, NULL, "only rows about this id"},
    {"account_id", FT_INT, 0, 1, 9007199254740991.0, NULL, NULL, NULL, "only rows by this account"},
    QUERY_PAGING,
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

/* The core's own routes; the domains bring the rest (domain.h). */
static const struct route core_routes[] = {
    {"GET", "/healthz", api_healthz, NULL, 0, NEED_PUBLIC, 0,
     "Liveness: 200 while the server answers", NULL, "status", NULL, NULL},
    {"GET", "/metrics", api_metrics, NULL, 0, NEED_MANAGER, 0,
     "Counters in the Prometheus text format", NULL, "text", NULL, NULL},
    {"GET", "/api/v1/openapi.json", api_openapi, NULL, 0, NEED_ANY, 0,
     "This API described in OpenAPI 3.1", NULL, "object", NULL, NULL},
    {"GET", "/api/v1/audit", api_audit_list, NULL, 0, NEED_MANAGER, 0,
     "The audit log, newest first", q_audit, "page", NULL, NULL},
    {"POST", "/api/v1/import/org", api_org_import, NULL, 0, NEED_MANAGER, ROUTE_UPLOAD,
     "Import an organisation {files: {\"assistants.csv\": CSV text, …}, dry_run}, all or "
     "nothing, as `haldus import org` (docs/organisation.md)",
     NULL, "import", NULL, NULL},
};

/* "absences" → "absences", "designated-backups" → "designated backups": for summaries. */
static char *words(const char *path)
{
    char *s = hl_strdup(path);
    for (char *p = s; *p; p++)
        if (*p == '-')
            *p = ' ';
    return s;
}

static const char *article(const char *name)
{
    return strchr("aeiou", name[0]) ? "an" : "a";
}

struct table {
    struct route *r;
    size_t n, cap;
};

static struct route *table_add(struct table *t)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->r = hl_realloc(t->r, t->cap * sizeof *t->r);
    }
    memset(&t->r[t->n], 0, sizeof *t->r);
    return &t->r[t->n++];
}

/* The CRUD routes of one entity, as its ops say. Anyone signed in reads (the visibility policy
 * applies); managers write, and so do owners where the entity has an owner field. */
static void add_entity_routes(struct table *t, const struct entity *ent)
{
    static const struct {
        unsigned op;
        const char *method;
        bool item;
        handler_fn handler;
        const char *verb;
    } ops[] = {
        {OP_LIST, "GET", false, api_entity_list, "List"},
        {OP_CREATE, "POST", false, api_entity_create, "Create"},
        {OP_GET, "GET", true, api_entity_get, "Get"},
        {OP_UPDATE, "PATCH", true, api_entity_update, "Update"},
        {OP_DELETE, "DELETE", true, api_entity_delete, "Delete"},
    };
    char *plural = words(ent->path);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (!(ent->ops & ops[i].op))
            continue;
        struct route *r = table_add(t);
        r->method = ops[i].method;
        r->pattern = hl_asprintf("/api/v1/%s%s", ent->path, ops[i].item ? "/{id}" : "");
        r->handler = ops[i].handler;
        r->ent = ent;
        r->op = ops[i].op;
        /* Reading is for everyone the visibility admits: nobody else when it is managers-only
         * (403, not an empty list). Writing needs an owner field to be anyone's. */
        if (ops[i].op & (OP_LIST | OP_GET))
            r->need = ent->vis.policy == VIS_MANAGERS ? NEED_MANAGER : NEED_ANY;
        else
            r->need = ent->owner ? NEED_ANY : NEED_MANAGER;
        r->summary = ops[i].op == OP_LIST
                         ? hl_asprintf("%s %s", ops[i].verb, plural)
                         : hl_asprintf("%s %s %s", ops[i].verb, article(ent->name), ent->name);
    }
    free(plural);
}

/* POST /api/v1/<path>/{id}/<action> for every action of the workflow. */
static void add_workflow_routes(struct table *t, const struct workflow *wf)
{
    for (size_t i = 0; i < wf->nactions; i++) {
        const struct wf_action *act = &wf->actions[i];
        struct route *r = table_add(t);
        r->method = "POST";
        r->pattern = hl_asprintf("/api/v1/%s/{id}/%s", wf->ent->path, act->name);
        r->handler = api_workflow_action;
        r->ent = wf->ent;
        /* With stand-ins, the service decides who may (svc_workflow_act): a stand-in approver
         * is signed in with their own role. */
        r->need = act->managers_only && !wf->ent->vis.standin ? NEED_MANAGER : NEED_ANY;
        r->flags = act->route_flags;
        r->summary = act->summary;
        r->wf = wf;
        r->act = act;
    }
}

static struct table built;
static pthread_once_t built_once = PTHREAD_ONCE_INIT;

static void build(void)
{
    struct table t = {0};
    for (size_t i = 0; i < sizeof core_routes / sizeof core_routes[0]; i++)
        *table_add(&t) = core_routes[i];
    for (const struct domain *const *d = domain_registry; *d; d++) {
        for (const struct entity *const *e = (*d)->entities; e && *e; e++)
            add_entity_routes(&t, *e);
        for (const struct workflow *const *w = (*d)->workflows; w && *w; w++)
            add_workflow_routes(&t, *w);
        for (size_t i = 0; i < (*d)->nroutes; i++)
            *table_add(&t) = (*d)->routes[i];
    }
    built = t;
}

const struct route *route_table(size_t *n)
{
    pthread_once(&built_once, build);
    *n = built.n;
    return built.r;
}

const char *need_name(enum need n)
{
    switch (n) {
    case NEED_PUBLIC:
        return "public";
    case NEED_ANY:
        return "signed-in";
    case NEED_MANAGER:
        return "manager";
    default:
        return "admin";
    }
}

/* Matches path against pattern; fills ids. */
static bool pattern_match(const char *pattern, const char *path, int64_t ids[2])
{
    int nid = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (strncmp(p, "{id}", 4) == 0) {
            const char *end;
            int64_t v;
            if (!id_parse_prefix(s, &end, &v) || (*end && *end != '/') || nid == 2)
                return false;
            ids[nid++] = v;
            s = end;
            p += 4;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

const struct route *route_match(const char *method, const char *path, int64_t ids[2], char *allow,
                                size_t allow_size)
{
    allow[0] = '\0';
    size_t routes_count;
    const struct route *routes = route_table(&routes_count);
    for (size_t i = 0; i < routes_count; i++) {
        int64_t tmp[2] = {0, 0};
        if (!pattern_match(routes[i].pattern, path, tmp))
            continue;
        if (strcmp(routes[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
            ids[0] = tmp[0];
            ids[1] = tmp[1];
            return &routes[i];
        }
        size_t len = strlen(allow);
        snprintf(allow + len, allow_size - len, "%s%s", len ? ", " : "", routes[i].method);
    }
    return NULL;
}
