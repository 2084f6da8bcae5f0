/* tz.c: time-zone conversion through libical's builtin zones, which read the system tz
 * database; libical caches zones globally, so every call holds one mutex. */
#include "tz.h"
#include "mem.h"
#include "timeutil.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- the canonical names, read once from tzdata's own list ---- */

/* A name of tzdata.zi: a Zone line ("Z name …") is a canonical zone; a Link line ("L target
 * alias") is an old or alternative name of its target (Europe/Kiev → Europe/Kyiv). Read-only
 * once loaded, so every thread reads them without a lock. */
struct tz_name {
    char *name;
    char *link_to;         /* the Link's target as written, NULL for a Zone */
    const char *canonical; /* the Zone a Link leads to (links followed), NULL if none */
};

static const char *tzdata_path = "/usr/share/zoneinfo/tzdata.zi";
static struct tz_name *tz_names;
static size_t tz_n_names;
static pthread_once_t tz_names_once = PTHREAD_ONCE_INIT;

static int tz_name_cmp(const void *a, const void *b)
{
    return strcmp(((const struct tz_name *)a)->name, ((const struct tz_name *)b)->name);
}

static const struct tz_name *tz_name_find(const char *name)
{
    struct tz_name key = {(char *)name, NULL, NULL};
    return tz_n_names ? bsearch(&key, tz_names, tz_n_names, sizeof key, tz_name_cmp) : NULL;
}

static void tz_names_load(void)
{
    FILE *f = fopen(tzdata_path, "r");
    if (!f)
        return;
    size_t cap = 0;
    char *line = NULL;
    size_t len = 0;
    while (getline(&line, &len, f) > 0) {
        char *save = NULL, *kind = strtok_r(line, " \t\n", &save);
        if (!kind || (strcmp(kind, "Z") != 0 && strcmp(kind, "L") != 0))
            continue;
        bool link = kind[0] == 'L';
        char *a = strtok_r(NULL, " \t\n", &save);
        char *b = link ? strtok_r(NULL, " \t\n", &save) : NULL;
        /* "Factory" is tzdata's zone for "no zone was set": never a person's zone. */
        if (!a || (link && !b) || (!link && strcmp(a, "Factory") == 0))
            continue;
        if (tz_n_names == cap) {
            cap = cap ? 2 * cap : 1024;
            tz_names = hl_realloc(tz_names, cap * sizeof *tz_names);
        }
        tz_names[tz_n_names++] =
            (struct tz_name){hl_strdup(link ? b : a), link ? hl_strdup(a) : NULL, NULL};
    }
    free(line);
    fclose(f);
    if (tz_n_names == 0)
        return;
    qsort(tz_names, tz_n_names, sizeof *tz_names, tz_name_cmp);
    for (size_t i = 0; i < tz_n_names; i++) {
        const struct tz_name *z = &tz_names[i];
        for (int hops = 0; z && z->link_to && hops < 8; hops++)
            z = tz_name_find(z->link_to);
        tz_names[i].canonical = z && !z->link_to ? z->name : NULL;
    }
}

/* Whether zone is a Zone of tzdata.zi, or "UTC" (the one alias written everywhere as a zone).
 * Without a readable tzdata.zi every name libical knows is taken. */
static bool tz_canonical(const char *zone)
{
    pthread_once(&tz_names_once, tz_names_load);
    if (tz_n_names == 0 || strcmp(zone, "UTC") == 0)
        return true;
    const struct tz_name *n = tz_name_find(zone);
    return n && !n->link_to;
}

const char *tz_suggestion(const char *zone)
{
    if (!zone)
        return NULL;
    pthread_once(&tz_names_once, tz_names_load);
    /* posix/Europe/London and right/UTC are the same zones under tzdata's other trees. */
    const char *tail = zone;
    if (strncmp(tail, "posix/", 6) == 0)
        tail += 6;
    else if (strncmp(tail, "right/", 6) == 0)
        tail += 6;
    const struct tz_name *n = tz_name_find(tail);
    if (n && n->link_to)
        return n->canonical;
    if (n)
        return strcmp(n->name, zone) != 0 ? n->name : NULL;
    for (size_t i = 0; i < tz_n_names; i++)
        if (strcasecmp(tz_names[i].name, tail) == 0)
            return tz_names[i].link_to ? tz_names[i].canonical : tz_names[i].name;
    return NULL;
}

/* Whether name looks like an IANA zone: segments of letters, digits, '_', '+' and '-'
 * joined by single '/'. libical reads an unknown name as a path below the zoneinfo folder,
 * so "..", a leading '/' or an empty segment must never reach it (a path to a device or a
 * FIFO would block the lookup, and every variant of a name would be cached anew). */
