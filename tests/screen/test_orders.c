/*
 * test_orders.c - personnel orders as a clerk keys them and a head signs
 * them: a hire keyed from a vacancy of the staffing table, previewed,
 * signed by the head and seen in the journal, the file and the database;
 * a list leave order keyed with F6 for three employees; the keys it takes
 * (counted, printed as "# keys: ..." and held to a limit); an order that
 * breaks a rule refused to the head with the problem shown; a signed
 * order printed to text and PDF.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL of
 * tests/run.sh (HRMIS_ROOT, HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT) as the demo
 * logins clerk_moe (keys) and head_moe (signs).  The employees are the
 * run's own: people of MOE named with letters of the clock and the pid,
 * employed (by the superuser, who alone may write employment outside an
 * order) on a position of a department made for the run, so that neither
 * another suite nor an earlier run shares their leave or their rates.
 * Orders a test needs already signed are keyed and signed through libpq
 * with the same logins' certificates.
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness_client.h"
#include "xalloc.h"

/* A NULL-terminated list of strings for the row waits: WORDS("a", "b"). */
#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 80,
	WIDE_COLS = 120,
	ROWS = 24,
	MAX_WALK = 400, /* rows a walk through a list may pass */
	TAG_LETTERS = 8,
	/* Keying speed: keys beyond the data typed. */
	KEYS_FIRST_LIMIT = 12, /* a one-employee leave order, from the journal to saved */
	KEYS_NEXT_LIMIT = 4,   /* each further employee (F6) */
};

/* The leave form's last field: a date, or a number of days from From. */
static const char LABEL_TO[] = "To (or days)";

struct fixture {
	char *clerk_config;        /* clerk_moe, as devdb.sh writes it */
	char *head_config;         /* head_moe */
	PGconn *super;             /* the cluster's superuser, over the unix socket */
	PGconn *clerk_db;          /* clerk_moe, with its certificate */
	PGconn *head_db;           /* head_moe */
	char moe[16];              /* MOE's org id */
	char tag[TAG_LETTERS + 1]; /* lower-case letters of this run */
	char department[24];       /* the run's department of MOE */
	char department_name[64];
	char staff_position[24]; /* the position the run's employees hold */
	char number_prefix[8];   /* of the run's personnel numbers ("QAB": no one has it) */
	int people;              /* employees made so far (their names' suffix) */
	struct client_marks marks; /* ids before the run: the teardown removes what came after */
};

/* An employee of the run: made by employee_make(). */
struct employee {
	int index; /* among the run's people, from 0 */
	char person[24];
	char surname[32];
	char personnel_no[32];
	char name[64]; /* as the order screens show it: "Surname Given" */
};

/* ---- counting keys ------------------------------------------------------------- */

/*
 * Every key the tests send goes through press() (a named key or a letter
 * that acts as one) or type_data() (text the clerk keys as data), one
 * write each, so that these counts are what a clerk would have pressed.
 */
static int keys_pressed;
static int data_chars;

/* Send one named key ("Enter", "F6", ...) and count it. */
static void press(struct term *t, const char *name)
{
	keys_pressed++;
	assert_true(term_key(t, name));
}

/* Send one character that acts as a key (a list's first letter, ':'), and count it. */
static void press_char(struct term *t, char c)
{
	keys_pressed++;
	assert_true(term_send(t, &c, 1));
}

/* Type utf8 one character per write; each counts as a character of data. */
static void type_data(struct term *t, const char *utf8)
{
	for (const unsigned char *p = (const unsigned char *)utf8; *p != '\0';) {
		size_t len = 1;

		while ((p[len] & 0xc0) == 0x80)
			len++;
		assert_true(term_send(t, p, len));
		data_chars++;
		p += len;
	}
}

static void count_reset(void)
{
	keys_pressed = data_chars = 0;
}

/* ---- the database -------------------------------------------------------------- */

/* A value client_sql_value() read; the test fails if the statement failed. */
static char *sql_ok(char *value)
{
	assert_non_null(value);
	return value;
}

/* A position of the run's department from 01.01.2020 with rates; its id (malloc'd). */
static char *position_make(const struct fixture *f, const char *title, const char *rates)
{
	return sql_ok(client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
	        "VALUES ($1::int, $2::bigint, $3, 'C3', $4::numeric, '2020-01-01') RETURNING id",
	        f->moe, f->department, title, rates, NULL));
}

/*
 * A person of MOE named "Or<tag><two letters>" Tessa, the letters counting
 * the run's people, so that the surname typed finds this person only.
 */
static void person_make(struct fixture *f, struct employee *e)
{
	int n = f->people++;

	e->index = n;
	snprintf(e->surname, sizeof e->surname, "Or%s%c%c", f->tag, 'a' + n / 26 % 26,
	         'a' + n % 26);
	snprintf(e->name, sizeof e->name, "%s Tessa", e->surname);
	char *id = sql_ok(client_sql_value(f->super,
	                                   "INSERT INTO hr.person (org_id, last_name, first_name) "
	                                   "VALUES ($1::int, $2, 'Tessa') RETURNING id",
	                                   f->moe, e->surname, NULL));
	snprintf(e->person, sizeof e->person, "%s", id);
	e->personnel_no[0] = '\0';
	free(id);
}

/*
 * The personnel number of the run's person e: the run's prefix and four
 * digits ("QAB-0003"), as wide as the seeded ones (the register's column).
 */
static void personnel_number(const struct fixture *f, struct employee *e)
{
	snprintf(e->personnel_no, sizeof e->personnel_no, "%s-%04d", f->number_prefix,
	         e->index + 1);
}

/*
 * An employee of the run: a person employed since 03.02.2020 on the
 * run's staff position, at rate 1, with the run's personnel number.
 */
