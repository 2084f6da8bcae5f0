/* demo_mediation.c: demo cases for `haldus demo`: one raised by an assistant and in review,
 * with a session booked through find-a-time, one the manager mediates (a session, an agreed
 * action due soon, monitoring), one closed as resolved —
 * each between an assistant and the executive she supports. */
#include "demo_mediation.h"

#include "mediation.h"
#include "store_entity.h"
#include "store_mediation.h"
#include "svc_mediation.h"
#include "svc_record.h"
#include "timeutil.h"

#include <stdio.h>
#include <string.h>

static const struct wf_action *action(const char *name)
{
    for (size_t i = 0; i < wf_case.nactions; i++)
        if (strcmp(wf_case.actions[i].name, name) == 0)
            return &wf_case.actions[i];
    return NULL;
}

/* Takes case id through the named actions (the bodies may be NULL). */
static enum hl_err move(struct svc_ctx *ctx, int64_t id, const char *name, json_t *body,
                        struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e =
        svc_workflow_act(ctx, &wf_case, action(name), id, IF_MATCH_NONE, body, &out, err);
    json_decref(out);
    json_decref(body);
    return e;
}

static enum hl_err entry(struct svc_ctx *ctx, int64_t id, const char *kind, const char *vis,
                         const char *text, struct hl_error *err)
{
    json_t *body = json_pack("{ss ss ss}", "kind", kind, "visibility", vis, "body", text),
           *out = NULL;
    enum hl_err e = svc_case_entry_add(ctx, id, body, &out, err);
    json_decref(body);
    json_decref(out);
    return e;
}

static int64_t id_of(json_t *rec)
{
    int64_t id = json_integer_value(json_object_get(rec, "id"));
    json_decref(rec);
    return id;
}

/* Books the first free hour the parties share in the next two weeks, found by find-a-time as
 * the manager's page does (none found: no session). */
static enum hl_err book_found(struct svc_ctx *ctx, int64_t id, int64_t today, struct hl_error *err)
{
    char from[21], to[21];
    instant_format((today + 1) * 86400, from);
    instant_format((today + 15) * 86400, to);
    json_t *q = json_pack("{ss ss si si}", "from", from, "to", to, "duration_minutes", 60, "count",
                          1),
           *found = NULL, *sess = NULL;
    enum hl_err e = svc_case_session_find(ctx, id, q, &found, err);
    json_decref(q);
    json_t *slot = json_array_get(json_object_get(found, "slots"), 0);
    if (e == HL_OK && slot) {
        json_t *rec = NULL, *att = json_array();
        if ((e = store_case_parties(ctx->db, id, &rec, err)) == HL_OK) {
            size_t i;
            json_t *p;
            json_array_foreach(rec, i, p) json_array_append(att, json_object_get(p, "person_id"));
            json_t *body = json_pack("{sO sO sO ss}", "start_at", json_object_get(slot, "start"),
                                     "end_at", json_object_get(slot, "end"), "attendees", att,
                                     "location", "Small meeting room");
            e = svc_case_session_add(ctx, id, body, &sess, err);
            json_decref(body);
        }
        json_decref(rec);
        json_decref(att);
    }
    json_decref(found);
    json_decref(sess);
    return e;
}

enum hl_err demo_mediation(struct svc_ctx *ctx, const struct demo_context *demo,
                           struct hl_error *err)
{
    int64_t pairs[3][2];
    size_t n = 0;
    enum hl_err e = store_mediation_demo_pairs(ctx->db, pairs, demo->large ? 1 : 3, &n, err);
    if (e != HL_OK || n == 0)
        return e;
    json_t *rec = NULL, *body;

