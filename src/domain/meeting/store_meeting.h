/* store_meeting.h: the meetings domain's SQL beyond the generic entity store: who a person is
 * for a search, their working hours and busy times, a room's bookings, who may act for an
 * executive, attendees, outside busy times and feed secrets. */
#ifndef HL_STORE_MEETING_H
#define HL_STORE_MEETING_H

#include "db.h"
#include "feed.h"
#include "slot_meeting.h"
#include "tz.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct meeting_person {
    int64_t id;
    char *name, *email, *zone, *office, *lang; /* lang may be NULL */
};
void meeting_person_cleanup(struct meeting_person *p);

/* The person (HL_ERR_NOT_FOUND when none). */
enum hl_err store_meeting_person(struct db *db, int64_t id, struct meeting_person *out,
                                 struct hl_error *err);

/* A weekly working interval valid over [from_day, to_day] (INT64_MIN/MAX when open). */
struct meeting_work {
    struct weekly_interval w;
    int64_t from_day, to_day;
};
/* The person's work pattern rows; *out malloc'd. */
enum hl_err store_meeting_work(struct db *db, int64_t person, struct meeting_work **out, size_t *n,
                               struct hl_error *err);

/* The person's busy spans overlapping [from, to): approved absences, scheduled meetings they
 * hold or attend (but not meeting `except`), and their outside calendars' busy times. */
enum hl_err store_meeting_busy(struct db *db, int64_t person, int64_t from, int64_t to,
                               int64_t except, struct slot_span **out, size_t *n,
                               struct hl_error *err);

/* The scheduled meetings in room overlapping [from, to), except meeting `except`. */
enum hl_err store_meeting_room_busy(struct db *db, int64_t room, int64_t from, int64_t to,
                                    int64_t except, struct slot_span **out, size_t *n,
                                    struct hl_error *err);

/* Whether assistant `person` supports principal now (an assignment whose dates hold today)
 * or covers them (an accepted cover that has not ended). */
enum hl_err store_meeting_may_act(struct db *db, int64_t person, int64_t principal, bool *ok,
                                  struct hl_error *err);

/* The room's capacity and whether it is active (HL_ERR_NOT_FOUND when none). */
enum hl_err store_meeting_room(struct db *db, int64_t room, int64_t *capacity, bool *active,
                               char **name, struct hl_error *err);

/* The meeting's attendees as API records (array, new). */
enum hl_err store_meeting_attendees(struct db *db, int64_t meeting, json_t **out,
                                    struct hl_error *err);

/* Replaces the outside calendar's busy spans and stamps it read with the count and the number
 * of events skipped for unreadable times. */
enum hl_err store_outside_busy_replace(struct db *db, int64_t calendar, const struct slot_span *s,
                                       size_t n, size_t unreadable, struct hl_error *err);

/* The outside calendar's source: its person, url (NULL for an uploaded one) and the last
 * answer's validators, each malloc'd or NULL. HL_ERR_NOT_FOUND when there is no such calendar. */
enum hl_err store_outside_source(struct db *db, int64_t id, int64_t *person, char **url,
                                 char **etag, char **last_modified, struct hl_error *err);

/* Records an attempt to read the calendar now: on success (error NULL) read_at and the
 * validators (kept when both are NULL), the last error cleared; else the error and error_at,
 * the busy times and read_at untouched. The version goes up either way. */
enum hl_err store_outside_mark(struct db *db, int64_t id, const char *error, const char *etag,
                               const char *last_modified, struct hl_error *err);

/* Up to max calendars with a URL not tried since `before` (never tried first), ids malloc'd. */
enum hl_err store_outside_due(struct db *db, int64_t before, size_t max, int64_t **ids, size_t *n,
                              struct hl_error *err);

/* Feed secrets. */
enum hl_err store_feed_insert(struct db *db, int64_t person, bool busy_only,
                              const unsigned char *hash, size_t hash_len, int64_t *id,
                              struct hl_error *err);
enum hl_err store_feed_list(struct db *db, int64_t person, json_t **out, struct hl_error *err);
enum hl_err store_feed_delete(struct db *db, int64_t id, int64_t person, bool *found,
                              struct hl_error *err);
enum hl_err store_feed_find(struct db *db, const unsigned char *hash, size_t hash_len,
                            int64_t *person, bool *busy_only, struct hl_error *err);

/* The person's scheduled meetings (held or attended) overlapping [from, to), as feed events. */
enum hl_err store_meeting_feed(struct db *db, int64_t person, int64_t from, int64_t to,
                               struct feed_list *out, struct hl_error *err);

/* Up to max executives, each with the login of an assistant who supports them now (a primary
 * assignment), in id order — the demo's bookers. Logins malloc'd, the array too. */
struct meeting_demo_pair {
    int64_t principal;
    char *login;
};
enum hl_err store_meeting_demo_pairs(struct db *db, size_t max, struct meeting_demo_pair **out,
                                     size_t *n, struct hl_error *err);

#endif
