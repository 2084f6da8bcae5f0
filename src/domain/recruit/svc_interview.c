/* svc_interview.c: recruiting's interviews and scorecards — arranging one (the panel with the
 * executive, find-a-time through the meetings domain, booking or offering slots with a pick
 * link), the interview workflow's hook (invitations, updates and cancellations with iTIP to the
 * panel and the candidate, each in their language; `interview` absences for the assistants on
 * the panel), the calendar feed, and the blind scorecards with their summary. */
#include "interview_recruit.h"

#include "absence.h"
#include "buf.h"
#include "ical_meeting.h"
#include "mail.h"
#include "meeting.h"
#include "mem.h"
#include "people.h"
#include "recruit.h"
#include "store_entity.h"
#include "store_interview.h"
#include "store_meeting.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOKEN_BYTES 32

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

static int64_t num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t instant_of(const json_t *o, const char *k)
{
    int64_t t = 0;
    const char *s = json_string_value(json_object_get(o, k));
    return s && instant_parse(s, &t) ? t : 0;
}

static json_t *instant_json(int64_t t)
{
    char b[21];
    instant_format(t, b);
    return json_string(b);
}

static enum hl_err finish_tx(struct svc_ctx *ctx, enum hl_err e, struct hl_error *err)
{
    if (e == HL_OK)
        return db_commit(ctx->db, err);
    db_rollback(ctx->db);
    return e;
}

static enum hl_err only_fields(const json_t *body, const char *const *allowed, struct hl_error *err)
{
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)body, k, v)
    {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, k) == 0;
        if (!ok)
            return hl_fail(err, HL_ERR_INVALID, k, "unknown field %.60s", k);
    }
    return HL_OK;
}

/* The hex SHA-256 of a pick token (the only form stored); false for text that is not one. */
static bool token_hash(const char *token, char hex[2 * crypto_hash_sha256_BYTES + 1])
{
    size_t n = token ? strlen(token) : 0;
    if (n < 40 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", token[i]))
            return false;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, n);
    sodium_bin2hex(hex, 2 * crypto_hash_sha256_BYTES + 1, h, sizeof h);
    return true;
}

/* ---- mails ---- */

static const struct mail_template tpl_panel = {
    "recruit.interview",
    {"Interview (recruiting): {candidate}", "Värbamisvestlus: {candidate}"},
    {"Hello {name},\n\nyou are on the interview panel for \"{title}\"; the candidate is "
     "{candidate}.\n\nWhen: {when}\nWhere: {where}\n\nThe invitation is attached; your calendar "
     "program adds it. The candidate and your scorecard are in Haldus under Recruiting → My "
     "interviews.\n\n— Haldus",
     "Tere, {name}!\n\nOled ametikoha „{title}“ vestluse komisjonis; kandidaat on {candidate}."
     "\n\nAeg: {when}\nKoht: {where}\n\nKutse on manuses; kalendriprogramm lisab selle. "
     "Kandidaadi ja hindamislehe leiad Haldusest: Värbamine → Minu vestlused.\n\n— Haldus"},
};
static const struct mail_template tpl_panel_cancel = {
    "recruit.interview.cancel",
    {"Cancelled: interview (recruiting) with {candidate}",
     "Tühistatud: värbamisvestlus ({candidate})"},
    {"Hello {name},\n\nthe interview for \"{title}\" with {candidate} on {when} is cancelled."
     "\n\n— Haldus",
     "Tere, {name}!\n\nametikoha „{title}“ vestlus kandidaadiga {candidate} ({when}) on "
     "tühistatud.\n\n— Haldus"},
};
static const struct mail_template tpl_candidate = {
    "recruit.interview.candidate",
    {"Interview: {title}", "Vestlus: {title}"},
    {"Hello {candidate},\n\nyour interview for \"{title}\" is booked.\n\nWhen: {when}\nWhere: "
     "{where}\n\nThe invitation is attached; your calendar program adds it.\n\n— Haldus",
     "Tere, {candidate}!\n\nsinu vestlus ametikoha „{title}“ asjus on kokku lepitud.\n\nAeg: "
     "{when}\nKoht: {where}\n\nKutse on manuses; kalendriprogramm lisab selle.\n\n— Haldus"},
};
static const struct mail_template tpl_candidate_cancel = {
    "recruit.interview.candidate.cancel",
    {"Cancelled: interview for {title}", "Tühistatud: vestlus ({title})"},
    {"Hello {candidate},\n\nyour interview for \"{title}\" on {when} is cancelled. We will be in "
     "touch.\n\n— Haldus",
     "Tere, {candidate}!\n\nsinu vestlus ametikoha „{title}“ asjus ({when}) on tühistatud. "
     "Võtame sinuga ühendust.\n\n— Haldus"},
};
static const struct mail_template tpl_pick = {
    "recruit.interview.pick",
    {"Choose a time for your interview: {title}", "Vali vestluse aeg: {title}"},
    {"Hello {candidate},\n\nwe would like to meet you for \"{title}\". Please choose one of these "
     "times:\n\n{slots}\nChoose here: {link}\n\nThe link is for you only and works once.\n\n"
     "— Haldus",
     "Tere, {candidate}!\n\nsoovime sinuga kohtuda ametikoha „{title}“ asjus. Palun vali üks "
     "neist aegadest:\n\n{slots}\nVali siin: {link}\n\nLink on ainult sinu jaoks ja töötab ühe "
     "korra.\n\n— Haldus"},
};

/* The zone the candidate's times are written in: the executive's (the office's). */
static char *exec_zone(struct svc_ctx *ctx, const json_t *cx)
{
    struct meeting_person p = {0};
    struct hl_error err;
    char *z = NULL;
    if (store_meeting_person(ctx->db, num(cx, "principal_id"), &p, &err) == HL_OK && p.zone)
        z = hl_strdup(p.zone);
    meeting_person_cleanup(&p);
    return z ? z : hl_strdup("Europe/Tallinn");
}

static const char *where_of(const json_t *iv)
{
    const char *loc = str(iv, "location"), *url = str(iv, "url");
    return *loc ? loc : *url ? url : "—";
}

/* Queues the iTIP REQUEST (cancel: CANCEL) of interview iv at [start, end) with `sequence` to
 * every panel member and the candidate, each naming only its recipient, each in their
 * language. */
