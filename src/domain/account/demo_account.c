/* demo_account.c: the account domain's demo data — one invitation still waiting to be
 * accepted, so the admin's accounts page shows a pending invitation with Resend and Revoke. */
#include "account_domain.h"
#include "svc_invite.h"

/* The address `make demo` serves at: the demo's invitation link points there (HALDUS_SITE_URL,
 * when set, wins). */
#define DEMO_SITE "http://127.0.0.1:8080"

enum hl_err account_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    if (demo->large)
        return HL_OK;
    /* A deputy manager being onboarded: no person record yet, so the pool's people, plans and
     * counts stay as they are. */
    struct invite_req r = {"liis.deputy@demo.haldus.example", "manager", 0,
                           "liis.deputy@demo.haldus.example", "et"};
    json_t *out = NULL;
    enum hl_err e = invite_create_tx(ctx, &r, DEMO_SITE, &out, err);
    json_decref(out);
    return e;
}
