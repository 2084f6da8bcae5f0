/* cmd_absence.c: CLI ⇄ svc for the absence workflow: `haldus absence approve|reject|cancel ID
 * [--note TEXT]`, the same actions as POST /api/v1/absences/{id}/<action>, taken from the
 * workflow table (wf_absence) by svc_workflow_act. */
#include "absence.h"
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char absence_help[] =
    "Usage: haldus absence ACTION ID [--note TEXT] [--json] [--db PATH]\n"
    "Moves an absence through its workflow, as the API's POST /api/v1/absences/ID/ACTION does:\n"
    "  approve  a requested absence (then plans its days: the covers it proposes are printed)\n"
    "  reject   a requested absence\n"
    "  cancel   a requested or approved absence\n"
    "--note TEXT is stored as the decision note. --json prints the absence as the API does.\n"
    "Any other move (approving a cancelled absence, say) is refused and changes nothing.\n";

int cmd_absence(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"note", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *note = NULL;
    bool as_json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:n:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'n':
            note = optarg;
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(absence_help, stdout);
            return 0;
        case ':':
            return cmd_usage("absence", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("absence", "unknown option %s", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return cmd_usage("absence", "give the ACTION and the ID");
    const struct wf_action *act = NULL;
    for (size_t i = 0; i < wf_absence.nactions && !act; i++)
        if (strcmp(wf_absence.actions[i].name, argv[optind]) == 0)
            act = &wf_absence.actions[i];
    if (!act)
        return cmd_usage("absence", "unknown action '%s' (approve, reject or cancel)",
                         argv[optind]);
    long id;
    if (!cmd_parse_long(argv[optind + 1], 1, 9007199254740991L, &id))
        return cmd_usage("absence", "the ID must be a positive integer");
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("absence", &err);
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *body = note ? json_pack("{ss}", "note", note) : json_object(), *out = NULL;
    int rc = 0;
    if (!body) {
        db_close(db);
        return cmd_usage("absence", "the note must be UTF-8 text");
    }
    if (svc_workflow_act(&ctx, &wf_absence, act, id, -1, body, &out, &err) != HL_OK) {
        rc = cmd_fail("absence", &err);
    } else if (as_json) {
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (s)
            puts(s);
        free(s);
    } else {
        printf("absence %ld: %s\n", id, json_string_value(json_object_get(out, "status")));
        json_t *plan = json_object_get(out, "coverage_plan");
        if (json_is_object(plan))
            printf("coverage plan %lld proposed: %zu covers, %zu open gaps (accept it on the "
                   "board of the web app)\n",
                   (long long)json_integer_value(json_object_get(plan, "id")),
                   json_array_size(json_object_get(plan, "covers")),
                   json_array_size(json_object_get(plan, "open_gaps")));
        const char *why = json_string_value(json_object_get(out, "coverage_error"));
        if (why)
            printf("no coverage plan: %s\n", why);
    }
    json_decref(body);
    json_decref(out);
    db_close(db);
    return rc;
}
