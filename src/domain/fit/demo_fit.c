/* demo_fit.c: role fit's demo data: every executive's role profile (workload and the styles
 * agreed), every assistant's stated working style (some leave an axis unstated; some state
 * preferred hours) and years per duty they have the skills for, so the demo's fits differ; and a
 * few past covers by first designated backups, rated well and badly, for the history term. */
#include "fit.h"
#include "store_fit.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdlib.h>

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static enum hl_err create(struct svc_ctx *ctx, const struct entity *ent, json_t *body,
                          struct hl_error *err)
{
    json_t *out = NULL;
    enum hl_err e = body ? svc_entity_create(ctx, ent, body, &out, err)
                         : hl_fail(err, HL_ERR_INTERNAL, NULL, "demo fit: out of memory");
    json_decref(body);
    json_decref(out);
    return e;
}

/* The four axes -2..+2 from h; an axis is left unstated one time in six when `gaps`. */
static void styles(json_t *o, uint64_t h, bool gaps)
{
    static const char *const axes[] = {"pace", "formality", "autonomy", "channel"};
    for (int k = 0; k < 4; k++) {
        uint64_t v = (h >> (8 * k)) & 0xff;
        if (gaps && v % 6 == 5)
            json_object_set_new(o, axes[k], json_null());
        else
            json_object_set_new(o, axes[k], json_integer((json_int_t)(v % 5) - 2));
    }
}

/* A working day `back` days before the demo's today (Friday when it falls on a weekend). */
static int64_t workday_before(int64_t today, int back)
{
    int64_t d = today - back;
    int wd = weekday_from_days(d);
    return wd > 5 ? d - (wd - 5) : d;
}

/* How the demo's past covers went: {principal's index, days back, rater or NULL, outcome,
 * note}. The executives are the first four with a first designated backup, who covered. */
static const struct {
    size_t who;
    int back;
    const char *rater, *outcome, *note;
} past[] = {
    {0, 24, "manager", "well", "Kept the board pack on schedule and briefed me on return."},
    {0, 17, "manager", "well", NULL},
    {1, 20, "manager", "badly", "Missed two calls from the auditors; no handover notes."},
    {2, 13, "executive", "badly", "Did not know my travel preferences; a flight was rebooked."},
    {3, 10, NULL, NULL, NULL},
};

static enum hl_err past_covers(struct svc_ctx *ctx, const struct demo_context *demo,
                               struct hl_error *err)
{
    int64_t *pairs = NULL;
    size_t n = 0;
    enum hl_err e = store_fit_demo_rows(ctx->db, 3, &pairs, &n, err);
    for (size_t k = 0; e == HL_OK && k < sizeof past / sizeof past[0]; k++) {
        if (past[k].who >= n)
            continue;
        int64_t principal = pairs[2 * past[k].who], assistant = pairs[2 * past[k].who + 1];
        int64_t day = workday_before(demo->today, past[k].back), cover;
        /* 07:00-15:00 UTC: the working day in Tallinn and Riga, the morning in London */
        e = store_fit_demo_cover(ctx->db, principal, assistant, day * 86400 + 7 * 3600,
                                 day * 86400 + 15 * 3600, &cover, err);
        if (e != HL_OK || !past[k].rater)
            continue;
        json_t *rating = NULL;
        if ((e = store_fit_rating_put(ctx->db, cover, past[k].rater, 0, past[k].outcome,
                                      past[k].note, ctx->actor, err)) != HL_OK ||
            (e = store_fit_rating_get(ctx->db, cover, past[k].rater, &rating, err)) != HL_OK)
            continue;
        json_t *entry = json_pack("{sIsIsIssso}", "cover_id", (json_int_t)cover, "principal_id",
                                  (json_int_t)principal, "assistant_id", (json_int_t)assistant,
                                  "rater", past[k].rater, "rating", rating);
        e = svc_audit(ctx, "rate", "cover_rating", cover, NULL, entry, err);
        json_decref(entry);
    }
    free(pairs);
    return e;
}

enum hl_err fit_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    int64_t *ids = NULL;
    size_t n = 0;
    size_t limit = demo->large ? 200 : SIZE_MAX; /* the benchmark organisation: keep it light */
    enum hl_err e = store_fit_demo_rows(ctx->db, 0, &ids, &n, err);
    for (size_t i = 0; e == HL_OK && i < n && i < limit; i++) {
        uint64_t h = mix(demo->seed ^ (uint64_t)ids[i] * 0x5851f42d4c957f2dull);
        json_t *o = json_pack("{sIsf}", "principal_id", (json_int_t)ids[i], "workload_hours",
                              (double)(8 + (h >> 40) % 5 * 6)); /* 8 … 32 hours a week */
        styles(o, h, false);
        e = create(ctx, &ent_role_profile, o, err);
    }
    free(ids);
    if (e == HL_OK)
        e = store_fit_demo_rows(ctx->db, 1, &ids, &n, err);
    else
        ids = NULL;
    for (size_t i = 0; e == HL_OK && i < n && i < limit; i++) {
        uint64_t h = mix(demo->seed ^ (uint64_t)ids[i] * 0x2545f4914f6cdd1dull);
        json_t *o = json_pack("{sI}", "assistant_id", (json_int_t)ids[i]);
        styles(o, h, true);
        if ((h >> 48) % 4 == 0) { /* an early bird */
            json_object_set_new(o, "preferred_start", json_string("07:30"));
            json_object_set_new(o, "preferred_end", json_string("15:30"));
        }
        e = create(ctx, &ent_work_style, o, err);
    }
    free(ids);
    if (e == HL_OK)
        e = store_fit_demo_rows(ctx->db, 2, &ids, &n, err);
    else
        ids = NULL;
    for (size_t i = 0; e == HL_OK && i < n && i < limit; i++) {
        uint64_t h = mix(demo->seed ^ (uint64_t)ids[2 * i] * 31 ^ (uint64_t)ids[2 * i + 1]);
        e = create(ctx, &ent_duty_experience,
                   json_pack("{sIsIsf}", "assistant_id", (json_int_t)ids[2 * i], "duty_id",
                             (json_int_t)ids[2 * i + 1], "years", (double)(h % 17) / 2.0),
                   err);
    }
    free(ids);
    if (e == HL_OK && !demo->large)
        e = past_covers(ctx, demo, err);
    return e;
}
