/*
 * transform_surprise.c - the naive-expectation surprise family of the transform registry:
 * an activity (or inflation) surprise index for releases that have no consensus or Focus
 * expectation in the catalogue.
 *
 * Exports: mf__tf_surprise[] (see transform.h). O(n k) for k components (rolling means and
 * standard deviations of core/series.h, one decayed sum).
 *
 * The expectation is NAIVE, not a consensus: the mean of the release's own previous
 * naive_window changes, all of them known before the release (they are earlier
 * observations). The transform's name and every series built on it say so.
 */
#include <math.h>

#include "analytics/transform.h"
#include "core/alloc.h"
#include "core/series.h"

/* A dispersion of the surprises at or below this (percentage points) counts as none. */
#define SD_ZERO 1e-10

/*
 * For each component j (a level > 0: an index, payrolls, sales):
 *   x_t is taken as missing when j > 0 and x_t equals x_{t-1} bit for bit (a value the
 *     engine forward-filled because the component has not been released for the date yet);
 *   g_t = 100 (x_t / x_{t-lag} - 1), the change in percent;
 *   e_t = mean of g_{t-naive_window} .. g_{t-1} (all present), the naive expectation;
 *   s_t = g_t - e_t, the surprise;
 *   z_t = sign_j s_t / sd_t, sd_t the sample std of s_{t-window} .. s_{t-1} (at least
 *     min_periods present; the surprise itself excluded: the dispersion known before it);
 *     undefined when sd_t <= SD_ZERO (a constant growth leaves rounding noise only).
 * The index at t is the decayed mean of every z so far, all components together:
 *   sum_j sum_{u<=t} d^(t-u) z_{j,u} / sum_j sum_{u<=t} d^(t-u) [z_{j,u} defined],
 * with d = 0.5^(1/half_life): a surprise's weight halves every half_life observations.
 * NaN until the first z.
 */
static int run_surprise_naive(const mf_tf_input *in, const mf_tf_params *p, double *out,
                              mf_error *err)
{
    size_t n = in->n, k = in->k;
    double *c = mf_malloc((5 * n + 1) * sizeof *c);
    double *g = c + n, *s = g + n, *zsum = s + n, *zcnt = zsum + n;
    for (size_t i = 0; i < n; i++)
        zsum[i] = zcnt[i] = 0.0;
    int rc = 0;
    for (size_t j = 0; j < k && rc == 0; j++) {
        const double *x = in->x + j * n;
        for (size_t i = 0; i < n; i++)
            c[i] = j > 0 && i > 0 && x[i] == x[i - 1] ? NAN : x[i];
        for (size_t i = 0; i < n; i++)
            g[i] = i < p->lag ? NAN : 100.0 * (c[i] / c[i - p->lag] - 1.0);
        mf_series_rolling r;
        rc = mf_series_rolling_init(&r, (mf_series_view){in->dates, g, n}, p->naive_window,
                                    p->naive_window, err);
        double prev = NAN; /* the statistic of the window ending at i - 1 */
        for (size_t i = 0; rc == 0 && mf_series_rolling_next(&r); i++) {
            s[i] = g[i] - prev;
            prev = mf_series_rolling_mean(&r);
        }
        if (rc == 0)
            rc = mf_series_rolling_init(&r, (mf_series_view){in->dates, s, n}, p->window,
                                        p->min_periods, err);
        prev = NAN;
        for (size_t i = 0; rc == 0 && mf_series_rolling_next(&r); i++) {
            double z = prev > SD_ZERO ? p->signs[j] * s[i] / prev : NAN;
            if (!isnan(z)) {
                zsum[i] += z;
                zcnt[i] += 1.0;
            }
            prev = mf_series_rolling_std(&r);
        }
    }
    if (rc == 0) {
        double d = pow(0.5, 1.0 / p->half_life), num = 0.0, den = 0.0;
        for (size_t i = 0; i < n; i++) {
            num = d * num + zsum[i];
            den = d * den + zcnt[i];
            out[i] = den > 0.0 ? num / den : NAN;
        }
    }
    mf_free(c);
    return rc;
}

const mf_transform mf__tf_surprise[] = {
    {"surprise_naive",
     "decayed mean of standardised surprises vs a NAIVE expectation (mean of past changes)",
     "lag naive_window window min_periods half_life signs",
     1,
     MF_TF_MAX_INPUTS,
     MF_TF_ALIGN_FFILL,
     false,
     {.lag = 1, .naive_window = 12, .window = 36, .min_periods = 12, .half_life = 3.0},
     mf__tf_lookback_all,
     run_surprise_naive},
    {0},
};
