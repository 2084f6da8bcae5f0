/* store_support.h: who supports whom on a date (assignments joined with people). */
#ifndef HL_STORE_SUPPORT_H
#define HL_STORE_SUPPORT_H

#include "db.h"

#include <jansson.h>

/* The assignments in force on date (YYYY-MM-DD) of one principal (by_principal) or of one
 * assistant, each with the other side's name, e-mail and office. *items receives a new
 * array, primary before secondary before backup, then by name. */
enum hl_err store_support_on(struct db *db, bool by_principal, int64_t id, const char *date,
                             json_t **items, struct hl_error *err);

/* The designated backups of a principal in rank order, with name and office. */
enum hl_err store_designated_backups(struct db *db, int64_t principal_id, json_t **items,
                                     struct hl_error *err);

/* The accepted covers of a principal overlapping the instants [t0, t1), by start: [{cover_id,
 * assistant_id, name, office, start_at, end_at}]; only those taken by `assistant` when it is
 * not 0. *items is new. */
enum hl_err store_support_covers(struct db *db, int64_t principal_id, int64_t t0, int64_t t1,
                                 int64_t assistant, json_t **items, struct hl_error *err);

/* Whether the person has an approved absence overlapping [t0, t1). */
enum hl_err store_support_away(struct db *db, int64_t person_id, int64_t t0, int64_t t1, bool *away,
                               struct hl_error *err);

/* Raises assistants' skills to what the must-have duties of the principals they support as
 * primary, or back up as designated backup #1, require (inserting missing skills). For
 * building believable demo data: people hired for a role have its skills. */
enum hl_err store_fit_skills_to_duties(struct db *db, struct hl_error *err);

#endif
