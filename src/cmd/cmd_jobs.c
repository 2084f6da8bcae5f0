/* cmd_jobs.c: `haldus jobs run`: the domains' periodic work once (jobs.h), for cron, for a
 * server started with --jobs-interval 0, and for tests that move the clock. */
#include "cmd.h"
#include "jobs.h"
#include "timeutil.h"

#include <stdio.h>
#include <string.h>

static const char jobs_help[] =
    "Usage: haldus jobs run [--at TIME] [--db PATH]\n"
    "Runs the periodic work of every part of Haldus once: reminders that fell due (queued in\n"
    "the e-mail outbox), retention purges. `haldus serve` does this by itself every few\n"
    "minutes (its --jobs-interval); this command is for a server that does not, or for cron.\n"
    "Prints one line per part that did something; exits 1 when any part failed (the others\n"
    "still run).\n"
    "  --at TIME   run as if it were TIME (RFC 3339, e.g. 2027-01-15T09:00:00Z) instead of now\n"
    "  --db PATH   database (default $HALDUS_DB or ./haldus.db)\n";

static void print_report(const char *domain, const char *summary, enum hl_err e,
                         const struct hl_error *err, void *arg)
{
    (void)arg;
    if (e != HL_OK)
        fprintf(stderr, "haldus jobs: %s: %s\n", domain, err->message);
    else
        printf("%s: %s\n", domain, summary);
}

int cmd_jobs(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"at", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL;
    int64_t at = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:a:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'a':
            if (!instant_parse(optarg, &at) || at < 0)
                return cmd_usage("jobs", "--at must be a time like 2027-01-15T09:00:00Z, not %s",
                                 optarg);
            break;
        case 'h':
            fputs(jobs_help, stdout);
            return 0;
        case ':':
            return cmd_usage("jobs", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("jobs", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind >= argc || strcmp(argv[optind], "run") != 0 || optind + 1 != argc)
        return cmd_usage("jobs", "the command is `haldus jobs run`");
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("jobs", &err);
    if (at >= 0)
        db_set_clock(db, at);
    bool did = false;
    enum hl_err e = jobs_run(db, print_report, NULL, &did, &err);
    db_close(db);
    if (e != HL_OK)
        return 1;
    if (!did)
        puts("nothing to do");
    return 0;
}
