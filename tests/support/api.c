/*
 * api.c (tests) - a test server over a fresh store of the run's backend (a SQLite file in a
 * temporary directory, or a PostgreSQL database of its own) and libcurl requests against it
 * (see support/api.h).
 */
#include "support/api.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "support/store.h"
#include "support/test.h"

void mf_test_api_init(mf_test_api *t, const char *name)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/%s-XXXXXX", name);
    if (!mkdtemp(t->dir))
        fail_msg("cannot make the temporary directory %s", t->dir);
    mf_test_store_new_url(t->dir, t->store_url, sizeof t->store_url);
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

mf_test_api *mf_test_api_new(const char *name)
{
    mf_test_api *t = mf_calloc(1, sizeof *t);
    mf_test_api_init(t, name);
    return t;
}

int mf_test_api_teardown(void **state)
{
    mf_test_api *t = *state;
    int rc = mf_test_api_stop(t);
    mf_free(t);
    return rc;
}

void mf_test_api_options(const mf_test_api *t, mf_api_options *o)
{
    mf_api_options_default(o);
    o->port = 0;
    o->threads = 2;
    o->store_url = t->store_url;
}

void mf_test_api_start(mf_test_api *t, const mf_api_options *o)
{
    mf_api_options defaults;
    if (!o) {
        mf_test_api_options(t, &defaults);
        o = &defaults;
    }
    mf_error err;
    if (mf_api_start(o, &t->server, &err) != 0)
        fail_msg("mf_api_start: %s", err.msg);
    snprintf(t->base, sizeof t->base, "http://127.0.0.1:%d", mf_api_port(t->server));
    setenv("no_proxy", "127.0.0.1", 1);
}

int mf_test_api_stop(mf_test_api *t)
{
    mf_api_stop(t->server);
    t->server = NULL;
    curl_global_cleanup();
    mf_test_store_drop_url(t->store_url);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    return system(cmd) == 0 ? 0 : -1;
}

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    mf_api_buf_append(&((mf_test_reply *)ctx)->body, p, size * n);
    return size * n;
}

/* Keeps the header block up to the size of r->headers (the tests look for a few lines). */
static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    mf_test_reply *r = ctx;
    size_t len = size * n;
    if (r->headers_len + len < sizeof r->headers) {
        memcpy(r->headers + r->headers_len, p, len);
        r->headers_len += len;
        r->headers[r->headers_len] = '\0';
    }
    return len;
}

void mf_test_reply_capture(CURL *easy, mf_test_reply *r)
{
    if (!r->body.data)
        mf_api_buf_append(&r->body, "", 0);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, r);
}

mf_test_reply mf_test_http(const mf_test_api *t, const char *method, const char *path,
                           const char *header, const char *body)
{
    mf_test_reply r = {0};
    snprintf(r.what, sizeof r.what, "%s %s", method ? method : "GET", path);
    char url[8192];
    snprintf(url, sizeof url, "%s%s", t->base, path);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    mf_test_reply_capture(c, &r);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    if (method)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    struct curl_slist *extra = header ? curl_slist_append(NULL, header) : NULL;
    if (extra)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, extra);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(extra);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        mf_test_reply_free(&r);
        fail_msg("%.160s: %s", r.what, curl_easy_strerror(rc));
    }
    return r;
}

mf_test_reply mf_test_get(const mf_test_api *t, const char *path)
{
    return mf_test_http(t, NULL, path, NULL, NULL);
}

json_t *mf_test_reply_json(const mf_test_reply *r)
{
    json_error_t e;
    json_t *j = json_loads(r->body.data, 0, &e);
    if (!j)
        fail_msg("%s: not JSON (%s): %.200s", r->what, e.text, r->body.data);
    return j;
}

json_t *mf_test_get_json(const mf_test_api *t, const char *path, long *status)
{
    mf_test_reply r = mf_test_get(t, path);
    *status = r.status;
    json_t *j = mf_test_reply_json(&r);
    mf_test_reply_free(&r);
    return j;
}

const char *mf_test_problem_detail(const mf_test_reply *r, long status, char *buf, size_t size)
{
    if (r->status != status)
        fail_msg("%s: status %ld, wanted a %ld problem: %.200s", r->what, r->status, status,
                 r->body.data);
    if (!strstr(r->headers, "application/problem+json"))
        fail_msg("%s: not application/problem+json:\n%s", r->what, r->headers);
    json_t *j = mf_test_reply_json(r);
    json_int_t member = json_integer_value(json_object_get(j, "status"));
    const char *detail = json_string_value(json_object_get(j, "detail"));
    if (member != status || !detail) {
        json_decref(j);
        fail_msg("%s: the problem's status is %lld and its detail %s, wanted %ld and a string",
                 r->what, (long long)member, detail ? "a string" : "missing", status);
    }
    snprintf(buf, size, "%s", detail);
    json_decref(j);
    return buf;
}

void mf_test_reply_expect_problem(const mf_test_reply *r, long status, const char *detail_part)
{
    char detail[512];
    mf_test_problem_detail(r, status, detail, sizeof detail);
    if (!strstr(detail, detail_part))
        fail_msg("%s: detail '%s' lacks '%s'", r->what, detail, detail_part);
}

void mf_test_expect_problem(const mf_test_api *t, const char *path, long status,
                            const char *detail_part)
{
    mf_test_reply r = mf_test_get(t, path);
    mf_test_reply_expect_problem(&r, status, detail_part);
    mf_test_reply_free(&r);
}

void mf_test_reply_free(mf_test_reply *r)
{
    mf_api_buf_free(&r->body);
}
