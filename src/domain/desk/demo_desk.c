/* demo_desk.c: the desk domain's demo data — for the demo's assistants and the executives they
 * support: tasks (a weekly board pack among them), phone messages (some urgent, so their mails
 * wait in the outbox), correspondence with replies due (one overdue), and the source case:
 * Kadri Tamm's tasks due in the week of her requested vacation, which are proposed to her
 * executives' covers once the absence is approved and planned. */
#include "desk.h"

#include "store_desk.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

static enum hl_err add(struct svc_ctx *ctx, const struct entity *ent, json_t *body,
                       const char *status, struct hl_error *err)
{
    json_t *sys = status ? json_pack("{ss}", "status", status) : NULL;
    enum hl_err e = body ? svc_entity_create_as(ctx, ent, body, sys, NULL, err)
                         : hl_fail(err, HL_ERR_INTERNAL, NULL, "demo %s not built", ent->name);
    json_decref(body);
    json_decref(sys);
    return e;
}

/* The UTC instant of local day/minute in zone, as RFC 3339 text. */
static const char *at(const char *zone, int64_t day, int minute, char out[21])
{
    int64_t t = day * 86400 + minute * 60;
    tz_local_to_utc(zone, day, minute, &t);
    instant_format(t, out);
    return out;
}

static const char *const task_titles[] = {
    "Book travel for the Riga visit",  "Prepare the quarterly review slides",
    "Order flowers for the reception", "Collect signatures on the supplier contract",
    "Arrange the team lunch",          "Update the contact list",
    "Renew the parking permit",        "Draft the minutes of Tuesday's meeting",
};
static const char *const callers[][4] = {
    {"Mart Kask", "Nordea", "+372 5123 4567",
     "Asked about the loan covenants; needs an answer "
     "before Friday."},
    {"Helen Smith", "Deloitte", "+44 20 7946 0011",
     "The audit planning meeting moves to next "
     "week."},
    {"Priit Saar", "Tallinna Vesi", "+372 5234 5678", "Wants to confirm the site visit."},
    {"Jane Doe", "Acme Ltd", "+44 161 496 0123", "Returned your call about the tender."},
    {"Tiit Mets", "Elering", "+372 5345 6789", "Board member; please call back today."},
};
static const char *const actions[] = {"call_back", "will_call_again", "call_back", "returned_call",
                                      "call_back"};

