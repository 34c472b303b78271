/*
 * http.h - the HTTP client every data connector fetches through (libcurl underneath).
 *
 * Exports: mf_http_options (+ mf_http_options_default), mf_http_client (mf_http_client_new,
 * mf_http_client_free), mf_http_response (mf_http_response_free), mf_http_get().
 *
 * One client holds one libcurl easy handle, reused for every request, so connections to a
 * host are kept alive and reused. Each GET has a connect timeout and a total timeout, is
 * retried on timeouts, connection errors, truncated bodies, HTTP 429 and 5xx with exponential
 * backoff and jitter (honouring Retry-After, capped by backoff_max_ms), waits min_interval_ms
 * between requests to the same host (a per-host rate limit), asks for gzip/deflate and decodes
 * it, caps the body at max_body_bytes, and sends a User-Agent naming the project. Proxies come
 * from the environment (http_proxy, https_proxy, no_proxy ...): that is libcurl's default and
 * the client does not override it. Times are milliseconds (_ms); sizes are bytes.
 */
#ifndef MF_DATA_HTTP_H
#define MF_DATA_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Sleeps ms milliseconds; tests inject one that records instead of waiting. */
typedef void (*mf_http_sleep_fn)(void *ctx, long ms);

typedef struct mf_http_options {
    long connect_timeout_ms; /* TCP + TLS connect, per attempt */
    long total_timeout_ms;   /* whole transfer, per attempt */
    int max_retries;         /* retries after the first attempt (0 = one attempt) */
    long backoff_base_ms;    /* delay before retry k is drawn in [b/2, b], b = base * 2^k */
    long backoff_max_ms;     /* cap on b and on a server's Retry-After */
    long min_interval_ms;    /* per host: least time between the starts of two requests */
    size_t max_body_bytes;   /* decoded body larger than this is an error */
    const char *user_agent;  /* NULL: "macro-fund-system/<version> (+mf)"; copied */
    uint64_t jitter_seed;    /* seeds the backoff jitter generator */
    mf_http_sleep_fn sleep;  /* NULL: nanosleep */
    void *sleep_ctx;
} mf_http_options;

/* Fills o with the defaults: 10 s connect, 60 s total, 3 retries, 500 ms base, 30 s max
 * backoff, 0 ms per-host interval, 64 MiB body cap, the project User-Agent, seed 1. */
void mf_http_options_default(mf_http_options *o);

typedef struct mf_http_client mf_http_client;

/*
 * Creates a client with a copy of opts (NULL: the defaults). Checks the limits (timeouts > 0,
 * retries 0..20, backoff >= 0, max_body_bytes > 0). Caller owns *out; free with
 * mf_http_client_free(). Initialises libcurl (reference counted by libcurl itself).
 */
int mf_http_client_new(const mf_http_options *opts, mf_http_client **out, mf_error *err);

/* Releases the client and its connections; NULL is allowed. */
void mf_http_client_free(mf_http_client *c);

/* A response. Zero-initialise it; mf_http_get() reuses its buffer; free the buffer with
 * mf_http_response_free(). */
typedef struct mf_http_response {
    long status;            /* last HTTP status seen (0 if none) */
    char *body;             /* decoded body, NUL-terminated (the NUL is not in body_len) */
    size_t body_len;        /* bytes */
    size_t body_cap;        /* allocated bytes */
    char content_type[128]; /* Content-Type header ("" if none), truncated to fit */
    int attempts;           /* attempts made by the last mf_http_get() */
} mf_http_response;

/* Releases resp's body and zeroes it; NULL is allowed. */
void mf_http_response_free(mf_http_response *resp);

/*
 * GETs url into resp. Returns 0 for a 2xx status. Otherwise, after retries where they apply:
 * MF_ENOTFOUND for HTTP 404, MF_EIO for any other status >= 300 ("GET URL: HTTP 503 (4
 * attempts)"), a timeout ("GET URL: timed out after N ms (3 attempts)"), a connection error
 * or a truncated body; MF_ERANGE for a body over max_body_bytes (not retried); MF_EINVAL for
 * a malformed URL. resp->status and resp->attempts are set in every case.
 */
int mf_http_get(mf_http_client *c, const char *url, mf_http_response *resp, mf_error *err);

#endif
