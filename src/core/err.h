/* err.h: the one error enum of Haldus, its text, HTTP status and stable API code. */
#ifndef HL_ERR_H
#define HL_ERR_H

#include <stdarg.h>

/* Keep in step with the table in err.c and with docs/errors.md (a unit test checks both). */
enum hl_err {
    HL_OK = 0,
    HL_ERR_MALFORMED,         /* 400 malformed_json: the body is not JSON */
    HL_ERR_BAD_REQUEST,       /* 400 bad_request: a query parameter or header is wrong */
    HL_ERR_UNAUTHORIZED,      /* 401 unauthorized */
    HL_ERR_FORBIDDEN,         /* 403 forbidden */
    HL_ERR_NOT_FOUND,         /* 404 not_found */
    HL_ERR_METHOD,            /* 405 method_not_allowed */
    HL_ERR_CONFLICT,          /* 409 conflict: the request contradicts the current state */
    HL_ERR_DUPLICATE,         /* 409 duplicate: a unique value is taken */
    HL_ERR_IN_USE,            /* 409 in_use: other records still refer to this one */
    HL_ERR_TRANSITION,        /* 409 invalid_transition: not allowed from the current status */
    HL_ERR_OVERLAP,           /* 409 overlap: it overlaps another record of the same person */
    HL_ERR_STALE,             /* 412 version_mismatch: If-Match names an old version */
    HL_ERR_TOO_LARGE,         /* 413 too_large: the body passes the size limit */
    HL_ERR_URI_TOO_LONG,      /* 414 uri_too_long: the path and query pass their limit */
    HL_ERR_HEADERS_TOO_LARGE, /* 431 headers_too_large: too many or too large headers */
    HL_ERR_UNSUPPORTED,       /* 415 unsupported_media_type */
    HL_ERR_INVALID,           /* 422 invalid: a field's value is wrong */
    HL_ERR_PRECONDITION,      /* 428 if_match_required */
    HL_ERR_THROTTLED,         /* 429 throttled */
    HL_ERR_INTERNAL,          /* 500 internal: a bug or a database failure; details in the log */
    HL_ERR_BUSY,              /* 503 busy: the database stayed locked */
    HL_ERR_READ_ONLY,     /* 503 read_only: the database cannot be written (read-only, disk full) */
    HL_ERR_HTTP_VERSION,  /* 505 http_version_not_supported: not HTTP/1.0 or HTTP/1.1 */
    HL_ERR_IO,            /* a file could not be read or written (CLI) */
    HL_ERR_SCHEMA,        /* the database is newer than this binary, or not Haldus's */
    HL_ERR_USAGE,         /* the command line is wrong (CLI) */
    HL_ERR_LEAVE_BALANCE, /* 409 leave_balance: approving takes the leave balance below zero */
    HL_ERR_MISSING_SKILL, /* 409 missing_skill: the assistant lacks a must-have skill */
    HL_ERR_INCOMPATIBLE,  /* 409 incompatible_pair: the pair may not be matched (mediation) */
    HL_ERR_WAITLISTED,    /* 409 waitlisted: the enrolment waits for a seat */
    HL_ERR_OFFER_NEEDED,  /* 409 offer_not_accepted: a hire without an accepted offer */
    HL_ERR_GONE,          /* 410 gone: the link was used, revoked, replaced or expired */
    HL_ERR__COUNT
};

/* Detail of a failure: the code, a human message and the offending field (may be empty). */
struct hl_error {
    enum hl_err code;
    char field[96];
    char message[320];
};

const char *hl_strerror(enum hl_err e);
const char *hl_err_code(enum hl_err e); /* the stable API code, e.g. "version_mismatch" */
int hl_err_http_status(enum hl_err e);

/* Fills *err (when not NULL) and returns code, so callers can `return hl_fail(...)`. */
enum hl_err hl_fail(struct hl_error *err, enum hl_err code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hl_error_clear(struct hl_error *err);

#endif
