/* store_account.c: SQL for accounts, sessions, API tokens and failed sign-ins. */
#include "entity.h"
#include "store_account.h"
#include "mem.h"
#include "timeutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNT_COLUMNS                                                                            \
    "id, version, login, role, coalesce(person_id, 0), disabled, locked_until, "                   \
    "coalesce(last_login_at, 0), created_at, coalesce(lang, '')"

static void read_account(sqlite3_stmt *st, int col, struct account *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, col);
    a->version = sqlite3_column_int64(st, col + 1);
    snprintf(a->login, sizeof a->login, "%s", (const char *)sqlite3_column_text(st, col + 2));
    role_parse((const char *)sqlite3_column_text(st, col + 3), &a->role);
    a->person_id = sqlite3_column_int64(st, col + 4);
    a->disabled = sqlite3_column_int(st, col + 5) != 0;
    a->locked_until = sqlite3_column_int64(st, col + 6);
    a->last_login_at = sqlite3_column_int64(st, col + 7);
    a->created_at = sqlite3_column_int64(st, col + 8);
    const unsigned char *lang = sqlite3_column_text(st, col + 9);
    snprintf(a->lang, sizeof a->lang, "%s", lang ? (const char *)lang : "");
}

/* Steps a statement that returns no rows; maps UNIQUE to a duplicate on `field`. */
static enum hl_err step_done(struct db *db, sqlite3_stmt *st, const char *field, const char *what,
                             struct hl_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return HL_OK;
    int ext = sqlite3_extended_errcode(db_handle(db));
    if (ext == SQLITE_CONSTRAINT_UNIQUE && field)
        return hl_fail(err, HL_ERR_DUPLICATE, field, "another %s already has this %s", what, field);
    return db_error(db, ext, what, err);
}

enum hl_err store_account_by_login(struct db *db, const char *login, struct account *a, char **hash,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " ACCOUNT_COLUMNS ", password_hash FROM account WHERE login = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        read_account(st, 0, a);
        if (hash)
            *hash = hl_strdup((const char *)sqlite3_column_text(st, 10));
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, "login", "no such account");
    } else {
        e = db_error(db, rc, "account", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_account_by_id(struct db *db, int64_t id, struct account *a, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW)
        read_account(st, 0, a);
    else if (rc == SQLITE_DONE)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no account with id %lld", (long long)id);
    else
        e = db_error(db, rc, "account", err);
    sqlite3_reset(st);
    return e;
}

enum hl_err store_account_insert(struct db *db, const char *login, enum role role,
                                 int64_t person_id, const char *hash, int64_t *id,
                                 struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO account (created_at, updated_at, login, role, "
                                  "person_id, password_hash) VALUES (?1, ?1, ?2, ?3, ?4, ?5)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, role_name(role), -1, SQLITE_STATIC);
    if (person_id)
        sqlite3_bind_int64(st, 4, person_id);
    sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        const char *msg = sqlite3_errmsg(db_handle(db));
        int ext = sqlite3_extended_errcode(db_handle(db));
        if (ext == SQLITE_CONSTRAINT_UNIQUE)
            return hl_fail(err, HL_ERR_DUPLICATE, strstr(msg, "person_id") ? "person_id" : "login",
                           strstr(msg, "person_id") ? "this person already has an account"
                                                    : "another account already has this login");
        return db_error(db, ext, "account insert", err);
    }
    *id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_account_update(struct db *db, const struct account *a, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE account SET version = version + 1, updated_at = ?1, "
                                  "role = ?2, person_id = ?3, disabled = ?4 "
                                  "WHERE id = ?5 AND version = ?6",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_text(st, 2, role_name(a->role), -1, SQLITE_STATIC);
    if (a->person_id)
        sqlite3_bind_int64(st, 3, a->person_id);
    sqlite3_bind_int(st, 4, a->disabled);
    sqlite3_bind_int64(st, 5, a->id);
    sqlite3_bind_int64(st, 6, a->version);
    enum hl_err e = step_done(db, st, "person_id", "account", err);
    if (e == HL_OK && sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the account was changed by someone else");
    return e;
}

enum hl_err store_account_set_lang(struct db *db, int64_t id, int64_t version, const char *lang,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE account SET version = version + 1, updated_at = ?1, "
                                  "lang = ?2 WHERE id = ?3 AND version = ?4",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    if (lang && lang[0])
        sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    enum hl_err e = step_done(db, st, "lang", "account", err);
    if (e == HL_OK && sqlite3_changes(db_handle(db)) == 0)
        return hl_fail(err, HL_ERR_STALE, NULL, "the account was changed by someone else");
    return e;
}

enum hl_err store_account_set_password(struct db *db, int64_t id, const char *hash,
                                       struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE account SET version = version + 1, updated_at = ?1, "
                                  "password_hash = ?2 WHERE id = ?3",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, id);
    return step_done(db, st, NULL, "password", err);
}

enum hl_err store_account_logged_in(struct db *db, int64_t id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE account SET last_login_at = ?1 WHERE id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, id);
    return step_done(db, st, NULL, "login time", err);
}

enum hl_err store_account_list(struct db *db, int64_t after_id, int limit, json_t **items,
                               bool *more, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id > ?1 ORDER BY id LIMIT ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int(st, 2, limit + 1);
    json_t *arr = json_array();
    int rc, n = 0;
    *more = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++ == limit) {
            *more = true;
            break;
        }
        struct account a;
        read_account(st, 0, &a);
        json_array_append_new(arr, account_json(&a));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "accounts", err);
    }
    *items = arr;
    return HL_OK;
}

