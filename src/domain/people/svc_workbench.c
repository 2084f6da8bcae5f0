/* svc_workbench.c: the workbench use cases: flags, the backup list, the coverage preview. */
#include "svc_workbench.h"
#include "people.h"
#include "store_entity.h"
#include "store_support.h"
#include "store_workbench.h"
#include "svc_coverage.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <string.h>

#define PREVIEW_MAX_PRINCIPALS 20

static enum hl_err check_window(int64_t from_day, int64_t to_day, struct hl_error *err)
{
    if (to_day < from_day)
        return hl_fail(err, HL_ERR_INVALID, "to", "to must not be before from");
    if (to_day - from_day + 1 > WORKBENCH_MAX_DAYS)
        return hl_fail(err, HL_ERR_INVALID, "to", "the window may hold at most %d days",
                       WORKBENCH_MAX_DAYS);
    return HL_OK;
}

enum hl_err svc_support_flags(struct svc_ctx *ctx, int64_t from_day, int64_t to_day, json_t **out,
                              struct hl_error *err)
{
    char from[11], to[11];
    json_t *uns = NULL, *over = NULL;
    enum hl_err e = check_window(from_day, to_day, err);
    if (e != HL_OK)
        return e;
    date_format(from_day, from);
    date_format(to_day, to);
    if ((e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    if ((e = store_flags_unsupported(ctx->db, from, to, &uns, err)) == HL_OK)
        e = store_flags_overloaded(ctx->db, from, to, &over, err);
    db_rollback(ctx->db); /* read only */
    if (e != HL_OK) {
        json_decref(uns);
        return e;
    }
    *out =
        json_pack("{ss ss so so}", "from", from, "to", to, "unsupported", uns, "overloaded", over);
    return HL_OK;
}

/* FNV-1a over the rows' ids and versions, kept within JSON's exact integers. */
static int64_t list_version(const json_t *rows)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t v[2] = {json_integer_value(json_object_get(r, "id")),
                        json_integer_value(json_object_get(r, "version"))};
        const unsigned char *p = (const unsigned char *)v;
        for (size_t k = 0; k < sizeof v; k++)
            h = (h ^ p[k]) * 1099511628211ull;
    }
    return (int64_t)(h & ((1ull << 52) - 1)) + 1;
}

/* The list as svc_backups_get answers it; inside the caller's transaction. */
static enum hl_err backups_read(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                                struct hl_error *err)
{
    json_t *rows = NULL, *named = NULL, *rec = NULL;
    enum hl_err e = store_entity_get_scoped(ctx->db, &ent_principal, principal_id,
                                            svc_scope_person(ctx, &ent_principal), &rec, err);
    if (e == HL_OK)
        e = store_backup_rows(ctx->db, principal_id, &rows, err);
    if (e == HL_OK)
        e = store_designated_backups(ctx->db, principal_id, &named, err);
    json_decref(rec);
    if (e != HL_OK)
        goto out;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        json_t *n = json_array_get(named, i);
        json_object_set(r, "name", json_object_get(n, "name"));
        json_object_set(r, "office", json_object_get(n, "office"));
    }
    *out = json_pack("{sI sI sO}", "principal_id", (json_int_t)principal_id, "version",
                     (json_int_t)list_version(rows), "items", rows);
out:
    json_decref(rows);
    json_decref(named);
    return e;
}

enum hl_err svc_backups_read(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                             struct hl_error *err)
{
    return backups_read(ctx, principal_id, out, err);
}

enum hl_err svc_backups_get(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                            struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    e = backups_read(ctx, principal_id, out, err);
    db_rollback(ctx->db); /* read only */
    return e;
}

