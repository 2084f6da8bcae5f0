/* leave_calc.c: leave-balance arithmetic on plain numbers (leave_calc.h). */
#include "leave_calc.h"
#include "timeutil.h"

#include <math.h>
#include <string.h>

double leave_day_charge(const struct leave_day *d)
{
    if (d->holiday || d->seconds <= 0)
        return 0;
    return d->seconds > LEAVE_HALF_DAY_SECONDS ? 1.0 : 0.5;
}

/* Rounded down to a half day; a tiny epsilon keeps 14.0 from becoming 13.5. */
static double half_days_down(double x)
{
    return floor(x * 2 + 1e-9) / 2;
}

void leave_balance_compute(const struct leave_year *y, const struct leave_use *used, size_t n,
                           int64_t as_of, struct leave_balance *out)
{
    memset(out, 0, sizeof *out);
    int64_t first = days_from_civil(y->year, 1, 1), last = days_from_civil(y->year, 12, 31);
    int months = 12;
    if (y->monthly) {
        int yy, mm, dd;
        civil_from_days(as_of, &yy, &mm, &dd);
        months = as_of < first ? 0 : as_of > last ? 12 : mm;
    }
    out->accrued = half_days_down(y->entitlement * months / 12.0);
    double before_expiry = 0;
    for (size_t i = 0; i < n; i++) {
        if (used[i].day < first || used[i].day > last)
            continue;
        out->used += used[i].days;
        if (y->carry_expires < 0 || used[i].day <= y->carry_expires)
            before_expiry += used[i].days;
    }
    out->carry_over_used = before_expiry < y->carry_over ? before_expiry : y->carry_over;
    double unused = y->carry_over - out->carry_over_used;
    if (y->carry_expires >= 0 && as_of > y->carry_expires)
        out->carry_over_expired = unused;
    else
        out->carry_over_left = unused;
    out->balance = out->accrued + out->carry_over_left - (out->used - out->carry_over_used);
}
