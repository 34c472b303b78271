/*
 * releases.c - point in time: the release calendar of every published series
 * (sim_release_date()) and the release rows (sim_releases_build(), world_int.h): monthly and
 * quarterly data released with lags, first prints revised in later vintages, weekly Focus
 * survey vintages that move towards the outcome, weekly CFTC positions.
 *
 * Rules (first print; n = the reference month, business days of the country's calendar,
 * a holiday moves the day to the next business day unless said otherwise):
 *   US CPI and core CPI           13th of n+1
 *   US unemployment, payrolls     first Friday on or after the 3rd of n+1; payrolls revised in
 *                                 the next two releases (n+2, n+3)
 *   US real GDP (quarterly)       last Thursday of the month after the quarter (preceding),
 *                                 revised the next two months
 *   CFTC positions (Tuesday)      the Friday of the same week
 *   IPCA, its groups and cores    10th of n+1
 *   IGP-M                         last business day of n (the reference month itself)
 *   IBC-Br                        15th of n+2, revised on the 15th of n+3
 *   PNAD unemployment             last business day of n+1
 *   primary balance, gross debt   last business day of n+1; primary balance revised at n+2
 *   FX flows (daily)              Wednesday of the following week
 *   Focus (survey Friday)         the Monday after
 *   rating actions                the same day
 * Only rows published on or before the world's end date exist.
 */
#include <math.h>

#include "sim/world_int.h"

static mf_date adjust(const mf_sim_world *w, sim_cal c, mf_date d, mf_bdc bdc)
{
    mf_date out = d;
    if (c == SIM_CAL_WD) {
        while (mf_date_is_weekend(out))
            out += bdc == MF_BDC_PRECEDING ? -1 : 1;
        return out;
    }
    if (mf_calendar_adjust(w->cal[c], d, bdc, &out, NULL) != 0)
        return d;
    return out;
}

static mf_date month_plus(mf_date obs, int n)
{
    mf_date out = obs;
    (void)mf_date_add_months(mf_date_month_start(obs), n, false, &out, NULL);
    return out;
}

static mf_date first_friday_from_3rd(mf_date month_start)
{
    mf_date d = month_start + 2;
    return d + ((int)MF_FRIDAY - (int)mf_date_weekday(d) + 7) % 7;
}

static mf_date last_thursday(mf_date month_start)
{
    mf_date d = mf_date_month_end(month_start);
    return d - ((int)mf_date_weekday(d) - (int)MF_THURSDAY + 7) % 7;
}

mf_date sim_release_date(const mf_sim_world *w, int var, mf_date obs, int vintage)
{
    switch (var) {
    case SIM_V_US_CPI:
    case SIM_V_US_CORE_CPI: return adjust(w, SIM_CAL_US, month_plus(obs, 1) + 12, MF_BDC_FOLLOWING);
    case SIM_V_US_UNEMP:
    case SIM_V_US_PAYROLLS:
        return adjust(w, SIM_CAL_US, first_friday_from_3rd(month_plus(obs, 1 + vintage)),
                      MF_BDC_FOLLOWING);
    case SIM_V_US_GDP:
        return adjust(w, SIM_CAL_US, last_thursday(month_plus(obs, 3 + vintage)), MF_BDC_PRECEDING);
    case SIM_V_CFTC_BRL:
    case SIM_V_CFTC_UST10Y:
    case SIM_V_CFTC_SPX:
    case SIM_V_CFTC_DXY: return adjust(w, SIM_CAL_US, obs + 3, MF_BDC_FOLLOWING);
    case SIM_V_IPCA_MOM:
    case SIM_V_IPCA_12M:
    case SIM_V_IPCA_INDEX:
    case SIM_V_IPCA_FOOD:
    case SIM_V_IPCA_SERVICES:
    case SIM_V_IPCA_INDUSTRIAL:
    case SIM_V_IPCA_ADMIN:
    case SIM_V_IPCA_CORE_EX:
    case SIM_V_IPCA_CORE_TM: return adjust(w, SIM_CAL_BR, month_plus(obs, 1) + 9, MF_BDC_FOLLOWING);
    case SIM_V_IGPM_MOM: return adjust(w, SIM_CAL_BR, mf_date_month_end(obs), MF_BDC_PRECEDING);
    case SIM_V_IBCBR:
        return adjust(w, SIM_CAL_BR, month_plus(obs, 2 + vintage) + 14, MF_BDC_FOLLOWING);
    case SIM_V_BR_UNEMP:
    case SIM_V_BR_PRIMARY:
    case SIM_V_BR_DEBT:
        return adjust(w, SIM_CAL_BR, mf_date_month_end(month_plus(obs, 1 + vintage)),
                      MF_BDC_PRECEDING);
    case SIM_V_BR_FLOW_COM:
    case SIM_V_BR_FLOW_FIN:
        return adjust(w, SIM_CAL_BR, obs + (10 - (int)mf_date_weekday(obs)), MF_BDC_FOLLOWING);
    case SIM_V_FOCUS_IPCA_CY:
    case SIM_V_FOCUS_IPCA_NY:
    case SIM_V_FOCUS_IPCA_12M:
    case SIM_V_FOCUS_SELIC_CY:
    case SIM_V_FOCUS_SELIC_NY:
    case SIM_V_FOCUS_USDBRL_CY:
    case SIM_V_FOCUS_GDP_CY: return adjust(w, SIM_CAL_BR, obs + 3, MF_BDC_FOLLOWING);
    default: return obs;
    }
}