static enum hl_err check_ids(const json_t *ids, struct hl_error *err)
{
    if (!ids)
        return hl_fail(err, HL_ERR_INVALID, "assistant_ids", "assistant_ids is required");
    if (!json_is_array(ids))
        return hl_fail(err, HL_ERR_INVALID, "assistant_ids",
                       "assistant_ids must be an array of assistant ids");
    if (json_array_size(ids) > 20)
        return hl_fail(err, HL_ERR_INVALID, "assistant_ids",
                       "a principal has at most 20 designated backups");
    for (size_t i = 0; i < json_array_size(ids); i++) {
        json_t *v = json_array_get(ids, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return hl_fail(err, HL_ERR_INVALID, "assistant_ids",
                           "assistant_ids[%zu] must be a positive integer", i);
        for (size_t k = 0; k < i; k++)
            if (json_integer_value(json_array_get(ids, k)) == json_integer_value(v))
                return hl_fail(err, HL_ERR_INVALID, "assistant_ids",
                               "assistant %lld is listed twice", (long long)json_integer_value(v));
    }
    return HL_OK;
}

enum hl_err svc_backups_set(struct svc_ctx *ctx, int64_t principal_id, int64_t if_match,
                            const json_t *assistant_ids, json_t **out, struct hl_error *err)
{
    json_t *cur = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = backups_read(ctx, principal_id, &cur, err)) != HL_OK)
        goto out;
    if (if_match == IF_MATCH_NONE) {
        e = hl_fail(err, HL_ERR_PRECONDITION, NULL,
                    "If-Match with the list's version is required to replace it");
        goto out;
    }
    if (if_match != json_integer_value(json_object_get(cur, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the designated backups changed since version %lld; reload them",
                    (long long)if_match);
        goto out;
    }
    if ((e = check_ids(assistant_ids, err)) != HL_OK)
        goto out;
    size_t i;
    json_t *r;
    /* Remove every row first: ranks and assistants are unique per principal. */
    json_array_foreach(json_object_get(cur, "items"), i, r)
    {
        if ((e = svc_entity_delete(ctx, &ent_backup, json_integer_value(json_object_get(r, "id")),
                                   json_integer_value(json_object_get(r, "version")), err)) !=
            HL_OK)
            goto out;
    }
    json_array_foreach(assistant_ids, i, r)
    {
        json_t *body = json_pack("{sI sO si}", "principal_id", (json_int_t)principal_id,
                                 "assistant_id", r, "rank", (int)i + 1);
        e = svc_entity_create(ctx, &ent_backup, body, NULL, err);
        json_decref(body);
        if (e != HL_OK) {
            /* Name the position in the list, not the generic field. */
            if (e == HL_ERR_INVALID || e == HL_ERR_NOT_FOUND)
                e = hl_fail(err, HL_ERR_INVALID, "assistant_ids",
                            "assistant_ids[%zu]: %lld is not an assistant", i,
                            (long long)json_integer_value(r));
            goto out;
        }
    }
    json_decref(cur);
    cur = NULL;
    if ((e = backups_read(ctx, principal_id, out, err)) == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(cur);
    return e;
}

/* ---------- weekly hours from a date ---------- */

static enum hl_err week_read(struct svc_ctx *ctx, int64_t person_id, json_t **out,
                             struct hl_error *err)
{
    json_t *rows = NULL, *rec = NULL;
    enum hl_err e = store_entity_get_scoped(ctx->db, &ent_person, person_id,
                                            svc_scope_person(ctx, &ent_person), &rec, err);
    json_decref(rec);
    if (e == HL_OK)
        e = store_week_rows(ctx->db, person_id, &rows, err);
    if (e != HL_OK)
        return e;
    *out = json_pack("{sI sI so}", "person_id", (json_int_t)person_id, "version",
                     (json_int_t)list_version(rows), "items", rows);
    return HL_OK;
}

enum hl_err svc_week_get(struct svc_ctx *ctx, int64_t person_id, json_t **out, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    e = week_read(ctx, person_id, out, err);
    db_rollback(ctx->db); /* read only */
    return e;
}

/* The create body of interval i, validated as a work pattern; errors name intervals[i]. */
static enum hl_err week_row(int64_t person_id, const char *from, const json_t *iv, size_t i,
                            json_t **row, struct hl_error *err)
{
    static const char *const keys[] = {"weekday", "start_time", "end_time", NULL};
    char field[64];
    snprintf(field, sizeof field, "intervals[%zu]", i);
    if (!json_is_object(iv))
        return hl_fail(err, HL_ERR_INVALID, field,
                       "%s must be an object {weekday, start_time, end_time}", field);
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)iv, k, v)
    {
        size_t n = 0;
        while (keys[n] && strcmp(keys[n], k))
            n++;
        if (!keys[n])
            return hl_fail(err, HL_ERR_INVALID, field,
                           "%s.%s is unknown; allowed: weekday, start_time, end_time", field, k);
    }
    json_t *r = json_deep_copy(iv);
    json_object_set_new(r, "person_id", json_integer(person_id));
    json_object_set_new(r, "valid_from", json_string(from));
    enum hl_err e = entity_validate_input(&ent_work_pattern, r, true, err);
    if (e == HL_OK && ent_work_pattern.check)
        e = ent_work_pattern.check(r, err);
    if (e != HL_OK) {
        char named[sizeof field + sizeof err->field];
        snprintf(named, sizeof named, "%s.%s", field, err->field);
        /* Field names are short: the copy is never cut in practice. */
        size_t len = strlen(named) < sizeof err->field ? strlen(named) : sizeof err->field - 1;
        memcpy(err->field, named, len);
        err->field[len] = '\0';
        json_decref(r);
        return e;
    }
    *row = r;
    return HL_OK;
}

