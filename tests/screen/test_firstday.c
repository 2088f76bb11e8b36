/*
 * test_firstday.c - what a new clerk met on a first day of real work, as
 * defects the client must never have again.  Each test keys the steps a
 * clerk or head took, on the real client in a pty against the test
 * database, and checks what the screen shows:
 *
 *   - F10 from a screen opened inside a file leaves a working connection;
 *   - a check never says "no rule stops this order" over an effect that
 *     cannot be written, and signing is refused;
 *   - a sentence said on one screen does not stay on the next;
 *   - ':' opens the prompt from the register, and offers and opens only
 *     the screens a login is served;
 *   - a field that only disagrees with another lets the cursor go;
 *   - Insert and Delete are not offered where they would be refused, and F7
 *     from a past view offers today;
 *   - a form resumed from Home keeps its changed marks and lands on its
 *     file after saving;
 *   - leaving asks about staged changes, and quitting keeps a typed form;
 *   - the register finds a personnel number by its digits and lists
 *     people not hired yet;
 *   - a save meeting another's save of other fields joins them unasked;
 *   - staffing opened on a department shows that department;
 *   - the agency sees the structure and every organisation's totals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness_client.h"

enum {
	CONNECT_MS = 10000,
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 80,
	ROWS = 24,
};

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct fixture {
	PGconn *super;
	char *clerk, *head, *ministry, *agency; /* their client configurations */
};

static char *sql_ok(char *value)
{
	assert_non_null(value);
	assert_true(value[0] != '\0');
	return value;
}

/* Whether sql with one parameter gives `expected` now (quietly). */
static bool sql_says(PGconn *conn, const char *expected, const char *sql, const char *param)
{
	const char *params[] = { param };
	PGresult *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
	bool same = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	            strcmp(PQgetvalue(res, 0, 0), expected) == 0;

	PQclear(res);
	return same;
}

static const char *const personnel_selected[] = { "> Personnel file", NULL };

static struct term *start_at_home(const char *config, const char *login, const char *org)
{
	struct term *t = client_spawn(config, COLS, ROWS, NULL);

	assert_non_null(t);
	assert_true(client_wait_home(t, login, org, NULL, "Home", CONNECT_MS));
	return t;
}

static void press(struct term *t, const char *key)
{
	assert_true(term_key(t, key));
}

static void type_text(struct term *t, const char *text)
{
	assert_true(term_type(t, text));
}

/* Runs a statement whose answer does not matter but must succeed. */
static void sql_done(PGconn *conn, const char *sql, const char *param)
{
	char *value = client_sql_value(conn, sql, param, NULL);

	assert_non_null(value);
	free(value);
}

static bool wait_words(struct term *t, const char *const words[])
{
	return client_wait_body_row(t, words, WAIT_MS);
}

/* The legend (the last row) offers `label` ("Insert New"). */
static bool legend_has(struct term *t, const char *label)
{
	char *row = term_row_text(t, client_rows(t) - 1);
	bool has = strstr(row, label) != NULL;

	free(row);
	return has;
}

struct legend_arg {
	const char *label;
	bool present;
};

static bool legend_pred(struct term *t, void *arg)
{
	const struct legend_arg *a = arg;

	return legend_has(t, a->label) == a->present;
}

static bool wait_legend(struct term *t, const char *label, bool present)
{
	struct legend_arg arg = { label, present };
	char what[128];

	snprintf(what, sizeof what, "the legend %s \"%s\"", present ? "offering" : "without",
	         label);
	return term_wait_until(t, legend_pred, &arg, what, WAIT_MS);
}

static bool wait_field(struct term *t, const char *label, char mark, bool focused)
{
	return client_wait_field(t, label, NULL, mark, focused, WAIT_MS);
}

/* F10 to Home, then quit: status 0 and the terminal restored. */
static void leave_from_anywhere(struct term **t)
{
	press(*t, "F10");
	assert_true(wait_words(*t, personnel_selected));
	assert_true(client_quit_from_home(*t));
	term_close(t);
}

/* ':' CODE Enter: the screen of that code. */
static void jump(struct term *t, const char *code)
{
	assert_true(term_send(t, ":", 1));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	type_text(t, code);
	press(t, "Enter");
}

/* In a file, the personal data on the right: its form, the cursor on Phone. */
static void personal_form_at_phone(struct term *t)
{
	press(t, "Enter");
	assert_true(wait_field(t, "Surname", 0, true));
	for (int i = 0; i < 7; i++) /* surname, ..., citizenship, phone */
		press(t, "Tab");
	assert_true(wait_field(t, "Phone", 0, true));
}

