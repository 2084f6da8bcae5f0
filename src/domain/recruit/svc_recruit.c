/* svc_recruit.c: the recruiting domain's use cases beyond CRUD and the workflows: the
 * requisition's template and posting text, screening (ranking with explanations), the board,
 * applying through the careers page, hiring, the candidate's e-mails, export and erasure. */
#include "recruit.h"

#include "mail.h"
#include "mem.h"
#include "offer_recruit.h"
#include "people.h"
#include "store_entity.h"
#include "svc_invite.h"
#include "store_recruit.h"
#include "svc_entity.h"
#include "timeutil.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static bool is_manager(const struct svc_ctx *ctx)
{
    return !ctx->who || role_is_manager(ctx->who->role);
}

static enum hl_err need_manager(const struct svc_ctx *ctx, struct hl_error *err)
{
    return is_manager(ctx) ? HL_OK
                           : hl_fail(err, HL_ERR_FORBIDDEN, NULL, "this needs the manager role");
}

/* Runs fn inside a transaction of its own (nested: a savepoint). */
static enum hl_err finish_tx(struct svc_ctx *ctx, enum hl_err e, struct hl_error *err)
{
    if (e == HL_OK)
        return db_commit(ctx->db, err);
    db_rollback(ctx->db);
    return e;
}

enum hl_err svc_recruit_template(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                                 struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    e = principal_id > 0 ? store_recruit_template(ctx->db, principal_id, out, err)
                         : hl_fail(err, HL_ERR_NOT_FOUND, "principal_id", "no executive given");
    if (e == HL_ERR_NOT_FOUND) { /* nothing known: an empty template to fill in by hand */
        e = HL_OK;
        *out = json_pack("{sn sn s[] s[] s[]}", "name", "office", "languages", "duties",
                         "must_skills");
    }
    return finish_tx(ctx, e, err);
}

/* ---- the posting's text ---- */

static void list_line(struct buf *b, const char *label, const json_t *list)
{
    if (json_array_size(list) == 0)
        return;
    buf_printf(b, "%s\n", label);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) buf_printf(b, "- %s\n", json_string_value(v));
    buf_puts(b, "\n");
}

/* The text of a posting in lang from the requisition: the role, what the work is, what it
 * needs, the terms. Plain text; the careers page escapes it. */
static char *posting_text(const json_t *req, const char *exec_name, bool et)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    const char *office = json_string_value(json_object_get(req, "office"));
    double hours = json_number_value(json_object_get(req, "hours_per_week"));
    const char *start = json_string_value(json_object_get(req, "start_date"));
    json_t *lo = json_object_get(req, "salary_min"), *hi = json_object_get(req, "salary_max");
    if (et)
        buf_printf(&b,
                   "Otsime assistenti, kes toetaks igapäevatöös juhti (%s). Töö asukoht: %s, "
                   "%g tundi nädalas.\n\n",
                   exec_name, office ? office : "", hours > 0 ? hours : 40);
    else
        buf_printf(&b,
                   "We are looking for an assistant to support %s in their daily work. Office: "
                   "%s, %g hours a week.\n\n",
                   exec_name, office ? office : "", hours > 0 ? hours : 40);
    list_line(&b, et ? "Tööülesanded:" : "What you will do:", json_object_get(req, "duties"));
    list_line(&b, et ? "Ootame:" : "What you bring:", json_object_get(req, "must_skills"));
    list_line(&b, et ? "Keeled:" : "Languages:", json_object_get(req, "languages"));
    if (start)
        buf_printf(&b, et ? "Tööle asumine: %s\n" : "Start date: %s\n", start);
    if (json_is_integer(lo) && json_is_integer(hi))
        buf_printf(&b, et ? "Palk: %lld–%lld eurot kuus\n" : "Salary: %lld–%lld euros a month\n",
                   (long long)json_integer_value(lo), (long long)json_integer_value(hi));
    buf_puts(&b, et ? "\nKandideeri alloleva vormiga: lisa CV (PDF, DOCX, ODT või tekst).\n"
                    : "\nApply with the form below: attach your CV (PDF, DOCX, ODT or text).\n");
    buf_append(&b, "", 1);
    char *s = buf_steal(&b);
    buf_cleanup(&b);
    return s;
}

enum hl_err svc_recruit_generate_posting(struct svc_ctx *ctx, int64_t id, const char *lang,
                                         int64_t if_match, json_t **out, struct hl_error *err)
{
    if (!lang || (strcmp(lang, "et") != 0 && strcmp(lang, "en") != 0))
        return hl_fail(err, HL_ERR_INVALID, "lang", "lang must be et or en");
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *req = NULL, *exec = NULL, *body = NULL;
    char *text = NULL;
    if ((e = store_entity_get(ctx->db, &ent_requisition, id, &req, err)) != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_person,
                              json_integer_value(json_object_get(req, "principal_id")), &exec,
                              err)) != HL_OK)
        goto out;
    if (if_match != IF_MATCH_NONE &&
        if_match != json_integer_value(json_object_get(req, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL, "requisition %lld is at version %lld, not %lld",
                    (long long)id, (long long)json_integer_value(json_object_get(req, "version")),
                    (long long)if_match);
        goto out;
    }
    text = posting_text(req, json_string_value(json_object_get(exec, "name")),
                        strcmp(lang, "et") == 0);
    body = json_pack("{sI ss sO ss}", "requisition_id", (json_int_t)id, "lang", lang, "title",
                     json_object_get(req, "title"), "body", text);
    e = svc_entity_create(ctx, &ent_posting, body, out, err);
    if (e == HL_ERR_DUPLICATE)
        e = hl_fail(err, HL_ERR_DUPLICATE, "lang",
                    "requisition %lld already has a posting in %s; edit that one", (long long)id,
                    lang);
out:
    json_decref(req);
    json_decref(exec);
    json_decref(body);
    free(text);
    return finish_tx(ctx, e, err);
}

