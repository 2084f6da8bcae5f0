/* server.c: libmicrohttpd setup, per-request state, dispatch through the route table, and the
 * request-completed callback that frees it all. */
#include "server.h"
#include "api.h"
#include "db.h"
#include "domain.h"
#include "http.h"
#include "mem.h"
#include "migrate.h"
#include "route.h"
#include "static.h"
#include "svc_auth.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>

/* Read-only after start-up. */
static const char *g_db_path;
static time_t g_started;
static bool g_behind_tls;
static bool g_read_only; /* every connection read-only; changes other than signing in: 503 */

#define SESSION_COOKIE     "haldus_session"
#define SESSION_COOKIE_TLS "__Host-haldus_session"

/* Requests that do not run on the thread that received them wait in a queue with their
 * connection suspended; a worker runs them and resumes the connection. Two queues:
 * - the hashing pool: slow routes (password hashing), at most one per core, at low priority,
 *   so a flood of sign-ins cannot block the other requests;
 * - the writer: one thread runs every other state-changing request, many in one transaction
 *   (group commit): each request in its own savepoint, then one COMMIT — one fsync — for the
 *   batch, and only then are the answers sent. */
struct work_queue {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct request **ring;
    size_t cap, head, len;
    bool stopping;
};

#define SLOW_QUEUE_MAX  64
#define WRITE_QUEUE_MAX 4096
#define WRITE_BATCH_MAX 256
static struct request *slow_ring[SLOW_QUEUE_MAX];
static struct request *write_ring[WRITE_QUEUE_MAX];
static struct work_queue slow_q = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, slow_ring, SLOW_QUEUE_MAX, 0, 0, false};
static struct work_queue write_q = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, write_ring, WRITE_QUEUE_MAX, 0, 0, false};

/* Every worker thread's connection, so shutdown can close them. */
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **conns;
static size_t nconns;
static _Thread_local struct db *thread_db;

/* The total deadline of a request's head and body. libmicrohttpd's timeout restarts on every
 * byte, so a client sending a header line every few seconds would hold its connection for
 * ever, and a few thousand such clients hold them all. Every connection is listed from its
 * start (MHD_OPTION_NOTIFY_CONNECTION) with the time by which its request must be in; once
 * the request is in (dispatch) it has no deadline while it is answered, and when the answer is
 * done the next request on the connection gets a fresh one. A reaper thread shuts down the
 * socket of every connection past its deadline; libmicrohttpd then sees it closed and cleans
 * up. The list lock is held from the check to the shutdown, and a connection leaves the list
 * (under the lock) when libmicrohttpd reports it closed, before it closes the socket, so the
 * reaper never shuts a socket number that went to a newer connection. */
struct conn_entry {
    int fd;
    int64_t deadline_ms; /* 0: not waiting for a request (answering it) */
    struct conn_entry *prev, *next;
};

static pthread_mutex_t ce_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ce_cond = PTHREAD_COND_INITIALIZER;
static struct conn_entry *ce_head;
static bool ce_stopping;
#define SERVER_IDLE_SECONDS 30 /* libmicrohttpd closes a connection idle this long */
static int64_t g_deadline_ms;
static atomic_ullong m_deadline_drops;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn_entry *e = hl_calloc(1, sizeof *e);
        e->fd = ci ? ci->connect_fd : -1;
        e->deadline_ms = now_ms() + g_deadline_ms;
        pthread_mutex_lock(&ce_lock);
        e->next = ce_head;
        if (ce_head)
            ce_head->prev = e;
        ce_head = e;
        pthread_mutex_unlock(&ce_lock);
        *socket_context = e;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        struct conn_entry *e = *socket_context;
        pthread_mutex_lock(&ce_lock);
        if (e->prev)
            e->prev->next = e->next;
        else
            ce_head = e->next;
        if (e->next)
            e->next->prev = e->prev;
        pthread_mutex_unlock(&ce_lock);
        free(e);
        *socket_context = NULL;
    }
}

/* Sets the deadline of conn's connection: ms from now, or none (0). */
static void conn_deadline(struct MHD_Connection *conn, int64_t ms)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn_entry *e = ci ? ci->socket_context : NULL;
    if (!e)
        return;
    pthread_mutex_lock(&ce_lock);
    e->deadline_ms = ms ? now_ms() + ms : 0;
    pthread_mutex_unlock(&ce_lock);
}

static void *reaper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&ce_lock);
    while (!ce_stopping) {
        int64_t now = now_ms();
        for (struct conn_entry *e = ce_head; e; e = e->next)
            if (e->deadline_ms && now > e->deadline_ms && e->fd >= 0) {
                shutdown(e->fd, SHUT_RDWR);
                e->deadline_ms = 0;
                atomic_fetch_add(&m_deadline_drops, 1);
            }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&ce_cond, &ce_lock, &until);
    }
    pthread_mutex_unlock(&ce_lock);
    return NULL;
}

static atomic_ullong m_requests[6]; /* by status class: 1xx … 5xx, [0] unused */
static atomic_ullong m_bytes_in;

