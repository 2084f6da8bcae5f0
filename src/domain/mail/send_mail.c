/* send_mail.c: delivering one outbox row through the relay with libcurl: SMTP or SMTPS,
 * STARTTLS, authentication, and a MIME message built with curl_mime. */
#include "send_mail.h"

#include "buf.h"
#include "mail_format.h"
#include "mem.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mail_conn {
    CURL *curl;
};

struct mail_conn *mail_conn_new(void)
{
    struct mail_conn *c = hl_calloc(1, sizeof *c);
    c->curl = curl_easy_init();
    if (!c->curl) {
        free(c);
        return NULL;
    }
    return c;
}

void mail_conn_free(struct mail_conn *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->curl);
    free(c);
}

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const volatile bool *stop = arg;
    return stop && *stop ? 1 : 0;
}

/* Whether the relay's host is this machine (credentials may then go without TLS). */
static bool loopback(const char *url)
{
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    return strncmp(h, "127.", 4) == 0 || strncmp(h, "localhost", 9) == 0 ||
           strncmp(h, "[::1]", 5) == 0;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, "%s: %s", name, value);
    struct curl_slist *n = curl_slist_append(l, b.data);
    buf_cleanup(&b);
    return n;
}

enum mail_result mail_conn_send(struct mail_conn *c, const struct mail_relay *r,
                                const struct store_mail_item *m, const volatile bool *stop,
                                char *why, size_t why_size)
{
    CURL *h = c->curl;
    char errbuf[CURL_ERROR_SIZE] = "";
    char *subject = mail_header_encode(m->subject),
         *msgid = mail_message_id(m->id, m->created_at, r->from), *method = mail_ics_method(m->ics);
    char date[40];
    mail_date((int64_t)time(NULL), date);
    struct buf from, to, caltype;
    buf_init(&from, 0);
    buf_init(&to, 0);
    buf_init(&caltype, 0);
    buf_printf(&from, "<%s>", r->from);
    buf_printf(&to, "<%s>", m->to_address);
    struct curl_slist *rcpt = curl_slist_append(NULL, to.data), *headers = NULL;
    headers = add_header(headers, "From", r->from);
    headers = add_header(headers, "To", m->to_address);
    headers = add_header(headers, "Subject", subject);
    headers = add_header(headers, "Date", date);
    headers = add_header(headers, "Message-ID", msgid);
    headers = add_header(headers, "Auto-Submitted", "auto-generated");

    curl_mime *mime = curl_mime_init(h);
    curl_mimepart *part = curl_mime_addpart(mime);
    curl_mime_data(part, m->body, CURL_ZERO_TERMINATED);
    curl_mime_type(part, "text/plain; charset=UTF-8");
    curl_mime_encoder(part, "quoted-printable");
    if (m->ics) {
        part = curl_mime_addpart(mime);
        curl_mime_data(part, m->ics, CURL_ZERO_TERMINATED);
        buf_puts(&caltype, "text/calendar; charset=UTF-8");
        if (method)
            buf_printf(&caltype, "; method=%s", method);
        curl_mime_type(part, caltype.data);
        curl_mime_encoder(part, "base64");
        curl_mime_filename(part,
                           method && strcmp(method, "CANCEL") == 0 ? "cancel.ics" : "invite.ics");
    }

    curl_easy_setopt(h, CURLOPT_URL, r->url);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.data);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)MAIL_TRANSFER_SECONDS);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)stop);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    /* smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when the relay offers it,
     * and must when a password would go to another machine. */
    bool creds = r->user && *r->user;
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     (long)(creds && !loopback(r->url) ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (creds) {
        curl_easy_setopt(h, CURLOPT_USERNAME, r->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, r->password ? r->password : "");
    } else {
        curl_easy_setopt(h, CURLOPT_USERNAME, NULL);
        curl_easy_setopt(h, CURLOPT_PASSWORD, NULL);
    }
    CURLcode rc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (rc != CURLE_OK) {
        const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        if (code)
            snprintf(why, why_size, "%s (the relay answered %ld)", detail, code);
        else
            snprintf(why, why_size, "%s", detail);
    }
    /* The easy handle keeps the connection; the per-message options go. */
    curl_easy_setopt(h, CURLOPT_MIMEPOST, NULL);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, NULL);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
    curl_mime_free(mime);
    curl_slist_free_all(rcpt);
    curl_slist_free_all(headers);
    buf_cleanup(&from);
    buf_cleanup(&to);
    buf_cleanup(&caltype);
    free(subject);
    free(msgid);
    free(method);
    if (rc == CURLE_OK)
        return MAIL_SENT;
    return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ? MAIL_RELAY_DOWN
                                                                           : MAIL_FAILED;
}