/* A read-only database (haldus serve --read-only, or a file that cannot be written) keeps its
 * sessions and failed sign-ins here, in memory, shared by every thread: signing in must still
 * work when nothing can be written. They last as long as the process. The functions below
 * that take a db use these tables when db_read_only(db). */
#define MEM_SESSIONS_MAX      10000 /* the oldest session goes when a new one would pass it */
#define MEM_FAILURES_MAX      100000
#define MEM_FAILURES_KEEP_SEC (24 * 3600) /* longer than any throttle window */

struct mem_session {
    struct session_info s;
    unsigned char hash[TOKEN_HASH_BYTES];
    char *address, *user_agent;
};

struct mem_failure {
    char *login, *address;
    int64_t at;
};

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mem_session *mem_sessions;
static size_t mem_nsessions, mem_cap_sessions;
static int64_t mem_next_session = 1;
static struct mem_failure *mem_failures;
static size_t mem_nfailures, mem_cap_failures;

static void mem_session_remove(size_t i)
{
    free(mem_sessions[i].address);
    free(mem_sessions[i].user_agent);
    mem_sessions[i] = mem_sessions[--mem_nsessions];
}

static int64_t mem_session_insert(int64_t account_id, const unsigned char hash[TOKEN_HASH_BYTES],
                                  const char *csrf, int64_t now, int64_t expires_at,
                                  const char *address, const char *user_agent)
{
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < mem_nsessions;)
        if (mem_sessions[i].s.expires_at <= now)
            mem_session_remove(i);
        else
            i++;
    if (mem_nsessions >= MEM_SESSIONS_MAX) {
        size_t oldest = 0;
        for (size_t i = 1; i < mem_nsessions; i++)
            if (mem_sessions[i].s.id < mem_sessions[oldest].s.id)
                oldest = i;
        mem_session_remove(oldest);
    }
    if (mem_nsessions == mem_cap_sessions) {
        mem_cap_sessions = mem_cap_sessions ? mem_cap_sessions * 2 : 64;
        mem_sessions = hl_realloc(mem_sessions, mem_cap_sessions * sizeof *mem_sessions);
    }
    struct mem_session *m = &mem_sessions[mem_nsessions++];
    memset(m, 0, sizeof *m);
    m->s.id = mem_next_session++;
    m->s.account_id = account_id;
    snprintf(m->s.csrf, sizeof m->s.csrf, "%s", csrf);
    m->s.created_at = m->s.last_seen_at = now;
    m->s.expires_at = expires_at;
    memcpy(m->hash, hash, TOKEN_HASH_BYTES);
    m->address = hl_strdup(address ? address : "");
    m->user_agent =
        hl_strndup(user_agent ? user_agent : "", strnlen(user_agent ? user_agent : "", 200));
    int64_t id = m->s.id;
    pthread_mutex_unlock(&mem_lock);
    return id;
}

static bool mem_session_find(const unsigned char hash[TOKEN_HASH_BYTES], struct session_info *s)
{
    bool found = false;
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < mem_nsessions && !found; i++)
        if (memcmp(mem_sessions[i].hash, hash, TOKEN_HASH_BYTES) == 0) {
            *s = mem_sessions[i].s;
            found = true;
        }
    pthread_mutex_unlock(&mem_lock);
    return found;
}

