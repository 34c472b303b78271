/*
 * curve_di1.c - the DI zero curve (see curve_di1.h).
 */
#include "analytics/curve_di1.h"

#include <math.h>
#include <stdbool.h>

/* Quote i's name for messages. */
static const char *name_of(const mf_di1_quote *q)
{
    return q->ticker ? q->ticker : "DI1";
}

static bool rate_ok(double r)
{
    return isfinite(r) && r > -10.0 && r < 100.0;
}

int mf_di1_curve_build(const mf_calendar *cal, mf_date curve_date, double cdi_pct,
                       const mf_di1_quote *quotes, size_t n, mf_curve *curve, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE], other[MF_DATE_ISO_SIZE];
    bool business;
    int rc = mf_calendar_is_business_day(cal, curve_date, &business, err);
    if (rc != 0)
        return rc;
    if (!business)
        return mf_error_set(err, MF_EINVAL, "curve date '%s' is not a business day",
                            mf_date_format_iso(curve_date, day));
    if (n + 1 > MF_DI1_MAX_QUOTES)
        return mf_error_set(err, MF_EINVAL, "%zu DI1 quotes on %s: at most %d", n,
                            mf_date_format_iso(curve_date, day), MF_DI1_MAX_QUOTES - 1);
    if (!rate_ok(cdi_pct))
        return mf_error_set(err, MF_EINVAL, "CDI rate %.6g%% on %s is not a plausible rate",
                            cdi_pct, mf_date_format_iso(curve_date, day));
    double t[MF_DI1_MAX_QUOTES], df[MF_DI1_MAX_QUOTES];
    t[0] = 1.0 / 252.0;
    df[0] = pow(1.0 + cdi_pct / 100.0, -t[0]);
    mf_date prev = curve_date;
    int32_t prev_du = 1;
    for (size_t i = 0; i < n; i++) {
        const mf_di1_quote *q = &quotes[i];
        mf_date_format_iso(q->maturity, day);
        if (q->maturity <= prev)
            return mf_error_set(err, MF_EINVAL, "%s: maturity %s is not after %s", name_of(q), day,
                                mf_date_format_iso(prev, other));
        if ((rc = mf_calendar_is_business_day(cal, q->maturity, &business, err)) != 0) {
            mf_error_prefix(err, "%s: ", name_of(q));
            return rc; /* the calendar's code, whether or not err is there */
        }
        if (!business)
            return mf_error_set(err, MF_EINVAL, "%s: maturity %s is not a business day", name_of(q),
                                day);
        int32_t du;
        if ((rc = mf_calendar_bizdays(cal, curve_date, q->maturity, &du, err)) != 0) {
            mf_error_prefix(err, "%s: ", name_of(q));
            return rc;
        }
        if (du <= prev_du)
            return mf_error_set(err, MF_EINVAL,
                                "%s: maturity %s is %d business day(s) away: "
                                "the CDI is the 1-day vertex",
                                name_of(q), day, (int)du);
        if (!rate_ok(q->rate_pct))
            return mf_error_set(err, MF_EINVAL, "%s: rate %.6g%% is not a plausible rate",
                                name_of(q), q->rate_pct);
        t[i + 1] = du / 252.0;
        df[i + 1] = pow(1.0 + q->rate_pct / 100.0, -t[i + 1]);
        if (!(df[i + 1] < df[i]))
            return mf_error_set(err, MF_EINVAL,
                                "%s: rate %.6g%% to %s implies a negative "
                                "forward rate from the previous vertex (discount factor "
                                "%.10g after %.10g)",
                                name_of(q), q->rate_pct, day, df[i + 1], df[i]);
        prev = q->maturity;
        prev_du = du;
    }
    return mf_curve_set(curve, t, df, n + 1, MF_INTERP_FLAT_FORWARD, err);
}
