/* leave_calc.h: leave-balance arithmetic on plain numbers (no I/O, no SQL): what an absence
 * charges per local day, and a year's balance from its entitlement, monthly accrual and
 * carry-over with an expiry date. The rules are in docs/api.md ("Leave balances"). */
#ifndef HL_LEAVE_CALC_H
#define HL_LEAVE_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A day away longer than this many seconds charges a whole day; a shorter one half a day. */
#define LEAVE_HALF_DAY_SECONDS (4 * 3600)

/* One local day an absence touches: the day (days since 1970-01-01), the seconds away on it,
 * and whether it is a public holiday of the person's office (holidays charge nothing). */
struct leave_day {
    int64_t day;
    int64_t seconds;
    bool holiday;
};

/* What one day charges, in days: 0 (a holiday or no time), 0.5 or 1. */
double leave_day_charge(const struct leave_day *d);

/* A charged day of the year's booked leave (requested or approved). */
struct leave_use {
    int64_t day;
    double days;
};

/* A person's year of one leave kind. */
struct leave_year {
    int year;
    double entitlement;    /* days a year */
    bool monthly;          /* accrues entitlement/12 as each month begins; else all on 1 Jan */
    double carry_over;     /* days carried over from the year before */
    int64_t carry_expires; /* last day the carry-over may be used; -1: it does not expire */
};

struct leave_balance {
    double accrued;            /* of the entitlement, by as_of (rounded down to half days) */
    double used;               /* every booked day of the year */
    double carry_over_used;    /* booked days on or before the expiry taken from the carry-over */
    double carry_over_left;    /* still usable on as_of (0 once expired) */
    double carry_over_expired; /* carried over, unused, and expired by as_of */
    double balance;            /* accrued + carry_over_left − (used − carry_over_used) */
};

/* The balance of the year on day as_of, with the booked days `used` (any order; days outside
 * the year are ignored). Days on or before the carry-over's expiry use the carry-over first. */
void leave_balance_compute(const struct leave_year *y, const struct leave_use *used, size_t n,
                           int64_t as_of, struct leave_balance *out);

#endif
