/* store_training.h: the training domain's SQL beyond the generic entity path: rows as JSON for
 * the views, typed row walks for the needs computation, seats and the waitlist, the absences
 * and skill changes an enrolment made. Every value is bound. */
#ifndef HL_STORE_TRAINING_H
#define HL_STORE_TRAINING_H

#include "db.h"
#include "needs_training.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* A bound parameter: text when s is not NULL, else the integer i. */
struct tr_param {
    int64_t i;
    const char *s;
};

/* The demo's look-ups (demo_training.c): the id (or level) one name finds, 0 for none. */
enum tr_lookup {
    TR_SKILL_BY_NAME,      /* a skill's id */
    TR_DUTY_BY_NAME,       /* a duty's id */
    TR_PERSON_BY_NAME,     /* a person's id */
    TR_PRINCIPAL_OF,       /* the executive an assistant (by name) supports, primary first */
    TR_HOLDER_OF_SKILL,    /* the assistant with the highest level >= 2 of a skill (by name) */
    TR_TOP_LEVEL_OF_SKILL, /* that level */
};
int64_t store_training_lookup(struct db *db, enum tr_lookup what, const char *name);

/* The skills [{id, name}] by id; the demo's four active Tallinn assistants after Kadri Tamm
 * [{id}]. */
enum hl_err store_training_skills(struct db *db, json_t **rows, struct hl_error *err);
enum hl_err store_training_demo_assistants(struct db *db, json_t **rows, struct hl_error *err);

/* Every function below that answers rows gives a new JSON array in *rows (caller decrefs) of
 * objects named by their columns; instants are integer seconds unless said otherwise. */

/* The meetings of a session with the session's zone, by start then id:
 * [{id, start_at, end_at, rrule (null: none), time_zone}]. */
enum hl_err store_training_meetings(struct db *db, int64_t session, json_t **rows,
                                    struct hl_error *err);

/* The name of the session's course: malloc'd in *name, NULL when there is no such session. */
enum hl_err store_training_course_name(struct db *db, int64_t session, char **name,
                                       struct hl_error *err);

/* What a mail about the session tells person: {course, place, link, instructor, starts_at,
 * ends_at, name, email, time_zone, org_email (the first manager's address, or null)}; *row NULL
 * when either does not exist. */
enum hl_err store_training_mail_info(struct db *db, int64_t session, int64_t person, json_t **row,
                                     struct hl_error *err);

/* The skills the session's course teaches: [{skill_id, level}] by skill. */
enum hl_err store_training_course_skills(struct db *db, int64_t session, json_t **rows,
                                         struct hl_error *err);

/* The skills a certificate of the completed enrolment proves, with the level the assistant had
 * without it: [{skill_id, level, level_without}] by skill. */
enum hl_err store_training_certify_skills(struct db *db, int64_t session, int64_t enrolment,
                                          json_t **rows, struct hl_error *err);

/* The certificates recorded for an enrolment: [{id, version}]. */
enum hl_err store_training_enrolment_certificates(struct db *db, int64_t enrolment, json_t **rows,
                                                  struct hl_error *err);

/* A session's enrolments (viewer 0: all; else only that assistant's), live first, seated before
 * the waitlist in its order: [{id, version, assistant_id, assistant_name, status, waitlisted
 * (0/1), note, cost, queued_at}]. */
enum hl_err store_training_session_enrolments(struct db *db, int64_t session, int64_t viewer,
                                              json_t **rows, struct hl_error *err);

/* A session's arrangements, open first by due date, `late`: open and due before `today` (the
 * session's local date, YYYY-MM-DD): [{id, version, kind,
 * title, person_id, person_name, due_date, done (0/1), late (0/1)}]. */
enum hl_err store_training_session_arrangements(struct db *db, int64_t session, const char *today,
                                                json_t **rows, struct hl_error *err);

/* Active courses teaching skill (0: any) to at least min_level, cheapest first, one row per
 * course and skill, each with its count of planned sessions still to start. */
enum hl_err store_training_courses(struct db *db, int64_t skill, int min_level, json_t **rows,
                                   struct hl_error *err);

/* Open arrangements of planned sessions due before `bound` (YYYY-MM-DD), by due date, at most
 * `limit`, each with its session's time_zone (the caller holds each to that zone's today). */
enum hl_err store_training_late(struct db *db, const char *bound, int limit, json_t **rows,
                                struct hl_error *err);

/* An assistant's enrolments with their sessions (newest first) and certificates (soonest
 * expiry first, `expired` 0/1). */
enum hl_err store_training_assistant_enrolments(struct db *db, int64_t assistant, json_t **rows,
                                                struct hl_error *err);
enum hl_err store_training_assistant_certificates(struct db *db, int64_t assistant,
                                                  const char *today, json_t **rows,
                                                  struct hl_error *err);

/* The settings row {version, yearly_budget, currency}; HL_ERR_NOT_FOUND without one. Writing
 * them (budget as decimal text) bumps the version. */
enum hl_err store_training_settings_get(struct db *db, json_t **row, struct hl_error *err);
enum hl_err store_training_settings_set(struct db *db, const char *budget, const char *currency,
                                        struct hl_error *err);

