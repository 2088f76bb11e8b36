/*
 * orders.c - the order journal: every order of the organisation, newest
 * first, filtered as you type (number or employee, status, kind,
 * register, date range), or only one employee's orders when opened from
 * the file.  Enter opens an order, Insert keys a new one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "editline.h"
#include "listing.h"
#include "order.h"
#include "order_screens.h"
#include "person.h"
#include "picklist.h"
#include "table.h"
#include "tui.h"
#include "width.h"
#include "xalloc.h"

enum { F_TEXT, F_STATUS, F_KIND, F_REGISTER, F_FROM, F_TO, F_COUNT };

static const char *const filter_labels[F_COUNT] = { "Number or name", "Status", "Kind",
	                                            "Register",       "From",   "To" };
static const int filter_widths[F_COUNT] = { 16, 9, 12, 4, 10, 10 };


struct orders_state {
	struct editline filter[F_COUNT];
	int focus;
	long person_id;
	char *person;
	PGresult *rows;
	struct listing list;
	struct picklist pick;
	int pick_for; /* F_STATUS, F_KIND, F_REGISTER, or -1 for a new order's kind */
	const char **pick_items;
	bool delete_armed; /* Delete pressed once on a draft */
	bool read_only;    /* the login reads orders only: nothing to key is offered */
};

static const enum action legend[] = { ACTION_HELP,   ACTION_BACK,    ACTION_NEW,      ACTION_SELECT,
	                              ACTION_LOOKUP, ACTION_REFRESH, ACTION_SETTINGS, ACTION_NONE };
static const enum action read_legend[] = { ACTION_HELP,   ACTION_BACK,    ACTION_SELECT,
	                                   ACTION_LOOKUP, ACTION_REFRESH, ACTION_NONE };

static const char *const registers[] = { "", "P", "L", "T", NULL };

static enum date_format date_format_of(struct app *app)
{
	struct field_context ctx;

	app_field_context(app, &ctx);
	return ctx.date_format;
}

static struct reaction on_rows(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct orders_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	db_result_free(&st->rows);
	st->rows = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	listing_fit(&st->list, PQntuples(st->rows), st->list.visible);
	app_dirty(app);
	return react_done();
}

/* A date filter as ISO, "" when empty; false (with a message) when it does not parse. */
static bool filter_day(struct app *app, const struct orders_state *st, int f, char *iso)
{
	struct field_context ctx;
	struct date day;
	const char *reason = NULL;

	iso[0] = '\0';
	if (st->filter[f].text[0] == '\0')
		return true;
	app_field_context(app, &ctx);
	if (!date_parse(st->filter[f].text, ctx.date_format, &day, &reason)) {
		char text[160];

		snprintf(text, sizeof text, "%s: %s", filter_labels[f], reason);
		app_message(app, text);
		return false;
	}
	date_to_iso(day, iso, DATE_TEXT_SIZE);
	return true;
}

static void load(struct app *app, struct orders_state *st)
{
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], person[24] = "";
	char *text;
	const char *status = st->filter[F_STATUS].text;

	if (!filter_day(app, st, F_FROM, from) || !filter_day(app, st, F_TO, to))
		return;
	if (st->person_id != 0)
		snprintf(person, sizeof person, "%ld", st->person_id);
	text = person_like_escape(st->filter[F_TEXT].text);
	{
		const char *params[] = { status[0] != '\0' ? status : "all",
			                 st->filter[F_KIND].text,
			                 st->filter[F_REGISTER].text,
			                 from,
			                 to,
			                 text,
			                 person };

		app_query_latest_n(app, st, st, order_journal_sql, ORDER_J_COLUMNS, 7, params, on_rows);
	}
	free(text);
}

static void *orders_open(struct app *app, void *arg)
{
	struct orders_state *st = xcalloc(1, sizeof *st);
	struct order_journal_request *request = arg;

	for (int f = 0; f < F_COUNT; f++)
		editline_init(&st->filter[f], 64);
	editline_set(&st->filter[F_STATUS], "all");
	st->read_only = app_read_only(app);
	if (request != NULL) {
		st->person_id = request->person_id;
		st->person = request->person;
		free(request);
	}
	load(app, st);
	return st;
}

