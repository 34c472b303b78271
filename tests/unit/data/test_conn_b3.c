/*
 * test_conn_b3.c - the B3 connector (data/connectors/b3.h): the SPRD report parser on a
 * hand-cut report and on the three real recorded reports (shared reference), the intraday JSON
 * parser, and fetch over real HTTP on loopback (tests/support/http_replay.py with
 * tests/fixtures/connectors/b3/routes.json): range, 404, 429, 500, malformed, empty, truncated,
 * HTML, stall, oversized and decimal-comma bodies.
 */
#include "support/conn_test.h"
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "analytics/di1.h"
#include "core/alloc.h"
#include "core/calendar.h"
#include "data/connector.h"
#include "data/connectors/b3.h"
#include "support/replay.h"

static mf_replay server;
static mf_calendar *br;

static int setup(void **state)
{
    (void)state;
    static const char *const routes[] = {"connectors/b3/routes.json", NULL};
    if (mf_replay_start(&server, routes) != 0)
        return -1;
    return mf_calendar_new("br", &br, NULL);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    mf_calendar_free(br);
    return 0;
}

/* The row of key; fails the test when there is none. */
static const mf_conn_row *find(const mf_conn_rows *rows, const char *key)
{
    static const mf_conn_row none;
    for (size_t i = 0; i < rows->n; i++)
        if (strcmp(rows->v[i].key, key) == 0)
            return &rows->v[i];
    fail_msg("no row for %s", key);
    return &none;
}

/* The two rows of the hand-cut report, exactly. */
static void assert_cut_rows(const mf_conn_rows *rows)
{
    assert_int_equal(rows->n, 2);
    const mf_conn_row *r = find(rows, "DI1F27");
    assert_non_null(r);
    assert_int_equal(r->kind, MF_CONN_PRICE);
    assert_int_equal(r->date, mf_test_date("2026-01-12"));
    assert_int_equal(r->available_at, mf_test_date("2026-01-12"));
    assert_true(r->settle == 13.741);
    assert_true(r->open == 13.775);
    assert_true(r->high == 13.775);
    assert_true(r->low == 13.72);
    assert_true(r->close == 13.73);
    assert_true(r->open_interest == 5495596);
    assert_true(isnan(r->volume)); /* SPRD has no contract count (RglrTxsQty is trades) */
    assert_true(isnan(r->yield_pct));
    r = find(rows, "DI1F41");
    assert_non_null(r);
    assert_true(r->settle == 13.417);
    assert_true(isnan(r->open) && isnan(r->high) && isnan(r->low) && isnan(r->close));
    assert_true(isnan(r->open_interest));
}

static void test_di1_ticker(void **state)
{
    (void)state;
    assert_true(mf_b3_is_di1_ticker("DI1F27", 6));
    assert_true(mf_b3_is_di1_ticker("DI1Z99", 6));
    assert_false(mf_b3_is_di1_ticker("DI1A27", 6));
    assert_false(mf_b3_is_di1_ticker("DI1D", 4));
    assert_false(mf_b3_is_di1_ticker("DI1F27C013500", 13));
    assert_false(mf_b3_is_di1_ticker("DI1F2X", 6));
    assert_false(mf_b3_is_di1_ticker("DAPF27", 6));
}

static void test_xml_cut(void **state)
{
    (void)state;
    size_t len;
    char *xml = mf_test_read_fixture("connectors/b3/SPRD260112_cut.xml", &len);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(mf_b3_parse_sprd_xml(xml, len, "b3 test", &rows, &err), 0);
    assert_cut_rows(&rows);
    mf_conn_rows_free(&rows);
    mf_free(xml);
}

static void test_zip_direct_and_nested(void **state)
{
    (void)state;
    const char *files[] = {"conn_b3_SPRD260112_direct.zip", "conn_b3_SPRD260112_nested.zip"};
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *zip = mf_test_read_fixture(files[i], &len);
        mf_conn_rows rows = {0};
        mf_error err = {0};
        assert_int_equal(mf_b3_parse_sprd(zip, len, "b3 test", &rows, &err), 0);
        assert_cut_rows(&rows);
        mf_conn_rows_free(&rows);
        mf_free(zip);
    }
}

