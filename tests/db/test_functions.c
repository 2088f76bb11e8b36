/*
 * test_functions.c - the function files of db/functions/: a fresh migrate
 * leaves exactly their definitions (applying every file again changes no
 * function, owner, privilege or setting), every function a migration from
 * 012 on creates lives in one, each file sets the owner and privileges of
 * what it creates, and hrmis-admin applies each once, again
 * when its text changes, never when it does not, and lists them in
 * "migrate status".
 */
#include <glob.h>
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

/* Every function of the project's schemas, one row each. */
#define FUNCTIONS_SQL                                                                           \
	"SELECT p.oid::regprocedure::text AS signature, pg_get_userbyid(p.proowner) AS owner, " \
	"(SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(p.proacl) a) AS acl, "   \
	"p.prosecdef AS definer, p.proconfig::text AS config, "                                 \
	"pg_get_functiondef(p.oid) AS definition "                                              \
	"FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "   \
	"WHERE n.nspname IN ('hr', 'admin', 'audit', 'work')"

/* The migrations from this one on keep their functions in function files. */
#define FIRST_MIGRATION_WITHOUT_FUNCTIONS "012"

/* A new empty database (dropped by drop_database); its name in `name`. */
static PGconn *create_database(PGconn *super, char *name, size_t size)
{
	static int serial;
	char *conninfo;
	PGconn *conn;

	snprintf(name, size, "hrmis_fntest_%ld_%d", (long)getpid(), ++serial);
	support_sql_run(super, "CREATE DATABASE %s", name);
	conninfo = xasprintf("host=%s/run port=%s dbname=%s user=%s", support_dir(), support_port(),
	                     name, PQuser(super));
	conn = PQconnectdb(conninfo);
	free(conninfo);
	assert_int_equal(PQstatus(conn), CONNECTION_OK);
	return conn;
}

static void drop_database(PGconn *super, PGconn **conn, const char *name)
{
	PQfinish(*conn);
	*conn = NULL;
	support_sql_run(super, "DROP DATABASE %s", name);
}

/* Runs a shell command that must succeed. */
static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void run(const char *fmt, ...)
{
	va_list ap;
	char *command, *output = NULL;

	va_start(ap, fmt);
	command = support_vformat(fmt, ap);
	va_end(ap);
	if (support_run(command, &output) != 0) {
		print_error("%s failed: %s\n", command, output);
		fail();
	}
	free(output);
	free(command);
}

/* The text of the migrations named `from` and later, joined. */
static char *migrations_text(const char *from)
{
	char *path = xasprintf("%s/db/[0-9]*.sql", support_root()), *text = xstrdup("");
	glob_t found;

	assert_int_equal(glob(path, 0, NULL, &found), 0);
	for (size_t i = 0; i < found.gl_pathc; i++) {
		char *command, *output = NULL, *joined;

		if (strcmp(strrchr(found.gl_pathv[i], '/') + 1, from) < 0)
			continue;
		command = xasprintf("cat '%s'", found.gl_pathv[i]);
		assert_int_equal(support_run(command, &output), 0);
		joined = xasprintf("%s\n%s", text, output);
		free(text);
		free(output);
		free(command);
		text = joined;
	}
	globfree(&found);
	free(path);
	return text;
}

/* The text of every function file, joined. */
static char *function_files_text(void)
{
	char *command =
	        xasprintf("find '%s/db/functions' -name '*.sql' -exec cat {} +", support_root());
	char *output = NULL;

	assert_int_equal(support_run(command, &output), 0);
	free(command);
	return output;
}

static long function_files(void)
{
	char *command = xasprintf("find '%s/db/functions' -name '*.sql' | wc -l", support_root());
	long count = support_run_long(command);

	free(command);
	return count;
}

/* Lines of `text` that contain `needle`. */
static long count_lines(const char *text, const char *needle)
{
	long n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		if (p == text || p[-1] == '\n')
			n++;
	return n;
}

/* The last place `needle` stands in `text` (NULL: nowhere). */
static const char *last(const char *text, const char *needle)
{
	const char *found = NULL;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		found = p;
	return found;
}

