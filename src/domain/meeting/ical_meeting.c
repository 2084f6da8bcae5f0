/* ical_meeting.c: iCalendar text for meetings through libical — outside calendars read as busy
 * spans, iTIP invitations and cancellations, and a person's feed (see ical_meeting.h). Every
 * use of libical's zones holds tz.c's lock: its zone cache is not thread-safe. */
#include "ical_meeting.h"

#include "buf.h"
#include "mem.h"
#include "timeutil.h"
#include "tz.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct busy_acc {
    struct slot_span *v;
    size_t n, cap;
    bool overflow;
};

static void on_span(icalcomponent *comp, struct icaltime_span *span, void *data)
{
    struct busy_acc *a = data;
    int64_t start = (int64_t)span->start, end = (int64_t)span->end;
    /* libical ends an all-day occurrence at the last second of its DTEND day; RFC 5545's DTEND
     * of a date is exclusive (and a date without DTEND lasts one day). */
    if (icalcomponent_get_dtstart(comp).is_date) {
        end = end + 1 - 86400;
        if (end <= start)
            end = start + 86400;
    }
    if (end <= start || a->overflow)
        return;
    if (a->n == ICS_MAX_SPANS) {
        a->overflow = true;
        return;
    }
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->v = hl_realloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = (struct slot_span){start, end};
}

/* Outlook and Google name zones by their tz database names and sometimes leave the VTIMEZONE
 * out: give the calendar the tz database's zone under that name so libical resolves it. */
static void ensure_zone(icalcomponent *cal, icalcomponent *ev)
{
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    icalparameter *tzp = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) : NULL;
    const char *tzid = tzp ? icalparameter_get_tzid(tzp) : NULL;
    if (!tzid || icalcomponent_get_timezone(cal, tzid))
        return;
    icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
    icalcomponent *vtz = z ? icaltimezone_get_component(z) : NULL;
    if (!vtz)
        return;
    icalcomponent *copy = icalcomponent_new_clone(vtz);
    icalproperty *id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
    if (id)
        icalproperty_set_tzid(id, tzid);
    else
        icalcomponent_add_property(copy, icalproperty_new_tzid(tzid));
    icalcomponent_add_component(cal, copy);
}

/* Whether t is a real date or date-time (libical keeps "20261301T100000Z" as month 13). */
static bool time_real(struct icaltimetype t)
{
    if (icaltime_is_null_time(t) || t.month < 1 || t.month > 12 || t.day < 1 ||
        t.day > icaltime_days_in_month(t.month, t.year))
        return false;
    return t.is_date || (t.hour >= 0 && t.hour < 24 && t.minute >= 0 && t.minute < 60 &&
                         t.second >= 0 && t.second <= 60);
}

/* Whether ev's times can be read: a DTSTART that is a real time, a DTEND (if any) too, and no
 * DTSTART, DTEND or DURATION that libical dropped as unparsable (it leaves an X-LIC-ERROR
 * naming the property, and the event would then block nothing). */
static bool event_times_readable(icalcomponent *ev)
{
    icalproperty *sp = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    icalproperty *ep = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    if (!sp || !time_real(icalproperty_get_dtstart(sp)) ||
        (ep && !time_real(icalproperty_get_dtend(ep))))
        return false;
    for (icalproperty *x = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); x;
         x = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY)) {
        const char *m = icalproperty_get_xlicerror(x);
        if (m && (strstr(m, " DTSTART ") || strstr(m, " DTEND ") || strstr(m, " DURATION ")))
            return false;
    }
    return true;
}