/* ---- screening ---- */

/* A term as an FTS5 phrase: "board minutes" (quotes doubled), so no operator gets through. */
static void phrase(struct buf *b, const char *term)
{
    buf_puts(b, "\"");
    for (const char *p = term; *p; p++)
        buf_append(b, p, 1 + (*p == '"'));
    buf_puts(b, "\"");
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* The terms a requisition looks for: its must-have skills (bits 0-31) and languages (bits
 * 32-63), the FTS5 query of the non-blank ones (phrase k is term bit[k]) and a signature of
 * the list, which the stored numbers of its applications carry. */
struct terms {
    const json_t *skills, *langs;
    unsigned nskills, nlangs, nphrase;
    uint64_t phrases;
    unsigned bit[RANK_TERMS_MAX];
    uint32_t sig;
    struct buf query;
};

static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void terms_init(struct terms *t, const json_t *req)
{
    memset(t, 0, sizeof *t);
    t->skills = json_object_get(req, "must_skills");
    t->langs = json_object_get(req, "languages");
    t->nskills = json_array_size(t->skills) > 32 ? 32 : (unsigned)json_array_size(t->skills);
    t->nlangs = json_array_size(t->langs) > 32 ? 32 : (unsigned)json_array_size(t->langs);
    buf_init(&t->query, 64 * 1024);
    t->sig = 2166136261u;
    for (unsigned i = 0; i < t->nskills + t->nlangs; i++) {
        bool skill = i < t->nskills;
        const char *s = json_string_value(skill ? json_array_get(t->skills, i)
                                                : json_array_get(t->langs, i - t->nskills));
        t->sig = fnv(t->sig, s ? s : "", s ? strlen(s) : 0);
        t->sig = fnv(t->sig, skill ? "\x1f" : "\x1e", 1);
        if (blank(s))
            continue;
        if (t->nphrase)
            buf_puts(&t->query, " OR ");
        phrase(&t->query, s);
        t->bit[t->nphrase] = skill ? i : 32 + (i - t->nskills);
        t->phrases |= 1ull << t->bit[t->nphrase];
        t->nphrase++;
    }
}

/* Application id's numbers for the terms, from the search index: into row (its freq into
 * freqs) and, encoded, into blob (*len bytes). */
static enum hl_err terms_compute(struct db *db, int64_t id, const struct terms *t,
                                 struct rank_row *row, uint16_t *freqs, unsigned char *blob,
                                 size_t *len, struct hl_error *err)
{
    uint32_t doclen, freq[RANK_TERMS_MAX], hit[RANK_TERMS_MAX];
    enum hl_err e = store_recruit_terms(db, id, t->query.data, t->nphrase, &doclen, freq, hit, err);
    if (e != HL_OK)
        return e;
    uint64_t found = 0;
    unsigned k = 0;
    for (unsigned p = 0; p < t->nphrase; p++) /* bit[] ascends, as the stored form wants */
        if (hit[p]) {
            found |= 1ull << t->bit[p];
            freqs[k++] = freq[p] > 65535 ? 65535 : (uint16_t)freq[p];
        }
    row->doclen = doclen;
    row->found = found;
    row->freq = freqs;
    *len = rank_row_encode(t->sig, doclen, found, freqs, blob);
    return HL_OK;
}

/* Stores the numbers of n applications of requisition req (after they are written). */
static enum hl_err terms_store(struct svc_ctx *ctx, const int64_t *ids, size_t n, const json_t *req,
                               struct hl_error *err)
{
    struct terms t;
    terms_init(&t, req);
    enum hl_err e = store_recruit_fts_ready(ctx->db, err);
    for (size_t i = 0; e == HL_OK && i < n; i++) {
        struct rank_row row;
        uint16_t freqs[RANK_TERMS_MAX];
        unsigned char blob[RANK_BLOB_MAX];
        size_t len;
        e = terms_compute(ctx->db, ids[i], &t, &row, freqs, blob, &len, err);
        if (e == HL_OK)
            e = store_recruit_terms_put(ctx->db, ids[i], blob, len, err);
    }
    buf_cleanup(&t.query);
    return e;
}

/* Bulk numbers: the rows one pass of the terms' query finds (ids sorted in order[]). */
struct bulk {
    const struct terms *t;
    const int64_t *ids; /* sorted */
    size_t n;
    uint32_t *doclen;
    uint64_t *found;
    uint16_t *freq; /* RANK_TERMS_MAX per row */
    bool *seen;
};

static void on_bulk(void *cls, int64_t id, uint32_t doclen, const uint32_t *freq,
                    const uint32_t *hit)
{
    struct bulk *b = cls;
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == b->n || b->ids[lo] != id)
        return;
    unsigned k = 0;
    for (unsigned p = 0; p < b->t->nphrase; p++)
        if (hit[p]) {
            b->found[lo] |= 1ull << b->t->bit[p];
            b->freq[lo * RANK_TERMS_MAX + k++] = freq[p] > 65535 ? 65535 : (uint16_t)freq[p];
        }
    b->doclen[lo] = doclen;
    b->seen[lo] = true;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

enum hl_err svc_recruit_rank_store(struct svc_ctx *ctx, int64_t requisition, const int64_t *ids,
                                   size_t n, struct hl_error *err)
{
    json_t *req = NULL;
    enum hl_err e = store_entity_get(ctx->db, &ent_requisition, requisition, &req, err);
    if (e != HL_OK || (e = store_recruit_fts_ready(ctx->db, err)) != HL_OK) {
        json_decref(req);
        return e;
    }
    /* One pass of the terms' query over the search index instead of one query a row; the
     * rows it does not find mention no term and only need their length. */
    struct terms t;
    terms_init(&t, req);
    struct bulk b = {&t, NULL, n, NULL, NULL, NULL, NULL};
    int64_t *sorted = hl_malloc((n ? n : 1) * sizeof *sorted);
    memcpy(sorted, ids, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_int64);
    b.ids = sorted;
    b.doclen = hl_calloc(n ? n : 1, sizeof *b.doclen);
    b.found = hl_calloc(n ? n : 1, sizeof *b.found);
    b.freq = hl_calloc((n ? n : 1) * RANK_TERMS_MAX, sizeof *b.freq);
    b.seen = hl_calloc(n ? n : 1, sizeof *b.seen);
    if (t.nphrase > 0)
        e = store_recruit_terms_all(ctx->db, t.query.data, t.nphrase, on_bulk, &b, err);
    for (size_t i = 0; e == HL_OK && i < n; i++) {
        unsigned char blob[RANK_BLOB_MAX];
        size_t len;
        if (!b.seen[i]) {
            struct rank_row row;
            e = terms_compute(ctx->db, sorted[i], &t, &row, &b.freq[i * RANK_TERMS_MAX], blob, &len,
                              err);
        } else {
            len =
                rank_row_encode(t.sig, b.doclen[i], b.found[i], &b.freq[i * RANK_TERMS_MAX], blob);
        }
        if (e == HL_OK)
            e = store_recruit_terms_put(ctx->db, sorted[i], blob, len, err);
    }
    buf_cleanup(&t.query);
    free(sorted);
    free(b.doclen);
    free(b.found);
    free(b.freq);
    free(b.seen);
    json_decref(req);
    return e;
}

/* The applications read for one ranking: their numbers (freqs in pool at off[i]) and those
 * whose stored numbers are missing or for other terms. */
struct scan {
    uint32_t sig;
    struct rank_row *rows;
    size_t *off, n, cap;
    uint16_t *pool;
    size_t plen, pcap;
    size_t *stale, nstale, scap;
};

static void on_row(void *cls, int64_t id, const void *blob, int len)
{
    struct scan *s = cls;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->rows = hl_realloc(s->rows, s->cap * sizeof *s->rows);
        s->off = hl_realloc(s->off, s->cap * sizeof *s->off);
    }
    if (s->plen + RANK_TERMS_MAX > s->pcap) {
        s->pcap = 2 * (s->pcap + RANK_TERMS_MAX);
        s->pool = hl_realloc(s->pool, s->pcap * sizeof *s->pool);
    }
    struct rank_row *r = &s->rows[s->n];
    memset(r, 0, sizeof *r);
    r->id = id;
    s->off[s->n] = s->plen;
    if (rank_row_decode(blob, len > 0 ? (size_t)len : 0, s->sig, r, s->pool + s->plen)) {
        for (uint64_t f = r->found; f; f &= f - 1)
            s->plen++;
    } else {
        if (s->nstale == s->scap) {
            s->scap = s->scap ? 2 * s->scap : 64;
            s->stale = hl_realloc(s->stale, s->scap * sizeof *s->stale);
        }
        s->stale[s->nstale++] = s->n;
        s->plen += RANK_TERMS_MAX; /* room for its numbers, computed after the scan */
    }
    s->n++;
}

