/* cmd_openapi.c: `haldus openapi`: prints the OpenAPI document the server serves at
 * /api/v1/openapi.json, with no database and no server (the web build generates its
 * TypeScript types from it). */
#include "cmd.h"
#include "openapi.h"

#include <stdio.h>
#include <string.h>

static const char openapi_help[] =
    "Usage: haldus openapi\n"
    "Print the OpenAPI 3.1 document of the JSON API (the same text `haldus serve` answers at\n"
    "GET /api/v1/openapi.json) on standard output. Needs no database.\n";

int cmd_openapi(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(openapi_help, stdout);
        return 0;
    }
    if (argc > 1)
        return cmd_usage("openapi", "unexpected argument %s", argv[1]);
    const char *doc = openapi_text();
    if (!doc) {
        fprintf(stderr, "haldus openapi: the document could not be built\n");
        return 1;
    }
    if (fputs(doc, stdout) == EOF || fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
        perror("haldus openapi: writing the document");
        return 1;
    }
    return 0;
}
