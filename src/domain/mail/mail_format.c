/* mail_format.c: encoded headers, dates, Message-IDs, the iTIP METHOD and the back-off; pure. */
#include "mail_format.h"

#include "buf.h"
#include "mem.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void base64(struct buf *b, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char out[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63],
                       i + 1 < n ? tab[(v >> 6) & 63] : '=', i + 2 < n ? tab[v & 63] : '='};
        buf_append(b, out, 4);
    }
}

bool mail_has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

char *mail_header_encode(const char *text)
{
    char *clean = hl_strdup(text);
    bool plain = true;
    for (unsigned char *p = (unsigned char *)clean; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
        if (*p >= 0x80)
            plain = false;
    }
    /* "=?" in plain text would read as the start of an encoded word. */
    if (plain && !strstr(clean, "=?"))
        return clean;
    struct buf b;
    buf_init(&b, 0);
    size_t n = strlen(clean);
    /* 45 bytes make 60 base64 characters: with "=?UTF-8?B?" and "?=", 72 of the 75 allowed.
     * A word ends on a character boundary (a continuation byte never starts one). */
    for (size_t i = 0; i < n;) {
        size_t len = n - i < 45 ? n - i : 45;
        while (len > 0 && i + len < n && ((unsigned char)clean[i + len] & 0xC0) == 0x80)
            len--;
        if (len == 0)
            len = n - i < 45 ? n - i : 45;
        if (i > 0)
            buf_puts(&b, "\r\n ");
        buf_puts(&b, "=?UTF-8?B?");
        base64(&b, (const unsigned char *)clean + i, len);
        buf_puts(&b, "?=");
        i += len;
    }
    free(clean);
    char *out = buf_steal(&b);
    return out ? out : hl_strdup("");
}

void mail_date(int64_t t, char out[40])
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7], tm.tm_mday,
             months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

char *mail_message_id(int64_t id, int64_t created, const char *from)
{
    const char *at = from ? strrchr(from, '@') : NULL;
    const char *domain = at && at[1] ? at + 1 : "localhost";
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, "<haldus.%" PRId64 ".%" PRId64 "@", id, created);
    for (const char *p = domain; *p && *p != '>'; p++)
        if (isalnum((unsigned char)*p) || *p == '.' || *p == '-')
            buf_append(&b, p, 1);
    buf_puts(&b, ">");
    return buf_steal(&b);
}

char *mail_ics_method(const char *ics)
{
    if (!ics)
        return NULL;
    for (const char *line = ics; line && *line;) {
        if (strncasecmp(line, "METHOD:", 7) == 0) {
            const char *v = line + 7;
            size_t n = 0;
            while (isalnum((unsigned char)v[n]) || v[n] == '-')
                n++;
            if (n == 0 || n > 40 || (v[n] && v[n] != '\r' && v[n] != '\n'))
                return NULL;
            char *m = hl_strndup(v, n);
            for (char *p = m; *p; p++)
                *p = (char)toupper((unsigned char)*p);
            return m;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

int64_t mail_backoff(int attempts, int64_t base)
{
    if (base < 1)
        base = 1;
    int64_t d = base;
    for (int i = 1; i < attempts && d < MAIL_BACKOFF_MAX; i++)
        d *= 2;
    if (d > MAIL_BACKOFF_MAX)
        d = base > MAIL_BACKOFF_MAX ? base : MAIL_BACKOFF_MAX;
    return d;
}

bool mail_kind_valid(const char *kind)
{
    size_t n = kind ? strlen(kind) : 0;
    if (n < 1 || n > 100 || kind[0] == '.' || kind[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = kind[i];
        if (c == '.' ? kind[i + 1] == '.'
                     : !(islower((unsigned char)c) || isdigit((unsigned char)c) || c == '_'))
            return false;
    }
    return true;
}

bool mail_url_valid(const char *url)
{
    const char *host;
    if (strncmp(url, "smtp://", 7) == 0)
        host = url + 7;
    else if (strncmp(url, "smtps://", 8) == 0)
        host = url + 8;
    else
        return false;
    if (!*host || *host == '/' || *host == ':' || strlen(url) > 500)
        return false;
    /* No user or password in the URL: the password comes from a file or the environment. */
    size_t authority = strcspn(host, "/?#");
    if (memchr(host, '@', authority))
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}
