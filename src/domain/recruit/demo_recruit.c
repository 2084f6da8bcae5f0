/* demo_recruit.c: the recruiting domain's demo data — an approved requisition for an assistant
 * to the demo's first executive (duties and must-have skills from theirs), its postings in
 * Estonian and English on the careers page, and eight applications at several stages with
 * resumes that screening ranks and explains; one candidate has accepted an offer (ready to
 * hire), another has one sent and waits for her answer. */
#include "recruit.h"

#include "interview_recruit.h"
#include "offer_recruit.h"

#include "people.h"
#include "store_entity.h"
#include "store_recruit.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *email, *langs, *stage, *lang, *text;
    int days_ago;
} candidates[] = {
    {"Liis Kuusk", "liis.kuusk@example.ee", "[\"Estonian\", \"English\", \"Finnish\"]", "offer",
     "et",
     "Executive assistant, 6 years. Calendar management for the CFO, board minutes, travel "
     "planning, correspondence in Estonian, English and Finnish. Excel and PowerPoint.",
     24},
    {"Mari Tamm", "mari.tamm@example.ee", "[\"Estonian\", \"English\"]", "interview", "et",
     "Office manager and assistant to the managing director. Phones and calendar, travel, "
     "minutes of management meetings, Excel reports.",
     20},
    {"Oliver Grant", "oliver.grant@example.com", "[\"English\"]", "screening", "en",
     "Personal assistant in a London law firm: diary management, travel, correspondence, "
     "client calls. Some Excel.",
     14},
    {"Kadri Lepp", "kadri.lepp@example.ee", "[\"Estonian\", \"Russian\"]", "screening", "et",
     "Receptionist and sales assistant; phones, post, meeting rooms, pre-sales support and "
     "customer correspondence.",
     12},
    {"Anna Virtanen", "anna.virtanen@example.fi", "[\"Finnish\", \"English\"]", "applied", "en",
     "Board secretary in Helsinki: board minutes, agendas, signatures, travel for the board. "
     "Fluent Finnish and English.",
     5},
    {"Jaan Mets", "jaan.mets@example.ee", "[\"Estonian\"]", "applied", "et",
     "Logistics coordinator; scheduling, spreadsheets, phone support.", 3},
    {"Sofia Ivanova", "sofia.ivanova@example.ee", "[\"Russian\", \"English\", \"Estonian\"]",
     "applied", "en",
     "Team assistant: calendar and travel for three managers, minutes, expense reports in "
     "Excel, event organisation.",
     2},
    {"Peeter Saar", "peeter.saar@example.ee", "[\"Estonian\"]", "rejected", "et",
     "Warehouse worker looking for a change of career.", 18},
    {"Eveli Org", "eveli.org@example.ee", "[\"Estonian\", \"English\"]", "offer", "et",
     "Assistant to the board of a bank: board minutes, calendars of four members, travel and "
     "events. Excel, English and Estonian.",
     28},
};

/* The offers of the demo's candidates at the offer stage: Liis Kuusk accepted hers (the manager
 * may hire her), Eveli Org's was sent and waits for her answer. */
static enum hl_err demo_offer(struct svc_ctx *ctx, const struct demo_context *demo, int64_t app,
                              bool accepted, struct hl_error *err)
{
    char start[11], expires[11], sent[21];
    date_format(demo->today + (accepted ? 45 : 60), start);
    date_format(demo->today + (accepted ? 3 : 9), expires);
    instant_format(db_now(ctx->db) - (accepted ? 5 : 2) * 86400, sent);
    json_t *body = json_pack("{sI si ss sf ss ss}", "application_id", (json_int_t)app,
                             "salary_amount", accepted ? 2200 : 2100, "start_date", start,
                             "hours_per_week", 40.0, "expires_on", expires, "notes",
                             accepted ? "Laptop and phone; 28 days of annual leave."
                                      : "Laptop and phone; three months' probation.");
    json_t *sys = json_pack("{ss ss ss ss}", "status", accepted ? "accepted" : "sent", "status_at",
                            sent, "status_by", "demo", "sent_at", sent);
    enum hl_err e = svc_entity_create_as(ctx, &ent_offer, body, sys, NULL, err);
    json_decref(body);
    json_decref(sys);
    return e;
}

/* The pipeline an application in `stage` went through, from applying (`from`) to entering its
 * stage (`to`), the steps between spread evenly: the board's days per stage are then real. */
static enum hl_err demo_history(struct svc_ctx *ctx, int64_t app, const char *stage, int64_t from,
                                int64_t to, struct hl_error *err)
{
    static const char *const path[] = {"applied", "screening", "interview", "offer"};
    const char *stages[5];
    int64_t at[5];
    size_t n = 0;
    bool rejected = strcmp(stage, "rejected") == 0;
    for (size_t i = 0; i < 4; i++) {
        stages[n++] = path[i];
        if (strcmp(path[i], rejected ? "screening" : stage) == 0)
            break;
    }
    if (rejected)
        stages[n++] = stage;
    for (size_t i = 0; i < n; i++)
        at[i] = n == 1 ? from : from + (to - from) * (int64_t)i / (int64_t)(n - 1);
    return store_recruit_demo_history(ctx->db, app, stages, at, n, err);
}

