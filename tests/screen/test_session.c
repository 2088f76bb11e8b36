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

#include "harness.h"

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = 5000,
	COMMAND_BYTES = 4096,
};

static const char PASSWORD[] = "Secret-pass-42";

struct fixture {
	const char *bin;
	const char *root;
	char *dir;    /* temporary directory for config files written here */
	char *config; /* clerk_moe, as devdb.sh writes it */
};

/* ---- running devdb.sh and psql */

/*
 * Run command with sh; returns its first output line (newline removed) as
 * a malloc'd string, or NULL after printing why if it fails or prints nothing.
 */
static char *shell_line(const char *command)
{
	char line[COMMAND_BYTES];
	FILE *pipe = popen(command, "r");

	if (!pipe) {
		perror("popen");
		return NULL;
	}
	char *first = fgets(line, sizeof line, pipe) ? strdup(line) : NULL;
	while (fgets(line, sizeof line, pipe))
		; /* read the rest so the command never blocks on a full pipe */
	int status = pclose(pipe);
	if (!first || status != 0) {
		fprintf(stderr, "`%s` failed (status %d)\n", command, status);
		free(first);
		return NULL;
	}
	first[strcspn(first, "\n")] = '\0';
	return first;
}

/* Path printed by `devdb.sh conf LOGIN`; malloc'd, or NULL after printing why. */
static char *devdb_conf(const char *root, const char *login)
{
	char command[COMMAND_BYTES];

	snprintf(command, sizeof command, "sh '%s/scripts/devdb.sh' conf %s </dev/null", root,
	         login);
	return shell_line(command);
}

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
static char *create_clerk(const struct fixture *f, const char *login, bool with_password)
{
	char command[COMMAND_BYTES], feed[64] = "";

	if (with_password)
		snprintf(feed, sizeof feed, "echo '%s' |", PASSWORD);
	snprintf(command, sizeof command,
	         "%s sh '%s/scripts/devdb.sh' admin user add %s --org MWA --kind clerk%s "
	         ">/dev/null && "
	         "sh '%s/scripts/devdb.sh' cert %s",
	         feed, f->root, login, with_password ? " --password" : "", f->root, login);
	char *cert = shell_line(command);
	assert_non_null(cert);
	free(cert);
	char *config = devdb_conf(f->root, login);
	assert_non_null(config);
	return config;
}

/* Run sql as the cluster's superuser over its unix socket; first line of the output. */
static char *superuser_sql(const char *sql)
{
	const char *dir = getenv("HRMIS_DEVDB_DIR"), *port = getenv("HRMIS_DEVDB_PORT");
	char path[COMMAND_BYTES], command[COMMAND_BYTES], superuser[128] = "";

	snprintf(path, sizeof path, "%s/superuser", dir);
	FILE *file = fopen(path, "r");
	assert_non_null(file);
	assert_non_null(fgets(superuser, sizeof superuser, file));
	fclose(file);
	superuser[strcspn(superuser, "\n")] = '\0';
	snprintf(command, sizeof command,
	         "psql -X -A -t -q -h '%s/run' -p %s -U %s -d hrmis -c \"%s\" </dev/null", dir,
	         port, superuser, sql);
	char *line = shell_line(command);
	assert_non_null(line);
	return line;
}

/* ---- fixture */

static char *path_in(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	assert_non_null(path);
	snprintf(path, len, "%s/%s", dir, name);
	return path;
}

/* Write text to dir/name; returns the path (malloc'd). */
static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = path_in(dir, name);
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
	static const char *const needed[] = { "HRMIS_BIN", "HRMIS_ROOT", "HRMIS_DEVDB_DIR",
		                              "HRMIS_DEVDB_PORT", NULL };
	struct fixture *f = calloc(1, sizeof *f);

	for (size_t i = 0; needed[i]; i++) {
		if (!getenv(needed[i])) {
			fprintf(stderr,
			        "%s is not set: run the screen tests through tests/run.sh\n",
			        needed[i]);
			free(f);
			return -1;
		}
	}
	f->bin = getenv("HRMIS_BIN");
	f->root = getenv("HRMIS_ROOT");
	f->dir = term_tmpdir_create();
	f->config = devdb_conf(f->root, "clerk_moe");
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

static struct term *spawn_client(const struct fixture *f, const char *config, int cols, int rows,
                                 const char *const env[])
{
	const char *const argv[] = { f->bin, "--config", config, NULL };
	struct term *t = term_spawn(argv, cols, rows, env);

	assert_non_null(t);
	return t;
}

static int screen_rows(const struct term *t)
{
	int rows;

	term_size(t, NULL, &rows);
	return rows;
}

/* True if row contains every string of words (NULL-terminated). */
static bool row_has_words(struct term *t, int row, const char *const words[])
{
	char *text = term_row_text(t, row);
	bool all = true;

	for (size_t i = 0; all && words[i]; i++)
		all = strstr(text, words[i]) != NULL;
	free(text);
	return all;
}

/* First body row (between the title and the message line) with all words, or -1. */
static int find_body_row(struct term *t, const char *const words[])
{
	for (int row = 1; row < screen_rows(t) - 2; row++)
		if (row_has_words(t, row, words))
			return row;
	return -1;
}

