/*
 * us.c - the US block (sim_us_month(), sim_us_day(), world_int.h).
 *
 * Monthly: an output gap (AR(1), pulled down by global stress), a core-inflation trend that
 * mean-reverts to 2.1 % and rises with the gap, core and headline CPI (energy from the oil
 * price), unemployment by Okun's law, payrolls and quarterly real GDP from the gap.
 * Daily: the FOMC target moved at the simulated meetings by a Taylor-type rule
 * (1 + pi + 0.5 (pi - 2) + 0.75 gap, Taylor 1993 with an inertial 35 % step, 25 bp steps, floor
 * 0.25 %) plus a shock; a Treasury par curve of three factors - a long-run rate tied to
 * inflation expectations (level), the policy rate and the market's terminal rate expected to
 * converge to it (slope), a curvature factor - plus a term premium; breakevens that jump with
 * CPI surprises on release days; TIPS real yields = nominal - breakeven; the S&P 500 (GARCH
 * with Student-t shocks), the VIX from its conditional volatility, the dollar index, oil,
 * gold, copper, soybeans and iron ore.
 */
#include <math.h>

#include "sim/world_int.h"

static const double tenor_years[10] = {0.25, 0.5, 1, 2, 3, 5, 7, 10, 20, 30};
static const int ust_var[10] = {SIM_V_UST_3M,  SIM_V_UST_6M, SIM_V_UST_1Y, SIM_V_UST_2Y,
                                SIM_V_UST_3Y,  SIM_V_UST_5Y, SIM_V_UST_7Y, SIM_V_UST_10Y,
                                SIM_V_UST_20Y, SIM_V_UST_30Y};

/* (1 - e^-(k tau)) / (k tau): the average over 0..tau of a gap decaying at rate k a year. */
static double decay_avg(double k, double tau)
{
    double x = k * tau;
    return x < 1e-9 ? 1.0 : (1.0 - exp(-x)) / x;
}

/* Month m-1's stress share and market changes, from the days [t0_prev, t0_cur). */
static void month_aggregates(sim_gen *g, int32_t m)
{
    mf_sim_world *w = g->w;
    int32_t a = g->t0_prev, b = g->t0_cur;
    double stress = 0.0;
    for (int32_t t = a; t < b; t++)
        stress += w->v[SIM_V_GLOBAL_REGIME][t];
    int32_t from = a > 0 ? a - 1 : a, to = b - 1;
    w->m[SIM_M_STRESS][m - 1] = stress / (b - a);
    w->m[SIM_M_FX_CHG][m - 1] = log(w->v[SIM_V_USDBRL][to] / w->v[SIM_V_USDBRL][from]);
    w->m[SIM_M_OIL_CHG][m - 1] = log(w->v[SIM_V_BRENT][to] / w->v[SIM_V_BRENT][from]);
    w->m[SIM_M_COMMOD_CHG][m - 1] = (log(w->v[SIM_V_IRON_ORE][to] / w->v[SIM_V_IRON_ORE][from]) +
                                     log(w->v[SIM_V_SOYBEAN][to] / w->v[SIM_V_SOYBEAN][from]) +
                                     log(w->v[SIM_V_BRENT][to] / w->v[SIM_V_BRENT][from])) /
                                    3.0;
}

