/*
 * curve_dated.c - a discount curve asked by date in market rate conventions (see
 * curve_dated.h).
 *
 * A date is read on the curve at t = yearfrac(basis, curve date, date); a rate is the
 * compounding's inverse of a discount factor (DF(date), or DF(d2) / DF(d1)) over the year
 * fraction of the query's day count (mf_df_to_rate). Every check is made before anything is
 * written; no allocation.
 */
#include "analytics/curve_dated.h"

#include <stddef.h>
#include <string.h>

const mf_rate_convention mf_rate_bus252_exp = {MF_DAYCOUNT_BUS_252, MF_COMPOUNDING_ANNUAL};
const mf_rate_convention mf_rate_cont_act365f = {MF_DAYCOUNT_ACT_365F, MF_COMPOUNDING_CONTINUOUS};
const mf_rate_convention mf_rate_simple_act360 = {MF_DAYCOUNT_ACT_360, MF_COMPOUNDING_SIMPLE};
const mf_rate_convention mf_rate_annual_act365f = {MF_DAYCOUNT_ACT_365F, MF_COMPOUNDING_ANNUAL};
const mf_rate_convention mf_rate_semiannual_actact = {MF_DAYCOUNT_ACT_ACT_ISDA,
                                                      MF_COMPOUNDING_SEMIANNUAL};

static const struct {
    const char *name;
    const mf_rate_convention *conv;
} conventions[] = {
    {"bus252-exp", &mf_rate_bus252_exp},
    {"cont-act365f", &mf_rate_cont_act365f},
    {"simple-act360", &mf_rate_simple_act360},
    {"annual-act365f", &mf_rate_annual_act365f},
    {"semiannual-actact", &mf_rate_semiannual_actact},
};

#define CONVENTION_COUNT (sizeof conventions / sizeof conventions[0])
#define CONVENTION_NAMES                                                                           \
    "'bus252-exp', 'cont-act365f', 'simple-act360', 'annual-act365f', 'semiannual-actact'"

int mf_rate_convention_parse(const char *name, mf_rate_convention *out, mf_error *err)
{
    if (name == NULL)
        return mf_error_set(err, MF_EINVAL, "no rate convention given; valid: " CONVENTION_NAMES);
    for (size_t i = 0; i < CONVENTION_COUNT; i++) {
        if (strcmp(name, conventions[i].name) == 0) {
            *out = *conventions[i].conv;
            return 0;
        }
    }
    return mf_error_set(err, MF_EINVAL, "unknown rate convention '%s'; valid: " CONVENTION_NAMES,
                        name);
}

const char *mf_rate_convention_name(mf_rate_convention conv)
{
    for (size_t i = 0; i < CONVENTION_COUNT; i++)
        if (conventions[i].conv->daycount == conv.daycount &&
            conventions[i].conv->compounding == conv.compounding)
            return conventions[i].name;
    return NULL;
}

/* True for a day count that measures a curve's times or a rate's period (no coupon period). */
static int daycount_ok(mf_daycount dc)
{
    return (int)dc >= 0 && (int)dc < MF_DAYCOUNT_COUNT && dc != MF_DAYCOUNT_ACT_ACT_ICMA;
}

static int check_curve(const mf_dated_curve *c, mf_error *err)
{
    if (c == NULL || c->curve == NULL)
        return mf_error_set(err, MF_EINVAL, "dated curve: no curve given");
    if (!daycount_ok(c->basis))
        return mf_error_set(err, MF_EINVAL,
                            "dated curve: basis '%s' cannot measure curve times (use bus/252, "
                            "act/360, act/365f, 30/360, 30e/360 or act/act-isda)",
                            mf_daycount_name(c->basis));
    return 0;
}

