/*
 * slice.c - the rows of one request over a date range, cut from a built world
 * (mf_sim_world_rows(), sim/world.h). Daily data is available the day it is observed;
 * release rows carry their own available_at.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim/world_int.h"

int32_t sim_grid_lower(const mf_sim_world *w, mf_date d)
{
    int32_t lo = 0, hi = w->nd;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (w->day[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int daily_rows(const mf_sim_world *w, int v, mf_date from, mf_date to, mf_conn_rows *out,
                      mf_error *err)
{
    bool price = sim_vars[v].kind == SIM_PRICE;
    for (int32_t t = sim_grid_lower(w, from); t < w->nd && w->day[t] <= to; t++) {
        if (isnan(w->v[v][t]))
            continue;
        mf_conn_row r = mf_conn_row_init(price ? MF_CONN_PRICE : MF_CONN_OBS, sim_vars[v].key);
        r.date = r.available_at = w->day[t];
        if (price) {
            r.open = w->open_px[v][t];
            r.high = w->high_px[v][t];
            r.low = w->low_px[v][t];
            r.close = w->v[v][t];
        } else {
            r.value = w->v[v][t];
        }
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int release_rows(const mf_sim_world *w, int v, mf_date from, mf_date to, mf_conn_rows *out,
                        mf_error *err)
{
    for (size_t i = w->rel_first[v]; i < w->rel_first[v + 1]; i++) {
        const sim_rel *x = &w->rel[i];
        if (x->obs < from || x->obs > to)
            continue;
        mf_conn_row r = mf_conn_row_init(MF_CONN_OBS, sim_vars[v].key);
        r.date = x->obs;
        r.available_at = x->avail;
        r.value = x->value;
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int di1_rows(const mf_sim_world *w, mf_date from, mf_date to, mf_conn_rows *out,
                    mf_error *err)
{
    static const char codes[] = "FGHJKMNQUVXZ";
    size_t lo = 0, hi = w->n_di1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->di1[mid].day < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < w->n_di1 && w->di1[i].day <= to; i++) {
        const sim_di1 *x = &w->di1[i];
        char key[MF_CONN_KEY_MAX];
        snprintf(key, sizeof key, "DI1%c%02d", codes[mf_date_month(x->maturity) - 1],
                 mf_date_year(x->maturity) % 100);
        mf_conn_row r = mf_conn_row_init(MF_CONN_PRICE, key);
        r.date = r.available_at = x->day;
        r.settle = x->rate_pct;
        r.open_interest = x->open_interest;
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int bond_rows(const mf_sim_world *w, mf_date from, mf_date to, mf_conn_rows *out,
                     mf_error *err)
{
    size_t lo = 0, hi = w->n_bond_px;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->bond_px[mid].day < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < w->n_bond_px && w->bond_px[i].day <= to; i++) {
        const sim_bond_px *x = &w->bond_px[i];
        mf_conn_row r = mf_conn_row_init(MF_CONN_PRICE, w->bonds[x->bond].key);
        r.date = r.available_at = x->day;
        r.close = x->pu_brl;
        r.yield_pct = x->yield_pct;
        int rc = mf_conn_rows_push(out, &r, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int mf_sim_world_rows(const mf_sim_world *w, const char *request, mf_date from, mf_date to,
                      mf_conn_rows *out, mf_error *err)
{
    if (strcmp(request, MF_SIM_REQUEST_DI1) == 0)
        return di1_rows(w, from, to, out, err);
    if (strcmp(request, MF_SIM_REQUEST_BONDS) == 0)
        return bond_rows(w, from, to, out, err);
    for (int v = 0; v < SIM_V_COUNT; v++)
        if (strcmp(sim_vars[v].key, request) == 0)
            return sim_vars[v].kind == SIM_REL ? release_rows(w, v, from, to, out, err)
                                               : daily_rows(w, v, from, to, out, err);
    return mf_error_set(err, MF_EINVAL, "simulated: unknown request '%s'", request);
}
