/* tz.c: time-zone conversion through libical's builtin zones, which read the system tz
 * database; libical caches zones globally, so every call holds one mutex. */
#include "tz.h"
#include "mem.h"
#include "timeutil.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

/* Caller holds tz_lock. Returns libical's zone (owned by libical) or NULL. */
static icaltimezone *zone_lookup(const char *zone)
{
    if (!zone || !*zone || strlen(zone) > 64)
        return NULL;
    if (strcmp(zone, "UTC") == 0 || strcmp(zone, "Etc/UTC") == 0)
        return icaltimezone_get_utc_timezone();
    return icaltimezone_get_builtin_timezone(zone);
}

bool tz_valid(const char *zone)
{
    pthread_mutex_lock(&tz_lock);
    bool ok = zone_lookup(zone) != NULL;
    pthread_mutex_unlock(&tz_lock);
    return ok;
}

static int64_t local_to_utc_locked(icaltimezone *z, int64_t day, int minute)
{
    day += minute / 1440;
    minute %= 1440;
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    struct icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = m;
    t.day = d;
    t.hour = minute / 60;
    t.minute = minute % 60;
    t.second = 0;
    t.is_date = 0;
    t.zone = z;
    return (int64_t)icaltime_as_timet_with_zone(t, z);
}

bool tz_local_to_utc(const char *zone, int64_t day, int minute, int64_t *utc)
{
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_lookup(zone);
    if (z)
        *utc = local_to_utc_locked(z, day, minute);
    pthread_mutex_unlock(&tz_lock);
    return z != NULL;
}

bool tz_utc_to_local(const char *zone, int64_t utc, int64_t *day, int *minute)
{
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_lookup(zone);
    if (z) {
        struct icaltimetype t = icaltime_from_timet_with_zone((time_t)utc, 0, z);
        *day = days_from_civil(t.year, t.month, t.day);
        *minute = t.hour * 60 + t.minute;
    }
    pthread_mutex_unlock(&tz_lock);
    return z != NULL;
}

struct utc_interval *tz_expand_weekly(const char *zone, const struct weekly_interval *week,
                                      size_t nweek, int64_t from_day, int64_t to_day, size_t *count)
{
    *count = 0;
    if (to_day < from_day || nweek == 0)
        return NULL;
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_lookup(zone);
    if (!z) {
        pthread_mutex_unlock(&tz_lock);
        return NULL;
    }
    size_t cap = 16, n = 0;
    struct utc_interval *out = hl_malloc(cap * sizeof *out);
    for (int64_t day = from_day; day <= to_day; day++) {
        int wd = weekday_from_days(day);
        for (size_t i = 0; i < nweek; i++) {
            if (week[i].weekday != wd || week[i].end_minute <= week[i].start_minute)
                continue;
            if (n == cap) {
                cap *= 2;
                out = hl_realloc(out, cap * sizeof *out);
            }
            out[n].start = local_to_utc_locked(z, day, week[i].start_minute);
            out[n].end = local_to_utc_locked(z, day, week[i].end_minute);
            n++;
        }
    }
    pthread_mutex_unlock(&tz_lock);
    if (n == 0) {
        free(out);
        return NULL;
    }
    *count = n;
    return out;
}
