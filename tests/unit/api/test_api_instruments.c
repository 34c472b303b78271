/*
 * test_api_instruments.c - GET /api/v1/instruments/{ticker} and .../prices over real HTTP
 * (libcurl against mf_api_start() on an ephemeral port) on a SQLite store holding a DI1
 * future with a revised settle: the instrument and its last price date; prices over a range,
 * as known on a date (point in time, as observations), every vintage; JSON and CSV written
 * out in full; bad tickers, dates and ranges as 400 problems naming the parameter, an unknown
 * ticker as 404.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "api/server.h"
#include "core/alloc.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "support/test.h"

typedef struct world {
    char dir[64], url[128], base[64];
    mf_api_server *server;
} world;

typedef struct reply {
    long status;
    mf_api_buf body;
    char headers[4096];
    size_t headers_len;
} reply;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    mf_api_buf_append(&((reply *)ctx)->body, p, size * n);
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    reply *r = ctx;
    size_t len = size * n;
    if (r->headers_len + len < sizeof r->headers) {
        memcpy(r->headers + r->headers_len, p, len);
        r->headers_len += len;
        r->headers[r->headers_len] = '\0';
    }
    return len;
}

static reply get(const world *w, const char *path)
{
    reply r = {0};
    CURL *c = curl_easy_init();
    char url[1024];
    snprintf(url, sizeof url, "%s%s", w->base, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_easy_cleanup(c);
    if (!r.body.data)
        mf_api_buf_append(&r.body, "", 0);
    return r;
}

static mf_market_price row(int64_t id, const char *date, const char *known, double settle)
{
    return (mf_market_price){.instrument_id = id,
                             .price_date = mf_test_date(date),
                             .available_at = mf_test_date(known),
                             .open = NAN,
                             .high = NAN,
                             .low = NAN,
                             .close = NAN,
                             .settle = settle,
                             .volume = NAN,
                             .open_interest = NAN,
                             .yield_pct = NAN};
}

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
    mf_market_price full = row(id, "2026-01-12", "2026-01-12", 13.741);
    full.open = 13.70, full.high = 13.805, full.low = 13.69, full.close = 13.75;
    full.volume = 120345, full.open_interest = 1500000;
    mf_market_price rows[] = {full, row(id, "2026-01-13", "2026-01-13", 13.70),
                              row(id, "2026-01-13", "2026-01-15", 13.72) /* a revision */,
                              row(id, "2026-01-14", "2026-01-14", 13.65)};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (mf_price_writer_add(w, &rows[i], &out, &err) != 0)
            fail_msg("%s", err.msg);
    mf_price_writer_free(w);
    assert_int_equal(mf_store_commit(st, &err), 0);
    mf_store_close(st);
}

static int setup(void **state)
{
    world *w = mf_calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/mf-api-instr-XXXXXX");
    if (!mkdtemp(w->dir))
        return -1;
    snprintf(w->url, sizeof w->url, "sqlite:%s/api.db", w->dir);
    fill_store(w->url);
    mf_api_options o;
    mf_api_options_default(&o);
    o.port = 0;
    o.threads = 2;
    o.store_url = w->url;
    mf_error err;
    if (mf_api_start(&o, &w->server, &err) != 0)
        fail_msg("%s", err.msg);
    snprintf(w->base, sizeof w->base, "http://127.0.0.1:%d", mf_api_port(w->server));
    setenv("no_proxy", "127.0.0.1", 1);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    mf_api_stop(w->server);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
    if (system(cmd) != 0)
        return -1;
    mf_free(w);
    return 0;
}

static void an_instrument_and_its_last_price_date(void **state)
{
    world *w = *state;
    reply r = get(w, "/api/v1/instruments/DI1F27");
    assert_int_equal(r.status, 200);
    json_t *j = json_loads(r.body.data, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "ticker")), "DI1F27");
    assert_string_equal(json_string_value(json_object_get(j, "instrument_type")), "future");
    assert_string_equal(json_string_value(json_object_get(j, "last_price_date")), "2026-01-14");
    json_decref(j);
    assert_non_null(strstr(r.headers, "ETag: "));
    mf_api_buf_free(&r.body);
    r = get(w, "/api/v1/instruments/DI1F28");
    assert_non_null(strstr(r.body.data, "\"last_price_date\":null"));
    mf_api_buf_free(&r.body);
}

static void prices_point_in_time_in_json_and_csv(void **state)
{
    world *w = *state;
    /* Everything known: the revised settle of the 13th. */
    reply r = get(w, "/api/v1/instruments/DI1F27/prices");
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
    mf_api_buf_free(&r.body);
    /* As known on the 14th: the first settle of the 13th; a range of one day. */
    r = get(w, "/api/v1/instruments/DI1F27/prices?as_of=2026-01-14&from=2026-01-13&to=2026-01-13"
               "&format=csv");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "text/csv"));
    assert_string_equal(r.body.data,
                        "price_date,available_at,open,high,low,close,settle,volume,"
                        "open_interest,yield_pct\n2026-01-13,2026-01-13,,,,,13.7,,,\n");
    mf_api_buf_free(&r.body);
    r = get(w, "/api/v1/instruments/DI1F27/prices?as_of=2026-01-12");
    assert_non_null(strstr(r.body.data, "\"as_of\":\"2026-01-12\",\"prices\":[{\"price_date\":"
                                        "\"2026-01-12\""));
    assert_null(strstr(r.body.data, "2026-01-13"));
    mf_api_buf_free(&r.body);
    /* Every vintage. */
    r = get(w, "/api/v1/instruments/DI1F27/prices?vintages=true&from=2026-01-13&format=csv");
    assert_string_equal(r.body.data,
                        "price_date,available_at,open,high,low,close,settle,volume,"
                        "open_interest,yield_pct\n2026-01-13,2026-01-13,,,,,13.7,,,\n"
                        "2026-01-13,2026-01-15,,,,,13.72,,,\n2026-01-14,2026-01-14,,,,,13.65,,,\n");
    mf_api_buf_free(&r.body);
    r = get(w, "/api/v1/instruments/DI1F27/prices?vintages=true&to=2026-01-12");
    assert_non_null(strstr(r.body.data, "\"vintages\":[{\"price_date\":\"2026-01-12\""));
    mf_api_buf_free(&r.body);
    /* An instrument without prices: an empty list. */
    r = get(w, "/api/v1/instruments/DI1F28/prices");
    assert_string_equal(r.body.data,
                        "{\"ticker\":\"DI1F28\",\"simulated\":false,\"as_of\":null,\"prices\":[]}");
    mf_api_buf_free(&r.body);
}

static void bad_requests_name_what_is_wrong(void **state)
{
    world *w = *state;
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
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        reply r = get(w, cases[i].path);
        if (r.status != cases[i].status || !strstr(r.body.data, cases[i].detail))
            fail_msg("%s: %ld %s (wanted %ld '%s')", cases[i].path, r.status, r.body.data,
                     cases[i].status, cases[i].detail);
        assert_non_null(strstr(r.headers, "application/problem+json"));
        mf_api_buf_free(&r.body);
    }
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_instrument_and_its_last_price_date),
        cmocka_unit_test(prices_point_in_time_in_json_and_csv),
        cmocka_unit_test(bad_requests_name_what_is_wrong),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
