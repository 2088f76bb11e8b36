/*
 * seed_date.c - days since 1970-01-01 and back, for the benchmark seed
 * (see seed_date.h).  Eras of 400 years keep the arithmetic exact.
 */
#include "seed_date.h"

#include <stdio.h>

int32_t seed_date_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void seed_date_to_civil(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int seed_date_year(int32_t days)
{
	int y, m, d;

	seed_date_to_civil(days, &y, &m, &d);
	return y;
}

void seed_date_format(int32_t days, char out[11])
{
	int y, m, d;

	seed_date_to_civil(days, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}
