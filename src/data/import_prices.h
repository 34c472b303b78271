/*
 * import_prices.h - loads point-in-time daily instrument prices from a CSV file into the
 * store (the market_prices table).
 *
 * Exports: mf_make_instrument_fn, mf_import_prices_options, mf_import_prices_report,
 * mf_import_prices().
 *
 * The file: the header
 *     ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest
 * then one row per instrument and vintage (ISO dates; decimal numbers; an empty field is not
 * published, stored as NULL); ASCII text, LF or CRLF line ends, every line (the last too)
 * ending in a line end. Prices are in the instrument's quote convention (DI1: rates in % a
 * year, BUS/252). A revision is a row with a later available_at; rows already stored are
 * counted unchanged, so loading a file twice changes nothing.
 */
#ifndef MF_DATA_IMPORT_PRICES_H
#define MF_DATA_IMPORT_PRICES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "data/import_observations.h"
#include "store/repo_instruments.h"
#include "store/store.h"

/*
 * Fills *out with the instrument to create for a ticker the store does not know, or returns
 * MF_ENOTFOUND when it makes none for that ticker (the import then fails naming it), or
 * another error (MF_EINVAL: a malformed ticker of a family it knows) with a message.
 */
typedef int (*mf_make_instrument_fn)(void *ctx, const char *ticker, mf_instrument *out,
                                     mf_error *err);

typedef struct mf_import_prices_options {
    bool skip_bad;                         /* skip malformed or conflicting rows */
    mf_import_bad_row_fn on_bad;           /* may be NULL */
    void *ctx;                             /* passed to on_bad */
    mf_make_instrument_fn make_instrument; /* NULL: unknown tickers are errors */
    void *make_ctx;                        /* passed to make_instrument */
    int64_t now;                           /* Unix seconds (UTC) recorded in the run */
} mf_import_prices_options;

typedef struct mf_import_prices_report {
    int64_t rows; /* data lines read */
    mf_ingestion_counts counts;
    int64_t skipped;             /* rows skipped under skip_bad */
    int64_t instruments_created; /* by make_instrument */
    int64_t run_id;              /* the ingestion_runs row of this import */
} mf_import_prices_report;

/*
 * Imports the CSV read from in (name is used in messages: "prices.csv:17: ...") in one
 * transaction: on any error nothing is imported (unless skip_bad, which skips bad rows; store
 * errors always abort) and the message says "NAME:LINE: what is wrong", naming the ticker
 * when the row's instrument is unknown ("unknown instrument 'PETR4': ..."). The run is
 * recorded in ingestion_runs either way. *rep is filled on success.
 */
int mf_import_prices(mf_store *st, FILE *in, const char *name, const mf_import_prices_options *opt,
                     mf_import_prices_report *rep, mf_error *err);

#endif
