/*
 * test_series.c - src/core/series.c: construction and validation, search, slicing, as-of,
 * alignment, resampling, shifting and rolling windows, checked against the fixtures that
 * tests/fixtures/gen/gen_series.py writes (numpy statistics, datetime period ends, brute-force
 * scans) and against hand cases for every error path and edge case.
 *
 * Tolerances: dates, counts, indices and "last" values are exact (they are copies); sums and
 * means within 1e-12 relative (our Neumaier sums against numpy's pairwise sums); standard
 * deviations within 1e-10 relative, also on series D, whose values sit near 1e8 with a spread
 * of 0.017 (a running variance without a shift loses ~1e-6 there; we measured ~2e-12).
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/series.h"

/* ---- helpers ----------------------------------------------------------------------------- */

static double parse_value(const char *s)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        fail_msg("bad number in fixture: '%s'", s);
    return v;
}

/* NaN equals NaN; otherwise |got - want| <= rel * max(1, |want|). */
static void assert_close(double want, double got, double rel, const char *what)
{
    if (isnan(want) || isnan(got)) {
        if (isnan(want) != isnan(got))
            fail_msg("%s: want %.17g, got %.17g", what, want, got);
        return;
    }
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    if (fabs(got - want) > rel * scale)
        fail_msg("%s: want %.17g, got %.17g (rel tol %g)", what, want, got, rel);
}

/* Builds series `name` from series_input.csv by appending each row. Caller frees. */
static mf_series *load_input(const char *name)
{
    FILE *f = mf_test_fixture_open("series_input.csv");
    mf_series *s = mf_series_new(0);
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "series,", 7) == 0)
            continue;
        char *c[3];
        assert_int_equal(mf_test_split(line, ',', c, 3), 3);
        if (strcmp(c[0], name) != 0)
            continue;
        mf_error err;
        if (mf_series_append(s, mf_test_date(c[1]), parse_value(c[2]), &err) != 0)
            fail_msg("fixture series %s: %s", name, err.msg);
    }
    fclose(f);
    assert_true(mf_series_len(s) > 10);
    return s;
}

static mf_series *from_literals(const char *const *iso, const double *values, size_t n)
{
    mf_date dates[64];
    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++)
        dates[i] = mf_test_date(iso[i]);
    mf_series *s = NULL;
    mf_error err;
    if (mf_series_from_arrays(dates, values, n, &s, &err) != 0)
        fail_msg("from_literals: %s", err.msg);
    return s;
}

static mf_series_period parse_period(const char *s)
{
    if (strcmp(s, "week") == 0)
        return MF_SERIES_WEEK;
    if (strcmp(s, "month") == 0)
        return MF_SERIES_MONTH;
    if (strcmp(s, "quarter") == 0)
        return MF_SERIES_QUARTER;
    assert_string_equal(s, "year");
    return MF_SERIES_YEAR;
}

static mf_series_agg parse_agg(const char *s)
{
    if (strcmp(s, "last") == 0)
        return MF_SERIES_AGG_LAST;
    if (strcmp(s, "mean") == 0)
        return MF_SERIES_AGG_MEAN;
    assert_string_equal(s, "sum");
    return MF_SERIES_AGG_SUM;
}

/* ---- against the numpy / datetime / brute-force reference ------------------------------- */

static void resample_matches_numpy_for_every_period_and_aggregation(void **state)
{
    (void)state;
    mf_series *a = load_input("A"), *c = load_input("C");
    FILE *f = mf_test_fixture_open("series_resample.csv");
    char line[256], key[128] = "", what[192];
    mf_series *got = NULL;
    size_t pos = 0, blocks = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "series,", 7) == 0)
            continue;
        char *col[6];
        assert_int_equal(mf_test_split(line, ',', col, 6), 6);
        char this_key[128];
        snprintf(this_key, sizeof this_key, "%s/%s/%s/%s", col[0], col[1], col[2], col[3]);
        if (strcmp(this_key, key) != 0) {
            if (got != NULL)
                assert_int_equal(pos, mf_series_len(got)); /* no extra periods */
            mf_series_free(got);
            got = NULL;
            mf_series *src = strcmp(col[0], "A") == 0 ? a : c;
            mf_error err;
            if (mf_series_resample(mf_series_as_view(src), parse_period(col[1]),
                                   (mf_weekday)atoi(col[2]), parse_agg(col[3]), &got, &err) != 0)
                fail_msg("%s: %s", this_key, err.msg);
            memcpy(key, this_key, sizeof key);
            pos = 0;
            blocks++;
        }
        snprintf(what, sizeof what, "%s %s", key, col[4]);
        if (pos >= mf_series_len(got))
            fail_msg("%s: missing period", what);
        char buf[MF_DATE_ISO_SIZE];
        assert_string_equal(mf_date_format_iso(mf_series_dates(got)[pos], buf), col[4]);
        double rel = strcmp(col[3], "last") == 0 ? 0.0 : 1e-12;
        assert_close(parse_value(col[5]), mf_series_values(got)[pos], rel, what);
        pos++;
        rows++;
    }
    assert_int_equal(pos, mf_series_len(got));
    fclose(f);
    assert_int_equal(blocks, 2 * 5 * 3);
    assert_true(rows > 500);
    mf_series_free(got);
    mf_series_free(a);
    mf_series_free(c);
}

