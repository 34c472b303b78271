/*
 * curve_store.h - answers from curves kept in the store: the zero rate of a business-day
 * tenor on every stored date of a curve (its history), read from the stored vertex when there
 * is one and interpolated flat-forward between that date's vertices otherwise.
 *
 * Exports: mf_curve_point_kind, mf_curve_point, mf_curve_history(), mf_curve_zero_pct_bus252().
 */
#ifndef MF_ANALYTICS_CURVE_STORE_H
#define MF_ANALYTICS_CURVE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/curve.h"
#include "store/store.h"

/* Where a point of a history comes from. */
typedef enum mf_curve_point_kind {
    MF_CURVE_POINT_VERTEX,       /* a stored vertex of that tenor */
    MF_CURVE_POINT_INTERPOLATED, /* flat-forward between two vertices (or (0, 1) and the first) */
    MF_CURVE_POINT_EXTRAPOLATED  /* beyond the last vertex: its forward rate continued */
} mf_curve_point_kind;

/* The zero rate of one tenor on one date. */
typedef struct mf_curve_point {
    mf_date curve_date;
    double zero_rate_pct;   /* % a year, BUS/252 exponential */
    double discount_factor; /* the curve's discount factor at the tenor */
    mf_curve_point_kind kind;
} mf_curve_point;

/*
 * The BUS/252 exponential zero rate, % a year, of discount factor df over t = du/252 years:
 * 100 ((df^(-1/t)) - 1). The one formula behind every zero rate of a BRL curve that the
 * command line writes, so the same discount factor always prints the same rate.
 */
double mf_curve_zero_pct_bus252(double df, double t);

/*
 * The history of curve code at tenor_bd business days (>= 1) over the stored dates from..to:
 * for each date, the curve rebuilt from its stored vertices (t = tenor_bd/252, the stored
 * discount factors, flat-forward: mf_curve with MF_INTERP_FLAT_FORWARD) answers the discount
 * factor at tenor_bd/252, and the zero rate is mf_curve_zero_pct_bus252() of it; at a stored
 * vertex that is the vertex's stored zero rate. Curves must be bus/252 with annual
 * compounding. Errors: MF_EINVAL for tenor_bd < 1 or a stored curve that cannot be rebuilt;
 * MF_ENOTFOUND "unknown curve 'X'" when code has no curve at all; MF_EUNSUPPORTED naming the
 * date for a curve of another day count or compounding. A code with no curve in from..to
 * gives *n = 0. Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_curve_history(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                     mf_curve_point **out, size_t *n, mf_error *err);

#endif
