/* store_mail.c: the outbox's SQL: who a person is as a recipient, and queuing a mail. */
#include "store_mail.h"

#include "buf.h"
#include "mail.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

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

enum hl_err store_mail_opted_out(struct db *db, int64_t person, const char *kind, bool *out,
                                 struct hl_error *err)
{
    *out = false;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT 1 FROM mail_optout WHERE person_id = ?1 AND kind = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW)
        *out = true;
    else if (rc != SQLITE_DONE)
        return db_error(db, rc, "mail opt-out", err);
    return HL_OK;
}

/* The first column of every row of st (bound to person as ?1) as a JSON array of strings. */
static enum hl_err string_column(struct db *db, sqlite3_stmt *st, int64_t person, json_t **out,
                                 const char *what, struct hl_error *err)
{
    sqlite3_bind_int64(st, 1, person);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(a, json_string((const char *)sqlite3_column_text(st, 0)));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return db_error(db, rc, what, err);
    }
    *out = a;
    return HL_OK;
}

enum hl_err store_mail_optouts(struct db *db, int64_t person, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT kind FROM mail_optout WHERE person_id = ?1 ORDER BY kind", err);
    return st ? string_column(db, st, person, out, "mail opt-outs", err) : err->code;
}

enum hl_err store_mail_kinds_of(struct db *db, int64_t person, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT DISTINCT kind FROM mail_outbox WHERE person_id = ?1 ORDER BY kind", err);
    return st ? string_column(db, st, person, out, "mail kinds", err) : err->code;
}

enum hl_err store_mail_optout_set(struct db *db, int64_t person, const char *kind, bool off,
                                  struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        off ? "INSERT INTO mail_optout (created_at, updated_at, person_id, kind) "
              "VALUES (?3, ?3, ?1, ?2) ON CONFLICT (person_id, kind) DO NOTHING"
            : "DELETE FROM mail_optout WHERE person_id = ?1 AND kind = ?2 AND ?3 IS NOT NULL",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "mail opt-out", err);
}

void store_mail_item_cleanup(struct store_mail_item *m)
{
    if (!m)
        return;
    free(m->to_address);
    free(m->subject);
    free(m->body);
    free(m->ics);
    memset(m, 0, sizeof *m);
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? hl_strdup((const char *)t) : NULL;
}

enum hl_err store_mail_claim(struct db *db, int64_t now, int64_t lease, int max,
                             struct store_mail_item **items, size_t *n, struct hl_error *err)
{
    *items = NULL;
    *n = 0;
    enum hl_err e = db_begin(db, true, err);
    if (e != HL_OK)
        return e;
    sqlite3_stmt *st =
        db_prepare(db,
                   "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?1 + ?2, "
                   "updated_at = ?1, version = version + 1 WHERE id IN (SELECT id FROM mail_outbox "
                   "WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id "
                   "LIMIT ?3) RETURNING id, created_at, attempts, to_address, subject, body, ics",
                   err);
    if (!st) {
        db_rollback(db);
        return err->code;
    }
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, lease);
    sqlite3_bind_int(st, 3, max);
    struct store_mail_item *a = hl_calloc((size_t)(max > 0 ? max : 1), sizeof *a);
    size_t k = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < (size_t)max) {
        struct store_mail_item *m = &a[k++];
        m->id = sqlite3_column_int64(st, 0);
        m->created_at = sqlite3_column_int64(st, 1);
        m->attempts = sqlite3_column_int(st, 2);
        m->to_address = column_dup(st, 3);
        m->subject = column_dup(st, 4);
        m->body = column_dup(st, 5);
        m->ics = column_dup(st, 6);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        e = db_error(db, rc, "claim mail", err);
    if (e == HL_OK)
        e = db_commit(db, err);
    if (e != HL_OK) {
        db_rollback(db);
        for (size_t i = 0; i < k; i++)
            store_mail_item_cleanup(&a[i]);
        free(a);
        return e;
    }
    *items = a;
    *n = k;
    return HL_OK;
}

enum hl_err store_mail_mark_sent(struct db *db, int64_t id, int64_t now, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE mail_outbox SET status = 'sent', sent_at = ?2, "
                                  "updated_at = ?2, version = version + 1, last_error = NULL "
                                  "WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "mail sent", err);
}

enum hl_err store_mail_mark_failed(struct db *db, int64_t id, const char *why, int64_t now,
                                   int64_t next_at, bool give_up, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE mail_outbox SET status = ?5, last_error = substr(?2, 1, "
                                  "10000), updated_at = ?3, next_attempt_at = ?4, "
                                  "version = version + 1 WHERE id = ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, next_at);
    sqlite3_bind_text(st, 5, give_up ? "failed" : "queued", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "mail failed", err);
}

enum hl_err store_mail_release(struct db *db, int64_t id, int64_t now, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE mail_outbox SET attempts = max(attempts - 1, 0), "
                                  "next_attempt_at = ?2, updated_at = ?2, version = version + 1 "
                                  "WHERE id = ?1 AND status = 'queued'",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "release mail", err);
}

enum hl_err store_mail_requeue(struct db *db, int64_t id, int64_t version, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT status, version FROM mail_outbox WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    bool sent = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "sent") == 0;
    int64_t current = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "mail %lld not found", (long long)id);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, "mail", err);
    if (version >= 0 && version != current)
        return hl_fail(err, HL_ERR_STALE, "If-Match",
                       "mail %lld changed since (you sent version %lld, it is now %lld); reload it",
                       (long long)id, (long long)version, (long long)current);
    if (sent)
        return hl_fail(err, HL_ERR_CONFLICT, "status",
                       "mail %lld was sent already; nothing to retry", (long long)id);
    if (!(st = db_prepare(db,
                          "UPDATE mail_outbox SET status = 'queued', attempts = 0, "
                          "next_attempt_at = ?2, updated_at = ?2, version = version + 1 "
                          "WHERE id = ?1",
                          err)))
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, db_now(db));
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "retry mail", err);
}

