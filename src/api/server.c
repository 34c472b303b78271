/*
 * server.c - the HTTP server (server.h): libmicrohttpd's one I/O thread on epoll, a pool of
 * handler workers fed first come, first served, a pool of store connections, and the
 * middleware chain around the route table.
 *
 * A request's last call (headers and body read) suspends its connection and queues it; a
 * worker routes it, runs the handler and prepares the response (ETag, gzip, headers), then
 * resumes the connection, and the I/O thread queues the response. One queue for every
 * connection keeps the waits fair: with a pool per connection (libmicrohttpd's own thread
 * pool) the connections that land on a busy thread wait behind its others while another
 * thread may idle.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#include "api/server.h"

#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "api/api.h"
#include "api/events.h"
#include "api/metrics.h"
#include "api/static_files.h"
#include "core/alloc.h"
#include "store/store.h"

enum { MAX_STORES = 64, MAX_WORKERS = 32 };

/* A store connection for one request at a time. */
typedef struct store_slot {
    mf_store *st;
    bool busy;
} store_slot;

typedef struct request_state request_state;

struct mf_api_server {
    mf_api_options o;
    char host[64], store_url[1024], cors[1024];
    char web_root[PATH_MAX]; /* resolved; "" when no files are served */
    struct MHD_Daemon *daemon;
    mf_api_events *events; /* the hub of GET /api/v1/events */
    int port;
    pthread_mutex_t mu; /* the store slots and the log */
    pthread_cond_t freed;
    store_slot stores[MAX_STORES];
    int n_stores;
    atomic_int in_flight;
    atomic_ullong next_id;
    /* the handler workers and their queue of requests, first come first served */
    pthread_t workers[MAX_WORKERS];
    int n_workers;
    pthread_mutex_t queue_mu;
    pthread_cond_t queued;
    request_state *head, *tail;
    bool stopping; /* the workers drain the queue, then end */
};

void mf_api_options_default(mf_api_options *o)
{
    *o = (mf_api_options){.host = "127.0.0.1",
                          .port = 8080,
                          .threads = 4,
                          .store_url = "sqlite:mf.db",
                          .max_body_bytes = (size_t)1 << 20,
                          .timeout_s = 30,
                          .cors_origins = "",
                          .gzip_min_bytes = 1024,
                          .sse_poll_ms = 500,
                          .sse_heartbeat_s = 15,
                          .sse_max_streams = 100};
}

/* ---- store connections -------------------------------------------------------------------- */

/* The index of a slot no request holds, or -1 (call with the lock held). */
static int first_free(const mf_api_server *s)
{
    for (int i = 0; i < s->n_stores; i++)
        if (!s->stores[i].busy)
            return i;
    return -1;
}

/* A free slot with an open store (opened now if need be: *fresh), or NULL with err set. */
static store_slot *acquire_store(mf_api_server *s, bool *fresh, mf_error *err)
{
    pthread_mutex_lock(&s->mu);
    int free_slot;
    while ((free_slot = first_free(s)) < 0)
        pthread_cond_wait(&s->freed, &s->mu);
    store_slot *slot = &s->stores[free_slot];
    slot->busy = true;
    pthread_mutex_unlock(&s->mu);
    *fresh = !slot->st;
    if (!slot->st && mf_store_open(s->store_url, &slot->st, err) != 0) {
        slot->st = NULL;
        pthread_mutex_lock(&s->mu);
        slot->busy = false;
        pthread_cond_signal(&s->freed);
        pthread_mutex_unlock(&s->mu);
        return NULL;
    }
    return slot;
}

/* Returns a slot; a connection that answered "unavailable" is closed, to be reopened. */
static void release_store(mf_api_server *s, store_slot *slot, bool broken)
{
    if (broken) {
        mf_store_close(slot->st);
        slot->st = NULL;
    }
    pthread_mutex_lock(&s->mu);
    slot->busy = false;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->mu);
}

