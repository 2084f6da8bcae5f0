/* svc_workbench.h: the manager's workbench: flags (executives without support, assistants over
 * capacity or contracted hours), the designated-backup list replaced at once, and the coverage
 * effect of a proposed change computed without saving it. */
#ifndef HL_SVC_WORKBENCH_H
#define HL_SVC_WORKBENCH_H

#include "svc.h"

#include <jansson.h>

/* Longest window the flags and the preview look at, in days. */
#define WORKBENCH_MAX_DAYS 92

/* {from, to, unsupported[], overloaded[]} for the local days [from_day, to_day] (see
 * store_workbench.h for the items). */
enum hl_err svc_support_flags(struct svc_ctx *ctx, int64_t from_day, int64_t to_day, json_t **out,
                              struct hl_error *err);

/* {principal_id, version, items: [{id, assistant_id, rank, name, office}]}: version is the
 * list's own version (changes whenever a row is added, removed or changed), for If-Match. */
enum hl_err svc_backups_get(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                            struct hl_error *err);

/* svc_backups_get inside the caller's transaction (role fit adds a backup through it). */
enum hl_err svc_backups_read(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                             struct hl_error *err);

/* Replaces the principal's designated backups by assistant_ids (in rank order, 0–20 distinct
 * assistants) in one transaction; if_match is the list's version (HL_ERR_PRECONDITION when
 * IF_MATCH_NONE, HL_ERR_STALE when old). *out is the new list as svc_backups_get. */
enum hl_err svc_backups_set(struct svc_ctx *ctx, int64_t principal_id, int64_t if_match,
                            const json_t *assistant_ids, json_t **out, struct hl_error *err);

/* {person_id, version, items: [{id, weekday, start_time, end_time, valid_from, valid_to,
 * version}]}: a person's working hours with the list's version, for If-Match. */
enum hl_err svc_week_get(struct svc_ctx *ctx, int64_t person_id, json_t **out,
                         struct hl_error *err);

/* New weekly hours from a date on: body {valid_from, intervals: [{weekday, start_time,
 * end_time}]} (0–50 intervals). In one transaction the rows in force on or after valid_from end
 * the day before it (or go, when they begin on or after it) and the intervals are added from
 * valid_from, open-ended. if_match is the list's version (428 / 412 as svc_backups_set). *out
 * is the new list as svc_week_get. */
enum hl_err svc_week_set(struct svc_ctx *ctx, int64_t person_id, int64_t if_match,
                         const json_t *body, json_t **out, struct hl_error *err);

/* The coverage effect of one change, computed by making it inside a transaction that is then
 * rolled back, so it agrees with saving it. change: {entity: "assignments" | "work-patterns" |
 * "designated-backups", action: "create" | "update" | "delete", id, version, values}. For each
 * principal the change touches over [from_day, to_day]: support before and after (the first
 * day without a primary assistant, and when it returns) and the gap slots per day. */
enum hl_err svc_support_preview(struct svc_ctx *ctx, const json_t *changes, int64_t from_day,
                                int64_t to_day, json_t **out, struct hl_error *err);

#endif
