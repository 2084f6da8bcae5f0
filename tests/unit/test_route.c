/* test_route.c: unit tests of src/core/route.c: the route table's consistency and route_match (ids,
 * paths that must not match, 405 with Allow, HEAD). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "api.h"
#include "absence.h"
#include "people.h"
#include "domain.h"
#include "workflow.h"
#include "route.h"

#include <stdio.h>
#include <string.h>

/* Matches and returns the route; allow is filled, ids set to -1 first. */
static const struct route *match(const char *method, const char *path, int64_t ids[2], char *allow,
                                 size_t allow_size)
{
    ids[0] = ids[1] = -1;
    memset(allow, 'x', allow_size);
    return route_match(method, path, ids, allow, allow_size);
}

static void test_match_ids(void **state)
{
    (void)state;
    int64_t ids[2];
    char allow[64];
    const struct route *r = match("GET", "/api/v1/assistants/42", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_entity_get);
    assert_ptr_equal(r->ent, &ent_assistant);
    assert_int_equal(r->op, OP_GET);
    assert_int_equal(ids[0], 42);
    assert_string_equal(allow, "");

    r = match("PATCH", "/api/v1/absences/9007199254740993", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_entity_update);
    assert_ptr_equal(r->ent, &ent_absence);
    assert_int_equal(ids[0], 9007199254740993LL);

    r = match("GET", "/api/v1/assistants/7/principals", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_principals_of);
    assert_int_equal(ids[0], 7);

    r = match("GET", "/api/v1/principals/12/supporters", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_supporters);
    assert_int_equal(ids[0], 12);

    r = match("POST", "/api/v1/absences/3/approve", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_workflow_action);
    assert_ptr_equal(r->wf, &wf_absence);
    assert_string_equal(r->act->name, "approve");
    /* open at the route to a stand-in approver of any role; the service decides (svc_workflow) */
    assert_int_equal(r->need, NEED_ANY);
    assert_true(r->act->managers_only);
    assert_int_equal(ids[0], 3);
    r = match("POST", "/api/v1/absences/3/reject", ids, allow, sizeof allow);
    assert_ptr_equal(r->handler, api_workflow_action);
    assert_string_equal(r->act->name, "reject");
    r = match("POST", "/api/v1/absences/3/cancel", ids, allow, sizeof allow);
    assert_ptr_equal(r->handler, api_workflow_action);
    assert_string_equal(r->act->name, "cancel");
    assert_int_equal(r->need, NEED_ANY);

    r = match("GET", "/api/v1/assistants", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_entity_list);
    assert_int_equal(r->op, OP_LIST);
    r = match("POST", "/api/v1/work-patterns", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_entity_create);
    assert_ptr_equal(r->ent, &ent_work_pattern);
    r = match("DELETE", "/api/v1/designated-backups/5", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_entity_delete);
    assert_ptr_equal(r->ent, &ent_backup);
    assert_int_equal(ids[0], 5);
    r = match("GET", "/healthz", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_healthz);
    r = match("GET", "/api/v1/openapi.json", ids, allow, sizeof allow);
    assert_ptr_equal(r->handler, api_openapi);
}

