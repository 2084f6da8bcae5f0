/* mail_format.h: the pieces of an Internet message Haldus writes (RFC 5322 dates, RFC 2047
 * encoded subjects, Message-IDs), the METHOD of an iTIP attachment and the retry schedule.
 * Pure functions: no I/O, no SQL. */
#ifndef HL_MAIL_FORMAT_H
#define HL_MAIL_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A header value as RFC 2047 encoded words ("=?UTF-8?B?…?=", each at most 75 characters,
 * folded with CRLF SP) when text holds anything but printable ASCII, else text itself. Line
 * breaks and other control characters become spaces first, so a value never ends a header.
 * Returns a malloc'ed string. */
char *mail_header_encode(const char *text);

/* The RFC 5322 date of t (seconds since the epoch) in UTC: "Sun, 29 Nov 2026 13:46:30 +0000". */
void mail_date(int64_t t, char out[40]);

/* "<haldus.ID.CREATED@DOMAIN>" with the domain of from ("localhost" without one): stable for an
 * outbox row, so a message delivered twice carries the same id. Returns a malloc'ed string. */
char *mail_message_id(int64_t id, int64_t created, const char *from);

/* The METHOD property of an iCalendar text (REQUEST, CANCEL …) upper-cased, or NULL when it has
 * none or it is not a plain token. Returns a malloc'ed string. */
char *mail_ics_method(const char *ics);

/* Seconds to wait after the attempts-th failed attempt: base doubled per earlier failure,
 * at most MAIL_BACKOFF_MAX (or base when that is larger). */
#define MAIL_BACKOFF_MAX (6 * 3600)
int64_t mail_backoff(int attempts, int64_t base);

/* A notification kind: lower-case words of [a-z0-9_] joined by dots, 1-100 characters
 * ("message.urgent"). */
bool mail_kind_valid(const char *kind);

/* An SMTP relay URL: smtp:// or smtps://, a host, no spaces or control characters. */
bool mail_url_valid(const char *url);

/* Whether s holds a control character (a header or SMTP command must not). */
bool mail_has_control(const char *s);

#endif
