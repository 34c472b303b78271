/*
 * curve.h - discount curves from nodes (time, discount factor), interpolation, and rate
 * conversions between compounding conventions.
 *
 * Exports: mf_compounding, mf_rate_to_df(), mf_df_to_rate(), mf_interp, mf_curve (opaque,
 * reusable: set it again for every date without allocating), mf_curve_new() / _free(),
 * mf_curve_set(), mf_curve_df(), mf_curve_zero(), mf_curve_forward(), mf_curve_inst_forward().
 *
 * Times are year fractions under the curve's day count, measured from the curve date: for a
 * BRL curve t = du / 252 (BUS/252), for a USD curve ACT/365F or ACT/ACT. Rates are decimals
 * (0.1065 for 10.65%) unless a name says _pct.
 */
#ifndef MF_ANALYTICS_CURVE_H
#define MF_ANALYTICS_CURVE_H

#include <stddef.h>

#include "core/error.h"

/* How a rate accrues over a year fraction t. */
typedef enum mf_compounding {
    MF_COMPOUNDING_SIMPLE,     /* 1 + r t            (ACT/360 money market, cupom cambial) */
    MF_COMPOUNDING_ANNUAL,     /* (1 + r)^t          (BUS/252 exponential, ACT/365F annual) */
    MF_COMPOUNDING_SEMIANNUAL, /* (1 + r/2)^(2t)     (Treasury yields) */
    MF_COMPOUNDING_CONTINUOUS  /* exp(r t) */
} mf_compounding;

/* Discount factor of rate r over t years (t >= 0). */
double mf_rate_to_df(double r, double t, mf_compounding c);

/* The rate whose discount factor over t > 0 years is df (> 0). */
double mf_df_to_rate(double df, double t, mf_compounding c);

/* How discount factors between nodes are found. */
typedef enum mf_interp {
    /* log-linear in discount factors: a constant instantaneous forward rate between nodes,
       the Brazilian market standard (ANBIMA, B3); beyond the last node the last forward
       continues (flat-forward extrapolation) */
    MF_INTERP_FLAT_FORWARD,
    /* linear in continuously compounded zero rates; before the first node the first zero
       rate holds; beyond the last node the last segment's line continues */
    MF_INTERP_LINEAR_ZERO,
    /* Hagan & West (2006), "Interpolation methods for curve construction", Applied
       Mathematical Finance 13(2), section 5 (the monotone convex method) with the
       positivity amendment of section 6: the instantaneous forward is built from the
       discrete forwards fd_i = (ln DF_{i-1} - ln DF_i) / (t_i - t_{i-1}) (with (0, 1) as
       node 0), integrates to each fd_i over its segment (so every node DF is reproduced),
       is continuous, stays monotone where the discrete forwards are, and, where the
       discrete forwards on both sides of a node are positive, the node forward is collared
       into [0, 2 min(fd)] so the forward stays non-negative; beyond the last node the last
       instantaneous forward continues (flat-forward extrapolation) */
    MF_INTERP_MONOTONE_CONVEX,
    /* natural cubic spline (second derivative zero at the first and last node) through the
       continuously compounded zero rates (t_i, z_i) (GSL's cspline); before the first node
       the first zero rate holds (no knot at t = 0: the shortest quote, e.g. the one-day CDI,
       is the best estimate of the short rate, and a knot there would bend the spline over
       the first segment); beyond the last node the instantaneous forward at the last node,
       z_n + t_n z'(t_n), continues (flat-forward extrapolation) */
    MF_INTERP_CUBIC_ZERO
} mf_interp;

typedef struct mf_curve mf_curve;

/* An empty curve. Caller owns the result; free with mf_curve_free(). */
mf_curve *mf_curve_new(void);

/* Releases c; NULL is allowed. */
void mf_curve_free(mf_curve *c);

/*
 * Sets c to the n nodes (t[i], df[i]), replacing what it held. The buffers grow once and are
 * reused: setting a curve again with no more nodes than before allocates nothing (the cubic
 * spline's GSL workspace is reallocated only when the node count changes). Times must strictly
 * increase and be > 0; discount factors must be positive and finite. The point (0, 1) is implied.
 * MF_EINVAL naming the node otherwise; c unchanged.
 */
int mf_curve_set(mf_curve *c, const double *t, const double *df, size_t n, mf_interp interp,
                 mf_error *err);

/* Discount factor at t >= 0 (1 at t = 0). */
double mf_curve_df(const mf_curve *c, double t);

/* Zero rate to t > 0 in compounding comp. */
double mf_curve_zero(const mf_curve *c, double t, mf_compounding comp);

/* Forward rate from t1 to t2 > t1 in compounding comp (over the year fraction t2 - t1). */
double mf_curve_forward(const mf_curve *c, double t1, double t2, mf_compounding comp);

/*
 * Instantaneous forward rate at t (continuously compounded, a year): -d ln DF / dt. At a node
 * it is the limit from the left (the segment ending there); at t <= 0 the limit from the
 * right at 0.
 */
double mf_curve_inst_forward(const mf_curve *c, double t);

/* Number of nodes, and node i's time and discount factor. */
size_t mf_curve_size(const mf_curve *c);
double mf_curve_node_t(const mf_curve *c, size_t i);
double mf_curve_node_df(const mf_curve *c, size_t i);

#endif
