/*
 * test_conn_tesouro_direto.c - the Tesouro Direto connector (data/connectors/tesouro_direto.h):
 * ticker scheme and instrument row, the CSV parser on hand-made files (UTF-8 and latin-1
 * headers, CRLF, unsorted rows, not-offered purchases) and on the real recorded head and tail
 * of PrecoTaxaTesouroDireto.csv, the treasurybondsinfo JSON (real recording), and fetch over
 * real HTTP on loopback (routes in tests/fixtures/connectors/tesouro_direto/routes.json).
 */
#include "support/conn_test.h"
#include "support/test.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/tesouro_direto.h"
#include "support/replay.h"

static mf_replay server;

static int setup(void **state)
{
    (void)state;
    static const char *const routes[] = {"connectors/tesouro_direto/routes.json", NULL};
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    return 0;
}

/* The row of key on date; fails the test when there is none. */
static const mf_conn_row *find(const mf_conn_rows *rows, const char *key, const char *day)
{
    static const mf_conn_row none;
    mf_date d = mf_test_date(day);
    for (size_t i = 0; i < rows->n; i++)
        if (strcmp(rows->v[i].key, key) == 0 && rows->v[i].date == d)
            return &rows->v[i];
    fail_msg("no row for %s on %s", key, day);
    return &none;
}

static const mf_date ALL_FROM = -100000, ALL_TO = 100000;

static void test_ticker_and_instrument(void **state)
{
    (void)state;
    mf_error err = {0};
    const mf_td_type *t;
    mf_date m;
    assert_int_equal(mf_td_parse_ticker("TD.NTNB.2035-05-15", &t, &m, &err), 0);
    assert_string_equal(t->title, "Tesouro IPCA+ com Juros Semestrais");
    assert_int_equal(m, mf_test_date("2035-05-15"));
    char buf[MF_CONN_KEY_MAX];
    mf_td_ticker(mf_td_type_of_title("Tesouro IPCA+", 13), mf_test_date("2045-05-15"), buf,
                 sizeof buf);
    assert_string_equal(buf, "TD.NTNB_PRINC.2045-05-15");
    const char *bad[] = {
        "TD.NTNX.2035-05-15", "TD.NTNB.2035-5-15", "NTNB.2035-05-15", "TD.NTNB.2035-02-30", "TD.",
        "TD.LTN.2027-01-01x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(mf_td_parse_ticker(bad[i], &t, &m, &err), MF_EINVAL);
        assert_non_null(strstr(err.msg, "is not a Tesouro Direto ticker"));
    }
    mf_instrument in;
    assert_int_equal(mf_td_instrument("TD.NTNF.2035-01-01", &in, &err), 0);
    assert_string_equal(in.ticker, "TD.NTNF.2035-01-01");
    assert_string_equal(in.instrument_type, "bond");
    assert_string_equal(in.asset_class, "rates");
    assert_string_equal(in.currency, "BRL");
    assert_string_equal(in.country, "BR");
    assert_string_equal(in.exchange, "Tesouro Direto");
    assert_string_equal(in.source, "tesouro_direto");
    assert_string_equal(in.source_key, "TD.NTNF.2035-01-01");
    assert_string_equal(in.name, "Tesouro Prefixado com Juros Semestrais 2035-01-01 (NTN-F, "
                                 "maturity 2035-01-01)");
    json_error_t je;
    json_t *spec = json_loads(in.contract_spec, 0, &je);
    assert_non_null(spec);
    assert_string_equal(json_string_value(json_object_get(spec, "type")), "NTNF");
    assert_string_equal(json_string_value(json_object_get(spec, "maturity")), "2035-01-01");
    assert_int_equal(json_integer_value(json_object_get(spec, "coupon_pct_a_year")), 10);
    json_decref(spec);
    assert_int_equal(mf_td_instrument("TD.RENDA.2049-12-15", &in, &err), 0);
    assert_string_equal(in.asset_class, "inflation");
    spec = json_loads(in.contract_spec, 0, &je);
    assert_non_null(spec);
    assert_string_equal(json_string_value(json_object_get(spec, "bond")), "NTN-B1");
    assert_null(json_object_get(spec, "coupon_pct_a_year"));
    json_decref(spec);
    assert_int_equal(mf_td_instrument("DI1F27", &in, &err), MF_EINVAL);
}

