/*
 * test_transfer.c - transfers between organisations as the logins live
 * them: MOE's clerk keys a transfer out, MOE's head signs it (the service
 * ends, the file is released to MWA); MWA's clerk finds the release and
 * takes the file on (a copy with every section and the service in MOE as
 * prior employment, under the same person of the service), then hires the
 * person with an order of MWA's own.  MOE keeps its file read only.  Other
 * organisations, MOE itself and the ministry cannot take the file; it is
 * taken once, also by two calls at once; one current file per personal ID
 * number; a transfer is cancelled only while the file has not been taken
 * on, also when both happen at the same moment.
 *
 * Every test builds its own people in MOE (committed: the clerk keys, the
 * head signs on another connection); the group teardown removes them, what
 * MWA made of them, the orders, the structure and the extra head again as
 * the superuser.
 */
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
static long moe, mwa, dept, mwa_dept;
/* Ids before this run: the teardown removes what came after. */
static struct orders_marks marks;
/* The head of MWA the hiring test creates (a login of this run). */
static char mwa_head[64];

/* ---- statements ----------------------------------------------------------------------- */

/* Waits (up to ten seconds) until `conn`, whose statement was sent, waits
 * for a lock; fails the test if it never does (then nothing raced). */
static void wait_for_lock(PGconn *conn)
{
	for (int i = 0; support_sql_long(super,
	                                 "SELECT count(*) FROM pg_stat_activity WHERE pid = %d "
	                                 "AND wait_event_type = 'Lock'",
	                                 PQbackendPID(conn)) == 0;
	     i++) {
		assert_true(i < 200);
		usleep(50 * 1000);
	}
}

/* The result of the statement sent on `conn`: "00000" or the SQLSTATE; in
 * *value the first value, or the message of the error (a new string). */
static char *outcome(PGconn *conn, char **value)
{
	PGresult *res = PQgetResult(conn);
	ExecStatusType st = PQresultStatus(res);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	char *got = xstrdup(st == PGRES_TUPLES_OK ? "00000" : state ? state : "?????");

	*value = xstrdup(st == PGRES_TUPLES_OK && PQntuples(res) > 0 ? PQgetvalue(res, 0, 0)
	                 : message                                   ? message
	                                                             : "");
	PQclear(res);
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
	return got;
}

/* ---- fixtures ------------------------------------------------------------------------- */

/* A position of `department` of `org`, in force since 2000; returns its id. */
static long position(PGconn *clerk, long org, long department, const char *title)
{
	return support_sql_long(
	        clerk,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, "
	        "valid_from) VALUES (%ld, %ld, '%s', 'C1', 2, '2000-01-01') RETURNING id",
	        org, department, title);
}

/* A person of MOE keyed by its clerk, with consent on file since 2001. */
static long person(PGconn *clerk, const char *last_name)
{
	long id = support_sql_long(clerk,
	                           "INSERT INTO hr.person (org_id, last_name, first_name) "
	                           "VALUES (%ld, '%s', 'Orla') RETURNING id",
	                           moe, last_name);

	support_sql_run(clerk,
	                "INSERT INTO hr.consent (org_id, person_id, given_on, document) "
	                "VALUES (%ld, %ld, '2001-01-01', 'Consent form')",
	                moe, id);
	return id;
}

/* Puts a person on `pos` of MOE since 2019 as the superuser (the file as an
 * earlier system left it); returns the employment id. */
static long employ(long who, long pos)
{
	long employment = support_sql_long(
	        super,
	        "INSERT INTO hr.employment (org_id, person_id, personnel_no, "
	        "hire_date) VALUES (%ld, %ld, 'TR-%ld', '2019-01-02') RETURNING id",
	        moe, who, who);

	support_sql_run(
	        super,
	        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	        "VALUES (%ld, %ld, %ld, 1, '[2019-01-02,)')",
	        moe, employment, pos);
	return employment;
}

/* A person of MOE with consent, employed on a position of their own. */
static long employee(PGconn *clerk, const char *last_name)
{
	long id = person(clerk, last_name);
	char *title = xasprintf("%s Desk", last_name);

	employ(id, position(clerk, moe, dept, title));
	free(title);
	return id;
}

/* A personal ID number no file has, valid in the service's scheme, of a
 * woman born on 14.07.1985 (caller frees). */
static char *free_personal_id(void)
{
	return support_sql_text(
	        super, "SELECT c.id FROM generate_series(9999, 0, -1) k, generate_series(0, 9) d, "
	               " LATERAL (SELECT '8507144' || lpad(k::text, 4, '0') || d AS id) c "
	               "WHERE hr.personal_id_problem('kz_iin', c.id) IS NULL AND NOT EXISTS "
	               " (SELECT 1 FROM hr.person p WHERE p.personal_id = c.id) LIMIT 1");
}

/* Creates a head of `org` with a certificate; the teardown drops it. */
static void make_head(const char *name, const char *org)
{
	char *command = xasprintf("'%s/scripts/devdb.sh' admin user add %s --org %s --kind head "
	                          ">/dev/null && '%s/scripts/devdb.sh' cert %s >/dev/null",
	                          support_root(), name, org, support_root(), name);

	assert_int_equal(support_run(command, NULL), 0);
	free(command);
}

