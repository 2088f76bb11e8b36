/*
 * test_rls.c - row-level security as each kind of login sees it: every hr
 * table forces RLS; a clerk sees and changes only its organisation, and
 * there not employment or assignments (only signed orders write those); a
 * ministry reads its subtree and writes nothing; the agency sees no
 * personal rows; GUCs and SET ROLE do not widen access.
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

static PGconn *super;

/* "{1,2}" array literal of the ids of the orgs with the given codes. */
static char *org_ids(const char *codes)
{
	const char *params[] = { codes };
	PGresult *res = support_ok_params(super,
	                                  "SELECT array_agg(id ORDER BY id)::text FROM hr.org "
	                                  "WHERE code = ANY (string_to_array($1, ','))",
	                                  1, params);
	char *ids = xstrdup(PQgetvalue(res, 0, 0));

	PQclear(res);
	return ids;
}

static long org_id(const char *code)
{
	char *sql = xasprintf("SELECT id FROM hr.org WHERE code = '%s'", code);
	long id = support_long(super, sql);

	free(sql);
	return id;
}

/*
 * Over every table of schema hr: adds the rows `conn` can see to *visible
 * and returns how many of them belong to an org outside `allowed` (an int[]
 * literal).  A table the login may not read at all (42501) counts as empty.
 */
static long foreign_rows(PGconn *conn, const char *allowed, long *visible)
{
	PGresult *tables = support_ok(
	        super,
	        "SELECT c.relname, string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum) "
	        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped AND "
	        " (a.attname IN ('org_id', 'ancestor', 'descendant') OR (c.relname = 'org' AND "
	        "a.attname = 'id')) "
	        "WHERE n.nspname = 'hr' AND c.relkind IN ('r', 'p') GROUP BY c.relname ORDER BY 1");
	long foreign = 0;

	assert_true(PQntuples(tables) > 0);
	*visible = 0;
	for (int i = 0; i < PQntuples(tables); i++) {
		const char *table = PQgetvalue(tables, i, 0);
		char *columns = xstrdup(PQgetvalue(tables, i, 1));
		char *outside = xstrdup("false"), *sql, *state;

		/* Service-wide settings, the kinds and texts of orders and the
		 * types of leave: no organisation, no personal data, read by all. */
		if (strcmp(table, "service_setting") == 0 || strcmp(table, "order_kind") == 0 ||
		    strcmp(table, "order_template") == 0 || strcmp(table, "leave_type") == 0) {
			free(outside);
			free(columns);
			continue;
		}
		if (columns[0] == '\0') {
			print_error("table hr.%s has no org column; teach this test about it\n",
			            table);
			fail();
		}
		for (char *col = strtok(columns, ","); col != NULL; col = strtok(NULL, ",")) {
			char *next = xasprintf("%s OR NOT (%s = ANY ('%s'::int[]))", outside, col,
			                       allowed);
			free(outside);
			outside = next;
		}
		sql = xasprintf("SELECT count(*) FROM hr.\"%s\"", table);
		state = support_sqlstate(conn, sql);
		if (strcmp(state, "00000") == 0) {
			*visible += support_long(conn, sql);
			free(sql);
			sql = xasprintf("SELECT count(*) FROM hr.\"%s\" WHERE %s", table, outside);
			long n = support_long(conn, sql);
			if (n != 0)
				print_error("hr.%s: %ld rows of other organisations visible\n",
				            table, n);
			foreign += n;
		} else {
			assert_string_equal(state, "42501");
		}
		free(state);
		free(sql);
		free(outside);
		free(columns);
	}
	PQclear(tables);
	return foreign;
}

static void every_hr_table_forces_rls(void **unused)
{
	(void)unused;
	assert_true(support_long(super, "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
	                                "ON n.oid = c.relnamespace WHERE n.nspname = 'hr' AND "
	                                "c.relkind IN ('r', 'p')") >= 8);
	assert_int_equal(support_long(super,
	                              "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
	                              "ON n.oid = c.relnamespace WHERE n.nspname IN ('hr', "
	                              "'audit', 'work') AND c.relkind IN ('r', 'p') "
	                              "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"),
	                 0);
	/* Views would run with their owner's rights unless security_invoker. */
	assert_int_equal(
	        support_long(super,
	                     "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
	                     "ON n.oid = c.relnamespace WHERE n.nspname IN ('hr', 'audit', 'work') "
	                     "AND c.relkind IN ('v', 'm') "
	                     "AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false)"),
	        0);
	/* Table owners are NOLOGIN roles. */
	assert_int_equal(
	        support_long(super,
	                     "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
	                     "ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner "
	                     "WHERE n.nspname IN ('hr', 'audit', 'work') AND r.rolcanlogin"),
	        0);
}

