/* store_holiday.c: SQL of the holiday domain beyond the generic entity path: the calendars of
 * offices and the hand-added days of a range. */
#include "store_holiday.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return hl_strdup(s ? (const char *)s : "");
}

static void add(struct store_holiday_rows *r, char *office, char *text, int64_t id)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->rows = hl_realloc(r->rows, r->cap * sizeof *r->rows);
    }
    r->rows[r->n++] = (struct store_holiday_row){office, text, NULL, id};
}

enum hl_err store_office_calendars(struct db *db, const char *office,
                                   struct store_holiday_rows *out, struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT office, country FROM office_calendar "
                                  "WHERE country <> 'none' AND (?1 IS NULL OR office = ?1) "
                                  "ORDER BY office",
                                  err);
    if (!st)
        return err->code;
    if (office)
        sqlite3_bind_text(st, 1, office, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add(out, dup_col(st, 0), dup_col(st, 1), 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_holiday_rows_cleanup(out);
        return db_error(db, rc, "office calendars", err);
    }
    return HL_OK;
}

enum hl_err store_office_holidays(struct db *db, const char *from, const char *to,
                                  const char *office, struct store_holiday_rows *out,
                                  struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT office, name, date, id FROM office_holiday "
                                  "WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR office = ?3) "
                                  "ORDER BY office, date",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    if (office)
        sqlite3_bind_text(st, 3, office, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        add(out, dup_col(st, 0), dup_col(st, 1), sqlite3_column_int64(st, 3));
        out->rows[out->n - 1].date = dup_col(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_holiday_rows_cleanup(out);
        return db_error(db, rc, "office holidays", err);
    }
    return HL_OK;
}

void store_holiday_rows_cleanup(struct store_holiday_rows *r)
{
    for (size_t i = 0; r && i < r->n; i++) {
        free(r->rows[i].office);
        free(r->rows[i].text);
        free(r->rows[i].date);
    }
    if (r) {
        free(r->rows);
        memset(r, 0, sizeof *r);
    }
}