static enum hl_err send_invites(struct svc_ctx *ctx, const json_t *iv, int64_t start, int64_t end,
                                int64_t sequence, bool cancel, struct hl_error *err)
{
    int64_t id = num(iv, "id");
    json_t *panel = NULL, *cx = NULL;
    struct meeting_person org = {0};
    enum hl_err e = store_iv_panel(ctx->db, id, &panel, err);
    if (e == HL_OK)
        e = store_iv_context(ctx->db, id, &cx, err);
    if (e == HL_OK && num(iv, "organizer_id"))
        e = store_meeting_person(ctx->db, num(iv, "organizer_id"), &org, err);
    if (e != HL_OK)
        goto out;
    char *uid = hl_asprintf("interview-%lld@haldus", (long long)id);
    const char *url = *str(iv, "url") ? str(iv, "url") : NULL;
    const char *loc = *str(iv, "location") ? str(iv, "location") : NULL;
    size_t i;
    json_t *m;
    for (i = 0; i <= json_array_size(panel) && e == HL_OK; i++) {
        m = json_array_get(panel, i); /* NULL: the candidate, last */
        bool et = m ? strcmp(str(m, "lang"), "et") == 0 : strcmp(str(cx, "lang"), "et") == 0;
        struct itip_attendee me = {m ? str(m, "email") : str(cx, "email"),
                                   m ? str(m, "name") : str(cx, "candidate"), true};
        char *title = m ? hl_strdup(et ? INTERVIEW_TITLE_ET : INTERVIEW_TITLE_EN)
                        : hl_asprintf("%s: %s", et ? "Vestlus" : "Interview", str(cx, "title"));
        struct itip_meeting im = {uid,
                                  sequence,
                                  db_now(ctx->db),
                                  start,
                                  end,
                                  title,
                                  loc,
                                  url,
                                  org.email ? org.email : "haldus@invalid",
                                  org.name ? org.name : "Haldus",
                                  &me,
                                  1};
        char *ics = itip_build(&im, cancel);
        char *zone = m ? hl_strdup(str(m, "time_zone")) : exec_zone(ctx, cx);
        char *when = mail_when(zone, start, end);
        json_t *params = json_pack("{ss ss ss ss ss}", "name", m ? str(m, "name") : "", "candidate",
                                   str(cx, "candidate"), "title", str(cx, "title"), "when", when,
                                   "where", where_of(iv));
        struct mail_to to = {m ? num(m, "person_id") : 0, m ? NULL : str(cx, "email"),
                             et ? MAIL_ET : MAIL_EN};
        const struct mail_template *tpl = m ? (cancel ? &tpl_panel_cancel : &tpl_panel)
                                            : (cancel ? &tpl_candidate_cancel : &tpl_candidate);
        e = mail_enqueue(ctx, tpl, &to, params, ics, NULL, err);
        json_decref(params);
        free(when);
        free(zone);
        free(ics);
        free(title);
    }
    free(uid);
out:
    meeting_person_cleanup(&org);
    json_decref(panel);
    json_decref(cx);
    return e;
}

/* ---- the panel's absences ---- */

static enum hl_err make_absences(struct svc_ctx *ctx, int64_t iv, int64_t start, int64_t end,
                                 struct hl_error *err)
{
    json_t *panel = NULL;
    enum hl_err e = store_iv_panel(ctx->db, iv, &panel, err);
    size_t i;
    json_t *m;
    json_array_foreach(panel, i, m)
    {
        if (e != HL_OK)
            break;
        if (!json_is_true(json_object_get(m, "is_assistant")))
            continue;
        json_t *body = json_pack("{sI ss so so ss}", "person_id", (json_int_t)num(m, "person_id"),
                                 "kind", "interview", "start_at", instant_json(start), "end_at",
                                 instant_json(end), "note", INTERVIEW_TITLE_EN);
        json_t *sys =
            json_pack("{ss so}", "status", "approved", "decided_at", instant_json(db_now(ctx->db)));
        json_t *rec = NULL;
        e = svc_entity_create_as(ctx, &ent_absence, body, sys, &rec, err);
        if (e == HL_OK)
            e = store_iv_panel_absence(ctx->db, iv, num(m, "person_id"), num(rec, "id"), err);
        json_decref(rec);
        json_decref(body);
        json_decref(sys);
    }
    json_decref(panel);
    return e;
}

static enum hl_err cancel_absences(struct svc_ctx *ctx, int64_t iv, struct hl_error *err)
{
    json_t *panel = NULL;
    enum hl_err e = store_iv_panel(ctx->db, iv, &panel, err);
    size_t i;
    json_t *m;
    json_array_foreach(panel, i, m)
    {
        int64_t aid = num(m, "absence_id");
        if (e != HL_OK)
            break;
        if (!aid)
            continue;
        json_t *a = NULL;
        e = store_entity_get(ctx->db, &ent_absence, aid, &a, err);
        const char *st = a ? str(a, "status") : "";
        if (e == HL_OK && (strcmp(st, "approved") == 0 || strcmp(st, "requested") == 0)) {
            json_t *ch = json_pack("{ss ss so}", "status", "cancelled", "decision_note",
                                   "the interview moved or was cancelled", "decided_at",
                                   instant_json(db_now(ctx->db)));
            e = svc_entity_set_system(ctx, &ent_absence, aid, IF_MATCH_NONE, ch, "cancel", NULL,
                                      err);
            json_decref(ch);
        } else if (e == HL_ERR_NOT_FOUND)
            e = HL_OK;
        json_decref(a);
        if (e == HL_OK)
            e = store_iv_panel_absence(ctx->db, iv, num(m, "person_id"), 0, err);
    }
    json_decref(panel);
    return e;
}

/* ---- the workflow's hook ---- */

