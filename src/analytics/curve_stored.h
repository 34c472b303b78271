/*
 * curve_stored.h - a curve kept in the store, loaded to be asked by date: discount factors,
 * zero rates and forward rates between dates in any market rate convention.
 *
 * Exports: mf_stored_curve, mf_stored_curve_load(), mf_stored_curve_release(),
 * mf_stored_curve_df(), mf_stored_curve_rate().
 *
 * The stored vertices of (code, date) become an mf_curve of nodes (t_i, DF_i), t_i the
 * vertex's year fraction under the stored day count (mf_curve_vertex_years(): bus/252
 * tenor_bd/252, act/360 tenor_cd/360, act/365f tenor_cd/365; a vertex at tenor 0 is left out,
 * the point (0, 1) being implied), DF_i the stored discount factor, interpolated flat-forward
 * (log-linear DFs; beyond the last vertex its forward continues), the same curve that
 * `mf curve history` rebuilds. The dated curve (curve_dated.h) reads a date d at
 * t = yearfrac(basis, curve date, d); a bus/252 curve counts business days on the "br"
 * calendar (ANBIMA), the calendar its tenor_bd were counted on. At a vertex's maturity the
 * stored discount factor is returned exactly (not exp(ln DF), which may differ in the last bit).
 */
#ifndef MF_ANALYTICS_CURVE_STORED_H
#define MF_ANALYTICS_CURVE_STORED_H

#include <stddef.h>

#include "analytics/curve.h"
#include "analytics/curve_dated.h"
#include "analytics/curve_store.h"
#include "core/calendar.h"
#include "store/repo_curves.h"
#include "store/store.h"

/* A loaded stored curve. Owns its buffers; release with mf_stored_curve_release(). */
typedef struct mf_stored_curve {
    mf_curve_head head;
    mf_curve_vertex *vertex; /* the stored vertices by tenor */
    size_t nvertex;
    size_t first_node; /* vertex[first_node + i] is node i (1 when a tenor-0 vertex) */
    size_t nnodes;     /* nvertex - first_node */
    double *t, *df;    /* the nodes: year fractions and discount factors */
    mf_curve_day_count day_count;
    mf_compounding compounding;
    mf_rate_convention convention; /* the curve's own: day count and compounding */
    mf_curve *curve;               /* flat-forward on the nodes */
    mf_calendar *calendar;         /* "br" for bus/252 curves, else NULL */
    mf_dated_curve dated;          /* curve, head.date, basis, calendar */
} mf_stored_curve;

/*
 * Loads curve code on date into *out (filled on success, zeroed on failure). Errors:
 * MF_ENOTFOUND "unknown curve 'X'" / "no curve 'X' on D" (mf_repo_curve_get()),
 * MF_EUNSUPPORTED for unknown stored conventions, MF_EINVAL for a curve with no vertex after
 * its date or nodes mf_curve_set() refuses (naming the curve and date).
 */
int mf_stored_curve_load(mf_store *st, const char *code, mf_date date, mf_stored_curve *out,
                         mf_error *err);

/* Frees what c holds and zeroes it; a zeroed or NULL c is allowed. */
void mf_stored_curve_release(mf_stored_curve *c);

/*
 * The discount factor at date >= the curve date: the stored one when date is a vertex's
 * maturity, else mf_dated_curve_df(). Errors as mf_dated_curve_df().
 */
int mf_stored_curve_df(const mf_stored_curve *c, mf_date date, double *df, mf_error *err);

/*
 * The rate in conv from d1 to d2 (d1 = the curve date: the zero rate to d2; later: the
 * forward rate), decimal a year: the rate whose discount factor over
 * tau = yearfrac(conv.daycount, d1, d2) is DF(d2) / DF(d1), each DF from mf_stored_curve_df()
 * (so at a vertex of a curve in its own convention it is the stored vertex's rate up to the
 * last bits of its conversion). *tau_years gets tau. A BUS/252 convention counts business
 * days on the "br" calendar; on an act/360 or act/365f curve (USD, cupom) it is refused
 * (MF_EUNSUPPORTED: the store keeps no calendar for them). Other errors as
 * mf_dated_curve_zero() / mf_dated_curve_forward() (d2 <= d1, d1 before the curve date, no
 * business day in [d1, d2) ...). Outputs written only on success.
 */
int mf_stored_curve_rate(const mf_stored_curve *c, mf_date d1, mf_date d2, mf_rate_convention conv,
                         double *rate, double *tau_years, mf_error *err);

#endif