static void test_zip_faults(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    char *zip = mf_test_read_fixture("conn_b3_tiny.zip", &len);
    assert_int_equal(mf_b3_parse_sprd(zip, len, "b3 t", &rows, &err), 0); /* no report */
    assert_int_equal(rows.n, 0);
    mf_free(zip);

    zip = mf_test_read_fixture("conn_b3_corrupt.zip", &len);
    assert_int_equal(mf_b3_parse_sprd(zip, len, "b3 t", &rows, &err), MF_EPARSE);
    assert_non_null(strstr(err.msg, "b3 t: member 'BVBG.187.01_"));
    if (!strstr(err.msg, "corrupt"))
        fail_msg("%s", err.msg);
    assert_int_equal(rows.n, 0);
    mf_free(zip);

    zip = mf_test_read_fixture("conn_b3_comma.zip", &len);
    assert_int_equal(mf_b3_parse_sprd(zip, len, "b3 t", &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "b3 t: DI1F27: <AdjstdQtTax> '13,741' is not a number with '.' "
                                 "decimals");
    assert_int_equal(rows.n, 0);
    mf_free(zip);

    char junk[2048];
    memset(junk, 'x', sizeof junk);
    assert_int_equal(mf_b3_parse_sprd(junk, sizeof junk, "b3 t", &rows, &err), MF_EPARSE);
    assert_non_null(strstr(err.msg, "b3 t: body is not a zip archive: 'xxxx"));

    const char *notxml = "<Document><PricRpt><SctyId><TckrSymb>DI1F27</TckrSymb></SctyId>";
    assert_int_equal(mf_b3_parse_sprd_xml(notxml, strlen(notxml), "b3 t", &rows, &err), MF_EPARSE);
    assert_non_null(strstr(err.msg, "b3 t: the report is not well-formed XML"));
    const char *other = "<Document><Other/></Document>";
    assert_int_equal(mf_b3_parse_sprd_xml(other, strlen(other), "b3 t", &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "b3 t: no <PricRpt> in the XML: not a B3 price report");
    const char *twice = "<D><PricRpt><TradDt><Dt>2026-01-12</Dt></TradDt><SctyId><TckrSymb>DI1F27"
                        "</TckrSymb></SctyId><FinInstrmAttrbts><AdjstdQtTax>13.7</AdjstdQtTax>"
                        "</FinInstrmAttrbts></PricRpt><PricRpt><TradDt><Dt>2026-01-12</Dt>"
                        "</TradDt><SctyId><TckrSymb>DI1F27</TckrSymb></SctyId><FinInstrmAttrbts>"
                        "<AdjstdQtTax>13.8</AdjstdQtTax></FinInstrmAttrbts></PricRpt></D>";
    assert_int_equal(mf_b3_parse_sprd_xml(twice, strlen(twice), "b3 t", &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "b3 t: DI1F27 appears twice");
    const char *baddate = "<D><PricRpt><TradDt><Dt>12/01/2026</Dt></TradDt><SctyId><TckrSymb>"
                          "DI1F27</TckrSymb></SctyId></PricRpt></D>";
    assert_int_equal(mf_b3_parse_sprd_xml(baddate, strlen(baddate), "b3 t", &rows, &err),
                     MF_EPARSE);
    assert_string_equal(err.msg, "b3 t: DI1F27: TradDt '12/01/2026' is not an ISO date");
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

/* ---- the real recordings ------------------------------------------------------------------- */

/* AdjstdQt (settlement PU) of every DI1 ticker in the report XML, read with libzip and string
   search only (independent of the parser under test). */
typedef struct pu_entry {
    char ticker[8];
    double pu;
} pu_entry;

static size_t read_pus(const char *zip_path, pu_entry *v, size_t max)
{
    int zerr;
    zip_t *z = zip_open(zip_path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat_index(z, 0, 0, &st), 0);
    char *xml = mf_malloc(st.size + 1);
    zip_file_t *f = zip_fopen_index(z, 0, 0);
    assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
    xml[st.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    size_t n = 0;
    for (const char *p = strstr(xml, "<TckrSymb>DI1"); p; p = strstr(p + 1, "<TckrSymb>DI1")) {
        const char *t = p + strlen("<TckrSymb>");
        if (t[6] != '<')
            continue; /* an option on DI1 */
        const char *end = strstr(t, "</PricRpt>");
        const char *q = strstr(t, "<AdjstdQt Ccy=\"BRL\">");
        if (!q || q > end)
            continue;
        assert_true(n < max);
        memcpy(v[n].ticker, t, 6);
        v[n].ticker[6] = '\0';
        v[n].pu = strtod(q + strlen("<AdjstdQt Ccy=\"BRL\">"), NULL);
        n++;
    }
    mf_free(xml);
    return n;
}

static void check_recording(const char *file, size_t contracts, const char *ticker, const char *day,
                            double rate, double pu, int32_t du_expected)
{
    char rel[128], path[1024];
    snprintf(rel, sizeof rel, "connectors/b3_tesouro/%s", file);
    size_t len;
    char *zip = mf_test_read_shared(rel, &len);
    assert_true(mf_test_shared_reference_path(path, sizeof path, rel));
    mf_conn_rows rows = {0};
    mf_error err = {0};
    if (mf_b3_parse_sprd(zip, len, file, &rows, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rows.n, contracts);
    mf_date d = mf_test_date(day);
    for (size_t i = 0; i < rows.n; i++) {
        assert_int_equal(rows.v[i].date, d);
        assert_int_equal(rows.v[i].available_at, d);
        assert_true(!isnan(rows.v[i].settle));
    }
    const mf_conn_row *r = find(&rows, ticker);
    assert_non_null(r);
    assert_true(r->settle == rate);
    /* The rate is the settlement: with the ANBIMA du it gives B3's PU, for every contract. */
    pu_entry pus[64];
    size_t n = read_pus(path, pus, 64);
    assert_int_equal(n, contracts);
    for (size_t i = 0; i < n; i++) {
        const mf_conn_row *x = find(&rows, pus[i].ticker);
        assert_non_null(x);
        mf_date maturity;
        int32_t du;
        double model;
        assert_int_equal(mf_di1_maturity_from_ticker(br, x->key, &maturity, &err), 0);
        assert_int_equal(mf_calendar_bizdays(br, d, maturity, &du, &err), 0);
        /* 20 November became a national holiday from 2024 by a law of December 2023: a report
           of an earlier date counted those days as business days (data-sources.md §12). */
        if (d < mf_test_date("2023-12-26"))
            for (int y = 2024; y <= mf_date_year(maturity); y++) {
                mf_date z = mf_date_ymd(y, 11, 20);
                du += z < maturity && !mf_date_is_weekend(z) ? 1 : 0;
            }
        assert_int_equal(mf_di1_pu(x->settle, du, &model, &err), 0);
        if (fabs(round(model * 100) / 100 - pus[i].pu) > 0.005 + 1e-9)
            fail_msg("%s %s: rate %.3f du %d gives PU %.4f, B3 %.2f", file, x->key, x->settle, du,
                     model, pus[i].pu);
        if (strcmp(x->key, ticker) == 0) {
            assert_int_equal(du, du_expected);
            assert_true(fabs(pus[i].pu - pu) < 1e-9);
        }
    }
    mf_conn_rows_free(&rows);
    mf_free(zip);
}

static void test_real_recordings(void **state)
{
    (void)state;
    check_recording("SPRD230202.zip", 38, "DI1F25", "2023-02-02", 12.972, 79268.97, 480);
    check_recording("SPRD250203.zip", 39, "DI1H25", "2025-02-03", 13.16, 99023.59, 20);
    check_recording("SPRD260112.zip", 42, "DI1F27", "2026-01-12", 13.741, 88324.26, 243);
}

static void test_intraday(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/b3/intraday_DI1_cut.json", &len);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(mf_b3_parse_intraday(body, len, "b3 intraday", &rows, &err), 0);
    assert_int_equal(rows.n, 2);
    const mf_conn_row *r = find(&rows, "DI1J30");
    assert_non_null(r);
    assert_int_equal(r->date, mf_test_date("2026-03-10"));
    assert_true(r->open == 13.38 && r->high == 13.38 && r->low == 13.195 && r->close == 13.195);
    assert_true(r->open_interest == 52139 && r->volume == 346);
    assert_true(isnan(r->settle));
    r = find(&rows, "DI1F41");
    assert_non_null(r);
    assert_true(isnan(r->close) && r->open_interest == 16928 && isnan(r->volume));
    mf_free(body);

    /* The real capture: 49 items, 48 futures (DI1D is the spot), 38 with a last price. */
    mf_conn_rows_clear(&rows);
    body =
        mf_test_read_shared("connectors/b3_tesouro/derivativos_intradia_20260310_DI1.json", &len);
    assert_int_equal(mf_b3_parse_intraday(body, len, "b3 intraday", &rows, &err), 0);
    assert_int_equal(rows.n, 48);
    size_t traded = 0;
    for (size_t i = 0; i < rows.n; i++)
        traded += isnan(rows.v[i].close) ? 0u : 1u;
    assert_int_equal(traded, 38);
    r = find(&rows, "DI1J30");
    assert_true(r && r->close == 13.195 && r->open_interest == 52139);
    mf_free(body);

    const char *bad = "{\"BizSts\":{\"cd\":\"NOK\"},\"Msg\":{\"dtTm\":\"2026-03-10 14:51:58\"}}";
    assert_int_equal(mf_b3_parse_intraday(bad, strlen(bad), "b3 i", &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "b3 i: BizSts.cd is \"NOK\", not \"OK\"");
    const char *html = "<html>busy</html>";
    assert_int_equal(mf_b3_parse_intraday(html, strlen(html), "b3 i", &rows, &err), MF_EPARSE);
    assert_non_null(strstr(err.msg, "b3 i: body is not JSON"));
    const char *type = "{\"BizSts\":{\"cd\":\"OK\"},\"Msg\":{\"dtTm\":\"2026-03-10 14:51:58\"},"
                       "\"Scty\":[{\"symb\":\"DI1F27\",\"SctyQtn\":{\"curPrc\":\"13.7\"}}]}";
    assert_int_equal(mf_b3_parse_intraday(type, strlen(type), "b3 i", &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "b3 i: DI1F27: 'curPrc' is not a number");
    mf_conn_rows_free(&rows);
}

/* ---- fetch over HTTP ----------------------------------------------------------------------- */

typedef struct sleeps {
    long ms[16];
    int n;
} sleeps;

static void record_sleep(void *ctx, long ms)
{
    sleeps *s = ctx;
    if (s->n < 16)
        s->ms[s->n] = ms;
    s->n++;
}

typedef struct fetch_env {
    mf_conn_env env;
    char base[160];
    sleeps slept;
} fetch_env;

static void env_open(fetch_env *fe, const char *path, size_t max_body, long timeout_ms)
{
    memset(fe, 0, sizeof *fe);
    mf_http_options o;
    mf_http_options_default(&o);
    o.connect_timeout_ms = 2000;
    o.total_timeout_ms = timeout_ms;
    o.max_retries = 2;
    o.backoff_base_ms = 100;
    o.backoff_max_ms = 1500;
    o.max_body_bytes = max_body;
    o.sleep = record_sleep;
    o.sleep_ctx = &fe->slept;
    assert_int_equal(mf_http_client_new(&o, &fe->env.http, NULL), 0);
    assert_int_equal(mf_conn_cache_new(1 << 20, &fe->env.cache, NULL), 0);
    snprintf(fe->base, sizeof fe->base, "%s%s", server.base, path);
    fe->env.base_url = fe->base;
    fe->env.api_key = "";
    fe->env.br = br;
    fe->env.today = mf_test_date("2026-01-14");
}

static void env_close(fetch_env *fe)
{
    mf_conn_cache_free(fe->env.cache);
    mf_http_client_free(fe->env.http);
}

static int fetch(const char *path, size_t max_body, long timeout_ms, const char *from,
                 const char *to, mf_conn_rows *rows, mf_error *err, sleeps *slept)
{
    fetch_env fe;
    env_open(&fe, path, max_body, timeout_ms);
    const mf_connector *c = mf_connector_find("b3");
    assert_non_null(c);
    int rc = c->fetch(&fe.env, "DI1", mf_test_date(from), mf_test_date(to), rows, err);
    if (slept)
        *slept = fe.slept;
    env_close(&fe);
    return rc;
}

static void test_fetch_range_404_weekend(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    /* Sat 10 and Sun 11 are not asked for (the catch-all route would answer 500), 12 is the
       report, 13 is a 404 (not published yet): 0 rows, not an error. */
    if (fetch("/b3ok/download", 1 << 20, 3000, "2026-01-10", "2026-01-13", &rows, &err, NULL))
        fail_msg("%s", err.msg);
    assert_cut_rows(&rows);
    mf_conn_rows_clear(&rows);
    /* A weekday the route does not know answers 500 three times: an error naming the file. */
    assert_int_equal(
        fetch("/b3ok/download", 1 << 20, 3000, "2026-01-14", "2026-01-14", &rows, &err, NULL),
        MF_EIO);
    assert_non_null(strstr(err.msg, "b3 DI1 SPRD260114.zip: "));
    assert_non_null(strstr(err.msg, "HTTP 500"));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_nested_tiny_retries(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(
        fetch("/b3nested/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        0);
    assert_cut_rows(&rows);
    mf_conn_rows_clear(&rows);
    assert_int_equal(
        fetch("/b3tiny/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL), 0);
    assert_int_equal(rows.n, 0);
    sleeps slept;
    assert_int_equal(
        fetch("/b3r429/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, &slept),
        0);
    assert_cut_rows(&rows);
    assert_int_equal(slept.n, 1);
    assert_int_equal(slept.ms[0], 1000); /* Retry-After: 1 */
    mf_conn_rows_clear(&rows);
    assert_int_equal(
        fetch("/b3r500/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, &slept),
        0);
    assert_cut_rows(&rows);
    assert_int_equal(slept.n, 1);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(
        fetch("/b3corrupt/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_EPARSE);
    assert_non_null(strstr(err.msg, "b3 DI1 SPRD260112.zip: member 'BVBG.187.01_"));
    assert_int_equal(
        fetch("/b3comma/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_EPARSE);
    assert_string_equal(err.msg, "b3 DI1 SPRD260112.zip: DI1F27: <AdjstdQtTax> '13,741' is not "
                                 "a number with '.' decimals");
    assert_int_equal(
        fetch("/b3html/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_EPARSE);
    assert_string_equal(err.msg, "b3 DI1 SPRD260112.zip: body is not a zip archive: "
                                 "'<!DOCTYPE html>'");
    assert_int_equal(
        fetch("/b3trunc/download", 1 << 20, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_EIO);
    assert_non_null(strstr(err.msg, "b3 DI1 SPRD260112.zip: "));
    assert_int_equal(
        fetch("/b3stall/download", 1 << 20, 800, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_EIO);
    assert_non_null(strstr(err.msg, "timed out"));
    assert_int_equal(
        fetch("/b3ok/download", 512, 3000, "2026-01-12", "2026-01-12", &rows, &err, NULL),
        MF_ERANGE);
    assert_non_null(strstr(err.msg, "b3 DI1 SPRD260112.zip: "));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("b3");
    assert_non_null(c);
    mf_error err = {0};
    assert_int_equal(c->check_key("DI1", &err), 0);
    assert_int_equal(c->check_key("DI1F27", &err), 0);
    assert_int_equal(c->check_key("DOLF27", &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "b3: key 'DOLF27'"));
    char req[32];
    c->request_of("DI1F27", req, sizeof req);
    assert_string_equal(req, "DI1");
    assert_string_equal(c->standing_requests[0], "DI1");
    assert_null(c->standing_requests[1]);
    mf_conn_rows rows = {0};
    assert_int_equal(c->fetch(NULL, "DAP", 0, 0, &rows, &err), MF_EINVAL);
    assert_string_equal(err.msg, "b3: unknown request 'DAP' (only \"DI1\")");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_di1_ticker),
        cmocka_unit_test(test_xml_cut),
        cmocka_unit_test(test_zip_direct_and_nested),
        cmocka_unit_test(test_zip_faults),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_intraday),
        cmocka_unit_test(test_fetch_range_404_weekend),
        cmocka_unit_test(test_fetch_nested_tiny_retries),
        cmocka_unit_test(test_fetch_faults),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
