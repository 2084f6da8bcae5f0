/* cmd_match.c: CLI ⇄ svc for role fit: `haldus match proposals [--department D]`, the
 * pool-wide what-if (svc_match.h). Read-only: it proposes; a person decides. */
#include "cmd.h"
#include "svc_match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char match_help[] =
    "Usage: haldus match proposals [--department D] [--json] [--db PATH]\n"
    "The pool-wide what-if: the assignment of the department's executives (all without\n"
    "--department) to the assistants with places that maximises total fit, as changes against\n"
    "today's primary assistants, with the fit gained. Forbidden pairs (a case not closed, or one\n"
    "closed as reassigned) are never proposed; an executive with no allowed pair is listed as\n"
    "unplaced. Nothing is written.\n";

int cmd_match(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"department", required_argument, NULL, 'D'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *department = NULL;
    bool as_json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:D:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'D':
            department = optarg;
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(match_help, stdout);
            return 0;
        case ':':
            return cmd_usage("match", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("match", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind >= argc || strcmp(argv[optind], "proposals") != 0 || optind + 1 != argc)
        return cmd_usage("match", "the command is `haldus match proposals`");
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("match", &err);
    json_t *out = NULL;
    if (svc_match_proposals(db, department, &out, &err) != HL_OK) {
        db_close(db);
        return cmd_fail("match", &err);
    }
    db_close(db);
    if (as_json) {
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (s)
            puts(s);
        free(s);
    } else {
        size_t k;
        json_t *ch;
        json_array_foreach(json_object_get(out, "changes"), k, ch)
        {
            const char *from = json_string_value(json_object_get(ch, "from"));
            printf("%s: %s (fit %lld) -> %s (fit %lld), %+lld\n",
                   json_string_value(json_object_get(ch, "principal")), from ? from : "nobody",
                   (long long)json_integer_value(json_object_get(ch, "from_fit")),
                   json_string_value(json_object_get(ch, "to")),
                   (long long)json_integer_value(json_object_get(ch, "to_fit")),
                   (long long)json_integer_value(json_object_get(ch, "gain")));
        }
        json_array_foreach(json_object_get(out, "unplaced"), k, ch)
            printf("%s: no allowed assistant with a place (unplaced)\n",
                   json_string_value(json_object_get(ch, "principal")));
        printf("%zu changes for %lld executives; total fit %lld today, %lld proposed (%+lld)\n",
               json_array_size(json_object_get(out, "changes")),
               (long long)json_integer_value(json_object_get(out, "executives")),
               (long long)json_integer_value(json_object_get(out, "total_today")),
               (long long)json_integer_value(json_object_get(out, "total_proposed")),
               (long long)json_integer_value(json_object_get(out, "gain")));
    }
    json_decref(out);
    return 0;
}
