/* jobs.c: the domains' periodic work, on a timer for `haldus serve` and once for `haldus jobs
 * run` (jobs.h). */
#include "jobs.h"
#include "domain.h"
#include "mem.h"
#include "svc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum hl_err jobs_run(struct db *db, jobs_report_fn report, void *arg, bool *did,
                     struct hl_error *err)
{
    enum hl_err first = HL_OK;
    if (did)
        *did = false;
    for (const struct domain *const *d = domain_registry; *d; d++) {
        if (!(*d)->tick)
            continue;
        struct svc_ctx ctx = {db, "jobs", NULL};
        struct hl_error e1;
        hl_error_clear(&e1);
        char *summary = NULL;
        enum hl_err e = (*d)->tick(&ctx, &summary, &e1);
        /* A tick leaves no transaction open, whatever happened inside it. */
        while (db_tx_depth(db) > 0)
            db_rollback(db);
        if (e != HL_OK) {
            free(summary);
            summary = NULL;
            if (first == HL_OK) {
                first = e;
                *err = e1;
            }
        } else if (summary && did) {
            *did = true;
        }
        if (report && (e != HL_OK || summary))
            report((*d)->name, summary, e, &e1, arg);
        free(summary);
    }
    return first;
}

static pthread_t jobs_thread;
static pthread_mutex_t jobs_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jobs_cond = PTHREAD_COND_INITIALIZER;
static bool jobs_running, jobs_stopping;
static char *jobs_db_path;
static unsigned jobs_interval;
static void (*jobs_after)(void);

static void log_failure(const char *domain, const char *summary, enum hl_err e,
                        const struct hl_error *err, void *arg)
{
    (void)summary;
    (void)arg;
    if (e != HL_OK)
        fprintf(stderr, "haldus: periodic work of %s: %s\n", domain, err->message);
}

static void *jobs_main(void *unused)
{
    (void)unused;
    /* The first run comes a few seconds after start, so a restart catches up soon without
     * competing with the server's own start. */
    unsigned wait = 5;
    for (;;) {
        pthread_mutex_lock(&jobs_mu);
        if (!jobs_stopping) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += wait;
            while (!jobs_stopping && pthread_cond_timedwait(&jobs_cond, &jobs_mu, &until) == 0)
                ;
        }
        bool stop = jobs_stopping;
        pthread_mutex_unlock(&jobs_mu);
        if (stop)
            break;
        wait = jobs_interval;
        struct db *db = NULL;
        struct hl_error err;
        hl_error_clear(&err);
        if (db_open(jobs_db_path, 0, &db, &err) != HL_OK) {
            fprintf(stderr, "haldus: periodic work: %s\n", err.message);
            continue;
        }
        bool did = false;
        (void)jobs_run(db, log_failure, NULL, &did, &err);
        db_close(db);
        if (did && jobs_after)
            jobs_after();
    }
    return NULL;
}

enum hl_err jobs_start(const char *db_path, unsigned interval_s, void (*after)(void),
                       struct hl_error *err)
{
    if (jobs_running)
        return HL_OK;
    jobs_db_path = hl_strdup(db_path);
    jobs_interval = interval_s ? interval_s : 300;
    jobs_after = after;
    jobs_stopping = false;
    if (pthread_create(&jobs_thread, NULL, jobs_main, NULL) != 0) {
        free(jobs_db_path);
        jobs_db_path = NULL;
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "cannot start the periodic work");
    }
    jobs_running = true;
    return HL_OK;
}

void jobs_stop(void)
{
    if (!jobs_running)
        return;
    pthread_mutex_lock(&jobs_mu);
    jobs_stopping = true;
    pthread_cond_signal(&jobs_cond);
    pthread_mutex_unlock(&jobs_mu);
    pthread_join(jobs_thread, NULL);
    jobs_running = false;
    free(jobs_db_path);
    jobs_db_path = NULL;
}
