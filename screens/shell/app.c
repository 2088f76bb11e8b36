/* app.c - the program state, the screen stack, key dispatch and the event loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "chrome.h"
#include "tui.h"
#include "width.h"
#include "xalloc.h"

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

void app_free(struct app **app)
{
	if (app == NULL || *app == NULL)
		return;
	(*app)->closing = true;
	while ((*app)->depth > 0)
		app_pop(*app);
	for (int i = 0; i < (*app)->queued; i++)
		app_query_free(&(*app)->queue[i]);
	app_identity_clear(&(*app)->identity);
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
	app->message_seq++;
	app->detail[0] = '\0';
	app->message_is_error = false;
	app->show_detail = false;
	app->dirty = true;
}

void app_error(struct app *app, enum status status, const char *detail)
{
	snprintf(app->message, sizeof app->message, "%s", status_message(status));
	app->message_seq++;
	snprintf(app->detail, sizeof app->detail, "%s", detail ? detail : "");
	app->message_is_error = true;
	app->show_detail = false;
	app->dirty = true;
}

void app_error_db(struct app *app, enum status status)
{
	const char *sentence = db_message(app->db);

	app_error(app, status, db_detail(app->db));
	/* A rule's refusal is written for the clerk; a bare constraint name is not. */
	if (status == STATUS_DB_INVALID && sentence[0] != '\0' &&
	    strstr(sentence, "violates") == NULL && strstr(sentence, "constraint") == NULL)
		snprintf(app->message, sizeof app->message, "%s", sentence);
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

/* The message is wider than the message line (which cuts it with '~'). */
static bool message_cut(const struct app *app)
{
	return app->message[0] != '\0' && text_width(app->message) > tui_cols();
}

bool app_has_detail(const struct app *app)
{
	return app->detail[0] != '\0' || message_cut(app);
}

/* ---- screens ---------------------------------------------------------- */

struct frame *app_top(struct app *app)
{
	return app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
}

static void forget_owner(struct app *app, void *owner)
{
	/* Queries of a closed screen still run (one may be in flight) but
	 * nobody is called back. */
	for (int i = 0; i < app->queued; i++)
		if (app->queue[i]->owner == owner) {
			app->queue[i]->fn = NULL;
			app->queue[i]->batch_fn = NULL;
		}
}

void app_push(struct app *app, const struct screen_ops *ops)
{
	app_push_with(app, ops, NULL);
}

/* Puts a frame for `ops` at `index` (the frames from there move up one)
 * and opens it; says so, and frees `arg`, when the stack is full. */
static void open_at(struct app *app, int index, const struct screen_ops *ops, void *arg)
{
	if (app->depth == MAX_DEPTH) {
		/* Said, and what open() would have owned freed (it is not opened). */
		app_message(app, "Too many screens are open: close one (F3) and try again.");
		app->message_is_error = true;
		if (arg != NULL && ops->drop != NULL)
			ops->drop(arg);
		return;
	}
	memmove(&app->stack[index + 1], &app->stack[index],
	        (size_t)(app->depth - index) * sizeof app->stack[0]);
	app->stack[index].ops = ops;
	app->stack[index].state = NULL;
	app->stack[index].closing = false;
	app->depth++;
	/* open() may itself query; the frame exists before it runs. */
	app->stack[index].state = ops->open ? ops->open(app, arg) : NULL;
	app->dirty = true;
}

void app_push_with(struct app *app, const struct screen_ops *ops, void *arg)
{
	open_at(app, app->depth, ops, arg);
}

/* The key map context of a frame: its mode's, or the screen's name. */
static const char *frame_context(const struct frame *frame)
{
	const char *context = frame->ops->context ? frame->ops->context(frame->state) : NULL;

	return context ? context : frame->ops->name;
}

static const enum action *frame_legend(const struct frame *frame)
{
	const enum action *legend =
	        frame->ops->legend_now ? frame->ops->legend_now(frame->state) : NULL;

	return legend ? legend : frame->ops->legend;
}

void app_pop(struct app *app)
{
	struct frame *frame = app_top(app);

	if (frame == NULL)
		return;
	if (frame->state != NULL)
		forget_owner(app, frame->state);
	if (frame->ops->close)
		frame->ops->close(app, frame->state);
	app->depth--;
	app->dirty = true;
	frame = app_top(app);
	if (frame != NULL && frame->ops->resume && !app->closing)
		frame->ops->resume(app, frame->state);
}

/* The frame whose state is `state`, or -1. */
static int frame_of(const struct app *app, const void *state)
{
	for (int i = app->depth - 1; i >= 0 && state != NULL; i--)
		if (app->stack[i].state == state)
			return i;
	return -1;
}

static void mark_closing(struct app *app, int index)
{
	if (!app->stack[index].closing) {
		app->stack[index].closing = true;
		if (app->stack[index].state != NULL)
			forget_owner(app, app->stack[index].state);
	}
}

