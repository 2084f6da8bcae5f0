/* store_recruit.h: the recruiting domain's SQL beyond the generic entity path: the executive's
 * duties for a requisition, the screening's full-text matches, the board's stage history, the
 * resume file, the public postings and the erasure of a candidate. */
#ifndef HL_STORE_RECRUIT_H
#define HL_STORE_RECRUIT_H

#include "db.h"
#include "err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* {duties:[names], must_skills:[names], languages:[…], office, name} of the executive. */
enum hl_err store_recruit_template(struct db *db, int64_t principal_id, json_t **out,
                                   struct hl_error *err);

/* The ids (ascending) of a requisition's applications in stage (NULL: the open stages), with
 * language among their declared languages when language is not NULL. *ids malloc'd. */
enum hl_err store_recruit_ids(struct db *db, int64_t requisition, const char *stage,
                              const char *language, int64_t **ids, size_t *n, struct hl_error *err);

/* Calls fn(cls, id, bm25) for every application whose text matches the FTS5 query. */
enum hl_err store_recruit_match(struct db *db, const char *query, bool with_bm25,
                                void (*fn)(void *cls, int64_t id, double bm25), void *cls,
                                struct hl_error *err);

/* [{application_id, stage, entered_at, left_at}] of a requisition's applications (or of one
 * application when app > 0), in order. Instants as seconds. */
enum hl_err store_recruit_stages(struct db *db, int64_t requisition, int64_t app, json_t **out,
                                 struct hl_error *err);

enum hl_err store_recruit_file_put(struct db *db, int64_t app, const void *data, size_t len,
                                   struct hl_error *err);
enum hl_err store_recruit_demo_history(struct db *db, int64_t app, const char *const *stages,
                                       const int64_t *at, size_t n, struct hl_error *err);
enum hl_err store_recruit_file_get(struct db *db, int64_t app, unsigned char **data, size_t *len,
                                   struct hl_error *err);

/* The published postings, [{id, requisition_id, lang, title, body, office}], of one
 * requisition's both languages when id > 0 (the posting's own first). */
enum hl_err store_recruit_public(struct db *db, int64_t posting_id, json_t **out,
                                 struct hl_error *err);

/* Erases application id: the row (its file, search text and stage history go with it), the
 * before/after data of its audit rows and its queued e-mails. */
enum hl_err store_recruit_erase(struct db *db, int64_t id, const char *email, struct hl_error *err);

/* Writes the skills (names, level 3) of a new assistant, creating skills that do not exist. */
enum hl_err store_recruit_skills(struct db *db, int64_t assistant, const json_t *names,
                                 struct hl_error *err);

/* The retention setting (row `recruit` of `setting`): *days (default RECRUIT_RETENTION_DAYS when
 * there is no row) and *version (1 then). */
enum hl_err store_recruit_retention(struct db *db, int *days, int64_t *version,
                                    struct hl_error *err);
/* Writes it when the stored version is `version` (1: also no row yet); HL_ERR_STALE otherwise. */
enum hl_err store_recruit_retention_set(struct db *db, int days, int64_t version,
                                        struct hl_error *err);

/* [{id, email, requisition_id, stage}] of the rejected and withdrawn applications whose stage
 * changed before `before` (seconds). */
enum hl_err store_recruit_expired(struct db *db, int64_t before, json_t **out,
                                  struct hl_error *err);

/* ---- screening's stored numbers (see rank_row in recruit.h) ---- */

/* Makes sure the connection has the FTS5 function haldus_terms(application_search), which
 * gives a row's token count and, per phrase of the query, its count in resume and note and in
 * any column. Cheap when it is there already. */
enum hl_err store_recruit_fts_ready(struct db *db, struct hl_error *err);

/* Calls fn(cls, id, blob, len) for each application of the requisition in stage (NULL: the open
 * stages) with language among its declared ones (NULL: any); blob is the stored rank_terms
 * (NULL: none yet), valid during the call. In no particular order. */
enum hl_err store_recruit_rank_scan(struct db *db, int64_t requisition, const char *stage,
                                    const char *language,
                                    void (*fn)(void *cls, int64_t id, const void *blob, int len),
                                    void *cls, struct hl_error *err);

/* One application's numbers for the FTS5 query of nphrase phrases ("" or NULL: none): its
 * token count and, per phrase, freq[k] (times in resume and note) and hit[k] (times anywhere). */
enum hl_err store_recruit_terms(struct db *db, int64_t id, const char *query, unsigned nphrase,
                                uint32_t *doclen, uint32_t *freq, uint32_t *hit,
                                struct hl_error *err);

/* The same for every application matching query: fn(cls, id, doclen, freq, hit). */
enum hl_err store_recruit_terms_all(struct db *db, const char *query, unsigned nphrase,
                                    void (*fn)(void *cls, int64_t id, uint32_t doclen,
                                               const uint32_t *freq, const uint32_t *hit),
                                    void *cls, struct hl_error *err);

/* Stores an application's numbers (rank_terms). */
enum hl_err store_recruit_terms_put(struct db *db, int64_t id, const void *blob, size_t len,
                                    struct hl_error *err);

/* ---- offers (offer_recruit.h) ---- */

/* [{id, status}] of application app's offers in `status` (NULL: all), by id. */
enum hl_err store_offer_ids(struct db *db, int64_t app, const char *status, json_t **out,
                            struct hl_error *err);

/* [{id}] of the sent offers whose answer was due before `today` (YYYY-MM-DD). */
enum hl_err store_offer_due(struct db *db, const char *today, json_t **out, struct hl_error *err);

/* [{application_id, status}]: the newest offer of each application of requisition req. */
enum hl_err store_offer_latest(struct db *db, int64_t req, json_t **out, struct hl_error *err);

#endif
