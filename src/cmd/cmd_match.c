/* cmd_match.c: CLI ⇄ svc for role fit: `haldus match proposals`, the pool-wide what-if, and
 * `haldus match accept`, its acceptance (svc_match.h), the twin of
 * POST /api/v1/matching/proposals/accept. */
#include "cmd.h"
#include "svc.h"
#include "svc_match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char match_help[] =
    "Usage: haldus match proposals [--department D] [--json] [--db PATH]\n"
    "       haldus match accept --basis B [--department D] [--change N]... [--dry-run]\n"
    "                           [--json] [--db PATH]\n"
    "proposals: the pool-wide what-if: the assignment of the department's executives (all\n"
    "without --department) to the assistants with places that maximises total fit, as numbered\n"
    "changes against today's primary assistants, with the fit gained, and the basis it was\n"
    "computed on. Forbidden pairs (a case not closed, or one closed as reassigned) are never\n"
    "proposed; an executive with no allowed pair is listed as unplaced. Changes that free a place\n"
    "another needs are linked (\"accept with 2\"). Nothing is written.\n"
    "accept: computes the what-if again and accepts every change, or only those named by\n"
    "--change N (repeatable, numbered as proposals prints them); each makes the proposed\n"
    "assistant the executive's primary from today. Refused, changing nothing, when the\n"
    "assignments changed since the proposals with basis B (look again), or when the changes\n"
    "named would leave an assistant over capacity without a linked change. Audited as \"cli\".\n"
    "  --basis B      the basis printed by proposals (required)\n"
    "  --change N     accept change N only (repeat for more)\n"
    "  --dry-run      report what would be accepted; write nothing\n"
    "  --json         the answer as JSON\n";

/* The proposals in text: one numbered line a change, its links, the basis and the totals. */
static void print_proposals(const json_t *out)
{
    size_t k;
    json_t *ch;
    const json_t *changes = json_object_get(out, "changes");
    json_array_foreach(changes, k, ch)
    {
        const char *from = json_string_value(json_object_get(ch, "from"));
        printf("%zu. %s: %s (fit %lld) -> %s (fit %lld), %+lld\n", k + 1,
               json_string_value(json_object_get(ch, "principal")), from ? from : "nobody",
               (long long)json_integer_value(json_object_get(ch, "from_fit")),
               json_string_value(json_object_get(ch, "to")),
               (long long)json_integer_value(json_object_get(ch, "to_fit")),
               (long long)json_integer_value(json_object_get(ch, "gain")));
        const json_t *needs = json_object_get(ch, "needs");
        if (json_array_size(needs) == 0)
            continue;
        /* the needed changes by their numbers, ascending */
        size_t n_num = 0, *num = calloc(json_array_size(needs) + 1, sizeof *num);
        if (!num)
            abort();
        for (size_t l = 0; l < json_array_size(changes); l++) {
            const json_t *pid = json_object_get(json_array_get(changes, l), "principal_id");
            for (size_t x = 0; x < json_array_size(needs); x++)
                if (json_equal(json_array_get(needs, x), pid))
                    num[n_num++] = l + 1;
        }
        printf("   accept with");
        for (size_t x = 0; x < n_num; x++)
            printf("%s %zu", x ? "," : "", num[x]);
        free(num);
        printf(": %s has no free place until then\n", json_string_value(json_object_get(ch, "to")));
    }
    json_array_foreach(json_object_get(out, "unplaced"), k, ch)
        printf("%s: no allowed assistant with a place (unplaced)\n",
               json_string_value(json_object_get(ch, "principal")));
    printf("basis %s\n", json_string_value(json_object_get(out, "basis")));
    printf("%zu changes for %lld executives; total fit %lld today, %lld proposed (%+lld)\n",
           json_array_size(changes),
           (long long)json_integer_value(json_object_get(out, "executives")),
           (long long)json_integer_value(json_object_get(out, "total_today")),
           (long long)json_integer_value(json_object_get(out, "total_proposed")),
           (long long)json_integer_value(json_object_get(out, "gain")));
}

static void print_json(const json_t *out)
{
    char *s = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (s)
        puts(s);
    free(s);
}

/* The accept body for the changes numbered in nums[] (all when n is 0) of the what-if prop. */
static enum hl_err accept_body(const json_t *prop, const char *department, const char *basis,
                               const long *nums, size_t n, json_t **body, struct hl_error *err)
{
    const json_t *changes = json_object_get(prop, "changes");
    if (strcmp(json_string_value(json_object_get(prop, "basis")), basis) != 0)
        return hl_fail(err, HL_ERR_STALE, "basis",
                       "the assignments changed since the what-if with basis %s was computed; "
                       "run `haldus match proposals` again",
                       basis);
    *body = json_pack("{ssso}", "basis", basis, "department",
                      department ? json_string(department) : json_null());
    if (n == 0)
        return HL_OK;
    json_t *list = json_array();
    for (size_t k = 0; k < n; k++) {
        const json_t *c = json_array_get(changes, (size_t)nums[k] - 1);
        if (!c) {
            json_decref(list);
            json_decref(*body);
            *body = NULL;
            return hl_fail(err, HL_ERR_INVALID, "change",
                           "there is no change %ld: the what-if has %zu", nums[k],
                           json_array_size(changes));
        }
        json_array_append_new(list, json_pack("{sOsO}", "principal_id",
                                              json_object_get(c, "principal_id"), "to_id",
                                              json_object_get(c, "to_id")));
    }
    json_object_set_new(*body, "changes", list);
    return HL_OK;
}

