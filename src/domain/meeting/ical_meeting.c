/* ical_meeting.c: iCalendar text for meetings through libical — outside calendars read as busy
 * spans, iTIP invitations and cancellations, and a person's feed (see ical_meeting.h). Every
 * use of libical's zones holds tz.c's lock: its zone cache is not thread-safe. */
#include "ical_meeting.h"

#include "mem.h"
#include "timeutil.h"
#include "tz.h"

#include <libical/ical.h>
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

bool ics_busy(const char *text, int64_t from, int64_t to, struct slot_span **out, size_t *n,
              const char **why)
{
    struct busy_acc acc = {NULL, 0, 0, false};
    bool ok = false;
    *out = NULL;
    *n = 0;
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
        if (!icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY))
            continue;
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

/* An instant as local time in zone z, floating (the TZID parameter names the zone). */
static icalproperty *local_prop(icalproperty *(*make)(struct icaltimetype), int64_t t,
                                icaltimezone *z, const char *zone)
{
    struct icaltimetype lt = icaltime_from_timet_with_zone((time_t)t, 0, z);
    if (z == icaltimezone_get_utc_timezone())
        return make(lt);
    lt.zone = NULL;
    icalproperty *p = make(lt);
    icalproperty_add_parameter(p, icalparameter_new_tzid(zone));
    return p;
}

static struct icaltimetype date_of(int64_t day)
{
    int y, mo, d;
    civil_from_days(day, &y, &mo, &d);
    struct icaltimetype t = icaltime_null_date();
    t.year = y;
    t.month = mo;
    t.day = d;
    return t;
}

char *feed_build(const char *zone, const char *name, const struct feed_event *ev, size_t n,
                 bool busy_only, const char *busy_title, int64_t stamp)
{
    char *out = NULL;
    tz_ical_lock();
    bool is_utc = strcmp(zone, "UTC") == 0;
    icaltimezone *z =
        is_utc ? icaltimezone_get_utc_timezone() : icaltimezone_get_builtin_timezone(zone);
    icalcomponent *vtz = z && !is_utc ? icaltimezone_get_component(z) : NULL;
    if (!z || (!is_utc && !vtz))
        goto out;
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Haldus//Calendar feed//EN"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty *xn = icalproperty_new_x(name);
    icalproperty_set_x_name(xn, "X-WR-CALNAME");
    icalcomponent_add_property(cal, xn);
    icalproperty *xz = icalproperty_new_x(zone);
    icalproperty_set_x_name(xz, "X-WR-TIMEZONE");
    icalcomponent_add_property(cal, xz);
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
        icalcomponent_add_component(cal, copy);
    }
    struct icaltimetype now = utc_time(stamp);
    for (size_t i = 0; i < n; i++) {
        const struct feed_event *e = &ev[i];
        icalcomponent *v = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(v, icalproperty_new_uid(e->uid));
        icalcomponent_add_property(v, icalproperty_new_dtstamp(now));
        if (e->all_day) {
            icalcomponent_add_property(v, icalproperty_new_dtstart(date_of(e->start)));
            icalcomponent_add_property(v, icalproperty_new_dtend(date_of(e->end)));
        } else {
            icalcomponent_add_property(v, local_prop(icalproperty_new_dtstart, e->start, z, zone));
            icalcomponent_add_property(v, local_prop(icalproperty_new_dtend, e->end, z, zone));
        }
        icalcomponent_add_property(v, icalproperty_new_summary(busy_only ? busy_title : e->title));
        if (!busy_only && e->location && *e->location)
            icalcomponent_add_property(v, icalproperty_new_location(e->location));
        if (!busy_only && e->description && *e->description)
            icalcomponent_add_property(v, icalproperty_new_description(e->description));
        icalcomponent_add_property(v, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_component(cal, v);
    }
    out = as_text(cal);
    icalcomponent_free(cal);
out:
    tz_ical_unlock();
    return out;
}
