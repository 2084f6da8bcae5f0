/* store_invite.c: SQL for account invitations. */
#include "entity.h"
#include "store_invite.h"
#include "timeutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define INVITE_COLUMNS                                                                             \
    "id, account_id, created_at, expires_at, coalesce(accepted_at, 0), "                           \
    "coalesce(revoked_at, 0), email, lang, created_by"

static void read_invite(sqlite3_stmt *st, struct invitation *v)
{
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    v->account_id = sqlite3_column_int64(st, 1);
    v->created_at = sqlite3_column_int64(st, 2);
    v->expires_at = sqlite3_column_int64(st, 3);
    v->accepted_at = sqlite3_column_int64(st, 4);
    v->revoked_at = sqlite3_column_int64(st, 5);
    snprintf(v->email, sizeof v->email, "%s", (const char *)sqlite3_column_text(st, 6));
    snprintf(v->lang, sizeof v->lang, "%s", (const char *)sqlite3_column_text(st, 7));
    snprintf(v->created_by, sizeof v->created_by, "%s", (const char *)sqlite3_column_text(st, 8));
}

/* Steps a statement that returns at most one invitation row. */
static enum hl_err one_invite(struct db *db, sqlite3_stmt *st, struct invitation *v,
                              struct hl_error *err)
{
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW)
        read_invite(st, v);
    else if (rc == SQLITE_DONE)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no such invitation");
    else
        e = db_error(db, rc, "invitation", err);
    sqlite3_reset(st);
    return e;
}

static enum hl_err step_write(struct db *db, sqlite3_stmt *st, const char *what,
                              struct hl_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, what, err);
}

enum hl_err store_invite_insert(struct db *db, int64_t account_id, const char *hash_hex,
                                const char *email, const char *lang, int64_t expires_at,
                                const char *created_by, int64_t *id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO account_invitation (created_at, updated_at, "
                                  "account_id, token_hash, email, lang, expires_at, created_by) "
                                  "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_text(st, 3, hash_hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, lang, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, expires_at);
    sqlite3_bind_text(st, 7, created_by ? created_by : "", -1, SQLITE_STATIC);
    enum hl_err e = step_write(db, st, "invitation insert", err);
    if (e == HL_OK)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return e;
}

enum hl_err store_invite_by_hash(struct db *db, const char *hash_hex, struct invitation *inv,
                                 struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " INVITE_COLUMNS " FROM account_invitation WHERE token_hash = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, hash_hex, -1, SQLITE_STATIC);
    return one_invite(db, st, inv, err);
}

enum hl_err store_invite_of_account(struct db *db, int64_t account_id, bool any_state,
                                    struct invitation *inv, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        any_state ? "SELECT " INVITE_COLUMNS " FROM account_invitation WHERE account_id = ?1 "
                    "ORDER BY id DESC LIMIT 1"
                  : "SELECT " INVITE_COLUMNS " FROM account_invitation WHERE account_id = ?1 "
                    "AND accepted_at IS NULL AND revoked_at IS NULL",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    return one_invite(db, st, inv, err);
}

enum hl_err store_invite_revoke_open(struct db *db, int64_t account_id, bool *found,
                                     struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE account_invitation SET version = version + 1, "
                                  "updated_at = ?1, revoked_at = ?1 WHERE account_id = ?2 AND "
                                  "accepted_at IS NULL AND revoked_at IS NULL",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, account_id);
    enum hl_err e = step_write(db, st, "invitation revoke", err);
    if (found)
        *found = e == HL_OK && sqlite3_changes(db_handle(db)) > 0;
    return e;
}

enum hl_err store_invite_accept(struct db *db, int64_t id, bool *done, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE account_invitation SET version = version + 1, "
                                  "updated_at = ?1, accepted_at = ?1 WHERE id = ?2 AND "
                                  "accepted_at IS NULL AND revoked_at IS NULL",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, id);
    enum hl_err e = step_write(db, st, "invitation accept", err);
    *done = e == HL_OK && sqlite3_changes(db_handle(db)) > 0;
    return e;
}

enum hl_err store_invite_account_unset(struct db *db, int64_t account_id, bool *unset,
                                       struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT password_hash = ?2 FROM account WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_text(st, 2, INVITE_NO_PASSWORD, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW)
        *unset = sqlite3_column_int(st, 0) != 0;
    else if (rc == SQLITE_DONE)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no account with id %lld", (long long)account_id);
    else
        e = db_error(db, rc, "account", err);
    sqlite3_reset(st);
    return e;
}

enum hl_err store_invite_open_for_person(struct db *db, int64_t person_id, bool *open,
                                         struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT count(*) FROM account a JOIN account_invitation i ON "
                                  "i.account_id = a.id WHERE a.person_id = ?1 AND "
                                  "i.accepted_at IS NULL AND i.revoked_at IS NULL",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person_id);
    int rc = sqlite3_step(st);
    *open = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "invitation", err);
}

enum hl_err store_invite_pending(struct db *db, json_t **items, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT i.id, i.account_id, a.login, a.role, a.person_id, i.email, i.lang, "
        "i.created_at, i.created_by, i.expires_at FROM account_invitation i JOIN account a ON "
        "a.id = i.account_id WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL ORDER BY i.id",
        err);
    if (!st)
        return err->code;
    int64_t now = db_now(db);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t expires = sqlite3_column_int64(st, 9);
        json_t *pid = sqlite3_column_type(st, 4) == SQLITE_NULL
                          ? json_null()
                          : json_integer(sqlite3_column_int64(st, 4));
        json_array_append_new(arr,
                              json_pack("{sI sI ss ss so ss ss so ss so sb}", "id",
                                        (json_int_t)sqlite3_column_int64(st, 0), "account_id",
                                        (json_int_t)sqlite3_column_int64(st, 1), "login",
                                        (const char *)sqlite3_column_text(st, 2), "role",
                                        (const char *)sqlite3_column_text(st, 3), "person_id", pid,
                                        "email", (const char *)sqlite3_column_text(st, 5), "lang",
                                        (const char *)sqlite3_column_text(st, 6), "created_at",
                                        entity_instant(sqlite3_column_int64(st, 7)), "created_by",
                                        (const char *)sqlite3_column_text(st, 8), "expires_at",
                                        entity_instant(expires), "expired", expires <= now));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "invitations", err);
    }
    *items = arr;
    return HL_OK;
}
