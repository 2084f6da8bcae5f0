/* bench_plan.c: the coverage planner's benchmark: quality of the fast engine against GLPK's
 * proven optimum, the scale run (3,000 assistants, 5,000 principals, a year) and incremental
 * re-planning of one week-long absence. Prints figures; asserts nothing about time.
 *
 *   bench_plan [quality|scale|incremental|families|all] [--instances N] [--days D] [--quick]
 *              [--seeds N] [--limit S]
 *
 * --instances and --days shape the quality family (50 instances of 5 days by default: the
 * size GLPK proves optimal within 10 s); --quick shrinks the scale organisation tenfold.
 * `families` runs the hard families of plan_families.c (--seeds per row, GLPK --limit seconds).
 * Each part runs in its own child process so its peak RSS is its own. */
#include "plan.h"
#include "plan_families.h"
#include "mem.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: on a shared machine it shows what the work itself costs. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- a seeded synthetic organisation ---- */

struct rng {
    uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rint_in(struct rng *r, int lo, int hi)
{
    return lo + (int)(rnd(r) % (uint64_t)(hi - lo + 1));
}

static bool chance(struct rng *r, int permille)
{
    return (int)(rnd(r) % 1000) < permille;
}

struct org_params {
    uint64_t seed;
    int assistants, principals;
    int days; /* calendar days from Monday 2026-01-05 */
    int offices, tzs, skills;
    int absent_permille; /* share of assistant working days absent */
    int max_spell;       /* longest absence, in working days */
    int slot_minutes;
    int secondary_permille; /* principals with a secondary assistant */
    int capacity_lo, capacity_hi;
    bool odd_hours; /* some principals work an hour later than their assistants */
};

#define DAY0 20458 /* 2026-01-05, a Monday, in days since the epoch */

struct org {
    struct plan_instance inst;
    int days;
    uint8_t *absent; /* absent[a * days + d] */
    int32_t *primary, *secondary;
    double absent_share; /* absent assistant working days / all assistant working days */
    int *start_min;      /* local start of each principal's day, minutes after UTC midnight */
    int *a_start;        /* likewise for assistants */
};

static bool weekday(int d)
{
    return d % 7 < 5;
}

/* Builds the organisation: assistants work 8:00–17:00 in their office's zone (UTC−k hours),
 * principals rely on a primary (and maybe a secondary) from their office, absences come in
 * spells of whole working days; a principal's slot is a gap when none of theirs is there. */
static void org_build(const struct org_params *pp, struct org *o)
{
    struct rng r = {pp->seed * 1000003 + 7};
    struct plan_instance *inst = &o->inst;
    plan_instance_init(inst, pp->slot_minutes);
    int na = pp->assistants, np = pp->principals, days = pp->days;
    o->days = days;
    o->absent = hl_calloc((size_t)na * (size_t)days + 1, 1);
    o->primary = hl_malloc((size_t)np * sizeof *o->primary);
    o->secondary = hl_malloc((size_t)np * sizeof *o->secondary);
    o->start_min = hl_malloc((size_t)np * sizeof *o->start_min);
    o->a_start = hl_malloc((size_t)na * sizeof *o->a_start);
    const char *names[] = {"travel",    "finance", "Finnish", "minutes",
                           "pre-sales", "German",  "events",  "legal"};
    for (int s = 0; s < pp->skills; s++)
        plan_add_skill_name(inst, s + 1, names[s % 8]);
    int working = 0;
    for (int d = 0; d < days; d++)
        working += weekday(d);
    /* offices, each in a zone; assistants spread over them */
    int32_t **by_office = hl_calloc((size_t)pp->offices, sizeof *by_office);
    int *n_office = hl_calloc((size_t)pp->offices, sizeof *n_office);
    for (int a = 0; a < na; a++) {
        int off = a < pp->offices ? a : rint_in(&r, 0, pp->offices - 1);
        int tz = off % pp->tzs;
        int32_t ai = plan_add_assistant(
            inst, 1000 + a, rint_in(&r, pp->capacity_lo, pp->capacity_hi), off + 1, tz + 1);
        by_office[off] = hl_realloc(by_office[off], (size_t)(n_office[off] + 1) * sizeof(int32_t));
        by_office[off][n_office[off]++] = ai;
        for (int s = 0; s < pp->skills; s++)
            if (chance(&r, 500))
                plan_assistant_add_skill(inst, ai, s + 1, rint_in(&r, 1, 5));
        o->a_start[a] = (8 - tz) * 60;
        for (int d = 0; d < days; d++) {
            if (!weekday(d))
                continue;
            int64_t m0 = (int64_t)(DAY0 + d) * 1440 + o->a_start[a], f, t;
            plan_slots_within(m0, m0 + 9 * 60, pp->slot_minutes, &f, &t);
            plan_assistant_add_work(inst, ai, f, t);
        }
        /* absences: spells of working days until about the target share */
        int target = (int)((int64_t)working * pp->absent_permille / 1000);
        target = target > 0 ? rint_in(&r, target / 2, target + target / 2) : 0;
        int got = 0, guard = 0;
        while (got < target && guard++ < 1000) {
            int len = rint_in(&r, 1, pp->max_spell);
            if (len > target - got)
                len = target - got;
            int d = rint_in(&r, 0, days - 1);
            for (int k = 0; k < len && d < days; d++) {
                if (!weekday(d))
                    continue;
                if (!o->absent[(size_t)a * days + d]) {
                    o->absent[(size_t)a * days + d] = 1;
                    got++;
                    int64_t f, t;
                    plan_slots_touching((int64_t)(DAY0 + d) * 1440, (int64_t)(DAY0 + d + 1) * 1440,
                                        pp->slot_minutes, &f, &t);
                    plan_assistant_add_absence(inst, ai, f, t);
                }
                k++;
            }
        }
    }
    for (int p = 0; p < np; p++) {
        int off = rint_in(&r, 0, pp->offices - 1);
        while (n_office[off] == 0)
            off = (off + 1) % pp->offices;
        int tz = off % pp->tzs;
        int32_t pi = plan_add_principal(inst, 50000 + p, rint_in(&r, 1, 5), off + 1, tz + 1);
        o->primary[p] = by_office[off][rint_in(&r, 0, n_office[off] - 1)];
        o->secondary[p] = -1;
        if (n_office[off] > 1 && chance(&r, pp->secondary_permille)) {
            int32_t s;
            do
                s = by_office[off][rint_in(&r, 0, n_office[off] - 1)];
            while (s == o->primary[p]);
            o->secondary[p] = s;
        }
        if (chance(&r, 300))
            plan_principal_add_must(inst, pi, rint_in(&r, 1, pp->skills), rint_in(&r, 1, 3));
        int nn = rint_in(&r, 0, 2);
        for (int k = 0; k < nn; k++)
            plan_principal_add_nice(inst, pi, rint_in(&r, 1, pp->skills), rint_in(&r, 2, 5));
        int nb = rint_in(&r, 0, 3);
        for (int k = 0; k < nb; k++) {
            int32_t b = by_office[off][rint_in(&r, 0, n_office[off] - 1)];
            if (b != o->primary[p] && b != o->secondary[p])
                plan_principal_add_backup(inst, pi, b);
        }
        if (chance(&r, 20))
            plan_principal_add_conflict(inst, pi, rint_in(&r, 0, na - 1));
        o->start_min[p] = (8 - tz) * 60 + (pp->odd_hours && chance(&r, 200) ? 60 : 0);
        for (int d = 0; d < days; d++) {
            if (!weekday(d))
                continue;
            int64_t m0 = (int64_t)(DAY0 + d) * 1440 + o->start_min[p], f, t;
            plan_slots_within(m0, m0 + 9 * 60, pp->slot_minutes, &f, &t);
            int32_t who[2] = {o->primary[p], o->secondary[p]};
            for (int k = 0; k < 2; k++)
                if (who[k] >= 0)
                    plan_assistant_add_load(inst, who[k], f, t, 1);
            /* slot by slot: covered when one of theirs works it and is not away */
            int64_t a0f = 0, a0t = 0;
            for (int64_t s = f; s < t; s++) {
                bool covered = false;
                for (int k = 0; k < 2 && !covered; k++) {
                    int32_t x = who[k];
                    if (x < 0 || o->absent[(size_t)x * days + d])
                        continue;
                    int64_t am = (int64_t)(DAY0 + d) * 1440 + o->a_start[x];
                    plan_slots_within(am, am + 9 * 60, pp->slot_minutes, &a0f, &a0t);
                    covered = s >= a0f && s < a0t;
                }
                if (!covered)
                    plan_principal_add_gap(inst, pi, s);
            }
        }
    }
    size_t n_absent = 0;
    for (size_t i = 0; i < (size_t)na * (size_t)days; i++)
        n_absent += o->absent[i];
    o->absent_share = working ? (double)n_absent / ((double)na * working) : 0;
    for (int k = 0; k < pp->offices; k++)
        free(by_office[k]);
    free(by_office);
    free(n_office);
    char msg[200];
    if (plan_instance_finish(inst, msg, sizeof msg) != PLAN_OK) {
        fprintf(stderr, "bench_plan: bad instance: %s\n", msg);
        exit(1);
    }
}

static void org_free(struct org *o)
{
    plan_instance_cleanup(&o->inst);
    free(o->absent);
    free(o->primary);
    free(o->secondary);
    free(o->start_min);
    free(o->a_start);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double percentile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)ceil(q * (double)n);
    return v[i == 0 ? 0 : i - 1];
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* ---- quality ---- */

static void quality_params(int k, int days, struct org_params *pp)
{
    struct rng r = {(uint64_t)k * 31 + 5};
    memset(pp, 0, sizeof *pp);
    pp->seed = 7000 + (uint64_t)k;
    pp->assistants = rint_in(&r, 10, 16);
    pp->principals = rint_in(&r, 16, 28);
    pp->days = days;
    pp->offices = rint_in(&r, 1, 3);
    pp->tzs = rint_in(&r, 1, 2);
    pp->skills = 4;
    pp->absent_permille = rint_in(&r, 250, 350);
    pp->max_spell = 5;
    pp->slot_minutes = 60;
    pp->secondary_permille = 100;
    pp->capacity_lo = 2;
    pp->capacity_hi = 3;
    pp->odd_hours = false;
}

static int run_quality(int n, int days)
{
    struct plan_weights w;
    plan_weights_default(&w);
    struct plan_fast_opts fo;
    plan_fast_opts_default(&fo);
    struct plan_exact_opts eo;
    plan_exact_opts_default(&eo);
    eo.time_limit = 10;
    double *ratio = hl_malloc((size_t)n * sizeof *ratio);
    double *tf = hl_malloc((size_t)n * sizeof *tf), *te = hl_malloc((size_t)n * sizeof *te);
    int m = 0, not_proven = 0;
    printf("quality: %d seeded instances (%d days from a Monday, 60-minute slots), fast vs GLPK "
           "(limit %.0f s)\n",
           n, days, eo.time_limit);
    printf("  %-4s %4s %4s %5s %12s %12s %8s %9s %9s\n", "inst", "asst", "prin", "gaps", "fast",
           "exact", "ratio", "fast ms", "glpk ms");
    for (int k = 0; k < n; k++) {
        struct org_params pp;
        quality_params(k, days, &pp);
        struct org o;
        org_build(&pp, &o);
        struct plan fp, ep;
        if (plan_fast(&o.inst, &w, &fo, &fp) != PLAN_OK ||
            plan_exact(&o.inst, &w, &eo, &ep) != PLAN_OK) {
            fprintf(stderr, "bench_plan: an engine failed on instance %d\n", k);
            return 1;
        }
        struct plan_check c1, c2;
        size_t v1 = plan_validate(&o.inst, &w, &fp, true, &c1);
        size_t v2 = plan_validate(&o.inst, &w, &ep, true, &c2);
        plan_check_cleanup(&c1);
        plan_check_cleanup(&c2);
        bool proven = ep.stats.status == PLAN_STATUS_OPTIMAL;
        double rt = ep.terms.total > 0 ? fp.terms.total / ep.terms.total : 1;
        printf("  %-4d %4zu %4zu %5lld %12.2f %12.2f %8.4f %9.2f %9.1f%s%s\n", k,
               o.inst.n_assistants, o.inst.n_principals, (long long)ep.stats.n_gaps, fp.terms.total,
               ep.terms.total, rt, fp.stats.seconds * 1e3, ep.stats.seconds * 1e3,
               proven ? "" : "  (not proven optimal: excluded)", v1 || v2 ? "  INVALID PLAN" : "");
        if (v1 || v2)
            return 1;
        if (proven) {
            ratio[m] = rt;
            tf[m] = fp.stats.seconds;
            te[m] = ep.stats.seconds;
            m++;
        } else {
            not_proven++;
        }
        plan_cleanup(&fp);
        plan_cleanup(&ep);
        org_free(&o);
    }
    if (m == 0) {
        printf("quality: no instance proven optimal\n");
        return 1;
    }
    double mx = 0, sf = 0, se = 0;
    for (int i = 0; i < m; i++) {
        mx = fmax(mx, ratio[i]);
        sf += tf[i];
        se += te[i];
    }
    int at1 = 0;
    for (int i = 0; i < m; i++)
        at1 += ratio[i] < 1 + 1e-9;
    double med = percentile(ratio, (size_t)m, 0.5);
    double medf = percentile(tf, (size_t)m, 0.5), mede = percentile(te, (size_t)m, 0.5);
    printf("quality: %d proven optimal (%d not), fast optimal on %d; fast/exact ratio median "
           "%.4f (target <= 1.01), max %.4f (target <= 1.03)\n",
           m, not_proven, at1, med, mx);
    printf("quality: time per instance: fast median %.2f ms (total %.1f ms), GLPK median %.1f ms "
           "(total %.1f s)\n",
           medf * 1e3, sf * 1e3, mede * 1e3, se);
    printf("quality: peak RSS %.1f MiB\n", (double)peak_rss_kib() / 1024);
    free(ratio);
    free(tf);
    free(te);
    return 0;
}

/* ---- scale and incremental ---- */

static void scale_params(struct org_params *pp, bool quick)
{
    memset(pp, 0, sizeof *pp);
    pp->seed = 2026;
    pp->assistants = quick ? 300 : 3000;
    pp->principals = quick ? 500 : 5000;
    pp->days = 364; /* 52 weeks from a Monday */
    pp->offices = quick ? 6 : 40;
    pp->tzs = 3;
    pp->skills = 8;
    pp->absent_permille = 82;
    pp->max_spell = 10;
    pp->slot_minutes = 60;
    pp->secondary_permille = 150;
    pp->capacity_lo = 3;
    pp->capacity_hi = 4;
    pp->odd_hours = false;
}

static void print_plan(const char *what, const struct plan *p)
{
    const struct plan_terms *t = &p->terms;
    printf("%s: %zu covers, %zu open, %lld switches; objective %.0f = uncovered %.0f + nice %.0f "
           "+ designation %.0f + office %.0f + tz %.0f + switching %.0f + fairness %.0f\n",
           what, p->n_covers, p->n_open, (long long)t->n_switches, t->total, t->uncovered, t->nice,
           t->designation, t->office, t->tz, t->switching, t->fairness);
}

static int run_scale(bool quick)
{
    struct org_params pp;
    scale_params(&pp, quick);
    double t0 = now_seconds();
    struct org o;
    org_build(&pp, &o);
    double tb = now_seconds() - t0;
    size_t ng = plan_instance_gap_count(&o.inst);
    printf("scale: %zu assistants, %zu principals, %d days, %d-minute slots, %.1f %% of "
           "assistant working days absent, %zu gap slots (instance built in %.2f s, RSS %.0f "
           "MiB)\n",
           o.inst.n_assistants, o.inst.n_principals, pp.days, pp.slot_minutes, 100 * o.absent_share,
           ng, tb, (double)peak_rss_kib() / 1024);
    struct plan_weights w;
    plan_weights_default(&w);
    struct plan_fast_opts fo;
    plan_fast_opts_default(&fo);
    struct plan p;
    double c0 = cpu_seconds();
    if (plan_fast(&o.inst, &w, &fo, &p) != PLAN_OK) {
        fprintf(stderr, "bench_plan: the fast engine failed\n");
        return 1;
    }
    double cpu = cpu_seconds() - c0;
    printf("scale: full fast plan in %.3f s wall, %.3f s CPU (target <= 2 s on one core); %lld "
           "candidate pairs, %lld improving moves\n",
           p.stats.seconds, cpu, (long long)p.stats.n_vars, (long long)p.stats.n_moves);
    print_plan("scale", &p);
    double tv = now_seconds();
    struct plan_check c;
    size_t nv = plan_validate(&o.inst, &w, &p, true, &c);
    printf("scale: validator: %zu violations (%.2f s)\n", nv, now_seconds() - tv);
    plan_check_cleanup(&c);
    printf("scale: peak RSS %.1f MiB (target <= 512 MiB; instance, plan and validator included)\n",
           (double)peak_rss_kib() / 1024);
    plan_cleanup(&p);
    org_free(&o);
    return nv ? 1 : 0;
}

/* A new week-long absence of assistant x from day d0 (a Monday): the gaps it opens. */
static void add_week_absence(struct org *o, int32_t x, int d0)
{
    struct plan_instance *inst = &o->inst;
    int sm = inst->slot_minutes;
    for (int d = d0; d < d0 + 5; d++) {
        int64_t f, t;
        plan_slots_touching((int64_t)(DAY0 + d) * 1440, (int64_t)(DAY0 + d + 1) * 1440, sm, &f, &t);
        plan_assistant_add_absence(inst, x, f, t);
        o->absent[(size_t)x * o->days + d] = 1;
    }
    for (size_t p = 0; p < inst->n_principals; p++) {
        if (o->primary[p] != x && o->secondary[p] != x)
            continue;
        for (int d = d0; d < d0 + 5; d++) {
            int32_t other = o->primary[p] == x ? o->secondary[p] : o->primary[p];
            if (other >= 0 && !o->absent[(size_t)other * o->days + d])
                continue;
            int64_t m0 = (int64_t)(DAY0 + d) * 1440 + o->start_min[p], f, t;
            plan_slots_within(m0, m0 + 9 * 60, sm, &f, &t);
            plan_principal_add_gaps(inst, (int32_t)p, f, t);
        }
    }
    plan_instance_finish(inst, NULL, 0);
}

static int run_incremental(bool quick)
{
    struct org_params pp;
    scale_params(&pp, quick);
    struct org o;
    org_build(&pp, &o);
    struct plan_weights w;
    plan_weights_default(&w);
    struct plan_fast_opts fo;
    plan_fast_opts_default(&fo);
    /* the year's plan, whose covers outside a window count as prior load for fairness */
    struct plan year;
    if (plan_fast(&o.inst, &w, &fo, &year) != PLAN_OK)
        return 1;
    size_t na = o.inst.n_assistants;
    int64_t *count = hl_calloc(na, sizeof *count);
    for (size_t i = 0; i < year.n_covers; i++)
        count[year.covers[i].assistant]++;
    enum { RUNS = 21 };
    double times[RUNS], t_slice[RUNS], cpus[RUNS];
    struct rng r = {99};
    size_t gaps_sum = 0;
    int ok = 0;
    for (int k = 0; k < RUNS; k++) {
        int32_t x;
        /* someone with a principal */
        do
            x = o.primary[rint_in(&r, 0, (int)o.inst.n_principals - 1)];
        while (x < 0);
        int week = rint_in(&r, 1, pp.days / 7 - 2);
        int d0 = week * 7;
        add_week_absence(&o, x, d0);
        int64_t from, to, tmp;
        plan_slots_touching((int64_t)(DAY0 + d0) * 1440, (int64_t)(DAY0 + d0) * 1440,
                            pp.slot_minutes, &from, &tmp);
        plan_slots_touching((int64_t)(DAY0 + d0 + 5) * 1440, (int64_t)(DAY0 + d0 + 5) * 1440,
                            pp.slot_minutes, &to, &tmp);
        /* prior covers: the year plan's covers outside the window */
        for (size_t a = 0; a < na; a++)
            o.inst.assistants[a].prior_covers = (int32_t)count[a];
        for (size_t i = 0; i < year.n_covers; i++)
            if (year.covers[i].slot >= from && year.covers[i].slot < to)
                o.inst.assistants[year.covers[i].assistant].prior_covers--;
        double t0 = now_seconds(), c0 = cpu_seconds();
        struct plan_instance win;
        plan_instance_window(&o.inst, from, to, &win);
        double t1 = now_seconds();
        struct plan p;
        if (plan_fast(&win, &w, &fo, &p) != PLAN_OK)
            return 1;
        double t2 = now_seconds();
        cpus[k] = cpu_seconds() - c0;
        times[k] = t2 - t0;
        t_slice[k] = t1 - t0;
        gaps_sum += (size_t)p.stats.n_gaps;
        struct plan_check c;
        ok += plan_validate(&win, &w, &p, true, &c) == 0;
        plan_check_cleanup(&c);
        plan_cleanup(&p);
        plan_instance_cleanup(&win);
    }
    for (size_t a = 0; a < na; a++)
        o.inst.assistants[a].prior_covers = 0;
    double mean_slice = 0;
    for (int k = 0; k < RUNS; k++)
        mean_slice += t_slice[k] / RUNS;
    printf("incremental: %d week-long absences, each re-planning its whole week (%zu gap slots "
           "on average, all %zu assistants); %d/%d plans valid\n",
           RUNS, gaps_sum / RUNS, na, ok, RUNS);
    printf("incremental: window + plan p50 %.1f ms, p95 %.1f ms (target <= 100 ms), max %.1f ms "
           "wall; of which cutting the window %.1f ms on average\n",
           percentile(times, RUNS, 0.5) * 1e3, percentile(times, RUNS, 0.95) * 1e3,
           percentile(times, RUNS, 1.0) * 1e3, mean_slice * 1e3);
    printf("incremental: CPU time p50 %.1f ms, p95 %.1f ms\n", percentile(cpus, RUNS, 0.5) * 1e3,
           percentile(cpus, RUNS, 0.95) * 1e3);
    printf("incremental: peak RSS %.1f MiB\n", (double)peak_rss_kib() / 1024);
    free(count);
    plan_cleanup(&year);
    org_free(&o);
    return ok == RUNS ? 0 : 1;
}

/* ---- hard families ---- */

static int fam_seeds = 1;
static double fam_limit = 10;

struct fam_row {
    enum plan_family f;
    int32_t size;
};

static int run_families(int n, bool quick)
{
    (void)n;
    /* the target sizes (200–300 assistants, 10–30 pairs), then sizes CBC settles */
    static const struct fam_row rows[] = {
        {PLAN_FAM_OFFICE_AWAY, 10}, {PLAN_FAM_OFFICE_AWAY, 30},  {PLAN_FAM_TIGHT, 250},
        {PLAN_FAM_SCARCE, 250},     {PLAN_FAM_ZONES, 250},       {PLAN_FAM_MASS_ABSENCE, 250},
        {PLAN_FAM_MIDSIZE, 200},    {PLAN_FAM_MIDSIZE, 300},     {PLAN_FAM_QUARTER, 250},
        {PLAN_FAM_OFFICE_AWAY, 2},  {PLAN_FAM_TIGHT, 20},        {PLAN_FAM_SCARCE, 20},
        {PLAN_FAM_ZONES, 20},       {PLAN_FAM_MASS_ABSENCE, 20}, {PLAN_FAM_MIDSIZE, 20},
        {PLAN_FAM_QUARTER, 8},
    };
    struct plan_weights w;
    plan_weights_default(&w);
    struct plan_fast_opts fo;
    plan_fast_opts_default(&fo);
    struct plan_exact_opts eo;
    plan_exact_opts_default(&eo);
    eo.time_limit = quick ? fam_limit / 4 : fam_limit;
    /* CBC checks its limit between nodes only: on the 30,000–2,000,000-column models of the
     * target sizes its root node alone runs many minutes, so those get the solver-free bound */
    eo.max_vars = 10000;
    eo.warm_start = true;
    eo.solver = PLAN_SOLVER_CBC;
    printf("families: fast vs CBC (warm-started, limit %.0f s, at most %lld columns); "
           "best = the better plan, ratio = fast / best; bound = a "
           "lower bound (the better of CBC's and the slot bound)\n",
           eo.time_limit, (long long)eo.max_vars);
    printf("  %-12s %4s %4s %4s %6s %11s %5s %8s %11s %-9s %11s %8s %8s %7s %7s\n", "family",
           "size", "seed", "asst", "gaps", "fast", "open", "fast ms", "exact", "status", "bound",
           "bound ms", "exact s", "ratio", "/bound");
    double worst = 1, worst_bound = 1;
    const char *worst_name = "-";
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        for (int sd = 0; sd < fam_seeds; sd++) {
            struct plan_instance inst;
            plan_family_build(rows[i].f, rows[i].size, (uint64_t)sd + 1, &inst);
            struct plan fp, ep;
            double t0 = now_seconds();
            if (plan_fast(&inst, &w, &fo, &fp) != PLAN_OK) {
                fprintf(stderr, "bench_plan: fast engine failed on %s\n",
                        plan_family_name(rows[i].f));
                plan_instance_cleanup(&inst);
                return 1;
            }
            double tf = now_seconds() - t0;
            enum plan_rc rc = plan_exact(&inst, &w, &eo, &ep);
            double best = fp.terms.total, bound = -1;
            const char *st = "too big";
            /* the slot bound (one min-cost assignment per slot: capacity counts) for every
             * row, the solver's where it has a better one */
            t0 = now_seconds();
            bound = plan_slot_bound(&inst, &w);
            double tb = now_seconds() - t0;
            if (rc == PLAN_OK) {
                best = fmin(best, ep.terms.total);
                bound = fmax(bound, ep.stats.bound);
                st = ep.stats.status == PLAN_STATUS_OPTIMAL    ? "optimal"
                     : ep.stats.status == PLAN_STATUS_FEASIBLE ? "feasible"
                                                               : "timelimit";
            } else if (rc != PLAN_ETOOBIG) {
                st = "failed";
            }
            double ratio = best > 0 ? fp.terms.total / best : 1;
            double rb = bound > 0 ? fp.terms.total / bound : 0;
            if (ratio > worst) {
                worst = ratio;
                worst_name = plan_family_name(rows[i].f);
            }
            if (rb > worst_bound)
                worst_bound = rb;
            printf("  %-12s %4d %4d %4zu %6zu %11.0f %5zu %8.1f %11.0f %-9s %11.0f %8.1f %8.2f "
                   "%7.4f %7.4f\n",
                   plan_family_name(rows[i].f), rows[i].size, sd + 1, inst.n_assistants,
                   plan_instance_gap_count(&inst), fp.terms.total, fp.n_open, tf * 1000,
                   rc == PLAN_OK ? ep.terms.total : NAN, st, bound, tb * 1000,
                   rc == PLAN_OK ? ep.stats.seconds : NAN, ratio, rb);
            fflush(stdout);
            plan_cleanup(&fp);
            if (rc == PLAN_OK)
                plan_cleanup(&ep);
            plan_instance_cleanup(&inst);
        }
    }
    printf("  worst fast / best known: %.4f (%s); worst fast / lower bound: %.4f\n", worst,
           worst_name, worst_bound);
    return 0;
}

