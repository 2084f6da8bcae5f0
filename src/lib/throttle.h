/* throttle.h: a per-address limit in memory — at most max requests in a sliding window of
 * seconds — for the public pages (the careers form, the interview pick page, the welcome
 * page). Addresses hash into a fixed table of slots allocated on first use; a slot taken by
 * another address is reset, so at worst two addresses share a budget. Thread-safe. */
#ifndef HL_THROTTLE_H
#define HL_THROTTLE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct throttle_slot;

struct throttle {
    pthread_mutex_t lock;
    size_t slots;                /* the table's size */
    unsigned max;                /* requests allowed … */
    int64_t window;              /* … in this many seconds */
    struct throttle_slot *table; /* allocated on first use, lives with the process */
    int64_t *times;              /* slots × max request times, 0 for none */
};

#define THROTTLE_INIT(slots_, max_, window_)                                                       \
    {                                                                                              \
        PTHREAD_MUTEX_INITIALIZER, (slots_), (max_), (window_), NULL, NULL                         \
    }

/* Counts one request from address (NULL or "" count as "?") at now; false, with the seconds
 * until the next is allowed in *wait (when wait is not NULL), when the address has had max
 * in the window. */
bool throttle_take(struct throttle *t, const char *address, int64_t now, int64_t *wait);

#endif
