/* account.h: who is acting: a login with one role, maybe tied to a person. */
#ifndef HL_ACCOUNT_H
#define HL_ACCOUNT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum role { ROLE_ADMIN, ROLE_MANAGER, ROLE_ASSISTANT, ROLE_PRINCIPAL, ROLE__COUNT };

struct account {
    int64_t id;
    int64_t version;
    char login[256];
    enum role role;
    int64_t person_id; /* 0: none (admins and managers may have no person) */
    bool disabled;
    int64_t locked_until;
    int64_t last_login_at; /* 0: never */
    int64_t created_at;
    char lang[3]; /* "et", "en", or "": none chosen (the web app follows the browser) */
    /* The language this request is read in (planner reasons): lang, else the browser's
     * (Accept-Language, "et" or "en"); set by the server per request, "" elsewhere (English). */
    char reader_lang[3];
};

const char *role_name(enum role r);
/* Parses a role name; false when it is none of admin, manager, assistant, principal. */
bool role_parse(const char *s, enum role *out);
/* Managers and admins see and change the whole pool. */
bool role_is_manager(enum role r);

/* The account as the API shows it (never the password hash). New reference. */
json_t *account_json(const struct account *a);

#endif
