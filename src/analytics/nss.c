/*
 * nss.c - Nelson-Siegel-Svensson curves: evaluation and the GSL least-squares fit (nss.h).
 *
 * The fit works on q = (sqrt b0, b1, b2, b3, asin sqrt((tau1 - a1) / (c1 - a1)),
 * asin sqrt((tau2 - a2) / (c2 - a2))), [a_k, c_k] the bounds of tau_k: b0 = q0^2 and
 * tau_k = a_k + (c_k - a_k) sin^2 q_k, so every q in R^6 is a curve inside the bounds, and a
 * bound is reached at a finite q where the derivative vanishes. (An exp or logistic map only
 * approaches its bound: when the best fit lies on one, as for b0 on inverted curves or tau2 at
 * 30 years on flat ones, the optimiser crawls towards it and stops on the iteration cap.)
 * Residuals are (y(t_i) - z_i) in basis points so GSL's step and gradient tolerances act on
 * numbers of order one. Jacobian, with L(x) = (1 - e^-x) / x and
 * L'(x) = e^-x / x - (1 - e^-x) / x^2, x = t / tau, dx/dtau = -x/tau:
 *   dy/db0 = 1,  dy/db1 = L(x1),  dy/db2 = L(x1) - e^-x1,  dy/db3 = L(x2) - e^-x2,
 *   dy/dtau1 = -(x1/tau1) [b1 L'(x1) + b2 (L'(x1) + e^-x1)],
 *   dy/dtau2 = -(x2/tau2) b3 (L'(x2) + e^-x2),
 *   db0/dq0 = 2 q0,  dtau_k/dq_k = (c_k - a_k) sin 2q_k.
 */
#include "analytics/nss.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdbool.h>

#define BP           10000.0
#define NPAR         6
#define FIT_XTOL     1e-15
#define FIT_GTOL     1e-15
#define FIT_FTOL     0.0
#define FIT_MAX_ITER 5000
#define SMALL_X      1e-6 /* below it L(x) and L'(x) from their series */
#define MIN_START_B0 1e-4

static const double tau_starts[][2] = {{0.5, 7.5},  {1.5, 7.5},  {3.0, 7.5},
                                       {0.5, 15.0}, {1.5, 15.0}, {3.0, 15.0}};
#define START_COUNT (sizeof tau_starts / sizeof tau_starts[0])

/* L(x) = (1 - e^-x) / x, and its derivative given e = e^-x. */
static double loading(double x)
{
    return x < SMALL_X ? 1.0 - x / 2.0 + x * x / 6.0 : -expm1(-x) / x;
}

static double loading_deriv(double x, double e)
{
    return x < SMALL_X ? -0.5 + x / 3.0 : e / x + expm1(-x) / (x * x);
}

double mf_nss_zero(const mf_nss_params *p, double t)
{
    if (t <= 0.0)
        return p->beta0 + p->beta1;
    double x1 = t / p->tau1, x2 = t / p->tau2, e1 = exp(-x1), e2 = exp(-x2);
    double l1 = loading(x1), l2 = loading(x2);
    return p->beta0 + p->beta1 * l1 + p->beta2 * (l1 - e1) + p->beta3 * (l2 - e2);
}

double mf_nss_df(const mf_nss_params *p, double t)
{
    return t <= 0.0 ? 1.0 : exp(-mf_nss_zero(p, t) * t);
}

double mf_nss_forward(const mf_nss_params *p, double t)
{
    if (t < 0.0)
        t = 0.0;
    double x1 = t / p->tau1, x2 = t / p->tau2, e1 = exp(-x1), e2 = exp(-x2);
    return p->beta0 + p->beta1 * e1 + p->beta2 * x1 * e1 + p->beta3 * x2 * e2;
}

/* tau in [lo, hi] from q in R (lo + (hi - lo) sin^2 q), its derivative, and back. */
static double bounded(double q, double lo, double hi)
{
    double sq = sin(q);
    return lo + (hi - lo) * sq * sq;
}

static double bounded_deriv(double q, double lo, double hi)
{
    return (hi - lo) * sin(2.0 * q);
}

static double unbounded(double tau, double lo, double hi)
{
    return asin(sqrt((tau - lo) / (hi - lo)));
}

static mf_nss_params from_q(const gsl_vector *q)
{
    mf_nss_params p;
    double q0 = gsl_vector_get(q, 0);
    p.beta0 = q0 * q0;
    p.beta1 = gsl_vector_get(q, 1);
    p.beta2 = gsl_vector_get(q, 2);
    p.beta3 = gsl_vector_get(q, 3);
    p.tau1 = bounded(gsl_vector_get(q, 4), MF_NSS_TAU1_MIN, MF_NSS_TAU1_MAX);
    p.tau2 = bounded(gsl_vector_get(q, 5), MF_NSS_TAU2_MIN, MF_NSS_TAU2_MAX);
    return p;
}

typedef struct fit_data {
    const double *t, *z;
    size_t n;
} fit_data;

static int residuals(const gsl_vector *q, void *ctx, gsl_vector *f)
{
    const fit_data *d = ctx;
    mf_nss_params p = from_q(q);
    for (size_t i = 0; i < d->n; i++) {
        double r = (mf_nss_zero(&p, d->t[i]) - d->z[i]) * BP;
        if (!isfinite(r))
            return GSL_EBADFUNC;
        gsl_vector_set(f, i, r);
    }
    return GSL_SUCCESS;
}

