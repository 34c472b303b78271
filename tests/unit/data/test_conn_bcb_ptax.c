/*
 * test_conn_bcb_ptax.c - the bcb_ptax connector (src/data/connectors/bcb_ptax.c): the JSON and
 * CSV parsers on hand-made fixtures, the CSV parser on the real recording of
 * ../shared/reference/connectors/bcb_ptax (checked against SGS 1 and 10813 where they
 * overlap), the keys, and fetches over real HTTP with the fault cases.
 */
#include "bcb_conn_test.h"

#include "data/connectors/bcb_ptax.h"
#include "data/connectors/bcb_sgs.h"

static int setup(void **state)
{
    (void)state;
    return bt_start("connectors/bcb_ptax/routes.json", "/ptax");
}

static int teardown(void **state)
{
    (void)state;
    return bt_stop();
}

static void test_parse_json_usd(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/bcb_ptax/ptax_usd_2025-01.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_bcb_ptax_parse_json(body, len, "USD", "bcb_ptax USD", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4); /* two dates x buy/sell: the 11:05 bulletin is replaced */
    bt_expect(&rows, "USD:buy", "2025-01-02", 6.2080, "2025-01-02");
    bt_expect(&rows, "USD:sell", "2025-01-02", 6.2086, "2025-01-02");
    bt_expect(&rows, "USD:buy", "2025-01-03", 6.1557, "2025-01-03");
    bt_expect(&rows, "USD:sell", "2025-01-03", 6.1563, "2025-01-03");
    assert_int_equal(bt_count(&rows, "USD:parity_sell"), 0);
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_json_eur(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/bcb_ptax/ptax_eur_2025-01.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_bcb_ptax_parse_json(body, len, "EUR", "bcb_ptax EUR", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 8); /* closing bulletins only, 4 numbers each */
    bt_expect(&rows, "EUR:sell", "2025-01-02", 6.3793, "2025-01-02");
    bt_expect(&rows, "EUR:buy", "2025-01-02", 6.3761, "2025-01-02");
    bt_expect(&rows, "EUR:parity_buy", "2025-01-02", 1.0273, "2025-01-02");
    bt_expect(&rows, "EUR:parity_sell", "2025-01-03", 1.0289, "2025-01-03");
    bt_expect(&rows, "EUR:sell", "2025-01-03", 6.3342, "2025-01-03");
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_csv_fixture(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/bcb_ptax/ptax_usd.csv", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_bcb_ptax_parse_csv(body, len, "USD", "bcb_ptax USD", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 6);
    bt_expect(&rows, "USD:buy", "1984-12-03", 2814, "1984-12-03");
    bt_expect(&rows, "USD:sell", "1984-12-03", 2828.5, "1984-12-03"); /* the 16:38 bulletin */
    bt_expect(&rows, "USD:buy", "2021-01-06", 5.3176, "2021-01-06");
    bt_expect(&rows, "USD:sell", "2021-01-07", 6, "2021-01-07");
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        int csv;
        const char *body, *msg;
    } cases[] = {
        {0, "/*{ \"codigo\" : 400, \"mensagem\" : \"The URI is malformed.\" }*/",
         "bcb_ptax USD: Olinda error 400: 'The URI is malformed.'"},
        {0,
         "{\"value\":[{\"cotacaoCompra\":\"5,1641\",\"cotacaoVenda\":5.1,"
         "\"dataHoraCotacao\":\"2020-07-23 13:02:43.561\"}]}",
         "row 1: cotacaoCompra is not a JSON number ('5,1641')"},
        {0,
         "{\"value\":[{\"cotacaoCompra\":5.1,\"cotacaoVenda\":5.1,"
         "\"dataHoraCotacao\":\"23/07/2020 13:02\"}]}",
         "row 1: dataHoraCotacao is not 'yyyy-MM-dd HH:mm:ss.f'"},
        {0,
         "{\"value\":[{\"cotacaoCompra\":5.1,\"cotacaoVenda\":5.1,"
         "\"dataHoraCotacao\":\"2020-07-23 13:02:43.1234567\"}]}",
         "row 1: dataHoraCotacao"},
        {0,
         "{\"value\":[{\"cotacaoCompra\":-5.1,\"cotacaoVenda\":5.1,"
         "\"dataHoraCotacao\":\"2020-07-23 13:02:43\"}]}",
         "cotacaoCompra -5.1 is not a positive rate"},
        {0, "{\"odata\":1}", "JSON object without a \"value\" array"},
        {0, "<html>x</html>", "bcb_ptax USD: body is not JSON"},
        {0, "", "bcb_ptax USD: empty body"},
        {1, "", "empty CSV body"},
        {1, "a,b,c\n1,2,3\n", "expected a header with cotacaoCompra"},
        {1, "cotacaoCompra,cotacaoVenda,dataHoraCotacao\n5.3176,5.3182,2021-01-06 13:12:28.251\n",
         "line 2: cotacaoCompra '5.3176' is not a positive number with ',' decimals"},
        {1, "cotacaoCompra,cotacaoVenda,dataHoraCotacao\n\"5,3176,5.3182,2021-01-06\n",
         "line 2: malformed CSV"},
        {1, "cotacaoCompra,cotacaoVenda,dataHoraCotacao\n\"5,3\",\"5,4\"\n",
         "line 2: 2 fields, expected 3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        size_t n = strlen(cases[i].body);
        int rc = cases[i].csv
                     ? mf_bcb_ptax_parse_csv(cases[i].body, n, "USD", "bcb_ptax USD", &rows, &e)
                     : mf_bcb_ptax_parse_json(cases[i].body, n, "USD", "bcb_ptax USD", &rows, &e);
        assert_int_not_equal(rc, 0);
        if (!strstr(e.msg, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].msg);
        mf_conn_rows_free(&rows);
    }
    mf_conn_rows rows = {0};
    mf_error e;
    const char *empty = "{\"@odata.context\":\"x\",\"value\":[]}";
    assert_int_equal(mf_bcb_ptax_parse_json(empty, strlen(empty), "USD", "u", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_real_recording_csv(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_shared(
        "connectors/bcb_ptax/ptax_CotacaoDolarPeriodo_textcsv_1984-12-03_to_2021.csv", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_bcb_ptax_parse_csv(body, len, "USD", "bcb_ptax USD", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    /* 9041 bulletins on 9032 dates: 8 dates have several (1984-12-05 has three, not two as
       the recordings' README says) */
    assert_int_equal(rows.n, 2 * 9032);
    bt_expect(&rows, "USD:buy", "1984-12-05", 2908, "1984-12-05"); /* 18:50, the last of 3 */
    bt_expect(&rows, "USD:sell", "1990-01-03", 11.81, "1990-01-03");
    bt_expect(&rows, "USD:buy", "1984-12-03", 2814, "1984-12-03");
    bt_expect(&rows, "USD:sell", "1984-12-03", 2828, "1984-12-03");
    bt_expect(&rows, "USD:buy", "1996-01-12", 0.9724, "1996-01-12"); /* the 18:17 bulletin */
    bt_expect(&rows, "USD:sell", "1996-01-12", 0.9734, "1996-01-12");
    bt_expect(&rows, "USD:buy", "2021-01-08", 5.3677, "2021-01-08");
    bt_expect(&rows, "USD:sell", "2021-01-08", 5.3683, "2021-01-08");
    assert_int_equal(rows.v[rows.n - 1].date, mf_test_date("2021-01-08"));
    for (size_t i = 2; i < rows.n; i += 2)
        assert_true(rows.v[i].date > rows.v[i - 2].date); /* one bulletin per date, ascending */

    /* The same numbers as SGS 10813 (buy) and 1 (sell) on every overlapping day. */
    static const char *const codes[2] = {"10813", "1"};
    static const char *const keys[2] = {"USD:buy", "USD:sell"};
    for (int k = 0; k < 2; k++) {
        char rel[96];
        snprintf(rel, sizeof rel, "connectors/bcb_sgs/sgs_%s_history.json", codes[k]);
        char *sgs = mf_test_read_shared(rel, &len);
        mf_conn_rows s = {0};
        assert_int_equal(mf_bcb_sgs_parse(sgs, len, codes[k], codes[k], &s, &e), 0);
        mf_free(sgs);
        size_t overlap = 0;
        for (size_t i = 0; i < s.n; i++) {
            const mf_conn_row *p = NULL;
            for (size_t j = 0; j < rows.n && !p; j++) /* rows are sorted: fine for a test */
                if (rows.v[j].date == s.v[i].date && strcmp(rows.v[j].key, keys[k]) == 0)
                    p = &rows.v[j];
            if (!p)
                continue;
            overlap++;
            if (fabs(p->value - s.v[i].value) > 1e-12)
                fail_msg("%s day %d: PTAX %.4f vs SGS %.4f", keys[k], s.v[i].date, p->value,
                         s.v[i].value);
        }
        assert_int_equal(overlap, 1509);
        mf_conn_rows_free(&s);
    }
    mf_conn_rows_free(&rows);
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_ptax");
    assert_non_null(c);
    mf_error e;
    const char *good[] = {"USD:buy", "USD:sell", "EUR:sell", "GBP:parity_sell", "JPY:parity_buy"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_int_equal(c->check_key(good[i], &e), 0);
    const char *bad[] = {
        "USD", "USD:parity_sell", "usd:buy", "EURO:buy", "EUR:mid", "EUR:", ":buy", "EUR-buy"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(c->check_key(bad[i], &e), MF_EINVAL);
        assert_non_null(strstr(e.msg, "bcb_ptax key"));
    }
    char buf[16];
    c->request_of("EUR:parity_sell", buf, sizeof buf);
    assert_string_equal(buf, "EUR");
    c->request_of("USD:buy", buf, sizeof buf);
    assert_string_equal(buf, "USD");
}

static void test_fetch(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_ptax");
    mf_conn_rows rows = {0};
    mf_error e;
    if (c->fetch(&bt.c.env, "USD", mf_test_date("2025-01-02"), mf_test_date("2025-01-03"), &rows,
                 &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4);
    bt_expect(&rows, "USD:sell", "2025-01-02", 6.2086, "2025-01-02");
    if (c->fetch(&bt.c.env, "EUR", mf_test_date("2025-01-02"), mf_test_date("2025-01-03"), &rows,
                 &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 12);
    bt_expect(&rows, "EUR:sell", "2025-01-03", 6.3342, "2025-01-03");
    mf_conn_rows_clear(&rows);
    /* a weekend: 200 with an empty value array */
    assert_int_equal(bt_fetch_with(c, NULL, "USD", "2025-01-04", "2025-01-05", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_retries(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_ptax");
    mf_conn_rows rows = {0};
    mf_error e;
    bt.sleeps.n = 0;
    if (bt_fetch_with(c, NULL, "USD", "2025-02-01", "2025-02-03", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4);
    assert_int_equal(bt.sleeps.n, 1);
    assert_int_equal(bt.sleeps.ms[0], 1000);
    mf_conn_rows_clear(&rows);
    if (bt_fetch_with(c, NULL, "USD", "2025-03-01", "2025-03-03", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_ptax");
    static const struct {
        const char *from, *msg1, *msg2;
    } cases[] = {
        {"2025-04-01", "bcb_ptax USD: GET ", "HTTP 400: 'The URI is malformed.'"},
        {"2025-05-01", "bcb_ptax USD: GET ", "HTTP 404"},
        {"2025-06-01", "bcb_ptax USD: body is not JSON", "{\"value\":[{\"cotacaoCompra\":5.1"},
        {"2025-07-01", "bcb_ptax USD: ", "truncated body"},
        {"2025-08-01", "bcb_ptax USD: body is not JSON", "<html><body><h1>Olinda"},
        {"2025-11-03", "bcb_ptax USD: row 1: cotacaoCompra is not a JSON number ('5,1641')", ""},
        {"2025-11-04", "bcb_ptax USD: Olinda error 500: 'Erro interno'", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(bt_fetch_with(c, NULL, "USD", cases[i].from, "2025-12-31", &rows, &e),
                             0);
        const char *parts[] = {cases[i].msg1, cases[i].msg2, NULL};
        bt_expect_msg(&e, parts);
        mf_conn_rows_free(&rows);
    }
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_equal(bt_fetch_with(c, NULL, "EURO", "2025-01-01", "2025-01-02", &rows, &e),
                     MF_EINVAL);
    mf_http_options o;
    bt_options(&o, &bt.sleeps);
    o.total_timeout_ms = 500;
    o.max_retries = 0;
    assert_int_not_equal(bt_fetch_with(c, &o, "USD", "2025-09-01", "2025-09-02", &rows, &e), 0);
    const char *p1[] = {"bcb_ptax USD: ", "timed out after 500 ms", NULL};
    bt_expect_msg(&e, p1);
    bt_options(&o, &bt.sleeps);
    o.max_body_bytes = 64;
    assert_int_equal(bt_fetch_with(c, &o, "USD", "2025-10-01", "2025-10-02", &rows, &e), MF_ERANGE);
    const char *p2[] = {"bcb_ptax USD: ", "body over 64 bytes", NULL};
    bt_expect_msg(&e, p2);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_json_usd),
        cmocka_unit_test(test_parse_json_eur),
        cmocka_unit_test(test_parse_csv_fixture),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_real_recording_csv),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_retries),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
