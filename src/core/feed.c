/* feed.c: the list of events domains fill for a person's calendar feed. */
#include "feed.h"

#include "mem.h"

#include <stdlib.h>

static const char *dup_or_null(const char *s)
{
    return s ? hl_strdup(s) : NULL;
}

void feed_list_add(struct feed_list *l, const struct feed_event *ev)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = hl_realloc(l->v, l->cap * sizeof *l->v);
    }
    struct feed_event *e = &l->v[l->n++];
    *e = *ev;
    e->uid = dup_or_null(ev->uid);
    e->title = dup_or_null(ev->title);
    e->location = dup_or_null(ev->location);
    e->description = dup_or_null(ev->description);
}

void feed_list_cleanup(struct feed_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->v[i].uid);
        free((char *)l->v[i].title);
        free((char *)l->v[i].location);
        free((char *)l->v[i].description);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
