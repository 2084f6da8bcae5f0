/* svc_desk.c: the desk domain's use cases beyond CRUD and workflow: the week plan and a move's
 * preview, "my day", marking a phone message done, caller suggestions, and the handover of an
 * absent assistant's tasks to the covering assistant. */
#include "desk.h"

#include "absence.h"
#include "holiday_domain.h"
#include "mail.h"
#include "mem.h"
#include "people.h"
#include "store_desk.h"
#include "store_entity.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

static enum hl_err need_manager(struct svc_ctx *ctx, struct hl_error *err)
{
    return is_manager(ctx) ? HL_OK
                           : hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers see this plan");
}

static int64_t jint(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

enum hl_err desk_serves(struct svc_ctx *ctx, int64_t assistant, int64_t principal, bool *yes,
                        struct hl_error *err)
{
    return store_desk_serves(ctx->db, assistant, principal, yes, err);
}

/* ---- the week plan ---- */

struct week_input {
    json_t *assistants, *patterns, *absences, *tasks, *supports;
    json_t *occurrences; /* "task_id:due_at" → the status of that occurrence, when it has one */
    struct holiday_set holidays;
};

/* The statuses of single occurrences of recurring tasks due in [from, to), as week_input's
 * occurrences (a new object in *out). */
static enum hl_err occurrences_load(struct svc_ctx *ctx, int64_t from, int64_t to, json_t **out,
                                    struct hl_error *err)
{
    json_t *rows = NULL;
    struct desk_param p[] = {{from, NULL}, {to, NULL}};
    enum hl_err e = store_desk_rows(ctx->db,
                                    "SELECT task_id, due_at, status FROM task_occurrence WHERE "
                                    "due_at >= ?1 AND due_at < ?2",
                                    p, 2, &rows, err);
    *out = json_object();
    json_t *r;
    size_t i;
    json_array_foreach(rows, i, r)
    {
        char key[48];
        snprintf(key, sizeof key, "%lld:%lld", (long long)jint(r, "task_id"),
                 (long long)jint(r, "due_at"));
        json_object_set(*out, key, json_object_get(r, "status"));
    }
    json_decref(rows);
    return e;
}

/* The status of a task's occurrence due at `due`: its own, else the task's. */
static const char *occurrence_status(const json_t *occurrences, const json_t *task, int64_t due)
{
    if (!jstr(task, "rrule"))
        return jstr(task, "status");
    char key[48];
    snprintf(key, sizeof key, "%lld:%lld", (long long)jint(task, "id"), (long long)due);
    const char *own = json_string_value(json_object_get(occurrences, key));
    return own ? own : jstr(task, "status");
}

static void week_input_cleanup(struct week_input *w)
{
    json_decref(w->assistants);
    json_decref(w->patterns);
    json_decref(w->absences);
    json_decref(w->tasks);
    json_decref(w->supports);
    json_decref(w->occurrences);
    holiday_set_cleanup(&w->holidays);
}

/* Reads everything the plan of [from_day, to_day] needs; the UTC range is widened by a day on
 * each side so every zone's local days are inside it. */
static enum hl_err week_load(struct svc_ctx *ctx, int64_t assistant, int64_t from_day,
                             int64_t to_day, struct week_input *w, struct hl_error *err)
{
    memset(w, 0, sizeof *w);
    char fd[11], td[11];
    date_format(from_day, fd);
    date_format(to_day, td);
    enum hl_err e =
        store_desk_week(ctx->db, assistant, (from_day - 1) * 86400, (to_day + 2) * 86400, fd, td,
                        &w->assistants, &w->patterns, &w->absences, &w->tasks, &w->supports, err);
    if (e == HL_OK)
        e = occurrences_load(ctx, (from_day - 1) * 86400, (to_day + 2) * 86400, &w->occurrences,
                             err);
    if (e == HL_OK)
        e = holiday_set_load(ctx->db, from_day, to_day, NULL, &w->holidays, err);
    return e;
}

static bool pattern_valid(const json_t *p, const char *date)
{
    const char *vf = jstr(p, "valid_from"), *vt = jstr(p, "valid_to");
    return (!vf || strcmp(vf, date) <= 0) && (!vt || strcmp(vt, date) >= 0);
}

/* One assistant's plan: pure arithmetic on the loaded rows (the same for the plan and the
 * preview). */
static json_t *week_assistant(const struct week_input *w, const json_t *a, int64_t from_day,
                              int64_t to_day)
{
    int64_t id = jint(a, "id");
    const char *zone = jstr(a, "time_zone");
    const char *office = jstr(a, "office");
    if (!zone || !tz_valid(zone))
        zone = "UTC";
    size_t ndays = (size_t)(to_day - from_day + 1);
    int64_t *work = hl_calloc(ndays, sizeof *work), *absent = hl_calloc(ndays, sizeof *absent),
            *planned = hl_calloc(ndays, sizeof *planned);
    json_t **day_tasks = hl_calloc(ndays, sizeof *day_tasks);
    for (size_t i = 0; i < ndays; i++)
        day_tasks[i] = json_array();

    /* Working intervals in the assistant's zone, minus approved absences (leave, sickness,
     * training …), nothing on the office's holidays. */
    size_t np = 0, k;
    json_t *p;
    struct weekly_interval *week = hl_calloc(json_array_size(w->patterns) + 1, sizeof *week);
    const json_t **wp = hl_calloc(json_array_size(w->patterns) + 1, sizeof *wp);
    json_array_foreach(w->patterns, k, p) if (jint(p, "person_id") == id)
    {
        week[np] = (struct weekly_interval){(int)jint(p, "weekday"), (int)jint(p, "start_minute"),
                                            (int)jint(p, "end_minute")};
        wp[np++] = p;
    }
    size_t nint = 0;
    struct utc_interval *iv = np ? tz_expand_weekly(zone, week, np, from_day, to_day, &nint) : NULL;
    for (size_t i = 0; i < nint; i++) {
        int64_t di = iv[i].day - from_day;
        if (di < 0 || di >= (int64_t)ndays)
            continue;
        char date[11];
        date_format(iv[i].day, date);
        if (!pattern_valid(wp[iv[i].index], date) ||
            holiday_set_find(&w->holidays, office, iv[i].day))
            continue;
        int64_t len = (iv[i].end - iv[i].start) / 60, away = 0;
        json_t *b;
        json_array_foreach(w->absences, k, b) if (jint(b, "person_id") == id)
        {
            int64_t s = jint(b, "start_at") > iv[i].start ? jint(b, "start_at") : iv[i].start;
            int64_t e = jint(b, "end_at") < iv[i].end ? jint(b, "end_at") : iv[i].end;
            if (e > s)
                away += (e - s) / 60;
        }
        work[di] += len - (away > len ? len : away);
        absent[di] += away > len ? len : away;
    }
    free(iv);
    free(week);
    free(wp);

    /* Planned tasks: each occurrence in the range on its local day. */
    int64_t from = 0, to = 0;
    tz_local_to_utc(zone, from_day, 0, &from);
    tz_local_to_utc(zone, to_day + 1, 0, &to);
    int64_t occ[DESK_MAX_OCCURRENCES];
    json_t *t;
    json_array_foreach(w->tasks, k, t) if (jint(t, "assistant_id") == id)
    {
        size_t n = desk_occurrences(jint(t, "due_at"), jstr(t, "rrule"), zone, from, to, occ,
                                    DESK_MAX_OCCURRENCES);
        for (size_t i = 0; i < n; i++) {
            int64_t day;
            int minute;
            if (!tz_utc_to_local(zone, occ[i], &day, &minute) || day < from_day || day > to_day)
                continue;
            /* An occurrence dropped on its own is not planned; one done still was. */
            const char *status = occurrence_status(w->occurrences, t, occ[i]);
            if (strcmp(status, "dropped") == 0)
                continue;
            planned[day - from_day] += jint(t, "estimate_minutes");
            json_t *o =
                json_pack("{sI ss si so ss ss sb}", "id", (json_int_t)jint(t, "id"), "title",
                          jstr(t, "title"), "estimate_minutes", (int)jint(t, "estimate_minutes"),
                          "due_at", entity_instant(occ[i]), "priority", jstr(t, "priority"),
                          "status", status, "recurring", jstr(t, "rrule") != NULL);
            json_object_set(o, "principal_id", json_object_get(t, "principal_id"));
            json_array_append_new(day_tasks[day - from_day], o);
        }
    }

    json_t *days = json_array();
    int64_t tw = 0, tp = 0;
    int over = 0;
    for (size_t i = 0; i < ndays; i++) {
        char date[11];
        date_format(from_day + (int64_t)i, date);
        const struct holiday_entry *h =
            holiday_set_find(&w->holidays, office, from_day + (int64_t)i);
        bool ob = planned[i] > work[i];
        over += ob;
        tw += work[i];
        tp += planned[i];
        json_t *d =
            json_pack("{ss sI sI sI sb so}", "date", date, "work_minutes", (json_int_t)work[i],
                      "absent_minutes", (json_int_t)absent[i], "task_minutes",
                      (json_int_t)planned[i], "over_booked", ob, "tasks", day_tasks[i]);
        json_object_set_new(d, "holiday", h ? json_string(h->name) : json_null());
        json_array_append_new(days, d);
    }
    json_t *execs = json_array(), *s;
    json_array_foreach(w->supports, k, s) if (jint(s, "assistant_id") == id)
        json_array_append_new(execs, json_pack("{sI ss}", "id", (json_int_t)jint(s, "principal_id"),
                                               "name", jstr(s, "name")));
    double contracted = json_number_value(json_object_get(a, "contracted_hours"));
    json_t *out = json_pack("{sI ss ss sI sI sI si so so}", "assistant_id", (json_int_t)id, "name",
                            jstr(a, "name"), "time_zone", zone, "contracted_minutes",
                            (json_int_t)(contracted * 60.0 * (double)ndays / 7.0 + 0.5),
                            "work_minutes", (json_int_t)tw, "task_minutes", (json_int_t)tp,
                            "over_booked_days", over, "executives", execs, "days", days);
    free(work);
    free(absent);
    free(planned);
    free(day_tasks);
    return out;
}

static json_t *week_compute(const struct week_input *w, int64_t from_day, int64_t to_day,
                            int64_t only_a, int64_t only_b)
{
    json_t *list = json_array(), *a;
    size_t i;
    json_array_foreach(w->assistants, i, a)
    {
        int64_t id = jint(a, "id");
        if (only_a && id != only_a && id != only_b)
            continue;
        json_array_append_new(list, week_assistant(w, a, from_day, to_day));
    }
    return list;
}

static enum hl_err check_range(int64_t from_day, int64_t to_day, struct hl_error *err)
{
    if (to_day < from_day)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "to", "to is before from");
    if (to_day - from_day + 1 > DESK_MAX_PLAN_DAYS)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "to", "a plan covers at most %d days",
                       DESK_MAX_PLAN_DAYS);
    return HL_OK;
}

