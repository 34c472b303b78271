/*
 * stats.c - descriptive and robust statistics and covariance matrices (stats.h).
 *
 * Moments are two-pass: a Neumaier-compensated mean, then the sums of the powers of the
 * deviations d_i = x_i - mean. The variance uses the corrected two-pass formula
 * (sum d^2 - (sum d)^2 / m) / (m - ddof) (Chan, Golub and LeVeque, "Algorithms for computing
 * the sample variance", 1983), whose second term removes the first-order effect of the mean's
 * rounding.
 */
#include "analytics/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* A Neumaier sum: s plus its running compensation c. */
typedef struct ksum {
    double s, c;
} ksum;

static void ksum_add(ksum *k, double v)
{
    double t = k->s + v;
    if (fabs(k->s) >= fabs(v))
        k->c += (k->s - t) + v;
    else
        k->c += (v - t) + k->s;
    k->s = t;
}

static double ksum_value(const ksum *k)
{
    return k->s + k->c;
}

size_t mf_stats_count(const double *x, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += isnan(x[i]) ? 0u : 1u;
    return m;
}

double mf_stats_sum(const double *x, size_t n)
{
    ksum k = {0.0, 0.0};
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            ksum_add(&k, x[i]);
    return ksum_value(&k);
}

double mf_stats_mean(const double *x, size_t n)
{
    size_t m = mf_stats_count(x, n);
    return m == 0 ? NAN : mf_stats_sum(x, n) / (double)m;
}

void mf_stats_describe(const double *x, size_t n, mf_stats_summary *out)
{
    ksum k = {0.0, 0.0};
    size_t m = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        ksum_add(&k, x[i]);
        m++;
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    *out = (mf_stats_summary){.count = m,
                              .mean = NAN,
                              .var_pop = NAN,
                              .var_sample = NAN,
                              .std_sample = NAN,
                              .skew_pop = NAN,
                              .skew_adj = NAN,
                              .kurt_pop = NAN,
                              .kurt_adj = NAN,
                              .min = NAN,
                              .max = NAN};
    if (m == 0)
        return;
    double fm = (double)m;
    out->mean = ksum_value(&k) / fm;
    out->min = lo;
    out->max = hi;
    if (lo == hi) {
        /* every value equal: the variance is exactly 0, the standardised moments 0/0 */
        out->mean = lo;
        out->var_pop = 0.0;
        if (m >= 2) {
            out->var_sample = 0.0;
            out->std_sample = 0.0;
        }
        return;
    }
    double s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        double d = x[i] - out->mean, d2 = d * d;
        s1 += d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    double ss = s2 - s1 * s1 / fm; /* corrected two-pass sum of squares */
    if (ss < 0.0)
        ss = 0.0;
    out->var_pop = ss / fm;
    if (m >= 2) {
        out->var_sample = ss / (fm - 1.0);
        out->std_sample = sqrt(out->var_sample);
    }
    double m2 = out->var_pop, m3 = s3 / fm, m4 = s4 / fm;
    if (m < 2 || !(m2 > 0.0))
        return;
    out->skew_pop = m3 / (m2 * sqrt(m2));
    out->kurt_pop = m4 / (m2 * m2) - 3.0;
    if (m >= 3)
        out->skew_adj = out->skew_pop * sqrt(fm * (fm - 1.0)) / (fm - 2.0);
    if (m >= 4)
        out->kurt_adj = ((fm + 1.0) * out->kurt_pop + 6.0) * (fm - 1.0) / ((fm - 2.0) * (fm - 3.0));
}

double mf_stats_var(const double *x, size_t n, unsigned ddof)
{
    mf_stats_summary s;
    mf_stats_describe(x, n, &s);
    if (s.count <= ddof)
        return NAN;
    return s.var_pop * (double)s.count / (double)(s.count - ddof);
}

double mf_stats_std(const double *x, size_t n, unsigned ddof)
{
    return sqrt(mf_stats_var(x, n, ddof));
}

