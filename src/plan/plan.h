/* plan.h: the coverage planner's model (DESIGN.md §4) and the API of its engines. */
#ifndef HL_PLAN_H
#define HL_PLAN_H

/*
 * Plain structs in, plain structs out: nothing here touches SQL, files (except the LP writer's
 * FILE*) or globals. The caller (svc_*) loads rows, converts instants to slots and fills a
 * struct plan_instance with the builder functions below, then calls plan_instance_finish()
 * once, which sorts and merges everything and checks it. Engines and the validator require a
 * finished instance and never change it.
 *
 * Time is a sequence of slots of slot_minutes. A slot is an absolute index: minutes since the
 * epoch divided by slot_minutes, so consecutive slots have consecutive indexes. Assistants and
 * principals are referred to by their index in the instance's arrays (0-based, int32_t); the
 * database ids ride along in the structs for the caller.
 *
 * The full model, the cost function and both algorithms are described in docs/planner.md.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- return codes (the svc layer maps them to enum hl_err: EINVAL, ETOOBIG → 422) ---- */

enum plan_rc {
    PLAN_OK = 0,
    PLAN_EINVAL, /* the instance or the weights are inconsistent (message in plan_instance_check) */
    PLAN_ETOOBIG, /* the instance is above the engine's size limit */
    PLAN_ESOLVER, /* GLPK failed (not a time limit: that returns a plan with its status) */
    PLAN_EIO,     /* writing the LP file failed */
};

const char *plan_strerror(enum plan_rc rc);

/* ---- the instance ---- */

/* Slots [from, to) (half-open). */
struct plan_range {
    int64_t from, to;
};

/* Existing load: `count` principals already supported in every slot of [from, to). */
struct plan_load {
    int64_t from, to;
    int32_t count;
};

struct plan_skill_level {
    int64_t skill; /* skill id */
    int32_t level; /* 1–5 */
};

struct plan_assistant {
    int64_t id;       /* database id (only carried) */
    int32_t capacity; /* max principals supported at once, ≥ 0 */
    int64_t office;   /* location id; 0 = unknown (never "same") */
    int64_t tz;       /* time zone id; 0 = unknown (never "same") */
    /* Covers this assistant already holds in the fairness period outside this instance (an
     * incremental re-plan passes the rest of the period here); counts toward their load. */
    int32_t prior_covers;
    struct plan_skill_level *skills; /* sorted by skill, unique (after finish) */
    size_t n_skills;
    /* Available slots: the union of work ranges minus the union of absence ranges, computed
     * by plan_instance_finish() from what the add_* functions collected. */
    struct plan_range *avail; /* sorted, disjoint, non-adjacent */
    size_t n_avail;
    struct plan_load *load; /* sorted, disjoint, counts > 0; overlapping inputs are summed */
    size_t n_load;
    struct plan_range *work; /* what was added, sorted and merged (reasons: off duty) */
    size_t n_work;
    struct plan_range *absent; /* likewise (reasons: absent) */
    size_t n_absent;
    /* builder state; do not use */
    size_t cap_work_, cap_absent_, cap_skills_, cap_load_;
};

struct plan_principal {
    int64_t id;
    int32_t priority; /* 1–5 */
    int64_t office;
    int64_t tz;
    struct plan_skill_level *must; /* must-have: every cover meets each level */
    size_t n_must;
    struct plan_skill_level *nice; /* nice-to-have: each missing level costs */
    size_t n_nice;
    int32_t *backups; /* designated backups, assistant indexes, rank order (#1 first) */
    size_t n_backups;
    int32_t *conflicts; /* assistants party to an open mediation case with this principal */
    size_t n_conflicts; /* (sorted, unique after finish) */
    int64_t *gaps;      /* gap slots: sorted, unique after finish */
    size_t n_gaps;
    /* After finish, per gap: the assistant index whose absence made it (recorded by
     * plan_principal_add_gaps_for), or -1. NULL when no gap of this principal has one. */
    int32_t *gap_absent;
    /* builder state; do not use */
    size_t cap_must_, cap_nice_, cap_backups_, cap_conflicts_, cap_gaps_;
    struct plan_load *for_absent_; /* [from, to) → count = the absent assistant */
    size_t n_for_absent_, cap_for_absent_;
};

struct plan_skill_name {
    int64_t skill;
    char *name; /* owned by the instance */
};

