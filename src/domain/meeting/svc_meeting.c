/* svc_meeting.c: the meetings' use cases — who may act for an executive, find-a-time (gathering
 * each person's working hours and busy times for the pure search), booking, moving and
 * cancelling with their iTIP e-mails, outside calendars and calendar feeds. */
#include "meeting.h"

#include "holiday_domain.h"
#include "fetch_meeting.h"
#include "ical_meeting.h"
#include "mail.h"
#include "mem.h"
#include "slot_meeting.h"
#include "store_account.h"
#include "store_meeting.h"
#include "svc_auth.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* ---- input helpers: each names the field it refuses ---- */

static enum hl_err get_int(const json_t *body, const char *name, bool required, int64_t min,
                           int64_t max, int64_t def, int64_t *out, struct hl_error *err)
{
    const json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v)) {
        if (required)
            return hl_fail(err, HL_ERR_INVALID, name, "%s is required", name);
        *out = def;
        return HL_OK;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return hl_fail(err, HL_ERR_INVALID, name, "%s must be an integer from %lld to %lld", name,
                       (long long)min, (long long)max);
    *out = json_integer_value(v);
    return HL_OK;
}

static enum hl_err get_instant(const json_t *body, const char *name, int64_t *out,
                               struct hl_error *err)
{
    const json_t *v = json_object_get(body, name);
    if (!json_is_string(v) || !instant_parse(json_string_value(v), out))
        return hl_fail(err, HL_ERR_INVALID, name,
                       "%s must be an RFC 3339 instant (2026-12-01T08:00:00Z)", name);
    return HL_OK;
}

static enum hl_err get_hhmm(const json_t *body, const char *name, int def, int *out,
                            struct hl_error *err)
{
    const json_t *v = json_object_get(body, name);
    *out = def;
    if (!v || json_is_null(v))
        return HL_OK;
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    int h, m;
    char tail;
    if (strlen(s) != 5 || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 ||
        m > 59 || (h == 24 && m != 0))
        return hl_fail(err, HL_ERR_INVALID, name, "%s must be a local time HH:MM", name);
    *out = h * 60 + m;
    return HL_OK;
}

/* Refuses a member of body not in allowed (NULL-terminated). */
static enum hl_err only_fields(const json_t *body, const char *const *allowed, const char *what,
                               struct hl_error *err)
{
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "%s must be a JSON object", what);
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)body, k, v)
    {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, k) == 0;
        if (!ok)
            return hl_fail(err, HL_ERR_INVALID, k, "%s has no field %s", what, k);
    }
    return HL_OK;
}

static bool email_ok(const char *s)
{
    static const struct field f = {"email", FT_EMAIL, 0, 3, 254, NULL, NULL, NULL, NULL};
    json_t *v = json_string(s);
    struct hl_error e;
    hl_error_clear(&e);
    bool ok = v && field_validate(&f, v, &e) == HL_OK;
    json_decref(v);
    return ok;
}

/* One attendee as given: a person in Haldus or an outside address. */
struct who_in {
    int64_t person;
    const char *email;
    bool required;
};

/* Reads body.attendees into *out (malloc'd, *n long); persons are checked to exist. */
static enum hl_err get_attendees(struct svc_ctx *ctx, const json_t *body, struct who_in **out,
                                 size_t *n, struct hl_error *err)
{
    *out = NULL;
    *n = 0;
    const json_t *arr = json_object_get(body, "attendees");
    if (!arr || json_is_null(arr))
        return HL_OK;
    if (!json_is_array(arr) || json_array_size(arr) > MEETING_MAX_ATTENDEES)
        return hl_fail(err, HL_ERR_INVALID, "attendees",
                       "attendees must be a list of at most %d {person_id} or {email}",
                       MEETING_MAX_ATTENDEES);
    *out = hl_calloc(json_array_size(arr) + 1, sizeof **out);
    static const char *const allowed[] = {"person_id", "email", "required", NULL};
    size_t i;
    const json_t *a;
    json_array_foreach(arr, i, a)
    {
        char field[48];
        snprintf(field, sizeof field, "attendees[%zu]", i);
        struct hl_error sub;
        hl_error_clear(&sub);
        if (only_fields(a, allowed, field, &sub) != HL_OK) {
            hl_fail(err, HL_ERR_INVALID, field, "%s", sub.message);
            goto bad;
        }
        const json_t *p = json_object_get(a, "person_id"), *e = json_object_get(a, "email");
        const json_t *r = json_object_get(a, "required");
        struct who_in w = {0, NULL, true};
        if (r && !json_is_boolean(r)) {
            hl_fail(err, HL_ERR_INVALID, field, "%s.required must be true or false", field);
            goto bad;
        }
        w.required = !r || json_is_true(r);
        if ((p != NULL) == (e != NULL)) {
            hl_fail(err, HL_ERR_INVALID, field, "%s needs either person_id or email", field);
            goto bad;
        }
        if (p) {
            if (!json_is_integer(p) || json_integer_value(p) <= 0) {
                hl_fail(err, HL_ERR_INVALID, field, "%s.person_id must be a person's id", field);
                goto bad;
            }
            w.person = json_integer_value(p);
            struct meeting_person mp;
            enum hl_err x = store_meeting_person(ctx->db, w.person, &mp, err);
            meeting_person_cleanup(&mp);
            if (x == HL_ERR_NOT_FOUND) {
                hl_fail(err, HL_ERR_INVALID, field, "%s: person %lld does not exist", field,
                        (long long)w.person);
                goto bad;
            }
            if (x != HL_OK)
                goto bad;
        } else {
            if (!json_is_string(e) || !email_ok(json_string_value(e))) {
                hl_fail(err, HL_ERR_INVALID, field, "%s.email must be an e-mail address", field);
                goto bad;
            }
            w.email = json_string_value(e);
        }
        for (size_t k = 0; k < *n; k++)
            if ((w.person && (*out)[k].person == w.person) ||
                (w.email && (*out)[k].email && strcasecmp((*out)[k].email, w.email) == 0)) {
                hl_fail(err, HL_ERR_INVALID, field, "%s is listed twice", field);
                goto bad;
            }
        (*out)[(*n)++] = w;
    }
    return HL_OK;
bad:
    free(*out);
    *out = NULL;
    *n = 0;
    return err->code;
}

/* Whether ctx may book for principal: the CLI, managers, the executive, or an assistant who
 * supports them now or covers them. */