/* The manager's extra words: found in which of the rows, how often (the rows' ids sorted in
 * order[] for the lookup). */
struct by_id {
    int64_t id;
    size_t i;
};

struct words {
    const struct scan *s;
    const struct by_id *order;
    uint16_t *qpool;
    unsigned nwords;
};

static int cmp_id(const void *a, const void *b)
{
    int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
    return (x > y) - (x < y);
}

static void on_word(void *cls, int64_t id, uint32_t doclen, const uint32_t *freq,
                    const uint32_t *hit)
{
    (void)doclen;
    struct words *w = cls;
    size_t lo = 0, hi = w->s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->order[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == w->s->n || w->order[lo].id != id)
        return; /* another requisition's, or filtered out */
    size_t i = w->order[lo].i;
    struct rank_row *r = &w->s->rows[i];
    uint16_t *qf = w->qpool + i * w->nwords;
    for (unsigned k = 0; k < w->nwords; k++)
        if (hit[k]) {
            r->qfound |= 1u << k;
            qf[k] = freq[k] > 65535 ? 65535 : (uint16_t)freq[k];
        }
    r->qfreq = qf;
}

/* "mentions Finnish and board minutes; no Excel": the explanation of one rank. */
static json_t *explain(const struct rank_item *it, const json_t *skills, const json_t *langs)
{
    json_t *found = json_array(), *missing = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(langs, i, v)
        json_array_append((it->langs_found >> i) & 1 ? found : missing, v);
    json_array_foreach(skills, i, v)
        json_array_append((it->skills_found >> i) & 1 ? found : missing, v);
    struct buf b;
    buf_init(&b, 16 * 1024);
    for (size_t k = 0; k < json_array_size(found); k++)
        buf_printf(&b, "%s%s",
                   k == 0                            ? "mentions "
                   : k + 1 == json_array_size(found) ? " and "
                                                     : ", ",
                   json_string_value(json_array_get(found, k)));
    if (json_array_size(missing)) {
        buf_puts(&b, json_array_size(found) ? "; no " : "no ");
        for (size_t k = 0; k < json_array_size(missing); k++)
            buf_printf(&b, "%s%s", k ? ", " : "", json_string_value(json_array_get(missing, k)));
    }
    if (b.len == 0)
        buf_puts(&b, "nothing asked for");
    buf_append(&b, "", 1);
    char *text = buf_steal(&b);
    buf_cleanup(&b);
    json_t *o = json_pack("{ss so so}", "text", text, "found", found, "missing", missing);
    free(text);
    return o;
}

