/* cmd_user.c: CLI ⇄ svc for accounts: `haldus user add | invite | invitations | passwd |
 * disable | enable | list`, and the first admin that `haldus init` creates. */
#include "cmd.h"
#include "svc_auth.h"
#include "svc_entity.h"
#include "svc_invite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads the first line of path into out; false with a message on failure. */
static bool read_password_file(const char *path, char *out, size_t size)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "haldus: cannot read %s: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = fgets(out, (int)size, f) != NULL;
    if (f != stdin)
        fclose(f);
    if (!ok) {
        fprintf(stderr, "haldus: %s is empty\n", path);
        return false;
    }
    out[strcspn(out, "\r\n")] = '\0';
    return true;
}

/* Asks twice on the terminal without echo. */
static bool prompt_password(char *out, size_t size)
{
    struct termios old, quiet;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return false;
    quiet = old;
    quiet.c_lflag &= (tcflag_t)~ECHO;
    char again[AUTH_PASSWORD_MAX + 2];
    fprintf(stderr, "New password (at least %d characters): ", AUTH_PASSWORD_MIN);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    bool ok = fgets(out, (int)size, stdin) != NULL;
    fprintf(stderr, "\nAgain: ");
    ok = ok && fgets(again, sizeof again, stdin) != NULL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fprintf(stderr, "\n");
    if (!ok)
        return false;
    out[strcspn(out, "\r\n")] = '\0';
    again[strcspn(again, "\r\n")] = '\0';
    if (strcmp(out, again) != 0) {
        fprintf(stderr, "haldus: the passwords differ\n");
        return false;
    }
    return true;
}

/* The password from --password-file, else a prompt on a terminal, else a generated one that
 * is printed once (*generated true). */
static bool obtain_password(const char *file, char *out, size_t size, bool *generated)
{
    *generated = false;
    if (file)
        return read_password_file(file, out, size);
    if (isatty(STDIN_FILENO))
        return prompt_password(out, size);
    auth_random_token(out, size, 15); /* 20 characters of base64url */
    *generated = true;
    return true;
}

int cmd_create_first_admin(struct db *db, const char *login, const char *password_file)
{
    char password[AUTH_PASSWORD_MAX + 2];
    bool generated;
    struct hl_error err;
    hl_error_clear(&err);
    if (!password_file) {
        auth_random_token(password, sizeof password, 15);
        generated = true;
    } else if (!read_password_file(password_file, password, sizeof password)) {
        return 1;
    } else {
        generated = false;
    }
    struct svc_ctx ctx = {db, "init", NULL};
    if (svc_account_create(&ctx, login, "admin", 0, password, NULL, &err) != HL_OK)
        return cmd_fail("init", &err);
    if (generated)
        printf("admin account: login %s, password %s\n"
               "(shown once: sign in to the web app and change it on the Account page)\n",
               login, password);
    else
        printf("admin account: login %s, password from %s\n", login, password_file);
    sodium_memzero(password, sizeof password);
    return 0;
}

static const char user_help[] =
    "Usage: haldus user COMMAND [--db PATH] …\n"
    "  add --login LOGIN --role ROLE [--person ID] [--password-file FILE]\n"
    "        ROLE is admin, manager, assistant or principal; assistants and principals need\n"
    "        --person (their person id). The password comes from FILE ('-' for stdin), a\n"
    "        prompt on a terminal, or is generated and printed once.\n"
    "  invite LOGIN --role ROLE [--person ID] [--email E] [--lang et|en] [--site URL]\n"
    "        an account whose person chooses the password: the invitation's link goes to\n"
    "        the person's e-mail (or E) through the outbox and is printed too, for offices\n"
    "        without mail; it works once, for 7 days. URL is the address people open Haldus\n"
    "        at (HALDUS_SITE_URL wins; without either the link is a path)\n"
    "  invitations                           the open invitations\n"
    "  passwd LOGIN [--password-file FILE]   set a new password (ends its sessions and API "
    "tokens)\n"
    "  disable LOGIN                         stop the account signing in; ends its sessions\n"
    "  enable LOGIN                          allow it again\n"
    "  list                                  every account\n"
    "  token LOGIN [--name NAME]             create an API token for the account (for\n"
    "                                        scripts: Authorization: Bearer TOKEN); printed once\n";

