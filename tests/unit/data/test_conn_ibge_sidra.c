/*
 * test_conn_ibge_sidra.c - the ibge_sidra connector (src/data/connectors/ibge_sidra.c): the
 * apisidra JSON parser and the web export parser on hand-made fixtures, the web export parser
 * on the real recordings of ../shared/reference/connectors/ibge_sidra (checked against SGS 433
 * and 13522 on the overlapping months), the keys, and fetches over real HTTP with faults.
 */
#include "bcb_conn_test.h"

#include "data/connectors/bcb_sgs.h"
#include "data/connectors/ibge_sidra.h"

static int setup(void **state)
{
    (void)state;
    return bt_start("connectors/ibge_sidra/routes.json", "/sidra");
}

static int teardown(void **state)
{
    (void)state;
    return bt_stop();
}

static void test_parse_json_monthly(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/ibge_sidra/sidra_1737_63.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_ibge_sidra_parse_json(body, len, "1737/63", "ibge_sidra 1737/63", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 6);
    bt_expect_nan(&rows, "1737/63", "1979-12-01"); /* "..." not available */
    bt_expect(&rows, "1737/63", "2024-01-01", 0.42, NULL);
    bt_expect(&rows, "1737/63", "2024-08-01", -0.02, NULL);
    bt_expect(&rows, "1737/63", "2024-09-01", 0.0, NULL); /* "-" absolute zero */
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_json_quarters(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/ibge_sidra/sidra_quarterly.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_ibge_sidra_parse_json(body, len, "1/1", "ibge_sidra 1/1", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4);
    bt_expect(&rows, "1/1", "2023-01-01", 1.3, NULL);
    bt_expect(&rows, "1/1", "2023-04-01", 0.8, NULL); /* Q2 -> 1 April */
    bt_expect_nan(&rows, "1/1", "2023-07-01");        /* X */
    bt_expect_nan(&rows, "1/1", "2023-10-01");        /* .. */
    mf_free(body);
    body = mf_test_read_fixture("connectors/ibge_sidra/sidra_moving_quarter.json", &len);
    mf_conn_rows_clear(&rows);
    if (mf_ibge_sidra_parse_json(body, len, "1/1", "ibge_sidra 1/1", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 1);
    bt_expect(&rows, "1/1", "2024-03-01", 7.9, NULL); /* jan-fev-mar -> March */
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_web_tsv_fixture(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/ibge_sidra/sidra_web_export.tsv", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_ibge_sidra_parse_web_tsv(body, len, "1737/63", "tsv", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 5);
    assert_true(isnan(rows.v[0].value));
    bt_expect(&rows, "1737/63", "1980-01-01", 6.62, NULL);
    bt_expect(&rows, "1737/63", "1980-03-01", 6.04, NULL); /* "março" */
    bt_expect(&rows, "1737/63", "2024-08-01", -0.02, NULL);
    bt_expect(&rows, "1737/63", "2024-09-01", 0.0, NULL);
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        int tsv;
        const char *body, *msg;
    } cases[] = {
        {0, "Tabela 1737 não contém a variável 999", "x: SIDRA error: 'Tabela 1737 n"},
        {0, "<html><body>Server Error</body></html>", "x: body is an HTML page, not JSON"},
        {0, "", "x: empty body"},
        {0, "[{\"NC\":1}]", "the first element is not the header row"},
        {0, "[{\"V\":\"Valor\",\"D1C\":\"Brasil (Código)\"}]", "no period dimension"},
        {0, "[{\"V\":\"Valor\",\"D2C\":\"Mês (Código)\"},{\"V\":\"0,42\",\"D2C\":\"202401\"}]",
         "x: row 1: value '0,42' is not a number with '.' decimals"},
        {0, "[{\"V\":\"Valor\",\"D2C\":\"Mês (Código)\"},{\"V\":\"0.42\",\"D2C\":\"202413\"}]",
         "x: row 1: period code '202413' is not valid"},
        {0, "[{\"V\":\"Valor\",\"D2C\":\"Mês (Código)\"},{\"V\":0.42,\"D2C\":\"202401\"}]",
         "x: row 1: expected string"},
        {0,
         "[{\"V\":\"Valor\",\"D2C\":\"Mês (Código)\",\"D3C\":\"Variável (Código)\"},"
         "{\"V\":\"1\",\"D2C\":\"202401\",\"D3C\":\"69\"}]",
         "x: row 1: variable 69, expected 63"},
        {1, "Tabela\nBrasil\n", "no header line"},
        {1, "M\xc3\xaas\t\njaneiro 1980\t6,62\n", "x: line 2: value '6,62' is not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        size_t n = strlen(cases[i].body);
        int rc = cases[i].tsv
                     ? mf_ibge_sidra_parse_web_tsv(cases[i].body, n, "1737/63", "x", &rows, &e)
                     : mf_ibge_sidra_parse_json(cases[i].body, n, "1737/63", "x", &rows, &e);
        assert_int_not_equal(rc, 0);
        if (!strstr(e.msg, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].msg);
        mf_conn_rows_free(&rows);
    }
}

/* Parses a real web export and checks it equals SGS code on every overlapping month. */
static void check_export(const char *file, const char *code, size_t n, double first_value,
                         double last_value, size_t overlap_expected)
{
    char rel[160];
    snprintf(rel, sizeof rel, "connectors/ibge_sidra/%s", file);
    size_t len;
    char *body = mf_test_read_shared(rel, &len);
    mf_conn_rows rows = {0};
    mf_error e;
    if (mf_ibge_sidra_parse_web_tsv(body, len, "1737", file, &rows, &e) != 0)
        fail_msg("%s", e.msg);
    mf_free(body);
    assert_int_equal(rows.n, n);
    assert_int_equal(rows.v[0].date, mf_test_date("1979-12-01"));
    assert_true(isnan(rows.v[0].value)); /* "..." */
    assert_int_equal(rows.v[n - 1].date, mf_test_date("2021-07-01"));
    assert_true(fabs(rows.v[n - 1].value - last_value) < 1e-12);
    if (!isnan(first_value))
        assert_true(fabs(rows.v[1].value - first_value) < 1e-12);
    snprintf(rel, sizeof rel, "connectors/bcb_sgs/sgs_%s_history.json", code);
    body = mf_test_read_shared(rel, &len);
    mf_conn_rows s = {0};
    assert_int_equal(mf_bcb_sgs_parse(body, len, code, code, &s, &e), 0);
    mf_free(body);
    size_t overlap = 0;
    for (size_t i = 0; i < s.n; i++)
        for (size_t j = 0; j < rows.n; j++)
            if (rows.v[j].date == s.v[i].date) {
                overlap++;
                if (fabs(rows.v[j].value - s.v[i].value) > 1e-12)
                    fail_msg("%s: month %d: SIDRA %g vs SGS %g", file, s.v[i].date, rows.v[j].value,
                             s.v[i].value);
            }
    assert_int_equal(overlap, overlap_expected);
    mf_conn_rows_free(&s);
    mf_conn_rows_free(&rows);
}

static void test_real_recordings(void **state)
{
    (void)state;
    check_export("sidra_web_export_tabela1737_ipca_variacao_mensal.tsv", "433", 500, 6.62, 0.96,
                 79);
    check_export("sidra_web_export_tabela1737_ipca_acum_12m.tsv", "13522", 500, NAN, 8.99, 79);
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("ibge_sidra");
    assert_non_null(c);
    mf_error e;
    assert_int_equal(c->check_key("1737/63", &e), 0);
    assert_int_equal(c->check_key("8888/12606/544/129314", &e), 0);
    const char *bad[] = {"1737",          "1737/", "1737/63/544", "t1737/v63",
                         "1737/63/544/x", "/63",   "1737//63",    "1737/63/544/129314/1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(c->check_key(bad[i], &e), MF_EINVAL);
        assert_non_null(strstr(e.msg, "ibge_sidra key"));
    }
}

static void test_fetch(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("ibge_sidra");
    mf_conn_rows rows = {0};
    mf_error e;
    if (c->fetch(&bt.c.env, "1737/63", mf_test_date("2024-01-01"), mf_test_date("2024-12-31"),
                 &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 6); /* the whole history: the engine keeps the range */
    bt_expect(&rows, "1737/63", "2024-02-01", 0.83, NULL);
    mf_conn_rows_clear(&rows);
    /* the classification is in the URL; the fixture's variable (63) is not the key's: refused */
    assert_int_equal(c->fetch(&bt.c.env, "8888/12606/544/129314", mf_test_date("2024-01-01"),
                              mf_test_date("2024-12-31"), &rows, &e),
                     MF_EPARSE);
    const char *p[] = {"ibge_sidra 8888/12606/544/129314: row 1: variable 63, expected 12606",
                       NULL};
    bt_expect_msg(&e, p);
    mf_conn_rows_clear(&rows);
    assert_int_equal(bt_fetch_with(c, NULL, "19/1", "2024-01-01", "2024-12-31", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    bt.sleeps.n = 0;
    if (bt_fetch_with(c, NULL, "11/1", "2024-01-01", "2024-12-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 4);
    assert_int_equal(bt.sleeps.ms[0], 1000);
    if (bt_fetch_with(c, NULL, "12/1", "2024-01-01", "2024-12-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 8);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("ibge_sidra");
    static const struct {
        const char *req, *msg1, *msg2;
    } cases[] = {
        {"9998/1", "ibge_sidra 9998/1: SIDRA error: 'Tabela 9998 não contém a variável 1'", ""},
        {"9999/1", "ibge_sidra 9999/1: GET ", "HTTP 400: 'Parâmetro P inválido: a consulta excede"},
        {"13/1", "ibge_sidra 13/1: body is not JSON", "[{\"NC\":\"N"},
        {"14/1", "ibge_sidra 14/1: ", "truncated body"},
        {"15/1", "ibge_sidra 15/1: body is an HTML page, not JSON", "<!DOCTYPE html>"},
        {"18/1", "ibge_sidra 18/1: row 1: value '0,42' is not a number with '.' decimals", ""},
        {"404/1", "ibge_sidra 404/1: GET ", "HTTP 404"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(
            bt_fetch_with(c, NULL, cases[i].req, "2024-01-01", "2024-12-31", &rows, &e), 0);
        const char *parts[] = {cases[i].msg1, cases[i].msg2, NULL};
        bt_expect_msg(&e, parts);
        mf_conn_rows_free(&rows);
    }
    mf_conn_rows rows = {0};
    mf_error e;
    mf_http_options o;
    bt_options(&o, &bt.sleeps);
    o.total_timeout_ms = 500;
    o.max_retries = 0;
    assert_int_not_equal(bt_fetch_with(c, &o, "16/1", "2024-01-01", "2024-12-31", &rows, &e), 0);
    const char *p1[] = {"ibge_sidra 16/1: ", "timed out after 500 ms", NULL};
    bt_expect_msg(&e, p1);
    bt_options(&o, &bt.sleeps);
    o.max_body_bytes = 64;
    assert_int_equal(bt_fetch_with(c, &o, "17/1", "2024-01-01", "2024-12-31", &rows, &e),
                     MF_ERANGE);
    const char *p2[] = {"ibge_sidra 17/1: ", "body over 64 bytes", NULL};
    bt_expect_msg(&e, p2);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_json_monthly),
        cmocka_unit_test(test_parse_json_quarters),
        cmocka_unit_test(test_parse_web_tsv_fixture),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
