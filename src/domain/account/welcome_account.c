/* welcome_account.c: the public page where an invited person sets their password — server-
 * rendered HTML without any script under its own strict Content-Security-Policy, in Estonian
 * or English (?lang=, else Accept-Language), each address throttled (invite_admit). GET shows
 * the login and the form; a plain form POST sets the password (svc_invite_accept) and sends
 * the browser on to the sign-in page. All text from outside goes through one escaper. */
#include "account_domain.h"
#include "html_page.h"
#include "http.h"
#include "mem.h"
#include "svc_invite.h"
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WELCOME_STYLE     "/welcome/style.css"
#define WELCOME_FIELD_MAX (AUTH_PASSWORD_MAX + 1) /* bytes of one form field */

struct welcome_words {
    const char *title, *intro, *login, *password, *password_hint, *again, *save, *bad, *error,
        *throttled, *mismatch, *done, *done_text, *sign_in;
};

static const struct welcome_words words_en = {
    "Welcome to Haldus",
    "Choose the password for your account. You sign in with this login and password.",
    "Your login",
    "New password",
    "At least 12 characters.",
    "New password again",
    "Save password",
    "This invitation link is not valid. Check that you copied the whole link from the e-mail.",
    "The invitation cannot be used",
    "Too many requests from your address; please try again in a few minutes.",
    "The two passwords are not the same.",
    "Your password is set",
    "You can now sign in with your login and the password you chose.",
    "Go to sign-in",
};

static const struct welcome_words words_et = {
    "Tere tulemast Haldusesse",
    "Vali oma kontole parool. Sisse logid selle kasutajanime ja parooliga.",
    "Sinu kasutajanimi",
    "Uus parool",
    "Vähemalt 12 märki.",
    "Uus parool uuesti",
    "Salvesta parool",
    "See kutselink ei kehti. Kontrolli, et kopeerisid e-kirjast kogu lingi.",
    "Kutset ei saa kasutada",
    "Sinu aadressilt on tulnud liiga palju päringuid; proovi mõne minuti pärast uuesti.",
    "Paroolid ei ole samad.",
    "Sinu parool on määratud",
    "Nüüd saad sisse logida oma kasutajanime ja valitud parooliga.",
    "Mine sisselogimisele",
};

/* The reasons of svc_invite_accept/view in Estonian, by their English text's start. */
static const char *gone_et(const char *message)
{
    if (strstr(message, "used already"))
        return "Seda kutset on juba kasutatud: logi sisse oma parooliga.";
    if (strstr(message, "withdrawn"))
        return "See kutse on tagasi võetud või asendatud uuega.";
    if (strstr(message, "expired"))
        return "See kutse on aegunud: palu administraatorilt uus.";
    if (strstr(message, "disabled"))
        return "Selle kutse konto on välja lülitatud.";
    return "Kutset ei saa kasutada.";
}

static const struct welcome_words *words(const char *lang)
{
    return strcmp(lang, "et") == 0 ? &words_et : &words_en;
}

static void message_page(struct response *res, const char *lang, int status, const char *title,
                         const char *text)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, title, WELCOME_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, title);
    buf_printf(&b, "</h1><p role=\"%s\">", status < 300 ? "status" : "alert");
    html_escape(&b, text);
    buf_puts(&b, "</p>");
    html_page_send(&b, res, status, HTML_PAGE_CSP);
    buf_cleanup(&b);
}

/* The page of a refused token: 400 for a link that is no invitation's, 410 for a dead one. */
static void refused_page(struct response *res, const char *lang, enum hl_err e,
                         const struct hl_error *why)
{
    const struct welcome_words *w = words(lang);
    if (e == HL_ERR_GONE)
        message_page(res, lang, 410, w->error,
                     strcmp(lang, "et") == 0 ? gone_et(why->message) : why->message);
    else
        message_page(res, lang, 400, w->error, w->bad);
}

