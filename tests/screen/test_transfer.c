/*
 * test_transfer.c - a file another organisation released, as the clerk of
 * the receiving one meets it: clerk_mwa keys a hire order, types part of
 * a name and Enter; the people MOE transferred to MWA are offered with
 * where they come from and their last day there; choosing one takes the
 * file on (hr.receive_person) and the line goes on with that person.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL of
 * tests/run.sh.  The two people are the run's own: made in MOE by the
 * superuser on a position of a department made for the run, transferred
 * to MWA by an order clerk_moe keys and head_moe signs through libpq.  The
 * teardown removes them, the copies MWA took, the orders and the structure
 * again, so the people other tests count are as seeded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness_client.h"
#include "xalloc.h"

/* A NULL-terminated list of strings for the row waits: WORDS("a", "b"). */
#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 120, /* the offered names with where they come from fit */
	ROWS = 24,
	TAG_LETTERS = 8,
	LAST_DAY = 6, /* days from today: the last day in MOE */
	PEOPLE = 2,
};
#define LAST_DAY_TEXT "6" /* LAST_DAY as an SQL parameter */

struct fixture {
	char *clerk_config; /* clerk_mwa, as devdb.sh writes it */
	PGconn *super;
	PGconn *clerk_db; /* clerk_moe: keys the transfers */
	PGconn *head_db;  /* head_moe: signs them */
	char moe[16], mwa[16];
	char tag[TAG_LETTERS + 1];
	char surname[PEOPLE][32];
	char person[PEOPLE][24];
	char release[PEOPLE][24];
	struct client_marks marks; /* ids before the run: the teardown removes what came after */
};

/* ---- the database -------------------------------------------------------------- */

/* Person k of the run: employed in MOE on `position` since 2020, with
 * consent, transferred to MWA by a signed order (last day LAST_DAY from
 * today); its id and the release go into the fixture. */
static bool transferred_person(struct fixture *f, int k, const char *position)
{
	char *value, *order;

	snprintf(f->surname[k], sizeof f->surname[k], "Tr%s%c", f->tag, 'a' + k);
	value = client_sql_value(f->super,
	                         "INSERT INTO hr.person (org_id, last_name, first_name) "
	                         "VALUES ($1::int, $2, 'Tessa') RETURNING id",
	                         f->moe, f->surname[k], NULL);
	if (value == NULL)
		return false;
	snprintf(f->person[k], sizeof f->person[k], "%s", value);
	free(value);
	value = client_sql_value(
	        f->super,
	        "WITH c AS (INSERT INTO hr.consent (org_id, person_id, given_on, "
	        "  document) VALUES ($1::int, $2::bigint, '2020-01-10', 'Consent') "
	        "  RETURNING person_id), "
	        "e AS (INSERT INTO hr.employment (org_id, person_id, personnel_no, "
	        "  hire_date) SELECT $1::int, person_id, 'TRS-' || person_id, "
	        "  '2020-02-03' FROM c RETURNING id) "
	        "INSERT INTO hr.assignment (org_id, employment_id, position_id, "
	        "  rate, during) SELECT $1::int, id, $3::bigint, 1, "
	        "  '[2020-02-03,)' FROM e RETURNING id",
	        f->moe, f->person[k], position, NULL);
	if (value == NULL)
		return false;
	free(value);
	order = client_sql_value(f->clerk_db,
	                         "INSERT INTO hr.hr_order (org_id, kind, register_id) "
	                         "SELECT org_id, 'transfer_out', id FROM hr.order_register "
	                         " WHERE org_id = $1::int AND code = 'P' RETURNING id",
	                         f->moe, NULL);
	if (order == NULL)
		return false;
	value = client_sql_value(f->clerk_db,
	                         "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, "
	                         "  effective, to_org_id) VALUES ($1::int, $2::bigint, 1, "
	                         "  $3::bigint, current_date + $5::int, $4::int) RETURNING id",
	                         f->moe, order, f->person[k], f->mwa, LAST_DAY_TEXT, NULL);
	free(value);
	value = client_sql_value(f->head_db,
	                         "SELECT number_text FROM hr.order_sign($1::bigint, "
	                         "  (SELECT version FROM hr.hr_order WHERE id = $1::bigint))",
	                         order, NULL);
	free(order);
	if (value == NULL)
		return false;
	free(value);
	value = client_sql_value(f->super,
	                         "SELECT id FROM hr.person_release WHERE person_id = $1::bigint",
	                         f->person[k], NULL);
	if (value == NULL || value[0] == '\0') {
		free(value);
		return false;
	}
	snprintf(f->release[k], sizeof f->release[k], "%s", value);
	free(value);
	return true;
}

