/* pick_recruit.c: the public page where a candidate picks one of the interview times offered
 * to them — server-rendered like the careers page (no script, the careers page's own CSP,
 * Estonian or English), reached by an unguessable token that is single-use and expires when
 * the last offered time begins; each address is throttled. A plain form POST books the time. */
#include "interview_recruit.h"

#include "buf.h"
#include "html_page.h"
#include "http.h"
#include "mem.h"
#include "throttle.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- per-address throttle: PICK_MAX requests in a sliding PICK_WINDOW ---- */

static struct throttle pick_throttle = THROTTLE_INIT(1024, PICK_MAX, PICK_WINDOW);

struct pick_words {
    const char *title, *intro, *where, *length, *legend, *book, *none, *bad, *taken, *booked,
        *booked_text, *throttled, *minutes, *error, *again;
    const char *days[7], *months[12];
};

static const struct pick_words words_en = {
    "Choose a time for your interview",
    "Please choose one of the times below for your interview for",
    "Where",
    "Length",
    "Times offered",
    "Book this time",
    "None of the offered times is free any more. We will contact you with new times.",
    "This link is not valid: it was used already, or the times it offered have passed.",
    "That time is no longer free. Please choose another.",
    "Your interview is booked",
    "An invitation is on its way to you by e-mail; your calendar program can add it.",
    "Too many requests from your address; please try again in a few minutes.",
    "minutes",
    "Something went wrong",
    "Choose another time",
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"}};

static const struct pick_words words_et = {
    "Vali vestluse aeg",
    "Palun vali allpool üks aeg oma vestluseks ametikoha asjus:",
    "Koht",
    "Kestus",
    "Pakutud ajad",
    "Broneeri see aeg",
    "Ükski pakutud aeg pole enam vaba. Võtame sinuga uute aegadega ühendust.",
    "See link ei kehti: seda on juba kasutatud või pakutud ajad on möödas.",
    "See aeg pole enam vaba. Palun vali mõni teine.",
    "Sinu vestlus on broneeritud",
    "Kutse on teel sinu e-postile; kalendriprogramm saab selle lisada.",
    "Sinu aadressilt on tulnud liiga palju päringuid; proovi mõne minuti pärast uuesti.",
    "minutit",
    "Midagi läks valesti",
    "Vali teine aeg",
    {"esmaspäev", "teisipäev", "kolmapäev", "neljapäev", "reede", "laupäev", "pühapäev"},
    {"jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september",
     "oktoober", "november", "detsember"}};

static const struct pick_words *words(const char *lang)
{
    return strcmp(lang, "et") == 0 ? &words_et : &words_en;
}

/* "Tuesday 1 December 2026, 10:00–11:00 (Europe/Tallinn)" in zone. */
static void when_html(struct buf *b, const struct pick_words *w, bool et, const char *zone,
                      int64_t start, int64_t end)
{
    int64_t d0, d1;
    int m0, m1, y, mo, d;
    if (!tz_utc_to_local(zone, start, &d0, &m0) || !tz_utc_to_local(zone, end, &d1, &m1)) {
        char s[21];
        instant_format(start, s);
        html_escape(b, s);
        return;
    }
    civil_from_days(d0, &y, &mo, &d);
    char *text = et ? hl_asprintf("%s, %d. %s %d, %02d:%02d–%02d:%02d (%s)",
                                  w->days[weekday_from_days(d0) - 1], d, w->months[mo - 1], y,
                                  m0 / 60, m0 % 60, m1 / 60, m1 % 60, zone)
                    : hl_asprintf("%s %d %s %d, %02d:%02d–%02d:%02d (%s)",
                                  w->days[weekday_from_days(d0) - 1], d, w->months[mo - 1], y,
                                  m0 / 60, m0 % 60, m1 / 60, m1 % 60, zone);
    html_escape(b, text);
    free(text);
}

static void message_page(struct response *res, const char *lang, int status, const char *title,
                         const char *text, const char *token)
{
    const struct pick_words *w = words(lang);
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, title, CAREERS_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, title);
    buf_printf(&b, "</h1><p role=\"%s\">", status < 300 ? "status" : "alert");
    html_escape(&b, text);
    buf_puts(&b, "</p>");
    if (token) {
        buf_puts(&b, "<p><a href=\"/careers/interview?token=");
        html_escape(&b, token);
        buf_printf(&b, "&amp;lang=%s\">", lang);
        html_escape(&b, w->again);
        buf_puts(&b, "</a></p>");
    }
    html_page_send(&b, res, status, HTML_PAGE_CSP);
    buf_cleanup(&b);
}

