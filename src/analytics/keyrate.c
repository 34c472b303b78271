/*
 * keyrate.c - key-rate and parallel DV01 by bumping node zero rates and repricing (see
 * keyrate.h). One scratch curve and three node buffers, grown to the largest node count seen.
 */
#include "analytics/keyrate.h"

#include <math.h>

#include "core/alloc.h"

struct mf_keyrate {
    mf_curve *curve;
    size_t cap;
    double *up;      /* each node's DF with its zero rate bumped */
    double *scratch; /* the DFs of the scenario being priced */
    double *bucket;  /* results, copied out on success */
};

mf_keyrate *mf_keyrate_new(void)
{
    mf_keyrate *w = mf_calloc(1, sizeof *w);
    w->curve = mf_curve_new();
    return w;
}

void mf_keyrate_free(mf_keyrate *w)
{
    if (w == NULL)
        return;
    mf_curve_free(w->curve);
    mf_free(w->up);
    mf_free(w->scratch);
    mf_free(w->bucket);
    mf_free(w);
}

/* Sets the scratch curve to dfs and prices it; what names the scenario in errors. */
static int price(mf_keyrate *w, const double *t, const double *dfs, size_t n, mf_interp interp,
                 mf_keyrate_pv_fn pv, void *ctx, const char *what, size_t node, double *out,
                 mf_error *err)
{
    int rc = mf_curve_set(w->curve, t, dfs, n, interp, err);
    if (rc)
        return rc;
    double v = pv(w->curve, ctx);
    if (!isfinite(v))
        return node ? mf_error_set(err, MF_EINVAL, "pv is not finite with node %zu bumped", node)
                    : mf_error_set(err, MF_EINVAL, "pv is not finite on the %s curve", what);
    *out = v;
    return 0;
}

int mf_keyrate_dv01(mf_keyrate *w, const double *t, const double *df, size_t n, mf_interp interp,
                    mf_compounding bump_comp, mf_keyrate_pv_fn pv, void *ctx, double *pv_base,
                    double *dv01_parallel, double *dv01_bucket, mf_error *err)
{
    if (!w || !pv || !pv_base || !dv01_parallel || (n && !dv01_bucket))
        return mf_error_set(err, MF_EINVAL,
                            "mf_keyrate_dv01: workspace, pv and outputs are "
                            "required");
    if (bump_comp != MF_COMPOUNDING_ANNUAL && bump_comp != MF_COMPOUNDING_SEMIANNUAL &&
        bump_comp != MF_COMPOUNDING_CONTINUOUS)
        return mf_error_set(err, MF_EINVAL,
                            "bump compounding %d is not annual, semiannual or continuous",
                            (int)bump_comp);
    double base = 0.0, parallel = 0.0;
    int rc = price(w, t, df, n, interp, pv, ctx, "base", 0, &base, err);
    if (rc) /* also validates the nodes, so t[i] > 0 and df[i] > 0 below */
        return rc;
    if (n > w->cap) {
        w->up = mf_reallocarray(w->up, n, sizeof *w->up);
        w->scratch = mf_reallocarray(w->scratch, n, sizeof *w->scratch);
        w->bucket = mf_reallocarray(w->bucket, n, sizeof *w->bucket);
        w->cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        double z = mf_df_to_rate(df[i], t[i], bump_comp);
        w->up[i] = mf_rate_to_df(z + MF_KEYRATE_BUMP, t[i], bump_comp);
        if (!(isfinite(w->up[i]) && w->up[i] > 0.0))
            return mf_error_set(err, MF_EINVAL,
                                "curve node %zu: zero rate %.10g cannot be bumped by 1 bp", i + 1,
                                z);
        w->scratch[i] = df[i];
    }
    for (size_t i = 0; i < n; i++) {
        double bumped = 0.0;
        w->scratch[i] = w->up[i];
        rc = price(w, t, w->scratch, n, interp, pv, ctx, NULL, i + 1, &bumped, err);
        w->scratch[i] = df[i];
        if (rc)
            return rc;
        w->bucket[i] = base - bumped;
    }
    rc = price(w, t, w->up, n, interp, pv, ctx, "parallel", 0, &parallel, err);
    if (rc)
        return rc;
    *pv_base = base;
    *dv01_parallel = base - parallel;
    for (size_t i = 0; i < n; i++)
        dv01_bucket[i] = w->bucket[i];
    return 0;
}
