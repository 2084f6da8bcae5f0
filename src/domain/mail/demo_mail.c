/* demo_mail.c: the mail domain's demo data — each demo login reads Haldus in the language of
 * its office (Estonian in Tallinn, English in London) and has been sent its invitation, which
 * waits in the outbox until an SMTP relay is configured. */
#include "mail.h"
#include "store_mail.h"

#include <stdlib.h>

static const struct mail_template invitation = {
    "account.invitation",
    {"Your Haldus account", "Sinu Halduse konto"},
    {"Hello,\n\nyour administrative pool now runs in Haldus. Sign in at the address your "
     "manager gives you with your e-mail address as the login; the first time, your manager "
     "tells you the password, which you then change on your account page.\n\n— Haldus",
     "Tere!\n\nAssistentide tööd planeeritakse nüüd Halduses. Logi sisse aadressil, mille "
     "sinu haldur annab, kasutajanimeks sinu e-posti aadress; esimesel korral ütleb parooli "
     "haldur ja sa vahetad selle oma konto lehel.\n\n— Haldus"},
};

enum hl_err mail_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    int64_t *ids;
    size_t n;
    enum hl_err e = store_mail_demo_accounts(ctx->db, &ids, &n, err);
    if (e != HL_OK)
        return e;
    /* The large benchmark organisation gets languages but no mail. */
    for (size_t i = 0; !demo->large && i < n && e == HL_OK; i++) {
        struct mail_to to = {ids[i], NULL, MAIL_EN};
        e = mail_enqueue(ctx, &invitation, &to, NULL, NULL, NULL, err);
    }
    free(ids);
    return e;
}