enum hl_err svc_week_set(struct svc_ctx *ctx, int64_t person_id, int64_t if_match,
                         const json_t *body, json_t **out, struct hl_error *err)
{
    json_t *cur = NULL, *rows = json_array();
    const json_t *fromj = json_object_get(body, "valid_from");
    const json_t *ivs = json_object_get(body, "intervals");
    int64_t from_day;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK) {
        json_decref(rows);
        return e;
    }
    if ((e = week_read(ctx, person_id, &cur, err)) != HL_OK)
        goto out;
    if (if_match == IF_MATCH_NONE) {
        e = hl_fail(err, HL_ERR_PRECONDITION, NULL,
                    "If-Match with the working hours' version is required to replace them");
        goto out;
    }
    if (if_match != json_integer_value(json_object_get(cur, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the working hours changed since version %lld; reload them",
                    (long long)if_match);
        goto out;
    }
    if (!json_is_string(fromj) || !date_parse(json_string_value(fromj), &from_day)) {
        e = hl_fail(err, HL_ERR_INVALID, "valid_from", "valid_from must be a date YYYY-MM-DD");
        goto out;
    }
    if (!json_is_array(ivs) || json_array_size(ivs) > 50) {
        e = hl_fail(err, HL_ERR_INVALID, "intervals",
                    "intervals must be an array of at most 50 {weekday, start_time, end_time}");
        goto out;
    }
    char from[11], before[11];
    date_format(from_day, from);
    date_format(from_day - 1, before);
    size_t i;
    json_t *r;
    json_array_foreach(ivs, i, r)
    {
        json_t *row = NULL;
        if ((e = week_row(person_id, from, r, i, &row, err)) != HL_OK)
            goto out;
        json_array_append_new(rows, row);
    }
    /* End what is in force from valid_from on: rows that begin on or after it go, rows that
     * began before it end the day before. */
    json_array_foreach(json_object_get(cur, "items"), i, r)
    {
        const char *vf = json_string_value(json_object_get(r, "valid_from"));
        const char *vt = json_string_value(json_object_get(r, "valid_to"));
        int64_t id = json_integer_value(json_object_get(r, "id"));
        int64_t ver = json_integer_value(json_object_get(r, "version"));
        if (vt && strcmp(vt, from) < 0)
            continue;
        if (vf && strcmp(vf, from) >= 0) {
            e = svc_entity_delete(ctx, &ent_work_pattern, id, ver, err);
        } else {
            json_t *ch = json_pack("{ss}", "valid_to", before);
            e = svc_entity_update(ctx, &ent_work_pattern, id, ver, ch, NULL, err);
            json_decref(ch);
        }
        if (e != HL_OK)
            goto out;
    }
    json_array_foreach(rows, i, r)
    {
        if ((e = svc_entity_create(ctx, &ent_work_pattern, r, NULL, err)) != HL_OK)
            goto out;
    }
    json_decref(cur);
    cur = NULL;
    if ((e = week_read(ctx, person_id, out, err)) == HL_OK &&
        (e = db_commit(ctx->db, err)) != HL_OK) {
        json_decref(*out);
        *out = NULL;
    }
out:
    if (e != HL_OK)
        db_rollback(ctx->db);
    json_decref(cur);
    json_decref(rows);
    return e;
}

