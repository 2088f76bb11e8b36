/*
 * test_status.c - the error vocabulary: every status has a name and a
 * sentence, and SQLSTATEs and libpq connection failures (texts as
 * PostgreSQL 15 and its libpq write them) map to the status a clerk sees.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

struct text_case {
	const char *text;
	enum status expected;
};

static void check_cases(const struct text_case *cases, size_t count,
                        enum status (*map)(const char *))
{
	for (size_t i = 0; i < count; i++) {
		enum status got = map(cases[i].text);
		if (got != cases[i].expected)
			fail_msg("\"%s\" gave %s, expected %s",
			         cases[i].text ? cases[i].text : "(null)", status_name(got),
			         status_name(cases[i].expected));
	}
}

/* Every status has an upper-case unique name and a sentence. */
static void test_tables(void **state)
{
	(void)state;
	for (int i = 0; i < STATUS_COUNT; i++) {
		const char *name = status_name((enum status)i);
		const char *message = status_message((enum status)i);
		assert_true(strlen(name) > 1);
		for (const char *p = name; *p != '\0'; p++)
			assert_true(isupper((unsigned char)*p) || isdigit((unsigned char)*p) ||
			            *p == '_');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(name, status_name((enum status)j));
		assert_true(strlen(message) > 4);
		assert_int_equal(message[strlen(message) - 1], '.');
	}
	assert_string_equal(status_name(STATUS_OK), "OK");
	assert_string_equal(status_name(STATUS_SSLMODE_WEAK), "SSLMODE_WEAK");
	assert_non_null(strstr(status_message(STATUS_SSLMODE_WEAK), "verify-full"));
	assert_string_equal(status_name(STATUS_COUNT), "UNKNOWN");
	assert_string_equal(status_message(STATUS_COUNT), "Unknown error.");
	assert_string_equal(status_message((enum status) - 1), "Unknown error.");
}

static void test_sqlstate(void **state)
{
	(void)state;
	static const struct text_case cases[] = {
		{ "42501", STATUS_DB_PERMISSION }, /* RLS WITH CHECK, missing GRANT */
		{ "23505", STATUS_DB_DUPLICATE },  { "23503", STATUS_DB_REFERENCE },
		{ "23P01", STATUS_DB_INVALID }, /* overlapping assignment periods */
		{ "23514", STATUS_DB_INVALID }, /* check constraint */
		{ "23502", STATUS_DB_INVALID }, /* not null */
		{ "22007", STATUS_DB_INVALID }, /* invalid datetime format */
		{ "22008", STATUS_DB_INVALID }, /* datetime field overflow */
		{ "40001", STATUS_DB_BUSY },       { "40P01", STATUS_DB_BUSY },
		{ "55P03", STATUS_DB_BUSY },       { "57014", STATUS_DB_CANCELLED },
		{ "57P01", STATUS_DB_LOST },       { "08006", STATUS_DB_LOST },
		{ "08001", STATUS_DB_LOST },       { "28000", STATUS_DB_LOGIN_UNKNOWN },
		{ "28P01", STATUS_DB_PASSWORD },   { "42P01", STATUS_DB_SCHEMA },
		{ "42883", STATUS_DB_SCHEMA },     { "3F000", STATUS_DB_SCHEMA },
		{ "XX000", STATUS_DB_ERROR },      { "P0001", STATUS_DB_ERROR },
		{ "", STATUS_DB_ERROR },           { "4250", STATUS_DB_ERROR },
		{ "425011", STATUS_DB_ERROR },     { NULL, STATUS_DB_ERROR },
	};
	check_cases(cases, sizeof cases / sizeof cases[0], status_from_sqlstate);
}

static void test_connect_error(void **state)
{
	(void)state;
	static const struct text_case cases[] = {
		{ "connection to server at \"127.0.0.2\", port 54329 failed: server certificate "
		  "for "
		  "\"localhost\" does not match host name \"127.0.0.2\"\n",
		  STATUS_DB_TLS_NAME },
		{ "connection to server at \"127.0.0.1\", port 54329 failed: Connection refused\n"
		  "\tIs the server running on that host and accepting TCP/IP connections?\n",
		  STATUS_DB_UNREACHABLE },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "certificate authentication failed for user \"clerk_moe\"\n",
		  STATUS_DB_CLIENT_CERT },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "role \"nobody\" does not exist\n",
		  STATUS_DB_LOGIN_UNKNOWN },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: SSL "
		  "error: "
		  "certificate verify failed\n",
		  STATUS_DB_TLS_UNTRUSTED },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "no pg_hba.conf entry for host \"127.0.0.1\", user \"clerk_moe\", database "
		  "\"hrmis\", "
		  "no encryption\n",
		  STATUS_DB_LOGIN_UNKNOWN },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "database \"hrmis_typo\" does not exist\n",
		  STATUS_DB_NO_DATABASE },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"nobody\", "
		  "database \"hrmis\", SSL encryption\n",
		  STATUS_DB_LOGIN_UNKNOWN },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "role \"clerk_gone\" is not permitted to log in\n",
		  STATUS_DB_LOGIN_UNKNOWN },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "connection requires a valid client certificate\n",
		  STATUS_DB_CLIENT_CERT },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: "
		  "certificate present, but not private key file "
		  "\"/home/moe/.postgresql/postgresql.key\"\n",
		  STATUS_DB_CLIENT_CERT },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: private "
		  "key file "
		  "\"/tmp/moe.key\" has group or world access; file must have permissions u=rw "
		  "(0600) "
		  "or less if owned by the current user, or permissions u=rw,g=r (0640) or less if "
		  "owned by root\n",
		  STATUS_DB_CLIENT_CERT },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: SSL "
		  "error: "
		  "tlsv13 alert certificate required\n",
		  STATUS_DB_CLIENT_CERT },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: root "
		  "certificate "
		  "file \"/root/.postgresql/root.crt\" does not exist\nEither provide the file or "
		  "change "
		  "sslmode to disable server certificate verification.\n",
		  STATUS_DB_TLS_UNTRUSTED },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: FATAL:  "
		  "password authentication failed for user \"clerk_moe\"\n",
		  STATUS_DB_PASSWORD },
		{ "connection to server at \"localhost\" (127.0.0.1), port 54329 failed: "
		  "fe_sendauth: no password supplied\n",
		  STATUS_DB_PASSWORD },
		{ "connection to server at \"10.255.255.1\", port 5432 failed: timeout expired\n",
		  STATUS_DB_TIMEOUT },
		{ "could not translate host name \"db.invalid\" to address: Name or service not "
		  "known\n",
		  STATUS_DB_UNREACHABLE },
		{ "connection to server at \"10.9.9.9\", port 5432 failed: No route to host\n"
		  "\tIs the server running on that host and accepting TCP/IP connections?\n",
		  STATUS_DB_UNREACHABLE },
		{ "server closed the connection unexpectedly\n\tThis probably means the server "
		  "terminated abnormally\n\tbefore or while processing the request.\n",
		  STATUS_DB_LOST },
		{ "", STATUS_DB_ERROR },
		{ "something nobody has seen before", STATUS_DB_ERROR },
		{ NULL, STATUS_DB_ERROR },
	};
	check_cases(cases, sizeof cases / sizeof cases[0], status_from_connect_error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_sqlstate),
		cmocka_unit_test(test_connect_error),
	};
	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
