/* sender_mail.c: the sender: claims due mail, hands it to the relay, records what happened.
 *
 * Delivery is at-least-once. A mail is claimed in a transaction (attempts + 1, due again only
 * after MAIL_LEASE_SECONDS), sent, and then marked sent in a second transaction. A process that
 * dies between the relay's "250 OK" and that mark leaves the mail queued; after the lease it is
 * sent again, with the same Message-ID, so the recipient's mail software can tell. The other
 * choice, at-most-once, would lose mail on such a crash; Haldus prefers a rare duplicate. A
 * mail is never lost: it is in the outbox until the relay accepted it or the retry limit was
 * reached (status failed, last_error says why). */
#include "mail.h"

#include "mail_format.h"
#include "mem.h"
#include "send_mail.h"
#include "store_mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the command line's overrides: process-wide, set once by `haldus serve` ---- */

static pthread_mutex_t over_mu = PTHREAD_MUTEX_INITIALIZER;
static struct mail_overrides over;
static bool over_set;

static void over_free(void)
{
    free((char *)over.smtp_url);
    free((char *)over.from_address);
    free((char *)over.username);
    free((char *)over.password);
    memset(&over, 0, sizeof over);
}

static char *dup_or_null(const char *s)
{
    return s ? hl_strdup(s) : NULL;
}

void mail_overrides_set(const struct mail_overrides *o)
{
    pthread_mutex_lock(&over_mu);
    over_free();
    over_set = o != NULL;
    if (o) {
        over.smtp_url = dup_or_null(o->smtp_url);
        over.from_address = dup_or_null(o->from_address);
        over.username = dup_or_null(o->username);
        over.password = dup_or_null(o->password);
        over.retry_limit = o->retry_limit;
        over.retry_base_seconds = o->retry_base_seconds;
    }
    pthread_mutex_unlock(&over_mu);
}

bool mail_overrides_get(struct mail_overrides *out)
{
    pthread_mutex_lock(&over_mu);
    *out = over;
    bool set = over_set;
    pthread_mutex_unlock(&over_mu);
    return set;
}

void mail_relay_cleanup(struct mail_relay *r)
{
    if (!r)
        return;
    free(r->url);
    free(r->from);
    free(r->user);
    if (r->password) {
        memset(r->password, 0, strlen(r->password));
        free(r->password);
    }
    memset(r, 0, sizeof *r);
}

static char *pick(const char *given, const json_t *stored)
{
    if (given && *given)
        return hl_strdup(given);
    return json_is_string(stored) ? hl_strdup(json_string_value(stored)) : NULL;
}

enum hl_err mail_relay_resolve(struct db *db, const struct mail_overrides *o,
                               struct mail_relay *out, struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    json_t *s;
    enum hl_err e = store_mail_settings_get(db, &s, err);
    if (e != HL_OK)
        return e;
    struct mail_overrides none = {0};
    if (!o)
        o = &none;
    out->url = pick(o->smtp_url, json_object_get(s, "smtp_url"));
    out->from = pick(o->from_address, json_object_get(s, "from_address"));
    out->user = pick(o->username, json_object_get(s, "username"));
    out->password = o->password ? hl_strdup(o->password) : NULL;
    out->retry_limit = o->retry_limit > 0
                           ? o->retry_limit
                           : (int)json_integer_value(json_object_get(s, "retry_limit"));
    out->retry_base = o->retry_base_seconds > 0
                          ? o->retry_base_seconds
                          : json_integer_value(json_object_get(s, "retry_base_seconds"));
    json_decref(s);
    /* Without a sender address there is nothing to put in MAIL FROM: not configured. */
    if (out->url && !out->from) {
        free(out->url);
        out->url = NULL;
    }
    return HL_OK;
}

/* ---- one pass over the due mail ---- */