static void test_csv_small(void **state)
{
    (void)state;
    size_t len;
    char *csv =
        mf_test_read_fixture("connectors/tesouro_direto/PrecoTaxaTesouroDireto_small.csv", &len);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(mf_td_parse_csv(csv, len, ALL_FROM, ALL_TO, &rows, &err), 0);
    assert_int_equal(rows.n, 9);
    const mf_conn_row *r = find(&rows, "TD.LTN.2027-01-01", "2025-01-02");
    assert_int_equal(r->kind, MF_CONN_PRICE);
    assert_int_equal(r->available_at, mf_test_date("2025-01-02"));
    assert_true(r->high == 729.72 && r->low == 727.84 && r->close == 727.84);
    assert_true(r->settle == 727.10 && r->yield_pct == 13.83);
    assert_true(isnan(r->open) && isnan(r->volume) && isnan(r->open_interest));
    r = find(&rows, "TD.LFT.2029-03-01", "2025-01-02"); /* purchase rate 0,00: offered at par */
    assert_true(r->high == 16000.00 && r->close == 15950.12 && r->yield_pct == 0.10);
    r = find(&rows, "TD.NTNB_PRINC.2035-05-15", "2025-01-03"); /* not offered for purchase */
    assert_true(isnan(r->high) && r->close == 2258.04 && r->yield_pct == 7.39);
    r = find(&rows, "TD.RENDA.2049-12-15", "2025-01-03");
    assert_true(r->close == 1779.76);
    r = find(&rows, "TD.EDUCA.2049-12-15", "2025-01-03");
    assert_true(r->close == 1180.00 && r->settle == 1179.50);
    r = find(&rows, "TD.NTNB.2035-05-15", "2025-01-02");
    assert_true(r->yield_pct == 7.51);
    r = find(&rows, "TD.NTNF.2035-01-01", "2024-12-31");
    assert_true(r->high == 805.84);
    r = find(&rows, "TD.NTNC.2031-01-01", "2025-01-03");
    assert_true(isnan(r->high) && r->close == 7560.43);
    r = find(&rows, "TD.LFT.2031-03-01", "2025-01-03");
    assert_true(r->yield_pct == 0.11);

    /* The range keeps only the rows of its dates (every row is still checked). */
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_td_parse_csv(csv, len, mf_test_date("2025-01-02"),
                                     mf_test_date("2025-01-02"), &rows, &err),
                     0);
    assert_int_equal(rows.n, 3);
    mf_free(csv);

    /* The same rows with a latin-1 header and CRLF lines. */
    mf_conn_rows_clear(&rows);
    csv = mf_test_read_fixture("connectors/tesouro_direto/PrecoTaxaTesouroDireto_latin1_crlf.csv",
                               &len);
    assert_int_equal(mf_td_parse_csv(csv, len, ALL_FROM, ALL_TO, &rows, &err), 0);
    assert_int_equal(rows.n, 2);
    r = find(&rows, "TD.LFT.2029-03-01", "2025-01-02");
    assert_true(r->settle == 15940.00);
    mf_free(csv);
    mf_conn_rows_free(&rows);
}

