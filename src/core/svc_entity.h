/* svc_entity.h: create, read, update and delete of any table-driven entity, with validation,
 * one transaction per call and an audit-log row per change. */
#ifndef HL_SVC_ENTITY_H
#define HL_SVC_ENTITY_H

#include "entity.h"
#include "store_entity.h"
#include "svc.h"
#include "svc_record.h"

/* The person whose view limits ctx on ent: 0 when nothing is hidden (managers, admins, the
 * CLI, catalog entities). */
int64_t svc_scope_person(const struct svc_ctx *ctx, const struct entity *ent);

/* Whether ctx acts on ent's rows as a manager (reads all, changes all, takes managers' workflow
 * actions): the CLI and managers; admins too, except on a confidential entity, where an admin
 * is no more than the person their account is linked to. */
bool svc_acts_as_manager(const struct svc_ctx *ctx, const struct entity *ent);

/* The SQL condition on the row (alias t) that ctx must also meet on ent's rows beyond its
 * scope: ent->manager_role_rows for an account without the manager role, else NULL (every
 * row). For a domain's own counts and bulk changes, which must skip what get and list hide. */
const char *svc_rows_condition(const struct svc_ctx *ctx, const struct entity *ent);

/* A stand-in's rights on one row (svc_entity_standin): the lifted account and context. */
struct svc_standin {
    struct account who;
    struct svc_ctx ctx;
};

/* When ctx's account is not a manager's but may decide row id of ent in a manager's place
 * (ent->vis.standin, today), *as is a context with a manager's rights on the records — as
 * ROLE_ADMIN, so not the manager role's view of confidential entities — in the account's own
 * name, held in *keep; otherwise *as is ctx. */
enum hl_err svc_entity_standin(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                               struct svc_standin *keep, struct svc_ctx **as, struct hl_error *err);

enum hl_err svc_entity_list(struct svc_ctx *ctx, const struct entity *ent,
                            const struct list_query *q, json_t **items, bool *more,
                            struct hl_error *err);
/* The same page as JSON text appended to out (see store_entity_list_text). */
enum hl_err svc_entity_list_text(struct svc_ctx *ctx, const struct entity *ent,
                                 const struct list_query *q, struct buf *out, int64_t *last_id,
                                 bool *more, struct hl_error *err);
enum hl_err svc_entity_get(struct svc_ctx *ctx, const struct entity *ent, int64_t id, json_t **out,
                           struct hl_error *err);

/* Creates from a client's body; *out (may be NULL) receives the stored record. */
enum hl_err svc_entity_create(struct svc_ctx *ctx, const struct entity *ent, const json_t *body,
                              json_t **out, struct hl_error *err);

/* As svc_entity_create, but `system` may set read-only fields (status, source …) that
 * Haldus itself decides; body is still checked field by field. */
enum hl_err svc_entity_create_as(struct svc_ctx *ctx, const struct entity *ent, const json_t *body,
                                 const json_t *system, json_t **out, struct hl_error *err);

/* Applies body's fields when the record's version is if_match (HL_ERR_STALE otherwise;
 * HL_ERR_PRECONDITION when if_match is IF_MATCH_NONE). */
enum hl_err svc_entity_update(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                              int64_t if_match, const json_t *body, json_t **out,
                              struct hl_error *err);

/* Writes read-only fields on behalf of a use case (status changes); checks the version
 * when if_match is not IF_MATCH_NONE and writes the audit row with `action`. */
enum hl_err svc_entity_set_system(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                                  int64_t if_match, const json_t *changes, const char *action,
                                  json_t **out, struct hl_error *err);

/* Creates every record of rows (an array of bodies) in one transaction: all or nothing. On
 * failure *failed is the index of the row that was refused and *err says why. */
enum hl_err svc_entity_import(struct svc_ctx *ctx, const struct entity *ent, const json_t *rows,
                              size_t *failed, struct hl_error *err);

enum hl_err svc_entity_delete(struct svc_ctx *ctx, const struct entity *ent, int64_t id,
                              int64_t if_match, struct hl_error *err);

#endif
