/* jobs.h: the domains' periodic work (their `tick` hooks, src/core/domain.h): reminders that
 * fell due, retention purges. `haldus serve` runs them on a timer in a thread of their own;
 * `haldus jobs run` runs them once. */
#ifndef HL_JOBS_H
#define HL_JOBS_H

#include "db.h"
#include "err.h"

#include <stdbool.h>

/* What one domain's tick did: summary NULL when it had nothing to do; e set and err filled when
 * it failed (the other domains still run). */
typedef void (*jobs_report_fn)(const char *domain, const char *summary, enum hl_err e,
                               const struct hl_error *err, void *arg);

/* Runs every domain's tick once, in registry order, as of db_now(db). Returns HL_OK when every
 * tick succeeded, else the first failure's code (with *err its message); report (may be NULL)
 * hears of each domain that did something or failed. *did is true when any tick did something
 * (did may be NULL). */
enum hl_err jobs_run(struct db *db, jobs_report_fn report, void *arg, bool *did,
                     struct hl_error *err);

/* Starts the timer thread: every interval_s seconds (and once shortly after start) it opens
 * db_path and runs jobs_run; after a run that did something it calls after (may be NULL; e.g.
 * wake the mail sender). Failures are written to stderr. */
enum hl_err jobs_start(const char *db_path, unsigned interval_s, void (*after)(void),
                       struct hl_error *err);
/* Stops the thread and waits for a run in progress to end. Safe when not started. */
void jobs_stop(void);

#endif
