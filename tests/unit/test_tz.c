/* test_tz.c: unit tests of src/lib/tz.c through libical and the system tz database: zone names,
 * local ⇄ UTC, weekly hours expanded over weeks with a daylight-saving change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "timeutil.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

#define HOUR 3600
#define DAY  86400

/* Seconds since the epoch of a UTC wall-clock time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return days_from_civil(y, mo, d) * DAY + h * HOUR + mi * 60;
}

static void test_tz_valid(void **state)
{
    (void)state;
    assert_true(tz_valid("Europe/Tallinn"));
    assert_true(tz_valid("Europe/London"));
    assert_true(tz_valid("America/New_York"));
    assert_true(tz_valid("Asia/Tokyo"));
    assert_true(tz_valid("UTC"));
    assert_true(tz_valid("Etc/UTC"));
    assert_false(tz_valid("Mars/Olympus_Mons"));
    assert_false(tz_valid("Europe/Tallinn2"));
    assert_false(tz_valid("europe/tallinn_x"));
    assert_false(tz_valid("../../etc/passwd"));
    assert_false(tz_valid("/etc/localtime"));
    assert_false(tz_valid(""));
    assert_false(tz_valid(NULL));
    char longname[200];
    memset(longname, 'A', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_false(tz_valid(longname));
}

/* Only canonical names: files of the zoneinfo folder that are not zones, tzdata's "Factory"
 * and the old names kept as links are refused, and the refusal knows what was meant. */
static void test_tz_canonical_only(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "localtime",   "posixrules", "Factory",        "right/UTC",     "posix/Europe/London",
        "Europe/Kiev", "US/Eastern", "europe/tallinn", "EUROPE/LONDON", "posix/UTC"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (tz_valid(refused[i]))
            fail_msg("%s was accepted as a time zone", refused[i]);
    assert_true(tz_valid("Europe/Kyiv"));
    assert_true(tz_valid("America/Argentina/Buenos_Aires"));
    assert_true(tz_valid("Etc/GMT+5"));
    assert_string_equal(tz_suggestion("Europe/Kiev"), "Europe/Kyiv");
    assert_string_equal(tz_suggestion("US/Eastern"), "America/New_York");
    assert_string_equal(tz_suggestion("europe/tallinn"), "Europe/Tallinn");
    assert_string_equal(tz_suggestion("EUROPE/LONDON"), "Europe/London");
    assert_string_equal(tz_suggestion("posix/Europe/London"), "Europe/London");
    assert_string_equal(tz_suggestion("right/UTC"), "Etc/UTC");
    assert_string_equal(tz_suggestion("europe/kiev"), "Europe/Kyiv");
    assert_null(tz_suggestion("localtime"));
    assert_null(tz_suggestion("Factory"));
    assert_null(tz_suggestion("Mars/Olympus_Mons"));
    assert_null(tz_suggestion("Europe/Tallinn"));
    assert_null(tz_suggestion(NULL));
}

/* The cached days of a zone (the path the planner's model takes) give the same instants as
 * the direct conversion on every day of a year, DST changes included, and outside their range. */
