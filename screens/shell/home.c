/* home.c - who is logged in, where, with which role, and the module menu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draft.h"
#include "order_screens.h"
#include "personnel_screens.h"
#include "tui.h"
#include "xalloc.h"

struct module {
	const char *label;
	const char *screen; /* registry name, NULL while not part of this version */
	const char *about;
};

/* Who a module serves is its screen's (screen_ops.logins). */
static const struct module modules[] = {
	{ "Personnel file", "register", "register and profile of every employee" },
	{ "Personnel orders", "orders", "hire, transfer, leave, dismissal ... signed and numbered" },
	{ "Leave", NULL, "balances and requests" },
	{ "Timesheets", NULL, "monthly time records" },
	{ "Structure and staffing", "structure", "departments, positions, vacancies" },
	{ "Statistics", NULL, "counts across organisations" },
	{ "Help", "help", "the keys and what they do" },
};

/* True when module i serves the logged-in kind of login. */
static bool serves(struct app *app, int i)
{
	const struct screen_ops *ops = modules[i].screen ? screen_find(modules[i].screen) : NULL;

	return ops == NULL || screen_serves(ops, app_identity(app)->kind);
}

enum { MODULE_COUNT = sizeof modules / sizeof modules[0] };

struct home_state {
	int selected;
	/* The newest unsaved form of this login, offered back. */
	char *draft_form, *draft_record, *draft_payload, *draft_saved;
};


static void draft_forget(struct home_state *st)
{
	free(st->draft_form);
	free(st->draft_record);
	free(st->draft_payload);
	free(st->draft_saved);
	st->draft_form = st->draft_record = st->draft_payload = st->draft_saved = NULL;
}

static struct reaction on_draft(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct home_state *st = owner;

	(void)status;
	draft_forget(st);
	if (result == NULL || PQntuples(result) == 0)
		return react_done();
	st->draft_form = xstrdup(PQgetvalue(result, 0, DRAFT_L_FORM));
	st->draft_record = xstrdup(PQgetvalue(result, 0, DRAFT_L_RECORD));
	st->draft_payload = xstrdup(PQgetvalue(result, 0, DRAFT_L_PAYLOAD));
	st->draft_saved = xstrdup(PQgetvalue(result, 0, DRAFT_L_SAVED));
	app_message(app, "A form you had not saved was kept: F6 opens it again.");
	return react_done();
}

/* Drafts exist only for logins that write. */
static void look_for_draft(struct app *app, struct home_state *st)
{
	if (!app_read_only(app) && app_connection_state(app) == CONNECTION_READY)
		app_query_n(app, st, draft_latest_sql, DRAFT_L_COLUMNS, 0, NULL, on_draft);
}

static const enum action legend[] = {
	ACTION_HELP, ACTION_QUIT, ACTION_REFRESH, ACTION_DETAILS, ACTION_NONE,
};
static const enum action legend_with_draft[] = {
	ACTION_HELP, ACTION_QUIT, ACTION_REFRESH, ACTION_RESUME, ACTION_DETAILS, ACTION_NONE,
};

/* The role as a clerk would name it. */
static const char *role_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} roles[] = {
		{ "clerk", "HR clerk" },
		{ "head", "HR head (signs orders)" },
		{ "ministry", "Ministry viewer (read only)" },
		{ "agency", "Central agency analyst (statistics only)" },
		{ "auditor", "Auditor (audit trail)" },
	};

	for (size_t i = 0; kind && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(kind, roles[i].kind) == 0)
			return roles[i].label;
	return kind ? kind : "";
}

static void *home_open(struct app *app, void *arg)
{
	struct home_state *st = xcalloc(1, sizeof *st);

	(void)arg;
	look_for_draft(app, st);
	return st;
}

static void home_close(struct app *app, void *state)
{
	(void)app;
	draft_forget(state);
	free(state);
}

static void home_resume(struct app *app, void *state)
{
	look_for_draft(app, state);
}

static void field(int row, struct rect body, const char *label, const char *value)
{
	tui_put(row, body.col + 2, 15, TUI_LABEL, true, label);
	tui_put(row, body.col + 17, body.cols - 19, TUI_VALUE, false, value);
}

