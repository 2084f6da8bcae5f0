/* store_mediation.h: SQL of the mediation domain beyond the generic entity path: parties,
 * entries, sessions, agreed actions, retention, and the open-case pairs the planner avoids. */
#ifndef HL_STORE_MEDIATION_H
#define HL_STORE_MEDIATION_H

#include "db.h"
#include "feed.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kind of a person: "assistant", "principal", or NULL when none is active with that id. */
enum hl_err store_mediation_person_kind(struct db *db, int64_t person, const char **kind,
                                        struct hl_error *err);

/* The parties of a case: [{person_id, name, kind, may_view}] (new array). */
enum hl_err store_case_parties(struct db *db, int64_t case_id, json_t **out, struct hl_error *err);
/* Adds the party, or sets may_view of one already there. */
enum hl_err store_case_party_set(struct db *db, int64_t case_id, int64_t person, bool may_view,
                                 struct hl_error *err);
/* Whether person is a party of the case (*party) and may view it (*may_view). */
enum hl_err store_case_party_get(struct db *db, int64_t case_id, int64_t person, bool *party,
                                 bool *may_view, struct hl_error *err);

/* One entry as stored: either body (text) or sealed (nonce || box) is set. */
struct case_entry_row {
    int64_t id, created_at, author_person;
    char *kind, *visibility, *author, *author_name, *body;
    unsigned char *sealed;
    size_t sealed_len;
};
struct case_entry_rows {
    struct case_entry_row *rows;
    size_t n, cap;
};
/* The entries viewer may read, oldest first: viewer 0 = every entry (managers); else the
 * entries for all parties and the viewer's own entries marked for the author. */
enum hl_err store_case_entries(struct db *db, int64_t case_id, int64_t viewer,
                               struct case_entry_rows *out, struct hl_error *err);
void case_entry_rows_cleanup(struct case_entry_rows *r);
/* Inserts an entry with body (text) or sealed (when sealed_len > 0). */
enum hl_err store_case_entry_insert(struct db *db, int64_t case_id, const char *kind,
                                    const char *visibility, int64_t author_person,
                                    const char *author, const char *body,
                                    const unsigned char *sealed, size_t sealed_len, int64_t *id,
                                    struct hl_error *err);
/* Calls fn for every sealed entry until it returns false; *n receives how many were seen. */
enum hl_err store_case_sealed_each(struct db *db,
                                   bool (*fn)(void *arg, int64_t id, const unsigned char *sealed,
                                              size_t len),
                                   void *arg, size_t *n, struct hl_error *err);

/* Sessions, oldest first: viewer 0 = all; else those the viewer attends. */
enum hl_err store_case_sessions(struct db *db, int64_t case_id, int64_t viewer, json_t **out,
                                struct hl_error *err);
/* organizer: the booking manager's person (0: none). */
enum hl_err store_case_session_insert(struct db *db, int64_t case_id, int64_t start_at,
                                      int64_t end_at, const json_t *attendees, const char *location,
                                      int64_t organizer, int64_t *id, struct hl_error *err);
/* One session as JSON, or HL_ERR_NOT_FOUND. */
enum hl_err store_case_session_get(struct db *db, int64_t id, json_t **out, struct hl_error *err);

enum hl_err store_case_actions(struct db *db, int64_t case_id, json_t **out, struct hl_error *err);
enum hl_err store_case_action_insert(struct db *db, int64_t case_id, const char *description,
                                     int64_t owner, const char *due_date, int64_t *id,
                                     struct hl_error *err);
/* The action id of case case_id (0: of any case), or HL_ERR_NOT_FOUND. */
enum hl_err store_case_action_get(struct db *db, int64_t case_id, int64_t id, json_t **out,
                                  struct hl_error *err);
/* Sets done when the action still has `version`, else HL_ERR_STALE. */
enum hl_err store_case_action_set_done(struct db *db, int64_t id, int64_t version, bool done,
                                       struct hl_error *err);

/* The closed, unpurged cases whose status changed before `before` (instant): new array of ids. */
enum hl_err store_case_expired(struct db *db, int64_t before, json_t **ids, struct hl_error *err);
/* Deletes the case's entries, sessions and actions, clears its texts and marks it purged. */
enum hl_err store_case_purge(struct db *db, int64_t case_id, struct hl_error *err);

/* The pairs this case marked incompatible: [{assistant_id, principal_id}] (new array). */
enum hl_err store_case_incompatible(struct db *db, int64_t case_id, json_t **out,
                                    struct hl_error *err);

/* For the demo: up to max (assistant, principal) pairs of current primary assignments, each
 * person in at most one pair, in id order; *n receives how many. */
enum hl_err store_mediation_demo_pairs(struct db *db, int64_t (*pairs)[2], size_t max, size_t *n,
                                       struct hl_error *err);

/* A reminder to weigh: an open action's owner (action_id > 0; date the due date; sent_due,
 * sent_overdue whether those went out) or a manager for a case in monitoring (action_id 0; date
 * the review date; sent_due whether it went out). zone is the person's time zone. */
struct case_remind_row {
    int64_t case_id, action_id, person;
    char *date, *zone;
    bool sent_due, sent_overdue;
};
struct case_remind_rows {
    struct case_remind_row *rows;
    size_t n, cap;
};
/* Every open action with an owner of a case not closed, then every case in monitoring with a
 * review date for each active manager account with a person. */
enum hl_err store_case_remind_candidates(struct db *db, struct case_remind_rows *out,
                                         struct hl_error *err);
void case_remind_rows_cleanup(struct case_remind_rows *r);
/* Records that the reminder went out (once: a second insert of the same is ignored). */
enum hl_err store_case_reminder_insert(struct db *db, int64_t case_id, int64_t action_id,
                                       const char *kind, const char *on_date, int64_t person,
                                       int64_t mail_id, struct hl_error *err);
/* The reminders sent for a case: [{action_id, kind, on_date, person_id, sent_at}] (new array). */
enum hl_err store_case_reminders(struct db *db, int64_t case_id, json_t **out,
                                 struct hl_error *err);

/* The person's sessions in [from, to) for their calendar feed: those they attend or organised,
 * titled neutrally, with no case id. */
enum hl_err store_case_session_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                                    struct feed_list *out, struct hl_error *err);

#endif
