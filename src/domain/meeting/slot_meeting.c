/* slot_meeting.c: find a time — intersecting the attendees' free spans and ranking the slots in
 * them (see slot_meeting.h). Pure: no I/O, no SQL, no globals. */
#include "slot_meeting.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

static int span_cmp(const void *a, const void *b)
{
    const struct slot_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

size_t slot_normalize(struct slot_span *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i].end > s[i].start)
            s[k++] = s[i];
    n = k;
    if (n == 0)
        return 0;
    qsort(s, n, sizeof *s, span_cmp);
    k = 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i].start <= s[k].end) {
            if (s[i].end > s[k].end)
                s[k].end = s[i].end;
        } else {
            s[++k] = s[i];
        }
    }
    return k + 1;
}

/* A span list the search owns. */
struct spans {
    struct slot_span *v;
    size_t n;
};

static struct spans spans_copy(const struct slot_span *s, size_t n, int64_t grow)
{
    struct spans out = {hl_malloc((n ? n : 1) * sizeof *out.v), 0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) /* an empty span blocks nothing, with or without a buffer */
        if (s[i].end > s[i].start)
            out.v[k++] = (struct slot_span){s[i].start - grow, s[i].end + grow};
    out.n = slot_normalize(out.v, k);
    return out;
}

/* a minus b, both normalized; the result is normalized. */
static struct spans spans_minus(struct spans a, struct spans b)
{
    struct spans out = {hl_malloc((a.n + b.n + 1) * sizeof *out.v), 0};
    size_t j = 0;
    for (size_t i = 0; i < a.n; i++) {
        int64_t cur = a.v[i].start, end = a.v[i].end;
        while (j < b.n && b.v[j].end <= cur)
            j++;
        size_t k = j;
        while (cur < end && k < b.n && b.v[k].start < end) {
            if (b.v[k].start > cur)
                out.v[out.n++] = (struct slot_span){cur, b.v[k].start};
            if (b.v[k].end > cur)
                cur = b.v[k].end;
            k++;
        }
        if (cur < end)
            out.v[out.n++] = (struct slot_span){cur, end};
    }
    return out;
}

/* a ∩ b, both normalized. */
static struct spans spans_and(struct spans a, struct spans b)
{
    struct spans out = {hl_malloc((a.n + b.n + 1) * sizeof *out.v), 0};
    size_t i = 0, j = 0;
    while (i < a.n && j < b.n) {
        int64_t s = a.v[i].start > b.v[j].start ? a.v[i].start : b.v[j].start;
        int64_t e = a.v[i].end < b.v[j].end ? a.v[i].end : b.v[j].end;
        if (s < e)
            out.v[out.n++] = (struct slot_span){s, e};
        if (a.v[i].end < b.v[j].end)
            i++;
        else
            j++;
    }
    return out;
}

/* The index of the first span of s ending after t (binary search). */
static size_t spans_after(const struct spans *s, int64_t t)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].end <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool spans_contain(const struct spans *s, int64_t start, int64_t end)
{
    size_t i = spans_after(s, start);
    return i < s->n && s->v[i].start <= start && s->v[i].end >= end;
}

/* Whether the nearest busy span before or after [start, end) is closer than room. */
static bool spans_near(const struct spans *busy, int64_t start, int64_t end, int64_t room)
{
    size_t i = spans_after(busy, start - room);
    return i < busy->n && busy->v[i].start < end + room;
}

size_t slot_free(const struct slot_person *p, int64_t buffer, int64_t from, int64_t to,
                 struct slot_span **out)
{
    struct slot_span window = {from, to};
    struct spans w = spans_copy(&window, 1, 0);
    struct spans work = spans_copy(p->work, p->nwork, 0);
    struct spans blocked = spans_copy(p->busy, p->nbusy, buffer);
    struct spans f = spans_minus(work, blocked);
    struct spans clipped = spans_and(f, w);
    free(w.v);
    free(work.v);
    free(blocked.v);
    free(f.v);
    *out = clipped.v;
    return clipped.n;
}

static int64_t ceil_step(int64_t t, int64_t step)
{
    int64_t r = t % step;
    if (r < 0)
        r += step;
    return r ? t + (step - r) : t;
}

static int popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static bool better(const struct slot_result *a, const struct slot_result *b)
{
    return a->score != b->score ? a->score < b->score : a->start < b->start;
}

size_t slot_find(const struct slot_query *q, const struct slot_person *people, size_t npeople,
                 struct slot_result *out)
{
    if (!q || q->count == 0 || q->duration <= 0 || q->step <= 0 || q->buffer < 0 ||
        q->to <= q->from || npeople == 0 || npeople > SLOT_MAX_PEOPLE)
        return 0;
    struct spans *busy = hl_calloc(npeople, sizeof *busy); /* raw busy, normalized */
    struct spans *free_ = hl_calloc(npeople, sizeof *free_);
    struct spans common = {NULL, 0};
    bool any_required = false;
    size_t found = 0;
    struct slot_span window = {q->from, q->to};
    common = spans_copy(&window, 1, 0);
    for (size_t p = 0; p < npeople; p++) {
        busy[p] = spans_copy(people[p].busy, people[p].nbusy, 0);
        struct spans work = spans_copy(people[p].work, people[p].nwork, 0);
        struct spans blocked = spans_copy(people[p].busy, people[p].nbusy, q->buffer);
        free_[p] = spans_minus(work, blocked);
        free(work.v);
        free(blocked.v);
        if (people[p].required) {
            struct spans next = spans_and(common, free_[p]);
            free(common.v);
            common = next;
            any_required = true;
        }
    }
    if (!any_required)
        goto out;
    for (size_t c = 0; c < common.n; c++) {
        for (int64_t s = ceil_step(common.v[c].start, q->step); s + q->duration <= common.v[c].end;
             s += q->step) {
            struct slot_result r = {s, s + q->duration, 0, 0, 0};
            for (size_t p = 0; p < npeople; p++) {
                if (people[p].required) {
                    if (spans_near(&busy[p], r.start, r.end, q->buffer + q->tight))
                        r.tight |= UINT64_C(1) << p;
                } else if (!spans_contain(&free_[p], r.start, r.end)) {
                    r.optional_away |= UINT64_C(1) << p;
                }
            }
            r.score = 2 * popcount64(r.tight) + 3 * popcount64(r.optional_away);
            /* Insert into the sorted best list (at most count long). */
            if (found == q->count && !better(&r, &out[found - 1]))
                continue;
            size_t at = found < q->count ? found++ : found - 1;
            while (at > 0 && better(&r, &out[at - 1])) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = r;
            if (found == q->count && out[found - 1].score == 0)
                goto out; /* count perfect slots, the earliest: nothing later beats them */
        }
    }
out:
    for (size_t p = 0; p < npeople; p++) {
        free(busy[p].v);
        free(free_[p].v);
    }
    free(busy);
    free(free_);
    free(common.v);
    return found;
}
