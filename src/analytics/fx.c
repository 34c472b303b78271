/*
 * fx.c - USD/BRL forwards by covered interest parity, NDFs and B3 dollar futures (see fx.h).
 */
#include "analytics/fx.h"

#include <math.h>
#include <stdbool.h>

#define BRL_RATE_PCT_MIN (-50.0)
#define BRL_RATE_PCT_MAX 200.0
#define USD_RATE_PCT_MIN (-50.0)
#define USD_RATE_PCT_MAX 100.0
#define NOTIONAL_USD_MAX 1e12

static int check_fx(const char *field, double x, mf_error *err)
{
    if (!(isfinite(x) && x >= MF_FX_RATE_MIN && x <= MF_FX_RATE_MAX))
        return mf_error_set(err, MF_EINVAL, "%s %.10g is not a USD/BRL rate (%g..%g BRL per USD)",
                            field, x, MF_FX_RATE_MIN, MF_FX_RATE_MAX);
    return 0;
}

static int check_rate(const char *field, double r, double lo, double hi, mf_error *err)
{
    if (!(isfinite(r) && r >= lo && r <= hi))
        return mf_error_set(err, MF_EINVAL, "%s %.10g is outside %g..%g %% a year", field, r, lo,
                            hi);
    return 0;
}

static int check_days(int32_t du, int32_t dc, mf_error *err)
{
    if (du < 1)
        return mf_error_set(err, MF_EINVAL, "du %d is below 1 business day", (int)du);
    if (dc < 1)
        return mf_error_set(err, MF_EINVAL, "dc %d is below 1 calendar day", (int)dc);
    if (du > dc)
        return mf_error_set(err, MF_EINVAL, "du %d exceeds dc %d: more business than calendar days",
                            (int)du, (int)dc);
    return 0;
}

/* (1 + brl)^(du/252) and (1 + usd dc/360). */
static double brl_factor(double brl_rate_pct, int32_t du)
{
    return pow(1.0 + brl_rate_pct / 100.0, (double)du / 252.0);
}

static double usd_factor(double usd_rate_pct, int32_t dc)
{
    return 1.0 + usd_rate_pct / 100.0 * (double)dc / 360.0;
}

int mf_fx_outright(double spot, double points, double *forward, mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (rc)
        return rc;
    if (!isfinite(points))
        return mf_error_set(err, MF_EINVAL, "forward points are not a finite number");
    double f = spot + points * MF_FX_POINT_BRL;
    if ((rc = check_fx("forward (spot + points * 0.0001)", f, err)) != 0)
        return rc;
    *forward = f;
    return 0;
}

int mf_fx_points(double spot, double forward, double *points, mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_fx("forward", forward, err);
    if (rc)
        return rc;
    *points = (forward - spot) / MF_FX_POINT_BRL;
    return 0;
}

int mf_fx_forward_cip(double spot, double brl_rate_pct, int32_t du, double usd_rate_pct, int32_t dc,
                      double *forward, mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_rate("brl rate", brl_rate_pct, BRL_RATE_PCT_MIN, BRL_RATE_PCT_MAX, err);
    if (!rc)
        rc = check_rate("usd rate", usd_rate_pct, USD_RATE_PCT_MIN, USD_RATE_PCT_MAX, err);
    if (!rc)
        rc = check_days(du, dc, err);
    if (rc)
        return rc;
    double u = usd_factor(usd_rate_pct, dc);
    if (!(u > 0.0))
        return mf_error_set(err, MF_EINVAL, "usd rate %.10g%% over %d days gives a factor <= 0",
                            usd_rate_pct, (int)dc);
    double f = spot * brl_factor(brl_rate_pct, du) / u;
    if ((rc = check_fx("forward", f, err)) != 0)
        return rc;
    *forward = f;
    return 0;
}

int mf_fx_implied_usd_rate_pct(double spot, double forward, double brl_rate_pct, int32_t du,
                               int32_t dc, double *usd_rate_pct, mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_fx("forward", forward, err);
    if (!rc)
        rc = check_rate("brl rate", brl_rate_pct, BRL_RATE_PCT_MIN, BRL_RATE_PCT_MAX, err);
    if (!rc)
        rc = check_days(du, dc, err);
    if (rc)
        return rc;
    double c = (spot * brl_factor(brl_rate_pct, du) / forward - 1.0) * 360.0 / (double)dc * 100.0;
    if (!(c >= USD_RATE_PCT_MIN && c <= USD_RATE_PCT_MAX))
        return mf_error_set(err, MF_ERANGE,
                            "spot %.10g and forward %.10g imply a usd rate of %.6g%%, outside "
                            "%g..%g %%",
                            spot, forward, c, USD_RATE_PCT_MIN, USD_RATE_PCT_MAX);
    *usd_rate_pct = c;
    return 0;
}

