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
#include "personal_id.h"
#include "xalloc.h"

long app_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Who the login is, and the service's ID scheme; its columns by name. */
enum whoami_column { WHOAMI_LOGIN, WHOAMI_KIND, WHOAMI_ORG_CODE, WHOAMI_ORG_NAME, WHOAMI_SCHEME,
	             WHOAMI_COLUMNS };
static const char sql_whoami[] = "SELECT w.login, w.kind, w.org_code, w.org_name, s.id_scheme "
                                 "  FROM hr.whoami() w CROSS JOIN hr.service_setting s";

void app_identity_clear(struct identity *identity)
{
	free(identity->login);
	free(identity->kind);
	free(identity->org_code);
	free(identity->org_name);
	memset(identity, 0, sizeof *identity);
}

void app_query_free(struct query **query)
{
	if (query == NULL || *query == NULL)
		return;
	for (int i = 0; i < (*query)->count; i++)
		for (int j = 0; j < (*query)->statements[i].nparams; j++)
			free((*query)->statements[i].params[j]);
	free(*query);
	*query = NULL;
}

/* Reports a failure to the owner of a query that will never run. */
static void report_failure(struct app *app, struct query *query, enum status status)
{
	if (query->fn)
		app_react(app, query->owner, -1, query->fn(app, query->owner, NULL, status));
	else if (query->batch_fn)
		app_react(app, query->owner, -1,
		          query->batch_fn(app, query->owner, NULL, 0, status));
}

static struct query *take(struct app *app, int i)
{
	struct query *query = app->queue[i];

	memmove(&app->queue[i], &app->queue[i + 1], (size_t)(--app->queued - i) * sizeof query);
	return query;
}

/* Index of the query whose answer comes next (the first sent), or -1. */
static int oldest_sent(const struct app *app)
{
	int best = -1;

	for (int i = 0; i < app->queued; i++)
		if (app->queue[i]->sent && (best < 0 || app->queue[i]->sent_seq <
		                                                app->queue[best]->sent_seq))
			best = i;
	return best;
}

/* Searches of the same owner and tag as `query` in flight. */
static int searches_in_flight(const struct app *app, const struct query *query)
{
	int n = 0;

	for (int i = 0; i < app->queued; i++)
		n += app->queue[i]->sent && app->queue[i]->owner == query->owner &&
		     app->queue[i]->tag == query->tag;
	return n;
}

static void connection_lost(struct app *app);

/* Sends every query not sent yet, behind the ones in flight (one round trip
 * for all of them).  While the login is being identified only hr.whoami()
 * goes out. */
static void send_next(struct app *app)
{
	struct db_statement statements[MAX_BATCH];
	enum status status;

	for (int i = 0; i < app->queued; i++) {
		struct query *query = app->queue[i];

		if (query->sent)
			continue;
		if (app->connection != CONNECTION_READY &&
		    !(app->connection == CONNECTION_IDENTIFYING && i == 0))
			return;
		/* A search waits (replaced by newer keys) while two of its kind
		 * are out: typing a name at once sends two, not one per key. */
		if (query->tag != NULL && searches_in_flight(app, query) >= MAX_SEARCHES_IN_FLIGHT)
			continue;
		for (int k = 0; k < query->count; k++) {
			const struct query_statement *st = &query->statements[k];

			statements[k] = (struct db_statement){
				.sql = st->sql,
				.nparams = st->nparams,
				.params = (const char *const *)st->params,
				.lengths = st->binary ? st->lengths : NULL,
				.formats = st->binary ? st->formats : NULL,
			};
		}
		status = db_send_unit(app->db, statements, query->count);
		if (status == STATUS_OK) {
			query->sent = true;
			query->sent_seq = ++app->sent_seq;
			query->sent_at = app_now_ms();
			continue;
		}
		if (status == STATUS_DB_BUSY && db_busy(app->db))
			return; /* the pipeline is full: it goes when one is answered */
		if (status == STATUS_DB_LOST) {
			connection_lost(app);
			return;
		}
		/* Unsendable: report it to the owner like any failure. */
		query = take(app, i--);
		report_failure(app, query, status);
		app_query_free(&query);
	}
}

/* Adds a query for `owner` to the queue; returns it, or NULL after
 * reporting STATUS_DB_BUSY when the queue is full. */
