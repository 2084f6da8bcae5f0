/* demo_training.c: the training domain's demo data — a catalog of courses in Estonian and
 * English taught in Tallinn and London, a Finnish course next month with two seats taken by
 * enrolment, one on the waitlist and one requested, its arrangements (one late), a course
 * completed two months ago with a certificate that expires soon, and Finnish clients as a
 * nice-to-have duty of Kadri Tamm's executive, so the needs page names her first need. For the
 * large benchmark organisation only generated courses (three levels per skill). */
#include "training.h"

#include "mem.h"
#include "people.h"
#include "store_training.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum hl_err add(struct svc_ctx *ctx, const struct entity *ent, json_t *body,
                       const json_t *sys, int64_t *id, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = body ? svc_entity_create_as(ctx, ent, body, sys, &out, err)
                         : hl_fail(err, HL_ERR_INTERNAL, NULL, "demo %s not built", ent->name);
    if (e == HL_OK && id)
        *id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(body);
    return e;
}

/* The id (or level) a look-up of the store finds for name, 0 when none. */
static int64_t one(struct svc_ctx *ctx, enum tr_lookup what, const char *name)
{
    return store_training_lookup(ctx->db, what, name);
}

static int64_t skill_id(struct svc_ctx *ctx, const char *name)
{
    return one(ctx, TR_SKILL_BY_NAME, name);
}

/* The UTC instant of local day/minute in Tallinn, as RFC 3339 text. */
static const char *at(int64_t day, int minute, char out[21])
{
    int64_t t = day * 86400 + minute * 60;
    tz_local_to_utc("Europe/Tallinn", day, minute, &t);
    instant_format(t, out);
    return out;
}

static const struct {
    const char *name, *provider, *format, *language, *link, *notes;
    double hours, cost;
    const char *skill;
    int level;
} catalog[] = {
    {"Soome keel ärisuhtluses B2", "Tallinna Keeltekool", "course", "et",
     "https://keeltekool.example/soome-b2",
     "Kolm reedet järjest; sobib neile, kes suhtlevad Soome klientidega.", 24, 420, "Finnish", 4},
    {"Finnish for business, beginners", "Helsinki Language Centre", "online", "en",
     "https://hlc.example/finnish-a2", "Self-paced with weekly live calls.", 30, 260, "Finnish", 2},
    {"Protokollimise meistriklass", "Eesti Juhtide Akadeemia", "workshop", "et",
     "https://juhtideakadeemia.example/protokoll", "Praktiline: päris koosoleku protokoll.", 8, 190,
     "Minutes", 5},
    {"Advanced Excel for expense reporting", "London School of Office Skills", "class", "en",
     "https://lsos.example/excel-expenses", "Pivot tables, Power Query, audit trails.", 12, 350,
     "Expense reports", 5},
    {"Business travel planning", "Travel Pro Academy", "online", "en",
     "https://travelpro.example/planning", "Visas, duty of care, booking tools.", 6, 120,
     "Travel booking", 4},
    {"Ärikirjavahetus eesti ja inglise keeles", "Tallinna Keeltekool", "course", "et",
     "https://keeltekool.example/kirjavahetus", "Kaks kohtumist, kodutöö vahepeal.", 16, 280,
     "Correspondence", 4},
    {"Board secretary certificate", "Institute of Chartered Secretaries", "course", "en",
     "https://ics.example/board-secretary", "Exam at the end; certificate valid two years.", 40,
     980, "Board preparation", 5},
    {"Sündmuste korraldamine", "Eesti Juhtide Akadeemia", "workshop", "et",
     "https://juhtideakadeemia.example/sundmused", "Eelarve, lepingud, riskid.", 8, 210,
     "Event planning", 4},
    {"German for assistants B1", "Goethe-Institut Tallinn", "class", "en",
     "https://goethe.example/b1-assistants", "Tuesday evenings.", 48, 540, "German", 3},
    {"Business English: meetings and calls", "British Council London", "class", "en",
     "https://bc.example/meetings", "Small groups, role play.", 20, 400, "English", 5},
    {"Vene keel klienditeeninduses", "Tallinna Keeltekool", "course", "et",
     "https://keeltekool.example/vene", "Telefonivestlused ja kirjad.", 24, 360, "Russian", 4},
};

