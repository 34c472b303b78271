/*
 * static_files.c - the web UI's files (web/dist) under `mf serve` (static_files.h): a path that
 * is not under /api names a file of the root, or - a client route of the single-page app,
 * whose last segment has no asset's extension - index.html. No path can leave the root: dot
 * segments, backslashes and control bytes are refused, and the file's real path (symlinks resolved)
 * must lie inside the root's.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#include "api/static_files.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"

enum { MAX_FILE_BYTES = 32 << 20 };

static const struct {
    const char *ext, *type;
} types[] = {{".html", "text/html; charset=utf-8"},
             {".js", "text/javascript; charset=utf-8"},
             {".mjs", "text/javascript; charset=utf-8"},
             {".css", "text/css; charset=utf-8"},
             {".json", "application/json"},
             {".map", "application/json"},
             {".svg", "image/svg+xml"},
             {".png", "image/png"},
             {".ico", "image/x-icon"},
             {".woff2", "font/woff2"},
             {".txt", "text/plain; charset=utf-8"}};

/* The content type of a file's extension, or NULL for an extension not listed. */
static const char *known_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

static const char *type_of(const char *path)
{
    const char *type = known_type(path);
    return type ? type : "application/octet-stream";
}

/* Whether url is a clean absolute path: no "." or ".." segment, no backslash or control byte. */
static bool clean(const char *url)
{
    if (url[0] != '/')
        return false;
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return false;
    for (const char *seg = url + 1;; seg++) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        if (!end)
            return true;
        seg = end;
    }
}

/* Reads root/rel into resp when it is a regular file inside root; false otherwise. */
static bool send_file(const char *root, const char *rel, mf_api_response *resp)
{
    char path[PATH_MAX], real[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s%s", root, rel) >= sizeof path ||
        !realpath(path, real))
        return false;
    size_t n = strlen(root);
    struct stat st;
    if (strncmp(real, root, n) != 0 || real[n] != '/' || stat(real, &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size > MAX_FILE_BYTES)
        return false;
    FILE *f = fopen(real, "rb");
    if (!f)
        return false;
    mf_api_text(resp, 200, type_of(real));
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        mf_api_buf_append(&resp->body, chunk, got);
    fclose(f);
    resp->cacheable = true;
    return true;
}

bool mf_api_static(const char *root, const char *url, mf_api_response *resp)
{
    if (!root || !root[0] || strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0)
        return false;
    if (!clean(url))
        return mf_api_problem(resp, 404, "Not Found", "no such file"), true;
    if (send_file(root, strcmp(url, "/") == 0 ? "/index.html" : url, resp))
        return true;
    /* A client route of the app (its last segment has no asset's extension: /series/SGS.432
       is a route, /missing.js a missing file): the app's page. */
    const char *last = strrchr(url, '/');
    if (!known_type(last) && send_file(root, "/index.html", resp))
        return true;
    return mf_api_problem(resp, 404, "Not Found", "no such file"), true;
}
