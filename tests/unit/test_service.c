/* test_service.c - length of service: merging, clipping, month arithmetic, normalisation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "service.h"

/* Dates read as in the HR documents: day, month, year. */
#define DATE(d, m, y)                           \
	(struct service_date)                   \
	{                                       \
		.year = y, .month = m, .day = d \
	}
#define PERIOD(d1, m1, y1, d2, m2, y2)                                            \
	{                                                                         \
		.start = DATE(d1, m1, y1), .end = DATE(d2, m2, y2), .open = false \
	}
#define OPEN(d, m, y)                                \
	{                                            \
		.start = DATE(d, m, y), .open = true \
	}

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void assert_length(struct service_length got, int years, int months, int days)
{
	assert_int_equal(got.years, years);
	assert_int_equal(got.months, months);
	assert_int_equal(got.days, days);
}

static void test_single_period(void **state)
{
	struct service_period year[] = { PERIOD(1, 1, 2020, 31, 12, 2020) };
	struct service_period month[] = { PERIOD(15, 3, 2019, 14, 4, 2019) };
	struct service_period day[] = { PERIOD(10, 5, 2019, 10, 5, 2019) };
	struct service_length got;

	(void)state;
	got = service_length(year, 1, DATE(1, 1, 2024));
	assert_length(got, 1, 0, 0); /* both ends inclusive */
	assert_int_equal(got.total_days, 366);
	got = service_length(month, 1, DATE(1, 1, 2024));
	assert_length(got, 0, 1, 0);
	assert_int_equal(got.total_days, 31);
	got = service_length(day, 1, DATE(1, 1, 2024));
	assert_length(got, 0, 0, 1);
	assert_int_equal(got.total_days, 1);
}

static void test_open_period_runs_to_as_of(void **state)
{
	struct service_period periods[] = { OPEN(1, 9, 2015) };

	(void)state;
	assert_length(service_length(periods, 1, DATE(31, 8, 2020)), 5, 0, 0);
	assert_length(service_length(periods, 1, DATE(15, 9, 2020)), 5, 0, 15);
	/* Starting on the as-of day counts that day. */
	assert_length(service_length(periods, 1, DATE(1, 9, 2015)), 0, 0, 1);
}

static void test_overlapping_periods_count_once(void **state)
{
	/* 3 years and 2 years that share 7 months: 4 years 5 months, not 5 years. */
	struct service_period periods[] = {
		PERIOD(1, 1, 2010, 31, 12, 2012),
		PERIOD(1, 6, 2012, 31, 5, 2014),
	};
	struct service_length got = service_length(periods, COUNT(periods), DATE(1, 1, 2024));

	(void)state;
	assert_length(got, 4, 5, 0);
	assert_int_equal(got.total_days, 1612);
}

static void test_adjacent_periods_merge(void **state)
{
	struct service_period halves[] = {
		PERIOD(1, 1, 2010, 30, 6, 2010),
		PERIOD(1, 7, 2010, 31, 12, 2010),
	};
	/* 11 + 20 days apart would be 31 days = 1 month 1 day; together they are
	 * 10.01-09.02, one calendar month. */
	struct service_period pieces[] = {
		PERIOD(10, 1, 2021, 20, 1, 2021),
		PERIOD(21, 1, 2021, 9, 2, 2021),
	};
	struct service_length got;

	(void)state;
	assert_length(service_length(halves, COUNT(halves), DATE(1, 1, 2024)), 1, 0, 0);
	got = service_length(pieces, COUNT(pieces), DATE(1, 1, 2024));
	assert_length(got, 0, 1, 0);
	assert_int_equal(got.total_days, 31);
}

static void test_contained_period_adds_nothing(void **state)
{
	struct service_period periods[] = {
		PERIOD(1, 1, 2000, 31, 12, 2009),
		PERIOD(1, 5, 2003, 31, 5, 2003),
	};
	struct service_length got = service_length(periods, COUNT(periods), DATE(1, 1, 2024));

	(void)state;
	assert_length(got, 10, 0, 0);
	assert_int_equal(got.total_days, 3653);
}

static void test_as_of_clips(void **state)
{
	struct service_period later[] = {
		PERIOD(1, 1, 2020, 31, 12, 2020),
		PERIOD(1, 1, 2025, 31, 12, 2025), /* starts after the as-of date */
		OPEN(2, 1, 2025),
	};
	struct service_period long_one[] = { PERIOD(1, 1, 2020, 31, 12, 2030) };
	struct service_length got;

	(void)state;
	got = service_length(later, COUNT(later), DATE(31, 12, 2024));
	assert_length(got, 1, 0, 0);
	assert_int_equal(got.total_days, 366);
	got = service_length(long_one, 1, DATE(30, 6, 2020));
	assert_length(got, 0, 6, 0); /* cut at the as-of date */
	assert_int_equal(got.total_days, 182);
}

