/* test_leave_calc.c: the leave-balance arithmetic on plain numbers (leave_calc.c): what a day
 * charges, accrual, carry-over used first and its expiry, as a table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "leave_calc.h"
#include "timeutil.h"

#include <math.h>

static void test_day_charge(void **state)
{
    (void)state;
    static const struct {
        int64_t seconds;
        bool holiday;
        double want;
    } rows[] = {
        {0, false, 0},        {3600, false, 0.5}, {4 * 3600, false, 0.5}, {4 * 3600 + 1, false, 1},
        {8 * 3600, false, 1}, {86400, false, 1},  {86400, true, 0},       {3600, true, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct leave_day d = {0, rows[i].seconds, rows[i].holiday};
        assert_true(fabs(leave_day_charge(&d) - rows[i].want) < 1e-9);
    }
}

static int64_t D(int y, int m, int d)
{
    return days_from_civil(y, m, d);
}

static void test_balance_table(void **state)
{
    (void)state;
    struct leave_use march2[] = {{D(2031, 3, 2), 1}, {D(2031, 3, 3), 1}};
    struct leave_use spread[] = {
        {D(2030, 12, 31), 1}, {D(2031, 3, 30), 1}, {D(2031, 6, 1), 1}, {D(2032, 1, 1), 1}};
    static const struct leave_year monthly28 = {2031, 28, true, 0, -1};
    static const struct leave_year yearly28 = {2031, 28, false, 0, -1};
    static const struct leave_year carry5 = {2031, 24, true, 5, -1};
    struct leave_year carry5x = {2031, 24, true, 5, D(2031, 3, 31)};
    const struct {
        const struct leave_year *y;
        const struct leave_use *u;
        size_t n;
        int64_t as_of;
        double accrued, used, carry_used, carry_left, carry_expired, balance;
    } rows[] = {
        /* monthly: a twelfth as each month begins, rounded down to half days */
        {&monthly28, NULL, 0, D(2031, 1, 1), 2, 0, 0, 0, 0, 2},
        {&monthly28, NULL, 0, D(2031, 4, 10), 9, 0, 0, 0, 0, 9},
        {&monthly28, NULL, 0, D(2031, 12, 31), 28, 0, 0, 0, 0, 28},
        {&monthly28, NULL, 0, D(2030, 12, 31), 0, 0, 0, 0, 0, 0},
        {&monthly28, NULL, 0, D(2032, 2, 1), 28, 0, 0, 0, 0, 28},
        /* yearly: all on 1 January */
        {&yearly28, march2, 2, D(2031, 1, 1), 28, 2, 0, 0, 0, 26},
        /* only the year's days count */
        {&yearly28, spread, 4, D(2031, 6, 1), 28, 2, 0, 0, 0, 26},
        /* carry-over without expiry is used first and stays */
        {&carry5, march2, 2, D(2031, 4, 10), 8, 2, 2, 3, 0, 11},
        /* with an expiry: used before it, the rest gone after it */
        {&carry5x, march2, 2, D(2031, 3, 20), 6, 2, 2, 3, 0, 9},
        {&carry5x, march2, 2, D(2031, 4, 10), 8, 2, 2, 0, 3, 8},
        /* days after the expiry take the entitlement, even before as_of passes it */
        {&carry5x, spread, 4, D(2031, 3, 30), 6, 2, 1, 4, 0, 9},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct leave_balance b;
        leave_balance_compute(rows[i].y, rows[i].u, rows[i].n, rows[i].as_of, &b);
        if (fabs(b.accrued - rows[i].accrued) > 1e-9 || fabs(b.used - rows[i].used) > 1e-9 ||
            fabs(b.carry_over_used - rows[i].carry_used) > 1e-9 ||
            fabs(b.carry_over_left - rows[i].carry_left) > 1e-9 ||
            fabs(b.carry_over_expired - rows[i].carry_expired) > 1e-9 ||
            fabs(b.balance - rows[i].balance) > 1e-9)
            fail_msg("row %zu: accrued %g used %g carry used %g left %g expired %g balance %g", i,
                     b.accrued, b.used, b.carry_over_used, b.carry_over_left, b.carry_over_expired,
                     b.balance);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_charge),
        cmocka_unit_test(test_balance_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
