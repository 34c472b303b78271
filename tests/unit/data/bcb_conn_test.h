/*
 * bcb_conn_test.h - what the tests of the Brazilian connectors (test_conn_bcb_sgs.c,
 * test_conn_bcb_ptax.c, test_conn_bcb_focus.c, test_conn_bcb_fx_flow.c,
 * test_conn_ibge_sidra.c) share beyond support/conn_test.h: the replay server
 * (tests/support/http_replay.py) started with the environment, fetches with a fresh client
 * of chosen options (fault cases), and row lookups. Static functions only: each test
 * program includes it once.
 */
#ifndef MF_TEST_BCB_CONN_TEST_H
#define MF_TEST_BCB_CONN_TEST_H

#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/calendar.h"
#include "data/connector.h"
#include "support/conn_test.h"
#include "support/replay.h"

typedef struct bt_sleeps {
    long ms[32];
    int n;
} bt_sleeps;

static inline void bt_record_sleep(void *ctx, long ms)
{
    bt_sleeps *s = ctx;
    if (s->n < 32)
        s->ms[s->n] = ms;
    s->n++;
}

/* A connector environment (support/conn_test.h) on the replay server; its base URL is the
   server + a prefix ("/sgs"...). */
typedef struct bt_env {
    mf_replay srv;
    mf_test_conn c;
    bt_sleeps sleeps; /* of the clients bt_fetch_with() builds */
} bt_env;

static bt_env bt;

static inline void bt_options(mf_http_options *o, bt_sleeps *s)
{
    mf_http_options_default(o);
    o->connect_timeout_ms = 2000;
    o->total_timeout_ms = 1500;
    o->max_retries = 2;
    o->backoff_base_ms = 100;
    o->backoff_max_ms = 1500;
    o->sleep = bt_record_sleep;
    o->sleep_ctx = s;
}

/* Starts the server with one routes file (relative to tests/fixtures) and builds bt.c. */
static inline int bt_start(const char *routes, const char *prefix)
{
    const char *files[] = {routes, NULL};
    if (mf_replay_start(&bt.srv, files) != 0)
        return -1;
    mf_test_conn_new(&bt.c, bt.srv.base, prefix, 0, NULL);
    return 0;
}

static inline int bt_stop(void)
{
    mf_test_conn_free(&bt.c);
    mf_replay_stop(&bt.srv);
    return 0;
}

/*
 * Runs fn's fetch of request over from..to with a fresh client built from o (NULL: the
 * defaults of bt_options) and a fresh cache, so fault routes are not answered from the cache.
 */
static inline int bt_fetch_with(const mf_connector *c, const mf_http_options *o,
                                const char *request, const char *from, const char *to,
                                mf_conn_rows *out, mf_error *err)
{
    mf_http_options def;
    bt_options(&def, &bt.sleeps);
    mf_http_client *http = NULL;
    mf_conn_cache *cache = NULL;
    mf_error e;
    assert_int_equal(mf_http_client_new(o ? o : &def, &http, &e), 0);
    assert_int_equal(mf_conn_cache_new(1 << 24, &cache, &e), 0);
    mf_conn_env env = bt.c.env;
    env.http = http;
    env.cache = cache;
    int rc = c->fetch(&env, request, mf_test_date(from), mf_test_date(to), out, err);
    mf_conn_cache_free(cache);
    mf_http_client_free(http);
    return rc;
}

/* The row of key on date (ISO), or NULL. */
static inline const mf_conn_row *bt_find(const mf_conn_rows *rows, const char *key, const char *iso)
{
    mf_date d = mf_test_date(iso);
    for (size_t i = 0; i < rows->n; i++)
        if (rows->v[i].date == d && strcmp(rows->v[i].key, key) == 0)
            return &rows->v[i];
    return NULL;
}

/* How many rows have key. */
static inline size_t bt_count(const mf_conn_rows *rows, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++)
        n += strcmp(rows->v[i].key, key) == 0;
    return n;
}

/* Asserts the row of key on iso exists with value v (to 1e-12) and available_at avail (ISO or
 * NULL for "from the release lag"). */
static inline void bt_expect(const mf_conn_rows *rows, const char *key, const char *iso, double v,
                             const char *avail)
{
    const mf_conn_row *r = bt_find(rows, key, iso);
    if (!r) {
        fail_msg("no row %s on %s", key, iso);
        return;
    }
    assert_true(fabs(r->value - v) <= 1e-12 * (fabs(v) > 1 ? fabs(v) : 1));
    if (avail)
        assert_int_equal(r->available_at, mf_test_date(avail));
    else
        assert_int_equal(r->available_at, MF_CONN_AVAILABLE_FROM_LAG);
}

/* Asserts the row of key on iso exists and is NaN (published as missing). */
static inline void bt_expect_nan(const mf_conn_rows *rows, const char *key, const char *iso)
{
    const mf_conn_row *r = bt_find(rows, key, iso);
    if (!r) {
        fail_msg("no row %s on %s", key, iso);
        return;
    }
    assert_true(isnan(r->value));
}

/* Asserts err's message contains every one of the NULL-terminated substrings. */
static inline void bt_expect_msg(const mf_error *err, const char *const *parts)
{
    for (; *parts; parts++)
        if (!strstr(err->msg, *parts))
            fail_msg("message '%s' lacks '%s'", err->msg, *parts);
}

#endif