enum hl_err interview_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                             const json_t *body, json_t *changes, struct hl_error *err)
{
    (void)body;
    int64_t id = num(cur, "id"), seq = num(cur, "sequence");
    bool book = strcmp(act->name, "book") == 0, move = strcmp(act->name, "reschedule") == 0;
    enum hl_err e = HL_OK;
    if (book || move) {
        int64_t start = instant_of(changes, "start_at");
        if (!start)
            return hl_fail(err, HL_ERR_INVALID, "start_at",
                           "start_at is required to %s an "
                           "interview",
                           act->name);
        int64_t end = start + num(cur, "duration_minutes") * 60;
        bool clash = false;
        if (start <= db_now(ctx->db))
            return hl_fail(err, HL_ERR_INVALID, "start_at",
                           "the interview must start later "
                           "than now");
        if ((e = store_iv_clash(ctx->db, id, start, end, &clash, err)) != HL_OK)
            return e;
        if (clash)
            return hl_fail(err, HL_ERR_CONFLICT, "start_at",
                           "a member of the panel has another interview at that time");
        if (move) {
            seq++;
            if ((e = cancel_absences(ctx, id, err)) != HL_OK)
                return e;
        }
        json_object_set_new(changes, "end_at", instant_json(end));
        json_object_set_new(changes, "sequence", json_integer(seq));
        /* The pick link is used up: single use, whoever booked. */
        if ((e = store_iv_pick_set(ctx->db, id, NULL, 0, err)) == HL_OK &&
            (e = make_absences(ctx, id, start, end, err)) == HL_OK)
            e = send_invites(ctx, cur, start, end, seq, false, err);
        return e;
    }
    if (strcmp(act->name, "cancel") == 0) {
        json_object_set_new(changes, "sequence", json_integer(seq + 1));
        if ((e = store_iv_pick_set(ctx->db, id, NULL, 0, err)) != HL_OK ||
            (e = cancel_absences(ctx, id, err)) != HL_OK)
            return e;
        if (strcmp(str(cur, "status"), "scheduled") == 0)
            e = send_invites(ctx, cur, instant_of(cur, "start_at"), instant_of(cur, "end_at"),
                             seq + 1, true, err);
    }
    return e;
}

static const struct wf_action *iv_action(const char *name)
{
    for (size_t i = 0; i < wf_interview.nactions; i++)
        if (strcmp(wf_interview.actions[i].name, name) == 0)
            return &wf_interview.actions[i];
    return NULL;
}

enum hl_err interview_cancel_open(struct svc_ctx *ctx, int64_t app, struct hl_error *err)
{
    json_t *ids = NULL;
    enum hl_err e = store_iv_of_application(ctx->db, app, 0, &ids, err);
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
    {
        json_t *iv = NULL, *done = NULL;
        if (e != HL_OK)
            break;
        if ((e = store_entity_get(ctx->db, &ent_interview, num(v, "id"), &iv, err)) != HL_OK)
            break;
        const char *st = str(iv, "status");
        if (strcmp(st, "offered") == 0 || strcmp(st, "scheduled") == 0)
            e = svc_workflow_act(ctx, &wf_interview, iv_action("cancel"), num(v, "id"),
                                 IF_MATCH_NONE, NULL, &done, err);
        json_decref(done);
        json_decref(iv);
    }
    json_decref(ids);
    return e;
}

/* ---- reading ---- */

/* The interview as its panel sees it: the record, panel, slots, candidate and role. In the
 * caller's transaction; 404 when ctx may not see it. */
static enum hl_err iv_view(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    json_t *iv = NULL, *panel = NULL, *slots = NULL, *cx = NULL;
    enum hl_err e = svc_entity_get(ctx, &ent_interview, id, &iv, err);
    if (e == HL_OK)
        e = store_iv_panel(ctx->db, id, &panel, err);
    if (e == HL_OK)
        e = store_iv_slots(ctx->db, id, &slots, err);
    if (e == HL_OK)
        e = store_iv_context(ctx->db, id, &cx, err);
    if (e == HL_OK) {
        size_t i;
        json_t *m;
        json_array_foreach(panel, i, m)
        {
            json_object_del(m, "email");
            json_object_del(m, "lang");
        }
        json_object_set(iv, "panel", panel);
        json_object_set(iv, "slots", slots);
        json_object_set(iv, "candidate", json_object_get(cx, "candidate"));
        json_object_set(iv, "title", json_object_get(cx, "title"));
        *out = json_incref(iv);
    }
    json_decref(iv);
    json_decref(panel);
    json_decref(slots);
    json_decref(cx);
    return e;
}

/* Appends the view of each interview of ids ([{id}]) to list. */
static enum hl_err iv_views(struct svc_ctx *ctx, const json_t *ids, json_t *list,
                            struct hl_error *err)
{
    enum hl_err e = HL_OK;
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
    {
        json_t *one = NULL;
        if ((e = iv_view(ctx, num(v, "id"), &one, err)) != HL_OK)
            break;
        json_array_append_new(list, one);
    }
    return e;
}

enum hl_err svc_interview_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    return finish_tx(ctx, iv_view(ctx, id, out, err), err);
}

enum hl_err svc_interview_list(struct svc_ctx *ctx, int64_t app, json_t **out, struct hl_error *err)
{
    json_t *ids = NULL, *list = json_array();
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK) {
        json_decref(list);
        return e;
    }
    int64_t me = is_manager(ctx) ? 0 : (ctx->who->person_id > 0 ? ctx->who->person_id : -1);
    json_t *a = NULL;
    e = svc_entity_get(ctx, &ent_application, app, &a, err);
    json_decref(a);
    if (e == HL_OK)
        e = store_iv_of_application(ctx->db, app, me, &ids, err);
    if (e == HL_OK)
        e = iv_views(ctx, ids, list, err);
    json_decref(ids);
    if (e == HL_OK)
        *out = json_pack("{so}", "items", json_incref(list));
    json_decref(list);
    return finish_tx(ctx, e, err);
}

enum hl_err svc_interview_mine(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    int64_t me = ctx->who ? ctx->who->person_id : 0;
    json_t *items = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if (me > 0)
        e = store_iv_mine(ctx->db, me, &items, err);
    else
        items = json_array();
    if (e == HL_OK)
        *out = json_pack("{so}", "items", items);
    return finish_tx(ctx, e, err);
}

/* ---- arranging ---- */

/* The panel of the body as person ids, the executive and the manager included once each. */
static enum hl_err read_panel(struct svc_ctx *ctx, const json_t *body, int64_t exec,
                              int64_t manager, int64_t *ids, const char **roles, size_t *n,
                              struct hl_error *err)
{
    json_t *panel = json_object_get(body, "panel");
    if (!json_is_array(panel) || json_array_size(panel) < 1 ||
        json_array_size(panel) > INTERVIEW_PANEL_MAX - 1)
        return hl_fail(err, HL_ERR_INVALID, "panel",
                       "panel must list the people on the interview panel (person ids, the "
                       "executive included; at most %d)",
                       INTERVIEW_PANEL_MAX - 1);
    *n = 0;
    ids[(*n)] = manager;
    roles[(*n)++] = "manager";
    bool has_exec = false;
    size_t i;
    json_t *v;
    json_array_foreach(panel, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return hl_fail(err, HL_ERR_INVALID, "panel", "panel[%zu] is not a person id", i);
        int64_t pid = json_integer_value(v);
        bool exists = false;
        enum hl_err e = store_entity_exists(ctx->db, &ent_person, pid, &exists, err);
        if (e != HL_OK)
            return e;
        if (!exists)
            return hl_fail(err, HL_ERR_INVALID, "panel", "person %lld does not exist",
                           (long long)pid);
        has_exec = has_exec || pid == exec;
        bool dup = false;
        for (size_t k = 0; k < *n; k++)
            dup = dup || ids[k] == pid;
        if (dup)
            continue;
        ids[*n] = pid;
        roles[(*n)++] = pid == exec ? "executive" : "member";
    }
    if (!has_exec)
        return hl_fail(err, HL_ERR_INVALID, "panel",
                       "the panel must include the executive the requisition supports "
                       "(person %lld)",
                       (long long)exec);
    return HL_OK;
}

