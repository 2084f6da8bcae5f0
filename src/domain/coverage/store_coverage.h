/* store_coverage.h: SQL for the coverage planner: everything it reads for a window, and its
 * plans and covers. Rows come back as plain arrays; svc_coverage.c does the rest. */
#ifndef HL_STORE_COVERAGE_H
#define HL_STORE_COVERAGE_H

#include "db.h"

#include <jansson.h>
#include <stdint.h>

struct cov_person {
    int64_t id;
    char *name; /* malloc'd, whole: never cut (a cut can split a UTF-8 character) */
    char *office;
    char *tz;
    char *department;
    int priority;   /* principals */
    int capacity;   /* assistants */
    bool assistant; /* else principal */
};

struct cov_pattern {
    int64_t person_id;
    int weekday, start_minute, end_minute;
    int64_t valid_from, valid_to; /* day numbers; INT64_MIN / INT64_MAX when open */
};

/* An assignment (a = assistant, b = principal, days inclusive), an absence (a = person,
 * instants), or a cover (id, a = assistant, b = principal, instants). */
struct cov_span {
    int64_t id, a, b;
    int64_t start, end;
    bool accepted;
    bool primary; /* an assignment of kind primary (else secondary) */
};

struct cov_skill {
    int64_t owner; /* assistant or principal */
    int64_t skill;
    int level;
    bool must;
};

struct cov_rows {
    struct cov_person *people;
    size_t n_people;
    struct cov_pattern *patterns;
    size_t n_patterns;
    struct cov_span *assignments, *absences, *covers, *backups; /* backups: b=principal,
                                                                   a=assistant, start=rank */
    size_t n_assignments, n_absences, n_covers, n_backups;
    /* Parties to an open mediation case (b = principal, a = assistant), by principal: the
     * planner never proposes one to cover the other. */
    struct cov_span *conflicts;
    size_t n_conflicts;
    struct cov_skill *assistant_skills, *principal_skills;
    size_t n_assistant_skills, n_principal_skills;
    struct cov_span *skill_names; /* id = skill; names in skill_text */
    char **skill_text;
    size_t n_skill_names;
};

/* Loads the active people (principals filtered by office/department when not NULL), their
 * patterns, the primary and secondary assignments in force on some day of [from_day,
 * to_day], the approved absences and the proposed/accepted covers overlapping [from, to)
 * (instants), skills, required skills and designated backups. With principal_lo … hi (ids,
 * inclusive; both 0 = everyone) only the principals of that id range are read, with the
 * assistants assigned to them and what concerns those people: a board page's work is bounded by
 * its principals, not by the organisation. */
enum hl_err store_coverage_load(struct db *db, int64_t from_day, int64_t to_day, int64_t from,
                                int64_t to, const char *office, const char *department,
                                int64_t principal_lo, int64_t principal_hi, struct cov_rows *out,
                                struct hl_error *err);

/* One page of the board: the ids of the next `limit` active principals after id `after`
 * (office/department filters when not NULL; self > 0: only self and the principals self is
 * assigned to), as the range *lo … *hi (both 0 when none); *more when more follow. */
enum hl_err store_board_page(struct db *db, int64_t after, int limit, const char *office,
                             const char *department, int64_t self, int64_t *lo, int64_t *hi,
                             bool *more, struct hl_error *err);
void cov_rows_cleanup(struct cov_rows *r);

enum hl_err store_data_stamp(struct db *db, int64_t *stamp, struct hl_error *err);

/* The planner's settings (JSON object) or NULL when none were saved; *version 0 then. */
enum hl_err store_setting_get(struct db *db, const char *key, json_t **value, int64_t *version,
                              struct hl_error *err);
/* Saves when the stored version is still `version` (0: not saved yet), else HL_ERR_STALE. */
enum hl_err store_setting_put(struct db *db, const char *key, const json_t *value, int64_t version,
                              struct hl_error *err);

struct cov_plan_row {
    int64_t id, data_stamp, version;
    char from_date[11], to_date[11];
    char engine[8], status[12];
    int slot_minutes;
};

enum hl_err store_plan_insert(struct db *db, const struct cov_plan_row *p, const json_t *objective,
                              const json_t *stats, const json_t *open_gaps, const char *actor,
                              int64_t *id, struct hl_error *err);
enum hl_err store_plan_get(struct db *db, int64_t id, struct cov_plan_row *p, json_t **objective,
                           json_t **stats, json_t **open_gaps, struct hl_error *err);
enum hl_err store_cover_insert(struct db *db, int64_t plan_id, int64_t principal, int64_t assistant,
                               int64_t start, int64_t end, int slots, double cost,
                               const char *reason, const char *status, int64_t *id,
                               struct hl_error *err);
/* One proposed cover of a plan, for store_plan_covers_insert. */
struct cov_new_cover {
    int64_t principal, assistant, start, end;
    int slots;
    double cost;
    const char *reason;
};
/* A plan's proposed covers are inserted this many rows per statement. */
#define COV_INSERT_BATCH 32
/* Saving a plan's covers without checking their foreign keys row by row: they refer to the
 * plan inserted in the same transaction and to people read at the data stamp that the save
 * checks in that transaction (deleting a person, assistant or principal moves the stamp), so
 * they hold by construction, and the three lookups per row are a third of SQLite's cost. Turns
 * the checks off on this connection when they are on and no transaction is open (the pragma
 * does nothing inside one); true when it did, and then store_plan_fk_resume turns them on. */
bool store_plan_fk_pause(struct db *db);
void store_plan_fk_resume(struct db *db, bool paused);
/* Inserts n ≤ COV_INSERT_BATCH proposed covers of plan plan_id in one statement, in order;
 * ids[i] is the id of rows[i]. */
