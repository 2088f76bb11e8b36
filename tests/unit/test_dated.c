/* test_dated.c - ranges of days for dated versions: split, close, merge,
 * adjacency, gaps and overlaps, open ends, sequences, PostgreSQL's text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "date.h"
#include "dated.h"

static long day(int y, int m, int d)
{
	return date_to_days((struct date){ y, m, d });
}

static struct dated_range range(long from, long to)
{
	return (struct dated_range){ from, to };
}

static void assert_range(struct dated_range r, long from, long to)
{
	assert_int_equal(r.from, from);
	assert_int_equal(r.to, to);
}

static void test_inclusive_days(void **state)
{
	struct dated_range r = { -1, -1 };

	(void)state;
	/* 01.01.2024 to 31.12.2024 inclusive is [2024-01-01, 2025-01-01). */
	assert_true(dated_from_days(day(2024, 1, 1), day(2024, 12, 31), &r));
	assert_range(r, day(2024, 1, 1), day(2025, 1, 1));
	assert_int_equal(dated_last_day(r), day(2024, 12, 31));
	/* One day. */
	assert_true(dated_from_days(day(2024, 2, 29), day(2024, 2, 29), &r));
	assert_int_equal(r.to - r.from, 1);
	/* Open end. */
	assert_true(dated_from_days(day(2024, 1, 1), DATED_OPEN, &r));
	assert_int_equal(r.to, DATED_OPEN);
	assert_int_equal(dated_last_day(r), DATED_OPEN);
	/* Backwards and an open start are refused and leave r alone. */
	assert_false(dated_from_days(day(2024, 1, 2), day(2024, 1, 1), &r));
	assert_false(dated_from_days(DATED_OPEN, DATED_OPEN, &r));
	assert_int_equal(r.to, DATED_OPEN);
	assert_false(dated_valid(range(5, 5)));
	assert_false(dated_valid(range(6, 5)));
	assert_true(dated_valid(range(5, 6)));
}

static void test_contains_overlaps_adjacent(void **state)
{
	struct dated_range a = range(day(2024, 1, 1), day(2024, 7, 1));
	struct dated_range b = range(day(2024, 7, 1), DATED_OPEN);
	struct dated_range c = range(day(2024, 6, 30), day(2024, 8, 1));
	struct dated_range later = range(day(2024, 7, 5), day(2024, 7, 10));

	(void)state;
	assert_true(dated_contains(a, day(2024, 1, 1)));
	assert_true(dated_contains(a, day(2024, 6, 30)));
	assert_false(dated_contains(a, day(2024, 7, 1))); /* the upper bound is excluded */
	assert_true(dated_contains(b, day(9999, 12, 31)));
	/* a ends the day before b begins: adjacent, no overlap, no gap. */
	assert_true(dated_adjacent(a, b));
	assert_true(dated_adjacent(b, a));
	assert_false(dated_overlaps(a, b));
	assert_int_equal(dated_gap_days(a, b), 0);
	/* c shares 30.06 with a: overlap, not adjacent. */
	assert_true(dated_overlaps(a, c));
	assert_true(dated_overlaps(c, b));
	assert_false(dated_adjacent(a, c));
	/* A gap of four days (01.07 to 04.07). */
	assert_false(dated_overlaps(a, later));
	assert_false(dated_adjacent(a, later));
	assert_int_equal(dated_gap_days(a, later), 4);
	assert_int_equal(dated_gap_days(later, a), 4);
	/* Open ends overlap whatever comes after. */
	assert_true(dated_overlaps(b, range(day(2090, 1, 1), day(2090, 1, 2))));
	assert_int_equal(dated_gap_days(b, range(day(2090, 1, 1), DATED_OPEN)), 0);
	/* Empty ranges neither overlap nor touch. */
	assert_false(dated_overlaps(range(10, 10), range(5, 20)));
	assert_false(dated_adjacent(range(10, 10), range(10, 20)));
}