/* ---- middleware pieces -------------------------------------------------------------------- */

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static const char *header_value(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, name);
}

static const char *query_value(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* The client's X-Request-Id when it is sane (1..64 of [A-Za-z0-9_-]), else a new one. */
static void request_id(mf_api_server *s, struct MHD_Connection *c, char *buf, size_t size)
{
    const char *given = header(c, "X-Request-Id");
    size_t n = given ? strlen(given) : 0;
    bool ok = n > 0 && n <= 64;
    for (size_t i = 0; ok && i < n; i++) {
        char ch = given[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '-' || ch == '_';
    }
    if (ok)
        snprintf(buf, size, "%s", given);
    else
        snprintf(buf, size, "req-%llx-%llx", (unsigned long long)time(NULL),
                 (unsigned long long)atomic_fetch_add(&s->next_id, 1));
}

/* The allowed origin to echo for this request's Origin, or NULL. */
static const char *cors_origin(const mf_api_server *s, struct MHD_Connection *c)
{
    const char *origin = header(c, "Origin");
    if (!origin || !s->cors[0])
        return NULL;
    if (strcmp(s->cors, "*") == 0)
        return "*";
    size_t n = strlen(origin);
    for (const char *p = s->cors; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && *p == ' ')
            p++, len--;
        if (len == n && strncmp(p, origin, n) == 0)
            return origin;
        p += len + (comma != NULL);
    }
    return NULL;
}

/* Whether an Accept-Encoding value accepts gzip (not "gzip;q=0"). */
static bool accepts_gzip(const char *accept)
{
    if (!accept)
        return false;
    const char *g = strstr(accept, "gzip");
    return g && strncmp(g + 4, ";q=0", 4) != 0;
}

/* gzip of in into out (replaced); false when zlib fails (the body is sent as is). */
static bool gzip_body(const mf_api_buf *in, mf_api_buf *out)
{
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    uLong bound = deflateBound(&z, (uLong)in->len);
    out->data = mf_malloc(bound + 1);
    out->cap = bound + 1;
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    z.next_out = (Bytef *)out->data;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    out->len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        mf_api_buf_free(out);
        return false;
    }
    return true;
}

/* ---- one request -------------------------------------------------------------------------- */

typedef struct answer {
    mf_api_response resp;
    char allow[128];
    char etag[24];
    bool gzipped;
} answer;

/* What the server keeps of one request between libmicrohttpd's calls, and the job a worker
   runs: the I/O thread fills the request's part, the worker the answer's. */
struct request_state {
    struct timespec t0;
    size_t body_bytes;
    bool too_large;
    struct MHD_Connection *conn;   /* suspended while queued and run */
    const char *method, *url;      /* libmicrohttpd's, valid until the request completes */
    char rid[80];                  /* the request id */
    answer a;                      /* the handler's answer */
    size_t route;                  /* index for the metrics */
    struct MHD_Response *response; /* prepared by the worker; NULL for a stream */
    bool answered;                 /* the worker ran it (then resumed the connection) */
    request_state *next;           /* in the queue */
};

/* Whether the handler accepted an event stream (GET /api/v1/events). */
static bool is_stream(const request_state *rs)
{
    return rs->a.resp.event_stream && rs->a.resp.status == 200 && strcmp(rs->method, "GET") == 0;
}