struct plan_instance {
    int32_t slot_minutes; /* 15–240; used for reasons and for plan_weights.link_minutes */
    struct plan_assistant *assistants;
    size_t n_assistants;
    struct plan_principal *principals;
    size_t n_principals;
    struct plan_skill_name *skill_names; /* optional, for readable reasons */
    size_t n_skill_names;
    /* Optional extra conflict rule ("party to an open mediation case"), asked once per
     * (principal, assistant) pair by each engine and the validator; NULL = no conflict beyond
     * the principals' conflict lists. Must be a pure function of its arguments. */
    bool (*conflict)(void *ctx, int32_t principal, int32_t assistant);
    void *conflict_ctx;
    /* Optional: an assistant's name for the reasons, from their database id (NULL or a NULL
     * answer: "assistant <id>"). */
    const char *(*name)(void *ctx, int64_t id);
    void *name_ctx;
    bool finished;
    size_t cap_assistants_, cap_principals_, cap_skill_names_;
};

/* Caller-owned instance: init, fill, finish, use, cleanup (cleanup frees every array). */
void plan_instance_init(struct plan_instance *inst, int32_t slot_minutes);
void plan_instance_cleanup(struct plan_instance *inst);

/* Builders. They append (hl_malloc aborts on OOM) and return the new index where one exists. */
int32_t plan_add_assistant(struct plan_instance *inst, int64_t id, int32_t capacity, int64_t office,
                           int64_t tz);
void plan_assistant_add_skill(struct plan_instance *inst, int32_t a, int64_t skill, int32_t level);
/* Slots [from, to) the assistant works (e.g. one row of work_pattern expanded for one day). */
void plan_assistant_add_work(struct plan_instance *inst, int32_t a, int64_t from, int64_t to);
/* Slots [from, to) the assistant is away (an approved absence, rounded outwards). */
void plan_assistant_add_absence(struct plan_instance *inst, int32_t a, int64_t from, int64_t to);
/* `count` principals already supported over [from, to) (one row per assignment × interval). */
void plan_assistant_add_load(struct plan_instance *inst, int32_t a, int64_t from, int64_t to,
                             int32_t count);

int32_t plan_add_principal(struct plan_instance *inst, int64_t id, int32_t priority, int64_t office,
                           int64_t tz);
void plan_principal_add_must(struct plan_instance *inst, int32_t p, int64_t skill, int32_t level);
void plan_principal_add_nice(struct plan_instance *inst, int32_t p, int64_t skill, int32_t level);
/* Appends the next designated backup (rank = number of backups added before + 1). */
void plan_principal_add_backup(struct plan_instance *inst, int32_t p, int32_t assistant);
void plan_principal_add_conflict(struct plan_instance *inst, int32_t p, int32_t assistant);
void plan_principal_add_gap(struct plan_instance *inst, int32_t p, int64_t slot);
/* Adds every slot of [from, to) as a gap. */
void plan_principal_add_gaps(struct plan_instance *inst, int32_t p, int64_t from, int64_t to);
/* Like plan_principal_add_gaps, and records that these gaps exist because assistant index
 * `absent` (the principal's own assistant) is away; -1 = no such assistant. Gaps of several
 * principals made by one absent assistant in one slot form a group: covering the group by one
 * substitute is preferred (plan_weights.one_substitute). */
void plan_principal_add_gaps_for(struct plan_instance *inst, int32_t p, int64_t from, int64_t to,
                                 int32_t absent);
void plan_add_skill_name(struct plan_instance *inst, int64_t skill, const char *name);

/* Slot conversions for the caller: the slots lying wholly inside [from_min, to_min) (for
 * working hours) and the slots touching it (for absences). Minutes are since the epoch. */
void plan_slots_within(int64_t from_min, int64_t to_min, int32_t slot_minutes, int64_t *from,
                       int64_t *to);
void plan_slots_touching(int64_t from_min, int64_t to_min, int32_t slot_minutes, int64_t *from,
                         int64_t *to);

/* Sorts, merges and derives availability; then checks the instance like plan_instance_check.
 * Returns PLAN_OK or PLAN_EINVAL with a message in msg (may be NULL). Idempotent. */
enum plan_rc plan_instance_finish(struct plan_instance *inst, char *msg, size_t msg_size);
/* Checks a finished instance (indexes in range, priority 1–5, capacities ≥ 0, …). */
enum plan_rc plan_instance_check(const struct plan_instance *inst, char *msg, size_t msg_size);

/* A finished copy of the part of src inside slots [from, to): gaps, ranges and loads clipped;
 * every assistant kept (same indexes), principals without gaps in the window kept too (so
 * indexes stay the same). For incremental re-planning of one absence's window. */
void plan_instance_window(const struct plan_instance *src, int64_t from, int64_t to,
                          struct plan_instance *dst);