static void rolling_statistics_match_numpy_with_missing_values(void **state)
{
    (void)state;
    mf_series *a = load_input("A"), *d = load_input("D");
    FILE *f = mf_test_fixture_open("series_rolling.csv");
    char line[256], key[64] = "", what[128];
    mf_series_rolling r;
    size_t rows = 0, blocks = 0, defined_std = 0;
    bool active = false;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "series,", 7) == 0)
            continue;
        char *col[8];
        assert_int_equal(mf_test_split(line, ',', col, 8), 8);
        char this_key[64];
        snprintf(this_key, sizeof this_key, "%s/%s/%s", col[0], col[1], col[2]);
        if (strcmp(this_key, key) != 0) {
            if (active)
                assert_false(mf_series_rolling_next(&r)); /* consumed every window */
            mf_series *src = strcmp(col[0], "A") == 0 ? a : d;
            mf_error err;
            if (mf_series_rolling_init(&r, mf_series_as_view(src), (size_t)atoi(col[1]),
                                       (size_t)atoi(col[2]), &err) != 0)
                fail_msg("%s: %s", this_key, err.msg);
            memcpy(key, this_key, sizeof key);
            active = true;
            blocks++;
        }
        snprintf(what, sizeof what, "rolling %s at %s", key, col[3]);
        if (!mf_series_rolling_next(&r))
            fail_msg("%s: iterator ended early", what);
        char buf[MF_DATE_ISO_SIZE];
        assert_string_equal(mf_date_format_iso(mf_series_rolling_date(&r), buf), col[3]);
        assert_int_equal(mf_series_rolling_count(&r), atoi(col[4]));
        assert_close(parse_value(col[5]), mf_series_rolling_sum(&r), 1e-12, what);
        assert_close(parse_value(col[6]), mf_series_rolling_mean(&r), 1e-12, what);
        double std_rel = 1e-10;
        double want_std = parse_value(col[7]);
        assert_close(want_std, mf_series_rolling_std(&r), std_rel, what);
        if (!isnan(want_std)) {
            /* the relative check above is scaled by max(1, |want|): check D's small stds too */
            assert_true(fabs(mf_series_rolling_std(&r) - want_std) <= std_rel * want_std);
            defined_std++;
        }
        rows++;
    }
    assert_false(mf_series_rolling_next(&r));
    fclose(f);
    assert_int_equal(blocks, 7);
    assert_true(rows > 3000);
    assert_true(defined_std > 1500);
    mf_series_free(a);
    mf_series_free(d);
}

static void asof_matches_a_brute_force_scan(void **state)
{
    (void)state;
    mf_series *a = load_input("A");
    mf_series_view v = mf_series_as_view(a);
    FILE *f = mf_test_fixture_open("series_asof.csv");
    char line[256];
    size_t found = 0, missing = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "series,", 7) == 0)
            continue;
        char *col[7];
        assert_int_equal(mf_test_split(line, ',', col, 7), 7);
        mf_series_nan policy =
            strcmp(col[2], "skip") == 0 ? MF_SERIES_NAN_SKIP : MF_SERIES_NAN_KEEP;
        mf_series_obs obs = {.index = 999999, .date = 7, .value = 2.385};
        mf_error err;
        int rc = mf_series_asof(v, mf_test_date(col[1]), policy, &obs, &err);
        if (strcmp(col[3], "notfound") == 0) {
            if (rc != MF_ENOTFOUND)
                fail_msg("as-of %s %s: want MF_ENOTFOUND, got %d", col[1], col[2], rc);
            assert_int_equal(obs.index, 999999); /* untouched on failure */
            missing++;
            continue;
        }
        if (rc != 0)
            fail_msg("as-of %s %s: %s", col[1], col[2], err.msg);
        assert_int_equal(obs.index, atoi(col[4]));
        assert_int_equal(obs.date, mf_test_date(col[5]));
        assert_close(parse_value(col[6]), obs.value, 0.0, col[1]);
        found++;
    }
    fclose(f);
    assert_true(found > 300);
    assert_true(missing >= 2);
    mf_series_free(a);
}

static void alignment_matches_set_intersection_and_union(void **state)
{
    (void)state;
    mf_series *s[3] = {load_input("A"), load_input("B"), load_input("C")};
    mf_series_view views[3];
    for (int j = 0; j < 3; j++)
        views[j] = mf_series_as_view(s[j]);
    mf_series_aligned got[4] = {{0}}; /* ABC inner, ABC outer, AB inner, AB outer */
    for (int i = 0; i < 4; i++) {
        mf_error err;
        if (mf_series_align(views, i < 2 ? 3 : 2,
                            i % 2 ? MF_SERIES_JOIN_OUTER : MF_SERIES_JOIN_INNER, &got[i],
                            &err) != 0)
            fail_msg("align case %d: %s", i, err.msg);
    }
    FILE *f = mf_test_fixture_open("series_align.csv");
    char line[256], what[64];
    size_t pos[4] = {0};
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "members,", 8) == 0)
            continue;
        char *col[6];
        assert_int_equal(mf_test_split(line, ',', col, 6), 6);
        int i = (strcmp(col[0], "ABC") == 0 ? 0 : 2) + (strcmp(col[1], "outer") == 0);
        mf_series_aligned *g = &got[i];
        snprintf(what, sizeof what, "%s %s %s", col[0], col[1], col[2]);
        if (pos[i] >= g->n)
            fail_msg("%s: missing row", what);
        assert_int_equal(g->dates[pos[i]], mf_test_date(col[2]));
        for (size_t j = 0; j < g->k; j++) {
            mf_series_view column = mf_series_aligned_column(g, j);
            assert_close(parse_value(col[3 + j]), column.values[pos[i]], 0.0, what);
        }
        pos[i]++;
    }
    fclose(f);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pos[i], got[i].n); /* no extra rows */
        assert_true(got[i].n > 10);
        mf_series_aligned_release(&got[i]);
        assert_null(got[i].dates);
    }
    for (int j = 0; j < 3; j++)
        mf_series_free(s[j]);
}

