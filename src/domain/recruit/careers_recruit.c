/* careers_recruit.c: the public careers page — server-rendered HTML that works without
 * JavaScript, under its own strict Content-Security-Policy (no script at all), in Estonian or
 * English (?lang=, else Accept-Language); the application form read with libmicrohttpd's
 * post processor (multipart/form-data); each address throttled before its body is read. All
 * text from outside goes through one escaper, html_escape(). */
#include "recruit.h"
#include "interview_recruit.h"

#include "buf.h"
#include "html_page.h"
#include "http.h"
#include "mem.h"
#include "store_recruit.h"
#include "throttle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define FIELD_MAX 10000 /* bytes of one text field of the form */

/* ---- per-address throttle: at most RECRUIT_APPLY_MAX applications in a sliding window ---- */

static struct throttle apply_throttle =
    THROTTLE_INIT(4096, RECRUIT_APPLY_MAX, RECRUIT_APPLY_WINDOW);

/* ---- the page ---- */

/* A posting's text: paragraphs at blank lines, "- " lines as list items. */
static void html_text(struct buf *b, const char *text)
{
    char *copy = hl_strdup(text ? text : ""), *save = NULL;
    bool in_list = false;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0)
            continue;
        bool item = strncmp(line, "- ", 2) == 0;
        if (item && !in_list)
            buf_puts(b, "<ul>");
        if (!item && in_list)
            buf_puts(b, "</ul>");
        in_list = item;
        buf_puts(b, item ? "<li>" : "<p>");
        html_escape(b, item ? line + 2 : line);
        buf_puts(b, item ? "</li>" : "</p>");
    }
    if (in_list)
        buf_puts(b, "</ul>");
    free(copy);
}

struct words {
    const char *jobs, *intro, *none, *apply, *name, *email, *phone, *languages, *languages_hint,
        *note, *resume, *resume_hint, *consent, *send, *thanks, *thanks_text, *back, *other, *error,
        *throttled, *office, *required;
};

static const struct words words_en = {
    "Jobs",
    "Open positions",
    "There are no open positions right now.",
    "Apply",
    "Full name",
    "E-mail",
    "Phone",
    "Languages you speak",
    "separated by commas, e.g. Estonian, English",
    "Cover note",
    "Resume",
    "PDF, DOCX, ODT or a text file, at most 10 MB",
    "I agree that my data is processed for this recruitment and kept for %s after it",
    "Send application",
    "Thank you",
    "We received your application and sent you a confirmation "
    "by e-mail.",
    "All positions",
    "Eesti keeles",
    "Your application was not sent",
    "Too many applications from your address; please try again later.",
    "Office",
    "required"};

static const struct words words_et = {
    "Töökohad",
    "Avatud ametikohad",
    "Praegu pole avatud ametikohti.",
    "Kandideeri",
    "Ees- ja perekonnanimi",
    "E-post",
    "Telefon",
    "Keeled, mida räägid",
    "komadega eraldatud, nt eesti, inglise",
    "Kaaskiri",
    "CV",
    "PDF, DOCX, ODT või tekstifail, kuni 10 MB",
    "Nõustun, et minu andmeid töödeldakse selle värbamise jaoks ja hoitakse %s pärast seda",
    "Saada avaldus",
    "Aitäh",
    "Saime sinu avalduse kätte ja saatsime kinnituse e-postiga.",
    "Kõik ametikohad",
    "In English",
    "Sinu avaldust ei saadetud",
    "Sinu aadressilt on tulnud liiga palju avaldusi; proovi hiljem uuesti.",
    "Asukoht",
    "kohustuslik"};

static const struct words *words_for(const char *lang)
{
    return strcmp(lang, "et") == 0 ? &words_et : &words_en;
}

static void page_error(struct response *res, const char *lang, int status, const char *message)
{
    const struct words *w = words_for(lang);
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, w->error, CAREERS_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, w->error);
    buf_puts(&b, "</h1><p role=\"alert\">");
    html_escape(&b, message);
    buf_printf(&b, "</p><p><a href=\"/careers?lang=%s\">", lang);
    html_escape(&b, w->back);
    buf_puts(&b, "</a></p>");
    html_page_send(&b, res, status, HTML_PAGE_CSP);
    buf_cleanup(&b);
}

