/*
 * repo_events.h - the event log: what finished (an ingestion run, a quality run, ...) in
 * the order it was recorded, for the API's event stream. Ids only grow, so "every event
 * after id N" is how a reader resumes.
 *
 * Exports: mf_event, mf_repo_event_append(), mf_repo_event_list(), mf_repo_event_last_id().
 */
#ifndef MF_STORE_REPO_EVENTS_H
#define MF_STORE_REPO_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum { MF_EVENT_KIND_MAX = 32, MF_EVENT_PAYLOAD_MAX = 4096 };

/* One stored event. */
typedef struct mf_event {
    int64_t id;
    int64_t at; /* Unix seconds, UTC */
    char kind[MF_EVENT_KIND_MAX];
    char payload[MF_EVENT_PAYLOAD_MAX]; /* a JSON object */
} mf_event;

/* Appends an event of kind ("ingestion", "quality"; 1 to 31 bytes) with payload_json (a JSON
   object, under MF_EVENT_PAYLOAD_MAX bytes) at at (Unix seconds), and sets *id when id is
   not NULL. Call it inside the transaction that records what the event reports. */
int mf_repo_event_append(mf_store *st, const char *kind, const char *payload_json, int64_t at,
                         int64_t *id, mf_error *err);

/* The events with id > after_id, oldest first, at most limit of them. Caller owns *out (an
   array of *n; NULL when *n is 0); free with mf_free(). */
int mf_repo_event_list(mf_store *st, int64_t after_id, size_t limit, mf_event **out, size_t *n,
                       mf_error *err);

/* The newest event's id (0 when there is none). */
int mf_repo_event_last_id(mf_store *st, int64_t *id, mf_error *err);

#endif