static void employee_make(struct fixture *f, struct employee *e)
{
	person_make(f, e);
	personnel_number(f, e);
	char *employment = sql_ok(client_sql_value(
	        f->super,
	        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	        "VALUES ($1::int, $2::bigint, $3, '2020-02-03') RETURNING id",
	        f->moe, e->person, e->personnel_no, NULL));
	free(sql_ok(client_sql_value(
	        f->super,
	        "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	        "VALUES ($1::int, $2::bigint, $3::bigint, 1, '[2020-02-03,)') RETURNING id",
	        f->moe, employment, f->staff_position, NULL)));
	free(employment);
}

/*
 * A leave order for e from `from` to `until` (ISO) keyed by clerk_moe;
 * signed by head_moe when sign.  Returns the order id (malloc'd); the
 * number goes to number (>= 32 bytes) when signed.
 */
static char *leave_order(const struct fixture *f, const struct employee *e, const char *from,
                         const char *until, bool sign, char *number)
{
	static const char order_sql[] = "INSERT INTO hr.hr_order (org_id, kind, register_id) "
	                                "SELECT r.org_id, 'leave', r.id FROM hr.order_register r "
	                                " WHERE r.org_id = $1::int AND r.code = 'L' RETURNING id";
	char *id = sql_ok(client_sql_value(f->clerk_db, order_sql, f->moe, NULL));

	free(sql_ok(client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, "
	        "       until, leave_type) "
	        "VALUES ($1::int, $2::bigint, 1, $3::bigint, $4::date, $5::date, 'annual') "
	        "RETURNING id",
	        f->moe, id, e->person, from, until, NULL)));
	if (sign) {
		char *signed_no = sql_ok(client_sql_value(
		        f->head_db,
		        "SELECT number_text FROM hr.order_sign($1::bigint, "
		        "       (SELECT version FROM hr.hr_order WHERE id = $1::bigint))",
		        id, NULL));
		assert_true(signed_no[0] != '\0');
		snprintf(number, 32, "%s", signed_no);
		free(signed_no);
	}
	return id;
}

/* ---- fixture ------------------------------------------------------------------- */

static int setup(void **state)
{
	if (!client_environment_ready())
		return -1;
	struct fixture *f = calloc(1, sizeof *f);

	*state = f;
	client_run_tag(f->tag, TAG_LETTERS);
	f->super = client_connect_superuser();
	f->clerk_db = client_connect_login("clerk_moe");
	f->head_db = client_connect_login("head_moe");
	f->clerk_config = client_devdb_conf("clerk_moe");
	f->head_config = client_devdb_conf("head_moe");
	if (f->super == NULL || f->clerk_db == NULL || f->head_db == NULL ||
	    f->clerk_config == NULL || f->head_config == NULL)
		return -1;
	char *moe = client_sql_value(f->super, "SELECT id FROM hr.org WHERE code = 'MOE'", NULL);
	if (moe == NULL || moe[0] == '\0')
		return -1;
	snprintf(f->moe, sizeof f->moe, "%s", moe);
	free(moe);
	if (!client_marks_read(f->super, &f->marks))
		return -1;

	/* The run's department ("Zz<tag> Orders": after the seeded ones) and staff position. */
	char code[32], title[64];
	snprintf(code, sizeof code, "ZO%s", f->tag);
	for (char *p = code; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	snprintf(f->department_name, sizeof f->department_name, "Zz%s Orders", f->tag);
	char *department = client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.department (org_id, parent_id, code, name, valid_from) "
	        "VALUES ($1::int, NULL, $2, $3, '2020-01-01') RETURNING id",
	        f->moe, code, f->department_name, NULL);
	if (department == NULL)
		return -1;
	snprintf(f->department, sizeof f->department, "%s", department);
	free(department);
	snprintf(title, sizeof title, "Staff %s", f->tag);
	char *position = client_sql_value(
	        f->clerk_db,
	        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, valid_from) "
	        "VALUES ($1::int, $2::bigint, $3, 'C3', 20, '2020-01-01') RETURNING id",
	        f->moe, f->department, title, NULL);
	if (position == NULL)
		return -1;
	snprintf(f->staff_position, sizeof f->staff_position, "%s", position);
	free(position);

	/* A prefix of personnel numbers nobody has, from the tag's last letters. */
	static const char taken_sql[] =
	        "SELECT (SELECT count(*) FROM hr.employment WHERE personnel_no LIKE $1 || '-%') "
	        "     + (SELECT count(*) FROM hr.order_line WHERE personnel_no LIKE $1 || '-%')";
	for (int tries = 0; tries < 26 * 26; tries++) {
		snprintf(f->number_prefix, sizeof f->number_prefix, "Q%c%c",
		         'A' + (f->tag[6] - 'a' + tries / 26) % 26,
		         'A' + (f->tag[7] - 'a' + tries) % 26);
		char *taken = client_sql_value(f->super, taken_sql, f->number_prefix, NULL);
		bool free_prefix = taken != NULL && strcmp(taken, "0") == 0;

		free(taken);
		if (free_prefix)
			return 0;
	}
	return -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	/* The run's people, orders, department and positions go again (triggers
	 * off: signed orders and what they wrote go as a whole), so the register
	 * the other screen tests read is as the seed left it. */
	if (f->super != NULL && f->marks.person[0] != '\0') {
		char orgs[24];

		snprintf(orgs, sizeof orgs, "(%s)", f->moe);
		client_remove_since(f->super, &f->marks, orgs, NULL);
	}
	PQfinish(f->super);
	PQfinish(f->clerk_db);
	PQfinish(f->head_db);
	free(f->clerk_config);
	free(f->head_config);
	free(f);
	return 0;
}

/* ---- reading the screen ------------------------------------------------------------ */

static bool wait_words(struct term *t, const char *const words[])
{
	return client_wait_body_row(t, words, WAIT_MS);
}

/* The field labelled arg holds some text. */
static bool field_filled_pred(struct term *t, void *arg)
{
	char *value = client_field_value(t, arg);
	bool filled = value[0] != '\0';

	free(value);
	return filled;
}

/* Wait until the form's field label shows value (NULL: any), with the cursor on it if focused. */
static bool wait_field(struct term *t, const char *label, const char *value, bool focused)
{
	return client_wait_field(t, label, value, 0, focused, WAIT_MS);
}

