/*
 * static_files.h - serving the web UI's built files next to the API.
 *
 * Exports: mf_api_static().
 */
#ifndef MF_API_STATIC_FILES_H
#define MF_API_STATIC_FILES_H

#include <stdbool.h>

#include "api/api.h"

/*
 * Answers a GET of url from the directory root (an absolute, symlink-free path; NULL or "":
 * no files served): the file, or index.html for a client route (a last segment without the
 * extension of an asset type: .js, .css, .html, .png ...), or a 404 problem for anything else,
 * including any path that would leave root. Returns false, touching nothing, for paths under /api
 * and when root is not set.
 */
bool mf_api_static(const char *root, const char *url, mf_api_response *resp);

#endif
