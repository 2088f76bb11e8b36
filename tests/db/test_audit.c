/*
 * test_audit.c - the audit trail: every hr table has the audit trigger, a
 * clerk's change is logged under the clerk's login, only the auditor reads
 * the log, and no login can change it or switch the trigger off.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"
#include "xalloc.h"

static PGconn *super;

static void every_hr_table_is_audited(void **unused)
{
	(void)unused;
	assert_int_equal(
	        support_long(
	                super,
	                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
	                "c.relnamespace "
	                "WHERE n.nspname = 'hr' AND c.relkind IN ('r', 'p') AND NOT EXISTS ("
	                " SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgenabled = 'O' "
	                " AND t.tgfoid = 'audit.trg()'::regprocedure)"),
	        0);
	/* The trigger runs with the NOLOGIN audit owner's rights. */
	assert_int_equal(
	        support_long(super,
	                     "SELECT count(*) FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner "
	                     "WHERE p.oid = 'audit.trg()'::regprocedure AND p.prosecdef AND NOT "
	                     "r.rolcanlogin"),
	        1);
}

static void only_the_auditor_reads_the_log(void **unused)
{
	const char *others[] = { "clerk_moe", "head_moe", "clerk_mwa", "ministry_moe",
		                 "agency_csa" };
	PGconn *auditor = support_connect("auditor_csa");

	(void)unused;
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		PGconn *conn = support_connect(others[i]);
		char *state = support_sqlstate(conn, "SELECT count(*) FROM audit.log");

		if (strcmp(state, "00000") == 0)
			assert_int_equal(support_long(conn, "SELECT count(*) FROM audit.log"), 0);
		else
			assert_string_equal(state, "42501");
		free(state);
		PQfinish(conn);
	}
	/* auditor_csa's scope is the whole tree below the agency. */
	assert_int_equal(support_long(auditor, "SELECT count(DISTINCT org_id) FROM audit.log"),
	                 support_long(super, "SELECT count(*) FROM hr.org"));
	assert_int_equal(
	        support_long(auditor, "SELECT count(*) FROM audit.log WHERE org_id IS NULL"), 0);
	PQfinish(auditor);
}

static void a_clerks_insert_is_logged(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	PGconn *auditor = support_connect("auditor_csa");
	char tag[64];
	char *sql;
	PGresult *res;

	(void)unused;
	/* Names take letters only: the pid and time are spelt with a..j. */
	snprintf(tag, sizeof tag, "Audit%ld%ld", (long)getpid(), (long)time(NULL));
	for (char *c = tag + 5; *c != '\0'; c++)
		*c = (char)('a' + (*c - '0'));
	sql = xasprintf(
	        "INSERT INTO hr.person (org_id, last_name, first_name) "
	        "SELECT o.id, '%s', 'Test' FROM hr.whoami() w JOIN hr.org o ON o.code = w.org_code",
	        tag);
	PQclear(support_ok(clerk, sql));
	free(sql);
	sql = xasprintf("SELECT login, table_name, op, client_addr IS NOT NULL, "
	                "(SELECT code FROM hr.org WHERE id = l.org_id) "
	                "FROM audit.log l WHERE new_row->>'last_name' = '%s'",
	                tag);
	res = support_ok(super, sql);
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 0), "clerk_mwa");
	assert_string_equal(PQgetvalue(res, 0, 1), "person");
	assert_string_equal(PQgetvalue(res, 0, 2), "INSERT");
	assert_string_equal(PQgetvalue(res, 0, 3), "t");
	assert_string_equal(PQgetvalue(res, 0, 4), "MWA");
	PQclear(res);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM audit.log WHERE login = 'clerk_mwa' "
	                "AND new_row->>'last_name' = '%s'",
	                tag);
	assert_int_equal(support_long(auditor, sql), 1);
	free(sql);
	PQfinish(auditor);
	PQfinish(clerk);
}

static void nobody_changes_the_log(void **unused)
{
	const char *logins[] = { "clerk_mwa", "head_moe", "auditor_csa" };
	const char *attempts[] = {
		"UPDATE audit.log SET login = 'nobody'",
		"DELETE FROM audit.log",
		"TRUNCATE audit.log",
		"INSERT INTO audit.log (table_name, op) VALUES ('person', 'INSERT')",
		"ALTER TABLE hr.person DISABLE TRIGGER zz_audit",
		"ALTER TABLE hr.person DISABLE TRIGGER ALL",
		"ALTER TABLE audit.log DISABLE ROW LEVEL SECURITY",
		"DROP TRIGGER zz_audit ON hr.person",
		"SET session_replication_role = replica",
	};
	long before = support_long(super, "SELECT count(*) FROM audit.log");

	(void)unused;
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		PGconn *conn = support_connect(logins[i]);

		for (size_t j = 0; j < sizeof attempts / sizeof attempts[0]; j++)
			support_fails(conn, attempts[j], "42501");
		PQfinish(conn);
	}
	assert_true(support_long(super, "SELECT count(*) FROM audit.log") >= before);
	assert_int_equal(
	        support_long(super, "SELECT count(*) FROM audit.log WHERE login = 'nobody'"), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_hr_table_is_audited),
		cmocka_unit_test(only_the_auditor_reads_the_log),
		cmocka_unit_test(a_clerks_insert_is_logged),
		cmocka_unit_test(nobody_changes_the_log),
	};

	return cmocka_run_group_tests_name("db_audit", tests, setup, teardown);
}
