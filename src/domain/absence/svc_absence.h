/* svc_absence.h: the absence workflow: request → approve | reject, cancel. */
#ifndef HL_SVC_ABSENCE_H
#define HL_SVC_ABSENCE_H

#include "svc.h"

#include <jansson.h>

enum absence_action { ABSENCE_APPROVE, ABSENCE_REJECT, ABSENCE_CANCEL };

/* The status an absence in status `from` reaches by `action`, or NULL when the transition
 * makes no sense (approving a rejected absence, cancelling a cancelled one …). */
const char *absence_next_status(const char *from, enum absence_action action);
const char *absence_action_name(enum absence_action action);

/* Applies the action to absence id with an optional decision note (may be NULL); when
 * if_match is not IF_MATCH_NONE the version must match. An impossible transition is
 * HL_ERR_TRANSITION and changes nothing. *out receives the updated absence. */
enum hl_err svc_absence_act(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                            enum absence_action action, const char *note, json_t **out,
                            struct hl_error *err);

#endif
