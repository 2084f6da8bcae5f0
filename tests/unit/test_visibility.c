/* test_visibility.c: the visibility policies (src/core/entity.h, struct visibility) as one table:
 * every entity of the registry × every kind of viewer, read by get and by list, against what
 * the entity's policy says — including an ended assignment, a future one, a cover long over, an
 * upcoming cover and a designated backup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "absence.h"
#include "desk.h"
#include "fit.h"
#include "domain.h"
#include "holiday_domain.h"
#include "mail.h"
#include "mediation.h"
#include "svc_mediation.h"
#include "leave.h"
#include "meeting.h"
#include "training.h"
#include "people.h"
#include "recruit.h"
#include "interview_recruit.h"
#include "offer_recruit.h"
#include "svc_entity.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* The people of the fixture; the test's clock is 2026-01-01T00:00:00Z. */
enum who { P1, P2, A1, A2, A3, A4, A5, A6, NPEOPLE };
static const char *const who_names[] = {"P1 (the subject)",
                                        "P2 (another principal)",
                                        "A1 (assigned now)",
                                        "A2 (assignment ended)",
                                        "A3 (covered P1 a year ago)",
                                        "A4 (covers P1 next week)",
                                        "A5 (P1's designated backup)",
                                        "A6 (assignment starts in March)"};

/* How two people are linked, written out by hand: what the policy must make of each. */
enum link_kind { L_ASSIGNMENT, L_COVER, L_BACKUP };
static const struct {
    enum who assistant, principal;
    enum link_kind kind;
    bool valid_now; /* what "valid at the time asked" means for this link */
} links[] = {
    {A1, P1, L_ASSIGNMENT, true}, {A2, P1, L_ASSIGNMENT, false}, {A6, P1, L_ASSIGNMENT, false},
    {A3, P1, L_COVER, false},     {A4, P1, L_COVER, true},       {A5, P1, L_BACKUP, true},
};

struct world {
    int64_t person[NPEOPLE];
    int64_t skill, duty;
};

/* One row per entity: its id and the person it is about (0 for catalog rows). */
struct row {
    const struct entity *ent;
    int64_t id;
    enum who subject;
    unsigned parties; /* VIS_PARTIES: the people (bit per `enum who`) allowed to see it */
};

static int64_t create(struct fixture *f, const struct entity *ent, json_t *body)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    if (svc_entity_create(&f->ctx, ent, body, &out, &err) != HL_OK)
        fail_msg("creating a %s: %s (%s)", ent->name, err.message, err.field);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(body);
    return id;
}

