/*
 * test_orders.c - personnel orders as the logins use them, "as psql would":
 * only heads sign, never their own order, never a version other than the
 * one they checked; other organisations and the ministry see and change
 * nothing; a signed order and the records only orders write are closed to
 * direct writes; every rule is listed to the clerk and refused to the head
 * with the same sentence; numbers stay gap-free under concurrent signing
 * with rollbacks and failures; a retried signature returns the same
 * number; a cancelling order restores the file exactly, or is refused when
 * later records changed or hang on it; a future order changes staffing only
 * from its day; the preview shows what signing writes and writes nothing;
 * the signed text is kept and guarded; a retro-dated order names the
 * signed orders it reaches back over.
 *
 * Every test builds its own people and positions in MOE (committed: the
 * clerk keys, the head signs on another connection); the group teardown
 * removes them, the orders and the extra heads again as the superuser.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"
#include "support_orders.h"
#include "xalloc.h"

static PGconn *super;
static long moe, dept;
/* Ids before this run (cleanup removes what came after) and the settings to restore. */
static struct orders_marks marks;
static char *saved_language, *saved_repeat, *saved_obligation;

enum { EXTRA_HEADS = 3 };

/* ---- statements ----------------------------------------------------------------------- */

static void assert_lacks(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle) != NULL) {
		print_error("\"%s\" contains \"%s\"\n", haystack, needle);
		fail();
	}
}

/* ---- fixtures ------------------------------------------------------------------------- */

/* A position of the test department, in force since 2000; returns its id. */
static long position(PGconn *clerk, const char *title, const char *rates)
{
	return support_sql_long(
	        clerk,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, "
	        "valid_from) VALUES (%ld, %ld, '%s', 'C1', %s, '2000-01-01') RETURNING id",
	        moe, dept, title, rates);
}

/* A person of MOE keyed by the clerk, with consent to the processing of
 * personal data on file since 2001 when `consent`; returns the id. */
static long person(PGconn *clerk, const char *last_name, bool consent)
{
	long id = support_sql_long(clerk,
	                           "INSERT INTO hr.person (org_id, last_name, first_name) "
	                           "VALUES (%ld, '%s', 'Orla') RETURNING id",
	                           moe, last_name);

	if (consent)
		support_sql_run(clerk,
		                "INSERT INTO hr.consent (org_id, person_id, given_on, document) "
		                "VALUES (%ld, %ld, '2001-01-01', 'Consent form')",
		                moe, id);
	return id;
}

/* Puts a person on `pos` since `hire` as the superuser (the file as an
 * earlier system left it); returns the employment id. */
static long employ(long who, long pos, const char *rate, const char *hire)
{
	long employment =
	        support_sql_long(super,
	                         "INSERT INTO hr.employment (org_id, person_id, personnel_no, "
	                         "hire_date) VALUES (%ld, %ld, 'OT-%ld', '%s') RETURNING id",
	                         moe, who, who, hire);

	support_sql_run(
	        super,
	        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	        "VALUES (%ld, %ld, %ld, %s, daterange('%s', NULL))",
	        moe, employment, pos, rate, hire);
	return employment;
}

/* A person with consent, employed on `pos` at a full rate since 2019. */
static long employee(PGconn *clerk, const char *last_name, long pos)
{
	long id = person(clerk, last_name, true);

	employ(id, pos, "1", "2019-01-02");
	return id;
}

/* ---- orders --------------------------------------------------------------------------- */

/* A draft of `kind` in the kind's register of MOE, keyed on `conn`. */
static long order(PGconn *conn, const char *kind)
{
	return orders_draft(conn, moe, kind);
}

/* Adds line `n` for `who` from `effective`; see orders_line(). */
static void line(PGconn *conn, long id, int n, long who, const char *effective, const char *columns,
                 const char *values)
{
	orders_line(conn, moe, id, n, who, effective, columns, values);
}

/* A draft of `kind` with one line; returns its id. */
static long order1(PGconn *conn, const char *kind, long who, const char *effective,
                   const char *columns, const char *values)
{
	long id = order(conn, kind);

	line(conn, id, 1, who, effective, columns, values);
	return id;
}

/* Everything the file holds on a person that orders write: employment,
 * assignments, absences, grade and pay history, the person row without its
 * version and search text (caller frees). */