/* Routes and runs the handler (with a store connection) for a request whose body is in. */
static size_t dispatch(mf_api_server *s, struct MHD_Connection *c, const char *method,
                       const char *url, const char *rid, request_state *rs, answer *a)
{
    size_t n_routes;
    mf_api_routes(&n_routes);
    mf_api_response *resp = &a->resp;
    if (rs->too_large) {
        mf_api_problem(resp, 413, "Content Too Large", "request body over %zu bytes",
                       s->o.max_body_bytes);
        return n_routes;
    }
    if ((strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
        mf_api_static(s->web_root, url, resp))
        return n_routes;
    mf_api_request req = {.method = method,
                          .path = url,
                          .request_id = rid,
                          .query = query_value,
                          .query_ctx = c,
                          .header = header_value};
    bool known;
    const mf_api_route *route =
        mf_api_route_match(method, url, &req, &known, a->allow, sizeof a->allow);
    if (!route) {
        if (known)
            mf_api_problem(resp, 405, "Method Not Allowed", "%s is not allowed on %s; allowed: %s",
                           method, url, a->allow);
        else
            mf_api_problem(resp, 404, "Not Found", "no route for %s %.200s", method, url);
        return n_routes;
    }
    size_t index = (size_t)(route - mf_api_routes(&n_routes));
    /* The authentication and role hook: route->role is checked here once users exist. */
    mf_error err;
    bool fresh;
    store_slot *slot = acquire_store(s, &fresh, &err);
    if (!slot) {
        mf_api_problem(resp, 503, "Service Unavailable", "the store is unavailable: %s", err.msg);
        return index;
    }
    req.store = slot->st;
    route->handler(&req, resp);
    bool read = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (resp->status == 503 && !fresh && read) {
        /* A pooled connection that broke while the store was away (a restarted PostgreSQL):
           a read is tried once more on a new one, so a store that is back answers at once. */
        release_store(s, slot, true);
        mf_api_buf_free(&resp->body);
        *resp = (mf_api_response){.status = 500};
        if (!(slot = acquire_store(s, &fresh, &err))) {
            mf_api_problem(resp, 503, "Service Unavailable", "the store is unavailable: %s",
                           err.msg);
            return index;
        }
        req.store = slot->st;
        route->handler(&req, resp);
    }
    release_store(s, slot, resp->status == 503);
    return index;
}

/* The headers every answer carries: request id, nosniff, CORS. */
static void common_headers(mf_api_server *s, struct MHD_Connection *c, struct MHD_Response *r,
                           const char *rid)
{
    MHD_add_response_header(r, "X-Request-Id", rid);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    const char *origin = cors_origin(s, c);
    if (origin)
        MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
}

/* Starts an event stream for a (a GET of /api/v1/events the handler accepted): the hub's
   streaming response, or a 503 problem in a when too many streams are open. */
static enum MHD_Result send_stream(mf_api_server *s, struct MHD_Connection *c, const char *rid,
                                   answer *a)
{
    struct MHD_Response *r = mf_api_events_open(s->events, c, a->resp.events_after);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    common_headers(s, c, r, rid);
    /* A stream is idle between events: its timeout must outlast the heartbeat interval. */
    unsigned timeout = (unsigned)(s->o.timeout_s + 2 * s->o.sse_heartbeat_s);
    MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, timeout);
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
}

/* A response that takes the first len bytes of b without copying them: libmicrohttpd frees
   the buffer when the response is gone; b keeps its length (the access log's) but no data. */
static struct MHD_Response *response_taking(mf_api_buf *b, size_t len)
{
    static char empty[1];
    if (!b->data)
        return MHD_create_response_from_buffer(0, empty, MHD_RESPMEM_PERSISTENT);
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback(len, b->data, mf_free);
    if (r) {
        b->data = NULL;
        b->cap = 0;
    }
    return r;
}

/* The response of a: headers of the chain, ETag/304, gzip; a->resp.status becomes the status
   to send (304 when the client has the ETag). NULL when libmicrohttpd has no memory. */
