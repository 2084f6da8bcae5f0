/* http.c: reading requests (JSON body, query, If-Match, paging) and the JSON error shape. */
#include "http.h"
#include "ident.h"
#include "mem.h"
#include "svc_entity.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum hl_err http_json_body(struct request *req, json_t **out, struct hl_error *err)
{
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    if (req->body.len == 0)
        return hl_fail(err, HL_ERR_MALFORMED, NULL, "a JSON body is required");
    /* application/json, optionally with parameters; not application/jsonp or the like */
    if (ct && (strncasecmp(ct, "application/json", 16) != 0 ||
               (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' ' && ct[16] != '\t')))
        return hl_fail(err, HL_ERR_UNSUPPORTED, NULL,
                       "Content-Type must be application/json, not %.60s", ct);
    json_error_t je;
    /* JSON_DECODE_ANY: a scalar is valid JSON, so it is refused below as not an object */
    json_t *j =
        json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!j)
        return hl_fail(err, HL_ERR_MALFORMED, NULL, "malformed JSON at line %d, column %d: %s",
                       je.line, je.column, je.text);
    if (!json_is_object(j)) {
        json_decref(j);
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    }
    *out = j;
    return HL_OK;
}

enum hl_err http_json_fields(struct request *req, const char *const *allowed, bool optional,
                             json_t **out, struct hl_error *err)
{
    *out = NULL;
    if (optional && req->body.len == 0)
        return HL_OK;
    enum hl_err e = http_json_body(req, out, err);
    if (e != HL_OK)
        return e;
    const char *key;
    json_t *v;
    json_object_foreach(*out, key, v)
    {
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, key) == 0;
        if (known)
            continue;
        char list[160] = "";
        for (const char *const *a = allowed; *a; a++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     a == allowed ? "" : ", ", *a);
        /* key lives in the body: report it before letting go of the body */
        hl_fail(err, HL_ERR_INVALID, key, "unknown field %.60s; the fields are %s", key, list);
        json_decref(*out);
        *out = NULL;
        return HL_ERR_INVALID;
    }
    return HL_OK;
}

const char *http_query(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_check {
    const char *const *allowed;
    const char *bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    (void)value;
    struct query_check *qc = cls;
    for (const char *const *a = qc->allowed; *a; a++)
        if (strcmp(*a, key) == 0)
            return MHD_YES;
    qc->bad = key;
    return MHD_NO;
}

enum hl_err http_check_query(struct request *req, const char *const *allowed, struct hl_error *err)
{
    struct query_check qc = {allowed, NULL};
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &qc);
    if (qc.bad)
        return hl_fail(err, HL_ERR_BAD_REQUEST, qc.bad, "unknown query parameter %.60s", qc.bad);
    return HL_OK;
}

enum hl_err http_query_id(struct request *req, const char *name, int64_t *id, struct hl_error *err)
{
    const char *text = http_query(req, name);
    *id = 0;
    if (text && !id_parse(text, id))
        return hl_fail(err, HL_ERR_BAD_REQUEST, name, "%s must be an id (a positive integer)",
                       name);
    return HL_OK;
}

enum hl_err http_if_match(struct request *req, int64_t *version, struct hl_error *err)
{
    const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-Match");
    *version = IF_MATCH_NONE;
    if (!h)
        return HL_OK;
    const char *p = h;
    while (*p == ' ')
        p++;
    if (strncmp(p, "W/", 2) == 0)
        p += 2;
    bool quoted = *p == '"';
    if (quoted)
        p++;
    char *end;
    errno = 0;
    long long v = strtoll(p, &end, 10);
    if (errno || end == p || v < 1 || (quoted && *end++ != '"') || *end != '\0')
        return hl_fail(err, HL_ERR_BAD_REQUEST, "If-Match",
                       "If-Match must be the record's version, like \"3\"");
    *version = v;
    return HL_OK;
}

#define CURSOR_PREFIX "c1:"

char *http_cursor_encode(int64_t id)
{
    char plain[32];
    int n = snprintf(plain, sizeof plain, CURSOR_PREFIX "%lld", (long long)id);
    size_t cap = sodium_base64_encoded_len((size_t)n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = hl_malloc(cap);
    sodium_bin2base64(out, cap, (const unsigned char *)plain, (size_t)n,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

static bool cursor_decode(const char *s, int64_t *id)
{
    unsigned char plain[32];
    size_t n;
    if (strlen(s) > 40 || sodium_base642bin(plain, sizeof plain - 1, s, strlen(s), NULL, &n, NULL,
                                            sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    plain[n] = '\0';
    if (strncmp((char *)plain, CURSOR_PREFIX, 3) != 0)
        return false;
    char *end;
    errno = 0;
    long long v = strtoll((char *)plain + 3, &end, 10);
    if (errno || *end || end == (char *)plain + 3 || v < 0)
        return false;
    *id = v;
    return true;
}

enum hl_err http_paging(struct request *req, int *limit, int64_t *after, struct hl_error *err)
{
    const char *l = http_query(req, "limit");
    const char *c = http_query(req, "cursor");
    *limit = LIST_DEFAULT_LIMIT;
    *after = 0;
    if (l) {
        char *end;
        errno = 0;
        long v = strtol(l, &end, 10);
        if (errno || end == l || *end || v < 1 || v > LIST_MAX_LIMIT)
            return hl_fail(err, HL_ERR_BAD_REQUEST, "limit",
                           "limit must be an integer from 1 to %d", LIST_MAX_LIMIT);
        *limit = (int)v;
    }
    if (c && !cursor_decode(c, after))
        return hl_fail(err, HL_ERR_BAD_REQUEST, "cursor",
                       "cursor is not one this server handed out; start again without it");
    return HL_OK;
}

void http_set_etag(struct response *res, const json_t *rec)
{
    snprintf(res->etag, sizeof res->etag, "\"%lld\"",
             (long long)json_integer_value(json_object_get(rec, "version")));
}

json_t *http_page(json_t *items, bool more)
{
    json_t *page = json_pack("{so sn}", "items", items, "next_cursor");
    size_t n = json_array_size(items);
    if (more && n > 0) {
        char *c = http_cursor_encode(
            json_integer_value(json_object_get(json_array_get(items, n - 1), "id")));
        json_object_set_new(page, "next_cursor", json_string(c));
        free(c);
    }
    return page;
}

void http_json(struct response *res, int status, json_t *json)
{
    json_decref(res->json);
    res->status = status;
    res->json = json;
}

/* A JSON string of s with every byte that is not part of valid UTF-8 replaced by '?'
 * (messages may quote cut-off client input). */
static json_t *json_string_lossy(const char *s)
{
    json_t *v = json_string(s);
    if (v)
        return v;
    char *copy = hl_strdup(s);
    for (unsigned char *p = (unsigned char *)copy; *p;) {
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        bool ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            ok = (p[i] & 0xc0) == 0x80;
        if (!ok) {
            *p++ = '?';
            continue;
        }
        p += n;
    }
    v = json_string(copy);
    free(copy);
    return v ? v : json_string("?");
}

json_t *http_error_json(const struct hl_error *err)
{
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(hl_err_code(err->code)));
    json_object_set_new(e, "message",
                        json_string_lossy(err->message[0] ? err->message : hl_strerror(err->code)));
    if (err->field[0])
        json_object_set_new(e, "field", json_string_lossy(err->field));
    return json_pack("{so}", "error", e);
}
