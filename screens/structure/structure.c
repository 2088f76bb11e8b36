/*
 * structure.c - the tree of the organisations a login sees and, inside
 * one, the tree of its departments, as they stood on any date: expand,
 * collapse, search, and the way to the staffing table and to
 * reorganising a department.  A ministry sees its subtree read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "editline.h"
#include "listing.h"
#include "structure.h"
#include "structure_screens.h"
#include "table.h"
#include "tree.h"
#include "tui.h"
#include "xalloc.h"

struct structure_state {
	struct structure_request request; /* org_id 0: the organisations' tree */
	struct date as_of;
	struct tree tree;
	bool loaded;
	struct listing list;
	/* Department code per node, for the reorganisation form. */
	char **codes;
	int ncodes;
	enum { PROMPT_NONE, PROMPT_SEARCH, PROMPT_AS_OF } prompt;
	struct editline prompt_line;
	char *last_search;
	bool read_only; /* the login changes nothing: no reorganisation offered */
	bool totals;    /* the agency: totals only, no staffing table offered */
};

static const enum action org_legend[] = { ACTION_HELP,   ACTION_BACK,     ACTION_SELECT,
	                                  ACTION_SEARCH, ACTION_STAFFING, ACTION_AS_OF,
	                                  ACTION_NONE };
static const enum action department_legend[] = { ACTION_HELP,     ACTION_BACK,       ACTION_SEARCH,
	                                         ACTION_STAFFING, ACTION_REORGANISE, ACTION_AS_OF,
	                                         ACTION_NONE };
/* What a reading login is offered; the agency has no staffing table. */
static const enum action org_read_legend[] = { ACTION_HELP, ACTION_BACK, ACTION_SELECT,
	                                       ACTION_SEARCH, ACTION_AS_OF, ACTION_NONE };
static const enum action department_read_legend[] = { ACTION_HELP,     ACTION_BACK,
	                                              ACTION_SEARCH,   ACTION_STAFFING,
	                                              ACTION_AS_OF,    ACTION_NONE };
static const enum action department_totals_legend[] = { ACTION_HELP, ACTION_BACK, ACTION_SEARCH,
	                                                ACTION_AS_OF, ACTION_NONE };

static void codes_free(struct structure_state *st)
{
	for (int i = 0; i < st->ncodes; i++)
		free(st->codes[i]);
	free(st->codes);
	st->codes = NULL;
	st->ncodes = 0;
}

/* Keeps the line on the same unit when the tree is read again. */
static long selected_id(const struct structure_state *st)
{
	if (st->tree.visible_count == 0)
		return 0;
	return st->tree.nodes[st->tree.visible[st->list.selected]].id;
}

static void select_id(struct structure_state *st, long id)
{
	int index = tree_find(&st->tree, id);

	if (index < 0)
		return;
	tree_reveal(&st->tree, index);
	st->list.selected = tree_line_of(&st->tree, index);
}

/* Builds the tree from the answer of structure_tree_sql (`departments`)
 * or of structure_by_org_sql. */
static void build(struct app *app, struct structure_state *st, const PGresult *result,
                  bool departments)
{
	int id_col = departments ? TREE_DEPARTMENT_ID : BY_ORG_ID;
	int parent_col = departments ? TREE_PARENT_ID : BY_ORG_PARENT_ID;
	int n = PQntuples(result);
	long *ids = xcalloc((size_t)n + 1, sizeof *ids),
	     *parents = xcalloc((size_t)n + 1, sizeof *parents);
	char **labels = xcalloc((size_t)n + 1, sizeof *labels);
	char **details = xcalloc((size_t)n + 1, sizeof *details);
	long keep = selected_id(st);

	codes_free(st);
	st->codes = xcalloc((size_t)n + 1, sizeof *st->codes);
	st->ncodes = n;
	for (int r = 0; r < n; r++) {
		ids[r] = atol(PQgetvalue(result, r, id_col));
		parents[r] = PQgetisnull(result, r, parent_col)
		                     ? 0
		                     : atol(PQgetvalue(result, r, parent_col));
		if (departments) {
			labels[r] = xasprintf("%s  %s", PQgetvalue(result, r, TREE_CODE),
			                      PQgetvalue(result, r, TREE_NAME));
			details[r] = xasprintf("%5s pos %8s rates",
			                       PQgetvalue(result, r, TREE_POSITIONS),
			                       PQgetvalue(result, r, TREE_RATES));
			st->codes[r] = xstrdup(PQgetvalue(result, r, TREE_CODE));
		} else {
			labels[r] = xasprintf("%s  %s", PQgetvalue(result, r, BY_ORG_CODE),
			                      PQgetvalue(result, r, BY_ORG_NAME));
			details[r] = xasprintf("%9s %9s %9s", PQgetvalue(result, r, BY_ORG_RATES),
			                       PQgetvalue(result, r, BY_ORG_FILLED),
			                       PQgetvalue(result, r, BY_ORG_VACANT));
			st->codes[r] = xstrdup(PQgetvalue(result, r, BY_ORG_CODE));
		}
	}
	tree_free(&st->tree);
	if (!tree_build(&st->tree, ids, parents, (const char *const *)labels,
	                (const char *const *)details, n, 2))
		app_message(app, "The structure has a loop; tell your administrator.");
	for (int r = 0; r < n; r++) {
		free(labels[r]);
		free(details[r]);
	}
	free(ids);
	free(parents);
	free(labels);
	free(details);
	st->loaded = true;
	if (keep != 0)
		select_id(st, keep);
	listing_fit(&st->list, st->tree.visible_count, st->list.visible);
}