static bool admitted(struct request *req, struct response *res, const char *lang)
{
    if (throttle_take(&pick_throttle, req->address, (int64_t)time(NULL), NULL))
        return true;
    message_page(res, lang, 429, words(lang)->error, words(lang)->throttled, NULL);
    return false;
}

/* The link's language wins over the browser's when the link names it. */
static const char *link_lang(struct request *req, const json_t *view)
{
    const char *q = html_lang_of(http_query(req, "lang"));
    if (q)
        return q;
    const char *l = html_lang_of(view ? json_string_value(json_object_get(view, "lang")) : NULL);
    return l ? l : html_page_lang(req);
}

enum hl_err pick_page(struct request *req, struct response *res, struct hl_error *err)
{
    const char *token = http_query(req, "token");
    json_t *view = NULL;
    if (!admitted(req, res, link_lang(req, NULL)))
        return HL_OK;
    struct hl_error verr;
    hl_error_clear(&verr);
    enum hl_err e = svc_interview_pick_view(&req->ctx, token, &view, &verr);
    const char *lang = link_lang(req, view);
    const struct pick_words *w = words(lang);
    bool et = strcmp(lang, "et") == 0;
    if (e == HL_ERR_NOT_FOUND) {
        message_page(res, lang, 404, w->error, w->bad, NULL);
        return HL_OK;
    }
    if (e != HL_OK) {
        *err = verr;
        return e;
    }
    const char *zone = json_string_value(json_object_get(view, "time_zone"));
    struct buf b;
    buf_init(&b, 256 * 1024);
    html_page_start(&b, lang, w->title, CAREERS_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, w->title);
    buf_puts(&b, "</h1><p>");
    html_escape(&b, w->intro);
    buf_puts(&b, " <strong>");
    html_escape(&b, json_string_value(json_object_get(view, "title")));
    buf_puts(&b, "</strong></p><p>");
    html_escape(&b, w->where);
    buf_puts(&b, ": ");
    html_escape(&b, json_string_value(json_object_get(view, "where")));
    buf_puts(&b, "<br>");
    html_escape(&b, w->length);
    buf_printf(&b, ": %d ", (int)json_integer_value(json_object_get(view, "duration_minutes")));
    html_escape(&b, w->minutes);
    buf_puts(&b, "</p>");
    json_t *slots = json_object_get(view, "slots");
    if (json_array_size(slots) == 0) {
        buf_puts(&b, "<p role=\"status\">");
        html_escape(&b, w->none);
        buf_puts(&b, "</p>");
    } else {
        buf_printf(&b,
                   "<form method=\"post\" action=\"/careers/interview?lang=%s\">"
                   "<input type=\"hidden\" name=\"token\" value=\"",
                   lang);
        html_escape(&b, token);
        buf_puts(&b, "\"><fieldset><legend>");
        html_escape(&b, w->legend);
        buf_puts(&b, "</legend>");
        size_t i;
        json_t *s;
        json_array_foreach(slots, i, s)
        {
            long long id = (long long)json_integer_value(json_object_get(s, "id"));
            int64_t t0 = 0, t1 = 0;
            instant_parse(json_string_value(json_object_get(s, "start_at")), &t0);
            instant_parse(json_string_value(json_object_get(s, "end_at")), &t1);
            buf_printf(&b,
                       "<label class=\"consent\"><input type=\"radio\" name=\"slot\" "
                       "value=\"%lld\" required%s> ",
                       id, i == 0 ? " checked" : "");
            when_html(&b, w, et, zone, t0, t1);
            buf_puts(&b, "</label>");
        }
        buf_puts(&b, "</fieldset><button type=\"submit\">");
        html_escape(&b, w->book);
        buf_puts(&b, "</button></form>");
    }
    html_page_send(&b, res, 200, HTML_PAGE_CSP);
    buf_cleanup(&b);
    json_decref(view);
    return HL_OK;
}

