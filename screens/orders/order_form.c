/*
 * order_form.c - keying an order: the fields of one line at a time (the
 * employee first), the lines already on the order below.  Each line is
 * saved on the server with its draft order in one transaction as soon as
 * it is complete, so a dropped session loses at most the line being typed.
 *
 * Enter checks the field and moves on; on a complete line it saves the
 * line.  F6 copies the previous line's values (dates, type, position ...)
 * for the next employee: bulk keying of a list order is F6, the employee,
 * Enter.  F9 checks the order and shows what signing will do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draft.h"
#include "form.h"
#include "listing.h"
#include "order.h"
#include "order_screens.h"
#include "picklist.h"
#include "tui.h"
#include "uuid.h"
#include "xalloc.h"

#include "order_form.h"

static const enum action legend[] = { ACTION_HELP,    ACTION_BACK,          ACTION_SAVE,
	                              ACTION_LOOKUP,  ACTION_COPY_PREVIOUS, ACTION_SWITCH,
	                              ACTION_PREVIEW, ACTION_NONE };

struct field_context order_form_context_of(struct app *app)
{
	struct field_context ctx;

	app_field_context(app, &ctx);
	return ctx;
}

const struct order_field *order_form_field_at(const struct order_form_state *st, int i)
{
	return &st->kind->fields[i];
}

bool order_form_is_choice(const struct order_form_state *st, int i)
{
	enum order_field_kind k = order_form_field_at(st, i)->kind;

	return k == ORDER_FIELD_PERSON || k == ORDER_FIELD_POSITION || k == ORDER_FIELD_PENALTY ||
	       k == ORDER_FIELD_ORG;
}

/* Sets a chosen id and the text shown for it. */
void order_form_choose(struct order_form_state *st, int i, long id, const char *text)
{
	st->ids[i] = id;
	free(st->chosen[i]);
	st->chosen[i] = xstrdup(text);
	form_set_value(&st->line, i, text, false);
}

void order_form_clear_pick(struct order_form_state *st)
{
	for (int i = 0; i < st->pick_count; i++)
		free(st->pick_items[i]);
	free(st->pick_items);
	free(st->pick_ids);
	st->pick_items = NULL;
	st->pick_ids = NULL;
	st->pick_count = 0;
	st->pick.open = false;
}

/* A fresh line: initial values, nothing chosen, the employee focused. */
void order_form_reset_line(struct order_form_state *st)
{
	for (int i = 0; i < st->kind->nfields; i++) {
		form_set_value(&st->line, i, order_form_field_at(st, i)->initial, true);
		st->ids[i] = 0;
		free(st->chosen[i]);
		st->chosen[i] = NULL;
		st->line.fields[i].invalid = false;
	}
	st->line_no = 0;
	form_focus(&st->line, 0);
}

/* ---- loading ---------------------------------------------------------------- */

static struct reaction on_next_number(struct app *app, void *owner, const PGresult *result,
                                      enum status status)
{
	struct order_form_state *st = owner;
	int i = order_field_index(st->kind, "personnel_no");

	(void)status;
	if (result == NULL || PQntuples(result) != 1 || i < 0 ||
	    form_value(&st->line, i)[0] != '\0')
		return react_done();
	form_set_value(&st->line, i, PQgetvalue(result, 0, ORDER_NEXT_NO), true);
	app_dirty(app);
	return react_done();
}

/* A hire line starts with the next free personnel number (it can be typed over). */
void order_form_suggest_number(struct app *app, struct order_form_state *st)
{
	if (order_field_index(st->kind, "personnel_no") >= 0)
		app_query_n(app, st, order_next_personnel_no_sql, ORDER_NEXT_NO_COLUMNS, 0, NULL,
		            on_next_number);
}

static struct reaction on_lines(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct order_form_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	db_result_free(&st->lines);
	st->lines = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	listing_fit(&st->list, PQntuples(st->lines), st->list.visible);
	app_dirty(app);
	return react_done();
}

