/* cmd_coverage.c: CLI ⇄ svc for coverage: `haldus coverage board | plan | export-lp`. */
#include "cmd.h"
#include "svc_coverage.h"
#include "timeutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char coverage_help[] =
    "Usage: haldus coverage COMMAND [--db PATH] [--from DATE] [--to DATE] …\n"
    "  board [--office O] [--department D]   principals × days: covered, by backup, gap\n"
    "  plan [--engine fast|exact] [--accept] plan the gaps of the range and print the plan;\n"
    "                                        --accept makes its covers real\n"
    "  export-lp [--output FILE]             the range's model in CPLEX LP format (glpsol --lp)\n"
    "Dates are YYYY-MM-DD; the range defaults to today and the next 13 days (at most 400).\n"
    "--json prints the API's JSON instead of text.\n";

struct coverage_opts {
    const char *db, *office, *department, *engine, *output;
    int64_t from, to;
    bool accept, json;
};

/* A progress bar on the terminal while a plan is computed: time used of the engine's budget
 * (or a moving marker when it has none), shown only for runs longer than a moment. */
struct progress {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;
    double budget;
    const char *engine;
};

static void *progress_run(void *arg)
{
    struct progress *p = arg;
    struct timespec start, now, until;
    clock_gettime(CLOCK_MONOTONIC, &start);
    bool shown = false;
    pthread_mutex_lock(&p->lock);
    while (!p->done) {
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->cond, &p->lock, &until);
        if (p->done)
            break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double t =
            (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
        if (t < 0.3)
            continue;
        enum { WIDTH = 30 };
        char bar[WIDTH + 1];
        int filled = p->budget > 0 ? (int)(t / p->budget * WIDTH) : -1;
        for (int i = 0; i < WIDTH; i++)
            bar[i] =
                filled >= 0 ? (i < filled ? '#' : '.') : (i == (int)(t * 10) % WIDTH ? '#' : '.');
        bar[WIDTH] = '\0';
        if (p->budget > 0)
            fprintf(stderr, "\rplanning (%s engine) [%s] %4.1f s of at most %.0f s", p->engine, bar,
                    t, p->budget);
        else
            fprintf(stderr, "\rplanning (%s engine) [%s] %4.1f s", p->engine, bar, t);
        shown = true;
    }
    if (shown)
        fprintf(stderr, "\r\033[K");
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Prints s in a column of width characters, UTF-8 aware ("Mägi" is four wide); a longer s
 * is cut and ends in '~'. */
static void print_cell(const char *s, int width)
{
    int chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xc0) != 0x80;
    int keep = chars <= width ? chars : width - 1, n = 0;
    const char *p = s;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xc0) != 0x80 && n++ == keep)
            break;
        putchar(*p);
    }
    if (chars > width)
        putchar('~');
    for (int i = chars <= width ? chars : width; i < width; i++)
        putchar(' ');
}

/* Whether the board lists a proposed cover of principal on date (YYYY-MM-DD, UTC day). */
static bool proposed_on(const json_t *covers, json_int_t principal, const char *date)
{
    size_t i;
    json_t *c;
    json_array_foreach((json_t *)covers, i, c)
    {
        const char *st = json_string_value(json_object_get(c, "status"));
        const char *at = json_string_value(json_object_get(c, "start_at"));
        if (json_integer_value(json_object_get(c, "principal_id")) == principal && st && at &&
            strcmp(st, "proposed") == 0 && strncmp(at, date, 10) == 0)
            return true;
    }
    return false;
}

static void print_board(const json_t *b, bool color)
{
    const json_t *days = json_object_get(b, "days"), *covers = json_object_get(b, "covers");
    size_t nd = json_array_size(days), i, d;
    json_t *p;
    print_cell("principal", 28);
    for (d = 0; d < nd; d++)
        printf(" %s", json_string_value(json_array_get(days, d)) + 8);
    printf("\n");
    int covered = 0, backup = 0, gap = 0;
    json_array_foreach(json_object_get(b, "principals"), i, p)
    {
        print_cell(json_string_value(json_object_get(p, "name")), 28);
        json_int_t pid = json_integer_value(json_object_get(p, "id"));
        json_t *day;
        json_array_foreach(json_object_get(p, "days"), d, day)
        {
            const char *s = json_string_value(json_object_get(day, "state"));
            bool proposed =
                strcmp(s, "gap") == 0 &&
                proposed_on(covers, pid, json_string_value(json_object_get(day, "date")));
            const char *mark = strcmp(s, "covered") == 0  ? " ok"
                               : strcmp(s, "backup") == 0 ? " BK"
                               : proposed                 ? "  P"
                               : strcmp(s, "gap") == 0    ? " !!"
                                                          : "  .";
            covered += (int)json_integer_value(json_object_get(day, "covered"));
            backup += (int)json_integer_value(json_object_get(day, "backup"));
            gap += (int)json_integer_value(json_object_get(day, "gaps"));
            if (color && strcmp(s, "none") != 0)
                printf("%s%s\033[0m",
                       strcmp(s, "covered") == 0  ? "\033[32m"
                       : strcmp(s, "backup") == 0 ? "\033[33m"
                       : proposed                 ? "\033[35m"
                                                  : "\033[1;31m",
                       mark);
            else
                printf("%s", mark);
        }
        printf("\n");
    }
    printf("\n%zu principals, %zu days: %d slots covered, %d by backup, %d gaps "
           "(ok covered, BK by backup, P gap with a proposed cover, !! gap, . no hours)\n",
           json_array_size(json_object_get(b, "principals")), nd, covered, backup, gap);
}

