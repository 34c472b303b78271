/*
 * standin_generic.c - the generic stand-in generator (sim/standin_int.h): a model chosen from
 * a series' frequency, unit and category (rates and percentages an AR(1) around a plausible
 * level, indices and amounts a log AR(1) around a drifting level, balances around zero),
 * seeded from (world seed, seed name), stepped over every period from 2005 so a longer world
 * never changes an earlier value; monthly, quarterly and annual values released after the
 * period by the catalogue's lag, with a revision 30 (or 60) days later for the revised
 * categories.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/standin_int.h"
#include "sim/world_int.h"

typedef enum gen_model {
    GM_LEVEL, /* level + AR(1) deviation, natural units */
    GM_LOG    /* level * exp(drift * years + AR(1) deviation) */
} gen_model;

typedef struct gen_spec {
    gen_model model;
    double level, drift, sd, tau_years, floor; /* floor: NaN none */
    int decimals;
    bool revised;
} gen_spec;

static bool has(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

static gen_spec level(double lv, double sd, double tau, int decimals)
{
    return (gen_spec){GM_LEVEL, lv, 0.0, sd, tau, NAN, decimals, false};
}

static gen_spec logm(double lv, double drift, double sd, double tau, int decimals)
{
    return (gen_spec){GM_LOG, lv, drift, sd, tau, NAN, decimals, false};
}

/* The model of a series from its unit, category, country and name. */
static gen_spec series_spec(const mf_series_info *s)
{
    const char *u = s->unit, *c = s->category, *code = s->code, *name = s->name;
    bool br = strcmp(s->country, "BR") == 0;
    gen_spec g;
    if (has(u, "per day"))
        g = level(0.04, 0.01, 2.0, 6);
    else if (strcmp(u, "count") == 0)
        g = level(100.0, 10.0, 0.5, 0);
    else if (has(u, "contracts"))
        g = has(code, ".OI") ? logm(200000.0, 0.02, 0.3, 1.0, 0) : logm(40000.0, 0.0, 0.5, 0.5, 0);
    else if (strcmp(c, "fx") == 0)
        g = logm(1.0, 0.0, 0.15, 3.0, 4);
    else if (strcmp(c, "equity") == 0)
        g = logm(1000.0, 0.07, 0.25, 2.0, 2);
    else if (strcmp(c, "commodity") == 0)
        g = logm(has(u, "MMBtu") ? 4.0 : has(u, "gallon") ? 2.5 : 50.0, 0.02, 0.3, 2.0, 3);
    else if (strcmp(c, "volatility") == 0)
        g = logm(20.0, 0.0, 0.3, 0.2, 2);
    else if (strcmp(c, "expectations") == 0)
        g = has(code, ".SD")        ? level(0.3, 0.1, 1.0, 2)
            : has(u, "per month")   ? level(0.4, 0.2, 0.3, 2)
            : has(u, "per year")    ? level(10.0, 3.0, 3.0, 2)
            : has(u, "real growth") ? level(2.0, 1.0, 2.0, 2)
                                    : level(br ? 4.5 : 2.5, 1.0, 2.0, 2);
    else if (strcmp(c, "inflation") == 0)
        g = has(u, "index")       ? logm(100.0, br ? 0.05 : 0.025, 0.01, 1.0, 2)
            : has(u, "per month") ? level(br ? 0.4 : 0.2, 0.25, 0.15, 2)
                                  : level(br ? 5.5 : 2.5, 1.5, 1.5, 2);
    else if (strcmp(u, "index") == 0 && (strcmp(c, "rates") == 0 || strcmp(c, "credit") == 0))
        g = level(0.0, 1.0, 0.5, 3); /* financial stress and conditions indices, around zero */
    else if (strcmp(c, "rates") == 0)
        g = has(u, "per month")    ? level(0.6, 0.1, 2.0, 4)
            : has(u, "per period") ? level(0.05, 0.03, 1.0, 4)
            : br                   ? level(10.0, 3.0, 3.0, 2)
                                   : level(2.5, 1.5, 3.0, 2);
    else if (strcmp(c, "credit") == 0)
        g = has(u, "million")           ? logm(1.0e6, 0.08, 0.05, 1.0, 0)
            : has(u, "per year")        ? level(35.0, 5.0, 2.0, 2)
            : has(u, "per month")       ? level(1.5, 0.3, 2.0, 2)
            : has(u, "points")          ? level(20.0, 4.0, 2.0, 2)
            : has(name, "debt service") ? level(25.0, 2.0, 3.0, 2)
            : has(name, "debt")         ? level(45.0, 5.0, 3.0, 2)
                                        : level(4.0, 1.0, 2.0, 2);
    else if (strcmp(c, "money") == 0)
        g = has(u, "thousand") ? logm(3.0e8, 0.08, 0.04, 1.0, 0)
            : has(u, "bn")     ? logm(1000.0, 0.05, 0.2, 1.0, 1)
                               : logm(1.0e6, 0.05, 0.2, 1.0, 0);
    else if (strcmp(c, "fiscal") == 0)
        g = has(u, "% of GDP")       ? level(45.0, 8.0, 5.0, 2)
            : has(code, "RESULTADO") ? level(0.0, 20000.0, 0.3, 0)
                                     : logm(2000.0, 0.06, 0.15, 0.2, 0);
    else if (strcmp(c, "external") == 0)
        g = (has(name, "balance") || has(name, "net") || has(name, "Current account"))
                ? level(-1000.0, 3000.0, 0.3, 0)
                : logm(10000.0, 0.05, 0.15, 0.5, 0);
    else if (strcmp(c, "labour") == 0)
        g = has(u, "%")          ? level(br ? 9.0 : 5.5, 2.0, 2.0, 1)
            : has(u, "claims")   ? logm(300000.0, 0.0, 0.2, 0.5, 0)
            : has(u, "per hour") ? logm(20.0, 0.03, 0.01, 1.0, 2)
                                 : logm(5000.0, 0.02, 0.15, 2.0, 0);
    else if (strcmp(c, "activity") == 0)
        g = has(u, "SAAR") && u[0] == '%'        ? level(2.2, 2.0, 0.3, 1)
            : u[0] == '%' && !has(u, "capacity") ? level(0.5, 0.8, 0.3, 2)
            : has(u, "capacity")                 ? level(77.0, 3.0, 2.0, 1)
            : has(u, "1966Q1")                   ? level(85.0, 10.0, 1.0, 1) /* sentiment */
            : s->frequency == 'D' ? logm(120.0, 0.0, 0.4, 0.2, 2) /* news-based indices */
            : has(u, "index")     ? logm(100.0, 0.02, 0.03, 1.0, 2)
                                  : logm(10000.0, 0.045, 0.02, 1.0, 0);
    else
        g = level(100.0, 10.0, 1.0, 2);
    if (g.model == GM_LEVEL && g.level > 0.0 && !has(c, "fiscal") && !has(c, "external") &&
        !has(u, "per month") && strcmp(c, "inflation") != 0 && !has(u, "real growth") &&
        !(strcmp(c, "activity") == 0 && u[0] == '%' && !has(u, "capacity")))
        g.floor = g.level * 0.02; /* rates and percentages stay positive */
    static const char *const revised[] = {"activity", "labour", "external",
                                          "fiscal",   "credit", "money"};
    for (size_t i = 0; i < sizeof revised / sizeof revised[0]; i++)
        g.revised |= strcmp(c, revised[i]) == 0 && s->frequency != 'D';
    return g;
}

static gen_spec instrument_spec(const mf_instrument *in)
{
    if (strcmp(in->asset_class, "fx") == 0)
        return logm(1.0, 0.0, 0.15, 3.0, 4);
    if (strcmp(in->asset_class, "equity") == 0)
        return logm(1000.0, 0.07, 0.25, 2.0, 2);
    if (strcmp(in->asset_class, "rates") == 0)
        return level(2.5, 1.5, 3.0, 3);
    return logm(50.0, 0.02, 0.3, 2.0, 3);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211u;
    return h;
}

typedef struct gen_state {
    gen_spec g;
    mf_sim_rng rng;
    double dev, phi, innov;
} gen_state;

static void gen_init(gen_state *st, const gen_spec *g, uint64_t seed, const char *name, double dt)
{
    st->g = *g;
    mf_sim_rng_init(&st->rng, seed ^ fnv1a(name), 77);
    st->phi = exp(-dt / g->tau_years);
    st->innov = g->sd * sqrt(1.0 - st->phi * st->phi);
    st->dev = g->sd * mf_sim_rng_normal(&st->rng);
    st->innov = isfinite(st->innov) ? st->innov : 0.0;
    /* A quote moves by about its tick at least: a level scaled far down (CPFF's 0.3 %) would
       otherwise step by a fraction of 0.01 and print the same value for weeks. */
    if (g->model == GM_LEVEL && st->innov < pow(10.0, -g->decimals))
        st->innov = pow(10.0, -g->decimals);
}

/* The value of the next period (years: since 2005-01-01) and a revision of it; both drawn
   every period so the stream never depends on which rows are emitted. */
static double gen_next(gen_state *st, double years, double *revision)
{
    st->dev = st->phi * st->dev + st->innov * mf_sim_rng_normal(&st->rng);
    double e = mf_sim_rng_normal(&st->rng);
    const gen_spec *g = &st->g;
    double x, rev;
    if (g->model == GM_LOG) {
        x = g->level * exp(g->drift * years + st->dev);
        rev = x * (1.0 + 0.004 * e);
    } else {
        x = g->level + st->dev;
        rev = x + 0.03 * g->sd * e;
        if (!isnan(g->floor)) {
            x = x < g->floor ? g->floor : x;
            rev = rev < g->floor ? g->floor : rev;
        }
    }
    double tick = pow(10.0, -g->decimals);
    *revision = sim_round_to(rev, tick);
    return sim_round_to(x, tick);
}

int standin_calendar(const char *country)
{
    return strcmp(country, "BR") == 0   ? SIM_CAL_BR
           : strcmp(country, "US") == 0 ? SIM_CAL_US
                                        : SIM_CAL_WD;
}

static double years_since_start(const mf_sim_world *w, mf_date d)
{
    return (double)(d - w->start) / 365.25;
}

static int push(mf_conn_rows *out, const char *key, bool price, mf_date d, mf_date avail, double x,
                double off, mf_error *err)
{
    mf_conn_row r = mf_conn_row_init(price ? MF_CONN_PRICE : MF_CONN_OBS, key);
    r.date = d;
    r.available_at = avail;
    if (price)
        r.open = r.high = r.low = r.close = x + off;
    else
        r.value = x + off;
    return mf_conn_rows_push(out, &r, err);
}

static int daily(const mf_sim_world *w, gen_state *st, const char *key, bool price,
                 const char *country, int lag, double off, mf_date from, mf_date to,
                 mf_conn_rows *out, mf_error *err)
{
    int cal = standin_calendar(country);
    for (int32_t t = 0; t < w->nd && w->day[t] <= to; t++) {
        double rev; /* a step every weekday: one seed gives one path whatever the calendar */
        double x = gen_next(st, years_since_start(w, w->day[t]), &rev);
        if (!w->open[cal][t])
            continue;
        mf_date avail = w->day[t] + lag;
        if (w->day[t] < from || avail > w->end)
            continue;
        int rc = push(out, key, price, w->day[t], avail, x, off, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Weekly: the Tuesday (positioning) or the Friday of each week, public lag days later. */
static int weekly(const mf_sim_world *w, gen_state *st, const char *key, bool tuesday, int lag,
                  double off, mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    mf_weekday wd = tuesday ? MF_TUESDAY : MF_FRIDAY;
    for (int32_t t = 0; t < w->nd && w->day[t] <= to; t++) {
        if (mf_date_weekday(w->day[t]) != wd)
            continue;
        double rev;
        double x = gen_next(st, years_since_start(w, w->day[t]), &rev);
        mf_date avail = w->day[t] + (lag > 0 ? lag : 1);
        if (w->day[t] < from || avail > w->end)
            continue;
        int rc = push(out, key, false, w->day[t], avail, x, off, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Monthly (step 1), quarterly (3) or annual (12) periods on the month grid. */
static int periodic(const mf_sim_world *w, gen_state *st, const char *key, int step, int lag,
                    double off, mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    for (int32_t m = 0; m < w->nm; m += step) {
        int32_t mm = m + step - 1; /* the period's last month */
        mf_date obs = mf_date_ymd(MF_SIM_START_YEAR + m / 12, m % 12 + 1, 1);
        mf_date end = mf_date_month_end(mf_date_ymd(MF_SIM_START_YEAR + mm / 12, mm % 12 + 1, 1));
        double rev;
        double x = gen_next(st, years_since_start(w, obs), &rev);
        if (obs > to)
            break;
        mf_date avail = end + (lag > 0 ? lag : 1);
        if (obs < from || avail > w->end)
            continue;
        int rc = push(out, key, false, obs, avail, x, off, err);
        if (rc == 0 && st->g.revised && avail + (step == 1 ? 30 : 60) <= w->end && rev != x)
            rc = push(out, key, false, obs, avail + (step == 1 ? 30 : 60), rev, off, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int standin_generic_rows(const mf_sim_world *w, const char *key, const mf_series_info *s,
                         const mf_instrument *in, const standin_map_row *m, mf_date from,
                         mf_date to, mf_conn_rows *out, mf_error *err)
{
    gen_spec g = s ? series_spec(s) : instrument_spec(in);
    if (m) { /* the map's level; the model keeps its shape; a level model at a lower level
                a proportionally smaller spread */
        if (g.model == GM_LEVEL && g.level > m->s1)
            g.sd *= m->s1 / g.level;
        if (!isnan(g.floor))
            g.floor = m->s1 * 0.02;
        g.level = m->s1;
    }
    const char *seed_name = m ? m->seed : key;
    char freq = s ? s->frequency : 'D';
    double dt = freq == 'D'   ? 1.0 / 261.0
                : freq == 'W' ? 1.0 / 52.0
                : freq == 'M' ? 1.0 / 12.0
                : freq == 'Q' ? 0.25
                              : 1.0;
    gen_state st;
    gen_init(&st, &g, w->seed, seed_name, dt);
    int lag = s && s->release_lag_days > 0 ? s->release_lag_days : 0;
    double off = m ? m->off : 0.0;
    switch (freq) {
    case 'D':
        return daily(w, &st, key, in != NULL, s ? s->country : in->country, lag, off, from, to, out,
                     err);
    case 'W':
        return weekly(w, &st, key, strcmp(s->category, "positioning") == 0, lag, off, from, to, out,
                      err);
    case 'M': return periodic(w, &st, key, 1, lag, off, from, to, out, err);
    case 'Q': return periodic(w, &st, key, 3, lag, off, from, to, out, err);
    default: return periodic(w, &st, key, 12, lag, off, from, to, out, err);
    }
}
