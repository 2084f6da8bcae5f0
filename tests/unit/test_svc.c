/* test_svc.c: unit tests of src/core/svc_entity.c: validation of create and update naming the
 * field, rejected calls that write nothing, one audit-log row per change, and If-Match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "absence.h"
#include "people.h"
#include "svc_entity.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static const char *const tables[] = {
    "person",
    "assistant",
    "principal",
    "skill",
    "duty",
    "duty_skill",
    "assistant_skill",
    "principal_duty",
    "designated_backup",
    "work_pattern",
    "assignment",
    "absence",
    "setting",
    NULL,
};

/* A fingerprint of everything the use cases can change: per table the row count, the sum of
 * versions and the latest update, and the audit log's length. */
static char *db_state(struct db *db)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *const *t = tables; *t; t++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) || ':' || total(version) || ':' || ifnull(max(updated_at), 0) "
                 "FROM %s",
                 *t);
        char *s = sql_text(db, sql);
        buf_printf(&b, "%s=%s ", *t, s);
        free(s);
    }
    buf_printf(&b, "audit=%lld", (long long)sql_int(db, "SELECT count(*) FROM audit_log"));
    return buf_steal(&b);
}

static int64_t audit_count(struct db *db)
{
    return sql_int(db, "SELECT count(*) FROM audit_log");
}

/* Creates through the use case and returns the stored record; fails the test otherwise. */
static json_t *create(struct fixture *f, const struct entity *ent, const char *body_text)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_error_t je;
    json_t *body = json_loads(body_text, 0, &je);
    if (!body)
        fail_msg("test body %s: %s", body_text, je.text);
    json_t *out = NULL;
    enum hl_err e = svc_entity_create(&f->ctx, ent, body, &out, &err);
    json_decref(body);
    if (e != HL_OK)
        fail_msg("create %s %s: %s (%s, field %s)", ent->name, body_text, hl_err_code(e),
                 err.message, err.field);
    return out;
}

static int64_t id_of(const json_t *rec)
{
    return json_integer_value(json_object_get(rec, "id"));
}

static int64_t version_of(const json_t *rec)
{
    return json_integer_value(json_object_get(rec, "version"));
}

/* The newest audit row of entity/id; fails unless there is one. */
static json_t *last_audit(struct fixture *f, const char *entity, int64_t id)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *items = NULL;
    bool more = false;
    assert_int_equal(svc_audit_list(&f->ctx, entity, id, 0, 0, 1, &items, &more, &err), HL_OK);
    assert_int_equal(json_array_size(items), 1);
    json_t *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return row;
}

struct people {
    int64_t assistant, principal;
};

static void add_people(struct fixture *f, struct people *p)
{
    json_t *a = create(f, &ent_assistant,
                       "{\"name\":\"Kadri Tamm\",\"email\":\"kadri@example.ee\","
                       "\"time_zone\":\"Europe/Tallinn\",\"office\":\"Tallinn\"}");
    json_t *pr = create(f, &ent_principal,
                        "{\"name\":\"Emily Smith\",\"email\":\"emily@example.co.uk\","
                        "\"time_zone\":\"Europe/London\",\"office\":\"London\","
                        "\"department\":\"Sales\"}");
    p->assistant = id_of(a);
    p->principal = id_of(pr);
    json_decref(a);
    json_decref(pr);
}

struct bad_create {
    const struct entity *ent;
    const char *body; /* %A is replaced by the assistant's id, %P by the principal's */
    enum hl_err code;
    const char *field;
};

#define PERSON                                                                                     \
    "\"name\":\"Anu Kask\",\"email\":\"anu@example.ee\",\"time_zone\":\"UTC\","                    \
    "\"office\":\"Tallinn\""

