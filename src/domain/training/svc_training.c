/* svc_training.c: the training use cases (training.h): enrolment with seats and the waitlist,
 * the coverage impact of a seat, the workflow's hooks (confirm → training absences and
 * invitations; cancel → the waitlist moves up; complete → skills rise; reopen → they go back),
 * attendance, certificates, the session view, courses by skill, the feed and the budget. */
#include "training.h"

#include "absence.h"
#include "desk.h"
#include "ical_meeting.h"
#include "mail.h"
#include "mem.h"
#include "people.h"
#include "store_training.h"
#include "svc_coverage.h"
#include "svc_entity.h"
#include "svc_support.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

static enum hl_err need_manager(struct svc_ctx *ctx, struct hl_error *err)
{
    return is_manager(ctx) ? HL_OK : hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers do this");
}

static int64_t num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static json_t *instant_json(int64_t t)
{
    char b[21];
    instant_format(t, b);
    return json_string(b);
}

/* ---- occurrences ---- */

static int cmp_occ(const void *a, const void *b)
{
    const struct training_occurrence *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->meeting_id < y->meeting_id ? -1 : x->meeting_id > y->meeting_id;
}

enum hl_err training_occurrences(struct svc_ctx *ctx, int64_t session_id,
                                 struct training_occurrence **out, size_t *n, struct hl_error *err)
{
    json_t *rows = NULL;
    *out = NULL;
    *n = 0;
    enum hl_err e = store_training_meetings(ctx->db, session_id, &rows, err);
    if (e != HL_OK)
        return e;
    size_t cap = TRAINING_MAX_OCCURRENCES + 1, cnt = 0;
    struct training_occurrence *v = hl_malloc(cap * sizeof *v);
    int64_t *starts = hl_malloc(cap * sizeof *starts);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t s = num(r, "start_at"), len = num(r, "end_at") - s;
        const char *rrule = json_string_value(json_object_get(r, "rrule"));
        size_t k = desk_occurrences(s, rrule, str(r, "time_zone"), s, s + 3 * 366 * 86400LL, starts,
                                    cap - cnt);
        for (size_t j = 0; j < k && cnt < cap; j++)
            v[cnt++] = (struct training_occurrence){num(r, "id"), starts[j], starts[j] + len};
    }
    free(starts);
    json_decref(rows);
    if (cnt > TRAINING_MAX_OCCURRENCES) {
        free(v);
        return hl_fail(err, HL_ERR_INVALID, "rrule",
                       "the session's meetings recur more than %d times; give a recurrence a "
                       "COUNT or an UNTIL",
                       TRAINING_MAX_OCCURRENCES);
    }
    qsort(v, cnt, sizeof *v, cmp_occ);
    *out = v;
    *n = cnt;
    return HL_OK;
}

/* ---- enrolment ---- */

enum hl_err svc_training_enrol(struct svc_ctx *ctx, int64_t session_id, int64_t assistant_id,
                               const char *note, json_t **out, struct hl_error *err)
{
    bool manager = is_manager(ctx);
    if (!manager && (ctx->who->role != ROLE_ASSISTANT || ctx->who->person_id != assistant_id))
        return hl_fail(err, HL_ERR_FORBIDDEN, "assistant_id",
                       "an assistant requests a seat for themself; managers enrol others");
    json_t *asst = NULL, *body = NULL, *sys = NULL;
    struct tr_seats seats;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = store_entity_get(ctx->db, &ent_assistant, assistant_id, &asst, err)) != HL_OK) {
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant %lld does not exist",
                        (long long)assistant_id);
        goto out;
    }
    if (!json_is_true(json_object_get(asst, "active"))) {
        e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant %lld is not active",
                    (long long)assistant_id);
        goto out;
    }
    /* Seats are counted and the row written in this one write transaction: concurrent
     * enrolments are serialized, so exactly `capacity` of them get a seat. */
    if ((e = store_training_seats(ctx->db, session_id, &seats, err)) != HL_OK)
        goto out;
    if (strcmp(seats.status, "planned") != 0) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL, "training session %lld is %s",
                    (long long)session_id, seats.status);
        goto out;
    }
    body = json_pack("{ss}", "note", note ? note : "");
    int64_t now = db_now(ctx->db);
    sys = json_pack("{sI sI ss sb so sf}", "session_id", (json_int_t)session_id, "assistant_id",
                    (json_int_t)assistant_id, "status", manager ? "enrolled" : "requested",
                    "waitlisted", manager && seats.taken >= seats.capacity, "queued_at",
                    manager ? instant_json(now) : json_null(), "cost", seats.cost);
    if (manager && ctx->who && ctx->who->person_id > 0)
        json_object_set_new(sys, "enrolled_by", json_integer(ctx->who->person_id));
    /* Who may enrol whom is settled above; the row is written as Haldus's own. */
    struct svc_ctx as_system = {ctx->db, ctx->actor, NULL};
    e = svc_entity_create_as(&as_system, &ent_enrolment, body, sys, out, err);
    if (e == HL_ERR_DUPLICATE)
        e = hl_fail(err, HL_ERR_DUPLICATE, "assistant_id",
                    "assistant %lld is already enrolled in session %lld", (long long)assistant_id,
                    (long long)session_id);
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(asst);
    json_decref(body);
    json_decref(sys);
    return e;
}

/* The course's name of a session (malloc'd; "training" when unknown). */
static char *course_name(struct svc_ctx *ctx, int64_t session_id)
{
    char *s = NULL;
    struct hl_error err;
    if (store_training_course_name(ctx->db, session_id, &s, &err) != HL_OK)
        s = NULL;
    return s ? s : hl_strdup("training");
}

/* Creates one training absence of person for [start, end) with `status`; *id its id. */
static enum hl_err make_absence(struct svc_ctx *ctx, int64_t person, int64_t start, int64_t end,
                                const char *course, const char *status, int64_t *id,
                                struct hl_error *err)
{
    char *note = hl_asprintf("Training: %.900s", course);
    json_t *body =
        json_pack("{sI ss so so ss}", "person_id", (json_int_t)person, "kind", "training",
                  "start_at", instant_json(start), "end_at", instant_json(end), "note", note);
    json_t *sys = json_pack("{ss}", "status", status), *rec = NULL;
    if (strcmp(status, "approved") == 0)
        json_object_set_new(sys, "decided_at", instant_json(db_now(ctx->db)));
    enum hl_err e = svc_entity_create_as(ctx, &ent_absence, body, sys, &rec, err);
    if (e == HL_OK)
        *id = num(rec, "id");
    json_decref(rec);
    json_decref(body);
    json_decref(sys);
    free(note);
    return e;
}

