/* svc_import.c: an organisation as a folder of CSV files linked by natural keys (see
 * svc_import.h and docs/organisation.md). Everything is derived from the entity descriptions:
 * the files are the registry's collections that can be created and listed, in the order of
 * their links; a link column `assistant_id` may be written as `assistant_email` (or
 * `skill_name`, `duty_name`: the natural key of the record it points to). A row whose natural
 * key matches an existing record updates it; otherwise it creates one. */
#include "svc_import.h"
#include "buf.h"
#include "domain.h"
#include "store_entity.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "workflow.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORG_MAX_COLUMNS 64
#define ORG_MAX_KEY     4
#define ORG_MAX_ROWS    100000
#define ORG_MAX_CELL    4096

/* ---- the collections and their keys ---- */

static bool importable(const struct entity *e)
{
    return !e->no_org && (e->ops & (OP_CREATE | OP_LIST)) == (OP_CREATE | OP_LIST);
}

/* Whether every record `r` points to can already be there when e's file is read: the
 * collections sharing r's table (people are written as assistants and principals) are placed. */
static bool provided(const struct entity *r, const struct entity *const *placed, size_t n,
                     const struct entity *self)
{
    if (strcmp(r->table, self->table) == 0)
        return true;
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it));) {
        if (!importable(e) || strcmp(e->table, r->table) != 0)
            continue;
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = placed[i] == e;
        if (!found)
            return false;
    }
    return true;
}

size_t svc_org_entities(const struct entity **out, size_t max)
{
    const struct entity *all[ORG_MAX_ENTITIES];
    size_t nall = 0, n = 0;
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it)) && nall < ORG_MAX_ENTITIES;)
        if (importable(e))
            all[nall++] = e;
    bool done[ORG_MAX_ENTITIES] = {false};
    while (n < nall && n < max) {
        size_t pick = nall;
        for (size_t i = 0; i < nall && pick == nall; i++) {
            if (done[i])
                continue;
            bool ready = true;
            for (size_t k = 0; k < all[i]->nfields && ready; k++)
                if (all[i]->fields[k].type == FT_REF)
                    ready = provided(all[i]->fields[k].ref, out, n, all[i]);
            if (ready)
                pick = i;
        }
        if (pick == nall) /* a cycle: the rest in registry order */
            for (pick = 0; done[pick]; pick++)
                ;
        done[pick] = true;
        out[n++] = all[pick];
    }
    return n;
}

/* Entities whose record is not told apart by the rule below: which fields identify one. */
static const struct {
    const char *entity;
    const char *fields[ORG_MAX_KEY];
} key_overrides[] = {
    {"work pattern", {"person_id", "weekday", "start_time", "valid_from"}},
    {"assignment", {"assistant_id", "principal_id", "start_date", NULL}},
    {"absence", {"person_id", "start_at", NULL, NULL}},
    {"office calendar", {"office", NULL, NULL, NULL}},
    {"office holiday", {"office", "date", NULL, NULL}},
    {"leave policy", {"office", "kind", NULL, NULL}},
    {"leave entitlement", {"person_id", "kind", "year", NULL}},
    {"approval stand-in", {"manager_id", "standin_id", "from_date", NULL}},
    {"task", {"assistant_id", "principal_id", "title", "due_at"}},
    {"phone message", {"principal_id", "caller", "taken_at", NULL}},
    {"correspondence item", {"principal_id", "direction", "subject", "date"}},
    {"training session", {"name", NULL, NULL, NULL}},
    {"training meeting", {"session_id", "start_at", NULL, NULL}},
    {"training arrangement", {"session_id", "title", NULL, NULL}},
    {"certificate", {"assistant_id", "skill_id", "issued_on", NULL}},
};

/* The natural key of ent: its e-mail field; else, for a record without links, its name; else
 * the links it is created with (immutable references). */
static size_t key_fields(const struct entity *ent, const struct field **out)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof key_overrides / sizeof key_overrides[0]; i++) {
        if (strcmp(key_overrides[i].entity, ent->name) != 0)
            continue;
        for (size_t k = 0; k < ORG_MAX_KEY && key_overrides[i].fields[k]; k++) {
            const struct field *f = entity_field(ent, key_overrides[i].fields[k]);
            if (f)
                out[n++] = f;
        }
        return n;
    }
    bool has_ref = false;
    for (size_t i = 0; i < ent->nfields; i++) {
        if (ent->fields[i].type == FT_EMAIL) {
            out[0] = &ent->fields[i];
            return 1;
        }
        has_ref |= ent->fields[i].type == FT_REF;
    }
    const struct field *name = entity_field(ent, "name");
    if (!has_ref && name) {
        out[0] = name;
        return 1;
    }
    for (size_t i = 0; i < ent->nfields && n < ORG_MAX_KEY; i++)
        if (ent->fields[i].type == FT_REF && (ent->fields[i].flags & F_IMMUTABLE))
            out[n++] = &ent->fields[i];
    return n;
}

static bool is_key(const struct entity *ent, const struct field *f)
{
    const struct field *k[ORG_MAX_KEY];
    size_t n = key_fields(ent, k);
    for (size_t i = 0; i < n; i++)
        if (k[i] == f)
            return true;
    return false;
}

/* The one field that names a record of r (e-mail, name), or NULL when it takes several. */
static const struct field *natural_field(const struct entity *r)
{
    const struct field *k[ORG_MAX_KEY];
    return key_fields(r, k) == 1 && k[0]->type != FT_REF ? k[0] : NULL;
}

/* The column of a link field in an organisation file: "assistant_id" → "assistant_email". */
static void column_name(const struct field *f, char *out, size_t size)
{
    const struct field *nat = f->type == FT_REF ? natural_field(f->ref) : NULL;
    if (!nat) {
        snprintf(out, size, "%s", f->name);
        return;
    }
    size_t len = strlen(f->name);
    if (len > 3 && strcmp(f->name + len - 3, "_id") == 0)
        len -= 3;
    snprintf(out, size, "%.*s_%s", (int)len, f->name, nat->name);
}