static const struct bad_create bad_creates[] = {
    {&ent_assistant, "{" PERSON ",\"colour\":\"red\"}", HL_ERR_INVALID, "colour"},
    {&ent_assistant, "{" PERSON ",\"id\":5}", HL_ERR_INVALID, "id"},
    {&ent_assistant, "{" PERSON ",\"version\":1}", HL_ERR_INVALID, "version"},
    {&ent_assistant, "{" PERSON ",\"created_at\":\"2026-01-01T00:00:00Z\"}", HL_ERR_INVALID,
     "created_at"},
    {&ent_assistant, "{\"name\":\"Anu Kask\",\"time_zone\":\"UTC\",\"office\":\"Tallinn\"}",
     HL_ERR_INVALID, "email"},
    {&ent_principal, "{" PERSON "}", HL_ERR_INVALID, "department"},
    {&ent_assistant, "{" PERSON ",\"capacity\":\"three\"}", HL_ERR_INVALID, "capacity"},
    {&ent_assistant, "{" PERSON ",\"capacity\":2.5}", HL_ERR_INVALID, "capacity"},
    {&ent_assistant, "{" PERSON ",\"capacity\":11}", HL_ERR_INVALID, "capacity"},
    {&ent_assistant, "{" PERSON ",\"contracted_hours\":\"40\"}", HL_ERR_INVALID,
     "contracted_hours"},
    {&ent_assistant, "{" PERSON ",\"active\":\"yes\"}", HL_ERR_INVALID, "active"},
    {&ent_assistant, "{" PERSON ",\"hire_date\":\"2026-02-29\"}", HL_ERR_INVALID, "hire_date"},
    {&ent_assistant, "{" PERSON ",\"languages\":[\"Estonian\",5]}", HL_ERR_INVALID, "languages"},
    {&ent_assistant, "{" PERSON ",\"traits\":\"calm\"}", HL_ERR_INVALID, "traits"},
    {&ent_assistant,
     "{\"name\":null,\"email\":\"anu@example.ee\",\"time_zone\":\"UTC\",\"office\":\"T\"}",
     HL_ERR_INVALID, "name"},
    {&ent_assistant,
     "{\"name\":\"\",\"email\":\"anu@example.ee\",\"time_zone\":\"UTC\",\"office\":\"T\"}",
     HL_ERR_INVALID, "name"},
    {&ent_assistant,
     "{\"name\":\"Anu\",\"email\":\"anu.example.ee\",\"time_zone\":\"UTC\",\"office\":\"T\"}",
     HL_ERR_INVALID, "email"},
    {&ent_assistant,
     "{\"name\":\"Anu\",\"email\":\"anu@example.ee\",\"time_zone\":\"Mars/Base\","
     "\"office\":\"T\"}",
     HL_ERR_INVALID, "time_zone"},
    {&ent_absence,
     "{\"person_id\":%A,\"kind\":\"vacation\",\"start_at\":\"2026-12-01T00:00:00Z\","
     "\"end_at\":\"2026-12-05T00:00:00Z\",\"status\":\"approved\"}",
     HL_ERR_INVALID, "status"},
    {&ent_absence,
     "{\"person_id\":%A,\"kind\":\"vacation\",\"start_at\":\"2026-12-01T00:00:00Z\","
     "\"end_at\":\"2026-12-05T00:00:00Z\",\"decided_at\":\"2026-12-01T00:00:00Z\"}",
     HL_ERR_INVALID, "decided_at"},
    {&ent_absence,
     "{\"person_id\":%A,\"kind\":\"vacation\",\"start_at\":\"2026-12-05T00:00:00Z\","
     "\"end_at\":\"2026-12-01T00:00:00Z\"}",
     HL_ERR_INVALID, "end_at"},
    {&ent_absence,
     "{\"person_id\":%A,\"kind\":\"vacation\",\"start_at\":\"2026-12-01\","
     "\"end_at\":\"2026-12-05T00:00:00Z\"}",
     HL_ERR_INVALID, "start_at"},
    {&ent_absence,
     "{\"person_id\":%A,\"kind\":\"holiday\",\"start_at\":\"2026-12-01T00:00:00Z\","
     "\"end_at\":\"2026-12-05T00:00:00Z\"}",
     HL_ERR_INVALID, "kind"},
    {&ent_absence,
     "{\"person_id\":999999,\"kind\":\"sick\",\"start_at\":\"2026-12-01T00:00:00Z\","
     "\"end_at\":\"2026-12-05T00:00:00Z\"}",
     HL_ERR_INVALID, "person_id"},
    {&ent_assignment,
     "{\"assistant_id\":%A,\"principal_id\":%P,\"kind\":\"primary\","
     "\"start_date\":\"2026-01-01\",\"source\":\"planner\"}",
     HL_ERR_INVALID, "source"},
    {&ent_assignment,
     "{\"assistant_id\":999999,\"principal_id\":%P,\"kind\":\"primary\","
     "\"start_date\":\"2026-01-01\"}",
     HL_ERR_INVALID, "assistant_id"},
    /* A reference to a record of the wrong kind: a principal is not an assistant. */
    {&ent_assignment,
     "{\"assistant_id\":%P,\"principal_id\":%P,\"kind\":\"primary\","
     "\"start_date\":\"2026-01-01\"}",
     HL_ERR_INVALID, "assistant_id"},
    {&ent_assignment,
     "{\"assistant_id\":%A,\"principal_id\":%A,\"kind\":\"primary\","
     "\"start_date\":\"2026-01-01\"}",
     HL_ERR_INVALID, "principal_id"},
    {&ent_assignment,
     "{\"assistant_id\":%A,\"principal_id\":0,\"kind\":\"primary\","
     "\"start_date\":\"2026-01-01\"}",
     HL_ERR_INVALID, "principal_id"},
    {&ent_assignment,
     "{\"assistant_id\":%A,\"principal_id\":%P,\"kind\":\"primary\","
     "\"start_date\":\"2026-02-01\",\"end_date\":\"2026-01-31\"}",
     HL_ERR_INVALID, "end_date"},
    {&ent_work_pattern,
     "{\"person_id\":%A,\"weekday\":1,\"start_time\":\"17:00\",\"end_time\":\"09:00\"}",
     HL_ERR_INVALID, "end_time"},
    {&ent_work_pattern,
     "{\"person_id\":%A,\"weekday\":1,\"start_time\":\"24:00\",\"end_time\":\"24:00\"}",
     HL_ERR_INVALID, "start_time"},
    {&ent_work_pattern,
     "{\"person_id\":%A,\"weekday\":0,\"start_time\":\"09:00\",\"end_time\":\"17:00\"}",
     HL_ERR_INVALID, "weekday"},
    {&ent_work_pattern,
     "{\"person_id\":%A,\"weekday\":1,\"start_time\":\"9:00\",\"end_time\":\"17:00\"}",
     HL_ERR_INVALID, "start_time"},
    {&ent_assistant, "[1,2,3]", HL_ERR_INVALID, ""},
    /* Passes validation, refused by the database: the address is taken. */
    {&ent_assistant,
     "{\"name\":\"Kadri T.\",\"email\":\"KADRI@example.ee\",\"time_zone\":\"UTC\","
     "\"office\":\"T\"}",
     HL_ERR_DUPLICATE, "email"},
};