/* ---- fixture ------------------------------------------------------------------- */

static int setup(void **state)
{
	struct fixture *f;
	char *value, code[16], position[32];

	if (!client_environment_ready())
		return -1;
	f = xcalloc(1, sizeof *f);
	*state = f;
	client_run_tag(f->tag, TAG_LETTERS);
	f->super = client_connect_superuser();
	f->clerk_db = client_connect_login("clerk_moe");
	f->head_db = client_connect_login("head_moe");
	f->clerk_config = client_devdb_conf("clerk_mwa");
	if (f->super == NULL || f->clerk_db == NULL || f->head_db == NULL ||
	    f->clerk_config == NULL)
		return -1;
	if (!client_marks_read(f->super, &f->marks))
		return -1;
	value = client_sql_value(f->super,
	                         "SELECT (SELECT id FROM hr.org WHERE code = 'MOE') || ' ' || "
	                         "(SELECT id FROM hr.org WHERE code = 'MWA')",
	                         NULL);
	if (value == NULL || sscanf(value, "%15s %15s", f->moe, f->mwa) != 2) {
		free(value);
		return -1;
	}
	free(value);

	/* The run's department and position in MOE, then the two people. */
	snprintf(code, sizeof code, "TS%s", f->tag);
	for (char *p = code; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	value = client_sql_value(
	        f->clerk_db,
	        "WITH d AS (INSERT INTO hr.department (org_id, code, name, "
	        "  valid_from) VALUES ($1::int, $2, 'Transfer screen test', "
	        "  '2020-01-01') RETURNING id) "
	        "INSERT INTO hr.position (org_id, department_id, title, grade, "
	        "  rates, valid_from) SELECT $1::int, id, $3, 'C3', 2, '2020-01-01' "
	        "  FROM d RETURNING id",
	        f->moe, code, "Leaving desk", NULL);
	if (value == NULL)
		return -1;
	snprintf(position, sizeof position, "%s", value);
	free(value);
	for (int k = 0; k < PEOPLE; k++)
		if (!transferred_person(f, k, position))
			return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	/* Triggers off: signed orders, released and moved files go as a whole. */
	if (f->super != NULL && f->marks.person[0] != '\0' && f->moe[0] != '\0') {
		char orgs[40];

		snprintf(orgs, sizeof orgs, "(%s, %s)", f->moe, f->mwa);
		client_remove_since(f->super, &f->marks, orgs, "clerk_mwa");
	}
	PQfinish(f->super);
	PQfinish(f->clerk_db);
	PQfinish(f->head_db);
	free(f->clerk_config);
	free(f);
	return 0;
}

/* ---- the screen ------------------------------------------------------------------ */

static bool wait_words(struct term *t, const char *const words[])
{
	return client_wait_body_row(t, words, WAIT_MS);
}

/* Wait until the form's field label shows value (NULL: any), with the cursor on it if focused. */
static bool wait_field(struct term *t, const char *label, const char *value, bool focused)
{
	return client_wait_field(t, label, value, 0, focused, WAIT_MS);
}

/* Type utf8 one character per write. */
static void type_data(struct term *t, const char *utf8)
{
	for (const char *p = utf8; *p != '\0'; p++)
		assert_true(term_send(t, p, 1));
}

static const char *const personnel_selected[] = { "> Personnel file", NULL };

/* ---- taking a released file on ---------------------------------------------------- */

/*
 * clerk_mwa: the journal, Insert, H, Enter: a new hire.  Part of the name
 * both released people share, Enter: both are offered, each "(from MOE,
 * last day there DD.MM.YYYY)"; the second chosen: the message says the
 * file came over, the employee field shows the choice and the cursor goes
 * on to the position.  The database has the copy in MWA (the same person
 * of the service, the service in MOE as prior employment), the release
 * taken on, MOE's file moved; the first person's release is untouched.
 */
static void test_hire_takes_the_released_file_on(void **state)
{
	struct fixture *f = *state;
	char last_day[16], offered[PEOPLE][160], typed[16];
	struct term *t;

	client_day_text(LAST_DAY, last_day, sizeof last_day);
	for (int k = 0; k < PEOPLE; k++)
		snprintf(offered[k], sizeof offered[k], "%s Tessa (from MOE, last day there %s)",
		         f->surname[k], last_day);
	/* The list offers the released files only to the organisation they go to. */
	assert_true(client_sql_is(f->super, "0",
	                          "SELECT count(*) FROM hr.person WHERE org_id = $1::int AND "
	                          "last_name LIKE 'Tr' || $2 || '%'",
	                          f->mwa, f->tag, NULL));

	t = client_spawn(f->clerk_config, COLS, ROWS, NULL);
	assert_non_null(t);
	assert_true(client_wait_home(t, "clerk_mwa", "MWA", personnel_selected, "Home of clerk_mwa",
	                             CONNECT_MS));
	assert_true(term_send(t, ":", 1));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	type_data(t, "orders");
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(wait_words(t, WORDS("Order journal:")));
	assert_true(term_key(t, "Insert"));
	assert_true(wait_words(t, WORDS("> Hire")));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, 1, "Hire order: new draft, register P", WAIT_MS));
	assert_true(wait_field(t, "Employee", "", true));

	/* Part of the name (the run's letters, in capitals): both are offered. */
	snprintf(typed, sizeof typed, "%s", f->tag);
	for (char *p = typed; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	type_data(t, typed);
	assert_true(wait_field(t, "Employee", typed, true));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_words(t, WORDS(offered[0])));
	assert_true(wait_words(t, WORDS(offered[1])));
	/* Nothing is taken on by being offered. */
	assert_true(client_sql_is(f->super, "0",
	                          "SELECT count(*) FROM hr.person_release WHERE id IN "
	                          "($1::bigint, $2::bigint) AND received_person_id IS NOT NULL",
	                          f->release[0], f->release[1], NULL));

	/* The second one chosen: the file comes over, the line goes on. */
	assert_true(term_key(t, "Down"));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(
	        t, "The file came over from the other organisation; key the hire.", WAIT_MS));
	assert_true(wait_field(t, "Employee", offered[1], false));
	assert_true(wait_field(t, "Position (F4)", NULL, true));

	/* The database: MWA's copy of the second, the first still waiting. */
	assert_true(client_sql_is(
	        f->super, "1|true|true|true",
	        "SELECT count(*) OVER () || '|' || (n.org_id = $2::int) || '|' "
	        "  || (r.received_person_id = n.id) || '|' || (o.moved_to = $2::int) "
	        "  FROM hr.person n JOIN hr.person_release r ON r.person_id = n.human_id "
	        "  JOIN hr.person o ON o.id = n.human_id WHERE n.human_id = $1::bigint",
	        f->person[1], f->mwa, NULL));
	assert_true(client_sql_is(
	        f->super, "Ministry of Environment|Leaving desk",
	        "SELECT p.employer || '|' || p.position FROM hr.prior_employment p "
	        "  JOIN hr.person n ON n.id = p.person_id WHERE n.human_id = $1::bigint",
	        f->person[1], NULL));
	assert_true(client_sql_is(f->super, "0|",
	                          "SELECT (SELECT count(*) FROM hr.person WHERE human_id = "
	                          "$1::bigint) || '|' || coalesce((SELECT received_person_id::text "
	                          "FROM hr.person_release WHERE id = $2::bigint), '')",
	                          f->person[0], f->release[0], NULL));

	/* Home and out: the exit status is 0 and the terminal restored. */
	assert_true(term_key(t, "F10"));
	assert_true(client_wait_home(t, "clerk_mwa", "MWA", personnel_selected, "Home", WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hire_takes_the_released_file_on),
	};

	return cmocka_run_group_tests_name("screen_transfer", tests, setup, teardown);
}