static const struct workflow *workflow_of(const struct entity *ent)
{
    for (const struct domain *const *d = domain_registry; *d; d++)
        for (const struct workflow *const *w = (*d)->workflows; w && *w; w++)
            if ((*w)->ent == ent)
                return *w;
    return NULL;
}

/* The workflow's status is read-only for clients but part of an organisation's data. */
static bool is_status(const struct entity *ent, const struct field *f)
{
    const struct workflow *wf = workflow_of(ent);
    return wf && strcmp(wf->status, f->name) == 0;
}

static bool in_file(const struct entity *ent, const struct field *f)
{
    return !(f->flags & F_READONLY) || is_status(ent, f);
}

/* ---- keys as text ---- */

/* A value as it compares: e-mails and names without case (the database's NOCASE), instants
 * and local times as numbers. */
static json_t *normalize(const struct field *f, const json_t *v)
{
    if (!v || json_is_null(v))
        return json_null();
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (f->type == FT_INSTANT) {
            int64_t t;
            if (instant_parse(s, &t))
                return json_integer(t);
        } else if (f->type == FT_HHMM) {
            int m;
            if (hhmm_parse(s, &m))
                return json_integer(m);
        }
        char *low = strdup(s);
        if (!low)
            abort();
        for (char *p = low; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        json_t *r = json_string(low);
        free(low);
        return r;
    }
    if (json_is_number(v) && f->type == FT_REAL)
        return json_real(json_number_value(v));
    return json_deep_copy(v);
}

static char *key_text(const struct entity *ent, const json_t *rec)
{
    const struct field *k[ORG_MAX_KEY];
    size_t n = key_fields(ent, k);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, normalize(k[i], json_object_get(rec, k[i]->name)));
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    if (!s)
        abort();
    return s;
}

static bool same_value(const struct field *f, const json_t *a, const json_t *b)
{
    if (f->type == FT_REAL && json_is_number(a) && json_is_number(b))
        return json_number_value(a) == json_number_value(b);
    if ((f->type == FT_INSTANT || f->type == FT_HHMM) && json_is_string(a) && json_is_string(b)) {
        json_t *x = normalize(f, a), *y = normalize(f, b);
        bool eq = json_equal(x, y);
        json_decref(x);
        json_decref(y);
        return eq;
    }
    return json_equal((json_t *)a, (json_t *)b);
}

/* ---- the records already there ---- */

struct org_run {
    struct svc_ctx *ctx;
    /* Per entity looked up: key text → id, and id → the natural value written in files. */
    const struct entity *ents[ORG_MAX_ENTITIES];
    json_t *by_key[ORG_MAX_ENTITIES], *by_id[ORG_MAX_ENTITIES];
    size_t n;
};

static void run_forget(struct org_run *run)
{
    for (size_t i = 0; i < run->n; i++) {
        json_decref(run->by_key[i]);
        json_decref(run->by_id[i]);
    }
    run->n = 0;
}

/* Calls fn on every record of ent, in id order. */
static enum hl_err each_record(struct svc_ctx *ctx, const struct entity *ent,
                               enum hl_err (*fn)(void *arg, json_t *rec, struct hl_error *err),
                               void *arg, struct hl_error *err)
{
    struct list_query q = {.limit = 500};
    bool more = true;
    while (more) {
        json_t *items, *rec;
        size_t i;
        enum hl_err e = svc_entity_list(ctx, ent, &q, &items, &more, err);
        if (e != HL_OK)
            return e;
        json_array_foreach(items, i, rec)
        {
            q.after_id = json_integer_value(json_object_get(rec, "id"));
            if ((e = fn(arg, rec, err)) != HL_OK) {
                json_decref(items);
                return e;
            }
        }
        json_decref(items);
    }
    return HL_OK;
}

struct map_fill {
    const struct entity *ent;
    json_t *by_key, *by_id;
};

static enum hl_err fill_map(void *arg, json_t *rec, struct hl_error *err)
{
    (void)err;
    struct map_fill *m = arg;
    char *k = key_text(m->ent, rec);
    json_t *id = json_object_get(rec, "id");
    /* A key held by two records names neither: null marks it ambiguous. */
    json_object_set_new(m->by_key, k, json_object_get(m->by_key, k) ? json_null() : json_copy(id));
    free(k);
    const struct field *nat = natural_field(m->ent);
    if (m->by_id && nat) {
        char idtext[24];
        snprintf(idtext, sizeof idtext, "%lld", (long long)json_integer_value(id));
        json_object_set(m->by_id, idtext, json_object_get(rec, nat->name));
    }
    return HL_OK;
}

/* The lookup tables of ent (loaded on first use); false on a database failure. */
static enum hl_err run_map(struct org_run *run, const struct entity *ent, size_t *slot,
                           struct hl_error *err)
{
    for (size_t i = 0; i < run->n; i++)
        if (run->ents[i] == ent) {
            *slot = i;
            return HL_OK;
        }
    if (run->n == ORG_MAX_ENTITIES)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "too many collections");
    struct map_fill m = {ent, json_object(), json_object()};
    enum hl_err e = each_record(run->ctx, ent, fill_map, &m, err);
    if (e != HL_OK) {
        json_decref(m.by_key);
        json_decref(m.by_id);
        return e;
    }
    run->ents[run->n] = ent;
    run->by_key[run->n] = m.by_key;
    run->by_id[run->n] = m.by_id;
    *slot = run->n++;
    return HL_OK;
}

struct rec_fill {
    const struct entity *ent;
    json_t *by_key;
};

