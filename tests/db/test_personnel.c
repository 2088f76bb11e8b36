/*
 * test_personnel.c - the personnel file as real logins see it: every
 * section table keeps to its organisation (read, write, composite foreign
 * keys), a ministry reads and never writes, the agency sees none; the
 * duplicate check reveals only what it must; creating a person is
 * idempotent by request id; a stale version changes nothing; the change
 * history and the "as of" history; documents' size and checksum; NFC names.
 *
 * Fixture rows an other login must see are committed by the superuser and
 * removed at the end of the same test; everything else runs in a
 * transaction that is rolled back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "person.h"
#include "support.h"
#include "xalloc.h"

static PGconn *super;

static long org_id(const char *code)
{
	char *sql = xasprintf("SELECT id FROM hr.org WHERE code = '%s'", code);
	long id = support_long(super, sql);

	free(sql);
	return id;
}

/* The smallest person id of an organisation (demo data). */
static long first_person(const char *code)
{
	char *sql = xasprintf("SELECT min(p.id) FROM hr.person p JOIN hr.org o ON o.id = p.org_id "
	                      "WHERE o.code = '%s'",
	                      code);
	long id = support_long(super, sql);

	free(sql);
	assert_true(id > 0);
	return id;
}

/* Runs sql expecting success; returns the affected row count. */
static long affected(PGconn *conn, const char *sql)
{
	PGresult *res = support_ok(conn, sql);
	long n = atol(PQcmdTuples(res));

	PQclear(res);
	return n;
}

/* ---- the section tables ------------------------------------------------- */

struct section {
	const char *table;
	const char *columns;  /* after org_id, person_id */
	const char *values;   /* after the org and the person */
	const char *update;   /* a SET clause */
	int clerk_writes;     /* 0: clerks have no write privilege at all */
};

static const struct section sections[] = {
	{ "education", "institution, level", "'tp-inst', 'bachelor'", "institution = 'x'", 1 },
	{ "family_member", "relation, full_name", "'child', 'Tp Child'", "full_name = 'X'", 1 },
	{ "prior_employment", "employer, start_date, end_date", "'tp-emp', '2000-01-01', '2001-01-01'",
	  "employer = 'x'", 1 },
	{ "grade_history", "grade, during", "'TP-1', daterange('1931-01-01', '1931-02-01')",
	  "grade = 'x'", 0 },
	{ "training", "course, hours, start_date, end_date", "'tp-course', 8, '2020-01-01', '2020-01-02'",
	  "course = 'x'", 1 },
	{ "award", "award, awarded_on", "'tp-award', '2020-01-01'", "award = 'x'", 1 },
	{ "penalty", "penalty, imposed_on", "'tp-penalty', '2020-01-01'", "penalty = 'x'", 1 },
	{ "assessment", "assessed_on, result", "'2020-01-01', 'good'", "note = 'x'", 1 },
	{ "consent", "given_on, document", "'2020-01-01', 'tp-consent'", "document = 'x'", 1 },
	{ "document", "title, file_name, content", "'tp-doc', 'tp.txt', '\\x616263'", "title = 'x'", 1 },
	{ "person_history", "valid, data", "tstzrange('2000-01-01', '2001-01-01'), '{\"tp\": 1}'",
	  "data = '{}'", 0 },
};

static char *insert_sql(const struct section *s, long org, long person)
{
	return xasprintf("INSERT INTO hr.%s (org_id, person_id, %s) VALUES (%ld, %ld, %s)", s->table,
	                 s->columns, org, person, s->values);
}

/* Commits an MOE row of the section as the superuser; returns its id. */
static long fixture(const struct section *s, long moe, long moe_person)
{
	char *sql = insert_sql(s, moe, moe_person), *returning = xasprintf("%s RETURNING id", sql);
	long id = support_long(super, returning);

	free(sql);
	free(returning);
	return id;
}

static void remove_fixture(const struct section *s, long id)
{
	char *sql = xasprintf("DELETE FROM hr.%s WHERE id = %ld", s->table, id);

	PQclear(support_ok(super, sql));
	free(sql);
}

/*
 * What `sql` as `conn` did, as a section case compares it: "count N" for a
 * one-value SELECT, "N changed" for a statement that changed rows, else
 * the SQLSTATE that refused it.  Never fails the test; returns a new string.
 */
