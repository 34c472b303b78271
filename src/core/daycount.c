/*
 * daycount.c - the day count conventions of daycount.h: numerators and year fractions.
 *
 * Every public entry validates its arguments, orders the two dates (a reversed period is the
 * negative of the forward one), and dispatches on the convention to a static function that
 * sees start < end only. The formulas cite their section of the 2006 ISDA Definitions or of
 * the ICMA Rule Book; docs/daycount.md restates them.
 */
#include "core/daycount.h"

#include <stddef.h>
#include <string.h>

#include "core/names.h"

/* The names are the table: the enum value is the index. */
static const char *const names[MF_DAYCOUNT_COUNT] = {
    [MF_DAYCOUNT_BUS_252] = "bus/252",           [MF_DAYCOUNT_ACT_360] = "act/360",
    [MF_DAYCOUNT_ACT_365F] = "act/365f",         [MF_DAYCOUNT_30_360] = "30/360",
    [MF_DAYCOUNT_30E_360] = "30e/360",           [MF_DAYCOUNT_ACT_ACT_ISDA] = "act/act-isda",
    [MF_DAYCOUNT_ACT_ACT_ICMA] = "act/act-icma",
};

int mf_daycount_parse(const char *name, mf_daycount *out, mf_error *err)
{
    int found = mf_names_find(names, MF_DAYCOUNT_COUNT, name);
    if (found < 0) {
        char known[256];
        return mf_error_set(err, MF_EINVAL, "unknown day count '%.64s': expected one of %s",
                            name ? name : "(null)",
                            mf_names_join(names, MF_DAYCOUNT_COUNT, known, sizeof known));
    }
    *out = (mf_daycount)found;
    return 0;
}

const char *mf_daycount_name(mf_daycount dc)
{
    return (unsigned)dc < MF_DAYCOUNT_COUNT ? names[dc] : "?";
}

/* ---- checks shared by the entry points ------------------------------------------------------ */

static bool date_ok(mf_date d)
{
    return d >= MF_DATE_MIN && d <= MF_DATE_MAX;
}

/* MF_EINVAL for a dc outside the enum, MF_ERANGE for a date outside years 1..9999. */
static int check_args(mf_daycount dc, mf_date start, mf_date end, mf_error *err)
{
    if ((unsigned)dc >= MF_DAYCOUNT_COUNT)
        return mf_error_set(err, MF_EINVAL, "unknown day count %d: not an mf_daycount value",
                            (int)dc);
    if (!date_ok(start))
        return mf_error_set(err, MF_ERANGE, "start date serial %d outside years 1..9999 (%s)",
                            (int)start, names[dc]);
    if (!date_ok(end))
        return mf_error_set(err, MF_ERANGE, "end date serial %d outside years 1..9999 (%s)",
                            (int)end, names[dc]);
    return 0;
}

static int need_calendar(const mf_daycount_ctx *ctx, mf_error *err)
{
    if (ctx == NULL || ctx->calendar == NULL)
        return mf_error_set(err, MF_EINVAL,
                            "bus/252 needs a calendar: ctx->calendar is NULL (pass e.g. the "
                            "'br' calendar)");
    return 0;
}

/* ---- 30/360 family ------------------------------------------------------------------------- */

/* 360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1), after the convention has adjusted D1 and D2. */
static int32_t days_360(int y1, int m1, int d1, int y2, int m2, int d2)
{
    return (int32_t)(360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1));
}

/*
 * 30/360 bond basis, ISDA 2006 section 4.16(f): D1 = 31 becomes 30; D2 = 31 becomes 30 only
 * when D1 is greater than 29 (so 2007-02-28 to 2007-03-31 counts 33 days).
 */
static int32_t days_30_360(mf_date start, mf_date end)
{
    int y1, m1, d1, y2, m2, d2;
    mf_date_to_ymd(start, &y1, &m1, &d1);
    mf_date_to_ymd(end, &y2, &m2, &d2);
    if (d1 == 31)
        d1 = 30;
    if (d2 == 31 && d1 > 29)
        d2 = 30;
    return days_360(y1, m1, d1, y2, m2, d2);
}

/* 30E/360 Eurobond basis, ISDA 2006 section 4.16(g): a 31st becomes the 30th at either end. */
static int32_t days_30e_360(mf_date start, mf_date end)
{
    int y1, m1, d1, y2, m2, d2;
    mf_date_to_ymd(start, &y1, &m1, &d1);
    mf_date_to_ymd(end, &y2, &m2, &d2);
    if (d1 == 31)
        d1 = 30;
    if (d2 == 31)
        d2 = 30;
    return days_360(y1, m1, d1, y2, m2, d2);
}

