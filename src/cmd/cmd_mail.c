/* cmd_mail.c: `haldus mail list|retry|send`: the outbox on the command line, and the SMTP
 * options `haldus serve` shares. */
#include "cmd.h"
#include "mail.h"
#include "mail_format.h"
#include "mem.h"
#include "store_mail.h"
#include "svc_record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char mail_help[] =
    "Usage: haldus mail list [--status queued|sent|failed] [--limit N] [--json] [--db PATH]\n"
    "       haldus mail retry ID | --failed [--db PATH]\n"
    "       haldus mail send [SMTP OPTIONS] [--db PATH]\n"
    "The outbox: every e-mail Haldus sends waits there until the SMTP relay accepts it.\n"
    "  list   the newest mails (default 50), newest first: id, status, attempts, kind,\n"
    "         recipient, subject and, for a failed one, why\n"
    "  retry  queue mail ID (or with --failed every failed mail) again, due now\n"
    "  send   deliver every mail due now once through the relay (the stored mail settings,\n"
    "         under the options below) and print how many were sent, will be retried, failed;\n"
    "         exits 1 when no relay is configured. `haldus serve` does this by itself.\n"
    "SMTP options:\n" CMD_SMTP_HELP;

int cmd_smtp_option(const char *cmd, int c, const char *arg, struct cmd_smtp *s)
{
    switch (c) {
    case CMD_SMTP_URL:
        if (!mail_url_valid(arg))
            return cmd_usage(cmd, "--smtp must be smtp://host[:port] or smtps://host[:port], "
                                  "without a user or password in it");
        s->url = arg;
        return 0;
    case CMD_SMTP_FROM:
        if (strlen(arg) < 3 || strlen(arg) > 254 || !strchr(arg, '@') ||
            strpbrk(arg, "<>\"(),;:\\[] ") || mail_has_control(arg))
            return cmd_usage(cmd, "--smtp-from must be an address like haldus@example.org");
        s->from = arg;
        return 0;
    case CMD_SMTP_USER:
        if (!*arg || strlen(arg) > 254 || mail_has_control(arg))
            return cmd_usage(cmd, "--smtp-user must be 1-254 characters");
        s->user = arg;
        return 0;
    case CMD_SMTP_PASSWORD:
        s->password_file = arg;
        return 0;
    case CMD_SMTP_RETRIES:
        if (!cmd_parse_long(arg, 1, 100, &s->retry_limit))
            return cmd_usage(cmd, "--smtp-retry-limit must be a number from 1 to 100");
        return 0;
    case CMD_SMTP_RETRY_BASE:
        if (!cmd_parse_long(arg, 1, 86400, &s->retry_base))
            return cmd_usage(cmd, "--smtp-retry-base must be a number of seconds from 1 to 86400");
        return 0;
    default:
        return -1;
    }
}