static void test_tz_days_same_as_direct(void **state)
{
    (void)state;
    static const char *const zones[] = {"Europe/Tallinn", "America/New_York", "Australia/Sydney",
                                        "Asia/Kathmandu", "UTC"};
    static const int minutes[] = {0, 59, 90, 180, 210, 240, 720, 1439, 1440};
    int64_t first = days_from_civil(2026, 1, 1), last = days_from_civil(2026, 12, 31);
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        struct tz_days *d = tz_days_new(zones[z], first, last);
        assert_non_null(d);
        for (int64_t day = first - 3; day <= last + 3; day++)
            for (size_t k = 0; k < sizeof minutes / sizeof minutes[0]; k++) {
                int64_t direct;
                assert_true(tz_local_to_utc(zones[z], day, minutes[k], &direct));
                if (tz_days_to_utc(d, day, minutes[k]) != direct)
                    fail_msg("%s day %lld minute %d", zones[z], (long long)day, minutes[k]);
            }
        tz_days_free(d);
    }
    assert_null(tz_days_new("Mars/Olympus_Mons", first, last));
    tz_days_free(NULL);
    /* Expanded intervals say which local day and which weekly interval they come from. */
    static const struct weekly_interval week[] = {{1, 540, 1020}, {3, 600, 660}, {3, 720, 780}};
    int64_t monday = days_from_civil(2026, 3, 23);
    size_t n = 0;
    struct utc_interval *iv = tz_expand_weekly("Europe/Tallinn", week, 3, monday, monday + 13, &n);
    assert_int_equal(n, 6);
    assert_int_equal(iv[0].day, monday);
    assert_int_equal(iv[0].index, 0);
    assert_int_equal(iv[1].day, monday + 2);
    assert_int_equal(iv[1].index, 1);
    assert_int_equal(iv[2].index, 2);
    assert_int_equal(iv[3].day, monday + 7);
    /* 2026-03-29 is the spring change: Monday the 30th is UTC+3, the 23rd UTC+2. */
    assert_int_equal(iv[0].start, utc(2026, 3, 23, 7, 0));
    assert_int_equal(iv[3].start, utc(2026, 3, 30, 6, 0));
    free(iv);
}

static void test_local_to_utc(void **state)
{
    (void)state;
    int64_t u = 0;
    int64_t jan = days_from_civil(2026, 1, 15), jul = days_from_civil(2026, 7, 15);
    assert_true(tz_local_to_utc("Europe/Tallinn", jan, 9 * 60, &u)); /* EET, UTC+2 */
    assert_int_equal(u, utc(2026, 1, 15, 7, 0));
    assert_true(tz_local_to_utc("Europe/Tallinn", jul, 9 * 60, &u)); /* EEST, UTC+3 */
    assert_int_equal(u, utc(2026, 7, 15, 6, 0));
    assert_true(tz_local_to_utc("Europe/London", jan, 9 * 60, &u));
    assert_int_equal(u, utc(2026, 1, 15, 9, 0));
    assert_true(tz_local_to_utc("Europe/London", jul, 9 * 60, &u));
    assert_int_equal(u, utc(2026, 7, 15, 8, 0));
    assert_true(tz_local_to_utc("America/New_York", jan, 9 * 60, &u));
    assert_int_equal(u, utc(2026, 1, 15, 14, 0));
    assert_true(tz_local_to_utc("America/New_York", jul, 9 * 60, &u));
    assert_int_equal(u, utc(2026, 7, 15, 13, 0));
    assert_true(tz_local_to_utc("Asia/Tokyo", jan, 9 * 60, &u));
    assert_int_equal(u, utc(2026, 1, 15, 0, 0));
    assert_true(tz_local_to_utc("UTC", jan, 9 * 60 + 30, &u));
    assert_int_equal(u, utc(2026, 1, 15, 9, 30));
    /* Local midnight at the end of a day (24:00) is the next day's 00:00. */
    assert_true(tz_local_to_utc("Europe/Tallinn", jan, 1440, &u));
    assert_int_equal(u, utc(2026, 1, 15, 22, 0));
    /* Early morning in Tokyo is still the same local day, but the previous UTC day. */
    assert_true(tz_local_to_utc("Asia/Tokyo", jan, 2 * 60, &u));
    assert_int_equal(u, utc(2026, 1, 14, 17, 0));

    u = 12345;
    assert_false(tz_local_to_utc("Mars/Olympus_Mons", jan, 0, &u));
    assert_int_equal(u, 12345);
}

