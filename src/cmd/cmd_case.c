/* cmd_case.c: CLI ⇄ svc for mediation cases: `haldus case list|show|open|note|purge|key-gen`
 * and the workflow's actions (`haldus case close ID --outcome resolved`), the same use cases as
 * /api/v1/cases. The CLI acts with full rights, as a manager; every read is audited as "cli". */
#include "cmd.h"
#include "mediation.h"
#include "seal_mediation.h"
#include "svc_mediation.h"
#include "svc_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char case_help[] =
    "Usage: haldus case COMMAND [options] [--json] [--db PATH]\n"
    "Confidential mediation cases (the CLI acts as a manager; every read is audited):\n"
    "  list [--status S]                      the cases, newest last\n"
    "  show ID                                a case with its parties, entries, sessions, actions\n"
    "  open --category C --party ID --party ID [--severity S] [--summary TEXT]\n"
    "                                         open a case (an assistant and an executive at "
    "least)\n"
    "  note ID --text TEXT [--kind K] [--visibility manager|author|parties]\n"
    "                                         add an entry (default: a note for managers only)\n"
    "  review|mediate|agree|withdraw ID       move the case along its workflow\n"
    "  monitor ID --review-date YYYY-MM-DD    agreed actions are monitored until that day\n"
    "  close ID --outcome resolved|reassigned|escalated|withdrawn [--note TEXT]\n"
    "  purge                                  apply the retention setting now\n"
    "  key-gen FILE                           write a new key for $HALDUS_CASE_KEY_FILE\n"
    "Categories: workload, communication, conduct, conflicting_instructions, personality, other.\n";

static void print_json(const json_t *v)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (s)
        puts(s);
    free(s);
}

static void print_case_line(const json_t *c)
{
    printf("case %lld  %-14s %-24s %-6s", (long long)json_integer_value(json_object_get(c, "id")),
           json_string_value(json_object_get(c, "status")),
           json_string_value(json_object_get(c, "category")),
           json_string_value(json_object_get(c, "severity")));
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(c, "parties"), i, p)
        printf("%s%s", i ? ", " : "  ", json_string_value(json_object_get(p, "name")));
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    if (outcome)
        printf("  (%s)", outcome);
    putchar('\n');
}

static void print_case(const json_t *c)
{
    print_case_line(c);
    const char *summary = json_string_value(json_object_get(c, "summary"));
    if (summary && *summary)
        printf("  summary: %s\n", summary);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "entries"), i, x)
        printf("  %s %s [%s, %s] %s: %s\n", json_string_value(json_object_get(x, "created_at")),
               json_string_value(json_object_get(x, "kind")),
               json_string_value(json_object_get(x, "visibility")),
               json_string_value(json_object_get(x, "author")),
               json_string_value(json_object_get(x, "author_name")),
               json_string_value(json_object_get(x, "body")));
    json_array_foreach(json_object_get(c, "sessions"), i, x)
        printf("  session %s – %s: %s\n", json_string_value(json_object_get(x, "start_at")),
               json_string_value(json_object_get(x, "end_at")),
               json_string_value(json_object_get(x, "title")));
    json_array_foreach(json_object_get(c, "actions"), i, x)
        printf("  action due %s%s: %s\n", json_string_value(json_object_get(x, "due_date")),
               json_is_true(json_object_get(x, "done")) ? " (done)" : "",
               json_string_value(json_object_get(x, "description")));
}

static const struct wf_action *find_action(const char *name)
{
    for (size_t i = 0; i < wf_case.nactions; i++)
        if (strcmp(wf_case.actions[i].name, name) == 0)
            return &wf_case.actions[i];
    return NULL;
}

