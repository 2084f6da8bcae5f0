/* account_domain.c: the account domain's routes — sign-in, sessions, API tokens, accounts. */
#include "account_domain.h"
#include "api.h"

static const struct field q_page[] = {
    QUERY_PAGING,
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_none[] = {
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const char *const langs[] = {"et", "en", NULL};

static const struct field q_lang[] = {
    {"lang", FT_ENUM, 0, 0, 0, NULL, langs, NULL, "et or en (else Accept-Language)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct field q_welcome[] = {
    {"token", FT_TEXT, 0, 1, 100, NULL, NULL, NULL, "the invitation's token from the e-mail"},
    {"lang", FT_ENUM, 0, 0, 0, NULL, langs, NULL, "et or en (else Accept-Language)"},
    {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static const struct route account_routes[] = {
    {"POST", "/api/v1/session", api_login, NULL, 0, NEED_PUBLIC, ROUTE_SLOW | ROUTE_CREATES,
     "Sign in with {login, password}: sets the session cookie, returns the CSRF token", NULL,
     "session", NULL, NULL},
    {"GET", "/api/v1/session", api_session_get, NULL, 0, NEED_PUBLIC, ROUTE_AUTH_OPTIONAL,
     "Who is signed in, if anyone: the same answer as GET /api/v1/me, or {\"account\": null} "
     "without valid credentials (never 401, so a page may ask before signing in)",
     NULL, "account", NULL, NULL},
    {"DELETE", "/api/v1/session", api_logout, NULL, 0, NEED_ANY, 0, "Sign out", NULL, NULL, NULL,
     NULL},
    {"GET", "/api/v1/me", api_me, NULL, 0, NEED_ANY, 0,
     "The signed-in account (and the session's CSRF token)", NULL, "account", NULL, NULL},
    {"POST", "/api/v1/me/lang", api_me_lang, NULL, 0, NEED_ANY, 0,
     "Set your language {lang: et, en or null}: the web app uses it whenever you sign in", NULL,
     "account", NULL, NULL},
    {"POST", "/api/v1/me/password", api_password_change, NULL, 0, NEED_ANY, ROUTE_SLOW,
     "Change your password with {current_password, new_password}", NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/sessions", api_sessions_list, NULL, 0, NEED_ANY, 0, "Your sessions", NULL,
     "page", NULL, NULL},
    {"DELETE", "/api/v1/sessions/{id}", api_session_delete, NULL, 0, NEED_ANY, 0,
     "End one of your sessions", NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/tokens", api_tokens_list, NULL, 0, NEED_ANY, 0, "Your API tokens", NULL,
     "page", NULL, NULL},
    {"POST", "/api/v1/tokens", api_token_create, NULL, 0, NEED_ANY, ROUTE_CREATES,
     "Create an API token {name}; the token is shown once", NULL, "token", NULL, NULL},
    {"DELETE", "/api/v1/tokens/{id}", api_token_delete, NULL, 0, NEED_ANY, 0,
     "Revoke one of your API tokens", NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/users", api_users_list, NULL, 0, NEED_ADMIN, 0, "List accounts", q_page,
     "page", NULL, NULL},
    {"POST", "/api/v1/users", api_user_create, NULL, 0, NEED_ADMIN, ROUTE_SLOW | ROUTE_CREATES,
     "Create an account {login, role, person_id, password}", NULL, "account", NULL, NULL},
    {"GET", "/api/v1/users/{id}", api_user_get, NULL, 0, NEED_ADMIN, 0, "Get an account", NULL,
     "account", NULL, NULL},
    {"PATCH", "/api/v1/users/{id}", api_user_update, NULL, 0, NEED_ADMIN, ROUTE_SLOW,
     "Change an account's role, person_id, disabled or password", NULL, "account", NULL, NULL},
    /* Invitations (svc_invite.h): accounts whose person chooses the password. */
    {"GET", "/api/v1/invitations", api_invitations_list, NULL, 0, NEED_ADMIN, 0,
     "The open invitations (not yet accepted or revoked; expired ones say so)", q_none, "page",
     NULL, NULL},
    {"POST", "/api/v1/users/{id}/invitation", api_invitation_resend, NULL, 0, NEED_ADMIN, 0,
     "Send an account without a password a new invitation: the old link stops working", q_none,
     "invitation", NULL, NULL},
    {"DELETE", "/api/v1/users/{id}/invitation", api_invitation_revoke, NULL, 0, NEED_ADMIN, 0,
     "Revoke the account's open invitation: its link stops working", q_none, NULL, NULL, NULL},
    {"POST", "/api/v1/invitations/accept", api_invitation_accept, NULL, 0, NEED_PUBLIC, ROUTE_SLOW,
     "Accept an invitation {token, password}: sets the account's password (once); "
     "throttled per address",
     q_none, "login", NULL, NULL},
    {"GET", "/welcome", welcome_page, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "The invited person's page (HTML, no sign-in, no script; ?token= from their e-mail): "
     "the login and a form to choose the password",
     q_welcome, "HTML page", NULL, NULL},
    {"GET", "/welcome/style.css", welcome_style, NULL, 0, NEED_PUBLIC, ROUTE_PAGE,
     "The welcome page's style sheet", q_none, "CSS", NULL, NULL},
    {"POST", "/welcome", welcome_submit, NULL, 0, NEED_PUBLIC, ROUTE_SLOW | ROUTE_PAGE,
     "Set the password (form: token, password, password2), then on to sign-in (303)", q_lang,
     "HTML page", NULL, NULL},
};

const struct domain domain_account = {
    .name = "account",
    .routes = account_routes,
    .nroutes = sizeof account_routes / sizeof account_routes[0],
    .demo = account_demo,
};