static void test_utc_to_local(void **state)
{
    (void)state;
    int64_t day = 0;
    int minute = -1;
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 1, 15, 7, 0), &day, &minute));
    assert_int_equal(day, days_from_civil(2026, 1, 15));
    assert_int_equal(minute, 9 * 60);
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 7, 15, 22, 30), &day, &minute));
    assert_int_equal(day, days_from_civil(2026, 7, 16)); /* 01:30 the next local day */
    assert_int_equal(minute, 90);
    assert_true(tz_utc_to_local("America/New_York", utc(2026, 1, 15, 3, 0), &day, &minute));
    assert_int_equal(day, days_from_civil(2026, 1, 14)); /* 22:00 the previous local day */
    assert_int_equal(minute, 22 * 60);
    assert_true(tz_utc_to_local("Asia/Tokyo", utc(2026, 3, 29, 0, 0), &day, &minute));
    assert_int_equal(day, days_from_civil(2026, 3, 29));
    assert_int_equal(minute, 9 * 60);
    /* Around the spring change in Tallinn: 00:59Z is 02:59 EET, 01:00Z is 04:00 EEST. */
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 3, 29, 0, 59), &day, &minute));
    assert_int_equal(minute, 2 * 60 + 59);
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 3, 29, 1, 0), &day, &minute));
    assert_int_equal(minute, 4 * 60);
    /* The autumn change: 00:30Z is 03:30 EEST, 01:30Z is 03:30 EET again. */
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 10, 25, 0, 30), &day, &minute));
    assert_int_equal(minute, 3 * 60 + 30);
    assert_true(tz_utc_to_local("Europe/Tallinn", utc(2026, 10, 25, 1, 30), &day, &minute));
    assert_int_equal(minute, 3 * 60 + 30);
    assert_false(tz_utc_to_local("Nowhere/Special", 0, &day, &minute));

    /* Both directions agree on every quarter hour of a year but the repeated autumn hour. */
    for (int64_t t = utc(2026, 1, 1, 0, 0); t < utc(2027, 1, 1, 0, 0); t += 900) {
        int64_t back = 0;
        assert_true(tz_utc_to_local("Europe/Tallinn", t, &day, &minute));
        assert_true(tz_local_to_utc("Europe/Tallinn", day, minute, &back));
        /* 00:00Z–02:00Z on 2026-10-25 show 03:00–03:59 twice; only one reading returns. */
        bool autumn_repeat = t >= utc(2026, 10, 25, 0, 0) && t < utc(2026, 10, 25, 2, 0);
        if (autumn_repeat && back != t && back != t - HOUR && back != t + HOUR)
            fail_msg("utc %lld -> local minute %d -> utc %lld, neither reading", (long long)t,
                     minute, (long long)back);
        if (!autumn_repeat && back != t)
            fail_msg("utc %lld -> local day %lld minute %d -> utc %lld", (long long)t,
                     (long long)day, minute, (long long)back);
    }
}

static const struct weekly_interval office_week[] = {
    {1, 540, 1020}, {2, 540, 1020}, {3, 540, 1020}, {4, 540, 1020},
    {5, 540, 1020}, {6, 540, 1020}, {7, 540, 1020},
};

/* Expands Mon–Sun 09:00–17:00 over the week starting on Monday `monday` and checks each day's
 * interval: 8 hours long, starting at 09:00 local, i.e. at 09:00 minus the UTC offset (in
 * hours) of that day given in offset[]. */
static void check_week(const char *zone, int64_t monday, const int offset[7])
{
    assert_int_equal(weekday_from_days(monday), 1);
    size_t n = 0;
    struct utc_interval *iv = tz_expand_weekly(zone, office_week, 7, monday, monday + 6, &n);
    assert_non_null(iv);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        int64_t day = monday + (int64_t)i;
        int64_t start = day * DAY + 9 * HOUR - offset[i] * HOUR;
        if (iv[i].start != start)
            fail_msg("%s day %zu: start %lld, expected %lld (UTC%+d)", zone, i,
                     (long long)iv[i].start, (long long)start, offset[i]);
        assert_int_equal(iv[i].end - iv[i].start, 8 * HOUR);
    }
    free(iv);
}