static void test_not_matched(void **state)
{
    (void)state;
    static const char *const paths[] = {
        "/abc",
        "/",
        "",
        "/api/v1/assistants/0",
        "/api/v1/assistants/007",
        "/api/v1/assistants/-1",
        "/api/v1/assistants/+1",
        "/api/v1/assistants/ 1",
        "/api/v1/assistants/1x",
        "/api/v1/assistants/1.5",
        "/api/v1/assistants/99999999999999999999", /* past int64 */
        "/api/v1/assistants/",
        "/api/v1/assistants/5/",
        "/api/v1/assistants//5",
        "/api/v1/assistants/{id}",
        "/api/v1/assistant/5",
        "/api/v1/assistantsx",
        "/api/v1/Assistants",
        "/api/v2/assistants",
        "/api/v1/assistants/5/principals/6",
        "/api/v1/absences/3/approve/",
        "/api/v1/absences/3/delete",
        "/healthz/",
        "/healthzz",
        "/api/v1/openapi.jso",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        for (int m = 0; m < 4; m++) {
            static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE"};
            int64_t ids[2];
            char allow[64];
            const struct route *r = match(methods[m], paths[i], ids, allow, sizeof allow);
            if (r)
                fail_msg("%s \"%s\" matched %s %s", methods[m], paths[i], r->method, r->pattern);
            if (allow[0])
                fail_msg("%s \"%s\" has no route, yet allow is \"%s\"", methods[m], paths[i],
                         allow);
        }
}

static void test_method_not_allowed(void **state)
{
    (void)state;
    static const struct {
        const char *method, *path, *allow;
    } cases[] = {
        {"PUT", "/api/v1/assistants/5", "GET, PATCH, DELETE"},
        {"POST", "/api/v1/assistants/5", "GET, PATCH, DELETE"},
        {"DELETE", "/api/v1/assistants", "GET, POST"},
        {"PATCH", "/api/v1/absences", "GET, POST"},
        {"POST", "/api/v1/people", "GET"},
        {"DELETE", "/api/v1/people/3", "GET"},
        {"POST", "/healthz", "GET"},
        {"GET", "/api/v1/absences/3/approve", "POST"},
        {"HEAD", "/api/v1/absences/3/cancel", "POST"},
        {"DELETE", "/api/v1/principals/4/supporters", "GET"},
        {"get", "/healthz", "GET"}, /* methods are case-sensitive */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t ids[2];
        char allow[64];
        const struct route *r = match(cases[i].method, cases[i].path, ids, allow, sizeof allow);
        if (r)
            fail_msg("%s %s matched %s %s", cases[i].method, cases[i].path, r->method, r->pattern);
        if (strcmp(allow, cases[i].allow) != 0)
            fail_msg("%s %s: allow \"%s\", expected \"%s\"", cases[i].method, cases[i].path, allow,
                     cases[i].allow);
    }
    /* A small allow buffer is cut off, never overrun. */
    char small[12];
    int64_t ids[2];
    memset(small, 'x', sizeof small);
    assert_null(route_match("PUT", "/api/v1/assistants/5", ids, small, 8));
    assert_int_equal(strlen(small), 7);
    assert_memory_equal(small, "GET, PA", 8);
    assert_int_equal(small[8], 'x');
}

static void test_head_is_get(void **state)
{
    (void)state;
    int64_t ids[2];
    char allow[64];
    const struct route *r = match("HEAD", "/api/v1/principals/8", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_string_equal(r->method, "GET");
    assert_ptr_equal(r->handler, api_entity_get);
    assert_int_equal(ids[0], 8);
    r = match("HEAD", "/healthz", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_healthz);
    r = match("HEAD", "/api/v1/skills", ids, allow, sizeof allow);
    assert_non_null(r);
    assert_int_equal(r->op, OP_LIST);
}

static const char *op_method(unsigned op)
{
    switch (op) {
    case OP_LIST:
    case OP_GET:
        return "GET";
    case OP_CREATE:
        return "POST";
    case OP_UPDATE:
        return "PATCH";
    default:
        return "DELETE";
    }
}

static handler_fn op_handler(unsigned op)
{
    switch (op) {
    case OP_LIST:
        return api_entity_list;
    case OP_GET:
        return api_entity_get;
    case OP_CREATE:
        return api_entity_create;
    case OP_UPDATE:
        return api_entity_update;
    default:
        return api_entity_delete;
    }
}

static void test_table(void **state)
{
    (void)state;
    size_t routes_count;
    const struct route *routes = route_table(&routes_count);
    assert_true(routes_count > 0);
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        assert_non_null(r->method);
        assert_non_null(r->pattern);
        if (!r->handler)
            fail_msg("%s %s has no handler", r->method, r->pattern);
        assert_int_equal(r->pattern[0], '/');
        assert_non_null(r->summary);
        assert_true(strcmp(r->method, "GET") == 0 || strcmp(r->method, "POST") == 0 ||
                    strcmp(r->method, "PATCH") == 0 || strcmp(r->method, "DELETE") == 0);
        if (r->op) {
            /* A generic route: one operation, its entity allows it, the method and handler
             * fit it, and the path is the entity's. */
            if (!r->ent)
                fail_msg("%s %s is generic but has no entity", r->method, r->pattern);
            assert_int_equal(r->op & (r->op - 1), 0);
            assert_true(r->ent->ops & r->op);
            assert_string_equal(r->method, op_method(r->op));
            assert_ptr_equal(r->handler, op_handler(r->op));
            char want[160];
            snprintf(want, sizeof want, "/api/v1/%s%s", r->ent->path,
                     (r->op & (OP_LIST | OP_CREATE)) ? "" : "/{id}");
            assert_string_equal(r->pattern, want);
        } else if (r->ent) {
            /* A custom route of an entity lives under that entity's path. */
            char prefix[160];
            snprintf(prefix, sizeof prefix, "/api/v1/%s/", r->ent->path);
            assert_memory_equal(r->pattern, prefix, strlen(prefix));
        }
        /* No two routes share method and pattern (the second could never match). */
        for (size_t k = 0; k < i; k++)
            if (strcmp(routes[k].method, r->method) == 0 &&
                strcmp(routes[k].pattern, r->pattern) == 0)
                fail_msg("%s %s is in the table twice", r->method, r->pattern);
        /* Each route is the one its own path finds. */
        char path[200];
        const char *brace = strstr(r->pattern, "{id}");
        if (brace)
            snprintf(path, sizeof path, "%.*s17%s", (int)(brace - r->pattern), r->pattern,
                     brace + 4);
        else
            snprintf(path, sizeof path, "%s", r->pattern);
        int64_t ids[2];
        char allow[64];
        assert_ptr_equal(match(r->method, path, ids, allow, sizeof allow), r);
        if (brace)
            assert_int_equal(ids[0], 17);
    }
    /* Every operation an entity offers has its route, and no other. */
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it));)
        for (unsigned op = OP_LIST; op <= OP_DELETE; op <<= 1) {
            int found = 0;
            for (size_t i = 0; i < routes_count; i++)
                if (routes[i].ent == e && routes[i].op == op)
                    found++;
            if (found != ((e->ops & op) ? 1 : 0))
                fail_msg("entity %s, operation %s: %d routes", e->name, op_method(op), found);
        }
    /* Every action of every workflow has exactly one route, POST under its entity's path. */
    for (const struct domain *const *d = domain_registry; *d; d++)
        for (const struct workflow *const *w = (*d)->workflows; w && *w; w++)
            for (size_t a = 0; a < (*w)->nactions; a++) {
                int found = 0;
                for (size_t i = 0; i < routes_count; i++)
                    if (routes[i].act == &(*w)->actions[a]) {
                        found++;
                        assert_string_equal(routes[i].method, "POST");
                        assert_ptr_equal(routes[i].ent, (*w)->ent);
                    }
                if (found != 1)
                    fail_msg("%s action %s: %d routes", (*w)->ent->name, (*w)->actions[a].name,
                             found);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_ids),
        cmocka_unit_test(test_not_matched),
        cmocka_unit_test(test_method_not_allowed),
        cmocka_unit_test(test_head_is_get),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
