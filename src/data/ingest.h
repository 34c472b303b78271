/*
 * ingest.h - the ingestion engine behind `mf backfill` and `mf ingest`: fetches the catalogued
 * series and instruments from their connectors (data/connector.h) and writes them point in
 * time into the store.
 *
 * Exports: mf_ingest_mode, mf_ingest_item_report, mf_ingest_progress, mf_ingest_options,
 * mf_ingest_summary, mf_ingest_run().
 *
 * Work is planned as items: one connector request (the keys that share it) over a range. A
 * backfill splits the range into chunks of the connector's max_days and writes each chunk in
 * one transaction together with its place in ingestion_progress, so an interrupted backfill
 * started again with the same range resumes after the last committed chunk, and a failed or
 * malformed response commits nothing of its chunk. An incremental run starts each item
 * overlap_days before the last date stored and runs to today.
 *
 * Point in time: a row whose connector gave its publication date keeps it. A row without one
 * is dated by the catalogue's release lag (end of the reference period + lag days, rolled to
 * a business day of the series' country, never after today); a value equal to what the store
 * already knows for that date is unchanged, and a different one is a revision known today
 * (a new vintage, never an overwrite).
 *
 * Sources run in parallel (at most `concurrency` at once, one HTTP client each, so per-host
 * limits hold); requests of one source run in order. Store writes are serialised.
 */
#ifndef MF_DATA_INGEST_H
#define MF_DATA_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "data/http.h"
#include "data/import_prices.h" /* mf_make_instrument_fn */
#include "store/store.h"

typedef enum mf_ingest_mode {
    MF_INGEST_BACKFILL,   /* from..to, resumable */
    MF_INGEST_INCREMENTAL /* from each item's last stored date less the overlap, to today */
} mf_ingest_mode;

/* One request of one source, reported when it ends. */
typedef struct mf_ingest_item_report {
    const char *source;
    const char *request;
    size_t targets; /* catalogued series and instruments it feeds */
    mf_date from, to;
    int64_t rows_new, rows_unchanged, rows_revised;
    int64_t rows_ignored; /* rows of keys not catalogued, or outside the range */
    bool failed;
    char error[MF_ERROR_MSG_MAX];
} mf_ingest_item_report;

/* How far the run is. */
typedef struct mf_ingest_progress {
    size_t items_done, items_total;
    int64_t rows_written; /* new + revised so far */
    double elapsed_s;
} mf_ingest_progress;

typedef struct mf_ingest_options {
    mf_ingest_mode mode;
    const char *source;       /* only this source (NULL: every source) */
    const char *const *codes; /* only these series codes / instrument tickers, NULL-terminated
                                 (NULL: everything catalogued) */
    mf_date from;             /* backfill start; incremental: start of a series with no data */
    mf_date to;               /* backfill end (incremental: today) */
    mf_date today;            /* the fetch date */
    int64_t now;              /* ingested_at and run times, Unix seconds UTC */
    int concurrency;          /* sources fetched at once, >= 1 */
    mf_http_options http;
    size_t cache_bytes; /* per source: response bodies kept for reuse (0: 256 MiB) */
    /* The base URL of a source (config sources.<name>); NULL: the source cannot run. */
    const char *(*base_url)(void *ctx, const char *source);
    const char *api_key;                   /* for fred */
    mf_make_instrument_fn make_instrument; /* for tickers of standing requests; may be NULL */
    void *make_ctx;
    /* Called (serialised) when an item ends and after each chunk; may be NULL. */
    void (*on_item)(void *ctx, const mf_ingest_item_report *r);
    void (*on_progress)(void *ctx, const mf_ingest_progress *p);
    void *ctx; /* for base_url, on_item and on_progress */
} mf_ingest_options;

typedef struct mf_ingest_summary {
    size_t items, items_failed, sources;
    int64_t rows_new, rows_unchanged, rows_revised, rows_ignored;
} mf_ingest_summary;

/*
 * Plans and runs the ingestion. Returns 0 when it ran, even if some items failed (see
 * sum->items_failed and each item's report; each source's ingestion_runs row says failed with
 * the first error). Errors before anything runs: MF_EINVAL for an unknown source or code, a
 * code whose source has no connector, a bad range or options.
 */
int mf_ingest_run(mf_store *st, const mf_ingest_options *o, mf_ingest_summary *sum, mf_error *err);

#endif
