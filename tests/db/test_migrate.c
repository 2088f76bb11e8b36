/*
 * test_migrate.c - hrmis-admin against the dev cluster: migrations apply
 * to a fresh database and re-apply as a no-op, a changed migration is
 * refused, "user add" makes a login that can connect, usage errors exit 2.
 * (The function files: test_functions.c.)
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

static long migration_files(void)
{
	char *command = xasprintf("ls '%s'/db/*.sql | wc -l", support_root());
	long count = support_run_long(command);

	free(command);
	return count;
}

static void reapply_is_noop(void **unused)
{
	PGconn *super = support_connect_superuser();
	char *before, *after, *output = NULL;

	(void)unused;
	before = support_text(super, "SELECT count(*) || ' ' || max(applied_at) || ' ' || "
	                             "(SELECT count(*) || ' ' || max(applied_at) "
	                             "FROM public.schema_function) FROM public.schema_migration");
	assert_int_equal(support_admin_run("migrate", &output), 0);
	assert_null(strstr(output, "applied"));
	free(output);
	after = support_text(super, "SELECT count(*) || ' ' || max(applied_at) || ' ' || "
	                            "(SELECT count(*) || ' ' || max(applied_at) "
	                            "FROM public.schema_function) FROM public.schema_migration");
	assert_string_equal(before, after);
	assert_int_equal(support_long(super, "SELECT count(*) FROM public.schema_migration"),
	                 migration_files());
	assert_int_equal(support_admin_run("status", &output), 0);
	assert_null(strstr(output, "pending"));
	free(output);
	assert_int_equal(support_admin_run("migrate status", &output), 0);
	assert_null(strstr(output, "pending"));
	assert_null(strstr(output, "changed"));
	free(output);
	free(before);
	free(after);
	PQfinish(super);
}

static void changed_migration_is_refused(void **unused)
{
	char dir[] = "/tmp/hrmis-migrate-XXXXXX";
	char *command, *args, *output = NULL;

	(void)unused;
	assert_non_null(mkdtemp(dir));
	command = xasprintf("cp -R '%s'/db/. '%s'/", support_root(), dir);
	assert_int_equal(support_run(command, NULL), 0);
	free(command);
	args = xasprintf("migrate --dir '%s'", dir);
	/* The files on disk (the function files too) are exactly the embedded
	 * ones: nothing to do. */
	assert_int_equal(support_admin_run(args, &output), 0);
	assert_null(strstr(output, "applied"));
	free(output);
	command = xasprintf("echo '-- edited after release' >> '%s/002_schema.sql'", dir);
	assert_int_equal(support_run(command, NULL), 0);
	free(command);
	assert_int_equal(support_admin_run(args, &output), 1);
	assert_non_null(strstr(output, "002_schema.sql"));
	free(output);
	free(args);
	args = xasprintf("status --dir '%s'", dir);
	assert_int_equal(support_admin_run(args, &output), 1);
	assert_non_null(strstr(output, "CHANGED  002_schema.sql"));
	free(output);
	free(args);
	command = xasprintf("rm -rf '%s'", dir);
	support_run(command, NULL);
	free(command);
}

static void fresh_database_migrates_once(void **unused)
{
	PGconn *super = support_connect_superuser(), *fresh;
	char name[64], *sql, *args, *output = NULL, *conninfo;

	(void)unused;
	snprintf(name, sizeof name, "hrmis_migtest_%ld", (long)getpid());
	sql = xasprintf("CREATE DATABASE %s", name);
	PQclear(support_ok(super, sql));
	free(sql);
	/* Roles exist already (cluster-wide): the migrations must tolerate them. */
	args = xasprintf("--db 'dbname=%s' migrate", name);
	assert_int_equal(support_admin_run(args, &output), 0);
	assert_non_null(strstr(output, "applied 001_roles.sql"));
	assert_non_null(strstr(output, "applied 005_admin.sql"));
	free(output);
	assert_int_equal(support_admin_run(args, &output), 0);
	assert_null(strstr(output, "applied"));
	free(output);
	free(args);
	conninfo = xasprintf("host=%s/run port=%s dbname=%s user=%s", support_dir(), support_port(),
	                     name, PQuser(super));
	fresh = PQconnectdb(conninfo);
	assert_int_equal(PQstatus(fresh), CONNECTION_OK);
	assert_int_equal(support_long(fresh, "SELECT count(*) FROM public.schema_migration"),
	                 migration_files());
	assert_true(
	        support_long(fresh,
	                     "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
	                     "ON n.oid = c.relnamespace WHERE n.nspname = 'hr' AND c.relkind = 'r' "
	                     "AND c.relrowsecurity AND c.relforcerowsecurity") >= 8);
	PQfinish(fresh);
	free(conninfo);
	sql = xasprintf("DROP DATABASE %s", name);
	PQclear(support_ok(super, sql));
	free(sql);
	PQfinish(super);
}

