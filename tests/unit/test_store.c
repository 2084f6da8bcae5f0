/* test_store.c: unit tests of src/core/store_entity.c with the entities of src/core/model.c: the
 * schema's rules (STRICT types, CHECK, UNIQUE, foreign keys) as the store reports them, optimistic
 * versions, and listing (paging, filters, name prefixes, time windows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "absence.h"
#include "people.h"
#include "store_entity.h"
#include "testutil.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

/* Inserts values (taking the reference) and returns the new id; fails the test otherwise. */
static int64_t put(struct db *db, const struct entity *ent, json_t *values)
{
    struct hl_error err;
    hl_error_clear(&err);
    int64_t id = 0;
    enum hl_err e = store_entity_insert(db, ent, values, &id, &err);
    if (e != HL_OK)
        fail_msg("insert %s: %s (%s)", ent->name, hl_err_code(e), err.message);
    json_decref(values);
    assert_true(id > 0);
    return id;
}

/* Tries an insert inside a transaction that is rolled back on failure, as a use case would;
 * takes the reference to values. */
static enum hl_err try_put(struct db *db, const struct entity *ent, json_t *values,
                           struct hl_error *err)
{
    hl_error_clear(err);
    int64_t id = 0;
    assert_int_equal(db_begin(db, true, err), HL_OK);
    enum hl_err e = store_entity_insert(db, ent, values, &id, err);
    if (e == HL_OK)
        assert_int_equal(db_commit(db, err), HL_OK);
    else
        db_rollback(db);
    json_decref(values);
    return e;
}

static json_t *assistant(const char *name, const char *email)
{
    return json_pack("{ss ss ss ss}", "name", name, "email", email, "time_zone", "Europe/Tallinn",
                     "office", "Tallinn");
}

static json_t *principal(const char *name, const char *email, const char *department)
{
    return json_pack("{ss ss ss ss ss}", "name", name, "email", email, "time_zone", "Europe/London",
                     "office", "London", "department", department);
}

static json_t *skill(const char *name, const char *category)
{
    return json_pack("{ss ss}", "name", name, "category", category);
}

static json_t *get(struct db *db, const struct entity *ent, int64_t id)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *rec = NULL;
    enum hl_err e = store_entity_get(db, ent, id, &rec, &err);
    if (e != HL_OK)
        fail_msg("get %s %lld: %s", ent->name, (long long)id, err.message);
    return rec;
}

/* Lists with q and returns the names (or ids as text) of the items, comma-separated. */
static char *list_names(struct db *db, const struct entity *ent, const struct list_query *q,
                        bool *more)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *items = NULL;
    bool m = false;
    enum hl_err e = store_entity_list(db, ent, q, &items, &m, &err);
    if (e != HL_OK)
        fail_msg("list %s: %s", ent->name, err.message);
    struct buf b;
    buf_init(&b, 0);
    size_t i;
    json_t *it;
    int64_t last = 0;
    json_array_foreach(items, i, it)
    {
        int64_t id = json_integer_value(json_object_get(it, "id"));
        assert_true(id > last); /* id order */
        last = id;
        const char *name = json_string_value(json_object_get(it, "name"));
        if (name)
            buf_printf(&b, "%s%s", i ? "," : "", name);
        else
            buf_printf(&b, "%s%lld", i ? "," : "", (long long)id);
    }
    json_decref(items);
    if (more)
        *more = m;
    return buf_steal(&b);
}

static void assert_list(struct db *db, const struct entity *ent, const struct list_query *q,
                        const char *expect)
{
    char *got = list_names(db, ent, q, NULL);
    if (strcmp(got, expect) != 0)
        fail_msg("list %s: got [%s], expected [%s]", ent->name, got, expect);
    free(got);
}

