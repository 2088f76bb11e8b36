/*
 * test_validation.c - the database refuses what the forms refuse.  As the
 * clerk of MWA through libpq: every personal ID case of
 * tests/validation_cases.h under its scheme (the scheme switched by the
 * superuser, kz_iin restored at the end) gets the same verdict and reason
 * from hr.personal_id_problem() and from an INSERT as from core/; the
 * number is stored normalised and must agree with birth date and gender;
 * names, e-mail addresses and phones get the same verdict (names over
 * every character of the Basic Multilingual Plane); control characters in
 * free text, the age at hire, the span of hire dates and future birth
 * dates are refused; valid data is accepted; the demo data passes the C
 * rules.  Every write is rolled back.  Only signed orders write employment
 * (012_orders.sql), so the hiring cases write it as the superuser, on a
 * connection that otherwise acts as the clerk (see `hiring`); the checks on
 * employment run for every writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../validation_cases.h"
#include "support.h"
#include "validate.h"
#include "xalloc.h"

static PGconn *super, *clerk;
/*
 * The superuser's connection acting as clerk_mwa (SET SESSION
 * AUTHORIZATION: the clerk's grants, row-level security and
 * hr.visible_orgs()), which hands over to the superuser for the employment
 * rows only orders write, inside the same transaction.
 */
static PGconn *hiring;
static char mwa[16];

/* Runs `sql` with text parameters; returns the SQLSTATE ("00000" when it
 * succeeded) and copies the server's message (primary text) into msg. */
static const char *attempt(PGconn *conn, const char *sql, int n, const char *const *params,
                           char *msg, size_t size)
{
	static char state[6];
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		snprintf(state, sizeof state, "00000");
	else
		snprintf(state, sizeof state, "%s", s ? s : "?????");
	if (msg != NULL)
		snprintf(msg, size, "%s", m ? m : "");
	PQclear(res);
	return state;
}

/* Starts a transaction on conn, ending whatever a failed test left open. */
static void begin(PGconn *conn)
{
	PQclear(PQexec(conn, "ROLLBACK"));
	PQclear(support_ok(conn, "BEGIN"));
}

static void rollback(PGconn *conn)
{
	PQclear(support_ok(conn, "ROLLBACK"));
}

static void set_scheme(enum personal_id_scheme scheme)
{
	const char *p[1] = { personal_id_scheme_name(scheme) };

	PQclear(support_ok_params(super, "UPDATE hr.service_setting SET id_scheme = $1", 1, p));
}

/*
 * Records whether the database's verdict (state, msg) is core's (reason
 * NULL: valid): accepted, or refused by a check (23514), with `same_words`
 * giving core's reason word for word.
 */
static void same_verdict(struct support_cases *cases, const char *name, const char *state,
                         const char *msg, const char *reason, bool same_words)
{
	bool accepted = strcmp(state, "00000") == 0, refused = strcmp(state, "23514") == 0;
	bool agree =
	        reason == NULL ? accepted : refused && (!same_words || strcmp(msg, reason) == 0);
	char *expected = reason ? xasprintf("refused: %s", reason) : xstrdup("accepted");
	char *got = accepted  ? xstrdup("accepted")
	            : refused ? xasprintf("refused: %s", msg)
	                      : xasprintf("%s %s", state, msg);

	support_case(cases, name, expected, got, agree);
	free(expected);
	free(got);
}

/* Records a value the database gives against the one expected (NULL
 * prints as `none`); `error` (freed) is what came when the query failed. */
static void same_value(struct support_cases *cases, const char *name, const char *expected,
                       char *value, char *error, const char *none)
{
	support_case_equal(cases, name, expected ? expected : none,
	                   error   ? error
	                   : value ? value
	                           : none);
	free(value);
	free(error);
}

static const char *const insert_person_sql =
        "INSERT INTO hr.person (org_id, last_name, first_name, personal_id, birth_date, gender) "
        "VALUES ($1, 'Case', 'Test', $2, $3, $4) RETURNING personal_id";

