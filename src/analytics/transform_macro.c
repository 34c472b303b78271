/*
 * transform_macro.c - the macro family of the transform registry: month-on-month and
 * year-on-year changes, differences of levels (diff), annualised changes (SAAR over 3 or 6
 * months, annualised quarterly growth), 12-month compounded accumulation of monthly rates
 * (IPCA), a ratio-to-moving-average seasonal adjustment, diffusion indices, trimmed means
 * across components, and the two-series arithmetic of real rates, spreads (term spreads, FX
 * carry) and ratios.
 *
 * Exports: mf__tf_macro[] (see transform.h). Changes are by position (lag observations
 * back): the input must be a regular series of its frequency, without gaps. All are O(n)
 * (the trimmed mean sorts the k <= 16 components of each date).
 */
#include <math.h>
#include <string.h>

#include "analytics/transform.h"
#include "core/alloc.h"

/* ((x_i / x_{i-lag})^(ann/lag) - 1) * 100; ann == lag gives the plain change. */
static int run_change(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    double power = p->ann > 0.0 ? p->ann / (double)p->lag : 1.0;
    for (size_t i = 0; i < in->n; i++) {
        if (i < p->lag) {
            out[i] = NAN;
            continue;
        }
        double g = in->x[i] / in->x[i - p->lag];
        out[i] = (power == 1.0 ? g - 1.0 : pow(g, power) - 1.0) * 100.0;
    }
    return 0;
}

/* x_t - x_{t-lag}: changes of levels in their own unit (p.p. for rates and ratios). */
static int run_diff(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    for (size_t i = 0; i < in->n; i++)
        out[i] = i < p->lag ? NAN : in->x[i] - in->x[i - p->lag];
    return 0;
}

/*
 * (prod over the last window values of (1 + x/100) - 1) * 100: monthly rates in percent
 * compounded over 12 months. A running sum of log1p (Neumaier-compensated); NaN while the
 * window holds a missing value or is not full.
 */
static int run_accum(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    size_t w = p->window, missing = 0;
    double sum = 0.0, comp = 0.0;
#define NEUMAIER(v)                                                                                \
    do {                                                                                           \
        double v_ = (v), t_ = sum + v_;                                                            \
        comp += fabs(sum) >= fabs(v_) ? (sum - t_) + v_ : (v_ - t_) + sum;                         \
        sum = t_;                                                                                  \
    } while (0)
    for (size_t i = 0; i < in->n; i++) {
        double x = in->x[i];
        if (isnan(x))
            missing++;
        else
            NEUMAIER(log1p(x / 100.0));
        if (i >= w) {
            double old = in->x[i - w];
            if (isnan(old))
                missing--;
            else
                NEUMAIER(-log1p(old / 100.0));
        }
        out[i] = i + 1 < w || missing > 0 ? NAN : expm1(sum + comp) * 100.0;
    }
#undef NEUMAIER
    return 0;
}

/* Season of date d for a period of 12 (its month) or 4 (its quarter), else position mod. */
static size_t season_of(const mf_tf_input *in, size_t i, size_t period)
{
    if (period == 12)
        return (size_t)(mf_date_month(in->dates[i]) - 1);
    if (period == 4)
        return (size_t)(mf_date_month(in->dates[i]) - 1) / 3;
    return i % period;
}

/*
 * Multiplicative seasonal adjustment by ratio to a centred moving average (the classical
 * decomposition): the trend is the centred 2 x period MA (period even) or period MA (odd),
 * the seasonal factor of a season is the mean of x / trend over its dates, normalised so the
 * factors average 1, and the output is x / factor. Full sample: two-sided.
 */
static int run_seasonal(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    size_t n = in->n, per = p->window, h = per / 2;
    if (per < 2 || per > 366)
        return mf_error_set(err, MF_EINVAL,
                            "transform 'seasonal_adjust': period %zu outside 2..366", per);
    double *sum = mf_calloc(2 * per, sizeof *sum), *cnt = sum + per;
    /* Prefix sums of the values (missing as 0) and of the missing count: each MA is O(1). */
    double *pre = mf_calloc(2 * (n + 1), sizeof *pre), *gaps = pre + n + 1;
    for (size_t i = 0; i < n; i++) {
        pre[i + 1] = pre[i] + (isnan(in->x[i]) ? 0.0 : in->x[i]);
        gaps[i + 1] = gaps[i] + (isnan(in->x[i]) ? 1.0 : 0.0);
    }
    for (size_t i = h; i + h < n; i++) {
        if (gaps[i + h + 1] - gaps[i - h] > 0.0)
            continue;
        double t = pre[i + h + 1] - pre[i - h];
        if (per % 2 == 0)
            t -= 0.5 * (in->x[i - h] + in->x[i + h]);
        double ratio = in->x[i] / (t / (double)per);
        if (!isnan(ratio)) {
            size_t s = season_of(in, i, per);
            sum[s] += ratio;
            cnt[s] += 1.0;
        }
    }
    mf_free(pre);
    double mean = 0.0;
    for (size_t s = 0; s < per; s++) {
        sum[s] = cnt[s] > 0.0 ? sum[s] / cnt[s] : NAN;
        mean += sum[s];
    }
    mean /= (double)per;
    for (size_t i = 0; i < n; i++)
        out[i] = in->x[i] / (sum[season_of(in, i, per)] / mean);
    mf_free(sum);
    return 0;
}