static void test_split(void **state)
{
	struct dated_range before = { 0, 0 }, after = { 0, 0 };
	struct dated_range r = range(day(2020, 1, 1), DATED_OPEN);

	(void)state;
	/* A rename from 01.03.2025: the old version ends 28.02.2025. */
	assert_true(dated_split(r, day(2025, 3, 1), &before, &after));
	assert_range(before, day(2020, 1, 1), day(2025, 3, 1));
	assert_int_equal(dated_last_day(before), day(2025, 2, 28));
	assert_range(after, day(2025, 3, 1), DATED_OPEN);
	assert_true(dated_adjacent(before, after));
	/* Splitting on the first day would leave an empty old part. */
	before = after = range(0, 0);
	assert_false(dated_split(r, day(2020, 1, 1), &before, &after));
	assert_range(before, 0, 0);
	/* On or after the end, or before the start: nothing to split. */
	r = range(day(2020, 1, 1), day(2021, 1, 1));
	assert_false(dated_split(r, day(2021, 1, 1), &before, &after));
	assert_false(dated_split(r, day(2019, 12, 31), &before, &after));
	assert_true(dated_split(r, day(2020, 12, 31), &before, &after));
	assert_int_equal(after.to - after.from, 1);
}

static void test_close(void **state)
{
	struct dated_range r = range(day(2020, 1, 1), DATED_OPEN);

	(void)state;
	/* Closed from 01.01.2025: the last day is 31.12.2024. */
	assert_true(dated_close(&r, day(2025, 1, 1)));
	assert_int_equal(dated_last_day(r), day(2024, 12, 31));
	/* Closing again on the same day changes nothing and is allowed. */
	assert_true(dated_close(&r, day(2025, 1, 1)));
	assert_range(r, day(2020, 1, 1), day(2025, 1, 1));
	/* Later than its end, or on/before its first day: refused, untouched. */
	assert_false(dated_close(&r, day(2025, 1, 2)));
	assert_false(dated_close(&r, day(2020, 1, 1)));
	assert_false(dated_close(&r, day(2019, 1, 1)));
	assert_range(r, day(2020, 1, 1), day(2025, 1, 1));
	/* Earlier inside: allowed. */
	assert_true(dated_close(&r, day(2020, 1, 2)));
	assert_int_equal(r.to - r.from, 1);
}

static void test_merge(void **state)
{
	struct dated_range out = { 0, 0 };

	(void)state;
	/* Adjacent versions with the same attributes become one. */
	assert_true(dated_merge(range(day(2020, 1, 1), day(2021, 1, 1)),
	                        range(day(2021, 1, 1), DATED_OPEN), &out));
	assert_range(out, day(2020, 1, 1), DATED_OPEN);
	/* Overlapping ones too, in either order. */
	assert_true(dated_merge(range(20, 40), range(10, 30), &out));
	assert_range(out, 10, 40);
	/* One inside the other. */
	assert_true(dated_merge(range(10, 40), range(20, 30), &out));
	assert_range(out, 10, 40);
	/* A gap of a day: refused, untouched. */
	out = range(1, 2);
	assert_false(dated_merge(range(10, 20), range(21, 30), &out));
	assert_range(out, 1, 2);
	assert_false(dated_merge(range(10, 10), range(10, 20), &out));
}

