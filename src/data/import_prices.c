/*
 * import_prices.c - the CSV importer of instrument prices (see import_prices.h).
 *
 * Streams the file line by line through one fixed buffer (the line reader of
 * import_observations.c, repeated here: memchr finds line ends, so a NUL byte is a bad byte,
 * not the end of a line, and a line over the limit is refused), parses each field strictly and
 * hands rows to the store's price writer; tickers are resolved once each through a hash table.
 */
#include "data/import_prices.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <uthash.h>

#include "core/alloc.h"
#include "core/numfmt.h"
#include "data/csv_rows_int.h"
#include "store/repo_market_prices.h"

#define NFIELDS    10
#define TICKER_MAX 32 /* mf_instrument.ticker */

static const char header[] =
    "ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest";
static const char *const value_fields[] = {"open",   "high",   "low",          "close",
                                           "settle", "volume", "open_interest"};

typedef struct ticker_entry {
    char ticker[TICKER_MAX];
    int64_t id;
    UT_hash_handle hh;
} ticker_entry;

typedef struct importer {
    mf_store *st;
    const char *name;
    const mf_import_prices_options *opt;
    mf_import_prices_report rep;
    mf_price_writer *writer;
    ticker_entry *tickers; /* uthash by ticker */
    ticker_entry *last;
} importer;

/* The instrument id of ticker, creating the instrument through make_instrument if needed. */
static int resolve_ticker(importer *im, const char *t, size_t len, int64_t *id, mf_error *err)
{
    if (im->last && strncmp(im->last->ticker, t, len) == 0 && im->last->ticker[len] == '\0') {
        *id = im->last->id;
        return 0;
    }
    if (len == 0 || len >= TICKER_MAX)
        return mf_error_set(err, MF_EPARSE,
                            "ticker: invalid ticker '%.*s': expected 1 to %d "
                            "characters",
                            (int)(len > 40 ? 40 : len), t, TICKER_MAX - 1);
    char key[TICKER_MAX];
    memcpy(key, t, len);
    key[len] = '\0';
    ticker_entry *e;
    HASH_FIND_STR(im->tickers, key, e);
    if (e == NULL) {
        mf_instrument in;
        int rc = mf_repo_instrument_get(im->st, key, &in, err);
        if (rc == MF_ENOTFOUND) {
            rc = im->opt->make_instrument
                     ? im->opt->make_instrument(im->opt->make_ctx, key, &in, err)
                     : MF_ENOTFOUND;
            if (rc == MF_ENOTFOUND)
                return mf_error_set(err, MF_EINVAL,
                                    "unknown instrument '%s': only B3 DI1 contracts (DI1F27) are "
                                    "created on import; create other instruments first",
                                    key);
            if (rc != 0)
                return rc;
            if ((rc = mf_repo_instrument_create(im->st, &in, &in.id, err)) != 0)
                return rc;
            im->rep.instruments_created++;
        } else if (rc != 0) {
            return rc;
        }
        e = mf_calloc(1, sizeof *e);
        memcpy(e->ticker, key, len + 1);
        e->id = in.id;
        HASH_ADD_STR(im->tickers, ticker, e);
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
    const char *f[NFIELDS];
    size_t flen[NFIELDS];
    const char *p = line, *end = line + len;
    for (int i = 0; i < NFIELDS; i++) {
        bool last = i == NFIELDS - 1;
        const char *comma = last ? NULL : memchr(p, ',', (size_t)(end - p));
        if (!last && comma == NULL)
            return mf_error_set(err, MF_EPARSE, "expected %d fields (%s), got %d", NFIELDS, header,
                                i + 1);
        f[i] = p;
        flen[i] = (size_t)((last ? end : comma) - p);
        p = last ? end : comma + 1;
    }
    if (memchr(f[NFIELDS - 1], ',', flen[NFIELDS - 1]) != NULL)
        return mf_error_set(err, MF_EPARSE, "expected %d fields (%s), got more", NFIELDS, header);
    mf_market_price row;
    if (mf_date_parse_iso_n(f[1], flen[1], &row.price_date, err) != 0)
        return mf_error_prefix(err, "price_date: ");
    if (mf_date_parse_iso_n(f[2], flen[2], &row.available_at, err) != 0)
        return mf_error_prefix(err, "available_at: ");
    double v[7];
    for (int i = 0; i < 7; i++) {
        v[i] = NAN;
        if (flen[3 + i] > 0 && mf_parse_decimal(f[3 + i], flen[3 + i], &v[i], err) != 0)
            return mf_error_prefix(err, "%s: ", value_fields[i]);
    }
    row.open = v[0], row.high = v[1], row.low = v[2], row.close = v[3], row.settle = v[4];
    row.volume = v[5], row.open_interest = v[6], row.yield_pct = NAN;
    if (mf_market_price_check(&row, err) != 0) /* before an instrument is created */
        return mf_error_prefix(err, "ticker '%.*s': ", (int)flen[0], f[0]);
    if ((rc = resolve_ticker(im, f[0], flen[0], &row.instrument_id, err)) != 0)
        return rc;
    mf_price_outcome outcome;
    rc = mf_price_writer_add(im->writer, &row, &outcome, err);
    if (rc == MF_EINVAL) /* a bad or conflicting row: name the instrument */
        return mf_error_prefix(err, "ticker '%.*s': ", (int)flen[0], f[0]);
    if (rc != 0)
        return rc;
    mf_ingestion_counts *c = &im->rep.counts;
    c->rows_new += outcome == MF_PRICE_NEW;
    c->rows_revised += outcome == MF_PRICE_REVISED;
    c->rows_unchanged += outcome == MF_PRICE_UNCHANGED;
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

int mf_import_prices(mf_store *st, FILE *in, const char *name, const mf_import_prices_options *opt,
                     mf_import_prices_report *rep, mf_error *err)
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
        im.writer = mf_price_writer_new(st);
        rc = import_all(&im, in, err);
        rc = rc == 0 ? mf_store_commit(st, err) : (mf_store_rollback(st, NULL), rc);
    }
    mf_price_writer_free(im.writer);
    ticker_entry *e, *tmp;
    HASH_ITER(hh, im.tickers, e, tmp)
    {
        HASH_DEL(im.tickers, e);
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
