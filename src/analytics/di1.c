/*
 * di1.c - DI1 futures price, rate and DV01 (see di1.h for the B3 convention).
 */
#include "analytics/di1.h"

#include <math.h>
#include <string.h>

static int check_rate(double rate_pct, mf_error *err)
{
    if (!isfinite(rate_pct))
        return mf_error_set(err, MF_EINVAL, "rate_pct is not a finite number");
    if (rate_pct < MF_DI1_RATE_PCT_MIN || rate_pct > MF_DI1_RATE_PCT_MAX)
        return mf_error_set(err, MF_EINVAL, "rate_pct %g is outside %g..%g (percent a year)",
                            rate_pct, MF_DI1_RATE_PCT_MIN, MF_DI1_RATE_PCT_MAX);
    return 0;
}

static int check_du(int32_t du, int32_t min, mf_error *err)
{
    if (du < min)
        return mf_error_set(err, MF_EINVAL, "du %d is below %d business days", (int)du, (int)min);
    return 0;
}

int mf_di1_pu(double rate_pct, int32_t du, double *pu_pts, mf_error *err)
{
    if (!pu_pts)
        return mf_error_set(err, MF_EINVAL, "output pu_pts is required");
    int rc = check_rate(rate_pct, err);
    if (!rc)
        rc = check_du(du, 0, err);
    if (rc)
        return rc;
    *pu_pts = MF_DI1_NOTIONAL_PTS / pow(1.0 + rate_pct / 100.0, (double)du / 252.0);
    return 0;
}

int mf_di1_rate(double pu_pts, int32_t du, double *rate_pct, mf_error *err)
{
    if (!rate_pct)
        return mf_error_set(err, MF_EINVAL, "output rate_pct is required");
    int rc = check_du(du, 1, err);
    if (rc)
        return rc;
    if (!isfinite(pu_pts) || pu_pts <= 0.0)
        return mf_error_set(err, MF_EINVAL, "pu_pts %g is not a finite positive price", pu_pts);
    double r = 100.0 * (pow(MF_DI1_NOTIONAL_PTS / pu_pts, 252.0 / (double)du) - 1.0);
    if (!isfinite(r) || r < MF_DI1_RATE_PCT_MIN || r > MF_DI1_RATE_PCT_MAX)
        return mf_error_set(err, MF_ERANGE,
                            "pu_pts %.2f over du %d implies a rate outside %g..%g %%", pu_pts,
                            (int)du, MF_DI1_RATE_PCT_MIN, MF_DI1_RATE_PCT_MAX);
    *rate_pct = r;
    return 0;
}

int mf_di1_dv01_brl(double rate_pct, int32_t du, double *dv01_brl, mf_error *err)
{
    double pu = 0.0;
    if (!dv01_brl)
        return mf_error_set(err, MF_EINVAL, "output dv01_brl is required");
    int rc = mf_di1_pu(rate_pct, du, &pu, err);
    if (rc)
        return rc;
    /* d/dr [N (1+r)^(-t)] = -t N (1+r)^(-t-1) = -t PU / (1+r), t = du/252, r a fraction. */
    *dv01_brl = pu * ((double)du / 252.0) / (1.0 + rate_pct / 100.0) * 1e-4;
    return 0;
}

int mf_di1_maturity_from_ticker(const mf_calendar *cal, const char *ticker, mf_date *maturity,
                                mf_error *err)
{
    static const char months[] = "FGHJKMNQUVXZ"; /* B3 month codes, January first */
    if (ticker == NULL)
        return mf_error_set(err, MF_EINVAL, "DI1 ticker is missing");
    const char *month = strlen(ticker) == 6 && strncmp(ticker, "DI1", 3) == 0 && ticker[3] != '\0'
                            ? strchr(months, ticker[3])
                            : NULL;
    if (month == NULL || ticker[4] < '0' || ticker[4] > '9' || ticker[5] < '0' || ticker[5] > '9')
        return mf_error_set(err, MF_EINVAL,
                            "invalid DI1 ticker '%.40s': expected DI1, a month code "
                            "(F G H J K M N Q U V X Z) and a two-digit year, such as DI1F27",
                            ticker);
    int year = 2000 + (ticker[4] - '0') * 10 + (ticker[5] - '0');
    int m = (int)(month - months) + 1;
    mf_date first;
    int rc = mf_calendar_adjust(cal, mf_date_ymd(year, m, 1), MF_BDC_FOLLOWING, &first, err);
    if (rc != 0) {
        mf_error_prefix(err, "DI1 ticker '%s': ", ticker);
        return rc; /* the calendar's code, whether or not err is there */
    }
    *maturity = first;
    return 0;
}
