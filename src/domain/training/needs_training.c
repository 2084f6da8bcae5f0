/* needs_training.c: training needs on plain arrays (see needs_training.h). */
#include "needs_training.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

static int cmp_req(const void *a, const void *b)
{
    const struct tn_req *x = a, *y = b;
    if (x->principal != y->principal)
        return x->principal < y->principal ? -1 : 1;
    return x->skill < y->skill ? -1 : x->skill > y->skill;
}

static int cmp_link(const void *a, const void *b)
{
    const struct tn_link *x = a, *y = b;
    if (x->assistant != y->assistant)
        return x->assistant < y->assistant ? -1 : 1;
    return x->principal < y->principal ? -1 : x->principal > y->principal;
}

static int cmp_skill(const void *a, const void *b)
{
    const struct tn_skill *x = a, *y = b;
    if (x->assistant != y->assistant)
        return x->assistant < y->assistant ? -1 : 1;
    return x->skill < y->skill ? -1 : x->skill > y->skill;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The first index of sorted reqs whose principal is >= p. */
static size_t reqs_from(const struct tn_req *r, size_t n, int64_t p)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].principal < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The level assistant holds of skill among sorted skills [from, to). */
static int level_of(const struct tn_skill *s, size_t from, size_t to, int64_t skill)
{
    for (size_t i = from; i < to; i++)
        if (s[i].skill == skill)
            return s[i].level;
    return 0;
}

/* A need being gathered for one assistant: its executives listed apart. */
struct pending {
    struct tn_need n;
    int64_t *ps;
    size_t nps, cap;
};

static int cmp_pending(const void *a, const void *b)
{
    const struct pending *x = a, *y = b;
    if (x->n.must != y->n.must)
        return x->n.must ? -1 : 1;
    int gx = x->n.required - x->n.have, gy = y->n.required - y->n.have;
    if (gx != gy)
        return gx > gy ? -1 : 1;
    if (x->nps != y->nps)
        return x->nps > y->nps ? -1 : 1;
    return x->n.skill < y->n.skill ? -1 : x->n.skill > y->n.skill;
}

static int cmp_stake(const void *a, const void *b)
{
    const struct tn_stake *x = a, *y = b;
    /* dependents per holder, compared without division: x.d / x.h > y.d / y.h */
    unsigned long long l = (unsigned long long)x->dependents * (y->holders ? y->holders : 0);
    unsigned long long r = (unsigned long long)y->dependents * (x->holders ? x->holders : 0);
    if ((x->holders == 0) != (y->holders == 0))
        return x->holders == 0 ? -1 : 1;
    if (x->holders && l != r)
        return l > r ? -1 : 1;
    if (x->dependents != y->dependents)
        return x->dependents > y->dependents ? -1 : 1;
    if (x->skill != y->skill)
        return x->skill < y->skill ? -1 : 1;
    return x->level > y->level ? -1 : x->level < y->level;
}

static void need_add(struct tn_result *out, size_t *cap_needs, size_t *cap_ps, struct pending *p)
{
    if (out->nneeds == *cap_needs) {
        *cap_needs = *cap_needs ? *cap_needs * 2 : 64;
        out->needs = hl_realloc(out->needs, *cap_needs * sizeof *out->needs);
    }
    while (out->nprincipals + p->nps > *cap_ps) {
        *cap_ps = *cap_ps ? *cap_ps * 2 : 64;
        out->principals = hl_realloc(out->principals, *cap_ps * sizeof *out->principals);
    }
    p->n.first = out->nprincipals;
    p->n.count = p->nps;
    memcpy(out->principals + out->nprincipals, p->ps, p->nps * sizeof *p->ps);
    out->nprincipals += p->nps;
    out->needs[out->nneeds++] = p->n;
}

static void stakes(const struct tn_input *in, struct tn_result *out)
{
    size_t nids = 0;
    int64_t *ids = hl_malloc((in->nreqs + 1) * sizeof *ids);
    for (size_t i = 0; i < in->nreqs; i++)
        if (in->reqs[i].must > 0)
            ids[nids++] = in->reqs[i].skill;
    if (nids > 1)
        qsort(ids, nids, sizeof *ids, cmp_i64);
    size_t u = 0;
    for (size_t i = 0; i < nids; i++)
        if (!u || ids[u - 1] != ids[i])
            ids[u++] = ids[i];
    nids = u;
    /* per skill: executives whose must level is exactly L, assistants whose level is L */
    size_t *need = hl_calloc(nids * (TN_MAX_LEVEL + 1) + 1, sizeof *need);
    size_t *have = hl_calloc(nids * (TN_MAX_LEVEL + 1) + 1, sizeof *have);
    for (size_t i = 0; i < in->nreqs; i++) {
        const struct tn_req *r = &in->reqs[i];
        if (r->must <= 0)
            continue;
        int64_t *k = bsearch(&r->skill, ids, nids, sizeof *ids, cmp_i64);
        need[(size_t)(k - ids) * (TN_MAX_LEVEL + 1) + (size_t)(r->must > 5 ? 5 : r->must)]++;
    }
    for (size_t i = 0; i < in->nskills; i++) {
        const struct tn_skill *s = &in->skills[i];
        int64_t *k = nids ? bsearch(&s->skill, ids, nids, sizeof *ids, cmp_i64) : NULL;
        if (k && s->level > 0)
            have[(size_t)(k - ids) * (TN_MAX_LEVEL + 1) + (size_t)(s->level > 5 ? 5 : s->level)]++;
    }
    out->stakes = hl_malloc((nids * TN_MAX_LEVEL + 1) * sizeof *out->stakes);
    for (size_t k = 0; k < nids; k++) {
        size_t *nd = need + k * (TN_MAX_LEVEL + 1), *hv = have + k * (TN_MAX_LEVEL + 1);
        size_t dep = 0, hold = 0;
        for (int l = TN_MAX_LEVEL; l >= 1; l--) {
            dep += nd[l];
            hold += hv[l];
            if (nd[l])
                out->stakes[out->nstakes++] = (struct tn_stake){ids[k], l, dep, hold};
        }
    }
    if (out->nstakes > 1)
        qsort(out->stakes, out->nstakes, sizeof *out->stakes, cmp_stake);
    free(need);
    free(have);
    free(ids);
}