static void test_strict_types(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    /* Text where an INTEGER column is: STRICT refuses it instead of storing it. */
    assert_int_equal(db_exec(f->db,
                             "INSERT INTO skill (created_at, updated_at, name) "
                             "VALUES ('yesterday', 0, 'Typing')",
                             &err),
                     HL_ERR_INVALID);
    assert_int_equal(db_exec(f->db,
                             "INSERT INTO person (created_at, updated_at, name, email, time_zone, "
                             "office) VALUES (1.5, 0, 'A', 'a@b.ee', 'UTC', 'X')",
                             &err),
                     HL_ERR_INVALID);
    assert_int_equal(db_exec(f->db,
                             "INSERT INTO person (created_at, updated_at, name, email, time_zone, "
                             "office) VALUES (0, 0, x'00ff', 'a@b.ee', 'UTC', 'X')",
                             &err),
                     HL_ERR_INVALID);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM skill"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 0);

    /* What the store writes has the declared types. */
    json_t *a = assistant("Mari Saar", "mari@example.ee");
    json_object_set_new(a, "contracted_hours", json_real(24.5));
    json_object_set_new(a, "capacity", json_integer(3));
    json_object_set_new(a, "languages", json_pack("[ss]", "Estonian", "English"));
    json_object_set_new(a, "hire_date", json_string("2020-05-01"));
    json_object_set_new(a, "phone", json_null());
    int64_t id = put(f->db, &ent_assistant, a);
    char *types = sql_text(f->db, "SELECT typeof(contracted_hours) || ',' || typeof(capacity) || "
                                  "',' || typeof(traits) || ',' || typeof(hire_date) FROM "
                                  "assistant");
    assert_string_equal(types, "real,integer,text,text");
    free(types);
    types = sql_text(f->db, "SELECT typeof(phone) || ',' || typeof(active) || ',' || "
                            "typeof(languages) || ',' || typeof(created_at) FROM person");
    assert_string_equal(types, "null,integer,text,integer");
    free(types);

    /* And reads back in the API's form. */
    json_t *rec = get(f->db, &ent_assistant, id);
    assert_string_equal(json_string_value(json_object_get(rec, "name")), "Mari Saar");
    assert_true(json_is_real(json_object_get(rec, "contracted_hours")));
    assert_true(json_real_value(json_object_get(rec, "contracted_hours")) == 24.5);
    assert_int_equal(json_integer_value(json_object_get(rec, "capacity")), 3);
    assert_int_equal(json_integer_value(json_object_get(rec, "experience_years")), 0); /* default */
    assert_true(json_is_true(json_object_get(rec, "active")));
    assert_true(json_is_null(json_object_get(rec, "phone")));
    json_t *langs = json_pack("[ss]", "Estonian", "English");
    assert_true(json_equal(json_object_get(rec, "languages"), langs));
    json_decref(langs);
    assert_string_equal(json_string_value(json_object_get(rec, "hire_date")), "2020-05-01");
    assert_string_equal(json_string_value(json_object_get(rec, "created_at")),
                        "2026-01-01T00:00:00Z");
    assert_int_equal(json_integer_value(json_object_get(rec, "version")), 1);
    json_decref(rec);

    /* Local times are minutes, instants are seconds in the store. */
    int64_t wp = put(f->db, &ent_work_pattern,
                     json_pack("{sI si ss ss}", "person_id", (json_int_t)id, "weekday", 1,
                               "start_time", "09:30", "end_time", "24:00"));
    assert_int_equal(sql_int(f->db, "SELECT start_minute FROM work_pattern"), 570);
    assert_int_equal(sql_int(f->db, "SELECT end_minute FROM work_pattern"), 1440);
    rec = get(f->db, &ent_work_pattern, wp);
    assert_string_equal(json_string_value(json_object_get(rec, "start_time")), "09:30");
    assert_string_equal(json_string_value(json_object_get(rec, "end_time")), "24:00");
    json_decref(rec);
    int64_t ab =
        put(f->db, &ent_absence,
            json_pack("{sI ss ss ss}", "person_id", (json_int_t)id, "kind", "sick", "start_at",
                      "2026-12-01T10:00:00+02:00", "end_at", "2026-12-02T08:00:00Z"));
    assert_int_equal(sql_int(f->db, "SELECT start_at FROM absence"), 1796112000);
    char *t = sql_text(f->db, "SELECT typeof(end_at) || ',' || status FROM absence");
    assert_string_equal(t, "integer,requested");
    free(t);
    rec = get(f->db, &ent_absence, ab);
    assert_string_equal(json_string_value(json_object_get(rec, "start_at")),
                        "2026-12-01T08:00:00Z");
    assert_true(json_is_null(json_object_get(rec, "decided_at")));
    json_decref(rec);
}

