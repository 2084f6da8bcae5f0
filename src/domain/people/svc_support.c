/* svc_support.c: the "who supports whom" views, read in one transaction. */
#include "svc_support.h"
#include "absence.h"
#include "people.h"
#include "store_entity.h"
#include "store_support.h"
#include "svc_entity.h"
#include "timeutil.h"
#include "tz.h"

/* On the principal's local day `date`: marks each supporter and designated backup `away` when
 * they have an approved absence that day, and gives the accepted covers of the day (*covers,
 * new). An assistant learns only their own absence and covers; others are not theirs to see. */
static enum hl_err day_status(struct svc_ctx *ctx, const json_t *who, const char *date,
                              json_t *supporters, json_t *backups, json_t **covers,
                              struct hl_error *err)
{
    int64_t day, t0, t1;
    const char *zone = json_string_value(json_object_get(who, "time_zone"));
    int64_t pid = json_integer_value(json_object_get(who, "id"));
    if (!date_parse(date, &day) || !zone || !tz_local_to_utc(zone, day, 0, &t0) ||
        !tz_local_to_utc(zone, day + 1, 0, &t1))
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "the principal's day could not be placed");
    int64_t self = ctx->who && ctx->who->role == ROLE_ASSISTANT ? ctx->who->person_id : 0;
    enum hl_err e = store_support_covers(ctx->db, pid, t0, t1, self, covers, err);
    json_t *lists[2] = {supporters, backups};
    for (int l = 0; l < 2 && e == HL_OK; l++) {
        size_t i;
        json_t *r;
        json_array_foreach(lists[l], i, r)
        {
            int64_t aid = json_integer_value(json_object_get(r, "assistant_id"));
            bool away = false;
            if (self && aid != self)
                continue;
            if ((e = store_support_away(ctx->db, aid, t0, t1, &away, err)) != HL_OK)
                break;
            json_object_set_new(r, "away", json_boolean(away));
        }
    }
    return e;
}

static enum hl_err support_view(struct svc_ctx *ctx, bool principal, int64_t id, const char *date,
                                json_t **out, struct hl_error *err)
{
    json_t *who = NULL, *list = NULL, *backups = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    const struct entity *ent = principal ? &ent_principal : &ent_assistant;
    e = store_entity_get_scoped(ctx->db, ent, id, svc_scope_person(ctx, ent), &who, err);
    /* Without a date: the person's own today (Tallinn's begins two hours before UTC's). */
    char today[11];
    if (e == HL_OK && !date) {
        date_format(tz_today(json_string_value(json_object_get(who, "time_zone")), db_now(ctx->db)),
                    today);
        date = today;
    }
    if (e != HL_OK || (e = store_support_on(ctx->db, principal, id, date, &list, err)) != HL_OK ||
        (principal && (e = store_designated_backups(ctx->db, id, &backups, err)) != HL_OK)) {
        db_rollback(ctx->db);
        json_decref(who);
        json_decref(list);
        return e;
    }
    /* An assistant's other principals are not a principal's business: keep only the
     * principals the caller may see. */
    int64_t scope = svc_scope_person(ctx, &ent_person);
    if (!principal && scope) {
        for (size_t i = json_array_size(list); i-- > 0;) {
            json_t *rec = NULL;
            int64_t pid =
                json_integer_value(json_object_get(json_array_get(list, i), "principal_id"));
            struct hl_error ignore;
            if (store_entity_get_scoped(ctx->db, &ent_person, pid, scope, &rec, &ignore) != HL_OK)
                json_array_remove(list, i);
            json_decref(rec);
        }
    }
    json_t *covers = NULL;
    if (principal && (e = day_status(ctx, who, date, list, backups, &covers, err)) != HL_OK) {
        db_rollback(ctx->db);
        json_decref(who);
        json_decref(list);
        json_decref(backups);
        return e;
    }
    db_rollback(ctx->db); /* read only: nothing to commit */
    *out = json_pack("{so ss so}", principal ? "principal" : "assistant", who, "date", date,
                     principal ? "supporters" : "principals", list);
    if (backups)
        json_object_set_new(*out, "designated_backups", backups);
    if (covers)
        json_object_set_new(*out, "covers", covers);
    return HL_OK;
}

enum hl_err svc_supporters(struct svc_ctx *ctx, int64_t principal_id, const char *date,
                           json_t **out, struct hl_error *err)
{
    return support_view(ctx, true, principal_id, date, out, err);
}

enum hl_err svc_principals_of(struct svc_ctx *ctx, int64_t assistant_id, const char *date,
                              json_t **out, struct hl_error *err)
{
    return support_view(ctx, false, assistant_id, date, out, err);
}

int64_t svc_support_today(struct svc_ctx *ctx)
{
    int64_t now = db_now(ctx->db), day = tz_today(NULL, now);
    json_t *me = NULL;
    struct hl_error ignore;
    if (ctx->who && ctx->who->person_id > 0 &&
        store_entity_get(ctx->db, &ent_person, ctx->who->person_id, &me, &ignore) == HL_OK)
        day = tz_today(json_string_value(json_object_get(me, "time_zone")), now);
    json_decref(me);
    return day;
}
