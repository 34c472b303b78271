/*
 * curve.c - discount curves from nodes (see curve.h).
 *
 * Flat-forward: ln DF is piecewise linear in t through (0, 0) and the nodes, so the
 * instantaneous forward is constant on each segment. Linear zero: the continuously compounded
 * zero rate z(t) = -ln DF / t is piecewise linear through the nodes. Lookups bisect the node
 * times: O(log n), no allocation.
 */
#include "analytics/curve.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/alloc.h"

struct mf_curve {
    mf_interp interp;
    size_t n, cap;
    double *t;
    double *logdf; /* ln DF at each node */
    double *zero;  /* continuous zero rate at each node */
};

double mf_rate_to_df(double r, double t, mf_compounding c)
{
    switch (c) {
    case MF_COMPOUNDING_SIMPLE: return 1.0 / (1.0 + r * t);
    case MF_COMPOUNDING_ANNUAL: return pow(1.0 + r, -t);
    case MF_COMPOUNDING_SEMIANNUAL: return pow(1.0 + r / 2.0, -2.0 * t);
    case MF_COMPOUNDING_CONTINUOUS: return exp(-r * t);
    }
    return NAN;
}

double mf_df_to_rate(double df, double t, mf_compounding c)
{
    switch (c) {
    case MF_COMPOUNDING_SIMPLE: return (1.0 / df - 1.0) / t;
    case MF_COMPOUNDING_ANNUAL: return pow(df, -1.0 / t) - 1.0;
    case MF_COMPOUNDING_SEMIANNUAL: return 2.0 * (pow(df, -1.0 / (2.0 * t)) - 1.0);
    case MF_COMPOUNDING_CONTINUOUS: return -log(df) / t;
    }
    return NAN;
}

mf_curve *mf_curve_new(void)
{
    return mf_calloc(1, sizeof(mf_curve));
}

void mf_curve_free(mf_curve *c)
{
    if (c == NULL)
        return;
    mf_free(c->t);
    mf_free(c->logdf);
    mf_free(c->zero);
    mf_free(c);
}

int mf_curve_set(mf_curve *c, const double *t, const double *df, size_t n, mf_interp interp,
                 mf_error *err)
{
    if (n == 0)
        return mf_error_set(err, MF_EINVAL, "a curve needs at least one node");
    if (interp != MF_INTERP_FLAT_FORWARD && interp != MF_INTERP_LINEAR_ZERO)
        return mf_error_set(err, MF_EINVAL, "unknown interpolation %d", (int)interp);
    for (size_t i = 0; i < n; i++) {
        if (!(isfinite(t[i]) && t[i] > (i ? t[i - 1] : 0.0)))
            return mf_error_set(err, MF_EINVAL, "curve node %zu: time %.10g is not after %.10g",
                                i + 1, t[i], i ? t[i - 1] : 0.0);
        if (!(isfinite(df[i]) && df[i] > 0.0))
            return mf_error_set(err, MF_EINVAL,
                                "curve node %zu: discount factor %.10g is not positive", i + 1,
                                df[i]);
    }
    if (n > c->cap) {
        c->t = mf_reallocarray(c->t, n, sizeof *c->t);
        c->logdf = mf_reallocarray(c->logdf, n, sizeof *c->logdf);
        c->zero = mf_reallocarray(c->zero, n, sizeof *c->zero);
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        c->t[i] = t[i];
        c->logdf[i] = log(df[i]);
        c->zero[i] = -c->logdf[i] / t[i];
    }
    c->n = n;
    c->interp = interp;
    return 0;
}

/* The segment of t: the index of the first node with time >= t, at most n - 1. */
static size_t segment(const mf_curve *c, double t)
{
    size_t lo = 0, hi = c->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->t[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double log_df(const mf_curve *c, double t)
{
    if (t <= 0.0)
        return 0.0;
    size_t i = segment(c, t);
    if (c->interp == MF_INTERP_FLAT_FORWARD) {
        /* the segment [t0, t1] in ln DF, with (0, 0) before the first node */
        double t0 = i ? c->t[i - 1] : 0.0, l0 = i ? c->logdf[i - 1] : 0.0;
        double t1 = c->t[i], l1 = c->logdf[i];
        /* beyond the last node i is the last segment, whose forward continues */
        return l0 + (l1 - l0) * (t - t0) / (t1 - t0);
    }
    double z;
    if (c->n == 1 || (i == 0 && t <= c->t[0])) {
        z = c->zero[0];
    } else {
        size_t j = i == 0 ? 1 : i; /* t > last node: j = n - 1 extends the last line */
        double t0 = c->t[j - 1], t1 = c->t[j];
        z = c->zero[j - 1] + (c->zero[j] - c->zero[j - 1]) * (t - t0) / (t1 - t0);
    }
    return -z * t;
}

double mf_curve_df(const mf_curve *c, double t)
{
    return exp(log_df(c, t));
}

double mf_curve_zero(const mf_curve *c, double t, mf_compounding comp)
{
    return mf_df_to_rate(mf_curve_df(c, t), t, comp);
}

double mf_curve_forward(const mf_curve *c, double t1, double t2, mf_compounding comp)
{
    return mf_df_to_rate(exp(log_df(c, t2) - log_df(c, t1)), t2 - t1, comp);
}

size_t mf_curve_size(const mf_curve *c)
{
    return c->n;
}

double mf_curve_node_t(const mf_curve *c, size_t i)
{
    return c->t[i];
}

double mf_curve_node_df(const mf_curve *c, size_t i)
{
    return exp(c->logdf[i]);
}