/* The body with %A and %P replaced by ids. */
static json_t *body_for(const char *tmpl, const struct people *p)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *s = tmpl; *s; s++) {
        if (s[0] == '%' && (s[1] == 'A' || s[1] == 'P')) {
            buf_printf(&b, "%lld", (long long)(s[1] == 'A' ? p->assistant : p->principal));
            s++;
        } else {
            buf_append(&b, s, 1);
        }
    }
    json_error_t je;
    json_t *body = json_loads(b.data, JSON_DECODE_ANY, &je);
    if (!body)
        fail_msg("test body %s: %s", b.data, je.text);
    buf_cleanup(&b);
    return body;
}

static void test_create_rejects_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct people p;
    add_people(f, &p);
    for (size_t i = 0; i < sizeof bad_creates / sizeof bad_creates[0]; i++) {
        const struct bad_create *c = &bad_creates[i];
        json_t *body = body_for(c->body, &p);
        char *before = db_state(f->db);
        struct hl_error err;
        hl_error_clear(&err);
        json_t *out = NULL;
        enum hl_err e = svc_entity_create(&f->ctx, c->ent, body, &out, &err);
        json_decref(body);
        if (e != c->code || err.code != c->code || strcmp(err.field, c->field) != 0)
            fail_msg("create %s %s: got %s field \"%s\" (%s), expected %s field \"%s\"",
                     c->ent->name, c->body, hl_err_code(e), err.field, err.message,
                     hl_err_code(c->code), c->field);
        assert_null(out);
        assert_true(err.message[0] != '\0');
        assert_int_equal(db_tx_depth(f->db), 0);
        char *after = db_state(f->db);
        if (strcmp(before, after) != 0)
            fail_msg("create %s %s was refused but changed the database:\n%s\n%s", c->ent->name,
                     c->body, before, after);
        free(before);
        free(after);
    }
}

