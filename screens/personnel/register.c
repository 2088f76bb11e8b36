/*
 * register.c - the register of people: search as you type (one query per
 * key, the one in flight cancelled), keyset pages, filters (current /
 * former / all, an "as of" date), and the way into a person's file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date_prompt.h"
#include "date.h"
#include "editline.h"
#include "person.h"
#include "picklist.h"
#include "personnel_screens.h"
#include "table.h"
#include "tui.h"
#include "width.h"
#include "xalloc.h"

enum load { LOAD_FIRST, LOAD_AFTER, LOAD_BEFORE, LOAD_LAST, LOAD_AGAIN };

struct register_state {
	struct editline search;
	enum person_status_filter status;
	struct date as_of;
	struct date_prompt as_of_prompt; /* typing an "as of" date */

	struct person_row *rows; /* the page on screen */
	size_t count;
	struct person_key start; /* the page was read after this key ... */
	bool has_start;          /* ... unless it is the first page */
	bool more_after, more_before;
	int selected, top, visible;
	long keep_id; /* row to select again after a refresh */

	long department_id; /* 0: any department */
	char *department;   /* its name, for the filter line */
	struct picklist departments;
	bool departments_wanted; /* F4 pressed before the list arrived */
	char **department_names; /* "Any department", then names (owned) */
	long *department_ids;
	int department_count;

	enum load loading; /* what the query in flight is for */
	bool busy;
	bool wide_org; /* show the organisation column (ministry logins) */
};

static const enum action legend[] = { ACTION_HELP,    ACTION_BACK,  ACTION_LOOKUP, ACTION_NEW,
	                              ACTION_REFRESH, ACTION_AS_OF, ACTION_FILTER, ACTION_NONE };

static const char *const status_names[] = { "current", "former", "all" };

static void as_of_iso(const struct register_state *st, char *buf)
{
	date_to_iso(st->as_of, buf, DATE_TEXT_SIZE);
}

static struct reaction on_page(struct app *app, void *owner, const PGresult *result,
                               enum status status);
static struct reaction on_departments(struct app *app, void *owner, const PGresult *result,
                                      enum status status);

/* Sends the query for a page; replaces any query of this screen in flight. */
static void load(struct app *app, struct register_state *st, enum load how)
{
	const char *params[PERSON_REGISTER_PARAMS];
	char storage[96], as_of[DATE_TEXT_SIZE];
	char *search = person_like_escape(st->search.text);
	struct person_key edge = { 0 };
	struct person_filter filter = { search, st->status, as_of, st->department_id };
	const struct person_key *key = NULL;
	bool backward = how == LOAD_BEFORE || how == LOAD_LAST;

	as_of_iso(st, as_of);
	if (how == LOAD_AFTER && st->count > 0)
		person_key_of(&st->rows[st->count - 1], &edge), key = &edge;
	else if (how == LOAD_BEFORE && st->count > 0)
		person_key_of(&st->rows[0], &edge), key = &edge;
	else if (how == LOAD_AGAIN && st->has_start)
		key = &st->start;
	person_register_params(&filter, key, params, storage, sizeof storage);
	st->loading = how;
	st->busy = true;
	app_query_latest_n(app, st, person_register_sql,
	                   backward ? person_register_backward_sql : person_register_sql,
	                   REGISTER_COLUMNS, PERSON_REGISTER_PARAMS, params, on_page);
	person_key_clear(&edge);
	free(search);
}

static void select_id(struct register_state *st, long id)
{
	for (size_t i = 0; i < st->count; i++)
		if (st->rows[i].id == id)
			st->selected = (int)i;
}