/* The year's (YYYY) spending per assistant on confirmed and completed enrolments, the most
 * first: [{assistant_id, name, spent, sessions}]. */
enum hl_err store_training_spent(struct db *db, const char *year, json_t **rows,
                                 struct hl_error *err);

/* The certificates whose `far`- or `near`-day notice is due today and not given yet:
 * [{id, assistant_id, assistant, skill, level, title, expires_on, days, notice}]. */
enum hl_err store_training_notices_due(struct db *db, const char *today, int far, int near,
                                       json_t **rows, struct hl_error *err);

/* The people of the manager and admin accounts: [{person_id}]. */
enum hl_err store_training_manager_people(struct db *db, json_t **rows, struct hl_error *err);

/* The planned sessions starting before `until` in which person holds a seat (seated, confirmed
 * or completed): [{id, enrolment_id, name, place, link, instructor}]. */
enum hl_err store_training_person_sessions(struct db *db, int64_t person, int64_t until,
                                           json_t **rows, struct hl_error *err);

/* ---- the rows of the training needs (svc_needs_training.c) ---- */

struct tr_named {
    int64_t id;
    char *name;
};

struct tr_course {
    int64_t skill, id;
    int level;
    double cost;
    char *name, *language;
};

/* Everything the needs computation reads, as plain arrays: in (requirements, who supports whom
 * today, the levels that count), the names of people and skills (by id) and the active courses
 * (by skill, then cost). Filled by store_training_needs_load, freed by _cleanup. */
struct tr_needs_rows {
    struct tn_input in;
    size_t cap_reqs, cap_links, cap_skills;
    struct tr_named *people, *skills;
    size_t npeople, cap_people, nskill_names, cap_skill_names;
    struct tr_course *courses;
    size_t ncourses, cap_courses;
};

/* Reads the rows as of today (YYYY-MM-DD); assistant 0: every assistant's links, else one's. */
enum hl_err store_training_needs_load(struct db *db, const char *today, int64_t assistant,
                                      struct tr_needs_rows *out, struct hl_error *err);
void store_training_needs_cleanup(struct tr_needs_rows *r);

/* Certificates of active assistants (assistant 0: all) expiring after today and within
 * soon_days: [{certificate_id, assistant_id, skill_id, level, title, expires_on}]. */
enum hl_err store_training_expiring(struct db *db, const char *today, int soon_days,
                                    int64_t assistant, json_t **rows, struct hl_error *err);

/* The seats of a session: capacity, taken (enrolled, confirmed or completed and not on the
 * waitlist), the seat's cost and the session's status. HL_ERR_NOT_FOUND for no session. */
struct tr_seats {
    int64_t capacity, taken, course_id;
    double cost;
    char status[16];
};
enum hl_err store_training_seats(struct db *db, int64_t session, struct tr_seats *out,
                                 struct hl_error *err);

/* The first enrolment of the session's waitlist (by queued_at, then id), 0 when none. */
enum hl_err store_training_first_waiting(struct db *db, int64_t session, int64_t *id,
                                         struct hl_error *err);

/* Links an absence to the enrolment that made it; the enrolment's absences (ids) as a JSON
 * array. */
enum hl_err store_training_link_absence(struct db *db, int64_t enrolment, int64_t absence,
                                        struct hl_error *err);
enum hl_err store_training_absences(struct db *db, int64_t enrolment, json_t **ids,
                                    struct hl_error *err);

/* A skill change a completion made; the changes of an enrolment ({id, skill_id, level_before,
 * level_after}); removing them after an undo. */
enum hl_err store_training_change_add(struct db *db, int64_t enrolment, int64_t assistant,
                                      int64_t skill, int before, int after, struct hl_error *err);
enum hl_err store_training_changes(struct db *db, int64_t enrolment, json_t **rows,
                                   struct hl_error *err);
enum hl_err store_training_changes_drop(struct db *db, int64_t enrolment, struct hl_error *err);

/* An invitation sent for an enrolment (its iTIP UID, SEQUENCE 0, the occurrence's span); the
 * ones not yet cancelled ([{id, uid, sequence, start_at, end_at}] by start); marking one
 * cancelled with the SEQUENCE its cancellation carried. */
enum hl_err store_training_invitation_add(struct db *db, int64_t enrolment, const char *uid,
                                          int64_t start, int64_t end, struct hl_error *err);
enum hl_err store_training_invitations_open(struct db *db, int64_t enrolment, json_t **rows,
                                            struct hl_error *err);
enum hl_err store_training_invitation_cancelled(struct db *db, int64_t id, int64_t sequence,
                                                struct hl_error *err);

/* The live enrolments of a session (requested, enrolled, confirmed, completed), by id: [{id}]. */
enum hl_err store_training_live_enrolments(struct db *db, int64_t session, json_t **rows,
                                           struct hl_error *err);

/* Marks certificate id told of its expiry `days` ahead. */
enum hl_err store_training_notified(struct db *db, int64_t id, int days, struct hl_error *err);

#endif
