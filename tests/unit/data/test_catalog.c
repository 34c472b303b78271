/*
 * test_catalog.c - parsing and checking catalogue files (src/data/catalog.h): fields, RFC 4180
 * quotes, the header, categories, frequencies, release lags, source keys checked by the
 * source's connector, duplicates, and errors that name the file and line and leave the
 * catalogue as it was.
 */
#include <string.h>

#include "data/catalog.h"
#include "data/connector.h"
#include "support/test.h"

static int digits_only(const char *key, mf_error *err)
{
    for (const char *p = key; *p; p++)
        if (*p < '0' || *p > '9')
            return mf_error_set(err, MF_EINVAL, "catsrc: key '%s' is not a number", key);
    return 0;
}

static void same_request(const char *key, char *buf, size_t size)
{
    snprintf(buf, size, "%s", key);
}

static const mf_connector catsrc = {
    .name = "catsrc", .check_key = digits_only, .request_of = same_request};

#define HEADER MF_CATALOG_SERIES_HEADER "\n"

static int setup(void **state)
{
    (void)state;
    return mf_connector_add(&catsrc, NULL);
}

static void a_good_file_parses_with_quotes_and_crlf(void **state)
{
    (void)state;
    const char text[] =
        HEADER "CAT.432,432,\"Selic target, Copom\",D,% a.a.,BR,rates,0,\"the \"\"meta\"\"\"\r\n"
               "\n"
               "CAT.433,433,IPCA monthly change,M,%,BR,inflation,10,\n";
    mf_catalog cat = {0};
    mf_error err;
    if (mf_catalog_parse(&cat, "series/catsrc.csv", text, strlen(text), &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(cat.n_series, 2);
    assert_string_equal(cat.series[0].code, "CAT.432");
    assert_string_equal(cat.series[0].name, "Selic target, Copom");
    assert_string_equal(cat.series[0].description, "the \"meta\"");
    assert_string_equal(cat.series[0].source, "catsrc");
    assert_int_equal(cat.series[0].frequency, 'D');
    assert_int_equal(cat.series[1].release_lag_days, 10);
    assert_false(cat.series[1].simulated);
    mf_catalog_free(&cat);
}

static void bad_lines_are_named_and_change_nothing(void **state)
{
    (void)state;
    struct {
        const char *text;
        const char *message;
    } bad[] = {
        {"code,name\n", "catalog/series/catsrc.csv:1: expected the header"},
        {HEADER "CAT.1,1,x,D,u,BR,rates,0\n", "catalog/series/catsrc.csv:2: 8 fields, expected 9"},
        {HEADER "CAT.1,1,\"x,D,u,BR,rates,0,\n", "catalog/series/catsrc.csv:2: malformed quotes"},
        {HEADER "CAT.1,1,x,X,u,BR,rates,0,\n",
         "catalog/series/catsrc.csv:2: frequency 'X': expected D, W, M, Q or A"},
        {HEADER "CAT.1,1,x,D,u,BR,gossip,0,\n",
         "catalog/series/catsrc.csv:2: unknown category 'gossip'"},
        {HEADER "CAT.1,1,x,D,u,BR,rates,-3,\n",
         "catalog/series/catsrc.csv:2: release_lag_days '-3': expected 0..3660 days"},
        {HEADER "CAT.1,abc,x,D,u,BR,rates,0,\n",
         "catalog/series/catsrc.csv:2: catsrc: key 'abc' is not a number"},
        {HEADER "CAT 1,1,x,D,u,BR,rates,0,\n", "catalog/series/catsrc.csv:2: "},
        {HEADER "CAT.1,1,x,D,u,BR,rates,0,\nCAT.1,2,y,D,u,BR,rates,0,\n",
         "catalog/series/catsrc.csv:3: series code 'CAT.1' is listed twice"},
        {HEADER "CAT.1,1,x,D,u,BR,rates,0,\nCAT.2,1,y,D,u,BR,rates,0,\n",
         "catalog/series/catsrc.csv:3: source key '1' is listed twice (CAT.1 and CAT.2)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_catalog cat = {0};
        mf_error err;
        assert_int_equal(
            mf_catalog_parse(&cat, "series/catsrc.csv", bad[i].text, strlen(bad[i].text), &err),
            MF_EINVAL);
        if (strncmp(err.msg, bad[i].message, strlen(bad[i].message)) != 0)
            fail_msg("case %zu: got '%s', want '%s...'", i, err.msg, bad[i].message);
        assert_int_equal(cat.n_series, 0);
        mf_catalog_free(&cat);
    }
    mf_catalog cat = {0};
    mf_error err;
    assert_int_equal(mf_catalog_parse(&cat, "series/nosuch.csv", HEADER, strlen(HEADER), &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "catalog/series/nosuch.csv: no connector serves source 'nosuch'");
    assert_int_equal(mf_catalog_parse(&cat, "other/catsrc.csv", HEADER, strlen(HEADER), &err),
                     MF_EINVAL);
}

static void instruments_parse_and_the_builtin_catalogue_is_valid(void **state)
{
    (void)state;
    const char text[] =
        MF_CATALOG_INSTRUMENTS_HEADER "\n"
                                      "CAT_IDX,77,A test index,equity,equity_index,BRL,BR,B3\n";
    mf_catalog cat = {0};
    mf_error err;
    if (mf_catalog_parse(&cat, "instruments/catsrc.csv", text, strlen(text), &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(cat.n_instruments, 1);
    assert_string_equal(cat.instruments[0].source, "catsrc");
    assert_string_equal(cat.instruments[0].source_key, "77");
    assert_true(cat.instruments[0].active);
    mf_catalog_free(&cat);
    /* What ships parses (the simulated source is added by the CLI, so it may be absent). */
    if (mf_catalog_builtin(&cat, &err) != 0 && strstr(err.msg, "'simulated'") == NULL)
        fail_msg("%s", err.msg);
    mf_catalog_free(&cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_good_file_parses_with_quotes_and_crlf),
        cmocka_unit_test(bad_lines_are_named_and_change_nothing),
        cmocka_unit_test(instruments_parse_and_the_builtin_catalogue_is_valid),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
