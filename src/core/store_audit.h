/* store_audit.h: the audit log: one row per mutation, with the record before and after. */
#ifndef HL_STORE_AUDIT_H
#define HL_STORE_AUDIT_H

#include "db.h"

#include <jansson.h>

/* before/after may be NULL (create, delete); account_id 0 when no account acted (CLI). */
enum hl_err store_audit_insert(struct db *db, const char *actor, int64_t account_id,
                               const char *action, const char *entity, int64_t entity_id,
                               const json_t *before, const json_t *after, struct hl_error *err);

/* Newest first: rows with id < before_id (0: from the newest), optionally of one entity
 * (and one id of it) and of one account (0: any). *items receives a new array; *more
 * whether rows follow. Rows whose entity is named in `hidden` (a JSON array of names, may be
 * NULL) are left out. */
enum hl_err store_audit_list(struct db *db, const char *entity, int64_t entity_id,
                             int64_t account_id, int64_t before_id, int limit, const json_t *hidden,
                             json_t **items, bool *more, struct hl_error *err);

#endif
