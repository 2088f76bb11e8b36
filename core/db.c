/* db.c - libpq wrapper: connect (blocking or not), run statements, classify failures. */
#include "db.h"

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum { MAX_PARAMS = 32, DETAIL_SIZE = 1024, NOTICE_SIZE = 512 };

/* Statements sent together and closed by one sync: one implicit
 * transaction, answered in order after the units sent before it. */
struct unit {
	int count;     /* statements */
	int next;      /* index of the statement whose results come next */
	bool failed;   /* its first failure is recorded below */
	enum status status;
	char detail[DETAIL_SIZE];
	char message[DETAIL_SIZE];
	PGresult *results[DB_MAX_UNIT];
};

struct db {
	PGconn *conn;
	char *keys[MAX_PARAMS + 1];
	char *values[MAX_PARAMS + 1];
	int nkeys;
	bool needs_password;
	enum status status;
	char detail[DETAIL_SIZE];
	char notice[NOTICE_SIZE];
	char message[DETAIL_SIZE]; /* primary message of the last failed statement */
	char *password;    /* given by the user at a prompt; kept for reconnecting */
	bool require_tls;
	struct unit units[DB_MAX_UNITS]; /* in flight, oldest first */
	int nunits;
};

struct db *db_new(void)
{
	return xcalloc(1, sizeof(struct db));
}

static void clear_params(struct db *db)
{
	for (int i = 0; i < db->nkeys; i++) {
		free(db->keys[i]);
		free(db->values[i]);
		db->keys[i] = db->values[i] = NULL;
	}
	db->nkeys = 0;
}

static void forget_password(struct db *db)
{
	if (db->password != NULL) {
		memset(db->password, 0, strlen(db->password));
		free(db->password);
		db->password = NULL;
	}
}

/* Forgets every unit in flight (the connection is gone or being closed). */
static void drop_units(struct db *db)
{
	for (int u = 0; u < db->nunits; u++)
		for (int i = 0; i < DB_MAX_UNIT; i++)
			db_result_free(&db->units[u].results[i]);
	db->nunits = 0;
}

void db_free(struct db **db)
{
	if (db == NULL || *db == NULL)
		return;
	if ((*db)->conn != NULL)
		PQfinish((*db)->conn);
	drop_units(*db);
	forget_password(*db);
	clear_params(*db);
	free(*db);
	*db = NULL;
}

static void set_param(struct db *db, const char *key, const char *value)
{
	for (int i = 0; i < db->nkeys; i++) {
		if (strcmp(db->keys[i], key) == 0) {
			free(db->values[i]);
			db->values[i] = xstrdup(value);
			return;
		}
	}
	if (db->nkeys == MAX_PARAMS)
		return;
	db->keys[db->nkeys] = xstrdup(key);
	db->values[db->nkeys] = xstrdup(value);
	db->nkeys++;
}

void db_set_params(struct db *db, const char *const *keys, const char *const *values)
{
	clear_params(db);
	for (int i = 0; keys[i] != NULL; i++)
		if (values[i] != NULL && values[i][0] != '\0')
			set_param(db, keys[i], values[i]);
}

void db_set_password(struct db *db, const char *password)
{
	forget_password(db);
	db->password = xstrdup(password);
}

static void fail(struct db *db, enum status status, const char *detail)
{
	db->message[0] = '\0';
	db->status = status;
	snprintf(db->detail, sizeof db->detail, "%s", detail ? detail : "");
	/* libpq messages end in a newline; the screen shows one line. */
	size_t len = strlen(db->detail);
	while (len > 0 && (db->detail[len - 1] == '\n' || db->detail[len - 1] == ' '))
		db->detail[--len] = '\0';
}

/* Records a statement's failure: the status, libpq's text, the server's sentence. */
static void fail_with_result(struct db *db, const PGresult *result)
{
	const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);

	fail(db, status_from_sqlstate(PQresultErrorField(result, PG_DIAG_SQLSTATE)),
	     PQresultErrorMessage(result));
	snprintf(db->message, sizeof db->message, "%s", primary ? primary : "");
}

static void keep_notice(void *arg, const char *message)
{
	struct db *db = arg;

	snprintf(db->notice, sizeof db->notice, "%s", message);
}

void db_require_tls(struct db *db, bool require)
{
	db->require_tls = require;
}

/* Returns false (connection closed, status set) when TLS is required but not in use. */
static bool after_connect(struct db *db)
{
	if (db->require_tls && !PQsslInUse(db->conn)) {
		fail(db, STATUS_DB_NOT_ENCRYPTED, "connected without TLS (Unix-domain socket?)");
		PQfinish(db->conn);
		db->conn = NULL;
		return false;
	}
	PQsetNoticeProcessor(db->conn, keep_notice, db);
	PQsetnonblocking(db->conn, 1);
	db->status = STATUS_OK;
	db->detail[0] = '\0';
	return true;
}

