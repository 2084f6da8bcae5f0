/* store_desk.h: the desk domain's SQL beyond the generic entity path: who serves whom, the rows
 * the week plan, "my day", the caller suggestions and the task handover read, and the handover
 * itself. Rows come back as JSON objects keyed by column name; instants as integer seconds. */
#ifndef HL_STORE_DESK_H
#define HL_STORE_DESK_H

#include "db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* One bound parameter of a query: an integer, or text when s is not NULL. */
struct desk_param {
    int64_t i;
    const char *s;
};

/* Runs sql with params ?1… and appends every row to *rows (created when NULL). */
enum hl_err store_desk_rows(struct db *db, const char *sql, const struct desk_param *params,
                            size_t nparams, json_t **rows, struct hl_error *err);

/* Open correspondence whose reply_due is before `before` (YYYY-MM-DD) and not yet told about:
 * [{id, reply_due, subject, counterpart, handler_id, handler, zone (the handler's), principal}]. */
enum hl_err store_desk_overdue(struct db *db, const char *before, json_t **rows,
                               struct hl_error *err);
/* Remembers that item id's handler was told its reply_due passed. */
enum hl_err store_desk_overdue_told(struct db *db, int64_t id, const char *reply_due,
                                    struct hl_error *err);

enum hl_err store_desk_serves(struct db *db, int64_t assistant, int64_t principal, bool *yes,
                              struct hl_error *err);

/* The week plan's input over the UTC instants [from, to): active assistants (all or one)
 * with name, time_zone, office, contracted_hours; their work patterns; approved absences;
 * their tasks that are not dropped and fall in the range (or recur); the executives each
 * supports (assignments valid in the range). */
enum hl_err store_desk_week(struct db *db, int64_t assistant, int64_t from, int64_t to,
                            const char *from_date, const char *to_date, json_t **assistants,
                            json_t **patterns, json_t **absences, json_t **tasks, json_t **supports,
                            struct hl_error *err);

/* The principals assistant serves on the local date (assignment valid that day, or a cover
 * accepted over [from, to)), each with "via": "assignment" or "cover". */
enum hl_err store_desk_served(struct db *db, int64_t assistant, const char *date, int64_t from,
                              int64_t to, json_t **rows, struct hl_error *err);

/* Recent callers (see svc_desk_callers) among the phone messages taken in [from, to) that
 * person may see (0: all), by index: {caller, organisation, phone, email, last_at} each. */
enum hl_err store_desk_callers(struct db *db, const char *prefix, int64_t person, int64_t from,
                               int64_t to, int limit, json_t **rows, struct hl_error *err);

/* Sets the status of task's occurrence due at `due` (by: the actor); *was gets the status it
 * had on its own before (malloc'd), or NULL when it had none. */
enum hl_err store_desk_occurrence_set(struct db *db, int64_t task, int64_t due, const char *status,
                                      const char *by, const char **was, struct hl_error *err);

/* Moves task id to assistant as a handover from `from` (version bumped). */
enum hl_err store_desk_hand_over(struct db *db, int64_t id, int64_t assistant, int64_t from,
                                 struct hl_error *err);

#endif