static void personal_id_cases_agree(void **unused)
{
	enum personal_id_scheme current = PERSONAL_ID_KZ_IIN;
	struct support_cases cases = { "personal_id_cases_agree", 0, 0 };
	char msg[256];

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	set_scheme(current);
	for (size_t i = 0; i < CASES(id_cases); i++) {
		const struct id_case *c = &id_cases[i];
		const char *why = NULL, *scheme = personal_id_scheme_name(c->scheme);
		const char *p[4] = { scheme, c->text, NULL, NULL };
		bool ok = personal_id_check(c->scheme, c->text, NULL, NULL, &why);
		char *name = xasprintf("%s \"%s\"", scheme, c->text), *check, *value, *error;
		const char *state;

		if (c->scheme != current)
			set_scheme(current = c->scheme);
		/* The function gives core's reason, word for word, and the normal form. */
		check = xasprintf("%s: hr.personal_id_problem", name);
		error = support_try_params(clerk, &value, "SELECT hr.personal_id_problem($1, $2)",
		                           2, p);
		same_value(&cases, check, ok ? NULL : why, value, error, "valid");
		free(check);
		check = xasprintf("%s: hr.personal_id_normalise", name);
		error = support_try_params(clerk, &value, "SELECT hr.personal_id_normalise($1, $2)",
		                           2, p);
		same_value(&cases, check, c->normalised, value, error, "(null)");
		free(check);
		/* The trigger refuses with the same sentence, or stores the normal form. */
		begin(clerk);
		p[0] = mwa;
		state = attempt(clerk, insert_person_sql, 4, p, msg, sizeof msg);
		check = xasprintf("%s: INSERT", name);
		same_verdict(&cases, check, state, msg, ok ? NULL : why, true);
		free(check);
		rollback(clerk);
		if (ok) {
			begin(clerk);
			check = xasprintf("%s: stored", name);
			error = support_try_params(clerk, &value, insert_person_sql, 4, p);
			same_value(&cases, check, c->normalised, value, error, "(null)");
			free(check);
			rollback(clerk);
		}
		free(name);
	}
	set_scheme(PERSONAL_ID_KZ_IIN);
	support_cases_end(&cases);
}

/* Birth date and gender must agree with the number, as personal_id_agrees() says. */
static void birth_and_gender_agree_with_the_number(void **unused)
{
	struct support_cases cases = { "birth_and_gender_agree_with_the_number", 0, 0 };
	char msg[256];

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	for (size_t i = 0; i < CASES(id_cases); i++) {
		const struct id_case *c = &id_cases[i];
		struct date birth, other;
		char iso[DATE_TEXT_SIZE], other_iso[DATE_TEXT_SIZE], gender[2] = { 0, 0 };
		const char *why, *p[4];
		char g;

		/* Only numbers with a birth date hr.person takes (after 1900-01-01). */
		if (c->reason != NULL || c->birth == NULL || strcmp(c->birth, "1900-01-02") < 0)
			continue;
		set_scheme(c->scheme);
		if (!support_case(&cases, c->text, "core: valid", "core: invalid",
		                  personal_id_check(c->scheme, c->text, &birth, &g, NULL)))
			continue;
		date_to_iso(birth, iso, sizeof iso);
		other = date_add_days(birth, 1);
		date_to_iso(other, other_iso, sizeof other_iso);
		gender[0] = g == 'M' ? 'F' : 'M';
		const char *const variants[3][2] = { { iso, c->gender == 'M' ? "M" : "F" },
			                             { other_iso, NULL },
			                             { NULL, gender } };
		for (int v = 0; v < 3; v++) {
			bool ok = personal_id_agrees(
			        c->scheme, c->text,
			        variants[v][0] ? (v == 1 ? &other : &birth) : NULL,
			        variants[v][1] ? variants[v][1][0] : '\0', &why);
			char *name = xasprintf("%s born %s, gender %s", c->text,
			                       variants[v][0] ? variants[v][0] : "-",
			                       variants[v][1] ? variants[v][1] : "-");

			/* Only the first variant agrees with the number, for core too. */
			support_case(&cases, name, v == 0 ? "core: agrees" : "core: disagrees",
			             ok ? "core: agrees" : "core: disagrees", ok == (v == 0));
			p[0] = mwa;
			p[1] = c->text;
			p[2] = variants[v][0];
			p[3] = variants[v][1];
			begin(clerk);
			const char *state =
			        attempt(clerk, insert_person_sql, 4, p, msg, sizeof msg);
			same_verdict(&cases, name, state, msg, ok ? NULL : why, true);
			rollback(clerk);
			free(name);
		}
	}
	set_scheme(PERSONAL_ID_KZ_IIN);
	support_cases_end(&cases);
}

