/*
 * profile.c - one person's file: the sections on the left, the chosen
 * section on the right, the length of service in the header.  The whole
 * file is read in one pipelined round trip, as it stood on any date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date_prompt.h"
#include "editline.h"
#include "person.h"
#include "order_screens.h"
#include "personnel_screens.h"
#include "service.h"
#include "table.h"
#include "tui.h"
#include "xalloc.h"

enum { NAV_WIDTH = 22 };

struct profile_state {
	long person_id;
	struct date as_of;
	PGresult *data[SECTION_BATCH]; /* copies of the last batch's results */
	bool loaded, loading;
	int section;                /* selected section */
	bool read_only; /* the login reads the file only */
	bool in_content;            /* focus on the content, not the section list */
	int selected, top, visible; /* selection in a list section */
	bool delete_armed;
	struct date_prompt as_of_prompt; /* typing an "as of" date */
};

static const enum action nav_legend[] = { ACTION_HELP,    ACTION_BACK,    ACTION_SWITCH,
	                                  ACTION_AS_OF,   ACTION_HISTORY, ACTION_ORDERS,
	                                  ACTION_REFRESH, ACTION_NONE };
static const enum action content_legend[] = { ACTION_HELP,   ACTION_BACK,    ACTION_NEW,
	                                      ACTION_DELETE, ACTION_HISTORY, ACTION_AS_OF,
	                                      ACTION_NONE };
/* A section that cannot change here (read only, a past view, a reading
 * login) offers neither Insert nor Delete. */
static const enum action content_read_legend[] = { ACTION_HELP, ACTION_BACK, ACTION_HISTORY,
	                                           ACTION_AS_OF, ACTION_NONE };
/* One record (personal data): edited in place, never added or deleted. */
static const enum action content_single_legend[] = { ACTION_HELP,    ACTION_BACK,
	                                             ACTION_SELECT,  ACTION_HISTORY,
	                                             ACTION_AS_OF,   ACTION_NONE };

static const struct section_def *current(const struct profile_state *st)
{
	return section_get(st->section);
}

static int rows_of(const struct profile_state *st, int section)
{
	return st->data[section] ? PQntuples(st->data[section]) : 0;
}

/* True when this view may change the file: a writing login, today's file. */
static bool writable(struct app *app, const struct profile_state *st)
{
	(void)app;
	return !st->read_only && date_compare(st->as_of, date_today()) >= 0;
}

static struct reaction on_file(struct app *app, void *owner, PGresult *const *results, int count,
                               enum status status)
{
	struct profile_state *st = owner;

	st->loading = false;
	if (results == NULL || status != STATUS_OK) {
		app_error_db(app, status);
		return react_done();
	}
	for (int i = 0; i < SECTION_BATCH && i < count; i++) {
		if (st->data[i] != NULL)
			db_result_free(&st->data[i]);
		st->data[i] =
		        results[i] ? PQcopyResult(results[i], PG_COPYRES_ATTRS | PG_COPYRES_TUPLES)
		                   : NULL;
	}
	st->loaded = true;
	if (rows_of(st, SECTION_PERSONAL) == 0)
		app_message(app, "This person is not in the file of any organisation you can see.");
	if (st->selected >= rows_of(st, st->section))
		st->selected = rows_of(st, st->section) > 0 ? rows_of(st, st->section) - 1 : 0;
	app_dirty(app);
	return react_done();
}

static void load(struct app *app, struct profile_state *st)
{
	char person[24], as_of[DATE_TEXT_SIZE];
	const char *params[2] = { person, date_to_iso(st->as_of, as_of, sizeof as_of) };
	struct db_statement statements[SECTION_BATCH];

	snprintf(person, sizeof person, "%ld", st->person_id);
	section_profile_batch(params, statements);
	st->loading = true;
	app_batch(app, st, statements, SECTION_BATCH, on_file);
}