bool ics_busy(const char *text, int64_t from, int64_t to, struct slot_span **out, size_t *n,
              size_t *unreadable, const char **why)
{
    struct busy_acc acc = {NULL, 0, 0, false};
    bool ok = false;
    *out = NULL;
    *n = 0;
    *unreadable = 0;
    tz_ical_lock();
    icalcomponent *cal = icalparser_parse_string(text);
    if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        *why = "the file is not an iCalendar (RFC 5545) calendar: it must be one VCALENDAR";
        goto out;
    }
    icaltimezone *utc = icaltimezone_get_utc_timezone();
    struct icaltimetype lo = icaltime_from_timet_with_zone((time_t)from, 0, utc);
    struct icaltimetype hi = icaltime_from_timet_with_zone((time_t)to, 0, utc);
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        icalproperty *tp = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
        if (tp && icalproperty_get_transp(tp) == ICAL_TRANSP_TRANSPARENT)
            continue;
        icalproperty *sp = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
        if (sp && icalproperty_get_status(sp) == ICAL_STATUS_CANCELLED)
            continue;
        if (!event_times_readable(ev)) {
            (*unreadable)++;
            continue;
        }
        ensure_zone(cal, ev);
        icalcomponent_foreach_recurrence(ev, lo, hi, on_span, &acc);
        if (acc.overflow) {
            *why = "the calendar has too many busy times in the range";
            goto out;
        }
    }
    /* Spans of recurrences may reach outside the range: clip. */
    for (size_t i = 0; i < acc.n; i++) {
        if (acc.v[i].start < from)
            acc.v[i].start = from;
        if (acc.v[i].end > to)
            acc.v[i].end = to;
    }
    *n = slot_normalize(acc.v, acc.n);
    *out = acc.v;
    acc.v = NULL;
    ok = true;
out:
    if (cal)
        icalcomponent_free(cal);
    tz_ical_unlock();
    free(acc.v);
    return ok;
}

