/*
 * repo_curves.h - zero curves by vertex (the curves table): store one curve of a code and
 * date (replacing what was there), read it back, list the dates of a code, and read the
 * vertices of every date in a range for histories.
 *
 * Exports: MF_CURVE_CODE_MAX, mf_curve_vertex, mf_curve_head, mf_repo_curve_put(),
 * mf_repo_curve_get(), mf_repo_curve_dates(), mf_stored_vertex, mf_repo_curve_range(),
 * mf_repo_curve_tenor(), mf_repo_curve_exists(), mf_curve_summary with mf_repo_curve_list().
 *
 * A stored curve is the list of its vertices: the business and calendar days from the curve
 * date to each maturity, the zero rate in percent a year under the curve's day count and
 * compounding, and the discount factor. Every vertex of one (code, date) shares day_count
 * ("bus/252", "act/365f" ...), compounding ("simple", "annual", "continuous") and source.
 * Curves are derived data: building a date again replaces its curve; they have no vintages.
 */
#ifndef MF_STORE_REPO_CURVES_H
#define MF_STORE_REPO_CURVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define MF_CURVE_CODE_MAX 64 /* buffer size: codes have at most 63 characters */

/* One vertex. */
typedef struct mf_curve_vertex {
    int32_t tenor_bd;       /* business days from the curve date to maturity, >= 0 */
    int32_t tenor_cd;       /* calendar days: maturity - curve date, >= 0 */
    mf_date maturity;       /* curve date + tenor_cd */
    double zero_rate_pct;   /* % a year, the curve's day count and compounding */
    double discount_factor; /* > 0 */
} mf_curve_vertex;

/* What one stored curve shares. */
typedef struct mf_curve_head {
    char code[MF_CURVE_CODE_MAX]; /* "DI_PRE" */
    mf_date date;
    char day_count[16];   /* "bus/252" */
    char compounding[16]; /* "simple", "annual", "continuous" */
    char source[32];      /* "b3_di1" */
} mf_curve_head;

/*
 * Stores the n vertices of the curve head->code on head->date, replacing any curve stored for
 * that code and date, in one transaction (a savepoint inside the caller's): on failure the
 * stored curve is as it was. MF_EINVAL naming the vertex or field when: the code is not 1..63
 * letters, digits, '_', '.', '-'; day_count or source is empty or too long; compounding is not
 * one of the three; n is 0; tenors do not strictly increase; a tenor is negative;
 * maturity != date + tenor_cd; a rate is not finite; a discount factor not finite and > 0.
 */
int mf_repo_curve_put(mf_store *st, const mf_curve_head *head, const mf_curve_vertex *v, size_t n,
                      mf_error *err);

/*
 * The curve code on date: its head and vertices by tenor. MF_ENOTFOUND when the code has no
 * curve at all ("unknown curve 'X'") or none on that date ("no curve 'DI_PRE' on
 * 2026-01-13"). Caller owns *v (an array of *n); free with mf_free().
 */
int mf_repo_curve_get(mf_store *st, const char *code, mf_date date, mf_curve_head *head,
                      mf_curve_vertex **v, size_t *n, mf_error *err);

/*
 * The dates from..to with a stored curve code, in increasing order (none: *n = 0).
 * Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_curve_dates(mf_store *st, const char *code, mf_date from, mf_date to, mf_date **out,
                        size_t *n, mf_error *err);

/* A vertex with its curve's date and conventions, as mf_repo_curve_range() lists them. */
typedef struct mf_stored_vertex {
    mf_date curve_date;
    mf_curve_vertex v;
    char day_count[16];
    char compounding[16];
} mf_stored_vertex;

/*
 * Every vertex of the curves code dated from..to, ordered by date then tenor (for a tenor's
 * history). Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_curve_range(mf_store *st, const char *code, mf_date from, mf_date to,
                        mf_stored_vertex **out, size_t *n, mf_error *err);

/*
 * The stored vertex at exactly tenor_bd business days of each curve code dated from..to that
 * has one, by date (dates without that vertex are absent: mf_curve_history() in
 * analytics/curve_store.h interpolates them). Caller owns *out (an array of *n; NULL when *n
 * is 0); free with mf_free().
 */
int mf_repo_curve_tenor(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                        mf_stored_vertex **out, size_t *n, mf_error *err);

/* True when the store holds any curve code ("unknown curve" versus "no curve on a date"). */
int mf_repo_curve_exists(mf_store *st, const char *code, bool *exists, mf_error *err);

/* One stored curve code: its first and last dates and how many dates it has. */
typedef struct mf_curve_summary {
    char code[MF_CURVE_CODE_MAX];
    mf_date first, last;
    int64_t dates;
} mf_curve_summary;

/* Every stored curve code, by code. Caller owns *out (an array of *n; NULL when *n is 0);
   free with mf_free(). */
int mf_repo_curve_list(mf_store *st, mf_curve_summary **out, size_t *n, mf_error *err);

#endif
