/* test_errors.c: keeps docs/errors.md in step with enum hl_err (src/core/err.h, src/core/err.c),
 * like curl's test1477: every code is documented with its HTTP status, and the document lists no
 * code the enum does not have. The document's path is the first argument (meson passes it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "http.h"
#include "mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *doc_path;

/* One row of the document's table: | `code` | status | cause | what to do | */
struct row {
    char code[64];
    int status;
    int line;
    bool has_cause, has_action;
};

struct doc {
    char *text;
    struct row rows[64];
    size_t nrows;
};

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s (pass the path of docs/errors.md as the first argument)", path);
    struct buf b;
    buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        assert_true(buf_append(&b, chunk, n));
    fclose(fp);
    return buf_steal(&b);
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Whether the cell [s, end) holds more than spaces. */
static bool cell_filled(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!isspace((unsigned char)*s))
            return true;
    return false;
}

/* Reads every row of the table under "## Codes" whose first cell is a `code` in backquotes. */
static void parse_doc(struct doc *d)
{
    d->text = read_file(doc_path);
    d->nrows = 0;
    int line = 0;
    bool in_codes = false; /* only the table under "## Codes" lists codes */
    for (const char *p = d->text; *p; line++) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        const char *s = skip_space(p);
        if (strncmp(s, "## ", 3) == 0)
            in_codes = strncmp(s, "## Codes", 8) == 0;
        if (in_codes && *s == '|') {
            const char *c = skip_space(s + 1);
            if (*c == '`') {
                struct row *r = &d->rows[d->nrows];
                memset(r, 0, sizeof *r);
                r->line = line + 1;
                const char *close = memchr(c + 1, '`', (size_t)(eol - c - 1));
                if (!close || (size_t)(close - c - 1) >= sizeof r->code)
                    fail_msg("%s:%d: a code cell without its closing backquote", doc_path, r->line);
                memcpy(r->code, c + 1, (size_t)(close - c - 1));
                const char *bar = memchr(close, '|', (size_t)(eol - close));
                if (!bar)
                    fail_msg("%s:%d: row of %s has no status column", doc_path, r->line, r->code);
                char *end;
                r->status = (int)strtol(bar + 1, &end, 10);
                const char *after = skip_space(end);
                if (end == bar + 1 || *after != '|')
                    fail_msg("%s:%d: the status of %s is not a number", doc_path, r->line, r->code);
                const char *bar2 = memchr(after + 1, '|', (size_t)(eol - after - 1));
                r->has_cause = bar2 && cell_filled(after + 1, bar2);
                const char *bar3 = bar2 ? memchr(bar2 + 1, '|', (size_t)(eol - bar2 - 1)) : NULL;
                r->has_action = bar3 && cell_filled(bar2 + 1, bar3);
                assert_true(++d->nrows < sizeof d->rows / sizeof d->rows[0]);
            }
        }
        p = *eol ? eol + 1 : eol;
    }
}

static void test_table_is_sane(void **state)
{
    (void)state;
    assert_string_equal(hl_err_code(HL_OK), "ok");
    assert_int_equal(hl_err_http_status(HL_OK), 200);
    for (int e = 1; e < HL_ERR__COUNT; e++) {
        const char *code = hl_err_code((enum hl_err)e);
        int status = hl_err_http_status((enum hl_err)e);
        assert_non_null(code);
        assert_true(strlen(code) > 0);
        for (const char *c = code; *c; c++)
            if (!(islower((unsigned char)*c) || *c == '_'))
                fail_msg("code %s of error %d is not snake_case", code, e);
        if (status < 400 || status > 599)
            fail_msg("error %d (%s) has HTTP status %d, not an error status", e, code, status);
        assert_true(strlen(hl_strerror((enum hl_err)e)) > 0);
        /* Stable codes are unique: a client tells the errors apart by them. */
        for (int k = 1; k < e; k++)
            if (strcmp(code, hl_err_code((enum hl_err)k)) == 0)
                fail_msg("errors %d and %d share the code %s", k, e, code);
    }
    /* Values outside the enum are reported as internal errors, not read past the table. */
    assert_string_equal(hl_err_code(HL_ERR__COUNT), "internal");
    assert_int_equal(hl_err_http_status(HL_ERR__COUNT), 500);
    assert_string_equal(hl_err_code((enum hl_err) - 1), "internal");
}