enum hl_err svc_training_impact(struct svc_ctx *ctx, int64_t enrolment_id, json_t **out,
                                struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    json_t *enr = NULL, *list = json_array();
    struct training_occurrence *occ = NULL;
    size_t n = 0;
    char *course = NULL;
    /* A what-if like the support preview: the absences are made in a savepoint, each asked
     * for its impact (the leave view), and everything is rolled back. */
    if ((e = db_begin(ctx->db, true, err)) != HL_OK) {
        json_decref(list);
        return e;
    }
    if ((e = store_entity_get(ctx->db, &ent_enrolment, enrolment_id, &enr, err)) != HL_OK ||
        (e = training_occurrences(ctx, num(enr, "session_id"), &occ, &n, err)) != HL_OK)
        goto out;
    course = course_name(ctx, num(enr, "session_id"));
    for (size_t i = 0; i < n && e == HL_OK; i++) {
        int64_t id = 0;
        json_t *im = NULL;
        if ((e = make_absence(ctx, num(enr, "assistant_id"), occ[i].start, occ[i].end, course,
                              "requested", &id, err)) != HL_OK ||
            (e = svc_coverage_impact(ctx, id, &im, err)) != HL_OK)
            break;
        json_object_del(im, "absence_id");
        json_array_append_new(list, json_pack("{so so so}", "start_at", instant_json(occ[i].start),
                                              "end_at", instant_json(occ[i].end), "impact", im));
    }
out:
    db_rollback(ctx->db);
    if (e == HL_OK)
        *out = json_pack("{sI sI sO sO so}", "enrolment_id", (json_int_t)enrolment_id,
                         "assistant_id", (json_int_t)num(enr, "assistant_id"), "status",
                         json_object_get(enr, "status"), "waitlisted",
                         json_object_get(enr, "waitlisted"), "absences", list);
    else
        json_decref(list);
    json_decref(enr);
    free(occ);
    free(course);
    return e;
}

/* ---- invitations ---- */

static const struct mail_template invite_tpl = {
    "training.invite",
    {"Training: {course}, {when}", "Koolitus: {course}, {when}"},
    {"Hello {name},\n\nyou have a seat at {course}.\n\nWhen: {when}\nWhere: {where}\nInstructor: "
     "{instructor}\n\nThe time is in your calendar as training; your executives are covered.\n\n"
     "— Haldus",
     "Tere, {name}!\n\nSulle on koht koolitusel {course}.\n\nAeg: {when}\nKoht: {where}\n"
     "Koolitaja: {instructor}\n\nAeg on sinu kalendris koolitusena; sinu juhid on kaetud.\n\n"
     "— Haldus"},
};

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

/* Queues an invitation with its iTIP text for every occurrence of the enrolment's session. */
static enum hl_err invite(struct svc_ctx *ctx, const json_t *enr,
                          const struct training_occurrence *occ, size_t n, struct hl_error *err)
{
    json_t *r = NULL;
    enum hl_err e = store_training_mail_info(ctx->db, num(enr, "session_id"),
                                             num(enr, "assistant_id"), &r, err);
    if (e != HL_OK || !r)
        return e;
    const char *place = str(r, "place"), *link = str(r, "link");
    char *where = hl_asprintf("%s%s%s", place, *place && *link ? ", " : "", link);
    const char *org =
        json_is_string(json_object_get(r, "org_email")) ? str(r, "org_email") : str(r, "email");
    struct itip_attendee at = {str(r, "email"), str(r, "name"), true};
    for (size_t i = 0; i < n && e == HL_OK; i++) {
        char *uid = hl_asprintf("training-%lld-%lld-%lld-%lld@haldus",
                                (long long)num(enr, "session_id"), (long long)occ[i].meeting_id,
                                (long long)occ[i].start, (long long)num(enr, "id"));
        struct itip_meeting im = {uid,
                                  0,
                                  db_now(ctx->db),
                                  occ[i].start,
                                  occ[i].end,
                                  str(r, "course"),
                                  *where ? where : NULL,
                                  *link ? link : NULL,
                                  org,
                                  "Haldus",
                                  &at,
                                  1};
        char *ics = itip_build(&im, false);
        char *when = when_text(str(r, "time_zone"), occ[i].start, occ[i].end);
        json_t *params =
            json_pack("{ss ss ss ss ss}", "name", str(r, "name"), "course", str(r, "course"),
                      "when", when, "where", *where ? where : "—", "instructor",
                      *str(r, "instructor") ? str(r, "instructor") : "—");
        struct mail_to to = {num(enr, "assistant_id"), NULL, MAIL_EN};
        e = mail_enqueue(ctx, &invite_tpl, &to, params, ics, NULL, err);
        /* Kept so that a cancellation names this very event (its UID and SEQUENCE). */
        if (e == HL_OK)
            e = store_training_invitation_add(ctx->db, num(enr, "id"), uid, occ[i].start,
                                              occ[i].end, err);
        json_decref(params);
        free(when);
        free(ics);
        free(uid);
    }
    free(where);
    json_decref(r);
    return e;
}

/* ---- cancellations ---- */

static const struct mail_template cancel_tpl = {
    "training.cancel",
    {"Cancelled: {course}, {when}", "Tühistatud: {course}, {when}"},
    {"Hello {name},\n\n{what_en}\n\nCourse: {course}\nWhen: {when}\nWhere: {where}\nAssistant: "
     "{assistant}\n\n{after_en}\n\n— Haldus",
     "Tere, {name}!\n\n{what_et}\n\nKoolitus: {course}\nAeg: {when}\nKoht: {where}\nAssistent: "
     "{assistant}\n\n{after_et}\n\n— Haldus"},
};

/* Queues one cancellation mail to person (their language and zone) about [start, end), with
 * the iTIP text ics (NULL: none). */
