/* store_entity.c: generic SQL for the table-driven entities. Table and column names come
 * only from the constant entity descriptions; every value is bound. */
#include "store_entity.h"
#include "buf.h"
#include "jsonw.h"
#include "mem.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *qual(const struct field *f)
{
    return (f->flags & F_EXT) ? "x." : "t.";
}

static void select_prefix(struct buf *sql, const struct entity *ent)
{
    buf_puts(sql, "SELECT t.id, t.version, t.created_at, t.updated_at");
    for (size_t i = 0; i < ent->nfields; i++)
        buf_printf(sql, ", %s%s", qual(&ent->fields[i]), field_column(&ent->fields[i]));
    buf_printf(sql, " FROM %s t", ent->table);
    if (ent->ext)
        buf_printf(sql, " JOIN %s x ON x.id = t.id", ent->ext);
}

/* Binds a field's API value v to parameter idx. Returns the SQLite code. */
static int bind_value(sqlite3_stmt *st, int idx, const struct field *f, const json_t *v)
{
    if (!v || json_is_null(v))
        return sqlite3_bind_null(st, idx);
    switch (f->type) {
    case FT_INT:
    case FT_REF:
        return sqlite3_bind_int64(st, idx, json_integer_value(v));
    case FT_REAL:
        return sqlite3_bind_double(st, idx, json_number_value(v));
    case FT_BOOL:
        return sqlite3_bind_int(st, idx, json_is_true(v));
    case FT_INSTANT: {
        int64_t t = 0;
        instant_parse(json_string_value(v), &t);
        return sqlite3_bind_int64(st, idx, t);
    }
    case FT_HHMM: {
        int m = 0;
        hhmm_parse(json_string_value(v), &m);
        return sqlite3_bind_int(st, idx, m);
    }
    case FT_STRLIST: {
        char *text = json_dumps(v, JSON_COMPACT);
        return sqlite3_bind_text(st, idx, text, -1, free);
    }
    default:
        return sqlite3_bind_text(st, idx, json_string_value(v), (int)json_string_length(v),
                                 SQLITE_TRANSIENT);
    }
}

/* Writes column col of the current row as the field's API JSON value. */
static void column_write(struct buf *b, sqlite3_stmt *st, int col, const struct field *f)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) {
        buf_append(b, "null", 4);
        return;
    }
    switch (f->type) {
    case FT_INT:
    case FT_REF:
        jw_int(b, sqlite3_column_int64(st, col));
        return;
    case FT_REAL:
        jw_real(b, sqlite3_column_double(st, col));
        return;
    case FT_BOOL:
        buf_puts(b, sqlite3_column_int(st, col) ? "true" : "false");
        return;
    case FT_INSTANT: {
        char s[21];
        instant_format(sqlite3_column_int64(st, col), s);
        jw_string(b, s, 20);
        return;
    }
    case FT_HHMM: {
        char s[6];
        hhmm_format(sqlite3_column_int(st, col), s);
        jw_string(b, s, 5);
        return;
    }
    case FT_STRLIST: /* stored as compact JSON (bind_value), checked by json_valid() */
        buf_append(b, sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
        return;
    default:
        jw_string(b, (const char *)sqlite3_column_text(st, col),
                  (size_t)sqlite3_column_bytes(st, col));
    }
}

/* Writes the current row (from select_prefix) as the record's JSON object. */
static void row_write(struct buf *b, sqlite3_stmt *st, const struct entity *ent)
{
    char ts[21];
    buf_puts(b, "{\"id\":");
    jw_int(b, sqlite3_column_int64(st, 0));
    buf_puts(b, ",\"version\":");
    jw_int(b, sqlite3_column_int64(st, 1));
    buf_puts(b, ",\"created_at\":");
    instant_format(sqlite3_column_int64(st, 2), ts);
    jw_string(b, ts, 20);
    buf_puts(b, ",\"updated_at\":");
    instant_format(sqlite3_column_int64(st, 3), ts);
    jw_string(b, ts, 20);
    for (size_t i = 0; i < ent->nfields; i++) {
        buf_append(b, ",", 1);
        jw_key(b, ent->fields[i].name);
        column_write(b, st, 4 + (int)i, &ent->fields[i]);
    }
    buf_append(b, "}", 1);
}