static struct reaction on_page(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct register_state *st = owner;
	struct person_row *rows;
	size_t count;
	bool backward = st->loading == LOAD_BEFORE || st->loading == LOAD_LAST;

	st->busy = false;
	if (result == NULL) {
		if (status != STATUS_DB_CANCELLED)
			app_error_db(app, status);
		return react_done();
	}
	if (!person_rows_read(result, backward, &rows, &count)) {
		app_error(app, STATUS_DB_SCHEMA, "unexpected columns in the register");
		return react_done();
	}
	/* Going back or forward past the last row on screen: nothing there. */
	if (count == 0 && (st->loading == LOAD_AFTER || st->loading == LOAD_BEFORE)) {
		if (st->loading == LOAD_AFTER)
			st->more_after = false;
		else
			st->more_before = false;
		person_rows_free(&rows, count);
		return react_done();
	}
	person_rows_free(&st->rows, st->count);
	st->rows = rows;
	st->count = count;
	switch (st->loading) {
	case LOAD_FIRST:
		person_key_clear(&st->start);
		st->has_start = false;
		st->more_before = false;
		st->more_after = count == PERSON_PAGE;
		st->selected = 0;
		break;
	case LOAD_AFTER:
	case LOAD_AGAIN:
		if (st->loading == LOAD_AFTER) {
			person_key_clear(&st->start);
			st->has_start = false;
		}
		st->more_after = count == PERSON_PAGE;
		st->more_before = st->has_start || st->loading == LOAD_AFTER;
		st->selected = st->loading == LOAD_AFTER ? 0 : st->selected;
		break;
	case LOAD_BEFORE:
	case LOAD_LAST:
		st->more_before = count == PERSON_PAGE;
		st->more_after = st->loading == LOAD_BEFORE;
		st->selected = (int)count - 1;
		break;
	}
	/* The page's start key, so a refresh re-reads the same page. */
	if (st->loading != LOAD_AGAIN && st->loading != LOAD_FIRST && count > 0) {
		person_key_clear(&st->start);
		st->has_start = false;
		if (st->more_before || st->loading == LOAD_AFTER) {
			/* Start just before the first row: its own key minus nothing
			 * is not expressible, so keep the first row and re-read from
			 * it inclusive by asking for rows after the previous page. */
			person_key_of(&rows[0], &st->start);
			st->start.id -= 1;
			st->has_start = true;
		}
	}
	if (st->keep_id != 0)
		select_id(st, st->keep_id);
	st->keep_id = 0;
	if (st->selected >= (int)count)
		st->selected = count > 0 ? (int)count - 1 : 0;
	app_dirty(app);
	return react_done();
}

static void *register_open(struct app *app, void *arg)
{
	struct register_state *st = xcalloc(1, sizeof *st);
	const struct identity *who = app_identity(app);

	(void)arg;
	editline_init(&st->search, 120);
	date_prompt_init(&st->as_of_prompt);
	st->as_of = date_today();
	st->status = PERSON_CURRENT;
	st->wide_org = who->kind != NULL && strcmp(who->kind, "ministry") == 0;
	load(app, st, LOAD_FIRST);
	app_query_n(app, st, person_departments_sql, PERSON_DEPARTMENT_COLUMNS, 0, NULL,
	            on_departments);
	return st;
}

static void departments_free(struct register_state *st)
{
	for (int i = 0; i < st->department_count; i++)
		free(st->department_names[i]);
	free(st->department_names);
	free(st->department_ids);
	st->department_names = NULL;
	st->department_ids = NULL;
	st->department_count = 0;
}

static void register_close(struct app *app, void *data)
{
	struct register_state *st = data;

	(void)app;
	departments_free(st);
	free(st->department);
	person_rows_free(&st->rows, st->count);
	person_key_clear(&st->start);
	editline_free(&st->search);
	date_prompt_free(&st->as_of_prompt);
	free(st);
}

/* ---- drawing ------------------------------------------------------------ */

enum {
	COL_NAME,
	COL_NUMBER,
	COL_POSITION,
	COL_DEPARTMENT,
	COL_BORN,
	COL_ORG,
	COL_STATUS,
	COL_COUNT
};

/* "Search: [typed]   current, in Finance, as of 23.11.2026": the search
 * field gets the room the filters leave. */
static void draw_filter_line(struct app *app, struct register_state *st, struct rect body)
{
	struct field_context ctx;
	char as_of[DATE_TEXT_SIZE], filters[200];
	int filters_width, search_width, col;

	app_field_context(app, &ctx);
	date_format(st->as_of, ctx.date_format, as_of, sizeof as_of);
	snprintf(filters, sizeof filters, "%s%s%s, as of ", status_names[st->status],
	         st->department ? ", in " : "", st->department ? st->department : "");
	filters_width = text_width(filters) + DATE_TEXT_SIZE;
	/* The search field keeps at least 20 columns. */
	if (filters_width > body.cols - 32)
		filters_width = body.cols - 32;
	search_width = body.cols - 2 - 8 - 2 - filters_width;
	col = body.col + 1;
	tui_put(body.row, col, 8, TUI_LABEL, false, "Search:");
	tui_put(body.row, col + 8, search_width, TUI_INPUT, true, st->search.text);
	col += 8 + search_width + 2;
	col += tui_put(body.row, col, filters_width - DATE_TEXT_SIZE, TUI_LABEL, false, filters);
	if (st->as_of_prompt.open) {
		tui_put(body.row, col, DATE_TEXT_SIZE, TUI_INPUT, true, st->as_of_prompt.line.text);
		tui_cursor(body.row, col + editline_cursor_column(&st->as_of_prompt.line));
	} else {
		tui_put(body.row, col, DATE_TEXT_SIZE, TUI_VALUE, false, as_of);
		tui_cursor(body.row, body.col + 9 + editline_cursor_column(&st->search));
	}
}

