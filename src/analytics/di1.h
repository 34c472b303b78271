/*
 * di1.h - B3 one-day interbank deposit futures (DI1): price from rate, rate from price, DV01.
 *
 * Exports: mf_di1_pu(), mf_di1_rate(), mf_di1_dv01_brl(), mf_di1_maturity_from_ticker().
 *
 * Convention (B3 DI1 contract specification; docs/data-sources.md section 6c): the rate is
 * percent a year, exponential on business days basis 252, and the price in points is
 *     PU = 100000 / (1 + rate_pct/100)^(du/252),
 * du = business days from the trade date (inclusive) to the maturity (exclusive) on the "br"
 * (ANBIMA) calendar, counted by the caller with mf_calendar_bizdays(). One point is worth
 * BRL 1.00, so a PU in points is also the contract's value in BRL. B3 publishes the settlement
 * PU rounded to 2 decimals; these functions return it unrounded (round for display).
 */
#ifndef MF_ANALYTICS_DI1_H
#define MF_ANALYTICS_DI1_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/error.h"

/* Rates accepted, percent a year: anything outside is a typo or a unit error. */
#define MF_DI1_RATE_PCT_MIN (-50.0)
#define MF_DI1_RATE_PCT_MAX 200.0

/* Notional at maturity, points (BRL 1.00 each). */
#define MF_DI1_NOTIONAL_PTS 100000.0

/*
 * *pu_pts = 100000 / (1 + rate_pct/100)^(du/252). du = 0 gives 100000 (maturity day).
 * Errors: MF_EINVAL naming "rate_pct" (NaN, infinite, outside MF_DI1_RATE_PCT_MIN..MAX) or
 * "du" (negative).
 */
int mf_di1_pu(double rate_pct, int32_t du, double *pu_pts, mf_error *err);

/*
 * The rate (percent a year) implied by pu_pts over du business days: the inverse of
 * mf_di1_pu(), in closed form 100 * ((100000 / pu)^(252/du) - 1).
 * Errors: MF_EINVAL naming "du" (must be >= 1) or "pu_pts" (not finite or not positive);
 * MF_ERANGE when the implied rate lies outside MF_DI1_RATE_PCT_MIN..MAX.
 */
int mf_di1_rate(double pu_pts, int32_t du, double *rate_pct, mf_error *err);

/*
 * DV01 of one contract in BRL: how much the PU falls when the rate rises by one basis point,
 * from the analytic derivative  -dPU/dr * 0.0001 = PU * (du/252) / (1 + r) * 0.0001  (r a
 * fraction). Positive for du > 0, zero for du = 0. A position long the PU (short the rate:
 * "dado" in DI1 terms) loses this much per contract per basis point of rate rise.
 * Errors as mf_di1_pu().
 */
int mf_di1_dv01_brl(double rate_pct, int32_t du, double *dv01_brl, mf_error *err);

/*
 * The maturity of the B3 DI1 contract named by ticker: "DI1" + month code (F G H J K M N Q U V
 * X Z for January .. December) + two-digit year (20YY), e.g. "DI1F27". By the B3 contract
 * specification the maturity is the first business day of the contract month; cal is the
 * calendar that decides business days (the ANBIMA "br" calendar, which B3 uses for DI1):
 * DI1F27 -> 2027-01-04, DI1H25 -> 2025-03-05 (Carnival on 3 and 4 March).
 * Errors: MF_EINVAL naming the ticker when it is not of that shape; the calendar's MF_ERANGE
 * for a month outside it. *maturity written only on success.
 */
int mf_di1_maturity_from_ticker(const mf_calendar *cal, const char *ticker, mf_date *maturity,
                                mf_error *err);

#endif
