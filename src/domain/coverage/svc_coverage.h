/* svc_coverage.h: the coverage use cases: the board, planning a range with either engine,
 * accepting and replacing covers, the planner's settings, and the LP export. */
#ifndef HL_SVC_COVERAGE_H
#define HL_SVC_COVERAGE_H

#include "svc.h"

#include <jansson.h>
#include <stdio.h>

#define COVERAGE_MAX_DAYS 400

/* Checks a range of local days: from ≤ to, at most COVERAGE_MAX_DAYS days. */
enum hl_err coverage_check_range(int64_t from_day, int64_t to_day, struct hl_error *err);

/* A board page holds at most this many principal-days (principals × days of the range), and
 * at most COVERAGE_BOARD_MAX_PRINCIPALS principals: the work and memory of one request are
 * bounded whatever the organisation's size. */
#define COVERAGE_BOARD_MAX_CELLS      20000
#define COVERAGE_BOARD_MAX_PRINCIPALS 500
/* GET /coverage/covers: the page size when the caller names none (the list maximum). */
#define COVERAGE_COVERS_MAX_PAGE 500

/* The number of principals a page of a range of `days` days holds when the caller names none. */
int coverage_board_default_limit(int64_t days);

/* One page of the board of principals × days (see docs/api.md): the active principals after
 * id `after`, at most `limit` of them (0: coverage_board_default_limit); office/department may
 * be NULL. HL_ERR_TOO_LARGE (field limit) when limit × days passes COVERAGE_BOARD_MAX_CELLS.
 * *next_after is the id to continue after, 0 on the last page. */
enum hl_err svc_coverage_board(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                               const char *office, const char *department, int64_t after, int limit,
                               json_t **out, int64_t *next_after, struct hl_error *err);

/* Plans the gaps of the range with engine "fast" or "exact", saves the plan and its
 * proposed covers, and answers it. */
enum hl_err svc_coverage_plan(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                              const char *engine, json_t **out, struct hl_error *err);

/* As svc_coverage_plan, but the answer is written as JSON text through write (Jansson's dump
 * callback; flags as json_dumpf's): the same text json_dumpf gives svc_coverage_plan's answer,
 * made one cover at a time, so that the answer of a year of a large organisation is never held
 * in memory as a whole. Nothing is written unless the plan was saved; *plan_id (may be NULL)
 * is the saved plan's id. HL_ERR_IO when write fails (the plan is saved). */
enum hl_err svc_coverage_plan_write(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                                    const char *engine, size_t flags, json_dump_callback_t write,
                                    void *data, int64_t *plan_id, struct hl_error *err);

/* Accepts the plan's proposed covers (all, or the ids in cover_ids); HL_ERR_CONFLICT when
 * the data changed since the plan was computed. */
enum hl_err svc_coverage_accept(struct svc_ctx *ctx, int64_t plan_id, const json_t *cover_ids,
                                json_t **out, struct hl_error *err);

/* Replaces the assistant of one cover, refusing (HL_ERR_INVALID, naming the rule) a choice
 * that breaks a hard rule. */
enum hl_err svc_coverage_replace(struct svc_ctx *ctx, int64_t cover_id, int64_t if_match,
                                 int64_t assistant_id, json_t **out, struct hl_error *err);

/* A page of the proposed and accepted covers touching the local days [from_day, to_day], of
 * one assistant (0: all), in id order after id `after`, at most `limit` (*more when more
 * follow); an assistant always gets the covers they take, a principal the covers they get. */
enum hl_err svc_coverage_covers(struct svc_ctx *ctx, int64_t assistant_id, int64_t from_day,
                                int64_t to_day, int64_t after, int limit, json_t **items,
                                bool *more, struct hl_error *err);

/* How long the engine may take at most, in seconds (the exact engine's time limit); 0 when
 * it has no limit of its own (the fast engine). For progress displays. */
double svc_coverage_time_budget(const char *engine);

/* Writes the range's planning model in CPLEX LP format. */
enum hl_err svc_coverage_export_lp(struct svc_ctx *ctx, int64_t from_day, int64_t to_day, FILE *out,
                                   struct hl_error *err);

/* {"slot_minutes", "weights": {…}, "version"} and its update (If-Match on version). */
enum hl_err svc_planner_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_planner_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                        json_t **out, struct hl_error *err);

/* The local days (in the person's zone) an absence touches, and whose absence it is. */
enum hl_err svc_coverage_absence_days(struct svc_ctx *ctx, int64_t absence_id, int64_t *from_day,
                                      int64_t *to_day, int64_t *person, struct hl_error *err);

/* What approving the absence would do, without saving anything: for the principals the person
 * supports, the covers the planner would propose and the gaps it would leave open (with why).
 * {absence_id, person_id, status, from, to, covers[], open_gaps[]}. */
enum hl_err svc_coverage_impact(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                struct hl_error *err);

/* Plans the days of an absence for the principals the absent person supports. */
enum hl_err svc_coverage_plan_absence(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                      struct hl_error *err);

/* The end-to-end validator: checks the plan's proposed and accepted covers against the hard
 * rules by reading the database itself (its own SQL, not the planner's model): the backup is an
 * active assistant who works every slot of the cover (work_pattern in their zone) and has no
 * approved absence in it; the principal is active, works it and is not away; every must-have
 * skill level is met; the assistant's load (own principals at work, accepted covers, this
 * plan's covers) stays within capacity throughout; and the cover fills a gap (no own assistant
 * of the principal works the slot and is present; no accepted cover of another plan holds it).
 * {plan_id, covers_checked, violations: [{cover_id, rule, message}]}. */
enum hl_err svc_coverage_verify(struct svc_ctx *ctx, int64_t plan_id, json_t **out,
                                struct hl_error *err);

/* After an absence is cancelled: supersedes the proposed and accepted covers of the principals
 * the person supports that overlap it and are no longer needed (every slot of theirs is covered
 * by an own assistant again), audits each release, and tells each of those principals (a
 * "notify" row in the audit log). {released_covers: [...], notified_principal_ids: [...]}. */
enum hl_err svc_coverage_release(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                                 struct hl_error *err);

/* "Pick another assistant" for a cover: every active assistant, ranked by what the planner's
 * cost function charges for them on the cover's gap slots (pair cost × slots + the fairness it
 * adds), with each one's supported hours in the executive's local week; those who cannot take
 * it are listed apart with the reason (a missing must-have skill, away, off duty, at capacity,
 * with the time in the executive's zone). At most `limit` of each list; the counts are whole. */
enum hl_err svc_coverage_candidates(struct svc_ctx *ctx, int64_t cover_id, int limit, json_t **out,
                                    struct hl_error *err);

#endif
