/*
 * repo_ingestion_runs.h - the record of each ingestion (a connector run or a file import):
 * when it ran, how it ended, and how many rows were new, unchanged or revised.
 *
 * Exports: mf_ingestion_counts, mf_repo_run_start(), mf_repo_run_finish(),
 * mf_ingest_progress_key, mf_repo_progress_get(), mf_repo_progress_put() (where a backfill got),
 * mf_ingestion_run with mf_repo_run_list(), mf_ingestion_totals with mf_repo_run_totals().
 */
#ifndef MF_STORE_REPO_INGESTION_RUNS_H
#define MF_STORE_REPO_INGESTION_RUNS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

typedef struct mf_ingestion_counts {
    int64_t rows_new;
    int64_t rows_unchanged;
    int64_t rows_revised;
} mf_ingestion_counts;

/* Records a run of source ("import:obs.csv", "bcb_sgs") started at started_at (Unix seconds,
   UTC) with status 'running', and sets *run_id. */
int mf_repo_run_start(mf_store *st, const char *source, int64_t started_at, int64_t *run_id,
                      mf_error *err);

/* Ends run_id: status 'succeeded' when error is NULL, else 'failed' with the message. */
int mf_repo_run_finish(mf_store *st, int64_t run_id, int64_t finished_at,
                       const mf_ingestion_counts *counts, const char *error, mf_error *err);

/* A backfill's place: which request of which source over which requested range. */
typedef struct mf_ingest_progress_key {
    const char *source;  /* "bcb_sgs" */
    const char *request; /* the connector's request key: "432" */
    mf_date from, to;    /* the range the backfill was asked for */
} mf_ingest_progress_key;

/* The last date of key's range fetched and committed; *found false when it has not begun. */
int mf_repo_progress_get(mf_store *st, const mf_ingest_progress_key *key, mf_date *done_through,
                         bool *found, mf_error *err);

/* Records that key's range is fetched and committed through done_through (call it inside the
   transaction that writes those rows). */
int mf_repo_progress_put(mf_store *st, const mf_ingest_progress_key *key, mf_date done_through,
                         int64_t updated_at, mf_error *err);

/* One recorded run. */
typedef struct mf_ingestion_run {
    int64_t id;
    char source[64];
    int64_t started_at, finished_at; /* Unix seconds; finished_at 0 while running */
    char status[16];                 /* running, succeeded, failed */
    mf_ingestion_counts counts;
    char error[512]; /* "" when none */
} mf_ingestion_run;

/* The last limit runs, newest first. Caller owns *out (an array of *n; NULL when *n is 0);
   free with mf_free(). */
int mf_repo_run_list(mf_store *st, size_t limit, mf_ingestion_run **out, size_t *n, mf_error *err);

/* Runs and rows by source and status (for metrics). */
typedef struct mf_ingestion_totals {
    char source[64];
    char status[16];
    int64_t runs;
    mf_ingestion_counts counts;
} mf_ingestion_totals;

/* Totals over every recorded run, by source then status. Caller owns *out (an array of *n;
   NULL when *n is 0); free with mf_free(). */
int mf_repo_run_totals(mf_store *st, mf_ingestion_totals **out, size_t *n, mf_error *err);

#endif