static enum hl_err cancel_mail(struct svc_ctx *ctx, const json_t *enr, int64_t person,
                               const char *assistant, bool session_cancelled, int64_t start,
                               int64_t end, const char *ics, struct hl_error *err)
{
    json_t *r = NULL;
    enum hl_err e = store_training_mail_info(ctx->db, num(enr, "session_id"), person, &r, err);
    if (e != HL_OK || !r)
        return e;
    const char *place = str(r, "place"), *link = str(r, "link");
    char *where = hl_asprintf("%s%s%s", place, *place && *link ? ", " : "", link);
    char *when = start < end ? when_text(str(r, "time_zone"), start, end) : hl_strdup("—");
    bool seated = strcmp(str(enr, "status"), "confirmed") == 0;
    json_t *params = json_pack(
        "{ss ss ss ss ss ss ss ss ss}", "name", str(r, "name"), "course", str(r, "course"), "when",
        when, "where", *where ? where : "—", "assistant", assistant, "what_en",
        session_cancelled ? "The training session was cancelled; every seat in it is cancelled."
                          : "This seat at the training was cancelled.",
        "what_et",
        session_cancelled ? "Koolitus jääb ära; kõik selle kohad on tühistatud."
                          : "See koht koolitusel on tühistatud.",
        "after_en",
        seated ? "The time is no longer training in the calendar, and the covers planned for it "
                 "are released."
               : "Nothing was booked for it yet.",
        "after_et",
        seated ? "Aeg pole kalendris enam koolitus ja selleks ajaks plaanitud asendused on "
                 "vabastatud."
               : "Selleks polnud veel midagi broneeritud.");
    struct mail_to to = {person, NULL, MAIL_EN};
    e = params ? mail_enqueue(ctx, &cancel_tpl, &to, params, ics, NULL, err)
               : hl_fail(err, HL_ERR_INTERNAL, NULL, "the cancellation mail could not be written");
    json_decref(params);
    free(when);
    free(where);
    json_decref(r);
    return e;
}

/* Tells the assistant and the manager who gave the seat (enrolled_by) that enrolment enr is
 * cancelled: for each invitation sent, an iTIP CANCEL with the invitation's UID, its SEQUENCE
 * one more and STATUS:CANCELLED (the invitation is marked cancelled); without invitations one
 * mail with no calendar part, only when the whole session is cancelled (a single request or
 * waitlisted seat withdrawn had nothing to undo). In the caller's transaction. */
static enum hl_err withdraw_invitations(struct svc_ctx *ctx, const json_t *enr,
                                        bool session_cancelled, struct hl_error *err)
{
    json_t *inv = NULL, *a = NULL;
    int64_t asst = num(enr, "assistant_id"), mgr = num(enr, "enrolled_by");
    int64_t who[2] = {asst, mgr != asst ? mgr : 0};
    enum hl_err e = store_training_invitations_open(ctx->db, num(enr, "id"), &inv, err);
    if (e == HL_OK)
        e = store_training_mail_info(ctx->db, num(enr, "session_id"), asst, &a, err);
    if (e != HL_OK || !a)
        goto out;
    if (!json_array_size(inv)) {
        if (session_cancelled)
            for (int k = 0; k < 2 && e == HL_OK; k++)
                if (who[k] > 0)
                    e = cancel_mail(ctx, enr, who[k], str(a, "name"), true, num(a, "starts_at"),
                                    num(a, "ends_at"), NULL, err);
        goto out;
    }
    const char *place = str(a, "place"), *link = str(a, "link");
    char *where = hl_asprintf("%s%s%s", place, *place && *link ? ", " : "", link);
    const char *org =
        json_is_string(json_object_get(a, "org_email")) ? str(a, "org_email") : str(a, "email");
    struct itip_attendee at = {str(a, "email"), str(a, "name"), true};
    size_t i;
    json_t *v;
    json_array_foreach(inv, i, v)
    {
        if (e != HL_OK)
            break;
        int64_t seq = num(v, "sequence") + 1, start = num(v, "start_at"), end = num(v, "end_at");
        struct itip_meeting im = {str(v, "uid"),
                                  seq,
                                  db_now(ctx->db),
                                  start,
                                  end,
                                  str(a, "course"),
                                  *where ? where : NULL,
                                  *link ? link : NULL,
                                  org,
                                  "Haldus",
                                  &at,
                                  1};
        char *ics = itip_build(&im, true);
        for (int k = 0; k < 2 && e == HL_OK; k++)
            if (who[k] > 0)
                e = cancel_mail(ctx, enr, who[k], str(a, "name"), session_cancelled, start, end,
                                ics, err);
        free(ics);
        if (e == HL_OK)
            e = store_training_invitation_cancelled(ctx->db, num(v, "id"), seq, err);
    }
    free(where);
out:
    json_decref(inv);
    json_decref(a);
    return e;
}

/* ---- the workflow's hooks ---- */

static enum hl_err on_approve(struct svc_ctx *ctx, const json_t *cur, json_t *changes,
                              struct hl_error *err)
{
    struct tr_seats seats;
    enum hl_err e = store_training_seats(ctx->db, num(cur, "session_id"), &seats, err);
    if (e != HL_OK)
        return e;
    if (strcmp(seats.status, "planned") != 0)
        return hl_fail(err, HL_ERR_CONFLICT, NULL, "training session %lld is %s",
                       (long long)num(cur, "session_id"), seats.status);
    json_object_set_new(changes, "waitlisted", json_boolean(seats.taken >= seats.capacity));
    json_object_set_new(changes, "queued_at", instant_json(db_now(ctx->db)));
    json_object_set_new(changes, "enrolled_by",
                        ctx->who && ctx->who->person_id > 0 ? json_integer(ctx->who->person_id)
                                                            : json_null());
    return HL_OK;
}

static enum hl_err on_confirm(struct svc_ctx *ctx, const json_t *cur, struct hl_error *err)
{
    if (json_is_true(json_object_get(cur, "waitlisted")))
        return hl_fail(err, HL_ERR_WAITLISTED, "waitlisted",
                       "enrolment %lld is on the waitlist: it is confirmed once a seat frees",
                       (long long)num(cur, "id"));
    struct training_occurrence *occ = NULL;
    size_t n = 0;
    enum hl_err e = training_occurrences(ctx, num(cur, "session_id"), &occ, &n, err);
    if (e == HL_OK && n == 0)
        e = hl_fail(err, HL_ERR_CONFLICT, "session_id",
                    "training session %lld has no meetings yet: add its dates first",
                    (long long)num(cur, "session_id"));
    char *course = e == HL_OK ? course_name(ctx, num(cur, "session_id")) : NULL;
    for (size_t i = 0; i < n && e == HL_OK; i++) {
        int64_t id = 0;
        if ((e = make_absence(ctx, num(cur, "assistant_id"), occ[i].start, occ[i].end, course,
                              "approved", &id, err)) == HL_OK)
            e = store_training_link_absence(ctx->db, num(cur, "id"), id, err);
    }
    if (e == HL_OK)
        e = invite(ctx, cur, occ, n, err);
    free(course);
    free(occ);
    return e;
}

