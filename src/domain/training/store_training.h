/* store_training.h: the training domain's SQL beyond the generic entity path: rows as JSON for
 * the views, typed row walks for the needs computation, seats and the waitlist, the absences
 * and skill changes an enrolment made. Every value is bound. */
#ifndef HL_STORE_TRAINING_H
#define HL_STORE_TRAINING_H

#include "db.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* A bound parameter: text when s is not NULL, else the integer i. */
struct tr_param {
    int64_t i;
    const char *s;
};

/* Appends each row of sql as an object (column name → value) to *rows (made when NULL). */
enum hl_err store_training_rows(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                                json_t **rows, struct hl_error *err);

/* Calls fn for each row of sql. */
enum hl_err store_training_each(struct db *db, const char *sql, const struct tr_param *p, size_t n,
                                void (*fn)(sqlite3_stmt *st, void *arg), void *arg,
                                struct hl_error *err);

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

/* Marks certificate id told of its expiry `days` ahead. */
enum hl_err store_training_notified(struct db *db, int64_t id, int days, struct hl_error *err);

#endif
