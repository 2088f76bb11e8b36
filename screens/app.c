/* app.c - the program state and its event loop: keys, database, signals, redraw. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chrome.h"
#include "editline.h"
#include "tui.h"
#include "width.h"
#include "xalloc.h"

enum { MAX_DEPTH = 8, MAX_QUEUE = 16, MAX_EVENTS = 64, MAX_QUERY_PARAMS = 16 };

struct frame {
	const struct screen_ops *ops;
	void *state;
};

struct query {
	void *owner;
	app_result_fn fn;
	const char *sql; /* static text of a module */
	int nparams;
	char *params[MAX_QUERY_PARAMS]; /* owned copies, NULL = SQL NULL */
};

struct app {
	struct config *config;
	struct keymap *keymap;
	struct db *db;
	enum connection_state connection;
	enum db_wait connect_wait;
	long connect_deadline;   /* monotonic ms; libpq does not time out a non-blocking connect */
	struct identity identity;
	char server[128], tls[32];

	struct frame stack[MAX_DEPTH];
	int depth;

	struct query queue[MAX_QUEUE];
	int queued; /* queue[0] is in flight when the db is busy */

	char message[512];
	char detail[1024];
	bool message_is_error;
	bool show_detail;

	bool jumping; /* ':' prompt open on the message line */
	struct editline jump;

	bool quit, dirty;
	int exit_status;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static const char sql_whoami[] = "SELECT login, kind, org_code, org_name FROM hr.whoami()";

struct app *app_new(struct config *config, struct keymap *keymap)
{
	struct app *app = xcalloc(1, sizeof *app);

	app->config = config;
	app->keymap = keymap;
	app->db = db_new();
	db_require_tls(app->db, true);
	editline_init(&app->jump, 64);
	app->dirty = true;
	return app;
}

static void identity_clear(struct identity *identity)
{
	free(identity->login);
	free(identity->kind);
	free(identity->org_code);
	free(identity->org_name);
	memset(identity, 0, sizeof *identity);
}

static void query_release(struct query *query)
{
	for (int i = 0; i < query->nparams; i++)
		free(query->params[i]);
	memset(query, 0, sizeof *query);
}

void app_free(struct app **app)
{
	if (app == NULL || *app == NULL)
		return;
	while ((*app)->depth > 0)
		app_pop(*app);
	for (int i = 0; i < (*app)->queued; i++)
		query_release(&(*app)->queue[i]);
	identity_clear(&(*app)->identity);
	editline_free(&(*app)->jump);
	db_free(&(*app)->db);
	free(*app);
	*app = NULL;
}

void app_dirty(struct app *app)
{
	app->dirty = true;
}

/* ---- messages --------------------------------------------------------- */

void app_message(struct app *app, const char *text)
{
	snprintf(app->message, sizeof app->message, "%s", text);
	app->detail[0] = '\0';
	app->message_is_error = false;
	app->show_detail = false;
	app->dirty = true;
}

void app_error(struct app *app, enum status status, const char *detail)
{
	snprintf(app->message, sizeof app->message, "%s", status_message(status));
	snprintf(app->detail, sizeof app->detail, "%s", detail ? detail : "");
	app->message_is_error = true;
	app->show_detail = false;
	app->dirty = true;
}

void app_clear_message(struct app *app)
{
	app->message[0] = app->detail[0] = '\0';
	app->message_is_error = app->show_detail = false;
	app->dirty = true;
}

const char *app_current_message(const struct app *app)
{
	return app->message;
}

bool app_has_detail(const struct app *app)
{
	return app->detail[0] != '\0';
}

/* ---- screens ---------------------------------------------------------- */

static struct frame *top(struct app *app)
{
	return app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
}

static void forget_owner(struct app *app, void *owner)
{
	/* Queries of a closed screen still run (one may be in flight) but
	 * nobody is called back. */
	for (int i = 0; i < app->queued; i++)
		if (app->queue[i].owner == owner)
			app->queue[i].fn = NULL;
}

void app_push(struct app *app, const struct screen_ops *ops)
{
	if (app->depth == MAX_DEPTH)
		return;
	app->stack[app->depth].ops = ops;
	app->stack[app->depth].state = NULL;
	app->depth++;
	/* open() may itself query; the frame exists before it runs. */
	app->stack[app->depth - 1].state = ops->open ? ops->open(app) : NULL;
	app->dirty = true;
}

void app_pop(struct app *app)
{
	struct frame *frame = top(app);

	if (frame == NULL)
		return;
	if (frame->state != NULL)
		forget_owner(app, frame->state);
	if (frame->ops->close)
		frame->ops->close(app, frame->state);
	app->depth--;
	app->dirty = true;
}

void app_replace(struct app *app, const struct screen_ops *ops)
{
	app_pop(app);
	app_push(app, ops);
}

void app_quit(struct app *app, int exit_status)
{
	app->quit = true;
	app->exit_status = exit_status;
}

const struct keymap *app_keymap(const struct app *app)
{
	return app->keymap;
}

const char *app_previous_context(const struct app *app)
{
	return app->depth >= 2 ? app->stack[app->depth - 2].ops->name : "global";
}

/* ---- database --------------------------------------------------------- */

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
		query_release(&app->queue[i]);
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
	identity_clear(&app->identity);
	app->identity.login = xstrdup(PQgetvalue(result, 0, 0));
	app->identity.kind = xstrdup(PQgetvalue(result, 0, 1));
	app->identity.org_code = xstrdup(PQgetvalue(result, 0, 2));
	app->identity.org_name = xstrdup(PQgetvalue(result, 0, 3));
	db_describe(app->db, app->server, sizeof app->server, app->tls, sizeof app->tls);
	app->connection = CONNECTION_READY;
	app_clear_message(app);
	if (top(app) != NULL && top(app)->ops == &connect_screen)
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
	app->connect_deadline = now_ms() + 1000L * config_int(app->config, SETTING_DB_CONNECT_TIMEOUT);
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

static void on_db_ready(struct app *app)
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
		query_release(&done);
	}
	db_result_free(&result);
	send_next(app);
	app->dirty = true;
}

