/*
 * quality_curves.c - curve sanity (quality_int.h, docs/quality.md): on every stored curve
 * dated in the window, each discount factor positive and below the one before it, and each
 * forward rate between consecutive vertices, annually compounded in % a year on the curve's
 * day count (BUS/252: du / 252; ACT/360: days / 360; otherwise days / 365), within the
 * rule's min..max. The measure is the number of violations.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/quality_int.h"
#include "core/alloc.h"
#include "store/repo_curves.h"

static double years(const mf_stored_vertex *v)
{
    if (strcmp(v->day_count, "bus/252") == 0)
        return v->v.tenor_bd / 252.0;
    if (strcmp(v->day_count, "act/360") == 0)
        return v->v.tenor_cd / 360.0;
    return v->v.tenor_cd / 365.0;
}

/* Checks one curve code; appends its result. */
static int check_curve(mf_store *st, const mf_quality_rules *rules, const mf_curve_summary *c,
                       const char *source, mf_date from, mf_date as_of, q_sink *k, mf_error *err)
{
    mf_curve_head head;
    mf_curve_vertex *last = NULL;
    size_t n_last = 0;
    mf_stored_vertex *v = NULL;
    size_t n = 0;
    int rc = mf_repo_curve_range(st, c->code, from, as_of, &v, &n, err);
    if (rc != 0)
        return rc;
    if (n == 0) {
        mf_free(v);
        return 0;
    }
    rc = mf_repo_curve_get(st, c->code, v[n - 1].curve_date, &head, &last, &n_last, err);
    mf_free(last);
    if (rc != 0 || (source && strcmp(head.source, source) != 0)) {
        mf_free(v);
        return rc;
    }
    mf_series_info info = {.frequency = 'D'};
    memcpy(info.code, c->code, sizeof info.code);
    memcpy(info.source, head.source, sizeof info.source);
    mf_quality_threshold t = mf_quality_threshold_for(rules, MF_QC_CURVE_SANITY, &info);
    if (!t.enabled) {
        mf_free(v);
        return 0;
    }
    double violations = 0;
    size_t dates = 0;
    char what[160 + sizeof " on " + MF_DATE_ISO_SIZE] = ""; /* bad, " on ", the date */
    mf_date first = 0;
    for (size_t i = 0; i < n; i++) {
        bool new_date = i == 0 || v[i].curve_date != v[i - 1].curve_date;
        dates += new_date;
        char bad[160] = "";
        double df = v[i].v.discount_factor;
        char a[MF_DATE_ISO_SIZE];
        if (!(df > 0)) {
            snprintf(bad, sizeof bad, "discount factor %.10g at %d du is not positive", df,
                     v[i].v.tenor_bd);
        } else if (!new_date) {
            double df0 = v[i - 1].v.discount_factor, dt = years(&v[i]) - years(&v[i - 1]);
            double fwd = dt > 0 && df0 > 0 ? (pow(df0 / df, 1 / dt) - 1) * 100 : NAN;
            if (df0 > 0 && !(df < df0))
                snprintf(bad, sizeof bad, "discount factor %.10g at %d du not below %.10g at %d du",
                         df, v[i].v.tenor_bd, df0, v[i - 1].v.tenor_bd);
            else if (!isnan(fwd) && (fwd < t.min || fwd > t.max))
                snprintf(bad, sizeof bad, "forward %.4f %% a year from %d to %d du outside %g..%g",
                         fwd, v[i - 1].v.tenor_bd, v[i].v.tenor_bd, t.min, t.max);
        }
        if (bad[0]) {
            if (violations == 0) {
                first = v[i].curve_date;
                snprintf(what, sizeof what, "%s on %s", bad, q_iso(first, a));
            }
            violations++;
        }
    }
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
    if (violations > 0)
        q_emit(k, c->code, head.source, MF_QC_CURVE_SANITY, violations, &t, &first,
               "curve %s: %g violations on %zu dates from %s to %s; the first: %s", c->code,
               violations, dates, q_iso(v[0].curve_date, a), q_iso(v[n - 1].curve_date, b), what);
    else
        q_emit(k, c->code, head.source, MF_QC_CURVE_SANITY, 0, &t, NULL,
               "curve %s: %zu dates from %s to %s, discount factors positive and decreasing, "
               "forwards within %g..%g %% a year",
               c->code, dates, q_iso(v[0].curve_date, a), q_iso(v[n - 1].curve_date, b), t.min,
               t.max);
    mf_free(v);
    return 0;
}

int q_curves(mf_store *st, const mf_quality_rules *rules, const char *source, mf_date from,
             mf_date as_of, q_sink *k, mf_error *err)
{
    mf_curve_summary *c = NULL;
    size_t n = 0;
    int rc = mf_repo_curve_list(st, &c, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = check_curve(st, rules, &c[i], source, from, as_of, k, err);
    mf_free(c);
    return rc;
}
