/*
 * test_harness.c - tests of the screen-test harness itself.
 *
 * Each test drives a small real command (sh, printf, tput, stty, dd, od)
 * through the harness and checks what the harness reports against what
 * the command is known to do: cell widths of Hangul, attributes, the
 * cursor, alternate-screen tracking, the bytes of named keys, resizes
 * seen by the child, byte counts, exit statuses and clean-up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

enum { WAIT_MS = 5000 };

/* Spawn `sh -c script` at 80x24 with extra environment env (may be NULL). */
static struct term *spawn_sh(const char *script, const char *const env[])
{
	const char *const argv[] = { "sh", "-c", script, NULL };
	struct term *t = term_spawn(argv, 80, 24, env);

	assert_non_null(t);
	return t;
}

/* Assert that row reads exactly expected. */
static void assert_row(struct term *t, int row, const char *expected)
{
	char *text = term_row_text(t, row);

	assert_string_equal(text, expected);
	free(text);
}

static long long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000LL + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Hangul takes two cells each; the row text shows each char once. */
static void test_wide_chars(void **state)
{
	(void)state;
	struct term *t = spawn_sh("printf '\\355\\225\\234\\352\\270\\200 ok'; read x", NULL);
	struct term_cell cell;

	assert_true(term_wait_text(t, "한글 ok", WAIT_MS));
	assert_row(t, 0, "한글 ok");
	assert_true(term_cell_at(t, 0, 0, &cell));
	assert_string_equal(cell.text, "한");
	assert_int_equal(cell.width, 2);
	assert_true(term_cell_at(t, 0, 1, &cell));
	assert_int_equal(cell.width, 0);
	assert_true(term_cell_at(t, 0, 2, &cell));
	assert_string_equal(cell.text, "글");
	assert_int_equal(cell.width, 2);
	assert_true(term_cell_at(t, 0, 5, &cell));
	assert_string_equal(cell.text, "o");
	assert_int_equal(cell.width, 1);
	assert_false(term_cell_at(t, 0, 80, &cell));
	term_close(&t);
}

/* A combining mark shares the cell of its base letter. */
static void test_combining_mark(void **state)
{
	(void)state;
	struct term *t = spawn_sh("printf 'Jose\\314\\201|'; read x", NULL);
	struct term_cell cell;

	assert_true(term_wait_text(t, "|", WAIT_MS));
	assert_row(t, 0, "Jose\xcc\x81|");
	assert_true(term_cell_at(t, 0, 3, &cell));
	assert_string_equal(cell.text, "e\xcc\x81");
	assert_true(term_cell_at(t, 0, 4, &cell));
	assert_string_equal(cell.text, "|");
	term_close(&t);
}

/* Bold and reverse come from SGR; the cursor ends after the last char written. */
static void test_attributes_and_cursor(void **state)
{
	(void)state;
	struct term *t = spawn_sh("printf '\\033[1mB\\033[0m\\033[7mR\\033[0mN'; tput cup 5 10; "
				  "printf X; read x", NULL);
	struct term_cell cell;
	int row, col;

	assert_true(term_wait_row(t, 5, "X", WAIT_MS));
	assert_true(term_cell_at(t, 0, 0, &cell));
	assert_true(cell.bold);
	assert_false(cell.reverse);
	assert_true(term_cell_at(t, 0, 1, &cell));
	assert_true(cell.reverse);
	assert_false(cell.bold);
	assert_true(term_cell_at(t, 0, 2, &cell));
	assert_false(cell.reverse || cell.bold);
	term_cursor(t, &row, &col);
	assert_int_equal(row, 5);
	assert_int_equal(col, 11);
	assert_row(t, 5, "          X");
	term_close(&t);
}