/* Total number of gap slots. */
size_t plan_instance_gap_count(const struct plan_instance *inst);

/* ---- the cost function ---- */

#define PLAN_FAIR_MAX 4

/*
 * Weights of the objective (minimised). All costs are per gap slot except switching (per
 * switch) and fairness. Defaults (plan_weights_default) in brackets:
 *   uncovered        [1000] × priority, per open gap slot
 *   nice_level       [20]   per missing level of a nice-to-have skill
 *   not_designated   [30]   the backup is not on the principal's designated list
 *   rank_step        [5]    × (rank − 1) for designated backup #rank (#1 costs nothing)
 *   other_office     [10]   backup's office differs from the principal's (or is unknown)
 *   other_tz         [10]   backup's time zone differs (or is unknown)
 *   switch_backup    [50]   consecutive gap slots of one principal covered by two different
 *                           backups; "consecutive" = next gap slot of that principal no more
 *                           than link_minutes [5760 = 4 days, spans a weekend] later
 *   fairness: f(x) = Σ_k fair_slope[k] × max(0, x − fair_from[k]) for each assistant, where
 *             x = (prior_covers + cover slots in this plan) − the pool mean of that number,
 *             the pool being every assistant of the instance. Slopes ≥ 0 and thresholds
 *             ascending make f convex and piecewise linear, so the MIP expresses it exactly.
 *             [from 0, 9, 45 slots (a day, a week at 60 min); slopes 2, 5, 20]
 *   one_substitute   [40]   per gap slot, for each substitute beyond the first covering the
 *                           gaps that one absent assistant left in one slot (her executives,
 *                           plan_principal_add_gaps_for): one person standing in for her is
 *                           preferred. A week of 45 slots costs 1,800 per extra substitute,
 *                           above what fairness saves by splitting two executives (≈ 750).
 */
struct plan_weights {
    int64_t uncovered;
    int64_t nice_level;
    int64_t not_designated;
    int64_t rank_step;
    int64_t other_office;
    int64_t other_tz;
    int64_t switch_backup;
    int64_t link_minutes;
    int32_t n_fair;
    int64_t fair_from[PLAN_FAIR_MAX];
    int64_t fair_slope[PLAN_FAIR_MAX];
    int64_t one_substitute;
};

void plan_weights_default(struct plan_weights *w);
/* PLAN_OK, or PLAN_EINVAL when a weight is negative or thresholds are not ascending. */
enum plan_rc plan_weights_check(const struct plan_weights *w, char *msg, size_t msg_size);
/* Fairness cost f(x) of one assistant whose cover slots are x above the pool mean. */
double plan_fair_cost(const struct plan_weights *w, double x);

/* Cost terms a cover pays in its slot (switching is charged to the later slot of a pair). */
struct plan_cover_cost {
    int64_t nice;
    int64_t designation;
    int64_t office;
    int64_t tz;
    int64_t switching;
    int64_t substitute; /* one_substitute: this cover's substitute is another than the one
                           covering an earlier executive of the same absent assistant */
};

/* A lower bound on the objective of every plan, without a MIP solver: per slot, the min-cost
 * assignment of its gaps to qualified assistants with room (pair costs) or to "open"
 * (uncovered × priority); switching, fairness and one substitute are never negative, so no
 * plan costs less. Capacity counts, unlike "each gap at its cheapest". (plan_bound.c) */
double plan_slot_bound(const struct plan_instance *inst, const struct plan_weights *w);

/* Can assistant a ever cover principal p (every must-have level, no open-case conflict)? */
bool plan_qualified(const struct plan_instance *inst, int32_t p, int32_t a);
/* The slot-independent cost of a covering p (nice, designation, office, tz; switching 0). */
void plan_pair_cost(const struct plan_instance *inst, const struct plan_weights *w, int32_t p,
                    int32_t a, struct plan_cover_cost *out);
/* Is slot inside one of the sorted ranges / what is the load at slot (binary search)? */
bool plan_assistant_available(const struct plan_assistant *as, int64_t slot);
int32_t plan_assistant_load(const struct plan_assistant *as, int64_t slot);

/* ---- the plan ---- */

struct plan_cover {
    int32_t principal;
    int32_t assistant;
    int64_t slot;
    struct plan_cover_cost cost;
    const char *reason; /* e.g. "designated backup #1, same office; travel skill 3 of 4
                           (nice-to-have)"; points into the plan's text store, may be NULL */
};

