/* bench_meeting.c: the meetings' figures (issue 10), in-process over a fresh database, asserting
 * nothing about time:
 *   1. find a time for 8 required attendees in 4 time zones over 4 weeks, each with an outside
 *      calendar of 2,000 events (100 of them weekly recurring, expanded by libical when the
 *      calendar is registered), first 10 slots: svc_meeting_find_time as the API runs it
 *      (store reads, working hours through the tz database, holidays, the search); and the
 *      pure search alone on the same spans.
 *   2. a person's calendar feed for a year with 1,000 meetings: svc_feed_render (SQL, every
 *      domain's feed hook, libical writing), then parsed back by libical and checked.
 * Prints p50/p95/p99 and the mean.
 *
 *   bench_meeting DIR [--runs N] */
#include "ical_meeting.h"
#include "meeting.h"
#include "mem.h"
#include "migrate.h"
#include "people.h"
#include "slot_meeting.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <jansson.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DAY 86400

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t rng_state = 7;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *ms, int n, const char *target)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += ms[i];
    double p95 = ms[(int)(0.95 * (n - 1))];
    printf("%-46s %4d runs  mean %.3f ms  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  %s\n", what, n,
           sum / n, ms[n / 2], p95, ms[(int)(0.99 * (n - 1))], target ? target : "");
}

static void die(const char *what, const struct hl_error *err)
{
    fprintf(stderr, "bench_meeting: %s: %s (%s)\n", what, err->message, err->field);
    exit(1);
}

static void ics_time(char *out, int64_t t)
{
    int y, m, d;
    civil_from_days(t / DAY, &y, &m, &d);
    int s = (int)(t % DAY);
    sprintf(out, "%04d%02d%02dT%02d%02d%02dZ", y, m, d, s / 3600, s / 60 % 60, s % 60);
}

/* An outside calendar of n events from `start` over a year: 100 weekly series of 8 in working
 * hours (Tallinn time) starting on any day of the year, and n - 100 one-offs of 15–60 minutes
 * at any hour. malloc'd text. */