/* A name as first, last and middle name: refused exactly when core refuses. */
static void name_cases_agree(void **unused)
{
	static const char *const columns[] = { "last_name", "first_name", "middle_name" };
	struct support_cases cases = { "name_cases_agree", 0, 0 };
	char reason[VALIDATE_REASON_SIZE], msg[256];

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	for (size_t i = 0; i < CASES(name_cases); i++) {
		const char *text = name_cases[i].text, *p[2] = { mwa, text };
		bool ok = validate_name(text, true, reason, sizeof reason);
		char *name = xasprintf("name \"%s\": hr.name_problem", text), *value, *error;

		error = support_try_params(clerk, &value, "SELECT hr.name_problem($1)", 1, p + 1);
		same_value(&cases, name, ok ? NULL : reason, value, error, "valid");
		free(name);
		for (int col = 0; col < 3; col++) {
			bool optional_ok = validate_name(text, col != 2, reason, sizeof reason);
			char *sql =
			        xasprintf("INSERT INTO hr.person (org_id, last_name, first_name, "
			                  "middle_name) VALUES ($1, %s, %s, %s)",
			                  col == 0 ? "$2" : "'Case'", col == 1 ? "$2" : "'Test'",
			                  col == 2 ? "$2" : "''");

			name = xasprintf("name \"%s\" as %s", text, columns[col]);
			begin(clerk);
			same_verdict(&cases, name, attempt(clerk, sql, 2, p, msg, sizeof msg), msg,
			             optional_ok ? NULL : reason, false);
			rollback(clerk);
			free(name);
			free(sql);
		}
	}
	support_cases_end(&cases);
}

/* Encodes code point c as UTF-8 into out (at least 5 bytes). */
static void utf8(long c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c, out[1] = '\0';
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), out[2] = '\0';
	} else {
		out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F)), out[3] = '\0';
	}
}

/* For every character of the BMP, "a<c>a" is a name to both sides or to neither. */
static void name_letters_are_the_same_table(void **unused)
{
	size_t size = 1 << 20, len = 0;
	char *mine = xmalloc(size), *theirs;

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	mine[0] = '\0';
	for (long c = 1; c <= 0xFFFF; c++) {
		char name[8] = "a";

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		utf8(c, name + 1);
		strcat(name, "a");
		if (validate_name(name, true, NULL, 0))
			len += (size_t)snprintf(mine + len, size - len, "%s%ld", len ? "," : "", c);
	}
	theirs = support_text(clerk,
	                      "SELECT string_agg(c::text, ',' ORDER BY c) FROM generate_series(1, "
	                      "65535) c WHERE c NOT BETWEEN 55296 AND 57343 "
	                      "AND hr.name_problem('a' || chr(c) || 'a') IS NULL");
	assert_non_null(theirs);
	assert_string_equal(mine, theirs);
	free(theirs);
	free(mine);
}

/* Records the database's verdict on a person whose `column` is `text`
 * against core's `reason` (NULL: valid). */
static void column_verdict(struct support_cases *cases, const char *column, const char *text,
                           const char *reason)
{
	const char *p[2] = { mwa, text };
	char *sql = xasprintf("INSERT INTO hr.person (org_id, last_name, first_name, %s) "
	                      "VALUES ($1, 'Case', 'Test', $2)",
	                      column);
	char *name = xasprintf("%s \"%s\"", column, text), msg[256];

	begin(clerk);
	same_verdict(cases, name, attempt(clerk, sql, 2, p, msg, sizeof msg), msg, reason, false);
	rollback(clerk);
	free(name);
	free(sql);
}

