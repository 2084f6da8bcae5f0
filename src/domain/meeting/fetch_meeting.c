/* fetch_meeting.c: reading an outside calendar from its URL with libcurl, refusing every
 * address that is not public unicast at the moment of connecting (so a redirect or a name that
 * resolves to this machine or the local network is refused as well). */
#include "fetch_meeting.h"

#include "buf.h"
#include "mem.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

void fetch_result_cleanup(struct fetch_result *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    memset(r, 0, sizeof *r);
}

bool fetch_url_ok(const char *url, const char **why)
{
    static const char *const bad = "url must be an http:// or https:// address of at most 2000 "
                                   "characters, without a user name or password";
    *why = bad;
    if (!url || strlen(url) < 8 || strlen(url) > 2000)
        return false;
    if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
        return false;
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return false;
    CURLU *u = curl_url();
    if (!u)
        return false;
    char *host = NULL, *user = NULL;
    bool ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host &&
              curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_NO_USER;
    curl_free(host);
    curl_free(user);
    curl_url_cleanup(u);
    return ok;
}

static bool v4_private(uint32_t a)
{
    uint8_t b0 = a >> 24, b1 = (a >> 16) & 0xff;
    return b0 == 0 || b0 == 10 || b0 == 127 || (b0 == 169 && b1 == 254) ||
           (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168) ||
           (b0 == 100 && (b1 & 0xc0) == 64) ||                 /* shared address space (CGNAT) */
           (b0 == 192 && b1 == 0 && ((a >> 8) & 0xff) == 0) || /* IETF protocol assignments */
           (b0 == 198 && (b1 & 0xfe) == 18) ||                 /* benchmarking */
           b0 >= 224;                                          /* multicast, reserved, broadcast */
}

bool fetch_address_private(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        return v4_private(ntohl(in->sin_addr.s_addr));
    }
    if (sa->sa_family != AF_INET6)
        return true;
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
    const uint8_t *b = in6->sin6_addr.s6_addr;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return v4_private((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 |
                          b[15]);
    static const uint8_t zero[15] = {0};
    if (memcmp(b, zero, 15) == 0) /* :: and ::1 */
        return true;
    return (b[0] & 0xfe) == 0xfc ||                   /* unique local fc00::/7 */
           (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || /* link-local fe80::/10 */
           (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) || /* site-local (deprecated) */
           b[0] == 0xff ||                            /* multicast */
           (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8); /* documentation */
}

/* The state one transfer's callbacks share. */
struct fetch_state {
    struct buf body;
    bool too_big;
    bool allow_private;
    char refused[INET6_ADDRSTRLEN]; /* the address refused, when one was */
    char *etag, *last_modified;
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    struct fetch_state *f = arg;
    if (!buf_append(&f->body, data, size * n)) {
        f->too_big = true;
        return 0;
    }
    return size * n;
}

/* A header's value when line is "name: value", trimmed and malloc'd; else NULL. */
static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return NULL;
    const char *v = line + nl + 1, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end == v || end - v > 500)
        return NULL;
    return hl_strndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
    struct fetch_state *f = arg;
    size_t len = size * n;
    char *v;
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        /* A new answer (after a redirect): only the last one's validators count. */
        free(f->etag);
        free(f->last_modified);
        f->etag = f->last_modified = NULL;
    } else if ((v = header_value(data, len, "ETag"))) {
        free(f->etag);
        f->etag = v;
    } else if ((v = header_value(data, len, "Last-Modified"))) {
        free(f->last_modified);
        f->last_modified = v;
    }
    return len;
}

static curl_socket_t on_open(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct fetch_state *f = arg;
    (void)purpose;
    if (!f->allow_private && fetch_address_private(&a->addr)) {
        const void *ip =
            a->family == AF_INET6
                ? (const void *)&((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr
                : (const void *)&((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr;
        if (!inet_ntop(a->family, ip, f->refused, sizeof f->refused))
            snprintf(f->refused, sizeof f->refused, "?");
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    char *h = hl_asprintf("%s: %s", name, value);
    struct curl_slist *n = curl_slist_append(l, h);
    free(h);
    if (!n)
        curl_slist_free_all(l);
    return n;
}

bool fetch_calendar(const char *url, const char *etag, const char *last_modified, size_t max_bytes,
                    bool allow_private, struct fetch_result *out, char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    const char *bad = NULL;
    if (!fetch_url_ok(url, &bad)) {
        *why = hl_strdup(bad);
        return false;
    }
    struct fetch_state f = {.allow_private = allow_private};
    buf_init(&f.body, max_bytes);
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = NULL;
    bool ok = false;
    CURL *h = curl_easy_init();
    if (!h) {
        *why = hl_strdup("libcurl could not be initialised");
        goto out;
    }
    if (etag && *etag && !(headers = add_header(headers, "If-None-Match", etag)))
        goto nomem;
    if (last_modified && *last_modified &&
        !(headers = add_header(headers, "If-Modified-Since", last_modified)))
        goto nomem;
    if (!(headers = add_header(headers, "Accept", "text/calendar, */*;q=0.5")))
        goto nomem;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)FETCH_TIMEOUT_SECONDS);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)FETCH_CONNECT_SECONDS);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROXY, ""); /* no proxy from the environment: we judge the peer */
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Haldus calendar reader");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &f);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &f);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &f);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (f.refused[0]) {
        *why = hl_asprintf("refused: %s is a loopback, private or link-local address", f.refused);
        goto out;
    }
    if (f.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        *why = hl_asprintf("the calendar is larger than %zu bytes", max_bytes);
        goto out;
    }
    if (rc == CURLE_TOO_MANY_REDIRECTS) {
        *why = hl_asprintf("more than %d redirects", FETCH_MAX_REDIRECTS);
        goto out;
    }
    if (rc != CURLE_OK) {
        *why = hl_asprintf("%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
        goto out;
    }
    if (status == 304 && ((etag && *etag) || (last_modified && *last_modified))) {
        out->not_modified = true;
    } else if (status == 200) {
        out->len = f.body.len;
        out->body = f.body.data ? buf_steal(&f.body) : hl_strdup("");
    } else {
        *why = hl_asprintf("the server answered HTTP %ld", status);
        goto out;
    }
    out->etag = f.etag;
    out->last_modified = f.last_modified;
    f.etag = f.last_modified = NULL;
    ok = true;
    goto out;
nomem:
    *why = hl_strdup("out of memory");
out:
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    buf_cleanup(&f.body);
    free(f.etag);
    free(f.last_modified);
    return ok;
}

bool fetch_private_allowed(void)
{
    const char *v = getenv(FETCH_ALLOW_PRIVATE);
    return v && strcmp(v, "1") == 0;
}

int64_t fetch_refresh_seconds(void)
{
    const char *v = getenv(FETCH_REFRESH_ENV);
    if (!v || !*v)
        return FETCH_REFRESH_DEFAULT;
    char *end = NULL;
    long long n = strtoll(v, &end, 10);
    if (*end || n < 0 || n > 30LL * 86400)
        return FETCH_REFRESH_DEFAULT;
    return n;
}
