/*
 * shocks.h - the stochastic building blocks of the world: GARCH(1,1) volatility with
 * Student-t innovations (fat tails and volatility clustering) and the two-state Markov chain
 * of global risk regimes (calm / stress).
 *
 * Exports: mf_sim_garch, mf_sim_garch_init(), mf_sim_garch_step(), mf_sim_regime,
 * mf_sim_regime_init(), mf_sim_regime_step().
 *
 * GARCH(1,1) (Bollerslev 1986): h_{t+1} = omega + alpha * e_t^2 + beta * h_t, e_t = sqrt(h_t)
 * z_t, with omega = (1 - alpha - beta) * sigma_long^2 so the unconditional variance is
 * sigma_long^2. The Markov chain (Hamilton 1989) switches calm -> stress with probability
 * p_enter a day and stress -> calm with p_leave.
 */
#ifndef MF_SIM_SHOCKS_H
#define MF_SIM_SHOCKS_H

#include "sim/rng.h"

typedef struct mf_sim_garch {
    double omega, alpha, beta;
    double h; /* the current conditional variance (per day, in squared log-return units) */
} mf_sim_garch;

/* A GARCH at its long-run variance sigma_long^2 (sigma_long: daily standard deviation). */
void mf_sim_garch_init(mf_sim_garch *g, double sigma_long, double alpha, double beta);

/* One innovation: sqrt(h) * scale * z for the given unit-variance shock z; updates h with the
 * innovation (before scale, so a regime scale moves the level without feeding back). */
double mf_sim_garch_step(mf_sim_garch *g, double z, double scale);

typedef struct mf_sim_regime {
    int state; /* 0 calm, 1 stress */
    double p_enter, p_leave;
} mf_sim_regime;

void mf_sim_regime_init(mf_sim_regime *r, double p_enter, double p_leave);

/* Advances one day with a uniform draw u in (0, 1); returns the new state. */
int mf_sim_regime_step(mf_sim_regime *r, double u);

#endif
