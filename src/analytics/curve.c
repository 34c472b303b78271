/*
 * curve.c - discount curves from nodes (see curve.h).
 *
 * Flat-forward: ln DF is piecewise linear in t through (0, 0) and the nodes, so the
 * instantaneous forward is constant on each segment. Linear zero: the continuously compounded
 * zero rate z(t) = -ln DF / t is piecewise linear through the nodes. Monotone convex: Hagan &
 * West (2006), section 5, amended for positivity as in section 6 (see mc_set() and mc_g()).
 * Cubic zero: GSL's natural cubic spline (gsl_interp_cspline) through (t_i, z_i).
 * Lookups bisect the node times: O(log n), no allocation. At a node time every lookup returns
 * the node's own ln DF, so a value at a node depends on that node alone.
 */
#include "analytics/curve.h"

#include <gsl/gsl_interp.h>
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
    /* monotone convex: mc_fd[i] the discrete forward of segment i (from node i - 1, or 0, to
       node i); mc_f[0] the forward at t = 0 and mc_f[i + 1] the forward at node i (n + 1) */
    double *mc_fd, *mc_f;
    /* cubic zero: the spline over the n >= 3 nodes (allocated for spline_n nodes), and the
       instantaneous forward at the last node, which continues beyond it */
    gsl_interp *spline;
    size_t spline_n;
    double last_forward;
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
    mf_free(c->mc_fd);
    mf_free(c->mc_f);
    if (c->spline)
        gsl_interp_free(c->spline);
    mf_free(c);
}

/* ---- monotone convex (Hagan & West 2006) ----------------------------------------------------- */

