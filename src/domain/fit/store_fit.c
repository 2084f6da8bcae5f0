/* store_fit.c: SQL of the role-fit domain (store_fit.h). Every value is bound. */
#include "store_fit.h"

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* today's primaries: ?2 is today's date (YYYY-MM-DD, UTC) */
#define ACTIVE_PRIMARY                                                                             \
    "x.kind = 'primary' AND x.start_date <= ?2 AND (x.end_date IS NULL OR x.end_date >= ?2)"

static void *grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, (n ? n : 1) * size);
    if (!q)
        abort();
    return q;
}

static size_t index_of(const int64_t *ids, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id ? lo : n;
}

static enum hl_err done(struct db *db, sqlite3_stmt *st, int rc, const char *what,
                        struct hl_error *err)
{
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, what, err);
}

enum hl_err store_fit_pool(struct db *db, const char *department, struct fit_pool *out,
                           struct hl_error *err)
{
    memset(out, 0, sizeof *out);
    enum hl_err e = HL_OK;
    int rc;
    sqlite3_stmt *st;
    char today[11];
    {
        st = db_prepare(db, "SELECT date(?1, 'unixepoch')", err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, db_now(db));
        rc = sqlite3_step(st);
        snprintf(today, sizeof today, "%s",
                 rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "");
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return db_error(db, rc, "today", err);
    }
#define BIND12                                                                                     \
    do {                                                                                           \
        if (department)                                                                            \
            sqlite3_bind_text(st, 1, department, -1, SQLITE_TRANSIENT);                            \
        else                                                                                       \
            sqlite3_bind_null(st, 1);                                                              \
        sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);                                     \
    } while (0)

    st = db_prepare(db,
                    "SELECT p.id, pe.name, (SELECT x.assistant_id FROM assignment x "
                    "WHERE x.principal_id = p.id AND " ACTIVE_PRIMARY
                    " ORDER BY x.start_date DESC, x.id DESC LIMIT 1) "
                    "FROM principal p JOIN person pe ON pe.id = p.id "
                    "WHERE pe.active = 1 AND (?1 IS NULL OR p.department = ?1) ORDER BY p.id",
                    err);
    if (!st)
        goto fail;
    BIND12;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = out->n_exec++;
        out->exec_id = grow(out->exec_id, out->n_exec, sizeof *out->exec_id);
        out->exec_current = grow(out->exec_current, out->n_exec, sizeof *out->exec_current);
        out->exec_name = grow(out->exec_name, out->n_exec, sizeof *out->exec_name);
        out->exec_id[k] = sqlite3_column_int64(st, 0);
        out->exec_name[k] = hl_strdup((const char *)sqlite3_column_text(st, 1));
        out->exec_current[k] = sqlite3_column_int64(st, 2);
    }
    if ((e = done(db, st, rc, "executives", err)) != HL_OK)
        goto fail;

    st = db_prepare(db,
                    "SELECT a.id, pe.name, a.capacity, a.experience_years, "
                    "(SELECT count(*) FROM assignment x JOIN principal q ON q.id = x.principal_id "
                    " WHERE x.assistant_id = a.id AND " ACTIVE_PRIMARY
                    " AND NOT (?1 IS NULL OR q.department = ?1)) "
                    "FROM assistant a JOIN person pe ON pe.id = a.id WHERE pe.active = 1 "
                    "ORDER BY a.id",
                    err);
    if (!st)
        goto fail;
    BIND12;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = out->n_asst++;
        out->asst_id = grow(out->asst_id, out->n_asst, sizeof *out->asst_id);
        out->asst_name = grow(out->asst_name, out->n_asst, sizeof *out->asst_name);
        out->asst_free = grow(out->asst_free, out->n_asst, sizeof *out->asst_free);
        out->asst_years = grow(out->asst_years, out->n_asst, sizeof *out->asst_years);
        out->asst_id[k] = sqlite3_column_int64(st, 0);
        out->asst_name[k] = hl_strdup((const char *)sqlite3_column_text(st, 1));
        int32_t left = sqlite3_column_int(st, 2) - sqlite3_column_int(st, 4);
        out->asst_free[k] = left > 0 ? left : 0;
        out->asst_years[k] = sqlite3_column_int(st, 3);
    }
    if ((e = done(db, st, rc, "assistants", err)) != HL_OK)
        goto fail;

    /* needs, grouped by executive (rows in executive order) */
    out->need0 = calloc(out->n_exec + 1, sizeof *out->need0);
    out->skill0 = calloc(out->n_asst + 1, sizeof *out->skill0);
    if (!out->need0 || !out->skill0)
        abort();
    st = db_prepare(db,
                    "SELECT pd.principal_id, ds.skill_id, max(ds.min_level), max(pd.must_have) "
                    "FROM principal_duty pd JOIN duty_skill ds ON ds.duty_id = pd.duty_id "
                    "GROUP BY pd.principal_id, ds.skill_id ORDER BY pd.principal_id, ds.skill_id",
                    err);
    if (!st)
        goto fail;
    size_t nn = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t i = index_of(out->exec_id, out->n_exec, sqlite3_column_int64(st, 0));
        if (i == out->n_exec)
            continue;
        out->needs = grow(out->needs, nn + 1, sizeof *out->needs);
        out->needs[nn++] = (struct fit_need){sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2),
                                             sqlite3_column_int(st, 3) != 0};
        out->need0[i + 1]++;
    }
    if ((e = done(db, st, rc, "needs", err)) != HL_OK)
        goto fail;
    for (size_t i = 0; i < out->n_exec; i++)
        out->need0[i + 1] += out->need0[i];

    st = db_prepare(db,
                    "SELECT assistant_id, skill_id, level FROM assistant_skill_effective "
                    "WHERE level > 0 ORDER BY assistant_id, skill_id",
                    err);
    if (!st)
        goto fail;
    size_t ns = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t j = index_of(out->asst_id, out->n_asst, sqlite3_column_int64(st, 0));
        if (j == out->n_asst)
            continue;
        out->skills = grow(out->skills, ns + 1, sizeof *out->skills);
        out->skills[ns++] = (struct fit_skill){sqlite3_column_int64(st, 1),
                                               sqlite3_column_int(st, 2), out->asst_years[j]};
        out->skill0[j + 1]++;
    }
    if ((e = done(db, st, rc, "skills", err)) != HL_OK)
        goto fail;
    for (size_t j = 0; j < out->n_asst; j++)
        out->skill0[j + 1] += out->skill0[j];

    st = db_prepare(db,
                    "SELECT assistant_id, principal_id FROM incompatible_pair "
                    "UNION SELECT a.person_id, b.person_id FROM case_party a "
                    "JOIN case_party b ON b.case_id = a.case_id "
                    "JOIN mediation_case c ON c.id = a.case_id "
                    "WHERE c.status <> 'closed' AND a.person_id IN (SELECT id FROM assistant) "
                    "AND b.person_id IN (SELECT id FROM principal)",
                    err);
    if (!st)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->forbid = grow(out->forbid, 2 * (out->n_forbid + 1), sizeof *out->forbid);
        out->forbid[2 * out->n_forbid] = sqlite3_column_int64(st, 0);
        out->forbid[2 * out->n_forbid + 1] = sqlite3_column_int64(st, 1);
        out->n_forbid++;
    }
    if ((e = done(db, st, rc, "forbidden pairs", err)) != HL_OK)
        goto fail;
    return HL_OK;
fail:
    if (e == HL_OK)
        e = err->code;
    store_fit_pool_free(out);
    return e;
#undef BIND12
}

void store_fit_pool_free(struct fit_pool *p)
{
    for (size_t i = 0; i < p->n_exec; i++)
        free(p->exec_name[i]);
    for (size_t j = 0; j < p->n_asst; j++)
        free(p->asst_name[j]);
    free(p->exec_id);
    free(p->exec_current);
    free(p->exec_name);
    free(p->asst_id);
    free(p->asst_name);
    free(p->asst_free);
    free(p->asst_years);
    free(p->need0);
    free(p->needs);
    free(p->skill0);
    free(p->skills);
    free(p->forbid);
    memset(p, 0, sizeof *p);
}