enum hl_err svc_desk_week_plan(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                               int64_t assistant, json_t **out, struct hl_error *err)
{
    struct week_input w;
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = check_range(from_day, to_day, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    e = week_load(ctx, assistant, from_day, to_day, &w, err);
    db_rollback(ctx->db);
    if (e == HL_OK) {
        char fd[11], td[11];
        date_format(from_day, fd);
        date_format(to_day, td);
        *out = json_pack("{ss ss so}", "from", fd, "to", td, "assistants",
                         week_compute(&w, from_day, to_day, 0, 0));
    }
    week_input_cleanup(&w);
    return e;
}

/* The Monday on or before day. */
static int64_t monday_of(int64_t day)
{
    return day - (weekday_from_days(day) - 1);
}

enum hl_err svc_desk_move_preview(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(
        (json_t *)body, key,
        v) if (strcmp(key, "task_id") != 0 && strcmp(key, "assistant_id") != 0 &&
               strcmp(key, "due_at") !=
                   0) return hl_fail(err, HL_ERR_INVALID, key,
                                     "unknown field %s (task_id, assistant_id, due_at)", key);
    json_t *tid = json_object_get(body, "task_id");
    if (!json_is_integer(tid) || json_integer_value(tid) < 1)
        return hl_fail(err, HL_ERR_INVALID, "task_id", "task_id must be a task's id");
    json_t *task = NULL;
    if ((e = store_entity_get(ctx->db, &ent_task, json_integer_value(tid), &task, err)) != HL_OK)
        return e;
    int64_t old_a = jint(task, "assistant_id"), new_a = old_a, old_due = 0, new_due;
    instant_parse(jstr(task, "due_at") ? jstr(task, "due_at") : "", &old_due);
    new_due = old_due;
    json_t *va = json_object_get(body, "assistant_id"), *vd = json_object_get(body, "due_at");
    if (va) {
        bool exists = false;
        if (!json_is_integer(va) || json_integer_value(va) < 1)
            e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "assistant_id must be an id");
        else if ((e = store_entity_exists(ctx->db, &ent_assistant, json_integer_value(va), &exists,
                                          err)) == HL_OK &&
                 !exists)
            e = hl_fail(err, HL_ERR_INVALID, "assistant_id", "no assistant with id %lld",
                        (long long)json_integer_value(va));
        new_a = json_integer_value(va);
    }
    if (e == HL_OK && vd &&
        (!json_is_string(vd) || !instant_parse(json_string_value(vd), &new_due)))
        e = hl_fail(err, HL_ERR_INVALID, "due_at", "due_at must be an RFC 3339 instant");
    if (e == HL_OK && !old_due && !vd)
        e = hl_fail(err, HL_ERR_INVALID, "due_at",
                    "the task has no due date: give due_at to plan it on a day");
    if (e != HL_OK) {
        json_decref(task);
        return e;
    }
    /* The weeks holding the old and the new day (UTC), at most DESK_MAX_PLAN_DAYS. */
    int64_t d1 = (old_due ? old_due : new_due) / 86400, d2 = new_due / 86400;
    int64_t from_day = monday_of(d1 < d2 ? d1 : d2), to_day = monday_of(d1 < d2 ? d2 : d1) + 6;
    if (to_day - from_day + 1 > DESK_MAX_PLAN_DAYS) {
        json_decref(task);
        return hl_fail(err, HL_ERR_INVALID, "due_at",
                       "a move is previewed within %d days of the current due date",
                       DESK_MAX_PLAN_DAYS - 7);
    }
    struct week_input w;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK) {
        json_decref(task);
        return e;
    }
    e = week_load(ctx, 0, from_day, to_day, &w, err);
    db_rollback(ctx->db);
    if (e == HL_OK) {
        json_t *before = week_compute(&w, from_day, to_day, old_a, new_a);
        /* The same rows with the task moved: what the plan reads after the PATCH. */
        json_t *t, *moved = NULL;
        size_t i;
        json_array_foreach(w.tasks, i, t) if (jint(t, "id") == jint(task, "id")) moved = t;
        if (!moved && strcmp(jstr(task, "status"), "dropped") != 0) {
            moved = json_pack("{sI ss sI ss ss}", "id", (json_int_t)jint(task, "id"), "title",
                              jstr(task, "title"), "estimate_minutes",
                              (json_int_t)jint(task, "estimate_minutes"), "priority",
                              jstr(task, "priority"), "status", jstr(task, "status"));
            json_object_set(moved, "principal_id", json_object_get(task, "principal_id"));
            json_object_set(moved, "rrule", json_object_get(task, "rrule"));
            json_array_append_new(w.tasks, moved);
        }
        if (moved) {
            json_object_set_new(moved, "assistant_id", json_integer(new_a));
            json_object_set_new(moved, "due_at", json_integer(new_due));
        }
        json_t *after = week_compute(&w, from_day, to_day, old_a, new_a);
        char fd[11], td[11], nd[21];
        date_format(from_day, fd);
        date_format(to_day, td);
        instant_format(new_due, nd);
        json_t *change = json_pack("{sI ss}", "assistant_id", (json_int_t)new_a, "due_at", nd);
        *out = json_pack("{sO so ss ss so so}", "task", task, "change", change, "from", fd, "to",
                         td, "before", before, "after", after);
    }
    week_input_cleanup(&w);
    json_decref(task);
    return e;
}

