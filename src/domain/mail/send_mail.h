/* send_mail.h: one mail through an SMTP relay with libcurl (the only file that talks SMTP). */
#ifndef HL_SEND_MAIL_H
#define HL_SEND_MAIL_H

#include "mail.h"
#include "store_mail.h"

#include <stdbool.h>
#include <stddef.h>

/* A connection to the relay, reused from one mail to the next. */
struct mail_conn;
struct mail_conn *mail_conn_new(void);
void mail_conn_free(struct mail_conn *c);

/* Sends m through relay r: a multipart message (the text, and the .ics as text/calendar with
 * its METHOD when m has one) with From, To, Subject (RFC 2047), Date and Message-ID. On failure
 * why gets the curl and SMTP error. A transfer stops early when *stop turns true. */
enum mail_result {
    MAIL_SENT,       /* the relay accepted it */
    MAIL_FAILED,     /* this attempt failed (refused, cut off, timed out) */
    MAIL_RELAY_DOWN, /* the relay could not be reached at all: the next mail would fail too */
};
enum mail_result mail_conn_send(struct mail_conn *c, const struct mail_relay *r,
                                const struct store_mail_item *m, const volatile bool *stop,
                                char *why, size_t why_size);

#endif