static struct MHD_Response *prepare_answer(mf_api_server *s, struct MHD_Connection *c,
                                           const char *rid, answer *a)
{
    mf_api_response *resp = &a->resp;
    const char *body = resp->body.data ? resp->body.data : "";
    size_t len = resp->body.len;
    int status = resp->status;
    if (resp->cacheable && status == 200) {
        snprintf(a->etag, sizeof a->etag, "\"%016llx\"",
                 (unsigned long long)XXH3_64bits(body, len));
        const char *inm = header(c, "If-None-Match");
        if (inm && strstr(inm, a->etag)) {
            status = 304;
            len = 0;
        }
    }
    mf_api_buf zipped = {0};
    if (status != 304 && len >= s->o.gzip_min_bytes && accepts_gzip(header(c, "Accept-Encoding")) &&
        gzip_body(&resp->body, &zipped))
        a->gzipped = true;
    struct MHD_Response *r =
        a->gzipped ? response_taking(&zipped, zipped.len) : response_taking(&resp->body, len);
    mf_api_buf_free(&zipped);
    if (!r)
        return NULL;
    if (status != 304)
        MHD_add_response_header(r, "Content-Type", resp->content_type);
    common_headers(s, c, r, rid);
    if (a->etag[0])
        MHD_add_response_header(r, "ETag", a->etag);
    if (resp->cacheable)
        MHD_add_response_header(r, "Vary", "Accept-Encoding, Origin");
    if (a->gzipped)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (status == 405)
        MHD_add_response_header(r, "Allow", a->allow);
    if (status == 503 && a->resp.event_stream)
        MHD_add_response_header(r, "Retry-After", "3");
    resp->status = status;
    return r;
}

/* Queues r with the status of a and lets it go. */
static enum MHD_Result send_response(struct MHD_Connection *c, const answer *a,
                                     struct MHD_Response *r)
{
    if (!r)
        return MHD_NO;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)a->resp.status, r);
    MHD_destroy_response(r);
    return ok;
}

static void access_log(mf_api_server *s, const char *method, const char *url, int status,
                       size_t bytes, double seconds, const char *rid)
{
    if (!s->o.log)
        return;
    const mf_log_kv kv[] = {MF_LOG_STR("method", method),
                            MF_LOG_STR("path", url),
                            MF_LOG_INT("status", status),
                            MF_LOG_INT("bytes", bytes),
                            MF_LOG_NUM("duration_ms", seconds * 1e3),
                            MF_LOG_STR("request_id", rid)};
    pthread_mutex_lock(&s->mu);
    mf_log_write_kv(s->o.log, MF_LOG_INFO, "api", "request", kv, sizeof kv / sizeof kv[0]);
    pthread_mutex_unlock(&s->mu);
}

/* libmicrohttpd's own messages (a client gone mid-stream, ...): debug records of the log. */
__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    mf_api_server *s = cls;
    if (!s->o.log)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    pthread_mutex_lock(&s->mu);
    mf_log_write(s->o.log, MF_LOG_DEBUG, "api", "libmicrohttpd", "detail", msg, (const char *)NULL);
    pthread_mutex_unlock(&s->mu);
}

/* A CORS preflight (OPTIONS with Origin and Access-Control-Request-Method). */
static enum MHD_Result preflight(mf_api_server *s, struct MHD_Connection *c)
{
    static char empty[1];
    struct MHD_Response *r = MHD_create_response_from_buffer(0, empty, MHD_RESPMEM_PERSISTENT);
    const char *origin = cors_origin(s, c);
    if (origin) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
        MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        MHD_add_response_header(r, "Access-Control-Allow-Headers",
                                "Content-Type, Authorization, X-Request-Id, Last-Event-ID");
        MHD_add_response_header(r, "Access-Control-Max-Age", "600");
    }
    enum MHD_Result ok = MHD_queue_response(c, origin ? 204 : 403, r);
    MHD_destroy_response(r);
    return ok;
}

/* A worker's part of a request: the chain up to a prepared response (the I/O thread opens an
   accepted event stream itself). */
static void run_request(mf_api_server *s, request_state *rs)
{
    rs->a = (answer){.resp = {.status = 500}};
    rs->route = dispatch(s, rs->conn, rs->method, rs->url, rs->rid, rs, &rs->a);
    if (!is_stream(rs))
        rs->response = prepare_answer(s, rs->conn, rs->rid, &rs->a);
}