static char *snapshot(long who)
{
	static const char sql[] =
	        "SELECT jsonb_build_object("
	        " 'person', (SELECT to_jsonb(p) - 'version' - 'search_text' FROM hr.person p "
	        "   WHERE p.id = $1::bigint),"
	        " 'employment', (SELECT jsonb_agg(to_jsonb(e) - 'version' ORDER BY e.id) "
	        "   FROM hr.employment e WHERE e.person_id = $1::bigint),"
	        " 'assignment', (SELECT jsonb_agg(to_jsonb(a) - 'version' ORDER BY a.id) "
	        "   FROM hr.assignment a JOIN hr.employment e ON e.id = a.employment_id "
	        "   WHERE e.person_id = $1::bigint),"
	        " 'absence', (SELECT jsonb_agg(to_jsonb(x) - 'version' ORDER BY x.id) "
	        "   FROM hr.absence x WHERE x.person_id = $1::bigint),"
	        " 'grade', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) "
	        "   FROM hr.grade_history x WHERE x.person_id = $1::bigint),"
	        " 'pay', (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) "
	        "   FROM hr.pay_history x WHERE x.person_id = $1::bigint))::text";
	char param[32];
	const char *params[1] = { param };
	PGresult *res;
	char *value;

	snprintf(param, sizeof param, "%ld", who);
	res = support_ok_params(super, sql, 1, params);
	value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

/* ---- 1. who may do what ------------------------------------------------------------------ */

static void only_other_heads_sign_and_nobody_edits_signed(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *ministry = support_connect("ministry_moe"), *mwa = support_connect("clerk_mwa");
	PGconn *writers[] = { clerk, head };
	long pos = position(clerk, "Access Officer", "2");
	long who = employee(clerk, "Accessova", pos);
	long id = order1(clerk, "leave", who, "current_date + 60", "until, leave_type",
	                 "current_date + 64, 'annual'");
	long own, old_version, mwa_person, mwa_org;
	char *number, *message, *got;

	(void)unused;
	/* A clerk keys orders but does not sign them. */
	free(support_sql_refused(clerk, "42501", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                         orders_version(clerk, id)));
	/* The ministry reads but neither keys, previews nor signs. */
	free(support_sql_refused(
	        ministry, "42501",
	        "INSERT INTO hr.hr_order (org_id, kind, register_id) SELECT %ld, 'leave', id "
	        "FROM hr.order_register WHERE org_id = %ld AND code = 'L'",
	        moe, moe));
	free(support_sql_refused(ministry, "42501", "SELECT * FROM hr.order_preview(%ld)", id));
	free(support_sql_refused(ministry, "42501", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                         orders_version(clerk, id)));
	free(support_sql_refused(
	        ministry, "42501",
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective) "
	        "VALUES (%ld, %ld, 2, %ld, current_date)",
	        moe, id, who));
	/* Another organisation's clerk does not see the order nor reach it. */
	mwa_org = support_sql_long(super, "SELECT id FROM hr.org WHERE code = 'MWA'");
	mwa_person = support_sql_long(mwa, "SELECT min(id) FROM hr.person");
	assert_int_equal(
	        support_sql_long(mwa, "SELECT count(*) FROM hr.hr_order WHERE org_id = %ld", moe),
	        0);
	assert_int_equal(support_sql_long(mwa,
	                                  "SELECT count(*) FROM hr.order_line WHERE order_id = %ld",
	                                  id),
	                 0);
	free(support_sql_refused(mwa, "P0002", "SELECT * FROM hr.order_problems(%ld)", id));
	free(support_sql_refused(mwa, "P0002", "SELECT * FROM hr.order_preview(%ld)", id));
	/* A line for it, under either organisation: no such order (for MWA). */
	message = support_sql_refused(
	        mwa, "P0002",
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, "
	        "effective) VALUES (%ld, %ld, 2, %ld, current_date + 60)",
	        mwa_org, id, mwa_person);
	assert_string_equal(message, "No such order");
	free(message);
	free(support_sql_refused(
	        mwa, "P0002",
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective) "
	        "VALUES (%ld, %ld, 2, %ld, current_date + 60)",
	        moe, id, who));
	assert_int_equal(
	        support_sql_run(
	                mwa, "UPDATE hr.order_line SET until = until + 1 WHERE order_id = %ld", id),
	        0);
	free(support_sql_refused(mwa, "42501", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                         orders_version(clerk, id)));
	assert_int_equal(
	        support_sql_run(mwa, "UPDATE hr.hr_order SET basis = 'Taken' WHERE id = %ld", id),
	        0);
	assert_int_equal(support_sql_run(mwa, "DELETE FROM hr.hr_order WHERE id = %ld", id), 0);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.order_line WHERE order_id = %ld",
	                                  id),
	                 1);
	/* A cancelling order in MWA for MOE's order: the foreign key refuses. */
	free(support_sql_refused(
	        mwa, "23503",
	        "INSERT INTO hr.hr_order (org_id, kind, register_id, cancels_id) "
	        "SELECT %ld, 'cancel', id, %ld FROM hr.order_register WHERE code = 'P'",
	        mwa_org, id));

	/* A head does not sign what it keyed itself. */
	own = order1(head, "leave", who, "current_date + 70", "until, leave_type",
	             "current_date + 71, 'annual'");
	message = orders_sign_refused(head, own, "42501");
	support_assert_contains(message, "An order is signed by someone who keyed none of it");
	free(message);
	orders_assert_status(own, "draft");

	/* The head signs the version it checked, not one changed since. */
	old_version = orders_version(head, id);
	assert_int_equal(
	        support_sql_run(clerk,
	                        "UPDATE hr.hr_order SET basis = 'Application' WHERE id = %ld", id),
	        1);
	message = support_sql_refused(head, "55000", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                              old_version);
	support_assert_contains(message, "changed after it was checked");
	free(message);
	free(support_sql_refused(head, "55000", "SELECT * FROM hr.order_sign(%ld, NULL)", id));
	orders_assert_status(id, "draft");
	number = orders_sign(head, id);

	/* Signed: the clerk can change neither the order nor its lines. */
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.hr_order SET status = 'draft' WHERE id = %ld", id));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.hr_order SET number = 999 WHERE id = %ld", id));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.hr_order SET number_text = 'X' WHERE id = %ld", id));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.hr_order SET signed_text = 'Forged' WHERE id = %ld",
	                         id));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.hr_order SET signed_by = 'clerk_moe' WHERE id = %ld",
	                         id));
	assert_int_equal(
	        support_sql_run(clerk, "UPDATE hr.hr_order SET basis = 'Later' WHERE id = %ld", id),
	        0);
	free(support_sql_refused(clerk, "55000",
	                         "UPDATE hr.order_line SET until = until + 1 WHERE order_id = %ld",
	                         id));
	free(support_sql_refused(clerk, "55000", "DELETE FROM hr.order_line WHERE order_id = %ld",
	                         id));
	free(support_sql_refused(
	        clerk, "55000",
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective) "
	        "VALUES (%ld, %ld, 2, %ld, current_date + 80)",
	        moe, id, who));
	assert_int_equal(support_sql_run(clerk, "DELETE FROM hr.hr_order WHERE id = %ld", id), 0);
	assert_int_equal(support_sql_run(head, "DELETE FROM hr.hr_order WHERE id = %ld", id), 0);
	got = support_sql_text(
	        super, "SELECT number_text || ' ' || basis FROM hr.hr_order WHERE id = %ld", id);
	assert_int_equal(strncmp(got, number, strlen(number)), 0);
	support_assert_contains(got, " Application");
	free(got);
	orders_assert_status(id, "signed");
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.order_line WHERE order_id = %ld",
	                                  id),
	                 1);
	/* A draft may still be withdrawn, its lines with it. */
	assert_int_equal(support_sql_run(head, "DELETE FROM hr.hr_order WHERE id = %ld", own), 1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.order_line WHERE order_id = %ld",
	                                  own),
	                 0);

	/* The records orders write are closed to direct writes. */
	for (size_t i = 0; i < 2; i++) {
		PGconn *w = writers[i];

		free(support_sql_refused(
		        w, "42501",
		        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
		        "VALUES (%ld, %ld, 'DIRECT-%zu', current_date)",
		        moe, who, i));
		free(support_sql_refused(
		        w, "42501",
		        "UPDATE hr.employment SET end_date = current_date WHERE person_id = %ld",
		        who));
		free(support_sql_refused(
		        w, "42501",
		        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, "
		        "during) SELECT org_id, id, %ld, 1, '[2030-01-01,)' FROM hr.employment "
		        "WHERE person_id = %ld",
		        pos, who));
		free(support_sql_refused(
		        w, "42501",
		        "UPDATE hr.assignment SET rate = 0.5 WHERE employment_id IN "
		        "(SELECT id FROM hr.employment WHERE person_id = %ld)",
		        who));
		free(support_sql_refused(
		        w, "42501",
		        "INSERT INTO hr.absence (org_id, person_id, employment_id, kind, "
		        "leave_type, during) SELECT org_id, person_id, id, 'leave', 'annual', "
		        "'[2030-01-01,2030-01-05)' FROM hr.employment WHERE person_id = %ld",
		        who));
		free(support_sql_refused(w, "42501",
		                         "UPDATE hr.absence SET during = '[2030-01-01,2030-01-02)' "
		                         "WHERE person_id = %ld",
		                         who));
		free(support_sql_refused(w, "42501", "DELETE FROM hr.absence WHERE person_id = %ld",
		                         who));
		free(support_sql_refused(
		        w, "42501",
		        "INSERT INTO hr.order_counter (org_id, register_id, year, last_no) "
		        "SELECT org_id, id, 2199, 1 FROM hr.order_register WHERE org_id = %ld",
		        moe));
		free(support_sql_refused(w, "42501", "UPDATE hr.order_counter SET last_no = 1"));
		free(support_sql_refused(
		        w, "42501",
		        "INSERT INTO hr.order_effect (org_id, order_id, seq, action, table_name, "
		        "row_id, description) VALUES (%ld, %ld, 99, 'delete', 'person', %ld, "
		        "'forged')",
		        moe, id, who));
		free(support_sql_refused(w, "42501",
		                         "DELETE FROM hr.order_effect WHERE order_id = %ld", id));
	}
	/* The leave that signing wrote is there, once. */
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.absence WHERE person_id = %ld",
	                                  who),
	                 1);
	free(number);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(ministry);
	PQfinish(mwa);
}

/* ---- 2. the rules ----------------------------------------------------------------------- */

/* Each rule test is a table of orders and what the rules say of each: the
 * sentence the clerk's check lists and the head's refusal repeats (the
 * order stays a draft), or ORDERS_PASSES.  Every case is a draft of its
 * own, on the test's people and positions ("{name}" in a row), signed only
 * where the row says so; a failing case is reported and the rest still run.
 * What a row cannot say (a draft changed, a setting switched) follows the
 * table as code, on the draft a case made (orders_case_order). */

/* A table of MOE keyed by `clerk`, signed by `head`. */
static struct orders_table table_of(const char *name, PGconn *clerk, PGconn *head,
                                    const struct orders_fixture *fixtures)
{
	return (struct orders_table){ name, clerk, head, moe, fixtures };
}

