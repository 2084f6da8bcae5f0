/* svc.c: use cases that belong to no single entity: the audit log. */
#include "svc.h"
#include "domain.h"
#include "store_audit.h"

enum hl_err svc_audit_list(struct svc_ctx *ctx, const char *entity, int64_t entity_id,
                           int64_t account_id, int64_t before_id, int limit, json_t **items,
                           bool *more, struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "the audit log is for managers and admins");
    /* The rows about confidential entities are for the manager role only (entity.h). */
    json_t *hidden = json_array();
    struct domain_iter it = {0};
    for (const struct entity *ent;
         ctx->who && ctx->who->role != ROLE_MANAGER && (ent = domain_entity_next(&it));)
        if (ent->vis.confidential)
            json_array_append_new(hidden, json_string(ent->name));
    enum hl_err e = store_audit_list(ctx->db, entity, entity_id, account_id, before_id, limit,
                                     hidden, items, more, err);
    json_decref(hidden);
    return e;
}

enum hl_err svc_audit(struct svc_ctx *ctx, const char *action, const char *entity, int64_t id,
                      const json_t *before, const json_t *after, struct hl_error *err)
{
    return store_audit_insert(ctx->db, ctx->actor ? ctx->actor : "system",
                              ctx->who ? ctx->who->id : 0, action, entity, id, before, after, err);
}
