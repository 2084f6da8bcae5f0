/* svc_mediation.c: the use cases of mediation cases: open or raise, read (audited, with the
 * timeline each viewer may see), entries, parties, sessions, agreed actions, retention and the
 * key check. Reads of the case go through the entity's visibility (svc_entity_get), so a case
 * that is not the caller's to see is a 404 exactly like one that never existed. */
#include "mem.h"
#include "svc_mediation.h"

#include "ical_meeting.h"
#include "mail.h"
#include "meeting.h"
#include "mediation.h"
#include "people.h"
#include "seal_mediation.h"
#include "store_coverage.h"
#include "store_entity.h"
#include "store_mediation.h"
#include "store_meeting.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRY_MAX_CHARS 10000
#define RETENTION_KEY   "mediation"

/* The manager role or the CLI: sees and changes every case. Admins are not managers here. */
static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || ctx->who->role == ROLE_MANAGER;
}

/* The person reading as a party: 0 for managers. */
static int64_t viewer(const struct svc_ctx *ctx)
{
    return is_manager(ctx) ? 0 : ctx->who->person_id > 0 ? ctx->who->person_id : -1;
}

/* The case as the caller may see it, or HL_ERR_NOT_FOUND. */
static enum hl_err load_case(struct svc_ctx *ctx, int64_t id, json_t **rec, struct hl_error *err)
{
    enum hl_err e = svc_entity_get(ctx, &ent_case, id, rec, err);
    if (e == HL_ERR_NOT_FOUND)
        hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no case with id %lld", (long long)id);
    return e;
}

/* Adds the parties, and hides from a party who did not raise it who did. */
static enum hl_err decorate(struct svc_ctx *ctx, json_t *rec, struct hl_error *err)
{
    int64_t id = json_integer_value(json_object_get(rec, "id"));
    json_t *parties = NULL;
    enum hl_err e = store_case_parties(ctx->db, id, &parties, err);
    if (e != HL_OK)
        return e;
    int64_t me = viewer(ctx);
    if (me) {
        json_t *raised = json_object_get(rec, "raised_by");
        bool mine = json_integer_value(raised) == me;
        json_object_set_new(rec, "raised_by", mine ? json_integer(me) : json_null());
        /* A party sees who the parties are, not whether the manager let the other see it. */
        size_t i;
        json_t *p;
        json_array_foreach(parties, i, p) json_object_del(p, "may_view");
    }
    json_object_set_new(rec, "parties", parties);
    return HL_OK;
}

static enum hl_err audit_case(struct svc_ctx *ctx, const char *action, int64_t id, json_t *after,
                              struct hl_error *err)
{
    enum hl_err e = svc_audit(ctx, action, ent_case.name, id, NULL, after, err);
    json_decref(after);
    return e;
}

/* Every read of a case writes its audit row in the same transaction, so on a database this
 * server may not write a case is not read at all: 503 read_only, saying why. */
static enum hl_err audited_read(struct svc_ctx *ctx, struct hl_error *err)
{
    if (db_read_only(ctx->db))
        return hl_fail(err, HL_ERR_READ_ONLY, NULL,
                       "cases are read only with an audit entry, which needs a writable "
                       "database; this server has its database read-only");
    return db_begin(ctx->db, true, err);
}

enum hl_err svc_case_list(struct svc_ctx *ctx, const char *status, int64_t after, int limit,
                          json_t **items, bool *more, struct hl_error *err)
{
    struct list_query q = {.limit = limit, .after_id = after};
    json_t *st = NULL;
    if (status) {
        st = json_string(status);
        q.filters[0].field = entity_field(&ent_case, "status");
        q.filters[0].value = st;
        q.nfilters = 1;
        enum hl_err e = field_validate(q.filters[0].field, st, err);
        if (e != HL_OK) {
            json_decref(st);
            return e;
        }
    }
    json_t *arr = NULL, *ids = json_array();
    enum hl_err e = audited_read(ctx, err);
    if (e != HL_OK)
        goto out;
    if ((e = svc_entity_list(ctx, &ent_case, &q, &arr, more, err)) != HL_OK)
        goto fail;
    size_t i;
    json_t *rec;
    json_array_foreach(arr, i, rec)
    {
        if ((e = decorate(ctx, rec, err)) != HL_OK)
            goto fail;
        json_array_append(ids, json_object_get(rec, "id"));
    }
    /* Which cases a list showed is a read of each, audited as one row. */
    if (json_array_size(ids) &&
        (e = audit_case(ctx, "list", 0, json_pack("{sO}", "ids", ids), err)) != HL_OK)
        goto fail;
    if ((e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *items = arr;
    arr = NULL;
    goto out;
fail:
    db_rollback(ctx->db);
out:
    json_decref(arr);
    json_decref(ids);
    json_decref(st);
    return e;
}

/* Checks person is an active assistant or principal; *kind says which. 422 naming field. */
static enum hl_err party_kind(struct svc_ctx *ctx, json_t *v, const char *field, const char **kind,
                              struct hl_error *err)
{
    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return hl_fail(err, HL_ERR_INVALID, field, "%s must be a person's id", field);
    enum hl_err e = store_mediation_person_kind(ctx->db, json_integer_value(v), kind, err);
    if (e == HL_OK && !*kind)
        e = hl_fail(err, HL_ERR_INVALID, field, "%s: no active assistant or executive with id %lld",
                    field, (long long)json_integer_value(v));
    return e;
}

/* Refuses members of body not in allowed (NULL-terminated). */
static enum hl_err only_fields(const json_t *body, const char *const *allowed, struct hl_error *err)
{
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok)
            return hl_fail(err, HL_ERR_INVALID, key, "unknown field %s", key);
    }
    return HL_OK;
}

static enum hl_err text_field(const json_t *body, const char *name, size_t min, size_t max,
                              bool required, const char **out, struct hl_error *err)
{
    json_t *v = json_object_get(body, name);
    *out = NULL;
    if (!v) {
        if (required)
            return hl_fail(err, HL_ERR_INVALID, name, "%s is required", name);
        return HL_OK;
    }
    struct field f = {name, FT_TEXT, 0, (double)min, (double)max, NULL, NULL, NULL, NULL};
    enum hl_err e = field_validate(&f, v, err);
    if (e == HL_OK)
        *out = json_string_value(v);
    return e;
}

