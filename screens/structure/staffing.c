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

enum mode { MODE_TABLE, MODE_RATES, MODE_ADD, MODE_PREVIEW };

enum { ADD_DEPARTMENT, ADD_TITLE, ADD_GRADE, ADD_CATEGORY, ADD_RATES, ADD_FIELDS };

struct staffing_state {
	struct structure_request request;
	struct date as_of;
	bool vacancies_only;
	PGresult *rows; /* staffing table or vacancies */
	PGresult *preview;
	struct listing list;
	enum mode mode;
	char batch[UUID_TEXT_SIZE];
	int staged; /* steps staged in the batch */
	/* The steps staged, and those sent and not yet answered (in order). */
	struct step {
		long id;
		enum structure_change_kind kind;
		long position;
	} *steps, pending[16];
	int nsteps, steps_size, npending;
	struct date_prompt as_of_prompt; /* F7: the table as of a day */
	struct editline line; /* new rates, or the effective day */
	struct form add;      /* a new position */
};

static const enum action table_legend[] = { ACTION_HELP,      ACTION_BACK,   ACTION_NEW,
	                                    ACTION_DELETE,    ACTION_SELECT, ACTION_PREVIEW,
	                                    ACTION_VACANCIES, ACTION_HIRE,   ACTION_NONE };
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
	if (vacancies != st->vacancies_only)
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