/* ---- main ---- */

static int in_child(int (*fn)(int, bool), int arg, bool quick)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return fn(arg, quick);
    if (pid == 0) {
        int rc = fn(arg, quick);
        fflush(stdout);
        _exit(rc);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status);
}

static int quality_days = 5;

static int quality_fn(int n, bool quick)
{
    (void)quick;
    return run_quality(n, quality_days);
}

static int scale_fn(int n, bool quick)
{
    (void)n;
    return run_scale(quick);
}

static int families_fn(int n, bool quick)
{
    return run_families(n, quick);
}

static int incremental_fn(int n, bool quick)
{
    (void)n;
    return run_incremental(quick);
}

int main(int argc, char **argv)
{
    const char *what = "all";
    int n = 50;
    bool quick = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--instances") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc)
            quality_days = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            fam_seeds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            fam_limit = atof(argv[++i]);
        else if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (argv[i][0] != '-')
            what = argv[i];
        else {
            fprintf(stderr, "usage: bench_plan [quality|scale|incremental|families|all] "
                            "[--instances N] [--days D] [--quick] [--seeds N] [--limit S]\n");
            return 2;
        }
    }
    int rc = 0;
    bool all = strcmp(what, "all") == 0;
    if (all || strcmp(what, "quality") == 0)
        rc |= in_child(quality_fn, n, quick);
    if (all || strcmp(what, "scale") == 0)
        rc |= in_child(scale_fn, n, quick);
    if (all || strcmp(what, "incremental") == 0)
        rc |= in_child(incremental_fn, n, quick);
    if (all || strcmp(what, "families") == 0)
        rc |= in_child(families_fn, n, quick);
    return rc;
}
