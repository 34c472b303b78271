/*
 * ust.h - US Treasury bills, notes and bonds: schedules, accrued interest, price from yield,
 * yield from price and the risk measures traders quote, in the Treasury market's conventions.
 *
 * Exports: mf_ust_bond (a fixed-coupon note or bond), mf_ust_period, mf_ust_cashflow,
 * mf_ust_quote; mf_ust_bond_check(), mf_ust_period_at(), mf_ust_cashflows(),
 * mf_ust_accrued(), mf_ust_price_from_yield(), mf_ust_yield_from_clean(); for bills
 * mf_ust_bill_price_from_discount(), mf_ust_bill_discount_from_price() and
 * mf_ust_bill_investment_rate().
 *
 * Conventions (docs/pricing.md has the formulas and sources):
 * - Prices are per 100 of face (`_per_100`), clean unless named dirty; rates and yields are
 *   in percent (`_pct`: 4.25 means 4.25%).
 * - Coupons are semiannual (MF_UST_FREQUENCY), paid on dates stepped back from maturity by
 *   whole multiples of 6 months, keeping month ends when maturity is a month end; coupon dates
 *   are not moved for holidays or weekends (the payment slips, the accrual does not).
 * - Accrued interest: ACT/ACT ICMA (core/daycount.h) over the coupon period.
 * - Yields: the street convention, compounded semiannually, the first (fractional) period
 *   measured as days from settlement to the next coupon over the days of the coupon period,
 *   also in the final coupon period (no simple-interest switch; see docs/pricing.md).
 * - Bills: discount rate on ACT/360, investment rate (bond-equivalent yield) on the actual
 *   days of the year after settlement, as the Treasury publishes them.
 *
 * Nothing here allocates or keeps state: every function may run on many threads at once.
 */
#ifndef MF_ANALYTICS_UST_H
#define MF_ANALYTICS_UST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

#define MF_UST_FREQUENCY 2 /* coupons per year */
/* Accepted ranges: yields and bill discount rates in percent, coupons in percent, and the
 * longest maturity after settlement in years. Outside them the functions answer MF_ERANGE. */
#define MF_UST_YIELD_PCT_MIN  (-5.0)
#define MF_UST_YIELD_PCT_MAX  100.0
#define MF_UST_COUPON_PCT_MAX 50.0
#define MF_UST_MAX_YEARS      100
/* The most cash flows a bond can have after settlement (100 years of coupons, the last with
 * the redemption): the capacity mf_ust_cashflows() never needs to exceed. */
#define MF_UST_MAX_FLOWS (2 * MF_UST_MAX_YEARS + 1)

/*
 * A Treasury note or bond, 100 of face. Invariants (mf_ust_bond_check()): 0 <= coupon_pct
 * <= MF_UST_COUPON_PCT_MAX; when has_dated, dated < maturity. dated is the dated (issue) date
 * from which the first coupon accrues; a dated date between two schedule dates makes a short
 * first coupon. A long first coupon (dated date more than a period before the first coupon)
 * is not modelled: the first coupon is always the first schedule date after dated.
 */
typedef struct mf_ust_bond {
    mf_date maturity;
    double coupon_pct; /* annual coupon rate in percent of face, paid in two halves */
    bool has_dated;
    mf_date dated;
} mf_ust_bond;

/* The coupon period that holds a settlement date: prev_coupon <= settle < next_coupon. */
typedef struct mf_ust_period {
    mf_date prev_coupon;   /* schedule date on or before settle (may precede the dated date) */
    mf_date next_coupon;   /* first schedule date after settle */
    mf_date accrual_start; /* prev_coupon, or the dated date inside a short first coupon */
    int coupons_left;      /* coupon dates after settle, maturity included (>= 1) */
} mf_ust_period;

/* One cash flow per 100 of face; the last holds the final coupon and the redemption. */
typedef struct mf_ust_cashflow {
    mf_date date;
    double amount_per_100;
} mf_ust_cashflow;

/* Price, yield and risk of a bond at a settlement date. */
typedef struct mf_ust_quote {
    double clean_per_100;
    double dirty_per_100; /* clean + accrued: what is paid at settlement */
    double accrued_per_100;
    double yield_pct;        /* street convention, semiannual compounding */
    double macaulay_years;   /* present-value-weighted mean time of the cash flows */
    double modified_years;   /* -(1/dirty) d(dirty)/d(yield), yield as a decimal */
    double convexity_years2; /* (1/dirty) d2(dirty)/d(yield)2 */
    double dv01_per_100;     /* modified_years * dirty_per_100 / 10000: price change for 1bp */
} mf_ust_quote;

