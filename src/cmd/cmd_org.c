/* cmd_org.c: CLI ⇄ svc for a whole organisation: `haldus import org FOLDER [--dry-run]` and
 * `haldus export org FOLDER` (svc_import.h; the files are described in docs/organisation.md). */
#include "cmd.h"
#include "svc_import.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ORG_MAX_FILE ((size_t)64 << 20)

static void print_files(FILE *out)
{
    const struct entity *ents[ORG_MAX_ENTITIES];
    size_t n = svc_org_entities(ents, ORG_MAX_ENTITIES);
    size_t col = 6;
    fputs("Files:", out);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(ents[i]->path) + 5;
        if (col + len > 79) {
            fputs("\n ", out);
            col = 1;
        }
        fprintf(out, " %s.csv", ents[i]->path);
        col += len;
    }
    fputs("\n(in this order: a file comes after the files its links point to)\n", out);
}

static const char org_import_help[] =
    "Usage: haldus import org FOLDER [--dry-run] [--db PATH]\n"
    "Imports every CSV file of an organisation in FOLDER in one go, all or nothing. Links are\n"
    "written by natural keys: people by e-mail (assistant_email, principal_email,\n"
    "person_email), skills and duties by name (skill_name, duty_name); ids are optional. A row\n"
    "whose natural key matches a record updates it, so running it again with changed files\n"
    "updates without duplicates. --dry-run prints what would be created, changed and left\n"
    "alone, row by row, and writes nothing. The columns: docs/organisation.md, or\n"
    "`haldus export --template KIND`. A file that is missing is skipped.\n";

static const char org_export_help[] =
    "Usage: haldus export org FOLDER [--db PATH]\n"
    "Writes every collection of the organisation as FOLDER/<collection>.csv (FOLDER is created\n"
    "when missing), in exactly the form `haldus import org` reads: links by e-mail and name, no\n"
    "ids, no columns that Haldus sets itself (the status of an absence is written).\n";

/* Reads every *.csv file of dir into files (name → text). */
static enum hl_err read_folder(const char *dir, json_t *files, struct hl_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return hl_fail(err, HL_ERR_IO, NULL, "cannot read the folder %s: %s", dir, strerror(errno));
    enum hl_err e = HL_OK;
    for (struct dirent *de; e == HL_OK && (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".csv") != 0)
            continue;
        size_t plen = strlen(dir) + len + 2;
        char *path = malloc(plen);
        if (!path)
            abort();
        snprintf(path, plen, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        char *text = NULL;
        size_t n = 0;
        if (!f) {
            e = hl_fail(err, HL_ERR_IO, NULL, "cannot read %s: %s", path, strerror(errno));
        } else {
            text = malloc(ORG_MAX_FILE + 1);
            if (!text)
                abort();
            n = fread(text, 1, ORG_MAX_FILE + 1, f);
            if (ferror(f))
                e = hl_fail(err, HL_ERR_IO, NULL, "cannot read %s", path);
            else if (n > ORG_MAX_FILE)
                e = hl_fail(err, HL_ERR_TOO_LARGE, NULL, "%s is larger than 64 MiB", path);
            fclose(f);
        }
        if (e == HL_OK) {
            size_t skip = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* a BOM */
            json_t *s = json_stringn(text + skip, n - skip);
            if (!s)
                e = hl_fail(err, HL_ERR_INVALID, NULL, "%s is not UTF-8 text", de->d_name);
            else
                json_object_set_new(files, de->d_name, s);
        }
        free(text);
        free(path);
    }
    closedir(d);
    return e;
}

static void print_report(const json_t *report, bool rows)
{
    size_t i, k;
    json_t *f, *r, *note;
    json_array_foreach(json_object_get(report, "notes"), i, note)
        fprintf(stderr, "note: %s\n", json_string_value(note));
    json_array_foreach(json_object_get(report, "files"), i, f)
    {
        const char *file = json_string_value(json_object_get(f, "file"));
        if (rows) {
            json_array_foreach(json_object_get(f, "rows"), k, r)
            {
                printf("%s row %lld: %-6s %s", file,
                       (long long)json_integer_value(json_object_get(r, "row")),
                       json_string_value(json_object_get(r, "action")),
                       json_string_value(json_object_get(r, "key")));
                json_t *ch = json_object_get(r, "changes");
                for (size_t c = 0; c < json_array_size(ch); c++)
                    printf("%s%s", c ? ", " : " (", json_string_value(json_array_get(ch, c)));
                puts(json_array_size(ch) ? ")" : "");
            }
        }
        printf("%s: %lld created, %lld changed, %lld unchanged\n", file,
               (long long)json_integer_value(json_object_get(f, "created")),
               (long long)json_integer_value(json_object_get(f, "changed")),
               (long long)json_integer_value(json_object_get(f, "unchanged")));
    }
}

