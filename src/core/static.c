/* static.c: lookup of the embedded web app (generated table web_assets[], sorted by name). */
#include "static.h"

#include <stdlib.h>
#include <string.h>

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
};
extern const struct embedded_file web_assets[];
extern const size_t web_assets_count;

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

static int by_name(const void *key, const void *elem)
{
    return strcmp(key, ((const struct embedded_file *)elem)->name);
}

static const struct embedded_file *find(const char *name)
{
    return bsearch(name, web_assets, web_assets_count, sizeof web_assets[0], by_name);
}

bool static_available(void)
{
    return find("index.html") != NULL;
}

bool static_lookup(const char *path, struct static_file *out)
{
    while (*path == '/')
        path++;
    const struct embedded_file *f = *path && !strstr(path, "..") ? find(path) : NULL;
    if (!f) {
        /* Missing assets are 404s; every other path is a page of the app. */
        if (strncmp(path, "assets/", 7) == 0)
            return false;
        f = find("index.html");
        if (!f)
            return false;
    }
    out->name = f->name;
    out->data = f->data;
    out->size = f->size;
    out->content_type = "application/octet-stream";
    const char *dot = strrchr(f->name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            out->content_type = types[i].type;
    out->immutable = strncmp(f->name, "assets/", 7) == 0;
    return true;
}
