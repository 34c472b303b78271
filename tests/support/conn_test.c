/*
 * conn_test.c - connector test environment and whole-file reading (conn_test.h).
 */
#include "support/conn_test.h"

#include "support/test.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

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
static int split_record(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return -1;
        char *out = p;
        f[n++] = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            if (*p != ',' && *p != '\0')
                return -1;
        } else {
            while (*p && *p != ',')
                *out++ = *p++;
        }
        char end = *p;
        *out = '\0';
        if (end == '\0')
            return n;
        p++;
    }
}

size_t mf_test_check_catalog(const char *kind, const char *source)
{
    static const char *const categories[] = {
        "rates",  "inflation", "activity", "labour",       "fiscal",      "external",   "fx",
        "equity", "commodity", "credit",   "expectations", "positioning", "volatility", "money"};
    static const char *const asset_classes[] = {"rates",  "inflation", "fx",
                                                "credit", "equity",    "commodity"};
    static const char *const types[] = {"future", "bond", "fx_spot",      "fx_forward", "index",
                                        "swap",   "cds",  "equity_index", "commodity"};
    bool series = strcmp(kind, "series") == 0;
    char rel[256];
    snprintf(rel, sizeof rel, "../../catalog/%s/%s.csv", kind, source);
    size_t len;
    char *text = mf_test_read_fixture(rel, &len);
    const mf_connector *c = mf_connector_find(source);
    if (!c)
        fail_msg("no connector '%s'", source);
    char codes[512][64];
    size_t rows = 0, line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        line[strcspn(line, "\r")] = '\0';
        if (line_no == 1) {
            const char *want = series ? "code,source_key,name,frequency,unit,country,category,"
                                        "release_lag_days,description"
                                      : "ticker,source_key,name,asset_class,instrument_type,"
                                        "currency,country,exchange";
            if (strcmp(line, want) != 0)
                fail_msg("%s: header '%s'", rel, line);
            continue;
        }
        char *f[12];
        int n = split_record(line, f, 12);
        if (n != (series ? 9 : 8))
            fail_msg("%s:%zu: %d fields", rel, line_no, n);
        size_t cl = strlen(f[0]);
        if (cl == 0 || cl > 63 ||
            strspn(f[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                         "0123456789_.-") != cl)
            fail_msg("%s:%zu: code '%s'", rel, line_no, f[0]);
        for (size_t i = 0; i < rows; i++)
            if (strcmp(codes[i], f[0]) == 0)
                fail_msg("%s:%zu: code '%s' twice", rel, line_no, f[0]);
        if (rows == 512)
            fail_msg("%s: too many rows for the check", rel);
        snprintf(codes[rows], sizeof codes[rows], "%s", f[0]);
        mf_error e = {0};
        if (c->check_key(f[1], &e) != 0)
            fail_msg("%s:%zu: %s", rel, line_no, e.msg);
        /* the store's field sizes (store/repo_series.h, repo_instruments.h) */
        if (strlen(f[2]) == 0 || strlen(f[2]) > (series ? 255u : 127u) || strlen(f[1]) > 63 ||
            (!series && (cl > 31 || strlen(f[7]) > 15)) ||
            (series && (strlen(f[4]) > 31 || strlen(f[8]) > 1023)))
            fail_msg("%s:%zu: a field is empty or longer than the store keeps", rel, line_no);
        if (series) {
            if (strlen(f[3]) != 1 || !strchr("DWMQA", f[3][0]) || strlen(f[4]) == 0 ||
                strlen(f[5]) != 2 || strspn(f[7], "0123456789") != strlen(f[7]) ||
                strlen(f[7]) == 0 || strlen(f[8]) == 0)
                fail_msg("%s:%zu: frequency/unit/country/lag/description", rel, line_no);
            bool ok = false;
            for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
                ok = ok || strcmp(f[6], categories[i]) == 0;
            if (!ok)
                fail_msg("%s:%zu: category '%s'", rel, line_no, f[6]);
        } else {
            bool ok1 = false, ok2 = false;
            for (size_t i = 0; i < sizeof asset_classes / sizeof asset_classes[0]; i++)
                ok1 = ok1 || strcmp(f[3], asset_classes[i]) == 0;
            for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
                ok2 = ok2 || strcmp(f[4], types[i]) == 0;
            if (!ok1 || !ok2 || strlen(f[5]) != 3 || strlen(f[6]) != 2)
                fail_msg("%s:%zu: asset class/type/currency/country", rel, line_no);
        }
        rows++;
    }
    mf_free(text);
    return rows;
}
