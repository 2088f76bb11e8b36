/*
 * test_structure.c - the structure and staffing screens as a clerk and a
 * ministry use them: the tree of departments (expand, collapse, find in a
 * collapsed branch), the ministry's read-only view of its organisations,
 * a position added through a previewed batch and its vacancy, fewer rates
 * than people hold refused with the people listed, a rename read "as of"
 * the day before and the day itself, and a merge whose people keep an
 * unbroken history.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL of
 * tests/run.sh (HRMIS_ROOT, HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT).  Changes
 * are made as a clerk of MWA created for this run (clerk_st<pid>), in
 * departments named for this run only ("Zz" and letters of the clock, so
 * they sort after the seeded ones and later runs after earlier ones); what
 * the screen says is checked in the database as its superuser, who also
 * writes the fixtures' employment and assignments (only signed orders
 * write those; the triggers on them run for the superuser too).
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness_client.h"

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 80,
	ROWS = 24,
	MAX_WALK = 400, /* rows a walk through a list may pass */
	TAG_LETTERS = 8,
};

struct fixture {
	char clerk[32]; /* clerk_st<pid>, of MWA */
	char *clerk_config;
	char *ministry_config;      /* ministry_moe, as devdb.sh writes it */
	PGconn *super;              /* the cluster's superuser, over the unix socket */
	PGconn *clerk_db;           /* the clerk above, with its certificate */
	char tag[TAG_LETTERS + 1];  /* lower-case letters of this run */
	char code[TAG_LETTERS + 1]; /* the same in capitals, for department codes */
	char mwa[16];               /* MWA's org id */
	char *tree[4];              /* the departments of the tree test, closed after it */
};

/* Set when a check that does not stop the test failed; reported at its end. */
static char late_failure[512];

/* ---- the database and devdb.sh ------------------------------------------------ */

/* A value client_sql_value() read; the test fails if the statement failed. */
static char *sql_ok(char *value)
{
	assert_non_null(value);
	return value;
}

/*
 * Make clerk_st<pid> of MWA (a letter after it if a role has that name
 * already), its certificate and config.  Writes the name to f->clerk;
 * returns the config path (malloc'd) or NULL.
 */
static char *create_mwa_clerk(struct fixture *f)
{
	snprintf(f->clerk, sizeof f->clerk, "clerk_st%ld", (long)getpid());
	for (char suffix = 'a'; suffix <= 'z'; suffix++) {
		char *taken = sql_ok(client_sql_value(
		        f->super, "SELECT count(*) FROM pg_roles WHERE rolname = $1", f->clerk,
		        NULL));
		bool free_name = strcmp(taken, "0") == 0;
		free(taken);
		if (free_name)
			break;
		snprintf(f->clerk, sizeof f->clerk, "clerk_st%ld%c", (long)getpid(), suffix);
	}
	return client_devdb_clerk(f->clerk, "MWA", NULL);
}

/* ---- fixtures, made as the run's clerk (employment and assignments as the superuser) */

/*
 * A department of MWA from 01.01.2020 with code <CODE><letter> and name
 * "Zz<tag> <name>" (after the seeded ones, a later run after an earlier
 * one) or, when first, "Aa<reversed tag> <name>" (before them, a later run
 * before an earlier one), under parent (NULL: top level).  Writes the code
 * and the name (each >= 64 bytes) and returns the id (malloc'd).
 */
static char *department_at(const struct fixture *f, bool first, char letter, const char *name,
                           const char *parent, char *code_out, char *name_out)
{
	char reversed[TAG_LETTERS + 1];

	for (int i = 0; i <= TAG_LETTERS; i++)
		reversed[i] = f->tag[i] ? (char)('z' - (f->tag[i] - 'a')) : '\0';
	snprintf(code_out, 64, "%s%c", f->code, letter);
	snprintf(name_out, 64, "%s%s %s", first ? "Aa" : "Zz", first ? reversed : f->tag, name);
	return sql_ok(client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.department (org_id, parent_id, code, name, valid_from) "
	        "VALUES ($1::int, nullif($2, '')::bigint, $3, $4, '2020-01-01') "
	        "RETURNING id",
	        f->mwa, parent ? parent : "", code_out, name_out, NULL));
}

static char *make_department(const struct fixture *f, char letter, const char *name,
                             const char *parent, char *code_out, char *name_out)
{
	return department_at(f, false, letter, name, parent, code_out, name_out);
}

/* A position of MWA from 01.01.2020; returns its id (malloc'd). */
static char *make_position(const struct fixture *f, const char *department, const char *title,
                           const char *grade, const char *rates)
{
	return sql_ok(client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, "
	        "       valid_from) "
	        "VALUES ($1::int, $2::bigint, $3, $4, $5::numeric, '2020-01-01') "
	        "RETURNING id",
	        f->mwa, department, title, grade, rates, NULL));
}

/*
 * A person of MWA (made by the clerk) employed from 02.01.2019 (by the
 * superuser); returns the employment id (malloc'd).
 */
static char *make_employee(const struct fixture *f, const char *surname)
{
	char *person =
	        sql_ok(client_sql_value(f->clerk_db,
	                                "INSERT INTO hr.person (org_id, last_name, first_name) "
	                                "VALUES ($1::int, $2, 'Tessa') RETURNING id",
	                                f->mwa, surname, NULL));
	char *employment = sql_ok(
	        client_sql_value(f->super,
	                         "INSERT INTO hr.employment (org_id, person_id, personnel_no, "
	                         "       hire_date) "
	                         "VALUES ($1::int, $2::bigint, 'ST-' || $2, '2019-01-02') "
	                         "RETURNING id",
	                         f->mwa, person, NULL));

	free(person);
	return employment;
}

/* Assigns an employment to a position at rate over during (daterange text), as the superuser. */
static void make_assignment(const struct fixture *f, const char *employment, const char *position,
                            const char *rate, const char *during)
{
	free(sql_ok(client_sql_value(
	        f->super,
	        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	        "VALUES ($1::int, $2::bigint, $3::bigint, $4::numeric, $5::daterange) "
	        "RETURNING id",
	        f->mwa, employment, position, rate, during, NULL)));
}

/* ---- fixture ------------------------------------------------------------------- */

static int setup(void **state)
{
	if (!client_environment_ready())
		return -1;
	struct fixture *f = calloc(1, sizeof *f);

	client_run_tag(f->tag, TAG_LETTERS);
	for (int i = 0; i <= TAG_LETTERS; i++)
		f->code[i] = (char)toupper((unsigned char)f->tag[i]);
	*state = f;
	f->super = client_connect_superuser();
	f->ministry_config = client_devdb_conf("ministry_moe");
	if (f->super == NULL || f->ministry_config == NULL)
		return -1;
	char *mwa = sql_ok(
	        client_sql_value(f->super, "SELECT id FROM hr.org WHERE code = 'MWA'", NULL));
	snprintf(f->mwa, sizeof f->mwa, "%s", mwa);
	free(mwa);
	f->clerk_config = create_mwa_clerk(f);
	if (f->clerk_config == NULL || (f->clerk_db = client_connect_login(f->clerk)) == NULL)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	PQfinish(f->super);
	PQfinish(f->clerk_db);
	free(f->ministry_config);
	free(f->clerk_config);
	free(f);
	return 0;
}

/* ---- reading the screen ------------------------------------------------------------ */