/* ---- construction and validation --------------------------------------------------------- */

static void append_rejects_dates_that_do_not_strictly_increase(void **state)
{
    (void)state;
    mf_series *s = mf_series_new(4);
    mf_error err;
    assert_int_equal(mf_series_append(s, mf_test_date("2024-01-03"), 2.385, &err), 0);
    assert_int_equal(mf_series_append(s, mf_test_date("2024-01-04"), NAN, &err), 0);
    assert_int_equal(mf_series_append(s, mf_test_date("2024-01-08"), -0.731, &err), 0);
    assert_int_equal(mf_series_append(s, mf_test_date("2024-01-05"), 1.5, &err), MF_EINVAL);
    assert_int_equal(err.code, MF_EINVAL);
    assert_string_equal(err.msg, "dates not strictly increasing: '2024-01-05' after "
                                 "'2024-01-08' at index 3");
    assert_int_equal(mf_series_append(s, mf_test_date("2024-01-08"), 1.5, &err), MF_EINVAL);
    assert_string_equal(err.msg, "dates not strictly increasing: '2024-01-08' after "
                                 "'2024-01-08' at index 3");
    assert_int_equal(mf_series_len(s), 3); /* unchanged by the failures */
    assert_int_equal(mf_series_dates(s)[2], mf_test_date("2024-01-08"));
    assert_true(mf_series_values(s)[2] == -0.731);
    assert_true(isnan(mf_series_values(s)[1]));
    assert_int_equal(mf_series_append(NULL, 0, 1.0, &err), MF_EINVAL);
    mf_series_free(s);
}

static void append_rejects_out_of_range_dates_and_infinite_values(void **state)
{
    (void)state;
    mf_series *s = mf_series_new(0);
    mf_error err;
    assert_int_equal(mf_series_append(s, MF_DATE_MAX + 1, 2.385, &err), MF_ERANGE);
    assert_string_equal(err.msg, "date serial 2932897 outside 0001-01-01..9999-12-31 at index 0");
    assert_int_equal(mf_series_append(s, MF_DATE_MIN - 1, 2.385, NULL), MF_ERANGE);
    assert_int_equal(mf_series_append(s, mf_test_date("2024-02-29"), INFINITY, &err), MF_EINVAL);
    assert_string_equal(err.msg,
                        "value inf at '2024-02-29' (index 0) is infinite: use NaN for missing");
    assert_int_equal(mf_series_append(s, mf_test_date("2024-02-29"), -INFINITY, NULL), MF_EINVAL);
    assert_int_equal(mf_series_len(s), 0);
    assert_int_equal(mf_series_append(s, MF_DATE_MIN, 2.385, NULL), 0);
    assert_int_equal(mf_series_append(s, MF_DATE_MAX, 3.217, NULL), 0);
    assert_int_equal(mf_series_len(s), 2);
    mf_series_free(s);
}

static void from_arrays_copies_and_validates(void **state)
{
    (void)state;
    mf_date dates[4] = {mf_test_date("2024-03-28"), mf_test_date("2024-04-01"),
                        mf_test_date("2024-04-02"), mf_test_date("2024-04-02")};
    double values[4] = {5.127, 5.093, NAN, 5.311};
    mf_series *sentinel = (mf_series *)&dates; /* must survive every failure */
    mf_series *s = sentinel;
    mf_error err;
    assert_int_equal(mf_series_from_arrays(dates, values, 4, &s, &err), MF_EINVAL);
    assert_string_equal(err.msg, "dates not strictly increasing: '2024-04-02' after "
                                 "'2024-04-02' at index 3");
    assert_ptr_equal(s, sentinel);
    assert_int_equal(mf_series_from_arrays(NULL, values, 2, &s, &err), MF_EINVAL);
    assert_int_equal(mf_series_from_arrays(dates, NULL, 2, &s, NULL), MF_EINVAL);
    assert_ptr_equal(s, sentinel);

    assert_int_equal(mf_series_from_arrays(dates, values, 3, &s, &err), 0);
    values[0] = 9.999; /* the series holds a copy */
    assert_int_equal(mf_series_len(s), 3);
    assert_true(mf_series_values(s)[0] == 5.127);
    assert_int_equal(mf_series_dates(s)[1], dates[1]);
    mf_series_values_mut(s)[1] = 6.02;
    assert_true(mf_series_as_view(s).values[1] == 6.02);
    mf_series_clear(s);
    assert_int_equal(mf_series_len(s), 0);
    assert_int_equal(mf_series_append(s, mf_test_date("2020-01-01"), 1.25, NULL), 0);
    mf_series_free(s);

    mf_series *empty = NULL;
    assert_int_equal(mf_series_from_arrays(NULL, NULL, 0, &empty, NULL), 0);
    assert_int_equal(mf_series_len(empty), 0);
    mf_series_free(empty);
    mf_series_free(NULL);
}