static void exec(struct fixture *f, const char *sql)
{
    struct hl_error err;
    hl_error_clear(&err);
    if (db_exec(f->db, sql, &err) != HL_OK)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t person(struct fixture *f, enum who w)
{
    char email[64];
    snprintf(email, sizeof email, "p%d@example.org", (int)w);
    if (w == P1 || w == P2)
        return create(f, &ent_principal,
                      json_pack("{ss ss ss ss ss}", "name", who_names[w], "email", email,
                                "time_zone", "Europe/Tallinn", "office", "Tallinn", "department",
                                "Board"));
    return create(f, &ent_assistant,
                  json_pack("{ss ss ss ss}", "name", who_names[w], "email", email, "time_zone",
                            "Europe/Tallinn", "office", "Tallinn"));
}

static void assign(struct fixture *f, struct world *w, enum who a, const char *from, const char *to)
{
    json_t *b = json_pack("{sI sI ss ss}", "assistant_id", (json_int_t)w->person[a], "principal_id",
                          (json_int_t)w->person[P1], "kind", "primary", "start_date", from);
    if (to)
        json_object_set_new(b, "end_date", json_string(to));
    create(f, &ent_assignment, b);
}

static void cover(struct fixture *f, struct world *w, enum who a, int64_t start, int64_t end)
{
    char *sql = hl_asprintf("INSERT INTO coverage_cover (created_at, updated_at, principal_id, "
                            "assistant_id, start_at, end_at, slots, status) VALUES (0, 0, %lld, "
                            "%lld, %lld, %lld, 1, 'accepted')",
                            (long long)w->person[P1], (long long)w->person[a], (long long)start,
                            (long long)end);
    exec(f, sql);
    free(sql);
}

/* Builds the people and links above, then one row about P1 (or A1) of every entity. */
static size_t build(struct fixture *f, struct world *w, struct row *rows, size_t max)
{
    for (int i = 0; i < NPEOPLE; i++)
        w->person[i] = person(f, (enum who)i);
    assign(f, w, A1, "2025-06-01", NULL);
    assign(f, w, A2, "2025-01-01", "2025-12-01");
    assign(f, w, A6, "2026-03-01", NULL);
    cover(f, w, A3, 1736035200, 1736121600); /* 2025-01-05 → 06 */
    cover(f, w, A4, 1767571200, 1767657600); /* 2026-01-05 → 06 */
    w->skill = create(f, &ent_skill, json_pack("{ss}", "name", "Minutes"));
    w->duty = create(f, &ent_duty, json_pack("{ss}", "name", "Board meetings"));
    json_int_t p1 = (json_int_t)w->person[P1], a1 = (json_int_t)w->person[A1];
    size_t n = 0;
#define ROW(E, ID, S) (assert_true(n < max), rows[n++] = (struct row){E, ID, S, 0})
    ROW(&ent_person, w->person[P1], P1);
    ROW(&ent_principal, w->person[P1], P1);
    ROW(&ent_assistant, w->person[A1], A1);
    ROW(&ent_skill, w->skill, NPEOPLE);
    ROW(&ent_duty, w->duty, NPEOPLE);
    ROW(&ent_duty_skill,
        create(f, &ent_duty_skill,
               json_pack("{sI sI si}", "duty_id", (json_int_t)w->duty, "skill_id",
                         (json_int_t)w->skill, "min_level", 2)),
        NPEOPLE);
    ROW(&ent_assistant_skill,
        create(f, &ent_assistant_skill,
               json_pack("{sI sI si}", "assistant_id", a1, "skill_id", (json_int_t)w->skill,
                         "level", 3)),
        A1);
    ROW(&ent_principal_duty,
        create(f, &ent_principal_duty,
               json_pack("{sI sI sb}", "principal_id", p1, "duty_id", (json_int_t)w->duty,
                         "must_have", 1)),
        P1);
    ROW(&ent_backup,
        create(f, &ent_backup,
               json_pack("{sI sI si}", "principal_id", p1, "assistant_id",
                         (json_int_t)w->person[A5], "rank", 1)),
        P1);
    ROW(&ent_work_pattern,
        create(f, &ent_work_pattern,
               json_pack("{sI si ss ss}", "person_id", p1, "weekday", 1, "start_time", "09:00",
                         "end_time", "17:00")),
        P1);
    ROW(&ent_assignment, sql_int(f->db, "SELECT min(id) FROM assignment"), /* A1's, the valid one */
        P1);
    ROW(&ent_absence,
        create(f, &ent_absence,
               json_pack("{sI ss ss ss}", "person_id", p1, "kind", "vacation", "start_at",
                         "2026-02-02T07:00:00Z", "end_at", "2026-02-06T16:00:00Z")),
        P1);
    ROW(&ent_office_calendar,
        create(f, &ent_office_calendar, json_pack("{ss ss}", "office", "Tallinn", "country", "EE")),
        NPEOPLE);
    ROW(&ent_office_holiday,
        create(f, &ent_office_holiday,
               json_pack("{ss ss ss}", "office", "Tallinn", "date", "2026-12-31", "name",
                         "Staff day")),
        NPEOPLE);
    exec(f, "INSERT INTO mail_outbox (created_at, updated_at, person_id, to_address, lang, kind, "
            "subject, body, next_attempt_at) SELECT 0, 0, id, email, 'en', 'test', 'Hello', "
            "'Body', 0 FROM person ORDER BY id LIMIT 1");
    ROW(&ent_mail, sql_int(f->db, "SELECT max(id) FROM mail_outbox"), P1);
    /* A mediation case between P1 and A1; A2 is a party the manager has not let see it. */
    json_t *c = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    json_t *body =
        json_pack("{ss s[{sI}{sI}{sIsb}]}", "category", "workload", "parties", "person_id", p1,
                  "person_id", a1, "person_id", (json_int_t)w->person[A2], "may_view", 0);
    if (svc_case_create(&f->ctx, body, &c, &err) != HL_OK)
        fail_msg("creating a case: %s", err.message);
    json_decref(body);
    ROW(&ent_case, json_integer_value(json_object_get(c, "id")), P1);
    rows[n - 1].parties = 1u << P1 | 1u << A1;
    json_decref(c);
    ROW(&ent_leave_policy,
        create(f, &ent_leave_policy,
               json_pack("{ss ss sf}", "office", "Tallinn", "kind", "vacation", "days", 28.0)),
        NPEOPLE);
    ROW(&ent_leave_entitlement,
        create(f, &ent_leave_entitlement,
               json_pack("{sI ss si sf ss}", "person_id", p1, "kind", "vacation", "year", 2026,
                         "carry_over_days", 3.0, "carry_over_expires", "2026-03-31")),
        P1);
    int64_t boss =
        create(f, &ent_person,
               json_pack("{ss ss ss ss}", "name", "The manager", "email", "boss@example.org",
                         "time_zone", "Europe/Tallinn", "office", "Tallinn"));
    ROW(&ent_approval_standin,
        create(f, &ent_approval_standin,
               json_pack("{sI sI ss ss}", "manager_id", (json_int_t)boss, "standin_id", p1,
                         "from_date", "2026-01-01", "to_date", "2026-12-31")),
        NPEOPLE);
    ROW(&ent_task,
        create(f, &ent_task,
               json_pack("{sI sI ss}", "assistant_id", a1, "principal_id", p1, "title", "Pack")),
        P1);
    ROW(&ent_phone_message,
        create(f, &ent_phone_message,
               json_pack("{sI sI ss ss ss}", "principal_id", p1, "taken_by_id", a1, "caller",
                         "Mart", "phone", "+372 5555", "taken_at", "2025-12-31T09:00:00Z")),
        P1);
    ROW(&ent_correspondence,
        create(f, &ent_correspondence,
               json_pack("{sI ss ss ss ss ss sI}", "principal_id", p1, "direction", "incoming",
                         "kind", "letter", "counterpart", "Ministry", "subject", "Permit", "date",
                         "2025-12-30", "handler_id", a1)),
        P1);
    ROW(&ent_room, create(f, &ent_room, json_pack("{ss si}", "name", "Board room", "capacity", 12)),
        NPEOPLE);
    exec(f, "INSERT INTO meeting (created_at, updated_at, principal_id, booked_by, title, "
            "start_at, end_at, uid) SELECT 0, 0, min(id), 'test', 'Budget', 1767776400, "
            "1767780000, 'vis-1@haldus' FROM person");
    ROW(&ent_meeting, sql_int(f->db, "SELECT max(id) FROM meeting"), P1);
    exec(f, "INSERT INTO meeting_attendee (created_at, updated_at, meeting_id, principal_id, "
            "email) SELECT 0, 0, id, principal_id, 'guest@example.com' FROM meeting");
    ROW(&ent_meeting_attendee, sql_int(f->db, "SELECT max(id) FROM meeting_attendee"), P1);
    exec(f, "INSERT INTO outside_calendar (created_at, updated_at, person_id, name) SELECT 0, 0, "
            "min(id), 'Board calendar' FROM person");
    ROW(&ent_outside_calendar, sql_int(f->db, "SELECT max(id) FROM outside_calendar"), P1);
    int64_t rq = create(f, &ent_requisition,
                        json_pack("{ss ss sI ss}", "title", "Assistant to P1", "reason", "growth",
                                  "principal_id", p1, "office", "Tallinn"));
    ROW(&ent_requisition, rq, NPEOPLE);
    ROW(&ent_posting,
        create(f, &ent_posting,
               json_pack("{sI ss ss ss}", "requisition_id", (json_int_t)rq, "lang", "en", "title",
                         "Assistant", "body", "Text")),
        NPEOPLE);
    ROW(&ent_application,
        create(f, &ent_application,
               json_pack("{sI ss ss}", "requisition_id", (json_int_t)rq, "name", "Candidate",
                         "email", "candidate@example.com")),
        NPEOPLE);
    /* An interview of that candidate with P1 (the executive) and A1 on the panel: they see the
     * application and the interview. A1 has submitted a scorecard, P1 only drafted one: each
     * sees their own, neither the other's (blind until both are in). */
    size_t app_row = n - 1;
    char *iv = hl_asprintf(
        "INSERT INTO interview (created_at, updated_at, application_id, requisition_id, status, "
        "start_at, end_at, duration_minutes) VALUES (0, 0, %lld, %lld, 'scheduled', 1767776400, "
        "1767780000, 60); INSERT INTO interview_panel (interview_id, person_id, role) SELECT "
        "max(id), %lld, 'executive' FROM interview; INSERT INTO interview_panel (interview_id, "
        "person_id, role) SELECT max(id), %lld, 'member' FROM interview; INSERT INTO scorecard "
        "(created_at, updated_at, interview_id, person_id, status, submitted_at) SELECT 0, 0, "
        "max(id), %lld, 'submitted', 1 FROM interview; INSERT INTO scorecard (created_at, "
        "updated_at, interview_id, person_id) SELECT 0, 0, max(id), %lld FROM interview",
        (long long)rows[app_row].id, (long long)rq, (long long)p1, (long long)a1, (long long)a1,
        (long long)p1);
    exec(f, iv);
    free(iv);
    rows[app_row].parties = 1u << P1 | 1u << A1;
    ROW(&ent_interview, sql_int(f->db, "SELECT max(id) FROM interview"), NPEOPLE);
    rows[n - 1].parties = 1u << P1 | 1u << A1;
    ROW(&ent_scorecard, sql_int(f->db, "SELECT min(id) FROM scorecard"), A1);
    rows[n - 1].parties = 1u << A1;
    ROW(&ent_scorecard, sql_int(f->db, "SELECT max(id) FROM scorecard"), P1);
    rows[n - 1].parties = 1u << P1;
    /* The offer to that candidate: the managers' only, not the panel's. */
    char *of = hl_asprintf("INSERT INTO offer (created_at, updated_at, application_id, "
                           "salary_amount, start_date, hours_per_week, expires_on) VALUES (0, 0, "
                           "%lld, 2000, '2027-01-04', 40, '2026-12-20')",
                           (long long)rows[app_row].id);
    exec(f, of);
    free(of);
    ROW(&ent_offer, sql_int(f->db, "SELECT max(id) FROM offer"), NPEOPLE);
    ROW(&ent_role_profile,
        create(f, &ent_role_profile,
               json_pack("{sI sf si}", "principal_id", p1, "workload_hours", 20.0, "pace", 1)),
        P1);
    ROW(&ent_work_style,
        create(f, &ent_work_style, json_pack("{sI si}", "assistant_id", a1, "pace", -1)), A1);
    ROW(&ent_duty_experience,
        create(f, &ent_duty_experience,
               json_pack("{sI sI sf}", "assistant_id", a1, "duty_id", (json_int_t)w->duty, "years",
                         3.0)),
        A1);
    exec(f, "INSERT INTO meeting_request (created_at, updated_at, principal_id, with_whom, "
            "subject) SELECT 0, 0, min(id), 'The auditors', 'Annual audit' FROM person");
    ROW(&ent_meeting_request, sql_int(f->db, "SELECT max(id) FROM meeting_request"), P1);
    /* Training: the catalog and schedule are everyone's; an enrolment, its attendance and
     * certificates are the assistant's (A1); an arrangement is its doer's (A1). */
    int64_t course = create(f, &ent_course, json_pack("{ss}", "name", "Finnish for assistants"));
    ROW(&ent_course, course, NPEOPLE);
    ROW(&ent_course_skill,
        create(f, &ent_course_skill,
               json_pack("{sI sI si}", "course_id", (json_int_t)course, "skill_id",
                         (json_int_t)w->skill, "level", 4)),
        NPEOPLE);
    int64_t sess = create(f, &ent_training_session,
                          json_pack("{sI ss si}", "course_id", (json_int_t)course, "name",
                                    "Finnish, spring", "capacity", 5));
    ROW(&ent_training_session, sess, NPEOPLE);
    int64_t tmeet = create(f, &ent_training_meeting,
                           json_pack("{sI ss ss}", "session_id", (json_int_t)sess, "start_at",
                                     "2026-04-01T07:00:00Z", "end_at", "2026-04-01T15:00:00Z"));
    ROW(&ent_training_meeting, tmeet, NPEOPLE);
    ROW(&ent_training_arrangement,
        create(f, &ent_training_arrangement,
               json_pack("{sI ss sI}", "session_id", (json_int_t)sess, "title", "Book the room",
                         "person_id", a1)),
        A1);
    json_t *enr = NULL;
    if (svc_training_enrol(&f->ctx, sess, a1, "", &enr, &err) != HL_OK)
        fail_msg("enrolling: %s", err.message);
    int64_t enr_id = json_integer_value(json_object_get(enr, "id"));
    json_decref(enr);
    ROW(&ent_enrolment, enr_id, A1);
    char *att = hl_asprintf("INSERT INTO training_attendance (created_at, updated_at, "
                            "enrolment_id, assistant_id, meeting_id, start_at) VALUES (0, 0, "
                            "%lld, %lld, %lld, 1775026800)",
                            (long long)enr_id, (long long)a1, (long long)tmeet);
    exec(f, att);
    free(att);
    ROW(&ent_training_attendance, sql_int(f->db, "SELECT max(id) FROM training_attendance"), A1);
    ROW(&ent_certificate,
        create(f, &ent_certificate,
               json_pack("{sI sI si ss ss}", "assistant_id", a1, "skill_id", (json_int_t)w->skill,
                         "level", 4, "title", "Finnish 4", "issued_on", "2026-01-10")),
        A1);
#undef ROW
    return n;
}

/* Is `viewer` linked to `subject` now, by a link the policy counts? */
static bool linked(enum who viewer, enum who subject, unsigned counted)
{
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (!links[i].valid_now)
            continue;
        enum who a = links[i].assistant, p = links[i].principal;
        switch (links[i].kind) {
        case L_ASSIGNMENT:
            if ((counted & LINK_ASSIGNMENT) &&
                ((viewer == a && subject == p) || (viewer == p && subject == a)))
                return true;
            break;
        case L_COVER:
            if ((counted & LINK_COVER) &&
                ((viewer == a && subject == p) || (viewer == p && subject == a)))
                return true;
            break;
        case L_BACKUP: /* the principal sees their backups */
            if ((counted & LINK_BACKUP) && viewer == p && subject == a)
                return true;
            break;
        }
    }
    return false;
}

