/* ical_meeting.h: the meetings domain's iCalendar (RFC 5545) text through libical — busy times
 * read from an outside calendar (recurring events expanded, in their own time zones), the
 * iTIP messages of an invitation or a cancellation (RFC 5546), and a person's calendar feed.
 * No SQL: plain structs in, text or spans out. */
#ifndef HL_ICAL_MEETING_H
#define HL_ICAL_MEETING_H

#include "feed.h"
#include "slot_meeting.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ICS_MAX_SPANS 200000 /* busy spans one outside calendar may give over a range */

/* The busy spans of calendar text over [from, to): every VEVENT that is not transparent or
 * cancelled, recurrences expanded (RRULE, RDATE, EXDATE), all-day events as whole UTC days,
 * times in the zone their TZID names (a VTIMEZONE of the text, else the tz database's zone of
 * that name). An event whose DTSTART or DTEND cannot be read (no DTSTART, "20261201T1000",
 * month 13 …) is skipped and counted in *unreadable: the rest of the calendar still counts.
 * Returns true with a malloc'd array (*out, *n, sorted and merged) or false with a static
 * message in *why (text that is not a calendar, too many spans). */
bool ics_busy(const char *text, int64_t from, int64_t to, struct slot_span **out, size_t *n,
              size_t *unreadable, const char **why);

/* One attendee of an iTIP message. */
struct itip_attendee {
    const char *email;
    const char *name; /* may be NULL */
    bool required;
};

struct itip_meeting {
    const char *uid;    /* stable across updates and the cancellation */
    int64_t sequence;   /* 0 for the first invitation, one more for each change */
    int64_t stamp;      /* DTSTAMP: when the message was made (UTC seconds) */
    int64_t start, end; /* UTC seconds */
    const char *title;
    const char *location; /* place, room or NULL */
    const char *url;      /* video link or NULL */
    const char *organizer_email, *organizer_name;
    const struct itip_attendee *attendees;
    size_t nattendees;
};

/* The iTIP text (METHOD:REQUEST, or METHOD:CANCEL with STATUS:CANCELLED when cancel) of m;
 * malloc'd, the caller frees. */
char *itip_build(const struct itip_meeting *m, bool cancel);

/* A VCALENDAR for the person's zone (its VTIMEZONE included, times in that zone) with the
 * events; busy_only replaces every title with busy_title and leaves out places and notes.
 * name is the calendar's name, stamp the DTSTAMP. Returns malloc'd text or NULL for an unknown
 * zone. */
char *feed_build(const char *zone, const char *name, const struct feed_event *ev, size_t n,
                 bool busy_only, const char *busy_title, int64_t stamp);

#endif
