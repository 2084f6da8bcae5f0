/* cmd_db.c: CLI ⇄ svc for the database's life: init, migrate, check, demo. */
#include "cmd.h"
#include "svc_mediation.h"
#include "migrate.h"
#include "svc_demo.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct option db_only[] = {
    {"db", required_argument, NULL, 'd'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parses [--db PATH] [--help]; returns -1 to go on, else the exit status. */
static int parse_db_only(int argc, char **argv, const char *help, const char **db)
{
    int c;
    *db = NULL;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:h", db_only, NULL)) != -1) {
        switch (c) {
        case 'd':
            *db = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        case ':':
            return cmd_usage(argv[0], "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage(argv[0], "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage(argv[0], "unexpected argument %s", argv[optind]);
    *db = cmd_db_path(*db);
    return -1;
}

/* Creates (when missing) and migrates path; *created says whether it was new. */
static enum hl_err create_db(const char *path, bool *fresh, struct hl_error *err)
{
    struct db *db;
    int version = 0, applied = 0;
    enum hl_err e = db_open(path, DB_CREATE, &db, err);
    if (e != HL_OK)
        return e;
    if ((e = migrate_version(db, &version, err)) == HL_OK)
        e = migrate_up(db, &applied, err);
    db_close(db);
    *fresh = version == 0;
    return e;
}

int cmd_init(int argc, char **argv)
{
    static const char help[] =
        "Usage: haldus init [--db PATH] [--admin-login LOGIN] [--admin-password-file FILE]\n"
        "Creates a new Haldus database (default $HALDUS_DB or ./haldus.db) with its first admin\n"
        "account (login `admin` unless given). The admin's password is read from FILE ('-' for\n"
        "stdin) or generated and printed once.\n"
        "Fails if the file already holds a Haldus database; use `haldus migrate` to update one.\n";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"admin-login", required_argument, NULL, 'l'},
        {"admin-password-file", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *path = NULL, *admin = "admin", *password_file = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:l:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 'l':
            admin = optarg;
            break;
        case 'f':
            password_file = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        case ':':
            return cmd_usage("init", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("init", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage("init", "unexpected argument %s", argv[optind]);
    path = cmd_db_path(path);
    struct hl_error err;
    hl_error_clear(&err);
    if (access(path, F_OK) == 0) {
        struct db *db;
        int version = 0;
        enum hl_err e = db_open(path, 0, &db, &err);
        if (e == HL_OK) {
            e = migrate_version(db, &version, &err);
            db_close(db);
        }
        if (e != HL_OK)
            return cmd_fail("init", &err);
        if (version > 0) {
            hl_fail(&err, HL_ERR_CONFLICT, NULL,
                    "%s already holds a Haldus database (schema %d); nothing to do "
                    "(use `haldus migrate` to update it)",
                    path, version);
            return cmd_fail("init", &err);
        }
    }
    bool fresh;
    if (create_db(path, &fresh, &err) != HL_OK)
        return cmd_fail("init", &err);
    printf("created %s (schema %d)\n", path, migrate_latest());
    struct db *db;
    if (cmd_open_current(path, &db, &err) != HL_OK)
        return cmd_fail("init", &err);
    int rc = cmd_create_first_admin(db, admin, password_file);
    db_close(db);
    return rc;
}

int cmd_migrate(int argc, char **argv)
{
    static const char help[] =
        "Usage: haldus migrate [--db PATH]\n"
        "Brings an existing database up to this version's schema. Refuses a database that is\n"
        "newer than this binary or that is not Haldus's.\n";
    const char *path;
    int rc = parse_db_only(argc, argv, help, &path);
    if (rc >= 0)
        return rc;
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    int before = 0, applied = 0;
    if (db_open(path, 0, &db, &err) != HL_OK)
        return cmd_fail("migrate", &err);
    enum hl_err e = migrate_version(db, &before, &err);
    if (e == HL_OK)
        e = migrate_up(db, &applied, &err);
    db_close(db);
    if (e != HL_OK)
        return cmd_fail("migrate", &err);
    if (applied)
        printf("%s: migrated from schema %d to %d\n", path, before, before + applied);
    else
        printf("%s: already at schema %d\n", path, before);
    return 0;
}

static int count_rows(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

int cmd_check(int argc, char **argv)
{
    static const char help[] =
        "Usage: haldus check [--db PATH]\n"
        "Validates the database (schema version, integrity, foreign keys) and the configuration\n"
        "($HALDUS_LISTEN). Prints what it checked; exits 1 with the reason if anything is wrong.\n";
    const char *path;
    int rc = parse_db_only(argc, argv, help, &path);
    if (rc >= 0)
        return rc;
    struct hl_error err;
    hl_error_clear(&err);
    const char *listen = getenv("HALDUS_LISTEN");
    if (listen && *listen) {
        char *colon = strrchr(listen, ':');
        long port;
        if (!colon || !cmd_parse_long(colon + 1, 0, 65535, &port)) {
            fprintf(stderr, "haldus check: HALDUS_LISTEN=%s is not ADDR:PORT\n", listen);
            return 1;
        }
    }
    struct db *db;
    if (cmd_open_current(path, &db, &err) != HL_OK)
        return cmd_fail("check", &err);
    int problems = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_handle(db), "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *msg = (const char *)sqlite3_column_text(st, 0);
            if (strcmp(msg, "ok") != 0) {
                fprintf(stderr, "haldus check: integrity: %s\n", msg);
                problems++;
            }
        }
        sqlite3_finalize(st);
    } else {
        problems++;
    }
    int fk = count_rows(db, "SELECT count(*) FROM pragma_foreign_key_check");
    if (fk != 0) {
        fprintf(stderr, "haldus check: %d rows break foreign keys\n", fk);
        problems++;
    }
    int people = count_rows(db, "SELECT count(*) FROM person");
    int absences = count_rows(db, "SELECT count(*) FROM absence");
    /* Mediation: the case key of $HALDUS_CASE_KEY_FILE opens every sealed entry. */
    char *cases = NULL;
    struct svc_ctx ctx = {db, "check", NULL};
    if (svc_mediation_check(&ctx, &cases, &err) != HL_OK) {
        fprintf(stderr, "haldus check: %s\n", err.message);
        problems++;
    }
    db_close(db);
    if (!problems)
        printf("ok: %s (schema %d): integrity ok, foreign keys ok, %d people, %d absences; %s\n",
               path, migrate_latest(), people, absences, cases);
    free(cases);
    return problems ? 1 : 0;
}

int cmd_demo(int argc, char **argv)
{
    static const char help[] =
        "Usage: haldus demo [--db PATH] [--seed N] [--names et|en] [--assistants N --principals "
        "N]\n"
        "Creates the database if needed and fills it with a demo organisation:\n"
        "two offices in different time zones, 12 assistants and 30 executives, skills, duties,\n"
        "designated backups and upcoming absences. With --assistants and --principals it builds\n"
        "a large synthetic organisation instead (for benchmarks). The database must be empty.\n"
        "  --seed N         random seed (default 1); the same seed gives the same people\n"
        "  --names et|en    Estonian names in the Tallinn office (default), or English ones\n"
        "                   everywhere (for an English-speaking demo and screenshots)\n"
        "  --assistants N   number of assistants (1-100000)\n"
        "  --principals N   number of principals (1-200000)\n";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"seed", required_argument, NULL, 's'},
        {"assistants", required_argument, NULL, 'a'},
        {"principals", required_argument, NULL, 'p'},
        {"names", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *path = NULL;
    long seed = 1, na = 0, np = 0;
    bool english = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:a:p:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 's':
            if (!cmd_parse_long(optarg, 0, 2147483647L, &seed))
                return cmd_usage("demo", "--seed must be a number from 0 to 2147483647");
            break;
        case 'a':
            if (!cmd_parse_long(optarg, 1, 100000, &na))
                return cmd_usage("demo", "--assistants must be a number from 1 to 100000");
            break;
        case 'p':
            if (!cmd_parse_long(optarg, 1, 200000, &np))
                return cmd_usage("demo", "--principals must be a number from 1 to 200000");
            break;
        case 'n':
            if (strcmp(optarg, "et") != 0 && strcmp(optarg, "en") != 0)
                return cmd_usage("demo", "--names must be et or en");
            english = strcmp(optarg, "en") == 0;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        case ':':
            return cmd_usage("demo", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("demo", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage("demo", "unexpected argument %s", argv[optind]);
    if ((na == 0) != (np == 0))
        return cmd_usage("demo", "give both --assistants and --principals, or neither");
    path = cmd_db_path(path);
    struct hl_error err;
    hl_error_clear(&err);
    bool fresh;
    if (create_db(path, &fresh, &err) != HL_OK)
        return cmd_fail("demo", &err);
    struct db *db;
    if (cmd_open_current(path, &db, &err) != HL_OK)
        return cmd_fail("demo", &err);
    struct svc_ctx ctx = {db, "demo", NULL};
    struct demo_options opt = {(uint64_t)seed, (int)na, (int)np, (int64_t)time(NULL) / 86400,
                               english};
    struct demo_summary sum;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum hl_err e = svc_demo_build(&ctx, &opt, &sum, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    db_close(db);
    if (e != HL_OK)
        return cmd_fail("demo", &err);
    printf("demo organisation in %s (seed %ld, %.1f s): %d assistants, %d principals, "
           "%d skills, %d duties, %d assignments, %d designated backups, %d work-pattern "
           "intervals, %d absences\n",
           path, seed, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
           sum.assistants, sum.principals, sum.skills, sum.duties, sum.assignments, sum.backups,
           sum.patterns, sum.absences);
    printf("%d logins, all with the demo-only password %s: %s (manager), %s (admin), and each "
           "person's e-mail, e.g. %s (assistant)\n",
           sum.accounts, DEMO_PASSWORD, DEMO_MANAGER_LOGIN, DEMO_ADMIN_LOGIN, sum.case_login);
    if (sum.case_absence_id)
        printf("the source document's case: assistant #%lld (%s) asks for a week off "
               "next month: absence #%lld, waiting for approval\n",
               (long long)sum.case_assistant_id, sum.case_name, (long long)sum.case_absence_id);
    return 0;
}
