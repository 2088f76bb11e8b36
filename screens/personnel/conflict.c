/*
 * conflict.c - someone saved the record after this clerk opened it and
 * changed a field this clerk changed too: both versions side by side, the
 * fields both changed marked, and the clerk decides those; every other
 * field joins the two (theirs where only they changed it, the clerk's where
 * only the clerk did).  No one's change is overwritten unseen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "personnel_screens.h"
#include "table.h"
#include "tui.h"
#include "xalloc.h"

static const enum action legend[] = { ACTION_HELP, ACTION_SAVE, ACTION_REFRESH, ACTION_BACK,
	                              ACTION_NONE };

static void *conflict_open(struct app *app, void *arg)
{
	app_message(app, "Someone else changed what you changed (#). F2 keeps yours, F5 takes "
	                 "theirs; the rest is joined.");
	return arg;
}

static void conflict_close(struct app *app, void *data)
{
	struct conflict_request *request = data;

	(void)app;
	for (int i = 0; i < request->section->nfields; i++) {
		free(request->mine[i]);
		free(request->theirs[i]);
	}
	free(request->mine);
	free(request->theirs);
	free(request->both);
	free(request);
}

static void conflict_draw(struct app *app, void *data, struct rect body)
{
	struct conflict_request *request = data;
	struct table_column columns[] = { { "Field", 14, 0 },
		                          { "Yours (not saved)", 16, 1 },
		                          { "Saved by someone else", 16, 1 } };
	int widths[3], col;

	(void)app;
	table_layout(columns, 3, body.cols - 4, widths);
	col = body.col + 3;
	for (int c = 0; c < 3; c++) {
		tui_put(body.row + 1, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + 1;
	}
	for (int i = 0; i < request->section->nfields && i + 2 < body.rows; i++) {
		bool differs = request->both[i];
		int row = body.row + 2 + i;

		/* The difference is marked by a sign, not only by emphasis. */
		tui_put(row, body.col + 1, 2, differs ? TUI_ERROR : TUI_NORMAL, false,
		        differs ? "#" : " ");
		col = body.col + 3;
		tui_put(row, col, widths[0], TUI_LABEL, false, request->section->fields[i].label);
		col += widths[0] + 1;
		tui_put(row, col, widths[1], differs ? TUI_VALUE : TUI_NORMAL, false,
		        request->mine[i]);
		col += widths[1] + 1;
		tui_put(row, col, widths[2], differs ? TUI_VALUE : TUI_NORMAL, false,
		        request->theirs[i]);
	}
	tui_put(body.row + body.rows - 1, body.col + 1, body.cols - 2, TUI_DIM, false,
	        "# marks what you both changed; the rest joins yours and theirs.");
	tui_cursor(-1, -1);
}

static struct reaction conflict_action(struct app *app, void *data, enum action action)
{
	struct conflict_request *request = data;

	(void)app;
	if (action != ACTION_SAVE && action != ACTION_REFRESH)
		return react_pass();
	/* The request stays valid until the app has closed this screen. */
	request->decide(request->entry, action == ACTION_SAVE, request->their_version,
	                request->theirs);
	return react_close();
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	conflict_close(NULL, arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_SAVE, ACTION_REFRESH, ACTION_NONE };

const struct screen_ops conflict_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "conflict",
	.title = "Saved by someone else meanwhile",
	.legend = legend,
	.open = conflict_open,
	.draw = conflict_draw,
	.handle_action = conflict_action,
	.close = conflict_close,
};