static bool row_starts_pred(struct term *t, void *arg)
{
	for (int row = 1; row < client_rows(t) - 2; row++) {
		char *text = term_row_text(t, row);
		bool found = strncmp(text, arg, strlen(arg)) == 0;

		free(text);
		if (found)
			return true;
	}
	return false;
}

/* Wait until a body row begins with prefix (the indentation and mark of a tree line). */
static bool wait_row_starts(struct term *t, const char *prefix)
{
	char what[512];

	snprintf(what, sizeof what, "a body row beginning \"%s\"", prefix);
	return term_wait_until(t, row_starts_pred, (void *)prefix, what, WAIT_MS);
}

/* The selected row begins with the whole label arg (a blank or the end after it). */
static bool selected_is_pred(struct term *t, void *arg)
{
	char *text = client_selected_text(t);
	size_t len = strlen(arg);
	bool ok = strncmp(text, arg, len) == 0 && (text[len] == ' ' || text[len] == '\0');

	free(text);
	return ok;
}

/* Wait until the selected row begins with expected, the whole of its label. */
static bool wait_selected_is(struct term *t, const char *expected)
{
	char what[512];

	snprintf(what, sizeof what, "the selected row reading \"%s\"", expected);
	return term_wait_until(t, selected_is_pred, (void *)expected, what, WAIT_MS);
}

static bool selected_has_pred(struct term *t, void *arg)
{
	char *text = client_selected_text(t);
	bool ok = strstr(text, arg) != NULL;

	free(text);
	return ok;
}

static bool wait_selected_has(struct term *t, const char *text)
{
	char what[512];

	snprintf(what, sizeof what, "the selected row holding \"%s\"", text);
	return term_wait_until(t, selected_has_pred, (void *)text, what, WAIT_MS);
}

/*
 * Walk the selection with key ("Up", "Down") until the selected row holds
 * text; each step waits until the selection has moved.  False after
 * MAX_WALK steps or when the selection stops moving.
 */
static bool walk_to(struct term *t, const char *key, const char *text)
{
	for (int step = 0; step < MAX_WALK; step++) {
		int row = client_selected_row(t);
		char *was = client_selected_text(t);
		bool moved;

		if (strstr(was, text) != NULL) {
			free(was);
			return true;
		}
		if (!term_key(t, key)) {
			free(was);
			return false;
		}
		moved = client_wait_selection_moved(t, row, was, WAIT_MS);
		free(was);
		if (!moved)
			return false;
	}
	return false;
}

/*
 * The cell of row under the column headed `heading` on header_row: from
 * the heading's column to the next heading's, blanks trimmed (malloc'd).
 * The screens here are ASCII, so bytes are columns.
 */
static char *cell_under(struct term *t, int header_row, int row, const char *heading)
{
	char *header = term_row_text(t, header_row), *text = term_row_text(t, row);
	char *at = strstr(header, heading), *out;
	size_t start, end, len = strlen(text);

	if (at == NULL) {
		free(header);
		free(text);
		return NULL;
	}
	start = (size_t)(at - header);
	end = start + strlen(heading);
	while (header[end] == ' ')
		end++;
	if (header[end] == '\0')
		end = len;
	else
		end--; /* the blank between columns */
	if (start > len)
		start = len;
	if (end > len)
		end = len;
	while (start < end && text[start] == ' ')
		start++;
	while (end > start && text[end - 1] == ' ')
		end--;
	out = strndup(text + start, end - start);
	free(header);
	free(text);
	assert_non_null(out);
	return out;
}

struct cell_arg {
	const char *row_text, *heading, *expected;
};

static bool cell_pred(struct term *t, void *arg)
{
	const struct cell_arg *c = arg;

	for (int row = 3; row < client_rows(t) - 2; row++) {
		char *text = term_row_text(t, row);
		bool here = strstr(text, c->row_text) != NULL;

		free(text);
		if (!here)
			continue;
		char *cell = cell_under(t, 2, row, c->heading);
		bool ok = cell != NULL && strcmp(cell, c->expected) == 0;

		free(cell);
		if (ok)
			return true;
	}
	return false;
}

/*
 * Wait until a list row holding row_text shows expected under heading:
 * the way to know that a list read again after a change has come.
 */
static bool wait_cell(struct term *t, const char *row_text, const char *heading,
                      const char *expected)
{
	struct cell_arg arg = { row_text, heading, expected };
	char what[512];

	snprintf(what, sizeof what, "a row with \"%s\" showing \"%s\" under %s", row_text, expected,
	         heading);
	return term_wait_until(t, cell_pred, &arg, what, WAIT_MS);
}

static bool no_totals_pred(struct term *t, void *arg)
{
	(void)arg;
	return client_selected_row(t) >= 0 &&
	       client_find_body_row(t, (const char *const[]){ "Total of", NULL }) < 0;
}

/* Remember a failed check that should not stop the test; the test fails at its end. */
static void fail_later(struct term *t, const char *what)
{
	fprintf(stderr, "FAILED (reported at the end of the test): %s\n", what);
	term_dump(t, stderr);
	if (late_failure[0] == '\0')
		snprintf(late_failure, sizeof late_failure, "%s", what);
}

static void assert_no_late_failure(void)
{
	if (late_failure[0] != '\0') {
		char what[sizeof late_failure];

		snprintf(what, sizeof what, "%s", late_failure);
		late_failure[0] = '\0';
		fail_msg("%s", what);
	}
}

/* ---- the client ---------------------------------------------------------------- */

/* The client as the run's clerk or as the ministry; the test fails if it cannot start. */
static struct term *spawn_client(const char *config)
{
	struct term *t = client_spawn(config, COLS, ROWS, NULL);

	assert_non_null(t);
	return t;
}

/* Wait for Home of login at org, with "Structure and staffing" in the menu. */
static bool wait_home(struct term *t, const char *login, const char *org, int timeout_ms)
{
	const char *const menu[] = { "Structure and staffing", NULL };
	char what[128];

	snprintf(what, sizeof what, "Home of %s (%s)", login, org);
	return client_wait_home(t, login, org, menu, what, timeout_ms);
}

/* F3 from Home: status 0 (under ASan: nothing leaked). */
static void quit_from_home(struct term *t, const char *login, const char *org)
{
	assert_true(wait_home(t, login, org, WAIT_MS));
	assert_true(client_quit_from_home(t));
}

