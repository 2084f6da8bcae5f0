/* store_workbench.h: SQL for the manager's workbench: the flags (executives without support,
 * assistants over capacity or contracted hours) and a principal's designated-backup list. */
#ifndef HL_STORE_WORKBENCH_H
#define HL_STORE_WORKBENCH_H

#include "db.h"

#include <jansson.h>

/* Active principals who lack an active primary assistant on some day of [from, to]
 * (YYYY-MM-DD): [{principal_id, name, office, department, from, until}], `from` the first such
 * day, `until` the day a primary assistant starts again (null: none does). By name. *items is
 * new. */
enum hl_err store_flags_unsupported(struct db *db, const char *from, const char *to, json_t **items,
                                    struct hl_error *err);

/* Active assistants who, on some day of [from, to], support more principals as primary or
 * secondary than their capacity, or whose weekly working hours in force (less an hour's break
 * on each day of more than six hours) pass their contracted hours: [{assistant_id, name, office,
 * reason: "capacity"|"hours", date, value, limit}], one item per assistant and reason, with the
 * first such day. *items is new. */
enum hl_err store_flags_overloaded(struct db *db, const char *from, const char *to, json_t **items,
                                   struct hl_error *err);

/* The ids and versions of a principal's designated backups in rank order:
 * [{id, assistant_id, rank, version}]; *items is new. */
enum hl_err store_backup_rows(struct db *db, int64_t principal_id, json_t **items,
                              struct hl_error *err);

/* A person's working-hour rows, by valid_from (null first), weekday and start:
 * [{id, weekday, start_time, end_time, valid_from, valid_to, version}]; *items is new. */
enum hl_err store_week_rows(struct db *db, int64_t person_id, json_t **items, struct hl_error *err);

/* The principals an assistant has an assignment with (any kind) overlapping [from, to]: a new
 * array of ids. */
enum hl_err store_principals_assigned(struct db *db, int64_t assistant_id, const char *from,
                                      const char *to, json_t **ids, struct hl_error *err);

#endif