/* ---- my day ---- */

/* A manager's day without an assistant: the pool's open correspondence whose reply is due by
 * the day, overdue first (the manager's Today page). Without a date the day is each handler's
 * own today, in their zone. */
static enum hl_err pool_day(struct svc_ctx *ctx, int64_t day, json_t **out, struct hl_error *err)
{
    int64_t now = db_now(ctx->db);
    char date[11], bound[11];
    date_format(day < 0 ? now / 86400 : day, date);
    /* No zone is more than a day ahead of UTC: read up to tomorrow (UTC), hold each row to its
     * handler's day below. */
    date_format(day < 0 ? now / 86400 + 1 : day, bound);
    struct desk_param p[] = {{0, bound}};
    json_t *corr = NULL, *shown = json_array();
    enum hl_err e = store_desk_rows(
        ctx->db,
        "SELECT c.id, c.principal_id, p.name AS principal_name, c.direction, c.kind, "
        "c.counterpart, c.subject, c.reference, c.date, c.reply_due, c.handler_id, h.name AS "
        "handler_name, h.time_zone AS handler_zone, c.version FROM correspondence c JOIN person "
        "p ON p.id = c.principal_id JOIN person h ON h.id = c.handler_id WHERE c.status = 'open' "
        "AND c.reply_due IS NOT NULL AND c.reply_due <= ?1 ORDER BY c.reply_due, c.id LIMIT 500",
        p, 1, &corr, err);
    if (e != HL_OK) {
        json_decref(corr);
        json_decref(shown);
        return e;
    }
    size_t i;
    json_t *c;
    json_array_foreach(corr, i, c)
    {
        enum desk_reply st =
            desk_reply_state(jstr(c, "reply_due"), jstr(c, "handler_zone"), now, day);
        if (st == DESK_REPLY_LATER)
            continue;
        json_object_del(c, "handler_zone");
        json_object_set_new(c, "overdue", json_boolean(st == DESK_REPLY_OVERDUE));
        json_array_append(shown, c);
    }
    json_decref(corr);
    corr = shown;
    *out = json_pack("{sn sn ss ss so so so so so}", "assistant_id", "name", "time_zone", "UTC",
                     "date", date, "executives", json_array(), "tasks", json_array(), "messages",
                     json_array(), "correspondence", corr, "meetings_to_arrange", json_array());
    return HL_OK;
}

