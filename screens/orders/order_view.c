/*
 * order_view.c - one order: for a draft, every problem that stops it from
 * being signed and exactly what signing will write (computed by the
 * database, which applies the order and rolls it back); for a signed one,
 * what it wrote and the text as signed.  A head signs here (F2, twice);
 * a signed order is printed (text and PDF) or cancelled by a new order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "order.h"
#include "order_screens.h"
#include "print.h"
#include "tui.h"
#include "uuid.h"
#include "width.h"
#include "xalloc.h"

enum armed { ARMED_NONE, ARMED_SIGN, ARMED_ANNUL };

struct order_view_state {
	long order_id;
	bool from_form;
	PGresult *order, *problems, *effects, *text;
	int errors;        /* problems that stop signing */
	int unwritable;    /* effects signing could not write (a rule of the tables) */
	bool show_text; /* the order's text instead of its effects */
	int nlines;     /* display lines at the last draw */
	int visible;    /* rows of the window at the last draw */
	int top;        /* first line shown */
	enum armed armed;
	bool busy;
};

static const enum action draft_legend[] = { ACTION_HELP,  ACTION_BACK,   ACTION_SIGN,
	                                    ACTION_PRINT, ACTION_SWITCH, ACTION_REFRESH,
	                                    ACTION_NONE };
static const enum action signed_legend[] = { ACTION_HELP,  ACTION_BACK,   ACTION_PRINT,
	                                     ACTION_ANNUL, ACTION_SWITCH, ACTION_REFRESH,
	                                     ACTION_NONE };

static const char *order_value(const struct order_view_state *st, int column)
{
	return st->order != NULL && PQntuples(st->order) == 1 ? PQgetvalue(st->order, 0, column)
	                                                      : "";
}

static bool is_draft(const struct order_view_state *st)
{
	return strcmp(order_value(st, ORDER_L_STATUS), "draft") == 0;
}

static void keep(PGresult **slot, const PGresult *result)
{
	db_result_free(slot);
	*slot = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
}

static struct reaction on_problems(struct app *app, void *owner, const PGresult *result,
                                   enum status status)
{
	struct order_view_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	keep(&st->problems, result);
	st->errors = 0;
	for (int r = 0; r < PQntuples(result); r++)
		if (strcmp(PQgetvalue(result, r, ORDER_P_SEVERITY), "error") == 0)
			st->errors++;
	app_dirty(app);
	return react_done();
}

static struct reaction on_effects(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct order_view_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	keep(&st->effects, result);
	st->unwritable = 0;
	for (int r = 0; r < PQntuples(result); r++)
		if (strcmp(PQgetvalue(result, r, ORDER_E_ACTION), "error") == 0)
			st->unwritable++;
	app_dirty(app);
	return react_done();
}

static struct reaction on_text(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct order_view_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	keep(&st->text, result);
	app_dirty(app);
	return react_done();
}

static struct reaction on_order(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct order_view_state *st = owner;
	char id[24];
	const char *params[] = { id };

	if (result == NULL || PQntuples(result) != 1) {
		if (result == NULL)
			app_error_db(app, status);
		else
			app_message(app, "The order is no longer there.");
		return react_done();
	}
	keep(&st->order, result);
	snprintf(id, sizeof id, "%ld", st->order_id);
	db_result_free(&st->problems);
	db_result_free(&st->effects);
	st->errors = st->unwritable = 0;
	if (!is_draft(st)) {
		db_result_free(&st->text);
		app_query_n(app, st, order_effects_sql, ORDER_E_COLUMNS, 1, params, on_effects);
	} else if (!app_read_only(app)) {
		/* Checking and previewing are the organisation's own work. */
		app_query_n(app, st, order_problems_sql, ORDER_P_COLUMNS, 1, params, on_problems);
		app_query_n(app, st, order_render_sql, ORDER_R_COLUMNS, 1, params, on_text);
		app_query_n(app, st, order_preview_sql, ORDER_E_COLUMNS, 1, params, on_effects);
	}
	app_dirty(app);
	return react_done();
}

static void load(struct app *app, struct order_view_state *st)
{
	char id[24];
	const char *params[] = { id };

	snprintf(id, sizeof id, "%ld", st->order_id);
	app_query_n(app, st, order_load_sql, ORDER_L_COLUMNS, 1, params, on_order);
}

