/* test_recruit.c: the recruiting domain's pure parts — a resume's type read from its bytes
 * (never its name), text extraction and its cleaning, and the screening score (must-haves
 * found, BM25 normalised, the order and its ties). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "recruit.h"

#include <stdlib.h>
#include <string.h>

static void test_sniff(void **state)
{
    (void)state;
    const unsigned char pdf[] = "%PDF-1.4\n...";
    const unsigned char elf[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    const unsigned char zip[] = "PK\x03\x04 some zip without the right entries";
    const unsigned char docx[] = "PK\x03\x04....[Content_Types].xml....word/document.xml....";
    const unsigned char odt[] = "PK\x03\x04........................mimetype"
                                "application/vnd.oasis.opendocument.text";
    const unsigned char text[] = "Tere! Minu nimi on Mari. Räägin soome keelt.\n";
    const unsigned char bad_utf8[] = "caf\xc3\x28";
    const unsigned char nul[] = {'a', 0, 'b'};
    const unsigned char overlong[] = "\xc0\xaf";
    assert_int_equal(resume_sniff(pdf, sizeof pdf - 1), RESUME_PDF);
    assert_int_equal(resume_sniff(elf, sizeof elf), RESUME_NONE);
    assert_int_equal(resume_sniff(zip, sizeof zip - 1), RESUME_NONE);
    assert_int_equal(resume_sniff(docx, sizeof docx - 1), RESUME_DOCX);
    assert_int_equal(resume_sniff(odt, sizeof odt - 1), RESUME_ODT);
    assert_int_equal(resume_sniff(text, sizeof text - 1), RESUME_TEXT);
    assert_int_equal(resume_sniff(bad_utf8, sizeof bad_utf8 - 1), RESUME_NONE);
    assert_int_equal(resume_sniff(nul, sizeof nul), RESUME_NONE);
    assert_int_equal(resume_sniff(overlong, sizeof overlong - 1), RESUME_NONE);
    assert_int_equal(resume_sniff(NULL, 0), RESUME_NONE);
    assert_string_equal(resume_type_name(RESUME_ODT), "odt");
    assert_null(resume_type_name(RESUME_NONE));
}

static void test_extract_text(void **state)
{
    (void)state;
    struct hl_error err;
    char *out = NULL;
    const char bom[] = "\xef\xbb\xbfLine one\r\nLine\ttwo\f";
    assert_int_equal(
        resume_extract(RESUME_TEXT, (const unsigned char *)bom, sizeof bom - 1, &out, &err), HL_OK);
    /* The byte-order mark goes; CR becomes a line break, the form feed a space. */
    assert_string_equal(out, "Line one\n\nLine\ttwo ");
    free(out);
    assert_int_equal(
        resume_extract(RESUME_DOCX, (const unsigned char *)"PK\x03\x04xx", 6, &out, &err),
        HL_ERR_INVALID);
    assert_string_equal(err.field, "resume");
}

static void test_rank(void **state)
{
    (void)state;
    /* Two skills and one language asked. */
    struct rank_item it[] = {
        {1, 0, 0x0, 0x0, 0},    /* nothing */
        {2, -2.0, 0x1, 0x1, 0}, /* one skill and the language, half the best text */
        {3, -4.0, 0x3, 0x1, 0}, /* everything, the best text */
        {4, -4.0, 0x3, 0x1, 0}, /* the same as 3: the lower id first */
        {5, -0.5, 0x3, 0x0, 0}, /* both skills, no language */
    };
    rank_score(it, 5, 2, 1);
    assert_int_equal(it[0].id, 3);
    assert_int_equal(it[1].id, 4);
    assert_true(it[0].score > 99.9 && it[0].score <= 100.0);
    assert_int_equal(it[2].id, 2); /* 70·2/3 + 15 = 61.7 */
    assert_true(it[2].score > 61.6 && it[2].score < 61.7);
    assert_int_equal(it[3].id, 5); /* 70·2/3 + 3.75 = 50.4 */
    assert_int_equal(it[4].id, 1);
    assert_true(it[4].score == 0.0);
    /* Nothing asked: every item gets the must-have weight; no text found, no text points. */
    struct rank_item none[] = {{7, 0, 0, 0, 0}, {6, 0, 0, 0, 0}};
    rank_score(none, 2, 0, 0);
    assert_int_equal(none[0].id, 6);
    assert_true(none[0].score == 70.0 && none[1].score == 70.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_extract_text),
        cmocka_unit_test(test_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