/* The current row as a new JSON object: the same text the lists send, parsed. NULL (logged)
 * for a row that is not valid JSON text — a value stored by other means that is not UTF-8 —
 * which the caller answers as an error: one bad row never takes the server down. */
static json_t *row_to_json(sqlite3_stmt *st, const struct entity *ent)
{
    struct buf b;
    buf_init(&b, 0);
    row_write(&b, st, ent);
    json_error_t je;
    json_t *o = json_loadb(b.data, b.len, 0, &je);
    if (!o)
        fprintf(stderr, "haldus: %s %lld cannot be written as JSON: %s\n", ent->name,
                (long long)sqlite3_column_int64(st, 0), je.text);
    buf_cleanup(&b);
    return o;
}

/* The one place a visibility policy becomes SQL (entity.h, struct visibility). Appends
 * " AND (…)" to sql: the row is visible to the person bound to ?param; ?param+1 is today
 * (YYYY-MM-DD, in that person's time zone) and ?param+2 now (seconds) — the time the links
 * must be valid at. visibility_bind() binds the three. Managers and admins never get here
 * (scope_person 0). */
static void visibility_condition(struct buf *sql, const struct entity *ent, int param)
{
    const struct visibility *v = &ent->vis;
    char p[16], today[16], now[16];
    snprintf(p, sizeof p, "?%d", param);
    snprintf(today, sizeof today, "?%d", param + 1);
    snprintf(now, sizeof now, "?%d", param + 2);
    /* Every parameter appears at least once, so binding all three is always valid. */
    buf_printf(sql, " AND (%s IS NOT NULL AND %s IS NOT NULL AND (", today, now);
    switch (v->policy) {
    case VIS_CATALOG:
        buf_puts(sql, "1");
        break;
    case VIS_PARTIES:
        buf_printf(sql, "EXISTS (SELECT 1 FROM %s pp WHERE pp.%s = t.id AND pp.%s = %s",
                   v->party_table, v->party_key, v->party_person, p);
        if (v->party_allowed)
            buf_printf(sql, " AND pp.%s = 1", v->party_allowed);
        buf_puts(sql, ")");
        break;
    case VIS_SELF:
    case VIS_RELATED: {
        int n = 0;
        for (int i = 0; i < 2; i++) {
            if (!v->person[i])
                continue;
            const struct field *f = entity_field(ent, v->person[i]);
            buf_printf(sql, "%s%s%s IN (SELECT %s", n++ ? " OR " : "", f ? qual(f) : "t.",
                       f ? field_column(f) : v->person[i], p);
            if (v->policy == VIS_RELATED && (v->links & LINK_ASSIGNMENT))
                buf_printf(sql,
                           " UNION SELECT principal_id FROM assignment WHERE assistant_id = %s"
                           " AND start_date <= %s AND (end_date IS NULL OR end_date >= %s)"
                           " UNION SELECT assistant_id FROM assignment WHERE principal_id = %s"
                           " AND start_date <= %s AND (end_date IS NULL OR end_date >= %s)",
                           p, today, today, p, today, today);
            if (v->policy == VIS_RELATED && (v->links & LINK_BACKUP))
                buf_printf(sql,
                           " UNION SELECT assistant_id FROM designated_backup"
                           " WHERE principal_id = %s",
                           p);
            if (v->policy == VIS_RELATED && (v->links & LINK_COVER))
                buf_printf(sql,
                           " UNION SELECT principal_id FROM coverage_cover WHERE assistant_id = %s"
                           " AND status = 'accepted' AND end_at > %s"
                           " UNION SELECT assistant_id FROM coverage_cover WHERE principal_id = %s"
                           " AND status = 'accepted' AND end_at > %s",
                           p, now, p, now);
            buf_puts(sql, ")");
        }
        if (!n)
            buf_puts(sql, "0");
        break;
    }
    default: /* VIS_MANAGERS */
        buf_printf(sql, "0 AND %s", p);
    }
    if (v->standin) {
        buf_puts(sql, " OR (");
        v->standin(sql, p, today);
        buf_puts(sql, ")");
    }
    buf_puts(sql, "))");
}

