/*
 * staffing.c - an organisation's staffing table on a date: positions with
 * their rates filled and vacant, totals per department and for the
 * organisation, or the vacancies only.  Changes are staged as one batch
 * (add, remove, change rates), previewed with the people they affect, and
 * applied in one transaction from an effective day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date_prompt.h"
#include "editline.h"
#include "form.h"
#include "listing.h"
#include "order_screens.h"
#include "structure.h"
#include "structure_screens.h"
#include "table.h"
#include "tui.h"
#include "uuid.h"
#include "xalloc.h"

#include "staffing.h"

static const enum action table_legend[] = { ACTION_HELP,      ACTION_BACK,   ACTION_NEW,
	                                    ACTION_DELETE,    ACTION_SELECT, ACTION_PREVIEW,
	                                    ACTION_VACANCIES, ACTION_HIRE,   ACTION_NONE };
/* Opened on a department: F4 shows the whole organisation. */
static const enum action department_legend[] = { ACTION_HELP,   ACTION_BACK,      ACTION_WHOLE,
	                                         ACTION_SELECT, ACTION_PREVIEW,   ACTION_VACANCIES,
	                                         ACTION_HIRE,   ACTION_NONE };
static const enum action preview_legend[] = { ACTION_HELP, ACTION_BACK, ACTION_SAVE, ACTION_NONE };
static const enum action add_legend[] = { ACTION_HELP, ACTION_BACK, ACTION_SAVE, ACTION_NEXT_FIELD,
	                                  ACTION_NONE };

/* One of the two lists answered; `vacancies` says which.  A list asked for
 * before F9 was pressed again is not the one shown now: the other follows. */
static void take_rows(struct app *app, struct staffing_state *st, const PGresult *result,
                      enum status status, bool vacancies)
{
	if (result == NULL) {
		app_error_db(app, status);
		return;
	}
	/* An answer to an earlier load (another list, the other scope) is
	 * not what is shown now: the newest load's answer follows. */
	if (vacancies != st->vacancies_only || app_answer_cookie(app) != st->generation)
		return;
	db_result_free(&st->rows);
	st->rows = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	listing_fit(&st->list, PQntuples(st->rows), st->list.visible);
	app_dirty(app);
}

static struct reaction on_table(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	take_rows(app, owner, result, status, false);
	return react_done();
}

static struct reaction on_vacancies(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	take_rows(app, owner, result, status, true);
	return react_done();
}

void staffing_load(struct app *app, struct staffing_state *st)
{
	char org[24], day[DATE_TEXT_SIZE];
	char department[24] = "";
	const char *table[] = { org, date_to_iso(st->as_of, day, sizeof day), department };
	const char *vacancies[] = { org, day, "", department };

	snprintf(org, sizeof org, "%ld", st->request.org_id);
	if (st->request.department_id != 0 && !st->whole)
		snprintf(department, sizeof department, "%ld", st->request.department_id);
	st->generation++;
	if (st->vacancies_only)
		app_query_cookie(app, st, st->generation,
		                 &(struct db_statement){ .sql = structure_vacancies_sql,
		                                         .nparams = 4,
		                                         .params = vacancies,
		                                         .columns = VACANCY_COLUMNS },
		                 on_vacancies);
	else
		app_query_cookie(app, st, st->generation,
		                 &(struct db_statement){ .sql = structure_staffing_sql,
		                                         .nparams = 3,
		                                         .params = table,
		                                         .columns = STAFFING_COLUMNS },
		                 on_table);
}

static void *staffing_open(struct app *app, void *arg)
{
	struct staffing_state *st = xcalloc(1, sizeof *st);

	st->request = *(struct structure_request *)arg;
	free(arg);
	st->as_of = st->request.as_of;
	editline_init(&st->line, 10);
	date_prompt_init(&st->as_of_prompt);
	form_init(&st->add, ADD_FIELDS);
	if (!uuid_v4(st->batch))
		st->batch[0] = '\0';
	staffing_load(app, st);
	return st;
}

static void staffing_close(struct app *app, void *data)
{
	struct staffing_state *st = data;

	(void)app;
	db_result_free(&st->rows);
	db_result_free(&st->preview);
	editline_free(&st->line);
	date_prompt_free(&st->as_of_prompt);
	form_free(&st->add);
	free(st->steps);
	free(st);
}

