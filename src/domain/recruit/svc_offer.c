/* svc_offer.c: the use cases of recruiting's offer (offer_recruit.h): its rules against the
 * application and the requisition, the send (stage move, replaced offer, terms mail in one
 * transaction), the hire's precondition and start date, export, the board's status and the
 * daily expiry. */
#include "offer_recruit.h"

#include "mail.h"
#include "mem.h"
#include "recruit.h"
#include "store_entity.h"
#include "store_recruit.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const json_t *rec, const char *name)
{
    return json_string_value(json_object_get(rec, name));
}

static enum hl_err finish_tx(struct svc_ctx *ctx, enum hl_err e, struct hl_error *err)
{
    if (e == HL_OK)
        return db_commit(ctx->db, err);
    db_rollback(ctx->db);
    return e;
}

/* The acting manager's today, in their zone (UTC's date for the command line and the jobs). */
static void today(struct svc_ctx *ctx, char out[11])
{
    store_person_today(ctx->db, ctx->who ? ctx->who->person_id : 0, db_now(ctx->db), out);
}

static bool is_open_stage(const char *stage)
{
    return stage && (strcmp(stage, "applied") == 0 || strcmp(stage, "screening") == 0 ||
                     strcmp(stage, "interview") == 0 || strcmp(stage, "offer") == 0);
}

/* The salary against the requisition's range (a month, in EUR), unless overridden. */
static enum hl_err salary_check(const json_t *rec, const json_t *req, struct hl_error *err)
{
    if (json_is_true(json_object_get(rec, "salary_override")))
        return HL_OK;
    json_t *lo = json_object_get(req, "salary_min"), *hi = json_object_get(req, "salary_max");
    if (!json_is_integer(lo) && !json_is_integer(hi))
        return HL_OK;
    const char *cur = str(rec, "salary_currency");
    if (cur && strcmp(cur, "EUR") != 0)
        return hl_fail(err, HL_ERR_INVALID, "salary_currency",
                       "the requisition's salary range is in EUR; an offer in %s needs "
                       "salary_override",
                       cur);
    double amount = (double)json_integer_value(json_object_get(rec, "salary_amount"));
    const char *period = str(rec, "salary_period");
    double monthly = period && strcmp(period, "year") == 0 ? amount / 12.0 : amount;
    if ((json_is_integer(lo) && monthly < (double)json_integer_value(lo)) ||
        (json_is_integer(hi) && monthly > (double)json_integer_value(hi))) {
        char range[64];
        if (json_is_integer(lo) && json_is_integer(hi))
            snprintf(range, sizeof range, "%lld-%lld", (long long)json_integer_value(lo),
                     (long long)json_integer_value(hi));
        else if (json_is_integer(lo))
            snprintf(range, sizeof range, "at least %lld", (long long)json_integer_value(lo));
        else
            snprintf(range, sizeof range, "at most %lld", (long long)json_integer_value(hi));
        return hl_fail(err, HL_ERR_INVALID, "salary_amount",
                       "the salary (%.0f EUR a month) is outside the requisition's range (%s EUR "
                       "a month); set salary_override to offer it anyway",
                       monthly, range);
    }
    return HL_OK;
}

enum hl_err offer_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                            struct hl_error *err)
{
    (void)before;
    char now[11];
    today(ctx, now);
    const char *start = str(rec, "start_date"), *expires = str(rec, "expires_on");
    if (start && strcmp(start, now) < 0)
        return hl_fail(err, HL_ERR_INVALID, "start_date", "the start date %s is in the past",
                       start);
    if (expires && strcmp(expires, now) < 0)
        return hl_fail(err, HL_ERR_INVALID, "expires_on",
                       "the answer date %s is in the past; give the candidate time to answer",
                       expires);
    json_t *app = NULL, *req = NULL;
    enum hl_err e =
        store_entity_get(ctx->db, &ent_application,
                         json_integer_value(json_object_get(rec, "application_id")), &app, err);
    if (e != HL_OK)
        return e;
    if (!is_open_stage(str(app, "stage"))) {
        e = hl_fail(err, HL_ERR_TRANSITION, "application_id",
                    "the application is %s: an offer is made to a candidate still in the "
                    "pipeline",
                    str(app, "stage") ? str(app, "stage") : "closed");
        goto out;
    }
    if ((e = store_entity_get(ctx->db, &ent_requisition,
                              json_integer_value(json_object_get(app, "requisition_id")), &req,
                              err)) == HL_OK)
        e = salary_check(rec, req, err);
out:
    json_decref(app);
    json_decref(req);
    return e;
}