static void register_draw(struct app *app, void *data, struct rect body)
{
	struct register_state *st = data;
	struct table_column columns[COL_COUNT] = {
		{ "Name", 22, 4 },
		{ "Pers. no", 8, 0 },
		{ "Position", 12, 3 },
		{ "Department", 10, 2 },
		{ "Born", 10, 0 },
		{ "Org", st->wide_org ? 9 : 0, 0 },
		{ "Status", st->status == PERSON_CURRENT ? 0 : 7, 0 },
	};
	struct field_context ctx;
	int widths[COL_COUNT], col, list_row = body.row + 2;
	char info[128];

	app_field_context(app, &ctx);
	draw_filter_line(app, st, body);
	table_layout(columns, COL_COUNT, body.cols - 2, widths);
	col = body.col + 1;
	for (int c = 0; c < COL_COUNT; c++) {
		if (widths[c] == 0)
			continue;
		tui_put(body.row + 1, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + 1;
	}
	st->visible = body.rows - 3;
	if (st->selected < st->top)
		st->top = st->selected;
	if (st->selected >= st->top + st->visible)
		st->top = st->selected - st->visible + 1;
	for (int i = 0; i < st->visible && st->top + i < (int)st->count; i++) {
		const struct person_row *r = &st->rows[st->top + i];
		bool here = st->top + i == st->selected;
		char *name = person_full_name(r->last_name, r->first_name, r->middle_name);
		struct field_def date_def = { "birth_date", "", FIELD_DATE, 10, false, NULL, 0 };
		char *born = field_display(&date_def, r->birth_date, &ctx);
		/* Someone registered and not hired yet says so where the post goes. */
		const char *post = strcmp(r->status, "none") == 0 && r->position[0] == '\0'
		                           ? "(not hired yet)"
		                           : r->position;
		const char *cells[COL_COUNT] = { name, r->personnel_no, post, r->department,
			                         born, r->org_code,     r->status };

		col = body.col + 1;
		if (here)
			tui_fill(list_row + i, body.col, body.cols, TUI_SELECTED);
		tui_put(list_row + i, body.col, 1, here ? TUI_SELECTED : TUI_NORMAL, false,
		        here ? ">" : " ");
		for (int c = 0; c < COL_COUNT; c++) {
			if (widths[c] == 0)
				continue;
			tui_put(list_row + i, col, widths[c], here ? TUI_SELECTED : TUI_NORMAL,
			        false, cells[c]);
			col += widths[c] + 1;
		}
		free(name);
		free(born);
	}
	if (st->count == 0)
		snprintf(info, sizeof info, "%s", st->busy ? "Searching ..." : "No one matches.");
	else
		snprintf(info, sizeof info, "%s%zu shown%s%s",
		         st->more_before ? "more above; " : "", st->count,
		         st->more_after ? "; more below" : "", st->busy ? "; searching ..." : "");
	tui_put(body.row + body.rows - 1, body.col + 1, body.cols - 2, TUI_DIM, false, info);
	if (st->departments.open)
		picklist_draw(&st->departments, body.row + 1, body.col + body.cols / 2);
}

/* ---- keys ------------------------------------------------------------------ */

static struct reaction open_selected(struct register_state *st)
{
	struct profile_request *request;

	if (st->count == 0)
		return react_done();
	request = xcalloc(1, sizeof *request);
	request->person_id = st->rows[st->selected].id;
	request->as_of = st->as_of;
	return react_open(&profile_screen, request);
}

static void move(struct app *app, struct register_state *st, int delta)
{
	int target = st->selected + delta;

	if (target >= (int)st->count) {
		if (st->more_after && !st->busy)
			load(app, st, LOAD_AFTER);
		target = st->count > 0 ? (int)st->count - 1 : 0;
	} else if (target < 0) {
		if (st->more_before && !st->busy)
			load(app, st, LOAD_BEFORE);
		target = 0;
	}
	st->selected = target;
}

static struct reaction as_of_key(struct app *app, struct register_state *st, int key)
{
	if (date_prompt_key(app, &st->as_of_prompt, key, &st->as_of) == DATE_PROMPT_CHOSEN)
		load(app, st, LOAD_FIRST);
	return react_done();
}

/* Opens the department list (read once when the register opens). */
static void open_departments(struct register_state *st)
{
	int selected = 0;

	st->departments_wanted = false;
	for (int i = 1; i < st->department_count; i++)
		if (st->department_ids[i] == st->department_id)
			selected = i;
	picklist_open(&st->departments, (const char *const *)st->department_names,
	              st->department_count, selected);
}

static struct reaction on_departments(struct app *app, void *owner, const PGresult *result,
                                      enum status status)
{
	struct register_state *st = owner;
	int n;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	departments_free(st);
	n = PQntuples(result);
	st->department_names = xcalloc((size_t)n + 1, sizeof *st->department_names);
	st->department_ids = xcalloc((size_t)n + 1, sizeof *st->department_ids);
	st->department_names[0] = xstrdup("Any department");
	for (int i = 0; i < n; i++) {
		st->department_ids[i + 1] = atol(PQgetvalue(result, i, PERSON_DEPARTMENT_ID));
		st->department_names[i + 1] = xstrdup(PQgetvalue(result, i, PERSON_DEPARTMENT_NAME));
	}
	st->department_count = n + 1;
	if (st->departments_wanted)
		open_departments(st);
	app_dirty(app);
	return react_done();
}

static void department_chosen(struct app *app, struct register_state *st)
{
	int i = st->departments.selected;

	free(st->department);
	st->department = i > 0 ? xstrdup(st->department_names[i]) : NULL;
	st->department_id = i > 0 ? st->department_ids[i] : 0;
	load(app, st, LOAD_FIRST);
}

/* Typing goes to the search field at once; every change asks again. */
static struct reaction register_key(struct app *app, void *data, int key)
{
	struct register_state *st = data;
	bool changed = false;

	if (st->as_of_prompt.open)
		return as_of_key(app, st, key);
	if (st->departments.open) {
		if (picklist_key(&st->departments, key) == PICKLIST_CHOSEN)
			department_chosen(app, st);
		return react_done();
	}
	/* No name or number holds ':': it opens the jump prompt here. */
	if (key == ':')
		return react_pass();
	/* The search's editing keys; Home and End stay the list's. */
	if (key == KEY_CODE_HOME || key == KEY_CODE_END)
		return react_pass();
	switch (editline_key(&st->search, key)) {
	case EDITLINE_PASS:
		return react_pass();
	case EDITLINE_CHANGED:
		changed = true;
		break;
	default:
		break;
	}
	if (changed)
		load(app, st, LOAD_FIRST);
	return react_done();
}

static struct reaction register_action(struct app *app, void *data, enum action action)
{
	struct register_state *st = data;

	switch (action) {
	case ACTION_UP:
		move(app, st, -1);
		return react_done();
	case ACTION_DOWN:
		move(app, st, 1);
		return react_done();
	case ACTION_PAGE_UP:
		move(app, st, -(st->visible > 1 ? st->visible - 1 : 1));
		return react_done();
	case ACTION_PAGE_DOWN:
		move(app, st, st->visible > 1 ? st->visible - 1 : 1);
		return react_done();
	case ACTION_FIRST:
		load(app, st, LOAD_FIRST);
		return react_done();
	case ACTION_LAST:
		load(app, st, LOAD_LAST);
		return react_done();
	case ACTION_SELECT:
		return open_selected(st);
	case ACTION_REFRESH:
		st->keep_id = st->count > 0 ? st->rows[st->selected].id : 0;
		load(app, st, LOAD_AGAIN);
		return react_done();
	case ACTION_LOOKUP:
		if (st->department_count > 0)
			open_departments(st);
		else
			st->departments_wanted = true;
		return react_done();
	case ACTION_FILTER:
		st->status = (st->status + 1) % 3;
		load(app, st, LOAD_FIRST);
		return react_done();
	case ACTION_AS_OF:
		date_prompt_open(app, &st->as_of_prompt, st->as_of);
		return react_done();
	case ACTION_NEW:
		if (app_read_only(app)) {
			app_error(app, STATUS_DB_PERMISSION, "this login reads the file only");
			return react_done();
		}
		return react_open(&entry_screen, entry_request_new_person());
	default:
		return react_pass();
	}
}

/* Back from a file or a new person: what they changed shows at once. */
static void register_resume(struct app *app, void *data)
{
	struct register_state *st = data;

	st->keep_id = st->count > 0 ? st->rows[st->selected].id : 0;
	load(app, st, LOAD_AGAIN);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SELECT, ACTION_NEW, ACTION_FILTER, ACTION_AS_OF, ACTION_LOOKUP,
	ACTION_REFRESH, ACTION_NONE };

const struct screen_ops register_screen = {
	.actions = handled_actions,
	.jumpable = true,
	/* People are shown: the agency (statistics only) and auditors (the
	 * audit trail) have no use for them. */
	.logins = "clerk head ministry",
	.name = "register",
	.title = "Personnel file",
	.legend = legend,
	.open = register_open,
	.draw = register_draw,
	.handle_action = register_action,
	.handle_key = register_key,
	.close = register_close,
	.resume = register_resume,
};