static void user_add_makes_a_working_login(void **unused)
{
	PGconn *super = support_connect_superuser(), *conn;
	char name[64], *args, *command, *output = NULL, *sql;
	PGresult *res;

	(void)unused;
	snprintf(name, sizeof name, "test_user_%ld", (long)getpid());
	args = xasprintf("user add %s --org MOE-FOR --kind clerk", name);
	assert_int_equal(support_admin_run(args, &output), 0);
	free(output);
	assert_int_equal(support_admin_run(args, &output), 1); /* exists already */
	free(output);
	free(args);
	command = xasprintf("'%s/scripts/devdb.sh' cert %s", support_root(), name);
	assert_int_equal(support_run(command, NULL), 0);
	free(command);
	conn = support_connect(name);
	res = support_ok(conn, "SELECT login, kind, org_code FROM hr.whoami()");
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 0), name);
	assert_string_equal(PQgetvalue(res, 0, 1), "clerk");
	assert_string_equal(PQgetvalue(res, 0, 2), "MOE-FOR");
	PQclear(res);
	assert_true(support_long(conn, "SELECT count(*) FROM hr.person") > 0);
	sql = support_text(conn, "SELECT string_agg(DISTINCT o.code, ',') FROM hr.person p "
	                         "JOIN hr.org o ON o.id = p.org_id");
	assert_string_equal(sql, "MOE-FOR");
	free(sql);
	PQfinish(conn);
	assert_int_equal(support_admin_run("user list", &output), 0);
	assert_non_null(strstr(output, name));
	free(output);
	sql = xasprintf("DELETE FROM hr.account WHERE role_name = '%s'", name);
	PQclear(support_ok(super, sql));
	free(sql);
	sql = xasprintf("DROP ROLE %s", name);
	PQclear(support_ok(super, sql));
	free(sql);
	PQfinish(super);
}

static void user_add_rejects_bad_input(void **unused)
{
	char *output = NULL;

	(void)unused;
	assert_int_equal(support_admin_run("user add 'Bad-Name' --org MOE --kind clerk", &output),
	                 2);
	free(output);
	assert_int_equal(support_admin_run("user add good_name --org MOE --kind boss", &output), 2);
	free(output);
	assert_int_equal(support_admin_run("user add good_name --org NOPE --kind clerk", &output),
	                 1);
	assert_non_null(strstr(output, "NOPE"));
	free(output);
	/* System role names are reserved; an existing superuser is never taken over. */
	assert_int_equal(support_admin_run("user add hr_owner_x --org MOE --kind clerk", &output),
	                 1);
	free(output);
	assert_int_equal(support_admin_run("user add postgres --org MOE --kind clerk", &output), 1);
	free(output);
	assert_int_equal(support_admin_run("", &output), 2);
	free(output);
	assert_int_equal(support_admin_run("--version", &output), 0);
	assert_string_equal(output, "hrmis-admin 0.1.0\n");
	free(output);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reapply_is_noop),
		cmocka_unit_test(changed_migration_is_refused),
		cmocka_unit_test(fresh_database_migrates_once),
		cmocka_unit_test(user_add_makes_a_working_login),
		cmocka_unit_test(user_add_rejects_bad_input),
	};

	return cmocka_run_group_tests_name("db_migrate", tests, NULL, NULL);
}