static void fresh_migrate_leaves_the_files_definitions(void **unused)
{
	PGconn *super = support_connect_superuser(), *fresh;
	char name[64], *args, *output = NULL, *changed;

	(void)unused;
	fresh = create_database(super, name, sizeof name);
	args = xasprintf("--db 'dbname=%s' migrate", name);
	assert_int_equal(support_admin_run(args, &output), 0);
	assert_int_equal(count_lines(output, "applied functions/"), function_files());
	free(output);
	assert_int_equal(support_long(fresh, "SELECT count(*) FROM public.schema_function"),
	                 function_files());
	PQclear(support_ok(fresh, "CREATE TABLE public.fn_before AS " FUNCTIONS_SQL));
	/* Every file again, as on a database that never had them recorded. */
	PQclear(support_ok(fresh, "DELETE FROM public.schema_function"));
	assert_int_equal(support_admin_run(args, &output), 0);
	assert_int_equal(count_lines(output, "applied functions/"), function_files());
	free(output);
	changed = support_text(fresh, "SELECT string_agg(signature, ', ' ORDER BY signature) FROM ("
	                              "(SELECT * FROM public.fn_before EXCEPT " FUNCTIONS_SQL ") "
	                              "UNION (" FUNCTIONS_SQL
	                              " EXCEPT SELECT * FROM public.fn_before)) d");
	if (changed != NULL) {
		print_error("applying the function files again changed: %s\n", changed);
		fail();
	}
	free(args);
	drop_database(super, &fresh, name);
	PQfinish(super);
}

static void migrations_keep_no_function_of_their_own(void **unused)
{
	PGconn *super = support_connect_superuser();
	char *migrations = migrations_text(FIRST_MIGRATION_WITHOUT_FUNCTIONS);
	char *functions = function_files_text();
	const char *params[] = { migrations, functions };
	PGresult *res;

	(void)unused;
	/* A function a migration creates is still there and no file defines it. */
	res = support_ok_params(
	        super,
	        "SELECT string_agg(DISTINCT m[1], ', ') FROM "
	        "regexp_matches($1, 'CREATE (?:OR REPLACE )?FUNCTION ([a-z_]+\\.[a-z_0-9]+)\\(', "
	        "'g') m "
	        "WHERE m[1] NOT IN (SELECT f[1] FROM regexp_matches($2, "
	        "  'CREATE OR REPLACE FUNCTION ([a-z_]+\\.[a-z_0-9]+)\\(', 'g') f) "
	        "AND EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n "
	        "  ON n.oid = p.pronamespace WHERE n.nspname || '.' || p.proname = m[1])",
	        2, params);
	if (!PQgetisnull(res, 0, 0)) {
		print_error("defined by a migration, in no function file: %s\n",
		            PQgetvalue(res, 0, 0));
		fail();
	}
	PQclear(res);
	/* A file runs again: it only ever creates with OR REPLACE. */
	res = support_ok_params(super,
	                        "SELECT string_agg(m[1], ', ') FROM regexp_matches($1::text, "
	                        "'CREATE FUNCTION\\s+([a-z_]+\\.[a-z_0-9]+)', 'g') m",
	                        1, params + 1);
	if (!PQgetisnull(res, 0, 0)) {
		print_error("CREATE FUNCTION without OR REPLACE in a function file: %s\n",
		            PQgetvalue(res, 0, 0));
		fail();
	}
	PQclear(res);
	free(migrations);
	free(functions);
	PQfinish(super);
}

/* A file's applied_at, as text. */
static char *applied_at(PGconn *conn, const char *path)
{
	return support_sql_text(
	        conn, "SELECT applied_at::text FROM public.schema_function WHERE path = '%s'",
	        path);
}

