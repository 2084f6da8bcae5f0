/* svc_support.h: "who supports whom" on a date. */
#ifndef HL_SVC_SUPPORT_H
#define HL_SVC_SUPPORT_H

#include "svc.h"

#include <jansson.h>

/* {principal, date, supporters[], designated_backups[]} for a principal on date (NULL: today in
 * the principal's own zone). */
enum hl_err svc_supporters(struct svc_ctx *ctx, int64_t principal_id, const char *date,
                           json_t **out, struct hl_error *err);

/* {assistant, date, principals[]} for an assistant on date (NULL: today in the assistant's own
 * zone). */
enum hl_err svc_principals_of(struct svc_ctx *ctx, int64_t assistant_id, const char *date,
                              json_t **out, struct hl_error *err);

/* The day number it is today for whoever is signed in: in their person's time zone, so a window
 * that defaults to "today" starts where the web page's (the browser's today) does. UTC's day
 * for the CLI and for an account without a person. */
int64_t svc_support_today(struct svc_ctx *ctx);

#endif