/* Home, Enter: the register, answered. */
static void open_register(struct term *t)
{
	press(t, "Enter");
	assert_true(client_wait_register(t, WAIT_MS));
	assert_true(client_wait_register_answered(t, WAIT_MS));
}

/* In the register: the file of the one person `surname` finds. */
static void open_file(struct term *t, const char *surname, const char *name)
{
	type_text(t, surname);
	assert_true(wait_words(t, WORDS("1 shown")));
	press(t, "Enter");
	assert_true(wait_words(t, WORDS("Service", "As of")));
	assert_true(wait_words(t, WORDS(name)));
}

/* F10, then Home's second module: the journal, with the order numbered `number`. */
static void journal_from_home(struct term *t, const char *number)
{
	press(t, "F10");
	assert_true(wait_words(t, personnel_selected));
	press(t, "Down");
	press(t, "Enter");
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(wait_words(t, WORDS(number)));
}

/* A MOE employee with a signed order: surname, full name, the order's number
 * (and the person's id, when `person` is not NULL). */
static void employee_with_order(const struct fixture *f, char **surname, char **name,
                                char **number, char **person)
{
	const char *pick = "SELECT p.id FROM hr.person p JOIN hr.order_line l ON l.person_id = p.id "
	                   "  JOIN hr.hr_order h ON h.id = l.order_id AND h.status = 'signed' "
	                   "  JOIN hr.org o ON o.id = h.org_id AND o.code = 'MOE' "
	                   " WHERE (SELECT count(*) FROM hr.person q WHERE q.org_id = p.org_id "
	                   "         AND q.last_name = p.last_name) = 1 "
	                   " ORDER BY h.id LIMIT 1";
	char *id = sql_ok(client_sql_value(f->super, pick, NULL));

	*surname = sql_ok(client_sql_value(f->super, "SELECT last_name FROM hr.person WHERE id = $1",
	                                   id, NULL));
	*name = sql_ok(client_sql_value(
	        f->super,
	        "SELECT btrim(last_name || ' ' || first_name || ' ' || middle_name) FROM hr.person "
	        " WHERE id = $1",
	        id, NULL));
	*number = sql_ok(client_sql_value(
	        f->super,
	        "SELECT h.number_text FROM hr.hr_order h JOIN hr.order_line l ON l.order_id = h.id "
	        " WHERE l.person_id = $1 AND h.status = 'signed' ORDER BY h.id LIMIT 1",
	        id, NULL));
	if (person != NULL)
		*person = id;
	else
		free(id);
}

/*
 * Register, a person, Enter, then a screen opened inside the file (F6 the
 * person's orders, F9 the history of a section, Enter a section's form),
 * F10, Personnel orders: each time the journal lists the organisation's
 * orders and the register answers again.
 */
static void f10_from_inside_a_file_keeps_the_connection(void **state)
{
	const struct fixture *f = *state;
	const char *const inside[] = { "F6", "F9", "Enter" };
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");
	char *surname, *name, *number;

	employee_with_order(f, &surname, &name, &number, NULL);
	for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
		open_register(t);
		open_file(t, surname, name);
		if (strcmp(inside[i], "Enter") == 0)
			press(t, "Tab"); /* into the section, whose form Enter opens */
		press(t, inside[i]);
		assert_true(term_wait_gone(t, "Service", WAIT_MS));
		journal_from_home(t, number);
		press(t, "F10");
		assert_true(wait_words(t, WORDS("> Personnel orders")));
		press(t, "Up");
		assert_true(wait_words(t, personnel_selected));
	}
	open_register(t);
	free(surname);
	free(name);
	free(number);
	leave_from_anywhere(&t);
}

/*
 * A hire of someone born 15.03.2012, keyed by the clerk: the rules have
 * nothing against it but signing could not write it (the age at hire).
 * The head's check does not say "no rule stops this order", says it cannot
 * be signed, and F2 refuses.
 */
