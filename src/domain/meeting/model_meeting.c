/* model_meeting.c: the meetings domain's records (rooms, meetings, attendees, outside
 * calendars), its own routes (find-a-time, booking, feeds) and the domain itself. */
#include "meeting.h"
#include "people.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const struct field room_fields[] = {
    {"name", FT_TEXT, F_REQUIRED, 1, 100, NULL, NULL, NULL, "the room's name (unique)"},
    {"capacity", FT_INT, F_REQUIRED, 1, 1000, NULL, NULL, NULL, "how many people it seats"},
    {"location", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "where it is (floor, building)"},
    {"active", FT_BOOL, F_FILTER, 0, 1, NULL, NULL, NULL, "false for a room no longer booked"},
};

const struct entity ent_room = {
    .name = "room",
    .path = "rooms",
    .title = "Room",
    .table = "room",
    .fields = room_fields,
    .nfields = NFIELDS(room_fields),
    .ops = OP_ALL,
    .has_name_prefix = true,
    .vis = {VIS_CATALOG, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
};

static const char *const meeting_statuses[] = {"scheduled", "cancelled", NULL};

static const struct field meeting_fields[] = {
    {"principal_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the executive the meeting is booked for (the organizer)"},
    {"booked_by", FT_TEXT, F_READONLY, 0, 256, NULL, NULL, NULL,
     "the login that booked it (the executive or an assistant on their behalf)"},
    {"title", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "what the meeting is about"},
    {"start_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when it starts (UTC)"},
    {"end_at", FT_INSTANT, F_REQUIRED, 0, 0, NULL, NULL, NULL, "when it ends (UTC)"},
    {"place", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "where, when not (only) a room"},
    {"video_url", FT_TEXT, 0, 0, 500, NULL, NULL, NULL, "the video call's link"},
    {"room_id", FT_REF, F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_room, "the room booked"},
    {"uid", FT_TEXT, F_READONLY, 0, 200, NULL, NULL, NULL,
     "the iCalendar UID of its invitations (stable)"},
    {"sequence", FT_INT, F_READONLY, 0, 1e9, NULL, NULL, NULL,
     "the iCalendar SEQUENCE: one more for each update or the cancellation"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, meeting_statuses, NULL,
     "scheduled or cancelled"},
};

const struct entity ent_meeting = {
    .name = "meeting",
    .path = "meetings",
    .title = "Meeting",
    .table = "meeting",
    .fields = meeting_fields,
    .nfields = NFIELDS(meeting_fields),
    .ops = OP_LIST | OP_GET,
    .window_start = "start_at",
    .window_end = "end_at",
    .vis = {VIS_RELATED, {"principal_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field attendee_fields[] = {
    {"meeting_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_meeting, "the meeting"},
    {"principal_id", FT_REF, F_READONLY, 0, 0, NULL, NULL, &ent_person,
     "the meeting's executive (repeated for visibility)"},
    {"person_id", FT_REF, F_READONLY | F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the attendee when they are a person in Haldus"},
    {"email", FT_EMAIL, F_READONLY | F_NULLABLE, 3, 254, NULL, NULL, NULL,
     "the attendee's outside address"},
    {"required", FT_BOOL, F_READONLY, 0, 1, NULL, NULL, NULL,
     "false for an optional attendee (does not block find-a-time)"},
};

const struct entity ent_meeting_attendee = {
    .name = "meeting attendee",
    .path = "meeting-attendees",
    .title = "MeetingAttendee",
    .table = "meeting_attendee",
    .fields = attendee_fields,
    .nfields = NFIELDS(attendee_fields),
    .ops = OP_LIST | OP_GET,
    .vis = {VIS_RELATED, {"principal_id", "person_id"}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field outside_fields[] = {
    {"person_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "whose calendar it is"},
    {"name", FT_TEXT, F_REQUIRED, 1, 100, NULL, NULL, NULL, "a name for it (\"Board calendar\")"},
    {"url", FT_TEXT, F_READONLY | F_NULLABLE, 8, 2000, NULL, NULL, NULL,
     "the feed it was read from; null for an uploaded file"},
    {"busy_count", FT_INT, F_READONLY, 0, 1e9, NULL, NULL, NULL,
     "busy times read from it (recurrences expanded)"},
    {"read_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it was last read successfully"},
    {"last_error", FT_TEXT, F_READONLY | F_NULLABLE, 0, 1000, NULL, NULL, NULL,
     "why the last reading failed (null after a success)"},
    {"error_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the last reading failed"},
    {"unreadable_events", FT_INT, F_READONLY, 0, 1e9, NULL, NULL, NULL,
     "events the last successful reading skipped because their DTSTART or DTEND could not be "
     "read (they block no time)"},
};

const struct entity ent_outside_calendar = {
    .name = "outside calendar",
    .path = "outside-calendars",
    .title = "OutsideCalendar",
    .table = "outside_calendar",
    .fields = outside_fields,
    .nfields = NFIELDS(outside_fields),
    .ops = OP_LIST | OP_GET | OP_DELETE,
    /* The executive's assistants register and read their outside calendars too. */
    .vis = {VIS_RELATED, {"person_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
    .owner = "person_id",
};

static const char *const request_statuses[] = {"open", "booked", "dropped", NULL};

static const struct field request_fields[] = {
    {"principal_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the executive the meeting is for"},
    {"with_whom", FT_TEXT, F_REQUIRED, 1, 300, NULL, NULL, NULL,
     "with whom (names, organisations)"},
    {"subject", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "what it is about"},
    {"duration_minutes", FT_INT, 0, 5, 480, NULL, NULL, NULL, "how long, in minutes (default 60)"},
    {"by_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL, "the day it should happen by"},
    {"notes", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL, "anything else the assistant should know"},
    {"requested_by", FT_TEXT, F_READONLY, 0, 256, NULL, NULL, NULL, "the login that recorded it"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, request_statuses, NULL,
     "open until a meeting is booked for it (booked) or it is dropped"},
    {"meeting_id", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_meeting,
     "the meeting booked for it"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it was booked or dropped"},
};

const struct entity ent_meeting_request = {
    .name = "meeting to arrange",
    .path = "meetings-to-arrange",
    .title = "MeetingToArrange",
    .table = "meeting_request",
    .fields = request_fields,
    .nfields = NFIELDS(request_fields),
    .ops = OP_LIST | OP_GET,
    .vis = {VIS_RELATED, {"principal_id", NULL}, LINK_ALL, NULL, NULL, NULL, NULL},
};

static const struct field q_feed[] = {
    {"token", FT_TEXT, F_REQUIRED, 1, 200, NULL, NULL, NULL, "the feed's secret"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route meeting_routes[] = {
    {"POST", "/api/v1/meetings/find-time", api_meeting_find_time, NULL, 0, NEED_ANY, 0,
     "Find a time: the best slots in a window where every required attendee is free (working "
     "hours in their own zones, leave, holidays, meetings, outside calendars, a buffer and "
     "preferences), each saying who is tight and which optional attendees are away, and "
     "everyone's free time",
     NULL, "find-time", NULL, NULL},
    {"POST", "/api/v1/meetings", api_meeting_book, NULL, 0, NEED_ANY, ROUTE_CREATES,
     "Book a meeting on behalf of an executive (they, an assistant who supports or covers them, "
     "or a manager) and queue its invitations (iTIP METHOD:REQUEST)",
     NULL, "meeting with attendees", NULL, NULL},
    {"POST", "/api/v1/meetings/{id}/reschedule", api_meeting_reschedule, NULL, 0, NEED_ANY, 0,
     "Move a meeting: a new time (and room); the update goes out with SEQUENCE one more", NULL,
     "meeting with attendees", NULL, NULL},
    {"POST", "/api/v1/meetings/{id}/cancel", api_meeting_cancel, NULL, 0, NEED_ANY, 0,
     "Cancel a meeting; the cancellation goes out as iTIP METHOD:CANCEL", NULL,
     "meeting with attendees", NULL, NULL},
    {"POST", "/api/v1/outside-calendars", api_outside_calendar_add, NULL, 0, NEED_ANY,
     ROUTE_CREATES,
     "Register an outside calendar (an .ics text, or a feed URL read now and every hour) whose "
     "busy times find-a-time respects",
     NULL, "outside calendar", NULL, NULL},
    {"POST", "/api/v1/outside-calendars/{id}/refresh", api_outside_calendar_refresh, NULL, 0,
     NEED_ANY, 0,
     "Read an outside calendar from its URL now; a failure keeps the busy times read before and "
     "shows in last_error",
     NULL, "outside calendar", NULL, NULL},
    {"POST", "/api/v1/meetings-to-arrange", api_meeting_request_add, NULL, 0, NEED_ANY,
     ROUTE_CREATES,
     "Record a meeting to arrange for an executive (they, an assistant who supports or covers "
     "them, or a manager): with whom, about what, how long, by when",
     NULL, "meeting to arrange", NULL, NULL},
    {"POST", "/api/v1/meetings-to-arrange/{id}/drop", api_meeting_request_drop, NULL, 0, NEED_ANY,
     0, "Drop a meeting to arrange that is no longer wanted (If-Match optional)", NULL,
     "meeting to arrange", NULL, NULL},
    {"GET", "/api/v1/feeds", api_feeds_list, NULL, 0, NEED_ANY, 0,
     "The calendar feeds of the signed-in person (never their secrets)", NULL, "feeds", NULL, NULL},
    {"POST", "/api/v1/feeds", api_feed_create, NULL, 0, NEED_ANY, ROUTE_CREATES,
     "A new calendar feed for the signed-in person; its secret URL is shown once", NULL,
     "feed with its secret", NULL, NULL},
    {"DELETE", "/api/v1/feeds/{id}", api_feed_delete, NULL, 0, NEED_ANY, 0,
     "Revoke a calendar feed: its URL stops working", NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/calendar.ics", api_calendar_feed, NULL, 0, NEED_PUBLIC, 0,
     "A person's calendar feed (text/calendar, RFC 5545), by its secret", q_feed, "text/calendar",
     NULL, NULL},
};

static const struct entity *const meeting_entities[] = {
    &ent_room, &ent_meeting, &ent_meeting_attendee, &ent_outside_calendar, &ent_meeting_request,
    NULL};

const struct domain domain_meeting = {
    .name = "meeting",
    .entities = meeting_entities,
    .routes = meeting_routes,
    .nroutes = NFIELDS(meeting_routes),
    .demo = meeting_demo,
    .feed = meeting_feed,
    .tick = meeting_tick,
};
