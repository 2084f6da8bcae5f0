/* svc_mail.c: rendering a template for its recipient and queuing it in the outbox. */
#include "mail.h"

#include "buf.h"
#include "mem.h"
#include "mail_format.h"
#include "store_mail.h"
#include "svc_entity.h"
#include "svc_record.h"
#include "timeutil.h"
#include "tz.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *mail_render(const char *text, const json_t *params)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *p = text; *p;) {
        const char *close;
        if (*p == '{' && (close = strchr(p + 1, '}')) && close > p + 1) {
            bool word = true;
            for (const char *q = p + 1; q < close; q++)
                if (!(isalnum((unsigned char)*q) || *q == '_'))
                    word = false;
            if (word) {
                char *name = hl_strndup(p + 1, (size_t)(close - p - 1));
                const json_t *v = params ? json_object_get(params, name) : NULL;
                free(name);
                if (json_is_string(v)) {
                    buf_puts(&b, json_string_value(v));
                    p = close + 1;
                    continue;
                }
                if (json_is_integer(v)) {
                    buf_printf(&b, "%" PRId64, (int64_t)json_integer_value(v));
                    p = close + 1;
                    continue;
                }
            }
        }
        buf_append(&b, p++, 1);
    }
    char *out = buf_steal(&b);
    return out ? out : hl_strdup("");
}

const char *mail_actor_name(const char *actor, enum mail_lang lang)
{
    static const struct {
        const char *actor, *name[2];
    } names[] = {
        {"cli", {"the administrator (command line)", "administraator (käsurida)"}},
        {"jobs", {"Haldus", "Haldus"}},
        {"system", {"Haldus", "Haldus"}},
    };
    for (size_t i = 0; actor && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].actor, actor) == 0)
            return names[i].name[lang];
    return NULL;
}

/* Whether {key} first stands at the start of a sentence in text: at its start, a line's start
 * or after ". ", "! " or "? ". */
static bool starts_sentence(const char *text, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
        if (strncmp(p + 1, key, n) != 0 || p[n + 1] != '}')
            continue;
        if (p == text || p[-1] == '\n')
            return true;
        return p - text >= 2 && p[-1] == ' ' && strchr(".!?", p[-2]);
    }
    return false;
}

/* text rendered with params, where a value that is the acting actor's tag ("cli") reads as
 * that actor's name in the reader's language (aname), capitalised where it opens a sentence.
 * Returns a malloc'ed string. */
static char *render_named(const char *text, const json_t *params, const char *actor,
                          const char *aname)
{
    if (!aname || !params)
        return mail_render(text, params);
    json_t *own = json_copy((json_t *)params);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)params, key, v)
    {
        if (!json_is_string(v) || strcmp(json_string_value(v), actor) != 0)
            continue;
        char *name = hl_strdup(aname);
        if (starts_sentence(text, key))
            name[0] = (char)toupper((unsigned char)name[0]);
        json_object_set_new(own, key, json_string(name));
        free(name);
    }
    char *out = mail_render(text, own);
    json_decref(own);
    return out;
}

enum hl_err mail_enqueue(struct svc_ctx *ctx, const struct mail_template *tpl,
                         const struct mail_to *to, const json_t *params, const char *ics,
                         int64_t *id, struct hl_error *err)
{
    char *email = NULL, *lang = NULL, *subject = NULL, *body = NULL;
    enum mail_lang l = to->lang;
    enum hl_err e = HL_OK;
    if (id)
        *id = 0;
    if (to->person_id) {
        if ((e = store_mail_recipient(ctx->db, to->person_id, &email, &lang, err)) != HL_OK)
            goto out;
        l = lang && strcmp(lang, "et") == 0 ? MAIL_ET : MAIL_EN;
        bool off;
        if ((e = store_mail_opted_out(ctx->db, to->person_id, tpl->kind, &off, err)) != HL_OK ||
            off)
            goto out; /* they chose not to get this kind: *id stays 0 */
    } else if (!to->address || !*to->address) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "mail %s has no recipient", tpl->kind);
        goto out;
    }
    /* An actor without an account (the command line, Haldus's own work) is named for the
     * reader, not by its audit tag: "cli kinnitas" reads as nobody. */
    const char *aname = !ctx->who ? mail_actor_name(ctx->actor, l) : NULL;
    subject = render_named(tpl->subject[l], params, ctx->actor, aname);
    body = render_named(tpl->body[l], params, ctx->actor, aname);
    struct store_mail_row row = {to->person_id,
                                 email ? email : to->address,
                                 l == MAIL_ET ? "et" : "en",
                                 tpl->kind,
                                 subject,
                                 body,
                                 ics};
    e = store_mail_insert(ctx->db, &row, id, err);
