/*
 * repo_ingestion_runs.h - the record of each ingestion (a connector run or a file import):
 * when it ran, how it ended, and how many rows were new, unchanged or revised.
 *
 * Exports: mf_ingestion_counts, mf_repo_run_start(), mf_repo_run_finish().
 */
#ifndef MF_STORE_REPO_INGESTION_RUNS_H
#define MF_STORE_REPO_INGESTION_RUNS_H

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

#endif
