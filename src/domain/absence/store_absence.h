/* store_absence.h: the absence domain's SQL beyond the generic entity path. */
#ifndef HL_STORE_ABSENCE_H
#define HL_STORE_ABSENCE_H

#include "db.h"

#include <jansson.h>
#include <stdint.h>

/* The first absence of `person` other than `self` (0: none) that holds days (requested or
 * approved) and overlaps [start, end), as {id, kind, status, start_at, end_at}; *out is NULL
 * when there is none. Uses the (person_id, start_at) index. */
enum hl_err store_absence_overlap(struct db *db, int64_t person, int64_t self, int64_t start,
                                  int64_t end, json_t **out, struct hl_error *err);

#endif
