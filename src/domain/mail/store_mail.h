/* store_mail.h: SQL of the mail domain beyond the generic entity path. */
#ifndef HL_STORE_MAIL_H
#define HL_STORE_MAIL_H

#include "db.h"

#include <stddef.h>
#include <stdint.h>

/* The e-mail of person and their account's chosen language ("et", "en" or NULL), both
 * malloc'ed. HL_ERR_NOT_FOUND when there is no such person. */
enum hl_err store_mail_recipient(struct db *db, int64_t person, char **email, char **lang,
                                 struct hl_error *err);

struct store_mail_row {
    int64_t person_id; /* 0: none */
    const char *to_address, *lang, *kind, *subject, *body, *ics;
};

/* Queues one mail, due now; *id gets its row id. */
enum hl_err store_mail_insert(struct db *db, const struct store_mail_row *m, int64_t *id,
                              struct hl_error *err);

/* The demo: people in an Estonian office read Haldus in Estonian, the others in English; fills
 * *ids (malloc'ed) with the person id of every account, *n their count. */
enum hl_err store_mail_demo_accounts(struct db *db, int64_t **ids, size_t *n, struct hl_error *err);

#endif
