/*
 * test_robust.c - the client under adverse conditions: a server that
 * accepts the connection and never answers (the screen stays usable and
 * the connect gives up after database.connect_timeout), SIGTERM, and
 * crashes, after which the terminal must be usable again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness_client.h"

enum { CONNECT_MS = 10000, WAIT_MS = CLIENT_WAIT_MS };

/* A config for clerk_moe at `port` with connect_timeout seconds; malloc'd path. */
static char *write_config(const char *dir, int port, int connect_timeout)
{
	const char *devdb = getenv("HRMIS_DEVDB_DIR");
	char *path = malloc(strlen(dir) + 32);
	FILE *f;

	assert_non_null(devdb);
	assert_non_null(path);
	sprintf(path, "%s/clerk_moe-%d.conf", dir, port);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
	        "database = {\n"
	        "  host = \"localhost\"; port = %d; dbname = \"hrmis\"; user = \"clerk_moe\";\n"
	        "  connect_timeout = %d;\n"
	        "  sslrootcert = \"%s/tls/ca.crt\";\n"
	        "  sslcert = \"%s/tls/clerk_moe.crt\"; sslkey = \"%s/tls/clerk_moe.key\";\n"
	        "};\n",
	        port, connect_timeout, devdb, devdb, devdb);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* A TCP listener on 127.0.0.1 that never accepts: connects succeed, then silence. */
static int black_hole(int *port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof addr;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
	assert_int_equal(listen(fd, 8), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
	*port = ntohs(addr.sin_port);
	return fd;
}

/* The client with config at 80x24; the test fails if it cannot start. */
static struct term *spawn_client(const char *config)
{
	struct term *t = client_spawn(config, 80, 24, NULL);

	assert_non_null(t);
	return t;
}

static void silent_server_times_out_and_screen_stays_usable(void **unused)
{
	char *dir = term_tmpdir_create(), *config;
	int port, hole = black_hole(&port);
	struct term *t;

	(void)unused;
	config = write_config(dir, port, 2);
	t = spawn_client(config);
	assert_true(term_wait_text(t, "Please wait", WAIT_MS));
	/* While the connect hangs, keys still work: help opens and closes. */
	assert_true(term_key(t, "F1"));
	assert_true(term_wait_text(t, "Keys on every screen", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(term_wait_text(t, "Connecting to localhost:", WAIT_MS));
	/* The connect gives up by itself with one plain sentence. */
	assert_true(term_wait_text(t, "The database did not answer in time.", CONNECT_MS));
	assert_false(term_has_text(t, "Organisation:"));
	assert_true(term_key(t, "F8"));
	assert_true(term_wait_text(t, "within 2 seconds", WAIT_MS));
	assert_true(term_key(t, "F3"));
	assert_true(client_exit_is(t, 0));
	assert_true(term_restored(t));
	term_close(&t);
	close(hole);
	free(config);
	term_tmpdir_remove(&dir);
}

/* Starts the client as the demo clerk and waits for Home. */
static struct term *client_at_home(char **config, char **dir)
{
	struct term *t;

	*dir = term_tmpdir_create();
	*config = write_config(*dir, atoi(getenv("HRMIS_DEVDB_PORT")), 10);
	t = spawn_client(*config);
	assert_true(term_wait_text(t, "Organisation:", CONNECT_MS));
	return t;
}

static void sigterm_exits_143_restored(void **unused)
{
	char *config, *dir;
	struct term *t = client_at_home(&config, &dir);

	(void)unused;
	assert_int_equal(kill(term_pid(t), SIGTERM), 0);
	assert_true(client_exit_is(t, 143));
	assert_true(term_restored(t));
	assert_true(term_tty_sane(t));
	term_close(&t);
	free(config);
	term_tmpdir_remove(&dir);
}

/* A crash still gives the terminal back, then dies of the same signal. */
static void crash_restores_terminal(int sig)
{
	char *config, *dir;
	struct term *t = client_at_home(&config, &dir);
	int status;

	assert_true(term_altscreen_active(t));
	assert_int_equal(kill(term_pid(t), sig), 0);
	assert_true(term_wait_exit(t, &status, WAIT_MS));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), sig);
	assert_true(term_restored(t));
	assert_true(term_tty_sane(t));
	term_close(&t);
	free(config);
	term_tmpdir_remove(&dir);
}

static void abort_restores_terminal(void **unused)
{
	(void)unused;
	crash_restores_terminal(SIGABRT);
}

static void segfault_restores_terminal(void **unused)
{
	(void)unused;
	crash_restores_terminal(SIGSEGV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(silent_server_times_out_and_screen_stays_usable),
		cmocka_unit_test(sigterm_exits_143_restored),
		cmocka_unit_test(abort_restores_terminal),
		cmocka_unit_test(segfault_restores_terminal),
	};

	if (getenv("HRMIS_BIN") == NULL || getenv("HRMIS_DEVDB_DIR") == NULL ||
	    getenv("HRMIS_DEVDB_PORT") == NULL) {
		fprintf(stderr, "run the screen tests through tests/run.sh\n");
		return 1;
	}
	return cmocka_run_group_tests_name("client under adverse conditions", tests, NULL, NULL);
}
