/*
 * api.h (tests) - the HTTP API over real HTTP for the tests under tests/unit/api: an
 * mf_api_start() server on an ephemeral port of 127.0.0.1 over a fresh store of the run's
 * backend (MF_TEST_STORE_URL, as support/store.h: a SQLite file in a temporary directory, or
 * a PostgreSQL database of its own), and libcurl requests against it.
 *
 * Exports: mf_test_api (+ mf_test_api_init, mf_test_api_new, mf_test_api_options,
 * mf_test_api_start, mf_test_api_stop, mf_test_api_teardown), mf_test_reply (+ mf_test_get,
 * mf_test_http, mf_test_get_json, mf_test_reply_json, mf_test_problem_detail,
 * mf_test_reply_expect_problem, mf_test_expect_problem, mf_test_reply_capture,
 * mf_test_reply_free).
 *
 * Use: mf_test_api_new() or mf_test_api_init() (directory and store URL; initialises libcurl),
 * fill the store, mf_test_api_start(), requests, then mf_test_api_teardown() or
 * mf_test_api_stop() (stops the server if it still runs, drops a PostgreSQL store, removes
 * the directory, releases libcurl). Every check fails the running test with the request ("GET
 * /path") in its message.
 */
#ifndef MF_TEST_SUPPORT_API_H
#define MF_TEST_SUPPORT_API_H

#include <curl/curl.h>
#include <jansson.h>
#include <stddef.h>

#include "api/api.h"
#include "api/server.h"

/* A test server: its temporary directory, its store and where it listens. */
typedef struct mf_test_api {
    char dir[64];          /* /tmp/<name>-XXXXXX, removed by mf_test_api_stop() */
    char store_url[1024];  /* sqlite:<dir>/store.db, or a PostgreSQL database of its own */
    char base[64];         /* http://127.0.0.1:<port>, set by mf_test_api_start() */
    mf_api_server *server; /* NULL before start and after stop */
} mf_test_api;

/* Makes the temporary directory /tmp/<name>-XXXXXX and the store URL, and initialises libcurl
   (curl_global_init, undone by mf_test_api_stop()); fails the test when it cannot. The store is
   created by whoever opens it first (the test filling it, or the server). */
void mf_test_api_init(mf_test_api *t, const char *name);

/* mf_test_api_init() on a new mf_test_api, for a cmocka setup that puts it in *state and
   names mf_test_api_teardown() as the teardown. */
mf_test_api *mf_test_api_new(const char *name);

/* A cmocka teardown: mf_test_api_stop() and frees the mf_test_api_new() result in *state. */
int mf_test_api_teardown(void **state);

/* mf_api_options_default() for a test: any free port, 2 threads, t's store. */
void mf_test_api_options(const mf_test_api *t, mf_api_options *o);

/* Starts the server with o (NULL: mf_test_api_options()); fails the test with the server's
   message when it cannot. Sets t->base, bypasses any proxy for 127.0.0.1. */
void mf_test_api_start(mf_test_api *t, const mf_api_options *o);

/* Stops the server (unless the test already did and set t->server to NULL), removes the
   directory, releases libcurl. Returns 0, or -1 when the directory could not be removed (a
   teardown's result). */
int mf_test_api_stop(mf_test_api *t);

/* One answer: status, the raw header block and the body (always a NUL-terminated string,
   "" when empty). what names the request for failure messages ("GET /api/v1/series"). */
typedef struct mf_test_reply {
    long status;
    char headers[4096];
    size_t headers_len;
    mf_api_buf body;
    char what[160];
} mf_test_reply;

/* GET base+path; fails the test when the transfer fails. Free with mf_test_reply_free(). */
mf_test_reply mf_test_get(const mf_test_api *t, const char *path);

/* method (NULL: GET) base+path with one extra request header line ("Name: value", or NULL)
   and body sent as POST data (or NULL). The path is sent as is (no ../ folding). */
mf_test_reply mf_test_http(const mf_test_api *t, const char *method, const char *path,
                           const char *header, const char *body);

/* The body parsed as JSON; fails the test when it is not. Caller json_decref()s it. */
json_t *mf_test_reply_json(const mf_test_reply *r);

/* GET path: its status in *status and its body parsed as JSON (fails when not JSON). */
json_t *mf_test_get_json(const mf_test_api *t, const char *path, long *status);

/* Checks r is an RFC 7807 problem with the given status (the status line, the content type
   application/problem+json and the "status" member) and copies its "detail" into buf. */
const char *mf_test_problem_detail(const mf_test_reply *r, long status, char *buf, size_t size);

/* mf_test_problem_detail() and the detail must contain detail_part. */
void mf_test_reply_expect_problem(const mf_test_reply *r, long status, const char *detail_part);

/* GET path must answer a problem with the given status whose detail contains detail_part. */
void mf_test_expect_problem(const mf_test_api *t, const char *path, long status,
                            const char *detail_part);

/* Points easy's body and header callbacks at r and makes r's body "" (for transfers the
   caller drives itself, such as streams on a curl multi handle). */
void mf_test_reply_capture(CURL *easy, mf_test_reply *r);

void mf_test_reply_free(mf_test_reply *r);

#endif
