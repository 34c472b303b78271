/*
 * regress.c - OLS (QR) with plain and Newey-West standard errors, ridge and rolling OLS
 * (regress.h). GSL supplies the Householder QR and the distribution functions; the small
 * p x p triangular and Cholesky solves are written here so that a singular system is reported
 * as an error instead of reaching GSL's error handler (which aborts by default).
 */
#include "analytics/regress.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"

#define P_MAX MF_REGRESS_MAX_COEF

static int check_args(const double *y, const double *x, size_t k, bool intercept, mf_error *err)
{
    size_t p = k + (intercept ? 1u : 0u);
    if (y == NULL || (x == NULL && k > 0))
        return mf_error_set(err, MF_EINVAL, "regression: no data");
    if (p == 0 || p > P_MAX)
        return mf_error_set(err, MF_EINVAL, "regression: %zu coefficients (expected 1..%d)", p,
                            P_MAX);
    return 0;
}

/* Row i is complete when y and every regressor are non-NaN. */
static bool row_complete(const double *y, const double *x, size_t n, size_t k, size_t i)
{
    if (isnan(y[i]))
        return false;
    for (size_t j = 0; j < k; j++)
        if (isnan(x[j * n + i]))
            return false;
    return true;
}

/* The design row z (intercept first) of row i. */
static void design_row(const double *x, size_t n, size_t k, bool intercept, size_t i, double *z)
{
    size_t c = 0;
    if (intercept)
        z[c++] = 1.0;
    for (size_t j = 0; j < k; j++)
        z[c++] = x[j * n + i];
}

/*
 * Cholesky of the symmetric positive definite a[p*p] in place (lower triangle L, a = L L'),
 * then solves a b = rhs into b. false when a pivot is not above tol times the largest
 * diagonal (singular or not positive definite).
 */
static bool cholesky_solve(double *a, size_t p, const double *rhs, double *b)
{
    double dmax = 0.0;
    for (size_t i = 0; i < p; i++)
        dmax = fmax(dmax, fabs(a[i * p + i]));
    for (size_t j = 0; j < p; j++) {
        double d = a[j * p + j];
        for (size_t c = 0; c < j; c++)
            d -= a[j * p + c] * a[j * p + c];
        if (!(d > 1e-13 * dmax))
            return false;
        d = sqrt(d);
        a[j * p + j] = d;
        for (size_t i = j + 1; i < p; i++) {
            double s = a[i * p + j];
            for (size_t c = 0; c < j; c++)
                s -= a[i * p + c] * a[j * p + c];
            a[i * p + j] = s / d;
        }
    }
    for (size_t i = 0; i < p; i++) { /* L w = rhs */
        double s = rhs[i];
        for (size_t c = 0; c < i; c++)
            s -= a[i * p + c] * b[c];
        b[i] = s / a[i * p + i];
    }
    for (size_t i = p; i-- > 0;) { /* L' b = w */
        double s = b[i];
        for (size_t c = i + 1; c < p; c++)
            s -= a[c * p + i] * b[c];
        b[i] = s / a[i * p + i];
    }
    return true;
}

size_t mf_ols_newey_west_lags(size_t m)
{
    return (size_t)floor(4.0 * pow((double)m / 100.0, 2.0 / 9.0));
}

