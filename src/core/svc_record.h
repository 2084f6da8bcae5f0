/* svc_record.h: the one path of every change to a versioned, audited record — table-driven
 * entities, accounts, covers and settings alike: If-Match (428 without, 412 when stale, checked
 * again by the store's UPDATE … WHERE version = ?), field validation naming the field, the
 * record's rules on the merged result, one transaction, and an audit row with the full before
 * and after. */
#ifndef HL_SVC_RECORD_H
#define HL_SVC_RECORD_H

#include "entity.h"
#include "svc.h"

#define IF_MATCH_NONE (-1) /* no If-Match was sent */

struct record_kind {
    const char *name; /* "account": in messages and the audit log's entity column */
    /* The fields a change may carry, validated one by one (type, range, choices); an unknown
     * field is refused naming it. NULL: the caller validated the change already. */
    const struct field *fields;
    size_t nfields;
    /* The current record as JSON with its "version" (HL_ERR_NOT_FOUND when absent or not the
     * caller's to see). The caller frees *rec. */
    enum hl_err (*load)(struct svc_ctx *ctx, const void *arg, int64_t id, json_t **rec,
                        struct hl_error *err);
    /* Rules on the change (before, the changes, the merged record); may be NULL. */
    enum hl_err (*check)(struct svc_ctx *ctx, const void *arg, const json_t *before,
                         const json_t *changes, const json_t *merged, struct hl_error *err);
    /* Writes the changes when the stored version is still `version` (HL_ERR_STALE when not),
     * bumping it. */
    enum hl_err (*save)(struct svc_ctx *ctx, const void *arg, int64_t id, int64_t version,
                        const json_t *changes, const json_t *merged, struct hl_error *err);
};

/* Applies `changes` to record id of kind k (arg is passed to the hooks). When require_if_match
 * and if_match is IF_MATCH_NONE: HL_ERR_PRECONDITION. A stale if_match: HL_ERR_STALE. Writes one
 * audit row with `action`. Nests in the caller's transaction (savepoint). *out (may be NULL)
 * receives the record after the change. Nothing is changed on failure. */
enum hl_err svc_record_update(struct svc_ctx *ctx, const struct record_kind *k, const void *arg,
                              int64_t id, int64_t if_match, bool require_if_match,
                              const json_t *changes, const char *action, json_t **out,
                              struct hl_error *err);

/* Checks that changes is an object whose members are all among fields and valid for them. */
enum hl_err record_validate(const struct field *fields, size_t nfields, const char *kind,
                            const json_t *changes, struct hl_error *err);

#endif