int cmd_smtp_finish(const char *cmd, struct cmd_smtp *s)
{
    if (s->password_file) {
        FILE *f = fopen(s->password_file, "r");
        if (!f) {
            fprintf(stderr, "haldus %s: cannot read %s: %s\n", cmd, s->password_file,
                    strerror(errno));
            return 1;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n = getline(&line, &cap, f);
        fclose(f);
        if (n <= 0 || n > 1024) {
            free(line);
            fprintf(stderr,
                    "haldus %s: %s must hold the password on its first line (at most "
                    "1024 bytes)\n",
                    cmd, s->password_file);
            return 1;
        }
        line[strcspn(line, "\r\n")] = '\0';
        s->password = line;
    } else {
        const char *env = getenv("HALDUS_SMTP_PASSWORD");
        if (env && *env)
            s->password = hl_strdup(env);
    }
    return 0;
}

void cmd_smtp_cleanup(struct cmd_smtp *s)
{
    if (s->password) {
        memset(s->password, 0, strlen(s->password));
        free(s->password);
        s->password = NULL;
    }
}

static void to_overrides(const struct cmd_smtp *s, struct mail_overrides *o)
{
    o->smtp_url = s->url;
    o->from_address = s->from;
    o->username = s->user;
    o->password = s->password;
    o->retry_limit = (int)s->retry_limit;
    o->retry_base_seconds = (int)s->retry_base;
}

/* For `haldus serve` (cmd_serve.c): the sender starts when the server listens. */
void cmd_mail_serve_start(const char *db_path, bool read_only)
{
    struct hl_error err;
    hl_error_clear(&err);
    if (read_only) {
        fprintf(stderr, "haldus: read-only: mail stays queued in the outbox\n");
        return;
    }
    if (mail_sender_start(db_path, &err) != HL_OK)
        fprintf(stderr, "haldus: %s\n", err.message);
}

void cmd_mail_serve_stop(void)
{
    mail_sender_stop();
}

void cmd_mail_serve_config(const struct cmd_smtp *s)
{
    struct mail_overrides o;
    to_overrides(s, &o);
    mail_overrides_set(&o);
}

static void print_list(const json_t *items)
{
    size_t i;
    const json_t *m;
    json_array_foreach(items, i, m)
    {
        printf("%" JSON_INTEGER_FORMAT "  %-6s  %d  %s  %s  %s\n",
               json_integer_value(json_object_get(m, "id")),
               json_string_value(json_object_get(m, "status")),
               (int)json_integer_value(json_object_get(m, "attempts")),
               json_string_value(json_object_get(m, "kind")),
               json_string_value(json_object_get(m, "to_address")),
               json_string_value(json_object_get(m, "subject")));
        const char *why = json_string_value(json_object_get(m, "last_error"));
        if (why && strcmp(json_string_value(json_object_get(m, "status")), "sent") != 0)
            printf("    last error: %s\n", why);
    }
}

int cmd_mail(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"status", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {"failed", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        CMD_SMTP_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *status = NULL;
    long limit = 50;
    bool as_json = false, failed = false, smtp_given = false;
    struct cmd_smtp smtp = {0};
    int c, r;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:jh", opts, NULL)) != -1) {
        if ((r = cmd_smtp_option("mail", c, optarg, &smtp)) >= 0) {
            if (r)
                return r;
            smtp_given = true;
            continue;
        }
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 's':
            if (strcmp(optarg, "queued") && strcmp(optarg, "sent") && strcmp(optarg, "failed"))
                return cmd_usage("mail", "--status must be queued, sent or failed");
            status = optarg;
            break;
        case 'n':
            if (!cmd_parse_long(optarg, 1, 10000, &limit))
                return cmd_usage("mail", "--limit must be a number from 1 to 10000");
            break;
        case 'j':
            as_json = true;
            break;
        case 'F':
            failed = true;
            break;
        case 'h':
            fputs(mail_help, stdout);
            return 0;
        case ':':
            return cmd_usage("mail", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("mail", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cmd_usage("mail", "give the subcommand: list, retry or send");
    const char *sub = argv[optind++];
    int64_t id = 0;
    if (strcmp(sub, "retry") == 0) {
        long v;
        if (failed ? optind != argc
                   : (argc - optind != 1 || !cmd_parse_long(argv[optind], 1, 1L << 53, &v)))
            return cmd_usage("mail", "retry takes one mail id, or --failed");
        id = failed ? 0 : v;
    } else if (strcmp(sub, "list") == 0 || strcmp(sub, "send") == 0) {
        if (optind != argc)
            return cmd_usage("mail", "unexpected argument %s", argv[optind]);
    } else {
        return cmd_usage("mail", "unknown subcommand %s; use list, retry or send", sub);
    }
    if (smtp_given && strcmp(sub, "send") != 0)
        return cmd_usage("mail", "the SMTP options go with `haldus mail send`");
    if ((r = cmd_smtp_finish("mail", &smtp)) != 0)
        return r;
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        cmd_smtp_cleanup(&smtp);
        return cmd_fail("mail", &err);
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    int rc = 0;
    if (strcmp(sub, "list") == 0) {
        json_t *items;
        if (store_mail_list(db, status, (int)limit, &items, &err) != HL_OK) {
            rc = cmd_fail("mail", &err);
        } else {
            if (as_json) {
                char *s = json_dumps(items, JSON_INDENT(2));
                if (s)
                    puts(s);
                free(s);
            } else {
                print_list(items);
            }
            json_decref(items);
        }
    } else if (strcmp(sub, "retry") == 0) {
        int64_t n = 1;
        json_t *out = NULL;
        enum hl_err e = failed ? svc_mail_retry_failed(&ctx, &n, &err)
                               : svc_mail_retry(&ctx, id, IF_MATCH_NONE, &out, &err);
        json_decref(out);
        if (e != HL_OK)
            rc = cmd_fail("mail", &err);
        else
            printf("%lld mail(s) queued again\n", (long long)n);
    } else {
        struct mail_overrides o;
        to_overrides(&smtp, &o);
        struct mail_relay relay;
        struct mail_pass pass = {0};
        enum hl_err e = mail_relay_resolve(db, &o, &relay, &err);
        if (e == HL_OK && !relay.url)
            e = hl_fail(&err, HL_ERR_USAGE, NULL,
                        "no SMTP relay configured: give --smtp and --smtp-from, or set them "
                        "with PATCH /api/v1/mail/settings");
        if (e == HL_OK) {
            e = mail_deliver_due(db, &relay, NULL, &pass, &err);
        }
        mail_relay_cleanup(&relay);
        if (e != HL_OK)
            rc = cmd_fail("mail", &err);
        else
            printf("sent %zu, to retry %zu, failed %zu\n", pass.sent, pass.retry, pass.failed);
    }
    db_close(db);
    cmd_smtp_cleanup(&smtp);
    return rc;
}