static enum hl_err may_act(struct svc_ctx *ctx, int64_t principal, struct hl_error *err)
{
    if (!ctx->who || role_is_manager(ctx->who->role) || ctx->who->person_id == principal)
        return HL_OK;
    bool ok = false;
    enum hl_err e = HL_OK;
    if (ctx->who->role == ROLE_ASSISTANT && ctx->who->person_id > 0)
        e = store_meeting_may_act(ctx->db, ctx->who->person_id, principal, &ok, err);
    if (e != HL_OK)
        return e;
    if (!ok)
        return hl_fail(err, HL_ERR_FORBIDDEN, "principal_id",
                       "you may arrange meetings only for yourself and the executives you support "
                       "or cover");
    return HL_OK;
}

/* ---- find a time ---- */

/* One person of a search with their spans (owned). */
struct searched {
    struct meeting_person p;
    bool required;
    struct slot_span *work, *busy;
    size_t nwork, nbusy;
};

static void searched_cleanup(struct searched *s)
{
    meeting_person_cleanup(&s->p);
    free(s->work);
    free(s->busy);
}

/* Adds to s->busy what the other domains put in the person's calendar feed over [from, to)
 * (a mediation session, …): the times only, as the busy-only feed shows them. */
static enum hl_err other_busy(struct svc_ctx *ctx, int64_t id, int64_t from, int64_t to,
                              struct searched *s, struct hl_error *err)
{
    struct feed_list list = {NULL, 0, 0};
    enum hl_err e = HL_OK;
    for (const struct domain *const *d = domain_registry; *d && e == HL_OK; d++)
        if ((*d)->feed && (*d)->feed != meeting_feed)
            e = (*d)->feed(ctx, id, from, to, &list, err);
    size_t extra = 0;
    for (size_t i = 0; e == HL_OK && i < list.n; i++)
        extra += !list.v[i].all_day;
    if (e == HL_OK && extra) {
        s->busy = hl_realloc(s->busy, (s->nbusy + extra) * sizeof *s->busy);
        for (size_t i = 0; i < list.n; i++)
            if (!list.v[i].all_day)
                s->busy[s->nbusy++] = (struct slot_span){list.v[i].start, list.v[i].end};
    }
    feed_list_cleanup(&list);
    return e;
}

/* Loads the person's working spans (their pattern in their zone — Monday to Friday 09:00–17:00
 * when they have none — clipped to [earliest, latest) local, without holidays of their office
 * and days their pattern rows are not valid) and busy spans over [from, to). */
static enum hl_err load_person(struct svc_ctx *ctx, int64_t id, int64_t from, int64_t to,
                               int earliest, int latest, int64_t except,
                               const struct holiday_set *hol, struct searched *s,
                               struct hl_error *err)
{
    struct meeting_work *rows = NULL;
    size_t nrows = 0;
    struct utc_interval *iv = NULL;
    enum hl_err e = store_meeting_person(ctx->db, id, &s->p, err);
    if (e != HL_OK)
        goto out;
    if ((e = store_meeting_work(ctx->db, id, &rows, &nrows, err)) != HL_OK)
        goto out;
    if (nrows == 0) {
        rows = hl_calloc(5, sizeof *rows);
        for (int d = 0; d < 5; d++)
            rows[d] = (struct meeting_work){{d + 1, 9 * 60, 17 * 60}, INT64_MIN, INT64_MAX};
        nrows = 5;
    }
    struct weekly_interval *week = hl_calloc(nrows, sizeof *week);
    for (size_t i = 0; i < nrows; i++) {
        week[i] = rows[i].w;
        if (week[i].start_minute < earliest)
            week[i].start_minute = earliest;
        if (week[i].end_minute > latest)
            week[i].end_minute = latest;
        if (week[i].end_minute <= week[i].start_minute)
            week[i].end_minute = week[i].start_minute; /* nothing left of it */
    }
    size_t count = 0;
    int64_t d0 = from / DAY - 1, d1 = to / DAY + 1;
    iv = tz_expand_weekly(s->p.zone, week, nrows, d0, d1, &count);
    free(week);
    s->work = hl_calloc(count + 1, sizeof *s->work);
    for (size_t i = 0; i < count; i++) {
        const struct meeting_work *r = &rows[iv[i].index];
        if (iv[i].day < r->from_day || iv[i].day > r->to_day || iv[i].end <= iv[i].start ||
            holiday_set_find(hol, s->p.office, iv[i].day))
            continue;
        s->work[s->nwork++] = (struct slot_span){iv[i].start, iv[i].end};
    }
    if ((e = store_meeting_busy(ctx->db, id, from - DAY, to + DAY, except, &s->busy, &s->nbusy,
                                err)) == HL_OK)
        e = other_busy(ctx, id, from - DAY, to + DAY, s, err);
out:
    free(rows);
    free(iv);
    return e;
}

static json_t *spans_json(const struct slot_span *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char f[21], t[21];
        instant_format(s[i].start, f);
        instant_format(s[i].end, t);
        json_array_append_new(a, json_pack("{ss ss}", "start", f, "end", t));
    }
    return a;
}