static bool open_stage(const char *s)
{
    return strcmp(s, "applied") == 0 || strcmp(s, "screening") == 0 ||
           strcmp(s, "interview") == 0 || strcmp(s, "offer") == 0;
}

/* Reads the application and requisition for arranging an interview (managers). */
static enum hl_err load_for_interview(struct svc_ctx *ctx, int64_t app, int64_t if_match,
                                      json_t **a, json_t **r, struct hl_error *err)
{
    if (!is_manager(ctx))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers arrange interviews");
    enum hl_err e = store_entity_get(ctx->db, &ent_application, app, a, err);
    if (e == HL_OK && if_match != IF_MATCH_NONE && if_match != num(*a, "version"))
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "application %lld has changed since you read it (version %lld, not %lld)",
                    (long long)app, (long long)num(*a, "version"), (long long)if_match);
    if (e == HL_OK && !open_stage(str(*a, "stage")))
        e = hl_fail(err, HL_ERR_TRANSITION, "stage",
                    "the application is %s: interviews are arranged for open applications",
                    str(*a, "stage"));
    if (e == HL_OK)
        e = store_entity_get(ctx->db, &ent_requisition, num(*a, "requisition_id"), r, err);
    return e;
}

static int64_t acting_manager(struct svc_ctx *ctx, const json_t *body)
{
    if (json_is_integer(json_object_get(body, "manager_id")))
        return num(body, "manager_id");
    return ctx->who && ctx->who->person_id > 0 ? ctx->who->person_id : 0;
}

enum hl_err svc_interview_find_time(struct svc_ctx *ctx, int64_t app, int64_t if_match,
                                    const json_t *body, json_t **out, struct hl_error *err)
{
    static const char *const allowed[] = {
        "panel", "manager_id", "duration_minutes", "from",         "to", "candidate_free",
        "count", "earliest",   "latest",           "step_minutes", NULL};
    json_t *a = NULL, *r = NULL, *search = NULL, *found = NULL;
    int64_t ids[INTERVIEW_PANEL_MAX];
    const char *roles[INTERVIEW_PANEL_MAX];
    size_t n = 0;
    *out = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    json_t *free_spans = json_object_get(body, "candidate_free");
    if (e == HL_OK && free_spans &&
        (!json_is_array(free_spans) || json_array_size(free_spans) > 50))
        e = hl_fail(err, HL_ERR_INVALID, "candidate_free",
                    "candidate_free must list at most 50 spans {start_at, end_at}");
    size_t nspan = json_array_size(free_spans);
    int64_t *sp = hl_calloc(nspan * 2 + 1, sizeof *sp);
    for (size_t i = 0; e == HL_OK && i < nspan; i++) {
        json_t *s = json_array_get(free_spans, i);
        sp[2 * i] = instant_of(s, "start_at");
        sp[2 * i + 1] = instant_of(s, "end_at");
        if (!sp[2 * i] || sp[2 * i + 1] <= sp[2 * i])
            e = hl_fail(err, HL_ERR_INVALID, "candidate_free",
                        "candidate_free[%zu] needs start_at before end_at (RFC 3339)", i);
    }
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        goto out;
    int64_t manager = acting_manager(ctx, body);
    if ((e = load_for_interview(ctx, app, if_match, &a, &r, err)) == HL_OK)
        e = read_panel(ctx, body, num(r, "principal_id"), manager, ids, roles, &n, err);
    db_rollback(ctx->db);
    if (e != HL_OK)
        goto out;
    search = json_deep_copy(body);
    json_object_del(search, "panel");
    json_object_del(search, "manager_id");
    json_object_del(search, "candidate_free");
    json_t *who = json_array();
    for (size_t i = 0; i < n; i++)
        if (ids[i])
            json_array_append_new(
                who, json_pack("{sI sb}", "person_id", (json_int_t)ids[i], "required", 1));
    json_object_set_new(search, "attendees", who);
    if (!json_object_get(search, "duration_minutes"))
        json_object_set_new(search, "duration_minutes", json_integer(60));
    if (nspan && !json_object_get(search, "count"))
        json_object_set_new(search, "count", json_integer(50));
    if ((e = svc_meeting_find_time(ctx, search, &found, err)) != HL_OK)
        goto out;
    if (nspan) { /* keep the slots inside a span the candidate is free */
        json_t *slots = json_object_get(found, "slots"), *kept = json_array();
        size_t i;
        json_t *s;
        json_array_foreach(slots, i, s)
        {
            int64_t t0 = 0, t1 = 0;
            instant_parse(str(s, "start"), &t0);
            instant_parse(str(s, "end"), &t1);
            for (size_t k = 0; k < nspan; k++)
                if (sp[2 * k] <= t0 && t1 <= sp[2 * k + 1]) {
                    json_array_append(kept, s);
                    break;
                }
        }
        json_int_t want = json_integer_value(json_object_get(body, "count"));
        while (want > 0 && (json_int_t)json_array_size(kept) > want)
            json_array_remove(kept, json_array_size(kept) - 1);
        json_object_set_new(found, "slots", kept);
    }
    json_object_set_new(found, "title", json_string(INTERVIEW_TITLE_EN));
    *out = found;
    found = NULL;
out:
    free(sp);
    json_decref(a);
    json_decref(r);
    json_decref(search);
    json_decref(found);
    return e;
}