static void clerk_sees_only_own_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	char *mwa = org_ids("MWA");
	long visible;

	(void)unused;
	assert_int_equal(foreign_rows(clerk, mwa, &visible), 0);
	assert_true(visible >= 30);
	assert_true(support_long(clerk, "SELECT count(*) FROM hr.person") >= 30);
	free(mwa);
	PQfinish(clerk);
}

static void clerk_cannot_write_other_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long moe = org_id("MOE");
	char *sql;
	PGresult *res;

	(void)unused;
	sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name) "
	                "VALUES (%ld, 'Intruder', 'Test')",
	                moe);
	support_fails(clerk, sql, "42501");
	free(sql);
	sql = xasprintf(
	        "INSERT INTO hr.department (org_id, code, name) VALUES (%ld, 'X1', 'Intruders')",
	        moe);
	support_fails(clerk, sql, "42501");
	free(sql);
	sql = xasprintf("UPDATE hr.person SET last_name = 'Intruded' WHERE org_id = %ld", moe);
	res = support_ok(clerk, sql);
	assert_string_equal(PQcmdTuples(res), "0");
	PQclear(res);
	free(sql);
	assert_int_equal(
	        support_long(super, "SELECT count(*) FROM hr.person WHERE last_name = 'Intruded'"),
	        0);
	/* org_id is server-owned: moving a row elsewhere is not even allowed. */
	sql = xasprintf("UPDATE hr.person SET org_id = %ld", moe);
	support_fails(clerk, sql, "42501");
	free(sql);
	support_fails(clerk, "DELETE FROM hr.person", "42501");
	support_fails(clerk, "INSERT INTO hr.account VALUES ('clerk_mwa2', 1, 'ministry')",
	              "42501");
	PQfinish(clerk);
}

static void clerk_writes_own_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	char *sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name) "
	                      "VALUES (%ld, 'Own', 'Org') RETURNING version",
	                      org_id("MWA"));
	PGresult *res;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	PQclear(support_ok(clerk, sql));
	res = support_ok(clerk, "UPDATE hr.person SET first_name = 'Orgtwo', version = 42 "
	                        "WHERE last_name = 'Own' RETURNING version");
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 0), "2"); /* the trigger owns version */
	PQclear(res);
	PQclear(support_ok(clerk, "ROLLBACK"));
	free(sql);
	PQfinish(clerk);
}

/*
 * Employment and assignments are written only by signed orders
 * (012_orders.sql): a clerk or a head may not insert, update or delete
 * them directly, not even in its own organisation.
 */
static void service_records_only_through_orders(void **unused)
{
	const char *logins[][2] = { { "clerk_mwa", "MWA" }, { "head_moe", "MOE" } };

	(void)unused;
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		PGconn *conn = support_connect(logins[i][0]);
		long org = org_id(logins[i][1]);
		char *sql = xasprintf(
		        "SELECT e.person_id || ' ' || e.id || ' ' || a.id || ' ' || "
		        "a.position_id FROM hr.assignment a JOIN hr.employment e ON "
		        "e.id = a.employment_id WHERE a.org_id = %ld ORDER BY a.id LIMIT 1",
		        org);
		char *ids = support_text(super, sql);
		long person, employment, assignment, position;
		char *statements[6];

		free(sql);
		assert_non_null(ids);
		assert_int_equal(sscanf(ids, "%ld %ld %ld %ld", &person, &employment, &assignment,
		                        &position),
		                 4);
		free(ids);
		/* The login reads the rows it may not write. */
		sql = xasprintf("SELECT count(*) FROM hr.assignment WHERE id = %ld", assignment);
		assert_int_equal(support_long(conn, sql), 1);
		free(sql);
		statements[0] = xasprintf(
		        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
		        "VALUES (%ld, %ld, 'OWN-1', date '2024-01-01')",
		        org, person);
		statements[1] = xasprintf(
		        "UPDATE hr.employment SET personnel_no = personnel_no WHERE id = %ld",
		        employment);
		statements[2] = xasprintf("DELETE FROM hr.employment WHERE id = %ld", employment);
		statements[3] = xasprintf(
		        "INSERT INTO hr.assignment (org_id, employment_id, position_id, during) "
		        "VALUES (%ld, %ld, %ld, daterange('1990-01-01', '1990-02-01'))",
		        org, employment, position);
		statements[4] = xasprintf("UPDATE hr.assignment SET rate = rate WHERE id = %ld",
		                          assignment);
		statements[5] = xasprintf("DELETE FROM hr.assignment WHERE id = %ld", assignment);
		for (size_t s = 0; s < sizeof statements / sizeof statements[0]; s++) {
			support_fails(conn, statements[s], "42501");
			free(statements[s]);
		}
		PQfinish(conn);
	}
}

