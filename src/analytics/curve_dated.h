/*
 * curve_dated.h - a discount curve asked by date: discount factors, zero rates and forward
 * rates between dates in any market rate convention (day count + compounding).
 *
 * Exports: mf_rate_convention and the five market conventions (mf_rate_bus252_exp,
 * mf_rate_cont_act365f, mf_rate_simple_act360, mf_rate_annual_act365f,
 * mf_rate_semiannual_actact), mf_rate_convention_parse() / _name(), mf_dated_curve,
 * mf_dated_curve_df(), mf_dated_curve_zero(), mf_dated_curve_forward().
 *
 * An mf_curve answers in year fractions t of its own basis measured from its curve date (BRL:
 * du/252 on the ANBIMA calendar; USD: ACT/365F). mf_dated_curve adds the curve date, the
 * basis and the calendar, so a date d is read at t = yearfrac(basis, curve date, d); a rate is
 * then expressed over the year fraction of the query's own convention, which need not be the
 * basis (an ACT/360 simple rate read off a BUS/252 curve). This is QuantLib's
 * YieldTermStructure::zeroRate(date, dc, comp, freq) and forwardRate(d1, d2, dc, comp, freq).
 *
 * Rates are decimals (0.1365 for 13.65% a year). Nothing here allocates or keeps state.
 */
#ifndef MF_ANALYTICS_CURVE_DATED_H
#define MF_ANALYTICS_CURVE_DATED_H

#include "analytics/curve.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/daycount.h"
#include "core/error.h"

/* How a rate is quoted: the day count of its year fraction and how it compounds. */
typedef struct mf_rate_convention {
    mf_daycount daycount;
    mf_compounding compounding;
} mf_rate_convention;

/* The market conventions, by the names mf_rate_convention_parse() accepts. */
extern const mf_rate_convention mf_rate_bus252_exp;        /* "bus252-exp": (1+r)^(du/252),
                                                              DI1, LTN, NTN-F */
extern const mf_rate_convention mf_rate_cont_act365f;      /* "cont-act365f": exp(r ACT/365) */
extern const mf_rate_convention mf_rate_simple_act360;     /* "simple-act360": 1 + r ACT/360,
                                                              money market, cupom cambial */
extern const mf_rate_convention mf_rate_annual_act365f;    /* "annual-act365f": (1+r)^(ACT/365) */
extern const mf_rate_convention mf_rate_semiannual_actact; /* "semiannual-actact":
                                                              (1+r/2)^(2 ACT/ACT ISDA) */

/*
 * Parses a convention name: "bus252-exp", "cont-act365f", "simple-act360", "annual-act365f",
 * "semiannual-actact" (exactly, lowercase). MF_EINVAL with a message quoting name and listing
 * the valid names otherwise; *out written only on success.
 */
int mf_rate_convention_parse(const char *name, mf_rate_convention *out, mf_error *err);

/* The name of conv when it is one of the five market conventions, else NULL. Static. */
const char *mf_rate_convention_name(mf_rate_convention conv);

/*
 * A curve with its dates. Every pointer is borrowed: the caller keeps them alive while the
 * dated curve is used. `basis` is the day count of the curve's times (MF_DAYCOUNT_BUS_252,
 * ACT/360, ACT/365F, 30/360, 30E/360 or ACT/ACT ISDA; not ACT/ACT ICMA, which needs a coupon
 * period). `calendar` counts the business days of BUS/252, both for the basis and for
 * queries in a BUS/252 convention; it may be NULL when neither uses BUS/252.
 */
typedef struct mf_dated_curve {
    const mf_curve *curve;
    mf_date curve_date;
    mf_daycount basis;
    const mf_calendar *calendar;
} mf_dated_curve;

/*
 * The discount factor at date >= the curve date (1 at the curve date): mf_curve_df() at
 * t = yearfrac(basis, curve date, date).
 *
 * Errors (*df written only on success): MF_EINVAL for a NULL curve, a basis that is not a
 * curve day count, BUS/252 without a calendar, a date before the curve date; MF_ERANGE from
 * the calendar (a date outside its 1990..2099) or the date library.
 */
int mf_dated_curve_df(const mf_dated_curve *c, mf_date date, double *df, mf_error *err);

/*
 * The zero rate to date in conv: the rate whose discount factor over
 * tau = yearfrac(conv.daycount, curve date, date) is DF(date).
 *
 * Errors as mf_dated_curve_df(), and MF_EINVAL for a conv outside the enums or in ACT/ACT
 * ICMA, and when tau is zero: the date is the curve date, or (BUS/252) no business day lies in
 * [curve date, date) - the curve date itself is a holiday or weekend and date the next
 * business day or earlier. A rate over no time is undefined, so there is no answer rather
 * than a made-up one (QuantLib instead uses a 0.0001-year step at the reference date).
 */
int mf_dated_curve_zero(const mf_dated_curve *c, mf_date date, mf_rate_convention conv,
                        double *rate, mf_error *err);

/*
 * The forward rate from d1 to d2 in conv: the rate whose discount factor over
 * tau = yearfrac(conv.daycount, d1, d2) is DF(d2) / DF(d1). curve date <= d1 < d2.
 *
 * Errors as mf_dated_curve_zero(), and MF_EINVAL when d2 <= d1, and when tau is zero: in
 * BUS/252 a period with no business day in [d1, d2) (from a Saturday to the Monday, or across
 * a holiday), whose accrual is nil. Both are refused whatever the curve says: on a BUS/252
 * curve DF(d1) = DF(d2) there and the rate would be 0/0; on an ACT curve the discount factors
 * differ and the rate would be infinite. (QuantLib answers 0 in the first case and fails in
 * the second.) The caller wanting a rate over such a period should ask over a business-day
 * period, or in a calendar-day convention.
 */
int mf_dated_curve_forward(const mf_dated_curve *c, mf_date d1, mf_date d2, mf_rate_convention conv,
                           double *rate, mf_error *err);

#endif
