/* test_ical_meeting.c: unit tests of the meetings' iCalendar text (ical_meeting.c): outside
 * calendars read as busy spans (time zones, recurrences, exceptions, transparent and cancelled
 * events), iTIP messages parsed back by libical, and feeds read back to the same instants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ical_meeting.h"
#include "timeutil.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#define HOUR 3600
#define DAY  86400

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return days_from_civil(y, mo, d) * DAY + h * HOUR + mi * 60;
}

/* A weekly Monday 09:00–10:00 Tallinn meeting with one Monday left out, a transparent and a
 * cancelled event, and a one-off in New York time given by its own VTIMEZONE-less TZID. */
static const char *outside =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:weekly@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;TZID=Europe/Tallinn:20260105T090000\r\nDTEND;TZID=Europe/Tallinn:20260105T100000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEXDATE;TZID=Europe/Tallinn:20260112T090000\r\n"
    "SUMMARY:Board\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:free@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260106T120000Z\r\nDTEND:20260106T130000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:off@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260107T120000Z\r\nDTEND:20260107T130000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:ny@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;TZID=America/New_York:20260108T090000\r\n"
    "DTEND;TZID=America/New_York:20260108T093000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:day@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20260122\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void test_busy_outside(void **state)
{
    (void)state;
    struct slot_span *s;
    size_t n, skipped;
    const char *why = NULL;
    assert_true(
        ics_busy(outside, utc(2026, 1, 1, 0, 0), utc(2026, 1, 27, 0, 0), &s, &n, &skipped, &why));
    /* Mondays 5, (not 12), 19, 26 January at 07:00 UTC (Tallinn is UTC+2 in winter), the
     * New York event at 14:00 UTC on the 8th and the whole 22nd (a date without DTEND). */
    assert_int_equal(n, 5);
    assert_int_equal(s[0].start, utc(2026, 1, 5, 7, 0));
    assert_int_equal(s[0].end, utc(2026, 1, 5, 8, 0));
    assert_int_equal(s[1].start, utc(2026, 1, 8, 14, 0));
    assert_int_equal(s[1].end, utc(2026, 1, 8, 14, 30));
    assert_int_equal(s[2].start, utc(2026, 1, 19, 7, 0));
    assert_int_equal(s[3].start, utc(2026, 1, 22, 0, 0));
    assert_int_equal(s[3].end, utc(2026, 1, 23, 0, 0));
    assert_int_equal(s[4].start, utc(2026, 1, 26, 7, 0));
    assert_int_equal(skipped, 0);
    free(s);
    /* In summer the same wall-clock meeting is an hour earlier in UTC. */
    assert_true(
        ics_busy(outside, utc(2026, 7, 6, 0, 0), utc(2026, 7, 7, 0, 0), &s, &n, &skipped, &why));
    assert_int_equal(n, 1);
    assert_int_equal(s[0].start, utc(2026, 7, 6, 6, 0));
    free(s);
}

/* Events whose times libical cannot read are skipped and counted; the others still count. */
static void test_busy_unreadable(void **state)
{
    (void)state;
    static const char *text =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:ok@x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:short@x\r\nDTSTART:20261201T1000\r\nDTEND:20261201T110000Z\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:end@x\r\nDTSTART:20261202T100000Z\r\nDTEND:2026120\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:month@x\r\nDTSTART:20261301T100000Z\r\n"
        "DTEND:20261301T110000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:none@x\r\nSUMMARY:no start\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:free@x\r\nDTSTART:2026120\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    struct slot_span *s;
    size_t n, skipped;
    const char *why = NULL;
    assert_true(
        ics_busy(text, utc(2026, 11, 1, 0, 0), utc(2027, 3, 1, 0, 0), &s, &n, &skipped, &why));
    assert_int_equal(n, 1);
    assert_int_equal(s[0].start, utc(2026, 12, 1, 10, 0));
    assert_int_equal(skipped, 4); /* not the transparent one: it would block nothing anyway */
    free(s);
}

static void test_busy_refuses(void **state)
{
    (void)state;
    struct slot_span *s;
    size_t n, skipped;
    const char *why = NULL;
    assert_false(ics_busy("hello", 0, DAY, &s, &n, &skipped, &why));
    assert_non_null(why);
    why = NULL;
    assert_false(ics_busy("BEGIN:VEVENT\r\nEND:VEVENT\r\n", 0, DAY, &s, &n, &skipped, &why));
    assert_non_null(why);
}