/* ---- the terms mail ---- */

/* The offer stage's mail, which carries the terms (it was a bare "we will send you the terms"
 * before offers had them). */
static const struct mail_template mail_offer = {
    "recruit.offer",
    {"Our offer: {title}", "Meie pakkumine: {title}"},
    {"Hello {name},\n\nwe are glad to offer you the position \"{title}\" on these terms:\n\n"
     "  Salary: {salary}\n  Start date: {start}\n  Working hours: {hours} a week\n"
     "  Contract: {contract}\n{notes}\nPlease let us know your answer by {expires}.\n\n— {org}",
     "Tere, {name}!\n\nmeil on hea meel pakkuda sulle ametikohta „{title}“ järgmistel "
     "tingimustel:\n\n  Palk: {salary}\n  Alguskuupäev: {start}\n  Tööaeg: {hours} tundi "
     "nädalas\n  Leping: {contract}\n{notes}\nPalun anna oma vastusest teada hiljemalt "
     "{expires}.\n\n— {org}"},
};

static const char *const months_en[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
static const char *const months_et[] = {"jaanuar",   "veebruar", "märts",    "aprill",
                                        "mai",       "juuni",    "juuli",    "august",
                                        "september", "oktoober", "november", "detsember"};

/* "1 March 2027", "1. märts 2027". */
static char *date_words(const char *date, bool et)
{
    int64_t days;
    if (!date || !date_parse(date, &days))
        return hl_strdup(date ? date : "");
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    return et ? hl_asprintf("%d. %s %d", d, months_et[m - 1], y)
              : hl_asprintf("%d %s %d", d, months_en[m - 1], y);
}

/* 3200 → "3,200" (en) or "3 200" (et, a no-break space). */
static char *amount_words(long long v, bool et)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    const char *sep = et ? "\u00a0" : ",";
    char *out = hl_strdup("");
    for (int i = 0; i < n; i++) {
        char *next = hl_asprintf("%s%s%c", out, i > 0 && (n - i) % 3 == 0 ? sep : "", digits[i]);
        free(out);
        out = next;
    }
    return out;
}

static enum hl_err terms_mail(struct svc_ctx *ctx, const json_t *offer, const json_t *app,
                              struct hl_error *err)
{
    json_t *req = NULL;
    enum hl_err e =
        store_entity_get(ctx->db, &ent_requisition,
                         json_integer_value(json_object_get(app, "requisition_id")), &req, err);
    if (e != HL_OK)
        return e;
    const char *lang = str(app, "lang");
    bool et = lang && strcmp(lang, "et") == 0, yearly = false;
    const char *period = str(offer, "salary_period");
    yearly = period && strcmp(period, "year") == 0;
    char *amount = amount_words(json_integer_value(json_object_get(offer, "salary_amount")), et);
    const char *cur = str(offer, "salary_currency") ? str(offer, "salary_currency") : "EUR";
    char *salary = et ? hl_asprintf("%s %s %s", amount, cur, yearly ? "aastas" : "kuus")
                      : hl_asprintf("%s %s a %s", amount, cur, yearly ? "year" : "month");
    char *start = date_words(str(offer, "start_date"), et);
    char *expires = date_words(str(offer, "expires_on"), et);
    char hours[32];
    snprintf(hours, sizeof hours, "%g",
             json_number_value(json_object_get(offer, "hours_per_week")));
    if (et)
        for (char *p = hours; *p; p++)
            if (*p == '.')
                *p = ',';
    const char *contract = str(offer, "contract");
    char *contract_words;
    if (contract && strcmp(contract, "fixed_term") == 0) {
        char *end = date_words(str(offer, "end_date"), et);
        contract_words = hl_asprintf(et ? "tähtajaline, kuni %s" : "fixed-term, until %s", end);
        free(end);
    } else {
        contract_words = hl_strdup(et ? "tähtajatu" : "permanent");
    }
    const char *notes = str(offer, "notes");
    char *notes_text = notes && *notes ? hl_asprintf("\n%s\n", notes) : hl_strdup("");
    json_t *params =
        json_pack("{sO sO ss ss ss ss ss ss ss ss}", "name", json_object_get(app, "name"), "title",
                  json_object_get(req, "title"), "org", "Haldus", "salary", salary, "start", start,
                  "hours", hours, "contract", contract_words, "expires", expires, "notes",
                  notes_text, "lang", et ? "et" : "en");
    struct mail_to to = {0, str(app, "email"), et ? MAIL_ET : MAIL_EN};
    if (!params)
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the offer mail could not be written");
    else
        e = mail_enqueue(ctx, &mail_offer, &to, params, NULL, NULL, err);
    json_decref(params);
    free(amount);
    free(salary);
    free(start);
    free(expires);
    free(contract_words);
    free(notes_text);
    json_decref(req);
    return e;
}

