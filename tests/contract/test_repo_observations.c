/*
 * test_repo_observations.c - point-in-time observations on every backend: what the writer
 * stores and counts, conflicts, and reads as known on a date, checked against a brute-force
 * reading of the same vintages.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/store.h"

#define D(iso) mf_test_date(iso)

static int64_t series(mf_store *st, const char *code)
{
    int64_t id = 0;
    bool created;
    assert_int_equal(mf_repo_series_ensure(st, code, &id, &created, NULL), 0);
    return id;
}

static mf_obs_outcome add(mf_obs_writer *w, int64_t id, const char *obs, const char *known,
                          double v)
{
    mf_obs_outcome out = (mf_obs_outcome)-1;
    mf_error err;
    if (mf_obs_writer_add(w, id, D(obs), D(known), v, &out, &err) != 0)
        fail_msg("add %s %s: %s", obs, known, err.msg);
    return out;
}

static void writer_counts_new_revised_and_unchanged(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t cpi = series(st, "BR_IPCA_IDX");
    mf_obs_writer *w = mf_obs_writer_new(st, 1764000000);
    assert_int_equal(add(w, cpi, "2024-01-01", "2024-02-08", 6800.25), MF_OBS_NEW);
    assert_int_equal(add(w, cpi, "2024-02-01", "2024-03-12", 6855.10), MF_OBS_NEW);
    assert_int_equal(add(w, cpi, "2024-01-01", "2024-03-20", 6801.75), MF_OBS_REVISED);
    assert_int_equal(add(w, cpi, "2024-01-01", "2024-02-08", 6800.25), MF_OBS_UNCHANGED);
    assert_int_equal(add(w, cpi, "2024-03-01", "2024-04-10", NAN), MF_OBS_NEW);
    assert_int_equal(add(w, cpi, "2024-03-01", "2024-04-10", NAN), MF_OBS_UNCHANGED);
    assert_int_equal(add(w, cpi, "2024-03-01", "2024-04-30", 6890.00), MF_OBS_REVISED);
    mf_obs_writer_free(w);

    /* A second writer (a reload) sees what the first stored. */
    w = mf_obs_writer_new(st, 1764100000);
    assert_int_equal(add(w, cpi, "2024-02-01", "2024-03-12", 6855.10), MF_OBS_UNCHANGED);
    assert_int_equal(add(w, cpi, "2024-01-01", "2024-03-20", 6801.75), MF_OBS_UNCHANGED);
    assert_int_equal(add(w, cpi, "2024-02-01", "2024-05-02", 6856.00), MF_OBS_REVISED);
    assert_int_equal(add(w, cpi, "2024-04-01", "2024-05-10", 6911.11), MF_OBS_NEW);
    mf_obs_writer_free(w);
    mf_test_store_close(st);
}