/* ---------- the preview ---------- */

static const struct entity *preview_entity(const char *path)
{
    if (!path)
        return NULL;
    if (!strcmp(path, "assignments"))
        return &ent_assignment;
    if (!strcmp(path, "work-patterns"))
        return &ent_work_pattern;
    if (!strcmp(path, "designated-backups"))
        return &ent_backup;
    return NULL;
}

static void add_id(json_t *set, int64_t id)
{
    if (id <= 0 || json_array_size(set) >= PREVIEW_MAX_PRINCIPALS)
        return;
    for (size_t i = 0; i < json_array_size(set); i++)
        if (json_integer_value(json_array_get(set, i)) == id)
            return;
    json_array_append_new(set, json_integer(id));
}

/* The principals a record touches: its principal, or for working hours the person if a
 * principal, else the principals the assistant is assigned to in [from, to]. */
static enum hl_err touched(struct svc_ctx *ctx, const struct entity *ent, const json_t *rec,
                           const char *from, const char *to, json_t *set, struct hl_error *err)
{
    if (!rec)
        return HL_OK;
    if (ent != &ent_work_pattern) {
        add_id(set, json_integer_value(json_object_get(rec, "principal_id")));
        return HL_OK;
    }
    int64_t person = json_integer_value(json_object_get(rec, "person_id"));
    bool is_principal = false;
    enum hl_err e = store_entity_exists(ctx->db, &ent_principal, person, &is_principal, err);
    if (e != HL_OK)
        return e;
    if (is_principal) {
        add_id(set, person);
        return HL_OK;
    }
    json_t *ids = NULL;
    if ((e = store_principals_assigned(ctx->db, person, from, to, &ids, err)) != HL_OK)
        return e;
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) add_id(set, json_integer_value(v));
    json_decref(ids);
    return HL_OK;
}

/* The state of each principal of set: {principal_id, name, unsupported_from, until,
 * gap_slots, days: {date: gaps}} from the flags and the board; *slot_minutes the board's. */
static enum hl_err snapshot(struct svc_ctx *ctx, const json_t *set, int64_t from_day,
                            int64_t to_day, json_t **out, int *slot_minutes, struct hl_error *err)
{
    char from[11], to[11];
    date_format(from_day, from);
    date_format(to_day, to);
    json_t *uns = NULL, *res = json_object();
    enum hl_err e = store_flags_unsupported(ctx->db, from, to, &uns, err);
    size_t i;
    json_t *pidj;
    json_array_foreach(set, i, pidj)
    {
        if (e != HL_OK)
            break;
        int64_t pid = json_integer_value(pidj);
        json_t *st = json_pack("{sI sn sn si so}", "principal_id", (json_int_t)pid,
                               "unsupported_from", "until", "gap_slots", 0, "days", json_object());
        size_t k;
        json_t *u;
        json_array_foreach(uns, k, u)
        {
            if (json_integer_value(json_object_get(u, "principal_id")) == pid) {
                json_object_set(st, "unsupported_from", json_object_get(u, "from"));
                json_object_set(st, "until", json_object_get(u, "until"));
            }
        }
        json_t *board = NULL, *rec = NULL;
        int64_t next = 0;
        if ((e = store_entity_get(ctx->db, &ent_person, pid, &rec, err)) == HL_ERR_NOT_FOUND) {
            /* A create naming no such principal: saving refuses it (422), and so does the
             * preview when it makes the change. */
            hl_error_clear(err);
            e = HL_OK;
            json_decref(st);
            continue;
        }
        if (e == HL_OK)
            json_object_set(st, "name", json_object_get(rec, "name"));
        json_decref(rec);
        if (e == HL_OK)
            e = svc_coverage_board(ctx, from_day, to_day, NULL, NULL, pid - 1, 1, &board, &next,
                                   err);
        if (e == HL_OK) {
            *slot_minutes = (int)json_integer_value(json_object_get(board, "slot_minutes"));
            json_t *p = json_array_get(json_object_get(board, "principals"), 0);
            if (p && json_integer_value(json_object_get(p, "id")) == pid) {
                json_int_t total = 0;
                size_t d;
                json_t *day;
                json_array_foreach(json_object_get(p, "days"), d, day)
                {
                    json_int_t g = json_integer_value(json_object_get(day, "gaps"));
                    total += g;
                    if (g)
                        json_object_set_new(json_object_get(st, "days"),
                                            json_string_value(json_object_get(day, "date")),
                                            json_integer(g));
                }
                json_object_set_new(st, "gap_slots", json_integer(total));
            }
        }
        json_decref(board);
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)pid);
        json_object_set_new(res, key, st);
    }
    json_decref(uns);
    if (e != HL_OK) {
        json_decref(res);
        return e;
    }
    *out = res;
    return HL_OK;
}