enum hl_err careers_style(struct request *req, struct response *res, struct hl_error *err)
{
    (void)req;
    (void)err;
    static const char css[] =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}"
        "main{max-width:44rem;margin:0 auto;padding:1rem}"
        "a{color:#0b57d0}h1{font-size:1.6rem}"
        "li.job{margin:.5rem 0}label{display:block;margin-top:1rem;font-weight:600}"
        "input[type=text],input[type=email],input[type=tel],textarea{width:100%;"
        "box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #767676;"
        "border-radius:4px}textarea{min-height:8rem}"
        ".hint{font-weight:400;color:#4a4a4a;font-size:.9rem}"
        ".consent{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}"
        "button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#0b57d0;"
        "color:#fff;border:0;border-radius:4px}nav{margin-bottom:1rem}";
    html_page_style(res, css, sizeof css - 1, HTML_PAGE_CSP);
    return HL_OK;
}

static enum hl_err public_postings(struct request *req, int64_t id, json_t **out,
                                   struct hl_error *err)
{
    enum hl_err e = db_begin(req->ctx.db, false, err);
    if (e != HL_OK)
        return e;
    e = store_recruit_public(req->ctx.db, id, out, err);
    if (e == HL_OK)
        return db_commit(req->ctx.db, err);
    db_rollback(req->ctx.db);
    return e;
}

enum hl_err careers_list(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = html_page_lang(req);
    const struct words *w = words_for(lang);
    json_t *posts = NULL;
    enum hl_err e = public_postings(req, 0, &posts, err);
    if (e != HL_OK)
        return e;
    struct buf b;
    buf_init(&b, 4 * 1024 * 1024);
    html_page_start(&b, lang, w->jobs, CAREERS_STYLE);
    buf_printf(&b, "<nav><a href=\"/careers?lang=%s\" lang=\"%s\">",
               strcmp(lang, "et") ? "et" : "en", strcmp(lang, "et") ? "et" : "en");
    html_escape(&b, w->other);
    buf_puts(&b, "</a></nav><h1>");
    html_escape(&b, w->intro);
    buf_puts(&b, "</h1>");
    /* One entry per requisition: its posting in the page's language, else the other. */
    size_t shown = 0, i;
    json_t *p;
    buf_puts(&b, "<ul>");
    json_array_foreach(posts, i, p)
    {
        json_t *next = json_array_get(posts, i + 1);
        json_t *prev = i ? json_array_get(posts, i - 1) : NULL;
        int64_t rq = json_integer_value(json_object_get(p, "requisition_id"));
        bool mine = strcmp(json_string_value(json_object_get(p, "lang")), lang) == 0;
        bool twin_next = next && json_integer_value(json_object_get(next, "requisition_id")) == rq;
        bool twin_prev = prev && json_integer_value(json_object_get(prev, "requisition_id")) == rq;
        if (!mine && (twin_next || twin_prev))
            continue;
        buf_printf(&b, "<li class=\"job\"><a href=\"/careers/%lld?lang=%s\">",
                   (long long)json_integer_value(json_object_get(p, "id")), lang);
        html_escape(&b, json_string_value(json_object_get(p, "title")));
        buf_puts(&b, "</a> — ");
        html_escape(&b, json_string_value(json_object_get(p, "office")));
        buf_puts(&b, "</li>");
        shown++;
    }
    buf_puts(&b, "</ul>");
    if (shown == 0) {
        buf_puts(&b, "<p>");
        html_escape(&b, w->none);
        buf_puts(&b, "</p>");
    }
    html_page_send(&b, res, 200, HTML_PAGE_CSP);
    buf_cleanup(&b);
    json_decref(posts);
    return HL_OK;
}