static struct icaltimetype utc_time(int64_t t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* libical's text of comp, as a string of ours. */
static char *as_text(icalcomponent *comp)
{
    char *s = icalcomponent_as_ical_string_r(comp);
    char *out = hl_strdup(s ? s : "");
    icalmemory_free_buffer(s);
    return out;
}

char *itip_build(const struct itip_meeting *m, bool cancel)
{
    tz_ical_lock();
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Haldus//Meetings//EN"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(
        cal, icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(m->uid));
    icalcomponent_add_property(ev, icalproperty_new_sequence((int)m->sequence));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(m->stamp)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(m->start)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(m->end)));
    icalcomponent_add_property(ev, icalproperty_new_summary(m->title));
    if (m->location && *m->location)
        icalcomponent_add_property(ev, icalproperty_new_location(m->location));
    if (m->url && *m->url) {
        icalcomponent_add_property(ev, icalproperty_new_url(m->url));
        icalcomponent_add_property(ev, icalproperty_new_description(m->url));
    }
    icalcomponent_add_property(
        ev, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    char *mailto = hl_asprintf("mailto:%s", m->organizer_email);
    icalproperty *org = icalproperty_new_organizer(mailto);
    free(mailto);
    if (m->organizer_name && *m->organizer_name)
        icalproperty_add_parameter(org, icalparameter_new_cn(m->organizer_name));
    icalcomponent_add_property(ev, org);
    for (size_t i = 0; i < m->nattendees; i++) {
        const struct itip_attendee *a = &m->attendees[i];
        mailto = hl_asprintf("mailto:%s", a->email);
        icalproperty *p = icalproperty_new_attendee(mailto);
        free(mailto);
        if (a->name && *a->name)
            icalproperty_add_parameter(p, icalparameter_new_cn(a->name));
        icalproperty_add_parameter(p,
                                   icalparameter_new_role(a->required ? ICAL_ROLE_REQPARTICIPANT
                                                                      : ICAL_ROLE_OPTPARTICIPANT));
        if (!cancel) {
            icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
            icalproperty_add_parameter(p, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
        }
        icalcomponent_add_property(ev, p);
    }
    icalcomponent_add_component(cal, ev);
    char *out = as_text(cal);
    icalcomponent_free(cal);
    tz_ical_unlock();
    return out;
}

/* Appends one content line "head:value" (value already escaped), folded after 75 octets
 * without splitting a UTF-8 character (RFC 5545 §3.1). */
static void put_line(struct buf *b, const char *head, const char *value)
{
    size_t col = 0;
    for (int part = 0; part < 2; part++) {
        const char *p = part ? value : head;
        if (part) {
            buf_append(b, ":", 1);
            col++;
        }
        while (*p) {
            /* The longest run that fits on this line, ended before a character's first byte. */
            const char *q = p;
            while (*q && (col < 75 || ((unsigned char)*q & 0xC0) == 0x80)) {
                q++;
                col++;
            }
            buf_append(b, p, (size_t)(q - p));
            p = q;
            if (*p) {
                buf_append(b, "\r\n ", 3);
                col = 1;
            }
        }
    }
    buf_append(b, "\r\n", 2);
}

/* A TEXT value escaped (RFC 5545 §3.3.11). malloc'd. */
static char *text_value(const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    while (*s) {
        size_t run = strcspn(s, "\\;,\n\r");
        buf_append(&b, s, run);
        s += run;
        if (!*s)
            break;
        if (*s == '\n')
            buf_append(&b, "\\n", 2);
        else if (*s != '\r') {
            char esc[2] = {'\\', *s};
            buf_append(&b, esc, 2);
        }
        s++;
    }
    char *out = buf_steal(&b);
    return out ? out : hl_strdup("");
}

static void put_text(struct buf *b, const char *head, const char *value)
{
    char *v = text_value(value);
    put_line(b, head, v);
    free(v);
}

/* t as local "YYYYMMDDTHHMMSS" in z (or UTC with a Z). Caller holds the lock. */
static void local_stamp(char out[24], int64_t t, icaltimezone *z, bool utc)
{
    struct icaltimetype lt = icaltime_from_timet_with_zone((time_t)t, 0, z);
    snprintf(out, 24, "%04d%02d%02dT%02d%02d%02d%s", lt.year, lt.month, lt.day, lt.hour, lt.minute,
             lt.second, utc ? "Z" : "");
}

static void day_stamp(char out[16], int64_t day)
{
    int y, mo, d;
    civil_from_days(day, &y, &mo, &d);
    snprintf(out, 16, "%04d%02d%02d", y, mo, d);
}

/* The feed is written as text: building 1,000 events through libical's objects cost twice the
 * feed's budget. libical still gives the VTIMEZONE and the local times; the unit test reads
 * the result back with libical. */
char *feed_build(const char *zone, const char *name, const struct feed_event *ev, size_t n,
                 bool busy_only, const char *busy_title, int64_t stamp)
{
    char *out = NULL;
    struct buf b;
    buf_init(&b, 0);
    tz_ical_lock();
    bool is_utc = strcmp(zone, "UTC") == 0;
    icaltimezone *z =
        is_utc ? icaltimezone_get_utc_timezone() : icaltimezone_get_builtin_timezone(zone);
    icalcomponent *vtz = z && !is_utc ? icaltimezone_get_component(z) : NULL;
    if (!z || (!is_utc && !vtz))
        goto out;
    buf_puts(&b, "BEGIN:VCALENDAR\r\nPRODID:-//Haldus//Calendar feed//EN\r\nVERSION:2.0\r\n"
                 "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    put_text(&b, "X-WR-CALNAME", name);
    put_text(&b, "X-WR-TIMEZONE", zone);
    if (vtz) {
        icalcomponent *copy = icalcomponent_new_clone(vtz);
        icalproperty *id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
        if (id)
            icalproperty_set_tzid(id, zone);
        /* libical's own location extension is not for subscribers */
        icalproperty *x;
        while ((x = icalcomponent_get_first_property(copy, ICAL_X_PROPERTY)) != NULL) {
            icalcomponent_remove_property(copy, x);
            icalproperty_free(x);
        }
        char *t = as_text(copy);
        buf_puts(&b, t);
        free(t);
        icalcomponent_free(copy);
    }
    char now[24], head[128], v[24];
    local_stamp(now, stamp, icaltimezone_get_utc_timezone(), true);
    for (size_t i = 0; i < n; i++) {
        const struct feed_event *e = &ev[i];
        buf_puts(&b, "BEGIN:VEVENT\r\n");
        put_text(&b, "UID", e->uid);
        put_line(&b, "DTSTAMP", now);
        for (int k = 0; k < 2; k++) {
            const char *prop = k ? "DTEND" : "DTSTART";
            int64_t t = k ? e->end : e->start;
            if (e->all_day) {
                day_stamp(v, t);
                snprintf(head, sizeof head, "%s;VALUE=DATE", prop);
            } else if (is_utc) {
                local_stamp(v, t, z, true);
                snprintf(head, sizeof head, "%s", prop);
            } else {
                local_stamp(v, t, z, false);
                snprintf(head, sizeof head, "%s;TZID=%s", prop, zone);
            }
            put_line(&b, head, v);
        }
        put_text(&b, "SUMMARY", busy_only ? busy_title : e->title ? e->title : "");
        if (!busy_only && e->location && *e->location)
            put_text(&b, "LOCATION", e->location);
        if (!busy_only && e->description && *e->description)
            put_text(&b, "DESCRIPTION", e->description);
        buf_puts(&b, "TRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    }
    buf_puts(&b, "END:VCALENDAR\r\n");
    out = buf_steal(&b);
out:
    tz_ical_unlock();
    buf_cleanup(&b);
    return out;
}
