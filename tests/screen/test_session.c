/*
 * test_session.c - a clerk's session from the command line to the last key.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL that
 * tests/run.sh prepares (HRMIS_ROOT, HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT) and
 * checks: the masked password prompt of a two-factor login, Esc + digit as
 * a function key, the ':' jump prompt, losing the server connection and
 * getting it back with F5, the monochrome theme, an unknown TERM, command
 * line and settings errors, and Help scrolling through the keys of the
 * screen it was opened from.
 *
 * Tests that need a login of their own create one with a unique name, so
 * they can run in any order on the cluster the other tests share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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
	COMMAND_BYTES = 4096,
};

static const char PASSWORD[] = "Secret-pass-42";

struct fixture {
	char *dir;    /* temporary directory for config files written here */
	char *config; /* clerk_moe, as devdb.sh writes it */
};

/* ---- logins */

/* A login name no other test or run has used: prefix, pid, clock, counter. */
static void unique_login(const char *prefix, char *name, size_t size)
{
	static unsigned counter;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(name, size, "%s_%ld_%ld_%u", prefix, (long)getpid(), (long)(now.tv_sec % 1000000),
	         counter++);
}

/*
 * Create a clerk of MWA named login (with PASSWORD as second factor if
 * with_password), issue its certificate and write its client config.
 * Returns the config's path (malloc'd).
 */
static char *create_clerk(const char *login, bool with_password)
{
	char *config = client_devdb_clerk(login, "MWA", with_password ? PASSWORD : NULL);

	assert_non_null(config);
	return config;
}

/* ---- fixture */

/* Write text to dir/name; returns the path (malloc'd). */
static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = client_path_in(dir, name);
	FILE *out = fopen(path, "w");

	assert_non_null(out);
	assert_true(fputs(text, out) >= 0);
	assert_int_equal(fclose(out), 0);
	return path;
}

/* The whole of a small file as a malloc'd string. */
static char *read_whole(const char *path)
{
	FILE *in = fopen(path, "r");
	char *text = calloc(1, COMMAND_BYTES);
	size_t n;

	assert_non_null(in);
	assert_non_null(text);
	n = fread(text, 1, COMMAND_BYTES - 1, in);
	assert_true(n > 0 && n < COMMAND_BYTES - 1);
	fclose(in);
	return text;
}

static int setup(void **state)
{
	if (!client_environment_ready())
		return -1;
	struct fixture *f = calloc(1, sizeof *f);

	f->dir = term_tmpdir_create();
	f->config = client_devdb_conf("clerk_moe");
	if (!f->dir || !f->config) {
		free(f->config);
		term_tmpdir_remove(&f->dir);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->config);
	term_tmpdir_remove(&f->dir);
	free(f);
	return 0;
}

/* ---- helpers */

/* The client with config and env on cols x rows; the test fails if it cannot start. */
static struct term *spawn_client(const char *config, int cols, int rows, const char *const env[])
{
	struct term *t = client_spawn(config, cols, rows, env);

	assert_non_null(t);
	return t;
}

struct row_words_arg {
	int row;
	const char *const *words;
};

static bool row_words_pred(struct term *t, void *arg)
{
	const struct row_words_arg *r = arg;

	return client_row_has_words(t, r->row, r->words);
}

/* Wait until row contains every string of words (NULL-terminated). */
static bool wait_row_words(struct term *t, int row, const char *const words[], int timeout_ms)
{
	struct row_words_arg arg = { row, words };
	char what[256];
	size_t len = (size_t)snprintf(what, sizeof what, "row %d with", row);

	for (size_t i = 0; words[i] && len < sizeof what; i++)
		len += (size_t)snprintf(what + len, sizeof what - len, " \"%s\"", words[i]);
	return term_wait_until(t, row_words_pred, &arg, what, timeout_ms);
}

/* Wait for Home showing login and org_code (and server in the Server: row if not NULL). */
static bool wait_home_of(struct term *t, const char *login, const char *org_code,
                         const char *server, int timeout_ms)
{
	const char *const server_row[] = { "Server:", server, NULL };
	char what[256];

	snprintf(what, sizeof what,
	         "Home (title \"Home\"; Login: %s; Organisation: %s; Server: %s)", login, org_code,
	         server ? server : "any");
	return client_wait_home(t, login, org_code, server ? server_row : NULL, what, timeout_ms);
}

static bool wait_home(struct term *t, int timeout_ms)
{
	return wait_home_of(t, "clerk_moe", "MOE", NULL, timeout_ms);
}

