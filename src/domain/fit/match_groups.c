/* match_groups.c: the what-if's changes grouped by the places they free (match_groups.h). */
#include "match_groups.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

static int32_t find(int32_t *parent, int32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void unite(int32_t *parent, int32_t a, int32_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* Whether assistant j has a place free today (an executive without one lands anywhere). */
static bool has_place(size_t n_asst, const int32_t *room, const int32_t *load, int32_t j)
{
    return j < 0 || (size_t)j >= n_asst || load[j] < room[j];
}

/* Moves into (want_in) or out of each assistant as lists in move order: first[j] .. first[j+1]
 * of list. */
static void by_assistant(size_t n_asst, const struct match_move *mv, size_t n, bool want_in,
                         size_t **first, int32_t **list)
{
    size_t *f = hl_calloc(n_asst + 2, sizeof *f);
    int32_t *l = hl_malloc((n + 1) * sizeof *l);
    for (size_t k = 0; k < n; k++) {
        int32_t j = want_in ? mv[k].to : mv[k].from;
        if (j >= 0 && (size_t)j < n_asst)
            f[j + 1]++;
    }
    for (size_t j = 0; j < n_asst; j++)
        f[j + 1] += f[j];
    size_t *fill = hl_malloc((n_asst + 1) * sizeof *fill);
    memcpy(fill, f, (n_asst + 1) * sizeof *fill);
    for (size_t k = 0; k < n; k++) {
        int32_t j = want_in ? mv[k].to : mv[k].from;
        if (j >= 0 && (size_t)j < n_asst)
            l[fill[j]++] = (int32_t)k;
    }
    free(fill);
    *first = f;
    *list = l;
}

void match_groups_build(size_t n_asst, const int32_t *room, const int32_t *load,
                        const struct match_move *mv, size_t n, struct match_groups *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    out->group = hl_malloc((n + 1) * sizeof *out->group);
    out->order = hl_malloc((n + 1) * sizeof *out->order);
    out->need0 = hl_calloc(n + 1, sizeof *out->need0);
    int32_t *succ = hl_malloc((n + 1) * sizeof *succ), *pred = hl_malloc((n + 1) * sizeof *pred);
    for (size_t k = 0; k < n; k++)
        succ[k] = pred[k] = -1;
    /* at each assistant, the moves in beyond its free places each take a move out */
    size_t *in0, *out0;
    int32_t *ins, *outs;
    by_assistant(n_asst, mv, n, true, &in0, &ins);
    by_assistant(n_asst, mv, n, false, &out0, &outs);
    for (size_t j = 0; j < n_asst; j++) {
        int64_t n_in = (int64_t)(in0[j + 1] - in0[j]), n_out = (int64_t)(out0[j + 1] - out0[j]);
        int64_t free_places = (int64_t)room[j] - load[j];
        int64_t pairs = n_in - (free_places > 0 ? free_places : 0);
        if (pairs > n_out)
            pairs = n_out; /* the what-if itself does not fit here: some stay unpaired */
        for (int64_t x = 0; x < pairs; x++) {
            int32_t a = ins[in0[j] + (size_t)x], b = outs[out0[j] + (size_t)x];
            succ[a] = b;
            pred[b] = a;
        }
    }
    free(in0);
    free(ins);
    free(out0);
    free(outs);
    /* the chains (from a move nothing leads to) and then the cycles, each in its order */
    int32_t *chain_order = hl_malloc((n + 1) * sizeof *chain_order);
    unsigned char *done = hl_calloc(n + 1, 1);
    size_t placed = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            if (done[k] || (pass == 0 && pred[k] >= 0))
                continue;
            for (int32_t x = (int32_t)k; x >= 0 && !done[x]; x = succ[x]) {
                done[x] = 1;
                chain_order[placed++] = x;
            }
        }
    /* needs: along its chain until a move lands where a place is free, or where the first
     * left from (round a cycle at most) */
    int32_t *parent = hl_malloc((n + 1) * sizeof *parent);
    for (size_t k = 0; k < n; k++)
        parent[k] = (int32_t)k;
    size_t len = 0, cap = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t x = (int32_t)k;
        while (!has_place(n_asst, room, load, mv[x].to) && mv[x].to != mv[k].from && succ[x] >= 0 &&
               succ[x] != (int32_t)k) {
            x = succ[x];
            if (len == cap) {
                cap = cap ? 2 * cap : 16;
                out->need = hl_realloc(out->need, cap * sizeof *out->need);
            }
            out->need[len++] = x;
            unite(parent, (int32_t)k, x);
        }
        out->need0[k + 1] = len;
    }
    /* groups: a move with what it needs, numbered in chain order; listed group by group */
    int32_t *number = hl_malloc((n + 1) * sizeof *number);
    for (size_t k = 0; k < n; k++)
        number[k] = -1;
    int32_t groups = 0;
    for (size_t x = 0; x < n; x++) {
        int32_t r = find(parent, chain_order[x]);
        if (number[r] < 0)
            number[r] = groups++;
    }
    for (size_t k = 0; k < n; k++)
        out->group[k] = number[find(parent, (int32_t)k)];
    size_t *at = hl_calloc((size_t)groups + 2, sizeof *at);
    for (size_t k = 0; k < n; k++)
        at[out->group[k] + 1]++;
    for (int32_t g = 0; g < groups; g++)
        at[g + 1] += at[g];
    for (size_t x = 0; x < n; x++)
        out->order[at[out->group[chain_order[x]]]++] = chain_order[x];
    free(at);
    free(number);
    free(parent);
    free(done);
    free(chain_order);
    free(succ);
    free(pred);
}

void match_groups_free(struct match_groups *g)
{
    if (!g)
        return;
    free(g->group);
    free(g->order);
    free(g->need0);
    free(g->need);
    memset(g, 0, sizeof *g);
}

int32_t match_over_room(size_t n_asst, const int32_t *room, const int32_t *load,
                        const struct match_move *mv, size_t n, const unsigned char *take)
{
    int32_t *in = hl_calloc(n_asst + 1, sizeof *in), *out = hl_calloc(n_asst + 1, sizeof *out);
    for (size_t k = 0; k < n; k++) {
        if (!take[k])
            continue;
        if (mv[k].to >= 0 && (size_t)mv[k].to < n_asst)
            in[mv[k].to]++;
        if (mv[k].from >= 0 && (size_t)mv[k].from < n_asst)
            out[mv[k].from]++;
    }
    int32_t over = -1;
    for (size_t j = 0; j < n_asst && over < 0; j++)
        if (in[j] > 0 && (int64_t)load[j] + in[j] - out[j] > room[j])
            over = (int32_t)j;
    free(in);
    free(out);
    return over;
}
