/* timeutil.h: calendar dates, RFC 3339 instants and HH:MM local times, all without time zones. */
#ifndef HL_TIMEUTIL_H
#define HL_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date; the inverse fills y, m, d. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t days, int *y, int *m, int *d);
/* ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
int weekday_from_days(int64_t days);

/* Parses exactly "YYYY-MM-DD" (a real date, years 1900–2999) into a day number. */
bool date_parse(const char *s, int64_t *days);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(int64_t days, char out[11]);

/* Parses an RFC 3339 instant ("2026-12-01T08:00:00Z", offsets "+02:00" and fractions of a
 * second accepted, fractions dropped) into seconds since the epoch. */
bool instant_parse(const char *s, int64_t *out);
/* Writes the instant as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void instant_format(int64_t t, char out[21]);

/* Parses "HH:MM" (00:00–24:00) into minutes after midnight; formats back. */
bool hhmm_parse(const char *s, int *minutes);
void hhmm_format(int minutes, char out[6]);

#endif