static void view_from_arrays_validates_without_copying(void **state)
{
    (void)state;
    mf_date dates[3] = {mf_test_date("2023-12-29"), mf_test_date("2024-01-02"),
                        mf_test_date("2023-12-31")};
    double values[3] = {0.1375, 0.1402, 0.1398};
    mf_series_view v = {.n = 77};
    mf_error err;
    assert_int_equal(mf_series_view_from_arrays(dates, values, 3, &v, &err), MF_EINVAL);
    assert_string_equal(err.msg, "dates not strictly increasing: '2023-12-31' after "
                                 "'2024-01-02' at index 2");
    assert_int_equal(v.n, 77);
    assert_int_equal(mf_series_view_from_arrays(dates, values, 2, &v, &err), 0);
    assert_ptr_equal(v.dates, dates);
    assert_ptr_equal(v.values, values);
    assert_int_equal(v.n, 2);
}

static void growth_past_the_initial_capacity_keeps_every_observation(void **state)
{
    (void)state;
    mf_series *s = mf_series_new(0);
    mf_date d0 = mf_test_date("1999-01-04");
    for (int i = 0; i < 5000; i++)
        assert_int_equal(mf_series_append(s, d0 + 2 * i, 0.5 + 0.0137 * i, NULL), 0);
    assert_int_equal(mf_series_len(s), 5000);
    for (int i = 0; i < 5000; i++) {
        assert_int_equal(mf_series_dates(s)[i], d0 + 2 * i);
        assert_true(mf_series_values(s)[i] == 0.5 + 0.0137 * i);
    }
    mf_series_free(s);
    /* an absurd capacity hint is clamped to the cap, not honoured */
    s = mf_series_new(SIZE_MAX);
    assert_int_equal(mf_series_append(s, d0, 2.385, NULL), 0);
    mf_series_free(s);
}

/* ---- search, slicing, as-of -------------------------------------------------------------- */

static const char *const WEEK_DATES[] = {"2024-05-13", "2024-05-14", "2024-05-16", "2024-05-17",
                                         "2024-05-20"};
static const double WEEK_VALUES[] = {10.385, NAN, 10.412, 10.397, NAN};

static void bounds_and_slices_are_inclusive_and_zero_copy(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);
    assert_int_equal(mf_series_lower_bound(v, mf_test_date("2024-05-15")), 2);
    assert_int_equal(mf_series_upper_bound(v, mf_test_date("2024-05-15")), 2);
    assert_int_equal(mf_series_lower_bound(v, mf_test_date("2024-05-16")), 2);
    assert_int_equal(mf_series_upper_bound(v, mf_test_date("2024-05-16")), 3);
    assert_int_equal(mf_series_lower_bound(v, mf_test_date("2024-01-01")), 0);
    assert_int_equal(mf_series_upper_bound(v, mf_test_date("2025-01-01")), 5);

    mf_series_view out;
    assert_int_equal(
        mf_series_slice(v, mf_test_date("2024-05-14"), mf_test_date("2024-05-17"), &out, NULL), 0);
    assert_int_equal(out.n, 3);
    assert_ptr_equal(out.dates, v.dates + 1); /* a window into the same arrays */
    assert_ptr_equal(out.values, v.values + 1);
    assert_int_equal(
        mf_series_slice(v, mf_test_date("2024-05-15"), mf_test_date("2024-05-15"), &out, NULL), 0);
    assert_int_equal(out.n, 0);
    assert_int_equal(
        mf_series_slice(v, mf_test_date("2000-01-01"), mf_test_date("2030-01-01"), &out, NULL), 0);
    assert_int_equal(out.n, 5);
    assert_int_equal(
        mf_series_slice(v, mf_test_date("2024-05-20"), mf_test_date("2024-05-20"), &out, NULL), 0);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.dates[0], mf_test_date("2024-05-20"));

    mf_error err;
    out.n = 99;
    assert_int_equal(
        mf_series_slice(v, mf_test_date("2024-05-17"), mf_test_date("2024-05-14"), &out, &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "empty slice range: from '2024-05-17' is after to '2024-05-14'");
    assert_int_equal(out.n, 99);
    mf_series_view empty = {0};
    assert_int_equal(mf_series_slice(empty, 0, 10, &out, NULL), 0);
    assert_int_equal(out.n, 0);
    mf_series_view broken = {.dates = NULL, .values = NULL, .n = 3};
    assert_int_equal(mf_series_slice(broken, 0, 10, &out, NULL), MF_EINVAL);
    mf_series_free(s);
}

