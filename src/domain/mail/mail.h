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
#include <stdbool.h>
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

/* How mail names an actor that is no person (a struct svc_ctx without an account) in lang:
 * "cli" is "the administrator (command line)" / "administraator (käsurida)", Haldus's own
 * work ("jobs", "system") "Haldus"; NULL for any other actor. mail_enqueue puts it in place
 * of a parameter whose value is the actor's tag, capitalised where it opens a sentence. */
const char *mail_actor_name(const char *actor, enum mail_lang lang);

/* The template's text in lang with {name} replaced by params' values ("{name}" stays when the
 * value is missing). Returns a malloc'ed string. */
char *mail_render(const char *text, const json_t *params);

/* The local time of [start, end) in zone for a mail: "2026-03-02 09:00–17:00 (Europe/Tallinn)",
 * or with both dates when it spans days. Returns a malloc'ed string ("?" for a bad zone). */
char *mail_when(const char *zone, int64_t start, int64_t end);

/* The domain's demo hook (demo_mail.c). */
enum hl_err mail_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);

/* ---- delivery (sender_mail.c, send_mail.c): the outbox through the organisation's relay ---- */

#define MAIL_RETRY_LIMIT_DEFAULT 8 /* attempts before a mail is failed for good */
#define MAIL_RETRY_BASE_DEFAULT                                                                    \
    60                           /* seconds after the first failed attempt, doubled after each     \
                                  */
#define MAIL_BATCH            10 /* mails claimed at once */
#define MAIL_TRANSFER_SECONDS 60 /* one SMTP transaction at most */
/* A claimed mail is left alone this long: a sender that died mid-batch gives it back then. */
#define MAIL_LEASE_SECONDS (MAIL_BATCH * MAIL_TRANSFER_SECONDS + 300)

/* What the command line gave (NULL or 0: not given; those win over the stored settings) and
 * the password (from --smtp-password-file or HALDUS_SMTP_PASSWORD; never stored). */
struct mail_overrides {
    const char *smtp_url, *from_address, *username, *password;
    int retry_limit, retry_base_seconds;
};

/* The relay in effect: the stored settings (GET /api/v1/mail/settings) under the overrides. */
struct mail_relay {
    char *url, *from, *user, *password; /* malloc'ed; url NULL: no relay configured */
    int retry_limit;
    int64_t retry_base;
};
enum hl_err mail_relay_resolve(struct db *db, const struct mail_overrides *o,
                               struct mail_relay *out, struct hl_error *err);
void mail_relay_cleanup(struct mail_relay *r);

/* The overrides the running server was started with (copied; NULL clears); the settings API
 * tells which settings the command line overrides. */
void mail_overrides_set(const struct mail_overrides *o);
/* A copy of them into *out; false when none were set. Strings stay valid until the next set. */
bool mail_overrides_get(struct mail_overrides *out);

struct mail_pass {
    size_t sent, retry, failed; /* delivered; to try again later; given up */
};

/* Delivers every mail due now once through relay r (claiming batches; a sender that sees
 * *stop turn true gives the rest of its batch back). Adds to *pass. */
enum hl_err mail_deliver_due(struct db *db, const struct mail_relay *r, const volatile bool *stop,
                             struct mail_pass *pass, struct hl_error *err);

/* The sender thread of `haldus serve`: its own connection to db_path; delivers due mail
 * whenever a relay is configured, looking every second or when woken. */
enum hl_err mail_sender_start(const char *db_path, struct hl_error *err);
void mail_sender_stop(void);
void mail_sender_wake(void);

/* ---- use cases (svc_mail.c) ---- */

/* The relay settings (admin). */
enum hl_err svc_mail_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_mail_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                     json_t **out, struct hl_error *err);
/* Queues mail id again now (managers): failed or queued mail; 404 for a mail the account may
 * not read (a mediation mail for an admin, as get); 409 for sent mail; 412 when if_match
 * (IF_MATCH_NONE: not checked) is not its version. */
enum hl_err svc_mail_retry(struct svc_ctx *ctx, int64_t id, int64_t if_match, json_t **out,
                           struct hl_error *err);
/* Every failed mail again that the account may read (managers); *count how many. */
enum hl_err svc_mail_retry_failed(struct svc_ctx *ctx, int64_t *count, struct hl_error *err);
/* How many mails are queued, sent and failed, of those the account may see (an admin does not
 * count mediation mails): {"queued","sent","failed"} (new reference). */
enum hl_err svc_mail_summary(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
/* The signed-in person's notifications: {"notifications":[{"kind","enabled"}]}. */
enum hl_err svc_mail_prefs(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_mail_prefs_update(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err);

/* Queues a test message ("mail.test", with a sample iTIP invitation when calendar) to person
 * (their language) or to address (English) (admins); *id 0 when the person turned it off. */
enum hl_err svc_mail_test(struct svc_ctx *ctx, int64_t person, const char *address, bool calendar,
                          int64_t *id, struct hl_error *err);

/* The notification kinds Haldus knows, NULL-terminated (people may turn each off). */
extern const char *const mail_kinds[];

#endif
