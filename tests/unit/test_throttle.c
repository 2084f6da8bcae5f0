/* test_throttle.c: unit tests of src/lib/throttle.c, the public pages' per-address limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "throttle.h"

static void test_window(void **state)
{
    (void)state;
    static struct throttle t = THROTTLE_INIT(64, 3, 600);
    int64_t wait = -1;
    assert_true(throttle_take(&t, "10.0.0.1", 1000, &wait));
    assert_true(throttle_take(&t, "10.0.0.1", 1100, &wait));
    assert_true(throttle_take(&t, "10.0.0.1", 1200, &wait));
    assert_int_equal(wait, -1); /* untouched while allowed */
    /* The fourth within 600 s of the first is refused, with the seconds until the first ages. */
    assert_false(throttle_take(&t, "10.0.0.1", 1300, &wait));
    assert_int_equal(wait, 300);
    assert_false(throttle_take(&t, "10.0.0.1", 1599, NULL));
    /* Another address has its own budget. */
    assert_true(throttle_take(&t, "10.0.0.2", 1300, NULL));
    /* Once the first is 600 s old one more passes; then the second's turn decides. */
    assert_true(throttle_take(&t, "10.0.0.1", 1600, &wait));
    assert_false(throttle_take(&t, "10.0.0.1", 1650, &wait));
    assert_int_equal(wait, 50);
    assert_true(throttle_take(&t, "10.0.0.1", 1700, NULL));
}

static void test_no_address(void **state)
{
    (void)state;
    static struct throttle t = THROTTLE_INIT(16, 2, 60);
    /* NULL and "" are one address, "?". */
    assert_true(throttle_take(&t, NULL, 10, NULL));
    assert_true(throttle_take(&t, "", 10, NULL));
    assert_false(throttle_take(&t, "?", 10, NULL));
    assert_true(throttle_take(&t, "::1", 10, NULL));
}

static void test_one_slot(void **state)
{
    (void)state;
    /* A table of one slot: a second address takes it over and starts afresh, so at worst two
     * addresses share (and reset) a budget, never lose it for good. */
    static struct throttle t = THROTTLE_INIT(1, 1, 600);
    assert_true(throttle_take(&t, "a", 10, NULL));
    assert_false(throttle_take(&t, "a", 11, NULL));
    assert_true(throttle_take(&t, "b", 12, NULL));
    assert_false(throttle_take(&t, "b", 13, NULL));
    assert_true(throttle_take(&t, "a", 14, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_no_address),
        cmocka_unit_test(test_one_slot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
