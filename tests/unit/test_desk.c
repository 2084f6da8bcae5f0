/* test_desk.c: a task's recurrence (recur_desk.c) — RRULE checking with clear refusals, and
 * expansion in the assistant's local time across a daylight-saving change, with the range's
 * bounds and the cap — and a reply's due state on both sides of the handler's midnight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "desk.h"
#include "timeutil.h"

#include <string.h>

static int64_t at(const char *s)
{
    int64_t t = 0;
    assert_true(instant_parse(s, &t));
    return t;
}

static void test_rrule_check(void **state)
{
    (void)state;
    struct hl_error err;
    const char *good[] = {"FREQ=WEEKLY;BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12",
                          "FREQ=DAILY;INTERVAL=2", "FREQ=YEARLY"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        hl_error_clear(&err);
        assert_int_equal(desk_rrule_check(good[i], "rrule", &err), HL_OK);
    }
    const char *bad[] = {"EVERY MONDAY",      "FREQ=HOURLY",           "FREQ=MINUTELY",
                         "RRULE:FREQ=WEEKLY", "FREQ=WEEKLY\nBYDAY=MO", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hl_error_clear(&err);
        assert_int_equal(desk_rrule_check(bad[i], "rrule", &err), HL_ERR_INVALID);
        assert_string_equal(err.field, "rrule");
        assert_true(strlen(err.message) > 10);
    }
}

/* Every Monday at 09:00 in Tallinn stays 09:00 local when summer time ends (25 Oct 2026):
 * 06:00Z before, 07:00Z after. */
static void test_weekly_across_dst(void **state)
{
    (void)state;
    int64_t out[10];
    size_t n =
        desk_occurrences(at("2026-10-12T06:00:00Z"), "FREQ=WEEKLY;BYDAY=MO", "Europe/Tallinn",
                         at("2026-10-01T00:00:00Z"), at("2026-11-03T00:00:00Z"), out, 10);
    const char *want[] = {"2026-10-12T06:00:00Z", "2026-10-19T06:00:00Z", "2026-10-26T07:00:00Z",
                          "2026-11-02T07:00:00Z"};
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], at(want[i]));
}

static void test_range_count_and_cap(void **state)
{
    (void)state;
    int64_t out[5];
    /* Only the occurrences inside [from, to). */
    size_t n = desk_occurrences(at("2026-01-05T09:00:00Z"), "FREQ=DAILY", "UTC",
                                at("2026-01-10T09:00:00Z"), at("2026-01-12T09:00:00Z"), out, 5);
    assert_int_equal(n, 2);
    assert_int_equal(out[0], at("2026-01-10T09:00:00Z"));
    assert_int_equal(out[1], at("2026-01-11T09:00:00Z"));
    /* COUNT ends the series. */
    n = desk_occurrences(at("2026-01-05T09:00:00Z"), "FREQ=DAILY;COUNT=3", "UTC",
                         at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), out, 5);
    assert_int_equal(n, 3);
    /* At most max. */
    n = desk_occurrences(at("2026-01-05T09:00:00Z"), "FREQ=DAILY", "UTC",
                         at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), out, 5);
    assert_int_equal(n, 5);
    /* No rule: the due time itself when in range. */
    assert_int_equal(desk_occurrences(at("2026-01-05T09:00:00Z"), NULL, "UTC",
                                      at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z"), out,
                                      5),
                     1);
    assert_int_equal(desk_occurrences(at("2026-01-05T09:00:00Z"), NULL, "UTC",
                                      at("2026-01-06T00:00:00Z"), at("2026-01-07T00:00:00Z"), out,
                                      5),
                     0);
}

/* A reply due on 15 January turns overdue at the handler's local midnight, not UTC's (the rule
 * of both the overdue mail and the manager's Today page). */
static void test_reply_overdue_local(void **state)
{
    (void)state;
    const char *due = "2030-01-15"; /* winter: Tallinn is UTC+2, New York UTC-5 */
    /* Tallinn 23:30 on the due day, then 01:30 the next day (still the due day in UTC). */
    assert_int_equal(desk_reply_state(due, "Europe/Tallinn", at("2030-01-15T21:30:00Z"), -1),
                     DESK_REPLY_TODAY);
    assert_int_equal(desk_reply_state(due, "Europe/Tallinn", at("2030-01-15T23:30:00Z"), -1),
                     DESK_REPLY_OVERDUE);
    /* New York 20:00 on the due day (the next day in UTC), then 00:30 the next day. */
    assert_int_equal(desk_reply_state(due, "America/New_York", at("2030-01-16T01:00:00Z"), -1),
                     DESK_REPLY_TODAY);
    assert_int_equal(desk_reply_state(due, "America/New_York", at("2030-01-16T05:30:00Z"), -1),
                     DESK_REPLY_OVERDUE);
    /* Before the due day in Tallinn while it is already the due day in UTC... */
    assert_int_equal(
        desk_reply_state("2030-01-16", "America/New_York", at("2030-01-16T01:00:00Z"), -1),
        DESK_REPLY_LATER);
    /* ...and a zone the tz database does not know (or none) counts in UTC. */
    assert_int_equal(desk_reply_state(due, "Nowhere/Else", at("2030-01-15T23:30:00Z"), -1),
                     DESK_REPLY_TODAY);
    assert_int_equal(desk_reply_state(due, NULL, at("2030-01-16T00:00:00Z"), -1),
                     DESK_REPLY_OVERDUE);
    /* A given day replaces the zone's today; a due that is not a date is never overdue. */
    int64_t d16 = at("2030-01-16T00:00:00Z") / 86400;
    assert_int_equal(desk_reply_state(due, "Europe/Tallinn", at("2030-01-15T21:30:00Z"), d16),
                     DESK_REPLY_OVERDUE);
    assert_int_equal(desk_reply_state(due, "Europe/Tallinn", 0, d16 - 1), DESK_REPLY_TODAY);
    assert_int_equal(desk_reply_state("15.01.2030", "UTC", at("2031-01-01T00:00:00Z"), -1),
                     DESK_REPLY_LATER);
    assert_int_equal(desk_reply_state(NULL, "UTC", at("2031-01-01T00:00:00Z"), -1),
                     DESK_REPLY_LATER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rrule_check),
        cmocka_unit_test(test_weekly_across_dst),
        cmocka_unit_test(test_range_count_and_cap),
        cmocka_unit_test(test_reply_overdue_local),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