static enum hl_err enum_field(const json_t *body, const char *name, const char *const *choices,
                              const char *dflt, const char **out, struct hl_error *err)
{
    json_t *v = json_object_get(body, name);
    *out = dflt;
    if (!v) {
        if (!dflt)
            return hl_fail(err, HL_ERR_INVALID, name, "%s is required", name);
        return HL_OK;
    }
    struct field f = {name, FT_ENUM, 0, 0, 0, NULL, choices, NULL, NULL};
    enum hl_err e = field_validate(&f, v, err);
    if (e == HL_OK)
        *out = json_string_value(v);
    return e;
}

/* Inserts an entry, sealed when a key is configured. */
static enum hl_err entry_insert(struct svc_ctx *ctx, int64_t case_id, const char *kind,
                                const char *visibility, const char *text, int64_t *id,
                                struct hl_error *err)
{
    const unsigned char *key;
    enum hl_err e = case_key(&key, err);
    if (e != HL_OK)
        return e;
    unsigned char *sealed = NULL;
    size_t len = 0;
    if (key)
        case_seal(key, text, &sealed, &len);
    int64_t author = ctx->who ? ctx->who->person_id : 0;
    e = store_case_entry_insert(ctx->db, case_id, kind, visibility, author,
                                ctx->actor ? ctx->actor : "system", key ? NULL : text, sealed, len,
                                id, err);
    free(sealed);
    if (e == HL_OK)
        e = audit_case(ctx, "entry", case_id,
                       json_pack("{sI ss ss sb}", "entry_id", (json_int_t)*id, "kind", kind,
                                 "visibility", visibility, "sealed", key != NULL),
                       err);
    return e;
}

enum hl_err svc_case_create(struct svc_ctx *ctx, const json_t *body, json_t **out,
                            struct hl_error *err)
{
    static const char *const mgr_fields[] = {"category", "severity", "summary", "parties", NULL};
    static const char *const party_fields[] = {"about", "category", "severity", "statement", NULL};
    bool manager = is_manager(ctx);
    if (!manager && (ctx->who->role == ROLE_ADMIN || ctx->who->person_id <= 0))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                       "cases are opened by managers, or raised by an assistant or an executive");
    const char *category, *severity, *summary = "", *statement = NULL;
    enum hl_err e = only_fields(body, manager ? mgr_fields : party_fields, err);
    if (e != HL_OK ||
        (e = enum_field(body, "category", case_categories, NULL, &category, err)) != HL_OK ||
        (e = enum_field(body, "severity", case_severities, "medium", &severity, err)) != HL_OK)
        return e;
    if (manager && (e = text_field(body, "summary", 0, 2000, false, &summary, err)) != HL_OK)
        return e;
    if (!summary)
        summary = "";
    if (!manager &&
        (e = text_field(body, "statement", 1, ENTRY_MAX_CHARS, true, &statement, err)) != HL_OK)
        return e;
    json_t *rec = NULL, *parties = json_array();
    int64_t id = 0;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK) {
        json_decref(parties);
        return e;
    }
    bool has_assistant = false, has_principal = false;
    if (manager) {
        json_t *list = json_object_get(body, "parties");
        if (!json_is_array(list) || json_array_size(list) < 2 || json_array_size(list) > 20) {
            e = hl_fail(err, HL_ERR_INVALID, "parties",
                        "parties must list 2 to 20 people: an assistant and an executive at "
                        "least");
            goto fail;
        }
        size_t i;
        json_t *p;
        json_array_foreach(list, i, p)
        {
            json_t *pid = json_is_object(p) ? json_object_get(p, "person_id") : p;
            json_t *mv = json_is_object(p) ? json_object_get(p, "may_view") : NULL;
            const char *kind;
            if ((e = party_kind(ctx, pid, "parties", &kind, err)) != HL_OK)
                goto fail;
            if (mv && !json_is_boolean(mv)) {
                e = hl_fail(err, HL_ERR_INVALID, "parties", "may_view must be true or false");
                goto fail;
            }
            has_assistant = has_assistant || strcmp(kind, "assistant") == 0;
            has_principal = has_principal || strcmp(kind, "principal") == 0;
            json_array_append_new(parties, json_pack("{sI sb}", "person_id",
                                                     (json_int_t)json_integer_value(pid),
                                                     "may_view", !mv || json_is_true(mv)));
        }
        if (!has_assistant || !has_principal) {
            e = hl_fail(err, HL_ERR_INVALID, "parties",
                        "a case needs at least one assistant and one executive among its parties");
            goto fail;
        }
    } else {
        const char *mine, *theirs;
        json_t *me = json_integer(ctx->who->person_id);
        e = party_kind(ctx, me, "about", &mine, err);
        json_decref(me);
        if (e != HL_OK ||
            (e = party_kind(ctx, json_object_get(body, "about"), "about", &theirs, err)) != HL_OK)
            goto fail;
        if (strcmp(mine, theirs) == 0) {
            e = hl_fail(err, HL_ERR_INVALID, "about",
                        "an assistant raises a case about an executive, and an executive about "
                        "an assistant");
            goto fail;
        }
        json_array_append_new(parties, json_pack("{sI sb}", "person_id",
                                                 (json_int_t)ctx->who->person_id, "may_view", 1));
        json_array_append_new(
            parties, json_pack("{sI sb}", "person_id",
                               (json_int_t)json_integer_value(json_object_get(body, "about")),
                               "may_view", 0));
    }
    json_t *values =
        json_pack("{ss ss ss}", "category", category, "severity", severity, "summary", summary);
    if (!manager)
        json_object_set_new(values, "raised_by", json_integer(ctx->who->person_id));
    e = store_entity_insert(ctx->db, &ent_case, values, &id, err);
    json_decref(values);
    if (e != HL_OK)
        goto fail;
    size_t i;
    json_t *p;
    json_array_foreach(parties, i, p)
    {
        if ((e = store_case_party_set(ctx->db, id,
                                      json_integer_value(json_object_get(p, "person_id")),
                                      json_is_true(json_object_get(p, "may_view")), err)) != HL_OK)
            goto fail;
    }
    if ((e = store_entity_get(ctx->db, &ent_case, id, &rec, err)) != HL_OK)
        goto fail;
    json_t *audit = json_deep_copy(rec);
    json_object_set(audit, "parties", parties);
    if ((e = svc_audit(ctx, "create", ent_case.name, id, NULL, audit, err)) != HL_OK) {
        json_decref(audit);
        goto fail;
    }
    json_decref(audit);
    int64_t entry;
    if (statement &&
        (e = entry_insert(ctx, id, "statement", "author", statement, &entry, err)) != HL_OK)
        goto fail;
    if ((e = decorate(ctx, rec, err)) != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_decref(parties);
    *out = rec;
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(parties);
    json_decref(rec);
    return e;
}

