/* test_fit.c: the fit score (src/domain/fit/fit_score.c): each term as a table of cases, no fit
 * without must-have skills unless training is allowed (and named), history for managers only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fit_score.h"
#include "match_groups.h"
#include "svc_demo.h"
#include "svc_match.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

/* A baseline pair where every term is at its full points. */
static struct fit_need needs[3];
static struct fit_skill skills[3];
static int64_t e_lang[2], a_lang[2];
static struct fit_span e_hours[1], a_hours[1];
static struct fit_executive E;
static struct fit_assistant A;
static struct fit_options O;
static struct fit_weights W;

static void baseline(void)
{
    needs[0] = (struct fit_need){.skill = 1, .level = 3, .must = true};  /* board minutes */
    needs[1] = (struct fit_need){.skill = 2, .level = 4, .must = false}; /* travel */
    needs[2] = (struct fit_need){.skill = 3, .level = 2, .must = false}; /* pre-sales */
    skills[0] = (struct fit_skill){1, 4, 6};
    skills[1] = (struct fit_skill){2, 4, 5};
    skills[2] = (struct fit_skill){3, 5, 10};
    e_lang[0] = 10, e_lang[1] = 11;
    a_lang[0] = 11, a_lang[1] = 10;
    e_hours[0] = (struct fit_span){540, 1020}; /* Monday 09-17 UTC */
    a_hours[0] = (struct fit_span){480, 1080};
    E = (struct fit_executive){needs, 3, e_lang, 2, e_hours, 1, 20, {1, 2, 0, -2}};
    A = (struct fit_assistant){skills, 3, a_lang, 2, a_hours, 1, 30, {1, 2, 0, -2}, 3, 0, false, 0};
    O = (struct fit_options){NULL, 0, true};
    fit_weights_default(&W);
}

static const struct fit_term *term(const struct fit_result *r, enum fit_term_kind k)
{
    for (size_t i = 0; i < r->n_terms; i++)
        if (r->terms[i].kind == k)
            return &r->terms[i];
    return NULL;
}

static void test_baseline_is_100(void **state)
{
    (void)state;
    baseline();
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    assert_true(r.eligible);
    assert_true(r.score == 100);
    assert_int_equal(r.n_terms, FIT_T__COUNT);
}

/* One change to the baseline; the term it moves and that term's expected points. */
struct row {
    const char *what;
    void (*change)(void);
    enum fit_term_kind kind;
    double points;
};

static void nice_half(void)
{
    skills[1].level = 2;
} /* 2 of 4 wanted: 0.5 and 1 */
static void nice_none(void)
{
    skills[1].level = 0, skills[2].level = 0;
}
static void lang_one(void)
{
    A.n_languages = 1;
} /* speaks 1 of 2 */
static void lang_none(void)
{
    a_lang[0] = 12, a_lang[1] = 13;
}
static void exp_partial(void) /* years 1, 2.5, 0 of 5: 0.2, 0.5, 0 */
{
    skills[0].years = 1, skills[1].years = 2.5, skills[2].years = 0;
}
static void style_far(void)
{
    A.style[FIT_CHANNEL] = 2;
} /* one axis 4 apart of 4 */
static void style_none(void)
{
    A.style[0] = A.style[1] = A.style[2] = A.style[3] = FIT_STYLE_UNSET;
}
static void hours_half(void)
{
    a_hours[0] = (struct fit_span){780, 1080};
} /* 13-17 of 9-17 */
static void hours_unstated(void)
{
    A.n_hours = 0;
}
static void workload_half(void)
{
    A.free_hours = 10;
}
static void workload_none(void)
{
    A.free_hours = 0;
}
static void history_one_ok(void)
{
    A.covers_ok = 1;
}
static void history_bad(void)
{
    A.covers_ok = 0, A.covers_bad = 3;
}
static void history_mediation(void)
{
    A.mediation = true;
}

