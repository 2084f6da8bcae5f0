/* store_entity.h: SQL for every table-driven entity (see entity.h): get, list, insert, update,
 * delete. Records travel as JSON objects in the API's form; this file converts columns. */
#ifndef HL_STORE_ENTITY_H
#define HL_STORE_ENTITY_H

#include "db.h"
#include "buf.h"
#include "entity.h"

#define LIST_MAX_FILTERS 16

struct list_filter {
    const struct field *field;
    json_t *value; /* borrowed */
};

struct list_query {
    int limit;        /* rows to return, 1–500 */
    int64_t after_id; /* keyset cursor: rows with a larger id; 0 from the start */
    struct list_filter filters[LIST_MAX_FILTERS];
    size_t nfilters;
    const char *name_prefix; /* NULL: no prefix filter */
    bool window;             /* only rows whose [window_start, window_end) overlaps [from, to) */
    int64_t from, to;
    int64_t scope_person;   /* > 0: only rows this person may see (entity.h's scope) */
    bool manager_role_rows; /* true: only rows meeting ent->manager_role_rows (an admin) */
};

/* Fills *items with a new JSON array of at most q->limit records in id order, and *more with
 * whether rows follow. */
enum hl_err store_entity_list(struct db *db, const struct entity *ent, const struct list_query *q,
                              json_t **items, bool *more, struct hl_error *err);

/* The same page written as JSON text (an array of records) at the end of out — the fast
 * path of the API's lists. *last_id is the id of the last record written (0: none). */
enum hl_err store_entity_list_text(struct db *db, const struct entity *ent,
                                   const struct list_query *q, struct buf *out, int64_t *last_id,
                                   bool *more, struct hl_error *err);

/* *out receives a new record, or HL_ERR_NOT_FOUND. */
enum hl_err store_entity_get(struct db *db, const struct entity *ent, int64_t id, json_t **out,
                             struct hl_error *err);
/* The same, but a row that scope_person (> 0) may not see is HL_ERR_NOT_FOUND too. */
enum hl_err store_entity_get_scoped(struct db *db, const struct entity *ent, int64_t id,
                                    int64_t scope_person, json_t **out, struct hl_error *err);
/* The same, and when where_rows is true the row must also meet ent->manager_role_rows. */
enum hl_err store_entity_get_rows(struct db *db, const struct entity *ent, int64_t id,
                                  int64_t scope_person, bool where_rows, json_t **out,
                                  struct hl_error *err);

/* Today (YYYY-MM-DD) for person at now: the date in their own time zone, by which the dates
 * of their links (assignments) are read. UTC's date when the person or their zone is unknown. */
void store_person_today(struct db *db, int64_t person, int64_t now, char out[11]);

/* *yes when row id of ent meets ent->vis.standin for `person` today (false without one). */
enum hl_err store_entity_standin(struct db *db, const struct entity *ent, int64_t id,
                                 int64_t person, bool *yes, struct hl_error *err);

enum hl_err store_entity_exists(struct db *db, const struct entity *ent, int64_t id, bool *exists,
                                struct hl_error *err);

/* Inserts the fields present in values (validated by the caller); the rest take the
 * table's defaults. *id receives the new id. */
enum hl_err store_entity_insert(struct db *db, const struct entity *ent, const json_t *values,
                                int64_t *id, struct hl_error *err);

/* Writes the fields present in changes and bumps the version, only if the record still has
 * `version`: otherwise HL_ERR_STALE. */
enum hl_err store_entity_update(struct db *db, const struct entity *ent, int64_t id,
                                int64_t version, const json_t *changes, struct hl_error *err);

enum hl_err store_entity_delete(struct db *db, const struct entity *ent, int64_t id,
                                struct hl_error *err);

#endif