struct row_words_arg {
	int row;
	const char *const *words;
};

static bool row_words_pred(struct term *t, void *arg)
{
	const struct row_words_arg *r = arg;

	return row_has_words(t, r->row, r->words);
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

/* True if the message line (rows-2) contains text. */
static bool message_has(struct term *t, const char *text)
{
	const char *const words[] = { text, NULL };

	return row_has_words(t, screen_rows(t) - 2, words);
}

struct message_arg {
	const char *text;
	bool present;
};

static bool message_pred(struct term *t, void *arg)
{
	const struct message_arg *m = arg;

	return message_has(t, m->text) == m->present;
}

/* Wait until the message line shows (present) or no longer shows text. */
static bool wait_message(struct term *t, const char *text, bool present, int timeout_ms)
{
	struct message_arg arg = { text, present };
	char what[256];

	snprintf(what, sizeof what, "message line (row rows-2) %s \"%s\"",
	         present ? "showing" : "no longer showing", text);
	return term_wait_until(t, message_pred, &arg, what, timeout_ms);
}

struct home_arg {
	const char *login, *org_code, *server; /* server: text of the Server: row, or NULL */
};

static bool home_pred(struct term *t, void *arg)
{
	const struct home_arg *h = arg;
	const char *const title[] = { "Home", NULL };
	const char *const login[] = { "Login:", h->login, NULL };
	const char *const organisation[] = { "Organisation:", h->org_code, NULL };
	const char *const server[] = { "Server:", h->server, NULL };

	return row_has_words(t, 0, title) && find_body_row(t, login) >= 0 &&
	       find_body_row(t, organisation) >= 0 &&
	       (h->server == NULL || find_body_row(t, server) >= 0);
}

/* Wait for Home showing login and org_code (and server in the Server: row if not NULL). */
static bool wait_home_of(struct term *t, const char *login, const char *org_code,
                         const char *server, int timeout_ms)
{
	struct home_arg arg = { login, org_code, server };
	char what[256];

	snprintf(what, sizeof what,
	         "Home (title \"Home\"; Login: %s; Organisation: %s; Server: %s)", login, org_code,
	         server ? server : "any");
	return term_wait_until(t, home_pred, &arg, what, timeout_ms);
}

static bool wait_home(struct term *t, int timeout_ms)
{
	return wait_home_of(t, "clerk_moe", "MOE", NULL, timeout_ms);
}

static bool help_pred(struct term *t, void *arg)
{
	const char *const title[] = { "Help", NULL };

	(void)arg;
	return row_has_words(t, 0, title) && term_has_text(t, "Keys on every screen");
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
	return password_stars(t) == 0 && message_has(t, "The password is wrong or missing.");
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

/* Wait for exit and return the wait status. */
static int wait_exit_status(struct term *t)
{
	int status = -1;

	assert_true(term_wait_exit(t, &status, WAIT_MS));
	return status;
}

static void assert_exit_code(struct term *t, int code)
{
	int status = wait_exit_status(t);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code) {
		fprintf(stderr, "expected exit status %d, wait status is 0x%x:\n", code, status);
		term_dump(t, stderr);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), code);
}

/* Quit from Home with F3: status 0 (under ASan: nothing leaked). */
static void quit_from_home(struct term *t)
{
	assert_true(term_key(t, "F3"));
	assert_exit_code(t, 0);
	if (!term_restored(t)) {
		fputs("the terminal was not restored on exit:\n", stderr);
		term_dump(t, stderr);
		fail();
	}
}

/*
 * Run hrmis with args (NULL-terminated, after the program name) on a
 * 160x40 pty, wait for it to exit with code, and check it never entered
 * the alternate screen.  Returns the term for reading what it printed.
 */
static struct term *run_expecting(const struct fixture *f, const char *const args[],
                                  const char *const env[], int code)
{
	const char *argv[8] = { f->bin };
	size_t n = 1;

	for (size_t i = 0; args[i] && n < 7; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct term *t = term_spawn(argv, 160, 40, env);
	assert_non_null(t);
	assert_exit_code(t, code);
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
	const struct fixture *f = *state;
	static const char *const secret_texts[] = { "Wx7", "x7", "ж", "Secret", "pass-42", NULL };
	char login[64];

	unique_login("clerk_2fa", login, sizeof login);
	char *config = create_clerk(f, login, true);
	struct term *t = spawn_client(f, config, 80, 24, NULL);

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
	quit_from_home(t);
	term_close(&t);
	free(config);
}

/* Esc then a digit is that function key, in one write or in two. */
static void test_esc_digit_is_function_key(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f, f->config, 80, 24, NULL);

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
	quit_from_home(t);
	term_close(&t);
}

