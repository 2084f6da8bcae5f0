/* model_mail.c: the mail domain — the outbox as a read-only entity for managers and admins
 * (what was sent, what waits, what failed and why). Rows are written by mail_enqueue only. */
#include "api_mail.h"
#include "mail.h"
#include "people.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const mail_langs[] = {"et", "en", NULL};
static const char *const mail_statuses[] = {"queued", "sent", "failed", NULL};

static const struct field mail_fields[] = {
    {"person_id", FT_REF, F_READONLY | F_NULLABLE | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the recipient when they are a person in Haldus"},
    {"to_address", FT_EMAIL, F_READONLY, 3, 254, NULL, NULL, NULL, "the recipient's address"},
    {"lang", FT_ENUM, F_READONLY, 0, 0, NULL, mail_langs, NULL, "the language it is written in"},
    {"kind", FT_TEXT, F_READONLY | F_FILTER, 1, 100, NULL, NULL, NULL,
     "the notification, e.g. message.urgent"},
    {"subject", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL, "subject line"},
    {"body", FT_TEXT, F_READONLY, 0, 100000, NULL, NULL, NULL, "plain-text body"},
    {"ics", FT_TEXT, F_READONLY | F_NULLABLE, 0, 1000000, NULL, NULL, NULL,
     "attached iCalendar (iTIP) text, if any"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, mail_statuses, NULL,
     "queued (waiting for the relay), sent, or failed (gave up after the retry limit)"},
    {"attempts", FT_INT, F_READONLY, 0, 1e9, NULL, NULL, NULL, "delivery attempts so far"},
    {"next_attempt_at", FT_INSTANT, F_READONLY, 0, 0, NULL, NULL, NULL,
     "when the sender tries next (queued mail)"},
    {"last_error", FT_TEXT, F_READONLY | F_NULLABLE, 0, 10000, NULL, NULL, NULL,
     "why the last attempt failed"},
    {"sent_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the relay accepted it"},
};

const struct entity ent_mail = {
    .name = "mail",
    .path = "mail",
    .title = "Mail",
    .table = "mail_outbox",
    .fields = mail_fields,
    .nfields = NFIELDS(mail_fields),
    .ops = OP_LIST | OP_GET,
    .vis = {VIS_MANAGERS, {NULL, NULL}, 0, NULL, NULL, NULL, NULL},
    /* Mediation mails name the parties of confidential cases: the manager role's only. */
    .manager_role_rows = "t.kind NOT LIKE 'mediation.%'",
};

static const struct route mail_routes[] = {
    {"GET", "/api/v1/mail/settings", api_mail_settings, NULL, 0, NEED_ADMIN, 0,
     "The SMTP relay's settings (never its password), whether a relay is in effect and which "
     "settings the server's command line overrides",
     NULL, "mail settings", NULL, NULL},
    {"PATCH", "/api/v1/mail/settings", api_mail_settings_update, NULL, 0, NEED_ADMIN, 0,
     "Change the relay's URL, sender address, user or retry limits (If-Match: the settings' "
     "version, \"0\" before the first save)",
     NULL, "mail settings", NULL, NULL},
    {"GET", "/api/v1/mail/summary", api_mail_summary, NULL, 0, NEED_MANAGER, 0,
     "How many mails are queued, sent and failed, and whether a relay is configured", NULL,
     "counts", NULL, NULL},
    {"POST", "/api/v1/mail/{id}/retry", api_mail_retry, NULL, 0, NEED_MANAGER, 0,
     "Queue a failed (or waiting) mail again, due now, its attempts counted from 0 (If-Match: "
     "optional, the mail's version)",
     NULL, "the mail's id and status", NULL, NULL},
    {"POST", "/api/v1/mail/retry", api_mail_retry_failed, NULL, 0, NEED_MANAGER, 0,
     "Queue every mail of a status again: {\"status\": \"failed\"}", NULL,
     "how many were queued again", NULL, NULL},
    {"POST", "/api/v1/mail/test", api_mail_test, NULL, 0, NEED_ADMIN, ROUTE_CREATES,
     "Queue a test message (with a sample calendar invitation when calendar is true) to a "
     "person (person_id, in their language) or an address (to_address): 201 with its id, or 200 "
     "with id 0 when the person turned test messages off",
     NULL, "the queued mail's id", NULL, NULL},
    {"GET", "/api/v1/me/notifications", api_mail_prefs, NULL, 0, NEED_ANY, 0,
     "The notifications (mail kinds) the signed-in person gets or turned off", NULL,
     "notifications", NULL, NULL},
    {"PATCH", "/api/v1/me/notifications", api_mail_prefs_update, NULL, 0, NEED_ANY, 0,
     "Turn notifications on or off: {\"notifications\":[{\"kind\",\"enabled\"}]}; kinds not "
     "listed stay as they are",
     NULL, "notifications", NULL, NULL},
};

static const struct entity *const mail_entities[] = {&ent_mail, NULL};

const struct domain domain_mail = {
    .name = "mail",
    .entities = mail_entities,
    .routes = mail_routes,
    .nroutes = NFIELDS(mail_routes),
    .demo = mail_demo,
};