static void test_week_spring_forward_tallinn(void **state)
{
    (void)state;
    /* EU clocks go forward on Sunday 2026-03-29 at 03:00 EET (01:00 UTC). */
    static const int offsets[7] = {2, 2, 2, 2, 2, 2, 3};
    check_week("Europe/Tallinn", days_from_civil(2026, 3, 23), offsets);
    /* The week after is all summer time, the week before all winter time. */
    static const int summer[7] = {3, 3, 3, 3, 3, 3, 3};
    static const int winter[7] = {2, 2, 2, 2, 2, 2, 2};
    check_week("Europe/Tallinn", days_from_civil(2026, 3, 30), summer);
    check_week("Europe/Tallinn", days_from_civil(2026, 3, 16), winter);

    /* A whole local day: the change day lasts 23 hours. */
    static const struct weekly_interval sunday[] = {{7, 0, 1440}};
    size_t n = 0;
    struct utc_interval *iv = tz_expand_weekly(
        "Europe/Tallinn", sunday, 1, days_from_civil(2026, 3, 23), days_from_civil(2026, 4, 5), &n);
    assert_int_equal(n, 2);
    assert_int_equal(iv[0].start, utc(2026, 3, 28, 22, 0));
    assert_int_equal(iv[0].end, utc(2026, 3, 29, 21, 0));
    assert_int_equal(iv[0].end - iv[0].start, 23 * HOUR);
    assert_int_equal(iv[1].end - iv[1].start, 24 * HOUR);
    free(iv);
}

static void test_week_fall_back_tallinn(void **state)
{
    (void)state;
    /* EU clocks go back on Sunday 2026-10-25 at 04:00 EEST (01:00 UTC). */
    static const int offsets[7] = {3, 3, 3, 3, 3, 3, 2};
    check_week("Europe/Tallinn", days_from_civil(2026, 10, 19), offsets);
    static const int winter[7] = {2, 2, 2, 2, 2, 2, 2};
    check_week("Europe/Tallinn", days_from_civil(2026, 10, 26), winter);

    static const struct weekly_interval sunday[] = {{7, 0, 1440}};
    size_t n = 0;
    struct utc_interval *iv =
        tz_expand_weekly("Europe/Tallinn", sunday, 1, days_from_civil(2026, 10, 25),
                         days_from_civil(2026, 10, 25), &n);
    assert_int_equal(n, 1);
    assert_int_equal(iv[0].start, utc(2026, 10, 24, 21, 0));
    assert_int_equal(iv[0].end, utc(2026, 10, 25, 22, 0));
    assert_int_equal(iv[0].end - iv[0].start, 25 * HOUR);
    free(iv);
}

static void test_week_spring_forward_new_york(void **state)
{
    (void)state;
    /* US clocks go forward on Sunday 2026-03-08 at 02:00 EST (07:00 UTC). */
    static const int offsets[7] = {-5, -5, -5, -5, -5, -5, -4};
    check_week("America/New_York", days_from_civil(2026, 3, 2), offsets);
    /* And back on Sunday 2026-11-01. */
    static const int autumn[7] = {-4, -4, -4, -4, -4, -4, -5};
    check_week("America/New_York", days_from_civil(2026, 10, 26), autumn);
}

static void test_week_without_dst_tokyo(void **state)
{
    (void)state;
    static const int offsets[7] = {9, 9, 9, 9, 9, 9, 9};
    /* The weeks in which Europe and America change their clocks change nothing in Tokyo. */
    check_week("Asia/Tokyo", days_from_civil(2026, 3, 23), offsets);
    check_week("Asia/Tokyo", days_from_civil(2026, 3, 2), offsets);
    check_week("Asia/Tokyo", days_from_civil(2026, 10, 19), offsets);
}

