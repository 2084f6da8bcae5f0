/* cmd.h: the CLI commands named in main.c's command table, and what they share. */
#ifndef HL_CMD_H
#define HL_CMD_H

#include "db.h"
#include "err.h"

#include <getopt.h>
#include <stdbool.h>

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
int cmd_match(int argc, char **argv);

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

#endif