char *server_metrics_text(size_t *len)
{
    char *s =
        hl_asprintf("# HELP haldus_requests_total Requests answered, by status class.\n"
                    "# TYPE haldus_requests_total counter\n"
                    "haldus_requests_total{class=\"2xx\"} %llu\n"
                    "haldus_requests_total{class=\"3xx\"} %llu\n"
                    "haldus_requests_total{class=\"4xx\"} %llu\n"
                    "haldus_requests_total{class=\"5xx\"} %llu\n"
                    "# HELP haldus_request_body_bytes_total Bytes of request bodies received.\n"
                    "# TYPE haldus_request_body_bytes_total counter\n"
                    "haldus_request_body_bytes_total %llu\n"
                    "# HELP haldus_request_deadline_drops_total Connections dropped because "
                    "their request was not in by the deadline.\n"
                    "# TYPE haldus_request_deadline_drops_total counter\n"
                    "haldus_request_deadline_drops_total %llu\n"
                    "# HELP haldus_uptime_seconds Seconds since the server started.\n"
                    "# TYPE haldus_uptime_seconds gauge\n"
                    "haldus_uptime_seconds %lld\n",
                    (unsigned long long)m_requests[2], (unsigned long long)m_requests[3],
                    (unsigned long long)m_requests[4], (unsigned long long)m_requests[5],
                    (unsigned long long)m_bytes_in, (unsigned long long)m_deadline_drops,
                    (long long)(time(NULL) - g_started));
    *len = strlen(s);
    return s;
}

/* This worker thread's connection, opened on first use. NULL (with *err) on failure. */
static struct db *worker_db(struct hl_error *err)
{
    if (thread_db)
        return thread_db;
    struct db *db;
    if (db_open(g_db_path, g_read_only ? DB_READ_ONLY : 0, &db, err) != HL_OK)
        return NULL;
    pthread_mutex_lock(&conns_lock);
    conns = hl_realloc(conns, (nconns + 1) * sizeof *conns);
    conns[nconns++] = db;
    pthread_mutex_unlock(&conns_lock);
    thread_db = db;
    return db;
}

void server_session_cookie(char *out, size_t size, const char *token, int max_age)
{
    snprintf(out, size, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
             g_behind_tls ? SESSION_COOKIE_TLS : SESSION_COOKIE, token, max_age,
             g_behind_tls ? "; Secure" : "");
}

#define CSP                                                                                        \
    "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "             \
    "form-action 'self'"

