/* recur_desk.c: a task's recurrence — RRULE checking and expansion through libical, in the
 * assistant's local time — and when a correspondence reply is overdue (no I/O, no SQL). */
#include "desk.h"

#include "timeutil.h"
#include "tz.h"

#include <libical/ical.h>
#include <string.h>

/* Occurrences walked at most, so a rule that never reaches the range ends (a daily rule from
 * decades ago). */
#define DESK_MAX_STEPS 20000

enum hl_err desk_rrule_check(const char *rrule, const char *field, struct hl_error *err)
{
    if (strchr(rrule, '\n') || strchr(rrule, '\r') || strncmp(rrule, "RRULE:", 6) == 0)
        return hl_fail(err, HL_ERR_INVALID, field,
                       "give the rule's value only, one line, e.g. FREQ=WEEKLY;BYDAY=MO");
    icalerror_clear_errno();
    struct icalrecurrencetype r = icalrecurrencetype_from_string(rrule);
    if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
        icalerror_clear_errno();
        return hl_fail(err, HL_ERR_INVALID, field,
                       "'%s' is not an RFC 5545 recurrence rule (e.g. FREQ=WEEKLY;BYDAY=MO or "
                       "FREQ=MONTHLY;BYMONTHDAY=1)",
                       rrule);
    }
    if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE ||
        r.freq == ICAL_HOURLY_RECURRENCE)
        return hl_fail(err, HL_ERR_INVALID, field,
                       "a task recurs at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)");
    return HL_OK;
}

size_t desk_occurrences(int64_t due_at, const char *rrule, const char *zone, int64_t from,
                        int64_t to, int64_t *out, size_t max)
{
    size_t n = 0;
    if (!rrule) {
        if (due_at >= from && due_at < to && max > 0)
            out[n++] = due_at;
        return n;
    }
    if (!zone || !tz_valid(zone))
        zone = "UTC";
    int64_t day;
    int minute, y, m, d;
    if (!tz_utc_to_local(zone, due_at, &day, &minute))
        return 0;
    civil_from_days(day, &y, &m, &d);
    struct icaltimetype start = icaltime_null_time();
    start.year = y;
    start.month = m;
    start.day = d;
    start.hour = minute / 60;
    start.minute = minute % 60;
    icalerror_clear_errno();
    struct icalrecurrencetype r = icalrecurrencetype_from_string(rrule);
    if (r.freq == ICAL_NO_RECURRENCE)
        return 0;
    icalrecur_iterator *it = icalrecur_iterator_new(r, start);
    if (!it)
        return 0;
    for (int steps = 0; steps < DESK_MAX_STEPS && n < max; steps++) {
        struct icaltimetype t = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(t))
            break;
        int64_t utc;
        if (!tz_local_to_utc(zone, days_from_civil(t.year, t.month, t.day), t.hour * 60 + t.minute,
                             &utc))
            break;
        if (utc >= to)
            break;
        if (utc >= from)
            out[n++] = utc;
    }
    icalrecur_iterator_free(it);
    icalerror_clear_errno();
    return n;
}

enum desk_reply desk_reply_state(const char *due, const char *zone, int64_t now, int64_t today)
{
    int64_t due_day;
    if (!due || !date_parse(due, &due_day))
        return DESK_REPLY_LATER;
    if (today < 0)
        today = tz_today(zone, now);
    return due_day < today    ? DESK_REPLY_OVERDUE
           : due_day == today ? DESK_REPLY_TODAY
                              : DESK_REPLY_LATER;
}
