/*
 * curve_real.c - the BRL real zero curve from NTN-B yields and breakeven inflation (see
 * curve_real.h).
 *
 * The bootstrap goes bond by bond in maturity order. With nodes (t_k, ln DF_k) known up to
 * the previous maturity t_p (and (0, 0) implied), a bond's flows at t <= t_p are discounted on
 * those nodes; the flows in (t_p, t_i] lie on the new flat-forward segment,
 *     ln DF(t) = l_p + (x - l_p) * (t - t_p) / (t_i - t_p),   x = ln DF_i,
 * so the bond's price is increasing in x, and Brent's method finds the x that gives the
 * target. x >= l_p (a discount factor that does not fall) is refused: it is the case when even
 * x = l_p prices the bond below its target.
 */
#include "analytics/curve_real.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "analytics/br_bonds.h"
#include "analytics/solve.h"

/* Most flows of one bond: semiannual from 1990 to 2099 is 220. */
#define MAX_FLOWS 256

/* ln DF tolerance of the node solver, and its evaluation cap. */
#define NODE_XTOL     1e-14
#define NODE_MAX_ITER 200

/* The flows of one NTN-B seen from the curve date, in date order. */
typedef struct flows {
    size_t m;
    int32_t du[MAX_FLOWS];
    double cf[MAX_FLOWS]; /* per 100 of VNA */
} flows;

static const char *name_of(const mf_ntnb_quote *q, char buf[32])
{
    char day[MF_DATE_ISO_SIZE];
    if (q->name)
        return q->name;
    snprintf(buf, 32, "NTN-B %s", mf_date_format_iso(q->maturity, day));
    return buf;
}

/* ANBIMA's exponent du/252 rounded to 14 decimals (br_bonds.c, R1). */
static double exponent_252(int32_t du)
{
    return round((double)du / 252.0 * 1e14) / 1e14;
}

/*
 * Checks maturity (a 15 Feb/May/Aug/Nov after curve_date) and lists the bond's flows after
 * curve_date. Messages start with what is wrong; the caller prefixes the quote.
 */
static int ntnb_flows(const mf_calendar *cal, mf_date curve_date, mf_date maturity, flows *f,
                      mf_error *err)
{
    char m[MF_DATE_ISO_SIZE], c[MF_DATE_ISO_SIZE];
    f->m = 0;
    if (!(mf_date_day(maturity) == 15 && mf_date_month(maturity) % 3 == 2))
        return mf_error_set(err, MF_EINVAL,
                            "maturity %s is not a 15 February, May, August or November",
                            mf_date_format_iso(maturity, m));
    if (maturity <= curve_date)
        return mf_error_set(err, MF_EINVAL, "maturity %s is not after the curve date %s",
                            mf_date_format_iso(maturity, m), mf_date_format_iso(curve_date, c));
    /* count the coupon dates first: the flows are stored in date order */
    size_t count = 0;
    for (;;) {
        mf_date d;
        int rc = mf_date_add_months(maturity, -6 * (int32_t)count, false, &d, err);
        if (rc)
            return rc;
        if (d <= curve_date)
            break;
        if (++count > MAX_FLOWS)
            return mf_error_set(err, MF_EINVAL, "maturity %s has more than %d coupons to go",
                                mf_date_format_iso(maturity, m), MAX_FLOWS);
    }
    for (size_t k = 0; k < count; k++) {
        mf_date d;
        int rc = mf_date_add_months(maturity, -6 * (int32_t)(count - 1 - k), false, &d, err);
        if (!rc)
            rc = mf_calendar_bizdays(cal, curve_date, d, &f->du[k], err);
        if (rc)
            return rc;
        f->cf[k] = MF_BR_NTNB_COUPON_PCT + (k == count - 1 ? 100.0 : 0.0);
    }
    f->m = count;
    return 0;
}