out:
    free(email);
    free(lang);
    free(subject);
    free(body);
    return e;
}

/* ---- the relay's settings ---- */

const char *const mail_kinds[] = {
    "account.invitation",     "absence.decided",    "cover.assigned",   "message.urgent",
    "meeting.invite",         "meeting.update",     "meeting.cancel",   "task.assigned",
    "correspondence.overdue", "mediation.reminder", "mediation.review", "mediation.session",
    "training.invite",        "training.expiry",    "training.cancel",  NULL,
};

static enum hl_err need_role(struct svc_ctx *ctx, bool admin, struct hl_error *err)
{
    if (!ctx->who)
        return HL_OK; /* the CLI */
    if (admin ? ctx->who->role == ROLE_ADMIN : role_is_manager(ctx->who->role))
        return HL_OK;
    return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only %s may do this",
                   admin ? "admins" : "managers and admins");
}

static const struct field settings_fields[] = {
    {"smtp_url", FT_TEXT, F_NULLABLE, 8, 500, NULL, NULL, NULL,
     "the relay: smtp://host:port (STARTTLS when offered; required with a user) or "
     "smtps://host:port; no user or password in it"},
    {"from_address", FT_EMAIL, F_NULLABLE, 3, 254, NULL, NULL, NULL, "the sender address"},
    {"username", FT_TEXT, F_NULLABLE, 1, 254, NULL, NULL, NULL,
     "the relay's login; its password comes from the server's --smtp-password-file or "
     "HALDUS_SMTP_PASSWORD"},
    {"retry_limit", FT_INT, 0, 1, 100, NULL, NULL, NULL, "attempts before a mail is failed"},
    {"retry_base_seconds", FT_INT, 0, 1, 86400, NULL, NULL, NULL,
     "wait after the first failed attempt, doubled after each (at most 6 hours)"},
};

static enum hl_err settings_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                                 struct hl_error *err)
{
    (void)arg, (void)id;
    return store_mail_settings_get(ctx->db, rec, err);
}

static enum hl_err settings_check(struct svc_ctx *ctx, const void *arg, const json_t *before,
                                  const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)ctx, (void)arg, (void)before, (void)changes;
    const json_t *url = json_object_get(merged, "smtp_url"),
                 *user = json_object_get(merged, "username"),
                 *from = json_object_get(merged, "from_address");
    if (json_is_string(url) && !mail_url_valid(json_string_value(url)))
        return hl_fail(err, HL_ERR_INVALID, "smtp_url",
                       "smtp_url must be smtp://host[:port] or smtps://host[:port], without "
                       "spaces and without a user or password in it");
    if (json_is_string(user) && mail_has_control(json_string_value(user)))
        return hl_fail(err, HL_ERR_INVALID, "username",
                       "username must not hold control characters");
    if (json_is_string(from) && strpbrk(json_string_value(from), "<>\"(),;:\\[] "))
        return hl_fail(err, HL_ERR_INVALID, "from_address",
                       "from_address must be a bare address like haldus@example.org");
    return HL_OK;
}

static enum hl_err settings_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                                 const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)arg, (void)id, (void)changes;
    return store_mail_settings_put(ctx->db, merged, version, err);
}

static const struct record_kind settings_kind = {
    .name = "mail settings",
    .fields = settings_fields,
    .nfields = sizeof settings_fields / sizeof settings_fields[0],
    .load = settings_load,
    .check = settings_check,
    .save = settings_save,
};

enum hl_err svc_mail_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_role(ctx, true, err);
    return e != HL_OK ? e : store_mail_settings_get(ctx->db, out, err);
}

enum hl_err svc_mail_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                     json_t **out, struct hl_error *err)
{
    enum hl_err e = need_role(ctx, true, err);
    if (e != HL_OK)
        return e;
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    return svc_record_update(ctx, &settings_kind, NULL, 0, if_match, true, body, "update", out,
                             err);
}

/* ---- retrying ---- */

