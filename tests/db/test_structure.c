/*
 * test_structure.c - dated structure and the staffing table as the logins
 * see them: over-staffing refused on a single connection and between two
 * (superuser) connections racing for the last rate; fewer rates refused
 * while people hold them; a merge moves people without a gap or an
 * overlap; a move keeps ids and versions; "as of" reads the old names and
 * parents; a staffing batch previews what it changes and whom it affects
 * and applies as one transaction; ministry and agency change nothing; one
 * organisation's clerk cannot touch another's structure.
 *
 * Each test builds its own departments, positions and people as the clerk
 * of MOE inside a transaction that is rolled back; only the race needs
 * committed rows, which it removes again as the superuser.  Employment and
 * assignments are written only by signed orders (012_orders.sql), so the
 * fixtures write them as the superuser in the same transaction (see
 * connect_clerk()); the over-staffing trigger and the constraints on them
 * run for the superuser too, and everything else is done as the clerk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "structure.h"
#include "support.h"
#include "xalloc.h"

static PGconn *super;
static long moe;

static void vrun(PGconn *conn, const char *fmt, va_list ap)
{
	char *sql = support_vformat(fmt, ap);

	PQclear(support_ok(conn, sql));
	free(sql);
}

static void run(PGconn *conn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrun(conn, fmt, ap);
	va_end(ap);
}

/*
 * Runs a statement inside a savepoint, expecting SQLSTATE `state`; the
 * transaction goes on afterwards.  Returns the error message (caller frees).
 */
static char *vrefused(PGconn *conn, const char *state, const char *fmt, va_list ap)
{
	char *sql = support_vformat(fmt, ap), *message;
	PGresult *res;
	const char *got;

	PQclear(support_ok(conn, "SAVEPOINT refused"));
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
	PQclear(support_ok(conn, "ROLLBACK TO SAVEPOINT refused"));
	free(sql);
	return message;
}

static char *refused(PGconn *conn, const char *state, const char *fmt, ...)
{
	va_list ap;
	char *message;

	va_start(ap, fmt);
	message = vrefused(conn, state, fmt, ap);
	va_end(ap);
	return message;
}

/* ---- the clerk, and the superuser for what only orders write ---------------------- */

/*
 * A connection acting as clerk_moe: the superuser's, switched with SET
 * SESSION AUTHORIZATION, so that session_user and current_user are the
 * clerk's (its grants, row-level security and hr.visible_orgs() apply) and
 * the same transaction can still write employment and assignments as the
 * superuser (as_superuser()).  The caller PQfinish()es it.
 */
static PGconn *connect_clerk(void)
{
	PGconn *conn = support_connect_superuser();
	char *who;

	PQclear(support_ok(conn, "SET SESSION AUTHORIZATION clerk_moe"));
	who = support_text(conn, "SELECT session_user || ' ' || current_user || ' ' || "
	                         "(SELECT org_code FROM hr.whoami())");
	assert_string_equal(who, "clerk_moe clerk_moe MOE");
	free(who);
	return conn;
}

static void as_superuser(PGconn *conn)
{
	PQclear(support_ok(conn, "RESET SESSION AUTHORIZATION"));
}

static void as_clerk(PGconn *conn)
{
	PQclear(support_ok(conn, "SET SESSION AUTHORIZATION clerk_moe"));
}

/* run() as the superuser on a connect_clerk() connection, which goes on as the clerk. */
static void run_as_superuser(PGconn *conn, const char *fmt, ...)
{
	va_list ap;

	as_superuser(conn);
	va_start(ap, fmt);
	vrun(conn, fmt, ap);
	va_end(ap);
	as_clerk(conn);
}

/* refused() as the superuser on a connect_clerk() connection, which goes on as the clerk. */
static char *refused_as_superuser(PGconn *conn, const char *state, const char *fmt, ...)
{
	va_list ap;
	char *message;

	as_superuser(conn);
	va_start(ap, fmt);
	message = vrefused(conn, state, fmt, ap);
	va_end(ap);
	as_clerk(conn);
	return message;
}

/* ---- fixtures, made as the clerk (employment and assignments as the superuser) ---- */

/* A department of MOE from `from`, under `parent` (0: top); returns its id. */
static long department(PGconn *conn, const char *name, long parent, const char *from)
{
	char parent_text[32] = "NULL";

	if (parent > 0)
		snprintf(parent_text, sizeof parent_text, "%ld", parent);
	return support_sql_long(
	        conn,
	        "INSERT INTO hr.department (org_id, parent_id, code, name, valid_from) "
	        "VALUES (%ld, %s, 'T%d-' || left(md5('%s'), 8), '%s', '%s') RETURNING id",
	        moe, parent_text, (int)getpid(), name, name, from);
}

static long position(PGconn *conn, long dept, const char *title, const char *grade,
                     const char *rates, const char *from)
{
	return support_sql_long(
	        conn,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
	        "VALUES (%ld, %ld, '%s', '%s', %s, '%s') RETURNING id",
	        moe, dept, title, grade, rates, from);
}

/*
 * A person of MOE with an employment from 2019 (the person as the clerk,
 * the employment as the superuser, on a connect_clerk() connection);
 * returns the employment id.
 */
