/*
 * test_shell.c - the client's shell as a clerk sees it on a terminal.
 *
 * Runs $HRMIS_BIN --config FILE on a pty against the throwaway TLS
 * PostgreSQL that tests/run.sh prepares (HRMIS_ROOT, HRMIS_DEVDB_DIR,
 * HRMIS_DEVDB_PORT), logged in as the demo clerk_moe, and checks the
 * screen skeleton (title row 0, message row rows-2, F-key legend on the
 * last row), the Home and Help screens, key rebinding from the config,
 * quitting and hang-up with the terminal restored, resizing and the
 * too-small notice, a certificate that belongs to another login, and the
 * bytes written per screen change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libconfig.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness_client.h"

enum {
	CONNECT_MS = 10000, /* first connect: TLS handshake and the first queries */
	WAIT_MS = CLIENT_WAIT_MS,
	QUIET_MS = 150, /* silence taken as "the step has finished drawing" */
	STEP_BYTE_BUDGET = 3000,
};

struct fixture {
	char *dir;               /* temporary directory for derived config files */
	char *config;            /* clerk_moe, as devdb.sh writes it */
	char *config_f9;         /* clerk_moe with help rebound to F9 */
	char *config_wrong_cert; /* user clerk_moe with clerk_mwa's certificate and key */
};

/* ---- fixture */

/* Copy of config with the help action rebound to F9, as a clerk would write it. */
static char *write_config_f9(const char *dir, const char *config)
{
	char *path = client_path_in(dir, "clerk_moe_f9.conf");
	FILE *in = fopen(config, "r");
	FILE *out = fopen(path, "w");
	char buf[4096];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fputs("\nkeys = { global = { help = \"F9\"; }; };\n", out);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	return path;
}

/* config with database.sslcert/sslkey taken from other_config; a new file. */
static char *write_config_wrong_cert(const char *dir, const char *config, const char *other_config)
{
	char *path = client_path_in(dir, "clerk_moe_with_mwa_cert.conf");
	static const char *const names[] = { "database.sslcert", "database.sslkey" };
	config_t mine, other;

	config_init(&mine);
	config_init(&other);
	assert_true(config_read_file(&mine, config) == CONFIG_TRUE);
	assert_true(config_read_file(&other, other_config) == CONFIG_TRUE);
	for (size_t i = 0; i < 2; i++) {
		const char *value = NULL;
		config_setting_t *setting = config_lookup(&mine, names[i]);

		assert_true(config_lookup_string(&other, names[i], &value) == CONFIG_TRUE);
		assert_non_null(setting);
		assert_true(config_setting_set_string(setting, value) == CONFIG_TRUE);
	}
	assert_true(config_write_file(&mine, path) == CONFIG_TRUE);
	config_destroy(&mine);
	config_destroy(&other);
	return path;
}

static int setup(void **state)
{
	if (!client_environment_ready())
		return -1;
	struct fixture *f = calloc(1, sizeof *f);

	f->dir = term_tmpdir_create();
	f->config = client_devdb_conf("clerk_moe");
	char *mwa = client_devdb_conf("clerk_mwa");
	if (!f->dir || !f->config || !mwa) {
		free(mwa);
		free(f->config);
		term_tmpdir_remove(&f->dir);
		free(f);
		return -1;
	}
	f->config_f9 = write_config_f9(f->dir, f->config);
	f->config_wrong_cert = write_config_wrong_cert(f->dir, f->config, mwa);
	free(mwa);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->config);
	free(f->config_f9);
	free(f->config_wrong_cert);
	term_tmpdir_remove(&f->dir);
	free(f);
	return 0;
}

/* ---- helpers */

/* The client with config on cols x rows; the test fails if it cannot start. */
static struct term *spawn_client(const char *config, int cols, int rows)
{
	struct term *t = client_spawn(config, cols, rows, NULL);

	assert_non_null(t);
	return t;
}

static bool home_shown(struct term *t, void *arg)
{
	static const char *const login[] = { "Login", "clerk_moe", NULL };
	static const char *const organisation[] = { "Organisation:", "MOE",
		                                    "Ministry of Environment", NULL };
	static const char *const role[] = { "Role:", "HR clerk", NULL };
	static const char *const title[] = { "Home", NULL };

	(void)arg;
	return client_row_has_words(t, 0, title) && client_find_body_row(t, login) >= 0 &&
	       client_find_body_row(t, organisation) >= 0 && client_find_body_row(t, role) >= 0;
}