/* Walk the selection down until the selected row holds text; false if it never does. */
static bool walk_down_to(struct term *t, const char *text)
{
	for (int step = 0; step < MAX_WALK; step++) {
		/* Each step starts from a screen the client has finished drawing:
		 * a list still arriving is not taken for a move. */
		term_wait_quiet(t, 150, WAIT_MS);
		int row = client_selected_row(t);
		char *was = client_selected_text(t);
		bool found = strstr(was, text) != NULL, moved;

		if (!found)
			press(t, "Down");
		moved = found || client_wait_selection_moved(t, row, was, WAIT_MS);
		free(was);
		if (found)
			return true;
		if (!moved)
			return false;
	}
	return false;
}

/* Row of the journal's column headings (Date, Number, Kind, Status, Employees), or -1. */
static int journal_header_row(struct term *t)
{
	const char *const words[] = { "Date", "Number", "Kind", "Status", "Employees", NULL };

	return client_find_body_row(t, words);
}

struct journal_arg {
	const char *const *words;
};

/* The first line of the journal's list (the one selected) holds every word. */
static bool journal_first_pred(struct term *t, void *arg)
{
	int header = journal_header_row(t);

	return header > 0 &&
	       client_row_has_words(t, header + 1, ((struct journal_arg *)arg)->words);
}

static bool wait_journal_first(struct term *t, const char *const words[])
{
	struct journal_arg arg = { words };
	char what[512];
	size_t len = (size_t)snprintf(what, sizeof what, "the journal's first line with");

	for (size_t i = 0; words[i] && len < sizeof what; i++)
		len += (size_t)snprintf(what + len, sizeof what - len, " \"%s\"", words[i]);
	return term_wait_until(t, journal_first_pred, &arg, what, WAIT_MS);
}

/* ---- the client ---------------------------------------------------------------- */

static const char *const personnel_selected[] = { "> Personnel file", NULL };

/* Start the client with config as login of MOE, cols wide, and wait for its Home. */
static struct term *start_at_home(const char *config, const char *login, int cols)
{
	struct term *t = client_spawn(config, cols, ROWS, NULL);
	char what[96];

	assert_non_null(t);
	snprintf(what, sizeof what, "Home of %s (MOE)", login);
	assert_true(client_wait_home(t, login, "MOE", personnel_selected, what, CONNECT_MS));
	return t;
}

/* F10 back to Home, then F3: status 0 (under ASan: nothing leaked), terminal restored. */
static void quit_client(struct term *t, const char *login)
{
	char what[96];

	press(t, "F10");
	snprintf(what, sizeof what, "Home of %s (MOE)", login);
	assert_true(client_wait_home(t, login, "MOE", personnel_selected, what, WAIT_MS));
	keys_pressed++;
	assert_true(client_quit_from_home(t));
}

static bool journal_header_pred(struct term *t, void *arg)
{
	(void)arg;
	return journal_header_row(t) > 0;
}

/* ':' orders Enter: the journal of every order of MOE. */
static void open_journal(struct term *t)
{
	press_char(t, ':');
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	type_data(t, "orders");
	press(t, "Enter");
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(wait_words(t, WORDS("Order journal:")));
	assert_true(term_wait_until(t, journal_header_pred, NULL, "the journal's column headings",
	                            WAIT_MS));
}

/* In the journal (the number-or-name filter focused): type text, wait for first_line. */
static void journal_filter(struct term *t, const char *text, const char *const first_line[])
{
	type_data(t, text);
	assert_true(wait_words(t, WORDS("Number or name", text)));
	assert_true(wait_journal_first(t, first_line));
}

/* In the journal: Insert, the kind's first letter, Enter; the form of a new draft. */
static void new_order(struct term *t, char letter, const char *label, const char *heading)
{
	char selected[64];

	press(t, "Insert");
	assert_true(wait_words(t, WORDS("> Hire")));
	snprintf(selected, sizeof selected, "> %s", label);
	press_char(t, letter);
	assert_true(wait_words(t, WORDS(selected)));
	press(t, "Enter");
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(wait_field(t, "Employee", "", true));
}

/* On the Employee field: the surname and Enter find e; the focus moves on
 * to next.  With next NULL the line is complete (copied with F6): Enter
 * saves it at once and the form starts the next employee, so the chosen
 * name shows only for a moment and the caller waits for the saved line. */
static void key_employee(struct term *t, const struct employee *e, const char *next)
{
	char chosen[128];

	snprintf(chosen, sizeof chosen, "%s (%s)", e->name,
	         e->personnel_no[0] ? e->personnel_no : "not employed");
	type_data(t, e->surname);
	assert_true(wait_field(t, "Employee", e->surname, true));
	press(t, "Enter");
	if (next == NULL)
		return;
	assert_true(wait_field(t, "Employee", chosen, false));
	assert_true(wait_field(t, next, NULL, true));
}

/* On a date field: type day, Enter. */
static void key_day(struct term *t, const char *label, const char *day)
{
	type_data(t, day);
	assert_true(wait_field(t, label, day, true));
	press(t, "Enter");
}

/* Wait for the form's heading of a draft with n employees. */
static void wait_lines(struct term *t, const char *kind, int n)
{
	char heading[96];

	snprintf(heading, sizeof heading, "%s order: draft, %d employee%s", kind, n,
	         n == 1 ? "" : "s");
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
}

/* F6 on a leave form: the last line's type and dates are copied, the employee is next. */
static void copy_last_line(struct term *t, const char *type, const char *from, const char *until)
{
	press(t, "F6");
	assert_true(client_wait_message(t, "Copied from the last line", WAIT_MS));
	assert_true(wait_field(t, "Leave type (F4)", type, false));
	assert_true(wait_field(t, "From", from, false));
	assert_true(wait_field(t, LABEL_TO, until, false));
	assert_true(wait_field(t, "Employee", "", true));
}

