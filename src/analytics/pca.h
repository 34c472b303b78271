/*
 * pca.h - principal component analysis of k series: eigen decomposition of their covariance
 * or correlation matrix (GSL's symmetric eigensolver), components sorted by variance.
 *
 * Exports: mf_pca_basis, mf_pca and mf_pca_fit(), mf_pca_free().
 */
#ifndef MF_ANALYTICS_PCA_H
#define MF_ANALYTICS_PCA_H

#include <stddef.h>

#include "core/error.h"

/* What the components diagonalise. */
typedef enum mf_pca_basis {
    MF_PCA_COVARIANCE, /* the sample covariance (divisor m - 1): components in data units */
    MF_PCA_CORRELATION /* the correlation matrix: each series standardised first */
} mf_pca_basis;

/* The result of mf_pca_fit(). */
typedef struct mf_pca {
    size_t k;          /* series (and components) */
    size_t nobs;       /* complete rows used */
    double *eigval;    /* k eigenvalues, largest first: the variance of each component */
    double *explained; /* k shares eigval / sum(eigval) (NaN if the sum is 0) */
    double *loadings;  /* k x k: loadings[j * k + c] is series c's weight in component j
                          (unit length). Sign: each component's largest-magnitude weight is
                          positive (the first one on a tie), so results are reproducible */
    double *mean;      /* k column means of the rows used */
    double *scale;     /* k: 1 (covariance) or the column's sample standard deviation */
} mf_pca;

/*
 * Fits a PCA to k columns of n rows (column-major, x[j * n + i]; rows with any NaN dropped).
 * The scores of a row r are loadings_j . ((r - mean) / scale).
 * MF_EINVAL when x is NULL, k is 0 or above 512 (MF_STATS_MAX_COLS), fewer than 2 complete
 * rows remain, basis is unknown, or (correlation) a column is constant over the rows used
 * (the message names its index). *out is written only on success.
 * Caller owns *out's arrays; release with mf_pca_free() (which accepts a zeroed struct).
 */
int mf_pca_fit(const double *x, size_t n, size_t k, mf_pca_basis basis, mf_pca *out, mf_error *err);

/* Frees p's arrays and zeroes it; NULL is allowed. */
void mf_pca_free(mf_pca *p);

#endif