/* Wait for the whole Home screen: title, login, organisation and role. */
static bool wait_home(struct term *t, int timeout_ms)
{
	return term_wait_until(
	        t, home_shown, NULL,
	        "Home (title \"Home\"; Login clerk_moe; Organisation: MOE Ministry of "
	        "Environment; Role: HR clerk)",
	        timeout_ms);
}

static bool help_shown(struct term *t, void *arg)
{
	const char *key = arg;
	const char *const title[] = { "Help", NULL };
	const char *const help_row[] = { key, "help", NULL };
	const char *const back_row[] = { "F3", NULL };

	return client_row_has_words(t, 0, title) && client_find_body_row(t, help_row) >= 0 &&
	       client_find_body_row(t, back_row) >= 0;
}

/* Wait for the Help screen listing help_key for "help" and a row for F3. */
static bool wait_help(struct term *t, const char *help_key, int timeout_ms)
{
	return term_wait_until(
	        t, help_shown, (void *)help_key,
	        "Help (title \"Help\", a body row with the help key and \"help\", one with F3)",
	        timeout_ms);
}

/* The legend item is on the last row and on no other row. */
static bool legend_at_bottom(struct term *t, void *arg)
{
	const char *const words[] = { arg, NULL };
	int rows;

	term_size(t, NULL, &rows);
	if (!client_row_has_words(t, rows - 1, words))
		return false;
	for (int row = 0; row < rows - 1; row++)
		if (client_row_has_words(t, row, words))
			return false;
	return true;
}

static bool wait_legend_at_bottom(struct term *t, const char *item, int timeout_ms)
{
	char what[128];

	snprintf(what, sizeof what, "legend item \"%s\" on the last row only", item);
	return term_wait_until(t, legend_at_bottom, (void *)item, what, timeout_ms);
}

static void assert_terminal_restored(struct term *t)
{
	assert_true(term_altscreen_entered(t) >= 1);
	assert_false(term_altscreen_active(t));
	assert_true(term_cursor_visible(t));
	assert_true(term_restored(t));
	assert_true(term_tty_sane(t));
}

/* The row reads as one sentence: it ends with a full stop and has no other. */
static void assert_one_sentence(struct term *t, int row)
{
	char *text = term_row_text(t, row);
	size_t len = strlen(text);

	assert_true(len > 0 && text[len - 1] == '.');
	assert_null(strstr(text, ". "));
	free(text);
}

/* ---- tests */

/* After connecting over TLS, Home shows who is logged in, where, and in which role. */
static void test_home_after_connect(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_wait_row(t, 23, "F1 Help", WAIT_MS));
	assert_true(term_wait_row(t, 23, "F3 Quit", WAIT_MS));
	assert_true(term_altscreen_active(t));
	term_close(&t);
}

/* F1 opens Help, which lists the bindings; F3 goes back to Home. */
static void test_help_and_back(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_key(t, "F1"));
	assert_true(wait_help(t, "F1", WAIT_MS));
	assert_true(term_wait_row(t, 23, "F3", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	term_close(&t);
}

/* help rebound to F9 in the config: F9 opens Help and the legend says so. */
static void test_help_rebound_to_f9(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config_f9, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_wait_row(t, 23, "F9 Help", WAIT_MS));
	char *legend = term_row_text(t, 23);
	assert_null(strstr(legend, "F1 Help"));
	free(legend);
	assert_true(term_key(t, "F9"));
	assert_true(wait_help(t, "F9", WAIT_MS));
	term_close(&t);
}

/* F3 on Home quits with status 0 and gives the terminal back as it was. */
static void test_quit_restores_terminal(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(client_exit_is(t, 0));
	assert_terminal_restored(t);
	term_close(&t);
}