/* "- 2026-12-01 10:00–11:00 (Europe/Tallinn)\n" per slot, in zone. */
static char *slots_text(const json_t *slots, const char *zone)
{
    struct buf b;
    buf_init(&b, 4096);
    size_t i;
    json_t *s;
    json_array_foreach(slots, i, s)
    {
        char *w = mail_when(zone, instant_of(s, "start_at"), instant_of(s, "end_at"));
        buf_printf(&b, "- %s\n", w);
        free(w);
    }
    buf_append(&b, "", 1);
    return buf_steal(&b);
}

enum hl_err svc_interview_create(struct svc_ctx *ctx, int64_t app, int64_t if_match,
                                 const json_t *body, const char *base, json_t **out,
                                 struct hl_error *err)
{
    static const char *const allowed[] = {"panel",    "manager_id", "duration_minutes",
                                          "location", "url",        "criteria",
                                          "start_at", "slots",      NULL};
    json_t *a = NULL, *r = NULL, *rec = NULL, *ib = NULL, *sys = NULL, *slots = NULL;
    int64_t ids[INTERVIEW_PANEL_MAX];
    const char *roles[INTERVIEW_PANEL_MAX];
    size_t n = 0;
    char *token = NULL;
    *out = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e != HL_OK)
        return e;
    json_t *start = json_object_get(body, "start_at"), *offered = json_object_get(body, "slots");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int64_t manager = acting_manager(ctx, body);
    if ((e = load_for_interview(ctx, app, if_match, &a, &r, err)) != HL_OK)
        goto out;
    if ((start != NULL) == (offered != NULL)) {
        e = hl_fail(err, HL_ERR_INVALID, "start_at",
                    "give either start_at (book the time) or slots (2–5 times the candidate "
                    "picks from)");
        goto out;
    }
    if (offered && (!json_is_array(offered) || json_array_size(offered) < INTERVIEW_SLOTS_MIN ||
                    json_array_size(offered) > INTERVIEW_SLOTS_MAX)) {
        e = hl_fail(err, HL_ERR_INVALID, "slots", "slots must offer %d to %d times [{start_at}]",
                    INTERVIEW_SLOTS_MIN, INTERVIEW_SLOTS_MAX);
        goto out;
    }
    if (!manager) {
        e = hl_fail(err, HL_ERR_INVALID, "manager_id",
                    "your account has no person: name the manager on the panel (manager_id)");
        goto out;
    }
    bool exists = false;
    if ((e = store_entity_exists(ctx->db, &ent_person, manager, &exists, err)) != HL_OK)
        goto out;
    if (!exists) {
        e = hl_fail(err, HL_ERR_INVALID, "manager_id", "person %lld does not exist",
                    (long long)manager);
        goto out;
    }
    if ((e = read_panel(ctx, body, num(r, "principal_id"), manager, ids, roles, &n, err)) != HL_OK)
        goto out;
    ib = json_pack("{sI}", "application_id", (json_int_t)app);
    static const char *const copied[] = {"duration_minutes", "location", "url", "criteria", NULL};
    for (const char *const *k = copied; *k; k++)
        if (json_object_get(body, *k))
            json_object_set(ib, *k, json_object_get(body, *k));
    if (!json_object_get(ib, "duration_minutes"))
        json_object_set_new(ib, "duration_minutes", json_integer(60));
    sys = json_pack("{sI sI ss si}", "requisition_id", (json_int_t)num(a, "requisition_id"),
                    "organizer_id", (json_int_t)manager, "status", "offered", "sequence", 0);
    if ((e = svc_entity_create_as(ctx, &ent_interview, ib, sys, &rec, err)) != HL_OK)
        goto out;
    int64_t id = num(rec, "id"), dur = num(rec, "duration_minutes");
    for (size_t i = 0; i < n && e == HL_OK; i++)
        e = store_iv_panel_add(ctx->db, id, ids[i], roles[i], err);
    /* Arranging an interview moves a screened application on to the interview stage. */
    if (e == HL_OK && strcmp(str(a, "stage"), "screening") == 0) {
        const struct wf_action *act = NULL;
        for (size_t i = 0; i < wf_application.nactions; i++)
            if (strcmp(wf_application.actions[i].name, "interview") == 0)
                act = &wf_application.actions[i];
        json_t *moved = NULL;
        e = svc_workflow_act(ctx, &wf_application, act, app, IF_MATCH_NONE, NULL, &moved, err);
        json_decref(moved);
    }
    if (e != HL_OK)
        goto out;
    if (start) {
        json_t *b = json_pack("{sO}", "start_at", start), *booked = NULL;
        e = svc_workflow_act(ctx, &wf_interview, iv_action("book"), id, IF_MATCH_NONE, b, &booked,
                             err);
        json_decref(b);
        json_decref(booked);
        goto view;
    }
    int64_t now = db_now(ctx->db), last = 0;
    size_t i;
    json_t *s;
    slots = json_array();
    json_array_foreach(offered, i, s)
    {
        int64_t t = instant_of(s, "start_at");
        if (!json_is_object(s) || !t) {
            e = hl_fail(err, HL_ERR_INVALID, "slots", "slots[%zu] needs start_at (RFC 3339)", i);
            goto out;
        }
        if (t <= now) {
            e = hl_fail(err, HL_ERR_INVALID, "slots", "slots[%zu] is not in the future", i);
            goto out;
        }
        for (size_t k = 0; k < i; k++)
            if (instant_of(json_array_get(offered, k), "start_at") == t) {
                e = hl_fail(err, HL_ERR_INVALID, "slots", "slots[%zu] is offered twice", i);
                goto out;
            }
        if ((e = store_iv_slot_add(ctx->db, id, t, t + dur * 60, err)) != HL_OK)
            goto out;
        json_array_append_new(slots, json_pack("{so so}", "start_at", instant_json(t), "end_at",
                                               instant_json(t + dur * 60)));
        if (t > last)
            last = t;
    }
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    size_t tlen = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    token = hl_malloc(tlen);
    sodium_bin2base64(token, tlen, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char hash[2 * crypto_hash_sha256_BYTES + 1];
    token_hash(token, hash);
    /* Usable until the last offered time begins. */
    if ((e = store_iv_pick_set(ctx->db, id, hash, last, err)) != HL_OK)
        goto out;
    {
        json_t *cx = NULL;
        if ((e = store_iv_context(ctx->db, id, &cx, err)) != HL_OK)
            goto out;
        bool et = strcmp(str(cx, "lang"), "et") == 0;
        char *zone = exec_zone(ctx, cx);
        char *list = slots_text(slots, zone);
        char *link = hl_asprintf("%s/careers/interview?token=%s&lang=%s", base ? base : "", token,
                                 et ? "et" : "en");
        json_t *params = json_pack("{ss ss ss ss}", "candidate", str(cx, "candidate"), "title",
                                   str(cx, "title"), "slots", list, "link", link);
        struct mail_to to = {0, str(cx, "email"), et ? MAIL_ET : MAIL_EN};
        e = mail_enqueue(ctx, &tpl_pick, &to, params, NULL, NULL, err);
        json_decref(params);
        free(link);
        free(list);
        free(zone);
        json_decref(cx);
    }
view:
    if (e == HL_OK && (e = iv_view(ctx, id, out, err)) == HL_OK && token) {
        char *path = hl_asprintf("/careers/interview?token=%s", token);
        json_object_set_new(*out, "pick_path", json_string(path));
        free(path);
    }
out:
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
    e = finish_tx(ctx, e, err);
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
    json_decref(a);
    json_decref(r);
    json_decref(rec);
    json_decref(ib);
    json_decref(sys);
    json_decref(slots);
    if (token)
        sodium_memzero(token, strlen(token));
    free(token);
    return e;
}

