/*
 * repo_quality.h - the record of data quality runs (quality_runs) and of every check they
 * made (quality_results), with history: save a run with its results and its 'quality' event in
 * one transaction, read the latest run, the runs newest first, a run's results, and one code's
 * results over the runs.
 *
 * Exports: mf_quality_severity, mf_quality_status, mf_quality_check with their names and
 * parsers, mf_quality_run, mf_quality_result, mf_repo_quality_save(), mf_repo_quality_run_get(),
 * mf_repo_quality_runs(), mf_repo_quality_results(), mf_repo_quality_history().
 *
 * The checks and scores themselves are analytics (analytics/quality.h, docs/quality.md).
 */
#ifndef MF_STORE_REPO_QUALITY_H
#define MF_STORE_REPO_QUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* How bad a failed check is (a passed check is stored as info). Ordered: worse is larger. */
typedef enum mf_quality_severity {
    MF_QUALITY_INFO,
    MF_QUALITY_WARNING,
    MF_QUALITY_CRITICAL
} mf_quality_severity;

typedef enum mf_quality_status { MF_QUALITY_PASS, MF_QUALITY_FAIL } mf_quality_status;

/* The check families (docs/quality.md), in report order. */
typedef enum mf_quality_check {
    MF_QC_STALENESS,
    MF_QC_GAPS,
    MF_QC_DUPLICATES,
    MF_QC_OUTLIERS,
    MF_QC_RANGE,
    MF_QC_REVISIONS,
    MF_QC_FLATLINE,
    MF_QC_CROSS_SOURCE,
    MF_QC_CURVE_SANITY,
    MF_QC_COUNT
} mf_quality_check;

/* "info", "warning", "critical"; "pass", "fail"; "staleness", ... (static strings). */
const char *mf_quality_severity_name(mf_quality_severity s);
const char *mf_quality_status_name(mf_quality_status s);
const char *mf_quality_check_name(mf_quality_check c);

/* Parse those names; MF_EINVAL naming the text and the choices otherwise. */
int mf_quality_severity_parse(const char *text, mf_quality_severity *out, mf_error *err);
int mf_quality_check_parse(const char *text, mf_quality_check *out, mf_error *err);

/* One quality run. */
typedef struct mf_quality_run {
    int64_t id;                      /* set by the store */
    int64_t started_at, finished_at; /* Unix seconds, UTC */
    mf_date as_of;                   /* the data as known on this date was checked */
    char scope[128];                 /* "all", "source bcb_sgs", "series SGS.432" */
    double score;                    /* 0..100; NaN when nothing was scored */
    int64_t checks;                  /* scored results */
    int64_t failing;                 /* failed warning and critical results */
    int64_t critical;                /* failed critical results */
} mf_quality_run;

/* One check of one series (or curve) in one run. */
typedef struct mf_quality_result {
    int64_t run_id; /* set by the store on save */
    char code[64];
    char source[32];
    mf_quality_check check;
    mf_quality_severity severity; /* info for a pass */
    mf_quality_status status;
    char message[512];
    double value;     /* the check's measure; NaN: none */
    double threshold; /* what it was compared with; NaN: none */
    mf_date obs_date; /* the date the message names; 0 with has_date false: none */
    bool has_date;
    int64_t checked_at; /* Unix seconds, UTC */
} mf_quality_result;

/*
 * Stores run (run->id is set) and its n results, and appends the 'quality' event
 * {"run_id":3,"score":97.5,"checks":812,"failing":4,"critical":1} (score null when NaN), in
 * one transaction (a savepoint inside the caller's): on failure nothing is stored.
 */
int mf_repo_quality_save(mf_store *st, mf_quality_run *run, const mf_quality_result *results,
                         size_t n, mf_error *err);

/* The run run_id, or the latest one when run_id is 0; *found false when there is none. */
int mf_repo_quality_run_get(mf_store *st, int64_t run_id, mf_quality_run *out, bool *found,
                            mf_error *err);

/* The last limit runs, newest first. Caller owns *out (an array of *n; NULL when *n is 0);
   free with mf_free(). */
int mf_repo_quality_runs(mf_store *st, size_t limit, mf_quality_run **out, size_t *n,
                         mf_error *err);

/* The results of run_id, by code then check. Caller owns *out (an array of *n; NULL when *n
   is 0); free with mf_free(). */
int mf_repo_quality_results(mf_store *st, int64_t run_id, mf_quality_result **out, size_t *n,
                            mf_error *err);

/* The results for code over every run, newest run first, at most limit of them. Caller owns
 *out (an array of *n; NULL when *n is 0); free with mf_free(). */
int mf_repo_quality_history(mf_store *st, const char *code, size_t limit, mf_quality_result **out,
                            size_t *n, mf_error *err);

#endif
