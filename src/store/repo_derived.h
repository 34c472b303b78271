/*
 * repo_derived.h - derived series: their definitions (transform, parameters, watermark of
 * incremental runs) and lineage (the input series, in order), and what the incremental runs
 * ask of the inputs' observations.
 *
 * Exports: MF_DERIVED_MAX_INPUTS, MF_DERIVED_PARAMS_MAX, mf_derived_def,
 * mf_repo_derived_put(), mf_repo_derived_get(), mf_repo_derived_list(),
 * mf_repo_derived_set_watermark(), mf_repo_derived_inputs_of(), mf_derived_input_state with
 * mf_repo_derived_input_state(), mf_repo_derived_rows_upto(), mf_repo_derived_first_since().
 */
#ifndef MF_STORE_REPO_DERIVED_H
#define MF_STORE_REPO_DERIVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/repo_series.h"
#include "store/store.h"

#define MF_DERIVED_MAX_INPUTS 16
#define MF_DERIVED_PARAMS_MAX 1024 /* buffer size of the canonical JSON parameters */

/* One definition. */
typedef struct mf_derived_def {
    int64_t series_id;
    char transform[32];
    char params[MF_DERIVED_PARAMS_MAX]; /* canonical JSON object ("{}" for none) */
    size_t n_inputs;
    int64_t inputs[MF_DERIVED_MAX_INPUTS]; /* series ids, in the transform's order */
    bool has_watermark;
    int64_t watermark;   /* Unix seconds: the inputs' largest ingested_at last computed */
    int64_t input_rows;  /* the inputs' number of observation rows then */
    int64_t computed_at; /* Unix seconds of the last run that computed it (0: never) */
} mf_derived_def;

/*
 * Records def (its watermark fields are ignored) for def->series_id and its lineage, and sets
 * *outcome: MF_PUT_CREATED, or MF_PUT_UNCHANGED when the same definition is stored. A
 * different stored definition (transform, parameters or inputs) is MF_ESTATE naming what
 * differs: its vintages were computed under the old one, so a new definition needs a new
 * code. MF_EINVAL for no inputs or more than MF_DERIVED_MAX_INPUTS.
 */
int mf_repo_derived_put(mf_store *st, const mf_derived_def *def, mf_put_outcome *outcome,
                        mf_error *err);

/* The definition of series_id into *out; *found false (and *out untouched) when none. */
int mf_repo_derived_get(mf_store *st, int64_t series_id, mf_derived_def *out, bool *found,
                        mf_error *err);

/*
 * Every definition, ordered by series id. Caller owns *out (an array of *n; NULL when 0);
 * free with mf_free().
 */
int mf_repo_derived_list(mf_store *st, mf_derived_def **out, size_t *n, mf_error *err);

/* Sets the watermark of series_id (largest ingested_at, row count of its inputs) and its
   computed_at. MF_ENOTFOUND when not derived. */
int mf_repo_derived_set_watermark(mf_store *st, int64_t series_id, int64_t watermark,
                                  int64_t input_rows, int64_t computed_at, mf_error *err);

/*
 * The derived series that take input_id as an input (downstream lineage), ordered by id.
 * Caller owns *out (an array of *n; NULL when 0); free with mf_free().
 */
int mf_repo_derived_inputs_of(mf_store *st, int64_t input_id, int64_t **out, size_t *n,
                              mf_error *err);

/* What an input holds. */
typedef struct mf_derived_input_state {
    int64_t rows;            /* observation rows (0: none) */
    int64_t max_ingested_at; /* the largest ingested_at of its rows (when any) */
} mf_derived_input_state;

/* The row count and largest ingested_at of series_id's observations: one aggregate. */
int mf_repo_derived_input_state(mf_store *st, int64_t series_id, mf_derived_input_state *out,
                                mf_error *err);

/* The number of series_id's rows ingested at or before upto (Unix seconds). */
int mf_repo_derived_rows_upto(mf_store *st, int64_t series_id, int64_t upto, int64_t *rows,
                              mf_error *err);

/*
 * The earliest obs_date among series_id's rows ingested after since (strict) or at or after
 * it (*found false when none): where an incremental run starts.
 */
int mf_repo_derived_first_since(mf_store *st, int64_t series_id, int64_t since, bool strict,
                                mf_date *first, bool *found, mf_error *err);

#endif
