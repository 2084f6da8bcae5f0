/* svc_invite.c: accounts by invitation — create, resend, revoke, list, and accept with a
 * password. The token exists only in the link (the e-mail, and the answer to whoever made
 * it); the database and the audit log never hold it, only its SHA-256 in the invitation. */
#include "svc_invite.h"

#include "mail.h"
#include "mem.h"
#include "people.h"
#include "store_account.h"
#include "store_entity.h"
#include "store_invite.h"
#include "svc_auth.h"
#include "throttle.h"
#include "timeutil.h"
#include "tz.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const struct mail_template tpl_invite = {
    "account.invitation",
    {"Your Haldus account: {login}", "Sinu Halduse konto: {login}"},
    {"Hello {name},\n\nan account has been made for you in Haldus, the tool your team uses to "
     "plan support, absences and desk work.\n\nYour login: {login}\n\nChoose your password "
     "here: {link}\n\nThe link is for you only, works once and expires on {expires}. If it has "
     "expired, ask your administrator to send a new one.\n\n— Haldus",
     "Tere, {name}!\n\nsulle on loodud konto Halduses — tööriistas, millega teie meeskond "
     "planeerib tuge, puudumisi ja assistenditööd.\n\nSinu kasutajanimi: {login}\n\nVali oma "
     "parool siin: {link}\n\nLink on ainult sinu jaoks, töötab ühe korra ja kehtib kuni "
     "{expires}. Kui see on aegunud, palu administraatoril saata uus.\n\n— Haldus"},
};

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

char *invite_site(const char *base)
{
    const char *env = getenv("HALDUS_SITE_URL");
    const char *s = env && *env ? env : base ? base : "";
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    return hl_strndup(s, n);
}

static void token_hash_hex(const char *token, char out[INVITE_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, INVITE_HASH_HEX, h, sizeof h);
}

static bool email_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    const char *at = s ? strchr(s, '@') : NULL;
    if (n < 3 || n > 254 || !at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
        return false;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' || *s == 0x7f)
            return false;
    return true;
}

static bool lang_ok(const char *l)
{
    return l && (strcmp(l, "et") == 0 || strcmp(l, "en") == 0);
}

/* The person's language for mail: et when the first language they speak is Estonian. */
static const char *person_lang(const json_t *person)
{
    const char *first = json_string_value(json_array_get(json_object_get(person, "languages"), 0));
    if (first && (strcasecmp(first, "et") == 0 || strcasecmp(first, "Estonian") == 0 ||
                  strcasecmp(first, "eesti") == 0))
        return "et";
    return "en";
}

/* "2026-12-07 09:30 (Europe/Tallinn)" in the person's zone, or UTC without a person. */
static char *expires_text(const json_t *person, int64_t t)
{
    const char *zone = person ? str(person, "time_zone") : NULL;
    int64_t day;
    int minute, y, m, d;
    if (!zone || !tz_utc_to_local(zone, t, &day, &minute)) {
        zone = "UTC";
        day = t / 86400;
        minute = (int)(t % 86400) / 60;
    }
    civil_from_days(day, &y, &m, &d);
    return hl_asprintf("%04d-%02d-%02d %02d:%02d (%s)", y, m, d, minute / 60, minute % 60, zone);
}

/* Writes a new invitation for account a (its person: person, may be NULL) and queues its
 * mail; *out {invitation, link, mail_id}. In the caller's transaction. */
