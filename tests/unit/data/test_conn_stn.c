/*
 * test_conn_stn.c - the STN connector (data/connectors/stn.h): label normalisation, the CKAN
 * resource_show answer, the RTN workbook parser on generated XLSX files in the RTN layout
 * (tests/fixtures/gen/gen_conn_stn_rtn.py; values invented, stated here), and fetch over real
 * HTTP on loopback (routes in tests/fixtures/connectors/stn/routes.json). No real RTN
 * workbook was available (shared reference README, stn/).
 */
#include "support/conn_test.h"
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connector.h"
#include "data/connectors/stn.h"
#include "support/replay.h"

static mf_replay server;

static int setup(void **state)
{
    (void)state;
    static const char *const routes[] = {"connectors/stn/routes.json", NULL};
    return mf_replay_start(&server, routes);
}

static int teardown(void **state)
{
    (void)state;
    mf_replay_stop(&server);
    return 0;
}

/* The value of key in month (NaN when there is no row; fails when there are two). */
static double value(const mf_conn_rows *rows, const char *key, const char *month)
{
    mf_date d = mf_test_date(month);
    double v = NAN;
    int found = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (strcmp(rows->v[i].key, key) == 0 && rows->v[i].date == d) {
            v = rows->v[i].value;
            found++;
        }
    if (found > 1)
        fail_msg("%s %s: %d rows", key, month, found);
    return v;
}

static size_t count(const mf_conn_rows *rows, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++)
        n += strcmp(rows->v[i].key, key) == 0 ? 1u : 0u;
    return n;
}

static void test_normalise(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"II. TRANSF. POR REPARTI\xC3\x87\xC3\x83O DE RECEITA \xC2\xB2",
         "transf. por reparticao de receita"},
        {"I. RECEITA TOTAL", "receita total"},
        {"III. RECEITA L\xC3\x8DQUIDA  (I-II)", "receita liquida"},
        {"VI. PRIM\xC3\x81RIO GOVERNO CENTRAL (III - IV + V)", "primario governo central"},
        {"5. RESULTADO PRIM\xC3\x81RIO DO GOVERNO CENTRAL",
         "resultado primario do governo central"},
        {"  1.1.1 Imposto de Importa\xC3\xA7\xC3\xA3o 2/", "imposto de importacao"},
        {"4.3.1 Abono e Seguro Desemprego 1", "abono e seguro desemprego"},
        {"IPI", "ipi"},
        {"FPM / FPE / IPI-EE", "fpm / fpe / ipi-ee"},
        {"Deflator - IPCA", "deflator - ipca"},
        {"Complemento para o FGTS (LC n\xC2\xBA 110/01)", "complemento para o fgts"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[128];
        mf_stn_normalise_label(cases[i].in, buf, sizeof buf);
        assert_string_equal(buf, cases[i].out);
    }
    char small[8];
    mf_stn_normalise_label("RECEITA TOTAL", small, sizeof small);
    assert_string_equal(small, "receita");
}

static void test_lines_and_keys(void **state)
{
    (void)state;
    size_t n;
    const mf_stn_line *l = mf_stn_lines(&n);
    assert_int_equal(n, 28);
    size_t required = 0;
    for (size_t i = 0; i < n; i++) {
        required += l[i].required ? 1u : 0u;
        /* every label is already normal */
        for (size_t a = 0; a < 4 && l[i].labels[a]; a++) {
            char buf[128];
            mf_stn_normalise_label(l[i].labels[a], buf, sizeof buf);
            assert_string_equal(buf, l[i].labels[a]);
        }
    }
    assert_int_equal(required, 5);
    const mf_connector *c = mf_connector_find("stn");
    assert_non_null(c);
    mf_error err = {0};
    assert_int_equal(c->check_key("RTN.RECEITA_LIQUIDA", &err), 0);
    assert_int_equal(c->check_key("RTN.XYZ", &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "stn: key 'RTN.XYZ'"));
    char req[16];
    c->request_of("RTN.IOF", req, sizeof req);
    assert_string_equal(req, "RTN");
}

