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

#endif
