/* training.h: the training domain (issue 11) — the course catalog with the skills each course
 * teaches, sessions with their meetings and arrangements, enrolments with seats and a
 * first-come waitlist, the coverage impact of a seat, the training absences a confirmation
 * makes, completion (skills raised, reversibly), certificates with expiry, training needs and
 * the yearly budget. */
#ifndef HL_TRAINING_H
#define HL_TRAINING_H

#include "domain.h"
#include "entity.h"
#include "svc.h"
#include "workflow.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

extern const struct entity ent_course;
extern const struct entity ent_course_skill;
extern const struct entity ent_training_session;
extern const struct entity ent_training_meeting;
extern const struct entity ent_training_arrangement;
extern const struct entity ent_enrolment;
extern const struct entity ent_training_attendance;
extern const struct entity ent_certificate;
extern const struct workflow wf_enrolment;
extern const struct domain domain_training;

/* The most occurrences one session's meetings may expand to (a recurring meeting included). */
#define TRAINING_MAX_OCCURRENCES 60
/* Certificates are announced this many days before they expire (to the assistant and managers). */
#define TRAINING_NOTICE_FAR  60
#define TRAINING_NOTICE_NEAR 14

/* One occurrence of a session's meeting: [start, end) in UTC seconds. */
struct training_occurrence {
    int64_t meeting_id;
    int64_t start, end;
};

/* The occurrences of session_id's meetings (recurring ones expanded in the session's zone), in
 * time order; *out malloc'd (caller frees). HL_ERR_INVALID when they pass
 * TRAINING_MAX_OCCURRENCES. */
enum hl_err training_occurrences(struct svc_ctx *ctx, int64_t session_id,
                                 struct training_occurrence **out, size_t *n, struct hl_error *err);

/* ---- use cases (svc_training.c) ---- */

/* Enrols assistant_id in session_id in one transaction: a manager enrols (a seat while one is
 * free, else the end of the waitlist); the assistant themself requests a seat (status
 * requested, for a manager to approve). *out is the enrolment. */
enum hl_err svc_training_enrol(struct svc_ctx *ctx, int64_t session_id, int64_t assistant_id,
                               const char *note, json_t **out, struct hl_error *err);

/* What confirming the enrolment would do to coverage, saving nothing: the training absences it
 * would make, each with the absence impact view of leave (svc_coverage_impact) as a what-if.
 * {enrolment_id, assistant_id, absences: [{start_at, end_at, impact}]}. Managers. */
enum hl_err svc_training_impact(struct svc_ctx *ctx, int64_t enrolment_id, json_t **out,
                                struct hl_error *err);

/* Records attendance of a confirmed or completed enrolment at one meeting occurrence. */
enum hl_err svc_training_attend(struct svc_ctx *ctx, int64_t enrolment_id, const json_t *body,
                                json_t **out, struct hl_error *err);

/* Records certificates for a completed enrolment, one per skill the course teaches: level the
 * course's, level_without what the assistant had before the completion. Managers. */
enum hl_err svc_training_certify(struct svc_ctx *ctx, int64_t enrolment_id, const json_t *body,
                                 json_t **out, struct hl_error *err);

/* The enrolments of a session with the seats taken and the waitlist in order. */
enum hl_err svc_training_session_view(struct svc_ctx *ctx, int64_t session_id, json_t **out,
                                      struct hl_error *err);

/* Active courses teaching skill_id (0: any) to at least min_level (0: any), cheapest first; one
 * row per course and skill. */
enum hl_err svc_training_courses_for(struct svc_ctx *ctx, int64_t skill_id, int min_level,
                                     json_t **out, struct hl_error *err);

/* Training needs (managers): per assistant (all, or one) the skills their executives' duties
 * require above their level (must-have first) and the certificates expiring within `soon_days`;
 * the pool's skills ranked by coverage at stake; each with the courses that teach it. */
enum hl_err svc_training_needs(struct svc_ctx *ctx, int64_t assistant_id, int soon_days,
                               json_t **out, struct hl_error *err);

/* The year's training cost per assistant (confirmed and completed enrolments by the first
 * meeting's year) against the yearly budget setting. */
enum hl_err svc_training_budget(struct svc_ctx *ctx, int year, json_t **out, struct hl_error *err);
enum hl_err svc_training_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_training_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                         json_t **out, struct hl_error *err);

/* Arrangements not done whose due date has passed (for Today), managers. */
enum hl_err svc_training_late(struct svc_ctx *ctx, json_t **out, struct hl_error *err);

/* The signed-in assistant's (or assistant_id's, for managers) enrolments with their sessions,
 * and certificates. */
enum hl_err svc_training_mine(struct svc_ctx *ctx, int64_t assistant_id, json_t **out,
                              struct hl_error *err);

/* Queues the 60- and 14-day expiry notices due now (each certificate told once per notice);
 * *queued counts the mails. */
enum hl_err svc_training_expiry_notices(struct svc_ctx *ctx, int *queued, struct hl_error *err);
/* The domain's periodic work (struct domain's tick): the expiry notices that fell due. */
enum hl_err tick_training(struct svc_ctx *ctx, char **summary, struct hl_error *err);

/* Seats the first of session_id's waitlist while fewer than capacity seats are taken (a
 * session's capacity raised), each audited as "seat". In the caller's transaction. */
enum hl_err training_seat_waitlist(struct svc_ctx *ctx, int64_t session_id, int64_t capacity,
                                   struct hl_error *err);

/* Cancels every live enrolment of session_id because the session is cancelled, in the caller's
 * transaction (the session's own change): each enrolment moves to cancelled (audited as
 * "session cancelled"), its training absences are cancelled through the absence workflow (the
 * covers planned for them released), and the assistant and the manager who gave the seat are
 * mailed, with an iTIP CANCEL for each invitation sent. No one moves up from the waitlist. A
 * completed enrolment refuses it (HL_ERR_TRANSITION) and then nothing changes. */
enum hl_err training_session_cancel(struct svc_ctx *ctx, int64_t session_id, struct hl_error *err);

/* The workflow's hooks (svc_training.c). */
enum hl_err training_before_action(struct svc_ctx *ctx, const struct wf_action *act,
                                   const json_t *cur, const json_t *body, json_t *changes,
                                   struct hl_error *err);
void training_after_confirm(struct svc_ctx *ctx, int64_t id, json_t *out);
void training_confirmed_schema(json_t *schemas);

/* The calendar feed: the meetings of the person's live enrolments (svc_training.c). */
enum hl_err training_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err);

/* The domain's demo hook (demo_training.c). */
enum hl_err training_demo(struct svc_ctx *ctx, const struct demo_context *demo,
                          struct hl_error *err);

/* HTTP handlers (api_training.c). */
struct request;
struct response;
enum hl_err api_training_enrol(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_impact(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_attend(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_certify(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_session(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_courses(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_needs(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_budget(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_settings_update(struct request *req, struct response *res,
                                         struct hl_error *err);
enum hl_err api_training_late(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_mine(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_training_notify(struct request *req, struct response *res, struct hl_error *err);

#endif
