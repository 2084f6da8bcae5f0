/* model_recruit.c: the recruiting domain's records — requisition, posting and application,
 * each with its workflow — their rules, the domain's own routes (the API's and the public
 * careers page's) and the domain itself. */
#include "recruit.h"

#include "interview_recruit.h"
#include "offer_recruit.h"

#include "mem.h"
#include "people.h"
#include "route.h"
#include "store_entity.h"
#include "svc_entity.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const req_reasons[] = {"new_executive", "growth", "replacement", NULL};
static const char *const req_statuses[] = {"draft", "approved", "closed", "cancelled", NULL};
static const char *const langs[] = {"et", "en", NULL};
static const char *const posting_statuses[] = {"draft", "published", "unpublished", NULL};
static const char *const sources[] = {"careers", "manual", NULL};
static const char *const resume_types[] = {"pdf", "docx", "odt", "text", NULL};
static const char *const stages[] = {"applied", "screening", "interview", "offer",
                                     "hired",   "rejected",  "withdrawn", NULL};

/* ---- requisition ---- */

static enum hl_err req_check(const json_t *rec, struct hl_error *err)
{
    json_t *lo = json_object_get(rec, "salary_min"), *hi = json_object_get(rec, "salary_max");
    if (json_is_integer(lo) && json_is_integer(hi) &&
        json_integer_value(hi) < json_integer_value(lo))
        return hl_fail(err, HL_ERR_INVALID, "salary_max",
                       "the highest salary (%lld) is below the lowest (%lld)",
                       (long long)json_integer_value(hi), (long long)json_integer_value(lo));
    const char *reason = json_string_value(json_object_get(rec, "reason"));
    if (reason && strcmp(reason, "replacement") == 0 &&
        !json_is_integer(json_object_get(rec, "reason_person_id")))
        return hl_fail(err, HL_ERR_INVALID, "reason_person_id",
                       "a replacement names the person who leaves (reason_person_id)");
    return HL_OK;
}

static enum hl_err req_may_change(const json_t *cur, bool deleting, struct hl_error *err)
{
    const char *status = json_string_value(json_object_get(cur, "status"));
    if (status && strcmp(status, "draft") != 0 && !deleting)
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "a requisition that is %s cannot be edited; only a draft can", status);
    if (deleting && status && strcmp(status, "draft") != 0)
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "only a draft requisition can be deleted; cancel or close it");
    return HL_OK;
}

