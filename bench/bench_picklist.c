/* bench_picklist.c: "pick another assistant" in-process (issue 9): the time of the ranked pick
 * list of one cover (svc_coverage_candidates, as GET /coverage/covers/{id}/candidates runs it,
 * without HTTP) on a demo database. Plans the demo's busiest week first (fast engine) so there
 * are covers, then asks for the list of random covers of that week (the first loads the week's
 * model; the others reuse it while the data stamp holds, as a manager's pickers on one board do).
 * Prints p50/p95/p99 and the mean with the planning time as the anchor measured in the same run;
 * asserts nothing about time.
 *
 *   bench_picklist DB [--queries N] [--seed N]
 *
 * DB is made by `haldus demo --assistants 3000 --principals 5000 --db DB` (make bench does);
 * the bench writes a plan into it. */
#include "store_coverage.h"
#include "svc_coverage.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t rng_state = 1;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_picklist DB [--queries N] [--seed N]\n");
        return 2;
    }
    int nq = 200;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--queries"))
            nq = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--seed"))
            rng_state = strtoull(argv[i + 1], NULL, 10);
    }
    if (nq < 1)
        nq = 1;
    struct db *db = NULL;
    struct hl_error err = {0};
    if (db_open(argv[1], 0, &db, &err) != HL_OK) {
        fprintf(stderr, "bench_picklist: %s: %s\n", argv[1], err.message);
        return 1;
    }
    struct svc_ctx mgr = {.db = db, .actor = "bench", .who = NULL};
    /* Next week, Monday to Friday: the demo's absences make gaps there. */
    int64_t today = (int64_t)time(NULL) / 86400, monday = today + 7 - (today + 3) % 7;
    json_t *plan = NULL;
    double t0 = now_ms();
    if (svc_coverage_plan(&mgr, monday, monday + 4, "fast", &plan, &err) != HL_OK) {
        fprintf(stderr, "bench_picklist: planning: %s\n", err.message);
        return 1;
    }
    double plan_ms = now_ms() - t0;
    json_t *covers = json_object_get(plan, "covers");
    size_t nc = json_array_size(covers);
    if (nc == 0) {
        fprintf(stderr, "bench_picklist: the plan of next week has no covers\n");
        return 1;
    }
    double *ms = malloc(sizeof *ms * (size_t)nq), sum = 0;
    size_t listed = 0, unavailable = 0;
    for (int q = 0; q < nq; q++) {
        int64_t id =
            json_integer_value(json_object_get(json_array_get(covers, (size_t)(rnd() % nc)), "id"));
        json_t *out = NULL;
        double a = now_ms();
        if (svc_coverage_candidates(&mgr, id, 50, &out, &err) != HL_OK) {
            fprintf(stderr, "bench_picklist: cover %lld: %s\n", (long long)id, err.message);
            return 1;
        }
        ms[q] = now_ms() - a;
        sum += ms[q];
        listed += (size_t)json_integer_value(json_object_get(out, "available_count"));
        unavailable += (size_t)json_integer_value(json_object_get(out, "unavailable_count"));
        json_decref(out);
    }
    double cold = ms[0]; /* the first loads the week; the rest reuse it while nothing changes */
    qsort(ms, (size_t)nq, sizeof *ms, cmp_double);
    printf("pick list of a cover, in-process, %d covers of a %zu-cover plan of %s:\n", nq, nc,
           json_string_value(json_object_get(plan, "from")));
    printf("  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  mean %.1f ms  (target p95 <= 50 ms)\n",
           ms[nq / 2], ms[(int)(nq * 0.95)], ms[(int)(nq * 0.99)], sum / nq);
    printf("  the first (loads the week's model, cold): %.0f ms; the slowest %.0f ms\n", cold,
           ms[nq - 1]);
    printf("  per list: %.0f free and qualified, %.0f unavailable\n", (double)listed / nq,
           (double)unavailable / nq);
    printf("  anchor: planning that week (fast engine, load + plan + save) took %.0f ms\n",
           plan_ms);
    free(ms);
    json_decref(plan);
    db_close(db);
    return 0;
}