static void connect_failed(struct db *db)
{
	const char *message = db->conn ? PQerrorMessage(db->conn) : "out of memory";

	enum status status = status_from_connect_error(message);

	/* Asked for a password, or the one given was refused: prompt again. */
	db->needs_password = status == STATUS_DB_PASSWORD ||
	                     (db->conn != NULL && PQconnectionNeedsPassword(db->conn));
	fail(db, db->needs_password ? STATUS_DB_PASSWORD : status, message);
	if (db->conn != NULL) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
}

static void open_conn(struct db *db, bool blocking)
{
	const char *keys[MAX_PARAMS + 1];
	const char *values[MAX_PARAMS + 1];

	for (int i = 0; i < db->nkeys; i++) {
		keys[i] = db->keys[i];
		values[i] = db->values[i];
	}
	keys[db->nkeys] = values[db->nkeys] = NULL;
	if (db->password != NULL && db->nkeys < MAX_PARAMS) {
		keys[db->nkeys] = "password";
		values[db->nkeys] = db->password;
		keys[db->nkeys + 1] = values[db->nkeys + 1] = NULL;
	}
	if (db->conn != NULL)
		PQfinish(db->conn);
	drop_units(db);
	db->needs_password = false;
	db->conn = blocking ? PQconnectdbParams(keys, values, 1)
	                    : PQconnectStartParams(keys, values, 1);
}

enum status db_connect(struct db *db)
{
	open_conn(db, true);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		connect_failed(db);
		return db->status;
	}
	return after_connect(db) ? STATUS_OK : db->status;
}

enum db_wait db_connect_start(struct db *db)
{
	open_conn(db, false);
	if (db->conn == NULL || PQstatus(db->conn) == CONNECTION_BAD) {
		connect_failed(db);
		return DB_WAIT_FAILED;
	}
	return DB_WAIT_WRITE;
}

enum db_wait db_connect_continue(struct db *db)
{
	if (db->conn == NULL)
		return DB_WAIT_FAILED;
	switch (PQconnectPoll(db->conn)) {
	case PGRES_POLLING_READING:
		return DB_WAIT_READ;
	case PGRES_POLLING_WRITING:
		return DB_WAIT_WRITE;
	case PGRES_POLLING_OK:
		return after_connect(db) ? DB_WAIT_DONE : DB_WAIT_FAILED;
	default:
		connect_failed(db);
		return DB_WAIT_FAILED;
	}
}

void db_abandon(struct db *db, enum status status, const char *detail)
{
	if (db->conn != NULL) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
	drop_units(db);
	db->needs_password = false;
	fail(db, status, detail);
}

bool db_needs_password(const struct db *db)
{
	return db->needs_password;
}

int db_socket(const struct db *db)
{
	return db->conn ? PQsocket(db->conn) : -1;
}

bool db_connected(const struct db *db)
{
	return db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK;
}

enum status db_status(const struct db *db)
{
	return db->status;
}

const char *db_detail(const struct db *db)
{
	return db->detail;
}

const char *db_message(const struct db *db)
{
	return db->message;
}

const char *db_last_notice(const struct db *db)
{
	return db->notice;
}

/* Classifies a finished result; returns it when good, else frees it. */
static PGresult *check_result(struct db *db, PGresult *result)
{
	ExecStatusType st = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		db->status = STATUS_OK;
		db->detail[0] = '\0';
		return result;
	}
	if (PQstatus(db->conn) != CONNECTION_OK)
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
	else if (result != NULL)
		fail_with_result(db, result);
	else
		fail(db, STATUS_DB_ERROR, PQerrorMessage(db->conn));
	PQclear(result);
	return NULL;
}

static bool usable(struct db *db)
{
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		fail(db, STATUS_DB_LOST, db->conn ? PQerrorMessage(db->conn) : "not connected");
		return false;
	}
	return true;
}

PGresult *db_exec(struct db *db, const char *sql, int nparams, const char *const *params)
{
	PGresult *result, *extra;

	if (!usable(db))
		return NULL;
	if (db->nunits > 0) {
		fail(db, STATUS_DB_BUSY, "another statement is still running");
		return NULL;
	}
	/* The connection is non-blocking for the event loop; wait here explicitly. */
	PQsetnonblocking(db->conn, 0);
	result = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	PQsetnonblocking(db->conn, 1);
	while ((extra = PQgetResult(db->conn)) != NULL)
		PQclear(extra);
	return check_result(db, result);
}

enum status db_command(struct db *db, const char *sql, int nparams, const char *const *params)
{
	PGresult *result = db_exec(db, sql, nparams, params);

	db_result_free(&result);
	return db->status;
}

enum status db_script(struct db *db, const char *sql)
{
	PGresult *result;

