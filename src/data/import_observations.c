/*
 * import_observations.c - the CSV importer of observations (see import_observations.h).
 *
 * Streams the file line by line through one fixed buffer, parses each field strictly and
 * hands rows to the store's observation writer; nothing is allocated per row (series codes are
 * resolved once each through a hash table).
 */
#include "data/import_observations.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "core/alloc.h"
#include "core/numfmt.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"

#define LINE_MAX_BYTES 4096
#define READ_BLOCK     ((size_t)64 * 1024) /* bytes per read: many lines, at least one whole line */

static const char header[] = "series_code,obs_date,value,available_at";

/* A series code resolved to its id. */
typedef struct code_entry {
    char code[MF_SERIES_CODE_MAX];
    int64_t id;
    UT_hash_handle hh;
} code_entry;

typedef struct importer {
    mf_store *st;
    const char *name;
    const mf_import_options *opt;
    mf_import_report rep;
    mf_obs_writer *writer;
    code_entry *codes; /* uthash by code */
    code_entry *last;
} importer;

/* Checks that every byte of line[0..len) is printable ASCII. */
static int check_ascii(const char *line, size_t len, mf_error *err)
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

/* A value: empty when published as missing (NaN), else a decimal number. */
static int parse_value(const char *s, size_t len, double *out, mf_error *err)
{
    if (len == 0) {
        *out = NAN;
        return 0;
    }
    int rc = mf_parse_decimal(s, len, out, err);
    return rc ? mf_error_prefix(err, "value: ") : 0;
}

static int resolve_code(importer *im, const char *code, size_t len, int64_t *id, mf_error *err)
{
    if (im->last && strncmp(im->last->code, code, len) == 0 && im->last->code[len] == '\0') {
        *id = im->last->id;
        return 0;
    }
    char key[MF_SERIES_CODE_MAX];
    if (len == 0 || len >= sizeof key)
        return mf_error_set(err, MF_EPARSE,
                            "series_code: invalid series code '%.*s': expected "
                            "1 to %d characters",
                            (int)(len > 80 ? 80 : len), code, MF_SERIES_CODE_MAX - 1);
    memcpy(key, code, len);
    key[len] = '\0';
    code_entry *e;
    HASH_FIND_STR(im->codes, key, e);
    if (e == NULL) {
        int rc = mf_series_code_check(key, err);
        if (rc != 0)
            return mf_error_prefix(err, "series_code: ");
        int64_t sid;
        bool created;
        if ((rc = mf_obs_writer_flush(im->writer, err)) != 0 ||
            (rc = mf_repo_series_ensure(im->st, key, &sid, &created, err)) != 0)
            return rc;
        im->rep.series_created += created;
        e = mf_calloc(1, sizeof *e);
        memcpy(e->code, key, len + 1);
        e->id = sid;
        HASH_ADD_STR(im->codes, code, e);
    }
    im->last = e;
    *id = e->id;
    return 0;
}

/* Parses and stores one data line (without its line end). */
static int import_line(importer *im, const char *line, size_t len, mf_error *err)
{
    int rc = check_ascii(line, len, err);
    if (rc != 0)
        return rc;
    const char *f[4];
    size_t flen[4];
    const char *p = line, *end = line + len;
    for (int i = 0; i < 4; i++) {
        const char *comma = i < 3 ? memchr(p, ',', (size_t)(end - p)) : NULL;
        if (i < 3 && comma == NULL)
            return mf_error_set(err, MF_EPARSE, "expected 4 fields (%s), got %d", header, i + 1);
        f[i] = p;
        flen[i] = (size_t)((i < 3 ? comma : end) - p);
        p = i < 3 ? comma + 1 : end;
    }
    if (memchr(f[3], ',', flen[3]) != NULL)
        return mf_error_set(err, MF_EPARSE, "expected 4 fields (%s), got more", header);
    mf_date obs_date = 0, available_at = 0;
    double value = NAN;
    int64_t series_id = 0;
    if (mf_date_parse_iso_n(f[1], flen[1], &obs_date, err) != 0)
        return mf_error_prefix(err, "obs_date: ");
    if ((rc = parse_value(f[2], flen[2], &value, err)) != 0)
        return rc;
    if (mf_date_parse_iso_n(f[3], flen[3], &available_at, err) != 0)
        return mf_error_prefix(err, "available_at: ");
    if ((rc = resolve_code(im, f[0], flen[0], &series_id, err)) != 0)
        return rc;
    mf_obs_outcome outcome;
    rc = mf_obs_writer_add(im->writer, series_id, obs_date, available_at, value, &outcome, err);
    if (rc == MF_EINVAL) /* a conflicting vintage: name the series */
        return mf_error_prefix(err, "series '%.*s': ", (int)flen[0], f[0]);
    if (rc != 0)
        return rc;
    mf_ingestion_counts *c = &im->rep.counts;
    c->rows_new += outcome == MF_OBS_NEW;
    c->rows_revised += outcome == MF_OBS_REVISED;
    c->rows_unchanged += outcome == MF_OBS_UNCHANGED;
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
    char *buf;       /* READ_BLOCK bytes */
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
    size_t want = READ_BLOCK - rest;
    size_t got = fread(r->buf + rest, 1, want, r->in);
    r->pos = 0;
    r->end = rest + got;
    r->total += (int64_t)got;
    r->eof = got < want; /* fread stops short only at the end of the file or on an error */
}

