/*
 * test_http.c - the HTTP client (data/http.h) against a real local server over loopback:
 * tests/support/http_replay.py, started here on 127.0.0.1 with a free port. No mocks: every
 * request is real HTTP; only the retry sleeps are injected (recorded, not waited).
 */
#include "support/test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/http.h"

static pid_t server_pid;
static int server_stdin = -1;
static char base[64];

typedef struct sleeps {
    long ms[32];
    int n;
} sleeps;

static void record_sleep(void *ctx, long ms)
{
    sleeps *s = ctx;
    if (s->n < 32) {
        s->ms[s->n] = ms;
    }
    s->n++;
}

static int start_server(void **state)
{
    (void)state;
    /* The server is on loopback: a proxy from the environment must not get in between. */
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) {
        return -1;
    }
    server_pid = fork();
    if (server_pid < 0) {
        return -1;
    }
    if (server_pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execl("/usr/bin/python3", "python3", MF_FIXTURES_DIR "/../support/http_replay.py",
              (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    server_stdin = in[1];
    FILE *f = fdopen(out[0], "r");
    char line[32];
    if (!f || !fgets(line, sizeof(line), f)) {
        return -1;
    }
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    snprintf(base, sizeof(base), "http://127.0.0.1:%s", line);
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

static int stop_server(void **state)
{
    (void)state;
    close(server_stdin);
    int status;
    waitpid(server_pid, &status, 0);
    return 0;
}

/* Options for tests: short timeouts, recorded sleeps. */
static void test_options(mf_http_options *o, sleeps *s)
{
    mf_http_options_default(o);
    o->connect_timeout_ms = 2000;
    o->total_timeout_ms = 3000;
    o->max_retries = 2;
    o->backoff_base_ms = 100;
    o->backoff_max_ms = 1500;
    o->sleep = record_sleep;
    o->sleep_ctx = s;
}

static void url(char *buf, size_t size, const char *path)
{
    snprintf(buf, size, "%s%s", base, path);
}

static int get(mf_http_client *c, const char *path, mf_http_response *r, mf_error *e)
{
    char u[256];
    url(u, sizeof(u), path);
    return mf_http_get(c, u, r, e);
}

static mf_http_client *client(const mf_http_options *o)
{
    mf_http_client *c = NULL;
    mf_error e;
    assert_int_equal(mf_http_client_new(o, &c, &e), 0);
    return c;
}

static void test_ok_body_and_content_type(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/ok", &r, &e), 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 13);
    assert_string_equal(r.body, "hello, world\n");
    assert_string_equal(r.content_type, "text/plain");
    assert_int_equal(r.attempts, 1);
    assert_int_equal(s.n, 0);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_gzip_is_decoded(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/gzip", &r, &e), 0);
    assert_string_equal(r.body, "compressed hello\n");
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_user_agent_names_project(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/ua", &r, &e), 0);
    assert_true(strncmp(r.body, "macro-fund-system/", 18) == 0);
    assert_non_null(strstr(r.body, " (+mf)"));
    mf_http_client_free(c);
    o.user_agent = "custom-agent/1";
    c = client(&o);
    assert_int_equal(get(c, "/ua", &r, &e), 0);
    assert_string_equal(r.body, "custom-agent/1");
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_404_is_clear_error_without_retry(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    char u[256], want[400];
    url(u, sizeof(u), "/missing");
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_ENOTFOUND);
    snprintf(want, sizeof(want), "GET %s: HTTP 404", u);
    assert_string_equal(e.msg, want);
    assert_int_equal(r.status, 404);
    assert_int_equal(r.attempts, 1);
    assert_int_equal(s.n, 0);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_429_honours_retry_after(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/retry429/a", &r, &e), 0);
    assert_string_equal(r.body, "after 429\n");
    assert_int_equal(r.attempts, 2);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ms[0], 1000); /* Retry-After: 1 */
    assert_int_equal(get(c, "/hits/retry429/a", &r, &e), 0);
    assert_string_equal(r.body, "2");
    mf_http_client_free(c);

    /* Retry-After is capped by backoff_max_ms. */
    s.n = 0;
    o.backoff_max_ms = 250;
    c = client(&o);
    assert_int_equal(get(c, "/retry429/b", &r, &e), 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ms[0], 250);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_500_then_success(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/retry500/a", &r, &e), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "after 500\n");
    assert_int_equal(r.attempts, 2);
    assert_int_equal(s.n, 1);
    /* First backoff: b = base = 100 ms, drawn in [50, 100]. */
    assert_in_range(s.ms[0], 50, 100);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_always_503_gives_up_with_backoff(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    o.max_retries = 5;
    o.backoff_max_ms = 1000;
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    char u[256], want[400];
    url(u, sizeof(u), "/always503");
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_EIO);
    snprintf(want, sizeof(want), "GET %s: HTTP 503 (6 attempts)", u);
    assert_string_equal(e.msg, want);
    assert_int_equal(r.attempts, 6);
    assert_int_equal(s.n, 5);
    /* b = 100, 200, 400, 800, 1000 (capped): each delay in [b/2, b]. */
    long b[5] = {100, 200, 400, 800, 1000};
    for (int i = 0; i < 5; i++) {
        assert_in_range(s.ms[i], b[i] / 2, b[i]);
    }
    mf_http_client_free(c);

    /* The jitter is seeded: the same seed gives the same delays, another seed others. */
    sleeps s2 = {0};
    o.sleep_ctx = &s2;
    c = client(&o);
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_EIO);
    assert_memory_equal(s.ms, s2.ms, 5 * sizeof(long));
    mf_http_client_free(c);
    sleeps s3 = {0};
    o.sleep_ctx = &s3;
    o.jitter_seed = 12345;
    c = client(&o);
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_EIO);
    assert_true(memcmp(s.ms, s3.ms, 5 * sizeof(long)) != 0);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_truncated_body_is_error(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    char u[256], want[400];
    url(u, sizeof(u), "/truncated");
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_EIO);
    snprintf(want, sizeof(want),
             "GET %s: truncated body (10 bytes, fewer than the Content-Length) (3 attempts)", u);
    assert_string_equal(e.msg, want);
    assert_int_equal(r.attempts, 3);
    assert_int_equal(s.n, 2);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_stalled_connection_times_out(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    o.total_timeout_ms = 300;
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    char u[256], want[400];
    url(u, sizeof(u), "/stall");
    assert_int_equal(mf_http_get(c, u, &r, &e), MF_EIO);
    snprintf(want, sizeof(want), "GET %s: timed out after 300 ms (3 attempts)", u);
    assert_string_equal(e.msg, want);
    assert_int_equal(s.n, 2);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_oversized_body_is_error(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    o.max_body_bytes = 1000;
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    char u[256], want[400];
    const char *paths[] = {"/big", "/big-nolength"};
    for (int i = 0; i < 2; i++) {
        url(u, sizeof(u), paths[i]);
        assert_int_equal(mf_http_get(c, u, &r, &e), MF_ERANGE);
        snprintf(want, sizeof(want), "GET %s: body over 1000 bytes", u);
        assert_string_equal(e.msg, want);
        assert_int_equal(r.attempts, 1);
        assert_true(r.body_len <= 1000);
    }
    assert_int_equal(s.n, 0);
    /* A limit just big enough lets the same body through. */
    mf_http_client_free(c);
    o.max_body_bytes = 1 << 20;
    c = client(&o);
    assert_int_equal(get(c, "/big-nolength", &r, &e), 0);
    assert_int_equal(r.body_len, 1 << 20);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_connection_is_reused(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/connections", &r, &e), 0);
    long before = strtol(r.body, NULL, 10);
    assert_int_equal(get(c, "/ok", &r, &e), 0);
    assert_int_equal(get(c, "/gzip", &r, &e), 0);
    assert_int_equal(get(c, "/connections", &r, &e), 0);
    assert_int_equal(strtol(r.body, NULL, 10), before);
    mf_http_client_free(c);
    /* A new client opens a new connection: the counter does move. */
    c = client(&o);
    assert_int_equal(get(c, "/connections", &r, &e), 0);
    assert_int_equal(strtol(r.body, NULL, 10), before + 1);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_rate_limit_per_host(void **state)
{
    (void)state;
    sleeps s = {0};
    mf_http_options o;
    test_options(&o, &s);
    o.min_interval_ms = 60000;
    mf_http_client *c = client(&o);
    mf_http_response r = {0};
    mf_error e;
    assert_int_equal(get(c, "/ok", &r, &e), 0);
    assert_int_equal(s.n, 0);
    assert_int_equal(get(c, "/ok", &r, &e), 0);
    assert_int_equal(s.n, 1);
    assert_in_range(s.ms[0], 55000, 60000);
    /* Another host (localhost, not 127.0.0.1) has its own clock. */
    char u[256];
    snprintf(u, sizeof(u), "http://localhost:%s/ok", strrchr(base, ':') + 1);
    assert_int_equal(mf_http_get(c, u, &r, &e), 0);
    assert_int_equal(s.n, 1);
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

static void test_bad_options_and_urls(void **state)
{
    (void)state;
    mf_http_options o;
    mf_http_client *c = NULL;
    mf_error e;
    mf_http_options_default(&o);
    o.total_timeout_ms = 0;
    assert_int_equal(mf_http_client_new(&o, &c, &e), MF_ECONFIG);
    assert_non_null(strstr(e.msg, "timeouts must be > 0 ms"));
    mf_http_options_default(&o);
    o.max_retries = 21;
    assert_int_equal(mf_http_client_new(&o, &c, &e), MF_ECONFIG);
    assert_string_equal(e.msg, "http: max_retries 21 outside 0..20");
    mf_http_options_default(&o);
    o.max_body_bytes = 0;
    assert_int_equal(mf_http_client_new(&o, &c, &e), MF_ECONFIG);
    assert_string_equal(e.msg, "http: max_body_bytes 0 outside 1..4294967296");
    assert_null(c);
    mf_http_options_default(&o);
    o.backoff_base_ms = -1;
    assert_int_equal(mf_http_client_new(&o, &c, &e), MF_ECONFIG);
    mf_http_options_default(&o);
    o.backoff_max_ms = 86400001L;
    assert_int_equal(mf_http_client_new(&o, &c, &e), MF_ECONFIG);
    assert_non_null(strstr(e.msg, "must be at most 86400000 (one day)"));
    assert_null(c);

    assert_int_equal(mf_http_client_new(NULL, &c, &e), 0);
    mf_http_response r = {0};
    assert_int_equal(mf_http_get(c, "not a url", &r, &e), MF_EINVAL);
    assert_string_equal(e.msg, "GET not a url: malformed URL");
    assert_int_equal(mf_http_get(c, "ftp://127.0.0.1/x", &r, &e), MF_EIO);
    assert_non_null(strstr(e.msg, "GET ftp://127.0.0.1/x: "));
    mf_http_response_free(&r);
    mf_http_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok_body_and_content_type),
        cmocka_unit_test(test_gzip_is_decoded),
        cmocka_unit_test(test_user_agent_names_project),
        cmocka_unit_test(test_404_is_clear_error_without_retry),
        cmocka_unit_test(test_429_honours_retry_after),
        cmocka_unit_test(test_500_then_success),
        cmocka_unit_test(test_always_503_gives_up_with_backoff),
        cmocka_unit_test(test_truncated_body_is_error),
        cmocka_unit_test(test_stalled_connection_times_out),
        cmocka_unit_test(test_oversized_body_is_error),
        cmocka_unit_test(test_connection_is_reused),
        cmocka_unit_test(test_rate_limit_per_host),
        cmocka_unit_test(test_bad_options_and_urls),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
