/*
 * regress.h - linear regressions: ordinary least squares with plain or Newey-West standard
 * errors, ridge, and rolling OLS in O(n) over a series.
 *
 * Exports: MF_REGRESS_MAX_COEF, mf_ols_cov, mf_ols and mf_ols_fit(),
 * mf_ols_newey_west_lags(), mf_ridge_fit(), mf_ols_rolling().
 *
 * Data layout: y[0..n) and k regressors x, column-major (x[j * n + i] is row i of regressor
 * j, mf_series_aligned's layout). With intercept the model is y = b0 + b1 x1 + ... + bk xk + u
 * and coefficient 0 is the intercept; without, y = b1 x1 + ... and coefficient j - 1 belongs
 * to x_j. Rows where y or any regressor is NaN are dropped (statsmodels missing="drop").
 * p = k + (intercept ? 1 : 0) coefficients in all.
 */
#ifndef MF_ANALYTICS_REGRESS_H
#define MF_ANALYTICS_REGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Most coefficients (intercept included) a regression here estimates. */
#define MF_REGRESS_MAX_COEF 16

/* Which covariance of the coefficients the standard errors come from. */
typedef enum mf_ols_cov {
    MF_OLS_COV_PLAIN,     /* s^2 (X'X)^-1, s^2 = SSR / (m - p): homoskedastic, uncorrelated */
    MF_OLS_COV_NEWEY_WEST /* (X'X)^-1 S (X'X)^-1 with the Bartlett-kernel HAC S below */
} mf_ols_cov;

/* One OLS fit. Fields past ncoef are unset. */
typedef struct mf_ols {
    size_t nobs;  /* m: complete rows used */
    size_t ncoef; /* p */
    size_t lags;  /* Newey-West lags used (0 for plain) */
    double coef[MF_REGRESS_MAX_COEF];
    double se[MF_REGRESS_MAX_COEF];     /* standard errors under the chosen covariance */
    double tstat[MF_REGRESS_MAX_COEF];  /* coef / se */
    double pvalue[MF_REGRESS_MAX_COEF]; /* two-sided: Student t with m - p degrees of freedom
                                           for plain, standard normal for Newey-West (the
                                           statsmodels defaults) */
    double r2;     /* 1 - SSR / SST, SST about the mean with an intercept, about 0 without */
    double r2_adj; /* 1 - (1 - r2) (m - c) / (m - p), c = 1 with an intercept, else 0 */
    double sigma;  /* residual standard error sqrt(SSR / (m - p)) */
    double ssr;    /* sum of squared residuals */
} mf_ols;

/*
 * Least squares by Householder QR of the design matrix (GSL), so the normal equations are
 * never formed: coef = R^-1 Q'y, (X'X)^-1 = R^-1 R^-T.
 *
 * Newey-West (Econometrica 55, 1987): with residuals u_t and design rows z_t (intercept
 * included), L lags and Bartlett weights w_l = 1 - l / (L + 1),
 *   S = sum_t u_t^2 z_t z_t' + sum_{l=1..L} w_l sum_{t>l} u_t u_{t-l} (z_t z_{t-l}' + z_{t-l} z_t')
 *   V = (X'X)^-1 S (X'X)^-1
 * without a small-sample factor m / (m - p) (statsmodels cov_type="HAC",
 * use_correction=False). lags is used only for MF_OLS_COV_NEWEY_WEST; pass
 * mf_ols_newey_west_lags(m) for the usual rule. lags 0 gives White's heteroskedasticity-
 * robust HC0.
 *
 * Errors (*out written only on success): MF_EINVAL when y or x is NULL (x may be NULL when k
 * is 0 and intercept is set), p is 0 or above MF_REGRESS_MAX_COEF, the complete rows are not
 * more than p ("12 complete rows for 12 coefficients"), lags is not below m, or the
 * regressors are collinear on the rows used (a diagonal of R below 1e-12 of the largest:
 * the message names the coefficient, counted from 0 with the intercept first). Allocates
 * O(m p) once per call.
 */
int mf_ols_fit(const double *y, const double *x, size_t n, size_t k, bool intercept, mf_ols_cov cov,
               size_t lags, mf_ols *out, mf_error *err);

/* The Newey-West (1994) rule of thumb floor(4 (m / 100)^(2/9)) for m observations. */
size_t mf_ols_newey_west_lags(size_t m);

/*
 * Ridge regression: minimises sum (y - b0 - X b)^2 + lambda |b|^2 over the complete rows;
 * the intercept is not penalised (X and y are centred on their means first, b0 = mean(y) -
 * mean(X)' b: scikit-learn's Ridge(fit_intercept=True)); without intercept nothing is centred.
 * Solved from (X'X + lambda I) b = X'y by Cholesky; lambda 0 is OLS. coef receives p values
 * (intercept first); *used (may be NULL) the rows used.
 * MF_EINVAL as mf_ols_fit() for the arguments, for lambda negative or not finite, for fewer
 * than 1 complete row (2 with an intercept), or for a singular system (lambda 0 and collinear
 * regressors). coef is written only on success.
 */
int mf_ridge_fit(const double *y, const double *x, size_t n, size_t k, bool intercept,
                 double lambda, double *coef, size_t *used, mf_error *err);

/*
 * Rolling OLS: for each row i, the coefficients of the regression on the complete rows among
 * rows max(0, i - window + 1)..i (windows counted in rows, like mf_series_rolling and
 * statsmodels RollingOLS; windows longer than the data only grow). coef[c * n + i] receives
 * coefficient c at row i, or NaN when the window holds fewer than min_obs complete rows or its
 * regressors are collinear.
 *
 * O(n p^2 + n p^3): the cross products Z'Z and Z'y are running sums, updated as a row enters
 * and leaves (no per-window allocation), and each window's p x p system is solved by Cholesky.
 * Drift is bounded by recomputing the sums exactly from the window's rows once every window
 * steps (O(window p^2) each time, so O(n p^2) in all), so rounding never accumulates over more
 * than 2 * window updates. Normal equations square the condition number of the design: for
 * return-like data this costs nothing measurable (see the tests); for badly scaled regressors
 * centre or scale them first.
 *
 * MF_EINVAL as mf_ols_fit() for the arguments, window 0, min_obs below p or above window.
 * Allocates O(p^2) once per call.
 */
int mf_ols_rolling(const double *y, const double *x, size_t n, size_t k, bool intercept,
                   size_t window, size_t min_obs, double *coef, mf_error *err);

#endif
