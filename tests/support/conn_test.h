/*
 * conn_test.h - what the connectors' tests share: reading a
 * whole file (a fixture or a real recording under ../shared/reference) and a connector
 * environment (HTTP client with short timeouts and recorded sleeps, response cache, the br and
 * us-gov calendars) pointed at a replay server.
 *
 * Exports: mf_test_conn, mf_test_conn_new(), mf_test_conn_free(), mf_test_read_fixture(),
 * mf_test_read_shared(), mf_test_load_catalog(), mf_test_check_catalog().
 */
#ifndef MF_TEST_SUPPORT_CONN_TEST_H
#define MF_TEST_SUPPORT_CONN_TEST_H

#include <stddef.h>

#include "data/catalog.h"
#include "data/connector.h"

typedef struct mf_test_conn {
    mf_conn_env env;
    mf_http_client *http;
    mf_conn_cache *cache;
    mf_calendar *br, *us;
    char base_url[128];
    long sleeps_ms[32];
    int n_sleeps;
} mf_test_conn;

/*
 * Fills *t: base_url = server + path (e.g. "/fred"), a client with 1 s connect / 2 s total
 * timeouts, 2 retries, max_body_bytes (0: 8 MiB), sleeps recorded in t, today 2026-11-24.
 * Fails the test on error. t must not move afterwards (the client records into it).
 */
void mf_test_conn_new(mf_test_conn *t, const char *server, const char *path, size_t max_body,
                      const char *api_key);
void mf_test_conn_free(mf_test_conn *t);

/* Reads tests/fixtures/<relative> / ../shared/reference/<relative> whole (NUL-terminated);
 * fails the test when missing. Free with mf_free(). */
char *mf_test_read_fixture(const char *relative, size_t *len);
char *mf_test_read_shared(const char *relative, size_t *len);

/*
 * Parses catalog/<kind>/<source>.csv of the repository (kind "series" or "instruments") with
 * the catalogue loader (data/catalog.h: header, fields, code rules, categories, release lags,
 * unique codes and source keys, the connector's check_key on every key) into *out, failing
 * the test on the first problem; returns its number of rows. Free *out with mf_catalog_free().
 * mf_test_check_catalog() only counts.
 */
size_t mf_test_load_catalog(const char *kind, const char *source, mf_catalog *out);
size_t mf_test_check_catalog(const char *kind, const char *source);

#endif
