/*
 * transform_returns.c - the returns and volatility family of the transform registry: simple
 * and log returns, excess returns over a money-market rate, rolling, EWMA (RiskMetrics) and
 * realised volatility, rolling correlation and beta of log returns.
 *
 * Exports: mf__tf_returns[] (see transform.h). Every function is one forward pass, O(n).
 */
#include <math.h>

#include "analytics/transform.h"
#include "core/alloc.h"
#include "core/series.h"

/* x[i] / x[i - lag] - 1 (log: its log), NaN for the first lag positions. */
static int run_ret(const mf_tf_input *in, const mf_tf_params *p, bool logs, double *out)
{
    const double *x = in->x;
    for (size_t i = 0; i < in->n; i++)
        out[i] = i < p->lag ? NAN : logs ? log(x[i] / x[i - p->lag]) : x[i] / x[i - p->lag] - 1.0;
    return 0;
}

static int run_ret_simple(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    return run_ret(in, p, false, out);
}

static int run_ret_log(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    return run_ret(in, p, true, out);
}

/*
 * The simple return of input 0 over each period minus the return of the money-market rate
 * (input 1, percent a year) over it, at the rate known at the period's start:
 * (1 + r/100)^(1/252) - 1 per observation (BUS/252) or r/100 * days/360 (ACT/360).
 */
static int run_ret_excess(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    const double *x = in->x, *r = in->x + in->n;
    for (size_t i = 0; i < in->n; i++) {
        if (i == 0) {
            out[i] = NAN;
            continue;
        }
        double carry = p->basis == MF_TF_BUS252
                           ? pow(1.0 + r[i - 1] / 100.0, 1.0 / 252.0) - 1.0
                           : r[i - 1] / 100.0 * (double)(in->dates[i] - in->dates[i - 1]) / 360.0;
        out[i] = x[i] / x[i - 1] - 1.0 - carry;
    }
    return 0;
}

/* Rolling std of v (window, min_periods) times scale into out. */
static int rolling_std(const mf_tf_input *in, const double *v, const mf_tf_params *p,
                       bool root_mean, double scale, double *out, mf_error *err)
{
    mf_series_view view = {in->dates, v, in->n};
    mf_series_rolling r;
    int rc = mf_series_rolling_init(&r, view, p->window, p->min_periods, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; mf_series_rolling_next(&r); i++)
        out[i] = (root_mean ? sqrt(mf_series_rolling_mean(&r)) : mf_series_rolling_std(&r)) * scale;
    return 0;
}

/* Sample std of the log returns over the last window returns, times sqrt(ann). */
static int run_vol_rolling(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    double *r = mf_malloc((in->n + 1) * sizeof *r);
    mf__tf_log_returns(in->x, in->n, r);
    int rc = rolling_std(in, r, p, false, sqrt(p->ann), out, err);
    mf_free(r);
    return rc;
}

/* sqrt(ann * mean of the squared log returns over the window): zero-mean realised vol. */
static int run_vol_realised(const mf_tf_input *in, const mf_tf_params *p, double *out,
                            mf_error *err)
{
    double *r = mf_malloc((in->n + 1) * sizeof *r);
    mf__tf_log_returns(in->x, in->n, r);
    for (size_t i = 0; i < in->n; i++)
        r[i] *= r[i];
    int rc = rolling_std(in, r, p, true, sqrt(p->ann), out, err);
    mf_free(r);
    return rc;
}

/*
 * RiskMetrics: var_t = lambda var_{t-1} + (1 - lambda) r_t^2 from var = r_1^2 at the first
 * return, missing returns skipped (the variance carries); output sqrt(ann var_t).
 */
static int run_vol_ewma(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    double var = NAN;
    for (size_t i = 0; i < in->n; i++) {
        double r = i == 0 ? NAN : log(in->x[i] / in->x[i - 1]);
        if (!isnan(r))
            var = isnan(var) ? r * r : p->lambda * var + (1.0 - p->lambda) * r * r;
        out[i] = sqrt(var * p->ann);
    }
    return 0;
}

/* Running co-moments of pairs, with removal (Welford). */
typedef struct comoment {
    double n, mx, my, cxx, cyy, cxy;
} comoment;

