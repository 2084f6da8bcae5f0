/* fit_score.h: fit(assistant, executive) in 0-100 with its explanation, term by term (issue 14). */
#ifndef HL_FIT_SCORE_H
#define HL_FIT_SCORE_H

/*
 * Pure: plain structs in and out, no SQL, no I/O, no text meant for people. The explanation is
 * data (a term code, its points, the numbers behind it); the web app words it from its message
 * catalogs. The terms and their formulas are in docs/planner.md §12.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fixed vocabulary of working-style pairs: each on a scale of -2..+2, FIT_STYLE_UNSET when
 * the person has not stated it. These are preferences people state, not personality tests.
 *   pace:      -2 steady, planned      .. +2 fast, reactive
 *   formality: -2 informal             .. +2 formal
 *   autonomy:  -2 close direction      .. +2 full autonomy
 *   channel:   -2 quick calls / talk   .. +2 written briefs */
enum fit_style_axis { FIT_PACE, FIT_FORMALITY, FIT_AUTONOMY, FIT_CHANNEL, FIT_STYLE__COUNT };
#define FIT_STYLE_UNSET INT8_MIN
#define FIT_STYLE_MIN   (-2)
#define FIT_STYLE_MAX   2

const char *fit_style_axis_code(enum fit_style_axis a); /* "pace", … ; NULL when out of range */

/* The weights (settings): the most points each term can give; history's mediation penalty is
 * subtracted. Defaults sum to 100 with the positive terms. */
struct fit_weights {
    double nice, languages, experience, style, hours, workload, history, mediation;
};
void fit_weights_default(struct fit_weights *w);
/* Each weight finite and in [0, 100]; *field names the first wrong one. */
bool fit_weights_valid(const struct fit_weights *w, const char **field);

/* A skill the executive's duties need: level 1-5; must = hard. */
struct fit_need {
    int64_t skill;
    int32_t level;
    bool must;
};
/* An assistant's skill: level 0-5, years of experience doing that duty. */
struct fit_skill {
    int64_t skill;
    int32_t level;
    double years;
};
/* Working time as minutes of the week in UTC, [from, to), 0..10080. */
struct fit_span {
    int32_t from, to;
};

struct fit_executive {
    const struct fit_need *needs;
    size_t n_needs;
    const int64_t *languages;
    size_t n_languages;
    const struct fit_span *hours;
    size_t n_hours;
    double workload_hours; /* expected hours a week, ≥ 0 */
    int8_t style[FIT_STYLE__COUNT];
};

struct fit_assistant {
    const struct fit_skill *skills;
    size_t n_skills;
    const int64_t *languages;
    size_t n_languages;
    const struct fit_span *hours; /* preferred working hours */
    size_t n_hours;
    double free_hours; /* hours a week still free (capacity headroom), ≥ 0 */
    int8_t style[FIT_STYLE__COUNT];
    int32_t covers_ok;   /* past covers for this executive that went well */
    int32_t covers_bad;  /* … that did not */
    bool mediation;      /* a mediation case between them (open, or closed as reassigned) */
    int64_t last_bad_at; /* when the latest cover that went badly started (Unix seconds), 0 */
};

struct fit_options {
    const int64_t *training; /* must-have skills the manager allows training to close */
    size_t n_training;
    bool history; /* the viewer may see history (managers): only then does it count */
};

enum fit_term_kind {
    FIT_T_MUST,       /* 0 points: all must-haves met (or trained); ref = a trained skill */
    FIT_T_NICE,       /* nice-to-have levels; ref = weakest skill, a = its level, b = wanted */
    FIT_T_LANGUAGES,  /* a = languages shared, b = languages needed */
    FIT_T_EXPERIENCE, /* ref = skill with most years, a = those years, b = mean fraction */
    FIT_T_STYLE,      /* ref = axis of the widest gap, a = assistant's value, b = executive's */
    FIT_T_HOURS,      /* a = overlapping hours a week, b = executive's hours a week */
    FIT_T_WORKLOAD,   /* a = free hours, b = workload hours */
    FIT_T_HISTORY,    /* a = covers ok, b = covers not ok; ref = 1 when a mediation case;
                         at = start of the latest cover that went badly */
    FIT_T__COUNT
};
const char *fit_term_code(enum fit_term_kind k); /* "must", "nice", … */

struct fit_term {
    enum fit_term_kind kind;
    double points; /* what it adds (history may subtract) */
    double max;    /* the most it could add */
    int64_t ref;
    double a, b;
    int64_t at; /* an instant the term refers to (Unix seconds), 0 when none */
};

#define FIT_MAX_MISSING 16

struct fit_result {
    bool eligible;  /* false: a must-have is missing and not allowed to be trained */
    double score;   /* 0-100, rounded to a whole number; 0 when not eligible */
    size_t n_terms; /* history is left out for viewers who may not see it */
    struct fit_term terms[FIT_T__COUNT];
    size_t n_missing; /* must-haves missing (not trained), at most FIT_MAX_MISSING listed */
    int64_t missing[FIT_MAX_MISSING];
    size_t n_trained; /* must-haves missing but allowed to be trained */
    int64_t trained[FIT_MAX_MISSING];
};

void fit_score(const struct fit_weights *w, const struct fit_executive *e,
               const struct fit_assistant *a, const struct fit_options *o, struct fit_result *r);

#endif