/* An assignment starting on Tallinn's today is the person's from Tallinn's midnight, two hours
 * before UTC's. The statement is its own, not the connection cache's: callers hold a cached
 * statement while they ask, and a new cache entry could evict it. */
void store_person_today(struct db *db, int64_t person, int64_t now, char out[11])
{
    sqlite3_stmt *st = NULL;
    const char *zone = NULL;
    if (sqlite3_prepare_v2(db_handle(db), "SELECT time_zone FROM person WHERE id = ?1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, person);
        if (sqlite3_step(st) == SQLITE_ROW)
            zone = (const char *)sqlite3_column_text(st, 0);
    }
    date_format(tz_today(zone, now), out);
    sqlite3_finalize(st);
}

static void visibility_bind(struct db *db, sqlite3_stmt *st, int param, int64_t person)
{
    int64_t now = db_now(db);
    char today[11];
    store_person_today(db, person, now, today);
    sqlite3_bind_int64(st, param, person);
    sqlite3_bind_text(st, param + 1, today, 10, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, param + 2, now);
}

enum hl_err store_entity_get(struct db *db, const struct entity *ent, int64_t id, json_t **out,
                             struct hl_error *err)
{
    return store_entity_get_scoped(db, ent, id, 0, out, err);
}

enum hl_err store_entity_get_scoped(struct db *db, const struct entity *ent, int64_t id,
                                    int64_t scope_person, json_t **out, struct hl_error *err)
{
    return store_entity_get_rows(db, ent, id, scope_person, false, out, err);
}

enum hl_err store_entity_get_rows(struct db *db, const struct entity *ent, int64_t id,
                                  int64_t scope_person, bool where_rows, json_t **out,
                                  struct hl_error *err)
{
    struct buf sql;
    buf_init(&sql, 0);
    select_prefix(&sql, ent);
    buf_puts(&sql, " WHERE t.id = ?1");
    if (where_rows && ent->manager_role_rows)
        buf_printf(&sql, " AND (%s)", ent->manager_role_rows);
    if (scope_person > 0)
        visibility_condition(&sql, ent, 2);
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    if (scope_person > 0)
        visibility_bind(db, st, 2, scope_person);
    int rc = sqlite3_step(st);
    enum hl_err e = HL_OK;
    if (rc == SQLITE_ROW) {
        if (!(*out = row_to_json(st, ent)))
            e = hl_fail(err, HL_ERR_INTERNAL, NULL,
                        "the stored %s cannot be read; see the server log", ent->name);
    } else if (rc == SQLITE_DONE)
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no %s with id %lld", ent->name, (long long)id);
    else
        e = db_error(db, rc, "get", err);
    sqlite3_reset(st);
    return e;
}

enum hl_err store_entity_standin(struct db *db, const struct entity *ent, int64_t id,
                                 int64_t person, bool *yes, struct hl_error *err)
{
    *yes = false;
    if (!ent->vis.standin || person <= 0)
        return HL_OK;
    struct buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "SELECT 1 FROM %s t WHERE t.id = ?1 AND (", ent->table);
    ent->vis.standin(&sql, "?2", "?3");
    buf_puts(&sql, ")");
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    char today[11];
    store_person_today(db, person, db_now(db), today);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, person);
    sqlite3_bind_text(st, 3, today, 10, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? HL_OK : db_error(db, rc, "stand-in", err);
}

