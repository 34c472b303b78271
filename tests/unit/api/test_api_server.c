/*
 * test_api_server.c - the HTTP API over real HTTP: libcurl against mf_api_start() on an
 * ephemeral port of 127.0.0.1, on a SQLite file store holding a small point-in-time series and
 * a curve. Routes and the OpenAPI document agree; the endpoints answer what the store holds;
 * malformed and hostile requests get RFC 7807 problems; ETag/304, gzip, CORS, request ids,
 * the body limit and metrics work.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/server.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "store/repo_derived.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/test.h"

typedef struct world {
    char dir[64], url[128];
    mf_api_server *server;
    char base[64];
} world;

typedef struct reply {
    long status;
    mf_api_buf body;
    char headers[4096];
    size_t headers_len;
} reply;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    mf_api_buf_append(&((reply *)ctx)->body, p, size * n);
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    reply *r = ctx;
    size_t len = size * n;
    if (r->headers_len + len < sizeof r->headers) {
        memcpy(r->headers + r->headers_len, p, len);
        r->headers_len += len;
        r->headers[r->headers_len] = '\0';
    }
    return len;
}

/* method NULL: GET. extra: one request header or NULL. body: sent as POST data or NULL. */
static reply request(const world *w, const char *method, const char *path, const char *extra,
                     const char *body)
{
    reply r = {0};
    CURL *c = curl_easy_init();
    char url[8192];
    snprintf(url, sizeof url, "%s%s", w->base, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    if (method)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    struct curl_slist *h = extra ? curl_slist_append(NULL, extra) : NULL;
    if (h)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (!r.body.data)
        mf_api_buf_append(&r.body, "", 0);
    return r;
}

static json_t *body_json(const reply *r)
{
    json_error_t e;
    json_t *j = json_loads(r->body.data, 0, &e);
    if (!j)
        fail_msg("not JSON (%s): %.200s", e.text, r->body.data);
    return j;
}

/* The problem's detail, checked to be RFC 7807 with the given status. */
static const char *problem_detail(const reply *r, long status, char *buf, size_t size)
{
    assert_int_equal(r->status, status);
    assert_non_null(strstr(r->headers, "application/problem+json"));
    json_t *j = body_json(r);
    assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
    snprintf(buf, size, "%s", json_string_value(json_object_get(j, "detail")));
    json_decref(j);
    return buf;
}

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
    world *w = mf_calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/mf-api-XXXXXX");
    if (!mkdtemp(w->dir))
        return -1;
    snprintf(w->url, sizeof w->url, "sqlite:%s/api.db", w->dir);
    fill_store(w->url);
    mf_api_options o;
    mf_api_options_default(&o);
    o.port = 0;
    o.threads = 2;
    o.store_url = w->url;
    o.cors_origins = "http://localhost:5173";
    o.max_body_bytes = 1024;
    /* A built web UI: an index page and a script. */
    char root[128], file[192];
    snprintf(root, sizeof root, "%s/web", w->dir);
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
    snprintf(file, sizeof file, "%s/secret.txt", w->dir); /* beside the root, not in it */
    f = fopen(file, "w");
    fputs("not for the web\n", f);
    fclose(f);
    char link[192];
    snprintf(link, sizeof link, "%s/link.txt", root); /* a symlink out of the root */
    if (symlink(file, link) != 0)
        return -1;
    o.web_root = root;
    mf_error err;
    if (mf_api_start(&o, &w->server, &err) != 0)
        fail_msg("%s", err.msg);
    snprintf(w->base, sizeof w->base, "http://127.0.0.1:%d", mf_api_port(w->server));
    setenv("no_proxy", "127.0.0.1", 1);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    mf_api_stop(w->server);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
    if (system(cmd) != 0)
        return -1;
    mf_free(w);
    return 0;
}

