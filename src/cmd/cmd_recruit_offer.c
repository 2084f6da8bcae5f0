/* cmd_recruit_offer.c: CLI ⇄ svc for recruiting's offers and interviews (issue 12):
 * `haldus recruit offer show|create|send|accept|decline|withdraw` and
 * `haldus recruit interviews` (a panel member's, an application's, or a date range's
 * interviews with local times). Reached through `haldus recruit` (cmd_recruit.c). */
#include "cmd.h"
#include "interview_recruit.h"
#include "mem.h"
#include "offer_recruit.h"
#include "people.h"
#include "recruit.h"
#include "svc_entity.h"
#include "svc_record.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char offer_help[] =
    "Usage: haldus recruit offer show APPLICATION\n"
    "       haldus recruit offer create APPLICATION --salary N --start DATE --hours H\n"
    "                 --expires DATE [--currency EUR] [--period month|year]\n"
    "                 [--contract permanent|fixed_term] [--end DATE] [--notes TEXT] "
    "[--override]\n"
    "       haldus recruit offer send|accept|withdraw OFFER\n"
    "       haldus recruit offer decline OFFER [--reason TEXT]\n"
    "       (each with [--json] [--db PATH])\n"
    "show: the application's offers with their terms and status. create: a draft (the salary\n"
    "within the requisition's range a month, or --override). send: the application moves to\n"
    "the offer stage and the candidate gets the terms by e-mail in their language; an offer\n"
    "sent before is withdrawn. accept, decline: what the candidate answered. withdraw: a draft\n"
    "or sent offer is taken back.\n";

static const char interviews_help[] =
    "Usage: haldus recruit interviews [--mine-for PERSON] [--application ID] [--from DATE]\n"
    "                                 [--to DATE] [--tz ZONE] [--json] [--db PATH]\n"
    "The interviews (cancelled ones too) of a panel member, of an application, or starting\n"
    "between --from and --to (dates, --to included; default from today for 30 days; an offered\n"
    "one waiting for the candidate's pick is listed too). Times are local in --tz, else in the\n"
    "--mine-for person's zone, else UTC.\n";

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_offer(const json_t *o)
{
    printf("offer %lld  %s  %lld %s a %s%s  from %s  %g h/week  %s%s%s  answer by %s\n",
           (long long)json_integer_value(json_object_get(o, "id")), str(o, "status"),
           (long long)json_integer_value(json_object_get(o, "salary_amount")),
           str(o, "salary_currency"), str(o, "salary_period"),
           json_is_true(json_object_get(o, "salary_override")) ? " (override)" : "",
           str(o, "start_date"), json_number_value(json_object_get(o, "hours_per_week")),
           str(o, "contract"), *str(o, "end_date") ? " until " : "", str(o, "end_date"),
           str(o, "expires_on"));
    if (*str(o, "decline_reason"))
        printf("  declined: %s\n", str(o, "decline_reason"));
    if (*str(o, "notes"))
        printf("  notes: %s\n", str(o, "notes"));
}

