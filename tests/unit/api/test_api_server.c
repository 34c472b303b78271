/*
 * test_api_server.c - the HTTP API over real HTTP: libcurl against mf_api_start() on an
 * ephemeral port of 127.0.0.1, on a fresh store of the run's backend (SQLite, or PostgreSQL as
 * unit/api/pg/test_api_server) holding a small point-in-time series and a curve. Routes and
 * the OpenAPI document agree; the endpoints answer what the store holds; malformed and hostile
 * requests get RFC 7807 problems; ETag/304, gzip, CORS, request ids, the body limit and
 * metrics work.
 */
#include <math.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/repo_curves.h"
#include "store/repo_derived.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/api.h"
#include "support/store.h"
#include "support/test.h"

static void fill_store(const char *url)
{
    mf_store *st;
    assert_int_equal(mf_store_open(url, &st, NULL), 0);
    mf_series_info s = {.frequency = 'M', .release_lag_days = 10};
    snprintf(s.code, sizeof s.code, "BR.IPCA");
    snprintf(s.source, sizeof s.source, "user");
    snprintf(s.name, sizeof s.name, "IPCA monthly change");
    snprintf(s.country, sizeof s.country, "BR");
    snprintf(s.category, sizeof s.category, "inflation");
    int64_t id;
    assert_int_equal(mf_repo_series_create(st, &s, &id, NULL), 0);
    assert_int_equal(mf_store_begin(st, NULL), 0);
    mf_obs_writer *w = mf_obs_writer_new(st, 1700000000);
    mf_obs_outcome out;
    assert_int_equal(mf_obs_writer_add(w, id, mf_test_date("2024-01-01"),
                                       mf_test_date("2024-02-08"), 0.42, &out, NULL),
                     0);
    assert_int_equal(mf_obs_writer_add(w, id, mf_test_date("2024-01-01"),
                                       mf_test_date("2024-03-08"), 0.45, &out, NULL),
                     0);
    assert_int_equal(mf_obs_writer_add(w, id, mf_test_date("2024-02-01"),
                                       mf_test_date("2024-03-12"), 0.83, &out, NULL),
                     0);
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    mf_obs_writer_free(w);
    assert_int_equal(mf_store_commit(st, NULL), 0);
    mf_series_info d = {.frequency = 'M', .release_lag_days = -1};
    snprintf(d.code, sizeof d.code, "DRV.IPCA_12M");
    snprintf(d.source, sizeof d.source, "derived");
    snprintf(d.name, sizeof d.name, "IPCA over 12 months");
    int64_t did;
    assert_int_equal(mf_repo_series_create(st, &d, &did, NULL), 0);
    mf_derived_def def = {.series_id = did, .n_inputs = 1, .inputs = {id}};
    snprintf(def.transform, sizeof def.transform, "accum_pct");
    snprintf(def.params, sizeof def.params, "{\"window\":12}");
    mf_put_outcome po;
    assert_int_equal(mf_repo_derived_put(st, &def, &po, NULL), 0);
    mf_curve_head head = {.date = mf_test_date("2026-01-12")};
    snprintf(head.code, sizeof head.code, "DI_PRE");
    snprintf(head.day_count, sizeof head.day_count, "bus/252");
    snprintf(head.compounding, sizeof head.compounding, "annual");
    snprintf(head.source, sizeof head.source, "test");
    mf_curve_vertex v[2] = {{21, 31, mf_test_date("2026-02-12"), 14.9, 0.98893},
                            {243, 357, mf_test_date("2027-01-04"), 13.741, 0.883242}};
    v[0].discount_factor = 1 / pow(1.149, 21.0 / 252);
    v[1].discount_factor = 1 / pow(1.13741, 243.0 / 252);
    assert_int_equal(mf_repo_curve_put(st, &head, v, 2, NULL), 0);
    mf_store_close(st);
}

