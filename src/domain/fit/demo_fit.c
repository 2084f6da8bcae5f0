/* demo_fit.c: role fit's demo data: every executive's role profile (workload and the styles
 * agreed), every assistant's stated working style (some leave an axis unstated; some state
 * preferred hours) and years per duty they have the skills for, so the demo's fits differ. */
#include "fit.h"
#include "store_fit.h"
#include "svc_entity.h"

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
    return e;
}