/* ---- columns of the two lists --------------------------------------------------- */

/* A value of row r of the list shown: `vacancy` is its column in the
 * vacancies, `staffing` in the staffing table. */
static const char *value(const struct staffing_state *st, int r,
                         enum structure_vacancy_column vacancy,
                         enum structure_staffing_column staffing)
{
	return PQgetvalue(st->rows, r, st->vacancies_only ? (int)vacancy : (int)staffing);
}

/* The row's cells: title (indented), department, grade, rates, filled, vacant. */
static void cells(const struct staffing_state *st, int r, char *title, size_t size,
                  const char **cell)
{
	const PGresult *rows = st->rows;

	if (st->vacancies_only)
		snprintf(title, size, "%s", PQgetvalue(rows, r, VACANCY_TITLE));
	else if (strcmp(PQgetvalue(rows, r, STAFFING_LEVEL), "position") == 0)
		snprintf(title, size, "%*s%s", 2 * atoi(PQgetvalue(rows, r, STAFFING_DEPTH)), "",
		         PQgetvalue(rows, r, STAFFING_TITLE));
	else if (strcmp(PQgetvalue(rows, r, STAFFING_LEVEL), "department") == 0)
		snprintf(title, size, "Total of %s", PQgetvalue(rows, r, STAFFING_DEPARTMENT_NAME));
	else
		snprintf(title, size, "Total of the organisation");
	cell[0] = value(st, r, VACANCY_DEPARTMENT_NAME, STAFFING_DEPARTMENT_NAME);
	cell[1] = value(st, r, VACANCY_GRADE, STAFFING_GRADE);
	cell[2] = value(st, r, VACANCY_RATES, STAFFING_RATES);
	cell[3] = value(st, r, VACANCY_FILLED, STAFFING_FILLED);
	cell[4] = value(st, r, VACANCY_VACANT, STAFFING_VACANT);
}

/* The stable id of the position on row r, or 0 for a total. */
static long position_of(const struct staffing_state *st, int r)
{
	if (st->rows == NULL || r < 0 || r >= PQntuples(st->rows))
		return 0;
	if (st->vacancies_only)
		return atol(PQgetvalue(st->rows, r, VACANCY_POSITION_ID));
	return strcmp(PQgetvalue(st->rows, r, STAFFING_LEVEL), "position") == 0
	               ? atol(PQgetvalue(st->rows, r, STAFFING_POSITION_ID))
	               : 0;
}

/* A hire order into the vacant position on the selected line. */
static struct reaction hire(struct app *app, struct staffing_state *st)
{
	int r = st->list.selected;
	struct order_form_request *request;
	char label[400];

	if (app_read_only(app)) {
		app_message(app, "This login reads the staffing table; clerks and heads key orders.");
		return react_done();
	}
	if (position_of(st, r) == 0 || atof(value(st, r, VACANCY_VACANT, STAFFING_VACANT)) <= 0) {
		app_message(app, "Choose a position with a vacant rate (F9 lists them).");
		return react_done();
	}
	snprintf(label, sizeof label, "%s, %s (%s vacant)",
	         value(st, r, VACANCY_TITLE, STAFFING_TITLE),
	         value(st, r, VACANCY_DEPARTMENT_NAME, STAFFING_DEPARTMENT_NAME),
	         value(st, r, VACANCY_VACANT, STAFFING_VACANT));
	request = xcalloc(1, sizeof *request);
	request->kind = "hire";
	request->position_id = position_of(st, r);
	request->position = xstrdup(label);
	return react_open(&order_form_screen, request);
}