static void foreign_keys_stay_inside_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long mwa = org_id("MWA");
	long moe_person = support_long(super, "SELECT min(p.id) FROM hr.person p JOIN hr.org o "
	                                      "ON o.id = p.org_id WHERE o.code = 'MOE'");
	long moe_position = support_long(super, "SELECT min(p.id) FROM hr.position p JOIN hr.org o "
	                                        "ON o.id = p.org_id WHERE o.code = 'MOE'");
	long own_employment =
	        support_long(super, "SELECT min(e.id) FROM hr.employment e JOIN hr.org o "
	                            "ON o.id = e.org_id WHERE o.code = 'MWA'");
	char *sql;

	(void)unused;
	/* Its own org_id with MOE's person: the composite key refuses. */
	sql = xasprintf("INSERT INTO hr.education (org_id, person_id, institution, level) "
	                "VALUES (%ld, %ld, 'FK School', 'other')",
	                mwa, moe_person);
	support_fails(clerk, sql, "23503");
	free(sql);
	/* Employment and assignments: the clerk may not write them at all, and
	 * the keys refuse every writer, the superuser too. */
	sql = xasprintf("INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	                "VALUES (%ld, %ld, 'FK-1', date '2024-01-01')",
	                mwa, moe_person);
	support_fails(clerk, sql, "42501");
	support_fails(super, sql, "23503");
	free(sql);
	sql = xasprintf("INSERT INTO hr.assignment (org_id, employment_id, position_id, during) "
	                "VALUES (%ld, %ld, %ld, daterange('1990-01-01', '1990-02-01'))",
	                mwa, own_employment, moe_position);
	support_fails(clerk, sql, "42501");
	support_fails(super, sql, "23503");
	free(sql);
	PQfinish(clerk);
}

static void ministry_reads_subtree_writes_nothing(void **unused)
{
	PGconn *ministry = support_connect("ministry_moe");
	char *subtree = org_ids("MOE,MOE-FOR,MOE-MET");
	long visible;
	char *codes, *sql;

	(void)unused;
	assert_int_equal(foreign_rows(ministry, subtree, &visible), 0);
	codes = support_text(ministry, "SELECT string_agg(DISTINCT o.code, ',' ORDER BY o.code) "
	                               "FROM hr.person p JOIN hr.org o ON o.id = p.org_id");
	assert_string_equal(codes, "MOE,MOE-FOR,MOE-MET");
	free(codes);
	sql = xasprintf(
	        "INSERT INTO hr.person (org_id, last_name, first_name) VALUES (%ld, 'M', 'M')",
	        org_id("MOE"));
	support_fails(ministry, sql, "42501");
	free(sql);
	support_fails(ministry, "UPDATE hr.person SET last_name = 'M'", "42501");
	support_fails(ministry, "DELETE FROM hr.person", "42501");
	support_fails(ministry, "UPDATE hr.department SET name = 'M'", "42501");
	support_fails(ministry, "DELETE FROM hr.assignment", "42501");
	support_fails(ministry, "UPDATE hr.org SET name = 'M'", "42501");
	free(subtree);
	PQfinish(ministry);
}

static void agency_sees_no_personal_rows(void **unused)
{
	PGconn *agency = support_connect("agency_csa");
	const char *tables[] = { "person", "employment", "assignment" };

	(void)unused;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *sql = xasprintf("SELECT count(*) FROM hr.%s", tables[i]);
		char *state = support_sqlstate(agency, sql);

		if (strcmp(state, "00000") == 0)
			assert_int_equal(support_long(agency, sql), 0);
		else
			assert_string_equal(state, "42501");
		free(state);
		free(sql);
	}
	assert_int_equal(support_long(agency, "SELECT count(*) FROM hr.org"), 6);
	support_fails(agency, "UPDATE hr.org SET name = 'A'", "42501");
	PQfinish(agency);
}