void sim_us_month(sim_gen *g, int32_t m)
{
    mf_sim_world *w = g->w;
    double **M = w->m;
    mf_sim_rng *r = &g->rng_us;
    if (m == 0) {
        M[SIM_M_US_GAP][0] = 0.5;
        M[SIM_M_US_TREND][0] = 2.2;
        M[SIM_M_US_CORE_MOM][0] = M[SIM_M_US_HEAD_MOM][0] = M[SIM_M_US_HEAD_EXP][0] = 0.18;
        M[SIM_M_US_CPI][0] = 191.0;
        M[SIM_M_US_CORE][0] = 201.0;
        M[SIM_M_US_UNEMP][0] = 5.3;
        M[SIM_M_US_PAYROLLS][0] = 132600.0;
        M[SIM_M_US_GDP][0] = 16400.0;
        return;
    }
    month_aggregates(g, m);
    double gap0 = M[SIM_M_US_GAP][m - 1], trend0 = M[SIM_M_US_TREND][m - 1];
    double gap =
        0.93 * gap0 - 1.2 * (M[SIM_M_STRESS][m - 1] - 1.0 / 6.0) + 0.30 * mf_sim_rng_normal(r);
    gap = sim_clamp(gap, -8.0, 4.0);
    double trend = trend0 + 0.04 * (2.1 - trend0) + 0.04 * gap0 + 0.10 * mf_sim_rng_normal(r);
    trend = sim_clamp(trend, 0.3, 7.0);
    double core = trend / 12.0 + 0.08 * mf_sim_rng_normal(r);
    double energy = 0.4 * 100.0 * M[SIM_M_OIL_CHG][m - 1]; /* energy CPI follows crude */
    double expected = trend / 12.0 + 0.08 * (energy - trend / 12.0);
    double head = core + 0.08 * (energy - core) + 0.05 * mf_sim_rng_normal(r);
    M[SIM_M_US_GAP][m] = gap;
    M[SIM_M_US_TREND][m] = trend;
    M[SIM_M_US_CORE_MOM][m] = core;
    M[SIM_M_US_HEAD_MOM][m] = head;
    M[SIM_M_US_HEAD_EXP][m] = expected;
    M[SIM_M_US_CPI][m] = M[SIM_M_US_CPI][m - 1] * (1.0 + head / 100.0);
    M[SIM_M_US_CORE][m] = M[SIM_M_US_CORE][m - 1] * (1.0 + core / 100.0);
    M[SIM_M_US_UNEMP][m] = sim_clamp(0.85 * M[SIM_M_US_UNEMP][m - 1] + 0.15 * (5.0 - 0.5 * gap) +
                                         0.06 * mf_sim_rng_normal(r),
                                     3.2, 12.0);
    M[SIM_M_US_PAYROLLS][m] =
        M[SIM_M_US_PAYROLLS][m - 1] + 110.0 + 300.0 * (gap - gap0) + 50.0 * mf_sim_rng_normal(r);
    if (m % 3 == 0) { /* a new quarter: growth over the last one, % a year */
        double growth = 2.0 + 2.5 * (gap - M[SIM_M_US_GAP][m - 3]) + 0.8 * mf_sim_rng_normal(r);
        M[SIM_M_US_GDP][m] = M[SIM_M_US_GDP][m - 3] * pow(1.0 + growth / 100.0, 0.25);
    }
}

/* The FOMC: apply a decision on the business day after its meeting; decide on meeting days. */
static void policy(sim_gen *g, int32_t t, double star)
{
    mf_sim_world *w = g->w;
    mf_date d = w->day[t];
    if (!isnan(g->us_pending) && d > g->us_meeting && w->open[SIM_CAL_US][t]) {
        g->us_rate = g->us_pending;
        g->us_pending = NAN;
    }
    while (g->i_fomc < w->n_fomc && w->fomc[g->i_fomc] < d)
        g->i_fomc++;
    if (g->i_fomc < w->n_fomc && w->fomc[g->i_fomc] == d) {
        double delta = 0.35 * (star - g->us_rate) - 0.6 * w->s[SIM_S_STRESS][t] +
                       0.10 * mf_sim_rng_normal(&g->rng_us);
        delta = sim_round_25bp(sim_clamp(delta, -0.75, 0.75));
        g->us_pending = sim_clamp(g->us_rate + delta, 0.25, 8.0);
        g->us_meeting = d;
        g->i_fomc++;
    }
}

/* Breakevens jump by 0.6 x the headline CPI surprise (m/m, pp) on its release day. */
static void cpi_surprises(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    int32_t m = w->month_of[t];
    while (g->next_cpi_month < m) {
        int32_t k = g->next_cpi_month;
        mf_date obs = mf_date_ymd(MF_SIM_START_YEAR + k / 12, k % 12 + 1, 1);
        if (sim_release_date(w, SIM_V_US_CPI, obs, 0) > w->day[t])
            break;
        g->us_be_s += 0.6 * (w->m[SIM_M_US_HEAD_MOM][k] - w->m[SIM_M_US_HEAD_EXP][k]);
        g->next_cpi_month++;
    }
}

