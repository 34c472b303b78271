/*
 * curve_cupom.c - the cupom cambial curve by covered interest parity (see curve_cupom.h).
 * Each quote gives its node directly (no solving): DF_usd(dc) = F * DF_DI(du) / S.
 */
#include "analytics/curve_cupom.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "analytics/fx.h"

#define CUPOM_PCT_MIN (-50.0)
#define CUPOM_PCT_MAX 100.0

static const char *name_of(const mf_cupom_quote *q, char buf[32])
{
    char day[MF_DATE_ISO_SIZE];
    if (q->name)
        return q->name;
    snprintf(buf, 32, "forward %s", mf_date_format_iso(q->maturity, day));
    return buf;
}

static bool fx_ok(double x)
{
    return isfinite(x) && x >= MF_FX_RATE_MIN && x <= MF_FX_RATE_MAX;
}

int mf_cupom_curve_build(const mf_calendar *cal, mf_date curve_date, double spot,
                         const mf_curve *di, const mf_cupom_quote *quotes, size_t n,
                         mf_curve *curve, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE], other[MF_DATE_ISO_SIZE], name[32];
    bool business = false;
    int rc = mf_calendar_is_business_day(cal, curve_date, &business, err);
    if (rc)
        return rc;
    if (!business)
        return mf_error_set(err, MF_EINVAL, "curve date '%s' is not a business day",
                            mf_date_format_iso(curve_date, day));
    if (n == 0 || n > MF_CUPOM_MAX_QUOTES)
        return mf_error_set(err, MF_EINVAL, "%zu USD/BRL forwards on %s: need 1 to %d", n,
                            mf_date_format_iso(curve_date, day), MF_CUPOM_MAX_QUOTES);
    if (!fx_ok(spot))
        return mf_error_set(err, MF_EINVAL, "spot %.10g on %s is not a USD/BRL rate (%g..%g)", spot,
                            mf_date_format_iso(curve_date, day), MF_FX_RATE_MIN, MF_FX_RATE_MAX);
    double t[MF_CUPOM_MAX_QUOTES], df[MF_CUPOM_MAX_QUOTES];
    for (size_t i = 0; i < n; i++) {
        const mf_cupom_quote *q = &quotes[i];
        mf_date_format_iso(q->maturity, day);
        if (q->maturity <= curve_date)
            return mf_error_set(err, MF_EINVAL, "%s: maturity %s is not after the curve date %s",
                                name_of(q, name), day, mf_date_format_iso(curve_date, other));
        if (i > 0 && q->maturity <= quotes[i - 1].maturity)
            return mf_error_set(
                err, MF_EINVAL, "%s: maturity %s is not after %s (%s)", name_of(q, name), day,
                mf_date_format_iso(quotes[i - 1].maturity, other),
                q->maturity == quotes[i - 1].maturity ? "a duplicate" : "quotes must be sorted");
        if ((rc = mf_calendar_is_business_day(cal, q->maturity, &business, err)) != 0) {
            mf_error_prefix(err, "%s: ", name_of(q, name));
            return rc;
        }
        if (!business)
            return mf_error_set(err, MF_EINVAL, "%s: maturity %s is not a business day",
                                name_of(q, name), day);
        if (!fx_ok(q->forward))
            return mf_error_set(err, MF_EINVAL, "%s: forward %.10g is not a USD/BRL rate (%g..%g)",
                                name_of(q, name), q->forward, MF_FX_RATE_MIN, MF_FX_RATE_MAX);
        int32_t du = 0, dc = q->maturity - curve_date;
        if ((rc = mf_calendar_bizdays(cal, curve_date, q->maturity, &du, err)) != 0) {
            mf_error_prefix(err, "%s: ", name_of(q, name));
            return rc;
        }
        t[i] = dc / 360.0;
        df[i] = q->forward * mf_curve_df(di, du / 252.0) / spot;
        double cupom_pct = (1.0 / df[i] - 1.0) / t[i] * 100.0;
        if (!(cupom_pct >= CUPOM_PCT_MIN && cupom_pct <= CUPOM_PCT_MAX))
            return mf_error_set(err, MF_EINVAL,
                                "%s: forward %.10g implies a cupom of %.6g%% to %s, outside "
                                "%g..%g %%",
                                name_of(q, name), q->forward, cupom_pct, day, CUPOM_PCT_MIN,
                                CUPOM_PCT_MAX);
        if (!(df[i] < (i ? df[i - 1] : 1.0)))
            return mf_error_set(err, MF_EINVAL,
                                "%s: forward %.10g implies a discount factor at %s of %.10g, not "
                                "below %.10g (a negative forward cupom)",
                                name_of(q, name), q->forward, day, df[i], i ? df[i - 1] : 1.0);
    }
    return mf_curve_set(curve, t, df, n, MF_INTERP_FLAT_FORWARD, err);
}

double mf_cupom_rate_pct(const mf_curve *curve, int32_t dc)
{
    return mf_curve_zero(curve, dc / 360.0, MF_COMPOUNDING_SIMPLE) * 100.0;
}