static void add_common_headers(struct MHD_Response *r, const char *cache, const char *csp,
                               const char *referrer)
{
    MHD_add_response_header(r, "Content-Security-Policy", csp ? csp : CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", referrer ? referrer : "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", cache ? cache : "no-store");
    if (g_behind_tls) /* the proxy in front speaks TLS: browsers should never use plain HTTP */
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

/* libmicrohttpd's own MHD_queue_response; see the definition of MHD_queue_response below. */
typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int, struct MHD_Response *);
static queue_fn queue_real;

static enum MHD_Result send_response(struct request *req, struct response *res)
{
    char *body = NULL;
    size_t len = 0;
    const char *type = "application/json";
    if (res->json) {
        body = json_dumps(res->json, JSON_COMPACT);
        if (!body) { /* cannot happen with valid UTF-8; never leave the client hanging */
            body = hl_strdup("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}");
            res->status = 500;
        }
        len = strlen(body);
    } else if (res->raw) {
        body = res->raw;
        res->raw = NULL;
        len = res->raw_len;
        type = res->content_type;
    }
    struct MHD_Response *r;
    if (res->fixed) { /* an embedded file: lives as long as the program */
        type = res->content_type;
        r = MHD_create_response_from_buffer(res->raw_len, (void *)res->fixed,
                                            MHD_RESPMEM_PERSISTENT);
    } else {
        r = MHD_create_response_from_buffer(len, body ? body : (void *)"",
                                            body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    }
    if (!r) {
        free(body);
        return MHD_NO;
    }
    add_common_headers(r, res->cache, res->csp, res->referrer);
    if (body || res->fixed)
        MHD_add_response_header(r, "Content-Type", type);
    if (res->location[0])
        MHD_add_response_header(r, "Location", res->location);
    if (res->etag[0])
        MHD_add_response_header(r, "ETag", res->etag);
    if (res->allow[0])
        MHD_add_response_header(r, "Allow", res->allow);
    if (res->set_cookie[0])
        MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"haldus\"");
    int cls = res->status / 100;
    if (cls >= 1 && cls <= 5)
        atomic_fetch_add(&m_requests[cls], 1);
    enum MHD_Result ret = queue_real(req->conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    req->answered = true;
    return ret;
}

/* libmicrohttpd answers some requests itself, before on_request sees them: a request line or
 * headers larger than the connection's memory, a malformed Content-Length or chunked body, an
 * HTTP version it does not speak. Its bodies are HTML pages compiled into the library, and no
 * option changes them. It queues them with MHD_queue_response, which it calls through its
 * procedure linkage table (`readelf -r libmicrohttpd.so.12` lists the JUMP_SLOT), so this
 * definition in the executable receives those calls and answers the same status with the one
 * JSON error shape instead (how, below). Our own answers call the library's function directly
 * (queue_real), so every call that arrives here is the library's own refusal; it closes the
 * connection after it. The API tests send each such request over a raw socket and check the
 * JSON, so a libmicrohttpd that bound the call internally would be noticed. */
enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    if (!queue_real) /* not serving (a unit test): behave as the library */
        queue_real = (queue_fn)dlsym(RTLD_NEXT, "MHD_queue_response");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (status_code < 400 || !ci)
        return queue_real(connection, status_code, response);
    enum hl_err code = HL_ERR_INTERNAL;
    for (enum hl_err e = HL_ERR_BAD_REQUEST; e < HL_ERR__COUNT; e++)
        if (hl_err_http_status(e) == (int)status_code) {
            code = e;
            break;
        }
    struct hl_error err;
    switch (code) {
    case HL_ERR_BAD_REQUEST:
        hl_fail(&err, code, NULL,
                "the request is not valid HTTP: look at its request line, its headers, "
                "Content-Length or the chunked body");
        break;
    case HL_ERR_TOO_LARGE:
        hl_fail(&err, code, NULL, "the request body is larger than %d bytes", HTTP_BODY_LIMIT);
        break;
    case HL_ERR_URI_TOO_LONG:
        hl_fail(&err, code, NULL, "the path and query string may have at most %d bytes",
                HTTP_URI_LIMIT);
        break;
    case HL_ERR_HEADERS_TOO_LARGE:
        hl_fail(&err, code, NULL, "the headers may have at most %d lines and %d bytes",
                HTTP_HEADERS_MAX, HTTP_HEADER_BYTES);
        break;
    default:
        hl_fail(&err, code, NULL, "%s", hl_strerror(code));
    }
    json_t *j = http_error_json(&err);
    char *body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    const char *reason = MHD_get_reason_phrase_for(status_code);
    char *msg = hl_asprintf("HTTP/1.1 %u %s\r\nConnection: close\r\n"
                            "Content-Security-Policy: %s\r\nX-Content-Type-Options: nosniff\r\n"
                            "Referrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n"
                            "Cache-Control: no-store\r\n%sContent-Type: application/json\r\n"
                            "Content-Length: %zu\r\n\r\n%s",
                            status_code, reason && *reason ? reason : "Error", CSP,
                            g_behind_tls ? "Strict-Transport-Security: max-age=31536000\r\n" : "",
                            body ? strlen(body) : 0, body ? body : "");
    free(body);
    atomic_fetch_add(&m_requests[status_code >= 500 ? 5 : 4], 1);
    /* While the head is still being read (a line too long, too many headers, a bad version)
     * the library's state machine expects a queued response and goes on from there: give it
     * ours. Once the head is complete (a bad Content-Length, cookies past its memory, a bad
     * chunk) 0.9.75 writes the head of a queued response twice, and refusing to queue one
     * crashes it; then ours goes straight to the socket, the socket is shut for writing, and
     * the library's page is queued to fail on it (the library then closes the connection). */
    const union MHD_ConnectionInfo *hs =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (!hs || hs->header_size == 0) {
        char *json = strstr(msg, "\r\n\r\n") + 4;
        struct MHD_Response *r =
            MHD_create_response_from_buffer(strlen(json), json, MHD_RESPMEM_MUST_COPY);
        free(msg);
        if (!r)
            return queue_real(connection, status_code, response);
        add_common_headers(r, NULL, NULL, NULL);
        MHD_add_response_header(r, "Content-Type", "application/json");
        MHD_add_response_header(r, "Connection", "close");
        enum MHD_Result ret = queue_real(connection, status_code, r);
        MHD_destroy_response(r);
        return ret;
    }
    size_t len = strlen(msg), sent = 0;
    while (sent < len) { /* a fresh socket's send buffer takes it whole */
        ssize_t n = send(ci->connect_fd, msg + sent, len - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n <= 0)
            break;
        sent += (size_t)n;
    }
    free(msg);
    shutdown(ci->connect_fd, SHUT_WR);
    return queue_real(connection, status_code, response);
}

static enum MHD_Result send_error(struct request *req, const struct hl_error *err)
{
    struct response res = {0};
    res.status = hl_err_http_status(err->code);
    res.json = http_error_json(err);
    enum MHD_Result r = send_response(req, &res);
    json_decref(res.json);
    return r;
}

static bool unsafe_method(const char *m)
{
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0;
}

/* A request from a page of another site carries an Origin that is not ours. */
static enum hl_err check_origin(struct request *req, struct hl_error *err)
{
    const char *origin = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");
    if (!origin || !unsafe_method(req->method))
        return HL_OK;
    const char *rest = strncmp(origin, "https://", 8) == 0  ? origin + 8
                       : strncmp(origin, "http://", 7) == 0 ? origin + 7
                                                            : NULL;
    if (!rest || !host || strcmp(rest, host) != 0)
        return hl_fail(err, HL_ERR_FORBIDDEN, "Origin",
                       "cross-site request refused (Origin %.80s is not this server)", origin);
    return HL_OK;
}

/* The reader's language: the signed-in account's choice, else the first language of
 * Accept-Language that Haldus speaks ("et" or "en"), else English. */
static const char *request_lang(struct request *req)
{
    if (req->auth.account.lang[0])
        return req->auth.account.lang;
    const char *al = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Accept-Language");
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (strncasecmp(p, "et", 2) == 0 && (p[2] == '\0' || strchr(",;- ", p[2])))
            return "et";
        if (strncasecmp(p, "en", 2) == 0 && (p[2] == '\0' || strchr(",;- ", p[2])))
            return "en";
        p = strchr(p, ',');
    }
    return "en";
}

