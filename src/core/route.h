/* route.h: every URL of the server in one table: method, path pattern, handler, entity. */
#ifndef HL_ROUTE_H
#define HL_ROUTE_H

#include "entity.h"
#include "http.h"

struct workflow;
struct wf_action;

/* Who may call a route. Nothing is reachable without a declaration. */
enum need {
    NEED_PUBLIC,  /* anyone, signed in or not: sign-in and /healthz only */
    NEED_ANY,     /* any signed-in account; row-level rules apply in the use case */
    NEED_MANAGER, /* managers and admins */
    NEED_ADMIN,   /* admins */
};

#define ROUTE_SLOW    0x1u /* hashes a password or plans: runs on the bounded slow pool */
#define ROUTE_CREATES 0x2u /* a custom route that answers 201 Created */
/* A public route that still reads the caller's credentials when they are valid (req->ctx.who is
 * set then, NULL otherwise): "who am I, if anyone", never a 401. */
#define ROUTE_AUTH_OPTIONAL 0x4u
/* An upload (an organisation's files, the careers page's application form): its body may be
 * up to HTTP_UPLOAD_LIMIT instead of HTTP_BODY_LIMIT, and its domain's `admit` hook
 * (domain.h) sees the request's head before the body is read (it may refuse a smaller size). */
#define ROUTE_UPLOAD 0x8u
/* An HTML page for people (the careers page), not an operation of the JSON API: left out of
 * the API document. */
#define ROUTE_PAGE 0x10u

/* The paging parameters of a custom list route, for its `query` declaration. */
#define QUERY_PAGING                                                                               \
    {"limit", FT_INT, 0, 1, 500, NULL, NULL, NULL, "page size (default 50)"},                      \
    {                                                                                              \
        "cursor", FT_TEXT, 0, 0, 100, NULL, NULL, NULL, "next_cursor of the previous page"         \
    }

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/assistants/{id}"; {id} matches a positive integer */
    handler_fn handler;
    const struct entity *ent; /* for the generic entity handlers and the API document */
    unsigned op;              /* OP_LIST … OP_DELETE for generic routes, 0 otherwise */
    enum need need;
    unsigned flags;
    const char *summary;
    const struct field *query;   /* custom routes: their query parameters, ended by a NULL name */
    const char *response;        /* custom routes: what the 2xx answer holds, for the document */
    const struct workflow *wf;   /* workflow action routes: the workflow … */
    const struct wf_action *act; /* … and the action */
};

/* Every route: the core's, then per domain of the registry its entities' CRUD routes (from
 * their ops), its workflow actions and its own routes. Built once, on first use; *n receives
 * the count. */
const struct route *route_table(size_t *n);
const char *need_name(enum need n);

/* Finds the route for method and path and fills ids[] from the path. When the path exists
 * with other methods only, returns NULL with *allow listing them ("GET, PATCH"); when no
 * route has the path, returns NULL with allow empty. */
const struct route *route_match(const char *method, const char *path, int64_t ids[2], char *allow,
                                size_t allow_size);

#endif