static struct reaction open_departments(struct structure_state *st, long org_id, const char *code,
                                        const char *name, bool replace);

/* The departments of one organisation (structure_tree_sql). */
static struct reaction on_departments(struct app *app, void *owner, const PGresult *result,
                                      enum status status)
{
	struct structure_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	build(app, st, result, true);
	app_dirty(app);
	return react_done();
}

/* The organisations the login sees (structure_by_org_sql). */
static struct reaction on_orgs(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	struct structure_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	if (PQntuples(result) == 1)
		/* One organisation: straight to its departments. */
		return open_departments(st, atol(PQgetvalue(result, 0, BY_ORG_ID)),
		                        PQgetvalue(result, 0, BY_ORG_CODE),
		                        PQgetvalue(result, 0, BY_ORG_NAME), true);
	build(app, st, result, false);
	app_dirty(app);
	return react_done();
}

static void load(struct app *app, struct structure_state *st)
{
	char org[24], day[DATE_TEXT_SIZE];
	const char *params[] = { org, date_to_iso(st->as_of, day, sizeof day) };

	if (st->request.org_id == 0) {
		app_query_n(app, st, st->totals ? structure_totals_sql : structure_by_org_sql,
		            BY_ORG_COLUMNS, 1, params + 1, on_orgs);
		return;
	}
	snprintf(org, sizeof org, "%ld", st->request.org_id);
	app_query_n(app, st, structure_tree_sql, TREE_COLUMNS, 2, params, on_departments);
}

static void *structure_open(struct app *app, void *arg)
{
	struct structure_state *st = xcalloc(1, sizeof *st);
	struct structure_request *request = arg;

	if (request != NULL) {
		st->request = *request;
		free(request);
	}
	st->read_only = app_read_only(app);
	st->totals = app_identity(app)->kind != NULL && strcmp(app_identity(app)->kind, "agency") == 0;
	if (st->request.as_of.year == 0)
		st->request.as_of = date_today();
	st->as_of = st->request.as_of;
	editline_init(&st->prompt_line, 60);
	load(app, st);
	return st;
}

static void structure_close(struct app *app, void *data)
{
	struct structure_state *st = data;

	(void)app;
	tree_free(&st->tree);
	codes_free(st);
	editline_free(&st->prompt_line);
	free(st->last_search);
	free(st);
}

static void structure_resume(struct app *app, void *data)
{
	load(app, data);
}

static struct reaction open_departments(struct structure_state *st, long org_id, const char *code,
                                        const char *name, bool replace)
{
	struct structure_request *request = xcalloc(1, sizeof *request);

	request->org_id = org_id;
	snprintf(request->org_code, sizeof request->org_code, "%s", code);
	snprintf(request->org_name, sizeof request->org_name, "%s", name);
	request->as_of = st->as_of;
	return replace ? react_replace(&structure_screen, request)
	               : react_open(&structure_screen, request);
}

/* ---- drawing ------------------------------------------------------------------ */