/* Signs the request in from the session cookie or a bearer token, then checks the route's
 * need and, for cookie sessions, the CSRF token of state-changing requests. */
static enum hl_err authenticate(struct request *req, struct hl_error *err)
{
    const char *authz = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Authorization");
    const char *cookie = MHD_lookup_connection_value(
        req->conn, MHD_COOKIE_KIND, g_behind_tls ? SESSION_COOKIE_TLS : SESSION_COOKIE);
    enum hl_err e;
    if (authz) {
        if (strncasecmp(authz, "Bearer ", 7) != 0)
            return hl_fail(err, HL_ERR_UNAUTHORIZED, "Authorization",
                           "Authorization must be \"Bearer TOKEN\"");
        e = svc_token_authenticate(&req->ctx, authz + 7, &req->auth, err);
    } else if (cookie) {
        e = svc_session_authenticate(&req->ctx, cookie, &req->auth, err);
    } else {
        return hl_fail(err, HL_ERR_UNAUTHORIZED, NULL, "sign in first");
    }
    if (e != HL_OK)
        return e;
    req->ctx.who = &req->auth.account;
    req->ctx.actor = req->auth.account.login;
    enum role r = req->auth.account.role;
    if ((req->route->need == NEED_MANAGER && !role_is_manager(r)) ||
        (req->route->need == NEED_ADMIN && r != ROLE_ADMIN))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "this needs the %s role; you are %s",
                       need_name(req->route->need), role_name(r));
    if (req->auth.session_id && unsafe_method(req->method)) {
        const char *csrf = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!csrf || strlen(csrf) != strlen(req->auth.csrf) ||
            sodium_memcmp(csrf, req->auth.csrf, strlen(csrf)) != 0)
            return hl_fail(err, HL_ERR_FORBIDDEN, "X-CSRF-Token",
                           "send the session's CSRF token (from sign-in or GET /api/v1/me) in "
                           "the X-CSRF-Token header");
    }
    return HL_OK;
}

static enum MHD_Result finish(struct request *req, enum hl_err e, struct response *res,
                              struct hl_error *err)
{
    enum MHD_Result r;
    if (e != HL_OK) {
        if (err->code != e) /* a handler that forgot to fill err still gets its code */
            hl_fail(err, e, NULL, "%s", hl_strerror(e));
        r = send_error(req, err);
    } else {
        r = send_response(req, res);
    }
    json_decref(res->json);
    free(res->raw);
    res->json = NULL;
    res->raw = NULL;
    return r;
}

/* Suspends the request's connection and queues it; false when the queue is full. */
static bool enqueue(struct work_queue *q, struct request *req)
{
    pthread_mutex_lock(&q->lock);
    bool ok = !q->stopping && q->len < q->cap;
    if (ok) {
        q->ring[(q->head + q->len++) % q->cap] = req;
        req->slow_queued = true;
        req->slow_res = hl_calloc(1, sizeof *req->slow_res);
        MHD_suspend_connection(req->conn);
        pthread_cond_signal(&q->cond);
    }
    pthread_mutex_unlock(&q->lock);
    return ok;
}

/* Waits for work and takes up to max requests; 0 when the queue is stopping and empty. */
static size_t dequeue(struct work_queue *q, struct request **out, size_t max)
{
    pthread_mutex_lock(&q->lock);
    while (q->len == 0 && !q->stopping)
        pthread_cond_wait(&q->cond, &q->lock);
    size_t n = 0;
    while (n < max && q->len > 0) {
        out[n++] = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->len--;
    }
    pthread_mutex_unlock(&q->lock);
    return n;
}

static void resume(struct work_queue *q, struct request **reqs, size_t n)
{
    pthread_mutex_lock(&q->lock);
    for (size_t i = 0; i < n; i++) {
        reqs[i]->slow_done = true;
        MHD_resume_connection(reqs[i]->conn);
    }
    pthread_mutex_unlock(&q->lock);
}

static void queue_stop(struct work_queue *q)
{
    pthread_mutex_lock(&q->lock);
    q->stopping = true;
    pthread_cond_broadcast(&q->cond);
    pthread_mutex_unlock(&q->lock);
}