/*
 * ln DF at time x on the nodes (t[0..k), l[0..k)) with (0, 0) implied, flat-forward; only
 * called for 0 <= x <= t[k-1] (or k = 0 and x = 0). *seg is a hint that only moves forward.
 */
static double logdf_known(const double *t, const double *l, size_t k, double x, size_t *seg)
{
    while (*seg < k && t[*seg] < x)
        (*seg)++;
    if (*seg == k) /* x beyond the last node: not reached (flows there are on the new segment) */
        return k ? l[k - 1] : 0.0;
    double t0 = *seg ? t[*seg - 1] : 0.0, l0 = *seg ? l[*seg - 1] : 0.0;
    return l0 + (l[*seg] - l0) * (x - t0) / (t[*seg] - t0);
}

/* What the node solver needs: the flows on the new segment and the rest of the price. */
typedef struct segment {
    const double *cf, *w; /* flows on the new segment and their weights (t - t_p)/(t_i - t_p) */
    size_t m;
    double lp;     /* ln DF at the previous node */
    double known;  /* the price of the flows up to the previous node */
    double target; /* the bond's price at its yield */
} segment;

static double segment_gap(double x, void *ctx)
{
    const segment *s = ctx;
    double sum = s->known;
    for (size_t j = 0; j < s->m; j++)
        sum += s->cf[j] * exp(s->lp + (x - s->lp) * s->w[j]);
    return sum - s->target;
}

static int check_quote(const mf_ntnb_quote *q, char name[32], mf_error *err)
{
    if (!isfinite(q->yield_pct) || q->yield_pct < MF_REAL_YIELD_PCT_MIN ||
        q->yield_pct > MF_REAL_YIELD_PCT_MAX)
        return mf_error_set(err, MF_EINVAL, "%s: yield %.6g%% is outside %g..%g %% a year",
                            name_of(q, name), q->yield_pct, MF_REAL_YIELD_PCT_MIN,
                            MF_REAL_YIELD_PCT_MAX);
    return 0;
}

