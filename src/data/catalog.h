/*
 * catalog.h - the catalogue shipped with mf: the series (catalog/series/<source>.csv) and the
 * instruments (catalog/instruments/<source>.csv) the connectors serve, embedded in the binary
 * at build time, parsed, checked and stored by `mf init`.
 *
 * Exports: mf_catalog, mf_catalog_builtin(), mf_catalog_parse(), mf_catalog_free(),
 * mf_catalog_report, mf_catalog_store(), mf_catalog_stand_in(), MF_CATALOG_STAND_IN_SOURCE,
 * MF_CATALOG_SERIES_HEADER, MF_CATALOG_INSTRUMENTS_HEADER.
 *
 * The file name is the source (a registered connector). Fields are comma-separated with
 * RFC 4180 quoting (a field with a comma is in double quotes; "" is a quote); UTF-8; LF or
 * CRLF. release_lag_days is calendar days from the end of the reference period to
 * publication. Series of the source "simulated" are flagged simulated.
 */
#ifndef MF_DATA_CATALOG_H
#define MF_DATA_CATALOG_H

#include <stddef.h>

#include "core/error.h"
#include "store/repo_instruments.h"
#include "store/repo_series.h"
#include "store/store.h"

#define MF_CATALOG_SERIES_HEADER                                                                   \
    "code,source_key,name,frequency,unit,country,category,release_lag_days,description"
#define MF_CATALOG_INSTRUMENTS_HEADER                                                              \
    "ticker,source_key,name,asset_class,instrument_type,currency,country,exchange"

typedef struct mf_catalog {
    mf_series_info *series;
    size_t n_series;
    mf_instrument *instruments;
    size_t n_instruments;
} mf_catalog;

/*
 * Parses one catalogue file, path "series/<source>.csv" or "instruments/<source>.csv" (the
 * source from its name), text[0..len), and appends its rows to *cat (zero-initialise it
 * first). Checks: the header; every field (code rules, frequency, country, category one of
 * the list in docs/catalog.md, release lag a whole number of days); the source is a
 * registered connector whose check_key accepts every source key; codes and tickers unique
 * across everything parsed so far, and each source key once per source. Errors are MF_EINVAL
 * "catalog/PATH:LINE: what" and leave *cat as it was.
 */
int mf_catalog_parse(mf_catalog *cat, const char *path, const char *text, size_t len,
                     mf_error *err);

/* Parses every embedded catalogue file into *out (caller frees with mf_catalog_free()). */
int mf_catalog_builtin(mf_catalog *out, mf_error *err);

/* The source of every row of a stand-in catalogue. */
#define MF_CATALOG_STAND_IN_SOURCE "simulated"

/*
 * Turns cat into the stand-in catalogue of `mf init --simulated`: every series and instrument
 * of a real source keeps its code (ticker) and name and becomes source "simulated" with
 * source_key "<source>:<source_key>" ("bcb_sgs:432", "yahoo:BRL=X"), series flagged
 * simulated, the description prefixed "SIMULATED stand-in: ". Rows already of the source
 * "simulated" stay. MF_EINVAL naming the row when its new key would not fit.
 */
int mf_catalog_stand_in(mf_catalog *cat, mf_error *err);

/* Releases the rows of cat and zeroes it; NULL is allowed. */
void mf_catalog_free(mf_catalog *cat);

typedef struct mf_catalog_report {
    size_t series_created, series_updated, series_unchanged;
    size_t instruments_created, instruments_updated, instruments_unchanged;
} mf_catalog_report;

/*
 * Writes cat into st in one transaction: new codes and tickers are created, changed ones
 * brought up to the catalogue (ids, observations and prices stay). Rows the store has and
 * the catalogue lacks are left alone. On error nothing is written. MF_EINVAL, before any
 * write, when a code or ticker the store has from the source "simulated" comes from another
 * source in cat, or the other way round (a stand-in store and a real one never mix).
 */
int mf_catalog_store(mf_store *st, const mf_catalog *cat, mf_catalog_report *rep, mf_error *err);

#endif