static void asof_before_the_first_date_or_on_an_empty_series_is_not_found(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);
    mf_series_obs obs = {.index = 42};
    mf_error err;
    assert_int_equal(mf_series_asof(v, mf_test_date("2024-05-12"), MF_SERIES_NAN_KEEP, &obs, &err),
                     MF_ENOTFOUND);
    assert_string_equal(err.msg,
                        "no observation on or before '2024-05-12': series starts '2024-05-13'");
    mf_series_view empty = {0};
    assert_int_equal(
        mf_series_asof(empty, mf_test_date("2024-05-12"), MF_SERIES_NAN_SKIP, &obs, &err),
        MF_ENOTFOUND);
    assert_string_equal(err.msg, "no observation on or before '2024-05-12': series is empty");
    assert_int_equal(mf_series_asof(v, mf_test_date("2024-05-14"), (mf_series_nan)7, &obs, &err),
                     MF_EINVAL);
    assert_int_equal(obs.index, 42);

    /* on a date, between dates, after the end; NaN kept or skipped */
    assert_int_equal(mf_series_asof(v, mf_test_date("2024-05-15"), MF_SERIES_NAN_KEEP, &obs, NULL),
                     0);
    assert_int_equal(obs.index, 1);
    assert_true(isnan(obs.value));
    assert_int_equal(mf_series_asof(v, mf_test_date("2024-05-15"), MF_SERIES_NAN_SKIP, &obs, NULL),
                     0);
    assert_int_equal(obs.index, 0);
    assert_int_equal(obs.date, mf_test_date("2024-05-13"));
    assert_true(obs.value == 10.385);
    assert_int_equal(mf_series_asof(v, mf_test_date("2031-01-01"), MF_SERIES_NAN_SKIP, &obs, NULL),
                     0);
    assert_int_equal(obs.index, 3);
    assert_true(obs.value == 10.397);

    /* only NaN on or before the date */
    const char *const nan_dates[] = {"2024-05-13", "2024-05-14", "2024-05-15"};
    const double nan_values[] = {NAN, NAN, 3.14159};
    mf_series *t = from_literals(nan_dates, nan_values, 3);
    obs.index = 42;
    assert_int_equal(mf_series_asof(mf_series_as_view(t), mf_test_date("2024-05-14"),
                                    MF_SERIES_NAN_SKIP, &obs, &err),
                     MF_ENOTFOUND);
    assert_string_equal(err.msg, "no valid observation on or before '2024-05-14': every value "
                                 "from '2024-05-13' is NaN");
    assert_int_equal(obs.index, 42);
    assert_int_equal(mf_series_asof(mf_series_as_view(t), mf_test_date("2024-05-15"),
                                    MF_SERIES_NAN_SKIP, &obs, NULL),
                     0);
    assert_int_equal(obs.index, 2);
    mf_series_free(t);
    mf_series_free(s);
}

/* ---- alignment --------------------------------------------------------------------------- */

static void align_rejects_no_series_too_many_or_an_unknown_join(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);
    mf_series_aligned out = {.n = 123};
    mf_error err;
    assert_int_equal(mf_series_align(&v, 0, MF_SERIES_JOIN_INNER, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "cannot align 0 series: expected 1..1024");
    assert_int_equal(mf_series_align(NULL, 1, MF_SERIES_JOIN_INNER, &out, NULL), MF_EINVAL);
    assert_int_equal(mf_series_align(&v, MF_SERIES_ALIGN_MAX + 1, MF_SERIES_JOIN_OUTER, &out, NULL),
                     MF_EINVAL);
    assert_int_equal(mf_series_align(&v, 1, (mf_series_join)9, &out, &err), MF_EINVAL);
    mf_series_view pair[2] = {v, {.dates = NULL, .values = NULL, .n = 2}};
    assert_int_equal(mf_series_align(pair, 2, MF_SERIES_JOIN_OUTER, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "series 1 of 2: series view arrays are NULL with 2 observations");
    assert_int_equal(out.n, 123); /* untouched */
    mf_series_free(s);
    mf_series_aligned_release(NULL);
}

static void align_handles_empty_members_and_a_single_series(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view views[2] = {mf_series_as_view(s), {0}};
    mf_series_aligned out = {0};
    assert_int_equal(mf_series_align(views, 2, MF_SERIES_JOIN_INNER, &out, NULL), 0);
    assert_int_equal(out.n, 0);
    assert_int_equal(out.k, 2);
    mf_series_aligned_release(&out);

    assert_int_equal(mf_series_align(views, 2, MF_SERIES_JOIN_OUTER, &out, NULL), 0);
    assert_int_equal(out.n, 5);
    mf_series_view first = mf_series_aligned_column(&out, 0);
    mf_series_view second = mf_series_aligned_column(&out, 1);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(first.dates[i], mf_test_date(WEEK_DATES[i]));
        assert_close(WEEK_VALUES[i], first.values[i], 0.0, "first column");
        assert_true(isnan(second.values[i]));
    }
    mf_series_aligned_release(&out);

    assert_int_equal(mf_series_align(views, 1, MF_SERIES_JOIN_INNER, &out, NULL), 0);
    assert_int_equal(out.n, 5);
    assert_int_equal(out.dates[4], mf_test_date("2024-05-20"));
    mf_series_aligned_release(&out);

    /* disjoint series: inner is empty, outer interleaves */
    const char *const other_dates[] = {"2024-05-15", "2024-05-21"};
    const double other_values[] = {7.25, -1.0625};
    mf_series *t = from_literals(other_dates, other_values, 2);
    views[1] = mf_series_as_view(t);
    assert_int_equal(mf_series_align(views, 2, MF_SERIES_JOIN_INNER, &out, NULL), 0);
    assert_int_equal(out.n, 0);
    mf_series_aligned_release(&out);
    assert_int_equal(mf_series_align(views, 2, MF_SERIES_JOIN_OUTER, &out, NULL), 0);
    assert_int_equal(out.n, 7);
    assert_int_equal(out.dates[2], mf_test_date("2024-05-15"));
    assert_true(out.values[7 + 2] == 7.25);
    assert_true(isnan(out.values[2]));
    assert_true(out.values[7 + 6] == -1.0625);
    mf_series_aligned_release(&out);
    mf_series_free(t);
    mf_series_free(s);
}

/* ---- resampling -------------------------------------------------------------------------- */

