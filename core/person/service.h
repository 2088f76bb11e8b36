/*
 * service.h - length of civil service, counted the way HR departments do.
 *
 * Length of service is the union of the periods that count (civil-service
 * employment and counted prior employment from the employment record book)
 * up to an "as of" date.  Overlapping and adjacent periods are merged first,
 * so no day counts twice.  Both ends of a period are inclusive days.
 *
 * Clipping to the as-of date:
 *   - an open period (no end date yet) runs to the as-of date;
 *   - a period that starts after the as-of date does not count;
 *   - a period that ends after the as-of date is cut there.
 *
 * Arithmetic, per merged period [start, end]:
 *   - Whole months are counted from the start date.  A month that starts on
 *     day D ends on the day before day D of the next month; when that month
 *     has no day D, the month ends on its last day (as Labour Code terms
 *     expire).  So 15.03–14.04 is one month, 01.02–28.02 is one month and
 *     31.01–28.02 (29 days) is one month too.  Months are always counted
 *     from the original start, so 31.01–30.03 is two months.
 *   - The days after the last whole month are the remaining days
 *     (31.01–15.03 is 1 month 15 days).
 *   - Twelve whole months make a year: 01.01.2020–31.12.2020 is 1 year.
 * The periods' years, months and days are then added up and normalised as
 * in the Soviet-tradition rules: every 30 days make a month, every 12 months
 * a year.  The result has 0..11 months and 0..29 days.
 *
 * Dates use the proleptic Gregorian calendar, years 1..9999.
 */
#ifndef HRMIS_SERVICE_H
#define HRMIS_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

/* A calendar date; core/date.h will replace it once both exist. */
struct service_date {
	int year, month, day;
};

/* One period of service; `end` is ignored when `open` is true. */
struct service_period {
	struct service_date start, end;
	bool open;
};

struct service_length {
	int years, months, days; /* normalised as described above */
	long total_days;         /* calendar days in the union, for checks and sorting */
};

/* Returns true when `date` exists in the calendar (years 1..9999). */
bool service_date_valid(struct service_date date);

/*
 * Returns the length of service of `periods` (any order, may be NULL when
 * `count` is 0) as of `as_of`.  Nothing is allocated for the caller.
 * A period with an invalid date, or that ends before it starts, counts
 * nothing: callers validate input with service_date_valid() first.  An
 * invalid `as_of` gives a zero length.
 */
struct service_length service_length(const struct service_period *periods, size_t count,
                                     struct service_date as_of);

#endif
