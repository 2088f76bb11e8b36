/*
 * seed_date.h - the benchmark seed's dates as days since 1970-01-01
 * (proleptic Gregorian, Howard Hinnant's civil algorithms): compact in the
 * in-memory service, and plain integer arithmetic for ages and periods.
 */
#ifndef HRMIS_SEED_DATE_H
#define HRMIS_SEED_DATE_H

#include <stdint.h>

/* No date: an open end, no end of employment, no transfer. */
#define SEED_DATE_NONE INT32_MIN

/* Days since 1970-01-01 of year y, month m (1-12), day d (1-31). */
int32_t seed_date_from_civil(int y, int m, int d);

/* The year, month and day of `days` since 1970-01-01. */
void seed_date_to_civil(int32_t days, int *y, int *m, int *d);

/* The year of `days` since 1970-01-01. */
int seed_date_year(int32_t days);

/* Writes `days` as "YYYY-MM-DD" and a NUL into out. */
void seed_date_format(int32_t days, char out[11]);

#endif
