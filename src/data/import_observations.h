/*
 * import_observations.h - loads point-in-time observations from a CSV file into the store.
 *
 * Exports: mf_import_options, mf_import_report, mf_import_observations().
 *
 * The file: the header `series_code,obs_date,value,available_at`, then one observation per
 * line (ISO dates; value a decimal number, or empty when published as missing); ASCII text,
 * LF or CRLF line ends, every line (the last too) ending in a line end. Unknown series codes
 * are created as user series. Rows already stored are counted unchanged, so loading a file
 * twice changes nothing.
 */
#ifndef MF_DATA_IMPORT_OBSERVATIONS_H
#define MF_DATA_IMPORT_OBSERVATIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "store/repo_ingestion_runs.h"
#include "store/store.h"

/* Called with "FILE:LINE: what is wrong" for each row skipped under skip_bad. */
typedef void (*mf_import_bad_row_fn)(void *ctx, const char *message);

typedef struct mf_import_options {
    bool skip_bad;               /* skip malformed or conflicting rows instead of failing */
    mf_import_bad_row_fn on_bad; /* may be NULL */
    void *ctx;                   /* passed to on_bad */
    int64_t now;                 /* Unix seconds (UTC) recorded as ingested_at and in the run */
} mf_import_options;

typedef struct mf_import_report {
    int64_t rows; /* data lines read */
    mf_ingestion_counts counts;
    int64_t skipped; /* rows skipped under skip_bad */
    int64_t series_created;
    int64_t run_id; /* the ingestion_runs row of this import */
} mf_import_report;

/*
 * Imports the CSV read from in (name is used in messages: "obs.csv:17: ...") in one
 * transaction: on any error nothing is imported (unless skip_bad, which skips bad rows; store
 * errors always abort) and the message says "NAME:LINE: what is wrong". The run is recorded in
 * ingestion_runs either way. *rep is filled on success.
 */
int mf_import_observations(mf_store *st, FILE *in, const char *name, const mf_import_options *opt,
                           mf_import_report *rep, mf_error *err);

#endif
