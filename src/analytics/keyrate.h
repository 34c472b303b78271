/*
 * keyrate.h - key-rate (bucket) and parallel DV01 of anything priced off a discount curve.
 *
 * Exports: mf_keyrate_pv_fn, mf_keyrate (a reusable workspace), mf_keyrate_new() / _free(),
 * mf_keyrate_dv01().
 *
 * Method: the curve is given by its nodes (t, DF) and interpolation. Node i's zero rate, in a
 * stated compounding (BUS/252 exponential = MF_COMPOUNDING_ANNUAL for BRL curves, continuous
 * otherwise), is bumped by +1 bp (MF_KEYRATE_BUMP), the node's DF recomputed from the bumped
 * rate, the curve rebuilt with the same interpolation into a scratch curve and the position
 * repriced. bucket DV01_i = PV(base) - PV(node i bumped), parallel DV01 = PV(base) - PV(every
 * node bumped): positive for a long bond, in the PV's own units per bp. The sum of the
 * buckets equals the parallel DV01 to first order; they differ by second-order terms (under
 * 1e-4 of the DV01 for a 1 bp bump on a DI curve with flat-forward, linear or cubic zero
 * interpolation; about 1e-2 with monotone convex, which is not linear in the node values). At
 * a node every interpolation returns the node's own DF, so a flow at a node moves with that
 * node's bucket only.
 */
#ifndef MF_ANALYTICS_KEYRATE_H
#define MF_ANALYTICS_KEYRATE_H

#include <stddef.h>

#include "analytics/curve.h"
#include "core/error.h"

/* The bump: one basis point, as a decimal rate. */
#define MF_KEYRATE_BUMP 1e-4

/*
 * Prices the position on curve (borrowed for the call); ctx is the caller's. Must return a
 * finite PV; the same curve must always give the same PV (no hidden state).
 */
typedef double (*mf_keyrate_pv_fn)(const mf_curve *curve, void *ctx);

typedef struct mf_keyrate mf_keyrate;

/* An empty workspace. Caller owns the result; free with mf_keyrate_free(). */
mf_keyrate *mf_keyrate_new(void);

/* Releases w; NULL is allowed. */
void mf_keyrate_free(mf_keyrate *w);

/*
 * Prices pv on the curve of the n nodes (t[i], df[i]) (rules of mf_curve_set()) with interp,
 * then with each node's zero rate (compounding bump_comp, MF_COMPOUNDING_SIMPLE refused) bumped
 * by +1 bp, then with all of them bumped. Writes *pv_base, *dv01_parallel and dv01_bucket[0..n-1]
 * (caller's array of n). The workspace grows to n nodes once; later calls with no more nodes
 * allocate nothing (n + 2 curve rebuilds, n + 2 calls of pv).
 * Errors: MF_EINVAL for bad nodes (as mf_curve_set), an unknown compounding, a node whose
 * bumped discount factor is not positive and finite, or pv returning a non-finite value (the
 * message names the scenario: "base", "parallel" or the node). Outputs are written only on
 * success.
 */
int mf_keyrate_dv01(mf_keyrate *w, const double *t, const double *df, size_t n, mf_interp interp,
                    mf_compounding bump_comp, mf_keyrate_pv_fn pv, void *ctx, double *pv_base,
                    double *dv01_parallel, double *dv01_bucket, mf_error *err);

#endif
