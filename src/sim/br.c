/*
 * br.c - the Brazil block (sim_br_month(), sim_br_day(), world_int.h).
 *
 * Monthly: an output gap (AR(1); global stress, the US gap and the real policy rate move it),
 * an IPCA trend pulled by expectations, the gap and FX pass-through; the IPCA from four
 * groups with their seasonality (food: commodities; services: the trend and the gap;
 * industrial goods: the exchange rate; administered prices), the cores, the index and its 12
 * months, the IGP-M (wholesale: FX and commodities), IBC-Br activity, PNAD unemployment, the
 * 12-month primary balance and the gross debt dynamics, and the 12-month-ahead inflation
 * expectation the COPOM reacts to.
 * Daily: the Selic set at the simulated COPOM meetings by a reaction function to expected
 * inflation (r* + E[pi] + 1.5 (E[pi] - target) + 0.5 gap; a 45 % step rounded to 25 bp, at most
 * 150 bp a meeting, 2 % .. 26.5 %), the CDI 10 bp below it, the 5-year CDS (fiscal base,
 * global stress, fat-tailed shocks), USD/BRL driven by the CDS (risk premium), the terms of
 * trade, carry, a PPP fair value and a GARCH-t shock, the Ibovespa, the market's terminal and
 * long-run Selic and the DI term premium (read by markets.c), the USD/BRL implied-volatility
 * surface, and the daily FX flows.
 */
#include <math.h>

#include "sim/world_int.h"

/* Seasonal IPCA m/m pattern of each group, pp, January first (each sums to about zero). */
static const double food_season[12] = {0.30,  0.20,  0.10,  0.0,  -0.10, -0.20,
                                       -0.30, -0.30, -0.10, 0.10, 0.10,  0.20};
static const double serv_season[12] = {0.25,  0.35,  0.0,   -0.07, -0.07, -0.07,
                                       -0.07, -0.07, -0.07, -0.07, -0.07, -0.06};
static const double adm_season[12] = {0.20, 0.10,  -0.04, -0.04, -0.04, -0.04,
                                      0.10, -0.04, -0.05, -0.05, -0.05, -0.05};

static double target_pct(int year)
{
    return year <= 2018 ? 4.5 : year >= 2024 ? 3.0 : 4.5 - 0.25 * (year - 2018);
}

/* Neutral real rate, % a year: 9 in 2005 falling 0.25 a year to 4.5. */
static double neutral_pct(int year)
{
    double r = 9.0 - 0.25 * (year - 2005);
    return r < 4.5 ? 4.5 : r;
}

/* The IPCA index k months from January 2005 (k < 0: 2004, at 7.6 % a year back from the
 * December 2004 index 2,330.10). */
static double ipca_index(const mf_sim_world *w, int32_t k)
{
    if (k >= 0)
        return w->m[SIM_M_IPCA_IDX][k];
    return 2330.10 * pow(1.076, (double)(k + 1) / 12.0);
}