static struct query *enqueue(struct app *app, void *owner, const struct db_statement *statements,
                             int count, app_result_fn fn, app_batch_fn batch_fn)
{
	struct query *query;
	enum status refused = STATUS_OK;

	if (app->closing || app->queued == MAX_QUEUE || count > MAX_BATCH)
		refused = STATUS_DB_BUSY;
	/* More parameters than a query keeps is a program error: never send part of them. */
	for (int i = 0; refused == STATUS_OK && i < count; i++)
		if (statements[i].nparams > MAX_QUERY_PARAMS)
			refused = STATUS_DB_ERROR;
	if (refused != STATUS_OK) {
		if (fn)
			app_react(app, owner, -1, fn(app, owner, NULL, refused));
		else if (batch_fn)
			app_react(app, owner, -1, batch_fn(app, owner, NULL, 0, refused));
		return NULL;
	}
	query = xcalloc(1, sizeof *query);
	query->owner = owner;
	query->fn = fn;
	query->batch_fn = batch_fn;
	query->count = count;
	for (int i = 0; i < count; i++) {
		struct query_statement *copy = &query->statements[i];

		copy->sql = statements[i].sql;
		copy->nparams = statements[i].nparams;
		copy->columns = statements[i].columns;
		for (int j = 0; j < copy->nparams; j++) {
			const char *value = statements[i].params[j];
			bool binary = statements[i].formats != NULL && statements[i].formats[j] == 1;

			if (value == NULL) {
				copy->params[j] = NULL;
			} else if (binary) {
				copy->binary = true;
				copy->formats[j] = 1;
				copy->lengths[j] = statements[i].lengths[j];
				copy->params[j] = xmalloc((size_t)copy->lengths[j] + 1);
				memcpy(copy->params[j], value, (size_t)copy->lengths[j]);
			} else {
				copy->params[j] = xstrdup(value);
			}
		}
	}
	app->queue[app->queued++] = query;
	/* Asked to work while the connection is gone: connect again by
	 * ourselves; the query waits in the queue and goes out after it. */
	if (app->connection == CONNECTION_FAILED && !db_needs_password(app->db)) {
		app_connect(app);
		app_message(app, "Reconnecting to the database ...");
	}
	return query;
}

void app_query(struct app *app, void *owner, const char *sql, int nparams,
               const char *const *params, app_result_fn fn)
{
	struct db_statement statement = { .sql = sql, .nparams = nparams, .params = params };

	if (enqueue(app, owner, &statement, 1, fn, NULL) != NULL)
		send_next(app);
}

void app_query_n(struct app *app, void *owner, const char *sql, int columns, int nparams,
                 const char *const *params, app_result_fn fn)
{
	struct db_statement statement = {
		.sql = sql, .nparams = nparams, .params = params, .columns = columns
	};

	if (enqueue(app, owner, &statement, 1, fn, NULL) != NULL)
		send_next(app);
}

void app_query_cookie(struct app *app, void *owner, long cookie,
                      const struct db_statement *statement, app_result_fn fn)
{
	struct query *query = enqueue(app, owner, statement, 1, fn, NULL);

	if (query != NULL) {
		query->cookie = cookie;
		send_next(app);
	}
}

long app_answer_cookie(const struct app *app)
{
	return app->answering;
}

void app_query_with(struct app *app, void *owner, const struct db_statement *statement,
                    app_result_fn fn)
{
	if (enqueue(app, owner, statement, 1, fn, NULL) != NULL)
		send_next(app);
}

static void query_latest(struct app *app, void *owner, const void *tag, const char *sql,
                         int columns, int nparams, const char *const *params, app_result_fn fn)
{
	struct db_statement statement = {
		.sql = sql, .nparams = nparams, .params = params, .columns = columns
	};
	struct query *added;
	bool in_flight = false;

	for (int i = 0; i < app->queued; i++) {
		struct query *query = app->queue[i];

		if (query->owner != owner || query->tag != tag)
			continue;
		if (query->sent) {
			/* Its answer goes nowhere; the server is asked to stop it
			 * only if it is slow (app_check_slow). */
			query->fn = NULL;
			query->batch_fn = NULL;
			query->superseded = true;
			in_flight = true;
		} else {
			query = take(app, i--);
			app_query_free(&query);
		}
	}
	added = enqueue(app, owner, &statement, 1, fn, NULL);
	if (added != NULL) {
		added->tag = tag;
		send_next(app);
	}
	if (in_flight)
		app_check_slow(app);
}

void app_query_latest(struct app *app, void *owner, const void *tag, const char *sql,
                      int nparams, const char *const *params, app_result_fn fn)
{
	query_latest(app, owner, tag, sql, 0, nparams, params, fn);
}