static void check_is_never_all_clear_over_what_cannot_be_written(void **state)
{
	const struct fixture *f = *state;
	PGconn *clerk = client_connect_login("clerk_moe");
	struct term *t;
	char *person, *order;

	assert_non_null(clerk);
	person = sql_ok(client_sql_value(
	        f->super,
	        "WITH p AS (INSERT INTO hr.person (org_id, last_name, first_name, middle_name, "
	        "            birth_date, gender) "
	        "    SELECT id, 'Youngova', 'Dana', 'Firstday', '2012-03-15', 'F' FROM hr.org "
	        "     WHERE code = 'MOE' RETURNING id, org_id), "
	        "c AS (INSERT INTO hr.consent (org_id, person_id, given_on, document) "
	        "    SELECT org_id, id, current_date, 'Consent form' FROM p) "
	        "SELECT id FROM p",
	        NULL));
	order = sql_ok(client_sql_value(
	        clerk,
	        "INSERT INTO hr.hr_order (org_id, kind, register_id, basis, request_id) "
	        "SELECT r.org_id, 'hire', r.id, 'Application', gen_random_uuid() "
	        "  FROM hr.order_register r JOIN hr.org o ON o.id = r.org_id "
	        " WHERE o.code = 'MOE' AND r.code = 'P' RETURNING id",
	        NULL));
	assert_true(client_sql_is(
	        clerk, "1",
	        "WITH v AS (SELECT position_id FROM hr.vacancies((SELECT org_id FROM hr.hr_order "
	        "             WHERE id = $1::bigint), current_date, NULL, NULL) LIMIT 1), "
	        "l AS (INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, effective, "
	        "             position_id, rate, personnel_no) "
	        "    SELECT h.org_id, h.id, 1, $2::bigint, current_date + 1, v.position_id, 1, "
	        "           'MOE-FD01' FROM hr.hr_order h, v WHERE h.id = $1::bigint RETURNING 1) "
	        "SELECT count(*) FROM l",
	        order, person, NULL));
	PQfinish(clerk);

	t = start_at_home(f->head, "head_moe", "MOE");
	jump(t, "orders");
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	type_text(t, "Youngova");
	assert_true(wait_words(t, WORDS("Hire", "draft", "Youngova")));
	press(t, "Enter"); /* the form of the draft */
	assert_true(wait_words(t, WORDS("Youngova")));
	press(t, "F9");
	assert_true(wait_words(t, WORDS("What signing will do:")));
	assert_true(wait_words(t, WORDS("cannot be written:", "Age at hire")));
	assert_true(wait_words(t, WORDS("Not signable")));
	assert_true(client_not_shown(t, "no rule stops this order"));
	press(t, "F2");
	assert_true(client_wait_message(t, "stop signing", WAIT_MS));
	assert_false(term_has_text(t, "Sign this order as"));
	assert_true(client_sql_is(f->super, "draft", "SELECT status FROM hr.hr_order WHERE id = $1",
	                          order, NULL));
	leave_from_anywhere(&t);
	sql_done(f->super, "DELETE FROM hr.hr_order WHERE id = $1 RETURNING 1", order);
	sql_done(f->super, "DELETE FROM hr.consent WHERE person_id = $1 RETURNING 1", person);
	sql_done(f->super, "DELETE FROM hr.person WHERE id = $1 RETURNING 1", person);
	free(person);
	free(order);
}

/* "Not yet available" said on Home does not stay on the register Enter opens. */
static void messages_do_not_outlive_their_screen(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");

	press(t, "Down");
	press(t, "Down"); /* Leave: not in this version */
	press(t, "Enter");
	assert_true(client_wait_message(t, "not yet available", WAIT_MS));
	press(t, "Up");
	press(t, "Up");
	assert_true(client_wait_message(t, "not yet available", WAIT_MS));
	open_register(t);
	assert_true(client_wait_message_gone(t, "not yet available", WAIT_MS));
	leave_from_anywhere(&t);
}

/*
 * ':' in the register's search opens the prompt (no name holds ':'); the
 * agency's prompt offers no screen of people, and refuses the register
 * with a sentence instead of opening it.
 */