/* What the policy says: may an assistant or principal `viewer` read a row about `subject`? */
static bool expected(const struct row *r, enum who viewer)
{
    const struct entity *ent = r->ent;
    enum who subject = r->subject;
    switch (ent->vis.policy) {
    case VIS_CATALOG:
        return true;
    case VIS_SELF:
        return viewer == subject;
    case VIS_RELATED:
        return viewer == subject || linked(viewer, subject, ent->vis.links);
    case VIS_PARTIES:
        return (r->parties >> viewer) & 1u;
    default: /* managers only */
        return false;
    }
}

static bool in_list(struct svc_ctx *ctx, const struct entity *ent, int64_t id)
{
    struct list_query q = {.limit = 500};
    json_t *items = NULL;
    bool more = false;
    struct hl_error err;
    hl_error_clear(&err);
    if (svc_entity_list(ctx, ent, &q, &items, &more, &err) != HL_OK)
        fail_msg("listing %s: %s", ent->path, err.message);
    bool found = false;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) found =
        found || json_integer_value(json_object_get(it, "id")) == id;
    json_decref(items);
    return found;
}

static bool can_get(struct svc_ctx *ctx, const struct entity *ent, int64_t id)
{
    json_t *out = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    enum hl_err e = svc_entity_get(ctx, ent, id, &out, &err);
    json_decref(out);
    if (e != HL_OK && e != HL_ERR_NOT_FOUND)
        fail_msg("get %s %lld: %s", ent->name, (long long)id, err.message);
    return e == HL_OK;
}