/* E-mail, phone and other free text of the person row. */
static void contact_cases_agree(void **unused)
{
	static const char *const addresses[] = { "Abay 10, Astana", "Line\nbreak", "Bell\x07",
		                                 "Tab\there",       "C1 \xc2\x9b", NULL };
	struct support_cases cases = { "contact_cases_agree", 0, 0 };
	char reason[VALIDATE_REASON_SIZE];

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	for (size_t i = 0; i < CASES(email_cases); i++) {
		bool ok = validate_email(email_cases[i].text, reason, sizeof reason);

		column_verdict(&cases, "email", email_cases[i].text, ok ? NULL : reason);
	}
	for (size_t i = 0; i < CASES(phone_cases); i++) {
		bool ok = validate_phone(phone_cases[i].text, reason, sizeof reason);

		column_verdict(&cases, "phone", phone_cases[i].text, ok ? NULL : reason);
	}
	/* Only the first address is free of control characters, for core too. */
	for (int i = 0; addresses[i] != NULL; i++) {
		bool ok = validate_text(addresses[i], 300, reason, sizeof reason);

		support_case(&cases, addresses[i], i == 0 ? "core: valid" : "core: refused",
		             ok ? "core: valid" : "core: refused", ok == (i == 0));
		column_verdict(&cases, "address", addresses[i], ok ? NULL : reason);
	}
	support_cases_end(&cases);
}

static void as_superuser(void)
{
	PQclear(support_ok(hiring, "RESET SESSION AUTHORIZATION"));
}

static void as_clerk(void)
{
	PQclear(support_ok(hiring, "SET SESSION AUTHORIZATION clerk_mwa"));
}

/*
 * In the transaction open on `hiring`: inserts a person born on `birth` as
 * the clerk and hires them on `hire` as the superuser; returns the hire's
 * SQLSTATE (static), or NULL when the person was refused (msg says why).
 * The transaction goes on as the clerk either way.
 */
static const char *hire(const char *birth, const char *hire_date, char *msg, size_t size)
{
	const char *p[3] = { mwa, birth, hire_date };
	char *person = NULL;
	char *error = support_try_params(
	        hiring, &person,
	        "INSERT INTO hr.person (org_id, last_name, first_name, birth_date) "
	        "VALUES ($1, 'Hire', 'Test', $2) RETURNING id",
	        2, p);
	const char *q[3] = { mwa, person, hire_date };
	const char *state;

	if (error != NULL || person == NULL) {
		snprintf(msg, size, "the person was refused: %s", error ? error : "no id");
		free(error);
		free(person);
		return NULL;
	}
	as_superuser();
	PQclear(support_ok(hiring, "SAVEPOINT hire"));
	state = attempt(hiring,
	                "INSERT INTO hr.employment (org_id, person_id, personnel_no, "
	                "hire_date) VALUES ($1, $2::bigint, 'VAL-' || $2::text, $3)",
	                3, q, msg, size);
	if (strcmp(state, "00000") != 0)
		PQclear(support_ok(hiring, "ROLLBACK TO SAVEPOINT hire"));
	as_clerk();
	free(person);
	return state;
}

/* Records the database's verdict on hiring someone born on `birth` on
 * `hire_date` (each in a transaction of its own) against core's `reason`. */
static void hire_verdict(struct support_cases *cases, const char *name, const char *birth,
                         const char *hire_date, const char *reason, bool same_words)
{
	char msg[256];
	const char *state;

	begin(hiring);
	state = hire(birth, hire_date, msg, sizeof msg);
	if (state == NULL)
		support_case(cases, name, reason ? reason : "accepted", msg, false);
	else
		same_verdict(cases, name, state, msg, reason, same_words);
	rollback(hiring);
}

