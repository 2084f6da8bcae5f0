/* plan_families.h: seeded hard instance families for the coverage planner, shared by the unit
 * test and the benchmark (docs/planner.md §9). Plain structs, no I/O. */
#ifndef HL_PLAN_FAMILIES_H
#define HL_PLAN_FAMILIES_H

#include "plan.h"

#include <stdint.h>

enum plan_family {
    PLAN_FAM_OFFICE_AWAY,  /* an office mostly away; `size` = pairs (senior + skill colleague) */
    PLAN_FAM_TIGHT,        /* capacity 1 everywhere, little spare room */
    PLAN_FAM_SCARCE,       /* must-have skills that only a few assistants hold */
    PLAN_FAM_ZONES,        /* eight zones, DST changes inside the window */
    PLAN_FAM_MASS_ABSENCE, /* half the pool away */
    PLAN_FAM_MIDSIZE,      /* a random week of a mid-size organisation */
    PLAN_FAM_QUARTER,      /* a long window: thirteen weeks */
    PLAN_FAM_COUNT,
};

/* "office-away", "tight", … (NULL out of range). */
const char *plan_family_name(enum plan_family f);

/* Builds and finishes a member of family f into inst (initialised by the call; the caller
 * cleans it up). `size` is the number of assistants (the number of pairs for office-away, whose
 * pool is then about 8 × size), `seed` any number: the same arguments give the same instance. */
void plan_family_build(enum plan_family f, int32_t size, uint64_t seed, struct plan_instance *inst);

#endif