static void test_check_constraints(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    int64_t a = put(f->db, &ent_assistant, assistant("Liis Sepp", "liis@example.ee"));
    int64_t p =
        put(f->db, &ent_principal, principal("Emily Smith", "emily@example.co.uk", "Sales"));

    json_t *bad = assistant("Anu Kask", "anu@example.ee");
    json_object_set_new(bad, "capacity", json_integer(11));
    assert_int_equal(try_put(f->db, &ent_assistant, bad, &err), HL_ERR_INVALID);
    bad = assistant("Anu Kask", "anu@example.ee");
    json_object_set_new(bad, "contracted_hours", json_real(80.5));
    assert_int_equal(try_put(f->db, &ent_assistant, bad, &err), HL_ERR_INVALID);
    bad = assistant("Anu Kask", "anu@example.ee");
    json_object_set_new(bad, "hire_date", json_string("2026-2-3"));
    assert_int_equal(try_put(f->db, &ent_assistant, bad, &err), HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_assistant, assistant("", "anu@example.ee"), &err),
                     HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_assistant, assistant("Anu Kask", "no-at-sign"), &err),
                     HL_ERR_INVALID);
    bad = principal("Oliver Jones", "oliver@example.co.uk", "Legal");
    json_object_set_new(bad, "priority", json_integer(9));
    assert_int_equal(try_put(f->db, &ent_principal, bad, &err), HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_skill, skill("", "office"), &err), HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_work_pattern,
                             json_pack("{sI si ss ss}", "person_id", (json_int_t)a, "weekday", 1,
                                       "start_time", "17:00", "end_time", "09:00"),
                             &err),
                     HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_work_pattern,
                             json_pack("{sI si ss ss}", "person_id", (json_int_t)a, "weekday", 8,
                                       "start_time", "09:00", "end_time", "17:00"),
                             &err),
                     HL_ERR_INVALID);
    assert_int_equal(
        try_put(f->db, &ent_absence,
                json_pack("{sI ss ss ss}", "person_id", (json_int_t)a, "kind", "vacation",
                          "start_at", "2026-12-01T08:00:00Z", "end_at", "2026-12-01T08:00:00Z"),
                &err),
        HL_ERR_INVALID);
    assert_int_equal(
        try_put(f->db, &ent_absence,
                json_pack("{sI ss ss ss}", "person_id", (json_int_t)a, "kind", "holiday",
                          "start_at", "2026-12-01T08:00:00Z", "end_at", "2026-12-02T08:00:00Z"),
                &err),
        HL_ERR_INVALID);
    assert_int_equal(
        try_put(f->db, &ent_assignment,
                json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)a, "principal_id",
                          (json_int_t)p, "kind", "boss", "start_date", "2026-01-01"),
                &err),
        HL_ERR_INVALID);
    assert_int_equal(try_put(f->db, &ent_assignment,
                             json_pack("{sI sI ss ss ss}", "assistant_id", (json_int_t)a,
                                       "principal_id", (json_int_t)p, "kind", "primary",
                                       "start_date", "2026-02-01", "end_date", "2026-01-31"),
                             &err),
                     HL_ERR_INVALID);
    /* Nothing of the refused rows is left (the person row of the refused assistants too). */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 2);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM principal"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM skill"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM work_pattern"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM absence"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assignment"), 0);
    /* Database text stays out of the message. */
    assert_null(strstr(err.message, "CHECK"));
}

/* The date columns hold real calendar dates only, not just text shaped like one. */
static void test_check_real_dates(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    int64_t a = put(f->db, &ent_assistant, assistant("Liis Sepp", "liis@example.ee"));
    int64_t p =
        put(f->db, &ent_principal, principal("Emily Smith", "emily@example.co.uk", "Sales"));
    static const char *const impossible[] = {"2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01",
                                             "2026-00-10"};
    for (size_t i = 0; i < sizeof impossible / sizeof impossible[0]; i++) {
        json_t *bad = assistant("Anu Kask", "anu@example.ee");
        json_object_set_new(bad, "hire_date", json_string(impossible[i]));
        if (try_put(f->db, &ent_assistant, bad, &err) != HL_ERR_INVALID)
            fail_msg("assistant.hire_date accepted %s", impossible[i]);
        if (try_put(f->db, &ent_assignment,
                    json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)a, "principal_id",
                              (json_int_t)p, "kind", "primary", "start_date", impossible[i]),
                    &err) != HL_ERR_INVALID)
            fail_msg("assignment.start_date accepted %s", impossible[i]);
        if (try_put(f->db, &ent_work_pattern,
                    json_pack("{sI si ss ss ss}", "person_id", (json_int_t)a, "weekday", 1,
                              "start_time", "09:00", "end_time", "17:00", "valid_from",
                              impossible[i]),
                    &err) != HL_ERR_INVALID)
            fail_msg("work_pattern.valid_from accepted %s", impossible[i]);
    }
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assignment"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM work_pattern"), 0);
    /* Real dates, leap days included, are fine. */
    json_t *ok = assistant("Anu Kask", "anu@example.ee");
    json_object_set_new(ok, "hire_date", json_string("2024-02-29"));
    put(f->db, &ent_assistant, ok);
}