static void co_add(comoment *c, double x, double y)
{
    c->n += 1.0;
    double dx = x - c->mx, dy = y - c->my;
    c->mx += dx / c->n;
    c->my += dy / c->n;
    c->cxx += dx * (x - c->mx);
    c->cyy += dy * (y - c->my);
    c->cxy += dx * (y - c->my);
}

static void co_remove(comoment *c, double x, double y)
{
    if (c->n <= 1.0) {
        *c = (comoment){0};
        return;
    }
    c->n -= 1.0;
    double dx = x - c->mx, dy = y - c->my;
    c->mx -= dx / c->n;
    c->my -= dy / c->n;
    c->cxx -= dx * (x - c->mx);
    c->cyy -= dy * (y - c->my);
    c->cxy -= dx * (y - c->my);
}

/* Rolling correlation (beta: false) or beta of input 0 on input 1 of log returns. */
static int run_co(const mf_tf_input *in, const mf_tf_params *p, bool beta, double *out)
{
    size_t n = in->n, w = p->window;
    double *rx = mf_malloc(2 * (n + 1) * sizeof *rx), *ry = rx + n + 1;
    mf__tf_log_returns(in->x, n, rx);
    mf__tf_log_returns(in->x + n, n, ry);
    comoment c = {0};
    for (size_t i = 0; i < n; i++) {
        if (!isnan(rx[i]) && !isnan(ry[i]))
            co_add(&c, rx[i], ry[i]);
        if (i >= w && !isnan(rx[i - w]) && !isnan(ry[i - w]))
            co_remove(&c, rx[i - w], ry[i - w]);
        if (c.n < (double)p->min_periods || c.n < 2.0 || c.cyy <= 0.0 || (!beta && c.cxx <= 0.0))
            out[i] = NAN;
        else
            out[i] = beta ? c.cxy / c.cyy : c.cxy / sqrt(c.cxx * c.cyy);
    }
    mf_free(rx);
    return 0;
}

static int run_corr(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    return run_co(in, p, false, out);
}

static int run_beta(const mf_tf_input *in, const mf_tf_params *p, double *out, mf_error *err)
{
    (void)err;
    return run_co(in, p, true, out);
}

#define ONE 1, 1, MF_TF_ALIGN_FFILL, false
#define TWO 2, 2, MF_TF_ALIGN_FFILL, false

const mf_transform mf__tf_returns[] = {
    {"ret_simple",
     "simple return over lag observations, decimal",
     "lag",
     ONE,
     {.lag = 1},
     mf__tf_lookback_lag,
     run_ret_simple},
    {"ret_log",
     "log return over lag observations",
     "lag",
     ONE,
     {.lag = 1},
     mf__tf_lookback_lag,
     run_ret_log},
    {"ret_excess",
     "simple return of input 0 minus the carry of rate input 1 (% a.a.), decimal",
     "basis",
     TWO,
     {.basis = MF_TF_BUS252, .lag = 1},
     mf__tf_lookback_lag,
     run_ret_excess},
    {"vol_rolling",
     "rolling sample std of log returns times sqrt(ann), decimal a year",
     "window min_periods ann",
     ONE,
     {.window = 21, .min_periods = 21, .ann = 252.0},
     mf__tf_lookback_window_ret,
     run_vol_rolling},
    {"vol_ewma",
     "EWMA (RiskMetrics) vol of log returns times sqrt(ann), decimal a year",
     "lambda ann",
     ONE,
     {.lambda = 0.94, .ann = 252.0},
     mf__tf_lookback_all,
     run_vol_ewma},
    {"vol_realised",
     "sqrt(ann x mean squared log return) over the window, decimal a year",
     "window min_periods ann",
     ONE,
     {.window = 21, .min_periods = 21, .ann = 252.0},
     mf__tf_lookback_window_ret,
     run_vol_realised},
    {"corr_rolling",
     "rolling correlation of the log returns of inputs 0 and 1",
     "window min_periods",
     TWO,
     {.window = 63, .min_periods = 63},
     mf__tf_lookback_window_ret,
     run_corr},
    {"beta_rolling",
     "rolling beta of input 0's log returns on input 1's",
     "window min_periods",
     TWO,
     {.window = 63, .min_periods = 63},
     mf__tf_lookback_window_ret,
     run_beta},
    {0},
};