static char *make_calendar(int64_t start, int n)
{
    size_t cap = (size_t)n * 260 + 200, len = 0;
    char *t = malloc(cap);
    len += (size_t)sprintf(t + len, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    for (int i = 0; i < n; i++) {
        char s[20], e[20];
        if (i < 100) {
            int64_t day = start / DAY + (int64_t)(rnd() % 365);
            int minute = 9 * 60 + (int)(rnd() % 16) * 30;
            int y, m, d;
            civil_from_days(day, &y, &m, &d);
            len +=
                (size_t)sprintf(t + len,
                                "BEGIN:VEVENT\r\nUID:w%d@bench\r\nDTSTAMP:20260101T000000Z\r\n"
                                "DTSTART;TZID=Europe/Tallinn:%04d%02d%02dT%02d%02d00\r\n"
                                "DURATION:PT%dM\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\nEND:VEVENT\r\n",
                                i, y, m, d, minute / 60, minute % 60, 30 + (int)(rnd() % 3) * 15);
        } else {
            int64_t at = start + (int64_t)(rnd() % (365 * 96)) * 900;
            ics_time(s, at);
            ics_time(e, at + 900 * (1 + (int64_t)(rnd() % 4)));
            len += (size_t)sprintf(t + len,
                                   "BEGIN:VEVENT\r\nUID:o%d@bench\r\nDTSTAMP:20260101T000000Z\r\n"
                                   "DTSTART:%s\r\nDTEND:%s\r\nEND:VEVENT\r\n",
                                   i, s, e);
        }
    }
    sprintf(t + len, "END:VCALENDAR\r\n");
    return t;
}

static int64_t create(struct svc_ctx *ctx, const struct entity *ent, json_t *body)
{
    struct hl_error err;
    hl_error_clear(&err);
    json_t *out = NULL;
    if (svc_entity_create(ctx, ent, body, &out, &err) != HL_OK)
        die(ent->name, &err);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(body);
    return id;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_meeting DIR [--runs N]\n");
        return 2;
    }
    int runs = 200;
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[++i]);
    if (runs < 10)
        runs = 10;
    char *path = hl_asprintf("%s/meeting.db", argv[1]);
    struct db *db;
    struct hl_error err;
    hl_error_clear(&err);
    int applied;
    if (db_open(path, DB_CREATE, &db, &err) != HL_OK || migrate_up(db, &applied, &err) != HL_OK)
        die(path, &err);
    struct svc_ctx ctx = {.db = db, .actor = "bench", .who = NULL};
    static const char *const zones[] = {"Europe/Tallinn", "Europe/Berlin", "Europe/London",
                                        "Atlantic/Azores"};
    int64_t now = (int64_t)time(NULL);
    int64_t monday = (now / DAY + 7 - (now / DAY + 3) % 7) * DAY; /* next Monday 00:00 UTC */
    int64_t people[8];
    double t0 = now_ms();
    size_t busy_total = 0;
    for (int p = 0; p < 8; p++) {
        char email[64], name[32];
        sprintf(email, "bench%d@bench.example", p);
        sprintf(name, "Bench Person %d", p);
        people[p] = create(&ctx, &ent_principal,
                           json_pack("{ss ss ss ss ss}", "name", name, "email", email, "time_zone",
                                     zones[p % 4], "office", zones[p % 4], "department", "Bench"));
        char *ics = make_calendar(now, 2000);
        json_t *body = json_pack("{sI ss ss}", "person_id", (json_int_t)people[p], "name",
                                 "Outside", "ics", ics);
        json_t *out = NULL;
        if (svc_outside_calendar_add(&ctx, body, &out, &err) != HL_OK)
            die("outside calendar", &err);
        busy_total += (size_t)json_integer_value(json_object_get(out, "busy_count"));
        json_decref(out);
        json_decref(body);
        free(ics);
    }
    printf("8 outside calendars of 2,000 events registered (%zu busy times over 400 days after "
           "expansion) in %.0f ms\n",
           busy_total, now_ms() - t0);

    /* 1. find a time through the use case */
    char from[21], to[21];
    instant_format(monday, from);
    instant_format(monday + 28 * DAY, to);
    json_t *q = json_pack("{sI s[] ss ss si si si}", "principal_id", (json_int_t)people[0],
                          "attendees", "from", from, "to", to, "duration_minutes", 30,
                          "buffer_minutes", 10, "count", 10);
    for (int p = 1; p < 8; p++)
        json_array_append_new(json_object_get(q, "attendees"),
                              json_pack("{sI}", "person_id", (json_int_t)people[p]));
    double *ms = calloc((size_t)runs, sizeof *ms);
    size_t nslots = 0;
    for (int r = 0; r < runs; r++) {
        json_t *out = NULL;
        double a = now_ms();
        if (svc_meeting_find_time(&ctx, q, &out, &err) != HL_OK)
            die("find-time", &err);
        ms[r] = now_ms() - a;
        nslots = json_array_size(json_object_get(out, "slots"));
        json_decref(out);
    }
    printf("find a time: 8 required in 4 zones, 4 weeks, 30 min + 10 min buffer: %zu slots\n",
           nslots);
    report("  svc_meeting_find_time (as the API runs it)", ms, runs, "target p95 <= 20 ms");
    json_decref(q);

    /* 2. a year's feed with 1,000 meetings */
    int64_t holder = people[0];
    t0 = now_ms();
    for (int i = 0; i < 1000; i++) {
        char start[21];
        instant_format(now + (int64_t)(rnd() % (360 * 24)) * 3600, start);
        json_t *b = json_pack("{sI ss ss si}", "principal_id", (json_int_t)holder, "title",
                              "Bench meeting", "start_at", start, "duration_minutes", 45);
        json_t *out = NULL;
        if (svc_meeting_book(&ctx, b, &out, &err) != HL_OK)
            die("book", &err);
        json_decref(out);
        json_decref(b);
    }
    printf("1,000 meetings booked in %.0f ms\n", now_ms() - t0);
    json_t *feed = NULL;
    struct account acc = {.id = 1, .role = ROLE_PRINCIPAL, .person_id = holder};
    struct svc_ctx mine = {.db = db, .actor = "bench", .who = &acc};
    if (svc_feed_create(&mine, false, &feed, &err) != HL_OK)
        die("feed", &err);
    const char *token = json_string_value(json_object_get(feed, "token"));
    char *text = NULL;
    for (int r = 0; r < runs; r++) {
        free(text);
        double a = now_ms();
        if (svc_feed_render(&ctx, token, &text, &err) != HL_OK)
            die("feed render", &err);
        ms[r] = now_ms() - a;
    }
    report("feed: a year, 1,000 events (svc_feed_render)", ms, runs, "target <= 30 ms");
    {
        struct feed_list list = {NULL, 0, 0};
        if (meeting_feed(&ctx, holder, now - DAY, now + 400 * DAY, &list, &err) != HL_OK)
            die("feed hook", &err);
        for (int r = 0; r < runs; r++) {
            double a = now_ms();
            char *t = feed_build("Europe/Tallinn", "x", list.v, list.n, false, "Busy", now);
            ms[r] = now_ms() - a;
            free(t);
        }
        report("  of which writing the text (feed_build)", ms, runs, NULL);
        feed_list_cleanup(&list);
    }
    icalcomponent *cal = icalparser_parse_string(text);
    int events = 0, zones_n = 0;
    for (icalcomponent *c = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)
                                : NULL;
         c; c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        events++;
    zones_n = cal ? icalcomponent_count_components(cal, ICAL_VTIMEZONE_COMPONENT) : 0;
    int errors = cal ? icalcomponent_count_errors(cal) : -1;
    printf("  parsed back by libical: %d VEVENTs, %d VTIMEZONE, %d errors, %zu bytes -> %s\n",
           events, zones_n, errors, strlen(text),
           events == 1000 && zones_n == 1 && errors == 0 ? "valid" : "INVALID");
    bool ok = events == 1000 && zones_n == 1 && errors == 0;
    if (cal)
        icalcomponent_free(cal);
    free(text);
    json_decref(feed);
    free(ms);
    db_close(db);
    free(path);
    return ok ? 0 : 1;
}