enum hl_err store_plan_covers_insert(struct db *db, int64_t plan_id,
                                     const struct cov_new_cover *rows, size_t n, int64_t *ids,
                                     struct hl_error *err);
/* A proposed or accepted cover is no longer needed (its absence was cancelled): superseded.
 * *changed is false when it was neither. */
enum hl_err store_cover_release(struct db *db, int64_t id, bool *changed, struct hl_error *err);
/* Part of a proposed or accepted cover is no longer needed: the part [start, end) of `slots`
 * slots stays. first: the row itself shrinks to it; else a new row of the same plan, people,
 * cost, reason and status is made for it (*new_id). *changed is false when the cover was
 * neither proposed nor accepted. */
enum hl_err store_cover_keep_part(struct db *db, int64_t id, int64_t start, int64_t end, int slots,
                                  bool first, bool *changed, int64_t *new_id, struct hl_error *err);

/* Proposed covers of the principal overlapping [from, to) become superseded. */
enum hl_err store_covers_supersede(struct db *db, int64_t principal, int64_t from, int64_t to,
                                   struct hl_error *err);
/* The covers of a plan, or (plan 0) the proposed and accepted covers overlapping [from, to),
 * of one assistant and/or one principal when those are not 0, of the principals with ids
 * principal_lo … hi when lo is not 0 — as JSON objects with names. A row whose text cannot be
 * written (not UTF-8) is an error (logged), never left out. */
enum hl_err store_covers_json(struct db *db, int64_t plan_id, int64_t assistant_id,
                              int64_t principal_id, int64_t principal_lo, int64_t principal_hi,
                              int64_t from, int64_t to, json_t **items, struct hl_error *err);
/* A page of the proposed and accepted covers overlapping [from, to), of one assistant and/or
 * one principal when those are not 0, in id order after id `after`: at most `limit`; *more when
 * more follow. */
enum hl_err store_covers_page(struct db *db, int64_t assistant_id, int64_t principal_id,
                              int64_t from, int64_t to, int64_t after, int limit, json_t **items,
                              bool *more, struct hl_error *err);
/* The plan's proposed covers that store_covers_accept(ids) would accept, by assistant then
 * start: [{assistant_id, time_zone (the assistant's), principal (name), start_at, end_at
 * (seconds)}]. */
enum hl_err store_covers_to_accept(struct db *db, int64_t plan_id, const json_t *ids, json_t **rows,
                                   struct hl_error *err);
/* Sets status accepted on the plan's proposed covers (all when ids is NULL); *n how many. */
enum hl_err store_covers_accept(struct db *db, int64_t plan_id, const json_t *ids, int *n,
                                struct hl_error *err);
/* Moves a plan to a new data stamp (after accepting part of it, the rest stays acceptable). */
enum hl_err store_plan_set_stamp(struct db *db, int64_t plan_id, int64_t stamp,
                                 struct hl_error *err);
/* Bumps the plan's version when it is still `version` (HL_ERR_STALE otherwise). */
enum hl_err store_plan_bump(struct db *db, int64_t plan_id, int64_t version, struct hl_error *err);
enum hl_err store_cover_get(struct db *db, int64_t id, struct cov_span *c, int64_t *version,
                            int64_t *plan_id, char status[12], struct hl_error *err);
enum hl_err store_cover_set_assistant(struct db *db, int64_t id, int64_t version, int64_t assistant,
                                      const char *reason, struct hl_error *err);

/* ---- the end-to-end validator's reads (its own SQL; see svc_coverage_verify) ---- */

/* One person as the validator sees them: every weekly pattern (validity as day numbers) and
 * every approved absence. */
struct cov_vperson {
    int64_t id;
    bool exists, active, assistant, principal;
    int capacity;
    char *tz;
    char *office; /* whose holidays apply (the office's calendar and hand-added days) */
    struct cov_pattern *patterns;
    size_t n_patterns;
    struct cov_span *absences; /* start, end: instants */
    size_t n_absences;
};

/* The plan's proposed and accepted covers: id, a = assistant, b = principal, instants. */
enum hl_err store_verify_covers(struct db *db, int64_t plan_id, struct cov_span **covers, size_t *n,
                                struct hl_error *err);
enum hl_err store_verify_person(struct db *db, int64_t id, struct cov_vperson *out,
                                struct hl_error *err);
void cov_vperson_cleanup(struct cov_vperson *p);
/* The assistant's primary and secondary assignments to active principals: b = principal,
 * start/end = days (inclusive). */
enum hl_err store_verify_assignments(struct db *db, int64_t assistant, struct cov_span **out,
                                     size_t *n, struct hl_error *err);
/* The covers that hold the assistant over [from, to): accepted covers of other plans and the
 * plan's own proposed or accepted ones (accepted flag as stored). */
enum hl_err store_verify_busy(struct db *db, int64_t assistant, int64_t plan_id, int64_t from,
                              int64_t to, struct cov_span **out, size_t *n, struct hl_error *err);
/* The principal's must-have skills: id = skill, a = level needed (max over must-have duties),
 * b = the assistant's level (0 without the skill). */
enum hl_err store_verify_skills(struct db *db, int64_t principal, int64_t assistant,
                                struct cov_span **out, size_t *n, struct hl_error *err);
/* The principal's primary and secondary assignments of active assistants: a = assistant,
 * start/end = days (inclusive). */
enum hl_err store_verify_own(struct db *db, int64_t principal, struct cov_span **out, size_t *n,
                             struct hl_error *err);
/* Accepted covers of the principal from other plans overlapping [from, to). */
enum hl_err store_verify_others(struct db *db, int64_t principal, int64_t plan_id, int64_t from,
                                int64_t to, struct cov_span **out, size_t *n, struct hl_error *err);

#endif