/* The entries viewer may read as JSON, opened with the key when sealed. */
static enum hl_err entries_json(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    struct case_entry_rows rows;
    enum hl_err e = store_case_entries(ctx->db, id, viewer(ctx), &rows, err);
    if (e != HL_OK)
        return e;
    const unsigned char *key = NULL;
    json_t *arr = json_array();
    for (size_t i = 0; i < rows.n && e == HL_OK; i++) {
        const struct case_entry_row *r = &rows.rows[i];
        char *text = NULL;
        if (!r->body) {
            if (!key && (e = case_key(&key, err)) == HL_OK && !key)
                e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                            "entries are sealed but no case key is set (%s)", CASE_KEY_ENV);
            if (e == HL_OK && !case_open(key, r->sealed, r->sealed_len, &text))
                e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                            "entry %lld does not open with the case key", (long long)r->id);
            if (e != HL_OK)
                break;
        }
        char at[21];
        instant_format(r->created_at, at);
        json_t *o = json_pack("{sI ss ss ss ss ss ss}", "id", (json_int_t)r->id, "created_at", at,
                              "kind", r->kind, "visibility", r->visibility, "author", r->author,
                              "author_name", r->author_name, "body", text ? text : r->body);
        free(text);
        if (!o) {
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "entry %lld cannot be read", (long long)r->id);
            break;
        }
        json_object_set_new(o, "author_person",
                            r->author_person > 0 ? json_integer(r->author_person) : json_null());
        json_array_append_new(arr, o);
    }
    case_entry_rows_cleanup(&rows);
    if (e != HL_OK)
        json_decref(arr);
    else
        *out = arr;
    return e;
}

/* The mediation settings as stored (defaults for what is not) and their version (0: never
 * saved). */
struct med_settings {
    int retention_days, remind_days_before;
    const char *site_url; /* NULL: none; points into *raw */
    json_t *raw;
};

static enum hl_err settings_load(struct svc_ctx *ctx, struct med_settings *m, int64_t *version,
                                 struct hl_error *err)
{
    m->raw = NULL;
    enum hl_err e = store_setting_get(ctx->db, RETENTION_KEY, &m->raw, version, err);
    m->retention_days = MEDIATION_RETENTION_DEFAULT;
    m->remind_days_before = MEDIATION_REMIND_DEFAULT;
    m->site_url = NULL;
    if (e != HL_OK)
        return e;
    if (json_is_integer(json_object_get(m->raw, "retention_days")))
        m->retention_days = (int)json_integer_value(json_object_get(m->raw, "retention_days"));
    if (json_is_integer(json_object_get(m->raw, "remind_days_before")))
        m->remind_days_before =
            (int)json_integer_value(json_object_get(m->raw, "remind_days_before"));
    m->site_url = json_string_value(json_object_get(m->raw, "site_url"));
    return HL_OK;
}

/* Whether the reminders of rec hold one of kind for the action. */
static bool reminded(const json_t *rec, int64_t action, const char *kind)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(rec, "reminders"), i, r)
    {
        if (json_integer_value(json_object_get(r, "action_id")) == action &&
            strcmp(json_string_value(json_object_get(r, "kind")), kind) == 0)
            return true;
    }
    return false;
}

/* Gives each action of rec its "next_reminder": {kind "due"|"overdue", on (the day it goes
 * out)}, or null when none is left (done, no owner, the case closed, both sent). */
static enum hl_err next_reminders(struct svc_ctx *ctx, json_t *rec, struct hl_error *err)
{
    struct med_settings m;
    int64_t version, now = db_now(ctx->db);
    enum hl_err e = settings_load(ctx, &m, &version, err);
    if (e != HL_OK)
        return e;
    bool closed = strcmp(json_string_value(json_object_get(rec, "status")), "closed") == 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(rec, "actions"), i, a)
    {
        int64_t id = json_integer_value(json_object_get(a, "id")), due;
        json_t *next = json_null();
        if (!closed && !json_is_true(json_object_get(a, "done")) &&
            json_is_integer(json_object_get(a, "owner_id")) &&
            date_parse(json_string_value(json_object_get(a, "due_date")), &due)) {
            /* The reminder goes out by the owner's today in their zone (as the sending does). */
            json_t *owner = NULL;
            struct hl_error ignore;
            store_entity_get(ctx->db, &ent_person,
                             json_integer_value(json_object_get(a, "owner_id")), &owner, &ignore);
            int64_t today = tz_today(json_string_value(json_object_get(owner, "time_zone")), now);
            json_decref(owner);
            char day[11];
            if (!reminded(rec, id, "due") && today <= due && !reminded(rec, id, "overdue")) {
                date_format(due - m.remind_days_before > today ? due - m.remind_days_before : today,
                            day);
                next = json_pack("{ss ss}", "kind", "due", "on", day);
            } else if (!reminded(rec, id, "overdue")) {
                date_format(due + 1 > today ? due + 1 : today, day);
                next = json_pack("{ss ss}", "kind", "overdue", "on", day);
            }
        }
        json_object_set_new(a, "next_reminder", next);
    }
    json_decref(m.raw);
    return HL_OK;
}

