/* api_mail.h: the mail domain's own routes (api_mail.c). */
#ifndef HL_API_MAIL_H
#define HL_API_MAIL_H

#include "http.h"

enum hl_err api_mail_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_settings_update(struct request *req, struct response *res,
                                     struct hl_error *err);
enum hl_err api_mail_retry(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_retry_failed(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_summary(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_prefs(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_prefs_update(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_mail_test(struct request *req, struct response *res, struct hl_error *err);

#endif