/* Pushes the vintages of one monthly value: vintage v has the truth plus noise[v] (absolute,
   or relative when rel), rounded to step; the last vintage is the truth. */
static void publish(sim_gen *g, int var, mf_date obs, double truth, int vintages,
                    const double *noise, bool rel, double step)
{
    mf_sim_world *w = g->w;
    for (int v = 0; v < vintages; v++) {
        double e = v + 1 < vintages ? noise[v] * mf_sim_rng_normal(&g->rng_rel) : 0.0;
        double value = rel ? truth * (1.0 + e) : truth + e;
        mf_date avail = sim_release_date(w, var, obs, v);
        if (avail <= w->end)
            sim_rel_push(w, var, obs, avail, sim_round_to(value, step));
    }
}

typedef struct monthly_series {
    double noise[2];
    double step;
    int var, mvar, vintages;
    bool rel;
} monthly_series;

static const monthly_series monthly[] = {
    {{0}, 0.001, SIM_V_US_CPI, SIM_M_US_CPI, 1, false},
    {{0}, 0.001, SIM_V_US_CORE_CPI, SIM_M_US_CORE, 1, false},
    {{0}, 0.1, SIM_V_US_UNEMP, SIM_M_US_UNEMP, 1, false},
    {{70.0, 30.0}, 1.0, SIM_V_US_PAYROLLS, SIM_M_US_PAYROLLS, 3, false},
    {{0}, 0.01, SIM_V_IPCA_MOM, SIM_M_IPCA, 1, false},
    {{0}, 0.01, SIM_V_IPCA_12M, SIM_M_IPCA_12M, 1, false},
    {{0}, 0.01, SIM_V_IPCA_INDEX, SIM_M_IPCA_IDX, 1, false},
    {{0}, 0.01, SIM_V_IPCA_FOOD, SIM_M_IPCA_FOOD, 1, false},
    {{0}, 0.01, SIM_V_IPCA_SERVICES, SIM_M_IPCA_SERV, 1, false},
    {{0}, 0.01, SIM_V_IPCA_INDUSTRIAL, SIM_M_IPCA_IND, 1, false},
    {{0}, 0.01, SIM_V_IPCA_ADMIN, SIM_M_IPCA_ADM, 1, false},
    {{0}, 0.01, SIM_V_IPCA_CORE_EX, SIM_M_IPCA_CORE_EX, 1, false},
    {{0}, 0.01, SIM_V_IPCA_CORE_TM, SIM_M_IPCA_CORE_TM, 1, false},
    {{0}, 0.01, SIM_V_IGPM_MOM, SIM_M_IGPM, 1, false},
    {{0.6}, 0.01, SIM_V_IBCBR, SIM_M_IBC, 2, false},
    {{0}, 0.1, SIM_V_BR_UNEMP, SIM_M_BR_UNEMP, 1, false},
    {{0.1}, 0.01, SIM_V_BR_PRIMARY, SIM_M_BR_PRIMARY, 2, false},
    {{0}, 0.1, SIM_V_BR_DEBT, SIM_M_BR_DEBT, 1, false},
};