/* ---- the actions ---- */

/* Moves the other sent (and, when `drafts`, draft) offers of an application to withdrawn. */
static enum hl_err withdraw_others(struct svc_ctx *ctx, int64_t application, int64_t keep,
                                   bool drafts, struct hl_error *err)
{
    json_t *ids = NULL;
    enum hl_err e = store_offer_ids(ctx->db, application, NULL, &ids, err);
    char now[21];
    instant_format(db_now(ctx->db), now);
    size_t i;
    json_t *o;
    json_array_foreach(ids, i, o)
    {
        const char *st = str(o, "status");
        int64_t id = json_integer_value(json_object_get(o, "id"));
        if (e != HL_OK || id == keep ||
            !(strcmp(st, "sent") == 0 || (drafts && strcmp(st, "draft") == 0)))
            continue;
        json_t *ch = json_pack("{ss ss ss}", "status", "withdrawn", "status_at", now, "status_by",
                               ctx->actor ? ctx->actor : "cli");
        e = svc_entity_set_system(ctx, &ent_offer, id, IF_MATCH_NONE, ch, "withdraw", NULL, err);
        json_decref(ch);
    }
    json_decref(ids);
    return e;
}

static enum hl_err send_offer(struct svc_ctx *ctx, const json_t *cur, json_t *changes,
                              struct hl_error *err)
{
    enum hl_err e = offer_check_ctx(ctx, NULL, cur, err);
    if (e != HL_OK)
        return e;
    int64_t app_id = json_integer_value(json_object_get(cur, "application_id"));
    json_t *app = NULL;
    if ((e = store_entity_get(ctx->db, &ent_application, app_id, &app, err)) != HL_OK)
        return e;
    char now[21];
    instant_format(db_now(ctx->db), now);
    json_object_set_new(changes, "sent_at", json_string(now));
    const char *stage = str(app, "stage");
    if (strcmp(stage, "offer") != 0) {
        /* The application's own transition table says from where an offer is made. */
        const char *to = workflow_next(&wf_application, stage, "offer");
        if (!to) {
            e = hl_fail(err, HL_ERR_TRANSITION, "application_id",
                        "the application is at the %s stage; an offer is sent after the "
                        "interview",
                        stage);
            goto out;
        }
        json_t *ch = json_pack("{ss ss}", "stage", to, "stage_at", now);
        e = svc_entity_set_system(ctx, &ent_application, app_id, IF_MATCH_NONE, ch, "offer", NULL,
                                  err);
        json_decref(ch);
        if (e != HL_OK)
            goto out;
    }
    /* A new offer replaces the one sent before. */
    if ((e = withdraw_others(ctx, app_id, json_integer_value(json_object_get(cur, "id")), false,
                             err)) == HL_OK)
        e = terms_mail(ctx, cur, app, err);
out:
    json_decref(app);
    return e;
}

enum hl_err offer_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                         const json_t *body, json_t *changes, struct hl_error *err)
{
    (void)body;
    json_object_set_new(changes, "status_by", json_string(ctx->actor ? ctx->actor : "cli"));
    if (strcmp(act->name, "send") == 0)
        return send_offer(ctx, cur, changes, err);
    return HL_OK;
}