static void *order_view_open(struct app *app, void *arg)
{
	struct order_view_state *st = xcalloc(1, sizeof *st);
	struct order_view_request *request = arg;

	st->order_id = request->order_id;
	st->from_form = request->from_form;
	free(request);
	load(app, st);
	return st;
}

static void order_view_close(struct app *app, void *data)
{
	struct order_view_state *st = data;

	(void)app;
	db_result_free(&st->order);
	db_result_free(&st->problems);
	db_result_free(&st->effects);
	db_result_free(&st->text);
	free(st);
}

/* ---- what is shown ---------------------------------------------------------------- */

struct lines {
	char **text;
	enum tui_attr *attr;
	int count, size;
};

/* Adds `text` wrapped to `width` columns, continuation lines indented by `indent`. */
static void add(struct lines *out, int width, enum tui_attr attr, int indent, const char *text)
{
	size_t next = 0, at = 0;
	bool first = true;

	do {
		int room = first ? width : width - indent;
		size_t len = text_wrap(text + at, room > 10 ? room : 10, &next);

		if (out->count == out->size) {
			out->size = out->size ? out->size * 2 : 64;
			out->text = xrealloc(out->text, (size_t)out->size * sizeof *out->text);
			out->attr = xrealloc(out->attr, (size_t)out->size * sizeof *out->attr);
		}
		out->text[out->count] =
		        xasprintf("%*s%.*s", first ? 0 : indent, "", (int)len, text + at);
		out->attr[out->count++] = attr;
		if (next == 0)
			break;
		at += next;
		first = false;
	} while (text[at] != '\0');
}

static void free_lines(struct lines *out)
{
	for (int i = 0; i < out->count; i++)
		free(out->text[i]);
	free(out->text);
	free(out->attr);
}