static mf_date month_start_of(int32_t m)
{
    return mf_date_ymd(MF_SIM_START_YEAR + m / 12, m % 12 + 1, 1);
}

static void monthly_releases(sim_gen *g)
{
    mf_sim_world *w = g->w;
    static const double gdp_noise[2] = {0.004, 0.002};
    for (int32_t m = 0; m < w->nm; m++) {
        mf_date obs = month_start_of(m);
        for (size_t i = 0; i < sizeof monthly / sizeof monthly[0]; i++) {
            const monthly_series *s = &monthly[i];
            publish(g, s->var, obs, w->m[s->mvar][m], s->vintages, s->noise, s->rel, s->step);
        }
        if (m % 3 == 0)
            publish(g, SIM_V_US_GDP, obs, w->m[SIM_M_US_GDP][m], 3, gdp_noise, true, 0.1);
    }
}

/* IPCA of calendar year y as the survey on day t sees it: released months as published, the
   rest the prior from expectations. */
static double focus_ipca_year(const mf_sim_world *w, int32_t t, int y, double prior_pct)
{
    double cum = 1.0;
    mf_date survey = w->day[t];
    for (int mo = 0; mo < 12; mo++) {
        int32_t k = (y - MF_SIM_START_YEAR) * 12 + mo;
        if (k >= 0 && k < w->nm &&
            sim_release_date(w, SIM_V_IPCA_MOM, month_start_of(k), 0) <= survey) {
            cum *= 1.0 + w->m[SIM_M_IPCA][k] / 100.0;
            continue;
        }
        /* a month not yet released: the prior (no look at the outcome, so a world ending
           later never changes a survey already published) */
        cum *= 1.0 + prior_pct / 12.0 / 100.0;
    }
    return 100.0 * (cum - 1.0);
}

static void focus(sim_gen *g)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_rel;
    double n_cy = 0.0, n_ny = 0.0;
    for (int32_t t = 0; t < w->nd; t++) {
        mf_date d = w->day[t];
        if (mf_date_weekday(d) != MF_FRIDAY)
            continue;
        int y = mf_date_year(d);
        int32_t mt = w->month_of[t];
        double frac = (double)mf_date_day_of_year(d) / 365.0;
        double pie = w->s[SIM_S_BR_PIE][t], target = w->m[SIM_M_BR_TARGET][mt];
        double next_target = y + 1 <= 2018   ? 4.5
                             : y + 1 >= 2024 ? 3.0
                                             : 4.5 - 0.25 * (y + 1 - 2018);
        n_cy = 0.7 * n_cy + 0.05 * mf_sim_rng_normal(r);
        n_ny = 0.7 * n_ny + 0.08 * mf_sim_rng_normal(r);
        double cy = focus_ipca_year(w, t, y, 0.5 * target + 0.5 * pie) + n_cy * (1.0 - frac);
        /* Only what is known on the survey day (the states of day t, months already
           published): a world ending later never changes a published survey (issue 6). */
        double ny = 0.6 * next_target + 0.4 * pie + n_ny;
        double term = w->s[SIM_S_BR_TERM][t], lr = w->s[SIM_S_BR_LR][t];
        double selic_cy = term;
        double spot = w->v[SIM_V_USDBRL][t];
        double fx_cy = spot * (1.0 + 0.02 * (1.0 - frac));
        double gdp_prior = 2.5 + 0.5 * w->m[SIM_M_BR_GAP][mt], gdp = gdp_prior;
        int32_t known = mt - 2; /* the last IBC-Br month published (about 45 days' lag) */
        if (known >= 23) {
            double a = 0.0, b = 0.0;
            for (int k = 0; k < 12; k++) {
                a += w->m[SIM_M_IBC][known - k];
                b += w->m[SIM_M_IBC][known - 12 - k];
            }
            gdp = frac * 100.0 * (a / b - 1.0) + (1.0 - frac) * gdp_prior;
        }
        mf_date avail = sim_release_date(w, SIM_V_FOCUS_IPCA_CY, d, 0);
        if (avail > w->end)
            continue;
        sim_rel_push(w, SIM_V_FOCUS_IPCA_CY, d, avail, sim_round_to(cy, 0.01));
        sim_rel_push(w, SIM_V_FOCUS_IPCA_NY, d, avail, sim_round_to(ny, 0.01));
        sim_rel_push(w, SIM_V_FOCUS_IPCA_12M, d, avail, sim_round_to(pie, 0.01));
        sim_rel_push(w, SIM_V_FOCUS_SELIC_CY, d, avail, sim_round_25bp(selic_cy));
        sim_rel_push(w, SIM_V_FOCUS_SELIC_NY, d, avail, sim_round_25bp(0.5 * term + 0.5 * lr));
        sim_rel_push(w, SIM_V_FOCUS_USDBRL_CY, d, avail, sim_round_to(fx_cy, 0.01));
        sim_rel_push(w, SIM_V_FOCUS_GDP_CY, d, avail, sim_round_to(gdp, 0.01));
    }
}

