/* needs_training.h: training needs as a computation on plain arrays (no SQL, no I/O): which
 * skills each assistant lacks for the duties of the executives they support, and where in the
 * pool the most coverage is at stake. */
#ifndef HL_NEEDS_TRAINING_H
#define HL_NEEDS_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TN_MAX_LEVEL 5

/* An executive's requirement of one skill: the must-have level (0: none) over must-have duties
 * and the nice-to-have level over the others. Several rows of one executive and skill (one per
 * duty) are merged, each level the largest. */
struct tn_req {
    int64_t principal, skill;
    int must, nice;
};

/* An assistant supports an executive now (a primary or secondary assignment). */
struct tn_link {
    int64_t assistant, principal;
};

/* A level that counts (expired certificates already taken off). */
struct tn_skill {
    int64_t assistant, skill;
    int level;
};

struct tn_input {
    struct tn_req *reqs; /* sorted in place by principal */
    size_t nreqs;
    struct tn_link *links; /* sorted in place by assistant */
    size_t nlinks;
    struct tn_skill *skills; /* sorted in place by assistant, skill */
    size_t nskills;
};

/* One need: assistant lacks skill at `required` (have < required) for the executives
 * principals[first .. first + count) of the result. must: some of them require it as a must. */
struct tn_need {
    int64_t assistant, skill;
    int required, have;
    bool must;
    size_t first, count;
};

/* A skill level the pool's executives must have: `dependents` executives require at least
 * `level`, `holders` assistants hold it. */
struct tn_stake {
    int64_t skill;
    int level;
    size_t dependents, holders;
};

struct tn_result {
    struct tn_need *needs; /* by assistant; in each, must first, then the larger gap */
    size_t nneeds;
    int64_t *principals;
    size_t nprincipals;
    struct tn_stake *stakes; /* most at stake first: fewest holders per dependent */
    size_t nstakes;
};

/* Computes the needs of in (whose arrays it sorts). Fills *out; tn_result_cleanup frees it. */
void tn_compute(struct tn_input *in, struct tn_result *out);
void tn_result_cleanup(struct tn_result *r);

#endif