static int setup(void **state)
{
    mf_test_api *t = mf_test_api_new("mf-api");
    fill_store(t->store_url);
    mf_api_options o;
    mf_test_api_options(t, &o);
    o.cors_origins = "http://localhost:5173";
    o.max_body_bytes = 1024;
    /* A built web UI: an index page and a script. */
    char root[128], file[192];
    snprintf(root, sizeof root, "%s/web", t->dir);
    if (mkdir(root, 0755) != 0)
        return -1;
    snprintf(file, sizeof file, "%s/index.html", root);
    FILE *f = fopen(file, "w");
    fputs("<!doctype html><title>mf</title>\n", f);
    fclose(f);
    snprintf(file, sizeof file, "%s/app.js", root);
    f = fopen(file, "w");
    fputs("console.log('mf');\n", f);
    fclose(f);
    snprintf(file, sizeof file, "%s/secret.txt", t->dir); /* beside the root, not in it */
    f = fopen(file, "w");
    fputs("not for the web\n", f);
    fclose(f);
    char link[192];
    snprintf(link, sizeof link, "%s/link.txt", root); /* a symlink out of the root */
    if (symlink(file, link) != 0)
        return -1;
    o.web_root = root;
    mf_test_api_start(t, &o);
    *state = t;
    return 0;
}

static void every_route_is_documented_and_every_documented_route_exists(void **state)
{
    const mf_test_api *t = *state;
    mf_test_reply r = mf_test_get(t, "/api/openapi.json");
    assert_int_equal(r.status, 200);
    json_t *doc = mf_test_reply_json(&r);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_t *paths = json_object_get(doc, "paths");
    size_t n;
    const mf_api_route *routes = mf_api_routes(&n);
    for (size_t i = 0; i < n; i++) {
        char method[8];
        size_t k = 0;
        for (; routes[i].method[k] && k < 7; k++)
            method[k] = (char)(routes[i].method[k] - 'A' + 'a');
        method[k] = '\0';
        json_t *op = json_object_get(json_object_get(paths, routes[i].pattern), method);
        if (!op)
            fail_msg("%s %s is not in the OpenAPI document", routes[i].method, routes[i].pattern);
        /* every path parameter of the pattern is a documented parameter */
        for (const char *p = strchr(routes[i].pattern, '{'); p; p = strchr(p + 1, '{')) {
            char name[32];
            snprintf(name, sizeof name, "%.*s", (int)(strchr(p, '}') - p - 1), p + 1);
            bool found = false;
            size_t j;
            json_t *param;
            json_array_foreach(json_object_get(op, "parameters"), j, param) found =
                found || strcmp(json_string_value(json_object_get(param, "name")), name) == 0;
            if (!found)
                fail_msg("%s: path parameter %s is not documented", routes[i].pattern, name);
        }
    }
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item)
    {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op)
        {
            bool found = false;
            for (size_t i = 0; i < n; i++)
                found = found || (strcmp(routes[i].pattern, path) == 0 &&
                                  strncasecmp(routes[i].method, method, 8) == 0);
            if (!found)
                fail_msg("the document has %s %s but the route table does not", method, path);
        }
    }
    json_decref(doc);
    mf_test_reply_free(&r);
}

/* A daily series over every calendar day from 1999-12-20 to 2001-03-10 (a year end, the leap
   day 2000-02-29, every month end): the JSON writer's dates, made from a per-month prefix, are
   the calendar's, in order, one per stored day. */
