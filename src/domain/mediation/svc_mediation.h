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

/* {start_at, end_at, attendees: [party ids], location?}: a session titled neutrally, booked by
 * the manager (its organizer); each attendee and the organizer get an invitation with an .ics
 * naming only the title, the time and the place. */
enum hl_err svc_case_session_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                 struct hl_error *err);

/* Find-a-time for a session (managers): {attendees?: [party ids] (default every party), from,
 * to, duration_minutes? (60), step_minutes?, earliest?, latest?, count?} searched across the
 * attendees' and the asking manager's calendars by the meetings domain's search; the answer is
 * its {slots, attendees: [{person_id, name, free}]} with the neutral title. */
enum hl_err svc_case_session_find(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                  struct hl_error *err);

/* The domain's feed hook: the sessions the person attends or organised, titled
 * CASE_SESSION_TITLE, with nothing of the case. */
struct feed_list;
enum hl_err mediation_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                           struct feed_list *out, struct hl_error *err);

/* {description, owner_id?, due_date}: an agreed action. */
enum hl_err svc_case_action_add(struct svc_ctx *ctx, int64_t id, const json_t *body, json_t **out,
                                struct hl_error *err);
/* {done}: with If-Match of the action's version. An action of a case the caller may not see
 * is HL_ERR_NOT_FOUND like one that does not exist. */
enum hl_err svc_case_action_update(struct svc_ctx *ctx, int64_t action_id, int64_t if_match,
                                   const json_t *body, json_t **out, struct hl_error *err);

/* {retention_days, remind_days_before, site_url, version}: how long closed cases keep their
 * entries, how many days ahead an action's owner is reminded, and the address the reminders
 * link to (null: the link is the page's path alone). An update gives any of the three. */
enum hl_err svc_mediation_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_mediation_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                          json_t **out, struct hl_error *err);
/* Closed cases past the retention period lose their entries, sessions, actions and texts;
 * a stub (parties, category, dates, outcome) remains. *n receives how many. */
enum hl_err svc_case_purge(struct svc_ctx *ctx, int *n, struct hl_error *err);
/* The domain's periodic work (struct domain's tick): the retention purge, then the follow-up
 * reminders that fell due (each once: case_reminder remembers them) — an action's owner from
 * remind_days_before days ahead of its due date and once when it is overdue, each manager on a
 * monitored case's review date; the day is the recipient's local day. */
enum hl_err tick_mediation(struct svc_ctx *ctx, char **summary, struct hl_error *err);

/* `haldus check`: the key of $HALDUS_CASE_KEY_FILE opens every sealed entry (or none are
 * sealed and no key is set). *report gets one line for the check's output (malloc'd; the
 * caller frees it). */
enum hl_err svc_mediation_check(struct svc_ctx *ctx, char **report, struct hl_error *err);

#define MEDIATION_RETENTION_DEFAULT 730 /* days a closed case keeps its entries */
#define MEDIATION_REMIND_DEFAULT    1   /* days before an action's due date its owner is reminded */

#endif
