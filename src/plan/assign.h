/* assign.h: the pool-wide assignment of executives to assistants (issue 14), exact. */
#ifndef HL_ASSIGN_H
#define HL_ASSIGN_H

/*
 * Plain structs in, plain structs out: no SQL, no files, no globals. Executives (rows) are
 * placed with assistants (columns); an assistant takes up to capacity[j] executives. The result
 * is, lexicographically:
 *   1. as many executives placed as possible (an executive whose every pair is forbidden, or
 *      who loses the competition for a full assistant, stays unplaced and is reported so);
 *   2. among those, the largest total fit.
 * Locked pairs are kept as given (they use their assistant's capacity); forbidden pairs are
 * never used. The algorithm (shortest augmenting paths with column potentials over assistants
 * with capacities, a Jonker-Volgenant augmentation) is described in docs/planner.md.
 */

#include <stddef.h>
#include <stdint.h>

enum assign_rc {
    ASSIGN_OK = 0,
    ASSIGN_EINVAL, /* sizes, a capacity, a fit or a lock is wrong (see assign_strerror) */
    ASSIGN_ENOMEM,
};

const char *assign_rc_str(enum assign_rc rc);

struct assign_problem {
    int32_t n_exec;          /* executives to place (rows), ≥ 0 */
    int32_t n_asst;          /* assistants (columns), ≥ 0 */
    const int32_t *capacity; /* [n_asst], each ≥ 0: executives an assistant may take in total */
    const double *fit;       /* [n_exec * n_asst] row-major, finite: fit of executive i with j */
    const unsigned char *allowed; /* [n_exec * n_asst]: 0 = forbidden pair; NULL = all allowed */
    const int32_t *locked; /* [n_exec]: assistant the executive stays with, or -1; NULL = none */
};

#define ASSIGN_UNPLACED (-1)

struct assign_result {
    int32_t *asst_of; /* [n_exec], allocated by assign_solve: assistant index or ASSIGN_UNPLACED */
    int32_t placed;   /* executives placed (locked ones included) */
    double total_fit; /* sum of fit over the placed pairs */
};

/* Solves p into *out (out->asst_of is malloc'd; free with assign_result_free). On an error
 * *out is left empty. A lock on a forbidden pair, or more locks on an assistant than its
 * capacity, is ASSIGN_EINVAL. */
enum assign_rc assign_solve(const struct assign_problem *p, struct assign_result *out);

void assign_result_free(struct assign_result *r);

#endif