static void resample_labels_periods_by_their_calendar_end(void **state)
{
    (void)state;
    /* Sat 2024-05-11 belongs to the week ending Fri 2024-05-17, but to the ISO week ending
     * Sun 2024-05-12; the last observation's month ends 2024-06-30, a Sunday. */
    const char *const dates[] = {"2024-05-10", "2024-05-11", "2024-05-13", "2024-05-17",
                                 "2024-06-03"};
    const double values[] = {1.125, 2.375, NAN, 4.0625, 8.5};
    mf_series *s = from_literals(dates, values, 5);
    mf_series_view v = mf_series_as_view(s);
    mf_series *out = NULL;

    assert_int_equal(
        mf_series_resample(v, MF_SERIES_WEEK, MF_FRIDAY, MF_SERIES_AGG_SUM, &out, NULL), 0);
    assert_int_equal(mf_series_len(out), 3);
    assert_int_equal(mf_series_dates(out)[0], mf_test_date("2024-05-10"));
    assert_int_equal(mf_series_dates(out)[1], mf_test_date("2024-05-17"));
    assert_int_equal(mf_series_dates(out)[2], mf_test_date("2024-06-07"));
    assert_true(mf_series_values(out)[1] == 2.375 + 4.0625);
    mf_series_free(out);

    assert_int_equal(
        mf_series_resample(v, MF_SERIES_WEEK, MF_SUNDAY, MF_SERIES_AGG_MEAN, &out, NULL), 0);
    assert_int_equal(mf_series_len(out), 3);
    assert_int_equal(mf_series_dates(out)[0], mf_test_date("2024-05-12"));
    assert_true(mf_series_values(out)[0] == (1.125 + 2.375) / 2);
    assert_int_equal(mf_series_dates(out)[1], mf_test_date("2024-05-19"));
    assert_true(mf_series_values(out)[1] == 4.0625); /* NaN ignored */
    assert_int_equal(mf_series_dates(out)[2], mf_test_date("2024-06-09"));
    mf_series_free(out);

    assert_int_equal(mf_series_resample(v, MF_SERIES_MONTH, 0, MF_SERIES_AGG_LAST, &out, NULL), 0);
    assert_int_equal(mf_series_len(out), 2);
    assert_int_equal(mf_series_dates(out)[0], mf_test_date("2024-05-31"));
    assert_true(mf_series_values(out)[0] == 4.0625);
    assert_int_equal(mf_series_dates(out)[1], mf_test_date("2024-06-30"));
    mf_series_free(out);

    assert_int_equal(mf_series_resample(v, MF_SERIES_YEAR, 0, MF_SERIES_AGG_MEAN, &out, NULL), 0);
    assert_int_equal(mf_series_len(out), 1);
    assert_int_equal(mf_series_dates(out)[0], mf_test_date("2024-12-31"));
    assert_true(mf_series_values(out)[0] == (1.125 + 2.375 + 4.0625 + 8.5) / 4);
    mf_series_free(out);
    mf_series_free(s);
}

static void resample_of_a_single_point_an_all_nan_period_and_an_empty_series(void **state)
{
    (void)state;
    const char *const dates[] = {"2024-02-29", "2024-04-02", "2024-04-30"};
    const double values[] = {7.125, NAN, NAN};
    mf_series *s = from_literals(dates, values, 3);
    mf_series *out = NULL;
    for (int agg = MF_SERIES_AGG_LAST; agg <= MF_SERIES_AGG_SUM; agg++) {
        assert_int_equal(mf_series_resample(mf_series_as_view(s), MF_SERIES_QUARTER, 0,
                                            (mf_series_agg)agg, &out, NULL),
                         0);
        assert_int_equal(mf_series_len(out), 2);
        assert_int_equal(mf_series_dates(out)[0], mf_test_date("2024-03-31"));
        assert_true(mf_series_values(out)[0] == 7.125); /* single point: last = mean = sum */
        assert_int_equal(mf_series_dates(out)[1], mf_test_date("2024-06-30"));
        assert_true(isnan(mf_series_values(out)[1])); /* all-NaN period: NaN, even the sum */
        mf_series_free(out);
    }
    mf_series_view empty = {0};
    assert_int_equal(mf_series_resample(empty, MF_SERIES_MONTH, 0, MF_SERIES_AGG_MEAN, &out, NULL),
                     0);
    assert_int_equal(mf_series_len(out), 0);
    mf_series_free(out);
    mf_series_free(s);
}

