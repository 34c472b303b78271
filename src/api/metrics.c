/*
 * metrics.c - Prometheus counters and histograms of the API (metrics.h).
 */
#include "api/metrics.h"

#include <stdatomic.h>
#include <stdint.h>

enum { MAX_ROUTES = 64, N_BUCKETS = 10 };

/* Statuses counted by their own label; anything else counts as "other". */
static const int statuses[] = {200, 304, 400, 404, 405, 413, 500, 503};
enum { N_STATUS = sizeof statuses / sizeof statuses[0] + 1 };

/* Bucket bounds in seconds (le). */
static const double bounds[N_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                         0.025,  0.05,  0.1,    0.5,   2.5};

static _Atomic uint64_t requests[MAX_ROUTES + 1][N_STATUS];
static _Atomic uint64_t buckets[MAX_ROUTES + 1][N_BUCKETS];
static _Atomic uint64_t counts[MAX_ROUTES + 1];
static _Atomic uint64_t micros[MAX_ROUTES + 1]; /* sum of durations, microseconds */

static _Atomic int64_t streams_open;
static _Atomic uint64_t events_sent;

void mf_api_metrics_streams(int delta)
{
    atomic_fetch_add_explicit(&streams_open, delta, memory_order_relaxed);
}

void mf_api_metrics_events_sent(uint64_t n)
{
    atomic_fetch_add_explicit(&events_sent, n, memory_order_relaxed);
}

static size_t status_slot(int status)
{
    size_t i = 0;
    while (i < N_STATUS - 1 && statuses[i] != status)
        i++;
    return i;
}

void mf_api_metrics_record(size_t route, int status, double seconds)
{
    size_t n_routes;
    mf_api_routes(&n_routes);
    size_t r = route < n_routes && route < MAX_ROUTES ? route : MAX_ROUTES;
    atomic_fetch_add_explicit(&requests[r][status_slot(status)], 1, memory_order_relaxed);
    for (size_t b = 0; b < N_BUCKETS; b++)
        if (seconds <= bounds[b])
            atomic_fetch_add_explicit(&buckets[r][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&counts[r], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&micros[r], (uint64_t)(seconds * 1e6), memory_order_relaxed);
}

static const char *route_label(size_t r, const mf_api_route *routes, size_t n_routes)
{
    return r < n_routes ? routes[r].pattern : "unmatched";
}

void mf_api_metrics_write(mf_api_buf *b)
{
    size_t n_routes;
    const mf_api_route *routes = mf_api_routes(&n_routes);
    size_t last = n_routes < MAX_ROUTES ? n_routes : MAX_ROUTES;
    mf_api_buf_printf(b, "# HELP mf_http_requests_total HTTP requests by route and status.\n"
                         "# TYPE mf_http_requests_total counter\n");
    for (size_t r = 0; r <= MAX_ROUTES; r++) {
        if (r >= last && r != MAX_ROUTES)
            continue;
        for (size_t s = 0; s < N_STATUS; s++) {
            uint64_t v = atomic_load_explicit(&requests[r][s], memory_order_relaxed);
            if (v == 0)
                continue;
            char status[8];
            if (s < N_STATUS - 1)
                snprintf(status, sizeof status, "%d", statuses[s]);
            else
                snprintf(status, sizeof status, "other");
            mf_api_buf_printf(b, "mf_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                              route_label(r, routes, n_routes), status, (unsigned long long)v);
        }
    }
    mf_api_buf_printf(b, "# HELP mf_http_request_duration_seconds Time to answer a request "
                         "(handler and store), by route.\n"
                         "# TYPE mf_http_request_duration_seconds histogram\n");
    for (size_t r = 0; r <= MAX_ROUTES; r++) {
        if (r >= last && r != MAX_ROUTES)
            continue;
        uint64_t count = atomic_load_explicit(&counts[r], memory_order_relaxed);
        if (count == 0)
            continue;
        const char *label = route_label(r, routes, n_routes);
        for (size_t k = 0; k < N_BUCKETS; k++)
            mf_api_buf_printf(
                b, "mf_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", label,
                bounds[k],
                (unsigned long long)atomic_load_explicit(&buckets[r][k], memory_order_relaxed));
        mf_api_buf_printf(b,
                          "mf_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} "
                          "%llu\n"
                          "mf_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                          "mf_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                          label, (unsigned long long)count, label,
                          (double)atomic_load_explicit(&micros[r], memory_order_relaxed) * 1e-6,
                          label, (unsigned long long)count);
    }
    mf_api_buf_printf(b,
                      "# HELP mf_sse_streams_open Event streams (GET /api/v1/events) open now.\n"
                      "# TYPE mf_sse_streams_open gauge\nmf_sse_streams_open %lld\n"
                      "# HELP mf_sse_events_sent_total Events queued to event streams.\n"
                      "# TYPE mf_sse_events_sent_total counter\nmf_sse_events_sent_total %llu\n",
                      (long long)atomic_load_explicit(&streams_open, memory_order_relaxed),
                      (unsigned long long)atomic_load_explicit(&events_sent, memory_order_relaxed));
}