static void hire_rules(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long full = position(clerk, "Full Hire Post", "1");
	long open = position(clerk, "Open Hire Post", "3");
	long filler = employee(clerk, "Fillerova", full);
	long newcomer = person(clerk, "Newcomova", true);
	long unconsented = person(clerk, "Noconsova", false);
	long withdrawn = person(clerk, "Withdrawova", false);
	long second = person(clerk, "Secondova", true);
	const struct orders_fixture fixtures[] = {
		{ "full", full },
		{ "open", open },
		{ "filler", filler },
		{ "newcomer", newcomer },
		{ "unconsented", unconsented },
		{ "withdrawn", withdrawn },
		{ "second", second },
		{ NULL, 0 },
	};
	struct orders_case cases[] = {
		{ "no vacant rate on the position",
		  "hire",
		  { { "newcomer", "current_date + 5", "position_id, personnel_no",
		      "{full}, 'OTN-{newcomer}'" } },
		  .expected = "position \"Full Hire Post\" has no vacant 1 rate" },
		{ "no consent on file",
		  "hire",
		  { { "unconsented", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OTN-{unconsented}'" } },
		  .expected = "no consent to the processing of personal data is on file" },
		{ "consent withdrawn before the day",
		  "hire",
		  { { "withdrawn", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OTN-{withdrawn}'" } },
		  .expected = "no consent to the processing of personal data is on file" },
		{ "already employed",
		  "hire",
		  { { "filler", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OTN-{filler}'" } },
		  .expected = "already employed on" },
		{ "personnel number on file",
		  "hire",
		  { { "newcomer", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OT-{filler}'" } },
		  .expected = "personnel number OT-{filler} is taken" },
		{ "personnel number on an earlier line",
		  "hire",
		  { { "newcomer", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OTS-{newcomer}'" },
		    { "second", "current_date + 5", "position_id, personnel_no",
		      "{open}, 'OTS-{newcomer}'" } },
		  .expected = "is taken",
		  .only_line = 2 },
	};
	const struct orders_table table = table_of("hire_rules", clerk, head, fixtures);
	long employments, id;
	char *number;

	(void)unused;
	/* A consent withdrawn today, before the day of the hire. */
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.consent (org_id, person_id, given_on, document, withdrawn_on) "
	        "VALUES (%ld, %ld, '2001-01-01', 'Consent form', current_date)",
	        moe, withdrawn);
	employments = support_sql_long(
	        super, "SELECT count(*) FROM hr.employment WHERE org_id = %ld", moe);
	orders_run_cases(&table, cases, CASES(cases));
	/* Nobody was employed by the orders refused. */
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.employment WHERE org_id = %ld",
	                                  moe),
	                 employments);

	/* The same hire done right signs and employs. */
	id = orders_case_order(cases, CASES(cases), "personnel number on an earlier line");
	support_sql_run(
	        clerk,
	        "UPDATE hr.order_line SET personnel_no = 'OTT-%ld' WHERE order_id = %ld AND "
	        "line_no = 2",
	        second, id);
	orders_passes_rules(clerk, id);
	number = orders_sign(head, id);
	assert_int_equal(
	        support_sql_long(
	                super,
	                "SELECT count(*) FROM hr.assignment a JOIN hr.employment e ON e.id = "
	                "a.employment_id WHERE e.person_id IN (%ld, %ld) AND a.position_id = %ld "
	                "AND lower(a.during) = current_date + 5",
	                newcomer, second, open),
	        2);
	free(number);
	PQfinish(clerk);
	PQfinish(head);
}

static void leave_and_trip_rules(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long who = employee(clerk, "Travelova", position(clerk, "Traveller", "2"));
	const struct orders_fixture fixtures[] = { { "who", who }, { NULL, 0 } };
	struct orders_case cases[] = {
		{ "a leave into a leave",
		  "leave",
		  { { "who", "current_date + 105", "until, leave_type",
		      "current_date + 115, 'unpaid'" } },
		  .expected = "overlaps leave {day 100}–{day 110}" },
		{ "a business trip into a leave",
		  "trip",
		  { { "who", "current_date + 108", "until, destination, purpose",
		      "current_date + 109, 'Astana', 'Conference'" } },
		  .expected = "overlaps leave {day 100}–{day 110}" },
		{ "a leave into a business trip",
		  "leave",
		  { { "who", "current_date + 131", "until, leave_type",
		      "current_date + 140, 'annual'" } },
		  .expected = "overlaps business trip" },
		{ "two lines of one order that overlap",
		  "leave",
		  { { "who", "current_date + 150", "until, leave_type",
		      "current_date + 155, 'annual'" },
		    { "who", "current_date + 155", "until, leave_type",
		      "current_date + 160, 'study'" } },
		  .expected = "overlaps another line of this order" },
		{ "a trip without its destination",
		  "trip",
		  { { "who", "current_date + 200", "until", "current_date + 201" } },
		  .expected = "the destination is needed" },
	};
	const struct orders_table table = table_of("leave_and_trip_rules", clerk, head, fixtures);
	long id;

	(void)unused;
	/* On file: a leave from +100 to +110 and a business trip from +130 to +132. */
	free(orders_sign(head, order1(clerk, "leave", who, "current_date + 100",
	                              "until, leave_type", "current_date + 110, 'annual'")));
	free(orders_sign(head, order1(clerk, "trip", who, "current_date + 130",
	                              "until, destination, purpose",
	                              "current_date + 132, 'Almaty', 'Audit'")));
	orders_run_cases(&table, cases, CASES(cases));
	/* The two lines moved apart by a day sign. */
	id = orders_case_order(cases, CASES(cases), "two lines of one order that overlap");
	support_sql_run(
	        clerk,
	        "UPDATE hr.order_line SET effective = current_date + 156 WHERE order_id = %ld "
	        "AND line_no = 2",
	        id);
	orders_passes_rules(clerk, id);
	free(orders_sign(head, id));
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.absence WHERE person_id = %ld",
	                                  who),
	                 4);
	PQfinish(clerk);
	PQfinish(head);
}

static void own_request_during_obligation(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long who = employee(clerk, "Obligova", position(clerk, "Obliged Officer", "1"));
	const struct orders_fixture fixtures[] = { { "who", who }, { NULL, 0 } };
	struct orders_case cases[] = {
		{ "by own request",
		  "dismissal",
		  { { "who", "current_date + 30", "end_reason", "'own_request'" } },
		  .expected = "cannot leave by own request during a service obligation: "
		              "Training abroad until {day 699}" },
		{ "by agreement",
		  "dismissal",
		  { { "who", "current_date + 30", "end_reason", "'agreement'" } },
		  .expected = ORDERS_PASSES },
	};
	const struct orders_table table =
	        table_of("own_request_during_obligation", clerk, head, fixtures);
	long own;

	(void)unused;
	/* Trained abroad: bound to serve until +699. */
	support_sql_run(clerk,
	                "INSERT INTO hr.service_obligation (org_id, person_id, during, reason) "
	                "VALUES (%ld, %ld, daterange(current_date - 100, current_date + 700), "
	                "'Training abroad')",
	                moe, who);
	orders_run_cases(&table, cases, CASES(cases));
	support_sql_run(clerk, "DELETE FROM hr.hr_order WHERE id = %ld",
	                orders_case_order(cases, CASES(cases), "by agreement"));
	/* Only the head changes the rule; switched off, the same order signs. */
	own = orders_case_order(cases, CASES(cases), "by own request");
	free(support_sql_refused(
	        clerk, "42501",
	        "UPDATE hr.order_setting SET obligation_blocks_own_request = false "
	        "WHERE org_id = %ld",
	        moe));
	assert_int_equal(
	        support_sql_run(head,
	                        "UPDATE hr.order_setting SET obligation_blocks_own_request = false "
	                        "WHERE org_id = %ld",
	                        moe),
	        1);
	orders_passes_rules(clerk, own);
	free(orders_sign(head, own));
	assert_int_equal(
	        support_sql_long(super,
	                         "SELECT count(*) FROM hr.employment WHERE person_id = %ld AND "
	                         "end_date = current_date + 30 AND end_reason = 'own_request'",
	                         who),
	        1);
	support_sql_run(head,
	                "UPDATE hr.order_setting SET obligation_blocks_own_request = true "
	                "WHERE org_id = %ld",
	                moe);
	PQfinish(clerk);
	PQfinish(head);
}

static void award_not_repeated_within_years(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long who = employee(clerk, "Medalova", position(clerk, "Awarded Officer", "1"));
	const struct orders_fixture fixtures[] = { { "who", who }, { NULL, 0 } };
	struct orders_case cases[] = {
		{ "the same award, in another case, within three years",
		  "award",
		  { { "who", "current_date + 10", "award", "'certificate of honour'" } },
		  .expected = "received \"certificate of honour\" on {day 0}; the same award is "
		              "given at "
		              "most once in 3 years" },
		{ "another award",
		  "award",
		  { { "who", "current_date + 10", "award", "'Letter of Thanks'" } },
		  .expected = ORDERS_PASSES },
	};
	const struct orders_table table =
	        table_of("award_not_repeated_within_years", clerk, head, fixtures);

	(void)unused;
	assert_int_equal(support_sql_run(head,
	                                 "UPDATE hr.order_setting SET award_repeat_years = 3 WHERE "
	                                 "org_id = %ld",
	                                 moe),
	                 1);
	free(orders_sign(head, order1(clerk, "award", who, "current_date", "award",
	                              "'Certificate of Honour'")));
	orders_run_cases(&table, cases, CASES(cases));
	/* Without a limit the repeat passes. */
	support_sql_run(
	        head, "UPDATE hr.order_setting SET award_repeat_years = 0 WHERE org_id = %ld", moe);
	orders_passes_rules(clerk, orders_case_order(cases, CASES(cases),
	                                             "the same award, in another case, within "
	                                             "three years"));
	support_sql_run(head,
	                "UPDATE hr.order_setting SET award_repeat_years = %s WHERE org_id = %ld",
	                saved_repeat, moe);
	PQfinish(clerk);
	PQfinish(head);
}

static void transfer_and_recall_rules(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long home = position(clerk, "Home Desk", "2");
	long full = position(clerk, "Crowded Desk", "1");
	long who = employee(clerk, "Movova", home);
	const struct orders_fixture fixtures[] = {
		{ "who", who },
		{ "home", home },
		{ "full", full },
		{ NULL, 0 },
	};
	struct orders_case cases[] = {
		{ "into a full position",
		  "transfer",
		  { { "who", "current_date + 20", "position_id", "{full}" } },
		  .expected = "position \"Crowded Desk\" has no vacant 1 rate" },
		{ "onto the position held, at the same rate",
		  "transfer",
		  { { "who", "current_date + 20", "position_id", "{home}" } },
		  .expected = "already holds this position at this rate" },
		{ "a recall when not on leave",
		  "recall",
		  { { "who", "current_date + 20", NULL, NULL } },
		  .expected = "is not on leave on {day 20}" },
		{ "a recall on the leave's first day",
		  "recall",
		  { { "who", "current_date + 40", NULL, NULL } },
		  .expected = "is not on leave on {day 40}" },
		{ "a recall on the leave's sixth day",
		  "recall",
		  { { "who", "current_date + 45", NULL, NULL } },
		  .expected = ORDERS_PASSES,
		  .signs = true },
	};
	const struct orders_table table =
	        table_of("transfer_and_recall_rules", clerk, head, fixtures);

	(void)unused;
	employee(clerk, "Sittova", full);
	/* A leave from +40 to +50. */
	free(orders_sign(head, order1(clerk, "leave", who, "current_date + 40", "until, leave_type",
	                              "current_date + 50, 'annual'")));
	orders_run_cases(&table, cases, CASES(cases));
	/* The recall ended the leave the day before its day. */
	assert_int_equal(
	        support_sql_long(super,
	                         "SELECT count(*) FROM hr.absence WHERE person_id = %ld AND "
	                         "during = daterange(current_date + 40, current_date + 45)",
	                         who),
	        1);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 3. numbers under concurrency ------------------------------------------------------ */

/* One signature to attempt; the outcome is filled in by a signer thread. */
struct sign_task {
	long order;
	long version;
	bool rollback; /* BEGIN; sign; ROLLBACK */
	char state[6]; /* SQLSTATE, "00000" on success */
	char number[32];
	bool already;
};

/* The tasks the signer threads take in turn. */
static struct {
	pthread_mutex_t lock;
	struct sign_task *tasks;
	int count, next;
} queue = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* Runs one task on `conn` (in a thread: no cmocka calls here). */
static void sign_task_run(PGconn *conn, struct sign_task *t)
{
	char sql[128];
	PGresult *res;

	if (t->rollback)
		PQclear(PQexec(conn, "BEGIN"));
	snprintf(sql, sizeof sql, "SELECT number_text, already FROM hr.order_sign(%ld, %ld)",
	         t->order, t->version);
	res = PQexec(conn, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		snprintf(t->state, sizeof t->state, "00000");
		snprintf(t->number, sizeof t->number, "%s", PQgetvalue(res, 0, 0));
		t->already = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	} else {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		snprintf(t->state, sizeof t->state, "%s", state ? state : "?????");
	}
	PQclear(res);
	if (t->rollback)
		PQclear(PQexec(conn, "ROLLBACK"));
}

static void *signer(void *arg)
{
	PGconn *conn = arg;

	for (;;) {
		struct sign_task *t = NULL;

		pthread_mutex_lock(&queue.lock);
		if (queue.next < queue.count)
			t = &queue.tasks[queue.next++];
		pthread_mutex_unlock(&queue.lock);
		if (t == NULL)
			return NULL;
		sign_task_run(conn, t);
	}
}

/* Creates head login `name` of MOE with its certificate. */
static void make_head(const char *name)
{
	char *command = xasprintf("'%s/scripts/devdb.sh' admin user add %s --org MOE --kind head "
	                          ">/dev/null && '%s/scripts/devdb.sh' cert %s >/dev/null",
	                          support_root(), name, support_root(), name);

	assert_int_equal(support_run(command, NULL), 0);
	free(command);
}

/* Registers of MOE whose numbers this year are not exactly 1..N with the
 * counter at N. */
static long registers_with_gaps(void)
{
	return support_sql_long(
	        super,
	        "SELECT count(*) FROM (SELECT r.id, count(h.number) AS n, "
	        "  count(DISTINCT h.number) AS d, coalesce(max(h.number), 0) AS top, "
	        "  coalesce(min(h.number), 1) AS low, coalesce(max(c.last_no), 0) AS last "
	        "  FROM hr.order_register r "
	        "  LEFT JOIN hr.hr_order h ON h.org_id = r.org_id AND h.register_id = r.id "
	        "   AND h.number IS NOT NULL "
	        "   AND h.year = extract(year FROM current_date)::int "
	        "  LEFT JOIN hr.order_counter c ON c.org_id = r.org_id AND c.register_id = r.id "
	        "   AND c.year = extract(year FROM current_date)::int "
	        "  WHERE r.org_id = %ld GROUP BY r.id) s "
	        "WHERE NOT (n = d AND top = n AND low = 1 AND last = n)",
	        moe);
}

/* Orders numbered this year in register `code` of MOE. */
static long numbered(const char *code)
{
	return support_sql_long(
	        super,
	        "SELECT count(*) FROM hr.hr_order h JOIN hr.order_register r ON r.id = "
	        "h.register_id WHERE h.org_id = %ld AND r.code = '%s' AND h.number IS NOT NULL "
	        "AND h.year = extract(year FROM current_date)::int",
	        moe, code);
}

/* The last number given this year in register `code` of MOE (0: none yet). */
static long register_counter(const char *code)
{
	return support_sql_long(
	        super,
	        "SELECT coalesce(max(c.last_no), 0) FROM hr.order_counter c "
	        "JOIN hr.order_register r ON r.id = c.register_id WHERE c.org_id = %ld "
	        "AND r.code = '%s' AND c.year = extract(year FROM current_date)::int",
	        moe, code);
}

/* "count distinct lowest highest" of the numbers the orders `ids` got in
 * register `code` (caller frees). */
static char *numbers_given(const long *ids, int n, const char *code)
{
	char *list = xstrdup(""), *more, *value;

	for (int i = 0; i < n; i++) {
		more = xasprintf("%s%s%ld", list, i ? "," : "", ids[i]);
		free(list);
		list = more;
	}
	value = support_sql_text(
	        super,
	        "SELECT count(h.number) || ' ' || count(DISTINCT h.number) || ' ' || "
	        "coalesce(min(h.number), 0) || ' ' || coalesce(max(h.number), 0) "
	        "FROM hr.hr_order h JOIN hr.order_register r ON r.id = h.register_id "
	        "WHERE h.id = ANY ('{%s}'::bigint[]) AND r.code = '%s' "
	        "AND h.number IS NOT NULL",
	        list, code);
	free(list);
	return value;
}

enum { POOL = 6, LEAVES_EACH = 4, TRIPS_EACH = 2, HIRES = 6, HIRE_RATES = 3, BROKEN = 4 };
enum { ORDERS = POOL * (LEAVES_EACH + TRIPS_EACH) + HIRES + BROKEN };
enum { SIGNERS = 6 };

static void numbers_gap_free_under_concurrency(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	char heads[EXTRA_HEADS][64];
	const char *logins[SIGNERS];
	PGconn *conns[SIGNERS];
	pthread_t threads[SIGNERS];
	long orders[ORDERS], pool = position(clerk, "Signing Pool", "6");
	long race = position(clerk, "Race Post", "3");
	char kinds[ORDERS]; /* L, T, H (hire), B (broken) */
	struct sign_task tasks[ORDERS * 3];
	int n = 0, count = 0, first = 0, rollbacks = 0;
	long before[3], counter[3];
	bool whole;
	const char *codes[3] = { "P", "L", "T" };
	long committed[3] = { 0, 0, 0 };
	unsigned seed = 12345;

	(void)unused;
	for (int k = 0; k < EXTRA_HEADS; k++) {
		snprintf(heads[k], sizeof heads[k], "ord_head_%d_%d", (int)getpid(), k);
		make_head(heads[k]);
	}
	for (int k = 0; k < SIGNERS; k++) {
		logins[k] = k < 2 ? "head_moe" : heads[(k - 2) % EXTRA_HEADS];
		conns[k] = support_connect(logins[k]);
	}
	/* Leave and trips for six people on days that never overlap. */
	for (int p = 0; p < POOL; p++) {
		char name[32];
		long who;

		snprintf(name, sizeof name, "Pool%c", 'A' + p);
		who = employee(clerk, name, pool);
		for (int j = 0; j < LEAVES_EACH; j++) {
			char from[32], until[48];

			snprintf(from, sizeof from, "current_date + %d", 200 + 20 * j);
			snprintf(until, sizeof until, "current_date + %d, 'annual'", 205 + 20 * j);
			kinds[n] = 'L';
			orders[n++] = order1(clerk, "leave", who, from, "until, leave_type", until);
		}
		for (int j = 0; j < TRIPS_EACH; j++) {
			char from[32], until[64];

			snprintf(from, sizeof from, "current_date + %d", 300 + 20 * j);
			snprintf(until, sizeof until, "current_date + %d, 'Astana'", 302 + 20 * j);
			kinds[n] = 'T';
			orders[n++] = order1(clerk, "trip", who, from, "until, destination", until);
		}
		if (p < BROKEN) { /* no last day: refused by the rules */
			kinds[n] = 'B';
			orders[n++] = order1(clerk, "leave", who, "current_date + 400",
			                     "leave_type", "'annual'");
		}
	}
	/* Six hires for three rates: three win, the others are refused, some
	 * after they took a number. */
	for (int h = 0; h < HIRES; h++) {
		char name[32], values[64];
		long who;

		snprintf(name, sizeof name, "Racer%c", 'A' + h);
		who = person(clerk, name, true);
		snprintf(values, sizeof values, "%ld, 'OTR-%ld'", race, who);
		kinds[n] = 'H';
		orders[n++] = order1(clerk, "hire", who, "current_date + 5",
		                     "position_id, personnel_no", values);
	}
	assert_int_equal(n, ORDERS);

	/* First half: every order once, every third leave or trip signed and
	 * rolled back first; second half: those again for real, and four
	 * orders signed twice. */
	for (int i = 0; i < n; i++) {
		bool twice = (kinds[i] == 'L' || kinds[i] == 'T') && i % 3 == 0;

		tasks[count] = (struct sign_task){ .order = orders[i], .rollback = twice };
		tasks[count++].version = orders_version(clerk, orders[i]);
		rollbacks += twice;
	}
	first = count;
	for (int i = 0; i < n; i++)
		if ((kinds[i] == 'L' || kinds[i] == 'T') && i % 3 == 0)
			tasks[count++] =
			        (struct sign_task){ .order = orders[i],
				                    .version = orders_version(clerk, orders[i]) };
	for (int i = 1; i < n && count < first + rollbacks + 4; i += 7)
		if (kinds[i] == 'L' || kinds[i] == 'T')
			tasks[count++] =
			        (struct sign_task){ .order = orders[i],
				                    .version = orders_version(clerk, orders[i]) };
	/* Shuffle each half (a fixed sequence: the same run every time). */
	for (int half = 0; half < 2; half++) {
		int lo = half ? first : 0, hi = half ? count : first;

		for (int i = hi - 1; i > lo; i--) {
			int j;
			struct sign_task swap;

			seed = seed * 1103515245u + 12345u;
			j = lo + (int)((seed >> 8) % (unsigned)(i - lo + 1));
			swap = tasks[i];
			tasks[i] = tasks[j];
			tasks[j] = swap;
		}
	}
	for (int r = 0; r < 3; r++) {
		before[r] = numbered(codes[r]);
		counter[r] = register_counter(codes[r]);
	}
	/* Whether the registers are whole before (other tests' cleanups could
	 * have left a gap that is not this run's doing). */
	whole = registers_with_gaps() == 0;
	if (!whole)
		print_message(
		        "registers had gaps before the run: checking this run's numbers only\n");

	queue.tasks = tasks;
	queue.count = count;
	queue.next = 0;
	for (int k = 0; k < SIGNERS; k++)
		assert_int_equal(pthread_create(&threads[k], NULL, signer, conns[k]), 0);
	for (int k = 0; k < SIGNERS; k++)
		pthread_join(threads[k], NULL);

	/* Each order's outcome. */
	for (int i = 0; i < n; i++) {
		int fresh = 0, refusals = 0, reg = kinds[i] == 'T' ? 2 : kinds[i] == 'H' ? 0 : 1;
		char *number = support_sql_text(
		        super, "SELECT number_text FROM hr.hr_order WHERE id = %ld", orders[i]);

		for (int t = 0; t < count; t++) {
			struct sign_task *task = &tasks[t];

			if (task->order != orders[i])
				continue;
			if (strcmp(task->state, "00000") != 0) {
				if (strcmp(task->state, "23514") != 0)
					print_error("order %ld: SQLSTATE %s\n", orders[i],
					            task->state);
				assert_string_equal(task->state, "23514");
				refusals++;
			} else if (!task->rollback && !task->already) {
				fresh++;
				assert_non_null(number);
				assert_string_equal(task->number, number);
			} else if (task->already) {
				assert_non_null(number);
				assert_string_equal(task->number, number);
			}
		}
		if (kinds[i] == 'B') {
			assert_int_equal(fresh, 0);
			assert_null(number);
		} else if (kinds[i] != 'H') {
			assert_int_equal(fresh, 1);
			assert_int_equal(refusals, 0);
		} else {
			assert_int_equal(fresh + refusals, 1);
			if (fresh == 0)
				assert_null(number);
		}
		committed[reg] += fresh;
		free(number);
	}
	assert_int_equal(committed[0], HIRE_RATES);
	/* Rolled-back signatures did take numbers that were given again. */
	{
		int rolled = 0;

		for (int t = 0; t < count; t++)
			rolled += tasks[t].rollback && strcmp(tasks[t].state, "00000") == 0 &&
			          !tasks[t].already;
		assert_true(rolled > 0);
	}
	/* Each register gave the committed orders the next numbers, each once,
	 * and counts them; the registers are 1..N as a whole. */
	for (int r = 0; r < 3; r++) {
		char *given = numbers_given(orders, n, codes[r]);
		char *expected = xasprintf("%ld %ld %ld %ld", committed[r], committed[r],
		                           committed[r] ? counter[r] + 1 : 0,
		                           committed[r] ? counter[r] + committed[r] : 0);

		assert_string_equal(given, expected);
		assert_int_equal(register_counter(codes[r]), counter[r] + committed[r]);
		assert_int_equal(numbered(codes[r]) - before[r], committed[r]);
		free(given);
		free(expected);
	}
	if (whole)
		assert_int_equal(registers_with_gaps(), 0);
	assert_int_equal(
	        support_sql_long(super,
	                         "SELECT count(*) FROM hr.assignment WHERE position_id = %ld AND "
	                         "during @> current_date + 5",
	                         race),
	        HIRE_RATES);
	for (int k = 0; k < SIGNERS; k++)
		PQfinish(conns[k]);
	PQfinish(clerk);
}

/* ---- 4. a retried signature ------------------------------------------------------------- */

static void retried_signature_returns_same_number(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "Retry Desk", "2");
	long who = employee(clerk, "Retrova", pos);
	long id = order1(clerk, "leave", who, "current_date + 90", "until, leave_type",
	                 "current_date + 95, 'annual'");
	long checked = orders_version(clerk, id), counter, effects, lost, lost_checked;
	PGresult *res;
	char *sql, *number, *signed_at, *expected;

	(void)unused;
	/* Signed and committed; then the connection is gone. */
	PQclear(support_ok(head, "BEGIN"));
	sql = xasprintf("SELECT number_text, signed_at, already FROM hr.order_sign(%ld, %ld)", id,
	                checked);
	res = support_ok(head, sql);
	assert_string_equal(PQgetvalue(res, 0, 2), "f");
	number = xstrdup(PQgetvalue(res, 0, 0));
	signed_at = xstrdup(PQgetvalue(res, 0, 1));
	PQclear(res);
	PQclear(support_ok(head, "COMMIT"));
	PQfinish(head);
	counter = register_counter("L");
	effects = support_sql_long(super,
	                           "SELECT count(*) FROM hr.order_effect WHERE order_id = %ld", id);

	/* The client retries what it sent, on a new connection, and by another
	 * connection of the same head at once: the same number, already. */
	for (int attempt = 0; attempt < 2; attempt++) {
		head = support_connect("head_moe");
		res = support_ok(head, sql);
		assert_int_equal(PQntuples(res), 1);
		assert_string_equal(PQgetvalue(res, 0, 0), number);
		assert_string_equal(PQgetvalue(res, 0, 1), signed_at);
		assert_string_equal(PQgetvalue(res, 0, 2), "t");
		PQclear(res);
		PQfinish(head);
	}
	assert_int_equal(register_counter("L"), counter);
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.order_effect WHERE order_id = %ld",
	                         id),
	        effects);
	assert_int_equal(
	        support_sql_long(
	                super,
	                "SELECT count(*) FROM hr.hr_order WHERE org_id = %ld AND "
	                "number_text = '%s' AND year = extract(year FROM current_date)::int",
	                moe, number),
	        1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.absence WHERE person_id = %ld",
	                                  who),
	                 1);

	/* Lost before COMMIT: nothing was signed, the number is given again. */
	lost = order1(clerk, "leave", who, "current_date + 120", "until, leave_type",
	              "current_date + 121, 'annual'");
	lost_checked = orders_version(clerk, lost);
	head = support_connect("head_moe");
	PQclear(support_ok(head, "BEGIN"));
	free(sql);
	sql = xasprintf("SELECT number_text, already FROM hr.order_sign(%ld, %ld)", lost,
	                lost_checked);
	res = support_ok(head, sql);
	expected = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(head);
	orders_assert_status(lost, "draft");
	assert_int_equal(register_counter("L"), counter);
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.order_effect WHERE order_id = %ld",
	                         lost),
	        0);
	head = support_connect("head_moe");
	res = support_ok(head, sql);
	assert_string_equal(PQgetvalue(res, 0, 0), expected);
	assert_string_equal(PQgetvalue(res, 0, 1), "f");
	PQclear(res);
	assert_int_equal(register_counter("L"), counter + 1);
	free(expected);
	free(sql);
	free(number);
	free(signed_at);
	PQfinish(head);
	PQfinish(clerk);
}