/* One change of a preview, read from its JSON (fields named with prefix). */
struct change {
    const struct entity *ent; /* NULL: the work week */
    const char *action;
    int64_t id, version;
    const json_t *values;
};

static enum hl_err parse_change(const json_t *change, const char *prefix, struct change *c,
                                struct hl_error *err)
{
    static const char *const keys[] = {"entity", "action", "id", "version", "values", NULL};
    char f[64];
#define NAMED(x) (snprintf(f, sizeof f, "%s%s", prefix, x), f)
    if (!json_is_object(change))
        return hl_fail(err, HL_ERR_INVALID, NAMED(""), "%s must be an object", f);
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)change, k, v)
    {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], k))
            i++;
        if (!keys[i])
            return hl_fail(err, HL_ERR_INVALID, NAMED(""),
                           "%s.%s is unknown; allowed: entity, action, id, version, values", f, k);
    }
    const char *entity = json_string_value(json_object_get(change, "entity"));
    bool week = entity && !strcmp(entity, "work-week");
    c->ent = preview_entity(entity);
    if (!c->ent && !week)
        return hl_fail(err, HL_ERR_INVALID, NAMED(".entity"),
                       "%s must be assignments, work-patterns, designated-backups or work-week", f);
    c->action = json_string_value(json_object_get(change, "action"));
    if (week && !c->action)
        c->action = "update";
    if (!c->action ||
        (strcmp(c->action, "create") && strcmp(c->action, "update") &&
         strcmp(c->action, "delete")) ||
        (week && strcmp(c->action, "update")))
        return hl_fail(
            err, HL_ERR_INVALID, NAMED(".action"),
            week ? "%s of a work-week must be update" : "%s must be create, update or delete", f);
    bool create = !strcmp(c->action, "create");
    json_t *idj = json_object_get(change, "id"), *verj = json_object_get(change, "version");
    c->values = json_object_get(change, "values");
    if (!create && (!json_is_integer(idj) || json_integer_value(idj) <= 0))
        return hl_fail(err, HL_ERR_INVALID, NAMED(".id"),
                       week ? "%s must be the person's id" : "%s must be the record's id", f);
    if (verj && !json_is_integer(verj))
        return hl_fail(err, HL_ERR_INVALID, NAMED(".version"), "%s must be the record's version",
                       f);
    if (strcmp(c->action, "delete") && !json_is_object(c->values))
        return hl_fail(err, HL_ERR_INVALID, NAMED(".values"),
                       "%s must be an object with the record's fields", f);
#undef NAMED
    c->id = json_integer_value(idj);
    c->version = verj ? json_integer_value(verj) : IF_MATCH_NONE;
    return HL_OK;
}

/* Makes the change as a client's request would. */
static enum hl_err apply(struct svc_ctx *ctx, const struct change *c, struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e;
    if (!c->ent)
        e = svc_week_set(ctx, c->id, c->version, c->values, &out, err);
    else if (!strcmp(c->action, "create"))
        e = svc_entity_create(ctx, c->ent, c->values, &out, err);
    else if (!strcmp(c->action, "update"))
        e = svc_entity_update(ctx, c->ent, c->id, c->version, c->values, &out, err);
    else
        e = svc_entity_delete(ctx, c->ent, c->id, c->version, err);
    json_decref(out);
    return e;
}