int cmd_recruit_offer(int argc, char **argv)
{
    enum {
        O_SALARY = 1,
        O_CURRENCY,
        O_PERIOD,
        O_START,
        O_HOURS,
        O_CONTRACT,
        O_END,
        O_EXPIRES,
        O_NOTES,
        O_OVERRIDE,
        O_REASON
    };
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {"salary", required_argument, NULL, O_SALARY},
        {"currency", required_argument, NULL, O_CURRENCY},
        {"period", required_argument, NULL, O_PERIOD},
        {"start", required_argument, NULL, O_START},
        {"hours", required_argument, NULL, O_HOURS},
        {"contract", required_argument, NULL, O_CONTRACT},
        {"end", required_argument, NULL, O_END},
        {"expires", required_argument, NULL, O_EXPIRES},
        {"notes", required_argument, NULL, O_NOTES},
        {"override", no_argument, NULL, O_OVERRIDE},
        {"reason", required_argument, NULL, O_REASON},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL;
    bool as_json = false;
    json_t *body = json_object();
    int c, rc = 2;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:jh", opts, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(offer_help, stdout);
            rc = 0;
            goto out;
        case O_SALARY: {
            long long v = strtoll(optarg, &end, 10);
            if (*end || end == optarg) {
                rc = cmd_usage("recruit offer", "--salary must be a whole number");
                goto out;
            }
            json_object_set_new(body, "salary_amount", json_integer(v));
            break;
        }
        case O_HOURS: {
            double v = strtod(optarg, &end);
            if (*end || end == optarg) {
                rc = cmd_usage("recruit offer", "--hours must be a number");
                goto out;
            }
            json_object_set_new(body, "hours_per_week", json_real(v));
            break;
        }
        case O_CURRENCY:
            json_object_set_new(body, "salary_currency", json_string(optarg));
            break;
        case O_PERIOD:
            json_object_set_new(body, "salary_period", json_string(optarg));
            break;
        case O_START:
            json_object_set_new(body, "start_date", json_string(optarg));
            break;
        case O_CONTRACT:
            json_object_set_new(body, "contract", json_string(optarg));
            break;
        case O_END:
            json_object_set_new(body, "end_date", json_string(optarg));
            break;
        case O_EXPIRES:
            json_object_set_new(body, "expires_on", json_string(optarg));
            break;
        case O_NOTES:
            json_object_set_new(body, "notes", json_string(optarg));
            break;
        case O_OVERRIDE:
            json_object_set_new(body, "salary_override", json_true());
            break;
        case O_REASON:
            json_object_set_new(body, "reason", json_string(optarg));
            break;
        case ':':
            rc = cmd_usage("recruit offer", "%s needs a value", argv[optind - 1]);
            goto out;
        default:
            rc = cmd_usage("recruit offer", "unknown option %s", argv[optind - 1]);
            goto out;
        }
    }
    if (optind + 2 != argc) {
        rc = cmd_usage("recruit offer", "the command is `haldus recruit offer "
                                        "show|create|send|accept|decline|withdraw ID`");
        goto out;
    }
    const char *what = argv[optind];
    int64_t id;
    if (!cmd_parse_id(argv[optind + 1], &id)) {
        rc = cmd_usage("recruit offer", "%s is not an id", argv[optind + 1]);
        goto out;
    }
    const struct wf_action *act = NULL;
    for (size_t i = 0; i < wf_offer.nactions; i++)
        if (strcmp(wf_offer.actions[i].name, what) == 0)
            act = &wf_offer.actions[i];
    bool is_create = strcmp(what, "create") == 0;
    if (!act && !is_create && strcmp(what, "show") != 0) {
        rc = cmd_usage("recruit offer",
                       "unknown command %s: show, create, send, accept, decline or withdraw", what);
        goto out;
    }
    /* Each option belongs to one command: the terms to create, --reason to decline. */
    bool has_reason = json_object_get(body, "reason") != NULL;
    size_t nterms = json_object_size(body) - (has_reason ? 1 : 0);
    if ((!is_create && nterms > 0) || (has_reason && (!act || strcmp(what, "decline") != 0))) {
        rc = cmd_usage("recruit offer", "the terms go with create, --reason with decline");
        goto out;
    }
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        rc = cmd_fail("recruit offer", &err);
        goto out;
    }
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *res = NULL;
    enum hl_err e;
    if (is_create) {
        json_object_set_new(body, "application_id", json_integer(id));
        e = svc_entity_create(&ctx, &ent_offer, body, &res, &err);
    } else if (act) {
        e = svc_workflow_act(&ctx, &wf_offer, act, id, IF_MATCH_NONE, body, &res, &err);
    } else {
        json_t *app = NULL;
        e = svc_recruit_export(&ctx, id, &app, &err);
        if (e == HL_OK)
            res = json_incref(json_object_get(app, "offers"));
        json_decref(app);
    }
    db_close(db);
    if (e != HL_OK) {
        rc = cmd_fail("recruit offer", &err);
        goto out;
    }
    if (as_json) {
        cmd_print_json(res);
    } else if (json_is_array(res)) {
        size_t i;
        json_t *o;
        json_array_foreach(res, i, o) print_offer(o);
        if (json_array_size(res) == 0)
            printf("application %lld has no offers\n", (long long)id);
    } else {
        print_offer(res);
    }
    json_decref(res);
    rc = 0;
out:
    json_decref(body);
    return rc;
}

/* "2026-12-02 10:00" in zone, or "(to be picked)" for an offered interview. */
static char *local_time(const json_t *iv, const char *key, const char *zone)
{
    int64_t t, day;
    int minute;
    char date[11], hhmm[6];
    const char *s = json_string_value(json_object_get(iv, key));
    if (!s || !instant_parse(s, &t))
        return hl_strdup("(to be picked)");
    if (!tz_utc_to_local(zone, t, &day, &minute))
        return hl_strdup(s);
    date_format(day, date);
    hhmm_format(minute, hhmm);
    return hl_asprintf("%s %s", date, hhmm);
}