static void jump_from_lists_and_by_login(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");
	char *typed;

	open_register(t);
	assert_true(term_send(t, ":", 1));
	assert_true(client_wait_message(t, "Go to screen (home, help, register, structure, orders)",
	                                WAIT_MS));
	typed = client_register_search(t);
	assert_non_null(typed);
	assert_string_equal(typed, "");
	free(typed);
	press(t, "Esc");
	leave_from_anywhere(&t);

	t = start_at_home(f->agency, "agency_csa", "CSA");
	assert_true(term_send(t, ":", 1));
	assert_true(client_wait_message(t, "Go to screen (home, help, structure):", WAIT_MS));
	type_text(t, "register");
	press(t, "Enter");
	assert_true(client_wait_message(t, "\"register\" is not for this kind of login.", WAIT_MS));
	assert_true(term_wait_row(t, 0, "Home", WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/*
 * Personal data of a person with an IIN: a birth date the IIN disagrees
 * with, F2: the refusal names the ID number, and BTab reaches the birth
 * date to correct it (the cursor is not held on the ID number).
 */
static void a_field_that_only_disagrees_lets_the_cursor_go(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");
	char *id = sql_ok(client_sql_value(
	        f->super,
	        "SELECT p.id FROM hr.person p JOIN hr.org o ON o.id = p.org_id AND o.code = 'MOE' "
	        " WHERE p.personal_id IS NOT NULL AND p.last_name ~ '^[A-Za-z]+$' "
	        "   AND (SELECT count(*) FROM hr.person q WHERE q.org_id = p.org_id "
	        "         AND q.last_name = p.last_name) = 1 ORDER BY p.id LIMIT 1",
	        NULL));
	char *surname = sql_ok(client_sql_value(f->super, "SELECT last_name FROM hr.person WHERE id = $1",
	                                        id, NULL));

	open_register(t);
	type_text(t, surname);
	assert_true(wait_words(t, WORDS("1 shown")));
	assert_true(term_key(t, "F9"));
	assert_true(term_key(t, "F9")); /* everyone, in case the person left */
	press(t, "Enter");
	assert_true(wait_words(t, WORDS("Service", "As of")));
	press(t, "Tab");
	press(t, "Enter"); /* the form of the personal data */
	assert_true(wait_field(t, "Surname", 0, true));
	for (int i = 0; i < 3; i++)
		press(t, "Tab");
	assert_true(wait_field(t, "Birth date", 0, true));
	for (int i = 0; i < 10; i++)
		press(t, "Backspace");
	type_text(t, "01.01.2020");
	press(t, "F2");
	assert_true(client_wait_message(t, "Personal ID:", WAIT_MS));
	assert_true(wait_field(t, "Personal ID", '!', true));
	press(t, "BTab");
	press(t, "BTab");
	assert_true(wait_field(t, "Birth date", 0, true));
	press(t, "F3");
	press(t, "F3"); /* discard */
	assert_true(wait_words(t, WORDS("Service", "As of")));
	leave_from_anywhere(&t);
	free(id);
	free(surname);
}

/*
 * Nothing is offered that would be refused: the ministry's journal has no
 * Insert; a clerk's Employment section (changed by orders only) and a past
 * view have neither Insert nor Delete; F7 from the past offers today.
 */
static void nothing_offered_that_is_refused(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->ministry, "ministry_moe", "MOE");
	char *surname, *name, *number, today[16];

	employee_with_order(f, &surname, &name, &number, NULL);
	jump(t, "orders");
	assert_true(term_wait_row(t, 0, "Personnel orders", WAIT_MS));
	assert_true(wait_words(t, WORDS(number)));
	assert_true(wait_legend(t, "Insert", false));
	press(t, "F10");
	assert_true(client_quit_from_home(t));
	term_close(&t);

	t = start_at_home(f->clerk, "clerk_moe", "MOE");
	open_register(t);
	open_file(t, surname, name);
	press(t, "Down"); /* Employment: the post and its department fit at 80 columns */
	assert_true(wait_words(t, WORDS("Pers. no", "From", "To", "Position", "Departme")));
	press(t, "Tab");
	assert_true(wait_legend(t, "Delete", false));
	assert_false(legend_has(t, "Insert"));
	press(t, "Tab");
	press(t, "Up"); /* Personal data */
	press(t, "F7");
	assert_true(wait_words(t, WORDS("Show the file as of:")));
	press(t, "C-u"); /* one key clears the day */
	assert_true(term_wait_gone(t, "Show the file as of: 0", WAIT_MS));
	type_text(t, "01.01.2024");
	press(t, "Enter");
	assert_true(wait_words(t, WORDS("(past: read only)")));
	press(t, "Down");
	press(t, "Down"); /* Education: a list, so Insert where it may be */
	press(t, "Tab");
	assert_true(wait_legend(t, "Insert", false));
	assert_false(legend_has(t, "Delete"));
	press(t, "Tab");
	press(t, "F7");
	client_day_text(0, today, sizeof today);
	assert_true(wait_words(t, WORDS("Show the file as of:", today)));
	press(t, "Enter");
	assert_true(term_wait_gone(t, "(past: read only)", WAIT_MS));
	leave_from_anywhere(&t);
	free(surname);
	free(name);
	free(number);
}

/*
 * A change to a file's personal data kept at hang-up: F6 on Home opens it
 * with the changed field marked, and F2 lands on the file, not on Home.
 */
static void resumed_form_keeps_its_marks_and_lands_on_its_file(void **state)
{
	const struct fixture *f = *state;
	char login[64], *config, *surname, *name, *number, *person;
	struct term *t;

	employee_with_order(f, &surname, &name, &number, &person);
	sql_done(f->super, "UPDATE hr.person SET phone = '' WHERE id = $1 RETURNING 1", person);
	/* A login of its own: Home offers the newest kept form of the login. */
	snprintf(login, sizeof login, "fd%ld", (long)getpid());
	config = client_devdb_clerk(login, "MOE", NULL);
	assert_non_null(config);
	t = start_at_home(config, login, "MOE");
	open_register(t);
	open_file(t, surname, name);
	press(t, "Tab");
	personal_form_at_phone(t);
	for (int i = 0; i < 20; i++)
		press(t, "Backspace");
	type_text(t, "+77010000001");
	press(t, "Tab"); /* the draft is kept when a field is left */
	assert_true(wait_field(t, "Phone", '*', false));
	/* The draft goes out without waiting: it is on the server a moment later. */
	for (int i = 0; i < 50 && !sql_says(f->super, "1",
	                                    "SELECT count(*) FROM work.draft WHERE login = $1", login);
	     i++)
		usleep(100 * 1000);
	assert_true(client_sql_is(f->super, "1", "SELECT count(*) FROM work.draft WHERE login = $1",
	                          login, NULL));
	assert_int_equal(kill(term_pid(t), SIGHUP), 0);
	assert_true(client_exit_is(t, 129));
	term_close(&t);

	t = start_at_home(config, login, "MOE");
	assert_true(wait_words(t, WORDS("Not saved:", "(F6 opens it)")));
	press(t, "F6");
	assert_true(wait_field(t, "Phone", '*', false));
	assert_true(wait_field(t, "Surname", ' ', false));
	press(t, "F2");
	assert_true(client_wait_message(t, "Saved.", WAIT_MS));
	assert_true(wait_words(t, WORDS("Service", "As of")));
	assert_true(wait_words(t, WORDS(name)));
	assert_true(client_sql_is(f->super, "+77010000001",
	                          "SELECT phone FROM hr.person WHERE id = $1", person, NULL));
	leave_from_anywhere(&t);
	free(config);
	free(person);
	free(surname);
	free(name);
	free(number);
}

/*
 * Work is not thrown away by leaving: F3 on a staffing table with a staged
 * change asks first (and the second F3 leaves); C-q in a half-typed form
 * keeps it as a draft, as a hang-up does.
 */
static void leaving_keeps_or_asks_about_work(void **state)
{
	const struct fixture *f = *state;
	char login[64], *config, *surname, *name, *number, *person;
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");

	jump(t, "structure");
	assert_true(wait_words(t, WORDS("departments as of")));
	press(t, "F9");
	assert_true(wait_words(t, WORDS("staffing table as of")));
	assert_true(wait_words(t, WORDS("Total of"))); /* the rows are in */
	press(t, "Delete");
	assert_true(client_wait_message(t, "Staged.", WAIT_MS));
	press(t, "F3");
	assert_true(client_wait_message(t, "1 change is staged, not applied", WAIT_MS));
	assert_true(term_wait_row(t, 0, "Staffing table", WAIT_MS));
	press(t, "F3");
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	leave_from_anywhere(&t);

	employee_with_order(f, &surname, &name, &number, &person);
	snprintf(login, sizeof login, "fq%ld", (long)getpid());
	config = client_devdb_clerk(login, "MOE", NULL);
	assert_non_null(config);
	t = start_at_home(config, login, "MOE");
	open_register(t);
	open_file(t, surname, name);
	press(t, "Tab");
	personal_form_at_phone(t);
	for (int i = 0; i < 20; i++)
		press(t, "Backspace");
	type_text(t, "+77010000002"); /* the field is not left */
	assert_true(client_wait_field(t, "Phone", "+77010000002", 0, true, WAIT_MS));
	press(t, "C-q");
	assert_true(client_exit_is(t, 0));
	term_close(&t);
	assert_true(client_sql_is(f->super, "+77010000002",
	                          "SELECT payload ->> 'phone' FROM work.draft WHERE login = $1", login,
	                          NULL));
	free(config);
	free(person);
	free(surname);
	free(name);
	free(number);
}

/*
 * The register finds people as clerks look for them: digits alone find a
 * personnel number by its end ("0011" finds MOE-0011), and someone
 * registered but not hired yet is in the default (current) list, saying so.
 */
static void the_register_finds_as_clerks_type(void **state)
{
	const struct fixture *f = *state;
	char surname[64], tag[16], digits[16], *number, *person;
	struct term *t;

	number = sql_ok(client_sql_value(
	        f->super,
	        "SELECT e.personnel_no FROM hr.employment e JOIN hr.org o ON o.id = e.org_id "
	        " WHERE o.code = 'MOE' AND e.end_date IS NULL AND e.personnel_no ~ '-[0-9]{4}$' "
	        "   AND (SELECT count(*) FROM hr.employment x WHERE x.org_id = e.org_id "
	        "         AND right(x.personnel_no, 4) = right(e.personnel_no, 4)) = 1 "
	        " ORDER BY e.personnel_no LIMIT 1",
	        NULL));
	snprintf(digits, sizeof digits, "%s", number + strlen(number) - 4);
	client_run_tag(tag, 8);
	snprintf(surname, sizeof surname, "Newhire%s", tag);
	person = sql_ok(client_sql_value(
	        f->super,
	        "INSERT INTO hr.person (org_id, last_name, first_name, middle_name, birth_date, "
	        "       gender) SELECT id, $1, 'Zara', '', '1990-05-05', 'F' FROM hr.org "
	        " WHERE code = 'MOE' RETURNING id",
	        surname, NULL));

	t = start_at_home(f->clerk, "clerk_moe", "MOE");
	open_register(t);
	type_text(t, digits);
	assert_true(wait_words(t, WORDS(">", number)));
	assert_true(wait_words(t, WORDS("1 shown")));
	assert_true(client_backspaces(t, 4));
	assert_true(client_wait_register_answered(t, WAIT_MS));
	type_text(t, surname);
	assert_true(wait_words(t, WORDS(">", surname, "(not hired yet)")));
	assert_true(wait_words(t, WORDS("current, as of")));
	press(t, "F3");
	assert_true(wait_words(t, personnel_selected));
	assert_true(client_quit_from_home(t));
	term_close(&t);
	sql_done(f->super, "DELETE FROM hr.person WHERE id = $1 RETURNING 1", person);
	free(person);
	free(number);
}

/*
 * Someone else saves a field the clerk did not touch while the clerk edits
 * another: F2 joins the two, field by field, and saves without asking (no
 * conflict screen, and their e-mail is not put back by the clerk's save).
 */
static void conflicts_are_by_field(void **state)
{
	const struct fixture *f = *state;
	PGconn *head = client_connect_login("head_moe");
	char surname[64], tag[16], name[96], *person;
	struct term *t;

	assert_non_null(head);
	client_run_tag(tag, 8);
	snprintf(surname, sizeof surname, "Joinova%s", tag);
	snprintf(name, sizeof name, "%s Aliya", surname);
	person = sql_ok(client_sql_value(
	        f->super,
	        "INSERT INTO hr.person (org_id, last_name, first_name, middle_name, birth_date, "
	        "       gender) SELECT id, $1, 'Aliya', '', '1991-04-04', 'F' FROM hr.org "
	        " WHERE code = 'MOE' RETURNING id",
	        surname, NULL));
	t = start_at_home(f->clerk, "clerk_moe", "MOE");
	open_register(t);
	open_file(t, surname, name);
	press(t, "Tab");
	personal_form_at_phone(t);
	type_text(t, "+77010000003");
	assert_true(client_sql_is(head, "2",
	                          "UPDATE hr.person SET email = 'theirs@example.kz', "
	                          "       version = version + 1 WHERE id = $1 RETURNING version",
	                          person, NULL));
	press(t, "F2");
	assert_true(client_wait_message(t, "Saved, with the fields someone else saved meanwhile.",
	                                WAIT_MS));
	assert_true(wait_words(t, WORDS("Service", "As of")));
	assert_false(term_has_text(t, "Saved by someone else meanwhile"));
	assert_true(client_sql_is(f->super, "+77010000003|theirs@example.kz|3",
	                          "SELECT phone || '|' || email || '|' || version FROM hr.person "
	                          " WHERE id = $1",
	                          person, NULL));

	/* The same field changed by both: the choice, whose sentence is wider
	 * than the line and opens in full on F8.  (The focus is still on the
	 * personal data.) */
	personal_form_at_phone(t);
	press(t, "C-u");
	type_text(t, "+77010000004");
	assert_true(client_sql_is(head, "4",
	                          "UPDATE hr.person SET phone = '+77019999999', "
	                          "       version = version + 1 WHERE id = $1 RETURNING version",
	                          person, NULL));
	press(t, "F2");
	assert_true(wait_words(t, WORDS("#", "Phone", "+77010000004", "+77019999999")));
	assert_true(client_not_shown(t, "the rest is joined."));
	press(t, "F8");
	assert_true(wait_words(t, WORDS("The message in full")));
	assert_true(wait_words(t, WORDS("the rest is joined.")));
	press(t, "F5"); /* theirs */
	assert_true(client_wait_message(t, "Their version is loaded", WAIT_MS));
	press(t, "F3");
	leave_from_anywhere(&t);
	PQfinish(head);
	free(person);
}

/*
 * F9 on a department opens the staffing table of that department and the
 * ones below it, not the whole organisation; F4 shows the whole, and back.
 */
static void staffing_opens_on_its_department(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->clerk, "clerk_moe", "MOE");

	jump(t, "structure");
	assert_true(wait_words(t, WORDS("FIN  Finance")));
	press(t, "Down"); /* Finance */
	assert_true(wait_words(t, WORDS(">", "FIN  Finance")));
	press(t, "F9");
	assert_true(term_wait_row(t, 1, "FIN  Finance and below: staffing table as of", WAIT_MS));
	assert_true(wait_words(t, WORDS("Total of Finance")));
	assert_true(client_not_shown(t, "Total of Administration"));
	assert_true(client_not_shown(t, "Total of MOE"));
	press(t, "F4");
	assert_true(term_wait_row(t, 1, "MOE  Ministry of Environment: staffing table", WAIT_MS));
	assert_true(wait_words(t, WORDS("Total of Administration")));
	press(t, "F4");
	assert_true(term_wait_row(t, 1, "FIN  Finance and below", WAIT_MS));
	leave_from_anywhere(&t);
}

/*
 * The agency sees on Home what the README says it sees: the structure, with
 * the staffing totals of every organisation, read only; the table position
 * by position stays the organisations' own.
 */
static void the_agency_sees_the_structure_and_its_totals(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f->agency, "agency_csa", "CSA");
	char *moe = sql_ok(client_sql_value(
	        f->super,
	        "SELECT (SELECT coalesce(sum(v.rates), 0)::numeric(12,2) FROM hr.position_version v "
	        "         WHERE v.org_id = o.id AND v.valid @> current_date) || ' ' || "
	        "       (SELECT coalesce(sum(a.rate), 0)::numeric(12,2) FROM hr.assignment a "
	        "         WHERE a.org_id = o.id AND a.during @> current_date) "
	        "  FROM hr.org o WHERE o.code = 'MOE'",
	        NULL));
	char rates[32], filled[32];

	assert_int_equal(sscanf(moe, "%31s %31s", rates, filled), 2);
	assert_true(wait_words(t, WORDS("Structure and staffing", "departments, positions")));
	assert_true(client_not_shown(t, "Structure and staffing   (not for"));
	for (int i = 0; i < 4; i++)
		press(t, "Down");
	assert_true(wait_words(t, WORDS(">", "Structure and staffing")));
	press(t, "Enter");
	assert_true(term_wait_row(t, 0, "Structure and staffing", WAIT_MS));
	assert_true(wait_words(t, WORDS("MOE  Ministry of Environment", rates, filled)));
	assert_true(wait_words(t, WORDS("CSA  Civil Service Agency")));
	assert_true(wait_legend(t, "Staff", false));
	press(t, "Enter"); /* CSA's departments */
	assert_true(wait_words(t, WORDS("departments as of", "(read only)")));
	press(t, "F9");
	assert_true(client_wait_message(t, "The agency sees each organisation's totals", WAIT_MS));
	assert_false(legend_has(t, "Reorg"));
	press(t, "F10");
	assert_true(client_quit_from_home(t));
	term_close(&t);
	free(moe);
}