void order_form_load_lines(struct app *app, struct order_form_state *st)
{
	char id[24];
	const char *params[] = { id };

	if (st->order_id == 0)
		return;
	snprintf(id, sizeof id, "%ld", st->order_id);
	app_query_n(app, st, order_lines_sql, ORDER_LINES_COLUMNS, 1, params, on_lines);
}

static struct reaction on_order(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct order_form_state *st = owner;

	if (result == NULL || PQntuples(result) != 1) {
		if (result == NULL)
			app_error_db(app, status);
		else
			app_message(app, "The order is no longer there.");
		return react_done();
	}
	if (strcmp(PQgetvalue(result, 0, ORDER_L_STATUS), "draft") != 0) {
		char text[160];

		/* Signed from its view a moment ago: that message ("Signed: ...") stays. */
		snprintf(text, sizeof text, "Order %s is %s; a signed order is never edited.",
		         PQgetvalue(result, 0, ORDER_L_NUMBER), PQgetvalue(result, 0, ORDER_L_STATUS));
		if (app_current_message(app)[0] == '\0')
			app_message(app, text);
		return react_close();
	}
	snprintf(st->version, sizeof st->version, "%s", PQgetvalue(result, 0, ORDER_L_VERSION));
	editline_set(&st->basis, PQgetvalue(result, 0, ORDER_L_BASIS));
	free(st->basis_loaded);
	st->basis_loaded = xstrdup(PQgetvalue(result, 0, ORDER_L_BASIS));
	app_dirty(app);
	return react_done();
}

static void setup_form(struct order_form_state *st)
{
	form_init(&st->line, st->kind->nfields);
	for (int i = 0; i < st->kind->nfields; i++)
		form_set_field(&st->line, i, order_form_field_at(st, i)->def.label,
		               order_form_field_at(st, i)->initial,
		               (size_t)order_form_field_at(st, i)->def.max_chars * 4);
	order_form_reset_line(st);
}

static struct reaction on_kind(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct order_form_state *st = owner;

	struct reaction reaction;

	if (result == NULL || PQntuples(result) != 1)
		return on_order(app, owner, result, status);
	st->kind = order_kind_find(PQgetvalue(result, 0, ORDER_L_KIND));
	if (st->kind == NULL) {
		app_message(app, "This kind of order is not keyed here.");
		st->kind = order_kind_find("leave");
	}
	form_free(&st->line);
	setup_form(st);
	if (st->pending_draft == NULL)
		order_form_suggest_number(app, st);
	/* A signed order closes the form: its kept line is not restored (the
	 * state stays valid until the app has closed it). */
	reaction = on_order(app, owner, result, status);
	if (reaction.kind == REACTION_CLOSE)
		return reaction;
	if (st->pending_draft != NULL) {
		order_line_restore_fields(st, st->pending_draft);
		free(st->pending_draft);
		st->pending_draft = NULL;
	}
	return reaction;
}

static void *order_form_open(struct app *app, void *arg)
{
	struct order_form_state *st = xcalloc(1, sizeof *st);
	struct order_form_request *request = arg;

	editline_init(&st->basis, 2000);
	if (!uuid_v4(st->request))
		st->request[0] = '\0';
	if (request->draft != NULL)
		order_line_restore(app, st, request);
	st->order_id = request->order_id;
	if (st->order_id != 0) {
		char id[24];
		const char *params[] = { id };

		/* The form is set up when the order's kind is known. */
		st->kind = order_kind_find("leave");
		snprintf(id, sizeof id, "%ld", st->order_id);
		app_query_n(app, st, order_load_sql, ORDER_L_COLUMNS, 1, params, on_kind);
		order_form_load_lines(app, st);
		setup_form(st);
	} else {
		st->kind = order_kind_find(request->kind);
		if (st->kind == NULL)
			st->kind = order_kind_at(0);
		setup_form(st);
		if (request->person_id != 0 && request->person != NULL)
			order_form_choose(st, 0, request->person_id, request->person);
		if (request->position_id != 0 && request->position != NULL) {
			int i = order_field_index(st->kind, "position_id");

			if (i >= 0)
				order_form_choose(st, i, request->position_id, request->position);
		}
	}
	if (request->draft == NULL)
		order_form_suggest_number(app, st);
	if (request->draft != NULL && st->order_id == 0)
		order_line_restore_fields(st, request->draft);
	else if (request->draft != NULL)
		st->pending_draft = xstrdup(request->draft);
	free(request->person);
	free(request->position);
	free(request->draft);
	free(request);
	return st;
}