enum hl_err recruit_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    if (demo->large)
        return HL_OK;
    json_t *principals = NULL, *tpl = NULL, *req = NULL, *body = NULL, *sys = NULL;
    struct list_query lq = {.limit = 1};
    bool more;
    enum hl_err e = store_entity_list(ctx->db, &ent_principal, &lq, &principals, &more, err);
    json_t *p = json_array_get(principals, 0);
    if (e != HL_OK || !p)
        goto out;
    int64_t pid = json_integer_value(json_object_get(p, "id"));
    if ((e = store_recruit_template(ctx->db, pid, &tpl, err)) != HL_OK)
        goto out;
    char title[300], start[11];
    snprintf(title, sizeof title, "Executive assistant to %s",
             json_string_value(json_object_get(p, "name")));
    date_format(demo->today + 45, start);
    json_t *langs = json_array_size(json_object_get(tpl, "languages"))
                        ? json_incref(json_object_get(tpl, "languages"))
                        : json_pack("[ss]", "Estonian", "English");
    json_t *skills = json_array_size(json_object_get(tpl, "must_skills"))
                         ? json_incref(json_object_get(tpl, "must_skills"))
                         : json_pack("[sss]", "board minutes", "travel", "Excel");
    body = json_pack("{ss ss sI sI sO so so ss sf ss si si}", "title", title, "reason",
                     "new_executive", "reason_person_id", (json_int_t)pid, "principal_id",
                     (json_int_t)pid, "duties", json_object_get(tpl, "duties"), "must_skills",
                     skills, "languages", langs, "office",
                     json_string_value(json_object_get(p, "office")), "hours_per_week", 40.0,
                     "start_date", start, "salary_min", 1800, "salary_max", 2400);
    sys = json_pack("{ss ss}", "status", "approved", "decided_by", "demo");
    if ((e = svc_entity_create_as(ctx, &ent_requisition, body, sys, &req, err)) != HL_OK)
        goto out;
    int64_t rid = json_integer_value(json_object_get(req, "id"));
    for (int l = 0; l < 2; l++) {
        json_t *post = NULL;
        if ((e = svc_recruit_generate_posting(ctx, rid, l ? "en" : "et", IF_MATCH_NONE, &post,
                                              err)) != HL_OK)
            goto out;
        json_t *pub = json_pack("{ss}", "status", "published");
        e = svc_entity_set_system(ctx, &ent_posting,
                                  json_integer_value(json_object_get(post, "id")), IF_MATCH_NONE,
                                  pub, "publish", NULL, err);
        json_decref(pub);
        json_decref(post);
        if (e != HL_OK)
            goto out;
    }
    int64_t now = db_now(ctx->db);
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        json_t *a =
            json_pack("{sI ss ss ss so ss ss}", "requisition_id", (json_int_t)rid, "name",
                      candidates[i].name, "email", candidates[i].email, "phone", "+372 5555 0000",
                      "languages", json_loads(candidates[i].langs, 0, NULL), "lang",
                      candidates[i].lang, "resume_text", candidates[i].text);
        char consent[21], at[21];
        instant_format(now - candidates[i].days_ago * 86400, consent);
        instant_format(now - candidates[i].days_ago * 86400 / 3, at);
        json_t *s = json_pack("{ss ss ss ss ss}", "source", "careers", "stage", candidates[i].stage,
                              "consent_at", consent, "stage_at", at, "resume_type", "text");
        if (strcmp(candidates[i].stage, "rejected") == 0)
            json_object_set_new(s, "reason", json_string("No office experience"));
        json_t *made = NULL;
        e = svc_entity_create_as(ctx, &ent_application, a, s, &made, err);
        json_decref(a);
        json_decref(s);
        if (e == HL_OK && strcmp(candidates[i].stage, "offer") == 0)
            e = demo_offer(ctx, demo, json_integer_value(json_object_get(made, "id")), i == 0, err);
        if (e == HL_OK)
            e = demo_history(ctx, json_integer_value(json_object_get(made, "id")),
                             candidates[i].stage, now - candidates[i].days_ago * 86400,
                             now - candidates[i].days_ago * 86400 / 3, err);
        json_decref(made);
        if (e != HL_OK)
            goto out;
    }
    /* The candidate in interview meets the manager and the executive; the manager has scored. */
    e = interview_demo(ctx, 0, demo->manager, err);
out:
    json_decref(principals);
    json_decref(tpl);
    json_decref(req);
    json_decref(body);
    json_decref(sys);
    return e;
}