static enum hl_err invite_issue(struct svc_ctx *ctx, const struct account *a, const json_t *person,
                                const char *email, const char *lang, const char *base,
                                const char *action, json_t **out, struct hl_error *err)
{
    unsigned char raw[INVITE_TOKEN_BYTES];
    char token[sodium_base64_ENCODED_LEN(INVITE_TOKEN_BYTES,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    char hash[INVITE_HASH_HEX];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, sizeof token, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    token_hash_hex(token, hash);
    int64_t expires = db_now(ctx->db) + INVITE_TTL_SECONDS, id = 0, mail_id = 0;
    char *site = invite_site(base);
    char *link = hl_asprintf("%s/welcome?token=%s&lang=%s", site, token, lang);
    char *when = expires_text(person, expires);
    json_t *params = NULL, *fact = NULL;
    enum hl_err e =
        store_invite_insert(ctx->db, a->id, hash, email, lang, expires, ctx->actor, &id, err);
    if (e != HL_OK)
        goto out;
    const char *name = person ? str(person, "name") : NULL;
    params = json_pack("{ss ss ss ss}", "name", name ? name : a->login, "login", a->login, "link",
                       link, "expires", when);
    /* To the person's own address in their language, or to the address given. */
    const char *pmail = person ? str(person, "email") : NULL;
    struct mail_to to = {0, email, strcmp(lang, "et") == 0 ? MAIL_ET : MAIL_EN};
    if (person && pmail && strcasecmp(pmail, email) == 0)
        to.person_id = json_integer_value(json_object_get(person, "id"));
    if ((e = mail_enqueue(ctx, &tpl_invite, &to, params, NULL, &mail_id, err)) != HL_OK)
        goto out;
    /* The audit row names the account, the address and the expiry — never the token. */
    fact = json_pack("{sI ss ss ss so}", "account_id", (json_int_t)a->id, "login", a->login,
                     "email", email, "lang", lang, "expires_at", entity_instant(expires));
    if ((e = svc_audit(ctx, action, "invitation", id, NULL, fact, err)) != HL_OK)
        goto out;
    *out = json_pack("{s{sI sI ss ss so so} ss so}", "invitation", "id", (json_int_t)id,
                     "account_id", (json_int_t)a->id, "email", email, "lang", lang, "created_at",
                     entity_instant(db_now(ctx->db)), "expires_at", entity_instant(expires), "link",
                     link, "mail_id", mail_id ? json_integer(mail_id) : json_null());
out:
    sodium_memzero(token, sizeof token);
    free(site);
    free(link);
    free(when);
    json_decref(params);
    json_decref(fact);
    return e;
}

static enum hl_err need_admin(struct svc_ctx *ctx, struct hl_error *err)
{
    if (ctx->who && ctx->who->role != ROLE_ADMIN)
        return hl_fail(err, HL_ERR_FORBIDDEN, NULL, "only admins manage accounts");
    return HL_OK;
}

static enum hl_err finish(struct svc_ctx *ctx, enum hl_err e, struct hl_error *err)
{
    if (e == HL_OK)
        e = db_commit(ctx->db, err);
    if (e != HL_OK)
        db_rollback(ctx->db);
    return e;
}

enum hl_err invite_create_tx(struct svc_ctx *ctx, const struct invite_req *r, const char *base,
                             json_t **out, struct hl_error *err)
{
    enum role role;
    json_t *person = NULL, *acc = NULL, *inv = NULL;
    *out = NULL;
    enum hl_err e = account_login_role_check(r->login, r->role, &role, err);
    if (e != HL_OK)
        return e;
    if (r->email && !email_ok(r->email))
        return hl_fail(err, HL_ERR_INVALID, "email",
                       "email must be an e-mail address (at most 254 bytes, no spaces)");
    if (r->lang && !lang_ok(r->lang))
        return hl_fail(err, HL_ERR_INVALID, "lang", "lang must be et or en");
    if (r->person_id &&
        (e = store_entity_get(ctx->db, &ent_person, r->person_id, &person, err)) != HL_OK) {
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_INVALID, "person_id", "person_id: no person with id %lld",
                        (long long)r->person_id);
        return e;
    }
    const char *email = r->email ? r->email : person ? str(person, "email") : NULL;
    const char *lang = r->lang ? r->lang : person ? person_lang(person) : "en";
    if (!email || !email_ok(email)) {
        e = hl_fail(err, HL_ERR_INVALID, "email",
                    person ? "the person has no e-mail address: give email"
                           : "email is required when the account has no person");
        goto out;
    }
    struct account a;
    if ((e = account_insert_tx(ctx, r->login, role, r->person_id, INVITE_NO_PASSWORD, &acc, err)) !=
            HL_OK ||
        (e = store_account_by_id(ctx->db, json_integer_value(json_object_get(acc, "id")), &a,
                                 err)) != HL_OK)
        goto out;
    /* The account reads (and is mailed) in the invitation's language from the start. */
    if ((e = store_account_set_lang(ctx->db, a.id, a.version, lang, err)) != HL_OK ||
        (e = store_account_by_id(ctx->db, a.id, &a, err)) != HL_OK ||
        (e = invite_issue(ctx, &a, person, email, lang, base, "create", &inv, err)) != HL_OK)
        goto out;
    json_object_set_new(inv, "account", account_json(&a));
    *out = inv;
    inv = NULL;
out:
    json_decref(person);
    json_decref(acc);
    json_decref(inv);
    return e;
}

enum hl_err svc_invite_create(struct svc_ctx *ctx, const struct invite_req *r, const char *base,
                              json_t **out, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    e = finish(ctx, invite_create_tx(ctx, r, base, out, err), err);
    if (e != HL_OK && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}

enum hl_err account_invite_hired(struct svc_ctx *ctx, int64_t person_id, const char *email,
                                 const char *lang, bool *sent, struct hl_error *err)
{
    *sent = false;
    if (!email || !email_ok(email))
        return HL_OK;
    struct account a;
    struct hl_error ignore;
    enum hl_err e = store_account_by_login(ctx->db, email, &a, NULL, &ignore);
    if (e == HL_OK)
        return HL_OK; /* the login is taken: no second account */
    if (e != HL_ERR_NOT_FOUND) {
        *err = ignore;
        return e;
    }
    struct invite_req r = {email, "assistant", person_id, NULL, lang_ok(lang) ? lang : NULL};
    json_t *out = NULL;
    if ((e = invite_create_tx(ctx, &r, NULL, &out, err)) == HL_OK)
        *sent = true;
    json_decref(out);
    return e;
}

bool account_invitation_pending(struct svc_ctx *ctx, int64_t person_id)
{
    struct hl_error err;
    bool open = false;
    return store_invite_open_for_person(ctx->db, person_id, &open, &err) == HL_OK && open;
}

enum hl_err svc_invite_resend(struct svc_ctx *ctx, int64_t account_id, const char *base,
                              json_t **out, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct account a;
    struct invitation last;
    json_t *person = NULL;
    bool unset = false, revoked = false;
    *out = NULL;
    if ((e = store_account_by_id(ctx->db, account_id, &a, err)) != HL_OK ||
        (e = store_invite_account_unset(ctx->db, account_id, &unset, err)) != HL_OK)
        goto out;
    if (!unset) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                    "the account has a password already: there is nothing to invite to");
        goto out;
    }
    if (a.disabled) {
        e = hl_fail(err, HL_ERR_CONFLICT, "disabled", "the account is disabled: enable it first");
        goto out;
    }
    if ((e = store_invite_of_account(ctx->db, account_id, true, &last, err)) != HL_OK) {
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_NOT_FOUND, NULL, "account %lld was not made by invitation",
                        (long long)account_id);
        goto out;
    }
    if (a.person_id &&
        (e = store_entity_get(ctx->db, &ent_person, a.person_id, &person, err)) != HL_OK)
        goto out;
    if ((e = store_invite_revoke_open(ctx->db, account_id, &revoked, err)) != HL_OK)
        goto out;
    if (revoked) {
        json_t *fact = json_pack("{sI ss}", "account_id", (json_int_t)account_id, "reason",
                                 "replaced by a new invitation");
        e = svc_audit(ctx, "revoke", "invitation", last.id, NULL, fact, err);
        json_decref(fact);
        if (e != HL_OK)
            goto out;
    }
    if ((e = invite_issue(ctx, &a, person, last.email, last.lang, base, "resend", out, err)) ==
        HL_OK)
        json_object_set_new(*out, "account", account_json(&a));