/* x clamped into [lo, hi] (lo <= hi): the paper's bound(lo, x, hi). */
static double bound(double lo, double x, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/*
 * The node forwards of section 5: at an interior node the average of the neighbouring
 * discrete forwards weighted by the length of the other segment (the same expression as
 * QuantLib's ConvexMonotoneImpl, so the two agree to the last bit); at t = 0 and at the last
 * node the paper's end values f_0 = fd_1 - (f_1 - fd_1) / 2 and f_n = fd_n - (f_{n-1} - fd_n) / 2
 * (before the collar, each end segment is then the quadratic of sector (i) with zero slope at
 * its outer end, t = 0 or t_n). Then the positivity
 * amendment of section 6, applied to every node whose neighbouring discrete forwards are all
 * positive (a curve with negative discrete forwards has no positivity to keep):
 * f_0 in [0, 2 fd_1], f_i in [0, 2 min(fd_i, fd_{i+1})], f_n in [0, 2 fd_n]. The end values
 * are taken from the interior values before the collar.
 */
static void mc_set(mf_curve *c)
{
    size_t n = c->n;
    double *fd = c->mc_fd, *f = c->mc_f;
    for (size_t i = 0; i < n; i++) {
        double t0 = i ? c->t[i - 1] : 0.0, l0 = i ? c->logdf[i - 1] : 0.0;
        fd[i] = (l0 - c->logdf[i]) / (c->t[i] - t0);
    }
    if (n == 1) { /* one segment: its forward is constant */
        f[0] = f[1] = fd[0];
        return;
    }
    for (size_t i = 1; i < n; i++) { /* f[i] sits at node i - 1, between segments i - 1, i */
        double dx_prev = c->t[i - 1] - (i >= 2 ? c->t[i - 2] : 0.0);
        double dx = c->t[i] - c->t[i - 1];
        f[i] = dx / (dx + dx_prev) * fd[i - 1] + dx_prev / (dx + dx_prev) * fd[i];
    }
    f[0] = 1.5 * fd[0] - 0.5 * f[1];
    f[n] = 1.5 * fd[n - 1] - 0.5 * f[n - 1];
    if (fd[0] > 0.0)
        f[0] = bound(0.0, f[0], 2.0 * fd[0]);
    for (size_t i = 1; i < n; i++)
        if (fd[i - 1] > 0.0 && fd[i] > 0.0)
            f[i] = bound(0.0, f[i], 2.0 * fmin(fd[i - 1], fd[i]));
    if (fd[n - 1] > 0.0)
        f[n] = bound(0.0, f[n], 2.0 * fd[n - 1]);
}

/*
 * g(x) = f(t) - fd on a segment, x in [0, 1] the fraction of the segment, from g0 = f_left -
 * fd and g1 = f_right - fd (Hagan & West 2006, section 5, the four sectors; the tests of the
 * sectors and their order are QuantLib's ConvexMonotoneImpl with monotonicity 1 and
 * quadraticity 0, "the basic Hagan/West method"). With integral != 0 returns instead
 * G(x) = integral of g from 0 to x. The degenerate eta of sector (iv) (one of g0, g1 zero:
 * eta = 0 or 1) takes the branch whose denominator is not zero.
 */
static double mc_g(double g0, double g1, double x, bool integral)
{
    if (fabs(g0) < 1e-14 && fabs(g1) < 1e-14) /* flat: QuantLib's ConstantGradHelper */
        return integral ? g0 * x + (g1 - g0) * x * x / 2.0 : g0 + (g1 - g0) * x;
    if ((g0 > 0.0 && -0.5 * g0 >= g1 && g1 >= -2.0 * g0) ||
        (g0 < 0.0 && -0.5 * g0 <= g1 && g1 <= -2.0 * g0)) {
        /* (i): the quadratic through g0 and g1 with integral zero */
        if (integral)
            return g0 * (x - 2.0 * x * x + x * x * x) + g1 * (x * x * x - x * x);
        return g0 * (1.0 - 4.0 * x + 3.0 * x * x) + g1 * (3.0 * x * x - 2.0 * x);
    }
    if ((g0 < 0.0 && g1 > -2.0 * g0) || (g0 > 0.0 && g1 < -2.0 * g0)) {
        /* (ii): flat at g0 up to eta, then a quadratic up to g1 */
        double eta = (g1 + 2.0 * g0) / (g1 - g0), w = (g1 - g0) / ((1.0 - eta) * (1.0 - eta));
        if (x <= eta)
            return integral ? g0 * x : g0;
        double d = x - eta;
        return integral ? g0 * x + w * d * d * d / 3.0 : g0 + w * d * d;
    }
    if ((g0 > 0.0 && g1 < 0.0 && g1 > -0.5 * g0) || (g0 < 0.0 && g1 > 0.0 && g1 < -0.5 * g0)) {
        /* (iii): a quadratic from g0 down to g1 at eta, then flat at g1 */
        double eta = 3.0 * g1 / (g1 - g0), w = (g0 - g1) / (eta * eta);
        if (x <= eta) {
            double d = eta - x;
            return integral ? g1 * x + w * (eta * eta * eta - d * d * d) / 3.0 : g1 + w * d * d;
        }
        return integral ? g1 * x + w * eta * eta * eta / 3.0 : g1;
    }
    /* (iv): g0 and g1 of one sign: two quadratics meeting at their extremum A at eta */
    double eta = g1 / (g0 + g1), a = -g0 * g1 / (g0 + g1);
    if (eta > 0.0 && (x <= eta || eta >= 1.0)) {
        double w = (g0 - a) / (eta * eta), d = eta - x;
        return integral ? a * x + w * (eta * eta * eta - d * d * d) / 3.0 : a + w * d * d;
    }
    double w = (g1 - a) / ((1.0 - eta) * (1.0 - eta)), d = x - eta;
    if (!integral)
        return a + w * d * d;
    /* the first quadratic's full integral over [0, eta] is a eta + (g0 - a) eta / 3 */
    return a * x + (g0 - a) * eta / 3.0 + w * d * d * d / 3.0;
}

/* ---- setting a curve --------------------------------------------------------------------------
 */

static int check_nodes(const double *t, const double *df, size_t n, mf_interp interp, mf_error *err)
{
    if (n == 0)
        return mf_error_set(err, MF_EINVAL, "a curve needs at least one node");
    if (interp != MF_INTERP_FLAT_FORWARD && interp != MF_INTERP_LINEAR_ZERO &&
        interp != MF_INTERP_MONOTONE_CONVEX && interp != MF_INTERP_CUBIC_ZERO)
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
    return 0;
}

/* The spline through (t, zero) and the forward at the last node (n >= 3). */
static void cubic_set(mf_curve *c)
{
    size_t n = c->n;
    if (c->spline == NULL || c->spline_n != n) {
        if (c->spline)
            gsl_interp_free(c->spline);
        c->spline = gsl_interp_alloc(gsl_interp_cspline, n);
        c->spline_n = n;
    }
    /* node times strictly increase (checked), so GSL's own checks cannot fail */
    gsl_interp_init(c->spline, c->t, c->zero, n);
    double slope = gsl_interp_eval_deriv(c->spline, c->t, c->zero, c->t[n - 1], NULL);
    c->last_forward = c->zero[n - 1] + c->t[n - 1] * slope;
}

int mf_curve_set(mf_curve *c, const double *t, const double *df, size_t n, mf_interp interp,
                 mf_error *err)
{
    int rc = check_nodes(t, df, n, interp, err);
    if (rc)
        return rc;
    if (n > c->cap) {
        c->t = mf_reallocarray(c->t, n, sizeof *c->t);
        c->logdf = mf_reallocarray(c->logdf, n, sizeof *c->logdf);
        c->zero = mf_reallocarray(c->zero, n, sizeof *c->zero);
        c->mc_fd = mf_reallocarray(c->mc_fd, n, sizeof *c->mc_fd);
        c->mc_f = mf_reallocarray(c->mc_f, n + 1, sizeof *c->mc_f);
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        c->t[i] = t[i];
        c->logdf[i] = log(df[i]);
        c->zero[i] = -c->logdf[i] / t[i];
    }
    c->n = n;
    c->interp = interp;
    if (interp == MF_INTERP_MONOTONE_CONVEX)
        mc_set(c);
    if (interp == MF_INTERP_CUBIC_ZERO) {
        if (n >= 3) {
            cubic_set(c);
        } else if (n == 2) { /* the natural spline through two points is their line */
            double slope = (c->zero[1] - c->zero[0]) / (t[1] - t[0]);
            c->last_forward = c->zero[1] + t[1] * slope;
        } else {
            c->last_forward = c->zero[0];
        }
    }
    return 0;
}

/* ---- lookups -----------------------------------------------------------------------------------
 */

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

/* The cubic-zero spline's value (derivative) at t in [t_1, t_n]. */
static double cubic_zero_at(const mf_curve *c, double t, bool derivative)
{
    if (c->n >= 3)
        return derivative ? gsl_interp_eval_deriv(c->spline, c->t, c->zero, t, NULL)
                          : gsl_interp_eval(c->spline, c->t, c->zero, t, NULL);
    double slope = (c->zero[1] - c->zero[0]) / (c->t[1] - c->t[0]); /* n == 2 */
    return derivative ? slope : c->zero[0] + slope * (t - c->t[0]);
}

static double log_df(const mf_curve *c, double t)
{
    if (t <= 0.0)
        return 0.0;
    size_t i = segment(c, t);
    size_t last = c->n - 1;
    if (t == c->t[i])
        return c->logdf[i];
    double t0 = i ? c->t[i - 1] : 0.0, l0 = i ? c->logdf[i - 1] : 0.0;
    switch (c->interp) {
    case MF_INTERP_FLAT_FORWARD: {
        /* the segment [t0, t1] in ln DF, with (0, 0) before the first node; beyond the last
           node i is the last segment, whose forward continues */
        double t1 = c->t[i], l1 = c->logdf[i];
        return l0 + (l1 - l0) * (t - t0) / (t1 - t0);
    }
    case MF_INTERP_LINEAR_ZERO: {
        double z;
        if (c->n == 1 || (i == 0 && t <= c->t[0])) {
            z = c->zero[0];
        } else {
            size_t j = i == 0 ? 1 : i; /* t > last node: j = n - 1 extends the last line */
            double ta = c->t[j - 1], tb = c->t[j];
            z = c->zero[j - 1] + (c->zero[j] - c->zero[j - 1]) * (t - ta) / (tb - ta);
        }
        return -z * t;
    }
    case MF_INTERP_MONOTONE_CONVEX: {
        if (t > c->t[last])
            return c->logdf[last] - c->mc_f[last + 1] * (t - c->t[last]);
        double h = c->t[i] - t0, x = (t - t0) / h, fd = c->mc_fd[i];
        return l0 - h * (fd * x + mc_g(c->mc_f[i] - fd, c->mc_f[i + 1] - fd, x, true));
    }
    case MF_INTERP_CUBIC_ZERO:
        if (t < c->t[0])
            return -c->zero[0] * t;
        if (t > c->t[last])
            return c->logdf[last] - c->last_forward * (t - c->t[last]);
        return -cubic_zero_at(c, t, false) * t;
    }
    return NAN;
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

double mf_curve_inst_forward(const mf_curve *c, double t)
{
    if (t < 0.0)
        t = 0.0;
    size_t i = segment(c, t), last = c->n - 1;
    double t0 = i ? c->t[i - 1] : 0.0, l0 = i ? c->logdf[i - 1] : 0.0;
    switch (c->interp) {
    case MF_INTERP_FLAT_FORWARD: return (l0 - c->logdf[i]) / (c->t[i] - t0);
    case MF_INTERP_LINEAR_ZERO: {
        if (c->n == 1 || (i == 0 && t <= c->t[0]))
            return c->zero[0];
        size_t j = i == 0 ? 1 : i;
        double ta = c->t[j - 1], tb = c->t[j];
        double slope = (c->zero[j] - c->zero[j - 1]) / (tb - ta);
        return c->zero[j - 1] + slope * (t - ta) + t * slope; /* d(z t)/dt = z + t z' */
    }
    case MF_INTERP_MONOTONE_CONVEX: {
        if (t > c->t[last])
            return c->mc_f[last + 1];
        double x = (t - t0) / (c->t[i] - t0), fd = c->mc_fd[i];
        return fd + mc_g(c->mc_f[i] - fd, c->mc_f[i + 1] - fd, x, false);
    }
    case MF_INTERP_CUBIC_ZERO:
        if (t <= c->t[0])
            return c->zero[0];
        if (t > c->t[last])
            return c->last_forward;
        return cubic_zero_at(c, t, false) + t * cubic_zero_at(c, t, true);
    }
    return NAN;
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