static long employee(PGconn *conn, const char *surname)
{
	long person = support_sql_long(conn,
	                               "INSERT INTO hr.person (org_id, last_name, first_name) "
	                               "VALUES (%ld, '%s', 'Tessa') RETURNING id",
	                               moe, surname);
	long employment;

	as_superuser(conn);
	employment = support_sql_long(
	        conn,
	        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	        "VALUES (%ld, %ld, 'TS-%ld', '2019-01-02') RETURNING id",
	        moe, person, person);
	as_clerk(conn);
	return employment;
}

static const char assign_sql[] =
        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
        "VALUES (%ld, %ld, %ld, %s, '%s') RETURNING id";

/* An assignment written as the superuser on a connect_clerk() connection; returns its id. */
static long assign(PGconn *conn, long employment, long pos, const char *rate, const char *during)
{
	long id;

	as_superuser(conn);
	id = support_sql_long(conn, assign_sql, moe, employment, pos, rate, during);
	as_clerk(conn);
	return id;
}

/* ---- over-staffing ------------------------------------------------------------------ */

static void exceeding_rates_refused(void **unused)
{
	PGconn *clerk = connect_clerk();
	long dept, pos, a, b, c;
	char *msg;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	dept = department(clerk, "Rates Unit", 0, "2020-01-01");
	pos = position(clerk, dept, "Rates Analyst", "B1", "1.5", "2020-01-01");
	a = employee(clerk, "Alderova");
	b = employee(clerk, "Brenova");
	c = employee(clerk, "Cirova");
	assign(clerk, a, pos, "1", "[2024-01-01,)");
	/* 1 + 1 on 1.5 rates from 01.03.2024: refused, naming the day. */
	msg = refused_as_superuser(clerk, "23514", assign_sql, moe, b, pos, "1",
	                           "[2024-03-01,2024-04-01)");
	support_assert_contains(msg, "Rates Analyst");
	support_assert_contains(msg, "01.03.2024");
	support_assert_contains(msg, "1.50 rates");
	free(msg);
	/* Half a rate fits; another half does not, even for one day. */
	assign(clerk, b, pos, "0.5", "[2024-03-01,2024-04-01)");
	msg = refused_as_superuser(clerk, "23514", assign_sql, moe, c, pos, "0.5",
	                           "[2024-03-31,2024-03-31]");
	support_assert_contains(msg, "31.03.2024");
	free(msg);
	/* The day after b leaves, c fits: the check is per day. */
	assign(clerk, c, pos, "0.5", "[2024-04-01,)");
	/* Raising a rate in place is checked too; lowering is not refused. */
	free(refused_as_superuser(
	        clerk, "23514", "UPDATE hr.assignment SET rate = 1 WHERE employment_id = %ld", c));
	run_as_superuser(clerk, "UPDATE hr.assignment SET rate = 0.25 WHERE employment_id = %ld",
	                 c);
	/* Before the position exists nobody can hold it. */
	msg = refused_as_superuser(clerk, "23514", assign_sql, moe, b, pos, "0.5",
	                           "[2019-06-01,2019-07-01)");
	support_assert_contains(msg, "does not exist on 01.06.2019");
	free(msg);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.assignment WHERE position_id = %ld", pos),
	        3);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

/* Waits up to `ms` for a sent statement to finish; true when it did. */
static bool finished_within(PGconn *conn, int ms)
{
	for (int waited = 0; waited < ms; waited += 20) {
		if (!PQconsumeInput(conn))
			return true;
		if (!PQisBusy(conn))
			return true;
		usleep(20000);
	}
	return false;
}