enum hl_err svc_desk_my_day(struct svc_ctx *ctx, int64_t assistant, int64_t day, json_t **out,
                            struct hl_error *err)
{
    if (!assistant && is_manager(ctx))
        return pool_day(ctx, day, out, err);
    if (!assistant)
        assistant = ctx->who->person_id;
    if (!is_manager(ctx) && assistant != ctx->who->person_id)
        return hl_fail(err, HL_ERR_FORBIDDEN, "assistant_id", "you can only see your own day");
    json_t *person = NULL;
    bool is_assistant = false, is_principal = false;
    enum hl_err e = store_entity_get(ctx->db, &ent_person, assistant, &person, err);
    if (e == HL_ERR_NOT_FOUND)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "assistant_id", "no person with id %lld",
                    (long long)assistant);
    if (e == HL_OK)
        e = store_entity_exists(ctx->db, &ent_assistant, assistant, &is_assistant, err);
    if (e == HL_OK)
        e = store_entity_exists(ctx->db, &ent_principal, assistant, &is_principal, err);
    if (e != HL_OK) {
        json_decref(person);
        return e;
    }
    const char *zone = jstr(person, "time_zone");
    if (!zone || !tz_valid(zone))
        zone = "UTC";
    int64_t now = db_now(ctx->db);
    bool asked = day >= 0; /* else today, and each reply is held to its handler's today */
    if (!asked)
        day = tz_today(zone, now); /* today in the assistant's zone */
    int64_t from = 0, to = 0;
    tz_local_to_utc(zone, day, 0, &from);
    tz_local_to_utc(zone, day + 1, 0, &to);
    char date[11];
    date_format(day, date);
    json_t *served = NULL, *tasks = NULL, *messages = NULL, *corr = NULL;
    if ((e = db_begin(ctx->db, false, err)) != HL_OK) {
        json_decref(person);
        return e;
    }
    e = store_desk_served(ctx->db, assistant, date, from, to, &served, err);
    /* An executive's own day: their messages and the correspondence due for them. */
    if (e == HL_OK && !is_assistant && is_principal)
        json_array_append_new(served, json_pack("{sI ss ss}", "id", (json_int_t)assistant, "name",
                                                jstr(person, "name"), "via", "self"));
    struct desk_param tp[] = {{assistant, NULL}, {to, NULL}, {from, NULL}};
    if (e == HL_OK)
        e = store_desk_rows(ctx->db,
                            "SELECT t.id, t.principal_id, p.name AS principal_name, t.title, "
                            "t.notes, t.estimate_minutes, t.due_at, t.priority, t.status, t.rrule, "
                            "t.version, t.handed_over_from_id FROM task t LEFT JOIN person p ON "
                            "p.id = t.principal_id WHERE t.assistant_id = ?1 AND t.due_at IS NOT "
                            "NULL AND t.due_at < ?2 AND (t.rrule IS NOT NULL OR t.due_at >= ?3 OR "
                            "t.status IN ('open', 'in_progress')) AND t.status <> 'dropped' "
                            "ORDER BY t.due_at, t.id",
                            tp, 3, &tasks, err);
    /* Messages and correspondence of every executive served that day. */
    json_t *ids = json_array(), *s;
    size_t i;
    json_array_foreach(served, i, s) json_array_append_new(ids, json_integer(jint(s, "id")));
    char *idtext = json_dumps(ids, JSON_COMPACT);
    json_decref(ids);
    struct desk_param mp[] = {{0, idtext ? idtext : "[]"}, {0, date}};
    /* No zone is more than a day ahead of UTC: read replies due up to the day after, hold each
     * to its handler's day below, as the overdue mail and the manager's Today do. */
    char bound[11];
    date_format(asked ? day : tz_today(NULL, now) + 1, bound);
    if (strcmp(bound, date) < 0)
        memcpy(bound, date, sizeof bound);
    struct desk_param cp[] = {{0, idtext ? idtext : "[]"}, {0, bound}};
    if (e == HL_OK)
        e = store_desk_rows(ctx->db,
                            "SELECT m.id, m.principal_id, p.name AS principal_name, m.caller, "
                            "m.organisation, m.phone, m.email, m.message, m.urgency, m.action, "
                            "m.taken_at, m.version FROM phone_message m JOIN person p ON p.id = "
                            "m.principal_id WHERE m.status = 'open' AND m.principal_id IN (SELECT "
                            "value FROM json_each(?1)) ORDER BY m.urgency = 'urgent' DESC, "
                            "m.taken_at DESC",
                            mp, 1, &messages, err);
    if (e == HL_OK)
        e = store_desk_rows(ctx->db,
                            "SELECT c.id, c.principal_id, p.name AS principal_name, c.direction, "
                            "c.kind, c.counterpart, c.subject, c.reference, c.date, c.reply_due, "
                            "c.handler_id, c.version, h.time_zone AS handler_zone FROM "
                            "correspondence c JOIN person p ON p.id = c.principal_id LEFT JOIN "
                            "person h ON h.id = c.handler_id WHERE c.status = 'open' AND "
                            "c.reply_due IS NOT NULL AND c.reply_due <= ?2 AND c.principal_id IN "
                            "(SELECT value FROM json_each(?1)) ORDER BY c.reply_due, c.id",
                            cp, 2, &corr, err);
    json_t *own = NULL, *arrange = NULL;
    if (e == HL_OK)
        e = occurrences_load(ctx, from, to, &own, err);
    /* Meetings to arrange for those executives: the ones due soonest first. */
    if (e == HL_OK)
        e = store_desk_rows(ctx->db,
                            "SELECT r.id, r.principal_id, p.name AS principal_name, r.with_whom, "
                            "r.subject, r.duration_minutes, r.by_date, r.notes, r.requested_by, "
                            "r.version, r.by_date < ?2 AS overdue FROM meeting_request r JOIN "
                            "person p ON p.id = r.principal_id WHERE r.status = 'open' AND "
                            "r.principal_id IN (SELECT value FROM json_each(?1)) ORDER BY "
                            "r.by_date IS NULL, r.by_date, r.id",
                            mp, 2, &arrange, err);
    db_rollback(ctx->db);
    free(idtext);
    if (e == HL_OK) {
        /* Tasks: the day's occurrences (each with its own status), and open ones overdue from
         * before. */
        json_t *list = json_array(), *t;
        int64_t occ[DESK_MAX_OCCURRENCES];
        json_array_foreach(tasks, i, t)
        {
            int64_t due = jint(t, "due_at");
            const char *status = jstr(t, "status");
            bool open = strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0;
            size_t n = desk_occurrences(due, jstr(t, "rrule"), zone, from, to, occ, 1);
            if (n == 0 && !(open && !jstr(t, "rrule") && due < from))
                continue;
            const char *mine = n ? occurrence_status(own, t, occ[0]) : status;
            if (strcmp(mine, "dropped") == 0)
                continue;
            json_t *o = json_deep_copy(t);
            json_object_set_new(o, "status", json_string(mine));
            json_object_set_new(o, "due_at", entity_instant(n ? occ[0] : due));
            json_object_set_new(o, "overdue", json_boolean(n == 0));
            json_array_append_new(list, o);
        }
        json_decref(tasks);
        tasks = list;
        json_array_foreach(messages, i, t)
            json_object_set_new(t, "taken_at", entity_instant(jint(t, "taken_at")));
        /* A reply is overdue once its due day has ended for its handler (no handler: for the
         * assistant); on a date asked for, by that date. */
        json_t *shown = json_array();
        json_array_foreach(corr, i, t)
        {
            const char *hz = jstr(t, "handler_zone");
            enum desk_reply st =
                desk_reply_state(jstr(t, "reply_due"), hz, now, asked || !hz ? day : -1);
            if (st == DESK_REPLY_LATER)
                continue;
            json_object_del(t, "handler_zone");
            json_object_set_new(t, "overdue", json_boolean(st == DESK_REPLY_OVERDUE));
            json_array_append(shown, t);
        }
        json_decref(corr);
        corr = shown;
        json_array_foreach(arrange, i, t)
            json_object_set_new(t, "overdue", json_boolean(jint(t, "overdue")));
        *out = json_pack("{sI ss ss ss so so so so so}", "assistant_id", (json_int_t)assistant,
                         "name", jstr(person, "name"), "time_zone", zone, "date", date,
                         "executives", served, "tasks", tasks, "messages", messages,
                         "correspondence", corr, "meetings_to_arrange", arrange);
        served = tasks = messages = corr = arrange = NULL;
    }
    json_decref(served);
    json_decref(tasks);
    json_decref(messages);
    json_decref(corr);
    json_decref(person);
    json_decref(own);
    json_decref(arrange);
    return e;
}