int mf_fx_implied_brl_rate_pct(double spot, double forward, double usd_rate_pct, int32_t du,
                               int32_t dc, double *brl_rate_pct, mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_fx("forward", forward, err);
    if (!rc)
        rc = check_rate("usd rate", usd_rate_pct, USD_RATE_PCT_MIN, USD_RATE_PCT_MAX, err);
    if (!rc)
        rc = check_days(du, dc, err);
    if (rc)
        return rc;
    double growth = forward * usd_factor(usd_rate_pct, dc) / spot;
    double r = growth > 0.0 ? (pow(growth, 252.0 / (double)du) - 1.0) * 100.0 : NAN;
    if (!(r >= BRL_RATE_PCT_MIN && r <= BRL_RATE_PCT_MAX))
        return mf_error_set(err, MF_ERANGE,
                            "spot %.10g and forward %.10g imply a brl rate of %.6g%%, outside "
                            "%g..%g %%",
                            spot, forward, r, BRL_RATE_PCT_MIN, BRL_RATE_PCT_MAX);
    *brl_rate_pct = r;
    return 0;
}

int mf_fx_ndf_value(double notional_usd, double strike, double spot, double forward,
                    double brl_rate_pct, int32_t du_settle, mf_fx_ndf *out, mf_error *err)
{
    if (!(isfinite(notional_usd) && notional_usd != 0.0 && fabs(notional_usd) <= NOTIONAL_USD_MAX))
        return mf_error_set(err, MF_EINVAL,
                            "notional %.10g USD is not a finite non-zero amount up to %g",
                            notional_usd, NOTIONAL_USD_MAX);
    int rc = check_fx("strike", strike, err);
    if (!rc)
        rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_fx("forward", forward, err);
    if (!rc)
        rc = check_rate("brl rate", brl_rate_pct, BRL_RATE_PCT_MIN, BRL_RATE_PCT_MAX, err);
    if (rc)
        return rc;
    if (du_settle < 0)
        return mf_error_set(err, MF_EINVAL, "settlement du %d is negative: the NDF has settled",
                            (int)du_settle);
    double df = 1.0 / brl_factor(brl_rate_pct, du_settle);
    out->df_brl = df;
    out->mtm_brl = notional_usd * (forward - strike) * df;
    out->delta_usd = notional_usd * forward / spot * df;
    return 0;
}

double mf_fx_future_size_usd(mf_fx_future kind)
{
    switch (kind) {
    case MF_FX_DOL: return 50000.0;
    case MF_FX_WDO: return 10000.0;
    }
    return 0.0;
}

int mf_fx_future_maturity(const mf_calendar *cal, int year, int month, mf_date *out, mf_error *err)
{
    mf_date first;
    int rc = mf_date_from_ymd(year, month, 1, &first, err);
    if (!rc)
        rc = mf_calendar_adjust(cal, first, MF_BDC_FOLLOWING, out, err);
    return rc;
}

int mf_fx_future_check_maturity(const mf_calendar *cal, mf_date maturity, mf_error *err)
{
    mf_date want;
    char m[MF_DATE_ISO_SIZE], w[MF_DATE_ISO_SIZE];
    int rc =
        mf_fx_future_maturity(cal, mf_date_year(maturity), mf_date_month(maturity), &want, err);
    if (rc)
        return rc;
    if (maturity != want)
        return mf_error_set(
            err, MF_EINVAL, "maturity %s is not the first business day of its month (%s on '%s')",
            mf_date_format_iso(maturity, m), mf_date_format_iso(want, w), mf_calendar_name(cal));
    return 0;
}

static int fill_future(mf_fx_future kind, double spot, double forward, mf_fx_future_quote *out,
                       mf_error *err)
{
    double size = mf_fx_future_size_usd(kind);
    if (size == 0.0)
        return mf_error_set(err, MF_EINVAL, "unknown dollar future kind %d", (int)kind);
    out->price_pts = forward * 1000.0;
    out->point_value_brl = size / 1000.0;
    out->delta_usd = size * forward / spot;
    out->notional_usd = size;
    return 0;
}

int mf_fx_future_value(mf_fx_future kind, double spot, double brl_rate_pct, int32_t du,
                       double usd_rate_pct, int32_t dc, mf_fx_future_quote *out, mf_error *err)
{
    double f = 0.0;
    if (mf_fx_future_size_usd(kind) == 0.0)
        return mf_error_set(err, MF_EINVAL, "unknown dollar future kind %d", (int)kind);
    int rc = mf_fx_forward_cip(spot, brl_rate_pct, du, usd_rate_pct, dc, &f, err);
    if (rc)
        return rc;
    return fill_future(kind, spot, f, out, err);
}

int mf_fx_future_at_price(mf_fx_future kind, double spot, double price_pts, mf_fx_future_quote *out,
                          mf_error *err)
{
    int rc = check_fx("spot", spot, err);
    if (!rc)
        rc = check_fx("price / 1000", price_pts / 1000.0, err);
    if (rc)
        return rc;
    return fill_future(kind, spot, price_pts / 1000.0, out, err);
}