static void curve(sim_gen *g, int32_t t, double star, double trend)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_us;
    double stress = w->s[SIM_S_STRESS][t];
    g->us_pie += 0.003 * (2.2 + 0.25 * (trend - 2.2) - g->us_pie) + 0.012 * mf_sim_rng_normal(r);
    g->us_nu = 0.995 * g->us_nu + 0.04 * mf_sim_rng_normal(r);
    g->us_tp += 0.004 * (1.2 - 1.0 * stress - g->us_tp) + 0.025 * mf_sim_rng_normal(r);
    g->us_curv = 0.995 * g->us_curv + 0.02 * mf_sim_rng_normal(r);
    double lr = 0.75 + g->us_pie;
    double term = sim_clamp(g->us_rate + 0.8 * (star - g->us_rate) + g->us_nu, 0.1, 9.0);
    double r0 = g->us_rate - 0.1;
    double y[10];
    for (int i = 0; i < 10; i++) {
        double tau = tenor_years[i];
        g->ust_noise[i] = 0.9 * g->ust_noise[i] + 0.006 * mf_sim_rng_normal(r);
        y[i] = lr + (term - lr) * decay_avg(0.25, tau) + (r0 - term) * decay_avg(1.5, tau) +
               g->us_tp * (1.0 - exp(-tau / 5.0)) / (1.0 - exp(-2.0)) +
               g->us_curv * (tau / 2.0) * exp(1.0 - tau / 2.0) + g->ust_noise[i];
        y[i] = sim_round_to(y[i] < 0.01 ? 0.01 : y[i], 0.01);
        w->v[ust_var[i]][t] = y[i];
    }
    g->us_be_s *= 0.998;
    static const int be_var[3] = {SIM_V_US_BE_5Y, SIM_V_US_BE_10Y, SIM_V_US_BE_30Y};
    static const int tips_var[3] = {SIM_V_TIPS_5Y, SIM_V_TIPS_10Y, SIM_V_TIPS_30Y};
    static const int nominal[3] = {5, 7, 9};
    for (int i = 0; i < 3; i++) {
        double tau = tenor_years[nominal[i]];
        double be = g->us_pie + 0.3 * (trend - 2.2) * exp(-tau / 4.0) +
                    g->us_be_s * exp(-tau / 20.0) - 0.7 * stress + 0.01 * mf_sim_rng_normal(r);
        be = sim_round_to(be, 0.01);
        w->v[be_var[i]][t] = be;
        w->v[tips_var[i]][t] = sim_round_to(y[nominal[i]] - be, 0.01);
    }
    w->s[SIM_S_US_LR][t] = lr;
    w->s[SIM_S_US_TP][t] = g->us_tp;
    w->s[SIM_S_US_CURV][t] = g->us_curv;
    w->s[SIM_S_US_PIE][t] = g->us_pie;
    w->s[SIM_S_US_PIE_BE][t] = g->us_be_s;
}

/* A log-price step: drift + GARCH shock (loading b on the normalised global shock zn) + mean
 * reversion of the log price to log(anchor) at speed k a day. */
static void asset(sim_gen *g, int v, int32_t t, mf_sim_garch *gar, double drift, double b,
                  double zn, double scale, double k, double anchor, double start)
{
    mf_sim_rng *r = &g->rng_us;
    double prev = t > 0 ? g->w->v[v][t - 1] : start;
    double z = b * zn + sqrt(1.0 - b * b) * mf_sim_rng_student_t(r, 5);
    double ret = drift + mf_sim_garch_step(gar, z, scale) + k * (log(anchor) - log(prev));
    sim_price_set(g, r, v, t, prev * exp(ret), sqrt(gar->h) * scale);
}