/* ---- 5. cancelling ------------------------------------------------------------------------ */

/* Signs `id`, which changes `who`'s records, then cancels it (keyed by the
 * clerk, signed by the head): the records are as before, the order is
 * cancelled by the cancelling order, which has a number of its own and
 * cannot be cancelled itself, and the order is not cancelled twice. */
static void sign_then_cancel(PGconn *clerk, PGconn *head, long who, long id)
{
	char *before = snapshot(who), *after, *restored, *number, *cancel_number, *cancelled_by;
	long cancel, again;

	number = orders_sign(head, id);
	after = snapshot(who);
	assert_string_not_equal(before, after);
	cancel = orders_cancelling(clerk, moe, id);
	orders_passes_rules(clerk, cancel);
	cancel_number = orders_sign(head, cancel);
	restored = snapshot(who);
	assert_string_equal(restored, before);
	orders_assert_status(id, "cancelled");
	orders_assert_status(cancel, "signed");
	cancelled_by = support_sql_text(
	        super, "SELECT cancelled_by_id FROM hr.hr_order WHERE id = %ld", id);
	assert_int_equal(strtol(cancelled_by, NULL, 10), cancel);
	assert_string_not_equal(cancel_number, number);
	again = orders_cancelling(clerk, moe, id);
	orders_breaks_rule(clerk, head, again, "only a signed order can be cancelled");
	again = orders_cancelling(clerk, moe, cancel);
	orders_breaks_rule(clerk, head, again, "a cancelling order is not cancelled");
	free(cancelled_by);
	free(before);
	free(after);
	free(restored);
	free(number);
	free(cancel_number);
}