enum hl_err store_entity_exists(struct db *db, const struct entity *ent, int64_t id, bool *exists,
                                struct hl_error *err)
{
    char sql[200];
    if (ent->ext)
        snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?1", ent->ext);
    else
        snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?1", ent->table);
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *exists = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, "exists", err);
    return HL_OK;
}

/* Escapes LIKE's wildcards so a name prefix matches literally. Caller frees. */
static char *like_prefix(const char *prefix)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *p = prefix; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_append(&b, "\\", 1);
        buf_append(&b, p, 1);
    }
    buf_append(&b, "%", 1);
    return buf_steal(&b);
}

/* The FTS5 query for a user's text: every whitespace-separated word becomes a quoted prefix
 * phrase ("kop"* finds "Koppel"), the words ANDed. Quoting with doubled quotes makes every
 * character literal text for the tokenizer, so no user input is read as FTS5 syntax (NEAR,
 * AND, *, parentheses, column filters). Text with no words gives "" (matches nothing; callers
 * treat blank text as no search). Caller frees. */
static char *fts_prefix_query(const char *text)
{
    struct buf b;
    buf_init(&b, 0);
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        if (!*p)
            break;
        if (b.len)
            buf_append(&b, " ", 1);
        buf_append(&b, "\"", 1);
        for (; *p &&
               !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v');
             p++) {
            if (*p == '"')
                buf_append(&b, "\"", 1);
            buf_append(&b, p, 1);
        }
        buf_append(&b, "\"*", 2);
    }
    if (!b.len)
        buf_append(&b, "\"\"", 2);
    return buf_steal(&b);
}

/* Whether text has anything but whitespace: blank ?q= searches nothing, as it always has. */
static bool has_words(const char *text)
{
    for (; *text; text++)
        if (!strchr(" \t\n\r\f\v", *text))
            return true;
    return false;
}

/* Prepares and binds the list query; NULL with *err on failure. */
static sqlite3_stmt *list_prepare(struct db *db, const struct entity *ent,
                                  const struct list_query *q, struct hl_error *err)
{
    struct buf sql;
    buf_init(&sql, 0);
    select_prefix(&sql, ent);
    buf_puts(&sql, " WHERE t.id > ?1");
    if (q->manager_role_rows && ent->manager_role_rows)
        buf_printf(&sql, " AND (%s)", ent->manager_role_rows);
    int param = 2;
    for (size_t i = 0; i < q->nfilters; i++)
        buf_printf(&sql, " AND %s%s = ?%d", qual(q->filters[i].field),
                   field_column(q->filters[i].field), param++);
    /* Entities with a search index (people: sql/004_people_search.sql) are searched through
     * it; others with ?q= match a prefix of their name with LIKE. */
    bool fts = q->name_prefix && ent->search;
    bool like = q->name_prefix && !fts;
    if (fts && !has_words(q->name_prefix))
        fts = false;
    if (fts)
        buf_printf(&sql, " AND t.id IN (SELECT rowid FROM %s WHERE %s MATCH ?%d)", ent->search,
                   ent->search, param++);
    else if (like)
        buf_printf(&sql, " AND t.name LIKE ?%d ESCAPE '\\'", param++);
    int scope_param = 0;
    if (q->scope_person > 0) {
        visibility_condition(&sql, ent, scope_param = param);
        param += 3;
    }
    if (q->window) {
        const struct field *fs = entity_field(ent, ent->window_start);
        const struct field *fe = entity_field(ent, ent->window_end);
        buf_printf(&sql, " AND %s%s < ?%d AND %s%s > ?%d", qual(fs), field_column(fs), param,
                   qual(fe), field_column(fe), param + 1);
        param += 2;
    }
    buf_printf(&sql, " ORDER BY t.id LIMIT ?%d", param);
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return NULL;
    param = 1;
    sqlite3_bind_int64(st, param++, q->after_id);
    for (size_t i = 0; i < q->nfilters; i++)
        bind_value(st, param++, q->filters[i].field, q->filters[i].value);
    if (fts)
        sqlite3_bind_text(st, param++, fts_prefix_query(q->name_prefix), -1, free);
    else if (like)
        sqlite3_bind_text(st, param++, like_prefix(q->name_prefix), -1, free);
    if (scope_param) {
        visibility_bind(db, st, param, q->scope_person);
        param += 3;
    }
    if (q->window) {
        sqlite3_bind_int64(st, param++, q->to);
        sqlite3_bind_int64(st, param++, q->from);
    }
    sqlite3_bind_int(st, param, q->limit + 1);
    return st;
}