static void test_policy_table(void **state)
{
    struct fixture *f = *state;
    struct world w;
    struct row rows[64];
    size_t n = build(f, &w, rows, 64);

    /* Every entity of the registry has its row in the table above. */
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it));) {
        bool has = false;
        for (size_t i = 0; i < n; i++)
            has = has || rows[i].ent == e;
        if (!has)
            fail_msg("entity %s has no row in test_visibility's table: add one", e->name);
    }

    int checked = 0;
    for (size_t i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        /* Managers and admins see every row, with or without a person of their own — but a
         * confidential one (a mediation case) only the manager role sees. */
        static const enum role all[] = {ROLE_ADMIN, ROLE_MANAGER};
        for (size_t k = 0; k < 2; k++) {
            struct account acc = {.id = 1, .role = all[k]};
            struct svc_ctx ctx = {.db = f->db, .actor = "test", .who = &acc};
            bool want = !(r->ent->vis.confidential && all[k] == ROLE_ADMIN);
            assert_int_equal(can_get(&ctx, r->ent, r->id), want);
            assert_int_equal(in_list(&ctx, r->ent, r->id), want);
        }
        /* An assistant or principal account without a person sees only the catalog. */
        struct account nobody = {.id = 2, .role = ROLE_ASSISTANT};
        struct svc_ctx none = {.db = f->db, .actor = "test", .who = &nobody};
        assert_int_equal(can_get(&none, r->ent, r->id), r->ent->vis.policy == VIS_CATALOG);
        for (int v = 0; v < NPEOPLE; v++) {
            struct account acc = {.id = 10 + v,
                                  .role = v == P1 || v == P2 ? ROLE_PRINCIPAL : ROLE_ASSISTANT,
                                  .person_id = w.person[v]};
            struct svc_ctx ctx = {.db = f->db, .actor = "test", .who = &acc};
            bool want = expected(r, (enum who)v);
            bool got = can_get(&ctx, r->ent, r->id), listed = in_list(&ctx, r->ent, r->id);
            if (got != want || listed != want)
                fail_msg("%s about %s, read by %s: get %s, list %s, the policy says %s",
                         r->ent->name, r->subject < NPEOPLE ? who_names[r->subject] : "nobody",
                         who_names[v], got ? "visible" : "hidden", listed ? "visible" : "hidden",
                         want ? "visible" : "hidden");
            checked++;
        }
    }
    assert_true(checked >= 12 * NPEOPLE);
}

