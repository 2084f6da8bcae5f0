/* mem.h: allocation that aborts on out-of-memory, so callers never check for NULL. */
#ifndef HL_MEM_H
#define HL_MEM_H

#include <stddef.h>

void *hl_malloc(size_t size);
void *hl_calloc(size_t count, size_t size);
void *hl_realloc(void *ptr, size_t size);
char *hl_strdup(const char *s);
char *hl_strndup(const char *s, size_t n);
/* Returns a malloc'd string built like printf; the caller frees it. */
char *hl_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
