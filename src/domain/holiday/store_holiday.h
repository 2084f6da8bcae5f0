/* store_holiday.h: SQL of the holiday domain: office calendars and hand-added days. */
#ifndef HL_STORE_HOLIDAY_H
#define HL_STORE_HOLIDAY_H

#include "db.h"

#include <stddef.h>
#include <stdint.h>

struct store_holiday_row {
    char *office;
    char *text; /* the calendar's country code, or the hand-added day's name */
    char *date; /* hand-added days: "YYYY-MM-DD"; NULL for a calendar */
    int64_t id; /* hand-added days: the row's id */
};

struct store_holiday_rows {
    struct store_holiday_row *rows;
    size_t n, cap;
};

/* The offices with a calendar other than "none" (one office, or all when office is NULL). */
enum hl_err store_office_calendars(struct db *db, const char *office,
                                   struct store_holiday_rows *out, struct hl_error *err);

/* The hand-added days of [from, to] (dates "YYYY-MM-DD"), by office and date. */
enum hl_err store_office_holidays(struct db *db, const char *from, const char *to,
                                  const char *office, struct store_holiday_rows *out,
                                  struct hl_error *err);

void store_holiday_rows_cleanup(struct store_holiday_rows *r);

#endif
