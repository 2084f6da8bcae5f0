/* cmd_serve.c: `haldus serve`: the web app and the JSON API. */
#include "cmd.h"
#include "jobs.h"
#include "mail.h"
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seconds between runs of the periodic work; 0 for none. */
static unsigned jobs_interval = 300;

static void serve_start(const char *db_path, bool read_only)
{
    cmd_mail_serve_start(db_path, read_only);
    if (read_only || jobs_interval == 0)
        return;
    struct hl_error err;
    hl_error_clear(&err);
    /* Reminders a run queues go out at once rather than at the sender's next look. */
    if (jobs_start(db_path, jobs_interval, mail_sender_wake, &err) != HL_OK)
        fprintf(stderr, "haldus: %s\n", err.message);
}

static void serve_stop(void)
{
    jobs_stop();
    cmd_mail_serve_stop();
}

int cmd_serve(int argc, char **argv)
{
    static const char help[] =
        "Usage: haldus serve [--db PATH] [--listen ADDR:PORT] [--threads N]\n"
        "Serves the web app and the JSON API until SIGINT or SIGTERM.\n"
        "  --db PATH          database (default $HALDUS_DB or ./haldus.db)\n"
        "  --listen ADDR:PORT address (default $HALDUS_LISTEN or 127.0.0.1:8080); port 0 picks\n"
        "                     a free port.\n"
        "  --threads N        worker threads (default: one per usable core)\n"
        "  --behind-tls       a TLS-terminating reverse proxy is in front: session cookies get\n"
        "                     Secure and the __Host- prefix (also HALDUS_BEHIND_TLS=1)\n"
        "  --read-only        open the database read-only: reading and signing in work, every\n"
        "                     change answers 503 read_only (also HALDUS_READ_ONLY=1)\n"
        "  --max-connections N  connections at once, 1-100000 (default 4000)\n"
        "  --per-address N    connections at once from one client address, 0 for no limit\n"
        "                     (default 128; no limit with --behind-tls, where every connection\n"
        "                     comes from the proxy)\n"
        "  --request-deadline SECONDS  time a request's head and body may take to arrive in\n"
        "                     all, 1-3600 (default 30); a connection past it is dropped\n"
        "  --jobs-interval SECONDS  run the periodic work (reminders, retention purges; see\n"
        "                     `haldus jobs run`) every SECONDS, 10-86400, or 0 for never\n"
        "                     (default 300)\n"
        "E-mail: queued mail is delivered through the SMTP relay of the mail settings\n"
        "(PATCH /api/v1/mail/settings) or these options, which override them:\n" CMD_SMTP_HELP;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"behind-tls", no_argument, NULL, 'T'},
        {"read-only", no_argument, NULL, 'R'},
        {"max-connections", required_argument, NULL, 'M'},
        {"per-address", required_argument, NULL, 'P'},
        {"request-deadline", required_argument, NULL, 'D'},
        {"jobs-interval", required_argument, NULL, 'J'},
        CMD_SMTP_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct server_config cfg = {0};
    cfg.per_address_limit = -1;
    long n;
    const char *db = NULL, *listen = NULL;
    long threads = 0;
    struct cmd_smtp smtp = {0};
    int c, r;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:l:t:h", opts, NULL)) != -1) {
        if ((r = cmd_smtp_option("serve", c, optarg, &smtp)) >= 0) {
            if (r)
                return r;
            continue;
        }
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 't':
            if (!cmd_parse_long(optarg, 1, 256, &threads))
                return cmd_usage("serve", "--threads must be a number from 1 to 256");
            break;
        case 'T':
            cfg.behind_tls = true;
            break;
        case 'R':
            cfg.read_only = true;
            break;
        case 'M':
            if (!cmd_parse_long(optarg, 1, 100000, &n))
                return cmd_usage("serve", "--max-connections must be a number from 1 to 100000");
            cfg.max_connections = (unsigned)n;
            break;
        case 'P':
            if (!cmd_parse_long(optarg, 0, 100000, &n))
                return cmd_usage("serve", "--per-address must be a number from 0 (no limit) to "
                                          "100000");
            cfg.per_address_limit = (int)n;
            break;
        case 'D':
            if (!cmd_parse_long(optarg, 1, 3600, &n))
                return cmd_usage("serve", "--request-deadline must be a number of seconds from 1 "
                                          "to 3600");
            cfg.request_deadline = (unsigned)n;
            break;
        case 'J':
            if (!cmd_parse_long(optarg, 0, 86400, &n) || (n > 0 && n < 10))
                return cmd_usage("serve", "--jobs-interval must be 0 (never) or a number of "
                                          "seconds from 10 to 86400");
            jobs_interval = (unsigned)n;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        case ':':
            return cmd_usage("serve", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("serve", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage("serve", "unexpected argument %s", argv[optind]);
    if (!listen) {
        listen = getenv("HALDUS_LISTEN");
        if (!listen || !*listen)
            listen = "127.0.0.1:8080";
    }
    const char *tls = getenv("HALDUS_BEHIND_TLS");
    if (tls && strcmp(tls, "1") == 0)
        cfg.behind_tls = true;
    const char *ro = getenv("HALDUS_READ_ONLY");
    if (ro && strcmp(ro, "1") == 0)
        cfg.read_only = true;
    cfg.db_path = cmd_db_path(db);
    cfg.listen = listen;
    cfg.threads = (unsigned)threads;
    if ((r = cmd_smtp_finish("serve", &smtp)) != 0)
        return r;
    cmd_mail_serve_config(&smtp);
    cmd_smtp_cleanup(&smtp); /* the sender keeps its own copy */
    cfg.on_start = serve_start;
    cfg.on_stop = serve_stop;
    struct hl_error err;
    hl_error_clear(&err);
    if (server_run(&cfg, &err) != HL_OK)
        return cmd_fail("serve", &err);
    return 0;
}
