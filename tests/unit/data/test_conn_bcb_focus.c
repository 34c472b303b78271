/*
 * test_conn_bcb_focus.c - the bcb_focus connector (src/data/connectors/bcb_focus.c): the parser
 * on hand-made fixtures of each entity set (no real recording exists), the keys, and fetches
 * over real HTTP (filter, ordering and paging pinned by the routes) with the fault cases.
 */
#include "bcb_conn_test.h"

#include "data/connectors/bcb_focus.h"

static int setup(void **state)
{
    (void)state;
    return bt_start("connectors/bcb_focus/routes.json", "/focus");
}

static int teardown(void **state)
{
    (void)state;
    return bt_stop();
}

static mf_conn_rows parse_fixture(const char *file, const char *set, const char *indicator)
{
    char rel[128];
    snprintf(rel, sizeof rel, "connectors/bcb_focus/%s", file);
    size_t len;
    char *body = mf_test_read_fixture(rel, &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_bcb_focus_parse(body, len, set, indicator, file, &rows, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    return rows;
}

static void test_parse_anuais(void **state)
{
    (void)state;
    mf_conn_rows rows = parse_fixture("focus_anuais_ipca.json", "Anuais", "IPCA");
    assert_int_equal(rows.n, 4 * 6); /* base 1 and IGP-M skipped; 6 statistics each */
    bt_expect(&rows, "Anuais:IPCA:Y0:median", "2024-05-03", 3.72, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:mean", "2024-05-03", 3.7436, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:sd", "2024-05-03", 0.2331, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:min", "2024-05-03", 3.1, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:max", "2024-05-03", 4.4, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:n", "2024-05-03", 152, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y1:median", "2024-05-03", 3.64, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y2:median", "2024-05-03", 3.5, "2024-05-03");
    bt_expect(&rows, "Anuais:IPCA:Y0:median", "2024-05-10", 3.76, "2024-05-10");
    mf_conn_rows_free(&rows);
}

static void test_parse_selic_rank(void **state)
{
    (void)state;
    mf_conn_rows rows = parse_fixture("focus_selic.json", "Selic", "Selic");
    assert_int_equal(rows.n, 5 * 6);
    bt_expect(&rows, "Selic:Selic:R1:median", "2024-05-03", 10.5, "2024-05-03");  /* R3/2024 */
    bt_expect(&rows, "Selic:Selic:R2:median", "2024-05-03", 10.25, "2024-05-03"); /* R4/2024 */
    bt_expect(&rows, "Selic:Selic:R3:median", "2024-05-03", 9.75, "2024-05-03");  /* R1/2025 */
    bt_expect(&rows, "Selic:Selic:R1:median", "2024-05-10", 10.25, "2024-05-10"); /* R4/2024 */
    bt_expect(&rows, "Selic:Selic:R2:n", "2024-05-10", 118, "2024-05-10");
    mf_conn_rows_free(&rows);
}

static void test_parse_other_sets(void **state)
{
    (void)state;
    mf_conn_rows rows = parse_fixture("focus_mensais_ipca.json", "Mensais", "IPCA");
    assert_int_equal(rows.n, 4 * 6);
    bt_expect(&rows, "Mensais:IPCA:M-1:median", "2024-05-03", 0.35, "2024-05-03");
    bt_expect(&rows, "Mensais:IPCA:M0:median", "2024-05-03", 0.29, "2024-05-03");
    bt_expect(&rows, "Mensais:IPCA:M1:median", "2024-05-03", 0.2, "2024-05-03");
    bt_expect(&rows, "Mensais:IPCA:M8:median", "2024-05-03", 0.42, "2024-05-03");
    mf_conn_rows_free(&rows);
    rows = parse_fixture("focus_infl12_ipca.json", "Inflacao12Meses", "IPCA");
    bt_expect(&rows, "Inflacao12Meses:IPCA:S:median", "2024-05-03", 3.6, "2024-05-03");
    bt_expect(&rows, "Inflacao12Meses:IPCA:N:median", "2024-05-03", 3.55, "2024-05-03");
    mf_conn_rows_free(&rows);
    rows = parse_fixture("focus_trimestrais_pib.json", "Trimestrais", "PIB Total");
    bt_expect(&rows, "Trimestrais:PIB Total:Q-1:median", "2024-05-03", 0.7, "2024-05-03");
    bt_expect(&rows, "Trimestrais:PIB Total:Q0:median", "2024-05-03", 0.2, "2024-05-03");
    bt_expect(&rows, "Trimestrais:PIB Total:Q3:median", "2024-05-03", 0.5, "2024-05-03");
    mf_conn_rows_free(&rows);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *set, *body, *msg;
    } cases[] = {
        {"Anuais", "/*{ \"codigo\" : 400, \"mensagem\" : \"The URI is malformed.\" }*/",
         "x: Olinda error 400: 'The URI is malformed.'"},
        {"Anuais",
         "{\"value\":[{\"Indicador\":\"IPCA\",\"Data\":\"03/05/"
         "2024\",\"DataReferencia\":\"2024\"}]}",
         "x: row 1: Data is not 'yyyy-mm-dd'"},
        {"Anuais",
         "{\"value\":[{\"Indicador\":\"IPCA\",\"Data\":\"2024-05-03\",\"DataReferencia\":\"24\"}]}",
         "x: row 1: DataReferencia is not in the form of Anuais"},
        {"Mensais",
         "{\"value\":[{\"Indicador\":\"IPCA\",\"Data\":\"2024-05-03\",\"DataReferencia\":\"2024-"
         "05\"}]}",
         "DataReferencia is not in the form of Mensais"},
        {"Selic",
         "{\"value\":[{\"Indicador\":\"IPCA\",\"Data\":\"2024-05-03\",\"Reuniao\":\"4/2024\"}]}",
         "x: row 1: Reuniao is not 'R<n>/<year>'"},
        {"Anuais",
         "{\"value\":[{\"Indicador\":\"IPCA\",\"Data\":\"2024-05-03\",\"DataReferencia\":\"2024\","
         "\"Mediana\":\"3,72\",\"baseCalculo\":0}]}",
         "x: row 1: Mediana is not a JSON number"},
        {"Anuais", "{\"value\":[{\"Indicador\":\"IPCA\",\"baseCalculo\":\"0\"}]}",
         "baseCalculo is not an integer"},
        {"Anuais", "{\"value\":[17]}", "x: row 1 is not a JSON object"},
        {"Anuais", "<html/>", "x: body is not JSON"},
        {"Semanais", "{\"value\":[]}", "unknown Focus entity set 'Semanais'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(mf_bcb_focus_parse(cases[i].body, strlen(cases[i].body), cases[i].set,
                                                "IPCA", "x", &rows, &e),
                             0);
        if (!strstr(e.msg, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].msg);
        mf_conn_rows_free(&rows);
    }
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_focus");
    assert_non_null(c);
    mf_error e;
    const char *good[] = {"Anuais:IPCA:Y0:median",         "Anuais:PIB Total:Y1:mean",
                          "Anuais:Câmbio:Y0:sd",           "Mensais:IPCA:M-1:n",
                          "Mensais:IPCA:M12:median",       "Trimestrais:PIB Total:Q0:median",
                          "Inflacao12Meses:IPCA:S:median", "Selic:Selic:R1:median"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (c->check_key(good[i], &e) != 0)
            fail_msg("%s: %s", good[i], e.msg);
    const char *bad[] = {"Anuais:IPCA:Y0",
                         "Anual:IPCA:Y0:median",
                         "Anuais::Y0:median",
                         "Anuais:IPCA:M0:median",
                         "Anuais:IPCA:Y10:median",
                         "Selic:Selic:R0:median",
                         "Inflacao12Meses:IPCA:X:median",
                         "Anuais:IPCA:Y0:mode",
                         "Anuais:IP:CA:Y0:median",
                         "IPCA"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (c->check_key(bad[i], &e) != MF_EINVAL)
            fail_msg("accepted %s", bad[i]);
        assert_non_null(strstr(e.msg, "bcb_focus key"));
    }
    char buf[64];
    c->request_of("Anuais:PIB Total:Y1:mean", buf, sizeof buf);
    assert_string_equal(buf, "Anuais:PIB Total");
    c->request_of("Mensais:IPCA:M-1:n", buf, sizeof buf);
    assert_string_equal(buf, "Mensais:IPCA");
}

static void test_fetch(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_focus");
    mf_conn_rows rows = {0};
    mf_error e;
    static const struct {
        const char *req, *key;
        double v;
    } cases[] = {
        {"Anuais:IPCA", "Anuais:IPCA:Y0:median", 3.72},
        {"Anuais:Câmbio", "Anuais:Câmbio:Y0:median", 5.0},
        {"Selic:Selic", "Selic:Selic:R1:median", 10.5},
        {"Mensais:IPCA", "Mensais:IPCA:M0:median", 0.29},
        {"Inflacao12Meses:IPCA", "Inflacao12Meses:IPCA:S:median", 3.6},
        {"Trimestrais:PIB Total", "Trimestrais:PIB Total:Q0:median", 0.2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows_clear(&rows);
        if (c->fetch(&bt.c.env, cases[i].req, mf_test_date("2024-05-01"),
                     mf_test_date("2024-05-10"), &rows, &e) != 0)
            fail_msg("%s: %s", cases[i].req, e.msg);
        bt_expect(&rows, cases[i].key, "2024-05-03", cases[i].v, "2024-05-03");
    }
    /* two pages: 1000 + 2 rows */
    mf_conn_rows_clear(&rows);
    if (c->fetch(&bt.c.env, "Anuais:PIB Total", mf_test_date("2020-01-01"),
                 mf_test_date("2022-12-31"), &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 1002 * 6);
    bt_expect(&rows, "Anuais:PIB Total:Y0:median", "2022-09-28", 1.5, "2022-09-28");
    mf_conn_rows_clear(&rows);
    assert_int_equal(bt_fetch_with(c, NULL, "Anuais:IPCA", "2024-06-01", "2024-06-30", &rows, &e),
                     0);
    assert_int_equal(rows.n, 0);
    bt.sleeps.n = 0;
    if (bt_fetch_with(c, NULL, "Anuais:IPCA", "2024-07-01", "2024-07-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 24);
    assert_int_equal(bt.sleeps.ms[0], 1000);
    mf_conn_rows_clear(&rows);
    if (bt_fetch_with(c, NULL, "Anuais:IPCA", "2024-08-01", "2024-08-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 24);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_focus");
    static const struct {
        const char *from, *msg1, *msg2;
    } cases[] = {
        {"2024-09-01", "bcb_focus Anuais:IPCA: GET ",
         "HTTP 400: 'Could not find a property named 'baseCalculo''"},
        {"2024-10-01", "bcb_focus Anuais:IPCA: body is not JSON", "{\"value\":[{\"Indicador\":"},
        {"2024-11-01", "bcb_focus Anuais:IPCA: ", "truncated body"},
        {"2024-12-01", "bcb_focus Anuais:IPCA: body is not JSON", "<html><body>Olinda"},
        {"2025-03-01", "bcb_focus Anuais:IPCA: row 1: Mediana is not a JSON number", ""},
        {"2025-04-01", "bcb_focus Anuais:IPCA: GET ", "HTTP 404"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(
            bt_fetch_with(c, NULL, "Anuais:IPCA", cases[i].from, "2025-12-31", &rows, &e), 0);
        const char *parts[] = {cases[i].msg1, cases[i].msg2, NULL};
        bt_expect_msg(&e, parts);
        mf_conn_rows_free(&rows);
    }
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_equal(bt_fetch_with(c, NULL, "Semanais:IPCA", "2024-01-01", "2024-01-02", &rows, &e),
                     MF_EINVAL);
    assert_int_equal(bt_fetch_with(c, NULL, "Anuais:IP'CA", "2024-01-01", "2024-01-02", &rows, &e),
                     MF_EINVAL);
    mf_http_options o;
    bt_options(&o, &bt.sleeps);
    o.total_timeout_ms = 500;
    o.max_retries = 0;
    assert_int_not_equal(bt_fetch_with(c, &o, "Anuais:IPCA", "2025-01-01", "2025-01-31", &rows, &e),
                         0);
    const char *p1[] = {"bcb_focus Anuais:IPCA: ", "timed out after 500 ms", NULL};
    bt_expect_msg(&e, p1);
    bt_options(&o, &bt.sleeps);
    o.max_body_bytes = 64;
    assert_int_equal(bt_fetch_with(c, &o, "Anuais:IPCA", "2025-02-01", "2025-02-28", &rows, &e),
                     MF_ERANGE);
    const char *p2[] = {"bcb_focus Anuais:IPCA: ", "body over 64 bytes", NULL};
    bt_expect_msg(&e, p2);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_anuais),
        cmocka_unit_test(test_parse_selic_rank),
        cmocka_unit_test(test_parse_other_sets),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
