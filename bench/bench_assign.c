/* bench_assign [square [N...] | pool]: the pool-wide assignment's figures (issue 14,
 * docs/planner.md). `square` solves random dense N x N assignments (default 1,000, 2,000 and
 * 5,000) and gives scipy's linear_sum_assignment the same matrices through a file (bench/lsa.py,
 * run with /usr/bin/python3): both optima and both times side by side. `pool` places 5,000
 * executives with 3,000 assistants of capacity 1-3 (locks and forbidden pairs included) and
 * reports the time and the process's max RSS; run it in its own process. PASS/MISS beside a
 * target is information; the exit status is 1 only when the optima differ or a run fails. */
#include "mem.h"
#include "assign.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_s = 14;

static uint64_t rnd(void)
{
    uint64_t z = (rng_s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *src_dir(void)
{
    const char *r = getenv("HALDUS_SOURCE_ROOT");
    return r ? r : ".";
}

static int square(int n, int *bad)
{
    size_t nn = (size_t)n * (size_t)n;
    double *fit = malloc(nn * sizeof *fit);
    int32_t *cap = malloc((size_t)n * sizeof *cap);
    if (!fit || !cap)
        return 1;
    /* random dense integer fits in [0, 10^6): exact sums in doubles */
    for (size_t k = 0; k < nn; k++)
        fit[k] = (double)(rnd() % 1000000);
    for (int j = 0; j < n; j++)
        cap[j] = 1;
    char path[] = "/tmp/bench_assign.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(fit, sizeof *fit, nn, f) != nn || fclose(f) != 0) {
        unlink(path);
        return 1;
    }
    struct assign_problem p = {n, n, cap, fit, NULL, NULL};
    struct assign_result r;
    double t0 = now();
    if (assign_solve(&p, &r) != ASSIGN_OK) {
        unlink(path);
        return 1;
    }
    double ours = now() - t0;

    if (strchr(src_dir(), '\'')) {
        unlink(path);
        fprintf(stderr, "bench_assign: HALDUS_SOURCE_ROOT must not contain a quote\n");
        return 1;
    }
    char *cmd = hl_asprintf("/usr/bin/python3 '%s/bench/lsa.py' '%s' %d", src_dir(), path, n);
    FILE *py = popen(cmd, "r");
    free(cmd);
    double stotal = NAN, stime = NAN;
    if (!py || fscanf(py, "%lf %lf", &stotal, &stime) != 2) {
        if (py)
            pclose(py);
        unlink(path);
        fprintf(stderr,
                "bench_assign: scipy did not answer (python3-scipy: make bench installs it)\n");
        return 1;
    }
    pclose(py);
    unlink(path);
    int same = fabs(stotal - r.total_fit) < 0.5 && r.placed == n;
    if (!same)
        *bad = 1;
    printf("  n=%5d  ours %8.3f s  total %.0f | scipy %8.3f s  total %.0f | %s optimum, %.2fx%s\n",
           n, ours, r.total_fit, stime, stotal, same ? "same" : "DIFFERENT", stime / ours,
           n == 5000 ? (ours <= 1.5 && ours < stime ? "  (target <= 1.5 s, faster: PASS)"
                                                    : "  (target <= 1.5 s, faster: MISS)")
                     : "");
    fflush(stdout);
    assign_result_free(&r);
    free(fit);
    free(cap);
    return 0;
}

static int pool(void)
{
    const int n = 5000, m = 3000;
    size_t nm = (size_t)n * (size_t)m;
    double *fit = malloc(nm * sizeof *fit);
    unsigned char *allowed = malloc(nm);
    int32_t *cap = malloc((size_t)m * sizeof *cap);
    int32_t *locked = malloc((size_t)n * sizeof *locked);
    int32_t *load = calloc((size_t)m, sizeof *load);
    if (!fit || !allowed || !cap || !locked || !load)
        return 1;
    for (size_t k = 0; k < nm; k++) {
        fit[k] = (double)(rnd() % 10001) / 100.0; /* 0-100, two decimals */
        allowed[k] = rnd() % 1000 != 0;           /* 0.1 % forbidden (open mediation cases) */
    }
    long total_cap = 0;
    for (int j = 0; j < m; j++) {
        cap[j] = 1 + (int32_t)(rnd() % 3);
        total_cap += cap[j];
    }
    int nlocked = 0;
    for (int i = 0; i < n; i++) {
        locked[i] = -1;
        if (rnd() % 10 == 0) { /* 10 % keep today's assistant */
            int j = (int)(rnd() % (uint64_t)m);
            if (allowed[(size_t)i * m + j] && load[j] < cap[j]) {
                locked[i] = j;
                load[j]++;
                nlocked++;
            }
        }
    }
    struct assign_problem p = {n, m, cap, fit, allowed, locked};
    struct assign_result r;
    double t0 = now();
    if (assign_solve(&p, &r) != ASSIGN_OK)
        return 1;
    double t = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rss_mib = (double)ru.ru_maxrss / 1024.0;
    printf("  pool: %d executives, %d assistants (capacity 1-3, %ld places), %d locked\n", n, m,
           total_cap, nlocked);
    printf("  pool: %.3f s, placed %d, total fit %.2f (mean %.2f), max RSS %.0f MiB  "
           "(targets <= 5 s, <= 1 GiB: %s)\n",
           t, r.placed, r.total_fit, r.placed ? r.total_fit / r.placed : 0, rss_mib,
           t <= 5 && rss_mib <= 1024 ? "PASS" : "MISS");
    assign_result_free(&r);
    free(fit);
    free(allowed);
    free(cap);
    free(locked);
    free(load);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "square";
    int bad = 0;
    if (strcmp(mode, "pool") == 0) {
        printf("bench_assign pool (issue 14)\n");
        return pool() ? 1 : 0;
    }
    if (strcmp(mode, "square") != 0) {
        fprintf(stderr, "usage: bench_assign [square [N...] | pool]\n");
        return 2;
    }
    printf("bench_assign square: random dense fits, ours against scipy linear_sum_assignment\n");
    if (argc > 2) {
        for (int a = 2; a < argc; a++)
            if (square(atoi(argv[a]), &bad))
                return 1;
    } else {
        int sizes[] = {1000, 2000, 5000};
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            if (square(sizes[k], &bad))
                return 1;
    }
    return bad;
}