enum hl_err store_mail_requeue_failed(struct db *db, const char *rows, int64_t *count,
                                      struct hl_error *err)
{
    struct buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "UPDATE mail_outbox SET status = 'queued', attempts = 0, "
                   "next_attempt_at = ?1, updated_at = ?1, version = version + 1 "
                   "WHERE status = 'failed'");
    if (rows)
        buf_printf(&sql,
                   " AND id IN (SELECT t.id FROM mail_outbox t WHERE t.status = 'failed' "
                   "AND (%s))",
                   rows);
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "retry failed mail", err);
    *count = sqlite3_changes64(db_handle(db));
    return HL_OK;
}

enum hl_err store_mail_counts(struct db *db, const char *rows, json_t **out, struct hl_error *err)
{
    static const char *const statuses[] = {"queued", "sent", "failed"};
    struct buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "SELECT ");
    for (size_t k = 0; k < 3; k++)
        buf_printf(&sql, "%s(SELECT count(*) FROM mail_outbox t WHERE t.status = '%s'%s%s%s)",
                   k ? ", " : "", statuses[k], rows ? " AND (" : "", rows ? rows : "",
                   rows ? ")" : "");
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = json_pack("{sI sI sI}", "queued", (json_int_t)sqlite3_column_int64(st, 0), "sent",
                         (json_int_t)sqlite3_column_int64(st, 1), "failed",
                         (json_int_t)sqlite3_column_int64(st, 2));
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "mail counts", err);
}

enum hl_err store_mail_settings_get(struct db *db, json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT version, smtp_url, from_address, username, retry_limit, "
                                  "retry_base_seconds FROM mail_settings WHERE id = 1",
                                  err);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    json_t *o = json_pack("{sI sn sn sn si si}", "version", (json_int_t)0, "smtp_url",
                          "from_address", "username", "retry_limit", MAIL_RETRY_LIMIT_DEFAULT,
                          "retry_base_seconds", MAIL_RETRY_BASE_DEFAULT);
    if (rc == SQLITE_ROW) {
        static const char *const names[] = {"smtp_url", "from_address", "username"};
        json_object_set_new(o, "version", json_integer(sqlite3_column_int64(st, 0)));
        for (int i = 0; i < 3; i++)
            if (sqlite3_column_type(st, i + 1) != SQLITE_NULL)
                json_object_set_new(o, names[i],
                                    json_string((const char *)sqlite3_column_text(st, i + 1)));
        json_object_set_new(o, "retry_limit", json_integer(sqlite3_column_int(st, 4)));
        json_object_set_new(o, "retry_base_seconds", json_integer(sqlite3_column_int(st, 5)));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        json_decref(o);
        return db_error(db, rc, "mail settings", err);
    }
    *out = o;
    return HL_OK;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const json_t *v)
{
    if (json_is_string(v))
        sqlite3_bind_text(st, i, json_string_value(v), -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

enum hl_err store_mail_settings_put(struct db *db, const json_t *merged, int64_t version,
                                    struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        version == 0
            ? "INSERT INTO mail_settings (id, version, created_at, updated_at, smtp_url, "
              "from_address, username, retry_limit, retry_base_seconds) SELECT 1, 1, ?1, ?1, ?2, "
              "?3, ?4, ?5, ?6 WHERE ?7 = 0 AND NOT EXISTS (SELECT 1 FROM mail_settings)"
            : "UPDATE mail_settings SET version = version + 1, updated_at = ?1, smtp_url = ?2, "
              "from_address = ?3, username = ?4, retry_limit = ?5, retry_base_seconds = ?6 "
              "WHERE id = 1 AND version = ?7",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    bind_text_or_null(st, 2, json_object_get(merged, "smtp_url"));
    bind_text_or_null(st, 3, json_object_get(merged, "from_address"));
    bind_text_or_null(st, 4, json_object_get(merged, "username"));
    sqlite3_bind_int64(st, 5, json_integer_value(json_object_get(merged, "retry_limit")));
    sqlite3_bind_int64(st, 6, json_integer_value(json_object_get(merged, "retry_base_seconds")));
    sqlite3_bind_int64(st, 7, version);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "mail settings", err);
    if (sqlite3_changes(db_handle(db)) != 1)
        return hl_fail(err, HL_ERR_STALE, NULL,
                       "the mail settings were changed by someone else; reload them");
    return HL_OK;
}

enum hl_err store_mail_list(struct db *db, const char *status, int limit, json_t **out,
                            struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, status, attempts, kind, to_address, subject, "
                                  "last_error FROM mail_outbox WHERE ?1 IS NULL OR status = ?1 "
                                  "ORDER BY id DESC LIMIT ?2",
                                  err);
    if (!st)
        return err->code;
    if (status)
        sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int(st, 2, limit);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *why = sqlite3_column_text(st, 6);
        json_array_append_new(
            a,
            json_pack("{sI ss si ss ss ss ss?}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                      "status", (const char *)sqlite3_column_text(st, 1), "attempts",
                      sqlite3_column_int(st, 2), "kind", (const char *)sqlite3_column_text(st, 3),
                      "to_address", (const char *)sqlite3_column_text(st, 4), "subject",
                      (const char *)sqlite3_column_text(st, 5), "last_error", (const char *)why));
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return db_error(db, rc, "mail list", err);
    }
    *out = a;
    return HL_OK;
}