int cmd_recruit_interviews(int argc, char **argv)
{
    enum { O_MINE = 1, O_APP, O_FROM, O_TO, O_TZ };
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {"mine-for", required_argument, NULL, O_MINE},
        {"application", required_argument, NULL, O_APP},
        {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO},
        {"tz", required_argument, NULL, O_TZ},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *tz_opt = NULL;
    bool as_json = false;
    int64_t person = 0, app = 0, from_day = -1, to_day = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'j':
            as_json = true;
            break;
        case 'h':
            fputs(interviews_help, stdout);
            return 0;
        case O_MINE:
            if (!cmd_parse_id(optarg, &person))
                return cmd_usage("recruit interviews", "--mine-for takes a person id");
            break;
        case O_APP:
            if (!cmd_parse_id(optarg, &app))
                return cmd_usage("recruit interviews", "--application takes an application id");
            break;
        case O_FROM:
            if (!date_parse(optarg, &from_day))
                return cmd_usage("recruit interviews", "--from takes a date YYYY-MM-DD");
            break;
        case O_TO:
            if (!date_parse(optarg, &to_day))
                return cmd_usage("recruit interviews", "--to takes a date YYYY-MM-DD");
            break;
        case O_TZ:
            if (!tz_valid(optarg))
                return cmd_usage("recruit interviews", "--tz %s is not a time zone", optarg);
            tz_opt = optarg;
            break;
        case ':':
            return cmd_usage("recruit interviews", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("recruit interviews", "unknown option %s", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cmd_usage("recruit interviews", "unexpected %s", argv[optind]);
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("recruit interviews", &err);
    char *tz = tz_opt ? hl_strdup(tz_opt) : NULL;
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *out = NULL, *who = NULL;
    enum hl_err e = HL_OK;
    if (person && (e = svc_entity_get(&ctx, &ent_person, person, &who, &err)) == HL_OK && !tz) {
        const char *pz = json_string_value(json_object_get(who, "time_zone"));
        tz = pz && tz_valid(pz) ? hl_strdup(pz) : NULL;
    }
    if (!tz)
        tz = hl_strdup("UTC");
    const char *zone = tz;
    /* The range: whole local days in the zone shown; an application's all when not given. */
    int64_t today = db_now(db) / 86400, from = INT64_MIN / 2, to = INT64_MAX / 2;
    if (from_day < 0 && to_day < 0 && !app)
        from_day = today, to_day = today + 30;
    if (from_day >= 0 && !tz_local_to_utc(zone, from_day, 0, &from))
        from = from_day * 86400;
    if (to_day >= 0 && !tz_local_to_utc(zone, to_day + 1, 0, &to))
        to = (to_day + 1) * 86400;
    if (e == HL_OK && from >= to)
        e = hl_fail(&err, HL_ERR_USAGE, "to", "--to is before --from");
    if (e == HL_OK)
        e = svc_interview_query(&ctx, person, app, from, to, &out, &err);
    db_close(db);
    json_decref(who);
    if (e != HL_OK) {
        free(tz);
        return e == HL_ERR_USAGE ? cmd_usage("recruit interviews", "%s", err.message)
                                 : cmd_fail("recruit interviews", &err);
    }
    if (as_json) {
        json_object_set_new(out, "time_zone", json_string(zone));
        cmd_print_json(out);
        json_decref(out);
        free(tz);
        return 0;
    }
    json_t *items = json_object_get(out, "items");
    if (json_array_size(items) == 0)
        printf("no interviews\n");
    else
        printf("%-16s  %-5s  %-9s  %-24s  %-28s  %s\n", "start", "end", "status", "candidate",
               "role", "panel");
    size_t i;
    json_t *iv;
    json_array_foreach(items, i, iv)
    {
        char *start = local_time(iv, "start_at", zone), *end = local_time(iv, "end_at", zone);
        char *panel = hl_strdup("");
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(iv, "panel"), k, m)
        {
            char *next =
                hl_asprintf("%s%s%s (%s)", panel, k ? ", " : "", str(m, "name"), str(m, "role"));
            free(panel);
            panel = next;
        }
        /* The end's time only: the same day. */
        const char *end_hhmm =
            json_is_string(json_object_get(iv, "end_at")) && strlen(end) > 11 ? end + 11 : "";
        printf("%-16s  %-5s  %-9s  %-24s  %-28s  %s\n", start, end_hhmm, str(iv, "status"),
               str(iv, "candidate"), str(iv, "title"), panel);
        free(start);
        free(end);
        free(panel);
    }
    printf("(times in %s)\n", zone);
    json_decref(out);
    free(tz);
    return 0;
}
