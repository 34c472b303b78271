/*
 * ust.c - US Treasury notes, bonds and bills (ust.h).
 *
 * Sources (docs/pricing.md): the Treasury's "Formulas for calculating" pages on TreasuryDirect
 * and 31 CFR Part 356 Appendix B for bills and the street-convention price/yield relation;
 * SIFMA "Standard Formulas for the Analysis of Mortgage-Backed Securities and Other Related
 * Securities" for duration and convexity; ICMA Rule 251 for ACT/ACT (core/daycount.c).
 */
#include "analytics/ust.h"

#include <math.h>

#include "analytics/solve.h"
#include "core/daycount.h"

#define BILL_MAX_DAYS  366
#define SOLVE_XTOL_PCT 1e-12
#define SOLVE_MAX_ITER 200
#define BP_PER_UNIT    10000.0

/* What pricing needs at one settlement date: the flows and the fractional first period. */
typedef struct priced_flows {
    size_t n;
    double w; /* days from settle to next coupon / days of its coupon period */
    double accrued_per_100;
    double amount[MF_UST_MAX_FLOWS];
} priced_flows;

static bool date_ok(mf_date d)
{
    return d >= MF_DATE_MIN && d <= MF_DATE_MAX;
}

static int check_date(mf_date d, const char *field, mf_error *err)
{
    if (!date_ok(d))
        return mf_error_set(err, MF_ERANGE, "%s serial %d outside years 1..9999", field, (int)d);
    return 0;
}

int mf_ust_bond_check(const mf_ust_bond *b, mf_error *err)
{
    if (b == NULL)
        return mf_error_set(err, MF_EINVAL, "no bond given");
    int rc = check_date(b->maturity, "maturity", err);
    if (rc == 0 && b->has_dated)
        rc = check_date(b->dated, "dated", err);
    if (rc != 0)
        return rc;
    if (!isfinite(b->coupon_pct) || b->coupon_pct < 0.0 || b->coupon_pct > MF_UST_COUPON_PCT_MAX)
        return mf_error_set(err, MF_ERANGE, "coupon_pct %g outside the accepted range 0..%g",
                            b->coupon_pct, MF_UST_COUPON_PCT_MAX);
    if (b->has_dated && b->dated >= b->maturity) {
        char d[MF_DATE_ISO_SIZE], m[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_EINVAL, "dated date '%s' is not before maturity '%s'",
                            mf_date_format_iso(b->dated, d), mf_date_format_iso(b->maturity, m));
    }
    return 0;
}

/* The k-th schedule date before maturity (k = 0 is maturity itself). */
static int coupon_date(const mf_ust_bond *b, int k, mf_date *out, mf_error *err)
{
    return mf_date_add_months(b->maturity, -6 * k, mf_date_is_month_end(b->maturity), out, err);
}

int mf_ust_period_at(const mf_ust_bond *b, mf_date settle, mf_ust_period *out, mf_error *err)
{
    int rc = mf_ust_bond_check(b, err);
    if (rc == 0)
        rc = check_date(settle, "settle", err);
    if (rc != 0)
        return rc;
    char s[MF_DATE_ISO_SIZE], m[MF_DATE_ISO_SIZE];
    mf_date_format_iso(settle, s);
    mf_date_format_iso(b->maturity, m);
    if (b->maturity <= settle)
        return mf_error_set(err, MF_EINVAL, "maturity '%s' is not after settlement '%s'", m, s);
    if (b->has_dated && settle < b->dated) {
        char d[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_EINVAL, "settlement '%s' is before the dated date '%s'", s,
                            mf_date_format_iso(b->dated, d));
    }
    int sy, sm, my, mm;
    mf_date_to_ymd(settle, &sy, &sm, NULL);
    mf_date_to_ymd(b->maturity, &my, &mm, NULL);
    int months = (my - sy) * 12 + (mm - sm);
    if (months > 12 * MF_UST_MAX_YEARS)
        return mf_error_set(err, MF_ERANGE,
                            "maturity '%s' is more than %d years after settlement '%s'", m,
                            MF_UST_MAX_YEARS, s);
    /* Start near the answer and step: the smallest k with date(k) <= settle. */
    int k = months / 6;
    mf_date prev, next;
    if ((rc = coupon_date(b, k, &prev, err)) != 0)
        return rc;
    while (prev > settle) {
        k++;
        if ((rc = coupon_date(b, k, &prev, err)) != 0)
            return rc;
    }
    if ((rc = coupon_date(b, k - 1, &next, err)) != 0)
        return rc;
    while (k > 1 && next <= settle) {
        k--;
        prev = next;
        if ((rc = coupon_date(b, k - 1, &next, err)) != 0)
            return rc;
    }
    out->prev_coupon = prev;
    out->next_coupon = next;
    out->accrual_start = b->has_dated && b->dated > prev ? b->dated : prev;
    out->coupons_left = k;
    return 0;
}

