/*
 * em.c - the emerging-market peers for relative value (sim_em_day(), world_int.h): 5-year CDS
 * and spot FX for Mexico, Colombia, Chile, Peru, South Africa and Turkey, and the sovereign
 * ratings of the three agencies for those six and Brazil.
 *
 * CDS: log mean reversion to a base widened by global stress, with a Student-t shock that
 * loads on the global factor. FX: a drift (the inflation differential), 0.2 x the CDS log
 * change and a GARCH-t shock. Ratings: each month, each agency moves a country one notch with
 * a probability that grows with the 12-month log change of its CDS (down when it widened),
 * 6 % higher when another agency moved the same way in the last six months and now rates the
 * country beyond this one (agencies converge), and 0.6 % a notch towards the country's 2005
 * rating (fundamentals anchor it); the action day is a random weekday of the month. Scale: AAA =
 * 21, AA+ = 20, ... BBB- = 12, BB+ = 11, ... B- = 6 (docs/simulated-market.md).
 */
#include <math.h>

#include "sim/world_int.h"

enum { N_PEERS = 6, N_RATED = 7, N_AGENCIES = 3 };

static const int cds_var[N_PEERS] = {SIM_V_MX_CDS, SIM_V_CO_CDS, SIM_V_CL_CDS,
                                     SIM_V_PE_CDS, SIM_V_ZA_CDS, SIM_V_TR_CDS};
static const int fx_var[N_PEERS] = {SIM_V_USDMXN, SIM_V_USDCOP, SIM_V_USDCLP,
                                    SIM_V_USDPEN, SIM_V_USDZAR, SIM_V_USDTRY};
static const double cds_start[N_PEERS] = {110.0, 270.0, 40.0, 180.0, 80.0, 300.0};
static const double cds_base[N_PEERS] = {120.0, 180.0, 70.0, 110.0, 190.0, 280.0};
static const double fx_start[N_PEERS] = {11.2, 2350.0, 575.0, 3.27, 5.7, 1.35};
static const double fx_drift_year[N_PEERS] = {0.02, 0.025, 0.01, 0.0, 0.045, 0.16};
static const double fx_sigma[N_PEERS] = {0.006, 0.0065, 0.0055, 0.003, 0.009, 0.007};
static const double beta_global[N_PEERS] = {0.6, 0.6, 0.5, 0.5, 0.7, 0.65};

/* Rated countries in key order (Brazil first) and their January 2005 ratings (S&P, Moody's,
   Fitch) on the 1..21 scale. */
static const int rating_var[N_RATED] = {SIM_V_RATING_BR_SP, SIM_V_RATING_MX_SP, SIM_V_RATING_CO_SP,
                                        SIM_V_RATING_CL_SP, SIM_V_RATING_PE_SP, SIM_V_RATING_ZA_SP,
                                        SIM_V_RATING_TR_SP};
static const int rating_start[N_RATED][N_AGENCIES] = {
    {9, 9, 9}, {13, 13, 13}, {10, 10, 10}, {16, 16, 16}, {10, 10, 10}, {14, 13, 14}, {9, 8, 9}};

static double cds_of(const mf_sim_world *w, int country, int32_t t)
{
    return country == 0 ? w->v[SIM_V_BR_CDS][t] : w->v[cds_var[country - 1]][t];
}

/* The month starting at day t: rating actions, dated inside the month. */
static void ratings(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_em;
    static const int lookback = 261; /* business days in a year */
    if (t == 0) {
        for (int c = 0; c < N_RATED; c++)
            for (int a = 0; a < N_AGENCIES; a++) {
                g->rating[c][a] = rating_start[c][a];
                g->rating_moved_month[c][a] = -99;
                sim_rel_push(w, rating_var[c] + a, w->day[0], w->day[0], rating_start[c][a]);
            }
        return;
    }
    int32_t back = t > lookback ? t - lookback : 0;
    for (int c = 0; c < N_RATED; c++) {
        double z = log(cds_of(w, c, t - 1) / cds_of(w, c, back));
        int32_t month = w->month_of[t];
        for (int a = 0; a < N_AGENCIES; a++) {
            double p_down = 0.004 + 0.05 * (z > 0 ? z : 0.0);
            double p_up = 0.004 + 0.05 * (z < 0 ? -z : 0.0);
            int gap = g->rating[c][a] - rating_start[c][a]; /* drift back to the anchor */
            p_down += 0.006 * (gap > 0 ? gap : 0);
            p_up += 0.006 * (gap < 0 ? -gap : 0);
            for (int o = 0; o < N_AGENCIES; o++) { /* an agency follows a recent move away */
                if (o == a || month - g->rating_moved_month[c][o] > 6)
                    continue;
                if (g->rating_moved_dir[c][o] < 0 && g->rating[c][o] < g->rating[c][a])
                    p_down += 0.06;
                if (g->rating_moved_dir[c][o] > 0 && g->rating[c][o] > g->rating[c][a])
                    p_up += 0.06;
            }
            double u = mf_sim_rng_uniform(r), day_u = mf_sim_rng_uniform(r);
            int move = u < p_down ? -1 : u < p_down + p_up ? 1 : 0;
            if (move == 0)
                continue;
            int next = g->rating[c][a] + move;
            if (next < 6 || next > 21)
                continue;
            int32_t at = t + (int32_t)(day_u * 18.0);
            if (at >= w->nd || w->month_of[at] != w->month_of[t])
                continue; /* the month ends first (or the world does): no action */
            g->rating[c][a] = next;
            g->rating_moved_month[c][a] = month;
            g->rating_moved_dir[c][a] = move;
            sim_rel_push(w, rating_var[c] + a, w->day[at], w->day[at], next);
        }
    }
}

void sim_em_day(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    mf_sim_rng *r = &g->rng_em;
    int stress = (int)w->v[SIM_V_GLOBAL_REGIME][t];
    double s = w->s[SIM_S_STRESS][t], zn = w->s[SIM_S_ZG][t] / (stress ? 1.8 : 1.0);
    if (t == 0)
        for (int i = 0; i < N_PEERS; i++)
            mf_sim_garch_init(&g->g_em[i], fx_sigma[i], 0.07, 0.91);
    for (int i = 0; i < N_PEERS; i++) {
        double c0 = t > 0 ? w->v[cds_var[i]][t - 1] : cds_start[i];
        double b = beta_global[i];
        double dlc =
            0.01 * (log(cds_base[i] * (1.0 + 0.8 * s)) - log(c0)) +
            0.03 * (stress ? 1.4 : 1.0) * (b * zn + sqrt(1.0 - b * b) * mf_sim_rng_student_t(r, 4));
        double c = sim_clamp(c0 * exp(dlc), 15.0, 3000.0);
        w->v[cds_var[i]][t] = floor(c * 100.0 + 0.5) / 100.0;
        dlc = log(c / c0);
        double f0 = t > 0 ? w->v[fx_var[i]][t - 1] : fx_start[i];
        double ret = fx_drift_year[i] / 261.0 + 0.2 * dlc +
                     mf_sim_garch_step(&g->g_em[i], mf_sim_rng_student_t(r, 5), stress ? 1.3 : 1.0);
        sim_price_set(g, r, fx_var[i], t, f0 * exp(ret), sqrt(g->g_em[i].h));
    }
    if (t == 0 || w->month_of[t] != w->month_of[t - 1])
        ratings(g, t);
}