/* Cancels the enrolment's training absences that still stand through the absence workflow's
 * own cancel (note as its decision note): each is audited as an absence cancel, the covers
 * planned for it are released and its executives told, in the caller's transaction; a release
 * that fails fails the whole. Who may cancel the enrolment is settled: the absences are
 * cancelled with Haldus's rights. */
static enum hl_err cancel_absences(struct svc_ctx *ctx, int64_t enrolment, const char *note,
                                   struct hl_error *err)
{
    const struct wf_action *cancel = NULL;
    for (size_t k = 0; k < wf_absence.nactions && !cancel; k++)
        if (strcmp(wf_absence.actions[k].name, "cancel") == 0)
            cancel = &wf_absence.actions[k];
    if (!cancel)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the absence workflow has no cancel");
    struct svc_ctx as_system = {ctx->db, ctx->actor, NULL};
    json_t *ids = NULL, *body = json_pack("{ss}", "note", note);
    enum hl_err e = store_training_absences(ctx->db, enrolment, &ids, err);
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
    {
        json_t *a = NULL, *out = NULL;
        if (e != HL_OK)
            break;
        e = store_entity_get(ctx->db, &ent_absence, json_integer_value(v), &a, err);
        const char *st = a ? str(a, "status") : "";
        if (e == HL_OK && (strcmp(st, "approved") == 0 || strcmp(st, "requested") == 0)) {
            e = svc_workflow_act(&as_system, &wf_absence, cancel, json_integer_value(v),
                                 IF_MATCH_NONE, body, &out, err);
            const char *why = json_string_value(json_object_get(out, "release_error"));
            if (e == HL_OK && why)
                e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                            "the covers of training absence %lld could not be released: %s",
                            (long long)json_integer_value(v), why);
        } else if (e == HL_ERR_NOT_FOUND)
            e = HL_OK;
        json_decref(out);
        json_decref(a);
    }
    json_decref(ids);
    json_decref(body);
    return e;
}

static enum hl_err on_cancel(struct svc_ctx *ctx, const json_t *cur, struct hl_error *err)
{
    const char *st = str(cur, "status");
    struct tr_seats seats;
    enum hl_err e =
        cancel_absences(ctx, num(cur, "id"), "the training enrolment was cancelled", err);
    if (e == HL_OK)
        e = withdraw_invitations(ctx, cur, false, err);
    if (e == HL_OK)
        e = store_training_seats(ctx->db, num(cur, "session_id"), &seats, err);
    bool seated = (strcmp(st, "enrolled") == 0 || strcmp(st, "confirmed") == 0) &&
                  !json_is_true(json_object_get(cur, "waitlisted"));
    int64_t next = 0;
    if (e == HL_OK && seated && strcmp(seats.status, "planned") == 0 &&
        (e = store_training_first_waiting(ctx->db, num(cur, "session_id"), &next, err)) == HL_OK &&
        next) {
        /* The first of the waitlist takes the freed seat, in the same transaction; an
         * assistant cancelling their own seat moves someone they cannot see. */
        struct svc_ctx as_system = {ctx->db, ctx->actor, NULL};
        json_t *ch = json_pack("{sb}", "waitlisted", false);
        e = svc_entity_set_system(&as_system, &ent_enrolment, next, IF_MATCH_NONE, ch, "seat", NULL,
                                  err);
        json_decref(ch);
    }
    return e;
}

enum hl_err training_session_cancel(struct svc_ctx *ctx, int64_t session_id, struct hl_error *err)
{
    struct svc_ctx as_system = {ctx->db, ctx->actor, NULL};
    json_t *live = NULL;
    enum hl_err e = store_training_live_enrolments(ctx->db, session_id, &live, err);
    size_t i;
    json_t *v;
    json_array_foreach(live, i, v)
    {
        json_t *cur = NULL, *ch = NULL;
        int64_t id = num(v, "id");
        if (e != HL_OK || (e = store_entity_get(ctx->db, &ent_enrolment, id, &cur, err)) != HL_OK)
            break;
        /* The enrolment's own workflow decides: a completed one (the session took place) is
         * not cancelled, and so neither is the session. */
        if (!workflow_next(&wf_enrolment, str(cur, "status"), "cancel"))
            e = hl_fail(err, HL_ERR_TRANSITION, "status",
                        "enrolment %lld of this session is %s: a session that took place is not "
                        "cancelled (reopen the enrolment first)",
                        (long long)id, str(cur, "status"));
        if (e == HL_OK)
            e = cancel_absences(ctx, id, "the training session was cancelled", err);
        if (e == HL_OK)
            e = withdraw_invitations(ctx, cur, true, err);
        if (e == HL_OK) {
            ch = json_pack("{ss so ss}", "status", "cancelled", "status_at",
                           instant_json(db_now(ctx->db)), "decision_note",
                           "the training session was cancelled");
            e = svc_entity_set_system(&as_system, &ent_enrolment, id, IF_MATCH_NONE, ch,
                                      "session cancelled", NULL, err);
        }
        json_decref(ch);
        json_decref(cur);
    }
    json_decref(live);
    return e;
}

enum hl_err training_seat_waitlist(struct svc_ctx *ctx, int64_t session_id, int64_t capacity,
                                   struct hl_error *err)
{
    struct tr_seats seats;
    struct svc_ctx as_system = {ctx->db, ctx->actor, NULL};
    enum hl_err e = store_training_seats(ctx->db, session_id, &seats, err);
    for (int64_t taken = seats.taken; e == HL_OK && taken < capacity; taken++) {
        int64_t next = 0;
        if ((e = store_training_first_waiting(ctx->db, session_id, &next, err)) != HL_OK || !next)
            break;
        json_t *ch = json_pack("{sb}", "waitlisted", false);
        e = svc_entity_set_system(&as_system, &ent_enrolment, next, IF_MATCH_NONE, ch, "seat", NULL,
                                  err);
        json_decref(ch);
    }
    return e;
}

