/* absence.h: the absence domain — leave and other time away, and its workflow. */
#ifndef HL_ABSENCE_H
#define HL_ABSENCE_H

#include "domain.h"
#include "entity.h"
#include "workflow.h"

extern const struct entity ent_absence;
extern const struct workflow wf_absence;
extern const char *const absence_kinds[];
extern const char *const absence_statuses[];

extern const struct domain domain_absence;

/* The person's approved absences as calendar-feed events (feed_absence.c). */
enum hl_err absence_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                         struct feed_list *out, struct hl_error *err);

#endif
