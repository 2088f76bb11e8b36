/*
 * test_statements.c - the statements of core/ against the schema: each one
 * whose answer the client reads by an enum of its columns is prepared as a
 * clerk and described, and must answer with exactly that many columns (a
 * column added to the SQL or to the enum alone fails here, not on a
 * clerk's screen).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "order.h"
#include "structure.h"
#include "support.h"

struct described {
	const char *name;
	const char *const *sql;
	int columns;
};

static const struct described statements[] = {
	{ "order_journal_sql", &order_journal_sql, ORDER_J_COLUMNS },
	{ "order_load_sql", &order_load_sql, ORDER_L_COLUMNS },
	{ "structure_staffing_sql", &structure_staffing_sql, STAFFING_COLUMNS },
	{ "structure_vacancies_sql", &structure_vacancies_sql, VACANCY_COLUMNS },
};

static void statements_answer_their_enums(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");

	(void)unused;
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
		char name[32];
		PGresult *res;

		snprintf(name, sizeof name, "s%zu", i);
		res = PQprepare(clerk, name, *statements[i].sql, 0, NULL);
		assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
		PQclear(res);
		res = PQdescribePrepared(clerk, name);
		assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
		if (PQnfields(res) != statements[i].columns) {
			print_error("%s answers with %d columns; its enum names %d\n",
			            statements[i].name, PQnfields(res), statements[i].columns);
			fail();
		}
		PQclear(res);
	}
	PQfinish(clerk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statements_answer_their_enums),
	};

	return cmocka_run_group_tests_name("db_statements", tests, NULL, NULL);
}
