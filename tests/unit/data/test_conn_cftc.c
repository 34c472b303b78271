/*
 * test_conn_cftc.c - the CFTC COT connector: the release-date rule (2026 holiday-delayed
 * weeks), the Socrata parser on hand-made fixtures and on the real recording, the headerless
 * f_disagg.txt parser on a fixture and on the real recording (checked field by field against
 * the Socrata recording of the same week, and against the report's own identities), and fetch
 * over real HTTP on loopback with faults.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/cftc.h"
#include "support/conn_test.h"
#include "support/replay.h"

#define TFF "gpe5-46if"

static mf_replay server;
static mf_calendar *us;

static int setup(void **state)
{
    (void)state;
    const char *routes[] = {"connectors/cftc/routes.json", NULL};
    mf_error e = {0};
    if (mf_calendar_new("us-gov", &us, &e) != 0)
        return -1;
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    mf_calendar_free(us);
    return 0;
}

static const mf_conn_row *find(const mf_conn_rows *rows, const char *key, const char *date)
{
    mf_date d = mf_test_date(date);
    for (size_t i = 0; i < rows->n; i++)
        if (rows->v[i].date == d && strcmp(rows->v[i].key, key) == 0)
            return &rows->v[i];
    return NULL;
}

static void expect(const mf_conn_rows *rows, const char *key, const char *date, double value,
                   const char *available)
{
    const mf_conn_row *r = find(rows, key, date);
    if (!r) {
        fail_msg("no row %s on %s", key, date);
        return;
    }
    if (isnan(value) ? !isnan(r->value) : r->value != value)
        fail_msg("%s %s: %.17g, expected %.17g", key, date, r->value, value);
    assert_int_equal(r->kind, MF_CONN_OBS);
    assert_int_equal(r->available_at, mf_test_date(available));
}

static void release(const char *report, const char *expected)
{
    mf_date d;
    mf_error e = {0};
    assert_int_equal(mf_cftc_release_date(mf_test_date(report), us, &d, &e), 0);
    char got[MF_DATE_ISO_SIZE];
    mf_date_format_iso(d, got);
    assert_string_equal(got, expected);
}

static void test_release_dates(void **state)
{
    (void)state;
    /* the CFTC's 2026 schedule: releases delayed to 22/6, 6/7, 16/11, 30/11, 28/12
       (data-sources.md 9c) */
    release("2026-06-16", "2026-06-22"); /* Juneteenth, Friday 19 June */
    release("2026-06-30", "2026-07-06"); /* Independence Day observed Friday 3 July */
    release("2026-11-10", "2026-11-16"); /* Veterans Day, Wednesday */
    release("2026-11-24", "2026-11-30"); /* Thanksgiving, Thursday */
    release("2026-12-22", "2026-12-28"); /* Christmas, Friday */
    /* ordinary weeks, and holidays before the report date */
    release("2026-09-29", "2026-10-02");
    release("2026-05-26", "2026-05-29"); /* Memorial Day was the Monday before */
    release("2026-10-13", "2026-10-16"); /* Columbus Day was the Monday before */
    release("2026-03-31", "2026-04-03"); /* Good Friday: not a federal holiday */
    release("2027-12-28", "2028-01-03"); /* New Year's Eve observed Friday 31 Dec 2027 */
    mf_date d;
    mf_error e = {0};
    assert_int_equal(mf_cftc_release_date(mf_test_date("2026-11-28"), us, &d, &e), MF_EINVAL);
}