static void a_different_value_for_a_stored_vintage_is_refused(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = series(st, "X");
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    add(w, id, "2024-01-01", "2024-02-08", 6800.25);
    add(w, id, "2024-02-01", "2024-03-08", NAN);
    mf_obs_outcome out = MF_OBS_NEW;
    mf_error err;
    assert_int_equal(
        mf_obs_writer_add(w, id, D("2024-01-01"), D("2024-02-08"), 6800.26, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "observation of 2024-01-01 available 2024-02-08 is already "
                                 "stored with value 6800.25, not 6800.26: a revision needs a "
                                 "later available_at");
    assert_int_equal(mf_obs_writer_add(w, id, D("2024-02-01"), D("2024-03-08"), 1.5, &out, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "already stored with value missing, not 1.5"));
    mf_obs_writer_free(w);

    mf_obs_vintage *v;
    size_t n;
    assert_int_equal(mf_repo_obs_vintages(st, id, MF_DATE_MIN, MF_DATE_MAX, &v, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_true(v[0].value == 6800.25);
    assert_true(isnan(v[1].value));
    mf_free(v);
    mf_test_store_close(st);
}

static void reads_as_of_a_date_see_only_what_was_published(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = series(st, "IP");
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    add(w, id, "2024-01-01", "2024-02-08", 100.5);
    add(w, id, "2024-01-01", "2024-03-08", 101.25);
    add(w, id, "2024-02-01", "2024-03-08", NAN);
    add(w, id, "2024-02-01", "2024-04-08", 99.75);
    mf_obs_writer_free(w);

    static const struct {
        const char *as_of;
        size_t n;
        double jan, feb; /* NaN: missing; feb unused when n < 2 */
    } cases[] = {
        {"2024-02-07", 0, 0, 0},          {"2024-02-08", 1, 100.5, 0},
        {"2024-03-07", 1, 100.5, 0},      {"2024-03-08", 2, 101.25, NAN},
        {"2024-04-08", 2, 101.25, 99.75}, {"9999-12-31", 2, 101.25, 99.75},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_series *s;
        assert_int_equal(
            mf_repo_obs_asof(st, id, D("2023-12-01"), D("2024-12-31"), D(cases[i].as_of), &s, NULL),
            0);
        if (mf_series_len(s) != cases[i].n)
            fail_msg("as of %s: %zu observations, want %zu", cases[i].as_of, mf_series_len(s),
                     cases[i].n);
        const double *v = mf_series_values(s);
        if (cases[i].n >= 1)
            assert_true(v[0] == cases[i].jan);
        if (cases[i].n == 2)
            assert_true(isnan(cases[i].feb) ? isnan(v[1]) : v[1] == cases[i].feb);
        mf_series_free(s);
    }
    mf_series *s;
    assert_int_equal(
        mf_repo_obs_asof(st, id, D("2024-02-01"), D("2024-02-01"), MF_DATE_MAX, &s, NULL), 0);
    assert_int_equal(mf_series_len(s), 1); /* the range bounds are inclusive */
    assert_int_equal(mf_series_dates(s)[0], D("2024-02-01"));
    mf_series_free(s);

    mf_date last = 0;
    bool found = false;
    assert_int_equal(mf_repo_obs_last_date(st, id, &last, &found, NULL), 0);
    assert_true(found);
    assert_int_equal(last, D("2024-02-01"));
    int64_t empty = series(st, "EMPTY");
    last = 77;
    assert_int_equal(mf_repo_obs_last_date(st, empty, &last, &found, NULL), 0);
    assert_false(found);
    assert_int_equal(last, 77);
    mf_test_store_close(st);
}

/* A small deterministic generator for the randomized check. */
static uint64_t next(uint64_t *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return *x;
}

typedef struct vintage {
    mf_date obs, known;
    double value;
} vintage;

static void random_vintages_read_as_a_brute_force_scan_says(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = series(st, "RANDOM");
    enum { NV = 600 };
    vintage *all = mf_calloc(NV, sizeof *all);
    uint64_t x = 0x2385;
    size_t n = 0;
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    assert_int_equal(mf_store_begin(st, NULL), 0);
    while (n < NV) { /* dates in 2020-2021, out of order, some revised, some missing */
        vintage v = {D("2020-01-01") + (mf_date)(next(&x) % 700), 0, 0};
        v.known = v.obs + (mf_date)(next(&x) % 90);
        v.value = next(&x) % 17 == 0 ? NAN : (double)(next(&x) % 100000) / 100.0;
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup |= all[i].obs == v.obs && all[i].known == v.known;
        if (dup)
            continue;
        mf_obs_outcome out;
        assert_int_equal(mf_obs_writer_add(w, id, v.obs, v.known, v.value, &out, NULL), 0);
        all[n++] = v;
    }
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    assert_int_equal(mf_store_commit(st, NULL), 0);
    mf_obs_writer_free(w);

    /* A reload through a new writer (its windows over stored rows) changes nothing, and a
       later vintage of a stored date is a revision that the next reads see. */
    w = mf_obs_writer_new(st, 1);
    for (size_t i = 0; i < n; i++) {
        mf_obs_outcome out;
        assert_int_equal(
            mf_obs_writer_add(w, id, all[i].obs, all[i].known, all[i].value, &out, NULL), 0);
        assert_int_equal(out, MF_OBS_UNCHANGED);
    }
    for (size_t i = 0; i < n; i += 50) {
        vintage v = {all[i].obs, D("2023-06-01") + (mf_date)i, (double)i + 0.385};
        mf_obs_outcome out;
        assert_int_equal(mf_obs_writer_add(w, id, v.obs, v.known, v.value, &out, NULL), 0);
        assert_int_equal(out, MF_OBS_REVISED);
        assert_int_equal(mf_obs_writer_add(w, id, v.obs, v.known, v.value, &out, NULL), 0);
        assert_int_equal(out, MF_OBS_UNCHANGED);
        all = mf_reallocarray(all, n + 1, sizeof *all);
        all[n++] = v;
    }
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    mf_obs_writer_free(w);

    for (int q = 0; q < 60; q++) {
        mf_date as_of = D("2020-01-01") + (mf_date)(next(&x) % 1500);
        mf_date from = D("2020-01-01") + (mf_date)(next(&x) % 700), to = from + 60;
        mf_series *s;
        assert_int_equal(mf_repo_obs_asof(st, id, from, to, as_of, &s, NULL), 0);
        size_t k = 0;
        for (mf_date d = from; d <= to; d++) {
            const vintage *best = NULL; /* brute force: latest vintage known by as_of */
            for (size_t i = 0; i < n; i++)
                if (all[i].obs == d && all[i].known <= as_of &&
                    (best == NULL || all[i].known > best->known))
                    best = &all[i];
            if (best == NULL)
                continue;
            assert_true(k < mf_series_len(s));
            assert_int_equal(mf_series_dates(s)[k], d);
            double got = mf_series_values(s)[k];
            assert_true(isnan(best->value) ? isnan(got) : got == best->value);
            k++;
        }
        assert_int_equal(k, mf_series_len(s));
        mf_series_free(s);
    }
    mf_free(all);
    mf_test_store_close(st);
}

/*
 * Vintages written in (obs_date, available_at) order - how derived series are written - go
 * through the bulk load, the later vintages of a date too (batches of 256 and 16 rows, then
 * single rows, in SQLite); a vintage of the last date that is not later than its last one
 * still meets what is stored. Everything reads back.
 */
static void ordered_vintages_through_the_bulk_load(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = series(st, "ORDERED");
    enum { NV = 1000 };
    vintage *all = mf_calloc(NV + 2, sizeof *all);
    size_t n = 0;
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    assert_int_equal(mf_store_begin(st, NULL), 0);
    for (mf_date d = D("2019-01-01"); n < NV; d++) {
        int nv = 1 + (int)(d % 3); /* 1..3 vintages a date */
        for (int k = 0; k < nv && n < NV; k++) {
            vintage v = {d, d + 2 + 5 * k, (double)n * 0.25 + (k ? 0.125 : 0.0)};
            mf_obs_outcome out;
            assert_int_equal(mf_obs_writer_add(w, id, v.obs, v.known, v.value, &out, NULL), 0);
            assert_int_equal(out, k == 0 ? MF_OBS_NEW : MF_OBS_REVISED);
            all[n++] = v;
        }
    }
    /* the last date again: its last vintage (unchanged; another value refused), one before */
    vintage last = all[n - 1];
    mf_obs_outcome out;
    mf_error err;
    assert_int_equal(mf_obs_writer_add(w, id, last.obs, last.known, last.value, &out, NULL), 0);
    assert_int_equal(out, MF_OBS_UNCHANGED);
    assert_int_equal(mf_obs_writer_add(w, id, last.obs, last.known, 1.5, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "already stored"));
    vintage early = {last.obs, last.obs, 7.75};
    assert_int_equal(mf_obs_writer_add(w, id, early.obs, early.known, early.value, &out, NULL), 0);
    assert_int_equal(out, MF_OBS_REVISED);
    all[n++] = early;
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    assert_int_equal(mf_store_commit(st, NULL), 0);
    mf_obs_writer_free(w);

    mf_obs_vintage *got = NULL;
    size_t m = 0;
    assert_int_equal(mf_repo_obs_vintages(st, id, MF_DATE_MIN, MF_DATE_MAX, &got, &m, NULL), 0);
    assert_int_equal(m, n);
    for (size_t i = 0; i < m; i++) { /* all[] is in (obs, known) order but for early */
        const vintage *v = NULL;
        for (size_t j = 0; j < n && v == NULL; j++)
            if (all[j].obs == got[i].obs_date && all[j].known == got[i].available_at)
                v = &all[j];
        if (v == NULL)
            fail_msg("vintage %zu not written", i);
        else
            assert_true(got[i].value == v->value);
    }
    mf_free(got);
    mf_free(all);
    mf_test_store_close(st);
}

static void nothing_else_runs_on_the_store_until_the_writer_is_flushed(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = series(st, "FLUSH");
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    mf_error err;
    assert_int_equal(mf_store_begin(st, &err), 0);
    add(w, id, "2024-01-02", "2024-01-02", 2.385); /* a new row: into the bulk load */
    assert_int_equal(mf_store_commit(st, &err), MF_ESTATE);
    assert_non_null(strstr(err.msg, "in the middle of a bulk load"));
    assert_int_equal(mf_obs_writer_flush(w, &err), 0);
    assert_int_equal(mf_store_commit(st, &err), 0);
    mf_obs_writer_free(w);
    mf_series *s;
    assert_int_equal(mf_repo_obs_asof(st, id, MF_DATE_MIN, MF_DATE_MAX, MF_DATE_MAX, &s, NULL), 0);
    assert_int_equal(mf_series_len(s), 1);
    mf_series_free(s);
    mf_test_store_close(st);
}

static void a_series_with_observations_cannot_be_deleted(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t kept = series(st, "KEPT"), spare = series(st, "SPARE");
    mf_obs_writer *w = mf_obs_writer_new(st, 0);
    add(w, kept, "2024-01-02", "2024-01-02", 2.385);
    mf_obs_writer_free(w);
    mf_stmt *s;
    mf_error err;
    assert_int_equal(mf_store_prepare(st, "DELETE FROM series WHERE id = ?", &s, &err), 0);
    mf_stmt_bind_int64(s, 1, kept);
    assert_true(mf_stmt_step(s, &err) < 0);
    assert_non_null(strstr(err.msg, "series has observations"));
    assert_int_equal(mf_store_prepare(st, "DELETE FROM series WHERE id = ?", &s, &err), 0);
    mf_stmt_bind_int64(s, 1, spare);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    assert_int_equal(mf_stmt_changes(s), 1);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writer_counts_new_revised_and_unchanged),
        cmocka_unit_test(a_different_value_for_a_stored_vintage_is_refused),
        cmocka_unit_test(reads_as_of_a_date_see_only_what_was_published),
        cmocka_unit_test(random_vintages_read_as_a_brute_force_scan_says),
        cmocka_unit_test(ordered_vintages_through_the_bulk_load),
        cmocka_unit_test(nothing_else_runs_on_the_store_until_the_writer_is_flushed),
        cmocka_unit_test(a_series_with_observations_cannot_be_deleted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
