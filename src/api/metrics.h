/*
 * metrics.h - the server's Prometheus metrics: requests by route and status, request latency
 * histograms by route, and the text exposition (ingestion counters are read from the store
 * when scraped). Counters are C11 atomics: any server thread records without a lock.
 *
 * Exports: mf_api_metrics_record(), mf_api_metrics_streams(), mf_api_metrics_events_sent(),
 * mf_api_metrics_write().
 */
#ifndef MF_API_METRICS_H
#define MF_API_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "api/api.h"

/* Records one request: route index (n_routes for "no route"), HTTP status, seconds taken. */
void mf_api_metrics_record(size_t route, int status, double seconds);

/* The event streams open now change by delta (+1 opened, -1 closed). */
void mf_api_metrics_streams(int delta);

/* n events were queued to event streams. */
void mf_api_metrics_events_sent(uint64_t n);

/* Appends the exposition text (format 0.0.4) to b. */
void mf_api_metrics_write(mf_api_buf *b);

#endif
