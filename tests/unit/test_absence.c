/* test_absence.c: unit tests of the absence workflow (src/domain/absence/model_absence.c, run by
 * src/core/svc_workflow.c): the transition table, every status against every action, and the
 * workflow on a real database (versions, audit, refusals). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "absence.h"
#include "people.h"
#include "svc_absence.h"
#include "svc_entity.h"
#include "testutil.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

enum absence_action { ABSENCE_APPROVE, ABSENCE_REJECT, ABSENCE_CANCEL };
static const enum absence_action actions[] = {ABSENCE_APPROVE, ABSENCE_REJECT, ABSENCE_CANCEL};
static const char *const action_names[] = {"approve", "reject", "cancel"};

static const char *absence_action_name(enum absence_action a)
{
    return action_names[a];
}

/* The action of the workflow's table named like a; fails the test when there is none. */
static const struct wf_action *wf_action(enum absence_action a)
{
    for (size_t i = 0; i < wf_absence.nactions; i++)
        if (strcmp(wf_absence.actions[i].name, action_names[a]) == 0)
            return &wf_absence.actions[i];
    fail_msg("the absence workflow has no action %s", action_names[a]);
    return NULL;
}

static const char *absence_next_status(const char *from, enum absence_action a)
{
    return workflow_next(&wf_absence, from, action_names[a]);
}

/* The action as the API runs it: the body {"note": note}, or none. */
static enum hl_err svc_absence_act(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                                   enum absence_action a, const char *note, json_t **out,
                                   struct hl_error *err)
{
    json_t *body = note ? json_pack("{ss}", "note", note) : NULL;
    enum hl_err e = svc_workflow_act(ctx, &wf_absence, wf_action(a), id, if_match, body, out, err);
    json_decref(body);
    return e;
}

/* The expected workflow, written out by hand: next[status][action], NULL where not allowed. */
static const struct {
    const char *status;
    const char *next[3]; /* approve, reject, cancel */
} expected[] = {
    {"requested", {"approved", "rejected", "cancelled"}},
    {"approved", {NULL, NULL, "cancelled"}},
    {"rejected", {NULL, NULL, NULL}},
    {"cancelled", {NULL, NULL, NULL}},
};

static void test_transition_table(void **state)
{
    (void)state;
    /* The table above covers exactly the statuses the model knows, in its order. */
    size_t n = 0;
    for (const char *const *s = absence_statuses; *s; s++, n++) {
        assert_true(n < sizeof expected / sizeof expected[0]);
        assert_string_equal(*s, expected[n].status);
    }
    assert_int_equal(n, sizeof expected / sizeof expected[0]);

    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < 3; k++) {
            const char *got = absence_next_status(expected[i].status, actions[k]);
            const char *want = expected[i].next[k];
            if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
                fail_msg("%s %s: got %s, expected %s", absence_action_name(actions[k]),
                         expected[i].status, got ? got : "NULL", want ? want : "NULL");
            /* Every status reached is one the model (and the CHECK constraint) knows. */
            if (got) {
                bool known = false;
                for (const char *const *s = absence_statuses; *s; s++)
                    known = known || strcmp(*s, got) == 0;
                assert_true(known);
            }
        }
    /* Statuses that do not exist go nowhere. */
    for (size_t k = 0; k < 3; k++) {
        assert_null(absence_next_status("Requested", actions[k]));
        assert_null(absence_next_status("", actions[k]));
        assert_null(absence_next_status("deleted", actions[k]));
    }
    /* The table has exactly these three actions. */
    assert_int_equal(wf_absence.nactions, 3);
    for (size_t k = 0; k < 3; k++)
        assert_non_null(wf_action(actions[k]));
}

/* A person and one requested absence of theirs; returns the absence's id. */
static int64_t add_absence(struct fixture *f)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *person = json_pack("{ss ss ss ss}", "name", "Kadri Tamm", "email", "kadri@example.ee",
                               "time_zone", "Europe/Tallinn", "office", "Tallinn");
    json_t *out = NULL;
    assert_int_equal(svc_entity_create(&f->ctx, &ent_assistant, person, &out, &err), HL_OK);
    json_decref(person);
    int64_t pid = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_t *body = json_pack("{sI ss ss ss ss}", "person_id", (json_int_t)pid, "kind", "vacation",
                             "start_at", "2026-02-08T22:00:00Z", "end_at", "2026-02-13T22:00:00Z",
                             "note", "Family holiday");
    assert_int_equal(svc_entity_create(&f->ctx, &ent_absence, body, &out, &err), HL_OK);
    json_decref(body);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "requested");
    assert_true(json_is_null(json_object_get(out, "decided_at")));
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    return id;
}

static json_t *get_absence(struct fixture *f, int64_t id)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *rec = NULL;
    assert_int_equal(svc_entity_get(&f->ctx, &ent_absence, id, &rec, &err), HL_OK);
    return rec;
}