static void *slow_worker(void *arg)
{
    (void)arg;
    /* Hashing yields to the requests served by the other threads. */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    struct request *req;
    while (dequeue(&slow_q, &req, 1) == 1) {
        hl_error_clear(&req->slow_err);
        req->ctx.db = worker_db(&req->slow_err);
        req->slow_rc = req->ctx.db ? req->route->handler(req, req->slow_res, &req->slow_err)
                                   : req->slow_err.code;
        resume(&slow_q, &req, 1);
    }
    return NULL;
}

/* Marks a request of a failed batch as failed with err (its answer is dropped). */
static void fail_job(struct request *req, const struct hl_error *err)
{
    json_decref(req->slow_res->json);
    free(req->slow_res->raw);
    memset(req->slow_res, 0, sizeof *req->slow_res);
    req->slow_err = *err;
    req->slow_rc = err->code;
}

static void *write_worker(void *arg)
{
    (void)arg;
    static struct request *batch[WRITE_BATCH_MAX]; /* only this one thread uses it */
    size_t n;
    while ((n = dequeue(&write_q, batch, WRITE_BATCH_MAX)) > 0) {
        struct hl_error err;
        hl_error_clear(&err);
        struct db *db = worker_db(&err);
        if (!db || db_begin(db, true, &err) != HL_OK) {
            for (size_t i = 0; i < n; i++)
                fail_job(batch[i], &err);
            resume(&write_q, batch, n);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            struct request *req = batch[i];
            hl_error_clear(&req->slow_err);
            req->ctx.db = db;
            /* Each request in its own savepoint: a failing one undoes only itself. */
            if ((req->slow_rc = db_begin(db, true, &req->slow_err)) != HL_OK)
                continue;
            req->slow_rc = req->route->handler(req, req->slow_res, &req->slow_err);
            if (db_tx_depth(db) > 2) { /* a use case left its own open: a bug, never "done" */
                while (db_tx_depth(db) > 2)
                    db_rollback(db);
                if (req->slow_rc == HL_OK) {
                    struct hl_error bug;
                    hl_fail(&bug, HL_ERR_INTERNAL, NULL, "internal error");
                    fprintf(stderr, "haldus: %s %s left a transaction open\n", req->method,
                            req->path);
                    fail_job(req, &bug);
                }
            }
            if (req->slow_rc == HL_OK)
                req->slow_rc = db_commit(db, &req->slow_err);
            if (req->slow_rc != HL_OK && db_tx_depth(db) == 2)
                db_rollback(db);
        }
        /* SQLite itself may have rolled the whole transaction back (a full disk, an I/O
         * error): then nothing of the batch is stored, whatever the handlers said. */
        if (sqlite3_get_autocommit(db_handle(db)) && db_tx_depth(db) > 0) {
            bool full = false; /* a full disk: say so to every request of the batch */
            for (size_t i = 0; i < n; i++)
                full = full || batch[i]->slow_rc == HL_ERR_READ_ONLY;
            if (full)
                hl_fail(&err, HL_ERR_READ_ONLY, NULL, "%s", hl_strerror(HL_ERR_READ_ONLY));
            else
                hl_fail(&err, HL_ERR_INTERNAL, NULL, "the database refused the transaction");
            while (db_tx_depth(db) > 0)
                db_rollback(db);
            for (size_t i = 0; i < n; i++)
                if (batch[i]->slow_rc == HL_OK)
                    fail_job(batch[i], &err);
        } else if (db_commit(db, &err) != HL_OK) {
            db_rollback(db);
            for (size_t i = 0; i < n; i++)
                if (batch[i]->slow_rc == HL_OK)
                    fail_job(batch[i], &err);
        }
        resume(&write_q, batch, n);
    }
    return NULL;
}

/* Signing in and out write only sessions, which a read-only database keeps in memory. */
static bool session_route(const struct route *r)
{
    return r->handler == api_login || r->handler == api_logout || r->handler == api_session_delete;
}

