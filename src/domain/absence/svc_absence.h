/* svc_absence.h: what the absence workflow does beyond its table (model_absence.c). */
#ifndef HL_SVC_ABSENCE_H
#define HL_SVC_ABSENCE_H

#include "svc.h"
#include "workflow.h"

#include <jansson.h>

/* Before any decision is written (workflow.h, before): who decides and, for a stand-in
 * approver, on whose behalf (decided_by, decided_for); an approval that takes the leave balance
 * below zero needs {"override": true} (HL_ERR_LEAVE_BALANCE otherwise). */
enum hl_err absence_before_action(struct svc_ctx *ctx, const struct wf_action *act,
                                  const json_t *cur, const json_t *body, json_t *changes,
                                  struct hl_error *err);

/* After an approval is committed: plans the absence's days and adds the plan (or why there is
 * none) to the approved absence `out` as coverage_plan / coverage_error. The approval stands
 * either way. */
void absence_after_approve(struct svc_ctx *ctx, int64_t id, json_t *out);

/* After a cancel is committed: releases the covers its days no longer need and tells the
 * executives (svc_coverage_release); adds released_covers and notified_principal_ids to out. */
void absence_after_cancel(struct svc_ctx *ctx, int64_t id, json_t *out);

/* Adds the AbsenceCancelled schema (the absence with what the cancel released). */
void absence_cancelled_schema(json_t *schemas);

/* Adds the AbsenceApproved schema (the absence with its coverage_plan) to the API document. */
void absence_approved_schema(json_t *schemas);

#endif
