/*
 * test_repo_series.c - the series catalogue on every backend: create, look up, ensure, list
 * with filters, and the validation of codes and fields.
 */
#include "support/test.h"

#include <string.h>

#include "core/alloc.h"
#include "store/repo_series.h"
#include "support/store.h"

static int64_t create(mf_store *st, const char *code, const char *source, char freq,
                      const char *country, const char *category, bool simulated)
{
    mf_series_info s = {0};
    snprintf(s.code, sizeof s.code, "%s", code);
    snprintf(s.source, sizeof s.source, "%s", source);
    snprintf(s.name, sizeof s.name, "%s name", code);
    s.frequency = freq;
    snprintf(s.country, sizeof s.country, "%s", country);
    snprintf(s.category, sizeof s.category, "%s", category);
    s.release_lag_days = freq == 'M' ? 10 : -1;
    s.simulated = simulated;
    int64_t id = 0;
    mf_error err;
    if (mf_repo_series_create(st, &s, &id, &err) != 0)
        fail_msg("create '%s': %s", code, err.msg);
    return id;
}

static void a_created_series_reads_back_field_by_field(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_series_info s = {0};
    snprintf(s.code, sizeof s.code, "BR_SELIC_TARGET");
    snprintf(s.source, sizeof s.source, "bcb_sgs");
    snprintf(s.source_key, sizeof s.source_key, "432");
    snprintf(s.name, sizeof s.name, "Selic target rate");
    s.frequency = 'D';
    snprintf(s.unit, sizeof s.unit, "%% a.a.");
    snprintf(s.country, sizeof s.country, "BR");
    snprintf(s.category, sizeof s.category, "rates");
    s.release_lag_days = 0;
    snprintf(s.description, sizeof s.description, "Copom's target for the overnight Selic");
    int64_t id = 0;
    assert_int_equal(mf_repo_series_create(st, &s, &id, NULL), 0);
    assert_true(id > 0);
    mf_series_info got;
    assert_int_equal(mf_repo_series_get(st, "BR_SELIC_TARGET", &got, NULL), 0);
    assert_int_equal(got.id, id);
    assert_string_equal(got.source, "bcb_sgs");
    assert_string_equal(got.source_key, "432");
    assert_string_equal(got.name, "Selic target rate");
    assert_int_equal(got.frequency, 'D');
    assert_string_equal(got.unit, "% a.a.");
    assert_string_equal(got.country, "BR");
    assert_string_equal(got.category, "rates");
    assert_int_equal(got.release_lag_days, 0);
    assert_false(got.simulated);
    assert_string_equal(got.description, "Copom's target for the overnight Selic");
    mf_test_store_close(st);
}

static void unknown_codes_are_not_found_and_named(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_series_info got;
    mf_error err;
    assert_int_equal(mf_repo_series_get(st, "NOPE", &got, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown series 'NOPE'");
    mf_test_store_close(st);
}

static void invalid_fields_and_duplicates_are_refused(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    create(st, "US_DGS10", "fred", 'D', "US", "rates", false);
    mf_series_info s = {0};
    int64_t id = 0;
    mf_error err;
    snprintf(s.source, sizeof s.source, "fred");
    snprintf(s.name, sizeof s.name, "x");
    snprintf(s.code, sizeof s.code, "US_DGS10");
    assert_int_equal(mf_repo_series_create(st, &s, &id, &err), MF_EINVAL);
    assert_string_equal(err.msg, "series 'US_DGS10' already exists");
    snprintf(s.code, sizeof s.code, "BAD CODE");
    assert_int_equal(mf_repo_series_create(st, &s, &id, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid series code 'BAD CODE': character 4"));
    snprintf(s.code, sizeof s.code, "OK_CODE");
    s.frequency = 'X';
    assert_int_equal(mf_repo_series_create(st, &s, &id, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid frequency 'X'"));
    s.frequency = 'M';
    snprintf(s.country, sizeof s.country, "BRA");
    assert_int_equal(mf_repo_series_create(st, &s, &id, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid country 'BRA'"));
    s.country[0] = '\0';
    s.name[0] = '\0';
    assert_int_equal(mf_repo_series_create(st, &s, &id, &err), MF_EINVAL);
    assert_string_equal(err.msg, "series 'OK_CODE' needs a source and a name");
    assert_int_equal(mf_series_code_check("", &err), MF_EINVAL);
    char longcode[80];
    memset(longcode, 'A', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = '\0';
    assert_int_equal(mf_series_code_check(longcode, &err), MF_EINVAL);
    assert_int_equal(mf_series_code_check("BR.IPCA-12m_x", &err), 0);
    mf_test_store_close(st);
}

static void ensure_creates_user_series_once(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t a = 0, b = 0;
    bool created = false;
    assert_int_equal(mf_repo_series_ensure(st, "MY_SERIES", &a, &created, NULL), 0);
    assert_true(created);
    assert_int_equal(mf_repo_series_ensure(st, "MY_SERIES", &b, &created, NULL), 0);
    assert_false(created);
    assert_int_equal(a, b);
    mf_series_info got;
    assert_int_equal(mf_repo_series_get(st, "MY_SERIES", &got, NULL), 0);
    assert_string_equal(got.source, "user");
    assert_int_equal(got.frequency, 0);
    assert_int_equal(got.release_lag_days, -1);
    mf_test_store_close(st);
}

/* Codes of a listing, joined by spaces. */
static void listed(mf_store *st, const mf_series_filter *f, const char *want)
{
    mf_series_info *rows = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_series_list(st, f, &rows, &n, &err) != 0)
        fail_msg("list: %s", err.msg);
    char got[512] = "";
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(got);
        snprintf(got + used, sizeof got - used, "%s%s", i ? " " : "", rows[i].code);
    }
    mf_free(rows);
    assert_string_equal(got, want);
}

static void listing_filters_by_each_field_and_orders_by_code(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    create(st, "US_DGS10", "fred", 'D', "US", "rates", false);
    create(st, "BR_IPCA", "ibge_sidra", 'M', "BR", "inflation", false);
    create(st, "SIM_BR_IPCA", "simulated", 'M', "BR", "inflation", true);
    create(st, "BR_SELIC", "bcb_sgs", 'D', "BR", "rates", false);
    listed(st, NULL, "BR_IPCA BR_SELIC SIM_BR_IPCA US_DGS10");
    mf_series_filter f = MF_SERIES_FILTER_ALL;
    f.country = "BR";
    listed(st, &f, "BR_IPCA BR_SELIC SIM_BR_IPCA");
    f.frequency = 'M';
    listed(st, &f, "BR_IPCA SIM_BR_IPCA");
    f.simulated = 0;
    listed(st, &f, "BR_IPCA");
    f = MF_SERIES_FILTER_ALL;
    f.simulated = 1;
    listed(st, &f, "SIM_BR_IPCA");
    f = MF_SERIES_FILTER_ALL;
    f.source = "fred";
    listed(st, &f, "US_DGS10");
    f = MF_SERIES_FILTER_ALL;
    f.category = "rates";
    listed(st, &f, "BR_SELIC US_DGS10");
    f = MF_SERIES_FILTER_ALL;
    f.code_prefix = "BR_";
    listed(st, &f, "BR_IPCA BR_SELIC");
    f.code_prefix = "ZZ";
    listed(st, &f, "");
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_created_series_reads_back_field_by_field),
        cmocka_unit_test(unknown_codes_are_not_found_and_named),
        cmocka_unit_test(invalid_fields_and_duplicates_are_refused),
        cmocka_unit_test(ensure_creates_user_series_once),
        cmocka_unit_test(listing_filters_by_each_field_and_orders_by_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
