/* cmd_common.c: what the CLI commands share: the database path, errors, numbers, ids and JSON
 * output. */
#include "cmd.h"
#include "migrate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *cmd_db_path(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("HALDUS_DB");
    return env && *env ? env : "./haldus.db";
}

int cmd_fail(const char *cmd, const struct hl_error *err)
{
    fprintf(stderr, "haldus %s: %s\n", cmd,
            err->message[0] ? err->message : hl_strerror(err->code));
    return 1;
}

int cmd_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "haldus %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'haldus %s --help'.\n", cmd);
    return 2;
}

bool cmd_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

enum hl_err cmd_open_current(const char *path, struct db **out, struct hl_error *err)
{
    enum hl_err e = db_open(path, 0, out, err);
    if (e != HL_OK)
        return e;
    if ((e = migrate_require_current(*out, err)) != HL_OK) {
        db_close(*out);
        *out = NULL;
    }
    return e;
}

void cmd_print_json(const json_t *v)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (s)
        puts(s);
    free(s);
}

bool cmd_parse_id(const char *s, int64_t *id)
{
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || *end || v < 1)
        return false;
    *id = v;
    return true;
}
