/* db.c - libpq wrapper: connect (blocking or not), run statements, classify failures. */
#include "db.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

enum { MAX_PARAMS = 32, DETAIL_SIZE = 1024, NOTICE_SIZE = 512 };

struct db {
	PGconn *conn;
	char *keys[MAX_PARAMS + 1];
	char *values[MAX_PARAMS + 1];
	int nkeys;
	bool busy;
	bool needs_password;
	enum status status;
	char detail[DETAIL_SIZE];
	char notice[NOTICE_SIZE];
	char message[DETAIL_SIZE]; /* primary message of the last failed statement */
	PGresult *pending; /* first result of the statement in flight */
	char *password;    /* given by the user at a prompt; kept for reconnecting */
	bool require_tls;
	int batch_count;   /* statements of the batch in flight, 0 when none */
	int batch_next;    /* index of the statement whose result comes next */
	bool batch_failed;
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

void db_free(struct db **db)
{
	if (db == NULL || *db == NULL)
		return;
	if ((*db)->conn != NULL)
		PQfinish((*db)->conn);
	db_result_free(&(*db)->pending);
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
	db->busy = false;
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
	db->busy = false;
	db->needs_password = false;
	db_result_free(&db->pending);
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
	if (db->busy) {
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

enum status db_send(struct db *db, const char *sql, int nparams, const char *const *params)
{
	if (!usable(db))
		return db->status;
	if (db->busy) {
		fail(db, STATUS_DB_BUSY, "another statement is still running");
		return db->status;
	}
	if (!PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		fail(db, PQstatus(db->conn) == CONNECTION_OK ? STATUS_DB_ERROR : STATUS_DB_LOST,
		     PQerrorMessage(db->conn));
		return db->status;
	}
	PQflush(db->conn);
	db->busy = true;
	return STATUS_OK;
}

bool db_poll_result(struct db *db, PGresult **result)
{
	PGresult *next;

	*result = NULL;
	if (!db->busy || db->conn == NULL)
		return false;
	if (PQflush(db->conn) < 0 || !PQconsumeInput(db->conn)) {
		db->busy = false;
		db_result_free(&db->pending);
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return true;
	}
	/* One statement gives one result, then NULL; keep the first. */
	while (!PQisBusy(db->conn)) {
		next = PQgetResult(db->conn);
		if (next == NULL) {
			db->busy = false;
			*result = check_result(db, db->pending);
			db->pending = NULL;
			return true;
		}
		if (db->pending == NULL)
			db->pending = next;
		else
			PQclear(next);
	}
	return false;
}

bool db_busy(const struct db *db)
{
	return db->busy;
}

void db_cancel(struct db *db)
{
	char errbuf[256];
	PGcancel *cancel;

	if (!db->busy || db->conn == NULL)
		return;
	cancel = PQgetCancel(db->conn);
	if (cancel != NULL) {
		PQcancel(cancel, errbuf, sizeof errbuf);
		PQfreeCancel(cancel);
	}
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
	while (!db->busy && !PQisBusy(db->conn) && (stray = PQgetResult(db->conn)) != NULL)
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

enum status db_send_batch(struct db *db, const struct db_statement *statements, int count)
{
	if (!usable(db))
		return db->status;
	if (db->busy) {
		fail(db, STATUS_DB_BUSY, "another statement is still running");
		return db->status;
	}
	if (!PQenterPipelineMode(db->conn)) {
		fail(db, STATUS_DB_ERROR, PQerrorMessage(db->conn));
		return db->status;
	}
	for (int i = 0; i < count; i++) {
		if (!PQsendQueryParams(db->conn, statements[i].sql, statements[i].nparams, NULL,
		                       statements[i].params, NULL, NULL, 0)) {
			fail(db, PQstatus(db->conn) == CONNECTION_OK ? STATUS_DB_ERROR : STATUS_DB_LOST,
			     PQerrorMessage(db->conn));
			/* Nothing was synced: leaving pipeline mode is not possible
			 * with queries queued, so the connection is reset. */
			PQfinish(db->conn);
			db->conn = NULL;
			return db->status;
		}
	}
	PQpipelineSync(db->conn);
	PQflush(db->conn);
	db->busy = true;
	db->batch_count = count;
	db->batch_next = 0;
	db->batch_failed = false;
	db->status = STATUS_OK;
	db->detail[0] = '\0';
	return STATUS_OK;
}

/* Files one result of the batch; the first failure gives the batch's status. */
static void batch_take(struct db *db, PGresult *result, PGresult **results)
{
	ExecStatusType st = PQresultStatus(result);

	if (st == PGRES_PIPELINE_ABORTED || st == PGRES_FATAL_ERROR) {
		if (!db->batch_failed && st == PGRES_FATAL_ERROR) {
			fail_with_result(db, result);
			db->batch_failed = true;
		}
		PQclear(result);
		return;
	}
	if (db->batch_next < db->batch_count && results[db->batch_next] == NULL)
		results[db->batch_next] = result;
	else
		PQclear(result);
}

bool db_poll_batch(struct db *db, PGresult **results)
{
	PGresult *result;

	if (!db->busy || db->conn == NULL || db->batch_count == 0)
		return false;
	if (PQflush(db->conn) < 0 || !PQconsumeInput(db->conn)) {
		db->busy = false;
		db->batch_count = 0;
		fail(db, STATUS_DB_LOST, PQerrorMessage(db->conn));
		return true;
	}
	while (!PQisBusy(db->conn)) {
		result = PQgetResult(db->conn);
		if (result == NULL) {
			/* End of one statement's results. */
			db->batch_next++;
			continue;
		}
		if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
			PQclear(result);
			PQexitPipelineMode(db->conn);
			db->busy = false;
			db->batch_count = 0;
			if (!db->batch_failed) {
				db->status = STATUS_OK;
				db->detail[0] = '\0';
			}
			return true;
		}
		batch_take(db, result, results);
	}
	return false;
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
	PGresult *results[64] = { NULL }, *result = NULL;
	int waited = 0;

	while (db->busy && db->conn != NULL && waited < timeout_ms) {
		struct pollfd pfd = { PQsocket(db->conn), POLLIN, 0 };
		bool done;

		if (poll(&pfd, 1, 50) < 0)
			break;
		waited += 50;
		if (db->batch_count > 0) {
			done = db_poll_batch(db, results);
			for (int i = 0; i < 64; i++)
				db_result_free(&results[i]);
		} else {
			done = db_poll_result(db, &result);
			db_result_free(&result);
		}
		if (done)
			break;
	}
	if (db->busy) {
		db_abandon(db, STATUS_DB_TIMEOUT, "the statement in flight did not finish in time");
		return false;
	}
	return true;
}
