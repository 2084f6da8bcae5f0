/* account.c: roles and the public shape of an account. */
#include "account.h"
#include "timeutil.h"

#include <string.h>

static const char *const roles[ROLE__COUNT] = {"admin", "manager", "assistant", "principal"};

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE__COUNT ? roles[r] : "unknown";
}

bool role_parse(const char *s, enum role *out)
{
    for (int i = 0; s && i < ROLE__COUNT; i++)
        if (strcmp(roles[i], s) == 0) {
            *out = (enum role)i;
            return true;
        }
    return false;
}

bool role_is_manager(enum role r)
{
    return r == ROLE_ADMIN || r == ROLE_MANAGER;
}

json_t *account_json(const struct account *a)
{
    char created[21], last[21];
    instant_format(a->created_at, created);
    instant_format(a->last_login_at, last);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "version", json_integer(a->version));
    json_object_set_new(o, "login", json_string(a->login));
    json_object_set_new(o, "role", json_string(role_name(a->role)));
    json_object_set_new(o, "person_id", a->person_id ? json_integer(a->person_id) : json_null());
    json_object_set_new(o, "disabled", json_boolean(a->disabled));
    json_object_set_new(o, "created_at", json_string(created));
    json_object_set_new(o, "last_login_at", a->last_login_at ? json_string(last) : json_null());
    json_object_set_new(o, "lang", a->lang[0] ? json_string(a->lang) : json_null());
    return o;
}