static void last_rate_race_has_one_winner(void **unused)
{
	PGconn *clerk = connect_clerk();
	/* Only orders write assignments: two superuser connections race for the rate. */
	PGconn *first = support_connect_superuser(), *second = support_connect_superuser();
	long dept, pos, a, b, c;
	PGresult *res;
	char *sql;

	(void)unused;
	/* Committed fixture: both connections must see the position. */
	dept = department(clerk, "Race Unit", 0, "2020-01-01");
	pos = position(clerk, dept, "Race Clerk", "C1", "1", "2020-01-01");
	a = employee(clerk, "Racova");
	b = employee(clerk, "Runova");
	c = employee(clerk, "Rivalova");
	assign(clerk, a, pos, "0.5", "[2024-01-01,)"); /* half a rate left */

	PQclear(support_ok(first, "BEGIN"));
	PQclear(support_ok(second, "BEGIN"));
	run(first, assign_sql, moe, b, pos, "0.5", "[2025-01-01,)");
	/* The second asks for the same last half rate, for someone else, while
	 * the first is open. */
	sql = xasprintf(assign_sql, moe, c, pos, "0.5", "[2025-02-01,2025-03-01)");
	assert_int_equal(PQsendQuery(second, sql), 1);
	free(sql);
	/* It waits on the position's lock ... */
	assert_false(finished_within(second, 500));
	/* ... until the first commits; then it sees the rate taken. */
	PQclear(support_ok(first, "COMMIT"));
	assert_true(finished_within(second, 10000));
	res = PQgetResult(second);
	assert_int_equal(PQresultStatus(res), PGRES_FATAL_ERROR);
	assert_string_equal(PQresultErrorField(res, PG_DIAG_SQLSTATE), "23514");
	support_assert_contains(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY), "Race Clerk");
	PQclear(res);
	while ((res = PQgetResult(second)) != NULL)
		PQclear(res);
	PQclear(support_ok(second, "ROLLBACK"));
	/* Exactly one won: a's half and the first's half. */
	assert_int_equal(
	        support_sql_long(super,
	                         "SELECT count(*) FROM hr.assignment WHERE position_id = %ld", pos),
	        2);
	assert_int_equal(
	        support_sql_long(
	                super,
	                "SELECT count(*) FROM hr.position_overfill(%ld, %ld, '[2000-01-01,)')", moe,
	                pos),
	        0);

	/* The same race when the first gives up: the second wins. */
	PQclear(support_ok(first, "BEGIN"));
	run(first,
	    "UPDATE hr.assignment SET during = '[2024-01-01,2024-06-01)' "
	    "WHERE position_id = %ld AND employment_id = %ld",
	    pos, a);
	run(first, assign_sql, moe, a, pos, "0.5", "[2024-06-01,)"); /* takes it back */
	sql = xasprintf("UPDATE hr.assignment SET rate = 0.75 WHERE position_id = %ld "
	                "AND employment_id = %ld",
	                pos, b);
	assert_int_equal(PQsendQuery(second, sql), 1);
	free(sql);
	assert_false(finished_within(second, 300));
	PQclear(support_ok(first, "ROLLBACK"));
	assert_true(finished_within(second, 10000));
	res = PQgetResult(second);
	/* 0.5 + 0.75 > 1: still refused, now because of a's committed half. */
	assert_int_equal(PQresultStatus(res), PGRES_FATAL_ERROR);
	PQclear(res);
	while ((res = PQgetResult(second)) != NULL)
		PQclear(res);

	run(super, "DELETE FROM hr.assignment WHERE position_id = %ld", pos);
	run(super, "DELETE FROM hr.position_version WHERE position_id = %ld", pos);
	run(super, "DELETE FROM hr.position WHERE id = %ld", pos);
	run(super, "DELETE FROM hr.department_version WHERE department_id = %ld", dept);
	run(super, "DELETE FROM hr.department WHERE id = %ld", dept);
	run(super,
	    "DELETE FROM hr.employment WHERE personnel_no LIKE 'TS-%%' AND person_id IN "
	    "(SELECT id FROM hr.person WHERE last_name IN ('Racova', 'Runova', 'Rivalova'))");
	run(super, "DELETE FROM hr.person WHERE last_name IN ('Racova', 'Runova', 'Rivalova')");
	PQfinish(first);
	PQfinish(second);
	PQfinish(clerk);
}

static void fewer_rates_refused_while_people_hold_them(void **unused)
{
	PGconn *clerk = connect_clerk();
	long dept, pos, a, b;
	char *msg;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	dept = department(clerk, "Shrink Unit", 0, "2020-01-01");
	pos = position(clerk, dept, "Shrink Officer", "B2", "2", "2020-01-01");
	a = employee(clerk, "Dorova");
	b = employee(clerk, "Elkova");
	assign(clerk, a, pos, "1", "[2024-01-01,)");
	assign(clerk, b, pos, "1", "[2024-01-01,)");
	msg = refused(clerk, "23514",
	              "SELECT hr.position_change(%ld, '2025-01-01', NULL, NULL, "
	              "NULL, NULL, 1)",
	              pos);
	support_assert_contains(msg, "Shrink Officer");
	support_assert_contains(msg, "Dorova");
	support_assert_contains(msg, "Elkova");
	free(msg);
	/* Editing the version directly is refused the same way. */
	free(refused(clerk, "23514",
	             "UPDATE hr.position_version SET rates = 1.5 WHERE position_id = %ld", pos));
	/* Once Elkova leaves at the end of 2024, one rate from 2025 is fine. */
	run_as_superuser(clerk,
	                 "UPDATE hr.assignment SET during = '[2024-01-01,2025-01-01)' "
	                 "WHERE employment_id = %ld",
	                 b);
	run(clerk, "SELECT hr.position_change(%ld, '2025-01-01', NULL, NULL, NULL, NULL, 1)", pos);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.position_version WHERE position_id = %ld",
	                         pos),
	        2);
	/* The staffing table on either side of the change. */
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (rates * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2024-06-01') WHERE position_id = %ld",
	                                  moe, pos),
	                 200);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (filled * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2024-06-01') WHERE position_id = %ld",
	                                  moe, pos),
	                 200);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (rates * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2025-06-01') WHERE position_id = %ld",
	                                  moe, pos),
	                 100);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (vacant * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2025-06-01') WHERE position_id = %ld",
	                                  moe, pos),
	                 0);
	/* Back in: two people again on one rate is refused. */
	free(refused_as_superuser(clerk, "23514",
	                          "UPDATE hr.assignment SET during = '[2024-01-01,)' "
	                          "WHERE employment_id = %ld",
	                          b));
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

/* ---- reorganisation ----------------------------------------------------------------- */

