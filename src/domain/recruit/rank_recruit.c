/* rank_recruit.c: the screening score of applications — the must-have skills and languages
 * found, and the text's relevance by BM25 normalised across the applications ranked. Plain
 * numbers: no SQL, no I/O (the bench and the unit test call it directly). */
#include "recruit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEIGHT_MUST 70.0 /* all must-have skills and languages found */
#define WEIGHT_TEXT 30.0 /* the most relevant text of the lot */
#define BM25_K1     1.2  /* FTS5's bm25() constants */
#define BM25_B      0.75

static unsigned bits(uint64_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static int by_score(const void *a, const void *b)
{
    const struct rank_item *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The score of one item once the best BM25 of the lot is known. */
static double score_of(const struct rank_item *it, double best, unsigned terms)
{
    unsigned found = bits(it->skills_found) + bits(it->langs_found);
    double must = terms ? WEIGHT_MUST * found / terms : WEIGHT_MUST;
    double text = best < 0 ? WEIGHT_TEXT * (it->bm25 / best) : 0;
    return must + text;
}

void rank_score(struct rank_item *items, size_t n, unsigned nskills, unsigned nlangs)
{
    /* bm25() is negative, more negative the better; the best of the lot gets the full text
     * weight, the others in proportion. */
    double best = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].bm25 < best)
            best = items[i].bm25;
    for (size_t i = 0; i < n; i++)
        items[i].score = score_of(&items[i], best, nskills + nlangs);
    qsort(items, n, sizeof *items, by_score);
}

/* ---- many rows: BM25 from the stored numbers, the best `limit` kept in a heap ---- */

static double idf(size_t rows, size_t hits)
{
    /* As FTS5: never zero or below, so a word in most rows still counts a little. */
    double v = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
    return v <= 0.0 ? 1e-6 : v;
}

static double term_part(double weight, unsigned freq, double norm)
{
    return weight * (freq * (BM25_K1 + 1.0)) / (freq + BM25_K1 * norm);
}

/* Whether a is worse than b (the heap keeps the worst on top). */
static bool worse(const struct rank_item *a, const struct rank_item *b)
{
    return by_score(a, b) > 0;
}

static void sift_down(struct rank_item *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < n && worse(&h[l], &h[w]))
            w = l;
        if (r < n && worse(&h[r], &h[w]))
            w = r;
        if (w == i)
            return;
        struct rank_item t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

static void sift_up(struct rank_item *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!worse(&h[i], &h[p]))
            return;
        struct rank_item t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

size_t rank_top(const struct rank_row *rows, size_t n, const struct rank_query *q,
                struct rank_item *top)
{
    unsigned nterms = q->nskills + q->nlangs;
    uint64_t all = 0;
    for (unsigned i = 0; i < q->nskills; i++)
        all |= 1ull << i;
    for (unsigned j = 0; j < q->nlangs; j++)
        all |= 1ull << (32 + j);
    /* The statistics of the lot: rows, average length, rows per term and per extra word. */
    double weight[RANK_TERMS_MAX] = {0}, qweight[RANK_WORDS_MAX] = {0};
    size_t hits[RANK_TERMS_MAX] = {0}, qhits[RANK_WORDS_MAX] = {0};
    double tokens = 0;
    for (size_t i = 0; i < n; i++) {
        tokens += rows[i].doclen;
        for (uint64_t f = rows[i].found & q->phrases; f; f &= f - 1)
            hits[__builtin_ctzll(f)]++;
        for (uint32_t f = rows[i].qfound; f; f &= f - 1)
            qhits[__builtin_ctz(f)]++;
    }
    double avgdl = n ? tokens / (double)n : 0;
    for (unsigned t = 0; t < RANK_TERMS_MAX; t++)
        weight[t] = (q->phrases >> t) & 1 ? idf(n, hits[t]) : 0;
    for (unsigned k = 0; k < q->nwords && k < RANK_WORDS_MAX; k++)
        qweight[k] = idf(n, qhits[k]);
    /* Pass 1: BM25 of each row (negative, as SQLite's) and the best of the lot. */
    double *bm = malloc((n ? n : 1) * sizeof *bm), best = 0;
    for (size_t i = 0; i < n; i++) {
        const struct rank_row *r = &rows[i];
        double s = 0, norm = avgdl > 0 ? 1.0 - BM25_B + BM25_B * r->doclen / avgdl : 1.0;
        unsigned k = 0;
        for (uint64_t f = r->found; f; f &= f - 1, k++) {
            unsigned t = (unsigned)__builtin_ctzll(f);
            if (r->freq[k] && weight[t] > 0)
                s += term_part(weight[t], r->freq[k], norm);
        }
        for (uint32_t f = r->qfound; f && r->qfreq; f &= f - 1) {
            unsigned w = (unsigned)__builtin_ctz(f);
            if (r->qfreq[w])
                s += term_part(qweight[w], r->qfreq[w], norm);
        }
        bm[i] = -s;
        if (bm[i] < best)
            best = bm[i];
    }
    /* Pass 2: the scores, the best `limit` in a heap whose top is the worst kept. */
    size_t kept = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        const struct rank_row *r = &rows[i];
        if (q->must_met && (r->found & all) != all)
            continue;
        total++;
        struct rank_item it = {r->id, bm[i], (unsigned)(r->found & 0xffffffffu),
                               (unsigned)(r->found >> 32), 0};
        it.score = score_of(&it, best, nterms);
        if (kept < q->limit) {
            top[kept] = it;
            sift_up(top, kept++);
        } else if (kept > 0 && worse(&top[0], &it)) {
            top[0] = it;
            sift_down(top, kept, 0);
        }
    }
    free(bm);
    qsort(top, kept, sizeof *top, by_score);
    return total;
}

/* ---- the stored form ---- */

size_t rank_row_encode(uint32_t sig, uint32_t doclen, uint64_t found, const uint16_t *freq,
                       unsigned char *out)
{
    size_t n = 0;
    for (int i = 0; i < 4; i++)
        out[n++] = (unsigned char)(sig >> (8 * i));
    for (int i = 0; i < 4; i++)
        out[n++] = (unsigned char)(doclen >> (8 * i));
    for (int i = 0; i < 8; i++)
        out[n++] = (unsigned char)(found >> (8 * i));
    for (unsigned k = 0; k < bits(found); k++) {
        out[n++] = (unsigned char)(freq[k] & 0xff);
        out[n++] = (unsigned char)(freq[k] >> 8);
    }
    return n;
}

bool rank_row_decode(const unsigned char *b, size_t len, uint32_t sig, struct rank_row *r,
                     uint16_t *freqs)
{
    if (!b || len < 16)
        return false;
    uint32_t s = 0, d = 0;
    uint64_t f = 0;
    for (int i = 0; i < 4; i++)
        s |= (uint32_t)b[i] << (8 * i);
    for (int i = 0; i < 4; i++)
        d |= (uint32_t)b[4 + i] << (8 * i);
    for (int i = 0; i < 8; i++)
        f |= (uint64_t)b[8 + i] << (8 * i);
    unsigned k = bits(f);
    if (s != sig || len != 16 + 2 * (size_t)k)
        return false;
    for (unsigned i = 0; i < k; i++)
        freqs[i] = (uint16_t)(b[16 + 2 * i] | b[17 + 2 * i] << 8);
    r->doclen = d;
    r->found = f;
    r->freq = freqs;
    return true;
}
