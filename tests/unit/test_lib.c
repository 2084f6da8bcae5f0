/* test_lib.c: unit tests of src/lib/buf.c (the limited buffer) and src/lib/mem.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "ident.h"
#include "jsonw.h"

#include <jansson.h>
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static void test_buf_append_grows(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    /* Far past the first allocation, so the buffer has to grow several times. */
    for (int i = 0; i < 1000; i++)
        assert_true(buf_append(&b, "0123456789", 10));
    assert_int_equal(b.len, 10000);
    assert_true(b.cap > b.len);
    assert_int_equal(strlen(b.data), 10000);
    for (size_t i = 0; i < b.len; i++)
        assert_int_equal(b.data[i], '0' + (int)(i % 10));
    /* Bytes are copied as they are, NUL included. */
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_true(buf_append(&b, "a\0b", 3));
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 4);
    buf_cleanup(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    buf_cleanup(NULL); /* accepts NULL like every cleanup */
}

static void test_buf_limit_refuses_and_leaves_unchanged(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_true(buf_puts(&b, "12345"));
    char *before = b.data;
    size_t cap = b.cap;

    /* 5 + 4 passes the limit of 8: refused, nothing of it written. */
    assert_false(buf_puts(&b, "6789"));
    assert_int_equal(b.len, 5);
    assert_string_equal(b.data, "12345");
    assert_ptr_equal(b.data, before);
    assert_int_equal(b.cap, cap);

    assert_false(buf_printf(&b, "%s", "abcd"));
    assert_int_equal(b.len, 5);
    assert_string_equal(b.data, "12345");

    assert_false(buf_append(&b, "x", (size_t)-1)); /* a length that overflows any sum */
    assert_int_equal(b.len, 5);
    assert_string_equal(b.data, "12345");

    /* Exactly up to the limit is allowed; one byte more is not. */
    assert_true(buf_append(&b, "678", 3));
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    assert_false(buf_append(&b, "9", 1));
    assert_false(buf_printf(&b, "%d", 9));
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    assert_true(buf_append(&b, "", 0));
    assert_int_equal(b.len, 8);

    /* The limit counts the content, so a reset buffer takes the same again. */
    buf_reset(&b);
    assert_true(buf_printf(&b, "%08d", 42));
    assert_string_equal(b.data, "00000042");
    assert_false(buf_puts(&b, "!"));
    buf_cleanup(&b);

    /* A buffer whose first append is already too large stays empty. */
    buf_init(&b, 4);
    assert_false(buf_puts(&b, "hello"));
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    buf_cleanup(&b);
}

static void test_buf_printf(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    assert_true(buf_printf(&b, "%s=%d", "n", 42));
    assert_true(buf_printf(&b, ", %.2f", 2.5));
    assert_true(buf_printf(&b, ", %c%c", 'o', 'k'));
    assert_string_equal(b.data, "n=42, 2.50, ok");
    assert_int_equal(b.len, strlen("n=42, 2.50, ok"));
    /* An empty expansion still leaves a NUL-terminated buffer. */
    assert_true(buf_printf(&b, "%s", ""));
    assert_int_equal(b.len, 14);
    /* Many appends that cross several growth steps. */
    buf_reset(&b);
    for (int i = 0; i < 500; i++)
        assert_true(buf_printf(&b, "%03d,", i));
    assert_int_equal(b.len, 2000);
    assert_memory_equal(b.data, "000,001,002,", 12);
    assert_string_equal(b.data + 1996, "499,");
    buf_cleanup(&b);

    /* printf into a fresh buffer with a limit that the text exactly fills. */
    buf_init(&b, 6);
    assert_true(buf_printf(&b, "%d-%d", 12, 345));
    assert_string_equal(b.data, "12-345");
    buf_cleanup(&b);
}