static bool help_pred(struct term *t, void *arg)
{
	const char *const title[] = { "Help", NULL };

	(void)arg;
	return client_row_has_words(t, 0, title) && term_has_text(t, "Keys on every screen");
}

static bool wait_help(struct term *t, int timeout_ms)
{
	return term_wait_until(t, help_pred, NULL,
	                       "Help (title \"Help\" and the heading \"Keys on every screen\")",
	                       timeout_ms);
}

/*
 * Stars shown in the password field: -1 without a "Password:" row, -2 if
 * anything but stars and blanks follows the label.
 */
static int password_stars(struct term *t)
{
	int row = term_find_row(t, "Password:", 0);

	if (row < 0)
		return -1;
	char *text = term_row_text(t, row);
	int stars = 0;
	for (const char *p = strstr(text, "Password:") + strlen("Password:"); *p; p++) {
		if (*p == '*')
			stars++;
		else if (*p != ' ')
			stars = -2;
		if (stars < 0)
			break;
	}
	free(text);
	return stars;
}

static bool stars_pred(struct term *t, void *arg)
{
	return password_stars(t) == *(const int *)arg;
}

/* Wait until the "Password:" row shows exactly stars stars and nothing else. */
static bool wait_stars(struct term *t, int stars, int timeout_ms)
{
	char what[128];

	snprintf(what, sizeof what, "\"Password:\" followed by exactly %d '*' and nothing else",
	         stars);
	return term_wait_until(t, stars_pred, &stars, what, timeout_ms);
}

static bool wrong_password_pred(struct term *t, void *arg)
{
	(void)arg;
	return password_stars(t) == 0 && client_message_has(t, "The password is wrong or missing.");
}

/*
 * Wait for the prompt after a refused password: empty field and the
 * sentence on the message line in the same frame.  (The sentence is there
 * before the first attempt too, but then the field is not empty, and the
 * frame in between has neither.)
 */
static bool wait_wrong_password(struct term *t, int timeout_ms)
{
	return term_wait_until(
	        t, wrong_password_pred, NULL,
	        "empty \"Password:\" field and \"The password is wrong or missing.\" "
	        "on the message line",
	        timeout_ms);
}

/* None of the NULL-terminated texts is anywhere on the screen. */
static void assert_nowhere(struct term *t, const char *const texts[])
{
	for (size_t i = 0; texts[i]; i++) {
		if (term_has_text(t, texts[i])) {
			fprintf(stderr, "\"%s\" is on the screen:\n", texts[i]);
			term_dump(t, stderr);
			fail();
		}
	}
}

/*
 * Run hrmis with args (NULL-terminated, after the program name) on a
 * 160x40 pty, wait for it to exit with code, and check it never entered
 * the alternate screen.  Returns the term for reading what it printed.
 */
static struct term *run_expecting(const char *const args[], const char *const env[], int code)
{
	const char *argv[8] = { getenv("HRMIS_BIN") };
	size_t n = 1;