int mf_real_curve_build(const mf_calendar *cal, mf_date curve_date, const mf_ntnb_quote *quotes,
                        size_t n, mf_curve *curve, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE], other[MF_DATE_ISO_SIZE], name[32];
    bool business = false;
    int rc = mf_calendar_is_business_day(cal, curve_date, &business, err);
    if (rc)
        return rc;
    if (!business)
        return mf_error_set(err, MF_EINVAL, "curve date '%s' is not a business day",
                            mf_date_format_iso(curve_date, day));
    if (n == 0 || n > MF_REAL_MAX_QUOTES)
        return mf_error_set(err, MF_EINVAL, "%zu NTN-B quotes on %s: need 1 to %d", n,
                            mf_date_format_iso(curve_date, day), MF_REAL_MAX_QUOTES);
    double t[MF_REAL_MAX_QUOTES], l[MF_REAL_MAX_QUOTES], df[MF_REAL_MAX_QUOTES];
    double w[MAX_FLOWS] = {0}; /* zeroed: the analyzer cannot see that the loop fills it */
    flows f;
    for (size_t i = 0; i < n; i++) {
        const mf_ntnb_quote *q = &quotes[i];
        if ((rc = check_quote(q, name, err)) != 0)
            return rc;
        if (i > 0 && q->maturity <= quotes[i - 1].maturity)
            return mf_error_set(err, MF_EINVAL, "%s: maturity %s is not after %s (%s)",
                                name_of(q, name), mf_date_format_iso(q->maturity, day),
                                mf_date_format_iso(quotes[i - 1].maturity, other),
                                q->maturity == quotes[i - 1].maturity ? "a duplicate"
                                                                      : "quotes must be sorted");
        if ((rc = ntnb_flows(cal, curve_date, q->maturity, &f, err)) != 0) {
            mf_error_prefix(err, "%s: ", name_of(q, name));
            return rc;
        }
        /* the target: the cotação at the yield before ANBIMA's truncation */
        double target = 0.0;
        for (size_t j = 0; j < f.m; j++)
            target += f.cf[j] * pow(1.0 + q->yield_pct / 100.0, -exponent_252(f.du[j]));
        double tp = i ? t[i - 1] : 0.0, lp = i ? l[i - 1] : 0.0;
        double ti = f.du[f.m - 1] / 252.0;
        segment s = {f.cf, w, 0, lp, 0.0, target};
        size_t seg = 0, first_new = f.m;
        for (size_t j = 0; j < f.m; j++) {
            double tj = f.du[j] / 252.0;
            if (tj <= tp) {
                s.known += f.cf[j] * exp(logdf_known(t, l, i, tj, &seg));
            } else {
                if (first_new == f.m)
                    first_new = j;
                w[j - first_new] = (tj - tp) / (ti - tp);
            }
        }
        s.cf = f.cf + first_new;
        s.m = f.m - first_new;
        /* ln DF must fall: at x = lp the price is the highest a falling DF can give */
        if (segment_gap(lp, &s) <= 0.0)
            return mf_error_set(err, MF_EINVAL,
                                "%s: yield %.6g%% implies a discount factor at %s not below the "
                                "previous node's %.10g (a negative real forward rate)",
                                name_of(q, name), q->yield_pct,
                                mf_date_format_iso(q->maturity, day), exp(lp));
        /* a real rate of 1000 % a year over the segment is far beyond any accepted yield */
        double lo = lp - log(11.0) * (ti - tp) - 50.0, x = 0.0;
        rc = mf_solve_brent(segment_gap, &s, lo, lp, NODE_XTOL, NODE_MAX_ITER, &x, NULL, err);
        if (rc) {
            mf_error_prefix(err, "%s: ", name_of(q, name));
            return rc;
        }
        t[i] = ti;
        l[i] = x;
        df[i] = exp(x);
    }
    return mf_curve_set(curve, t, df, n, MF_INTERP_FLAT_FORWARD, err);
}

int mf_real_curve_cotacao(const mf_calendar *cal, mf_date curve_date, mf_date maturity,
                          const mf_curve *curve, double *cotacao_pct, mf_error *err)
{
    flows f;
    int rc = ntnb_flows(cal, curve_date, maturity, &f, err);
    if (rc)
        return rc;
    double sum = 0.0;
    for (size_t j = 0; j < f.m; j++)
        sum += f.cf[j] * mf_curve_df(curve, f.du[j] / 252.0);
    *cotacao_pct = sum;
    return 0;
}

int mf_breakeven_pct(const mf_curve *pre, const mf_curve *real, int32_t du, double *breakeven_pct,
                     mf_error *err)
{
    if (du < 1)
        return mf_error_set(err, MF_EINVAL, "breakeven tenor du %d is below 1 business day",
                            (int)du);
    double t = du / 252.0;
    double pre_rate = mf_curve_zero(pre, t, MF_COMPOUNDING_ANNUAL);
    double real_rate = mf_curve_zero(real, t, MF_COMPOUNDING_ANNUAL);
    *breakeven_pct = ((1.0 + pre_rate) / (1.0 + real_rate) - 1.0) * 100.0;
    return 0;
}

int mf_breakeven_node_dfs(const mf_calendar *cal, mf_date curve_date, const mf_curve *pre,
                          const mf_curve *real, const mf_date *maturity, size_t n, double *df,
                          mf_error *err)
{
    for (size_t i = 0; i < n; i++) {
        int32_t du = 0;
        double be_pct = 0.0;
        int rc = mf_calendar_bizdays(cal, curve_date, maturity[i], &du, err);
        if (rc == 0)
            rc = mf_breakeven_pct(pre, real, du, &be_pct, err);
        if (rc != 0)
            return rc;
        df[i] = pow(1.0 + be_pct / 100.0, -(du / 252.0));
    }
    return 0;
}