static void changed_files_are_applied_again(void **unused)
{
	PGconn *super = support_connect_superuser(), *fresh;
	char dir[] = "/tmp/hrmis-functions-XXXXXX";
	char name[64], *migrate, *status, *output = NULL, *cancel_at, *text_at, *at;

	(void)unused;
	assert_non_null(mkdtemp(dir));
	run("cp -R '%s/db/.' '%s/'", support_root(), dir);
	fresh = create_database(super, name, sizeof name);
	migrate = xasprintf("--db 'dbname=%s' migrate --dir '%s'", name, dir);
	status = xasprintf("--db 'dbname=%s' migrate status --dir '%s'", name, dir);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output, "pending  functions/orders/cancel.sql\n");
	free(output);
	/* Every migration first, then the function files. */
	assert_int_equal(support_admin_run(migrate, &output), 0);
	support_assert_contains(output, "applied functions/orders/cancel.sql\n");
	assert_true(strstr(output, "applied functions/") > last(output, "applied 0"));
	assert_int_equal(count_lines(output, "applied functions/"), function_files());
	free(output);

	/* Unchanged: nothing runs again. */
	cancel_at = applied_at(fresh, "functions/orders/cancel.sql");
	text_at = applied_at(fresh, "functions/orders/text.sql");
	assert_int_equal(support_admin_run(migrate, &output), 0);
	assert_null(strstr(output, "applied"));
	free(output);
	at = applied_at(fresh, "functions/orders/cancel.sql");
	assert_string_equal(at, cancel_at);
	free(at);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output, "applied  functions/orders/cancel.sql  ");
	assert_null(strstr(output, "pending"));
	assert_null(strstr(output, "changed"));
	free(output);

	/* Changed: listed, then applied again, and only it. */
	run("sed -i 's/only a signed order can be cancelled/only a signed order is cancelled/' "
	    "'%s/functions/orders/cancel.sql'",
	    dir);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output, "changed  functions/orders/cancel.sql  (applied ");
	free(output);
	assert_int_equal(support_admin_run(migrate, &output), 0);
	assert_string_equal(output, "re-applied functions/orders/cancel.sql (changed)\n");
	free(output);
	assert_true(support_long(fresh,
	                         "SELECT count(*) FROM pg_catalog.pg_proc "
	                         "WHERE proname = 'order_cancel_problems' "
	                         "AND prosrc LIKE '%only a signed order is cancelled%'") == 1);
	at = applied_at(fresh, "functions/orders/cancel.sql");
	assert_string_not_equal(at, cancel_at);
	free(at);
	at = applied_at(fresh, "functions/orders/text.sql");
	assert_string_equal(at, text_at);
	free(at);

	/* A new file is applied; one that went is listed as unknown. */
	run("mkdir '%s/functions/extra' && printf '%%s\\n' 'CREATE OR REPLACE FUNCTION "
	    "public.fntest_one() RETURNS int LANGUAGE sql AS $$SELECT 1$$;' "
	    ">'%s/functions/extra/one.sql'",
	    dir, dir);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output, "pending  functions/extra/one.sql\n");
	free(output);
	assert_int_equal(support_admin_run(migrate, &output), 0);
	assert_string_equal(output, "applied functions/extra/one.sql\n");
	free(output);
	assert_int_equal(support_long(fresh, "SELECT public.fntest_one()"), 1);
	run("rm -r '%s/functions/extra'", dir);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output,
	                        "unknown  functions/extra/one.sql (applied, no such file)\n");
	free(output);

	/* A file that fails stops the run, names itself and is not recorded. */
	run("printf '%%s\\n' 'SELECT no_such_function();' >'%s/functions/orders/zz_broken.sql'",
	    dir);
	assert_int_equal(support_admin_run(migrate, &output), 1);
	support_assert_contains(output, "function file functions/orders/zz_broken.sql");
	free(output);
	assert_int_equal(support_long(fresh, "SELECT count(*) FROM public.schema_function "
	                                     "WHERE path = 'functions/orders/zz_broken.sql'"),
	                 0);
	assert_int_equal(support_admin_run(status, &output), 0);
	support_assert_contains(output, "pending  functions/orders/zz_broken.sql\n");
	free(output);

	/* The files of one run go in together: a changed file beside a broken
	 * one is not applied either (a dispatcher never meets a missing kind). */
	run("sed -i 's/only a signed order is cancelled/only a signed order can be cancelled/' "
	    "'%s/functions/orders/cancel.sql'",
	    dir);
	assert_int_equal(support_admin_run(migrate, &output), 1);
	free(output);
	assert_true(support_long(fresh,
	                         "SELECT count(*) FROM pg_catalog.pg_proc "
	                         "WHERE proname = 'order_cancel_problems' "
	                         "AND prosrc LIKE '%only a signed order is cancelled%'") == 1);
	run("rm '%s/functions/orders/zz_broken.sql'", dir);
	assert_int_equal(support_admin_run(migrate, &output), 0);
	assert_string_equal(output, "re-applied functions/orders/cancel.sql (changed)\n");
	free(output);

	free(cancel_at);
	free(text_at);
	free(migrate);
	free(status);
	run("rm -rf '%s'", dir);
	drop_database(super, &fresh, name);
	PQfinish(super);
}

/* Every function file, one path a line (caller frees). */
static char *function_file_list(void)
{
	char *command = xasprintf("find '%s/db/functions' -name '*.sql' | sort", support_root());
	char *output = NULL;

	assert_int_equal(support_run(command, &output), 0);
	free(command);
	return output;
}