static void merge_moves_people_without_gap_or_overlap(void **unused)
{
	PGconn *clerk = connect_clerk();
	long from, into, sub, p1, p2, q, x, y, z, w;
	char *name;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	from = department(clerk, "Merged Unit", 0, "2020-01-01");
	into = department(clerk, "Target Unit", 0, "2020-01-01");
	sub = department(clerk, "Merged Sector", from, "2020-01-01");
	p1 = position(clerk, from, "Analyst", "B1", "2", "2020-01-01");
	p2 = position(clerk, from, "Driver", "D1", "1", "2020-01-01");
	q = position(clerk, into, "Analyst", "B1", "1", "2020-01-01");
	x = employee(clerk, "Xenova");
	y = employee(clerk, "Yarova");
	z = employee(clerk, "Zorina");
	w = employee(clerk, "Walova");
	assign(clerk, x, p1, "1", "[2023-01-01,)");
	assign(clerk, y, p1, "1", "[2023-06-01,2026-01-01)");
	assign(clerk, z, p2, "1", "[2024-01-01,)");
	assign(clerk, w, p1, "1", "[2026-01-01,)");            /* begins after the merge */
	assign(clerk, y, q, "0.5", "[2022-01-01,2023-06-01)"); /* history before */

	/* Four assignments move: x, y and z split on the day, w's whole. */
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT count(*) FROM hr.merge_department(%ld, %ld, "
	                                  "'2025-07-01')",
	                                  from, into),
	                 4);

	/* No employment has a gap or an overlap between consecutive assignments. */
	assert_int_equal(
	        support_sql_long(
	                clerk,
	                "SELECT count(*) FROM (SELECT during, lag(during) OVER (PARTITION BY "
	                "employment_id "
	                "  ORDER BY lower(during)) AS prev FROM hr.assignment "
	                "  WHERE employment_id IN (%ld, %ld, %ld, %ld)) s "
	                " WHERE prev IS NOT NULL AND (upper(prev) IS NULL OR upper(prev) <> "
	                "lower(during))",
	                x, y, z, w),
	        0);
	/* Everyone in force on the day before sat in the merged unit, and on the
	 * day itself in the target (the Analysts on q, the Driver on a new one). */
	assert_int_equal(
	        support_sql_long(
	                clerk,
	                "SELECT count(*) FROM hr.assignment a JOIN hr.position_version v "
	                "  ON v.position_id = a.position_id AND v.valid @> date '2025-06-30' "
	                " WHERE a.employment_id IN (%ld, %ld, %ld) AND a.during @> date "
	                "'2025-06-30' AND v.department_id = %ld",
	                x, y, z, from),
	        3);
	assert_int_equal(
	        support_sql_long(
	                clerk,
	                "SELECT count(*) FROM hr.assignment a JOIN hr.position_version v "
	                "  ON v.position_id = a.position_id AND v.valid @> date '2025-07-01' "
	                " WHERE a.employment_id IN (%ld, %ld, %ld) AND a.during @> date "
	                "'2025-07-01' AND v.department_id = %ld",
	                x, y, z, into),
	        3);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.assignment WHERE employment_id IN "
	                         "(%ld, %ld) AND position_id = %ld AND during @> date '2025-07-01'",
	                         x, y, q),
	        2);
	/* w's later assignment moved whole to q. */
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.assignment WHERE employment_id = %ld "
	                         "AND position_id = %ld AND lower(during) = '2026-01-01'",
	                         w, q),
	        1);
	/* q grew by the merged Analysts' rates from the day; the Driver is new in the target. */
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (rates * 100)::int FROM hr.position_version "
	                                  "WHERE position_id = %ld AND valid @> date '2025-07-01'",
	                                  q),
	                 300);
	name = support_sql_text(clerk,
	                        "SELECT title FROM hr.staffing_table(%ld, '2025-07-01') WHERE "
	                        "department_id = %ld AND grade = 'D1'",
	                        moe, into);
	assert_string_equal(name, "Driver");
	free(name);
	/* The merged unit and its positions end the day before; its sector moved. */
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.structure_tree(%ld, '2025-07-01') "
	                         "WHERE department_id = %ld",
	                         moe, from),
	        0);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.structure_tree(%ld, '2025-06-30') "
	                         "WHERE department_id = %ld",
	                         moe, from),
	        1);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.position_version WHERE position_id IN "
	                         "(%ld, %ld) AND upper(valid) > '2025-07-01'",
	                         p1, p2),
	        0);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT parent_id FROM hr.structure_tree(%ld, '2025-07-01') "
	                         "WHERE department_id = %ld",
	                         moe, sub),
	        into);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT parent_id FROM hr.structure_tree(%ld, '2025-06-30') "
	                         "WHERE department_id = %ld",
	                         moe, sub),
	        from);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

