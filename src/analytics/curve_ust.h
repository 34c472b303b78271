/*
 * curve_ust.h - US Treasury zero curves bootstrapped from one day's par yield curve: the
 * nominal curve from the Treasury's "Daily Treasury Par Yield Curve Rates" (the CMT curve)
 * and the real curve from its "Daily Treasury Par Real Yield Curve Rates" (TIPS), and the
 * breakeven inflation rates between the two.
 *
 * Exports: mf_ust_tenor (a CMT tenor: "1 Mo" .. "30 Yr"), mf_ust_tenor_parse(),
 * mf_ust_tenor_format(), mf_ust_tenor_maturity(); mf_ust_par_quote, mf_ust_zero_node,
 * mf_ust_zero_bootstrap(), mf_ust_check_forwards(), mf_ust_par_value(); mf_ust_breakeven,
 * mf_ust_breakevens().
 *
 * Conventions (docs/curves-us.md has the reasoning and the sources):
 * - Dates: a tenor of n months matures n calendar months after the curve date (the day
 *   clamped to the month's length, not moved for holidays); "1.5 Mo" (the 6-week bill) is 42
 *   days. Settlement is the curve date itself.
 * - Time: t = ACT/365F years from the curve date to a cash flow.
 * - Instruments, each worth 100 at the curve date when discounted at its par yield y:
 *     tenors up to 6 months: one payment of 100 (1 + y t) at maturity (the bill investment
 *       rate for a bill of at most half a year: simple interest, here on ACT/365F);
 *     1 Yr (and any tenor of 7 to 12 months): one payment of 100 (1 + y/2)(1 + (t - 1/2) y)
 *       (the Treasury's investment rate of a bill longer than half a year, 31 CFR 356
 *       Appendix B, with ACT/365F for r/y);
 *     2 Yr and longer: a par bond paying y/2 per 100 every six months on dates stepped back
 *       from maturity by whole multiples of 6 months (month ends kept when maturity is a month
 *       end), the redemption of 100 at maturity; a first period shorter than six months (the
 *       curve date off the schedule) pays a coupon prorated on ACT/ACT ICMA (analytics/ust.h).
 * - Interpolation: flat-forward (ln DF linear in t; analytics/curve.h MF_INTERP_FLAT_FORWARD),
 *   the last forward extrapolated. A bond's coupons before its maturity are discounted on the
 *   curve built so far, those after the previous node by interpolation towards the node being
 *   solved: each node's discount factor is the root (Brent, analytics/solve.h) of the bond's
 *   value minus 100.
 * - Rates: decimals unless named _pct; zero rates reported continuously compounded and
 *   semiannually compounded.
 *
 * Nothing here allocates or keeps state; the functions may run on many threads at once.
 */
#ifndef MF_ANALYTICS_CURVE_UST_H
#define MF_ANALYTICS_CURVE_UST_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/curve.h"
#include "core/date.h"
#include "core/error.h"

/* Most quotes one curve takes (the CMT curve has 14 tenors today). */
#define MF_UST_CURVE_MAX_QUOTES 32
/* Par yields outside this range (percent) are refused as absurd. */
#define MF_UST_CURVE_YIELD_PCT_MIN (-5.0)
#define MF_UST_CURVE_YIELD_PCT_MAX 50.0
/* Room for a tenor label ("1.5 Mo", "30 Yr") and its NUL. */
#define MF_UST_TENOR_LABEL_SIZE 16

/* A CMT tenor: months to maturity, or weeks for the 6-week bill. One of them is zero. */
typedef struct mf_ust_tenor {
    int months; /* 1..360 */
    int weeks;  /* 6 for "1.5 Mo" */
} mf_ust_tenor;

/*
 * Parses a Treasury column label: "N Mo" (N = 1..12), "1.5 Mo", "N Yr" (N = 1..30), the unit
 * in any letter case ("5 YR" in the real yield file), surrounding blanks and double quotes
 * ignored. len is the label's length (the label need not be NUL-terminated). MF_EINVAL quoting
 * the label otherwise; *out written only on success.
 */
int mf_ust_tenor_parse(const char *label, size_t len, mf_ust_tenor *out, mf_error *err);

/* Writes the tenor's Treasury label ("3 Mo", "1.5 Mo", "10 Yr") into buf and returns buf. */
char *mf_ust_tenor_format(mf_ust_tenor tenor, char buf[MF_UST_TENOR_LABEL_SIZE]);