/*
 * Percent of the components that rose from the previous date, counting unchanged ones as
 * half, among those with both values; NaN when none has.
 */
static int run_diffusion(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)p, (void)err;
    for (size_t i = 0; i < in->n; i++) {
        double up = 0.0, m = 0.0;
        for (size_t j = 0; i > 0 && j < in->k; j++) {
            double a = in->x[j * in->n + i - 1], b = in->x[j * in->n + i];
            if (isnan(a) || isnan(b))
                continue;
            m += 1.0;
            up += b > a ? 1.0 : b == a ? 0.5 : 0.0;
        }
        out[i] = m > 0.0 ? up / m * 100.0 : NAN;
    }
    return 0;
}

/*
 * The mean of the components present on each date after cutting floor(trim x count) of the
 * lowest and as many of the highest (unweighted; scipy.stats.trim_mean).
 */
static int run_trimmed(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    double v[MF_TF_MAX_INPUTS];
    for (size_t i = 0; i < in->n; i++) {
        size_t m = 0;
        for (size_t j = 0; j < in->k; j++) {
            double x = in->x[j * in->n + i];
            if (isnan(x))
                continue;
            size_t at = m++;
            while (at > 0 && v[at - 1] > x) { /* insertion sort: k is small */
                v[at] = v[at - 1];
                at--;
            }
            v[at] = x;
        }
        size_t cut = (size_t)(p->trim * (double)m);
        double s = 0.0;
        for (size_t j = cut; j + cut < m; j++)
            s += v[j];
        out[i] = m > 2 * cut ? s / (double)(m - 2 * cut) : NAN;
    }
    return 0;
}

/* x0 - x1 (real rate with fisher: ((1 + x0/100) / (1 + x1/100) - 1) * 100). */
static int run_spread(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    const double *a = in->x, *b = in->x + in->n;
    for (size_t i = 0; i < in->n; i++)
        out[i] =
            p->fisher ? ((1.0 + a[i] / 100.0) / (1.0 + b[i] / 100.0) - 1.0) * 100.0 : a[i] - b[i];
    return 0;
}

/* x0 / x1 * 100. */
static int run_ratio(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)p, (void)err;
    for (size_t i = 0; i < in->n; i++)
        out[i] = in->x[i] / in->x[in->n + i] * 100.0;
    return 0;
}

static size_t lookback_one(const mf_tf_params *p)
{
    (void)p;
    return 1;
}

#define ONE  1, 1, MF_TF_ALIGN_FFILL, false
#define TWO  2, 2, MF_TF_ALIGN_FFILL, false
#define MANY 2, MF_TF_MAX_INPUTS, MF_TF_ALIGN_FFILL, false

const mf_transform mf__tf_macro[] = {
    {"mom_pct",
     "change on the previous observation, percent",
     "",
     ONE,
     {.lag = 1},
     mf__tf_lookback_lag,
     run_change},
    {"yoy_pct",
     "change on lag observations back (12: a year of months), percent",
     "lag",
     ONE,
     {.lag = 12},
     mf__tf_lookback_lag,
     run_change},
    {"diff",
     "x - x lag observations back, in x's unit (p.p. for rates and % of GDP)",
     "lag",
     ONE,
     {.lag = 1},
     mf__tf_lookback_lag,
     run_diff},
    {"saar_pct",
     "change over lag months annualised: ((x/x_lag)^(ann/lag) - 1) x 100",
     "lag ann",
     ONE,
     {.lag = 3, .ann = 12.0},
     mf__tf_lookback_lag,
     run_change},
    {"qoq_saar_pct",
     "quarterly change annualised: ((x/x_1)^4 - 1) x 100",
     "",
     ONE,
     {.lag = 1, .ann = 4.0},
     mf__tf_lookback_lag,
     run_change},
    {"accum_pct",
     "monthly % rates compounded over window months, percent",
     "window",
     ONE,
     {.window = 12},
     mf__tf_lookback_window,
     run_accum},
    {"seasonal_adjust",
     "x / seasonal factor (ratio to centred MA; window = period)",
     "window",
     1,
     1,
     MF_TF_ALIGN_FFILL,
     true,
     {.window = 12},
     mf__tf_lookback_all,
     run_seasonal},
    {"diffusion_pct",
     "percent of components up on the previous date (unchanged: half)",
     "",
     MANY,
     {0},
     lookback_one,
     run_diffusion},
    {"trimmed_mean",
     "mean of the components after cutting trim of each tail",
     "trim",
     MANY,
     {.trim = 0.2},
     mf__tf_lookback_none,
     run_trimmed},
    {"real_rate",
     "nominal rate minus expected inflation, percentage points (fisher: exact)",
     "fisher",
     TWO,
     {0},
     mf__tf_lookback_none,
     run_spread},
    {"spread",
     "input 0 minus input 1 (term spread, rate differential / FX carry)",
     "",
     TWO,
     {0},
     mf__tf_lookback_none,
     run_spread},
    {"ratio_pct",
     "input 0 / input 1 x 100 (fiscal ratios: debt / GDP)",
     "",
     TWO,
     {0},
     mf__tf_lookback_none,
     run_ratio},
    {0},
};