enum plan_open_why {
    PLAN_OPEN_NO_SKILL,    /* nobody has every must-have skill level */
    PLAN_OPEN_CONFLICT,    /* the only qualified assistants are party to an open case */
    PLAN_OPEN_UNAVAILABLE, /* every qualified assistant is off duty or absent in that slot */
    PLAN_OPEN_FULL,        /* the qualified assistants on duty are at capacity */
    PLAN_OPEN_COST,        /* someone could cover, but leaving it open is cheaper (weights) */
};

struct plan_open_gap {
    int32_t principal;
    int64_t slot;
    enum plan_open_why why;
    int32_t n_qualified; /* assistants with every must-have skill and no conflict */
    int32_t n_on_duty;   /* of those, available in that slot */
    const char *reason;  /* e.g. "the only 3 assistants with must-have Finnish 4 are absent" */
};

/* Objective by term; total = the sum. Counts alongside. */
struct plan_terms {
    double uncovered, nice, designation, office, tz, switching, fairness, substitute, total;
    int64_t n_covered, n_open, n_switches;
};

enum plan_status {
    PLAN_STATUS_HEURISTIC = 0, /* fast engine: no optimality claim */
    PLAN_STATUS_OPTIMAL,       /* exact engine: proven optimal */
    PLAN_STATUS_FEASIBLE,      /* exact engine: branch-and-cut stopped by the time limit; the
                                  best plan found, stats.bound and stats.mip_gap say how far */
    PLAN_STATUS_TIME_LIMIT,    /* exact engine: the time ran out before branch-and-cut started
                                  (the LP relaxation outlasted it); the plan is the warm start
                                  (the fast plan), the bound the solver-free one */
};

struct plan_stats {
    enum plan_status status;
    double seconds;  /* wall time of the engine */
    double mip_gap;  /* exact: relative gap |best − bound| / |best| reached (0 if optimal) */
    double bound;    /* exact: best lower bound on the objective */
    int64_t n_vars;  /* exact: MIP columns; fast: candidate pairs considered */
    int64_t n_rows;  /* exact: MIP rows */
    int64_t n_moves; /* fast: improving local moves applied */
    int64_t n_work;  /* fast: effort spent (DP cells and scanned slots) */
    int64_t n_gaps;
    int64_t n_parts; /* exact: parts solved apart (1: the instance as one model) */
};

struct plan_text_block;

struct plan {
    struct plan_cover *covers; /* sorted by (principal, slot) */
    size_t n_covers;
    struct plan_open_gap *open; /* sorted by (principal, slot) */
    size_t n_open;
    struct plan_terms terms;
    struct plan_stats stats;
    struct plan_text_block *text_; /* owns the reason strings */
    size_t cap_covers_, cap_open_;
};

void plan_init(struct plan *plan);
void plan_cleanup(struct plan *plan);
/* Appends a cover (reason NULL, cost zero); for callers building a plan by hand. */
void plan_add_cover(struct plan *plan, int32_t principal, int64_t slot, int32_t assistant);
void plan_add_open(struct plan *plan, int32_t principal, int64_t slot);
/* Copies s into the plan's text store; the result lives as long as the plan. */
const char *plan_strdup(struct plan *plan, const char *s);

/*
 * Fills a plan from an assignment: asg[g] is the assistant covering gap g (gaps numbered
 * principal by principal, slot by slot, as in the instance) or -1. Computes each cover's cost,
 * the terms, the open gaps with their diagnosis and, when with_reasons, every reason text.
 * Used by both engines; the validator has its own code.
 */
void plan_from_assignment(const struct plan_instance *inst, const struct plan_weights *w,
                          const int32_t *asg, bool with_reasons, struct plan *out);

/* ---- the engines ---- */

struct plan_fast_opts {
    int32_t max_candidates; /* per principal, best by pair cost [32]; more → slower, better */
    int32_t max_passes;     /* local-improvement passes [20] */
    /* ruin-and-recreate rounds after the local search; -1 = by size: up to 64 on small
     * instances, none on large ones [-1] */
    int32_t ils_rounds;
    /* exchanges (cycles of backups) are searched in time segments with at most this many
     * gap slots [64] */
    int32_t max_exchange;
    /* transfers of a run to a full backup, ejecting one of its covers, tried per run [3] */
    int32_t max_ejections;
    /* local-search effort (DP cells and scanned slots) allowed per gap slot, at least 2e6 in
     * all; checked between passes, so large instances stop after a pass or two [50] */
    int32_t work_per_gap;
    bool with_reasons; /* fill reason texts [true] */
};

void plan_fast_opts_default(struct plan_fast_opts *o);

