/* store_recruit.c: the recruiting domain's SQL (see store_recruit.h). */
#include "store_recruit.h"

#include "mem.h"
#include "recruit.h"

#include <string.h>

struct param {
    int64_t i;
    const char *s;
};

/* Runs sql with params and appends each row as an object (column names as keys) to *rows. */
static enum hl_err rows(struct db *db, const char *sql, const struct param *p, size_t np,
                        json_t **out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    for (size_t i = 0; i < np; i++) {
        if (p[i].s)
            sqlite3_bind_text(st, (int)i + 1, p[i].s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, (int)i + 1, p[i].i);
    }
    if (!*out)
        *out = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            json_t *v;
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER:
                v = json_integer(sqlite3_column_int64(st, c));
                break;
            case SQLITE_FLOAT:
                v = json_real(sqlite3_column_double(st, c));
                break;
            case SQLITE_TEXT:
                v = json_stringn((const char *)sqlite3_column_text(st, c),
                                 (size_t)sqlite3_column_bytes(st, c));
                break;
            default:
                v = json_null();
            }
            json_object_set_new(o, sqlite3_column_name(st, c), v ? v : json_null());
        }
        json_array_append_new(*out, o);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "recruit query", err);
    return HL_OK;
}

static enum hl_err exec(struct db *db, const char *sql, const struct param *p, size_t np,
                        struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    for (size_t i = 0; i < np; i++) {
        if (p[i].s)
            sqlite3_bind_text(st, (int)i + 1, p[i].s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, (int)i + 1, p[i].i);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "recruit change", err);
}

static json_t *names(json_t *rs, const char *key)
{
    json_t *a = json_array(), *r;
    size_t i;
    json_array_foreach(rs, i, r) json_array_append(a, json_object_get(r, key));
    return a;
}

enum hl_err store_recruit_template(struct db *db, int64_t principal_id, json_t **out,
                                   struct hl_error *err)
{
    struct param p[] = {{principal_id, NULL}};
    json_t *who = NULL, *duties = NULL, *skills = NULL;
    enum hl_err e = rows(db,
                         "SELECT pe.name, pe.office, pe.languages FROM principal pr JOIN person pe "
                         "ON pe.id = pr.id WHERE pr.id = ?",
                         p, 1, &who, err);
    if (e == HL_OK && json_array_size(who) == 0)
        e = hl_fail(err, HL_ERR_NOT_FOUND, "principal_id", "no executive %lld",
                    (long long)principal_id);
    if (e == HL_OK)
        e = rows(db,
                 "SELECT d.name FROM principal_duty pd JOIN duty d ON d.id = pd.duty_id "
                 "WHERE pd.principal_id = ? ORDER BY pd.must_have DESC, d.name",
                 p, 1, &duties, err);
    if (e == HL_OK)
        e = rows(db,
                 "SELECT DISTINCT s.name FROM principal_duty pd JOIN duty_skill ds ON "
                 "ds.duty_id = pd.duty_id JOIN skill s ON s.id = ds.skill_id WHERE "
                 "pd.principal_id = ? AND pd.must_have = 1 ORDER BY s.name",
                 p, 1, &skills, err);
    if (e == HL_OK) {
        json_t *w = json_array_get(who, 0);
        json_t *langs = json_loads(json_string_value(json_object_get(w, "languages")), 0, NULL);
        *out = json_pack("{sO sO so so so}", "name", json_object_get(w, "name"), "office",
                         json_object_get(w, "office"), "languages",
                         json_is_array(langs) ? langs : json_array(), "duties",
                         names(duties, "name"), "must_skills", names(skills, "name"));
        if (!json_is_array(langs))
            json_decref(langs);
    }
    json_decref(who);
    json_decref(duties);
    json_decref(skills);
    return e;
}

enum hl_err store_recruit_ids(struct db *db, int64_t requisition, const char *stage,
                              const char *language, int64_t **ids, size_t *n, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT id FROM application a WHERE requisition_id = ?1 AND (CASE WHEN ?2 IS NULL "
        "THEN stage IN ('applied', 'screening', 'interview', 'offer') ELSE stage = ?2 END) "
        "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(a.languages) j "
        "WHERE lower(j.value) = lower(?3))) ORDER BY id",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, requisition);
    if (stage)
        sqlite3_bind_text(st, 2, stage, -1, SQLITE_TRANSIENT);
    if (language)
        sqlite3_bind_text(st, 3, language, -1, SQLITE_TRANSIENT);
    size_t cap = 256, len = 0;
    int64_t *a = hl_malloc(cap * sizeof *a);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap)
            a = hl_realloc(a, (cap *= 2) * sizeof *a);
        a[len++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        free(a);
        return db_error(db, rc, "applications", err);
    }
    *ids = a;
    *n = len;
    return HL_OK;
}