static enum MHD_Result dispatch(struct request *req)
{
    struct hl_error err;
    hl_error_clear(&err);
    if (!req->slow_done) /* the request is in: no deadline while it is answered */
        conn_deadline(req->conn, 0);
    struct response res = {0};
    char allow[64];
    if (req->slow_done) {
        enum MHD_Result r = finish(req, req->slow_rc, req->slow_res, &req->slow_err);
        free(req->slow_res);
        req->slow_res = NULL;
        return r;
    }
    req->route = route_match(req->method, req->path, req->ids, allow, sizeof allow);
    if (!req->route) {
        if (allow[0]) {
            hl_fail(&err, HL_ERR_METHOD, NULL, "%s is not allowed here; use %s", req->method,
                    allow);
            struct response er = {0};
            er.status = 405;
            er.json = http_error_json(&err);
            snprintf(er.allow, sizeof er.allow, "%s", allow);
            enum MHD_Result r = send_response(req, &er);
            json_decref(er.json);
            return r;
        }
        struct static_file f;
        bool page = (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0) &&
                    strncmp(req->path, "/api/", 5) != 0;
        if (page && static_lookup(req->path, &f)) {
            res.status = 200;
            res.fixed = f.data;
            res.raw_len = f.size;
            res.content_type = f.content_type;
            res.cache = f.immutable ? "public, max-age=31536000, immutable" : "no-cache";
            return send_response(req, &res);
        }
        if (page && !static_available())
            hl_fail(&err, HL_ERR_NOT_FOUND, NULL,
                    "the web app is not in this build (build it with `make build`); the API is "
                    "at /api/v1/");
        else
            hl_fail(&err, HL_ERR_NOT_FOUND, NULL, "no such resource: %.100s", req->path);
        return send_error(req, &err);
    }
    if (req->body_too_large) {
        hl_fail(&err, HL_ERR_TOO_LARGE, NULL, "the request body is larger than %zu bytes",
                req->body_limit);
        return send_error(req, &err);
    }
    req->ctx.db = worker_db(&err);
    req->ctx.actor = "anonymous";
    req->ctx.who = NULL;
    if (!req->ctx.db)
        return send_error(req, &err);
    enum hl_err e = check_origin(req, &err);
    if (e == HL_OK && req->route->need != NEED_PUBLIC) {
        e = authenticate(req, &err);
    } else if (e == HL_OK && (req->route->flags & ROUTE_AUTH_OPTIONAL)) {
        struct hl_error ignore;
        hl_error_clear(&ignore);
        if (authenticate(req, &ignore) != HL_OK) {
            memset(&req->auth, 0, sizeof req->auth);
            req->ctx.who = NULL;
            req->ctx.actor = "anonymous";
        }
    }
    if (e != HL_OK)
        return finish(req, e, &res, &err);
    if (req->ctx.who)
        snprintf(req->auth.account.reader_lang, sizeof req->auth.account.reader_lang, "%s",
                 request_lang(req));
    if (g_read_only && unsafe_method(req->method) && !session_route(req->route)) {
        hl_fail(&err, HL_ERR_READ_ONLY, NULL,
                "this server serves its database read-only (haldus serve --read-only, or the "
                "file cannot be written): changes are refused, reading works");
        return finish(req, HL_ERR_READ_ONLY, &res, &err);
    }
    if (req->route->flags & ROUTE_SLOW) {
        if (enqueue(&slow_q, req))
            return MHD_YES;
        hl_fail(&err, HL_ERR_THROTTLED, NULL,
                "too many slow requests at once (sign-ins, password changes, plans, "
                "approvals); try again in a moment");
        return finish(req, HL_ERR_THROTTLED, &res, &err);
    }
    if (unsafe_method(req->method)) {
        if (enqueue(&write_q, req))
            return MHD_YES;
        hl_fail(&err, HL_ERR_BUSY, NULL, "too many changes waiting; try again in a moment");
        return finish(req, HL_ERR_BUSY, &res, &err);
    }
    e = req->route->handler(req, &res, &err);
    return finish(req, e, &res, &err);
}

struct tally {
    size_t count, bytes;
};

static enum MHD_Result tally_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct tally *t = cls;
    t->count++;
    t->bytes += strlen(key) + (value ? strlen(value) : 0) + 4; /* "k: v\r\n", "&k=v" */
    return MHD_YES;
}

static enum MHD_Result count_content_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                            const char *value)
{
    (void)kind;
    (void)value;
    if (strcasecmp(key, "Content-Length") == 0)
        ++*(int *)cls;
    return MHD_YES;
}

/* The limits on a request's head that are ours (libmicrohttpd's memory is set above them, so
 * these answer first, in JSON): the path and query, the number of query parameters, the
 * number and size of the header lines. */
static enum hl_err check_limits(struct MHD_Connection *conn, const char *url, struct hl_error *err)
{
    struct tally q = {0, 0}, h = {0, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, tally_value, &q);
    MHD_get_connection_values(conn, MHD_HEADER_KIND, tally_value, &h);
    if (strlen(url) + q.bytes > HTTP_URI_LIMIT)
        return hl_fail(err, HL_ERR_URI_TOO_LONG, NULL,
                       "the path and query string may have at most %d bytes", HTTP_URI_LIMIT);
    if (q.count > HTTP_QUERY_MAX)
        return hl_fail(err, HL_ERR_BAD_REQUEST, NULL,
                       "a request may have at most %d query parameters, not %zu", HTTP_QUERY_MAX,
                       q.count);
    int lengths = 0;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_content_length, &lengths);
    if (lengths > 1)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "Content-Length",
                       "send one Content-Length header, not several");
    if (h.count > HTTP_HEADERS_MAX || h.bytes > HTTP_HEADER_BYTES)
        return hl_fail(err, HL_ERR_HEADERS_TOO_LARGE, NULL,
                       "the headers may have at most %d lines and %d bytes", HTTP_HEADERS_MAX,
                       HTTP_HEADER_BYTES);
    return HL_OK;
}