/*
 * The next line, without its line end (LF or CRLF), in *line and *len (borrowed: valid until
 * the next call): LINE_OK; LINE_UNTERMINATED for a last line without a line end; LINE_TOO_LONG
 * for a line over LINE_MAX_BYTES, which is skipped up to its line end; LINE_EOF at the end.
 */
static int reader_next(line_reader *r, const char **line, size_t *len)
{
    for (;;) {
        char *start = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        char *nl = memchr(start, '\n', avail < LINE_MAX_BYTES + 2 ? avail : LINE_MAX_BYTES + 2);
        if (nl != NULL) {
            size_t n = (size_t)(nl - start);
            r->pos += n + 1;
            *line = start;
            *len = n > 0 && start[n - 1] == '\r' ? n - 1 : n;
            return LINE_OK;
        }
        if (avail >= LINE_MAX_BYTES + 2) { /* the rest of the line is not a line of its own */
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

static int check_header(importer *im, const char *line, size_t len, mf_error *err)
{
    int rc = check_ascii(line, len, err);
    if (rc != 0 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        return mf_error_set(err, MF_EPARSE,
                            "%s:1: header starts with a UTF-8 byte order mark: the file must "
                            "be ASCII text",
                            im->name);
    if (rc != 0)
        return mf_error_prefix(err, "%s:1: header: ", im->name);
    if (len != sizeof header - 1 || memcmp(line, header, len) != 0)
        return mf_error_set(err, MF_EPARSE, "%s:1: expected the header '%s', got '%.*s'", im->name,
                            header, (int)(len > 60 ? 60 : len), line);
    return 0;
}

static int import_all(importer *im, FILE *in, mf_error *err)
{
    line_reader r = {.in = in, .buf = mf_malloc(READ_BLOCK)};
    const char *line = NULL;
    size_t len = 0;
    int rc = 0, got;
    for (int64_t lineno = 1; (got = reader_next(&r, &line, &len)) != LINE_EOF; lineno++) {
        if (got != LINE_OK && lineno > 1)
            im->rep.rows++; /* a data line, if a broken one: rows = new + ... + skipped */
        if (got == LINE_TOO_LONG) {
            rc = mf_error_set(err, MF_EPARSE, "line longer than %d bytes", LINE_MAX_BYTES);
        } else if (got == LINE_UNTERMINATED) {
            rc = mf_error_set(err, MF_EPARSE, "last line has no line end (truncated file?)");
        } else if (lineno == 1) {
            if ((rc = check_header(im, line, len, err)) != 0)
                goto out;
            continue;
        } else if (len == 0) {
            continue; /* blank lines carry nothing */
        } else {
            im->rep.rows++;
            rc = import_line(im, line, len, err);
        }
        if (rc == 0)
            continue;
        mf_error_prefix(err, "%s:%lld: ", im->name, (long long)lineno);
        if (!im->opt->skip_bad || !is_row_error(rc) || lineno == 1) /* no header: no file */
            goto out;
        rc = 0;
        im->rep.skipped++;
        if (im->opt->on_bad)
            im->opt->on_bad(im->opt->ctx, err->msg);
    }
    if (ferror(in))
        rc = mf_error_set(err, MF_EIO, "cannot read '%s': %s", im->name, strerror(errno));
    else if (r.total == 0)
        rc = mf_error_set(err, MF_EPARSE, "%s: empty file: expected the header '%s'", im->name,
                          header);
out:
    mf_free(r.buf);
    return rc;
}

int mf_import_observations(mf_store *st, FILE *in, const char *name, const mf_import_options *opt,
                           mf_import_report *rep, mf_error *err)
{
    importer im = {.st = st, .name = name, .opt = opt};
    char source[256];
    snprintf(source, sizeof source, "import:%s", name);
    int rc = mf_repo_run_start(st, source, opt->now, &im.rep.run_id, err);
    if (rc != 0)
        return rc;
    mf_error local;
    if (err == NULL)
        err = &local;
    if ((rc = mf_store_begin(st, err)) == 0) {
        im.writer = mf_obs_writer_new(st, opt->now);
        rc = import_all(&im, in, err);
        if (rc == 0)
            rc = mf_obs_writer_flush(im.writer, err);
        rc = rc == 0 ? mf_store_commit(st, err) : (mf_store_rollback(st, NULL), rc);
    }
    mf_obs_writer_free(im.writer);
    code_entry *e, *tmp;
    HASH_ITER(hh, im.codes, e, tmp)
    {
        HASH_DEL(im.codes, e);
        mf_free(e);
    }
    mf_ingestion_counts none = {0};
    mf_error ignored;
    mf_repo_run_finish(st, im.rep.run_id, opt->now, rc == 0 ? &im.rep.counts : &none,
                       rc == 0 ? NULL : err->msg, &ignored);
    if (rc == 0)
        *rep = im.rep;
    return rc;
}