/* The stored assistant_skill row of (assistant, skill), or *row NULL. */
static enum hl_err skill_row(struct svc_ctx *ctx, int64_t assistant, int64_t skill, json_t **row,
                             struct hl_error *err)
{
    struct list_query q = {.limit = 1};
    json_t *a = json_integer(assistant), *s = json_integer(skill), *items = NULL;
    bool more;
    q.filters[0] = (struct list_filter){entity_field(&ent_assistant_skill, "assistant_id"), a};
    q.filters[1] = (struct list_filter){entity_field(&ent_assistant_skill, "skill_id"), s};
    q.nfilters = 2;
    enum hl_err e = store_entity_list(ctx->db, &ent_assistant_skill, &q, &items, &more, err);
    *row = e == HL_OK && json_array_size(items) ? json_incref(json_array_get(items, 0)) : NULL;
    json_decref(items);
    json_decref(a);
    json_decref(s);
    return e;
}

static enum hl_err on_complete(struct svc_ctx *ctx, const json_t *cur, struct hl_error *err)
{
    json_t *skills = NULL;
    int64_t asst = num(cur, "assistant_id");
    enum hl_err e = store_training_course_skills(ctx->db, num(cur, "session_id"), &skills, err);
    size_t i;
    json_t *k;
    json_array_foreach(skills, i, k)
    {
        json_t *row = NULL;
        if (e != HL_OK || (e = skill_row(ctx, asst, num(k, "skill_id"), &row, err)) != HL_OK)
            break;
        int level = (int)num(k, "level"), before = row ? (int)num(row, "level") : 0;
        if (before < level) {
            json_t *b = json_pack("{sI sI si}", "assistant_id", (json_int_t)asst, "skill_id",
                                  (json_int_t)num(k, "skill_id"), "level", level);
            if (row) {
                json_object_del(b, "assistant_id");
                json_object_del(b, "skill_id");
                e = svc_entity_update(ctx, &ent_assistant_skill, num(row, "id"),
                                      num(row, "version"), b, NULL, err);
            } else
                e = svc_entity_create(ctx, &ent_assistant_skill, b, NULL, err);
            json_decref(b);
            if (e == HL_OK)
                e = store_training_change_add(ctx->db, num(cur, "id"), asst, num(k, "skill_id"),
                                              before, level, err);
        }
        json_decref(row);
    }
    json_decref(skills);
    return e;
}

/* Undoes a completion: each skill it raised goes back (when nobody changed it since), and the
 * certificates recorded for the enrolment are deleted; every step audited. */
static enum hl_err on_reopen(struct svc_ctx *ctx, const json_t *cur, struct hl_error *err)
{
    json_t *changes = NULL, *certs = NULL;
    int64_t asst = num(cur, "assistant_id");
    enum hl_err e = store_training_changes(ctx->db, num(cur, "id"), &changes, err);
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c)
    {
        json_t *row = NULL;
        if (e != HL_OK || (e = skill_row(ctx, asst, num(c, "skill_id"), &row, err)) != HL_OK)
            break;
        if (row && num(row, "level") == num(c, "level_after")) {
            if (num(c, "level_before") == 0)
                e = svc_entity_delete(ctx, &ent_assistant_skill, num(row, "id"),
                                      num(row, "version"), err);
            else {
                json_t *b = json_pack("{sI}", "level", (json_int_t)num(c, "level_before"));
                e = svc_entity_update(ctx, &ent_assistant_skill, num(row, "id"),
                                      num(row, "version"), b, NULL, err);
                json_decref(b);
            }
        }
        json_decref(row);
    }
    if (e == HL_OK)
        e = store_training_changes_drop(ctx->db, num(cur, "id"), err);
    if (e == HL_OK)
        e = store_training_enrolment_certificates(ctx->db, num(cur, "id"), &certs, err);
    json_array_foreach(certs, i, c)
    {
        if (e != HL_OK)
            break;
        e = svc_entity_delete(ctx, &ent_certificate, num(c, "id"), num(c, "version"), err);
    }
    json_decref(certs);
    json_decref(changes);
    return e;
}

enum hl_err training_before_action(struct svc_ctx *ctx, const struct wf_action *act,
                                   const json_t *cur, const json_t *body, json_t *changes,
                                   struct hl_error *err)
{
    (void)body;
    if (strcmp(act->name, "approve") == 0)
        return on_approve(ctx, cur, changes, err);
    if (strcmp(act->name, "confirm") == 0)
        return on_confirm(ctx, cur, err);
    if (strcmp(act->name, "cancel") == 0)
        return on_cancel(ctx, cur, err);
    if (strcmp(act->name, "complete") == 0)
        return on_complete(ctx, cur, err);
    if (strcmp(act->name, "reopen") == 0)
        return on_reopen(ctx, cur, err);
    return HL_OK;
}

/* After the confirmation is committed: the planner plans each training absence's days, as
 * approving leave does; the answer carries the plans. */
void training_after_confirm(struct svc_ctx *ctx, int64_t id, json_t *out)
{
    struct hl_error err;
    json_t *ids = NULL, *plans = json_array();
    hl_error_clear(&err);
    if (store_training_absences(ctx->db, id, &ids, &err) == HL_OK) {
        size_t i;
        json_t *v;
        json_array_foreach(ids, i, v)
        {
            json_t *plan = NULL;
            if (svc_coverage_plan_absence(ctx, json_integer_value(v), &plan, &err) == HL_OK)
                json_array_append_new(plans, plan);
            else
                json_array_append_new(plans, json_null());
        }
    }
    json_object_set_new(out, "absence_ids", ids ? ids : json_array());
    json_object_set_new(out, "coverage_plans", plans);
}

void training_confirmed_schema(json_t *schemas)
{
    json_t *s = json_pack("{s:[{s:s}, {s:s s:{s:{s:s s:{s:s}}, s:{s:s s:{s:[s,s]}}}}]}", "allOf",
                          "$ref", "#/components/schemas/Enrolment", "type", "object", "properties",
                          "absence_ids", "type", "array", "items", "type", "integer",
                          "coverage_plans", "type", "array", "items", "type", "object", "null");
    json_object_set_new(schemas, "EnrolmentConfirmed", s);
}

/* ---- attendance, certificates ---- */