static void mem_session_touch(int64_t id, int64_t now)
{
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < mem_nsessions; i++)
        if (mem_sessions[i].s.id == id)
            mem_sessions[i].s.last_seen_at = now;
    pthread_mutex_unlock(&mem_lock);
}

/* Removes session id (of account_id when not 0), or with all every session of account_id but
 * id; returns how many went. */
static int mem_session_delete(int64_t id, int64_t account_id, bool all)
{
    int n = 0;
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < mem_nsessions;) {
        const struct session_info *s = &mem_sessions[i].s;
        bool match = all ? s->account_id == account_id && s->id != id
                         : s->id == id && (account_id == 0 || s->account_id == account_id);
        if (match) {
            mem_session_remove(i);
            n++;
        } else {
            i++;
        }
    }
    pthread_mutex_unlock(&mem_lock);
    return n;
}

static json_t *mem_session_list(int64_t account_id)
{
    json_t *arr = json_array();
    pthread_mutex_lock(&mem_lock);
    /* In id order, as from the database. */
    int64_t last = 0;
    for (;;) {
        const struct mem_session *next = NULL;
        for (size_t i = 0; i < mem_nsessions; i++)
            if (mem_sessions[i].s.account_id == account_id && mem_sessions[i].s.id > last &&
                (!next || mem_sessions[i].s.id < next->s.id))
                next = &mem_sessions[i];
        if (!next)
            break;
        last = next->s.id;
        json_t *ua = json_string(next->user_agent);
        json_array_append_new(arr,
                              json_pack("{sI so so so ss so}", "id", (json_int_t)next->s.id,
                                        "created_at", entity_instant(next->s.created_at),
                                        "last_seen_at", entity_instant(next->s.last_seen_at),
                                        "expires_at", entity_instant(next->s.expires_at), "address",
                                        next->address, "user_agent", ua ? ua : json_string("")));
    }
    pthread_mutex_unlock(&mem_lock);
    return arr;
}

static void mem_failure_insert(const char *login, const char *address, int64_t now)
{
    pthread_mutex_lock(&mem_lock);
    size_t old = 0;
    while (old < mem_nfailures && (mem_failures[old].at < now - MEM_FAILURES_KEEP_SEC ||
                                   mem_nfailures - old >= MEM_FAILURES_MAX))
        old++;
    for (size_t i = 0; i < old; i++) {
        free(mem_failures[i].login);
        free(mem_failures[i].address);
    }
    if (old > 0) {
        memmove(mem_failures, mem_failures + old, (mem_nfailures - old) * sizeof *mem_failures);
        mem_nfailures -= old;
    }
    if (mem_nfailures == mem_cap_failures) {
        mem_cap_failures = mem_cap_failures ? mem_cap_failures * 2 : 64;
        mem_failures = hl_realloc(mem_failures, mem_cap_failures * sizeof *mem_failures);
    }
    mem_failures[mem_nfailures++] =
        (struct mem_failure){hl_strndup(login ? login : "", strnlen(login ? login : "", 254)),
                             hl_strdup(address ? address : ""), now};
    pthread_mutex_unlock(&mem_lock);
}

static void mem_failure_count(const char *login, const char *address, int64_t since, int *count,
                              int64_t *oldest, int64_t *newest)
{
    *count = 0;
    *oldest = *newest = 0;
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < mem_nfailures; i++) {
        const struct mem_failure *f = &mem_failures[i];
        if (f->at < since || (login ? strncmp(f->login, login, 254) != 0
                                    : strcmp(f->address, address ? address : "") != 0))
            continue;
        if (*count == 0 || f->at < *oldest)
            *oldest = f->at;
        if (*count == 0 || f->at > *newest)
            *newest = f->at;
        ++*count;
    }
    pthread_mutex_unlock(&mem_lock);
}

static void mem_failure_clear(const char *login)
{
    pthread_mutex_lock(&mem_lock);
    size_t keep = 0;
    for (size_t i = 0; i < mem_nfailures; i++) {
        if (strncmp(mem_failures[i].login, login, 254) == 0) {
            free(mem_failures[i].login);
            free(mem_failures[i].address);
        } else {
            mem_failures[keep++] = mem_failures[i];
        }
    }
    mem_nfailures = keep;
    pthread_mutex_unlock(&mem_lock);
}

