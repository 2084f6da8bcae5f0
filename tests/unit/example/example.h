/* example.h: a small example domain, kept with the tests and never shipped: tickets raised
 * between people, with a workflow and a `parties` visibility. It shows what adding a domain
 * takes (docs/architecture.md, "Adding a domain"): this folder, one migration and one line in
 * the registry. */
#ifndef HL_EXAMPLE_H
#define HL_EXAMPLE_H

#include "domain.h"

extern const struct entity ent_ticket;
extern const struct workflow wf_ticket;
extern const struct domain domain_example;

#endif