/* The child sees the pinned environment, with the caller's extras on top. */
static void test_environment(void **state)
{
	(void)state;
	const char *const env[] = { "FOO=bar", "NO_COLOR=1", NULL };
	setenv("LINES", "5", 1);
	setenv("HRMIS_CONFIG", "/nonexistent.conf", 1);
	setenv("PGHOST", "elsewhere", 1);
	struct term *t = spawn_sh("echo \"1:$TERM:$LC_ALL:$TZ:$ESCDELAY\"; "
				  "echo \"2:${LINES-unset}:${COLUMNS-unset}:${HRMIS_CONFIG-unset}:${PGHOST-unset}\"; "
				  "echo \"3:$FOO:$NO_COLOR\"; echo \"4:$HOME\"; echo \"5:$XDG_CONFIG_HOME\"; "
				  "echo \"6:$XDG_STATE_HOME\"; read x", env);
	unsetenv("LINES");
	unsetenv("HRMIS_CONFIG");
	unsetenv("PGHOST");
	char expected[512];

	assert_true(term_wait_text(t, "6:", WAIT_MS));
	assert_row(t, 0, "1:xterm-256color:C.UTF-8:UTC:100");
	assert_row(t, 1, "2:unset:unset:unset:unset");
	assert_row(t, 2, "3:bar:1");
	snprintf(expected, sizeof expected, "4:%s", term_home(t));
	assert_row(t, 3, expected);
	snprintf(expected, sizeof expected, "5:%s/.config", term_home(t));
	assert_row(t, 4, expected);
	snprintf(expected, sizeof expected, "6:%s/.local/state", term_home(t));
	assert_row(t, 5, expected);
	term_close(&t);
}

/* Exit statuses are reported; a command that cannot run exits 127 and says why. */
static void test_exit_status(void **state)
{
	(void)state;
	struct term *t = spawn_sh("exit 3", NULL);
	int status = -1;

	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	term_close(&t);

	const char *const argv[] = { "/nonexistent/program", NULL };
	t = term_spawn(argv, 80, 24, NULL);
	assert_non_null(t);
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_int_equal(WEXITSTATUS(status), 127);
	assert_true(term_has_text(t, "cannot execute /nonexistent/program"));
	term_close(&t);
}

/* A signal is reported as such, and a program that ended fails a wait at once. */
static void test_signal_and_early_failure(void **state)
{
	(void)state;
	struct term *t = spawn_sh("echo ready; read x", NULL);
	struct timespec start;
	int status = 0;

	assert_true(term_wait_text(t, "ready", WAIT_MS));
	assert_int_equal(kill(term_pid(t), SIGHUP), 0);
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGHUP);
	clock_gettime(CLOCK_MONOTONIC, &start);
	fputs("(an expected harness failure message follows)\n", stderr);
	assert_false(term_wait_text(t, "never printed", WAIT_MS));
	assert_true(elapsed_ms(&start) < 1000);
	term_close(&t);
}

/* Entering and leaving the alternate screen and hiding the cursor are tracked. */
static void test_restoration_tracked(void **state)
{
	(void)state;
	struct term *t = spawn_sh("printf before; tput smcup; tput civis; printf inside; read x; "
				  "tput cnorm; tput rmcup", NULL);
	int status;

	assert_true(term_restored(t));
	assert_true(term_wait_text(t, "inside", WAIT_MS));
	assert_true(term_altscreen_active(t));
	assert_int_equal(term_altscreen_entered(t), 1);
	assert_false(term_cursor_visible(t));
	assert_false(term_restored(t));
	assert_false(term_has_text(t, "before"));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(term_restored(t));
	assert_false(term_altscreen_active(t));
	assert_true(term_cursor_visible(t));
	assert_true(term_has_text(t, "before"));
	assert_false(term_has_text(t, "inside"));
	term_close(&t);
}

/* A program that exits inside the alternate screen, cursor hidden and tty raw, is caught. */
static void test_unrestored_detected(void **state)
{
	(void)state;
	struct term *t = spawn_sh("stty raw -echo; tput smcup; tput civis; printf inside", NULL);
	int status;

	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(term_has_text(t, "inside"));
	assert_true(term_altscreen_active(t));
	assert_false(term_cursor_visible(t));
	assert_false(term_restored(t));
	assert_false(term_tty_sane(t));
	term_close(&t);

	t = spawn_sh("stty raw -echo; printf raw; stty sane; printf ' sane'", NULL);
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_true(term_has_text(t, "raw sane"));
	assert_true(term_tty_sane(t));
	term_close(&t);
}

/* A resize reaches the child as SIGWINCH and a new pty size, and the screen follows. */
static void test_resize(void **state)
{
	(void)state;
	struct term *t = spawn_sh("trap 'echo \"winch $(stty size)\"' WINCH; stty size; "
				  "while :; do read x && break; done; tput cup 29 0; printf bottom; read y",
				  NULL);
	int cols, rows;

	assert_true(term_wait_row(t, 0, "24 80", WAIT_MS));
	assert_true(term_resize(t, 100, 30));
	term_size(t, &cols, &rows);
	assert_int_equal(cols, 100);
	assert_int_equal(rows, 30);
	assert_true(term_wait_text(t, "winch 30 100", WAIT_MS));
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_row(t, 29, "bottom", WAIT_MS));
	term_close(&t);
}

