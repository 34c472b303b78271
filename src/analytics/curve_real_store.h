/*
 * curve_real_store.h - the BRL real (IPCA) curve of a date built from the store: the NTN-B
 * yields from market prices as known on the date, bootstrapped with mf_real_curve_build() (the
 * file build's code path) and stored by vertex as the file build's --store does; optionally
 * the breakeven inflation against the DI curve stored for the same date.
 *
 * Exports: MF_REAL_STORE_CURVE_CODE, MF_REAL_STORE_BREAKEVEN_CODE, MF_REAL_STORE_PRE_CODE,
 * mf_real_store_options, mf_real_store_report, mf_real_curve_build_stored().
 *
 * Units and conventions: a price row's yield_pct is the NTN-B's indicative yield, % a year
 * BUS/252 (ANBIMA). Stored curves: day_count 'bus/252', compounding 'annual', one vertex per
 * bond at its maturity (the nominal 15th), the bootstrapped discount factor; source
 * 'store_ntnb' (real) and 'store_ntnb_di1' (breakeven). See docs/curves-brl.md.
 */
#ifndef MF_ANALYTICS_CURVE_REAL_STORE_H
#define MF_ANALYTICS_CURVE_REAL_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/curve_real.h"
#include "core/calendar.h"
#include "store/store.h"

#define MF_REAL_STORE_CURVE_CODE     "BRL_REAL"
#define MF_REAL_STORE_BREAKEVEN_CODE "BRL_BREAKEVEN"
#define MF_REAL_STORE_PRE_CODE       "DI_PRE"

typedef struct mf_real_store_options {
    const char *curve_code;     /* NULL: MF_REAL_STORE_CURVE_CODE */
    const char *ticker_prefix;  /* the bonds' ticker namespace ("SIM." for SIM.NTNB-20350515);
                                   NULL or "": none (NTNB-20350515) */
    bool breakeven;             /* also store the breakeven when a pre curve is stored */
    const char *breakeven_code; /* NULL: MF_REAL_STORE_BREAKEVEN_CODE */
    const char *pre_code;       /* the stored DI curve; NULL: MF_REAL_STORE_PRE_CODE */
    mf_date as_of;              /* the yields as known on this date when it is after the
                                   curve date; 0 (or earlier): as known on the curve date */
} mf_real_store_options;

/* What one build read and wrote. */
typedef struct mf_real_store_report {
    size_t bonds;     /* NTN-B yields in the curve (= its vertices) */
    size_t expiring;  /* bonds left out: maturity on or before the next business day */
    size_t no_yield;  /* bonds whose known row has no yield_pct, left out */
    bool breakeven;   /* the breakeven curve was stored too */
    bool pre_missing; /* breakeven asked but no pre curve stored on the date */
} mf_real_store_report;

/*
 * Builds and stores the real curve of curve_date (a business day of cal, the ANBIMA
 * calendar):
 *  - the yields: every instrument of type bond whose ticker is ticker_prefix "NTNB-YYYYMMDD"
 *    (the maturity), priced on curve_date, as known on curve_date (on opt->as_of when later); bonds
 *    maturing on or before the next business day are left out, as are rows without a yield;
 *  - mf_real_curve_build() on them in increasing maturity (a maturity not a nominal 15
 *    February, May, August or November, a bad yield ... fail there, naming the ticker);
 *  - the vertices (one per bond: maturity, the node's discount factor; mf_curve_store_nodes())
 *    replace the curve curve_code stored on curve_date;
 *  - with opt->breakeven, when pre_code has a curve stored on curve_date (bus/252), the
 *    breakeven at the same maturities (mf_breakeven_node_dfs()) replaces breakeven_code's;
 *    without one rep->pre_missing is set and only the real curve is stored.
 * All in one transaction (nested in the caller's when there is one): nothing is stored on
 * failure. Errors: MF_EINVAL for a curve date that is not a business day, a ticker of the
 * namespace not NTNB-YYYYMMDD, more than MF_REAL_MAX_QUOTES bonds, a pre curve not bus/252,
 * and those of mf_real_curve_build(); MF_ENOTFOUND for no NTN-B yield of the date; store
 * errors pass through. *rep (may be NULL) is filled on success; real (a workspace) holds the
 * real curve built.
 */
int mf_real_curve_build_stored(mf_store *st, const mf_calendar *cal, mf_date curve_date,
                               const mf_real_store_options *opt, mf_curve *real,
                               mf_real_store_report *rep, mf_error *err);

#endif