/* libmicrohttpd calls this with the request line's URI before it parses the query, and hands
 * what it returns to on_request as the request's state. A URI past our limit, or with more
 * query parameters than we take, gets its query cut off here, in the library's own buffer:
 * otherwise the library allocates a record per parameter from the connection's memory, and
 * when that runs out version 0.9.75 goes on with a closed connection and crashes. on_request
 * then answers with the JSON error. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    struct request *req = hl_calloc(1, sizeof *req);
    char *query = strchr(uri, '?');
    size_t params = 0;
    for (const char *p = query; p && *p; p++)
        params += *p == '?' || *p == '&';
    if (strlen(uri) > HTTP_URI_LIMIT)
        req->uri_limit = HL_ERR_URI_TOO_LONG;
    else if (params > HTTP_QUERY_MAX)
        req->uri_limit = HL_ERR_BAD_REQUEST;
    if (req->uri_limit != HL_OK && query)
        query[1] = '\0';
    return req;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct request *req = *con_cls;
    if (!req || !req->started) {
        if (!req)
            req = hl_calloc(1, sizeof *req);
        req->started = true;
        req->conn = conn;
        req->method = method;
        req->path = url;
        /* The route decides how large a body may be (an upload's), and may refuse the request on
         * its head (admit). */
        int64_t ids[2];
        char allow[64];
        const struct route *rt = route_match(method, url, ids, allow, sizeof allow);
        req->body_limit = rt && (rt->flags & ROUTE_UPLOAD) ? HTTP_UPLOAD_LIMIT : HTTP_BODY_LIMIT;
        buf_init(&req->body, req->body_limit);
        *con_cls = req;
        /* Behind the TLS proxy every connection comes from the proxy: the client is the last
         * address the proxy appended to X-Forwarded-For (the only one it vouches for). */
        const char *xff =
            g_behind_tls ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For")
                         : NULL;
        if (xff) {
            const char *last = strrchr(xff, ',');
            last = last ? last + 1 : xff;
            while (*last == ' ')
                last++;
            size_t n = strcspn(last, " ");
            if (n >= sizeof req->address)
                n = sizeof req->address - 1;
            memcpy(req->address, last, n);
            req->address[n] = '\0';
        }
        const union MHD_ConnectionInfo *ci =
            xff ? NULL : MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, req->address,
                          sizeof req->address);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, req->address,
                          sizeof req->address);
        }
        struct hl_error lerr;
        if (req->uri_limit == HL_ERR_URI_TOO_LONG)
            hl_fail(&lerr, HL_ERR_URI_TOO_LONG, NULL,
                    "the path and query string may have at most %d bytes", HTTP_URI_LIMIT);
        else if (req->uri_limit != HL_OK)
            hl_fail(&lerr, HL_ERR_BAD_REQUEST, NULL,
                    "a request may have at most %d query parameters", HTTP_QUERY_MAX);
        if (req->uri_limit != HL_OK || check_limits(conn, url, &lerr) != HL_OK)
            return send_error(req, &lerr);
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > req->body_limit) {
            /* Refuse before reading a byte of it; libmicrohttpd closes the connection. */
            struct hl_error err;
            hl_fail(&err, HL_ERR_TOO_LARGE, NULL, "the request body is larger than %zu bytes",
                    req->body_limit);
            return send_error(req, &err);
        }
        admit_fn admit = rt && (rt->flags & ROUTE_UPLOAD) ? domain_route_admit(rt) : NULL;
        if (admit) {
            struct hl_error err;
            struct response res = {0};
            hl_error_clear(&err);
            if (admit(req, &res, &err) != HL_OK) {
                if (!res.raw && !res.json)
                    return send_error(req, &err);
                enum MHD_Result r = send_response(req, &res);
                json_decref(res.json);
                free(res.raw);
                return r;
            }
        }
        return MHD_YES;
    }
    if (req->answered || (req->slow_queued && !req->slow_done))
        return MHD_YES;
    if (*upload_size) {
        atomic_fetch_add(&m_bytes_in, *upload_size);
        if (!req->body_too_large && !buf_append(&req->body, upload_data, *upload_size))
            req->body_too_large = true;
        *upload_size = 0;
        return MHD_YES;
    }
    return dispatch(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)toe;
    /* The next request on a kept-alive connection: its deadline starts after the idle time
     * libmicrohttpd allows between requests, so an idle connection a client still means to
     * reuse is not cut under it; a trickling one is still dropped. */
    conn_deadline(conn, SERVER_IDLE_SECONDS * 1000 + g_deadline_ms);
    struct request *req = *con_cls;
    if (!req)
        return;
    buf_cleanup(&req->body);
    if (req->slow_res) {
        json_decref(req->slow_res->json);
        free(req->slow_res->raw);
        free(req->slow_res);
    }
    free(req);
    *con_cls = NULL;
}

