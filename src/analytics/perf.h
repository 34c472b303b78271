/*
 * perf.h - performance and risk metrics of a return series: annualised return and volatility,
 * Sharpe, Sortino, drawdowns, Calmar, hit rate, profit factor, tail ratio, moments, value at
 * risk and expected shortfall (historical, Gaussian, Cornish-Fisher) at any level, and beta,
 * correlation, tracking error and information ratio against a benchmark.
 *
 * Exports: mf_perf_opts (with MF_PERF_OPTS_DEFAULT), mf_perf_drawdown and
 * mf_perf_max_drawdown(), mf_perf_var with mf_perf_var_historical(), mf_perf_var_normal(),
 * mf_perf_var_cornish_fisher(), mf_perf and mf_perf_compute(), mf_perf_bench and
 * mf_perf_vs_benchmark().
 *
 * Conventions (docs/analytics-stats.md has every formula):
 * - Returns are simple (arithmetic) returns as decimals per period: 0.01 is +1%. Wealth
 *   compounds them: W_t = prod_{s<=t} (1 + r_s), W_0 = 1 before the first.
 * - NaN is a missing period and is skipped: it neither counts as an observation nor moves
 *   wealth. m is the count of non-NaN returns. Inputs must be finite or NaN.
 * - periods_per_year (252 for daily business-day returns) annualises: means times P, standard
 *   deviations times sqrt(P), compounded returns to the power P / m.
 * - Standard deviations are sample ones (divisor m - 1).
 * - The risk-free rate rf is an annual decimal rate compounded annually, turned into a
 *   per-period rate rf_p = (1 + rf)^(1/P) - 1 that is subtracted from each return for
 *   Sharpe, Sortino and alpha (it is also the Sortino target).
 * - Losses are positive numbers: max_drawdown 0.25 is a 25% fall from peak; VaR and CVaR are
 *   positive when the quantile is a loss (VaR_95 0.02: 5% of periods lose more than 2%).
 * - Durations count observations (non-missing periods), not calendar days.
 * - A metric that is undefined for the data is NaN, with the reason stated at its field.
 */
#ifndef MF_ANALYTICS_PERF_H
#define MF_ANALYTICS_PERF_H

#include <stddef.h>

#include "core/error.h"

/* Most VaR levels one mf_perf_compute() call evaluates. */
#define MF_PERF_MAX_LEVELS 8

/* How to annualise and what to compare against. */
typedef struct mf_perf_opts {
    double periods_per_year; /* P > 0: 252 for daily, 52 weekly, 12 monthly */
    double rf_annual;        /* annual risk-free rate, decimal, annual compounding; > -1 */
} mf_perf_opts;

#define MF_PERF_OPTS_DEFAULT ((mf_perf_opts){.periods_per_year = 252.0, .rf_annual = 0.0})

/* The index used for "none" in the drawdown fields. */
#define MF_PERF_NONE ((size_t)-1)

/*
 * Drawdowns of the wealth W_t built from the non-NaN returns, relative to the running peak
 * H_t = max(1, max_{s<=t} W_s) (the starting wealth 1 is a peak): DD_t = 1 - W_t / H_t.
 * Indices are positions in the caller's array (missing periods included in the numbering).
 */
typedef struct mf_perf_drawdown {
    double max_drawdown;     /* max_t DD_t, in [0, +inf) (above 1 only if wealth went negative);
                                0 when wealth never fell below a peak, NaN when m is 0 */
    size_t peak;             /* index of the last return before the worst trough at which wealth
                                stood at the peak; MF_PERF_NONE when the peak is the starting
                                wealth (before the first return) or there is no drawdown */
    size_t trough;           /* index of the return at the worst trough; MF_PERF_NONE when none */
    size_t recovery;         /* index of the first return after the trough with W >= the peak's
                                wealth; MF_PERF_NONE when not recovered by the end (or none) */
    size_t duration;         /* the worst drawdown's length in observations under water: from the
                                one after its peak up to the one before recovery, or to the last
                                observation when not recovered (0 when no drawdown) */
    size_t longest_duration; /* the longest run of consecutive observations under water
                                (DD_t > 0) of any drawdown, recovered or not */
    size_t current_duration; /* observations under water at the end (0 when at a peak) */
} mf_perf_drawdown;

/* Fills *out for r[0..n) (NaN skipped). Never fails. */
void mf_perf_max_drawdown(const double *r, size_t n, mf_perf_drawdown *out);

/* Value at risk and expected shortfall at one confidence level. */
typedef struct mf_perf_var {
    double level; /* confidence alpha in (0, 1), e.g. 0.95 */
    double var;   /* VaR: minus the (1 - alpha)-quantile of the return */
    double cvar;  /* CVaR (expected shortfall): minus the mean return in that tail */
} mf_perf_var;

/*
 * Historical: q = the (1 - alpha)-quantile of the non-NaN returns by numpy's linear
 * interpolation (stats.h), var = -q, cvar = -mean{r_i : r_i <= q} (the observed returns at or
 * beyond the quantile; the smallest return always qualifies). NaN when m is 0 or alpha is
 * outside (0, 1). work holds n doubles.
 */
mf_perf_var mf_perf_var_historical(const double *r, size_t n, double alpha, double *work);

/*
 * Gaussian (parametric): with mean mu, sample standard deviation sigma, z = Phi^-1(1 - alpha)
 * and phi the normal density: var = -(mu + sigma z), cvar = -(mu - sigma phi(z) / (1 - alpha)).
 * NaN when mu or sigma is NaN or alpha is outside (0, 1).
 */