static void observation_dates_cross_month_year_and_leap_day(void **state)
{
    const mf_test_api *t = *state;
    mf_store *st;
    assert_int_equal(mf_store_open(t->store_url, &st, NULL), 0);
    mf_series_info s = {.frequency = 'D', .release_lag_days = 0};
    snprintf(s.code, sizeof s.code, "TEST.EVERY_DAY");
    snprintf(s.source, sizeof s.source, "user");
    snprintf(s.name, sizeof s.name, "every calendar day");
    snprintf(s.country, sizeof s.country, "US");
    snprintf(s.category, sizeof s.category, "test");
    int64_t id;
    assert_int_equal(mf_repo_series_create(st, &s, &id, NULL), 0);
    mf_date first = mf_test_date("1999-12-20"), last = mf_test_date("2001-03-10");
    assert_int_equal(mf_store_begin(st, NULL), 0);
    mf_obs_writer *w = mf_obs_writer_new(st, 1700000000);
    mf_obs_outcome out;
    for (mf_date d = first; d <= last; d++)
        assert_int_equal(mf_obs_writer_add(w, id, d, d, (double)(d - first), &out, NULL), 0);
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    mf_obs_writer_free(w);
    assert_int_equal(mf_store_commit(st, NULL), 0);
    mf_store_close(st);

    mf_test_reply r = mf_test_get(t, "/api/v1/series/TEST.EVERY_DAY/observations");
    json_t *j = mf_test_reply_json(&r);
    json_t *obs = json_object_get(j, "observations");
    assert_int_equal(json_array_size(obs), (size_t)(last - first + 1));
    for (mf_date d = first; d <= last; d++) {
        json_t *o = json_array_get(obs, (size_t)(d - first));
        char want[MF_DATE_ISO_SIZE];
        assert_string_equal(json_string_value(json_object_get(o, "obs_date")),
                            mf_date_format_iso(d, want));
        assert_true(json_real_value(json_object_get(o, "value")) == (double)(d - first) ||
                    json_integer_value(json_object_get(o, "value")) == (json_int_t)(d - first));
    }
    json_decref(j);
    mf_test_reply_free(&r);
}

static void health_series_observations_and_curves(void **state)
{
    const mf_test_api *t = *state;
    mf_test_reply r = mf_test_get(t, "/api/v1/health");
    assert_int_equal(r.status, 200);
    json_t *j = mf_test_reply_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    /* the run's backend (MF_TEST_STORE_URL): this file runs on both */
    assert_string_equal(json_string_value(json_object_get(j, "store")),
                        strncmp(mf_test_store_base_url(), "postgres", 8) == 0 ? "postgresql"
                                                                              : "sqlite");
    assert_int_equal(json_integer_value(json_object_get(j, "schema_version")),
                     json_integer_value(json_object_get(j, "schema_latest")));
    json_decref(j);
    mf_test_reply_free(&r);

    r = mf_test_get(t, "/api/v1/series?category=inflation&q=ipca");
    j = mf_test_reply_json(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_decref(j);
    mf_test_reply_free(&r);

    r = mf_test_get(t, "/api/v1/series/BR.IPCA/observations?as_of=2024-03-01");
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"code\":\"BR.IPCA\",\"simulated\":false,\"as_of\":"
                                     "\"2024-03-01\",\"observations\":[{\"obs_date\":"
                                     "\"2024-01-01\",\"value\":0.42}]}");
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/series/BR.IPCA/observations?format=csv");
    assert_string_equal(r.body.data, "obs_date,value\n2024-01-01,0.45\n2024-02-01,0.83\n");
    assert_non_null(strstr(r.headers, "text/csv"));
    mf_test_reply_free(&r);
    /* a range with nothing in it, known now and as of a date: no rows, the document whole */
    r = mf_test_get(t, "/api/v1/series/BR.IPCA/observations?from=2030-01-01");
    assert_string_equal(r.body.data, "{\"code\":\"BR.IPCA\",\"simulated\":false,\"as_of\":null,"
                                     "\"observations\":[]}");
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/series/BR.IPCA/observations?as_of=2024-01-01&format=csv");
    assert_string_equal(r.body.data, "obs_date,value\n");
    mf_test_reply_free(&r);
    r = mf_test_http(t, NULL, "/api/v1/series/BR.IPCA/observations?vintages=true&format=csv", NULL,
                     NULL);
    assert_string_equal(r.body.data, "obs_date,available_at,value\n2024-01-01,2024-02-08,0.42\n"
                                     "2024-01-01,2024-03-08,0.45\n2024-02-01,2024-03-12,0.83\n");
    mf_test_reply_free(&r);

    r = mf_test_get(t, "/api/v1/curves/DI_PRE?date=2026-01-12");
    assert_int_equal(r.status, 200);
    j = mf_test_reply_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "nodes")), 2);
    json_t *tenor = json_array_get(json_object_get(j, "standard_tenors"), 0); /* 1M = 21 du */
    assert_string_equal(json_string_value(json_object_get(tenor, "kind")), "vertex");
    assert_true(fabs(json_real_value(json_object_get(tenor, "zero_rate_pct")) - 14.9) < 1e-9);
    json_decref(j);
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/curves/DI_PRE/history?tenor_bd=243");
    j = mf_test_reply_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "history")), 1);
    json_decref(j);
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/curves");
    assert_non_null(strstr(r.body.data, "\"code\":\"DI_PRE\""));
    mf_test_reply_free(&r);

    r = mf_test_get(t, "/api/v1/series/DRV.IPCA_12M/lineage");
    assert_string_equal(r.body.data,
                        "{\"code\":\"DRV.IPCA_12M\",\"simulated\":false,\"derived\":"
                        "true,\"transform\":\"accum_pct\",\"params\":{\"window\":12},"
                        "\"computed_at\":null,\"inputs\":[\"BR.IPCA\"],\"used_by\":[]}");
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/api/v1/series/BR.IPCA/lineage");
    assert_string_equal(r.body.data, "{\"code\":\"BR.IPCA\",\"simulated\":false,\"derived\":false,"
                                     "\"inputs\":[],\"used_by\":[\"DRV.IPCA_12M\"]}");
    mf_test_reply_free(&r);
}