/* Stores the numbers of the applications a ranking found without them (added by hand, or
 * their requisition's terms changed), each computed again inside the write so a change since
 * the read is not lost. Best effort: the ranking answered already. */
static void terms_repair(struct svc_ctx *ctx, const struct terms *t, const int64_t *ids, size_t n)
{
    struct hl_error err;
    hl_error_clear(&err);
    if (n == 0 || db_tx_depth(ctx->db) > 0 || db_read_only(ctx->db) ||
        db_begin(ctx->db, true, &err) != HL_OK)
        return;
    enum hl_err e = HL_OK;
    for (size_t i = 0; e == HL_OK && i < n; i++) {
        struct rank_row row;
        uint16_t freqs[RANK_TERMS_MAX];
        unsigned char blob[RANK_BLOB_MAX];
        size_t len;
        e = terms_compute(ctx->db, ids[i], t, &row, freqs, blob, &len, &err);
        if (e == HL_OK)
            e = store_recruit_terms_put(ctx->db, ids[i], blob, len, &err);
    }
    if (e == HL_OK)
        e = db_commit(ctx->db, &err);
    else
        db_rollback(ctx->db);
    if (e != HL_OK)
        fprintf(stderr, "haldus: screening numbers not stored: %s\n", err.message);
}

enum hl_err svc_recruit_rank(struct svc_ctx *ctx, int64_t requisition, const struct rank_filter *f,
                             json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = store_recruit_fts_ready(ctx->db, err)) != HL_OK ||
        (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    json_t *req = NULL, *items = json_array();
    struct terms t;
    struct scan s = {0};
    struct words w = {0};
    struct by_id *order = NULL;
    size_t limit = f->limit > 0 ? (size_t)f->limit : 50;
    int64_t *stale_ids = NULL;
    struct rank_item *top = hl_calloc(limit, sizeof *top);
    struct buf q;
    buf_init(&q, 64 * 1024);
    memset(&t, 0, sizeof t);
    buf_init(&t.query, 16);
    if ((e = store_entity_get(ctx->db, &ent_requisition, requisition, &req, err)) != HL_OK)
        goto out;
    buf_cleanup(&t.query);
    terms_init(&t, req);
    s.sig = t.sig;
    if ((e = store_recruit_rank_scan(ctx->db, requisition, f->stage, f->language, on_row, &s,
                                     err)) != HL_OK)
        goto out;
    for (size_t i = 0; i < s.n; i++)
        s.rows[i].freq = s.pool + s.off[i];
    /* Rows without their numbers: computed from the search index now, stored afterwards. */
    stale_ids = hl_malloc((s.nstale ? s.nstale : 1) * sizeof *stale_ids);
    for (size_t k = 0; e == HL_OK && k < s.nstale; k++) {
        struct rank_row *r = &s.rows[s.stale[k]];
        unsigned char blob[RANK_BLOB_MAX];
        size_t len;
        stale_ids[k] = r->id;
        e = terms_compute(ctx->db, r->id, &t, r, s.pool + s.off[s.stale[k]], blob, &len, err);
    }
    /* The manager's extra words: each a phrase of its own, counted for the rows found. */
    if (e == HL_OK && f->q && !blank(f->q)) {
        char *words = hl_strdup(f->q), *save = NULL;
        for (char *x = strtok_r(words, " \t", &save); x && w.nwords < RANK_WORDS_MAX;
             x = strtok_r(NULL, " \t", &save)) {
            if (q.len)
                buf_puts(&q, " OR ");
            phrase(&q, x);
            w.nwords++;
        }
        free(words);
        order = hl_malloc((s.n ? s.n : 1) * sizeof *order);
        for (size_t i = 0; i < s.n; i++)
            order[i] = (struct by_id){s.rows[i].id, i};
        qsort(order, s.n, sizeof *order, cmp_id);
        w.s = &s;
        w.order = order;
        w.qpool = hl_calloc((s.n ? s.n : 1) * w.nwords, sizeof *w.qpool);
        e = store_recruit_terms_all(ctx->db, q.data, w.nwords, on_word, &w, err);
    }
    if (e != HL_OK)
        goto out;
    struct rank_query rq = {t.nskills, t.nlangs, t.phrases, w.nwords, f->must_met, limit};
    size_t total = rank_top(s.rows, s.n, &rq, top), shown = total < limit ? total : limit;
    for (size_t i = 0; i < shown; i++) {
        json_t *app = NULL;
        if ((e = store_entity_get(ctx->db, &ent_application, top[i].id, &app, err)) != HL_OK)
            goto out;
        json_object_del(app, "resume_text");
        json_t *row = json_pack("{sI sf so so}", "application_id", (json_int_t)top[i].id, "score",
                                (double)(int)(top[i].score * 10 + 0.5) / 10, "explanation",
                                explain(&top[i], t.skills, t.langs), "application", app);
        json_array_append_new(items, row);
    }
    *out = json_pack("{sI sI so}", "requisition_id", (json_int_t)requisition, "total",
                     (json_int_t)total, "items", items);
    items = NULL;
out:
    e = finish_tx(ctx, e, err);
    if (e == HL_OK)
        terms_repair(ctx, &t, stale_ids, s.nstale);
    buf_cleanup(&q);
    buf_cleanup(&t.query);
    free(s.rows);
    free(s.off);
    free(s.pool);
    free(s.stale);
    free(stale_ids);
    free(order);
    free(w.qpool);
    free(top);
    json_decref(req);
    json_decref(items);
    return e;
}

/* ---- the board ---- */

static const char *const board_stages[] = {"applied", "screening", "interview", "offer",
                                           "hired",   "rejected",  "withdrawn"};

