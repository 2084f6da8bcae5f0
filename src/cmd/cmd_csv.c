/* cmd_csv.c: CLI ⇄ svc for CSV: `haldus import ENTITY FILE` and `haldus export ENTITY`.
 * The columns are the API's field names, so a file exported can be edited and imported. */
#include "cmd.h"
#include "domain.h"
#include "store_entity.h"
#include "svc_entity.h"
#include "svc_import.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_MAX_ROWS 100000
#define IMPORT_MAX_CELL 4096

static const char import_usage[] = "Usage: haldus import org FOLDER [--dry-run] [--db PATH]\n"
                                   "       haldus import ENTITY FILE [--db PATH]\n"
                                   "(and haldus export org FOLDER, haldus export --template KIND,\n"
                                   "haldus export ENTITY [--output FILE])\n";
static const char export_usage[] = "Usage: haldus export org FOLDER [--db PATH]\n"
                                   "       haldus export --template KIND\n"
                                   "       haldus export ENTITY [--output FILE] [--db PATH]\n"
                                   "(and haldus import org FOLDER [--dry-run], haldus import "
                                   "ENTITY FILE)\n";
static const char csv_help[] =
    "`import org` and `export org` take a whole organisation, one file per collection, linked\n"
    "by e-mail and name (see `haldus import org --help` and docs/organisation.md); --template\n"
    "prints the header and an example row of KIND's file (KIND: assistants, absences …).\n"
    "The single-collection form:\n"
    "ENTITY is a collection of the API that can be created (listed below). The first row of\n"
    "the file names the columns: the API's field names (see\n"
    "docs/api.md); an empty cell takes the default. Lists (languages, traits) are separated by\n"
    "';'. An import is all or nothing: one bad row and nothing is imported; the message names\n"
    "the row and the column. FILE '-' reads standard input. export writes every record with its\n"
    "id, in the same columns; an id column in an imported file is ignored (import creates), and\n"
    "so are the columns Haldus sets itself (source, status …), with a note.\n";

/* The collections import and export take: every entity of the registry that can be created
 * and listed. NULL when path names none of them. */
static const struct entity *entity_by_path(const char *path)
{
    const struct entity *e = domain_entity_by_path(path);
    return e && (e->ops & (OP_CREATE | OP_LIST)) == (OP_CREATE | OP_LIST) ? e : NULL;
}

static void print_collections(FILE *out)
{
    struct domain_iter it = {0};
    size_t col = 12;
    fputs("Collections:", out);
    for (const struct entity *e; (e = domain_entity_next(&it));) {
        if (!entity_by_path(e->path))
            continue;
        if (col + strlen(e->path) + 1 > 79) {
            fputs("\n ", out);
            col = 1;
        }
        fprintf(out, " %s", e->path);
        col += strlen(e->path) + 1;
    }
    fputc('\n', out);
}

struct reader {
    const struct entity *ent;
    const struct field *columns[64];
    size_t ncols, col, row;
    json_t *rows, *cur;
    struct hl_error err;
    bool failed;
};

static void fail_at(struct reader *r, const char *column, const char *fmt, const char *detail)
{
    if (r->failed)
        return;
    r->failed = true;
    char msg[400];
    snprintf(msg, sizeof msg, fmt, detail);
    hl_fail(&r->err, HL_ERR_INVALID, column, "row %zu%s%s: %s", r->row + 1,
            column ? ", column " : "", column ? column : "", msg);
}

