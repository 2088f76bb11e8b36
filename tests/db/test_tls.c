/*
 * test_tls.c - who may connect and what a login may never do: TLS with a
 * client certificate whose CN is the login is the only way in; no login
 * has dangerous role attributes, TEMP or CREATE; a login without an
 * account sees nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"
#include "xalloc.h"

static const char *const demo_logins[] = {
	"clerk_moe",    "head_moe",   "clerk_for",   "clerk_mwa",
	"ministry_moe", "agency_csa", "auditor_csa",
};

static void refused(const char *conninfo, const char *what)
{
	const char *reason = NULL;

	if (support_try_connect(conninfo, &reason)) {
		print_error("connection was accepted: %s\n", what);
		fail();
	}
}

static void certificate_login_uses_tls13(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	char *version =
	        support_text(clerk, "SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");

	(void)unused;
	assert_string_equal(version, "TLSv1.3");
	free(version);
	PQfinish(clerk);
}

static void weak_or_wrong_connections_are_refused(void **unused)
{
	char *conninfo;

	(void)unused;
	conninfo = support_conninfo("clerk_mwa", "clerk_mwa", "sslmode=disable");
	refused(conninfo, "sslmode=disable");
	free(conninfo);
	conninfo = support_conninfo("clerk_mwa", NULL, NULL);
	refused(conninfo, "TLS without a client certificate");
	free(conninfo);
	conninfo = support_conninfo("clerk_moe", "clerk_mwa", NULL);
	refused(conninfo, "clerk_mwa's certificate used for clerk_moe");
	free(conninfo);
	conninfo = support_conninfo("clerk_mwa", "clerk_mwa", "dbname=postgres");
	refused(conninfo, "a login connecting to another database");
	free(conninfo);
	conninfo = support_conninfo("postgres", "clerk_mwa", NULL);
	refused(conninfo, "the superuser over TCP");
	free(conninfo);
}

static void logins_have_no_dangerous_attributes(void **unused)
{
	PGconn *super = support_connect_superuser();

	(void)unused;
	assert_int_equal(
	        support_long(
	                super,
	                "SELECT count(*) FROM pg_roles r JOIN pg_auth_members m ON m.member = "
	                "r.oid "
	                "AND m.roleid = 'hr_login'::regrole WHERE r.rolcanlogin AND r.rolname IN "
	                "('clerk_moe','head_moe','clerk_for','clerk_mwa','ministry_moe','agency_"
	                "csa','auditor_csa')"),
	        7);
	assert_int_equal(
	        support_long(
	                super,
	                "SELECT count(*) FROM pg_roles r JOIN pg_auth_members m ON m.member = "
	                "r.oid "
	                "AND m.roleid = 'hr_login'::regrole WHERE (r.rolsuper OR r.rolcreaterole "
	                "OR r.rolcreatedb OR r.rolbypassrls OR r.rolreplication)"),
	        0);
	/* The groups and owners cannot log in. */
	assert_int_equal(support_long(super, "SELECT count(*) FROM pg_roles WHERE rolcanlogin AND "
	                                     "rolname IN ('hr_owner', 'hr_definer', "
	                                     "'audit_owner', 'hr_login', 'hr_clerk', 'hr_head', "
	                                     "'hr_ministry', 'hr_agency', 'hr_auditor')"),
	                 0);
	PQfinish(super);
}

static void logins_cannot_create_objects(void **unused)
{
	(void)unused;
	for (size_t i = 0; i < sizeof demo_logins / sizeof demo_logins[0]; i++) {
		PGconn *conn = support_connect(demo_logins[i]);

		support_fails(conn, "CREATE TEMP TABLE t (x int)", "42501");
		support_fails(conn, "CREATE TABLE public.x (i int)", "42501");
		support_fails(conn, "CREATE TABLE hr.x (i int)", "42501");
		support_fails(conn,
		              "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
		              "42501");
		support_fails(conn, "CREATE SCHEMA mine", "42501");
		support_fails(conn, "CREATE ROLE other", "42501");
		PQfinish(conn);
	}
}

static void login_without_account_sees_nothing(void **unused)
{
	PGconn *super = support_connect_superuser();
	char name[64], *command, *sql, *output = NULL;
	PGconn *conn;

	(void)unused;
	snprintf(name, sizeof name, "test_noacct_%ld", (long)getpid());
	sql = xasprintf("CREATE ROLE %s LOGIN IN ROLE hr_login, hr_clerk", name);
	PQclear(support_ok(super, sql));
	free(sql);
	command = xasprintf("'%s/scripts/devdb.sh' cert %s", support_root(), name);
	assert_int_equal(support_run(command, &output), 0);
	free(output);
	free(command);
	conn = support_connect(name);
	assert_int_equal(support_long(conn, "SELECT count(*) FROM hr.whoami()"), 0);
	assert_int_equal(support_long(conn, "SELECT count(*) FROM hr.person"), 0);
	assert_int_equal(support_long(conn, "SELECT count(*) FROM hr.org"), 0);
	sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name) VALUES (%ld, 'No', "
	                "'Account')",
	                support_long(super, "SELECT id FROM hr.org WHERE code = 'MWA'"));
	support_fails(conn, sql, "42501");
	free(sql);
	PQfinish(conn);
	sql = xasprintf("DROP ROLE %s", name);
	PQclear(support_ok(super, sql));
	free(sql);
	PQfinish(super);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(certificate_login_uses_tls13),
		cmocka_unit_test(weak_or_wrong_connections_are_refused),
		cmocka_unit_test(logins_have_no_dangerous_attributes),
		cmocka_unit_test(logins_cannot_create_objects),
		cmocka_unit_test(login_without_account_sees_nothing),
	};

	return cmocka_run_group_tests_name("db_tls", tests, NULL, NULL);
}