enum hl_err svc_recruit_board(struct svc_ctx *ctx, int64_t requisition, json_t **out,
                              struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    json_t *req = NULL, *hist = NULL, *apps = NULL, *offers = NULL, *cols = json_array();
    struct list_query lq = {.limit = 500};
    bool more = false;
    lq.filters[0].field = entity_field(&ent_application, "requisition_id");
    lq.filters[0].value = json_integer(requisition);
    lq.nfilters = 1;
    if ((e = store_entity_get(ctx->db, &ent_requisition, requisition, &req, err)) != HL_OK ||
        (e = store_recruit_stages(ctx->db, requisition, 0, &hist, err)) != HL_OK ||
        (e = offer_board(ctx, requisition, &offers, err)) != HL_OK)
        goto out;
    int64_t now = db_now(ctx->db);
    for (size_t s = 0; s < NELEMS(board_stages); s++) {
        double total = 0;
        size_t visits = 0;
        size_t i;
        json_t *h;
        json_array_foreach(hist, i, h)
        {
            if (strcmp(json_string_value(json_object_get(h, "stage")), board_stages[s]) != 0)
                continue;
            json_t *left = json_object_get(h, "left_at");
            int64_t end = json_is_integer(left) ? json_integer_value(left) : now;
            total += (double)(end - json_integer_value(json_object_get(h, "entered_at")));
            visits++;
        }
        json_array_append_new(cols, json_pack("{ss sI so sf}", "stage", board_stages[s], "count",
                                              (json_int_t)0, "items", json_array(), "average_days",
                                              visits ? total / visits / 86400.0 : 0.0));
    }
    for (;;) {
        if ((e = store_entity_list(ctx->db, &ent_application, &lq, &apps, &more, err)) != HL_OK)
            goto out;
        size_t i;
        json_t *a;
        json_array_foreach(apps, i, a)
        {
            const char *st = json_string_value(json_object_get(a, "stage"));
            for (size_t s = 0; st && s < NELEMS(board_stages); s++) {
                if (strcmp(st, board_stages[s]) != 0)
                    continue;
                json_t *col = json_array_get(cols, s);
                json_t *at = json_object_get(a, "stage_at");
                int64_t since;
                if (!json_is_string(at) || !instant_parse(json_string_value(at), &since))
                    instant_parse(json_string_value(json_object_get(a, "created_at")), &since);
                char key[24];
                snprintf(key, sizeof key, "%lld",
                         (long long)json_integer_value(json_object_get(a, "id")));
                json_array_append_new(
                    json_object_get(col, "items"),
                    json_pack("{sO sO sO sO sf sO?}", "id", json_object_get(a, "id"), "name",
                              json_object_get(a, "name"), "version", json_object_get(a, "version"),
                              "source", json_object_get(a, "source"), "days_in_stage",
                              (double)(now - since) / 86400.0, "offer_status",
                              json_object_get(offers, key)));
                json_object_set_new(
                    col, "count",
                    json_integer(json_integer_value(json_object_get(col, "count")) + 1));
            }
            lq.after_id = json_integer_value(json_object_get(a, "id"));
        }
        json_decref(apps);
        apps = NULL;
        if (!more)
            break;
    }
    *out = json_pack("{sO sO so}", "requisition_id", json_object_get(req, "id"), "title",
                     json_object_get(req, "title"), "stages", cols);
    cols = NULL;
out:
    json_decref(lq.filters[0].value);
    json_decref(req);
    json_decref(offers);
    json_decref(hist);
    json_decref(apps);
    json_decref(cols);
    return finish_tx(ctx, e, err);
}

/* ---- the candidate's data ---- */

enum hl_err svc_recruit_export(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    json_t *app = NULL, *hist = NULL, *offers = NULL;
    if ((e = store_entity_get(ctx->db, &ent_application, id, &app, err)) == HL_OK &&
        (e = store_recruit_stages(ctx->db, 0, id, &hist, err)) == HL_OK &&
        (e = offer_export(ctx, id, &offers, err)) == HL_OK) {
        *out = json_pack("{sO sO sO}", "application", app, "stages", hist, "offers", offers);
    }
    json_decref(app);
    json_decref(hist);
    json_decref(offers);
    return finish_tx(ctx, e, err);
}

enum hl_err svc_recruit_erase(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                              struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    json_t *app = NULL, *fact = NULL;
    if ((e = store_entity_get(ctx->db, &ent_application, id, &app, err)) != HL_OK)
        goto out;
    if (if_match != IF_MATCH_NONE &&
        if_match != json_integer_value(json_object_get(app, "version"))) {
        e = hl_fail(err, HL_ERR_STALE, NULL, "application %lld is at version %lld, not %lld",
                    (long long)id, (long long)json_integer_value(json_object_get(app, "version")),
                    (long long)if_match);
        goto out;
    }
    if ((e = store_recruit_erase(ctx->db, id, json_string_value(json_object_get(app, "email")),
                                 err)) != HL_OK)
        goto out;
    /* The fact, not the data: which application of which requisition, nothing of the person. */
    fact = json_pack("{sO sO}", "requisition_id", json_object_get(app, "requisition_id"), "stage",
                     json_object_get(app, "stage"));
    e = svc_audit(ctx, "erase", "application", id, NULL, fact, err);
out:
    json_decref(app);
    json_decref(fact);
    return finish_tx(ctx, e, err);
}

