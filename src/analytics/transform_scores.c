/*
 * transform_scores.c - the scores family of the transform registry: rolling and expanding
 * z-scores, rolling percentile ranks and drawdowns from the running peak.
 *
 * Exports: mf__tf_scores[] (see transform.h). z-scores and drawdowns are O(n); the
 * percentile rank is O(n log n): values are ranked once (a sort), then a Fenwick tree of
 * the window's ranks answers "how many below" in O(log n) per step.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/transform.h"
#include "core/alloc.h"
#include "core/series.h"

/* (x - rolling mean) / rolling sample std; NaN when x is missing or the std is 0. */
static int run_z_rolling(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    mf_series_view view = {in->dates, in->x, in->n};
    mf_series_rolling r;
    int rc = mf_series_rolling_init(&r, view, p->window, p->min_periods, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; mf_series_rolling_next(&r); i++) {
        double sd = mf_series_rolling_std(&r);
        out[i] = sd > 0.0 ? (in->x[i] - mf_series_rolling_mean(&r)) / sd : NAN;
    }
    return 0;
}

/* (x - mean of all values so far) / their sample std, once min_periods values are in. */
static int run_z_expanding(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    double n = 0.0, mean = 0.0, m2 = 0.0;
    for (size_t i = 0; i < in->n; i++) {
        double x = in->x[i];
        if (!isnan(x)) {
            n += 1.0;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
        double sd = n >= 2.0 ? sqrt(m2 / (n - 1.0)) : NAN;
        out[i] = !isnan(x) && n >= (double)p->min_periods && sd > 0.0 ? (x - mean) / sd : NAN;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Index of v among the sorted distinct values u[0..m) (v is there). */
static size_t rank_of(const double *u, size_t m, double v)
{
    size_t lo = 0, hi = m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void fenwick_add(double *t, size_t m, size_t i, double d)
{
    for (i++; i <= m; i += i & (~i + 1))
        t[i] += d;
}

/* Sum of counts of ranks 0..i-1. */
static double fenwick_below(const double *t, size_t i)
{
    double s = 0.0;
    for (; i > 0; i -= i & (~i + 1))
        s += t[i];
    return s;
}

/*
 * The percentile rank of x among the window's non-missing values (itself included): ties
 * take their average rank, divided by the count (pandas rank(pct=True)).
 */
static int run_pct_rank(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    size_t n = in->n, w = p->window, m = 0;
    double *u = mf_malloc((n + 1) * sizeof *u);
    for (size_t i = 0; i < n; i++)
        if (!isnan(in->x[i]))
            u[m++] = in->x[i];
    qsort(u, m, sizeof *u, cmp_double);
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (k == 0 || u[i] != u[k - 1])
            u[k++] = u[i];
    m = k;
    double *tree = mf_calloc(m + 1, sizeof *tree), *count = mf_calloc(m + 1, sizeof *count);
    size_t *rk = mf_malloc((n + 1) * sizeof *rk); /* each value's rank, found once */
    for (size_t i = 0; i < n; i++)
        rk[i] = isnan(in->x[i]) ? 0 : rank_of(u, m, in->x[i]);
    double in_window = 0.0;
    for (size_t i = 0; i < n; i++) {
        double x = in->x[i];
        if (!isnan(x)) {
            fenwick_add(tree, m, rk[i], 1.0);
            count[rk[i]] += 1.0;
            in_window += 1.0;
        }
        if (i >= w && !isnan(in->x[i - w])) {
            fenwick_add(tree, m, rk[i - w], -1.0);
            count[rk[i - w]] -= 1.0;
            in_window -= 1.0;
        }
        if (isnan(x) || in_window < (double)p->min_periods) {
            out[i] = NAN;
            continue;
        }
        out[i] = (fenwick_below(tree, rk[i]) + (count[rk[i]] + 1.0) / 2.0) / in_window;
    }
    mf_free(rk);
    mf_free(u);
    mf_free(tree);
    mf_free(count);
    return 0;
}

/* x / (the highest value so far) - 1: zero at a peak, negative below it (positive levels). */
static int run_drawdown(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)p, (void)err;
    double peak = NAN;
    for (size_t i = 0; i < in->n; i++) {
        double x = in->x[i];
        if (!isnan(x) && (isnan(peak) || x > peak))
            peak = x;
        out[i] = isnan(x) ? NAN : x / peak - 1.0;
    }
    return 0;
}

#define ONE 1, 1, MF_TF_ALIGN_FFILL, false

const mf_transform mf__tf_scores[] = {
    {"zscore_rolling",
     "(x - rolling mean) / rolling sample std",
     "window min_periods",
     ONE,
     {.window = 252, .min_periods = 63},
     mf__tf_lookback_window,
     run_z_rolling},
    {"zscore_expanding",
     "(x - mean so far) / sample std so far",
     "min_periods",
     ONE,
     {.min_periods = 24},
     mf__tf_lookback_all,
     run_z_expanding},
    {"pct_rank",
     "rank of x in the rolling window / its count, 0..1 (ties: average)",
     "window min_periods",
     ONE,
     {.window = 252, .min_periods = 63},
     mf__tf_lookback_window,
     run_pct_rank},
    {"drawdown",
     "x / running peak - 1, decimal (levels > 0)",
     "",
     ONE,
     {0},
     mf__tf_lookback_all,
     run_drawdown},
    {0},
};
