/*
 * connection.c - connecting without blocking (with a deadline libpq does
 * not keep for non-blocking connects), identifying the login through
 * hr.whoami(), and the queue of queries sent one at a time on behalf of
 * screens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_internal.h"
#include "xalloc.h"

long app_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static const char sql_whoami[] = "SELECT login, kind, org_code, org_name FROM hr.whoami()";

void app_identity_clear(struct identity *identity)
{
	free(identity->login);
	free(identity->kind);
	free(identity->org_code);
	free(identity->org_name);
	memset(identity, 0, sizeof *identity);
}

void app_query_release(struct query *query)
{
	for (int i = 0; i < query->nparams; i++)
		free(query->params[i]);
	memset(query, 0, sizeof *query);
}

static void send_next(struct app *app)
{
	struct query *query;

	if (app->queued == 0 || db_busy(app->db) || app->connection < CONNECTION_IDENTIFYING)
		return;
	query = &app->queue[0];
	if (db_send(app->db, query->sql, query->nparams, (const char *const *)query->params) !=
	    STATUS_OK) {
		app_result_fn fn = query->fn;
		void *owner = query->owner;

		/* Unsendable: report it to the owner like any failure. */
		memmove(&app->queue[0], &app->queue[1], (size_t)(--app->queued) * sizeof *query);
		if (fn)
			fn(app, owner, NULL, db_status(app->db));
	}
}

void app_query(struct app *app, void *owner, const char *sql, int nparams,
               const char *const *params, app_result_fn fn)
{
	struct query *query;

	if (app->queued == MAX_QUEUE || nparams > MAX_QUERY_PARAMS) {
		if (fn)
			fn(app, owner, NULL, STATUS_DB_BUSY);
		return;
	}
	query = &app->queue[app->queued++];
	query->owner = owner;
	query->fn = fn;
	query->sql = sql;
	query->nparams = nparams;
	for (int i = 0; i < nparams; i++)
		query->params[i] = params[i] ? xstrdup(params[i]) : NULL;
	send_next(app);
}

static void connection_lost(struct app *app)
{
	/* Nothing is held open between saves, so nothing is lost on the
	 * server; queued reads are dropped and redone after reconnecting. */
	for (int i = 0; i < app->queued; i++) {
		if (app->queue[i].fn)
			app->queue[i].fn(app, app->queue[i].owner, NULL, STATUS_DB_LOST);
		app_query_release(&app->queue[i]);
	}
	app->queued = 0;
	app->connection = CONNECTION_FAILED;
	app_error(app, STATUS_DB_LOST, db_detail(app->db));
}

static void on_whoami(struct app *app, void *owner, const PGresult *result, enum status status)
{
	(void)owner;
	if (result == NULL) {
		app->connection = CONNECTION_FAILED;
		app_error(app, status, db_detail(app->db));
		return;
	}
	if (PQntuples(result) != 1) {
		app->connection = CONNECTION_FAILED;
		app_error(app, STATUS_DB_NO_ACCOUNT, "hr.whoami() returned no row for this login");
		return;
	}
	app_identity_clear(&app->identity);
	app->identity.login = xstrdup(PQgetvalue(result, 0, 0));
	app->identity.kind = xstrdup(PQgetvalue(result, 0, 1));
	app->identity.org_code = xstrdup(PQgetvalue(result, 0, 2));
	app->identity.org_name = xstrdup(PQgetvalue(result, 0, 3));
	db_describe(app->db, app->server, sizeof app->server, app->tls, sizeof app->tls);
	app->connection = CONNECTION_READY;
	app_clear_message(app);
	if (app_top(app) != NULL && app_top(app)->ops == &connect_screen)
		app_replace(app, &home_screen);
}

static void connected(struct app *app)
{
	app->connection = CONNECTION_IDENTIFYING;
	app_query(app, app, sql_whoami, 0, NULL, on_whoami);
}