/* ---- phone messages ---- */

enum hl_err svc_desk_message_done(struct svc_ctx *ctx, int64_t id, int64_t if_match, json_t **out,
                                  struct hl_error *err)
{
    json_t *cur = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    /* Visible to the caller (404 otherwise): the executive, their assistants and covers. */
    if ((e = svc_entity_get(ctx, &ent_phone_message, id, &cur, err)) != HL_OK)
        goto done;
    if (strcmp(jstr(cur, "status"), "open") != 0) {
        e = hl_fail(err, HL_ERR_TRANSITION, "status", "phone message %lld is done already",
                    (long long)id);
        goto done;
    }
    char now[21];
    instant_format(db_now(ctx->db), now);
    json_t *changes = json_pack("{ss ss}", "status", "done", "done_at", now);
    /* Whoever may see it may mark it done (not only the assistant who took it, the owner of
     * its edits): the change is Haldus's own, audited under the caller's name. */
    struct svc_ctx sys = *ctx;
    sys.who = NULL;
    e = svc_entity_set_system(&sys, &ent_phone_message, id,
                              if_match > 0 ? if_match : jint(cur, "version"), changes, "done", out,
                              err);
    json_decref(changes);
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
done:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(cur);
    return e;
}

enum hl_err svc_desk_occurrence_set(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                                    const json_t *body, json_t **out, struct hl_error *err)
{
    static const char *const statuses[] = {"open", "in_progress", "done", "dropped", NULL};
    json_t *task = NULL, *zone_rows = NULL, *before = NULL, *after = NULL;
    *out = NULL;
    const char *due_text = json_string_value(json_object_get(body, "due_at"));
    const char *status = json_string_value(json_object_get(body, "status"));
    int64_t due = 0;
    const char *was = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    /* Visible to the caller (404 otherwise); changed by its assistant or a manager. */
    if ((e = svc_entity_get(ctx, &ent_task, id, &task, err)) != HL_OK)
        goto done;
    if (if_match > 0 && if_match != jint(task, "version")) {
        e = hl_fail(err, HL_ERR_STALE, NULL, "task %lld is at version %lld, not %lld",
                    (long long)id, (long long)jint(task, "version"), (long long)if_match);
        goto done;
    }
    if (!due_text || !instant_parse(due_text, &due)) {
        e = hl_fail(err, HL_ERR_INVALID, "due_at",
                    "due_at must be the occurrence's time, like 2027-03-01T07:00:00Z");
        goto done;
    }
    bool known = false;
    for (size_t i = 0; status && statuses[i]; i++)
        known = known || strcmp(status, statuses[i]) == 0;
    if (!known) {
        e = hl_fail(err, HL_ERR_INVALID, "status",
                    "status must be open, in_progress, done or dropped");
        goto done;
    }
    if (ctx->who && !role_is_manager(ctx->who->role) &&
        ctx->who->person_id != jint(task, "assistant_id")) {
        e = hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                    "only the task's assistant or a manager changes its occurrences");
        goto done;
    }
    int64_t first;
    if (!jstr(task, "rrule") || !instant_parse(jstr(task, "due_at"), &first)) {
        e = hl_fail(err, HL_ERR_INVALID, "due_at",
                    "task %lld does not recur: change its own status (start, complete, drop)",
                    (long long)id);
        goto done;
    }
    struct desk_param zp[] = {{jint(task, "assistant_id"), NULL}};
    if ((e = store_desk_rows(ctx->db, "SELECT time_zone FROM person WHERE id = ?1", zp, 1,
                             &zone_rows, err)) != HL_OK)
        goto done;
    const char *zone = jstr(json_array_get(zone_rows, 0), "time_zone");
    int64_t occ[1];
    if (desk_occurrences(first, jstr(task, "rrule"), zone ? zone : "UTC", due, due + 1, occ, 1) !=
            1 ||
        occ[0] != due) {
        e = hl_fail(err, HL_ERR_INVALID, "due_at", "task %lld has no occurrence at %s",
                    (long long)id, due_text);
        goto done;
    }
    if ((e = store_desk_occurrence_set(ctx->db, id, due, status, ctx->actor, &was, err)) != HL_OK)
        goto done;
    char at[21];
    instant_format(db_now(ctx->db), at);
    before = json_pack("{ss ss}", "due_at", due_text, "status", was ? was : jstr(task, "status"));
    after = json_pack("{so ss}", "due_at", entity_instant(due), "status", status);
    if ((e = svc_audit(ctx, "occurrence", ent_task.name, id, before, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto done;
    *out = json_pack("{sI so ss ss}", "task_id", (json_int_t)id, "due_at", entity_instant(due),
                     "status", status, "status_at", at);
done:
    if (e != HL_OK)
        db_rollback(ctx->db);
    free((char *)was);
    json_decref(task);
    json_decref(zone_rows);
    json_decref(before);
    json_decref(after);
    return e;
}

enum hl_err svc_desk_callers(struct svc_ctx *ctx, const char *q, json_t **out, struct hl_error *err)
{
    int64_t now = db_now(ctx->db);
    json_t *rows = NULL;
    *out = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    /* The messages the caller may see (the entity's visibility), of the last 180 days. */
    e = store_desk_callers(ctx->db, q ? q : "", svc_scope_person(ctx, &ent_phone_message),
                           now - 180 * 86400, now + 86400, DESK_MAX_CALLERS, &rows, err);
    db_rollback(ctx->db);
    if (e != HL_OK)
        return e;
    json_t *r;
    size_t i;
    json_array_foreach(rows, i, r)
        json_object_set_new(r, "last_at", entity_instant(jint(r, "last_at")));
    *out = json_pack("{so}", "items", rows);
    return HL_OK;
}

/* ---- handover of an absent assistant's tasks ---- */

/* The cover a task due at `due` goes to among covers (rows of coverage_cover of the task's
 * executive overlapping the absence, none the absent assistant's): an accepted one before a
 * proposed one; one holding the due time, else the last that started before it, else the
 * first. NULL when there is none. */
static const json_t *pick_cover(const json_t *covers, int64_t due)
{
    const json_t *best = NULL;
    int best_rank = -1;
    size_t i;
    const json_t *c;
    json_array_foreach(covers, i, c)
    {
        int64_t s = jint(c, "start_at"), e = jint(c, "end_at");
        int rank = strcmp(jstr(c, "status"), "accepted") == 0 ? 4 : 0;
        rank += s <= due && due < e ? 2 : s <= due ? 1 : 0;
        /* Among equals: the latest start before due, else the earliest start. */
        if (rank > best_rank || (rank == best_rank && ((s <= due && s > jint(best, "start_at")) ||
                                                       (s > due && s < jint(best, "start_at"))))) {
            best = c;
            best_rank = rank;
        }
    }
    return best;
}

static enum hl_err covers_for(struct svc_ctx *ctx, int64_t principal, int64_t absent, int64_t from,
                              int64_t to, json_t **covers, struct hl_error *err)
{
    struct desk_param p[] = {{principal, NULL}, {absent, NULL}, {from, NULL}, {to, NULL}};
    *covers = NULL;
    return store_desk_rows(ctx->db,
                           "SELECT c.id, c.plan_id, c.assistant_id, p.name AS assistant_name, "
                           "c.start_at, c.end_at, c.status FROM coverage_cover c JOIN person p ON "
                           "p.id = c.assistant_id WHERE c.principal_id = ?1 AND c.assistant_id <> "
                           "?2 AND c.status IN ('proposed', 'accepted') AND c.start_at < ?4 AND "
                           "c.end_at > ?3 ORDER BY c.start_at, c.id",
                           p, 4, covers, err);
}

enum hl_err svc_desk_handover(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                              struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    json_t *abs = NULL, *tasks = NULL;
    if (e != HL_OK || (e = store_entity_get(ctx->db, &ent_absence, absence_id, &abs, err)) != HL_OK)
        return e;
    int64_t who = jint(abs, "person_id"), start = 0, end = 0;
    instant_parse(jstr(abs, "start_at"), &start);
    instant_parse(jstr(abs, "end_at"), &end);
    const char *status = jstr(abs, "status");
    struct desk_param p[] = {{who, NULL}, {start, NULL}, {end, NULL}};
    if ((e = db_begin(ctx->db, false, err)) != HL_OK) {
        json_decref(abs);
        return e;
    }
    e = store_desk_rows(ctx->db,
                        "SELECT t.id, t.principal_id, p.name AS principal_name, t.title, "
                        "t.estimate_minutes, t.due_at, t.priority, t.status FROM task t LEFT JOIN "
                        "person p ON p.id = t.principal_id WHERE t.assistant_id = ?1 AND "
                        "t.status IN ('open', 'in_progress') AND t.rrule IS NULL AND t.due_at >= "
                        "?2 AND t.due_at < ?3 ORDER BY t.due_at, t.id",
                        p, 3, &tasks, err);
    json_t *items = json_array(), *t;
    size_t i;
    json_array_foreach(tasks, i, t)
    {
        if (e != HL_OK)
            break;
        int64_t due = jint(t, "due_at");
        json_t *o = json_deep_copy(t);
        json_object_set_new(o, "due_at", entity_instant(due));
        json_t *covers = NULL;
        const json_t *c = NULL;
        const char *why = NULL, *code = NULL;
        if (!json_is_integer(json_object_get(t, "principal_id")))
            why = "not for an executive: the manager moves it on the week plan",
            code = "no_executive";
        else if (strcmp(status, "approved") != 0)
            why = "covers are planned when the absence is approved", code = "not_approved";
        else if ((e = covers_for(ctx, jint(t, "principal_id"), who, start, end, &covers, err)) ==
                     HL_OK &&
                 !(c = pick_cover(covers, due)))
            why = "no cover is planned for this executive", code = "no_cover";
        if (c) {
            json_object_set_new(o, "proposed_assistant_id", json_integer(jint(c, "assistant_id")));
            json_object_set_new(o, "proposed_assistant_name",
                                json_string(jstr(c, "assistant_name")));
            json_object_set_new(o, "cover_id", json_integer(jint(c, "id")));
            json_object_set_new(o, "cover_status", json_string(jstr(c, "status")));
        } else {
            json_object_set_new(o, "proposed_assistant_id", json_null());
            json_object_set_new(o, "reason", json_string(why ? why : ""));
            json_object_set_new(o, "reason_code", json_string(code ? code : "no_cover"));
        }
        json_decref(covers);
        json_array_append_new(items, o);
    }
    db_rollback(ctx->db);
    json_decref(tasks);
    if (e == HL_OK)
        *out = json_pack("{sI sI ss sO sO so}", "absence_id", (json_int_t)absence_id, "person_id",
                         (json_int_t)who, "status", status, "start_at",
                         json_object_get(abs, "start_at"), "end_at", json_object_get(abs, "end_at"),
                         "tasks", items);
    else
        json_decref(items);
    json_decref(abs);
    return e;
}

enum hl_err desk_handover_accepted(struct svc_ctx *ctx, int64_t plan_id, int *moved,
                                   struct hl_error *err)
{
    *moved = 0;
    json_t *cands = NULL;
    struct desk_param p[] = {{plan_id, NULL}};
    /* Open tasks of an executive this plan now covers, due while their assistant is away. */
    enum hl_err e = store_desk_rows(
        ctx->db,
        "SELECT DISTINCT t.id, t.assistant_id, t.principal_id, t.due_at, b.start_at, b.end_at "
        "FROM coverage_cover c JOIN task t ON t.principal_id = c.principal_id JOIN absence b ON "
        "b.person_id = t.assistant_id AND b.status = 'approved' AND b.start_at <= t.due_at AND "
        "b.end_at > t.due_at WHERE c.plan_id = ?1 AND c.status = 'accepted' AND t.status IN "
        "('open', 'in_progress') AND t.rrule IS NULL AND b.start_at < c.end_at AND b.end_at > "
        "c.start_at ORDER BY t.id",
        p, 1, &cands, err);
    json_t *t;
    size_t i;
    json_array_foreach(cands, i, t)
    {
        if (e != HL_OK)
            break;
        json_t *covers = NULL, *before = NULL, *after = NULL;
        int64_t id = jint(t, "id"), from = jint(t, "assistant_id");
        e = covers_for(ctx, jint(t, "principal_id"), from, jint(t, "start_at"), jint(t, "end_at"),
                       &covers, err);
        const json_t *c = e == HL_OK ? pick_cover(covers, jint(t, "due_at")) : NULL;
        if (c && jint(c, "plan_id") == plan_id && strcmp(jstr(c, "status"), "accepted") == 0) {
            if ((e = store_entity_get(ctx->db, &ent_task, id, &before, err)) == HL_OK &&
                (e = store_desk_hand_over(ctx->db, id, jint(c, "assistant_id"), from, err)) ==
                    HL_OK &&
                (e = store_entity_get(ctx->db, &ent_task, id, &after, err)) == HL_OK &&
                (e = svc_audit(ctx, "hand over", ent_task.name, id, before, after, err)) == HL_OK)
                ++*moved;
        }
        json_decref(before);
        json_decref(after);
        json_decref(covers);
    }
    json_decref(cands);
    return e;
}

/* ---- correspondence overdue ---- */

static const struct mail_template overdue_tpl = {
    "correspondence.overdue",
    {"Reply overdue: {subject}", "Vastamise tähtaeg on möödas: {subject}"},
    {"Hello {name},\n\nthe reply to this correspondence was due on {reply_due} and it is still "
     "open:\n\nSubject: {subject}\nFrom/to: {counterpart}\nExecutive: {principal}\n\n— Haldus",
     "Tere, {name}!\n\nselle kirjavahetuse vastamise tähtaeg oli {reply_due} ja see on endiselt "
     "avatud:\n\nTeema: {subject}\nSaatja/saaja: {counterpart}\nJuht: {principal}\n\n"
     "— Haldus"},
};

enum hl_err desk_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    /* A reply is overdue once its due day has ended where its handler is. No zone is more than
     * a day ahead of UTC, so the store reads every item due before tomorrow (UTC) and each is
     * then held against its handler's own today. */
    int64_t now = db_now(ctx->db);
    char bound[11];
    date_format(now / 86400 + 1, bound);
    json_t *rows = NULL;
    int queued = 0, told = 0;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = store_desk_overdue(ctx->db, bound, &rows, err)) != HL_OK)
        goto out;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        const char *due = json_string_value(json_object_get(r, "reply_due"));
        if (desk_reply_state(due, json_string_value(json_object_get(r, "zone")), now, -1) !=
            DESK_REPLY_OVERDUE)
            continue;
        json_t *params =
            json_pack("{ss ss ss ss ss}", "name", json_string_value(json_object_get(r, "handler")),
                      "reply_due", due, "subject", json_string_value(json_object_get(r, "subject")),
                      "counterpart", json_string_value(json_object_get(r, "counterpart")),
                      "principal", json_string_value(json_object_get(r, "principal")));
        struct mail_to to = {json_integer_value(json_object_get(r, "handler_id")), NULL, MAIL_EN};
        int64_t id = 0;
        e = params ? mail_enqueue(ctx, &overdue_tpl, &to, params, NULL, &id, err)
                   : hl_fail(err, HL_ERR_INTERNAL, NULL, "the overdue mail could not be written");
        json_decref(params);
        if (e == HL_OK)
            e = store_desk_overdue_told(ctx->db, json_integer_value(json_object_get(r, "id")), due,
                                        err);
        if (e != HL_OK)
            goto out;
        told++;
        if (id)
            queued++;
    }
    e = db_commit(ctx->db, err);
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    else if (told > 0)
        *summary = hl_asprintf("%d overdue correspondence item%s, %d notice%s queued", told,
                               told == 1 ? "" : "s", queued, queued == 1 ? "" : "s");
    json_decref(rows);
    return e;
}
