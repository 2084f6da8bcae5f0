/* api.h: the HTTP handlers named in the route table (api_entity.c, api_misc.c). */
#ifndef HL_API_H
#define HL_API_H

#include "http.h"

enum hl_err api_entity_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_entity_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_entity_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_entity_update(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_entity_delete(struct request *req, struct response *res, struct hl_error *err);
/* POST /api/v1/<path>/{id}/<action> of a workflow (route->wf, route->act). */
enum hl_err api_workflow_action(struct request *req, struct response *res, struct hl_error *err);

enum hl_err api_healthz(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_metrics(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_openapi(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_audit_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_supporters(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_principals_of(struct request *req, struct response *res, struct hl_error *err);
/* api_import.c */
enum hl_err api_org_import(struct request *req, struct response *res, struct hl_error *err);

/* api_auth.c */
enum hl_err api_login(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_logout(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_me(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_session_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_password_change(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_me_lang(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_sessions_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_session_delete(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_tokens_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_token_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_token_delete(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_users_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_user_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_user_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_user_update(struct request *req, struct response *res, struct hl_error *err);

/* api_coverage.c */
enum hl_err api_coverage_board(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_coverage_plan(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_coverage_accept(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_coverage_replace(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_coverage_covers(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_absence_impact(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_cover_candidates(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_planner_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_planner_settings_update(struct request *req, struct response *res,
                                        struct hl_error *err);

#endif