static void test_terms_table(void **state)
{
    (void)state;
    const struct row rows[] = {
        {"nice: half of one skill's level", nice_half, FIT_T_NICE, 15 * (0.5 + 1) / 2},
        {"nice: none of the skills", nice_none, FIT_T_NICE, 0},
        {"languages: one of two", lang_one, FIT_T_LANGUAGES, 7.5},
        {"languages: none", lang_none, FIT_T_LANGUAGES, 0},
        {"experience: 1, 2.5 and 0 years", exp_partial, FIT_T_EXPERIENCE, 20 * (0.2 + 0.5 + 0) / 3},
        {"style: channel at the far end", style_far, FIT_T_STYLE, 15 * (1 - 0.25)},
        {"style: nothing stated", style_none, FIT_T_STYLE, 7.5},
        {"hours: half the day", hours_half, FIT_T_HOURS, 7.5},
        {"hours: none stated", hours_unstated, FIT_T_HOURS, 7.5},
        {"workload: 10 free of 20", workload_half, FIT_T_WORKLOAD, 5},
        {"workload: full", workload_none, FIT_T_WORKLOAD, 0},
        {"history: one good cover", history_one_ok, FIT_T_HISTORY, 10.0 / 3},
        {"history: three bad covers", history_bad, FIT_T_HISTORY, -10},
        {"history: a mediation case", history_mediation, FIT_T_HISTORY, 10 - 20},
    };
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
        baseline();
        rows[k].change();
        struct fit_result r;
        fit_score(&W, &E, &A, &O, &r);
        const struct fit_term *t = term(&r, rows[k].kind);
        assert_non_null(t);
        if (fabs(t->points - rows[k].points) > 1e-9)
            fail_msg("%s: %s %.4f, expected %.4f", rows[k].what, fit_term_code(rows[k].kind),
                     t->points, rows[k].points);
        /* the other terms stay full: the score moves by exactly this term's loss */
        double expected = fmax(0, fmin(100, 100 - (t->max - t->points)));
        if (fabs(r.score - round(expected)) > 1e-9)
            fail_msg("%s: score %.0f, expected %.0f", rows[k].what, r.score, round(expected));
    }
}

/* The explanation names what it is about: the weakest nice skill, the widest style gap. */
static void test_explanation(void **state)
{
    (void)state;
    baseline();
    skills[1].level = 2;
    A.style[FIT_CHANNEL] = 2;
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    const struct fit_term *n = term(&r, FIT_T_NICE), *s = term(&r, FIT_T_STYLE);
    assert_int_equal(n->ref, 2);
    assert_true(n->a == 2 && n->b == 4);
    assert_int_equal(s->ref, FIT_CHANNEL);
    assert_true(s->a == 2 && s->b == -2);
    assert_string_equal(fit_style_axis_code((enum fit_style_axis)s->ref), "channel");
    assert_string_equal(fit_term_code(FIT_T_HISTORY), "history");
}

static void test_no_fit_without_must(void **state)
{
    (void)state;
    baseline();
    skills[0].level = 2; /* board minutes 2 of 3 */
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    assert_false(r.eligible);
    assert_true(r.score == 0);
    assert_int_equal(r.n_missing, 1);
    assert_int_equal(r.missing[0], 1);
    /* absent altogether */
    baseline();
    A.n_skills = 0;
    fit_score(&W, &E, &A, &O, &r);
    assert_false(r.eligible);
    assert_true(r.score == 0);
    /* training allowed for a different skill does not help */
    baseline();
    skills[0].level = 2;
    int64_t other = 2;
    O.training = &other;
    O.n_training = 1;
    fit_score(&W, &E, &A, &O, &r);
    assert_false(r.eligible);
    /* the manager allows training for it: eligible, and the training is named */
    int64_t board = 1;
    O.training = &board;
    fit_score(&W, &E, &A, &O, &r);
    assert_true(r.eligible);
    assert_true(r.score == 100);
    assert_int_equal(r.n_trained, 1);
    assert_int_equal(r.trained[0], 1);
    assert_int_equal(term(&r, FIT_T_MUST)->ref, 1);
}

/* History counts only for viewers allowed to see it, so its absence cannot be read off. */
static void test_history_managers_only(void **state)
{
    (void)state;
    baseline();
    A.mediation = true;
    O.history = false;
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    assert_null(term(&r, FIT_T_HISTORY));
    assert_int_equal(r.n_terms, FIT_T__COUNT - 1);
    assert_true(r.score == 90);
    O.history = true;
    fit_score(&W, &E, &A, &O, &r);
    assert_true(r.score == 80);
}