/* ---- orders --------------------------------------------------------------------------- */

/* MWA as MOE's clerk finds it in the list of the service's organisations. */
#define TO_MWA "(SELECT id FROM hr.service_orgs() WHERE code = 'MWA')"

/* A transfer out of MOE to MWA with one line for `who`, the last day there
 * `last_day` days from today. */
static long transfer_to_mwa(PGconn *clerk, long who, int last_day)
{
	long id = orders_draft(clerk, moe, "transfer_out");
	char *effective = xasprintf("current_date + %d", last_day);

	orders_line(clerk, moe, id, 1, who, effective, "to_org_id", TO_MWA);
	free(effective);
	return id;
}

/* The release a signed transfer of `who` wrote (0: none). */
static long release_of(long who)
{
	return support_sql_long(
	        super, "SELECT coalesce(max(id), 0) FROM hr.person_release WHERE person_id = %ld",
	        who);
}

/* Takes the file of `release` on as `conn`; returns the new person's id. */
static long receive(PGconn *conn, long release)
{
	return support_sql_long(conn, "SELECT hr.receive_person(%ld)", release);
}

/* The service, the release and the person row of `who` in MOE, as the
 * superuser reads them (caller frees). */
static char *service_of(long who)
{
	return support_sql_text(
	        super,
	        "SELECT jsonb_build_object("
	        " 'person', (SELECT to_jsonb(p) - 'version' - 'search_text' FROM hr.person p "
	        "   WHERE p.id = %1$ld),"
	        " 'employment', (SELECT jsonb_agg(to_jsonb(e) - 'version' ORDER BY e.id) "
	        "   FROM hr.employment e WHERE e.person_id = %1$ld),"
	        " 'assignment', (SELECT jsonb_agg(to_jsonb(a) - 'version' ORDER BY a.id) "
	        "   FROM hr.assignment a JOIN hr.employment e ON e.id = a.employment_id "
	        "   WHERE e.person_id = %1$ld),"
	        " 'release', (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.id) "
	        "   FROM hr.person_release r WHERE r.person_id = %1$ld))::text",
	        who);
}

/* ---- 1. the rules ------------------------------------------------------------------------ */

/* A transfer out of MOE, the last day there +10 (+30 once), to an
 * organisation of the service and no other: each case its own draft, the
 * sentence the rules give it or ORDERS_PASSES (see support_orders.h). */
