/* test_mediation.c: the mediation domain's pieces without a server: sealing entries
 * (seal_mediation.c), reading the key file, the workflow table and retention. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "mediation.h"
#include "people.h"
#include "seal_mediation.h"
#include "svc_entity.h"
#include "svc_mediation.h"
#include "svc_record.h"
#include "testutil.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>

static void test_seal_roundtrip_and_tamper(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    unsigned char key[32], other[32];
    randombytes_buf(key, sizeof key);
    randombytes_buf(other, sizeof other);
    const char *text = "She raised her voice in front of the client — twice.";
    unsigned char *sealed;
    size_t len;
    case_seal(key, text, &sealed, &len);
    assert_true(len > strlen(text));
    assert_null(memmem(sealed, len, "raised", 6)); /* nothing of it in clear */
    char *out = NULL;
    assert_true(case_open(key, sealed, len, &out));
    assert_string_equal(out, text);
    free(out);
    assert_false(case_open(other, sealed, len, &out)); /* another key */
    assert_null(out);
    sealed[len - 1] ^= 1; /* one bit changed */
    assert_false(case_open(key, sealed, len, &out));
    assert_false(case_open(key, sealed, 10, &out)); /* too short to be a box */
    /* Two seals of one text differ (a fresh nonce each). */
    unsigned char *again;
    size_t len2;
    sealed[len - 1] ^= 1;
    case_seal(key, text, &again, &len2);
    assert_int_equal(len, len2);
    assert_memory_not_equal(sealed, again, len);
    free(sealed);
    free(again);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

