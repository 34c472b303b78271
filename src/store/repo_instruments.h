/*
 * repo_instruments.h - the instruments the fund trades or marks: create, look up by ticker,
 * list with filters.
 *
 * Exports: mf_instrument, mf_instrument_filter, mf_repo_instrument_create(),
 * mf_repo_instrument_get(), mf_repo_instrument_list(), mf_repo_instrument_put().
 */
#ifndef MF_STORE_REPO_INSTRUMENTS_H
#define MF_STORE_REPO_INSTRUMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/repo_series.h" /* mf_put_outcome */
#include "store/store.h"

/* One instrument. Empty strings mean "not known". */
typedef struct mf_instrument {
    int64_t id;      /* set by the store */
    char ticker[32]; /* unique: "DI1F27", "NTNB_2035-05-15", "USDBRL" */
    char name[128];
    char asset_class[16];     /* rates, inflation, fx, credit, equity, commodity */
    char instrument_type[16]; /* future, bond, fx_spot, fx_forward, index, swap, cds,
                                equity_index, commodity */
    char currency[4];         /* ISO 4217: "BRL" */
    char country[3];          /* ISO 3166-1 alpha-2: "BR" */
    char exchange[16];        /* "B3", "CME" */
    char contract_spec[2048]; /* JSON object (multiplier, tick, maturity rule ...), or "" */
    bool active;
    char source[32];     /* where its prices come from: "yahoo", "b3"; "" when entered by hand */
    char source_key[64]; /* its key at that source: "^BVSP", "DI1F27"; "" */
} mf_instrument;

/* Filters of mf_repo_instrument_list(); NULL or "" and -1 match everything. */
typedef struct mf_instrument_filter {
    const char *asset_class;
    const char *instrument_type;
    const char *currency;
    const char *country;
    int active; /* 1: active only, 0: inactive only, -1: both */
} mf_instrument_filter;

#define MF_INSTRUMENT_FILTER_ALL ((mf_instrument_filter){.active = -1})

/*
 * Adds in (in->id is ignored) and sets *id. MF_EINVAL naming the field when the ticker is
 * invalid or taken, the asset class or type is not one of the lists above, the currency is
 * not three capital letters, the country not two, or contract_spec is not a JSON object.
 */
int mf_repo_instrument_create(mf_store *st, const mf_instrument *in, int64_t *id, mf_error *err);

/*
 * Creates in->ticker, or brings an existing instrument's fields up to in (its id and prices
 * stay), and sets *id and *outcome. Validation as create.
 */
int mf_repo_instrument_put(mf_store *st, const mf_instrument *in, int64_t *id,
                           mf_put_outcome *outcome, mf_error *err);

/* Reads the instrument with ticker into *out; MF_ENOTFOUND ("unknown instrument 'X'"). */
int mf_repo_instrument_get(mf_store *st, const char *ticker, mf_instrument *out, mf_error *err);

/*
 * The instruments matching filter (NULL: all), ordered by ticker. *out receives an array of
 * *n: caller owns it; free with mf_free() (NULL when *n is 0).
 */
int mf_repo_instrument_list(mf_store *st, const mf_instrument_filter *filter, mf_instrument **out,
                            size_t *n, mf_error *err);

#endif
