/*
 * db.h - the one wrapper through which every SQL statement passes.
 *
 * Values always travel as $n parameters (PQexecParams / PQsendQueryParams);
 * SQL text is a constant of the calling module.  The wrapper classifies
 * every failure into an `enum status` and keeps libpq's own words as the
 * technical detail.  A notice processor keeps libpq from writing to the
 * terminal.
 */
#ifndef HRMIS_DB_H
#define HRMIS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>

#include "status.h"

struct db;

/* What the event loop must wait for while connecting. */
enum db_wait {
	DB_WAIT_READ,
	DB_WAIT_WRITE,
	DB_WAIT_DONE,   /* connected */
	DB_WAIT_FAILED, /* see db_status() / db_detail() */
};

/* Returns a new unconnected handle; free with db_free(). */
struct db *db_new(void);

/* Closes the connection (if any), frees the handle and sets *db to NULL. */
void db_free(struct db **db);

/*
 * Stores connection parameters (libpq keywords, NULL-terminated arrays;
 * both copied).  db_set_password() adds a password typed at a prompt; it
 * survives later db_set_params() calls and is wiped when the handle is freed.
 */
void db_set_params(struct db *db, const char *const *keys, const char *const *values);
void db_set_password(struct db *db, const char *password);

/* With `require` set, a connection that does not use TLS (a Unix socket
 * chosen by libpq's defaults) is closed and fails with
 * STATUS_DB_NOT_ENCRYPTED.  The terminal client always requires TLS. */
void db_require_tls(struct db *db, bool require);

/* Blocking connect with the stored parameters (admin tool, tests). */
enum status db_connect(struct db *db);

/* Starts a non-blocking connect; then call db_connect_continue() whenever
 * db_socket() is ready in the direction the previous call asked for. */
enum db_wait db_connect_start(struct db *db);
enum db_wait db_connect_continue(struct db *db);

/* Gives up on the connection (open or being opened): closes it and records
 * `status` with `detail` as the failure, e.g. a connect that took too long. */
void db_abandon(struct db *db, enum status status, const char *detail);

/* True when the last failed connect failed only for want of a password. */
bool db_needs_password(const struct db *db);

/* Socket of the connection, or -1. */
int db_socket(const struct db *db);

/* True while a connection is open. */
bool db_connected(const struct db *db);

/* Status and technical detail of the last failure (detail: static to the
 * handle, valid until the next call; never NULL). */
enum status db_status(const struct db *db);
const char *db_detail(const struct db *db);

/* The server's own sentence for the last failed statement (its primary
 * message, without "ERROR:" or details); "" when none.  Triggers of the
 * schema write sentences for clerks there. */
const char *db_message(const struct db *db);

/* The most recent server notice (never NULL; "" when none). */
const char *db_last_notice(const struct db *db);

/*
 * Runs one statement and waits for it.  Returns the result (free with
 * db_result_free) for PGRES_TUPLES_OK / PGRES_COMMAND_OK, else NULL with
 * db_status()/db_detail() set.
 */
PGresult *db_exec(struct db *db, const char *sql, int nparams, const char *const *params);

/* As db_exec() for statements whose result is not needed. */
enum status db_command(struct db *db, const char *sql, int nparams, const char *const *params);

/*
 * Runs a multi-statement script without parameters.  Only for migrations
 * shipped with the program: never pass text that contains user data.
 */
enum status db_script(struct db *db, const char *sql);

/* One statement: constant SQL text and its $n parameters, as text unless
 * `formats` says 1 for a parameter, which is then `lengths` bytes of
 * binary (a bytea sent as it is, not hex-doubled).  lengths and formats may
 * be NULL (all text). */
struct db_statement {
	const char *sql;
	int nparams;
	const char *const *params;
	const int *lengths;
	const int *formats;
	int columns; /* of its answer (the enum beside the SQL); 0: not checked */
};

enum {
	DB_MAX_UNITS = 16, /* units in flight at once */
	DB_MAX_UNIT = 16,  /* statements in one unit */
};

/*
 * Sends `count` statements as one unit without waiting: they run in one
 * implicit transaction (a failure rolls the unit back and skips the rest
 * of it).  Units sent while others are in flight follow them in the same
 * pipeline: one round trip for all, answered in the order sent.  Collect
 * with db_poll_unit().
 */
enum status db_send_unit(struct db *db, const struct db_statement *statements, int count);

/*
 * Reads what the server sent.  Returns true when the oldest unit in flight
 * is answered: results[i] holds the result of statement i (NULL when it
 * failed or was skipped; free each with db_result_free) and db_status() is
 * STATUS_OK or the unit's first failure.  Call it again until it returns
 * false: several units may have been answered at once.  Returns true with
 * STATUS_DB_LOST when the connection broke (every unit in flight is lost).
 */
bool db_poll_unit(struct db *db, PGresult **results);

/* Statements of the oldest unit in flight (0 when none). */
int db_unit_count(const struct db *db);

/* Units in flight. */
int db_in_flight(const struct db *db);

/* True while libpq holds bytes it could not write yet: the event loop must
 * then wait for the socket to become writable too, or a large statement
 * (an attachment) never finishes sending. */
bool db_wants_write(const struct db *db);

/* One statement as a unit of its own, and its result (the first result of
 * the oldest unit; true when it is answered). */
enum status db_send(struct db *db, const char *sql, int nparams, const char *const *params);
bool db_poll_result(struct db *db, PGresult **result);

/* A unit of several statements (db_send_unit), and collecting it. */
enum status db_send_batch(struct db *db, const struct db_statement *statements, int count);
bool db_poll_batch(struct db *db, PGresult **results);

/* Sends a batch and waits for it (admin tool, tests, benchmarks). */
enum status db_exec_batch(struct db *db, const struct db_statement *statements, int count,
                          PGresult **results);

/* True while a unit is in flight. */
bool db_busy(const struct db *db);

/*
 * Waits up to timeout_ms for every unit in flight to finish and throws
 * their results away, so the connection can be used at once.
 * Returns false when it did not finish in time (the connection is then
 * closed, with STATUS_DB_TIMEOUT).
 */
bool db_drain(struct db *db, int timeout_ms);

/*
 * Asks the server to cancel the statement it is running (best effort; with
 * several units in flight, whichever runs when the request arrives).  The
 * request needs a connection of its own: with `wait` false it is made on a
 * thread and the call returns at once (the event loop never waits on the
 * network); with `wait` true the call returns once it was delivered.
 */
void db_cancel(struct db *db, bool wait);

/*
 * For an idle connection whose socket became readable: reads what the
 * server sent (a notice, or the end of the connection).  Returns false
 * when the connection is gone (db_status() is then STATUS_DB_LOST).
 */
bool db_check_idle(struct db *db);

/* The value of a stored connection parameter ("user", "host" ...), or NULL. */
const char *db_param(const struct db *db, const char *key);

/* "host:port" of the open connection and its TLS protocol ("TLSv1.3"),
 * written into buf; "" when not connected. */
void db_describe(const struct db *db, char *server, size_t server_size, char *tls, size_t tls_size);

/*
 * Computes the SCRAM-SHA-256 verifier of `password` for `user` on the open
 * connection, so the clear password never travels or reaches a log.
 * Returns a malloc'd string the caller frees, or NULL (db_status set).
 */
char *db_password_verifier(struct db *db, const char *user, const char *password);

/* Frees a result and sets *result to NULL. */
void db_result_free(PGresult **result);

/* Value of row `row`, column `col`, or NULL when SQL NULL. */
const char *db_value(const PGresult *result, int row, int col);

#endif
