/*
 * quality_values.c - the checks of the values themselves (quality_int.h, docs/quality.md):
 * duplicates (two dates in one period of a weekly or lower-frequency series), range
 * (values outside the plausible range of the unit) and flatline (the longest run of identical
 * consecutive values).
 */
#include <math.h>

#include "analytics/quality_int.h"

static bool same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

void q_duplicates(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    char f = s->info->frequency;
    double dup = 0, conflict = 0;
    mf_date first = 0, first_conflict = 0;
    double a_val = NAN, b_val = NAN;
    /* two dates of one period (a series of one value a week, month, quarter or year) */
    if (f == 'W' || f == 'M' || f == 'Q' || f == 'A')
        for (size_t i = s->w0 + 1; i < s->n; i++) {
            if (i == 0 || q_period(f, s->d[i]) != q_period(f, s->d[i - 1]))
                continue;
            if (same(s->v[i], s->v[i - 1])) {
                if (dup + conflict == 0)
                    first = s->d[i];
                dup++;
            } else {
                if (conflict == 0) {
                    first_conflict = s->d[i];
                    a_val = s->v[i - 1];
                    b_val = s->v[i];
                }
                if (dup + conflict == 0)
                    first = s->d[i];
                conflict++;
            }
        }
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
    const char *code = s->info->code, *src = s->info->source;
    if (conflict > 0 && !isnan(t->critical) && conflict > t->critical) {
        q_emit_as(k, code, src, MF_QC_DUPLICATES, MF_QUALITY_CRITICAL, MF_QUALITY_FAIL,
                  dup + conflict, t->critical, &first_conflict,
                  "%s: %g periods with two different values (first %s: %.10g after %.10g in "
                  "the same period), %g repeated values; conflicting values are critical",
                  code, conflict, q_iso(first_conflict, a), b_val, a_val, dup);
    } else if (!isnan(t->warning) && dup + conflict > t->warning) {
        q_emit_as(k, code, src, MF_QC_DUPLICATES, MF_QUALITY_WARNING, MF_QUALITY_FAIL,
                  dup + conflict, t->warning, &first,
                  "%s: %g periods with two dates of the same value, the first dated %s "
                  "(warning above %g)",
                  code, dup + conflict, q_iso(first, a), t->warning);
    } else {
        q_emit_as(k, code, src, MF_QC_DUPLICATES, MF_QUALITY_INFO, MF_QUALITY_PASS, dup + conflict,
                  isnan(t->warning) ? t->critical : t->warning, NULL,
                  "%s: no duplicate or conflicting values since %s", code, q_iso(s->from, b));
    }
}

void q_range(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    double outside = 0, bad = NAN;
    mf_date first = 0;
    for (size_t i = s->w0; i < s->n; i++)
        if (!isnan(s->v[i]) && (s->v[i] < t->min || s->v[i] > t->max)) {
            if (outside == 0) {
                first = s->d[i];
                bad = s->v[i];
            }
            outside++;
        }
    char a[MF_DATE_ISO_SIZE];
    if (outside > 0)
        q_emit(k, s->info->code, s->info->source, MF_QC_RANGE, outside, t, &first,
               "%s: %g values outside %g..%g %s, the first %.10g on %s", s->info->code, outside,
               t->min, t->max, s->info->unit, bad, q_iso(first, a));
    else
        q_emit(k, s->info->code, s->info->source, MF_QC_RANGE, 0, t, NULL,
               "%s: every value since %s within %g..%g %s", s->info->code, q_iso(s->from, a),
               t->min, t->max, s->info->unit);
}

void q_flatline(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    size_t best = 0, best_start = 0, run = 0, start = 0;
    for (size_t i = s->w0; i < s->n; i++) {
        if (isnan(s->v[i])) {
            run = 0;
            continue;
        }
        if (run > 0 && s->v[i] == s->v[i - 1]) {
            run++;
        } else {
            run = 1;
            start = i;
        }
        if (run > best) {
            best = run;
            best_start = start;
        }
    }
    if (best == 0)
        return;
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
    mf_date d0 = s->d[best_start];
    q_emit(k, s->info->code, s->info->source, MF_QC_FLATLINE, (double)best, t, &d0,
           "%s: longest run of identical values: %zu observations of %.10g from %s to %s",
           s->info->code, best, s->v[best_start], q_iso(d0, a),
           q_iso(s->d[best_start + best - 1], b));
}
