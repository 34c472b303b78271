/*
 * lines.c - reading a text file a line at a time (see lines.h).
 */
#include "core/lines.h"

#include <errno.h>
#include <string.h>

#include "core/alloc.h"

int mf_lines_open(mf_lines *r, const char *path, size_t max_len, mf_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->max_len = max_len;
    r->fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (r->fp == NULL)
        return mf_error_set(err, MF_EIO, "cannot open '%s': %s", path, strerror(errno));
    return 0;
}

int mf_lines_next(mf_lines *r, mf_error *err)
{
    errno = 0;
    ssize_t len = getline(&r->line, &r->cap, r->fp);
    if (len < 0) {
        if (ferror(r->fp))
            return mf_error_set(err, MF_EIO, "cannot read '%s': %s", r->path,
                                strerror(errno ? errno : EIO));
        return 0;
    }
    r->lineno++;
    while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
        r->line[--len] = '\0';
    if (r->lineno == 1 && len >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
        len -= 3;
        memmove(r->line, r->line + 3, (size_t)len + 1);
    }
    r->len = (size_t)len;
    if (r->max_len && r->len > r->max_len)
        return mf_error_set(err, MF_ERANGE, "%s:%ld: line longer than %zu bytes", r->path,
                            r->lineno, r->max_len);
    return 1;
}

void mf_lines_close(mf_lines *r)
{
    if (r->fp && r->fp != stdin)
        fclose(r->fp);
    r->fp = NULL;
    mf_free(r->line); /* from getline(): mf_free is free() */
    r->line = NULL;
    r->cap = 0;
}
