/*
 * test_conn_fred.c - the FRED connector: the JSON and fredgraph CSV parsers on hand-made
 * fixtures and on the real recordings (../shared/reference/connectors/fred), and fetch over
 * real HTTP on loopback against tests/support/http_replay.py (pagination, ALFRED vintages,
 * the API key, 400/404/429/500, malformed, empty, truncated, HTML, stalled, oversized and
 * decimal-comma answers).
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/fred.h"
#include "support/conn_test.h"
#include "support/replay.h"

#define KEY "0123456789abcdef0123456789abcdef"

static mf_replay server;

static int setup(void **state)
{
    (void)state;
    const char *routes[] = {"connectors/fred/routes.json", NULL};
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    return 0;
}

static void assert_row(const mf_conn_row *r, const char *key, const char *date, double value,
                       mf_date avail)
{
    assert_int_equal(r->kind, MF_CONN_OBS);
    assert_string_equal(r->key, key);
    assert_int_equal(r->date, mf_test_date(date));
    if (isnan(value) ? !isnan(r->value) : r->value != value)
        fail_msg("%s %s: value %.17g, expected %.17g", key, date, r->value, value);
    assert_int_equal(r->available_at, avail);
}

/* ---- parsers on fixtures ------------------------------------------------------------------ */

static void test_parse_json_current_vintage(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/fred/dgs10_2024-01.json", &len);
    mf_conn_rows rows = {0};
    mf_fred_page pg;
    mf_error e = {0};
    assert_int_equal(mf_fred_parse_json(body, len, "DGS10", &rows, &pg, &e), 0);
    assert_int_equal(rows.n, 5);
    assert_int_equal(pg.count, 5);
    assert_int_equal(pg.offset, 0);
    assert_int_equal(pg.n, 5);
    /* '.' is a value published as missing; the release lag gives available_at */
    assert_row(&rows.v[0], "DGS10", "2024-01-01", NAN, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[1], "DGS10", "2024-01-02", 3.95, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[4], "DGS10", "2024-01-05", 4.05, MF_CONN_AVAILABLE_FROM_LAG);
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_json_alfred_vintages(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/fred/cpiaucsl_vintages.json", &len);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(mf_fred_parse_json(body, len, "alfred:CPIAUCSL", &rows, NULL, &e), 0);
    assert_int_equal(rows.n, 4);
    /* each vintage is a row; available_at = its realtime_start */
    assert_row(&rows.v[0], "alfred:CPIAUCSL", "2023-12-01", 306.746, mf_test_date("2024-01-11"));
    assert_row(&rows.v[1], "alfred:CPIAUCSL", "2023-12-01", 307.051, mf_test_date("2024-02-13"));
    assert_row(&rows.v[2], "alfred:CPIAUCSL", "2024-01-01", 308.417, mf_test_date("2024-02-13"));
    assert_row(&rows.v[3], "alfred:CPIAUCSL", "2024-01-01", NAN, mf_test_date("2024-03-12"));
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_json_errors(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    size_t len;
    char *body = mf_test_read_fixture("connectors/fred/locale.json", &len);
    assert_int_equal(mf_fred_parse_json(body, len, "DGS10", &rows, NULL, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred DGS10: observation 1 (2024-01-03): value '3,91' is not"));
    assert_int_equal(rows.n, 0); /* nothing kept from a failed body */
    mf_free(body);
    body = mf_test_read_fixture("connectors/fred/error_400.json", &len);
    assert_int_equal(mf_fred_parse_json(body, len, "NOPE", &rows, NULL, &e), MF_EIO);
    assert_string_equal(e.msg, "fred NOPE: error 400: Bad Request.  The series does not exist.");
    mf_free(body);
    const char *bad_date = "{\"observations\":[{\"date\":\"2024-13-01\",\"value\":\"1\"}]}";
    assert_int_equal(mf_fred_parse_json(bad_date, strlen(bad_date), "X", &rows, NULL, &e),
                     MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred X: observation 0: "));
    const char *num = "{\"observations\":[{\"date\":\"2024-01-01\",\"value\":1.5}]}";
    assert_int_equal(mf_fred_parse_json(num, strlen(num), "X", &rows, NULL, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "'date' and 'value' must be strings"));
    const char *vint = "{\"observations\":[{\"date\":\"2024-01-01\",\"value\":\"1.5\"}]}";
    assert_int_equal(mf_fred_parse_json(vint, strlen(vint), "alfred:X", &rows, NULL, &e),
                     MF_EPARSE);
    assert_non_null(strstr(e.msg, "no valid 'realtime_start'"));
    const char *html = "<!DOCTYPE html><html>down</html>";
    assert_int_equal(mf_fred_parse_json(html, strlen(html), "X", &rows, NULL, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred X: body is not JSON"));
    assert_non_null(strstr(e.msg, "'<!DOCTYPE html><html>down</html>'"));
    mf_conn_rows_free(&rows);
}

static void test_parse_fredgraph_both_headers(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/fred/fredgraph_new.csv", &len);
    assert_int_equal(mf_fred_parse_csv(body, len, "DCOILBRENTEU", &rows, &e), 0);
    assert_int_equal(rows.n, 3);
    assert_row(&rows.v[0], "DCOILBRENTEU", "2026-08-28", 87.10, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[1], "DCOILBRENTEU", "2026-08-31", NAN, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[2], "DCOILBRENTEU", "2026-09-01", 90.5, MF_CONN_AVAILABLE_FROM_LAG);
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/fred/fredgraph_old.csv", &len);
    assert_int_equal(mf_fred_parse_csv(body, len, "DGS2", &rows, &e), 0);
    assert_int_equal(rows.n, 3);
    assert_row(&rows.v[0], "DGS2", "1976-06-01", 7.26, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[1], "DGS2", "1976-06-02", NAN, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[2], "DGS2", "1976-06-03", 7.19, MF_CONN_AVAILABLE_FROM_LAG);
    /* the header names another series */
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_fred_parse_csv(body, len, "DGS10", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred DGS10: fredgraph CSV header is 'DATE,DGS2'"));
    mf_free(body);
    const char *bad = "DATE,DGS2\n1976-06-01,7;26\n";
    assert_int_equal(mf_fred_parse_csv(bad, strlen(bad), "DGS2", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred DGS2: fredgraph CSV line 2: "));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

/* ---- parsers on the real recordings ---------------------------------------------------------- */

static size_t count_nan(const mf_conn_rows *rows)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++)
        n += isnan(rows->v[i].value) ? 1 : 0;
    return n;
}

static void real_json(const char *file, const char *key, size_t n, const char *first_date,
                      double first, const char *last_date, double last, size_t nans)
{
    char rel[256];
    snprintf(rel, sizeof rel, "connectors/fred/%s", file);
    size_t len;
    char *body = mf_test_read_shared(rel, &len);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    if (mf_fred_parse_json(body, len, key, &rows, NULL, &e) != 0)
        fail_msg("%s: %s", file, e.msg);
    assert_int_equal(rows.n, n);
    assert_row(&rows.v[0], key, first_date, first, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[n - 1], key, last_date, last, MF_CONN_AVAILABLE_FROM_LAG);
    assert_int_equal(count_nan(&rows), nans);
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_real_recordings(void **state)
{
    (void)state;
    real_json("fred_api_observations_CPIAUCSL_20241212.json", "CPIAUCSL", 935, "1947-01-01", 21.48,
              "2024-11-01", 316.441, 0);
    real_json("fred_api_observations_FEDFUNDS_20241212.json", "FEDFUNDS", 845, "1954-07-01", 0.80,
              "2024-11-01", 4.64, 0);
    real_json("fred_api_observations_DGS10_20241213.json", "DGS10", 16423, "1962-01-02", 4.06,
              "2024-12-12", 4.32, 700);
    real_json("fred_api_observations_GDP_20241212.json", "GDP", 315, "1946-01-01", NAN,
              "2024-07-01", 29354.321, 4);
    /* GDP: the first four quarters are "." and then the series starts */
    size_t len;
    char *body =
        mf_test_read_shared("connectors/fred/fred_api_observations_GDP_20241212.json", &len);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(mf_fred_parse_json(body, len, "GDP", &rows, NULL, &e), 0);
    for (int i = 0; i < 4; i++)
        assert_true(isnan(rows.v[i].value) != 0);
    assert_true(!isnan(rows.v[4].value));
    assert_int_equal(rows.v[3].date, mf_test_date("1946-10-01"));
    mf_free(body);
    /* the vintage form reads the realtime_start of the recording (2024-12-12 on every row) */
    body =
        mf_test_read_shared("connectors/fred/fred_api_observations_CPIAUCSL_20241212.json", &len);
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_fred_parse_json(body, len, "alfred:CPIAUCSL", &rows, NULL, &e), 0);
    assert_int_equal(rows.v[0].available_at, mf_test_date("2024-12-12"));
    mf_free(body);
    /* fredgraph CSV, current style: observation_date header, empty = missing */
    body = mf_test_read_shared("connectors/fred/fredgraph_DCOILBRENTEU_trimmed_from_2026-08-03.csv",
                               &len);
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_fred_parse_csv(body, len, "DCOILBRENTEU", &rows, &e), 0);
    assert_int_equal(rows.n, 42);
    assert_row(&rows.v[0], "DCOILBRENTEU", "2026-08-03", 88.90, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[20], "DCOILBRENTEU", "2026-08-31", NAN, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[41], "DCOILBRENTEU", "2026-09-29", 113.96, MF_CONN_AVAILABLE_FROM_LAG);
    mf_free(body);
    /* fredgraph CSV, old style: DATE header, '.' = missing */
    body = mf_test_read_shared("series/fred_fredgraph_DGS10_to_2021-01-04.csv", &len);
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_fred_parse_csv(body, len, "DGS10", &rows, &e), 0);
    assert_int_equal(rows.n, 15395);
    assert_int_equal(count_nan(&rows), 659);
    assert_row(&rows.v[0], "DGS10", "1962-01-02", 4.06, MF_CONN_AVAILABLE_FROM_LAG);
    assert_row(&rows.v[15394], "DGS10", "2021-01-04", 0.93, MF_CONN_AVAILABLE_FROM_LAG);
    mf_free(body);
    mf_conn_rows_free(&rows);
}

/* ---- fetch over HTTP ------------------------------------------------------------------------- */

static int fetch(mf_test_conn *t, const char *request, mf_conn_rows *rows, mf_error *e)
{
    const mf_connector *c = mf_connector_find("fred");
    assert_non_null(c);
    return c->fetch(&t->env, request, mf_test_date("2024-01-01"), mf_test_date("2024-01-05"), rows,
                    e);
}

static void test_fetch_success_and_pages(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/fred", 0, KEY);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, "DGS10", &rows, &e), 0);
    assert_int_equal(rows.n, 5);
    assert_row(&rows.v[2], "DGS10", "2024-01-03", 3.91, MF_CONN_AVAILABLE_FROM_LAG);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "PAGED", &rows, &e), 0); /* offset 0 then offset 2 */
    assert_int_equal(rows.n, 3);
    assert_row(&rows.v[2], "PAGED", "2024-01-04", 3.99, MF_CONN_AVAILABLE_FROM_LAG);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "alfred:CPIAUCSL", &rows, &e), 0);
    assert_int_equal(rows.n, 4);
    assert_int_equal(rows.v[1].available_at, mf_test_date("2024-02-13"));
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "EMPTY", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_fetch_api_key(void **state)
{
    (void)state;
    mf_test_conn t;
    /* a closed port: had the connector sent anything, the error would be a connection error */
    mf_test_conn_new(&t, "http://127.0.0.1:9", "/fred", 0, "");
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, "DGS10", &rows, &e), MF_ECONFIG);
    assert_string_equal(e.msg,
                        "fred: no API key: set fred.api_key in the config or MF_FRED_API_KEY");
    mf_test_conn_free(&t);
    mf_test_conn_new(&t, "http://127.0.0.1:9", "/fred", 0, "abc&def");
    assert_int_equal(fetch(&t, "DGS10", &rows, &e), MF_ECONFIG);
    assert_non_null(strstr(e.msg, "other than letters and digits"));
    mf_test_conn_free(&t);
    const mf_connector *c = mf_connector_find("fred");
    assert_int_equal(c->check_key("DGS10", &e), 0);
    assert_int_equal(c->check_key("alfred:PAYEMS", &e), 0);
    assert_int_equal(c->check_key("dgs10", &e), MF_EINVAL);
    assert_int_equal(c->check_key("alfred:", &e), MF_EINVAL);
    assert_int_equal(c->check_key("DGS 10", &e), MF_EINVAL);
    char buf[64];
    c->request_of("alfred:GDP", buf, sizeof buf);
    assert_string_equal(buf, "alfred:GDP");
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/fred", 0, KEY);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    /* 400: FRED's error body is quoted; the API key never appears in a message */
    assert_int_equal(fetch(&t, "NOPE", &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "fred NOPE: GET "));
    assert_non_null(strstr(e.msg, "HTTP 400: '{\"error_code\":400,\"error_message\":\"Bad Requ"));
    assert_null(strstr(e.msg, KEY));
    assert_non_null(strstr(e.msg, "api_key=***&"));
    /* 404 (a wrong base URL: FRED answers 400 for unknown series) */
    assert_int_equal(fetch(&t, "GONE", &rows, &e), MF_ENOTFOUND);
    assert_non_null(strstr(e.msg, "fred GONE: GET "));
    assert_non_null(strstr(e.msg, "HTTP 404"));
    /* 429 with Retry-After, then the data */
    t.n_sleeps = 0;
    assert_int_equal(fetch(&t, "SLOW", &rows, &e), 0);
    assert_int_equal(rows.n, 5);
    assert_int_equal(t.n_sleeps, 1);
    assert_int_equal(t.sleeps_ms[0], 1000);
    mf_conn_rows_clear(&rows);
    /* 500, then the data */
    assert_int_equal(fetch(&t, "FLAKY", &rows, &e), 0);
    assert_int_equal(rows.n, 5);
    mf_conn_rows_clear(&rows);
    /* malformed JSON */
    assert_int_equal(fetch(&t, "BROKEN", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred BROKEN: body is not JSON"));
    /* a body cut short (Content-Length not met): retried, then a clear error */
    assert_int_equal(fetch(&t, "TRUNC", &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "fred TRUNC: GET "));
    /* an HTML page with 200 */
    assert_int_equal(fetch(&t, "HTML", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "fred HTML: body is not JSON"));
    assert_non_null(strstr(e.msg, "'<!DOCTYPE html> <html><head><title>FRED - Maintenance"));
    /* values with a decimal comma */
    assert_int_equal(fetch(&t, "LOCALE", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "'3,91' is not a number with '.' decimals"));
    assert_int_equal(rows.n, 0);
    /* a stalled server: the total timeout, retried, then an error */
    assert_int_equal(fetch(&t, "STALL", &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "fred STALL: GET "));
    assert_non_null(strstr(e.msg, "timed out"));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
    /* a body over the client's cap */
    mf_test_conn_new(&t, server.base, "/fred", 200, KEY);
    assert_int_equal(fetch(&t, "DGS10", &rows, &e), MF_ERANGE);
    assert_non_null(strstr(e.msg, "fred DGS10: GET "));
    mf_test_conn_free(&t);
}

static void test_catalog(void **state)
{
    (void)state;
    assert_int_equal(mf_test_check_catalog("series", "fred"), 104);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_parse_json_current_vintage),
        cmocka_unit_test(test_parse_json_alfred_vintages),
        cmocka_unit_test(test_parse_json_errors),
        cmocka_unit_test(test_parse_fredgraph_both_headers),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_fetch_success_and_pages),
        cmocka_unit_test(test_fetch_api_key),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
