/* tz.h: local wall-clock time in IANA time zones ⇄ UTC, through libical and the system tz database.
 */
#ifndef HL_TZ_H
#define HL_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when zone is a canonical IANA name — a Zone of tzdata's own list
 * (/usr/share/zoneinfo/tzdata.zi), or "UTC" — that the tz database can read ("Europe/Tallinn").
 * Links (Europe/Kiev), files of the zoneinfo folder that are not zones (localtime, posixrules,
 * posix/…, right/…) and "Factory" are refused. */
bool tz_valid(const char *zone);

/* The canonical name a refused zone most likely meant, or NULL: the target of a link
 * ("Europe/Kiev" → "Europe/Kyiv"), the zone under posix/ or right/, or a name that differs
 * only in case ("europe/tallinn" → "Europe/Tallinn"). The text lives as long as the process. */
const char *tz_suggestion(const char *zone);

/* The UTC instant of local time `minute` (0–1440) on local day number `day` in zone.
 * A local time inside a spring-forward gap maps to the instant the clock reached after it.
 * Returns false for an unknown zone. */
bool tz_local_to_utc(const char *zone, int64_t day, int minute, int64_t *utc);

/* The local day number and minute after local midnight of a UTC instant in zone. */
bool tz_utc_to_local(const char *zone, int64_t utc, int64_t *day, int *minute);

/* The local day number it is at the UTC instant now in zone: whose "today" a date is judged by
 * (between 22:00 and 24:00 UTC Tallinn's is a day ahead of UTC's). The UTC day for a NULL, empty
 * or unknown zone. */
int64_t tz_today(const char *zone, int64_t now);

/* A weekly interval of local working time: ISO weekday 1–7, minutes [start, end). */
struct weekly_interval {
    int weekday;
    int start_minute;
    int end_minute;
};

/* A half-open interval of UTC instants [start, end): week[index] on local day `day`. */
struct utc_interval {
    int64_t start;
    int64_t end;
    int64_t day;
    size_t index;
};

/* Expands weekly local intervals over the local days from_day … to_day (inclusive) into
 * UTC intervals in day order. Returns a malloc'd array the caller frees and sets *count;
 * returns NULL with *count 0 for an unknown zone or when there is nothing to expand. */
struct utc_interval *tz_expand_weekly(const char *zone, const struct weekly_interval *week,
                                      size_t nweek, int64_t from_day, int64_t to_day,
                                      size_t *count);

/* One zone over the local days [from_day, to_day]: the instant of each local midnight is
 * computed once, so converting a local time on a day without a DST change is arithmetic (a
 * day with a change asks the tz database). The one place working hours become UTC: the
 * planner's model, the board and the end-to-end validator all go through it. */
struct tz_days;

/* NULL for an unknown zone. Days outside the range still convert (by the slow path). */
struct tz_days *tz_days_new(const char *zone, int64_t from_day, int64_t to_day);
void tz_days_free(struct tz_days *d);
/* The UTC instant of local `minute` (0–1440) of local `day`, as tz_local_to_utc. */
int64_t tz_days_to_utc(const struct tz_days *d, int64_t day, int minute);
/* As tz_expand_weekly, in a zone already loaded. */
struct utc_interval *tz_days_expand(const struct tz_days *z, const struct weekly_interval *week,
                                    size_t nweek, int64_t from_day, int64_t to_day, size_t *count);

/* libical's zone cache is not thread-safe: code outside this file that uses libical's zones
 * (parsing or writing iCalendar text) holds this lock while it does. Not recursive. */
void tz_ical_lock(void);
void tz_ical_unlock(void);

#endif
