/*
 * zipmem_int.h - reads members of a zip archive held in memory (libzip over a buffer), for the
 * connectors whose sources publish zips: B3's price reports (b3.c) and the XLSX workbooks of
 * Tesouro Nacional (stn.c). Private to src/data/connectors.
 *
 * Exports: mf_zipmem, mf_zipmem_open(), mf_zipmem_close(), mf_zipmem_count(),
 * mf_zipmem_name(), mf_zipmem_find(), mf_zipmem_read(), mf_zipmem_is_zip().
 */
#ifndef MF_DATA_CONNECTORS_ZIPMEM_INT_H
#define MF_DATA_CONNECTORS_ZIPMEM_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct mf_zipmem mf_zipmem;

/* True when buf starts with a zip local-file or end-of-central-directory signature. */
bool mf_zipmem_is_zip(const char *buf, size_t len);

/*
 * Opens the zip in buf[0..len) (not copied: buf must outlive the handle). what names the
 * archive in messages ("b3 SPRD260112.zip"). MF_EPARSE "WHAT: not a readable zip archive
 * (libzip: ...)" when the archive is corrupt. Close with mf_zipmem_close().
 */
int mf_zipmem_open(const char *buf, size_t len, const char *what, mf_zipmem **out, mf_error *err);
void mf_zipmem_close(mf_zipmem *z);

/* Number of members, and the name of member i (NULL when out of range). */
size_t mf_zipmem_count(const mf_zipmem *z);
const char *mf_zipmem_name(const mf_zipmem *z, size_t i);

/* Index of the member named exactly name, or -1. */
long mf_zipmem_find(const mf_zipmem *z, const char *name);

/*
 * Reads member i whole into a new NUL-terminated buffer *out of *out_len bytes (caller frees
 * with mf_free()). MF_ERANGE when it inflates to more than max_bytes (a zip bomb or a file far
 * larger than the source publishes); MF_EPARSE when the member is corrupt (CRC, truncated).
 */
int mf_zipmem_read(const mf_zipmem *z, size_t i, size_t max_bytes, char **out, size_t *out_len,
                   mf_error *err);

#endif