int mf_ols_fit(const double *y, const double *x, size_t n, size_t k, bool intercept, mf_ols_cov cov,
               size_t lags, mf_ols *out, mf_error *err)
{
    int rc = check_args(y, x, k, intercept, err);
    if (rc != 0)
        return rc;
    if (cov != MF_OLS_COV_PLAIN && cov != MF_OLS_COV_NEWEY_WEST)
        return mf_error_set(err, MF_EINVAL, "regression: unknown covariance %d", (int)cov);
    const size_t p = k + (intercept ? 1u : 0u);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += row_complete(y, x, n, k, i) ? 1u : 0u;
    if (m <= p)
        return mf_error_set(err, MF_EINVAL,
                            "regression: %zu complete rows for %zu coefficients (need more rows "
                            "than coefficients)",
                            m, p);
    if (cov == MF_OLS_COV_NEWEY_WEST && lags >= m)
        return mf_error_set(err, MF_EINVAL, "regression: %zu Newey-West lags for %zu rows", lags,
                            m);

    gsl_matrix *qr = gsl_matrix_alloc(m, p);
    gsl_vector *tau = gsl_vector_alloc(p), *qty = gsl_vector_alloc(m);
    double *yy = mf_malloc(m * sizeof *yy), *u = mf_malloc(m * sizeof *u);
    double rinv[P_MAX * P_MAX], xtxi[P_MAX * P_MAX], v[P_MAX * P_MAX], z[P_MAX];
    mf_ols o;
    memset(&o, 0, sizeof o);
    for (size_t i = 0, r = 0; i < n; i++) {
        if (!row_complete(y, x, n, k, i))
            continue;
        design_row(x, n, k, intercept, i, z);
        for (size_t c = 0; c < p; c++)
            gsl_matrix_set(qr, r, c, z[c]);
        yy[r++] = y[i];
    }
    gsl_linalg_QR_decomp(qr, tau);
    double rmax = 0.0;
    for (size_t c = 0; c < p; c++)
        rmax = fmax(rmax, fabs(gsl_matrix_get(qr, c, c)));
    for (size_t c = 0; c < p; c++)
        if (!(fabs(gsl_matrix_get(qr, c, c)) > 1e-12 * rmax)) {
            rc = mf_error_set(err, MF_EINVAL,
                              "regression: regressors are collinear (coefficient %zu is a "
                              "combination of the others on the %zu rows used)",
                              c, m);
            goto out;
        }
    memcpy(qty->data, yy, m * sizeof *yy);
    gsl_linalg_QR_QTvec(qr, tau, qty);
    for (size_t i = p; i-- > 0;) { /* R coef = (Q'y)[0..p) */
        double s = gsl_vector_get(qty, i);
        for (size_t c = i + 1; c < p; c++)
            s -= gsl_matrix_get(qr, i, c) * o.coef[c];
        o.coef[i] = s / gsl_matrix_get(qr, i, i);
    }
    /* R^-1 (upper triangular), column by column, then (X'X)^-1 = R^-1 R^-T */
    memset(rinv, 0, sizeof rinv);
    for (size_t c = 0; c < p; c++)
        for (size_t i = c + 1; i-- > 0;) {
            double s = i == c ? 1.0 : 0.0;
            for (size_t j = i + 1; j <= c; j++)
                s -= gsl_matrix_get(qr, i, j) * rinv[j * p + c];
            rinv[i * p + c] = s / gsl_matrix_get(qr, i, i);
        }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            double s = 0.0;
            for (size_t c = (a > b ? a : b); c < p; c++)
                s += rinv[a * p + c] * rinv[b * p + c];
            xtxi[a * p + b] = s;
        }

    /* residuals and fit statistics */
    double ymean = 0.0, ssr = 0.0, sst = 0.0;
    for (size_t r = 0; r < m; r++)
        ymean += yy[r];
    ymean /= (double)m;
    for (size_t i = 0, r = 0; i < n; i++) {
        if (!row_complete(y, x, n, k, i))
            continue;
        design_row(x, n, k, intercept, i, z);
        double fit = 0.0;
        for (size_t c = 0; c < p; c++)
            fit += z[c] * o.coef[c];
        u[r] = yy[r] - fit;
        ssr += u[r] * u[r];
        double dy = intercept ? yy[r] - ymean : yy[r];
        sst += dy * dy;
        r++;
    }
    const double fm = (double)m, dof = (double)(m - p), c0 = intercept ? 1.0 : 0.0;
    o.nobs = m;
    o.ncoef = p;
    o.ssr = ssr;
    o.sigma = sqrt(ssr / dof);
    o.r2 = sst > 0.0 ? 1.0 - ssr / sst : NAN;
    o.r2_adj = sst > 0.0 ? 1.0 - (1.0 - o.r2) * (fm - c0) / dof : NAN;

    if (cov == MF_OLS_COV_PLAIN) {
        double s2 = ssr / dof;
        for (size_t i = 0; i < p * p; i++)
            v[i] = s2 * xtxi[i];
    } else {
        /* S from the scores g_t = u_t z_t; rows re-read from x in the order of u */
        double s[P_MAX * P_MAX];
        memset(s, 0, sizeof s);
        double *g = mf_malloc(m * p * sizeof *g);
        for (size_t i = 0, r = 0; i < n; i++) {
            if (!row_complete(y, x, n, k, i))
                continue;
            design_row(x, n, k, intercept, i, z);
            for (size_t c = 0; c < p; c++)
                g[r * p + c] = u[r] * z[c];
            r++;
        }
        for (size_t l = 0; l <= lags; l++) {
            double w = l == 0 ? 1.0 : 1.0 - (double)l / (double)(lags + 1);
            for (size_t a = 0; a < p; a++)
                for (size_t b = 0; b < p; b++) {
                    double acc = 0.0;
                    for (size_t t = l; t < m; t++)
                        acc += g[t * p + a] * g[(t - l) * p + b];
                    if (l == 0)
                        s[a * p + b] += acc;
                    else {
                        s[a * p + b] += w * acc;
                        s[b * p + a] += w * acc;
                    }
                }
        }
        mf_free(g);
        double tmp[P_MAX * P_MAX];
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                double acc = 0.0;
                for (size_t c = 0; c < p; c++)
                    acc += xtxi[a * p + c] * s[c * p + b];
                tmp[a * p + b] = acc;
            }
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                double acc = 0.0;
                for (size_t c = 0; c < p; c++)
                    acc += tmp[a * p + c] * xtxi[c * p + b];
                v[a * p + b] = acc;
            }
        o.lags = lags;
    }
    for (size_t c = 0; c < p; c++) {
        o.se[c] = sqrt(v[c * p + c]);
        o.tstat[c] = o.coef[c] / o.se[c];
        double at = fabs(o.tstat[c]);
        o.pvalue[c] = cov == MF_OLS_COV_PLAIN ? 2.0 * gsl_cdf_tdist_Q(at, dof)
                                              : 2.0 * gsl_cdf_ugaussian_Q(at);
    }
    *out = o;
