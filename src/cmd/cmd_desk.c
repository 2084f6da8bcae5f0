/* cmd_desk.c: CLI ⇄ svc for the desk's tasks and phone messages (issue 10):
 *   haldus task list|add|start|complete|drop|reopen …
 *   haldus message list|add|done …
 * The options of `add` are the record's own fields (--title, --due-at …) and those of `list` its
 * filters, read from the entity description, so the CLI takes exactly what the API takes. */
#include "cmd.h"
#include "desk.h"
#include "mem.h"
#include "people.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char task_help[] =
    "Usage: haldus task SUBCOMMAND [OPTIONS] [--json] [--db PATH]\n"
    "An assistant's tasks, as the API's /api/v1/tasks:\n"
    "  list [--assistant-id ID] [--principal-id ID] [--status S] [--priority P] [--tz ZONE]\n"
    "      due times in the assistant's time zone, or in ZONE (e.g. Europe/Tallinn)\n"
    "  add --assistant-id ID --title TEXT [--principal-id ID] [--notes TEXT]\n"
    "      [--estimate-minutes N] [--due-at INSTANT] [--priority low|normal|high]\n"
    "      [--rrule RULE]   e.g. --rrule 'FREQ=WEEKLY;BYDAY=MO' (repeats from --due-at)\n"
    "  start|complete|drop|reopen ID   move a task through its workflow\n"
    "--json prints records as the API does (instants in UTC).\n";

static const char message_help[] =
    "Usage: haldus message SUBCOMMAND [OPTIONS] [--json] [--db PATH]\n"
    "Phone messages taken for an executive, as the API's /api/v1/phone-messages:\n"
    "  list [--principal-id ID] [--taken-by-id ID] [--status open|done] [--urgency U]\n"
    "      [--tz ZONE]   when taken, in the executive's time zone or in ZONE\n"
    "  add --principal-id ID --taken-by-id ID --caller NAME [--organisation TEXT]\n"
    "      [--phone TEXT] [--email ADDRESS] [--message TEXT] [--urgent]\n"
    "      [--action call_back|will_call_again|returned_call|no_action] [--taken-at INSTANT]\n"
    "      (taken now unless --taken-at; an urgent one is e-mailed to the executive)\n"
    "  done ID   mark a message done\n"
    "--json prints records as the API does (instants in UTC).\n";

/* "--due-at" → "due_at"; NULL when arg is not an option. Caller frees. */
static char *option_field(const char *arg)
{
    if (strncmp(arg, "--", 2) != 0 || !arg[2])
        return NULL;
    char *name = strdup(arg + 2);
    for (char *c = name; c && *c; c++)
        if (*c == '-')
            *c = '_';
    return name;
}

/* How a list shows its times: in zone when given (--tz), else in the zone of the person the
 * record belongs to (a task's assistant, a message's executive), read once per person. */
struct shown_zone {
    struct svc_ctx *ctx;
    const char *zone; /* --tz, or NULL */
    json_t *zones;    /* person id → zone read so far */
};

/* The zone of person id (UTC when the person cannot be read). The text lives in z->zones. */
static const char *person_zone(struct shown_zone *z, int64_t id)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    json_t *known = json_object_get(z->zones, key);
    if (!known) {
        json_t *p = NULL;
        struct hl_error err;
        const char *tz = NULL;
        if (svc_entity_get(z->ctx, &ent_person, id, &p, &err) == HL_OK)
            tz = json_string_value(json_object_get(p, "time_zone"));
        known = json_string(tz && tz_valid(tz) ? tz : "UTC");
        json_object_set_new(z->zones, key, known);
        json_decref(p);
    }
    return json_string_value(known);
}

/* The instant text as local time in zone, "2026-11-23 09:00 (Europe/Tallinn)"; "-" for none.
 * Returns a malloc'd string. */
static char *local_time(const char *instant, const char *zone)
{
    int64_t t, day;
    int minute;
    char date[11], hhmm[6];
    if (!instant || !instant_parse(instant, &t))
        return hl_strdup(instant ? instant : "-");
    if (!tz_utc_to_local(zone, t, &day, &minute)) {
        zone = "UTC";
        day = t / 86400 - (t % 86400 < 0);
        minute = (int)((t - day * 86400) / 60);
    }
    date_format(day, date);
    hhmm_format(minute, hhmm);
    return hl_asprintf("%s %s (%s)", date, hhmm, zone);
}

