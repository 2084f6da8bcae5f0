/* store_mail.h: SQL of the mail domain beyond the generic entity path. */
#ifndef HL_STORE_MAIL_H
#define HL_STORE_MAIL_H

#include "db.h"

#include <jansson.h>
#include <stdbool.h>
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

/* Whether person turned off notifications of kind. */
enum hl_err store_mail_opted_out(struct db *db, int64_t person, const char *kind, bool *out,
                                 struct hl_error *err);

/* The kinds person turned off, as a JSON array of strings (new reference). */
enum hl_err store_mail_optouts(struct db *db, int64_t person, json_t **out, struct hl_error *err);

/* The kinds of mail person has been sent or has waiting, as a JSON array (new reference). */
enum hl_err store_mail_kinds_of(struct db *db, int64_t person, json_t **out, struct hl_error *err);

/* Turns kind on (deletes the opt-out) or off (adds it) for person. */
enum hl_err store_mail_optout_set(struct db *db, int64_t person, const char *kind, bool off,
                                  struct hl_error *err);

/* One claimed mail for the sender. */
struct store_mail_item {
    int64_t id, created_at;
    int attempts; /* counting the one just claimed */
    char *to_address, *subject, *body, *ics;
};
void store_mail_item_cleanup(struct store_mail_item *m);

/* Claims up to max queued mails due at now: each gets attempts + 1 and next_attempt_at now +
 * lease, so another sender leaves it alone for that long (and a sender that died mid-transfer
 * gets it back after it: at-least-once). *items (malloc'ed, cleanup each) and *n. */
enum hl_err store_mail_claim(struct db *db, int64_t now, int64_t lease, int max,
                             struct store_mail_item **items, size_t *n, struct hl_error *err);

/* The relay accepted mail id. */
enum hl_err store_mail_mark_sent(struct db *db, int64_t id, int64_t now, struct hl_error *err);

/* An attempt of mail id failed with why: it is tried again at next_at, or failed for good when
 * give_up. */
enum hl_err store_mail_mark_failed(struct db *db, int64_t id, const char *why, int64_t now,
                                   int64_t next_at, bool give_up, struct hl_error *err);

/* Gives claimed mail id back untried: due at now, the claim's attempt not counted. */
enum hl_err store_mail_release(struct db *db, int64_t id, int64_t now, struct hl_error *err);

/* Queues mail id again (attempts from 0, due now): HL_ERR_NOT_FOUND, HL_ERR_STALE when version
 * (< 0: any) is not its version, or HL_ERR_CONFLICT when it was sent already. */
enum hl_err store_mail_requeue(struct db *db, int64_t id, int64_t version, struct hl_error *err);

/* Queues every failed mail again that meets rows (a condition on the row as t, from the
 * entity's description; NULL: every one); *count gets how many. */
enum hl_err store_mail_requeue_failed(struct db *db, const char *rows, int64_t *count,
                                      struct hl_error *err);

/* How many mails meeting rows (as above) have each status: {"queued":n,"sent":n,"failed":n}
 * (new reference). */
enum hl_err store_mail_counts(struct db *db, const char *rows, json_t **out, struct hl_error *err);

/* The relay settings as a JSON object with version (0 and the defaults when never saved). */
enum hl_err store_mail_settings_get(struct db *db, json_t **out, struct hl_error *err);

/* Writes the merged settings when the stored version is still version (HL_ERR_STALE when not). */
enum hl_err store_mail_settings_put(struct db *db, const json_t *merged, int64_t version,
                                    struct hl_error *err);

/* The newest limit mails (of status, or all when NULL), newest first, as a JSON array. */
enum hl_err store_mail_list(struct db *db, const char *status, int limit, json_t **out,
                            struct hl_error *err);

#endif