static void on_cell(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    const char *s = data ? data : "";
    if (r->failed)
        return;
    if (len > IMPORT_MAX_CELL) {
        fail_at(r, NULL, "a cell longer than %s bytes", "4096");
        return;
    }
    if (r->row == 0) { /* the header */
        const struct field *f = entity_field(r->ent, s);
        if (!f && strcmp(s, "id") == 0) { /* an exported file: import creates, ids are new */
            r->columns[r->ncols++] = NULL;
            return;
        }
        if (f && (f->flags & F_READONLY) && r->ncols < sizeof r->columns / sizeof r->columns[0]) {
            /* An exported file has them; Haldus sets them, so they are left out, not refused. */
            fprintf(stderr, "note: column %s is set by Haldus and is ignored%s\n", s,
                    strcmp(s, "status") == 0 ? " (`haldus import org` keeps statuses)" : "");
            r->columns[r->ncols++] = NULL;
            return;
        }
        if (!f) {
            fail_at(r, s, "unknown column for %s", r->ent->path);
            return;
        }
        if (r->ncols == sizeof r->columns / sizeof r->columns[0]) {
            fail_at(r, s, "%s", "too many columns");
            return;
        }
        for (size_t i = 0; i < r->ncols; i++)
            if (r->columns[i] && r->columns[i] == f) {
                fail_at(r, s, "%s", "the column appears twice");
                return;
            }
        r->columns[r->ncols++] = f;
        return;
    }
    if (r->col >= r->ncols) {
        fail_at(r, NULL, "%s", "more cells than the header has columns");
        return;
    }
    const struct field *f = r->columns[r->col++];
    if (len == 0 || !f)
        return; /* the default, or the id column */
    if (!r->cur)
        r->cur = json_object();
    json_t *v;
    if (f->type == FT_STRLIST) {
        v = import_list_cell(s);
    } else {
        struct hl_error e;
        hl_error_clear(&e);
        if (field_from_text(f, s, &v, &e) != HL_OK) {
            fail_at(r, f->name, "%s", e.message);
            return;
        }
    }
    json_object_set_new(r->cur, f->name, v);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct reader *r = ctx;
    if (r->failed)
        return;
    if (r->row > 0) {
        json_array_append_new(r->rows, r->cur ? r->cur : json_object());
        r->cur = NULL;
        if (json_array_size(r->rows) > IMPORT_MAX_ROWS)
            fail_at(r, NULL, "more than %s rows", "100000");
    } else if (r->ncols == 0) {
        fail_at(r, NULL, "%s", "the first row must name the columns");
    }
    r->row++;
    r->col = 0;
}

