/* http.h: one HTTP request and its answer as the handlers see them, and the helpers that read
 * a request (JSON body, query, If-Match) and write the one JSON error shape. */
#ifndef HL_HTTP_H
#define HL_HTTP_H

#include "buf.h"
#include "err.h"
#include "svc.h"
#include "svc_auth.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#define HTTP_BODY_LIMIT   (256 * 1024)       /* bytes; larger bodies get 413 */
#define HTTP_UPLOAD_LIMIT (16 * 1024 * 1024) /* bytes; the body of a ROUTE_UPLOAD route */
#define HTTP_URI_LIMIT    8192               /* bytes of path and query; longer: 414 */
#define HTTP_QUERY_MAX    100                /* query parameters; more: 400 */
#define HTTP_HEADERS_MAX  100                /* header lines; more: 431 */
#define HTTP_HEADER_BYTES (16 * 1024)        /* bytes of all header lines; more: 431 */
/* libmicrohttpd's per-connection memory: well above the limits above, so that our checks
 * (with JSON answers) come first; past it the library refuses on its own. */
#define HTTP_CONNECTION_MEMORY (128 * 1024)
#define LIST_DEFAULT_LIMIT     50
#define LIST_MAX_LIMIT         500

struct route;
struct response;

struct request {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    struct buf body;
    size_t body_limit; /* HTTP_BODY_LIMIT, or a ROUTE_UPLOAD route's limit (route.h) */
    bool body_too_large;
    bool answered;
    bool started;          /* on_request has seen it (it begins in the URI callback) */
    enum hl_err uri_limit; /* HL_OK, or the URI broke a limit (its query was cut) */
    int64_t ids[2];        /* the {id} segments of the path, in order */
    const struct route *route;
    struct svc_ctx ctx;
    struct auth_state auth; /* who is signed in (when the route needs it) */
    char address[64];       /* the client's address */
    /* A slow route runs on the hashing pool while the connection is suspended. */
    bool slow_queued, slow_done;
    enum hl_err slow_rc;
    struct response *slow_res;
    struct hl_error slow_err;
};

struct response {
    int status;
    json_t *json; /* the body as JSON, or */
    char *raw;    /* a ready body (malloc'd) … */
    size_t raw_len;
    const char *content_type; /* … with its type */
    const void *fixed;        /* or a body that lives as long as the program (embedded files) */
    const char *cache;        /* Cache-Control; NULL: no-store */
    const char *csp;          /* Content-Security-Policy; NULL: the app's own */
    const char *referrer;     /* Referrer-Policy; NULL: no-referrer */
    char location[160];
    char etag[32];
    char allow[64];
    char set_cookie[256];
};

typedef enum hl_err (*handler_fn)(struct request *req, struct response *res, struct hl_error *err);

/* http_json_body, then refuses (422, naming it and the allowed ones) a field not in allowed
 * (NULL-terminated). With optional, an empty body gives *out NULL and HL_OK. */
enum hl_err http_json_fields(struct request *req, const char *const *allowed, bool optional,
                             json_t **out, struct hl_error *err);

/* Parses the body as a JSON object; 415 for another media type, 400 with line and column
 * for malformed JSON, 422 for JSON that is not an object. *out is new. */
enum hl_err http_json_body(struct request *req, json_t **out, struct hl_error *err);

/* The value of query parameter name, or NULL. */
const char *http_query(struct request *req, const char *name);

/* Fails with 400 naming the first query parameter not in allowed (NULL-terminated). */
enum hl_err http_check_query(struct request *req, const char *const *allowed, struct hl_error *err);

/* Reads If-Match ("3", "\"3\"" or W/"3"); *version is IF_MATCH_NONE when absent. */
/* The query parameter `name` as a record id: *id is 0 when it is absent; 400 naming it when
 * it is not an id. The one reader of ids in query strings. */
enum hl_err http_query_id(struct request *req, const char *name, int64_t *id, struct hl_error *err);

enum hl_err http_if_match(struct request *req, int64_t *version, struct hl_error *err);

/* Reads limit (1–500, default 50) and the opaque cursor into *limit and *after. */
enum hl_err http_paging(struct request *req, int *limit, int64_t *after, struct hl_error *err);
/* The opaque cursor that continues after id; caller frees. */
char *http_cursor_encode(int64_t id);

/* Sets ETag from the record's "version". */
void http_set_etag(struct response *res, const json_t *rec);
/* {"items": items, "next_cursor": …} (taking the reference to items): the cursor continues
 * after the last item's id when more follow, else null. */
json_t *http_page(json_t *items, bool more);

/* Sets a JSON body (taking the reference) and the status. */
void http_json(struct response *res, int status, json_t *json);
/* The one shape of every error: {"error":{"code","message","field"}}. */
json_t *http_error_json(const struct hl_error *err);

#endif