static void transfer_needs_another_organisation_of_the_service(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long who = employee(clerk, "Rulova"), on_leave = employee(clerk, "Leavelova");
	long unemployed = person(clerk, "Unemployova");
	const struct orders_fixture fixtures[] = {
		{ "who", who },
		{ "on_leave", on_leave },
		{ "unemployed", unemployed },
		{ "moe", moe },
		{ NULL, 0 },
	};
	const char *needed = "the organisation to transfer to is needed";
	struct orders_case cases[] = {
		{ "to nowhere",
		  "transfer_out",
		  { { "who", "current_date + 10", "to_org_id", "NULL" } },
		  .expected = needed },
		{ "to itself",
		  "transfer_out",
		  { { "who", "current_date + 10", "to_org_id", "{moe}" } },
		  .expected = needed },
		{ "to the agency",
		  "transfer_out",
		  { { "who", "current_date + 10", "to_org_id",
		      "(SELECT id FROM hr.org WHERE code = 'CSA')" } },
		  .expected = needed },
		{ "leave past the last day",
		  "transfer_out",
		  { { "on_leave", "current_date + 10", "to_org_id", TO_MWA } },
		  .expected = "leave or a business trip runs past the last day" },
		{ "not employed on the day",
		  "transfer_out",
		  { { "unemployed", "current_date + 10", "to_org_id", "NULL" } },
		  .expected = "not employed on" },
		{ "the last day after the leave",
		  "transfer_out",
		  { { "on_leave", "current_date + 30", "to_org_id", TO_MWA } },
		  .expected = ORDERS_PASSES,
		  .signs = true },
	};
	const struct orders_table table = { "transfer_needs_another_organisation_of_the_service",
		                            clerk, head, moe, fixtures };
	char *listed;
	long id;

	(void)unused;
	/* The list to choose from: the ministries and organisations, not the agency. */
	listed = support_sql_text(clerk,
	                          "SELECT count(*) FILTER (WHERE code = 'MWA') || ' ' || "
	                          "count(*) FILTER (WHERE code = 'MOE-FOR') || ' ' || "
	                          "count(*) FILTER (WHERE code = 'CSA') FROM hr.service_orgs()");
	assert_string_equal(listed, "1 1 0");
	free(listed);
	/* Leave from +20 to +25: it stops a transfer as it stops a dismissal. */
	id = orders_draft(clerk, moe, "leave");
	orders_line(clerk, moe, id, 1, on_leave, "current_date + 20", "until, leave_type",
	            "current_date + 25, 'annual'");
	free(orders_sign(head, id));
	orders_run_cases(&table, cases, CASES(cases));
	/* Nothing was released but by the transfer that signed. */
	assert_int_equal(
	        support_sql_long(
	                super, "SELECT count(*) FROM hr.person_release WHERE person_id = %ld", who),
	        0);
	assert_int_equal(release_of(on_leave) > 0, 1);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 2. signing: the service ends, the file is released --------------------------------- */

static void signing_ends_the_service_and_releases_the_file(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa"), *forestry = support_connect("clerk_for");
	PGconn *ministry = support_connect("ministry_moe");
	long who = employee(clerk, "Releasova");
	long id = transfer_to_mwa(clerk, who, 6), release;
	char *number, *got, *last = orders_day(6), *sentence;

	(void)unused;
	/* A clerk keys it, only a head signs it. */
	free(support_sql_refused(clerk, "42501", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                         orders_version(clerk, id)));
	orders_passes_rules(clerk, id);
	number = orders_sign(head, id);

	/* The service ends on the last day, on transfer; the rate is free after it. */
	got = support_sql_text(super,
	                       "SELECT end_date = current_date + 6 AND end_reason = 'transfer' "
	                       "FROM hr.employment WHERE person_id = %ld",
	                       who);
	assert_string_equal(got, "t");
	free(got);
	got = support_sql_text(
	        super,
	        "SELECT string_agg(upper(a.during)::text, ',') = (current_date + 7)::text "
	        "FROM hr.assignment a JOIN hr.employment e ON e.id = a.employment_id "
	        "WHERE e.person_id = %ld",
	        who);
	assert_string_equal(got, "t");
	free(got);
	/* One release to MWA, from this order's line, not yet taken on. */
	release = release_of(who);
	got = support_sql_text(
	        super,
	        "SELECT r.org_id = %ld AND r.to_org_id = %ld AND r.last_day = current_date + 6 "
	        "AND r.received_person_id IS NULL AND r.received_at IS NULL "
	        "AND l.order_id = %ld FROM hr.person_release r "
	        "JOIN hr.order_line l ON l.id = r.order_line_id WHERE r.id = %ld",
	        moe, mwa, id, release);
	assert_string_equal(got, "t");
	free(got);
	/* The signed text says where to and the last day. */
	got = support_sql_text(clerk, "SELECT signed_text FROM hr.hr_order WHERE id = %ld", id);
	support_assert_contains(got, "ON TRANSFER TO ANOTHER ORGANISATION");
	sentence = xasprintf("Releasova Orla (personnel no. TR-%ld)", who);
	support_assert_contains(got, sentence);
	free(sentence);
	sentence =
	        xasprintf("to Ministry of Women's Affairs; the last working day here is %s", last);
	support_assert_contains(got, sentence);
	free(sentence);
	free(got);

	/* MWA sees the release (by name and ID number too), with where from and
	 * the last day; nobody else does. */
	got = support_sql_text(
	        mwa_clerk,
	        "SELECT string_agg(name || '|' || from_code || '|' || from_name || '|' || "
	        "last_day, ';') FROM hr.released_to_us('') WHERE release_id = %ld",
	        release);
	free(last);
	last = support_sql_text(super, "SELECT (current_date + 6)::text");
	sentence = xasprintf("Releasova Orla|MOE|Ministry of Environment|%s", last);
	assert_string_equal(got, sentence);
	free(sentence);
	free(got);
	assert_int_equal(support_sql_long(mwa_clerk,
	                                  "SELECT count(*) FROM hr.released_to_us('rELEASOV') "
	                                  "WHERE release_id = %ld",
	                                  release),
	                 1);
	assert_int_equal(
	        support_sql_long(mwa_clerk,
	                         "SELECT count(*) FROM hr.released_to_us('Nobody-like-this') "
	                         "WHERE release_id = %ld",
	                         release),
	        0);
	assert_int_equal(support_sql_long(forestry, "SELECT count(*) FROM hr.released_to_us('')"),
	                 0);
	assert_int_equal(
	        support_sql_long(
	                clerk, "SELECT count(*) FROM hr.released_to_us('') WHERE release_id = %ld",
	                release),
	        0);
	assert_int_equal(
	        support_sql_long(
	                head, "SELECT count(*) FROM hr.released_to_us('') WHERE release_id = %ld",
	                release),
	        0);
	free(support_sql_refused(ministry, "42501", "SELECT * FROM hr.released_to_us('')"));
	/* MWA reads neither MOE's file nor its release directly. */
	assert_int_equal(
	        support_sql_long(mwa_clerk, "SELECT count(*) FROM hr.person WHERE id = %ld", who),
	        0);
	assert_int_equal(support_sql_long(mwa_clerk,
	                                  "SELECT count(*) FROM hr.consent WHERE person_id = %ld",
	                                  who),
	                 0);
	assert_int_equal(support_sql_long(mwa_clerk, "SELECT count(*) FROM hr.person_release"), 0);
	/* Nobody writes releases but signing: no forged release, none taken over. */
	free(support_sql_refused(
	        clerk, "42501",
	        "INSERT INTO hr.person_release (org_id, person_id, to_org_id, last_day) "
	        "VALUES (%ld, %ld, %ld, current_date)",
	        moe, who, mwa));
	free(support_sql_refused(mwa_clerk, "42501",
	                         "UPDATE hr.person_release SET to_org_id = %ld WHERE id = %ld", mwa,
	                         release));
	free(support_sql_refused(
	        clerk, "42501",
	        "UPDATE hr.person_release SET received_person_id = %ld WHERE id = %ld", who,
	        release));
	free(support_sql_refused(clerk, "42501", "DELETE FROM hr.person_release WHERE id = %ld",
	                         release));
	free(support_sql_refused(mwa_clerk, "42501",
	                         "INSERT INTO hr.person (org_id, last_name, first_name, human_id) "
	                         "VALUES (%ld, 'Forgova', 'Orla', %ld)",
	                         mwa, who));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.person SET moved_to = %ld WHERE id = %ld", mwa, who));
	assert_int_equal(
	        support_sql_long(
	                super, "SELECT count(*) FROM hr.person_release WHERE person_id = %ld", who),
	        1);

	/* Taking the file on: only the organisation it was released to. */
	free(support_sql_refused(forestry, "P0002", "SELECT hr.receive_person(%ld)", release));
	free(support_sql_refused(clerk, "P0002", "SELECT hr.receive_person(%ld)", release));
	free(support_sql_refused(head, "P0002", "SELECT hr.receive_person(%ld)", release));
	free(support_sql_refused(ministry, "42501", "SELECT hr.receive_person(%ld)", release));
	free(support_sql_refused(
	        mwa_clerk, "P0002", "SELECT hr.receive_person(%ld)",
	        support_sql_long(super,
	                         "SELECT coalesce(max(id), 0) + 1000 FROM hr.person_release")));
	/* ... and nothing moved. */
	got = support_sql_text(
	        super,
	        "SELECT (SELECT received_person_id IS NULL FROM hr.person_release WHERE id = %ld) "
	        "AND (SELECT moved_to IS NULL FROM hr.person WHERE id = %ld) "
	        "AND NOT EXISTS (SELECT 1 FROM hr.person WHERE human_id = %ld)",
	        release, who, who);
	assert_string_equal(got, "t");
	free(got);
	free(number);
	free(last);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
	PQfinish(forestry);
	PQfinish(ministry);
}

/* ---- 3. taking the file on ------------------------------------------------------------------ */

/* The rows of `table` on person `who` as `columns` (comma separated) give
 * them, ordered, as one text (caller frees). */
static char *section(const char *table, const char *columns, long who)
{
	return support_sql_text(
	        super,
	        "SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s::text), '[]')::text "
	        "FROM (SELECT %s FROM hr.%s WHERE person_id = %ld) s",
	        columns, table, who);
}

static void receiving_copies_the_file_and_freezes_the_one_left(void **unused)
{
	static const struct {
		const char *table, *columns;
	} sections[] = {
		{ "education", "institution, level, major, year_completed" },
		{ "family_member", "relation, full_name, birth_date" },
		{ "grade_history", "grade, class_rank, during" },
		{ "training", "course, provider, hours, start_date, end_date" },
		{ "award", "award, awarded_on, document" },
		{ "penalty", "penalty, imposed_on, lifted_on, reason" },
		{ "assessment", "assessed_on, result, note" },
		{ "consent", "given_on, document, withdrawn_on" },
		{ "document", "title, file_name, media_type, sha256, size" },
	};
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa"), *forestry = support_connect("clerk_for");
	long who = employee(clerk, "Copyova"), release, taken, pos, id;
	char *personal_id = free_personal_id(), *got, *expected, *message;

	(void)unused;
	/* A full file: personal data and every section. */
	support_sql_run(
	        clerk,
	        "UPDATE hr.person SET middle_name = 'Nurlanovna', birth_date = '1985-07-14', "
	        "gender = 'F', personal_id = '%s', citizenship = 'KZ', phone = '+7 701 000 11 22', "
	        "email = 'copyova@example.org', address = 'Astana, Mangilik El 8' WHERE id = %ld",
	        personal_id, who);
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.education (org_id, person_id, institution, level, major, "
	        "year_completed) VALUES (%1$ld, %2$ld, 'KazNU', 'master', 'Ecology', 2009), "
	        "(%1$ld, %2$ld, 'School 12', 'secondary', '', 2002)",
	        moe, who);
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.family_member (org_id, person_id, relation, full_name, birth_date) "
	        "VALUES (%ld, %ld, 'child', 'Copyov Timur', '2015-03-01')",
	        moe, who);
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.prior_employment (org_id, person_id, employer, position, "
	        "start_date, "
	        "end_date, counts_for_service) VALUES (%ld, %ld, 'Akimat of Astana', 'Specialist', "
	        "'2010-02-01', '2018-12-31', true)",
	        moe, who);
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.training (org_id, person_id, course, provider, hours, start_date, "
	        "end_date) VALUES (%ld, %ld, 'Water law', 'Academy', 36, '2021-03-01', "
	        "'2021-03-05')",
	        moe, who);
	support_sql_run(clerk,
	                "INSERT INTO hr.award (org_id, person_id, award, awarded_on, document) "
	                "VALUES (%ld, %ld, 'Letter of Thanks', '2022-05-01', 'order 5-P/22')",
	                moe, who);
	support_sql_run(clerk,
	                "INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, "
	                "lifted_on, reason) "
	                "VALUES (%ld, %ld, 'Reprimand', '2020-01-10', '2020-07-10', 'Late report')",
	                moe, who);
	support_sql_run(clerk,
	                "INSERT INTO hr.assessment (org_id, person_id, assessed_on, result, note) "
	                "VALUES (%ld, %ld, '2023-11-01', 'excellent', 'Annual')",
	                moe, who);
	support_sql_run(clerk,
	                "INSERT INTO hr.document (org_id, person_id, title, file_name, media_type, "
	                "content) "
	                "VALUES (%ld, %ld, 'Diploma', 'diploma.pdf', 'application/pdf', "
	                "'\\x255044462d312e34')",
	                moe, who);
	/* Bound to serve on (copied) and an obligation that ended (not copied). */
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.service_obligation (org_id, person_id, during, reason) VALUES "
	        "(%1$ld, %2$ld, daterange(current_date - 100, current_date + 700), 'Training "
	        "abroad'), "
	        "(%1$ld, %2$ld, '[2019-01-02,2020-01-02)', 'Induction')",
	        moe, who);
	support_sql_run(
	        super,
	        "INSERT INTO hr.grade_history (org_id, person_id, grade, class_rank, during) "
	        "VALUES (%ld, %ld, 'C1', 'third', '[2019-01-02,)')",
	        moe, who);

	free(orders_sign(head, transfer_to_mwa(clerk, who, 6)));
	release = release_of(who);
	taken = receive(mwa_clerk, release);
	assert_true(taken > who);

	/* The new file is MWA's, the same person of the service, current. */
	got = support_sql_text(
	        super,
	        "SELECT n.org_id = %ld AND n.human_id = o.id AND n.moved_to IS NULL "
	        "AND (n.last_name, n.first_name, n.middle_name, n.birth_date, n.personal_id, "
	        "     n.gender, n.citizenship, n.phone, n.email, n.address) IS NOT DISTINCT FROM "
	        "    (o.last_name, o.first_name, o.middle_name, o.birth_date, o.personal_id, "
	        "     o.gender, o.citizenship, o.phone, o.email, o.address) "
	        "FROM hr.person n, hr.person o WHERE n.id = %ld AND o.id = %ld",
	        mwa, taken, who);
	assert_string_equal(got, "t");
	free(got);
	/* Every section came over as it was. */
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		char *before = section(sections[i].table, sections[i].columns, who);
		char *after = section(sections[i].table, sections[i].columns, taken);

		if (strcmp(before, after) != 0)
			print_error("%s: %s became %s\n", sections[i].table, before, after);
		assert_string_equal(after, before);
		assert_string_not_equal(after, "[]");
		free(before);
		free(after);
	}
	assert_int_equal(
	        support_sql_long(
	                super,
	                "SELECT count(*) FROM hr.document n JOIN hr.document o ON "
	                "o.person_id = %ld AND n.content = o.content WHERE n.person_id = %ld",
	                who, taken),
	        1);
	/* The obligation still running came over; the one that ended did not. */
	got = section("service_obligation", "during, reason", taken);
	expected = support_sql_text(
	        super, "SELECT jsonb_build_array(jsonb_build_object('during', daterange("
	               "current_date - 100, current_date + 700), 'reason', 'Training abroad'))"
	               "::text");
	assert_string_equal(got, expected);
	free(got);
	free(expected);
	/* The record book: what was there before, then the service in MOE. */
	got = section("prior_employment",
	              "employer, position, start_date, end_date, "
	              "counts_for_service",
	              taken);
	expected = support_sql_text(
	        super, "SELECT jsonb_agg(x ORDER BY x::text)::text FROM (VALUES "
	               "(jsonb_build_object('employer', 'Akimat of Astana', 'position', "
	               " 'Specialist', 'start_date', '2010-02-01', 'end_date', '2018-12-31', "
	               " 'counts_for_service', true)), "
	               "(jsonb_build_object('employer', 'Ministry of Environment', 'position', "
	               " 'Copyova Desk', 'start_date', '2019-01-02', 'end_date', "
	               " current_date + 6, 'counts_for_service', true))) v (x)");
	assert_string_equal(got, expected);
	free(got);
	free(expected);
	/* MWA has no service of the person yet: that takes a hire. */
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.employment WHERE person_id = %ld",
	                         taken),
	        0);
	/* The release points at the new file; the old one moved to MWA. */
	got = support_sql_text(
	        super,
	        "SELECT (SELECT received_person_id = %ld AND received_at IS NOT NULL "
	        "FROM hr.person_release WHERE id = %ld) AND (SELECT moved_to = %ld "
	        "FROM hr.person WHERE id = %ld)",
	        taken, release, mwa, who);
	assert_string_equal(got, "t");
	free(got);

	/* Once: the same id again, nothing more copied, nothing left to take. */
	assert_int_equal(receive(mwa_clerk, release), taken);
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.person WHERE human_id = %ld", who),
	        1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.education WHERE person_id = %ld",
	                                  taken),
	                 2);
	assert_int_equal(
	        support_sql_long(
	                mwa_clerk,
	                "SELECT count(*) FROM hr.released_to_us('') WHERE release_id = %ld",
	                release),
	        0);
	free(support_sql_refused(forestry, "P0002", "SELECT hr.receive_person(%ld)", release));
	free(support_sql_refused(clerk, "P0002", "SELECT hr.receive_person(%ld)", release));

	/* One current file per ID number: MWA's; MOE's is kept, moved. */
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.person WHERE personal_id = '%s' "
	                                  "AND moved_to IS NULL",
	                                  personal_id),
	                 1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.person WHERE personal_id = '%s'",
	                                  personal_id),
	                 2);
	got = support_sql_text(mwa_clerk,
	                       "SELECT status || ' ' || person_id FROM hr.personal_id_status('%s')",
	                       personal_id);
	expected = xasprintf("own %ld", taken);
	assert_string_equal(got, expected);
	free(got);
	free(expected);
	got = support_sql_text(clerk,
	                       "SELECT status || ' ' || coalesce(person_id::text, '-') "
	                       "FROM hr.personal_id_status('%s')",
	                       personal_id);
	assert_string_equal(got, "elsewhere -");
	free(got);
	got = support_sql_text(forestry, "SELECT status FROM hr.personal_id_status('%s')",
	                       personal_id);
	assert_string_equal(got, "elsewhere");
	free(got);
	/* MOE cannot open a second current file with the number. */
	free(support_sql_refused(
	        clerk, "23505",
	        "INSERT INTO hr.person (org_id, last_name, first_name, birth_date, gender, "
	        "personal_id) VALUES (%ld, 'Copyova', 'Orla', '1985-07-14', 'F', '%s')",
	        moe, personal_id));

	/* MWA still does not read MOE's file, nor change it. */
	assert_int_equal(
	        support_sql_long(mwa_clerk, "SELECT count(*) FROM hr.person WHERE id = %ld", who),
	        0);
	assert_int_equal(
	        support_sql_run(mwa_clerk, "UPDATE hr.person SET phone = '1' WHERE id = %ld", who),
	        0);
	/* MOE reads its file but changes neither it nor a section. */
	assert_int_equal(
	        support_sql_long(clerk, "SELECT count(*) FROM hr.person WHERE id = %ld", who), 1);
	message = support_sql_refused(clerk, "55000",
	                              "UPDATE hr.person SET phone = '+7 700' WHERE id = %ld", who);
	assert_string_equal(message, "This file moved to Ministry of Women's Affairs with a "
	                             "transfer; it is kept here read only");
	free(message);
	free(support_sql_refused(
	        clerk, "55000", "UPDATE hr.person SET last_name = 'Otherova' WHERE id = %ld", who));
	free(support_sql_refused(clerk, "55000",
	                         "INSERT INTO hr.education (org_id, person_id, institution, level) "
	                         "VALUES (%ld, %ld, 'Late College', 'other')",
	                         moe, who));
	free(support_sql_refused(clerk, "55000",
	                         "UPDATE hr.education SET major = 'Law' WHERE person_id = %ld",
	                         who));
	free(support_sql_refused(clerk, "55000",
	                         "DELETE FROM hr.family_member WHERE person_id = %ld", who));
	free(support_sql_refused(
	        clerk, "55000",
	        "UPDATE hr.consent SET withdrawn_on = current_date WHERE person_id = %ld", who));
	free(support_sql_refused(clerk, "55000", "DELETE FROM hr.document WHERE person_id = %ld",
	                         who));
	free(support_sql_refused(clerk, "55000",
	                         "DELETE FROM hr.service_obligation WHERE person_id = %ld", who));
	free(support_sql_refused(clerk, "42501",
	                         "UPDATE hr.person SET moved_to = NULL WHERE id = %ld", who));
	/* Not through an order either: MOE hires the file left behind in vain. */
	pos = position(clerk, moe, dept, "Rehire Desk");
	id = orders_draft(clerk, moe, "hire");
	support_sql_run(
	        clerk,
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, "
	        "position_id, personnel_no) VALUES (%ld, %ld, 1, %ld, current_date + 10, %ld, "
	        "'TRR-%ld')",
	        moe, id, who, pos, who);
	message = orders_problems(clerk, id, "error");
	support_assert_contains(message,
	                        "the file moved to Ministry of Women's Affairs with a transfer");
	free(message);
	message = orders_sign_refused(head, id, "23514");
	support_assert_contains(message, "moved to Ministry of Women's Affairs");
	free(message);
	orders_assert_status(id, "draft");
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.employment WHERE person_id = %ld",
	                         who),
	        1);
	/* MWA's file is MWA's to change. */
	assert_int_equal(support_sql_run(mwa_clerk,
	                                 "UPDATE hr.person SET phone = '+7 702' WHERE id = %ld",
	                                 taken),
	                 1);
	assert_int_equal(
	        support_sql_run(mwa_clerk,
	                        "INSERT INTO hr.education (org_id, person_id, institution, level) "
	                        "VALUES (%ld, %ld, 'MWA Courses', 'other')",
	                        mwa, taken),
	        1);
	got = support_sql_text(super, "SELECT phone FROM hr.person WHERE id = %ld", who);
	assert_string_equal(got, "+7 701 000 11 22");
	free(got);
	free(personal_id);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
	PQfinish(forestry);
}

