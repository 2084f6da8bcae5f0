/* html_page.h: what the public, server-rendered pages share (the careers page, the interview
 * pick page, the account welcome page): the one escaper of outside text into HTML, the choice
 * of Estonian or English, and the page's shell — its start, its end and its hand-over as the
 * answer under the page's own Content-Security-Policy and referrer policy. The pages' words
 * and forms stay with their domains. */
#ifndef HL_HTML_PAGE_H
#define HL_HTML_PAGE_H

#include <stddef.h>

struct buf;
struct request;
struct response;

/* The public pages' policy: no script at all, styles and form posts only to ourselves. */
#define HTML_PAGE_CSP                                                                              \
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "           \
    "base-uri 'none'"

/* Appends s (NULL: nothing) with &, <, >, " and ' escaped: the one writer of outside text into
 * HTML, for element text and quoted attribute values alike. */
void html_escape(struct buf *b, const char *s);

/* "et" or "en" when s names one of them (exactly), else NULL. */
const char *html_lang_of(const char *s);

/* et or en: ?lang= when given, else the first of them in Accept-Language, else en. */
const char *html_page_lang(struct request *req);

/* The page's start up to and including <main>: the language, the escaped title and the page's
 * own stylesheet (a path on this server). */
void html_page_start(struct buf *b, const char *lang, const char *title, const char *stylesheet);

/* Ends the page in b and hands it over as the answer with status, under csp (the referrer
 * policy same-origin, so the page's own form posts pass the cross-site check). b is empty. */
void html_page_send(struct buf *b, struct response *res, int status, const char *csp);

/* Answers with a page's stylesheet css (len bytes, living as long as the program), cached for
 * an hour, under csp. */
void html_page_style(struct response *res, const char *css, size_t len, const char *csp);

#endif
