/* offer_recruit.h: recruiting's offer (issue 12) — the terms a candidate is offered (salary
 * with currency and period, start date, weekly hours, permanent or fixed-term contract, the
 * date the answer is due, notes) as a kit entity of the application, with its workflow
 * draft → sent → accepted | declined | withdrawn | expired. Sending moves the application to
 * the `offer` stage and mails the candidate the terms in their language; a new offer sent
 * withdraws the one sent before; the hire needs an accepted offer (or the manager's override
 * with a reason) and takes its start date and hours from it; the daily job expires sent offers
 * past their answer date. */
#ifndef HL_OFFER_RECRUIT_H
#define HL_OFFER_RECRUIT_H

#include "entity.h"
#include "svc.h"
#include "workflow.h"

#include <jansson.h>
#include <stdint.h>

extern const struct entity ent_offer;
extern const struct workflow wf_offer;

/* Workflow hook of the offer (svc_offer.c): who acted, and for send the checks, the stage move,
 * the replaced offer and the terms mail, all in the action's transaction. */
enum hl_err offer_before(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                         const json_t *body, json_t *changes, struct hl_error *err);

/* The offer's rules against the database (svc_offer.c): the application is open, the start
 * and answer dates are not past, the salary is within the requisition's range or overridden. */
enum hl_err offer_check_ctx(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                            struct hl_error *err);

/* The application's draft and sent offers withdrawn (it was rejected or withdrawn), in the
 * caller's transaction. */
enum hl_err offer_close_open(struct svc_ctx *ctx, int64_t application, struct hl_error *err);

/* The hire's precondition: the application's accepted offer (*offer, newest; NULL with the
 * override) or, without one, the manager's override reason in the hire's changes
 * (hire_override_reason); otherwise 409 offer_not_accepted. */
enum hl_err offer_for_hire(struct svc_ctx *ctx, const json_t *app, const json_t *changes,
                           json_t **offer, struct hl_error *err);

/* The hire's start date: the accepted offer's, else the requisition's, else NULL. New ref. */
json_t *offer_hire_start(struct svc_ctx *ctx, int64_t application, const json_t *req);

/* The application's offers (newest last), for the candidate's data export. */
enum hl_err offer_export(struct svc_ctx *ctx, int64_t application, json_t **out,
                         struct hl_error *err);

/* {application id: newest offer's status} of a requisition's applications, for the board. */
enum hl_err offer_board(struct svc_ctx *ctx, int64_t requisition, json_t **out,
                        struct hl_error *err);

/* The daily job: sent offers whose answer date has passed become expired (idempotent; own
 * transaction); *summary says how many, or stays NULL. */
enum hl_err offer_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err);

#endif