static void test_buf_steal(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 100);
    assert_true(buf_puts(&b, "hello"));
    assert_true(buf_puts(&b, ", world"));
    char *s = buf_steal(&b);
    assert_string_equal(s, "hello, world");
    /* The buffer is empty afterwards and still usable, with its limit. */
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    assert_int_equal(b.limit, 100);
    assert_true(buf_puts(&b, "again"));
    assert_string_equal(b.data, "again");
    char *t = buf_steal(&b);
    assert_string_equal(t, "again");
    assert_ptr_not_equal(s, t);
    free(s);
    free(t);

    /* Stealing from a buffer that never held anything gives an empty string to free. */
    char *e = buf_steal(&b);
    assert_non_null(e);
    assert_string_equal(e, "");
    free(e);
    buf_cleanup(&b);
}

static void test_asprintf(void **state)
{
    (void)state;
    char *s = hl_asprintf("%s-%d-%05.1f", "abc", 42, 3.14159);
    assert_string_equal(s, "abc-42-003.1");
    free(s);
    s = hl_asprintf("%s", "");
    assert_string_equal(s, "");
    free(s);
    /* Longer than any stack buffer a careless implementation might use. */
    char *big = hl_malloc(10001);
    memset(big, 'x', 10000);
    big[10000] = '\0';
    s = hl_asprintf("<%s>", big);
    assert_int_equal(strlen(s), 10002);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[10001], '>');
    assert_memory_equal(s + 1, big, 10000);
    free(s);
    free(big);
}

static void test_strdup_family(void **state)
{
    (void)state;
    char *s = hl_strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    s = hl_strdup("");
    assert_string_equal(s, "");
    free(s);
    /* Zero-size requests still return memory that can be freed. */
    void *p = hl_malloc(0);
    assert_non_null(p);
    free(p);
    int *z = hl_calloc(16, sizeof *z);
    for (int i = 0; i < 16; i++)
        assert_int_equal(z[i], 0);
    z = hl_realloc(z, 32 * sizeof *z);
    assert_int_equal(z[15], 0);
    free(z);
}

/* Ids: positive decimal integers only, nothing around them, nothing past INT64_MAX. */
static void test_id_parse(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_true(id_parse("1", &v));
    assert_int_equal(v, 1);
    assert_true(id_parse("9223372036854775807", &v));
    assert_int_equal(v, INT64_MAX);
    static const char *const bad[] = {"",
                                      "0",
                                      "007",
                                      "-1",
                                      "+1",
                                      " 1",
                                      "1 ",
                                      "1.0",
                                      "1e3",
                                      "0x1",
                                      "a1",
                                      "1a",
                                      "9223372036854775808",
                                      "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (id_parse(bad[i], &v))
            fail_msg("'%s' was read as the id %lld", bad[i], (long long)v);
    assert_false(id_parse(NULL, &v));
    const char *end;
    assert_true(id_parse_prefix("42/approve", &end, &v));
    assert_int_equal(v, 42);
    assert_string_equal(end, "/approve");
}

/* A string that is not UTF-8 still makes valid JSON: each bad byte becomes U+FFFD, good
 * characters (and escapes) stay as they are. */
static void test_jw_string_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"M\xc3\xa4gi \"\xc3\xb5\"", "M\xc3\xa4gi \"\xc3\xb5\""},
        {"cut \xc3", "cut \xef\xbf\xbd"},
        {"\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd"},
        {"surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"emoji \xf0\x9f\x99\x82", "emoji \xf0\x9f\x99\x82"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, 0);
        jw_string(&b, cases[i].in, strlen(cases[i].in));
        json_error_t je;
        json_t *v = json_loadb(b.data, b.len, JSON_DECODE_ANY, &je);
        if (!v)
            fail_msg("case %zu: invalid JSON %s: %s", i, b.data, je.text);
        assert_string_equal(json_string_value(v), cases[i].want);
        json_decref(v);
        buf_cleanup(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_append_grows),
        cmocka_unit_test(test_buf_limit_refuses_and_leaves_unchanged),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_buf_steal),
        cmocka_unit_test(test_asprintf),
        cmocka_unit_test(test_id_parse),
        cmocka_unit_test(test_jw_string_utf8),
        cmocka_unit_test(test_strdup_family),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
