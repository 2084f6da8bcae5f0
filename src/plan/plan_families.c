/* plan_families.c: seeded hard instance families (plan_families.h), shared by the unit test and
 * the benchmark. Each is a plausible organisation built the way svc_coverage builds one: working
 * hours per local day converted to UTC slots, absences in whole working days, principals' load
 * on their own assistants, gaps where none of a principal's assistants is there. */
#include "plan_families.h"
#include "mem.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char *const names[PLAN_FAM_COUNT] = {
    "office-away", "tight", "scarce", "zones", "mass-absence", "midsize", "quarter",
};

const char *plan_family_name(enum plan_family f)
{
    return f >= 0 && f < PLAN_FAM_COUNT ? names[f] : NULL;
}

#define SLOT    60
#define DAY_OCT 20745 /* Monday 2026-10-19: Europe leaves DST on day 6, the US on day 13 */
#define DAY_DEC 20808 /* Monday 2026-12-21: Christmas week */

/* A zone: offset east of UTC in minutes, and from day `dst_day` on (−1: never) `dst_shift`
 * minutes more (−60 when summer time ends). */
struct zone {
    int offset, dst_day, dst_shift;
};

struct params {
    int assistants;
    int principals_pct; /* principals per 100 assistants */
    int day0, days;
    int offices;
    const struct zone *zones; /* one per office (cycled) */
    int n_zones;
    int skills, rare_skills; /* the last rare_skills of them are held by rare_permille */
    int rare_permille;
    int must_permille, must_rare_permille; /* principals with a must-have; of those, rare */
    int absent_permille, max_spell;
    int half_away;          /* ‰ of assistants away the whole window */
    int spare_lo, spare_hi; /* capacity = own principals + spare */
    int secondary_permille;
};

static int zone_offset(const struct zone *z, int d)
{
    return z->offset + (z->dst_day >= 0 && d >= z->dst_day ? z->dst_shift : 0);
}

static bool weekday(int day0, int d)
{
    /* 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 == 0 */
    int wd = (int)(((int64_t)day0 + d + 3) % 7);
    return wd < 5;
}

/* Working slots [*f, *t) of local 8:00–17:00 on day d in zone z (plus `later` minutes). */
static void day_slots(const struct params *pp, const struct zone *z, int d, int later, int64_t *f,
                      int64_t *t)
{
    int64_t m0 = ((int64_t)pp->day0 + d) * 1440 + 8 * 60 + later - zone_offset(z, d);
    plan_slots_within(m0, m0 + 9 * 60, SLOT, f, t);
}

