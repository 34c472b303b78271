/*
 * transform_indicators.c - the indicator family of the transform registry: a financial-
 * conditions index (first principal component of z-scored components), surprise indices
 * (release minus the expectation known before it, standardised and smoothed) and business-
 * cycle composites (mean of signed z-scores).
 *
 * Exports: mf__tf_indicators[] (see transform.h). Every statistic is expanding - it uses the
 * data up to the date only - so each value is what could have been computed on its date.
 * fci_pc1 is O(n k^3) for k components (a Jacobi eigen-decomposition of the k x k
 * correlation matrix per date); the others are O(n k).
 */
#include <math.h>
#include <string.h>

#include "analytics/transform.h"
#include "core/alloc.h"

#define K MF_TF_MAX_INPUTS

/*
 * Eigenvector of the largest eigenvalue of the symmetric k x k matrix a (row-major, k <= K,
 * destroyed) into v, by cyclic Jacobi rotations to convergence; sign chosen so that the
 * entries sum to a positive number (the first non-zero entry positive on a tie).
 */
static void top_eigenvector(double *a, size_t k, double *v)
{
    double q[K * K];
    for (size_t i = 0; i < k * k; i++)
        q[i] = 0.0;
    for (size_t i = 0; i < k; i++)
        q[i * k + i] = 1.0;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, diag = 0.0;
        for (size_t i = 0; i < k; i++) {
            diag += a[i * k + i] * a[i * k + i];
            for (size_t j = i + 1; j < k; j++)
                off += a[i * k + j] * a[i * k + j];
        }
        if (off <= 1e-30 * diag)
            break;
        for (size_t p = 0; p < k; p++)
            for (size_t r = p + 1; r < k; r++) {
                double apr = a[p * k + r];
                if (apr == 0.0)
                    continue;
                double theta = (a[r * k + r] - a[p * k + p]) / (2.0 * apr);
                double t = (theta >= 0.0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (size_t i = 0; i < k; i++) { /* a = a J */
                    double aip = a[i * k + p], air = a[i * k + r];
                    a[i * k + p] = c * aip - s * air;
                    a[i * k + r] = s * aip + c * air;
                }
                for (size_t i = 0; i < k; i++) { /* a = J^T a */
                    double api = a[p * k + i], ari = a[r * k + i];
                    a[p * k + i] = c * api - s * ari;
                    a[r * k + i] = s * api + c * ari;
                }
                for (size_t i = 0; i < k; i++) { /* q = q J */
                    double qip = q[i * k + p], qir = q[i * k + r];
                    q[i * k + p] = c * qip - s * qir;
                    q[i * k + r] = s * qip + c * qir;
                }
            }
    }
    size_t best = 0;
    for (size_t i = 1; i < k; i++)
        if (a[i * k + i] > a[best * k + best])
            best = i;
    double sum = 0.0, first = 0.0;
    for (size_t i = 0; i < k; i++) {
        v[i] = q[i * k + best];
        sum += v[i];
        if (first == 0.0)
            first = v[i];
    }
    if (sum < 0.0 || (sum == 0.0 && first < 0.0))
        for (size_t i = 0; i < k; i++)
            v[i] = -v[i];
}

/*
 * On each date where every component is present: the components' expanding means and
 * sample stds and correlation matrix (over such dates up to it), the signed z-scores
 * z_j = s_j (x_j - mean_j) / sd_j, and the index sum_j w_j z_j with w the unit first
 * eigenvector of the correlation matrix of the signed components. NaN elsewhere, before
 * min_periods complete dates, and while a component is constant.
 */
