/* test_slot_meeting.c: unit tests of find-a-time (src/domain/meeting/slot_meeting.c): the free
 * time of required attendees, the buffer, tight and optional attendees in the ranking, and the
 * search against brute force on small random cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "slot_meeting.h"

#include <stdlib.h>
#include <string.h>

#define MIN  60
#define HOUR 3600

static struct slot_span span(int h0, int m0, int h1, int m1)
{
    return (struct slot_span){h0 * HOUR + m0 * MIN, h1 * HOUR + m1 * MIN};
}

static void test_normalize(void **state)
{
    (void)state;
    struct slot_span s[] = {span(13, 0, 14, 0), span(9, 0, 10, 0), span(9, 30, 11, 0),
                            span(11, 0, 12, 0), span(15, 0, 15, 0)};
    size_t n = slot_normalize(s, 5);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].start, 9 * HOUR);
    assert_int_equal(s[0].end, 12 * HOUR);
    assert_int_equal(s[1].start, 13 * HOUR);
}

static void test_common_free_time(void **state)
{
    (void)state;
    struct slot_span work[] = {span(9, 0, 17, 0)};
    struct slot_span a_busy[] = {span(10, 0, 11, 0)};
    struct slot_span b_busy[] = {span(13, 0, 14, 0), span(9, 0, 9, 30)};
    struct slot_person p[] = {{true, work, 1, a_busy, 1}, {true, work, 1, b_busy, 2}};
    struct slot_query q = {0, 24 * HOUR, HOUR, 0, 30 * MIN, 0, 3};
    struct slot_result r[3];
    assert_int_equal(slot_find(&q, p, 2, r), 3);
    assert_int_equal(r[0].start, 11 * HOUR); /* 9:00 is B's, 9:30 would run into A's 10:00 */
    assert_int_equal(r[0].end, 12 * HOUR);
    assert_int_equal(r[1].start, 11 * HOUR + 30 * MIN);
    assert_int_equal(r[2].start, 12 * HOUR);
    assert_int_equal(r[2].score, 0);
}

static void test_buffer(void **state)
{
    (void)state;
    struct slot_span work[] = {span(9, 0, 17, 0)};
    struct slot_span a_busy[] = {span(10, 0, 11, 0)};
    struct slot_span b_busy[] = {span(13, 0, 14, 0)};
    struct slot_person p[] = {{true, work, 1, a_busy, 1}, {true, work, 1, b_busy, 1}};
    struct slot_query q = {0, 24 * HOUR, HOUR, 15 * MIN, 15 * MIN, 0, 4};
    struct slot_result r[4];
    assert_int_equal(slot_find(&q, p, 2, r), 4);
    /* 9:00–9:45 is too short; 11:15 is the first start a quarter after A's meeting, and the
     * last before B's is 11:45 (ends 12:45, a quarter before 13:00); then 14:15. */
    assert_int_equal(r[0].start, 11 * HOUR + 15 * MIN);
    assert_int_equal(r[1].start, 11 * HOUR + 30 * MIN);
    assert_int_equal(r[2].start, 11 * HOUR + 45 * MIN);
    assert_int_equal(r[3].start, 14 * HOUR + 15 * MIN);
}

static void test_tight_and_optional(void **state)
{
    (void)state;
    struct slot_span work[] = {span(9, 0, 13, 0)};
    struct slot_span a_busy[] = {span(10, 0, 11, 0)};
    struct slot_span opt_busy[] = {span(11, 0, 12, 0)};
    struct slot_person p[] = {{true, work, 1, a_busy, 1}, {false, work, 1, opt_busy, 1}};
    /* Hour-long slots on the hour: 9:00 (A tight: ends where A's meeting starts), 11:00 (A
     * tight, optional away), 12:00 (nobody tight with 30 minutes' room? A ended 11:00: an hour
     * of room, so not tight; optional free). */
    struct slot_query q = {0, 24 * HOUR, HOUR, 0, HOUR, 30 * MIN, 3};
    struct slot_result r[3];
    assert_int_equal(slot_find(&q, p, 2, r), 3);
    assert_int_equal(r[0].start, 12 * HOUR);
    assert_int_equal(r[0].score, 0);
    assert_int_equal(r[1].start, 9 * HOUR);
    assert_int_equal(r[1].tight, 1);
    assert_int_equal(r[1].optional_away, 0);
    assert_int_equal(r[1].score, 2);
    assert_int_equal(r[2].start, 11 * HOUR);
    assert_int_equal(r[2].tight, 1);
    assert_int_equal(r[2].optional_away, 2);
    assert_int_equal(r[2].score, 5);
}