static void print_record(const json_t *r, bool as_json, const struct entity *ent,
                         struct shown_zone *z)
{
    if (as_json) {
        char *s = json_dumps(r, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (s)
            puts(s);
        free(s);
        return;
    }
    const char *status = json_string_value(json_object_get(r, "status"));
    bool task = ent == &ent_task;
    const char *zone = z->zone ? z->zone
                               : person_zone(z, json_integer_value(json_object_get(
                                                    r, task ? "assistant_id" : "principal_id")));
    char *when =
        local_time(json_string_value(json_object_get(r, task ? "due_at" : "taken_at")), zone);
    if (task)
        printf("%-6lld %-11s %-36s %s\n", (long long)json_integer_value(json_object_get(r, "id")),
               status, when, json_string_value(json_object_get(r, "title")));
    else
        printf("%-6lld %-5s %-6s %-36s %s (%s)\n",
               (long long)json_integer_value(json_object_get(r, "id")), status,
               json_string_value(json_object_get(r, "urgency")), when,
               json_string_value(json_object_get(r, "caller")),
               json_string_value(json_object_get(r, "phone")));
    free(when);
}

static int desk_command(const char *cmd, const struct entity *ent, const struct workflow *wf,
                        const char *help, int argc, char **argv)
{
    const char *db_path = NULL, *sub = NULL, *id_text = NULL, *tz = NULL;
    bool as_json = false;
    json_t *fields = json_object();
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            json_decref(fields);
            return 0;
        }
        if (strcmp(a, "--json") == 0) {
            as_json = true;
            continue;
        }
        if (strcmp(a, "--urgent") == 0 && ent == &ent_phone_message) {
            json_object_set_new(fields, "urgency", json_string("urgent"));
            continue;
        }
        char *name = option_field(a);
        if (name) {
            if (i + 1 >= argc) {
                free(name);
                json_decref(fields);
                return cmd_usage(cmd, "%s needs a value", a);
            }
            if (strcmp(name, "db") == 0)
                db_path = argv[++i];
            else if (strcmp(name, "tz") == 0)
                tz = argv[++i];
            else
                json_object_set_new(fields, name, json_string(argv[++i]));
            free(name);
        } else if (!sub)
            sub = a;
        else if (!id_text)
            id_text = a;
        else {
            json_decref(fields);
            return cmd_usage(cmd, "unexpected argument '%s'", a);
        }
    }
    if (!sub) {
        json_decref(fields);
        return cmd_usage(cmd, "give a subcommand");
    }
    bool is_list = strcmp(sub, "list") == 0, is_add = strcmp(sub, "add") == 0;
    bool is_done = strcmp(sub, "done") == 0 && ent == &ent_phone_message;
    const struct wf_action *act = NULL;
    for (size_t i = 0; wf && i < wf->nactions; i++)
        if (strcmp(wf->actions[i].name, sub) == 0)
            act = &wf->actions[i];
    if (!is_list && !is_add && !is_done && !act) {
        json_decref(fields);
        return cmd_usage(cmd, "unknown subcommand '%s'", sub);
    }
    long id = 0;
    if ((is_done || act) && (!id_text || !cmd_parse_long(id_text, 1, 9007199254740991L, &id))) {
        json_decref(fields);
        return cmd_usage(cmd, "%s needs the ID, a positive integer", sub);
    }
    if ((is_list || is_add) && id_text) {
        json_decref(fields);
        return cmd_usage(cmd, "unexpected argument '%s'", id_text);
    }
    if (tz && (!is_list || !tz_valid(tz))) {
        const char *hint = is_list ? tz_suggestion(tz) : NULL;
        json_decref(fields);
        if (!is_list)
            return cmd_usage(cmd, "--tz is an option of list");
        return cmd_usage(cmd, "--tz must be an IANA time zone such as Europe/Tallinn, not %s%s%s",
                         tz, hint ? "; did you mean " : "", hint ? hint : "");
    }
    /* Each option becomes the field's JSON value (checked as the API checks it). */
    struct hl_error err;
    hl_error_clear(&err);
    json_t *body = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(fields, key, v)
    {
        const struct field *f = entity_field(ent, key);
        if (!f || (is_list && !(f->flags & F_FILTER)) || (!is_list && !is_add)) {
            /* key lives in fields: say so before freeing it */
            int rc_usage = cmd_usage(cmd, "unknown option --%s for %s", key, sub);
            json_decref(fields);
            json_decref(body);
            return rc_usage;
        }
        json_t *val = NULL;
        if (field_from_text(f, json_string_value(v), &val, &err) != HL_OK) {
            json_decref(fields);
            json_decref(body);
            return cmd_fail(cmd, &err);
        }
        json_object_set_new(body, key, val);
    }
    json_decref(fields);
    if (is_add && ent == &ent_phone_message && !json_object_get(body, "taken_at")) {
        char now[21];
        instant_format((int64_t)time(NULL), now);
        json_object_set_new(body, "taken_at", json_string(now));
    }
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        json_decref(body);
        return cmd_fail(cmd, &err);
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL;
    enum hl_err e;
    if (is_list) {
        struct shown_zone z = {&ctx, tz, json_object()};
        struct list_query q = {.limit = 500};
        json_object_foreach(body, key, v) if (q.nfilters < LIST_MAX_FILTERS)
            q.filters[q.nfilters++] = (struct list_filter){entity_field(ent, key), v};
        bool more = false;
        for (e = HL_OK; e == HL_OK;) {
            json_t *items = NULL;
            e = svc_entity_list(&ctx, ent, &q, &items, &more, &err);
            size_t i;
            json_t *r;
            json_array_foreach(items, i, r) print_record(r, as_json, ent, &z);
            if (json_array_size(items))
                q.after_id = json_integer_value(
                    json_object_get(json_array_get(items, json_array_size(items) - 1), "id"));
            json_decref(items);
            if (!more)
                break;
        }
        json_decref(z.zones);
    } else if (is_add)
        e = svc_entity_create(&ctx, ent, body, &out, &err);
    else if (is_done)
        e = svc_desk_message_done(&ctx, id, -1, &out, &err);
    else
        e = svc_workflow_act(&ctx, wf, act, id, -1, NULL, &out, &err);
    if (e != HL_OK)
        rc = cmd_fail(cmd, &err);
    else if (out && as_json)
        print_record(out, true, ent, NULL);
    else if (out)
        printf("%s %lld: %s\n", ent == &ent_task ? "task" : "message",
               (long long)json_integer_value(json_object_get(out, "id")),
               json_string_value(json_object_get(out, "status")));
    json_decref(out);
    json_decref(body);
    db_close(db);
    return rc;
}

int cmd_task(int argc, char **argv)
{
    return desk_command("task", &ent_task, &wf_task, task_help, argc, argv);
}

int cmd_message(int argc, char **argv)
{
    return desk_command("message", &ent_phone_message, NULL, message_help, argc, argv);
}