static void resample_rejects_bad_parameters_and_weeks_past_year_9999(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);
    mf_series *sentinel = (mf_series *)&v;
    mf_series *out = sentinel;
    mf_error err;
    assert_int_equal(mf_series_resample(v, MF_SERIES_WEEK, 0, MF_SERIES_AGG_LAST, &out, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "week end weekday 0 outside 1 (Monday)..7 (Sunday)");
    assert_int_equal(
        mf_series_resample(v, MF_SERIES_WEEK, (mf_weekday)8, MF_SERIES_AGG_LAST, &out, NULL),
        MF_EINVAL);
    assert_int_equal(
        mf_series_resample(v, (mf_series_period)11, MF_FRIDAY, MF_SERIES_AGG_LAST, &out, &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "unknown resampling period 11");
    assert_int_equal(
        mf_series_resample(v, MF_SERIES_MONTH, MF_FRIDAY, (mf_series_agg)-1, &out, &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "unknown resampling aggregation -1");
    mf_series_free(s);

    /* 9999-12-31 is a Friday: its Sunday-ending week would end in year 10000 */
    mf_date last[2] = {MF_DATE_MAX - 7, MF_DATE_MAX};
    double vals[2] = {1.5, 2.5};
    assert_int_equal(mf_series_view_from_arrays(last, vals, 2, &v, NULL), 0);
    assert_int_equal(
        mf_series_resample(v, MF_SERIES_WEEK, MF_SUNDAY, MF_SERIES_AGG_LAST, &out, &err),
        MF_ERANGE);
    assert_string_equal(err.msg, "week of '9999-12-31' ends after 9999-12-31");
    assert_ptr_equal(out, sentinel);
    assert_int_equal(
        mf_series_resample(v, MF_SERIES_WEEK, MF_FRIDAY, MF_SERIES_AGG_LAST, &out, NULL), 0);
    assert_int_equal(mf_series_dates(out)[1], MF_DATE_MAX);
    mf_series_free(out);
}

/* ---- shifting ---------------------------------------------------------------------------- */

static void shift_lags_and_leads_with_nan_fill(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);

    mf_series *lag = mf_series_shift(v, 2);
    assert_int_equal(mf_series_len(lag), 5);
    assert_memory_equal(mf_series_dates(lag), v.dates, 5 * sizeof(mf_date));
    const double *x = mf_series_values(lag);
    assert_true(isnan(x[0]) && isnan(x[1]));
    assert_true(x[2] == 10.385 && isnan(x[3]) && x[4] == 10.412);
    mf_series_free(lag);

    mf_series *lead = mf_series_shift(v, -1);
    x = mf_series_values(lead);
    assert_true(isnan(x[0]) && x[1] == 10.412 && x[2] == 10.397 && isnan(x[3]) && isnan(x[4]));
    mf_series_free(lead);

    mf_series *same = mf_series_shift(v, 0);
    for (size_t i = 0; i < 5; i++)
        assert_close(WEEK_VALUES[i], mf_series_values(same)[i], 0.0, "shift 0");
    mf_series_free(same);

    const ptrdiff_t far[] = {5, -5, 6, PTRDIFF_MAX, PTRDIFF_MIN};
    for (size_t k = 0; k < sizeof far / sizeof far[0]; k++) {
        mf_series *gone = mf_series_shift(v, far[k]);
        for (size_t i = 0; i < 5; i++)
            assert_true(isnan(mf_series_values(gone)[i]));
        mf_series_free(gone);
    }

    double buf[4] = {0.25, 0.5, 0.75, 1.0};
    mf_series_shift_values(buf, 4, 1, buf); /* in place */
    assert_true(isnan(buf[0]) && buf[1] == 0.25 && buf[2] == 0.5 && buf[3] == 0.75);
    mf_series_shift_values(buf, 4, -2, buf);
    assert_true(buf[0] == 0.5 && buf[1] == 0.75 && isnan(buf[2]) && isnan(buf[3]));

    mf_series_view empty = {0};
    mf_series *none = mf_series_shift(empty, 3);
    assert_int_equal(mf_series_len(none), 0);
    mf_series_free(none);
    mf_series_free(s);
}

/* ---- rolling windows --------------------------------------------------------------------- */

static void rolling_rejects_bad_window_and_min_periods(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_view v = mf_series_as_view(s);
    mf_series_rolling r = {.window = 31};
    mf_error err;
    assert_int_equal(mf_series_rolling_init(&r, v, 0, 1, &err), MF_EINVAL);
    assert_string_equal(err.msg, "rolling window of 0 observations outside 1..3652059");
    assert_int_equal(mf_series_rolling_init(&r, v, MF_SERIES_MAX_LEN + 1, 1, NULL), MF_EINVAL);
    assert_int_equal(mf_series_rolling_init(&r, v, 3, 0, &err), MF_EINVAL);
    assert_string_equal(err.msg, "rolling min_periods 0 outside 1..3 (the window)");
    assert_int_equal(mf_series_rolling_init(&r, v, 3, 4, NULL), MF_EINVAL);
    mf_series_view broken = {.n = 1};
    assert_int_equal(mf_series_rolling_init(&r, broken, 3, 1, NULL), MF_EINVAL);
    assert_int_equal(r.window, 31); /* untouched */
    mf_series_free(s);
}

static void rolling_window_longer_than_the_series_only_grows(void **state)
{
    (void)state;
    mf_series *s = from_literals(WEEK_DATES, WEEK_VALUES, 5);
    mf_series_rolling r;
    assert_int_equal(mf_series_rolling_init(&r, mf_series_as_view(s), 50, 2, NULL), 0);
    static const size_t counts[] = {1, 1, 2, 3, 3};
    for (size_t i = 0; i < 5; i++) {
        assert_true(mf_series_rolling_next(&r));
        assert_int_equal(r.start, 0);
        assert_int_equal(r.end, i + 1);
        assert_int_equal(mf_series_rolling_count(&r), counts[i]);
        if (counts[i] < 2) {
            assert_true(isnan(mf_series_rolling_mean(&r))); /* below min_periods */
            assert_true(isnan(mf_series_rolling_sum(&r)));
        }
    }
    assert_close((10.385 + 10.412 + 10.397) / 3, mf_series_rolling_mean(&r), 1e-15, "mean");
    assert_close(0.013527749258469196, mf_series_rolling_std(&r), 1e-12, "std"); /* numpy ddof=1 */
    assert_false(mf_series_rolling_next(&r));
    assert_false(mf_series_rolling_next(&r));
    assert_int_equal(r.end, 5);
    mf_series_free(s);
}

static void rolling_over_a_single_point_an_all_nan_window_and_an_empty_series(void **state)
{
    (void)state;
    const char *const one[] = {"2024-07-01"};
    const double one_value[] = {2.385};
    mf_series *s = from_literals(one, one_value, 1);
    mf_series_rolling r;
    assert_int_equal(mf_series_rolling_init(&r, mf_series_as_view(s), 3, 1, NULL), 0);
    assert_true(mf_series_rolling_next(&r));
    assert_int_equal(mf_series_rolling_date(&r), mf_test_date("2024-07-01"));
    assert_true(mf_series_rolling_mean(&r) == 2.385);
    assert_true(mf_series_rolling_sum(&r) == 2.385);
    assert_true(isnan(mf_series_rolling_var(&r))); /* one value: no sample variance */
    assert_false(mf_series_rolling_next(&r));
    mf_series_free(s);

    const char *const dates[] = {"2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04"};
    const double values[] = {4.75, NAN, NAN, 5.5};
    s = from_literals(dates, values, 4);
    assert_int_equal(mf_series_rolling_init(&r, mf_series_as_view(s), 2, 1, NULL), 0);
    assert_true(mf_series_rolling_next(&r));
    assert_true(mf_series_rolling_next(&r));
    assert_true(mf_series_rolling_next(&r)); /* window {NaN, NaN} */
    assert_int_equal(r.start, 1);
    assert_int_equal(mf_series_rolling_count(&r), 0);
    assert_true(isnan(mf_series_rolling_mean(&r)));
    assert_true(isnan(mf_series_rolling_sum(&r)));
    assert_true(isnan(mf_series_rolling_std(&r)));
    assert_true(mf_series_rolling_next(&r)); /* the emptied state restarts exactly */
    assert_true(mf_series_rolling_mean(&r) == 5.5);
    mf_series_free(s);

    mf_series_view empty = {0};
    assert_int_equal(mf_series_rolling_init(&r, empty, 5, 5, NULL), 0);
    assert_false(mf_series_rolling_next(&r));
}

/* Two-pass sample variance of the non-NaN x[lo, hi): the textbook reference. */
static double two_pass_var(const double *x, size_t lo, size_t hi)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t i = lo; i < hi; i++)
        if (!isnan(x[i])) {
            sum += x[i];
            n++;
        }
    double mean = sum / (double)n, ss = 0.0;
    for (size_t i = lo; i < hi; i++)
        if (!isnan(x[i]))
            ss += (x[i] - mean) * (x[i] - mean);
    return ss / (double)(n - 1);
}

