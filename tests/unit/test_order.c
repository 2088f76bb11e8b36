/* test_order.c - order kinds as data: line fields map to the columns the
 * save statement sets, numbers are checked, print file names are safe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "order.h"

/* The number of $n placeholders in a statement (the highest n). */
static int highest_parameter(const char *sql)
{
	int most = 0;

	for (const char *p = strchr(sql, '$'); p != NULL; p = strchr(p + 1, '$'))
		if (atoi(p + 1) > most)
			most = atoi(p + 1);
	return most;
}

static void test_every_field_is_a_line_column(void **state)
{
	(void)state;
	assert_true(order_kind_count() >= 12);
	for (int k = 0; k < order_kind_count(); k++) {
		const struct order_kind *kind = order_kind_at(k);
		bool has_effective = false;

		assert_string_equal(kind->fields[0].def.column, "person_id");
		assert_int_equal(kind->fields[0].kind, ORDER_FIELD_PERSON);
		assert_true(kind->nfields <= ORDER_MAX_FIELDS);
		for (int i = 0; i < kind->nfields; i++) {
			bool found = false;

			for (int c = 0; c < ORDER_LINE_COLUMNS; c++)
				found = found || strcmp(order_line_columns[c],
				                        kind->fields[i].def.column) == 0;
			if (!found)
				fail_msg("%s: field %s is not a line column", kind->code,
				         kind->fields[i].def.column);
			has_effective = has_effective ||
			                strcmp(kind->fields[i].def.column, "effective") == 0;
		}
		if (!has_effective)
			fail_msg("%s has no effective date", kind->code);
		assert_ptr_equal(order_kind_find(kind->code), kind);
	}
	assert_null(order_kind_at(order_kind_count()));
	assert_null(order_kind_find("nonsense"));
	assert_string_equal(order_kind_label("cancel"), "Cancellation");
	assert_string_equal(order_kind_label("leave"), "Leave");
}

static void test_save_statement_takes_every_column(void **state)
{
	(void)state;
	/* $1 order id, $2 request, $3 line number, then the columns. */
	assert_int_equal(highest_parameter(order_save_line_sql), 3 + ORDER_LINE_COLUMNS);
	assert_int_equal(highest_parameter(order_save_order_sql), 5);
	assert_int_equal(highest_parameter(order_version_sql), 3);
	assert_int_equal(highest_parameter(order_journal_sql), 7);
	assert_int_equal(highest_parameter(order_sign_sql), 2);
}

static void test_line_params_only_the_kinds_columns(void **state)
{
	const struct order_kind *leave = order_kind_find("leave");
	const char *values[ORDER_MAX_FIELDS] = { "42", "annual", "2026-12-07", "2026-12-20" };
	const char *params[ORDER_LINE_COLUMNS];

	(void)state;
	assert_non_null(leave);
	order_line_params(leave, values, params);
	for (int c = 0; c < ORDER_LINE_COLUMNS; c++) {
		const char *column = order_line_columns[c];

		if (strcmp(column, "person_id") == 0)
			assert_string_equal(params[c], "42");
		else if (strcmp(column, "leave_type") == 0)
			assert_string_equal(params[c], "annual");
		else if (strcmp(column, "effective") == 0)
			assert_string_equal(params[c], "2026-12-07");
		else if (strcmp(column, "until") == 0)
			assert_string_equal(params[c], "2026-12-20");
		else if (params[c] != NULL)
			fail_msg("column %s set for a leave line", column);
	}
	/* An empty optional field is NULL, not "". */
	values[3] = "";
	order_line_params(leave, values, params);
	for (int c = 0; c < ORDER_LINE_COLUMNS; c++)
		if (strcmp(order_line_columns[c], "until") == 0)
			assert_null(params[c]);
}

static void test_numbers(void **state)
{
	char reason[120];

	(void)state;
	assert_true(order_check_number(ORDER_FIELD_RATE, "1", reason, sizeof reason));
	assert_true(order_check_number(ORDER_FIELD_RATE, " 0.25 ", reason, sizeof reason));
	assert_true(order_check_number(ORDER_FIELD_RATE, "2", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "0.2", reason, sizeof reason));
	assert_non_null(strstr(reason, "0.25 to 2"));
	assert_false(order_check_number(ORDER_FIELD_RATE, "2.5", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "0.333", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "one", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "1e0", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_RATE, "-1", reason, sizeof reason));
	assert_true(order_check_number(ORDER_FIELD_PERCENT, "", reason, sizeof reason));
	assert_true(order_check_number(ORDER_FIELD_PERCENT, "15.5", reason, sizeof reason));
	assert_false(order_check_number(ORDER_FIELD_PERCENT, "501", reason, sizeof reason));
}

static void test_file_stem(void **state)
{
	char stem[40];

	(void)state;
	order_file_stem("12-P/26", 7, stem, sizeof stem);
	assert_string_equal(stem, "order-12-P-26");
	order_file_stem("", 7, stem, sizeof stem);
	assert_string_equal(stem, "order-draft-7");
	order_file_stem("../../etc/passwd", 1, stem, sizeof stem);
	assert_null(strchr(stem, '/'));
	assert_null(strstr(stem, ".."));
	order_file_stem("1234567890123456789012345678901234567890", 1, stem, 12);
	assert_int_equal(strlen(stem), 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field_is_a_line_column),
		cmocka_unit_test(test_save_statement_takes_every_column),
		cmocka_unit_test(test_line_params_only_the_kinds_columns),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_file_stem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
