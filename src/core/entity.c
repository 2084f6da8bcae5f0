/* entity.c: validation of client input against the table-driven entity descriptions. */
#include "entity.h"
#include "timeutil.h"
#include "ident.h"
#include "tz.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const system_fields[] = {"id", "version", "created_at", "updated_at", NULL};

const char *field_column(const struct field *f)
{
    return f->column ? f->column : f->name;
}

const struct field *entity_field(const struct entity *ent, const char *name)
{
    for (size_t i = 0; i < ent->nfields; i++)
        if (strcmp(ent->fields[i].name, name) == 0)
            return &ent->fields[i];
    return NULL;
}

static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return false;
    if (at[1] == '.' || s[strlen(s) - 1] == '.')
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
            return false;
    return true;
}

static const char *type_name(enum ftype t)
{
    switch (t) {
    case FT_INT:
    case FT_REF:
        return "an integer";
    case FT_REAL:
        return "a number";
    case FT_BOOL:
        return "true or false";
    case FT_STRLIST:
        return "an array of strings";
    default:
        return "a string";
    }
}

enum hl_err field_validate(const struct field *f, const json_t *v, struct hl_error *err)
{
    const char *n = f->name;
    if (json_is_null(v)) {
        if (f->flags & F_NULLABLE)
            return HL_OK;
        return hl_fail(err, HL_ERR_INVALID, n, "%s may not be null", n);
    }
    switch (f->type) {
    case FT_INT:
    case FT_REF: {
        if (!json_is_integer(v))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be %s", n, type_name(f->type));
        json_int_t i = json_integer_value(v);
        if (f->type == FT_REF && i <= 0)
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be a positive id", n);
        if (f->type == FT_INT && (i < f->min || i > f->max))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be between %g and %g", n, f->min,
                           f->max);
        return HL_OK;
    }
    case FT_REAL: {
        if (!json_is_number(v))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be a number", n);
        double d = json_number_value(v);
        if (!isfinite(d) || d < f->min || d > f->max)
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be between %g and %g", n, f->min,
                           f->max);
        return HL_OK;
    }
    case FT_BOOL:
        if (!json_is_boolean(v))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be true or false", n);
        return HL_OK;
    case FT_STRLIST: {
        if (!json_is_array(v))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be an array of strings", n);
        if (json_array_size(v) > (size_t)f->max)
            return hl_fail(err, HL_ERR_INVALID, n, "%s may hold at most %g items", n, f->max);
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            if (!json_is_string(item) || json_string_length(item) == 0 ||
                utf8_length(json_string_value(item)) > 60)
                return hl_fail(err, HL_ERR_INVALID, n,
                               "%s[%zu] must be a non-empty string of at most 60 characters", n, i);
        }
        return HL_OK;
    }
    default:
        break;
    }
    if (!json_is_string(v))
        return hl_fail(err, HL_ERR_INVALID, n, "%s must be a string", n);
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v))
        return hl_fail(err, HL_ERR_INVALID, n, "%s may not contain NUL characters", n);
    int64_t tmp;
    int minutes;
    switch (f->type) {
    case FT_TEXT: {
        size_t len = utf8_length(s);
        if (len < f->min || len > f->max) {
            if (f->min > 0 && len < f->min)
                return hl_fail(err, HL_ERR_INVALID, n, "%s may not be empty", n);
            return hl_fail(err, HL_ERR_INVALID, n, "%s may be at most %g characters long", n,
                           f->max);
        }
        return HL_OK;
    }
    case FT_DATE:
        if (!date_parse(s, &tmp))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be a date YYYY-MM-DD, not \"%.40s\"", n,
                           s);
        return HL_OK;
    case FT_INSTANT:
        if (!instant_parse(s, &tmp))
            return hl_fail(err, HL_ERR_INVALID, n,
                           "%s must be an RFC 3339 instant like 2026-12-01T08:00:00Z", n);
        return HL_OK;
    case FT_HHMM:
        if (!hhmm_parse(s, &minutes))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be a local time HH:MM (00:00-24:00)",
                           n);
        return HL_OK;
    case FT_ENUM:
        for (const char *const *c = f->choices; *c; c++)
            if (strcmp(*c, s) == 0)
                return HL_OK;
        {
            char list[200] = "";
            for (const char *const *c = f->choices; *c; c++) {
                strncat(list, *c, sizeof list - strlen(list) - 1);
                if (c[1])
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be one of: %s", n, list);
        }
    case FT_TZ:
        if (!tz_valid(s)) {
            const char *meant = tz_suggestion(s);
            if (meant)
                return hl_fail(err, HL_ERR_INVALID, n,
                               "%s must be a canonical IANA time zone; did you mean %s?", n, meant);
            return hl_fail(err, HL_ERR_INVALID, n,
                           "%s must be a canonical IANA time zone such as Europe/Tallinn", n);
        }
        return HL_OK;
    case FT_EMAIL:
        if (strlen(s) > 254 || !email_ok(s))
            return hl_fail(err, HL_ERR_INVALID, n, "%s must be an e-mail address", n);
        return HL_OK;
    default:
        return HL_OK;
    }
}

