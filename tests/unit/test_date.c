/* test_date.c - parsing in both formats, real dates, leap years, arithmetic, ages, spans. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static struct date ymd(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

static void assert_date(struct date got, int y, int m, int d)
{
	assert_int_equal(got.year, y);
	assert_int_equal(got.month, m);
	assert_int_equal(got.day, d);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(date_is_leap_year(2000));
	assert_true(date_is_leap_year(2024));
	assert_false(date_is_leap_year(1900));
	assert_false(date_is_leap_year(2100));
	assert_false(date_is_leap_year(2023));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2023, 4), 30);
	assert_int_equal(date_days_in_month(2023, 12), 31);
	assert_int_equal(date_days_in_month(2023, 13), 0);
	assert_true(date_is_valid(ymd(2000, 2, 29)));
	assert_false(date_is_valid(ymd(1900, 2, 29)));
	assert_false(date_is_valid(ymd(2023, 4, 31)));
	assert_false(date_is_valid(ymd(2023, 0, 1)));
	assert_false(date_is_valid(ymd(0, 1, 1)));
}

static void test_parse_both_formats(void **state)
{
	struct date d = { 0, 0, 0 };
	const char *why = NULL;

	(void)state;
	assert_true(date_parse("31.12.1990", DATE_FORMAT_DMY, &d, &why));
	assert_date(d, 1990, 12, 31);
	assert_true(date_parse("1.2.1990", DATE_FORMAT_DMY, &d, &why));
	assert_date(d, 1990, 2, 1);
	assert_true(date_parse(" 05.06.2001 ", DATE_FORMAT_DMY, &d, &why));
	assert_date(d, 2001, 6, 5);
	/* ISO is always understood, whatever the configured format. */
	assert_true(date_parse("1990-12-31", DATE_FORMAT_DMY, &d, &why));
	assert_date(d, 1990, 12, 31);
	assert_true(date_parse("1990-12-31", DATE_FORMAT_ISO, &d, &why));
	assert_true(date_parse("2024-2-9", DATE_FORMAT_ISO, &d, &why));
	assert_date(d, 2024, 2, 9);
	assert_true(date_parse("29.02.2024", DATE_FORMAT_ISO, &d, &why));
	assert_date(d, 2024, 2, 29);
}

static void test_parse_refuses(void **state)
{
	struct date d = { 7, 7, 7 };
	const char *why = NULL;
	static const char *const malformed[] = {
		"",           "31.12.90",    "31/12/1990",  "31.12.19900",
		"123.1.1990", "1990-12-31x", "31.12.1990.", "a.b.cdef",
		"90-12-31",   "31 12 1990",  "-1.12.1990",  NULL
	};

	(void)state;
	for (int i = 0; malformed[i] != NULL; i++) {
		assert_false(date_parse(malformed[i], DATE_FORMAT_DMY, &d, &why));
		assert_string_equal(why, "Type the date as DD.MM.YYYY");
	}
	assert_false(date_parse("1990/12/31", DATE_FORMAT_ISO, &d, &why));
	assert_string_equal(why, "Type the date as YYYY-MM-DD");
	assert_false(date_parse("31.02.1990", DATE_FORMAT_DMY, &d, &why));
	assert_string_equal(why, "Not a real date");
	assert_false(date_parse("29.02.1900", DATE_FORMAT_DMY, &d, &why));
	assert_false(date_parse("29.02.2023", DATE_FORMAT_DMY, &d, &why));
	assert_false(date_parse("2023-13-01", DATE_FORMAT_DMY, &d, &why));
	assert_false(date_parse("00.01.2023", DATE_FORMAT_DMY, &d, &why));
	assert_false(date_parse("01.01.0000", DATE_FORMAT_DMY, &d, &why));
	assert_false(date_parse("31.04.2023", DATE_FORMAT_DMY, &d, NULL)); /* reason may be NULL */
	/* A refused text leaves the date untouched. */
	assert_date(d, 7, 7, 7);
}

static void test_format(void **state)
{
	char buf[DATE_TEXT_SIZE];
	enum date_format format;

	(void)state;
	assert_string_equal(date_format(ymd(1990, 2, 3), DATE_FORMAT_DMY, buf, sizeof buf),
	                    "03.02.1990");
	assert_string_equal(date_format(ymd(1990, 2, 3), DATE_FORMAT_ISO, buf, sizeof buf),
	                    "1990-02-03");
	assert_string_equal(date_to_iso(ymd(987, 12, 31), buf, sizeof buf), "0987-12-31");
	assert_true(date_format_from_name("DD.MM.YYYY", &format));
	assert_int_equal(format, DATE_FORMAT_DMY);
	assert_true(date_format_from_name("YYYY-MM-DD", &format));
	assert_int_equal(format, DATE_FORMAT_ISO);
	assert_false(date_format_from_name("MM/DD/YYYY", &format));
	assert_string_equal(date_format_name(DATE_FORMAT_ISO), "YYYY-MM-DD");
}

