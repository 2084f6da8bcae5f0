/* ident.c: the one parser of record ids in text. */
#include "ident.h"

bool id_parse_prefix(const char *s, const char **end, int64_t *out)
{
    if (!s || *s < '1' || *s > '9')
        return false;
    int64_t v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        int d = *p - '0';
        if (v > (INT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    if (end)
        *end = p;
    return true;
}

bool id_parse(const char *s, int64_t *out)
{
    const char *end;
    return id_parse_prefix(s, &end, out) && *end == '\0';
}