static void cancelling_restores_the_file(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long a = position(clerk, "Restore Post A", "3"), b = position(clerk, "Restore Post B", "2");
	long hired = person(clerk, "Hirecancelova", true);
	long staff = employee(clerk, "Stayova", a);
	long employment;
	char *values;

	(void)unused;
	/* A hire: nothing on file before, nothing after. */
	values = xasprintf("%ld, 0.5, 'OTH-%ld'", a, hired);
	sign_then_cancel(clerk, head, hired,
	                 order1(clerk, "hire", hired, "current_date + 12",
	                        "position_id, rate, personnel_no", values));
	free(values);
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.employment WHERE person_id = %ld",
	                         hired),
	        0);
	/* Someone with pay and grade on file since 2019. */
	employment = support_sql_long(super, "SELECT id FROM hr.employment WHERE person_id = %ld",
	                              staff);
	support_sql_run(super,
	                "INSERT INTO hr.pay_history (org_id, person_id, employment_id, pay_scale, "
	                "allowance, "
	                "during) VALUES (%ld, %ld, %ld, 'S4', 10, '[2019-01-02,)')",
	                moe, staff, employment);
	support_sql_run(
	        super,
	        "INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during) "
	        "VALUES (%ld, %ld, 'C1', 'third', '[2019-01-02,)')",
	        moe, staff);
	/* A transfer later on, and one that replaces the assignment from its first day. */
	values = xasprintf("%ld", b);
	sign_then_cancel(
	        clerk, head, staff,
	        order1(clerk, "transfer", staff, "current_date + 14", "position_id", values));
	free(values);
	values = xasprintf("%ld, 0.5", b);
	sign_then_cancel(
	        clerk, head, staff,
	        order1(clerk, "transfer", staff, "'2019-01-02'", "position_id, rate", values));
	free(values);
	/* A dismissal: assignment, pay and employment end. */
	sign_then_cancel(
	        clerk, head, staff,
	        order1(clerk, "dismissal", staff, "current_date + 5", "end_reason", "'agreement'"));
	/* A leave. */
	sign_then_cancel(clerk, head, staff,
	                 order1(clerk, "leave", staff, "current_date + 40", "until, leave_type",
	                        "current_date + 54, 'annual'"));
	/* A change of name. */
	sign_then_cancel(clerk, head, staff,
	                 order1(clerk, "personal", staff, "current_date",
	                        "last_name, first_name, document",
	                        "'Marriedova', 'Olga', 'Marriage certificate 12'"));
	/* Grade and pay: the old row shortened, or replaced on its first day. */
	sign_then_cancel(clerk, head, staff,
	                 order1(clerk, "grade", staff, "current_date + 3", "grade, class_rank",
	                        "'B2', 'second'"));
	sign_then_cancel(
	        clerk, head, staff,
	        order1(clerk, "pay", staff, "'2019-01-02'", "pay_scale, allowance", "'S5', 15"));
	PQfinish(clerk);
	PQfinish(head);
}