void app_query_latest_n(struct app *app, void *owner, const void *tag, const char *sql,
                        int columns, int nparams, const char *const *params, app_result_fn fn)
{
	query_latest(app, owner, tag, sql, columns, nparams, params, fn);
}

void app_batch(struct app *app, void *owner, const struct db_statement *statements, int count,
               app_batch_fn fn)
{
	if (enqueue(app, owner, statements, count, NULL, fn) != NULL)
		send_next(app);
}

enum status app_exec_now(struct app *app, const char *sql, int nparams, const char *const *params)
{
	if (app->connection != CONNECTION_READY)
		return STATUS_DB_LOST;
	/* Let what is in flight (a draft kept a moment ago) finish first; it
	 * is done then, so it leaves the queue instead of going out again. */
	if (db_busy(app->db)) {
		bool drained = db_drain(app->db, 2000);

		for (int i = 0; i < app->queued; i++)
			if (app->queue[i]->sent) {
				struct query *done = take(app, i--);

				app_query_free(&done);
			}
		if (!drained)
			return db_status(app->db);
	}
	return db_command(app->db, sql, nparams, params);
}

void app_queries_drop(struct app *app, enum status status)
{
	for (int i = 0; i < app->queued; i++) {
		report_failure(app, app->queue[i], status);
		app_query_free(&app->queue[i]);
	}
	app->queued = 0;
}

static void connection_lost(struct app *app)
{
	/* Nothing is held open between saves, so nothing is lost on the
	 * server; queued reads are dropped and redone after reconnecting. */
	app->connection = CONNECTION_FAILED;
	app_error(app, STATUS_DB_LOST, db_detail(app->db));
	/* After the general sentence: a screen whose save was in flight says
	 * what that means for it. */
	app_queries_drop(app, STATUS_DB_LOST);
}

static struct reaction on_whoami(struct app *app, void *owner, const PGresult *result,
                                 enum status status)
{
	(void)owner;
	if (result == NULL) {
		app->connection = CONNECTION_FAILED;
		app_error(app, status, db_detail(app->db));
		return react_done();
	}
	if (PQntuples(result) != 1) {
		app->connection = CONNECTION_FAILED;
		app_error(app, STATUS_DB_NO_ACCOUNT, "hr.whoami() returned no row for this login");
		return react_done();
	}
	app_identity_clear(&app->identity);
	app->identity.login = xstrdup(PQgetvalue(result, 0, WHOAMI_LOGIN));
	app->identity.kind = xstrdup(PQgetvalue(result, 0, WHOAMI_KIND));
	app->identity.org_code = xstrdup(PQgetvalue(result, 0, WHOAMI_ORG_CODE));
	app->identity.org_name = xstrdup(PQgetvalue(result, 0, WHOAMI_ORG_NAME));
	if (!personal_id_scheme_from_name(PQgetvalue(result, 0, WHOAMI_SCHEME), &app->id_scheme))
		app->id_scheme = PERSONAL_ID_NONE;
	db_describe(app->db, app->server, sizeof app->server, app->tls, sizeof app->tls);
	app->connection = CONNECTION_READY;
	app_clear_message(app);
	if (app_top(app) != NULL && app_top(app)->ops == &connect_screen)
		app_replace(app, &home_screen);
	return react_done();
}

