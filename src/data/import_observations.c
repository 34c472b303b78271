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
#include "data/csv_rows_int.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"

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
    int rc = mf_csv_check_ascii(line, len, err);
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

/* The importer's row function for mf_csv_rows_run(). */
static int import_row(void *ctx, const char *line, size_t len, mf_error *err)
{
    return import_line(ctx, line, len, err);
}

static int import_all(importer *im, FILE *in, mf_error *err)
{
    mf_csv_rows spec = {.name = im->name,
                        .header = header,
                        .skip_bad = im->opt->skip_bad,
                        .on_bad = im->opt->on_bad,
                        .on_bad_ctx = im->opt->ctx,
                        .row = import_row,
                        .ctx = im};
    int rc = mf_csv_rows_run(in, &spec, err);
    im->rep.rows = spec.rows;
    im->rep.skipped = spec.skipped;
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
