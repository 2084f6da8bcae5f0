/* model.h: the entities of Haldus's domain model (DESIGN.md §3) as table-driven descriptions. */
#ifndef HL_MODEL_H
#define HL_MODEL_H

#include "entity.h"

extern const struct entity ent_person;
extern const struct entity ent_assistant;
extern const struct entity ent_principal;
extern const struct entity ent_skill;
extern const struct entity ent_duty;
extern const struct entity ent_duty_skill;
extern const struct entity ent_assistant_skill;
extern const struct entity ent_principal_duty;
extern const struct entity ent_backup;
extern const struct entity ent_work_pattern;
extern const struct entity ent_assignment;
extern const struct entity ent_absence;

/* Every entity, NULL-terminated, in the order the API document lists them. */
extern const struct entity *const model_entities[];

extern const char *const absence_kinds[];
extern const char *const absence_statuses[];
extern const char *const assignment_kinds[];

#endif
