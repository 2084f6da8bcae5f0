/* fit.h: the role-fit domain (issue 14): the executive's role profile, the assistant's working
 * style and experience per duty, the best fits for an executive, the pool-wide what-if and its
 * acceptance, the fit weights. */
#ifndef HL_FIT_H
#define HL_FIT_H

#include "domain.h"
#include "entity.h"
#include "http.h"
#include "svc.h"

extern const struct entity ent_role_profile;
extern const struct entity ent_work_style;
extern const struct entity ent_duty_experience;
extern const struct domain domain_fit;

/* GET /api/v1/fit, POST /api/v1/fit/assign */
enum hl_err api_fit(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_fit_assign(struct request *req, struct response *res, struct hl_error *err);
/* POST /api/v1/fit/backups: a suggested backup designated in one click */
enum hl_err api_fit_backup(struct request *req, struct response *res, struct hl_error *err);
/* GET /api/v1/fit/covers, POST /api/v1/coverage/covers/{id}/rating: how past covers went */
enum hl_err api_fit_covers(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_fit_rate(struct request *req, struct response *res, struct hl_error *err);
/* GET /api/v1/matching/proposals, POST /api/v1/matching/proposals/accept */
enum hl_err api_matching_proposals(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_matching_accept(struct request *req, struct response *res, struct hl_error *err);
/* GET and PATCH /api/v1/settings/fit */
enum hl_err api_fit_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_fit_settings_update(struct request *req, struct response *res,
                                    struct hl_error *err);

/* The demo hook: styles, profiles and experience so the demo's fits differ. */
enum hl_err fit_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);

#endif
