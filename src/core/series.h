/*
 * series.h - dated time series of doubles: owned series, borrowed views, slicing, as-of
 * lookup, alignment of several series, calendar resampling, lags and rolling windows.
 *
 * Exports: mf_series (opaque, owned) with mf_series_new(), mf_series_from_arrays(),
 * mf_series_append(), mf_series_clear(), mf_series_free() and accessors; mf_series_view (a
 * borrowed, zero-copy window on dates and values) with mf_series_view_from_arrays(),
 * mf_series_lower_bound(), mf_series_upper_bound(), mf_series_slice(), mf_series_asof();
 * mf_series_align() into mf_series_aligned; mf_series_resample(); mf_series_shift() and
 * mf_series_shift_values(); the rolling-window iterator mf_series_rolling.
 *
 * Invariants of every series and view: dates (mf_date day serials) lie in
 * MF_DATE_MIN..MF_DATE_MAX and strictly increase; a value is any finite double or NaN, and NaN
 * means "missing". Every constructor checks this; functions that take a view rely on it.
 * Because dates are distinct days in years 1..9999, a series never holds more than
 * MF_SERIES_MAX_LEN observations, which is the cap on every buffer sized here.
 */
#ifndef MF_CORE_SERIES_H
#define MF_CORE_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

/* Most observations a series can hold: one per day in years 1..9999. */
#define MF_SERIES_MAX_LEN ((size_t)(MF_DATE_MAX - MF_DATE_MIN + 1))

/* Most series mf_series_align() accepts at once. */
#define MF_SERIES_ALIGN_MAX 1024

/* An owned series: growable arrays of dates and values. Opaque; use the accessors. */
typedef struct mf_series mf_series;

/*
 * A borrowed view of n observations: dates[i] and values[i] for i < n (both may be NULL when
 * n is 0). It owns nothing; it is valid as long as the arrays it points into are. Views are
 * passed by value (three words) and built by mf_series_as_view(), mf_series_slice(),
 * mf_series_aligned_column() or mf_series_view_from_arrays(), which check the invariants.
 */
typedef struct mf_series_view {
    const mf_date *dates;
    const double *values;
    size_t n;
} mf_series_view;

/* One observation found by a lookup: its position in the view, its date and its value. */
typedef struct mf_series_obs {
    size_t index;
    mf_date date;
    double value;
} mf_series_obs;

/* What a lookup does with missing values. */
typedef enum mf_series_nan {
    MF_SERIES_NAN_KEEP, /* a NaN observation is an answer like any other */
    MF_SERIES_NAN_SKIP  /* look further back for the last non-missing value */
} mf_series_nan;

/* How mf_series_align() builds the common index. */
typedef enum mf_series_join {
    MF_SERIES_JOIN_INNER, /* dates present in every series */
    MF_SERIES_JOIN_OUTER  /* union of all dates; NaN where a series has no observation */
} mf_series_join;

/* Calendar periods for mf_series_resample(). */
typedef enum mf_series_period {
    MF_SERIES_WEEK,    /* weeks ending on a chosen weekday */
    MF_SERIES_MONTH,   /* calendar months */
    MF_SERIES_QUARTER, /* calendar quarters (Mar, Jun, Sep, Dec) */
    MF_SERIES_YEAR     /* calendar years */
} mf_series_period;

/* How mf_series_resample() reduces the observations of one period. All ignore NaN. */
typedef enum mf_series_agg {
    MF_SERIES_AGG_LAST, /* last non-missing value of the period */
    MF_SERIES_AGG_MEAN, /* mean of the non-missing values */
    MF_SERIES_AGG_SUM   /* sum of the non-missing values */
} mf_series_agg;

/* ---- owned series ------------------------------------------------------------------------ */

/*
 * An empty series with room for capacity observations before it grows (0 is fine; values
 * above MF_SERIES_MAX_LEN are clamped). Never returns NULL (allocation failure aborts).
 * Caller owns the result; free with mf_series_free().
 */
mf_series *mf_series_new(size_t capacity);

/* Releases s and its arrays; NULL is allowed. */
void mf_series_free(mf_series *s);

/*
 * A series holding a copy of dates[0..n) and values[0..n) (may be NULL when n is 0).
 * MF_EINVAL when a pointer is NULL with n > 0, when dates do not strictly increase (the
 * message quotes both dates and the index), or when a value is infinite; MF_ERANGE when a date
 * lies outside MF_DATE_MIN..MF_DATE_MAX. *out is written only on success.
 * Caller owns *out; free with mf_series_free().
 */
int mf_series_from_arrays(const mf_date *dates, const double *values, size_t n, mf_series **out,
                          mf_error *err);