void app_react(struct app *app, void *owner, int index, struct reaction reaction)
{
	app->dirty = true;
	if (reaction.kind == REACTION_PASS || reaction.kind == REACTION_DONE)
		return;
	if (owner != NULL)
		index = frame_of(app, owner);
	if ((index >= 0 && app->stack[index].closing) || app->closing ||
	    (index < 0 && reaction.kind == REACTION_CLOSE)) {
		/* Its screen is going: nothing opens on its behalf. */
		if (reaction.arg != NULL && reaction.ops != NULL && reaction.ops->drop != NULL)
			reaction.ops->drop(reaction.arg);
		return;
	}
	switch (reaction.kind) {
	case REACTION_CLOSE:
		mark_closing(app, index);
		break;
	case REACTION_OPEN:
		open_at(app, index >= 0 ? index + 1 : app->depth, reaction.ops, reaction.arg);
		break;
	case REACTION_REPLACE:
		open_at(app, index >= 0 ? index + 1 : app->depth, reaction.ops, reaction.arg);
		if (index >= 0)
			mark_closing(app, index);
		break;
	default:
		break;
	}
}

void app_settle(struct app *app)
{
	struct frame *top = app_top(app);
	const void *top_state = top ? top->state : NULL;
	bool closed = false;

	for (int i = app->depth - 1; i >= 0; i--) {
		struct frame frame = app->stack[i];

		if (!frame.closing)
			continue;
		if (frame.ops->close)
			frame.ops->close(app, frame.state);
		memmove(&app->stack[i], &app->stack[i + 1],
		        (size_t)(app->depth - 1 - i) * sizeof app->stack[0]);
		app->depth--;
		closed = true;
		/* close() may have asked for more: look from the top again. */
		i = app->depth;
	}
	if (!closed)
		return;
	app->dirty = true;
	top = app_top(app);
	if (top != NULL && top->state != top_state && top->ops->resume && !app->closing)
		top->ops->resume(app, top->state);
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
	return app->depth >= 2 ? frame_context(&app->stack[app->depth - 2]) : "global";
}

/* ---- keys ------------------------------------------------------------- */

const enum action app_global_actions[] = { ACTION_HELP,    ACTION_BACK,   ACTION_QUIT,
	                                   ACTION_MENU,    ACTION_DETAILS, ACTION_CANCEL,
	                                   ACTION_JUMP,    ACTION_REDRAW,  ACTION_NONE };

static bool action_in(const enum action *list, enum action action)
{
	for (int i = 0; list != NULL && list[i] != ACTION_NONE; i++)
		if (list[i] == action)
			return true;
	return false;
}

/* Every open screen keeps what is typed on the server (a hang-up, quitting). */
static void save_drafts(struct app *app)
{
	for (int i = app->depth - 1; i >= 0; i--)
		if (app->stack[i].ops->save_draft)
			app->stack[i].ops->save_draft(app, app->stack[i].state);
}