static char *what_came(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	char *got = st == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) == 1
	                    ? xasprintf("count %s", PQgetvalue(res, 0, 0))
	            : st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK
	                    ? xasprintf("%s changed", PQcmdTuples(res))
	                    : xstrdup(state ? state : "?????");

	PQclear(res);
	return got;
}

/* Records case "TABLE: what": `sql` (freed) as `conn` must come out as
 * `expected`, or as one of its alternatives written "A or B". */
static void check(struct support_cases *cases, const struct section *s, const char *what,
                  PGconn *conn, char *sql, const char *expected)
{
	char *got = what_came(conn, sql), *name = xasprintf("%s: %s", s->table, what);
	const char *alternative = strstr(expected, " or ");
	size_t first = alternative ? (size_t)(alternative - expected) : strlen(expected);
	bool ok = (strlen(got) == first && strncmp(got, expected, first) == 0) ||
	          (alternative != NULL && strcmp(got, alternative + 4) == 0);

	support_case(cases, name, expected, got, ok);
	free(name);
	free(got);
	free(sql);
}

static void clerk_keeps_sections_to_own_org(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long mwa = org_id("MWA"), moe = org_id("MOE");
	long moe_person = first_person("MOE"), mwa_person = first_person("MWA");
	struct support_cases cases = { "clerk_keeps_sections_to_own_org", 0, 0 };

	(void)unused;
	for (size_t i = 0; i < CASES(sections); i++) {
		const struct section *s = &sections[i];
		long id = fixture(s, moe, moe_person);

		/* Reads nothing of MOE. */
		check(&cases, s, "the MOE row", clerk,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE id = %ld", s->table, id),
		      "count 0");
		check(&cases, s, "rows of other organisations", clerk,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE org_id <> %ld", s->table, mwa),
		      "count 0");
		/* Cannot insert into MOE, nor point an own row at an MOE person. */
		check(&cases, s, "insert into MOE", clerk, insert_sql(s, moe, moe_person), "42501");
		check(&cases, s, "an own row for an MOE person", clerk,
		      insert_sql(s, mwa, moe_person), s->clerk_writes ? "23503" : "42501");
		if (!s->clerk_writes) /* written only by orders or triggers */
			check(&cases, s, "an own row for an own person", clerk,
			      insert_sql(s, mwa, mwa_person), "42501");
		/* Cannot change or delete the MOE row: refused, or no row touched. */
		check(&cases, s, "update the MOE row", clerk,
		      xasprintf("UPDATE hr.%s SET %s WHERE id = %ld", s->table, s->update, id),
		      "42501 or 0 changed");
		check(&cases, s, "delete the MOE row", clerk,
		      xasprintf("DELETE FROM hr.%s WHERE id = %ld", s->table, id),
		      "42501 or 0 changed");
		/* ... as the superuser sees: still there, unchanged. */
		check(&cases, s, "the MOE row afterwards", super,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE id = %ld AND NOT (%s)", s->table,
		                id, s->update),
		      "count 1");
		remove_fixture(s, id);
	}
	PQfinish(clerk);
	support_cases_end(&cases);
}

static void ministry_reads_sections_writes_none(void **unused)
{
	PGconn *ministry = support_connect("ministry_moe");
	PGconn *agency = support_connect("agency_csa");
	long moe = org_id("MOE"), moe_person = first_person("MOE");
	struct support_cases cases = { "ministry_reads_sections_writes_none", 0, 0 };

	(void)unused;
	for (size_t i = 0; i < CASES(sections); i++) {
		const struct section *s = &sections[i];
		long id = fixture(s, moe, moe_person);

		check(&cases, s, "the ministry reads the MOE row", ministry,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE id = %ld", s->table, id),
		      "count 1");
		check(&cases, s, "the ministry reads nothing outside its subtree", ministry,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE org_id NOT IN (SELECT o.id FROM "
		                "hr.org o WHERE o.code IN ('MOE', 'MOE-FOR', 'MOE-MET'))",
		                s->table),
		      "count 0");
		check(&cases, s, "the ministry inserts", ministry, insert_sql(s, moe, moe_person),
		      "42501");
		check(&cases, s, "the ministry updates", ministry,
		      xasprintf("UPDATE hr.%s SET %s WHERE id = %ld", s->table, s->update, id),
		      "42501");
		check(&cases, s, "the ministry deletes", ministry,
		      xasprintf("DELETE FROM hr.%s WHERE id = %ld", s->table, id), "42501");
		/* The agency sees no personal rows at all. */
		check(&cases, s, "the agency reads", agency,
		      xasprintf("SELECT count(*) FROM hr.%s", s->table), "count 0 or 42501");
		check(&cases, s, "the MOE row afterwards", super,
		      xasprintf("SELECT count(*) FROM hr.%s WHERE id = %ld", s->table, id),
		      "count 1");
		remove_fixture(s, id);
	}
	PQfinish(ministry);
	PQfinish(agency);
	support_cases_end(&cases);
}