static void test_sequences(void **state)
{
	const struct dated_range history[] = { { 100, 200 }, { 200, 300 }, { 300, DATED_OPEN } };
	const struct dated_range gap[] = { { 100, 200 }, { 201, 300 } };
	const struct dated_range overlap[] = { { 100, 200 }, { 150, 300 } };
	const struct dated_range open_then_more[] = { { 100, DATED_OPEN }, { 150, 300 } };
	const struct dated_range unsorted[] = { { 200, 300 }, { 100, 200 } };
	const struct dated_range empty[] = { { 100, 200 }, { 200, 200 } };
	size_t at = 99;

	(void)state;
	assert_int_equal(dated_check_sequence(history, 3, true, &at), DATED_OK);
	assert_int_equal(dated_check_sequence(history, 0, true, NULL), DATED_OK);
	assert_int_equal(dated_check_sequence(gap, 2, true, &at), DATED_GAP);
	assert_int_equal(at, 1);
	/* Gaps are fine for versions of a unit that was closed and reopened. */
	assert_int_equal(dated_check_sequence(gap, 2, false, &at), DATED_OK);
	assert_int_equal(dated_check_sequence(overlap, 2, false, &at), DATED_OVERLAP);
	assert_int_equal(dated_check_sequence(open_then_more, 2, false, &at), DATED_OVERLAP);
	assert_int_equal(dated_check_sequence(unsorted, 2, false, &at), DATED_UNSORTED);
	assert_int_equal(dated_check_sequence(empty, 2, true, &at), DATED_INVALID);
	assert_int_equal(at, 1);
}

static void test_parse_postgres_text(void **state)
{
	struct dated_range r = { 0, 0 };
	char buf[DATED_TEXT_SIZE];

	(void)state;
	/* The canonical form PostgreSQL returns. */
	assert_true(dated_parse("[2024-01-01,2025-01-01)", &r));
	assert_range(r, day(2024, 1, 1), day(2025, 1, 1));
	assert_string_equal(dated_format(r, buf, sizeof buf), "[2024-01-01,2025-01-01)");
	/* Inclusive upper, exclusive lower: normalised to [from, to). */
	assert_true(dated_parse("[2024-01-01,2024-12-31]", &r));
	assert_range(r, day(2024, 1, 1), day(2025, 1, 1));
	assert_true(dated_parse("(2023-12-31,2025-01-01)", &r));
	assert_range(r, day(2024, 1, 1), day(2025, 1, 1));
	assert_true(dated_parse("(2023-12-31,2024-12-31]", &r));
	assert_range(r, day(2024, 1, 1), day(2025, 1, 1));
	/* Open ends. */
	assert_true(dated_parse("[2024-03-01,)", &r));
	assert_range(r, day(2024, 3, 1), DATED_OPEN);
	assert_string_equal(dated_format(r, buf, sizeof buf), "[2024-03-01,)");
	assert_true(dated_parse("[2024-03-01,infinity)", &r));
	assert_int_equal(r.to, DATED_OPEN);
	assert_true(dated_parse("[\"2024-03-01\",)", &r));
	assert_range(r, day(2024, 3, 1), DATED_OPEN);
	/* Refused, r untouched: no first day, empty, backwards, junk. */
	r = range(1, 2);
	assert_false(dated_parse("(,2024-01-01)", &r));
	assert_false(dated_parse("empty", &r));
	assert_false(dated_parse("[2024-01-01,2024-01-01)", &r));
	assert_false(dated_parse("(2024-01-01,2024-01-02)", &r));
	assert_false(dated_parse("[2024-02-01,2024-01-01)", &r));
	assert_false(dated_parse("[2024-02-30,)", &r));
	assert_false(dated_parse("[01.02.2024,)", &r));
	assert_false(dated_parse("[2024-01-01,2025-01-01", &r));
	assert_false(dated_parse("[2024-01-01,2025-01-01)x", &r));
	assert_false(dated_parse("2024-01-01", &r));
	assert_false(dated_parse("", &r));
	assert_false(dated_parse(NULL, &r));
	assert_range(r, 1, 2);
	/* A one-day inclusive range. */
	assert_true(dated_parse("[2024-02-29,2024-02-29]", &r));
	assert_int_equal(r.to - r.from, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inclusive_days),
		cmocka_unit_test(test_contains_overlaps_adjacent),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_parse_postgres_text),
	};

	return cmocka_run_group_tests_name("dated", tests, NULL, NULL);
}