double mf_stats_skew(const double *x, size_t n, bool adjusted)
{
    mf_stats_summary s;
    mf_stats_describe(x, n, &s);
    return adjusted ? s.skew_adj : s.skew_pop;
}

double mf_stats_kurt(const double *x, size_t n, bool adjusted)
{
    mf_stats_summary s;
    mf_stats_describe(x, n, &s);
    return adjusted ? s.kurt_adj : s.kurt_pop;
}

/* ---- quantiles --------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

size_t mf_stats_sort_finite(const double *x, size_t n, double *work)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            work[m++] = x[i];
    if (m > 1)
        qsort(work, m, sizeof *work, cmp_double);
    return m;
}

double mf_stats_quantile_sorted(const double *sorted, size_t m, double p)
{
    if (m == 0 || !(p >= 0.0 && p <= 1.0))
        return NAN;
    /* numpy 1.24 _quantile, method "linear": virtual index (n - 1) p, gamma = h - floor h */
    double fm = (double)m;
    double h = (fm - 1.0) * p;
    if (h >= fm - 1.0)
        return sorted[m - 1];
    if (h < 0.0)
        return sorted[0];
    double lo = floor(h);
    size_t i = (size_t)lo;
    double a = sorted[i], b = sorted[i + 1], t = h - lo;
    /* numpy's _lerp: from the nearer end, so t = 1 gives b exactly */
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double mf_stats_quantile(const double *x, size_t n, double p, double *work)
{
    size_t m = mf_stats_sort_finite(x, n, work);
    return mf_stats_quantile_sorted(work, m, p);
}

double mf_stats_median(const double *x, size_t n, double *work)
{
    return mf_stats_quantile(x, n, 0.5, work);
}

double mf_stats_mad(const double *x, size_t n, double *work)
{
    size_t m = mf_stats_sort_finite(x, n, work);
    if (m == 0)
        return NAN;
    double med = mf_stats_quantile_sorted(work, m, 0.5);
    for (size_t i = 0; i < m; i++)
        work[i] = fabs(work[i] - med);
    qsort(work, m, sizeof *work, cmp_double);
    return mf_stats_quantile_sorted(work, m, 0.5);
}

/* ---- two samples ------------------------------------------------------------------------- */

/* Means of x and y over the complete pairs, their count, and the centred sums. */
typedef struct pair_moments {
    size_t m;
    double sxx, syy, sxy;
} pair_moments;

static pair_moments pair_scan(const double *x, const double *y, size_t n)
{
    ksum kx = {0.0, 0.0}, ky = {0.0, 0.0};
    pair_moments pm = {0, 0.0, 0.0, 0.0};
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            ksum_add(&kx, x[i]);
            ksum_add(&ky, y[i]);
            pm.m++;
        }
    if (pm.m == 0)
        return pm;
    double mx = ksum_value(&kx) / (double)pm.m, my = ksum_value(&ky) / (double)pm.m;
    double s1x = 0.0, s1y = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            double dx = x[i] - mx, dy = y[i] - my;
            s1x += dx;
            s1y += dy;
            pm.sxx += dx * dx;
            pm.syy += dy * dy;
            pm.sxy += dx * dy;
        }
    double fm = (double)pm.m;
    pm.sxx -= s1x * s1x / fm;
    pm.syy -= s1y * s1y / fm;
    pm.sxy -= s1x * s1y / fm;
    return pm;
}

double mf_stats_cov2(const double *x, const double *y, size_t n, unsigned ddof, size_t *used)
{
    pair_moments pm = pair_scan(x, y, n);
    if (used)
        *used = pm.m;
    return pm.m <= ddof ? NAN : pm.sxy / (double)(pm.m - ddof);
}

