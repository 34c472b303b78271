/*
 * test_import.c - the CSV import of observations on every backend (SQLite, and PostgreSQL
 * through its COPY bulk path): counts, idempotence, point-in-time results, and bad input
 * that names file and line and leaves the store as it was.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "data/import_observations.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/store.h"

static int import_text(mf_store *st, const char *csv, bool skip_bad, mf_import_report *rep,
                       mf_error *err)
{
    FILE *in = fmemopen((void *)(uintptr_t)csv, strlen(csv), "r");
    assert_non_null(in);
    mf_import_options opt = {.skip_bad = skip_bad, .now = 1764000000};
    int rc = mf_import_observations(st, in, "obs.csv", &opt, rep, err);
    fclose(in);
    return rc;
}

static int64_t count_rows(mf_store *st)
{
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st, "SELECT count(*) FROM observations", &s, NULL), 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    return n;
}

static const char good[] = "series_code,obs_date,value,available_at\n"
                           "BR_IPCA_IDX,2024-01-01,6800.25,2024-02-08\n"
                           "BR_IPCA_IDX,2024-02-01,,2024-03-12\n"
                           "BR_IPCA_IDX,2024-01-01,6801.75,2024-03-20\n"
                           "BR_IPCA_IDX,2024-02-01,6855.1,2024-04-10\n"
                           "US_DGS10,2024-01-02,3.95,2024-01-02\n"
                           "US_DGS10,2024-01-03,3.91,2024-01-03\n";

static void a_file_loads_once_and_reloads_as_unchanged(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_import_report rep;
    mf_error err;
    if (import_text(st, good, false, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 6);
    assert_int_equal(rep.counts.rows_new, 4);
    assert_int_equal(rep.counts.rows_revised, 2);
    assert_int_equal(rep.counts.rows_unchanged, 0);
    assert_int_equal(rep.series_created, 2);
    assert_int_equal(import_text(st, good, false, &rep, &err), 0);
    assert_int_equal(rep.counts.rows_new, 0);
    assert_int_equal(rep.counts.rows_revised, 0);
    assert_int_equal(rep.counts.rows_unchanged, 6);
    assert_int_equal(count_rows(st), 6);

    mf_series_info info;
    assert_int_equal(mf_repo_series_get(st, "BR_IPCA_IDX", &info, NULL), 0);
    mf_series *s;
    assert_int_equal(mf_repo_obs_asof(st, info.id, MF_DATE_MIN, MF_DATE_MAX,
                                      mf_test_date("2024-03-15"), &s, NULL),
                     0);
    assert_int_equal(mf_series_len(s), 2);
    assert_true(mf_series_values(s)[0] == 6800.25);
    assert_true(isnan(mf_series_values(s)[1])); /* published as missing, not yet revised */
    mf_series_free(s);
    mf_test_store_close(st);
}

static void bad_rows_name_file_and_line_and_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *csv, *message;
    } cases[] = {
        {"series,obs_date,value,available_at\n", "obs.csv:1: expected the header"},
        {"series_code,obs_date,value,available_at\nX,2024-02-30,1,2024-03-01\n",
         "obs.csv:2: obs_date: invalid date '2024-02-30': no such day"},
        {"series_code,obs_date,value,available_at\nX,2024-02-01,1,2024-03-01\nX,2024-02-02,abc,"
         "2024-03-01\n",
         "obs.csv:3: value: invalid number 'abc'"},
        {"series_code,obs_date,value,available_at\nX,2024-02-01,1.5,2024-03-01\n"
         "X,2024-02-01,1.6,2024-03-01\n",
         "obs.csv:3: series 'X': observation of 2024-02-01 available 2024-03-01 is already "
         "stored with value 1.5, not 1.6"},
        {"series_code,obs_date,value,available_at\nX,2024-02-01,1.5,2024-03-0", "obs.csv:2: "},
        {"series_code,obs_date,value,available_at\nX,2024-02-01,1.5\n", "obs.csv:2: "},
        {"series_code,obs_date,value,available_at\nX\xC3\xA9,2024-02-01,1.5,2024-03-01\n",
         "obs.csv:2: "},
        {"", "obs.csv: empty file"},
    };
    mf_store *st = mf_test_store_open();
    mf_import_report rep;
    mf_error err;
    assert_int_equal(import_text(st, good, false, &rep, &err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (import_text(st, cases[i].csv, false, &rep, &err) == 0)
            fail_msg("case %zu imported", i);
        if (strstr(err.msg, cases[i].message) == NULL)
            fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].message);
        assert_int_equal(count_rows(st), 6); /* nothing of the bad file stayed */
        mf_series_info info;
        assert_int_equal(mf_repo_series_get(st, "X", &info, NULL), MF_ENOTFOUND);
    }
    mf_test_store_close(st);
}

static void skip_bad_imports_the_good_rows(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_import_report rep;
    mf_error err;
    static const char csv[] = "series_code,obs_date,value,available_at\n"
                              "Y,2024-01-01,1.25,2024-01-01\n"
                              "Y,2024-13-01,1.25,2024-01-01\n"
                              "Y,2024-01-02,x,2024-01-02\n"
                              "Y,2024-01-01,9.99,2024-01-01\n"
                              "Y,2024-01-03,2.385,2024-01-03\n";
    assert_int_equal(import_text(st, csv, true, &rep, &err), 0);
    assert_int_equal(rep.rows, 5);
    assert_int_equal(rep.skipped, 3);
    assert_int_equal(rep.counts.rows_new, 2);
    assert_int_equal(count_rows(st), 2);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_loads_once_and_reloads_as_unchanged),
        cmocka_unit_test(bad_rows_name_file_and_line_and_change_nothing),
        cmocka_unit_test(skip_bad_imports_the_good_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
