/*
 * test_connect.c - the client's connection path (core/db.c) against a real
 * server: each way of failing becomes the one sentence a clerk should see,
 * the non-blocking connect agrees with the blocking one, a password is
 * asked for only when the server wants one, and an unencrypted connection
 * is refused by the client itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "db.h"
#include "support.h"
#include "xalloc.h"

/* A db handle with the parameters of a libpq connection string. */
static struct db *db_from_conninfo(const char *conninfo)
{
	PQconninfoOption *options = PQconninfoParse(conninfo, NULL);
	const char *keys[64], *values[64];
	int n = 0;
	struct db *db = db_new();

	assert_non_null(options);
	for (PQconninfoOption *o = options; o->keyword != NULL && n < 63; o++) {
		if (o->val == NULL)
			continue;
		keys[n] = o->keyword;
		values[n++] = o->val;
	}
	keys[n] = values[n] = NULL;
	db_set_params(db, keys, values);
	PQconninfoFree(options);
	return db;
}

/* Connects with `conninfo` and returns the status the client would show. */
static enum status connect_status(const char *conninfo, bool require_tls)
{
	struct db *db = db_from_conninfo(conninfo);
	enum status status;

	db_require_tls(db, require_tls);
	status = db_connect(db);
	if (status != STATUS_OK)
		print_message("# %s: %s\n", status_name(status), db_detail(db));
	db_free(&db);
	return status;
}

static void assert_status(const char *conninfo, enum status expected)
{
	enum status got = connect_status(conninfo, true);

	if (got != expected) {
		print_error("expected %s, got %s for %s\n", status_name(expected), status_name(got),
		            conninfo);
		fail();
	}
}

static void good_certificate_connects_over_tls13(void **unused)
{
	char *conninfo = support_conninfo("clerk_moe", "clerk_moe", NULL);
	struct db *db = db_from_conninfo(conninfo);
	char server[128], tls[32];

	(void)unused;
	db_require_tls(db, true);
	assert_int_equal(db_connect(db), STATUS_OK);
	db_describe(db, server, sizeof server, tls, sizeof tls);
	assert_string_equal(tls, "TLSv1.3");
	assert_non_null(strstr(server, support_port()));
	db_free(&db);
	free(conninfo);
}

static void server_down_is_unreachable(void **unused)
{
	/* Nothing listens on port 1 of the loopback address. */
	char *conninfo = support_conninfo("clerk_moe", "clerk_moe", "host=127.0.0.1 port=1");

	(void)unused;
	assert_status(conninfo, STATUS_DB_UNREACHABLE);
	free(conninfo);
}

static void wrong_server_name_is_a_tls_name_mismatch(void **unused)
{
	/* The right address under a name the server certificate does not carry. */
	char *conninfo =
	        support_conninfo("clerk_moe", "clerk_moe", "host=hr-db.invalid hostaddr=127.0.0.1");

	(void)unused;
	assert_status(conninfo, STATUS_DB_TLS_NAME);
	free(conninfo);
}

static void untrusted_server_certificate(void **unused)
{
	/* A root file that did not sign the server's certificate. */
	char *extra = xasprintf("sslrootcert=%s/tls/clerk_moe.crt", support_dir());
	char *conninfo = support_conninfo("clerk_moe", "clerk_moe", extra);

	(void)unused;
	assert_status(conninfo, STATUS_DB_TLS_UNTRUSTED);
	free(conninfo);
	free(extra);
}

static void certificate_of_another_login(void **unused)
{
	char *conninfo = support_conninfo("clerk_moe", "clerk_mwa", NULL);

	(void)unused;
	assert_status(conninfo, STATUS_DB_CLIENT_CERT);
	free(conninfo);
}

static void readable_key_file_is_refused_before_sending(void **unused)
{
	char *key = xasprintf("%s/tls/clerk_moe.key", support_dir());
	char *copy = xasprintf("%s/tls/open-%d.key", support_dir(), (int)getpid());
	char *command = xasprintf("cp '%s' '%s' && chmod 0644 '%s'", key, copy, copy);
	char *extra = xasprintf("sslkey=%s", copy);
	char *conninfo;

	(void)unused;
	assert_int_equal(support_run(command, NULL), 0);
	conninfo = support_conninfo("clerk_moe", "clerk_moe", extra);
	assert_status(conninfo, STATUS_DB_CLIENT_CERT);
	unlink(copy);
	free(conninfo);
	free(extra);
	free(command);
	free(copy);
	free(key);
}

static void unknown_login_is_named(void **unused)
{
	/* A certificate from the right authority for a role that does not exist. */
	char *login = xasprintf("nobody_%d", (int)getpid());
	char *command =
	        xasprintf("'%s/scripts/devdb.sh' cert %s >/dev/null", support_root(), login);
	char *conninfo;

	(void)unused;
	assert_int_equal(support_run(command, NULL), 0);
	conninfo = support_conninfo(login, login, NULL);
	assert_status(conninfo, STATUS_DB_LOGIN_UNKNOWN);
	free(conninfo);
	free(command);
	free(login);
}