/* The maturity of tenor from curve_date (see Conventions). MF_ERANGE past year 9999. */
int mf_ust_tenor_maturity(mf_ust_tenor tenor, mf_date curve_date, mf_date *out, mf_error *err);

/* One par yield of the day. A NaN yield_pct is a missing tenor (a blank cell): skipped. */
typedef struct mf_ust_par_quote {
    mf_ust_tenor tenor;
    double yield_pct; /* bond-equivalent par yield in percent (4.25 = 4.25%) */
} mf_ust_par_quote;

/* A bootstrapped node: the zero rate to one quoted tenor. */
typedef struct mf_ust_zero_node {
    mf_ust_tenor tenor;
    mf_date maturity;
    double yield_pct; /* the par yield it came from */
    double t_years;   /* ACT/365F from the curve date */
    double df;        /* discount factor to maturity */
    double zero_cc;   /* continuously compounded zero rate, -ln(df) / t */
    double zero_sa;   /* semiannually compounded zero rate, 2 (df^(-1/(2t)) - 1) */
} mf_ust_zero_node;

/*
 * Bootstraps the zero curve of curve_date from the n par yields in quotes (any order; NaN
 * yields skipped). On success sets curve to one node per quoted tenor (flat-forward), writes
 * the nodes in increasing maturity to nodes[0..*n_nodes) (nodes must hold n entries) and
 * returns 0.
 *
 * Errors (MF_EINVAL unless said, the message naming the tenor as 'tenor "10 Yr"'): n above
 * MF_UST_CURVE_MAX_QUOTES; no yield at all; a tenor given twice; a yield that is infinite or
 * outside MF_UST_CURVE_YIELD_PCT_MIN..MAX (MF_ERANGE); yields that imply a discount factor that
 * is not positive (the coupons before maturity already worth more than 100); date range errors
 * (MF_ERANGE); the root finder's errors, prefixed with the tenor. curve, nodes and *n_nodes are
 * unchanged on failure.
 */
int mf_ust_zero_bootstrap(mf_date curve_date, const mf_ust_par_quote *quotes, size_t n,
                          mf_curve *curve, mf_ust_zero_node *nodes, size_t *n_nodes, mf_error *err);

/*
 * The arbitrage check of a nominal curve: the nodes' discount factors (from
 * mf_ust_zero_bootstrap(), in increasing maturity) must fall, every forward rate between
 * nodes positive. MF_EINVAL naming the first tenor whose discount factor is not below its
 * predecessor's, with the forward rate between them. A real (TIPS) curve is not checked:
 * negative real rates are a market fact. The Treasury's published nominal curves break it on
 * a few days at the zero bound (65 of the 8,489 recorded days 1990-2023: 2011-2015,
 * 2020-2021, bills of 1 and 2 months quoted 0.01-0.05% apart).
 */
int mf_ust_check_forwards(mf_date curve_date, const mf_ust_zero_node *nodes, size_t n,
                          mf_error *err);

/*
 * The value at curve_date, per 100, of the instrument behind quote (see Conventions: the bill
 * payment or the par bond with coupon quote->yield_pct) discounted on curve, whose times are
 * ACT/365F from curve_date. A curve bootstrapped from the quote gives 100. Errors: date
 * range errors; MF_EINVAL for a NaN yield.
 */
int mf_ust_par_value(const mf_curve *curve, mf_date curve_date, const mf_ust_par_quote *quote,
                     double *value_per_100, mf_error *err);

/*
 * Breakeven inflation to one real-curve node: the Fisher relation without premia,
 * DF_real / DF_nominal = (1 + be_sa / 2)^(2t) = exp(be_cc t), so
 * be_cc = z_nominal_cc - z_real_cc and be_sa = 2 ((1 + n/2) / (1 + r/2) - 1) with n, r the
 * semiannual zero rates (the same number in another compounding).
 */
typedef struct mf_ust_breakeven {
    mf_ust_tenor tenor;
    double t_years;
    double nominal_zero_sa, real_zero_sa; /* decimals, semiannual */
    double breakeven_sa;                  /* decimal, semiannual */
    double breakeven_cc;                  /* decimal, continuous */
} mf_ust_breakeven;

/*
 * The breakevens at the n real-curve nodes (from mf_ust_zero_bootstrap() on the TIPS par real
 * yields), reading the nominal zero rate to the same maturity from nominal (flat-forward
 * between its nodes, as bootstrapped) into out[0..n). Never fails.
 */
void mf_ust_breakevens(const mf_curve *nominal, const mf_ust_zero_node *real_nodes, size_t n,
                       mf_ust_breakeven *out);

#endif
