/* holiday_domain.h: the holiday domain — which public-holiday calendar applies to an office, the
 * days a manager adds by hand, and the days of a range both give (generated ones by rule). */
#ifndef HL_HOLIDAY_DOMAIN_H
#define HL_HOLIDAY_DOMAIN_H

#include "db.h"
#include "domain.h"
#include "entity.h"
#include "svc.h"

#include <stdbool.h>
#include <stdint.h>

extern const struct entity ent_office_calendar;
extern const struct entity ent_office_holiday;
extern const struct domain domain_holiday;

/* One holiday of one office. */
struct holiday_entry {
    char *office;
    int64_t day; /* days since 1970-01-01 */
    char *name;
    char *country; /* the calendar it comes from ("EE", "GB-EAW"); NULL for a hand-added one */
    int64_t id;    /* the hand-added row's id; 0 for a generated day */
};

/* The holidays of a range, sorted by office then day; one entry per office and day (a day
 * added by hand replaces the generated one of the same day). */
struct holiday_set {
    struct holiday_entry *items;
    size_t n;
};

/* Fills *out with the holidays of every office (office NULL) or of one office over the days
 * [from_day, to_day], reading the calendars and hand-added days with the caller's connection
 * (inside the caller's transaction, if any). The caller frees with holiday_set_cleanup. */
enum hl_err holiday_set_load(struct db *db, int64_t from_day, int64_t to_day, const char *office,
                             struct holiday_set *out, struct hl_error *err);
void holiday_set_cleanup(struct holiday_set *s);

/* The holiday of office on day, or NULL. */
const struct holiday_entry *holiday_set_find(const struct holiday_set *s, const char *office,
                                             int64_t day);

/* Longest range GET /holidays answers, in days. */
#define HOLIDAY_MAX_RANGE_DAYS 1098

/* The holidays of [from_day, to_day] (of one office, or all when office is NULL) as the API's
 * answer {"from","to","items":[{office, date, name, generated, country|id}]}; *out owned by
 * the caller. */
enum hl_err svc_holiday_list(struct svc_ctx *ctx, int64_t from_day, int64_t to_day,
                             const char *office, json_t **out, struct hl_error *err);

/* GET /api/v1/holidays (api_holiday.c). */
struct request;
struct response;
enum hl_err api_holidays(struct request *req, struct response *res, struct hl_error *err);

#endif
