/*
 * curve_stored.c - a stored curve loaded as an mf_curve + mf_dated_curve and asked by date
 * (see curve_stored.h). One load allocates its vertices, nodes, curve and (bus/252) calendar
 * once; the queries allocate nothing.
 */
#include "analytics/curve_stored.h"

#include <string.h>

#include "core/alloc.h"
#include "core/daycount.h"

static const mf_daycount basis_of[] = {
    [MF_CURVE_BUS252] = MF_DAYCOUNT_BUS_252,
    [MF_CURVE_ACT360] = MF_DAYCOUNT_ACT_360,
    [MF_CURVE_ACT365F] = MF_DAYCOUNT_ACT_365F,
};

void mf_stored_curve_release(mf_stored_curve *c)
{
    if (c == NULL)
        return;
    mf_free(c->vertex);
    mf_free(c->t);
    mf_free(c->df);
    mf_curve_free(c->curve);
    mf_calendar_free(c->calendar);
    memset(c, 0, sizeof *c);
}

static int load(mf_store *st, const char *code, mf_date date, mf_stored_curve *c, mf_error *err)
{
    int rc = mf_repo_curve_get(st, code, date, &c->head, &c->vertex, &c->nvertex, err);
    if (rc != 0)
        return rc;
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(date, day);
    rc = mf_curve_conventions(c->head.day_count, c->head.compounding, &c->day_count,
                              &c->compounding, err);
    if (rc != 0)
        return mf_error_prefix(err, "curve '%s' of %s: ", c->head.code, day);
    c->convention.daycount = basis_of[c->day_count];
    c->convention.compounding = c->compounding;
    c->first_node = c->nvertex > 0 && c->vertex[0].tenor_cd == 0 ? 1 : 0;
    if (c->nvertex <= c->first_node)
        return mf_error_set(err, MF_EINVAL, "curve '%s' of %s has no vertex after its date",
                            c->head.code, day);
    c->nnodes = c->nvertex - c->first_node;
    c->t = mf_calloc(c->nnodes, sizeof *c->t);
    c->df = mf_calloc(c->nnodes, sizeof *c->df);
    for (size_t i = 0; i < c->nnodes; i++) {
        const mf_curve_vertex *v = &c->vertex[c->first_node + i];
        c->t[i] = mf_curve_vertex_years(c->day_count, v->tenor_bd, v->tenor_cd);
        c->df[i] = v->discount_factor;
    }
    c->curve = mf_curve_new();
    rc = mf_curve_set(c->curve, c->t, c->df, c->nnodes, MF_INTERP_FLAT_FORWARD, err);
    if (rc != 0)
        return mf_error_prefix(err, "curve '%s' of %s: ", c->head.code, day);
    if (c->day_count == MF_CURVE_BUS252 && (rc = mf_calendar_new("br", &c->calendar, err)) != 0)
        return rc;
    c->dated.curve = c->curve;
    c->dated.curve_date = c->head.date;
    c->dated.basis = c->convention.daycount;
    c->dated.calendar = c->calendar;
    return 0;
}

int mf_stored_curve_load(mf_store *st, const char *code, mf_date date, mf_stored_curve *out,
                         mf_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = load(st, code, date, out, err);
    if (rc != 0)
        mf_stored_curve_release(out);
    return rc;
}

/* The vertex maturing on date, or NULL (vertices by increasing maturity). */
static const mf_curve_vertex *vertex_on(const mf_stored_curve *c, mf_date date)
{
    size_t lo = 0, hi = c->nvertex;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->vertex[mid].maturity < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nvertex && c->vertex[lo].maturity == date ? &c->vertex[lo] : NULL;
}

int mf_stored_curve_df(const mf_stored_curve *c, mf_date date, double *df, mf_error *err)
{
    const mf_curve_vertex *v = vertex_on(c, date);
    if (v != NULL) {
        *df = v->discount_factor;
        return 0;
    }
    return mf_dated_curve_df(&c->dated, date, df, err);
}

int mf_stored_curve_rate(const mf_stored_curve *c, mf_date d1, mf_date d2, mf_rate_convention conv,
                         double *rate, double *tau_years, mf_error *err)
{
    if (conv.daycount == MF_DAYCOUNT_BUS_252 && c->calendar == NULL)
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "curve '%s' is %s %s: a BUS/252 rate needs a business-day calendar, "
                            "which the store keeps only for bus/252 curves (ask in a calendar-day "
                            "convention)",
                            c->head.code, c->head.day_count, c->head.compounding);
    double checked = 0.0, df1 = 1.0, df2 = 0.0, tau = 0.0;
    /* the dated curve checks the dates and the convention, with its messages */
    int rc = d1 == c->head.date ? mf_dated_curve_zero(&c->dated, d2, conv, &checked, err)
                                : mf_dated_curve_forward(&c->dated, d1, d2, conv, &checked, err);
    if (rc != 0)
        return rc;
    mf_daycount_ctx ctx = {.calendar = c->calendar};
    if ((rc = mf_daycount_yearfrac(conv.daycount, d1, d2, &ctx, &tau, err)) != 0)
        return rc;
    if (d1 != c->head.date && (rc = mf_stored_curve_df(c, d1, &df1, err)) != 0)
        return rc;
    if ((rc = mf_stored_curve_df(c, d2, &df2, err)) != 0)
        return rc;
    *rate = mf_df_to_rate(df2 / df1, tau, conv.compounding);
    *tau_years = tau;
    return 0;
}
