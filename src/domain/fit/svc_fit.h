/* svc_fit.h: use cases of role fit (issue 14): the best fits for an executive, an assignment
 * made from a fit row, the fit weights; and the pair builder the what-if shares. */
#ifndef HL_SVC_FIT_H
#define HL_SVC_FIT_H

#include "fit_score.h"
#include "store_fit.h"
#include "svc.h"

#include <jansson.h>
#include <stdbool.h>

/* The weights from the settings (the defaults when none are stored); *version 1 for the
 * defaults. version may be NULL. */
enum hl_err svc_fit_weights(struct db *db, struct fit_weights *w, int64_t *version,
                            struct hl_error *err);

/* The score of executive i and assistant j of the pool. */
void fit_pool_score(const struct fit_pool *p, const struct fit_weights *w, size_t i, size_t j,
                    const struct fit_options *o, struct fit_result *r);
/* Why pair (i, j) may not be matched (FIT_FORBID_NONE when it may). */
enum fit_forbid fit_pool_forbidden(const struct fit_pool *p, size_t i, size_t j);

/* A result's terms as JSON, each with its code, points, most points and the numbers behind
 * it (skills and axes named). New reference. */
json_t *fit_terms_json(const struct fit_pool *p, const struct fit_result *r);

/* GET /fit: the ranked best assistants for principal (see docs/api.md). Managers; the
 * executive for themselves (without the history term or the excluded pairs). */
enum hl_err svc_fit_best(struct svc_ctx *ctx, int64_t principal, bool allow_training,
                         int64_t exclude, json_t **out, struct hl_error *err);

/* POST /fit/assign: body {principal_id, assistant_id, kind, start_date, share, allow_training}.
 * Managers. One transaction: the pair's fit is checked (409 missing_skill, incompatible_pair),
 * a new primary ends today's (the day before it starts), the assignment is created through the
 * entity path with source "matcher", and an audit row records the fit and who decided. */
enum hl_err svc_fit_assign(struct svc_ctx *ctx, const json_t *body, json_t **out,
                           struct hl_error *err);

/* POST /fit/backups: body {principal_id, assistant_id}; if_match the designated-backup list's
 * version (428 without, 412 stale). Managers. One transaction: 409 conflict when the assistant
 * already is a designated backup or the primary, 409 incompatible_pair or missing_skill when
 * the pair may not cover; the row is added last (rank n + 1) through the designated-backup
 * entity path, and an audit row records the fit and who decided. *out: {designated_backup,
 * score, backups: the list as GET /principals/{id}/designated-backups}. */
enum hl_err svc_fit_backup(struct svc_ctx *ctx, int64_t if_match, const json_t *body, json_t **out,
                           struct hl_error *err);

/* Makes `assistant` the primary of `principal` from `start` (YYYY-MM-DD): today's primary is
 * ended the day before (deleted when it would start on or after `start`). Inside the caller's
 * transaction; *created is the new assignment (new reference). */
enum hl_err svc_fit_make_primary(struct svc_ctx *ctx, int64_t principal, int64_t assistant,
                                 const char *start, json_t **created, struct hl_error *err);

/* GET /fit/covers: the principal's accepted covers that ended in the last 90 days (at most
 * 100, newest first) with their ratings. Managers: both ratings and the `outcome` the history
 * term counts; the executive themselves: their own rating only. */
enum hl_err svc_fit_covers(struct svc_ctx *ctx, int64_t principal, json_t **out,
                           struct hl_error *err);

/* POST /coverage/covers/{id}/rating: body {outcome: "well" | "badly", note}. A manager rates as
 * "manager", the executive who was covered as "executive"; anyone else 403 (another executive
 * 404). 409 unless the cover was accepted and has ended; changing one's rating needs If-Match
 * with its version (428, 412). Audited (rate / rerate) with who decided. */
enum hl_err svc_fit_rate(struct svc_ctx *ctx, int64_t cover_id, int64_t if_match,
                         const json_t *body, json_t **out, struct hl_error *err);

enum hl_err svc_fit_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_fit_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                    json_t **out, struct hl_error *err);

#endif
