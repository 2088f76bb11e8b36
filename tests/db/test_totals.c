/*
 * test_totals.c - the staffing totals of organisations (hr.staffing_totals,
 * db/016_structure_totals.sql): each login gets exactly the organisations
 * of its scope, with the same figures the tables give, the agency too;
 * the agency still reads no assignment itself, and an auditor gets no
 * totals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"
#include "xalloc.h"

/* The totals as the tables give them, computed as the superuser for the
 * organisations `scope` names (an SQL condition on o), one line per org. */
static char *expected(PGconn *super, const char *scope)
{
	return support_sql_text(
	        super,
	        "SELECT string_agg(o.code || ' ' || "
	        "  (SELECT count(*) FROM hr.department_version v WHERE v.org_id = o.id "
	        "     AND v.valid @> current_date) || ' ' || "
	        "  (SELECT count(*) FROM hr.position_version v WHERE v.org_id = o.id "
	        "     AND v.valid @> current_date) || ' ' || "
	        "  (SELECT coalesce(sum(v.rates), 0)::numeric(12,2) FROM hr.position_version v "
	        "    WHERE v.org_id = o.id AND v.valid @> current_date) || ' ' || "
	        "  (SELECT coalesce(sum(a.rate), 0)::numeric(12,2) FROM hr.assignment a "
	        "    WHERE a.org_id = o.id AND a.during @> current_date), ', ' ORDER BY o.code) "
	        "  FROM hr.org o WHERE %s",
	        scope);
}

static char *totals(PGconn *conn)
{
	return support_sql_text(conn,
	                        "SELECT string_agg(code || ' ' || departments || ' ' || positions "
	                        "  || ' ' || rates || ' ' || filled, ', ' ORDER BY code) "
	                        "  FROM hr.staffing_totals(current_date)");
}

static void each_login_gets_its_scope(void **unused)
{
	static const struct {
		const char *login, *scope;
	} cases[] = {
		{ "clerk_moe", "o.code = 'MOE'" },
		{ "head_moe", "o.code = 'MOE'" },
		{ "clerk_mwa", "o.code = 'MWA'" },
		{ "ministry_moe", "o.code IN ('MOE', 'MOE-FOR', 'MOE-MET')" },
		{ "agency_csa", "true" },
	};
	PGconn *super = support_connect_superuser();
	int wrong = 0;

	(void)unused;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		PGconn *conn = support_connect(cases[i].login);
		char *want = expected(super, cases[i].scope), *got = totals(conn);

		if (strcmp(want, got) != 0) {
			print_error("%s: expected \"%s\", got \"%s\"\n", cases[i].login, want, got);
			wrong++;
		}
		free(want);
		free(got);
		PQfinish(conn);
	}
	PQfinish(super);
	assert_int_equal(wrong, 0);
}

/* The totals open nothing else: the agency reads no assignment or person,
 * and an auditor (the audit trail only) gets no totals. */
static void totals_only(void **unused)
{
	PGconn *agency = support_connect("agency_csa"), *auditor = support_connect("auditor_csa");

	(void)unused;
	support_fails(agency, "SELECT count(*) FROM hr.assignment", "42501");
	support_fails(agency, "SELECT count(*) FROM hr.person", "42501");
	support_fails(agency, "SELECT * FROM hr.staffing_table(1, current_date)", "42501");
	support_fails(auditor, "SELECT * FROM hr.staffing_totals(current_date)", "42501");
	/* Today's totals only: no series of days that would date each hire,
	 * end and rate (a clerk and a ministry keep their as-of dates). */
	assert_int_equal(support_long(agency, "SELECT count(*) FROM hr.staffing_totals("
	                                      "current_date - 1)"),
	                 0);
	assert_int_equal(support_long(agency, "SELECT count(*) FROM hr.staffing_totals("
	                                      "current_date + 30)"),
	                 0);
	assert_true(support_long(agency, "SELECT count(*) FROM hr.staffing_totals(current_date)") >
	            0);
	PQfinish(agency);
	PQfinish(auditor);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_login_gets_its_scope),
		cmocka_unit_test(totals_only),
	};

	return cmocka_run_group_tests_name("db_totals", tests, NULL, NULL);
}
