/* help.c - the bindings in force, generated from the key maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "tui.h"
#include "xalloc.h"

enum { MAX_KEYS = 8, KEYS_TEXT = 64 };

struct help_line {
	bool heading;
	char *text;
};

struct help_state {
	struct help_line *lines;
	int count, capacity;
	int top;  /* first line shown */
	int page; /* lines shown at the last draw */
};

static const enum action legend[] = { ACTION_BACK, ACTION_QUIT, ACTION_NONE };

static void add_line(struct help_state *state, bool heading, char *text)
{
	if (state->count == state->capacity) {
		state->capacity = state->capacity ? state->capacity * 2 : 64;
		state->lines =
		        xrealloc(state->lines, (size_t)state->capacity * sizeof *state->lines);
	}
	state->lines[state->count].heading = heading;
	state->lines[state->count].text = text;
	state->count++;
}

/* One line per action bound in exactly `context`. */
static void add_context(struct help_state *state, const struct keymap *keymap, const char *context,
                        const char *heading)
{
	bool any = false;

	for (int action = 1; action < ACTION_COUNT; action++) {
		int keys[MAX_KEYS];
		size_t n = keymap_keys_of(keymap, context, (enum action)action, keys, MAX_KEYS);
		char text[KEYS_TEXT] = "";

		if (n == 0)
			continue;
		if (!any)
			add_line(state, true, xstrdup(heading));
		any = true;
		for (size_t i = 0; i < n; i++) {
			char name[16];
			size_t len = strlen(text);

			key_format(keys[i], name, sizeof name);
			snprintf(text + len, sizeof text - len, "%s%s", i ? ", " : "", name);
		}
		add_line(state, false,
		         xasprintf("  %-18s %-14s %s", text, action_name((enum action)action),
		                   action_help((enum action)action)));
	}
	if (any)
		add_line(state, false, xstrdup(""));
}

static void *help_open(struct app *app, void *arg)
{
	(void)arg;
	struct help_state *state = xcalloc(1, sizeof *state);
	const char *context = app_previous_context(app);
	const struct screen_ops *ops = screen_find(context);
	char *heading;

	/* A screen in one of its modes has a context of its own (the preview
	 * of the staffing table ...): its keys come first, named by it. */
	if (strcmp(context, "global") != 0) {
		heading = ops != NULL ? xasprintf("Keys of the %s screen", ops->title)
		                      : xasprintf("Keys here (%s)", context);
		add_context(state, app_keymap(app), context, heading);
		free(heading);
	}
	add_context(state, app_keymap(app), "global", "Keys on every screen");
	add_line(state, true, xstrdup("Notes"));
	add_line(state, false,
	         xstrdup("  Every function key also answers to Esc followed by its "
	                 "digit (Esc 0 is F10)."));
	add_line(state, false, xstrdup("  Keys can be changed in the keys section of hrmis.conf."));
	return state;
}

static void help_close(struct app *app, void *data)
{
	struct help_state *state = data;

	(void)app;
	for (int i = 0; i < state->count; i++)
		free(state->lines[i].text);
	free(state->lines);
	free(state);
}

static void help_draw(struct app *app, void *data, struct rect body)
{
	struct help_state *state = data;

	(void)app;
	state->page = body.rows;
	if (state->top > state->count - body.rows)
		state->top = state->count - body.rows > 0 ? state->count - body.rows : 0;
	for (int i = 0; i < body.rows && state->top + i < state->count; i++) {
		const struct help_line *line = &state->lines[state->top + i];

		tui_put(body.row + i, body.col + 1, body.cols - 2,
		        line->heading ? TUI_HEADING : TUI_NORMAL, false, line->text);
	}
	tui_cursor(-1, -1);
}

static struct reaction help_action(struct app *app, void *data, enum action action)
{
	struct help_state *state = data;
	int last = state->count - state->page > 0 ? state->count - state->page : 0;

	(void)app;
	switch (action) {
	case ACTION_UP:
		state->top -= state->top > 0;
		return react_done();
	case ACTION_DOWN:
		state->top += state->top < last;
		return react_done();
	case ACTION_PAGE_UP:
		state->top = state->top > state->page ? state->top - state->page : 0;
		return react_done();
	case ACTION_PAGE_DOWN:
		state->top = state->top + state->page < last ? state->top + state->page : last;
		return react_done();
	case ACTION_FIRST:
		state->top = 0;
		return react_done();
	case ACTION_LAST:
		state->top = last;
		return react_done();
	default:
		return react_pass();
	}
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_NONE };

const struct screen_ops help_screen = {
	.actions = handled_actions,
	.jumpable = true,
	.name = "help",
	.title = "Help",
	.legend = legend,
	.open = help_open,
	.draw = help_draw,
	.handle_action = help_action,
	.close = help_close,
};