int cmd_case(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"status", required_argument, NULL, 's'},
        {"category", required_argument, NULL, 'c'},
        {"severity", required_argument, NULL, 'v'},
        {"summary", required_argument, NULL, 'm'},
        {"party", required_argument, NULL, 'p'},
        {"text", required_argument, NULL, 't'},
        {"kind", required_argument, NULL, 'k'},
        {"visibility", required_argument, NULL, 'V'},
        {"review-date", required_argument, NULL, 'r'},
        {"outcome", required_argument, NULL, 'o'},
        {"note", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *status = NULL, *category = NULL, *severity = NULL, *summary = NULL,
               *text = NULL, *kind = NULL, *visibility = NULL, *review = NULL, *outcome = NULL,
               *note = NULL;
    bool as_json = false;
    json_t *parties = json_array();
    int c, rc = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:js:c:v:m:p:t:k:V:r:o:n:h", opts, NULL)) != -1) {
        long id;
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'j':
            as_json = true;
            break;
        case 's':
            status = optarg;
            break;
        case 'c':
            category = optarg;
            break;
        case 'v':
            severity = optarg;
            break;
        case 'm':
            summary = optarg;
            break;
        case 't':
            text = optarg;
            break;
        case 'k':
            kind = optarg;
            break;
        case 'V':
            visibility = optarg;
            break;
        case 'r':
            review = optarg;
            break;
        case 'o':
            outcome = optarg;
            break;
        case 'n':
            note = optarg;
            break;
        case 'p':
            if (!cmd_parse_long(optarg, 1, 9007199254740991L, &id)) {
                json_decref(parties);
                return cmd_usage("case", "--party takes a person's id");
            }
            json_array_append_new(parties, json_integer(id));
            break;
        case 'h':
            json_decref(parties);
            fputs(case_help, stdout);
            return 0;
        case ':':
            json_decref(parties);
            return cmd_usage("case", "%s needs a value", argv[optind - 1]);
        default:
            json_decref(parties);
            return cmd_usage("case", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind >= argc) {
        json_decref(parties);
        return cmd_usage("case", "give a COMMAND (list, show, open, note, close …)");
    }
    const char *sub = argv[optind++];
    struct hl_error err;
    hl_error_clear(&err);
    if (strcmp(sub, "key-gen") == 0) {
        json_decref(parties);
        if (argc - optind != 1)
            return cmd_usage("case", "key-gen takes the FILE to write");
        if (case_key_generate(argv[optind], &err) != HL_OK)
            return cmd_fail("case", &err);
        printf("wrote a new case key to %s; set %s=%s for `haldus serve`\n", argv[optind],
               CASE_KEY_ENV, argv[optind]);
        return 0;
    }
    const struct wf_action *act = find_action(sub);
    bool takes_id = act || strcmp(sub, "show") == 0 || strcmp(sub, "note") == 0;
    bool known = takes_id || strcmp(sub, "list") == 0 || strcmp(sub, "open") == 0 ||
                 strcmp(sub, "purge") == 0;
    long id = 0;
    if (!known) {
        json_decref(parties);
        return cmd_usage("case", "unknown command '%s'", sub);
    }
    if (takes_id &&
        (argc - optind != 1 || !cmd_parse_long(argv[optind], 1, 9007199254740991L, &id))) {
        json_decref(parties);
        return cmd_usage("case", "%s takes the case's ID", sub);
    }
    if (!takes_id && argc - optind != 0) {
        json_decref(parties);
        return cmd_usage("case", "%s takes no arguments", sub);
    }
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        json_decref(parties);
        return cmd_fail("case", &err);
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL, *body = NULL;
    enum hl_err e = HL_OK;
    if (strcmp(sub, "list") == 0) {
        json_t *all = json_array();
        int64_t after = 0;
        bool more = true;
        while (e == HL_OK && more) {
            json_t *items = NULL;
            if ((e = svc_case_list(&ctx, status, after, 500, &items, &more, &err)) != HL_OK)
                break;
            size_t n = json_array_size(items);
            if (n)
                after = json_integer_value(json_object_get(json_array_get(items, n - 1), "id"));
            json_array_extend(all, items);
            json_decref(items);
        }
        if (e == HL_OK) {
            size_t i;
            json_t *x;
            if (as_json)
                print_json(all);
            else
                json_array_foreach(all, i, x) print_case_line(x);
        }
        json_decref(all);
    } else if (strcmp(sub, "show") == 0) {
        if ((e = svc_case_get(&ctx, id, &out, &err)) == HL_OK)
            as_json ? print_json(out) : print_case(out);
    } else if (strcmp(sub, "open") == 0) {
        body = json_pack("{sO}", "parties", parties);
        if (category)
            json_object_set_new(body, "category", json_string(category));
        if (severity)
            json_object_set_new(body, "severity", json_string(severity));
        if (summary)
            json_object_set_new(body, "summary", json_string(summary));
        if ((e = svc_case_create(&ctx, body, &out, &err)) == HL_OK)
            as_json ? print_json(out) : print_case_line(out);
    } else if (strcmp(sub, "note") == 0) {
        body = json_object();
        if (text)
            json_object_set_new(body, "body", json_string(text));
        if (kind)
            json_object_set_new(body, "kind", json_string(kind));
        if (visibility)
            json_object_set_new(body, "visibility", json_string(visibility));
        if ((e = svc_case_entry_add(&ctx, id, body, &out, &err)) == HL_OK) {
            if (as_json)
                print_json(out);
            else
                printf("entry %lld added to case %ld\n",
                       (long long)json_integer_value(json_object_get(out, "id")), id);
        }
    } else if (strcmp(sub, "purge") == 0) {
        int n;
        if ((e = svc_case_purge(&ctx, &n, &err)) == HL_OK)
            printf("%d closed case%s past the retention period purged\n", n, n == 1 ? "" : "s");
    } else {
        body = json_object();
        if (review)
            json_object_set_new(body, "review_date", json_string(review));
        if (outcome)
            json_object_set_new(body, "outcome", json_string(outcome));
        if (note)
            json_object_set_new(body, "note", json_string(note));
        if ((e = svc_workflow_act(&ctx, &wf_case, act, id, IF_MATCH_NONE, body, &out, &err)) ==
            HL_OK) {
            if (as_json)
                print_json(out);
            else
                printf("case %ld: %s%s%s\n", id, json_string_value(json_object_get(out, "status")),
                       json_string_value(json_object_get(out, "outcome")) ? " as " : "",
                       json_string_value(json_object_get(out, "outcome"))
                           ? json_string_value(json_object_get(out, "outcome"))
                           : "");
        }
    }
    if (e != HL_OK)
        rc = cmd_fail("case", &err);
    json_decref(body);
    json_decref(out);
    json_decref(parties);
    db_close(db);
    return rc;
}