enum hl_err desk_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    if (demo->large)
        return HL_OK; /* the benchmark organisation stays light */
    json_t *pairs = NULL, *kadri = NULL;
    struct desk_param none[] = {{0, NULL}};
    enum hl_err e = store_desk_rows(
        ctx->db,
        "SELECT s.assistant_id, s.principal_id, p.time_zone, q.name AS principal_name FROM "
        "assignment s JOIN person p ON p.id = s.assistant_id JOIN person q ON q.id = "
        "s.principal_id WHERE s.kind = 'primary' ORDER BY s.assistant_id, s.principal_id",
        none, 0, &pairs, err);
    if (e == HL_OK)
        e = store_desk_rows(ctx->db,
                            "SELECT b.id, b.person_id, b.start_at, b.end_at, p.time_zone FROM "
                            "absence b JOIN person p ON p.id = b.person_id WHERE p.email = "
                            "'kadri.tamm@demo.haldus.example' AND b.kind = 'vacation' ORDER BY "
                            "b.start_at DESC LIMIT 1",
                            none, 0, &kadri, err);
    int64_t today = demo->today;
    int64_t monday = today - (weekday_from_days(today) - 1);
    char t1[21];
    size_t i;
    json_t *p;
    json_array_foreach(pairs, i, p)
    {
        if (e != HL_OK)
            break;
        json_int_t a = json_integer_value(json_object_get(p, "assistant_id"));
        json_int_t x = json_integer_value(json_object_get(p, "principal_id"));
        const char *zone = json_string_value(json_object_get(p, "time_zone"));
        /* Every executive's board pack, every Monday at 09:00 the assistant's time. */
        e = add(ctx, &ent_task,
                json_pack("{sI sI ss ss si ss ss ss}", "assistant_id", a, "principal_id", x,
                          "title", "Prepare the board pack", "notes",
                          "Agenda, last minutes and the finance report, printed and sent out.",
                          "estimate_minutes", 90, "due_at", at(zone, monday, 9 * 60, t1),
                          "priority", "high", "rrule", "FREQ=WEEKLY;BYDAY=MO"),
                NULL, err);
        /* A few one-off tasks this week and next, one already done. */
        for (int k = 0; e == HL_OK && k < 3; k++) {
            int64_t day = monday + (int64_t)((i * 3 + (size_t)k * 2) % 9);
            if (weekday_from_days(day) > 5)
                day += 8 - weekday_from_days(day);
            e = add(ctx, &ent_task,
                    json_pack("{sI sI ss si ss ss}", "assistant_id", a, "principal_id", x, "title",
                              task_titles[(i + (size_t)k) % 8], "estimate_minutes",
                              30 + 30 * (int)((i + (size_t)k) % 4), "due_at",
                              at(zone, day, (10 + k * 2) * 60, t1), "priority",
                              k == 0 ? "high" : "normal"),
                    day < today && k == 2 ? "done" : NULL, err);
        }
        /* Messages: the newest urgent for every third executive. */
        for (int k = 0; e == HL_OK && k < 2; k++) {
            size_t c = (i + (size_t)k) % 5;
            /* Taken in the last hours (and a day earlier), never after the clock's now. */
            int64_t t = db_now(ctx->db) - k * 86400 - (int64_t)(i + 1) * 1500;
            instant_format(t, t1);
            e = add(ctx, &ent_phone_message,
                    json_pack("{sI sI ss ss ss ss ss ss ss}", "principal_id", x, "taken_by_id", a,
                              "caller", callers[c][0], "organisation", callers[c][1], "phone",
                              callers[c][2], "message", callers[c][3], "urgency",
                              k == 0 && i % 3 == 0 ? "urgent" : "normal", "action", actions[c],
                              "taken_at", t1),
                    k == 1 && i % 2 ? "done" : NULL, err);
        }
        /* Correspondence: an incoming letter with a reply due (overdue for every fourth), an
         * outgoing document for signature. */
        char d1[11], d2[11], ref[32];
        date_format(today - 6, d1);
        date_format(i % 4 == 0 ? today - 1 : today + 3 + (int64_t)(i % 5), d2);
        snprintf(ref, sizeof ref, "IN-2026/%03d", (int)(i + 101));
        if (e == HL_OK)
            e = add(ctx, &ent_correspondence,
                    json_pack("{sI ss ss ss ss ss ss ss sI ss}", "principal_id", x, "direction",
                              "incoming", "kind", i % 2 ? "letter" : "email", "counterpart",
                              callers[i % 5][1], "subject",
                              "Request for comments on the draft "
                              "agreement",
                              "reference", ref, "date", d1, "reply_due", d2, "handler_id", a,
                              "note", "Reply drafted; waiting for figures."),
                    NULL, err);
        date_format(today - 2, d1);
        snprintf(ref, sizeof ref, "OUT-2026/%03d", (int)(i + 51));
        if (e == HL_OK)
            e = add(ctx, &ent_correspondence,
                    json_pack("{sI ss ss ss ss ss ss sI}", "principal_id", x, "direction",
                              "outgoing", "kind", "signature", "counterpart", "Notary office",
                              "subject", "Power of attorney", "reference", ref, "date", d1,
                              "handler_id", a),
                    i % 2 ? "answered" : NULL, err);
    }
    /* The source case: Kadri Tamm's tasks in her vacation week, one per day for her
     * executives. */
    json_t *k = json_array_get(kadri, 0);
    if (e == HL_OK && k) {
        json_int_t who = json_integer_value(json_object_get(k, "person_id"));
        const char *zone = json_string_value(json_object_get(k, "time_zone"));
        int64_t start = json_integer_value(json_object_get(k, "start_at")), sday;
        int minute;
        if (!tz_utc_to_local(zone, start, &sday, &minute))
            sday = start / 86400;
        static const char *const titles[] = {
            "Send the agenda for the management meeting", "Book the venue for the strategy day",
            "Prepare the expense reports", "Confirm the dinner with the Helsinki partners",
            "Collect the signed NDAs"};
        size_t n = 0;
        json_array_foreach(pairs, i, p)
        {
            if (json_integer_value(json_object_get(p, "assistant_id")) != who)
                continue;
            for (int d = 0; e == HL_OK && d < 5; d++)
                if ((size_t)d % 2 == n % 2)
                    e = add(ctx, &ent_task,
                            json_pack("{sI sO ss si ss ss}", "assistant_id", who, "principal_id",
                                      json_object_get(p, "principal_id"), "title", titles[d],
                                      "estimate_minutes", 60, "due_at",
                                      at(zone, sday + d, 14 * 60, t1), "priority", "high"),
                            NULL, err);
            n++;
        }
    }
    json_decref(pairs);
    json_decref(kadri);
    return e;
}
