/* stats.h - percentiles of timing samples for the benchmarks. */
#ifndef HRMIS_BENCH_STATS_H
#define HRMIS_BENCH_STATS_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline int bench_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts samples in place and returns the p-th percentile (0..100). */
static inline double bench_percentile(double *samples, int n, double p)
{
	int i;

	qsort(samples, (size_t)n, sizeof *samples, bench_compare);
	i = (int)(p / 100.0 * (n - 1) + 0.5);
	return samples[i < 0 ? 0 : i >= n ? n - 1 : i];
}

#endif