static void rolling_variance_stays_accurate_after_a_change_of_scale(void **state)
{
    (void)state;
    /* 3000 values near 1e6 then 20000 near 2.385: downdating the large values away must not
     * leave their rounding error in the small window's variance. */
    enum { N = 23000, W = 40 };
    mf_date *dates = test_malloc(N * sizeof *dates);
    double *x = test_malloc(N * sizeof *x);
    unsigned long long lcg = 20240517ULL;
    for (size_t i = 0; i < N; i++) {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double)(lcg >> 11) / 9007199254740992.0 - 0.5;
        dates[i] = (mf_date)(10000 + i);
        x[i] = i < 3000 ? 1.0e6 + 1.0e3 * u : 2.385 + 0.01 * u;
        if (i % 17 == 5)
            x[i] = NAN;
    }
    mf_series_view v;
    assert_int_equal(mf_series_view_from_arrays(dates, x, N, &v, NULL), 0);
    mf_series_rolling r;
    assert_int_equal(mf_series_rolling_init(&r, v, W, 2, NULL), 0);
    size_t checked = 0;
    while (mf_series_rolling_next(&r)) {
        if (mf_series_rolling_count(&r) < 2) {
            assert_true(isnan(mf_series_rolling_var(&r)));
            continue;
        }
        double want = two_pass_var(x, r.start, r.end);
        double got = mf_series_rolling_var(&r);
        if (!(fabs(got - want) <= 1e-10 * want))
            fail_msg("variance at %zu: want %.17g, got %.17g", r.end, want, got);
        checked++;
    }
    assert_true(checked > N - 10);
    test_free(dates);
    test_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resample_matches_numpy_for_every_period_and_aggregation),
        cmocka_unit_test(rolling_statistics_match_numpy_with_missing_values),
        cmocka_unit_test(asof_matches_a_brute_force_scan),
        cmocka_unit_test(alignment_matches_set_intersection_and_union),
        cmocka_unit_test(append_rejects_dates_that_do_not_strictly_increase),
        cmocka_unit_test(append_rejects_out_of_range_dates_and_infinite_values),
        cmocka_unit_test(from_arrays_copies_and_validates),
        cmocka_unit_test(view_from_arrays_validates_without_copying),
        cmocka_unit_test(growth_past_the_initial_capacity_keeps_every_observation),
        cmocka_unit_test(bounds_and_slices_are_inclusive_and_zero_copy),
        cmocka_unit_test(asof_before_the_first_date_or_on_an_empty_series_is_not_found),
        cmocka_unit_test(align_rejects_no_series_too_many_or_an_unknown_join),
        cmocka_unit_test(align_handles_empty_members_and_a_single_series),
        cmocka_unit_test(resample_labels_periods_by_their_calendar_end),
        cmocka_unit_test(resample_of_a_single_point_an_all_nan_period_and_an_empty_series),
        cmocka_unit_test(resample_rejects_bad_parameters_and_weeks_past_year_9999),
        cmocka_unit_test(shift_lags_and_leads_with_nan_fill),
        cmocka_unit_test(rolling_rejects_bad_window_and_min_periods),
        cmocka_unit_test(rolling_window_longer_than_the_series_only_grows),
        cmocka_unit_test(rolling_over_a_single_point_an_all_nan_window_and_an_empty_series),
        cmocka_unit_test(rolling_variance_stays_accurate_after_a_change_of_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