/* The large organisation's generated catalog: per skill, courses reaching levels 3, 4, 5. */
static enum hl_err generated(struct svc_ctx *ctx, struct hl_error *err)
{
    json_t *skills = NULL;
    enum hl_err e = store_training_skills(ctx->db, &skills, err);
    size_t i;
    json_t *s;
    json_array_foreach(skills, i, s)
    {
        for (int level = 3; level <= 5 && e == HL_OK; level++) {
            char *name = hl_asprintf("%s, level %d (generated)",
                                     json_string_value(json_object_get(s, "name")), level);
            int64_t course = 0;
            e = add(ctx, &ent_course,
                    json_pack("{ss ss ss sf sf}", "name", name, "provider", "Benchmark Academy",
                              "format", level == 5 ? "course" : "online", "duration_hours",
                              8.0 * level, "cost", 100.0 * level),
                    NULL, &course, err);
            if (e == HL_OK)
                e = add(ctx, &ent_course_skill,
                        json_pack("{sI sO si}", "course_id", (json_int_t)course, "skill_id",
                                  json_object_get(s, "id"), "level", level),
                        NULL, NULL, err);
            free(name);
        }
        if (e != HL_OK)
            break;
    }
    json_decref(skills);
    return e;
}

enum hl_err training_demo(struct svc_ctx *ctx, const struct demo_context *demo,
                          struct hl_error *err)
{
    if (demo->large)
        return generated(ctx, err);
    enum hl_err e = HL_OK;
    int64_t courses[sizeof catalog / sizeof catalog[0]] = {0};
    for (size_t i = 0; i < sizeof catalog / sizeof catalog[0] && e == HL_OK; i++) {
        int64_t sk = skill_id(ctx, catalog[i].skill);
        e = add(ctx, &ent_course,
                json_pack("{ss ss ss ss ss ss sf sf}", "name", catalog[i].name, "provider",
                          catalog[i].provider, "format", catalog[i].format, "language",
                          catalog[i].language, "link", catalog[i].link, "notes", catalog[i].notes,
                          "duration_hours", catalog[i].hours, "cost", catalog[i].cost),
                NULL, &courses[i], err);
        if (e == HL_OK && sk)
            e = add(ctx, &ent_course_skill,
                    json_pack("{sI sI si}", "course_id", (json_int_t)courses[i], "skill_id",
                              (json_int_t)sk, "level", catalog[i].level),
                    NULL, NULL, err);
    }
    if (e != HL_OK)
        return e;

    /* Kadri Tamm's executive (Helen Koppel in the default demo) gets Finnish clients as a
     * nice-to-have duty. */
    int64_t helen = one(ctx, TR_PRINCIPAL_OF, "Kadri Tamm");
    int64_t fi_duty = one(ctx, TR_DUTY_BY_NAME, "Finnish clients");
    if (helen && fi_duty)
        e = add(ctx, &ent_principal_duty,
                json_pack("{sI sI sb}", "principal_id", (json_int_t)helen, "duty_id",
                          (json_int_t)fi_duty, "must_have", 0),
                NULL, NULL, err);

