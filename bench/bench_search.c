/* bench_search.c: people search in-process (issue 9): the time of one ?q= list page of
 * /api/v1/people (svc_entity_list_text, as the server runs it, without HTTP) over a demo
 * database, as a manager (every row) and as an assistant (the visibility policy applies).
 * Prints p50/p95/p99 and the mean; asserts nothing about time.
 *
 *   bench_search DB [--queries N] [--seed N]
 *
 * As the assistant, every fourth query is a word of her own name, so some pages are not empty.
 * DB is made by `haldus demo --assistants 3000 --principals 5000 --db DB` (make bench does).
 * The queries are built from the names in DB: a whole word, a prefix of 3+ letters of a word,
 * or two words of one name, lower-cased, with their diacritics or without (ä → a …). */
#include "people.h"
#include "svc_entity.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t rng_state = 1;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Lower-cases ASCII in place; with fold, turns the Estonian letters' UTF-8 into ASCII. */
static void normalize(char *s, bool fold)
{
    char *w = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (fold && *p == 0xc3 && p[1]) {
            unsigned char c = *++p | 0x20;
            *w++ = c == 0xa4 ? 'a' : (c == 0xb6 || c == 0xb5) ? 'o' : c == 0xbc ? 'u' : 'e';
        } else if (fold && *p == 0xc5 && p[1]) { /* š ž */
            *w++ = (*++p | 0x01) == 0xa1 ? 's' : 'z';
        } else
            *w++ = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
    }
    *w = '\0';
}

/* A query from name: a word, a prefix of a word, or two words. Caller frees. */
static char *make_query(const char *name)
{
    char *copy = strdup(name), *words[8], *save = NULL;
    int n = 0;
    for (char *t = strtok_r(copy, " ", &save); t && n < 8; t = strtok_r(NULL, " ", &save))
        words[n++] = t;
    char *q = malloc(strlen(name) + 2);
    int kind = (int)(rnd() % 3);
    const char *w = words[rnd() % (uint64_t)n];
    if (kind == 0 || n < 2)
        strcpy(q, w);
    else if (kind == 1) {
        size_t len = strlen(w), k = len < 3 ? len : 3 + rnd() % (len - 2);
        memcpy(q, w, k);
        q[k] = '\0';
        while (k && ((unsigned char)q[k - 1] & 0xc0) == 0xc0) /* never cut a UTF-8 letter */
            q[--k] = '\0';
    } else
        sprintf(q, "%s %s", words[0], words[n - 1]);
    normalize(q, rnd() % 2);
    free(copy);
    return q;
}

/* Runs each query once as ctx; fills ms[] and adds the rows found to *rows. */
static bool run(struct svc_ctx *ctx, char **queries, int n, double *ms, long *rows)
{
    struct buf out;
    buf_init(&out, 0);
    for (int i = 0; i < n; i++) {
        struct list_query q = {.limit = 50, .name_prefix = queries[i]};
        struct hl_error err = {0};
        int64_t last = 0;
        bool more = false;
        out.len = 0;
        double t0 = now_ms();
        enum hl_err e = svc_entity_list_text(ctx, &ent_person, &q, &out, &last, &more, &err);
        ms[i] = now_ms() - t0;
        if (e != HL_OK) {
            fprintf(stderr, "bench_search: %s: %s\n", queries[i], err.message);
            buf_cleanup(&out);
            return false;
        }
        for (size_t k = 0; k < out.len; k++)
            *rows += out.data[k] == '{' && k + 5 < out.len && !memcmp(out.data + k, "{\"id\"", 5);
    }
    buf_cleanup(&out);
    return true;
}

static void report(const char *who, double *ms, int n, long rows)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += ms[i];
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%-22s %6d queries  mean %.3f ms  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms"
           "  (%.1f rows a page)\n",
           who, n, sum / n, ms[n / 2], ms[(int)(n * 0.95)], ms[(int)(n * 0.99)], ms[n - 1],
           (double)rows / n);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_search DB [--queries N] [--seed N]\n");
        return 2;
    }
    int nq = 2000;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--queries"))
            nq = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--seed"))
            rng_state = strtoull(argv[i + 1], NULL, 10);
    }
    if (nq < 1)
        nq = 1;
    struct db *db = NULL;
    struct hl_error err = {0};
    if (db_open(argv[1], DB_READ_ONLY, &db, &err) != HL_OK) {
        fprintf(stderr, "bench_search: %s: %s\n", argv[1], err.message);
        return 1;
    }
    struct svc_ctx mgr = {.db = db, .actor = "bench", .who = NULL};

    /* Every person's name, and an assistant to search as. */
    json_t *names = json_array();
    int64_t assistant = 0;
    struct list_query all = {.limit = 500};
    for (;;) {
        json_t *items = NULL, *it;
        bool more = false;
        size_t i;
        if (svc_entity_list(&mgr, &ent_person, &all, &items, &more, &err) != HL_OK) {
            fprintf(stderr, "bench_search: %s\n", err.message);
            return 1;
        }
        json_array_foreach(items, i, it)
        {
            json_array_append(names, json_object_get(it, "name"));
            all.after_id = json_integer_value(json_object_get(it, "id"));
        }
        json_decref(items);
        if (!more)
            break;
    }
    struct list_query aq = {.limit = 1};
    json_t *as = NULL;
    bool more;
    char *own = NULL; /* the assistant's own name: she finds herself */
    if (svc_entity_list(&mgr, &ent_assistant, &aq, &as, &more, &err) == HL_OK &&
        json_array_size(as)) {
        assistant = json_integer_value(json_object_get(json_array_get(as, 0), "id"));
        own = strdup(json_string_value(json_object_get(json_array_get(as, 0), "name")));
    }
    json_decref(as);
    size_t np = json_array_size(names);
    if (!np || !assistant) {
        fprintf(stderr, "bench_search: %s has no people; make it with haldus demo\n", argv[1]);
        return 1;
    }

    char **queries = calloc((size_t)nq, sizeof *queries);
    for (int i = 0; i < nq; i++)
        queries[i] = make_query(json_string_value(json_array_get(names, rnd() % np)));
    double *ms = calloc((size_t)nq, sizeof *ms);
    printf("people search over %zu people, in-process, one page of 50 (e.g. \"%s\", \"%s\", "
           "\"%s\")\n",
           np, queries[0], queries[1], queries[2]);

    long rows = 0;
    run(&mgr, queries, nq < 200 ? nq : 200, ms, &rows); /* warm the cache */
    rows = 0;
    if (!run(&mgr, queries, nq, ms, &rows))
        return 1;
    report("as a manager", ms, nq, rows);

    for (int i = 0; i < nq; i += 4) { /* every fourth query: a word of her own name */
        free(queries[i]);
        queries[i] = make_query(own);
    }
    free(own);
    struct account acc = {.role = ROLE_ASSISTANT, .person_id = assistant};
    struct svc_ctx asst = {.db = db, .actor = "bench", .who = &acc};
    rows = 0;
    if (!run(&asst, queries, nq, ms, &rows))
        return 1;
    report("as an assistant", ms, nq, rows);

    for (int i = 0; i < nq; i++)
        free(queries[i]);
    free(queries);
    free(ms);
    json_decref(names);
    db_close(db);
    return 0;
}