static void test_leap_years(void **state)
{
	struct service_period from_leap_day[] = { PERIOD(29, 2, 2020, 28, 2, 2021) };
	struct service_period leap_february[] = { PERIOD(1, 2, 2020, 29, 2, 2020) };
	struct service_period short_february[] = { PERIOD(1, 2, 2021, 28, 2, 2021) };
	struct service_period leap_month[] = { PERIOD(29, 1, 2020, 28, 2, 2020) };
	struct service_period four_years[] = { PERIOD(1, 3, 2016, 29, 2, 2020) };
	struct service_period day_short[] = { PERIOD(1, 3, 2016, 28, 2, 2020) };
	struct service_length got;

	(void)state;
	assert_length(service_length(from_leap_day, 1, DATE(1, 1, 2024)), 1, 0, 0);
	assert_length(service_length(leap_february, 1, DATE(1, 1, 2024)), 0, 1, 0);
	assert_length(service_length(short_february, 1, DATE(1, 1, 2024)), 0, 1, 0);
	/* 29 February exists in 2020, so the month from 29.01 ends on 28.02. */
	assert_length(service_length(leap_month, 1, DATE(1, 1, 2024)), 0, 1, 0);
	got = service_length(four_years, 1, DATE(1, 1, 2024));
	assert_length(got, 4, 0, 0);
	assert_int_equal(got.total_days, 1461);
	/* February 2020 has 29 days: ending on the 28th leaves it one day short. */
	assert_length(service_length(day_short, 1, DATE(1, 1, 2024)), 3, 11, 28);
}

static void test_month_boundary_convention(void **state)
{
	static const struct {
		struct service_period period;
		int months, days;
		long total;
	} cases[] = {
		/* No 31 February: the month from 31.01 ends on the last day of February. */
		{ PERIOD(31, 1, 2021, 28, 2, 2021), 1, 0, 29 },
		{ PERIOD(30, 1, 2021, 28, 2, 2021), 1, 0, 30 },
		{ PERIOD(31, 1, 2021, 27, 2, 2021), 0, 28, 28 },
		/* Months count from the original start: the second ends on 30.03. */
		{ PERIOD(31, 1, 2021, 30, 3, 2021), 2, 0, 59 },
		{ PERIOD(31, 1, 2021, 31, 3, 2021), 2, 1, 60 },
		{ PERIOD(31, 1, 2021, 15, 3, 2021), 1, 15, 44 },
		{ PERIOD(31, 3, 2021, 30, 4, 2021), 1, 0, 31 },
		{ PERIOD(1, 3, 2021, 31, 3, 2021), 1, 0, 31 },
		/* 30 remaining days are a month after normalisation. */
		{ PERIOD(15, 7, 2021, 13, 8, 2021), 1, 0, 30 },
		{ PERIOD(15, 7, 2021, 12, 8, 2021), 0, 29, 29 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++) {
		struct service_length got = service_length(&cases[i].period, 1, DATE(1, 1, 2024));

		if (got.years != 0 || got.months != cases[i].months || got.days != cases[i].days ||
		    got.total_days != cases[i].total)
			fail_msg("case %zu: %d y %d m %d d, %ld days", i, got.years, got.months,
			         got.days, got.total_days);
	}
}

static void test_sums_are_normalised(void **state)
{
	/* 20 + 15 days = 1 month 5 days; 6 + 7 months = 1 year 1 month. */
	struct service_period days[] = {
		PERIOD(1, 1, 2001, 20, 1, 2001),
		PERIOD(1, 3, 2001, 15, 3, 2001),
	};
	struct service_period months[] = {
		PERIOD(1, 1, 2001, 30, 6, 2001),
		PERIOD(1, 1, 2003, 31, 7, 2003),
	};

	(void)state;
	assert_length(service_length(days, COUNT(days), DATE(1, 1, 2024)), 0, 1, 5);
	assert_length(service_length(months, COUNT(months), DATE(1, 1, 2024)), 1, 1, 0);
}

static void test_unsorted_input(void **state)
{
	struct service_period periods[] = {
		PERIOD(1, 5, 2003, 31, 5, 2003),
		PERIOD(1, 6, 2012, 31, 5, 2014),
		PERIOD(1, 1, 2015, 31, 12, 2015),
		PERIOD(1, 1, 2010, 31, 12, 2012),
	};

	(void)state;
	/* 1 month + 4 years 5 months + 1 year. */
	assert_length(service_length(periods, COUNT(periods), DATE(1, 1, 2024)), 5, 6, 0);
}

static void test_empty_and_invalid(void **state)
{
	struct service_period invalid[] = {
		PERIOD(31, 2, 2021, 31, 3, 2021),  /* no 31 February */
		PERIOD(1, 6, 2021, 31, 5, 2021),   /* ends before it starts */
		PERIOD(1, 13, 2021, 31, 12, 2021), /* no month 13 */
	};
	struct service_period valid[] = { PERIOD(1, 1, 2020, 31, 12, 2020) };
	struct service_length got = service_length(NULL, 0, DATE(1, 1, 2024));

	(void)state;
	assert_length(got, 0, 0, 0);
	assert_int_equal(got.total_days, 0);
	got = service_length(invalid, COUNT(invalid), DATE(1, 1, 2024));
	assert_length(got, 0, 0, 0);
	assert_int_equal(got.total_days, 0);
	assert_length(service_length(valid, 1, DATE(29, 2, 2023)), 0, 0, 0);
	assert_true(service_date_valid(DATE(29, 2, 2000)));
	assert_false(service_date_valid(DATE(29, 2, 1900)));
	assert_false(service_date_valid(DATE(0, 1, 2000)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_period),
		cmocka_unit_test(test_open_period_runs_to_as_of),
		cmocka_unit_test(test_overlapping_periods_count_once),
		cmocka_unit_test(test_adjacent_periods_merge),
		cmocka_unit_test(test_contained_period_adds_nothing),
		cmocka_unit_test(test_as_of_clips),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_month_boundary_convention),
		cmocka_unit_test(test_sums_are_normalised),
		cmocka_unit_test(test_unsorted_input),
		cmocka_unit_test(test_empty_and_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