double mf_stats_corr2(const double *x, const double *y, size_t n, size_t *used)
{
    pair_moments pm = pair_scan(x, y, n);
    if (used)
        *used = pm.m;
    if (pm.m < 2 || !(pm.sxx > 0.0) || !(pm.syy > 0.0))
        return NAN;
    double r = pm.sxy / sqrt(pm.sxx * pm.syy);
    return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

/* ---- matrices --------------------------------------------------------------------------- */

static int check_matrix_args(const double *x, size_t k, const double *out, mf_error *err)
{
    if (x == NULL || out == NULL)
        return mf_error_set(err, MF_EINVAL, "covariance: no data or no output");
    if (k == 0 || k > MF_STATS_MAX_COLS)
        return mf_error_set(err, MF_EINVAL, "covariance: %zu columns (expected 1..%d)", k,
                            MF_STATS_MAX_COLS);
    return 0;
}

/* Marks in keep[0..n) the rows where every column is non-NaN; returns how many. */
static size_t complete_rows(const double *x, size_t n, size_t k, unsigned char *keep)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ok = 1;
        for (size_t j = 0; j < k && ok; j++)
            if (isnan(x[j * n + i]))
                ok = 0;
        keep[i] = ok;
        m += ok;
    }
    return m;
}

/* Column means over the kept rows into mean[0..k) (compensated). */
static void column_means(const double *x, size_t n, size_t k, const unsigned char *keep, size_t m,
                         double *mean)
{
    for (size_t j = 0; j < k; j++) {
        ksum s = {0.0, 0.0};
        for (size_t i = 0; i < n; i++)
            if (keep[i])
                ksum_add(&s, x[j * n + i]);
        mean[j] = ksum_value(&s) / (double)m;
    }
}

/* Centred cross-product sums over kept rows, with the two-pass correction, into c[k*k]. */
static void centred_products(const double *x, size_t n, size_t k, const unsigned char *keep,
                             size_t m, const double *mean, double *c)
{
    for (size_t a = 0; a < k; a++)
        for (size_t b = a; b < k; b++) {
            double sab = 0.0, sa = 0.0, sb = 0.0;
            const double *xa = x + a * n, *xb = x + b * n;
            for (size_t i = 0; i < n; i++)
                if (keep[i]) {
                    double da = xa[i] - mean[a], db = xb[i] - mean[b];
                    sa += da;
                    sb += db;
                    sab += da * db;
                }
            c[a * k + b] = c[b * k + a] = sab - sa * sb / (double)m;
        }
}

int mf_stats_cov(const double *x, size_t n, size_t k, unsigned ddof, double *out, size_t *used,
                 mf_error *err)
{
    int rc = check_matrix_args(x, k, out, err);
    if (rc != 0)
        return rc;
    unsigned char *keep = mf_malloc(n ? n : 1);
    double *mean = mf_malloc(k * sizeof *mean);
    size_t m = complete_rows(x, n, k, keep);
    if (m <= ddof) {
        rc = mf_error_set(err, MF_EINVAL,
                          "covariance: %zu complete rows (a row with no missing value), need "
                          "more than %u",
                          m, ddof);
        goto out;
    }
    column_means(x, n, k, keep, m, mean);
    centred_products(x, n, k, keep, m, mean, out);
    for (size_t i = 0; i < k * k; i++)
        out[i] /= (double)(m - ddof);
    if (used)
        *used = m;
out:
    mf_free(mean);
    mf_free(keep);
    return rc;
}

int mf_stats_corr(const double *x, size_t n, size_t k, double *out, size_t *used, mf_error *err)
{
    int rc = mf_stats_cov(x, n, k, 1, out, used, err);
    if (rc != 0)
        return rc;
    double *sd = mf_malloc(k * sizeof *sd);
    for (size_t j = 0; j < k; j++)
        sd[j] = out[j * k + j] > 0.0 ? sqrt(out[j * k + j]) : NAN;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            double r = out[a * k + b] / (sd[a] * sd[b]);
            if (a == b && !isnan(r))
                r = 1.0;
            out[a * k + b] = r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
        }
    mf_free(sd);
    return 0;
}

