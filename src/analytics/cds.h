/*
 * cds.h - single-name (sovereign) credit default swaps under the ISDA CDS Standard Model:
 * the protection and premium legs on a piecewise-flat hazard rate and a discount curve, the
 * conversions between the conventional (quoted) spread, the flat hazard rate and the upfront,
 * the par spread, the risky annuity (RPV01) and CS01.
 *
 * Exports: MF_CDS_* defaults and ranges, mf_cds_contract, mf_cds_curves, mf_cds_legs,
 * mf_cds_quote; mf_cds_rate_to_cc(), mf_cds_price_legs(), mf_cds_hazard_from_spread(),
 * mf_cds_hazard_from_upfront(), mf_cds_quote_from_hazard(), mf_cds_from_spread(),
 * mf_cds_from_upfront().
 *
 * Conventions (docs/cds.md has the formulas and sources):
 * - Dates and schedule as cds_dates.h: trade date T, step-in T+1, cash settlement T+3 business
 *   days, quarterly IMM coupons, premium ACT/360, last period including the maturity day.
 * - Curves are measured from T in ACT/365F years (t = days / 365). The discount curve is
 *   flat-forward between dated nodes (an mf_curve with MF_INTERP_FLAT_FORWARD whose node times
 *   are whole days / 365), or one flat continuously compounded rate; the hazard rate is
 *   piecewise flat between dated nodes (constant on (d[i-1], d[i]], the last one beyond), or
 *   one flat rate - the converter's "single flat hazard rate".
 * - Legs are the ISDA Standard Model's closed forms (QuantLib 1.29 IsdaCdsEngine with
 *   NumericalFix Taylor, ForwardsInCouponPeriod Piecewise, and AccrualBias HalfDayBias by
 *   default, NoBias when asked): protection from the end of T to maturity, paid at default;
 *   premium coupons paid on their payment dates if the name survives to the day before; the
 *   accrued premium paid at default (accrual on default).
 * - The buyer of protection pays the upfront. Upfront "clean" (the quoted points) excludes
 *   the accrued premium; "dirty" (the cash settlement amount, paid at T+3) =
 *   clean - coupon * accrued days / 360: the buyer is rebated the premium accrued since the
 *   accrual start, since the first coupon pays the full period.
 * - Units: spreads and coupons in basis points (_bp), upfront and accrued in percent of
 *   notional (_pct), hazard rates and discount rates as decimals a year (continuously
 *   compounded, ACT/365F), recovery as a decimal (0.40).
 *
 * Nothing here allocates or keeps state: every function may run on many threads at once.
 */
#ifndef MF_ANALYTICS_CDS_H
#define MF_ANALYTICS_CDS_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/cds_dates.h"
#include "analytics/curve.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

#define MF_CDS_RECOVERY_DEFAULT  0.40  /* ISDA converter: senior unsecured and sovereign */
#define MF_CDS_COUPON_SOVEREIGN  100.0 /* bp: standard coupon of sovereign (and IG) names */
#define MF_CDS_COUPON_HIGH_YIELD 500.0 /* bp: the other standard coupon */
/* Accepted ranges: coupons and spreads in bp, recovery, hazard rates the solvers search. */
#define MF_CDS_COUPON_BP_MAX    5000.0
#define MF_CDS_SPREAD_BP_MAX    50000.0
#define MF_CDS_HAZARD_MAX       50.0
#define MF_CDS_RATE_MIN         (-0.10)
#define MF_CDS_RATE_MAX         1.0
#define MF_CDS_MAX_HAZARD_NODES 64

/* A standard contract. Notional is 1: every amount below is per unit of notional. */
typedef struct mf_cds_contract {
    mf_date trade;               /* T; curves start here */
    mf_date maturity;            /* unadjusted (a standard maturity: mf_cds_standard_maturity()) */
    double coupon_bp;            /* the fixed running coupon: 100 or 500 for standard contracts */
    double recovery;             /* assumed recovery, decimal in [0, 1); 0.40 by default */
    const mf_calendar *calendar; /* payment and settlement days; NULL = weekends only */
    bool no_half_day_bias;       /* true: QuantLib's NoBias accrual-on-default (see docs/cds.md) */
} mf_cds_contract;

/* The curves a contract is priced on. Borrowed for the call. */
typedef struct mf_cds_curves {
    const mf_curve *discount;    /* flat-forward, ACT/365F from T; NULL: discount_rate */
    double discount_rate;        /* continuously compounded, ACT/365F (when discount is NULL) */
    size_t hazard_n;             /* 0: one flat hazard rate (hazard); else hazard nodes */
    const mf_date *hazard_dates; /* strictly increasing, after T */
    const double *hazard_rates;  /* hazard_rates[i] on (hazard_dates[i-1], hazard_dates[i]] */
    double hazard;               /* flat hazard rate, continuously compounded ACT/365F */
} mf_cds_curves;

