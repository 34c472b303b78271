/*
 * test_conn_yahoo.c - the Yahoo Finance connector: the chart parser on hand-made fixtures and
 * on the real recordings (../shared/reference/connectors/yahoo; the yf2_* files are recording
 * wrappers whose API body is response.bodyJson, unwrapped here), and fetch over real HTTP on
 * loopback (URL encoding, 400 before history, 404, 429, 5xx, malformed, empty, truncated,
 * HTML, stalled, oversized and decimal-comma answers).
 */
#include "support/test.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/yahoo.h"
#include "support/conn_test.h"
#include "support/replay.h"

static mf_replay server;

static int setup(void **state)
{
    (void)state;
    const char *routes[] = {"connectors/yahoo/routes.json", NULL};
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    return 0;
}

static void same(double got, double want, const char *what)
{
    if (isnan(want) ? !isnan(got) : got != want)
        fail_msg("%s: %.17g, expected %.17g", what, got, want);
}

/* Checks the price row at rows->v[i] and the close/adjclose rows after it. */
static void expect_bar(const mf_conn_rows *rows, size_t i, const char *sym, const char *date,
                       double open, double high, double low, double close, double volume,
                       double adjclose)
{
    assert_true(i + 2 < rows->n + (isnan(adjclose) ? 1 : 0));
    const mf_conn_row *p = &rows->v[i], *c = &rows->v[i + 1];
    assert_int_equal(p->kind, MF_CONN_PRICE);
    assert_string_equal(p->key, sym);
    assert_int_equal(p->date, mf_test_date(date));
    assert_int_equal(p->available_at, p->date);
    same(p->open, open, "open");
    same(p->high, high, "high");
    same(p->low, low, "low");
    same(p->close, close, "close");
    same(p->volume, volume, "volume");
    char key[80];
    snprintf(key, sizeof key, "%s:close", sym);
    assert_int_equal(c->kind, MF_CONN_OBS);
    assert_string_equal(c->key, key);
    assert_int_equal(c->date, p->date);
    same(c->value, close, "close obs");
    if (!isnan(adjclose)) {
        const mf_conn_row *a = &rows->v[i + 2];
        snprintf(key, sizeof key, "%s:adjclose", sym);
        assert_string_equal(a->key, key);
        assert_int_equal(a->date, p->date);
        same(a->value, adjclose, "adjclose");
    }
}

