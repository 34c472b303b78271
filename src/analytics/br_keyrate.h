/*
 * br_keyrate.h - Brazilian bonds priced on a discount curve and their key-rate DV01.
 *
 * Exports: mf_br_flows_pv(), mf_br_flows_keyrate().
 *
 * PV = quantity * sum amount_i * DF(du_i / 252), the flows of mf_br_cashflows() (br_bonds.h)
 * on a BUS/252 curve (times du/252 from the curve date = the settlement). This is a model
 * price, not ANBIMA's: no round14 of du/252, no rounding of each flow's present value, no
 * truncation of the PU, and the curve's discount factors instead of one yield. Units: BRL for
 * LTN and NTN-F (amounts per bond of 1000 face), units of VNA for NTN-B and LFT.
 */
#ifndef MF_ANALYTICS_BR_KEYRATE_H
#define MF_ANALYTICS_BR_KEYRATE_H

#include <stddef.h>

#include "analytics/br_bonds.h"
#include "analytics/curve.h"
#include "analytics/keyrate.h"
#include "core/error.h"

/* quantity * sum amount_i * mf_curve_df(curve, du_i / 252). */
double mf_br_flows_pv(const mf_br_flows *f, double quantity, const mf_curve *curve);

/*
 * The PV of quantity bonds of flows f on the BUS/252 curve of the n nodes (t[i] = du/252,
 * df[i]) interpolated flat-forward, and its DV01s by mf_keyrate_dv01(): each node's zero rate
 * in BUS/252 exponential compounding (MF_COMPOUNDING_ANNUAL) bumped by +1 bp, then all of
 * them; dv01 = PV(base) - PV(bumped), per bp, positive for a long position. dv01_bucket has
 * n entries. quantity must be finite and non-zero (MF_EINVAL); other errors as
 * mf_keyrate_dv01(). Outputs written only on success.
 */
int mf_br_flows_keyrate(const mf_br_flows *f, double quantity, mf_keyrate *w, const double *t,
                        const double *df, size_t n, double *pv, double *dv01_parallel,
                        double *dv01_bucket, mf_error *err);

#endif