/* The fast engine (plan_fast.c): deterministic; out is initialised by the call and owned by
 * the caller (plan_cleanup). PLAN_EINVAL for an unfinished or inconsistent instance,
 * PLAN_ETOOBIG above PLAN_FAST_MAX_CELLS assistant × distinct-gap-slot cells (it keeps two
 * bytes per cell: 3,000 assistants × a year of hourly slots is 26 M cells, 52 MB). */
#define PLAN_FAST_MAX_CELLS ((int64_t)1 << 28)
enum plan_rc plan_fast(const struct plan_instance *inst, const struct plan_weights *w,
                       const struct plan_fast_opts *opts, struct plan *out);

/* The MIP solver behind the exact engine. */
enum plan_solver {
    PLAN_SOLVER_GLPK = 0, /* GLPK (libglpk) [default] */
    PLAN_SOLVER_CBC,      /* COIN-OR CBC (libcbc): proves months several times faster */
};

/* "glpk", "cbc"; and back (false for an unknown name). */
const char *plan_solver_name(enum plan_solver s);
bool plan_solver_parse(const char *name, enum plan_solver *out);

struct plan_exact_opts {
    double time_limit;       /* seconds for the solver [10] */
    enum plan_solver solver; /* [PLAN_SOLVER_GLPK] */
    int64_t max_vars;        /* refuse (PLAN_ETOOBIG) models with more columns [50000] */
    /* Start GLPK from a fast plan (an incumbent from the first node) [false]. */
    bool warm_start;
    bool with_reasons; /* [true] */
    /* Solve parts that share no candidate assistant apart (docs/planner.md §5) [true];
     * max_vars then applies to each part. */
    bool decompose;
};

void plan_exact_opts_default(struct plan_exact_opts *o);

/* The exact engine (plan_exact.c): the MIP of docs/planner.md solved by GLPK with a time
 * limit. Running out of time is not an error: stats.status says OPTIMAL, FEASIBLE (stopped
 * with a gap) or TIME_LIMIT (no solver progress; the fast plan is returned), with stats.bound
 * and stats.mip_gap. PLAN_ESOLVER only when GLPK itself fails. */
enum plan_rc plan_exact(const struct plan_instance *inst, const struct plan_weights *w,
                        const struct plan_exact_opts *opts, struct plan *out);

/* ---- the LP export (plan_lp.c) ---- */

/* Writes the exact engine's MIP in CPLEX LP format (glpsol --lp, cbc read it). max_vars as in
 * plan_exact_opts (0 = no limit). */
enum plan_rc plan_lp_write(const struct plan_instance *inst, const struct plan_weights *w,
                           int64_t max_vars, FILE *out);
/* The same into a malloc'd NUL-terminated string (*text; the caller frees it). */
enum plan_rc plan_lp_format(const struct plan_instance *inst, const struct plan_weights *w,
                            int64_t max_vars, char **text, size_t *len);

/* ---- the independent validator (plan_validate.c) ---- */

enum plan_violation_kind {
    PLAN_V_BAD_INDEX,        /* principal or assistant index out of range */
    PLAN_V_NOT_A_GAP,        /* the slot is not one of the principal's gap slots */
    PLAN_V_DOUBLE_COVER,     /* two covers for one gap slot */
    PLAN_V_UNAVAILABLE,      /* the backup does not work that slot or is absent */
    PLAN_V_OVER_CAPACITY,    /* existing load + covers in that slot > capacity */
    PLAN_V_MISSING_SKILL,    /* a must-have skill level is not met */
    PLAN_V_CONFLICT,         /* party to an open case with the principal */
    PLAN_V_UNACCOUNTED,      /* a gap slot neither covered nor listed open */
    PLAN_V_OPEN_AND_COVERED, /* listed open but covered, or listed open twice */
    PLAN_V_OBJECTIVE,        /* the plan's terms differ from the recomputed ones */
};

struct plan_violation {
    enum plan_violation_kind kind;
    int32_t principal; /* -1 when not applicable */
    int32_t assistant;
    int64_t slot;
    char message[160];
};

struct plan_check {
    struct plan_violation *v;
    size_t n;
    struct plan_terms terms; /* the objective recomputed from the instance alone */
    size_t cap_;
};

void plan_check_init(struct plan_check *c);
void plan_check_cleanup(struct plan_check *c);
const char *plan_violation_name(enum plan_violation_kind k);

/* Checks every hard rule of plan against a finished instance and recomputes its objective
 * from scratch into c->terms; the plan's own terms are compared when check_terms. Returns the
 * number of violations (c->n); c is initialised by the call. */
size_t plan_validate(const struct plan_instance *inst, const struct plan_weights *w,
                     const struct plan *plan, bool check_terms, struct plan_check *c);

#endif
