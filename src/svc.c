/* svc.c: use cases that belong to no single entity: the audit log. */
#include "svc.h"
#include "store_audit.h"

enum hl_err svc_audit_list(struct svc_ctx *ctx, const char *entity, int64_t entity_id,
                           int64_t before_id, int limit, json_t **items, bool *more,
                           struct hl_error *err)
{
    return store_audit_list(ctx->db, entity, entity_id, before_id, limit, items, more, err);
}