/* Adds the principals the change touches to set (see touched). */
static enum hl_err change_touches(struct svc_ctx *ctx, const struct change *c, const char *from,
                                  const char *to, json_t *set, struct hl_error *err)
{
    if (!c->ent) {
        json_t *who = json_pack("{sI}", "person_id", (json_int_t)c->id);
        enum hl_err e = touched(ctx, &ent_work_pattern, who, from, to, set, err);
        json_decref(who);
        return e;
    }
    if (!strcmp(c->action, "create")) {
        enum hl_err e = entity_validate_input(c->ent, c->values, true, err);
        return e == HL_OK ? touched(ctx, c->ent, c->values, from, to, set, err) : e;
    }
    json_t *cur = NULL;
    enum hl_err e = svc_entity_get(ctx, c->ent, c->id, &cur, err);
    if (e == HL_OK && c->values)
        e = entity_validate_input(c->ent, c->values, false, err);
    /* Whom it touches follows from immutable fields (principal_id, person_id). */
    if (e == HL_OK)
        e = touched(ctx, c->ent, cur, from, to, set, err);
    json_decref(cur);
    return e;
}

enum hl_err svc_support_preview(struct svc_ctx *ctx, const json_t *changes, int64_t from_day,
                                int64_t to_day, json_t **out, struct hl_error *err)
{
    enum hl_err e = check_window(from_day, to_day, err);
    if (e != HL_OK)
        return e;
    bool many = json_is_array(changes);
    size_t n = many ? json_array_size(changes) : 1;
    if (many && (n == 0 || n > 20))
        return hl_fail(err, HL_ERR_INVALID, "changes", "changes must hold 1 to 20 changes");
    struct change list[20];
    for (size_t i = 0; i < n; i++) {
        char prefix[32];
        if (many)
            snprintf(prefix, sizeof prefix, "changes[%zu]", i);
        else
            snprintf(prefix, sizeof prefix, "change");
        if ((e = parse_change(many ? json_array_get(changes, i) : changes, prefix, &list[i],
                              err)) != HL_OK)
            return e;
    }

    char from[11], to[11];
    date_format(from_day, from);
    date_format(to_day, to);
    json_t *set = json_array(), *before = NULL, *after = NULL;
    int slot = 0;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK) {
        json_decref(set);
        return e;
    }
    for (size_t i = 0; i < n && e == HL_OK; i++)
        e = change_touches(ctx, &list[i], from, to, set, err);
    if (e != HL_OK || (e = snapshot(ctx, set, from_day, to_day, &before, &slot, err)) != HL_OK)
        goto out;
    for (size_t i = 0; i < n && e == HL_OK; i++)
        e = apply(ctx, &list[i], err);
    if (e != HL_OK || (e = snapshot(ctx, set, from_day, to_day, &after, &slot, err)) != HL_OK)
        goto out;

    json_t *items = json_array();
    size_t i;
    json_t *pidj;
    json_array_foreach(set, i, pidj)
    {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)json_integer_value(pidj));
        json_t *b = json_object_get(before, key), *a = json_object_get(after, key);
        /* Days with more gap slots after the change than before. */
        json_t *worse = json_array();
        const char *day;
        json_t *g;
        json_object_foreach(json_object_get(a, "days"), day, g)
        {
            json_int_t was = json_integer_value(json_object_get(json_object_get(b, "days"), day));
            if (json_integer_value(g) > was)
                json_array_append_new(
                    worse, json_pack("{ss sI}", "date", day, "gaps", json_integer_value(g) - was));
        }
        json_array_append_new(
            items,
            json_pack("{sO sO s{sO sO sO} s{sO sO sO} so}", "principal_id", pidj, "name",
                      json_object_get(a, "name"), "before", "unsupported_from",
                      json_object_get(b, "unsupported_from"), "until", json_object_get(b, "until"),
                      "gap_slots", json_object_get(b, "gap_slots"), "after", "unsupported_from",
                      json_object_get(a, "unsupported_from"), "until", json_object_get(a, "until"),
                      "gap_slots", json_object_get(a, "gap_slots"), "new_gap_days", worse));
    }
    *out = json_pack("{ss ss si so}", "from", from, "to", to, "slot_minutes", slot, "principals",
                     items);
out:
    db_rollback(ctx->db); /* a preview never saves */
    json_decref(set);
    json_decref(before);
    json_decref(after);
    return e;
}
