/*
 * test_conn_ust.c - the US Treasury connector: the CSV and Atom XML parsers on hand-made
 * fixtures and on the real recordings (../shared/reference/connectors/ust_yields), the XML
 * checked value by value against the Treasury's own CSV history and the 2023 CSV against
 * FRED's DGS10 recording; fetch over real HTTP on loopback (one GET per year, faults).
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/fred.h"
#include "data/connectors/ust.h"
#include "support/conn_test.h"
#include "support/replay.h"

#define PAR  "daily_treasury_yield_curve"
#define REAL "daily_treasury_real_yield_curve"

static mf_replay server;

static int setup(void **state)
{
    (void)state;
    const char *routes[] = {"connectors/ust/routes.json", NULL};
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    return 0;
}

/* The row of key on date, or NULL. */
static const mf_conn_row *find(const mf_conn_rows *rows, const char *key, const char *date)
{
    mf_date d = mf_test_date(date);
    for (size_t i = 0; i < rows->n; i++)
        if (rows->v[i].date == d && strcmp(rows->v[i].key, key) == 0)
            return &rows->v[i];
    return NULL;
}

static size_t count_key(const mf_conn_rows *rows, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++)
        n += strcmp(rows->v[i].key, key) == 0 ? 1 : 0;
    return n;
}

static void expect(const mf_conn_rows *rows, const char *key, const char *date, double value)
{
    const mf_conn_row *r = find(rows, key, date);
    if (!r) {
        fail_msg("no row %s on %s", key, date);
        return;
    }
    if (r->value != value)
        fail_msg("%s %s: %.17g, expected %.17g", key, date, r->value, value);
    assert_int_equal(r->kind, MF_CONN_OBS);
    assert_int_equal(r->available_at, r->date); /* published the same day */
}