enum hl_err store_entity_list(struct db *db, const struct entity *ent, const struct list_query *q,
                              json_t **items, bool *more, struct hl_error *err)
{
    sqlite3_stmt *st = list_prepare(db, ent, q, err);
    if (!st)
        return err->code;
    json_t *arr = json_array();
    int rc, n = 0;
    *more = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == q->limit) {
            *more = true;
            break;
        }
        json_t *o = row_to_json(st, ent);
        if (!o || json_array_append_new(arr, o) != 0) {
            sqlite3_reset(st);
            json_decref(arr);
            return hl_fail(err, HL_ERR_INTERNAL, NULL,
                           "a stored %s cannot be read; see the server log", ent->name);
        }
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        json_decref(arr);
        return db_error(db, rc, "list", err);
    }
    *items = arr;
    return HL_OK;
}

enum hl_err store_entity_list_text(struct db *db, const struct entity *ent,
                                   const struct list_query *q, struct buf *out, int64_t *last_id,
                                   bool *more, struct hl_error *err)
{
    sqlite3_stmt *st = list_prepare(db, ent, q, err);
    if (!st)
        return err->code;
    int rc, n = 0;
    *more = false;
    *last_id = 0;
    size_t mark = out->len;
    buf_append(out, "[", 1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == q->limit) {
            *more = true;
            break;
        }
        if (n++)
            buf_append(out, ",", 1);
        row_write(out, st, ent);
        *last_id = sqlite3_column_int64(st, 0);
    }
    buf_append(out, "]", 1);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        out->len = mark;
        return db_error(db, rc, "list", err);
    }
    return HL_OK;
}

/* Turns a UNIQUE failure into HL_ERR_DUPLICATE naming the field, from SQLite's message
 * "UNIQUE constraint failed: table.column[, table.column]". */
static enum hl_err constraint_error(struct db *db, const struct entity *ent, int rc,
                                    struct hl_error *err)
{
    if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return db_error(db, rc, ent->name, err);
    const char *msg = sqlite3_errmsg(db_handle(db));
    const char *last = strrchr(msg, '.');
    const char *first = strchr(msg, '.');
    for (size_t i = 0; first && i < ent->nfields; i++) {
        const char *col = field_column(&ent->fields[i]);
        size_t n = strlen(col);
        if (strncmp(first + 1, col, n) == 0 && (first[1 + n] == '\0' || first[1 + n] == ',')) {
            if (last != first)
                return hl_fail(err, HL_ERR_DUPLICATE, ent->fields[i].name,
                               "this %s already exists (same %s and %s)", ent->name,
                               ent->fields[i].name, last + 1);
            return hl_fail(err, HL_ERR_DUPLICATE, ent->fields[i].name,
                           "another %s already has this %s", ent->name, ent->fields[i].name);
        }
    }
    return hl_fail(err, HL_ERR_DUPLICATE, NULL, "this %s already exists", ent->name);
}

