/* jsonw.h: writes JSON text straight into a buffer — the one place where strings are escaped
 * for JSON output on the hot paths (lists), next to Jansson for everything else. */
#ifndef HL_JSONW_H
#define HL_JSONW_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

/* A JSON string of s[0..len): quotes, backslashes and control characters escaped. The text
 * must already be valid UTF-8 (everything stored was checked when it came in). */
/* The length of the valid UTF-8 sequence at s[0] (at most len bytes), 0 when s[0] starts none. */
size_t utf8_sequence(const unsigned char *s, size_t len);

void jw_string(struct buf *b, const char *s, size_t len);
/* "key": — key is a constant of the program (not escaped). */
void jw_key(struct buf *b, const char *key);
void jw_int(struct buf *b, int64_t v);
/* As Jansson writes reals: %.17g, with ".0" added to whole numbers. */
void jw_real(struct buf *b, double v);

#endif