static void build(struct app *app, const struct order_view_state *st, int width, struct lines *out)
{
	const char *text = "";
	char line[600];
	const char *status = order_value(st, ORDER_L_STATUS);

	if (st->order == NULL) {
		add(out, width, TUI_DIM, 0, "Reading the order ...");
		return;
	}
	if (is_draft(st))
		snprintf(line, sizeof line, "%s order, draft, register %s, keyed by %s",
		         order_kind_label(order_value(st, ORDER_L_KIND)), order_value(st, ORDER_L_REGISTER),
		         order_value(st, ORDER_L_AUTHORS));
	else
		snprintf(line, sizeof line, "%s order No. %s, %s by %s on %s%s%s",
		         order_kind_label(order_value(st, ORDER_L_KIND)), order_value(st, ORDER_L_NUMBER),
		         "signed", order_value(st, ORDER_L_SIGNED_BY), order_value(st, ORDER_L_SIGNED_AT),
		         strcmp(status, "cancelled") == 0 ? "; cancelled by order No. " : "",
		         strcmp(status, "cancelled") == 0 ? order_value(st, ORDER_L_CANCELLED_BY) : "");
	add(out, width, TUI_HEADING, 0, line);
	if (order_value(st, ORDER_L_CANCELS)[0] != '\0') {
		snprintf(line, sizeof line, "Cancels order No. %s and restores what it changed.",
		         order_value(st, ORDER_L_CANCELS));
		add(out, width, TUI_NORMAL, 0, line);
	}
	if (st->show_text) {
		add(out, width, TUI_DIM, 0,
		    is_draft(st) ? "The text as it will be signed (F7: what signing does):"
		                 : "The text as signed (F7: what it did):");
		add(out, width, TUI_NORMAL, 0, "");
		text = is_draft(st)
		               ? (st->text && PQntuples(st->text) == 1 ? PQgetvalue(st->text, 0, ORDER_R_TEXT)
		                                                       : "")
		               : order_value(st, ORDER_L_TEXT);
		for (const char *p = text; *p != '\0';) {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char *one = xasprintf("%.*s", (int)len, p);

			add(out, width, TUI_VALUE, 4, one);
			free(one);
			p += len + (end ? 1 : 0);
		}
		return;
	}
	if (is_draft(st)) {
		add(out, width, TUI_NORMAL, 0, "");
		/* All clear only when neither a rule nor what signing must write
		 * stops it (the tables' own rules show in what signing will do). */
		if (st->problems == NULL || st->effects == NULL)
			add(out, width, TUI_DIM, 0, "Checking the rules ...");
		else if (PQntuples(st->problems) == 0 && st->unwritable == 0)
			add(out, width, TUI_NORMAL, 0, "Checked: no rule stops this order.");
		else if (PQntuples(st->problems) == 0)
			add(out, width, TUI_ERROR, 0,
			    "! Not signable: signing cannot write what is marked below.");
		else
			add(out, width, TUI_HEADING, 0,
			    st->errors > 0 || st->unwritable > 0 ? "Problems that stop signing:"
			                                         : "Checked, with warnings:");
		for (int r = 0; st->problems != NULL && r < PQntuples(st->problems); r++) {
			bool error = strcmp(PQgetvalue(st->problems, r, ORDER_P_SEVERITY), "error") == 0;

			if (PQgetvalue(st->problems, r, ORDER_P_LINE_NO)[0] != '\0')
				snprintf(line, sizeof line, "%s line %s, %s: %s", error ? "!" : "~",
				         PQgetvalue(st->problems, r, ORDER_P_LINE_NO),
				         PQgetvalue(st->problems, r, ORDER_P_PERSON),
				         PQgetvalue(st->problems, r, ORDER_P_PROBLEM));
			else
				snprintf(line, sizeof line, "%s %s", error ? "!" : "~",
				         PQgetvalue(st->problems, r, ORDER_P_PROBLEM));
			add(out, width, error ? TUI_ERROR : TUI_NORMAL, 4, line);
		}
	}
	add(out, width, TUI_NORMAL, 0, "");
	add(out, width, TUI_HEADING, 0,
	    is_draft(st) ? "What signing will do:" : "What the order did:");
	if (st->effects == NULL)
		add(out, width, TUI_DIM, 2, "  ...");
	for (int r = 0; st->effects != NULL && r < PQntuples(st->effects); r++) {
		bool error = strcmp(PQgetvalue(st->effects, r, ORDER_E_ACTION), "error") == 0;

		snprintf(line, sizeof line, "%3d. %s%s", r + 1, error ? "cannot be written: " : "",
		         PQgetvalue(st->effects, r, ORDER_E_DESCRIPTION));
		add(out, width, error ? TUI_ERROR : TUI_NORMAL, 5, line);
	}
	if (order_value(st, ORDER_L_BASIS)[0] != '\0') {
		snprintf(line, sizeof line, "Basis: %s", order_value(st, ORDER_L_BASIS));
		add(out, width, TUI_NORMAL, 0, "");
		add(out, width, TUI_NORMAL, 0, line);
	}
	(void)app;
}

static void order_view_draw(struct app *app, void *data, struct rect body)
{
	struct order_view_state *st = data;
	struct lines out = { 0 };

	build(app, st, body.cols - 2, &out);
	st->nlines = out.count;
	st->visible = body.rows;
	/* A read-only text: the window scrolls, no line is selected. */
	if (st->top > out.count - body.rows)
		st->top = out.count - body.rows;
	if (st->top < 0)
		st->top = 0;
	for (int i = 0; i < body.rows && st->top + i < out.count; i++) {
		char more[80];

		/* The last row says what is below instead of showing part of it. */
		if (i == body.rows - 1 && st->top + body.rows < out.count) {
			snprintf(more, sizeof more, "... %d more line%s (PgDn)",
			         out.count - st->top - i, out.count - st->top - i == 1 ? "" : "s");
			tui_put(body.row + i, body.col + 1, body.cols - 2, TUI_DIM, false, more);
			break;
		}
		tui_put(body.row + i, body.col + 1, body.cols - 2, out.attr[st->top + i], false,
		        out.text[st->top + i]);
	}
	tui_cursor(-1, -1);
	free_lines(&out);
}

/* ---- signing, printing, cancelling --------------------------------------------------------- */

static struct reaction on_signed(struct app *app, void *owner, const PGresult *result,
                                 enum status status)
{
	struct order_view_state *st = owner;
	char text[200];

