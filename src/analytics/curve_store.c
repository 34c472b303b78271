/*
 * curve_store.c - bootstrap nodes stored as vertices, and histories of stored curves in every
 * stored convention (see curve_store.h).
 *
 * One query reads every vertex of the range (ordered by date and tenor); each date's vertices
 * set one reused mf_curve, so a history of years costs no allocation per date.
 */
#include "analytics/curve_store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_curves.h"

double mf_curve_zero_pct_bus252(double df, double t)
{
    return (pow(df, -1.0 / t) - 1.0) * 100.0;
}

int mf_curve_conventions(const char *day_count, const char *compounding, mf_curve_day_count *dc,
                         mf_compounding *comp, mf_error *err)
{
    if (strcmp(day_count, "bus/252") == 0)
        *dc = MF_CURVE_BUS252;
    else if (strcmp(day_count, "act/360") == 0)
        *dc = MF_CURVE_ACT360;
    else if (strcmp(day_count, "act/365f") == 0)
        *dc = MF_CURVE_ACT365F;
    else
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "day count '%.20s': expected bus/252, act/360 or act/365f", day_count);
    if (strcmp(compounding, "simple") == 0)
        *comp = MF_COMPOUNDING_SIMPLE;
    else if (strcmp(compounding, "annual") == 0)
        *comp = MF_COMPOUNDING_ANNUAL;
    else if (strcmp(compounding, "continuous") == 0)
        *comp = MF_COMPOUNDING_CONTINUOUS;
    else
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "compounding '%.20s': expected simple, annual or continuous",
                            compounding);
    return 0;
}

double mf_curve_vertex_years(mf_curve_day_count dc, int32_t tenor_bd, int32_t tenor_cd)
{
    switch (dc) {
    case MF_CURVE_BUS252: return tenor_bd / 252.0;
    case MF_CURVE_ACT360: return tenor_cd / 360.0;
    case MF_CURVE_ACT365F: return tenor_cd / 365.0;
    }
    return NAN;
}

double mf_curve_stored_zero_pct(double df, double t, mf_compounding comp)
{
    if (comp == MF_COMPOUNDING_ANNUAL)
        return mf_curve_zero_pct_bus252(df, t);
    return mf_df_to_rate(df, t, comp) * 100.0;
}

int mf_curve_store_nodes(mf_store *st, const mf_calendar *cal, const mf_curve_head *head,
                         const mf_date *maturity, const double *df, size_t n, mf_curve_vertex *work,
                         mf_error *err)
{
    char day[MF_DATE_ISO_SIZE], mat[MF_DATE_ISO_SIZE];
    mf_date_format_iso(head->date, day);
    mf_curve_day_count dc = MF_CURVE_BUS252;
    mf_compounding comp = MF_COMPOUNDING_ANNUAL;
    int rc = mf_curve_conventions(head->day_count, head->compounding, &dc, &comp, err);
    if (rc != 0)
        return mf_error_prefix(err, "curve '%.63s' on %s: ", head->code, day);
    if (n == 0)
        return mf_error_set(err, MF_EINVAL, "curve '%.63s' on %s: no vertex", head->code, day);
    for (size_t i = 0; i < n; i++) {
        mf_curve_vertex *v = &work[i];
        if (maturity[i] <= head->date)
            return mf_error_set(err, MF_EINVAL,
                                "curve '%.63s' on %s: vertex %zu: maturity %s is not after the "
                                "curve date",
                                head->code, day, i + 1, mf_date_format_iso(maturity[i], mat));
        if (!isfinite(df[i]) || df[i] <= 0.0)
            return mf_error_set(err, MF_EINVAL,
                                "curve '%.63s' on %s: vertex %zu: discount factor %g is not "
                                "positive and finite",
                                head->code, day, i + 1, df[i]);
        if (mf_calendar_bizdays(cal, head->date, maturity[i], &v->tenor_bd, err) != 0)
            return mf_error_prefix(err, "curve '%.63s' on %s: vertex %zu: ", head->code, day,
                                   i + 1);
        v->tenor_cd = (int32_t)(maturity[i] - head->date);
        v->maturity = maturity[i];
        v->discount_factor = df[i];
        v->zero_rate_pct = mf_curve_stored_zero_pct(
            df[i], mf_curve_vertex_years(dc, v->tenor_bd, v->tenor_cd), comp);
    }
    return mf_repo_curve_put(st, head, work, n, err);
}

