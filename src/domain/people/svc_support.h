/* svc_support.h: "who supports whom" on a date. */
#ifndef HL_SVC_SUPPORT_H
#define HL_SVC_SUPPORT_H

#include "svc.h"

#include <jansson.h>

/* {principal, date, supporters[], designated_backups[]} for a principal on date. */
enum hl_err svc_supporters(struct svc_ctx *ctx, int64_t principal_id, const char *date,
                           json_t **out, struct hl_error *err);

/* {assistant, date, principals[]} for an assistant on date. */
enum hl_err svc_principals_of(struct svc_ctx *ctx, int64_t assistant_id, const char *date,
                              json_t **out, struct hl_error *err);

#endif
