/*
 * history.c - who changed a record, when, and what: field by field from
 * the audit trail, through a definer function that shows a login only the
 * history of rows it may see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "field.h"
#include "personnel_screens.h"
#include "section.h"
#include "table.h"
#include "tui.h"
#include "xalloc.h"

struct history_state {
	struct history_request *request;
	PGresult *rows;
	int top;
	int visible;
};

static const enum action legend[] = { ACTION_HELP, ACTION_BACK, ACTION_REFRESH, ACTION_NONE };

static struct reaction on_rows(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct history_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	db_result_free(&st->rows);
	st->rows = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	app_dirty(app);
	return react_done();
}

static void load(struct app *app, struct history_state *st)
{
	char id[24];
	const char *params[] = { st->request->table, id };

	snprintf(id, sizeof id, "%ld", st->request->record_id);
	app_query_n(app, st, section_history_sql, HISTORY_COLUMNS, 2, params, on_rows);
}

static void *history_open(struct app *app, void *arg)
{
	struct history_state *st = xcalloc(1, sizeof *st);

	st->request = arg;
	load(app, st);
	return st;
}

static void history_close(struct app *app, void *data)
{
	struct history_state *st = data;

	(void)app;
	db_result_free(&st->rows);
	free(st->request->title);
	free(st->request);
	free(st);
}

/* The field of `section` stored in `column`, or NULL. */
static const struct field_def *field_of(const struct section_def *section, const char *column)
{
	int i = section ? section_field_index(section, column) : -1;

	return i >= 0 ? &section->fields[i] : NULL;
}

/* "YYYY-MM-DD HH:MI" in the clerk's date format; the text as it came if
 * it is not that. */
static const char *local_time(const char *iso, const struct field_context *ctx, char *buf,
                              size_t size)
{
	char day[DATE_TEXT_SIZE];
	struct date date;

	if (strlen(iso) < 10)
		return iso;
	snprintf(day, sizeof day, "%.10s", iso);
	if (!date_parse(day, DATE_FORMAT_ISO, &date, NULL))
		return iso;
	snprintf(buf, size, "%s%s", date_format(date, ctx->date_format, day, sizeof day), iso + 10);
	return buf;
}

static void history_draw(struct app *app, void *data, struct rect body)
{
	struct history_state *st = data;
	struct table_column columns[] = { { "When", 16, 0 },
		                          { "Who", 10, 1 },
		                          { "Field", 12, 1 },
		                          { "Before", 10, 2 },
		                          { "After", 10, 2 } };
	int widths[5], col, n = st->rows ? PQntuples(st->rows) : 0;
	const struct section_def *section = section_named(st->request->table);
	struct field_context ctx;

	app_field_context(app, &ctx);
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, st->request->title);
	table_layout(columns, 5, body.cols - 2, widths);
	col = body.col + 1;
	for (int c = 0; c < 5; c++) {
		tui_put(body.row + 1, col, widths[c], TUI_HEADING, true, columns[c].title);
		col += widths[c] + 1;
	}
	st->visible = body.rows - 3;
	for (int i = 0; i < st->visible && st->top + i < n; i++) {
		int r = st->top + i;
		const char *cells[5] = {
			PQgetvalue(st->rows, r, HISTORY_AT),  PQgetvalue(st->rows, r, HISTORY_LOGIN),
			PQgetvalue(st->rows, r, HISTORY_FIELD), PQgetvalue(st->rows, r, HISTORY_OLD),
			PQgetvalue(st->rows, r, HISTORY_NEW)
		};

		const struct field_def *def = field_of(section, cells[2]);
		char when[DATE_TEXT_SIZE + 8];
		char *before = def ? field_display(def, cells[3], &ctx) : xstrdup(cells[3]);
		char *after = def ? field_display(def, cells[4], &ctx) : xstrdup(cells[4]);

		/* As the form shows it: the field's label, dates in the clerk's
		 * format, yes/no and ID numbers as typed. */
		cells[0] = local_time(cells[0], &ctx, when, sizeof when);
		cells[2] = def ? def->label : cells[2];
		cells[3] = before;
		cells[4] = after;
		/* A created or deleted record is one line saying so. */
		if (strcmp(PQgetvalue(st->rows, r, HISTORY_OP), "INSERT") == 0)
			cells[2] = "(created)";
		else if (strcmp(PQgetvalue(st->rows, r, HISTORY_OP), "DELETE") == 0)
			cells[2] = "(deleted)";
		col = body.col + 1;
		for (int c = 0; c < 5; c++) {
			tui_put(body.row + 2 + i, col, widths[c], TUI_NORMAL, false, cells[c]);
			col += widths[c] + 1;
		}
		free(before);
		free(after);
	}
	if (st->rows != NULL && n == 0)
		tui_put(body.row + 2, body.col + 1, body.cols - 2, TUI_DIM, false,
		        "No changes recorded for this record.");
	tui_cursor(-1, -1);
}

static struct reaction history_action(struct app *app, void *data, enum action action)
{
	struct history_state *st = data;
	int n = st->rows ? PQntuples(st->rows) : 0,
	    last = n - st->visible > 0 ? n - st->visible : 0;

	switch (action) {
	case ACTION_UP:
		st->top -= st->top > 0;
		return react_done();
	case ACTION_DOWN:
		st->top += st->top < last;
		return react_done();
	case ACTION_PAGE_UP:
		st->top = st->top > st->visible ? st->top - st->visible : 0;
		return react_done();
	case ACTION_PAGE_DOWN:
		st->top = st->top + st->visible < last ? st->top + st->visible : last;
		return react_done();
	case ACTION_FIRST:
		st->top = 0;
		return react_done();
	case ACTION_LAST:
		st->top = last;
		return react_done();
	case ACTION_REFRESH:
		load(app, st);
		return react_done();
	default:
		return react_pass();
	}
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	struct history_request *request = arg;

	free(request->title);
	free(request);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_REFRESH, ACTION_NONE };

const struct screen_ops history_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "history",
	.title = "Change history",
	.legend = legend,
	.open = history_open,
	.draw = history_draw,
	.handle_action = history_action,
	.close = history_close,
};