/* Rebuilds the curve of one date from its vertices v[0..n) and answers days in unit. */
static int point_of(mf_curve *curve, const mf_stored_vertex *v, size_t n, mf_curve_tenor_unit unit,
                    int32_t days, double *t, double *df, mf_curve_point *out, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(v[0].curve_date, day);
    mf_curve_day_count dc = MF_CURVE_BUS252;
    mf_compounding comp = MF_COMPOUNDING_ANNUAL;
    if (mf_curve_conventions(v[0].day_count, v[0].compounding, &dc, &comp, err) != 0)
        return mf_error_prefix(err, "curve of %s: ", day);
    if (unit == MF_CURVE_TENOR_BD && dc != MF_CURVE_BUS252)
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "curve of %s is %s %s: a history by business-day tenor needs a "
                            "bus/252 annual curve",
                            day, v[0].day_count, v[0].compounding);
    if (unit == MF_CURVE_TENOR_CD && dc == MF_CURVE_BUS252)
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "curve of %s is %s %s: a history by calendar-day tenor needs an "
                            "act/360 or act/365f curve (use a business-day tenor)",
                            day, v[0].day_count, v[0].compounding);
    size_t m = 0;
    const mf_curve_vertex *exact = NULL;
    int32_t last = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t key = unit == MF_CURVE_TENOR_BD ? v[i].v.tenor_bd : v[i].v.tenor_cd;
        if (key == days)
            exact = &v[i].v;
        if (key == 0)
            continue; /* the curve date itself: discount factor 1, implied by mf_curve */
        t[m] = mf_curve_vertex_years(dc, v[i].v.tenor_bd, v[i].v.tenor_cd);
        df[m] = v[i].v.discount_factor;
        last = key;
        m++;
    }
    if (m == 0)
        return mf_error_set(err, MF_EINVAL, "curve of %s has no vertex after the curve date", day);
    int rc = mf_curve_set(curve, t, df, m, MF_INTERP_FLAT_FORWARD, err);
    if (rc != 0)
        return mf_error_prefix(err, "curve of %s: ", day);
    double tt = mf_curve_vertex_years(dc, days, days), d = mf_curve_df(curve, tt);
    out->curve_date = v[0].curve_date;
    out->discount_factor = d;
    out->zero_rate_pct = exact ? exact->zero_rate_pct : mf_curve_stored_zero_pct(d, tt, comp);
    out->kind = exact         ? MF_CURVE_POINT_VERTEX
                : days > last ? MF_CURVE_POINT_EXTRAPOLATED
                              : MF_CURVE_POINT_INTERPOLATED;
    return 0;
}

int mf_curve_history_days(mf_store *st, const char *code, mf_curve_tenor_unit unit, int32_t days,
                          mf_date from, mf_date to, mf_curve_point **out, size_t *n, mf_error *err)
{
    if (days < 1)
        return mf_error_set(err, MF_EINVAL, "tenor %d %s days: expected 1 or more", (int)days,
                            unit == MF_CURVE_TENOR_BD ? "business" : "calendar");
    bool exists = false;
    int rc = mf_repo_curve_exists(st, code, &exists, err);
    if (rc != 0)
        return rc;
    if (!exists)
        return mf_error_set(err, MF_ENOTFOUND, "unknown curve '%.80s'", code);
    mf_stored_vertex *v = NULL;
    size_t nv = 0;
    if ((rc = mf_repo_curve_range(st, code, from, to, &v, &nv, err)) != 0)
        return rc;
    mf_curve_point *points = NULL;
    size_t count = 0, cap = 0, widest = 0;
    for (size_t i = 0, j; i < nv; i = j) { /* the widest date sizes the node buffers */
        for (j = i; j < nv && v[j].curve_date == v[i].curve_date; j++)
            ;
        widest = j - i > widest ? j - i : widest;
    }
    double *t = mf_calloc(widest ? widest : 1, sizeof *t);
    double *df = mf_calloc(widest ? widest : 1, sizeof *df);
    mf_curve *curve = mf_curve_new();
    for (size_t i = 0, j; i < nv; i = j) {
        for (j = i; j < nv && v[j].curve_date == v[i].curve_date; j++)
            ;
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            points = mf_reallocarray(points, cap, sizeof *points);
        }
        if ((rc = point_of(curve, v + i, j - i, unit, days, t, df, &points[count], err)) != 0)
            break;
        count++;
    }
    mf_curve_free(curve);
    mf_free(t);
    mf_free(df);
    mf_free(v);
    if (rc != 0) {
        mf_free(points);
        return rc;
    }
    *out = points;
    *n = count;
    return 0;
}

int mf_curve_history(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                     mf_curve_point **out, size_t *n, mf_error *err)
{
    return mf_curve_history_days(st, code, MF_CURVE_TENOR_BD, tenor_bd, from, to, out, n, err);
}