/* ---- duplicate check ---------------------------------------------------- */

static void personal_id_status_reveals_only_status(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	PGconn *ministry = support_connect("ministry_moe");
	PGconn *agency = support_connect("agency_csa");
	PGresult *own = support_ok(super, "SELECT p.personal_id, p.id FROM hr.person p JOIN hr.org o "
	                                  "ON o.id = p.org_id WHERE o.code = 'MWA' AND "
	                                  "p.personal_id IS NOT NULL ORDER BY p.id LIMIT 1");
	PGresult *other = support_ok(super, "SELECT p.personal_id FROM hr.person p JOIN hr.org o "
	                                    "ON o.id = p.org_id WHERE o.code = 'MOE' AND "
	                                    "p.personal_id IS NOT NULL ORDER BY p.id LIMIT 1");
	const char *params[1];
	PGresult *res;

	(void)unused;
	assert_int_equal(PQntuples(own), 1);
	assert_int_equal(PQntuples(other), 1);
	params[0] = PQgetvalue(own, 0, 0);
	res = support_ok_params(clerk, "SELECT * FROM hr.personal_id_status($1)", 1, params);
	assert_int_equal(PQnfields(res), 2); /* nothing but the status and the own id */
	assert_string_equal(PQfname(res, 0), "status");
	assert_string_equal(PQfname(res, 1), "person_id");
	assert_string_equal(PQgetvalue(res, 0, 0), "own");
	assert_string_equal(PQgetvalue(res, 0, 1), PQgetvalue(own, 0, 1));
	PQclear(res);
	params[0] = PQgetvalue(other, 0, 0);
	res = support_ok_params(clerk, person_id_status_sql, 1, params);
	assert_string_equal(PQgetvalue(res, 0, 0), "elsewhere");
	assert_string_equal(PQgetvalue(res, 0, 1), "");
	PQclear(res);
	res = support_ok_params(clerk, "SELECT * FROM hr.personal_id_status($1)", 1, params);
	assert_true(PQgetisnull(res, 0, 1));
	PQclear(res);
	params[0] = "000000000000";
	res = support_ok_params(clerk, "SELECT * FROM hr.personal_id_status($1)", 1, params);
	assert_string_equal(PQgetvalue(res, 0, 0), "none");
	assert_true(PQgetisnull(res, 0, 1));
	PQclear(res);
	support_fails(ministry, "SELECT * FROM hr.personal_id_status('000000000000')", "42501");
	support_fails(agency, "SELECT * FROM hr.personal_id_status('000000000000')", "42501");

	/* The same number twice in the service: refused, even across organisations. */
	char *sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name, personal_id) "
	                      "VALUES (%ld, 'Twin', 'Tp', '%s')",
	                      org_id("MWA"), PQgetvalue(other, 0, 0));
	PQclear(support_ok(clerk, "BEGIN"));
	support_fails(clerk, sql, "23505");
	PQclear(support_ok(clerk, "ROLLBACK"));
	free(sql);
	PQclear(own);
	PQclear(other);
	PQfinish(clerk);
	PQfinish(ministry);
	PQfinish(agency);
}

/* ---- creating, editing, history ------------------------------------------ */

