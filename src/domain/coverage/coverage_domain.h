/* coverage_domain.h: the coverage domain (board, plans, covers, planner settings) for the
 * registry. */
#ifndef HL_COVERAGE_DOMAIN_H
#define HL_COVERAGE_DOMAIN_H

#include "domain.h"

extern const struct domain domain_coverage;

#endif