/*
 * A signed award for a MOE employee whose surname nobody else in MOE has,
 * keyed by the clerk and signed by the head (the test cluster has no
 * orders of its own); false after printing why.
 */
static bool sign_an_order(void)
{
	PGconn *clerk = client_connect_login("clerk_moe"), *head = client_connect_login("head_moe");
	char award[64], *order = NULL, *number = NULL;
	bool ok = false;

	snprintf(award, sizeof award, "Certificate of honour %ld", (long)getpid());
	if (clerk == NULL || head == NULL)
		goto out;
	order = client_sql_value(
	        clerk,
	        "INSERT INTO hr.hr_order (org_id, kind, register_id, basis, request_id) "
	        "SELECT r.org_id, 'award', r.id, 'Proposal of the department', gen_random_uuid() "
	        "  FROM hr.order_register r JOIN hr.org o ON o.id = r.org_id "
	        " WHERE o.code = 'MOE' AND r.code = 'P' RETURNING id",
	        NULL);
	if (order == NULL || order[0] == '\0' ||
	    !client_sql_is(clerk, "1",
	                   "WITH p AS (SELECT e.person_id FROM hr.employment e "
	                   "   JOIN hr.person x ON x.id = e.person_id "
	                   "  WHERE e.org_id = (SELECT org_id FROM hr.hr_order WHERE id = $1::bigint) "
	                   "    AND e.end_date IS NULL AND x.last_name ~ '^[A-Za-z]+$' "
	                   "    AND (SELECT count(*) FROM hr.person q WHERE q.org_id = x.org_id "
	                   "          AND q.last_name = x.last_name) = 1 "
	                   "  ORDER BY e.person_id LIMIT 1), "
	                   "l AS (INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, "
	                   "             effective, award) "
	                   "    SELECT h.org_id, h.id, 1, p.person_id, current_date, $2 "
	                   "      FROM hr.hr_order h, p WHERE h.id = $1::bigint RETURNING 1) "
	                   "SELECT count(*) FROM l",
	                   order, award, NULL))
		goto out;
	number = client_sql_value(head,
	                          "SELECT number_text FROM hr.order_sign($1::bigint, "
	                          "       (SELECT version FROM hr.hr_order WHERE id = $1::bigint))",
	                          order, NULL);
	ok = number != NULL && number[0] != '\0';
out:
	free(order);
	free(number);
	if (clerk)
		PQfinish(clerk);
	if (head)
		PQfinish(head);
	return ok;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || !client_environment_ready())
		return -1;
	f->super = client_connect_superuser();
	f->clerk = client_devdb_conf("clerk_moe");
	f->head = client_devdb_conf("head_moe");
	f->ministry = client_devdb_conf("ministry_moe");
	f->agency = client_devdb_conf("agency_csa");
	if (f->super == NULL || f->clerk == NULL || f->head == NULL || f->ministry == NULL ||
	    f->agency == NULL)
		return -1;
	if (!sign_an_order())
		return -1;
	/* Home says so when a login has a kept form; these tests' sentences
	 * on Home are not to be raced by that one. */
	free(client_sql_value(f->super, "DELETE FROM work.draft WHERE login = 'clerk_moe'", NULL));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	if (f->super)
		PQfinish(f->super);
	free(f->clerk);
	free(f->head);
	free(f->ministry);
	free(f->agency);
	free(f);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(f10_from_inside_a_file_keeps_the_connection),
		cmocka_unit_test(check_is_never_all_clear_over_what_cannot_be_written),
		cmocka_unit_test(messages_do_not_outlive_their_screen),
		cmocka_unit_test(jump_from_lists_and_by_login),
		cmocka_unit_test(a_field_that_only_disagrees_lets_the_cursor_go),
		cmocka_unit_test(nothing_offered_that_is_refused),
		cmocka_unit_test(resumed_form_keeps_its_marks_and_lands_on_its_file),
		cmocka_unit_test(leaving_keeps_or_asks_about_work),
		cmocka_unit_test(the_register_finds_as_clerks_type),
		cmocka_unit_test(conflicts_are_by_field),
		cmocka_unit_test(staffing_opens_on_its_department),
		cmocka_unit_test(the_agency_sees_the_structure_and_its_totals),
	};

	if (getenv("FD_ONLY"))
		cmocka_set_test_filter(getenv("FD_ONLY"));
	return cmocka_run_group_tests_name("a clerk's first day", tests, setup, teardown);
}