static void test_parse_fixtures(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/yahoo/brl_2024-01.json", &len);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "BRL=X", &rows, &e), 0);
    assert_int_equal(rows.n, 9); /* 3 bars x (price, close, adjclose); the null bar skipped */
    expect_bar(&rows, 0, "BRL=X", "2024-01-02", 4.8535, 4.8936, 4.8481, 4.8535, 0, 4.8535);
    expect_bar(&rows, 3, "BRL=X", "2024-01-03", 4.8927, 4.9244, 4.8821, 4.8927, 0, 4.8927);
    expect_bar(&rows, 6, "BRL=X", "2024-01-05", 4.9087, 4.9301, 4.8649, 4.9087, 0, 4.9087);
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/yahoo/bvsp_in_progress.json", &len);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "^BVSP", &rows, &e), 0);
    assert_int_equal(rows.n, 3); /* the session of 2026-11-24 is in progress: dropped */
    expect_bar(&rows, 0, "^BVSP", "2026-11-23", 153900, 154800, 153500, 154321, 8123400, 154321);
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/yahoo/empty.json", &len);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "BRL=X", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    /* the answer must be for the symbol asked */
    assert_int_equal(mf_yahoo_parse_chart(body, len, "EUR=X", &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "yahoo EUR=X: the answer is for symbol 'BRL=X'");
    mf_free(body);
    body = mf_test_read_fixture("connectors/yahoo/locale.json", &len);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "BRL=X", &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "yahoo BRL=X: bar 1: close is not a number or null");
    assert_int_equal(rows.n, 0);
    mf_free(body);
    body = mf_test_read_fixture("connectors/yahoo/error_404.json", &len);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "GONE", &rows, &e), MF_EIO);
    assert_string_equal(e.msg, "yahoo GONE: chart error 'Not Found': No data found, symbol may "
                               "be delisted");
    mf_free(body);
    /* gmtoffset is today's offset (EST, -18000) but the bar is stamped at midnight New York
       in summer (EDT: 04:00 UTC): 23:00 the day before without the 6 h shift */
    const char *dst = "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"CL=F\",\"gmtoffset\":"
                      "-18000,\"priceHint\":2},\"timestamp\":[1719806400],\"indicators\":{"
                      "\"quote\":[{\"open\":[81.6],\"high\":[83.9],\"low\":[81.5],\"close\":"
                      "[83.38],\"volume\":[300000]}]}}],\"error\":null}}";
    assert_int_equal(mf_yahoo_parse_chart(dst, strlen(dst), "CL=F", &rows, &e), 0);
    assert_int_equal(rows.n, 2); /* no adjclose array: price and close only */
    assert_int_equal(rows.v[0].date, mf_test_date("2024-07-01"));
    mf_conn_rows_clear(&rows);
    const char *short_arr = "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"X\",\"gmtoffset\":0},"
                            "\"timestamp\":[1704153600,1704240000],\"indicators\":{\"quote\":[{"
                            "\"open\":[1,2],\"high\":[1,2],\"low\":[1,2],\"close\":[1],"
                            "\"volume\":[1,2]}]}}],\"error\":null}}";
    assert_int_equal(mf_yahoo_parse_chart(short_arr, strlen(short_arr), "X", &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "yahoo X: indicators.quote[0].close is not an array of 2");
    mf_conn_rows_free(&rows);
}

/* The API body of a yf2 recording wrapper (response.bodyJson), serialised. */
static char *unwrap(const char *file, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, "connectors/yahoo/%s", file);
    size_t n;
    char *raw = mf_test_read_shared(rel, &n);
    json_error_t je;
    json_t *root = json_loadb(raw, n, 0, &je);
    mf_free(raw);
    assert_non_null(root);
    json_t *body = json_object_get(json_object_get(root, "response"), "bodyJson");
    assert_non_null(body);
    size_t need = json_dumpb(body, NULL, 0, JSON_COMPACT);
    char *out = mf_malloc(need + 1);
    assert_int_equal(json_dumpb(body, out, need, JSON_COMPACT), need);
    out[need] = '\0';
    *len = need;
    json_decref(root);
    return out;
}

static void parse_ok(const char *body, size_t len, const char *sym, mf_conn_rows *rows)
{
    mf_error e = {0};
    mf_conn_rows_clear(rows);
    if (mf_yahoo_parse_chart(body, len, sym, rows, &e) != 0)
        fail_msg("%s: %s", sym, e.msg);
}