enum hl_err svc_recruit_resume(struct svc_ctx *ctx, int64_t id, unsigned char **data, size_t *len,
                               char **name, char **type, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    json_t *app = NULL;
    if ((e = store_entity_get(ctx->db, &ent_application, id, &app, err)) == HL_OK &&
        (e = store_recruit_file_get(ctx->db, id, data, len, err)) == HL_OK) {
        const char *n = json_string_value(json_object_get(app, "resume_name"));
        const char *t = json_string_value(json_object_get(app, "resume_type"));
        *name = hl_strdup(n ? n : "resume");
        *type = hl_strdup(t ? t : "text");
    } else if (e == HL_ERR_NOT_FOUND && app) {
        /* Added by hand: the text the manager pasted is the resume. */
        const char *text = json_string_value(json_object_get(app, "resume_text"));
        *data = (unsigned char *)hl_strdup(text ? text : "");
        *len = strlen((char *)*data);
        *name = hl_strdup("resume.txt");
        *type = hl_strdup("text");
        e = HL_OK;
    }
    json_decref(app);
    return finish_tx(ctx, e, err);
}

/* ---- e-mails to the candidate ---- */

static const struct mail_template mail_received = {
    "recruit.received",
    {"We received your application: {title}", "Saime sinu kandideerimisavalduse: {title}"},
    {"Hello {name},\n\nthank you for applying for \"{title}\". We have your application and "
     "will be in touch.\n\nWe keep your data only for this recruitment; you may ask us to show "
     "or erase it at any time.\n\n— {org}",
     "Tere, {name}!\n\nAitäh, et kandideerisid ametikohale „{title}“. Saime sinu avalduse "
     "kätte ja võtame sinuga ühendust.\n\nHoiame sinu andmeid ainult selle värbamise jaoks; "
     "võid igal ajal paluda neid näha või kustutada.\n\n— {org}"},
};
static const struct mail_template mail_invited = {
    "recruit.invited",
    {"Interview invitation: {title}", "Kutse vestlusele: {title}"},
    {"Hello {name},\n\nwe would like to meet you for an interview for \"{title}\". We will send "
     "you the time shortly.\n\n— {org}",
     "Tere, {name}!\n\nsoovime sinuga kohtuda vestlusel ametikoha „{title}“ asjus. Saadame "
     "sulle peagi aja.\n\n— {org}"},
};
static const struct mail_template mail_rejected = {
    "recruit.rejected",
    {"Your application: {title}", "Sinu kandideerimine: {title}"},
    {"Hello {name},\n\nthank you for your interest in \"{title}\". We have decided to go on "
     "with other candidates.\n\nWe keep your data for {keep} and then delete it.\n\n"
     "— {org}",
     "Tere, {name}!\n\naitäh huvi eest ametikoha „{title}“ vastu. Otsustasime jätkata teiste "
     "kandidaatidega.\n\nHoiame sinu andmeid {keep} ja kustutame need siis.\n\n— {org}"},
};

char *recruit_keep_words(int days, bool et)
{
    long months = lround(days / 30.5);
    if (months >= 1 && lround(months * 30.5) == days)
        return months == 1 ? hl_strdup(et ? "1 kuu" : "1 month")
                           : hl_asprintf(et ? "%ld kuud" : "%ld months", months);
    return days == 1 ? hl_strdup(et ? "1 päev" : "1 day")
                     : hl_asprintf(et ? "%d päeva" : "%d days", days);
}

/* Queues the mail of a stage change (interview, offer, reject) to the candidate, in their
 * language, inside the action's transaction. */
static enum hl_err candidate_mail(struct svc_ctx *ctx, const struct mail_template *tpl,
                                  const json_t *app, struct hl_error *err)
{
    json_t *req = NULL;
    enum hl_err e =
        store_entity_get(ctx->db, &ent_requisition,
                         json_integer_value(json_object_get(app, "requisition_id")), &req, err);
    if (e != HL_OK)
        return e;
    const char *lang = json_string_value(json_object_get(app, "lang"));
    bool et = lang && strcmp(lang, "et") == 0;
    int days;
    int64_t version;
    if ((e = store_recruit_retention(ctx->db, &days, &version, err)) != HL_OK) {
        json_decref(req);
        return e;
    }
    char *keep = recruit_keep_words(days, et);
    json_t *params = json_pack("{sO sO ss ss}", "name", json_object_get(app, "name"), "title",
                               json_object_get(req, "title"), "org", "Haldus", "keep", keep);
    struct mail_to to = {0, json_string_value(json_object_get(app, "email")),
                         et ? MAIL_ET : MAIL_EN};
    e = mail_enqueue(ctx, tpl, &to, params, NULL, NULL, err);
    json_decref(params);
    free(keep);
    json_decref(req);
    return e;
}

enum hl_err recruit_stage_mail(struct svc_ctx *ctx, const char *action, const json_t *cur,
                               struct hl_error *err)
{
    const struct mail_template *tpl = strcmp(action, "interview") == 0 ? &mail_invited
                                      : strcmp(action, "reject") == 0  ? &mail_rejected
                                                                       : NULL;
    return tpl ? candidate_mail(ctx, tpl, cur, err) : HL_OK;
}

/* ---- applying ---- */

