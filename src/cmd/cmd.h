/* cmd.h: the CLI commands named in main.c's command table, and what they share. */
#ifndef HL_CMD_H
#define HL_CMD_H

#include "db.h"
#include "err.h"

#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* Every command: argv[0] is the command's name; returns the process exit status. */
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_openapi(int argc, char **argv);
int cmd_absence(int argc, char **argv);
int cmd_holidays(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_task(int argc, char **argv);
int cmd_message(int argc, char **argv);
int cmd_meeting(int argc, char **argv);
int cmd_mail(int argc, char **argv);

/* The SMTP options of `haldus serve` and `haldus mail send` (cmd_mail.c): add CMD_SMTP_OPTIONS
 * to the getopt_long table, hand every option to cmd_smtp_option, then call cmd_smtp_finish. */
#define CMD_SMTP_URL        1001
#define CMD_SMTP_FROM       1002
#define CMD_SMTP_USER       1003
#define CMD_SMTP_PASSWORD   1004
#define CMD_SMTP_RETRIES    1005
#define CMD_SMTP_RETRY_BASE 1006
#define CMD_SMTP_OPTIONS                                                                           \
    {"smtp", required_argument, NULL, CMD_SMTP_URL},                                               \
        {"smtp-from", required_argument, NULL, CMD_SMTP_FROM},                                     \
        {"smtp-user", required_argument, NULL, CMD_SMTP_USER},                                     \
        {"smtp-password-file", required_argument, NULL, CMD_SMTP_PASSWORD},                        \
        {"smtp-retry-limit", required_argument, NULL, CMD_SMTP_RETRIES},                           \
    {                                                                                              \
        "smtp-retry-base", required_argument, NULL, CMD_SMTP_RETRY_BASE                            \
    }
#define CMD_SMTP_HELP                                                                              \
    "  --smtp URL         the SMTP relay: smtp://host[:port] (STARTTLS when offered) or\n"         \
    "                     smtps://host[:port]; overrides the stored mail settings\n"               \
    "  --smtp-from ADDR   the sender address\n"                                                    \
    "  --smtp-user USER   the relay's login\n"                                                     \
    "  --smtp-password-file PATH  the relay's password: the file's first line (else\n"             \
    "                     $HALDUS_SMTP_PASSWORD); never on the command line\n"                     \
    "  --smtp-retry-limit N  attempts before a mail is failed, 1-100 (default 8)\n"                \
    "  --smtp-retry-base SECONDS  wait after the first failure, doubled after each (default 60)\n"

struct cmd_smtp {
    const char *url, *from, *user, *password_file;
    long retry_limit, retry_base;
    char *password; /* read by cmd_smtp_finish; cmd_smtp_cleanup wipes it */
};
/* -1: not an SMTP option; 0: taken; otherwise the exit status of a usage error. */
int cmd_smtp_option(const char *cmd, int c, const char *arg, struct cmd_smtp *s);
/* Reads the password (file, else environment) and checks the options: 0, or an exit status. */
int cmd_smtp_finish(const char *cmd, struct cmd_smtp *s);
void cmd_smtp_cleanup(struct cmd_smtp *s);
/* `haldus serve`'s mail sender: the overrides, and the server's start and stop hooks. */
void cmd_mail_serve_config(const struct cmd_smtp *s);
void cmd_mail_serve_start(const char *db_path, bool read_only);
void cmd_mail_serve_stop(void);
int cmd_match(int argc, char **argv);
int cmd_jobs(int argc, char **argv);
int cmd_recruit(int argc, char **argv);
/* `haldus recruit offer …` and `haldus recruit interviews` (cmd_recruit_offer.c): argv[0] is
 * "offer" or "interviews". */
int cmd_recruit_offer(int argc, char **argv);
int cmd_recruit_interviews(int argc, char **argv);
int cmd_training(int argc, char **argv);

/* `haldus import org` and `haldus export org` (cmd_org.c): argv[0] is "org". */
int cmd_import_org(int argc, char **argv);
int cmd_export_org(int argc, char **argv);
/* `haldus export --template KIND`: the header and one example row of an organisation file. */
int cmd_export_template(const char *kind);

/* Creates the first admin account; prints the password once when it is generated
 * (password_file NULL). Returns the exit status. */
int cmd_create_first_admin(struct db *db, const char *login, const char *password_file);

/* The database path: --db, else $HALDUS_DB, else ./haldus.db. */
const char *cmd_db_path(const char *opt);

/* Prints "haldus CMD: message" for err to stderr and returns exit status 1. */
int cmd_fail(const char *cmd, const struct hl_error *err);

/* Prints a usage error with a pointer to --help and returns exit status 2. */
int cmd_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a whole non-negative decimal number in [min, max]. */
bool cmd_parse_long(const char *s, long min, long max, long *out);

/* Opens the database and requires it to be at the current schema version. */
enum hl_err cmd_open_current(const char *path, struct db **out, struct hl_error *err);

/* Prints v as indented JSON with sorted keys (the --json output of a command). */
void cmd_print_json(const json_t *v);

/* Parses a whole positive decimal record id; false for NULL, junk or < 1. */
bool cmd_parse_id(const char *s, int64_t *id);

#endif