static void *profile_open(struct app *app, void *arg)
{
	struct profile_request *request = arg;
	struct profile_state *st = xcalloc(1, sizeof *st);

	st->person_id = request->person_id;
	st->as_of = request->as_of;
	st->read_only = app_read_only(app);
	free(request);
	date_prompt_init(&st->as_of_prompt);
	load(app, st);
	return st;
}

static void profile_close(struct app *app, void *data)
{
	struct profile_state *st = data;

	(void)app;
	for (int i = 0; i < SECTION_BATCH; i++)
		if (st->data[i] != NULL)
			db_result_free(&st->data[i]);
	date_prompt_free(&st->as_of_prompt);
	free(st);
}

/* Back from a form or the history: show what changed. */
static void profile_resume(struct app *app, void *data)
{
	load(app, data);
}

/* ---- drawing ------------------------------------------------------------------ */

/* "12 y 3 m 4 d" of service up to the as-of date, from the periods row set. */
static void service_text(const struct profile_state *st, char *buf, size_t size)
{
	const PGresult *periods = st->data[SECTION_COUNT];
	struct service_period list[64];
	struct service_date as_of = { st->as_of.year, st->as_of.month, st->as_of.day };
	struct service_length length;
	size_t n = 0;

	for (int r = 0; periods && r < PQntuples(periods) && n < 64; r++) {
		struct date start, end = st->as_of;

		if (!date_parse(PQgetvalue(periods, r, PERIOD_START), DATE_FORMAT_ISO, &start, NULL))
			continue;
		list[n].open = PQgetvalue(periods, r, PERIOD_END)[0] == '\0';
		if (!list[n].open)
			date_parse(PQgetvalue(periods, r, PERIOD_END), DATE_FORMAT_ISO, &end, NULL);
		list[n].start = (struct service_date){ start.year, start.month, start.day };
		list[n].end = (struct service_date){ end.year, end.month, end.day };
		n++;
	}
	length = service_length(list, n, as_of);
	snprintf(buf, size, "%d y %d m %d d", length.years, length.months, length.days);
}

/* "Surname Given Patronymic" from the personal data's row; malloc'd. */
static char *full_name(const PGresult *personal)
{
	const struct section_def *def = section_get(SECTION_PERSONAL);

	return person_full_name(
	        PQgetvalue(personal, 0, SECTION_COL_FIELD + section_field_index(def, "last_name")),
	        PQgetvalue(personal, 0, SECTION_COL_FIELD + section_field_index(def, "first_name")),
	        PQgetvalue(personal, 0, SECTION_COL_FIELD + section_field_index(def, "middle_name")));
}

/* The orders that shaped this file, in the journal. */
static struct reaction show_orders(struct profile_state *st)
{
	const PGresult *p = st->data[SECTION_PERSONAL];
	struct order_journal_request *request;

	if (p == NULL || PQntuples(p) == 0)
		return react_done();
	request = xcalloc(1, sizeof *request);
	request->person_id = st->person_id;
	request->person = full_name(p);
	return react_open(&orders_screen, request);
}

static void draw_header(struct app *app, struct profile_state *st, struct rect body)
{
	const PGresult *p = st->data[SECTION_PERSONAL];
	struct field_context ctx;
	char *name, as_of[DATE_TEXT_SIZE], service[48], line[320];

	app_field_context(app, &ctx);
	date_format(st->as_of, ctx.date_format, as_of, sizeof as_of);
	if (p == NULL || PQntuples(p) == 0) {
		tui_put(body.row, body.col + 1, body.cols - 2, TUI_DIM, false,
		        st->loading ? "Opening the file ..." : "No file to show.");
		return;
	}
	name = full_name(p);
	service_text(st, service, sizeof service);
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, name);
	snprintf(line, sizeof line, "Service %s   As of %s%s", service, as_of,
	         date_compare(st->as_of, date_today()) < 0 ? " (past: read only)" : "");
	tui_put(body.row + 1, body.col + 1, body.cols - 2, TUI_NORMAL, false, line);
	free(name);
}