void sim_br_month(sim_gen *g, int32_t m)
{
    mf_sim_world *w = g->w;
    double **M = w->m;
    mf_sim_rng *r = &g->rng_br;
    int year = MF_SIM_START_YEAR + m / 12, month = m % 12;
    if (m == 0) {
        g->br_rate = 17.75;
        g->br_pending = NAN;
        g->br_tp = 0.8;
    }
    M[SIM_M_BR_TARGET][m] = target_pct(year);
    double gap0 = m > 0 ? M[SIM_M_BR_GAP][m - 1] : 0.5;
    double trend0 = m > 0 ? M[SIM_M_BR_TREND][m - 1] : 6.5;
    double stress = m > 0 ? M[SIM_M_STRESS][m - 1] : 0.0;
    double fx = m > 0 ? 100.0 * M[SIM_M_FX_CHG][m - 1] : 0.0;
    double commod = m > 0 ? 100.0 * M[SIM_M_COMMOD_CHG][m - 1] : 0.0;
    double us_dgap = m > 0 ? M[SIM_M_US_GAP][m] - M[SIM_M_US_GAP][m - 1] : 0.0;
    double pie = m > 0 ? g->br_pie_month : 5.5;
    double real_gap = g->br_rate - pie - neutral_pct(year); /* > 0: policy is tight */
    double gap = 0.92 * gap0 - 0.8 * (stress - 1.0 / 6.0) + 0.25 * us_dgap - 0.03 * real_gap +
                 0.35 * mf_sim_rng_normal(r);
    gap = sim_clamp(gap, -7.0, 5.0);
    double trend =
        trend0 + 0.08 * (pie - trend0) + 0.06 * gap0 + 0.012 * fx + 0.12 * mf_sim_rng_normal(r);
    trend = sim_clamp(trend, 2.0, 14.0);
    double food = trend / 12.0 + 0.03 * commod + food_season[month] + 0.35 * mf_sim_rng_normal(r);
    double serv =
        (trend + 1.5 + 0.15 * gap) / 12.0 + serv_season[month] + 0.08 * mf_sim_rng_normal(r);
    double ind = (trend - 1.5) / 12.0 + 0.03 * fx + 0.12 * mf_sim_rng_normal(r);
    double adm = trend / 12.0 + adm_season[month] + 0.25 * mf_sim_rng_normal(r);
    food = sim_round_to(food, 0.01);
    serv = sim_round_to(serv, 0.01);
    ind = sim_round_to(ind, 0.01);
    adm = sim_round_to(adm, 0.01);
    double head = sim_round_to(0.22 * food + 0.35 * serv + 0.23 * ind + 0.20 * adm, 0.01);
    M[SIM_M_BR_GAP][m] = gap;
    M[SIM_M_BR_TREND][m] = trend;
    M[SIM_M_IPCA_FOOD][m] = food;
    M[SIM_M_IPCA_SERV][m] = serv;
    M[SIM_M_IPCA_IND][m] = ind;
    M[SIM_M_IPCA_ADM][m] = adm;
    M[SIM_M_IPCA][m] = head;
    M[SIM_M_IPCA_CORE_EX][m] = sim_round_to((0.35 * serv + 0.23 * ind) / 0.58, 0.01);
    M[SIM_M_IPCA_CORE_TM][m] =
        sim_round_to(0.7 * trend / 12.0 + 0.3 * head + 0.03 * mf_sim_rng_normal(r), 0.01);
    M[SIM_M_IPCA_IDX][m] = sim_round_to(ipca_index(w, m - 1) * (1.0 + head / 100.0), 0.01);
    M[SIM_M_IPCA_12M][m] =
        sim_round_to(100.0 * (ipca_index(w, m) / ipca_index(w, m - 12) - 1.0), 0.01);
    M[SIM_M_IGPM][m] = sim_round_to(
        0.3 * (0.4 * fx + 0.3 * commod) + 0.7 * head + 0.35 * mf_sim_rng_normal(r), 0.01);
    double ibc0 = m > 0 ? M[SIM_M_IBC][m - 1] : 120.0;
    M[SIM_M_IBC][m] =
        ibc0 * (1.0 + (0.2 + 0.8 * (gap - gap0) + 0.3 * mf_sim_rng_normal(r)) / 100.0);
    double u0 = m > 0 ? M[SIM_M_BR_UNEMP][m - 1] : 10.0;
    M[SIM_M_BR_UNEMP][m] =
        sim_clamp(0.85 * u0 + 0.15 * (9.5 - 0.8 * gap) + 0.08 * mf_sim_rng_normal(r), 5.5, 15.5);
    double pb0 = m > 0 ? M[SIM_M_BR_PRIMARY][m - 1] : 4.3;
    double pb_anchor = sim_clamp(3.2 - 0.3 * (year > 2010 ? year - 2010 : 0), -1.5, 3.2);
    double pb = pb0 + 0.03 * (pb_anchor - pb0) + 0.05 * (gap - gap0) + 0.08 * mf_sim_rng_normal(r);
    M[SIM_M_BR_PRIMARY][m] = pb;
    double debt0 = m > 0 ? M[SIM_M_BR_DEBT][m - 1] : 68.0;
    double growth = 2.5 + (gap - gap0) * 12.0 / 4.0;
    double real_rate = g->br_rate - trend;
    double debt = debt0 + (real_rate - growth) / 12.0 * debt0 / 100.0 - pb / 12.0 +
                  0.2 * mf_sim_rng_normal(r);
    M[SIM_M_BR_DEBT][m] = sim_clamp(debt, 40.0, 110.0);
    g->br_pie_month = sim_clamp(0.5 * pie + 0.3 * M[SIM_M_BR_TARGET][m] + 0.2 * trend +
                                    0.12 * mf_sim_rng_normal(r),
                                2.0, 12.0);
}

/* The COPOM: apply a decision on the business day after its meeting; decide on meeting days. */
static void policy(sim_gen *g, int32_t t, double star)
{
    mf_sim_world *w = g->w;
    mf_date d = w->day[t];
    if (!isnan(g->br_pending) && d > g->br_meeting && w->open[SIM_CAL_BR][t]) {
        g->br_rate = g->br_pending;
        g->br_pending = NAN;
    }
    while (g->i_copom < w->n_copom && w->copom[g->i_copom] < d)
        g->i_copom++;
    if (g->i_copom < w->n_copom && w->copom[g->i_copom] == d) {
        double delta = 0.45 * (star - g->br_rate) + 0.2 * mf_sim_rng_normal(&g->rng_br);
        delta = sim_round_25bp(sim_clamp(delta, -1.5, 1.5));
        g->br_pending = sim_clamp(g->br_rate + delta, 2.0, 26.5);
        g->br_meeting = d;
        g->i_copom++;
    }
}