static void move_keeps_ids_versions_and_reads_as_of(void **unused)
{
	PGconn *clerk = connect_clerk();
	long c, d, pos, e, assignment;
	char *during_before, *during_after, *name, *msg;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	c = department(clerk, "Upper Unit", 0, "2020-01-01");
	d = department(clerk, "Moving Unit", 0, "2020-01-01");
	pos = position(clerk, d, "Mover", "C2", "1", "2020-01-01");
	e = employee(clerk, "Fomina");
	assignment = assign(clerk, e, pos, "1", "[2024-01-01,)");
	during_before = support_sql_text(
	        clerk, "SELECT during::text FROM hr.assignment WHERE id = %ld", assignment);

	run(clerk, "SELECT hr.move_department(%ld, %ld, '2025-03-01')", d, c);
	/* Same ids; the department has two versions; people and positions untouched. */
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT count(*) FROM hr.department_version "
	                                  "WHERE department_id = %ld",
	                                  d),
	                 2);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.department_version WHERE "
	                         "department_id = %ld AND valid = '[2020-01-01,2025-03-01)' "
	                         "AND parent_id IS NULL",
	                         d),
	        1);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT count(*) FROM hr.department_version WHERE "
	                                  "department_id = %ld AND valid = '[2025-03-01,)' "
	                                  "AND parent_id = %ld",
	                                  d, c),
	                 1);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT count(*) FROM hr.position_version "
	                                  "WHERE position_id = %ld",
	                                  pos),
	                 1);
	during_after = support_sql_text(clerk,
	                                "SELECT during::text || position_id FROM hr.assignment "
	                                "WHERE id = %ld",
	                                assignment);
	name = xasprintf("%s%ld", during_before, pos);
	assert_string_equal(during_after, name);
	free(name);
	free(during_before);
	free(during_after);
	/* A cycle is refused: Upper under its own child. */
	msg = refused(clerk, "23514", "SELECT hr.move_department(%ld, %ld, '2025-04-01')", c, d);
	support_assert_contains(msg, "own sub-department");
	free(msg);
	/* Renamed from 01.05.2025; read as of three days. */
	run(clerk, "SELECT hr.rename_department(%ld, NULL, 'Renamed Unit', '2025-05-01')", d);
	name = support_sql_text(clerk,
	                        "SELECT name || ':' || coalesce(parent_id::text, 'top') FROM "
	                        "hr.structure_tree(%ld, '2025-01-15') WHERE department_id = %ld",
	                        moe, d);
	assert_string_equal(name, "Moving Unit:top");
	free(name);
	name = support_sql_text(
	        clerk,
	        "SELECT name || ':' || depth FROM hr.structure_tree(%ld, '2025-04-30') "
	        "WHERE department_id = %ld AND parent_id = %ld",
	        moe, d, c);
	assert_string_equal(name, "Moving Unit:1");
	free(name);
	name = support_sql_text(clerk,
	                        "SELECT name FROM hr.structure_tree(%ld, '2025-05-01') "
	                        "WHERE department_id = %ld",
	                        moe, d);
	assert_string_equal(name, "Renamed Unit");
	free(name);
	/* The stable row caches the latest version. */
	name = support_sql_text(clerk, "SELECT name FROM hr.department WHERE id = %ld", d);
	assert_string_equal(name, "Renamed Unit");
	free(name);
	assert_int_equal(
	        support_sql_long(clerk, "SELECT parent_id FROM hr.department WHERE id = %ld", d),
	        c);
	/* Closing while Fomina holds its position is refused, naming her. */
	msg = refused(clerk, "23514", "SELECT hr.close_department(%ld, '2025-09-01')", d);
	support_assert_contains(msg, "Fomina");
	free(msg);
	run_as_superuser(
	        clerk, "UPDATE hr.assignment SET during = '[2024-01-01,2025-09-01)' WHERE id = %ld",
	        assignment);
	run(clerk, "SELECT hr.close_department(%ld, '2025-09-01')", d);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.staffing_table(%ld, '2025-09-01') "
	                         "WHERE position_id = %ld",
	                         moe, pos),
	        0);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.staffing_table(%ld, '2025-08-31') "
	                         "WHERE position_id = %ld",
	                         moe, pos),
	        1);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

/* ---- staffing batches ---------------------------------------------------------------- */

static const char stage_sql[] =
        "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, department_id, "
        "title, rates) VALUES (%ld, '%s', '%s', %s, %s, %s, %s)";