/* From Home: the 5th menu row, "Structure and staffing". */
static void open_structure(struct term *t)
{
	const char *const selected[] = { ">", "Structure and staffing", NULL };

	assert_true(term_key(t, "Home"));
	for (int i = 0; i < 4; i++)
		assert_true(term_key(t, "Down"));
	assert_true(client_wait_body_row(t, selected, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
}

/* The clerk's structure: MWA's departments as of today. */
static struct term *clerk_structure(const struct fixture *f)
{
	struct term *t = spawn_client(f->clerk_config);
	char today[16], heading[128];

	assert_true(wait_home(t, f->clerk, "MWA", CONNECT_MS));
	open_structure(t);
	client_day_text(0, today, sizeof today);
	snprintf(heading, sizeof heading, "MWA  Ministry of Women's Affairs: departments as of %s",
	         today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	/* The departments have come (the heading is drawn before them). */
	assert_true(client_wait_body_row(t, (const char *const[]){ "ADM  Administration", NULL },
	                                 WAIT_MS));
	return t;
}

/* In the structure: "/", the name, Enter; the line of `label` is selected. */
static void find_department(struct term *t, const char *name, const char *label)
{
	const int prompt_row = client_rows(t) - 3;

	assert_true(term_type(t, "/"));
	assert_true(term_wait_row(t, prompt_row, "Find:", WAIT_MS));
	assert_true(client_backspaces(t, 64));
	assert_true(term_type(t, name));
	assert_true(term_wait_row(t, prompt_row, name, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_gone(t, "Find:", WAIT_MS));
	assert_true(wait_selected_has(t, label));
}

/* From the structure of an organisation, F9: the table of the department on
 * the line and below it; F4: the organisation's whole staffing table. */
static void open_staffing(struct term *t, const char *org_heading)
{
	char today[16], heading[160];

	client_day_text(0, today, sizeof today);
	snprintf(heading, sizeof heading, "%s: staffing table as of %s", org_heading, today);
	assert_true(term_key(t, "F9"));
	assert_true(term_wait_row(t, 0, "Staffing table", WAIT_MS));
	assert_true(term_wait_row(t, 1, " and below: staffing table as of ", WAIT_MS));
	assert_true(term_key(t, "F4"));
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(term_wait_row(t, 2, "Vacant", WAIT_MS));
	/* The table has come: its totals (keys sent before act on no rows). */
	assert_true(client_wait_body_row(t, (const char *const[]){ "Total of ", NULL }, WAIT_MS));
	assert_true(wait_selected_has(t, " "));
}

/* ---- 1. the tree ------------------------------------------------------------------ */

/*
 * The clerk sees its departments with their positions and rates; Left and
 * Right collapse and expand (the marks change and the branch hides and
 * shows), Left on a closed department goes to its parent, Enter toggles,
 * and "/" finds a department hidden in a collapsed branch.
 */
static void test_navigate_the_tree(void **state)
{
	const struct fixture *f = *state;
	char bureau_code[64], bureau[64], sector_code[64], sector[64], unit_code[64], unit[64];
	char desk_code[64], desk[64], line[160], missing[64];
	struct fixture *fx = *state;
	/* Before the seeded departments: the whole branch is on the first lines. */
	char *bureau_id = fx->tree[3] =
	        department_at(f, true, 'B', "Bureau", NULL, bureau_code, bureau);
	char *sector_id = fx->tree[2] =
	        department_at(f, true, 'S', "Sector", bureau_id, sector_code, sector);
	char *unit_id = fx->tree[1] =
	        department_at(f, true, 'U', "Unit", sector_id, unit_code, unit);
	fx->tree[0] = department_at(f, true, 'D', "Desk", unit_id, desk_code, desk);
	struct term *t = clerk_structure(f);
	static const char *const seeded[] = { "ADM", "FIN", "HR", "OPS", NULL };

	/* The seeded departments, each with its positions and rates of today. */
	for (size_t i = 0; seeded[i]; i++) {
		char *label = sql_ok(client_sql_value(
		        f->super,
		        "SELECT code || '  ' || name FROM hr.structure_tree($1::int, "
		        "current_date) WHERE code = $2",
		        f->mwa, seeded[i], NULL));
		char *pos = sql_ok(client_sql_value(
		        f->super,
		        "SELECT positions || ' pos' FROM hr.structure_tree($1::int, "
		        "current_date) WHERE code = $2",
		        f->mwa, seeded[i], NULL));
		char *rates = sql_ok(
		        client_sql_value(f->super,
		                         "SELECT rates || ' rates' FROM hr.structure_tree($1::int, "
		                         "current_date) WHERE code = $2",
		                         f->mwa, seeded[i], NULL));
		const char *const words[] = { label, pos, rates, NULL };

		assert_true(client_wait_body_row(t, words, WAIT_MS));
		free(label);
		free(pos);
		free(rates);
	}
	/* Find the bureau: open, its sector open, the unit closed, the desk hidden. */
	find_department(t, bureau, bureau_code);
	snprintf(line, sizeof line, ">- %s  %s", bureau_code, bureau);
	assert_true(wait_selected_is(t, line));
	snprintf(line, sizeof line, "   - %s  %s", sector_code, sector);
	assert_true(wait_row_starts(t, line));
	char unit_closed[160];
	snprintf(unit_closed, sizeof unit_closed, "     + %s  %s", unit_code, unit);
	assert_true(wait_row_starts(t, unit_closed));
	assert_true(client_not_shown(t, desk));

	/* Left collapses the bureau: "+", its branch hidden; Right opens it again. */
	assert_true(term_key(t, "Left"));
	snprintf(line, sizeof line, ">+ %s  %s", bureau_code, bureau);
	assert_true(wait_selected_is(t, line));
	assert_true(term_wait_gone(t, sector, WAIT_MS));
	assert_true(client_not_shown(t, unit));
	assert_true(term_key(t, "Right"));
	snprintf(line, sizeof line, ">- %s  %s", bureau_code, bureau);
	assert_true(wait_selected_is(t, line));
	assert_true(wait_row_starts(t, unit_closed));

	/* Down twice to the unit; Right shows the desk, Left hides it. */
	assert_true(term_key(t, "Down"));
	snprintf(line, sizeof line, ">  - %s  %s", sector_code, sector);
	assert_true(wait_selected_is(t, line));
	assert_true(term_key(t, "Down"));
	snprintf(line, sizeof line, ">    + %s  %s", unit_code, unit);
	assert_true(wait_selected_is(t, line));
	assert_true(term_key(t, "Right"));
	snprintf(line, sizeof line, ">    - %s  %s", unit_code, unit);
	assert_true(wait_selected_is(t, line));
	char desk_line[160];
	snprintf(desk_line, sizeof desk_line, "         %s  %s", desk_code, desk);
	assert_true(wait_row_starts(t, desk_line));
	assert_true(term_key(t, "Left"));
	snprintf(line, sizeof line, ">    + %s  %s", unit_code, unit);
	assert_true(wait_selected_is(t, line));
	assert_true(term_wait_gone(t, desk, WAIT_MS));

	/* Left on a closed department goes to its parent; Enter toggles it. */
	assert_true(term_key(t, "Left"));
	snprintf(line, sizeof line, ">  - %s  %s", sector_code, sector);
	assert_true(wait_selected_is(t, line));
	assert_true(term_key(t, "Enter"));
	snprintf(line, sizeof line, ">  + %s  %s", sector_code, sector);
	assert_true(wait_selected_is(t, line));
	assert_true(term_wait_gone(t, unit, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	snprintf(line, sizeof line, ">  - %s  %s", sector_code, sector);
	assert_true(wait_selected_is(t, line));
	assert_true(wait_row_starts(t, unit_closed));

	/* "/" finds the desk inside the closed unit, opens the way and selects it. */
	find_department(t, desk, desk_code);
	snprintf(line, sizeof line, ">        %s  %s", desk_code, desk);
	assert_true(wait_selected_is(t, line));
	snprintf(line, sizeof line, "     - %s  %s", unit_code, unit);
	assert_true(wait_row_starts(t, line));

	/* A name nobody has: "Not found.", the selection stays. */
	snprintf(missing, sizeof missing, "Qq%s", f->tag);
	assert_true(term_type(t, "/"));
	assert_true(term_wait_row(t, client_rows(t) - 3, "Find:", WAIT_MS));
	assert_true(client_backspaces(t, 64));
	assert_true(term_type(t, missing));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "Not found.", WAIT_MS));
	assert_true(wait_selected_has(t, desk_code));

	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
}

/*
 * After the tree test: its departments close from today (the desk first),
 * so that the seeded departments stay on the first screen of later runs.
 */
static int close_tree(void **state)
{
	struct fixture *f = *state;
	char iso[16];

	client_day_iso(0, iso, sizeof iso);
	for (int i = 0; i < 4; i++) {
		if (f->tree[i] == NULL)
			continue;
		PGresult *res = PQexecParams(
		        f->clerk_db, "SELECT hr.close_department($1::bigint, $2::date)", 2, NULL,
		        (const char *const[]){ f->tree[i], iso }, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fprintf(stderr, "closing department %s: %s", f->tree[i],
			        PQresultErrorMessage(res));
		PQclear(res);
		free(f->tree[i]);
		f->tree[i] = NULL;
	}
	return 0;
}

/* ---- 2. the ministry ---------------------------------------------------------------- */

/* Number of staged staffing steps and position versions of MOE and its subtree. */
static char *moe_changes(const struct fixture *f)
{
	return sql_ok(client_sql_value(
	        f->super,
	        "SELECT (SELECT count(*) FROM hr.staffing_change c JOIN hr.org o "
	        "          ON o.id = c.org_id WHERE o.code LIKE 'MOE%') || '/' || "
	        "       (SELECT count(*) FROM hr.position_version v JOIN hr.org o "
	        "          ON o.id = v.org_id WHERE o.code LIKE 'MOE%') || '/' || "
	        "       (SELECT count(*) FROM hr.department_version v JOIN hr.org o "
	        "          ON o.id = v.org_id WHERE o.code LIKE 'MOE%')",
	        NULL));
}

/* A refusal of a read-only login: the sentence, and F8 shows why. */
static void assert_refused(struct term *t, const char *key, const char *why)
{
	assert_true(term_key(t, key));
	/* The previous refusal's detail is open; a new refusal closes it. */
	assert_true(term_wait_gone(t, "Technical detail", WAIT_MS));
	assert_true(client_wait_message(t, "You are not allowed to do this.", WAIT_MS));
	assert_true(term_key(t, "F8"));
	assert_true(client_wait_body_row(t, (const char *const[]){ why, NULL }, WAIT_MS));
}

/*
 * ministry_moe sees its subtree (MOE, MOE-FOR, MOE-MET, not MWA) with the
 * rates of each, opens MOE's departments read-only, and every change it
 * tries (reorganise, new position, delete, new rates) is refused with a
 * sentence while nothing is staged or changed in the database.
 */
static void test_ministry_reads_only(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->ministry_config);
	char today[16], heading[160], *before = moe_changes(f), *after;
	static const char *const orgs[] = { "MOE", "MOE-FOR", "MOE-MET", NULL };

	client_day_text(0, today, sizeof today);
	assert_true(wait_home(t, "ministry_moe", "MOE", CONNECT_MS));
	open_structure(t);
	snprintf(heading, sizeof heading, "Organisations as of %s", today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(term_wait_row(t, 2, "Rates", WAIT_MS));
	for (size_t i = 0; orgs[i]; i++) {
		char *label = sql_ok(client_sql_value(
		        f->super, "SELECT code || '  ' || name FROM hr.org WHERE code = $1",
		        orgs[i], NULL));
		char *rates = sql_ok(
		        client_sql_value(f->super,
		                         "SELECT s.rates || ' ' || s.filled FROM "
		                         "hr.staffing_by_org(current_date) s WHERE s.code = $1",
		                         orgs[i], NULL));
		char *space = strchr(rates, ' ');
		*space = '\0';
		const char *const words[] = { label, rates, space + 1, NULL };

		assert_true(client_wait_body_row(t, words, WAIT_MS));
		free(label);
		free(rates);
	}
	assert_true(client_not_shown(t, "MWA"));
	assert_true(client_not_shown(t, "Women"));
	assert_true(client_not_shown(t, "CSA"));

	/* MOE is the first line; Enter: its departments, read only. */
	assert_true(wait_selected_has(t, "MOE  Ministry of Environment"));
	assert_true(term_key(t, "Enter"));
	snprintf(heading, sizeof heading,
	         "MOE  Ministry of Environment: departments as of %s (read only)", today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "ADM  Administration", NULL },
	                                 WAIT_MS));

	/* F6 (reorganise) is refused; the form does not open. */
	assert_true(term_key(t, "F6"));
	assert_true(client_wait_message(t, "You are not allowed to do this.", WAIT_MS));
	assert_true(term_key(t, "F8"));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "reads the structure only", NULL }, WAIT_MS));
	assert_true(client_not_shown(t, "Reorganise"));

	/* The staffing table: Insert, Delete, Enter each refused. */
	open_staffing(t, "MOE  Ministry of Environment");
	assert_true(term_key(t, "Down")); /* a position, not the first line only */
	assert_refused(t, "Insert", "reads the staffing table only");
	assert_true(client_not_shown(t, "New position"));
	assert_refused(t, "Delete", "reads the staffing table only");
	assert_refused(t, "Enter", "reads the staffing table only");
	assert_true(client_not_shown(t, "New rates:"));
	assert_true(client_not_shown(t, "staged"));
	assert_refused(t, "F2", "reads the staffing table only");
	assert_true(client_not_shown(t, "Effective from:"));

	after = moe_changes(f);
	assert_string_equal(after, before);
	free(before);
	free(after);

	assert_true(term_key(t, "F3")); /* the departments */
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_key(t, "F3")); /* the organisations */
	assert_true(term_wait_row(t, 1, "Organisations as of", WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, "ministry_moe", "MOE");
	term_close(&t);
}