static void form_page(struct response *res, const char *lang, int status, const char *token,
                      const char *login, const char *problem)
{
    const struct welcome_words *w = words(lang);
    struct buf b;
    buf_init(&b, 64 * 1024);
    html_page_start(&b, lang, w->title, WELCOME_STYLE);
    buf_puts(&b, "<h1>");
    html_escape(&b, w->title);
    buf_puts(&b, "</h1><p>");
    html_escape(&b, w->intro);
    buf_puts(&b, "</p>");
    if (problem) {
        buf_puts(&b, "<p role=\"alert\" class=\"problem\" id=\"problem\">");
        html_escape(&b, problem);
        buf_puts(&b, "</p>");
    }
    buf_printf(&b, "<form method=\"post\" action=\"/welcome?lang=%s\">", lang);
    buf_puts(&b, "<input type=\"hidden\" name=\"token\" value=\"");
    html_escape(&b, token);
    buf_puts(&b, "\"><label for=\"login\">");
    html_escape(&b, w->login);
    buf_puts(&b, "</label><input type=\"text\" id=\"login\" name=\"login\" readonly "
                 "autocomplete=\"username\" value=\"");
    html_escape(&b, login);
    buf_puts(&b, "\"><label for=\"password\">");
    html_escape(&b, w->password);
    buf_puts(&b, "</label><span class=\"hint\" id=\"password-hint\">");
    html_escape(&b, w->password_hint);
    buf_printf(&b,
               "</span><input type=\"password\" id=\"password\" name=\"password\" "
               "required minlength=\"%d\" maxlength=\"%d\" autocomplete=\"new-password\" "
               "aria-describedby=\"password-hint%s\">",
               AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX, problem ? " problem" : "");
    buf_puts(&b, "<label for=\"password2\">");
    html_escape(&b, w->again);
    buf_printf(&b,
               "</label><input type=\"password\" id=\"password2\" name=\"password2\" required "
               "minlength=\"%d\" maxlength=\"%d\" autocomplete=\"new-password\">",
               AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
    buf_puts(&b, "<button type=\"submit\">");
    html_escape(&b, w->save);
    buf_puts(&b, "</button></form>");
    html_page_send(&b, res, status, HTML_PAGE_CSP);
    buf_cleanup(&b);
}

enum hl_err welcome_style(struct request *req, struct response *res, struct hl_error *err)
{
    (void)req;
    (void)err;
    static const char css[] =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}"
        "main{max-width:32rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem}a{color:#0b57d0}"
        "label{display:block;margin-top:1rem;font-weight:600}"
        "input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;"
        "border:1px solid #767676;border-radius:4px}input[readonly]{background:#eee}"
        ".hint{font-weight:400;color:#4a4a4a;font-size:.9rem}.problem{color:#a50e0e;"
        "font-weight:600}button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;"
        "background:#0b57d0;color:#fff;border:0;border-radius:4px}";
    html_page_style(res, css, sizeof css - 1, HTML_PAGE_CSP);
    return HL_OK;
}

enum hl_err welcome_page(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = html_page_lang(req);
    if (!invite_admit(req->address)) {
        message_page(res, lang, 429, words(lang)->error, words(lang)->throttled);
        return HL_OK;
    }
    const char *token = http_query(req, "token");
    json_t *view = NULL;
    struct hl_error verr;
    hl_error_clear(&verr);
    enum hl_err e = svc_invite_view(&req->ctx, token, &view, &verr);
    if (e == HL_ERR_GONE || e == HL_ERR_BAD_REQUEST) {
        refused_page(res, lang, e, &verr);
        return HL_OK;
    }
    if (e != HL_OK) {
        *err = verr;
        return e;
    }
    form_page(res, lang, 200, token, json_string_value(json_object_get(view, "login")), NULL);
    json_decref(view);
    return HL_OK;
}

/* The form's fields, each held in a buffer of at most WELCOME_FIELD_MAX bytes. */
struct welcome_form {
    struct buf token, password, password2;
    bool too_long;
};

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data, uint64_t off,
                                size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding, (void)off;
    struct welcome_form *f = cls;
    struct buf *dst = !key                            ? NULL
                      : strcmp(key, "token") == 0     ? &f->token
                      : strcmp(key, "password") == 0  ? &f->password
                      : strcmp(key, "password2") == 0 ? &f->password2
                                                      : NULL;
    if (dst && size > 0 && !buf_append(dst, data, size))
        f->too_long = true;
    return MHD_YES;
}

