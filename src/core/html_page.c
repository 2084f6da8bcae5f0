/* html_page.c: the public pages' escaper, language choice and page shell (html_page.h). */
#include "html_page.h"

#include "buf.h"
#include "http.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

void html_escape(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        default:
            buf_append(b, s, 1);
        }
    }
}

const char *html_lang_of(const char *s)
{
    if (s && strcmp(s, "et") == 0)
        return "et";
    if (s && strcmp(s, "en") == 0)
        return "en";
    return NULL;
}

const char *html_page_lang(struct request *req)
{
    const char *q = html_lang_of(http_query(req, "lang"));
    if (q)
        return q;
    const char *al = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Accept-Language");
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (strncasecmp(p, "et", 2) == 0 && !isalpha((unsigned char)p[2]))
            return "et";
        if (strncasecmp(p, "en", 2) == 0 && !isalpha((unsigned char)p[2]))
            return "en";
        p = strchr(p, ',');
    }
    return "en";
}

void html_page_start(struct buf *b, const char *lang, const char *title, const char *stylesheet)
{
    buf_printf(b,
               "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>",
               lang);
    html_escape(b, title);
    buf_puts(b, "</title><link rel=\"stylesheet\" href=\"");
    html_escape(b, stylesheet);
    buf_puts(b, "\"></head><body><main>");
}

void html_page_send(struct buf *b, struct response *res, int status, const char *csp)
{
    buf_puts(b, "</main></body></html>\n");
    res->status = status;
    res->raw_len = b->len;
    buf_append(b, "", 1);
    res->raw = buf_steal(b);
    res->content_type = "text/html; charset=utf-8";
    res->csp = csp;
    /* With no-referrer a browser posts the form with "Origin: null", which the server's
     * cross-site check refuses; same-origin sends our own origin and still nothing outside. */
    res->referrer = "same-origin";
}

void html_page_style(struct response *res, const char *css, size_t len, const char *csp)
{
    res->status = 200;
    res->fixed = css;
    res->raw_len = len;
    res->content_type = "text/css; charset=utf-8";
    res->cache = "public, max-age=3600";
    res->csp = csp;
    res->referrer = "same-origin";
}