static int run_fci(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    size_t k = in->k, n = in->n;
    double cnt = 0.0, mean[K] = {0}, c[K * K] = {0}, x[K], d[K], a[K * K], w[K];
    for (size_t i = 0; i < n; i++) {
        bool complete = true;
        for (size_t j = 0; j < k; j++) {
            x[j] = in->x[j * n + i] * p->signs[j];
            complete = complete && !isnan(x[j]);
        }
        out[i] = NAN;
        if (!complete)
            continue;
        cnt += 1.0;
        for (size_t j = 0; j < k; j++) {
            d[j] = x[j] - mean[j];
            mean[j] += d[j] / cnt;
        }
        for (size_t j = 0; j < k; j++)
            for (size_t l = 0; l < k; l++)
                c[j * k + l] += d[j] * (x[l] - mean[l]);
        if (cnt < (double)p->min_periods || cnt < 3.0)
            continue;
        bool flat = false;
        for (size_t j = 0; j < k; j++)
            flat = flat || !(c[j * k + j] > 0.0);
        if (flat)
            continue;
        for (size_t j = 0; j < k; j++)
            for (size_t l = 0; l < k; l++)
                a[j * k + l] = c[j * k + l] / sqrt(c[j * k + j] * c[l * k + l]);
        top_eigenvector(a, k, w);
        double f = 0.0;
        for (size_t j = 0; j < k; j++)
            f += w[j] * (x[j] - mean[j]) / sqrt(c[j * k + j] / (cnt - 1.0));
        out[i] = f;
    }
    return 0;
}

/*
 * Surprises s = release (input 0) - expectation known before it (input 1), each divided by
 * the sample std of the surprises so far (itself included, once min_periods are in), then
 * smoothed by an EWMA with decay lambda (missing surprises skipped: the index carries).
 */
static int run_surprise(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    size_t n = in->n;
    double cnt = 0.0, mean = 0.0, m2 = 0.0, idx = NAN;
    for (size_t i = 0; i < n; i++) {
        double s = in->x[i] - in->x[n + i], z = NAN;
        if (!isnan(s)) {
            cnt += 1.0;
            double dd = s - mean;
            mean += dd / cnt;
            m2 += dd * (s - mean);
            double sd = cnt >= 2.0 ? sqrt(m2 / (cnt - 1.0)) : NAN;
            if (cnt >= (double)p->min_periods && sd > 0.0)
                z = s / sd;
        }
        if (!isnan(z))
            idx = isnan(idx) ? z : p->lambda * idx + (1.0 - p->lambda) * z;
        out[i] = idx;
    }
    return 0;
}

/*
 * The mean over the components present on the date of s_j times the component's expanding
 * z-score (each over its own values so far, defined from min_periods values on).
 */
static int run_composite(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    size_t n = in->n, k = in->k;
    double cnt[K] = {0}, mean[K] = {0}, m2[K] = {0};
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0, m = 0.0;
        for (size_t j = 0; j < k; j++) {
            double x = in->x[j * n + i];
            if (isnan(x))
                continue;
            cnt[j] += 1.0;
            double dd = x - mean[j];
            mean[j] += dd / cnt[j];
            m2[j] += dd * (x - mean[j]);
            double sd = cnt[j] >= 2.0 ? sqrt(m2[j] / (cnt[j] - 1.0)) : NAN;
            if (cnt[j] >= (double)p->min_periods && sd > 0.0) {
                sum += p->signs[j] * (x - mean[j]) / sd;
                m += 1.0;
            }
        }
        out[i] = m > 0.0 ? sum / m : NAN;
    }
    return 0;
}

const mf_transform mf__tf_indicators[] = {
    {"fci_pc1",
     "first principal component of expanding z-scores (signed components)",
     "min_periods signs",
     2,
     K,
     MF_TF_ALIGN_FFILL,
     false,
     {.min_periods = 24},
     mf__tf_lookback_all,
     run_fci},
    {"surprise_index",
     "EWMA of standardised surprises: release - expectation known before it",
     "min_periods lambda",
     2,
     2,
     MF_TF_ALIGN_PRIOR,
     false,
     {.min_periods = 6, .lambda = 0.8},
     mf__tf_lookback_all,
     run_surprise},
    {"composite",
     "mean of signed expanding z-scores of the components",
     "min_periods signs",
     1,
     K,
     MF_TF_ALIGN_FFILL,
     false,
     {.min_periods = 24},
     mf__tf_lookback_all,
     run_composite},
    {0},
};