static int org_command(int argc, char **argv, bool import)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"dry-run", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *name = import ? "import org" : "export org", *db_path = NULL;
    bool dry_run = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:nh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'n':
            if (!import)
                return cmd_usage(name, "--dry-run is for import");
            dry_run = true;
            break;
        case 'h':
            fputs(import ? org_import_help : org_export_help, stdout);
            print_files(stdout);
            return 0;
        case ':':
            return cmd_usage(name, "%s needs a value", argv[optind - 1]);
        default:
            return cmd_usage(name, "unknown option %s", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return cmd_usage(name, "give the FOLDER");
    const char *dir = argv[optind];
    struct hl_error err;
    hl_error_clear(&err);
    struct db *db = NULL;
    json_t *files = NULL, *report = NULL;
    int rc = 0;
    if (import) {
        files = json_object();
        if (read_folder(dir, files, &err) != HL_OK) {
            rc = cmd_fail(name, &err);
            goto out;
        }
    } else if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        hl_fail(&err, HL_ERR_IO, NULL, "cannot create the folder %s: %s", dir, strerror(errno));
        rc = cmd_fail(name, &err);
        goto out;
    }
    if (cmd_open_current(cmd_db_path(db_path), &db, &err) != HL_OK) {
        rc = cmd_fail(name, &err);
        goto out;
    }
    struct svc_ctx ctx = {db, "import", NULL};
    if (import) {
        enum hl_err e = svc_org_import(&ctx, files, dry_run, &report, &err);
        if (e != HL_OK) {
            size_t n = strlen(err.message);
            snprintf(err.message + n, sizeof err.message - n, " (nothing was imported)");
            rc = cmd_fail(name, &err);
            goto out;
        }
        print_report(report, dry_run);
        if (dry_run)
            puts("dry run: nothing was written");
        goto out;
    }
    ctx.actor = "export";
    if (svc_org_export(&ctx, &files, &err) != HL_OK) {
        rc = cmd_fail(name, &err);
        goto out;
    }
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        const char *file = json_string_value(json_object_get(f, "file"));
        size_t plen = strlen(dir) + strlen(file) + 2;
        char *path = malloc(plen);
        if (!path)
            abort();
        snprintf(path, plen, "%s/%s", dir, file);
        FILE *out = fopen(path, "wb");
        json_t *csv = json_object_get(f, "csv");
        if (!out || fwrite(json_string_value(csv), 1, json_string_length(csv), out) !=
                        json_string_length(csv)) {
            hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s: %s", path, strerror(errno));
            rc = cmd_fail(name, &err);
        }
        if (out && fclose(out) != 0 && rc == 0) {
            hl_fail(&err, HL_ERR_IO, NULL, "cannot write %s: %s", path, strerror(errno));
            rc = cmd_fail(name, &err);
        }
        if (rc == 0)
            printf("exported %lld rows to %s\n",
                   (long long)json_integer_value(json_object_get(f, "rows")), path);
        free(path);
        if (rc)
            break;
    }
out:
    if (db)
        db_close(db);
    json_decref(files);
    json_decref(report);
    return rc;
}

int cmd_import_org(int argc, char **argv)
{
    return org_command(argc, argv, true);
}

int cmd_export_org(int argc, char **argv)
{
    return org_command(argc, argv, false);
}

int cmd_export_template(const char *kind)
{
    char *csv = NULL;
    struct hl_error err;
    hl_error_clear(&err);
    if (svc_org_template(kind, &csv, &err) != HL_OK) {
        fprintf(stderr, "haldus export: %s\n", err.message);
        print_files(stderr);
        return 2;
    }
    fputs(csv, stdout);
    free(csv);
    return 0;
}