/* Raw bytes the program reads, one hex byte per word (dd reads one write at a time). */
static const char key_echo_script[] =
	"stty raw -echo; printf 'ready\\r\\n'; "
	"for i in 1 2 3 4; do dd bs=64 count=1 2>/dev/null | od -An -tx1; printf '\\r'; done; "
	"tput smkx; printf 'app\\r\\n'; dd bs=64 count=1 2>/dev/null | od -An -tx1; "
	"printf '\\r\\n'; read x";

/* Named keys arrive as single complete xterm sequences; cursor keys follow DECCKM. */
static void test_named_keys(void **state)
{
	(void)state;
	struct term *t = spawn_sh(key_echo_script, NULL);

	assert_true(term_wait_text(t, "ready", WAIT_MS));
	assert_true(term_key(t, "F1"));
	assert_true(term_wait_text(t, "1b 4f 50", WAIT_MS));
	assert_true(term_key(t, "F5"));
	assert_true(term_wait_text(t, "1b 5b 31 35 7e", WAIT_MS));
	assert_true(term_key(t, "Up"));
	assert_true(term_wait_text(t, "1b 5b 41", WAIT_MS));
	assert_true(term_key(t, "C-x"));
	assert_true(term_wait_row(t, 4, "18", WAIT_MS));
	assert_true(term_wait_text(t, "app", WAIT_MS));
	assert_true(term_key(t, "Up"));
	assert_true(term_wait_text(t, "1b 4f 41", WAIT_MS));
	fputs("(an expected harness failure message follows)\n", stderr);
	assert_false(term_key(t, "NoSuchKey"));
	term_close(&t);
}

/* Byte counts are exact: the output of one step is the difference of two readings. */
static void test_byte_accounting(void **state)
{
	(void)state;
	struct term *t = spawn_sh("stty -echo; printf abcdef; read x; printf 0123456789", NULL);
	int status;

	assert_true(term_wait_text(t, "abcdef", WAIT_MS));
	assert_int_equal(term_bytes_total(t), 6);
	size_t mark = term_bytes_total(t);
	assert_true(term_key(t, "Enter"));
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_int_equal(term_bytes_total(t) - mark, 10);
	assert_true(term_has_text(t, "abcdef0123456789"));
	term_close(&t);
}

/* Quiet detection succeeds on an idle program and fails on one that never stops. */
static void test_wait_quiet(void **state)
{
	(void)state;
	struct term *t = spawn_sh("printf idle; read x", NULL);

	assert_true(term_wait_text(t, "idle", WAIT_MS));
	assert_true(term_wait_quiet(t, 50, WAIT_MS));
	term_close(&t);

	t = spawn_sh("yes", NULL);
	assert_true(term_wait_text(t, "y", WAIT_MS));
	fputs("(an expected harness failure message follows)\n", stderr);
	assert_false(term_wait_quiet(t, 200, 500));
	assert_true(term_bytes_total(t) > 1000);
	term_close(&t);
}

/* Closing kills a running program (and its children), reaps it and removes its HOME. */
static void test_close_cleans_up(void **state)
{
	(void)state;
	/* Become the reaper of orphans so the killed grandchild's fate can be read. */
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	struct term *t = spawn_sh("sleep 1000 & echo \"child $!\"; read x", NULL);
	char *home = strdup(term_home(t));
	pid_t pid = term_pid(t);
	struct stat st;
	int grandchild = 0;

	assert_non_null(home);
	assert_true(term_wait_text(t, "child ", WAIT_MS));
	char *row = term_row_text(t, 0);
	grandchild = atoi(row + strlen("child "));
	free(row);
	assert_true(grandchild > 0);
	assert_int_equal(stat(home, &st), 0);
	term_close(&t);
	assert_null(t);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	assert_int_equal(stat(home, &st), -1);
	int status = 0;
	assert_int_equal(waitpid(grandchild, &status, 0), grandchild);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 0), 0);
	free(home);
	term_close(&t);	/* a second close is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_chars),
		cmocka_unit_test(test_combining_mark),
		cmocka_unit_test(test_attributes_and_cursor),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_signal_and_early_failure),
		cmocka_unit_test(test_restoration_tracked),
		cmocka_unit_test(test_unrestored_detected),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_named_keys),
		cmocka_unit_test(test_byte_accounting),
		cmocka_unit_test(test_wait_quiet),
		cmocka_unit_test(test_close_cleans_up),
	};

	return cmocka_run_group_tests_name("screen harness", tests, NULL, NULL);
}