	if (!usable(db))
		return db->status;
	PQsetnonblocking(db->conn, 0);
	result = check_result(db, PQexec(db->conn, sql));
	PQsetnonblocking(db->conn, 1);
	db_result_free(&result);
	return db->status;
}

enum status db_send_unit(struct db *db, const struct db_statement *statements, int count)
{
	struct unit *unit;

	if (!usable(db))
		return db->status;
	if (db->nunits == DB_MAX_UNITS || count < 1 || count > DB_MAX_UNIT) {
		fail(db, STATUS_DB_BUSY, "too many statements in flight");
		return db->status;
	}
	if (PQpipelineStatus(db->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(db->conn)) {
		fail(db, STATUS_DB_ERROR, PQerrorMessage(db->conn));
		return db->status;
	}
	for (int i = 0; i < count; i++) {
		const struct db_statement *st = &statements[i];

		if (!PQsendQueryParams(db->conn, st->sql, st->nparams, NULL, st->params, st->lengths,
		                       st->formats, 0)) {
			fail(db, PQstatus(db->conn) == CONNECTION_OK ? STATUS_DB_ERROR : STATUS_DB_LOST,
			     PQerrorMessage(db->conn));
			/* Part of a unit without its sync cannot be taken back: the
			 * connection is closed, and the units before it with it. */
			PQfinish(db->conn);
			db->conn = NULL;
			drop_units(db);
			return db->status;
		}
	}
	if (!PQpipelineSync(db->conn)) {
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		PQfinish(db->conn);
		db->conn = NULL;
		drop_units(db);
		return db->status;
	}
	/* What does not fit into the socket now goes when it is writable
	 * (db_wants_write). */
	if (PQflush(db->conn) < 0) {
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return db->status;
	}
	unit = &db->units[db->nunits++];
	memset(unit, 0, sizeof *unit);
	unit->count = count;
	return STATUS_OK;
}

enum status db_send(struct db *db, const char *sql, int nparams, const char *const *params)
{
	struct db_statement statement = { .sql = sql, .nparams = nparams, .params = params };

	return db_send_unit(db, &statement, 1);
}

enum status db_send_batch(struct db *db, const struct db_statement *statements, int count)
{
	return db_send_unit(db, statements, count);
}

/* Files one result of the oldest unit; its first failure gives its status. */
static void unit_take(struct db *db, struct unit *unit, PGresult *result)
{
	ExecStatusType st = PQresultStatus(result);

	if (st == PGRES_PIPELINE_ABORTED || st == PGRES_FATAL_ERROR) {
		if (!unit->failed && st == PGRES_FATAL_ERROR) {
			fail_with_result(db, result);
			unit->failed = true;
			unit->status = db->status;
			snprintf(unit->detail, sizeof unit->detail, "%s", db->detail);
			snprintf(unit->message, sizeof unit->message, "%s", db->message);
		}
		PQclear(result);
		return;
	}
	if (unit->next < unit->count && unit->results[unit->next] == NULL)
		unit->results[unit->next] = result;
	else
		PQclear(result);
}

/* The oldest unit is answered: hands its results over, sets the status. */
static void unit_done(struct db *db, PGresult **results)
{
	struct unit *unit = &db->units[0];

	for (int i = 0; i < unit->count; i++)
		results[i] = unit->results[i];
	if (unit->failed) {
		db->status = unit->status;
		snprintf(db->detail, sizeof db->detail, "%s", unit->detail);
		snprintf(db->message, sizeof db->message, "%s", unit->message);
	} else {
		db->status = STATUS_OK;
		db->detail[0] = db->message[0] = '\0';
	}
	memmove(&db->units[0], &db->units[1], (size_t)(--db->nunits) * sizeof db->units[0]);
	if (db->nunits == 0)
		PQexitPipelineMode(db->conn);
}

bool db_poll_unit(struct db *db, PGresult **results)
{
	PGresult *result;

	if (db->nunits == 0 || db->conn == NULL)
		return false;
	if (PQflush(db->conn) < 0 || !PQconsumeInput(db->conn)) {
		drop_units(db);
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return true;
	}
	while (!PQisBusy(db->conn)) {
		struct unit *unit = &db->units[0];

		result = PQgetResult(db->conn);
		if (result == NULL) {
			/* End of one statement's results. */
			unit->next++;
			continue;
		}
		if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
			PQclear(result);
			unit_done(db, results);
			return true;
		}
		unit_take(db, unit, result);
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		drop_units(db);
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return true;
	}
	return false;
}

int db_unit_count(const struct db *db)
{
	return db->nunits > 0 ? db->units[0].count : 0;
}

bool db_poll_result(struct db *db, PGresult **result)
{
	PGresult *results[DB_MAX_UNIT] = { NULL };
	int count = db_unit_count(db);

	*result = NULL;
	if (!db_poll_unit(db, results))
		return false;
	for (int i = 1; i < count; i++)
		db_result_free(&results[i]);
	*result = results[0];
	return true;
}