static void test_itip(void **state)
{
    (void)state;
    struct itip_attendee at[] = {{"ann@example.org", "Ann Tamm", true},
                                 {"bob@example.com", NULL, false}};
    struct itip_meeting m = {"meeting-7@haldus.example",
                             2,
                             utc(2026, 3, 1, 8, 0),
                             utc(2026, 3, 2, 9, 0),
                             utc(2026, 3, 2, 10, 0),
                             "Budget, Q2; review",
                             "Room 4",
                             "https://video.example/x",
                             "ceo@example.org",
                             "Mari Maasikas",
                             at,
                             2};
    for (int cancel = 0; cancel < 2; cancel++) {
        char *text = itip_build(&m, cancel);
        icalcomponent *cal = icalparser_parse_string(text);
        assert_non_null(cal);
        icalproperty *meth = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
        assert_int_equal(icalproperty_get_method(meth),
                         cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST);
        icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
        assert_string_equal(icalcomponent_get_uid(ev), "meeting-7@haldus.example");
        assert_string_equal(icalcomponent_get_summary(ev), "Budget, Q2; review");
        assert_int_equal(icalcomponent_get_sequence(ev), 2);
        assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstart(ev)), utc(2026, 3, 2, 9, 0));
        assert_int_equal(icalcomponent_get_status(ev),
                         cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
        int n = 0, req = 0;
        for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
             p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
            n++;
            icalparameter *r = icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER);
            if (icalparameter_get_role(r) == ICAL_ROLE_REQPARTICIPANT) {
                req++;
                assert_string_equal(icalproperty_get_attendee(p), "mailto:ann@example.org");
            }
        }
        assert_int_equal(n, 2);
        assert_int_equal(req, 1);
        icalcomponent_free(cal);
        free(text);
    }
}

static void test_feed_round_trip(void **state)
{
    (void)state;
    struct feed_event ev[] = {
        {"meeting-1@h", utc(2026, 3, 28, 9, 0), utc(2026, 3, 28, 10, 0), false, "Board", "Room",
         "Notes"},
        {"meeting-2@h", utc(2026, 3, 30, 9, 0), utc(2026, 3, 30, 10, 0), false, "After DST", NULL,
         NULL},
        {"absence-3@h", days_from_civil(2026, 4, 6), days_from_civil(2026, 4, 8), true, "Leave",
         NULL, NULL},
    };
    char *text = feed_build("Europe/Tallinn", "Mari", ev, 3, false, "Busy", utc(2026, 1, 1, 0, 0));
    assert_non_null(text);
    assert_non_null(strstr(text, "BEGIN:VTIMEZONE"));
    assert_non_null(strstr(text, "TZID:Europe/Tallinn"));
    assert_non_null(strstr(text, "DTSTART;TZID=Europe/Tallinn:20260328T110000"));
    assert_non_null(strstr(text, "DTSTART;TZID=Europe/Tallinn:20260330T120000"));
    assert_non_null(strstr(text, "SUMMARY:Board"));
    struct slot_span *s;
    size_t n, skipped;
    const char *why;
    assert_true(
        ics_busy(text, utc(2026, 3, 1, 0, 0), utc(2026, 5, 1, 0, 0), &s, &n, &skipped, &why));
    assert_int_equal(n, 3);
    assert_int_equal(s[0].start, ev[0].start);
    assert_int_equal(s[0].end, ev[0].end);
    assert_int_equal(s[1].start, ev[1].start);
    assert_int_equal(s[2].start, days_from_civil(2026, 4, 6) * DAY);
    assert_int_equal(s[2].end, days_from_civil(2026, 4, 8) * DAY);
    free(s);
    free(text);
    /* Busy only: no titles, places or notes. */
    text = feed_build("Europe/Tallinn", "Mari", ev, 3, true, "Busy", utc(2026, 1, 1, 0, 0));
    assert_null(strstr(text, "Board"));
    assert_null(strstr(text, "LOCATION"));
    assert_null(strstr(text, "Notes"));
    assert_non_null(strstr(text, "SUMMARY:Busy"));
    free(text);
    assert_null(feed_build("Nowhere/Atlantis", "x", ev, 1, false, "Busy", 0));
    /* A long title with commas, semicolons, a newline and Estonian letters is folded at 75
     * octets between characters and read back by libical as it was. */
    const char *title =
        "Nõukogu koosolek; eelarve, riskid ja õiguskantsleri märkused\nteine rida — "
        "ülevaade šokolaadivabrikust ja žürii otsustest, täiendavalt";
    struct feed_event one = {"long@h", ev[0].start, ev[0].end, false, title, NULL, NULL};
    text = feed_build("Europe/Tallinn", "Mari", &one, 1, false, "Busy", 0);
    for (const char *line = text; line && *line;) {
        const char *end = strstr(line, "\r\n");
        assert_non_null(end);
        assert_true(end - line <= 75 + 1);
        line = end + 2;
    }
    icalcomponent *cal = icalparser_parse_string(text);
    icalcomponent *vev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    assert_string_equal(icalcomponent_get_summary(vev), title);
    assert_int_equal(icalcomponent_count_errors(cal), 0);
    icalcomponent_free(cal);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_busy_outside),    cmocka_unit_test(test_busy_unreadable),
        cmocka_unit_test(test_busy_refuses),    cmocka_unit_test(test_itip),
        cmocka_unit_test(test_feed_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