static void order_form_close(struct app *app, void *data)
{
	struct order_form_state *st = data;

	(void)app;
	form_free(&st->line);
	editline_free(&st->basis);
	free(st->basis_loaded);
	free(st->pending_draft);
	free(st->receiving_label);
	for (int i = 0; i < ORDER_MAX_FIELDS; i++)
		free(st->chosen[i]);
	order_form_clear_pick(st);
	db_result_free(&st->lines);
	free(st);
}

/* ---- drawing ------------------------------------------------------------------ */

/* One line of the order in the list: number, employee, personnel number,
 * dates and the kind's main value, in columns (widths by display columns). */
static void draw_line(struct app *app, const struct order_form_state *st, int r, int row, int col,
                      int cols, enum tui_attr attr)
{
	struct field_context ctx = order_form_context_of(app);
	char from[DATE_TEXT_SIZE] = "", to[DATE_TEXT_SIZE] = "", number[16], dates[40];
	const char *extra = "";
	struct date day;
	int at = col;

	if (date_parse(PQgetvalue(st->lines, r, ORDER_LINES_FIRST + 1), DATE_FORMAT_ISO, &day,
	               NULL))
		date_format(day, ctx.date_format, from, sizeof from);
	if (date_parse(PQgetvalue(st->lines, r, ORDER_LINES_FIRST + 2), DATE_FORMAT_ISO, &day,
	               NULL))
		date_format(day, ctx.date_format, to, sizeof to);
	/* The first field of the kind after the employee that is not a date. */
	for (int i = 1; i < st->kind->nfields; i++) {
		const char *column = order_form_field_at(st, i)->def.column;

		if (order_form_field_at(st, i)->def.kind == FIELD_DATE)
			continue;
		if (strcmp(column, "position_id") == 0)
			extra = PQgetvalue(st->lines, r, ORDER_LINES_TITLE);
		else if (strcmp(column, "penalty_id") == 0)
			extra = PQgetvalue(st->lines, r, ORDER_LINES_PENALTY);
		else if (strcmp(column, "to_org_id") == 0)
			extra = PQgetvalue(st->lines, r, ORDER_LINES_ORG);
		else
			for (int c = 0; c < ORDER_LINE_COLUMNS; c++)
				if (strcmp(order_line_columns[c], column) == 0)
					extra = PQgetvalue(st->lines, r, ORDER_LINES_FIRST + c);
		break;
	}
	snprintf(number, sizeof number, "%3d", r + 1);
	snprintf(dates, sizeof dates, "%s%s%s", from, to[0] ? "–" : "", to);
	tui_put(row, at, 4, attr, true, number);
	tui_put(row, at += 5, 30, attr, true, PQgetvalue(st->lines, r, ORDER_LINES_NAME));
	tui_put(row, at += 31, 10, attr, true, PQgetvalue(st->lines, r, ORDER_LINES_PERSONNEL_NO));
	tui_put(row, at += 11, 21, attr, true, dates);
	at += 22;
	if (cols - (at - col) > 0)
		tui_put(row, at, cols - (at - col), attr, false, extra);
}