enum hl_err store_recruit_match(struct db *db, const char *query, bool with_bm25,
                                void (*fn)(void *cls, int64_t id, double bm25), void *cls,
                                struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   with_bm25 ? "SELECT rowid, bm25(application_search, 1.0, 1.0, 0.0) "
                               "FROM application_search WHERE application_search "
                               "MATCH ?"
                             : "SELECT rowid, 0 FROM application_search WHERE "
                               "application_search MATCH ?",
                   err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(cls, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "resume search", err);
    return HL_OK;
}

enum hl_err store_recruit_stages(struct db *db, int64_t requisition, int64_t app, json_t **out,
                                 struct hl_error *err)
{
    struct param p[] = {{requisition, NULL}, {app, NULL}};
    *out = NULL;
    return rows(db,
                "SELECT s.application_id, s.stage, s.entered_at, s.left_at FROM "
                "application_stage s JOIN application a ON a.id = s.application_id WHERE "
                "(?1 = 0 OR a.requisition_id = ?1) AND (?2 = 0 OR a.id = ?2) "
                "ORDER BY s.application_id, s.entered_at, s.rowid",
                p, 2, out, err);
}

enum hl_err store_recruit_file_put(struct db *db, int64_t app, const void *data, size_t len,
                                   struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT OR REPLACE INTO application_file (application_id, data) VALUES (?, ?)", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, app);
    sqlite3_bind_blob64(st, 2, data, len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "resume file", err);
}

/* The demo's pipeline history: app's stage rows replaced by stages[0..n) entered at at[0..n),
 * each left when the next is entered (the last still open), so the board shows time spent. */
enum hl_err store_recruit_demo_history(struct db *db, int64_t app, const char *const *stages,
                                       const int64_t *at, size_t n, struct hl_error *err)
{
    sqlite3_stmt *del =
        db_prepare(db, "DELETE FROM application_stage WHERE application_id = ?", err);
    if (!del)
        return err->code;
    sqlite3_bind_int64(del, 1, app);
    int rc = sqlite3_step(del);
    sqlite3_reset(del);
    sqlite3_clear_bindings(del);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, "stage history", err);
    sqlite3_stmt *ins = db_prepare(db,
                                   "INSERT INTO application_stage (application_id, stage, "
                                   "entered_at, left_at) VALUES (?, ?, ?, ?)",
                                   err);
    if (!ins)
        return err->code;
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        sqlite3_bind_int64(ins, 1, app);
        sqlite3_bind_text(ins, 2, stages[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, at[i]);
        if (i + 1 < n)
            sqlite3_bind_int64(ins, 4, at[i + 1]);
        else
            sqlite3_bind_null(ins, 4);
        rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_clear_bindings(ins);
    }
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "stage history", err);
}

enum hl_err store_recruit_file_get(struct db *db, int64_t app, unsigned char **data, size_t *len,
                                   struct hl_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT data FROM application_file WHERE application_id = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, app);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        *data = hl_malloc(n ? n : 1);
        memcpy(*data, sqlite3_column_blob(st, 0), n);
        *len = n;
    } else if (rc == SQLITE_DONE) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "application %lld has no resume file",
                    (long long)app);
    } else {
        e = db_error(db, rc, "resume file", err);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return e;
}

enum hl_err store_recruit_public(struct db *db, int64_t posting_id, json_t **out,
                                 struct hl_error *err)
{
    struct param p[] = {{posting_id, NULL}};
    *out = NULL;
    if (posting_id > 0)
        return rows(db,
                    "SELECT p.id, p.requisition_id, p.lang, p.title, p.body, r.office FROM "
                    "posting p JOIN requisition r ON r.id = p.requisition_id WHERE p.status = "
                    "'published' AND r.status = 'approved' AND p.requisition_id = (SELECT "
                    "requisition_id FROM posting WHERE id = ?1) ORDER BY p.id <> ?1, p.id",
                    p, 1, out, err);
    return rows(db,
                "SELECT p.id, p.requisition_id, p.lang, p.title, p.body, r.office FROM posting p "
                "JOIN requisition r ON r.id = p.requisition_id WHERE p.status = 'published' AND "
                "r.status = 'approved' ORDER BY p.requisition_id DESC, p.lang",
                NULL, 0, out, err);
}