int cmd_user(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"login", required_argument, NULL, 'l'},
        {"role", required_argument, NULL, 'r'},
        {"person", required_argument, NULL, 'p'},
        {"password-file", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"name", required_argument, NULL, 'n'},
        {"email", required_argument, NULL, 'e'},
        {"lang", required_argument, NULL, 'L'},
        {"site", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(user_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    const char *db_path = NULL, *login = NULL, *role = NULL, *file = NULL, *name = "cli";
    const char *email = NULL, *lang = NULL, *site = NULL;
    long person = 0;
    int c;
    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:l:r:p:f:n:e:L:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            name = optarg;
            break;
        case 'e':
            email = optarg;
            break;
        case 'L':
            lang = optarg;
            break;
        case 's':
            site = optarg;
            break;
        case 'd':
            db_path = optarg;
            break;
        case 'l':
            login = optarg;
            break;
        case 'r':
            role = optarg;
            break;
        case 'p':
            if (!cmd_parse_long(optarg, 1, 1L << 62, &person))
                return cmd_usage("user", "--person must be a person id");
            break;
        case 'f':
            file = optarg;
            break;
        case 'h':
            fputs(user_help, stdout);
            return 0;
        case ':':
            return cmd_usage("user", "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage("user", "unknown option %s", argv[optind - 1]);
        }
    }
    bool needs_login = strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 ||
                       strcmp(sub, "enable") == 0 || strcmp(sub, "token") == 0 ||
                       strcmp(sub, "invite") == 0;
    if (needs_login && optind < argc && !login)
        login = argv[optind++];
    if (optind < argc)
        return cmd_usage("user", "unexpected argument %s", argv[optind]);
    if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "invitations") != 0 &&
        !needs_login)
        return cmd_usage("user",
                         "unknown subcommand '%s' (add, invite, invitations, passwd, disable, "
                         "enable, list, token)",
                         sub);
    if ((needs_login || strcmp(sub, "add") == 0) && !login)
        return cmd_usage("user", "%s needs a login", sub);
    if ((strcmp(sub, "add") == 0 || strcmp(sub, "invite") == 0) && !role)
        return cmd_usage("user", "%s needs --role (admin, manager, assistant or principal)", sub);

    struct hl_error err;
    hl_error_clear(&err);
    struct db *db;
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK)
        return cmd_fail("user", &err);
    struct svc_ctx ctx = {db, "cli", NULL};
    int rc = 0;
    char password[AUTH_PASSWORD_MAX + 2];
    bool generated = false;
    json_t *out = NULL;
    struct account a;
    if (strcmp(sub, "list") == 0) {
        json_t *items;
        bool more = true;
        int64_t after = 0;
        printf("%-6s %-40s %-10s %-8s %s\n", "id", "login", "role", "person", "state");
        while (more && svc_account_list(&ctx, after, 500, &items, &more, &err) == HL_OK) {
            size_t i;
            json_t *it;
            json_array_foreach(items, i, it)
            {
                json_t *pid = json_object_get(it, "person_id");
                char person_text[24] = "-";
                if (json_is_integer(pid))
                    snprintf(person_text, sizeof person_text, "%lld",
                             (long long)json_integer_value(pid));
                json_t *inv = json_object_get(it, "invitation");
                printf("%-6lld %-40s %-10s %-8s %s%s%s\n",
                       (long long)json_integer_value(json_object_get(it, "id")),
                       json_string_value(json_object_get(it, "login")),
                       json_string_value(json_object_get(it, "role")), person_text,
                       json_is_true(json_object_get(it, "disabled"))   ? "disabled"
                       : !inv || json_is_null(inv)                     ? "active"
                       : json_is_true(json_object_get(inv, "expired")) ? "invitation expired "
                                                                       : "invited until ",
                       inv && !json_is_null(inv)
                           ? json_string_value(json_object_get(inv, "expires_at"))
                           : "",
                       "");
                after = json_integer_value(json_object_get(it, "id"));
            }
            json_decref(items);
        }
        if (err.code)
            rc = cmd_fail("user", &err);
    } else if (strcmp(sub, "invitations") == 0) {
        json_t *items;
        if (svc_invite_list(&ctx, &items, &err) != HL_OK) {
            rc = cmd_fail("user", &err);
        } else {
            printf("%-6s %-40s %-10s %-40s %s\n", "id", "login", "role", "email", "expires");
            size_t i;
            json_t *it;
            json_array_foreach(items, i, it)
            {
                printf("%-6lld %-40s %-10s %-40s %s%s\n",
                       (long long)json_integer_value(json_object_get(it, "account_id")),
                       json_string_value(json_object_get(it, "login")),
                       json_string_value(json_object_get(it, "role")),
                       json_string_value(json_object_get(it, "email")),
                       json_string_value(json_object_get(it, "expires_at")),
                       json_is_true(json_object_get(it, "expired")) ? " (expired)" : "");
            }
            json_decref(items);
        }
    } else if (strcmp(sub, "invite") == 0) {
        struct invite_req r = {login, role, person, email, lang};
        if (svc_invite_create(&ctx, &r, site, &out, &err) != HL_OK)
            rc = cmd_fail("user", &err);
        else
            printf("invited %s (%s): %s\n", login, role,
                   json_string_value(json_object_get(out, "link")));
    } else if (strcmp(sub, "add") == 0) {
        if (!obtain_password(file, password, sizeof password, &generated))
            rc = 1;
        else if (svc_account_create(&ctx, login, role, person, password, &out, &err) != HL_OK)
            rc = cmd_fail("user", &err);
        else
            printf("added account %s (%s)%s%s\n", login, role, generated ? ", password: " : "",
                   generated ? password : "");
    } else if (svc_account_find(&ctx, login, &a, &err) != HL_OK) {
        rc = cmd_fail("user", &err);
    } else if (strcmp(sub, "token") == 0) {
        struct svc_ctx as = {db, a.login, &a};
        if (svc_token_create(&as, name, &out, &err) != HL_OK)
            rc = cmd_fail("user", &err);
        else
            printf("%s\n", json_string_value(json_object_get(out, "token")));
    } else {
        json_t *body;
        if (strcmp(sub, "passwd") == 0) {
            if (!obtain_password(file, password, sizeof password, &generated)) {
                rc = 1;
                goto out;
            }
            body = json_pack("{ss}", "password", password);
        } else {
            body = json_pack("{sb}", "disabled", strcmp(sub, "disable") == 0);
        }
        if (svc_account_update(&ctx, a.id, a.version, body, &out, &err) != HL_OK)
            rc = cmd_fail("user", &err);
        else if (strcmp(sub, "passwd") == 0)
            printf("new password for %s%s%s\n", login, generated ? ": " : " set",
                   generated ? password : "");
        else
            printf("%s %sd\n", login, sub);
        json_decref(body);
    }
out:
    sodium_memzero(password, sizeof password);
    json_decref(out);
    db_close(db);
    return rc;
}
