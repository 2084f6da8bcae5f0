/* test_example.c: the domain kit end to end with a domain the shipped binary does not have
 * (tests/unit/example/): registered with one line, it gets its routes, its workflow actions
 * with their request schema, one audited use case per action and a `parties` visibility —
 * without any code outside its folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "api.h"
#include "domain.h"
#include "example/example.h"
#include "openapi.h"
#include "people.h"
#include "route.h"
#include "svc_entity.h"
#include "testutil.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

/* The registry line: every shipped domain, and the example (room for many more domains; the
 * loop refuses to overrun it). */
static const struct domain *registry[64];

static void register_example(void)
{
    size_t n = 0;
    for (const struct domain *const *d = domain_registry; *d; d++) {
        assert_true(n + 2 < sizeof registry / sizeof registry[0]);
        registry[n++] = *d;
    }
    registry[n++] = &domain_example;
    registry[n] = NULL;
    domain_registry = registry;
}

/* The example's one migration, read from the source tree, then the generated triggers. */
static int setup(void **state)
{
    fixture_setup(state);
    struct fixture *f = *state;
    const char *root = getenv("HALDUS_SOURCE_ROOT");
    assert_non_null(root);
    char *path = hl_asprintf("%s/tests/unit/example/900_example.sql", root);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char sql[8192];
    size_t len = fread(sql, 1, sizeof sql - 1, fp);
    sql[len] = '\0';
    fclose(fp);
    free(path);
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(db_exec(f->db, sql, &err), HL_OK);
    assert_int_equal(migrate_sync_triggers(f->db, &err), HL_OK);
    return 0;
}

static const struct route *match(const char *method, const char *path)
{
    int64_t ids[2];
    char allow[64];
    return route_match(method, path, ids, allow, sizeof allow);
}

static void test_routes_and_document(void **state)
{
    (void)state;
    const struct route *r = match("POST", "/api/v1/tickets/5/resolve");
    assert_non_null(r);
    assert_ptr_equal(r->handler, api_workflow_action);
    assert_ptr_equal(r->wf, &wf_ticket);
    assert_int_equal(r->need, NEED_MANAGER);
    assert_non_null(match("POST", "/api/v1/tickets/5/reopen"));
    r = match("GET", "/api/v1/tickets");
    assert_non_null(r);
    assert_ptr_equal(r->ent, &ent_ticket);
    assert_int_equal(r->op, OP_LIST);
    assert_non_null(match("POST", "/api/v1/tickets"));
    /* Tickets have no update or delete: those routes do not exist. */
    assert_null(match("PATCH", "/api/v1/tickets/5"));
    assert_null(match("DELETE", "/api/v1/tickets/5"));

    json_t *doc = openapi_document();
    json_t *op = json_object_get(
        json_object_get(json_object_get(doc, "paths"), "/api/v1/tickets/{id}/resolve"), "post");
    assert_non_null(op);
    json_t *schema = json_object_get(
        json_object_get(json_object_get(json_object_get(op, "requestBody"), "content"),
                        "application/json"),
        "schema");
    json_t *props = json_object_get(schema, "properties");
    assert_non_null(json_object_get(props, "resolution"));
    assert_int_equal(json_object_size(props), 1);
    assert_true(json_is_false(json_object_get(schema, "additionalProperties")));
    assert_string_equal(json_string_value(json_object_get(op, "x-haldus-need")), "manager");
    assert_non_null(json_object_get(json_object_get(doc, "components"), "schemas"));
    assert_non_null(json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"),
                                    "TicketCreate"));
    json_decref(doc);
}

/* svc_entity_create with a body this function owns (and frees). */
static enum hl_err create(struct fixture *f, const struct entity *ent, json_t *body, json_t **out,
                          struct hl_error *err)
{
    enum hl_err e = svc_entity_create(&f->ctx, ent, body, out, err);
    json_decref(body);
    return e;
}

static int64_t count(struct fixture *f, const char *sql)
{
    return sql_int(f->db, sql);
}

static json_t *act(struct fixture *f, const char *name, int64_t id, json_t *body, enum hl_err want)
{
    const struct wf_action *a = NULL;
    for (size_t i = 0; i < wf_ticket.nactions; i++)
        if (strcmp(wf_ticket.actions[i].name, name) == 0)
            a = &wf_ticket.actions[i];
    assert_non_null(a);
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    enum hl_err e = svc_workflow_act(&f->ctx, &wf_ticket, a, id, IF_MATCH_NONE, body, &out, &err);
    json_decref(body);
    if (e != want)
        fail_msg("%s: got %s (%s), expected %s", name, hl_err_code(e), err.message,
                 hl_err_code(want));
    return out;
}