static void test_expand_weekly_shapes(void **state)
{
    (void)state;
    /* Several intervals on one weekday, days without any, and day order in the result. */
    static const struct weekly_interval split[] = {
        {3, 780, 1020}, /* Wednesday afternoon, listed first */
        {3, 480, 720},  /* Wednesday morning */
        {5, 600, 660},  /* Friday */
        {2, 600, 600},  /* empty: ignored */
    };
    int64_t monday = days_from_civil(2026, 1, 5);
    size_t n = 0;
    struct utc_interval *iv = tz_expand_weekly("UTC", split, 4, monday, monday + 13, &n);
    assert_int_equal(n, 6);
    assert_int_equal(iv[0].start, (monday + 2) * DAY + 780 * 60);
    assert_int_equal(iv[1].start, (monday + 2) * DAY + 480 * 60);
    assert_int_equal(iv[2].start, (monday + 4) * DAY + 600 * 60);
    assert_int_equal(iv[2].end, (monday + 4) * DAY + 660 * 60);
    assert_int_equal(iv[3].start, (monday + 9) * DAY + 780 * 60);
    assert_int_equal(iv[5].start, (monday + 11) * DAY + 600 * 60);
    free(iv);

    /* A working day that ends at 24:00 ends at the next local midnight. */
    static const struct weekly_interval late[] = {{1, 1200, 1440}};
    iv = tz_expand_weekly("Europe/Tallinn", late, 1, monday, monday, &n);
    assert_int_equal(n, 1);
    assert_int_equal(iv[0].start, monday * DAY + 18 * HOUR);
    assert_int_equal(iv[0].end, monday * DAY + 22 * HOUR);
    free(iv);

    /* Nothing to expand, a reversed range or an unknown zone: NULL and a count of 0. */
    n = 99;
    assert_null(tz_expand_weekly("UTC", late, 1, monday + 1, monday + 6, &n));
    assert_int_equal(n, 0);
    n = 99;
    assert_null(tz_expand_weekly("UTC", late, 1, monday + 7, monday, &n));
    assert_int_equal(n, 0);
    n = 99;
    assert_null(tz_expand_weekly("UTC", late, 0, monday, monday + 6, &n));
    assert_int_equal(n, 0);
    n = 99;
    assert_null(tz_expand_weekly("Nowhere/Special", office_week, 7, monday, monday + 6, &n));
    assert_int_equal(n, 0);

    /* A long range grows the result past its first allocation. */
    iv = tz_expand_weekly("Europe/Tallinn", office_week, 7, monday, monday + 364, &n);
    assert_int_equal(n, 365);
    for (size_t i = 1; i < n; i++)
        assert_true(iv[i].start > iv[i - 1].end);
    free(iv);
}

/* 03:30 on 2026-03-29 does not exist in Tallinn: at 03:00 EET the clocks jump to 04:00 EEST.
 * tz.h promises the instant the clock reached after the gap; RFC 5545 §3.3.5 says the same
 * precisely: a nonexistent local time is read with the UTC offset in force before the gap.
 * So 03:30 is read as 03:30+02:00 = 01:30Z, which the clocks show as 04:30 EEST. */
static void test_spring_gap(void **state)
{
    (void)state;
    int64_t day = days_from_civil(2026, 3, 29), u = 0, back_day = 0;
    int back_minute = -1;
    assert_true(tz_local_to_utc("Europe/Tallinn", day, 3 * 60 + 30, &u));
    assert_int_equal(u, utc(2026, 3, 29, 1, 30));
    assert_true(tz_utc_to_local("Europe/Tallinn", u, &back_day, &back_minute));
    assert_int_equal(back_day, day);
    assert_int_equal(back_minute, 4 * 60 + 30);
    /* The gap's first minute is the instant of the change itself. */
    assert_true(tz_local_to_utc("Europe/Tallinn", day, 3 * 60, &u));
    assert_int_equal(u, utc(2026, 3, 29, 1, 0));
    /* New York's gap (02:00–03:00 EST on 2026-03-08) the same way: 02:30 → 07:30Z. */
    assert_true(tz_local_to_utc("America/New_York", days_from_civil(2026, 3, 8), 150, &u));
    assert_int_equal(u, utc(2026, 3, 8, 7, 30));

    /* Every minute of the missing hour is read the same way: 03:MM is 01:MMZ (04:MM EEST). */
    for (int m = 3 * 60; m < 4 * 60; m++) {
        assert_true(tz_local_to_utc("Europe/Tallinn", day, m, &u));
        if (u != utc(2026, 3, 29, 1, m - 3 * 60))
            fail_msg("local %02d:%02d in the gap maps to %lld, expected %lld", m / 60, m % 60,
                     (long long)u, (long long)utc(2026, 3, 29, 1, m - 3 * 60));
        assert_true(tz_utc_to_local("Europe/Tallinn", u, &back_day, &back_minute));
        assert_int_equal(back_minute, m + 60);
    }
    /* An interval that starts in the gap is as long as the time that really passes. */
    static const struct weekly_interval early[] = {{7, 3 * 60 + 30, 5 * 60}};
    size_t n = 0;
    struct utc_interval *iv = tz_expand_weekly("Europe/Tallinn", early, 1, day, day, &n);
    assert_int_equal(n, 1);
    assert_int_equal(iv[0].start, utc(2026, 3, 29, 1, 30));
    assert_int_equal(iv[0].end, utc(2026, 3, 29, 2, 0));
    free(iv);
}

