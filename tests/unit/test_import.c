/* test_import.c: svc_import (an organisation as CSV files): the files and their order come
 * from the registry, every collection has a natural key, links by e-mail and name, updates by
 * natural key, all or nothing, the dry run writes nothing, and export reads back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain.h"
#include "svc_import.h"
#include "testutil.h"

#include <string.h>

static const char assistants[] = "name,email,time_zone,office,capacity\r\n"
                                 "Mari Tamm,mari@example.org,Europe/Tallinn,Tallinn,2\r\n"
                                 "Ann Lee,ann@example.org,Europe/London,London,1\r\n";
static const char principals[] = "name,email,time_zone,office,department\r\n"
                                 "Jaan Kask,jaan@example.org,Europe/Tallinn,Tallinn,Board\r\n";
static const char skills[] = "name\r\nMinutes\r\n";
static const char assistant_skills[] = "assistant_email,skill_name,level\r\n"
                                       "MARI@example.org,minutes,3\r\n";
static const char assignments[] = "assistant_email,principal_email,kind,start_date\r\n"
                                  "mari@example.org,jaan@example.org,primary,2026-01-05\r\n";
static const char absences[] = "person_email,kind,start_at,end_at,status\r\n"
                               "mari@example.org,vacation,2026-02-02T00:00:00+02:00,"
                               "2026-02-07T00:00:00+02:00,approved\r\n";

static json_t *org(void)
{
    return json_pack("{ss ss ss ss ss ss}", "assistants.csv", assistants, "principals.csv",
                     principals, "skills.csv", skills, "assistant-skills.csv", assistant_skills,
                     "assignments.csv", assignments, "absences.csv", absences);
}

static void test_order_follows_links(void **state)
{
    (void)state;
    const struct entity *ents[ORG_MAX_ENTITIES];
    size_t n = svc_org_entities(ents, ORG_MAX_ENTITIES);
    assert_true(n >= 11);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < ents[i]->nfields; k++) {
            const struct field *f = &ents[i]->fields[k];
            if (f->type != FT_REF)
                continue;
            /* Every collection stored in the table the link points to comes earlier. */
            for (size_t j = 0; j < n; j++)
                if (ents[j] != ents[i] && strcmp(ents[j]->table, f->ref->table) == 0)
                    assert_true(j < i);
        }
        /* Every file has a template whose header has no id and no read-only column. */
        char *csv = NULL;
        struct hl_error err;
        assert_int_equal(svc_org_template(ents[i]->path, &csv, &err), HL_OK);
        assert_null(strstr(csv, "id,"));
        assert_null(strstr(csv, "_id"));
        assert_null(strstr(csv, "source"));
        free(csv);
    }
}

static void test_import_links_updates_and_is_all_or_nothing(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    json_t *files = org(), *report = NULL;
    /* The dry run reports and writes nothing. */
    assert_int_equal(svc_org_import(&f->ctx, files, true, &report, &err), HL_OK);
    json_t *first = json_array_get(json_object_get(report, "files"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "file")), "assistants.csv");
    assert_int_equal(json_integer_value(json_object_get(first, "created")), 2);
    json_decref(report);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit_log"), 0);

    assert_int_equal(svc_org_import(&f->ctx, files, false, NULL, &err), HL_OK);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 3);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant_skill x JOIN person p ON "
                                    "p.id = x.assistant_id WHERE p.email = 'mari@example.org'"),
                     1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM absence WHERE status = 'approved' AND "
                                    "start_at = 1769983200 AND decided_at = 1767225600"),
                     1);

    /* Again with a change: one update, nothing added. */
    json_object_set_new(files, "assistants.csv",
                        json_string("name,email,time_zone,office,capacity\r\n"
                                    "Mari Tamm,mari@example.org,Europe/Tallinn,Tallinn,3\r\n"));
    assert_int_equal(svc_org_import(&f->ctx, files, false, &report, &err), HL_OK);
    first = json_array_get(json_object_get(report, "files"), 0);
    assert_int_equal(json_integer_value(json_object_get(first, "changed")), 1);
    assert_int_equal(json_integer_value(json_object_get(first, "created")), 0);
    json_t *row = json_array_get(json_object_get(first, "rows"), 0);
    assert_string_equal(json_string_value(json_object_get(row, "action")), "update");
    assert_string_equal(json_string_value(json_array_get(json_object_get(row, "changes"), 0)),
                        "capacity");
    json_decref(report);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 3);
    assert_int_equal(sql_int(f->db, "SELECT capacity FROM assistant"
                                    " JOIN person USING (id) WHERE email = 'mari@example.org'"),
                     3);

    /* A bad link in the last file undoes the new skill of an earlier one. */
    int64_t audit = sql_int(f->db, "SELECT count(*) FROM audit_log");
    json_object_set_new(files, "skills.csv", json_string("name\r\nMinutes\r\nTravel\r\n"));
    json_object_set_new(files, "absences.csv",
                        json_string("person_email,kind,start_at,end_at\r\n"
                                    "nobody@example.org,sick,2026-03-02T08:00:00Z,"
                                    "2026-03-02T16:00:00Z\r\n"));
    assert_int_equal(svc_org_import(&f->ctx, files, false, NULL, &err), HL_ERR_INVALID);
    assert_string_equal(err.field, "person_email");
    assert_non_null(strstr(err.message, "absences.csv row 2, column person_email"));
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM skill"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit_log"), audit);
    json_decref(files);
}

static void test_export_reads_back(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    json_t *files = org(), *out = NULL;
    assert_int_equal(svc_org_import(&f->ctx, files, false, NULL, &err), HL_OK);
    assert_int_equal(svc_org_export(&f->ctx, &out, &err), HL_OK);
    json_t *again = json_object(), *x;
    size_t i;
    json_array_foreach(out, i, x)
    {
        json_object_set(again, json_string_value(json_object_get(x, "file")),
                        json_object_get(x, "csv"));
        if (strcmp(json_string_value(json_object_get(x, "file")), "assignments.csv") == 0)
            assert_string_equal(json_string_value(json_object_get(x, "csv")),
                                "assistant_email,principal_email,kind,share,start_date,end_date\r\n"
                                "mari@example.org,jaan@example.org,primary,100,2026-01-05,\r\n");
    }
    /* Importing the export changes nothing. */
    json_t *report = NULL;
    int64_t audit = sql_int(f->db, "SELECT count(*) FROM audit_log");
    assert_int_equal(svc_org_import(&f->ctx, again, false, &report, &err), HL_OK);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit_log"), audit);
    json_array_foreach(json_object_get(report, "files"), i, x)
    {
        assert_int_equal(json_integer_value(json_object_get(x, "created")), 0);
        assert_int_equal(json_integer_value(json_object_get(x, "changed")), 0);
    }
    json_decref(report);
    json_decref(again);
    json_decref(out);
    json_decref(files);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_follows_links),
        cmocka_unit_test_setup_teardown(test_import_links_updates_and_is_all_or_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_export_reads_back, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