/* ---- 4. hired by the receiving organisation ---------------------------------------------- */

static void receiving_organisation_hires_with_its_own_order(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa"), *mwa_boss;
	long who = employee(clerk, "Hireova"), taken, pos, id;
	char *got, *number;

	(void)unused;
	free(orders_sign(head, transfer_to_mwa(clerk, who, 6)));
	taken = receive(mwa_clerk, release_of(who));
	pos = position(mwa_clerk, mwa, mwa_dept, "Received Desk");
	id = orders_draft(mwa_clerk, mwa, "hire");
	support_sql_run(
	        mwa_clerk,
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, "
	        "position_id, personnel_no) VALUES (%ld, %ld, 1, %ld, current_date + 7, %ld, "
	        "'TRM-%ld')",
	        mwa, id, taken, pos, taken);
	/* The consent came with the file: nothing stops the hire. */
	orders_passes_rules(mwa_clerk, id);
	/* MOE's head signs nothing of MWA's. */
	free(support_sql_refused(head, "P0002", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                         orders_version(mwa_clerk, id)));
	make_head(mwa_head, "MWA");
	mwa_boss = support_connect(mwa_head);
	number = orders_sign(mwa_boss, id);
	got = support_sql_text(
	        super,
	        "SELECT e.org_id = %ld AND e.hire_date = current_date + 7 AND e.end_date IS NULL "
	        "AND a.position_id = %ld FROM hr.employment e JOIN hr.assignment a "
	        "ON a.employment_id = e.id WHERE e.person_id = %ld",
	        mwa, pos, taken);
	assert_string_equal(got, "t");
	free(got);
	/* The service in MOE stays ended, on transfer. */
	got = support_sql_text(super, "SELECT end_reason FROM hr.employment WHERE person_id = %ld",
	                       who);
	assert_string_equal(got, "transfer");
	free(got);
	free(number);
	PQfinish(mwa_boss);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
}