static void batch_previews_and_applies_as_one(void **unused)
{
	PGconn *clerk = connect_clerk();
	const char *batch = "6d1f0c2e-5b1a-4c7e-9a51-7f3b9e2d4c10";
	const char *failing = "0e9f8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";
	long dept, later, p1, p2, p3, a, b;
	char ids[4][32], dept_text[32], later_text[32];
	PGresult *res;
	char *msg;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	dept = department(clerk, "Batch Unit", 0, "2020-01-01");
	later = department(clerk, "Future Unit", 0, "2026-01-01");
	p1 = position(clerk, dept, "Economist", "B1", "2", "2020-01-01");
	p2 = position(clerk, dept, "Archivist", "C1", "1", "2020-01-01");
	p3 = position(clerk, dept, "Typist", "D1", "1", "2020-01-01");
	a = employee(clerk, "Gromova");
	b = employee(clerk, "Hanova");
	assign(clerk, a, p1, "1", "[2024-01-01,)");
	assign(clerk, b, p2, "1", "[2024-01-01,)");
	snprintf(ids[1], sizeof ids[1], "%ld", p1);
	snprintf(ids[2], sizeof ids[2], "%ld", p2);
	snprintf(ids[3], sizeof ids[3], "%ld", p3);
	snprintf(dept_text, sizeof dept_text, "%ld", dept);
	snprintf(later_text, sizeof later_text, "%ld", later);
	run(clerk, stage_sql, moe, batch, "add", "NULL", dept_text, "'Statistician'", "1.5");
	run(clerk, stage_sql, moe, batch, "rates", ids[1], "NULL", "NULL", "3");
	run(clerk, stage_sql, moe, batch, "remove", ids[2], "NULL", "NULL", "NULL");
	run(clerk, stage_sql, moe, batch, "rename", ids[3], "NULL", "'Secretary'", "NULL");

	/* The preview: four steps, old and new values, and Hanova, whose position goes. */
	res = support_ok(clerk, "SELECT kind, coalesce(old_value, ''), coalesce(new_value, ''), "
	                        "coalesce(person, ''), coalesce(problem, '') FROM "
	                        "hr.staffing_preview('6d1f0c2e-5b1a-4c7e-9a51-7f3b9e2d4c10', "
	                        "'2025-09-01')");
	assert_int_equal(PQntuples(res), 5);
	assert_string_equal(PQgetvalue(res, 0, 0), "add");
	support_assert_contains(PQgetvalue(res, 0, 2), "Statistician");
	assert_string_equal(PQgetvalue(res, 1, 0), "rates");
	assert_string_equal(PQgetvalue(res, 1, 1), "2.00");
	assert_string_equal(PQgetvalue(res, 1, 2), "3.00");
	assert_string_equal(PQgetvalue(res, 2, 0), "remove");
	assert_string_equal(PQgetvalue(res, 3, 0), "rename");
	support_assert_contains(PQgetvalue(res, 3, 1), "Typist");
	support_assert_contains(PQgetvalue(res, 3, 2), "Secretary");
	assert_string_equal(PQgetvalue(res, 4, 0), "person");
	support_assert_contains(PQgetvalue(res, 4, 3), "Hanova");
	support_assert_contains(PQgetvalue(res, 4, 4), "removed from 01.09.2025");
	PQclear(res);
	/* The same through the client's statement. */
	{
		const char *params[] = { batch, "2025-09-01" };
		res = support_ok_params(clerk, structure_preview_sql, 2, params);
		assert_int_equal(PQntuples(res), 5);
		PQclear(res);
	}
	/* Applying is refused while Hanova would be left without a position. */
	msg = refused(clerk, "23514", "SELECT hr.staffing_apply('%s', '2025-09-01')", batch);
	support_assert_contains(msg, "Hanova");
	free(msg);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.position_version WHERE position_id IN "
	                         "(%ld, %ld, %ld)",
	                         p1, p2, p3),
	        3);
	/* Fewer rates than Gromova holds would list her as well. */
	run(clerk, stage_sql, moe, "7a7a7a7a-0000-4000-8000-000000000001", "rates", ids[1], "NULL",
	    "NULL", "0.5");
	msg = support_sql_text(
	        clerk, "SELECT string_agg(person || ': ' || problem, '; ') FROM "
	               "hr.staffing_preview('7a7a7a7a-0000-4000-8000-000000000001', '2025-09-01') "
	               "WHERE kind = 'person'");
	support_assert_contains(msg, "Gromova");
	support_assert_contains(msg, "fewer than the 1.00 filled");
	free(msg);

	/* Hanova is moved first (her assignment ends 31.08.2025); now it applies. */
	run_as_superuser(clerk,
	                 "UPDATE hr.assignment SET during = '[2024-01-01,2025-09-01)' "
	                 "WHERE employment_id = %ld",
	                 b);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.staffing_preview('%s', '2025-09-01') "
	                         "WHERE kind = 'person'",
	                         batch),
	        0);
	assert_int_equal(
	        support_sql_long(clerk, "SELECT hr.staffing_apply('%s', '2025-09-01')", batch), 4);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (rates * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2025-09-01') WHERE position_id = %ld",
	                                  moe, p1),
	                 300);
	assert_int_equal(support_sql_long(clerk,
	                                  "SELECT (rates * 100)::int FROM hr.staffing_table(%ld, "
	                                  "'2025-08-31') WHERE position_id = %ld",
	                                  moe, p1),
	                 200);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.staffing_table(%ld, '2025-09-01') "
	                         "WHERE position_id = %ld",
	                         moe, p2),
	        0);
	msg = support_sql_text(
	        clerk,
	        "SELECT string_agg(title, ',' ORDER BY title) FROM hr.staffing_table(%ld, "
	        "'2025-09-01') WHERE department_id = %ld AND level = 'position'",
	        moe, dept);
	assert_string_equal(msg, "Economist,Secretary,Statistician");
	free(msg);
	msg = support_sql_text(
	        clerk,
	        "SELECT string_agg(title, ',' ORDER BY title) FROM hr.staffing_table(%ld, "
	        "'2025-08-31') WHERE department_id = %ld AND level = 'position'",
	        moe, dept);
	assert_string_equal(msg, "Archivist,Economist,Typist");
	free(msg);
	/* Figures always carry two decimals, also for a position nobody holds. */
	msg = support_sql_text(
	        clerk,
	        "SELECT rates || ' ' || filled || ' ' || vacant FROM hr.staffing_table(%ld, "
	        "'2025-09-01') WHERE title = 'Statistician'",
	        moe);
	assert_string_equal(msg, "1.50 0.00 1.50");
	free(msg);
	/* The department's total row and the vacancy list follow. */
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT (vacant * 100)::int FROM hr.staffing_table(%ld, "
	                         "'2025-09-01') WHERE department_id = %ld AND level = 'department'",
	                         moe, dept),
	        450); /* 3 - 1 + 1 + 1.5 */
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.vacancies(%ld, '2025-09-01', 'B1', %ld)",
	                         moe, dept),
	        1);
	free(refused(clerk, "55000", "SELECT hr.staffing_apply('%s', '2025-09-01')", batch));
	free(refused(clerk, "55000", "UPDATE hr.staffing_change SET rates = 9 WHERE batch = '%s'",
	             batch));

	/* Steps are checked on the state the batch leaves: Gromova's rate fits
	 * the last of two rates steps, though not the first. */
	run(clerk, stage_sql, moe, "5b5b5b5b-0000-4000-8000-000000000002", "rates", ids[1], "NULL",
	    "NULL", "0.5");
	run(clerk, stage_sql, moe, "5b5b5b5b-0000-4000-8000-000000000002", "rates", ids[1], "NULL",
	    "NULL", "1");
	assert_int_equal(
	        support_sql_long(
	                clerk, "SELECT count(*) FROM hr.staffing_preview('5b5b5b5b-0000-4000-8000-"
	                       "000000000002', '2025-09-15') WHERE problem IS NOT NULL"),
	        0);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT hr.staffing_apply('5b5b5b5b-0000-4000-8000-000000000002', "
	                         "'2025-09-15')"),
	        2);
	assert_int_equal(
	        support_sql_long(
	                clerk,
	                "SELECT (rates * 100)::int FROM hr.position_version WHERE position_id = "
	                "%ld AND valid @> date '2025-09-15'",
	                p1),
	        100);
	/* A batch whose second step fails leaves its first step unapplied. */
	run(clerk, stage_sql, moe, failing, "rates", ids[3], "NULL", "NULL", "2");
	run(clerk,
	    "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, department_id) "
	    "VALUES (%ld, '%s', 'move', %ld, %ld)",
	    moe, failing, p1, later);
	msg = refused(clerk, "23514", "SELECT hr.staffing_apply('%s', '2025-10-01')", failing);
	support_assert_contains(msg, "Future Unit");
	free(msg);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.position_version WHERE position_id = %ld",
	                         p3),
	        2);
	assert_int_equal(
	        support_sql_long(clerk,
	                         "SELECT count(*) FROM hr.staffing_change WHERE batch = '%s' "
	                         "AND applied_on IS NOT NULL",
	                         failing),
	        0);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