/* Net non-commercial positions, contracts, on Tuesdays. */
static void cftc(sim_gen *g)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_rel;
    double n[4] = {0};
    for (int32_t t = 65; t < w->nd; t++) {
        mf_date d = w->day[t];
        if (mf_date_weekday(d) != MF_TUESDAY)
            continue;
        double s = w->s[SIM_S_STRESS][t];
        double carry = w->v[SIM_V_BR_SELIC][t] - w->v[SIM_V_US_FFR][t];
        n[0] = 0.8 * n[0] + 8000.0 * mf_sim_rng_normal(r);
        n[1] = 0.8 * n[1] + 25000.0 * mf_sim_rng_normal(r);
        n[2] = 0.8 * n[2] + 15000.0 * mf_sim_rng_normal(r);
        n[3] = 0.8 * n[3] + 6000.0 * mf_sim_rng_normal(r);
        double v[4] = {
            6000.0 * (carry - 6.0) - 30000.0 * s + n[0],
            -60000.0 - 150000.0 * (w->v[SIM_V_UST_10Y][t] - w->v[SIM_V_UST_10Y][t - 65]) + n[1],
            20000.0 + 300000.0 * log(w->v[SIM_V_SPX][t] / w->v[SIM_V_SPX][t - 65]) - 60000.0 * s +
                n[2],
            15000.0 + 600000.0 * log(w->v[SIM_V_DXY][t] / w->v[SIM_V_DXY][t - 65]) + n[3]};
        static const int vars[4] = {SIM_V_CFTC_BRL, SIM_V_CFTC_UST10Y, SIM_V_CFTC_SPX,
                                    SIM_V_CFTC_DXY};
        mf_date avail = sim_release_date(w, SIM_V_CFTC_BRL, d, 0);
        if (avail > w->end)
            continue;
        for (int i = 0; i < 4; i++)
            sim_rel_push(w, vars[i], d, avail, sim_round_to(v[i], 1.0));
    }
}

void sim_releases_build(sim_gen *g)
{
    /* a stream each: how many draws one block makes (it grows with the world's end) never
       shifts another's, so a world ending later keeps every row already public */
    mf_sim_rng_init(&g->rng_rel, g->w->seed, 5);
    monthly_releases(g);
    mf_sim_rng_init(&g->rng_rel, g->w->seed, 6);
    focus(g);
    mf_sim_rng_init(&g->rng_rel, g->w->seed, 7);
    cftc(g);
}