	for (size_t i = 0; args[i] && n < 7; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct term *t = term_spawn(argv, 160, 40, env);
	assert_non_null(t);
	assert_true(client_exit_is(t, code));
	assert_int_equal(term_altscreen_entered(t), 0);
	return t;
}

/* The program printed text (on some row) and exited as run_expecting checked. */
static void assert_printed(struct term *t, const char *text)
{
	if (!term_has_text(t, text)) {
		fprintf(stderr, "expected \"%s\" in the output:\n", text);
		term_dump(t, stderr);
		fail();
	}
}

/* ---- tests */

/*
 * A two-factor login: the password field shows one star per character
 * (also for a Cyrillic one) and never the text; Backspace removes one
 * star; a wrong password is named and the prompt comes back empty; the
 * right one reaches Home.
 */
static void test_two_factor_masked_password(void **state)
{
	static const char *const secret_texts[] = { "Wx7", "x7", "ж", "Secret", "pass-42", NULL };
	char login[64];

	(void)state;
	unique_login("clerk_2fa", login, sizeof login);
	char *config = create_clerk(login, true);
	struct term *t = spawn_client(config, 80, 24, NULL);

	assert_true(wait_stars(t, 0, CONNECT_MS));
	assert_true(term_type(t, "Wx7"));
	assert_true(wait_stars(t, 3, WAIT_MS));
	assert_nowhere(t, secret_texts);
	assert_true(term_type(t, "ж"));
	assert_true(wait_stars(t, 4, WAIT_MS));
	assert_nowhere(t, secret_texts);
	assert_true(term_key(t, "Backspace"));
	assert_true(wait_stars(t, 3, WAIT_MS));
	assert_nowhere(t, secret_texts);

	/* "Wx7" is wrong: the sentence on the message line and an empty prompt again. */
	assert_true(term_key(t, "Enter"));
	assert_true(wait_wrong_password(t, CONNECT_MS));

	assert_true(term_type(t, PASSWORD));
	assert_true(wait_stars(t, (int)strlen(PASSWORD), WAIT_MS));
	assert_nowhere(t, secret_texts);
	assert_true(term_key(t, "Enter"));
	assert_true(wait_home_of(t, login, "MWA", "TLSv1.3", CONNECT_MS));
	assert_true(term_wait_gone(t, "Password:", WAIT_MS));
	assert_nowhere(t, secret_texts);
	assert_true(client_quit_from_home(t));
	term_close(&t);
	free(config);
}

/* Esc then a digit is that function key, in one write or in two. */
static void test_esc_digit_is_function_key(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24, NULL);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_send(t,
	                      "\x1b"
	                      "1",
	                      2)); /* F1: Help */
	assert_true(wait_help(t, WAIT_MS));
	assert_true(term_send(t,
	                      "\x1b"
	                      "3",
	                      2)); /* F3: back */
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_wait_gone(t, "Keys on every screen", WAIT_MS));

	assert_true(term_send(t, "\x1b", 1));
	assert_true(term_send(t, "1", 1));
	assert_true(wait_help(t, WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/* ':' opens "Go to screen": a known code opens it, an unknown one is named, Backspace closes. */
static void test_jump_prompt(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24, NULL);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_type(t, ":"));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	assert_true(term_type(t, "help"));
	/* The codes offered are the screens that open on their own, from the registry. */
	assert_true(client_wait_message(
	        t, "Go to screen (home, help, register, structure, orders): help", WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_help(t, WAIT_MS));
	assert_true(client_wait_message_gone(t, "Go to screen", WAIT_MS));

	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_type(t, ":"));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	assert_true(term_type(t, "nosuch"));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "No screen has the code \"nosuch\"", WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));

	/* A file needs a person: it is no code of its own (it opened with no
	 * person and crashed). */
	assert_true(term_type(t, ":"));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	assert_true(term_type(t, "profile"));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "No screen has the code \"profile\"", WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));

	assert_true(term_type(t, ":"));
	assert_true(client_wait_message(t, "Go to screen", WAIT_MS));
	assert_true(term_key(t, "Backspace"));
	assert_true(client_wait_message_gone(t, "Go to screen", WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/*
 * The server ends the session (an administrator terminates the backend):
 * the client says so and shows "not connected"; F5 reconnects over TLS
 * and the program keeps running until F3.
 */
static void test_lost_connection_and_reconnect(void **state)
{
	static const char lost[] = "The connection to the database was lost.";
	char login[64], sql[512];

	(void)state;
	unique_login("clerk_lost", login, sizeof login);
	char *config = create_clerk(login, false);
	struct term *t = spawn_client(config, 80, 24, NULL);

	assert_true(wait_home_of(t, login, "MWA", "TLSv1.3", CONNECT_MS));
	assert_false(client_message_has(t, lost));
	/* In the select list, so that only this login's backend is terminated. */
	snprintf(sql, sizeof sql,
	         "SELECT string_agg(pg_terminate_backend(pid)::text, ',') FROM pg_stat_activity "
	         "WHERE usename = '%s'",
	         login);
	PGconn *super = client_connect_superuser();
	assert_non_null(super);
	char *terminated = client_sql_value(super, sql, NULL);
	PQfinish(super);
	assert_non_null(terminated);
	assert_string_equal(terminated, "true");
	free(terminated);

	assert_true(client_wait_message(t, lost, WAIT_MS));
	assert_true(wait_home_of(t, login, "MWA", "not connected", WAIT_MS));
	assert_int_equal(term_find_row(t, "TLSv1.3", 0), -1);

	assert_true(term_key(t, "F5"));
	assert_true(wait_home_of(t, login, "MWA", "TLSv1.3", CONNECT_MS));
	assert_true(client_wait_message_gone(t, lost, WAIT_MS));
	assert_int_equal(term_find_row(t, "not connected", 0), -1);
	assert_true(client_quit_from_home(t));
	term_close(&t);
	free(config);
}

/* The cells of row from col on, up to its last non-blank character, are all reverse. */
static bool row_reverse_from(struct term *t, int row, int from_col, int to_col)
{
	struct term_cell cell;

	for (int col = from_col; col < to_col; col++)
		if (!term_cell_at(t, row, col, &cell) || !cell.reverse)
			return false;
	return true;
}

/* Row whose text starts (after blanks) with '>', and that column; -1 if none or several. */
static int selected_row(struct term *t, int *marker_col)
{
	int found = -1;

	for (int row = 1; row < client_rows(t) - 2; row++) {
		char *text = term_row_text(t, row);
		size_t lead = strspn(text, " ");

		if (text[lead] == '>') {
			if (found >= 0) {
				free(text);
				return -1;
			}
			found = row;
			*marker_col = (int)lead;
		}
		free(text);
	}
	return found;
}

struct monochrome_arg {
	int want_row;        /* row the '>' marker must be on, or -1 for any */
	int row, marker_col; /* where it was found */
};

/*
 * The title row is reverse video across the screen, one body row starts
 * with '>' (on want_row if given) and is reverse video from the marker to
 * its last character, and the marker column of every other body row is not.
 */
static bool monochrome_pred(struct term *t, void *arg)
{
	struct monochrome_arg *m = arg;
	int cols;

	term_size(t, &cols, NULL);
	m->row = selected_row(t, &m->marker_col);
	if (m->row < 0 || (m->want_row >= 0 && m->row != m->want_row) ||
	    !row_reverse_from(t, 0, 0, cols))
		return false;
	char *text = term_row_text(t, m->row);
	int end = (int)strlen(text); /* ASCII menu labels: bytes are columns */
	free(text);
	if (end < m->marker_col + 3 || !row_reverse_from(t, m->row, m->marker_col, end))
		return false;
	for (int row = 1; row < client_rows(t) - 2; row++)
		if (row != m->row && row_reverse_from(t, row, m->marker_col, m->marker_col + 1))
			return false;
	return true;
}

/* NO_COLOR: the title row and the selected menu row are reverse video, marked '>' too. */
static void test_monochrome_reverse(void **state)
{
	const struct fixture *f = *state;
	const char *const env[] = { "NO_COLOR=1", NULL };
	struct term *t = spawn_client(f->config, 80, 24, env);
	struct monochrome_arg mono = { .want_row = -1 };

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_wait_until(t, monochrome_pred, &mono,
	                            "title row reverse; one '>' menu row, reverse, and no other",
	                            WAIT_MS));
	/* Moving the selection moves the marker and the reverse video with it. */
	mono.want_row = mono.row + 1;
	assert_true(term_key(t, "Down"));
	assert_true(term_wait_until(
	        t, monochrome_pred, &mono,
	        "title row reverse; the '>' menu row one lower, reverse, and no other", WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/*
 * The agency (statistics only) is not offered the personnel file or the
 * orders: the menu says so and Enter on them opens nothing; the structure,
 * with each organisation's totals, is offered.
 */
static void test_modules_follow_the_kind_of_login(void **state)
{
	(void)state;
	char *config = client_devdb_conf("agency_csa");
	struct term *t;

	assert_non_null(config);
	t = client_spawn(config, 80, 24, NULL);
	assert_non_null(t);
	assert_true(client_wait_home(t, "agency_csa", "CSA", NULL, "Home of the agency", 10000));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "Personnel file", "(not for this kind of login)", NULL },
	        5000));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "Personnel orders", "(not for this kind of login)", NULL },
	        5000));
	assert_true(client_wait_body_row(
	        t,
	        (const char *const[]){ "Structure and staffing", "departments, positions", NULL },
	        5000));
	assert_true(client_wait_body_row(
	        t, (const char *const[]){ "Help", "the keys and what they do", NULL }, 5000));
	/* The first row is the personnel file: Enter keeps Home and says why. */
	assert_true(term_key(t, "Home"));
	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_message(t, "This module is not for this kind of login.", 5000));
	assert_true(term_wait_row(t, 0, "Home", 5000));
	assert_true(client_quit_from_home(t));
	term_close(&t);
	free(config);
}

