/* plan_mip.h: the coverage MIP as plain arrays, built once for the exact engine (GLPK) and the
 * LP writer so both see exactly the same model. Internal to plan_*.c. */
#ifndef HL_PLAN_MIP_H
#define HL_PLAN_MIP_H

#include "plan.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum plan_mip_col_type {
    MIP_X, /* x[g,a] binary: assistant a covers gap g */
    MIP_U, /* u[g] in [0,1]: gap g stays open */
    MIP_S, /* s[g] in [0,1]: a switch between gap g-1 and gap g */
    MIP_E, /* e[a,k] >= 0: a's cover slots above the mean beyond fairness threshold k */
    MIP_T, /* T >= 0: total cover slots */
    MIP_Y, /* y[k,a] in [0,1]: a covers a gap of group k (one_substitute) */
    MIP_Z, /* z[k] >= 0: substitutes of group k beyond the first */
    MIP_W, /* w[k,a] in [0,1]: a covers both gaps of one pair of group k (g = the group) */
    MIP_L, /* l[a] integer: a's cover slots in the model (its load) */
};

struct plan_mip_col {
    enum plan_mip_col_type type;
    int32_t g; /* gap (X, U, S); group (Y, Z) */
    int32_t a; /* assistant (X, E) */
    int32_t k; /* fairness piece (E) */
    double lb, ub, cost;
    bool binary;
    bool integer; /* a general integer (not binary) */
};

enum plan_mip_row_type {
    MIP_ROW_COVER,  /* Σ_a x[g,a] + u[g] = 1 */
    MIP_ROW_CAP,    /* Σ_g x[g,a] over gaps in one slot <= capacity − load */
    MIP_ROW_SWITCH, /* s[g] − x[g-1,a] + x[g,a] + u[g] >= 0 */
    MIP_ROW_FAIR,   /* P·e[a,k] − P·Σ_g x[g,a] + T >= P·prior_a − Σ prior − P·from_k */
    MIP_ROW_TOTAL,  /* T − Σ x = 0 */
    MIP_ROW_GRP_Y,  /* y[k,a] − x[g,a] >= 0 for each gap g of group k */
    MIP_ROW_GRP_Z,  /* z[k] − Σ_a y[k,a] >= −1 */
    MIP_ROW_GRP_W,  /* w[k,a] − x[g,a] <= 0 for both gaps g of a pair of group k */
    MIP_ROW_GRP_P,  /* z[k] + Σ_g u[g] + Σ w[k,·] >= n − 1 (n gaps in group k) */
    MIP_ROW_LOAD,   /* l[a] − Σ_g x[g,a] = 0 */
};

struct plan_mip_row {
    enum plan_mip_row_type type;
    char sense; /* 'E', 'L', 'G' */
    double rhs;
    size_t start, len; /* into idx/val */
    int32_t g, a;      /* GRP_Y: gap and assistant; GRP_Z: g = the group */
    int64_t slot;      /* CAP */
    int32_t k;         /* FAIR */
};

struct plan_mip {
    struct plan_mip_col *cols;
    size_t n_cols;
    struct plan_mip_row *rows;
    size_t n_rows;
    int32_t *idx; /* column indexes, 0-based */
    double *val;
    size_t nnz;
    /* gaps in instance order */
    size_t n_gaps;
    int32_t *gap_principal;
    int64_t *gap_slot;
    size_t *gap_x;     /* first X column of gap g; its X columns run to the U column */
    size_t *gap_u;     /* U column of gap g */
    size_t *gap_index; /* gap g's number in the whole instance (differs in a part) */
    size_t pool;       /* P of the fairness rows (the number of assistants) */
    size_t cap_cols_, cap_rows_, cap_nz_;
};

/* Builds the MIP of a finished instance. PLAN_ETOOBIG when it would have more than max_vars
 * columns (0 = no limit); PLAN_EINVAL for a bad instance or weights. m is initialised by the
 * call; plan_mip_cleanup frees it in every case. */
