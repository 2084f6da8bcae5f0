/* interview_recruit.h: recruiting's interviews and scorecards (issue 12) — an application's
 * interview with its panel (the manager, the executive the requisition supports, others),
 * booked from find-a-time or picked by the candidate from offered slots through a public link;
 * invitations with iTIP, the panel's feed events and the assistants' `interview` absences; the
 * panel's blind scorecards and their summary. */
#ifndef HL_INTERVIEW_RECRUIT_H
#define HL_INTERVIEW_RECRUIT_H

#include "domain.h"
#include "entity.h"
#include "feed.h"
#include "svc.h"
#include "workflow.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

extern const struct entity ent_interview;
extern const struct entity ent_scorecard;
extern const struct workflow wf_interview;

#define INTERVIEW_PANEL_MAX    12 /* people on one panel */
#define INTERVIEW_SLOTS_MIN    2  /* times offered to the candidate … */
#define INTERVIEW_SLOTS_MAX    5  /* … at least and at most */
#define INTERVIEW_CRITERIA_MAX 20 /* free criteria a manager adds */
#define INTERVIEW_TITLE_EN     "Interview (recruiting)"
#define INTERVIEW_TITLE_ET     "Värbamisvestlus"
#define PICK_WINDOW            600 /* seconds of the pick page's per-address window … */
#define PICK_MAX               30  /* … and the requests it allows */
#define SCORE_DISAGREE         2   /* a criterion whose scores spread this much: disagreement */

/* ---- use cases (svc_interview.c) ---- */

/* POST /applications/{id}/interviews {panel:[person ids], manager_id?, duration_minutes,
 * location?, url?, criteria?, start_at? | slots:[{start_at}] (2–5)}: the panel must hold the
 * requisition's executive; the acting manager's person joins it. With start_at it is booked at
 * once; with slots the candidate gets the pick link (its token only in this answer, as
 * pick_path, and in their e-mail). base is the site's origin for the link in the mail. An
 * If-Match (optional; IF_MATCH_NONE) names the application's version, as for find-time. */
enum hl_err svc_interview_create(struct svc_ctx *ctx, int64_t application, int64_t if_match,
                                 const json_t *body, const char *base, json_t **out,
                                 struct hl_error *err);

/* POST /applications/{id}/interviews/find-time {panel, duration_minutes, from, to,
 * candidate_free?:[{start_at, end_at}], count?, earliest?, latest?}: the meetings' find-a-time
 * over the panel (all required), its slots kept only where the candidate said they are free. */
enum hl_err svc_interview_find_time(struct svc_ctx *ctx, int64_t application, int64_t if_match,
                                    const json_t *body, json_t **out, struct hl_error *err);

/* The interview with panel (names, roles), slots, candidate name and requisition title; 404
 * for those not on its panel (managers see all). */
enum hl_err svc_interview_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);

/* The interviews of an application (managers and its panel members). */
enum hl_err svc_interview_list(struct svc_ctx *ctx, int64_t application, json_t **out,
                               struct hl_error *err);

/* Interviews for the CLI's `haldus recruit interviews` (managers): those with person on the
 * panel (0: all), of application (0: any), starting in [from, to); each as svc_interview_get
 * gives it. {items}. */
enum hl_err svc_interview_query(struct svc_ctx *ctx, int64_t person, int64_t application,
                                int64_t from, int64_t to, json_t **out, struct hl_error *err);

/* The signed-in person's interviews (panel member), with their scorecard's status. */
enum hl_err svc_interview_mine(struct svc_ctx *ctx, json_t **out, struct hl_error *err);

/* The criteria, the reader's own scorecard, the others' (only once the reader's own is
 * submitted, or for a manager not on the panel: the submitted ones) and the summary of what is
 * shown: per criterion mean, spread, agree. */
enum hl_err svc_scorecards_get(struct svc_ctx *ctx, int64_t interview, json_t **out,
                               struct hl_error *err);

/* PUT /interviews/{id}/scorecard {ratings:[{criterion, score, note?}], note?, submit?}: the
 * panel member's own card (a submitted one is final; an optional If-Match names its version). */
enum hl_err svc_scorecard_save(struct svc_ctx *ctx, int64_t interview, int64_t if_match,
                               const json_t *body, json_t **out, struct hl_error *err);

/* The pick page's view of a token: the interview's offered slots still free (a slot a panel
 * member has meanwhile taken is left out), the role's title, the candidate's language;
 * HL_ERR_NOT_FOUND for an unknown, used or expired token. */
enum hl_err svc_interview_pick_view(struct svc_ctx *ctx, const char *token, json_t **out,
                                    struct hl_error *err);
/* Books slot_id for the token (single use): 409 when the slot is taken. */
enum hl_err svc_interview_pick(struct svc_ctx *ctx, const char *token, int64_t slot_id,
                               json_t **out, struct hl_error *err);

/* The domain's feed hook: a person's interviews as "Interview (recruiting)". */
enum hl_err interview_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                           struct feed_list *out, struct hl_error *err);

/* Demo: an interview of the demo application with the executive and one scorecard. */
enum hl_err interview_demo(struct svc_ctx *ctx, int64_t application, int64_t manager,
                           struct hl_error *err);

/* Cancels the application's offered and scheduled interviews (its reject and withdraw), in the
 * caller's transaction. */
enum hl_err interview_cancel_open(struct svc_ctx *ctx, int64_t application, struct hl_error *err);

/* Workflow hook of the interview (svc_interview.c): book, reschedule, cancel. */
enum hl_err interview_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                             const json_t *body, json_t *changes, struct hl_error *err);

/* ---- handlers (api_interview.c, pick_recruit.c) ---- */
struct request;
struct response;
enum hl_err api_interview_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_interview_find(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_interview_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_interview_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_interview_mine(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_scorecards_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_scorecard_put(struct request *req, struct response *res, struct hl_error *err);
/* The careers page's stylesheet, which the pick page uses too (careers_recruit.c). */
#define CAREERS_STYLE "/careers/style.css"
enum hl_err pick_page(struct request *req, struct response *res, struct hl_error *err);
enum hl_err pick_submit(struct request *req, struct response *res, struct hl_error *err);

#endif
