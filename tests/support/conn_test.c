/*
 * conn_test.c - connector test environment and whole-file reading (conn_test.h).
 */
#include "support/conn_test.h"

#include "support/test.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "data/catalog.h"

static void record_sleep(void *ctx, long ms)
{
    mf_test_conn *t = ctx;
    if (t->n_sleeps < 32)
        t->sleeps_ms[t->n_sleeps] = ms;
    t->n_sleeps++;
}

void mf_test_conn_new(mf_test_conn *t, const char *server, const char *path, size_t max_body,
                      const char *api_key)
{
    memset(t, 0, sizeof *t);
    mf_http_options o;
    mf_http_options_default(&o);
    o.connect_timeout_ms = 1000;
    o.total_timeout_ms = 2000;
    o.max_retries = 2;
    o.backoff_base_ms = 100;
    o.backoff_max_ms = 1500;
    o.sleep = record_sleep;
    o.sleep_ctx = t;
    if (max_body)
        o.max_body_bytes = max_body;
    mf_error e = {0};
    if (mf_http_client_new(&o, &t->http, &e) != 0 ||
        mf_conn_cache_new(64u << 20, &t->cache, &e) != 0 ||
        mf_calendar_new("br", &t->br, &e) != 0 || mf_calendar_new("us-gov", &t->us, &e) != 0)
        fail_msg("connector test environment: %s", e.msg);
    snprintf(t->base_url, sizeof t->base_url, "%s%s", server, path);
    t->env = (mf_conn_env){.http = t->http,
                           .cache = t->cache,
                           .base_url = t->base_url,
                           .api_key = api_key ? api_key : "",
                           .br = t->br,
                           .us = t->us,
                           .today = mf_test_date("2026-11-24")};
}

void mf_test_conn_free(mf_test_conn *t)
{
    mf_conn_cache_free(t->cache);
    mf_http_client_free(t->http);
    mf_calendar_free(t->br);
    mf_calendar_free(t->us);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open '%s'", path);
    size_t cap = 1 << 16, n = 0;
    char *buf = mf_malloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = mf_realloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *mf_test_read_fixture(const char *relative, size_t *len)
{
    char path[1024];
    mf_test_fixture_path(path, sizeof path, relative);
    return read_all(path, len);
}

char *mf_test_read_shared(const char *relative, size_t *len)
{
    char path[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, relative))
        fail_msg("shared reference file missing (CI has it): %s", path);
    return read_all(path, len);
}

/* Splits one CSV record of line (RFC 4180 quotes, no newline inside) into f[]; unquotes in
 * place. Returns the field count or -1. */
size_t mf_test_load_catalog(const char *kind, const char *source, mf_catalog *out)
{
    char rel[256], name[128];
    snprintf(rel, sizeof rel, "../../catalog/%s/%s.csv", kind, source);
    snprintf(name, sizeof name, "%s/%s.csv", kind, source);
    size_t len;
    char *text = mf_test_read_fixture(rel, &len);
    *out = (mf_catalog){0};
    mf_error err;
    if (mf_catalog_parse(out, name, text, len, &err) != 0)
        fail_msg("%s", err.msg);
    mf_free(text);
    return strcmp(kind, "series") == 0 ? out->n_series : out->n_instruments;
}

size_t mf_test_check_catalog(const char *kind, const char *source)
{
    mf_catalog cat;
    size_t n = mf_test_load_catalog(kind, source, &cat);
    mf_catalog_free(&cat);
    return n;
}