static bool zone_name_ok(const char *zone)
{
    size_t len = strlen(zone), seg = 0;
    if (len == 0 || len > 64)
        return false;
    for (const char *p = zone; *p; p++) {
        char c = *p;
        if (c == '/') {
            if (seg == 0)
                return false;
            seg = 0;
            continue;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-'))
            return false;
        seg++;
    }
    return seg > 0;
}

/* Caller holds tz_lock. Returns libical's zone (owned by libical) or NULL. */
static icaltimezone *zone_lookup(const char *zone)
{
    if (!zone || !zone_name_ok(zone))
        return NULL;
    if (strcmp(zone, "UTC") == 0 || strcmp(zone, "Etc/UTC") == 0)
        return icaltimezone_get_utc_timezone();
    return icaltimezone_get_builtin_timezone(zone);
}

bool tz_valid(const char *zone)
{
    if (!zone || !zone_name_ok(zone) || !tz_canonical(zone))
        return false;
    pthread_mutex_lock(&tz_lock);
    bool ok = zone_lookup(zone) != NULL;
    pthread_mutex_unlock(&tz_lock);
    return ok;
}

/* Caller holds tz_lock. The zone's offset from UTC (seconds) at a UTC instant. */
static int64_t offset_at(icaltimezone *z, int64_t utc)
{
    struct icaltimetype t = icaltime_from_timet_with_zone((time_t)utc, 0, z);
    int64_t local =
        days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
    return local - utc;
}

/* Caller holds tz_lock. The UTC instant of a local time, as RFC 5545 §3.3.5 reads it: a time
 * that occurs twice (autumn) is the first occurrence; a time inside a spring-forward gap is
 * read with the offset in force before the gap (03:30 in a 03:00→04:00 gap is 04:30). The
 * offsets come from libical; only the choice between them is made here. */
static int64_t local_to_utc_locked(icaltimezone *z, int64_t day, int minute)
{
    int64_t local = day * 86400 + (int64_t)minute * 60;
    int64_t before = offset_at(z, local - 86400), after = offset_at(z, local + 86400);
    int64_t a = local - before, b = local - after;
    bool a_ok = offset_at(z, a) == before, b_ok = offset_at(z, b) == after;
    if (a_ok && b_ok)
        return a < b ? a : b;
    if (a_ok)
        return a;
    if (b_ok)
        return b;
    return local - before; /* in the gap */
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

int64_t tz_today(const char *zone, int64_t now)
{
    int64_t day;
    int minute;
    if (!zone || !*zone || !tz_utc_to_local(zone, now, &day, &minute))
        day = now / 86400 - (now % 86400 < 0);
    return day;
}

struct tz_days {
    icaltimezone *zone; /* owned by libical's cache, which lives as long as the process */
    int64_t first_day;
    size_t n;
    int64_t *midnight; /* UTC instant of local midnight of first_day + i, i = 0 … n − 1 */
};

struct tz_days *tz_days_new(const char *zone, int64_t from_day, int64_t to_day)
{
    if (to_day < from_day)
        to_day = from_day;
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_lookup(zone);
    struct tz_days *d = NULL;
    if (z) {
        d = hl_malloc(sizeof *d);
        d->zone = z;
        d->first_day = from_day;
        d->n = (size_t)(to_day - from_day + 2); /* and the midnight ending the last day */
        d->midnight = hl_malloc(d->n * sizeof *d->midnight);
        for (size_t i = 0; i < d->n; i++)
            d->midnight[i] = local_to_utc_locked(z, from_day + (int64_t)i, 0);
    }
    pthread_mutex_unlock(&tz_lock);
    return d;
}

void tz_days_free(struct tz_days *d)
{
    if (!d)
        return;
    free(d->midnight);
    free(d);
}

int64_t tz_days_to_utc(const struct tz_days *d, int64_t day, int minute)
{
    int64_t i = day - d->first_day;
    /* The same offset at both midnights: no change that day (a zone changes at most once a
     * day), so the local time is midnight plus the minutes. */
    if (i >= 0 && i + 1 < (int64_t)d->n && d->midnight[i + 1] - d->midnight[i] == 86400)
        return d->midnight[i] + (int64_t)minute * 60;
    pthread_mutex_lock(&tz_lock);
    int64_t utc = local_to_utc_locked(d->zone, day, minute);
    pthread_mutex_unlock(&tz_lock);
    return utc;
}

struct utc_interval *tz_days_expand(const struct tz_days *z, const struct weekly_interval *week,
                                    size_t nweek, int64_t from_day, int64_t to_day, size_t *count)
{
    *count = 0;
    if (to_day < from_day || nweek == 0)
        return NULL;
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
            out[n].start = tz_days_to_utc(z, day, week[i].start_minute);
            out[n].end = tz_days_to_utc(z, day, week[i].end_minute);
            out[n].day = day;
            out[n].index = i;
            n++;
        }
    }
    if (n == 0) {
        free(out);
        return NULL;
    }
    *count = n;
    return out;
}

struct utc_interval *tz_expand_weekly(const char *zone, const struct weekly_interval *week,
                                      size_t nweek, int64_t from_day, int64_t to_day, size_t *count)
{
    *count = 0;
    if (to_day < from_day || nweek == 0)
        return NULL;
    struct tz_days *z = tz_days_new(zone, from_day, to_day);
    if (!z)
        return NULL;
    struct utc_interval *out = tz_days_expand(z, week, nweek, from_day, to_day, count);
    tz_days_free(z);
    return out;
}

void tz_ical_lock(void)
{
    pthread_mutex_lock(&tz_lock);
}

void tz_ical_unlock(void)
{
    pthread_mutex_unlock(&tz_lock);
}