/* ---- 5. taken once, also by two calls at once ------------------------------------------- */

static void two_calls_at_once_take_the_file_once(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *first = support_connect("clerk_mwa"), *second = support_connect("clerk_mwa");
	long who = employee(clerk, "Twiceova"), release, taken;
	char *sql, *state, *value;

	(void)unused;
	free(orders_sign(head, transfer_to_mwa(clerk, who, 6)));
	release = release_of(who);
	support_sql_run(first, "BEGIN");
	taken = receive(first, release);
	sql = xasprintf("SELECT hr.receive_person(%ld)", release);
	assert_int_equal(PQsendQuery(second, sql), 1);
	free(sql);
	wait_for_lock(second);
	support_sql_run(first, "COMMIT");
	state = outcome(second, &value);
	assert_string_equal(state, "00000");
	assert_int_equal(strtol(value, NULL, 10), taken);
	free(state);
	free(value);
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.person WHERE human_id = %ld", who),
	        1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.consent WHERE person_id = %ld",
	                                  taken),
	                 1);
	PQfinish(first);
	PQfinish(second);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 6. cancelling ----------------------------------------------------------------------- */

static void cancelling_before_the_file_is_taken_restores_the_service(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa");
	long who = employee(clerk, "Stayova"), id, cancel, release;
	char *before = service_of(who), *after;

	(void)unused;
	id = transfer_to_mwa(clerk, who, 6);
	free(orders_sign(head, id));
	release = release_of(who);
	after = service_of(who);
	assert_string_not_equal(after, before);
	free(after);
	cancel = orders_cancelling(clerk, moe, id);
	orders_passes_rules(clerk, cancel);
	free(orders_sign(head, cancel));
	orders_assert_status(id, "cancelled");
	/* Employment, assignment and person as before; the release is gone. */
	after = service_of(who);
	assert_string_equal(after, before);
	free(after);
	assert_int_equal(
	        support_sql_long(
	                mwa_clerk,
	                "SELECT count(*) FROM hr.released_to_us('') WHERE release_id = %ld",
	                release),
	        0);
	free(support_sql_refused(mwa_clerk, "P0002", "SELECT hr.receive_person(%ld)", release));
	assert_int_equal(
	        support_sql_long(super, "SELECT count(*) FROM hr.person WHERE human_id = %ld", who),
	        0);
	/* The file is MOE's to change. */
	assert_int_equal(
	        support_sql_run(clerk, "UPDATE hr.person SET phone = '+7 703' WHERE id = %ld", who),
	        1);
	free(before);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
}

