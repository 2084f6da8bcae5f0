/* account_domain.h: the account domain (sign-in, sessions, tokens, accounts) for the registry. */
#ifndef HL_ACCOUNT_DOMAIN_H
#define HL_ACCOUNT_DOMAIN_H

#include "domain.h"
#include "err.h"

#include <jansson.h>

extern const struct domain domain_account;

/* Invitations (api_invite.c, welcome_account.c). */
struct request;
struct response;
/* The site's origin for links in e-mails: the request's Host, https when the proxy says so. */
char *invite_request_base(struct request *req);
/* POST /api/v1/users with {"invite": true}: body is the checked request body. */
enum hl_err api_user_invite(struct request *req, const json_t *body, struct response *res,
                            struct hl_error *err);
enum hl_err api_invitation_resend(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_invitation_revoke(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_invitations_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_invitation_accept(struct request *req, struct response *res, struct hl_error *err);
enum hl_err welcome_page(struct request *req, struct response *res, struct hl_error *err);
enum hl_err welcome_submit(struct request *req, struct response *res, struct hl_error *err);
enum hl_err welcome_style(struct request *req, struct response *res, struct hl_error *err);
/* The demo hook (demo_account.c): one pending invitation. */
enum hl_err account_demo(struct svc_ctx *ctx, const struct demo_context *demo,
                         struct hl_error *err);

#endif
