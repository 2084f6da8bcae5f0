/* store_leave.c: the leave domain's SQL beyond the generic entity path. */
#include "store_leave.h"
#include "mem.h"
#include "timeutil.h"

#include <string.h>

enum hl_err store_leave_policy(struct db *db, const char *office, const char *kind, bool *found,
                               double *days, bool *monthly, struct hl_error *err)
{
    *found = false;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT days, accrual = 'monthly' FROM leave_policy WHERE office = ?1 AND kind = ?2",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, office, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *found = true;
        *days = sqlite3_column_double(st, 0);
        *monthly = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "leave policy", err);
}

enum hl_err store_leave_entitlement(struct db *db, int64_t person, const char *kind, int year,
                                    struct leave_entitlement_row *out, struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    out->expires = -1;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT days, carry_over_days, carry_over_expires "
                                  "FROM leave_entitlement WHERE person_id = ?1 AND kind = ?2 "
                                  "AND year = ?3",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->found = true;
        out->has_days = sqlite3_column_type(st, 0) != SQLITE_NULL;
        out->days = sqlite3_column_double(st, 0);
        out->carry_over = sqlite3_column_double(st, 1);
        const unsigned char *x = sqlite3_column_text(st, 2);
        int64_t day;
        if (x && date_parse((const char *)x, &day))
            out->expires = day;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK
                                                 : db_error(db, rc, "leave entitlement", err);
}

enum hl_err store_leave_booked(struct db *db, int64_t person, const char *kind, int64_t from,
                               int64_t to, int64_t self, struct leave_span **out, size_t *n,
                               struct hl_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, start_at, end_at FROM absence INDEXED BY "
                                  "absence_person WHERE person_id = ?1 AND kind = ?2 AND "
                                  "start_at < ?4 AND end_at > ?3 AND id <> ?5 AND "
                                  "status IN ('requested', 'approved') ORDER BY start_at",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, from);
    sqlite3_bind_int64(st, 4, to);
    sqlite3_bind_int64(st, 5, self);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = hl_realloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] = (struct leave_span){
            sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "booked leave", err);
}

/* The one rule: absence row `a` is one that `person` decides in a manager's place today. */
static void standin_rows(struct buf *sql, const char *a, const char *person, const char *today)
{
    buf_printf(sql,
               "%s.status = 'requested' AND %s.person_id <> %s AND EXISTS (SELECT 1 FROM "
               "approval_standin s WHERE s.standin_id = %s AND s.from_date <= %s AND "
               "s.to_date >= %s)",
               a, a, person, person, today, today);
}

void store_leave_standin_sql(struct buf *sql, const char *person, const char *today)
{
    standin_rows(sql, "t", person, today);
}

void store_leave_standin_person_sql(struct buf *sql, const char *person, const char *today)
{
    buf_puts(sql, "t.id IN (SELECT sa.person_id FROM absence sa WHERE ");
    standin_rows(sql, "sa", person, today);
    buf_puts(sql, ")");
}

enum hl_err store_leave_standin(struct db *db, int64_t standin, const char *day, int64_t *manager,
                                struct hl_error *err)
{
    *manager = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT manager_id FROM approval_standin WHERE standin_id = ?1 "
                                  "AND from_date <= ?2 AND to_date >= ?2 ORDER BY from_date DESC, "
                                  "id DESC LIMIT 1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, standin);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *manager = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "stand-in", err);
}

enum hl_err store_leave_demo_people(struct db *db, const char *office, int64_t *ids, size_t n,
                                    size_t *got, struct hl_error *err)
{
    *got = 0;
    sqlite3_stmt *st =
        db_prepare(db,
                   "SELECT p.id FROM person p JOIN assistant a ON a.id = p.id "
                   "WHERE p.active = 1 ORDER BY p.office = ?1 DESC, p.id DESC LIMIT ?2",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, office, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)n);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *got < n)
        ids[(*got)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? HL_OK : db_error(db, rc, "demo people", err);
}
