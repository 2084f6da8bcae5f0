/* svc_import.h: a whole organisation as a folder of CSV files, one per collection, linked by
 * natural keys (people by e-mail, skills and duties by name) instead of ids: import all of it
 * in one transaction (all or nothing, updating by natural key), export it in the same form,
 * and the header and example row of one file. The files and their columns come from the
 * entity descriptions of the registry (docs/organisation.md). */
#ifndef HL_SVC_IMPORT_H
#define HL_SVC_IMPORT_H

#include "entity.h"
#include "svc.h"

#define ORG_MAX_ENTITIES 64

/* The collections of an organisation folder in dependency order (a file comes after the
 * files its links point to); returns how many were written to out. */
size_t svc_org_entities(const struct entity **out, size_t max);

/* Imports files (an object: file name, "assistants.csv", → its CSV text) in dependency order
 * in one transaction. dry_run: everything is checked and reported, then undone. *report (on
 * success and on failure, may be NULL) is {"files":[{"file","created","changed","unchanged",
 * "rows":[{"row","action":"create|update|same","key","changes":[…]}]}],"notes":[…]}. On
 * failure nothing is written and err's message names the file, the row and the column. */
enum hl_err svc_org_import(struct svc_ctx *ctx, const json_t *files, bool dry_run, json_t **report,
                           struct hl_error *err);

/* Every collection as CSV text in the form svc_org_import reads: *files is an array of
 * {"file","csv","rows"} in dependency order. */
enum hl_err svc_org_export(struct svc_ctx *ctx, json_t **files, struct hl_error *err);

/* The header and one example row of the file of collection `path` (malloc'd CSV text), or
 * HL_ERR_NOT_FOUND when no organisation file has that name. */
enum hl_err svc_org_template(const char *path, char **csv, struct hl_error *err);

/* A CSV list cell "a; b;c" as a JSON array of trimmed, non-empty strings (new reference). */
json_t *import_list_cell(const char *s);

#endif