/* 03:30 on 2026-10-25 happens twice in Tallinn (00:30Z in EEST, 01:30Z in EET). RFC 5545
 * §3.3.5 reads a repeated local time as its first occurrence: 00:30Z. */
static void test_autumn_repeat(void **state)
{
    (void)state;
    int64_t day = days_from_civil(2026, 10, 25), u = 0;
    assert_true(tz_local_to_utc("Europe/Tallinn", day, 3 * 60 + 30, &u));
    assert_int_equal(u, utc(2026, 10, 25, 0, 30));
    /* Just outside the repeated hour there is only one reading. */
    assert_true(tz_local_to_utc("Europe/Tallinn", day, 2 * 60 + 59, &u));
    assert_int_equal(u, utc(2026, 10, 24, 23, 59));
    assert_true(tz_local_to_utc("Europe/Tallinn", day, 4 * 60, &u));
    assert_int_equal(u, utc(2026, 10, 25, 2, 0));
}

/* libical reads unknown names as paths below the zoneinfo folder: a name that is a path
 * (to a device that blocks, or a variant that would be cached anew) is not a zone. */
static void test_tz_names_are_not_paths(void **state)
{
    (void)state;
    static const char *const bad[] = {"../../../dev/ptmx", "./Europe/Tallinn", "Europe//Tallinn",
                                      "/etc/passwd",       "Europe/Tallinn/",  "Europe/.",
                                      "Europe/Tal linn",   "Europe/Tallinn\n", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(tz_valid(bad[i]));
    assert_true(tz_valid("Europe/Tallinn"));
    assert_true(tz_valid("Etc/GMT+2"));
    assert_true(tz_valid("America/Argentina/Buenos_Aires"));
}

/* Whose today: on both sides of each midnight, Tallinn (UTC+2 in winter) and London (UTC+0). */
static void test_today(void **state)
{
    (void)state;
    int64_t dec1 = days_from_civil(2026, 12, 1);
    assert_int_equal(tz_today("Europe/Tallinn", utc(2026, 12, 1, 21, 59)), dec1);
    assert_int_equal(tz_today("Europe/Tallinn", utc(2026, 12, 1, 22, 0)), dec1 + 1);
    assert_int_equal(tz_today("Europe/Tallinn", utc(2026, 12, 1, 23, 30)), dec1 + 1);
    assert_int_equal(tz_today("Europe/London", utc(2026, 12, 1, 23, 30)), dec1);
    assert_int_equal(tz_today("Europe/London", utc(2026, 12, 2, 0, 30)), dec1 + 1);
    assert_int_equal(tz_today("Europe/London", utc(2026, 7, 1, 23, 30)),
                     days_from_civil(2026, 7, 2)); /* BST */
    assert_int_equal(tz_today("America/New_York", utc(2026, 12, 2, 0, 30)), dec1);
    /* No zone or an unknown one: UTC's day. */
    assert_int_equal(tz_today(NULL, utc(2026, 12, 1, 23, 30)), dec1);
    assert_int_equal(tz_today("", utc(2026, 12, 1, 23, 30)), dec1);
    assert_int_equal(tz_today("Nowhere/Special", utc(2026, 12, 1, 23, 30)), dec1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_valid),
        cmocka_unit_test(test_tz_names_are_not_paths),
        cmocka_unit_test(test_tz_canonical_only),
        cmocka_unit_test(test_tz_days_same_as_direct),
        cmocka_unit_test(test_local_to_utc),
        cmocka_unit_test(test_utc_to_local),
        cmocka_unit_test(test_week_spring_forward_tallinn),
        cmocka_unit_test(test_week_fall_back_tallinn),
        cmocka_unit_test(test_week_spring_forward_new_york),
        cmocka_unit_test(test_week_without_dst_tokyo),
        cmocka_unit_test(test_expand_weekly_shapes),
        cmocka_unit_test(test_spring_gap),
        cmocka_unit_test(test_autumn_repeat),
        cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
