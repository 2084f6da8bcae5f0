/* api_mediation.h: HTTP ⇄ svc for the mediation routes (model_mediation.c's table). */
#ifndef HL_API_MEDIATION_H
#define HL_API_MEDIATION_H

#include "http.h"

enum hl_err api_case_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_update(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_entry_add(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_party_set(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_session_add(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_session_find(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_action_add(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_action_update(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_case_purge(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mediation_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mediation_settings_update(struct request *req, struct response *res,
                                          struct hl_error *err);

#endif