enum hl_err store_recruit_erase(struct db *db, int64_t id, const char *email, struct hl_error *err)
{
    struct param p[] = {{id, NULL}};
    struct param m[] = {{0, email}};
    /* the audit keeps that the interviews, scorecards and offers happened, not what they said
     * (notes, scores, the candidate's times, the terms): blanked before the cascade takes their ids
     */
    enum hl_err e = exec(db,
                         "UPDATE audit_log SET before = NULL, after = NULL WHERE "
                         "(entity = 'interview' AND entity_id IN "
                         " (SELECT id FROM interview WHERE application_id = ?1)) OR "
                         "(entity = 'scorecard' AND entity_id IN (SELECT s.id FROM scorecard s "
                         " JOIN interview i ON i.id = s.interview_id WHERE i.application_id = ?1)) "
                         "OR (entity = 'offer' AND entity_id IN "
                         " (SELECT id FROM offer WHERE application_id = ?1))",
                         p, 1, err);
    if (e == HL_OK)
        e = exec(db, "DELETE FROM application WHERE id = ?", p, 1, err);
    if (e == HL_OK)
        e = exec(db,
                 "UPDATE audit_log SET before = NULL, after = NULL WHERE entity = 'application' "
                 "AND entity_id = ?",
                 p, 1, err);
    if (e == HL_OK && email)
        e = exec(db,
                 "DELETE FROM mail_outbox WHERE kind LIKE 'recruit.%' AND to_address = ? "
                 "COLLATE NOCASE",
                 m, 1, err);
    return e;
}

enum hl_err store_recruit_skills(struct db *db, int64_t assistant, const json_t *list,
                                 struct hl_error *err)
{
    int64_t now = db_now(db);
    size_t i;
    json_t *v;
    enum hl_err e = HL_OK;
    json_array_foreach(list, i, v)
    {
        struct param s[] = {{now, NULL}, {now, NULL}, {0, json_string_value(v)}};
        struct param a[] = {{now, NULL}, {now, NULL}, {assistant, NULL}, {0, json_string_value(v)}};
        if (!json_string_value(v))
            continue;
        if ((e = exec(db,
                      "INSERT INTO skill (created_at, updated_at, name) VALUES (?, ?, ?) "
                      "ON CONFLICT (name) DO NOTHING",
                      s, 3, err)) != HL_OK ||
            (e = exec(db,
                      "INSERT INTO assistant_skill (created_at, updated_at, assistant_id, "
                      "skill_id, level) SELECT ?, ?, ?, id, 3 FROM skill WHERE name = ? "
                      "ON CONFLICT DO NOTHING",
                      a, 4, err)) != HL_OK)
            break;
    }
    return e;
}

enum hl_err store_recruit_retention(struct db *db, int *days, int64_t *version,
                                    struct hl_error *err)
{
    json_t *rs = NULL;
    enum hl_err e =
        rows(db,
             "SELECT version, json_extract(value, '$.retention_days') AS days FROM setting "
             "WHERE key = 'recruit'",
             NULL, 0, &rs, err);
    json_t *r = json_array_get(rs, 0);
    *days = r && json_is_integer(json_object_get(r, "days"))
                ? (int)json_integer_value(json_object_get(r, "days"))
                : RECRUIT_RETENTION_DAYS;
    *version = r ? json_integer_value(json_object_get(r, "version")) : 1;
    json_decref(rs);
    return e;
}

enum hl_err store_recruit_retention_set(struct db *db, int days, int64_t version,
                                        struct hl_error *err)
{
    struct param p[] = {{db_now(db), NULL}, {days, NULL}, {version, NULL}};
    /* No row yet is version 1 (the default); the first change writes version 2. */
    enum hl_err e = exec(db,
                         "INSERT INTO setting (key, version, created_at, updated_at, value) "
                         "SELECT 'recruit', 2, ?1, ?1, json_object('retention_days', ?2) WHERE "
                         "?3 = 1 AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'recruit')",
                         p, 3, err);
    if (e == HL_OK && sqlite3_changes(db_handle(db)) == 0)
        e = exec(db,
                 "UPDATE setting SET value = json_object('retention_days', ?2), updated_at = ?1, "
                 "version = version + 1 WHERE key = 'recruit' AND version = ?3",
                 p, 3, err);
    if (e == HL_OK && sqlite3_changes(db_handle(db)) == 0)
        e = hl_fail(err, HL_ERR_STALE, NULL,
                    "the retention setting changed since you read it; read it again");
    return e;
}

