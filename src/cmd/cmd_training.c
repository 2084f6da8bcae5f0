/* cmd_training.c: CLI ⇄ svc for training (issue 11):
 *   haldus training needs|courses|sessions|session|cancel-session|enrol|impact|approve|reject|
 *                   confirm|cancel|complete|reopen|budget|notify …
 * The same use cases as /api/v1/training/…, run as the CLI (full rights). */
#include "cmd.h"
#include "svc_entity.h"
#include "training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char training_help[] =
    "Usage: haldus training SUBCOMMAND [ARGS] [OPTIONS] [--json] [--db PATH]\n"
    "Training: needs from skill gaps, the catalog, sessions and enrolments (issue 11).\n"
    "  needs [--assistant-id ID] [--soon-days N]\n"
    "        per assistant the skills their executives' duties require above their level\n"
    "        (must-have first) and certificates expiring within N days (default 60); the\n"
    "        pool's skills where the most coverage is at stake; courses for each\n"
    "  courses [--skill-id ID] [--min-level N]   the catalog by skill, cheapest first\n"
    "  sessions [--course-id ID]                 the schedule\n"
    "  session ID                                a session with its enrolments and waitlist\n"
    "  cancel-session ID                         cancel a session: every enrolment, its training\n"
    "        absences (their covers released) and invitations (iTIP CANCEL mails)\n"
    "  enrol SESSION --assistant-id ID [--note TEXT]\n"
    "        a seat, or the end of the waitlist when the session is full\n"
    "  impact ENROLMENT                          the coverage impact of confirming (a what-if)\n"
    "  approve|reject|confirm|cancel|complete|reopen ENROLMENT [--note TEXT]\n"
    "        confirm approves its training absences and plans them, queues the invitations;\n"
    "        complete raises the skills to the course's levels; reopen undoes a completion\n"
    "  budget [--year YYYY]                      the year's cost per assistant vs the budget\n"
    "  notify                                    queue the certificate expiry notices due now\n"
    "--json prints the API's JSON.\n";

static void print_json(const json_t *v)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (s)
        puts(s);
    free(s);
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long long num(const json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

static void print_needs(const json_t *out)
{
    size_t i, k, j;
    json_t *a, *n, *x;
    json_array_foreach(json_object_get(out, "assistants"), i, a)
    {
        printf("%s (#%lld)\n", str(a, "name"), num(a, "assistant_id"));
        json_array_foreach(json_object_get(a, "needs"), k, n)
        {
            printf("  %s %lld -> %lld (%s) for", str(n, "skill"), num(n, "have"),
                   num(n, "required"), json_is_true(json_object_get(n, "must")) ? "must" : "nice");
            json_array_foreach(json_object_get(n, "principals"), j, x)
                printf("%s %s", j ? "," : "", str(x, "name"));
            json_array_foreach(json_object_get(n, "courses"), j, x)
                printf("%s%s", j ? "; " : "\n      courses: ", str(x, "name"));
            putchar('\n');
        }
        json_array_foreach(json_object_get(a, "expiring"), k, n)
            printf("  certificate %s (%s %lld) expires %s\n", str(n, "title"), str(n, "skill"),
                   num(n, "level"), str(n, "expires_on"));
    }
    json_array_foreach(json_object_get(out, "pool"), i, a)
        printf("pool: only %lld assistants have must-have %s %lld; %lld executives depend on it\n",
               num(a, "assistants"), str(a, "skill"), num(a, "level"), num(a, "executives"));
}

/* Reads "--name VALUE" pairs after the positional arguments into opts (names with '_'). */
static int options(int argc, char **argv, int from, json_t *opts, const char **db_path,
                   bool *as_json, const char **pos)
{
    for (int i = from; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            *as_json = true;
            continue;
        }
        if (strncmp(a, "--", 2) == 0 && a[2]) {
            if (i + 1 >= argc)
                return cmd_usage("training", "%s needs a value", a);
            if (strcmp(a, "--db") == 0) {
                *db_path = argv[++i];
                continue;
            }
            char *name = strdup(a + 2);
            for (char *c = name; *c; c++)
                if (*c == '-')
                    *c = '_';
            json_object_set_new(opts, name, json_string(argv[++i]));
            free(name);
        } else if (!*pos)
            *pos = a;
        else
            return cmd_usage("training", "unexpected argument '%s'", a);
    }
    return 0;
}