/* Actions every screen shares; the last link of the dispatch chain. */
static void global_action(struct app *app, enum action action)
{
	const struct screen_ops *ops = app_top(app)->ops;

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
		/* What is typed in any open form is kept, as at a hang-up: Home
		 * offers it again next time. */
		save_drafts(app);
		app_quit(app, 0);
		break;
	case ACTION_MENU:
		if (app->connection == CONNECTION_READY) {
			while (app->depth > 1)
				app_pop(app);
			if (app_top(app)->ops != &home_screen)
				app_replace(app, &home_screen);
		}
		break;
	case ACTION_DETAILS:
		if (app_has_detail(app))
			app->show_detail = !app->show_detail;
		break;
	case ACTION_CANCEL:
		if (db_busy(app->db)) {
			db_cancel(app->db, false);
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

/* The codes ':' opens for this login, from the registry: "home, register, ...". */
static const char *jump_codes(const struct app *app, char *codes, size_t size)
{
	size_t len = 0;

	codes[0] = '\0';
	for (int i = 0; screen_registry[i] != NULL; i++) {
		const struct screen_ops *ops = screen_registry[i];

		if (ops->jumpable && screen_serves(ops, app->identity.kind) &&
		    len + strlen(ops->name) + 3 < size)
			len += (size_t)snprintf(codes + len, size - len, "%s%s", len ? ", " : "",
			                        ops->name);
	}
	return codes;
}

/* ':' then a screen's code and Enter opens that screen. */
static void jump_to(struct app *app, const char *code)
{
	const struct screen_ops *ops = screen_find(code);
	char text[400], codes[160];

	/* Only a screen that opens without an argument (not a file, a form ...). */
	if (ops == NULL || !ops->jumpable) {
		snprintf(text, sizeof text, "No screen has the code \"%s\"; try %s.", code,
		         jump_codes(app, codes, sizeof codes));
		app_message(app, text);
		app->message_is_error = true;
		return;
	}
	if (ops != &help_screen && app->connection != CONNECTION_READY) {
		app_message(app, "Not connected: only help can be opened now.");
		app->message_is_error = true;
		return;
	}
	if (!screen_serves(ops, app->identity.kind)) {
		snprintf(text, sizeof text, "\"%s\" is not for this kind of login.", code);
		app_message(app, text);
		app->message_is_error = true;
		return;
	}
	if (ops == &home_screen) {
		while (app->depth > 1)
			app_pop(app);
		if (app_top(app)->ops != &home_screen)
			app_replace(app, &home_screen);
		return;
	}
	if (app_top(app)->ops != ops)
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
	} else {
		editline_key(&app->jump, key);
	}
}

static void on_key(struct app *app, int key)
{
	struct frame *frame = app_top(app);
	struct reaction reaction;
	enum action action;
	int index;

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
	/* Chain: the screen's field (raw keys), the screen's actions, global.
	 * A reaction applies to this frame, wherever it is once the handler
	 * has returned. */
	index = app->depth - 1;
	if (frame->ops->handle_key) {
		reaction = frame->ops->handle_key(app, frame->state, key);
		if (reaction.kind != REACTION_PASS) {
			app_react(app, NULL, index, reaction);
			return;
		}
	}
	action = keymap_lookup(app->keymap, frame_context(frame), key);
	if (action == ACTION_NONE)
		return;
	if (frame->ops->handle_action && action_in(frame->ops->actions, action)) {
		reaction = frame->ops->handle_action(app, frame->state, action);
		if (reaction.kind != REACTION_PASS) {
			app_react(app, NULL, index, reaction);
			return;
		}
	}
	global_action(app, action);
}

/* ---- the loop --------------------------------------------------------- */

/* A key, and what it leaves on the message line: a sentence said on one
 * screen is not left standing on the next when the key opened or closed a
 * screen without saying anything itself ("Saved." from a form that closes
 * stays: the form said it while handling the key). */
static void key_pressed(struct app *app, int key)
{
	struct frame *top = app_top(app);
	const void *ops = top ? top->ops : NULL, *state = top ? top->state : NULL;
	int depth = app->depth;
	long said = app->message_seq;

	on_key(app, key);
	app_settle(app);
	top = app_top(app);
	if ((top ? (const void *)top->ops : NULL) == ops && (top ? top->state : NULL) == state &&
	    app->depth == depth)
		return;
	if (app->message_seq == said && !app->jumping)
		app_clear_message(app);
}

static void draw(struct app *app)
{
	struct frame *frame = app_top(app);
	struct chrome_view view = {
		.title = frame ? frame->ops->title : "",
		.login = app->identity.login,
		.org_code = app->identity.org_code,
		.message = app->message,
		.message_is_error = app->message_is_error,
		.detail = app->show_detail ? app->detail : NULL,
		.detail_available = app_has_detail(app),
		.message_cut = message_cut(app),
		.context = frame ? frame_context(frame) : "global",
		.legend = frame ? frame_legend(frame) : NULL,
		.keymap = app->keymap,
	};
	struct rect body;
	char prompt[320];

	if (app->jumping) {
		char label[200], codes[160];

		snprintf(label, sizeof label, "Go to screen (%s): ",
		         jump_codes(app, codes, sizeof codes));
		snprintf(prompt, sizeof prompt, "%s%s", label, app->jump.text);
		view.prompt = prompt;
		view.prompt_cursor = text_width(label) + editline_cursor_column(&app->jump);
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

/* The session ends: every open form keeps what was typed, top first. */

int app_run(struct app *app, const struct screen_ops *first)
{
	struct tui_event events[MAX_EVENTS];

	app_push(app, first);
	while (!app->quit) {
		int fd = db_socket(app->db), n;
		/* Writable too while connecting asks for it, and while libpq holds
		 * bytes of a statement the socket could not take yet. */
		bool want_write = (app->connection == CONNECTION_CONNECTING &&
		                   app->connect_wait == DB_WAIT_WRITE) ||
		                  (app->connection >= CONNECTION_IDENTIFYING &&
		                   app->connection != CONNECTION_FAILED && db_wants_write(app->db));

		if (app->connection == CONNECTION_FAILED || app->connection == CONNECTION_IDLE)
			fd = -1;
		if (app->dirty) {
			app->dirty = false;
			draw(app);
		}
		n = tui_wait(fd, want_write, app_wait_budget(app), events, MAX_EVENTS);
		for (int i = 0; i < n && !app->quit; i++) {
			switch (events[i].type) {
			case TUI_EVENT_KEY:
				key_pressed(app, events[i].key);
				break;
			case TUI_EVENT_RESIZE:
				app->dirty = true;
				break;
			case TUI_EVENT_DB:
				app_on_db_ready(app);
				break;
			case TUI_EVENT_HANGUP:
				save_drafts(app);
				app_quit(app, 129);
				break;
			case TUI_EVENT_TERMINATE:
				save_drafts(app);
				app_quit(app, 143);
				break;
			case TUI_EVENT_TIMEOUT:
				break;
			}
			app_settle(app);
		}
		app_check_connect_deadline(app);
		app_check_slow(app);
	}
	/* The server rolls back whatever was open when the connection closes. */
	if (db_busy(app->db))
		db_cancel(app->db, true);
	return app->exit_status;
}
