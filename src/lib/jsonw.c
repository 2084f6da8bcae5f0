/* jsonw.c: JSON text written straight into a buffer. */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s[0] (at most len bytes), or 0 when there is none
 * there: a stray continuation byte, a cut or overlong sequence, a surrogate, past U+10FFFF. */
size_t utf8_sequence(const unsigned char *s, size_t len)
{
    size_t n;
    uint32_t cp, min;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0)
        n = 2, cp = s[0] & 0x1f, min = 0x80;
    else if ((s[0] & 0xf0) == 0xe0)
        n = 3, cp = s[0] & 0x0f, min = 0x800;
    else if ((s[0] & 0xf8) == 0xf0)
        n = 4, cp = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (n > len)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void jw_string(struct buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    buf_append(b, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* Text that is not UTF-8 (a row stored by another program, say) must not make the
             * answer invalid JSON: each bad byte becomes U+FFFD. */
            size_t n = utf8_sequence((const unsigned char *)s + i, len - i);
            if (n) {
                i += n - 1;
                continue;
            }
            buf_append(b, s + start, i - start);
            buf_append(b, "\\ufffd", 6);
            start = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        buf_append(b, s + start, i - start);
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        buf_append(b, esc, n);
        start = i + 1;
    }
    buf_append(b, s + start, len - start);
    buf_append(b, "\"", 1);
}

void jw_key(struct buf *b, const char *key)
{
    buf_append(b, "\"", 1);
    buf_puts(b, key);
    buf_append(b, "\":", 2);
}

void jw_int(struct buf *b, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    buf_append(b, tmp + sizeof tmp - n, n);
}

void jw_real(struct buf *b, double v)
{
    char tmp[40];
    int n = snprintf(tmp, sizeof tmp, "%.17g", v);
    if (n < 0 || n >= (int)sizeof tmp)
        return;
    buf_append(b, tmp, (size_t)n);
    if (!strpbrk(tmp, ".eE") && !strstr(tmp, "inf") && !strstr(tmp, "nan"))
        buf_append(b, ".0", 2);
}