	st->busy = false;
	if (result == NULL || PQntuples(result) != 1) {
		app_error_db(app, result == NULL ? status : STATUS_DB_ERROR);
		load(app, st);
		return react_done();
	}
	snprintf(text, sizeof text, "%s: order No. %s of %s.",
	         strcmp(PQgetvalue(result, 0, ORDER_S_ALREADY), "t") == 0 ? "It was already signed"
	                                                                   : "Signed",
	         PQgetvalue(result, 0, ORDER_S_NUMBER), PQgetvalue(result, 0, ORDER_S_SIGNED_AT));
	app_message(app, text);
	load(app, st);
	return react_done();
}

static void sign(struct app *app, struct order_view_state *st)
{
	const struct identity *me = app_identity(app);
	char id[24];
	const char *params[] = { id, order_value(st, ORDER_L_VERSION) };

	if (!is_draft(st)) {
		app_message(app, "This order is signed already.");
		return;
	}
	if (me->kind == NULL || strcmp(me->kind, "head") != 0) {
		app_message(app, "Only the head of HR signs orders; show it to the head.");
		return;
	}
	if (st->problems == NULL || st->effects == NULL) {
		app_message(app, "The rules are still being checked; a moment.");
		return;
	}
	if (st->errors > 0 || st->unwritable > 0) {
		app_message(app, "The problems listed stop signing; correct the order first (F3).");
		return;
	}
	if (st->armed != ARMED_SIGN) {
		char text[200];

		st->armed = ARMED_SIGN;
		snprintf(text, sizeof text,
		         "Sign this order as %s?  F2 again signs it; any other key stops.",
		         me->login);
		app_message(app, text);
		return;
	}
	st->armed = ARMED_NONE;
	snprintf(id, sizeof id, "%ld", st->order_id);
	st->busy = true;
	app_query_n(app, st, order_sign_sql, ORDER_S_COLUMNS, 2, params, on_signed);
}

/* The print directory: the setting, or ~/hrmis-print; made when missing. */
static bool print_directory(struct app *app, char *dir, size_t size)
{
	const char *set = app_setting_text(app, SETTING_PRINT_DIRECTORY);
	const char *home = getenv("HOME");

	if (set != NULL && set[0] != '\0')
		snprintf(dir, size, "%s", set);
	else
		snprintf(dir, size, "%s/hrmis-print", home != NULL ? home : ".");
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		char text[600];

		snprintf(text, sizeof text, "Cannot make the print directory %s: %s", dir,
		         strerror(errno));
		app_message(app, text);
		return false;
	}
	return true;
}

static void print(struct app *app, struct order_view_state *st)
{
	char dir[400], stem[80], err[600], text_path[520], pdf_path[520], done[1200];
	const char *text =
	        is_draft(st)
	                ? (st->text && PQntuples(st->text) == 1 ? PQgetvalue(st->text, 0, ORDER_R_TEXT) : NULL)
	                : order_value(st, ORDER_L_TEXT);

	if (text == NULL || text[0] == '\0') {
		app_message(app, "The text of the order is still being read; a moment.");
		return;
	}
	if (!print_directory(app, dir, sizeof dir))
		return;
	order_file_stem(order_value(st, ORDER_L_NUMBER), st->order_id, stem, sizeof stem);
	snprintf(text_path, sizeof text_path, "%s/%s.txt", dir, stem);
	snprintf(pdf_path, sizeof pdf_path, "%s/%s.pdf", dir, stem);
	/* A cancelled order prints as signed, with the cancellation under it. */
	char *printed = strcmp(order_value(st, ORDER_L_STATUS), "cancelled") == 0
	                        ? xasprintf("%s\n\nCANCELLED by order No. %s.", text,
	                                    order_value(st, ORDER_L_CANCELLED_BY))
	                        : xstrdup(text);
	if (print_text_file(text_path, printed, err, sizeof err) != 0 ||
	    print_pdf(pdf_path, NULL, printed, err, sizeof err) != 0) {
		free(printed);
		app_message(app, err);
		return;
	}
	free(printed);
	snprintf(done, sizeof done, "%s: %s and .pdf",
	         is_draft(st) ? "Draft printed (unsigned)" : "Printed", text_path);
	app_message(app, done);
}