/* The numerator for start <= end. Only BUS/252 can fail (the calendar's range). */
static int forward_days(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                        int32_t *out, mf_error *err)
{
    switch (dc) {
    case MF_DAYCOUNT_BUS_252: return mf_calendar_bizdays(ctx->calendar, start, end, out, err);
    case MF_DAYCOUNT_30_360: *out = days_30_360(start, end); return 0;
    case MF_DAYCOUNT_30E_360: *out = days_30e_360(start, end); return 0;
    case MF_DAYCOUNT_ACT_360:
    case MF_DAYCOUNT_ACT_365F:
    case MF_DAYCOUNT_ACT_ACT_ISDA:
    case MF_DAYCOUNT_ACT_ACT_ICMA: *out = end - start; return 0;
    }
    return mf_error_set(err, MF_EINVAL, "unknown day count %d", (int)dc); /* unreachable */
}

int mf_daycount_days(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                     int32_t *out, mf_error *err)
{
    int rc = check_args(dc, start, end, err);
    if (rc == 0 && dc == MF_DAYCOUNT_BUS_252)
        rc = need_calendar(ctx, err);
    if (rc != 0)
        return rc;
    bool reversed = start > end;
    int32_t days = 0;
    rc = reversed ? forward_days(dc, end, start, ctx, &days, err)
                  : forward_days(dc, start, end, ctx, &days, err);
    if (rc != 0)
        return rc;
    *out = reversed ? -days : days;
    return 0;
}

/* ---- ACT/ACT ------------------------------------------------------------------------------- */

static double days_in_year(int year)
{
    return mf_date_is_leap_year(year) ? 366.0 : 365.0;
}

/*
 * ACT/ACT ISDA, ISDA 2006 section 4.16(b): days of the period in a leap year / 366 plus days
 * in a non-leap year / 365. Whole years between the first and the last count 1 each. Within
 * one year the quotient is taken directly, so it is correctly rounded.
 */
static double yearfrac_act_act_isda(mf_date start, mf_date end)
{
    int y1 = mf_date_year(start), y2 = mf_date_year(end);
    if (y1 == y2)
        return (double)(end - start) / days_in_year(y1);
    double first = (double)(mf_date_ymd(y1 + 1, 1, 1) - start) / days_in_year(y1);
    double last = (double)(end - mf_date_ymd(y2, 1, 1)) / days_in_year(y2);
    return ((double)(y2 - y1 - 1) + first) + last;
}

/*
 * One piece of an ICMA accrual that lies in the (notional) regular period ps..pe, ICMA Rule
 * 251: the days accrued divided by the product of the frequency and the days of the
 * period, written period * days / period_days with period = 1 / frequency in years.
 */
static double icma_piece(double period, mf_date a, mf_date b, mf_date ps, mf_date pe)
{
    return period * (double)(b - a) / (double)(pe - ps);
}

/* The ICMA context checks: a reference period, a frequency, and a length that fits it. */
static int check_icma(const mf_daycount_ctx *ctx, mf_error *err)
{
    char a[MF_DATE_ISO_SIZE] = "?", b[MF_DATE_ISO_SIZE] = "?";
    if (ctx == NULL)
        return mf_error_set(err, MF_EINVAL,
                            "act/act-icma needs a reference coupon period and frequency: ctx is "
                            "NULL");
    if (!date_ok(ctx->ref_start) || !date_ok(ctx->ref_end))
        return mf_error_set(err, MF_ERANGE,
                            "act/act-icma reference period serials %d..%d outside years 1..9999",
                            (int)ctx->ref_start, (int)ctx->ref_end);
    mf_date_format_iso(ctx->ref_start, a);
    mf_date_format_iso(ctx->ref_end, b);
    if (ctx->ref_start >= ctx->ref_end)
        return mf_error_set(err, MF_EINVAL,
                            "act/act-icma needs a reference coupon period: ctx->ref_start '%s' "
                            "is not before ctx->ref_end '%s'",
                            a, b);
    int f = ctx->frequency;
    if (f != 1 && f != 2 && f != 3 && f != 4 && f != 6 && f != 12)
        return mf_error_set(err, MF_EINVAL,
                            "invalid coupon frequency %d in ctx->frequency for act/act-icma: "
                            "expected 1, 2, 3, 4, 6 or 12",
                            f);
    /* Its length in months, rounded, as a schedule of adjusted dates gives it: 181..184 days
     * (give or take a holiday) are 6 months. */
    int64_t days = (int64_t)ctx->ref_end - ctx->ref_start;
    int64_t months = (24 * days + 365) / 730; /* floor(12 * days / 365 + 1/2) */
    if (months != 12 / f)
        return mf_error_set(err, MF_EINVAL,
                            "act/act-icma reference period '%s'..'%s' spans %lld months, not the "
                            "%d of coupon frequency %d",
                            a, b, (long long)months, 12 / f, f);
    return 0;
}

/*
 * ACT/ACT ICMA for start < end, ICMA Rule 251, with the accrual split at the
 * boundaries of regular (notional) coupon periods and each piece measured in its own period.
 * Stepping by whole months from ref_start or ref_end gives the notional periods.
 */
