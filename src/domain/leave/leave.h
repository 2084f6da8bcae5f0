/* leave.h: the leave domain — yearly entitlements per office and leave kind, a person's own
 * entitlement and carry-over per year, the balance a request leaves, and the stand-in approvers
 * of managers who are away. */
#ifndef HL_LEAVE_H
#define HL_LEAVE_H

#include "domain.h"
#include "entity.h"
#include "http.h"
#include "svc.h"

#include <jansson.h>
#include <stdint.h>

extern const struct entity ent_leave_policy;
extern const struct entity ent_leave_entitlement;
extern const struct entity ent_approval_standin;
extern const struct domain domain_leave;

/* Estonia's Employment Contracts Act: 28 calendar days of annual leave; the default for
 * vacation wherever an office names no policy. */
#define LEAVE_DEFAULT_VACATION_DAYS 28

/* A request to weigh against the balance: [start, end) as instants; `self` is the id of the
 * absence it is (not counted twice among the booked ones), 0 for a request not yet made. */
struct leave_request {
    int64_t start, end;
    int64_t self;
};

/* The balance of person's leave of `kind`: of the year of the request's first local day (or of
 * `year`, or this year when 0), as of that day (or today), with every requested and approved
 * absence of the kind that year; with `req`, also what it charges and the balance after it.
 * A non-manager may ask about themselves only (404 otherwise). See docs/api.md. */
enum hl_err svc_leave_balance(struct svc_ctx *ctx, int64_t person, const char *kind, int year,
                              const struct leave_request *req, json_t **out, struct hl_error *err);

/* The manager person ctx's account stands in for today (0: none). */
enum hl_err svc_leave_standin_for(struct svc_ctx *ctx, int64_t *manager, struct hl_error *err);

/* GET /api/v1/leave/balance */
enum hl_err api_leave_balance(struct request *req, struct response *res, struct hl_error *err);

/* The demo hook: an office policy, carry-over for some assistants, a stand-in. */
enum hl_err leave_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);

#endif
