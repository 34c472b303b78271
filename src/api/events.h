/*
 * events.h - the hub of GET /api/v1/events (Server-Sent Events): one thread polls the event
 * log (store/repo_events.h) every poll interval and fans each new event out to every open
 * stream; heartbeats (": heartbeat") keep idle streams alive; a stream opened after an id
 * first gets every stored event after it (read in pages, a stream at a time).
 *
 * Exports: mf_api_events (opaque), mf_api_events_start(), mf_api_events_open(),
 * mf_api_events_shutdown(), mf_api_events_free().
 *
 * No server thread waits for events: a stream's content reader hands over what is queued for
 * it and, when nothing is, suspends its connection (MHD_suspend_connection); the hub resumes
 * it when it queues something. A stream whose client reads too slowly (over 4 MiB queued) is
 * dropped; the client reconnects with Last-Event-ID and misses nothing.
 *
 * The wire format (one event):
 *   id: 41\nevent: ingestion\ndata: {"id":41,"kind":"ingestion","at":"...Z","payload":{...}}\n\n
 * and first, on connect, "retry: 3000\n\n".
 */
#ifndef MF_API_EVENTS_H
#define MF_API_EVENTS_H

#include <microhttpd.h>
#include <stdint.h>

#include "core/error.h"
#include "core/log.h"

typedef struct mf_api_events mf_api_events;

typedef struct mf_api_events_options {
    const char *store_url; /* the hub's own connection (copied) */
    int poll_ms;           /* how often the event log is read, milliseconds (>= 10) */
    int heartbeat_s;       /* seconds between heartbeats (>= 1) */
    int max_streams;       /* streams open at once; more are refused (503) */
    mf_log *log;           /* store trouble is logged once per outage; may be NULL */
} mf_api_events_options;

/* Starts the hub's thread. MF_EINVAL for options out of range. Free with mf_api_events_free(). */
int mf_api_events_start(const mf_api_events_options *o, mf_api_events **out, mf_error *err);

/*
 * A response streaming the events with id > after to connection c (queue it with
 * MHD_queue_response and destroy it), or NULL when max_streams are open or the hub is
 * shutting down. The server must allow suspend/resume (MHD_ALLOW_SUSPEND_RESUME).
 */
struct MHD_Response *mf_api_events_open(mf_api_events *h, struct MHD_Connection *c, int64_t after);

/* Ends every stream (each sends what it has queued, then ends) and stops the hub's thread;
   call before MHD_stop_daemon(), which must not meet a suspended connection. */
void mf_api_events_shutdown(mf_api_events *h);

/* Frees the hub after the daemon stopped (its streams' responses refer to it); NULL allowed. */
void mf_api_events_free(mf_api_events *h);

#endif