static void structure_draw(struct app *app, void *data, struct rect body)
{
	struct structure_state *st = data;
	struct field_context ctx;
	char line[400], day[DATE_TEXT_SIZE];
	int list_row = body.row + 2, detail_width = 30;

	app_field_context(app, &ctx);
	date_format(st->as_of, ctx.date_format, day, sizeof day);
	if (st->request.org_id == 0)
		snprintf(line, sizeof line, "Organisations as of %s", day);
	else
		snprintf(line, sizeof line, "%s  %s: departments as of %s%s", st->request.org_code,
		         st->request.org_name, day, app_read_only(app) ? " (read only)" : "");
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, line);
	tui_put(body.row + 1, body.col + 1, body.cols - detail_width - 2, TUI_LABEL, true,
	        st->request.org_id == 0 ? "Organisation" : "Department");
	tui_put(body.row + 1, body.col + body.cols - detail_width - 1, detail_width, TUI_LABEL,
	        false, st->request.org_id == 0 ? "    Rates    Filled    Vacant" : "");
	listing_fit(&st->list, st->tree.visible_count, body.rows - 3);
	tui_cursor(-1, -1);
	for (int i = 0; i < st->list.visible && st->list.top + i < st->tree.visible_count; i++) {
		int line_no = st->list.top + i;
		const struct tree_node *node = &st->tree.nodes[st->tree.visible[line_no]];
		bool here = line_no == st->list.selected;
		enum tui_attr attr = here ? TUI_SELECTED : TUI_NORMAL;
		char label[300];

		snprintf(label, sizeof label, "%*s%s %s", node->depth * 2, "",
		         !node->has_children ? " "
		         : node->expanded    ? "-"
		                             : "+",
		         node->label);
		if (here)
			tui_fill(list_row + i, body.col, body.cols, TUI_SELECTED);
		tui_put(list_row + i, body.col, 1, attr, false, here ? ">" : " ");
		tui_put(list_row + i, body.col + 1, body.cols - detail_width - 2, attr, false,
		        label);
		tui_put(list_row + i, body.col + body.cols - detail_width - 1, detail_width, attr,
		        false, node->detail);
		if (here)
			tui_cursor(list_row + i, body.col);
	}
	if (st->loaded && st->tree.visible_count == 0)
		tui_put(list_row, body.col + 2, body.cols - 4, TUI_DIM, false, "Nothing to show.");
	if (st->prompt != PROMPT_NONE) {
		const char *label = st->prompt == PROMPT_SEARCH ? "Find: " : "As of: ";

		tui_fill(body.row + body.rows - 1, body.col, body.cols, TUI_NORMAL);
		tui_put(body.row + body.rows - 1, body.col + 1, 8, TUI_LABEL, false, label);
		tui_put(body.row + body.rows - 1, body.col + 9, 40, TUI_INPUT, true,
		        st->prompt_line.text);
		tui_cursor(body.row + body.rows - 1,
		           body.col + 9 + editline_cursor_column(&st->prompt_line));
	}
}

/* ---- keys ---------------------------------------------------------------------- */

static void search(struct app *app, struct structure_state *st, const char *text)
{
	int found = tree_search(&st->tree, st->list.selected, text);

	if (found < 0) {
		app_message(app, "Not found.");
		return;
	}
	tree_reveal(&st->tree, found);
	st->list.selected = tree_line_of(&st->tree, found);
	app_clear_message(app);
}

static struct reaction prompt_key(struct app *app, struct structure_state *st, int key)
{
	struct field_context ctx;
	const char *reason = NULL;
	struct date date;

	if (key == KEY_CODE_ENTER) {
		if (st->prompt == PROMPT_SEARCH) {
			free(st->last_search);
			st->last_search = xstrdup(st->prompt_line.text);
			search(app, st, st->last_search);
		} else {
			app_field_context(app, &ctx);
			if (!date_parse(st->prompt_line.text, ctx.date_format, &date, &reason)) {
				app_message(app, reason);
				return react_done();
			}
			st->as_of = date;
			load(app, st);
		}
		st->prompt = PROMPT_NONE;
	} else if (key == KEY_CODE_ESC || key == KEY_CODE_F(3)) {
		st->prompt = PROMPT_NONE;
	} else {
		editline_key(&st->prompt_line, key);
	}
	return react_done();
}

static struct reaction structure_key(struct app *app, void *data, int key)
{
	struct structure_state *st = data;

	if (st->prompt != PROMPT_NONE)
		return prompt_key(app, st, key);
	return react_pass();
}

static int selected_node(const struct structure_state *st)
{
	return st->tree.visible_count > 0 ? st->tree.visible[st->list.selected] : -1;
}

static struct reaction open_staffing(struct app *app, struct structure_state *st)
{
	const char *kind = app_identity(app)->kind;
	struct structure_request *request;
	int node = selected_node(st);

	/* Position by position the table shows who fills what: the
	 * organisation's own and its ministry's, not the agency's. */
	if (kind != NULL && strcmp(kind, "agency") == 0) {
		app_message(app, "The agency sees each organisation's totals; its staffing table "
		                 "is its own.");
		return react_done();
	}
	request = xcalloc(1, sizeof *request);

