/* svc_match.h: the pool-wide what-if (issue 14): the best assignment of a department's
 * executives (or all) to the assistants with places, as changes against today. */
#ifndef HL_SVC_MATCH_H
#define HL_SVC_MATCH_H

#include "db.h"
#include "err.h"

#include "svc.h"

#include <jansson.h>

/* Read-only. *out: {"department", "executives", "assistants", "total_today", "total_proposed",
 * "gain", "changes": [{"principal_id", "principal", "from_id", "from", "from_fit", "to_id", "to",
 * "to_fit", "gain", "group", "needs"}], "unplaced": [{"principal_id", "principal"}]}; from_id
 * null when the executive has no primary assistant today, "basis": the fingerprint of the
 * assignments it was computed on. Fits are whole numbers 0-100 (fit_score.h). Changes that free
 * places for each other share a "group" (1-based; a group's changes are listed together);
 * "needs" lists the principal_ids of the changes to accept with one (match_groups.h). */
enum hl_err svc_match_proposals(struct db *db, const char *department, json_t **out,
                                struct hl_error *err);

/* Accepts a what-if: body {department, basis, changes: [{principal_id, to_id}]} (changes
 * absent: all of them). Managers. One transaction: the what-if is computed again; 412 when its
 * basis differs (the assignments changed) or a change asked for is no longer proposed; 409
 * conflict when the changes asked for, without the others, would leave an assistant over its
 * places (naming the change that frees one); each change makes to_id the executive's primary
 * from today through the assignment path, and one audit row names the changes and who
 * decided. *out: {"accepted": n, "gain": g, "assignments": [...]}. */
enum hl_err svc_match_accept(struct svc_ctx *ctx, const json_t *body, json_t **out,
                             struct hl_error *err);

#endif
