/* test_html_page.c: unit tests of src/core/html_page.c, the public pages' escaper, language
 * names and page shell (the language choice from a request is covered by the API tests of
 * the pages: careers, interview pick, welcome). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "buf.h"
#include "html_page.h"
#include "http.h"

#include <stdlib.h>
#include <string.h>

static void test_escape(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    html_escape(&b, "a&b <i>\"q\" 'x' õ");
    assert_string_equal(b.data, "a&amp;b &lt;i&gt;&quot;q&quot; &#39;x&#39; õ");
    html_escape(&b, NULL); /* nothing */
    html_escape(&b, "");
    assert_string_equal(b.data, "a&amp;b &lt;i&gt;&quot;q&quot; &#39;x&#39; õ");
    buf_cleanup(&b);
}

static void test_lang_of(void **state)
{
    (void)state;
    assert_string_equal(html_lang_of("et"), "et");
    assert_string_equal(html_lang_of("en"), "en");
    assert_null(html_lang_of(NULL));
    assert_null(html_lang_of(""));
    assert_null(html_lang_of("ET"));
    assert_null(html_lang_of("et-EE"));
    assert_null(html_lang_of("fr"));
}

static void test_page(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, "et", "Töö <&>", "/careers/style.css");
    buf_puts(&b, "<h1>x</h1>");
    struct response res;
    memset(&res, 0, sizeof res);
    html_page_send(&b, &res, 422, HTML_PAGE_CSP);
    static const char want[] =
        "<!doctype html>\n<html lang=\"et\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Töö &lt;&amp;&gt;</title><link rel=\"stylesheet\" href=\"/careers/style.css\">"
        "</head><body><main><h1>x</h1></main></body></html>\n";
    assert_int_equal(res.status, 422);
    assert_non_null(res.raw);
    assert_int_equal(res.raw_len, sizeof want - 1);
    assert_string_equal(res.raw, want);
    assert_string_equal(res.content_type, "text/html; charset=utf-8");
    assert_string_equal(res.csp, HTML_PAGE_CSP);
    assert_string_equal(res.referrer, "same-origin");
    assert_null(res.cache);
    assert_null(b.data); /* handed over */
    free(res.raw);
    buf_cleanup(&b);
    /* No script may run on the public pages. */
    assert_non_null(strstr(HTML_PAGE_CSP, "default-src 'none'"));
    assert_null(strstr(HTML_PAGE_CSP, "script-src"));
}

static void test_style(void **state)
{
    (void)state;
    static const char css[] = "body{margin:0}";
    struct response res;
    memset(&res, 0, sizeof res);
    html_page_style(&res, css, sizeof css - 1, "default-src 'none'");
    assert_int_equal(res.status, 200);
    assert_ptr_equal(res.fixed, css);
    assert_int_equal(res.raw_len, 14);
    assert_string_equal(res.content_type, "text/css; charset=utf-8");
    assert_string_equal(res.cache, "public, max-age=3600");
    assert_string_equal(res.csp, "default-src 'none'");
    assert_string_equal(res.referrer, "same-origin");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_lang_of),
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
