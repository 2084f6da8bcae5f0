/* desk.h: the desk domain (issue 10, part 1) — the desk work of assistants: tasks and the
 * manager's week plan, phone messages taken for an executive, the correspondence register, an
 * assistant's day, and the handover of an absent assistant's tasks to the covering assistant. */
#ifndef HL_DESK_H
#define HL_DESK_H

#include "domain.h"
#include "entity.h"
#include "svc.h"
#include "workflow.h"

#include <jansson.h>
#include <stdint.h>

extern const struct entity ent_task;
extern const struct entity ent_phone_message;
extern const struct entity ent_correspondence;
extern const struct workflow wf_task;
extern const struct workflow wf_correspondence;
extern const struct domain domain_desk;

/* The most occurrences of one recurring task expanded into a range. */
#define DESK_MAX_OCCURRENCES 400
/* The most recent callers suggested at once. */
#define DESK_MAX_CALLERS 10
/* The longest range the week plan answers, in days. */
#define DESK_MAX_PLAN_DAYS 31

/* Where a correspondence reply due on due (YYYY-MM-DD) stands for a handler in zone (NULL or
 * unknown: UTC) at now: overdue once its due day has ended there, due today on it, later before
 * it (and for a due that is not a date). today >= 0: that day number instead of zone's today.
 * The overdue mail (desk_tick) and the manager's Today page both hold replies to this. */
enum desk_reply { DESK_REPLY_LATER, DESK_REPLY_TODAY, DESK_REPLY_OVERDUE };
enum desk_reply desk_reply_state(const char *due, const char *zone, int64_t now, int64_t today);

/* Checks an RRULE text (RFC 5545 RECUR, e.g. "FREQ=WEEKLY;BYDAY=MO") with libical: a
 * frequency of DAILY or slower, nothing libical refuses. */
enum hl_err desk_rrule_check(const char *rrule, const char *field, struct hl_error *err);

/* The due instants of a task in [from, to): its due_at when it has no rule, else every
 * occurrence of the rule started at due_at, expanded in the local time of zone (so "every
 * Monday 09:00" stays 09:00 across DST). At most max; returns the count. */
size_t desk_occurrences(int64_t due_at, const char *rrule, const char *zone, int64_t from,
                        int64_t to, int64_t *out, size_t max);

/* Whether assistant serves principal now: an assignment valid today or an accepted cover that
 * has not ended (the links of the desk's visibility). */
enum hl_err desk_serves(struct svc_ctx *ctx, int64_t assistant, int64_t principal, bool *yes,
                        struct hl_error *err);

/* The week plan of the days [from_day, to_day] (UTC day numbers of the assistants' local days)
 * for every active assistant, or one (assistant > 0); managers only. */
enum hl_err svc_desk_week_plan(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                               int64_t assistant, json_t **out, struct hl_error *err);

/* What moving task_id to (assistant, due_at) does to the week plans of the assistant it leaves
 * and the one it goes to, without saving: {"task", "before": [..], "after": [..]}. The same
 * computation the week plan runs after the PATCH. */
enum hl_err svc_desk_move_preview(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err);

/* "My day": an assistant's tasks, waiting phone messages and overdue or due correspondence of
 * the day, for their executives and the ones they cover that day. */
enum hl_err svc_desk_my_day(struct svc_ctx *ctx, int64_t assistant, int64_t day, json_t **out,
                            struct hl_error *err);

/* Marks a phone message done: its executive, an assistant who serves them, or a manager. */
enum hl_err svc_desk_message_done(struct svc_ctx *ctx, int64_t id, int64_t if_match, json_t **out,
                                  struct hl_error *err);

/* The recent callers whose name or organisation starts with q (ASCII letters in either case),
 * among the messages of the last 180 days ctx may see: each caller and organisation once, with
 * the phone and e-mail of their newest message, newest first, at most DESK_MAX_CALLERS. */
enum hl_err svc_desk_callers(struct svc_ctx *ctx, const char *q, json_t **out,
                             struct hl_error *err);

/* POST /api/v1/tasks/{id}/occurrence {due_at, status}: the status of one occurrence of a
 * recurring task ("done for this Monday"), the series untouched; its assistant or a manager
 * (If-Match, optional, the task's version).
 * *out is {task_id, due_at, status, status_at}. */
enum hl_err svc_desk_occurrence_set(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                                    const json_t *body, json_t **out, struct hl_error *err);

/* The open tasks of an absent assistant due in the absence, each with the covering assistant
 * it is proposed to (from the coverage plan's covers of the same executive). */
enum hl_err svc_desk_handover(struct svc_ctx *ctx, int64_t absence_id, json_t **out,
                              struct hl_error *err);

/* Called when the covers of plan_id have been accepted (inside the acceptance's transaction):
 * hands each proposed task over to the cover's assistant. *moved gets the count. */
enum hl_err desk_handover_accepted(struct svc_ctx *ctx, int64_t plan_id, int *moved,
                                   struct hl_error *err);

/* The domain's demo hook (demo_desk.c). */
enum hl_err desk_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);

/* HTTP handlers (api_desk.c). */
struct request;
struct response;
enum hl_err api_desk_week_plan(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_move_preview(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_my_day(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_message_done(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_callers(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_occurrence(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_desk_handover(struct request *req, struct response *res, struct hl_error *err);

/* The domain's periodic work (struct domain's tick): tells each open correspondence item's
 * handler once when its reply due date has passed in the handler's time zone (mail kind
 * correspondence.overdue). */
enum hl_err desk_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err);

#endif