static void hostile_requests_get_clear_problems(void **state)
{
    const mf_test_api *t = *state;
    char d[512];
    struct {
        const char *path;
        long status;
        const char *detail;
    } cases[] = {
        {"/api/v1/series/BR.IPCA/observations?from=2024-02-30", 400,
         "query parameter 'from' = '2024-02-30'"},
        {"/api/v1/series?limit=100000000", 400,
         "query parameter 'limit' = '100000000': "
         "expected 1..1000"},
        {"/api/v1/series?limit=-1", 400, "query parameter 'limit' = '-1': expected a whole"},
        {"/api/v1/series?source=x%27%3B%20DROP%20TABLE%20series%3B--", 400,
         "query parameter 'source'"},
        {"/api/v1/series/x%27%20OR%201=1", 400, "path parameter 'code'"},
        {"/api/v1/series/NO.SUCH", 404, "unknown series 'NO.SUCH'"},
        {"/api/../../etc/passwd", 404, "no route for GET"},
        {"/api/v1/nothing", 404, "no route for GET /api/v1/nothing"},
        {"/api/v1/curves/DI_PRE", 400, "query parameter 'date' is required"},
        {"/api/v1/curves/DI_PRE/history?tenor_bd=1&tenor_days=1", 400, "give one of"},
        {"/api/v1/series/BR.IPCA/observations?as_of=2024-01-01&vintages=true", 400,
         "give one or the other"},
        {"/api/v1/series/BR.IPCA/observations?format=xml", 400, "expected one of json|csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        mf_test_expect_problem(t, cases[i].path, cases[i].status, cases[i].detail);
    mf_test_reply r = mf_test_http(t, "DELETE", "/api/v1/series", NULL, NULL);
    mf_test_problem_detail(&r, 405, d, sizeof d);
    assert_non_null(strstr(r.headers, "Allow: GET, HEAD"));
    mf_test_reply_free(&r);
    char big[2048];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    r = mf_test_http(t, "POST", "/api/v1/series", NULL, big);
    mf_test_problem_detail(&r, 413, d, sizeof d);
    mf_test_reply_free(&r);
    /* An overlong URL is refused by the server before routing. */
    char path[7000] = "/api/v1/series?q=";
    memset(path + strlen(path), 'a', 6000);
    path[6017] = '\0';
    r = mf_test_get(t, path);
    assert_true(r.status == 414 || r.status == 400);
    mf_test_reply_free(&r);
}

static void etags_gzip_cors_request_ids_and_metrics(void **state)
{
    const mf_test_api *t = *state;
    mf_test_reply r = mf_test_get(t, "/api/v1/series");
    char *etag = strstr(r.headers, "ETag: ");
    assert_non_null(etag);
    char inm[64];
    snprintf(inm, sizeof inm, "If-None-Match: %.20s", etag + 6);
    mf_test_reply_free(&r);
    r = mf_test_http(t, NULL, "/api/v1/series", inm, NULL);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body.len, 0);
    mf_test_reply_free(&r);

    r = mf_test_http(t, NULL, "/api/openapi.json", "Accept-Encoding: gzip", NULL);
    assert_non_null(strstr(r.headers, "Content-Encoding: gzip"));
    assert_true(r.body.data[0] == (char)0x1f && r.body.data[1] == (char)0x8b);
    mf_test_reply_free(&r);

    r = mf_test_http(t, NULL, "/api/v1/health", "Origin: http://localhost:5173", NULL);
    assert_non_null(strstr(r.headers, "Access-Control-Allow-Origin: http://localhost:5173"));
    mf_test_reply_free(&r);
    r = mf_test_http(t, NULL, "/api/v1/health", "Origin: http://evil.example", NULL);
    assert_null(strstr(r.headers, "Access-Control-Allow-Origin"));
    mf_test_reply_free(&r);

    r = mf_test_http(t, NULL, "/api/v1/health", "X-Request-Id: abc-123", NULL);
    assert_non_null(strstr(r.headers, "X-Request-Id: abc-123"));
    mf_test_reply_free(&r);
    r = mf_test_http(t, NULL, "/api/v1/health", "X-Request-Id: bad id!", NULL);
    assert_non_null(strstr(r.headers, "X-Request-Id: req-"));
    mf_test_reply_free(&r);

    r = mf_test_get(t, "/api/v1/metrics");
    assert_non_null(
        strstr(r.body.data, "mf_http_requests_total{route=\"/api/v1/series\",status=\"304\"} 1"));
    assert_non_null(strstr(r.body.data, "mf_http_request_duration_seconds_bucket{route="
                                        "\"/api/v1/health\",le=\"+Inf\"}"));
    mf_test_reply_free(&r);
}

static void the_web_ui_is_served_and_no_path_leaves_its_root(void **state)
{
    const mf_test_api *t = *state;
    mf_test_reply r = mf_test_get(t, "/");
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "<!doctype html><title>mf</title>\n");
    assert_non_null(strstr(r.headers, "text/html"));
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/app.js");
    assert_string_equal(r.body.data, "console.log('mf');\n");
    assert_non_null(strstr(r.headers, "text/javascript"));
    mf_test_reply_free(&r);
    r = mf_test_get(t, "/series/SGS.432"); /* a client route: the app's page */
    assert_string_equal(r.body.data, "<!doctype html><title>mf</title>\n");
    mf_test_reply_free(&r);
    const char *bad[] = {"/../secret.txt", "/%2e%2e/secret.txt", "/./app.js", "/a/../../secret.txt",
                         "/missing.js",    "/..%5csecret.txt",   "/link.txt"};
    char d[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = mf_test_get(t, bad[i]);
        mf_test_problem_detail(&r, 404, d, sizeof d); /* names the path when it is not */
        assert_null(strstr(r.body.data, "not for the web"));
        mf_test_reply_free(&r);
    }
    mf_test_expect_problem(t, "/api/v1/nothing", 404, "no route"); /* the API keeps its own 404 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_is_documented_and_every_documented_route_exists),
        cmocka_unit_test(health_series_observations_and_curves),
        cmocka_unit_test(observation_dates_cross_month_year_and_leap_day),
        cmocka_unit_test(hostile_requests_get_clear_problems),
        cmocka_unit_test(etags_gzip_cors_request_ids_and_metrics),
        cmocka_unit_test(the_web_ui_is_served_and_no_path_leaves_its_root),
    };
    return cmocka_run_group_tests(tests, setup, mf_test_api_teardown);
}