/*
 * Appends (d, value). MF_EINVAL when d is not after the last date ("dates not strictly
 * increasing: '2024-01-05' after '2024-01-08' at index 3") or value is infinite; MF_ERANGE when
 * d lies outside MF_DATE_MIN..MF_DATE_MAX. On failure s is unchanged. Storage doubles as it
 * grows, never past MF_SERIES_MAX_LEN (which strictly increasing dates cannot exceed).
 * Appending invalidates pointers and views previously taken from s.
 */
int mf_series_append(mf_series *s, mf_date d, double value, mf_error *err);

/* Removes every observation, keeping the storage; NULL is allowed. */
void mf_series_clear(mf_series *s);

/* Number of observations. */
size_t mf_series_len(const mf_series *s);

/* The dates, oldest first. Borrowed: valid until s is next appended to or freed. */
const mf_date *mf_series_dates(const mf_series *s);

/* The values. Borrowed: valid until s is next appended to or freed. */
const double *mf_series_values(const mf_series *s);

/*
 * The values, writable in place (dates stay read-only so the ordering invariant holds; the
 * caller must not store infinities). Borrowed: valid until s is next appended to or freed.
 */
double *mf_series_values_mut(mf_series *s);

/* A view of all of s. Borrowed: valid until s is next appended to or freed. */
mf_series_view mf_series_as_view(const mf_series *s);

/* ---- views, search, slicing and as-of ---------------------------------------------------- */

/*
 * Checks dates[0..n) and values[0..n) as mf_series_from_arrays() does, without copying, and
 * writes a view of them to *out (only on success). Same errors as mf_series_from_arrays().
 * Borrowed: *out is valid as long as the caller's arrays are.
 */
int mf_series_view_from_arrays(const mf_date *dates, const double *values, size_t n,
                               mf_series_view *out, mf_error *err);

/* Index of the first date >= d (v.n when none). O(log n). */
size_t mf_series_lower_bound(mf_series_view v, mf_date d);

/* Index of the first date > d (v.n when none). O(log n). */
size_t mf_series_upper_bound(mf_series_view v, mf_date d);

/*
 * The observations dated from..to, both inclusive, as a view into v (zero copy, O(log n));
 * an empty view when none falls in the range. MF_EINVAL when from > to. *out is written only
 * on success. Borrowed: *out is valid as long as v is.
 */
int mf_series_slice(mf_series_view v, mf_date from, mf_date to, mf_series_view *out, mf_error *err);

/*
 * The last observation dated on or before d (O(log n)). With MF_SERIES_NAN_SKIP, NaN
 * observations are passed over backwards to the last non-missing value (O(log n) plus the
 * length of the run of NaNs). MF_ENOTFOUND when v is empty, when d is before the first date,
 * or when every candidate is NaN under MF_SERIES_NAN_SKIP; MF_EINVAL for an unknown policy.
 * *out is written only on success.
 */
int mf_series_asof(mf_series_view v, mf_date d, mf_series_nan nan, mf_series_obs *out,
                   mf_error *err);

/* ---- alignment --------------------------------------------------------------------------- */

/*
 * k series on one date index: row r is dates[r]; the value of series j on that date is
 * values[j * n + r] (column-major: each column is contiguous, see mf_series_aligned_column()).
 * An embedded struct: zero-initialise it, fill it with mf_series_align() and release it with
 * mf_series_aligned_release(). dates and values are owned by the struct.
 */
typedef struct mf_series_aligned {
    size_t n;       /* rows: length of the common index */
    size_t k;       /* columns: number of series */
    mf_date *dates; /* n strictly increasing dates */
    double *values; /* k * n values, column-major */
} mf_series_aligned;

/*
 * Puts series[0..k) on a common date index: the dates present in every series
 * (MF_SERIES_JOIN_INNER) or in any (MF_SERIES_JOIN_OUTER, with NaN where a series has no
 * observation on that date; a NaN observation stays NaN). A merge over the sorted dates,
 * O(sum of n + k * rows). MF_EINVAL when series is NULL, k is 0 or above MF_SERIES_ALIGN_MAX,
 * or join is unknown. An inner join with an empty member gives 0 rows.
 * *out is overwritten only on success, so release a previous result first.
 * Caller owns *out's arrays; release with mf_series_aligned_release().
 */
int mf_series_align(const mf_series_view *series, size_t k, mf_series_join join,
                    mf_series_aligned *out, mf_error *err);

/* Frees a's arrays and zeroes it; NULL and a zeroed struct are allowed. */
void mf_series_aligned_release(mf_series_aligned *a);

/* Column j (< a->k) as a view. Borrowed: valid until a is released. */
mf_series_view mf_series_aligned_column(const mf_series_aligned *a, size_t j);

/* ---- resampling and shifting ------------------------------------------------------------- */

