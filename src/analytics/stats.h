/*
 * stats.h - descriptive and robust statistics of samples, and covariance matrices: the
 * building blocks of the performance metrics (perf.h), regressions (regress.h) and PCA (pca.h).
 *
 * Exports: mf_stats_count(), mf_stats_sum(), mf_stats_mean(), mf_stats_var(), mf_stats_std(),
 * mf_stats_skew(), mf_stats_kurt(), mf_stats_describe() into mf_stats_summary;
 * mf_stats_sort_finite(), mf_stats_quantile_sorted(), mf_stats_quantile(), mf_stats_median(),
 * mf_stats_mad(); pairwise mf_stats_cov2(), mf_stats_corr2(); matrices mf_stats_cov(),
 * mf_stats_corr(), mf_stats_cov_ewma(), mf_stats_cov_ledoit_wolf().
 *
 * Missing values: NaN means missing and every function here skips it (pandas' skipna). The
 * one-sample functions use the non-NaN values; the two-sample and matrix functions use the
 * rows where every column is non-NaN (listwise deletion), and say how many they used.
 * Infinities are not data: callers reject them at input (series.h does).
 *
 * Undefined results are NaN, never a crash: an empty sample gives NaN for everything; a
 * variance needs more values than its ddof; skewness and kurtosis need a non-zero variance
 * (a sample whose values are all equal has variance exactly 0 and NaN skew and kurtosis:
 * the standardised moments divide 0 by 0) and, bias-adjusted, 3 and 4 values. Each function
 * says which.
 *
 * Accuracy: sums are Neumaier-compensated; variance and higher moments are two-pass (mean
 * first, then sums of powers of the deviations, with the first-order correction of the
 * mean's rounding), so they do not suffer the cancellation of sum-of-squares formulas.
 *
 * Nothing here allocates except where a function says so; the quantile functions take a
 * caller's work buffer. Everything is reentrant.
 */
#ifndef MF_ANALYTICS_STATS_H
#define MF_ANALYTICS_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* The normal-consistency factor of the MAD: 1 / Phi^-1(3/4) (scipy's scale='normal'). */
#define MF_STATS_MAD_NORMAL 1.482602218505602

/* Most columns the matrix functions accept (a cap on the buffers they size by k). */
#define MF_STATS_MAX_COLS 512

/* ---- one sample ------------------------------------------------------------------------- */

/* Number of non-NaN values in x[0..n). */
size_t mf_stats_count(const double *x, size_t n);

/* Neumaier-compensated sum of the non-NaN values; 0 for none (numpy's nansum). */
double mf_stats_sum(const double *x, size_t n);

/* Arithmetic mean of the non-NaN values; NaN when there are none. */
double mf_stats_mean(const double *x, size_t n);

/*
 * Variance of the non-NaN values with divisor m - ddof, m their count: ddof 0 is the
 * population (maximum-likelihood) variance, ddof 1 the unbiased sample variance (numpy
 * var(ddof=), pandas var() is ddof 1). NaN when m <= ddof. Exactly 0 when all values are
 * equal.
 */
double mf_stats_var(const double *x, size_t n, unsigned ddof);

/* sqrt(mf_stats_var(x, n, ddof)). */
double mf_stats_std(const double *x, size_t n, unsigned ddof);

/*
 * Skewness of the non-NaN values, with m their count, d_i = x_i - mean and central moments
 * m_r = sum(d^r) / m:
 *   population (adjusted false): g1 = m3 / m2^(3/2)           (scipy skew(bias=True))
 *   adjusted   (adjusted true):  G1 = g1 sqrt(m (m - 1)) / (m - 2)
 *                                       (the Fisher-Pearson adjusted coefficient: scipy
 *                                        skew(bias=False), pandas skew(), Excel SKEW)
 * NaN when m2 is 0 (all values equal), when m < 2, or adjusted with m < 3.
 */
double mf_stats_skew(const double *x, size_t n, bool adjusted);

/*
 * Excess kurtosis (0 for a normal distribution) of the non-NaN values, notation as above:
 *   population (adjusted false): g2 = m4 / m2^2 - 3           (scipy kurtosis(bias=True))
 *   adjusted   (adjusted true):  G2 = ((m + 1) g2 + 6) (m - 1) / ((m - 2) (m - 3))
 *                                       (scipy kurtosis(bias=False), pandas kurt(), Excel KURT)
 * NaN when m2 is 0, when m < 2, or adjusted with m < 4.
 */
double mf_stats_kurt(const double *x, size_t n, bool adjusted);

/* All of the above at once (two passes over x). */
typedef struct mf_stats_summary {
    size_t count;              /* non-NaN values */
    double mean;               /* NaN when count is 0 */
    double var_pop;            /* ddof 0 */
    double var_sample;         /* ddof 1 */
    double std_sample;         /* sqrt(var_sample) */
    double skew_pop, skew_adj; /* g1, G1 */
    double kurt_pop, kurt_adj; /* g2, G2 (excess) */
    double min, max;           /* NaN when count is 0 */
} mf_stats_summary;

/* Fills *out with the statistics of the non-NaN values of x[0..n). Never fails. */
void mf_stats_describe(const double *x, size_t n, mf_stats_summary *out);

