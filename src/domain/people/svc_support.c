/* svc_support.c: the "who supports whom" views, read in one transaction. */
#include "svc_support.h"
#include "absence.h"
#include "people.h"
#include "store_entity.h"
#include "store_support.h"
#include "svc_entity.h"

static enum hl_err support_view(struct svc_ctx *ctx, bool principal, int64_t id, const char *date,
                                json_t **out, struct hl_error *err)
{
    json_t *who = NULL, *list = NULL, *backups = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    const struct entity *ent = principal ? &ent_principal : &ent_assistant;
    if ((e = store_entity_get_scoped(ctx->db, ent, id, svc_scope_person(ctx, ent), &who, err)) !=
            HL_OK ||
        (e = store_support_on(ctx->db, principal, id, date, &list, err)) != HL_OK ||
        (principal && (e = store_designated_backups(ctx->db, id, &backups, err)) != HL_OK)) {
        db_rollback(ctx->db);
        json_decref(who);
        json_decref(list);
        return e;
    }
    /* An assistant's other principals are not a principal's business: keep only the
     * principals the caller may see. */
    int64_t scope = svc_scope_person(ctx, &ent_person);
    if (!principal && scope) {
        for (size_t i = json_array_size(list); i-- > 0;) {
            json_t *rec = NULL;
            int64_t pid =
                json_integer_value(json_object_get(json_array_get(list, i), "principal_id"));
            struct hl_error ignore;
            if (store_entity_get_scoped(ctx->db, &ent_person, pid, scope, &rec, &ignore) != HL_OK)
                json_array_remove(list, i);
            json_decref(rec);
        }
    }
    db_rollback(ctx->db); /* read only: nothing to commit */
    *out = json_pack("{so ss so}", principal ? "principal" : "assistant", who, "date", date,
                     principal ? "supporters" : "principals", list);
    if (backups)
        json_object_set_new(*out, "designated_backups", backups);
    return HL_OK;
}

enum hl_err svc_supporters(struct svc_ctx *ctx, int64_t principal_id, const char *date,
                           json_t **out, struct hl_error *err)
{
    return support_view(ctx, true, principal_id, date, out, err);
}

enum hl_err svc_principals_of(struct svc_ctx *ctx, int64_t assistant_id, const char *date,
                              json_t **out, struct hl_error *err)
{
    return support_view(ctx, false, assistant_id, date, out, err);
}