static void cancelling_after_the_file_is_taken_is_refused(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa");
	long who = employee(clerk, "Goneova"), id, cancel;
	char *before, *after, *listed, *message;

	(void)unused;
	id = transfer_to_mwa(clerk, who, 6);
	free(orders_sign(head, id));
	receive(mwa_clerk, release_of(who));
	before = service_of(who);
	cancel = orders_cancelling(clerk, moe, id);
	listed = orders_problems(clerk, cancel, "error");
	support_assert_contains(listed, "the file is released to Ministry of Women's Affairs");
	support_assert_contains(listed, "changed since order");
	message = orders_sign_refused(head, cancel, "23514");
	support_assert_contains(message, "changed since order");
	orders_assert_status(cancel, "draft");
	orders_assert_status(id, "signed");
	after = service_of(who);
	assert_string_equal(after, before);
	free(listed);
	free(message);
	free(before);
	free(after);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
}

/* The head signs the cancelling order while MWA is taking the file on: the
 * one that commits first wins, the other is refused; never a service
 * restored in MOE for a file that went to MWA. */
static void cancelling_and_taking_on_at_the_same_moment(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa_clerk = support_connect("clerk_mwa");
	long who = employee(clerk, "Racingova"), other = employee(clerk, "Latova");
	long id, cancel, release, taken;
	char *sql, *state, *value, *before, *after;

	(void)unused;
	/* Taking on first: the cancelling waits for it, then is refused by its rules. */
	id = transfer_to_mwa(clerk, who, 6);
	free(orders_sign(head, id));
	release = release_of(who);
	cancel = orders_cancelling(clerk, moe, id);
	orders_passes_rules(clerk, cancel);
	support_sql_run(mwa_clerk, "BEGIN");
	taken = receive(mwa_clerk, release);
	sql = xasprintf("SELECT * FROM hr.order_sign(%ld, %ld)", cancel,
	                orders_version(head, cancel));
	assert_int_equal(PQsendQuery(head, sql), 1);
	free(sql);
	wait_for_lock(head);
	support_sql_run(mwa_clerk, "COMMIT");
	state = outcome(head, &value);
	/* The signer waited for the person, then the rules saw the file taken on. */
	assert_string_equal(state, "23514");
	support_assert_contains(value, "the file is released to Ministry of Women's Affairs");
	support_assert_contains(value, "changed since order");
	free(state);
	free(value);
	orders_assert_status(id, "signed");
	orders_assert_status(cancel, "draft");
	after = support_sql_text(super,
	                         "SELECT (SELECT end_date = current_date + 6 FROM hr.employment "
	                         "WHERE person_id = %ld) AND (SELECT received_person_id = %ld "
	                         "FROM hr.person_release WHERE id = %ld)",
	                         who, taken, release);
	assert_string_equal(after, "t");
	free(after);

	/* Cancelling first: taking on waits for it, then finds nothing. */
	before = service_of(other);
	id = transfer_to_mwa(clerk, other, 6);
	free(orders_sign(head, id));
	release = release_of(other);
	cancel = orders_cancelling(clerk, moe, id);
	support_sql_run(head, "BEGIN");
	free(orders_sign(head, cancel));
	sql = xasprintf("SELECT hr.receive_person(%ld)", release);
	assert_int_equal(PQsendQuery(mwa_clerk, sql), 1);
	free(sql);
	wait_for_lock(mwa_clerk);
	support_sql_run(head, "COMMIT");
	state = outcome(mwa_clerk, &value);
	assert_string_equal(state, "P0002");
	free(state);
	free(value);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.person WHERE human_id = %ld",
	                                  other),
	                 0);
	after = service_of(other);
	assert_string_equal(after, before);
	free(after);
	free(before);
	PQfinish(clerk);
	PQfinish(head);
	PQfinish(mwa_clerk);
}

