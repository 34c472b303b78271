/*
 * curve_di1_store.h - the DI curve of a date built from the store: the CDI from observations
 * and the DI1 settlement rates from market prices, both as known on the date, bootstrapped
 * with mf_di1_curve_build() and stored by vertex in the curves table. Also the instrument row
 * of a B3 DI1 contract, which imports create for tickers the store does not know.
 *
 * Exports: MF_DI1_STORE_CURVE_CODE, MF_DI1_STORE_CDI_SERIES, mf_di1_instrument(),
 * mf_di1_store_options, mf_di1_store_report, mf_di1_curve_build_stored().
 *
 * Units and conventions: the CDI series is in % a year (BUS/252; BCB SGS 12 annualised, or
 * the B3 DI rate); a DI1 price row's settle is the settlement rate in % a year, BUS/252 (B3's
 * AdjstdQtTax), not the PU. The stored curve has day_count 'bus/252', compounding 'annual',
 * source 'b3_di1'; see docs/curves.md.
 */
#ifndef MF_ANALYTICS_CURVE_DI1_STORE_H
#define MF_ANALYTICS_CURVE_DI1_STORE_H

#include <stddef.h>

#include "analytics/curve_di1.h"
#include "core/calendar.h"
#include "store/repo_instruments.h"
#include "store/store.h"

#define MF_DI1_STORE_CURVE_CODE "DI_PRE"
#define MF_DI1_STORE_CDI_SERIES "BR_CDI"

/*
 * Fills *out with the instrument of the B3 DI1 contract ticker ("DI1F27"): a BRL rates
 * future on B3 whose contract_spec holds the maturity (mf_di1_maturity_from_ticker() on cal,
 * the ANBIMA calendar), the PU at maturity (100000 points), the multiplier (BRL 1 a point),
 * the quote (rate % a year, BUS/252) and the maturity rule. MF_EINVAL naming the ticker when
 * it is not a DI1 ticker; calendar errors pass through.
 */
int mf_di1_instrument(const mf_calendar *cal, const char *ticker, mf_instrument *out,
                      mf_error *err);

typedef struct mf_di1_store_options {
    const char *curve_code;    /* NULL: MF_DI1_STORE_CURVE_CODE */
    const char *cdi_series;    /* NULL: MF_DI1_STORE_CDI_SERIES */
    mf_date as_of;             /* what is known on this date is used; 0 or < curve date: the curve
                                  date itself */
    const char *ticker_prefix; /* the namespace of the contracts' tickers ("SIM." for the
                                  simulated market's SIM.DI1F27); NULL or "": none (DI1F27) */
} mf_di1_store_options;

/* What one build read and wrote. */
typedef struct mf_di1_store_report {
    double cdi_pct;   /* the CDI used */
    size_t contracts; /* DI1 settlements in the curve */
    size_t expiring;  /* contracts left out: maturity on or before the next business day */
    size_t no_settle; /* contracts whose known row has no settle, left out */
    size_t vertices;  /* stored: contracts + 1 (the CDI) */
} mf_di1_store_report;

/*
 * Builds and stores the DI curve of curve_date (a business day of cal, the ANBIMA calendar):
 *  - the CDI: observation curve_date of series cdi_series as known on as_of;
 *  - the DI1 settles: every instrument of type future whose ticker starts with "DI1", priced
 *    on curve_date, latest vintage known on as_of; maturity by mf_di1_maturity_from_ticker();
 *    contracts maturing on or before the next business day are left out (the CDI is that
 *    vertex), as are rows without a settle;
 *  - mf_di1_curve_build(), then the vertices (the CDI at one business day, one per contract)
 *    replace the stored curve of curve_code on curve_date, in one transaction.
 * A vertex's discount factor is (1 + r/100)^(-du/252) of its rate, as the bootstrap computes
 * it; its zero rate is mf_curve_zero_pct_bus252() of the curve's discount factor there, so a
 * curve rebuilt from the store answers every tenor exactly as the built one.
 * Errors (nothing stored): MF_EINVAL for a curve date that is not a business day, a CDI
 * published as missing, and every error of mf_di1_curve_build() (naming the quote);
 * MF_ENOTFOUND for an unknown CDI series, no CDI of the date known on as_of, or no DI1
 * settlement of the date known on as_of; store errors pass through. *rep (may be NULL) is
 * filled on success. curve (a workspace, may be reused) holds the curve built.
 */
int mf_di1_curve_build_stored(mf_store *st, const mf_calendar *cal, mf_date curve_date,
                              const mf_di1_store_options *opt, mf_curve *curve,
                              mf_di1_store_report *rep, mf_error *err);

#endif
