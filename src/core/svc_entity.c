/* svc_entity.c: the generic use cases behind every entity's CRUD routes and CLI commands. */
#include "svc_entity.h"
#include "store_audit.h"

#include <stdint.h>

bool svc_acts_as_manager(const struct svc_ctx *ctx, const struct entity *ent)
{
    return !ctx->who || (role_is_manager(ctx->who->role) &&
                         !(ent->vis.confidential && ctx->who->role != ROLE_MANAGER));
}

/* An account without the manager role (an admin) sees only ent->manager_role_rows. */
static bool manager_role_rows(const struct svc_ctx *ctx, const struct entity *ent)
{
    return ctx->who && ctx->who->role != ROLE_MANAGER && ent->manager_role_rows;
}

const char *svc_rows_condition(const struct svc_ctx *ctx, const struct entity *ent)
{
    return manager_role_rows(ctx, ent) ? ent->manager_role_rows : NULL;
}

int64_t svc_scope_person(const struct svc_ctx *ctx, const struct entity *ent)
{
    if (!ctx->who || ent->vis.policy == VIS_CATALOG)
        return 0;
    if (svc_acts_as_manager(ctx, ent))
        return 0;
    return ctx->who->person_id > 0 ? ctx->who->person_id : INT64_MAX;
}

enum hl_err svc_entity_standin(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                               struct svc_standin *keep, struct svc_ctx **as, struct hl_error *err)
{
    *as = ctx;
    bool yes = false;
    if (!ctx->who || role_is_manager(ctx->who->role) || !ent->vis.standin)
        return HL_OK;
    enum hl_err e = store_entity_standin(ctx->db, ent, id, ctx->who->person_id, &yes, err);
    if (e != HL_OK || !yes)
        return e;
    keep->who = *ctx->who;
    keep->who.role = ROLE_ADMIN;
    keep->ctx = *ctx;
    keep->ctx.who = &keep->who;
    *as = &keep->ctx;
    return HL_OK;
}

/* Assistants and principals write only entities with an owner column, and only their own
 * rows (rec is the body of a create or the current row). */
static enum hl_err may_write(const struct svc_ctx *ctx, const struct entity *ent, const json_t *rec,
                             struct hl_error *err)
{
    if (svc_acts_as_manager(ctx, ent))
        return HL_OK;
    if (!ent->owner)
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers change %ss", ent->name);
    if (json_integer_value(json_object_get(rec, ent->owner)) != ctx->who->person_id)
        return hl_fail(err, HL_ERR_FORBIDDEN, ent->owner,
                       "you can only change your own %ss (%s must be %lld)", ent->name, ent->owner,
                       (long long)ctx->who->person_id);
    return HL_OK;
}

enum hl_err svc_entity_list(struct svc_ctx *ctx, const struct entity *ent,
                            const struct list_query *q, json_t **items, bool *more,
                            struct hl_error *err)
{
    struct list_query scoped = *q;
    scoped.scope_person = svc_scope_person(ctx, ent);
    scoped.manager_role_rows = manager_role_rows(ctx, ent);
    return store_entity_list(ctx->db, ent, &scoped, items, more, err);
}

enum hl_err svc_entity_list_text(struct svc_ctx *ctx, const struct entity *ent,
                                 const struct list_query *q, struct buf *out, int64_t *last_id,
                                 bool *more, struct hl_error *err)
{
    struct list_query scoped = *q;
    scoped.scope_person = svc_scope_person(ctx, ent);
    scoped.manager_role_rows = manager_role_rows(ctx, ent);
    return store_entity_list_text(ctx->db, ent, &scoped, out, last_id, more, err);
}

enum hl_err svc_entity_get(struct svc_ctx *ctx, const struct entity *ent, int64_t id, json_t **out,
                           struct hl_error *err)
{
    return store_entity_get_rows(ctx->db, ent, id, svc_scope_person(ctx, ent),
                                 manager_role_rows(ctx, ent), out, err);
}

/* Every reference in values must name an existing record of the right entity. */
static enum hl_err check_refs(struct svc_ctx *ctx, const struct entity *ent, const json_t *values,
                              struct hl_error *err)
{
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        json_t *v = json_object_get(values, f->name);
        if (f->type != FT_REF || !json_is_integer(v))
            continue;
        bool exists;
        enum hl_err e = store_entity_exists(ctx->db, f->ref, json_integer_value(v), &exists, err);
        if (e != HL_OK)
            return e;
        if (!exists)
            return hl_fail(err, HL_ERR_INVALID, f->name, "%s: no %s with id %lld", f->name,
                           f->ref->name, (long long)json_integer_value(v));
    }
    return HL_OK;
}

