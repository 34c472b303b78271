/*
 * curve_di1.h - the BRL pre-fixed (DI) zero curve, bootstrapped from the CDI overnight rate and
 * DI1 futures settlement rates.
 *
 * Exports: mf_di1_quote, mf_di1_curve_build().
 *
 * Convention (B3, ANBIMA): rates in percent a year, exponential BUS/252; a rate r to a maturity
 * du business days away (counted on the ANBIMA calendar, curve date included, maturity
 * excluded) has the discount factor (1 + r/100)^(-du/252). Each DI1 settlement rate is the
 * zero rate to its maturity, so the bootstrap is exact: one node per quote at t = du/252,
 * the CDI at one business day, flat-forward in between and after the last contract.
 */
#ifndef MF_ANALYTICS_CURVE_DI1_H
#define MF_ANALYTICS_CURVE_DI1_H

#include <stddef.h>

#include "analytics/curve.h"
#include "core/calendar.h"

/* A DI1 settlement: the contract's maturity (a business day) and its rate, % a year. */
typedef struct mf_di1_quote {
    const char *ticker; /* for messages ("DI1F27"); may be NULL */
    mf_date maturity;
    double rate_pct;
} mf_di1_quote;

/*
 * Sets curve to the DI curve of curve_date (a business day of cal) from cdi_pct, the
 * overnight rate to the next business day, and the n quotes in increasing maturity. Errors
 * (MF_EINVAL, naming the quote): curve date not a business day, a maturity not after the
 * previous one or on/before the first business day after the curve date, a maturity that is
 * not a business day, a rate outside (-10, 100) % or not finite, and quotes that imply a
 * discount factor that does not fall with maturity (a negative forward rate). Calendar range
 * errors pass through. curve is unchanged on failure.
 */
int mf_di1_curve_build(const mf_calendar *cal, mf_date curve_date, double cdi_pct,
                       const mf_di1_quote *quotes, size_t n, mf_curve *curve, mf_error *err);

/* Most quotes one curve takes. */
#define MF_DI1_MAX_QUOTES 256

#endif