static void test_nobody_required(void **state)
{
    (void)state;
    struct slot_span work[] = {span(9, 0, 17, 0)};
    struct slot_person p[] = {{false, work, 1, NULL, 0}};
    struct slot_query q = {0, 24 * HOUR, HOUR, 0, HOUR, 0, 3};
    struct slot_result r[3];
    assert_int_equal(slot_find(&q, p, 1, r), 0);
}

/* Brute force on a minute grid: whether minute t is inside one of s. */
static bool covered(const struct slot_span *s, size_t n, int64_t t)
{
    for (size_t i = 0; i < n; i++)
        if (s[i].start <= t && t < s[i].end)
            return true;
    return false;
}

static bool free_at(const struct slot_person *p, int64_t s, int64_t e, int64_t buffer)
{
    for (int64_t t = s; t < e; t += MIN)
        if (!covered(p->work, p->nwork, t))
            return false;
    for (size_t i = 0; i < p->nbusy; i++)
        if (p->busy[i].end > p->busy[i].start && p->busy[i].start < e + buffer &&
            p->busy[i].end > s - buffer)
            return false;
    return true;
}

static bool brute_better(const struct slot_result *a, const struct slot_result *b)
{
    return a->score != b->score ? a->score < b->score : a->start < b->start;
}

static void test_brute_force(void **state)
{
    (void)state;
    srand(12345);
    for (int round = 0; round < 400; round++) {
        enum { NP = 4, NW = 3, NB = 6 };
        struct slot_span work[NP][NW], busy[NP][NB];
        struct slot_person p[NP];
        size_t np = 1 + (size_t)(rand() % NP);
        for (size_t i = 0; i < np; i++) {
            for (int w = 0; w < NW; w++) {
                int64_t s = (rand() % 48) * 15 * MIN;
                work[i][w] = (struct slot_span){s, s + (rand() % 20) * 15 * MIN};
            }
            for (int b = 0; b < NB; b++) {
                int64_t s = (rand() % 96) * 10 * MIN;
                busy[i][b] = (struct slot_span){s, s + (rand() % 10) * 10 * MIN};
            }
            p[i] = (struct slot_person){rand() % 3 != 0, work[i], NW, busy[i], NB};
        }
        p[0].required = true;
        struct slot_query q = {(rand() % 10) * 30 * MIN,    16 * HOUR,
                               (1 + rand() % 6) * 15 * MIN, (rand() % 3) * 10 * MIN,
                               (1 + rand() % 3) * 10 * MIN, (rand() % 3) * 15 * MIN,
                               (size_t)(1 + rand() % 6)};
        /* Every candidate by brute force, ranked. */
        struct slot_result all[200];
        size_t nall = 0;
        for (int64_t s = (q.from + q.step - 1) / q.step * q.step; s + q.duration <= q.to;
             s += q.step) {
            int64_t e = s + q.duration;
            struct slot_result r = {s, e, 0, 0, 0};
            bool ok = true;
            for (size_t i = 0; i < np && ok; i++) {
                if (p[i].required) {
                    ok = free_at(&p[i], s, e, q.buffer);
                    if (ok && !free_at(&(struct slot_person){true, &(struct slot_span){s, e}, 1,
                                                             p[i].busy, p[i].nbusy},
                                       s, e, q.buffer + q.tight)) {
                        r.tight |= UINT64_C(1) << i;
                        r.score += 2;
                    }
                } else if (!free_at(&p[i], s, e, q.buffer)) {
                    r.optional_away |= UINT64_C(1) << i;
                    r.score += 3;
                }
            }
            if (ok)
                all[nall++] = r;
        }
        for (size_t i = 1; i < nall; i++)
            for (size_t j = i; j > 0 && brute_better(&all[j], &all[j - 1]); j--) {
                struct slot_result t = all[j];
                all[j] = all[j - 1];
                all[j - 1] = t;
            }
        struct slot_result got[6];
        size_t n = slot_find(&q, p, np, got);
        size_t want = nall < q.count ? nall : q.count;
        assert_int_equal(n, want);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(got[i].start, all[i].start);
            assert_int_equal(got[i].score, all[i].score);
            assert_int_equal(got[i].tight, all[i].tight);
            assert_int_equal(got[i].optional_away, all[i].optional_away);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),       cmocka_unit_test(test_common_free_time),
        cmocka_unit_test(test_buffer),          cmocka_unit_test(test_tight_and_optional),
        cmocka_unit_test(test_nobody_required), cmocka_unit_test(test_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
