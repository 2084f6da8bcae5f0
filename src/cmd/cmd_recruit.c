/* cmd_recruit.c: CLI ⇄ svc for recruiting (issue 12): `haldus recruit rank|board|export|erase`,
 * the screening of a requisition, its pipeline board, and a candidate's data on request. */
#include "cmd.h"
#include "recruit.h"
#include "svc_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char recruit_help[] =
    "Usage: haldus recruit rank REQUISITION [--stage S] [--q WORDS] [--language L] [--limit N]\n"
    "       haldus recruit board REQUISITION\n"
    "       haldus recruit export APPLICATION\n"
    "       haldus recruit erase APPLICATION\n"
    "       (each with [--json] [--db PATH])\n"
    "       haldus recruit offer show|create|send|accept|decline|withdraw ID  (--help)\n"
    "       haldus recruit interviews [--mine-for PERSON] [--application ID] [--from DATE]\n"
    "                                 [--to DATE] [--tz ZONE] [--json]  (--help)\n"
    "rank: the requisition's applications ranked for screening (the must-have skills and\n"
    "languages found, and BM25 over resume and note), each with its explanation.\n"
    "board: the count per pipeline stage and the average days spent there.\n"
    "export: everything held about a candidate. erase: deletes the candidate's\n"
    "application, resume and history on their request; the audit log keeps that it happened.\n";

int cmd_recruit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"stage", required_argument, NULL, 's'},
        {"q", required_argument, NULL, 'q'},     {"language", required_argument, NULL, 'l'},
        {"limit", required_argument, NULL, 'n'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    /* The offers and interviews have their own options (cmd_recruit_offer.c). */
    if (argc > 1 && strcmp(argv[1], "offer") == 0)
        return cmd_recruit_offer(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "interviews") == 0)
        return cmd_recruit_interviews(argc - 1, argv + 1);
    const char *db_path = NULL;
    struct rank_filter f = {NULL, NULL, NULL, 20, false};
    bool as_json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:q:l:n:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 's':
            f.stage = optarg;
            break;
        case 'q':
            f.q = optarg;
            break;
        case 'l':
            f.language = optarg;
            break;
        case 'n':
            f.limit = atoi(optarg);
            if (f.limit < 1 || f.limit > RECRUIT_RANK_MAX)
                return cmd_usage("recruit", "--limit must be 1 to %d", RECRUIT_RANK_MAX);
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(recruit_help, stdout);
            return 0;
        case ':':
            return cmd_usage("recruit", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("recruit", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind + 2 != argc)
        return cmd_usage("recruit", "the command is `haldus recruit rank|board|export|erase ID`");
    const char *what = argv[optind];
    int64_t id;
    if (!cmd_parse_id(argv[optind + 1], &id))
        return cmd_usage("recruit", "%s is not an id", argv[optind + 1]);
    bool known = strcmp(what, "rank") == 0 || strcmp(what, "board") == 0 ||
                 strcmp(what, "export") == 0 || strcmp(what, "erase") == 0;
    if (!known)
        return cmd_usage("recruit", "unknown command %s: rank, board, export or erase", what);
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("recruit", &err);
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL;
    enum hl_err e;
    if (strcmp(what, "rank") == 0)
        e = svc_recruit_rank(&ctx, id, &f, &out, &err);
    else if (strcmp(what, "board") == 0)
        e = svc_recruit_board(&ctx, id, &out, &err);
    else if (strcmp(what, "export") == 0)
        e = svc_recruit_export(&ctx, id, &out, &err);
    else
        e = svc_recruit_erase(&ctx, id, IF_MATCH_NONE, &err);
    db_close(db);
    if (e != HL_OK)
        return cmd_fail("recruit", &err);
    if (strcmp(what, "erase") == 0) {
        if (!as_json)
            printf("application %lld erased\n", (long long)id);
    } else if (as_json || strcmp(what, "export") == 0) {
        cmd_print_json(out);
    } else if (strcmp(what, "rank") == 0) {
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(out, "items"), i, it)
        {
            json_t *app = json_object_get(it, "application");
            printf("%3zu. %5.1f  #%lld %s (%s): %s\n", i + 1,
                   json_number_value(json_object_get(it, "score")),
                   (long long)json_integer_value(json_object_get(app, "id")),
                   json_string_value(json_object_get(app, "name")),
                   json_string_value(json_object_get(app, "stage")),
                   json_string_value(json_object_get(json_object_get(it, "explanation"), "text")));
        }
    } else {
        size_t i;
        json_t *col;
        json_array_foreach(json_object_get(out, "stages"), i, col) printf(
            "%-10s %4lld  %.1f days on average\n", json_string_value(json_object_get(col, "stage")),
            (long long)json_integer_value(json_object_get(col, "count")),
            json_number_value(json_object_get(col, "average_days")));
    }
    json_decref(out);
    return 0;
}
