/* connect.c - the first screen: connection progress, password prompt, failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "chrome.h"
#include "editline.h"
#include "tui.h"
#include "xalloc.h"

enum { PASSWORD_MAX = 256 };

struct connect_state {
	struct editline password;
};

static const enum action legend[] = {
	ACTION_HELP, ACTION_QUIT, ACTION_RETRY, ACTION_DETAILS, ACTION_NONE,
};

static void *connect_open(struct app *app, void *arg)
{
	(void)arg;
	struct connect_state *state = xcalloc(1, sizeof *state);

	editline_init(&state->password, PASSWORD_MAX);
	if (app_connection_state(app) == CONNECTION_IDLE)
		app_connect(app);
	return state;
}

static void connect_close(struct app *app, void *data)
{
	struct connect_state *state = data;

	(void)app;
	if (state == NULL)
		return;
	/* Do not leave the password in freed memory. */
	memset(state->password.text, 0, state->password.len);
	editline_free(&state->password);
	free(state);
}

/* "F5 tries again, F8 shows the technical detail, F3 leaves." from the bindings. */
static void retry_hint(struct app *app, char *buf, size_t size)
{
	static const struct {
		enum action action;
		const char *does;
	} parts[] = {
		{ ACTION_RETRY, "tries again" },
		{ ACTION_DETAILS, "shows the technical detail" },
		{ ACTION_QUIT, "leaves" },
	};
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof parts / sizeof parts[0] && len < size; i++) {
		int key = keymap_key_for(app_keymap(app), connect_screen.name, parts[i].action);
		char name[16];

		if (key < 0)
			continue;
		key_format(key, name, sizeof name);
		len += (size_t)snprintf(buf + len, size - len, "%s%s %s", len ? ", " : "", name,
		                        parts[i].does);
	}
	if (len > 0 && len + 1 < size)
		strcat(buf, ".");
}

static void connect_draw(struct app *app, void *data, struct rect body)
{
	struct connect_state *state = data;
	char line[512];
	int row = body.row + 2, col = body.col + 2, width = body.cols - 4;

	snprintf(line, sizeof line, "Connecting to %s as %s over TLS (verify-full)",
	         app_target(app), app_user(app)[0] ? app_user(app) : "the default user");
	tui_put(row, col, width, TUI_NORMAL, false, line);
	tui_cursor(-1, -1);
	switch (app_connection_state(app)) {
	case CONNECTION_CONNECTING:
	case CONNECTION_IDENTIFYING:
	case CONNECTION_IDLE:
		tui_put(row + 2, col, width, TUI_DIM, false, "Please wait ...");
		break;
	case CONNECTION_FAILED:
		if (app_needs_password(app)) {
			char stars[PASSWORD_MAX + 1];
			size_t n = 0;
			const char *label = "Password: ";

			/* One star per character, not per byte. */
			for (const char *p = state->password.text; *p && n < PASSWORD_MAX; p++)
				if (((unsigned char)*p & 0xC0) != 0x80)
					stars[n++] = '*';
			stars[n] = '\0';
			tui_put(row + 2, col, width, TUI_LABEL, false, label);
			tui_put(row + 2, col + 10, 32, TUI_INPUT, true, stars);
			tui_put(row + 4, col, width, TUI_DIM, false,
			        "The server asks for a password. Type it and press Enter.");
			tui_cursor(row + 2, col + 10 + (int)n);
		} else {
			int used;

			tui_put(row + 2, col, width, TUI_ERROR, false, "Could not connect.");
			used = chrome_draw_wrapped(row + 3, row + 6, col, width, TUI_NORMAL,
			                           app_current_message(app));
			retry_hint(app, line, sizeof line);
			tui_put(row + 4 + used, col, width, TUI_DIM, false, line);
		}
		break;
	case CONNECTION_READY:
		break;
	}
}

static struct reaction connect_key(struct app *app, void *data, int key)
{
	struct connect_state *state = data;

	if (!app_needs_password(app) || state == NULL)
		return react_pass();
	if (key == KEY_CODE_ENTER) {
		app_set_password(app, state->password.text);
		memset(state->password.text, 0, state->password.len);
		editline_set(&state->password, "");
		app_clear_message(app);
		app_connect(app);
		return react_done();
	}
	if (key == KEY_CODE_BACKSPACE)
		return editline_backspace(&state->password) ? react_done() : react_pass();
	if (key >= 32 && key < KEY_CODE_BASE && key != 127)
		return editline_insert(&state->password, (unsigned)key) ? react_done()
		                                                        : react_pass();
	return react_pass();
}

static struct reaction connect_action(struct app *app, void *data, enum action action)
{
	(void)data;
	if (action == ACTION_RETRY && app_connection_state(app) == CONNECTION_FAILED) {
		app_clear_message(app);
		app_connect(app);
		return react_done();
	}
	return react_pass();
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_RETRY, ACTION_NONE };

const struct screen_ops connect_screen = {
	.actions = handled_actions,
	.name = "connect",
	.title = "Connecting",
	.legend = legend,
	.open = connect_open,
	.draw = connect_draw,
	.handle_action = connect_action,
	.handle_key = connect_key,
	.close = connect_close,
};