static void test_doc_lists_every_code(void **state)
{
    (void)state;
    struct doc d;
    parse_doc(&d);
    for (int e = 1; e < HL_ERR__COUNT; e++) {
        const char *code = hl_err_code((enum hl_err)e);
        int status = hl_err_http_status((enum hl_err)e);
        const struct row *found = NULL;
        for (size_t i = 0; i < d.nrows; i++)
            if (strcmp(d.rows[i].code, code) == 0)
                found = &d.rows[i];
        if (!found)
            fail_msg("%s does not list the error code %s (HTTP %d)", doc_path, code, status);
        if (found->status != status)
            fail_msg("%s:%d: %s is documented as HTTP %d but is %d", doc_path, found->line, code,
                     found->status, status);
        if (!found->has_cause || !found->has_action)
            fail_msg("%s:%d: %s needs a cause and what the client should do", doc_path, found->line,
                     code);
    }
    free(d.text);
}

static void test_doc_lists_no_other_code(void **state)
{
    (void)state;
    struct doc d;
    parse_doc(&d);
    assert_true(d.nrows > 0);
    for (size_t i = 0; i < d.nrows; i++) {
        bool known = false;
        for (int e = 1; e < HL_ERR__COUNT && !known; e++)
            known = strcmp(d.rows[i].code, hl_err_code((enum hl_err)e)) == 0;
        if (!known)
            fail_msg("%s:%d: %s is not an error code of enum hl_err", doc_path, d.rows[i].line,
                     d.rows[i].code);
        for (size_t k = 0; k < i; k++)
            if (strcmp(d.rows[k].code, d.rows[i].code) == 0)
                fail_msg("%s:%d: %s is listed twice", doc_path, d.rows[i].line, d.rows[i].code);
    }
    assert_int_equal(d.nrows, HL_ERR__COUNT - 1);
    free(d.text);
}

/* The shape the document describes is the one http.c writes. */
static void test_error_shape(void **state)
{
    (void)state;
    struct doc d;
    parse_doc(&d);
    assert_non_null(strstr(d.text, "{\"error\":{\"code\""));
    assert_non_null(strstr(d.text, "\"message\""));
    assert_non_null(strstr(d.text, "\"field\""));
    free(d.text);

    struct hl_error err;
    hl_error_clear(&err);
    hl_fail(&err, HL_ERR_STALE, "capacity", "the %s was changed by someone else", "assistant");
    json_t *j = http_error_json(&err);
    char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(text, "{\"error\":{\"code\":\"version_mismatch\",\"field\":\"capacity\","
                              "\"message\":\"the assistant was changed by someone else\"}}");
    free(text);
    json_decref(j);
    /* Without a field, there is no field member; without a message, the code's text. */
    hl_error_clear(&err);
    err.code = HL_ERR_BUSY;
    j = http_error_json(&err);
    text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    char *want =
        hl_asprintf("{\"error\":{\"code\":\"busy\",\"message\":\"%s\"}}", hl_strerror(HL_ERR_BUSY));
    assert_string_equal(text, want);
    free(want);
    free(text);
    json_decref(j);
}

/* A message longer than the error holds is cut, never inside a character. */
static void test_cut_at_a_character(void **state)
{
    (void)state;
    struct hl_error err;
    char text[1200];
    for (size_t shift = 0; shift < 4; shift++) {
        memset(text, 'a', shift);
        size_t n = shift;
        while (n + 2 < sizeof text - 1) {
            text[n++] = '\xc3';
            text[n++] = '\xb5'; /* õ */
        }
        text[n] = '\0';
        hl_fail(&err, HL_ERR_INVALID, NULL, "%s", text);
        json_error_t je;
        json_t *v = json_pack_ex(&je, 0, "s", err.message);
        if (!v)
            fail_msg("shift %zu: the cut message is not UTF-8 (%s)", shift, je.text);
        assert_true(strlen(err.message) >= sizeof err.message - 4);
        json_decref(v);
    }
}

int main(int argc, char **argv)
{
    const char *root = getenv("HALDUS_SOURCE_ROOT");
    char *fallback = NULL;
    if (argc > 1)
        doc_path = argv[1];
    else if (root && *root)
        doc_path = fallback = hl_asprintf("%s/docs/errors.md", root);
    else
        doc_path = "docs/errors.md";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_is_sane),           cmocka_unit_test(test_doc_lists_every_code),
        cmocka_unit_test(test_doc_lists_no_other_code), cmocka_unit_test(test_error_shape),
        cmocka_unit_test(test_cut_at_a_character),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(fallback);
    return rc;
}