static void test_unique_email(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    put(f->db, &ent_assistant, assistant("Kadri Tamm", "kadri.tamm@example.ee"));
    /* The same address in other letter case is the same address. */
    assert_int_equal(
        try_put(f->db, &ent_assistant, assistant("Kadri Tamm", "Kadri.Tamm@Example.EE"), &err),
        HL_ERR_DUPLICATE);
    assert_int_equal(err.code, HL_ERR_DUPLICATE);
    assert_string_equal(err.field, "email");
    assert_null(strstr(err.message, "UNIQUE"));
    /* People share one table: a principal cannot take an assistant's address either. */
    assert_int_equal(try_put(f->db, &ent_principal,
                             principal("K. Tamm", "kadri.tamm@example.ee", "Finance"), &err),
                     HL_ERR_DUPLICATE);
    assert_string_equal(err.field, "email");
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM principal"), 0);

    /* Other unique values name their field too. */
    int64_t s1 = put(f->db, &ent_skill, skill("Minutes", "office"));
    assert_int_equal(try_put(f->db, &ent_skill, skill("MINUTES", "other"), &err), HL_ERR_DUPLICATE);
    assert_string_equal(err.field, "name");
    int64_t d1 = put(f->db, &ent_duty, json_pack("{ss}", "name", "Board meetings"));
    put(f->db, &ent_duty_skill,
        json_pack("{sI sI si}", "duty_id", (json_int_t)d1, "skill_id", (json_int_t)s1, "min_level",
                  3));
    assert_int_equal(try_put(f->db, &ent_duty_skill,
                             json_pack("{sI sI si}", "duty_id", (json_int_t)d1, "skill_id",
                                       (json_int_t)s1, "min_level", 4),
                             &err),
                     HL_ERR_DUPLICATE);
    assert_string_equal(err.field, "duty_id");
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM duty_skill"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM skill"), 1);
}

static void test_foreign_keys(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    assert_int_equal(sql_int(f->db, "PRAGMA foreign_keys"), 1);
    int64_t a = put(f->db, &ent_assistant, assistant("Triin Kukk", "triin@example.ee"));
    /* References to records that do not exist are refused by the database. */
    assert_int_not_equal(
        try_put(f->db, &ent_assignment,
                json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)a, "principal_id",
                          (json_int_t)999, "kind", "primary", "start_date", "2026-01-01"),
                &err),
        HL_OK);
    assert_int_not_equal(
        try_put(f->db, &ent_absence,
                json_pack("{sI ss ss ss}", "person_id", (json_int_t)999, "kind", "sick", "start_at",
                          "2026-12-01T08:00:00Z", "end_at", "2026-12-02T08:00:00Z"),
                &err),
        HL_OK);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assignment"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM absence"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