static void every_file_asserts_owner_and_privileges(void **unused)
{
	PGconn *super = support_connect_superuser();
	char *list = function_file_list(), *save = NULL;

	(void)unused;
	for (char *path = strtok_r(list, "\n", &save); path != NULL;
	     path = strtok_r(NULL, "\n", &save)) {
		char *command = xasprintf("cat '%s'", path), *text = NULL;
		const char *params[1];
		PGresult *res;

		assert_int_equal(support_run(command, &text), 0);
		params[0] = text;
		/* Created here: owned, and revoked from PUBLIC, here too. */
		res = support_ok_params(
		        super,
		        "WITH created AS (SELECT DISTINCT m[1] AS f FROM regexp_matches($1::text, "
		        "  'CREATE OR REPLACE FUNCTION ([a-z_]+\\.[a-z_0-9]+)\\(', 'g') m), "
		        "owned AS (SELECT m[1] AS f FROM regexp_matches($1::text, "
		        "  'ALTER FUNCTION\\s+([a-z_]+\\.[a-z_0-9]+)\\([^;]*OWNER TO', 'g') m), "
		        "revoked AS (SELECT n[1] AS f FROM regexp_matches($1::text, "
		        "  'REVOKE ALL ON FUNCTION\\s+([^;]*)\\s+FROM PUBLIC', 'g') r, "
		        "  regexp_matches(r[1], '([a-z_]+\\.[a-z_0-9]+)\\(', 'g') n) "
		        "SELECT string_agg(f, ', ' ORDER BY f) FROM created "
		        "WHERE f NOT IN (SELECT f FROM owned) OR f NOT IN (SELECT f FROM revoked)",
		        1, params);
		if (!PQgetisnull(res, 0, 0)) {
			print_error("%s: no ALTER FUNCTION ... OWNER TO or REVOKE ... FROM PUBLIC "
			            "for %s\n",
			            path, PQgetvalue(res, 0, 0));
			fail();
		}
		PQclear(res);
		free(text);
		free(command);
	}
	free(list);
	PQfinish(super);
}

/*
 * A migration that needs a table a session holds (a transaction left open
 * on it) waits a few seconds, then fails and says so, instead of making
 * every session of every organisation queue behind it; once the table is
 * free the same run goes through.
 */
static void a_table_in_use_fails_the_run_quickly(void **unused)
{
	PGconn *super = support_connect_superuser(), *fresh, *holder;
	char dir[] = "/tmp/hrmis-functions-XXXXXX";
	char name[64], *migrate, *output = NULL, *conninfo;

	(void)unused;
	assert_non_null(mkdtemp(dir));
	run("cp -R '%s/db/.' '%s/'", support_root(), dir);
	fresh = create_database(super, name, sizeof name);
	migrate = xasprintf("--db 'dbname=%s' migrate --dir '%s'", name, dir);
	assert_int_equal(support_admin_run(migrate, &output), 0);
	free(output);
	conninfo = xasprintf("host=%s/run port=%s dbname=%s user=%s", support_dir(), support_port(),
	                     name, PQuser(super));
	holder = PQconnectdb(conninfo);
	free(conninfo);
	assert_int_equal(PQstatus(holder), CONNECTION_OK);
	support_sql_run(holder, "BEGIN");
	assert_int_equal(support_sql_long(holder, "SELECT count(*) FROM hr.leave_type") > 0, 1);
	run("printf '%%s\\n' 'ALTER TABLE hr.leave_type ADD COLUMN zz_test int;' "
	    ">'%s/999_zz_lock_test.sql'",
	    dir);
	assert_int_equal(support_admin_run(migrate, &output), 1);
	support_assert_contains(output, "999_zz_lock_test.sql");
	support_assert_contains(output, "lock timeout");
	free(output);
	support_sql_run(holder, "COMMIT");
	assert_int_equal(support_admin_run(migrate, &output), 0);
	support_assert_contains(output, "applied 999_zz_lock_test.sql");
	free(output);
	PQfinish(holder);
	free(migrate);
	run("rm -rf '%s'", dir);
	drop_database(super, &fresh, name);
	PQfinish(super);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fresh_migrate_leaves_the_files_definitions),
		cmocka_unit_test(migrations_keep_no_function_of_their_own),
		cmocka_unit_test(every_file_asserts_owner_and_privileges),
		cmocka_unit_test(changed_files_are_applied_again),
		cmocka_unit_test(a_table_in_use_fails_the_run_quickly),
	};

	return cmocka_run_group_tests_name("db_functions", tests, NULL, NULL);
}