enum hl_err svc_recruit_apply(struct svc_ctx *ctx, const struct careers_form *f,
                              enum resume_type type, const char *text, const char *lang,
                              int64_t *id, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    json_t *posts = NULL, *body = NULL, *sys = NULL, *app = NULL, *langs = json_array();
    if ((e = store_recruit_public(ctx->db, f->posting_id, &posts, err)) != HL_OK)
        goto out;
    json_t *post = json_array_get(posts, 0);
    if (!post || json_integer_value(json_object_get(post, "id")) != f->posting_id) {
        e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "no such job posting (it may have closed)");
        goto out;
    }
    /* Languages: a comma-separated list typed by the candidate. */
    if (f->languages) {
        char *copy = hl_strdup(f->languages), *save = NULL;
        for (char *w = strtok_r(copy, ",;", &save); w && json_array_size(langs) < 10;
             w = strtok_r(NULL, ",;", &save)) {
            while (*w == ' ')
                w++;
            size_t n = strlen(w);
            while (n && w[n - 1] == ' ')
                w[--n] = '\0';
            if (n > 0 && n <= 40)
                json_array_append_new(langs, json_string(w));
        }
        free(copy);
    }
    body =
        json_pack("{sO ss ss ss sO ss ss ss}", "requisition_id",
                  json_object_get(post, "requisition_id"), "name", f->name ? f->name : "", "email",
                  f->email ? f->email : "", "phone", f->phone ? f->phone : "", "languages", langs,
                  "note", f->note ? f->note : "", "lang", lang, "resume_text", text ? text : "");
    if (!body) {
        e = hl_fail(err, HL_ERR_INVALID, NULL, "the form's text is not valid UTF-8");
        goto out;
    }
    char name[256];
    snprintf(name, sizeof name, "%s", f->file_name && *f->file_name ? f->file_name : "resume");
    char now[21];
    instant_format(db_now(ctx->db), now);
    json_t *jn = json_string(name);
    sys = json_object();
    json_object_set_new(sys, "source", json_string("careers"));
    json_object_set_new(sys, "stage", json_string("applied"));
    json_object_set_new(sys, "consent_at", json_string(now));
    json_object_set_new(sys, "resume_size", json_integer((json_int_t)f->file_len));
    json_object_set_new(sys, "resume_type", json_string(resume_type_name(type)));
    json_object_set_new(sys, "resume_name", jn ? jn : json_string("resume"));
    if ((e = svc_entity_create_as(ctx, &ent_application, body, sys, &app, err)) != HL_OK)
        goto out;
    *id = json_integer_value(json_object_get(app, "id"));
    if ((e = store_recruit_file_put(ctx->db, *id, f->file, f->file_len, err)) != HL_OK)
        goto out;
    /* Screening's numbers, so ranking never reads this resume's text again. */
    json_t *req = NULL;
    if ((e = store_entity_get(ctx->db, &ent_requisition,
                              json_integer_value(json_object_get(post, "requisition_id")), &req,
                              err)) == HL_OK)
        e = terms_store(ctx, id, 1, req, err);
    json_decref(req);
    if (e != HL_OK)
        goto out;
    json_t *m = json_pack("{sO sO ss}", "name", json_object_get(app, "name"), "email",
                          json_object_get(app, "email"), "lang", lang);
    json_object_set(m, "requisition_id", json_object_get(post, "requisition_id"));
    e = candidate_mail(ctx, &mail_received, m, err);
    json_decref(m);
out:
    json_decref(posts);
    json_decref(body);
    json_decref(sys);
    json_decref(app);
    json_decref(langs);
    return finish_tx(ctx, e, err);
}

/* ---- hiring ---- */

enum hl_err recruit_hire_before(struct svc_ctx *ctx, const json_t *cur, json_t *changes,
                                struct hl_error *err)
{
    json_t *req = NULL, *exec = NULL, *body = NULL, *person = NULL, *found = NULL, *offer = NULL;
    /* An accepted offer, or the manager's override with a reason (offer_recruit.h). */
    enum hl_err e = offer_for_hire(ctx, cur, changes, &offer, err);
    if (e != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_requisition,
                              json_integer_value(json_object_get(cur, "requisition_id")), &req,
                              err)) != HL_OK ||
        (e = store_entity_get(ctx->db, &ent_person,
                              json_integer_value(json_object_get(req, "principal_id")), &exec,
                              err)) != HL_OK)
        goto out;
    body = json_pack("{sO sO sO sO sO sO sO}", "name", json_object_get(cur, "name"), "email",
                     json_object_get(cur, "email"), "phone", json_object_get(cur, "phone"),
                     "time_zone", json_object_get(exec, "time_zone"), "office",
                     json_object_get(req, "office"), "languages", json_object_get(cur, "languages"),
                     "contracted_hours", json_object_get(req, "hours_per_week"));
    if (json_is_string(json_object_get(req, "start_date")))
        json_object_set(body, "hire_date", json_object_get(req, "start_date"));
    /* The accepted offer's terms come before the requisition's. */
    if (offer) {
        json_object_set(body, "hire_date", json_object_get(offer, "start_date"));
        json_object_set(body, "contracted_hours", json_object_get(offer, "hours_per_week"));
    }
    if ((e = svc_entity_create(ctx, &ent_assistant, body, &person, err)) != HL_OK) {
        if (e == HL_ERR_DUPLICATE)
            e = hl_fail(err, HL_ERR_DUPLICATE, "email",
                        "a person with the candidate's e-mail already exists");
        goto out;
    }
    /* The must-have skills the resume mentions come along (level 3, to be reviewed). */
    found = json_array();
    const char *text = json_string_value(json_object_get(cur, "resume_text"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(req, "must_skills"), i, v)
    {
        const char *s = json_string_value(v);
        if (s && text && strcasestr(text, s))
            json_array_append(found, v);
    }
    int64_t pid = json_integer_value(json_object_get(person, "id"));
    if ((e = store_recruit_skills(ctx->db, pid, found, err)) != HL_OK)
        goto out;
    json_object_set_new(changes, "hired_person_id", json_integer(pid));
    /* The new assistant's login, by invitation to the candidate's e-mail (svc_invite.h). */
    bool invited = false;
    e = account_invite_hired(ctx, pid, json_string_value(json_object_get(cur, "email")),
                             json_string_value(json_object_get(cur, "lang")), &invited, err);
out:
    json_decref(req);
    json_decref(exec);
    json_decref(body);
    json_decref(person);
    json_decref(found);
    json_decref(offer);
    return e;
}