/*
 * Checks the invariants of b. MF_EINVAL (message names the field: "coupon_pct", "dated") or
 * MF_ERANGE for a date outside years 1..9999 or a coupon outside 0..MF_UST_COUPON_PCT_MAX.
 */
int mf_ust_bond_check(const mf_ust_bond *b, mf_error *err);

/*
 * The coupon period of b that holds settle. Errors: those of mf_ust_bond_check(); MF_EINVAL
 * when maturity is not after settle or settle is before the dated date; MF_ERANGE when
 * maturity is more than MF_UST_MAX_YEARS years after settle. *out written only on success.
 */
int mf_ust_period_at(const mf_ust_bond *b, mf_date settle, mf_ust_period *out, mf_error *err);

/*
 * The cash flows of b after settle, in date order, into flows[0..cap): regular coupons of
 * coupon_pct / 2, a short first coupon prorated on ACT/ACT ICMA, and 100 added to the last.
 * *n receives the count. Errors: those of mf_ust_period_at(); MF_ERANGE when cap is smaller
 * than the count (MF_UST_MAX_FLOWS always suffices). flows and *n written only on success.
 */
int mf_ust_cashflows(const mf_ust_bond *b, mf_date settle, mf_ust_cashflow *flows, size_t cap,
                     size_t *n, mf_error *err);

/*
 * Accrued interest per 100 at settle: coupon_pct times the ACT/ACT ICMA year fraction from the
 * accrual start to settle (0 on a coupon date). Errors: those of mf_ust_period_at().
 */
int mf_ust_accrued(const mf_ust_bond *b, mf_date settle, double *accrued_per_100, mf_error *err);

/*
 * Prices b at settle for a street-convention yield in percent, with the risk measures.
 * Errors: those of mf_ust_period_at(); MF_ERANGE when yield_pct is not finite or outside
 * MF_UST_YIELD_PCT_MIN..MF_UST_YIELD_PCT_MAX. *out written only on success.
 */
int mf_ust_price_from_yield(const mf_ust_bond *b, mf_date settle, double yield_pct,
                            mf_ust_quote *out, mf_error *err);

/*
 * The street-convention yield in percent at which b settling at settle has the clean price
 * clean_per_100, by Brent's method (analytics/solve.h) to 1e-12 percentage points.
 * Errors: those of mf_ust_period_at(); MF_EINVAL for a price that is not a positive finite
 * number; MF_ERANGE when the price is outside the range attainable for yields
 * MF_UST_YIELD_PCT_MIN..MF_UST_YIELD_PCT_MAX (the message gives that range);
 * MF_EMAXITER should the solver not converge. *yield_pct written only on success.
 */
int mf_ust_yield_from_clean(const mf_ust_bond *b, mf_date settle, double clean_per_100,
                            double *yield_pct, mf_error *err);

/*
 * Treasury bill price per 100 from the bank discount rate in percent:
 * 100 * (1 - discount_pct / 100 * days / 360), days = maturity - settle.
 * Errors: MF_EINVAL when maturity is not after settle or more than a year (366 days) after
 * it; MF_ERANGE for a discount rate that is not finite, outside
 * MF_UST_YIELD_PCT_MIN..MF_UST_YIELD_PCT_MAX, or that leaves no positive price.
 */
int mf_ust_bill_price_from_discount(mf_date settle, mf_date maturity, double discount_pct,
                                    double *price_per_100, mf_error *err);

/*
 * The bank discount rate in percent of a bill priced price_per_100 (inverse of the above).
 * Errors: the date errors above; MF_EINVAL for a price that is not a positive finite number;
 * MF_ERANGE when the rate falls outside MF_UST_YIELD_PCT_MIN..MF_UST_YIELD_PCT_MAX.
 */
int mf_ust_bill_discount_from_price(mf_date settle, mf_date maturity, double price_per_100,
                                    double *discount_pct, mf_error *err);

/*
 * The investment rate (bond-equivalent yield) in percent of a bill priced price_per_100, as
 * the Treasury computes it: with r = days to maturity and y = 366 when February 29 falls in
 * the year after settlement (365 otherwise), (100 - P) / P * y / r for r <= y / 2, and for
 * longer bills the root of the semiannual-compounding quadratic
 * i = (-2r/y + 2 sqrt((r/y)^2 - (2r/y - 1)(1 - 100/P))) / (2r/y - 1).
 * Errors: as mf_ust_bill_discount_from_price().
 */
int mf_ust_bill_investment_rate(mf_date settle, mf_date maturity, double price_per_100,
                                double *yield_pct, mf_error *err);

#endif
