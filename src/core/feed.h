/* feed.h: the events domains add to a person's calendar feed (struct domain's `feed` hook,
 * docs/architecture.md §1). The list owns copies of the strings it is given. */
#ifndef HL_FEED_H
#define HL_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One event of a person's feed. */
struct feed_event {
    const char *uid;    /* stable across feeds: "meeting-12@haldus" */
    int64_t start, end; /* UTC seconds; with all_day, day numbers (end exclusive) */
    bool all_day;
    const char *title;       /* what the person sees; the busy-only feed shows none of it */
    const char *location;    /* may be NULL */
    const char *description; /* may be NULL */
};

struct feed_list {
    struct feed_event *v;
    size_t n, cap;
};

/* Appends an event, copying its strings (NULL stays NULL). */
void feed_list_add(struct feed_list *l, const struct feed_event *ev);
void feed_list_cleanup(struct feed_list *l);

#endif
