/*
 * test_keys.c - keys as the terminal sends them, whatever TERM says.
 *
 * A clerk's emulator (or tmux on the jump host) sends xterm's sequences
 * while TERM names vt100 or the Linux console, whose terminfo entries do
 * not know them.  With the focus in a field of the new-person form, the
 * xterm bytes of F-keys and Ctrl-arrows must act and leave no character in
 * the field; Esc alone and Esc with a digit keep working; Ctrl-U, Ctrl-W,
 * Ctrl-A and Ctrl-K edit the field, and a date is cleared with one key.
 *
 * Runs $HRMIS_BIN on a pty against the throwaway TLS PostgreSQL of
 * tests/run.sh (HRMIS_ROOT, HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT), as a clerk
 * of MOE made for the run, so no other suite sees what it leaves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness_client.h"

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	COLS = 80,
	ROWS = 24,
};

/* The bytes xterm sends (F1-F4 in SS3 form, F5 and up in CSI form). */
#define XTERM_F1         "\033OP"
#define XTERM_F3         "\033OR"
#define XTERM_F5         "\033[15~"
#define XTERM_F9         "\033[20~"
#define XTERM_F10        "\033[21~"
#define XTERM_F12        "\033[24~"
#define XTERM_SHIFT_F5   "\033[15;2~"
#define XTERM_CTRL_LEFT  "\033[1;5D"
#define XTERM_CTRL_RIGHT "\033[1;5C"

struct fixture {
	char login[48]; /* a clerk of MOE made for this run */
	char *config;
};

static int setup(void **state)
{
	struct fixture *f;

	if (!client_environment_ready())
		return -1;
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->login, sizeof f->login, "keys%ld_%ld", (long)getpid(),
	         (long)(time(NULL) % 1000000));
	f->config = client_devdb_clerk(f->login, "MOE", NULL);
	if (f->config == NULL) {
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
	free(f);
	return 0;
}

/* ---- helpers */

/* The client under TERM=term_name (NULL: the harness's xterm-256color), at Home. */
static struct term *start_at_home(const struct fixture *f, const char *term_name)
{
	char term_env[64];
	const char *const env[] = { term_env, NULL };
	struct term *t;

	snprintf(term_env, sizeof term_env, "TERM=%s", term_name ? term_name : "xterm-256color");
	t = client_spawn(f->config, COLS, ROWS, env);
	assert_non_null(t);
	assert_true(client_wait_home(t, f->login, "MOE", NULL, "Home", CONNECT_MS));
	return t;
}

/* Row of the form field labelled label, or -1. */
static int field_row(struct term *t, const char *label)
{
	for (int row = 1; row < client_rows(t) - 2; row++) {
		char *text = term_row_text(t, row);
		size_t lead = strspn(text, " !*");
		size_t len = strlen(label);
		bool here = strncmp(text + lead, label, len) == 0 &&
		            (text[lead + len] == ' ' || text[lead + len] == '\0');

		free(text);
		if (here)
			return row;
	}
	return -1;
}

struct field_arg {
	const char *label, *value;
};

/* The field shows exactly value and the cursor is in it. */
static bool field_is(struct term *t, void *arg)
{
	const struct field_arg *a = arg;
	int row = field_row(t, a->label), cursor_row, cursor_col;
	char *text, *after;
	bool ok;

	if (row < 0)
		return false;
	text = term_row_text(t, row);
	after = strstr(text, a->label) + strlen(a->label);
	while (*after == ' ')
		after++;
	ok = strcmp(after, a->value) == 0;
	free(text);
	term_cursor(t, &cursor_row, &cursor_col);
	return ok && cursor_row == row;
}

static bool wait_field(struct term *t, const char *label, const char *value)
{
	struct field_arg arg = { label, value };
	char what[256];

	snprintf(what, sizeof what, "field \"%s\" holding exactly \"%s\", cursor in it", label,
	         value);
	return term_wait_until(t, field_is, &arg, what, WAIT_MS);
}

/* Presses the named key (term_key) / types text; then the field shows value. */
static void key_then(struct term *t, const char *key, const char *label, const char *value)
{
	assert_true(term_key(t, key));
	assert_true(wait_field(t, label, value));
}

static void type_then(struct term *t, const char *text, const char *label, const char *value)
{
	assert_true(term_type(t, text));
	assert_true(wait_field(t, label, value));
}

static bool send_bytes(struct term *t, const char *bytes)
{
	return term_send(t, bytes, strlen(bytes));
}

/* From Home: the register, then Insert: the new-person form, on Surname. */
static void open_new_person(struct term *t)
{
	const char *const heading[] = { "New person", NULL };

	assert_true(term_key(t, "Enter"));
	assert_true(client_wait_register(t, WAIT_MS));
	assert_true(term_key(t, "Insert"));
	assert_true(term_wait_row_words(t, heading, WAIT_MS));
	assert_true(wait_field(t, "Surname", ""));
}

static bool help_shown(struct term *t, void *arg)
{
	const char *const title[] = { "Help", NULL };
	const char *const help_row[] = { "F1", "help", NULL };

	(void)arg;
	return client_row_has_words(t, 0, title) && client_find_body_row(t, help_row) >= 0;
}

static bool wait_help(struct term *t)
{
	return term_wait_until(t, help_shown, NULL, "the Help screen", WAIT_MS);
}

/* No piece of the sequences sent anywhere on the screen. */
static void assert_no_stray_text(struct term *t)
{
	static const char *const pieces[] = { "[15", "[20", "[21", "[24", "[99",
		                              "15~", "1;5", "5;2", "[[",  NULL };

	for (size_t i = 0; pieces[i]; i++)
		assert_true(client_not_shown(t, pieces[i]));
}