out:
    json_decref(person);
    e = finish(ctx, e, err);
    if (e != HL_OK && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}

enum hl_err svc_invite_revoke(struct svc_ctx *ctx, int64_t account_id, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    if (e != HL_OK || (e = db_begin(ctx->db, true, err)) != HL_OK)
        return e;
    struct invitation inv;
    struct account a;
    bool found = false;
    if ((e = store_account_by_id(ctx->db, account_id, &a, err)) != HL_OK)
        goto out;
    if ((e = store_invite_of_account(ctx->db, account_id, false, &inv, err)) != HL_OK) {
        /* The account is there; its state is what stands in the way. */
        if (e == HL_ERR_NOT_FOUND)
            e = hl_fail(err, HL_ERR_CONFLICT, NULL, "account %lld has no open invitation",
                        (long long)account_id);
        goto out;
    }
    if ((e = store_invite_revoke_open(ctx->db, account_id, &found, err)) == HL_OK) {
        json_t *fact = json_pack("{sI ss}", "account_id", (json_int_t)account_id, "reason",
                                 "revoked by an admin");
        e = svc_audit(ctx, "revoke", "invitation", inv.id, NULL, fact, err);
        json_decref(fact);
    }
out:
    return finish(ctx, e, err);
}

enum hl_err svc_invite_list(struct svc_ctx *ctx, json_t **items, struct hl_error *err)
{
    enum hl_err e = need_admin(ctx, err);
    return e == HL_OK ? store_invite_pending(ctx->db, items, err) : e;
}

