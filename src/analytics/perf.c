/*
 * perf.c - performance and risk metrics of a return series (perf.h). One pass for wealth and
 * drawdowns, the moments from stats.h, one sort for the quantiles.
 */
#include "analytics/perf.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "analytics/stats.h"

void mf_perf_max_drawdown(const double *r, size_t n, mf_perf_drawdown *out)
{
    mf_perf_drawdown d = {.max_drawdown = NAN,
                          .peak = MF_PERF_NONE,
                          .trough = MF_PERF_NONE,
                          .recovery = MF_PERF_NONE,
                          .duration = 0,
                          .longest_duration = 0,
                          .current_duration = 0};
    double w = 1.0, hwm = 1.0;
    size_t hwm_idx = MF_PERF_NONE, run = 0, m = 0;
    int worst_open = 0; /* the worst drawdown so far is the current, unrecovered one */
    for (size_t i = 0; i < n; i++) {
        if (isnan(r[i]))
            continue;
        if (m++ == 0)
            d.max_drawdown = 0.0;
        w *= 1.0 + r[i];
        if (w >= hwm) {
            if (worst_open) {
                d.recovery = i;
                d.duration = run;
                worst_open = 0;
            }
            hwm = w;
            hwm_idx = i;
            run = 0;
            continue;
        }
        run++;
        if (run > d.longest_duration)
            d.longest_duration = run;
        double dd = 1.0 - w / hwm;
        if (dd > d.max_drawdown) {
            d.max_drawdown = dd;
            d.trough = i;
            d.peak = hwm_idx;
            d.recovery = MF_PERF_NONE;
            worst_open = 1;
        }
    }
    if (worst_open)
        d.duration = run;
    d.current_duration = run;
    *out = d;
}

static const mf_perf_var var_nan = {NAN, NAN, NAN};

static int bad_level(double alpha)
{
    return !(alpha > 0.0 && alpha < 1.0);
}

mf_perf_var mf_perf_var_historical(const double *r, size_t n, double alpha, double *work)
{
    mf_perf_var v = var_nan;
    v.level = alpha;
    if (bad_level(alpha))
        return v;
    size_t m = mf_stats_sort_finite(r, n, work);
    if (m == 0)
        return v;
    double q = mf_stats_quantile_sorted(work, m, 1.0 - alpha);
    double sum = 0.0;
    size_t k = 0;
    for (; k < m && work[k] <= q; k++) /* sorted: the tail is a prefix */
        sum += work[k];
    v.var = -q;
    v.cvar = -(sum / (double)k);
    return v;
}

mf_perf_var mf_perf_var_normal(double mu, double sigma, double alpha)
{
    mf_perf_var v = var_nan;
    v.level = alpha;
    if (bad_level(alpha) || isnan(mu) || isnan(sigma))
        return v;
    double p = 1.0 - alpha, z = gsl_cdf_ugaussian_Pinv(p);
    v.var = -(mu + sigma * z);
    v.cvar = -(mu - sigma * gsl_ran_ugaussian_pdf(z) / p);
    return v;
}

mf_perf_var mf_perf_var_cornish_fisher(double mu, double sigma, double skew, double exkurt,
                                       double alpha)
{
    mf_perf_var v = var_nan;
    v.level = alpha;
    if (bad_level(alpha) || isnan(mu) || isnan(sigma) || isnan(skew) || isnan(exkurt))
        return v;
    double p = 1.0 - alpha, z = gsl_cdf_ugaussian_Pinv(p), s = skew, k = exkurt;
    double z2 = z * z, z3 = z2 * z;
    double zcf =
        z + (z2 - 1.0) * s / 6.0 + (z3 - 3.0 * z) * k / 24.0 - (2.0 * z3 - 5.0 * z) * s * s / 36.0;
    double phi = gsl_ran_ugaussian_pdf(z);
    double i1 = -phi, i2 = p - z * phi, i3 = -(z2 + 2.0) * phi;
    double e = (i1 + (i2 - p) * s / 6.0 + (i3 - 3.0 * i1) * k / 24.0 -
                (2.0 * i3 - 5.0 * i1) * s * s / 36.0) /
               p;
    v.var = -(mu + sigma * zcf);
    v.cvar = -(mu + sigma * e);
    return v;
}

static int check_opts(const mf_perf_opts *o, mf_error *err)
{
    if (o == NULL)
        return mf_error_set(err, MF_EINVAL, "metrics: no options");
    if (!(o->periods_per_year > 0.0) || !isfinite(o->periods_per_year))
        return mf_error_set(err, MF_EINVAL, "metrics: periods per year %g is not positive",
                            o->periods_per_year);
    if (!(o->rf_annual > -1.0) || !isfinite(o->rf_annual))
        return mf_error_set(err, MF_EINVAL, "metrics: risk-free rate %g is not above -1",
                            o->rf_annual);
    return 0;
}

/* The per-period risk-free rate. */
static double rf_period(const mf_perf_opts *o)
{
    return pow(1.0 + o->rf_annual, 1.0 / o->periods_per_year) - 1.0;
}