/* An unknown TERM: one line saying so, exit status 2, the screen never taken over. */
static void test_unknown_terminal_type(void **state)
{
	const struct fixture *f = *state;
	const char *const args[] = { "--config", f->config, NULL };
	const char *const env[] = { "TERM=xterm-does-not-exist", NULL };
	struct term *t = run_expecting(args, env, 2);

	assert_printed(t, "terminal type is not known");
	assert_true(term_tty_sane(t));
	term_close(&t);
}

/* --version, --help, a bad option and three kinds of bad settings, before any screen. */
static void test_command_line_and_settings_errors(void **state)
{
	const struct fixture *f = *state;
	struct term *t;

	t = run_expecting((const char *const[]){ "--version", NULL }, NULL, 0);
	assert_printed(t, "hrmis 0.1.0");
	term_close(&t);

	t = run_expecting((const char *const[]){ "--help", NULL }, NULL, 0);
	assert_printed(t, "database.host");
	term_close(&t);

	t = run_expecting((const char *const[]){ "--no-such-option", NULL }, NULL, 2);
	term_close(&t);

	char *syntax = write_file(f->dir, "syntax.conf",
	                          "# hrmis settings\n"
	                          "database = {\n"
	                          "  port = = 5432;\n"
	                          "};\n");
	char expected[COMMAND_BYTES];
	snprintf(expected, sizeof expected, "%s:3:", syntax);
	t = run_expecting((const char *const[]){ "--config", syntax, NULL }, NULL, 2);
	assert_printed(t, expected);
	term_close(&t);
	free(syntax);

	char *weak = write_file(f->dir, "weak.conf", "database = { sslmode = \"require\"; };\n");
	t = run_expecting((const char *const[]){ "--config", weak, NULL }, NULL, 2);
	assert_printed(t, "verify-full");
	term_close(&t);
	free(weak);

	/* An unknown action on line 1, the rest a working config. */
	char *good = read_whole(f->config);
	char *text = malloc(strlen(good) + 64);
	assert_non_null(text);
	sprintf(text, "keys = { global = { fly = \"F2\"; }; };\n%s", good);
	char *fly = write_file(f->dir, "fly.conf", text);
	free(text);
	free(good);
	snprintf(expected, sizeof expected, "%s:1:", fly);
	t = run_expecting((const char *const[]){ "--config", fly, NULL }, NULL, 2);
	assert_printed(t, expected);
	assert_printed(t, "unknown action \"fly\"");
	term_close(&t);
	free(fly);
}