enum hl_err store_recruit_expired(struct db *db, int64_t before, json_t **out, struct hl_error *err)
{
    struct param p[] = {{before, NULL}};
    *out = NULL;
    return rows(db,
                "SELECT id, email, requisition_id, stage FROM application WHERE stage IN "
                "('rejected', 'withdrawn') AND coalesce(stage_at, updated_at) < ? ORDER BY id",
                p, 1, out, err);
}

/* ---- screening's stored numbers ---- */

/* haldus_terms(application_search): a blob of uint32 — the row's token count, then per phrase
 * of the query its count in resume and note (the columns bm25 weighs 1) and in any column. The
 * same instances FTS5's own bm25() counts. */
static void terms_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *sc, int nval,
                     sqlite3_value **val)
{
    (void)nval;
    (void)val;
    int nphrase = api->xPhraseCount(fc), ninst = 0, size = 0;
    size_t bytes = (1 + 2 * (size_t)(nphrase > 0 ? nphrase : 0)) * sizeof(uint32_t);
    uint32_t *out = sqlite3_malloc64(bytes);
    if (!out) {
        sqlite3_result_error_nomem(sc);
        return;
    }
    memset(out, 0, bytes);
    int rc = api->xColumnSize(fc, -1, &size);
    if (rc == SQLITE_OK && nphrase > 0)
        rc = api->xInstCount(fc, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int ip, ic, io;
        rc = api->xInst(fc, i, &ip, &ic, &io);
        if (rc == SQLITE_OK && ip >= 0 && ip < nphrase) {
            out[2 + 2 * ip]++;
            if (ic < 2)
                out[1 + 2 * ip]++;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_free(out);
        sqlite3_result_error_code(sc, rc);
        return;
    }
    out[0] = size > 0 ? (uint32_t)size : 0;
    sqlite3_result_blob64(sc, out, bytes, sqlite3_free);
}

#define TERMS_PROBE "SELECT haldus_terms(application_search) FROM application_search WHERE 0"

enum hl_err store_recruit_fts_ready(struct db *db, struct hl_error *err)
{
    sqlite3 *h = db_handle(db);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, TERMS_PROBE, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_finalize(st);
        return HL_OK;
    }
    sqlite3_finalize(st);
    st = NULL;
    fts5_api *api = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2 ||
        api->xCreateFunction(api, "haldus_terms", NULL, terms_fn, NULL) != SQLITE_OK)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the resume search is not available");
    return HL_OK;
}

enum hl_err store_recruit_rank_scan(struct db *db, int64_t requisition, const char *stage,
                                    const char *language,
                                    void (*fn)(void *cls, int64_t id, const void *blob, int len),
                                    void *cls, struct hl_error *err)
{
    /* No ORDER BY: the covering index (requisition_id, stage, languages, rank_terms) is read
     * as it is, without a sort of the whole lot; one statement per kind of filter, so the
     * stage is a seek, not a test on every row. */
#define SCAN_SELECT "SELECT id, rank_terms FROM application a WHERE requisition_id = ?1 AND "
#define SCAN_OPEN   "stage IN ('applied', 'screening', 'interview', 'offer')"
#define SCAN_LANG                                                                                  \
    " AND EXISTS (SELECT 1 FROM json_each(a.languages) j WHERE lower(j.value) = lower(?3))"
    static const char *const sql[4] = {
        SCAN_SELECT SCAN_OPEN,
        SCAN_SELECT "stage = ?2",
        SCAN_SELECT SCAN_OPEN SCAN_LANG,
        SCAN_SELECT "stage = ?2" SCAN_LANG,
    };
    sqlite3_stmt *st = db_prepare(db, sql[(stage ? 1 : 0) + (language ? 2 : 0)], err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, requisition);
    if (stage)
        sqlite3_bind_text(st, 2, stage, -1, SQLITE_TRANSIENT);
    if (language)
        sqlite3_bind_text(st, 3, language, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(cls, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
           sqlite3_column_bytes(st, 1));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "applications", err);
}