/* Jansson's dump callback onto stdout. */
static int write_stdout(const char *buf, size_t size, void *data)
{
    (void)data;
    return fwrite(buf, 1, size, stdout) == size ? 0 : -1;
}

static void print_plan(const json_t *p)
{
    const json_t *o = json_object_get(p, "objective");
    size_t i;
    json_t *c;
    printf("plan #%lld (%s engine, %s): %s to %s\n",
           (long long)json_integer_value(json_object_get(p, "id")),
           json_string_value(json_object_get(p, "engine")),
           json_string_value(json_object_get(p, "status")),
           json_string_value(json_object_get(p, "from")),
           json_string_value(json_object_get(p, "to")));
    json_array_foreach(json_object_get(p, "covers"), i, c)
    {
        printf("  cover  %-24.24s <- %-22.22s %s .. %s  %s\n",
               json_string_value(json_object_get(c, "principal_name")),
               json_string_value(json_object_get(c, "assistant_name")),
               json_string_value(json_object_get(c, "start_at")),
               json_string_value(json_object_get(c, "end_at")),
               json_string_value(json_object_get(c, "reason")));
    }
    json_array_foreach(json_object_get(p, "open_gaps"), i, c)
    {
        printf("  OPEN   %-24.24s    %s .. %s  %s\n",
               json_string_value(json_object_get(c, "principal_name")),
               json_string_value(json_object_get(c, "start_at")),
               json_string_value(json_object_get(c, "end_at")),
               json_string_value(json_object_get(c, "reason")));
    }
    printf("objective %.0f: uncovered %.0f, skills %.0f, designation %.0f, office %.0f, "
           "time zone %.0f, switching %.0f, fairness %.1f; %lld slots covered, %lld open\n",
           json_real_value(json_object_get(o, "total")),
           json_real_value(json_object_get(o, "uncovered")),
           json_real_value(json_object_get(o, "nice")),
           json_real_value(json_object_get(o, "designation")),
           json_real_value(json_object_get(o, "office")), json_real_value(json_object_get(o, "tz")),
           json_real_value(json_object_get(o, "switching")),
           json_real_value(json_object_get(o, "fairness")),
           (long long)json_integer_value(json_object_get(o, "covered_slots")),
           (long long)json_integer_value(json_object_get(o, "open_slots")));
}

/* Every page of the board, joined into one answer of the API's shape. */
static enum hl_err board_all(struct svc_ctx *ctx, const struct coverage_opts *o, json_t **out,
                             struct hl_error *err)
{
    int64_t after = 0;
    *out = NULL;
    do {
        json_t *page;
        enum hl_err e = svc_coverage_board(ctx, o->from, o->to, o->office, o->department, after, 0,
                                           &page, &after, err);
        if (e != HL_OK) {
            json_decref(*out);
            *out = NULL;
            return e;
        }
        if (!*out) {
            *out = page;
            continue;
        }
        static const char *const lists[] = {"principals", "covers", "gaps"};
        for (size_t i = 0; i < 3; i++)
            json_array_extend(json_object_get(*out, lists[i]), json_object_get(page, lists[i]));
        json_decref(page);
    } while (after);
    return HL_OK;
}