static void test_delete_in_use(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    int64_t a = put(f->db, &ent_assistant, assistant("Piret Ilves", "piret@example.ee"));
    int64_t p = put(f->db, &ent_principal, principal("Harry Hall", "harry@example.co.uk", "Sales"));
    int64_t s = put(f->db, &ent_skill, skill("Travel booking", "office"));
    put(f->db, &ent_assistant_skill,
        json_pack("{sI sI si}", "assistant_id", (json_int_t)a, "skill_id", (json_int_t)s, "level",
                  4));
    put(f->db, &ent_work_pattern,
        json_pack("{sI si ss ss}", "person_id", (json_int_t)a, "weekday", 2, "start_time", "09:00",
                  "end_time", "17:00"));
    int64_t as = put(f->db, &ent_assignment,
                     json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)a, "principal_id",
                               (json_int_t)p, "kind", "primary", "start_date", "2026-01-01"));

    assert_int_equal(store_entity_delete(f->db, &ent_assistant, a, &err), HL_ERR_IN_USE);
    assert_int_equal(err.code, HL_ERR_IN_USE);
    assert_null(strstr(err.message, "FOREIGN KEY"));
    assert_int_equal(store_entity_delete(f->db, &ent_principal, p, &err), HL_ERR_IN_USE);
    json_t *rec = get(f->db, &ent_assistant, a);
    json_decref(rec);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM person"), 2);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant_skill"), 1);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM work_pattern"), 1);

    /* Once the assignment is gone the assistant goes, with what belongs to it alone. */
    assert_int_equal(store_entity_delete(f->db, &ent_assignment, as, &err), HL_OK);
    assert_int_equal(store_entity_delete(f->db, &ent_assistant, a, &err), HL_OK);
    assert_int_equal(store_entity_get(f->db, &ent_assistant, a, &rec, &err), HL_ERR_NOT_FOUND);
    assert_int_equal(store_entity_get(f->db, &ent_person, a, &rec, &err), HL_ERR_NOT_FOUND);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assistant_skill"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM work_pattern"), 0);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM skill"), 1);

    /* A person with an absence on record cannot be deleted either. */
    put(f->db, &ent_absence,
        json_pack("{sI ss ss ss}", "person_id", (json_int_t)p, "kind", "sick", "start_at",
                  "2026-12-01T08:00:00Z", "end_at", "2026-12-02T08:00:00Z"));
    assert_int_equal(store_entity_delete(f->db, &ent_principal, p, &err), HL_ERR_IN_USE);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM principal"), 1);
}

static void test_update_stale(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    int64_t id = put(f->db, &ent_assistant, assistant("Katrin Lepik", "katrin@example.ee"));
    db_set_clock(f->db, 1767229200); /* an hour later */
    json_t *changes = json_pack("{ss si}", "name", "Katrin Lepik-Kask", "capacity", 4);
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 1, changes, &err), HL_OK);
    json_decref(changes);
    json_t *now = get(f->db, &ent_assistant, id);
    assert_int_equal(json_integer_value(json_object_get(now, "version")), 2);
    assert_string_equal(json_string_value(json_object_get(now, "name")), "Katrin Lepik-Kask");
    assert_int_equal(json_integer_value(json_object_get(now, "capacity")), 4);
    assert_string_equal(json_string_value(json_object_get(now, "created_at")),
                        "2026-01-01T00:00:00Z");
    assert_string_equal(json_string_value(json_object_get(now, "updated_at")),
                        "2026-01-01T01:00:00Z");

    /* Version 1 is stale now: neither the person's nor the assistant's columns change. */
    changes = json_pack("{ss si}", "name", "Someone Else", "capacity", 9);
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 1, changes, &err),
                     HL_ERR_STALE);
    assert_int_equal(err.code, HL_ERR_STALE);
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 3, changes, &err),
                     HL_ERR_STALE);
    json_decref(changes);
    changes = json_pack("{si}", "capacity", 9); /* a change of the extension table only */
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 1, changes, &err),
                     HL_ERR_STALE);
    json_t *after = get(f->db, &ent_assistant, id);
    assert_true(json_equal(now, after));
    json_decref(after);

    /* The same change with the current version goes through and bumps it once. */
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 2, changes, &err), HL_OK);
    json_decref(changes);
    after = get(f->db, &ent_assistant, id);
    assert_int_equal(json_integer_value(json_object_get(after, "version")), 3);
    assert_int_equal(json_integer_value(json_object_get(after, "capacity")), 9);
    assert_string_equal(json_string_value(json_object_get(after, "name")), "Katrin Lepik-Kask");
    json_decref(after);
    json_decref(now);

    /* A rule broken by an update changes nothing either. */
    changes = json_pack("{si}", "capacity", 0);
    assert_int_equal(db_begin(f->db, true, &err), HL_OK);
    assert_int_equal(store_entity_update(f->db, &ent_assistant, id, 3, changes, &err),
                     HL_ERR_INVALID);
    db_rollback(f->db);
    json_decref(changes);
    assert_int_equal(sql_int(f->db, "SELECT capacity FROM assistant"), 9);
    assert_int_equal(sql_int(f->db, "SELECT version FROM person"), 3);
}