static void form_field(struct buf *b, const char *id, const char *type, const char *label,
                       const char *hint, bool required, const char *extra)
{
    buf_printf(b, "<label for=\"%s\">", id);
    html_escape(b, label);
    if (hint) {
        buf_puts(b, " <span class=\"hint\">(");
        html_escape(b, hint);
        buf_puts(b, ")</span>");
    }
    buf_puts(b, "</label>");
    if (strcmp(type, "textarea") == 0)
        buf_printf(b, "<textarea id=\"%s\" name=\"%s\" maxlength=\"%d\"%s></textarea>", id, id,
                   FIELD_MAX, required ? " required" : "");
    else
        buf_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\"%s%s>", type, id, id,
                   required ? " required" : "", extra ? extra : "");
}

enum hl_err careers_posting(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = html_page_lang(req);
    const struct words *w = words_for(lang);
    json_t *posts = NULL;
    enum hl_err e = public_postings(req, req->ids[0], &posts, err);
    if (e != HL_OK)
        return e;
    json_t *p = json_array_get(posts, 0);
    if (!p || json_integer_value(json_object_get(p, "id")) != req->ids[0]) {
        json_decref(posts);
        page_error(res, lang, 404,
                   strcmp(lang, "et") == 0 ? "Sellist töökohta pole."
                                           : "There is no such position.");
        return HL_OK;
    }
    /* The page's language is the posting's own. */
    const char *plang = json_string_value(json_object_get(p, "lang"));
    lang = strcmp(plang, "et") == 0 ? "et" : "en";
    w = words_for(lang);
    struct buf b;
    buf_init(&b, 4 * 1024 * 1024);
    html_page_start(&b, lang, json_string_value(json_object_get(p, "title")), CAREERS_STYLE);
    buf_printf(&b, "<nav><a href=\"/careers?lang=%s\">", lang);
    html_escape(&b, w->back);
    buf_puts(&b, "</a>");
    json_t *twin = json_array_get(posts, 1);
    if (twin) {
        const char *tl = json_string_value(json_object_get(twin, "lang"));
        buf_printf(&b, " · <a href=\"/careers/%lld\" lang=\"%s\">",
                   (long long)json_integer_value(json_object_get(twin, "id")),
                   strcmp(tl, "et") == 0 ? "et" : "en");
        html_escape(&b, w->other);
        buf_puts(&b, "</a>");
    }
    buf_puts(&b, "</nav><h1>");
    html_escape(&b, json_string_value(json_object_get(p, "title")));
    buf_puts(&b, "</h1><p>");
    html_escape(&b, w->office);
    buf_puts(&b, ": ");
    html_escape(&b, json_string_value(json_object_get(p, "office")));
    buf_puts(&b, "</p>");
    html_text(&b, json_string_value(json_object_get(p, "body")));
    buf_puts(&b, "<h2 id=\"apply\">");
    html_escape(&b, w->apply);
    buf_printf(&b,
               "</h2><form method=\"post\" action=\"/careers/%lld/apply?lang=%s\" "
               "enctype=\"multipart/form-data\" aria-labelledby=\"apply\">",
               (long long)req->ids[0], lang);
    form_field(&b, "name", "text", w->name, NULL, true, " maxlength=\"200\" autocomplete=\"name\"");
    form_field(&b, "email", "email", w->email, NULL, true,
               " maxlength=\"254\" autocomplete=\"email\"");
    form_field(&b, "phone", "tel", w->phone, NULL, false, " maxlength=\"50\" autocomplete=\"tel\"");
    form_field(&b, "languages", "text", w->languages, w->languages_hint, false,
               " maxlength=\"400\"");
    form_field(&b, "note", "textarea", w->note, NULL, false, NULL);
    form_field(&b, "resume", "file", w->resume, w->resume_hint, true,
               " accept=\".pdf,.docx,.odt,.txt,application/pdf,text/plain\"");
    buf_puts(&b, "<label class=\"consent\"><input type=\"checkbox\" name=\"consent\" "
                 "value=\"yes\" required> ");
    {
        /* the period is the retention setting's (a public page reads it without a sign-in) */
        int days = RECRUIT_RETENTION_DAYS;
        int64_t version;
        struct hl_error ignore = {0};
        if (db_begin(req->ctx.db, false, &ignore) == HL_OK) {
            if (store_recruit_retention(req->ctx.db, &days, &version, &ignore) != HL_OK)
                days = RECRUIT_RETENTION_DAYS;
            db_rollback(req->ctx.db);
        }
        char *keep = recruit_keep_words(days, strcmp(lang, "et") == 0);
        char *consent = hl_asprintf(w->consent, keep);
        html_escape(&b, consent);
        free(consent);
        free(keep);
    }
    buf_puts(&b, "</label><button type=\"submit\">");
    html_escape(&b, w->send);
    buf_puts(&b, "</button></form>");
    html_page_send(&b, res, 200, HTML_PAGE_CSP);
    buf_cleanup(&b);
    json_decref(posts);
    return HL_OK;
}