enum hl_err svc_mail_retry(struct svc_ctx *ctx, int64_t id, int64_t if_match, json_t **out,
                           struct hl_error *err)
{
    enum hl_err e = need_role(ctx, false, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *rec = json_pack("{sI ss}", "id", (json_int_t)id, "status", "queued"), *cur = NULL;
    /* What get would not show this account (a mediation mail to an admin) is not there. */
    if ((e = svc_entity_get(ctx, &ent_mail, id, &cur, err)) == HL_OK &&
        (e = store_mail_requeue(ctx->db, id, if_match, err)) == HL_OK &&
        (e = svc_audit(ctx, "retry", "mail", id, NULL, rec, err)) == HL_OK)
        e = db_commit(ctx->db, err);
    json_decref(cur);
    if (e != HL_OK) {
        db_rollback(ctx->db);
        json_decref(rec);
        return e;
    }
    *out = rec;
    return HL_OK;
}

enum hl_err svc_mail_retry_failed(struct svc_ctx *ctx, int64_t *count, struct hl_error *err)
{
    enum hl_err e = need_role(ctx, false, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = store_mail_requeue_failed(ctx->db, svc_rows_condition(ctx, &ent_mail), count, err)) ==
            HL_OK &&
        *count > 0) {
        json_t *after = json_pack("{sI}", "requeued", (json_int_t)*count);
        e = svc_audit(ctx, "retry", "mail", 0, NULL, after, err);
        json_decref(after);
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK)
        db_rollback(ctx->db);
    return e;
}

enum hl_err svc_mail_summary(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_role(ctx, false, err);
    return e != HL_OK ? e
                      : store_mail_counts(ctx->db, svc_rows_condition(ctx, &ent_mail), out, err);
}

/* ---- each person's notifications ---- */

static enum hl_err my_person(struct svc_ctx *ctx, int64_t *person, struct hl_error *err)
{
    *person = ctx->who ? ctx->who->person_id : 0;
    if (*person == 0)
        return hl_fail(err, HL_ERR_CONFLICT, NULL,
                       "this account is not tied to a person, so it gets no notifications");
    return HL_OK;
}

static bool in_array(const json_t *a, const char *s)
{
    size_t i;
    const json_t *v;
    json_array_foreach(a, i, v) if (strcmp(json_string_value(v), s) == 0) return true;
    return false;
}

static int by_kind(const void *a, const void *b)
{
    return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "kind")),
                  json_string_value(json_object_get(*(json_t *const *)b, "kind")));
}

/* {"notifications":[{kind, enabled}]} for person: the known kinds, the kinds they were sent and
 * the ones they turned off, by kind. */
static enum hl_err prefs_json(struct db *db, int64_t person, json_t **out, struct hl_error *err)
{
    json_t *off = NULL, *seen = NULL;
    enum hl_err e = store_mail_optouts(db, person, &off, err);
    if (e == HL_OK)
        e = store_mail_kinds_of(db, person, &seen, err);
    if (e != HL_OK) {
        json_decref(off);
        return e;
    }
    json_t *kinds = json_array();
    for (const char *const *k = mail_kinds; *k; k++)
        json_array_append_new(kinds, json_string(*k));
    size_t i;
    json_t *v;
    json_array_foreach(seen, i, v) if (!in_array(kinds, json_string_value(v)))
        json_array_append(kinds, v);
    json_array_foreach(off, i, v) if (!in_array(kinds, json_string_value(v)))
        json_array_append(kinds, v);
    size_t n = json_array_size(kinds);
    json_t **items = hl_calloc(n ? n : 1, sizeof *items);
    json_array_foreach(kinds, i, v) items[i] =
        json_pack("{sO sb}", "kind", v, "enabled", !in_array(off, json_string_value(v)));
    qsort(items, n, sizeof *items, by_kind);
    json_t *list = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(list, items[i]);
    free(items);
    json_decref(kinds);
    json_decref(off);
    json_decref(seen);
    *out = json_pack("{so}", "notifications", list);
    return HL_OK;
}

enum hl_err svc_mail_prefs(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    /* An account that is not a person (an admin) is sent nothing: an empty list. */
    int64_t person = ctx->who ? ctx->who->person_id : 0;
    if (!person) {
        *out = json_pack("{s[]}", "notifications");
        return HL_OK;
    }
    return prefs_json(ctx->db, person, out, err);
}

#define MAIL_PREFS_MAX 200

