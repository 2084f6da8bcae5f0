/* svc_needs_training.c: training needs (svc_training_needs): reads what the executives' duties
 * require, who supports whom today, the skill levels that count and the certificates expiring
 * soon, computes the needs on plain arrays (needs_training.c) and names them, each with the
 * courses that teach it. */
#include "training.h"

#include "mem.h"
#include "needs_training.h"
#include "store_training.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

#define NEEDS_COURSES  3  /* courses listed per need */
#define NEEDS_POOL_TOP 25 /* skills of the pool's ranking */

struct named {
    int64_t id;
    char *name;
};

struct course_row {
    int64_t skill, id;
    int level;
    double cost;
    char *name, *language;
};

struct loaded {
    struct tn_input in;
    size_t cap_reqs, cap_links, cap_skills;
    struct named *people, *skills;
    size_t npeople, cap_people, nskill_names, cap_skill_names;
    struct course_row *courses;
    size_t ncourses, cap_courses;
};

#define GROW(arr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 256;                                                         \
            (arr) = hl_realloc((arr), (cap) * sizeof *(arr));                                      \
        }                                                                                          \
    } while (0)

static void row_req(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->in.reqs, l->in.nreqs, l->cap_reqs);
    l->in.reqs[l->in.nreqs++] =
        (struct tn_req){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                        sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
}

static void row_link(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->in.links, l->in.nlinks, l->cap_links);
    l->in.links[l->in.nlinks++] =
        (struct tn_link){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
}

static void row_skill(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->in.skills, l->in.nskills, l->cap_skills);
    l->in.skills[l->in.nskills++] = (struct tn_skill){
        sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2)};
}

static char *text_of(sqlite3_stmt *st, int c)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    return hl_strdup(t ? (const char *)t : "");
}

static void row_person(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->people, l->npeople, l->cap_people);
    l->people[l->npeople++] = (struct named){sqlite3_column_int64(st, 0), text_of(st, 1)};
}

static void row_skill_name(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->skills, l->nskill_names, l->cap_skill_names);
    l->skills[l->nskill_names++] = (struct named){sqlite3_column_int64(st, 0), text_of(st, 1)};
}

static void row_course(sqlite3_stmt *st, void *arg)
{
    struct loaded *l = arg;
    GROW(l->courses, l->ncourses, l->cap_courses);
    l->courses[l->ncourses++] = (struct course_row){sqlite3_column_int64(st, 0),
                                                    sqlite3_column_int64(st, 1),
                                                    sqlite3_column_int(st, 2),
                                                    sqlite3_column_double(st, 3),
                                                    text_of(st, 4),
                                                    text_of(st, 5)};
}

static void loaded_cleanup(struct loaded *l)
{
    free(l->in.reqs);
    free(l->in.links);
    free(l->in.skills);
    for (size_t i = 0; i < l->npeople; i++)
        free(l->people[i].name);
    for (size_t i = 0; i < l->nskill_names; i++)
        free(l->skills[i].name);
    for (size_t i = 0; i < l->ncourses; i++) {
        free(l->courses[i].name);
        free(l->courses[i].language);
    }
    free(l->people);
    free(l->skills);
    free(l->courses);
}

/* Names are read in id order, so a binary search finds them. */
static const char *name_of(const struct named *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].id == id ? v[lo].name : "";
}

/* The cheapest courses (read by skill, then cost) teaching skill to at least level. */
static json_t *courses_json(const struct loaded *l, int64_t skill, int level)
{
    json_t *a = json_array();
    size_t lo = 0, hi = l->ncourses;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->courses[mid].skill < skill)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo;
         i < l->ncourses && l->courses[i].skill == skill && json_array_size(a) < NEEDS_COURSES;
         i++) {
        const struct course_row *c = &l->courses[i];
        if (c->level >= level)
            json_array_append_new(a, json_pack("{sI ss si sf ss}", "id", (json_int_t)c->id, "name",
                                               c->name, "level", c->level, "cost", c->cost,
                                               "language", c->language));
    }
    return a;
}

static enum hl_err load(struct svc_ctx *ctx, int64_t assistant, struct loaded *l,
                        struct hl_error *err)
{
    char today[11];
    date_format(db_now(ctx->db) / 86400, today);
    struct tr_param p[] = {{0, today}, {assistant, NULL}};
    enum hl_err e = store_training_each(
        ctx->db,
        "SELECT pd.principal_id, ds.skill_id, CASE WHEN pd.must_have = 1 THEN ds.min_level ELSE "
        "0 END, CASE WHEN pd.must_have = 0 THEN ds.min_level ELSE 0 END FROM principal_duty pd "
        "JOIN duty_skill ds ON ds.duty_id = pd.duty_id JOIN person p ON p.id = pd.principal_id "
        "AND p.active = 1",
        NULL, 0, row_req, l, err);
    if (e == HL_OK)
        e = store_training_each(
            ctx->db,
            "SELECT a.assistant_id, a.principal_id FROM assignment a JOIN person p ON p.id = "
            "a.assistant_id AND p.active = 1 WHERE a.kind IN ('primary', 'secondary') AND "
            "a.start_date <= ?1 AND (a.end_date IS NULL OR a.end_date >= ?1) AND (?2 = 0 OR "
            "a.assistant_id = ?2)",
            p, 2, row_link, l, err);
    if (e == HL_OK)
        e = store_training_each(ctx->db,
                                "SELECT assistant_id, skill_id, level FROM "
                                "assistant_skill_effective WHERE level > 0",
                                NULL, 0, row_skill, l, err);
    if (e == HL_OK)
        e = store_training_each(ctx->db, "SELECT id, name FROM person ORDER BY id", NULL, 0,
                                row_person, l, err);
    if (e == HL_OK)
        e = store_training_each(ctx->db, "SELECT id, name FROM skill ORDER BY id", NULL, 0,
                                row_skill_name, l, err);
    if (e == HL_OK)
        e = store_training_each(ctx->db,
                                "SELECT cs.skill_id, c.id, cs.level, c.cost, c.name, c.language "
                                "FROM course_skill cs JOIN course c ON c.id = cs.course_id WHERE "
                                "c.active = 1 ORDER BY cs.skill_id, c.cost, cs.level DESC, c.id",
                                NULL, 0, row_course, l, err);
    return e;
}