/* A cover that went badly takes off as one that went well adds, and the term names when. */
static void test_history_bad_cover(void **state)
{
    (void)state;
    baseline();
    A.covers_ok = 2, A.covers_bad = 0, A.last_bad_at = 0;
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    double good = term(&r, FIT_T_HISTORY)->points;
    assert_true(fabs(good - 20.0 / 3) < 1e-9);
    assert_int_equal(term(&r, FIT_T_HISTORY)->at, 0);
    A.covers_ok = 1, A.covers_bad = 1, A.last_bad_at = 1762934400; /* 12 Nov 2025 */
    fit_score(&W, &E, &A, &O, &r);
    assert_true(fabs(term(&r, FIT_T_HISTORY)->points) < 1e-9);
    assert_int_equal(term(&r, FIT_T_HISTORY)->at, 1762934400);
    A.covers_ok = 0, A.covers_bad = 2;
    fit_score(&W, &E, &A, &O, &r);
    assert_true(fabs(term(&r, FIT_T_HISTORY)->points + 20.0 / 3) < 1e-9);
    assert_true(r.score < 90);
}

static void test_weights(void **state)
{
    (void)state;
    struct fit_weights w;
    fit_weights_default(&w);
    const char *field = NULL;
    assert_true(fit_weights_valid(&w, &field));
    assert_true(w.nice + w.languages + w.experience + w.style + w.hours + w.workload + w.history ==
                100);
    w.style = -1;
    assert_false(fit_weights_valid(&w, &field));
    assert_string_equal(field, "style");
    fit_weights_default(&w);
    w.mediation = NAN;
    assert_false(fit_weights_valid(&w, &field));
    assert_string_equal(field, "mediation");
    /* a weight moves its term */
    baseline();
    W.style = 30;
    A.style[FIT_CHANNEL] = 2;
    struct fit_result r;
    fit_score(&W, &E, &A, &O, &r);
    assert_true(fabs(term(&r, FIT_T_STYLE)->points - 22.5) < 1e-9);
}

/* The pool-wide what-if over the demo organisation: consistent totals, capacities kept, a
 * forbidden pair never proposed, nothing written. */
static void test_proposals(void **state)
{
    struct fixture *f = *state;
    struct hl_error err;
    hl_error_clear(&err);
    struct demo_options opt = {14, 0, 0, 1767225600 / 86400, false};
    struct demo_summary sum;
    assert_int_equal(svc_demo_build(&f->ctx, &opt, &sum, &err), HL_OK);
    int64_t rows = sql_int(f->db, "SELECT (SELECT count(*) FROM assignment) * 1000000 + "
                                  "(SELECT count(*) FROM audit_log)");
    json_t *out = NULL;
    assert_int_equal(svc_match_proposals(f->db, NULL, &out, &err), HL_OK);
    json_t *changes = json_object_get(out, "changes");
    assert_true(json_array_size(changes) > 0);
    json_int_t today = json_integer_value(json_object_get(out, "total_today"));
    json_int_t proposed = json_integer_value(json_object_get(out, "total_proposed"));
    assert_true(proposed > today);
    assert_int_equal(proposed - today, json_integer_value(json_object_get(out, "gain")));
    /* today's primaries with the changes applied stay within every capacity */
    assert_int_equal(
        db_exec(f->db, "CREATE TEMP TABLE prop (p INTEGER PRIMARY KEY, a INTEGER)", &err), HL_OK);
    assert_int_equal(db_exec(f->db,
                             "INSERT INTO prop SELECT principal_id, assistant_id FROM assignment "
                             "WHERE kind = 'primary' AND end_date IS NULL",
                             &err),
                     HL_OK);
    size_t k;
    json_t *c;
    json_int_t gains = 0;
    json_array_foreach(changes, k, c)
    {
        char *sql = hl_asprintf("INSERT OR REPLACE INTO prop VALUES (%lld, %lld)",
                                (long long)json_integer_value(json_object_get(c, "principal_id")),
                                (long long)json_integer_value(json_object_get(c, "to_id")));
        assert_int_equal(db_exec(f->db, sql, &err), HL_OK);
        free(sql);
        gains += json_integer_value(json_object_get(c, "gain"));
    }
    assert_int_equal(gains, proposed - today);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM (SELECT a, count(*) n FROM prop "
                                    "GROUP BY a) JOIN assistant ON id = a WHERE n > capacity"),
                     0);
    /* forbid the first proposed pair: it is not proposed again */
    json_t *first = json_array_get(changes, 0);
    long long fp = (long long)json_integer_value(json_object_get(first, "principal_id"));
    long long fa = (long long)json_integer_value(json_object_get(first, "to_id"));
    char *sql = hl_asprintf("INSERT INTO incompatible_pair VALUES (%lld, %lld, NULL, 0)", fa, fp);
    assert_int_equal(db_exec(f->db, sql, &err), HL_OK);
    free(sql);
    json_decref(out);
    assert_int_equal(svc_match_proposals(f->db, NULL, &out, &err), HL_OK);
    json_array_foreach(json_object_get(out, "changes"), k, c)
    {
        if (json_integer_value(json_object_get(c, "principal_id")) == fp)
            assert_true(json_integer_value(json_object_get(c, "to_id")) != fa);
    }
    json_decref(out);
    /* a department: only its executives */
    assert_int_equal(svc_match_proposals(f->db, "Finance", &out, &err), HL_OK);
    assert_int_equal(json_integer_value(json_object_get(out, "executives")),
                     sql_int(f->db, "SELECT count(*) FROM principal WHERE department = 'Finance'"));
    json_decref(out);
    assert_int_equal(sql_int(f->db, "SELECT (SELECT count(*) FROM assignment) * 1000000 + "
                                    "(SELECT count(*) FROM audit_log)"),
                     rows);
}