static void test_parse_csv_fixtures(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/ust/par_2025.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), 0);
    assert_int_equal(rows.n, 14 + 13 + 14); /* one empty field, one empty row */
    expect(&rows, PAR ":10 Yr", "2025-01-03", 4.60);
    expect(&rows, PAR ":1.5 Month", "2025-01-03", 4.33);
    expect(&rows, PAR ":1 Mo", "2025-01-02", 4.45);
    expect(&rows, PAR ":30 Yr", "2024-12-31", 4.78); /* the last line, without a newline */
    assert_null(find(&rows, PAR ":1.5 Month", "2025-01-02"));
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/ust/real_2025.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, REAL, &rows, &e), 0);
    assert_int_equal(rows.n, 10);
    expect(&rows, REAL ":10 YR", "2025-01-03", 2.23);
    expect(&rows, REAL ":5 YR", "2025-01-02", 1.93);
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/ust/header_only.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_free(body);
    assert_int_equal(mf_ust_parse_csv("", 0, PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": body is empty (expected the CSV header)");
    body = mf_test_read_fixture("connectors/ust/locale.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": line 2 has 5 fields, the header 4");
    mf_free(body);
    body = mf_test_read_fixture("connectors/ust/bad_date.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": line 2: date '2004-01-02' is not MM/DD/YYYY");
    mf_free(body);
    const char *bad = "Date,\"1 Mo\"\n01/02/2009,0.0x\n";
    assert_int_equal(mf_ust_parse_csv(bad, strlen(bad), PAR, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "ust " PAR ": line 2 (01/02/2009) column '1 Mo': "));
    body = mf_test_read_fixture("connectors/ust/denied.html", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": line 1: body is not the Treasury CSV (expected a "
                               "header 'Date,\"1 Mo\",...'): '<!DOCTYPE html>'");
    mf_free(body);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_parse_xml_fixture(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/ust/par_2025.xml", &len);
    assert_int_equal(mf_ust_parse_xml(body, len, PAR, &rows, &e), 0);
    assert_int_equal(rows.n, 4 + 3); /* m:null and *DISPLAY give no row */
    expect(&rows, PAR ":1 Mo", "2025-01-02", 4.45);
    expect(&rows, PAR ":2 Mo", "2025-01-02", 4.36);
    expect(&rows, PAR ":10 Yr", "2025-01-02", 4.57);
    expect(&rows, PAR ":30 Yr", "2025-01-02", 4.79);
    expect(&rows, PAR ":1.5 Month", "2025-01-03", 4.33);
    assert_null(find(&rows, PAR ":1.5 Month", "2025-01-02"));
    mf_free(body);
    mf_conn_rows_clear(&rows);
    const char *bad = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content><m:properties "
                      "xmlns:m=\"m\" xmlns:d=\"d\"><d:NEW_DATE>2025-01-02T00:00:00</d:NEW_DATE>"
                      "<d:BC_10YEAR>4,57</d:BC_10YEAR></m:properties></content></entry></feed>";
    assert_int_equal(mf_ust_parse_xml(bad, strlen(bad), PAR, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "ust " PAR ": XML entry 1 d:BC_10YEAR: '4,57' is not"));
    const char *nodate = "<feed><entry><content><properties><BC_10YEAR>4.5</BC_10YEAR>"
                         "</properties></content></entry></feed>";
    assert_int_equal(mf_ust_parse_xml(nodate, strlen(nodate), PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": XML entry 1 has no d:NEW_DATE");
    const char *html = "<html><body>oops</body></html>";
    assert_int_equal(mf_ust_parse_xml(html, strlen(html), PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": XML root is not an Atom <feed>");
    assert_int_equal(mf_ust_parse_xml("not xml", 7, PAR, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "ust " PAR ": body is not XML: 'not xml'");
    /* an external entity is neither fetched nor expanded */
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]><feed><entry><content><properties><NEW_DATE>"
                      "2025-01-02T00:00:00</NEW_DATE><BC_10YEAR>&x;</BC_10YEAR></properties>"
                      "</content></entry></feed>";
    assert_int_equal(mf_ust_parse_xml(xxe, strlen(xxe), PAR, &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_real_recordings(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_shared(
        "connectors/ust_yields/daily-treasury-rates_2023_ytd_to_2023-09-01.csv", &len);
    if (mf_ust_parse_csv(body, len, PAR, &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(count_key(&rows, PAR ":10 Yr"), 169);
    assert_int_equal(count_key(&rows, PAR ":4 Mo"), 169);
    expect(&rows, PAR ":10 Yr", "2023-09-01", 4.18);
    expect(&rows, PAR ":10 Yr", "2023-01-03", 3.79);
    assert_int_equal(rows.v[0].date, mf_test_date("2023-09-01")); /* newest first */
    mf_free(body);
    /* the same curve as FRED's DGS10 (constant maturity): equal on every 2023 day */
    mf_conn_rows fred = {0};
    body = mf_test_read_shared("connectors/fred/fred_api_observations_DGS10_20241213.json", &len);
    assert_int_equal(mf_fred_parse_json(body, len, "DGS10", &fred, NULL, &e), 0);
    mf_free(body);
    size_t compared = 0;
    for (size_t i = 0; i < rows.n; i++) {
        if (strcmp(rows.v[i].key, PAR ":10 Yr") != 0)
            continue;
        for (size_t j = 0; j < fred.n; j++)
            if (fred.v[j].date == rows.v[i].date) {
                if (fred.v[j].value != rows.v[i].value)
                    fail_msg("10 Yr on day %d: Treasury %.4f, FRED %.4f", rows.v[i].date,
                             rows.v[i].value, fred.v[j].value);
                compared++;
            }
    }
    assert_int_equal(compared, 169);
    mf_conn_rows_free(&fred);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_shared("connectors/ust_yields/daily-treasury-rates_2000.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), 0);
    assert_int_equal(count_key(&rows, PAR ":3 Mo"), 251);
    assert_int_equal(count_key(&rows, PAR ":1 Mo"), 0); /* no such column in 2000 */
    expect(&rows, PAR ":10 Yr", "2000-12-29", 5.12);
    assert_non_null(find(&rows, PAR ":10 Yr", "2000-01-03"));
    mf_free(body);
    /* the legacy XML feed, value by value against the Treasury's CSV history */
    mf_conn_rows xml = {0};
    body = mf_test_read_shared("connectors/ust_yields/legacy_data.treasury.gov_"
                               "DailyTreasuryYieldCurveRateData_2019-01-02_to_2019-04-18.xml",
                               &len);
    if (mf_ust_parse_xml(body, len, PAR, &xml, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    assert_int_equal(count_key(&xml, PAR ":10 Yr"), 75);
    expect(&xml, PAR ":10 Yr", "2019-01-02", 2.66);
    expect(&xml, PAR ":10 Yr", "2019-04-18", 2.57);
    mf_conn_rows_clear(&rows);
    body =
        mf_test_read_shared("series/ust_par_yield_curve_daily_1990-01-02_to_2022-03-31.csv", &len);
    assert_int_equal(mf_ust_parse_csv(body, len, PAR, &rows, &e), 0);
    mf_free(body);
    expect(&rows, PAR ":10 Yr", "1990-01-02", 7.94);
    for (size_t i = 0; i < xml.n; i++) {
        char date[MF_DATE_ISO_SIZE];
        mf_date_format_iso(xml.v[i].date, date);
        const mf_conn_row *r = find(&rows, xml.v[i].key, date);
        if (!r || r->value != xml.v[i].value)
            fail_msg("%s %s: XML %.4f, CSV %.4f", xml.v[i].key, date, xml.v[i].value,
                     r ? r->value : NAN);
    }
    assert_int_equal(xml.n, 75 * 12); /* 12 tenors a day, the DISPLAY duplicate skipped */
    mf_conn_rows_free(&xml);
    mf_conn_rows_free(&rows);
}

static int fetch(mf_test_conn *t, const char *request, const char *from, const char *to,
                 mf_conn_rows *rows, mf_error *e)
{
    const mf_connector *c = mf_connector_find("ust");
    assert_non_null(c);
    return c->fetch(&t->env, request, mf_test_date(from), mf_test_date(to), rows, e);
}

static void test_fetch(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/ust", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    /* a range over two years: one GET per year */
    assert_int_equal(fetch(&t, PAR, "2024-12-30", "2025-01-03", &rows, &e), 0);
    assert_int_equal(rows.n, 26 + 41);
    expect(&rows, PAR ":10 Yr", "2024-12-30", 4.55);
    expect(&rows, PAR ":1.5 Month", "2025-01-03", 4.33);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, REAL, "2025-01-01", "2025-01-03", &rows, &e), 0);
    expect(&rows, REAL ":10 YR", "2025-01-03", 2.23);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, PAR, "2005-01-01", "2005-12-31", &rows, &e), 0); /* header only */
    assert_int_equal(rows.n, 0);
    /* keys */
    const mf_connector *c = mf_connector_find("ust");
    assert_int_equal(c->check_key(PAR ":10 Yr", &e), 0);
    assert_int_equal(c->check_key(REAL ":10 YR", &e), 0);
    assert_int_equal(c->check_key("daily_treasury_bill_rates:4 WEEKS BANK DISCOUNT", &e),
                     MF_EINVAL);
    assert_int_equal(c->check_key(PAR, &e), MF_EINVAL);
    assert_int_equal(c->check_key(PAR ":", &e), MF_EINVAL);
    char buf[64];
    c->request_of(REAL ":10 YR", buf, sizeof buf);
    assert_string_equal(buf, REAL);
    assert_int_equal(fetch(&t, "daily_treasury_bill_rates", "2024-01-01", "2024-01-02", &rows, &e),
                     MF_EINVAL);
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/ust", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, PAR, "2001-01-01", "2001-12-31", &rows, &e), MF_ENOTFOUND);
    assert_non_null(strstr(e.msg, "ust " PAR " 2001: GET "));
    assert_non_null(strstr(e.msg, "HTTP 404: '<html>Page not found</html>'"));
    t.n_sleeps = 0;
    assert_int_equal(fetch(&t, PAR, "2002-01-01", "2002-12-31", &rows, &e), 0);
    assert_int_equal(t.n_sleeps, 1);
    assert_int_equal(t.sleeps_ms[0], 1000); /* Retry-After: 1 */
    assert_int_equal(rows.n, 26);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, PAR, "2003-01-01", "2003-12-31", &rows, &e), 0);
    assert_int_equal(rows.n, 26);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, PAR, "2004-01-01", "2004-12-31", &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "year 2004: ust " PAR ": line 2: date '2004-01-02' is not "
                               "MM/DD/YYYY");
    assert_int_equal(fetch(&t, PAR, "2006-01-01", "2006-12-31", &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "ust " PAR " 2006: GET "));
    assert_int_equal(fetch(&t, PAR, "2007-01-01", "2007-12-31", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "body is not the Treasury CSV"));
    assert_non_null(strstr(e.msg, "'<!DOCTYPE html>'"));
    assert_int_equal(fetch(&t, PAR, "2009-01-01", "2009-12-31", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "line 2 has 5 fields, the header 4"));
    assert_int_equal(fetch(&t, PAR, "2010-01-01", "2010-12-31", &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "body is empty"));
    /* rows of a good year are dropped when a later year fails */
    assert_int_equal(fetch(&t, PAR, "2006-06-01", "2007-01-31", &rows, &e), MF_EIO);
    assert_int_equal(rows.n, 0);
    assert_int_equal(fetch(&t, PAR, "2008-01-01", "2008-12-31", &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "timed out"));
    mf_test_conn_free(&t);
    mf_test_conn_new(&t, server.base, "/ust", 100, NULL);
    assert_int_equal(fetch(&t, PAR, "2024-01-01", "2024-12-31", &rows, &e), MF_ERANGE);
    assert_non_null(strstr(e.msg, "ust " PAR " 2024: GET "));
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_catalog(void **state)
{
    (void)state;
    assert_int_equal(mf_test_check_catalog("series", "ust"), 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_parse_csv_fixtures),
        cmocka_unit_test(test_parse_xml_fixture),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