/* ---- keys ------------------------------------------------------------- */

/* Actions every screen shares; the last link of the dispatch chain. */
static void global_action(struct app *app, enum action action)
{
	const struct screen_ops *ops = top(app)->ops;

	switch (action) {
	case ACTION_HELP:
		if (ops != &help_screen)
			app_push(app, &help_screen);
		break;
	case ACTION_BACK:
		if (app->depth > 1)
			app_pop(app);
		break;
	case ACTION_QUIT:
		app_quit(app, 0);
		break;
	case ACTION_MENU:
		if (app->connection == CONNECTION_READY) {
			while (app->depth > 1)
				app_pop(app);
			if (top(app)->ops != &home_screen)
				app_replace(app, &home_screen);
		}
		break;
	case ACTION_DETAILS:
		if (app_has_detail(app))
			app->show_detail = !app->show_detail;
		break;
	case ACTION_CANCEL:
		if (db_busy(app->db)) {
			db_cancel(app->db);
			app_message(app, status_message(STATUS_DB_CANCELLED));
		}
		break;
	case ACTION_JUMP:
		app->jumping = true;
		editline_set(&app->jump, "");
		break;
	case ACTION_REDRAW:
		tui_force_repaint();
		break;
	default:
		break;
	}
}

/* ':' then a screen's code and Enter opens that screen. */
static void jump_to(struct app *app, const char *code)
{
	const struct screen_ops *ops = screen_find(code);
	char text[160];

	if (ops == NULL || ops == &connect_screen) {
		snprintf(text, sizeof text, "No screen has the code \"%s\"; try home or help.",
		         code);
		app_message(app, text);
		app->message_is_error = true;
		return;
	}
	if (ops != &help_screen && app->connection != CONNECTION_READY) {
		app_message(app, "Not connected: only help can be opened now.");
		app->message_is_error = true;
		return;
	}
	if (ops == &home_screen) {
		while (app->depth > 1)
			app_pop(app);
		if (top(app)->ops != &home_screen)
			app_replace(app, &home_screen);
		return;
	}
	if (top(app)->ops != ops)
		app_push(app, ops);
}

static void jump_key(struct app *app, int key)
{
	if (key == KEY_CODE_ENTER) {
		char *code = xstrdup(app->jump.text);

		app->jumping = false;
		jump_to(app, code);
		free(code);
	} else if (key == KEY_CODE_ESC || key == KEY_CODE_F(12) ||
	           (key == KEY_CODE_BACKSPACE && app->jump.len == 0)) {
		app->jumping = false;
	} else if (key == KEY_CODE_BACKSPACE) {
		editline_backspace(&app->jump);
	} else if (key == KEY_CODE_LEFT) {
		editline_left(&app->jump);
	} else if (key == KEY_CODE_RIGHT) {
		editline_right(&app->jump);
	} else if (key >= 32 && key < KEY_CODE_BASE) {
		editline_insert(&app->jump, (unsigned)key);
	}
}