static enum hl_err fill_records(void *arg, json_t *rec, struct hl_error *err)
{
    (void)err;
    struct rec_fill *m = arg;
    char *k = key_text(m->ent, rec);
    json_object_set_new(m->by_key, k, json_object_get(m->by_key, k) ? json_null() : json_copy(rec));
    free(k);
    return HL_OK;
}

/* ---- CSV text ---- */

struct table {
    json_t *rows, *cur; /* arrays of arrays of strings */
    bool bad_utf8, too_big;
};

static void on_cell(void *data, size_t len, void *arg)
{
    struct table *t = arg;
    if (!t->cur)
        t->cur = json_array();
    json_t *s = len > ORG_MAX_CELL ? NULL : json_stringn(data ? data : "", len);
    if (!s) {
        t->bad_utf8 |= len <= ORG_MAX_CELL;
        t->too_big |= len > ORG_MAX_CELL;
        s = json_string("");
    }
    json_array_append_new(t->cur, s);
}

static void on_row(int c, void *arg)
{
    (void)c;
    struct table *t = arg;
    json_array_append_new(t->rows, t->cur ? t->cur : json_array());
    t->cur = NULL;
}

/* Parses text into *rows; the message names the file and the row. */
static enum hl_err parse_csv(const char *file, const char *text, size_t len, json_t **rows,
                             struct hl_error *err)
{
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    struct table t = {json_array(), NULL, false, false};
    enum hl_err e = HL_OK;
    if (csv_parse(&p, text, len, on_cell, on_row, &t) != len || csv_fini(&p, on_cell, on_row, &t))
        e = hl_fail(err, HL_ERR_INVALID, NULL, "%s row %zu: %s", file, json_array_size(t.rows) + 1,
                    csv_strerror(csv_error(&p)));
    else if (t.bad_utf8)
        e = hl_fail(err, HL_ERR_INVALID, NULL, "%s is not UTF-8 text", file);
    else if (t.too_big)
        e = hl_fail(err, HL_ERR_INVALID, NULL, "%s has a cell longer than %d bytes", file,
                    ORG_MAX_CELL);
    else if (json_array_size(t.rows) > ORG_MAX_ROWS + 1)
        e = hl_fail(err, HL_ERR_INVALID, NULL, "%s has more than %d rows", file, ORG_MAX_ROWS);
    else if (json_array_size(t.rows) == 0)
        e = hl_fail(err, HL_ERR_INVALID, NULL, "%s row 1: the first row must name the columns",
                    file);
    csv_free(&p);
    json_decref(t.cur);
    if (e != HL_OK)
        json_decref(t.rows);
    else
        *rows = t.rows;
    return e;
}

/* A list cell "a; b;c" as a JSON array of trimmed, non-empty strings. */
json_t *import_list_cell(const char *s)
{
    json_t *a = json_array();
    while (*s) {
        while (*s == ' ' || *s == ';')
            s++;
        const char *end = strchr(s, ';');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        while (n > 0 && s[n - 1] == ' ')
            n--;
        if (n > 0)
            json_array_append_new(a, json_stringn(s, n));
        s += end ? (size_t)(end - s) : strlen(s);
    }
    return a;
}

static void put_cell(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ' || strpbrk(s, ",\"\r\n"));
    if (!quote) {
        buf_puts(b, s);
        return;
    }
    buf_puts(b, "\"");
    for (const char *p = s; *p; p++)
        buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    buf_puts(b, "\"");
}