static void draw_nav(struct profile_state *st, struct rect body)
{
	for (int i = 0; i < SECTION_COUNT && 3 + i < body.rows; i++) {
		const struct section_def *def = section_get(i);
		bool here = i == st->section;
		char line[64];

		if (def->single)
			snprintf(line, sizeof line, "%s %s", here ? ">" : " ", def->title);
		else
			snprintf(line, sizeof line, "%s %s (%d)", here ? ">" : " ", def->title,
			         rows_of(st, i));
		tui_put(body.row + 3 + i, body.col, NAV_WIDTH,
		        here ? (st->in_content ? TUI_VALUE : TUI_SELECTED) : TUI_NORMAL, true,
		        line);
		if (here && !st->in_content)
			tui_cursor(body.row + 3 + i, body.col);
	}
}

/* Personal data: label and value per field, as of the date. */
static void draw_single(struct app *app, struct profile_state *st, struct rect area)
{
	const struct section_def *def = current(st);
	const PGresult *rows = st->data[st->section];
	struct field_context ctx;

	app_field_context(app, &ctx);
	for (int i = 0; i < def->nfields && i < area.rows; i++) {
		char *value =
		        rows && PQntuples(rows) > 0
		                ? field_display(&def->fields[i], PQgetvalue(rows, 0, SECTION_COL_FIELD + i),
		                                &ctx)
		                : xstrdup("");

		tui_put(area.row + i, area.col, 14, TUI_LABEL, true, def->fields[i].label);
		tui_put(area.row + i, area.col + 14, area.cols - 14, TUI_VALUE, false, value);
		free(value);
	}
	if (st->in_content)
		tui_cursor(area.row, area.col + 14);
	if (writable(app, st) && !def->read_only && st->in_content)
		tui_put(area.row + area.rows - 1, area.col, area.cols, TUI_DIM, false,
		        "Enter edits the personal data.");
}