static void test_create_audits_once(void **state)
{
    struct fixture *f = *state;
    int64_t audits = audit_count(f->db);
    json_t *a = create(f, &ent_assistant,
                       "{\"name\":\"Mari Saar\",\"email\":\"mari@example.ee\","
                       "\"time_zone\":\"Europe/Tallinn\",\"office\":\"Tallinn\","
                       "\"capacity\":3,\"contracted_hours\":32.5,\"languages\":[\"Estonian\"]}");
    assert_int_equal(audit_count(f->db), audits + 1);
    assert_int_equal(version_of(a), 1);
    assert_int_equal(json_integer_value(json_object_get(a, "capacity")), 3);
    json_t *row = last_audit(f, "assistant", id_of(a));
    assert_string_equal(json_string_value(json_object_get(row, "action")), "create");
    assert_string_equal(json_string_value(json_object_get(row, "actor")), "unit-test");
    assert_string_equal(json_string_value(json_object_get(row, "entity")), "assistant");
    assert_string_equal(json_string_value(json_object_get(row, "at")), "2026-01-01T00:00:00Z");
    assert_true(json_is_null(json_object_get(row, "before")));
    assert_true(json_equal(json_object_get(row, "after"), a));
    json_decref(row);

    /* Records of plain entities, too; and every create one row, never more. */
    json_t *s = create(f, &ent_skill, "{\"name\":\"Minutes\"}");
    assert_int_equal(audit_count(f->db), audits + 2);
    assert_string_equal(json_string_value(json_object_get(s, "category")), "general");
    row = last_audit(f, "skill", id_of(s));
    assert_true(json_equal(json_object_get(row, "after"), s));
    json_decref(row);
    json_decref(s);
    json_decref(a);
}

static void test_update(void **state)
{
    struct fixture *f = *state;
    struct people p;
    add_people(f, &p);
    struct hl_error err;
    hl_error_clear(&err);
    json_t *before = NULL;
    assert_int_equal(svc_entity_get(&f->ctx, &ent_assistant, p.assistant, &before, &err), HL_OK);
    int64_t audits = audit_count(f->db);
    db_set_clock(f->db, 1767232800); /* 02:00 */
    json_t *body = json_pack("{ss si}", "phone", "+372 5555 5555", "capacity", 4);
    json_t *out = NULL;
    assert_int_equal(svc_entity_update(&f->ctx, &ent_assistant, p.assistant, 1, body, &out, &err),
                     HL_OK);
    json_decref(body);
    assert_int_equal(version_of(out), 2);
    assert_string_equal(json_string_value(json_object_get(out, "phone")), "+372 5555 5555");
    assert_int_equal(json_integer_value(json_object_get(out, "capacity")), 4);
    assert_string_equal(json_string_value(json_object_get(out, "name")), "Kadri Tamm");
    assert_string_equal(json_string_value(json_object_get(out, "updated_at")),
                        "2026-01-01T02:00:00Z");
    assert_int_equal(audit_count(f->db), audits + 1);
    json_t *row = last_audit(f, "assistant", p.assistant);
    assert_string_equal(json_string_value(json_object_get(row, "action")), "update");
    assert_true(json_equal(json_object_get(row, "before"), before));
    assert_true(json_equal(json_object_get(row, "after"), out));
    json_decref(row);
    json_decref(before);
    json_decref(out);
}