/* ---- who may change the structure ------------------------------------------------------ */

static void readers_change_nothing(void **unused)
{
	const char *logins[] = { "ministry_moe", "agency_csa" };
	long dept = support_sql_long(super,
	                             "SELECT min(department_id) FROM hr.department_version WHERE "
	                             "org_id = %ld",
	                             moe);
	long pos = support_sql_long(
	        super, "SELECT min(position_id) FROM hr.position_version WHERE org_id = %ld", moe);

	(void)unused;
	for (size_t i = 0; i < 2; i++) {
		PGconn *conn = support_connect(logins[i]);
		char *sql;

		assert_true(support_sql_long(
		                    conn,
		                    "SELECT count(*) FROM hr.structure_tree(%ld, current_date)",
		                    moe) > 0);
		sql = xasprintf("INSERT INTO hr.department_version (org_id, department_id, valid, "
		                "code, name) VALUES (%ld, %ld, '[2090-01-01,)', 'X', 'X')",
		                moe, dept);
		support_fails(conn, sql, "42501");
		free(sql);
		support_fails(conn, "UPDATE hr.position_version SET rates = 99", "42501");
		support_fails(conn, "UPDATE hr.department_version SET name = 'X'", "42501");
		support_fails(conn, "DELETE FROM hr.position_version", "42501");
		sql = xasprintf("SELECT hr.move_department(%ld, NULL, '2090-01-01')", dept);
		support_fails(conn, sql, "42501");
		free(sql);
		sql = xasprintf(
		        "SELECT hr.position_change(%ld, '2090-01-01', NULL, NULL, NULL, NULL, 9)",
		        pos);
		support_fails(conn, sql, "42501");
		free(sql);
		support_fails(conn, "SELECT hr.staffing_apply(gen_random_uuid(), '2090-01-01')",
		              "42501");
		sql = xasprintf("INSERT INTO hr.staffing_change (org_id, batch, kind, position_id) "
		                "VALUES (%ld, gen_random_uuid(), 'remove', %ld)",
		                moe, pos);
		support_fails(conn, sql, "42501");
		free(sql);
		support_fails(conn, "UPDATE hr.position SET version = 1", "42501");
		PQfinish(conn);
	}
	/* The ministry reads the staffing table of its organisations; the agency does not. */
	{
		PGconn *ministry = support_connect("ministry_moe"),
		       *agency = support_connect("agency_csa");

		assert_true(support_sql_long(
		                    ministry,
		                    "SELECT count(*) FROM hr.staffing_table(%ld, current_date)",
		                    moe) > 0);
		assert_int_equal(
		        support_sql_long(ministry,
		                         "SELECT count(*) FROM hr.staffing_by_org(current_date)"),
		        3);
		char *sql =
		        xasprintf("SELECT count(*) FROM hr.staffing_table(%ld, current_date)", moe);
		support_fails(agency, sql, "42501");
		free(sql);
		PQfinish(ministry);
		PQfinish(agency);
	}
}

