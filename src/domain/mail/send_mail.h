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
 * its METHOD when m has one) with From, To, Subject (RFC 2047), Date and Message-ID. true when
 * the relay accepted it; false with why (the curl and SMTP error) otherwise. A transfer stops
 * early when *stop turns true. */
bool mail_conn_send(struct mail_conn *c, const struct mail_relay *r,
                    const struct store_mail_item *m, const volatile bool *stop, char *why,
                    size_t why_size);

#endif
