/*
 * rng.c - xoshiro256** seeded by splitmix64, uniform, normal and unit-variance Student-t
 * draws (sim/rng.h).
 */
#include "sim/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void mf_sim_rng_init(mf_sim_rng *rng, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1342543de82ef95u);
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t mf_sim_rng_u64(mf_sim_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double mf_sim_rng_uniform(mf_sim_rng *rng)
{
    return ((double)(mf_sim_rng_u64(rng) >> 11) + 0.5) * 0x1.0p-53;
}

double mf_sim_rng_normal(mf_sim_rng *rng)
{
    double u1 = mf_sim_rng_uniform(rng), u2 = mf_sim_rng_uniform(rng);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

double mf_sim_rng_student_t(mf_sim_rng *rng, int nu)
{
    double z = mf_sim_rng_normal(rng), chi2 = 0.0;
    for (int i = 0; i < nu; i++) {
        double g = mf_sim_rng_normal(rng);
        chi2 += g * g;
    }
    return z / sqrt(chi2 / nu) * sqrt((double)(nu - 2) / nu);
}