static void every_route_is_documented_and_every_documented_route_exists(void **state)
{
    world *w = *state;
    reply r = request(w, NULL, "/api/openapi.json", NULL, NULL);
    assert_int_equal(r.status, 200);
    json_t *doc = body_json(&r);
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
    mf_api_buf_free(&r.body);
}

static void health_series_observations_and_curves(void **state)
{
    world *w = *state;
    reply r = request(w, NULL, "/api/v1/health", NULL, NULL);
    assert_int_equal(r.status, 200);
    json_t *j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    assert_int_equal(json_integer_value(json_object_get(j, "schema_version")),
                     json_integer_value(json_object_get(j, "schema_latest")));
    json_decref(j);
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/series?category=inflation&q=ipca", NULL, NULL);
    j = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_decref(j);
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/series/BR.IPCA/observations?as_of=2024-03-01", NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"code\":\"BR.IPCA\",\"simulated\":false,\"as_of\":"
                                     "\"2024-03-01\",\"observations\":[{\"obs_date\":"
                                     "\"2024-01-01\",\"value\":0.42}]}");
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/series/BR.IPCA/observations?format=csv", NULL, NULL);
    assert_string_equal(r.body.data, "obs_date,value\n2024-01-01,0.45\n2024-02-01,0.83\n");
    assert_non_null(strstr(r.headers, "text/csv"));
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/series/BR.IPCA/observations?vintages=true&format=csv", NULL,
                NULL);
    assert_string_equal(r.body.data, "obs_date,available_at,value\n2024-01-01,2024-02-08,0.42\n"
                                     "2024-01-01,2024-03-08,0.45\n2024-02-01,2024-03-12,0.83\n");
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/curves/DI_PRE?date=2026-01-12", NULL, NULL);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "nodes")), 2);
    json_t *tenor = json_array_get(json_object_get(j, "standard_tenors"), 0); /* 1M = 21 du */
    assert_string_equal(json_string_value(json_object_get(tenor, "kind")), "vertex");
    assert_true(fabs(json_real_value(json_object_get(tenor, "zero_rate_pct")) - 14.9) < 1e-9);
    json_decref(j);
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/curves/DI_PRE/history?tenor_bd=243", NULL, NULL);
    j = body_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "history")), 1);
    json_decref(j);
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/curves", NULL, NULL);
    assert_non_null(strstr(r.body.data, "\"code\":\"DI_PRE\""));
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/series/DRV.IPCA_12M/lineage", NULL, NULL);
    assert_string_equal(r.body.data,
                        "{\"code\":\"DRV.IPCA_12M\",\"simulated\":false,\"derived\":"
                        "true,\"transform\":\"accum_pct\",\"params\":{\"window\":12},"
                        "\"computed_at\":null,\"inputs\":[\"BR.IPCA\"],\"used_by\":[]}");
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/series/BR.IPCA/lineage", NULL, NULL);
    assert_string_equal(r.body.data, "{\"code\":\"BR.IPCA\",\"simulated\":false,\"derived\":false,"
                                     "\"inputs\":[],\"used_by\":[\"DRV.IPCA_12M\"]}");
    mf_api_buf_free(&r.body);
}

static void hostile_requests_get_clear_problems(void **state)
{
    world *w = *state;
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
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        reply r = request(w, NULL, cases[i].path, NULL, NULL);
        problem_detail(&r, cases[i].status, d, sizeof d);
        if (!strstr(d, cases[i].detail))
            fail_msg("%s: detail '%s' lacks '%s'", cases[i].path, d, cases[i].detail);
        mf_api_buf_free(&r.body);
    }
    reply r = request(w, "DELETE", "/api/v1/series", NULL, NULL);
    problem_detail(&r, 405, d, sizeof d);
    assert_non_null(strstr(r.headers, "Allow: GET, HEAD"));
    mf_api_buf_free(&r.body);
    char big[2048];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    r = request(w, "POST", "/api/v1/series", NULL, big);
    problem_detail(&r, 413, d, sizeof d);
    mf_api_buf_free(&r.body);
    /* An overlong URL is refused by the server before routing. */
    char path[7000] = "/api/v1/series?q=";
    memset(path + strlen(path), 'a', 6000);
    path[6017] = '\0';
    r = request(w, NULL, path, NULL, NULL);
    assert_true(r.status == 414 || r.status == 400);
    mf_api_buf_free(&r.body);
}

