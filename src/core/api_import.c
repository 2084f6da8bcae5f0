/* api_import.c: HTTP ⇄ svc for importing a whole organisation from the web app (Settings):
 * the same use case as `haldus import org` (svc_import.h), with the files in a JSON body. */
#include "api.h"
#include "svc_import.h"

/* POST /api/v1/import/org {"files": {"assistants.csv": "<CSV text>", …}, "dry_run": bool}:
 * 200 with the report of svc_org_import (per file: created, changed, unchanged and each row);
 * a dry run writes nothing. A bad cell answers 422 naming the file, the row and the column,
 * and nothing is written. */
enum hl_err api_org_import(struct request *req, struct response *res, struct hl_error *err)
{
    static const char *const allowed[] = {"files", "dry_run", NULL};
    json_t *body = NULL, *report = NULL;
    enum hl_err e = http_json_fields(req, allowed, false, &body, err);
    if (e != HL_OK)
        goto out;
    const json_t *files = json_object_get(body, "files");
    const json_t *dry = json_object_get(body, "dry_run");
    if (!json_is_object(files)) {
        e = hl_fail(err, HL_ERR_INVALID, "files",
                    "files must be an object of file name → CSV text, e.g. "
                    "{\"assistants.csv\": \"name,email,…\"}");
        goto out;
    }
    if (dry && !json_is_boolean(dry)) {
        e = hl_fail(err, HL_ERR_INVALID, "dry_run", "dry_run must be true or false");
        goto out;
    }
    e = svc_org_import(&req->ctx, files, json_is_true(dry), &report, err);
    if (e == HL_OK) {
        http_json(res, 200, report);
        report = NULL;
    }
out:
    json_decref(body);
    json_decref(report);
    return e;
}
