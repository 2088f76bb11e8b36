/*
 * seed_random.c - splitmix64 streams and the approximations of exp and
 * log behind the benchmark seed's weights (see seed_random.h).
 */
#include "seed_random.h"

uint64_t seed_random_stream(uint64_t seed, uint64_t tag, uint64_t index)
{
	uint64_t s = seed ^ (tag * 0xD1342543DE82EF95ULL) ^ (index * 0x9E3779B97F4A7C15ULL);

	seed_random_next(&s);
	return s;
}

double seed_random_normal(uint64_t *rng)
{
	double sum = 0;

	for (int i = 0; i < 12; i++)
		sum += (double)(seed_random_next(rng) >> 11) / 9007199254740992.0;
	return sum - 6.0;
}

/* Halves or doubles x into [-0.5, 0.5], sums the series, scales back. */
double seed_random_exp(double x)
{
	int k = 0;
	double term = 1, sum = 1;

	while (x > 0.5)
		x -= 0.6931471805599453, k++;
	while (x < -0.5)
		x += 0.6931471805599453, k--;
	for (int i = 1; i < 20; i++)
		sum += term *= x / i;
	for (; k > 0; k--)
		sum *= 2;
	for (; k < 0; k++)
		sum /= 2;
	return sum;
}

/* Scales x into [0.75, 1.5], then the atanh series of (x - 1) / (x + 1). */
double seed_random_log(double x)
{
	int k = 0;
	double y, y2, term, sum = 0;

	while (x > 1.5)
		x /= 2, k++;
	while (x < 0.75)
		x *= 2, k--;
	y = (x - 1) / (x + 1);
	y2 = y * y;
	term = y;
	for (int i = 1; i < 40; i += 2, term *= y2)
		sum += term / i;
	return 2 * sum + k * 0.6931471805599453;
}