/* ':' structure Enter, F9, F9: the vacancies of MOE as of today, the first selected. */
static void open_vacancies(struct term *t)
{
	char today[16], heading[128];

	client_day_text(0, today, sizeof today);
	press_char(t, ':');
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	type_data(t, "structure");
	press(t, "Enter");
	snprintf(heading, sizeof heading, "MOE  Ministry of Environment: departments as of %s",
	         today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(wait_words(t, WORDS("ADM  Administration")));
	press(t, "F9");
	/* Opened on the department on the line; F4 the whole organisation. */
	assert_true(term_wait_row(t, 1, "ADM  Administration and below: staffing table", WAIT_MS));
	press(t, "F4");
	snprintf(heading, sizeof heading, "MOE  Ministry of Environment: staffing table as of %s",
	         today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(wait_words(t, WORDS("Total of ")));
	press(t, "F9");
	snprintf(heading, sizeof heading, "MOE  Ministry of Environment: vacancies as of %s",
	         today);
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(term_wait_gone(t, "Total of", WAIT_MS));
	assert_true(term_wait_row(t, 3, ">", WAIT_MS));
}

/* ---- 1. a hire from a vacancy ------------------------------------------------------------ */

/*
 * clerk_moe: the vacancies of the staffing table, F6 on the run's new
 * position (1 rate, none filled): a hire order with the position filled
 * in; the new person found by surname, a personnel number, today; Enter
 * saves the line with the draft; F9 shows no problem and the employment
 * and the assignment signing will write; the clerk's F2 does not sign.
 * head_moe: the draft from the journal, F9, F2, F2: signed; the journal
 * shows its number as signed, the file the employment on the position,
 * and F6 there the order.  The database has the employment and the
 * assignment, written by the order's line, and the position's rate filled.
 */
static void test_hire_from_vacancy(void **state)
{
	struct fixture *f = *state;
	struct employee e;
	char title[64], today[16], iso[16], label[192], expected[256], number[64], signed_msg[128];
	static const char filled_sql[] =
	        "SELECT coalesce(sum(rate), 0)::numeric(4,2)::text FROM hr.assignment "
	        " WHERE position_id = $1::bigint AND during @> current_date";
	static const char status_sql[] = "SELECT status FROM hr.hr_order WHERE id = $1::bigint";

	snprintf(title, sizeof title, "Clerk %s", f->tag);
	char *position = position_make(f, title, "1");
	person_make(f, &e);
	static const char consent_sql[] =
	        "INSERT INTO hr.consent (org_id, person_id, given_on, document) "
	        "VALUES ($1::int, $2::bigint, '2024-01-10', 'Consent form') RETURNING id";
	free(sql_ok(client_sql_value(f->super, consent_sql, f->moe, e.person, NULL)));
	client_day_text(0, today, sizeof today);
	client_day_iso(0, iso, sizeof iso);
	assert_true(client_sql_is(f->super, "0.00", filled_sql, position, NULL));

	/* The clerk: F6 on the vacancy opens a hire into it. */
	struct term *t = start_at_home(f->clerk_config, "clerk_moe", COLS);
	open_vacancies(t);
	assert_true(walk_down_to(t, title));
	char *row = client_selected_text(t);
	assert_non_null(strstr(row, "1.00"));
	free(row);
	press(t, "F6");
	assert_true(term_wait_row(t, 0, "Order", WAIT_MS));
	assert_true(term_wait_row(t, 1, "Hire order: new draft, register P", WAIT_MS));
	snprintf(label, sizeof label, "%s, %s (1.00 vacant)", title, f->department_name);
	assert_true(wait_field(t, "Position (F4)", label, false));
	assert_true(wait_field(t, "Employee", "", true));

	/* The person by surname (not employed), the position kept, rate 1, number, today. */
	key_employee(t, &e, "Position (F4)");
	assert_true(wait_field(t, "Position (F4)", label, true));
	press(t, "Enter");
	assert_true(wait_field(t, "Rate", "1", true));
	press(t, "Enter");
	/* The next free number is offered; the run types its own over it. */
	assert_true(term_wait_until(t, field_filled_pred, "Personnel no.",
	                            "field \"Personnel no.\" offering a number", WAIT_MS));
	assert_true(wait_field(t, "Personnel no.", NULL, true));
	char *offered = client_field_value(t, "Personnel no.");
	for (size_t i = 0; i < strlen(offered); i++)
		press(t, "Backspace");
	free(offered);
	assert_true(wait_field(t, "Personnel no.", "", true));
	personnel_number(f, &e);
	type_data(t, e.personnel_no);
	assert_true(wait_field(t, "Personnel no.", e.personnel_no, true));
	press(t, "Enter");
	assert_true(wait_field(t, "From", "", true));
	key_day(t, "From", today);
	assert_true(client_wait_message(t, "Employee saved with the draft order.", WAIT_MS));
	wait_lines(t, "Hire", 1);
	assert_true(wait_words(t, WORDS(e.name, e.personnel_no, today)));
	assert_true(wait_field(t, "Employee", "", true));

	/* Saved on the server: a draft keyed by the clerk with this one line. */
	char *order = sql_ok(client_sql_value(
	        f->super,
	        "SELECT h.id FROM hr.hr_order h JOIN hr.order_line l ON l.order_id = h.id "
	        " WHERE l.person_id = $1::bigint AND h.kind = 'hire' AND h.status = 'draft' "
	        "   AND h.created_by = 'clerk_moe'",
	        e.person, NULL));
	assert_true(order[0] != '\0');
	snprintf(expected, sizeof expected, "1|%s|1.00|%s|%s", position, e.personnel_no, iso);
	assert_true(client_sql_is(f->super, expected,
	                          "SELECT count(*) OVER () || '|' || position_id || '|' || rate "
	                          "       || '|' || personnel_no || '|' || effective "
	                          "  FROM hr.order_line WHERE order_id = $1::bigint",
	                          order, NULL));

	/* F9: nothing stops it; signing will write the employment and the assignment. */
	press(t, "F9");
	assert_true(wait_words(t, WORDS("Hire order, draft, register P, keyed by clerk_moe")));
	assert_true(wait_words(t, WORDS("Checked: no rule stops this order.")));
	assert_true(wait_words(t, WORDS("What signing will do:")));
	assert_true(wait_words(t, WORDS("1.", e.name, "employment from", today)));
	assert_true(wait_words(t, WORDS("2.", e.name, "assigned to", title)));
	/* Clerks do not sign. */
	press(t, "F2");
	assert_true(client_wait_message(t, "Only the head of HR signs orders", WAIT_MS));
	quit_client(t, "clerk_moe");
	term_close(&t);
	assert_true(client_sql_is(f->super, "draft", status_sql, order, NULL));
	assert_true(client_sql_is(f->super, "0",
	                          "SELECT count(*) FROM hr.employment WHERE person_id = $1::bigint",
	                          e.person, NULL));

	/* The head (a wider terminal: the file's employment shows the position too):
	 * the draft from the journal, checked, F2 asks, F2 signs. */
	t = start_at_home(f->head_config, "head_moe", WIDE_COLS);
	open_journal(t);
	journal_filter(t, e.surname, WORDS("(draft)", "Hire", "draft", e.name));
	press(t, "Enter");
	wait_lines(t, "Hire", 1);
	assert_true(wait_words(t, WORDS(e.name, e.personnel_no, today)));
	press(t, "F9");
	assert_true(wait_words(t, WORDS("Checked: no rule stops this order.")));
	assert_true(wait_words(t, WORDS("2.", e.name, "assigned to", title)));
	press(t, "F2");
	assert_true(client_wait_message(t, "Sign this order as head_moe?", WAIT_MS));
	assert_true(client_sql_is(f->super, "draft", status_sql, order, NULL));
	press(t, "F2");
	assert_true(client_wait_message(t, "Signed: order No. ", WAIT_MS));
	char *signed_no = sql_ok(client_sql_value(
	        f->super,
	        "SELECT number_text FROM hr.hr_order WHERE id = $1::bigint AND status = 'signed' "
	        "   AND signed_by = 'head_moe' AND created_by = 'clerk_moe'",
	        order, NULL));
	assert_true(signed_no[0] != '\0');
	snprintf(number, sizeof number, "%s", signed_no);
	free(signed_no);
	snprintf(signed_msg, sizeof signed_msg, "Signed: order No. %s of %s", number, today);
	assert_true(client_message_has(t, signed_msg));
	snprintf(expected, sizeof expected, "Hire order No. %s, signed by head_moe", number);
	assert_true(wait_words(t, WORDS(expected)));
	assert_true(wait_words(t, WORDS("What the order did:")));
	assert_true(wait_words(t, WORDS("2.", e.name, "assigned to", title)));

	/* F3: the form has nothing left to do; the journal shows the number, signed. */
	press(t, "F3");
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(wait_journal_first(t, WORDS(today, number, "Hire", "signed", e.name)));
	assert_true(client_not_shown(t, "(draft)"));

	/* The file: employed from today on the position; F6 there lists the order. */
	press(t, "F10");
	assert_true(client_wait_home(t, "head_moe", "MOE", personnel_selected, "Home", WAIT_MS));
	press(t, "Enter");
	assert_true(wait_words(t, WORDS("Name", "Pers. no")));
	type_data(t, e.surname);
	assert_true(term_wait_row(t, client_rows(t) - 3, "1 shown", WAIT_MS));
	assert_true(wait_words(t, WORDS(e.name, e.personnel_no)));
	press(t, "Enter");
	assert_true(term_wait_row(t, 0, "Personnel file", WAIT_MS));
	assert_true(wait_words(t, WORDS("Employment (1)")));
	press(t, "Down");
	assert_true(wait_words(t, WORDS(e.personnel_no, today, title, f->department_name, "1.00")));
	press(t, "F6");
	snprintf(expected, sizeof expected, "Orders of %s", e.name);
	assert_true(wait_words(t, WORDS(expected)));
	assert_true(wait_journal_first(t, WORDS(number, "Hire", "signed")));
	quit_client(t, "head_moe");
	term_close(&t);

	/* The database: employment and assignment written by the order's line, the rate filled. */
	snprintf(expected, sizeof expected, "1|%s|%s|", e.personnel_no, iso);
	assert_true(client_sql_is(
	        f->super, expected,
	        "SELECT count(*) OVER () || '|' || e.personnel_no || '|' || e.hire_date || '|' "
	        "       || coalesce(e.end_date::text, '') "
	        "  FROM hr.employment e JOIN hr.order_line l ON l.id = e.order_line_id "
	        " WHERE e.person_id = $1::bigint AND l.order_id = $2::bigint",
	        e.person, order, NULL));
	snprintf(expected, sizeof expected, "1|%s|1.00|[%s,)", position, iso);
	assert_true(client_sql_is(
	        f->super, expected,
	        "SELECT count(*) OVER () || '|' || a.position_id || '|' || a.rate "
	        "       || '|' || a.during "
	        "  FROM hr.assignment a JOIN hr.employment e ON e.id = a.employment_id "
	        "  JOIN hr.order_line l ON l.id = a.order_line_id "
	        " WHERE e.person_id = $1::bigint AND l.order_id = $2::bigint",
	        e.person, order, NULL));
	assert_true(client_sql_is(f->super, "1.00", filled_sql, position, NULL));
	assert_true(client_sql_is(f->super, "0",
	                          "SELECT count(*) FROM hr.vacancies($1::int, current_date, "
	                          "       NULL, NULL) WHERE position_id = $2::bigint",
	                          f->moe, position, NULL));
	free(order);
	free(position);
}

/* ---- 2. a list leave order ------------------------------------------------------------- */

/*
 * clerk_moe keys one leave order for three employees: the first line in
 * full (the type from the F4 list: unpaid, the last day as 14 days), then
 * F6 and the surname for each further one.  The form lists the three; F9
 * finds no problem and shows the leave signing will write for each; the
 * database holds one draft with three lines, each with the copied type
 * and dates.
 */
static void test_list_leave_order(void **state)
{
	struct fixture *f = *state;
	struct employee e[3];
	char from[16], until[16], from_iso[16], until_iso[16], line_no[16], expected[160];

	for (int i = 0; i < 3; i++)
		employee_make(f, &e[i]);
	client_day_text(30, from, sizeof from);
	client_day_text(43, until, sizeof until);
	client_day_iso(30, from_iso, sizeof from_iso);
	client_day_iso(43, until_iso, sizeof until_iso);

	struct term *t = start_at_home(f->clerk_config, "clerk_moe", COLS);
	open_journal(t);
	new_order(t, 'l', "Leave", "Leave order: new draft, register L");
	key_employee(t, &e[0], "Leave type (F4)");
	assert_true(wait_field(t, "Leave type (F4)", "annual", true));
	press(t, "F4");
	assert_true(wait_words(t, WORDS("> annual")));
	press_char(t, 'u');
	assert_true(wait_words(t, WORDS("> unpaid")));
	press(t, "Enter");
	assert_true(wait_field(t, "Leave type (F4)", "unpaid", false));
	assert_true(wait_field(t, "From", "", true));
	key_day(t, "From", from);
	assert_true(wait_field(t, LABEL_TO, "", true));
	key_day(t, LABEL_TO, "14"); /* days: the last is From + 13 */
	assert_true(client_wait_message(t, "Employee saved with the draft order.", WAIT_MS));
	wait_lines(t, "Leave", 1);
	for (int i = 1; i < 3; i++) {
		copy_last_line(t, "unpaid", from, until);
		key_employee(t, &e[i], NULL);
		wait_lines(t, "Leave", i + 1);
		assert_true(wait_field(t, "Employee", "", true));
	}
	for (int i = 0; i < 3; i++)
		assert_true(
		        wait_words(t, WORDS(e[i].name, e[i].personnel_no, from, until, "unpaid")));

	/* F9: no problem; the leave of each. */
	press(t, "F9");
	assert_true(wait_words(t, WORDS("Leave order, draft, register L, keyed by clerk_moe")));
	assert_true(wait_words(t, WORDS("Checked: no rule stops this order.")));
	assert_true(wait_words(t, WORDS("What signing will do:")));
	for (int i = 0; i < 3; i++) {
		snprintf(line_no, sizeof line_no, "%d.", i + 1);
		assert_true(wait_words(
		        t, WORDS(line_no, e[i].name, "unpaid leave", from, until, "(14 days)")));
	}
	quit_client(t, "clerk_moe");
	term_close(&t);

	/* One draft, three lines in the order keyed, the type and dates copied. */
	char *order = sql_ok(client_sql_value(
	        f->super,
	        "SELECT l.order_id FROM hr.order_line l JOIN hr.hr_order h ON h.id = l.order_id "
	        " WHERE l.person_id = $1::bigint AND h.kind = 'leave' AND h.status = 'draft' "
	        "   AND h.created_by = 'clerk_moe'",
	        e[0].person, NULL));
	assert_true(order[0] != '\0');
	snprintf(expected, sizeof expected, "%s,%s,%s", e[0].person, e[1].person, e[2].person);
	assert_true(client_sql_is(f->super, expected,
	                          "SELECT string_agg(person_id::text, ',' ORDER BY line_no) "
	                          "  FROM hr.order_line WHERE order_id = $1::bigint",
	                          order, NULL));
	snprintf(expected, sizeof expected, "3|unpaid|%s|%s", from_iso, until_iso);
	assert_true(
	        client_sql_is(f->super, expected,
	                      "SELECT count(*) || '|' || min(leave_type) || '|' || min(effective) "
	                      "       || '|' || max(until) FROM hr.order_line "
	                      " WHERE order_id = $1::bigint AND leave_type = 'unpaid' "
	                      "   AND effective = $2::date AND until = $3::date",
	                      order, from_iso, until_iso, NULL));
	free(order);
}

/* ---- 3. keying speed --------------------------------------------------------------------- */

/*
 * From the journal, a one-employee leave order is keyed and saved in at
 * most KEYS_FIRST_LIMIT keys beyond the data (the employee's surname and
 * the two dates); each further employee with F6 in at most
 * KEYS_NEXT_LIMIT.  Every key is sent alone and counted; the counts are
 * printed ("# keys: ...").  The database has the three lines.
 */
static void test_keying_speed(void **state)
{
	struct fixture *f = *state;
	struct employee e[3];
	char from[16], until[16], from_iso[16], until_iso[16], expected[160];
	int first_keys, first_chars, next_keys[3] = { 0 }, next_chars[3] = { 0 };

	for (int i = 0; i < 3; i++)
		employee_make(f, &e[i]);
	client_day_text(120, from, sizeof from);
	client_day_text(133, until, sizeof until);
	client_day_iso(120, from_iso, sizeof from_iso);
	client_day_iso(133, until_iso, sizeof until_iso);

	struct term *t = start_at_home(f->clerk_config, "clerk_moe", COLS);
	open_journal(t);

	/* (a) Insert, l, Enter; the employee, Enter; Enter (annual); from, Enter; to, Enter. */
	count_reset();
	new_order(t, 'l', "Leave", "Leave order: new draft, register L");
	key_employee(t, &e[0], "Leave type (F4)");
	assert_true(wait_field(t, "Leave type (F4)", "annual", true));
	press(t, "Enter");
	assert_true(wait_field(t, "From", "", true));
	key_day(t, "From", from);
	assert_true(wait_field(t, LABEL_TO, "", true));
	key_day(t, LABEL_TO, until);
	assert_true(client_wait_message(t, "Employee saved with the draft order.", WAIT_MS));
	wait_lines(t, "Leave", 1);
	first_keys = keys_pressed;
	first_chars = data_chars;
	printf("# keys: one-employee leave order, journal to saved line: %d keys "
	       "+ %d characters of data (surname %zu, dates 2 x 10); limit %d\n",
	       first_keys, first_chars, strlen(e[0].surname), KEYS_FIRST_LIMIT);

	/* (b) F6, the employee, Enter. */
	for (int i = 1; i < 3; i++) {
		count_reset();
		copy_last_line(t, "annual", from, until);
		key_employee(t, &e[i], NULL);
		wait_lines(t, "Leave", i + 1);
		assert_true(wait_field(t, "Employee", "", true));
		next_keys[i] = keys_pressed;
		next_chars[i] = data_chars;
		printf("# keys: employee %d of the order with F6: %d keys + %d characters of data "
		       "(surname); limit %d\n",
		       i + 1, next_keys[i], next_chars[i], KEYS_NEXT_LIMIT);
	}
	fflush(stdout);
	quit_client(t, "clerk_moe");
	term_close(&t);

	assert_true(first_keys <= KEYS_FIRST_LIMIT);
	assert_int_equal(first_chars, (int)strlen(e[0].surname) + 20);
	for (int i = 1; i < 3; i++) {
		assert_true(next_keys[i] <= KEYS_NEXT_LIMIT);
		assert_int_equal(next_chars[i], (int)strlen(e[i].surname));
	}

	/* The three lines as keyed. */
	char *order = sql_ok(client_sql_value(
	        f->super,
	        "SELECT l.order_id FROM hr.order_line l JOIN hr.hr_order h ON h.id = l.order_id "
	        " WHERE l.person_id = $1::bigint AND h.kind = 'leave' AND h.status = 'draft'",
	        e[0].person, NULL));
	assert_true(order[0] != '\0');
	snprintf(expected, sizeof expected, "%s,%s,%s|3", e[0].person, e[1].person, e[2].person);
	assert_true(client_sql_is(f->super, expected,
	                          "SELECT string_agg(person_id::text, ',' ORDER BY line_no) || '|' "
	                          "       || count(*) FILTER (WHERE leave_type = 'annual' "
	                          "          AND effective = $2::date AND until = $3::date) "
	                          "  FROM hr.order_line WHERE order_id = $1::bigint",
	                          order, from_iso, until_iso, NULL));
	free(order);
}

/* ---- 4. a rule broken -------------------------------------------------------------------- */

/*
 * An employee has a signed leave; a draft grants leave overlapping it.
 * head_moe opens the draft: F9 lists the overlap with "!" under "Problems
 * that stop signing"; F2 says the problems stop signing and does not ask
 * to sign.  The draft stays a draft without a number, the leave on file
 * is the one signed before, the register's counter has not moved.
 */
static void test_rule_broken_not_signed(void **state)
{
	struct fixture *f = *state;
	struct employee e;
	char signed_from[16], signed_until[16], from_iso[16], until_iso[16], number[32];
	char overlap[96];
	static const char counter_sql[] =
	        "SELECT coalesce(sum(c.last_no), 0) FROM hr.order_counter c "
	        "  JOIN hr.order_register r ON r.org_id = c.org_id AND r.id = c.register_id "
	        " WHERE c.org_id = $1::int AND r.code = 'L'";

	employee_make(f, &e);
	client_day_iso(60, from_iso, sizeof from_iso);
	client_day_iso(73, until_iso, sizeof until_iso);
	client_day_text(60, signed_from, sizeof signed_from);
	client_day_text(73, signed_until, sizeof signed_until);
	char *first = leave_order(f, &e, from_iso, until_iso, true, number);
	client_day_iso(70, from_iso, sizeof from_iso);
	client_day_iso(80, until_iso, sizeof until_iso);
	char *draft = leave_order(f, &e, from_iso, until_iso, false, NULL);
	char *counter = sql_ok(client_sql_value(f->super, counter_sql, f->moe, NULL));

	struct term *t = start_at_home(f->head_config, "head_moe", COLS);
	open_journal(t);
	/* The draft, newer, comes first; the signed leave after it. */
	journal_filter(t, e.surname, WORDS("(draft)", "Leave", "draft", e.name));
	assert_true(wait_words(t, WORDS(number, "Leave", "signed", e.name)));
	press(t, "Enter");
	wait_lines(t, "Leave", 1);
	press(t, "F9");
	assert_true(wait_words(t, WORDS("Problems that stop signing:")));
	snprintf(overlap, sizeof overlap, "overlaps leave %s–%s", signed_from, signed_until);
	assert_true(wait_words(t, WORDS("! line 1,", e.name, overlap)));
	assert_true(client_not_shown(t, "Checked: no rule stops this order."));
	press(t, "F2");
	assert_true(client_wait_message(t, "The problems listed stop signing", WAIT_MS));
	press(t, "F2");
	assert_true(client_wait_message(t, "The problems listed stop signing", WAIT_MS));
	assert_true(client_not_shown(t, "Sign this order as"));
	assert_true(client_not_shown(t, "Signed:"));
	quit_client(t, "head_moe");
	term_close(&t);

	/* Nothing signed: the draft as it was, one leave on file, no number given. */
	assert_true(client_sql_is(f->super, "draft|",
	                          "SELECT status || '|' || coalesce(number_text, '') "
	                          "  FROM hr.hr_order WHERE id = $1::bigint",
	                          draft, NULL));
	assert_true(client_sql_is(f->super, "1",
	                          "SELECT count(*) FROM hr.absence WHERE person_id = $1::bigint",
	                          e.person, NULL));
	assert_true(client_sql_is(
	        f->super, "0", "SELECT count(*) FROM hr.order_effect WHERE order_id = $1::bigint",
	        draft, NULL));
	assert_true(client_sql_is(f->super, counter, counter_sql, f->moe, NULL));
	assert_true(client_sql_is(f->super, "signed",
	                          "SELECT status FROM hr.hr_order WHERE id = $1::bigint", first,
	                          NULL));
	free(first);
	free(draft);
	free(counter);
}

/* ---- 5. printing ------------------------------------------------------------------------ */

/* The whole of a file (malloc'd, NUL-terminated), or NULL; *size gets its length. */
static char *read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	char *data = NULL;
	long len;

	if (file == NULL)
		return NULL;
	if (fseek(file, 0, SEEK_END) == 0 && (len = ftell(file)) >= 0 &&
	    fseek(file, 0, SEEK_SET) == 0 && (data = malloc((size_t)len + 1)) != NULL) {
		*size = fread(data, 1, (size_t)len, file);
		data[*size] = '\0';
	}
	fclose(file);
	return data;
}

/*
 * A signed leave order, opened from the journal by its number by a clerk
 * whose config sets print.directory: F4 writes order-<number>.txt and
 * .pdf there (the directory made when missing); the text holds the
 * number and the employee's name, the PDF is one ("%PDF").  F7 shows the
 * same text on the screen.
 */
static void test_print_signed_order(void **state)
{
	struct fixture *f = *state;
	struct employee e;
	char from_iso[16], until_iso[16], number[32], stem[64], more[600], heading[128];
	char text_path[700], pdf_path[700];

	employee_make(f, &e);
	client_day_iso(150, from_iso, sizeof from_iso);
	client_day_iso(159, until_iso, sizeof until_iso);
	char *order = leave_order(f, &e, from_iso, until_iso, true, number);
	/* The file name: "order-" and the number, a '/' (any but letters, digits, - _) as '-'. */
	size_t n = (size_t)snprintf(stem, sizeof stem, "order-");
	for (const char *p = number; *p && n + 1 < sizeof stem; p++)
		stem[n++] = isalnum((unsigned char)*p) || *p == '-' || *p == '_' ? *p : '-';
	stem[n] = '\0';

	char *dir = term_tmpdir_create();
	assert_non_null(dir);
	char *out = client_path_in(dir, "printed");
	snprintf(more, sizeof more, "print = { directory = \"%s\"; };", out);
	char *config = client_config_with(f->clerk_config, dir, "clerk_print.conf", more);
	assert_non_null(config);
	snprintf(text_path, sizeof text_path, "%s/%s.txt", out, stem);
	snprintf(pdf_path, sizeof pdf_path, "%s/%s.pdf", out, stem);

	struct term *t = start_at_home(config, "clerk_moe", COLS);
	open_journal(t);
	journal_filter(t, number, WORDS(number, "Leave", "signed", e.name));
	press(t, "Enter");
	snprintf(heading, sizeof heading, "Leave order No. %s, signed by head_moe", number);
	assert_true(wait_words(t, WORDS(heading)));
	assert_true(wait_words(t, WORDS("What the order did:")));
	assert_true(wait_words(t, WORDS("1.", e.name, "annual paid leave")));
	press(t, "F4");
	assert_true(client_wait_message(t, "Printed: ", WAIT_MS));
	assert_true(client_message_has(t, stem));

	struct stat st;
	size_t text_size = 0, pdf_size = 0;
	char *text = read_file(text_path, &text_size);
	char *pdf = read_file(pdf_path, &pdf_size);
	if (text == NULL || pdf == NULL)
		fprintf(stderr, "printed files missing: %s %s\n", text_path, pdf_path);
	assert_non_null(text);
	assert_non_null(pdf);
	assert_non_null(strstr(text, number));
	assert_non_null(strstr(text, e.name));
	assert_true(pdf_size > 4 && memcmp(pdf, "%PDF", 4) == 0);
	assert_int_equal(stat(out, &st), 0);
	assert_true(S_ISDIR(st.st_mode));

	/* F7: the text as signed, on the screen. */
	press(t, "F7");
	assert_true(wait_words(t, WORDS("The text as signed")));
	snprintf(heading, sizeof heading, "ORDER No. %s", number);
	assert_true(wait_words(t, WORDS(heading)));
	assert_true(wait_words(t, WORDS(e.name)));
	quit_client(t, "clerk_moe");
	term_close(&t);

	free(text);
	free(pdf);
	free(config);
	free(out);
	free(order);
	term_tmpdir_remove(&dir);
}

/*
 * The clerk opens from the journal a draft that head_moe signed after the
 * journal was read: the form finds it signed, says so and closes itself,
 * and the journal is back.  The form's state is freed only after its
 * callbacks returned (under the sanitizer build a use after free would end
 * the client with a report instead of status 0).
 */
static void test_open_draft_signed_meanwhile(void **state)
{
	struct fixture *f = *state;
	struct employee e;
	char from_iso[16], until_iso[16], *signed_no;

	employee_make(f, &e);
	client_day_iso(90, from_iso, sizeof from_iso);
	client_day_iso(95, until_iso, sizeof until_iso);
	char *id = leave_order(f, &e, from_iso, until_iso, false, NULL);
	struct term *t = start_at_home(f->clerk_config, "clerk_moe", COLS);

	open_journal(t);
	journal_filter(t, e.surname, WORDS("(draft)", "Leave", "draft", e.name));
	signed_no = sql_ok(client_sql_value(
	        f->head_db,
	        "SELECT number_text FROM hr.order_sign($1::bigint, "
	        "       (SELECT version FROM hr.hr_order WHERE id = $1::bigint))",
	        id, NULL));
	press(t, "Enter");
	assert_true(client_wait_message(t, "a signed order is never edited", WAIT_MS));
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(client_message_has(t, signed_no));
	quit_client(t, "clerk_moe");
	term_close(&t);
	free(signed_no);
	free(id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hire_from_vacancy),
		cmocka_unit_test(test_list_leave_order),
		cmocka_unit_test(test_keying_speed),
		cmocka_unit_test(test_rule_broken_not_signed),
		cmocka_unit_test(test_print_signed_order),
		cmocka_unit_test(test_open_draft_signed_meanwhile),
	};

	/* ORD_ONLY=test_name runs one test (cmocka's pattern) while working on it. */
	if (getenv("ORD_ONLY"))
		cmocka_set_test_filter(getenv("ORD_ONLY"));
	return cmocka_run_group_tests_name("personnel orders", tests, setup, teardown);
}