static void test_ckan_url(void **state)
{
    (void)state;
    char url[256];
    mf_error err = {0};
    const char *abs = "{\"success\": true, \"result\": {\"url\": \"https://www.tesourotransparente"
                      ".gov.br/ckan/dataset/x/resource/y/download/rtn.xlsx\"}}";
    assert_int_equal(mf_stn_parse_ckan_url(abs, strlen(abs), "y", "https://a.b/ckan/api/3/action",
                                           url, sizeof url, &err),
                     0);
    assert_string_equal(url,
                        "https://www.tesourotransparente.gov.br/ckan/dataset/x/resource/y/download/"
                        "rtn.xlsx");
    const char *rel = "{\"success\": true, \"result\": {\"url\": \"/ckan/d/rtn.xlsx\"}}";
    assert_int_equal(mf_stn_parse_ckan_url(rel, strlen(rel), "y", "http://127.0.0.1:8080/ckan/api",
                                           url, sizeof url, &err),
                     0);
    assert_string_equal(url, "http://127.0.0.1:8080/ckan/d/rtn.xlsx");
    const char *no = "{\"success\": false, \"error\": {\"message\": \"Not found\"}}";
    assert_int_equal(mf_stn_parse_ckan_url(no, strlen(no), "y", "http://h", url, sizeof url, &err),
                     MF_EPARSE);
    assert_string_equal(err.msg, "stn y: resource_show says success is not true: Not found");
    const char *ftp = "{\"success\": true, \"result\": {\"url\": \"ftp://h/x.xlsx\"}}";
    assert_int_equal(
        mf_stn_parse_ckan_url(ftp, strlen(ftp), "y", "http://h", url, sizeof url, &err), MF_EPARSE);
    assert_string_equal(err.msg, "stn y: result.url 'ftp://h/x.xlsx' is not an http(s) URL");
    assert_int_equal(mf_stn_parse_ckan_url("<html>", 6, "y", "http://h", url, sizeof url, &err),
                     MF_EPARSE);
    assert_non_null(strstr(err.msg, "stn y: resource_show body is not JSON"));
}

static void assert_rtn(const mf_conn_rows *rows)
{
    /* The generator's numbers (gen_conn_stn_rtn.py), R$ million, months 2024-10 .. 2025-01. */
    assert_true(value(rows, "RTN.RECEITA_TOTAL", "2024-10-01") == 247123.4);
    assert_true(value(rows, "RTN.RECEITA_TOTAL", "2025-01-01") == 261987.0);
    assert_true(value(rows, "RTN.TRANSF_REPARTICAO_RECEITA", "2024-11-01") == 35678.9);
    assert_true(value(rows, "RTN.RECEITA_LIQUIDA", "2024-12-01") == 217222.2);
    assert_true(value(rows, "RTN.DESPESA_TOTAL", "2024-12-01") == 241456.7);
    assert_true(value(rows, "RTN.RESULTADO_PRIMARIO_GOVERNO_CENTRAL", "2024-11-01") == -4712.8);
    assert_true(value(rows, "RTN.RESULTADO_PRIMARIO_GOVERNO_CENTRAL", "2025-01-01") == 84098.6);
    assert_true(value(rows, "RTN.IMPOSTO_IMPORTACAO", "2024-11-01") == 5900.25);
    assert_true(value(rows, "RTN.RECEITA_ADMINISTRADA_RFB", "2024-10-01") == 150000.1);
    assert_true(value(rows, "RTN.BENEFICIOS_PREVIDENCIARIOS", "2024-12-01") == 120000);
    /* "-" is not published: no row; 0 is a zero. */
    assert_int_equal(count(rows, "RTN.INCENTIVOS_FISCAIS"), 2);
    assert_true(value(rows, "RTN.INCENTIVOS_FISCAIS", "2024-11-01") == 0);
    assert_true(value(rows, "RTN.INCENTIVOS_FISCAIS", "2025-01-01") == -0.5);
    /* An inline-string label; an empty cell gives no row. */
    assert_int_equal(count(rows, "RTN.PESSOAL_ENCARGOS_SOCIAIS"), 3);
    assert_true(isnan(value(rows, "RTN.PESSOAL_ENCARGOS_SOCIAIS", "2024-11-01")));
    /* The column "Jan-Dez 2024" has no month: not read. Lines absent from the sheet: none. */
    assert_int_equal(count(rows, "RTN.RECEITA_TOTAL"), 4);
    assert_int_equal(count(rows, "RTN.IOF"), 0);
    for (size_t i = 0; i < rows->n; i++) {
        assert_int_equal(rows->v[i].kind, MF_CONN_OBS);
        assert_int_equal(rows->v[i].available_at, MF_CONN_AVAILABLE_FROM_LAG);
    }
    /* 5 required lines x 4 + import duty 4 + administered 4 + incentives 2 + RGPS 4 +
       benefits 4 + personnel 3 */
    assert_int_equal(rows->n, 41);
}

static void test_rtn_parse(void **state)
{
    (void)state;
    size_t len;
    char *x = mf_test_read_fixture("conn_stn_rtn.xlsx", &len);
    mf_conn_rows rows = {0};
    mf_error err = {0};
    if (mf_stn_parse_rtn(x, len, &rows, &err) != 0)
        fail_msg("%s", err.msg);
    assert_rtn(&rows);
    mf_conn_rows_free(&rows);
    mf_free(x);
}