static void test_parse_socrata_fixture(void **state)
{
    (void)state;
    size_t len, n = 0;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/cftc/tff_102741_2026-11.json", &len);
    assert_int_equal(mf_cftc_parse_socrata(body, len, TFF, "102741", us, &rows, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(rows.n, 3 * 8); /* 7 quantities + the trader count per record */
    expect(&rows, TFF ":102741:open_interest_all", "2026-11-10", 71234, "2026-11-16");
    expect(&rows, TFF ":102741:lev_money_positions_long", "2026-11-17", 29102, "2026-11-20");
    expect(&rows, TFF ":102741:lev_money_positions_short", "2026-11-24", 15512, "2026-11-30");
    expect(&rows, TFF ":102741:asset_mgr_positions_long", "2026-11-24", 25634, "2026-11-30");
    expect(&rows, TFF ":102741:dealer_positions_short_all", "2026-11-10", 30980, "2026-11-16");
    expect(&rows, TFF ":102741:traders_dealer_long_all", "2026-11-10", NAN, "2026-11-16");
    expect(&rows, TFF ":102741:traders_dealer_long_all", "2026-11-24", 5, "2026-11-30");
    /* ids, codes and text are not rows */
    assert_null(find(&rows, TFF ":102741:cftc_region_code", "2026-11-10"));
    assert_null(find(&rows, TFF ":102741:id", "2026-11-10"));
    assert_null(find(&rows, TFF ":102741:contract_units", "2026-11-10"));
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/cftc/tff_102741_2026-03.json", &len);
    assert_int_equal(mf_cftc_parse_socrata(body, len, TFF, "102741", us, &rows, &n, &e), 0);
    expect(&rows, TFF ":102741:open_interest_all", "2026-03-31", 65000, "2026-04-03");
    mf_free(body);
    mf_conn_rows_clear(&rows);
    body = mf_test_read_fixture("connectors/cftc/locale.json", &len);
    assert_int_equal(mf_cftc_parse_socrata(body, len, TFF, "102741", us, &rows, &n, &e), MF_EPARSE);
    assert_string_equal(e.msg, "cftc gpe5-46if:102741: record 1 (2026-11-17) field "
                               "open_interest_all: '69.870,5' is not a number with '.' decimals");
    assert_int_equal(rows.n, 0);
    mf_free(body);
    body = mf_test_read_fixture("connectors/cftc/other_contract.json", &len);
    assert_int_equal(mf_cftc_parse_socrata(body, len, TFF, "102741", us, &rows, &n, &e), MF_EPARSE);
    assert_string_equal(e.msg, "cftc gpe5-46if:102741: record 2 is for contract '095741'");
    mf_free(body);
    body = mf_test_read_fixture("connectors/cftc/error_400.json", &len);
    assert_int_equal(mf_cftc_parse_socrata(body, len, TFF, "102741", us, &rows, &n, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "cftc gpe5-46if:102741: Socrata error: Could not parse SoQL"));
    mf_free(body);
    const char *nodate = "[{\"cftc_contract_market_code\":\"102741\",\"report_date_as_yyyy_mm_dd\":"
                         "\"11/24/2026\"}]";
    assert_int_equal(
        mf_cftc_parse_socrata(nodate, strlen(nodate), TFF, "102741", us, &rows, &n, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "record 0 has no report_date_as_yyyy_mm_dd"));
    mf_conn_rows_free(&rows);
}

static void test_parse_disagg_fixture(void **state)
{
    (void)state;
    size_t len;
    mf_conn_rows rows = {0};
    mf_error e = {0};
    char *body = mf_test_read_fixture("connectors/cftc/f_disagg_fixture.txt", &len);
    assert_int_equal(mf_cftc_parse_disagg_txt(body, len, us, &rows, &e), 0);
    assert_int_equal(rows.n, 32);
    expect(&rows, "72hh-3qpy:102741:open_interest_all", "2026-11-24", 73012, "2026-11-30");
    expect(&rows, "72hh-3qpy:102741:swap__positions_short_all", "2026-11-24", 400, "2026-11-30");
    expect(&rows, "72hh-3qpy:102741:nonrept_positions_short_all", "2026-11-24", 1500, "2026-11-30");
    expect(&rows, "kh3c-gbw2:102741:open_interest_all", "2026-11-24", 99999, "2026-11-30");
    /* a line with a field missing */
    const char *p = strchr(body, '\n');
    char *cut = mf_strndup(body, (size_t)(p - body));
    char *comma = strrchr(cut, ',');
    *comma = '\0';
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_cftc_parse_disagg_txt(cut, strlen(cut), us, &rows, &e), MF_EPARSE);
    assert_string_equal(e.msg, "cftc f_disagg.txt line 1: fewer than 191 fields, expected 191 "
                               "(is this the disaggregated file?)");
    mf_free(cut);
    mf_free(body);
    mf_conn_rows_free(&rows);
}

static void test_real_recordings(void **state)
{
    (void)state;
    size_t len, n = 0;
    mf_conn_rows soc = {0}, txt = {0};
    mf_error e = {0};
    char *body = mf_test_read_shared(
        "connectors/cftc_cot/socrata_72hh-3qpy_067651_since_2026-06-09.json", &len);
    if (mf_cftc_parse_socrata(body, len, "72hh-3qpy", "067651", us, &soc, &n, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    assert_int_equal(n, 17);
    assert_int_equal(soc.n, 17 * 7);
    expect(&soc, "72hh-3qpy:067651:open_interest_all", "2026-09-29", 1878576, "2026-10-02");
    expect(&soc, "72hh-3qpy:067651:m_money_positions_long_all", "2026-09-29", 209028, "2026-10-02");
    expect(&soc, "72hh-3qpy:067651:m_money_positions_short_all", "2026-09-29", 129436,
           "2026-10-02");
    expect(&soc, "72hh-3qpy:067651:swap__positions_short_all", "2026-09-29", 575715, "2026-10-02");
    expect(&soc, "72hh-3qpy:067651:open_interest_all", "2026-06-09", 2006635, "2026-06-12");
    /* the Juneteenth and Independence Day weeks are released on the Monday after */
    expect(&soc, "72hh-3qpy:067651:open_interest_all", "2026-06-16", 2007709, "2026-06-22");
    const mf_conn_row *jul = find(&soc, "72hh-3qpy:067651:open_interest_all", "2026-06-30");
    assert_non_null(jul);
    if (jul)
        assert_int_equal(jul->available_at, mf_test_date("2026-07-06"));
    body = mf_test_read_shared("connectors/cftc_cot/f_disagg_2026-09-29_trimmed.txt", &len);
    if (mf_cftc_parse_disagg_txt(body, len, us, &txt, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    assert_int_equal(txt.n, 5 * 16);
    expect(&txt, "72hh-3qpy:067651:prod_merc_positions_long", "2026-09-29", 615887, "2026-10-02");
    expect(&txt, "72hh-3qpy:067651:prod_merc_positions_short", "2026-09-29", 296348, "2026-10-02");
    expect(&txt, "72hh-3qpy:06765T:open_interest_all", "2026-09-29", 243324, "2026-10-02");
    /* every field both files have for WTI on 2026-09-29 agrees, key, date and available_at */
    size_t agreed = 0;
    for (size_t i = 0; i < soc.n; i++) {
        if (soc.v[i].date != mf_test_date("2026-09-29"))
            continue;
        const mf_conn_row *t = find(&txt, soc.v[i].key, "2026-09-29");
        if (!t) {
            fail_msg("the flat file has no %s", soc.v[i].key);
            return;
        }
        assert_true(t->value == soc.v[i].value);
        assert_int_equal(t->available_at, soc.v[i].available_at);
        agreed++;
    }
    assert_int_equal(agreed, 7);
    /* the report's identities on every line: reportable long = sum of the long and spread
       positions; open interest = reportable + non-reportable, long side and short side */
    for (size_t i = 0; i < txt.n; i += 16) {
        const mf_conn_row *r = &txt.v[i];
        double oi = r[0].value, pl = r[1].value, ps = r[2].value, sl = r[3].value, ss = r[4].value,
               ssp = r[5].value, ml = r[6].value, ms = r[7].value, msp = r[8].value,
               ol = r[9].value, os = r[10].value, osp = r[11].value, tl = r[12].value,
               ts = r[13].value, nl = r[14].value, ns = r[15].value;
        assert_true(pl + sl + ssp + ml + msp + ol + osp == tl);
        assert_true(ps + ss + ssp + ms + msp + os + osp == ts);
        assert_true(tl + nl == oi);
        assert_true(ts + ns == oi);
    }
    mf_conn_rows_free(&soc);
    mf_conn_rows_free(&txt);
}

static int fetch(mf_test_conn *t, int year, mf_conn_rows *rows, mf_error *e)
{
    const mf_connector *c = mf_connector_find("cftc");
    assert_non_null(c);
    return c->fetch(&t->env, TFF ":102741", mf_date_ymd(year, 11, 1), mf_date_ymd(year, 11, 30),
                    rows, e);
}

static void test_fetch(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/cftc", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, 2026, &rows, &e), 0);
    assert_int_equal(rows.n, 24);
    expect(&rows, TFF ":102741:lev_money_positions_long", "2026-11-24", 31876, "2026-11-30");
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, 2030, &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    const mf_connector *c = mf_connector_find("cftc");
    assert_int_equal(c->check_key(TFF ":102741:lev_money_positions_long", &e), 0);
    assert_int_equal(c->check_key("72hh-3qpy:06765T:open_interest_all", &e), 0);
    assert_int_equal(c->check_key(TFF ":102741", &e), MF_EINVAL);
    assert_int_equal(c->check_key(TFF ":10274:open_interest_all", &e), MF_EINVAL);
    assert_int_equal(c->check_key("gpe5_46if:102741:open_interest_all", &e), MF_EINVAL);
    assert_int_equal(c->check_key(TFF ":102741:Open Interest", &e), MF_EINVAL);
    char buf[64];
    c->request_of(TFF ":102741:lev_money_positions_long", buf, sizeof buf);
    assert_string_equal(buf, TFF ":102741");
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_test_conn t;
    mf_test_conn_new(&t, server.base, "/cftc", 0, NULL);
    mf_conn_rows rows = {0};
    mf_error e = {0};
    assert_int_equal(fetch(&t, 2001, &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "cftc " TFF ":102741: GET "));
    assert_non_null(strstr(e.msg, "HTTP 400: '{\"code\":\"query.compiler.malformed\""));
    assert_int_equal(fetch(&t, 2002, &rows, &e), MF_ENOTFOUND);
    assert_non_null(strstr(e.msg, "HTTP 404: '<html>Not found</html>'"));
    t.n_sleeps = 0;
    assert_int_equal(fetch(&t, 2003, &rows, &e), 0);
    assert_int_equal(rows.n, 24);
    assert_int_equal(t.n_sleeps, 1);
    assert_int_equal(t.sleeps_ms[0], 1000);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, 2004, &rows, &e), 0);
    assert_int_equal(rows.n, 24);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch(&t, 2005, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "cftc " TFF ":102741: body is not JSON"));
    assert_int_equal(fetch(&t, 2006, &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "cftc " TFF ":102741: GET "));
    assert_int_equal(fetch(&t, 2007, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "body is not JSON"));
    assert_non_null(strstr(e.msg, "'<!DOCTYPE html> <html><head><title>CFTC Public Reporting"));
    assert_int_equal(fetch(&t, 2009, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "'69.870,5' is not a number"));
    assert_int_equal(fetch(&t, 2010, &rows, &e), MF_EPARSE);
    assert_non_null(strstr(e.msg, "is for contract '095741'"));
    assert_int_equal(fetch(&t, 2008, &rows, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "timed out"));
    assert_int_equal(rows.n, 0);
    mf_test_conn_free(&t);
    mf_test_conn_new(&t, server.base, "/cftc", 500, NULL);
    assert_int_equal(fetch(&t, 2026, &rows, &e), MF_ERANGE);
    assert_non_null(strstr(e.msg, "cftc " TFF ":102741: GET "));
    mf_conn_rows_free(&rows);
    mf_test_conn_free(&t);
}

static void test_catalog(void **state)
{
    (void)state;
    assert_int_equal(mf_test_check_catalog("series", "cftc"), 86);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_release_dates),
        cmocka_unit_test(test_parse_socrata_fixture),
        cmocka_unit_test(test_parse_disagg_fixture),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
