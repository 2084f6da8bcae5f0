/* feed_coverage.c: the coverage domain's events in a person's calendar feed (struct domain's
 * `feed` hook): accepted covers they take (as the assistant) or receive (as the executive),
 * with the one query it needs. */
#include "coverage_domain.h"

#include "mem.h"
#include "svc.h"

#include <stdlib.h>

enum hl_err coverage_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                          struct feed_list *out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(
        ctx->db,
        "SELECT c.id, c.start_at, c.end_at, c.assistant_id = ?1, pp.name, pa.name FROM "
        "coverage_cover c JOIN person pp ON pp.id = c.principal_id JOIN person pa ON pa.id = "
        "c.assistant_id WHERE c.status = 'accepted' AND (c.assistant_id = ?1 OR c.principal_id "
        "= ?1) AND c.start_at < ?3 AND c.end_at > ?2 ORDER BY c.start_at",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool taking = sqlite3_column_int(st, 3) != 0;
        char *uid = hl_asprintf("cover-%lld@haldus", (long long)sqlite3_column_int64(st, 0));
        char *title = hl_asprintf(taking ? "Covering %s" : "Covered by %s",
                                  (const char *)sqlite3_column_text(st, taking ? 4 : 5));
        struct feed_event ev = {
            uid, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), false, title, NULL,
            NULL};
        feed_list_add(out, &ev);
        free(uid);
        free(title);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(ctx->db, rc, "cover feed", err);
}
