/*
 * br_keyrate.c - Brazilian bond flows priced on a curve and bumped node by node (see
 * br_keyrate.h).
 */
#include "analytics/br_keyrate.h"

#include <math.h>

typedef struct flows_ctx {
    const mf_br_flows *f;
    double quantity;
} flows_ctx;

double mf_br_flows_pv(const mf_br_flows *f, double quantity, const mf_curve *curve)
{
    double sum = 0.0;
    for (size_t i = 0; i < f->n; i++)
        sum += f->amount[i] * mf_curve_df(curve, (double)f->du[i] / 252.0);
    return quantity * sum;
}

static double pv_of(const mf_curve *curve, void *ctx)
{
    const flows_ctx *c = ctx;
    return mf_br_flows_pv(c->f, c->quantity, curve);
}

int mf_br_flows_keyrate(const mf_br_flows *f, double quantity, mf_keyrate *w, const double *t,
                        const double *df, size_t n, double *pv, double *dv01_parallel,
                        double *dv01_bucket, mf_error *err)
{
    if (!isfinite(quantity) || quantity == 0.0)
        return mf_error_set(err, MF_EINVAL, "quantity %g: expected a finite non-zero number",
                            quantity);
    if (f == NULL || f->n == 0)
        return mf_error_set(err, MF_EINVAL, "a bond with no flows has no DV01");
    flows_ctx ctx = {f, quantity};
    return mf_keyrate_dv01(w, t, df, n, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL, pv_of, &ctx,
                           pv, dv01_parallel, dv01_bucket, err);
}
