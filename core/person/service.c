/* service.c - length of service: merge the periods, then count by the calendar. */
#include "service.h"

#include <stdlib.h>

#include "xalloc.h"

/* An inclusive range of day numbers. */
struct day_range {
	long first, last;
};

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool service_date_valid(struct service_date date)
{
	return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
	       date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long day_number(struct service_date date)
{
	long y = date.year - (date.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long year_of_era = y - era * 400;
	long day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
	long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - 719468;
}

/* The inverse of day_number(). */
static struct service_date date_of(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long day_of_era = z - era * 146097;
	long year_of_era =
	        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long mp = (5 * day_of_year + 2) / 153;
	struct service_date date;

	date.day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
	date.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	date.year = (int)(year_of_era + era * 400 + (date.month <= 2));
	return date;
}

/* Day number of `start` plus `months` months; a day the target month lacks
 * rolls over to the 1st of the month after (31.01 + 1 month = 01.03). */
static long add_months(struct service_date start, long months)
{
	long index = start.month - 1 + months;
	struct service_date target = { start.year + (int)(index / 12), (int)(index % 12) + 1, 1 };

	if (start.day <= days_in_month(target.year, target.month)) {
		target.day = start.day;
		return day_number(target);
	}
	return day_number(target) + days_in_month(target.year, target.month);
}

/* Adds one merged range: its whole months, remaining days and calendar days. */
static void add_range(struct day_range range, struct service_length *length, long *months,
                      long *days)
{
	struct service_date start = date_of(range.first);
	struct service_date after = date_of(range.last + 1); /* the first day not served */
	long whole = (after.year - start.year) * 12L + (after.month - start.month);

	if (add_months(start, whole) > range.last + 1)
		whole--;
	*months += whole;
	*days += range.last + 1 - add_months(start, whole);
	length->total_days += range.last - range.first + 1;
}

static int by_first_day(const void *a, const void *b)
{
	const struct day_range *left = a, *right = b;

	return (left->first > right->first) - (left->first < right->first);
}

/* Fills `ranges` with the periods clipped to `limit`; returns how many. */
static size_t clip_periods(const struct service_period *periods, size_t count, long limit,
                           struct day_range *ranges)
{
	size_t used = 0;

	for (size_t i = 0; i < count; i++) {
		const struct service_period *period = &periods[i];
		struct day_range range;

		if (!service_date_valid(period->start) ||
		    (!period->open && !service_date_valid(period->end)))
			continue;
		range.first = day_number(period->start);
		range.last = period->open ? limit : day_number(period->end);
		if (range.last > limit)
			range.last = limit;
		if (range.first <= range.last)
			ranges[used++] = range;
	}
	return used;
}

struct service_length service_length(const struct service_period *periods, size_t count,
                                     struct service_date as_of)
{
	struct service_length length = { 0, 0, 0, 0 };
	struct day_range *ranges, current = { 0, 0 };
	long months = 0, days = 0;
	size_t used;

	if (count == 0 || !service_date_valid(as_of))
		return length;
	ranges = xmalloc(count * sizeof *ranges);
	used = clip_periods(periods, count, day_number(as_of), ranges);
	qsort(ranges, used, sizeof *ranges, by_first_day);
	for (size_t i = 0; i < used; i++) {
		if (i > 0 && ranges[i].first <= current.last + 1) { /* overlapping or adjacent */
			if (ranges[i].last > current.last)
				current.last = ranges[i].last;
			continue;
		}
		if (i > 0)
			add_range(current, &length, &months, &days);
		current = ranges[i];
	}
	if (used > 0)
		add_range(current, &length, &months, &days);
	free(ranges);
	months += days / 30;
	length.days = (int)(days % 30);
	length.years = (int)(months / 12);
	length.months = (int)(months % 12);
	return length;
}