/* ---- the candidate's pick ---- */

enum hl_err svc_interview_pick_view(struct svc_ctx *ctx, const char *token, json_t **out,
                                    struct hl_error *err)
{
    char hash[2 * crypto_hash_sha256_BYTES + 1];
    *out = NULL;
    if (!token_hash(token, hash))
        return hl_fail(err, HL_ERR_NOT_FOUND, "token", "no such link");
    int64_t iv = 0, now;
    json_t *rec = NULL, *slots = NULL, *cx = NULL, *free_slots = json_array();
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK) {
        json_decref(free_slots);
        return e;
    }
    now = db_now(ctx->db);
    if ((e = store_iv_pick_find(ctx->db, hash, now, &iv, err)) == HL_OK && !iv)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "token", "the link is not valid (used or expired)");
    if (e == HL_OK)
        e = store_entity_get(ctx->db, &ent_interview, iv, &rec, err);
    if (e == HL_OK)
        e = store_iv_slots(ctx->db, iv, &slots, err);
    if (e == HL_OK)
        e = store_iv_context(ctx->db, iv, &cx, err);
    if (e == HL_OK) {
        size_t i;
        json_t *s;
        json_array_foreach(slots, i, s) if (!json_is_true(json_object_get(s, "taken")) &&
                                            instant_of(s, "start_at") > now)
            json_array_append(free_slots, s);
        char *zone = exec_zone(ctx, cx);
        *out = json_pack("{ss ss ss ss ss si sO}", "title", str(cx, "title"), "candidate",
                         str(cx, "candidate"), "lang", str(cx, "lang"), "time_zone", zone, "where",
                         where_of(rec), "duration_minutes", (int)num(rec, "duration_minutes"),
                         "slots", free_slots);
        free(zone);
    }
    json_decref(rec);
    json_decref(slots);
    json_decref(cx);
    json_decref(free_slots);
    return finish_tx(ctx, e, err);
}

enum hl_err svc_interview_pick(struct svc_ctx *ctx, const char *token, int64_t slot_id,
                               json_t **out, struct hl_error *err)
{
    char hash[2 * crypto_hash_sha256_BYTES + 1];
    *out = NULL;
    if (!token_hash(token, hash))
        return hl_fail(err, HL_ERR_NOT_FOUND, "token", "no such link");
    int64_t iv = 0;
    json_t *slots = NULL, *chosen = NULL, *booked = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    int64_t now = db_now(ctx->db);
    if ((e = store_iv_pick_find(ctx->db, hash, now, &iv, err)) == HL_OK && !iv)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "token", "the link is not valid (used or expired)");
    if (e == HL_OK)
        e = store_iv_slots(ctx->db, iv, &slots, err);
    size_t i;
    json_t *s;
    json_array_foreach(slots, i, s) if (num(s, "id") == slot_id) chosen = s;
    if (e == HL_OK && !chosen)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "slot", "that time is not offered by this link");
    if (e == HL_OK &&
        (json_is_true(json_object_get(chosen, "taken")) || instant_of(chosen, "start_at") <= now))
        e = hl_fail(err, HL_ERR_CONFLICT, "slot", "that time is no longer free; choose another");
    if (e == HL_OK) {
        json_t *b = json_pack("{sO}", "start_at", json_object_get(chosen, "start_at"));
        e = svc_workflow_act(ctx, &wf_interview, iv_action("book"), iv, IF_MATCH_NONE, b, &booked,
                             err);
        json_decref(b);
    }
    json_t *cx = NULL;
    if (e == HL_OK && (e = store_iv_context(ctx->db, iv, &cx, err)) == HL_OK) {
        char *zone = exec_zone(ctx, cx);
        *out = json_pack("{sO sO ss}", "start_at", json_object_get(booked, "start_at"), "end_at",
                         json_object_get(booked, "end_at"), "time_zone", zone);
        free(zone);
    }
    json_decref(cx);
    json_decref(slots);
    json_decref(booked);
    return finish_tx(ctx, e, err);
}

/* ---- the feed ---- */

enum hl_err interview_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                           struct feed_list *out, struct hl_error *err)
{
    return store_iv_feed(ctx->db, person_id, from, to, out, err);
}

/* ---- scorecards ---- */

/* The criteria of an interview: the requisition's must-have skills and languages, then the
 * interview's own, each once. */
static json_t *criteria_of(const json_t *cx)
{
    json_t *out = json_array();
    static const char *const keys[] = {"must_skills", "languages", "criteria"};
    for (size_t k = 0; k < 3; k++) {
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(cx, keys[k]), i, v)
        {
            if (!json_is_string(v) || !*json_string_value(v))
                continue;
            bool dup = false;
            size_t j;
            json_t *w;
            json_array_foreach(out, j, w) dup =
                dup || strcasecmp(json_string_value(w), json_string_value(v)) == 0;
            if (!dup)
                json_array_append(out, v);
        }
    }
    return out;
}

