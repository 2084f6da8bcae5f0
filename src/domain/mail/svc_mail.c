/* svc_mail.c: rendering a template for its recipient and queuing it in the outbox. */
#include "mail.h"

#include "buf.h"
#include "mem.h"
#include "store_mail.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

char *mail_render(const char *text, const json_t *params)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *p = text; *p;) {
        const char *close;
        if (*p == '{' && (close = strchr(p + 1, '}')) && close > p + 1) {
            bool word = true;
            for (const char *q = p + 1; q < close; q++)
                if (!(isalnum((unsigned char)*q) || *q == '_'))
                    word = false;
            if (word) {
                char *name = hl_strndup(p + 1, (size_t)(close - p - 1));
                const json_t *v = params ? json_object_get(params, name) : NULL;
                free(name);
                if (json_is_string(v)) {
                    buf_puts(&b, json_string_value(v));
                    p = close + 1;
                    continue;
                }
                if (json_is_integer(v)) {
                    buf_printf(&b, "%" PRId64, (int64_t)json_integer_value(v));
                    p = close + 1;
                    continue;
                }
            }
        }
        buf_append(&b, p++, 1);
    }
    char *out = buf_steal(&b);
    return out ? out : hl_strdup("");
}

enum hl_err mail_enqueue(struct svc_ctx *ctx, const struct mail_template *tpl,
                         const struct mail_to *to, const json_t *params, const char *ics,
                         int64_t *id, struct hl_error *err)
{
    char *email = NULL, *lang = NULL, *subject = NULL, *body = NULL;
    enum mail_lang l = to->lang;
    enum hl_err e = HL_OK;
    if (id)
        *id = 0;
    if (to->person_id) {
        if ((e = store_mail_recipient(ctx->db, to->person_id, &email, &lang, err)) != HL_OK)
            goto out;
        l = lang && strcmp(lang, "et") == 0 ? MAIL_ET : MAIL_EN;
    } else if (!to->address || !*to->address) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "mail %s has no recipient", tpl->kind);
        goto out;
    }
    subject = mail_render(tpl->subject[l], params);
    body = mail_render(tpl->body[l], params);
    struct store_mail_row row = {to->person_id,
                                 email ? email : to->address,
                                 l == MAIL_ET ? "et" : "en",
                                 tpl->kind,
                                 subject,
                                 body,
                                 ics};
    e = store_mail_insert(ctx->db, &row, id, err);
out:
    free(email);
    free(lang);
    free(subject);
    free(body);
    return e;
}
