/* match_groups.h: which changes of a what-if depend on each other through capacity (issue 14). */
#ifndef HL_MATCH_GROUPS_H
#define HL_MATCH_GROUPS_H

/*
 * Pure: plain arrays in and out, no SQL, no I/O. A what-if is a list of moves, each making one
 * executive's primary assistant `to` instead of `from`. Assistant j has `room[j]` places for the
 * executives of the set and holds `load[j]` of them today. Accepting only some of the moves must
 * never leave an assistant over its room: a move into a full assistant needs a move that takes
 * an executive away from it. The rules are in docs/planner.md §12b.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct match_move {
    int32_t from; /* assistant index, or -1 when the executive has no primary today */
    int32_t to;   /* assistant index */
};

struct match_groups {
    size_t n;
    int32_t *group; /* [n]: 0-based, numbered in the order groups are listed */
    int32_t *order; /* [n]: the moves group by group, each group in its chains' order */
    size_t *need0;  /* [n + 1]: move k needs need[need0[k] .. need0[k+1]) */
    int32_t *need;  /* indexes of moves, in chain order, never k itself */
};

/* What accepting each move alone needs. The moves are first split into chains and cycles: at
 * each assistant the moves in beyond its free places (room − load) are paired, in move order,
 * with moves out of it; a move's successor is the move out it was paired with. needs of a move:
 * nothing when its assistant has a place free; else its successor, and on along the chain until
 * a move lands where a place is free (or where the first move left from, round a cycle). A
 * move with its needs fits, when the whole what-if fits in every room. A group is a move with
 * what it needs, joined with the groups of those. Allocates *out; free with
 * match_groups_free. */
void match_groups_build(size_t n_asst, const int32_t *room, const int32_t *load,
                        const struct match_move *mv, size_t n, struct match_groups *out);
void match_groups_free(struct match_groups *g);

/* The first assistant (by index) that the moves marked in take[] would leave over its room
 * while it gains an executive through them: load + moves in − moves out > room. -1 when none. */
int32_t match_over_room(size_t n_asst, const int32_t *room, const int32_t *load,
                        const struct match_move *mv, size_t n, const unsigned char *take);

#endif