	*request = st->request;
	request->as_of = st->as_of;
	if (st->request.org_id == 0) {
		if (node < 0) {
			free(request);
			return react_done();
		}
		/* The organisation on the line: "CODE  Name". */
		request->org_id = st->tree.nodes[node].id;
		snprintf(request->org_code, sizeof request->org_code, "%s", st->codes[node]);
		snprintf(request->org_name, sizeof request->org_name, "%s",
		         st->tree.nodes[node].label + strlen(st->codes[node]) + 2);
	} else if (node >= 0) {
		/* From a department: its part of the table (F4 the whole). */
		request->department_id = st->tree.nodes[node].id;
		snprintf(request->department, sizeof request->department, "%s",
		         st->tree.nodes[node].label);
	}
	return react_open(&staffing_screen, request);
}

static struct reaction reorganise(struct app *app, struct structure_state *st)
{
	int node = selected_node(st);
	struct reorg_request *request;

	if (st->request.org_id == 0 || node < 0) {
		app_message(app, "Choose a department of an organisation first.");
		return react_done();
	}
	if (app_read_only(app)) {
		app_error(app, STATUS_DB_PERMISSION, "this login reads the structure only");
		return react_done();
	}
	request = xcalloc(1, sizeof *request);
	request->department_id = st->tree.nodes[node].id;
	request->label = xstrdup(st->tree.nodes[node].label);
	request->as_of = st->as_of;
	request->ncodes = st->ncodes;
	request->codes = xcalloc((size_t)st->ncodes + 1, sizeof *request->codes);
	request->ids = xcalloc((size_t)st->ncodes + 1, sizeof *request->ids);
	for (int i = 0; i < st->ncodes; i++) {
		request->codes[i] = xstrdup(st->codes[i]);
		request->ids[i] = st->tree.nodes[i].id;
	}
	return react_open(&reorg_screen, request);
}

static struct reaction structure_action(struct app *app, void *data, enum action action)
{
	struct structure_state *st = data;
	struct field_context ctx;
	char day[DATE_TEXT_SIZE];
	int node = selected_node(st);

	if (listing_move(&st->list, action, st->tree.visible_count))
		return react_done();
	switch (action) {
	case ACTION_SELECT:
		if (node < 0)
			return react_done();
		if (st->request.org_id == 0)
			return open_departments(
			        st, st->tree.nodes[node].id, st->codes[node],
			        st->tree.nodes[node].label + strlen(st->codes[node]) + 2, false);
		tree_set_expanded(&st->tree, node, !st->tree.nodes[node].expanded);
		return react_done();
	case ACTION_EXPAND:
		tree_set_expanded(&st->tree, node, true);
		return react_done();
	case ACTION_COLLAPSE:
		if (node >= 0 && st->tree.nodes[node].expanded &&
		    st->tree.nodes[node].has_children) {
			tree_set_expanded(&st->tree, node, false);
		} else if (node >= 0) {
			int parent = tree_find(&st->tree, st->tree.nodes[node].parent);

			if (parent >= 0)
				st->list.selected = tree_line_of(&st->tree, parent);
		}
		return react_done();
	case ACTION_SEARCH:
		st->prompt = PROMPT_SEARCH;
		editline_set(&st->prompt_line, st->last_search ? st->last_search : "");
		return react_done();
	case ACTION_AS_OF:
		app_field_context(app, &ctx);
		editline_set(&st->prompt_line,
		             date_format(st->as_of, ctx.date_format, day, sizeof day));
		st->prompt = PROMPT_AS_OF;
		return react_done();
	case ACTION_REFRESH:
		load(app, st);
		return react_done();
	case ACTION_STAFFING:
		return open_staffing(app, st);
	case ACTION_REORGANISE:
		return reorganise(app, st);
	default:
		return react_pass();
	}
}

static const enum action *structure_legend(void *data)
{
	const struct structure_state *st = data;

	if (st->request.org_id == 0)
		return st->totals ? org_read_legend : org_legend;
	if (st->totals)
		return department_totals_legend;
	return st->read_only ? department_read_legend : department_legend;
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	free(arg);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SELECT, ACTION_EXPAND, ACTION_COLLAPSE, ACTION_SEARCH, ACTION_AS_OF,
	ACTION_STAFFING, ACTION_REORGANISE, ACTION_REFRESH, ACTION_NONE };

const struct screen_ops structure_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "structure",
	.title = "Structure and staffing",
	.jumpable = true,
	/* The agency sees the structure and the staffing totals; auditors
	 * have the audit trail. */
	.logins = "clerk head ministry agency",
	.legend = department_legend,
	.open = structure_open,
	.draw = structure_draw,
	.handle_action = structure_action,
	.handle_key = structure_key,
	.close = structure_close,
	.resume = structure_resume,
	.legend_now = structure_legend,
};