/* ---- 3. a new position and its vacancy ------------------------------------------------ */

/*
 * Insert, the boxed form, F2 stages (nothing in force yet); F2 previews the
 * addition, F2 applies it from today: the table shows the position with
 * 2.00 rates, none filled, 2.00 vacant; F9 lists it among the vacancies;
 * the database has it with a version from today.
 */
static void test_add_position_and_vacancy(void **state)
{
	const struct fixture *f = *state;
	char code[64], name[64], title[64], today[16], iso[16], total[96];
	char *annex = make_department(f, 'A', "Annex", NULL, code, name);
	char *porter = make_position(f, annex, "Porter", "D1", "1");
	struct term *t = clerk_structure(f);
	char *filled = NULL;

	client_day_text(0, today, sizeof today);
	client_day_iso(0, iso, sizeof iso);
	snprintf(title, sizeof title, "Archivist %s", f->tag);
	open_staffing(t, "MWA  Ministry of Women's Affairs");

	assert_true(term_key(t, "Insert"));
	assert_true(term_wait_text(t, "New position (F2 stages it, F3 cancels)", WAIT_MS));
	assert_true(
	        client_wait_body_row(t, (const char *const[]){ "Department code", NULL }, WAIT_MS));
	assert_true(term_key(t, "BTab")); /* from Title back to Department code */
	assert_true(client_backspaces(t, 40));
	assert_true(term_type(t, code));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Department code", code, NULL },
	                                 WAIT_MS));
	assert_true(term_key(t, "Tab"));
	assert_true(term_type(t, title));
	assert_true(term_key(t, "Tab"));
	assert_true(term_type(t, "C2"));
	assert_true(term_key(t, "Tab"));
	assert_true(term_type(t, "archive"));
	assert_true(term_key(t, "Tab"));
	assert_true(client_backspaces(t, 12));
	assert_true(term_type(t, "2"));
	assert_true(
	        client_wait_body_row(t, (const char *const[]){ "Title", title, NULL }, WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Staged.", WAIT_MS));
	assert_true(
	        term_wait_text(t, "1 change staged, not yet in force: F2 previews them.", WAIT_MS));
	assert_true(term_wait_gone(t, "New position", WAIT_MS));
	/* Staged for this login's organisation, not in force. */
	assert_true(client_sql_is(
	        f->super, "1",
	        "SELECT count(*) FROM hr.staffing_change WHERE title = $1 AND kind = 'add' "
	        "AND applied_on IS NULL AND org_id = $2::int AND created_by = $3 "
	        "AND grade = 'C2' AND rates = 2",
	        title, f->mwa, f->clerk, NULL));
	assert_true(client_sql_is(
	        f->super, "0", "SELECT count(*) FROM hr.position WHERE title = $1", title, NULL));

	/* The preview: the effective day, the addition. */
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Effective from:", today, NULL },
	                                 WAIT_MS));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "add", title, "2.00 rate", NULL }, WAIT_MS));
	assert_true(client_wait_message(t, "F2 applies all of it in one transaction", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Applied: 1 change in force from the effective day.",
	                                WAIT_MS));
	assert_true(term_wait_gone(t, "Effective from:", WAIT_MS));
	assert_true(term_wait_gone(t, "staged", WAIT_MS));

	/* In the table: 2.00 rates, none filled, 2.00 vacant; the department's total too. */
	assert_true(term_key(t, "End"));
	assert_true(wait_cell(t, title, "Rates", "2.00")); /* the table read again */
	snprintf(total, sizeof total, "Total of %s", name);
	assert_true(wait_cell(t, total, "Rates", "3.00")); /* the porter's 1 and the new 2 */
	assert_true(term_key(t, "End"));
	assert_true(wait_selected_has(t, "Total of the organisation"));
	assert_true(walk_to(t, "Up", title));
	int row = client_selected_row(t);
	char *rates = cell_under(t, 2, row, "Rates");
	char *vacant = cell_under(t, 2, row, "Vacant");
	char *grade = cell_under(t, 2, row, "Grade");
	filled = cell_under(t, 2, row, "Filled");
	assert_string_equal(rates, "2.00");
	assert_string_equal(vacant, "2.00");
	assert_string_equal(grade, "C2");
	free(rates);
	free(vacant);
	free(grade);
	if (strcmp(filled, "0.00") != 0) {
		char what[160];

		snprintf(what, sizeof what,
		         "staffing table: Filled of the new position reads \"%s\", not \"0.00\"",
		         filled);
		fail_later(t, what);
	}
	free(filled);

	/* F9: the vacancies list it with its 2.00 vacant rates. */
	assert_true(term_key(t, "F9"));
	snprintf(total, sizeof total, "vacancies as of %s", today);
	assert_true(term_wait_row(t, 1, total, WAIT_MS));
	assert_true(term_wait_until(t, no_totals_pred, NULL,
	                            "the vacancies (no \"Total of\" lines)", WAIT_MS));
	/* The list is read afresh (nothing of the table is shown meanwhile):
	 * its first line carries the selection once it has arrived. */
	assert_true(term_wait_row(t, 3, ">", WAIT_MS));
	assert_true(walk_to(t, "Down", title));
	row = client_selected_row(t);
	vacant = cell_under(t, 2, row, "Vacant");
	char *department = cell_under(t, 2, row, "Department");
	assert_string_equal(vacant, "2.00");
	assert_true(strncmp(name, department, strlen(department)) == 0 && department[0] != '\0');
	free(vacant);
	free(department);
	/* Every line of the vacancies has vacant rates. */
	for (int r = 3; r < client_rows(t) - 3; r++) {
		char *text = term_row_text(t, r);
		bool blank = text[0] == '\0';

		free(text);
		if (blank)
			continue;
		vacant = cell_under(t, 2, r, "Vacant");
		assert_true(strtod(vacant, NULL) > 0);
		free(vacant);
	}

	/* The database: one position, one version from today with 2.00 rates. */
	assert_true(client_sql_is(
	        f->super, "1",
	        "SELECT count(*) FROM hr.position_version v JOIN hr.position p "
	        "    ON p.org_id = v.org_id AND p.id = v.position_id "
	        " WHERE v.title = $1 AND v.department_id = $2::bigint AND v.rates = 2 "
	        "   AND v.grade = 'C2' AND v.category = 'archive' "
	        "   AND lower(v.valid) = $3::date AND upper_inf(v.valid)",
	        title, annex, iso, NULL));
	assert_true(client_sql_is(f->super, "1",
	                          "SELECT count(*) FROM hr.position_version WHERE title = $1",
	                          title, NULL));
	assert_true(client_sql_is(
	        f->super, iso,
	        "SELECT applied_on FROM hr.staffing_change WHERE title = $1 AND kind = 'add' "
	        "AND position_id IS NOT NULL",
	        title, NULL));

	assert_true(term_key(t, "F3"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	free(annex);
	free(porter);
	assert_no_late_failure();
}

/*
 * F7 in the staffing table: the table as it stood on a day (a position in
 * force since 2020 is not there as of 01.01.2019, and is again today).  The
 * new position's form takes its keys from the key map ("staffing_add"):
 * rebound in the configuration, F5 stages it and the form says so.
 */
static void test_staffing_as_of_and_form_keys(void **state)
{
	const struct fixture *f = *state;
	char code[64], name[64], title[64], today[16], heading[160];
	char *dir = term_tmpdir_create(), *config;
	char *unit = make_department(f, 'W', "Staffing days", NULL, code, name);
	char *post;

	assert_non_null(dir);
	snprintf(title, sizeof title, "Keeper %s", f->tag);
	post = make_position(f, unit, title, "D2", "1");
	config = client_config_with(f->clerk_config, dir, "keys.conf",
	                            "keys = { staffing_add = { save = \"F5\"; }; };");
	assert_non_null(config);
	struct term *t = spawn_client(config);

	assert_true(wait_home(t, f->clerk, "MWA", CONNECT_MS));
	open_structure(t);
	assert_true(client_wait_body_row(t, (const char *const[]){ "ADM  Administration", NULL },
	                                 WAIT_MS));
	open_staffing(t, "MWA  Ministry of Women's Affairs");
	assert_true(term_key(t, "F7"));
	assert_true(term_wait_row(t, 1, "As of (F3 keeps the day):", WAIT_MS));
	assert_true(client_backspaces(t, 12));
	assert_true(term_type(t, "01.01.2019"));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, 1, "staffing table as of 01.01.2019", WAIT_MS));
	assert_true(term_wait_gone(t, title, WAIT_MS));
	assert_true(term_key(t, "F7"));
	assert_true(term_wait_row(t, 1, "As of (F3 keeps the day):", WAIT_MS));
	assert_true(client_backspaces(t, 12));
	client_day_text(0, today, sizeof today);
	assert_true(term_type(t, today));
	assert_true(term_key(t, "Enter"));
	snprintf(heading, sizeof heading, "staffing table as of %s", today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Total of ", NULL }, WAIT_MS));
	assert_true(walk_to(t, "Down", title));

	assert_true(term_key(t, "Insert"));
	assert_true(term_wait_text(t, "New position (F5 stages it, F3 cancels)", WAIT_MS));
	snprintf(title, sizeof title, "Warden %s", f->tag);
	assert_true(term_type(t, title));
	assert_true(
	        client_wait_body_row(t, (const char *const[]){ "Title", title, NULL }, WAIT_MS));
	assert_true(term_key(t, "F5"));
	assert_true(client_wait_message(t, "Staged.", WAIT_MS));
	assert_true(term_wait_gone(t, "New position", WAIT_MS));
	assert_true(client_sql_is(f->super, "1",
	                          "SELECT count(*) FROM hr.staffing_change WHERE title = $1 "
	                          "AND kind = 'add' AND applied_on IS NULL",
	                          title, NULL));
	assert_true(term_key(t, "F3"));
	/* Staged and not applied: leaving is asked first, the second F3 leaves. */
	assert_true(client_wait_message(t, "1 change is staged, not applied", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	/* Gone again: the rows of the tests that run after it (the sanitizer
	 * build's run, on the same cluster) stay as they expect. */
	{
		char sql[1024];
		PGresult *res;

		snprintf(sql, sizeof sql,
		         "BEGIN; SET LOCAL session_replication_role = replica;"
		         "DELETE FROM hr.staffing_change WHERE title = '%s';"
		         "DELETE FROM hr.position_fill WHERE position_id = %s;"
		         "DELETE FROM hr.position_version WHERE position_id = %s;"
		         "DELETE FROM hr.position WHERE id = %s;"
		         "DELETE FROM hr.department_version WHERE department_id = %s;"
		         "DELETE FROM hr.department WHERE id = %s;"
		         "COMMIT;",
		         title, post, post, post, unit, unit);
		res = PQexec(f->super, sql);
		assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
		PQclear(res);
	}
	free(config);
	term_tmpdir_remove(&dir);
	free(unit);
	free(post);
	assert_no_late_failure();
}

/* ---- 4. fewer rates than people hold -------------------------------------------------- */

/* In the staffing table: select the row of title, Enter, type rates, Enter. */
static void stage_rates(struct term *t, const char *title, const char *rates)
{
	const int prompt_row = client_rows(t) - 3;

	assert_true(term_key(t, "End"));
	assert_true(wait_selected_has(t, "Total of the organisation"));
	assert_true(walk_to(t, "Up", title));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, prompt_row, "New rates:", WAIT_MS));
	assert_true(client_backspaces(t, 12));
	assert_true(term_type(t, rates));
	assert_true(term_wait_row(t, prompt_row, rates, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "Staged.", WAIT_MS));
}