static void test_compare_and_days(void **state)
{
	(void)state;
	assert_true(date_compare(ymd(2024, 1, 1), ymd(2023, 12, 31)) > 0);
	assert_true(date_compare(ymd(2023, 2, 1), ymd(2023, 1, 31)) > 0);
	assert_true(date_compare(ymd(2023, 1, 30), ymd(2023, 1, 31)) < 0);
	assert_int_equal(date_compare(ymd(2023, 1, 31), ymd(2023, 1, 31)), 0);
	assert_int_equal(date_to_days(ymd(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(ymd(2000, 3, 1)), 11017);
	assert_int_equal(date_to_days(ymd(1969, 12, 31)), -1);
	assert_date(date_from_days(11016), 2000, 2, 29);
	assert_date(date_add_days(ymd(2023, 12, 31), 1), 2024, 1, 1);
	assert_date(date_add_days(ymd(2024, 3, 1), -1), 2024, 2, 29);
	assert_date(date_add_days(ymd(1900, 3, 1), -1), 1900, 2, 28);
	assert_date(date_add_days(ymd(2000, 1, 1), 366), 2001, 1, 1);
	/* Every day from 1600 to 2400 round-trips. */
	for (long n = date_to_days(ymd(1600, 1, 1)); n < date_to_days(ymd(2400, 1, 1)); n++) {
		struct date d = date_from_days(n);

		if (!date_is_valid(d) || date_to_days(d) != n)
			fail_msg("day %ld does not round-trip", n);
	}
	assert_date(date_add_months(ymd(2023, 1, 31), 1), 2023, 2, 28);
	assert_date(date_add_months(ymd(2024, 1, 31), 1), 2024, 2, 29);
	assert_date(date_add_months(ymd(2024, 2, 29), 12), 2025, 2, 28);
	assert_date(date_add_months(ymd(2023, 11, 15), 3), 2024, 2, 15);
	assert_date(date_add_months(ymd(2023, 3, 15), -3), 2022, 12, 15);
}

static void test_today_is_injectable(void **state)
{
	struct date d;

	(void)state;
	setenv("HRMIS_TODAY", "2031-07-04", 1);
	d = date_today();
	assert_date(d, 2031, 7, 4);
	/* A broken value falls back to the clock, which is past 2020. */
	setenv("HRMIS_TODAY", "2031-02-30", 1);
	d = date_today();
	assert_true(d.year >= 2020 && date_is_valid(d));
	unsetenv("HRMIS_TODAY");
	assert_true(date_is_valid(date_today()));
}

static void test_years_between(void **state)
{
	(void)state;
	assert_int_equal(date_years_between(ymd(2000, 5, 10), ymd(2016, 5, 9)), 15);
	assert_int_equal(date_years_between(ymd(2000, 5, 10), ymd(2016, 5, 10)), 16);
	assert_int_equal(date_years_between(ymd(2000, 5, 10), ymd(2016, 6, 1)), 16);
	assert_int_equal(date_years_between(ymd(2000, 5, 10), ymd(2000, 5, 10)), 0);
	/* Born on 29 February: the birthday counts on 1 March in common years. */
	assert_int_equal(date_years_between(ymd(2000, 2, 29), ymd(2016, 2, 28)), 15);
	assert_int_equal(date_years_between(ymd(2000, 2, 29), ymd(2016, 2, 29)), 16);
	assert_int_equal(date_years_between(ymd(2000, 2, 29), ymd(2017, 2, 28)), 16);
	assert_int_equal(date_years_between(ymd(2000, 2, 29), ymd(2017, 3, 1)), 17);
	assert_int_equal(date_years_between(ymd(2016, 5, 10), ymd(2000, 5, 10)), -16);
	assert_int_equal(date_years_between(ymd(2016, 5, 10), ymd(2000, 5, 11)), -15);
}

static void assert_span(struct date from, struct date to, int y, int m, int d)
{
	struct date_span span = date_difference(from, to);

	assert_int_equal(span.years, y);
	assert_int_equal(span.months, m);
	assert_int_equal(span.days, d);
}

static void test_difference(void **state)
{
	(void)state;
	assert_span(ymd(2020, 1, 15), ymd(2020, 3, 15), 0, 2, 0);
	assert_span(ymd(2020, 1, 15), ymd(2020, 3, 14), 0, 1, 28);
	assert_span(ymd(2010, 9, 1), ymd(2024, 8, 31), 13, 11, 30);
	assert_span(ymd(2010, 9, 1), ymd(2024, 9, 1), 14, 0, 0);
	assert_span(ymd(2023, 1, 31), ymd(2023, 3, 2), 0, 1, 2);
	assert_span(ymd(2023, 1, 31), ymd(2023, 2, 28), 0, 1, 0);
	assert_span(ymd(2023, 1, 31), ymd(2023, 2, 27), 0, 0, 27);
	assert_span(ymd(2024, 1, 1), ymd(2024, 1, 1), 0, 0, 0);
	assert_span(ymd(2024, 1, 2), ymd(2024, 1, 1), 0, 0, 0);
	/* Adding the span back gives the end date. */
	for (int i = 0; i < 2000; i += 7) {
		struct date from = date_add_days(ymd(2019, 1, 31), i);
		struct date to = date_add_days(from, (i * 37) % 3000);
		struct date_span s = date_difference(from, to);
		struct date back =
		        date_add_days(date_add_months(from, s.years * 12 + s.months), s.days);

		assert_int_equal(date_compare(back, to), 0);
		assert_true(s.months >= 0 && s.months < 12 && s.days >= 0 && s.days < 31);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),       cmocka_unit_test(test_parse_both_formats),
		cmocka_unit_test(test_parse_refuses),    cmocka_unit_test(test_format),
		cmocka_unit_test(test_compare_and_days), cmocka_unit_test(test_today_is_injectable),
		cmocka_unit_test(test_years_between),    cmocka_unit_test(test_difference),
	};

	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