static void on_key(struct app *app, int key)
{
	struct frame *frame = top(app);
	enum action action;

	if (frame == NULL)
		return;
	app->dirty = true;
	if (!chrome_fits()) {
		/* Too small: only leaving is possible; everything stays in memory. */
		if (keymap_lookup(app->keymap, "global", key) == ACTION_QUIT)
			app_quit(app, 0);
		return;
	}
	if (app->jumping) {
		jump_key(app, key);
		return;
	}
	/* Chain: the screen's field (raw keys), the screen's actions, global. */
	if (frame->ops->handle_key && frame->ops->handle_key(app, frame->state, key) == HANDLED)
		return;
	action = keymap_lookup(app->keymap, frame->ops->name, key);
	if (action == ACTION_NONE)
		return;
	if (frame->ops->handle_action &&
	    frame->ops->handle_action(app, frame->state, action) == HANDLED)
		return;
	global_action(app, action);
}

/* ---- the loop --------------------------------------------------------- */

static void draw(struct app *app)
{
	struct frame *frame = top(app);
	struct chrome_view view = {
		.title = frame ? frame->ops->title : "",
		.login = app->identity.login,
		.org_code = app->identity.org_code,
		.message = app->message,
		.message_is_error = app->message_is_error,
		.detail = app->show_detail ? app->detail : NULL,
		.detail_available = app_has_detail(app),
		.context = frame ? frame->ops->name : "global",
		.legend = frame ? frame->ops->legend : NULL,
		.keymap = app->keymap,
	};
	struct rect body;
	char prompt[128];

	if (app->jumping) {
		snprintf(prompt, sizeof prompt, "Go to screen (home, help): %s", app->jump.text);
		view.prompt = prompt;
		view.prompt_cursor = text_width("Go to screen (home, help): ") +
		                     editline_cursor_column(&app->jump);
	}
	tui_erase();
	if (!chrome_draw(&view, &body)) {
		tui_flush();
		return;
	}
	if (frame && frame->ops->draw)
		frame->ops->draw(app, frame->state, body);
	chrome_draw_message(&view);
	tui_flush();
}

static bool connecting(const struct app *app)
{
	return app->connection == CONNECTION_CONNECTING ||
	       app->connection == CONNECTION_IDENTIFYING;
}

/* Milliseconds the loop may sleep: until the connect deadline, or for ever. */
static int wait_budget(const struct app *app)
{
	long left;

	if (!connecting(app))
		return -1;
	left = app->connect_deadline - now_ms();
	return left < 0 ? 0 : (int)left;
}

/* Ends a connect that took longer than database.connect_timeout. */
static void check_connect_deadline(struct app *app)
{
	char detail[256];

	if (!connecting(app) || now_ms() < app->connect_deadline)
		return;
	snprintf(detail, sizeof detail, "no answer from %s within %ld seconds (connect_timeout)",
	         app_target(app), config_int(app->config, SETTING_DB_CONNECT_TIMEOUT));
	db_abandon(app->db, STATUS_DB_TIMEOUT, detail);
	for (int i = 0; i < app->queued; i++)
		query_release(&app->queue[i]);
	app->queued = 0;
	app->connection = CONNECTION_FAILED;
	app_error(app, STATUS_DB_TIMEOUT, detail);
}

int app_run(struct app *app)
{
	struct tui_event events[MAX_EVENTS];

	while (!app->quit) {
		int fd = db_socket(app->db), n;
		bool want_write = app->connection == CONNECTION_CONNECTING &&
		                  app->connect_wait == DB_WAIT_WRITE;

		if (app->connection == CONNECTION_FAILED || app->connection == CONNECTION_IDLE)
			fd = -1;
		if (app->dirty) {
			app->dirty = false;
			draw(app);
		}
		n = tui_wait(fd, want_write, wait_budget(app), events, MAX_EVENTS);
		for (int i = 0; i < n && !app->quit; i++) {
			switch (events[i].type) {
			case TUI_EVENT_KEY:
				on_key(app, events[i].key);
				break;
			case TUI_EVENT_RESIZE:
				app->dirty = true;
				break;
			case TUI_EVENT_DB:
				on_db_ready(app);
				break;
			case TUI_EVENT_HANGUP:
				app_quit(app, 129);
				break;
			case TUI_EVENT_TERMINATE:
				app_quit(app, 143);
				break;
			case TUI_EVENT_TIMEOUT:
				break;
			}
		}
		check_connect_deadline(app);
	}
	/* The server rolls back whatever was open when the connection closes. */
	if (db_busy(app->db))
		db_cancel(app->db);
	return app->exit_status;
}