static void cancelling_refused_after_later_changes(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long a = position(clerk, "Later Post A", "2"), b = position(clerk, "Later Post B", "2");
	long who = person(clerk, "Laterova", true);
	long hire, transfer, cancel_hire, cancel_transfer;
	char *values, *none = snapshot(who), *hired, *moved, *now, *number, *sentence;

	(void)unused;
	values = xasprintf("%ld, 'OTL-%ld'", a, who);
	hire = order1(clerk, "hire", who, "current_date + 12", "position_id, personnel_no", values);
	free(values);
	number = orders_sign(head, hire);
	hired = snapshot(who);
	values = xasprintf("%ld", b);
	transfer = order1(clerk, "transfer", who, "current_date + 20", "position_id", values);
	free(values);
	free(orders_sign(head, transfer));
	moved = snapshot(who);
	/* The transfer shortened the hire's assignment: cancelling the hire is refused. */
	cancel_hire = orders_cancelling(clerk, moe, hire);
	sentence = xasprintf("changed since order %s was signed (edited)", number);
	orders_breaks_rule(clerk, head, cancel_hire, sentence);
	free(sentence);
	now = snapshot(who);
	assert_string_equal(now, moved);
	free(now);
	/* Undone in order, the same cancelling order goes through. */
	cancel_transfer = orders_cancelling(clerk, moe, transfer);
	free(orders_sign(head, cancel_transfer));
	now = snapshot(who);
	assert_string_equal(now, hired);
	free(now);
	orders_passes_rules(clerk, cancel_hire);
	free(orders_sign(head, cancel_hire));
	now = snapshot(who);
	assert_string_equal(now, none);
	free(now);
	free(number);

	/* A later leave hangs on the employment the hire made. */
	values = xasprintf("%ld, 'OTM-%ld'", a, who);
	hire = order1(clerk, "hire", who, "current_date + 12", "position_id, personnel_no", values);
	free(values);
	free(orders_sign(head, hire));
	free(orders_sign(head, order1(clerk, "leave", who, "current_date + 30", "until, leave_type",
	                              "current_date + 33, 'annual'")));
	free(moved);
	moved = snapshot(who);
	cancel_hire = orders_cancelling(clerk, moe, hire);
	orders_breaks_rule(clerk, head, cancel_hire, "later records depend on it (leave)");
	now = snapshot(who);
	assert_string_equal(now, moved);
	free(now);
	orders_assert_status(hire, "signed");
	free(none);
	free(hired);
	free(moved);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 6. a future order -------------------------------------------------------------------- */

/* "rates filled vacant" of a position in the staffing table as of today + offset. */
static char *staffing(PGconn *conn, long pos, int offset)
{
	return support_sql_text(conn,
	                        "SELECT rates || ' ' || filled || ' ' || vacant FROM "
	                        "hr.staffing_table(%ld, current_date + %d) WHERE position_id = %ld",
	                        moe, offset, pos);
}

static void assert_staffing(PGconn *conn, long pos, int offset, const char *expected)
{
	char *got = staffing(conn, pos, offset);

	assert_string_equal(got, expected);
	free(got);
}

static long vacancy(PGconn *conn, long pos, int offset)
{
	return support_sql_long(
	        conn,
	        "SELECT count(*) FROM hr.vacancies(%ld, current_date + %d, NULL, %ld) "
	        "WHERE position_id = %ld",
	        moe, offset, dept, pos);
}

static long held_on(PGconn *conn, long who, int offset)
{
	return support_sql_long(
	        conn,
	        "SELECT a.position_id FROM hr.assignment a JOIN hr.employment e ON e.id = "
	        "a.employment_id WHERE e.person_id = %ld AND a.during @> current_date + %d",
	        who, offset);
}

static void future_transfer_changes_staffing_on_its_day(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long from = position(clerk, "Present Desk", "1"), to = position(clerk, "Future Desk", "1");
	long who = employee(clerk, "Futurova", from);
	char *values = xasprintf("%ld", to);

	(void)unused;
	free(orders_sign(
	        head, order1(clerk, "transfer", who, "current_date + 30", "position_id", values)));
	free(values);
	/* Today and the day before: as it was. */
	for (int offset = 0; offset <= 29; offset += 29) {
		assert_staffing(clerk, from, offset, "1.00 1.00 0.00");
		assert_staffing(clerk, to, offset, "1.00 0.00 1.00");
		assert_int_equal(vacancy(clerk, from, offset), 0);
		assert_int_equal(vacancy(clerk, to, offset), 1);
		assert_int_equal(held_on(clerk, who, offset), from);
	}
	/* From the day on: moved. */
	assert_staffing(clerk, from, 30, "1.00 0.00 1.00");
	assert_staffing(clerk, to, 30, "1.00 1.00 0.00");
	assert_int_equal(vacancy(clerk, from, 30), 1);
	assert_int_equal(vacancy(clerk, to, 30), 0);
	assert_int_equal(held_on(clerk, who, 30), to);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 7. the preview ------------------------------------------------------------------------ */

/* The rows of a query, "a|b|c" per row, one per line (caller frees). */
static char *rows(PGconn *conn, const char *fmt, ...)
{
	va_list ap;
	char *sql, *out;
	PGresult *res;

	va_start(ap, fmt);
	sql = support_vformat(fmt, ap);
	va_end(ap);
	res = support_ok(conn, sql);
	out = xstrdup("");
	for (int r = 0; r < PQntuples(res); r++)
		for (int c = 0; c < PQnfields(res); c++) {
			const char *v = PQgetvalue(res, r, c);
			char *more =
			        xasprintf("%s%s%s", out, v, c + 1 < PQnfields(res) ? "|" : "\n");

			free(out);
			out = more;
		}
	PQclear(res);
	free(sql);
	return out;
}

/* What exists now that a preview must not add to (caller frees). */
static char *written(void)
{
	return support_sql_text(
	        super, "SELECT (SELECT count(*) FROM hr.absence) || ' ' || "
	               "(SELECT count(*) FROM hr.assignment) || ' ' || "
	               "(SELECT count(*) FROM hr.employment) || ' ' || "
	               "(SELECT coalesce(sum(last_no), 0) FROM hr.order_counter) || ' ' || "
	               "(SELECT count(*) FROM hr.order_effect)");
}

static const char preview_sql[] =
        "SELECT seq, coalesce(line_no::text, '-'), action, table_name, description "
        "FROM hr.order_preview(%ld) ORDER BY seq";
static const char effect_sql[] =
        "SELECT f.seq, coalesce(l.line_no::text, '-'), f.action, f.table_name, f.description "
        "FROM hr.order_effect f LEFT JOIN hr.order_line l ON l.id = f.line_id "
        "WHERE f.order_id = %ld ORDER BY f.seq";

static void preview_shows_what_signing_writes(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long a = position(clerk, "Preview Post A", "3"), b = position(clerk, "Preview Post B", "2");
	long full = position(clerk, "Preview Full", "1");
	long u = employee(clerk, "Previewova", a), w = employee(clerk, "Glimpsova", a);
	long transfer = order(clerk, "transfer"), leave, hire, newcomer;
	char *values = xasprintf("%ld", b), *half = xasprintf("%ld, 0.5", b);
	char *was, *u_before, *w_before, *preview, *effects, *now, *again;

	(void)unused;
	employee(clerk, "Occupova", full);
	line(clerk, transfer, 1, u, "current_date + 15", "position_id", values);
	line(clerk, transfer, 2, w, "current_date + 15", "position_id, rate", half);
	free(values);
	free(half);
	leave = order1(clerk, "leave", u, "current_date + 60", "until, leave_type",
	               "current_date + 61, 'annual'");
	was = written();
	u_before = snapshot(u);
	w_before = snapshot(w);

	/* The clerk's preview: two records per line, nothing written. */
	preview = rows(clerk, preview_sql, transfer);
	again = rows(clerk, preview_sql, leave);
	assert_int_equal(
	        support_sql_long(clerk, "SELECT count(*) FROM hr.order_preview(%ld)", transfer), 4);
	support_assert_contains(preview,
	                        "|assignment|Previewova Orla: leaves \"Preview Post A\" after ");
	support_assert_contains(preview,
	                        "|assignment|Glimpsova Orla: assigned to \"Preview Post B\" (0.5");
	support_assert_contains(again, "|absence|Previewova Orla: annual paid leave ");
	now = written();
	assert_string_equal(now, was);
	free(now);
	now = snapshot(u);
	assert_string_equal(now, u_before);
	free(now);
	now = snapshot(w);
	assert_string_equal(now, w_before);
	free(now);
	orders_assert_status(transfer, "draft");

	/* Signing writes exactly those rows. */
	free(orders_sign(head, transfer));
	effects = rows(super, effect_sql, transfer);
	assert_string_equal(effects, preview);
	free(effects);
	free(orders_sign(head, leave));
	effects = rows(super, effect_sql, leave);
	assert_string_equal(effects, again);
	free(effects);
	/* Once signed, the preview shows what was written. */
	effects = rows(clerk, preview_sql, transfer);
	assert_string_equal(effects, preview);
	free(effects);

	/* A hire onto a position someone fills: writing fails, the preview
	 * reports it as an error row and writes nothing either. */
	free(was);
	was = written();
	newcomer = person(clerk, "Crowdova", true);
	hire = order(clerk, "hire");
	values = xasprintf("%ld, 'OTP-%ld'", full, newcomer);
	line(clerk, hire, 1, newcomer, "current_date + 3", "position_id, personnel_no", values);
	free(values);
	free(preview);
	preview = rows(clerk, preview_sql, hire);
	support_assert_contains(preview, "|error|");
	support_assert_contains(preview, "Preview Full");
	now = written();
	assert_string_equal(now, was);
	free(now);
	free(preview);
	free(again);
	free(was);
	free(u_before);
	free(w_before);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 8. the signed text ------------------------------------------------------------------ */

static void signed_text_is_kept_and_guarded(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "Text Desk", "1");
	long who = employee(clerk, "Textova", pos);
	long id = order1(clerk, "leave", who, "current_date + 70", "until, leave_type",
	                 "current_date + 83, 'annual'");
	long ru, cancel;
	char *number, *signed_text,
	        *org = support_sql_text(super, "SELECT name FROM hr.org WHERE id = %ld", moe);
	char *from = orders_day(70), *sentence;

	(void)unused;
	support_sql_run(clerk,
	                "UPDATE hr.hr_order SET basis = 'Application of 1 March' WHERE id = %ld",
	                id);
	number = orders_sign(head, id);
	signed_text =
	        support_sql_text(clerk, "SELECT signed_text FROM hr.hr_order WHERE id = %ld", id);
	support_assert_contains(signed_text, org);
	sentence = xasprintf("ORDER No. %s", number);
	support_assert_contains(signed_text, sentence);
	free(sentence);
	support_assert_contains(signed_text, "ON LEAVE");
	sentence = xasprintf("To grant Textova Orla (personnel no. OT-%ld), Text Desk, annual "
	                     "paid leave of 14 calendar days from %s",
	                     who, from);
	support_assert_contains(signed_text, sentence);
	free(sentence);
	support_assert_contains(signed_text, "Basis: Application of 1 March");
	support_assert_contains(signed_text, "head_moe");
	free(signed_text);
	signed_text = support_sql_text(
	        super,
	        "SELECT signed_by || ' ' || (order_date = current_date) FROM hr.hr_order "
	        "WHERE id = %ld",
	        id);
	assert_string_equal(signed_text, "head_moe true");
	free(signed_text);

	/* Not even the superuser changes a signed order: the guard refuses. */
	free(support_sql_refused(super, "55000",
	                         "UPDATE hr.hr_order SET signed_text = 'Forged' WHERE id = %ld",
	                         id));
	free(support_sql_refused(
	        super, "55000", "UPDATE hr.hr_order SET number = number + 100 WHERE id = %ld", id));
	free(support_sql_refused(super, "55000",
	                         "UPDATE hr.hr_order SET basis = 'Other' WHERE id = %ld", id));
	free(support_sql_refused(
	        super, "55000",
	        "UPDATE hr.hr_order SET status = 'draft', number = NULL, signed_text = NULL "
	        "WHERE id = %ld",
	        id));
	free(support_sql_refused(super, "55000",
	                         "UPDATE hr.order_line SET until = until + 7 WHERE order_id = %ld",
	                         id));
	/* Cancelled, it stays cancelled with its text. */
	cancel = orders_cancelling(clerk, moe, id);
	free(orders_sign(head, cancel));
	free(support_sql_refused(super, "55000",
	                         "UPDATE hr.hr_order SET status = 'signed' WHERE id = %ld", id));
	signed_text = support_sql_text(super, "SELECT signed_text FROM hr.hr_order WHERE id = %ld",
	                               cancel);
	sentence = xasprintf("To cancel order No. %s of ", number);
	support_assert_contains(signed_text, sentence);
	free(sentence);
	free(signed_text);

	/* In Russian when the head says so. */
	support_sql_run(head, "UPDATE hr.order_setting SET language = 'ru' WHERE org_id = %ld",
	                moe);
	ru = order1(clerk, "leave", who, "current_date + 100", "until, leave_type",
	            "current_date + 101, 'annual'");
	free(number);
	number = orders_sign(head, ru);
	support_sql_run(head, "UPDATE hr.order_setting SET language = '%s' WHERE org_id = %ld",
	                saved_language, moe);
	signed_text =
	        support_sql_text(super, "SELECT signed_text FROM hr.hr_order WHERE id = %ld", ru);
	sentence = xasprintf("ПРИКАЗ № %s", number);
	support_assert_contains(signed_text, sentence);
	free(sentence);
	support_assert_contains(signed_text, "О ПРЕДОСТАВЛЕНИИ ОТПУСКА");
	support_assert_contains(signed_text, "Textova Orla");
	free(signed_text);
	free(number);
	free(from);
	free(org);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 9. retro-dated orders ---------------------------------------------------------------- */

static void retro_dated_order_names_what_it_overlaps(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "Retro Desk", "1");
	long who = employee(clerk, "Retrodova", pos);
	long id;
	char *leave, *award, *warnings, *sentence;

	(void)unused;
	/* A leave that ended 35 days ago and an award of 200 days ago, both signed. */
	leave = orders_sign(head, order1(clerk, "leave", who, "current_date - 40",
	                                 "until, leave_type", "current_date - 35, 'annual'"));
	award = orders_sign(head, order1(clerk, "award", who, "current_date - 200", "award",
	                                 "'Letter of Thanks'"));
	/* Pay from 38 days ago reaches back over the leave, not the award. */
	id = order1(clerk, "pay", who, "current_date - 38", "pay_scale, allowance", "'S3', 5");
	warnings = orders_problems(clerk, id, "warning");
	sentence = xasprintf("retro-dated: takes effect 38 days ago; overlaps signed order(s) %s",
	                     leave);
	assert_string_equal(warnings, sentence);
	assert_lacks(warnings, award);
	free(sentence);
	free(warnings);
	orders_passes_rules(clerk, id);
	/* A warning does not stop the head. */
	free(orders_sign(head, id));
	/* Today's order warns of nothing. */
	id = order1(clerk, "award", who, "current_date", "award", "'Medal'");
	warnings = orders_problems(clerk, id, "warning");
	assert_string_equal(warnings, "");
	free(warnings);
	free(leave);
	free(award);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- setup and cleanup ---------------------------------------------------------------------- */

static int setup(void **unused)
{
	PGconn *clerk;

	(void)unused;
	super = support_connect_superuser();
	orders_init(super);
	moe = support_long(super, "SELECT id FROM hr.org WHERE code = 'MOE'");
	orders_marks_read(&marks);
	saved_language = support_sql_text(
	        super, "SELECT language FROM hr.order_setting WHERE org_id = %ld", moe);
	saved_repeat = support_sql_text(
	        super, "SELECT award_repeat_years FROM hr.order_setting WHERE org_id = %ld", moe);
	saved_obligation = support_sql_text(
	        super,
	        "SELECT obligation_blocks_own_request FROM hr.order_setting WHERE org_id = %ld",
	        moe);
	clerk = support_connect("clerk_moe");
	dept = support_sql_long(
	        clerk,
	        "INSERT INTO hr.department (org_id, code, name, valid_from) "
	        "VALUES (%ld, 'ORD%d', 'Orders Test Unit', '2000-01-01') RETURNING id",
	        moe, (int)getpid());
	PQfinish(clerk);
	return 0;
}

/* Removes what the tests made and puts the settings, the counters and the
 * extra heads back. */
static int teardown(void **unused)
{
	char *orgs = xasprintf("(%ld)", moe);
	char *after =
	        xasprintf("UPDATE hr.order_setting SET language = '%s', award_repeat_years = %s, "
	                  " obligation_blocks_own_request = '%s' WHERE org_id = %ld;",
	                  saved_language, saved_repeat, saved_obligation, moe);
	int failed = orders_remove_since(orgs, &marks, NULL, after);

	(void)unused;
	free(after);
	free(orgs);
	for (int k = 0; k < EXTRA_HEADS && !failed; k++) {
		char name[64];

		snprintf(name, sizeof name, "ord_head_%d_%d", (int)getpid(), k);
		orders_drop_login(name);
	}
	free(saved_language);
	free(saved_repeat);
	free(saved_obligation);
	PQfinish(super);
	return failed;
}

/* ---- 10. around a signature ------------------------------------------------------------ */

/* A draft recall pointing at a leave does not stop cancelling the leave
 * (the draft loses the reference and finds no leave any more); two heads
 * signing overlapping leave at the same moment: the second waits for the
 * first (signers of one person's orders queue on the person) and is then
 * refused with the rule's sentence (23514), never the raw constraint (23P01). */
static void drafts_and_races_around_signing(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "Race Desk", "3");
	long who = employee(clerk, "Racova", pos);
	long leave, recall, first, second;
	char name[64], *sql, *found;
	PGconn *rival;
	PGresult *res;

	(void)unused;
	leave = order1(clerk, "leave", who, "current_date + 60", "until, leave_type",
	               "current_date + 70, 'annual'");
	free(orders_sign(head, leave));
	recall = order(clerk, "recall");
	sql = xasprintf("(SELECT id FROM hr.absence WHERE person_id = %ld)", who);
	line(clerk, recall, 1, who, "current_date + 65", "absence_id", sql);
	free(sql);
	free(orders_sign(head, orders_cancelling(clerk, moe, leave)));
	orders_assert_status(leave, "cancelled");
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.order_line WHERE order_id = %ld "
	                                  "AND absence_id IS NULL",
	                                  recall),
	                 1);
	found = orders_problems(clerk, recall, "error");
	support_assert_contains(found, "is not on leave");
	free(found);

	first = order1(clerk, "leave", who, "current_date + 80", "until, leave_type",
	               "current_date + 90, 'annual'");
	second = order1(clerk, "leave", who, "current_date + 85", "until, leave_type",
	                "current_date + 95, 'study'");
	snprintf(name, sizeof name, "ord_head_%d_0", (int)getpid());
	rival = support_connect(name);
	support_sql_run(head, "BEGIN");
	free(orders_sign(head, first));
	sql = xasprintf("SELECT * FROM hr.order_sign(%ld, %ld)", second,
	                orders_version(rival, second));
	assert_int_equal(PQsendQuery(rival, sql), 1);
	free(sql);
	/* The rival waits for the person, before checking the rules. */
	for (int i = 0;
	     i < 200 && support_sql_long(super,
	                                 "SELECT count(*) FROM pg_stat_activity WHERE pid = %d "
	                                 "AND wait_event_type = 'Lock'",
	                                 PQbackendPID(rival)) == 0;
	     i++)
		usleep(50 * 1000);
	support_sql_run(head, "COMMIT");
	res = PQgetResult(rival);
	assert_int_equal(PQresultStatus(res), PGRES_FATAL_ERROR);
	assert_string_equal(PQresultErrorField(res, PG_DIAG_SQLSTATE), "23514");
	support_assert_contains(PQresultErrorMessage(res), "The order cannot be signed");
	support_assert_contains(PQresultErrorMessage(res), "overlaps leave");
	PQclear(res);
	while ((res = PQgetResult(rival)) != NULL)
		PQclear(res);
	orders_assert_status(first, "signed");
	orders_assert_status(second, "draft");

	/* The preview names the rates a position will have filled. */
	{
		long seat = position(clerk, "Race Seat", "2"),
		     newcomer = person(clerk, "Newrace", true);
		char *values = xasprintf("%ld, 'RACE-%d'", seat, (int)getpid() % 100000);
		long hire = order1(clerk, "hire", newcomer, "current_date + 5",
		                   "position_id, personnel_no", values);

		free(values);
		found = support_sql_text(
		        clerk,
		        "SELECT string_agg(description, ' | ') FROM hr.order_preview(%ld) "
		        "WHERE table_name = 'assignment'",
		        hire);
		support_assert_contains(found, "\"Race Seat\" then has 1.00 of 2.00 rates filled");
		free(found);
	}
	PQfinish(rival);
	PQfinish(clerk);
	PQfinish(head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_other_heads_sign_and_nobody_edits_signed),
		cmocka_unit_test(hire_rules),
		cmocka_unit_test(leave_and_trip_rules),
		cmocka_unit_test(own_request_during_obligation),
		cmocka_unit_test(award_not_repeated_within_years),
		cmocka_unit_test(transfer_and_recall_rules),
		cmocka_unit_test(numbers_gap_free_under_concurrency),
		cmocka_unit_test(retried_signature_returns_same_number),
		cmocka_unit_test(cancelling_restores_the_file),
		cmocka_unit_test(cancelling_refused_after_later_changes),
		cmocka_unit_test(future_transfer_changes_staffing_on_its_day),
		cmocka_unit_test(preview_shows_what_signing_writes),
		cmocka_unit_test(signed_text_is_kept_and_guarded),
		cmocka_unit_test(retro_dated_order_names_what_it_overlaps),
		cmocka_unit_test(drafts_and_races_around_signing),
	};

	return cmocka_run_group_tests_name("db_orders", tests, setup, teardown);
}