enum hl_err svc_meeting_find_time(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err)
{
    static const char *const allowed[] = {
        "principal_id",     "attendees",      "from",         "to",
        "duration_minutes", "buffer_minutes", "step_minutes", "earliest",
        "latest",           "room_id",        "count",        NULL};
    struct who_in *who = NULL;
    size_t nwho = 0, np = 0;
    struct searched *ppl = NULL;
    struct slot_person *sp = NULL;
    struct slot_result *res = NULL;
    struct holiday_set hol = {NULL, 0};
    struct slot_span *room_busy = NULL;
    size_t nroom_busy = 0;
    bool tx = false;
    int64_t principal, from, to, dur, buf, step, count, room;
    int earliest, latest;
    *out = NULL;
    enum hl_err e;
    if ((e = only_fields(body, allowed, "the search", err)) != HL_OK ||
        (e = get_int(body, "principal_id", false, 1, INT64_MAX, 0, &principal, err)) != HL_OK ||
        (e = get_instant(body, "from", &from, err)) != HL_OK ||
        (e = get_instant(body, "to", &to, err)) != HL_OK ||
        (e = get_int(body, "duration_minutes", true, 5, 480, 0, &dur, err)) != HL_OK ||
        (e = get_int(body, "buffer_minutes", false, 0, 120, 0, &buf, err)) != HL_OK ||
        (e = get_int(body, "step_minutes", false, 5, 120, 15, &step, err)) != HL_OK ||
        (e = get_int(body, "count", false, 1, 50, 10, &count, err)) != HL_OK ||
        (e = get_int(body, "room_id", false, 1, INT64_MAX, 0, &room, err)) != HL_OK ||
        (e = get_hhmm(body, "earliest", 0, &earliest, err)) != HL_OK ||
        (e = get_hhmm(body, "latest", 1440, &latest, err)) != HL_OK)
        return e;
    if (to <= from || to - from > MEETING_MAX_WINDOW)
        return hl_fail(err, HL_ERR_INVALID, "to", "to must be after from, at most 62 days later");
    if (latest <= earliest)
        return hl_fail(err, HL_ERR_INVALID, "latest", "latest must be after earliest");
    if (ctx->who && !role_is_manager(ctx->who->role) && !principal)
        return hl_fail(err, HL_ERR_INVALID, "principal_id",
                       "principal_id is required: the executive you arrange the meeting for");
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    tx = true;
    if (principal && (e = may_act(ctx, principal, err)) != HL_OK)
        goto out;
    if ((e = get_attendees(ctx, body, &who, &nwho, err)) != HL_OK)
        goto out;
    if ((e = holiday_set_load(ctx->db, from / DAY - 1, to / DAY + 1, NULL, &hol, err)) != HL_OK)
        goto out;
    ppl = hl_calloc(nwho + 2, sizeof *ppl);
    sp = hl_calloc(nwho + 2, sizeof *sp);
    bool any_required = false;
    for (size_t i = 0; i <= nwho; i++) {
        int64_t id = i == 0 ? principal : who[i - 1].person;
        bool req = i == 0 ? true : who[i - 1].required;
        if (!id || (i > 0 && id == principal))
            continue;
        if (np == SLOT_MAX_PEOPLE - 1) {
            e = hl_fail(err, HL_ERR_INVALID, "attendees", "at most %d people in one search",
                        SLOT_MAX_PEOPLE - 1);
            goto out;
        }
        ppl[np].required = req;
        if ((e = load_person(ctx, id, from, to, earliest, latest, 0, &hol, &ppl[np], err)) !=
            HL_OK) {
            if (e == HL_ERR_NOT_FOUND)
                e = hl_fail(err, HL_ERR_INVALID, "principal_id", "person %lld does not exist",
                            (long long)id);
            np++;
            goto out;
        }
        sp[np] =
            (struct slot_person){req, ppl[np].work, ppl[np].nwork, ppl[np].busy, ppl[np].nbusy};
        any_required |= req;
        np++;
    }
    if (!any_required) {
        e = hl_fail(err, HL_ERR_INVALID, "attendees",
                    "name the executive or at least one required person in Haldus");
        goto out;
    }
    size_t nsp = np;
    struct slot_span window = {from, to};
    if (room) {
        int64_t cap;
        bool active;
        char *rname = NULL;
        e = store_meeting_room(ctx->db, room, &cap, &active, &rname, err);
        free(rname);
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_INVALID, "room_id", "room %lld does not exist",
                        (long long)room);
        if (e != HL_OK)
            goto out;
        if (!active || cap < (int64_t)(nwho + 1)) {
            e = hl_fail(err, HL_ERR_INVALID, "room_id",
                        !active ? "the room is no longer in use"
                                : "the room seats fewer people than are invited");
            goto out;
        }
        if ((e = store_meeting_room_busy(ctx->db, room, from - DAY, to + DAY, 0, &room_busy,
                                         &nroom_busy, err)) != HL_OK)
            goto out;
        /* The room is a required attendee that works all window and needs no buffer. */
        sp[nsp++] = (struct slot_person){true, &window, 1, room_busy, nroom_busy};
    }
    struct slot_query q = {from, to, dur * 60, buf * 60, step * 60, 30 * 60, (size_t)count};
    res = hl_calloc((size_t)count, sizeof *res);
    size_t nres = slot_find(&q, sp, nsp, res);
    json_t *slots = json_array();
    for (size_t i = 0; i < nres; i++) {
        char f[21], t[21];
        instant_format(res[i].start, f);
        instant_format(res[i].end, t);
        json_t *tight = json_array(), *away = json_array();
        for (size_t k = 0; k < np; k++) {
            if (res[i].tight & (UINT64_C(1) << k))
                json_array_append_new(tight, json_integer(ppl[k].p.id));
            if (res[i].optional_away & (UINT64_C(1) << k))
                json_array_append_new(away, json_integer(ppl[k].p.id));
        }
        json_array_append_new(slots,
                              json_pack("{ss ss si so so}", "start", f, "end", t, "score",
                                        res[i].score, "tight", tight, "optional_away", away));
    }
    json_t *people = json_array();
    for (size_t k = 0; k < np; k++) {
        struct slot_span *fr = NULL;
        size_t nfr = slot_free(&sp[k], q.buffer, from, to, &fr);
        json_array_append_new(people,
                              json_pack("{sI ss ss sb so}", "person_id", (json_int_t)ppl[k].p.id,
                                        "name", ppl[k].p.name, "time_zone", ppl[k].p.zone,
                                        "required", ppl[k].required, "free", spans_json(fr, nfr)));
        free(fr);
    }
    json_t *outside = json_array();
    for (size_t i = 0; i < nwho; i++)
        if (who[i].email)
            json_array_append_new(
                outside, json_pack("{ss sb}", "email", who[i].email, "required", who[i].required));
    char f[21], t[21];
    instant_format(from, f);
    instant_format(to, t);
    *out = json_pack("{ss ss sI so so so}", "from", f, "to", t, "duration_minutes", (json_int_t)dur,
                     "slots", slots, "attendees", people, "outside", outside);
    if (room) {
        struct slot_span *fr = NULL;
        size_t nfr = slot_free(&sp[np], 0, from, to, &fr);
        json_object_set_new(
            *out, "room",
            json_pack("{sI so}", "room_id", (json_int_t)room, "free", spans_json(fr, nfr)));
        free(fr);
    }
out:
    if (tx)
        db_rollback(ctx->db); /* a read: nothing to keep */
    for (size_t k = 0; k < np; k++)
        searched_cleanup(&ppl[k]);
    free(ppl);
    free(sp);
    free(res);
    free(who);
    free(room_busy);
    holiday_set_cleanup(&hol);
    return e;
}

/* ---- invitations ---- */

static const struct mail_template tpl_invite = {
    "meeting.invite",
    {"Invitation: {title}", "Kutse: {title}"},
    {"Hello,\n\n{principal} invites you to \"{title}\".\n\nWhen: {when}\nWhere: {where}\n\n"
     "Booked by {booked_by}. The invitation is attached; your calendar program adds it.\n\n"
     "— Haldus",
     "Tere!\n\n{principal} kutsub sind kohtumisele „{title}“.\n\nAeg: {when}\nKoht: {where}\n\n"
     "Broneeris {booked_by}. Kutse on manuses; kalendriprogramm lisab selle sinu "
     "kalendrisse.\n\n— Haldus"},
};

