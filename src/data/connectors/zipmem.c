/*
 * zipmem.c - members of an in-memory zip archive through libzip (see zipmem_int.h).
 */
#include "data/connectors/zipmem_int.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "core/alloc.h"

struct mf_zipmem {
    zip_t *zip;
    char what[96];
};

bool mf_zipmem_is_zip(const char *buf, size_t len)
{
    return len >= 4 && buf[0] == 'P' && buf[1] == 'K' &&
           ((buf[2] == 3 && buf[3] == 4) || (buf[2] == 5 && buf[3] == 6));
}

int mf_zipmem_open(const char *buf, size_t len, const char *what, mf_zipmem **out, mf_error *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        int rc = mf_error_set(err, MF_ENOMEM, "%s: %s", what, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    zip_t *zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!zip) {
        int rc = mf_error_set(err, MF_EPARSE, "%s: not a readable zip archive (libzip: %s)", what,
                              zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    mf_zipmem *z = mf_calloc(1, sizeof *z);
    z->zip = zip;
    snprintf(z->what, sizeof z->what, "%s", what);
    *out = z;
    return 0;
}

void mf_zipmem_close(mf_zipmem *z)
{
    if (!z)
        return;
    zip_discard(z->zip); /* read-only: nothing to write back */
    mf_free(z);
}

size_t mf_zipmem_count(const mf_zipmem *z)
{
    zip_int64_t n = zip_get_num_entries(z->zip, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *mf_zipmem_name(const mf_zipmem *z, size_t i)
{
    return zip_get_name(z->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
}

long mf_zipmem_find(const mf_zipmem *z, const char *name)
{
    zip_int64_t i = zip_name_locate(z->zip, name, ZIP_FL_ENC_RAW);
    return i < 0 ? -1 : (long)i;
}

int mf_zipmem_read(const mf_zipmem *z, size_t i, size_t max_bytes, char **out, size_t *out_len,
                   mf_error *err)
{
    *out = NULL;
    *out_len = 0;
    const char *name = mf_zipmem_name(z, i);
    if (!name)
        return mf_error_set(err, MF_EPARSE, "%s: no member %zu", z->what, i);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return mf_error_set(err, MF_EPARSE, "%s: member '%s': no size in the directory", z->what,
                            name);
    if (st.size > max_bytes)
        return mf_error_set(err, MF_ERANGE,
                            "%s: member '%s' inflates to %llu bytes, more than the %zu allowed",
                            z->what, name, (unsigned long long)st.size, max_bytes);
    zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)i, 0);
    if (!f)
        return mf_error_set(err, MF_EPARSE, "%s: member '%s' cannot be opened (libzip: %s)",
                            z->what, name, zip_strerror(z->zip));
    size_t size = (size_t)st.size;
    char *buf = mf_malloc(size + 1);
    size_t got = 0;
    int rc = 0;
    while (got < size) {
        zip_int64_t k = zip_fread(f, buf + got, size - got);
        if (k < 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: member '%s' is corrupt (libzip: %s)", z->what,
                              name, zip_file_strerror(f));
            goto out;
        }
        if (k == 0)
            break;
        got += (size_t)k;
    }
    if (got != size) {
        rc = mf_error_set(err, MF_EPARSE, "%s: member '%s' is truncated (%zu of %zu bytes)",
                          z->what, name, got, size);
        goto out;
    }
    /* Reading on to the end makes libzip check the CRC; a member longer than its directory
       entry is corrupt too. */
    char extra;
    zip_int64_t k = zip_fread(f, &extra, 1);
    if (k != 0) {
        rc = k < 0
                 ? mf_error_set(err, MF_EPARSE, "%s: member '%s' is corrupt (libzip: %s)", z->what,
                                name, zip_file_strerror(f))
                 : mf_error_set(err, MF_EPARSE, "%s: member '%s' is longer than its directory says",
                                z->what, name);
        goto out;
    }
    buf[size] = '\0';
    *out = buf;
    *out_len = size;
    buf = NULL;
out:
    zip_fclose(f);
    mf_free(buf);
    return rc;
}
