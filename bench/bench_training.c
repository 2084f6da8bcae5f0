/* bench_training.c: training needs in-process (issue 11): the time of svc_training_needs (as
 * GET /api/v1/training/needs runs it, without HTTP) over a demo database: every assistant's
 * skill gaps against their executives' duties, the certificates expiring soon and the pool's
 * ranking, each with its courses (the large demo generates three courses per skill). Prints
 * p50/p95 and the mean of N runs and the size of the answer; asserts nothing about time.
 *
 *   bench_training DB [--runs N]
 *
 * DB is made by `haldus demo --assistants 3000 --principals 5000 --db DB` (make bench does). */
#include "training.h"

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

/* CPU time of this process: on a shared, loaded machine the wall time is mostly waiting. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_training DB [--runs N]\n");
        return 2;
    }
    int runs = 20;
    for (int i = 2; i + 1 < argc; i += 2)
        if (!strcmp(argv[i], "--runs"))
            runs = atoi(argv[i + 1]);
    if (runs < 1)
        runs = 1;
    struct db *db = NULL;
    struct hl_error err = {0};
    if (db_open(argv[1], 0, &db, &err) != HL_OK) {
        fprintf(stderr, "bench_training: %s: %s\n", argv[1], err.message);
        return 1;
    }
    struct svc_ctx mgr = {.db = db, .actor = "bench", .who = NULL};
    double *ms = malloc(sizeof *ms * (size_t)runs), *cpu = malloc(sizeof *cpu * (size_t)runs),
           sum = 0;
    size_t assistants = 0, needs = 0, pool = 0, courses = 0;
    for (int r = 0; r < runs; r++) {
        json_t *out = NULL;
        double a = now_ms(), c = cpu_ms();
        if (svc_training_needs(&mgr, 0, TRAINING_NOTICE_FAR, &out, &err) != HL_OK) {
            fprintf(stderr, "bench_training: needs: %s\n", err.message);
            return 1;
        }
        ms[r] = now_ms() - a;
        cpu[r] = cpu_ms() - c;
        sum += ms[r];
        if (r == 0) {
            json_t *as = json_object_get(out, "assistants"), *x;
            size_t i;
            assistants = json_array_size(as);
            json_array_foreach(as, i, x)
            {
                json_t *ns = json_object_get(x, "needs"), *n;
                size_t k;
                needs += json_array_size(ns);
                json_array_foreach(ns, k, n) courses +=
                    json_array_size(json_object_get(n, "courses"));
            }
            pool = json_array_size(json_object_get(out, "pool"));
        }
        json_decref(out);
    }
    double cold = ms[0];
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    printf("training needs, in-process, %d runs over %s:\n", runs, argv[1]);
    printf("  p50 %.1f ms  p95 %.1f ms  mean %.1f ms  first %.1f ms  (target <= 200 ms)\n",
           ms[runs / 2], ms[(int)(runs * 0.95)], sum / runs, cold);
    printf("  CPU time: p50 %.1f ms  p95 %.1f ms (the wall time minus waiting for the CPU)\n",
           cpu[runs / 2], cpu[(int)(runs * 0.95)]);
    printf("  %zu assistants with needs, %zu needs, %zu course links, %zu pool rows\n", assistants,
           needs, courses, pool);
    free(ms);
    free(cpu);
    db_close(db);
    return 0;
}
