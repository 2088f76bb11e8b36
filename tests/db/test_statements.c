/*
 * test_statements.c - the statements of core/ against the schema: each one
 * whose answer the client reads by an enum of its columns (and every
 * section's statements) is prepared as a clerk and described, and must
 * answer with exactly that many columns (a column added to the SQL or to
 * the enum alone fails here, not on a clerk's screen).  Every mismatch is
 * printed before the test fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "attachment.h"
#include "draft.h"
#include "order.h"
#include "person.h"
#include "section.h"
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
	{ "order_lines_sql", &order_lines_sql, ORDER_LINES_COLUMNS },
	{ "order_version_sql", &order_version_sql, ORDER_V_COLUMNS },
	{ "order_problems_sql", &order_problems_sql, ORDER_P_COLUMNS },
	{ "order_preview_sql", &order_preview_sql, ORDER_E_COLUMNS },
	{ "order_effects_sql", &order_effects_sql, ORDER_E_COLUMNS },
	{ "order_sign_sql", &order_sign_sql, ORDER_S_COLUMNS },
	{ "order_render_sql", &order_render_sql, ORDER_R_COLUMNS },
	{ "order_cancel_sql", &order_cancel_sql, ORDER_C_COLUMNS },
	{ "order_people_sql", &order_people_sql, ORDER_PEOPLE_COLUMNS },
	{ "order_orgs_sql", &order_orgs_sql, ORDER_ORG_COLUMNS },
	{ "order_receive_sql", &order_receive_sql, ORDER_RECEIVED_COLUMNS },
	{ "order_vacancies_sql", &order_vacancies_sql, ORDER_VAC_COLUMNS },
	{ "order_next_personnel_no_sql", &order_next_personnel_no_sql, ORDER_NEXT_NO_COLUMNS },
	{ "order_penalties_sql", &order_penalties_sql, ORDER_PEN_COLUMNS },
	{ "order_settings_sql", &order_settings_sql, ORDER_SET_COLUMNS },
	{ "order_registers_sql", &order_registers_sql, ORDER_REG_COLUMNS },
	{ "order_settings_save_sql", &order_settings_save_sql, ORDER_SAVED_COLUMNS },
	{ "order_register_save_sql", &order_register_save_sql, ORDER_SAVED_COLUMNS },
	{ "structure_tree_sql", &structure_tree_sql, TREE_COLUMNS },
	{ "structure_by_org_sql", &structure_by_org_sql, BY_ORG_COLUMNS },
	{ "structure_totals_sql", &structure_totals_sql, BY_ORG_COLUMNS },
	{ "structure_staffing_sql", &structure_staffing_sql, STAFFING_COLUMNS },
	{ "structure_vacancies_sql", &structure_vacancies_sql, VACANCY_COLUMNS },
	{ "structure_stage_sql", &structure_stage_sql, STAGE_COLUMNS },
	{ "structure_preview_sql", &structure_preview_sql, PREVIEW_COLUMNS },
	{ "structure_apply_sql", &structure_apply_sql, APPLY_COLUMNS },
	{ "person_register_sql", &person_register_sql, REGISTER_COLUMNS },
	{ "person_register_backward_sql", &person_register_backward_sql, REGISTER_COLUMNS },
	{ "person_id_status_sql", &person_id_status_sql, PERSON_ID_STATUS_COLUMNS },
	{ "person_namesakes_sql", &person_namesakes_sql, PERSON_NAMESAKE_COLUMNS },
	{ "person_create_sql", &person_create_sql, PERSON_CREATE_COLUMNS },
	{ "person_departments_sql", &person_departments_sql, PERSON_DEPARTMENT_COLUMNS },
	{ "attachment_insert_sql", &attachment_insert_sql, ATTACHMENT_INSERT_COLUMNS },
	{ "section_service_periods_sql", &section_service_periods_sql, PERIOD_COLUMNS },
	{ "section_history_sql", &section_history_sql, HISTORY_COLUMNS },
	{ "draft_latest_sql", &draft_latest_sql, DRAFT_L_COLUMNS },
};

/* Prepares `sql` as `conn` and says whether it answers with `columns`
 * columns (printing the difference when not). */
static bool answers_with(PGconn *conn, const char *name, const char *sql, int columns)
{
	static int n;
	char statement[32];
	PGresult *res;
	bool ok;

	snprintf(statement, sizeof statement, "s%d", n++);
	res = PQprepare(conn, statement, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		print_error("%s does not prepare: %s", name, PQerrorMessage(conn));
		PQclear(res);
		return false;
	}
	PQclear(res);
	res = PQdescribePrepared(conn, statement);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK && PQnfields(res) == columns;
	if (!ok)
		print_error("%s answers with %d columns; its enum names %d\n", name, PQnfields(res),
		            columns);
	PQclear(res);
	return ok;
}

static void statements_answer_their_enums(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	int wrong = 0;

	(void)unused;
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++)
		wrong += !answers_with(clerk, statements[i].name, *statements[i].sql,
		                       statements[i].columns);
	PQfinish(clerk);
	assert_int_equal(wrong, 0);
}

/* Every section of the file: id, version, then its fields; what insert and
 * update return. */
static void sections_answer_their_fields(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	int wrong = 0;

	(void)unused;
	for (int i = 0; i < SECTION_COUNT; i++) {
		const struct section_def *def = section_get((enum section_id)i);

		wrong += !answers_with(clerk, def->name, def->select_sql, section_columns(def));
		if (def->insert_sql != NULL)
			wrong += !answers_with(clerk, def->name, def->insert_sql, SECTION_WRITE_COLUMNS);
		if (def->update_sql != NULL)
			wrong += !answers_with(clerk, def->name, def->update_sql, SECTION_WRITE_COLUMNS);
	}
	PQfinish(clerk);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statements_answer_their_enums),
		cmocka_unit_test(sections_answer_their_fields),
	};

	return cmocka_run_group_tests_name("db_statements", tests, NULL, NULL);
}