/* The layout follows the terminal: legend on the last row at 100x30 and back at 80x24. */
static void test_resize_moves_legend(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(wait_legend_at_bottom(t, "F1 Help", WAIT_MS));
	assert_true(term_resize(t, 100, 30));
	assert_true(wait_legend_at_bottom(t, "F1 Help", WAIT_MS));
	assert_true(term_wait_row(t, 29, "F3 Quit", WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_resize(t, 80, 24));
	assert_true(wait_legend_at_bottom(t, "F1 Help", WAIT_MS));
	assert_true(term_wait_row(t, 23, "F3 Quit", WAIT_MS));
	assert_true(wait_home(t, WAIT_MS));
	term_close(&t);
}

static bool too_small_shown(struct term *t, void *arg)
{
	(void)arg;
	return term_has_text(t, "Terminal too small") && term_has_text(t, "70x20") &&
	       term_has_text(t, "80x24");
}

static bool wait_too_small(struct term *t)
{
	return term_wait_until(t, too_small_shown, NULL,
	                       "\"Terminal too small\" with \"70x20\" and \"80x24\"", CONNECT_MS);
}

/* Started at 70x20 the client says the terminal is too small; at 80x24 Home appears. */
static void test_started_too_small(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 70, 20);

	assert_true(wait_too_small(t));
	assert_true(term_resize(t, 80, 24));
	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_wait_gone(t, "Terminal too small", WAIT_MS));
	assert_true(wait_legend_at_bottom(t, "F1 Help", WAIT_MS));
	term_close(&t);
}

/* Shrinking below 80x24 on Home shows the notice; growing back restores Home. */
static void test_resized_too_small(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_resize(t, 70, 20));
	assert_true(wait_too_small(t));
	assert_true(term_resize(t, 80, 24));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_wait_gone(t, "Terminal too small", WAIT_MS));
	assert_true(wait_legend_at_bottom(t, "F1 Help", WAIT_MS));
	term_close(&t);
}

/* A hang-up (the SSH connection dropped) ends the client with 129, terminal restored. */
static void test_hangup_exits_129(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_int_equal(kill(term_pid(t), SIGHUP), 0);
	assert_true(client_exit_is(t, 129));
	assert_terminal_restored(t);
	term_close(&t);
}

/* Another login's certificate is refused with a sentence about the certificate, not Home. */
static void test_certificate_of_another_login(void **state)
{
	const struct fixture *f = *state;
	static const char *const login[] = { "Login", "clerk_moe", NULL };
	struct term *t = spawn_client(f->config_wrong_cert, 80, 24);

	assert_true(term_wait_text(t, "certificate", CONNECT_MS));
	assert_one_sentence(t, term_find_row(t, "certificate", 0));
	assert_false(home_shown(t, NULL));
	assert_int_equal(term_find_row_words(t, login), -1);
	assert_true(term_key(t, "F3"));
	int status = -1;
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_true(WIFEXITED(status));
	assert_false(home_shown(t, NULL));
	assert_terminal_restored(t);
	term_close(&t);
}

/* Opening Help and going back each cost less than STEP_BYTE_BUDGET bytes. */
static void test_screen_change_bytes(void **state)
{
	const struct fixture *f = *state;
	struct term *t = spawn_client(f->config, 80, 24);

	assert_true(wait_home(t, CONNECT_MS));
	assert_true(term_wait_quiet(t, QUIET_MS, WAIT_MS));
	size_t home_bytes = term_bytes_total(t);
	size_t mark = home_bytes;
	assert_true(term_key(t, "F1"));
	assert_true(wait_help(t, "F1", WAIT_MS));
	assert_true(term_wait_quiet(t, QUIET_MS, WAIT_MS));
	size_t help_bytes = term_bytes_total(t) - mark;
	mark = term_bytes_total(t);
	assert_true(term_key(t, "F3"));
	assert_true(wait_home(t, WAIT_MS));
	assert_true(term_wait_quiet(t, QUIET_MS, WAIT_MS));
	size_t back_bytes = term_bytes_total(t) - mark;
	printf("# bytes: start to Home %zu, F1 to Help %zu, F3 back to Home %zu\n", home_bytes,
	       help_bytes, back_bytes);
	assert_in_range(help_bytes, 1, STEP_BYTE_BUDGET - 1);
	assert_in_range(back_bytes, 1, STEP_BYTE_BUDGET - 1);
	term_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_after_connect),
		cmocka_unit_test(test_help_and_back),
		cmocka_unit_test(test_help_rebound_to_f9),
		cmocka_unit_test(test_quit_restores_terminal),
		cmocka_unit_test(test_resize_moves_legend),
		cmocka_unit_test(test_started_too_small),
		cmocka_unit_test(test_resized_too_small),
		cmocka_unit_test(test_hangup_exits_129),
		cmocka_unit_test(test_certificate_of_another_login),
		cmocka_unit_test(test_screen_change_bytes),
	};

	return cmocka_run_group_tests_name("client shell", tests, setup, teardown);
}