/* The legs of a contract per unit of notional, valued at T. */
typedef struct mf_cds_legs {
    double protection;    /* (1 - R) x PV of 1 paid at default, default after T to maturity */
    double annuity_dirty; /* PV of the premium leg per unit of coupon (1 = 10000 bp) a year:
                             the coupons and the accrual on default, full first coupon */
    double accrued;       /* accrued year fraction at the step-in: days / 360 */
    int accrued_days;     /* step-in - accrual start */
    double df_settle;     /* discount factor to the cash-settlement date */
    double survival;      /* survival probability to maturity */
    mf_date accrual_start, step_in, cash_settle;
} mf_cds_legs;

/* Everything mf price cds reports, per unit of notional unless the name says _pct. */
typedef struct mf_cds_quote {
    double hazard;            /* flat hazard rate, decimal a year, continuous ACT/365F */
    double spread_bp;         /* conventional spread = par spread on the flat hazard rate */
    double upfront_pct;       /* clean points upfront, % of notional (buyer pays if > 0) */
    double upfront_dirty_pct; /* cash settlement amount at T+3: upfront - accrued */
    double accrued_pct;       /* coupon x accrued days / 360, % of notional */
    int accrued_days;
    double rpv01;          /* clean risky annuity at the cash-settlement date, in years:
                              upfront = (spread - coupon) x rpv01 exactly */
    double cs01_pct;       /* change of the clean upfront, % of notional, for the
                              conventional spread + 1 bp (buyer's gain) */
    double protection_pct; /* protection leg PV at T, % of notional */
    double annuity_dirty;  /* premium leg PV at T per unit coupon, years */
    double df_settle;      /* discount factor to the cash-settlement date */
    double default_prob;   /* 1 - survival to maturity */
    mf_date accrual_start, step_in, cash_settle;
} mf_cds_quote;

/*
 * The continuously compounded equivalent of rate (decimal, over ACT/365F years) quoted with
 * compounding c: ln(1 + r) for annual, 2 ln(1 + r/2) semiannual, r for continuous. Simple
 * compounding has no term-free equivalent: MF_EINVAL. MF_ERANGE outside MF_CDS_RATE_MIN..MAX.
 */
int mf_cds_rate_to_cc(double rate, mf_compounding c, double *out, mf_error *err);

/*
 * Prices the legs of contract k on curves m (ISDA Standard Model; see the file comment).
 * Errors: MF_EINVAL naming the bad input (coupon_bp outside (0, MF_CDS_COUPON_BP_MAX],
 * recovery outside [0, 1), hazard rates negative or above MF_CDS_HAZARD_MAX, hazard dates
 * not increasing after T, a discount node not on a whole day, maturity as mf_cds_schedule());
 * MF_ERANGE for calendar range errors. *out written only on success.
 */
int mf_cds_price_legs(const mf_cds_contract *k, const mf_cds_curves *m, mf_cds_legs *out,
                      mf_error *err);

/*
 * The flat hazard rate at which the par spread of contract k equals spread_bp (the ISDA
 * converter's conventional spread to hazard; k->coupon_bp is ignored). Brent's method on
 * [0, MF_CDS_HAZARD_MAX] to 1e-14. m->hazard and the hazard nodes are ignored.
 * Errors: MF_EINVAL for spread_bp outside (0, MF_CDS_SPREAD_BP_MAX] or the inputs of
 * mf_cds_price_legs(); MF_ERANGE when no hazard rate reaches the spread.
 */
int mf_cds_hazard_from_spread(const mf_cds_contract *k, const mf_cds_curves *m, double spread_bp,
                              double *hazard, mf_error *err);

/*
 * The flat hazard rate at which the clean upfront of contract k (coupon k->coupon_bp) is
 * upfront_pct. Errors: MF_EINVAL for a non-finite upfront; MF_ERANGE when upfront_pct lies
 * outside what hazard rates 0..MF_CDS_HAZARD_MAX give (the message states the range);
 * otherwise as mf_cds_price_legs().
 */
int mf_cds_hazard_from_upfront(const mf_cds_contract *k, const mf_cds_curves *m, double upfront_pct,
                               double *hazard, mf_error *err);

/*
 * The full quote of contract k at flat hazard rate hazard on the discount of m: upfront,
 * accrued, par spread, RPV01 and CS01 (the conventional spread bumped by 1 bp, hazard solved
 * again, upfront repriced). Errors as mf_cds_price_legs() and mf_cds_hazard_from_spread().
 */
int mf_cds_quote_from_hazard(const mf_cds_contract *k, const mf_cds_curves *m, double hazard,
                             mf_cds_quote *out, mf_error *err);

/* Conventional spread (bp) to the full quote: mf_cds_hazard_from_spread() then
 * mf_cds_quote_from_hazard(). */
int mf_cds_from_spread(const mf_cds_contract *k, const mf_cds_curves *m, double spread_bp,
                       mf_cds_quote *out, mf_error *err);

/* Clean upfront (% of notional) to the full quote: mf_cds_hazard_from_upfront() then
 * mf_cds_quote_from_hazard(). */
int mf_cds_from_upfront(const mf_cds_contract *k, const mf_cds_curves *m, double upfront_pct,
                        mf_cds_quote *out, mf_error *err);

#endif
