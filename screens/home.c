/* home.c - who is logged in, where, with which role, and the module menu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "tui.h"
#include "xalloc.h"

struct module {
	const char *label;
	const char *screen; /* registry name, NULL while not part of this version */
	const char *about;
};

static const struct module modules[] = {
	{ "Personnel file", NULL, "register and profile of every employee" },
	{ "Personnel orders", NULL, "hire, transfer, leave, dismissal ... signed and numbered" },
	{ "Leave", NULL, "balances and requests" },
	{ "Timesheets", NULL, "monthly time records" },
	{ "Structure and staffing", NULL, "departments, positions, vacancies" },
	{ "Statistics", NULL, "counts across organisations" },
	{ "Help", "help", "the keys and what they do" },
};

enum { MODULE_COUNT = sizeof modules / sizeof modules[0] };

struct home_state {
	int selected;
};

static const enum action legend[] = {
	ACTION_HELP, ACTION_QUIT, ACTION_REFRESH, ACTION_DETAILS, ACTION_NONE,
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

static void *home_open(struct app *app)
{
	(void)app;
	return xcalloc(1, sizeof(struct home_state));
}

static void home_close(struct app *app, void *state)
{
	(void)app;
	free(state);
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
	row++;
	tui_put(row++, body.col + 2, body.cols - 4, TUI_HEADING, false, "Modules");
	for (int i = 0; i < MODULE_COUNT && row < body.row + body.rows; i++, row++) {
		bool here = i == state->selected;
		bool usable = modules[i].screen != NULL;

		snprintf(line, sizeof line, "%s %-24s %s", here ? ">" : " ", modules[i].label,
		         usable ? modules[i].about : "(not yet available)");
		tui_put(row, body.col + 2, body.cols - 4,
		        here     ? TUI_SELECTED
		        : usable ? TUI_NORMAL
		                 : TUI_DIM,
		        true, line);
		if (here)
			tui_cursor(row, body.col + 2);
	}
}

static enum handled home_action(struct app *app, void *data, enum action action)
{
	struct home_state *state = data;
	const struct screen_ops *target;

	switch (action) {
	case ACTION_UP:
		state->selected = (state->selected + MODULE_COUNT - 1) % MODULE_COUNT;
		return HANDLED;
	case ACTION_DOWN:
		state->selected = (state->selected + 1) % MODULE_COUNT;
		return HANDLED;
	case ACTION_FIRST:
	case ACTION_PAGE_UP:
		state->selected = 0;
		return HANDLED;
	case ACTION_LAST:
	case ACTION_PAGE_DOWN:
		state->selected = MODULE_COUNT - 1;
		return HANDLED;
	case ACTION_SELECT:
		target = modules[state->selected].screen
		                 ? screen_find(modules[state->selected].screen)
		                 : NULL;
		if (target != NULL)
			app_push(app, target);
		else
			app_message(app,
			            "This module is not yet available in this version of hrmis.");
		return HANDLED;
	case ACTION_REFRESH:
		if (app_connection_state(app) == CONNECTION_FAILED) {
			app_message(app, "Reconnecting ...");
			app_connect(app);
		}
		return HANDLED;
	default:
		return UNHANDLED;
	}
}

const struct screen_ops home_screen = {
	.name = "home",
	.title = "Home",
	.legend = legend,
	.open = home_open,
	.draw = home_draw,
	.handle_action = home_action,
	.close = home_close,
};