static void draw_table(struct app *app, struct staffing_state *st, struct rect body)
{
	struct table_column columns[] = { { "Position", 20, 3 }, { "Department", 10, 2 },
		                          { "Grade", 6, 0 },     { "Rates", 7, 0 },
		                          { "Filled", 7, 0 },    { "Vacant", 7, 0 } };
	int widths[6], col, n = st->rows ? PQntuples(st->rows) : 0, list_row = body.row + 2;

	(void)app;
	table_layout(columns, 6, body.cols - 2, widths);
	col = body.col + 1;
	for (int c = 0; c < 6; c++) {
		tui_put(body.row + 1, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + 1;
	}
	listing_fit(&st->list, n, body.rows - 4);
	for (int i = 0; i < st->list.visible && st->list.top + i < n; i++) {
		int r = st->list.top + i;
		bool here = r == st->list.selected;
		bool total = position_of(st, r) == 0;
		enum tui_attr attr = here ? TUI_SELECTED : total ? TUI_VALUE : TUI_NORMAL;
		const char *cell[5];
		char title[240];

		cells(st, r, title, sizeof title, cell);
		if (here) {
			tui_fill(list_row + i, body.col, body.cols, TUI_SELECTED);
			tui_cursor(list_row + i, body.col);
		}
		/* Staged, not yet in force: "-" to be removed, "~" new rates,
		 * before the title; the selection keeps its ">". */
		long position = position_of(st, r);
		const char *mark = staffing_staged_step(st, STRUCTURE_REMOVE, position) >= 0  ? "- "
		                   : staffing_staged_step(st, STRUCTURE_RATES, position) >= 0 ? "~ "
		                                                                              : "";
		char marked[260];

		snprintf(marked, sizeof marked, "%s%s", mark, title);
		tui_put(list_row + i, body.col, 1, attr, false, here ? ">" : " ");
		col = body.col + 1;
		tui_put(list_row + i, col, widths[0], attr, false, marked);
		col += widths[0] + 1;
		for (int c = 0; c < 5; c++) {
			tui_put(list_row + i, col, widths[c + 1], attr, false, cell[c]);
			col += widths[c + 1] + 1;
		}
	}
	if (st->rows != NULL && n == 0)
		tui_put(list_row, body.col + 2, body.cols - 4, TUI_DIM, false,
		        st->vacancies_only ? "No vacant rates." : "No positions.");
}

static void draw_preview(struct staffing_state *st, struct rect body)
{
	struct table_column columns[] = { { "Change", 7, 0 },
		                          { "Position", 16, 3 },
		                          { "Before", 8, 1 },
		                          { "After", 8, 1 },
		                          { "Note", 12, 3 } };
	int widths[5], col, n = st->preview ? PQntuples(st->preview) : 0, list_row = body.row + 3;

	tui_put(body.row + 1, body.col + 1, 24, TUI_LABEL, false, "Effective from:");
	tui_put(body.row + 1, body.col + 17, 11, TUI_INPUT, true, st->line.text);
	table_layout(columns, 5, body.cols - 2, widths);
	col = body.col + 1;
	for (int c = 0; c < 5; c++) {
		tui_put(body.row + 2, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + 1;
	}
	listing_fit(&st->list, n, body.rows - 5);
	for (int i = 0; i < st->list.visible && st->list.top + i < n; i++) {
		int r = st->list.top + i;
		bool problem = PQgetvalue(st->preview, r, PREVIEW_PROBLEM)[0] != '\0';
		const char *kind = PQgetvalue(st->preview, r, PREVIEW_KIND);
		char note[300];
		const char *cell[5];

		if (strcmp(kind, "person") == 0)
			snprintf(note, sizeof note, "%s%s%s", PQgetvalue(st->preview, r, PREVIEW_PERSON),
			         problem ? ": " : "", PQgetvalue(st->preview, r, PREVIEW_PROBLEM));
		else
			snprintf(note, sizeof note, "%s", PQgetvalue(st->preview, r, PREVIEW_DEPARTMENT));
		cell[0] = kind;
		cell[1] = PQgetvalue(st->preview, r, PREVIEW_TITLE);
		cell[2] = PQgetvalue(st->preview, r, PREVIEW_OLD);
		cell[3] = PQgetvalue(st->preview, r, PREVIEW_NEW);
		cell[4] = note;
		col = body.col + 1;
		/* A problem is marked by a sign, not by emphasis alone. */
		tui_put(list_row + i, body.col, 1, problem ? TUI_ERROR : TUI_NORMAL, false,
		        problem ? "!" : " ");
		for (int c = 0; c < 5; c++) {
			tui_put(list_row + i, col, widths[c], problem ? TUI_ERROR : TUI_NORMAL,
			        false, cell[c]);
			col += widths[c] + 1;
		}
	}
	tui_cursor(body.row + 1, body.col + 17 + editline_cursor_column(&st->line));
}

static void staffing_draw(struct app *app, void *data, struct rect body)
{
	struct staffing_state *st = data;
	struct field_context ctx;
	char day[DATE_TEXT_SIZE], line[400];

	app_field_context(app, &ctx);
	date_format(st->as_of, ctx.date_format, day, sizeof day);
	if (st->request.department_id != 0 && !st->whole)
		snprintf(line, sizeof line, "%s and below: %s as of %s", st->request.department,
		         st->vacancies_only ? "vacancies" : "staffing table", day);
	else
		snprintf(line, sizeof line, "%s  %s: %s as of %s", st->request.org_code,
		         st->request.org_name, st->vacancies_only ? "vacancies" : "staffing table",
		         day);
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, line);
	tui_cursor(-1, -1);
	if (st->as_of_prompt.open) {
		static const char label[] = "As of (F3 keeps the day):";
		int col = body.col + 1 + (int)strlen(label) + 1;

		tui_fill(body.row, body.col, body.cols, TUI_NORMAL);
		tui_put(body.row, body.col + 1, (int)strlen(label), TUI_LABEL, false, label);
		tui_put(body.row, col, DATE_TEXT_SIZE, TUI_INPUT, true, st->as_of_prompt.line.text);
		tui_cursor(body.row, col + editline_cursor_column(&st->as_of_prompt.line));
	}
	if (st->mode == MODE_PREVIEW) {
		draw_preview(st, body);
		return;
	}
	draw_table(app, st, body);
	if (st->staged > 0) {
		snprintf(line, sizeof line,
		         "%d change%s staged, not yet in force: F2 previews them.", st->staged,
		         st->staged == 1 ? "" : "s");
		tui_put(body.row + body.rows - 1, body.col + 1, body.cols - 2, TUI_VALUE, false,
		        line);
	}
	if (st->mode == MODE_RATES) {
		tui_fill(body.row + body.rows - 1, body.col, body.cols, TUI_NORMAL);
		tui_put(body.row + body.rows - 1, body.col + 1, 12, TUI_LABEL, false, "New rates:");
		tui_put(body.row + body.rows - 1, body.col + 13, 10, TUI_INPUT, true,
		        st->line.text);
		tui_cursor(body.row + body.rows - 1,
		           body.col + 13 + editline_cursor_column(&st->line));
	} else if (st->mode == MODE_ADD) {
		int top = body.row + body.rows - ADD_FIELDS - 3;

		tui_box(top, body.col + 2, ADD_FIELDS + 3, body.cols - 4);
		char save[32], back[32], heading[128];

		key_format(keymap_key_for(app_keymap(app), "staffing_add", ACTION_SAVE), save,
		           sizeof save);
		key_format(keymap_key_for(app_keymap(app), "staffing_add", ACTION_BACK), back,
		           sizeof back);
		snprintf(heading, sizeof heading, "New position (%s stages it, %s cancels)", save,
		         back);
		tui_put(top + 1, body.col + 4, body.cols - 8, TUI_HEADING, false, heading);
		form_draw(&st->add, top + 2, body.col + 3, ADD_FIELDS, body.cols - 6);
	}
}

/* ---- keys ------------------------------------------------------------------------- */

static struct reaction line_key(struct app *app, struct staffing_state *st, int key)
{
	const char *reason = NULL;
	char position[24], rates[16];
	long hundredths;

	if (key == KEY_CODE_ESC || key == KEY_CODE_F(3)) {
		st->mode = MODE_TABLE;
	} else if (key == KEY_CODE_ENTER) {
		if (!structure_rates_parse(st->line.text, &hundredths, &reason)) {
			app_message(app, reason);
			return react_done();
		}
		snprintf(position, sizeof position, "%ld", position_of(st, st->list.selected));
		staffing_stage(app, st, STRUCTURE_RATES, position, "", "", "", "",
		               structure_rates_format(hundredths, rates, sizeof rates));
		st->mode = MODE_TABLE;
	} else {
		editline_key(&st->line, key);
	}
	return react_done();
}

/* The new position's form: the keys bound in "staffing_add" are actions
 * (staffing_action), the others edit the field. */
static struct reaction add_key(struct app *app, struct staffing_state *st, int key)
{
	bool printable = key >= 32 && key < KEY_CODE_BASE;

	if (!printable && keymap_lookup(app_keymap(app), "staffing_add", key) != ACTION_NONE)
		return react_pass();
	form_edit_key(&st->add, key);
	return react_done();
}

static struct reaction add_action(struct app *app, struct staffing_state *st, enum action action)
{
	switch (action) {
	case ACTION_SAVE:
		staffing_stage_new_position(app, st);
		return react_done();
	case ACTION_BACK:
		st->mode = MODE_TABLE;
		return react_done();
	case ACTION_NEXT_FIELD:
		form_focus(&st->add, (st->add.focus + 1) % ADD_FIELDS);
		return react_done();
	case ACTION_PREV_FIELD:
		form_focus(&st->add, (st->add.focus + ADD_FIELDS - 1) % ADD_FIELDS);
		return react_done();
	case ACTION_HELP:
	case ACTION_DETAILS:
	case ACTION_REDRAW:
	case ACTION_CANCEL:
		return react_pass(); /* the app's own */
	default:
		/* Nothing else while the form holds what was typed. */
		return react_done();
	}
}

static struct reaction staffing_key(struct app *app, void *data, int key)
{
	struct staffing_state *st = data;

	if (st->as_of_prompt.open) {
		if (date_prompt_key(app, &st->as_of_prompt, key, &st->as_of) == DATE_PROMPT_CHOSEN)
			staffing_load(app, st);
		return react_done();
	}
	if (st->mode == MODE_RATES)
		return line_key(app, st, key);
	if (st->mode == MODE_ADD)
		return add_key(app, st, key);
	if (st->mode == MODE_PREVIEW) {
		if (key == KEY_CODE_ENTER) {
			staffing_preview(app, st);
			return react_done();
		}
		/* The effective day; Home and End stay the list's. */
		if (key != KEY_CODE_HOME && key != KEY_CODE_END &&
		    editline_key(&st->line, key) != EDITLINE_PASS)
			return react_done();
	}
	return react_pass();
}

static bool may_change(struct app *app, struct staffing_state *st)
{
	if (app_read_only(app)) {
		app_error(app, STATUS_DB_PERMISSION, "this login reads the staffing table only");
		return false;
	}
	if (st->vacancies_only) {
		app_message(app, "Changes are made in the whole table (F9).");
		return false;
	}
	return true;
}

static struct reaction staffing_action(struct app *app, void *data, enum action action)
{
	struct staffing_state *st = data;
	struct field_context ctx;
	char day[DATE_TEXT_SIZE], position[24];
	int n = st->mode == MODE_PREVIEW ? (st->preview ? PQntuples(st->preview) : 0)
	                                 : (st->rows ? PQntuples(st->rows) : 0);

	if (st->mode == MODE_ADD)
		return add_action(app, st, action);
	if (listing_move(&st->list, action, n))
		return react_done();
	if (st->mode == MODE_PREVIEW) {
		if (action == ACTION_SAVE || action == ACTION_PREVIEW) {
			staffing_apply(app, st);
			return react_done();
		}
		if (action == ACTION_BACK) {
			st->mode = MODE_TABLE;
			st->list.selected = st->list.top = 0;
			app_clear_message(app);
			return react_done();
		}
		return react_pass();
	}
	if (action != ACTION_BACK)
		st->leave_armed = false;
	switch (action) {
	case ACTION_BACK:
		/* Staged changes are the clerk's work: leaving them is asked. */
		if (st->staged > 0 && !st->leave_armed) {
			char text[200];

			st->leave_armed = true;
			snprintf(text, sizeof text,
			         st->staged == 1
			                 ? "1 change is staged, not applied: F2 previews; F3 again "
			                   "leaves it unapplied."
			                 : "%d changes are staged, not applied: F2 previews; F3 again "
			                   "leaves them unapplied.",
			         st->staged);
			app_message(app, text);
			return react_done();
		}
		return react_pass();
	case ACTION_HIRE:
		return hire(app, st);
	case ACTION_AS_OF:
		/* The table as it stood (or will stand) on a day. */
		date_prompt_open(app, &st->as_of_prompt, st->as_of);
		return react_done();
	case ACTION_VACANCIES:
		/* The other list has other columns: nothing is shown of the old
		 * one while the new one is read. */
		st->vacancies_only = !st->vacancies_only;
		st->list.selected = st->list.top = 0;
		db_result_free(&st->rows);
		staffing_load(app, st);
		return react_done();
	case ACTION_REFRESH:
		staffing_load(app, st);
		return react_done();
	case ACTION_WHOLE:
		/* Opened on a department: the whole organisation, and back. */
		if (st->request.department_id == 0)
			return react_done();
		st->whole = !st->whole;
		st->list.selected = st->list.top = 0;
		db_result_free(&st->rows);
		staffing_load(app, st);
		return react_done();
	case ACTION_SELECT:
		if (!may_change(app, st) || position_of(st, st->list.selected) == 0)
			return react_done();
		editline_set(&st->line,
		             value(st, st->list.selected, VACANCY_RATES, STAFFING_RATES));
		st->mode = MODE_RATES;
		return react_done();
	case ACTION_DELETE:
		if (!may_change(app, st) || position_of(st, st->list.selected) == 0)
			return react_done();
		if (staffing_staged_step(st, STRUCTURE_REMOVE,
		                         position_of(st, st->list.selected)) >= 0) {
			staffing_withdraw(app, st,
			                  staffing_staged_step(st, STRUCTURE_REMOVE,
			                                       position_of(st, st->list.selected)));
			app_message(app, "Withdrawn: the position stays.");
			return react_done();
		}
		snprintf(position, sizeof position, "%ld", position_of(st, st->list.selected));
		staffing_stage(app, st, STRUCTURE_REMOVE, position, "", "", "", "", "");
		return react_done();
	case ACTION_NEW:
		if (!may_change(app, st))
			return react_done();
		form_free(&st->add);
		form_init(&st->add, ADD_FIELDS);
		form_set_field(&st->add, ADD_DEPARTMENT, "Department code",
		               st->rows && PQntuples(st->rows) > 0 && !st->vacancies_only
		                       ? PQgetvalue(st->rows, st->list.selected,
		                                    STAFFING_DEPARTMENT_CODE)
		                       : "",
		               40);
		form_set_field(&st->add, ADD_TITLE, "Title", "", 200);
		form_set_field(&st->add, ADD_GRADE, "Grade", "", 20);
		form_set_field(&st->add, ADD_CATEGORY, "Category", "", 40);
		form_set_field(&st->add, ADD_RATES, "Rates", "1", 12);
		form_focus(&st->add, ADD_TITLE);
		st->mode = MODE_ADD;
		return react_done();
	case ACTION_PREVIEW:
		if (!may_change(app, st))
			return react_done();
		app_field_context(app, &ctx);
		editline_set(&st->line,
		             date_format(date_today(), ctx.date_format, day, sizeof day));
		st->mode = MODE_PREVIEW;
		st->list.selected = st->list.top = 0;
		staffing_preview(app, st);
		return react_done();
	default:
		return react_pass();
	}
}

static const char *staffing_context(void *data)
{
	enum mode mode = ((struct staffing_state *)data)->mode;

	return mode == MODE_PREVIEW ? "staffing_preview" : mode == MODE_ADD ? "staffing_add" : NULL;
}

static const enum action *staffing_legend(void *data)
{
	const struct staffing_state *st = data;

	if (st->mode == MODE_PREVIEW)
		return preview_legend;
	if (st->mode == MODE_ADD)
		return add_legend;
	return st->request.department_id != 0 ? department_legend : table_legend;
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	free(arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_HIRE, ACTION_VACANCIES, ACTION_WHOLE, ACTION_REFRESH, ACTION_SELECT, ACTION_DELETE,
	ACTION_NEW, ACTION_PREVIEW, ACTION_AS_OF, ACTION_SAVE, ACTION_BACK, ACTION_NEXT_FIELD, ACTION_PREV_FIELD, ACTION_NONE };
static const char *const other_contexts[] = { "staffing_preview", "staffing_add", NULL };

const struct screen_ops staffing_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.contexts = other_contexts,
	.name = "staffing",
	.title = "Staffing table",
	.legend = table_legend,
	.open = staffing_open,
	.draw = staffing_draw,
	.handle_action = staffing_action,
	.handle_key = staffing_key,
	.close = staffing_close,
	.legend_now = staffing_legend,
	.context = staffing_context,
};
