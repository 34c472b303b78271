/*
 * shocks.c - GARCH(1,1) innovations and the calm/stress Markov chain (sim/shocks.h).
 */
#include "sim/shocks.h"

#include <math.h>

void mf_sim_garch_init(mf_sim_garch *g, double sigma_long, double alpha, double beta)
{
    g->alpha = alpha;
    g->beta = beta;
    g->omega = (1.0 - alpha - beta) * sigma_long * sigma_long;
    g->h = sigma_long * sigma_long;
}

double mf_sim_garch_step(mf_sim_garch *g, double z, double scale)
{
    double e = sqrt(g->h) * z;
    g->h = g->omega + g->alpha * e * e + g->beta * g->h;
    return e * scale;
}

void mf_sim_regime_init(mf_sim_regime *r, double p_enter, double p_leave)
{
    r->state = 0;
    r->p_enter = p_enter;
    r->p_leave = p_leave;
}

int mf_sim_regime_step(mf_sim_regime *r, double u)
{
    if (r->state == 0 && u < r->p_enter)
        r->state = 1;
    else if (r->state == 1 && u < r->p_leave)
        r->state = 0;
    return r->state;
}
