/*
 * series.c - dated series of doubles: storage, validation, binary search, k-way alignment,
 * calendar resampling, shifting and the rolling-window iterator (see series.h).
 *
 * Sums use Neumaier's improved Kahan summation (A. Neumaier, "Rundungsfehleranalyse einiger
 * Verfahren zur Summation endlicher Summen", ZAMM 54, 1974), which also stays accurate when an
 * addend is larger than the running sum. Rolling variance uses Welford's update (B. P.
 * Welford, "Note on a method for calculating corrected sums of squares and products",
 * Technometrics 4(3), 1962) and its downdate for removals (D. H. D. West, "Updating mean and
 * variance estimates: an improved method", CACM 22(9), 1979, with weight -1) on shifted data
 * (Chan, Golub and LeVeque 1983), re-synchronised exactly once per window length.
 */
#include "core/series.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/assert.h"

struct mf_series {
    mf_date *dates;
    double *values;
    size_t n;
    size_t cap;
};

/* Smallest allocation a growing series makes, so tiny appends do not reallocate each time. */
#define MIN_CAPACITY 16

/* Buffer for fmt_date(): an ISO date or "serial -2147483648". */
#define DATE_TEXT_SIZE 24

/* An ISO date for messages; dates outside years 1..9999 are shown as their serial. */
static const char *fmt_date(mf_date d, char buf[DATE_TEXT_SIZE])
{
    if (d < MF_DATE_MIN || d > MF_DATE_MAX) {
        snprintf(buf, DATE_TEXT_SIZE, "serial %ld", (long)d);
        return buf;
    }
    return mf_date_format_iso(d, buf);
}

/* ---- Neumaier compensated sum ----------------------------------------------------------- */

static void neumaier_add(double *sum, double *comp, double x)
{
    double t = *sum + x;
    if (fabs(*sum) >= fabs(x))
        *comp += (*sum - t) + x; /* low-order bits of x were lost */
    else
        *comp += (x - t) + *sum; /* low-order bits of sum were lost */
    *sum = t;
}

/* ---- validation -------------------------------------------------------------------------- */

/* Checks one observation against the previous date (prev_ok false for the first). */
static int check_obs(mf_date prev, bool prev_ok, mf_date d, double v, size_t index, mf_error *err)
{
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    if (d < MF_DATE_MIN || d > MF_DATE_MAX)
        return mf_error_set(err, MF_ERANGE, "date %s outside 0001-01-01..9999-12-31 at index %zu",
                            fmt_date(d, a), index);
    if (prev_ok && d <= prev)
        return mf_error_set(err, MF_EINVAL,
                            "dates not strictly increasing: '%s' after '%s' at index %zu",
                            fmt_date(d, a), fmt_date(prev, b), index);
    if (isinf(v))
        return mf_error_set(err, MF_EINVAL,
                            "value %g at '%s' (index %zu) is infinite: use NaN for missing", v,
                            fmt_date(d, a), index);
    return 0;
}