static int yearfrac_act_act_icma(mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                                 double *out, mf_error *err)
{
    int32_t months = 12 / ctx->frequency;
    double period = (double)months / 12.0;
    mf_date rs = ctx->ref_start, re = ctx->ref_end;
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], c[MF_DATE_ISO_SIZE], d[MF_DATE_ISO_SIZE];
    int rc = 0;

    if (end > re && (start < rs || start > re))
        return mf_error_set(err, MF_EINVAL,
                            "act/act-icma accrual period '%s'..'%s' must lie in, start before or "
                            "end after the reference period '%s'..'%s', not %s",
                            mf_date_format_iso(start, a), mf_date_format_iso(end, b),
                            mf_date_format_iso(rs, c), mf_date_format_iso(re, d),
                            start < rs ? "overhang both its ends" : "start after its end");

    if (end <= re && start >= rs) { /* regular coupon, short stub or accrued interest */
        *out = icma_piece(period, start, end, rs, re);
        return 0;
    }

    double sum = 0.0;
    if (end > re) {
        /* Long last coupon: the rest of the reference period, then whole notional periods
         * ref_end + k months .. ref_end + (k + 1) months, then the fraction of the one that
         * holds end. */
        sum = icma_piece(period, start, re, rs, re);
        mf_date ns = re, ne = re;
        for (int32_t k = 1;; k++) {
            rc = mf_date_add_months(re, k * months, ctx->end_of_month, &ne, err);
            if (rc != 0)
                return rc;
            if (end < ne)
                break;
            sum += period;
            ns = ne;
        }
        sum += icma_piece(period, ns, end, ns, ne);
    } else {
        /* Long first coupon (start < ref_start): walk back through notional periods, each
         * ending where the later one starts, adding the part of the accrual in each. */
        mf_date ps = rs, pe = re, upto = end;
        for (;;) {
            if (start >= ps) {
                sum += icma_piece(period, start, upto, ps, pe);
                break;
            }
            if (upto > ps) {
                sum += icma_piece(period, ps, upto, ps, pe);
                upto = ps;
            }
            mf_date prev = ps;
            rc = mf_date_add_months(ps, -months, ctx->end_of_month, &prev, err);
            if (rc != 0)
                return rc;
            pe = ps;
            ps = prev;
        }
    }
    *out = sum;
    return 0;
}

/* The year fraction for start < end; ctx already checked for what dc needs. */
static int forward_yearfrac(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                            double *out, mf_error *err)
{
    int32_t n = 0;
    int rc = 0;
    switch (dc) {
    case MF_DAYCOUNT_BUS_252: /* du / 252 over the calendar's business days */
        rc = mf_calendar_bizdays(ctx->calendar, start, end, &n, err);
        if (rc == 0)
            *out = (double)n / 252.0;
        return rc;
    case MF_DAYCOUNT_ACT_360: *out = (double)(end - start) / 360.0; return 0;  /* 4.16(e) */
    case MF_DAYCOUNT_ACT_365F: *out = (double)(end - start) / 365.0; return 0; /* 4.16(d) */
    case MF_DAYCOUNT_30_360: *out = (double)days_30_360(start, end) / 360.0; return 0;
    case MF_DAYCOUNT_30E_360: *out = (double)days_30e_360(start, end) / 360.0; return 0;
    case MF_DAYCOUNT_ACT_ACT_ISDA: *out = yearfrac_act_act_isda(start, end); return 0;
    case MF_DAYCOUNT_ACT_ACT_ICMA: return yearfrac_act_act_icma(start, end, ctx, out, err);
    }
    return mf_error_set(err, MF_EINVAL, "unknown day count %d", (int)dc); /* unreachable */
}

int mf_daycount_yearfrac(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                         double *out, mf_error *err)
{
    int rc = check_args(dc, start, end, err);
    if (rc == 0 && dc == MF_DAYCOUNT_BUS_252)
        rc = need_calendar(ctx, err);
    if (rc == 0 && dc == MF_DAYCOUNT_ACT_ACT_ICMA)
        rc = check_icma(ctx, err);
    if (rc != 0)
        return rc;
    if (start == end) {
        /* Still ask the calendar, so an out-of-range date is an error whatever the span. */
        if (dc == MF_DAYCOUNT_BUS_252)
            rc = forward_days(dc, start, end, ctx, &(int32_t){0}, err);
        if (rc == 0)
            *out = 0.0;
        return rc;
    }
    double yf = 0.0;
    bool reversed = start > end;
    rc = reversed ? forward_yearfrac(dc, end, start, ctx, &yf, err)
                  : forward_yearfrac(dc, start, end, ctx, &yf, err);
    if (rc != 0)
        return rc;
    *out = reversed ? -yf : yf;
    return 0;
}