static void whoami_names_the_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	PGresult *res =
	        support_ok(clerk, "SELECT login, kind, org_code, org_name FROM hr.whoami()");

	(void)unused;
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 0), "clerk_moe");
	assert_string_equal(PQgetvalue(res, 0, 1), "clerk");
	assert_string_equal(PQgetvalue(res, 0, 2), "MOE");
	assert_string_equal(PQgetvalue(res, 0, 3), "Ministry of Environment");
	PQclear(res);
	PQfinish(clerk);
}

static void session_tricks_do_not_widen(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	char *mwa = org_ids("MWA");
	char *sql = xasprintf("SELECT set_config('app.org_id', '%ld', false)", org_id("MOE"));
	long visible;

	(void)unused;
	support_fails(clerk, "SET ROLE clerk_moe", "42501");
	support_fails(clerk, "SET ROLE hr_ministry", "42501");
	support_fails(clerk, "SET ROLE hr_owner", "42501");
	support_fails(clerk, "SET SESSION AUTHORIZATION ministry_moe", "42501");
	support_fails(clerk, "SET session_replication_role = replica", "42501");
	PQclear(support_ok(clerk, sql));
	PQclear(support_ok(clerk, "SET app.org = 'MOE'"));
	PQclear(support_ok(clerk, "SET search_path = public, hr"));
	assert_int_equal(foreign_rows(clerk, mwa, &visible), 0);
	assert_true(visible > 0);
	PQclear(support_ok(clerk, "SET row_security = off"));
	support_fails(clerk, "SELECT count(*) FROM hr.person", "42501");
	free(sql);
	free(mwa);
	PQfinish(clerk);
}

static int setup(void **unused)
{
	(void)unused;
	super = support_connect_superuser();
	return 0;
}

static int teardown(void **unused)
{
	(void)unused;
	PQfinish(super);
	return 0;
}

/* A draft is private to the login that typed it, even within its organisation. */
static void drafts_are_private_to_their_login(void **unused)
{
	PGconn *moe = support_connect("clerk_moe");
	PGconn *head = support_connect("head_moe");
	PGconn *mwa = support_connect("clerk_mwa");
	PGconn *ministry = support_connect("ministry_moe");

	(void)unused;
	PQclear(support_ok(moe, "BEGIN"));
	PQclear(support_ok(moe, "INSERT INTO work.draft (form, record, payload) "
	                        "VALUES ('person', 'rls-test', '{\"last_name\": \"Secret\"}')"));
	assert_int_equal(support_long(moe, "SELECT count(*) FROM work.draft WHERE record = 'rls-test'"),
	                 1);
	PQclear(support_ok(moe, "COMMIT"));
	assert_int_equal(support_long(head, "SELECT count(*) FROM work.draft WHERE record = 'rls-test'"),
	                 0);
	assert_int_equal(support_long(mwa, "SELECT count(*) FROM work.draft"), 0);
	support_fails(mwa, "INSERT INTO work.draft (login, form, payload) "
	                   "VALUES ('clerk_moe', 'person', '{}')",
	              "42501");
	assert_int_equal(support_long(mwa, "WITH d AS (UPDATE work.draft SET payload = '{}' "
	                                   "RETURNING 1) SELECT count(*) FROM d"),
	                 0);
	support_fails(ministry, "SELECT count(*) FROM work.draft", "42501");
	PQclear(support_ok(moe, "DELETE FROM work.draft WHERE record = 'rls-test'"));
	PQfinish(moe);
	PQfinish(head);
	PQfinish(mwa);
	PQfinish(ministry);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_hr_table_forces_rls),
		cmocka_unit_test(clerk_sees_only_own_org),
		cmocka_unit_test(clerk_cannot_write_other_org),
		cmocka_unit_test(clerk_writes_own_org),
		cmocka_unit_test(service_records_only_through_orders),
		cmocka_unit_test(foreign_keys_stay_inside_org),
		cmocka_unit_test(ministry_reads_subtree_writes_nothing),
		cmocka_unit_test(agency_sees_no_personal_rows),
		cmocka_unit_test(whoami_names_the_org),
		cmocka_unit_test(session_tricks_do_not_widen),
		cmocka_unit_test(drafts_are_private_to_their_login),
	};

	return cmocka_run_group_tests_name("db_rls", tests, setup, teardown);
}