static void load(struct app *app, struct staffing_state *st)
{
	char org[24], day[DATE_TEXT_SIZE];
	const char *params[] = { org, date_to_iso(st->as_of, day, sizeof day), "", "" };

	snprintf(org, sizeof org, "%ld", st->request.org_id);
	if (st->vacancies_only)
		app_query_n(app, st, structure_vacancies_sql, VACANCY_COLUMNS, 4, params,
		            on_vacancies);
	else
		app_query_n(app, st, structure_staffing_sql, STAFFING_COLUMNS, 2, params, on_table);
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
	load(app, st);
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

/* Index of the staged step of `kind` for `position`, or -1. */
static int staged_step(const struct staffing_state *st, enum structure_change_kind kind,
                       long position)
{
	for (int i = 0; i < st->nsteps; i++)
		if (st->steps[i].kind == kind && st->steps[i].position == position)
			return i;
	return -1;
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
		const char *mark = staged_step(st, STRUCTURE_REMOVE, position) >= 0  ? "- "
		                   : staged_step(st, STRUCTURE_RATES, position) >= 0 ? "~ "
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
	snprintf(line, sizeof line, "%s  %s: %s as of %s%s", st->request.org_code,
	         st->request.org_name, st->vacancies_only ? "vacancies" : "staffing table", day,
	         st->staged ? "" : "");
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

/* ---- staging and applying --------------------------------------------------------- */

static struct reaction on_staged(struct app *app, void *owner, const PGresult *result,
                                 enum status status)
{
	struct staffing_state *st = owner;
	struct step step = st->pending[0];

	memmove(&st->pending[0], &st->pending[1], (size_t)(--st->npending) * sizeof step);
	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	step.id = atol(PQgetvalue(result, 0, STAGED_ID));
	if (st->nsteps == st->steps_size) {
		st->steps_size = st->steps_size ? 2 * st->steps_size : 32;
		st->steps = xrealloc(st->steps, (size_t)st->steps_size * sizeof *st->steps);
	}
	st->steps[st->nsteps++] = step;
	st->staged++;
	app_message(app, "Staged. It takes effect when the batch is applied (F2).");
	return react_done();
}

/* The server took a step back out of the batch (or refused to). */
static struct reaction on_withdrawn(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	struct staffing_state *st = owner;
	long id = app_answer_cookie(app); /* the step this answer is about */

	if (result == NULL) {
		/* Still staged: it stays in the list and the count. */
		app_error_db(app, status);
		return react_done();
	}
	for (int i = 0; i < st->nsteps; i++)
		if (st->steps[i].id == id) {
			memmove(&st->steps[i], &st->steps[i + 1],
			        (size_t)(st->nsteps - i - 1) * sizeof st->steps[0]);
			st->nsteps--;
			st->staged--;
			break;
		}
	app_dirty(app);
	return react_done();
}

/* Asks the server to take step i back out of the batch; the step leaves
 * the list when it has (the answer names it by its cookie, the step id). */
static void withdraw(struct app *app, struct staffing_state *st, int i)
{
	char id[24];
	const char *params[] = { id };
	const struct db_statement unstage = {
		.sql = structure_unstage_sql, .nparams = 1, .params = params
	};

	snprintf(id, sizeof id, "%ld", st->steps[i].id);
	app_query_cookie(app, st, st->steps[i].id, &unstage, on_withdrawn);
}

/* Stages a step; a later step of the same kind for the same position
 * replaces the earlier one, so a batch never holds two answers. */
static void stage(struct app *app, struct staffing_state *st, enum structure_change_kind kind,
                  const char *position, const char *department, const char *title,
                  const char *grade, const char *category, const char *rates)
{
	const char *params[] = { st->batch, structure_change_kind_name(kind),
		                 position,  department,
		                 title,     grade,
		                 category,  rates };
	long id = atol(position);
	int earlier = id != 0 ? staged_step(st, kind, id) : -1;

	if (st->npending == (int)(sizeof st->pending / sizeof st->pending[0])) {
		app_message(app, "Too many changes at once: wait for the ones in flight.");
		return;
	}
	if (earlier >= 0)
		withdraw(app, st, earlier);
	st->pending[st->npending++] = (struct step){ 0, kind, id };
	app_query_n(app, st, structure_stage_sql, STAGE_COLUMNS, 8, params, on_staged);
}

static struct reaction on_preview(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct staffing_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	db_result_free(&st->preview);
	st->preview = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	st->list.selected = st->list.top = 0;
	app_message(app, PQntuples(result) == 0
	                         ? "Nothing staged."
	                         : "F2 applies all of it in one transaction; F3 goes back.");
	return react_done();
}

/* The effective day typed on the preview, as ISO; false after saying why. */
static bool effective_day(struct app *app, struct staffing_state *st, char *iso)
{
	struct field_context ctx;
	const char *reason = NULL;
	struct date day;

	app_field_context(app, &ctx);
	if (!date_parse(st->line.text, ctx.date_format, &day, &reason)) {
		app_message(app, reason);
		return false;
	}
	date_to_iso(day, iso, DATE_TEXT_SIZE);
	return true;
}

static void preview(struct app *app, struct staffing_state *st)
{
	char iso[DATE_TEXT_SIZE];
	const char *params[] = { st->batch, iso };

	if (!effective_day(app, st, iso))
		return;
	app_query_n(app, st, structure_preview_sql, PREVIEW_COLUMNS, 2, params, on_preview);
}

static struct reaction on_applied(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct staffing_state *st = owner;
	char text[120];

	if (result == NULL) {
		/* The database names what stops it (people still on a position ...). */
		app_error_db(app, status);
		return react_done();
	}
	snprintf(text, sizeof text, "Applied: %s change%s in force from the effective day.",
	         PQgetvalue(result, 0, APPLIED_STEPS),
	         strcmp(PQgetvalue(result, 0, APPLIED_STEPS), "1") ? "s" : "");
	app_message(app, text);
	st->staged = 0;
	st->nsteps = 0;
	if (!uuid_v4(st->batch))
		st->batch[0] = '\0';
	st->mode = MODE_TABLE;
	db_result_free(&st->preview);
	load(app, st);
	return react_done();
}

static void apply(struct app *app, struct staffing_state *st)
{
	char iso[DATE_TEXT_SIZE];
	const char *params[] = { st->batch, iso };

	if (st->preview == NULL || PQntuples(st->preview) == 0) {
		app_message(app, "Nothing to apply.");
		return;
	}
	if (!effective_day(app, st, iso))
		return;
	app_query_n(app, st, structure_apply_sql, APPLY_COLUMNS, 2, params, on_applied);
}

/* The id of the department whose code is `code`, from the table's rows; 0 if none. */
static long department_by_code(const struct staffing_state *st, const char *code)
{
	for (int r = 0; st->rows && !st->vacancies_only && r < PQntuples(st->rows); r++)
		if (strcmp(PQgetvalue(st->rows, r, STAFFING_DEPARTMENT_CODE), code) == 0)
			return atol(PQgetvalue(st->rows, r, STAFFING_DEPARTMENT_ID));
	return 0;
}

static void stage_new_position(struct app *app, struct staffing_state *st)
{
	const char *reason = NULL;
	char department[24], rates[16];
	long hundredths, id = department_by_code(st, form_value(&st->add, ADD_DEPARTMENT));

	if (id == 0) {
		app_message(app, "Department: type the code of a department of this table.");
		form_focus(&st->add, ADD_DEPARTMENT);
		return;
	}
	if (form_value(&st->add, ADD_TITLE)[0] == '\0') {
		app_message(app, "Title: this field is required");
		form_focus(&st->add, ADD_TITLE);
		return;
	}
	if (!structure_rates_parse(form_value(&st->add, ADD_RATES), &hundredths, &reason)) {
		app_message(app, reason);
		form_focus(&st->add, ADD_RATES);
		return;
	}
	snprintf(department, sizeof department, "%ld", id);
	structure_rates_format(hundredths, rates, sizeof rates);
	stage(app, st, STRUCTURE_ADD, "", department, form_value(&st->add, ADD_TITLE),
	      form_value(&st->add, ADD_GRADE), form_value(&st->add, ADD_CATEGORY), rates);
	st->mode = MODE_TABLE;
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
		stage(app, st, STRUCTURE_RATES, position, "", "", "", "",
		      structure_rates_format(hundredths, rates, sizeof rates));
		st->mode = MODE_TABLE;
	} else if (key == KEY_CODE_BACKSPACE) {
		editline_backspace(&st->line);
	} else if (key >= 32 && key < KEY_CODE_BASE) {
		editline_insert(&st->line, (unsigned)key);
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
		stage_new_position(app, st);
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
			load(app, st);
		return react_done();
	}
	if (st->mode == MODE_RATES)
		return line_key(app, st, key);
	if (st->mode == MODE_ADD)
		return add_key(app, st, key);
	if (st->mode == MODE_PREVIEW) {
		if (key == KEY_CODE_ENTER) {
			preview(app, st);
			return react_done();
		}
		if (key == KEY_CODE_BACKSPACE)
			return editline_backspace(&st->line) ? react_done() : react_pass();
		if (key >= 32 && key < KEY_CODE_BASE)
			return editline_insert(&st->line, (unsigned)key) ? react_done()
			                                                 : react_pass();
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
			apply(app, st);
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
	switch (action) {
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
		load(app, st);
		return react_done();
	case ACTION_REFRESH:
		load(app, st);
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
		if (staged_step(st, STRUCTURE_REMOVE, position_of(st, st->list.selected)) >= 0) {
			withdraw(app, st,
			         staged_step(st, STRUCTURE_REMOVE, position_of(st, st->list.selected)));
			app_message(app, "Withdrawn: the position stays.");
			return react_done();
		}
		snprintf(position, sizeof position, "%ld", position_of(st, st->list.selected));
		stage(app, st, STRUCTURE_REMOVE, position, "", "", "", "", "");
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
		preview(app, st);
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
	enum mode mode = ((struct staffing_state *)data)->mode;

	return mode == MODE_PREVIEW ? preview_legend : mode == MODE_ADD ? add_legend : table_legend;
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	free(arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_HIRE, ACTION_VACANCIES, ACTION_REFRESH, ACTION_SELECT, ACTION_DELETE,
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