enum hl_err svc_mail_prefs_update(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err)
{
    int64_t person;
    enum hl_err e = my_person(ctx, &person, err);
    if (e != HL_OK)
        return e;
    const json_t *list = json_object_get(body, "notifications");
    if (!json_is_object(body) || json_object_size(body) != 1 || !json_is_array(list))
        return hl_fail(err, HL_ERR_INVALID, "notifications",
                       "send {\"notifications\": [{\"kind\": …, \"enabled\": true|false}]}");
    if (json_array_size(list) > MAIL_PREFS_MAX)
        return hl_fail(err, HL_ERR_INVALID, "notifications", "at most %d notifications at once",
                       MAIL_PREFS_MAX);
    size_t i;
    const json_t *it;
    json_array_foreach(list, i, it)
    {
        const json_t *kind = json_object_get(it, "kind"), *on = json_object_get(it, "enabled");
        if (!json_is_object(it) || json_object_size(it) != 2 || !json_is_string(kind) ||
            !json_is_boolean(on))
            return hl_fail(err, HL_ERR_INVALID, "notifications",
                           "notifications[%zu] must be {\"kind\": text, \"enabled\": true|false}",
                           i);
        if (!mail_kind_valid(json_string_value(kind)))
            return hl_fail(err, HL_ERR_INVALID, "notifications",
                           "notifications[%zu].kind must be lower-case words joined by dots, "
                           "like message.urgent",
                           i);
    }
    json_t *before = NULL;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = prefs_json(ctx->db, person, &before, err)) != HL_OK)
        goto out;
    json_array_foreach(list, i, it)
    {
        if ((e = store_mail_optout_set(
                 ctx->db, person, json_string_value(json_object_get(it, "kind")),
                 !json_is_true(json_object_get(it, "enabled")), err)) != HL_OK)
            goto out;
    }
    if ((e = prefs_json(ctx->db, person, out, err)) != HL_OK)
        goto out;
    if ((e = svc_audit(ctx, "update", "notifications", person, before, *out, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(before);
    return e;
}

/* ---- a test message (admins check the relay settings with it) ---- */

static const struct mail_template test_message = {
    "mail.test",
    {"Haldus test message", "Halduse proovisõnum"},
    {"Hello,\n\nthis is a test message from Haldus, sent by {sender} to check the e-mail "
     "settings. Nothing needs to be done.\n\n— Haldus",
     "Tere!\n\nSee on Halduse proovisõnum, mille saatis {sender} e-posti seadete "
     "kontrollimiseks. Midagi pole vaja teha.\n\n— Haldus"},
};

enum hl_err svc_mail_test(struct svc_ctx *ctx, int64_t person, const char *address, bool calendar,
                          int64_t *id, struct hl_error *err)
{
    enum hl_err e = need_role(ctx, true, err);
    if (e != HL_OK)
        return e;
    if (!person && !address)
        return hl_fail(err, HL_ERR_INVALID, "person_id", "give person_id or to_address");
    struct buf ics;
    buf_init(&ics, 0);
    if (calendar) {
        /* A sample invitation for tomorrow 10:00-10:30 UTC, so the admin sees how their mail
         * program shows one. */
        int64_t now = db_now(ctx->db), start = (now / 86400 + 1) * 86400 + 10 * 3600;
        char from[40], to[40], stamp[40];
        struct tm tm;
        time_t t = (time_t)start;
        strftime(from, sizeof from, "%Y%m%dT%H%M%SZ", gmtime_r(&t, &tm));
        t = (time_t)(start + 1800);
        strftime(to, sizeof to, "%Y%m%dT%H%M%SZ", gmtime_r(&t, &tm));
        t = (time_t)now;
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&t, &tm));
        buf_printf(&ics,
                   "BEGIN:VCALENDAR\r\nPRODID:-//Haldus//Haldus//EN\r\nVERSION:2.0\r\n"
                   "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:mail-test-%" PRId64 "@haldus\r\n"
                   "SEQUENCE:0\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\n"
                   "SUMMARY:Haldus test invitation\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                   now, stamp, from, to);
    }
    json_t *params = json_pack("{ss}", "sender", ctx->actor ? ctx->actor : "Haldus");
    struct mail_to to = {person, address, MAIL_EN};
    if ((e = db_begin(ctx->db, true, err)) == HL_OK) {
        e = mail_enqueue(ctx, &test_message, &to, params, calendar ? ics.data : NULL, id, err);
        if (e == HL_OK)
            e = db_commit(ctx->db, err);
        else
            db_rollback(ctx->db);
    }
    json_decref(params);
    buf_cleanup(&ics);
    return e;
}

char *mail_when(const char *zone, int64_t start, int64_t end)
{
    int64_t d0, d1;
    int m0, m1, y, mo, d;
    if (!zone || !tz_utc_to_local(zone, start, &d0, &m0) || !tz_utc_to_local(zone, end, &d1, &m1))
        return hl_strdup("?");
    civil_from_days(d0, &y, &mo, &d);
    if (d1 == d0)
        return hl_asprintf("%04d-%02d-%02d %02d:%02d\u2013%02d:%02d (%s)", y, mo, d, m0 / 60,
                           m0 % 60, m1 / 60, m1 % 60, zone);
    int y1, mo1, dd1;
    civil_from_days(d1, &y1, &mo1, &dd1);
    return hl_asprintf("%04d-%02d-%02d %02d:%02d \u2013 %04d-%02d-%02d %02d:%02d (%s)", y, mo, d,
                       m0 / 60, m0 % 60, y1, mo1, dd1, m1 / 60, m1 % 60, zone);
}