int cmd_coverage(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"office", required_argument, NULL, 'o'},
        {"department", required_argument, NULL, 'D'},
        {"engine", required_argument, NULL, 'e'},
        {"output", required_argument, NULL, 'O'},
        {"accept", no_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(coverage_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    /* verify PLAN_ID is not in the help: it is the test suites' end-to-end check of a plan. */
    bool verify = strcmp(sub, "verify") == 0;
    if (strcmp(sub, "board") != 0 && strcmp(sub, "plan") != 0 && strcmp(sub, "export-lp") != 0 &&
        !verify)
        return cmd_usage("coverage", "unknown subcommand '%s' (board, plan, export-lp)", sub);
    struct coverage_opts o = {0};
    int64_t today = (int64_t)time(NULL) / 86400;
    o.from = today;
    o.to = INT64_MIN;
    o.engine = "fast";
    int c;
    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:f:t:o:D:e:O:ajh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.db = optarg;
            break;
        case 'f':
        case 't':
            if (!date_parse(optarg, c == 'f' ? &o.from : &o.to))
                return cmd_usage("coverage", "--%s must be a real date YYYY-MM-DD, not '%s'",
                                 c == 'f' ? "from" : "to", optarg);
            break;
        case 'o':
            o.office = optarg;
            break;
        case 'D':
            o.department = optarg;
            break;
        case 'e':
            o.engine = optarg;
            break;
        case 'O':
            o.output = optarg;
            break;
        case 'a':
            o.accept = true;
            break;
        case 'j':
            o.json = true;
            break;
        case 'h':
            fputs(coverage_help, stdout);
            return 0;
        case ':':
            return cmd_usage("coverage", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("coverage", "unknown option %s", argv[optind - 1]);
        }
    }
    int64_t plan_id = 0;
    if (verify) {
        char *end = NULL;
        long long v = optind < argc ? strtoll(argv[optind], &end, 10) : 0;
        if (optind >= argc || !end || *end || v < 1)
            return cmd_usage("coverage", "verify needs a plan id: haldus coverage verify PLAN_ID");
        plan_id = v;
        optind++;
    }
    if (optind < argc)
        return cmd_usage("coverage", "unexpected argument %s", argv[optind]);
    if (o.to == INT64_MIN)
        o.to = o.from + 13;
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(o.db), &db, &err) != HL_OK)
        return cmd_fail("coverage", &err);
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL;
    int rc = 0;
    if (verify) {
        if (svc_coverage_verify(&ctx, plan_id, &out, &err) != HL_OK) {
            rc = cmd_fail("coverage", &err);
        } else {
            json_t *bad = json_object_get(out, "violations");
            if (o.json) {
                json_dumpf(out, stdout, JSON_INDENT(2));
                printf("\n");
            } else {
                size_t i;
                json_t *v;
                json_array_foreach(bad, i, v)
                    printf("cover %lld: %s: %s\n",
                           (long long)json_integer_value(json_object_get(v, "cover_id")),
                           json_string_value(json_object_get(v, "rule")),
                           json_string_value(json_object_get(v, "message")));
                printf("plan %lld: %lld covers checked, %zu violations\n", (long long)plan_id,
                       (long long)json_integer_value(json_object_get(out, "covers_checked")),
                       json_array_size(bad));
            }
            rc = json_array_size(bad) ? 1 : 0;
        }
    } else if (strcmp(sub, "board") == 0) {
        if (board_all(&ctx, &o, &out, &err) != HL_OK)
            rc = cmd_fail("coverage", &err);
        else if (o.json)
            json_dumpf(out, stdout, JSON_INDENT(2)), printf("\n");
        else
            print_board(out, isatty(STDOUT_FILENO));
    } else if (strcmp(sub, "plan") == 0) {
        struct progress prog = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false,
                                svc_coverage_time_budget(o.engine), o.engine};
        pthread_t bar;
        bool with_bar =
            isatty(STDERR_FILENO) && pthread_create(&bar, NULL, progress_run, &prog) == 0;
        /* --json streams the answer: a year of a large organisation is ~100 MB of text. */
        int64_t plan_id = 0;
        enum hl_err pe = o.json
                             ? svc_coverage_plan_write(&ctx, o.from, o.to, o.engine, JSON_INDENT(2),
                                                       write_stdout, NULL, &plan_id, &err)
                             : svc_coverage_plan(&ctx, o.from, o.to, o.engine, &out, &err);
        if (with_bar) {
            pthread_mutex_lock(&prog.lock);
            prog.done = true;
            pthread_cond_signal(&prog.cond);
            pthread_mutex_unlock(&prog.lock);
            pthread_join(bar, NULL);
        }
        if (pe != HL_OK) {
            rc = cmd_fail("coverage", &err);
        } else {
            if (o.json)
                printf("\n");
            else
                print_plan(out), plan_id = json_integer_value(json_object_get(out, "id"));
            json_t *acc = NULL;
            if (o.accept) {
                if (svc_coverage_accept(&ctx, plan_id, NULL, &acc, &err) != HL_OK)
                    rc = cmd_fail("coverage", &err);
                else
                    printf("accepted %lld covers\n",
                           (long long)json_integer_value(json_object_get(acc, "accepted")));
                json_decref(acc);
            }
        }
    } else {
        FILE *f = o.output ? fopen(o.output, "w") : stdout;
        if (!f) {
            hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s", o.output);
            rc = cmd_fail("coverage", &err);
        } else {
            if (svc_coverage_export_lp(&ctx, o.from, o.to, f, &err) != HL_OK)
                rc = cmd_fail("coverage", &err);
            if (f != stdout && fclose(f) != 0) {
                hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s", o.output);
                rc = cmd_fail("coverage", &err);
            } else if (f != stdout && rc == 0) {
                printf("wrote the model of %s to %s: solve it with `glpsol --lp %s`\n", "the range",
                       o.output, o.output);
            }
        }
    }
    json_decref(out);
    db_close(db);
    return rc;
}
