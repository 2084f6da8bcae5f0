/* ident.h: the one parser of record ids in text (paths, query strings, CSV cells). */
#ifndef HL_IDENT_H
#define HL_IDENT_H

#include <stdbool.h>
#include <stdint.h>

/* Reads a record id — a positive decimal integer without sign, spaces or leading zeros, at
 * most INT64_MAX — from the start of s. On success *out is the id and *end (may be NULL) points
 * past its digits; the caller decides what may follow. Returns false otherwise. */
bool id_parse_prefix(const char *s, const char **end, int64_t *out);

/* The whole of s is an id. */
bool id_parse(const char *s, int64_t *out);

#endif
