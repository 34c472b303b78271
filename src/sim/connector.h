/*
 * connector.h - the simulated market as one more data source: the connector "simulated"
 * (data/connector.h) that serves every key of the simulated world, and its process-wide
 * world cache.
 *
 * Exports: mf_conn_simulated, mf_sim_set_seed(), mf_sim_seed(), mf_sim_cache_clear().
 *
 * The connector lives above the pricing layer (it prices DI1 and bonds through analytics), so
 * the data layer cannot list it: the program adds it with mf_connector_add() at start-up and
 * sets the seed from the configuration key sim.seed with mf_sim_set_seed(), both before any
 * command runs. A fetch builds the world for (seed, env->today) once per process - under a
 * mutex, so concurrent fetches wait for the one build - and cuts every request's rows out of
 * that one world, so chunked fetches of a range agree with one another.
 */
#ifndef MF_SIM_CONNECTOR_H
#define MF_SIM_CONNECTOR_H

#include <stdint.h>

#include "data/connector.h"
#include "sim/world.h"

extern const mf_connector mf_conn_simulated;

/* Sets the seed of the worlds fetches build from now on (default MF_SIM_DEFAULT_SEED). Call
 * at start-up, before any thread fetches. */
void mf_sim_set_seed(uint64_t seed);

/* The seed in use. */
uint64_t mf_sim_seed(void);

/* Frees every cached world (at exit, or in tests). No fetch may be running. */
void mf_sim_cache_clear(void);

#endif
