/*
 * curve_store.c - histories of stored curves (see curve_store.h).
 *
 * One query reads every vertex of the range (ordered by date and tenor); each date's vertices
 * set one reused mf_curve, so a history of years costs no allocation per date.
 */
#include "analytics/curve_store.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_curves.h"

double mf_curve_zero_pct_bus252(double df, double t)
{
    return (pow(df, -1.0 / t) - 1.0) * 100.0;
}

/* Rebuilds the curve of one date from its vertices v[0..n) and answers tenor_bd. */
static int point_of(mf_curve *curve, const mf_stored_vertex *v, size_t n, int32_t tenor_bd,
                    double *t, double *df, mf_curve_point *out, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(v[0].curve_date, day);
    if (strcmp(v[0].day_count, "bus/252") != 0 || strcmp(v[0].compounding, "annual") != 0)
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "curve of %s is %s %s: a history by business-day tenor needs a "
                            "bus/252 annual curve",
                            day, v[0].day_count, v[0].compounding);
    size_t m = 0;
    const mf_curve_vertex *exact = NULL;
    int32_t last_bd = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].v.tenor_bd == tenor_bd)
            exact = &v[i].v;
        if (v[i].v.tenor_bd == 0)
            continue; /* the curve date itself: discount factor 1, implied by mf_curve */
        t[m] = v[i].v.tenor_bd / 252.0;
        df[m] = v[i].v.discount_factor;
        last_bd = v[i].v.tenor_bd;
        m++;
    }
    if (m == 0)
        return mf_error_set(err, MF_EINVAL, "curve of %s has no vertex after the curve date", day);
    int rc = mf_curve_set(curve, t, df, m, MF_INTERP_FLAT_FORWARD, err);
    if (rc != 0)
        return mf_error_prefix(err, "curve of %s: ", day);
    double tt = tenor_bd / 252.0, d = mf_curve_df(curve, tt);
    out->curve_date = v[0].curve_date;
    out->discount_factor = d;
    out->zero_rate_pct = exact ? exact->zero_rate_pct : mf_curve_zero_pct_bus252(d, tt);
    out->kind = exact                ? MF_CURVE_POINT_VERTEX
                : tenor_bd > last_bd ? MF_CURVE_POINT_EXTRAPOLATED
                                     : MF_CURVE_POINT_INTERPOLATED;
    return 0;
}

int mf_curve_history(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                     mf_curve_point **out, size_t *n, mf_error *err)
{
    if (tenor_bd < 1)
        return mf_error_set(err, MF_EINVAL, "tenor %d business days: expected 1 or more",
                            (int)tenor_bd);
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
        if ((rc = point_of(curve, v + i, j - i, tenor_bd, t, df, &points[count], err)) != 0)
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