static void order_form_draw(struct app *app, void *data, struct rect body)
{
	struct order_form_state *st = data;
	int count = st->lines ? PQntuples(st->lines) : 0;
	int row = body.row, form_rows = st->kind->nfields, list_row, visible;
	char text[300];

	if (st->order_id == 0)
		snprintf(text, sizeof text, "%s order: new draft, register %s", st->kind->label,
		         st->kind->register_code);
	else
		snprintf(text, sizeof text, "%s order: draft, %d employee%s", st->kind->label,
		         count, count == 1 ? "" : "s");
	tui_put(row, body.col + 1, body.cols - 2, TUI_HEADING, false, text);
	tui_put(row + 1, body.col + 1, 8, TUI_LABEL, true, "Basis");
	tui_put(row + 1, body.col + 9, body.cols - 10, TUI_INPUT, true, st->basis.text);
	if (st->line_no != 0)
		snprintf(text, sizeof text, "Line %d (changing it)", st->line_no);
	else
		snprintf(text, sizeof text, "Next employee%s",
		         count > 0 ? " (F6 copies the last line)" : "");
	tui_put(row + 2, body.col + 1, body.cols - 2, TUI_LABEL, false, text);
	form_draw(&st->line, row + 3, body.col + 1, form_rows, body.cols - 2);
	list_row = row + 4 + form_rows;
	tui_put(list_row, body.col + 1, body.cols - 2, TUI_HEADING, false,
	        count > 0 ? "Employees on this order (F7 to choose one)" : "No employee on it yet");
	visible = body.rows - (list_row - body.row) - 1;
	listing_fit(&st->list, count, visible);
	for (int i = 0; i < visible && st->list.top + i < count; i++) {
		int r = st->list.top + i;
		bool here = st->area == AREA_LINES && r == st->list.selected;

		if (here)
			tui_fill(list_row + 1 + i, body.col, body.cols, TUI_SELECTED);
		draw_line(app, st, r, list_row + 1 + i, body.col + 1, body.cols - 2,
		          here ? TUI_SELECTED : TUI_NORMAL);
		if (here)
			tui_cursor(list_row + 1 + i, body.col);
	}
	if (st->area == AREA_BASIS) {
		int c = editline_cursor_column(&st->basis);

		tui_cursor(row + 1, body.col + 9 + (c < body.cols - 11 ? c : body.cols - 11));
	} else if (st->area == AREA_LINES) {
		if (count == 0)
			tui_cursor(-1, -1);
	}
	if (st->pick.open)
		picklist_draw(&st->pick, row + 4 + st->line.focus, body.col + 18);
}

/* ---- keys ----------------------------------------------------------------------------- */

static struct reaction order_form_key(struct app *app, void *data, int key)
{
	struct order_form_state *st = data;

	if (st->pick.open) {
		enum picklist_result got = picklist_key(&st->pick, key);

		if (got == PICKLIST_CHOSEN) {
			int field = st->pick_field;

			if (st->pick_ids != NULL) {
				order_line_take(app, st, field, st->pick_ids[st->pick.selected],
				                st->pick_items[st->pick.selected]);
				order_form_clear_pick(st);
			} else {
				form_set_value(&st->line, field, st->pick_items[st->pick.selected],
				               false);
				order_form_clear_pick(st);
				order_form_advance(app, st);
			}
		} else if (got == PICKLIST_CLOSED) {
			order_form_clear_pick(st);
		}
		return react_done();
	}
	if (st->area == AREA_BASIS)
		return editline_key(&st->basis, key) == EDITLINE_PASS ? react_pass() : react_done();
	if (st->area != AREA_LINE)
		return react_pass();
	if (form_edit_key(&st->line, key)) {
		st->line.fields[st->line.focus].invalid = false;
		return react_done();
	}
	return react_pass();
}

static struct reaction order_form_action(struct app *app, void *data, enum action action)
{
	struct order_form_state *st = data;
	int count = st->lines ? PQntuples(st->lines) : 0;