/* ---- the form ---- */

struct form_reader {
    struct careers_form *f;
    struct buf file;
    size_t total; /* bytes of the text fields */
};

static char **text_slot(struct careers_form *f, const char *key)
{
    if (strcmp(key, "name") == 0)
        return &f->name;
    if (strcmp(key, "email") == 0)
        return &f->email;
    if (strcmp(key, "phone") == 0)
        return &f->phone;
    if (strcmp(key, "note") == 0)
        return &f->note;
    if (strcmp(key, "languages") == 0)
        return &f->languages;
    if (strcmp(key, "consent") == 0)
        return &f->consent;
    return NULL;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data, uint64_t off,
                                size_t size)
{
    (void)kind;
    (void)content_type; /* what the browser claims is not trusted: the bytes decide */
    (void)transfer_encoding;
    struct form_reader *r = cls;
    if (!key)
        return MHD_YES;
    if (strcmp(key, "resume") == 0) {
        if (filename && !r->f->file_name)
            r->f->file_name = hl_strndup(filename, 200);
        if (size && !buf_append(&r->file, data, size))
            r->f->file_too_large = true;
        return MHD_YES;
    }
    char **slot = text_slot(r->f, key);
    if (!slot)
        return MHD_YES; /* unknown fields are ignored */
    r->total += size;
    if (r->total > 6 * FIELD_MAX || off + size > FIELD_MAX) {
        r->f->form_too_large = true;
        return MHD_YES;
    }
    size_t have = *slot ? strlen(*slot) : 0;
    if (off != have)
        return MHD_YES; /* a repeated field: the first one counts */
    *slot = hl_realloc(*slot, have + size + 1);
    memcpy(*slot + have, data, size);
    (*slot)[have + size] = '\0';
    return MHD_YES;
}

static void form_cleanup(struct careers_form *f)
{
    free(f->name);
    free(f->email);
    free(f->phone);
    free(f->note);
    free(f->languages);
    free(f->consent);
    free(f->file);
    free(f->file_name);
}

/* The form's body at most: one resume file and the fields around it. */
#define CAREERS_BODY_MAX (RECRUIT_FILE_MAX + 64 * 1024)

enum hl_err careers_admit(struct request *req, struct response *res, struct hl_error *err)
{
    /* Refused on its Content-Length, before a byte of the body is read (the server's upload
     * limit is larger, for an organisation's files). */
    const char *cl = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > CAREERS_BODY_MAX) {
        const char *lang = html_page_lang(req);
        page_error(res, lang, 413,
                   strcmp(lang, "et") == 0 ? "CV fail on suurem kui 10 MB."
                                           : "The resume file is larger than 10 MB.");
        return hl_fail(err, HL_ERR_TOO_LARGE, NULL, "the application is larger than %d bytes",
                       CAREERS_BODY_MAX);
    }
    int64_t wait = 0;
    if (throttle_take(&apply_throttle, req->address, (int64_t)time(NULL), &wait))
        return HL_OK;
    const char *lang = html_page_lang(req);
    page_error(res, lang, 429, words_for(lang)->throttled);
    return hl_fail(err, HL_ERR_THROTTLED, NULL,
                   "too many applications from this address; try again in %lld seconds",
                   (long long)wait);
}

