/* store_mail.c: the outbox's SQL: who a person is as a recipient, and queuing a mail. */
#include "store_mail.h"

#include "mem.h"

#include <stdlib.h>

enum hl_err store_mail_recipient(struct db *db, int64_t person, char **email, char **lang,
                                 struct hl_error *err)
{
    *email = *lang = NULL;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT p.email, (SELECT a.lang FROM account a WHERE "
                                  "a.person_id = p.id AND a.lang IS NOT NULL LIMIT 1) "
                                  "FROM person p WHERE p.id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        const unsigned char *a = sqlite3_column_text(st, 0), *l = sqlite3_column_text(st, 1);
        *email = hl_strdup(a ? (const char *)a : "");
        *lang = l ? hl_strdup((const char *)l) : NULL;
    } else if (rc == SQLITE_DONE)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "person %lld not found", (long long)person);
    else
        e = db_error(db, rc, "mail recipient", err);
    sqlite3_reset(st);
    return e;
}

enum hl_err store_mail_insert(struct db *db, const struct store_mail_row *m, int64_t *id,
                              struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO mail_outbox (created_at, updated_at, person_id, "
                                  "to_address, lang, kind, subject, body, ics, next_attempt_at) "
                                  "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?1)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    if (m->person_id)
        sqlite3_bind_int64(st, 2, m->person_id);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, m->to_address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, m->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, m->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, m->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, m->body, -1, SQLITE_STATIC);
    if (m->ics)
        sqlite3_bind_text(st, 8, m->ics, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 8);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "queue mail", err);
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_mail_demo_accounts(struct db *db, int64_t **ids, size_t *n, struct hl_error *err)
{
    *ids = NULL;
    *n = 0;
    enum hl_err e = db_exec(db,
                            "UPDATE account SET lang = CASE WHEN (SELECT c.country FROM person p "
                            "JOIN office_calendar c ON c.office = p.office WHERE p.id = "
                            "account.person_id) = 'EE' THEN 'et' ELSE 'en' END "
                            "WHERE person_id IS NOT NULL",
                            err);
    if (e != HL_OK)
        return e;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT person_id FROM account WHERE person_id IS NOT NULL ORDER BY id", err);
    if (!st)
        return err->code;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            *ids = hl_realloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return db_error(db, rc, "demo accounts", err);
    }
    return HL_OK;
}
