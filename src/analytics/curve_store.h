/*
 * curve_store.h - curves kept in the store: the vertices of a bootstrap's nodes stored under a
 * code with its conventions, and the zero rate of a tenor on every stored date of a curve (its
 * history), read from the stored vertex when there is one and interpolated flat-forward
 * between that date's vertices otherwise. Every stored convention is read: day counts
 * bus/252, act/360 and act/365f; compoundings simple, annual and continuous.
 *
 * Exports: mf_curve_point_kind, mf_curve_point, mf_curve_zero_pct_bus252(),
 * mf_curve_day_count, mf_curve_conventions(), mf_curve_vertex_years(), mf_curve_stored_zero_pct(),
 * mf_curve_store_nodes(), mf_curve_tenor_unit, mf_curve_history(), mf_curve_history_days().
 */
#ifndef MF_ANALYTICS_CURVE_STORE_H
#define MF_ANALYTICS_CURVE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/curve.h"
#include "core/calendar.h"
#include "store/repo_curves.h"
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
    double zero_rate_pct;   /* % a year, the curve's day count and compounding (DI: BUS/252
                               exponential) */
    double discount_factor; /* the curve's discount factor at the tenor */
    mf_curve_point_kind kind;
} mf_curve_point;

/*
 * The BUS/252 exponential zero rate, % a year, of discount factor df over t = du/252 years:
 * 100 ((df^(-1/t)) - 1). The one formula behind every zero rate of a BRL curve that the
 * command line writes, so the same discount factor always prints the same rate.
 */
double mf_curve_zero_pct_bus252(double df, double t);

/* The day counts of stored curves (the curves table's day_count). */
typedef enum mf_curve_day_count {
    MF_CURVE_BUS252,  /* "bus/252": t = tenor_bd / 252 */
    MF_CURVE_ACT360,  /* "act/360": t = tenor_cd / 360 */
    MF_CURVE_ACT365F, /* "act/365f": t = tenor_cd / 365 */
} mf_curve_day_count;

/*
 * Reads a stored curve's day_count ("bus/252", "act/360", "act/365f") and compounding
 * ("simple", "annual", "continuous"). MF_EUNSUPPORTED naming the one not known.
 */
int mf_curve_conventions(const char *day_count, const char *compounding, mf_curve_day_count *dc,
                         mf_compounding *comp, mf_error *err);

/* The year fraction of a vertex under day count dc: tenor_bd/252, tenor_cd/360, tenor_cd/365. */
double mf_curve_vertex_years(mf_curve_day_count dc, int32_t tenor_bd, int32_t tenor_cd);

/*
 * The zero rate, % a year, of discount factor df over t > 0 years in compounding comp:
 * annual is mf_curve_zero_pct_bus252() (the same operations, so the same bits); simple
 * 100 (1/df - 1)/t; continuous -100 ln(df)/t (mf_df_to_rate() times 100).
 */
double mf_curve_stored_zero_pct(double df, double t, mf_compounding comp);

/*
 * Stores the n nodes of a bootstrap (maturity[i], discount factor df[i]; maturities after
 * head->date and increasing) as the curve head->code on head->date, replacing the one stored
 * there (mf_repo_curve_put(): a savepoint; nothing stored on failure). Each vertex: tenor_bd
 * the business days on cal from head->date to the maturity (mf_calendar_bizdays), tenor_cd
 * maturity - date, its discount factor df[i] as given, and its zero rate
 * mf_curve_stored_zero_pct(df[i], t) with t = mf_curve_vertex_years() under head->day_count
 * and head->compounding, so a history read at a vertex returns exactly what a rebuilt curve
 * answers there. work holds n vertices (the caller's buffer, reused for every date). Errors:
 * MF_EUNSUPPORTED for unknown conventions, MF_EINVAL for n = 0, a maturity not after the
 * date or a discount factor not finite and > 0 (naming the vertex); calendar and store errors
 * pass through.
 */
int mf_curve_store_nodes(mf_store *st, const mf_calendar *cal, const mf_curve_head *head,
                         const mf_date *maturity, const double *df, size_t n, mf_curve_vertex *work,
                         mf_error *err);

/* How a history's tenor is counted. */
typedef enum mf_curve_tenor_unit {
    MF_CURVE_TENOR_BD, /* business days: bus/252 curves */
    MF_CURVE_TENOR_CD  /* calendar days: act/360 and act/365f curves */
} mf_curve_tenor_unit;

/*
 * The history of curve code at days (>= 1) counted in unit over the stored dates from..to:
 * for each date, the curve rebuilt from its stored vertices (t = mf_curve_vertex_years() of
 * each vertex, the stored discount factors, flat-forward: mf_curve with
 * MF_INTERP_FLAT_FORWARD, the vertex at tenor 0 left out as (0, 1) is implied) answers the
 * discount factor at t = days/252 (bus/252), days/360 (act/360) or days/365 (act/365f), and
 * the zero rate is mf_curve_stored_zero_pct() of it in the curve's compounding; at a stored
 * vertex of that tenor (tenor_bd for BD, tenor_cd for CD) it is the vertex's stored zero rate.
 * A business-day tenor needs a bus/252 curve, a calendar-day tenor an act/360 or act/365f one
 * (the store keeps no calendar to convert). Errors: MF_EINVAL for days < 1 or a stored curve
 * that cannot be rebuilt; MF_ENOTFOUND "unknown curve 'X'" when code has no curve at all;
 * MF_EUNSUPPORTED naming the date for a curve whose conventions do not fit the unit or are
 * unknown. A code with no curve in from..to gives *n = 0. Caller owns *out (an array of *n;
 * NULL when *n is 0); free with mf_free().
 */
int mf_curve_history_days(mf_store *st, const char *code, mf_curve_tenor_unit unit, int32_t days,
                          mf_date from, mf_date to, mf_curve_point **out, size_t *n, mf_error *err);

/* mf_curve_history_days() with unit MF_CURVE_TENOR_BD: tenor_bd business days. */
int mf_curve_history(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                     mf_curve_point **out, size_t *n, mf_error *err);

#endif