static void age_at_hire_is_16_to_80(void **unused)
{
	static const struct {
		const char *birth, *hire, *name;
	} hires[] = {
		{ "2004-06-16", "2020-06-15", "15" },
		{ "2004-06-15", "2020-06-15", "exactly 16" },
		{ "1940-06-15", "2020-06-15", "exactly 80" },
		{ "1939-06-16", "2020-06-15", "80, a day short of 81" },
		{ "1939-06-15", "2020-06-15", "81" },
		{ "2008-02-29", "2024-02-28", "15: the birthday is the 29th" },
		{ "2008-02-29", "2024-02-29", "16, born on the 29th" },
		{ "2007-02-28", "2023-02-28", "16" },
	};
	struct support_cases cases = { "age_at_hire_is_16_to_80", 0, 0 };
	char reason[VALIDATE_REASON_SIZE], msg[256];

	(void)unused;
	PQclear(PQexec(hiring, "ROLLBACK")); /* what a failed test left open */
	for (size_t i = 0; i < CASES(hires); i++) {
		struct date birth, at;
		bool ok;
		char *name = xasprintf("born %s, hired %s (%s)", hires[i].birth, hires[i].hire,
		                       hires[i].name);

		assert_true(date_parse(hires[i].birth, DATE_FORMAT_ISO, &birth, NULL));
		assert_true(date_parse(hires[i].hire, DATE_FORMAT_ISO, &at, NULL));
		ok = validate_age(birth, at, "at hire", reason, sizeof reason);
		hire_verdict(&cases, name, hires[i].birth, hires[i].hire, ok ? NULL : reason, true);
		free(name);
	}
	support_cases_end(&cases);
	/* Moving the birth date of someone hired must keep the hire age valid. */
	begin(hiring);
	assert_string_equal(hire("1990-01-01", "2020-01-01", msg, sizeof msg), "00000");
	support_fails(hiring,
	              "UPDATE hr.person SET birth_date = date '2005-01-01' "
	              "WHERE last_name = 'Hire' AND first_name = 'Test'",
	              "23514");
	rollback(hiring);
}

static void hire_dates_from_1940_to_a_year_ahead(void **unused)
{
	char *today_text = support_text(super, "SELECT current_date::text");
	char reason[VALIDATE_REASON_SIZE], msg[256], iso[DATE_TEXT_SIZE];
	struct support_cases cases = { "hire_dates_from_1940_to_a_year_ahead", 0, 0 };
	struct date today, ahead;
	const char *dates[4];

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	assert_true(date_parse(today_text, DATE_FORMAT_ISO, &today, NULL));
	ahead = date_add_months(today, 12);
	dates[0] = "1939-12-31";
	dates[1] = "1940-01-01";
	dates[2] = xstrdup(date_to_iso(ahead, iso, sizeof iso));
	dates[3] = xstrdup(date_to_iso(date_add_days(ahead, 1), iso, sizeof iso));
	for (int i = 0; i < 4; i++) {
		bool ok = validate_hire_date(dates[i], DATE_FORMAT_ISO, today, NULL, reason,
		                             sizeof reason);
		char *name = xasprintf("hired %s", dates[i]);

		/* The middle two dates are within the span, for core too. */
		support_case(&cases, name, i == 1 || i == 2 ? "core: valid" : "core: refused",
		             ok ? "core: valid" : "core: refused", ok == (i == 1 || i == 2));
		/* Ages 19, 20 and about 36: only the date rule decides. */
		hire_verdict(&cases, name, i < 2 ? "1920-01-01" : "1990-01-01", dates[i],
		             ok ? NULL : reason, false);
		free(name);
	}
	/* A birth date in the future is refused on both sides. */
	date_to_iso(date_add_days(today, 1), iso, sizeof iso);
	assert_false(validate_birth_date(iso, DATE_FORMAT_ISO, today, NULL, reason, sizeof reason));
	begin(clerk);
	{
		const char *p[2] = { mwa, iso };

		assert_string_equal(attempt(clerk,
		                            "INSERT INTO hr.person (org_id, last_name, first_name, "
		                            "birth_date) VALUES ($1, 'Case', 'Test', $2)",
		                            2, p, msg, sizeof msg),
		                    "23514");
		assert_string_equal(msg, reason);
	}
	rollback(clerk);
	free((char *)dates[2]);
	free((char *)dates[3]);
	free(today_text);
	support_cases_end(&cases);
}

