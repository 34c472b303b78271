/*
 * test_repo_instruments.c - instruments on every backend: create, look up, list with
 * filters, and validation of every field.
 */
#include "support/test.h"

#include <jansson.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_instruments.h"
#include "support/store.h"

static mf_instrument di1(const char *ticker)
{
    mf_instrument in = {0};
    snprintf(in.ticker, sizeof in.ticker, "%s", ticker);
    snprintf(in.name, sizeof in.name, "DI1 future %s", ticker);
    snprintf(in.asset_class, sizeof in.asset_class, "rates");
    snprintf(in.instrument_type, sizeof in.instrument_type, "future");
    snprintf(in.currency, sizeof in.currency, "BRL");
    snprintf(in.country, sizeof in.country, "BR");
    snprintf(in.exchange, sizeof in.exchange, "B3");
    snprintf(in.contract_spec, sizeof in.contract_spec,
             "{\"notional_brl\": 100000, \"quote\": \"rate_252\", \"tick\": 0.001}");
    in.active = true;
    return in;
}

static void an_instrument_reads_back_with_its_contract_spec(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_instrument in = di1("DI1F27");
    int64_t id = 0;
    mf_error err;
    assert_int_equal(mf_repo_instrument_create(st, &in, &id, &err), 0);
    mf_instrument got;
    assert_int_equal(mf_repo_instrument_get(st, "DI1F27", &got, &err), 0);
    assert_int_equal(got.id, id);
    assert_string_equal(got.name, "DI1 future DI1F27");
    assert_string_equal(got.asset_class, "rates");
    assert_string_equal(got.instrument_type, "future");
    assert_string_equal(got.currency, "BRL");
    assert_string_equal(got.country, "BR");
    assert_string_equal(got.exchange, "B3");
    assert_true(got.active);
    /* the same JSON (PostgreSQL's jsonb may respell it) */
    json_t *a = json_loads(in.contract_spec, 0, NULL), *b = json_loads(got.contract_spec, 0, NULL);
    assert_non_null(b);
    assert_true(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    assert_int_equal(mf_repo_instrument_get(st, "DI1F28", &got, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown instrument 'DI1F28'");
    mf_test_store_close(st);
}

static void invalid_fields_are_refused_by_name(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id;
    mf_error err;
    mf_instrument in = di1("DI1F27");
    assert_int_equal(mf_repo_instrument_create(st, &in, &id, &err), 0);
    assert_int_equal(mf_repo_instrument_create(st, &in, &id, &err), MF_EINVAL);
    assert_string_equal(err.msg, "instrument 'DI1F27' already exists");

    static const struct {
        const char *field, *value, *message;
    } bad[] = {
        {"asset_class", "crypto", "unknown asset class 'crypto': expected one of rates, "},
        {"instrument_type", "option", "unknown instrument type 'option'"},
        {"currency", "brl", "invalid currency 'brl'"},
        {"country", "BRA", "invalid country 'BRA'"},
        {"contract_spec", "[1, 2]", "contract_spec is not a JSON object"},
        {"contract_spec", "{\"a\": ", "contract_spec is not a JSON object: "},
        {"ticker", "DI1 F28", "ticker: invalid series code 'DI1 F28'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_instrument x = di1("DI1F29");
        char *field = strcmp(bad[i].field, "asset_class") == 0       ? x.asset_class
                      : strcmp(bad[i].field, "instrument_type") == 0 ? x.instrument_type
                      : strcmp(bad[i].field, "currency") == 0        ? x.currency
                      : strcmp(bad[i].field, "country") == 0         ? x.country
                      : strcmp(bad[i].field, "ticker") == 0          ? x.ticker
                                                                     : x.contract_spec;
        snprintf(field, 16, "%s", bad[i].value);
        if (mf_repo_instrument_create(st, &x, &id, &err) != MF_EINVAL ||
            strstr(err.msg, bad[i].message) == NULL)
            fail_msg("%s '%s': got '%s'", bad[i].field, bad[i].value, err.msg);
    }
    mf_test_store_close(st);
}

static void listing_filters_by_class_type_currency_country_and_activity(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id;
    mf_instrument a = di1("DI1F27"), b = di1("DI1F26");
    b.active = false;
    mf_instrument c = di1("USDBRL");
    snprintf(c.asset_class, sizeof c.asset_class, "fx");
    snprintf(c.instrument_type, sizeof c.instrument_type, "fx_spot");
    c.contract_spec[0] = '\0';
    mf_instrument d = di1("UST10Y");
    snprintf(d.instrument_type, sizeof d.instrument_type, "bond");
    snprintf(d.currency, sizeof d.currency, "USD");
    snprintf(d.country, sizeof d.country, "US");
    mf_instrument *all[] = {&a, &b, &c, &d};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(mf_repo_instrument_create(st, all[i], &id, NULL), 0);

    static const struct {
        mf_instrument_filter f;
        const char *want;
    } cases[] = {
        {{.active = -1}, "DI1F26 DI1F27 USDBRL UST10Y"},
        {{.active = 1}, "DI1F27 USDBRL UST10Y"},
        {{.active = 0}, "DI1F26"},
        {{.asset_class = "rates", .active = -1}, "DI1F26 DI1F27 UST10Y"},
        {{.instrument_type = "fx_spot", .active = -1}, "USDBRL"},
        {{.currency = "USD", .active = -1}, "UST10Y"},
        {{.country = "BR", .instrument_type = "future", .active = 1}, "DI1F27"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_instrument *rows;
        size_t n;
        assert_int_equal(mf_repo_instrument_list(st, &cases[i].f, &rows, &n, NULL), 0);
        char got[128] = "";
        for (size_t k = 0; k < n; k++) {
            size_t used = strlen(got);
            snprintf(got + used, sizeof got - used, "%s%s", k ? " " : "", rows[k].ticker);
        }
        mf_free(rows);
        assert_string_equal(got, cases[i].want);
    }
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_instrument_reads_back_with_its_contract_spec),
        cmocka_unit_test(invalid_fields_are_refused_by_name),
        cmocka_unit_test(listing_filters_by_class_type_currency_country_and_activity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