/* ACT/ACT ICMA year fraction of from..to inside the coupon period p. */
static int icma(const mf_ust_bond *b, const mf_ust_period *p, mf_date from, mf_date to, double *out,
                mf_error *err)
{
    mf_daycount_ctx ctx = {.ref_start = p->prev_coupon,
                           .ref_end = p->next_coupon,
                           .frequency = MF_UST_FREQUENCY,
                           .end_of_month = mf_date_is_month_end(b->maturity)};
    return mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, from, to, &ctx, out, err);
}

/* Fills pf for b at settle: the flow amounts, w and the accrued interest. */
static int prepare(const mf_ust_bond *b, mf_date settle, priced_flows *pf, mf_error *err)
{
    mf_ust_period p = {0};
    double first = 0.0, to_next = 0.0, accrued = 0.0;
    int rc = mf_ust_period_at(b, settle, &p, err);
    if (rc == 0)
        rc = icma(b, &p, p.accrual_start, p.next_coupon, &first, err);
    if (rc == 0)
        rc = icma(b, &p, settle, p.next_coupon, &to_next, err);
    if (rc == 0)
        rc = icma(b, &p, p.accrual_start, settle, &accrued, err);
    if (rc != 0)
        return rc;
    pf->n = (size_t)p.coupons_left;
    double regular = b->coupon_pct / MF_UST_FREQUENCY;
    for (size_t i = 0; i < pf->n; i++) {
        /* A short first coupon from the dated date is prorated; the last adds redemption. */
        double coupon =
            i == 0 && p.accrual_start != p.prev_coupon ? b->coupon_pct * first : regular;
        pf->amount[i] = coupon + (i + 1 == pf->n ? 100.0 : 0.0);
    }
    pf->w = to_next * MF_UST_FREQUENCY; /* exact: ICMA gives (1/2) * days / period days */
    pf->accrued_per_100 = b->coupon_pct * accrued;
    return 0;
}

int mf_ust_cashflows(const mf_ust_bond *b, mf_date settle, mf_ust_cashflow *flows, size_t cap,
                     size_t *n, mf_error *err)
{
    priced_flows pf;
    int rc = prepare(b, settle, &pf, err);
    if (rc != 0)
        return rc;
    if (flows == NULL || n == NULL || cap < pf.n)
        return mf_error_set(err, MF_ERANGE, "%zu cash flows do not fit a capacity of %zu", pf.n,
                            flows == NULL ? (size_t)0 : cap);
    for (size_t i = 0; i < pf.n; i++) {
        mf_date d;
        if ((rc = coupon_date(b, (int)(pf.n - 1 - i), &d, err)) != 0)
            return rc;
        flows[i].date = d;
        flows[i].amount_per_100 = pf.amount[i];
    }
    *n = pf.n;
    return 0;
}

int mf_ust_accrued(const mf_ust_bond *b, mf_date settle, double *accrued_per_100, mf_error *err)
{
    priced_flows pf;
    int rc = prepare(b, settle, &pf, err);
    if (rc == 0)
        *accrued_per_100 = pf.accrued_per_100;
    return rc;
}

/* The dirty price per 100 at a yield in percent (street convention). */
static double dirty_at(const priced_flows *pf, double yield_pct)
{
    double g = 1.0 + yield_pct / 100.0 / MF_UST_FREQUENCY, sum = 0.0;
    for (size_t i = 0; i < pf->n; i++)
        sum += pf->amount[i] * pow(g, -(pf->w + (double)i));
    return sum;
}