static void test_csv_faults(void **state)
{
    (void)state;
    struct {
        const char *file;
        const char *msg;
    } cases[] = {
        {"PrecoTaxaTesouroDireto_dot_decimals.csv",
         "tesouro_direto PrecoTaxaTesouroDireto.csv: line 2: Taxa Compra: '13.71' is not a number "
         "with ',' decimals"},
        {"PrecoTaxaTesouroDireto_short_row.csv",
         "tesouro_direto PrecoTaxaTesouroDireto.csv: line 3: 4 fields, the header has 8"},
        {"PrecoTaxaTesouroDireto_unknown_type.csv",
         "tesouro_direto PrecoTaxaTesouroDireto.csv: line 2: unknown bond type 'Tesouro "
         "Prefixado Plus'"},
        {"error_page.html", "tesouro_direto PrecoTaxaTesouroDireto.csv: body is not the CSV "
                            "(HTML?): '<!DOCTYPE html>'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rel[160];
        snprintf(rel, sizeof rel, "connectors/tesouro_direto/%s", cases[i].file);
        size_t len;
        char *csv = mf_test_read_fixture(rel, &len);
        mf_conn_rows rows = {0};
        mf_error err = {0};
        assert_int_equal(mf_td_parse_csv(csv, len, ALL_FROM, ALL_TO, &rows, &err), MF_EPARSE);
        assert_string_equal(err.msg, cases[i].msg);
        assert_int_equal(rows.n, 0);
        mf_conn_rows_free(&rows);
        mf_free(csv);
    }
    mf_conn_rows rows = {0};
    mf_error err = {0};
    const char *nohead = "Tipo;Data\nTesouro Selic;01/03/2029\n";
    assert_int_equal(mf_td_parse_csv(nohead, strlen(nohead), ALL_FROM, ALL_TO, &rows, &err),
                     MF_EPARSE);
    assert_non_null(strstr(err.msg, "line 1: the header has no column 'tipo titulo'"));
    assert_int_equal(mf_td_parse_csv("", 0, ALL_FROM, ALL_TO, &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: the body is empty "
                                 "(no header)");
    const char *baddate = "Tipo Titulo;Data Vencimento;Data Base;Taxa Compra Manha;Taxa Venda "
                          "Manha;PU Compra Manha;PU Venda Manha;PU Base Manha\n"
                          "Tesouro Selic;2029-03-01;02/01/2025;0,00;0,10;1,0;1,0;1,0\n";
    assert_int_equal(mf_td_parse_csv(baddate, strlen(baddate), ALL_FROM, ALL_TO, &rows, &err),
                     MF_EPARSE);
    assert_string_equal(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: line 2: Data "
                                 "Vencimento '2029-03-01' is not a dd/mm/aaaa date");
    mf_conn_rows_free(&rows);
}

static void test_csv_real_head_and_tail(void **state)
{
    (void)state;
    size_t hlen, tlen;
    char *head =
        mf_test_read_shared("connectors/b3_tesouro/PrecoTaxaTesouroDireto_head41lines.csv", &hlen);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    if (mf_td_parse_csv(head, hlen, ALL_FROM, ALL_TO, &rows, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rows.n, 40);
    /* First row: Tesouro IPCA+ com Juros Semestrais;15/05/2011;26/03/2010;5,43;5,45;1955,06;
       1954,65;1953,30 */
    const mf_conn_row *r = &rows.v[0];
    assert_string_equal(r->key, "TD.NTNB.2011-05-15");
    assert_int_equal(r->date, mf_test_date("2010-03-26"));
    assert_int_equal(r->available_at, mf_test_date("2010-03-26"));
    assert_true(r->high == 1955.06 && r->close == 1954.65 && r->settle == 1953.30);
    assert_true(r->yield_pct == 5.45);
    /* Tesouro Selic;07/03/2013;25/03/2010;0,00;0,03;4176,53;4172,85;4171,46: a purchase rate
       of 0,00 with a PU is a quote at par, kept. */
    r = find(&rows, "TD.LFT.2013-03-07", "2010-03-25");
    assert_true(r->high == 4176.53 && r->close == 4172.85 && r->yield_pct == 0.03);
    size_t d25 = 0, d26 = 0;
    for (size_t i = 0; i < rows.n; i++) {
        d25 += rows.v[i].date == mf_test_date("2010-03-25") ? 1u : 0u;
        d26 += rows.v[i].date == mf_test_date("2010-03-26") ? 1u : 0u;
    }
    assert_int_equal(d25, 24);
    assert_int_equal(d26, 16);

    /* The tail has no header: give it the head's. */
    char *tail =
        mf_test_read_shared("connectors/b3_tesouro/PrecoTaxaTesouroDireto_tail36lines.csv", &tlen);
    size_t header_len = (size_t)(strchr(head, '\n') - head) + 1;
    char *whole = mf_malloc(header_len + tlen + 1);
    memcpy(whole, head, header_len);
    memcpy(whole + header_len, tail, tlen);
    mf_conn_rows_clear(&rows);
    if (mf_td_parse_csv(whole, header_len + tlen, ALL_FROM, ALL_TO, &rows, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rows.n, 36);
    /* Last row: Tesouro IGPM+ com Juros Semestrais;01/07/2005;05/01/2005;9,28;9,30;1779,40;
       1779,25;1778,20 */
    r = &rows.v[35];
    assert_string_equal(r->key, "TD.NTNC.2005-07-01");
    assert_int_equal(r->date, mf_test_date("2005-01-05"));
    assert_true(r->high == 1779.40 && r->close == 1779.25 && r->settle == 1778.20);
    assert_true(r->yield_pct == 9.30);
    mf_free(whole);
    mf_free(tail);
    mf_free(head);
    mf_conn_rows_free(&rows);
}

static void test_bondsinfo(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/tesouro_direto/treasurybondsinfo_cut.json", &len);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(mf_td_parse_bondsinfo(body, len, &rows, &err), 0);
    assert_int_equal(rows.n, 4);
    const mf_conn_row *r = find(&rows, "TD.NTNB_PRINC.2026-08-15", "2025-07-16");
    assert_true(isnan(r->high) && r->close == 4078.18 && r->yield_pct == 10.19);
    assert_true(isnan(r->settle));
    r = find(&rows, "TD.LTN.2028-01-01", "2025-07-16");
    assert_true(r->high == 729.72 && r->close == 727.84 && r->yield_pct == 13.83);
    r = find(&rows, "TD.RENDA.2049-12-15", "2025-07-16");
    assert_true(r->high == 1804.09);
    r = find(&rows, "TD.EDUCA.2030-12-15", "2025-07-16");
    assert_true(r->close == 3609.4);
    mf_free(body);

    /* The real recording: 58 bonds, quote time 2025-07-16T18:00:05.33. */
    mf_conn_rows_clear(&rows);
    body = mf_test_read_shared(
        "connectors/b3_tesouro/tesourodireto_treasurybondsinfo_20250825.json", &len);
    assert_int_equal(mf_td_parse_bondsinfo(body, len, &rows, &err), 0);
    assert_int_equal(rows.n, 58);
    size_t offered = 0;
    for (size_t i = 0; i < rows.n; i++) {
        assert_int_equal(rows.v[i].date, mf_test_date("2025-07-16"));
        offered += isnan(rows.v[i].high) ? 0u : 1u;
    }
    assert_int_equal(offered, 37); /* untrInvstmtVal > 0 (counted independently with Python) */
    r = find(&rows, "TD.LFT.2031-03-01", "2025-07-16");
    assert_true(r->high == 16858.49 && r->yield_pct == 0.1137);
    mf_free(body);

    const char *nodate = "{\"response\":{\"TrsrBondMkt\":{},\"TrsrBdTradgList\":[]}}";
    assert_int_equal(mf_td_parse_bondsinfo(nodate, strlen(nodate), &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "tesouro_direto treasurybondsinfo.json: "
                                 "response.TrsrBondMkt.qtnDtTm is missing or not an ISO time");
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

static int fetch(const char *path, size_t max_body, long timeout_ms, const char *from,
                 const char *to, mf_conn_rows *rows, mf_error *err, sleeps *slept)
{
    sleeps s = {0};
    mf_http_options o;
    mf_http_options_default(&o);
    o.connect_timeout_ms = 2000;
    o.total_timeout_ms = timeout_ms;
    o.max_retries = 2;
    o.backoff_base_ms = 100;
    o.backoff_max_ms = 1500;
    o.max_body_bytes = max_body;
    o.sleep = record_sleep;
    o.sleep_ctx = &s;
    mf_conn_env env = {.api_key = ""};
    char base[160];
    snprintf(base, sizeof base, "%s%s", server.base, path);
    env.base_url = base;
    env.today = mf_test_date("2025-01-06");
    assert_int_equal(mf_http_client_new(&o, &env.http, NULL), 0);
    assert_int_equal(mf_conn_cache_new(1 << 20, &env.cache, NULL), 0);
    const mf_connector *c = mf_connector_find("tesouro_direto");
    assert_non_null(c);
    int rc =
        c->fetch(&env, "PrecoTaxaTesouroDireto", mf_test_date(from), mf_test_date(to), rows, err);
    if (rc == 0) { /* a second chunk of the same run reads the cached body */
        size_t n = rows->n;
        assert_int_equal(c->fetch(&env, "PrecoTaxaTesouroDireto", mf_test_date(from),
                                  mf_test_date(to), rows, err),
                         0);
        assert_int_equal(rows->n, 2 * n);
        rows->n = n;
    }
    if (slept)
        *slept = s;
    mf_conn_cache_free(env.cache);
    mf_http_client_free(env.http);
    return rc;
}

static void test_fetch(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    sleeps slept;
    if (fetch("/tdok", 1 << 20, 3000, "2025-01-03", "2025-01-03", &rows, &err, &slept) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rows.n, 5); /* the 03/01/2025 rows */
    assert_int_equal(slept.n, 0);
    mf_conn_rows_clear(&rows);
    assert_int_equal(
        fetch("/tdr429", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, &slept), 0);
    assert_int_equal(rows.n, 3);
    assert_int_equal(slept.n, 1);
    assert_int_equal(slept.ms[0], 1000);
    mf_conn_rows_clear(&rows);
    assert_int_equal(
        fetch("/tdr500", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, &slept), 0);
    assert_int_equal(rows.n, 3);
    assert_int_equal(slept.n, 1);
    mf_conn_rows_clear(&rows);
    assert_int_equal(
        fetch("/tdempty", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(
        fetch("/tdmissing", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL),
        MF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: "));
    assert_non_null(strstr(err.msg, "404"));
    assert_int_equal(
        fetch("/tdshort", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL), MF_EPARSE);
    assert_string_equal(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: line 3: 4 fields, "
                                 "the header has 8");
    assert_int_equal(fetch("/tdhtml", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL),
                     MF_EPARSE);
    assert_non_null(strstr(err.msg, "body is not the CSV (HTML?)"));
    assert_int_equal(fetch("/tddot", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL),
                     MF_EPARSE);
    assert_non_null(strstr(err.msg, "'13.71' is not a number with ',' decimals"));
    assert_int_equal(
        fetch("/tdtrunc", 1 << 20, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL), MF_EIO);
    assert_non_null(strstr(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: "));
    assert_int_equal(fetch("/tdstall", 1 << 20, 800, "2025-01-02", "2025-01-02", &rows, &err, NULL),
                     MF_EIO);
    assert_non_null(strstr(err.msg, "timed out"));
    assert_int_equal(fetch("/tdok", 256, 3000, "2025-01-02", "2025-01-02", &rows, &err, NULL),
                     MF_ERANGE);
    assert_non_null(strstr(err.msg, "tesouro_direto PrecoTaxaTesouroDireto.csv: "));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("tesouro_direto");
    assert_non_null(c);
    mf_error err = {0};
    assert_int_equal(c->check_key("PrecoTaxaTesouroDireto", &err), 0);
    assert_int_equal(c->check_key("TD.LTN.2027-01-01", &err), 0);
    assert_int_equal(c->check_key("LTN_2027", &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "tesouro_direto: 'LTN_2027' is not a Tesouro Direto ticker"));
    char req[64];
    c->request_of("TD.LTN.2027-01-01", req, sizeof req);
    assert_string_equal(req, "PrecoTaxaTesouroDireto");
    assert_string_equal(c->standing_requests[0], "PrecoTaxaTesouroDireto");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticker_and_instrument),
        cmocka_unit_test(test_csv_small),
        cmocka_unit_test(test_csv_faults),
        cmocka_unit_test(test_csv_real_head_and_tail),
        cmocka_unit_test(test_bondsinfo),
        cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