/* A complete, valid person file is accepted and stored as typed (normalised). */
static void valid_data_is_accepted(void **unused)
{
	const char *p[1] = { mwa };
	PGresult *res;

	(void)unused;
	PQclear(PQexec(hiring, "ROLLBACK")); /* what a failed test left open */
	set_scheme(PERSONAL_ID_KZ_IIN);
	begin(hiring);
	res = support_ok_params(
	        hiring,
	        "INSERT INTO hr.person (org_id, last_name, first_name, middle_name, "
	        " birth_date, gender, personal_id, phone, email, address, citizenship) VALUES ($1, "
	        " 'O''Brien-Smith', 'Aigerim', 'Nurlanovna', date '1985-12-31', 'F', "
	        " '851231 401238', '+7 (701) 123-45-67', 'a.obrien@mwa.gov.kz', 'Abay 10, Astana', "
	        " 'Kazakhstan') RETURNING id, personal_id",
	        1, p);
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 1), "851231401238");
	/* The hire, which only orders write, as the superuser. */
	{
		const char *q[2] = { mwa, PQgetvalue(res, 0, 0) };

		as_superuser();
		PQclear(support_ok_params(hiring,
		                          "INSERT INTO hr.employment (org_id, person_id, "
		                          "personnel_no, hire_date) VALUES ($1, $2::bigint, "
		                          "'VAL-OK', date '2010-09-01')",
		                          2, q));
		as_clerk();
	}
	PQclear(res);
	rollback(hiring);
}

/* The demo data (kz_iin) passes core's rules: numbers, birth dates, genders, names. */
static void demo_data_passes_the_rules(void **unused)
{
	struct support_cases cases = { "demo_data_passes_the_rules", 0, 0 };
	PGresult *res;

	char *scheme = support_text(super, "SELECT id_scheme FROM hr.service_setting");

	(void)unused;
	PQclear(PQexec(clerk, "ROLLBACK")); /* what a failed test left open */
	assert_string_equal(scheme, "kz_iin");
	free(scheme);
	res = support_ok(super,
	                 "SELECT personal_id, birth_date, gender, last_name, first_name, "
	                 "middle_name FROM hr.person p JOIN hr.org o ON o.id = p.org_id "
	                 "WHERE o.code IN ('CSA', 'MCS', 'MOE', 'MOE-FOR', 'MOE-MET', 'MWA') "
	                 "AND p.personal_id IS NOT NULL ORDER BY p.id LIMIT 1000");
	assert_true(PQntuples(res) >= 100);
	for (int i = 0; i < PQntuples(res); i++) {
		const char *id = PQgetvalue(res, i, 0);
		struct date birth;
		const char *why = NULL;

		assert_true(date_parse(PQgetvalue(res, i, 1), DATE_FORMAT_ISO, &birth, NULL));
		if (!personal_id_agrees(PERSONAL_ID_KZ_IIN, id, &birth, PQgetvalue(res, i, 2)[0],
		                        &why))
			support_case(&cases, id, "agrees with birth date and gender", why, false);
		for (int col = 3; col <= 5; col++)
			if (!validate_name(PQgetvalue(res, i, col), col != 5, NULL, 0))
				support_case(&cases, PQgetvalue(res, i, col), "a name", "refused",
				             false);
	}
	PQclear(res);
	support_cases_end(&cases);
}

/* "no transaction in progress" and the like are expected here. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int setup(void **unused)
{
	char *id;

	(void)unused;
	super = support_connect_superuser();
	clerk = support_connect("clerk_mwa");
	hiring = support_connect_superuser();
	PQclear(support_ok(hiring, "SET SESSION AUTHORIZATION clerk_mwa"));
	PQsetNoticeProcessor(clerk, quiet, NULL);
	PQsetNoticeProcessor(hiring, quiet, NULL);
	PQsetNoticeProcessor(super, quiet, NULL);
	id = support_text(super, "SELECT id FROM hr.org WHERE code = 'MWA'");
	snprintf(mwa, sizeof mwa, "%s", id);
	free(id);
	return 0;
}

static int teardown(void **unused)
{
	(void)unused;
	PQclear(PQexec(super, "UPDATE hr.service_setting SET id_scheme = 'kz_iin'"));
	PQfinish(clerk);
	PQfinish(hiring);
	PQfinish(super);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(personal_id_cases_agree),
		cmocka_unit_test(birth_and_gender_agree_with_the_number),
		cmocka_unit_test(name_cases_agree),
		cmocka_unit_test(name_letters_are_the_same_table),
		cmocka_unit_test(contact_cases_agree),
		cmocka_unit_test(age_at_hire_is_16_to_80),
		cmocka_unit_test(hire_dates_from_1940_to_a_year_ahead),
		cmocka_unit_test(valid_data_is_accepted),
		cmocka_unit_test(demo_data_passes_the_rules),
	};

	return cmocka_run_group_tests_name("data quality in the database", tests, setup, teardown);
}