int mf_stats_cov_ewma(const double *x, size_t n, size_t k, double lambda, double *out, size_t *used,
                      mf_error *err)
{
    int rc = check_matrix_args(x, k, out, err);
    if (rc != 0)
        return rc;
    if (!(lambda > 0.0 && lambda < 1.0))
        return mf_error_set(err, MF_EINVAL, "ewma covariance: decay %g outside (0, 1)", lambda);
    unsigned char *keep = mf_malloc(n ? n : 1);
    size_t m = complete_rows(x, n, k, keep);
    if (m == 0) {
        rc = mf_error_set(err, MF_EINVAL, "ewma covariance: no complete row");
        goto out;
    }
    /* S = lambda S + r r', W = lambda W + 1; out = S / W (normalised weights) */
    memset(out, 0, k * k * sizeof *out);
    double w = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        for (size_t a = 0; a < k; a++)
            for (size_t b = a; b < k; b++)
                out[a * k + b] = lambda * out[a * k + b] + x[a * n + i] * x[b * n + i];
        w = lambda * w + 1.0;
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = a; b < k; b++)
            out[b * k + a] = out[a * k + b] = out[a * k + b] / w;
    if (used)
        *used = m;
out:
    mf_free(keep);
    return rc;
}

int mf_stats_cov_ledoit_wolf(const double *x, size_t n, size_t k, double *out, double *shrinkage,
                             size_t *used, mf_error *err)
{
    int rc = check_matrix_args(x, k, out, err);
    if (rc != 0)
        return rc;
    unsigned char *keep = mf_malloc(n ? n : 1);
    double *mean = mf_malloc(2 * k * sizeof *mean), *d = mean + k;
    size_t m = complete_rows(x, n, k, keep);
    if (m < 2) {
        rc = mf_error_set(err, MF_EINVAL,
                          "ledoit-wolf covariance: %zu complete rows, need at least 2", m);
        goto out;
    }
    double fm = (double)m, fk = (double)k;
    column_means(x, n, k, keep, m, mean);
    centred_products(x, n, k, keep, m, mean, out);
    for (size_t i = 0; i < k * k; i++)
        out[i] /= fm; /* S, divisor m */
    double mu = 0.0, s_norm2 = 0.0;
    for (size_t j = 0; j < k; j++)
        mu += out[j * k + j];
    mu /= fk;
    for (size_t i = 0; i < k * k; i++)
        s_norm2 += out[i] * out[i];
    /* d2 = |S - mu I|^2 = (|S|_F^2 - 2 mu tr S + k mu^2) / k = |S|_F^2 / k - mu^2 */
    double d2 = 0.0;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            double v = out[a * k + b] - (a == b ? mu : 0.0);
            d2 += v * v;
        }
    d2 /= fk;
    /* b2bar = sum_i |x_i x_i' - S|^2 / m^2, |x x' - S|_F^2 = (x'x)^2 - 2 x'Sx + |S|_F^2 */
    double b2bar = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        double xx = 0.0, xsx = 0.0;
        for (size_t j = 0; j < k; j++) {
            d[j] = x[j * n + i] - mean[j];
            xx += d[j] * d[j];
        }
        for (size_t a = 0; a < k; a++) {
            double row = 0.0;
            for (size_t b = 0; b < k; b++)
                row += out[a * k + b] * d[b];
            xsx += d[a] * row;
        }
        b2bar += (xx * xx - 2.0 * xsx + s_norm2) / fk;
    }
    b2bar /= fm * fm;
    double b2 = b2bar < d2 ? b2bar : d2;
    double shr = d2 > 0.0 ? b2 / d2 : 0.0;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            out[a * k + b] = (1.0 - shr) * out[a * k + b] + (a == b ? shr * mu : 0.0);
    if (shrinkage)
        *shrinkage = shr;
    if (used)
        *used = m;
out:
    mf_free(mean);
    mf_free(keep);
    return rc;
}