void recruit_hire_after(struct svc_ctx *ctx, int64_t id, json_t *out)
{
    (void)id;
    json_t *req = NULL;
    struct hl_error err;
    if (store_entity_get(ctx->db, &ent_requisition,
                         json_integer_value(json_object_get(out, "requisition_id")), &req,
                         &err) != HL_OK)
        return;
    char today[11]; /* the hired person's today, in their zone */
    store_person_today(ctx->db, json_integer_value(json_object_get(out, "hired_person_id")),
                       db_now(ctx->db), today);
    json_t *start = offer_hire_start(ctx, json_integer_value(json_object_get(out, "id")), req);
    json_object_set_new(
        out, "proposed_assignment",
        json_pack("{sO sO ss ss si}", "assistant_id", json_object_get(out, "hired_person_id"),
                  "principal_id", json_object_get(req, "principal_id"), "kind", "primary",
                  "start_date", json_is_string(start) ? json_string_value(start) : today, "share",
                  100));
    json_decref(start);
    json_object_set_new(out, "invitation_sent",
                        json_boolean(account_invitation_pending(
                            ctx, json_integer_value(json_object_get(out, "hired_person_id")))));
    json_decref(req);
}

void recruit_hire_schema(json_t *schemas)
{
    json_object_set_new(
        schemas, "Hire",
        json_pack("{ss s[{ss} {ss s{s{ss ss} s{ss ss}}}]}", "description",
                  "The hired application, with the assignment to propose (POST it to "
                  "/api/v1/assignments to make it)",
                  "allOf", "$ref", "#/components/schemas/Application", "type", "object",
                  "properties", "proposed_assignment", "type", "object", "description",
                  "{assistant_id, principal_id, kind, start_date, share}", "invitation_sent",
                  "type", "boolean", "description",
                  "an account invitation went to the candidate's e-mail (false: no e-mail, or "
                  "that login exists already)"));
}

/* ---- retention ---- */

enum hl_err svc_recruit_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, false, err)) != HL_OK)
        return e;
    int days;
    int64_t version;
    if ((e = store_recruit_retention(ctx->db, &days, &version, err)) == HL_OK)
        *out = json_pack("{si sI}", "retention_days", days, "version", (json_int_t)version);
    return finish_tx(ctx, e, err);
}

enum hl_err svc_recruit_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                        json_t **out, struct hl_error *err)
{
    enum hl_err e = need_manager(ctx, err);
    if (e != HL_OK)
        return e;
    json_t *d = json_object_get(body, "retention_days");
    if (!json_is_integer(d) || json_integer_value(d) < 1 || json_integer_value(d) > 3650)
        return hl_fail(err, HL_ERR_INVALID, "retention_days",
                       "retention_days must be a whole number of days from 1 to 3650");
    if (if_match == IF_MATCH_NONE)
        return hl_fail(err, HL_ERR_PRECONDITION, "If-Match",
                       "send If-Match with the version you read");
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    int days;
    int64_t version;
    json_t *before = NULL, *after = NULL;
    if ((e = store_recruit_retention(ctx->db, &days, &version, err)) != HL_OK)
        goto out;
    if (version != if_match) {
        e = hl_fail(err, HL_ERR_STALE, NULL, "the setting is at version %lld, not %lld",
                    (long long)version, (long long)if_match);
        goto out;
    }
    before = json_pack("{si}", "retention_days", days);
    if ((e = store_recruit_retention_set(ctx->db, (int)json_integer_value(d), version, err)) !=
            HL_OK ||
        (e = store_recruit_retention(ctx->db, &days, &version, err)) != HL_OK)
        goto out;
    after = json_pack("{si}", "retention_days", days);
    if ((e = svc_audit(ctx, "update", "recruit settings", 1, before, after, err)) == HL_OK)
        *out = json_pack("{si sI}", "retention_days", days, "version", (json_int_t)version);
out:
    json_decref(before);
    json_decref(after);
    return finish_tx(ctx, e, err);
}

enum hl_err recruit_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err)
{
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        return e;
    int days;
    int64_t version;
    json_t *expired = NULL;
    size_t n = 0;
    if ((e = store_recruit_retention(ctx->db, &days, &version, err)) != HL_OK ||
        (e = store_recruit_expired(ctx->db, db_now(ctx->db) - (int64_t)days * 86400, &expired,
                                   err)) != HL_OK)
        goto out;
    size_t i;
    json_t *a;
    json_array_foreach(expired, i, a)
    {
        int64_t id = json_integer_value(json_object_get(a, "id"));
        json_t *fact =
            json_pack("{sO sO si}", "requisition_id", json_object_get(a, "requisition_id"), "stage",
                      json_object_get(a, "stage"), "retention_days", days);
        e = store_recruit_erase(ctx->db, id, json_string_value(json_object_get(a, "email")), err);
        if (e == HL_OK)
            e = svc_audit(ctx, "retention", "application", id, NULL, fact, err);
        json_decref(fact);
        if (e != HL_OK)
            goto out;
        n++;
    }
    if (n > 0)
        *summary = hl_asprintf("%zu rejected or withdrawn candidate%s past %d days erased", n,
                               n == 1 ? "" : "s", days);
out:
    json_decref(expired);
    if ((e = finish_tx(ctx, e, err)) != HL_OK)
        return e;
    /* Sent offers past their answer date expire (offer_recruit.h). */
    char *offers = NULL;
    if ((e = offer_tick(ctx, &offers, err)) == HL_OK && offers) {
        char *both = *summary ? hl_asprintf("%s; %s", *summary, offers) : NULL;
        if (both) {
            free(*summary);
            *summary = both;
        } else {
            *summary = offers;
            offers = NULL;
        }
    }
    free(offers);
    return e;
}