/* Copies the blob of haldus_terms into doclen, freq and hit (nphrase each). */
static void terms_copy(sqlite3_stmt *st, unsigned nphrase, uint32_t *doclen, uint32_t *freq,
                       uint32_t *hit)
{
    const void *v = sqlite3_column_blob(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0) / sizeof(uint32_t);
    uint32_t tmp[1 + 2 * (RANK_TERMS_MAX + RANK_WORDS_MAX)];
    if (n > sizeof tmp / sizeof tmp[0])
        n = sizeof tmp / sizeof tmp[0];
    if (n)
        memcpy(tmp, v, n * sizeof(uint32_t)); /* the blob may not be aligned */
    *doclen = n > 0 ? tmp[0] : 0;
    for (unsigned k = 0; k < nphrase; k++) {
        freq[k] = 2 + 2 * (size_t)k < n ? tmp[1 + 2 * k] : 0;
        hit[k] = 2 + 2 * (size_t)k < n ? tmp[2 + 2 * k] : 0;
    }
}

enum hl_err store_recruit_terms(struct db *db, int64_t id, const char *query, unsigned nphrase,
                                uint32_t *doclen, uint32_t *freq, uint32_t *hit,
                                struct hl_error *err)
{
    for (unsigned k = 0; k < nphrase; k++)
        freq[k] = hit[k] = 0;
    *doclen = 0;
    int rc = SQLITE_DONE;
    if (query && *query && nphrase > 0) {
        sqlite3_stmt *st = db_prepare(db,
                                      "SELECT haldus_terms(application_search) FROM "
                                      "application_search WHERE application_search MATCH ?1 "
                                      "AND rowid = ?2",
                                      err);
        if (!st)
            return err->code;
        sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            terms_copy(st, nphrase, doclen, freq, hit);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (rc == SQLITE_ROW)
            return HL_OK;
        if (rc != SQLITE_DONE)
            return db_error(db, rc, "resume search", err);
    }
    /* No term in it: only its length. */
    sqlite3_stmt *st = db_prepare(
        db, "SELECT haldus_terms(application_search) FROM application_search WHERE rowid = ?1",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        terms_copy(st, 0, doclen, freq, hit);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "resume search", err);
}

enum hl_err store_recruit_terms_all(struct db *db, const char *query, unsigned nphrase,
                                    void (*fn)(void *cls, int64_t id, uint32_t doclen,
                                               const uint32_t *freq, const uint32_t *hit),
                                    void *cls, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT haldus_terms(application_search), rowid FROM "
                                  "application_search WHERE application_search MATCH ?1",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    uint32_t freq[RANK_TERMS_MAX], hit[RANK_TERMS_MAX], doclen; /* terms or extra words */
    if (nphrase > RANK_TERMS_MAX)
        nphrase = RANK_TERMS_MAX;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        terms_copy(st, nphrase, &doclen, freq, hit);
        fn(cls, sqlite3_column_int64(st, 1), doclen, freq, hit);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "resume search", err);
}

enum hl_err store_recruit_terms_put(struct db *db, int64_t id, const void *blob, size_t len,
                                    struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE application SET rank_terms = ?1 WHERE id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_blob64(st, 1, blob, len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "screening numbers", err);
}

/* ---- offers ---- */

enum hl_err store_offer_ids(struct db *db, int64_t app, const char *status, json_t **out,
                            struct hl_error *err)
{
    struct param p[] = {{app, NULL}, {0, status ? status : ""}};
    *out = NULL;
    return rows(db,
                "SELECT id, status FROM offer WHERE application_id = ?1 AND (?2 = '' OR status = "
                "?2) ORDER BY id",
                p, 2, out, err);
}

enum hl_err store_offer_due(struct db *db, const char *today, json_t **out, struct hl_error *err)
{
    struct param p[] = {{0, today}};
    *out = NULL;
    return rows(db, "SELECT id FROM offer WHERE status = 'sent' AND expires_on < ? ORDER BY id", p,
                1, out, err);
}

enum hl_err store_offer_latest(struct db *db, int64_t req, json_t **out, struct hl_error *err)
{
    struct param p[] = {{req, NULL}};
    *out = NULL;
    return rows(db,
                "SELECT o.application_id, o.status FROM offer o JOIN application a ON a.id = "
                "o.application_id WHERE a.requisition_id = ? AND o.id = (SELECT max(id) FROM offer "
                "WHERE application_id = o.application_id) ORDER BY o.application_id",
                p, 1, out, err);
}
