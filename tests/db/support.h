/*
 * support.h - helpers for the db tests: connect as a demo login with its
 * certificate or as the superuser over the private socket, run statements
 * expecting success or a given SQLSTATE, run hrmis-admin.
 *
 * Environment (set by tests/run.sh): HRMIS_DEVDB_DIR, HRMIS_DEVDB_PORT,
 * HRMIS_ROOT, HRMIS_ADMIN.  Failures end the current cmocka test, except
 * in support_sql_try/support_try_params and the tables of cases, which
 * report and go on.
 */
#ifndef HRMIS_TEST_DB_SUPPORT_H
#define HRMIS_TEST_DB_SUPPORT_H

#include <libpq-fe.h>
#include <stdarg.h>
#include <stdbool.h>

/* Dev cluster directory, port, repository and admin binary (never NULL). */
const char *support_dir(void);
const char *support_port(void);
const char *support_root(void);
const char *support_admin(void);

/*
 * Connection string for `login` over TLS (verify-full) with the certificate
 * files of `cert_login` (NULL: no client certificate) and `extra` appended
 * (may be NULL).  Returns a string the caller frees.
 */
char *support_conninfo(const char *login, const char *cert_login, const char *extra);

/* Connects as `login` with its own certificate; fails the test if refused.
 * The caller PQfinish()es the connection. */
PGconn *support_connect(const char *login);

/* Connects as the cluster superuser over the unix socket to database hrmis. */
PGconn *support_connect_superuser(void);

/* Tries a connection string; returns 1 when it connected (the connection is
 * closed again), 0 when refused.  *message gets libpq's reason if non-NULL
 * (static buffer, valid until the next call). */
int support_try_connect(const char *conninfo, const char **message);

/* Runs `sql`, which must succeed; returns the result (caller PQclear()s). */
PGresult *support_ok(PGconn *conn, const char *sql);

/* Runs `sql` with text parameters, which must succeed; caller PQclear()s. */
PGresult *support_ok_params(PGconn *conn, const char *sql, int n, const char *const *params);

/* Runs `sql`, which must fail with `sqlstate`. */
void support_fails(PGconn *conn, const char *sql, const char *sqlstate);

/* Runs `sql` and returns the SQLSTATE ("00000" on success) as a new string. */
char *support_sqlstate(PGconn *conn, const char *sql);

/* Runs a one-value query that must succeed; returns the value as a long. */
long support_long(PGconn *conn, const char *sql);

/* Runs a one-value query that must succeed; returns a new string (NULL for SQL NULL). */
char *support_text(PGconn *conn, const char *sql);

/* Runs a shell command line; returns its exit status (-1 if it did not exit).
 * Standard output and error go to *output (caller frees) when non-NULL. */
int support_run(const char *command, char **output);

/* Runs a shell command line that must succeed and print a number; returns it. */
long support_run_long(const char *command);

/* Environment prefix that points libpq at the superuser socket (caller frees). */
char *support_admin_env(void);

/* Runs hrmis-admin ARGS (shell words) as the superuser; returns its exit
 * status, its output in *output (caller frees) when non-NULL. */
int support_admin_run(const char *args, char **output);

/*
 * Statements written printf-style (test data only: the values are the
 * tests' own).  support_vformat() returns the text (caller frees); the
 * others run it and fail the test when it fails.
 */
char *support_vformat(const char *fmt, va_list ap);
/* One value as a long. */
long support_sql_long(PGconn *conn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One value as a new string (NULL for SQL NULL); caller frees. */
char *support_sql_text(PGconn *conn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A statement that must succeed; returns the rows it affected. */
long support_sql_run(PGconn *conn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A statement that must fail with SQLSTATE `state`; returns the primary
 * message (caller frees). */
char *support_sql_refused(PGconn *conn, const char *state, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Fails the test unless `haystack` contains `needle`. */
void support_assert_contains(const char *haystack, const char *needle);

/*
 * A statement that may fail, for a case whose failure must not end the
 * test.  Returns NULL when it succeeded, else "SQLSTATE message" (caller
 * frees); *value (when value is non-NULL) gets the first value of the first
 * row as a new string, NULL when there is none, it is SQL NULL or the
 * statement failed.  Never fails the test.
 */
char *support_sql_try(PGconn *conn, char **value, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The same for `sql` with `n` text parameters (no printf formatting). */
char *support_try_params(PGconn *conn, char **value, const char *sql, int n,
                         const char *const *params);

/*
 * Tables of cases.  Each case is checked on its own and its outcome kept:
 * a case that fails prints one line
 *     TABLE: "CASE" expected "WHAT SHOULD COME" got "WHAT CAME"
 * and the next case runs; support_cases_end() then fails the test if any
 * case failed.  Start with `struct support_cases cases = { "table" };`.
 */
#ifndef CASES /* as in tests/validation_cases.h */
#define CASES(array) (sizeof(array) / sizeof((array)[0]))
#endif

struct support_cases {
	const char *table; /* the report's first word: the test's name */
	int run;           /* cases recorded */
	int failed;        /* of them, failed */
};

/* Records case `name`: passed when `ok`, else reported with `expected` and
 * `got` (NULL prints as "(null)").  Returns ok. */
bool support_case(struct support_cases *cases, const char *name, const char *expected,
                  const char *got, bool ok);

/* The same when `got` must equal `expected` (two NULLs are equal). */
bool support_case_equal(struct support_cases *cases, const char *name, const char *expected,
                        const char *got);

/* Fails the current test, saying how many cases of how many failed, when
 * any did; does nothing otherwise. */
void support_cases_end(const struct support_cases *cases);

#endif