bool db_poll_batch(struct db *db, PGresult **results)
{
	return db_poll_unit(db, results);
}

bool db_wants_write(const struct db *db)
{
	return db->conn != NULL && PQflush(db->conn) == 1;
}

int db_in_flight(const struct db *db)
{
	return db->nunits;
}

bool db_busy(const struct db *db)
{
	return db->nunits > 0;
}

/* The cancel request, on a connection of its own, off the event loop. */
static void *cancel_thread(void *arg)
{
	PGcancel *cancel = arg;
	char errbuf[256];

	PQcancel(cancel, errbuf, sizeof errbuf);
	PQfreeCancel(cancel);
	return NULL;
}

void db_cancel(struct db *db, bool wait)
{
	PGcancel *cancel;
	pthread_t thread;
	pthread_attr_t attr;

	if (db->nunits == 0 || db->conn == NULL)
		return;
	cancel = PQgetCancel(db->conn);
	if (cancel == NULL)
		return;
	if (!wait) {
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		wait = pthread_create(&thread, &attr, cancel_thread, cancel) != 0;
		pthread_attr_destroy(&attr);
		if (!wait)
			return;
	}
	cancel_thread(cancel);
}

void db_result_free(PGresult **result)
{
	if (result == NULL || *result == NULL)
		return;
	PQclear(*result);
	*result = NULL;
}

const char *db_value(const PGresult *result, int row, int col)
{
	if (PQgetisnull(result, row, col))
		return NULL;
	return PQgetvalue(result, row, col);
}

bool db_check_idle(struct db *db)
{
	PGresult *stray;

	if (db->conn == NULL)
		return false;
	if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK) {
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return false;
	}
	/* An idle connection only receives notices, or an error before the
	 * server closes it (e.g. idle-session timeout). */
	while (db->nunits == 0 && !PQisBusy(db->conn) && (stray = PQgetResult(db->conn)) != NULL)
		PQclear(stray);
	return true;
}

const char *db_param(const struct db *db, const char *key)
{
	for (int i = 0; i < db->nkeys; i++)
		if (strcmp(db->keys[i], key) == 0)
			return db->values[i];
	return NULL;
}

void db_describe(const struct db *db, char *server, size_t server_size, char *tls, size_t tls_size)
{
	const char *protocol;

	if (server_size > 0)
		server[0] = '\0';
	if (tls_size > 0)
		tls[0] = '\0';
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK)
		return;
	snprintf(server, server_size, "%s:%s", PQhost(db->conn), PQport(db->conn));
	protocol = PQsslInUse(db->conn) ? PQsslAttribute(db->conn, "protocol") : NULL;
	snprintf(tls, tls_size, "%s", protocol ? protocol : "no TLS");
}

char *db_password_verifier(struct db *db, const char *user, const char *password)
{
	char *verifier, *copy;

	if (!usable(db))
		return NULL;
	verifier = PQencryptPasswordConn(db->conn, password, user, "scram-sha-256");
	if (verifier == NULL) {
		fail(db, STATUS_DB_ERROR, PQerrorMessage(db->conn));
		return NULL;
	}
	copy = xstrdup(verifier);
	PQfreemem(verifier);
	return copy;
}

enum status db_exec_batch(struct db *db, const struct db_statement *statements, int count,
                          PGresult **results)
{
	for (int i = 0; i < count; i++)
		results[i] = NULL;
	if (db_send_batch(db, statements, count) != STATUS_OK)
		return db->status;
	for (;;) {
		struct pollfd pfd = { PQsocket(db->conn), POLLIN, 0 };

		if (PQflush(db->conn) > 0)
			pfd.events |= POLLOUT;
		if (poll(&pfd, 1, -1) < 0)
			continue;
		if (db_poll_batch(db, results))
			return db->status;
	}
}

bool db_drain(struct db *db, int timeout_ms)
{
	PGresult *results[DB_MAX_UNIT] = { NULL };
	long deadline = now_ms() + timeout_ms;

	while (db->nunits > 0 && db->conn != NULL) {
		long left = deadline - now_ms();
		struct pollfd pfd = { PQsocket(db->conn), POLLIN, 0 };

		if (left <= 0)
			break;
		if (db_wants_write(db))
			pfd.events |= POLLOUT;
		if (poll(&pfd, 1, (int)left) < 0)
			break;
		while (db->nunits > 0 && db_poll_unit(db, results))
			for (int i = 0; i < DB_MAX_UNIT; i++)
				db_result_free(&results[i]);
	}
	if (db->nunits > 0) {
		db_abandon(db, STATUS_DB_TIMEOUT, "the statement in flight did not finish in time");
		return false;
	}
	return true;
}
