/* slot_meeting.h: find a time — the pure search for meeting slots where every required attendee
 * is free. Plain structs in, plain structs out: no I/O, no SQL, no globals (the use case in
 * svc_meeting.c gathers each person's working hours and busy times and calls it). */
#ifndef HL_SLOT_MEETING_H
#define HL_SLOT_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLOT_MAX_PEOPLE 64 /* attendees one search takes (masks are 64 bits) */

/* A half-open span of UTC seconds [start, end). */
struct slot_span {
    int64_t start, end;
};

/* One attendee: when they may meet at all (working hours in their own zone, minus leave,
 * holidays and their preferences, as UTC spans) and when they are busy (meetings, training,
 * outside calendars). Either list may be in any order and overlap itself. */
struct slot_person {
    bool required;
    const struct slot_span *work;
    size_t nwork;
    const struct slot_span *busy;
    size_t nbusy;
};

struct slot_query {
    int64_t from, to; /* the window: a slot lies inside [from, to) */
    int64_t duration; /* seconds, > 0 */
    int64_t buffer;   /* seconds kept free between a slot and anyone's busy time, >= 0 */
    int64_t step;     /* slots start on multiples of step seconds after the epoch, > 0 */
    int64_t tight;    /* a required attendee with less than buffer + tight to their
                         nearest busy time before or after the slot is "tight" */
    size_t count;     /* slots wanted */
};

/* A slot found. Bit i of a mask is attendee i of the query. */
struct slot_result {
    int64_t start, end;
    int score;              /* lower is better: 2 per tight attendee, 3 per optional one away */
    uint64_t tight;         /* required attendees with little room around the slot */
    uint64_t optional_away; /* optional attendees who are not free then */
};

/* Searches the window for slots where every required attendee is free (inside their working
 * spans, at least buffer away from each of their busy spans). Every such start on the step grid
 * is a candidate; the answer is the `count` best candidates by score, then the earliest,
 * ordered best first (the scan stops early once `count` perfect slots are found, so perfect
 * slots are always the earliest ones). Writes at most q->count results to out (caller-owned,
 * q->count long) and returns how many. Returns 0 when no attendee is required, there are more
 * than SLOT_MAX_PEOPLE or the query is malformed (the caller validates its input first). */
size_t slot_find(const struct slot_query *q, const struct slot_person *people, size_t npeople,
                 struct slot_result *out);

/* The person's free time inside [from, to): their working spans minus their busy spans widened
 * by buffer, sorted and disjoint — what a picture of everyone's free time draws. Returns the
 * count and a malloc'd array in *out (the caller frees it, also when the count is 0). */
size_t slot_free(const struct slot_person *p, int64_t buffer, int64_t from, int64_t to,
                 struct slot_span **out);

/* Sorts spans by start and merges overlapping or touching ones, in place; returns the new
 * count. Empty and inverted spans are dropped. */
size_t slot_normalize(struct slot_span *s, size_t n);

#endif
