/* demo_meeting.c: the meetings domain's demo data — a room catalog, meetings next week booked
 * for demo executives by the assistants who support them (invitations queued), and one outside
 * calendar with a weekly board meeting, and meetings still to arrange that the assistants
 * recorded for their executives. The large benchmark organisation gets the rooms only. */
#include "meeting.h"

#include "mem.h"
#include "store_meeting.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *location;
    int capacity;
} rooms[] = {
    {"Board room", "Tallinn, 5th floor", 14},
    {"Meri", "Tallinn, 3rd floor", 6},
    {"Thames", "London, 2nd floor", 8},
    {"Quiet room", "Tallinn, 3rd floor", 2},
};

static const char *const titles[] = {
    "Budget review",
    "Supervisory board preparation",
    "Weekly management meeting",
    "Partner call",
    "Quarterly results",
    "Recruitment interview panel",
    "Project steering",
    "One-to-one",
};

static const struct {
    const char *with_whom, *subject;
    int minutes;
} to_arrange[] = {
    {"The auditors (Grant & Partners)", "Annual audit: planning meeting", 60},
    {"Ministry of Finance, budget department", "Next year's grant application", 45},
    {"Mayor's office", "Harbour development plan", 30},
    {"Head of HR and the works council", "New remote-work policy", 60},
    {"Bank relationship manager", "Credit line renewal", 30},
    {"Board chair", "Agenda of the autumn board", 90},
};

/* Two meetings to arrange for the executive, recorded by their assistant (login). */
static enum hl_err demo_to_arrange(struct svc_ctx *ctx, int64_t principal, const char *login,
                                   size_t i, int64_t today, struct hl_error *err)
{
    struct svc_ctx as = {ctx->db, login, NULL};
    enum hl_err e = HL_OK;
    for (size_t k = 0; k < 2 && e == HL_OK; k++) {
        size_t j = (i * 2 + k) % (sizeof to_arrange / sizeof to_arrange[0]);
        char by[11];
        date_format(today + 4 + (int64_t)((i * 5 + k * 7) % 18), by);
        json_t *b =
            json_pack("{sI ss ss si ss}", "principal_id", (json_int_t)principal, "with_whom",
                      to_arrange[j].with_whom, "subject", to_arrange[j].subject, "duration_minutes",
                      to_arrange[j].minutes, "by_date", by);
        if (k == 1)
            json_object_set_new(b, "notes", json_string("Mornings suit them best."));
        json_t *out = NULL;
        e = svc_meeting_request_add(&as, b, &out, err);
        json_decref(out);
        json_decref(b);
    }
    return e;
}

enum hl_err meeting_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    struct svc_ctx sys = {ctx->db, "demo", NULL};
    int64_t room_ids[4] = {0};
    struct meeting_demo_pair *pairs = NULL;
    size_t npairs = 0;
    enum hl_err e = HL_OK;
    for (size_t i = 0; i < 4 && e == HL_OK; i++) {
        json_t *out = NULL;
        json_t *b = json_pack("{ss ss si}", "name", rooms[i].name, "location", rooms[i].location,
                              "capacity", rooms[i].capacity);
        e = svc_entity_create(&sys, &ent_room, b, &out, err);
        room_ids[i] = json_integer_value(json_object_get(out, "id"));
        json_decref(out);
        json_decref(b);
    }
    if (e != HL_OK || demo->large)
        return e;
    if ((e = store_meeting_demo_pairs(ctx->db, 6, &pairs, &npairs, err)) != HL_OK)
        return e;
    int64_t monday = demo->today + 7 - (demo->today + 3) % 7; /* next Monday */
    for (size_t i = 0; i < npairs && e == HL_OK; i++) {
        struct meeting_person p;
        if ((e = store_meeting_person(ctx->db, pairs[i].principal, &p, err)) != HL_OK)
            break;
        for (int k = 0; k < 3 && e == HL_OK; k++) {
            int64_t start;
            int64_t day = monday + (int64_t)((i + (size_t)k * 2) % 5);
            tz_local_to_utc(p.zone, day, (9 + (int)((i * 3 + (size_t)k * 2) % 7)) * 60, &start);
            char at[21];
            instant_format(start, at);
            json_t *b = json_pack("{sI ss ss si s[]}", "principal_id", (json_int_t)p.id, "title",
                                  titles[(i * 3 + (size_t)k) % 8], "start_at", at,
                                  "duration_minutes", k == 1 ? 30 : 60, "attendees");
            if (k == 0 && i + 1 < npairs)
                json_array_append_new(
                    json_object_get(b, "attendees"),
                    json_pack("{sI}", "person_id", (json_int_t)pairs[i + 1].principal));
            if (k == 1)
                json_object_set_new(b, "video_url",
                                    json_string("https://meet.demo.haldus.example/board"));
            else
                json_object_set_new(b, "room_id", json_integer(room_ids[(i + (size_t)k) % 3]));
            if (k == 2)
                json_array_append_new(
                    json_object_get(b, "attendees"),
                    json_pack("{ss sb}", "email", "partner@example.com", "required", false));
            /* Booked by the assistant, on the executive's behalf. */
            struct svc_ctx as = {ctx->db, pairs[i].login, NULL};
            json_t *out = NULL;
            e = svc_meeting_book(&as, b, &out, err);
            if (e == HL_ERR_CONFLICT)
                e = HL_OK; /* the room was taken: the demo simply has one meeting fewer */
            json_decref(out);
            json_decref(b);
        }
        /* The first executive's supervisory board, kept in an outside calendar. */
        if (i == 0 && e == HL_OK) {
            int y, m, d;
            civil_from_days(monday - 7 + 1, &y, &m, &d);
            char *ics = hl_asprintf(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Demo board//EN\r\n"
                "BEGIN:VEVENT\r\nUID:board-weekly@demo.example\r\nDTSTAMP:20260101T000000Z\r\n"
                "DTSTART;TZID=%s:%04d%02d%02dT140000\r\nDTEND;TZID=%s:%04d%02d%02dT160000\r\n"
                "RRULE:FREQ=WEEKLY;COUNT=20\r\nSUMMARY:Supervisory board\r\nEND:VEVENT\r\n"
                "END:VCALENDAR\r\n",
                p.zone, y, m, d, p.zone, y, m, d);
            json_t *b = json_pack("{sI ss ss}", "person_id", (json_int_t)p.id, "name",
                                  "Supervisory board", "ics", ics);
            json_t *out = NULL;
            e = svc_outside_calendar_add(&sys, b, &out, err);
            json_decref(out);
            json_decref(b);
            free(ics);
        }
        if (e == HL_OK)
            e = demo_to_arrange(ctx, p.id, pairs[i].login, i, demo->today, err);
        meeting_person_cleanup(&p);
    }
    for (size_t i = 0; i < npairs; i++)
        free(pairs[i].login);
    free(pairs);
    return e;
}
