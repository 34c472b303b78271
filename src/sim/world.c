/*
 * world.c - builds and frees the simulated world (sim/world.h): the day and month grids, the
 * meeting calendars, the one daily loop that runs the global, US, Brazil and EM blocks in
 * order, then the curves and instruments and the releases; shared helpers of the blocks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sim/meetings.h"
#include "sim/world_int.h"

double sim_clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double sim_round_to(double x, double step)
{
    if (step >= 1.0)
        return floor(x / step + 0.5) * step;
    /* n / (1 / step), not n step: 0.001 is not exact, and 17141 * 0.001 prints as
       17.141000000000002, where 17141 / 1000 is the double nearest 17.141 */
    double per_unit = floor(1.0 / step + 0.5);
    return floor(x * per_unit + 0.5) / per_unit;
}

double sim_round_25bp(double x)
{
    return sim_round_to(x, 0.25);
}

double sim_years(mf_date from, mf_date to)
{
    return (double)(to - from) / 365.25;
}

void sim_rel_push(mf_sim_world *w, int var, mf_date obs, mf_date avail, double value)
{
    if (w->n_rel == w->cap_rel) {
        w->cap_rel = w->cap_rel ? 2 * w->cap_rel : 4096;
        w->rel = mf_reallocarray(w->rel, w->cap_rel, sizeof *w->rel);
    }
    w->rel[w->n_rel++] = (sim_rel){.var = var, .obs = obs, .avail = avail, .value = value};
}

void sim_price_set(sim_gen *g, mf_sim_rng *rng, int v, int32_t t, double close, double sigma)
{
    mf_sim_world *w = g->w;
    double prev = t > 0 ? w->v[v][t - 1] : close;
    double open = prev * exp(0.3 * sigma * mf_sim_rng_normal(rng));
    double hi = open > close ? open : close, lo = open < close ? open : close;
    w->v[v][t] = close;
    w->open_px[v][t] = open;
    w->high_px[v][t] = hi * exp(0.5 * sigma * fabs(mf_sim_rng_normal(rng)));
    w->low_px[v][t] = lo * exp(-0.5 * sigma * fabs(mf_sim_rng_normal(rng)));
}

void mf_sim_world_free(mf_sim_world *w)
{
    if (!w)
        return;
    mf_free(w->day);
    mf_free(w->month_of);
    for (int c = 0; c < SIM_CAL_COUNT; c++)
        mf_free(w->open[c]);
    for (int v = 0; v < SIM_V_COUNT; v++) {
        mf_free(w->v[v]);
        mf_free(w->open_px[v]);
        mf_free(w->high_px[v]);
        mf_free(w->low_px[v]);
    }
    for (int s = 0; s < SIM_S_COUNT; s++)
        mf_free(w->s[s]);
    for (int m = 0; m < SIM_M_COUNT; m++)
        mf_free(w->m[m]);
    mf_free(w->rel);
    mf_free(w->di1);
    mf_free(w->bonds);
    mf_free(w->bond_px);
    mf_free(w);
}

static double *nan_array(size_t n)
{
    double *a = mf_malloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = NAN;
    return a;
}

/* The day grid, business-day flags and month index of each day. */
static int build_grid(mf_sim_world *w, mf_error *err)
{
    int32_t cap = w->end - w->start + 1;
    w->day = mf_malloc((size_t)cap * sizeof *w->day);
    w->month_of = mf_malloc((size_t)cap * sizeof *w->month_of);
    for (int c = 0; c < SIM_CAL_COUNT; c++)
        w->open[c] = mf_calloc((size_t)cap, 1);
    int32_t n = 0;
    for (mf_date d = w->start; d <= w->end; d++) {
        if (mf_date_is_weekend(d))
            continue;
        w->day[n] = d;
        w->month_of[n] = (mf_date_year(d) - MF_SIM_START_YEAR) * 12 + mf_date_month(d) - 1;
        w->open[SIM_CAL_WD][n] = 1;
        for (int c = SIM_CAL_BR; c <= SIM_CAL_US; c++) {
            bool open;
            int rc = mf_calendar_is_business_day(w->cal[c], d, &open, err);
            if (rc != 0)
                return rc;
            w->open[c][n] = open;
        }
        n++;
    }
    w->nd = n;
    w->nm = w->month_of[n - 1] + 1;
    return 0;
}

/* Decision days from 2005 to ten years past the end. */
static int build_meetings(mf_sim_world *w, mf_error *err)
{
    int last_year = mf_date_year(w->end) + 11;
    for (int y = MF_SIM_START_YEAR; y <= last_year; y++) {
        mf_date f[MF_SIM_MEETINGS_PER_YEAR], c[MF_SIM_MEETINGS_PER_YEAR];
        int rc = mf_sim_meetings(MF_SIM_FOMC, y, w->cal[SIM_CAL_US], f, err);
        if (rc == 0)
            rc = mf_sim_meetings(MF_SIM_COPOM, y, w->cal[SIM_CAL_BR], c, err);
        if (rc != 0)
            return rc;
        for (int i = 0; i < MF_SIM_MEETINGS_PER_YEAR; i++) {
            w->fomc[w->n_fomc++] = f[i];
            w->copom[w->n_copom++] = c[i];
        }
    }
    return 0;
}

