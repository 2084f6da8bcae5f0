/* mediation.h: the mediation domain — confidential cases between an assistant and an executive
 * (issue 13): the case entity with its `parties` visibility, its workflow, and the domain. */
#ifndef HL_MEDIATION_H
#define HL_MEDIATION_H

#include "domain.h"
#include "entity.h"
#include "workflow.h"

extern const struct entity ent_case;
extern const struct workflow wf_case;
extern const char *const case_categories[];
extern const char *const case_severities[];
extern const char *const case_statuses[];
extern const char *const case_outcomes[];
extern const char *const entry_kinds[];
extern const char *const entry_visibilities[];

/* The neutral title every session carries in calendars and feeds. */
#define CASE_SESSION_TITLE "Meeting with the manager"

extern const struct domain domain_mediation;

#endif