enum hl_err svc_training_attend(struct svc_ctx *ctx, int64_t enrolment_id, const json_t *body,
                                json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    json_t *mid = json_object_get(body, "meeting_id"), *sa = json_object_get(body, "start_at");
    json_t *pr = json_object_get(body, "present");
    int64_t start = 0;
    if (!json_is_integer(mid) || json_integer_value(mid) < 1)
        return hl_fail(err, HL_ERR_INVALID, "meeting_id", "meeting_id is required");
    if (sa && (!json_is_string(sa) || !instant_parse(json_string_value(sa), &start)))
        return hl_fail(err, HL_ERR_INVALID, "start_at", "start_at must be an RFC 3339 instant");
    if (pr && !json_is_boolean(pr))
        return hl_fail(err, HL_ERR_INVALID, "present", "present must be true or false");
    json_t *enr = NULL, *sys = NULL;
    struct training_occurrence *occ = NULL;
    size_t n = 0;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_entity_get(ctx->db, &ent_enrolment, enrolment_id, &enr, err)) != HL_OK ||
        (e = training_occurrences(ctx, num(enr, "session_id"), &occ, &n, err)) != HL_OK)
        goto out;
    if (strcmp(str(enr, "status"), "confirmed") != 0 && strcmp(str(enr, "status"), "completed")) {
        e = hl_fail(err, HL_ERR_TRANSITION, "status",
                    "attendance is recorded for a confirmed or completed enrolment, not a %s one",
                    str(enr, "status"));
        goto out;
    }
    size_t k = 0;
    while (k < n &&
           !(occ[k].meeting_id == json_integer_value(mid) && (!sa || occ[k].start == start)))
        k++;
    if (k == n) {
        e = hl_fail(err, HL_ERR_INVALID, sa ? "start_at" : "meeting_id",
                    "the session has no such meeting occurrence");
        goto out;
    }
    sys =
        json_pack("{sI sI sI so sb}", "enrolment_id", (json_int_t)enrolment_id, "assistant_id",
                  (json_int_t)num(enr, "assistant_id"), "meeting_id", (json_int_t)occ[k].meeting_id,
                  "start_at", instant_json(occ[k].start), "present", pr ? json_is_true(pr) : true);
    json_t *empty = json_object();
    e = svc_entity_create_as(ctx, &ent_training_attendance, empty, sys, out, err);
    json_decref(empty);
    if (e == HL_ERR_DUPLICATE)
        e = hl_fail(err, HL_ERR_DUPLICATE, "meeting_id",
                    "attendance at this occurrence is recorded already; change it instead");
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(enr);
    json_decref(sys);
    free(occ);
    return e;
}

enum hl_err svc_training_certify(struct svc_ctx *ctx, int64_t enrolment_id, const json_t *body,
                                 json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    json_t *enr = NULL, *skills = NULL, *list = json_array();
    if ((e = db_begin(ctx->db, true, err)) != HL_OK) {
        json_decref(list);
        return e;
    }
    if ((e = store_entity_get(ctx->db, &ent_enrolment, enrolment_id, &enr, err)) != HL_OK)
        goto out;
    if (strcmp(str(enr, "status"), "completed") != 0) {
        e = hl_fail(err, HL_ERR_TRANSITION, "status",
                    "a certificate is recorded for a completed enrolment, not a %s one",
                    str(enr, "status"));
        goto out;
    }
    if ((e = store_training_certify_skills(ctx->db, num(enr, "session_id"), enrolment_id, &skills,
                                           err)) != HL_OK)
        goto out;
    size_t i;
    json_t *k;
    json_array_foreach(skills, i, k)
    {
        json_t *c = json_deep_copy(body), *rec = NULL;
        json_object_set_new(c, "assistant_id", json_integer(num(enr, "assistant_id")));
        json_object_set(c, "skill_id", json_object_get(k, "skill_id"));
        json_object_set(c, "level", json_object_get(k, "level"));
        json_object_set(c, "level_without", json_object_get(k, "level_without"));
        json_t *sys = json_pack("{sI}", "enrolment_id", (json_int_t)enrolment_id);
        e = svc_entity_create_as(ctx, &ent_certificate, c, sys, &rec, err);
        json_decref(sys);
        json_decref(c);
        if (e != HL_OK)
            break;
        json_array_append_new(list, rec);
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
out:
    if (e != HL_OK) {
        db_rollback(ctx->db);
        json_decref(list);
    } else
        *out = json_pack("{so}", "certificates", list);
    json_decref(enr);
    json_decref(skills);
    return e;
}

/* ---- views ---- */

static json_t *occurrences_json(const struct training_occurrence *occ, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            a, json_pack("{sI so so}", "meeting_id", (json_int_t)occ[i].meeting_id, "start_at",
                         instant_json(occ[i].start), "end_at", instant_json(occ[i].end)));
    return a;
}

enum hl_err svc_training_session_view(struct svc_ctx *ctx, int64_t session_id, json_t **out,
                                      struct hl_error *err)
{
    json_t *s = NULL, *course = NULL, *enr = NULL, *arr = NULL;
    struct training_occurrence *occ = NULL;
    size_t n = 0;
    struct tr_seats seats;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = svc_entity_get(ctx, &ent_training_session, session_id, &s, err)) != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_course, num(s, "course_id"), &course, err)) != HL_OK ||
        (e = training_occurrences(ctx, session_id, &occ, &n, err)) != HL_OK ||
        (e = store_training_seats(ctx->db, session_id, &seats, err)) != HL_OK)
        goto out;
    int64_t me = is_manager(ctx) ? 0 : ctx->who->person_id;
    e = store_training_session_enrolments(ctx->db, session_id, me, &enr, err);
    if (e == HL_OK && !me) {
        /* late: due before today in the session's own zone (UTC's date lags or leads it) */
        char today[11];
        date_format(tz_today(str(s, "time_zone"), db_now(ctx->db)), today);
        e = store_training_session_arrangements(ctx->db, session_id, today, &arr, err);
    }
    if (e != HL_OK)
        goto out;
    size_t i, pos = 0;
    json_t *r;
    json_array_foreach(enr, i, r)
    {
        json_object_set_new(r, "waitlisted", json_boolean(num(r, "waitlisted")));
        json_t *q = json_object_get(r, "queued_at");
        if (json_is_integer(q))
            json_object_set_new(r, "queued_at", instant_json(json_integer_value(q)));
        if (json_is_true(json_object_get(r, "waitlisted")) &&
            strcmp(str(r, "status"), "enrolled") == 0)
            json_object_set_new(r, "waitlist_position", json_integer((json_int_t)++pos));
    }
    json_array_foreach(arr, i, r)
    {
        json_object_set_new(r, "done", json_boolean(num(r, "done")));
        json_object_set_new(r, "late", json_boolean(num(r, "late")));
    }
    *out = json_pack("{sO sO so sI sI sI so so}", "session", s, "course", course, "occurrences",
                     occurrences_json(occ, n), "capacity", (json_int_t)seats.capacity,
                     "seats_taken", (json_int_t)seats.taken, "waitlist", (json_int_t)pos,
                     "enrolments", enr, "arrangements", arr ? arr : json_null());
    enr = arr = NULL;
