/* fit_score.c: the fit score and its explanation (fit_score.h; formulas in docs/planner.md §12). */
#include "fit_score.h"

#include <math.h>

const char *fit_style_axis_code(enum fit_style_axis a)
{
    static const char *const codes[FIT_STYLE__COUNT] = {"pace", "formality", "autonomy", "channel"};
    return (int)a >= 0 && a < FIT_STYLE__COUNT ? codes[a] : NULL;
}

const char *fit_term_code(enum fit_term_kind k)
{
    static const char *const codes[FIT_T__COUNT] = {"must",  "nice",  "languages", "experience",
                                                    "style", "hours", "workload",  "history"};
    return (int)k >= 0 && k < FIT_T__COUNT ? codes[k] : NULL;
}

void fit_weights_default(struct fit_weights *w)
{
    w->nice = 15;
    w->languages = 15;
    w->experience = 20;
    w->style = 15;
    w->hours = 15;
    w->workload = 10;
    w->history = 10;
    w->mediation = 20;
}

bool fit_weights_valid(const struct fit_weights *w, const char **field)
{
    const struct {
        const char *name;
        double v;
    } all[] = {{"nice", w->nice},       {"languages", w->languages}, {"experience", w->experience},
               {"style", w->style},     {"hours", w->hours},         {"workload", w->workload},
               {"history", w->history}, {"mediation", w->mediation}};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        if (!isfinite(all[k].v) || all[k].v < 0 || all[k].v > 100) {
            if (field)
                *field = all[k].name;
            return false;
        }
    return true;
}

/* Experience saturates: this many years doing a duty count in full. */
#define FIT_YEARS_FULL 5.0
/* Past covers: this many good ones count in full (bad ones take off the same way). */
#define FIT_COVERS_FULL 3.0

static const struct fit_skill *find_skill(const struct fit_assistant *a, int64_t skill)
{
    for (size_t k = 0; k < a->n_skills; k++)
        if (a->skills[k].skill == skill)
            return &a->skills[k];
    return NULL;
}

static bool in_list(const int64_t *l, size_t n, int64_t x)
{
    for (size_t k = 0; k < n; k++)
        if (l[k] == x)
            return true;
    return false;
}

static double minutes(const struct fit_span *s, size_t n)
{
    double t = 0;
    for (size_t k = 0; k < n; k++)
        if (s[k].to > s[k].from)
            t += s[k].to - s[k].from;
    return t;
}

static double overlap(const struct fit_span *x, size_t nx, const struct fit_span *y, size_t ny)
{
    double t = 0;
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++) {
            int32_t f = x[i].from > y[j].from ? x[i].from : y[j].from;
            int32_t to = x[i].to < y[j].to ? x[i].to : y[j].to;
            if (to > f)
                t += to - f;
        }
    return t;
}

static void add(struct fit_result *r, enum fit_term_kind k, double frac, double max, int64_t ref,
                double a, double b)
{
    struct fit_term *t = &r->terms[r->n_terms++];
    t->kind = k;
    t->points = frac * max;
    t->max = max;
    t->ref = ref;
    t->a = a;
    t->b = b;
    t->at = 0;
}

