/* svc.h: what every use case receives: the connection and who is acting. */
#ifndef HL_SVC_H
#define HL_SVC_H

#include "account.h"
#include "db.h"

#include <jansson.h>
#include <stdbool.h>

struct svc_ctx {
    struct db *db;
    const char *actor;         /* written to the audit log: the login, or "cli", "demo" */
    const struct account *who; /* the signed-in account; NULL for the CLI (full rights) */
};

/* The audit log, newest first; entity may be NULL, entity_id and account_id 0 for all. */
enum hl_err svc_audit_list(struct svc_ctx *ctx, const char *entity, int64_t entity_id,
                           int64_t account_id, int64_t before_id, int limit, json_t **items,
                           bool *more, struct hl_error *err);

/* Writes one audit row for a change made by ctx's actor. */
enum hl_err svc_audit(struct svc_ctx *ctx, const char *action, const char *entity, int64_t id,
                      const json_t *before, const json_t *after, struct hl_error *err);

#endif