static int check_arrays(const mf_date *dates, const double *values, size_t n, mf_error *err)
{
    if (n > 0 && (dates == NULL || values == NULL))
        return mf_error_set(err, MF_EINVAL, "series arrays are NULL with %zu observations", n);
    if (n > MF_SERIES_MAX_LEN)
        return mf_error_set(err, MF_EINVAL, "series of %zu observations exceeds the cap of %zu", n,
                            MF_SERIES_MAX_LEN);
    for (size_t i = 0; i < n; i++) {
        int rc = check_obs(i ? dates[i - 1] : 0, i > 0, dates[i], values[i], i, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* A view handed in by value may have been built by hand: refuse NULL arrays. */
static int check_view(mf_series_view v, mf_error *err)
{
    if (v.n > 0 && (v.dates == NULL || v.values == NULL))
        return mf_error_set(err, MF_EINVAL, "series view arrays are NULL with %zu observations",
                            v.n);
    return 0;
}

/* ---- owned series ------------------------------------------------------------------------ */

static void reserve(mf_series *s, size_t want)
{
    if (want <= s->cap)
        return;
    size_t cap = s->cap < MIN_CAPACITY ? MIN_CAPACITY : s->cap;
    while (cap < want)
        cap = cap > MF_SERIES_MAX_LEN / 2 ? MF_SERIES_MAX_LEN : cap * 2;
    if (cap > MF_SERIES_MAX_LEN)
        cap = MF_SERIES_MAX_LEN;
    MF_ASSERT(want <= cap);
    s->dates = mf_reallocarray(s->dates, cap, sizeof *s->dates);
    s->values = mf_reallocarray(s->values, cap, sizeof *s->values);
    s->cap = cap;
}

mf_series *mf_series_new(size_t capacity)
{
    mf_series *s = mf_calloc(1, sizeof *s);
    if (capacity > MF_SERIES_MAX_LEN)
        capacity = MF_SERIES_MAX_LEN;
    if (capacity > 0) {
        s->dates = mf_reallocarray(NULL, capacity, sizeof *s->dates);
        s->values = mf_reallocarray(NULL, capacity, sizeof *s->values);
        s->cap = capacity;
    }
    return s;
}

void mf_series_free(mf_series *s)
{
    if (s == NULL)
        return;
    mf_free(s->dates);
    mf_free(s->values);
    mf_free(s);
}

/* Appends without checks: the caller has established the invariants. */
static void push(mf_series *s, mf_date d, double v)
{
    reserve(s, s->n + 1);
    s->dates[s->n] = d;
    s->values[s->n] = v;
    s->n++;
}

int mf_series_from_arrays(const mf_date *dates, const double *values, size_t n, mf_series **out,
                          mf_error *err)
{
    int rc = check_arrays(dates, values, n, err);
    if (rc)
        return rc;
    mf_series *s = mf_series_new(n);
    if (n > 0) {
        memcpy(s->dates, dates, n * sizeof *dates);
        memcpy(s->values, values, n * sizeof *values);
    }
    s->n = n;
    *out = s;
    return 0;
}

int mf_series_append(mf_series *s, mf_date d, double value, mf_error *err)
{
    if (s == NULL)
        return mf_error_set(err, MF_EINVAL, "append to a NULL series");
    int rc = check_obs(s->n ? s->dates[s->n - 1] : 0, s->n > 0, d, value, s->n, err);
    if (rc)
        return rc;
    /* Strictly increasing dates in years 1..9999 cannot outnumber MF_SERIES_MAX_LEN. */
    MF_ASSERT(s->n < MF_SERIES_MAX_LEN);
    push(s, d, value);
    return 0;
}

void mf_series_clear(mf_series *s)
{
    if (s == NULL)
        return;
    s->n = 0;
}

size_t mf_series_len(const mf_series *s)
{
    return s->n;
}

const mf_date *mf_series_dates(const mf_series *s)
{
    return s->dates;
}

const double *mf_series_values(const mf_series *s)
{
    return s->values;
}

double *mf_series_values_mut(mf_series *s)
{
    return s->values;
}

mf_series_view mf_series_as_view(const mf_series *s)
{
    return (mf_series_view){.dates = s->dates, .values = s->values, .n = s->n};
}

/* ---- views, search, slicing and as-of ---------------------------------------------------- */

int mf_series_view_from_arrays(const mf_date *dates, const double *values, size_t n,
                               mf_series_view *out, mf_error *err)
{
    int rc = check_arrays(dates, values, n, err);
    if (rc)
        return rc;
    *out = (mf_series_view){.dates = dates, .values = values, .n = n};
    return 0;
}

size_t mf_series_lower_bound(mf_series_view v, mf_date d)
{
    size_t lo = 0, hi = v.n; /* answer in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v.dates[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t mf_series_upper_bound(mf_series_view v, mf_date d)
{
    size_t lo = 0, hi = v.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v.dates[mid] <= d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int mf_series_slice(mf_series_view v, mf_date from, mf_date to, mf_series_view *out, mf_error *err)
{
    int rc = check_view(v, err);
    if (rc)
        return rc;
    if (from > to) {
        char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
        return mf_error_set(err, MF_EINVAL, "empty slice range: from '%s' is after to '%s'",
                            fmt_date(from, a), fmt_date(to, b));
    }
    size_t lo = mf_series_lower_bound(v, from);
    size_t hi = mf_series_upper_bound(v, to);
    if (v.n == 0)
        *out = (mf_series_view){.dates = v.dates, .values = v.values, .n = 0};
    else
        *out = (mf_series_view){.dates = v.dates + lo, .values = v.values + lo, .n = hi - lo};
    return 0;
}

int mf_series_asof(mf_series_view v, mf_date d, mf_series_nan nan, mf_series_obs *out,
                   mf_error *err)
{
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    int rc = check_view(v, err);
    if (rc)
        return rc;
    if (nan != MF_SERIES_NAN_KEEP && nan != MF_SERIES_NAN_SKIP)
        return mf_error_set(err, MF_EINVAL, "unknown NaN policy %d for as-of lookup", (int)nan);
    if (v.n == 0)
        return mf_error_set(err, MF_ENOTFOUND, "no observation on or before '%s': series is empty",
                            fmt_date(d, a));
    size_t i = mf_series_upper_bound(v, d); /* observations [0, i) are on or before d */
    if (i == 0)
        return mf_error_set(err, MF_ENOTFOUND,
                            "no observation on or before '%s': series starts '%s'", fmt_date(d, a),
                            fmt_date(v.dates[0], b));
    i--;
    if (nan == MF_SERIES_NAN_SKIP) {
        while (isnan(v.values[i]) && i > 0)
            i--;
        if (isnan(v.values[i]))
            return mf_error_set(err, MF_ENOTFOUND,
                                "no valid observation on or before '%s': every value from '%s' "
                                "is NaN",
                                fmt_date(d, a), fmt_date(v.dates[0], b));
    }
    *out = (mf_series_obs){.index = i, .date = v.dates[i], .value = v.values[i]};
    return 0;
}

/* ---- alignment --------------------------------------------------------------------------- */

/*
 * The union of the k date sets: repeatedly take the smallest head date and advance every head
 * that holds it. heads is a zeroed workspace of k positions; idx has room for the union.
 */
static size_t union_dates(const mf_series_view *s, size_t k, size_t *heads, mf_date *idx)
{
    size_t rows = 0;
    for (;;) {
        bool any = false;
        mf_date next = 0;
        for (size_t j = 0; j < k; j++)
            if (heads[j] < s[j].n && (!any || s[j].dates[heads[j]] < next)) {
                next = s[j].dates[heads[j]];
                any = true;
            }
        if (!any)
            return rows;
        idx[rows++] = next;
        for (size_t j = 0; j < k; j++)
            if (heads[j] < s[j].n && s[j].dates[heads[j]] == next)
                heads[j]++;
    }
}

/*
 * The intersection: walk the shortest series and, for each of its dates, advance every other
 * series to the first date not before it. Each head only moves forward, so the work is
 * O(sum of n + k * n_shortest).
 */
static size_t intersect_dates(const mf_series_view *s, size_t k, size_t shortest, size_t *heads,
                              mf_date *idx)
{
    size_t rows = 0;
    for (size_t i = 0; i < s[shortest].n; i++) {
        mf_date d = s[shortest].dates[i];
        bool in_all = true;
        for (size_t j = 0; j < k && in_all; j++) {
            if (j == shortest)
                continue;
            while (heads[j] < s[j].n && s[j].dates[heads[j]] < d)
                heads[j]++;
            if (heads[j] == s[j].n)
                return rows; /* series j is exhausted: no later date can be common */
            in_all = s[j].dates[heads[j]] == d;
        }
        if (in_all)
            idx[rows++] = d;
    }
    return rows;
}

int mf_series_align(const mf_series_view *series, size_t k, mf_series_join join,
                    mf_series_aligned *out, mf_error *err)
{
    int rc = 0;
    size_t *heads = NULL;
    mf_date *idx = NULL;
    double *values = NULL;

    if (series == NULL || k == 0 || k > MF_SERIES_ALIGN_MAX) {
        rc = mf_error_set(err, MF_EINVAL, "cannot align %zu series: expected 1..%d", k,
                          MF_SERIES_ALIGN_MAX);
        goto out;
    }
    if (join != MF_SERIES_JOIN_INNER && join != MF_SERIES_JOIN_OUTER) {
        rc = mf_error_set(err, MF_EINVAL, "unknown join %d for series alignment", (int)join);
        goto out;
    }
    size_t total = 0, shortest = 0;
    for (size_t j = 0; j < k; j++) {
        rc = check_view(series[j], err);
        if (rc) {
            mf_error_prefix(err, "series %zu of %zu: ", j, k);
            goto out;
        }
        total += series[j].n;
        if (series[j].n < series[shortest].n)
            shortest = j;
    }

    /* Distinct dates in years 1..9999 bound the union, whatever the inputs' total length. */
    size_t room = join == MF_SERIES_JOIN_INNER ? series[shortest].n : total;
    if (room > MF_SERIES_MAX_LEN)
        room = MF_SERIES_MAX_LEN;
    heads = mf_calloc(k, sizeof *heads);
    idx = mf_reallocarray(NULL, room, sizeof *idx);
    size_t rows = join == MF_SERIES_JOIN_INNER ? intersect_dates(series, k, shortest, heads, idx)
                                               : union_dates(series, k, heads, idx);
    idx = mf_reallocarray(idx, rows, sizeof *idx);

    /* Each column is a merge of one series against the index: O(rows + n_j). */
    values = mf_reallocarray(NULL, k, rows * sizeof *values);
    for (size_t j = 0; j < k; j++) {
        const mf_series_view *s = &series[j];
        double *col = values + j * rows;
        size_t p = 0;
        for (size_t r = 0; r < rows; r++) {
            while (p < s->n && s->dates[p] < idx[r])
                p++;
            col[r] = p < s->n && s->dates[p] == idx[r] ? s->values[p] : NAN;
        }
    }

    *out = (mf_series_aligned){.n = rows, .k = k, .dates = idx, .values = values};
    idx = NULL;
    values = NULL;
out:
    mf_free(heads);
    mf_free(idx);
    mf_free(values);
    return rc;
}

void mf_series_aligned_release(mf_series_aligned *a)
{
    if (a == NULL)
        return;
    mf_free(a->dates);
    mf_free(a->values);
    *a = (mf_series_aligned){0};
}

mf_series_view mf_series_aligned_column(const mf_series_aligned *a, size_t j)
{
    MF_ASSERT(j < a->k);
    return (mf_series_view){.dates = a->dates, .values = a->values + j * a->n, .n = a->n};
}

/* ---- resampling and shifting ------------------------------------------------------------- */

/* The calendar end of d's period; may pass 9999-12-31 for weeks (checked by the caller). */
static int64_t period_end(mf_date d, mf_series_period period, mf_weekday week_end)
{
    switch (period) {
    case MF_SERIES_WEEK: return mf_date_week_end(d, week_end);
    case MF_SERIES_MONTH: return mf_date_month_end(d);
    case MF_SERIES_QUARTER: return mf_date_quarter_end(d);
    case MF_SERIES_YEAR: return mf_date_year_end(d);
    }
    return d;
}

/* Reduces values[lo, hi) ignoring NaN; NaN when they are all NaN. */
static double aggregate(const double *values, size_t lo, size_t hi, mf_series_agg agg)
{
    if (agg == MF_SERIES_AGG_LAST) {
        for (size_t i = hi; i > lo; i--)
            if (!isnan(values[i - 1]))
                return values[i - 1];
        return NAN;
    }
    double sum = 0.0, comp = 0.0;
    size_t count = 0;
    for (size_t i = lo; i < hi; i++)
        if (!isnan(values[i])) {
            neumaier_add(&sum, &comp, values[i]);
            count++;
        }
    if (count == 0)
        return NAN;
    return agg == MF_SERIES_AGG_SUM ? sum + comp : (sum + comp) / (double)count;
}

int mf_series_resample(mf_series_view v, mf_series_period period, mf_weekday week_end,
                       mf_series_agg agg, mf_series **out, mf_error *err)
{
    int rc = check_view(v, err);
    if (rc)
        return rc;
    if (period != MF_SERIES_WEEK && period != MF_SERIES_MONTH && period != MF_SERIES_QUARTER &&
        period != MF_SERIES_YEAR)
        return mf_error_set(err, MF_EINVAL, "unknown resampling period %d", (int)period);
    if (period == MF_SERIES_WEEK && (week_end < MF_MONDAY || week_end > MF_SUNDAY))
        return mf_error_set(err, MF_EINVAL, "week end weekday %d outside 1 (Monday)..7 (Sunday)",
                            (int)week_end);
    if (agg != MF_SERIES_AGG_LAST && agg != MF_SERIES_AGG_MEAN && agg != MF_SERIES_AGG_SUM)
        return mf_error_set(err, MF_EINVAL, "unknown resampling aggregation %d", (int)agg);

    /* Dates increase and period ends are monotone, so each period is one contiguous run. */
    size_t periods = 0;
    for (size_t i = 0; i < v.n; i++) {
        int64_t label = period_end(v.dates[i], period, week_end);
        if (label > MF_DATE_MAX) {
            char a[DATE_TEXT_SIZE];
            return mf_error_set(err, MF_ERANGE, "week of '%s' ends after 9999-12-31",
                                fmt_date(v.dates[i], a));
        }
        if (i == 0 || label != period_end(v.dates[i - 1], period, week_end))
            periods++;
    }

    mf_series *s = mf_series_new(periods);
    size_t lo = 0;
    while (lo < v.n) {
        int64_t label = period_end(v.dates[lo], period, week_end);
        size_t hi = lo + 1;
        while (hi < v.n && period_end(v.dates[hi], period, week_end) == label)
            hi++;
        push(s, (mf_date)label, aggregate(v.values, lo, hi, agg));
        lo = hi;
    }
    *out = s;
    return 0;
}

void mf_series_shift_values(const double *in, size_t len, ptrdiff_t n, double *out)
{
    /* |n| >= len shifts everything out; the comparison avoids negating PTRDIFF_MIN. */
    size_t mag = n >= 0 ? (size_t)n : (size_t)(-(n + 1)) + 1;
    if (mag >= len) {
        for (size_t i = 0; i < len; i++)
            out[i] = NAN;
        return;
    }
    size_t keep = len - mag;
    if (n >= 0) {
        memmove(out + mag, in, keep * sizeof *out);
        for (size_t i = 0; i < mag; i++)
            out[i] = NAN;
    } else {
        memmove(out, in + mag, keep * sizeof *out);
        for (size_t i = keep; i < len; i++)
            out[i] = NAN;
    }
}

mf_series *mf_series_shift(mf_series_view v, ptrdiff_t n)
{
    mf_series *s = mf_series_new(v.n);
    if (v.n > 0) {
        memcpy(s->dates, v.dates, v.n * sizeof *v.dates);
        mf_series_shift_values(v.values, v.n, n, s->values);
    }
    s->n = v.n;
    return s;
}

/* ---- rolling windows --------------------------------------------------------------------- */

int mf_series_rolling_init(mf_series_rolling *r, mf_series_view v, size_t window,
                           size_t min_periods, mf_error *err)
{
    int rc = check_view(v, err);
    if (rc)
        return rc;
    if (window == 0 || window > MF_SERIES_MAX_LEN)
        return mf_error_set(err, MF_EINVAL, "rolling window of %zu observations outside 1..%zu",
                            window, MF_SERIES_MAX_LEN);
    if (min_periods == 0 || min_periods > window)
        return mf_error_set(err, MF_EINVAL, "rolling min_periods %zu outside 1..%zu (the window)",
                            min_periods, window);
    *r = (mf_series_rolling){.view = v, .window = window, .min_periods = min_periods};
    return 0;
}

/*
 * Removing values subtracts their share of m2, so when m2 falls far below the peak it had,
 * what is left is mostly the rounding error of that peak (eps * peak): below this fraction of
 * the peak the window is recomputed. 1e-4 keeps the relative error of m2 near 1e-12. A
 * collapse needs high-variance values to enter and later leave the window, which is rare in
 * market data; a series built to make the variance collapse again and again would make the
 * iterator pay O(window) at each collapse.
 */
#define RESYNC_COLLAPSE 1e-4

/*
 * The moments are kept for x - K with K (r->shift) a recent value of the series, the "shifted
 * data" technique (T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the
 * sample variance: analysis and recommendations", The American Statistician 37(3), 1983): for a
 * level far from zero (a price near 1e8 moving by 0.01) x - K is exact and small, so the stored
 * mean carries no rounding at the scale of the level and the variance keeps its digits.
 */
static void rolling_reset(mf_series_rolling *r)
{
    r->count = 0;
    r->mean = r->m2 = r->m2_peak = r->sum = r->sum_comp = 0.0;
}

/* Welford's update with x. */
static void rolling_add(mf_series_rolling *r, double x)
{
    if (r->count == 0)
        r->shift = x; /* an empty window restarts exactly, centred on its first value */
    r->count++;
    double y = x - r->shift;
    double delta = y - r->mean;
    r->mean += delta / (double)r->count;
    r->m2 += delta * (y - r->mean);
    if (r->m2 > r->m2_peak)
        r->m2_peak = r->m2;
    neumaier_add(&r->sum, &r->sum_comp, x);
}

/* West's downdate removing x (weight -1); an emptied window restarts exactly from zero. */
static void rolling_remove(mf_series_rolling *r, double x)
{
    if (r->count == 1) {
        rolling_reset(r);
        return;
    }
    r->count--;
    double y = x - r->shift;
    double delta = y - r->mean;
    r->mean -= delta / (double)r->count;
    r->m2 -= delta * (y - r->mean);
    if (r->m2 < 0.0)
        r->m2 = 0.0; /* rounding can push a near-zero sum of squares below zero */
    neumaier_add(&r->sum, &r->sum_comp, -x);
}

/*
 * Recomputes the state of [start, end) exactly: a compensated sum of x, then a two-pass mean
 * and sum of squares of x - K with K re-centred on the newest value. Done once every `window`
 * removals, it costs O(1) amortised per step and stops the rounding error of long chains of
 * downdates (and a K left behind by a change of level) from accumulating.
 */
static void rolling_resync(mf_series_rolling *r)
{
    const double *x = r->view.values;
    rolling_reset(r);
    double ysum = 0.0, ycomp = 0.0;
    for (size_t i = r->end; i > r->start; i--)
        if (!isnan(x[i - 1])) {
            if (r->count == 0)
                r->shift = x[i - 1];
            neumaier_add(&r->sum, &r->sum_comp, x[i - 1]);
            neumaier_add(&ysum, &ycomp, x[i - 1] - r->shift);
            r->count++;
        }
    if (r->count > 0) {
        r->mean = (ysum + ycomp) / (double)r->count;
        for (size_t i = r->start; i < r->end; i++)
            if (!isnan(x[i])) {
                double d = x[i] - r->shift - r->mean;
                r->m2 += d * d;
            }
    }
    r->m2_peak = r->m2;
    r->since_resync = 0;
}

bool mf_series_rolling_next(mf_series_rolling *r)
{
    if (r->end >= r->view.n)
        return false;
    const double *x = r->view.values;
    if (r->end - r->start == r->window) {
        if (!isnan(x[r->start])) {
            rolling_remove(r, x[r->start]);
            r->since_resync++;
        }
        r->start++;
    }
    if (!isnan(x[r->end]))
        rolling_add(r, x[r->end]);
    r->end++;
    if (r->since_resync >= r->window || r->m2 < RESYNC_COLLAPSE * r->m2_peak)
        rolling_resync(r);
    return true;
}

mf_date mf_series_rolling_date(const mf_series_rolling *r)
{
    MF_ASSERT(r->end > 0);
    return r->view.dates[r->end - 1];
}

size_t mf_series_rolling_count(const mf_series_rolling *r)
{
    return r->count;
}

double mf_series_rolling_sum(const mf_series_rolling *r)
{
    return r->count < r->min_periods ? NAN : r->sum + r->sum_comp;
}

double mf_series_rolling_mean(const mf_series_rolling *r)
{
    return r->count < r->min_periods ? NAN : r->shift + r->mean;
}

double mf_series_rolling_var(const mf_series_rolling *r)
{
    if (r->count < r->min_periods || r->count < 2)
        return NAN;
    return r->m2 / (double)(r->count - 1);
}

double mf_series_rolling_std(const mf_series_rolling *r)
{
    return sqrt(mf_series_rolling_var(r));
}