enum hl_err mail_deliver_due(struct db *db, const struct mail_relay *r, const volatile bool *stop,
                             struct mail_pass *pass, struct hl_error *err)
{
    if (!r->url)
        return HL_OK;
    struct mail_conn *c = mail_conn_new();
    if (!c)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "libcurl could not start a transfer");
    enum hl_err e = HL_OK;
    /* Mail claimed in this pass is not due again until the lease ends: the loop ends when a
     * claim finds nothing due. */
    /* A relay that cannot be reached ends the pass after one attempt, so an outage costs one
     * mail an attempt per pass instead of every due mail all of theirs. */
    bool down = false;
    while (e == HL_OK && !down && !(stop && *stop)) {
        struct store_mail_item *items;
        size_t n;
        if ((e = store_mail_claim(db, (int64_t)time(NULL), MAIL_LEASE_SECONDS, MAIL_BATCH, &items,
                                  &n, err)) != HL_OK)
            break;
        if (n == 0) {
            free(items);
            break;
        }
        /* Send the batch, then record every outcome in one transaction: one fsync per batch
         * rather than per mail (a crash before it resends at most this batch). */
        struct outcome {
            enum mail_result res;
            char why[CURL_ERROR_SIZE + 64];
        } *out = hl_calloc(n, sizeof *out);
        size_t tried = 0;
        for (; tried < n && !down && !(stop && *stop); tried++) {
            out[tried].res =
                mail_conn_send(c, r, &items[tried], stop, out[tried].why, sizeof out[tried].why);
            down = out[tried].res == MAIL_RELAY_DOWN;
        }
        int64_t now = (int64_t)time(NULL);
        e = db_begin(db, true, err);
        for (size_t i = 0; e == HL_OK && i < n; i++) {
            struct store_mail_item *m = &items[i];
            if (i >= tried) {
                e = store_mail_release(db, m->id, now, err);
            } else if (out[i].res == MAIL_SENT) {
                e = store_mail_mark_sent(db, m->id, now, err);
                pass->sent++;
            } else {
                bool give_up = m->attempts >= r->retry_limit;
                e = store_mail_mark_failed(db, m->id, out[i].why, now,
                                           now + mail_backoff(m->attempts, r->retry_base), give_up,
                                           err);
                if (give_up) {
                    pass->failed++;
                    fprintf(stderr, "haldus: mail %lld failed after %d attempts: %s\n",
                            (long long)m->id, m->attempts, out[i].why);
                } else {
                    pass->retry++;
                }
            }
        }
        if (e == HL_OK)
            e = db_commit(db, err);
        if (e != HL_OK)
            db_rollback(db); /* the claims stand: the batch is tried again after the lease */
        for (size_t i = 0; i < n; i++)
            store_mail_item_cleanup(&items[i]);
        free(out);
        free(items);
    }
    mail_conn_free(c);
    return e;
}

/* ---- the sender thread of `haldus serve` ---- */

static pthread_mutex_t snd_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t snd_cond = PTHREAD_COND_INITIALIZER;
static volatile bool snd_stop;
static bool snd_woken, snd_running;
static pthread_t snd_thread;
static char *snd_db_path;

void mail_sender_wake(void)
{
    pthread_mutex_lock(&snd_mu);
    snd_woken = true;
    pthread_cond_signal(&snd_cond);
    pthread_mutex_unlock(&snd_mu);
}

static void *sender_main(void *arg)
{
    (void)arg;
    struct db *db = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    if (db_open(snd_db_path, 0, &db, &err) != HL_OK) {
        fprintf(stderr, "haldus: the mail sender cannot open the database: %s\n", err.message);
        return NULL;
    }
    if (db_read_only(db)) {
        fprintf(stderr, "haldus: read-only database: mail stays in the outbox, unsent\n");
        db_close(db);
        return NULL;
    }
    bool said_unconfigured = false;
    while (!snd_stop) {
        struct mail_overrides o;
        mail_overrides_get(&o);
        struct mail_relay r;
        /* The overrides' strings stay valid: only serve's start sets them. */
        enum hl_err e = mail_relay_resolve(db, &o, &r, &err);
        if (e == HL_OK && !r.url && !said_unconfigured) {
            fprintf(stderr, "haldus: no SMTP relay configured: mail stays queued in the outbox\n");
            said_unconfigured = true;
        }
        if (e == HL_OK && r.url) {
            said_unconfigured = false;
            struct mail_pass pass = {0};
            e = mail_deliver_due(db, &r, &snd_stop, &pass, &err);
        }
        if (e != HL_OK)
            fprintf(stderr, "haldus: mail sender: %s\n", err.message);
        mail_relay_cleanup(&r);
        /* Look again in a second, or at once when woken (a retry, new settings). */
        pthread_mutex_lock(&snd_mu);
        if (!snd_woken && !snd_stop) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 1;
            pthread_cond_timedwait(&snd_cond, &snd_mu, &until);
        }
        snd_woken = false;
        pthread_mutex_unlock(&snd_mu);
    }
    db_close(db);
    return NULL;
}

enum hl_err mail_sender_start(const char *db_path, struct hl_error *err)
{
    if (snd_running)
        return HL_OK;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "libcurl could not be initialised");
    snd_db_path = hl_strdup(db_path);
    snd_stop = false;
    snd_woken = false;
    if (pthread_create(&snd_thread, NULL, sender_main, NULL) != 0) {
        free(snd_db_path);
        snd_db_path = NULL;
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "cannot start the mail sender");
    }
    snd_running = true;
    return HL_OK;
}

void mail_sender_stop(void)
{
    if (!snd_running)
        return;
    pthread_mutex_lock(&snd_mu);
    snd_stop = true;
    pthread_cond_signal(&snd_cond);
    pthread_mutex_unlock(&snd_mu);
    pthread_join(snd_thread, NULL);
    snd_running = false;
    free(snd_db_path);
    snd_db_path = NULL;
    curl_global_cleanup();
}
