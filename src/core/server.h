/* server.h: the HTTP server: libmicrohttpd with a thread pool, one database connection per
 * worker thread, the route table, the JSON error shape and security headers. */
#ifndef HL_SERVER_H
#define HL_SERVER_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

struct server_config {
    const char *db_path;
    const char *listen;        /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
    unsigned threads;          /* 0: one per core the process may run on */
    bool behind_tls;           /* a TLS-terminating proxy is in front: Secure, __Host- cookies */
    bool read_only;            /* open the database read-only: changes answer 503 read_only */
    unsigned max_connections;  /* 0: SERVER_MAX_CONNECTIONS */
    int per_address_limit;     /* connections from one address; -1: the default, 0: none */
    unsigned request_deadline; /* seconds for a request's head and body; 0: the default */
    /* Background work beside the server (the mail sender): started once it listens, stopped
     * when a signal arrives; NULL for none. read_only: the database cannot be written. */
    void (*on_start)(const char *db_path, bool read_only);
    void (*on_stop)(void);
};

#define SERVER_MAX_CONNECTIONS     4000
#define SERVER_PER_ADDRESS_DEFAULT 128 /* without --behind-tls; behind it: no limit */
#define SERVER_DEADLINE_DEFAULT    30  /* seconds */

/* Serves until SIGINT or SIGTERM. Prints "haldus: listening on http://ADDR:PORT" once ready. */
enum hl_err server_run(const struct server_config *cfg, struct hl_error *err);

/* Writes the Set-Cookie value of the session cookie (max_age 0 deletes it). */
void server_session_cookie(char *out, size_t size, const char *token, int max_age);

/* The counters in Prometheus text format; caller frees. */
char *server_metrics_text(size_t *len);

#endif