/* A value as the text of its cell (lists joined with ';', null empty). */
static void put_value(struct buf *b, const json_t *v)
{
    if (json_is_string(v)) {
        put_cell(b, json_string_value(v));
    } else if (json_is_integer(v)) {
        buf_printf(b, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        buf_printf(b, "%.15g", json_real_value(v));
    } else if (json_is_boolean(v)) {
        buf_puts(b, json_is_true(v) ? "true" : "false");
    } else if (json_is_array(v)) {
        struct buf joined;
        buf_init(&joined, ORG_MAX_CELL * 4);
        size_t i;
        json_t *x;
        json_array_foreach((json_t *)v, i, x)
        {
            if (i)
                buf_puts(&joined, ";");
            buf_puts(&joined, json_string_value(x) ? json_string_value(x) : "");
        }
        char *s = buf_steal(&joined);
        put_cell(b, s ? s : "");
        free(s);
        buf_cleanup(&joined);
    }
}

/* ---- import ---- */

enum col_kind { COL_FIELD, COL_NATURAL, COL_STATUS, COL_IGNORED };

struct column {
    enum col_kind kind;
    const struct field *f;
    char name[96];
};

struct file_ctx {
    struct org_run *run;
    const struct entity *ent;
    const struct workflow *wf;
    const char *file;
    struct column cols[ORG_MAX_COLUMNS];
    size_t ncols;
    size_t row;       /* 1-based row of the file */
    json_t *deferred; /* [{row, body}]: links written again at the end of the file */
};

/* Fails naming the file, the row and (when given) the column. */
static enum hl_err fail_at(const struct file_ctx *fc, struct hl_error *err, enum hl_err code,
                           const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static enum hl_err fail_at(const struct file_ctx *fc, struct hl_error *err, enum hl_err code,
                           const char *column, const char *fmt, ...)
{
    char msg[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return hl_fail(err, code, column, "%s row %zu%s%s: %s", fc->file, fc->row,
                   column ? ", column " : "", column ? column : "", msg);
}

/* The column holding field f in this file (its natural form when the file uses that). */
static const char *column_of(const struct file_ctx *fc, const char *field)
{
    const char *found = field;
    for (size_t i = 0; i < fc->ncols; i++)
        if (fc->cols[i].f && strcmp(fc->cols[i].f->name, field) == 0 &&
            fc->cols[i].kind != COL_IGNORED) {
            found = fc->cols[i].name;
            if (fc->cols[i].kind == COL_NATURAL)
                break;
        }
    return found;
}

/* An error of a use case on this row, with the file, row and column put in front. */
static enum hl_err rewrap(const struct file_ctx *fc, struct hl_error *err)
{
    char msg[sizeof err->message], field[sizeof err->field];
    snprintf(msg, sizeof msg, "%s", err->message);
    snprintf(field, sizeof field, "%s", err->field);
    const char *column = field[0] ? column_of(fc, field) : NULL;
    return fail_at(fc, err, err->code, column, "%s", msg);
}

static void note(json_t *notes, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(json_t *notes, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(notes, json_string(msg));
}

static enum hl_err read_header(struct file_ctx *fc, const json_t *header, json_t *notes,
                               struct hl_error *err)
{
    size_t i;
    json_t *cell;
    fc->row = 1;
    json_array_foreach(header, i, cell)
    {
        const char *h = json_string_value(cell);
        if (fc->ncols == ORG_MAX_COLUMNS)
            return fail_at(fc, err, HL_ERR_INVALID, h, "too many columns");
        struct column *c = &fc->cols[fc->ncols];
        snprintf(c->name, sizeof c->name, "%s", h);
        const struct field *f = entity_field(fc->ent, h);
        c->f = f;
        if (!*h) { /* spreadsheets add empty columns at the end; their cells must be empty */
            c->kind = COL_IGNORED;
        } else if (strcmp(h, "id") == 0) {
            c->kind = COL_IGNORED;
            note(notes,
                 "%s: column id is ignored; rows are matched to records by their natural "
                 "key",
                 fc->file);
        } else if (f && is_status(fc->ent, f)) {
            c->kind = COL_STATUS;
        } else if (f && (f->flags & F_READONLY)) {
            c->kind = COL_IGNORED;
            note(notes, "%s: column %s is set by Haldus and is ignored", fc->file, h);
        } else if (f) {
            c->kind = COL_FIELD;
        } else {
            c->kind = COL_IGNORED;
            for (size_t k = 0; k < fc->ent->nfields && !c->f; k++) {
                char name[96];
                column_name(&fc->ent->fields[k], name, sizeof name);
                if (fc->ent->fields[k].type == FT_REF && strcmp(name, h) == 0 &&
                    strcmp(name, fc->ent->fields[k].name) != 0) {
                    c->kind = COL_NATURAL;
                    c->f = &fc->ent->fields[k];
                }
            }
            if (!c->f) {
                char *cols = NULL;
                svc_org_template(fc->ent->path, &cols, err);
                char *nl = cols ? strpbrk(cols, "\r\n") : NULL;
                if (nl)
                    *nl = '\0';
                enum hl_err e =
                    fail_at(fc, err, HL_ERR_INVALID, h, "unknown column; the columns of %s are %s",
                            fc->file, cols ? cols : "");
                free(cols);
                return e;
            }
        }
        for (size_t k = 0; k < fc->ncols && *h; k++)
            if (strcmp(fc->cols[k].name, h) == 0)
                return fail_at(fc, err, HL_ERR_INVALID, h, "the column appears twice");
        fc->ncols++;
    }
    /* Every required field (and every part of the key) needs a column. */
    for (size_t k = 0; k < fc->ent->nfields; k++) {
        const struct field *f = &fc->ent->fields[k];
        if (!(f->flags & F_REQUIRED) && !(is_key(fc->ent, f) && !(f->flags & F_NULLABLE)))
            continue;
        bool has = false;
        for (size_t i = 0; i < fc->ncols && !has; i++)
            has = fc->cols[i].f == f && fc->cols[i].kind != COL_IGNORED;
        if (!has) {
            char name[96];
            column_name(f, name, sizeof name);
            return fail_at(fc, err, HL_ERR_INVALID, NULL, "the column %s is missing (required)",
                           name);
        }
    }
    return HL_OK;
}

/* The id of the record of f->ref whose natural key is text. */
static enum hl_err resolve(struct file_ctx *fc, const struct column *c, const char *text,
                           json_t **out, struct hl_error *err)
{
    size_t slot;
    enum hl_err e = run_map(fc->run, c->f->ref, &slot, err);
    if (e != HL_OK)
        return e;
    const struct field *nat = natural_field(c->f->ref);
    json_t *v = json_string(text), *a = json_array();
    json_array_append_new(a, normalize(nat, v));
    char *k = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    json_decref(v);
    if (!k)
        abort();
    json_t *id = json_object_get(fc->run->by_key[slot], k);
    free(k);
    if (!id)
        return fail_at(fc, err, HL_ERR_INVALID, c->name, "no %s with %s %s", c->f->ref->name,
                       nat->name, text);
    if (json_is_null(id))
        return fail_at(fc, err, HL_ERR_INVALID, c->name, "more than one %s has %s %s",
                       c->f->ref->name, nat->name, text);
    *out = json_copy(id);
    return HL_OK;
}

/* The body of one data row (ids for links), its status cell and the key as the file wrote it. */
static enum hl_err read_row(struct file_ctx *fc, const json_t *cells, json_t **body_out,
                            const char **status, struct buf *shown, struct hl_error *err)
{
    if (json_array_size(cells) > fc->ncols)
        return fail_at(fc, err, HL_ERR_INVALID, NULL, "more cells than the header has columns");
    json_t *body = json_object();
    enum hl_err e = HL_OK;
    *status = NULL;
    for (size_t i = 0; i < json_array_size(cells) && e == HL_OK; i++) {
        const struct column *c = &fc->cols[i];
        const char *s = json_string_value(json_array_get(cells, i));
        if (*s && !c->name[0]) {
            e = fail_at(fc, err, HL_ERR_INVALID, NULL,
                        "cell %zu has a value but its column has no name", i + 1);
            break;
        }
        if (!*s || c->kind == COL_IGNORED)
            continue;
        json_t *v = NULL;
        if (c->kind == COL_NATURAL) {
            if ((e = resolve(fc, c, s, &v, err)) != HL_OK)
                break;
        } else if (c->f->type == FT_STRLIST) {
            v = import_list_cell(s);
        } else {
            if (c->f->type == FT_REF && json_object_get(body, c->f->name))
                continue; /* the natural column said it already */
            if (field_from_text(c->f, s, &v, err) != HL_OK) {
                e = fail_at(fc, err, HL_ERR_INVALID, c->name, "%s", err->message);
                break;
            }
        }
        if (c->kind == COL_STATUS) {
            *status = s;
            json_decref(v);
            continue;
        }
        json_object_set_new(body, c->f->name, v);
        if (is_key(fc->ent, c->f))
            buf_printf(shown, "%s%s", shown->len ? " " : "", s);
    }
    if (e != HL_OK) {
        json_decref(body);
        return e;
    }
    const struct field *k[ORG_MAX_KEY];
    size_t nk = key_fields(fc->ent, k);
    for (size_t i = 0; i < nk; i++)
        if (!json_object_get(body, k[i]->name) && !(k[i]->flags & F_NULLABLE)) {
            json_decref(body);
            return fail_at(fc, err, HL_ERR_INVALID, column_of(fc, k[i]->name),
                           "%s is required: it tells which %s this row is",
                           column_of(fc, k[i]->name), fc->ent->name);
        }
    *body_out = body;
    return HL_OK;
}

/* Whether ent is a pure link (its key is its references and it has no workflow): such a
 * record holds nothing but what its row says, so it may be written again. */
static bool links_only(const struct entity *ent)
{
    const struct field *k[ORG_MAX_KEY];
    size_t n = key_fields(ent, k);
    for (size_t i = 0; i < n; i++)
        if (k[i]->type != FT_REF)
            return false;
    return n > 0 && !workflow_of(ent);
}

/* The fields of the status change to `to`, stamped now when `to` is reached by an action. */
static json_t *status_change(struct db *db, const struct workflow *wf, const char *to)
{
    json_t *c = json_pack("{ss}", wf->status, to);
    bool acted = false;
    for (size_t i = 0; i < wf->ntransitions; i++)
        acted |= strcmp(wf->transitions[i].to, to) == 0;
    if (acted && wf->stamp) {
        char now[21];
        instant_format(db_now(db), now);
        json_object_set_new(c, wf->stamp, json_string(now));
    }
    return c;
}

static enum hl_err import_row(struct file_ctx *fc, const json_t *cells, json_t *existing,
                              json_t *seen, json_t *freport, struct hl_error *err)
{
    json_t *body = NULL, *changes = NULL, *names = json_array(), *sys = NULL;
    const char *status = NULL;
    char *key = NULL;
    struct buf shown;
    buf_init(&shown, 1024);
    struct svc_ctx *ctx = fc->run->ctx;
    const char *action = "same";
    enum hl_err e = read_row(fc, cells, &body, &status, &shown, err);
    if (e != HL_OK)
        goto out;
    if (status && !fc->wf) {
        e = fail_at(fc, err, HL_ERR_INVALID, NULL, "no status here");
        goto out;
    }
    key = key_text(fc->ent, body);
    json_t *prev = json_object_get(seen, key);
    if (prev) {
        e = fail_at(fc, err, HL_ERR_INVALID, NULL, "the same %s as row %lld", fc->ent->name,
                    (long long)json_integer_value(prev));
        goto out;
    }
    json_object_set_new(seen, key, json_integer((json_int_t)fc->row));
    json_t *cur = json_object_get(existing, key);
    if (cur && json_is_null(cur)) {
        e = fail_at(fc, err, HL_ERR_CONFLICT, NULL,
                    "more than one %s in the database matches this row", fc->ent->name);
        goto out;
    }
    if (!cur) {
        action = "create";
        if (status)
            sys = status_change(ctx->db, fc->wf, status);
        if ((e = svc_entity_create_as(ctx, fc->ent, body, sys, NULL, err)) != HL_OK)
            e = rewrap(fc, err);
        goto out;
    }
    int64_t id = json_integer_value(json_object_get(cur, "id"));
    changes = json_object();
    const char *name;
    json_t *v;
    json_object_foreach(body, name, v)
    {
        const struct field *f = entity_field(fc->ent, name);
        if (is_key(fc->ent, f) || same_value(f, v, json_object_get(cur, name)))
            continue;
        json_object_set(changes, name, v);
        json_array_append_new(names, json_string(column_of(fc, name)));
    }
    int64_t version = json_integer_value(json_object_get(cur, "version"));
    if (json_object_size(changes) > 0 &&
        (e = svc_entity_update(ctx, fc->ent, id, version, changes, NULL, err)) != HL_OK) {
        if (e != HL_ERR_DUPLICATE || !links_only(fc->ent)) {
            e = rewrap(fc, err);
            goto out;
        }
        /* The new value is still held by another link (two backups swap ranks): this one is
         * taken out and written again after the rest of the file has moved. */
        if ((e = svc_entity_delete(ctx, fc->ent, id, version, err)) != HL_OK) {
            e = rewrap(fc, err);
            goto out;
        }
        json_t *again = json_object();
        for (size_t i = 0; i < fc->ent->nfields; i++) {
            const struct field *f = &fc->ent->fields[i];
            json_t *v = json_object_get(cur, f->name);
            if (!(f->flags & F_READONLY) && v && (!json_is_null(v) || (f->flags & F_NULLABLE)))
                json_object_set(again, f->name, v);
        }
        json_object_update(again, body);
        json_array_append_new(fc->deferred,
                              json_pack("{sI so}", "row", (json_int_t)fc->row, "body", again));
        hl_error_clear(err);
    }
    const char *from = fc->wf ? json_string_value(json_object_get(cur, fc->wf->status)) : NULL;
    if (status && from && strcmp(status, from) != 0) {
        const struct wf_action *act = NULL;
        for (size_t i = 0; i < fc->wf->nactions && !act; i++) {
            const char *to = workflow_next(fc->wf, from, fc->wf->actions[i].name);
            if (to && strcmp(to, status) == 0)
                act = &fc->wf->actions[i];
        }
        if (!act) {
            e = fail_at(fc, err, HL_ERR_TRANSITION, fc->wf->status,
                        "the %s is %s and cannot become %s", fc->ent->name, from, status);
            goto out;
        }
        sys = status_change(ctx->db, fc->wf, status);
        if ((e = svc_entity_set_system(ctx, fc->ent, id, IF_MATCH_NONE, sys, act->name, NULL,
                                       err)) != HL_OK) {
            e = rewrap(fc, err);
            goto out;
        }
        json_array_append_new(names, json_string(fc->wf->status));
    }
    action = json_array_size(names) > 0 ? "update" : "same";
out:
    if (e == HL_OK) {
        char *s = buf_steal(&shown);
        json_array_append_new(json_object_get(freport, "rows"),
                              json_pack("{sI ss ss sO}", "row", (json_int_t)fc->row, "action",
                                        action, "key", s ? s : "", "changes", names));
        free(s);
        const char *counter = strcmp(action, "create") == 0   ? "created"
                              : strcmp(action, "update") == 0 ? "changed"
                                                              : "unchanged";
        json_object_set_new(
            freport, counter,
            json_integer(json_integer_value(json_object_get(freport, counter)) + 1));
    }
    buf_cleanup(&shown);
    free(key);
    json_decref(body);
    json_decref(changes);
    json_decref(names);
    json_decref(sys);
    return e;
}

/* A row of empty cells (",,,,", as spreadsheets write below the data) is skipped. */
static bool blank(const json_t *cells)
{
    size_t i;
    json_t *c;
    json_array_foreach((json_t *)cells, i, c)
    {
        if (json_string_length(c) > 0)
            return false;
    }
    return true;
}

/* A work pattern's weekday may be a range of the week, "1-5" (Monday to Friday): the row
 * stands for one row per day of it, so a person's usual week is one line of the file. Finds
 * the weekday column of such a row: true with its index and the range's first and last day. */
static bool weekday_range(const struct file_ctx *fc, const json_t *cells, size_t *col, int *from,
                          int *to)
{
    if (strcmp(fc->ent->name, "work pattern") != 0)
        return false;
    for (size_t i = 0; i < fc->ncols && i < json_array_size(cells); i++) {
        if (fc->cols[i].kind != COL_FIELD || !fc->cols[i].f ||
            strcmp(fc->cols[i].f->name, "weekday") != 0)
            continue;
        const char *s = json_string_value(json_array_get(cells, i));
        if (strlen(s) != 3 || s[0] < '1' || s[0] > '7' || s[1] != '-' || s[2] < '1' || s[2] > '7' ||
            s[0] >= s[2])
            return false;
        *col = i;
        *from = s[0] - '0';
        *to = s[2] - '0';
        return true;
    }
    return false;
}

static enum hl_err import_file(struct org_run *run, const struct entity *ent, const char *file,
                               const json_t *text, json_t *report, struct hl_error *err)
{
    json_t *rows = NULL, *existing = json_object(), *seen = json_object();
    struct file_ctx fc = {
        .run = run, .ent = ent, .wf = workflow_of(ent), .file = file, .deferred = json_array()};
    json_t *freport = json_pack("{ss sI sI sI s[]}", "file", file, "created", (json_int_t)0,
                                "changed", (json_int_t)0, "unchanged", (json_int_t)0, "rows");
    json_array_append_new(json_object_get(report, "files"), freport);
    enum hl_err e = parse_csv(file, json_string_value(text), json_string_length(text), &rows, err);
    if (e != HL_OK)
        goto out;
    if ((e = read_header(&fc, json_array_get(rows, 0), json_object_get(report, "notes"), err)) !=
        HL_OK)
        goto out;
    struct rec_fill m = {ent, existing};
    if ((e = each_record(run->ctx, ent, fill_records, &m, err)) != HL_OK)
        goto out;
    for (size_t i = 1; i < json_array_size(rows) && e == HL_OK; i++) {
        fc.row = i + 1;
        json_t *cells = json_array_get(rows, i);
        size_t wcol;
        int wfrom, wto;
        if (blank(cells))
            continue;
        if (!weekday_range(&fc, cells, &wcol, &wfrom, &wto)) {
            e = import_row(&fc, cells, existing, seen, freport, err);
            continue;
        }
        for (int d = wfrom; d <= wto && e == HL_OK; d++) {
            json_t *one = json_copy(cells);
            char day[2] = {(char)('0' + d), '\0'};
            json_array_set_new(one, wcol, json_string(day));
            e = import_row(&fc, one, existing, seen, freport, err);
            json_decref(one);
        }
    }
    json_t *d;
    size_t k;
    json_array_foreach(fc.deferred, k, d)
    {
        if (e != HL_OK)
            break;
        fc.row = (size_t)json_integer_value(json_object_get(d, "row"));
        if ((e = svc_entity_create(run->ctx, ent, json_object_get(d, "body"), NULL, err)) != HL_OK)
            e = rewrap(&fc, err);
    }
out:
    json_decref(fc.deferred);
    run_forget(run); /* the next file may point to what this one created */
    json_decref(rows);
    json_decref(existing);
    json_decref(seen);
    return e;
}

enum hl_err svc_org_import(struct svc_ctx *ctx, const json_t *files, bool dry_run, json_t **report,
                           struct hl_error *err)
{
    const struct entity *ents[ORG_MAX_ENTITIES];
    size_t n = svc_org_entities(ents, ORG_MAX_ENTITIES);
    json_t *rep = json_pack("{s[] s[] sb}", "files", "notes", "dry_run", dry_run);
    enum hl_err e = HL_OK;
    if (ctx->who && !role_is_manager(ctx->who->role)) {
        e = hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers import an organisation");
        goto out;
    }
    const char *name;
    json_t *text;
    json_object_foreach((json_t *)files, name, text)
    {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++) {
            size_t len = strlen(ents[i]->path);
            known = strncmp(name, ents[i]->path, len) == 0 && strcmp(name + len, ".csv") == 0;
        }
        if (!known) {
            struct buf b;
            buf_init(&b, 2048);
            for (size_t i = 0; i < n; i++)
                buf_printf(&b, "%s%s.csv", i ? ", " : "", ents[i]->path);
            char *list = buf_steal(&b);
            e = hl_fail(err, HL_ERR_INVALID, NULL,
                        "%s is not a file of an organisation; the files are %s", name,
                        list ? list : "");
            free(list);
            buf_cleanup(&b);
            goto out;
        }
        if (!json_is_string(text)) {
            e = hl_fail(err, HL_ERR_INVALID, name, "%s must be CSV text", name);
            goto out;
        }
    }
    if (json_object_size(files) == 0) {
        e = hl_fail(err, HL_ERR_INVALID, NULL, "no file of an organisation was given");
        goto out;
    }
    struct org_run run = {.ctx = ctx};
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto out;
    for (size_t i = 0; i < n && e == HL_OK; i++) {
        char file[128];
        snprintf(file, sizeof file, "%s.csv", ents[i]->path);
        const json_t *t = json_object_get(files, file);
        if (t)
            e = import_file(&run, ents[i], file, t, rep, err);
    }
    run_forget(&run);
    if (e != HL_OK || dry_run)
        db_rollback(ctx->db);
    else if ((e = db_commit(ctx->db, err)) != HL_OK)
        db_rollback(ctx->db);
out:
    if (report)
        *report = rep;
    else
        json_decref(rep);
    return e;
}

/* ---- export ---- */

static void header_line(const struct entity *ent, struct buf *b)
{
    bool first = true;
    for (size_t i = 0; i < ent->nfields; i++) {
        if (!in_file(ent, &ent->fields[i]))
            continue;
        char name[96];
        column_name(&ent->fields[i], name, sizeof name);
        buf_printf(b, "%s%s", first ? "" : ",", name);
        first = false;
    }
    buf_puts(b, "\r\n");
}

struct export_fill {
    struct org_run *run;
    const struct entity *ent;
    struct buf *b;
    size_t rows;
};

static enum hl_err export_record(void *arg, json_t *rec, struct hl_error *err)
{
    struct export_fill *x = arg;
    bool first = true;
    for (size_t i = 0; i < x->ent->nfields; i++) {
        const struct field *f = &x->ent->fields[i];
        if (!in_file(x->ent, f))
            continue;
        if (!first)
            buf_puts(x->b, ",");
        first = false;
        json_t *v = json_object_get(rec, f->name);
        if (f->type == FT_REF && natural_field(f->ref) && json_is_integer(v)) {
            size_t slot;
            enum hl_err e = run_map(x->run, f->ref, &slot, err);
            if (e != HL_OK)
                return e;
            char idtext[24];
            snprintf(idtext, sizeof idtext, "%lld", (long long)json_integer_value(v));
            v = json_object_get(x->run->by_id[slot], idtext);
        }
        put_value(x->b, v);
    }
    x->rows++;
    return buf_puts(x->b, "\r\n")
               ? HL_OK
               : hl_fail(err, HL_ERR_TOO_LARGE, NULL, "the %s file is too large", x->ent->path);
}

enum hl_err svc_org_export(struct svc_ctx *ctx, json_t **files, struct hl_error *err)
{
    const struct entity *ents[ORG_MAX_ENTITIES];
    size_t n = svc_org_entities(ents, ORG_MAX_ENTITIES);
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers export an organisation");
    struct org_run run = {.ctx = ctx};
    json_t *out = json_array();
    enum hl_err e = HL_OK;
    for (size_t i = 0; i < n && e == HL_OK; i++) {
        struct buf b;
        buf_init(&b, (size_t)1 << 30);
        header_line(ents[i], &b);
        struct export_fill x = {&run, ents[i], &b, 0};
        e = each_record(ctx, ents[i], export_record, &x, err);
        char file[128];
        snprintf(file, sizeof file, "%s.csv", ents[i]->path);
        char *csv = buf_steal(&b);
        json_array_append_new(out, json_pack("{ss ss sI}", "file", file, "csv", csv ? csv : "",
                                             "rows", (json_int_t)x.rows));
        free(csv);
        buf_cleanup(&b);
    }
    run_forget(&run);
    if (e != HL_OK)
        json_decref(out);
    else
        *files = out;
    return e;
}

/* ---- templates ---- */

static const struct {
    const char *entity, *field, *value;
} examples[] = {
    {"course", "name", "Finnish for business B2"},
    {"course", "provider", "Tallinn Language School"},
    {"course", "language", "et"},
    {"training session", "name", "Finnish B2, spring 2027"},
    {"training session", "place", "Narva mnt 5, Tallinn"},
    {"training meeting", "start_at", "2027-03-05T07:00:00Z"},
    {"training meeting", "end_at", "2027-03-05T14:00:00Z"},
    {"training meeting", "rrule", "FREQ=WEEKLY;COUNT=3"},
    {"training arrangement", "title", "Book the room"},
    {"training arrangement", "due_date", "2027-02-20"},
    {"certificate", "title", "Finnish B2"},
    {"certificate", "level_without", "2"},
    {"certificate", "issued_on", "2027-03-19"},
    {"certificate", "expires_on", "2029-03-19"},
    {"task", "title", "Prepare the board pack"},
    {"task", "priority", "high"},
    {"task", "due_at", "2026-11-02T09:00:00+02:00"},
    {"task", "estimate_minutes", "90"},
    {"task", "rrule", "FREQ=WEEKLY;BYDAY=MO"},
    {"phone message", "caller", "Mart Kask"},
    {"phone message", "organisation", "Nordea"},
    {"phone message", "message", "About the loan covenants"},
    {"phone message", "taken_at", "2026-11-02T09:30:00+02:00"},
    {"correspondence item", "counterpart", "Ministry of Finance"},
    {"correspondence item", "subject", "Draft budget for comments"},
    {"correspondence item", "reference", "MoF-2026/17"},
    {"correspondence item", "date", "2026-11-02"},
    {"correspondence item", "reply_due", "2026-11-16"},
    {"assistant", "name", "Mari Tamm"},
    {"assistant", "email", "mari.tamm@example.org"},
    {"person", "email", "mari.tamm@example.org"},
    {"principal", "name", "Jaan Kask"},
    {"principal", "email", "jaan.kask@example.org"},
    {"principal", "languages", "Estonian;English"},
    {NULL, "phone", "+372 640 0101"},
    {NULL, "time_zone", "Europe/Tallinn"},
    {NULL, "office", "Tallinn"},
    {NULL, "languages", "Estonian;English;Russian"},
    {NULL, "active", "true"},
    {NULL, "contracted_hours", "40"},
    {NULL, "capacity", "2"},
    {NULL, "experience_years", "6"},
    {NULL, "hire_date", "2020-03-01"},
    {NULL, "traits", "calm;organised"},
    {NULL, "title", "Chief Executive Officer"},
    {NULL, "department", "Executive Office"},
    {NULL, "priority", "5"},
    {NULL, "preferred_traits", "organised"},
    {"skill", "name", "Calendar management"},
    {NULL, "category", "office"},
    {"duty", "name", "Phones & calendar"},
    {NULL, "description", "answer calls, take messages, keep the calendar"},
    {NULL, "min_level", "3"},
    {NULL, "level", "4"},
    {NULL, "must_have", "true"},
    {NULL, "rank", "1"},
    {NULL, "weekday", "1"},
    {NULL, "start_time", "09:00"},
    {NULL, "end_time", "17:00"},
    {NULL, "valid_from", ""},
    {NULL, "valid_to", ""},
    {NULL, "kind", NULL}, /* the first choice */
    {NULL, "share", "100"},
    {NULL, "start_date", "2026-01-05"},
    {NULL, "end_date", ""},
    {"absence", "start_at", "2026-12-07T00:00:00+02:00"},
    {"absence", "end_at", "2026-12-14T00:00:00+02:00"},
    {"absence", "status", "approved"},
    {"absence", "note", "family holiday"},
    {"office calendar", "country", "EE"},
    {"office holiday", "date", "2026-12-31"},
    {"office holiday", "name", "Staff day"},
    {"leave policy", "days", "28"},
    {"leave policy", "accrual", "yearly"},
    {"leave entitlement", "year", "2027"},
    {"leave entitlement", "carry_over_days", "3"},
    {"leave entitlement", "carry_over_expires", "2027-03-31"},
    {"approval stand-in", "manager_id", "jaan.kask@example.org"},
    {"approval stand-in", "from_date", "2027-07-01"},
    {"approval stand-in", "to_date", "2027-07-14"},
    {"approval stand-in", "note", "on holiday"},
    {"room", "name", "Board room"},
    {"room", "location", "5th floor"},
    {"role profile", "workload_hours", "30"},
    {"role profile", "pace", "2"},
    {"role profile", "formality", "1"},
    {"role profile", "autonomy", "1"},
    {"role profile", "channel", "-2"},
    {"role profile", "note", "prefers a quick call to a long e-mail"},
    {"work style", "pace", "1"},
    {"work style", "formality", "1"},
    {"work style", "autonomy", "2"},
    {"work style", "channel", "-1"},
    {"work style", "preferred_start", "08:00"},
    {"work style", "preferred_end", "16:30"},
    {"duty experience", "years", "5"},
};

static const char *example_of(const struct entity *ent, const struct field *f)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i].field, f->name) == 0 &&
            (!examples[i].entity || strcmp(examples[i].entity, ent->name) == 0) &&
            examples[i].value)
            return examples[i].value;
    if (f->type == FT_REF) {
        const struct field *nat = natural_field(f->ref);
        return nat ? example_of(f->ref, nat) : "1";
    }
    if (f->type == FT_ENUM && f->choices)
        return f->choices[0];
    if (f->type == FT_BOOL)
        return "true";
    return "";
}

enum hl_err svc_org_template(const char *path, char **csv, struct hl_error *err)
{
    const struct entity *ents[ORG_MAX_ENTITIES];
    size_t n = svc_org_entities(ents, ORG_MAX_ENTITIES);
    const struct entity *ent = NULL;
    for (size_t i = 0; i < n && !ent; i++)
        if (strcmp(ents[i]->path, path) == 0)
            ent = ents[i];
    if (!ent)
        return hl_fail(err, HL_ERR_NOT_FOUND, NULL, "'%s' is not a file of an organisation", path);
    struct buf b;
    buf_init(&b, 1 << 16);
    header_line(ent, &b);
    bool first = true;
    for (size_t i = 0; i < ent->nfields; i++) {
        if (!in_file(ent, &ent->fields[i]))
            continue;
        if (!first)
            buf_puts(&b, ",");
        first = false;
        put_cell(&b, example_of(ent, &ent->fields[i]));
    }
    buf_puts(&b, "\r\n");
    *csv = buf_steal(&b);
    buf_cleanup(&b);
    return HL_OK;
}
