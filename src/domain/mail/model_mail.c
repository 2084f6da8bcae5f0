/* model_mail.c: the mail domain — the outbox as a read-only entity for managers and admins
 * (what was sent, what waits, what failed and why). Rows are written by mail_enqueue only. */
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
};

static const struct entity *const mail_entities[] = {&ent_mail, NULL};

const struct domain domain_mail = {
    .name = "mail",
    .entities = mail_entities,
    .demo = mail_demo,
};