static void create_is_idempotent_by_request_id(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	char *uuid, *other_uuid, *first, *again, *second;
	PGresult *res;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	uuid = support_text(clerk, "SELECT gen_random_uuid()::text");
	other_uuid = support_text(clerk, "SELECT gen_random_uuid()::text");
	const char *params[] = { uuid, "Idempotent", "Tp", "", "1990-05-05", "F", "", "Kazakhstan" };
	res = support_ok_params(clerk, person_create_sql, 8, params);
	assert_int_equal(PQntuples(res), 1);
	first = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	res = support_ok_params(clerk, person_create_sql, 8, params); /* a retried save */
	assert_int_equal(PQntuples(res), 1);
	again = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	assert_string_equal(first, again);
	char *count_sql = xasprintf("SELECT count(*) FROM hr.person WHERE request_id = '%s'", uuid);
	assert_int_equal(support_long(clerk, count_sql), 1);
	free(count_sql);
	const char *other[] = { other_uuid, "Another", "Tp", "", "1991-06-06", "M", "", "" };
	res = support_ok_params(clerk, person_create_sql, 8, other);
	second = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	assert_string_not_equal(first, second);
	assert_int_equal(support_long(clerk, "SELECT count(*) FROM hr.person "
	                                     "WHERE first_name = 'Tp' AND last_name IN "
	                                     "('Idempotent', 'Another')"),
	                 2);
	PQclear(support_ok(clerk, "ROLLBACK"));
	free(uuid);
	free(other_uuid);
	free(first);
	free(again);
	free(second);
	PQfinish(clerk);
}

/* A committed MWA person with a unique name (names hold no digits: the
 * process id is spelt in letters); remove with drop_person(). */
static long make_person(PGconn *clerk, const char *tag)
{
	char unique[24];
	int n = 0;

	for (long pid = (long)getpid(); pid > 0 && n < 22; pid /= 10)
		unique[n++] = (char)('a' + pid % 10);
	unique[n] = '\0';
	char *sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name) "
	                      "VALUES (%ld, 'Tp%s%s', 'Original') RETURNING id",
	                      org_id("MWA"), tag, unique);
	long id = support_long(clerk, sql);

	free(sql);
	return id;
}

static void drop_person(long id)
{
	char *sql = xasprintf("WITH h AS (DELETE FROM hr.person_history WHERE person_id = %ld) "
	                      "DELETE FROM hr.person WHERE id = %ld",
	                      id, id);

	PQclear(support_ok(super, sql));
	free(sql);
}

static void stale_version_changes_nothing(void **unused)
{
	PGconn *a = support_connect("clerk_mwa"), *b = support_connect("clerk_mwa");
	long id = make_person(a, "Conflict");
	char *sql = xasprintf("SELECT version FROM hr.person WHERE id = %ld", id);
	long va = support_long(a, sql), vb = support_long(b, sql);
	char id_text[32], version_text[32];
	const char *update = "UPDATE hr.person SET last_name = $3, version = version + 1 "
	                     "WHERE id = $1 AND version = $2";
	PGresult *res;

	(void)unused;
	assert_int_equal(va, vb);
	snprintf(id_text, sizeof id_text, "%ld", id);
	snprintf(version_text, sizeof version_text, "%ld", va);
	const char *pa[] = { id_text, version_text, "TpFirstWins" };
	const char *pb[] = { id_text, version_text, "TpSecondLoses" };
	res = support_ok_params(a, update, 3, pa);
	assert_string_equal(PQcmdTuples(res), "1");
	PQclear(res);
	res = support_ok_params(b, update, 3, pb);
	assert_string_equal(PQcmdTuples(res), "0");
	PQclear(res);
	assert_int_equal(support_long(super, sql), va + 1);
	free(sql);
	sql = xasprintf("SELECT last_name FROM hr.person WHERE id = %ld", id);
	char *name = support_text(super, sql);
	assert_string_equal(name, "TpFirstWins");
	free(name);
	free(sql);
	drop_person(id);
	PQfinish(a);
	PQfinish(b);
}

