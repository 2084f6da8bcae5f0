/* svc_record.c: the one path of every change to a versioned, audited record (svc_record.h). */
#include "svc_record.h"
#include "buf.h"

#include <string.h>

enum hl_err record_validate(const struct field *fields, size_t nfields, const char *kind,
                            const json_t *changes, struct hl_error *err)
{
    if (!json_is_object(changes))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)changes, key, v)
    {
        const struct field *f = NULL;
        for (size_t i = 0; i < nfields && !f; i++)
            if (strcmp(fields[i].name, key) == 0)
                f = &fields[i];
        if (!f) {
            struct buf names;
            buf_init(&names, 0);
            for (size_t i = 0; i < nfields; i++)
                buf_printf(&names, "%s%s", i ? ", " : "", fields[i].name);
            enum hl_err e = hl_fail(err, HL_ERR_INVALID, key,
                                    "unknown field %.60s; a change of %s %s may carry %s", key,
                                    strchr("aeiou", kind[0]) ? "an" : "a", kind, names.data);
            buf_cleanup(&names);
            return e;
        }
        if (json_is_null(v) && (f->flags & F_NULLABLE))
            continue;
        enum hl_err e = field_validate(f, v, err);
        if (e != HL_OK)
            return e;
    }
    return HL_OK;
}

enum hl_err svc_record_update(struct svc_ctx *ctx, const struct record_kind *k, const void *arg,
                              int64_t id, int64_t if_match, bool require_if_match,
                              const json_t *changes, const char *action, json_t **out,
                              struct hl_error *err)
{
    enum hl_err e;
    if (k->fields && (e = record_validate(k->fields, k->nfields, k->name, changes, err)) != HL_OK)
        return e;
    if (require_if_match && if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, NULL,
                       "send If-Match with the version you read, so no one's change is lost");
    json_t *before = NULL, *after = NULL, *merged = NULL;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    if ((e = k->load(ctx, arg, id, &before, err)) != HL_OK)
        goto fail;
    int64_t version = json_integer_value(json_object_get(before, "version"));
    if (if_match != IF_MATCH_NONE && if_match != version) {
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the %s was changed by someone else (you sent version %lld, it is now %lld); "
                    "reload it and try again",
                    k->name, (long long)if_match, (long long)version);
        goto fail;
    }
    merged = json_deep_copy(before);
    json_object_update(merged, (json_t *)changes);
    if ((k->check && (e = k->check(ctx, arg, before, changes, merged, err)) != HL_OK) ||
        (e = k->save(ctx, arg, id, version, changes, merged, err)) != HL_OK ||
        (e = k->load(ctx, arg, id, &after, err)) != HL_OK ||
        (e = svc_audit(ctx, action, k->name, id, before, after, err)) != HL_OK ||
        (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    json_decref(before);
    json_decref(merged);
    if (out)
        *out = after;
    else
        json_decref(after);
    return HL_OK;
fail:
    db_rollback(ctx->db);
    json_decref(before);
    json_decref(merged);
    json_decref(after);
    return e;
}