static void *worker_main(void *arg)
{
    mf_api_server *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->queue_mu);
        while (!s->head && !s->stopping)
            pthread_cond_wait(&s->queued, &s->queue_mu);
        request_state *rs = s->head;
        if (rs) {
            s->head = rs->next;
            if (!s->head)
                s->tail = NULL;
        }
        pthread_mutex_unlock(&s->queue_mu);
        if (!rs)
            return NULL; /* stopping, and nothing left */
        run_request(s, rs);
        rs->answered = true;
        MHD_resume_connection(rs->conn); /* libmicrohttpd calls on_request again */
    }
}

/* The I/O thread's part once a worker answered: the stream or the response, metrics, log. */
static enum MHD_Result finish_request(mf_api_server *s, struct MHD_Connection *c, request_state *rs)
{
    answer *a = &rs->a;
    enum MHD_Result ok = MHD_NO;
    if (is_stream(rs)) {
        ok = send_stream(s, c, rs->rid, a);
        if (ok != MHD_YES) {
            mf_api_problem(&a->resp, 503, "Service Unavailable",
                           "too many event streams open (server.sse_max_streams = %d), or the "
                           "server is stopping; retry later",
                           s->o.sse_max_streams);
            ok = send_response(c, a, prepare_answer(s, c, rs->rid, a));
        }
    } else {
        ok = send_response(c, a, rs->response);
        rs->response = NULL;
    }
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds =
        (double)(t1.tv_sec - rs->t0.tv_sec) + (double)(t1.tv_nsec - rs->t0.tv_nsec) * 1e-9;
    mf_api_metrics_record(rs->route, a->resp.status, seconds);
    access_log(s, rs->method, rs->url, a->resp.status, a->resp.status == 304 ? 0 : a->resp.body.len,
               seconds, rs->rid);
    mf_api_buf_free(&a->resp.body);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    mf_api_server *s = cls;
    request_state *rs = *con_cls;
    if (!rs) { /* first call: headers only */
        rs = mf_calloc(1, sizeof *rs);
        clock_gettime(CLOCK_MONOTONIC, &rs->t0);
        const char *cl = header(c, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body_bytes)
            rs->too_large = true;
        *con_cls = rs;
        atomic_fetch_add(&s->in_flight, 1);
        return MHD_YES;
    }
    if (*upload_data_size > 0) { /* body bytes: counted, not kept (no route takes a body yet) */
        rs->body_bytes += *upload_data_size;
        if (rs->body_bytes > s->o.max_body_bytes)
            rs->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rs->answered)
        return finish_request(s, c, rs);
    if (strcmp(method, "OPTIONS") == 0 && header(c, "Access-Control-Request-Method"))
        return preflight(s, c);
    rs->conn = c;
    rs->method = method;
    rs->url = url;
    request_id(s, c, rs->rid, sizeof rs->rid);
    MHD_suspend_connection(c);
    pthread_mutex_lock(&s->queue_mu);
    if (s->tail)
        s->tail->next = rs;
    else
        s->head = rs;
    s->tail = rs;
    pthread_cond_signal(&s->queued);
    pthread_mutex_unlock(&s->queue_mu);
    return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)c;
    (void)code;
    mf_api_server *s = cls;
    request_state *rs = *con_cls;
    if (rs) {
        if (rs->response) /* answered, but the connection closed before it was sent */
            MHD_destroy_response(rs->response);
        mf_api_buf_free(&rs->a.resp.body);
        mf_free(rs);
        *con_cls = NULL;
        atomic_fetch_sub(&s->in_flight, 1);
    }
}

/* ---- start and stop ----------------------------------------------------------------------- */

/* Ends the workers once the queue is empty; each request queued is still answered. */
static void stop_workers(mf_api_server *s)
{
    pthread_mutex_lock(&s->queue_mu);
    s->stopping = true;
    pthread_cond_broadcast(&s->queued);
    pthread_mutex_unlock(&s->queue_mu);
    for (int i = 0; i < s->n_workers; i++)
        pthread_join(s->workers[i], NULL);
    s->n_workers = 0;
}