enum hl_err svc_case_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    json_t *rec = NULL, *entries = NULL, *sessions = NULL, *actions = NULL;
    enum hl_err e = audited_read(ctx, err);
    if (e != HL_OK)
        return e;
    if ((e = load_case(ctx, id, &rec, err)) != HL_OK || (e = decorate(ctx, rec, err)) != HL_OK ||
        (e = entries_json(ctx, id, &entries, err)) != HL_OK ||
        (e = store_case_sessions(ctx->db, id, viewer(ctx), &sessions, err)) != HL_OK ||
        (e = store_case_actions(ctx->db, id, &actions, err)) != HL_OK)
        goto fail;
    json_object_set_new(rec, "entries", entries);
    json_object_set_new(rec, "sessions", sessions);
    json_object_set_new(rec, "actions", actions);
    entries = sessions = actions = NULL;
    /* Managers see the pairs a "reassigned" outcome parted (the matching reads them), the
     * reminders sent and each action's next one. */
    json_t *pairs = NULL, *sent = NULL;
    if (is_manager(ctx)) {
        if ((e = store_case_incompatible(ctx->db, id, &pairs, err)) != HL_OK)
            goto fail;
        json_object_set_new(rec, "incompatible_pairs", pairs);
        if ((e = store_case_reminders(ctx->db, id, &sent, err)) != HL_OK)
            goto fail;
        json_object_set_new(rec, "reminders", sent);
        if ((e = next_reminders(ctx, rec, err)) != HL_OK)
            goto fail;
    }
    /* Every read of a case is in the audit log, by whom (the row's actor and account). */
    if ((e = audit_case(ctx, "read", id, NULL, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *out = rec;
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(rec);
    json_decref(entries);
    json_decref(sessions);
    json_decref(actions);
    return e;
}

/* Loads the case for a manager's change: 404 for anyone who cannot see it, 403 for a party. */
static enum hl_err load_for_manager(struct svc_ctx *ctx, int64_t id, json_t **rec,
                                    struct hl_error *err)
{
    enum hl_err e = load_case(ctx, id, rec, err);
    if (e == HL_OK && !is_manager(ctx)) {
        json_decref(*rec);
        *rec = NULL;
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers change cases");
    }
    return e;
}

static enum hl_err not_closed(const json_t *rec, struct hl_error *err)
{
    if (strcmp(json_string_value(json_object_get(rec, "status")), "closed") == 0)
        return hl_fail(err, HL_ERR_CONFLICT, "status", "the case is closed");
    return HL_OK;
}

enum hl_err svc_case_update(struct svc_ctx *ctx, int64_t id, int64_t if_match, const json_t *body,
                            json_t **out, struct hl_error *err)
{
    static const char *const allowed[] = {"category", "severity", "summary", "review_date", NULL};
    json_t *rec = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = load_for_manager(ctx, id, &rec, err)) != HL_OK ||
        (e = svc_entity_update(ctx, &ent_case, id, if_match, body, out, err)) != HL_OK ||
        (e = decorate(ctx, *out, err)) != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        if (e != HL_OK && *out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    json_decref(rec);
    return e;
}

enum hl_err svc_case_entry_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                               struct hl_error *err)
{
    static const char *const allowed[] = {"kind", "visibility", "body", NULL};
    static const char *const party_visibilities[] = {"author", "parties", NULL};
    static const char *const party_kinds[] = {"statement", NULL};
    bool manager = is_manager(ctx);
    const char *kind, *visibility, *text;
    json_t *rec = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e != HL_OK ||
        (e = enum_field(body, "kind", manager ? entry_kinds : party_kinds,
                        manager ? "note" : "statement", &kind, err)) != HL_OK ||
        (e = enum_field(body, "visibility", manager ? entry_visibilities : party_visibilities,
                        manager ? "manager" : "author", &visibility, err)) != HL_OK ||
        (e = text_field(body, "body", 1, ENTRY_MAX_CHARS, true, &text, err)) != HL_OK)
        return e;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int64_t entry = 0;
    if ((e = load_case(ctx, id, &rec, err)) != HL_OK || (e = not_closed(rec, err)) != HL_OK ||
        (e = entry_insert(ctx, id, kind, visibility, text, &entry, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
    } else {
        char at[21];
        instant_format(db_now(ctx->db), at);
        *out = json_pack("{sI sI ss ss ss ss}", "id", (json_int_t)entry, "case_id", (json_int_t)id,
                         "created_at", at, "kind", kind, "visibility", visibility, "body", text);
    }
    json_decref(rec);
    return e;
}

enum hl_err svc_case_party_set(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                               struct hl_error *err)
{
    static const char *const allowed[] = {"person_id", "may_view", NULL};
    json_t *rec = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    json_t *mv = json_object_get(body, "may_view");
    if (e == HL_OK && mv && !json_is_boolean(mv))
        e = hl_fail(err, HL_ERR_INVALID, "may_view", "may_view must be true or false");
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    const char *kind;
    int64_t person = json_integer_value(json_object_get(body, "person_id"));
    if ((e = load_for_manager(ctx, id, &rec, err)) != HL_OK ||
        (e = party_kind(ctx, json_object_get(body, "person_id"), "person_id", &kind, err)) !=
            HL_OK ||
        (e = store_case_party_set(ctx->db, id, person, !mv || json_is_true(mv), err)) != HL_OK ||
        (e = audit_case(ctx, "party", id,
                        json_pack("{sI sb}", "person_id", (json_int_t)person, "may_view",
                                  !mv || json_is_true(mv)),
                        err)) != HL_OK ||
        (e = decorate(ctx, rec, err)) != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(rec);
        return e;
    }
    *out = rec;
    return HL_OK;
}

/* Whether person is a party of the case. */
static enum hl_err must_be_party(struct svc_ctx *ctx, int64_t id, json_t *v, const char *field,
                                 struct hl_error *err)
{
    bool party = false, may_view;
    enum hl_err e = HL_OK;
    if (json_is_integer(v))
        e = store_case_party_get(ctx->db, id, json_integer_value(v), &party, &may_view, err);
    if (e == HL_OK && !party)
        e = hl_fail(err, HL_ERR_INVALID, field, "%s must name a party of the case", field);
    return e;
}

/* ---- sessions: invitations, find-a-time, feeds ---- */

/* Neutral by rule: the invitation names no case, party, category or summary. */
static const struct mail_template tpl_session = {
    "mediation.session",
    {"Invitation: " CASE_SESSION_TITLE, "Kutse: kohtumine halduriga"},
    {"Hello,\n\nYou are invited to a meeting with the manager.\n\nWhen: {when}\nWhere: {where}\n"
     "\nThe invitation is attached; your calendar program adds it.\n\n— Haldus",
     "Tere!\n\nSind kutsutakse kohtumisele halduriga.\n\nAeg: {when}\nKoht: {where}\n\n"
     "Kutse on manuses; kalendriprogramm lisab selle sinu kalendrisse.\n\n— Haldus"},
};

/* "2026-12-01 10:00–11:00 (Europe/Tallinn)" in zone (malloc'd). */
static char *when_text(const char *zone, int64_t start, int64_t end)
{
    int64_t d0, d1;
    int m0, m1;
    char day[11];
    if (!tz_utc_to_local(zone, start, &d0, &m0) || !tz_utc_to_local(zone, end, &d1, &m1))
        return hl_strdup("?");
    date_format(d0, day);
    if (d1 == d0)
        return hl_asprintf("%s %02d:%02d–%02d:%02d (%s)", day, m0 / 60, m0 % 60, m1 / 60, m1 % 60,
                           zone);
    char day1[11];
    date_format(d1, day1);
    return hl_asprintf("%s %02d:%02d – %s %02d:%02d (%s)", day, m0 / 60, m0 % 60, day1, m1 / 60,
                       m1 % 60, zone);
}

/* Queues the invitation of session sid to every attendee and the organizer (0: none), each with
 * an iTIP request naming only themselves as attendee and the neutral title. */
static enum hl_err invite(struct svc_ctx *ctx, int64_t sid, int64_t start, int64_t end,
                          const char *location, const json_t *attendees, int64_t organizer,
                          struct hl_error *err)
{
    struct meeting_person org = {0};
    enum hl_err e = HL_OK;
    if (organizer && (e = store_meeting_person(ctx->db, organizer, &org, err)) != HL_OK)
        return e;
    char *uid = hl_asprintf("case-session-%lld@haldus", (long long)sid);
    size_t n = json_array_size(attendees);
    for (size_t i = 0; i <= n && e == HL_OK; i++) {
        int64_t pid = i < n ? json_integer_value(json_array_get(attendees, i)) : organizer;
        if (!pid || (i == n && organizer == 0))
            break;
        bool dup = false; /* the organizer also listed as an attendee */
        for (size_t k = 0; i == n && k < n; k++)
            dup = dup || json_integer_value(json_array_get(attendees, k)) == pid;
        if (dup)
            break;
        struct meeting_person rp = {0};
        if ((e = store_meeting_person(ctx->db, pid, &rp, err)) != HL_OK)
            break;
        struct itip_attendee me = {rp.email, rp.name, true};
        struct itip_meeting im = {uid,
                                  0,
                                  db_now(ctx->db),
                                  start,
                                  end,
                                  CASE_SESSION_TITLE,
                                  location && *location ? location : NULL,
                                  NULL,
                                  organizer ? org.email : "haldus@invalid",
                                  organizer ? org.name : "Haldus",
                                  &me,
                                  1};
        char *ics = itip_build(&im, false);
        char *when = when_text(rp.zone, start, end);
        json_t *params =
            json_pack("{ss ss}", "when", when, "where", location && *location ? location : "—");
        struct mail_to to = {pid, NULL, MAIL_EN};
        e = mail_enqueue(ctx, &tpl_session, &to, params, ics, NULL, err);
        json_decref(params);
        free(when);
        free(ics);
        meeting_person_cleanup(&rp);
    }
    free(uid);
    meeting_person_cleanup(&org);
    return e;
}

enum hl_err svc_case_session_find(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                  struct hl_error *err)
{
    static const char *const allowed[] = {"attendees",        "from",         "to",
                                          "duration_minutes", "step_minutes", "earliest",
                                          "latest",           "count",        NULL};
    json_t *rec = NULL, *search = NULL, *parties = NULL, *who = json_array();
    json_t *att = json_object_get(body, "attendees");
    *out = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e == HL_OK && att &&
        (!json_is_array(att) || json_array_size(att) < 1 || json_array_size(att) > 20))
        e = hl_fail(err, HL_ERR_INVALID, "attendees",
                    "attendees must list the parties who attend (one or more)");
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        goto out;
    if ((e = load_for_manager(ctx, id, &rec, err)) == HL_OK &&
        (e = not_closed(rec, err)) == HL_OK &&
        (e = store_case_parties(ctx->db, id, &parties, err)) == HL_OK) {
        size_t i;
        json_t *a;
        if (att) {
            json_array_foreach(att, i, a)
            {
                if ((e = must_be_party(ctx, id, a, "attendees", err)) != HL_OK)
                    break;
                json_array_append_new(who, json_pack("{sO}", "person_id", a));
            }
        } else {
            json_array_foreach(parties, i, a) json_array_append_new(
                who, json_pack("{sO}", "person_id", json_object_get(a, "person_id")));
        }
    }
    db_rollback(ctx->db); /* a read */
    if (e != HL_OK)
        goto out;
    /* The manager who asks is an attendee too, unless they are a party (never, for managers). */
    if (ctx->who && ctx->who->person_id > 0)
        json_array_append_new(who, json_pack("{sI}", "person_id", (json_int_t)ctx->who->person_id));
    search = json_deep_copy(body);
    json_object_set(search, "attendees", who);
    if (!json_object_get(search, "duration_minutes"))
        json_object_set_new(search, "duration_minutes", json_integer(60));
    if ((e = svc_meeting_find_time(ctx, search, out, err)) == HL_OK)
        json_object_set_new(*out, "title", json_string(CASE_SESSION_TITLE));
out:
    json_decref(rec);
    json_decref(search);
    json_decref(parties);
    json_decref(who);
    return e;
}

enum hl_err mediation_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                           struct feed_list *out, struct hl_error *err)
{
    return store_case_session_feed(ctx->db, person_id, from, to, out, err);
}