static void allocate_arrays(mf_sim_world *w)
{
    size_t nd = (size_t)w->nd;
    for (int v = 0; v < SIM_V_COUNT; v++) {
        if (sim_vars[v].kind == SIM_REL)
            continue;
        w->v[v] = nan_array(nd);
        if (sim_vars[v].kind == SIM_PRICE) {
            w->open_px[v] = nan_array(nd);
            w->high_px[v] = nan_array(nd);
            w->low_px[v] = nan_array(nd);
        }
    }
    for (int s = 0; s < SIM_S_COUNT; s++)
        w->s[s] = nan_array(nd);
    for (int m = 0; m < SIM_M_COUNT; m++)
        w->m[m] = nan_array((size_t)w->nm);
}

/* Closes the values of days a variable's calendar has closed (the state ran through them). */
static void close_holidays(mf_sim_world *w)
{
    for (int v = 0; v < SIM_V_COUNT; v++) {
        if (sim_vars[v].kind == SIM_REL)
            continue;
        const uint8_t *open = w->open[sim_vars[v].cal];
        for (int32_t t = 0; t < w->nd; t++)
            if (!open[t]) {
                w->v[v][t] = NAN;
                if (w->open_px[v])
                    w->open_px[v][t] = w->high_px[v][t] = w->low_px[v][t] = NAN;
            }
    }
}

static int rel_cmp(const void *a, const void *b)
{
    const sim_rel *x = a, *y = b;
    if (x->var != y->var)
        return x->var < y->var ? -1 : 1;
    if (x->obs != y->obs)
        return x->obs < y->obs ? -1 : 1;
    return (x->avail > y->avail) - (x->avail < y->avail);
}

static void index_releases(mf_sim_world *w)
{
    qsort(w->rel, w->n_rel, sizeof *w->rel, rel_cmp);
    size_t i = 0;
    for (int v = 0; v <= SIM_V_COUNT; v++) {
        while (i < w->n_rel && w->rel[i].var < v)
            i++;
        w->rel_first[v] = i;
    }
}

int mf_sim_world_new(uint64_t seed, mf_date end, const mf_calendar *br, const mf_calendar *us,
                     mf_sim_world **out, mf_error *err)
{
    mf_date start = mf_date_ymd(MF_SIM_START_YEAR, 1, 3);
    if (end < mf_date_ymd(MF_SIM_START_YEAR, 2, 1) || end > mf_date_ymd(2085, 12, 31)) {
        char iso[MF_DATE_ISO_SIZE] = "?";
        if (end >= MF_DATE_MIN && end <= MF_DATE_MAX)
            mf_date_format_iso(end, iso);
        return mf_error_set(err, MF_EINVAL,
                            "simulated world: end date '%s' outside 2005-02-01..2085-12-31", iso);
    }
    if (!br || !us || strcmp(mf_calendar_name(br), "br") != 0 ||
        strcmp(mf_calendar_name(us), "us-gov") != 0)
        return mf_error_set(err, MF_EINVAL,
                            "simulated world: needs the 'br' and 'us-gov' calendars");
    mf_sim_world *w = mf_calloc(1, sizeof *w);
    w->seed = seed;
    w->start = start;
    w->end = end;
    w->cal[SIM_CAL_BR] = br;
    w->cal[SIM_CAL_US] = us;
    sim_gen g = {.w = w};
    int rc = build_grid(w, err);
    if (rc == 0)
        rc = build_meetings(w, err);
    if (rc != 0)
        goto out;
    allocate_arrays(w);
    mf_sim_rng_init(&g.rng_global, seed, 1);
    mf_sim_rng_init(&g.rng_us, seed, 2);
    mf_sim_rng_init(&g.rng_br, seed, 3);
    mf_sim_rng_init(&g.rng_em, seed, 4);
    for (int32_t t = 0; t < w->nd; t++) {
        sim_global_day(&g, t);
        if (t == 0 || w->month_of[t] != w->month_of[t - 1]) {
            g.t0_prev = t == 0 ? 0 : g.t0_cur;
            g.t0_cur = t;
            sim_us_month(&g, w->month_of[t]);
            sim_br_month(&g, w->month_of[t]);
        }
        sim_us_day(&g, t);
        sim_br_day(&g, t);
        sim_em_day(&g, t);
    }
    if ((rc = sim_markets_build(w, err)) != 0)
        goto out;
    sim_releases_build(&g);
    close_holidays(w);
    index_releases(w);
    w->cal[SIM_CAL_BR] = w->cal[SIM_CAL_US] = NULL; /* read while building only */
    *out = w;
    w = NULL;
out:
    mf_sim_world_free(w);
    return rc;
}