out:
    db_rollback(ctx->db);
    json_decref(s);
    json_decref(course);
    json_decref(enr);
    json_decref(arr);
    free(occ);
    return e;
}

enum hl_err svc_training_courses_for(struct svc_ctx *ctx, int64_t skill_id, int min_level,
                                     json_t **out, struct hl_error *err)
{
    json_t *rows = NULL;
    enum hl_err e = store_training_courses(ctx->db, skill_id, min_level, &rows, err);
    if (e == HL_OK)
        *out = json_pack("{so}", "items", rows);
    return e;
}

/* The most late arrangements Today lists. */
#define LATE_MAX 200

enum hl_err svc_training_late(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    /* Late is judged by each session's own today, as the session's page does: between 22:00
     * and 24:00 UTC Tallinn's day has begun while UTC's has not. No zone is more than a day
     * ahead of UTC, so read up to tomorrow (UTC) and hold each row to its session's day. */
    int64_t now = db_now(ctx->db);
    char bound[11];
    date_format(tz_today(NULL, now) + 1, bound);
    json_t *rows = NULL, *late = json_array();
    e = store_training_late(ctx->db, bound, 2 * LATE_MAX, &rows, err);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t due;
        if (json_array_size(late) == LATE_MAX || !date_parse(str(r, "due_date"), &due) ||
            due >= tz_today(str(r, "time_zone"), now))
            continue;
        json_object_del(r, "time_zone");
        json_array_append(late, r);
    }
    json_decref(rows);
    if (e == HL_OK)
        *out = json_pack("{so}", "items", late);
    else
        json_decref(late);
    return e;
}

enum hl_err svc_training_mine(struct svc_ctx *ctx, int64_t assistant_id, json_t **out,
                              struct hl_error *err)
{
    if (!assistant_id) {
        if (!ctx->who)
            return hl_fail(err, HL_ERR_INVALID, "assistant_id", "name the assistant");
        assistant_id = ctx->who->person_id;
    } else if (!is_manager(ctx) && assistant_id != ctx->who->person_id)
        return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "assistant %lld does not exist",
                       (long long)assistant_id);
    json_t *enr = NULL, *certs = NULL, *me = NULL;
    /* expired: by the assistant's today in their zone, not UTC's date */
    struct hl_error ignore;
    store_entity_get(ctx->db, &ent_person, assistant_id, &me, &ignore);
    char today[11];
    date_format(tz_today(str(me, "time_zone"), db_now(ctx->db)), today);
    json_decref(me);
    enum hl_err e = store_training_assistant_enrolments(ctx->db, assistant_id, &enr, err);
    if (e == HL_OK)
        e = store_training_assistant_certificates(ctx->db, assistant_id, today, &certs, err);
    if (e != HL_OK) {
        json_decref(enr);
        json_decref(certs);
        return e;
    }
    size_t i;
    json_t *r;
    json_array_foreach(enr, i, r)
    {
        json_object_set_new(r, "waitlisted", json_boolean(num(r, "waitlisted")));
        for (int k = 0; k < 2; k++) {
            const char *f = k ? "ends_at" : "starts_at";
            json_t *v = json_object_get(r, f);
            if (json_is_integer(v))
                json_object_set_new(r, f, instant_json(json_integer_value(v)));
        }
    }
    json_array_foreach(certs, i, r)
        json_object_set_new(r, "expired", json_boolean(num(r, "expired")));
    *out = json_pack("{sI so so}", "assistant_id", (json_int_t)assistant_id, "enrolments", enr,
                     "certificates", certs);
    return HL_OK;
}

/* ---- budget ---- */

enum hl_err svc_training_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    json_t *o = NULL;
    if (e == HL_OK)
        e = store_training_settings_get(ctx->db, &o, err);
    if (e == HL_OK) {
        json_object_set_new(o, "yearly_budget",
                            json_real(json_number_value(json_object_get(o, "yearly_budget"))));
        *out = o;
    }
    return e;
}

enum hl_err svc_training_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                         json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL, "send If-Match with the settings' version");
    json_t *b = json_object_get(body, "yearly_budget"), *c = json_object_get(body, "currency");
    if (!b && !c)
        return hl_fail(err, HL_ERR_INVALID, NULL, "give yearly_budget or currency");
    if (b && (!json_is_number(b) || json_number_value(b) < 0 || json_number_value(b) > 1e8))
        return hl_fail(err, HL_ERR_INVALID, "yearly_budget",
                       "yearly_budget is a number from 0 to 100000000");
    if (c && (!json_is_string(c) || strlen(json_string_value(c)) != 3))
        return hl_fail(err, HL_ERR_INVALID, "currency", "currency is a three-letter code");
    json_t *before = NULL, *after = NULL;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = svc_training_settings(ctx, &before, err)) != HL_OK)
        goto out;
    if (num(before, "version") != if_match) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the training settings have changed (version %lld); read them again",
                    (long long)num(before, "version"));
        goto out;
    }
    char budget[64];
    snprintf(budget, sizeof budget, "%.2f",
             b ? json_number_value(b)
               : json_number_value(json_object_get(before, "yearly_budget")));
    if ((e = store_training_settings_set(
             ctx->db, budget, c ? json_string_value(c) : str(before, "currency"), err)) != HL_OK)
        goto out;
    if ((e = svc_training_settings(ctx, &after, err)) == HL_OK &&
        (e = svc_audit(ctx, "update", "training settings", 1, before, after, err)) == HL_OK &&
        (e = db_commit(ctx->db, err)) == HL_OK) {
        *out = after;
        after = NULL;
    }
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(before);
    json_decref(after);
    return e;
}