enum hl_err svc_case_session_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                 struct hl_error *err)
{
    static const char *const allowed[] = {"start_at", "end_at", "attendees", "location", NULL};
    int64_t start = 0, end = 0;
    const char *location;
    json_t *att = json_object_get(body, "attendees"), *rec = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e != HL_OK || (e = text_field(body, "location", 0, 200, false, &location, err)) != HL_OK)
        return e;
    const char *sa = json_string_value(json_object_get(body, "start_at"));
    const char *ea = json_string_value(json_object_get(body, "end_at"));
    if (!sa || !instant_parse(sa, &start))
        return hl_fail(err, HL_ERR_INVALID, "start_at",
                       "start_at must be an RFC 3339 instant like 2026-12-01T09:00:00Z");
    if (!ea || !instant_parse(ea, &end))
        return hl_fail(err, HL_ERR_INVALID, "end_at",
                       "end_at must be an RFC 3339 instant like 2026-12-01T10:00:00Z");
    if (end <= start || end - start > 8 * 3600)
        return hl_fail(err, HL_ERR_INVALID, "end_at",
                       "a session ends after it starts and lasts at most 8 hours");
    if (!json_is_array(att) || json_array_size(att) < 1 || json_array_size(att) > 20)
        return hl_fail(err, HL_ERR_INVALID, "attendees",
                       "attendees must list the parties who attend (one or more)");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int64_t sid = 0;
    size_t i;
    json_t *a;
    if ((e = load_for_manager(ctx, id, &rec, err)) != HL_OK || (e = not_closed(rec, err)) != HL_OK)
        goto fail;
    json_array_foreach(att, i,
                       a) if ((e = must_be_party(ctx, id, a, "attendees", err)) != HL_OK) goto fail;
    int64_t organizer = ctx->who && ctx->who->person_id > 0 ? ctx->who->person_id : 0;
    if ((e = store_case_session_insert(ctx->db, id, start, end, att, location ? location : "",
                                       organizer, &sid, err)) != HL_OK ||
        (e = store_case_session_get(ctx->db, sid, out, err)) != HL_OK ||
        (e = invite(ctx, sid, start, end, location, att, organizer, err)) != HL_OK)
        goto fail;
    if ((e = audit_case(ctx, "session", id, json_deep_copy(*out), err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
        goto fail;
    }
    json_decref(rec);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(rec);
    return e;
}

enum hl_err svc_case_action_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                struct hl_error *err)
{
    static const char *const allowed[] = {"description", "owner_id", "due_date", NULL};
    const char *description;
    json_t *owner = json_object_get(body, "owner_id"), *rec = NULL;
    const char *due = json_string_value(json_object_get(body, "due_date"));
    int64_t day;
    enum hl_err e = only_fields(body, allowed, err);
    if (e != HL_OK ||
        (e = text_field(body, "description", 1, 500, true, &description, err)) != HL_OK)
        return e;
    if (!due || !date_parse(due, &day))
        return hl_fail(err, HL_ERR_INVALID, "due_date", "due_date must be a date like 2026-12-01");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int64_t aid = 0;
    if ((e = load_for_manager(ctx, id, &rec, err)) != HL_OK ||
        (e = not_closed(rec, err)) != HL_OK ||
        (owner && !json_is_null(owner) &&
         (e = must_be_party(ctx, id, owner, "owner_id", err)) != HL_OK) ||
        (e = store_case_action_insert(ctx->db, id, description, json_integer_value(owner), due,
                                      &aid, err)) != HL_OK ||
        (e = store_case_action_get(ctx->db, id, aid, out, err)) != HL_OK)
        goto fail;
    if ((e = audit_case(ctx, "action", id, json_deep_copy(*out), err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
        goto fail;
    }
    json_decref(rec);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(rec);
    return e;
}

enum hl_err svc_case_action_update(struct svc_ctx *ctx, int64_t action_id, int64_t if_match,
                                   const json_t *body, json_t **out, struct hl_error *err)
{
    static const char *const allowed[] = {"done", NULL};
    json_t *done = json_object_get(body, "done"), *rec = NULL, *before = NULL;
    enum hl_err e = only_fields(body, allowed, err);
    if (e == HL_OK && !json_is_boolean(done))
        e = hl_fail(err, HL_ERR_INVALID, "done", "done must be true or false");
    if (e == HL_OK && if_match == IF_MATCH_NONE)
        e = hl_fail(err, HL_ERR_PRECONDITION, NULL,
                    "send If-Match with the version you read, so no one's change is lost");
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int64_t id = 0;
    if ((e = store_case_action_get(ctx->db, 0, action_id, &before, err)) == HL_OK) {
        id = json_integer_value(json_object_get(before, "case_id"));
        if ((e = load_for_manager(ctx, id, &rec, err)) == HL_ERR_NOT_FOUND)
            hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no action with id %lld", (long long)action_id);
    }
    if (e != HL_OK)
        goto fail;
    if (json_integer_value(json_object_get(before, "version")) != if_match) {
        e = hl_fail(err, HL_ERR_STALE, NULL, "the action was changed by someone else");
        goto fail;
    }
    if ((e = store_case_action_set_done(ctx->db, action_id, if_match, json_is_true(done), err)) !=
            HL_OK ||
        (e = store_case_action_get(ctx->db, id, action_id, out, err)) != HL_OK)
        goto fail;
    if ((e = svc_audit(ctx, "action_update", ent_case.name, id, before, *out, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
        goto fail;
    }
    json_decref(rec);
    json_decref(before);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(rec);
    json_decref(before);
    return e;
}

/* The retention in days and the setting's version (0: never saved). */
static enum hl_err retention(struct svc_ctx *ctx, int *days, int64_t *version, struct hl_error *err)
{
    struct med_settings m;
    enum hl_err e = settings_load(ctx, &m, version, err);
    *days = m.retention_days;
    json_decref(m.raw);
    return e;
}

/* The retention setting is for managers and admins (it tells nothing about any case). */
static enum hl_err settings_access(struct svc_ctx *ctx, struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL,
                       "the mediation settings are for managers and admins");
    return HL_OK;
}

enum hl_err svc_mediation_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    struct med_settings m;
    int64_t version;
    enum hl_err e = settings_access(ctx, err);
    if (e == HL_OK && (e = settings_load(ctx, &m, &version, err)) == HL_OK) {
        *out = json_pack("{si si so sI}", "retention_days", m.retention_days, "remind_days_before",
                         m.remind_days_before, "site_url",
                         m.site_url ? json_string(m.site_url) : json_null(), "version",
                         (json_int_t)(version + 1)); /* the defaults 1, the first saved 2 … */
        json_decref(m.raw);
    }
    return e;
}

static bool site_url_ok(const char *s)
{
    if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
        return false;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c <= ' ' || *c == '#' || *c == '?' || *c == '"' || *c == '<' ||
            *c == '>' || *c == '\\')
            return false;
    return true;
}

enum hl_err svc_mediation_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                          json_t **out, struct hl_error *err)
{
    static const char *const allowed[] = {"retention_days", "remind_days_before", "site_url", NULL};
    static const struct field f_ret = {
        "retention_days", FT_INT, 0, 30, 3650, NULL, NULL, NULL, NULL};
    static const struct field f_rem = {
        "remind_days_before", FT_INT, 0, 0, 30, NULL, NULL, NULL, NULL};
    static const struct field f_url = {"site_url", FT_TEXT, F_NULLABLE, 8,   200,
                                       NULL,       NULL,    NULL,       NULL};
    json_t *ret = json_object_get(body, "retention_days");
    json_t *rem = json_object_get(body, "remind_days_before");
    json_t *url = json_object_get(body, "site_url");
    enum hl_err e = settings_access(ctx, err);
    if (e == HL_OK)
        e = only_fields(body, allowed, err);
    if (e == HL_OK && !ret && !rem && !url)
        e = hl_fail(err, HL_ERR_INVALID, NULL,
                    "give retention_days, remind_days_before or site_url");
    if (e == HL_OK && ret)
        e = field_validate(&f_ret, ret, err);
    if (e == HL_OK && rem)
        e = field_validate(&f_rem, rem, err);
    if (e == HL_OK && url)
        e = field_validate(&f_url, url, err);
    if (e == HL_OK && json_is_string(url) && !site_url_ok(json_string_value(url)))
        e = hl_fail(err, HL_ERR_INVALID, "site_url",
                    "site_url must be the address people open Haldus at, like "
                    "https://haldus.example.org (no spaces, # or ?)");
    if (e == HL_OK && if_match == IF_MATCH_NONE)
        e = hl_fail(err, HL_ERR_PRECONDITION, NULL,
                    "send If-Match with the version you read, so no one's change is lost");
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct med_settings m = {0};
    int64_t version;
    json_t *value = NULL, *before = NULL;
    if ((e = settings_load(ctx, &m, &version, err)) != HL_OK)
        goto fail;
    if (version + 1 != if_match) { /* the stored row's version is one behind the shown one */
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the settings were changed by someone else (you sent version %lld, they are "
                    "at %lld)",
                    (long long)if_match, (long long)(version + 1));
        goto fail;
    }
    before = json_pack("{si si so}", "retention_days", m.retention_days, "remind_days_before",
                       m.remind_days_before, "site_url",
                       m.site_url ? json_string(m.site_url) : json_null());
    value = json_deep_copy(before);
    if (ret)
        json_object_set(value, "retention_days", ret);
    if (rem)
        json_object_set(value, "remind_days_before", rem);
    if (url)
        json_object_set(value, "site_url", url);
    e = store_setting_put(ctx->db, RETENTION_KEY, value, version, err);
    if (e == HL_OK)
        e = svc_audit(ctx, "update", "mediation_settings", 0, before, value, err);
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_decref(value);
    json_decref(before);
    json_decref(m.raw);
    return svc_mediation_settings(ctx, out, err);
fail:
    db_rollback(ctx->db);
    json_decref(value);
    json_decref(before);
    json_decref(m.raw);
    return e;
}