/* Whether the moves k plus its needs fit (take built from them). */
static bool fits_with_needs(size_t m, const int32_t *room, const int32_t *load,
                            const struct match_move *mv, size_t n, const struct match_groups *g,
                            size_t k)
{
    unsigned char take[64] = {0};
    take[k] = 1;
    for (size_t x = g->need0[k]; x < g->need0[k + 1]; x++)
        take[g->need[x]] = 1;
    return match_over_room(m, room, load, mv, n, take) < 0;
}

/* The brief's case: B (an executive without an assistant) goes to A1, whose one place E1
 * holds; A (E1) moves to A2, which has a place. B needs A; A needs nothing. */
static void test_groups_cases(void **state)
{
    (void)state;
    struct match_groups g;
    {
        int32_t room[] = {1, 1}, load[] = {1, 0};
        struct match_move mv[] = {{-1, 0}, {0, 1}};
        match_groups_build(2, room, load, mv, 2, &g);
        assert_int_equal(g.need0[1] - g.need0[0], 1);
        assert_int_equal(g.need[g.need0[0]], 1);
        assert_int_equal(g.need0[2] - g.need0[1], 0);
        assert_int_equal(g.group[0], g.group[1]);
        assert_int_equal(g.order[0], 0);
        assert_int_equal(g.order[1], 1);
        unsigned char b_alone[] = {1, 0}, a_alone[] = {0, 1}, both[] = {1, 1};
        assert_int_equal(match_over_room(2, room, load, mv, 2, b_alone), 0);
        assert_int_equal(match_over_room(2, room, load, mv, 2, a_alone), -1);
        assert_int_equal(match_over_room(2, room, load, mv, 2, both), -1);
        match_groups_free(&g);
    }
    { /* a swap of two full assistants: each needs the other */
        int32_t room[] = {1, 1}, load[] = {1, 1};
        struct match_move mv[] = {{0, 1}, {1, 0}};
        match_groups_build(2, room, load, mv, 2, &g);
        assert_int_equal(g.need0[1], 1);
        assert_int_equal(g.need[0], 1);
        assert_int_equal(g.need0[2], 2);
        assert_int_equal(g.need[1], 0);
        assert_int_equal(g.group[0], g.group[1]);
        unsigned char one[] = {1, 0};
        assert_int_equal(match_over_room(2, room, load, mv, 2, one), 1);
        match_groups_free(&g);
    }
    { /* a free place: each move into it fits alone, both together need the move out */
        int32_t room[] = {2, 1}, load[] = {1, 0};
        struct match_move mv[] = {{-1, 0}, {-1, 0}, {0, 1}};
        match_groups_build(2, room, load, mv, 3, &g);
        for (size_t k = 0; k < 3; k++)
            assert_int_equal(g.need0[k + 1] - g.need0[k], 0);
        assert_int_not_equal(g.group[0], g.group[1]);
        unsigned char ins[] = {1, 1, 0}, all[] = {1, 1, 1};
        assert_int_equal(match_over_room(2, room, load, mv, 3, ins), 0);
        assert_int_equal(match_over_room(2, room, load, mv, 3, all), -1);
        match_groups_free(&g);
    }
}