void tn_compute(struct tn_input *in, struct tn_result *out)
{
    memset(out, 0, sizeof *out);
    if (in->nreqs > 1)
        qsort(in->reqs, in->nreqs, sizeof *in->reqs, cmp_req);
    /* One requirement per executive and skill: the largest must and nice levels of its rows. */
    size_t u = 0;
    for (size_t i = 0; i < in->nreqs; i++) {
        if (u && in->reqs[u - 1].principal == in->reqs[i].principal &&
            in->reqs[u - 1].skill == in->reqs[i].skill) {
            struct tn_req *r = &in->reqs[u - 1];
            if (in->reqs[i].must > r->must)
                r->must = in->reqs[i].must;
            if (in->reqs[i].nice > r->nice)
                r->nice = in->reqs[i].nice;
        } else
            in->reqs[u++] = in->reqs[i];
    }
    in->nreqs = u;
    if (in->nlinks > 1)
        qsort(in->links, in->nlinks, sizeof *in->links, cmp_link);
    if (in->nskills > 1)
        qsort(in->skills, in->nskills, sizeof *in->skills, cmp_skill);
    size_t cap_needs = 0, cap_ps = 0, s = 0;
    struct pending *pend = NULL;
    size_t npend = 0, cap_pend = 0;
    for (size_t i = 0; i < in->nlinks;) {
        int64_t a = in->links[i].assistant;
        size_t j = i;
        while (j < in->nlinks && in->links[j].assistant == a)
            j++;
        while (s < in->nskills && in->skills[s].assistant < a)
            s++;
        size_t s_end = s;
        while (s_end < in->nskills && in->skills[s_end].assistant == a)
            s_end++;
        npend = 0;
        for (size_t l = i; l < j; l++) {
            int64_t p = in->links[l].principal;
            if (l > i && in->links[l - 1].principal == p)
                continue;
            for (size_t r = reqs_from(in->reqs, in->nreqs, p);
                 r < in->nreqs && in->reqs[r].principal == p; r++) {
                const struct tn_req *q = &in->reqs[r];
                int required = q->must > 0 ? q->must : q->nice;
                int held = level_of(in->skills, s, s_end, q->skill);
                if (required <= 0 || held >= required)
                    continue;
                size_t k = 0;
                while (k < npend && pend[k].n.skill != q->skill)
                    k++;
                if (k == npend) {
                    if (npend == cap_pend) {
                        cap_pend = cap_pend ? cap_pend * 2 : 8;
                        pend = hl_realloc(pend, cap_pend * sizeof *pend);
                        memset(pend + npend, 0, (cap_pend - npend) * sizeof *pend);
                    }
                    pend[k].n = (struct tn_need){a, q->skill, 0, held, false, 0, 0};
                    pend[k].nps = 0;
                    npend++;
                }
                struct pending *pd = &pend[k];
                /* A must-have need is about the must levels only. */
                if (q->must > 0 && !pd->n.must) {
                    pd->n.must = true;
                    pd->n.required = 0;
                    pd->nps = 0;
                }
                if (pd->n.must && q->must <= 0)
                    continue;
                if (required > pd->n.required)
                    pd->n.required = required;
                if (pd->nps == pd->cap) {
                    pd->cap = pd->cap ? pd->cap * 2 : 4;
                    pd->ps = hl_realloc(pd->ps, pd->cap * sizeof *pd->ps);
                }
                pd->ps[pd->nps++] = p;
            }
        }
        if (npend > 1)
            qsort(pend, npend, sizeof *pend, cmp_pending);
        for (size_t k = 0; k < npend; k++)
            need_add(out, &cap_needs, &cap_ps, &pend[k]);
        i = j;
    }
    for (size_t k = 0; k < cap_pend; k++)
        free(pend[k].ps);
    free(pend);
    stakes(in, out);
}

void tn_result_cleanup(struct tn_result *r)
{
    if (!r)
        return;
    free(r->needs);
    free(r->principals);
    free(r->stakes);
    memset(r, 0, sizeof *r);
}
