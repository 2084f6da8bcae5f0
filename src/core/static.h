/* static.h: the web app's files, embedded in the binary at build time from web/dist. */
#ifndef HL_STATIC_H
#define HL_STATIC_H

#include <stdbool.h>
#include <stddef.h>

struct static_file {
    const char *name; /* path below web/dist, e.g. "assets/index-3f9a.js" */
    const unsigned char *data;
    size_t size;
    const char *content_type;
    bool immutable; /* a hashed asset: cache for a year */
};

/* The file for a GET of path ("/", "/board", "/assets/x.js"): the file itself, index.html for
 * any other page path (the single-page app routes in the browser), or false when the path
 * names a missing asset or the web app was not built. */
bool static_lookup(const char *path, struct static_file *out);
/* Whether the web app is in this binary at all. */
bool static_available(void);

#endif
