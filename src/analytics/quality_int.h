/*
 * quality_int.h - what the quality check families share inside analytics/: the data of one
 * series as a check sees it, the sink that collects results, the period arithmetic, and one
 * function per check (quality_time.c, quality_values.c, quality_stats.c, quality_cross.c,
 * quality_curves.c; the runner is quality_run.c).
 */
#ifndef MF_ANALYTICS_QUALITY_INT_H
#define MF_ANALYTICS_QUALITY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/quality.h"
#include "core/calendar.h"
#include "store/repo_observations.h"

/* One series as known on as_of. */
typedef struct q_series {
    const mf_series_info *info;
    const mf_calendar *cal; /* its country's business days; NULL: Monday to Friday */
    mf_date as_of, from;    /* the window: from..as_of */
    const mf_date *d;       /* every date up to as_of, oldest first */
    const double *v;        /* the value of each as known on as_of (NaN: published missing) */
    size_t n;
    size_t w0;                  /* first index inside the window (n when none) */
    const mf_obs_vintage *vint; /* vintages dated in the window known by as_of */
    size_t nv;
} q_series;

/* The results of a run, growing. */
typedef struct q_sink {
    mf_quality_result *r;
    size_t n, cap;
    int64_t now;
} q_sink;

/* Appends a result of check on (code, source) with measure value compared with t: critical
   above t->critical, else warning above t->warning, else pass. message: what was measured,
   naming the series, the date and values; the thresholds are added. */
void q_emit(q_sink *k, const char *code, const char *source, mf_quality_check check, double value,
            const mf_quality_threshold *t, const mf_date *date, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Appends a result with the severity and status given (threshold: the one that decided). */
void q_emit_as(q_sink *k, const char *code, const char *source, mf_quality_check check,
               mf_quality_severity sev, mf_quality_status status, double value, double threshold,
               const mf_date *date, const char *fmt, ...) __attribute__((format(printf, 10, 11)));

/* The index of the period of d at frequency f ('D' the day, 'W' the Monday-based week, 'M',
   'Q', 'A'). */
int64_t q_period(char f, mf_date d);

/* True when d is a business day of cal (NULL or a date outside its range: Monday..Friday). */
bool q_business_day(const mf_calendar *cal, mf_date d);

/* "2026-11-24" into buf (MF_DATE_ISO_SIZE). */
const char *q_iso(mf_date d, char *buf);

/* The checks of one series (quality_time.c, quality_values.c, quality_stats.c). */
void q_staleness(const q_series *s, const mf_quality_threshold *t, q_sink *k);
void q_gaps(const q_series *s, const mf_quality_threshold *t, q_sink *k);
void q_duplicates(const q_series *s, const mf_quality_threshold *t, q_sink *k);
void q_range(const q_series *s, const mf_quality_threshold *t, q_sink *k);
void q_flatline(const q_series *s, const mf_quality_threshold *t, q_sink *k);
/* range: values outside it are left out (the range check reports them) */
void q_outliers(const q_series *s, const mf_quality_threshold *t, const mf_quality_threshold *range,
                q_sink *k);
void q_revisions(const q_series *s, const mf_quality_threshold *t, q_sink *k);

/* Two series of a pair over the window of a (quality_cross.c). */
void q_cross(const mf_quality_pair *p, const q_series *a, const q_series *b, q_sink *k);

/* Every stored curve dated from..as_of (of source, when not NULL) (quality_curves.c). */
int q_curves(mf_store *st, const mf_quality_rules *rules, const char *source, mf_date from,
             mf_date as_of, q_sink *k, mf_error *err);

#endif