/*
 * F1 on Home: the Home keys first (quit on F3), then the keys of every
 * screen; on 80x24 the list is longer than the body, and PgDn, PgUp, Down
 * and End scroll it down to its last line.
 */
static void test_help_follows_screen_and_scrolls(void **state)
{
	const struct fixture *f = *state;
	static const char heading[] = "Keys of the Home screen", last[] = "Keys can be changed";
	struct term *t = spawn_client(f->config, 80, 24, NULL);
	const int body_last = 21; /* rows 1..21 between the title and the message line */

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_key(t, "F1"));
	assert_true(wait_help(t, WAIT_MS));
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(wait_row_words(t, 2, (const char *const[]){ "F3", "quit", NULL }, WAIT_MS));
	assert_false(term_has_text(t, last));

	assert_true(term_key(t, "PgDn"));
	assert_true(term_wait_text(t, last, WAIT_MS));
	assert_true(term_wait_gone(t, heading, WAIT_MS));
	assert_true(term_key(t, "PgUp"));
	assert_true(term_wait_row(t, 1, heading, WAIT_MS));
	assert_true(term_wait_gone(t, last, WAIT_MS));
	assert_true(term_key(t, "Down"));
	assert_true(term_wait_gone(t, heading, WAIT_MS));
	assert_true(term_wait_row(t, 1, "F3", WAIT_MS));
	assert_false(term_has_text(t, last));
	assert_true(term_key(t, "End"));
	assert_true(term_wait_row(t, body_last, last, WAIT_MS));
	assert_true(wait_help(t, WAIT_MS));

	/* No error on the message line, and the program is still answering. */
	char *message = term_row_text(t, 22);
	assert_string_equal(message, "");
	free(message);
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	/*
	 * ncurses scrolled Help with DECSC while the cursor was hidden; some
	 * terminals (libvterm here) restore that hidden state when the
	 * alternate screen is left, so the client shows the cursor once more
	 * after endwin().  The terminal must be fully restored.
	 */
	assert_true(client_quit_from_home(t));
	assert_true(term_tty_sane(t));
	term_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_factor_masked_password),
		cmocka_unit_test(test_esc_digit_is_function_key),
		cmocka_unit_test(test_jump_prompt),
		cmocka_unit_test(test_lost_connection_and_reconnect),
		cmocka_unit_test(test_monochrome_reverse),
		cmocka_unit_test(test_unknown_terminal_type),
		cmocka_unit_test(test_command_line_and_settings_errors),
		cmocka_unit_test(test_help_follows_screen_and_scrolls),
		cmocka_unit_test(test_modules_follow_the_kind_of_login),
	};

	return cmocka_run_group_tests_name("client session", tests, setup, teardown);
}