static int check_yield(double yield_pct, const char *field, mf_error *err)
{
    if (!isfinite(yield_pct) || yield_pct < MF_UST_YIELD_PCT_MIN ||
        yield_pct > MF_UST_YIELD_PCT_MAX)
        return mf_error_set(err, MF_ERANGE, "%s %g outside the accepted range %g..%g percent",
                            field, yield_pct, MF_UST_YIELD_PCT_MIN, MF_UST_YIELD_PCT_MAX);
    return 0;
}

int mf_ust_price_from_yield(const mf_ust_bond *b, mf_date settle, double yield_pct,
                            mf_ust_quote *out, mf_error *err)
{
    priced_flows pf;
    int rc = check_yield(yield_pct, "yield_pct", err);
    if (rc == 0)
        rc = prepare(b, settle, &pf, err);
    if (rc != 0)
        return rc;
    /* Flow i is w + i periods away, t_i = (w + i) / 2 years, discounted by g^-(w + i). The
     * derivatives are analytic (SIFMA standard formulas): dP/dy = -sum t c v / g and
     * d2P/dy2 = sum t (t + 1/2) c v / g^2, y a decimal. */
    double g = 1.0 + yield_pct / 100.0 / MF_UST_FREQUENCY;
    double price = 0.0, time_weighted = 0.0, convex = 0.0;
    for (size_t i = 0; i < pf.n; i++) {
        double periods = pf.w + (double)i, t = periods / MF_UST_FREQUENCY;
        double pv = pf.amount[i] * pow(g, -periods);
        price += pv;
        time_weighted += t * pv;
        convex += t * (t + 1.0 / MF_UST_FREQUENCY) * pv;
    }
    mf_ust_quote q;
    q.dirty_per_100 = price;
    q.accrued_per_100 = pf.accrued_per_100;
    q.clean_per_100 = price - pf.accrued_per_100;
    q.yield_pct = yield_pct;
    q.macaulay_years = time_weighted / price;
    q.modified_years = q.macaulay_years / g;
    q.convexity_years2 = convex / (price * g * g);
    q.dv01_per_100 = q.modified_years * price / BP_PER_UNIT;
    *out = q;
    return 0;
}

typedef struct yield_target {
    const priced_flows *pf;
    double dirty_per_100;
} yield_target;

static double dirty_gap(double yield_pct, void *ctx)
{
    const yield_target *t = ctx;
    return dirty_at(t->pf, yield_pct) - t->dirty_per_100;
}

int mf_ust_yield_from_clean(const mf_ust_bond *b, mf_date settle, double clean_per_100,
                            double *yield_pct, mf_error *err)
{
    if (!isfinite(clean_per_100) || clean_per_100 <= 0.0)
        return mf_error_set(err, MF_EINVAL, "clean_per_100 %g is not a positive price",
                            clean_per_100);
    priced_flows pf;
    int rc = prepare(b, settle, &pf, err);
    if (rc != 0)
        return rc;
    /* The price falls as the yield rises: the ends of the yield range bound what is
     * attainable. Checked here to name the range in the message. */
    double lo = dirty_at(&pf, MF_UST_YIELD_PCT_MAX) - pf.accrued_per_100;
    double hi = dirty_at(&pf, MF_UST_YIELD_PCT_MIN) - pf.accrued_per_100;
    if (clean_per_100 < lo || clean_per_100 > hi)
        return mf_error_set(err, MF_ERANGE,
                            "clean_per_100 %g outside the attainable range %.6f..%.6f (the "
                            "prices at yields of %g and %g percent)",
                            clean_per_100, lo, hi, MF_UST_YIELD_PCT_MAX, MF_UST_YIELD_PCT_MIN);
    yield_target t = {&pf, clean_per_100 + pf.accrued_per_100};
    double y;
    rc = mf_solve_brent(dirty_gap, &t, MF_UST_YIELD_PCT_MIN, MF_UST_YIELD_PCT_MAX, SOLVE_XTOL_PCT,
                        SOLVE_MAX_ITER, &y, NULL, err);
    if (rc != 0)
        return mf_error_prefix(err, "yield from clean_per_100 %g: ", clean_per_100);
    *yield_pct = y;
    return 0;
}