/* The option name as a number in [lo, hi]; def when absent. -1 (and a usage message) when
 * it is not one. */
static int opt_long(const json_t *opts, const char *name, long lo, long hi, long def, long *v)
{
    const char *s = json_string_value(json_object_get(opts, name));
    *v = def;
    if (s && !cmd_parse_long(s, lo, hi, v))
        return cmd_usage("training", "--%s must be a number from %ld to %ld", name, lo, hi);
    return 0;
}

/* Only the named options are known to sub. */
static int only(const json_t *opts, const char *sub, const char *const *known)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)opts, k, v)
    {
        bool ok = false;
        for (size_t i = 0; known[i] && !ok; i++)
            ok = strcmp(known[i], k) == 0;
        if (!ok)
            return cmd_usage("training", "unknown option --%s for %s", k, sub);
    }
    return 0;
}

int cmd_training(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(training_help, stdout);
            return 0;
        }
    if (argc < 2)
        return cmd_usage("training", "give a subcommand");
    const char *sub = argv[1], *db_path = NULL, *pos = NULL;
    bool as_json = false;
    json_t *opts = json_object();
    int rc = options(argc, argv, 2, opts, &db_path, &as_json, &pos);
    const struct wf_action *act = NULL;
    for (size_t i = 0; i < wf_enrolment.nactions; i++)
        if (strcmp(wf_enrolment.actions[i].name, sub) == 0)
            act = &wf_enrolment.actions[i];
    static const char *const none[] = {NULL};
    static const char *const o_needs[] = {"assistant_id", "soon_days", NULL};
    static const char *const o_courses[] = {"skill_id", "min_level", NULL};
    static const char *const o_sessions[] = {"course_id", NULL};
    static const char *const o_enrol[] = {"assistant_id", "note", NULL};
    static const char *const o_note[] = {"note", NULL};
    static const char *const o_budget[] = {"year", NULL};
    bool with_id = act || !strcmp(sub, "session") || !strcmp(sub, "enrol") ||
                   !strcmp(sub, "impact") || !strcmp(sub, "cancel-session");
    const char *const *known = act                        ? o_note
                               : !strcmp(sub, "needs")    ? o_needs
                               : !strcmp(sub, "courses")  ? o_courses
                               : !strcmp(sub, "sessions") ? o_sessions
                               : !strcmp(sub, "enrol")    ? o_enrol
                               : !strcmp(sub, "budget")   ? o_budget
                               : !strcmp(sub, "session") || !strcmp(sub, "impact") ||
                                       !strcmp(sub, "notify") || !strcmp(sub, "cancel-session")
                                   ? none
                                   : NULL;
    if (rc == 0 && !known)
        rc = cmd_usage("training", "unknown subcommand '%s'", sub);
    if (rc == 0)
        rc = only(opts, sub, known);
    long id = 0, a = 0, b = 0;
    if (rc == 0 && with_id && (!pos || !cmd_parse_long(pos, 1, 9007199254740991L, &id)))
        rc = cmd_usage("training", "%s needs the ID, a positive integer", sub);
    if (rc == 0 && !with_id && pos)
        rc = cmd_usage("training", "unexpected argument '%s'", pos);
    if (rc != 0) {
        json_decref(opts);
        return rc;
    }
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        json_decref(opts);
        return cmd_fail("training", &err);
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL;
    enum hl_err e = HL_OK;
    if (!strcmp(sub, "needs")) {
        if ((rc = opt_long(opts, "assistant_id", 1, 9007199254740991L, 0, &a)) == 0 &&
            (rc = opt_long(opts, "soon_days", 0, 365, TRAINING_NOTICE_FAR, &b)) == 0)
            e = svc_training_needs(&ctx, a, (int)b, &out, &err);
    } else if (!strcmp(sub, "courses")) {
        if ((rc = opt_long(opts, "skill_id", 1, 9007199254740991L, 0, &a)) == 0 &&
            (rc = opt_long(opts, "min_level", 1, 5, 0, &b)) == 0)
            e = svc_training_courses_for(&ctx, a, (int)b, &out, &err);
    } else if (!strcmp(sub, "sessions")) {
        struct list_query q = {.limit = 500};
        json_t *cid = NULL;
        if ((rc = opt_long(opts, "course_id", 1, 9007199254740991L, 0, &a)) == 0 && a) {
            cid = json_integer(a);
            q.filters[q.nfilters++] =
                (struct list_filter){entity_field(&ent_training_session, "course_id"), cid};
        }
        json_t *items = NULL;
        bool more = false;
        if (rc == 0 &&
            (e = svc_entity_list(&ctx, &ent_training_session, &q, &items, &more, &err)) == HL_OK)
            out = json_pack("{so}", "items", items);
        json_decref(cid);
    } else if (!strcmp(sub, "session"))
        e = svc_training_session_view(&ctx, id, &out, &err);
    else if (!strcmp(sub, "cancel-session")) {
        /* The session's own change, as PATCH {"status": "cancelled"} does it. */
        json_t *cur = NULL, *body = json_pack("{ss}", "status", "cancelled");
        if ((e = svc_entity_get(&ctx, &ent_training_session, id, &cur, &err)) == HL_OK)
            e = svc_entity_update(&ctx, &ent_training_session, id, num(cur, "version"), body, &out,
                                  &err);
        json_decref(cur);
        json_decref(body);
    } else if (!strcmp(sub, "enrol")) {
        if ((rc = opt_long(opts, "assistant_id", 1, 9007199254740991L, 0, &a)) == 0 && !a)
            rc = cmd_usage("training", "enrol needs --assistant-id");
        if (rc == 0)
            e = svc_training_enrol(&ctx, id, a, str(opts, "note"), &out, &err);
    } else if (!strcmp(sub, "impact"))
        e = svc_training_impact(&ctx, id, &out, &err);
    else if (!strcmp(sub, "budget")) {
        if ((rc = opt_long(opts, "year", 2000, 2100, 0, &a)) == 0)
            e = svc_training_budget(&ctx, (int)a, &out, &err);
    } else if (!strcmp(sub, "notify")) {
        int queued = 0;
        if ((e = svc_training_expiry_notices(&ctx, &queued, &err)) == HL_OK)
            out = json_pack("{si}", "queued", queued);
    } else {
        json_t *body = json_object();
        if (json_object_get(opts, "note"))
            json_object_set(body, "note", json_object_get(opts, "note"));
        e = svc_workflow_act(&ctx, &wf_enrolment, act, id, -1, body, &out, &err);
        json_decref(body);
    }
    if (rc == 0 && e != HL_OK)
        rc = cmd_fail("training", &err);
    else if (rc == 0 && out) {
        if (as_json || (strcmp(sub, "needs") != 0 && !act && strcmp(sub, "enrol") != 0 &&
                        strcmp(sub, "cancel-session") != 0))
            print_json(out);
        else if (!strcmp(sub, "cancel-session"))
            printf("session %lld: %s\n", num(out, "id"), str(out, "status"));
        else if (!strcmp(sub, "needs"))
            print_needs(out);
        else
            printf("enrolment %lld: %s%s\n", num(out, "id"), str(out, "status"),
                   json_is_true(json_object_get(out, "waitlisted")) ? " (waitlisted)" : "");
    }
    json_decref(out);
    json_decref(opts);
    db_close(db);
    return rc;
}