static const char *str(const json_t *rec, const char *key)
{
    return json_string_value(json_object_get(rec, key));
}

/* Audit rows of absences (approving also writes the plan of the absence's days). */
static int64_t audit_count(struct fixture *f)
{
    return sql_int(f->db, "SELECT count(*) FROM audit_log WHERE entity = 'absence'");
}

/* Acting refuses with `code` and changes neither the record nor the audit log. */
static void assert_refused(struct fixture *f, int64_t id, int64_t if_match,
                           enum absence_action action, enum hl_err code)
{
    json_t *before = get_absence(f, id);
    int64_t audits = audit_count(f);
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    enum hl_err e = svc_absence_act(&f->ctx, id, if_match, action, "why not", &out, &err);
    if (e != code)
        fail_msg("%s of a %s absence: got %s (%s), expected %s", absence_action_name(action),
                 str(before, "status"), hl_err_code(e), err.message, hl_err_code(code));
    assert_int_equal(err.code, code);
    assert_null(out);
    assert_int_equal(db_tx_depth(f->db), 0);
    json_t *after = get_absence(f, id);
    assert_true(json_equal(before, after));
    assert_int_equal(audit_count(f), audits);
    json_decref(before);
    json_decref(after);
}

static void test_approve_then_cancel(void **state)
{
    struct fixture *f = *state;
    int64_t id = add_absence(f);
    struct hl_error err;
    hl_error_clear(&err);
    int64_t audits = audit_count(f);
    db_set_clock(f->db, 1767261600); /* 2026-01-01T10:00:00Z */
    json_t *out = NULL;
    assert_int_equal(
        svc_absence_act(&f->ctx, id, 1, ABSENCE_APPROVE, "Enjoy the holiday", &out, &err), HL_OK);
    assert_string_equal(str(out, "status"), "approved");
    assert_int_equal(json_integer_value(json_object_get(out, "version")), 2);
    assert_string_equal(str(out, "decided_at"), "2026-01-01T10:00:00Z");
    assert_string_equal(str(out, "decision_note"), "Enjoy the holiday");
    assert_string_equal(str(out, "note"), "Family holiday"); /* the requester's stays */
    assert_int_equal(db_tx_depth(f->db), 0);
    /* One audit row, named after the action, with both sides. */
    assert_int_equal(audit_count(f), audits + 1);
    char *action = sql_text(
        f->db, "SELECT action FROM audit_log WHERE entity = 'absence' ORDER BY id DESC LIMIT 1");
    assert_string_equal(action, "approve");
    free(action);
    char *before = sql_text(f->db, "SELECT before ->> '$.status' FROM audit_log "
                                   "WHERE entity = 'absence' ORDER BY id DESC LIMIT 1");
    assert_string_equal(before, "requested");
    free(before);
    /* The approval carries the plan of the absence's days, computed on the data with the
     * approval in it (its stamp is the current one: it can be accepted as it is). */
    json_t *plan = json_object_get(out, "coverage_plan");
    assert_true(json_is_object(plan));
    char q[160];
    snprintf(q, sizeof q, "SELECT data_stamp FROM coverage_plan WHERE id = %lld",
             (long long)json_integer_value(json_object_get(plan, "id")));
    assert_int_equal(sql_int(f->db, q),
                     sql_int(f->db, "SELECT value FROM data_stamp WHERE id = 1"));
    json_object_del(out, "coverage_plan");
    json_t *stored = get_absence(f, id);
    assert_true(json_equal(stored, out));
    json_decref(stored);
    json_decref(out);

    /* Approving again, or rejecting now, is not a transition: nothing changes, not even the
     * version, whether or not If-Match is sent. */
    assert_refused(f, id, IF_MATCH_NONE, ABSENCE_APPROVE, HL_ERR_TRANSITION);
    assert_refused(f, id, 2, ABSENCE_APPROVE, HL_ERR_TRANSITION);
    assert_refused(f, id, 2, ABSENCE_REJECT, HL_ERR_TRANSITION);
    /* An old version is refused before anything is written. */
    assert_refused(f, id, 1, ABSENCE_CANCEL, HL_ERR_STALE);

    /* An approved absence can still be cancelled. */
    db_set_clock(f->db, 1767265200);
    out = NULL;
    assert_int_equal(svc_absence_act(&f->ctx, id, 2, ABSENCE_CANCEL, NULL, &out, &err), HL_OK);
    assert_string_equal(str(out, "status"), "cancelled");
    assert_int_equal(json_integer_value(json_object_get(out, "version")), 3);
    assert_string_equal(str(out, "decided_at"), "2026-01-01T11:00:00Z");
    assert_string_equal(str(out, "decision_note"), "");
    json_decref(out);
    assert_int_equal(audit_count(f), audits + 2);

    /* Cancelled is final. */
    assert_refused(f, id, IF_MATCH_NONE, ABSENCE_CANCEL, HL_ERR_TRANSITION);
    assert_refused(f, id, IF_MATCH_NONE, ABSENCE_APPROVE, HL_ERR_TRANSITION);
    assert_refused(f, id, IF_MATCH_NONE, ABSENCE_REJECT, HL_ERR_TRANSITION);
}