/* Rows of the preview marked with "!" in column 0. */
static int problem_rows(struct term *t)
{
	int n = 0;

	for (int row = 1; row < client_rows(t) - 2; row++) {
		struct term_cell cell;

		if (term_cell_at(t, row, 0, &cell) && strcmp(cell.text, "!") == 0)
			n++;
	}
	return n;
}

static bool problems_pred(struct term *t, void *arg)
{
	return problem_rows(t) == *(int *)arg;
}

/*
 * New rates (1) below the rates filled (2): the preview lists both people
 * with "!", F2 is refused with the database's sentence and nothing
 * changes; leaving the table drops that batch, and a valid change (2)
 * staged anew is previewed clean and applied from today.
 */
static void test_rates_below_filled_refused(void **state)
{
	const struct fixture *f = *state;
	char code[64], name[64], title[64], first[64], second[64], today[16], iso[16];
	char yesterday_iso[16];
	char *registry = make_department(f, 'R', "Registry", NULL, code, name);
	int zero = 0, two = 2;

	snprintf(title, sizeof title, "Registrar %s", f->tag);
	snprintf(first, sizeof first, "Rato%s", f->tag);
	snprintf(second, sizeof second, "Reno%s", f->tag);
	char *position = make_position(f, registry, title, "B1", "3");
	char *a = make_employee(f, first), *b = make_employee(f, second);
	make_assignment(f, a, position, "1", "[2023-01-01,)");
	make_assignment(f, b, position, "1", "[2024-01-01,)");
	client_day_text(0, today, sizeof today);
	client_day_iso(0, iso, sizeof iso);
	client_day_iso(-1, yesterday_iso, sizeof yesterday_iso);

	struct term *t = clerk_structure(f);
	open_staffing(t, "MWA  Ministry of Women's Affairs");
	stage_rates(t, title, "1");
	assert_true(
	        term_wait_text(t, "1 change staged, not yet in force: F2 previews them.", WAIT_MS));

	/* The preview: the change, then each person on the position marked "!". */
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Effective from:", today, NULL },
	                                 WAIT_MS));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "rates", title, "3.00", "1.00", NULL }, WAIT_MS));
	assert_true(term_wait_until(t, problems_pred, &two, "two rows marked \"!\"", WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "!person", title, first, NULL },
	                                 WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "!person", title, second, NULL },
	                                 WAIT_MS));

	/* F2: refused as a whole, with the database's sentence. */
	assert_true(term_key(t, "F2"));
	assert_true(term_wait_gone(t, "F2 applies all of it", WAIT_MS));
	if (!client_wait_message(t, "cannot be applied", WAIT_MS))
		fail_later(t, "apply with people over the new rates: the message line does not "
		              "give the database's sentence (\"The staffing change cannot be "
		              "applied from ...\")");
	assert_true(client_not_shown(t, "Applied:"));
	/* Nothing changed: one version, 3 rates; the step is not applied. */
	assert_true(client_sql_is(f->super, "1|3.00",
	                          "SELECT count(*) || '|' || max(rates) FROM hr.position_version "
	                          "WHERE position_id = $1::bigint",
	                          position, NULL));
	assert_true(client_sql_is(
	        f->super, "1",
	        "SELECT count(*) FROM hr.staffing_change WHERE position_id = $1::bigint "
	        "AND kind = 'rates' AND rates = 1 AND applied_on IS NULL",
	        position, NULL));

	/* F3 to the table, F3 to the structure: the refused batch is left behind. */
	assert_true(term_key(t, "F3"));
	assert_true(term_wait_gone(t, "Effective from:", WAIT_MS));
	assert_true(term_wait_text(t, "1 change staged", WAIT_MS));
	assert_true(term_key(t, "F3"));
	/* Staged and not applied: leaving is asked first, the second F3 leaves. */
	assert_true(client_wait_message(t, "1 change is staged, not applied", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));

	/* A valid change in a new batch: previewed clean, applied. */
	open_staffing(t, "MWA  Ministry of Women's Affairs");
	assert_true(client_not_shown(t, "staged"));
	stage_rates(t, title, "2");
	assert_true(
	        term_wait_text(t, "1 change staged, not yet in force: F2 previews them.", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "rates", title, "3.00", "2.00", NULL }, WAIT_MS));
	assert_true(client_wait_message(t, "F2 applies all of it in one transaction", WAIT_MS));
	assert_true(term_wait_until(t, problems_pred, &zero, "no row marked \"!\"", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Applied: 1 change in force from the effective day.",
	                                WAIT_MS));
	assert_true(term_wait_gone(t, "Effective from:", WAIT_MS));

	/* The table: 2.00 rates, both filled, none vacant. */
	assert_true(term_key(t, "End"));
	assert_true(wait_cell(t, title, "Rates", "2.00")); /* the table read again */
	assert_true(term_key(t, "End"));
	assert_true(wait_selected_has(t, "Total of the organisation"));
	assert_true(walk_to(t, "Up", title));
	int row = client_selected_row(t);
	char *rates = cell_under(t, 2, row, "Rates"), *filled = cell_under(t, 2, row, "Filled");
	char *vacant = cell_under(t, 2, row, "Vacant");
	assert_string_equal(rates, "2.00");
	assert_string_equal(filled, "2.00");
	assert_string_equal(vacant, "0.00");
	free(rates);
	free(filled);
	free(vacant);
	/* The database: 3 rates until yesterday, 2 from today. */
	assert_true(client_sql_is(
	        f->super, "2",
	        "SELECT count(*) FROM hr.position_version WHERE position_id = $1::bigint", position,
	        NULL));
	assert_true(client_sql_is(
	        f->super, "3.00",
	        "SELECT rates FROM hr.position_version WHERE position_id = $1::bigint "
	        "AND valid @> $2::date AND upper(valid) = $3::date",
	        position, yesterday_iso, iso, NULL));
	assert_true(client_sql_is(
	        f->super, "2.00",
	        "SELECT rates FROM hr.position_version WHERE position_id = $1::bigint "
	        "AND lower(valid) = $2::date AND upper_inf(valid)",
	        position, iso, NULL));

	assert_true(term_key(t, "F3"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	free(registry);
	free(position);
	free(a);
	free(b);
	assert_no_late_failure();
}

/*
 * The same refused batch corrected in place: after the refusal the clerk
 * stages the valid rates (2) for the same position; the preview finds no
 * problem (the last rates step counts), so F2 must apply the batch and
 * the position has 2 rates from today.
 */
static void test_refused_batch_corrected(void **state)
{
	const struct fixture *f = *state;
	char code[64], name[64], title[64], person[64], iso[16];
	char *department = make_department(f, 'K', "Keeping", NULL, code, name);
	int zero = 0, one = 1;

	snprintf(title, sizeof title, "Keeper %s", f->tag);
	snprintf(person, sizeof person, "Kolo%s", f->tag);
	char *position = make_position(f, department, title, "C1", "2");
	char *employment = make_employee(f, person);
	make_assignment(f, employment, position, "1.5", "[2023-01-01,)");
	client_day_iso(0, iso, sizeof iso);

	struct term *t = clerk_structure(f);
	open_staffing(t, "MWA  Ministry of Women's Affairs");
	stage_rates(t, title, "1");
	assert_true(term_key(t, "F2"));
	assert_true(term_wait_until(t, problems_pred, &one, "one row marked \"!\"", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(term_wait_gone(t, "F2 applies all of it", WAIT_MS));
	assert_true(client_not_shown(t, "Applied:"));
	assert_true(term_key(t, "F3"));
	assert_true(term_wait_gone(t, "Effective from:", WAIT_MS));

	/* New rates for the same position replace the refused ones in the batch. */
	stage_rates(t, title, "2");
	assert_true(
	        term_wait_text(t, "1 change staged, not yet in force: F2 previews them.", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_body_row(t, (const char *const[]){ "rates", title, "2.00", NULL },
	                                 WAIT_MS));
	assert_true(client_wait_message(t, "F2 applies all of it in one transaction", WAIT_MS));
	assert_true(term_wait_until(t, problems_pred, &zero, "no row marked \"!\"", WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Applied: 1 change in force from the effective day.",
	                                WAIT_MS));
	assert_true(client_sql_is(
	        f->super, "2.00",
	        "SELECT rates FROM hr.position_version WHERE position_id = $1::bigint "
	        "AND valid @> $2::date",
	        position, iso, NULL));

	assert_true(term_key(t, "F3"));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	free(department);
	free(position);
	free(employment);
}

/* ---- 5. as of ------------------------------------------------------------------------ */

/* In the structure: F7, the day (DD.MM.YYYY), Enter; the heading follows. */
static void structure_as_of(struct term *t, const char *day)
{
	const int prompt_row = client_rows(t) - 3;
	char heading[96];

	assert_true(term_key(t, "F7"));
	assert_true(term_wait_row(t, prompt_row, "As of:", WAIT_MS));
	assert_true(client_backspaces(t, 12));
	assert_true(term_type(t, day));
	assert_true(term_wait_row(t, prompt_row, day, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	snprintf(heading, sizeof heading, "departments as of %s", day);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(term_wait_gone(t, "As of:", WAIT_MS));
}

/*
 * A rename through the reorganisation form from today: the structure shows
 * the new name; F7 with yesterday shows the old one, with today the new;
 * the database keeps both versions, the old one ending yesterday.
 */
static void test_rename_as_of(void **state)
{
	const struct fixture *f = *state;
	char code[64], old_name[64], new_name[64], today[16], yesterday[16], iso[16];
	char old_line[160], new_line[160];
	char *id = make_department(f, 'O', "Old Records", NULL, code, old_name);
	struct term *t = clerk_structure(f);

	snprintf(new_name, sizeof new_name, "Zz%s New Archive", f->tag);
	snprintf(old_line, sizeof old_line, "%s  %s", code, old_name);
	snprintf(new_line, sizeof new_line, "%s  %s", code, new_name);
	client_day_text(0, today, sizeof today);
	client_day_text(-1, yesterday, sizeof yesterday);
	client_day_iso(0, iso, sizeof iso);

	find_department(t, old_name, old_line);
	assert_true(term_key(t, "F6"));
	assert_true(term_wait_row(t, 0, "Reorganise a department", WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Reorganise", old_line, NULL },
	                                 WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Change (F4)", "rename", NULL },
	                                 WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Effective from", today, NULL },
	                                 WAIT_MS));
	assert_true(term_key(t, "Tab")); /* New code: kept */
	assert_true(term_key(t, "Tab")); /* New name */
	assert_true(term_type(t, new_name));
	assert_true(client_wait_body_row(t, (const char *const[]){ "New name", new_name, NULL },
	                                 WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Done: the rename is in force from the effective day.",
	                                WAIT_MS));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(wait_selected_has(t, new_line));
	assert_true(client_not_shown(t, old_name));

	structure_as_of(t, yesterday);
	assert_true(wait_selected_has(t, old_line));
	assert_true(client_not_shown(t, new_name));
	structure_as_of(t, today);
	assert_true(wait_selected_has(t, new_line));
	assert_true(client_not_shown(t, old_name));

	/* Two versions: the old name until yesterday, the new from today. */
	assert_true(client_sql_is(
	        f->super, old_name,
	        "SELECT name FROM hr.department_version WHERE department_id = $1::bigint "
	        "AND lower(valid) = '2020-01-01' AND upper(valid) = $2::date",
	        id, iso, NULL));
	assert_true(client_sql_is(
	        f->super, new_name,
	        "SELECT name FROM hr.department_version WHERE department_id = $1::bigint "
	        "AND lower(valid) = $2::date AND upper_inf(valid) AND code = $3",
	        id, iso, code, NULL));
	assert_true(client_sql_is(
	        f->super, "2",
	        "SELECT count(*) FROM hr.department_version WHERE department_id = $1::bigint", id,
	        NULL));

	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	free(id);
}

/* ---- 6. merge ------------------------------------------------------------------------ */

/*
 * Merging a department into another through the form: the message counts
 * the assignments moved, the merged department is gone from today, and
 * every affected person's assignments follow each other without a gap or
 * an overlap, the last day in the old department yesterday.
 */
static void test_merge_keeps_history(void **state)
{
	const struct fixture *f = *state;
	char from_code[64], from_name[64], into_code[64], into_name[64], analyst[64], driver[64];
	char from_line[160], iso[16], yesterday_iso[16], later[64], soon[16], ids[256];
	char surname[4][64];
	char *employment[4];
	char *from = make_department(f, 'M', "Merged Office", NULL, from_code, from_name);
	char *into = make_department(f, 'T', "Target Office", NULL, into_code, into_name);

	client_day_iso(0, iso, sizeof iso);
	client_day_iso(-1, yesterday_iso, sizeof yesterday_iso);
	client_day_iso(30, soon, sizeof soon);
	snprintf(analyst, sizeof analyst, "Analyst %s", f->tag);
	snprintf(driver, sizeof driver, "Driver %s", f->tag);
	char *p1 = make_position(f, from, analyst, "B1", "2");
	char *p2 = make_position(f, from, driver, "D1", "1");
	char *q = make_position(f, into, analyst, "B1", "1");
	static const char *const prefixes[4] = { "Xeno", "Yaro", "Zori", "Walo" };
	for (int i = 0; i < 4; i++) {
		snprintf(surname[i], sizeof surname[i], "%s%s", prefixes[i], f->tag);
		employment[i] = make_employee(f, surname[i]);
	}
	/* x, y and z are split on the day; w begins later and moves whole; y has history. */
	make_assignment(f, employment[0], p1, "1", "[2023-01-01,)");
	snprintf(later, sizeof later, "[2023-06-01,%s)", soon);
	make_assignment(f, employment[1], q, "0.5", "[2022-01-01,2023-06-01)");
	make_assignment(f, employment[1], p1, "1", later);
	make_assignment(f, employment[2], p2, "1", "[2024-01-01,)");
	snprintf(later, sizeof later, "[%s,)", soon);
	make_assignment(f, employment[3], p1, "1", later);
	snprintf(ids, sizeof ids, "{%s,%s,%s,%s}", employment[0], employment[1], employment[2],
	         employment[3]);

	struct term *t = clerk_structure(f);
	snprintf(from_line, sizeof from_line, "%s  %s", from_code, from_name);
	find_department(t, from_name, from_line);
	assert_true(term_key(t, "F6"));
	assert_true(term_wait_row(t, 0, "Reorganise a department", WAIT_MS));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Change (F4)", "rename", NULL },
	                                 WAIT_MS));
	/* F4 on the kind of change: rename, move, merge, close. */
	assert_true(term_key(t, "F4"));
	assert_true(client_wait_body_row(t, (const char *const[]){ "close", NULL }, WAIT_MS));
	assert_true(term_key(t, "Down"));
	assert_true(term_key(t, "Down"));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_body_row(t, (const char *const[]){ "Change (F4)", "merge", NULL },
	                                 WAIT_MS));
	for (int i = 0; i < 3; i++)
		assert_true(term_key(t, "Tab"));
	assert_true(term_type(t, into_code));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "Under / into", into_code, NULL }, WAIT_MS));
	assert_true(term_key(t, "F2"));
	assert_true(client_wait_message(t, "Merged: 4 assignments moved without a gap.", WAIT_MS));
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(term_wait_gone(t, from_name, WAIT_MS));
	find_department(t, into_name, into_code);

	/* No person's assignments have a gap or an overlap. */
	assert_true(client_sql_is(
	        f->super, "0",
	        "SELECT count(*) FROM (SELECT during, lag(during) OVER (PARTITION BY "
	        "  employment_id ORDER BY lower(during)) AS prev FROM hr.assignment "
	        "  WHERE employment_id = ANY ($1::bigint[])) s "
	        " WHERE prev IS NOT NULL AND (upper_inf(prev) OR upper(prev) <> lower(during))",
	        ids, NULL));
	/* Each keeps the whole span it had: from its first day, open or to the same end. */
	assert_true(client_sql_is(
	        f->super, "[2023-01-01,)|[2022-01-01,SOON)|[2024-01-01,)|[SOON,)",
	        "SELECT string_agg(span, '|' ORDER BY ord) FROM ("
	        "  SELECT u.ord, replace(range_merge(range_agg(a.during))::text, $2, 'SOON') "
	        "         AS span "
	        "    FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, ord) "
	        "    JOIN hr.assignment a ON a.employment_id = u.id GROUP BY u.ord) s",
	        ids, soon, NULL));
	/* Yesterday x, y and z sat in the merged department; today in the target. */
	assert_true(client_sql_is(
	        f->super, "3",
	        "SELECT count(*) FROM hr.assignment a JOIN hr.position_version v "
	        "    ON v.position_id = a.position_id AND v.valid @> $2::date "
	        " WHERE a.employment_id = ANY ($1::bigint[]) AND a.during @> $2::date "
	        "   AND v.department_id = $3::bigint",
	        ids, yesterday_iso, from, NULL));
	assert_true(client_sql_is(
	        f->super, "3",
	        "SELECT count(*) FROM hr.assignment a JOIN hr.position_version v "
	        "    ON v.position_id = a.position_id AND v.valid @> $2::date "
	        " WHERE a.employment_id = ANY ($1::bigint[]) AND a.during @> $2::date "
	        "   AND v.department_id = $3::bigint",
	        ids, iso, into, NULL));
	/* Nobody is on a position of the merged department from today on. */
	assert_true(client_sql_is(
	        f->super, "0",
	        "SELECT count(*) FROM hr.assignment WHERE position_id IN ($1::bigint, "
	        "$2::bigint) AND (upper_inf(during) OR upper(during) > $3::date)",
	        p1, p2, iso, NULL));
	/* The four the message counted: assignments in the target from today on. */
	assert_true(client_sql_is(
	        f->super, "4",
	        "SELECT count(*) FROM hr.assignment a JOIN hr.position_version v "
	        "    ON v.position_id = a.position_id AND v.valid @> lower(a.during) "
	        " WHERE a.employment_id = ANY ($1::bigint[]) AND lower(a.during) >= $2::date "
	        "   AND v.department_id = $3::bigint",
	        ids, iso, into, NULL));
	/* The merged department ends yesterday. */
	assert_true(client_sql_is(
	        f->super, iso,
	        "SELECT max(upper(valid)) FROM hr.department_version WHERE department_id = "
	        "$1::bigint",
	        from, NULL));

	assert_true(term_key(t, "F3"));
	quit_from_home(t, f->clerk, "MWA");
	term_close(&t);
	for (int i = 0; i < 4; i++)
		free(employment[i]);
	free(from);
	free(into);
	free(p1);
	free(p2);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_navigate_the_tree, close_tree),
		cmocka_unit_test(test_ministry_reads_only),
		cmocka_unit_test(test_add_position_and_vacancy),
		cmocka_unit_test(test_rates_below_filled_refused),
		cmocka_unit_test(test_refused_batch_corrected),
		cmocka_unit_test(test_rename_as_of),
		cmocka_unit_test(test_merge_keeps_history),
		/* Last: its position would sit among the rows the tests above select. */
		cmocka_unit_test(test_staffing_as_of_and_form_keys),
	};

	/* ST_ONLY=test_name runs one test (cmocka's pattern) while working on it. */
	if (getenv("ST_ONLY"))
		cmocka_set_test_filter(getenv("ST_ONLY"));
	return cmocka_run_group_tests_name("structure and staffing", tests, setup, teardown);
}