int mf_perf_compute(const double *r, size_t n, const mf_perf_opts *opts, const double *levels,
                    size_t nlevels, double *work, mf_perf *out, mf_error *err)
{
    int rc = check_opts(opts, err);
    if (rc != 0)
        return rc;
    if (n > 0 && (r == NULL || work == NULL))
        return mf_error_set(err, MF_EINVAL, "metrics: no returns or no work buffer");
    if (nlevels > MF_PERF_MAX_LEVELS || (nlevels > 0 && levels == NULL))
        return mf_error_set(err, MF_EINVAL, "metrics: %zu VaR levels (at most %d)", nlevels,
                            MF_PERF_MAX_LEVELS);
    for (size_t i = 0; i < nlevels; i++)
        if (bad_level(levels[i]))
            return mf_error_set(err, MF_EINVAL, "metrics: VaR level %g outside (0, 1)", levels[i]);
    for (size_t i = 0; i < n; i++)
        if (isinf(r[i]) || r[i] < -1.0)
            return mf_error_set(err, MF_EINVAL, "metrics: return %g at index %zu is %s", r[i], i,
                                isinf(r[i]) ? "infinite" : "below -1 (a loss above 100%)");

    const double P = opts->periods_per_year, rf = rf_period(opts);
    mf_perf p;
    memset(&p, 0, sizeof p);
    mf_stats_summary s;
    mf_stats_describe(r, n, &s);
    p.count = s.count;
    p.mean_ann = s.mean * P;
    p.vol_ann = s.std_sample * sqrt(P);
    p.skew = s.skew_adj;
    p.kurt = s.kurt_adj;
    p.best = s.max;
    p.worst = s.min;
    mf_perf_max_drawdown(r, n, &p.drawdown);

    double w = 1.0, gains = 0.0, losses = 0.0, down2 = 0.0;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(r[i]))
            continue;
        w *= 1.0 + r[i];
        if (r[i] > 0.0) {
            hits++;
            gains += r[i];
        } else if (r[i] < 0.0) {
            losses -= r[i];
        }
        double e = r[i] - rf;
        if (e < 0.0)
            down2 += e * e;
    }
    double m = (double)s.count, excess = s.mean - rf;
    p.total_return = s.count ? w - 1.0 : NAN;
    p.cagr = s.count && w > 0.0 ? pow(w, P / m) - 1.0 : NAN;
    p.sharpe = s.std_sample > 0.0 ? excess / s.std_sample * sqrt(P) : NAN;
    double dd = s.count ? sqrt(down2 / m) : NAN;
    p.sortino = dd > 0.0 ? excess * P / (dd * sqrt(P)) : NAN;
    p.calmar = p.drawdown.max_drawdown > 0.0 ? p.cagr / p.drawdown.max_drawdown : NAN;
    p.hit_rate = s.count ? (double)hits / m : NAN;
    p.profit_factor = losses > 0.0 ? gains / losses : NAN;

    size_t ms = mf_stats_sort_finite(r, n, work);
    double q95 = mf_stats_quantile_sorted(work, ms, 0.95);
    double q05 = mf_stats_quantile_sorted(work, ms, 0.05);
    p.tail_ratio = q05 != 0.0 && !isnan(q05) ? fabs(q95) / fabs(q05) : NAN;

    p.nlevels = nlevels;
    for (size_t i = 0; i < nlevels; i++) {
        p.var_hist[i] = mf_perf_var_historical(r, n, levels[i], work);
        p.var_normal[i] = mf_perf_var_normal(s.mean, s.std_sample, levels[i]);
        p.var_cf[i] =
            mf_perf_var_cornish_fisher(s.mean, s.std_sample, s.skew_adj, s.kurt_adj, levels[i]);
    }
    *out = p;
    return 0;
}

int mf_perf_vs_benchmark(const double *r, const double *b, size_t n, const mf_perf_opts *opts,
                         mf_perf_bench *out, mf_error *err)
{
    int rc = check_opts(opts, err);
    if (rc != 0)
        return rc;
    if (n > 0 && (r == NULL || b == NULL))
        return mf_error_set(err, MF_EINVAL, "metrics: no returns or no benchmark");
    const double P = opts->periods_per_year, rf = rf_period(opts);
    mf_perf_bench o = {0, NAN, NAN, NAN, NAN, NAN, NAN};
    size_t m = 0;
    double cov = mf_stats_cov2(r, b, n, 1, &m);
    o.count = m;
    o.correlation = mf_stats_corr2(r, b, n, NULL);
    /* the active return and the means, over the complete pairs only */
    double sr = 0.0, sb = 0.0, sa = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(r[i]) && !isnan(b[i])) {
            sr += r[i];
            sb += b[i];
            sa += r[i] - b[i];
        }
    if (m > 0) {
        double fm = (double)m, mr = sr / fm, mb = sb / fm, ma = sa / fm;
        /* var(b) over the complete pairs: a benchmark NaN where r is defined is skipped too */
        double s1 = 0.0, s2 = 0.0, a1 = 0.0, a2 = 0.0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(r[i]) && !isnan(b[i])) {
                double d = b[i] - mb, da = (r[i] - b[i]) - ma;
                s1 += d;
                s2 += d * d;
                a1 += da;
                a2 += da * da;
            }
        if (m >= 2) {
            double var_b = (s2 - s1 * s1 / fm) / (fm - 1.0);
            double var_a = (a2 - a1 * a1 / fm) / (fm - 1.0);
            o.beta = var_b > 0.0 ? cov / var_b : NAN;
            o.alpha_ann = ((mr - rf) - o.beta * (mb - rf)) * P;
            o.tracking_error = sqrt(var_a > 0.0 ? var_a : 0.0) * sqrt(P);
            o.information_ratio = o.tracking_error > 0.0 ? ma * P / o.tracking_error : NAN;
        }
        o.excess_return_ann = ma * P;
    }
    *out = o;
    return 0;
}
