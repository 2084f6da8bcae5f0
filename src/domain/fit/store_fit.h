/* store_fit.h: SQL of the role-fit domain: what the best fits and the pool-wide what-if read
 * (issue 14). */
#ifndef HL_STORE_FIT_H
#define HL_STORE_FIT_H

#include "db.h"
#include "err.h"
#include "fit_score.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Why a pair may not be matched. */
enum fit_forbid { FIT_FORBID_NONE, FIT_FORBID_INCOMPATIBLE, FIT_FORBID_OPEN_CASE };

/* The executives of the set (one executive when `principal` is given, else a department, all
 * when NULL) with today's primary assistant, every active assistant with the places left after
 * the other executives it holds (as the workbench's over-capacity flag counts: distinct active
 * executives outside the set held as primary or secondary today), the set's executives each
 * assistant holds as secondary, the skills the executives' duties need, the assistants' skills
 * with their years, the languages, hours (minutes of this week in UTC), workloads and styles,
 * the history (accepted covers that ended, mediation cases), the forbidden pairs (recorded
 * incompatible pairs and cases not closed between an assistant and an executive) and the
 * designated backups. Rows sorted by id. */
struct fit_pool {
    size_t n_exec, n_asst;
    int64_t *exec_id, *exec_current; /* current: assistant id or 0 */
    char **exec_name;
    double *exec_workload; /* hours a week, 0 when not stated */
    int8_t (*exec_style)[FIT_STYLE__COUNT];
    int64_t *asst_id;
    char **asst_name;
    int32_t *asst_free;      /* capacity minus the executives outside the set held as primary or
                                secondary, ≥ 0 */
    int32_t *asst_years;     /* experience_years */
    double *asst_hours_free; /* contracted hours minus the workload supported outside the set */
    int8_t (*asst_style)[FIT_STYLE__COUNT];
    size_t *need0; /* [n_exec + 1]: needs[need0[i] .. need0[i+1]) */
    struct fit_need *needs;
    size_t *skill0; /* [n_asst + 1] */
    struct fit_skill *skills;
    /* languages as small numbers (indexes into lang_name), per person */
    size_t n_lang;
    char **lang_name;
    size_t *elang0, *alang0; /* [n + 1] */
    int64_t *elangs, *alangs;
    size_t *ehour0, *ahour0; /* [n + 1] */
    struct fit_span *ehours, *ahours;
    size_t n_forbid;
    int64_t *forbid;     /* pairs: assistant id, executive id */
    int8_t *forbid_kind; /* enum fit_forbid */
    size_t n_covers;
    /* five a row: assistant id, executive id, accepted covers that ended and went well (or were
     * not rated), those rated as gone badly, the start of the latest of those (0: none) */
    int64_t *covers;
    size_t n_med;
    int64_t *med; /* pairs: assistant id, executive id with a case open or closed reassigned */
    size_t n_backup;
    int64_t *backup; /* pairs: assistant id, executive id designated */
    size_t n_secondary;
    int64_t *secondary; /* pairs: assistant id, executive of the set it holds as secondary */
    size_t n_skill_names;
    int64_t *skill_id;
    char **skill_name;
};

enum hl_err store_fit_pool(struct db *db, const char *department, int64_t principal,
                           struct fit_pool *out, struct hl_error *err);
void store_fit_pool_free(struct fit_pool *p);

/* A fingerprint of every assignment (ids and versions) and today's date: a what-if computed
 * on other assignments is stale. */
enum hl_err store_fit_basis(struct db *db, uint64_t *basis, struct hl_error *err);

/* Today's primary assignment of principal (id and version, 0 when none; *start its start). */
enum hl_err store_fit_current_primary(struct db *db, int64_t principal, int64_t *id,
                                      int64_t *version, char start[11], struct hl_error *err);

/* Today's date (UTC, YYYY-MM-DD) by the database's clock. */
enum hl_err store_fit_today(struct db *db, char today[11], struct hl_error *err);

/* A cover of the coverage plan, as rating it needs to know. */
struct fit_cover {
    int64_t principal_id, assistant_id, start_at, end_at;
    bool accepted;
};
/* *out is zero (principal_id 0) when there is no such cover. */
enum hl_err store_fit_cover(struct db *db, int64_t cover_id, struct fit_cover *out,
                            struct hl_error *err);

/* The rating of a cover by rater ("manager" | "executive"): {id, version, outcome, note,
 * rated_by, rated_at}, or NULL when there is none. New reference. */
enum hl_err store_fit_rating_get(struct db *db, int64_t cover_id, const char *rater, json_t **out,
                                 struct hl_error *err);
/* Inserts (version 0) or updates the rating at that version (HL_ERR_STALE when it moved). */
enum hl_err store_fit_rating_put(struct db *db, int64_t cover_id, const char *rater,
                                 int64_t version, const char *outcome, const char *note,
                                 const char *rated_by, struct hl_error *err);

/* The principal's accepted covers that ended in (from, to], newest first, at most limit:
 * [{cover_id, assistant_id, assistant, start_at, end_at, manager, executive}] with each
 * rating as store_fit_rating_get (null when none). */
enum hl_err store_fit_past_covers(struct db *db, int64_t principal, int64_t from, int64_t to,
                                  int limit, json_t **items, struct hl_error *err);

/* The demo's rows: which = 0 active principals' ids, 1 active assistants' ids, 2 pairs
 * (assistant, duty) where the assistant has every skill the duty needs, 3 pairs (principal,
 * first designated backup). *ids is malloc'd (two
 * numbers a row for pairs), *n rows. */
enum hl_err store_fit_demo_rows(struct db *db, int which, int64_t **ids, size_t *n,
                                struct hl_error *err);

/* The demo's past covers: an accepted cover without a plan, [start, end) UTC seconds. */
enum hl_err store_fit_demo_cover(struct db *db, int64_t principal, int64_t assistant, int64_t start,
                                 int64_t end, int64_t *id, struct hl_error *err);

#endif