/* Bills: the days to maturity, 1..BILL_MAX_DAYS. */
static int bill_days(mf_date settle, mf_date maturity, double *days, mf_error *err)
{
    int rc = check_date(settle, "settle", err);
    if (rc == 0)
        rc = check_date(maturity, "maturity", err);
    if (rc != 0)
        return rc;
    char s[MF_DATE_ISO_SIZE], m[MF_DATE_ISO_SIZE];
    mf_date_format_iso(settle, s);
    mf_date_format_iso(maturity, m);
    if (maturity <= settle)
        return mf_error_set(err, MF_EINVAL, "maturity '%s' is not after settlement '%s'", m, s);
    if (maturity - settle > BILL_MAX_DAYS)
        return mf_error_set(err, MF_EINVAL,
                            "bill maturity '%s' is more than a year after settlement '%s'", m, s);
    *days = (double)(maturity - settle);
    return 0;
}

static int check_bill_price(double price_per_100, mf_error *err)
{
    if (!isfinite(price_per_100) || price_per_100 <= 0.0)
        return mf_error_set(err, MF_EINVAL, "price_per_100 %g is not a positive price",
                            price_per_100);
    return 0;
}

int mf_ust_bill_price_from_discount(mf_date settle, mf_date maturity, double discount_pct,
                                    double *price_per_100, mf_error *err)
{
    double days = 0.0;
    int rc = bill_days(settle, maturity, &days, err);
    if (rc == 0)
        rc = check_yield(discount_pct, "discount_pct", err);
    if (rc != 0)
        return rc;
    double price = 100.0 - discount_pct * days / 360.0; /* 100 (1 - d r / 360), d in percent */
    if (!(price > 0.0))
        return mf_error_set(err, MF_ERANGE,
                            "discount_pct %g leaves no positive price over %.0f days", discount_pct,
                            days);
    *price_per_100 = price;
    return 0;
}

int mf_ust_bill_discount_from_price(mf_date settle, mf_date maturity, double price_per_100,
                                    double *discount_pct, mf_error *err)
{
    double days = 0.0;
    int rc = bill_days(settle, maturity, &days, err);
    if (rc == 0)
        rc = check_bill_price(price_per_100, err);
    if (rc != 0)
        return rc;
    double d = (100.0 - price_per_100) * 360.0 / days;
    if ((rc = check_yield(d, "discount rate implied by price_per_100", err)) != 0)
        return rc;
    *discount_pct = d;
    return 0;
}

/* 366 when February 29 falls in (settle, settle + 1 year], else 365. */
static double year_basis(mf_date settle)
{
    int y, m, d;
    mf_date_to_ymd(settle, &y, &m, &d);
    int leap_year = (m > 2 || (m == 2 && d == 29)) ? y + 1 : y;
    if (!mf_date_is_leap_year(leap_year))
        return 365.0;
    mf_date feb29 = mf_date_ymd(leap_year, 2, 29);
    mf_date year_on = mf_date_ymd(y + 1, m, m == 2 && d == 29 ? 28 : d);
    return feb29 > settle && feb29 <= year_on ? 366.0 : 365.0;
}

int mf_ust_bill_investment_rate(mf_date settle, mf_date maturity, double price_per_100,
                                double *yield_pct, mf_error *err)
{
    double r = 0.0;
    int rc = bill_days(settle, maturity, &r, err);
    if (rc == 0)
        rc = check_bill_price(price_per_100, err);
    if (rc != 0)
        return rc;
    double y = year_basis(settle), p = price_per_100, i;
    if (r <= y / 2.0) {
        i = (100.0 - p) / p * (y / r); /* simple interest over the bill's life */
    } else {
        /* One semiannual coupon reinvested: P (1 + i/2)(1 + (r/y - 1/2) i) = 100. */
        double a = r / y, k = 2.0 * a - 1.0;
        double disc = a * a - k * (1.0 - 100.0 / p);
        if (disc < 0.0)
            return mf_error_set(err, MF_ERANGE, "price_per_100 %g has no investment rate", p);
        i = (-2.0 * a + 2.0 * sqrt(disc)) / k;
    }
    i *= 100.0;
    if ((rc = check_yield(i, "investment rate implied by price_per_100", err)) != 0)
        return rc;
    *yield_pct = i;
    return 0;
}
