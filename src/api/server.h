/*
 * server.h - `mf serve`'s HTTP server on libmicrohttpd: one I/O thread on epoll, a pool of
 * handler workers fed by one first-come-first-served queue, the route table (api.h), store
 * connections from a pool, and the middleware every request passes through.
 *
 * Exports: mf_api_options (+ mf_api_options_default), mf_api_server, mf_api_start(),
 * mf_api_port(), mf_api_stop().
 *
 * The chain, in order: a request id (X-Request-Id, echoed or made), the body size limit
 * (413), CORS (allowed origins from the configuration; no wildcard unless configured), the
 * authentication/role hook (every route allowed until a later issue fills it), routing (404;
 * 405 with Allow), the handler, ETag / If-None-Match (304) on cacheable reads, gzip when the
 * client accepts it and the body is large, then the access log (one JSON line: method, path,
 * status, bytes, duration, request id) and the metrics. Errors are RFC 7807 problems.
 * GET /api/v1/events answers with a stream fed by the event hub (events.h) instead of a body.
 */
#ifndef MF_API_SERVER_H
#define MF_API_SERVER_H

#include <stddef.h>

#include "core/error.h"
#include "core/log.h"

typedef struct mf_api_options {
    const char *host;         /* address to bind: "127.0.0.1" */
    int port;                 /* 0: any free port (see mf_api_port()) */
    int threads;              /* handler workers (1..32); store connections: two per worker */
    const char *store_url;    /* opened lazily per pooled connection; reopened after it fails */
    size_t max_body_bytes;    /* request bodies larger are refused with 413 */
    int timeout_s;            /* idle connection timeout, seconds */
    const char *cors_origins; /* comma-separated allowed origins, "*" for any; "" none */
    size_t gzip_min_bytes;    /* bodies at least this large are gzipped when accepted */
    const char *web_root;     /* the web UI's built files (web/dist), served at / with
                                 index.html for client routes; NULL, "" or missing: none */
    mf_log *log;              /* access log and errors; may be NULL */
    int sse_poll_ms;          /* GET /api/v1/events: how often the event log is read, ms */
    int sse_heartbeat_s;      /* seconds between ": heartbeat" comments on a stream */
    int sse_max_streams;      /* event streams open at once; more get 503 */
} mf_api_options;

/* 127.0.0.1:8080, 4 threads, 1 MiB bodies, 30 s timeout, no CORS, gzip from 1 KiB; events
   read every 500 ms, heartbeats every 15 s, at most 100 streams. */
void mf_api_options_default(mf_api_options *o);

typedef struct mf_api_server mf_api_server;

/* Starts serving (the options are copied). MF_EIO naming host and port when it cannot bind;
   MF_EINVAL for bad options. Caller stops it with mf_api_stop(). */
int mf_api_start(const mf_api_options *o, mf_api_server **out, mf_error *err);

/* The port the server listens on. */
int mf_api_port(const mf_api_server *s);

/* Stops accepting, lets requests in flight finish, closes the store connections, frees s;
   NULL is allowed. */
void mf_api_stop(mf_api_server *s);

#endif
