/*
 * test_api_instruments.c - GET /api/v1/instruments/{ticker} and .../prices over real HTTP
 * (libcurl against mf_api_start() on an ephemeral port) on a SQLite or PostgreSQL store holding a
 * DI1 future with a revised settle: the instrument and its last price date; prices over a range, as
 * known on a date (point in time, as observations), every vintage; JSON and CSV written out in
 * full; bad tickers, dates and ranges as 400 problems naming the parameter, an unknown ticker as
 * 404.
 */
#include <math.h>
#include <string.h>

#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "support/api.h"
#include "support/store.h"
#include "support/test.h"

static void fill_store(const char *url)
{
    mf_store *st;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), 0);
    mf_instrument in = {.active = true};
    snprintf(in.ticker, sizeof in.ticker, "DI1F27");
    snprintf(in.name, sizeof in.name, "DI1 January 2027");
    snprintf(in.asset_class, sizeof in.asset_class, "rates");
    snprintf(in.instrument_type, sizeof in.instrument_type, "future");
    snprintf(in.currency, sizeof in.currency, "BRL");
    snprintf(in.country, sizeof in.country, "BR");
    snprintf(in.exchange, sizeof in.exchange, "B3");
    snprintf(in.source, sizeof in.source, "b3");
    snprintf(in.source_key, sizeof in.source_key, "DI1F27");
    int64_t id;
    if (mf_repo_instrument_create(st, &in, &id, &err) != 0)
        fail_msg("%s", err.msg);
    snprintf(in.ticker, sizeof in.ticker, "DI1F28"); /* no prices */
    snprintf(in.source_key, sizeof in.source_key, "DI1F28");
    int64_t other;
    assert_int_equal(mf_repo_instrument_create(st, &in, &other, &err), 0);
    assert_int_equal(mf_store_begin(st, &err), 0);
    mf_price_writer *w = mf_price_writer_new(st);
    mf_price_outcome out;
    mf_market_price full = mf_test_settle_row(id, "2026-01-12", "2026-01-12", 13.741);
    full.open = 13.70, full.high = 13.805, full.low = 13.69, full.close = 13.75;
    full.volume = 120345, full.open_interest = 1500000;
    mf_market_price rows[] = {
        full, mf_test_settle_row(id, "2026-01-13", "2026-01-13", 13.70),
        mf_test_settle_row(id, "2026-01-13", "2026-01-15", 13.72) /* a revision */,
        mf_test_settle_row(id, "2026-01-14", "2026-01-14", 13.65)};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (mf_price_writer_add(w, &rows[i], &out, &err) != 0)
            fail_msg("%s", err.msg);
    mf_price_writer_free(w);
    assert_int_equal(mf_store_commit(st, &err), 0);
    mf_store_close(st);
}

static int setup(void **state)
{
    mf_test_api *t = mf_test_api_new("mf-api-instr");
    fill_store(t->store_url);
    mf_test_api_start(t, NULL);
    *state = t;
    return 0;
}

static void an_instrument_and_its_last_price_date(void **state)
{
    const mf_test_api *t = *state;
    mf_test_reply r = mf_test_get(t, "/api/v1/instruments/DI1F27");
    assert_int_equal(r.status, 200);
    json_t *j = mf_test_reply_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "ticker")), "DI1F27");
    assert_string_equal(json_string_value(json_object_get(j, "instrument_type")), "future");
    assert_string_equal(json_string_value(json_object_get(j, "last_price_date")), "2026-01-14");
    json_decref(j);
    assert_non_null(strstr(r.headers, "ETag: "));
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/instruments/DI1F28");
    assert_non_null(strstr(r.body.data, "\"last_price_date\":null"));
    mf_test_reply_free(&r);
}

