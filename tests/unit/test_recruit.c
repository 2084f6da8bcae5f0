/* test_recruit.c: the recruiting domain's pure parts — a resume's type read from its bytes
 * (never its name), text extraction and its cleaning, and the screening score (must-haves
 * found, BM25 normalised, the order and its ties). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "recruit.h"

#include <math.h>
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

/* The slow way: BM25 of every row written out from the formula (FTS5's: k1 1.2, b 0.75, IDF
 * floored at 1e-6; statistics of the lot), every row scored and fully sorted by rank_score. */
static void slow_rank(const struct rank_row *rows, size_t n, const struct rank_query *q,
                      struct rank_item *items, size_t *nitems)
{
    double tokens = 0;
    for (size_t i = 0; i < n; i++)
        tokens += rows[i].doclen;
    double avgdl = tokens / (double)n;
    size_t k = 0;
    uint64_t all = 0;
    for (unsigned i = 0; i < q->nskills; i++)
        all |= 1ull << i;
    for (unsigned j = 0; j < q->nlangs; j++)
        all |= 1ull << (32 + j);
    double *bm = calloc(n, sizeof *bm);
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (unsigned t = 0; t < 64 + q->nwords; t++) {
            bool word = t >= 64;
            if (!word && !((q->phrases >> t) & 1))
                continue;
            size_t hits = 0;
            for (size_t j = 0; j < n; j++)
                hits += word ? (rows[j].qfound >> (t - 64)) & 1 : (rows[j].found >> t) & 1;
            double idf = log((n - hits + 0.5) / (hits + 0.5));
            if (idf <= 0)
                idf = 1e-6;
            double f = 0;
            if (word && rows[i].qfreq)
                f = rows[i].qfreq[t - 64];
            else if (!word && ((rows[i].found >> t) & 1)) {
                unsigned before = 0; /* its place among the row's found terms */
                for (unsigned u = 0; u < t; u++)
                    before += (rows[i].found >> u) & 1;
                f = rows[i].freq[before];
            }
            s += idf * (f * 2.2) / (f + 1.2 * (0.25 + 0.75 * rows[i].doclen / avgdl));
        }
        bm[i] = -s;
    }
    for (size_t i = 0; i < n; i++) {
        struct rank_item it = {rows[i].id, bm[i], (unsigned)(rows[i].found & 0xffffffffu),
                               (unsigned)(rows[i].found >> 32), 0};
        items[k++] = it;
    }
    /* rank_score normalises by the best of the items given: score all, then filter. */
    rank_score(items, k, q->nskills, q->nlangs);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!q->must_met ||
            (((uint64_t)items[i].langs_found << 32 | items[i].skills_found) & all) == all)
            items[m++] = items[i];
    *nitems = m;
    free(bm);
}

/* The top 50 of 3,000 random rows kept by the heap are the first 50 of the full ranking, with
 * the same scores; so is the must-have filter's; and the stored form reads back. */
static void test_rank_top(void **state)
{
    (void)state;
    enum { N = 3000, LIMIT = 50 };
    struct rank_row *rows = calloc(N, sizeof *rows);
    uint16_t *freqs = calloc((size_t)N * RANK_TERMS_MAX, sizeof *freqs);
    uint16_t *qfreqs = calloc((size_t)N * 2, sizeof *qfreqs);
    srand(7);
    for (size_t i = 0; i < N; i++) {
        struct rank_row *r = &rows[i];
        r->id = (int64_t)(N - i) * 3; /* not in id order */
        r->doclen = 20 + (uint32_t)(rand() % 200);
        /* skills 0-3 (3 blank: never found) and languages 32-33 */
        unsigned k = 0;
        for (unsigned t = 0; t < 64; t++) {
            bool asked = t < 3 || t == 32 || t == 33;
            if (asked && rand() % 3 != 0) {
                r->found |= 1ull << t;
                freqs[i * RANK_TERMS_MAX + k++] =
                    (uint16_t)(t >= 32 && rand() % 2 ? 0 : 1 + rand() % 4);
            }
        }
        r->freq = &freqs[i * RANK_TERMS_MAX];
        if (rand() % 4 == 0) {
            r->qfound = 1u | (rand() % 2 ? 2u : 0u);
            qfreqs[i * 2] = (uint16_t)(1 + rand() % 3);
            qfreqs[i * 2 + 1] = r->qfound & 2 ? (uint16_t)(1 + rand() % 3) : 0;
            r->qfreq = &qfreqs[i * 2];
        }
    }
    /* Ties on purpose: two rows with the same numbers, the lower id first. */
    rows[10] = rows[11];
    rows[10].id = 1;
    struct rank_item *top = calloc(LIMIT, sizeof *top), *all = calloc(N, sizeof *all);
    for (int must = 0; must < 2; must++) {
        for (unsigned words = 0; words <= 2; words += 2) {
            /* With the filter, only terms that can be found (skill 3 is blank: never is). */
            struct rank_query q = {must ? 3 : 4, 2, 0x7ull | 0x3ull << 32, words, must == 1, LIMIT};
            size_t total = rank_top(rows, N, &q, top), nall;
            slow_rank(rows, N, &q, all, &nall);
            assert_int_equal(total, nall);
            assert_true(total > LIMIT);
            for (size_t i = 0; i < LIMIT; i++) {
                assert_int_equal(top[i].id, all[i].id);
                assert_true(fabs(top[i].score - all[i].score) < 1e-9);
                assert_int_equal(top[i].skills_found, all[i].skills_found);
            }
        }
    }
    /* The stored form: read back for its terms' signature, refused for another's. */
    unsigned char blob[RANK_BLOB_MAX];
    uint16_t f[RANK_TERMS_MAX], back[RANK_TERMS_MAX] = {0};
    f[0] = 3;
    f[1] = 65535;
    size_t len = rank_row_encode(0xabcdef01u, 321, 1ull << 2 | 1ull << 40, f, blob);
    assert_int_equal(len, 20);
    struct rank_row r = {0};
    assert_true(rank_row_decode(blob, len, 0xabcdef01u, &r, back));
    assert_int_equal(r.doclen, 321);
    assert_true(r.found == (1ull << 2 | 1ull << 40));
    assert_int_equal(back[0], 3);
    assert_int_equal(back[1], 65535);
    assert_false(rank_row_decode(blob, len, 0xabcdef02u, &r, back));
    assert_false(rank_row_decode(blob, len - 1, 0xabcdef01u, &r, back));
    assert_false(rank_row_decode(NULL, 0, 0xabcdef01u, &r, back));
    free(rows);
    free(freqs);
    free(qfreqs);
    free(top);
    free(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_extract_text),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_rank_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