static void build_generic(const struct params *pp, uint64_t seed, struct plan_instance *inst)
{
    struct rng r = {seed * 1000003 + 11};
    plan_instance_init(inst, SLOT);
    int na = pp->assistants, np = pp->assistants * pp->principals_pct / 100, days = pp->days;
    const char *sk[] = {"travel", "finance", "minutes", "events",
                        "German", "legal",   "Finnish", "Japanese"};
    for (int s = 0; s < pp->skills; s++)
        plan_add_skill_name(inst, s + 1, sk[s % 8]);
    uint8_t *absent = hl_calloc((size_t)na * (size_t)days + 1, 1);
    int *office = hl_malloc((size_t)na * sizeof *office);
    int *own = hl_calloc((size_t)na, sizeof *own);
    int32_t **by_office = hl_calloc((size_t)pp->offices, sizeof *by_office);
    int *n_office = hl_calloc((size_t)pp->offices, sizeof *n_office);
    int working = 0;
    for (int d = 0; d < days; d++)
        working += weekday(pp->day0, d);
    for (int a = 0; a < na; a++) {
        int off = a < pp->offices ? a : rint_in(&r, 0, pp->offices - 1);
        office[a] = off;
        const struct zone *z = &pp->zones[off % pp->n_zones];
        int32_t ai = plan_add_assistant(inst, 1000 + a, 0, off + 1, off % pp->n_zones + 1);
        by_office[off] = hl_realloc(by_office[off], (size_t)(n_office[off] + 1) * sizeof(int32_t));
        by_office[off][n_office[off]++] = ai;
        int common = pp->skills - pp->rare_skills;
        for (int s = 0; s < pp->skills; s++)
            if (chance(&r, s < common ? 500 : pp->rare_permille))
                plan_assistant_add_skill(inst, ai, s + 1, rint_in(&r, s < common ? 1 : 2, 5));
        for (int d = 0; d < days; d++) {
            if (!weekday(pp->day0, d))
                continue;
            int64_t f, t;
            day_slots(pp, z, d, 0, &f, &t);
            plan_assistant_add_work(inst, ai, f, t);
        }
        int target = (int)((int64_t)working * pp->absent_permille / 1000);
        target = target > 0 ? rint_in(&r, target / 2, target + target / 2) : 0;
        if (chance(&r, pp->half_away))
            target = working;
        int got = 0, guard = 0;
        while (got < target && guard++ < 1000) {
            int len = rint_in(&r, 1, pp->max_spell);
            int d = target == working ? 0 : rint_in(&r, 0, days - 1);
            for (int k = 0; k < len && d < days && got < target; d++) {
                if (!weekday(pp->day0, d))
                    continue;
                if (!absent[(size_t)a * days + d]) {
                    absent[(size_t)a * days + d] = 1;
                    got++;
                    int64_t f, t;
                    plan_slots_touching(((int64_t)pp->day0 + d) * 1440 - zone_offset(z, d),
                                        ((int64_t)pp->day0 + d + 1) * 1440 - zone_offset(z, d),
                                        SLOT, &f, &t);
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
        const struct zone *z = &pp->zones[off % pp->n_zones];
        int32_t pi =
            plan_add_principal(inst, 50000 + p, rint_in(&r, 1, 5), off + 1, off % pp->n_zones + 1);
        int32_t who[2] = {by_office[off][rint_in(&r, 0, n_office[off] - 1)], -1};
        if (n_office[off] > 1 && chance(&r, pp->secondary_permille)) {
            do
                who[1] = by_office[off][rint_in(&r, 0, n_office[off] - 1)];
            while (who[1] == who[0]);
        }
        if (chance(&r, pp->must_permille)) {
            int common = pp->skills - pp->rare_skills;
            bool rare = pp->rare_skills > 0 && chance(&r, pp->must_rare_permille);
            int s = rare ? rint_in(&r, common + 1, pp->skills) : rint_in(&r, 1, common);
            plan_principal_add_must(inst, pi, s, rint_in(&r, 1, 3));
        }
        int nn = rint_in(&r, 0, 2);
        for (int k = 0; k < nn; k++)
            plan_principal_add_nice(inst, pi, rint_in(&r, 1, pp->skills), rint_in(&r, 2, 5));
        int nb = rint_in(&r, 0, 3);
        for (int k = 0; k < nb; k++) {
            int32_t b = by_office[off][rint_in(&r, 0, n_office[off] - 1)];
            if (b != who[0] && b != who[1])
                plan_principal_add_backup(inst, pi, b);
        }
        if (chance(&r, 20))
            plan_principal_add_conflict(inst, pi, rint_in(&r, 0, na - 1));
        int later = chance(&r, 150) ? 60 : 0;
        for (int k = 0; k < 2; k++)
            if (who[k] >= 0)
                own[who[k]]++;
        for (int d = 0; d < days; d++) {
            if (!weekday(pp->day0, d))
                continue;
            int64_t f, t;
            day_slots(pp, z, d, later, &f, &t);
            for (int k = 0; k < 2; k++)
                if (who[k] >= 0)
                    plan_assistant_add_load(inst, who[k], f, t, 1);
            for (int64_t s = f; s < t; s++) {
                bool covered = false;
                for (int k = 0; k < 2 && !covered; k++) {
                    int32_t x = who[k];
                    if (x < 0 || absent[(size_t)x * days + d])
                        continue;
                    int64_t af, at;
                    day_slots(pp, &pp->zones[office[x] % pp->n_zones], d, 0, &af, &at);
                    covered = s >= af && s < at;
                }
                if (!covered)
                    plan_principal_add_gap(inst, pi, s);
            }
        }
    }
    for (int a = 0; a < na; a++)
        inst->assistants[a].capacity = own[a] + rint_in(&r, pp->spare_lo, pp->spare_hi);
    for (int k = 0; k < pp->offices; k++)
        free(by_office[k]);
    free(by_office);
    free(n_office);
    free(absent);
    free(office);
    free(own);
}

/*
 * An office mostly away over Christmas week (the case of issue 15): in office 1 the few who stay
 * each hold one scarce must-have skill at capacity 1 and are designated backup #1 of a senior
 * executive who needs no special skill, whose colleague needs that skill; three times as many
 * office-1 assistants are away all week (cheap-looking candidates: same office); office 2 (another
 * zone) has assistants with one slot of room each. The optimum covers the seniors from office 2.
 */
static void build_office_away(int32_t pairs, uint64_t seed, struct plan_instance *inst)
{
    struct rng r = {seed * 7777777 + 3};
    plan_instance_init(inst, SLOT);
    static const struct zone z1 = {60, -1, 0}, z2 = {60, -1, 0}; /* two zones, one offset */
    struct params pp = {.day0 = DAY_DEC, .days = 5};
    int k = pairs;
    plan_add_skill_name(inst, 1, "travel");
    plan_add_skill_name(inst, 2, "minutes");
    for (int i = 0; i < k; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, "scarce-%d", i + 1);
        plan_add_skill_name(inst, 100 + i, nm);
    }
    int n_away = 3 * k, n_free = 2 * k + 2;
    int32_t *stay = hl_malloc((size_t)k * sizeof *stay);
    int32_t *away = hl_malloc((size_t)n_away * sizeof *away);
    int32_t *fr = hl_malloc((size_t)n_free * sizeof *fr);
    int64_t f, t;
    for (int i = 0; i < k; i++) {
        stay[i] = plan_add_assistant(inst, 1000 + i, 1, 1, 1);
        plan_assistant_add_skill(inst, stay[i], 100 + i, 3);
        plan_assistant_add_skill(inst, stay[i], 1, rint_in(&r, 1, 5));
        for (int d = 0; d < 5; d++) {
            day_slots(&pp, &z1, d, 0, &f, &t);
            plan_assistant_add_work(inst, stay[i], f, t);
        }
    }
    for (int i = 0; i < n_away; i++) {
        away[i] = plan_add_assistant(inst, 2000 + i, 2, 1, 1);
        plan_assistant_add_skill(inst, away[i], 1, rint_in(&r, 1, 5));
        plan_assistant_add_skill(inst, away[i], 2, rint_in(&r, 1, 5));
        for (int d = 0; d < 5; d++) {
            day_slots(&pp, &z1, d, 0, &f, &t);
            plan_assistant_add_work(inst, away[i], f, t);
        }
        plan_slots_touching((int64_t)DAY_DEC * 1440 - 60, (int64_t)(DAY_DEC + 5) * 1440 - 60, SLOT,
                            &f, &t);
        plan_assistant_add_absence(inst, away[i], f, t);
    }
    for (int i = 0; i < n_free; i++) {
        fr[i] = plan_add_assistant(inst, 3000 + i, 2, 2, 2);
        plan_assistant_add_skill(inst, fr[i], 1, rint_in(&r, 1, 5));
        plan_assistant_add_skill(inst, fr[i], 2, rint_in(&r, 1, 5));
        for (int d = 0; d < 5; d++) {
            day_slots(&pp, &z2, d, 0, &f, &t);
            plan_assistant_add_work(inst, fr[i], f, t);
            plan_assistant_add_load(inst, fr[i], f, t, 1); /* their own principal, present */
        }
        /* now and then a day away: office 2 has gaps of its own */
        if (chance(&r, 250)) {
            int d = rint_in(&r, 0, 4);
            plan_slots_touching(((int64_t)DAY_DEC + d) * 1440, ((int64_t)DAY_DEC + d + 1) * 1440,
                                SLOT, &f, &t);
            plan_assistant_add_absence(inst, fr[i], f, t);
            int32_t pi = plan_add_principal(inst, 60000 + i, rint_in(&r, 1, 4), 2, 2);
            day_slots(&pp, &z2, d, 0, &f, &t);
            plan_principal_add_gaps(inst, pi, f, t);
        }
    }
    /* office 1: the pairs, then the other principals of the absent assistants */
    for (int i = 0; i < k; i++) {
        int32_t senior = plan_add_principal(inst, 50000 + 2 * i, 5, 1, 1);
        int32_t coll = plan_add_principal(inst, 50001 + 2 * i, 3, 1, 1);
        plan_principal_add_backup(inst, senior, stay[i]);
        plan_principal_add_backup(inst, senior, away[rint_in(&r, 0, n_away - 1)]);
        plan_principal_add_must(inst, coll, 100 + i, 2);
        plan_principal_add_nice(inst, coll, 2, rint_in(&r, 2, 4));
        plan_principal_add_backup(inst, coll, stay[i]);
        if (chance(&r, 500))
            plan_principal_add_nice(inst, senior, 1, rint_in(&r, 2, 4));
        for (int d = 0; d < 5; d++) {
            day_slots(&pp, &z1, d, 0, &f, &t);
            plan_principal_add_gaps(inst, senior, f, t);
            plan_principal_add_gaps(inst, coll, f, t);
        }
    }
    for (int i = 0; i < k; i++) {
        int32_t pi = plan_add_principal(inst, 70000 + i, rint_in(&r, 1, 4), 1, 1);
        if (chance(&r, 300))
            plan_principal_add_must(inst, pi, 1, rint_in(&r, 1, 3));
        plan_principal_add_backup(inst, pi, away[rint_in(&r, 0, n_away - 1)]);
        for (int d = 0; d < 5; d++) {
            day_slots(&pp, &z1, d, 0, &f, &t);
            plan_principal_add_gaps(inst, pi, f, t);
        }
    }
    free(stay);
    free(away);
    free(fr);
}

void plan_family_build(enum plan_family f, int32_t size, uint64_t seed, struct plan_instance *inst)
{
    /* Europe/Berlin-like (+60, summer +120 until day 6), London-like, New York-like (−240,
     * −300 from day 13), Chicago-like, Helsinki-like, Tokyo, Singapore, Sydney-like (+660) */
    static const struct zone world[] = {
        {120, 6, -60}, {60, 6, -60}, {-240, 13, -60}, {-300, 13, -60},
        {180, 6, -60}, {540, -1, 0}, {480, -1, 0},    {660, -1, 0},
    };
    static const struct zone two[] = {{60, -1, 0}, {0, -1, 0}};
    struct params pp = {
        .assistants = size < 4 ? 4 : size,
        .principals_pct = 150,
        .day0 = DAY_OCT - 28, /* a week without DST changes */
        .days = 5,
        .offices = 3,
        .zones = two,
        .n_zones = 2,
        .skills = 6,
        .rare_skills = 0,
        .must_permille = 300,
        .absent_permille = 200,
        .max_spell = 5,
        .spare_lo = 1,
        .spare_hi = 2,
        .secondary_permille = 150,
    };
    switch (f) {
    case PLAN_FAM_OFFICE_AWAY:
        build_office_away(size < 1 ? 1 : size, seed, inst);
        goto finish;
    case PLAN_FAM_TIGHT:
        pp.principals_pct = 120;
        pp.spare_lo = 0;
        pp.spare_hi = 1;
        pp.absent_permille = 250;
        break;
    case PLAN_FAM_SCARCE:
        pp.skills = 8;
        pp.rare_skills = 3;
        pp.rare_permille = 40;
        pp.must_permille = 600;
        pp.must_rare_permille = 500;
        break;
    case PLAN_FAM_ZONES:
        pp.day0 = DAY_OCT;
        pp.days = 14;
        pp.offices = 8;
        pp.zones = world;
        pp.n_zones = 8;
        pp.principals_pct = 120;
        pp.absent_permille = 120;
        break;
    case PLAN_FAM_MASS_ABSENCE:
        pp.half_away = 500;
        pp.absent_permille = 50;
        pp.principals_pct = 110;
        break;
    case PLAN_FAM_MIDSIZE:
        break;
    case PLAN_FAM_QUARTER:
        pp.days = 91;
        pp.principals_pct = 130;
        pp.absent_permille = 80;
        pp.max_spell = 10;
        break;
    default:
        break;
    }
    build_generic(&pp, seed, inst);
finish:;
    char msg[200];
    if (plan_instance_finish(inst, msg, sizeof msg) != PLAN_OK) {
        /* cannot happen for these generators; keep the instance empty rather than half-made */
        plan_instance_cleanup(inst);
        plan_instance_init(inst, SLOT);
        plan_instance_finish(inst, NULL, 0);
    }
}
