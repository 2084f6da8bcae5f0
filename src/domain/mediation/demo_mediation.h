/* demo_mediation.h: the mediation domain's demo hook (domain.h, `demo`). */
#ifndef HL_DEMO_MEDIATION_H
#define HL_DEMO_MEDIATION_H

#include "domain.h"

enum hl_err demo_mediation(struct svc_ctx *ctx, const struct demo_context *demo,
                           struct hl_error *err);

#endif