static const struct mail_template tpl_update = {
    "meeting.update",
    {"Moved: {title}", "Muudetud: {title}"},
    {"Hello,\n\n\"{title}\" with {principal} has a new time.\n\nWhen: {when}\nWhere: {where}\n\n"
     "The updated invitation is attached.\n\n— Haldus",
     "Tere!\n\nKohtumise „{title}“ ({principal}) aeg muutus.\n\nAeg: {when}\nKoht: {where}\n\n"
     "Uuendatud kutse on manuses.\n\n— Haldus"},
};

static const struct mail_template tpl_cancel = {
    "meeting.cancel",
    {"Cancelled: {title}", "Tühistatud: {title}"},
    {"Hello,\n\n\"{title}\" with {principal} ({when}) is cancelled.\n\n— Haldus",
     "Tere!\n\nKohtumine „{title}“ ({principal}, {when}) on tühistatud.\n\n— Haldus"},
};

/* "2026-12-01 10:00–11:00 (Europe/Tallinn)" in zone. malloc'd. */
static char *when_text(const char *zone, int64_t start, int64_t end)
{
    int64_t d0, d1;
    int m0, m1, y, mo, d;
    if (!tz_utc_to_local(zone, start, &d0, &m0) || !tz_utc_to_local(zone, end, &d1, &m1))
        return hl_strdup("?");
    civil_from_days(d0, &y, &mo, &d);
    if (d1 == d0)
        return hl_asprintf("%04d-%02d-%02d %02d:%02d–%02d:%02d (%s)", y, mo, d, m0 / 60, m0 % 60,
                           m1 / 60, m1 % 60, zone);
    int y1, mo1, dd1;
    civil_from_days(d1, &y1, &mo1, &dd1);
    return hl_asprintf("%04d-%02d-%02d %02d:%02d – %04d-%02d-%02d %02d:%02d (%s)", y, mo, d,
                       m0 / 60, m0 % 60, y1, mo1, dd1, m1 / 60, m1 % 60, zone);
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static int64_t instant_of(const json_t *o, const char *k)
{
    int64_t t = 0;
    instant_parse(str(o, k), &t);
    return t;
}

/* Queues the meeting's iTIP message (kind: the template) for the executive and every attendee,
 * in the open transaction. *queued counts the mails. */
static enum hl_err notify(struct svc_ctx *ctx, const json_t *m, const json_t *attendees,
                          const struct mail_template *tpl, bool cancel, int64_t *queued,
                          struct hl_error *err)
{
    struct meeting_person org;
    char *where = NULL, *ics = NULL, *rname = NULL;
    struct itip_attendee *at = NULL;
    *queued = 0;
    enum hl_err e = store_meeting_person(ctx->db, num(m, "principal_id"), &org, err);
    if (e != HL_OK)
        return e;
    if (json_is_integer(json_object_get(m, "room_id"))) {
        int64_t cap;
        bool active;
        if ((e = store_meeting_room(ctx->db, num(m, "room_id"), &cap, &active, &rname, err)) !=
            HL_OK)
            goto out;
    }
    const char *place = str(m, "place"), *video = str(m, "video_url");
    where = hl_asprintf("%s%s%s%s%s", rname ? rname : "", rname && *place ? ", " : "", place,
                        (rname || *place) && *video ? ", " : "", video);
    size_t n = json_array_size(attendees);
    at = hl_calloc(n + 1, sizeof *at);
    for (size_t i = 0; i < n; i++) {
        const json_t *a = json_array_get(attendees, i);
        at[i] =
            (struct itip_attendee){str(a, "email"), json_string_value(json_object_get(a, "name")),
                                   json_is_true(json_object_get(a, "required"))};
    }
    int64_t start = instant_of(m, "start_at"), end = instant_of(m, "end_at");
    struct itip_meeting im = {str(m, "uid"),
                              num(m, "sequence"),
                              db_now(ctx->db),
                              start,
                              end,
                              str(m, "title"),
                              *where ? where : NULL,
                              *video ? video : NULL,
                              org.email,
                              org.name,
                              at,
                              n};
    ics = itip_build(&im, cancel);
    /* The executive first (the meeting goes into their calendar too), then each attendee. */
    for (size_t i = 0; i <= n && e == HL_OK; i++) {
        const json_t *a = i ? json_array_get(attendees, i - 1) : NULL;
        int64_t pid =
            i ? (json_is_integer(json_object_get(a, "person_id")) ? num(a, "person_id") : 0)
              : org.id;
        struct meeting_person rp = {0};
        const char *zone = org.zone;
        if (pid && pid != org.id) {
            if ((e = store_meeting_person(ctx->db, pid, &rp, err)) != HL_OK)
                break;
            zone = rp.zone;
        }
        char *when = when_text(zone, start, end);
        json_t *params =
            json_pack("{ss ss ss ss ss}", "title", str(m, "title"), "principal", org.name, "when",
                      when, "where", *where ? where : "—", "booked_by", str(m, "booked_by"));
        struct mail_to to = {pid, pid ? NULL : str(a, "email"),
                             org.lang && strcmp(org.lang, "et") == 0 ? MAIL_ET : MAIL_EN};
        int64_t id = 0;
        e = mail_enqueue(ctx, tpl, &to, params, ics, &id, err);
        if (id)
            (*queued)++;
        json_decref(params);
        free(when);
        meeting_person_cleanup(&rp);
    }
out:
    meeting_person_cleanup(&org);
    free(where);
    free(ics);
    free(rname);
    free(at);
    return e;
}

/* Checks the room for [start, end) (except meeting `except`): it exists, is in use, seats
 * the party and is free. */
static enum hl_err room_check(struct svc_ctx *ctx, int64_t room, size_t party, int64_t start,
                              int64_t end, int64_t except, struct hl_error *err)
{
    int64_t cap;
    bool active;
    char *name = NULL;
    struct slot_span *b = NULL;
    size_t nb = 0;
    enum hl_err e = store_meeting_room(ctx->db, room, &cap, &active, &name, err);
    if (e == HL_ERR_NOT_FOUND)
        e = hl_fail(err, HL_ERR_INVALID, "room_id", "room %lld does not exist", (long long)room);
    if (e != HL_OK)
        goto out;
    if (!active) {
        e = hl_fail(err, HL_ERR_INVALID, "room_id", "%s is no longer in use", name);
        goto out;
    }
    if (cap < (int64_t)party) {
        e = hl_fail(err, HL_ERR_INVALID, "room_id", "%s seats %lld; the meeting has %zu people",
                    name, (long long)cap, party);
        goto out;
    }
    if ((e = store_meeting_room_busy(ctx->db, room, start, end, except, &b, &nb, err)) != HL_OK)
        goto out;
    if (nb > 0)
        e = hl_fail(err, HL_ERR_CONFLICT, "room_id", "%s is booked then", name);
out:
    free(name);
    free(b);
    return e;
}

enum hl_err svc_meeting_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    json_t *att = NULL;
    enum hl_err e = svc_entity_get(ctx, &ent_meeting, id, out, err);
    if (e != HL_OK)
        return e;
    if ((e = store_meeting_attendees(ctx->db, id, &att, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
        return e;
    }
    json_object_set_new(*out, "attendees", att);
    return HL_OK;
}

static bool url_ok(const char *s)
{
    return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

static enum hl_err request_close(struct svc_ctx *ctx, int64_t id, int64_t principal,
                                 int64_t meeting, int64_t if_match, json_t **out,
                                 struct hl_error *err);

enum hl_err svc_meeting_book(struct svc_ctx *ctx, const json_t *body, json_t **out,
                             struct hl_error *err)
{
    static const char *const allowed[] = {
        "principal_id", "title",   "start_at",  "duration_minutes", "place",
        "video_url",    "room_id", "attendees", "request_id",       NULL};
    struct who_in *who = NULL;
    size_t nwho = 0;
    json_t *rec = NULL, *att = NULL, *fields = NULL, *system = NULL;
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    int64_t principal, start, dur, room, request, queued = 0;
    *out = NULL;
    enum hl_err e;
    if ((e = only_fields(body, allowed, "the meeting", err)) != HL_OK ||
        (e = get_int(body, "request_id", false, 1, INT64_MAX, 0, &request, err)) != HL_OK ||
        (e = get_int(body, "principal_id", true, 1, INT64_MAX, 0, &principal, err)) != HL_OK ||
        (e = get_instant(body, "start_at", &start, err)) != HL_OK ||
        (e = get_int(body, "duration_minutes", true, 5, 1440, 0, &dur, err)) != HL_OK ||
        (e = get_int(body, "room_id", false, 1, INT64_MAX, 0, &room, err)) != HL_OK)
        return e;
    const json_t *video = json_object_get(body, "video_url");
    if (json_is_string(video) && *json_string_value(video) && !url_ok(json_string_value(video)))
        return hl_fail(err, HL_ERR_INVALID, "video_url", "video_url must be an http(s) link");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct meeting_person org = {0};
    if ((e = may_act(ctx, principal, err)) != HL_OK ||
        (e = get_attendees(ctx, body, &who, &nwho, err)) != HL_OK)
        goto fail;
    if ((e = store_meeting_person(ctx->db, principal, &org, err)) != HL_OK) {
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_INVALID, "principal_id", "person %lld does not exist",
                        (long long)principal);
        goto fail;
    }
    if (room && (e = room_check(ctx, room, nwho + 1, start, start + dur * 60, 0, err)) != HL_OK)
        goto fail;
    char s[21], t[21];
    instant_format(start, s);
    instant_format(start + dur * 60, t);
    fields = json_pack("{ss ss ss}", "title",
                       json_is_string(json_object_get(body, "title"))
                           ? json_string_value(json_object_get(body, "title"))
                           : "",
                       "start_at", s, "end_at", t);
    if (!json_object_get(body, "title"))
        json_object_del(fields, "title");
    if (json_object_get(body, "place"))
        json_object_set(fields, "place", json_object_get(body, "place"));
    if (video)
        json_object_set(fields, "video_url", (json_t *)video);
    if (room)
        json_object_set_new(fields, "room_id", json_integer(room));
    char secret[64];
    auth_random_token(secret, sizeof secret, 18);
    char *uid = hl_asprintf("%s@haldus", secret);
    system = json_pack("{sI ss ss si ss}", "principal_id", (json_int_t)principal, "booked_by",
                       ctx->actor ? ctx->actor : "cli", "uid", uid, "sequence", 0, "status",
                       "scheduled");
    free(uid);
    if ((e = svc_entity_create_as(&sys, &ent_meeting, fields, system, &rec, err)) != HL_OK)
        goto fail;
    int64_t id = num(rec, "id");
    for (size_t i = 0; i < nwho; i++) {
        json_t *a = json_pack("{sI sI sb}", "meeting_id", (json_int_t)id, "principal_id",
                              (json_int_t)principal, "required", who[i].required);
        if (who[i].person)
            json_object_set_new(a, "person_id", json_integer(who[i].person));
        else
            json_object_set_new(a, "email", json_string(who[i].email));
        json_t *none = json_object(); /* every field of an attendee is Haldus's to set */
        e = svc_entity_create_as(&sys, &ent_meeting_attendee, none, a, NULL, err);
        json_decref(none);
        json_decref(a);
        if (e != HL_OK)
            goto fail;
    }
    if ((e = store_meeting_attendees(ctx->db, id, &att, err)) != HL_OK ||
        (e = notify(ctx, rec, att, &tpl_invite, false, &queued, err)) != HL_OK)
        goto fail;
    /* Both names: who booked it and for whom. */
    json_t *who_json = json_pack("{ss sI ss}", "booked_by", ctx->actor ? ctx->actor : "cli",
                                 "principal_id", (json_int_t)principal, "on_behalf_of", org.name);
    e = svc_audit(ctx, "book", "meeting", id, NULL, who_json, err);
    json_decref(who_json);
    /* Booked for a meeting to arrange: that one is closed with it. */
    if (e == HL_OK && request) {
        json_t *closed = NULL;
        e = request_close(ctx, request, principal, id, 0, &closed, err);
        json_decref(closed);
    }
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_object_set_new(rec, "attendees", att);
    json_object_set_new(rec, "mails_queued", json_integer(queued));
    *out = rec;
    meeting_person_cleanup(&org);
    json_decref(fields);
    json_decref(system);
    free(who);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    meeting_person_cleanup(&org);
    json_decref(rec);
    json_decref(att);
    json_decref(fields);
    json_decref(system);
    free(who);
    return e;
}

/* Loads a visible meeting the actor may act for and that is still scheduled, in the open
 * transaction. */
static enum hl_err load_for_change(struct svc_ctx *ctx, int64_t id, json_t **m, json_t **att,
                                   struct hl_error *err)
{
    *m = *att = NULL;
    enum hl_err e = svc_entity_get(ctx, &ent_meeting, id, m, err);
    if (e == HL_OK)
        e = may_act(ctx, num(*m, "principal_id"), err);
    if (e == HL_OK && strcmp(str(*m, "status"), "scheduled") != 0)
        e = hl_fail(err, HL_ERR_TRANSITION, "status", "the meeting is already cancelled");
    if (e == HL_OK)
        e = store_meeting_attendees(ctx->db, id, att, err);
    if (e != HL_OK) {
        json_decref(*m);
        json_decref(*att);
        *m = *att = NULL;
    }
    return e;
}

enum hl_err svc_meeting_reschedule(struct svc_ctx *ctx, int64_t id, const json_t *body,
                                   json_t **out, struct hl_error *err)
{
    static const char *const allowed[] = {"start_at", "duration_minutes", "room_id", NULL};
    json_t *m = NULL, *att = NULL, *changes = NULL, *after = NULL;
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    int64_t start, dur, room, queued;
    *out = NULL;
    enum hl_err e;
    if ((e = only_fields(body, allowed, "the change", err)) != HL_OK ||
        (e = get_instant(body, "start_at", &start, err)) != HL_OK ||
        (e = get_int(body, "duration_minutes", false, 5, 1440, 0, &dur, err)) != HL_OK ||
        (e = get_int(body, "room_id", false, 1, INT64_MAX, 0, &room, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = load_for_change(ctx, id, &m, &att, err)) != HL_OK)
        goto fail;
    if (!dur)
        dur = (instant_of(m, "end_at") - instant_of(m, "start_at")) / 60;
    bool has_room = json_object_get(body, "room_id") != NULL;
    if (!has_room && json_is_integer(json_object_get(m, "room_id")))
        room = num(m, "room_id");
    if (room && (e = room_check(ctx, room, json_array_size(att) + 1, start, start + dur * 60, id,
                                err)) != HL_OK)
        goto fail;
    char s[21], t[21];
    instant_format(start, s);
    instant_format(start + dur * 60, t);
    changes = json_pack("{ss ss sI}", "start_at", s, "end_at", t, "sequence",
                        (json_int_t)(num(m, "sequence") + 1));
    json_object_set_new(changes, "room_id", room ? json_integer(room) : json_null());
    if ((e = svc_entity_set_system(&sys, &ent_meeting, id, IF_MATCH_NONE, changes, "reschedule",
                                   &after, err)) != HL_OK ||
        (e = notify(ctx, after, att, &tpl_update, false, &queued, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_object_set_new(after, "attendees", att);
    json_object_set_new(after, "mails_queued", json_integer(queued));
    *out = after;
    json_decref(m);
    json_decref(changes);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(m);
    json_decref(att);
    json_decref(changes);
    json_decref(after);
    return e;
}

enum hl_err svc_meeting_cancel(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    json_t *m = NULL, *att = NULL, *changes = NULL, *after = NULL;
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    int64_t queued;
    *out = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = load_for_change(ctx, id, &m, &att, err)) != HL_OK)
        goto fail;
    changes = json_pack("{ss sI}", "status", "cancelled", "sequence",
                        (json_int_t)(num(m, "sequence") + 1));
    if ((e = svc_entity_set_system(&sys, &ent_meeting, id, IF_MATCH_NONE, changes, "cancel", &after,
                                   err)) != HL_OK ||
        (e = notify(ctx, after, att, &tpl_cancel, true, &queued, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_object_set_new(after, "attendees", att);
    json_object_set_new(after, "mails_queued", json_integer(queued));
    *out = after;
    json_decref(m);
    json_decref(changes);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(m);
    json_decref(att);
    json_decref(changes);
    json_decref(after);
    return e;
}

/* ---- meetings to arrange ---- */

enum hl_err svc_meeting_request_add(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                    struct hl_error *err)
{
    static const char *const allowed[] = {
        "principal_id", "with_whom", "subject", "duration_minutes", "by_date", "notes", NULL};
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    json_t *fields = NULL, *system = NULL;
    int64_t principal;
    *out = NULL;
    enum hl_err e;
    if ((e = only_fields(body, allowed, "the meeting to arrange", err)) != HL_OK ||
        (e = get_int(body, "principal_id", true, 1, INT64_MAX, 0, &principal, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = may_act(ctx, principal, err)) != HL_OK)
        goto fail;
    fields = json_deep_copy(body);
    json_object_del(fields, "principal_id");
    system = json_pack("{sI ss ss}", "principal_id", (json_int_t)principal, "requested_by",
                       ctx->actor ? ctx->actor : "cli", "status", "open");
    if ((e = svc_entity_create_as(&sys, &ent_meeting_request, fields, system, out, err)) != HL_OK) {
        if (e == HL_ERR_INVALID && strcmp(err->field, "principal_id") == 0)
            e = hl_fail(err, HL_ERR_INVALID, "principal_id", "person %lld does not exist",
                        (long long)principal);
        goto fail;
    }
    if ((e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    goto out;
fail:
    db_rollback(ctx->db);
    json_decref(*out);
    *out = NULL;
out:
    json_decref(fields);
    json_decref(system);
    return e;
}

/* Closes the open meeting request id of principal in the open transaction: booked as meeting,
 * or dropped (meeting 0). */
static enum hl_err request_close(struct svc_ctx *ctx, int64_t id, int64_t principal,
                                 int64_t meeting, int64_t if_match, json_t **out,
                                 struct hl_error *err)
{
    json_t *cur = NULL, *changes = NULL;
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    enum hl_err e = store_entity_get(ctx->db, &ent_meeting_request, id, &cur, err);
    if (e == HL_ERR_NOT_FOUND && meeting)
        e = hl_fail(err, HL_ERR_INVALID, "request_id", "there is no meeting to arrange %lld",
                    (long long)id);
    if (e != HL_OK)
        goto out;
    if (principal && num(cur, "principal_id") != principal) {
        e = hl_fail(err, HL_ERR_INVALID, "request_id",
                    "meeting to arrange %lld is for another executive", (long long)id);
        goto out;
    }
    if (strcmp(str(cur, "status"), "open") != 0) {
        e = hl_fail(err, HL_ERR_TRANSITION, meeting ? "request_id" : "status",
                    "meeting to arrange %lld is %s already", (long long)id, str(cur, "status"));
        goto out;
    }
    char now[21];
    instant_format(db_now(ctx->db), now);
    changes = json_pack("{ss ss}", "status", meeting ? "booked" : "dropped", "status_at", now);
    if (meeting)
        json_object_set_new(changes, "meeting_id", json_integer(meeting));
    e = svc_entity_set_system(&sys, &ent_meeting_request, id,
                              if_match > 0 ? if_match : num(cur, "version"), changes,
                              meeting ? "book" : "drop", out, err);
out:
    json_decref(cur);
    json_decref(changes);
    return e;
}

enum hl_err svc_meeting_request_drop(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                                     json_t **out, struct hl_error *err)
{
    json_t *cur = NULL;
    *out = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = svc_entity_get(ctx, &ent_meeting_request, id, &cur, err)) != HL_OK ||
        (e = may_act(ctx, num(cur, "principal_id"), err)) != HL_OK ||
        (e = request_close(ctx, id, 0, 0, if_match, out, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(*out);
        *out = NULL;
    }
    json_decref(cur);
    return e;
}

/* ---- outside calendars ---- */

/* Reads a calendar's text for the busy times of the next 400 days from now; *unreadable gets
 * how many events were skipped for times that cannot be read. On failure *why is a static
 * message. */
static bool read_busy(struct svc_ctx *ctx, const char *text, struct slot_span **busy, size_t *n,
                      size_t *unreadable, const char **why)
{
    int64_t now = db_now(ctx->db);
    return ics_busy(text, now - DAY, now + MEETING_FEED_FUTURE, busy, n, unreadable, why);
}

/* may_act for a calendar's person, refused as the person_id field. */
static enum hl_err may_register(struct svc_ctx *ctx, int64_t person, struct hl_error *err)
{
    enum hl_err e = may_act(ctx, person, err);
    if (e == HL_ERR_FORBIDDEN)
        e = hl_fail(err, HL_ERR_FORBIDDEN, "person_id",
                    "you may register calendars only for yourself and the executives you "
                    "support or cover");
    return e;
}

enum hl_err svc_outside_calendar_add(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                     struct hl_error *err)
{
    static const char *const allowed[] = {"person_id", "name", "ics", "url", NULL};
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    struct slot_span *busy = NULL;
    size_t nbusy = 0, unreadable = 0;
    json_t *rec = NULL, *fields = NULL, *system = NULL;
    struct fetch_result got = {0};
    char *fetch_why = NULL;
    int64_t person;
    *out = NULL;
    enum hl_err e;
    if ((e = only_fields(body, allowed, "the calendar", err)) != HL_OK ||
        (e = get_int(body, "person_id", true, 1, INT64_MAX, 0, &person, err)) != HL_OK)
        return e;
    const json_t *ics = json_object_get(body, "ics"), *url = json_object_get(body, "url");
    if (url && json_is_null(url))
        url = NULL;
    if (ics && url)
        return hl_fail(err, HL_ERR_INVALID, "url",
                       "give either ics (an uploaded file) or url (a feed to read), not both");
    const char *why = NULL;
    if (url) {
        if (!json_is_string(url) || !fetch_url_ok(json_string_value(url), &why))
            return hl_fail(err, HL_ERR_INVALID, "url", "%s",
                           why ? why : "url must be an http:// or https:// address");
        /* Only someone who may register it makes Haldus fetch anything. */
        if ((e = may_register(ctx, person, err)) != HL_OK)
            return e;
        if (!fetch_calendar(json_string_value(url), NULL, NULL, OUTSIDE_MAX_BYTES,
                            fetch_private_allowed(), &got, &fetch_why)) {
            e = hl_fail(err, HL_ERR_INVALID, "url", "the calendar could not be read: %s",
                        fetch_why);
            goto out;
        }
        if (!read_busy(ctx, got.body, &busy, &nbusy, &unreadable, &why)) {
            e = hl_fail(err, HL_ERR_INVALID, "url", "the address does not give a calendar: %s",
                        why);
            goto out;
        }
    } else {
        if (!json_is_string(ics) || json_string_length(ics) == 0 ||
            json_string_length(ics) > OUTSIDE_MAX_BYTES)
            return hl_fail(err, HL_ERR_INVALID, "ics",
                           "give ics (the text of an .ics file, RFC 5545) or url (a feed)");
        if (!read_busy(ctx, json_string_value(ics), &busy, &nbusy, &unreadable, &why))
            return hl_fail(err, HL_ERR_INVALID, "ics", "%s", why);
    }
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto out;
    if ((e = may_register(ctx, person, err)) != HL_OK)
        goto fail;
    fields = json_object();
    if (json_object_get(body, "name"))
        json_object_set(fields, "name", json_object_get(body, "name"));
    system = json_pack("{sI}", "person_id", (json_int_t)person);
    if (url)
        json_object_set_new(system, "url", json_string(json_string_value(url)));
    if ((e = svc_entity_create_as(&sys, &ent_outside_calendar, fields, system, &rec, err)) !=
        HL_OK) {
        if (e == HL_ERR_INVALID && err->field[0] == 'p')
            e = hl_fail(err, HL_ERR_INVALID, "person_id", "person %lld does not exist",
                        (long long)person);
        goto fail;
    }
    int64_t id = num(rec, "id");
    json_decref(rec);
    rec = NULL;
    if ((e = store_outside_busy_replace(ctx->db, id, busy, nbusy, unreadable, err)) != HL_OK ||
        (url &&
         (e = store_outside_mark(ctx->db, id, NULL, got.etag, got.last_modified, err)) != HL_OK) ||
        (e = store_entity_get(ctx->db, &ent_outside_calendar, id, &rec, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = rec;
    rec = NULL;
    goto out;
fail:
    db_rollback(ctx->db);
out:
    json_decref(rec);
    json_decref(fields);
    json_decref(system);
    free(busy);
    free(fetch_why);
    fetch_result_cleanup(&got);
    return e;
}

/* Reads calendar id from its URL now and records the outcome: new busy times on success, the
 * last error otherwise (the busy times read before stay). *changed tells whether the busy times
 * were replaced; *failed whether the reading failed. Full rights: the caller checked them. */
static enum hl_err outside_refresh(struct svc_ctx *ctx, int64_t id, bool *changed, bool *failed,
                                   struct hl_error *err)
{
    char *url = NULL, *etag = NULL, *lm = NULL, *why = NULL;
    struct fetch_result got = {0};
    struct slot_span *busy = NULL;
    size_t nbusy = 0, unreadable = 0;
    int64_t person = 0;
    *changed = *failed = false;
    enum hl_err e = store_outside_source(ctx->db, id, &person, &url, &etag, &lm, err);
    if (e != HL_OK)
        goto out;
    if (!url) {
        e = hl_fail(err, HL_ERR_INVALID, "url",
                    "calendar %lld was uploaded, not read from an address: register it again to "
                    "change it",
                    (long long)id);
        goto out;
    }
    const char *bad = NULL;
    if (!fetch_calendar(url, etag, lm, OUTSIDE_MAX_BYTES, fetch_private_allowed(), &got, &why)) {
        *failed = true;
    } else if (!got.not_modified && !read_busy(ctx, got.body, &busy, &nbusy, &unreadable, &bad)) {
        *failed = true;
        why = hl_asprintf("the address does not give a calendar: %s", bad);
    }
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto out;
    /* The calendar may have gone while it was read: then there is nothing to record. */
    char *url2 = NULL, *etag2 = NULL, *lm2 = NULL;
    e = store_outside_source(ctx->db, id, &person, &url2, &etag2, &lm2, err);
    bool same = e == HL_OK && url2 && strcmp(url, url2) == 0;
    free(url2);
    free(etag2);
    free(lm2);
    if (e != HL_OK || !same)
        goto fail;
    if (*failed) {
        e = store_outside_mark(ctx->db, id, why, NULL, NULL, err);
    } else {
        if (!got.not_modified) {
            e = store_outside_busy_replace(ctx->db, id, busy, nbusy, unreadable, err);
            *changed = e == HL_OK;
        }
        if (e == HL_OK)
            e = store_outside_mark(ctx->db, id, NULL, got.etag, got.last_modified, err);
    }
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    goto out;
fail:
    db_rollback(ctx->db);
out:
    free(url);
    free(etag);
    free(lm);
    free(why);
    free(busy);
    fetch_result_cleanup(&got);
    return e;
}

enum hl_err svc_outside_calendar_refresh(struct svc_ctx *ctx, int64_t id, json_t **out,
                                         struct hl_error *err)
{
    json_t *rec = NULL;
    *out = NULL;
    bool changed, failed;
    enum hl_err e;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    e = svc_entity_get(ctx, &ent_outside_calendar, id, &rec, err);
    if (e == HL_OK)
        e = may_register(ctx, num(rec, "person_id"), err);
    db_rollback(ctx->db);
    json_decref(rec);
    rec = NULL;
    if (e != HL_OK)
        return e;
    struct svc_ctx sys = {ctx->db, ctx->actor, NULL};
    if ((e = outside_refresh(&sys, id, &changed, &failed, err)) != HL_OK)
        return e;
    if ((e = store_entity_get(ctx->db, &ent_outside_calendar, id, &rec, err)) != HL_OK)
        return e;
    *out = rec;
    return HL_OK;
}

enum hl_err meeting_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    int64_t every = fetch_refresh_seconds();
    if (every <= 0)
        return HL_OK;
    int64_t *ids = NULL;
    size_t n = 0;
    enum hl_err e;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    e = store_outside_due(ctx->db, db_now(ctx->db) - every, 100, &ids, &n, err);
    db_rollback(ctx->db);
    if (e != HL_OK)
        return e;
    size_t changed = 0, failed = 0, same = 0;
    for (size_t i = 0; i < n; i++) {
        bool c, f;
        struct hl_error e1 = {0};
        if (outside_refresh(ctx, ids[i], &c, &f, &e1) != HL_OK) {
            /* One calendar's database trouble does not stop the others; it is retried. */
            failed++;
            continue;
        }
        if (f)
            failed++;
        else if (c)
            changed++;
        else
            same++;
    }
    free(ids);
    if (n)
        *summary = hl_asprintf("%zu outside calendar%s read: %zu changed, %zu unchanged, %zu "
                               "failed",
                               n, n == 1 ? "" : "s", changed, same, failed);
    return HL_OK;
}

/* ---- calendar feeds ---- */

static enum hl_err feed_person(struct svc_ctx *ctx, int64_t *person, struct hl_error *err)
{
    if (!ctx->who || ctx->who->person_id <= 0)
        return hl_fail(err, HL_ERR_INVALID, NULL,
                       "your account is not tied to a person, so it has no calendar");
    *person = ctx->who->person_id;
    return HL_OK;
}

enum hl_err svc_feed_list(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    if (!ctx->who || ctx->who->person_id <= 0) { /* no person, no calendar: nothing to list */
        *out = json_array();
        return HL_OK;
    }
    return store_feed_list(ctx->db, ctx->who->person_id, out, err);
}

enum hl_err svc_feed_create(struct svc_ctx *ctx, bool busy_only, json_t **out, struct hl_error *err)
{
    int64_t person = 0, id;
    enum hl_err e = feed_person(ctx, &person, err);
    if (e != HL_OK)
        return e;
    char secret[64], token[80];
    unsigned char hash[TOKEN_HASH_BYTES];
    auth_random_token(secret, sizeof secret, 32);
    snprintf(token, sizeof token, "hlf_%s", secret);
    auth_token_hash(token, hash);
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *after = json_pack("{sI sb}", "person_id", (json_int_t)person, "busy_only", busy_only);
    if ((e = store_feed_insert(ctx->db, person, busy_only, hash, sizeof hash, &id, err)) != HL_OK ||
        (e = svc_audit(ctx, "create", "calendar feed", id, NULL, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(after);
        return e;
    }
    json_decref(after);
    char *url = hl_asprintf("/api/v1/calendar.ics?token=%s", token);
    *out = json_pack("{sI sb ss ss ss}", "id", (json_int_t)id, "busy_only", busy_only, "token",
                     token, "url", url, "note",
                     "shown once: subscribe to it now; Haldus keeps only its hash");
    free(url);
    return HL_OK;
}

enum hl_err svc_feed_revoke(struct svc_ctx *ctx, int64_t id, struct hl_error *err)
{
    int64_t person = 0;
    bool found = false;
    enum hl_err e = feed_person(ctx, &person, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_feed_delete(ctx->db, id, person, &found, err)) != HL_OK)
        goto fail;
    if (!found) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "calendar feed %lld not found", (long long)id);
        goto fail;
    }
    if ((e = svc_audit(ctx, "delete", "calendar feed", id, NULL, NULL, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    return HL_OK;
fail:
    db_rollback(ctx->db);
    return e;
}

enum hl_err svc_feed_render(struct svc_ctx *ctx, const char *secret, char **text,
                            struct hl_error *err)
{
    unsigned char hash[TOKEN_HASH_BYTES];
    struct meeting_person p = {0};
    struct feed_list list = {NULL, 0, 0};
    int64_t person;
    bool busy_only;
    *text = NULL;
    auth_token_hash(secret, hash);
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = store_feed_find(ctx->db, hash, sizeof hash, &person, &busy_only, err)) != HL_OK ||
        (e = store_meeting_person(ctx->db, person, &p, err)) != HL_OK)
        goto out;
    int64_t now = db_now(ctx->db);
    for (const struct domain *const *d = domain_registry; *d && e == HL_OK; d++)
        if ((*d)->feed)
            e = (*d)->feed(ctx, person, now - MEETING_FEED_PAST, now + MEETING_FEED_FUTURE, &list,
                           err);
    if (e != HL_OK)
        goto out;
    bool et = p.lang && strcmp(p.lang, "et") == 0;
    char *name = hl_asprintf("Haldus — %s", p.name);
    *text = feed_build(p.zone, name, list.v, list.n, busy_only, et ? "Hõivatud" : "Busy", now);
    free(name);
    if (!*text)
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the feed could not be written (time zone %s)",
                    p.zone);
out:
    db_rollback(ctx->db);
    meeting_person_cleanup(&p);
    feed_list_cleanup(&list);
    return e;
}

enum hl_err meeting_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                         struct feed_list *out, struct hl_error *err)
{
    return store_meeting_feed(ctx->db, person_id, from, to, out, err);
}
