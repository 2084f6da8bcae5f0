/* svc_mediation.h: the use cases of mediation cases. Who may see a case is decided once, by
 * the case entity's `parties` visibility (store_entity.c); a case that is not the caller's to
 * see fails exactly like one that does not exist (HL_ERR_NOT_FOUND). Every read is audited. */
#ifndef HL_SVC_MEDIATION_H
#define HL_SVC_MEDIATION_H

#include "svc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* A page of the cases the caller may see (status NULL: any), each with its parties. */
enum hl_err svc_case_list(struct svc_ctx *ctx, const char *status, int64_t after, int limit,
                          json_t **items, bool *more, struct hl_error *err);

/* Opens a case. A manager (or the CLI) gives {category, severity?, summary?, parties:
 * [{person_id, may_view?}] or [id …]} with at least one assistant and one executive; an
 * assistant or executive raises one {about, category, severity?, statement} about a person of
 * the other kind: they are its parties, the raiser may view it, the other not until a manager
 * allows; the statement is an entry only its author and managers read. */
enum hl_err svc_case_create(struct svc_ctx *ctx, const json_t *body, json_t **out,
                            struct hl_error *err);

/* The case with its parties, and the entries, sessions and actions the caller may see. */
enum hl_err svc_case_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);

/* A manager's change of category, severity, summary or review_date (If-Match). */
enum hl_err svc_case_update(struct svc_ctx *ctx, int64_t id, int64_t if_match, const json_t *body,
                            json_t **out, struct hl_error *err);

/* {kind?, visibility?, body}: managers add any kind with any visibility (default manager);
 * a party who may view the case adds statements for the author or for all parties. */
enum hl_err svc_case_entry_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                               struct hl_error *err);

/* {person_id, may_view?}: adds a party or changes whether they may view the case. */
enum hl_err svc_case_party_set(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                               struct hl_error *err);

/* {start_at, end_at, attendees: [party ids], location?}: a session titled neutrally. */
enum hl_err svc_case_session_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                 struct hl_error *err);

/* {description, owner_id?, due_date}: an agreed action. */
enum hl_err svc_case_action_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                struct hl_error *err);
/* {done}: with If-Match of the action's version. An action of a case the caller may not see
 * is HL_ERR_NOT_FOUND like one that does not exist. */
enum hl_err svc_case_action_update(struct svc_ctx *ctx, int64_t action_id, int64_t if_match,
                                   const json_t *body, json_t **out, struct hl_error *err);

/* Retention: {retention_days, version}. */
enum hl_err svc_mediation_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_mediation_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                          json_t **out, struct hl_error *err);
/* Closed cases past the retention period lose their entries, sessions, actions and texts;
 * a stub (parties, category, dates, outcome) remains. *n receives how many. */
enum hl_err svc_case_purge(struct svc_ctx *ctx, int *n, struct hl_error *err);
/* The domain's periodic work (struct domain's tick): the retention purge. */
enum hl_err tick_mediation(struct svc_ctx *ctx, char **summary, struct hl_error *err);

/* `haldus check`: the key of $HALDUS_CASE_KEY_FILE opens every sealed entry (or none are
 * sealed and no key is set). *report gets one line for the check's output (malloc'd; the
 * caller frees it). */
enum hl_err svc_mediation_check(struct svc_ctx *ctx, char **report, struct hl_error *err);

#define MEDIATION_RETENTION_DEFAULT 730 /* days a closed case keeps its entries */

#endif
