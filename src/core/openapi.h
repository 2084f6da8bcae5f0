/* openapi.h: the OpenAPI 3.1 document of the API, generated from the route table and the
 * entity descriptions, so the document, the router and the validation cannot drift apart. */
#ifndef HL_OPENAPI_H
#define HL_OPENAPI_H

#include <jansson.h>

/* A new document. */
json_t *openapi_document(void);

/* The document as text, built once; owned by this module. */
const char *openapi_text(void);

#endif