struct bad_update {
    const struct entity *ent;
    char which;       /* 'A' assistant, 'P' principal, 'G' assignment */
    int64_t if_match; /* 0: the current version */
    const char *body;
    enum hl_err code;
    const char *field;
};

static const struct bad_update bad_updates[] = {
    {&ent_assistant, 'A', IF_MATCH_NONE, "{\"capacity\":4}", HL_ERR_PRECONDITION, ""},
    {&ent_assistant, 'A', 7, "{\"capacity\":4}", HL_ERR_STALE, ""},
    {&ent_assistant, 'A', 0, "{\"colour\":\"red\"}", HL_ERR_INVALID, "colour"},
    {&ent_assistant, 'A', 0, "{\"version\":3}", HL_ERR_INVALID, "version"},
    {&ent_assistant, 'A', 0, "{\"capacity\":0}", HL_ERR_INVALID, "capacity"},
    {&ent_assistant, 'A', 0, "{\"email\":null}", HL_ERR_INVALID, "email"},
    {&ent_assistant, 'A', 0, "{\"email\":\"EMILY@example.co.uk\"}", HL_ERR_DUPLICATE, "email"},
    {&ent_principal, 'P', 0, "{\"priority\":6}", HL_ERR_INVALID, "priority"},
    {&ent_assignment, 'G', 0, "{\"assistant_id\":%A}", HL_ERR_INVALID, "assistant_id"},
    {&ent_assignment, 'G', 0, "{\"source\":\"matcher\"}", HL_ERR_INVALID, "source"},
    {&ent_assignment, 'G', 0, "{\"end_date\":\"2025-12-31\"}", HL_ERR_INVALID, "end_date"},
    {&ent_assignment, 'G', IF_MATCH_NONE, "{\"share\":50}", HL_ERR_PRECONDITION, ""},
};

static void test_update_rejects_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct people p;
    add_people(f, &p);
    json_t *g = create(f, &ent_assignment,
                       "{\"assistant_id\":1,\"principal_id\":2,"
                       "\"kind\":\"primary\",\"start_date\":\"2026-01-01\"}");
    assert_int_equal(p.assistant, 1);
    assert_int_equal(p.principal, 2);
    int64_t gid = id_of(g);
    json_decref(g);
    for (size_t i = 0; i < sizeof bad_updates / sizeof bad_updates[0]; i++) {
        const struct bad_update *c = &bad_updates[i];
        int64_t id = c->which == 'A' ? p.assistant : c->which == 'P' ? p.principal : gid;
        struct hl_error err;
        hl_error_clear(&err);
        json_t *cur = NULL;
        assert_int_equal(svc_entity_get(&f->ctx, c->ent, id, &cur, &err), HL_OK);
        int64_t if_match = c->if_match ? c->if_match : version_of(cur);
        json_t *body = body_for(c->body, &p);
        char *before = db_state(f->db);
        json_t *out = NULL;
        enum hl_err e = svc_entity_update(&f->ctx, c->ent, id, if_match, body, &out, &err);
        json_decref(body);
        if (e != c->code || strcmp(err.field, c->field) != 0)
            fail_msg("update %s %s: got %s field \"%s\" (%s), expected %s field \"%s\"",
                     c->ent->name, c->body, hl_err_code(e), err.field, err.message,
                     hl_err_code(c->code), c->field);
        assert_null(out);
        assert_int_equal(db_tx_depth(f->db), 0);
        char *after = db_state(f->db);
        if (strcmp(before, after) != 0)
            fail_msg("update %s %s was refused but changed the database:\n%s\n%s", c->ent->name,
                     c->body, before, after);
        json_t *now = NULL;
        assert_int_equal(svc_entity_get(&f->ctx, c->ent, id, &now, &err), HL_OK);
        assert_true(json_equal(cur, now));
        json_decref(now);
        json_decref(cur);
        free(before);
        free(after);
    }
    /* A record that is not there. */
    struct hl_error err;
    hl_error_clear(&err);
    json_t *body = json_pack("{si}", "capacity", 3);
    json_t *out = NULL;
    assert_int_equal(svc_entity_update(&f->ctx, &ent_assistant, 4242, 1, body, &out, &err),
                     HL_ERR_NOT_FOUND);
    assert_int_equal(svc_entity_update(&f->ctx, &ent_assistant, p.principal, 1, body, &out, &err),
                     HL_ERR_NOT_FOUND);
    json_decref(body);
    assert_null(out);
    assert_int_equal(db_tx_depth(f->db), 0);
}