static void record_history_lists_changes_in_scope(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa"), *moe_clerk = support_connect("clerk_moe");
	long id = make_person(clerk, "History");
	char *sql = xasprintf("UPDATE hr.person SET last_name = 'TpRenamed' WHERE id = %ld", id);
	PGresult *res;
	int found = 0;

	(void)unused;
	assert_int_equal(affected(clerk, sql), 1);
	free(sql);
	sql = xasprintf("SELECT field, old_value, new_value, login FROM hr.record_history('person', "
	                "%ld) WHERE op = 'UPDATE'",
	                id);
	res = support_ok(clerk, sql);
	for (int i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), "last_name") != 0)
			continue;
		found++;
		assert_true(strncmp(PQgetvalue(res, i, 1), "TpHistory", 9) == 0);
		assert_string_equal(PQgetvalue(res, i, 2), "TpRenamed");
		assert_string_equal(PQgetvalue(res, i, 3), "clerk_mwa");
	}
	assert_int_equal(found, 1);
	PQclear(res);
	free(sql);
	/* Another organisation's person: the MOE clerk sees its history, MWA none. */
	long moe_person = first_person("MOE");
	sql = xasprintf("SELECT count(*) FROM hr.record_history('person', %ld)", moe_person);
	assert_true(support_long(moe_clerk, sql) > 0);
	assert_int_equal(support_long(clerk, sql), 0);
	free(sql);
	support_fails(clerk, "SELECT * FROM hr.record_history('account', 1)", "22023");
	support_fails(clerk, "SELECT * FROM hr.record_history('salary', 1)", "22023");
	drop_person(id);
	PQfinish(clerk);
	PQfinish(moe_clerk);
}

/* The "as of" read of personal data: the history row in force at that time,
 * else the current row. */
static const char *const as_of_sql =
        "SELECT coalesce(h.data ->> 'last_name', p.last_name) FROM hr.person p "
        "LEFT JOIN hr.person_history h ON h.org_id = p.org_id AND h.person_id = p.id "
        "  AND h.valid @> $2::timestamptz "
        "WHERE p.id = $1::bigint";

static void person_history_keeps_old_values(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long id = make_person(clerk, "AsOf");
	char *before = support_text(clerk, "SELECT clock_timestamp()::text");
	char *sql = xasprintf("UPDATE hr.person SET last_name = 'TpNewName' WHERE id = %ld", id);
	char id_text[32], *updated_at, *name;
	PGresult *res;

	(void)unused;
	assert_int_equal(affected(clerk, sql), 1);
	free(sql);
	snprintf(id_text, sizeof id_text, "%ld", id);
	/* One history row with the old name, valid until the update. */
	sql = xasprintf("SELECT data ->> 'last_name', upper(valid)::text, "
	                "(lower(valid) <= '%s'::timestamptz AND upper(valid) > '%s'::timestamptz)::text "
	                "FROM hr.person_history WHERE person_id = %ld",
	                before, before, id);
	res = support_ok(clerk, sql);
	assert_int_equal(PQntuples(res), 1);
	assert_true(strncmp(PQgetvalue(res, 0, 0), "TpAsOf", 6) == 0);
	assert_string_equal(PQgetvalue(res, 0, 2), "true");
	updated_at = xstrdup(PQgetvalue(res, 0, 1));
	PQclear(res);
	free(sql);
	const char *then[] = { id_text, before };
	res = support_ok_params(clerk, as_of_sql, 2, then);
	assert_true(strncmp(PQgetvalue(res, 0, 0), "TpAsOf", 6) == 0);
	PQclear(res);
	const char *at_update[] = { id_text, updated_at }; /* the range is [since, update) */
	res = support_ok_params(clerk, as_of_sql, 2, at_update);
	assert_string_equal(PQgetvalue(res, 0, 0), "TpNewName");
	PQclear(res);
	name = support_text(clerk, "SELECT now()::text");
	const char *now[] = { id_text, name };
	res = support_ok_params(clerk, as_of_sql, 2, now);
	assert_string_equal(PQgetvalue(res, 0, 0), "TpNewName");
	PQclear(res);
	free(name);
	free(updated_at);
	free(before);
	drop_person(id);
	PQfinish(clerk);
}

/* ---- documents and names ------------------------------------------------------ */