static void test_list_paging(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {"Alpha", "Bravo",   "Charlie", "Delta",
                                        "Echo",  "Foxtrot", "Golf"};
    int64_t ids[7];
    for (int i = 0; i < 7; i++)
        ids[i] = put(f->db, &ent_skill, skill(names[i], "office"));
    struct list_query q = {.limit = 3};
    bool more = false;
    char *page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "Alpha,Bravo,Charlie");
    assert_true(more);
    free(page);
    q.after_id = ids[2];
    page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "Delta,Echo,Foxtrot");
    assert_true(more);
    free(page);
    q.after_id = ids[5];
    page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "Golf");
    assert_false(more);
    free(page);
    /* A page that ends exactly at the last row says nothing follows. */
    q.after_id = ids[3];
    page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "Echo,Foxtrot,Golf");
    assert_false(more);
    free(page);
    /* The cursor is an id, not a position: a deleted row does not shift the pages. */
    struct hl_error err;
    assert_int_equal(store_entity_delete(f->db, &ent_skill, ids[4], &err), HL_OK);
    q.after_id = ids[2];
    q.limit = 2;
    page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "Delta,Foxtrot");
    assert_true(more);
    free(page);
    q.after_id = ids[6];
    page = list_names(f->db, &ent_skill, &q, &more);
    assert_string_equal(page, "");
    assert_false(more);
    free(page);
    q.after_id = 0;
    q.limit = 500;
    assert_list(f->db, &ent_skill, &q, "Alpha,Bravo,Charlie,Delta,Foxtrot,Golf");
}

static void test_list_filters(void **state)
{
    struct fixture *f = *state;
    put(f->db, &ent_skill, skill("English", "language"));
    put(f->db, &ent_skill, skill("Minutes", "office"));
    put(f->db, &ent_skill, skill("Estonian", "language"));
    put(f->db, &ent_principal, principal("Grace Hughes", "grace@example.co.uk", "Finance"));
    put(f->db, &ent_principal, principal("Henry Green", "henry@example.co.uk", "Legal"));
    json_t *gone = principal("Isabel Clarke", "isabel@example.co.uk", "Finance");
    json_object_set_new(gone, "active", json_false());
    put(f->db, &ent_principal, gone);
    put(f->db, &ent_assistant, assistant("Helen Vaher", "helen@example.ee"));

    json_t *lang = json_string("language"), *fin = json_string("Finance");
    json_t *no = json_false(), *tz = json_string("Europe/Tallinn");
    struct list_query q = {.limit = 50};
    q.filters[0].field = entity_field(&ent_skill, "category");
    q.filters[0].value = lang;
    q.nfilters = 1;
    assert_list(f->db, &ent_skill, &q, "English,Estonian");
    /* A filter together with a name prefix. */
    q.name_prefix = "est";
    assert_list(f->db, &ent_skill, &q, "Estonian");

    /* A column of the extension table. */
    struct list_query p = {.limit = 50};
    p.filters[0].field = entity_field(&ent_principal, "department");
    p.filters[0].value = fin;
    p.nfilters = 1;
    assert_list(f->db, &ent_principal, &p, "Grace Hughes,Isabel Clarke");
    p.filters[1].field = entity_field(&ent_principal, "active");
    p.filters[1].value = no;
    p.nfilters = 2;
    assert_list(f->db, &ent_principal, &p, "Isabel Clarke");

    /* People are everyone; the entity views see only their own kind. */
    struct list_query all = {.limit = 50};
    assert_list(f->db, &ent_person, &all, "Grace Hughes,Henry Green,Isabel Clarke,Helen Vaher");
    assert_list(f->db, &ent_assistant, &all, "Helen Vaher");
    all.filters[0].field = entity_field(&ent_person, "time_zone");
    all.filters[0].value = tz;
    all.nfilters = 1;
    assert_list(f->db, &ent_person, &all, "Helen Vaher");
    assert_list(f->db, &ent_principal, &all, "");
    json_decref(lang);
    json_decref(fin);
    json_decref(no);
    json_decref(tz);
}