struct pick_form {
    char token[80];
    char slot[24];
};

static enum MHD_Result on_pick_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *content_type,
                                     const char *transfer_encoding, const char *data, uint64_t off,
                                     size_t size)
{
    (void)kind;
    (void)filename;
    (void)content_type;
    (void)transfer_encoding;
    struct pick_form *f = cls;
    char *dst = NULL;
    size_t cap = 0;
    if (key && strcmp(key, "token") == 0) {
        dst = f->token;
        cap = sizeof f->token;
    } else if (key && strcmp(key, "slot") == 0) {
        dst = f->slot;
        cap = sizeof f->slot;
    }
    if (!dst)
        return MHD_YES;
    /* Too long for what it should be: cleared, so the check below refuses it. */
    if (off + size >= cap) {
        dst[0] = '\0';
        return MHD_YES;
    }
    memcpy(dst + off, data, size);
    dst[off + size] = '\0';
    return MHD_YES;
}

enum hl_err pick_submit(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = link_lang(req, NULL);
    const struct pick_words *w = words(lang);
    if (!admitted(req, res, lang))
        return HL_OK;
    struct pick_form f = {{0}, {0}};
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    bool parsed = false;
    if (ct && (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 ||
               strncasecmp(ct, "multipart/form-data", 19) == 0)) {
        struct MHD_PostProcessor *pp =
            MHD_create_post_processor(req->conn, 16 * 1024, on_pick_field, &f);
        parsed = pp && MHD_post_process(pp, req->body.data ? req->body.data : "", req->body.len) ==
                           MHD_YES;
        if (pp)
            MHD_destroy_post_processor(pp);
    }
    char *end = NULL;
    long long slot = f.slot[0] ? strtoll(f.slot, &end, 10) : 0;
    if (!parsed || slot <= 0 || (end && *end)) {
        message_page(res, lang, 400, w->error, w->taken, f.token[0] ? f.token : NULL);
        return HL_OK;
    }
    req->ctx.actor = "candidate";
    json_t *out = NULL;
    struct hl_error perr;
    hl_error_clear(&perr);
    enum hl_err e = svc_interview_pick(&req->ctx, f.token, slot, &out, &perr);
    if (e == HL_ERR_NOT_FOUND && strcmp(perr.field, "token") == 0) {
        message_page(res, lang, 404, w->error, w->bad, NULL);
        return HL_OK;
    }
    if (e == HL_ERR_NOT_FOUND || e == HL_ERR_CONFLICT || e == HL_ERR_INVALID) {
        message_page(res, lang, e == HL_ERR_NOT_FOUND ? 404 : 409, w->error, w->taken, f.token);
        return HL_OK;
    }
    if (e != HL_OK) {
        *err = perr;
        return e;
    }
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, w->booked, CAREERS_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, w->booked);
    buf_puts(&b, "</h1><p role=\"status\"><strong>");
    int64_t t0 = 0, t1 = 0;
    instant_parse(json_string_value(json_object_get(out, "start_at")), &t0);
    instant_parse(json_string_value(json_object_get(out, "end_at")), &t1);
    const char *zone = json_string_value(json_object_get(out, "time_zone"));
    when_html(&b, w, strcmp(lang, "et") == 0, zone ? zone : "Europe/Tallinn", t0, t1);
    buf_puts(&b, "</strong></p><p>");
    html_escape(&b, w->booked_text);
    buf_puts(&b, "</p>");
    html_page_send(&b, res, 200, HTML_PAGE_CSP);
    buf_cleanup(&b);
    json_decref(out);
    return HL_OK;
}
