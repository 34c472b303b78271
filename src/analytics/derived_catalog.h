/*
 * derived_catalog.h - the derived-series definitions (catalog/derived.csv, embedded at build
 * time, or a file given at run time): parsed, checked against the transform registry, and
 * run into a store - each series created (source "derived") with its lineage, then brought
 * up to its inputs by mf_derive_series().
 *
 * Exports: MF_DERIVED_CSV_HEADER, mf_derived_entry, mf_derived_catalog with
 * mf_derived_catalog_parse(), mf_derived_catalog_builtin(), mf_derived_catalog_release();
 * mf_derived_status, mf_derived_result, mf_derived_catalog_run().
 *
 * Format: RFC 4180 CSV, header MF_DERIVED_CSV_HEADER; inputs are series codes separated by
 * ';' (in the transform's order); params a JSON object ("" for the defaults); frequency,
 * country and category as in catalog/series. An input may be another derived series defined
 * on an earlier line (so one pass in file order computes every input before its users).
 */
#ifndef MF_ANALYTICS_DERIVED_CATALOG_H
#define MF_ANALYTICS_DERIVED_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/derive.h"
#include "core/error.h"
#include "store/repo_derived.h"
#include "store/repo_series.h"
#include "store/store.h"

#define MF_DERIVED_CSV_HEADER                                                                      \
    "code,transform,inputs,params,name,frequency,unit,country,category,description"

/* One definition. */
typedef struct mf_derived_entry {
    mf_series_info info; /* source "derived"; simulated when an input is, set by the run */
    char transform[32];
    char params[MF_DERIVED_PARAMS_MAX]; /* canonical JSON */
    size_t n_inputs;
    char inputs[MF_DERIVED_MAX_INPUTS][MF_SERIES_CODE_MAX];
    size_t line; /* in its file, for messages */
} mf_derived_entry;

/* Definitions in file order. An embedded struct: zero-initialise, release when done. */
typedef struct mf_derived_catalog {
    mf_derived_entry *entries;
    size_t n;
} mf_derived_catalog;

/*
 * Parses text[0..len) (named name in messages) into *out (overwritten only on success).
 * Checks the header, every field (code rules, unique codes, a known transform, its parameters
 * and input count, frequency), that no series is its own input, and that a derived input is
 * defined above. Errors are MF_EINVAL "NAME:LINE: what".
 * Caller owns out's entries; release with mf_derived_catalog_release().
 */
int mf_derived_catalog_parse(const char *name, const char *text, size_t len,
                             mf_derived_catalog *out, mf_error *err);

/* Parses the embedded catalog/derived.csv into *out. */
int mf_derived_catalog_builtin(mf_derived_catalog *out, mf_error *err);

/* Frees c's entries and zeroes it; NULL is allowed. */
void mf_derived_catalog_release(mf_derived_catalog *c);

/* What a run did with one definition. */
typedef enum mf_derived_status {
    MF_DERIVED_COMPUTED,      /* new vintages computed and written (or found stored) */
    MF_DERIVED_UP_TO_DATE,    /* no input changed since the watermark */
    MF_DERIVED_SKIPPED_INPUTS /* an input is not in the store or has no observations */
} mf_derived_status;

typedef struct mf_derived_result {
    const mf_derived_entry *entry;
    mf_derived_status status;
    char missing[MF_SERIES_CODE_MAX]; /* the first missing input (SKIPPED_INPUTS) */
    mf_derive_report report;
} mf_derived_result;

/*
 * For each definition in file order (only the one called only, when not NULL): looks its
 * inputs up (skipping it, not failing, when one is absent or empty), creates or updates its
 * series and records its lineage, then runs mf_derive_series() stamped ingested_at; calls
 * on_result after each. Stops at the first error: a definition that differs from the one
 * stored (MF_ESTATE), a store error. MF_ENOTFOUND when only names no definition.
 */
int mf_derived_catalog_run(mf_store *st, const mf_derived_catalog *c, const char *only,
                           int64_t ingested_at,
                           void (*on_result)(void *ctx, const mf_derived_result *r), void *ctx,
                           mf_error *err);

#endif
