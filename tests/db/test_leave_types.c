/*
 * test_leave_types.c - the types of leave are a value list (hr.leave_type,
 * db/014_leave_types.sql): every login reads it, none writes it, the
 * client offers exactly its codes in its order, the columns take nothing
 * else, and the orders' texts take their names from it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "order.h"
#include "support.h"
#include "xalloc.h"

static const char *const logins[] = { "clerk_moe",    "head_moe",   "clerk_for",  "clerk_mwa",
	                              "ministry_moe", "agency_csa", "auditor_csa" };

static void every_login_reads_the_list(void **unused)
{
	PGconn *super = support_connect_superuser();
	long rows = support_long(super, "SELECT count(*) FROM hr.leave_type");

	(void)unused;
	assert_true(rows >= 6);
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		PGconn *conn = support_connect(logins[i]);

		if (support_long(conn, "SELECT count(*) FROM hr.leave_type") != rows) {
			print_error("%s does not read every type of leave\n", logins[i]);
			fail();
		}
		PQfinish(conn);
	}
	PQfinish(super);
}

static void no_login_writes_the_list(void **unused)
{
	(void)unused;
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		PGconn *conn = support_connect(logins[i]);

		support_fails(conn,
		              "INSERT INTO hr.leave_type (code, name_en, name_ru, paid, ord) "
		              "VALUES ('donor', 'blood donor leave', 'день донора', true, 99)",
		              "42501");
		support_fails(conn, "UPDATE hr.leave_type SET paid = NOT paid", "42501");
		support_fails(conn,
		              "UPDATE hr.leave_type SET name_en = 'holiday' WHERE code = 'annual'",
		              "42501");
		support_fails(conn, "DELETE FROM hr.leave_type WHERE code = 'sick'", "42501");
		support_fails(conn, "TRUNCATE hr.leave_type", "42501");
		PQfinish(conn);
	}
}

static void the_client_offers_the_tables_types(void **unused)
{
	const struct order_kind *leave = order_kind_find("leave");
	int field = order_field_index(leave, "leave_type");
	const char *const *choices;
	PGconn *clerk = support_connect("clerk_moe");
	PGresult *res;
	int n = 0;

	(void)unused;
	assert_true(field >= 0);
	choices = leave->fields[field].def.choices;
	assert_non_null(choices);
	res = support_ok(clerk, "SELECT code FROM hr.leave_type ORDER BY ord");
	for (; choices[n] != NULL; n++) {
		if (n >= PQntuples(res) || strcmp(choices[n], PQgetvalue(res, n, 0)) != 0) {
			print_error(
			        "core/order/order.c offers \"%s\" where hr.leave_type has \"%s\"\n",
			        choices[n], n < PQntuples(res) ? PQgetvalue(res, n, 0) : "nothing");
			fail();
		}
	}
	if (n != PQntuples(res)) {
		print_error("hr.leave_type has \"%s\", which core/order/order.c does not offer\n",
		            PQgetvalue(res, n, 0));
		fail();
	}
	assert_string_equal(leave->fields[field].initial, PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(clerk);
}

/* A line of the draft leave order made below, of type %s. */
#define LEAVE_LINE_SQL                                                                        \
	"INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, until, " \
	"leave_type) SELECT h.org_id, h.id, 1, e.person_id, current_date + 300, "             \
	"current_date + 301, '%s' FROM hr.hr_order h "                                        \
	"JOIN hr.employment e ON e.org_id = h.org_id AND e.end_date IS NULL "                 \
	"WHERE h.request_id = '00000000-0000-4000-8000-00000000e014' ORDER BY e.id LIMIT 1"
#define LEAVE_ORDER_SQL                                                               \
	"INSERT INTO hr.hr_order (org_id, kind, register_id, request_id) "            \
	"SELECT r.org_id, 'leave', r.id, '00000000-0000-4000-8000-00000000e014' "     \
	"FROM hr.order_register r WHERE r.org_id = (SELECT org_id FROM hr.whoami()) " \
	"AND r.code = 'L'"

static void the_columns_take_only_listed_types(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	char *message;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	support_sql_run(clerk, LEAVE_ORDER_SQL);
	message = support_sql_refused(clerk, "23503", LEAVE_LINE_SQL, "holiday");
	support_assert_contains(message, "order_line_leave_type_fkey");
	free(message);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQclear(support_ok(clerk, "BEGIN"));
	support_sql_run(clerk, LEAVE_ORDER_SQL);
	assert_int_equal(support_sql_run(clerk, LEAVE_LINE_SQL, "study"), 1);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

static void the_texts_read_the_list(void **unused)
{
	PGconn *super = support_connect_superuser();
	char *text;

	(void)unused;
	text = support_text(super,
	                    "SELECT hr.leave_type_text('annual') || '|' || "
	                    "hr.leave_type_name('maternity', 'ru') || '|' || "
	                    "hr.leave_type_text(NULL) || '|' || hr.leave_type_name(NULL, 'ru')");
	assert_string_equal(text, "annual paid leave|отпуск по беременности и родам|leave|отпуск");
	free(text);
	/* A type added by the owner is named at once, in both languages. */
	PQclear(support_ok(super, "BEGIN"));
	PQclear(support_ok(super,
	                   "INSERT INTO hr.leave_type (code, name_en, name_ru, paid, ord) "
	                   "VALUES ('donor', 'blood donor leave', 'день донора', true, 99)"));
	text = support_text(super, "SELECT hr.leave_type_text('donor') || '|' || "
	                           "hr.leave_type_name('donor', 'ru')");
	assert_string_equal(text, "blood donor leave|день донора");
	free(text);
	PQclear(support_ok(super, "ROLLBACK"));
	PQfinish(super);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_login_reads_the_list),
		cmocka_unit_test(no_login_writes_the_list),
		cmocka_unit_test(the_client_offers_the_tables_types),
		cmocka_unit_test(the_columns_take_only_listed_types),
		cmocka_unit_test(the_texts_read_the_list),
	};

	return cmocka_run_group_tests_name("db_leave_types", tests, NULL, NULL);
}