mf_perf_var mf_perf_var_normal(double mu, double sigma, double alpha);

/*
 * Cornish-Fisher (modified) VaR (Zangari, RiskMetrics Monitor 1996; Favre and Galeano 2002):
 * with S the skewness and K the excess kurtosis, the quantile z of the normal is replaced by
 *   z_cf(z) = z + (z^2 - 1) S / 6 + (z^3 - 3z) K / 24 - (2z^3 - 5z) S^2 / 36
 * and var = -(mu + sigma z_cf(z)). The CVaR averages that quantile function over the tail,
 * cvar = -(mu + sigma E), E = (1 / (1 - alpha)) integral_0^(1-alpha) z_cf(Phi^-1(u)) du, in
 * closed form from the truncated normal moments (x < z, p = 1 - alpha):
 *   I1 = -phi(z), I2 = p - z phi(z), I3 = -(z^2 + 2) phi(z),
 *   p E = I1 + (I2 - p) S / 6 + (I3 - 3 I1) K / 24 - (2 I3 - 5 I1) S^2 / 36
 * (the "Cornish-Fisher ES" of Maillard, "A user's guide to the Cornish Fisher expansion",
 * 2012, section 4). The expansion is only monotone for moderate S and K; this returns what the
 * formula gives. NaN when any input is NaN or alpha is outside (0, 1).
 */
mf_perf_var mf_perf_var_cornish_fisher(double mu, double sigma, double skew, double exkurt,
                                       double alpha);

/* Every metric of one return series. */
typedef struct mf_perf {
    size_t count;        /* m: non-NaN returns */
    double total_return; /* W_m - 1 */
    double cagr;         /* annualised compounded return W_m^(P/m) - 1; NaN when W_m <= 0
                            (a total loss has no geometric annual rate) or m is 0 */
    double mean_ann;     /* arithmetic mean return times P */
    double vol_ann;      /* sample standard deviation times sqrt(P); NaN when m < 2 */
    double sharpe;       /* mean(r - rf_p) / sd(r) sqrt(P); NaN when m < 2 or sd is 0 */
    double sortino;      /* mean(r - rf_p) P / (DD sqrt(P)), downside deviation
                            DD = sqrt(sum min(r - rf_p, 0)^2 / m) over all m periods
                            (Sortino and Price 1994, target rf_p); NaN when DD is 0 */
    mf_perf_drawdown drawdown;
    double calmar;        /* cagr / max_drawdown over the whole sample (Young 1991 uses 36
                             months; we use all of them); NaN when max_drawdown is 0 */
    double hit_rate;      /* share of periods with r > 0 (a zero return is not a hit) */
    double profit_factor; /* sum of r > 0 / |sum of r < 0|; NaN when no period lost */
    double tail_ratio;    /* |q_0.95| / |q_0.05| (linear quantiles); NaN when q_0.05 is 0 */
    double skew;          /* adjusted skewness G1 (stats.h); NaN when m < 3 or sd is 0 */
    double kurt;          /* adjusted excess kurtosis G2; NaN when m < 4 or sd is 0 */
    double best, worst;   /* largest and smallest return */
    size_t nlevels;
    mf_perf_var var_hist[MF_PERF_MAX_LEVELS]; /* at levels[i] */
    mf_perf_var var_normal[MF_PERF_MAX_LEVELS];
    mf_perf_var var_cf[MF_PERF_MAX_LEVELS]; /* with the adjusted skew and kurtosis above */
} mf_perf;

/*
 * Computes every metric of r[0..n) at the VaR levels levels[0..nlevels) (each in (0, 1)).
 * work holds n doubles. MF_EINVAL when r or work is NULL with n > 0, nlevels is above
 * MF_PERF_MAX_LEVELS, a level is outside (0, 1), periods_per_year <= 0 or rf_annual <= -1
 * (the message names which), or a return is infinite or below -1 (a simple return cannot lose
 * more than everything: the message gives its index). An empty or all-NaN series is not an
 * error: every metric is NaN and count 0. *out is written only on success.
 */
int mf_perf_compute(const double *r, size_t n, const mf_perf_opts *opts, const double *levels,
                    size_t nlevels, double *work, mf_perf *out, mf_error *err);

/* Metrics against a benchmark, over the periods where both returns are non-NaN. */
typedef struct mf_perf_bench {
    size_t count;             /* complete pairs used */
    double beta;              /* cov(r, b) / var(b); NaN when var(b) is 0 or count < 2 */
    double alpha_ann;         /* Jensen: (mean(r - rf_p) - beta mean(b - rf_p)) P */
    double correlation;       /* Pearson; NaN when either is constant */
    double tracking_error;    /* sd(r - b) sqrt(P), sample; NaN when count < 2 */
    double information_ratio; /* mean(r - b) P / tracking_error; NaN when it is 0 */
    double excess_return_ann; /* mean(r - b) P */
} mf_perf_bench;

/*
 * Fills *out for r[0..n) against b[0..n) (already aligned by date: same index, same period).
 * MF_EINVAL when a pointer is NULL with n > 0 or the options are invalid as above.
 */
int mf_perf_vs_benchmark(const double *r, const double *b, size_t n, const mf_perf_opts *opts,
                         mf_perf_bench *out, mf_error *err);

#endif