static void test_key_file(void **state)
{
    (void)state;
    char *dir = tmpdir_make();
    char *path = hl_asprintf("%s/case.key", dir);
    unsigned char key[32];
    struct hl_error err;
    hl_error_clear(&err);
    assert_int_equal(case_key_generate(path, &err), HL_OK);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(case_key_read(path, key, &err), HL_OK);
    assert_int_equal(case_key_generate(path, &err), HL_ERR_IO); /* never over a key */
    write_file(path, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", 0600);
    assert_int_equal(case_key_read(path, key, &err), HL_OK);
    assert_int_equal(key[1], 0x11);
    write_file(path, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", 0640);
    assert_int_equal(case_key_read(path, key, &err), HL_ERR_IO);
    assert_non_null(strstr(err.message, "read by others"));
    write_file(path, "0011", 0600);
    assert_int_equal(case_key_read(path, key, &err), HL_ERR_IO);
    write_file(path, "zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 0600);
    assert_int_equal(case_key_read(path, key, &err), HL_ERR_IO);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(case_key_read(path, key, &err), HL_ERR_IO);
    free(path);
    tmpdir_remove(dir);
}

/* The workflow as a table: every open status can be closed; closed is the end; only the first
 * two can be withdrawn; each action leads where the issue says. */
static void test_workflow_table(void **state)
{
    (void)state;
    for (const char *const *s = case_statuses; *s; s++) {
        bool closed = strcmp(*s, "closed") == 0;
        assert_int_equal(workflow_next(&wf_case, *s, "close") != NULL, !closed);
        for (size_t i = 0; closed && i < wf_case.nactions; i++)
            assert_null(workflow_next(&wf_case, *s, wf_case.actions[i].name));
        bool early = strcmp(*s, "reported") == 0 || strcmp(*s, "in_review") == 0;
        assert_int_equal(workflow_next(&wf_case, *s, "withdraw") != NULL, early);
    }
    assert_string_equal(workflow_next(&wf_case, "reported", "review"), "in_review");
    assert_string_equal(workflow_next(&wf_case, "in_review", "mediate"), "mediation");
    assert_string_equal(workflow_next(&wf_case, "mediation", "agree"), "agreed_actions");
    assert_string_equal(workflow_next(&wf_case, "agreed_actions", "monitor"), "monitoring");
    assert_string_equal(workflow_next(&wf_case, "monitoring", "mediate"), "mediation");
    assert_null(workflow_next(&wf_case, "reported", "agree"));
    /* Only withdraw is for someone besides managers (the raiser). */
    for (size_t i = 0; i < wf_case.nactions; i++)
        assert_int_equal(wf_case.actions[i].managers_only,
                         strcmp(wf_case.actions[i].name, "withdraw") != 0);
}

static int64_t create(struct fixture *f, const struct entity *ent, json_t *body)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    if (svc_entity_create(&f->ctx, ent, body, &out, &err) != HL_OK)
        fail_msg("creating a %s: %s", ent->name, err.message);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(body);
    return id;
}

/* Retention: a closed case past the period loses entries, sessions, actions and texts (also
 * from its audit rows); an open one and a recently closed one keep everything. */
static void test_retention(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    db_set_clock(f->db, 1767225600); /* 2026-01-01 */
    int64_t a = create(f, &ent_assistant,
                       json_pack("{ss ss ss ss}", "name", "Asta", "email", "asta@example.org",
                                 "time_zone", "Europe/Tallinn", "office", "Tallinn"));
    int64_t p = create(f, &ent_principal,
                       json_pack("{ss ss ss ss ss}", "name", "Peep", "email", "peep@example.org",
                                 "time_zone", "Europe/Tallinn", "office", "Tallinn", "department",
                                 "Board"));
    int64_t ids[2];
    for (int i = 0; i < 2; i++) {
        json_t *body = json_pack("{ss ss s[II]}", "category", "workload", "summary",
                                 "RETAINED-SUMMARY", "parties", (json_int_t)a, (json_int_t)p);
        json_t *c = NULL, *e = NULL;
        assert_int_equal(svc_case_create(&f->ctx, body, &c, &err), HL_OK);
        ids[i] = json_integer_value(json_object_get(c, "id"));
        json_decref(body);
        json_decref(c);
        body = json_pack("{ss}", "body", "RETAINED-ENTRY");
        assert_int_equal(svc_case_entry_add(&f->ctx, ids[i], body, &e, &err), HL_OK);
        json_decref(body);
        json_decref(e);
    }
    const struct wf_action *close = NULL;
    for (size_t i = 0; i < wf_case.nactions; i++)
        if (strcmp(wf_case.actions[i].name, "close") == 0)
            close = &wf_case.actions[i];
    json_t *body = json_pack("{ss ss}", "outcome", "resolved", "note", "RETAINED-NOTE"), *out;
    assert_int_equal(
        svc_workflow_act(&f->ctx, &wf_case, close, ids[0], IF_MATCH_NONE, body, &out, &err), HL_OK);
    json_decref(body);
    json_decref(out);
    int n = -1;
    db_set_clock(f->db, 1767225600 + 729 * 86400); /* a day short of the default 730 */
    assert_int_equal(svc_case_purge(&f->ctx, &n, &err), HL_OK);
    assert_int_equal(n, 0);
    db_set_clock(f->db, 1767225600 + 731 * 86400);
    assert_int_equal(svc_case_purge(&f->ctx, &n, &err), HL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(svc_case_purge(&f->ctx, &n, &err), HL_OK); /* once only */
    assert_int_equal(n, 0);
    json_t *stub = NULL, *open = NULL;
    assert_int_equal(svc_case_get(&f->ctx, ids[0], &stub, &err), HL_OK);
    assert_true(json_is_true(json_object_get(stub, "purged")));
    assert_string_equal(json_string_value(json_object_get(stub, "summary")), "");
    assert_string_equal(json_string_value(json_object_get(stub, "outcome")), "resolved");
    assert_int_equal(json_array_size(json_object_get(stub, "entries")), 0);
    assert_int_equal(json_array_size(json_object_get(stub, "parties")), 2);
    assert_int_equal(svc_case_get(&f->ctx, ids[1], &open, &err), HL_OK);
    assert_int_equal(json_array_size(json_object_get(open, "entries")), 1);
    json_decref(stub);
    json_decref(open);
    /* Nothing of the purged case's texts is left in the database, audit log included. */
    char *sql = hl_asprintf("SELECT count(*) FROM audit_log WHERE entity = 'case' AND "
                            "entity_id = %lld AND (before LIKE '%%RETAINED%%' OR after LIKE "
                            "'%%RETAINED%%')",
                            (long long)ids[0]);
    assert_int_equal(sql_int(f->db, sql), 0);
    free(sql);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM case_entry"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seal_roundtrip_and_tamper),
        cmocka_unit_test(test_key_file),
        cmocka_unit_test(test_workflow_table),
        cmocka_unit_test_setup_teardown(test_retention, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