static void orders_close(struct app *app, void *data)
{
	struct orders_state *st = data;

	(void)app;
	for (int f = 0; f < F_COUNT; f++)
		editline_free(&st->filter[f]);
	db_result_free(&st->rows);
	free(st->pick_items);
	free(st->person);
	free(st);
}

static void orders_resume(struct app *app, void *data)
{
	load(app, data);
}

/* The employees column: the one employee's full name, or for a list order
 * the first one's surname and initials and how many more ("Akhmetov N. N.
 * +2"), so a three-person order never looks like a one-person one. */
static void employees(const PGresult *rows, int r, char *out, size_t size)
{
	int count = atoi(PQgetvalue(rows, r, ORDER_J_EMPLOYEES));
	const char *name = PQgetvalue(rows, r, ORDER_J_FIRST);
	size_t len = 0, word = strcspn(name, " ");

	if (count <= 1) {
		snprintf(out, size, "%s", name);
		return;
	}
	len = (size_t)snprintf(out, size, "%.*s", (int)word, name);
	for (const char *p = name + word; *p != '\0' && len + 8 < size;) {
		unsigned char lead;
		size_t bytes = 1;

		p += strspn(p, " ");
		if (*p == '\0')
			break;
		/* The initial is the word's first character, however many bytes. */
		lead = (unsigned char)*p;
		bytes = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
		len += (size_t)snprintf(out + len, size - len, " %.*s.", (int)bytes, p);
		p += strcspn(p, " ");
	}
	if (len < size)
		snprintf(out + len, size - len, " +%d", count - 1);
}

static void draw_filters(struct orders_state *st, int row, int col, int cols)
{
	int at = col, cursor_row = -1, cursor_col = -1;

	for (int f = 0; f < F_COUNT; f++) {
		int label = text_width(filter_labels[f]) + 1, width = filter_widths[f];
		const char *text = st->filter[f].text;
		int r = row + (f >= F_REGISTER ? 1 : 0);

		if (f == F_REGISTER)
			at = col;
		tui_put(r, at, label, TUI_LABEL, true, filter_labels[f]);
		at += label;
		if (f == F_TEXT)
			width = cols - (at - col) - 44 > width ? cols - (at - col) - 44 : width;
		if (f == F_KIND && text[0] != '\0')
			text = order_kind_label(text);
		else if ((f == F_KIND || f == F_REGISTER) && text[0] == '\0')
			text = f == st->focus ? "" : "any";
		tui_put(r, at, width, TUI_INPUT, true, text);
		if (f == st->focus) {
			int c = editline_cursor_column(&st->filter[f]);

			cursor_row = r;
			cursor_col = at + (c < width ? c : width - 1);
		}
		at += width + 2;
	}
	if (!st->pick.open)
		tui_cursor(cursor_row, cursor_col);
}