static void prices_point_in_time_in_json_and_csv(void **state)
{
    const mf_test_api *t = *state;
    /* Everything known: the revised settle of the 13th. */
    mf_test_reply r = mf_test_get(t, "/api/v1/instruments/DI1F27/prices");
    assert_int_equal(r.status, 200);
    assert_string_equal(
        r.body.data,
        "{\"ticker\":\"DI1F27\",\"simulated\":false,\"as_of\":null,\"prices\":["
        "{\"price_date\":\"2026-01-12\",\"available_at\":\"2026-01-12\",\"open\":13.7,"
        "\"high\":13.805,\"low\":13.69,\"close\":13.75,\"settle\":13.741,\"volume\":120345,"
        "\"open_interest\":1500000,\"yield_pct\":null},"
        "{\"price_date\":\"2026-01-13\",\"available_at\":\"2026-01-15\",\"open\":null,"
        "\"high\":null,\"low\":null,\"close\":null,\"settle\":13.72,\"volume\":null,"
        "\"open_interest\":null,\"yield_pct\":null},"
        "{\"price_date\":\"2026-01-14\",\"available_at\":\"2026-01-14\",\"open\":null,"
        "\"high\":null,\"low\":null,\"close\":null,\"settle\":13.65,\"volume\":null,"
        "\"open_interest\":null,\"yield_pct\":null}]}");
    mf_test_reply_free(&r);
    /* As known on the 14th: the first settle of the 13th; a range of one day. */
    r = mf_test_get(
        t, "/api/v1/instruments/DI1F27/prices?as_of=2026-01-14&from=2026-01-13&to=2026-01-13"
           "&format=csv");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "text/csv"));
    assert_string_equal(r.body.data,
                        "price_date,available_at,open,high,low,close,settle,volume,"
                        "open_interest,yield_pct\n2026-01-13,2026-01-13,,,,,13.7,,,\n");
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/instruments/DI1F27/prices?as_of=2026-01-12");
    assert_non_null(strstr(r.body.data, "\"as_of\":\"2026-01-12\",\"prices\":[{\"price_date\":"
                                        "\"2026-01-12\""));
    assert_null(strstr(r.body.data, "2026-01-13"));
    mf_test_reply_free(&r);
    /* Every vintage. */
    r = mf_test_get(t,
                    "/api/v1/instruments/DI1F27/prices?vintages=true&from=2026-01-13&format=csv");
    assert_string_equal(r.body.data,
                        "price_date,available_at,open,high,low,close,settle,volume,"
                        "open_interest,yield_pct\n2026-01-13,2026-01-13,,,,,13.7,,,\n"
                        "2026-01-13,2026-01-15,,,,,13.72,,,\n2026-01-14,2026-01-14,,,,,13.65,,,\n");
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/instruments/DI1F27/prices?vintages=true&to=2026-01-12");
    assert_non_null(strstr(r.body.data, "\"vintages\":[{\"price_date\":\"2026-01-12\""));
    mf_test_reply_free(&r);
    /* An instrument without prices: an empty list. */
    r = mf_test_get(t, "/api/v1/instruments/DI1F28/prices");
    assert_string_equal(r.body.data,
                        "{\"ticker\":\"DI1F28\",\"simulated\":false,\"as_of\":null,\"prices\":[]}");
    mf_test_reply_free(&r);
}

static void bad_requests_name_what_is_wrong(void **state)
{
    const mf_test_api *t = *state;
    struct {
        const char *path;
        long status;
        const char *detail;
    } cases[] = {
        {"/api/v1/instruments/NOPE", 404, "unknown instrument 'NOPE'"},
        {"/api/v1/instruments/NOPE/prices", 404, "unknown instrument 'NOPE'"},
        {"/api/v1/instruments/x%27%20OR%201=1/prices", 400, "path parameter 'ticker'"},
        {"/api/v1/instruments/DI1F27/prices?from=2026-02-30", 400,
         "query parameter 'from' = '2026-02-30'"},
        {"/api/v1/instruments/DI1F27/prices?as_of=yesterday", 400,
         "query parameter 'as_of' = 'yesterday'"},
        {"/api/v1/instruments/DI1F27/prices?from=2026-02-01&to=2026-01-01", 400,
         "the range ends before it starts"},
        {"/api/v1/instruments/DI1F27/prices?vintages=true&as_of=2026-01-01", 400,
         "give one or the other"},
        {"/api/v1/instruments/DI1F27/prices?format=xlsx", 400, "expected one of json|csv"},
        {"/api/v1/instruments/DI1F27/prices?vintages=yes", 400, "query parameter 'vintages'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        mf_test_expect_problem(t, cases[i].path, cases[i].status, cases[i].detail);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_instrument_and_its_last_price_date),
        cmocka_unit_test(prices_point_in_time_in_json_and_csv),
        cmocka_unit_test(bad_requests_name_what_is_wrong),
    };
    return cmocka_run_group_tests(tests, setup, mf_test_api_teardown);
}
