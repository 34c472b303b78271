/*
 * repo_observations.h - point-in-time observations: the writer that stores vintages and
 * counts what was new, revised or unchanged, and the point-in-time reads.
 *
 * Exports: mf_obs_outcome, mf_obs_writer (opaque) with mf_obs_writer_new() / _add() / _free(),
 * mf_repo_obs_asof(), mf_repo_obs_asof_each(), mf_obs_vintage with mf_repo_obs_vintages(),
 * mf_repo_obs_last_date().
 *
 * Rule 1 of the design: an observation is (series, obs_date, available_at, value); a revision
 * is a new row with a later available_at, never an update. The value of a series at obs_date
 * as known on D is the value of the row with the latest available_at <= D.
 */
#ifndef MF_STORE_REPO_OBSERVATIONS_H
#define MF_STORE_REPO_OBSERVATIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/series.h"
#include "store/store.h"

/* What storing one observation did. */
typedef enum mf_obs_outcome {
    MF_OBS_NEW,      /* the first vintage of (series, obs_date) */
    MF_OBS_REVISED,  /* another vintage of an (series, obs_date) already stored */
    MF_OBS_UNCHANGED /* the same row was already stored: nothing written */
} mf_obs_outcome;

typedef struct mf_obs_writer mf_obs_writer;

/*
 * A writer of observations into st, stamping rows with ingested_at (Unix seconds, UTC). It
 * keeps per-series state (the last obs_date stored before it started and the last it wrote)
 * so that rows newer than anything stored go into the store's bulk load without a lookup.
 * Use it inside one transaction, from one thread, and call mf_obs_writer_flush() before
 * committing (or anything else on the store).
 * Caller owns the result; free with mf_obs_writer_free().
 */
mf_obs_writer *mf_obs_writer_new(mf_store *st, int64_t ingested_at);

/* Sends the rows still in the bulk load to the store; their errors are reported here. */
int mf_obs_writer_flush(mf_obs_writer *w, mf_error *err);

/* Flushes w (ignoring errors: call mf_obs_writer_flush() first to see them) and releases it;
   NULL is allowed. */
void mf_obs_writer_free(mf_obs_writer *w);

/*
 * Stores one observation (value NaN: published as missing) and sets *outcome. The same
 * (series, obs_date, available_at) already stored with another value is MF_EINVAL ("already
 * stored with value ...; a revision needs a later available_at"), and nothing is written.
 * Store errors pass through.
 */
int mf_obs_writer_add(mf_obs_writer *w, int64_t series_id, mf_date obs_date, mf_date available_at,
                      double value, mf_obs_outcome *outcome, mf_error *err);

/*
 * The series as known on as_of: for each obs_date in from..to, the value of the latest vintage
 * with available_at <= as_of (dates with no such vintage are absent; a vintage published as
 * missing gives NaN). Use MF_DATE_MAX for "everything known now".
 * Caller owns *out; free with mf_series_free().
 */
int mf_repo_obs_asof(mf_store *st, int64_t series_id, mf_date from, mf_date to, mf_date as_of,
                     mf_series **out, mf_error *err);

/* Receives one observation of mf_repo_obs_asof_each(): 0 to go on, or a negative MF_E* code. */
typedef int (*mf_obs_fn)(void *ctx, mf_date obs_date, double value, mf_error *err);

/*
 * The same observations as mf_repo_obs_asof(), passed to fn one by one in date order without
 * building a series (for output written as it is read). The first error fn returns is returned
 * after the read finishes; fn is not called again after it.
 */
int mf_repo_obs_asof_each(mf_store *st, int64_t series_id, mf_date from, mf_date to, mf_date as_of,
                          mf_obs_fn fn, void *ctx, mf_error *err);

/* One vintage of an observation. */
typedef struct mf_obs_vintage {
    mf_date obs_date;
    mf_date available_at;
    double value; /* NaN: published as missing */
} mf_obs_vintage;

/*
 * Every vintage of the observations dated from..to, ordered by obs_date then available_at.
 * Caller owns *out (an array of *n; NULL when *n is 0); free with mf_free().
 */
int mf_repo_obs_vintages(mf_store *st, int64_t series_id, mf_date from, mf_date to,
                         mf_obs_vintage **out, size_t *n, mf_error *err);

/*
 * The last obs_date stored for the series (for incremental ingestion); *found false and
 * *last untouched when it has none.
 */
int mf_repo_obs_last_date(mf_store *st, int64_t series_id, mf_date *last, bool *found,
                          mf_error *err);

#endif