static void test_rtn_faults(void **state)
{
    (void)state;
    struct {
        const char *file;
        int rc;
        const char *msg;
    } cases[] = {
        {"conn_stn_rtn_nosheet.xlsx", MF_ENOTFOUND,
         "stn RTN: no sheet '1.1-A' (sheets: 'Sum\xC3\xA1rio', '1.1')"},
        {"conn_stn_rtn_badcell.xlsx", MF_EPARSE,
         "stn RTN: sheet '1.1-A' cell C13 (RTN.DESPESA_TOTAL): '12,5' is not a number"},
        {"conn_stn_rtn_nolabel.xlsx", MF_EPARSE,
         "stn RTN: sheet '1.1-A' has no row labelled 'despesa total' (RTN.DESPESA_TOTAL): the "
         "layout changed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *x = mf_test_read_fixture(cases[i].file, &len);
        mf_conn_rows rows = {0};
        mf_error err = {0};
        assert_int_equal(mf_stn_parse_rtn(x, len, &rows, &err), cases[i].rc);
        assert_string_equal(err.msg, cases[i].msg);
        assert_int_equal(rows.n, 0);
        mf_conn_rows_free(&rows);
        mf_free(x);
    }
    mf_conn_rows rows = {0};
    mf_error err = {0};
    const char *html = "<!DOCTYPE html><html>erro</html>";
    assert_int_equal(mf_stn_parse_rtn(html, strlen(html), &rows, &err), MF_EPARSE);
    assert_string_equal(err.msg, "stn RTN: body is not an XLSX (zip) file: '<!DOCTYPE html><html>"
                                 "erro</html>'");
    /* A truncated workbook. */
    size_t len;
    char *x = mf_test_read_fixture("conn_stn_rtn.xlsx", &len);
    assert_int_equal(mf_stn_parse_rtn(x, len / 2, &rows, &err), MF_EPARSE);
    assert_non_null(strstr(err.msg, "stn RTN: not a readable zip archive"));
    mf_free(x);
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

static int fetch(const char *path, size_t max_body, long timeout_ms, mf_conn_rows *rows,
                 mf_error *err, sleeps *slept)
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
    snprintf(base, sizeof base, "%s%s/ckan/api/3/action", server.base, path);
    env.base_url = base;
    env.today = mf_test_date("2025-03-01");
    assert_int_equal(mf_http_client_new(&o, &env.http, NULL), 0);
    assert_int_equal(mf_conn_cache_new(1 << 20, &env.cache, NULL), 0);
    const mf_connector *c = mf_connector_find("stn");
    assert_non_null(c);
    int rc =
        c->fetch(&env, "RTN", mf_test_date("2024-01-01"), mf_test_date("2025-03-01"), rows, err);
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
    if (fetch("/stnok", 1 << 20, 3000, &rows, &err, &slept) != 0)
        fail_msg("%s", err.msg);
    assert_rtn(&rows);
    assert_int_equal(slept.n, 0);
    mf_conn_rows_clear(&rows);
    /* 429 and 500 on resource_show: retried, then the same workbook (path under /stnok). */
    assert_int_equal(fetch("/stnr429", 1 << 20, 3000, &rows, &err, &slept), 0);
    assert_int_equal(slept.n, 1);
    assert_int_equal(slept.ms[0], 1000);
    assert_int_equal(rows.n, 41);
    mf_conn_rows_clear(&rows);
    assert_int_equal(fetch("/stnr500", 1 << 20, 3000, &rows, &err, &slept), 0);
    assert_int_equal(slept.n, 1);
    assert_int_equal(rows.n, 41);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    assert_int_equal(fetch("/stnmissing", 1 << 20, 3000, &rows, &err, NULL), MF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "stn RTN resource_show: "));
    assert_int_equal(fetch("/stnfalse", 1 << 20, 3000, &rows, &err, NULL), MF_EPARSE);
    assert_string_equal(err.msg, "stn 527ccdb1-3059-42f3-bf23-b5e3ab4c6dc6: resource_show says "
                                 "success is not true: Not found: Resource was not found.");
    assert_int_equal(fetch("/stnhtml", 1 << 20, 3000, &rows, &err, NULL), MF_EPARSE);
    assert_non_null(strstr(err.msg, "resource_show body is not JSON"));
    assert_non_null(strstr(err.msg, "'<!DOCTYPE html>"));
    assert_int_equal(fetch("/stntrunc", 1 << 20, 3000, &rows, &err, NULL), MF_EIO);
    assert_non_null(strstr(err.msg, "stn RTN resource_show: "));
    assert_int_equal(fetch("/stnstall", 1 << 20, 800, &rows, &err, NULL), MF_EIO);
    assert_non_null(strstr(err.msg, "timed out"));
    /* The JSON fits, the workbook (4 KiB) does not. */
    assert_int_equal(fetch("/stnok", 2048, 3000, &rows, &err, NULL), MF_ERANGE);
    assert_non_null(strstr(err.msg, "stn RTN workbook: "));
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),    cmocka_unit_test(test_lines_and_keys),
        cmocka_unit_test(test_ckan_url),     cmocka_unit_test(test_rtn_parse),
        cmocka_unit_test(test_rtn_faults),   cmocka_unit_test(test_fetch),
        cmocka_unit_test(test_fetch_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
