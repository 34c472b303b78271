/*
 * cds_dates.c - IMM coupon dates, the CDS roll and the premium schedule of a standard CDS
 * (cds_dates.h).
 */
#include "analytics/cds_dates.h"

/* Day serial of the IMM date of quarter month m (3, 6, 9, 12) of year y, months may overflow. */
static mf_date imm_date(int y, int m)
{
    while (m > 12) {
        m -= 12;
        y++;
    }
    while (m < 1) {
        m += 12;
        y--;
    }
    return mf_date_ymd(y, m, 20);
}

mf_date mf_cds_imm_prev(mf_date d)
{
    int y, m, day;
    mf_date_to_ymd(d, &y, &m, &day);
    int q = m - m % 3; /* the quarter month on or before m (0 = December of last year) */
    if (m % 3 == 0 && day < 20)
        q -= 3;
    return imm_date(y, q);
}

mf_date mf_cds_imm_next(mf_date d)
{
    int y, m, day;
    mf_date_to_ymd(d, &y, &m, &day);
    int q = m + (3 - m % 3) % 3; /* the quarter month on or after m */
    if (q == m && day >= 20)
        q += 3;
    return imm_date(y, q);
}

/* The IMM date k quarters after the IMM date d. */
static mf_date imm_add(mf_date d, int k)
{
    int y, m;
    mf_date_to_ymd(d, &y, &m, NULL);
    return imm_date(y, m + 3 * k);
}

int mf_cds_standard_maturity(mf_date trade, int tenor_months, mf_date *out, mf_error *err)
{
    if (tenor_months < 1 || tenor_months > 12 * MF_CDS_MAX_YEARS)
        return mf_error_set(err, MF_EINVAL, "tenor %d months outside 1..%d", tenor_months,
                            12 * MF_CDS_MAX_YEARS);
    if (trade < mf_date_ymd(1, 4, 1) || trade > mf_date_ymd(9999 - MF_CDS_MAX_YEARS - 1, 1, 1))
        return mf_error_set(err, MF_ERANGE, "trade date outside the supported years");
    mf_date anchor = mf_cds_imm_prev(trade);
    int m = mf_date_month(anchor);
    /* ISDA's semiannual roll (live 2015-12-21): contracts roll on 20 Mar and 20 Sep. */
    if (trade >= mf_date_ymd(2015, 12, 21) && (m == 6 || m == 12))
        anchor = imm_add(anchor, -1);
    int y;
    mf_date_to_ymd(anchor, &y, &m, NULL);
    *out = imm_date(y, m + tenor_months + 3);
    return 0;
}

int mf_cds_adjust(const mf_calendar *cal, mf_date d, mf_date *out, mf_error *err)
{
    if (cal != NULL)
        return mf_calendar_adjust(cal, d, MF_BDC_FOLLOWING, out, err);
    mf_weekday wd = mf_date_weekday(d);
    *out = d + (wd == MF_SATURDAY ? 2 : wd == MF_SUNDAY ? 1 : 0);
    return 0;
}

mf_date mf_cds_step_in(mf_date trade)
{
    return trade + 1;
}

int mf_cds_cash_settle(const mf_calendar *cal, mf_date trade, mf_date *out, mf_error *err)
{
    if (cal != NULL)
        return mf_calendar_advance(cal, trade, 3, out, err);
    mf_date d = trade;
    for (int left = 3; left > 0;) {
        d++;
        if (!mf_date_is_weekend(d))
            left--;
    }
    *out = d;
    return 0;
}

/* The unadjusted IMM date whose adjusted date is the accrual start (see the header). */
static int accrual_start_imm(const mf_calendar *cal, mf_date trade, mf_date *imm, mf_date *adj,
                             mf_error *err)
{
    mf_date step_in = mf_cds_step_in(trade), u = mf_cds_imm_prev(step_in), a;
    int rc = mf_cds_adjust(cal, u, &a, err);
    if (rc == 0 && a > step_in) { /* a weekend 20th adjusted past the step-in */
        u = imm_add(u, -1);
        rc = mf_cds_adjust(cal, u, &a, err);
    }
    if (rc == 0) {
        *imm = u;
        *adj = a;
    }
    return rc;
}

int mf_cds_accrual_start(const mf_calendar *cal, mf_date trade, mf_date *out, mf_date *first_pay,
                         mf_error *err)
{
    mf_date u, a, next = 0;
    int rc = accrual_start_imm(cal, trade, &u, &a, err);
    if (rc == 0 && first_pay != NULL)
        rc = mf_cds_adjust(cal, imm_add(u, 1), &next, err);
    if (rc != 0)
        return rc;
    *out = a;
    if (first_pay != NULL)
        *first_pay = next;
    return 0;
}

int mf_cds_schedule(const mf_calendar *cal, mf_date trade, mf_date maturity, mf_cds_period *out,
                    size_t cap, size_t *n, mf_error *err)
{
    char buf[MF_DATE_ISO_SIZE], tbuf[MF_DATE_ISO_SIZE];
    if (maturity < mf_cds_step_in(trade))
        return mf_error_set(err, MF_EINVAL,
                            "maturity '%s' is before the step-in date (trade "
                            "date '%s' + 1)",
                            mf_date_format_iso(maturity, buf), mf_date_format_iso(trade, tbuf));
    if (maturity - trade > 366 * MF_CDS_MAX_YEARS + 92)
        return mf_error_set(err, MF_EINVAL, "maturity '%s' more than %d years after trade '%s'",
                            mf_date_format_iso(maturity, buf), MF_CDS_MAX_YEARS,
                            mf_date_format_iso(trade, tbuf));
    mf_date u, start;
    int rc = accrual_start_imm(cal, trade, &u, &start, err);
    /* Stepping in on the maturity's coupon date: the final period (which includes the
     * maturity) is still running, so the accrual starts a quarter earlier. */
    if (rc == 0 && u >= maturity) {
        u = imm_add(u, -1);
        rc = mf_cds_adjust(cal, u, &start, err);
    }
    if (rc != 0)
        return rc;
    size_t count = 0;
    for (;;) {
        if (count == cap)
            return mf_error_set(err, MF_ERANGE, "schedule to '%s' needs more than %zu periods",
                                mf_date_format_iso(maturity, buf), cap);
        mf_cds_period *p = &out[count++];
        u = imm_add(u, 1);
        p->accrual_start = start;
        if (u < maturity) {
            rc = mf_cds_adjust(cal, u, &p->accrual_end, err);
            p->pay = p->accrual_end;
            p->days = (int)(p->accrual_end - p->accrual_start);
            start = p->accrual_end;
        } else { /* the last period ends on the unadjusted maturity, which it includes */
            rc = mf_cds_adjust(cal, maturity, &p->pay, err);
            p->accrual_end = maturity;
            p->days = (int)(maturity - p->accrual_start) + 1;
        }
        if (rc != 0)
            return rc;
        if (u >= maturity)
            break;
    }
    *n = count;
    return 0;
}
