/*
 * quality.h - the data quality framework: checks of the stored series and curves as known on
 * a date (staleness, gaps, duplicates, outliers, range, revisions, flatline, cross-source
 * consistency, curve sanity), their thresholds from the catalogue (catalog/quality.csv and
 * catalog/quality_pairs.csv), scores per series, per source and overall, and the run that
 * records all of it (store/repo_quality.h). The rules, formulas and defaults are in
 * docs/quality.md.
 *
 * Exports: mf_quality_threshold, mf_quality_rule, mf_quality_pair, mf_quality_rules with
 * mf_quality_rules_parse(), mf_quality_pairs_parse(), mf_quality_rules_builtin(),
 * mf_quality_rules_free(), mf_quality_threshold_for(); mf_quality_options with
 * mf_quality_run_checks(); mf_quality_score, mf_quality_scores(), mf_quality_result_counts().
 */
#ifndef MF_ANALYTICS_QUALITY_H
#define MF_ANALYTICS_QUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/repo_quality.h"
#include "store/repo_series.h"
#include "store/store.h"

#define MF_QUALITY_RULES_HEADER "scope,match,check,warning,critical,min,max,comment"
#define MF_QUALITY_PAIRS_HEADER "left,right,measure,warning,critical,comment"

/* The thresholds of one check for one series. A check fails as critical when its measure is
   above critical, else as warning when above warning; NaN: that level never applies. */
typedef struct mf_quality_threshold {
    bool enabled;
    double warning, critical;
    double min, max; /* range: plausible values; curve_sanity: forward rates, % a year */
} mf_quality_threshold;

/* One line of catalog/quality.csv. scope: 'c' code (match a glob: fnmatch), 'u' unit (glob),
   'k' category, 'f' frequency, 'd' default. */
typedef struct mf_quality_rule {
    char scope;
    char match[64];
    mf_quality_check check;
    mf_quality_threshold t;
} mf_quality_rule;

/* One line of catalog/quality_pairs.csv: two series that must agree. */
typedef struct mf_quality_pair {
    char left[MF_SERIES_CODE_MAX], right[MF_SERIES_CODE_MAX];
    bool relative; /* measure rel_pct: |left / right - 1| * 100; else abs: |left - right| */
    double warning, critical;
} mf_quality_pair;

typedef struct mf_quality_rules {
    mf_quality_rule *rules;
    size_t n_rules;
    mf_quality_pair *pairs;
    size_t n_pairs;
} mf_quality_rules;

/* Parses a thresholds file (header MF_QUALITY_RULES_HEADER) text[0..len) and appends its
   rules to *r. MF_EINVAL "PATH:LINE: what" on a bad line; *r as it was then. */
int mf_quality_rules_parse(mf_quality_rules *r, const char *path, const char *text, size_t len,
                           mf_error *err);

/* Parses a pairs file (header MF_QUALITY_PAIRS_HEADER) and appends its pairs to *r. */
int mf_quality_pairs_parse(mf_quality_rules *r, const char *path, const char *text, size_t len,
                           mf_error *err);

/* The rules shipped with mf (catalog/quality.csv and catalog/quality_pairs.csv, embedded). */
int mf_quality_rules_builtin(mf_quality_rules *out, mf_error *err);

/* Releases what r holds and zeroes it; NULL is allowed. */
void mf_quality_rules_free(mf_quality_rules *r);

/*
 * The thresholds of check for the series info: the first rule of the most specific scope
 * that matches (code, then unit, category, frequency, default; file order within a scope).
 * No rule: the check is disabled.
 */
mf_quality_threshold mf_quality_threshold_for(const mf_quality_rules *r, mf_quality_check check,
                                              const mf_series_info *info);

/* What a run checks and when. */
typedef struct mf_quality_options {
    mf_date as_of;              /* check the data as known on this date */
    int64_t now;                /* started_at and checked_at, Unix seconds UTC */
    const char *source;         /* only series (and curves) of this source; NULL: all */
    const char *const *codes;   /* only these series codes, NULL-terminated; NULL: all */
    int window_days;            /* the lookback of gaps, outliers, flatline, ...; > 0 */
    bool curves;                /* check the stored curves too (not when codes are given) */
    bool disabled[MF_QC_COUNT]; /* check families switched off */
} mf_quality_options;

/*
 * Runs every enabled check on the selected series and curves, scores them, and stores the
 * run, its results and its 'quality' event in one transaction (mf_repo_quality_save()).
 * *run receives the stored run. MF_EINVAL for an unknown code in codes or bad options.
 */
int mf_quality_run_checks(mf_store *st, const mf_quality_rules *rules, const mf_quality_options *o,
                          mf_quality_run *run, mf_error *err);

/* The score of one code or one source from a run's results (docs/quality.md). */
typedef struct mf_quality_score {
    char key[64];    /* the code, or the source */
    char source[32]; /* the code's source (for a source: the same as key) */
    double score;    /* 0..100; NaN when nothing scored (never loaded) */
    int64_t checks, failing, critical;
    int64_t series;            /* sources: the series scored */
    mf_quality_severity worst; /* of the failed results */
    bool any_failed;           /* worst is meaningful */
} mf_quality_score;

/*
 * Scores results[0..n) (one run's, ordered by code as mf_repo_quality_results() gives them):
 * *per_code one entry per code (in that order), *per_source one per source (by name), *overall
 * over every code. Each array is the caller's (mf_free()).
 */
void mf_quality_scores(const mf_quality_result *results, size_t n, mf_quality_score **per_code,
                       size_t *n_code, mf_quality_score **per_source, size_t *n_source,
                       mf_quality_score *overall);

#endif