static int jacobian(const gsl_vector *q, void *ctx, gsl_matrix *jac)
{
    const fit_data *d = ctx;
    mf_nss_params p = from_q(q);
    double db0 = 2.0 * gsl_vector_get(q, 0);
    double dtau1 = bounded_deriv(gsl_vector_get(q, 4), MF_NSS_TAU1_MIN, MF_NSS_TAU1_MAX);
    double dtau2 = bounded_deriv(gsl_vector_get(q, 5), MF_NSS_TAU2_MIN, MF_NSS_TAU2_MAX);
    for (size_t i = 0; i < d->n; i++) {
        double x1 = d->t[i] / p.tau1, x2 = d->t[i] / p.tau2, e1 = exp(-x1), e2 = exp(-x2);
        double l1 = loading(x1), l2 = loading(x2);
        double d1 = loading_deriv(x1, e1), d2 = loading_deriv(x2, e2);
        double dy_tau1 = -(x1 / p.tau1) * (p.beta1 * d1 + p.beta2 * (d1 + e1));
        double dy_tau2 = -(x2 / p.tau2) * p.beta3 * (d2 + e2);
        gsl_matrix_set(jac, i, 0, db0 * BP);
        gsl_matrix_set(jac, i, 1, l1 * BP);
        gsl_matrix_set(jac, i, 2, (l1 - e1) * BP);
        gsl_matrix_set(jac, i, 3, (l2 - e2) * BP);
        gsl_matrix_set(jac, i, 4, dy_tau1 * dtau1 * BP);
        gsl_matrix_set(jac, i, 5, dy_tau2 * dtau2 * BP);
    }
    return GSL_SUCCESS;
}

int mf_nss_fit(const double *t_years, const double *zero_cc, size_t n, mf_nss_fit_result *out,
               mf_error *err)
{
    if (n < NPAR || n > MF_NSS_MAX_POINTS)
        return mf_error_set(err, MF_EINVAL,
                            "a Nelson-Siegel-Svensson fit needs %d to %d zero rates, got %zu", NPAR,
                            MF_NSS_MAX_POINTS, n);
    size_t shortest = 0, longest = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(isfinite(t_years[i]) && t_years[i] > 0.0))
            return mf_error_set(err, MF_EINVAL, "fit point %zu: time %g is not a positive number",
                                i + 1, t_years[i]);
        if (!isfinite(zero_cc[i]))
            return mf_error_set(err, MF_EINVAL, "fit point %zu: zero rate %g is not finite", i + 1,
                                zero_cc[i]);
        if (t_years[i] < t_years[shortest])
            shortest = i;
        if (t_years[i] > t_years[longest])
            longest = i;
    }
    fit_data data = {t_years, zero_cc, n};
    gsl_multifit_nlinear_fdf fdf = {0};
    fdf.f = residuals;
    fdf.df = jacobian;
    fdf.fvv = NULL;
    fdf.n = n;
    fdf.p = NPAR;
    fdf.params = &data;
    gsl_multifit_nlinear_parameters params = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params, n, NPAR);
    gsl_vector *q0 = gsl_vector_alloc(NPAR);
    if (w == NULL || q0 == NULL) {
        gsl_multifit_nlinear_free(w);
        gsl_vector_free(q0);
        return mf_error_set(err, MF_ENOMEM, "out of memory for the Nelson-Siegel-Svensson fit");
    }
    double b0 = fmax(zero_cc[longest], MIN_START_B0);
    bool found = false;
    mf_nss_fit_result best = {0};
    double best_cost = INFINITY;
    for (size_t s = 0; s < START_COUNT; s++) {
        gsl_vector_set(q0, 0, sqrt(b0));
        gsl_vector_set(q0, 1, zero_cc[shortest] - zero_cc[longest]);
        gsl_vector_set(q0, 2, 0.0);
        gsl_vector_set(q0, 3, 0.0);
        gsl_vector_set(q0, 4, unbounded(tau_starts[s][0], MF_NSS_TAU1_MIN, MF_NSS_TAU1_MAX));
        gsl_vector_set(q0, 5, unbounded(tau_starts[s][1], MF_NSS_TAU2_MIN, MF_NSS_TAU2_MAX));
        if (gsl_multifit_nlinear_init(q0, &fdf, w) != GSL_SUCCESS)
            continue;
        int info = 0;
        int status = gsl_multifit_nlinear_driver(FIT_MAX_ITER, FIT_XTOL, FIT_GTOL, FIT_FTOL, NULL,
                                                 NULL, &info, w);
        if (status != GSL_SUCCESS && status != GSL_EMAXITER)
            continue;
        gsl_vector *f = gsl_multifit_nlinear_residual(w);
        double cost = 0.0, max_abs = 0.0;
        gsl_blas_ddot(f, f, &cost);
        for (size_t i = 0; i < n; i++)
            max_abs = fmax(max_abs, fabs(gsl_vector_get(f, i)));
        if (!isfinite(cost) || !(cost < best_cost))
            continue;
        best_cost = cost;
        found = true;
        best.params = from_q(gsl_multifit_nlinear_position(w));
        best.rmse_bp = sqrt(cost / (double)n);
        best.max_abs_bp = max_abs;
        best.iterations = gsl_multifit_nlinear_niter(w);
        best.start = (int)s;
        best.converged = status == GSL_SUCCESS;
        best.reason = status != GSL_SUCCESS ? "iteration limit"
                      : info == 1           ? "small step"
                                            : "small gradient";
    }
    gsl_multifit_nlinear_free(w);
    gsl_vector_free(q0);
    if (!found)
        return mf_error_set(err, MF_ERANGE,
                            "the Nelson-Siegel-Svensson fit found no finite solution from any of "
                            "its %zu starts",
                            START_COUNT);
    *out = best;
    return 0;
}