static void test_workflow(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    json_t *t = NULL;
    assert_int_equal(
        create(f, &ent_ticket, json_pack("{ss}", "title", "Printer on 3rd floor"), &t, &err),
        HL_OK);
    int64_t id = json_integer_value(json_object_get(t, "id"));
    assert_string_equal(json_string_value(json_object_get(t, "status")), "open");
    json_decref(t);
    int64_t audits = count(f, "SELECT count(*) FROM audit_log");

    /* A required field of the action is required; the refusal changes nothing. */
    act(f, "resolve", id, NULL, HL_ERR_INVALID);
    act(f, "resolve", id, json_pack("{si}", "resolution", 5), HL_ERR_INVALID);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audits);
    assert_int_equal(count(f, "SELECT version FROM ticket"), 1);

    json_t *out = act(f, "resolve", id, json_pack("{ss}", "resolution", "new toner"), HL_OK);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "resolved");
    assert_string_equal(json_string_value(json_object_get(out, "resolution")), "new toner");
    assert_true(json_is_string(json_object_get(out, "closed_at")));
    json_decref(out);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE entity = 'ticket' AND "
                              "action = 'resolve'"),
                     1);
    /* Not in the table: resolving a resolved ticket. */
    act(f, "resolve", id, json_pack("{ss}", "resolution", "again"), HL_ERR_TRANSITION);
    out = act(f, "reopen", id, NULL, HL_OK);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "reopened");
    json_decref(out);
}

static bool sees(struct fixture *f, int64_t person, enum role role, int64_t ticket)
{
    struct account acc = {.id = 9, .role = role, .person_id = person};
    struct svc_ctx ctx = {.db = f->db, .actor = "t", .who = &acc};
    json_t *out = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    bool got = svc_entity_get(&ctx, &ent_ticket, ticket, &out, &err) == HL_OK;
    json_decref(out);
    struct list_query q = {.limit = 100};
    json_t *items = NULL;
    bool more;
    assert_int_equal(svc_entity_list(&ctx, &ent_ticket, &q, &items, &more, &err), HL_OK);
    bool listed = json_array_size(items) == 1;
    json_decref(items);
    assert_int_equal(got, listed);
    return got;
}

static void test_parties(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    int64_t p[4];
    for (int i = 0; i < 4; i++) {
        char email[40];
        snprintf(email, sizeof email, "party%d@example.org", i);
        json_t *out = NULL;
        assert_int_equal(create(f, &ent_assistant,
                                json_pack("{ss ss ss ss}", "name", email, "email", email,
                                          "time_zone", "Europe/London", "office", "London"),
                                &out, &err),
                         HL_OK);
        p[i] = json_integer_value(json_object_get(out, "id"));
        json_decref(out);
    }
    json_t *t = NULL;
    assert_int_equal(create(f, &ent_ticket, json_pack("{ss}", "title", "Dispute"), &t, &err),
                     HL_OK);
    int64_t id = json_integer_value(json_object_get(t, "id"));
    json_decref(t);
    /* p0 is a party allowed to view; p1 a party not allowed; p2, p3 are not parties. */
    char *sql = hl_asprintf("INSERT INTO ticket_party VALUES (%lld, %lld, 1), (%lld, %lld, 0)",
                            (long long)id, (long long)p[0], (long long)id, (long long)p[1]);
    assert_int_equal(db_exec(f->db, sql, &err), HL_OK);
    free(sql);
    assert_true(sees(f, 0, ROLE_MANAGER, id));
    assert_true(sees(f, 0, ROLE_ADMIN, id));
    assert_true(sees(f, p[0], ROLE_ASSISTANT, id));
    assert_false(sees(f, p[1], ROLE_ASSISTANT, id));
    assert_false(sees(f, p[2], ROLE_ASSISTANT, id));
    assert_false(sees(f, p[3], ROLE_PRINCIPAL, id));
    /* A party's assistant is related to them but is no party. */
    json_t *pr = NULL;
    assert_int_equal(
        create(f, &ent_principal,
               json_pack("{ss ss ss ss ss}", "name", "Exec", "email", "exec@example.org",
                         "time_zone", "Europe/London", "office", "London", "department", "Sales"),
               &pr, &err),
        HL_OK);
    int64_t exec_id = json_integer_value(json_object_get(pr, "id"));
    json_decref(pr);
    sql = hl_asprintf("INSERT INTO ticket_party VALUES (%lld, %lld, 1)", (long long)id,
                      (long long)exec_id);
    assert_int_equal(db_exec(f->db, sql, &err), HL_OK);
    free(sql);
    json_t *as = NULL;
    assert_int_equal(
        create(f, &ent_assignment,
               json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)p[2], "principal_id",
                         (json_int_t)exec_id, "kind", "primary", "start_date", "2025-01-01"),
               &as, &err),
        HL_OK);
    json_decref(as);
    assert_true(sees(f, exec_id, ROLE_PRINCIPAL, id));
    assert_false(sees(f, p[2], ROLE_ASSISTANT, id));
}

int main(void)
{
    register_example();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_and_document),
        cmocka_unit_test_setup_teardown(test_workflow, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_parties, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