/* CDS, USD/BRL, Ibovespa; the vol surface. */
static void markets(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_br;
    int32_t m = w->month_of[t];
    int stress = (int)w->v[SIM_V_GLOBAL_REGIME][t];
    double s = w->s[SIM_S_STRESS][t], zn = w->s[SIM_S_ZG][t] / (stress ? 1.8 : 1.0);
    int32_t p = t > 0 ? t - 1 : 0;
    if (t == 0) {
        mf_sim_garch_init(&g->g_brl, 0.0065, 0.10, 0.88);
        mf_sim_garch_init(&g->g_ibov, 0.009, 0.08, 0.90);
        mf_sim_garch_init(&g->g_cds, 1.0, 0.10, 0.88); /* scales the unit CDS shock */
        g->br_fair = log(2.75);
    }
    /* CDS: log mean reversion to a fiscal base widened by stress */
    double debt = w->m[SIM_M_BR_DEBT][m], pb = w->m[SIM_M_BR_PRIMARY][m];
    double base = sim_clamp(120.0 + 5.0 * (debt - 55.0) - 25.0 * (pb - 1.0), 80.0, 600.0);
    base *= 1.0 + 0.9 * s;
    double cds0 = t > 0 ? w->v[SIM_V_BR_CDS][p] : 420.0;
    double cds_scale = stress ? 1.5 : 1.0;
    double dlc = 0.015 * (log(base) - log(cds0)) +
                 0.028 * mf_sim_garch_step(&g->g_cds, 0.6 * zn + 0.8 * mf_sim_rng_student_t(r, 4),
                                           cds_scale);
    double cds = sim_clamp(cds0 * exp(dlc), 60.0, 2500.0);
    w->v[SIM_V_BR_CDS][t] = sim_round_to(cds, 0.01);
    dlc = log(cds / cds0);
    /* terms of trade: iron ore, soybeans, oil */
    double tot = 0.4 * log(w->v[SIM_V_IRON_ORE][t]) + 0.35 * log(w->v[SIM_V_SOYBEAN][t]) +
                 0.25 * log(w->v[SIM_V_BRENT][t]);
    double tot_ret = t > 0 ? tot - g->last_tot : 0.0;
    g->last_tot = tot;
    w->s[SIM_S_BR_TOT][t] = tot;
    /* USD/BRL */
    double s0 = t > 0 ? w->v[SIM_V_USDBRL][p] : 2.66;
    double carry = g->br_rate - g->us_rate;
    g->br_fair +=
        (w->m[SIM_M_BR_TREND][m] - w->m[SIM_M_US_TREND][m]) / 100.0 / 252.0 - 0.3 * tot_ret;
    double fx_scale = stress ? 1.3 : 1.0;
    double ret = 0.22 * dlc - 0.25 * tot_ret - 0.000015 * (carry - 6.0) +
                 0.002 * (g->br_fair - log(s0)) +
                 mf_sim_garch_step(&g->g_brl, mf_sim_rng_student_t(r, 5), fx_scale);
    double sigma_fx2 = g->g_brl.h * fx_scale * fx_scale + pow(0.22 * 0.028 * 1.03 * cds_scale, 2) +
                       pow(0.25 * 0.012, 2);
    sim_price_set(g, r, SIM_V_USDBRL, t, s0 * exp(ret), sqrt(sigma_fx2));
    w->s[SIM_S_BR_FX_VOL][t] = 100.0 * sqrt(252.0 * sigma_fx2);
    /* Ibovespa: the S&P in local terms plus its own GARCH shock */
    double spx_ret = t > 0 ? log(w->v[SIM_V_SPX][t] / w->v[SIM_V_SPX][p]) : 0.0;
    double ibov0 = t > 0 ? w->v[SIM_V_IBOV][p] : 25700.0;
    double iret = 0.00005 + 0.8 * spx_ret - 0.45 * ret +
                  mf_sim_garch_step(&g->g_ibov, mf_sim_rng_student_t(r, 5), stress ? 1.4 : 1.0);
    sim_price_set(g, r, SIM_V_IBOV, t, ibov0 * exp(iret), sqrt(g->g_ibov.h));
}