/* INSERT of the given columns of one table (ext: the extension table) with a fixed id. */
static enum hl_err insert_part(struct db *db, const struct entity *ent, bool ext,
                               const json_t *values, int64_t id, int64_t *out_id,
                               struct hl_error *err)
{
    struct buf sql, vals;
    buf_init(&sql, 0);
    buf_init(&vals, 0);
    buf_printf(&sql, "INSERT INTO %s (created_at, updated_at", ext ? ent->ext : ent->table);
    buf_puts(&vals, "?1, ?1");
    int param = 2;
    if (id) {
        buf_puts(&sql, ", id");
        buf_printf(&vals, ", ?%d", param++);
    }
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        if (!!(f->flags & F_EXT) != ext || !json_object_get(values, f->name))
            continue;
        buf_printf(&sql, ", %s", field_column(f));
        buf_printf(&vals, ", ?%d", param++);
    }
    buf_printf(&sql, ") VALUES (%s)", vals.data);
    buf_cleanup(&vals);
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    param = 1;
    sqlite3_bind_int64(st, param++, db_now(db));
    if (id)
        sqlite3_bind_int64(st, param++, id);
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        json_t *v = json_object_get(values, f->name);
        if (!!(f->flags & F_EXT) != ext || !v)
            continue;
        bind_value(st, param++, f, v);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return constraint_error(db, ent, sqlite3_extended_errcode(db_handle(db)), err);
    if (out_id)
        *out_id = sqlite3_last_insert_rowid(db_handle(db));
    return HL_OK;
}

enum hl_err store_entity_insert(struct db *db, const struct entity *ent, const json_t *values,
                                int64_t *id, struct hl_error *err)
{
    enum hl_err e = insert_part(db, ent, false, values, 0, id, err);
    if (e == HL_OK && ent->ext)
        e = insert_part(db, ent, true, values, *id, NULL, err);
    return e;
}

static enum hl_err update_part(struct db *db, const struct entity *ent, bool ext, int64_t id,
                               int64_t version, const json_t *changes, bool *stale,
                               struct hl_error *err)
{
    struct buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?1",
               ext ? ent->ext : ent->table);
    int param = 4;
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        if (!!(f->flags & F_EXT) != ext || !json_object_get(changes, f->name))
            continue;
        buf_printf(&sql, ", %s = ?%d", field_column(f), param++);
    }
    buf_puts(&sql, ext ? " WHERE id = ?2 AND ?3 = ?3" : " WHERE id = ?2 AND version = ?3");
    sqlite3_stmt *st = db_prepare(db, sql.data, err);
    buf_cleanup(&sql);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, db_now(db));
    sqlite3_bind_int64(st, 2, id);
    sqlite3_bind_int64(st, 3, version);
    param = 4;
    for (size_t i = 0; i < ent->nfields; i++) {
        const struct field *f = &ent->fields[i];
        json_t *v = json_object_get(changes, f->name);
        if (!!(f->flags & F_EXT) != ext || !v)
            continue;
        bind_value(st, param++, f, v);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return constraint_error(db, ent, sqlite3_extended_errcode(db_handle(db)), err);
    *stale = sqlite3_changes(db_handle(db)) == 0;
    return HL_OK;
}

enum hl_err store_entity_update(struct db *db, const struct entity *ent, int64_t id,
                                int64_t version, const json_t *changes, struct hl_error *err)
{
    bool stale = false;
    enum hl_err e = update_part(db, ent, false, id, version, changes, &stale, err);
    if (e == HL_OK && stale)
        return hl_fail(err, HL_ERR_STALE, NULL, "the %s was changed by someone else", ent->name);
    if (e == HL_OK && ent->ext)
        e = update_part(db, ent, true, id, version, changes, &stale, err);
    return e;
}

enum hl_err store_entity_delete(struct db *db, const struct entity *ent, int64_t id,
                                struct hl_error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", ent->table);
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return HL_OK;
    int ext = sqlite3_extended_errcode(db_handle(db));
    /* ON DELETE RESTRICT fails with SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY. */
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY ||
        (ext == SQLITE_CONSTRAINT_TRIGGER &&
         strstr(sqlite3_errmsg(db_handle(db)), "FOREIGN KEY") != NULL))
        return hl_fail(err, HL_ERR_IN_USE, NULL,
                       "this %s is still referred to by assignments or absences; "
                       "deactivate it or remove those first",
                       ent->name);
    return db_error(db, ext, "delete", err);
}