enum hl_err entity_validate_input(const struct entity *ent, const json_t *body, bool is_create,
                                  struct hl_error *err)
{
    if (!json_is_object(body))
        return hl_fail(err, HL_ERR_INVALID, NULL, "the body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        const struct field *f = entity_field(ent, key);
        if (!f) {
            for (const char *const *s = system_fields; *s; s++)
                if (strcmp(*s, key) == 0)
                    return hl_fail(err, HL_ERR_INVALID, key,
                                   "%s is set by Haldus and cannot be written%s", key,
                                   strcmp(key, "version") == 0 ? "; send it in If-Match" : "");
            return hl_fail(err, HL_ERR_INVALID, key, "unknown field %.60s for a %s", key,
                           ent->name);
        }
        if (f->flags & F_READONLY)
            return hl_fail(err, HL_ERR_INVALID, key, "%s is set by Haldus and cannot be written",
                           key);
        if (!is_create && (f->flags & F_IMMUTABLE))
            return hl_fail(err, HL_ERR_INVALID, key, "%s cannot be changed after creation", key);
        enum hl_err e = field_validate(f, v, err);
        if (e != HL_OK)
            return e;
    }
    if (is_create)
        for (size_t i = 0; i < ent->nfields; i++) {
            const struct field *f = &ent->fields[i];
            if ((f->flags & F_REQUIRED) && !json_object_get(body, f->name))
                return hl_fail(err, HL_ERR_INVALID, f->name, "%s is required", f->name);
        }
    return HL_OK;
}

enum hl_err field_from_text(const struct field *f, const char *text, json_t **out,
                            struct hl_error *err)
{
    json_t *v = NULL;
    switch (f->type) {
    case FT_REF: {
        int64_t id;
        if (!id_parse(text, &id))
            return hl_fail(err, HL_ERR_BAD_REQUEST, f->name,
                           "%s must be an id (a positive integer)", f->name);
        v = json_integer(id);
        break;
    }
    case FT_INT: {
        char *end;
        errno = 0;
        long long i = strtoll(text, &end, 10);
        if (errno || end == text || *end)
            return hl_fail(err, HL_ERR_BAD_REQUEST, f->name, "%s must be an integer", f->name);
        v = json_integer(i);
        break;
    }
    case FT_REAL: {
        char *end;
        double d = strtod(text, &end);
        if (end == text || *end)
            return hl_fail(err, HL_ERR_BAD_REQUEST, f->name, "%s must be a number", f->name);
        v = json_real(d);
        break;
    }
    case FT_BOOL:
        if (strcmp(text, "true") == 0)
            v = json_true();
        else if (strcmp(text, "false") == 0)
            v = json_false();
        else
            return hl_fail(err, HL_ERR_BAD_REQUEST, f->name, "%s must be true or false", f->name);
        break;
    case FT_STRLIST:
        return hl_fail(err, HL_ERR_BAD_REQUEST, f->name, "%s cannot be used as a filter", f->name);
    default:
        v = json_string(text);
        if (!v)
            return hl_fail(err, HL_ERR_BAD_REQUEST, f->name, "%s must be UTF-8 text", f->name);
    }
    enum hl_err e = field_validate(f, v, err);
    if (e != HL_OK) {
        json_decref(v);
        err->code = HL_ERR_BAD_REQUEST;
        return HL_ERR_BAD_REQUEST;
    }
    *out = v;
    return HL_OK;
}

json_t *entity_instant(int64_t t)
{
    char s[21];
    instant_format(t, s);
    return json_string(s);
}