enum hl_err svc_case_purge(struct svc_ctx *ctx, int *n, struct hl_error *err)
{
    int days;
    int64_t version;
    json_t *ids = NULL;
    *n = 0;
    /* How many cases it purged is itself about cases: the manager role only. */
    if (!is_manager(ctx))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers purge cases");
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = retention(ctx, &days, &version, err)) != HL_OK ||
        (e = store_case_expired(ctx->db, db_now(ctx->db) - (int64_t)days * 86400, &ids, err)) !=
            HL_OK)
        goto fail;
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
    {
        int64_t cid = json_integer_value(id);
        if ((e = store_case_purge(ctx->db, cid, err)) != HL_OK ||
            (e = audit_case(ctx, "purge", cid, json_pack("{si}", "retention_days", days), err)) !=
                HL_OK)
            goto fail;
    }
    if ((e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    *n = (int)json_array_size(ids);
    json_decref(ids);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(ids);
    return e;
}

/* ---- reminders ---- */

/* Neutral by rule: no name of the other party, no category, no summary, no action text — only
 * that something is due, when, and where to look. */
static const struct mail_template tpl_due = {
    "mediation.reminder",
    {"A follow-up is due", "Järeltegevuse tähtaeg on käes"},
    {"Hello,\n\nA follow-up you agreed to is due on {date}.\n\nSee it in Haldus: {link}\n\n"
     "— Haldus",
     "Tere!\n\nSinu kokkulepitud järeltegevuse tähtaeg on {date}.\n\nVaata Haldusest: {link}\n\n"
     "— Haldus"},
};

static const struct mail_template tpl_overdue = {
    "mediation.reminder",
    {"A follow-up is overdue", "Järeltegevus on tähtajast üle"},
    {"Hello,\n\nA follow-up you agreed to was due on {date} and is not marked done yet.\n\n"
     "See it in Haldus: {link}\n\n— Haldus",
     "Tere!\n\nSinu kokkulepitud järeltegevuse tähtaeg oli {date} ja see pole veel tehtuks "
     "märgitud.\n\nVaata Haldusest: {link}\n\n— Haldus"},
};

static const struct mail_template tpl_review = {
    "mediation.review",
    {"A follow-up review is due", "Järelkontroll on käes"},
    {"Hello,\n\nA case you monitor is due for review on {date}.\n\nSee it in Haldus: {link}\n\n"
     "— Haldus",
     "Tere!\n\nJälgitava juhtumi ülevaatuse kuupäev on {date}.\n\nVaata Haldusest: {link}\n\n"
     "— Haldus"},
};

/* What reminder, if any, falls due today (the person's local day) for a candidate: "due" from
 * `before` days ahead of the due date up to the day itself, "overdue" from the day after; a
 * review on or after its date. NULL: none (or it went out already). */
static const char *reminder_due(const struct case_remind_row *r, int64_t today, int before)
{
    int64_t day;
    if (!date_parse(r->date, &day))
        return NULL;
    if (r->action_id == 0)
        return today >= day && !r->sent_due ? "review" : NULL;
    if (today > day)
        return r->sent_overdue ? NULL : "overdue";
    if (today >= day - before)
        return r->sent_due ? NULL : "due";
    return NULL;
}

/* Queues the reminders that fell due and records each; *n receives how many were queued. */
static enum hl_err send_reminders(struct svc_ctx *ctx, int *n, struct hl_error *err)
{
    struct case_remind_rows rows = {0};
    struct med_settings m = {0};
    int64_t version;
    *n = 0;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = settings_load(ctx, &m, &version, err)) != HL_OK ||
        (e = store_case_remind_candidates(ctx->db, &rows, err)) != HL_OK)
        goto fail;
    int64_t now = db_now(ctx->db);
    for (size_t i = 0; i < rows.n; i++) {
        const struct case_remind_row *r = &rows.rows[i];
        int64_t today = tz_today(r->zone, now); /* an unknown zone: the UTC day */
        const char *kind = reminder_due(r, today, m.remind_days_before);
        if (!kind)
            continue;
        const struct mail_template *tpl = strcmp(kind, "due") == 0       ? &tpl_due
                                          : strcmp(kind, "overdue") == 0 ? &tpl_overdue
                                                                         : &tpl_review;
        char *link =
            hl_asprintf("%s/#/cases/%lld", m.site_url ? m.site_url : "", (long long)r->case_id);
        json_t *params = json_pack("{ss ss}", "date", r->date, "link", link);
        struct mail_to to = {r->person, NULL, MAIL_EN};
        int64_t mail = 0;
        e = mail_enqueue(ctx, tpl, &to, params, NULL, &mail, err);
        json_decref(params);
        free(link);
        if (e != HL_OK ||
            (e = store_case_reminder_insert(ctx->db, r->case_id, r->action_id, kind, r->date,
                                            r->person, mail, err)) != HL_OK ||
            (e = audit_case(ctx, "remind", r->case_id,
                            json_pack("{sI ss ss sI sI}", "action_id", (json_int_t)r->action_id,
                                      "kind", kind, "on_date", r->date, "person_id",
                                      (json_int_t)r->person, "mail_id", (json_int_t)mail),
                            err)) != HL_OK)
            goto fail;
        if (mail)
            (*n)++;
    }
    if ((e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    case_remind_rows_cleanup(&rows);
    json_decref(m.raw);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    case_remind_rows_cleanup(&rows);
    json_decref(m.raw);
    *n = 0;
    return e;
}

enum hl_err tick_mediation(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    int n = 0, sent = 0;
    enum hl_err e = svc_case_purge(ctx, &n, err);
    if (e == HL_OK)
        e = send_reminders(ctx, &sent, err);
    if (e == HL_OK && (n > 0 || sent > 0)) {
        char *p =
            n ? hl_asprintf("%d closed case%s past retention purged", n, n == 1 ? "" : "s") : NULL;
        char *r =
            sent ? hl_asprintf("%d follow-up reminder%s queued", sent, sent == 1 ? "" : "s") : NULL;
        *summary = hl_asprintf("%s%s%s", p ? p : "", p && r ? "; " : "", r ? r : "");
        free(p);
        free(r);
    }
    return e;
}

struct open_all {
    const unsigned char *key;
    int64_t bad;
};

static bool opens(void *arg, int64_t id, const unsigned char *sealed, size_t len)
{
    struct open_all *o = arg;
    char *text = NULL;
    if (!case_open(o->key, sealed, len, &text)) {
        o->bad = id;
        return false;
    }
    free(text);
    return true;
}

enum hl_err svc_mediation_check(struct svc_ctx *ctx, char **report, struct hl_error *err)
{
    *report = NULL;
    const char *path = getenv(CASE_KEY_ENV);
    unsigned char key[32];
    struct open_all o = {NULL, 0};
    size_t n = 0;
    enum hl_err e;
    if (!path || !*path) {
        /* Without a key, only count: any sealed entry is unreadable. */
        if ((e = store_case_sealed_each(ctx->db, NULL, NULL, &n, err)) != HL_OK)
            return e;
        if (n)
            return hl_fail(err, HL_ERR_IO, NULL, "%zu case entries are sealed but %s is not set", n,
                           CASE_KEY_ENV);
        *report = hl_asprintf("case entries stored as text (%s not set)", CASE_KEY_ENV);
        return HL_OK;
    }
    if ((e = case_key_read(path, key, err)) != HL_OK)
        return e;
    o.key = key;
    e = store_case_sealed_each(ctx->db, opens, &o, &n, err);
    sodium_memzero(key, sizeof key);
    if (e != HL_OK)
        return e;
    if (o.bad)
        return hl_fail(err, HL_ERR_IO, NULL, "case entry %lld does not open with the key in %s",
                       (long long)o.bad, path);
    *report = hl_asprintf("case key %s ok: %zu sealed entries open", path, n);
    return HL_OK;
}