/* Frees what mf_api_start() made before the daemon. */
static void free_server(mf_api_server *s)
{
    stop_workers(s);
    mf_api_events_free(s->events);
    pthread_cond_destroy(&s->queued);
    pthread_mutex_destroy(&s->queue_mu);
    pthread_cond_destroy(&s->freed);
    pthread_mutex_destroy(&s->mu);
    mf_free(s);
}

int mf_api_start(const mf_api_options *o, mf_api_server **out, mf_error *err)
{
    if (o->threads < 1 || o->threads > MAX_WORKERS)
        return mf_error_set(err, MF_EINVAL, "threads %d: expected 1..%d", o->threads, MAX_WORKERS);
    if (o->port < 0 || o->port > 65535)
        return mf_error_set(err, MF_EINVAL, "port %d: expected 0..65535", o->port);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1)
        return mf_error_set(err, MF_EINVAL, "host '%s': expected an IPv4 address", o->host);
    mf_api_server *s = mf_calloc(1, sizeof *s);
    s->o = *o;
    snprintf(s->host, sizeof s->host, "%s", o->host);
    snprintf(s->store_url, sizeof s->store_url, "%s", o->store_url);
    snprintf(s->cors, sizeof s->cors, "%s", o->cors_origins ? o->cors_origins : "");
    s->o.host = s->host;
    s->o.store_url = s->store_url;
    s->o.cors_origins = s->cors;
    struct stat root_st;
    if (!o->web_root || !o->web_root[0] || !realpath(o->web_root, s->web_root) ||
        stat(s->web_root, &root_st) != 0 || !S_ISDIR(root_st.st_mode))
        s->web_root[0] = '\0';
    s->o.web_root = s->web_root;
    s->n_stores = o->threads * 2 < MAX_STORES ? o->threads * 2 : MAX_STORES;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->freed, NULL);
    pthread_mutex_init(&s->queue_mu, NULL);
    pthread_cond_init(&s->queued, NULL);
    mf_api_events_options eo = {.store_url = s->store_url,
                                .poll_ms = o->sse_poll_ms,
                                .heartbeat_s = o->sse_heartbeat_s,
                                .max_streams = o->sse_max_streams,
                                .log = o->log};
    if (mf_api_events_start(&eo, &s->events, err) != 0) {
        free_server(s);
        return err->code;
    }
    for (; s->n_workers < o->threads; s->n_workers++)
        if (pthread_create(&s->workers[s->n_workers], NULL, worker_main, s) != 0) {
            free_server(s);
            return mf_error_set(err, MF_EIO, "cannot start the handler threads");
        }
    s->daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME,
        (uint16_t)o->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_END);
    if (!s->daemon) {
        free_server(s);
        return mf_error_set(err, MF_EIO, "cannot listen on %s:%d (in use, or not allowed)", o->host,
                            o->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return 0;
}

int mf_api_port(const mf_api_server *s)
{
    return s->port;
}

void mf_api_stop(mf_api_server *s)
{
    if (!s)
        return;
    MHD_socket listen = MHD_quiesce_daemon(s->daemon); /* no new connections */
    /* Event streams end first (none may stay suspended), then the requests in flight. */
    mf_api_events_shutdown(s->events);
    for (int i = 0; i < 300 && atomic_load(&s->in_flight) > 0; i++) {
        struct timespec ts = {0, 10L * 1000 * 1000};
        nanosleep(&ts, NULL); /* let requests in flight finish, up to 3 s */
    }
    stop_workers(s); /* before the daemon: a worker resumes connections of it */
    MHD_stop_daemon(s->daemon);
    if (listen != MHD_INVALID_SOCKET)
        close(listen);
    for (int i = 0; i < s->n_stores; i++)
        mf_store_close(s->stores[i].st);
    free_server(s); /* the hub after the daemon: its streams' responses refer to it */
}