static void test_reject_is_final(void **state)
{
    struct fixture *f = *state;
    int64_t id = add_absence(f);
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    assert_int_equal(
        svc_absence_act(&f->ctx, id, IF_MATCH_NONE, ABSENCE_REJECT, "Board week", &out, &err),
        HL_OK);
    assert_string_equal(str(out, "status"), "rejected");
    json_decref(out);
    for (size_t k = 0; k < 3; k++)
        assert_refused(f, id, IF_MATCH_NONE, actions[k], HL_ERR_TRANSITION);
}

static void test_act_refusals(void **state)
{
    struct fixture *f = *state;
    int64_t id = add_absence(f);
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    assert_int_equal(
        svc_absence_act(&f->ctx, 999, IF_MATCH_NONE, ABSENCE_APPROVE, NULL, &out, &err),
        HL_ERR_NOT_FOUND);
    assert_int_equal(db_tx_depth(f->db), 0);
    char note[1100];
    memset(note, 'n', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    int64_t audits = audit_count(f);
    assert_int_equal(svc_absence_act(&f->ctx, id, 1, ABSENCE_APPROVE, note, &out, &err),
                     HL_ERR_INVALID);
    assert_string_equal(err.field, "note");
    assert_null(out);
    assert_int_equal(audit_count(f), audits);
    json_t *rec = get_absence(f, id);
    assert_string_equal(str(rec, "status"), "requested");
    json_decref(rec);
    assert_refused(f, id, 5, ABSENCE_APPROVE, HL_ERR_STALE);
}

static void test_edit_only_while_requested(void **state)
{
    struct fixture *f = *state;
    int64_t id = add_absence(f);
    struct hl_error err;
    hl_error_clear(&err);
    /* A requested absence can be edited by its requester. */
    json_t *body = json_pack("{ss}", "end_at", "2026-02-14T22:00:00Z");
    json_t *out = NULL;
    assert_int_equal(svc_entity_update(&f->ctx, &ent_absence, id, 1, body, &out, &err), HL_OK);
    json_decref(body);
    assert_string_equal(str(out, "end_at"), "2026-02-14T22:00:00Z");
    assert_int_equal(json_integer_value(json_object_get(out, "version")), 2);
    json_decref(out);
    /* The status is not a field a client writes. */
    body = json_pack("{ss}", "status", "approved");
    assert_int_equal(svc_entity_update(&f->ctx, &ent_absence, id, 2, body, &out, &err),
                     HL_ERR_INVALID);
    assert_string_equal(err.field, "status");
    json_decref(body);

    assert_int_equal(svc_absence_act(&f->ctx, id, 2, ABSENCE_APPROVE, NULL, &out, &err), HL_OK);
    json_decref(out);
    out = NULL;
    json_t *before = get_absence(f, id);
    int64_t audits = audit_count(f);
    /* Once approved it is no longer the requester's to edit. */
    body = json_pack("{ss}", "note", "Actually two weeks");
    hl_error_clear(&err);
    assert_int_equal(svc_entity_update(&f->ctx, &ent_absence, id, 3, body, &out, &err),
                     HL_ERR_TRANSITION);
    assert_string_equal(err.field, "status");
    assert_null(out);
    json_decref(body);
    /* Nor to delete: an approved absence is cancelled instead. */
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_absence, id, 3, &err), HL_ERR_TRANSITION);
    json_t *after = get_absence(f, id);
    assert_true(json_equal(before, after));
    assert_int_equal(audit_count(f), audits);
    assert_int_equal(db_tx_depth(f->db), 0);
    json_decref(before);
    json_decref(after);

    /* A cancelled one cannot be edited either, but it may be deleted. */
    assert_int_equal(svc_absence_act(&f->ctx, id, 3, ABSENCE_CANCEL, NULL, &out, &err), HL_OK);
    json_decref(out);
    out = NULL;
    body = json_pack("{ss}", "kind", "sick");
    assert_int_equal(svc_entity_update(&f->ctx, &ent_absence, id, 4, body, &out, &err),
                     HL_ERR_TRANSITION);
    json_decref(body);
    assert_int_equal(svc_entity_delete(&f->ctx, &ent_absence, id, 4, &err), HL_OK);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM absence"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test_setup_teardown(test_approve_then_cancel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_reject_is_final, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_act_refusals, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_edit_only_while_requested, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