static void clerk_cannot_touch_other_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long mwa = support_sql_long(super, "SELECT id FROM hr.org WHERE code = 'MWA'");
	long dept = support_sql_long(super,
	                             "SELECT min(department_id) FROM hr.department_version WHERE "
	                             "org_id = %ld",
	                             moe);
	long pos = support_sql_long(
	        super, "SELECT min(position_id) FROM hr.position_version WHERE org_id = %ld", moe);
	long before = support_sql_long(super, "SELECT count(*) FROM hr.department_version");
	PGresult *res;
	char *sql;

	(void)unused;
	sql = xasprintf("SELECT hr.move_department(%ld, NULL, '2030-01-01')", dept);
	support_fails(clerk, sql, "P0002");
	free(sql);
	sql = xasprintf("SELECT hr.close_department(%ld, '2030-01-01')", dept);
	support_fails(clerk, sql, "P0002");
	free(sql);
	sql = xasprintf("SELECT hr.position_change(%ld, '2030-01-01', NULL, NULL, NULL, NULL, 9)",
	                pos);
	support_fails(clerk, sql, "P0002");
	free(sql);
	sql = xasprintf("UPDATE hr.department_version SET name = 'Taken' WHERE department_id = %ld",
	                dept);
	res = support_ok(clerk, sql);
	assert_string_equal(PQcmdTuples(res), "0");
	PQclear(res);
	free(sql);
	sql = xasprintf(
	        "INSERT INTO hr.position_version (org_id, position_id, valid, department_id, "
	        "title, rates) VALUES (%ld, %ld, '[2090-01-01,)', %ld, 'X', 1)",
	        moe, pos, dept);
	support_fails(clerk, sql, "42501");
	free(sql);
	/* Its own org_id with MOE's ids: the composite foreign keys refuse. */
	sql = xasprintf("INSERT INTO hr.staffing_change (org_id, batch, kind, position_id) "
	                "VALUES (%ld, gen_random_uuid(), 'remove', %ld)",
	                mwa, pos);
	support_fails(clerk, sql, "23503");
	free(sql);
	sql = xasprintf(
	        "INSERT INTO hr.department_version (org_id, department_id, valid, code, name) "
	        "VALUES (%ld, %ld, '[2090-01-01,)', 'X', 'X')",
	        mwa, dept);
	support_fails(clerk, sql, "23503");
	free(sql);
	sql = xasprintf("SELECT count(*) FROM hr.staffing_table(%ld, current_date)", moe);
	assert_int_equal(support_long(clerk, sql), 0);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM hr.structure_tree(%ld, current_date)", moe);
	assert_int_equal(support_long(clerk, sql), 0);
	free(sql);
	assert_int_equal(
	        support_sql_long(clerk, "SELECT count(*) FROM hr.staffing_by_org(current_date)"),
	        1);
	assert_int_equal(support_sql_long(super, "SELECT count(*) FROM hr.department_version"),
	                 before);
	PQfinish(clerk);
}

/* ---- the client's helpers -------------------------------------------------------------- */

static void rates_text_and_kinds(void **unused)
{
	long h = -1;
	const char *reason = NULL;
	char buf[16];
	enum structure_change_kind kind;

	(void)unused;
	assert_true(structure_rates_parse("2.5", &h, &reason));
	assert_int_equal(h, 250);
	assert_true(structure_rates_parse(" 1,75 ", &h, &reason));
	assert_int_equal(h, 175);
	assert_true(structure_rates_parse("0.25", &h, &reason));
	assert_int_equal(h, 25);
	assert_true(structure_rates_parse("3.500", &h, &reason));
	assert_int_equal(h, 350);
	assert_true(structure_rates_parse("9999.99", &h, &reason));
	assert_string_equal(structure_rates_format(h, buf, sizeof buf), "9999.99");
	h = -1;
	assert_false(structure_rates_parse("0", &h, &reason));
	assert_false(structure_rates_parse("0.001", &h, &reason));
	assert_string_equal(reason, "Rates have at most two decimals");
	assert_false(structure_rates_parse("10000", &h, &reason));
	assert_false(structure_rates_parse("-1", &h, &reason));
	assert_false(structure_rates_parse("", &h, &reason));
	assert_false(structure_rates_parse("1.2.3", &h, &reason));
	assert_false(structure_rates_parse(NULL, &h, &reason));
	assert_int_equal(h, -1);
	for (int k = 0; k < STRUCTURE_CHANGE_KINDS; k++) {
		assert_true(structure_change_kind_from_name(
		        structure_change_kind_name((enum structure_change_kind)k), &kind));
		assert_int_equal(kind, k);
	}
	assert_false(structure_change_kind_from_name("merge", &kind));
	/* Each kind is one the table accepts. */
	for (int k = 0; k < STRUCTURE_CHANGE_KINDS; k++) {
		char *sql = xasprintf(
		        "SELECT '%s' = ANY (ARRAY['add','remove','rates','move','rename'])",
		        structure_change_kind_name((enum structure_change_kind)k));
		char *yes = support_text(super, sql);
		assert_string_equal(yes, "t");
		free(yes);
		free(sql);
	}
}

static int setup(void **unused)
{
	(void)unused;
	super = support_connect_superuser();
	moe = support_long(super, "SELECT id FROM hr.org WHERE code = 'MOE'");
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
		cmocka_unit_test(exceeding_rates_refused),
		cmocka_unit_test(last_rate_race_has_one_winner),
		cmocka_unit_test(fewer_rates_refused_while_people_hold_them),
		cmocka_unit_test(merge_moves_people_without_gap_or_overlap),
		cmocka_unit_test(move_keeps_ids_versions_and_reads_as_of),
		cmocka_unit_test(batch_previews_and_applies_as_one),
		cmocka_unit_test(readers_change_nothing),
		cmocka_unit_test(clerk_cannot_touch_other_org),
		cmocka_unit_test(rates_text_and_kinds),
	};

	return cmocka_run_group_tests_name("db_structure", tests, setup, teardown);
}
