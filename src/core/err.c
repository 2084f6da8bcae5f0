/* err.c: the table behind enum hl_err: text, HTTP status and stable API code. */
#include "err.h"
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code;
    int status;
    const char *text;
} table[HL_ERR__COUNT] = {
    [HL_OK] = {"ok", 200, "success"},
    [HL_ERR_MALFORMED] = {"malformed_json", 400, "the request body is not valid JSON"},
    [HL_ERR_BAD_REQUEST] = {"bad_request", 400, "a query parameter or header is not valid"},
    [HL_ERR_UNAUTHORIZED] = {"unauthorized", 401, "sign in first"},
    [HL_ERR_FORBIDDEN] = {"forbidden", 403, "not allowed for this account"},
    [HL_ERR_NOT_FOUND] = {"not_found", 404, "no such resource"},
    [HL_ERR_METHOD] = {"method_not_allowed", 405, "the resource does not support this method"},
    [HL_ERR_CONFLICT] = {"conflict", 409, "the request conflicts with the current state"},
    [HL_ERR_DUPLICATE] = {"duplicate", 409, "a record with this value already exists"},
    [HL_ERR_IN_USE] = {"in_use", 409, "other records still refer to this one"},
    [HL_ERR_TRANSITION] = {"invalid_transition", 409, "not allowed from the current status"},
    [HL_ERR_OVERLAP] = {"overlap", 409, "it overlaps another record of the same person"},
    [HL_ERR_STALE] = {"version_mismatch", 412, "the record was changed by someone else"},
    [HL_ERR_TOO_LARGE] = {"too_large", 413, "the request body is too large"},
    [HL_ERR_URI_TOO_LONG] = {"uri_too_long", 414, "the path and query string are too long"},
    [HL_ERR_HEADERS_TOO_LARGE] = {"headers_too_large", 431,
                                  "the request headers are too many or too large"},
    [HL_ERR_UNSUPPORTED] = {"unsupported_media_type", 415, "send application/json"},
    [HL_ERR_INVALID] = {"invalid", 422, "a field has a value that is not allowed"},
    [HL_ERR_PRECONDITION] = {"if_match_required", 428, "send If-Match with the record's version"},
    [HL_ERR_THROTTLED] = {"throttled", 429, "too many requests; try again later"},
    [HL_ERR_INTERNAL] = {"internal", 500, "internal error"},
    [HL_ERR_BUSY] = {"busy", 503, "the database is busy; try again"},
    [HL_ERR_READ_ONLY] = {"read_only", 503,
                          "the database cannot be written now (read-only, or the disk is full); "
                          "reading still works"},
    [HL_ERR_HTTP_VERSION] = {"http_version_not_supported", 505,
                             "only HTTP/1.0 and HTTP/1.1 are spoken here"},
    [HL_ERR_IO] = {"io", 500, "a file could not be read or written"},
    [HL_ERR_SCHEMA] = {"schema", 500, "the database is not usable by this version of Haldus"},
    [HL_ERR_USAGE] = {"usage", 400, "the command line is not valid"},
    [HL_ERR_LEAVE_BALANCE] = {"leave_balance", 409,
                              "approving takes the leave balance below zero; the manager must "
                              "override"},
    [HL_ERR_MISSING_SKILL] = {"missing_skill", 409,
                              "the assistant lacks a must-have skill of the role; allow training "
                              "to close the gap"},
    [HL_ERR_INCOMPATIBLE] = {"incompatible_pair", 409,
                             "this assistant and executive may not be matched"},
    [HL_ERR_WAITLISTED] = {"waitlisted", 409,
                           "the enrolment is on the waitlist; it is confirmed once a seat frees"},
    [HL_ERR_OFFER_NEEDED] = {"offer_not_accepted", 409, "the candidate has not accepted an offer"},
    [HL_ERR_GONE] = {"gone", 410,
                     "the link was used already, revoked, replaced by a newer one or expired"},
};

const char *hl_strerror(enum hl_err e)
{
    return (unsigned)e < HL_ERR__COUNT ? table[e].text : "unknown error";
}

const char *hl_err_code(enum hl_err e)
{
    return (unsigned)e < HL_ERR__COUNT ? table[e].code : "internal";
}

int hl_err_http_status(enum hl_err e)
{
    return (unsigned)e < HL_ERR__COUNT ? table[e].status : 500;
}

enum hl_err hl_fail(struct hl_error *err, enum hl_err code, const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message) {
        /* Cut, but never inside a character: the message goes into JSON answers. */
        size_t end = sizeof err->message - 1, i = end;
        while (i > 0 && ((unsigned char)err->message[i - 1] & 0xc0) == 0x80)
            i--;
        if (i > 0 && ((unsigned char)err->message[i - 1] & 0x80) &&
            utf8_sequence((const unsigned char *)err->message + i - 1, end - (i - 1)) == 0)
            err->message[i - 1] = '\0';
    }
    return code;
}

void hl_error_clear(struct hl_error *err)
{
    memset(err, 0, sizeof *err);
}
