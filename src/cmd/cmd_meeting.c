/* cmd_meeting.c: CLI ⇄ svc for meetings: `haldus meeting find-time …`, the same search and
 * answer as POST /api/v1/meetings/find-time. */
#include "cmd.h"
#include "meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char meeting_help[] =
    "Usage: haldus meeting find-time --principal ID --from INSTANT --to INSTANT\n"
    "         --duration MINUTES [--with ID|EMAIL]... [--optional ID|EMAIL]...\n"
    "         [--buffer MINUTES] [--step MINUTES] [--earliest HH:MM] [--latest HH:MM]\n"
    "         [--room ID] [--count N] [--json] [--db PATH]\n"
    "Finds the best slots in [--from, --to) (RFC 3339 instants, at most 62 days) where the\n"
    "executive and every --with attendee are free: working hours in each person's own time\n"
    "zone (--earliest/--latest local), public holidays, approved absences, meetings and their\n"
    "outside calendars, with --buffer minutes kept free around other busy times. --optional\n"
    "attendees never block; slots where they are away rank lower, as do slots where a required\n"
    "person is tight. Prints one slot a line: START END score, tight and away person ids;\n"
    "--json prints the API's answer (with everyone's free time).\n";

/* Adds --with/--optional value to the attendees array: a person id or an e-mail address. */
static int add_attendee(json_t *arr, const char *v, bool required)
{
    long id;
    json_t *a = strchr(v, '@') ? json_pack("{ss sb}", "email", v, "required", required)
                : cmd_parse_long(v, 1, 2147483647L, &id)
                    ? json_pack("{sI sb}", "person_id", (json_int_t)id, "required", required)
                    : NULL;
    if (!a)
        return cmd_usage("meeting", "%s is neither a person id nor an e-mail address", v);
    json_array_append_new(arr, a);
    return 0;
}

static const char *text(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_ids(const json_t *a)
{
    size_t i;
    const json_t *v;
    if (json_array_size(a) == 0) {
        fputs(" -", stdout);
        return;
    }
    fputc(' ', stdout);
    json_array_foreach(a, i, v) printf("%s%lld", i ? "," : "", (long long)json_integer_value(v));
}

int cmd_meeting(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"principal", required_argument, NULL, 'p'},
        {"from", required_argument, NULL, 'f'},     {"to", required_argument, NULL, 't'},
        {"duration", required_argument, NULL, 'u'}, {"with", required_argument, NULL, 'w'},
        {"optional", required_argument, NULL, 'o'}, {"buffer", required_argument, NULL, 'b'},
        {"step", required_argument, NULL, 's'},     {"earliest", required_argument, NULL, 'e'},
        {"latest", required_argument, NULL, 'l'},   {"room", required_argument, NULL, 'r'},
        {"count", required_argument, NULL, 'c'},    {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    static const struct {
        int opt;
        const char *key;
    } numbers[] = {{'p', "principal_id"}, {'u', "duration_minutes"}, {'b', "buffer_minutes"},
                   {'s', "step_minutes"}, {'r', "room_id"},          {'c', "count"}};
    const char *db_path = NULL;
    bool as_json = false;
    json_t *body = json_pack("{s[]}", "attendees");
    int c, rc = 0;
    optind = 1;
    opterr = 0;
    while (rc == 0 &&
           (c = getopt_long(argc, argv, ":d:p:f:t:u:w:o:b:s:e:l:r:c:jh", opts, NULL)) != -1) {
        long n;
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'f':
            json_object_set_new(body, "from", json_string(optarg));
            break;
        case 't':
            json_object_set_new(body, "to", json_string(optarg));
            break;
        case 'e':
            json_object_set_new(body, "earliest", json_string(optarg));
            break;
        case 'l':
            json_object_set_new(body, "latest", json_string(optarg));
            break;
        case 'w':
        case 'o':
            rc = add_attendee(json_object_get(body, "attendees"), optarg, c == 'w');
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(meeting_help, stdout);
            json_decref(body);
            return 0;
        case ':':
            rc = cmd_usage("meeting", "%s needs a value", argv[optind - 1]);
            break;
        case '?':
            rc = cmd_usage("meeting", "unknown option %s", argv[optind - 1]);
            break;
        default:
            for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
                if (numbers[i].opt == c) {
                    if (!cmd_parse_long(optarg, 0, 2147483647L, &n))
                        rc = cmd_usage("meeting", "%s must be a whole number", argv[optind - 1]);
                    else
                        json_object_set_new(body, numbers[i].key, json_integer(n));
                }
        }
    }
    if (rc == 0 && (argc - optind != 1 || strcmp(argv[optind], "find-time") != 0))
        rc = cmd_usage("meeting", "give the subcommand: find-time");
    if (rc != 0) {
        json_decref(body);
        return rc;
    }
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        json_decref(body);
        return cmd_fail("meeting", &err);
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL;
    if (svc_meeting_find_time(&ctx, body, &out, &err) != HL_OK) {
        rc = cmd_fail("meeting", &err);
    } else if (as_json) {
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (s)
            puts(s);
        free(s);
    } else {
        size_t i;
        const json_t *s;
        json_array_foreach(json_object_get(out, "slots"), i, s)
        {
            printf("%s  %s  score %lld  tight", text(s, "start"), text(s, "end"),
                   (long long)json_integer_value(json_object_get(s, "score")));
            print_ids(json_object_get(s, "tight"));
            fputs("  away", stdout);
            print_ids(json_object_get(s, "optional_away"));
            fputc('\n', stdout);
        }
        if (json_array_size(json_object_get(out, "slots")) == 0)
            puts("no slot in the window");
    }
    json_decref(out);
    json_decref(body);
    db_close(db);
    return rc;
}
