/* buf.h: a growable byte buffer with a hard size limit (like curl's dynbuf). */
#ifndef HL_BUF_H
#define HL_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t limit; /* appends that would pass this fail; 0 means no limit */
};

void buf_init(struct buf *b, size_t limit);
void buf_cleanup(struct buf *b);
void buf_reset(struct buf *b);
/* Append; returns false (and leaves the buffer unchanged) when the limit would be passed. */
bool buf_append(struct buf *b, const void *data, size_t len);
bool buf_puts(struct buf *b, const char *s);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (malloc'd, NUL-terminated) and empties the buffer. */
char *buf_steal(struct buf *b);

#endif