/* Per criterion over the cards: {criterion, count, mean, spread, agree}. */
static json_t *summary_of(const json_t *criteria, const json_t *cards)
{
    json_t *out = json_array();
    size_t i, j, k;
    json_t *c, *card, *r;
    json_array_foreach(criteria, i, c)
    {
        int n = 0, lo = 6, hi = 0, sum = 0;
        json_array_foreach(cards, j, card)
            json_array_foreach(json_object_get(card, "ratings"), k, r)
        {
            if (strcmp(str(r, "criterion"), json_string_value(c)) != 0)
                continue;
            int s = (int)num(r, "score");
            n++;
            sum += s;
            lo = s < lo ? s : lo;
            hi = s > hi ? s : hi;
        }
        if (n == 0)
            json_array_append_new(out, json_pack("{sO si sn sn sn}", "criterion", c, "count", 0,
                                                 "mean", "spread", "agree"));
        else
            json_array_append_new(out, json_pack("{sO si sf si sb}", "criterion", c, "count", n,
                                                 "mean", round(100.0 * sum / n) / 100.0, "spread",
                                                 hi - lo, "agree", hi - lo < SCORE_DISAGREE));
    }
    return out;
}

/* The scorecards of interview id as ctx may see them; in the caller's transaction. */
static enum hl_err cards_view(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    json_t *iv = NULL, *cx = NULL, *cards = NULL, *panel = NULL;
    enum hl_err e = svc_entity_get(ctx, &ent_interview, id, &iv, err);
    if (e == HL_OK)
        e = store_iv_context(ctx->db, id, &cx, err);
    if (e == HL_OK)
        e = store_sc_list(ctx->db, id, &cards, err);
    if (e == HL_OK)
        e = store_iv_panel(ctx->db, id, &panel, err);
    if (e != HL_OK)
        goto out;
    int64_t me = ctx->who ? ctx->who->person_id : 0;
    bool on_panel = false;
    size_t i;
    json_t *m, *c;
    json_array_foreach(panel, i, m) on_panel = on_panel || (me > 0 && num(m, "person_id") == me);
    json_t *mine = NULL;
    json_array_foreach(cards, i, c) if (me > 0 && num(c, "person_id") == me) mine = c;
    bool own_submitted = mine && strcmp(str(mine, "status"), "submitted") == 0;
    /* Blind until one's own card is in; a manager not on the panel sees the submitted ones. */
    bool reveal = own_submitted || (!on_panel && is_manager(ctx));
    json_t *others = json_array(), *shown = json_array(), *members = json_array();
    int waiting = 0;
    json_array_foreach(cards, i, c)
    {
        bool sub = strcmp(str(c, "status"), "submitted") == 0;
        if (c == mine) {
            if (sub)
                json_array_append(shown, c);
            continue;
        }
        if (sub && reveal) {
            json_array_append(others, c);
            json_array_append(shown, c);
        } else if (sub)
            waiting++;
    }
    json_array_foreach(panel, i, m)
    {
        const char *status = "none";
        size_t j;
        json_array_foreach(cards, j, c) if (num(c, "person_id") == num(m, "person_id")) status =
            str(c, "status");
        json_array_append_new(members, json_pack("{sO sO sO ss}", "person_id",
                                                 json_object_get(m, "person_id"), "name",
                                                 json_object_get(m, "name"), "role",
                                                 json_object_get(m, "role"), "scorecard", status));
    }
    json_t *criteria = criteria_of(cx);
    *out = json_pack("{sI so sO so sb si so so}", "interview_id", (json_int_t)id, "criteria",
                     criteria, "mine", mine ? mine : json_null(), "others", others, "revealed",
                     reveal, "submitted_hidden", waiting, "panel", members, "summary",
                     reveal ? summary_of(criteria, shown) : json_null());
    json_decref(shown);
out:
    json_decref(iv);
    json_decref(cx);
    json_decref(cards);
    json_decref(panel);
    return e;
}

enum hl_err svc_scorecards_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    return finish_tx(ctx, cards_view(ctx, id, out, err), err);
}

/* Saves person's card (in the caller's transaction). */
static enum hl_err card_save(struct svc_ctx *ctx, int64_t id, int64_t person, int64_t if_match,
                             const json_t *body, struct hl_error *err)
{
    static const char *const allowed[] = {"ratings", "note", "submit", NULL};
    json_t *iv = NULL, *cx = NULL, *cards = NULL, *criteria = NULL, *before = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    json_t *ratings = json_object_get(body, "ratings"), *note = json_object_get(body, "note");
    json_t *submit = json_object_get(body, "submit");
    if (e == HL_OK && (!json_is_array(ratings) || json_array_size(ratings) > 40))
        e = hl_fail(err, HL_ERR_INVALID, "ratings",
                    "ratings must list {criterion, score 1-5, note?} (at most 40)");
    if (e == HL_OK && note && (!json_is_string(note) || strlen(json_string_value(note)) > 5000))
        e = hl_fail(err, HL_ERR_INVALID, "note", "note must be text of at most 5000 characters");
    if (e == HL_OK && submit && !json_is_boolean(submit))
        e = hl_fail(err, HL_ERR_INVALID, "submit", "submit must be true or false");
    if (e != HL_OK)
        return e;
    if ((e = svc_entity_get(ctx, &ent_interview, id, &iv, err)) != HL_OK)
        goto out;
    bool on = false;
    if ((e = store_iv_is_panel(ctx->db, id, person, &on, err)) != HL_OK)
        goto out;
    if (!on) {
        e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only the interview's panel scores it");
        goto out;
    }
    const char *st = str(iv, "status");
    if (strcmp(st, "scheduled") != 0 && strcmp(st, "completed") != 0) {
        e = hl_fail(err, HL_ERR_TRANSITION, "status",
                    "the interview is %s: it is scored once it is booked", st);
        goto out;
    }
    if ((e = store_iv_context(ctx->db, id, &cx, err)) != HL_OK ||
        (e = store_sc_list(ctx->db, id, &cards, err)) != HL_OK)
        goto out;
    size_t i;
    json_t *c;
    json_array_foreach(cards, i, c) if (num(c, "person_id") == person) before = json_incref(c);
    (void)if_match; /* checked by the caller */
    if (before && strcmp(str(before, "status"), "submitted") == 0) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL, "your scorecard is submitted: it is final");
        goto out;
    }
    criteria = criteria_of(cx);
    json_array_foreach(ratings, i, c)
    {
        json_t *cr = json_object_get(c, "criterion"), *sc = json_object_get(c, "score");
        json_t *rn = json_object_get(c, "note");
        bool known = false;
        size_t k;
        json_t *w;
        json_array_foreach(criteria, k, w) known =
            known ||
            (json_is_string(cr) && strcmp(json_string_value(w), json_string_value(cr)) == 0);
        if (!known) {
            e = hl_fail(err, HL_ERR_INVALID, "ratings",
                        "ratings[%zu]: not a criterion of this "
                        "interview",
                        i);
            goto out;
        }
        if (!json_is_integer(sc) || json_integer_value(sc) < 1 || json_integer_value(sc) > 5) {
            e = hl_fail(err, HL_ERR_INVALID, "ratings", "ratings[%zu]: score must be 1 to 5", i);
            goto out;
        }
        if (rn && (!json_is_string(rn) || strlen(json_string_value(rn)) > 2000)) {
            e = hl_fail(err, HL_ERR_INVALID, "ratings",
                        "ratings[%zu]: note must be text of at most 2000 characters", i);
            goto out;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(str(json_array_get(ratings, j), "criterion"), json_string_value(cr)) == 0) {
                e = hl_fail(err, HL_ERR_INVALID, "ratings", "ratings[%zu]: %s is rated twice", i,
                            json_string_value(cr));
                goto out;
            }
    }
    if (json_is_true(submit)) {
        json_t *w;
        json_array_foreach(criteria, i, w)
        {
            bool rated = false;
            size_t k;
            json_array_foreach(ratings, k, c) rated =
                rated || strcmp(str(c, "criterion"), json_string_value(w)) == 0;
            if (!rated) {
                e = hl_fail(err, HL_ERR_INVALID, "ratings",
                            "rate every criterion before submitting: %s is missing",
                            json_string_value(w));
                goto out;
            }
        }
    }
    int64_t sid = 0;
    if ((e = store_sc_save(ctx->db, id, person, note ? json_string_value(note) : "",
                           json_is_true(submit), ratings, db_now(ctx->db), &sid, err)) != HL_OK)
        goto out;
    json_t *after = json_pack("{sI sI sO ss so}", "interview_id", (json_int_t)id, "person_id",
                              (json_int_t)person, "ratings", ratings, "status",
                              json_is_true(submit) ? "submitted" : "draft", "note",
                              note ? json_incref(note) : json_string(""));
    e = svc_audit(ctx, json_is_true(submit) ? "submit" : "save", "scorecard", sid, before, after,
                  err);
    json_decref(after);