out:
    mf_free(u);
    mf_free(yy);
    gsl_vector_free(qty);
    gsl_vector_free(tau);
    gsl_matrix_free(qr);
    return rc;
}

int mf_ridge_fit(const double *y, const double *x, size_t n, size_t k, bool intercept,
                 double lambda, double *coef, size_t *used, mf_error *err)
{
    int rc = check_args(y, x, k, intercept, err);
    if (rc != 0)
        return rc;
    if (!(lambda >= 0.0) || !isfinite(lambda))
        return mf_error_set(err, MF_EINVAL, "ridge: penalty %g is not a finite number >= 0",
                            lambda);
    if (coef == NULL)
        return mf_error_set(err, MF_EINVAL, "ridge: no output");
    size_t m = 0;
    double xm[P_MAX] = {0}, ym = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!row_complete(y, x, n, k, i))
            continue;
        m++;
        ym += y[i];
        for (size_t j = 0; j < k; j++)
            xm[j] += x[j * n + i];
    }
    if (m < (intercept ? 2u : 1u))
        return mf_error_set(err, MF_EINVAL, "ridge: %zu complete rows", m);
    if (k == 0) {
        coef[0] = ym / (double)m;
        if (used)
            *used = m;
        return 0;
    }
    if (intercept) {
        ym /= (double)m;
        for (size_t j = 0; j < k; j++)
            xm[j] /= (double)m;
    } else {
        ym = 0.0;
        memset(xm, 0, sizeof xm);
    }
    double a[P_MAX * P_MAX] = {0}, rhs[P_MAX] = {0}, b[P_MAX];
    for (size_t i = 0; i < n; i++) {
        if (!row_complete(y, x, n, k, i))
            continue;
        double dy = y[i] - ym;
        for (size_t r = 0; r < k; r++) {
            double dr = x[r * n + i] - xm[r];
            rhs[r] += dr * dy;
            for (size_t c = 0; c <= r; c++)
                a[r * k + c] += dr * (x[c * n + i] - xm[c]);
        }
    }
    for (size_t r = 0; r < k; r++) {
        a[r * k + r] += lambda;
        for (size_t c = 0; c < r; c++)
            a[c * k + r] = a[r * k + c];
    }
    if (!cholesky_solve(a, k, rhs, b))
        return mf_error_set(err, MF_EINVAL,
                            "ridge: singular system on the %zu rows used (collinear regressors "
                            "with penalty %g)",
                            m, lambda);
    size_t c0 = 0;
    if (intercept) {
        double b0 = ym;
        for (size_t j = 0; j < k; j++)
            b0 -= xm[j] * b[j];
        coef[c0++] = b0;
    }
    for (size_t j = 0; j < k; j++)
        coef[c0 + j] = b[j];
    if (used)
        *used = m;
    return 0;
}