enum hl_err offer_close_open(struct svc_ctx *ctx, int64_t application, struct hl_error *err)
{
    return withdraw_others(ctx, application, 0, true, err);
}

/* ---- the hire ---- */

static enum hl_err accepted_offer(struct svc_ctx *ctx, int64_t application, json_t **offer,
                                  struct hl_error *err)
{
    json_t *ids = NULL;
    *offer = NULL;
    enum hl_err e = store_offer_ids(ctx->db, application, "accepted", &ids, err);
    size_t n = json_array_size(ids);
    if (e == HL_OK && n > 0)
        e = store_entity_get(ctx->db, &ent_offer,
                             json_integer_value(json_object_get(json_array_get(ids, n - 1), "id")),
                             offer, err);
    json_decref(ids);
    return e;
}

enum hl_err offer_for_hire(struct svc_ctx *ctx, const json_t *app, const json_t *changes,
                           json_t **offer, struct hl_error *err)
{
    enum hl_err e = accepted_offer(ctx, json_integer_value(json_object_get(app, "id")), offer, err);
    if (e != HL_OK || *offer)
        return e;
    const char *why = str(changes, "hire_override_reason");
    if (why && *why)
        return HL_OK;
    return hl_fail(err, HL_ERR_OFFER_NEEDED, "override_reason",
                   "the candidate has not accepted an offer: record their acceptance first, or "
                   "hire anyway with override_reason saying why");
}

json_t *offer_hire_start(struct svc_ctx *ctx, int64_t application, const json_t *req)
{
    json_t *offer = NULL, *start = NULL;
    struct hl_error err;
    if (accepted_offer(ctx, application, &offer, &err) == HL_OK && offer)
        start = json_incref(json_object_get(offer, "start_date"));
    if (!start && json_is_string(json_object_get(req, "start_date")))
        start = json_incref(json_object_get(req, "start_date"));
    json_decref(offer);
    return start;
}

/* ---- export, board, expiry ---- */

enum hl_err offer_export(struct svc_ctx *ctx, int64_t application, json_t **out,
                         struct hl_error *err)
{
    json_t *ids = NULL;
    *out = json_array();
    enum hl_err e = store_offer_ids(ctx->db, application, NULL, &ids, err);
    size_t i;
    json_t *o;
    json_array_foreach(ids, i, o)
    {
        json_t *rec = NULL;
        if (e == HL_OK &&
            (e = store_entity_get(ctx->db, &ent_offer, json_integer_value(json_object_get(o, "id")),
                                  &rec, err)) == HL_OK)
            json_array_append_new(*out, rec);
    }
    json_decref(ids);
    return e;
}

enum hl_err offer_board(struct svc_ctx *ctx, int64_t requisition, json_t **out,
                        struct hl_error *err)
{
    json_t *rows = NULL;
    *out = json_object();
    enum hl_err e = store_offer_latest(ctx->db, requisition, &rows, err);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char key[24];
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(r, "application_id")));
        json_object_set(*out, key, json_object_get(r, "status"));
    }
    json_decref(rows);
    return e;
}

enum hl_err offer_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    char day[11], now[21];
    today(ctx, day);
    instant_format(db_now(ctx->db), now);
    json_t *due = NULL;
    size_t n = 0;
    if ((e = store_offer_due(ctx->db, day, &due, err)) != HL_OK)
        goto out;
    size_t i;
    json_t *o;
    json_array_foreach(due, i, o)
    {
        json_t *ch =
            json_pack("{ss ss ss}", "status", "expired", "status_at", now, "status_by", "jobs");
        e = svc_entity_set_system(ctx, &ent_offer, json_integer_value(json_object_get(o, "id")),
                                  IF_MATCH_NONE, ch, "expire", NULL, err);
        json_decref(ch);
        if (e != HL_OK)
            goto out;
        n++;
    }
    if (n > 0)
        *summary = hl_asprintf("%zu offer%s past the answer date expired", n, n == 1 ? "" : "s");
out:
    json_decref(due);
    return finish_tx(ctx, e, err);
}