/*
 * Reduces v to one observation per calendar period that holds at least one observation of v
 * (periods without observations produce no row; a period whose observations are all NaN gives
 * NaN for every aggregation, including the sum).
 *
 * Label convention: each row is dated at the calendar end of its period, whether or not that
 * day is a business day or in v: mf_date_week_end(d, week_end) for MF_SERIES_WEEK (the week
 * runs from the day after the previous week_end to week_end inclusive; pass MF_FRIDAY for
 * Saturday..Friday weeks, MF_SUNDAY for ISO Monday..Sunday weeks), mf_date_month_end(),
 * mf_date_quarter_end() and mf_date_year_end(). week_end is ignored for other periods.
 * Sums and means use Neumaier's compensated summation.
 *
 * MF_EINVAL for an unknown period or aggregation or a week_end outside MF_MONDAY..MF_SUNDAY
 * when period is MF_SERIES_WEEK; MF_ERANGE when a week label would fall after 9999-12-31.
 * *out is written only on success. Caller owns *out; free with mf_series_free().
 */
int mf_series_resample(mf_series_view v, mf_series_period period, mf_weekday week_end,
                       mf_series_agg agg, mf_series **out, mf_error *err);

/*
 * The series moved by n observations on the same dates, pandas' shift(n) convention: n > 0
 * lags (value i of the result is value i - n of v), n < 0 leads; positions with no source are
 * NaN. Never fails. Caller owns the result; free with mf_series_free().
 */
mf_series *mf_series_shift(mf_series_view v, ptrdiff_t n);

/*
 * As mf_series_shift() on plain arrays: out[i] = in[i - n], NaN where i - n is outside
 * 0..len-1. in and out may be the same array. No allocation.
 */
void mf_series_shift_values(const double *in, size_t len, ptrdiff_t n, double *out);

/* ---- rolling windows --------------------------------------------------------------------- */

/*
 * An iterator over the trailing windows of a view: after the i-th successful
 * mf_series_rolling_next() (i from 0), the window is observations [start, end) with
 * end = i + 1 and start = max(0, end - window), i.e. the pandas rolling(window) windows
 * counted in observations. The running count, sum, mean and variance of the non-NaN values in
 * the window are updated in O(1) amortised per step and no memory is allocated. (An exact
 * recomputation over the window runs once per `window` removals, and also whenever the
 * variance collapses below 1e-4 of its recent peak, where downdating would have cancelled most
 * of its digits: rare in real data, O(window) each time it happens.) An
 * embedded struct needing no release: view, window, min_periods, start and end may be read; the
 * other fields are private.
 */
typedef struct mf_series_rolling {
    mf_series_view view;
    size_t window;
    size_t min_periods;
    size_t start;
    size_t end;
    /* private running state */
    size_t count;   /* non-NaN values in the window */
    double shift;   /* K: the moments below are of x - K, a value near the data */
    double mean;    /* Welford mean of x - K */
    double m2;      /* Welford sum of squared deviations from the mean */
    double m2_peak; /* largest m2 since the state was last recomputed */
    double sum;     /* Neumaier sum of x and its compensation */
    double sum_comp;
    size_t since_resync; /* removals since the state was last recomputed exactly */
} mf_series_rolling;

/*
 * Sets r up over v (before the first window) with window observations per window and at
 * least min_periods non-NaN values for a statistic to be defined (pandas' min_periods).
 * MF_EINVAL when window is 0 or above MF_SERIES_MAX_LEN, or min_periods is 0 or above window.
 * A window longer than v is allowed: the windows then only grow. r is written only on
 * success. Borrowed: r reads v's arrays until the caller stops iterating.
 */
int mf_series_rolling_init(mf_series_rolling *r, mf_series_view v, size_t window,
                           size_t min_periods, mf_error *err);

/* Moves to the next window; false (r unchanged) once the last observation has been passed. */
bool mf_series_rolling_next(mf_series_rolling *r);

/* Date of the window's last observation (the row label, as in pandas). */
mf_date mf_series_rolling_date(const mf_series_rolling *r);

/* Number of non-NaN values in the current window. */
size_t mf_series_rolling_count(const mf_series_rolling *r);

/* Sum of the window's non-NaN values; NaN when count < min_periods. */
double mf_series_rolling_sum(const mf_series_rolling *r);

/* Mean of the window's non-NaN values; NaN when count < min_periods. */
double mf_series_rolling_mean(const mf_series_rolling *r);

/* Sample variance (divisor count - 1); NaN when count < min_periods or count < 2. */
double mf_series_rolling_var(const mf_series_rolling *r);

/* Sample standard deviation, sqrt of mf_series_rolling_var(). */
double mf_series_rolling_std(const mf_series_rolling *r);

#endif