/* Per assistant: its needs (from r) and its certificates expiring soon (rows of expiring). */
static json_t *assistants_json(const struct loaded *l, const struct tn_result *r, json_t *expiring)
{
    json_t *list = json_array(), *cur = NULL, *needs = NULL;
    int64_t at = 0;
    for (size_t i = 0; i < r->nneeds; i++) {
        const struct tn_need *n = &r->needs[i];
        if (!cur || n->assistant != at) {
            at = n->assistant;
            needs = json_array();
            cur = json_pack("{sI ss so so}", "assistant_id", (json_int_t)at, "name",
                            name_of(l->people, l->npeople, at), "needs", needs, "expiring",
                            json_array());
            json_array_append_new(list, cur);
        }
        json_t *ps = json_array();
        for (size_t k = 0; k < n->count; k++) {
            int64_t p = r->principals[n->first + k];
            json_array_append_new(ps, json_pack("{sI ss}", "id", (json_int_t)p, "name",
                                                name_of(l->people, l->npeople, p)));
        }
        json_array_append_new(
            needs, json_pack("{sI ss si si sb so so}", "skill_id", (json_int_t)n->skill, "skill",
                             name_of(l->skills, l->nskill_names, n->skill), "required", n->required,
                             "have", n->have, "must", n->must, "principals", ps, "courses",
                             courses_json(l, n->skill, n->required)));
    }
    size_t i;
    json_t *x;
    json_array_foreach(expiring, i, x)
    {
        int64_t a = json_integer_value(json_object_get(x, "assistant_id"));
        json_t *home = NULL;
        size_t k;
        json_t *y;
        json_array_foreach(list, k, y) if (json_integer_value(json_object_get(y, "assistant_id")) ==
                                           a) home = y;
        if (!home) {
            home = json_pack("{sI ss s[] s[]}", "assistant_id", (json_int_t)a, "name",
                             name_of(l->people, l->npeople, a), "needs", "expiring");
            json_array_append_new(list, home);
        }
        int64_t skill = json_integer_value(json_object_get(x, "skill_id"));
        int level = (int)json_integer_value(json_object_get(x, "level"));
        json_object_set_new(x, "skill", json_string(name_of(l->skills, l->nskill_names, skill)));
        json_object_set_new(x, "courses", courses_json(l, skill, level));
        json_object_del(x, "assistant_id");
        json_array_append(json_object_get(home, "expiring"), x);
    }
    return list;
}

enum hl_err svc_training_needs(struct svc_ctx *ctx, int64_t assistant_id, int soon_days,
                               json_t **out, struct hl_error *err)
{
    if (ctx->who && !role_is_manager(ctx->who->role))
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only managers see training needs");
    struct loaded l;
    memset(&l, 0, sizeof l);
    struct tn_result r;
    memset(&r, 0, sizeof r);
    json_t *expiring = NULL;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = load(ctx, assistant_id, &l, err)) == HL_OK) {
        char today[11];
        date_format(db_now(ctx->db) / 86400, today);
        struct tr_param p[] = {{0, today}, {soon_days, NULL}, {assistant_id, NULL}};
        e = store_training_rows(
            ctx->db,
            "SELECT c.id AS certificate_id, c.assistant_id, c.skill_id, c.level, c.title, "
            "c.expires_on FROM certificate c JOIN person p ON p.id = c.assistant_id AND p.active "
            "= 1 WHERE c.expires_on > ?1 AND c.expires_on <= date(?1, '+' || ?2 || ' days') AND "
            "(?3 = 0 OR c.assistant_id = ?3) ORDER BY c.expires_on, c.id",
            p, 3, &expiring, err);
    }
    db_rollback(ctx->db);
    if (e == HL_OK) {
        tn_compute(&l.in, &r);
        json_t *pool = json_array();
        for (size_t i = 0; i < r.nstakes && i < NEEDS_POOL_TOP; i++) {
            const struct tn_stake *s = &r.stakes[i];
            json_array_append_new(
                pool,
                json_pack("{sI ss si sI sI so}", "skill_id", (json_int_t)s->skill, "skill",
                          name_of(l.skills, l.nskill_names, s->skill), "level", s->level,
                          "executives", (json_int_t)s->dependents, "assistants",
                          (json_int_t)s->holders, "courses", courses_json(&l, s->skill, s->level)));
        }
        *out = json_pack("{so so si}", "assistants", assistants_json(&l, &r, expiring), "pool",
                         pool, "soon_days", soon_days);
    }
    json_decref(expiring);
    tn_result_cleanup(&r);
    loaded_cleanup(&l);
    return e;
}