static void orders_draw(struct app *app, void *data, struct rect body)
{
	struct orders_state *st = data;
	static const struct table_column columns[] = {
		{ "Date", 10, 0 },  { "Number", 10, 1 },    { "Kind", 14, 1 },
		{ "Status", 9, 0 }, { "Employees", 18, 4 },
	};
	int widths[5], shown, list_row = body.row + 4, visible = body.rows - 4;
	int count = st->rows ? PQntuples(st->rows) : 0;
	char heading[200];

	if (st->person != NULL)
		snprintf(heading, sizeof heading, "Orders of %s", st->person);
	else
		snprintf(heading, sizeof heading, "Order journal: %d order%s", count,
		         count == 1 ? "" : "s");
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, heading);
	draw_filters(st, body.row + 1, body.col + 1, body.cols - 2);
	shown = table_layout(columns, 5, body.cols - 2, widths);
	{
		int at = body.col + 1;

		for (int c = 0; c < shown; c++) {
			tui_put(list_row - 1, at, widths[c], TUI_LABEL, true, columns[c].title);
			at += widths[c] + 1;
		}
	}
	listing_fit(&st->list, count, visible);
	for (int i = 0; i < visible && st->list.top + i < count; i++) {
		int r = st->list.top + i, at = body.col + 1;
		bool here = r == st->list.selected;
		enum tui_attr attr = here ? TUI_SELECTED : TUI_NORMAL;
		char date[DATE_TEXT_SIZE] = "", who[240];
		const char *number = PQgetvalue(st->rows, r, ORDER_J_NUMBER);
		const char *cell[5];
		struct date day;

		if (date_parse(PQgetvalue(st->rows, r, ORDER_J_DATE), DATE_FORMAT_ISO, &day, NULL))
			date_format(day, date_format_of(app), date, sizeof date);
		employees(st->rows, r, who, sizeof who);
		cell[0] = date;
		cell[1] = number[0] != '\0' ? number : "(draft)";
		cell[2] = order_kind_label(PQgetvalue(st->rows, r, ORDER_J_KIND));
		cell[3] = PQgetvalue(st->rows, r, ORDER_J_STATUS);
		cell[4] = who;
		if (here)
			tui_fill(list_row + i, body.col, body.cols, TUI_SELECTED);
		for (int c = 0; c < shown; c++) {
			tui_put(list_row + i, at, widths[c], attr, true, cell[c]);
			at += widths[c] + 1;
		}
	}
	if (count == 0 && st->rows != NULL)
		tui_put(list_row, body.col + 2, body.cols - 4, TUI_DIM, false,
		        "No order matches.  Insert keys a new one.");
	if (st->pick.open)
		picklist_draw(&st->pick, body.row + 3, body.col + 4);
}

static struct reaction open_selected(struct app *app, struct orders_state *st)
{
	int r = st->list.selected;
	struct order_form_request *form;
	struct order_view_request *view;

	if (st->rows == NULL || r < 0 || r >= PQntuples(st->rows))
		return react_done();
	if (strcmp(PQgetvalue(st->rows, r, ORDER_J_STATUS), "draft") == 0 && !app_read_only(app) &&
	    strcmp(PQgetvalue(st->rows, r, ORDER_J_KIND), "cancel") != 0) {
		form = xcalloc(1, sizeof *form);
		form->order_id = atol(PQgetvalue(st->rows, r, ORDER_J_ID));
		return react_open(&order_form_screen, form);
	}
	view = xcalloc(1, sizeof *view);
	view->order_id = atol(PQgetvalue(st->rows, r, ORDER_J_ID));
	return react_open(&order_view_screen, view);
}

static void open_pick(struct orders_state *st, int which)
{
	int n = 0, selected = 0;

	free(st->pick_items);
	st->pick_items = xcalloc((size_t)order_kind_count() + 2, sizeof *st->pick_items);
	if (which == F_STATUS) {
		for (; order_statuses[n] != NULL; n++)
			st->pick_items[n] = order_statuses[n];
	} else if (which == F_REGISTER) {
		st->pick_items[n++] = "any";
		for (int i = 1; registers[i] != NULL; i++)
			st->pick_items[n++] = registers[i];
	} else {
		if (which == F_KIND)
			st->pick_items[n++] = "Any kind";
		for (int i = 0; i < order_kind_count(); i++)
			st->pick_items[n++] = order_kind_at(i)->label;
		if (which == F_KIND)
			st->pick_items[n++] = "Cancellation";
	}
	st->pick_for = which;
	picklist_open(&st->pick, st->pick_items, n, selected);
}

static struct reaction picked(struct app *app, struct orders_state *st)
{
	int i = st->pick.selected;