static void test_name_prefix_is_literal(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {"50%_off", "50% more", "500 club",    "50x_off",
                                        "5_0",     "5a0",      "back\\slash", "Kadri Tamm"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        put(f->db, &ent_skill, skill(names[i], "other"));
    struct list_query q = {.limit = 50};
    q.name_prefix = "50%_off";
    assert_list(f->db, &ent_skill, &q, "50%_off");
    q.name_prefix = "50%_";
    assert_list(f->db, &ent_skill, &q, "50%_off");
    q.name_prefix = "50%";
    assert_list(f->db, &ent_skill, &q, "50%_off,50% more");
    q.name_prefix = "50";
    assert_list(f->db, &ent_skill, &q, "50%_off,50% more,500 club,50x_off");
    q.name_prefix = "5_";
    assert_list(f->db, &ent_skill, &q, "5_0");
    q.name_prefix = "%";
    assert_list(f->db, &ent_skill, &q, "");
    q.name_prefix = "_";
    assert_list(f->db, &ent_skill, &q, "");
    q.name_prefix = "back\\";
    assert_list(f->db, &ent_skill, &q, "back\\slash");
    q.name_prefix = "back\\s";
    assert_list(f->db, &ent_skill, &q, "back\\slash");
    q.name_prefix = "kadri t"; /* letter case does not matter */
    assert_list(f->db, &ent_skill, &q, "Kadri Tamm");
    q.name_prefix = "Tamm"; /* a prefix, not a substring */
    assert_list(f->db, &ent_skill, &q, "");
    q.name_prefix = "' OR 1=1 --";
    assert_list(f->db, &ent_skill, &q, "");
}

static void test_list_window(void **state)
{
    struct fixture *f = *state;
    int64_t a = put(f->db, &ent_assistant, assistant("Kaja Paju", "kaja@example.ee"));
    static const char *const spans[][2] = {
        {"2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z"},
        {"2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z"},
        {"2026-11-20T00:00:00Z", "2026-12-31T00:00:00Z"},
        {"2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z"},
    };
    int64_t ids[4];
    for (int i = 0; i < 4; i++)
        ids[i] = put(f->db, &ent_absence,
                     json_pack("{sI ss ss ss}", "person_id", (json_int_t)a, "kind", "vacation",
                               "start_at", spans[i][0], "end_at", spans[i][1]));
    struct list_query q = {.limit = 50, .window = true};
    assert_true(instant_parse("2026-12-03T00:00:00Z", &q.from));
    assert_true(instant_parse("2026-12-04T00:00:00Z", &q.to));
    /* Half-open intervals: one that ends when the window starts does not overlap it. */
    char expect[64];
    snprintf(expect, sizeof expect, "%lld,%lld", (long long)ids[1], (long long)ids[2]);
    assert_list(f->db, &ent_absence, &q, expect);
    assert_true(instant_parse("2026-12-04T00:00:00Z", &q.from));
    assert_true(instant_parse("2026-12-05T00:00:00Z", &q.to));
    assert_list(f->db, &ent_absence, &q, expect);
    q.from = INT64_MIN;
    q.to = INT64_MAX;
    snprintf(expect, sizeof expect, "%lld,%lld,%lld,%lld", (long long)ids[0], (long long)ids[1],
             (long long)ids[2], (long long)ids[3]);
    assert_list(f->db, &ent_absence, &q, expect);
}

static void test_get_missing(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    json_t *rec = NULL;
    assert_int_equal(store_entity_get(f->db, &ent_skill, 42, &rec, &err), HL_ERR_NOT_FOUND);
    assert_null(rec);
    assert_non_null(strstr(err.message, "42"));
    /* A principal is not an assistant. */
    int64_t p = put(f->db, &ent_principal, principal("Lucy Walker", "lucy@example.co.uk", "HR"));
    assert_int_equal(store_entity_get(f->db, &ent_assistant, p, &rec, &err), HL_ERR_NOT_FOUND);
    bool exists = true;
    assert_int_equal(store_entity_exists(f->db, &ent_assistant, p, &exists, &err), HL_OK);
    assert_false(exists);
    assert_int_equal(store_entity_exists(f->db, &ent_principal, p, &exists, &err), HL_OK);
    assert_true(exists);
    assert_int_equal(store_entity_exists(f->db, &ent_person, p, &exists, &err), HL_OK);
    assert_true(exists);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_strict_types, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_check_constraints, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_check_real_dates, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unique_email, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_delete_in_use, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_update_stale, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_paging, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_name_prefix_is_literal, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_window, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_get_missing, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
