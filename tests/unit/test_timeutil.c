/* test_timeutil.c: unit tests of src/lib/timeutil.c: calendar days, dates, RFC 3339 instants
 * and HH:MM local times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "timeutil.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_length(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static void test_known_days(void **state)
{
    (void)state;
    /* Anchors computed independently (Python's datetime.date). */
    assert_int_equal(days_from_civil(1970, 1, 1), 0);
    assert_int_equal(days_from_civil(1969, 12, 31), -1);
    assert_int_equal(days_from_civil(1900, 1, 1), -25567);
    assert_int_equal(days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(days_from_civil(2026, 3, 29), 20541);
    assert_int_equal(days_from_civil(2999, 12, 31), 376199);
    int y, m, d;
    civil_from_days(-25567, &y, &m, &d);
    assert_int_equal(y, 1900);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
    civil_from_days(20541, &y, &m, &d);
    assert_int_equal(y, 2026);
    assert_int_equal(m, 3);
    assert_int_equal(d, 29);
}

/* Walks every day of 1900–2999 with an independent calendar and checks both directions. */
static void test_round_trip_1900_2999(void **state)
{
    (void)state;
    int64_t day = days_from_civil(1900, 1, 1);
    int wd = 1; /* 1900-01-01 was a Monday */
    for (int y = 1900; y <= 2999; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= month_length(y, m); d++, day++) {
                int yy, mm, dd;
                if (days_from_civil(y, m, d) != day)
                    fail_msg("days_from_civil(%d-%02d-%02d) = %lld, expected %lld", y, m, d,
                             (long long)days_from_civil(y, m, d), (long long)day);
                civil_from_days(day, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("civil_from_days(%lld) = %d-%02d-%02d, expected %d-%02d-%02d",
                             (long long)day, yy, mm, dd, y, m, d);
                if (weekday_from_days(day) != wd)
                    fail_msg("weekday of %d-%02d-%02d is %d, expected %d", y, m, d,
                             weekday_from_days(day), wd);
                wd = wd % 7 + 1;
                /* The text form goes there and back too. */
                char text[11], expect[32];
                int64_t parsed;
                snprintf(expect, sizeof expect, "%04d-%02d-%02d", y, m, d);
                date_format(day, text);
                if (strcmp(text, expect) != 0)
                    fail_msg("date_format(%lld) = %s, expected %s", (long long)day, text, expect);
                if (!date_parse(expect, &parsed) || parsed != day)
                    fail_msg("date_parse(%s) failed or gave %lld", expect, (long long)parsed);
            }
    assert_int_equal(day - 1, days_from_civil(2999, 12, 31));
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(weekday_from_days(0), 4);                             /* 1970-01-01 Thu */
    assert_int_equal(weekday_from_days(-1), 3);                            /* 1969-12-31 Wed */
    assert_int_equal(weekday_from_days(-4), 7);                            /* 1969-12-28 Sun */
    assert_int_equal(weekday_from_days(days_from_civil(2026, 3, 29)), 7);  /* Sunday */
    assert_int_equal(weekday_from_days(days_from_civil(2026, 3, 30)), 1);  /* Monday */
    assert_int_equal(weekday_from_days(days_from_civil(2000, 2, 29)), 2);  /* Tuesday */
    assert_int_equal(weekday_from_days(days_from_civil(1900, 1, 1)), 1);   /* Monday */
    assert_int_equal(weekday_from_days(days_from_civil(2999, 12, 31)), 2); /* Tuesday */
}

static void test_date_parse(void **state)
{
    (void)state;
    int64_t d = -12345;
    assert_true(date_parse("2026-03-29", &d));
    assert_int_equal(d, 20541);
    assert_true(date_parse("2024-02-29", &d)); /* leap year */
    assert_true(date_parse("2000-02-29", &d)); /* divisible by 400 */
    assert_true(date_parse("1900-01-01", &d));
    assert_true(date_parse("2999-12-31", &d));

    static const char *const bad[] = {
        "2026-02-29",  /* not a leap year */
        "1900-02-29",  /* divisible by 100 */
        "2100-02-29",  /* divisible by 100 */
        "2026-13-01",  /* month 13 */
        "2026-00-10",  /* month 0 */
        "2026-04-31",  /* April has 30 days */
        "2026-01-00",  /* day 0 */
        "2026-01-32",  /* day 32 */
        "2026-1-01",   /* one-digit month */
        "2026-01-1",   /* one-digit day */
        "26-01-01",    /* two-digit year */
        "2026/01/01",  /* wrong separator */
        "2026-01-01x", /* trailing junk */
        "2026-01-01 ", /* trailing space */
        " 2026-01-01", /* leading space */
        "2026-01-01T00:00:00Z",
        "1899-12-31", /* before the supported range */
        "3000-01-01", /* after it */
        "+026-01-01",
        "2026-+1-01",
        "2026-01--1",
        "",
        "garbage!!!",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = -12345;
        if (date_parse(bad[i], &d))
            fail_msg("date_parse accepted \"%s\"", bad[i]);
        assert_int_equal(d, -12345); /* untouched on failure */
    }
}

static void test_instant_parse(void **state)
{
    (void)state;
    const int64_t t = 1796112000; /* 2026-12-01T08:00:00Z */
    static const char *const same[] = {
        "2026-12-01T08:00:00Z",          "2026-12-01t08:00:00z",
        "2026-12-01 08:00:00Z",          "2026-12-01T08:00:00+00:00",
        "2026-12-01T08:00:00-00:00",     "2026-12-01T10:00:00+02:00",
        "2026-12-01T03:00:00-05:00",     "2026-12-01T13:45:00+05:45",
        "2026-12-01T08:00:00.5Z",        "2026-12-01T08:00:00.999999999Z",
        "2026-12-01T11:00:00.123+03:00", "2026-12-02T07:00:00+23:00",
        "2026-11-30T09:00:00-23:00",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        int64_t out = 0;
        if (!instant_parse(same[i], &out))
            fail_msg("instant_parse rejected \"%s\"", same[i]);
        if (out != t)
            fail_msg("instant_parse(\"%s\") = %lld, expected %lld", same[i], (long long)out,
                     (long long)t);
    }
    int64_t out = 0;
    assert_true(instant_parse("1970-01-01T00:00:00Z", &out));
    assert_int_equal(out, 0);
    assert_true(instant_parse("1969-12-31T23:59:59Z", &out));
    assert_int_equal(out, -1);
    assert_true(instant_parse("2026-03-29T01:00:00+02:00", &out)); /* offset crosses midnight */
    assert_int_equal(out, days_from_civil(2026, 3, 28) * 86400 + 23 * 3600);
    assert_true(instant_parse("2026-12-31T23:59:60Z", &out)); /* leap second: last second */
    assert_int_equal(out, days_from_civil(2027, 1, 1) * 86400 - 1);

    static const char *const bad[] = {
        "garbage",
        "",
        "2026-12-01",
        "2026-12-01T08:00:00",  /* no zone */
        "2026-12-01T08:00Z",    /* no seconds */
        "2026-12-01T8:00:00Z",  /* one-digit hour */
        "2026-12-01T24:00:00Z", /* hour 24 */
        "2026-12-01T08:60:00Z", /* minute 60 */
        "2026-12-01T08:00:61Z", /* second 61 */
        "2026-12-01X08:00:00Z", /* wrong separator */
        "2026-12-01T08-00-00Z",
        "2026-12-01T08:00:00.Z",     /* fraction without digits */
        "2026-12-01T08:00:00,5Z",    /* comma fraction */
        "2026-12-01T08:00:00+0200",  /* offset without colon */
        "2026-12-01T08:00:00+02",    /* offset without minutes */
        "2026-12-01T08:00:00+24:00", /* offset hour 24 */
        "2026-12-01T08:00:00+02:60", /* offset minute 60 */
        "2026-12-01T08:00:00+02:00x",
        "2026-12-01T08:00:00ZZ",
        "2026-12-01T08:00:00Z ",
        "2026-02-29T08:00:00Z", /* no such date */
        "2026-13-01T08:00:00Z",
        "1899-12-31T23:59:59Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        out = 777;
        if (instant_parse(bad[i], &out))
            fail_msg("instant_parse accepted \"%s\"", bad[i]);
        assert_int_equal(out, 777);
    }
}

static void test_instant_format(void **state)
{
    (void)state;
    char s[21];
    instant_format(0, s);
    assert_string_equal(s, "1970-01-01T00:00:00Z");
    instant_format(-1, s);
    assert_string_equal(s, "1969-12-31T23:59:59Z");
    instant_format(-86400, s);
    assert_string_equal(s, "1969-12-31T00:00:00Z");
    instant_format(1796112000, s);
    assert_string_equal(s, "2026-12-01T08:00:00Z");
    instant_format(days_from_civil(2999, 12, 31) * 86400 + 86399, s);
    assert_string_equal(s, "2999-12-31T23:59:59Z");
    instant_format(days_from_civil(1900, 1, 1) * 86400, s);
    assert_string_equal(s, "1900-01-01T00:00:00Z");
    /* Format and parse are inverses over a spread of instants, negative ones included. */
    for (int64_t t = days_from_civil(1900, 1, 1) * 86400; t < days_from_civil(2999, 1, 1) * 86400;
         t += 7777777) {
        int64_t back = 0;
        instant_format(t, s);
        assert_int_equal(strlen(s), 20);
        if (!instant_parse(s, &back) || back != t)
            fail_msg("%lld formats as %s, which parses back as %lld", (long long)t, s,
                     (long long)back);
    }
}

static void test_hhmm(void **state)
{
    (void)state;
    for (int h = 0; h < 24; h++)
        for (int m = 0; m < 60; m++) {
            char text[6], out[6];
            int minutes = -1;
            snprintf(text, sizeof text, "%02d:%02d", h, m);
            if (!hhmm_parse(text, &minutes) || minutes != h * 60 + m)
                fail_msg("hhmm_parse(%s) gave %d", text, minutes);
            hhmm_format(minutes, out);
            assert_string_equal(out, text);
        }
    int minutes = -1;
    assert_true(hhmm_parse("24:00", &minutes));
    assert_int_equal(minutes, 1440);
    char out[6];
    hhmm_format(1440, out);
    assert_string_equal(out, "24:00");

    static const char *const bad[] = {"24:01", "24:59", "25:00",  "9:00",    "09:0",  "0900",
                                      "09:60", "09-00", "09:00 ", " 9:00",   "-1:00", "+9:00",
                                      "",      "ab:cd", "99:99",  "09:00:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        minutes = -7;
        if (hhmm_parse(bad[i], &minutes))
            fail_msg("hhmm_parse accepted \"%s\"", bad[i]);
        assert_int_equal(minutes, -7);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_days),    cmocka_unit_test(test_round_trip_1900_2999),
        cmocka_unit_test(test_weekday),       cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_instant_parse), cmocka_unit_test(test_instant_format),
        cmocka_unit_test(test_hhmm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
