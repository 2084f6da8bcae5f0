/* feed_absence.c: the absence domain's events in a person's calendar feed (struct domain's
 * `feed` hook): their approved absences, with the one query it needs. */
#include "absence.h"

#include "mem.h"
#include "svc.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_title(const char *kind)
{
    static const char *const names[][2] = {{"vacation", "Away: vacation"},
                                           {"sick", "Away: sick"},
                                           {"training", "Away: training"},
                                           {"interview", "Away: interview"}};
    for (size_t i = 0; kind && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], kind) == 0)
            return names[i][1];
    return "Away";
}

enum hl_err absence_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                         struct feed_list *out, struct hl_error *err)
{
    sqlite3_stmt *st = db_prepare(ctx->db,
                                  "SELECT id, start_at, end_at, kind, note FROM absence WHERE "
                                  "person_id = ?1 AND status = 'approved' AND start_at < ?3 AND "
                                  "end_at > ?2 ORDER BY start_at",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, person_id);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *uid = hl_asprintf("absence-%lld@haldus", (long long)sqlite3_column_int64(st, 0));
        const char *note = (const char *)sqlite3_column_text(st, 4);
        struct feed_event ev = {uid,
                                sqlite3_column_int64(st, 1),
                                sqlite3_column_int64(st, 2),
                                false,
                                kind_title((const char *)sqlite3_column_text(st, 3)),
                                NULL,
                                note && *note ? note : NULL};
        feed_list_add(out, &ev);
        free(uid);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HL_OK : db_error(ctx->db, rc, "absence feed", err);
}