enum plan_rc plan_mip_build(const struct plan_instance *inst, const struct plan_weights *w,
                            int64_t max_vars, struct plan_mip *m);
void plan_mip_cleanup(struct plan_mip *m);

/* One part of an instance for plan_mip_build_part: the principals p with part_of[p] == part,
 * and the fairness term with the pool's total of cover slots fixed at `total` (so the mean is
 * a constant and parts that share no candidate assistant are independent). Fairness rows are
 * made only for assistants with a column in the part; the others' fairness is a constant the
 * caller adds. With total at least the real total of every plan, the part's optimum summed
 * with the constants is a lower bound of the whole (fairness only falls as the mean rises),
 * met exactly by a plan that covers `total` gaps. */
struct plan_mip_part {
    const int32_t *part_of;
    int32_t part;
    double total;
};

/* Like plan_mip_build, for one part (NULL: the whole instance, as plan_mip_build). */
enum plan_rc plan_mip_build_part(const struct plan_instance *inst, const struct plan_weights *w,
                                 int64_t max_vars, const struct plan_mip_part *part,
                                 struct plan_mip *m);

/* Every optimum's objective is a multiple of this: with integer weights, priors and slopes,
 * all costs are integers except fairness, which is a multiple of 1/P (P = the pool size):
 * 1/P when the model has fairness columns, else 1. 0 when some cost is not an integer. */
double plan_mip_grain(const struct plan_mip *m);

/* Short LP-format names ("x12_3", "u12", "c12", …) into buf (at least 32 bytes). */
void plan_mip_col_name(const struct plan_mip *m, size_t j, char *buf, size_t size);
void plan_mip_row_name(const struct plan_mip *m, size_t i, char *buf, size_t size);

/* The values of every column for an assignment (asg[g] = assistant or -1), as the MIP would
 * have them; x must have n_cols entries. For warm starts and checks. */
void plan_mip_values(const struct plan_mip *m, const int32_t *asg, double *x);

/* What a MIP backend returns: asg[g] (n_gaps entries, filled by the caller's buffer) when
 * solved, the status (OPTIMAL, FEASIBLE with a solution, TIME_LIMIT without one) and the best
 * lower bound (−inf when none). */
struct plan_mip_result {
    int32_t *asg;
    bool solved;
    enum plan_status status;
    double bound;
};

/* The model solved by CBC (plan_cbc.c), from the incumbent `start` (n_cols values, or NULL),
 * within time_limit seconds, its primal heuristics off unless `heuristics` (the incumbent is a
 * good plan already). PLAN_ESOLVER when CBC gives up for other reasons than time. */
enum plan_rc plan_cbc_solve(const struct plan_mip *m, const double *start, double time_limit,
                            bool heuristics, struct plan_mip_result *res);

/* The slot bound (plan_slot_bound) split by parts: per_part[part_of[p]] receives the share of
 * principal p's gaps (per_part zeroed by the caller); returns the whole. Parts must share no
 * candidate assistant (plan_exact's decomposition). */
double plan_slot_bound_parts(const struct plan_instance *inst, const struct plan_weights *w,
                             const int32_t *part_of, double *per_part);
/* The largest number of gaps any plan covers: a maximum b-matching per slot of gaps to
 * qualified assistants with room. */
size_t plan_slot_max_covers(const struct plan_instance *inst);

/* Groups for plan_weights.one_substitute: the gaps one absent assistant left in one slot
 * (only groups of two or more). Gaps are numbered as in the instance. */
struct plan_groups {
    int32_t *gap_group; /* per gap: its group, or -1 */
    size_t n;
    size_t *start;   /* group k's members are member[start[k] .. start[k+1]) (ascending) */
    int32_t *member; /* gap numbers */
    int32_t *absent; /* per group: the absent assistant */
};

void plan_groups_build(const struct plan_instance *inst, struct plan_groups *gr);
void plan_groups_cleanup(struct plan_groups *gr);

#endif