/* The links are valid at the time asked: moving the clock moves what is visible. */
static void test_links_follow_the_clock(void **state)
{
    struct fixture *f = *state;
    struct world w;
    struct row rows[64];
    build(f, &w, rows, 64);
    int64_t absence = rows[11].id;
    assert_ptr_equal(rows[11].ent, &ent_absence);
    struct account a2 = {.id = 3, .role = ROLE_ASSISTANT, .person_id = w.person[A2]};
    struct account a4 = {.id = 4, .role = ROLE_ASSISTANT, .person_id = w.person[A4]};
    struct account a6 = {.id = 5, .role = ROLE_ASSISTANT, .person_id = w.person[A6]};
    struct svc_ctx c2 = {.db = f->db, .actor = "t", .who = &a2};
    struct svc_ctx c4 = {.db = f->db, .actor = "t", .who = &a4};
    struct svc_ctx c6 = {.db = f->db, .actor = "t", .who = &a6};
    /* 2025-11-30: A2's assignment still ran; A6's had not begun; A4's cover lies ahead. */
    db_set_clock(f->db, 1764460800);
    assert_true(can_get(&c2, &ent_absence, absence));
    assert_false(can_get(&c6, &ent_absence, absence));
    assert_true(can_get(&c4, &ent_absence, absence));
    /* 2026-03-02: A6's assignment has begun; A4's cover is over; A2's long ended. */
    db_set_clock(f->db, 1772409600);
    assert_false(can_get(&c2, &ent_absence, absence));
    assert_true(can_get(&c6, &ent_absence, absence));
    assert_false(can_get(&c4, &ent_absence, absence));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_policy_table, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_links_follow_the_clock, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