out:
    json_decref(iv);
    json_decref(cx);
    json_decref(cards);
    json_decref(criteria);
    json_decref(before);
    return e;
}

enum hl_err svc_scorecard_save(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                               const json_t *body, json_t **out, struct hl_error *err)
{
    int64_t me = ctx->who ? ctx->who->person_id : 0;
    json_t *iv = NULL, *cards = NULL;
    *out = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    /* Who may see it, then the version, then who may score: a stale request is a 412. */
    if ((e = svc_entity_get(ctx, &ent_interview, id, &iv, err)) == HL_OK &&
        if_match != IF_MATCH_NONE && (e = store_sc_list(ctx->db, id, &cards, err)) == HL_OK) {
        json_t *mine = NULL, *c;
        size_t i;
        json_array_foreach(cards, i, c) if (me > 0 && num(c, "person_id") == me) mine = c;
        if (!mine || num(mine, "version") != if_match)
            e = hl_fail(err, HL_ERR_STALE, NULL,
                        "your scorecard has changed since you read it (version %lld, not %lld)",
                        mine ? (long long)num(mine, "version") : 0LL, (long long)if_match);
    }
    json_decref(iv);
    json_decref(cards);
    if (e == HL_OK && me <= 0)
        e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only the interview's panel scores it");
    if (e == HL_OK && (e = card_save(ctx, id, me, IF_MATCH_NONE, body, err)) == HL_OK)
        e = cards_view(ctx, id, out, err);
    e = finish_tx(ctx, e, err);
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}

/* ---- demo ---- */

enum hl_err interview_demo(struct svc_ctx *ctx, int64_t app, int64_t manager, struct hl_error *err)
{
    enum hl_err e = HL_OK;
    if (!app && (e = store_iv_demo_application(ctx->db, &app, err)) != HL_OK)
        return e;
    if (!app || !manager)
        return HL_OK;
    json_t *a = NULL, *r = NULL, *iv = NULL;
    if ((e = store_entity_get(ctx->db, &ent_application, app, &a, err)) != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_requisition, num(a, "requisition_id"), &r, err)) !=
            HL_OK)
        goto out;
    /* Two days ahead at 10:00 UTC (12:00 in Tallinn in winter), 45 minutes. */
    int64_t start = (db_now(ctx->db) / 86400 + 2) * 86400 + 10 * 3600;
    json_t *body =
        json_pack("{s[I] sI si ss so s[s]}", "panel", (json_int_t)num(r, "principal_id"),
                  "manager_id", (json_int_t)manager, "duration_minutes", 45, "location",
                  "Meeting room 2", "start_at", instant_json(start), "criteria", "Discretion");
    e = svc_interview_create(ctx, app, IF_MATCH_NONE, body, "", &iv, err);
    json_decref(body);
    if (e != HL_OK)
        goto out;
    /* The manager has scored already; the executive has not. */
    json_t *criteria = NULL, *cx = NULL;
    if ((e = store_iv_context(ctx->db, num(iv, "id"), &cx, err)) != HL_OK)
        goto out;
    criteria = criteria_of(cx);
    json_t *ratings = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(criteria, i, c) json_array_append_new(
        ratings, json_pack("{sO si ss}", "criterion", c, "score", 3 + (int)(i % 3), "note",
                           i == 0 ? "Clear examples from her last role" : ""));
    json_t *card = json_pack("{so ss sb}", "ratings", ratings, "note",
                             "Calm, well organised; ask the executive about travel.", "submit", 1);
    e = card_save(ctx, num(iv, "id"), manager, IF_MATCH_NONE, card, err);
    json_decref(card);
    json_decref(criteria);
    json_decref(cx);
out:
    json_decref(a);
    json_decref(r);
    json_decref(iv);
    return e;
}

enum hl_err svc_interview_query(struct svc_ctx *ctx, int64_t person, int64_t application,
                                int64_t from, int64_t to, json_t **out, struct hl_error *err)
{
    if (!is_manager(ctx))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "this needs the manager role");
    json_t *ids = NULL, *list = json_array();
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK) {
        json_decref(list);
        return e;
    }
    e = store_iv_query(ctx->db, person, application, from, to, &ids, err);
    if (e == HL_OK)
        e = iv_views(ctx, ids, list, err);
    json_decref(ids);
    if (e == HL_OK)
        *out = json_pack("{sO}", "items", list);
    json_decref(list);
    return finish_tx(ctx, e, err);
}
