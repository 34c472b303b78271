/*
 * pca.c - principal components by GSL's symmetric eigensolver (pca.h): gsl_eigen_symmv
 * (Householder tridiagonalisation and implicit symmetric QR), sorted by decreasing eigenvalue.
 */
#include "analytics/pca.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <string.h>

#include "analytics/stats.h"
#include "core/alloc.h"

void mf_pca_free(mf_pca *p)
{
    if (p == NULL)
        return;
    mf_free(p->eigval); /* one block holds every array */
    memset(p, 0, sizeof *p);
}

int mf_pca_fit(const double *x, size_t n, size_t k, mf_pca_basis basis, mf_pca *out, mf_error *err)
{
    if (basis != MF_PCA_COVARIANCE && basis != MF_PCA_CORRELATION)
        return mf_error_set(err, MF_EINVAL, "pca: unknown basis %d", (int)basis);
    if (x == NULL || out == NULL || k == 0 || k > MF_STATS_MAX_COLS)
        return mf_error_set(err, MF_EINVAL, "pca: %zu series (expected 1..%d)", k,
                            MF_STATS_MAX_COLS);
    double *cov = mf_malloc(k * k * sizeof *cov);
    size_t used = 0;
    int rc = mf_stats_cov(x, n, k, 1, cov, &used, err);
    if (rc != 0) {
        mf_free(cov);
        return mf_error_prefix(err, "pca: ");
    }
    if (used < 2) {
        mf_free(cov);
        return mf_error_set(err, MF_EINVAL, "pca: %zu complete rows, need at least 2", used);
    }
    mf_pca p = {.k = k, .nobs = used};
    p.eigval = mf_malloc((3 * k + k * k + k) * sizeof *p.eigval);
    p.explained = p.eigval + k;
    p.mean = p.explained + k;
    p.scale = p.mean + k;
    p.loadings = p.scale + k;
    for (size_t j = 0; j < k; j++) {
        p.scale[j] = 1.0;
        if (basis == MF_PCA_CORRELATION) {
            double sd = sqrt(cov[j * k + j]);
            if (!(sd > 0.0)) {
                rc = mf_error_set(err, MF_EINVAL,
                                  "pca: series %zu is constant on the %zu rows used: no "
                                  "correlation",
                                  j, used);
                goto out;
            }
            p.scale[j] = sd;
        }
    }
    /* means over the complete rows (the same rows mf_stats_cov used) */
    for (size_t j = 0; j < k; j++)
        p.mean[j] = 0.0;
    for (size_t i = 0; i < n; i++) {
        bool ok = true;
        for (size_t j = 0; j < k && ok; j++)
            ok = !isnan(x[j * n + i]);
        if (ok)
            for (size_t j = 0; j < k; j++)
                p.mean[j] += x[j * n + i];
    }
    for (size_t j = 0; j < k; j++)
        p.mean[j] /= (double)used;

    gsl_matrix *a = gsl_matrix_alloc(k, k), *evec = gsl_matrix_alloc(k, k);
    gsl_vector *eval = gsl_vector_alloc(k);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(k);
    for (size_t r = 0; r < k; r++)
        for (size_t c = 0; c < k; c++)
            gsl_matrix_set(a, r, c, cov[r * k + c] / (p.scale[r] * p.scale[c]));
    gsl_eigen_symmv(a, eval, evec, w);
    gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC);
    double total = 0.0;
    for (size_t j = 0; j < k; j++) {
        p.eigval[j] = gsl_vector_get(eval, j);
        total += p.eigval[j];
        size_t big = 0;
        for (size_t c = 1; c < k; c++)
            if (fabs(gsl_matrix_get(evec, c, j)) > fabs(gsl_matrix_get(evec, big, j)))
                big = c;
        double sign = gsl_matrix_get(evec, big, j) < 0.0 ? -1.0 : 1.0;
        for (size_t c = 0; c < k; c++)
            p.loadings[j * k + c] = sign * gsl_matrix_get(evec, c, j);
    }
    for (size_t j = 0; j < k; j++)
        p.explained[j] = total > 0.0 ? p.eigval[j] / total : NAN;
    gsl_eigen_symmv_free(w);
    gsl_vector_free(eval);
    gsl_matrix_free(evec);
    gsl_matrix_free(a);
    *out = p;
    p.eigval = NULL; /* handed over */
out:
    mf_free(p.eigval);
    mf_free(cov);
    return rc;
}