/* The form's check, field by field: the message shown on the page, NULL when all is well. */
static const char *form_problem(const struct careers_form *f, bool et)
{
    if (f->form_too_large)
        return et ? "Mõni väli on liiga pikk." : "A field of the form is too long.";
    if (f->file_too_large)
        return et ? "CV fail on suurem kui 10 MB." : "The resume file is larger than 10 MB.";
    if (!f->name || !*f->name || strlen(f->name) > 200)
        return et ? "Nimi on puudu." : "Your name is missing.";
    const char *at = f->email ? strchr(f->email, '@') : NULL;
    if (!at || at == f->email || !at[1] || strlen(f->email) > 254 || strchr(f->email, ' ') ||
        strchr(f->email, '\n') || strchr(f->email, '\r'))
        return et ? "E-posti aadress pole korrektne." : "The e-mail address is not valid.";
    if (f->phone && strlen(f->phone) > 50)
        return et ? "Telefoninumber on liiga pikk." : "The phone number is too long.";
    if (!f->consent || strcmp(f->consent, "yes") != 0)
        return et ? "Andmete töötlemiseks on vaja sinu nõusolekut."
                  : "We need your consent to process your data.";
    if (f->file_len == 0)
        return et ? "CV fail on puudu." : "The resume file is missing.";
    return NULL;
}

enum hl_err careers_apply(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = html_page_lang(req);
    bool et = strcmp(lang, "et") == 0;
    struct careers_form f = {0};
    f.posting_id = req->ids[0];
    struct form_reader r = {&f, {0}, 0};
    buf_init(&r.file, RECRUIT_FILE_MAX);
    char *text = NULL;
    enum hl_err e = HL_OK;
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0) {
        page_error(res, lang, 415,
                   et ? "Vorm tuleb saata multipart/form-data kujul."
                      : "Send the form as multipart/form-data.");
        goto out;
    }
    struct MHD_PostProcessor *pp = MHD_create_post_processor(req->conn, 64 * 1024, on_field, &r);
    bool parsed =
        pp && MHD_post_process(pp, req->body.data ? req->body.data : "", req->body.len) == MHD_YES;
    if (pp)
        MHD_destroy_post_processor(pp);
    if (!parsed) {
        page_error(res, lang, 400, et ? "Vormi ei saanud lugeda." : "The form could not be read.");
        goto out;
    }
    f.file_len = r.file.len;
    f.file = (unsigned char *)buf_steal(&r.file);
    const char *problem = form_problem(&f, et);
    if (problem) {
        page_error(res, lang, f.file_too_large || f.form_too_large ? 413 : 422, problem);
        goto out;
    }
    enum resume_type type = resume_sniff(f.file, f.file_len);
    if (type == RESUME_NONE) {
        page_error(res, lang, 422,
                   et ? "CV peab olema PDF, DOCX, ODT või tekstifail (tüüp loetakse faili sisust)."
                      : "The resume must be a PDF, DOCX, ODT or text file (its content decides, "
                        "not its name).");
        goto out;
    }
    struct hl_error xerr;
    hl_error_clear(&xerr);
    if (resume_extract(type, f.file, f.file_len, &text, &xerr) != HL_OK) {
        page_error(res, lang, xerr.code == HL_ERR_TOO_LARGE ? 413 : 422, xerr.message);
        goto out;
    }
    int64_t id = 0;
    struct hl_error aerr;
    hl_error_clear(&aerr);
    enum hl_err ae = svc_recruit_apply(&req->ctx, &f, type, text, lang, &id, &aerr);
    if (ae == HL_ERR_NOT_FOUND || ae == HL_ERR_INVALID || ae == HL_ERR_CONFLICT) {
        page_error(res, lang, hl_err_http_status(ae), aerr.message);
        goto out;
    }
    if (ae != HL_OK) {
        e = ae;
        *err = aerr;
        goto out;
    }
    const struct words *w = words_for(lang);
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, w->thanks, CAREERS_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, w->thanks);
    buf_puts(&b, "</h1><p role=\"status\">");
    html_escape(&b, w->thanks_text);
    buf_printf(&b, "</p><p><a href=\"/careers?lang=%s\">", lang);
    html_escape(&b, w->back);
    buf_puts(&b, "</a></p>");
    html_page_send(&b, res, 201, HTML_PAGE_CSP);
    buf_cleanup(&b);
out:
    buf_cleanup(&r.file);
    form_cleanup(&f);
    free(text);
    return e;
}