static void etags_gzip_cors_request_ids_and_metrics(void **state)
{
    world *w = *state;
    reply r = request(w, NULL, "/api/v1/series", NULL, NULL);
    char *etag = strstr(r.headers, "ETag: ");
    assert_non_null(etag);
    char inm[64];
    snprintf(inm, sizeof inm, "If-None-Match: %.20s", etag + 6);
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/series", inm, NULL);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body.len, 0);
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/openapi.json", "Accept-Encoding: gzip", NULL);
    assert_non_null(strstr(r.headers, "Content-Encoding: gzip"));
    assert_true(r.body.data[0] == (char)0x1f && r.body.data[1] == (char)0x8b);
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/health", "Origin: http://localhost:5173", NULL);
    assert_non_null(strstr(r.headers, "Access-Control-Allow-Origin: http://localhost:5173"));
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/health", "Origin: http://evil.example", NULL);
    assert_null(strstr(r.headers, "Access-Control-Allow-Origin"));
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/health", "X-Request-Id: abc-123", NULL);
    assert_non_null(strstr(r.headers, "X-Request-Id: abc-123"));
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/api/v1/health", "X-Request-Id: bad id!", NULL);
    assert_non_null(strstr(r.headers, "X-Request-Id: req-"));
    mf_api_buf_free(&r.body);

    r = request(w, NULL, "/api/v1/metrics", NULL, NULL);
    assert_non_null(
        strstr(r.body.data, "mf_http_requests_total{route=\"/api/v1/series\",status=\"304\"} 1"));
    assert_non_null(strstr(r.body.data, "mf_http_request_duration_seconds_bucket{route="
                                        "\"/api/v1/health\",le=\"+Inf\"}"));
    mf_api_buf_free(&r.body);
}

static void the_web_ui_is_served_and_no_path_leaves_its_root(void **state)
{
    world *w = *state;
    reply r = request(w, NULL, "/", NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "<!doctype html><title>mf</title>\n");
    assert_non_null(strstr(r.headers, "text/html"));
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/app.js", NULL, NULL);
    assert_string_equal(r.body.data, "console.log('mf');\n");
    assert_non_null(strstr(r.headers, "text/javascript"));
    mf_api_buf_free(&r.body);
    r = request(w, NULL, "/series/SGS.432", NULL, NULL); /* a client route: the app's page */
    assert_string_equal(r.body.data, "<!doctype html><title>mf</title>\n");
    mf_api_buf_free(&r.body);
    const char *bad[] = {"/../secret.txt", "/%2e%2e/secret.txt", "/./app.js", "/a/../../secret.txt",
                         "/missing.js",    "/..%5csecret.txt",   "/link.txt"};
    char d[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = request(w, NULL, bad[i], NULL, NULL);
        if (r.status != 404)
            fail_msg("%s: status %ld: %.80s", bad[i], r.status, r.body.data);
        problem_detail(&r, 404, d, sizeof d);
        assert_null(strstr(r.body.data, "not for the web"));
        mf_api_buf_free(&r.body);
    }
    r = request(w, NULL, "/api/v1/nothing", NULL, NULL); /* the API keeps its own 404 */
    problem_detail(&r, 404, d, sizeof d);
    assert_non_null(strstr(d, "no route"));
    mf_api_buf_free(&r.body);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_is_documented_and_every_documented_route_exists),
        cmocka_unit_test(health_series_observations_and_curves),
        cmocka_unit_test(hostile_requests_get_clear_problems),
        cmocka_unit_test(etags_gzip_cors_request_ids_and_metrics),
        cmocka_unit_test(the_web_ui_is_served_and_no_path_leaves_its_root),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
