/* main.c: the haldus command line: one table of commands. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"init", cmd_init, "create a new database"},
    {"migrate", cmd_migrate, "bring an existing database up to date"},
    {"check", cmd_check, "validate the database and configuration"},
    {"demo", cmd_demo, "fill a database with a demo organisation"},
    {"serve", cmd_serve, "serve the web app and the JSON API"},
    {"user", cmd_user, "add, invite, list, disable accounts; set passwords"},
    {"coverage", cmd_coverage, "the coverage board, plans and the LP export"},
    {"import", cmd_import, "import an organisation folder, or one CSV file (all or nothing)"},
    {"export", cmd_export, "write the organisation, or one collection, as CSV"},
    {"absence", cmd_absence, "approve, reject or cancel an absence"},
    {"holidays", cmd_holidays, "list the public and hand-added holidays of the offices"},
    {"case", cmd_case, "confidential mediation cases: list, show, open, note, close …"},
    {"task", cmd_task, "list, add and move an assistant's tasks"},
    {"message", cmd_message, "list, take and mark done phone messages for executives"},
    {"meeting", cmd_meeting, "find a time for a meeting (find-time)"},
    {"mail", cmd_mail, "the e-mail outbox: list, retry, send through the SMTP relay"},
    {"match", cmd_match, "role fit: the pool-wide what-if of who supports whom; accept it"},
    {"jobs", cmd_jobs, "run the periodic work once: reminders, retention purges"},
    {"recruit", cmd_recruit,
     "recruiting: rank a requisition's applications, its board, offers, interviews, export/erase"},
    {"training", cmd_training, "training needs, courses, sessions, enrolment and completion"},
    {"openapi", cmd_openapi, "print the OpenAPI document of the JSON API"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: haldus COMMAND [OPTIONS]\n"
                 "Haldus runs a pool of administrative assistants: who supports which\n"
                 "executive, absences, and the coverage of every executive.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nOptions:\n  --help     this text; `haldus COMMAND --help` for a command\n"
                 "  --version  print the version\n\n"
                 "Environment: HALDUS_DB (database, default ./haldus.db), HALDUS_LISTEN\n"
                 "(default 127.0.0.1:8080), HALDUS_BEHIND_TLS=1 (behind a TLS proxy),\n"
                 "HALDUS_SMTP_PASSWORD (the SMTP relay's password; see `haldus serve --help`).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            char *args[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (strcmp(commands[i].name, argv[2]) == 0)
                    return commands[i].run(2, args);
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("haldus %s\n", HALDUS_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "haldus: unknown command '%s'\n\n", name);
    usage(stderr);
    return 2;
}