static void test_real_recordings(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    /* BZ=F: 6 bars at 04:00 UTC (00:00 New York); the last is the session in progress */
    char *body = mf_test_read_shared("connectors/yahoo/bz_f_1d_5d.json", &len);
    parse_ok(body, len, "BZ=F", &rows);
    assert_int_equal(rows.n, 15);
    expect_bar(&rows, 0, "BZ=F", "2026-09-28", 105.80, 108.81, 103.80, 105.28, 15803, 105.28);
    expect_bar(&rows, 3, "BZ=F", "2026-09-29", 106.14, 107.61, 102.28, 102.59, 11974, 102.59);
    expect_bar(&rows, 12, "BZ=F", "2026-10-02", 102.75, 103.05, 98.43, 102.25, 54607, 102.25);
    mf_free(body);
    /* 8 of 10 bars null */
    body = mf_test_read_shared("connectors/yahoo/bz_f_1d_2009-04_nulls.json", &len);
    parse_ok(body, len, "BZ=F", &rows);
    assert_int_equal(rows.n, 6);
    assert_int_equal(rows.v[0].date, mf_test_date("2009-04-13"));
    same(rows.v[0].close, 52.14, "2009-04-13 close");
    assert_int_equal(rows.v[3].date, mf_test_date("2009-04-14"));
    same(rows.v[3].close, 51.96, "2009-04-14 close");
    mf_free(body);
    /* 400 before history: "no data in the range" */
    body = mf_test_read_shared("connectors/yahoo/bz_f_1d_pre_history_400.json", &len);
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_yahoo_parse_chart(body, len, "BZ=F", &rows, &e), MF_ENOTFOUND);
    assert_string_equal(e.msg, "yahoo BZ=F: Data doesn't exist for startDate = 315532800, "
                               "endDate = 631152000");
    mf_free(body);
    /* FX at 00:00 UTC (Europe/London), priceHint 4 */
    body = unwrap("yf2_chart-EURUSD=X-2020-01-01-to-2020-01-03.json", &len);
    parse_ok(body, len, "EURUSD=X", &rows);
    assert_int_equal(rows.n, 9);
    assert_int_equal(rows.v[0].date, mf_test_date("2020-01-01"));
    same(rows.v[0].close, 1.1221, "EURUSD 2020-01-01");
    assert_int_equal(rows.v[6].date, mf_test_date("2020-01-03"));
    same(rows.v[6].close, 1.1171, "EURUSD 2020-01-03");
    mf_free(body);
    /* COMEX gold at 05:00 UTC (00:00 New York, EST) */
    body = unwrap("yf2_chart-GC=F-2020-01-01-to-2020-01-03.json", &len);
    parse_ok(body, len, "GC=F", &rows);
    assert_int_equal(rows.n, 3);
    assert_int_equal(rows.v[0].date, mf_test_date("2020-01-02"));
    same(rows.v[0].close, 1524.5, "GC=F close");
    mf_free(body);
    /* an ETF at 14:30 UTC (09:30 New York): adjclose differs from close (dividends) */
    body = unwrap("yf2_chart-QQQ-2020-01-01-to-2020-01-03.json", &len);
    parse_ok(body, len, "QQQ", &rows);
    assert_int_equal(rows.n, 3);
    assert_int_equal(rows.v[0].date, mf_test_date("2020-01-02"));
    same(rows.v[1].value, 216.16, "QQQ close");
    same(rows.v[2].value, 209.64, "QQQ adjclose");
    mf_free(body);
    /* 49 bars across the EDT -> EST change (13:30 and 14:30 UTC) land on their days */
    body = unwrap("yf2_chart-AAPL-2020-08-31-to-2020-11-07.json", &len);
    parse_ok(body, len, "AAPL", &rows);
    assert_int_equal(rows.n, 49 * 3);
    assert_int_equal(rows.v[0].date, mf_test_date("2020-08-31"));
    same(rows.v[0].close, 129.04, "AAPL 2020-08-31");
    assert_int_equal(rows.v[48 * 3].date, mf_test_date("2020-11-06"));
    same(rows.v[48 * 3].close, 118.69, "AAPL 2020-11-06");
    for (size_t i = 3; i < rows.n; i += 3) /* one bar per weekday, no day twice */
        assert_true(rows.v[i].date > rows.v[i - 3].date && !mf_date_is_weekend(rows.v[i].date));
    mf_free(body);
    /* 1m on a weekend: no timestamp key -> no rows, not an error */
    body = unwrap("yf2_chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json",
                  &len);
    parse_ok(body, len, "AAPL", &rows);
    assert_int_equal(rows.n, 0);
    mf_free(body);
    body =
        unwrap("yf2_historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json", &len);
    parse_ok(body, len, "MSFT", &rows);
    assert_int_equal(rows.n, 252 * 3);
    assert_int_equal(rows.v[0].date, mf_test_date("2021-02-01"));
    same(rows.v[0].close, 239.65, "MSFT close");
    same(rows.v[2].value, 231.19, "MSFT adjclose");
    assert_int_equal(rows.v[251 * 3].date, mf_test_date("2022-01-28"));
    mf_free(body);
    mf_conn_rows_free(&rows);
}