/*
 * Copies the non-NaN values of x[0..n) into work[0..m) in increasing order and returns m.
 * work holds at least n doubles (it may not alias x). O(n log n).
 */
size_t mf_stats_sort_finite(const double *x, size_t n, double *work);

/*
 * The p-quantile (0 <= p <= 1) of sorted[0..m) by linear interpolation between order
 * statistics: h = (m - 1) p, q = s[floor h] + (h - floor h) (s[floor h + 1] - s[floor h]),
 * Hyndman and Fan's definition 7, numpy's default method="linear" and pandas' quantile()
 * (the interpolation is written as numpy writes it, so results agree to the last bit).
 * NaN when m is 0 or p is outside [0, 1] or NaN.
 */
double mf_stats_quantile_sorted(const double *sorted, size_t m, double p);

/* The p-quantile of the non-NaN values of x[0..n), as above; work holds n doubles. */
double mf_stats_quantile(const double *x, size_t n, double p, double *work);

/* The median (the 0.5-quantile: the mean of the middle two for an even count). */
double mf_stats_median(const double *x, size_t n, double *work);

/*
 * Median absolute deviation median(|x_i - median(x)|) of the non-NaN values, unscaled (scipy
 * median_abs_deviation(scale=1.0)); multiply by MF_STATS_MAD_NORMAL for a consistent
 * estimator of a normal's standard deviation. NaN when there are no values. work holds n.
 */
double mf_stats_mad(const double *x, size_t n, double *work);

/* ---- two samples ------------------------------------------------------------------------- */

/*
 * Covariance of x and y over the m pairs where both are non-NaN, divisor m - ddof (pandas
 * Series.cov is ddof 1). NaN when m <= ddof. *used (may be NULL) receives m.
 */
double mf_stats_cov2(const double *x, const double *y, size_t n, unsigned ddof, size_t *used);

/*
 * Pearson correlation of x and y over the pairs where both are non-NaN. NaN when fewer than 2
 * pairs or when either has zero variance over them.
 */
double mf_stats_corr2(const double *x, const double *y, size_t n, size_t *used);

/* ---- matrices --------------------------------------------------------------------------- */

/*
 * The matrix functions read k columns of n rows, column-major: x[j * n + i] is row i of
 * column j (mf_series_aligned's layout). They use the rows where every column is non-NaN and
 * write k * k values to out (symmetric; out[a * k + b]) and the rows used to *used (may be
 * NULL). They allocate one work buffer of n + k values per call (none per row).
 * MF_EINVAL when x or out is NULL, k is 0 or above MF_STATS_MAX_COLS, or fewer complete rows
 * remain than the estimator needs (named in each). out is written only on success.
 */

/* Sample covariance, divisor m - ddof; needs m > ddof complete rows. */
int mf_stats_cov(const double *x, size_t n, size_t k, unsigned ddof, double *out, size_t *used,
                 mf_error *err);

/*
 * Pearson correlation matrix; needs 2 complete rows. A column of zero variance gets NaN in its
 * row and column (1 on the diagonal is not claimed for it either): correlation with a
 * constant is undefined.
 */
int mf_stats_corr(const double *x, size_t n, size_t k, double *out, size_t *used, mf_error *err);

/*
 * Exponentially weighted covariance in the RiskMetrics (J.P. Morgan, 1996) form: zero mean
 * (returns are assumed to average 0 over the horizon), weight lambda^(m-1-i) on the i-th of
 * the m complete rows (the last row weighs 1), normalised to sum to 1:
 *   out = sum_i lambda^(m-1-i) r_i r_i' / sum_i lambda^(m-1-i)
 * which is pandas' (r_a * r_b).ewm(alpha=1-lambda, adjust=True).mean() at the last row, and
 * the recursion S_t = lambda S_{t-1} + (1 - lambda) r_t r_t' started from the first row's
 * outer product with the initial weight carried exactly. RiskMetrics' daily lambda is 0.94.
 * MF_EINVAL unless 0 < lambda < 1; needs 1 complete row.
 */
int mf_stats_cov_ewma(const double *x, size_t n, size_t k, double lambda, double *out, size_t *used,
                      mf_error *err);

/*
 * Ledoit-Wolf shrinkage of the covariance towards a scaled identity (O. Ledoit and M. Wolf,
 * "A well-conditioned estimator for large-dimensional covariance matrices", Journal of
 * Multivariate Analysis 88 (2004), lemmas 3.2-3.4; scikit-learn's ledoit_wolf()). With the
 * m complete rows demeaned (x_i), S = sum x_i x_i' / m (divisor m, the paper's), the
 * normalised Frobenius norm |A|^2 = tr(A A') / k, and
 *   mu = tr(S) / k,  d2 = |S - mu I|^2,  b2bar = sum_i |x_i x_i' - S|^2 / m^2,
 *   b2 = min(b2bar, d2),  shrinkage = b2 / d2 (0 when d2 is 0: S is already mu I),
 *   out = shrinkage mu I + (1 - shrinkage) S.
 * *shrinkage (may be NULL) receives the intensity in [0, 1]. Needs 2 complete rows.
 */
int mf_stats_cov_ledoit_wolf(const double *x, size_t n, size_t k, double *out, double *shrinkage,
                             size_t *used, mf_error *err);

#endif