void fit_score(const struct fit_weights *w, const struct fit_executive *e,
               const struct fit_assistant *a, const struct fit_options *o, struct fit_result *r)
{
    *r = (struct fit_result){.eligible = true};

    /* must-haves: a gate, no points */
    for (size_t k = 0; k < e->n_needs; k++) {
        const struct fit_need *nd = &e->needs[k];
        if (!nd->must)
            continue;
        const struct fit_skill *s = find_skill(a, nd->skill);
        if (s && s->level >= nd->level)
            continue;
        if (o && in_list(o->training, o->n_training, nd->skill)) {
            if (r->n_trained < FIT_MAX_MISSING)
                r->trained[r->n_trained++] = nd->skill;
        } else {
            r->eligible = false;
            if (r->n_missing < FIT_MAX_MISSING)
                r->missing[r->n_missing++] = nd->skill;
        }
    }
    add(r, FIT_T_MUST, 0, 0, r->n_trained ? r->trained[0] : 0, (double)r->n_trained,
        (double)r->n_missing);

    /* nice-to-have levels: the mean of level / wanted (at most 1); the weakest one named */
    {
        double sum = 0, worst = 2;
        size_t cnt = 0;
        int64_t ref = 0;
        double la = 0, lb = 0;
        for (size_t k = 0; k < e->n_needs; k++) {
            const struct fit_need *nd = &e->needs[k];
            if (nd->must || nd->level <= 0)
                continue;
            const struct fit_skill *s = find_skill(a, nd->skill);
            double lv = s && s->level > 0 ? s->level : 0;
            double q = fmin(1.0, lv / nd->level);
            sum += q;
            cnt++;
            if (q < worst) {
                worst = q;
                ref = nd->skill;
                la = lv;
                lb = nd->level;
            }
        }
        add(r, FIT_T_NICE, cnt ? sum / (double)cnt : 1.0, w->nice, ref, la, lb);
    }

    /* languages: the share of the executive's languages the assistant speaks */
    {
        size_t shared = 0;
        for (size_t k = 0; k < e->n_languages; k++)
            shared += in_list(a->languages, a->n_languages, e->languages[k]);
        add(r, FIT_T_LANGUAGES, e->n_languages ? (double)shared / (double)e->n_languages : 1.0,
            w->languages, 0, (double)shared, (double)e->n_languages);
    }

    /* duty experience: the mean over the duties' skills of years / FIT_YEARS_FULL (at most 1) */
    {
        double sum = 0, most = -1;
        int64_t ref = 0;
        for (size_t k = 0; k < e->n_needs; k++) {
            const struct fit_skill *s = find_skill(a, e->needs[k].skill);
            double y = s && s->years > 0 ? s->years : 0;
            sum += fmin(1.0, y / FIT_YEARS_FULL);
            if (y > most) {
                most = y;
                ref = e->needs[k].skill;
            }
        }
        double frac = e->n_needs ? sum / (double)e->n_needs : 1.0;
        add(r, FIT_T_EXPERIENCE, frac, w->experience, ref, most > 0 ? most : 0, frac);
    }

    /* style: 1 - the mean distance over the axes both stated (scale width 4); 0.5 when none */
    {
        double sum = 0, widest = -1, va = 0, vb = 0;
        size_t cnt = 0;
        int64_t ref = -1;
        for (int k = 0; k < FIT_STYLE__COUNT; k++) {
            if (a->style[k] == FIT_STYLE_UNSET || e->style[k] == FIT_STYLE_UNSET)
                continue;
            double dd = fabs((double)a->style[k] - (double)e->style[k]);
            sum += dd / (FIT_STYLE_MAX - FIT_STYLE_MIN);
            cnt++;
            if (dd > widest) {
                widest = dd;
                ref = k;
                va = a->style[k];
                vb = e->style[k];
            }
        }
        add(r, FIT_T_STYLE, cnt ? 1.0 - sum / (double)cnt : 0.5, w->style, ref, va, vb);
    }

    /* hours: the share of the executive's working time inside the assistant's preferred hours;
     * 0.5 when the assistant stated none, 1 when the executive has none */
    {
        double em = minutes(e->hours, e->n_hours);
        double ov = overlap(e->hours, e->n_hours, a->hours, a->n_hours);
        double frac = em <= 0 ? 1.0 : a->n_hours == 0 ? 0.5 : fmin(1.0, ov / em);
        add(r, FIT_T_HOURS, frac, w->hours, 0, ov / 60.0, em / 60.0);
    }

    /* workload headroom: free hours against the expected workload (at most 1) */
    {
        double wl = e->workload_hours > 0 ? e->workload_hours : 0;
        double fr = a->free_hours > 0 ? a->free_hours : 0;
        add(r, FIT_T_WORKLOAD, wl <= 0 ? 1.0 : fmin(1.0, fr / wl), w->workload, 0, fr, wl);
    }

    /* history, for viewers who may see it: good covers add, bad ones and a mediation case
     * take off */
    if (o && o->history) {
        double ok = a->covers_ok > 0 ? a->covers_ok : 0,
               bad = a->covers_bad > 0 ? a->covers_bad : 0;
        add(r, FIT_T_HISTORY, fmin(1.0, ok / FIT_COVERS_FULL) - fmin(1.0, bad / FIT_COVERS_FULL),
            w->history, a->mediation ? 1 : 0, ok, bad);
        r->terms[r->n_terms - 1].at = bad > 0 ? a->last_bad_at : 0;
        if (a->mediation)
            r->terms[r->n_terms - 1].points -= w->mediation;
    }

    double total = 0;
    for (size_t k = 0; k < r->n_terms; k++)
        total += r->terms[k].points;
    total = fmax(0.0, fmin(100.0, total));
    r->score = r->eligible ? round(total) : 0;
}
