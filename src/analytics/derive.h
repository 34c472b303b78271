/*
 * derive.h - the point-in-time engine of derived series: computes every vintage of a
 * transform's output from every vintage of its inputs, and materialises them in the store
 * incrementally (docs/transforms.md explains the algorithm).
 *
 * Exports: mf_derive_input, mf_derive_compute() (pure: vintages in, vintages out),
 * mf_derive_cache (opaque) with mf_derive_cache_new() / _free(), mf_derive_report with
 * mf_derive_series() (store: load, compute, write, watermark).
 *
 * The rule. The output index is input 0's obs_dates; the other inputs are put on it by the
 * transform's alignment (transform.h). The value at position i reads the cells of positions
 * i - lookback .. i (all positions for a two-sided transform). It is published once every one
 * of those cells is known - available_at is the latest first available_at among them - and
 * its value is the transform of the inputs as known then. A later input vintage (a revision)
 * at time t gives every position whose cells include it a new vintage at
 * max(t, its first publication) with the value as known at t, when that value differs (by
 * more than 1e-13 relative) from the one published before. Nothing is overwritten.
 */
#ifndef MF_ANALYTICS_DERIVE_H
#define MF_ANALYTICS_DERIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/transform.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "store/store.h"

/* Every vintage of one input, ordered by obs_date then available_at (mf_repo_obs_vintages). */
typedef struct mf_derive_input {
    const mf_obs_vintage *v;
    size_t n;
} mf_derive_input;

/*
 * The vintages of transform t (parameters p) over the k inputs in[0..k), for obs_dates on or
 * after from (MF_DATE_MIN: all), ordered by obs_date then available_at. Values the transform
 * leaves undefined (NaN, infinite) are not published until a revision defines them; a defined
 * value that a revision makes undefined gets a NaN vintage. O(n) plus, per revision, the
 * positions it touches (with their lookback); see docs/transforms.md.
 * Caller owns *out (an array of *n_out; NULL when 0); free with mf_free().
 */
int mf_derive_compute(const mf_transform *t, const mf_tf_params *p, const mf_derive_input *in,
                      size_t k, mf_date from, mf_obs_vintage **out, size_t *n_out, mf_error *err);

/* What mf_derive_series() did. */
typedef struct mf_derive_report {
    bool up_to_date;     /* no input row was ingested after the watermark: nothing done */
    bool missing_inputs; /* an input has no observations: nothing done */
    size_t input_rows;   /* input vintages read */
    size_t computed;     /* derived vintages computed on or after first_changed */
    size_t rows_new, rows_revised, rows_unchanged;
    size_t conflicts;      /* computed for a key already stored with another value: written
                              at the run's date instead (docs/transforms.md) */
    mf_date first_changed; /* the earliest obs_date recomputed */
    double read_seconds, compute_seconds, write_seconds; /* wall clock of each step */
} mf_derive_report;

/*
 * The inputs read by the recent mf_derive_series() calls of one run (up to 64 series), so a
 * series that feeds several derived series is read once. A series that a run writes is
 * dropped from it. Use it inside one transaction. Caller owns the result; free with
 * mf_derive_cache_free().
 */
typedef struct mf_derive_cache mf_derive_cache;
mf_derive_cache *mf_derive_cache_new(void);
void mf_derive_cache_free(mf_derive_cache *c); /* NULL is allowed */

/*
 * Brings the derived series series_id (defined in derived_series) up to its inputs: when any
 * input has rows ingested after the watermark, reads every vintage of the inputs, computes,
 * writes the vintages dated on or after the earliest changed input obs_date (those already
 * stored are left as they are), and sets the watermark to the inputs' largest ingested_at -
 * all in one transaction. ingested_at stamps the rows written (Unix seconds; its day is the
 * run's date). cache (may be NULL) keeps inputs for the next calls. MF_ENOTFOUND when
 * series_id is not derived; MF_EINVAL for a definition whose transform or parameters are not
 * valid (named).
 */
int mf_derive_series(mf_store *st, int64_t series_id, int64_t ingested_at, mf_derive_cache *cache,
                     mf_derive_report *rep, mf_error *err);

#endif