/* Fetches request over Jan 2..5 of year (the routes tell the cases apart by the year). */
static int fetch(mf_test_conn *t, const char *request, int year, mf_conn_rows *rows, mf_error *e)
{
    const mf_connector *c = mf_connector_find("yahoo");
    assert_non_null(c);
    return c->fetch(&t->env, request, mf_date_ymd(year, 1, 2), mf_date_ymd(year, 1, 5), rows, e);
}

static void test_fetch(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/yahoo", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, "BRL=X", 2024, &rows, &e), 0);
    assert_int_equal(rows.n, 9);
    expect_bar(&rows, 3, "BRL=X", "2024-01-03", 4.8927, 4.9244, 4.8821, 4.8927, 0, 4.8927);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "^BVSP", 2024, &rows, &e), 0); /* sent as %5EBVSP */
    assert_int_equal(rows.n, 3);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "BRL=X", 2030, &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    assert_int_equal(fetch(&t, "BZ=F", 1980, &rows, &e), 0); /* 400: before the history */
    assert_int_equal(rows.n, 0);
    const mf_connector *c = mf_connector_find("yahoo");
    assert_int_equal(c->check_key("^BVSP", &e), 0);
    assert_int_equal(c->check_key("DX-Y.NYB:close", &e), 0);
    assert_int_equal(c->check_key("BRL=X:adjclose", &e), 0);
    assert_int_equal(c->check_key("BRL X", &e), MF_EINVAL);
    assert_int_equal(c->check_key("", &e), MF_EINVAL);
    assert_int_equal(c->check_key("BRL=X:open", &e), MF_EINVAL);
    char buf[64];
    c->request_of("^GSPC:adjclose", buf, sizeof buf);
    assert_string_equal(buf, "^GSPC");
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/yahoo", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, "GONE", 2024, &rows, &e), MF_ENOTFOUND);
    assert_non_null(strstr(e.msg, "yahoo GONE: GET "));
    assert_non_null(
        strstr(e.msg, "HTTP 404: '{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not"));
    t.n_sleeps = 0;
    assert_int_equal(fetch(&t, "BRL=X", 2023, &rows, &e), 0); /* 429 retried, then the data */
    assert_int_equal(rows.n, 9);
    assert_int_equal(t.n_sleeps, 1);
    assert_int_equal(t.sleeps_ms[0], 1000);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "BRL=X", 2022, &rows, &e), 0); /* 502 retried, then the data */
    assert_int_equal(rows.n, 9);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, "BRL=X", 2021, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "yahoo BRL=X: body is not JSON"));
    assert_int_equal(fetch(&t, "BRL=X", 2020, &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "yahoo BRL=X: GET "));
    assert_int_equal(fetch(&t, "BRL=X", 2019, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "yahoo BRL=X: body is not JSON"));
    assert_non_null(strstr(e.msg, "'<!DOCTYPE html> <html><head><title>Yahoo is part"));
    assert_int_equal(fetch(&t, "BRL=X", 2017, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "yahoo BRL=X: bar 1: close is not a number or null");
    assert_int_equal(fetch(&t, "BRL=X", 2018, &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "timed out"));
    assert_int_equal(rows.n, 0);
    mf_test_conn_free(&t);
    mf_test_conn_new(&t, server.base, "/yahoo", 300, NULL);
    assert_int_equal(fetch(&t, "BRL=X", 2024, &rows, &e), MF_ERANGE);
    assert_non_null(strstr(e.msg, "yahoo BRL=X: GET "));
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_catalog(void **state)
{
    (void)state;
    assert_int_equal(mf_test_check_catalog("series", "yahoo"), 24);
    assert_int_equal(mf_test_check_catalog("instruments", "yahoo"), 23);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),         cmocka_unit_test(test_parse_fixtures),
        cmocka_unit_test(test_real_recordings), cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