	if (st->pick_for == -1) {
		struct order_form_request *request = xcalloc(1, sizeof *request);

		request->kind = order_kind_at(i)->code;
		return react_open(&order_form_screen, request);
	}
	if (st->pick_for == F_STATUS)
		editline_set(&st->filter[F_STATUS], order_statuses[i]);
	else if (st->pick_for == F_REGISTER)
		editline_set(&st->filter[F_REGISTER], registers[i]);
	else if (i == 0)
		editline_set(&st->filter[F_KIND], "");
	else if (i <= order_kind_count())
		editline_set(&st->filter[F_KIND], order_kind_at(i - 1)->code);
	else
		editline_set(&st->filter[F_KIND], "cancel");
	load(app, st);
	return react_done();
}

static struct reaction orders_key(struct app *app, void *data, int key)
{
	struct orders_state *st = data;
	struct editline *line = &st->filter[st->focus];
	bool changed;

	if (st->pick.open) {
		if (picklist_key(&st->pick, key) == PICKLIST_CHOSEN)
			return picked(app, st);
		return react_done();
	}
	/* No number, name or date holds ':': it opens the jump prompt here. */
	if (key == ':')
		return react_pass();
	/* Status, kind and register come from their lists (F4). */
	if (st->focus == F_STATUS || st->focus == F_KIND || st->focus == F_REGISTER) {
		if (key >= ' ' && key < 0x7f) {
			open_pick(st, st->focus);
			picklist_key(&st->pick, key);
			return react_done();
		}
		return react_pass();
	}
	/* The filter's editing keys; Home and End stay the list's. */
	if (key == KEY_CODE_HOME || key == KEY_CODE_END)
		return react_pass();
	switch (editline_key(line, key)) {
	case EDITLINE_PASS:
		return react_pass();
	case EDITLINE_CHANGED:
		changed = true;
		break;
	default:
		changed = false;
		break;
	}
	if (changed)
		load(app, st);
	return react_done();
}

static struct reaction orders_action(struct app *app, void *data, enum action action)
{
	struct orders_state *st = data;
	int count = st->rows ? PQntuples(st->rows) : 0;

	if (action != ACTION_DELETE)
		st->delete_armed = false;
	if (listing_move(&st->list, action, count))
		return react_done();
	switch (action) {
	case ACTION_NEXT_FIELD:
		st->focus = (st->focus + 1) % F_COUNT;
		return react_done();
	case ACTION_PREV_FIELD:
		st->focus = (st->focus + F_COUNT - 1) % F_COUNT;
		return react_done();
	case ACTION_SELECT:
		return open_selected(app, st);
	case ACTION_NEW:
		if (app_read_only(app)) {
			app_message(app, "This login reads orders; clerks and heads key them.");
			return react_done();
		}
		open_pick(st, -1);
		return react_done();
	case ACTION_LOOKUP:
		if (st->focus == F_STATUS || st->focus == F_KIND || st->focus == F_REGISTER)
			open_pick(st, st->focus);
		else
			app_message(app, "Status, kind and register have lists (F4 on them).");
		return react_done();
	case ACTION_REFRESH:
		load(app, st);
		return react_done();
	case ACTION_SETTINGS:
		return react_open(&order_settings_screen, NULL);
	default:
		return react_pass();
	}
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	struct order_journal_request *request = arg;

	free(request->person);
	free(request);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SELECT, ACTION_NEW, ACTION_DELETE, ACTION_LOOKUP, ACTION_NEXT_FIELD,
	ACTION_PREV_FIELD, ACTION_SETTINGS, ACTION_REFRESH, ACTION_NONE };

static const enum action *orders_legend(void *data)
{
	return ((struct orders_state *)data)->read_only ? read_legend : legend;
}

const struct screen_ops orders_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "orders",
	.title = "Personnel orders",
	.jumpable = true,
	/* People are shown: the agency (statistics only) and auditors (the
	 * audit trail) have no use for them. */
	.logins = "clerk head ministry",
	.legend = legend,
	.legend_now = orders_legend,
	.open = orders_open,
	.draw = orders_draw,
	.handle_action = orders_action,
	.handle_key = orders_key,
	.close = orders_close,
	.resume = orders_resume,
};