    /* Next month's Finnish course: two seats, three meetings (a weekly recurrence). */
    char s0[21], s1[21];
    int64_t d0 = demo->today + 33;
    d0 += (5 - weekday_from_days(d0) + 7) % 7; /* a Friday */
    int64_t sess = 0, meeting = 0;
    if (e == HL_OK)
        e = add(ctx, &ent_training_session,
                json_pack("{sI ss ss ss si sf}", "course_id", (json_int_t)courses[0], "name",
                          "Soome keel B2, detsember", "place", "Tallinna Keeltekool, Narva mnt 5",
                          "instructor", "Aino Virtanen", "capacity", 2, "cost", 420.0),
                NULL, &sess, err);
    if (e == HL_OK)
        e = add(ctx, &ent_training_meeting,
                json_pack("{sI ss ss ss}", "session_id", (json_int_t)sess, "start_at",
                          at(d0, 9 * 60, s0), "end_at", at(d0, 16 * 60, s1), "rrule",
                          "FREQ=WEEKLY;COUNT=3"),
                NULL, &meeting, err);
    json_t *asst = NULL;
    if (e == HL_OK)
        e = store_training_demo_assistants(ctx->db, &asst, err);
    /* A manager enrols three (two seats, one waitlisted); the fourth asks for a seat. */
    struct svc_ctx as_cli = {ctx->db, ctx->actor, NULL};
    for (size_t i = 0; e == HL_OK && i < json_array_size(asst); i++) {
        int64_t a = json_integer_value(json_object_get(json_array_get(asst, i), "id"));
        json_t *out = NULL;
        if (i < 3)
            e = svc_training_enrol(&as_cli, sess, a, "Soome klientide kõned", &out, err);
        else {
            json_t *sys = json_pack("{sI sI ss sf}", "session_id", (json_int_t)sess, "assistant_id",
                                    (json_int_t)a, "status", "requested", "cost", 420.0);
            e = add(ctx, &ent_enrolment, json_pack("{ss}", "note", "Tahaksin ka osaleda"), sys,
                    NULL, err);
            json_decref(sys);
        }
        json_decref(out);
    }
    /* The arrangements are Kadri Tamm's, the team's organiser (a person the organisation's
     * files hold, unlike the demo's manager account). */
    int64_t doer = one(ctx, TR_PERSON_BY_NAME, "Kadri Tamm");
    char late[11], soon[11];
    date_format(demo->today - 3, late);
    date_format(demo->today + 14, soon);
    if (e == HL_OK)
        e = add(ctx, &ent_training_arrangement,
                json_pack("{sI ss ss so ss}", "session_id", (json_int_t)sess, "kind", "materials",
                          "title", "Telli õpikud (3 tk)", "person_id",
                          doer ? json_integer(doer) : json_null(), "due_date", late),
                NULL, NULL, err);
    if (e == HL_OK)
        e = add(ctx, &ent_training_arrangement,
                json_pack("{sI ss ss so ss}", "session_id", (json_int_t)sess, "kind", "room",
                          "title", "Kinnita ruum ja kohvipausid", "person_id",
                          doer ? json_integer(doer) : json_null(), "due_date", soon),
                NULL, NULL, err);

    /* Two months ago: the board secretary course, completed, certified until next month. */
    int64_t past = 0, pm = 0, enr = 0;
    int64_t dp = demo->today - 60;
    if (e == HL_OK)
        e = add(ctx, &ent_training_session,
                json_pack("{sI ss ss si sf}", "course_id", (json_int_t)courses[6], "name",
                          "Board secretary, autumn intake", "place", "ICS London", "capacity", 4,
                          "cost", 980.0),
                NULL, &past, err);
    if (e == HL_OK)
        e = add(ctx, &ent_training_meeting,
                json_pack("{sI ss ss}", "session_id", (json_int_t)past, "start_at",
                          at(dp, 9 * 60, s0), "end_at", at(dp, 17 * 60, s1)),
                NULL, &pm, err);
    int64_t who = one(ctx, TR_HOLDER_OF_SKILL, "Board preparation");
    int64_t board = skill_id(ctx, "Board preparation");
    int level = (int)one(ctx, TR_TOP_LEVEL_OF_SKILL, "Board preparation");
    if (e == HL_OK && who && board && level >= 2) {
        char q[21];
        json_t *sys =
            json_pack("{sI sI ss sb so sf}", "session_id", (json_int_t)past, "assistant_id",
                      (json_int_t)who, "status", "completed", "waitlisted", 0, "queued_at",
                      json_string(at(dp - 20, 600, q)), "cost", 980.0);
        e = add(ctx, &ent_enrolment, json_pack("{ss}", "note", ""), sys, &enr, err);
        json_decref(sys);
        json_t *att = json_pack("{sI sI sI ss sb}", "enrolment_id", (json_int_t)enr, "assistant_id",
                                (json_int_t)who, "meeting_id", (json_int_t)pm, "start_at",
                                at(dp, 9 * 60, q), "present", 1);
        if (e == HL_OK)
            e = add(ctx, &ent_training_attendance, json_object(), att, NULL, err);
        json_decref(att);
        char issued[11], expires[11];
        date_format(dp, issued);
        date_format(demo->today + 40, expires);
        json_t *csys = json_pack("{sI}", "enrolment_id", (json_int_t)enr);
        if (e == HL_OK)
            e = add(ctx, &ent_certificate,
                    json_pack("{sI sI si si ss ss ss}", "assistant_id", (json_int_t)who, "skill_id",
                              (json_int_t)board, "level", level, "level_without", level - 1,
                              "title", "Board secretary certificate", "issued_on", issued,
                              "expires_on", expires),
                    csys, NULL, err);
        json_decref(csys);
    }
    json_decref(asst);
    return e;
}