static void home_draw(struct app *app, void *data, struct rect body)
{
	struct home_state *state = data;
	const struct identity *who = app_identity(app);
	char line[512];
	int row = body.row + 1;

	field(row++, body, "Login:", who->login ? who->login : "");
	field(row++, body, "Role:", role_label(who->kind));
	snprintf(line, sizeof line, "%s  %s", who->org_code ? who->org_code : "",
	         who->org_name ? who->org_name : "");
	field(row++, body, "Organisation:", line);
	if (app_connection_state(app) == CONNECTION_READY)
		snprintf(line, sizeof line, "%s, %s", app_server(app), app_tls(app));
	else
		snprintf(line, sizeof line, "%s, not connected", app_target(app));
	field(row++, body, "Server:", line);
	if (state->draft_form != NULL) {
		snprintf(line, sizeof line, "%s form, kept %s (F6 opens it)", state->draft_form,
		         state->draft_saved);
		field(row, body, "Not saved:", line);
	}
	row++;
	tui_put(row++, body.col + 2, body.cols - 4, TUI_HEADING, false, "Modules");
	for (int i = 0; i < MODULE_COUNT && row < body.row + body.rows; i++, row++) {
		bool here = i == state->selected;
		bool available = modules[i].screen != NULL, usable = available && serves(app, i);

		snprintf(line, sizeof line, "%s %-24s %s", here ? ">" : " ", modules[i].label,
		         usable      ? modules[i].about
		         : available ? "(not for this kind of login)"
		                     : "(not yet available)");
		tui_put(row, body.col + 2, body.cols - 4,
		        here     ? TUI_SELECTED
		        : usable ? TUI_NORMAL
		                 : TUI_DIM,
		        true, line);
		if (here)
			tui_cursor(row, body.col + 2);
	}
}

static struct reaction home_action(struct app *app, void *data, enum action action)
{
	struct home_state *state = data;
	const struct screen_ops *target;

	switch (action) {
	case ACTION_UP:
		state->selected = (state->selected + MODULE_COUNT - 1) % MODULE_COUNT;
		return react_done();
	case ACTION_DOWN:
		state->selected = (state->selected + 1) % MODULE_COUNT;
		return react_done();
	case ACTION_FIRST:
	case ACTION_PAGE_UP:
		state->selected = 0;
		return react_done();
	case ACTION_LAST:
	case ACTION_PAGE_DOWN:
		state->selected = MODULE_COUNT - 1;
		return react_done();
	case ACTION_SELECT:
		target = modules[state->selected].screen
		                 ? screen_find(modules[state->selected].screen)
		                 : NULL;
		if (target != NULL && !serves(app, state->selected))
			app_message(app, "This module is not for this kind of login.");
		else if (target != NULL)
			return react_open(target, NULL);
		else
			app_message(app,
			            "This module is not yet available in this version of hrmis.");
		return react_done();
	case ACTION_RESUME: {
		struct entry_request *request;

		if (state->draft_form == NULL) {
			app_message(app, "There is no unsaved form to open.");
			return react_done();
		}
		if (strcmp(state->draft_form, "order") == 0) {
			struct order_form_request *order = xcalloc(1, sizeof *order);

			order->draft = xstrdup(state->draft_payload);
			draft_forget(state);
			return react_open(&order_form_screen, order);
		}
		request = entry_request_from_draft(state->draft_form, state->draft_record,
		                                   state->draft_payload);
		if (request == NULL) {
			app_message(app, "The kept form cannot be read any more.");
			return react_done();
		}
		draft_forget(state);
		return react_open(&entry_screen, request);
	}
	case ACTION_REFRESH:
		if (app_connection_state(app) == CONNECTION_FAILED) {
			app_message(app, "Reconnecting ...");
			app_connect(app);
		}
		return react_done();
	default:
		return react_pass();
	}
}

static const enum action *home_legend(void *state)
{
	return ((struct home_state *)state)->draft_form ? legend_with_draft : legend;
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_UP, ACTION_DOWN, ACTION_PAGE_UP, ACTION_PAGE_DOWN, ACTION_FIRST, ACTION_LAST, ACTION_SELECT, ACTION_RESUME, ACTION_REFRESH, ACTION_NONE };

const struct screen_ops home_screen = {
	.actions = handled_actions,
	.jumpable = true,
	.name = "home",
	.title = "Home",
	.legend = legend,
	.open = home_open,
	.draw = home_draw,
	.handle_action = home_action,
	.close = home_close,
	.resume = home_resume,
	.legend_now = home_legend,
};
