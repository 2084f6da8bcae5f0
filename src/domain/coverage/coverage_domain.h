/* coverage_domain.h: the coverage domain (board, plans, covers, planner settings) for the
 * registry. */
#ifndef HL_COVERAGE_DOMAIN_H
#define HL_COVERAGE_DOMAIN_H

#include "domain.h"

extern const struct domain domain_coverage;

/* The accepted covers the person takes or receives as calendar-feed events (feed_coverage.c). */
enum hl_err coverage_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err);

#endif