/* The running cross products of a window: Z'Z (lower triangle used), Z'y, and the count. */
typedef struct cross {
    size_t p, count;
    double zz[P_MAX * P_MAX], zy[P_MAX];
} cross;

static void cross_update(cross *cp, const double *z, double yv, double sign)
{
    for (size_t a = 0; a < cp->p; a++) {
        cp->zy[a] += sign * z[a] * yv;
        for (size_t b = 0; b <= a; b++)
            cp->zz[a * cp->p + b] += sign * z[a] * z[b];
    }
}

int mf_ols_rolling(const double *y, const double *x, size_t n, size_t k, bool intercept,
                   size_t window, size_t min_obs, double *coef, mf_error *err)
{
    int rc = check_args(y, x, k, intercept, err);
    if (rc != 0)
        return rc;
    const size_t p = k + (intercept ? 1u : 0u);
    if (coef == NULL)
        return mf_error_set(err, MF_EINVAL, "rolling regression: no output");
    if (window == 0 || min_obs < p || min_obs > window)
        return mf_error_set(err, MF_EINVAL,
                            "rolling regression: window %zu and min_obs %zu (need p = %zu <= "
                            "min_obs <= window)",
                            window, min_obs, p);
    cross cp;
    memset(&cp, 0, sizeof cp);
    cp.p = p;
    double z[P_MAX], a[P_MAX * P_MAX], b[P_MAX];
    size_t removals = 0;
    for (size_t i = 0; i < n; i++) {
        if (row_complete(y, x, n, k, i)) {
            design_row(x, n, k, intercept, i, z);
            cross_update(&cp, z, y[i], 1.0);
            cp.count++;
        }
        if (i >= window) {
            size_t old = i - window;
            if (row_complete(y, x, n, k, old)) {
                design_row(x, n, k, intercept, old, z);
                cross_update(&cp, z, y[old], -1.0);
                cp.count--;
            }
            if (++removals == window) {
                /* recompute exactly over rows i - window + 1 .. i: drift stays bounded */
                removals = 0;
                memset(cp.zz, 0, sizeof cp.zz);
                memset(cp.zy, 0, sizeof cp.zy);
                for (size_t r = i + 1 - window; r <= i; r++)
                    if (row_complete(y, x, n, k, r)) {
                        design_row(x, n, k, intercept, r, z);
                        cross_update(&cp, z, y[r], 1.0);
                    }
            }
        }
        bool ok = cp.count >= min_obs;
        if (ok) {
            for (size_t r = 0; r < p; r++)
                for (size_t c = 0; c <= r; c++)
                    a[r * p + c] = a[c * p + r] = cp.zz[r * p + c];
            ok = cholesky_solve(a, p, cp.zy, b);
        }
        for (size_t c = 0; c < p; c++)
            coef[c * n + i] = ok ? b[c] : NAN;
    }
    return 0;
}
