/*
 * rng.h - the simulation's random numbers: a seeded, explicitly passed generator
 * (xoshiro256**, seeded through splitmix64) and the draws the world model needs.
 *
 * Exports: mf_sim_rng, mf_sim_rng_init(), mf_sim_rng_u64(), mf_sim_rng_uniform(),
 * mf_sim_rng_normal(), mf_sim_rng_student_t().
 *
 * No hidden state (no rand()): every draw takes the generator, so a world is a pure function
 * of its seed. The sequence is the same on every platform (integer arithmetic and IEEE
 * double operations in a fixed order; libm's log/sqrt/cos are correctly rounded enough on
 * glibc for the byte-identical test, which runs on one machine).
 * References: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2021)
 * for xoshiro256** and splitmix64; the Box-Muller transform for normals; a Student-t with nu
 * degrees of freedom as Z / sqrt(chi2_nu / nu), chi2_nu a sum of nu squared normals.
 */
#ifndef MF_SIM_RNG_H
#define MF_SIM_RNG_H

#include <stdint.h>

typedef struct mf_sim_rng {
    uint64_t s[4];
} mf_sim_rng;

/* Seeds rng from seed (any value, 0 included) with splitmix64; stream separates independent
 * generators of one world (one per block) so adding draws to one block leaves the others. */
void mf_sim_rng_init(mf_sim_rng *rng, uint64_t seed, uint64_t stream);

/* The next 64 random bits. */
uint64_t mf_sim_rng_u64(mf_sim_rng *rng);

/* Uniform on (0, 1): never 0 or 1 (53 random bits, offset by half a step). */
double mf_sim_rng_uniform(mf_sim_rng *rng);

/* Standard normal (Box-Muller, one of the pair; two uniforms per draw). */
double mf_sim_rng_normal(mf_sim_rng *rng);

/* Student-t with nu >= 3 degrees of freedom scaled to unit variance (multiplied by
 * sqrt((nu - 2) / nu)): fat tails at the variance of a standard normal. */
double mf_sim_rng_student_t(mf_sim_rng *rng, int nu);

#endif