static int check_conv(mf_rate_convention conv, mf_error *err)
{
    if (!daycount_ok(conv.daycount))
        return mf_error_set(err, MF_EINVAL,
                            "rate convention: day count '%s' cannot measure a rate's period (use "
                            "bus/252, act/360, act/365f, 30/360, 30e/360 or act/act-isda)",
                            mf_daycount_name(conv.daycount));
    if ((int)conv.compounding < (int)MF_COMPOUNDING_SIMPLE ||
        (int)conv.compounding > (int)MF_COMPOUNDING_CONTINUOUS)
        return mf_error_set(err, MF_EINVAL,
                            "rate convention: compounding %d is not one of the "
                            "mf_compounding values",
                            (int)conv.compounding);
    return 0;
}

/* The year fraction from start to end under dc, the calendar from c; errors prefixed. */
static int yearfrac(const mf_dated_curve *c, mf_daycount dc, mf_date start, mf_date end,
                    double *out, mf_error *err)
{
    mf_daycount_ctx ctx = {.calendar = c->calendar};
    if (mf_daycount_yearfrac(dc, start, end, &ctx, out, err) != 0) {
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        return mf_error_prefix(err, "%s year fraction from %s to %s: ", mf_daycount_name(dc),
                               mf_date_format_iso(start, a), mf_date_format_iso(end, b));
    }
    return 0;
}

/* The discount factor at date (checked: c valid, date >= curve date). */
static int dated_df(const mf_dated_curve *c, mf_date date, double *df, mf_error *err)
{
    if (date < c->curve_date) {
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_EINVAL, "date %s is before the curve date %s",
                            mf_date_format_iso(date, a), mf_date_format_iso(c->curve_date, b));
    }
    double t = 0.0;
    int rc = yearfrac(c, c->basis, c->curve_date, date, &t, err);
    if (rc != 0)
        return rc;
    *df = mf_curve_df(c->curve, t);
    return 0;
}

int mf_dated_curve_df(const mf_dated_curve *c, mf_date date, double *df, mf_error *err)
{
    int rc = check_curve(c, err);
    if (rc != 0)
        return rc;
    double out = 0.0;
    rc = dated_df(c, date, &out, err);
    if (rc == 0)
        *df = out;
    return rc;
}

/* The rate of discount factor df over the conv year fraction from d1 to d2. */
static int rate_over(const mf_dated_curve *c, mf_rate_convention conv, mf_date d1, mf_date d2,
                     double df, double *rate, mf_error *err)
{
    double tau = 0.0;
    int rc = yearfrac(c, conv.daycount, d1, d2, &tau, err);
    if (rc != 0)
        return rc;
    if (!(tau > 0.0)) {
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        return mf_error_set(
            err, MF_EINVAL,
            "%s year fraction from %s to %s is zero%s: a rate over no time is "
            "undefined",
            mf_daycount_name(conv.daycount), mf_date_format_iso(d1, a), mf_date_format_iso(d2, b),
            conv.daycount == MF_DAYCOUNT_BUS_252 ? " (no business day in between)" : "");
    }
    *rate = mf_df_to_rate(df, tau, conv.compounding);
    return 0;
}

int mf_dated_curve_zero(const mf_dated_curve *c, mf_date date, mf_rate_convention conv,
                        double *rate, mf_error *err)
{
    int rc = check_curve(c, err);
    if (rc == 0)
        rc = check_conv(conv, err);
    double df = 0.0;
    if (rc == 0)
        rc = dated_df(c, date, &df, err);
    if (rc == 0)
        rc = rate_over(c, conv, c->curve_date, date, df, rate, err);
    return rc;
}

int mf_dated_curve_forward(const mf_dated_curve *c, mf_date d1, mf_date d2, mf_rate_convention conv,
                           double *rate, mf_error *err)
{
    int rc = check_curve(c, err);
    if (rc == 0)
        rc = check_conv(conv, err);
    if (rc == 0 && d2 <= d1) {
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_EINVAL,
                            "forward from %s to %s: the end must be after the start",
                            mf_date_format_iso(d1, a), mf_date_format_iso(d2, b));
    }
    double df1 = 0.0, df2 = 0.0;
    if (rc == 0)
        rc = dated_df(c, d1, &df1, err);
    if (rc == 0)
        rc = dated_df(c, d2, &df2, err);
    if (rc == 0)
        rc = rate_over(c, conv, d1, d2, df2 / df1, rate, err);
    return rc;
}
