/* support.c - connections and statement checks for the db tests. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "xalloc.h"

static const char *env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);

	return value != NULL && value[0] != '\0' ? value : fallback;
}

const char *support_dir(void)
{
	return env_or("HRMIS_DEVDB_DIR", ".devdb");
}

const char *support_port(void)
{
	return env_or("HRMIS_DEVDB_PORT", "54329");
}

const char *support_root(void)
{
	return env_or("HRMIS_ROOT", ".");
}

const char *support_admin(void)
{
	static char path[4096];
	const char *admin = getenv("HRMIS_ADMIN");

	if (admin != NULL && admin[0] != '\0')
		return admin;
	snprintf(path, sizeof path, "%s/build/hrmis-admin", support_root());
	return path;
}

/* Name of the superuser, as written by devdb.sh (static buffer). */
static const char *superuser(void)
{
	static char name[128];
	char *path = xasprintf("%s/superuser", support_dir());
	FILE *f = fopen(path, "r");

	free(path);
	name[0] = '\0';
	if (f != NULL) {
		if (fgets(name, sizeof name, f) == NULL)
			name[0] = '\0';
		fclose(f);
	}
	name[strcspn(name, "\n")] = '\0';
	if (name[0] == '\0')
		snprintf(name, sizeof name, "postgres");
	return name;
}

char *support_conninfo(const char *login, const char *cert_login, const char *extra)
{
	const char *dir = support_dir();
	char *certs = cert_login ? xasprintf("sslcert=%s/tls/%s.crt sslkey=%s/tls/%s.key", dir,
	                                     cert_login, dir, cert_login)
	                         : xasprintf("sslcert=%s/tls/no-such.crt sslkey=%s/tls/no-such.key",
	                                     dir, dir);
	char *conninfo =
	        xasprintf("host=localhost port=%s dbname=hrmis user=%s sslmode=verify-full "
	                  "sslrootcert=%s/tls/ca.crt %s connect_timeout=10 %s",
	                  support_port(), login, dir, certs, extra ? extra : "");

	free(certs);
	return conninfo;
}

static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *connect_or_fail(const char *conninfo, const char *who)
{
	PGconn *conn = PQconnectdb(conninfo);

	if (PQstatus(conn) != CONNECTION_OK) {
		print_error("cannot connect as %s: %s", who, PQerrorMessage(conn));
		PQfinish(conn);
		fail();
	}
	PQsetNoticeProcessor(conn, quiet_notice, NULL);
	return conn;
}

PGconn *support_connect(const char *login)
{
	char *conninfo = support_conninfo(login, login, NULL);
	PGconn *conn = connect_or_fail(conninfo, login);

	free(conninfo);
	return conn;
}

PGconn *support_connect_superuser(void)
{
	char *conninfo = xasprintf("host=%s/run port=%s dbname=hrmis user=%s sslmode=disable",
	                           support_dir(), support_port(), superuser());
	PGconn *conn = connect_or_fail(conninfo, "superuser");

	free(conninfo);
	return conn;
}

int support_try_connect(const char *conninfo, const char **message)
{
	static char reason[1024];
	PGconn *conn = PQconnectdb(conninfo);
	int ok = PQstatus(conn) == CONNECTION_OK;

	snprintf(reason, sizeof reason, "%s", PQerrorMessage(conn));
	if (message != NULL)
		*message = reason;
	PQfinish(conn);
	return ok;
}

PGresult *support_ok_params(PGconn *conn, const char *sql, int n, const char *const *params)
{
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		print_error("statement failed: %s\n  %s", sql, PQresultErrorMessage(res));
		PQclear(res);
		fail();
	}
	return res;
}

PGresult *support_ok(PGconn *conn, const char *sql)
{
	return support_ok_params(conn, sql, 0, NULL);
}

char *support_sqlstate(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	char *copy = xstrdup(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK ? "00000"
	                     : state != NULL                                 ? state
	                                                                     : "?????");

	PQclear(res);
	return copy;
}

void support_fails(PGconn *conn, const char *sql, const char *sqlstate)
{
	char *state = support_sqlstate(conn, sql);

	if (strcmp(state, sqlstate) != 0) {
		print_error("expected SQLSTATE %s, got %s for: %s\n", sqlstate, state, sql);
		free(state);
		fail();
	}
	free(state);
}

