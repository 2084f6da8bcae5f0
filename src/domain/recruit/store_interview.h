/* store_interview.h: the SQL of recruiting's interviews and scorecards beyond the generic
 * entity path: the panel, the offered slots, the pick token's hash, the feed's events, the
 * scorecards with their ratings. Instants in answers are RFC 3339 text (columns named *_at). */
#ifndef HL_STORE_INTERVIEW_H
#define HL_STORE_INTERVIEW_H

#include "db.h"
#include "err.h"
#include "feed.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum hl_err store_iv_panel_add(struct db *db, int64_t iv, int64_t person, const char *role,
                               struct hl_error *err);
/* [{person_id, role, absence_id, name, email, time_zone, is_assistant, lang}] by role. */
enum hl_err store_iv_panel(struct db *db, int64_t iv, json_t **out, struct hl_error *err);
enum hl_err store_iv_panel_absence(struct db *db, int64_t iv, int64_t person, int64_t absence,
                                   struct hl_error *err);
enum hl_err store_iv_is_panel(struct db *db, int64_t iv, int64_t person, bool *yes,
                              struct hl_error *err);

enum hl_err store_iv_slot_add(struct db *db, int64_t iv, int64_t start, int64_t end,
                              struct hl_error *err);
/* [{id, start_at, end_at, taken}]: taken when a member of the panel has another scheduled
 * interview overlapping it. */
enum hl_err store_iv_slots(struct db *db, int64_t iv, json_t **out, struct hl_error *err);
/* Whether a member of iv's panel has another scheduled interview overlapping [start, end). */
enum hl_err store_iv_clash(struct db *db, int64_t iv, int64_t start, int64_t end, bool *clash,
                           struct hl_error *err);

/* The pick token's hash (NULL clears it) and until when it may be used. */
enum hl_err store_iv_pick_set(struct db *db, int64_t iv, const char *hash, int64_t until,
                              struct hl_error *err);
/* The offered interview whose token hash is hash and still valid at now (0: none). */
enum hl_err store_iv_pick_find(struct db *db, const char *hash, int64_t now, int64_t *iv,
                               struct hl_error *err);

/* {candidate, email, lang, title, principal_id, must_skills, languages} of an interview's
 * application and requisition (HL_ERR_NOT_FOUND). */
enum hl_err store_iv_context(struct db *db, int64_t iv, json_t **out, struct hl_error *err);

/* Interview ids of an application (all, or those whose panel holds person when person > 0). */
enum hl_err store_iv_of_application(struct db *db, int64_t app, int64_t person, json_t **ids,
                                    struct hl_error *err);
/* The interviews whose panel holds person: [{id, application_id, candidate, title, status,
 * start_at, end_at, role, scorecard}] (scorecard: null, "draft" or "submitted"). */
enum hl_err store_iv_mine(struct db *db, int64_t person, json_t **out, struct hl_error *err);

/* Adds person's scheduled interviews overlapping [from, to) to out. */
enum hl_err store_iv_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err);

/* Every scorecard of an interview: [{id, version, person_id, name, status, submitted_at, note,
 * ratings:[{criterion, score, note}]}] by id. */
enum hl_err store_sc_list(struct db *db, int64_t iv, json_t **out, struct hl_error *err);
/* Creates (version 1) or updates person's card with ratings (replaced); *id its id. */
enum hl_err store_sc_save(struct db *db, int64_t iv, int64_t person, const char *note, bool submit,
                          const json_t *ratings, int64_t now, int64_t *id, struct hl_error *err);

/* The demo application of a requisition in interview: its id (0 when none). */
enum hl_err store_iv_demo_application(struct db *db, int64_t *app, struct hl_error *err);

/* [{id}] of the interviews (cancelled too) with person on the panel (0: anyone's), of
 * application app (0: any), starting in [from, to) (an offered one without a time is kept),
 * by start then id; at most 500. */
enum hl_err store_iv_query(struct db *db, int64_t person, int64_t app, int64_t from, int64_t to,
                           json_t **ids, struct hl_error *err);

#endif
