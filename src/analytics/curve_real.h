/*
 * curve_real.h - the BRL real (IPCA-linked) zero curve bootstrapped from NTN-B yields, and the
 * breakeven inflation curve from the pre (DI) curve and the real curve.
 *
 * Exports: mf_ntnb_quote, mf_real_curve_build(), mf_real_curve_cotacao(), mf_breakeven_pct(),
 * mf_breakeven_node_dfs(), MF_REAL_MAX_QUOTES, MF_REAL_YIELD_PCT_MIN / _MAX.
 *
 * Conventions (ANBIMA, "Metodologia de Precificação de Títulos Públicos Federais", NTN-B; see
 * docs/curves-brl.md):
 *   - an NTN-B pays, per 100 of VNA, the semiannual coupon MF_BR_NTNB_COUPON_PCT
 *     (100 * (1.06^0.5 - 1) rounded as ANBIMA does, 2.956301) on the 15th every six months back
 *     from maturity (15 May / 15 November, or 15 February / 15 August), and 100 at maturity;
 *   - times are t = du / 252, du = business days d with curve date <= d < flow date on the
 *     ANBIMA ("br") calendar. A flow dated on a weekend or holiday is paid the next business
 *     day; du to the nominal date equals du to the payment date, so the nominal date is used;
 *   - real zero rates are BUS/252 exponential: DF(t) = (1 + r)^(-t);
 *   - the curve is flat-forward (log-linear in DF) between nodes, one node per bond at its
 *     maturity; before the first bond's maturity the first segment's forward holds (the flat
 *     forward from the curve date that, with the later nodes, reprices the first bond), and
 *     after the last the last forward continues.
 */
#ifndef MF_ANALYTICS_CURVE_REAL_H
#define MF_ANALYTICS_CURVE_REAL_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/curve.h"
#include "core/calendar.h"

/* NTN-B yields accepted, percent a year: anything outside is a typo or a unit error. */
#define MF_REAL_YIELD_PCT_MIN (-10.0)
#define MF_REAL_YIELD_PCT_MAX 50.0

/* Most bonds one curve takes. */
#define MF_REAL_MAX_QUOTES 64

/* One NTN-B quote: its maturity (the nominal 15th) and its yield, % a year BUS/252. */
typedef struct mf_ntnb_quote {
    const char *name; /* for messages ("NTN-B 2035"); may be NULL (the maturity is named) */
    mf_date maturity;
    double yield_pct; /* ANBIMA indicative yield ("Tx. Indicativas") */
} mf_ntnb_quote;

/*
 * Sets curve to the real zero curve of curve_date (a business day of cal, the "br" calendar)
 * from the n quotes in increasing maturity: a node at each maturity (t = du/252) whose
 * discount factor makes the curve price of the bond (its flows discounted on the curve, per
 * 100 of VNA) equal the bond's cotação at its quoted yield before ANBIMA's truncation to 4
 * decimals:  sum_i flow_i * (1 + yield)^(-round14(du_i/252)). Each node is solved by Brent's
 * method on ln DF (the flows after the previous node depend on it through the flat-forward
 * segment) to 1e-14.
 *
 * Errors (MF_EINVAL, the quote named): curve date not a business day; n = 0 or above
 * MF_REAL_MAX_QUOTES; a maturity not a 15 February, May, August or November; a maturity on or
 * before the curve date; maturities not increasing (unsorted or duplicate); a yield not finite
 * or outside MF_REAL_YIELD_PCT_MIN..MAX; a quote whose price needs a discount factor at or
 * above the previous node's (a non-decreasing DF: a negative real forward rate). Calendar
 * range errors (MF_ERANGE) pass through prefixed with the quote. curve unchanged on failure.
 */
int mf_real_curve_build(const mf_calendar *cal, mf_date curve_date, const mf_ntnb_quote *quotes,
                        size_t n, mf_curve *curve, mf_error *err);

/*
 * The price per 100 of VNA (untruncated cotação, percent) of the NTN-B maturing on maturity
 * from curve (a curve of curve_date, t = du/252 on cal): sum of its flows times the curve's
 * discount factors. ANBIMA's cotação is this truncated to 4 decimals. Errors: as for the
 * maturity checks of mf_real_curve_build(); *cotacao_pct written only on success.
 */
int mf_real_curve_cotacao(const mf_calendar *cal, mf_date curve_date, mf_date maturity,
                          const mf_curve *curve, double *cotacao_pct, mf_error *err);

/*
 * Breakeven inflation to du business days (du >= 1), % a year BUS/252 exponential:
 *     (1 + pre) / (1 + real) - 1,
 * pre and real the BUS/252 exponential zero rates of the pre (DI) and real curves at
 * t = du/252 (both curves of the same date). MF_EINVAL for du < 1.
 */
int mf_breakeven_pct(const mf_curve *pre, const mf_curve *real, int32_t du, double *breakeven_pct,
                     mf_error *err);

/*
 * The discount factors of the breakeven curve of curve_date at the n maturities (the real
 * curve's nodes, after curve_date): at each, du business days on cal from curve_date,
 * be = mf_breakeven_pct(pre, real, du) and df[i] = (1 + be/100)^(-du/252). The one
 * computation behind every stored BRL_BREAKEVEN (the file build's --pre and the store build's
 * --breakeven). Errors: calendar errors and those of mf_breakeven_pct() (a maturity on the
 * curve date: du < 1); df is partly written on failure.
 */
int mf_breakeven_node_dfs(const mf_calendar *cal, mf_date curve_date, const mf_curve *pre,
                          const mf_curve *real, const mf_date *maturity, size_t n, double *df,
                          mf_error *err);

#endif
