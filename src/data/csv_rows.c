/*
 * csv_rows.c - the loop of the CSV importers (see csv_rows_int.h).
 */
#include "data/csv_rows_int.h"

#include <errno.h>
#include <string.h>

#include "core/alloc.h"

/* bytes per read: many lines, at least one whole line */
#define MF_CSV_READ_BLOCK ((size_t)64 * 1024)

int mf_csv_check_ascii(const char *line, size_t len, mf_error *err)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x20 || c >= 0x7f)
            return mf_error_set(err, MF_EPARSE,
                                "invalid byte 0x%02X at column %zu: the file must be ASCII text", c,
                                i + 1);
    }
    return 0;
}

/* Row errors (bad input) may be skipped; store errors never are. */
static bool is_row_error(int rc)
{
    return rc == MF_EPARSE || rc == MF_EINVAL;
}

/*
 * The lines of the file, read in blocks: lines are found with memchr, so a NUL byte inside a
 * line is seen as the bad byte it is (fgets would end the line there), and the bytes read are
 * counted, so an empty file is told apart from one with a header even on a pipe.
 */
typedef struct line_reader {
    FILE *in;
    char *buf;       /* MF_CSV_READ_BLOCK bytes */
    size_t pos, end; /* the unread bytes are buf[pos..end) */
    int64_t total;   /* bytes read from in so far */
    bool eof;        /* in has no more bytes (or failed: see ferror) */
} line_reader;

enum { LINE_OK, LINE_EOF, LINE_UNTERMINATED, LINE_TOO_LONG };

/* Moves the unread bytes to the front of the buffer and reads more after them. */
static void reader_fill(line_reader *r)
{
    size_t rest = r->end - r->pos;
    memmove(r->buf, r->buf + r->pos, rest);
    size_t want = MF_CSV_READ_BLOCK - rest;
    size_t got = fread(r->buf + rest, 1, want, r->in);
    r->pos = 0;
    r->end = rest + got;
    r->total += (int64_t)got;
    r->eof = got < want; /* fread stops short only at the end of the file or on an error */
}

/*
 * The next line, without its line end (LF or CRLF), in *line and *len (borrowed: valid until
 * the next call): LINE_OK; LINE_UNTERMINATED for a last line without a line end; LINE_TOO_LONG
 * for a line over MF_CSV_LINE_MAX_BYTES, which is skipped up to its line end; LINE_EOF at the end.
 */
static int reader_next(line_reader *r, const char **line, size_t *len)
{
    for (;;) {
        char *start = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        char *nl = memchr(start, '\n',
                          avail < MF_CSV_LINE_MAX_BYTES + 2 ? avail : MF_CSV_LINE_MAX_BYTES + 2);
        if (nl != NULL) {
            size_t n = (size_t)(nl - start);
            r->pos += n + 1;
            *line = start;
            *len = n > 0 && start[n - 1] == '\r' ? n - 1 : n;
            return LINE_OK;
        }
        if (avail >=
            MF_CSV_LINE_MAX_BYTES + 2) { /* the rest of the line is not a line of its own */
            for (;;) {
                nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
                if (nl != NULL) {
                    r->pos = (size_t)(nl - r->buf) + 1;
                    break;
                }
                r->pos = r->end;
                if (r->eof)
                    break;
                reader_fill(r);
            }
            return LINE_TOO_LONG;
        }
        if (r->eof) {
            if (avail == 0)
                return LINE_EOF;
            r->pos = r->end;
            *line = start;
            *len = avail;
            return LINE_UNTERMINATED;
        }
        reader_fill(r);
    }
}

static int check_header(const mf_csv_rows *spec, const char *line, size_t len, mf_error *err)
{
    int rc = mf_csv_check_ascii(line, len, err);
    if (rc != 0 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        return mf_error_set(err, MF_EPARSE,
                            "%s:1: header starts with a UTF-8 byte order mark: the file must "
                            "be ASCII text",
                            spec->name);
    if (rc != 0)
        return mf_error_prefix(err, "%s:1: header: ", spec->name);
    size_t want = strlen(spec->header);
    if (len != want || memcmp(line, spec->header, len) != 0)
        return mf_error_set(err, MF_EPARSE, "%s:1: expected the header '%s', got '%.*s'",
                            spec->name, spec->header, (int)(len > 60 ? 60 : len), line);
    return 0;
}

int mf_csv_rows_run(FILE *in, mf_csv_rows *spec, mf_error *err)
{
    line_reader r = {.in = in, .buf = mf_malloc(MF_CSV_READ_BLOCK)};
    const char *line = NULL;
    size_t len = 0;
    int rc = 0, got;
    for (int64_t lineno = 1; (got = reader_next(&r, &line, &len)) != LINE_EOF; lineno++) {
        if (got != LINE_OK && lineno > 1)
            spec->rows++; /* a data line, if a broken one: rows = imported + skipped */
        if (got == LINE_TOO_LONG) {
            rc = mf_error_set(err, MF_EPARSE, "line longer than %d bytes", MF_CSV_LINE_MAX_BYTES);
        } else if (got == LINE_UNTERMINATED) {
            rc = mf_error_set(err, MF_EPARSE, "last line has no line end (truncated file?)");
        } else if (lineno == 1) {
            if ((rc = check_header(spec, line, len, err)) != 0)
                goto out;
            continue;
        } else if (len == 0) {
            continue; /* blank lines carry nothing */
        } else {
            spec->rows++;
            rc = spec->row(spec->ctx, line, len, err);
        }
        if (rc == 0)
            continue;
        mf_error_prefix(err, "%s:%lld: ", spec->name, (long long)lineno);
        if (!spec->skip_bad || !is_row_error(rc) || lineno == 1) /* no header: no file */
            goto out;
        rc = 0;
        spec->skipped++;
        if (spec->on_bad)
            spec->on_bad(spec->on_bad_ctx, err->msg);
    }
    if (ferror(in))
        rc = mf_error_set(err, MF_EIO, "cannot read '%s': %s", spec->name, strerror(errno));
    else if (r.total == 0)
        rc = mf_error_set(err, MF_EPARSE, "%s: empty file: expected the header '%s'", spec->name,
                          spec->header);
out:
    mf_free(r.buf);
    return rc;
}
