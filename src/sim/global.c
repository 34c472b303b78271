/*
 * global.c - the global block: the calm/stress regime chain, its smoothed intensity and the
 * day's global risk-off shock that every market loads on (sim_global_day(), world_int.h).
 *
 * Calm lasts about 300 business days on average (p_enter 1/300), stress about 60 (p_leave
 * 1/60), so about one day in six is stressed. The shock is Student-t with 4 degrees of freedom
 * (unit variance), 1.8 times larger in stress.
 */
#include "sim/world_int.h"

void sim_global_day(sim_gen *g, int32_t t)
{
    mf_sim_world *w = g->w;
    if (t == 0)
        mf_sim_regime_init(&g->regime, 1.0 / 300.0, 1.0 / 60.0);
    int r = mf_sim_regime_step(&g->regime, mf_sim_rng_uniform(&g->rng_global));
    double z = mf_sim_rng_student_t(&g->rng_global, 4) * (r ? 1.8 : 1.0);
    double prev = t > 0 ? w->s[SIM_S_STRESS][t - 1] : 0.0;
    w->s[SIM_S_STRESS][t] = 0.96 * prev + 0.04 * r;
    w->s[SIM_S_ZG][t] = z;
    w->v[SIM_V_GLOBAL_REGIME][t] = r;
}