char *support_text(PGconn *conn, const char *sql)
{
	PGresult *res = support_ok(conn, sql);
	char *value = NULL;

	if (PQntuples(res) != 1 || PQnfields(res) != 1) {
		print_error("expected one value from: %s (got %d rows)\n", sql, PQntuples(res));
		PQclear(res);
		fail();
	}
	if (!PQgetisnull(res, 0, 0))
		value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

long support_long(PGconn *conn, const char *sql)
{
	char *text = support_text(conn, sql);
	long value = text ? strtol(text, NULL, 10) : 0;

	free(text);
	return value;
}

int support_run(const char *command, char **output)
{
	char *line = xasprintf("%s 2>&1", command);
	FILE *pipe = popen(line, "r");
	char *text = NULL;
	size_t len = 0, n;
	int status;

	free(line);
	if (pipe == NULL)
		return -1;
	text = xmalloc(4097);
	while ((n = fread(text + len, 1, 4096, pipe)) > 0) {
		len += n;
		text = xrealloc(text, len + 4097);
	}
	text[len] = '\0';
	status = pclose(pipe);
	if (output != NULL)
		*output = text;
	else
		free(text);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

long support_run_long(const char *command)
{
	char *output = NULL;
	long value;

	assert_int_equal(support_run(command, &output), 0);
	value = strtol(output, NULL, 10);
	free(output);
	return value;
}

char *support_admin_env(void)
{
	return xasprintf("PGHOST='%s/run' PGPORT=%s PGUSER=%s PGDATABASE=hrmis PGSSLMODE=disable",
	                 support_dir(), support_port(), superuser());
}

int support_admin_run(const char *args, char **output)
{
	char *env = support_admin_env();
	char *command = xasprintf("%s '%s' %s", env, support_admin(), args);
	int code = support_run(command, output);

	free(command);
	free(env);
	return code;
}

char *support_vformat(const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *sql, probe[1];

	if (fmt == NULL) /* never; keeps -Wformat-truncation quiet at -O1 */
		fmt = "";
	va_copy(copy, ap);
	n = vsnprintf(probe, sizeof probe, fmt, copy);
	va_end(copy);
	sql = xmalloc((size_t)n + 1);
	vsnprintf(sql, (size_t)n + 1, fmt, ap);
	return sql;
}

long support_sql_long(PGconn *conn, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	long value;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	value = support_long(conn, sql);
	free(sql);
	return value;
}

char *support_sql_text(PGconn *conn, const char *fmt, ...)
{
	va_list ap;
	char *sql, *value;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	value = support_text(conn, sql);
	free(sql);
	return value;
}

long support_sql_run(PGconn *conn, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	PGresult *res;
	long rows;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	res = support_ok(conn, sql);
	rows = strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	free(sql);
	return rows;
}

char *support_sql_refused(PGconn *conn, const char *state, const char *fmt, ...)
{
	va_list ap;
	char *sql, *message;
	PGresult *res;
	const char *got;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	res = PQexec(conn, sql);
	got = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (got == NULL || strcmp(got, state) != 0) {
		print_error("expected SQLSTATE %s, got %s (%s) for: %s\n", state,
		            got ? got : "success", PQresultErrorMessage(res), sql);
		PQclear(res);
		free(sql);
		fail();
	}
	message = xstrdup(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	PQclear(res);
	free(sql);
	return message;
}

void support_assert_contains(const char *haystack, const char *needle)
{
	if (haystack == NULL || strstr(haystack, needle) == NULL) {
		print_error("\"%s\" does not contain \"%s\"\n", haystack ? haystack : "(null)",
		            needle);
		fail();
	}
}

char *support_try_params(PGconn *conn, char **value, const char *sql, int n,
                         const char *const *params)
{
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	char *error = NULL;

	if (value != NULL)
		*value = NULL;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

		error = xasprintf("%s %s", state ? state : "?????",
		                  message ? message : PQerrorMessage(conn));
	} else if (value != NULL && PQntuples(res) > 0 && PQnfields(res) > 0 &&
	           !PQgetisnull(res, 0, 0)) {
		*value = xstrdup(PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return error;
}

char *support_sql_try(PGconn *conn, char **value, const char *fmt, ...)
{
	va_list ap;
	char *sql, *error;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	error = support_try_params(conn, value, sql, 0, NULL);
	free(sql);
	return error;
}

bool support_case(struct support_cases *cases, const char *name, const char *expected,
                  const char *got, bool ok)
{
	cases->run++;
	if (!ok) {
		cases->failed++;
		print_error("%s: \"%s\" expected \"%s\" got \"%s\"\n", cases->table, name,
		            expected ? expected : "(null)", got ? got : "(null)");
	}
	return ok;
}

bool support_case_equal(struct support_cases *cases, const char *name, const char *expected,
                        const char *got)
{
	bool same = expected == NULL || got == NULL ? expected == got : strcmp(expected, got) == 0;

	return support_case(cases, name, expected, got, same);
}

void support_cases_end(const struct support_cases *cases)
{
	if (cases->failed > 0) {
		print_error("%s: %d of %d cases failed\n", cases->table, cases->failed, cases->run);
		fail();
	}
}
