/*
 * nss.h - the Nelson-Siegel-Svensson zero curve: evaluation and a least-squares fit.
 *
 * Exports: mf_nss_params, mf_nss_zero(), mf_nss_df(), mf_nss_forward(); mf_nss_fit_result,
 * mf_nss_fit(); the bounds MF_NSS_TAU1_MIN .. MF_NSS_TAU2_MAX.
 *
 * The curve (L. E. O. Svensson, "Estimating and Interpreting Forward Interest Rates: Sweden
 * 1992-1994", NBER WP 4871, 1994; the form the Federal Reserve's Gurkaynak-Sack-Wright data
 * set publishes), with t in years and x_k = t / tau_k:
 *
 *   y(t) = b0 + b1 (1 - e^-x1) / x1 + b2 [(1 - e^-x1) / x1 - e^-x1]
 *             + b3 [(1 - e^-x2) / x2 - e^-x2]                 continuously compounded zero
 *   f(t) = b0 + b1 e^-x1 + b2 x1 e^-x1 + b3 x2 e^-x2           instantaneous forward
 *
 * Rates are decimals (GSW publishes the betas in percent: divide by 100). The fit is to
 * continuously compounded zero rates (the bootstrapped nodes of analytics/curve_ust.h), not to
 * par yields: the model is a zero curve, so the residuals are direct and the Jacobian exact.
 */
#ifndef MF_ANALYTICS_NSS_H
#define MF_ANALYTICS_NSS_H

#include <stddef.h>

#include "core/error.h"

/* Bounds the fit keeps (by reparametrisation; closed, so a fit may sit on one):
 * MF_NSS_TAU1_MIN <= tau1 <= MF_NSS_TAU1_MAX <= MF_NSS_TAU2_MIN <= tau2 <= MF_NSS_TAU2_MAX,
 * b0 >= 0 (the long-run level; an inverted curve can drive it to 0).
 * Disjoint tau ranges keep the two humps apart (otherwise b2 and b3 trade off along a flat
 * valley); tau1 above 0.05 years keeps the first hump inside the quoted tenors (the shortest,
 * 1 Mo, is 0.08 years) and the loadings finite. */
#define MF_NSS_TAU1_MIN 0.05
#define MF_NSS_TAU1_MAX 5.0
#define MF_NSS_TAU2_MIN 5.0
#define MF_NSS_TAU2_MAX 30.0

typedef struct mf_nss_params {
    double beta0, beta1, beta2, beta3; /* decimals */
    double tau1, tau2;                 /* years, > 0 */
} mf_nss_params;

/* The zero rate (continuous, decimal) at t years; t <= 0 gives the limit b0 + b1. */
double mf_nss_zero(const mf_nss_params *p, double t);

/* The discount factor exp(-y(t) t) (1 at t <= 0). */
double mf_nss_df(const mf_nss_params *p, double t);

/* The instantaneous forward rate (continuous, decimal) at t >= 0. */
double mf_nss_forward(const mf_nss_params *p, double t);

/* What a fit found. Errors are model - data in basis points. */
typedef struct mf_nss_fit_result {
    mf_nss_params params;
    double rmse_bp;     /* sqrt(mean squared error) */
    double max_abs_bp;  /* largest |error| */
    size_t iterations;  /* trust-region iterations of the chosen start */
    int start;          /* which start won (0-based: see mf_nss_fit) */
    int converged;      /* 1 when GSL's test passed (small step or small gradient) */
    const char *reason; /* "small step", "small gradient" or "iteration limit"; static text */
} mf_nss_fit_result;

/* Most points one fit takes. */
#define MF_NSS_MAX_POINTS 64

/*
 * Fits the curve to the n zero rates zero_cc[i] (continuous, decimal) at t_years[i] (> 0,
 * any order) by nonlinear least squares: GSL's gsl_multifit_nlinear, trust region with
 * Levenberg-Marquardt steps, the analytic Jacobian, residuals in basis points, on the
 * parameters (sqrt b0, b1, b2, b3, asin sqrt((tau1 - TAU1_MIN) / (TAU1_MAX - TAU1_MIN)),
 * asin sqrt((tau2 - TAU2_MIN) / (TAU2_MAX - TAU2_MIN))) so the bounds hold (nss.c).
 *
 * Starts: b0 = the zero rate of the longest t (at least 1bp), b1 = shortest minus longest,
 * b2 = b3 = 0, and (tau1, tau2) each of (0.5, 7.5), (1.5, 7.5), (3, 7.5), (0.5, 15),
 * (1.5, 15), (3, 15) in that order; the start with the smallest sum of squares wins (the first
 * on a tie). Each runs to GSL's tests with xtol = gtol = 1e-15 or 5000 iterations.
 *
 * Errors: MF_EINVAL for n < 6 (six parameters) or n > MF_NSS_MAX_POINTS, a time that is not a
 * positive finite number or a rate that is not finite (naming the point); MF_ERANGE when no
 * start produced a finite fit. *out written only on success; a fit that hit the iteration
 * limit is still a success with converged = 0.
 */
int mf_nss_fit(const double *t_years, const double *zero_cc, size_t n, mf_nss_fit_result *out,
               mf_error *err);

#endif
