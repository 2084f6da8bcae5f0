/* store_leave.h: the leave domain's SQL beyond the generic entity path. */
#ifndef HL_STORE_LEAVE_H
#define HL_STORE_LEAVE_H

#include "buf.h"
#include "db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The office's policy for kind: *found false when it has none. */
enum hl_err store_leave_policy(struct db *db, const char *office, const char *kind, bool *found,
                               double *days, bool *monthly, struct hl_error *err);

/* The person's entitlement row of kind and year: *found false when there is none; *has_days
 * false when its days are null (the office's); *expires -1 when the carry-over has no date. */
struct leave_entitlement_row {
    bool found, has_days;
    double days, carry_over;
    int64_t expires;
};
enum hl_err store_leave_entitlement(struct db *db, int64_t person, const char *kind, int year,
                                    struct leave_entitlement_row *out, struct hl_error *err);

/* A requested or approved absence as [start, end) instants. */
struct leave_span {
    int64_t id, start, end;
};
/* The person's requested and approved absences of kind overlapping [from, to), except `self`;
 * *out is malloc'd (caller frees). */
enum hl_err store_leave_booked(struct db *db, int64_t person, const char *kind, int64_t from,
                               int64_t to, int64_t self, struct leave_span **out, size_t *n,
                               struct hl_error *err);

/* The absence entity's vis.standin (entity.h): the absences a person decides in a manager's
 * place — requested, not their own, while an approval_standin row names them for today. */
void store_leave_standin_sql(struct buf *sql, const char *person, const char *today);
/* The person entity's: the people whose requests those are (their name and time zone). */
void store_leave_standin_person_sql(struct buf *sql, const char *person, const char *today);

/* The manager whom `standin` stands in for on `day` (YYYY-MM-DD); 0 when none. */
enum hl_err store_leave_standin(struct db *db, int64_t standin, const char *day, int64_t *manager,
                                struct hl_error *err);

/* Up to n active assistants for the demo, those of office first, the newest first; *got is how
 * many. */
enum hl_err store_leave_demo_people(struct db *db, const char *office, int64_t *ids, size_t n,
                                    size_t *got, struct hl_error *err);
#endif