enum hl_err svc_training_budget(struct svc_ctx *ctx, int year, json_t **out, struct hl_error *err)
{
    json_t *set = NULL, *rows = NULL;
    enum hl_err e = svc_training_settings(ctx, &set, err);
    if (e != HL_OK)
        return e;
    if (!year) { /* this year where the manager is (on 31 December UTC's lags Tallinn's) */
        int m, d;
        civil_from_days(svc_support_today(ctx), &year, &m, &d);
    }
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    e = store_training_spent(ctx->db, y, &rows, err);
    if (e == HL_OK) {
        double budget = json_number_value(json_object_get(set, "yearly_budget")), total = 0;
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            double spent = json_number_value(json_object_get(r, "spent"));
            total += spent;
            json_object_set_new(r, "spent", json_real(spent));
            json_object_set_new(r, "left", json_real(budget - spent));
            json_object_set_new(r, "over", json_boolean(spent > budget));
        }
        *out = json_pack("{si sf sO sf so}", "year", year, "yearly_budget", budget, "currency",
                         json_object_get(set, "currency"), "total", total, "assistants", rows);
        rows = NULL;
    }
    json_decref(rows);
    json_decref(set);
    return e;
}

/* ---- expiry notices ---- */

static const struct mail_template expiry_tpl = {
    "training.expiry",
    {"Certificate expires on {expires_on}: {title}", "Tunnistus aegub {expires_on}: {title}"},
    {"Hello {name},\n\nthe certificate \"{title}\" of {assistant} ({skill} {level}) expires on "
     "{expires_on}, in {days} days. After that it no longer counts for the skill; the training "
     "needs in Haldus list courses that renew it.\n\n— Haldus",
     "Tere, {name}!\n\nTunnistus „{title}“ ({assistant}; {skill} {level}) aegub {expires_on}, "
     "{days} päeva pärast. Seejärel see oskust enam ei tõenda; Halduse koolitusvajadused "
     "näitavad kursusi, mis selle uuendavad.\n\n— Haldus"},
};

enum hl_err tick_training(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    int n = 0;
    enum hl_err e = svc_training_expiry_notices(ctx, &n, err);
    if (e == HL_OK && n > 0)
        *summary = hl_asprintf("%d certificate expiry notice%s queued", n, n == 1 ? "" : "s");
    return e;
}

enum hl_err svc_training_expiry_notices(struct svc_ctx *ctx, int *queued, struct hl_error *err)
{
    *queued = 0;
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    char today[11];
    date_format(db_now(ctx->db) / 86400, today);
    json_t *rows = NULL, *mgrs = NULL;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_training_notices_due(ctx->db, today, TRAINING_NOTICE_FAR, TRAINING_NOTICE_NEAR,
                                        &rows, err)) != HL_OK ||
        (e = store_training_manager_people(ctx->db, &mgrs, err)) != HL_OK)
        goto out;
    size_t i, j;
    json_t *r, *m;
    json_array_foreach(rows, i, r)
    {
        for (j = 0; j <= json_array_size(mgrs) && e == HL_OK; j++) {
            m = j ? json_array_get(mgrs, j - 1) : NULL;
            int64_t to_id = m ? num(m, "person_id") : num(r, "assistant_id");
            if (m && to_id == num(r, "assistant_id"))
                continue;
            json_t *params =
                json_pack("{ss ss ss sI ss ss sI}", "name", m ? "" : str(r, "assistant"),
                          "assistant", str(r, "assistant"), "skill", str(r, "skill"), "level",
                          (json_int_t)num(r, "level"), "title", str(r, "title"), "expires_on",
                          str(r, "expires_on"), "days", (json_int_t)num(r, "days"));
            struct mail_to to = {to_id, NULL, MAIL_EN};
            int64_t id = 0;
            e = mail_enqueue(ctx, &expiry_tpl, &to, params, NULL, &id, err);
            if (id)
                (*queued)++;
            json_decref(params);
        }
        if (e == HL_OK)
            e = store_training_notified(ctx->db, num(r, "id"), (int)num(r, "notice"), err);
        if (e != HL_OK)
            break;
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(rows);
    json_decref(mgrs);
    return e;
}

/* ---- the calendar feed ---- */

/* The UID of the invitation still standing that was sent for the occurrence starting at start
 * (NULL: none was sent), from inv (store_training_invitations_open's rows). */
static const char *invitation_uid(const json_t *inv, int64_t start)
{
    size_t i;
    json_t *v;
    json_array_foreach(inv, i, v)
    {
        if (num(v, "start_at") == start)
            return str(v, "uid");
    }
    return NULL;
}

/* The person's own training meetings. Every row is about a seat of theirs, so an occurrence
 * they were invited to carries the invitation's UID (its SEQUENCE is 0 while it stands, as the
 * feed's is): a calendar that subscribes to the feed and accepted the invitation merges them. */
enum hl_err training_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err)
{
    json_t *rows = NULL;
    enum hl_err e =
        store_training_person_sessions(ctx->db, person_id, to + 3 * 366 * 86400LL, &rows, err);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        struct training_occurrence *occ = NULL;
        size_t n = 0;
        json_t *inv = NULL;
        if (e != HL_OK || (e = training_occurrences(ctx, num(r, "id"), &occ, &n, err)) != HL_OK ||
            (e = store_training_invitations_open(ctx->db, num(r, "enrolment_id"), &inv, err)) !=
                HL_OK) {
            free(occ);
            break;
        }
        const char *place = str(r, "place"), *link = str(r, "link");
        char *where = hl_asprintf("%s%s%s", place, *place && *link ? ", " : "", link);
        char *desc =
            *str(r, "instructor") ? hl_asprintf("Instructor: %s", str(r, "instructor")) : NULL;
        for (size_t k = 0; k < n; k++) {
            if (occ[k].end <= from || occ[k].start >= to)
                continue;
            const char *sent = invitation_uid(inv, occ[k].start);
            char *uid = sent
                            ? hl_strdup(sent)
                            : hl_asprintf("training-%lld-%lld-%lld@haldus", (long long)num(r, "id"),
                                          (long long)occ[k].meeting_id, (long long)occ[k].start);
            struct feed_event ev = {
                uid, occ[k].start, occ[k].end, false, str(r, "name"), *where ? where : NULL, desc};
            feed_list_add(out, &ev);
            free(uid);
        }
        free(where);
        free(desc);
        free(occ);
        json_decref(inv);
    }
    json_decref(rows);
    return e;
}
