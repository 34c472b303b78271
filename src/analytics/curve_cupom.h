/*
 * curve_cupom.h - the cupom cambial curve: the onshore USD rate implied by the DI curve, the
 * USD/BRL spot and forwards (or B3 dollar futures) through covered interest parity.
 *
 * Exports: mf_cupom_quote, mf_cupom_curve_build(), mf_cupom_rate_pct(), MF_CUPOM_MAX_QUOTES.
 *
 * Convention (B3; docs/curves-brl.md): the cupom cambial c is % a year, linear ACT/360 over
 * dc calendar days from the curve date:
 *     (1 + c * dc/360) = S * (1 + DI)^(du/252) / F,
 * DI the pre curve's zero rate to the maturity (du business days on the ANBIMA calendar), F
 * the outright forward for that maturity (a DOL/WDO price / 1000), S the spot argument. With
 * S the day's spot the curve is the "cupom limpo"; with the PTAX of the previous business
 * day (in which B3's dollar contracts settle) the "cupom sujo". Both count dc from the curve
 * date.
 *
 * The curve is an mf_curve in t = dc/360 with DF = 1 / (1 + c * dc/360) = F * DF_DI / S at
 * each maturity, flat-forward (log-linear in DF over calendar days: exponential
 * interpolation of the cupom factor) between nodes; before the first maturity the first
 * node's forward holds, after the last the last forward continues. Read rates with
 * mf_cupom_rate_pct().
 */
#ifndef MF_ANALYTICS_CURVE_CUPOM_H
#define MF_ANALYTICS_CURVE_CUPOM_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/curve.h"
#include "core/calendar.h"

/* Most quotes one curve takes. */
#define MF_CUPOM_MAX_QUOTES 128

/* A USD/BRL forward: maturity (a business day) and outright forward in BRL per USD. */
typedef struct mf_cupom_quote {
    const char *name; /* for messages ("DOLH26"); may be NULL (the maturity is named) */
    mf_date maturity;
    double forward; /* BRL per USD (a DOL price of 5432.1 is 5.4321) */
} mf_cupom_quote;

/*
 * Sets curve to the cupom cambial curve of curve_date (a business day of cal, "br") from
 * spot (BRL per USD, see above for limpo / sujo), the pre curve di of the same date
 * (t = du/252, from mf_di1_curve_build()) and the n quotes in increasing maturity.
 * Errors (MF_EINVAL, naming the quote): curve date not a business day; n = 0 or above
 * MF_CUPOM_MAX_QUOTES; spot or a forward not finite or outside the USD/BRL range of fx.h; a
 * maturity not a business day, on or before the curve date, or not after the previous one
 * (unsorted or duplicate); an implied cupom outside -50..100 % a year; quotes that imply a
 * discount factor not below the previous node's (a negative forward cupom). Calendar range
 * errors pass through prefixed with the quote. curve unchanged on failure.
 */
int mf_cupom_curve_build(const mf_calendar *cal, mf_date curve_date, double spot,
                         const mf_curve *di, const mf_cupom_quote *quotes, size_t n,
                         mf_curve *curve, mf_error *err);

/* The cupom cambial to dc >= 1 calendar days on curve, % a year linear ACT/360. */
double mf_cupom_rate_pct(const mf_curve *curve, int32_t dc);

#endif