static void markets(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_us;
    int stress = (int)w->v[SIM_V_GLOBAL_REGIME][t];
    double zn = w->s[SIM_S_ZG][t] / (stress ? 1.8 : 1.0);
    if (t == 0) {
        mf_sim_garch_init(&g->g_spx, 0.0105, 0.09, 0.89);
        mf_sim_garch_init(&g->g_dxy, 0.0045, 0.05, 0.93);
        mf_sim_garch_init(&g->g_oil, 0.020, 0.07, 0.91);
        mf_sim_garch_init(&g->g_gold, 0.011, 0.05, 0.93);
        mf_sim_garch_init(&g->g_copper, 0.016, 0.06, 0.92);
        mf_sim_garch_init(&g->g_soy, 0.014, 0.05, 0.93);
        mf_sim_garch_init(&g->g_iron, 0.020, 0.06, 0.92);
        g->wti_spread = 2.0;
    }
    asset(g, SIM_V_SPX, t, &g->g_spx, stress ? -0.0015 : 0.0005, -0.65, zn, stress ? 1.5 : 1.0, 0.0,
          1.0, 1200.0);
    g->vix_noise = 0.95 * g->vix_noise + 0.5 * mf_sim_rng_normal(r);
    double vix = 100.0 * sqrt(252.0 * g->g_spx.h) * (stress ? 1.5 : 1.0) + 3.0 + g->vix_noise;
    sim_price_set(g, r, SIM_V_VIX, t, sim_clamp(vix, 9.0, 85.0), 0.05);
    asset(g, SIM_V_DXY, t, &g->g_dxy, 0.0, 0.35, zn, stress ? 1.3 : 1.0, 0.0003, 88.0, 81.0);
    asset(g, SIM_V_BRENT, t, &g->g_oil, stress ? -0.002 : 0.0001, -0.35, zn, stress ? 1.4 : 1.0,
          0.0006, 75.0, 42.0);
    g->wti_spread =
        sim_clamp(0.98 * g->wti_spread + 0.06 + 0.15 * mf_sim_rng_normal(r), -1.0, 15.0);
    double wti = w->v[SIM_V_BRENT][t] - g->wti_spread;
    sim_price_set(g, r, SIM_V_WTI, t, wti < 5.0 ? 5.0 : wti, sqrt(g->g_oil.h));
    asset(g, SIM_V_GOLD, t, &g->g_gold, 0.00035, 0.25, zn, 1.0, 0.0002, 1800.0, 425.0);
    asset(g, SIM_V_COPPER, t, &g->g_copper, stress ? -0.0015 : 0.0, -0.45, zn, 1.0, 0.0008, 3.2,
          1.45);
    asset(g, SIM_V_SOYBEAN, t, &g->g_soy, 0.0, -0.2, zn, 1.0, 0.001, 1100.0, 550.0);
    asset(g, SIM_V_IRON_ORE, t, &g->g_iron, 0.0, -0.35, zn, 1.0, 0.001, 110.0, 65.0);
}

void sim_us_day(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_us;
    int32_t m = w->month_of[t];
    if (t == 0) {
        g->us_rate = 2.25;
        g->us_pending = NAN;
        g->us_tp = 0.9;
        g->us_pie = 2.4;
    }
    double trend = w->m[SIM_M_US_TREND][m], gap = w->m[SIM_M_US_GAP][m];
    double star = 1.0 + trend + 0.5 * (trend - 2.0) + 0.75 * gap;
    w->s[SIM_S_US_STAR][t] = star;
    policy(g, t, star);
    w->v[SIM_V_US_FFR][t] = g->us_rate;
    double spread = w->day[t] >= mf_date_ymd(2008, 12, 16) ? 0.17 : 0.03;
    double effr = g->us_rate - spread + 0.01 * mf_sim_rng_normal(r);
    w->v[SIM_V_US_EFFR][t] = sim_round_to(effr < 0.04 ? 0.04 : effr, 0.01);
    cpi_surprises(g, t);
    curve(g, t, star, trend);
    markets(g, t);
}