enum hl_err svc_entity_create_as(struct svc_ctx *ctx, const struct entity *ent, const json_t *body,
                                 const json_t *system, json_t **out, struct hl_error *err)
{
    enum hl_err e = entity_validate_input(ent, body, true, err);
    if (e != HL_OK)
        return e;
    if ((e = may_write(ctx, ent, body, err)) != HL_OK)
        return e;
    json_t *values = json_copy((json_t *)body);
    if (system)
        json_object_update(values, (json_t *)system);
    json_t *after = NULL;
    int64_t id = 0;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto out;
    if ((e = check_refs(ctx, ent, values, err)) != HL_OK ||
        (ent->check && (e = ent->check(values, err)) != HL_OK) ||
        (ent->check_ctx && (e = ent->check_ctx(ctx, NULL, values, err)) != HL_OK) ||
        (e = store_entity_insert(ctx->db, ent, values, &id, err)) != HL_OK ||
        (e = store_entity_get(ctx->db, ent, id, &after, err)) != HL_OK ||
        (e = svc_audit(ctx, "create", ent->name, id, NULL, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK) {
        db_rollback(ctx->db);
        goto out;
    }
out:
    json_decref(values);
    if (e == HL_OK && out)
        *out = after;
    else
        json_decref(after);
    return e;
}

enum hl_err svc_entity_create(struct svc_ctx *ctx, const struct entity *ent, const json_t *body,
                              json_t **out, struct hl_error *err)
{
    return svc_entity_create_as(ctx, ent, body, NULL, out, err);
}

/* A table-driven entity as a record kind of the one update path (svc_record.h). */
struct entity_arg {
    const struct entity *ent;
    bool client; /* a client's change (the entity's may_change applies), not Haldus's own */
};

static enum hl_err entity_load(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                               struct hl_error *err)
{
    const struct entity *ent = ((const struct entity_arg *)arg)->ent;
    enum hl_err e = store_entity_get_scoped(ctx->db, ent, id, svc_scope_person(ctx, ent), rec, err);
    if (e == HL_OK && (e = may_write(ctx, ent, *rec, err)) != HL_OK) {
        json_decref(*rec);
        *rec = NULL;
    }
    return e;
}

static enum hl_err entity_check(struct svc_ctx *ctx, const void *arg, const json_t *before,
                                const json_t *changes, const json_t *merged, struct hl_error *err)
{
    const struct entity_arg *a = arg;
    enum hl_err e = HL_OK;
    if (a->client && a->ent->may_change && (e = a->ent->may_change(before, false, err)) != HL_OK)
        return e;
    if ((e = check_refs(ctx, a->ent, changes, err)) != HL_OK)
        return e;
    if (a->ent->check && (e = a->ent->check(merged, err)) != HL_OK)
        return e;
    return a->client && a->ent->check_ctx ? a->ent->check_ctx(ctx, before, merged, err) : HL_OK;
}

static enum hl_err entity_save(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                               const json_t *changes, const json_t *merged, struct hl_error *err)
{
    (void)merged;
    return store_entity_update(ctx->db, ((const struct entity_arg *)arg)->ent, id, version, changes,
                               err);
}

static enum hl_err update_tx(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                             int64_t if_match, const json_t *changes, const char *action,
                             bool client, json_t **out, struct hl_error *err)
{
    const struct record_kind kind = {
        .name = ent->name, .load = entity_load, .check = entity_check, .save = entity_save};
    const struct entity_arg arg = {ent, client};
    return svc_record_update(ctx, &kind, &arg, id, if_match, client, changes, action, out, err);
}

enum hl_err svc_entity_update(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                              int64_t if_match, const json_t *body, json_t **out,
                              struct hl_error *err)
{
    enum hl_err e = entity_validate_input(ent, body, false, err);
    if (e != HL_OK)
        return e;
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "send If-Match with the version you read, so no one's change is lost");
    return update_tx(ctx, ent, id, if_match, body, "update", true, out, err);
}

enum hl_err svc_entity_set_system(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                                  int64_t if_match, const json_t *changes, const char *action,
                                  json_t **out, struct hl_error *err)
{
    return update_tx(ctx, ent, id, if_match, changes, action, false, out, err);
}

enum hl_err svc_entity_delete(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                              int64_t if_match, struct hl_error *err)
{
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "send If-Match with the version you read, so no one's change is lost");
    json_t *before = NULL;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    if ((e = store_entity_get_scoped(ctx->db, ent, id, svc_scope_person(ctx, ent), &before, err)) !=
            HL_OK ||
        (e = may_write(ctx, ent, before, err)) != HL_OK)
        goto fail;
    int64_t version = json_integer_value(json_object_get(before, "version"));
    if (if_match != version) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the %s was changed by someone else (you sent version %lld, it is now %lld)",
                    ent->name, (long long)if_match, (long long)version);
        goto fail;
    }
    if ((ent->may_change && (e = ent->may_change(before, true, err)) != HL_OK) ||
        (e = store_entity_delete(ctx->db, ent, id, err)) != HL_OK ||
        (e = svc_audit(ctx, "delete", ent->name, id, before, NULL, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_decref(before);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(before);
    return e;
}

enum hl_err svc_entity_import(struct svc_ctx *ctx, const struct entity *ent, const json_t *rows,
                              size_t *failed, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        if ((e = svc_entity_create(ctx, ent, row, NULL, err)) != HL_OK) {
            *failed = i;
            db_rollback(ctx->db);
            return e;
        }
    }
    if ((e = db_commit(ctx->db, err)) != HL_OK) {
        *failed = json_array_size(rows);
        db_rollback(ctx->db);
    }
    return e;
}