static void test_delete(void **state)
{
    struct fixture *f = *state;
    struct people p;
    add_people(f, &p);
    json_t *g = create(f, &ent_assignment,
                       "{\"assistant_id\":1,\"principal_id\":2,"
                       "\"kind\":\"secondary\",\"start_date\":\"2026-01-01\"}");
    struct hl_error err;
    hl_error_clear(&err);

    /* Refusals: no If-Match, an old version, a record still in use, no such record. */
    char *before = db_state(f->db);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_assignment, id_of(g), IF_MATCH_NONE, &err),
                     HL_ERR_PRECONDITION);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_assignment, id_of(g), 2, &err), HL_ERR_STALE);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_assistant, p.assistant, 1, &err),
                     HL_ERR_IN_USE);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_principal, p.principal, 1, &err),
                     HL_ERR_IN_USE);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_skill, 777, 1, &err), HL_ERR_NOT_FOUND);
    assert_int_equal(db_tx_depth(f->db), 0);
    char *after = db_state(f->db);
    assert_string_equal(before, after);
    free(before);
    free(after);

    /* Deleting writes one audit row holding the record as it was. */
    int64_t audits = audit_count(f->db);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_assignment, id_of(g), 1, &err), HL_OK);
    assert_int_equal(audit_count(f->db), audits + 1);
    json_t *row = last_audit(f, "assignment", id_of(g));
    assert_string_equal(json_string_value(json_object_get(row, "action")), "delete");
    assert_true(json_equal(json_object_get(row, "before"), g));
    assert_true(json_is_null(json_object_get(row, "after")));
    json_decref(row);
    json_t *gone = NULL;
    assert_int_equal(svc_entity_get(&f->ctx, &ent_assignment, id_of(g), &gone, &err),
                     HL_ERR_NOT_FOUND);
    json_decref(g);

    /* Now the assistant is free to go. */
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_assistant, p.assistant, 1, &err), HL_OK);
    assert_int_equal(audit_count(f->db), audits + 2);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant"), 0);
    assert_int_equal(db_tx_depth(f->db), 0);
}

/* A use case called inside another's transaction fails as part of it. */
static void test_nested_rollback(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    char *before = db_state(f->db);
    assert_int_equal(db_begin(f->db, true, &err), HL_OK);
    json_t *s = create(f, &ent_skill, "{\"name\":\"Travel booking\"}");
    json_decref(s);
    assert_int_equal(db_tx_depth(f->db), 1);
    db_rollback(f->db);
    char *after = db_state(f->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_rejects_and_writes_nothing, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_create_audits_once, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_update, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_update_rejects_and_writes_nothing, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_delete, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_nested_rollback, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
