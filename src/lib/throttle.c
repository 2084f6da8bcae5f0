/* throttle.c: the per-address sliding-window limit of the public pages (throttle.h). */
#include "throttle.h"

#include "mem.h"

#include <stdio.h>
#include <string.h>

struct throttle_slot {
    char address[64];
    unsigned next; /* the oldest of the slot's times, and the one overwritten next */
};

static uint64_t hash_address(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

bool throttle_take(struct throttle *t, const char *address, int64_t now, int64_t *wait)
{
    if (!address || !*address)
        address = "?";
    uint64_t h = hash_address(address);
    pthread_mutex_lock(&t->lock);
    if (!t->table) {
        t->table = hl_calloc(t->slots, sizeof *t->table);
        t->times = hl_calloc(t->slots * t->max, sizeof *t->times);
    }
    size_t i = h % t->slots;
    struct throttle_slot *s = &t->table[i];
    int64_t *times = &t->times[i * t->max];
    if (strcmp(s->address, address) != 0) {
        memset(s, 0, sizeof *s);
        memset(times, 0, t->max * sizeof *times);
        snprintf(s->address, sizeof s->address, "%s", address);
    }
    int64_t oldest = times[s->next];
    bool ok = oldest == 0 || now - oldest >= t->window;
    if (ok) {
        times[s->next] = now;
        s->next = (s->next + 1) % t->max;
    } else if (wait) {
        *wait = oldest + t->window - now;
    }
    pthread_mutex_unlock(&t->lock);
    return ok;
}