enum hl_err invite_annotate(struct svc_ctx *ctx, json_t *items, struct hl_error *err)
{
    int64_t now = db_now(ctx->db);
    size_t i;
    json_t *acc;
    json_array_foreach(items, i, acc)
    {
        struct invitation inv;
        struct hl_error lerr;
        hl_error_clear(&lerr);
        enum hl_err e = store_invite_of_account(
            ctx->db, json_integer_value(json_object_get(acc, "id")), false, &inv, &lerr);
        if (e == HL_ERR_NOT_FOUND) {
            json_object_set_new(acc, "invitation", json_null());
            continue;
        }
        if (e != HL_OK) {
            *err = lerr;
            return e;
        }
        json_object_set_new(acc, "invitation",
                            json_pack("{sI so so sb}", "id", (json_int_t)inv.id, "created_at",
                                      entity_instant(inv.created_at), "expires_at",
                                      entity_instant(inv.expires_at), "expired",
                                      inv.expires_at <= now));
    }
    return HL_OK;
}

/* The invitation of a token that can still be used, with its account; the errors the page
 * and the API show. */
static enum hl_err usable(struct svc_ctx *ctx, const char *token, struct invitation *inv,
                          struct account *a, struct hl_error *err)
{
    if (!token || strlen(token) < 20 || strlen(token) > 100)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "token", "this invitation link is not valid");
    char hash[INVITE_HASH_HEX];
    token_hash_hex(token, hash);
    enum hl_err e = store_invite_by_hash(ctx->db, hash, inv, err);
    if (e == HL_ERR_NOT_FOUND)
        return hl_fail(err, HL_ERR_BAD_REQUEST, "token", "this invitation link is not valid");
    if (e != HL_OK)
        return e;
    if (inv->accepted_at)
        return hl_fail(err, HL_ERR_GONE, "token",
                       "this invitation was used already: sign in with your password");
    if (inv->revoked_at)
        return hl_fail(err, HL_ERR_GONE, "token",
                       "this invitation was withdrawn or replaced by a newer one");
    if (inv->expires_at <= db_now(ctx->db))
        return hl_fail(err, HL_ERR_GONE, "token",
                       "this invitation has expired: ask your administrator for a new one");
    if ((e = store_account_by_id(ctx->db, inv->account_id, a, err)) != HL_OK)
        return e;
    if (a->disabled)
        return hl_fail(err, HL_ERR_GONE, "token", "the account of this invitation is disabled");
    return HL_OK;
}

enum hl_err svc_invite_view(struct svc_ctx *ctx, const char *token, json_t **out,
                            struct hl_error *err)
{
    struct invitation inv;
    struct account a;
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = usable(ctx, token, &inv, &a, err)) == HL_OK)
        *out = json_pack("{ss ss so}", "login", a.login, "lang", inv.lang, "expires_at",
                         entity_instant(inv.expires_at));
    return finish(ctx, e, err);
}

enum hl_err svc_invite_accept(struct svc_ctx *ctx, const char *token, const char *password,
                              json_t **out, struct hl_error *err)
{
    struct invitation inv;
    struct account a;
    /* The token first (a dead link says so whatever the password), then the rules. */
    enum hl_err e = db_begin(ctx->db, false, err);
    if (e != HL_OK)
        return e;
    if ((e = finish(ctx, usable(ctx, token, &inv, &a, err), err)) != HL_OK ||
        (e = auth_password_policy(password, err)) != HL_OK)
        return e;
    /* argon2id is slow: outside the transaction; the token is checked again inside it. */
    char hash[crypto_pwhash_STRBYTES];
    if ((e = auth_password_hash(password, hash, err)) != HL_OK)
        return e;
    bool done = false;
    json_t *fact = NULL;
    if ((e = db_begin(ctx->db, true, err)) != HL_OK)
        goto wipe;
    struct svc_ctx as = {ctx->db, a.login, &a};
    if ((e = usable(ctx, token, &inv, &a, err)) != HL_OK ||
        (e = store_invite_accept(ctx->db, inv.id, &done, err)) != HL_OK)
        goto out;
    if (!done) {
        e = hl_fail(err, HL_ERR_GONE, "token", "this invitation was used already");
        goto out;
    }
    fact = json_pack("{sI ss}", "account_id", (json_int_t)a.id, "login", a.login);
    if ((e = store_account_set_password(ctx->db, a.id, hash, err)) != HL_OK ||
        (e = svc_audit(&as, "accept", "invitation", inv.id, NULL, fact, err)) != HL_OK)
        goto out;
    *out = json_pack("{ss}", "login", a.login);
out:
    json_decref(fact);
    e = finish(ctx, e, err);
wipe:
    sodium_memzero(hash, sizeof hash);
    return e;
}

/* ---- the welcome page's per-address throttle ---- */

static struct throttle invite_throttle = THROTTLE_INIT(1024, INVITE_PAGE_MAX, INVITE_PAGE_WINDOW);

bool invite_admit(const char *address)
{
    return throttle_take(&invite_throttle, address, (int64_t)time(NULL), NULL);
}