static void documents_sized_and_hashed_by_server(void **unused)
{
	PGconn *clerk = support_connect("clerk_mwa");
	long mwa = org_id("MWA"), person = first_person("MWA");
	char *sql;
	PGresult *res;
	char *state;

	(void)unused;
	PQclear(support_ok(clerk, "BEGIN"));
	sql = xasprintf("INSERT INTO hr.document (org_id, person_id, title, file_name, content) "
	                "VALUES (%ld, %ld, 'Tp', 'abc.txt', 'abc') RETURNING sha256, size",
	                mwa, person);
	res = support_ok(clerk, sql);
	assert_string_equal(PQgetvalue(res, 0, 0),
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_string_equal(PQgetvalue(res, 0, 1), "3");
	PQclear(res);
	free(sql);
	PQclear(support_ok(clerk, "SAVEPOINT s"));
	sql = xasprintf("INSERT INTO hr.document (org_id, person_id, title, file_name, content) "
	                "VALUES (%ld, %ld, 'Tp', 'max.bin', decode(repeat('00', 5242880), 'hex'))",
	                mwa, person);
	assert_int_equal(affected(clerk, sql), 1); /* exactly 5 MiB is allowed */
	free(sql);
	sql = xasprintf("INSERT INTO hr.document (org_id, person_id, title, file_name, content) "
	                "VALUES (%ld, %ld, 'Tp', 'big.bin', decode(repeat('00', 5242881), 'hex'))",
	                mwa, person);
	support_fails(clerk, sql, "23514");
	free(sql);
	PQclear(support_ok(clerk, "ROLLBACK TO SAVEPOINT s"));
	/* The clerk cannot claim a checksum or a size. */
	sql = xasprintf("INSERT INTO hr.document (org_id, person_id, title, file_name, content, "
	                "sha256) VALUES (%ld, %ld, 'Tp', 'x.txt', 'x', 'forged')",
	                mwa, person);
	state = support_sqlstate(clerk, sql);
	assert_true(strcmp(state, "42501") == 0 || strcmp(state, "428C9") == 0);
	free(state);
	free(sql);
	PQclear(support_ok(clerk, "ROLLBACK TO SAVEPOINT s"));
	state = support_sqlstate(clerk, "UPDATE hr.document SET size = 1");
	assert_true(strcmp(state, "42501") == 0 || strcmp(state, "428C9") == 0);
	free(state);
	PQclear(support_ok(clerk, "ROLLBACK TO SAVEPOINT s"));
	state = support_sqlstate(clerk, "UPDATE hr.document SET sha256 = 'forged'");
	assert_true(strcmp(state, "42501") == 0 || strcmp(state, "428C9") == 0);
	free(state);
	PQclear(support_ok(clerk, "ROLLBACK"));
	PQfinish(clerk);
}

static void names_must_be_nfc(void **unused)
{
	static const struct {
		const char *name, *last_name, *expected; /* the SQLSTATE of the INSERT */
	} names[] = {
		{ "e and a combining acute (decomposed)", "Jose\xcc\x81", "23514" },
		{ "e with acute (composed)", "Jos\xc3\xa9", "00000" },
	};
	PGconn *clerk = support_connect("clerk_mwa");
	struct support_cases cases = { "names_must_be_nfc", 0, 0 };
	char mwa[32];

	(void)unused;
	snprintf(mwa, sizeof mwa, "%ld", org_id("MWA"));
	for (size_t i = 0; i < CASES(names); i++) {
		const char *params[] = { mwa, names[i].last_name };
		char *error;

		PQclear(support_ok(clerk, "BEGIN"));
		error = support_try_params(clerk, NULL,
		                           "INSERT INTO hr.person (org_id, last_name, first_name) "
		                           "VALUES ($1::int, $2, 'Tp')",
		                           2, params);
		support_case(&cases, names[i].name, names[i].expected, error ? error : "00000",
		             strncmp(error ? error : "00000", names[i].expected, 5) == 0);
		free(error);
		PQclear(support_ok(clerk, "ROLLBACK"));
	}
	PQfinish(clerk);
	support_cases_end(&cases);
}

static int setup(void **unused)
{
	(void)unused;
	super = support_connect_superuser();
	/* A fixture left by an interrupted run would collide with the grade range. */
	PQclear(support_ok(super, "DELETE FROM hr.grade_history WHERE grade = 'TP-1'"));
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
		cmocka_unit_test(clerk_keeps_sections_to_own_org),
		cmocka_unit_test(ministry_reads_sections_writes_none),
		cmocka_unit_test(personal_id_status_reveals_only_status),
		cmocka_unit_test(create_is_idempotent_by_request_id),
		cmocka_unit_test(stale_version_changes_nothing),
		cmocka_unit_test(record_history_lists_changes_in_scope),
		cmocka_unit_test(person_history_keeps_old_values),
		cmocka_unit_test(documents_sized_and_hashed_by_server),
		cmocka_unit_test(names_must_be_nfc),
	};

	return cmocka_run_group_tests_name("db_personnel", tests, setup, teardown);
}