/* ---- setup and cleanup ---------------------------------------------------------------------- */

static int setup(void **unused)
{
	PGconn *clerk;

	(void)unused;
	super = support_connect_superuser();
	orders_init(super);
	moe = support_long(super, "SELECT id FROM hr.org WHERE code = 'MOE'");
	mwa = support_long(super, "SELECT id FROM hr.org WHERE code = 'MWA'");
	orders_marks_read(&marks);
	snprintf(mwa_head, sizeof mwa_head, "trf_head_%d", (int)getpid());
	clerk = support_connect("clerk_moe");
	dept = support_sql_long(
	        clerk,
	        "INSERT INTO hr.department (org_id, code, name, valid_from) "
	        "VALUES (%ld, 'TRF%d', 'Transfer Test Unit', '2000-01-01') RETURNING id",
	        moe, (int)getpid());
	PQfinish(clerk);
	clerk = support_connect("clerk_mwa");
	mwa_dept = support_sql_long(
	        clerk,
	        "INSERT INTO hr.department (org_id, code, name, valid_from) "
	        "VALUES (%ld, 'TRF%d', 'Transfer Test Unit', '2000-01-01') RETURNING id",
	        mwa, (int)getpid());
	PQfinish(clerk);
	return 0;
}

/* Removes what the tests made in MOE and MWA (released and moved files too)
 * and drops the head of MWA. */
static int teardown(void **unused)
{
	char *orgs = xasprintf("(%ld, %ld)", moe, mwa);
	int failed = orders_remove_since(orgs, &marks, NULL, NULL);

	(void)unused;
	free(orgs);
	if (!failed)
		orders_drop_login(mwa_head);
	PQfinish(super);
	return failed;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(transfer_needs_another_organisation_of_the_service),
		cmocka_unit_test(signing_ends_the_service_and_releases_the_file),
		cmocka_unit_test(receiving_copies_the_file_and_freezes_the_one_left),
		cmocka_unit_test(receiving_organisation_hires_with_its_own_order),
		cmocka_unit_test(two_calls_at_once_take_the_file_once),
		cmocka_unit_test(cancelling_before_the_file_is_taken_restores_the_service),
		cmocka_unit_test(cancelling_after_the_file_is_taken_is_refused),
		cmocka_unit_test(cancelling_and_taking_on_at_the_same_moment),
	};

	return cmocka_run_group_tests_name("db_transfer", tests, setup, teardown);
}