    /* 1. Raised by an assistant about her executive; the manager has it in review. */
    struct account raiser = {.id = 0, .role = ROLE_ASSISTANT, .person_id = pairs[0][0]};
    struct svc_ctx as = {ctx->db, "demo", &raiser};
    body = json_pack("{sI ss ss ss}", "about", (json_int_t)pairs[0][1], "category",
                     "conflicting_instructions", "severity", "medium", "statement",
                     "I am often given two opposite instructions for the same meeting, one by "
                     "e-mail and one in person, and then blamed for following the wrong one.");
    e = svc_case_create(&as, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    int64_t c1 = id_of(rec);
    if ((e = move(ctx, c1, "review", NULL, err)) != HL_OK ||
        (e = entry(ctx, c1, "note", "manager",
                   "Spoke to her briefly; she wants a joint meeting rather than a complaint.",
                   err)) != HL_OK ||
        (e = book_found(ctx, c1, demo->today, err)) != HL_OK)
        return e;
    if (n < 2)
        return HL_OK;

    /* 2. Opened by the manager; mediated with a session and agreed actions; in monitoring. */
    body = json_pack("{ss ss ss s[II]}", "category", "workload", "severity", "high", "summary",
                     "Workload and weekend e-mails: expectations differ.", "parties",
                     (json_int_t)pairs[1][0], (json_int_t)pairs[1][1]);
    e = svc_case_create(ctx, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    int64_t c2 = id_of(rec);
    char start[21], end[21], due[11], review[11];
    int64_t t = (demo->today - 6) * 86400 + 11 * 3600;
    instant_format(t, start);
    instant_format(t + 3600, end);
    /* Due soon: its owner is reminded tomorrow — their tomorrow, in their zone (from 22:00 UTC
     * Tallinn's today is UTC's tomorrow, and the reminder would go out at once). */
    char owner_today[11];
    int64_t now = db_now(ctx->db), owner_day;
    store_person_today(ctx->db, pairs[1][1], now, owner_today);
    if (!date_parse(owner_today, &owner_day))
        owner_day = now / 86400;
    date_format(demo->today + 2 + (owner_day - now / 86400), due);
    date_format(demo->today + 30, review);
    json_t *sess = NULL, *act = NULL;
    body = json_pack("{ss ss s[II] ss}", "start_at", start, "end_at", end, "attendees",
                     (json_int_t)pairs[1][0], (json_int_t)pairs[1][1], "location",
                     "Small meeting room");
    if ((e = move(ctx, c2, "review", NULL, err)) != HL_OK ||
        (e = move(ctx, c2, "mediate", NULL, err)) != HL_OK ||
        (e = svc_case_session_add(ctx, c2, body, &sess, err)) != HL_OK) {
        json_decref(body);
        return e;
    }
    json_decref(body);
    json_decref(sess);
    body = json_pack("{ss sI ss}", "description",
                     "No e-mails expected between Friday 18:00 and Monday 08:00 unless urgent",
                     "owner_id", (json_int_t)pairs[1][1], "due_date", due);
    e = svc_case_action_add(ctx, c2, body, &act, err);
    json_decref(body);
    json_decref(act);
    if (e != HL_OK ||
        (e = entry(ctx, c2, "meeting_note", "parties",
                   "Both agreed that urgent weekend requests go by phone, not e-mail.", err)) !=
            HL_OK ||
        (e = move(ctx, c2, "agree", NULL, err)) != HL_OK ||
        (e = move(ctx, c2, "monitor", json_pack("{ss}", "review_date", review), err)) != HL_OK)
        return e;
    if (n < 3)
        return HL_OK;

    /* 3. A communication case closed as resolved. */
    body = json_pack("{ss ss ss s[II]}", "category", "communication", "severity", "low", "summary",
                     "Calendar changes were not shared in time.", "parties",
                     (json_int_t)pairs[2][0], (json_int_t)pairs[2][1]);
    e = svc_case_create(ctx, body, &rec, err);
    json_decref(body);
    if (e != HL_OK)
        return e;
    int64_t c3 = id_of(rec);
    return move(ctx, c3, "close",
                json_pack("{ss ss}", "outcome", "resolved", "note",
                          "A shared calendar is now used for every change."),
                err);
}