	if (st->area == AREA_LINES && listing_move(&st->list, action, count))
		return react_done();
	switch (action) {
	case ACTION_BACK:
		/* The line being keyed is not thrown away: it is kept as a draft. */
		if (order_form_line_touched(st)) {
			order_line_draft_keep(app, st, false);
			app_message(app, "The line you were keying is kept: F6 on Home opens it again.");
		}
		return react_pass();
	case ACTION_SELECT:
		if (st->area == AREA_LINES)
			order_form_edit_line(app, st);
		else if (st->area == AREA_BASIS)
			st->area = AREA_LINE;
		else
			order_form_leave_field(app, st, false);
		return react_done();
	case ACTION_NEXT_FIELD:
	case ACTION_PREV_FIELD:
		if (st->area == AREA_LINES) {
			listing_move(&st->list,
			             action == ACTION_NEXT_FIELD ? ACTION_DOWN : ACTION_UP, count);
		} else if (st->area == AREA_LINE) {
			if (action == ACTION_NEXT_FIELD) {
				order_form_leave_field(app, st, true);
			} else {
				int prev = form_prev(&st->line);

				form_focus(&st->line, prev >= 0 ? prev : st->kind->nfields - 1);
			}
		}
		return react_done();
	case ACTION_SWITCH:
		st->area = st->area == AREA_LINE    ? (count > 0 ? AREA_LINES : AREA_BASIS)
		           : st->area == AREA_LINES ? AREA_BASIS
		                                    : AREA_LINE;
		return react_done();
	case ACTION_SAVE:
		if (!st->busy)
			order_form_save(app, st);
		return react_done();
	case ACTION_LOOKUP:
		if (st->area != AREA_LINE)
			return react_done();
		st->enter_pending = false;
		if (order_form_is_choice(st, st->line.focus))
			order_line_find(app, st, st->line.focus);
		else if (order_form_field_at(st, st->line.focus)->def.kind == FIELD_CHOICE)
			order_line_choices(st, st->line.focus);
		else
			app_message(app, "This field has no list; the fields marked (F4) do.");
		return react_done();
	case ACTION_COPY_PREVIOUS:
		st->area = AREA_LINE;
		order_form_copy_previous(app, st);
		return react_done();
	case ACTION_DELETE:
		if (st->area == AREA_LINES)
			order_form_delete_line(app, st);
		return st->area == AREA_LINES ? react_done() : react_pass();
	case ACTION_PREVIEW:
		if (order_form_line_touched(st)) {
			app_message(app, "Save the line being keyed first (F2), or clear it.");
		} else if (st->order_id == 0) {
			app_message(app, "Key the first employee first.");
		} else if (strcmp(st->basis.text, st->basis_loaded ? st->basis_loaded : "") != 0) {
			app_message(app, "Save the basis first (F2).");
		} else {
			struct order_view_request *request = xcalloc(1, sizeof *request);

			request->order_id = st->order_id;
			request->from_form = true;
			return react_open(&order_view_screen, request);
		}
		return react_done();
	default:
		return react_pass();
	}
}

static void order_form_resume(struct app *app, void *data)
{
	struct order_form_state *st = data;

	/* Signed from the view: the form has nothing left to do. */
	if (st->order_id != 0) {
		char id[24];
		const char *params[] = { id };

		snprintf(id, sizeof id, "%ld", st->order_id);
		app_query_n(app, st, order_load_sql, ORDER_L_COLUMNS, 1, params, on_order);
		order_form_load_lines(app, st);
	}
}

static void order_form_save_draft(struct app *app, void *data)
{
	order_line_draft_keep(app, data, true);
}

static const char *order_form_context(void *data)
{
	(void)data;
	return "order_form";
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	struct order_form_request *request = arg;

	free(request->person);
	free(request->position);
	free(request->draft);
	free(request);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_BACK, ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SAVE, ACTION_LOOKUP, ACTION_COPY_PREVIOUS, ACTION_SWITCH, ACTION_PREVIEW,
	ACTION_SELECT, ACTION_NEXT_FIELD, ACTION_PREV_FIELD, ACTION_DELETE, ACTION_NONE };

const struct screen_ops order_form_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "order_form",
	.title = "Order",
	.legend = legend,
	.open = order_form_open,
	.draw = order_form_draw,
	.handle_action = order_form_action,
	.handle_key = order_form_key,
	.close = order_form_close,
	.context = order_form_context,
	.resume = order_form_resume,
	.save_draft = order_form_save_draft,
};