static int run_import(struct db *db, const struct entity *ent, const char *file)
{
    FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
    struct hl_error err;
    hl_error_clear(&err);
    if (!in) {
        hl_fail(&err, HL_ERR_IO, NULL, "cannot read %s: %s", file, strerror(errno));
        return cmd_fail("import", &err);
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    struct reader r = {.ent = ent, .rows = json_array()};
    char chunk[65536];
    size_t n;
    bool parse_error = false;
    while (!r.failed && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        if (csv_parse(&p, chunk, n, on_cell, on_row, &r) != n)
            parse_error = true, r.failed = true;
    if (!r.failed && csv_fini(&p, on_cell, on_row, &r) != 0)
        parse_error = true;
    if (parse_error)
        hl_fail(&r.err, HL_ERR_INVALID, NULL, "row %zu: %s", r.row + 1,
                csv_strerror(csv_error(&p)));
    csv_free(&p);
    if (in != stdin)
        fclose(in);
    json_decref(r.cur);
    int rc = 0;
    if (parse_error || r.failed) {
        size_t n = strlen(r.err.message);
        snprintf(r.err.message + n, sizeof r.err.message - n, " (nothing was imported)");
        rc = cmd_fail("import", &r.err);
    } else {
        struct svc_ctx ctx = {db, "import", NULL};
        size_t failed = 0;
        if (svc_entity_import(&ctx, ent, r.rows, &failed, &err) != HL_OK) {
            /* Row 1 is the header: the data row i is file row i + 2. */
            char msg[sizeof err.message], field[sizeof err.field];
            snprintf(msg, sizeof msg, "%s", err.message);
            snprintf(field, sizeof field, "%s", err.field);
            hl_fail(&err, err.code, field, "row %zu%s%s: %s (nothing was imported)", failed + 2,
                    field[0] ? ", column " : "", field, msg);
            rc = cmd_fail("import", &err);
        } else {
            printf("imported %zu %s from %s\n", json_array_size(r.rows), ent->path, file);
        }
    }
    json_decref(r.rows);
    return rc;
}

/* Writes one value as a CSV cell (lists joined with ';'). */
static void write_cell(FILE *out, const json_t *v)
{
    char buf[64];
    if (json_is_string(v)) {
        csv_fwrite(out, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        fputs(buf, out);
    } else if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%g", json_real_value(v));
        fputs(buf, out);
    } else if (json_is_boolean(v)) {
        fputs(json_is_true(v) ? "true" : "false", out);
    } else if (json_is_array(v)) {
        size_t i, len = 0;
        json_t *x;
        char *joined = NULL;
        json_array_foreach((json_t *)v, i, x)
        {
            size_t add = json_string_length(x);
            joined = realloc(joined, len + add + 2);
            if (!joined)
                abort();
            if (i)
                joined[len++] = ';';
            memcpy(joined + len, json_string_value(x), add);
            len += add;
        }
        csv_fwrite(out, joined ? joined : "", len);
        free(joined);
    }
}

static int run_export(struct db *db, const struct entity *ent, const char *file)
{
    struct hl_error err;
    hl_error_clear(&err);
    FILE *out = file ? fopen(file, "w") : stdout;
    if (!out) {
        hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s: %s", file, strerror(errno));
        return cmd_fail("export", &err);
    }
    fputs("id", out);
    for (size_t i = 0; i < ent->nfields; i++)
        fprintf(out, ",%s", ent->fields[i].name);
    fputs("\r\n", out);
    struct svc_ctx ctx = {db, "export", NULL};
    struct list_query q = {.limit = 500};
    bool more = true;
    size_t count = 0;
    int rc = 0;
    while (more) {
        json_t *items, *rec;
        size_t i;
        if (svc_entity_list(&ctx, ent, &q, &items, &more, &err) != HL_OK) {
            rc = cmd_fail("export", &err);
            break;
        }
        json_array_foreach(items, i, rec)
        {
            write_cell(out, json_object_get(rec, "id"));
            for (size_t k = 0; k < ent->nfields; k++) {
                fputc(',', out);
                write_cell(out, json_object_get(rec, ent->fields[k].name));
            }
            fputs("\r\n", out);
            q.after_id = json_integer_value(json_object_get(rec, "id"));
            count++;
        }
        json_decref(items);
    }
    if ((out != stdout && fclose(out) != 0) || (out == stdout && fflush(out) != 0)) {
        hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s", file ? file : "standard output");
        rc = cmd_fail("export", &err);
    }
    if (rc == 0 && file)
        printf("exported %zu %s to %s\n", count, ent->path, file);
    return rc;
}

static int csv_command(int argc, char **argv, bool import)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"template", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *name = import ? "import" : "export", *db_path = NULL, *output = NULL;
    const char *template = NULL;
    int c;
    /* `org` as the first argument that is not an option (`import --db x org FOLDER` too). */
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            bool valued = strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "-d") == 0 ||
                          strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "-o") == 0 ||
                          strcmp(argv[i], "--template") == 0 || strcmp(argv[i], "-t") == 0;
            i += valued;
            continue;
        }
        if (strcmp(argv[i], "org") != 0)
            break;
        char *org = argv[i];
        memmove(&argv[2], &argv[1], (size_t)(i - 1) * sizeof *argv);
        argv[1] = org;
        return import ? cmd_import_org(argc - 1, argv + 1) : cmd_export_org(argc - 1, argv + 1);
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:o:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (import)
                return cmd_usage(name, "--template is for export");
            template = optarg;
            break;
        case 'd':
            db_path = optarg;
            break;
        case 'o':
            if (import)
                return cmd_usage(name, "--output is for export");
            output = optarg;
            break;
        case 'h':
            fputs(import ? import_usage : export_usage, stdout);
            fputs(csv_help, stdout);
            print_collections(stdout);
            return 0;
        case ':':
            return cmd_usage(name, "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage(name, "unknown option %s", argv[optind - 1]);
        }
    }
    if (template) {
        if (argc != optind)
            return cmd_usage(name, "--template takes no other argument");
        return cmd_export_template(template);
    }
    int want = import ? 2 : 1;
    if (argc - optind != want)
        return cmd_usage(name, import ? "give the ENTITY and the FILE" : "give the ENTITY");
    const struct entity *ent = entity_by_path(argv[optind]);
    if (!ent || !(ent->ops & OP_CREATE))
        return cmd_usage(name, "'%s' is not a collection to %s (see --help)", argv[optind], name);
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail(name, &err);
    int rc = import ? run_import(db, ent, argv[optind + 1]) : run_export(db, ent, output);
    db_close(db);
    return rc;
}

int cmd_import(int argc, char **argv)
{
    return csv_command(argc, argv, true);
}

int cmd_export(int argc, char **argv)
{
    return csv_command(argc, argv, false);
}
