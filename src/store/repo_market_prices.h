/*
 * repo_market_prices.h - point-in-time daily prices of instruments (the market_prices table):
 * the writer that stores vintages and says what each row did, and the point-in-time read of
 * the settlement prices of a set of instruments on a date.
 *
 * Exports: mf_market_price, mf_market_price_check(), mf_price_outcome, mf_price_writer (opaque)
 * with mf_price_writer_new() / _add() / _free(), mf_price_filter, mf_settle,
 * mf_repo_price_settles(), mf_repo_price_dates(), mf_repo_price_last_date_of_source(),
 * mf_repo_price_last_date(), mf_repo_price_history().
 *
 * Rule 1 of the design, as for observations: a price row is (instrument, price_date,
 * available_at, open, high, low, close, settle, volume, open_interest, yield_pct); a revision is a
 * new row with a later available_at, never an update. The prices of an instrument on price_date as
 * known on D are those of the row with the latest available_at <= D. Prices are in the
 * instrument's quote convention (DI1: the rate, % a year BUS/252; see docs/storage.md).
 */
#ifndef MF_STORE_REPO_MARKET_PRICES_H
#define MF_STORE_REPO_MARKET_PRICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One vintage of an instrument's prices. NaN: not published (NULL in the store). */
typedef struct mf_market_price {
    int64_t instrument_id;
    mf_date price_date;
    mf_date available_at; /* the date the row became known; >= price_date */
    double open, high, low, close, settle;
    double volume;        /* contracts (or units) traded, >= 0 */
    double open_interest; /* contracts open at the end of the day, >= 0 */
    double yield_pct;     /* a bond's quoted yield, % a year in its convention (NaN: none) */
} mf_market_price;

/*
 * Checks a row on its own (mf_price_writer_add() does too): MF_EINVAL when available_at is
 * before price_date, every price, volume and open interest is NaN, a value is infinite, or
 * volume or open interest is negative. The instrument id is not looked at.
 */
int mf_market_price_check(const mf_market_price *row, mf_error *err);

/* What storing one row did. */
typedef enum mf_price_outcome {
    MF_PRICE_NEW,      /* the first vintage of (instrument, price_date) */
    MF_PRICE_REVISED,  /* another vintage of an (instrument, price_date) already stored */
    MF_PRICE_UNCHANGED /* the same row was already stored: nothing written */
} mf_price_outcome;

typedef struct mf_price_writer mf_price_writer;

/*
 * A writer of price rows into st with statements prepared once (an indexed lookup and an
 * insert per row), for imports: use it inside one transaction, from one thread. On
 * PostgreSQL it creates the yearly partitions of market_prices the rows need.
 * Caller owns the result; free with mf_price_writer_free().
 */
mf_price_writer *mf_price_writer_new(mf_store *st);

/* Releases w; NULL is allowed. */
void mf_price_writer_free(mf_price_writer *w);

/*
 * Stores one row and sets *outcome. MF_EINVAL, nothing written, when: available_at is before
 * price_date; every price, volume and open interest is NaN; a value is infinite; volume or
 * open interest is negative; or the same (instrument, price_date, available_at) is already
 * stored with other values ("already stored with settle 13.741, not 13.742: a revision needs
 * a later available_at"). Store errors pass through.
 */
int mf_price_writer_add(mf_price_writer *w, const mf_market_price *row, mf_price_outcome *outcome,
                        mf_error *err);

/* Which instruments a read covers; NULL or "" matches everything. */
typedef struct mf_price_filter {
    const char *instrument_type; /* "future" */
    const char *ticker_prefix;   /* "DI1" */
} mf_price_filter;

/* The settlement price (and a bond's yield) of one instrument on a date, as known on the
   as-of date. */
typedef struct mf_settle {
    int64_t instrument_id;
    char ticker[32];
    mf_date available_at; /* of the vintage read */
    double settle;        /* NaN when that vintage has no settlement price */
    double yield_pct;     /* that vintage's yield_pct (a bond's quoted yield); NaN when none */
} mf_settle;

/*
 * The settle and yield_pct of every instrument matching filter (NULL: all) priced on price_date,
 * from the latest vintage with available_at <= as_of (instruments with none are absent), ordered by
 * ticker. Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_price_settles(mf_store *st, const mf_price_filter *filter, mf_date price_date,
                          mf_date as_of, mf_settle **out, size_t *n, mf_error *err);

/*
 * The distinct price dates from..to on which an instrument matching filter has a row known by
 * as_of (available_at <= as_of), in increasing order.
 * Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_price_dates(mf_store *st, const mf_price_filter *filter, mf_date from, mf_date to,
                        mf_date as_of, mf_date **out, size_t *n, mf_error *err);

/* The last price_date stored for any instrument of source ("b3"), for incremental
   ingestion; *found false and *last untouched when there is none. */
int mf_repo_price_last_date_of_source(mf_store *st, const char *source, mf_date *last, bool *found,
                                      mf_error *err);

/* The last price_date stored for one instrument; *found false and *last untouched when none. */
int mf_repo_price_last_date(mf_store *st, int64_t instrument_id, mf_date *last, bool *found,
                            mf_error *err);

/*
 * One instrument's prices with price_date from..to, in date order: with vintages false, for
 * each date the row with the latest available_at <= as_of (dates with none are absent); with
 * vintages true, every stored row (as_of ignored), by date then available_at.
 * Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_price_history(mf_store *st, int64_t instrument_id, mf_date from, mf_date to,
                          mf_date as_of, bool vintages, mf_market_price **out, size_t *n,
                          mf_error *err);

#endif