/* A list section: one row per entry, columns from the field table. */
static void draw_list(struct app *app, struct profile_state *st, struct rect area)
{
	const struct section_def *def = current(st);
	const PGresult *rows = st->data[st->section];
	struct table_column columns[16];
	int widths[16], map[16], ncols = 0, n = rows_of(st, st->section), col;
	struct field_context ctx;

	app_field_context(app, &ctx);
	for (int i = 0; i < def->nfields && ncols < 16; i++) {
		if (def->fields[i].list_width == 0)
			continue;
		/* A column that may hold more than its width shares the room left
		 * (the wide ones twice as much); dates and codes keep theirs. */
		columns[ncols] = (struct table_column){
			def->fields[i].label, def->fields[i].list_width,
			def->fields[i].max_chars <= def->fields[i].list_width ? 0
			: def->fields[i].list_width > 12                   ? 2
			                                                   : 1
		};
		map[ncols++] = i;
	}
	table_layout(columns, ncols, area.cols - 2, widths);
	col = area.col + 2;
	for (int c = 0; c < ncols; c++) {
		if (widths[c] > 0)
			tui_put(area.row, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + (widths[c] > 0);
	}
	st->visible = area.rows - 2;
	if (st->selected < st->top)
		st->top = st->selected;
	if (st->selected >= st->top + st->visible)
		st->top = st->selected - st->visible + 1;
	for (int r = st->top; r < n && r - st->top < st->visible; r++) {
		bool here = st->in_content && r == st->selected;
		int row = area.row + 1 + r - st->top;

		if (here) {
			tui_fill(row, area.col, area.cols, TUI_SELECTED);
			tui_put(row, area.col, 1, TUI_SELECTED, false, ">");
			tui_cursor(row, area.col);
		}
		col = area.col + 2;
		for (int c = 0; c < ncols; c++) {
			char *value = field_display(&def->fields[map[c]],
			                            PQgetvalue(rows, r, SECTION_COL_FIELD + map[c]), &ctx);

			if (widths[c] > 0)
				tui_put(row, col, widths[c], here ? TUI_SELECTED : TUI_NORMAL,
				        false, value);
			col += widths[c] + (widths[c] > 0);
			free(value);
		}
	}
	if (n == 0)
		tui_put(area.row + 1, area.col + 2, area.cols - 2, TUI_DIM, false,
		        def->read_only ? "Nothing recorded; entries come from signed orders."
		                       : "Nothing recorded yet.");
	if (st->in_content && n == 0)
		tui_cursor(area.row + 1, area.col + 2);
}

static void draw_as_of_prompt(struct profile_state *st, struct rect body)
{
	int row = body.row + 1;

	tui_fill(row, body.col, body.cols, TUI_NORMAL);
	tui_put(row, body.col + 1, 30, TUI_LABEL, false, "Show the file as of:");
	tui_put(row, body.col + 22, 11, TUI_INPUT, true, st->as_of_prompt.line.text);
	tui_cursor(row, body.col + 22 + editline_cursor_column(&st->as_of_prompt.line));
}

static void profile_draw(struct app *app, void *data, struct rect body)
{
	struct profile_state *st = data;
	struct rect area = { body.row + 3, body.col + NAV_WIDTH + 1, body.rows - 3,
		             body.cols - NAV_WIDTH - 2 };

	tui_cursor(-1, -1);
	draw_header(app, st, body);
	if (!st->loaded)
		return;
	tui_put(body.row + 2, body.col, NAV_WIDTH, TUI_HEADING, true, "Sections");
	tui_put(body.row + 2, area.col, area.cols, TUI_HEADING, true, current(st)->title);
	draw_nav(st, body);
	if (current(st)->single)
		draw_single(app, st, area);
	else
		draw_list(app, st, area);
	if (st->as_of_prompt.open)
		draw_as_of_prompt(st, body);
}

/* ---- actions -------------------------------------------------------------------- */

/* The values of row r of the current section, as stored. */
static const char **row_values(const struct profile_state *st, int r, const char **values)
{
	for (int i = 0; i < current(st)->nfields; i++)
		values[i] = PQgetvalue(st->data[st->section], r, SECTION_COL_FIELD + i);
	return values;
}

static struct reaction edit(struct app *app, struct profile_state *st, bool add)
{
	const struct section_def *def = current(st);
	const char *values[32];
	int r = def->single ? 0 : st->selected;

	if (!writable(app, st) || def->read_only) {
		app_message(app, def->read_only ? "This section changes only through signed orders."
		                 : app_read_only(app)
		                         ? "This login reads the file only."
		                         : "A past view is read only; F7 back to today.");
		return react_done();
	}
	if (add && def->single) {
		app_message(app, "Enter edits the personal data.");
		return react_done();
	}
	if (!add && rows_of(st, st->section) <= r)
		return react_done();
	if (add)
		return react_open(&entry_screen, entry_request_for(def->id, st->person_id, 0, 0,
		                                                   NULL, def->title));
	return react_open(&entry_screen,
	                  entry_request_for(def->id, st->person_id,
	                                    atol(PQgetvalue(st->data[st->section], r, SECTION_COL_ID)),
	                                    atoi(PQgetvalue(st->data[st->section], r, SECTION_COL_VERSION)),
	                                    row_values(st, r, values), def->title));
}

static struct reaction on_deleted(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct profile_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	app_message(app, strcmp(PQcmdTuples((PGresult *)result), "0") == 0
	                         ? "Not deleted: someone changed the entry meanwhile (F5 shows it)."
	                         : "Deleted; the change history keeps it.");
	load(app, st);
	return react_done();
}

static void delete_selected(struct app *app, struct profile_state *st)
{
	const struct section_def *def = current(st);

	if (def->single || def->delete_sql == NULL || !writable(app, st) ||
	    rows_of(st, st->section) == 0) {
		app_message(app, "Nothing here can be deleted.");
		return;
	}
	if (!st->delete_armed) {
		st->delete_armed = true;
		app_message(app, "Press Delete again to delete this entry.");
		return;
	}
	st->delete_armed = false;
	const char *params[] = {
		PQgetvalue(st->data[st->section], st->selected, SECTION_COL_ID),
		PQgetvalue(st->data[st->section], st->selected, SECTION_COL_VERSION)
	};
	app_query(app, st, def->delete_sql, 2, params, on_deleted);
}

static struct reaction show_history(struct app *app, struct profile_state *st)
{
	const struct section_def *def = current(st);
	struct history_request *request;
	int r = def->single ? 0 : st->selected;

	if (rows_of(st, st->section) <= r) {
		app_message(app, "Choose an entry first.");
		return react_done();
	}
	request = xcalloc(1, sizeof *request);
	request->table = def->name;
	request->record_id = atol(PQgetvalue(st->data[st->section], r, SECTION_COL_ID));
	request->title = xasprintf("Changes to %s", def->title);
	return react_open(&history_screen, request);
}

static struct reaction as_of_key(struct app *app, struct profile_state *st, int key)
{
	if (date_prompt_key(app, &st->as_of_prompt, key, &st->as_of) == DATE_PROMPT_CHOSEN)
		load(app, st);
	return react_done();
}

static struct reaction profile_key(struct app *app, void *data, int key)
{
	struct profile_state *st = data;

	if (st->as_of_prompt.open)
		return as_of_key(app, st, key);
	if (key != KEY_CODE_DELETE)
		st->delete_armed = false;
	return react_pass();
}

static void move(struct profile_state *st, int delta)
{
	if (!st->in_content) {
		st->section = (st->section + SECTION_COUNT + delta) % SECTION_COUNT;
		st->selected = st->top = 0;
		return;
	}
	st->selected += delta;
	if (st->selected >= rows_of(st, st->section))
		st->selected = rows_of(st, st->section) - 1;
	if (st->selected < 0)
		st->selected = 0;
}

static struct reaction profile_action(struct app *app, void *data, enum action action)
{
	struct profile_state *st = data;

	switch (action) {
	case ACTION_UP:
		move(st, -1);
		return react_done();
	case ACTION_DOWN:
		move(st, 1);
		return react_done();
	case ACTION_PAGE_UP:
		move(st, -(st->visible > 1 ? st->visible : 1));
		return react_done();
	case ACTION_PAGE_DOWN:
		move(st, st->visible > 1 ? st->visible : 1);
		return react_done();
	case ACTION_SWITCH:
		st->in_content = !st->in_content;
		return react_done();
	case ACTION_SELECT:
		if (st->in_content)
			return edit(app, st, false);
		st->in_content = true;
		return react_done();
	case ACTION_NEW:
		return edit(app, st, true);
	case ACTION_DELETE:
		delete_selected(app, st);
		return react_done();
	case ACTION_HISTORY:
		return show_history(app, st);
	case ACTION_ORDERS:
		return show_orders(st);
	case ACTION_REFRESH:
		load(app, st);
		return react_done();
	case ACTION_AS_OF:
		/* From a past view, F7 goes back to today: today is offered. */
		date_prompt_open(app, &st->as_of_prompt,
		                 date_compare(st->as_of, date_today()) < 0 ? date_today() : st->as_of);
		return react_done();
	case ACTION_BACK:
		if (st->in_content) {
			st->in_content = false;
			return react_done();
		}
		return react_pass();
	default:
		return react_pass();
	}
}

static const enum action *profile_legend(void *data)
{
	struct profile_state *st = data;

	const struct section_def *def = current(st);

	if (!st->in_content)
		return nav_legend;
	if (st->read_only || def->read_only || date_compare(st->as_of, date_today()) < 0)
		return content_read_legend;
	return def->single ? content_single_legend : content_legend;
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	free(arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SWITCH, ACTION_SELECT, ACTION_NEW, ACTION_DELETE, ACTION_HISTORY,
	ACTION_ORDERS, ACTION_REFRESH, ACTION_AS_OF, ACTION_BACK, ACTION_NONE };

const struct screen_ops profile_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "profile",
	.title = "Personnel file",
	.legend = nav_legend,
	.open = profile_open,
	.draw = profile_draw,
	.handle_action = profile_action,
	.handle_key = profile_key,
	.close = profile_close,
	.legend_now = profile_legend,
	.resume = profile_resume,
};