static int match_accept(struct db *db, const char *department, const char *basis, const long *nums,
                        size_t n, bool dry_run, bool as_json)
{
    struct hl_error err;
    hl_error_clear(&err);
    struct svc_ctx ctx = {db, "cli", NULL};
    json_t *prop = NULL, *body = NULL, *out = NULL;
    enum hl_err e = db_begin(db, true, &err); /* the numbers mean what they meant to the caller */
    if (e == HL_OK && (e = svc_match_proposals(db, department, &prop, &err)) == HL_OK &&
        (e = accept_body(prop, department, basis, nums, n, &body, &err)) == HL_OK)
        e = svc_match_accept(&ctx, body, &out, &err);
    if (e == HL_OK && !dry_run)
        e = db_commit(db, &err);
    else
        db_rollback(db);
    if (e != HL_OK) {
        json_decref(prop);
        json_decref(body);
        json_decref(out);
        return cmd_fail("match", &err);
    }
    json_object_set_new(out, "dry_run", json_boolean(dry_run));
    if (as_json) {
        print_json(out);
    } else {
        const json_t *changes = json_object_get(prop, "changes");
        const json_t *want = json_object_get(body, "changes");
        size_t k, l;
        json_t *c, *w;
        json_array_foreach(changes, k, c)
        {
            bool taken = !want;
            for (l = 0; l < json_array_size(want); l++) {
                w = json_array_get(want, l);
                if (json_equal(json_object_get(w, "principal_id"),
                               json_object_get(c, "principal_id")))
                    taken = true;
            }
            if (!taken)
                continue;
            const char *from = json_string_value(json_object_get(c, "from"));
            printf("%zu. %s: %s -> %s, %+lld\n", k + 1,
                   json_string_value(json_object_get(c, "principal")), from ? from : "nobody",
                   json_string_value(json_object_get(c, "to")),
                   (long long)json_integer_value(json_object_get(c, "gain")));
        }
        printf("%s %lld change%s (%+lld fit)%s\n", dry_run ? "would accept" : "accepted",
               (long long)json_integer_value(json_object_get(out, "accepted")),
               json_integer_value(json_object_get(out, "accepted")) == 1 ? "" : "s",
               (long long)json_integer_value(json_object_get(out, "gain")),
               dry_run ? "; dry run: nothing was written" : "");
    }
    json_decref(prop);
    json_decref(body);
    json_decref(out);
    return 0;
}

int cmd_match(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"department", required_argument, NULL, 'D'},
        {"json", no_argument, NULL, 'j'},         {"basis", required_argument, NULL, 'b'},
        {"change", required_argument, NULL, 'c'}, {"dry-run", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL, *department = NULL, *basis = NULL;
    bool as_json = false, dry_run = false;
    long *nums = NULL;
    size_t n_nums = 0;
    int c, rc = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:D:jb:c:nh", opts, NULL)) != -1) {
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
        case 'b':
            basis = optarg;
            break;
        case 'c': {
            long v;
            if (!cmd_parse_long(optarg, 1, 1000000, &v)) {
                free(nums);
                return cmd_usage("match", "--change takes a change's number (1, 2, …)");
            }
            long *grown = realloc(nums, (n_nums + 1) * sizeof *nums);
            if (!grown)
                abort();
            nums = grown;
            nums[n_nums++] = v;
            break;
        }
        case 'n':
            dry_run = true;
            break;
        case 'h':
            free(nums);
            fputs(match_help, stdout);
            return 0;
        case ':':
            free(nums);
            return cmd_usage("match", "%s needs a value", argv[optind - 1]);
        default:
            free(nums);
            return cmd_usage("match", "unknown option %s", argv[optind - 1]);
        }
    }
    const char *sub = optind < argc ? argv[optind] : "";
    bool accept = strcmp(sub, "accept") == 0;
    if ((!accept && strcmp(sub, "proposals") != 0) || optind + 1 != argc)
        rc = cmd_usage("match", "the command is `haldus match proposals` or `haldus match accept`");
    else if (!accept && (basis || n_nums || dry_run))
        rc = cmd_usage("match", "--basis, --change and --dry-run are for `haldus match accept`");
    else if (accept && !basis)
        rc = cmd_usage("match", "accept needs --basis: the basis `haldus match proposals` printed");
    if (rc) {
        free(nums);
        return rc;
    }
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        free(nums);
        return cmd_fail("match", &err);
    }
    if (accept) {
        rc = match_accept(db, department, basis, nums, n_nums, dry_run, as_json);
        free(nums);
        db_close(db);
        return rc;
    }
    json_t *out = NULL;
    if (svc_match_proposals(db, department, &out, &err) != HL_OK) {
        db_close(db);
        return cmd_fail("match", &err);
    }
    db_close(db);
    if (as_json)
        print_json(out);
    else
        print_proposals(out);
    json_decref(out);
    return 0;
}
