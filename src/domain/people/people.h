/* people.h: the people domain — the support model (DESIGN.md §3): people, assistants,
 * principals, skills, duties, their links, working hours and assignments. */
#ifndef HL_PEOPLE_H
#define HL_PEOPLE_H

#include "domain.h"
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

extern const char *const assignment_kinds[];

extern const struct domain domain_people;

#endif