/* ---- tests */

/*
 * TERM=vt100 (as under tmux with a vt100 TERM): F5, F9, F12 and Shift-F5
 * in xterm's bytes do nothing and type nothing; Ctrl-Left moves to the
 * start of the field; F10 opens the module menu.
 */
static void test_vt100_xterm_keys_in_a_field(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f, "vt100");

	open_new_person(t);
	type_then(t, "Ab", "Surname", "Ab");
	assert_true(send_bytes(t, XTERM_F5));
	assert_true(send_bytes(t, XTERM_F9));
	assert_true(send_bytes(t, XTERM_F12));
	assert_true(send_bytes(t, XTERM_SHIFT_F5));
	assert_true(send_bytes(t, "\033[99~")); /* no key at all: swallowed too */
	assert_true(send_bytes(t, XTERM_CTRL_RIGHT));
	type_then(t, "c", "Surname", "Abc");
	assert_true(send_bytes(t, XTERM_CTRL_LEFT));
	type_then(t, "X", "Surname", "XAbc");
	assert_no_stray_text(t);

	assert_true(send_bytes(t, XTERM_F10));
	assert_true(client_wait_home(t, f->login, "MOE", NULL, "Home after F10", WAIT_MS));
	assert_no_stray_text(t);
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/*
 * TERM=linux (the console's entry): xterm's F1 opens help and F3 goes
 * back, F5 (which the console sends as ESC [[E) and Ctrl-Left act or do
 * nothing, and none of their bytes lands in the field; Esc and a digit is
 * still an F-key and Esc alone still Esc; Ctrl-U then empties the field,
 * so F3 leaves the form at once (nothing typed).
 */
static void test_linux_xterm_keys_in_a_field(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f, "linux");

	open_new_person(t);
	type_then(t, "Ab", "Surname", "Ab");

	assert_true(send_bytes(t, XTERM_F1));
	assert_true(wait_help(t));
	assert_true(send_bytes(t, XTERM_F3));
	assert_true(wait_field(t, "Surname", "Ab"));

	assert_true(send_bytes(t, XTERM_F5));
	assert_true(send_bytes(t, XTERM_F9));
	assert_true(send_bytes(t, XTERM_CTRL_LEFT));
	type_then(t, "X", "Surname", "XAb");
	assert_no_stray_text(t);

	/* Esc 1 is F1, Esc 3 is F3, as before. */
	assert_true(send_bytes(t, "\0331"));
	assert_true(wait_help(t));
	assert_true(send_bytes(t, "\0333"));
	assert_true(wait_field(t, "Surname", "XAb"));
	/* Esc alone is Esc (back), once nothing follows it. */
	assert_true(send_bytes(t, "\033"));
	assert_true(client_wait_message(t, "Not saved yet", WAIT_MS));
	assert_true(wait_field(t, "Surname", "XAb"));

	assert_true(term_key(t, "C-e"));
	key_then(t, "C-u", "Surname", "");
	assert_true(send_bytes(t, XTERM_F3));
	assert_true(client_wait_register(t, WAIT_MS));
	assert_no_stray_text(t);
	assert_true(send_bytes(t, XTERM_F3));
	assert_true(client_wait_home(t, f->login, "MOE", NULL, "Home", WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

/*
 * The editing keys in the form's fields (TERM=xterm-256color): Ctrl-Left
 * (which xterm's terminfo knows) and Ctrl-K take the last word, so does
 * Ctrl-W, and Ctrl-A with Ctrl-K the rest; a wrong birth date goes with
 * one Ctrl-U (it took ten Backspaces) and the right one is typed in its
 * place.
 */
static void test_editing_keys_in_the_form(void **state)
{
	const struct fixture *f = *state;
	struct term *t = start_at_home(f, NULL);

	open_new_person(t);
	type_then(t, "Ivanova Anna", "Surname", "Ivanova Anna");
	/* xterm's terminfo knows Ctrl-Left (kLFT5): a word move as well. */
	assert_true(send_bytes(t, XTERM_CTRL_LEFT));
	key_then(t, "C-k", "Surname", "Ivanova");
	type_then(t, "Anna", "Surname", "Ivanova Anna");
	key_then(t, "C-w", "Surname", "Ivanova");
	key_then(t, "C-a", "Surname", "Ivanova");
	type_then(t, "X", "Surname", "XIvanova");
	key_then(t, "C-k", "Surname", "X");
	key_then(t, "C-u", "Surname", "");
	type_then(t, "Ivanova", "Surname", "Ivanova");
	key_then(t, "Tab", "Given name", "");
	type_then(t, "Anna", "Given name", "Anna");
	key_then(t, "Tab", "Patronymic", "");
	key_then(t, "Tab", "Birth date", "");
	type_then(t, "31.02.1990", "Birth date", "31.02.1990");
	key_then(t, "C-u", "Birth date", "");
	type_then(t, "15.03.1990", "Birth date", "15.03.1990");

	/* F3 twice leaves without saving. */
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_message(t, "Not saved yet", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_register(t, WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(client_wait_home(t, f->login, "MOE", NULL, "Home", WAIT_MS));
	assert_true(client_quit_from_home(t));
	term_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vt100_xterm_keys_in_a_field),
		cmocka_unit_test(test_linux_xterm_keys_in_a_field),
		cmocka_unit_test(test_editing_keys_in_the_form),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