static struct reaction on_annul(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct order_view_state *st = owner;
	struct order_view_request *request;

	st->busy = false;
	if (result == NULL || PQntuples(result) != 1) {
		app_error_db(app, result == NULL ? status : STATUS_DB_ERROR);
		return react_done();
	}
	request = xcalloc(1, sizeof *request);
	request->order_id = atol(PQgetvalue(result, 0, ORDER_C_ID));
	app_message(app, "A cancelling order is drafted: check it here; the head signs it (F2).");
	return react_replace(&order_view_screen, request);
}

static void annul(struct app *app, struct order_view_state *st)
{
	char id[24], request[UUID_TEXT_SIZE];
	const char *params[] = { id, request };

	if (app_read_only(app) || strcmp(order_value(st, ORDER_L_STATUS), "signed") != 0 ||
	    strcmp(order_value(st, ORDER_L_KIND), "cancel") == 0) {
		app_message(app, "Only a signed order is cancelled, by a clerk or head of its "
		                 "organisation.");
		return;
	}
	if (st->armed != ARMED_ANNUL) {
		st->armed = ARMED_ANNUL;
		app_message(app, "Draft an order cancelling this one?  Delete again drafts it; any "
		                 "other key stops.");
		return;
	}
	st->armed = ARMED_NONE;
	if (!uuid_v4(request)) {
		app_message(app, "No random numbers for the request id; try again.");
		return;
	}
	snprintf(id, sizeof id, "%ld", st->order_id);
	st->busy = true;
	app_query_n(app, st, order_cancel_sql, ORDER_C_COLUMNS, 2, params, on_annul);
}

static struct reaction order_view_action(struct app *app, void *data, enum action action)
{
	struct order_view_state *st = data;
	enum armed was = st->armed;

	st->armed = ARMED_NONE;
	switch (action) {
	case ACTION_UP:
	case ACTION_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_FIRST:
	case ACTION_LAST: {
		int page = st->visible > 1 ? st->visible - 1 : 1;

		st->top += action == ACTION_UP          ? -1
		           : action == ACTION_DOWN      ? 1
		           : action == ACTION_PAGE_UP   ? -page
		           : action == ACTION_PAGE_DOWN ? page
		           : action == ACTION_FIRST     ? -st->nlines
		                                        : st->nlines;
		return react_done(); /* kept inside the text when drawn */
	}
	default:
		break;
	}
	switch (action) {
	case ACTION_SIGN:
		st->armed = was;
		if (!st->busy)
			sign(app, st);
		return react_done();
	case ACTION_ANNUL:
		st->armed = was;
		if (!st->busy)
			annul(app, st);
		return react_done();
	case ACTION_PRINT:
		print(app, st);
		return react_done();
	case ACTION_SWITCH:
		st->show_text = !st->show_text;
		st->top = 0;
		if (st->show_text && !is_draft(st) && order_value(st, ORDER_L_TEXT)[0] == '\0')
			app_message(app, "No text is stored for this order.");
		return react_done();
	case ACTION_REFRESH:
		load(app, st);
		return react_done();
	case ACTION_SELECT:
		/* Back to the form it was checked from, to correct it. */
		if (st->from_form && is_draft(st))
			return react_close();
		return react_done();
	default:
		return react_pass();
	}
}

static struct reaction order_view_key(struct app *app, void *data, int key)
{
	struct order_view_state *st = data;

	/* A key that is not one of the screen's disarms a pending sign or cancel. */
	if (keymap_lookup(app_keymap(app), "order_view", key) == ACTION_NONE &&
	    keymap_lookup(app_keymap(app), "global", key) == ACTION_NONE)
		st->armed = ARMED_NONE;
	return react_pass();
}

static const enum action *order_view_legend(void *data)
{
	return is_draft(data) ? draft_legend : signed_legend;
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	free(arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SIGN, ACTION_PRINT, ACTION_ANNUL, ACTION_SWITCH, ACTION_SELECT,
	ACTION_REFRESH, ACTION_NONE };

const struct screen_ops order_view_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "order_view",
	.title = "Order",
	.legend = draft_legend,
	.open = order_view_open,
	.draw = order_view_draw,
	.handle_action = order_view_action,
	.handle_key = order_view_key,
	.close = order_view_close,
	.legend_now = order_view_legend,
	.resume = NULL,
};