/* ATM, 25-delta risk reversal and butterfly, % vol, at 1M, 3M, 6M and 1Y. */
static void vol_surface(sim_gen *g, int32_t t)
{
    static const double tau[4] = {1.0 / 12.0, 0.25, 0.5, 1.0};
    static const int atm[4] = {SIM_V_VOL_ATM_1M, SIM_V_VOL_ATM_3M, SIM_V_VOL_ATM_6M,
                               SIM_V_VOL_ATM_1Y};
    static const int rr[4] = {SIM_V_VOL_RR_1M, SIM_V_VOL_RR_3M, SIM_V_VOL_RR_6M, SIM_V_VOL_RR_1Y};
    static const int bf[4] = {SIM_V_VOL_BF_1M, SIM_V_VOL_BF_3M, SIM_V_VOL_BF_6M, SIM_V_VOL_BF_1Y};
    mf_sim_world *w = g->w;
    double now = w->s[SIM_S_BR_FX_VOL][t], s = w->s[SIM_S_STRESS][t], longrun = 14.0;
    g->vol_noise = 0.9 * g->vol_noise + 0.15 * mf_sim_rng_normal(&g->rng_br);
    for (int i = 0; i < 4; i++) {
        double k = 3.0 * tau[i], avg = (1.0 - exp(-k)) / k;
        double a = longrun + (now - longrun) * avg + 0.8 * (1.0 - exp(-tau[i])) + g->vol_noise;
        a = sim_clamp(a, 5.0, 60.0);
        w->v[atm[i]][t] = sim_round_to(a, 0.001);
        w->v[rr[i]][t] = sim_round_to((0.6 + 0.06 * a + 1.2 * s) * (0.7 + 0.6 * tau[i]), 0.001);
        w->v[bf[i]][t] = sim_round_to(0.15 + 0.02 * a + 0.05 * tau[i], 0.001);
    }
}

void sim_br_day(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_br;
    int32_t m = w->month_of[t];
    int year = mf_date_year(w->day[t]);
    g->br_pie_noise = 0.97 * g->br_pie_noise + 0.02 * mf_sim_rng_normal(r);
    double pie = g->br_pie_month + g->br_pie_noise;
    double target = w->m[SIM_M_BR_TARGET][m], gap = m > 0 ? w->m[SIM_M_BR_GAP][m - 1] : 0.5;
    double star = neutral_pct(year) + pie + 1.5 * (pie - target) + 0.5 * gap;
    star = sim_clamp(star, 2.0, 26.5);
    w->s[SIM_S_BR_STAR][t] = star;
    w->s[SIM_S_BR_PIE][t] = pie;
    policy(g, t, star);
    w->v[SIM_V_BR_SELIC][t] = g->br_rate;
    w->v[SIM_V_BR_CDI][t] = g->br_rate - 0.10;
    markets(g, t);
    vol_surface(g, t);
    double cds = w->v[SIM_V_BR_CDS][t], s = w->s[SIM_S_STRESS][t];
    g->br_nu = 0.995 * g->br_nu + 0.05 * mf_sim_rng_normal(r);
    w->s[SIM_S_BR_TERM][t] =
        sim_clamp(g->br_rate + 0.9 * (star - g->br_rate) + g->br_nu, 2.0, 30.0);
    g->br_lr_noise = 0.998 * g->br_lr_noise + 0.02 * mf_sim_rng_normal(r);
    w->s[SIM_S_BR_LR][t] =
        neutral_pct(year) + target + 1.0 + 0.003 * (cds - 200.0) + g->br_lr_noise;
    g->br_tp +=
        0.01 * (0.5 + 0.004 * (cds - 200.0) + 0.8 * s - g->br_tp) + 0.03 * mf_sim_rng_normal(r);
    g->br_tp = sim_clamp(g->br_tp, -0.3, 5.0);
    w->s[SIM_S_BR_TP][t] = g->br_tp;
    /* FX flows, USD mn a day: trade follows the terms of trade, finance the CDS and carry */
    if (w->open[SIM_CAL_BR][t]) {
        int32_t p = t > 0 ? t - 1 : 0;
        double tot_ret = w->s[SIM_S_BR_TOT][t] - w->s[SIM_S_BR_TOT][p];
        double dlc = log(cds / w->v[SIM_V_BR_CDS][p]);
        double carry = g->br_rate - g->us_rate;
        double com = 60.0 + 600.0 * tot_ret + 180.0 * mf_sim_rng_normal(r);
        double fin = -40.0 - 4000.0 * dlc + 10.0 * (carry - 6.0) + 300.0 * mf_sim_rng_normal(r);
        mf_date d = w->day[t];
        mf_date avail = sim_release_date(w, SIM_V_BR_FLOW_COM, d, 0);
        if (avail <= w->end) {
            sim_rel_push(w, SIM_V_BR_FLOW_COM, d, avail, sim_round_to(com, 0.1));
            sim_rel_push(w, SIM_V_BR_FLOW_FIN, d, avail, sim_round_to(fin, 0.1));
        }
    }
}
