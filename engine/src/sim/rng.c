/* Counter-based random numbers: output i of a stream is a pure function of
 * (seed, run, stream, i), so runs can be computed on any thread in any order
 * and give the same numbers (SPEC.md, "Randomness and determinism"). */
#include "sim/sim_internal.h"

#define GOLDEN 0x9E3779B97F4A7C15ull

/* SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijection of 64-bit
 * words with good avalanche (sim_mix64 in sim_internal.h). */
#define mix64 sim_mix64

void wv_rng_init(wv_rng *g, uint64_t seed, uint64_t run, uint32_t stream)
{
    uint64_t k = mix64(run * GOLDEN + ((uint64_t)stream << 1) + 1);
    g->key = mix64(seed ^ k);
    g->ctr = 0;
}

uint64_t wv_rng_next(wv_rng *g)
{
    return sim_rng_next(g);
}

double wv_rng_uniform(wv_rng *g)
{
    return (double)(wv_rng_next(g) >> 11) * 0x1.0p-53;
}