enum hl_err store_session_insert(struct db *db, int64_t account_id,
                                 const unsigned char hash[TOKEN_HASH_BYTES], const char *csrf,
                                 int64_t expires_at, const char *address, const char *user_agent,
                                 int64_t *id, struct hl_error *err)
{
    if (db_read_only(db)) {
        *id =
            mem_session_insert(account_id, hash, csrf, db_now(db), expires_at, address, user_agent);
        return HL_OK;
    }
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO session (account_id, token_hash, csrf_token, "
                                  "created_at, last_seen_at, expires_at, address, user_agent) "
                                  "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, substr(?7, 1, 200))",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_blob(st, 2, hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, db_now(db));
    sqlite3_bind_int64(st, 5, expires_at);
    sqlite3_bind_text(st, 6, address ? address : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, user_agent ? user_agent : "", -1, SQLITE_STATIC);
    enum hl_err e = step_done(db, st, NULL, "session", err);
    if (e == HL_OK)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return e;
}

enum hl_err store_session_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                               struct session_info *s, struct account *a, struct hl_error *err)
{
    if (db_read_only(db)) {
        if (!mem_session_find(hash, s))
            return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the session has ended; sign in again");
        enum hl_err e = store_account_by_id(db, s->account_id, a, err);
        return e == HL_ERR_NOT_FOUND
                   ? hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the session has ended; sign in again")
                   : e;
    }
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT s.id, s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, "
        "a.id, a.version, a.login, a.role, coalesce(a.person_id, 0), a.disabled, "
        "a.locked_until, coalesce(a.last_login_at, 0), a.created_at, coalesce(a.lang, '') "
        "FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?1",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_blob(st, 1, hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        s->id = sqlite3_column_int64(st, 0);
        s->account_id = sqlite3_column_int64(st, 1);
        snprintf(s->csrf, sizeof s->csrf, "%s", (const char *)sqlite3_column_text(st, 2));
        s->created_at = sqlite3_column_int64(st, 3);
        s->last_seen_at = sqlite3_column_int64(st, 4);
        s->expires_at = sqlite3_column_int64(st, 5);
        read_account(st, 6, a);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the session has ended; sign in again");
    } else {
        e = db_error(db, rc, "session", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_session_touch(struct db *db, int64_t id, struct hl_error *err)
{
    if (db_read_only(db)) {
        mem_session_touch(id, db_now(db));
        return HL_OK;
    }
    sqlite3_stmt *st = db_prepare(db, "UPDATE session SET last_seen_at = ?1 WHERE id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, id);
    return step_done(db, st, NULL, "session", err);
}

enum hl_err store_session_delete(struct db *db, int64_t id, int64_t account_id, bool *found,
                                 struct hl_error *err)
{
    if (db_read_only(db)) {
        int n = mem_session_delete(id, account_id, false);
        if (found)
            *found = n > 0;
        return HL_OK;
    }
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM session WHERE id = ?1 AND (?2 = 0 OR account_id = ?2)", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, account_id);
    enum hl_err e = step_done(db, st, NULL, "session", err);
    if (found)
        *found = e == HL_OK && sqlite3_changes(db_handle(db)) > 0;
    return e;
}

enum hl_err store_session_delete_others(struct db *db, int64_t account_id, int64_t keep,
                                        struct hl_error *err)
{
    if (db_read_only(db)) {
        mem_session_delete(keep, account_id, true);
        return HL_OK;
    }
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM session WHERE account_id = ?1 AND id != ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int64(st, 2, keep);
    return step_done(db, st, NULL, "session", err);
}

enum hl_err store_token_delete_account(struct db *db, int64_t account_id, json_t **ids,
                                       struct hl_error *err)
{
    if (ids)
        *ids = NULL;
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM api_token WHERE account_id = ?1 RETURNING id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    json_t *gone = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(gone, json_integer(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(gone);
        return db_error(db, sqlite3_extended_errcode(db_handle(db)), "token", err);
    }
    if (ids)
        *ids = gone;
    else
        json_decref(gone);
    return HL_OK;
}

static json_t *instant_json(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return json_null();
    char s[21];
    instant_format(sqlite3_column_int64(st, col), s);
    return json_string(s);
}

enum hl_err store_session_list(struct db *db, int64_t account_id, json_t **items,
                               struct hl_error *err)
{
    if (db_read_only(db)) {
        *items = mem_session_list(account_id);
        return HL_OK;
    }
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, created_at, last_seen_at, expires_at, address, "
                                  "user_agent FROM session WHERE account_id = ?1 ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(o, "created_at", instant_json(st, 1));
        json_object_set_new(o, "last_seen_at", instant_json(st, 2));
        json_object_set_new(o, "expires_at", instant_json(st, 3));
        json_object_set_new(o, "address", json_string((const char *)sqlite3_column_text(st, 4)));
        json_t *ua = json_string((const char *)sqlite3_column_text(st, 5));
        json_object_set_new(o, "user_agent", ua ? ua : json_string(""));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "sessions", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_token_insert(struct db *db, int64_t account_id, const char *name,
                               const unsigned char hash[TOKEN_HASH_BYTES], int64_t *id,
                               struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO api_token (account_id, name, token_hash, "
                                  "created_at) VALUES (?1, ?2, ?3, ?4)",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, db_now(db));
    enum hl_err e = step_done(db, st, NULL, "token", err);
    if (e == HL_OK)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return e;
}

enum hl_err store_token_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                             int64_t *token_id, int64_t *last_used, struct account *a,
                             struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT t.id, coalesce(t.last_used_at, 0), a.id, a.version, a.login, a.role, "
        "coalesce(a.person_id, 0), a.disabled, a.locked_until, coalesce(a.last_login_at, 0), "
        "a.created_at, coalesce(a.lang, '') FROM api_token t JOIN account a ON a.id = t.account_id "
        "WHERE t.token_hash = ?1",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_blob(st, 1, hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        *token_id = sqlite3_column_int64(st, 0);
        *last_used = sqlite3_column_int64(st, 1);
        read_account(st, 2, a);
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "the API token is not valid");
    } else {
        e = db_error(db, rc, "token", err);
    }
    sqlite3_reset(st);
    return e;
}

enum hl_err store_token_touch(struct db *db, int64_t id, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE api_token SET last_used_at = ?1 WHERE id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, id);
    return step_done(db, st, NULL, "token", err);
}

enum hl_err store_token_delete(struct db *db, int64_t id, int64_t account_id, bool *found,
                               struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM api_token WHERE id = ?1 AND account_id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, account_id);
    enum hl_err e = step_done(db, st, NULL, "token", err);
    *found = e == HL_OK && sqlite3_changes(db_handle(db)) > 0;
    return e;
}

enum hl_err store_token_list(struct db *db, int64_t account_id, json_t **items,
                             struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, name, created_at, last_used_at FROM api_token "
                                  "WHERE account_id = ?1 ORDER BY id",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, account_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(o, "name", json_string((const char *)sqlite3_column_text(st, 1)));
        json_object_set_new(o, "created_at", instant_json(st, 2));
        json_object_set_new(o, "last_used_at", instant_json(st, 3));
        json_array_append_new(arr, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "tokens", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_failure_insert(struct db *db, const char *login, const char *address,
                                 struct hl_error *err)
{
    if (db_read_only(db)) {
        mem_failure_insert(login, address, db_now(db));
        return HL_OK;
    }
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO login_failure (login, address, at) VALUES (substr(?1, 1, 254), ?2, ?3)",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, address, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, db_now(db));
    return step_done(db, st, NULL, "login failure", err);
}

enum hl_err store_failure_count(struct db *db, const char *login, const char *address,
                                int64_t since, int *count, int64_t *oldest, int64_t *newest,
                                struct hl_error *err)
{
    if (db_read_only(db)) {
        mem_failure_count(login, address, since, count, oldest, newest);
        return HL_OK;
    }
    sqlite3_stmt *st = db_prepare(
        db,
        login ? "SELECT count(*), coalesce(min(at), 0), coalesce(max(at), 0) FROM login_failure "
                "WHERE login = substr(?1, 1, 254) AND at >= ?2"
              : "SELECT count(*), coalesce(min(at), 0), coalesce(max(at), 0) FROM login_failure "
                "WHERE address = ?1 AND at >= ?2",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, login ? login : address, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, since);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *count = sqlite3_column_int(st, 0);
        *oldest = sqlite3_column_int64(st, 1);
        *newest = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "login failures", err);
}

enum hl_err store_failure_clear(struct db *db, const char *login, struct hl_error *err)
{
    if (db_read_only(db)) {
        mem_failure_clear(login);
        return HL_OK;
    }
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM login_failure WHERE login = substr(?1, 1, 254)", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    return step_done(db, st, NULL, "login failures", err);
}
