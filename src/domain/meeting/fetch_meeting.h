/* fetch_meeting.h: reading an outside calendar from its URL with libcurl — http and https only,
 * a time-out, a size limit, few redirects, no loopback, private or link-local address unless
 * allowed, and the validators (ETag, Last-Modified) of a conditional request. No SQL. */
#ifndef HL_FETCH_MEETING_H
#define HL_FETCH_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sockaddr;

#define FETCH_TIMEOUT_SECONDS 30 /* the whole transfer */
#define FETCH_CONNECT_SECONDS 10 /* connecting */
#define FETCH_MAX_REDIRECTS   3
#define FETCH_ALLOW_PRIVATE   "HALDUS_CALENDAR_ALLOW_PRIVATE" /* "1": private addresses too */
#define FETCH_REFRESH_ENV     "HALDUS_CALENDAR_REFRESH"       /* seconds between readings */
#define FETCH_REFRESH_DEFAULT 3600

/* What a fetch gave: the body (200) or not_modified (304), with the answer's validators. */
struct fetch_result {
    bool not_modified;
    char *body; /* malloc'd, NUL-terminated; NULL when not_modified */
    size_t len;
    char *etag;          /* malloc'd or NULL */
    char *last_modified; /* malloc'd or NULL */
};

void fetch_result_cleanup(struct fetch_result *r);

/* Whether url is one Haldus may fetch: http or https with a host, at most 2000 bytes, no user
 * or password in it. On false *why is a static message. */
bool fetch_url_ok(const char *url, const char **why);

/* Whether a socket address is loopback, private, link-local, shared (CGNAT), multicast,
 * unspecified or reserved — anything but a public unicast address (IPv4-mapped IPv6 judged by
 * its IPv4 address). */
bool fetch_address_private(const struct sockaddr *sa);

/* GETs url (If-None-Match etag / If-Modified-Since last_modified when given, either may be
 * NULL), at most max_bytes of body. Returns true with *out filled (caller cleans up) or false
 * with a malloc'd reason in *why ("the server answered HTTP 404", "refused: 127.0.0.1 is a
 * private address", a time-out …). allow_private lets loopback and private addresses through. */
bool fetch_calendar(const char *url, const char *etag, const char *last_modified, size_t max_bytes,
                    bool allow_private, struct fetch_result *out, char **why);

/* The settings from the environment: private addresses allowed ("1"), and the seconds between
 * two readings of a calendar by the periodic work (0: never; default 3600). */
bool fetch_private_allowed(void);
int64_t fetch_refresh_seconds(void);

#endif