static void unencrypted_socket_is_refused_by_the_client(void **unused)
{
	/* The superuser's Unix socket works without TLS; the client refuses it. */
	char *superuser = NULL, *path = xasprintf("%s/superuser", support_dir());
	char *conninfo;
	FILE *f = fopen(path, "r");
	char name[128] = "";

	(void)unused;
	assert_non_null(f);
	assert_non_null(fgets(name, sizeof name, f));
	fclose(f);
	name[strcspn(name, "\n")] = '\0';
	superuser = xstrdup(name);
	conninfo = xasprintf("host=%s/run port=%s dbname=hrmis user=%s sslmode=verify-full",
	                     support_dir(), support_port(), superuser);
	assert_int_equal(connect_status(conninfo, false), STATUS_OK);
	assert_int_equal(connect_status(conninfo, true), STATUS_DB_NOT_ENCRYPTED);
	free(conninfo);
	free(superuser);
	free(path);
}

/* Drives the non-blocking connect with poll(), as the client's loop does. */
static enum status connect_async(struct db *db)
{
	enum db_wait wait = db_connect_start(db);

	while (wait == DB_WAIT_READ || wait == DB_WAIT_WRITE) {
		struct pollfd pfd = { db_socket(db), wait == DB_WAIT_READ ? POLLIN : POLLOUT, 0 };

		assert_true(poll(&pfd, 1, 10000) == 1);
		wait = db_connect_continue(db);
	}
	return wait == DB_WAIT_DONE ? STATUS_OK : db_status(db);
}

static void non_blocking_connect_agrees(void **unused)
{
	char *good = support_conninfo("clerk_moe", "clerk_moe", NULL);
	char *bad = support_conninfo("clerk_moe", "clerk_mwa", NULL);
	struct db *db = db_from_conninfo(good);
	PGresult *result;

	(void)unused;
	db_require_tls(db, true);
	assert_int_equal(connect_async(db), STATUS_OK);
	/* A query sent without waiting, collected as the loop would. */
	assert_int_equal(db_send(db, "SELECT org_code FROM hr.whoami()", 0, NULL), STATUS_OK);
	assert_true(db_busy(db));
	for (;;) {
		struct pollfd pfd = { db_socket(db), POLLIN, 0 };

		assert_true(poll(&pfd, 1, 10000) == 1);
		if (db_poll_result(db, &result))
			break;
	}
	assert_non_null(result);
	assert_string_equal(db_value(result, 0, 0), "MOE");
	db_result_free(&result);
	db_free(&db);
	db = db_from_conninfo(bad);
	assert_int_equal(connect_async(db), STATUS_DB_CLIENT_CERT);
	db_free(&db);
	free(good);
	free(bad);
}

static void password_is_asked_only_when_wanted(void **unused)
{
	char *login = xasprintf("clerk_pw_%d", (int)getpid());
	char *command = xasprintf("echo 'Right-pass-7' | '%s/scripts/devdb.sh' admin user add %s "
	                          "--org MWA --kind clerk --password >/dev/null && "
	                          "'%s/scripts/devdb.sh' cert %s >/dev/null",
	                          support_root(), login, support_root(), login);
	char *conninfo;
	struct db *db;

	(void)unused;
	assert_int_equal(support_run(command, NULL), 0);
	/* A certificate-only login is never asked. */
	conninfo = support_conninfo("clerk_mwa", "clerk_mwa", NULL);
	db = db_from_conninfo(conninfo);
	assert_int_equal(db_connect(db), STATUS_OK);
	assert_false(db_needs_password(db));
	db_free(&db);
	free(conninfo);
	/* The two-factor login: no password, a wrong one, the right one. */
	conninfo = support_conninfo(login, login, NULL);
	db = db_from_conninfo(conninfo);
	assert_int_equal(db_connect(db), STATUS_DB_PASSWORD);
	assert_true(db_needs_password(db));
	db_set_password(db, "wrong-pass-1");
	assert_int_equal(db_connect(db), STATUS_DB_PASSWORD);
	assert_true(db_needs_password(db));
	db_set_password(db, "Right-pass-7");
	assert_int_equal(db_connect(db), STATUS_OK);
	assert_false(db_needs_password(db));
	db_free(&db);
	/* The password alone, without the certificate, is not enough. */
	free(conninfo);
	conninfo = support_conninfo(login, NULL, "password=Right-pass-7");
	assert_int_not_equal(connect_status(conninfo, true), STATUS_OK);
	free(conninfo);
	free(command);
	free(login);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_certificate_connects_over_tls13),
		cmocka_unit_test(server_down_is_unreachable),
		cmocka_unit_test(wrong_server_name_is_a_tls_name_mismatch),
		cmocka_unit_test(untrusted_server_certificate),
		cmocka_unit_test(certificate_of_another_login),
		cmocka_unit_test(readable_key_file_is_refused_before_sending),
		cmocka_unit_test(unknown_login_is_named),
		cmocka_unit_test(unencrypted_socket_is_refused_by_the_client),
		cmocka_unit_test(non_blocking_connect_agrees),
		cmocka_unit_test(password_is_asked_only_when_wanted),
	};

	return cmocka_run_group_tests_name("client connection path", tests, NULL, NULL);
}