static void connected(struct app *app)
{
	struct db_statement whoami = { .sql = sql_whoami, .columns = WHOAMI_COLUMNS };
	struct query *query;

	app->connection = CONNECTION_IDENTIFYING;
	/* Who we are comes first, before anything queued while disconnected. */
	query = enqueue(app, app, &whoami, 1, on_whoami, NULL);
	if (query != NULL && app->queued > 1) {
		memmove(&app->queue[1], &app->queue[0], (size_t)(app->queued - 1) * sizeof query);
		app->queue[0] = query;
	}
	send_next(app);
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

const char *app_setting_text(const struct app *app, enum setting setting)
{
	return config_string(app->config, setting);
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

void app_field_context(const struct app *app, struct field_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	if (!date_format_from_name(config_string(app->config, SETTING_UI_DATE_FORMAT),
	                           &ctx->date_format))
		ctx->date_format = DATE_FORMAT_DMY;
	ctx->scheme = app->id_scheme;
	ctx->today = date_today();
}

bool app_read_only(const struct app *app)
{
	const char *kind = app->identity.kind;

	return kind == NULL || (strcmp(kind, "clerk") != 0 && strcmp(kind, "head") != 0);
}

const char *app_user(const struct app *app)
{
	const char *user = db_param(app->db, "user");

	if (user == NULL)
		user = getenv("PGUSER");
	return user ? user : "";
}

/* Hands an answered query to its owner; a search a cancel meant for an
 * older one stopped goes out again instead. */
static void dispatch(struct app *app, struct query *query, PGresult **results, int count)
{
	enum status status = db_status(app->db);

	if (query->cancel_may_hit && status == STATUS_DB_CANCELLED &&
	    (query->fn || query->batch_fn) && app->queued < MAX_QUEUE) {
		query->sent = query->cancel_may_hit = false;
		app->queue[app->queued++] = query;
		return;
	}
	for (int i = 0; i < count && i < query->count; i++) {
		int expected = query->statements[i].columns;
		char detail[160];

		if (results[i] == NULL || expected == 0 || PQnfields(results[i]) == expected)
			continue;
		/* A program error: the statement and the enum of its columns
		 * differ.  Nothing is read at the wrong column. */
		snprintf(detail, sizeof detail, "the answer has %d columns; %d were expected",
		         PQnfields(results[i]), expected);
		app_error(app, STATUS_DB_ERROR, detail);
		report_failure(app, query, STATUS_DB_ERROR);
		app_query_free(&query);
		return;
	}
	app->answering = query->cookie;
	/* What the callback returns applies to its owner's screen. */
	if (query->fn)
		app_react(
		        app, query->owner, -1,
		        query->fn(app, query->owner, results[0], results[0] ? STATUS_OK : status));
	else if (query->batch_fn)
		app_react(app, query->owner, -1,
		          query->batch_fn(app, query->owner, results, count, status));
	app->answering = 0;
	app_query_free(&query);
}

void app_on_db_ready(struct app *app)
{
	PGresult *results[MAX_BATCH] = { NULL };

	switch (app->connection) {
	case CONNECTION_CONNECTING:
		app->connect_wait = db_connect_continue(app->db);
		if (app->connect_wait == DB_WAIT_DONE) {
			connected(app);
		} else if (app->connect_wait == DB_WAIT_FAILED) {
			app->connection = CONNECTION_FAILED;
			app_queries_drop(app, db_status(app->db));
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
	/* Several answers may have arrived together: each in turn. */
	for (;;) {
		int count = db_unit_count(app->db);

		if (count == 0 || !db_poll_unit(app->db, results))
			break;
		if (db_status(app->db) == STATUS_DB_LOST && !db_connected(app->db)) {
			for (int i = 0; i < MAX_BATCH; i++)
				db_result_free(&results[i]);
			connection_lost(app);
			return;
		}
		if (oldest_sent(app) >= 0)
			dispatch(app, take(app, oldest_sent(app)), results, count);
		for (int i = 0; i < MAX_BATCH; i++)
			db_result_free(&results[i]);
		if (app->connection != CONNECTION_READY && app->connection != CONNECTION_IDENTIFYING)
			return;
	}
	send_next(app);
	app->dirty = true;
}

void app_check_slow(struct app *app)
{
	int oldest = oldest_sent(app);
	struct query *head = oldest >= 0 ? app->queue[oldest] : NULL;

	if (head == NULL || !head->sent || !head->superseded || head->cancel_sent ||
	    app_now_ms() - head->sent_at < SLOW_SEARCH_MS)
		return;
	/* The request stops whatever the server runs when it arrives: the
	 * queries behind it are sent again if it stops one of them. */
	db_cancel(app->db, false);
	head->cancel_sent = true;
	for (int i = 0; i < app->queued; i++)
		if (app->queue[i]->sent && app->queue[i] != head)
			app->queue[i]->cancel_may_hit = true;
}

static bool connecting(const struct app *app)
{
	return app->connection == CONNECTION_CONNECTING ||
	       app->connection == CONNECTION_IDENTIFYING;
}

/* Milliseconds the loop may sleep: until the connect deadline, until a
 * superseded search in flight counts as slow, or for ever. */
int app_wait_budget(const struct app *app)
{
	int oldest = oldest_sent(app);
	const struct query *head = oldest >= 0 ? app->queue[oldest] : NULL;
	long left = -1;

	if (connecting(app))
		left = app->connect_deadline - app_now_ms();
	if (head != NULL && head->sent && head->superseded && !head->cancel_sent) {
		long slow = head->sent_at + SLOW_SEARCH_MS - app_now_ms();

		if (left < 0 || slow < left)
			left = slow;
	}
	if (left < 0 && !connecting(app) && !(head && head->superseded))
		return -1;
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
	app_queries_drop(app, STATUS_DB_TIMEOUT);
	app->connection = CONNECTION_FAILED;
	app_error(app, STATUS_DB_TIMEOUT, detail);
}