static const struct field req_fields[] = {
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL,
     "the role, e.g. \"Executive assistant to the CFO\""},
    {"reason", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, NULL, req_reasons, NULL,
     "why: new_executive, growth or replacement"},
    {"reason_person_id", FT_REF, F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the person the reason is about: the new executive, or the assistant who leaves"},
    {"principal_id", FT_REF, F_REQUIRED | F_FILTER, 0, 0, NULL, NULL, &ent_principal,
     "the executive the new assistant supports (on every interview panel)"},
    {"duties", FT_STRLIST, 0, 0, 30, NULL, NULL, NULL,
     "the duties (GET /api/v1/recruit/template gives the executive's)"},
    {"must_skills", FT_STRLIST, 0, 0, 30, NULL, NULL, NULL,
     "must-have skills, looked for in every resume"},
    {"languages", FT_STRLIST, 0, 0, 10, NULL, NULL, NULL, "languages the role needs"},
    {"office", FT_TEXT, F_REQUIRED | F_FILTER, 1, 100, NULL, NULL, NULL, "where the job is"},
    {"hours_per_week", FT_REAL, 0, 1, 60, NULL, NULL, NULL, "hours a week (default 40)"},
    {"start_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "when the assistant starts"},
    {"salary_min", FT_INT, F_NULLABLE, 0, 1e9, NULL, NULL, NULL, "salary range: lowest (a month)"},
    {"salary_max", FT_INT, F_NULLABLE, 0, 1e9, NULL, NULL, NULL, "salary range: highest"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, req_statuses, NULL,
     "draft, approved, closed or cancelled; changed by the approve, close and cancel actions"},
    {"decided_by", FT_TEXT, F_READONLY | F_NULLABLE, 0, 254, NULL, NULL, NULL,
     "the manager who approved it"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
};

const struct entity ent_requisition = {
    .name = "requisition",
    .path = "requisitions",
    .title = "Requisition",
    .table = "requisition",
    .fields = req_fields,
    .nfields = NFIELDS(req_fields),
    .ops = OP_ALL,
    .no_org = true,
    .check = req_check,
    .may_change = req_may_change,
    /* Managers only (the default): pay ranges and candidates are the manager's business. */
};

static enum hl_err req_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                              const json_t *body, json_t *changes, struct hl_error *err)
{
    (void)cur;
    (void)body;
    (void)err;
    if (strcmp(act->name, "approve") == 0)
        json_object_set_new(changes, "decided_by", json_string(ctx->actor ? ctx->actor : "cli"));
    return HL_OK;
}

static const struct wf_action req_actions[] = {
    {"approve", "Approve a draft requisition (managers): its postings may then be published", true,
     0, NULL, 0, NULL, NULL, NULL},
    {"close", "Close an approved requisition (filled, or no longer needed)", true, 0, NULL, 0, NULL,
     NULL, NULL},
    {"cancel", "Cancel a draft or approved requisition", true, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition req_transitions[] = {
    {"draft", "approve", "approved"},
    {"approved", "close", "closed"},
    {"draft", "cancel", "cancelled"},
    {"approved", "cancel", "cancelled"},
};

const struct workflow wf_requisition = {
    .ent = &ent_requisition,
    .status = "status",
    .stamp = "status_at",
    .actions = req_actions,
    .nactions = NFIELDS(req_actions),
    .transitions = req_transitions,
    .ntransitions = NFIELDS(req_transitions),
    .before = req_before,
};

/* ---- posting ---- */

static const struct field posting_fields[] = {
    {"requisition_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_requisition, "the requisition it advertises"},
    {"lang", FT_ENUM, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, langs, NULL,
     "et or en (one posting per language)"},
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "the job title shown"},
    {"body", FT_TEXT, F_REQUIRED, 1, 20000, NULL, NULL, NULL,
     "the text shown on the careers page (plain text; blank lines part paragraphs)"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, posting_statuses, NULL,
     "draft, published or unpublished; changed by the publish and unpublish actions"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
};

const struct entity ent_posting = {
    .name = "posting",
    .path = "postings",
    .title = "Posting",
    .table = "posting",
    .fields = posting_fields,
    .nfields = NFIELDS(posting_fields),
    .ops = OP_ALL,
    .no_org = true,
};

/* A posting goes public only for an approved requisition. */
static enum hl_err posting_before(struct svc_ctx *ctx, const struct wf_action *act,
                                  const json_t *cur, const json_t *body, json_t *changes,
                                  struct hl_error *err)
{
    (void)body;
    (void)changes;
    if (strcmp(act->name, "publish") != 0)
        return HL_OK;
    json_t *req = NULL;
    enum hl_err e =
        store_entity_get(ctx->db, &ent_requisition,
                         json_integer_value(json_object_get(cur, "requisition_id")), &req, err);
    if (e == HL_OK) {
        const char *st = json_string_value(json_object_get(req, "status"));
        if (!st || strcmp(st, "approved") != 0)
            e = hl_fail(err, HL_ERR_TRANSITION, "status",
                        "the requisition is %s: a posting is published only for an approved one",
                        st ? st : "?");
    }
    json_decref(req);
    return e;
}

static const struct wf_action posting_actions[] = {
    {"publish", "Show the posting on the public careers page (its requisition is approved)", true,
     0, NULL, 0, NULL, NULL, NULL},
    {"unpublish", "Take the posting off the careers page", true, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition posting_transitions[] = {
    {"draft", "publish", "published"},
    {"unpublished", "publish", "published"},
    {"published", "unpublish", "unpublished"},
};

const struct workflow wf_posting = {
    .ent = &ent_posting,
    .status = "status",
    .stamp = "status_at",
    .actions = posting_actions,
    .nactions = NFIELDS(posting_actions),
    .transitions = posting_transitions,
    .ntransitions = NFIELDS(posting_transitions),
    .before = posting_before,
};

/* ---- application ---- */

static const struct field app_fields[] = {
    {"requisition_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_requisition, "the requisition applied to"},
    {"name", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "the candidate's name"},
    {"email", FT_EMAIL, F_REQUIRED, 3, 254, NULL, NULL, NULL, "the candidate's e-mail"},
    {"phone", FT_TEXT, 0, 0, 50, NULL, NULL, NULL, "the candidate's phone"},
    {"languages", FT_STRLIST, 0, 0, 10, NULL, NULL, NULL, "languages the candidate speaks"},
    {"note", FT_TEXT, 0, 0, 10000, NULL, NULL, NULL, "the cover note, or the manager's note"},
    {"lang", FT_ENUM, F_FILTER, 0, 0, NULL, langs, NULL,
     "the candidate's language (et or en): their e-mails are written in it"},
    {"source", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, sources, NULL,
     "careers (the public form) or manual (added by a manager)"},
    {"resume_name", FT_TEXT, F_READONLY | F_NULLABLE, 0, 255, NULL, NULL, NULL,
     "the uploaded file's name"},
    {"resume_type", FT_ENUM, F_READONLY | F_NULLABLE, 0, 0, NULL, resume_types, NULL,
     "pdf, docx, odt or text, read from the file's bytes"},
    {"resume_size", FT_INT, F_READONLY | F_NULLABLE, 0, RECRUIT_FILE_MAX, NULL, NULL, NULL,
     "the file's size in bytes"},
    {"resume_text", FT_TEXT, 0, 0, RECRUIT_TEXT_MAX, NULL, NULL, NULL,
     "the resume's text (extracted from the file; a manager may paste it)"},
    {"consent_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the candidate consented to the processing of their data"},
    {"stage", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, stages, NULL,
     "applied, screening, interview, offer, hired, rejected or withdrawn (the actions)"},
    {"stage_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the stage last changed"},
    {"reason", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL, "why it was rejected or withdrawn"},
    {"hired_person_id", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the assistant the hire created"},
    {"hire_override_reason", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL,
     "why the candidate was hired without an accepted offer (the manager's override)"},
};

const struct entity ent_application = {
    .name = "application",
    .path = "applications",
    .title = "Application",
    .table = "application",
    .fields = app_fields,
    .nfields = NFIELDS(app_fields),
    /* No generic delete: erasing is POST /api/v1/applications/{id}/erase, which keeps the
     * fact in the audit log but not the data. */
    .ops = OP_LIST | OP_GET | OP_CREATE | OP_UPDATE,
    .no_org = true,
    .has_name_prefix = true,
    /* Besides managers, the panel of one of its interviews (interview_recruit.c). */
    .vis = {VIS_PARTIES,
            {NULL, NULL},
            0,
            "application_panel",
            "application_id",
            "person_id",
            NULL,
            false},
};

static const struct wf_field reason_field[] = {
    {{"reason", FT_TEXT, 0, 1, 1000, NULL, NULL, NULL, "why (required)"}, "reason"},
};
static const struct wf_field hire_fields[] = {
    {{"override_reason", FT_TEXT, 0, 1, 1000, NULL, NULL, NULL,
      "hire without an accepted offer: why (the manager's override, audited)"},
     "hire_override_reason"},
};

/* Hiring creates the assistant: person data, languages and the must-have skills the resume
 * mentions carried over, the requisition's hours and start date (svc_recruit.c). */
enum hl_err recruit_hire_before(struct svc_ctx *ctx, const json_t *cur, json_t *changes,
                                struct hl_error *err);
void recruit_hire_after(struct svc_ctx *ctx, int64_t id, json_t *out);
void recruit_hire_schema(json_t *schemas);
enum hl_err recruit_stage_mail(struct svc_ctx *ctx, const char *action, const json_t *cur,
                               struct hl_error *err);

static enum hl_err app_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                              const json_t *body, json_t *changes, struct hl_error *err)
{
    enum hl_err e = HL_OK;
    /* Checked here, after If-Match, so a stale request is a 412 whatever its body. */
    if ((strcmp(act->name, "reject") == 0 || strcmp(act->name, "withdraw") == 0) &&
        !json_is_string(json_object_get(body, "reason")))
        return hl_fail(err, HL_ERR_INVALID, "reason", "reason is required to %s an application",
                       act->name);
    /* The bare stage move is gone: the offer's send makes it, with the terms. */
    if (strcmp(act->name, "offer") == 0)
        return hl_fail(err, HL_ERR_TRANSITION, "stage",
                       "an offer is made with its terms: create one (POST /api/v1/offers) and "
                       "send it (POST /api/v1/offers/{id}/send)");
    if (strcmp(act->name, "hire") == 0)
        e = recruit_hire_before(ctx, cur, changes, err);
    if (e == HL_OK)
        e = recruit_stage_mail(ctx, act->name, cur, err);
    /* A candidate who leaves the pipeline is not interviewed: the panel is told, the
     * absences go (interview_recruit.h). */
    if (e == HL_OK && (strcmp(act->name, "reject") == 0 || strcmp(act->name, "withdraw") == 0))
        e = interview_cancel_open(ctx, json_integer_value(json_object_get(cur, "id")), err);
    /* … and its offers are withdrawn. */
    if (e == HL_OK && (strcmp(act->name, "reject") == 0 || strcmp(act->name, "withdraw") == 0))
        e = offer_close_open(ctx, json_integer_value(json_object_get(cur, "id")), err);
    return e;
}

static const struct wf_action app_actions[] = {
    {"screen", "Move a new application to screening", true, 0, NULL, 0, NULL, NULL, NULL},
    {"interview", "Invite the candidate to interview (e-mails them)", true, 0, NULL, 0, NULL, NULL,
     NULL},
    {"offer",
     "Refused (409): the offer stage is reached by sending an offer with its terms "
     "(POST /api/v1/offers/{id}/send)",
     true, 0, NULL, 0, NULL, NULL, NULL},
    {"hire",
     "Hire: needs an accepted offer (or override_reason); creates the assistant with the "
     "candidate's skills and languages, the offer's start date and hours, and proposes the "
     "assignment to the requisition's executive",
     true, 0, hire_fields, NFIELDS(hire_fields), recruit_hire_after, "Hire", recruit_hire_schema},
    {"reject", "Reject the application from any open stage, with a reason (e-mails them)", true, 0,
     reason_field, NFIELDS(reason_field), NULL, NULL, NULL},
    {"withdraw", "Record that the candidate withdrew, with a reason", true, 0, reason_field,
     NFIELDS(reason_field), NULL, NULL, NULL},
};

static const struct wf_transition app_transitions[] = {
    {"applied", "screen", "screening"},     {"screening", "interview", "interview"},
    {"interview", "offer", "offer"},        {"offer", "hire", "hired"},
    {"applied", "reject", "rejected"},      {"screening", "reject", "rejected"},
    {"interview", "reject", "rejected"},    {"offer", "reject", "rejected"},
    {"applied", "withdraw", "withdrawn"},   {"screening", "withdraw", "withdrawn"},
    {"interview", "withdraw", "withdrawn"}, {"offer", "withdraw", "withdrawn"},
};

const struct workflow wf_application = {
    .ent = &ent_application,
    .status = "stage",
    .stamp = "stage_at",
    .actions = app_actions,
    .nactions = NFIELDS(app_actions),
    .transitions = app_transitions,
    .ntransitions = NFIELDS(app_transitions),
    .before = app_before,
};

/* ---- routes and the domain ---- */

static const struct field q_template[] = {
    {"principal_id", FT_INT, F_REQUIRED, 1, 9007199254740991.0, NULL, NULL, NULL, "the executive"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_generate[] = {
    {"lang", FT_ENUM, 0, 0, 0, NULL, langs, NULL, "et or en (default en); If-Match optional"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_rank[] = {
    {"stage", FT_ENUM, 0, 0, 0, NULL, stages, NULL, "only this stage (default: the open ones)"},
    {"q", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "more words the text should mention"},
    {"language", FT_TEXT, 0, 0, 40, NULL, NULL, NULL, "only candidates with this language"},
    {"limit", FT_INT, 0, 1, RECRUIT_RANK_MAX, NULL, NULL, NULL, "how many (default 50)"},
    {"must_met", FT_BOOL, 0, 0, 0, NULL, NULL, NULL,
     "true: only those that mention every must-have skill and language (default false)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_lang[] = {
    {"lang", FT_ENUM, 0, 0, 0, NULL, langs, NULL,
     "et or en (default: the browser's Accept-Language)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_pick[] = {
    {"token", FT_TEXT, 0, 0, 80, NULL, NULL, NULL, "the link's token"},
    {"lang", FT_ENUM, 0, 0, 0, NULL, langs, NULL, "et or en (default: the candidate's)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct field q_none[] = {
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route recruit_routes[] = {
    {"GET", "/api/v1/recruit/template", api_recruit_template, NULL, 0, NEED_MANAGER, 0,
     "What a requisition for an executive holds: their duties, the must-have skills of their "
     "must-have duties, their languages and office",
     q_template, "requisition template", NULL, NULL},
    {"POST", "/api/v1/requisitions/{id}/postings/generate", api_recruit_generate, NULL, 0,
     NEED_MANAGER, ROUTE_CREATES,
     "Write the posting of a requisition in one language from its text, as a draft to edit",
     q_generate, "the posting", NULL, NULL},
    {"GET", "/api/v1/requisitions/{id}/ranking", api_recruit_rank, NULL, 0, NEED_MANAGER, 0,
     "The requisition's applications ranked for screening: BM25 over resume and note with the "
     "must-have skills and languages found, each rank explained",
     q_rank, "ranking", NULL, NULL},
    {"GET", "/api/v1/requisitions/{id}/board", api_recruit_board, NULL, 0, NEED_MANAGER, 0,
     "The pipeline board: per stage the applications, their count and the days spent there", q_none,
     "board", NULL, NULL},
    {"GET", "/api/v1/applications/{id}/resume", api_recruit_resume, NULL, 0, NEED_MANAGER, 0,
     "The uploaded resume file with its own type (a hand-added candidate's pasted text as text)",
     q_none, "text", NULL, NULL},
    {"GET", "/api/v1/applications/{id}/export", api_recruit_export, NULL, 0, NEED_MANAGER, 0,
     "Everything held about a candidate (for their request to see it)", q_none, "candidate data",
     NULL, NULL},
    {"POST", "/api/v1/applications/{id}/erase", api_recruit_erase, NULL, 0, NEED_MANAGER, 0,
     "Erase a candidate's data on request: the application, its file and history; the audit "
     "log keeps that it happened, not the data",
     q_none, NULL, NULL, NULL},
    {"GET", "/api/v1/settings/recruit", api_recruit_settings, NULL, 0, NEED_MANAGER, 0,
     "How long rejected and withdrawn candidates are kept (days; default 183)", q_none,
     "recruit settings", NULL, NULL},
    {"PATCH", "/api/v1/settings/recruit", api_recruit_settings_update, NULL, 0, NEED_MANAGER, 0,
     "Change the retention ({retention_days} 1-3650; If-Match the version read)", q_none,
     "recruit settings", NULL, NULL},
    {"GET", "/careers", careers_list, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "The public careers page (HTML, no sign-in): the published postings", q_lang, "HTML page",
     NULL, NULL},
    {"GET", "/careers/style.css", careers_style, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "The careers page's style sheet", q_none, "CSS", NULL, NULL},
    {"GET", "/careers/{id}", careers_posting, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "One posting with its application form (HTML, works without JavaScript)", q_lang, "HTML page",
     NULL, NULL},
    {"POST", "/careers/{id}/apply", careers_apply, NULL, 0, NEED_PUBLIC,
     ROUTE_SLOW | ROUTE_UPLOAD | ROUTE_PAGE,
     "Apply (multipart/form-data: name, email, phone, languages, note, consent, resume as a "
     "PDF, DOCX, ODT or text file of at most 10 MB); throttled per address",
     q_lang, "HTML page", NULL, NULL},
    /* Interviews and scorecards (interview_recruit.h). */
    {"POST", "/api/v1/applications/{id}/interviews/find-time", api_interview_find, NULL, 0,
     NEED_MANAGER, 0,
     "Find-a-time for an interview: the panel's calendars (the executive required), kept where "
     "the candidate said they are free (candidate_free)",
     q_none, "interview times", NULL, NULL},
    {"POST", "/api/v1/applications/{id}/interviews", api_interview_create, NULL, 0, NEED_MANAGER,
     ROUTE_CREATES,
     "Arrange an interview: the panel (the requisition's executive required), and start_at to "
     "book it or 2-5 slots the candidate picks from a link (pick_path, shown once)",
     q_none, "interview", NULL, NULL},
    {"GET", "/api/v1/applications/{id}/interviews", api_interview_list, NULL, 0, NEED_ANY, 0,
     "The interviews of an application (managers; a panel member sees the ones they are on)",
     q_none, "interviews", NULL, NULL},
    {"GET", "/api/v1/interviews/{id}", api_interview_get, NULL, 0, NEED_ANY, 0,
     "An interview with its panel and slots (managers and its panel)", q_none, "interview", NULL,
     NULL},
    {"GET", "/api/v1/my/interviews", api_interview_mine, NULL, 0, NEED_ANY, 0,
     "The interviews whose panel I am on, with my scorecard's status", q_none, "interviews", NULL,
     NULL},
    {"GET", "/api/v1/interviews/{id}/scorecards", api_scorecards_get, NULL, 0, NEED_ANY, 0,
     "The criteria, my scorecard, and the others' with the summary (mean, spread, agree) only "
     "once mine is submitted (a manager not on the panel: the submitted ones)",
     q_none, "scorecards", NULL, NULL},
    {"POST", "/api/v1/interviews/{id}/scorecard", api_scorecard_put, NULL, 0, NEED_ANY, 0,
     "Save my scorecard ({ratings:[{criterion, score 1-5, note}], note, submit}); a submitted "
     "one is final",
     q_none, "scorecards", NULL, NULL},
    {"GET", "/careers/interview", pick_page, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "The candidate's interview times (HTML, no sign-in, no script; ?token= from their e-mail)",
     q_pick, "HTML page", NULL, NULL},
    {"POST", "/careers/interview", pick_submit, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "Book one of the offered times (form: token, slot); the link works once", q_lang, "HTML page",
     NULL, NULL},
};

static const struct entity *const recruit_entities[] = {
    &ent_requisition, &ent_posting, &ent_application, &ent_interview, &ent_scorecard,
    &ent_offer,       NULL};
static const struct workflow *const recruit_workflows[] = {
    &wf_requisition, &wf_posting, &wf_application, &wf_interview, &wf_offer, NULL};

const struct domain domain_recruit = {
    .name = "recruit",
    .entities = recruit_entities,
    .workflows = recruit_workflows,
    .routes = recruit_routes,
    .nroutes = NFIELDS(recruit_routes),
    .demo = recruit_demo,
    .admit = careers_admit,
    .tick = recruit_tick,
    .feed = interview_feed,
};
