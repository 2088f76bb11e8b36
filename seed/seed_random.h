/*
 * seed_random.h - the deterministic randomness of the benchmark seed:
 * splitmix64 streams keyed by (seed, purpose, entity), so every value
 * depends on the seed alone and never on the order of generation, and
 * exp/log approximations that need no libm.  Never random() or the clock.
 */
#ifndef HRMIS_SEED_RANDOM_H
#define HRMIS_SEED_RANDOM_H

#include <stdbool.h>
#include <stdint.h>

/* Advances *state and returns its next 64 bits (splitmix64).  Inline: the
 * seed draws hundreds of millions of these. */
static inline uint64_t seed_random_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); 0 when n is 0. */
static inline uint32_t seed_random_pick(uint64_t *rng, uint32_t n)
{
	return n == 0 ? 0 : (uint32_t)((seed_random_next(rng) >> 11) % n);
}

/* True with probability percent/100. */
static inline bool seed_random_chance(uint64_t *rng, unsigned percent)
{
	return seed_random_pick(rng, 100) < percent;
}

/* The starting state of a stream of its own for each (purpose `tag`,
 * entity `index`) under `seed`: independent of the order of generation. */
uint64_t seed_random_stream(uint64_t seed, uint64_t tag, uint64_t index);

/* About N(0, 1): the sum of twelve uniforms less six (Irwin-Hall). */
double seed_random_normal(uint64_t *rng);

/* exp(x) and log(x) (x > 0) without libm (the admin program links none):
 * enough precision for weights, and the same on every machine. */
double seed_random_exp(double x);
double seed_random_log(double x);

#endif