static const char *text_of(const struct buf *b)
{
    return b->data ? b->data : "";
}

enum hl_err welcome_submit(struct request *req, struct response *res, struct hl_error *err)
{
    const char *lang = html_page_lang(req);
    const struct welcome_words *w = words(lang);
    if (!invite_admit(req->address)) {
        message_page(res, lang, 429, w->error, w->throttled);
        return HL_OK;
    }
    struct welcome_form f;
    buf_init(&f.token, 200);
    buf_init(&f.password, WELCOME_FIELD_MAX);
    buf_init(&f.password2, WELCOME_FIELD_MAX);
    f.too_long = false;
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    bool parsed = false;
    enum hl_err e = HL_OK;
    json_t *view = NULL, *out = NULL;
    if (ct && (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 ||
               strncasecmp(ct, "multipart/form-data", 19) == 0)) {
        struct MHD_PostProcessor *pp =
            MHD_create_post_processor(req->conn, 16 * 1024, on_field, &f);
        parsed = pp && MHD_post_process(pp, req->body.data ? req->body.data : "", req->body.len) ==
                           MHD_YES;
        if (pp)
            MHD_destroy_post_processor(pp);
    }
    struct hl_error verr;
    hl_error_clear(&verr);
    if (!parsed || f.too_long || !f.token.data) {
        message_page(res, lang, 400, w->error, w->bad);
        goto out;
    }
    /* A dead or unknown token says so before anything about the password. */
    if ((e = svc_invite_view(&req->ctx, text_of(&f.token), &view, &verr)) != HL_OK) {
        if (e == HL_ERR_GONE || e == HL_ERR_BAD_REQUEST) {
            refused_page(res, lang, e, &verr);
            e = HL_OK;
        } else {
            *err = verr;
        }
        goto out;
    }
    const char *login = json_string_value(json_object_get(view, "login"));
    if (strcmp(text_of(&f.password), text_of(&f.password2)) != 0) {
        form_page(res, lang, 422, text_of(&f.token), login, w->mismatch);
        goto out;
    }
    hl_error_clear(&verr);
    e = svc_invite_accept(&req->ctx, text_of(&f.token), text_of(&f.password), &out, &verr);
    if (e == HL_ERR_INVALID) {
        char *msg = strcmp(lang, "et") == 0
                        ? hl_asprintf("Parool peab olema vähemalt %d märki ja kuni %d baiti.",
                                      AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX)
                        : hl_strdup(verr.message);
        form_page(res, lang, 422, text_of(&f.token), login, msg);
        free(msg);
        e = HL_OK;
    } else if (e == HL_ERR_GONE || e == HL_ERR_BAD_REQUEST) {
        refused_page(res, lang, e, &verr);
        e = HL_OK;
    } else if (e == HL_OK) {
        /* On to the sign-in page: the app shows it to anyone not signed in. */
        res->status = 303;
        snprintf(res->location, sizeof res->location, "/?welcome=1&lang=%s", lang);
        struct buf b;
        buf_init(&b, 16 * 1024);
        html_page_start(&b, lang, w->done, WELCOME_STYLE);
        buf_puts(&b, "<h1>");
        html_escape(&b, w->done);
        buf_puts(&b, "</h1><p role=\"status\">");
        html_escape(&b, w->done_text);
        buf_puts(&b, "</p><p><a href=\"/\">");
        html_escape(&b, w->sign_in);
        buf_puts(&b, "</a></p>");
        html_page_send(&b, res, 303, HTML_PAGE_CSP);
        buf_cleanup(&b);
    } else {
        *err = verr;
    }
out:
    json_decref(view);
    json_decref(out);
    sodium_memzero(f.password.data ? f.password.data : (char[1]){0}, f.password.len);
    sodium_memzero(f.password2.data ? f.password2.data : (char[1]){0}, f.password2.len);
    buf_cleanup(&f.token);
    buf_cleanup(&f.password);
    buf_cleanup(&f.password2);
    return e;
}