void app_connect(struct app *app)
{
	const char *const *keys, *const *values;
	char *error = NULL;

	if (config_connection(app->config, &keys, &values, &error) != STATUS_OK) {
		/* main() checked the settings already; this is defensive. */
		app->connection = CONNECTION_FAILED;
		app_error(app, STATUS_SSLMODE_WEAK, error);
		free(error);
		return;
	}
	db_set_params(app->db, keys, values);
	app->connection = CONNECTION_CONNECTING;
	app->connect_deadline =
	        app_now_ms() + 1000L * config_int(app->config, SETTING_DB_CONNECT_TIMEOUT);
	app->connect_wait = db_connect_start(app->db);
	if (app->connect_wait == DB_WAIT_FAILED) {
		app->connection = CONNECTION_FAILED;
		app_error(app, db_status(app->db), db_detail(app->db));
	}
	app->dirty = true;
}

void app_set_password(struct app *app, const char *password)
{
	db_set_password(app->db, password);
}

enum connection_state app_connection_state(const struct app *app)
{
	return app->connection;
}

bool app_needs_password(const struct app *app)
{
	return app->connection == CONNECTION_FAILED && db_needs_password(app->db);
}

const struct identity *app_identity(const struct app *app)
{
	return &app->identity;
}

const char *app_server(const struct app *app)
{
	return app->server;
}

const char *app_tls(const struct app *app)
{
	return app->tls;
}

const char *app_target(const struct app *app)
{
	static char buf[256];
	const char *host = db_param(app->db, "host"), *port = db_param(app->db, "port");
	const char *service = db_param(app->db, "service");

	if (host == NULL)
		host = getenv("PGHOST");
	if (port == NULL)
		port = getenv("PGPORT");
	if (host == NULL && service != NULL)
		snprintf(buf, sizeof buf, "service %s", service);
	else
		snprintf(buf, sizeof buf, "%s:%s", host ? host : "localhost", port ? port : "5432");
	return buf;
}

const char *app_user(const struct app *app)
{
	const char *user = db_param(app->db, "user");

	if (user == NULL)
		user = getenv("PGUSER");
	return user ? user : "";
}

void app_on_db_ready(struct app *app)
{
	PGresult *result;

	switch (app->connection) {
	case CONNECTION_CONNECTING:
		app->connect_wait = db_connect_continue(app->db);
		if (app->connect_wait == DB_WAIT_DONE) {
			connected(app);
		} else if (app->connect_wait == DB_WAIT_FAILED) {
			app->connection = CONNECTION_FAILED;
			app_error(app, db_status(app->db), db_detail(app->db));
		}
		app->dirty = true;
		return;
	case CONNECTION_IDENTIFYING:
	case CONNECTION_READY:
		break;
	default:
		return;
	}
	if (!db_busy(app->db)) {
		if (!db_check_idle(app->db))
			connection_lost(app);
		return;
	}
	if (!db_poll_result(app->db, &result))
		return;
	if (result == NULL && db_status(app->db) == STATUS_DB_LOST) {
		connection_lost(app);
		return;
	}
	{
		struct query done = app->queue[0];

		memmove(&app->queue[0], &app->queue[1], (size_t)(--app->queued) * sizeof done);
		if (done.fn)
			done.fn(app, done.owner, result, result ? STATUS_OK : db_status(app->db));
		app_query_release(&done);
	}
	db_result_free(&result);
	send_next(app);
	app->dirty = true;
}

static bool connecting(const struct app *app)
{
	return app->connection == CONNECTION_CONNECTING ||
	       app->connection == CONNECTION_IDENTIFYING;
}

/* Milliseconds the loop may sleep: until the connect deadline, or for ever. */
int app_wait_budget(const struct app *app)
{
	long left;

	if (!connecting(app))
		return -1;
	left = app->connect_deadline - app_now_ms();
	return left < 0 ? 0 : (int)left;
}

/* Ends a connect that took longer than database.connect_timeout. */
void app_check_connect_deadline(struct app *app)
{
	char detail[256];

	if (!connecting(app) || app_now_ms() < app->connect_deadline)
		return;
	snprintf(detail, sizeof detail, "no answer from %s within %ld seconds (connect_timeout)",
	         app_target(app), config_int(app->config, SETTING_DB_CONNECT_TIMEOUT));
	db_abandon(app->db, STATUS_DB_TIMEOUT, detail);
	for (int i = 0; i < app->queued; i++)
		app_query_release(&app->queue[i]);
	app->queued = 0;
	app->connection = CONNECTION_FAILED;
	app_error(app, STATUS_DB_TIMEOUT, detail);
}
