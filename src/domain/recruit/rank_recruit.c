/* rank_recruit.c: the screening score of applications — the must-have skills and languages
 * found, and the text's relevance by BM25 normalised across the applications ranked. Plain
 * numbers: no SQL, no I/O (the bench and the unit test call it directly). */
#include "recruit.h"

#include <stdlib.h>

#define WEIGHT_MUST 70.0 /* all must-have skills and languages found */
#define WEIGHT_TEXT 30.0 /* the most relevant text of the lot */

static unsigned bits(unsigned v)
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

void rank_score(struct rank_item *items, size_t n, unsigned nskills, unsigned nlangs)
{
    /* bm25() is negative, more negative the better; the best of the lot gets the full text
     * weight, the others in proportion. */
    double best = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].bm25 < best)
            best = items[i].bm25;
    unsigned terms = nskills + nlangs;
    for (size_t i = 0; i < n; i++) {
        struct rank_item *it = &items[i];
        unsigned found = bits(it->skills_found) + bits(it->langs_found);
        double must = terms ? WEIGHT_MUST * found / terms : WEIGHT_MUST;
        double text = best < 0 ? WEIGHT_TEXT * (it->bm25 / best) : 0;
        it->score = must + text;
    }
    qsort(items, n, sizeof *items, by_score);
}
