/* mail.h: e-mail notifications. A domain that tells someone something calls mail_enqueue inside
 * its own transaction: the message is rendered from the domain's template in the recipient's
 * language and written to the durable outbox (sql/006_mail.sql); a sender delivers it later
 * through the organisation's SMTP relay. Nothing is lost when no relay is configured: the mail
 * stays queued and visible to managers and admins (GET /api/v1/mail). */
#ifndef HL_MAIL_H
#define HL_MAIL_H

#include "domain.h"
#include "entity.h"
#include "svc.h"

#include <jansson.h>
#include <stdint.h>

extern const struct entity ent_mail;
extern const struct domain domain_mail;

enum mail_lang { MAIL_EN = 0, MAIL_ET = 1 };

/* A message in both languages. `kind` names the notification ("message.urgent",
 * "meeting.invite"); people choose by kind which ones they get. Subject and body hold
 * {placeholders} filled from the params object (strings and integers). */
struct mail_template {
    const char *kind;
    const char *subject[2]; /* [MAIL_EN], [MAIL_ET] */
    const char *body[2];
};

struct mail_to {
    int64_t person_id;   /* a person in Haldus (their e-mail, their account's language) */
    const char *address; /* or an outside address (person_id 0) */
    enum mail_lang lang; /* the language for an outside address */
};

/* Renders tpl for the recipient and queues it, with an optional iCalendar attachment (ics,
 * an iTIP message with its METHOD; NULL for none). *id (may be NULL) gets the outbox row's id,
 * or 0 when the recipient chose not to get this kind. Runs in the caller's transaction. */
enum hl_err mail_enqueue(struct svc_ctx *ctx, const struct mail_template *tpl,
                         const struct mail_to *to, const json_t *params, const char *ics,
                         int64_t *id, struct hl_error *err);

/* The template's text in lang with {name} replaced by params' values ("{name}" stays when the
 * value is missing). Returns a malloc'ed string. */
char *mail_render(const char *text, const json_t *params);

/* The domain's demo hook (demo_mail.c). */
enum hl_err mail_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);

#endif
