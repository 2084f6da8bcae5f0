/* api_workbench.h: the workbench's HTTP handlers (api_workbench.c). */
#ifndef HL_API_WORKBENCH_H
#define HL_API_WORKBENCH_H

#include "http.h"

enum hl_err api_support_flags(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_support_preview(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_backups_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_backups_set(struct request *req, struct response *res, struct hl_error *err);

enum hl_err api_week_get(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_week_set(struct request *req, struct response *res, struct hl_error *err);

#endif