/* ':' opens "Go to screen": a known code opens it, an unknown one is named, Backspace closes. */
static void test_jump_prompt(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f, f->config, 80, 24, NULL);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_type(t, ":"));
	assert_true(wait_message(t, "Go to screen", true, WAIT_MS));
	assert_true(term_type(t, "help"));
	assert_true(wait_message(t, "Go to screen (home, register, help): help", true, WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_help(t, WAIT_MS));
	assert_true(wait_message(t, "Go to screen", false, WAIT_MS));

	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_type(t, ":"));
	assert_true(wait_message(t, "Go to screen", true, WAIT_MS));
	assert_true(term_type(t, "nosuch"));
	assert_true(term_key(t, "Enter"));
	assert_true(wait_message(t, "No screen has the code \"nosuch\"", true, WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));

	assert_true(term_type(t, ":"));
	assert_true(wait_message(t, "Go to screen", true, WAIT_MS));
	assert_true(term_key(t, "Backspace"));
	assert_true(wait_message(t, "Go to screen", false, WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));
	quit_from_home(t);
	term_close(&t);
}

/*
 * The server ends the session (an administrator terminates the backend):
 * the client says so and shows "not connected"; F5 reconnects over TLS
 * and the program keeps running until F3.
 */
static void test_lost_connection_and_reconnect(void **state)
{
	const struct fixture *f = *state;
	static const char lost[] = "The connection to the database was lost.";
	char login[64], sql[512];

	unique_login("clerk_lost", login, sizeof login);
	char *config = create_clerk(f, login, false);
	struct term *t = spawn_client(f, config, 80, 24, NULL);

	assert_true(wait_home_of(t, login, "MWA", "TLSv1.3", CONNECT_MS));
	assert_false(message_has(t, lost));
	/* In the select list, so that only this login's backend is terminated. */
	snprintf(sql, sizeof sql,
	         "SELECT string_agg(pg_terminate_backend(pid)::text, ',') FROM pg_stat_activity "
	         "WHERE usename = '%s'",
	         login);
	char *terminated = superuser_sql(sql);
	assert_string_equal(terminated, "true");
	free(terminated);

	assert_true(wait_message(t, lost, true, WAIT_MS));
	assert_true(wait_home_of(t, login, "MWA", "not connected", WAIT_MS));
	assert_int_equal(term_find_row(t, "TLSv1.3", 0), -1);

	assert_true(term_key(t, "F5"));
	assert_true(wait_home_of(t, login, "MWA", "TLSv1.3", CONNECT_MS));
	assert_true(wait_message(t, lost, false, WAIT_MS));
	assert_int_equal(term_find_row(t, "not connected", 0), -1);
	quit_from_home(t);
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

	for (int row = 1; row < screen_rows(t) - 2; row++) {
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
	for (int row = 1; row < screen_rows(t) - 2; row++)
		if (row != m->row && row_reverse_from(t, row, m->marker_col, m->marker_col + 1))
			return false;
	return true;
}

/* NO_COLOR: the title row and the selected menu row are reverse video, marked '>' too. */
static void test_monochrome_reverse(void **state)
{
	const struct fixture *f = *state;
	const char *const env[] = { "NO_COLOR=1", NULL };
	struct term *t = spawn_client(f, f->config, 80, 24, env);
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
	quit_from_home(t);
	term_close(&t);
}

/* An unknown TERM: one line saying so, exit status 2, the screen never taken over. */
static void test_unknown_terminal_type(void **state)
{
	const struct fixture *f = *state;
	const char *const args[] = { "--config", f->config, NULL };
	const char *const env[] = { "TERM=xterm-does-not-exist", NULL };
	struct term *t = run_expecting(f, args, env, 2);

	assert_printed(t, "terminal type is not known");
	assert_true(term_tty_sane(t));
	term_close(&t);
}

/* --version, --help, a bad option and three kinds of bad settings, before any screen. */
static void test_command_line_and_settings_errors(void **state)
{
	const struct fixture *f = *state;
	struct term *t;

	t = run_expecting(f, (const char *const[]){ "--version", NULL }, NULL, 0);
	assert_printed(t, "hrmis 0.1.0");
	term_close(&t);

	t = run_expecting(f, (const char *const[]){ "--help", NULL }, NULL, 0);
	assert_printed(t, "database.host");
	term_close(&t);

	t = run_expecting(f, (const char *const[]){ "--no-such-option", NULL }, NULL, 2);
	term_close(&t);

	char *syntax = write_file(f->dir, "syntax.conf",
	                          "# hrmis settings\n"
	                          "database = {\n"
	                          "  port = = 5432;\n"
	                          "};\n");
	char expected[COMMAND_BYTES];
	snprintf(expected, sizeof expected, "%s:3:", syntax);
	t = run_expecting(f, (const char *const[]){ "--config", syntax, NULL }, NULL, 2);
	assert_printed(t, expected);
	term_close(&t);
	free(syntax);

	char *weak = write_file(f->dir, "weak.conf", "database = { sslmode = \"require\"; };\n");
	t = run_expecting(f, (const char *const[]){ "--config", weak, NULL }, NULL, 2);
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
	t = run_expecting(f, (const char *const[]){ "--config", fly, NULL }, NULL, 2);
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
	struct term *t = spawn_client(f, f->config, 80, 24, NULL);
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
	quit_from_home(t);
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
	};

	return cmocka_run_group_tests_name("client session", tests, setup, teardown);
}