/* Random what-ifs that fit: every move with its needs fits, and needs nothing exactly when it
 * fits alone; every group fits alone; the order lists each move once, group by group. */
static void test_groups_random(void **state)
{
    (void)state;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int linked = 0, cycles = 0; /* rounds where a move needs another; where one needs a cycle */
#define RND(n) ((seed = seed * 6364136223846793005ull + 1442695040888963407ull), (seed >> 33) % (n))
    for (int round = 0; round < 2000; round++) {
        size_t m = 1 + RND(6), e = RND(12);
        int32_t room[6], load[6] = {0}, fin[6] = {0};
        int32_t cur[12], to[12];
        for (size_t j = 0; j < m; j++)
            room[j] = (int32_t)RND(4);
        size_t n = 0;
        struct match_move mv[12];
        for (size_t i = 0; i < e; i++) {
            /* today: an assistant with a place, or none; proposed: one with a place */
            int32_t j = (int32_t)RND(m);
            cur[i] = RND(4) == 0 || load[j] >= room[j] ? -1 : j;
            if (cur[i] >= 0)
                load[cur[i]]++;
        }
        for (size_t i = 0; i < e; i++) {
            int32_t j = (int32_t)RND(m);
            to[i] = fin[j] < room[j] ? j : cur[i];
            if (to[i] >= 0 && fin[to[i]] >= room[to[i]])
                to[i] = -1; /* stays unplaced in this what-if: only a move if it had one */
            if (to[i] >= 0)
                fin[to[i]]++;
        }
        /* executives keeping today's assistant count in its final load */
        bool ok = true;
        for (size_t i = 0; i < e; i++)
            if (to[i] < 0 && cur[i] >= 0)
                ok = false;
        if (!ok)
            continue;
        for (size_t i = 0; i < e; i++)
            if (to[i] != cur[i])
                mv[n++] = (struct match_move){cur[i], to[i]};
        struct match_groups g;
        match_groups_build(m, room, load, mv, n, &g);
        unsigned char all[12];
        memset(all, 1, sizeof all);
        assert_int_equal(match_over_room(m, room, load, mv, n, all), -1);
        unsigned char listed[12] = {0};
        for (size_t x = 0; x < n; x++) {
            assert_false(listed[g.order[x]]);
            listed[g.order[x]] = 1;
            if (x > 0 && g.group[g.order[x]] != g.group[g.order[x - 1]])
                assert_int_equal(g.group[g.order[x]], g.group[g.order[x - 1]] + 1);
        }
        bool any = false, cyc = false;
        for (size_t k = 0; k < n; k++) {
            any = any || g.need0[k + 1] > g.need0[k];
            for (size_t x = g.need0[k]; x < g.need0[k + 1]; x++)
                cyc = cyc || mv[g.need[x]].to == mv[k].from;
            assert_true(fits_with_needs(m, room, load, mv, n, &g, k));
            unsigned char one[12] = {0};
            one[k] = 1;
            bool alone = match_over_room(m, room, load, mv, n, one) < 0;
            assert_int_equal(alone, g.need0[k + 1] == g.need0[k]);
            unsigned char grp[12] = {0};
            for (size_t d = 0; d < n; d++)
                grp[d] = g.group[d] == g.group[k];
            assert_int_equal(match_over_room(m, room, load, mv, n, grp), -1);
        }
        linked += any;
        cycles += cyc;
        match_groups_free(&g);
    }
    assert_true(linked > 100); /* the cases the test is about do come up */
    assert_true(cycles > 10);
#undef RND
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_is_100),
        cmocka_unit_test(test_terms_table),
        cmocka_unit_test(test_explanation),
        cmocka_unit_test(test_no_fit_without_must),
        cmocka_unit_test(test_history_managers_only),
        cmocka_unit_test(test_history_bad_cover),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_groups_cases),
        cmocka_unit_test(test_groups_random),
        cmocka_unit_test_setup_teardown(test_proposals, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