/* Parses "ADDR:PORT" or "[V6]:PORT" into a socket address. */
static enum hl_err parse_listen(const char *listen, struct sockaddr_storage *ss,
                                struct hl_error *err)
{
    char host[64];
    const char *colon;
    memset(ss, 0, sizeof *ss);
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':' || (size_t)(close - listen - 1) >= sizeof host)
            goto bad;
        memcpy(host, listen + 1, (size_t)(close - listen - 1));
        host[close - listen - 1] = '\0';
        colon = close + 1;
    } else {
        colon = strrchr(listen, ':');
        if (!colon || (size_t)(colon - listen) >= sizeof host)
            goto bad;
        memcpy(host, listen, (size_t)(colon - listen));
        host[colon - listen] = '\0';
    }
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
        goto bad;
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        return HL_OK;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        return HL_OK;
    }
bad:
    return hl_fail(err, HL_ERR_USAGE, "listen",
                   "--listen must be ADDR:PORT such as 127.0.0.1:8080 or [::1]:8080, not \"%s\"",
                   listen);
}

static unsigned default_threads(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    return 2;
}

enum hl_err server_run(const struct server_config *cfg, struct hl_error *err)
{
    struct sockaddr_storage ss;
    enum hl_err e = parse_listen(cfg->listen, &ss, err);
    if (e != HL_OK)
        return e;
    /* Check the database once before serving, so a bad one fails here and not per request. */
    struct db *probe;
    if ((e = db_open(cfg->db_path, cfg->read_only ? DB_READ_ONLY : 0, &probe, err)) != HL_OK)
        return e;
    e = migrate_require_current(probe, err);
    bool unwritable = db_read_only(probe);
    db_close(probe);
    if (e != HL_OK)
        return e;
    /* A file this process may not write is served read-only rather than not at all. */
    if (unwritable && !cfg->read_only)
        fprintf(stderr,
                "haldus: %s cannot be written: serving it read-only (changes answer 503 "
                "read_only; sign-ins last until the server stops)\n",
                cfg->db_path);
    g_read_only = unwritable;
    g_db_path = cfg->db_path;
    g_started = time(NULL);
    g_behind_tls = cfg->behind_tls;

    /* Workers inherit this mask; the main thread waits for the signals below. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    queue_real = (queue_fn)dlsym(RTLD_NEXT, "MHD_queue_response");
    if (!queue_real)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "libmicrohttpd has no MHD_queue_response");
    unsigned threads = cfg->threads ? cfg->threads : default_threads();
    /* Behind the TLS proxy every connection comes from the proxy: no per-address limit there
     * unless asked for. */
    unsigned per_address = cfg->per_address_limit >= 0 ? (unsigned)cfg->per_address_limit
                           : cfg->behind_tls           ? 0
                                                       : SERVER_PER_ADDRESS_DEFAULT;
    unsigned max_connections = cfg->max_connections ? cfg->max_connections : SERVER_MAX_CONNECTIONS;
    g_deadline_ms =
        1000 * (int64_t)(cfg->request_deadline ? cfg->request_deadline : SERVER_DEADLINE_DEFAULT);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_SECONDS, MHD_OPTION_CONNECTION_LIMIT,
        max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONNECTION_MEMORY,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_END);
    if (!d)
        return hl_fail(err, HL_ERR_IO, "listen",
                       "cannot listen on %s (is another server using the port?)", cfg->listen);
    pthread_t *slow_threads = hl_calloc(threads, sizeof *slow_threads), writer, reaper_thread;
    ce_stopping = false;
    pthread_create(&reaper_thread, NULL, reaper, NULL);
    for (unsigned i = 0; i < threads; i++)
        pthread_create(&slow_threads[i], NULL, slow_worker, NULL);
    pthread_create(&writer, NULL, write_worker, NULL);
    if (cfg->on_start)
        cfg->on_start(cfg->db_path, g_read_only);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : 0;
    char host[INET6_ADDRSTRLEN];
    if (ss.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
        printf("haldus: listening on http://[%s]:%u (database %s%s, %u threads)\n", host, port,
               cfg->db_path, g_read_only ? ", read-only" : "", threads);
    } else {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
        printf("haldus: listening on http://%s:%u (database %s%s, %u threads)\n", host, port,
               cfg->db_path, g_read_only ? ", read-only" : "", threads);
    }
    fflush(stdout);

    int sig;
    sigwait(&sigs, &sig);
    fprintf(stderr, "haldus: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    if (cfg->on_stop)
        cfg->on_stop();
    /* Finish the queued requests (their connections are suspended) before stopping. */
    queue_stop(&slow_q);
    queue_stop(&write_q);
    for (unsigned i = 0; i < threads; i++)
        pthread_join(slow_threads[i], NULL);
    pthread_join(writer, NULL);
    free(slow_threads);
    pthread_mutex_lock(&ce_lock);
    ce_stopping = true;
    pthread_cond_signal(&ce_cond);
    pthread_mutex_unlock(&ce_lock);
    pthread_join(reaper_thread, NULL);
    MHD_stop_daemon(d);
    pthread_mutex_lock(&conns_lock);
    for (size_t i = 0; i < nconns; i++)
        db_close(conns[i]);
    free(conns);
    conns = NULL;
    nconns = 0;
    pthread_mutex_unlock(&conns_lock);
    return HL_OK;
}
