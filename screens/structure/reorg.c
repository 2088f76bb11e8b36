/*
 * reorg.c - reorganising one department from an effective day: rename,
 * move under another parent, merge into another department (its people
 * move without a gap), or close.  Every change makes new dated versions;
 * nothing is overwritten and the structure can still be read as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "picklist.h"
#include "structure.h"
#include "structure_screens.h"
#include "tui.h"
#include "xalloc.h"

enum { F_ACTION, F_CODE, F_NAME, F_OTHER, F_DAY, F_COUNT };

static const char *const actions[] = { "rename", "move", "merge", "close", NULL };

struct reorg_state {
	struct reorg_request *request;
	struct form form;
	struct picklist pick;
	bool busy;
};

static const enum action legend[] = { ACTION_HELP, ACTION_SAVE, ACTION_BACK, ACTION_LOOKUP,
	                              ACTION_NONE };

static void *reorg_open(struct app *app, void *arg)
{
	struct reorg_state *st = xcalloc(1, sizeof *st);
	struct field_context ctx;
	char day[DATE_TEXT_SIZE];

	st->request = arg;
	app_field_context(app, &ctx);
	form_init(&st->form, F_COUNT);
	form_set_field(&st->form, F_ACTION, "Change (F4)", "rename", 10);
	form_set_field(&st->form, F_CODE, "New code", "", 40);
	form_set_field(&st->form, F_NAME, "New name", "", 400);
	form_set_field(&st->form, F_OTHER, "Under / into", "", 40);
	form_set_field(&st->form, F_DAY, "Effective from",
	               date_format(st->request->as_of, ctx.date_format, day, sizeof day), 10);
	return st;
}

static void reorg_close(struct app *app, void *data)
{
	struct reorg_state *st = data;

	(void)app;
	form_free(&st->form);
	for (int i = 0; i < st->request->ncodes; i++)
		free(st->request->codes[i]);
	free(st->request->codes);
	free(st->request->ids);
	free(st->request->label);
	free(st->request);
	free(st);
}

static void reorg_draw(struct app *app, void *data, struct rect body)
{
	struct reorg_state *st = data;
	char line[300];

	(void)app;
	snprintf(line, sizeof line, "Reorganise %s", st->request->label);
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, line);
	form_draw(&st->form, body.row + 2, body.col + 1, F_COUNT, body.cols - 2);
	tui_put(body.row + 3 + F_COUNT, body.col + 2, body.cols - 4, TUI_DIM, false,
	        "rename: new code and/or name.  move: under the department whose code you give "
	        "(empty: top level).");
	tui_put(body.row + 4 + F_COUNT, body.col + 2, body.cols - 4, TUI_DIM, false,
	        "merge: into the department given; its people move without a gap.  close: when "
	        "no one is left.");
	if (st->pick.open)
		picklist_draw(&st->pick, body.row + 3, body.col + 20);
}

static struct reaction on_done(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct reorg_state *st = owner;
	char text[160];

	st->busy = false;
	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	if (strcmp(form_value(&st->form, F_ACTION), "merge") == 0)
		snprintf(text, sizeof text, "Merged: %d assignment%s moved without a gap.",
		         PQntuples(result), PQntuples(result) == 1 ? "" : "s");
	else
		snprintf(text, sizeof text, "Done: the %s is in force from the effective day.",
		         form_value(&st->form, F_ACTION));
	app_message(app, text);
	return react_close();
}

/* The department with this code in the organisation; 0 when none. */
static long department(const struct reorg_state *st, const char *code)
{
	for (int i = 0; i < st->request->ncodes; i++)
		if (strcmp(st->request->codes[i], code) == 0)
			return st->request->ids[i];
	return 0;
}

static void run(struct app *app, struct reorg_state *st)
{
	const char *action = form_value(&st->form, F_ACTION), *reason = NULL;
	struct field_context ctx;
	struct date day;
	char iso[DATE_TEXT_SIZE], self[24], other[24] = "";
	long other_id = 0;

	app_field_context(app, &ctx);
	if (!date_parse(form_value(&st->form, F_DAY), ctx.date_format, &day, &reason)) {
		app_message(app, reason);
		form_focus(&st->form, F_DAY);
		return;
	}
	date_to_iso(day, iso, sizeof iso);
	snprintf(self, sizeof self, "%ld", st->request->department_id);
	if (form_value(&st->form, F_OTHER)[0] != '\0') {
		other_id = department(st, form_value(&st->form, F_OTHER));
		if (other_id == 0) {
			app_message(
			        app,
			        "Under / into: no department of this organisation has that code.");
			form_focus(&st->form, F_OTHER);
			return;
		}
		snprintf(other, sizeof other, "%ld", other_id);
	}
	st->busy = true;
	if (strcmp(action, "rename") == 0) {
		const char *params[] = { self, form_value(&st->form, F_CODE),
			                 form_value(&st->form, F_NAME), iso };
		app_query(app, st, structure_rename_sql, 4, params, on_done);
	} else if (strcmp(action, "move") == 0) {
		const char *params[] = { self, other, iso };
		app_query(app, st, structure_move_sql, 3, params, on_done);
	} else if (strcmp(action, "merge") == 0 && other_id != 0) {
		const char *params[] = { self, other, iso };
		app_query(app, st, structure_merge_sql, 3, params, on_done);
	} else if (strcmp(action, "close") == 0) {
		const char *params[] = { self, iso };
		app_query(app, st, structure_close_sql, 2, params, on_done);
	} else {
		st->busy = false;
		app_message(app, strcmp(action, "merge") == 0
		                         ? "Under / into: give the department to merge into."
		                         : "Change: one of rename, move, merge, close (F4).");
	}
}

static struct reaction reorg_key(struct app *app, void *data, int key)
{
	struct reorg_state *st = data;

	(void)app;
	if (st->pick.open) {
		if (picklist_key(&st->pick, key) == PICKLIST_CHOSEN)
			form_set_value(&st->form, F_ACTION, actions[st->pick.selected], false);
		return react_done();
	}
	if (key == KEY_CODE_ENTER || key == KEY_CODE_TAB || key == KEY_CODE_BTAB)
		return react_pass();
	return form_edit_key(&st->form, key) ? react_done() : react_pass();
}

static struct reaction reorg_action(struct app *app, void *data, enum action action)
{
	struct reorg_state *st = data;

	switch (action) {
	case ACTION_NEXT_FIELD:
		form_focus(&st->form, (st->form.focus + 1) % F_COUNT);
		return react_done();
	case ACTION_PREV_FIELD:
		form_focus(&st->form, (st->form.focus + F_COUNT - 1) % F_COUNT);
		return react_done();
	case ACTION_LOOKUP:
		if (st->form.focus == F_ACTION)
			picklist_open(&st->pick, actions, 4, 0);
		else
			app_message(app, "Only the kind of change has a list (F4 on it).");
		return react_done();
	case ACTION_SAVE:
		if (!st->busy)
			run(app, st);
		return react_done();
	default:
		return react_pass();
	}
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	struct reorg_request *request = arg;

	for (int i = 0; i < request->ncodes; i++)
		free(request->codes[i]);
	free(request->codes);
	free(request->ids);
	free(request->label);
	free(request);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_SAVE, ACTION_LOOKUP, ACTION_NEXT_FIELD, ACTION_PREV_FIELD, ACTION_NONE };

const struct screen_ops reorg_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "reorg",
	.title = "Reorganise a department",
	.legend = legend,
	.open = reorg_open,
	.draw = reorg_draw,
	.handle_action = reorg_action,
	.handle_key = reorg_key,
	.close = reorg_close,
};
