/*
 * order_settings.c - the organisation's rules for orders, set by its head:
 * the language orders are printed in, how soon the same award may be given
 * again, whether a service obligation blocks leaving by own request, and
 * the number pattern of each register.  Saved in one transaction; a change
 * made meanwhile by another head is refused, not overwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "order.h"
#include "order_screens.h"
#include "picklist.h"
#include "tui.h"
#include "xalloc.h"

enum { F_LANGUAGE, F_AWARD_YEARS, F_OBLIGATION, F_FIRST_REGISTER, MAX_REGISTERS = 8 };

static const char *const languages[] = { "en", "ru", NULL };
static const char *const yes_no[] = { "yes", "no", NULL };

struct order_settings_state {
	struct form form;
	bool loaded;
	char version[16];
	int registers;
	char codes[MAX_REGISTERS][12];
	char versions[MAX_REGISTERS][16];
	struct picklist pick;
	bool busy;
};

static const enum action legend[] = { ACTION_HELP, ACTION_BACK, ACTION_SAVE, ACTION_LOOKUP,
	                              ACTION_NONE };

static struct reaction on_registers(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	struct order_settings_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	st->registers = PQntuples(result) < MAX_REGISTERS ? PQntuples(result) : MAX_REGISTERS;
	form_free(&st->form);
	form_init(&st->form, F_FIRST_REGISTER + st->registers);
	form_set_field(&st->form, F_LANGUAGE, "Language of orders (F4)", "", 8);
	form_set_field(&st->form, F_AWARD_YEARS, "Same award again after (years, 0 = any time)", "",
	               8);
	form_set_field(&st->form, F_OBLIGATION, "Obligation blocks leaving by own request (F4)", "",
	               8);
	for (int r = 0; r < st->registers; r++) {
		char label[160];

		snprintf(st->codes[r], sizeof st->codes[r], "%s",
		         PQgetvalue(result, r, ORDER_REG_CODE));
		snprintf(st->versions[r], sizeof st->versions[r], "%s",
		         PQgetvalue(result, r, ORDER_REG_VERSION));
		snprintf(label, sizeof label, "Number pattern, register %s (%s)", st->codes[r],
		         PQgetvalue(result, r, ORDER_REG_NAME));
		form_set_field(&st->form, F_FIRST_REGISTER + r, label,
		               PQgetvalue(result, r, ORDER_REG_PATTERN), 240);
	}
	app_dirty(app);
	return react_done();
}

static struct reaction on_settings(struct app *app, void *owner, const PGresult *result,
                                   enum status status)
{
	struct order_settings_state *st = owner;

	if (result == NULL || PQntuples(result) != 1) {
		app_error_db(app, result == NULL ? status : STATUS_DB_REFERENCE);
		return react_done();
	}
	form_set_value(&st->form, F_LANGUAGE, PQgetvalue(result, 0, ORDER_SET_LANGUAGE), true);
	form_set_value(&st->form, F_AWARD_YEARS, PQgetvalue(result, 0, ORDER_SET_AWARD_YEARS),
	               true);
	form_set_value(&st->form, F_OBLIGATION, PQgetvalue(result, 0, ORDER_SET_OBLIGATION), true);
	snprintf(st->version, sizeof st->version, "%s", PQgetvalue(result, 0, ORDER_SET_VERSION));
	st->loaded = true;
	app_dirty(app);
	return react_done();
}

static void load(struct app *app, struct order_settings_state *st)
{
	st->loaded = false;
	app_query_n(app, st, order_registers_sql, ORDER_REG_COLUMNS, 0, NULL, on_registers);
	app_query_n(app, st, order_settings_sql, ORDER_SET_COLUMNS, 0, NULL, on_settings);
}

static void *order_settings_open(struct app *app, void *arg)
{
	struct order_settings_state *st = xcalloc(1, sizeof *st);

	(void)arg;
	form_init(&st->form, 0);
	load(app, st);
	return st;
}

static void order_settings_close(struct app *app, void *data)
{
	struct order_settings_state *st = data;

	(void)app;
	form_free(&st->form);
	free(st);
}

static void order_settings_draw(struct app *app, void *data, struct rect body)
{
	struct order_settings_state *st = data;

	(void)app;
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false,
	        st->loaded ? "Rules and registers of the organisation's orders"
	                   : "Reading the settings ...");
	if (st->form.count > 0)
		form_draw(&st->form, body.row + 2, body.col + 1, st->form.count, body.cols - 2);
	tui_put(body.row + 3 + st->form.count, body.col + 2, body.cols - 4, TUI_DIM, false,
	        "A pattern takes {n} (the number, from 1 each year), {register}, {yy} and {yyyy}.");
	tui_put(body.row + 4 + st->form.count, body.col + 2, body.cols - 4, TUI_DIM, false,
	        "Only the head of HR saves them; clerks read them here.");
	if (st->pick.open)
		picklist_draw(&st->pick, body.row + 3 + st->form.focus, body.col + 50);
}

static struct reaction on_saved(struct app *app, void *owner, PGresult *const *results, int count,
                                enum status status)
{
	struct order_settings_state *st = owner;

	st->busy = false;
	if (status != STATUS_OK) {
		app_error_db(app, status);
		return react_done();
	}
	for (int i = 0; i < count; i++)
		if (results[i] == NULL || PQntuples(results[i]) != 1) {
			app_error_db(app, STATUS_DB_CONFLICT);
			load(app, st);
			return react_done();
		}
	app_message(app, "Saved: new orders follow these rules and patterns.");
	load(app, st);
	return react_done();
}

static void save(struct app *app, struct order_settings_state *st)
{
	struct db_statement batch[1 + MAX_REGISTERS];
	const char *settings[4], *registers[MAX_REGISTERS][3];
	const char *years = form_value(&st->form, F_AWARD_YEARS);

	if (!st->loaded || st->busy)
		return;
	if (strspn(years, "0123456789") != strlen(years) || years[0] == '\0' || strlen(years) > 2 ||
	    atoi(years) > 50) {
		form_focus(&st->form, F_AWARD_YEARS);
		app_message(app, "Years: a whole number from 0 to 50.");
		return;
	}
	settings[0] = form_value(&st->form, F_LANGUAGE);
	settings[1] = years;
	settings[2] = form_value(&st->form, F_OBLIGATION);
	settings[3] = st->version;
	batch[0] = (struct db_statement){ .sql = order_settings_save_sql,
	                                  .nparams = 4,
	                                  .params = settings,
	                                  .columns = ORDER_SAVED_COLUMNS };
	for (int r = 0; r < st->registers; r++) {
		if (strstr(form_value(&st->form, F_FIRST_REGISTER + r), "{n}") == NULL) {
			form_focus(&st->form, F_FIRST_REGISTER + r);
			app_message(app, "A number pattern must contain {n}.");
			return;
		}
		registers[r][0] = st->codes[r];
		registers[r][1] = form_value(&st->form, F_FIRST_REGISTER + r);
		registers[r][2] = st->versions[r];
		batch[1 + r] = (struct db_statement){ .sql = order_register_save_sql,
		                                      .nparams = 3,
		                                      .params = registers[r],
		                                      .columns = ORDER_SAVED_COLUMNS };
	}
	st->busy = true;
	app_batch(app, st, batch, 1 + st->registers, on_saved);
}

static void open_choices(struct order_settings_state *st)
{
	if (st->form.focus == F_LANGUAGE)
		picklist_open(&st->pick, languages, 2, 0);
	else if (st->form.focus == F_OBLIGATION)
		picklist_open(&st->pick, yes_no, 2, 0);
}

static struct reaction order_settings_key(struct app *app, void *data, int key)
{
	struct order_settings_state *st = data;

	(void)app;
	if (st->pick.open) {
		if (picklist_key(&st->pick, key) == PICKLIST_CHOSEN)
			form_set_value(&st->form, st->form.focus,
			               (st->form.focus == F_LANGUAGE ? languages
			                                             : yes_no)[st->pick.selected],
			               false);
		return react_done();
	}
	if (st->form.focus == F_LANGUAGE || st->form.focus == F_OBLIGATION) {
		if (key >= 32 && key < KEY_CODE_BASE && key != 127) {
			open_choices(st);
			picklist_key(&st->pick, key);
			return react_done();
		}
		return react_pass();
	}
	return form_edit_key(&st->form, key) ? react_done() : react_pass();
}

static struct reaction order_settings_action(struct app *app, void *data, enum action action)
{
	struct order_settings_state *st = data;
	int count = st->form.count;

	switch (action) {
	case ACTION_NEXT_FIELD:
		if (count > 0)
			form_focus(&st->form, (st->form.focus + 1) % count);
		return react_done();
	case ACTION_PREV_FIELD:
		if (count > 0)
			form_focus(&st->form, (st->form.focus + count - 1) % count);
		return react_done();
	case ACTION_LOOKUP:
		open_choices(st);
		return react_done();
	case ACTION_SAVE:
		save(app, st);
		return react_done();
	default:
		return react_pass();
	}
}

static const char *order_settings_context(void *data)
{
	(void)data;
	return "form";
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_SAVE, ACTION_LOOKUP, ACTION_NEXT_FIELD, ACTION_PREV_FIELD, ACTION_NONE };
static const char *const other_contexts[] = { "form", NULL };

const struct screen_ops order_settings_screen = {
	.actions = handled_actions,
	.contexts = other_contexts,
	.name = "order_settings",
	.title = "Order settings",
	.legend = legend,
	.open = order_settings_open,
	.draw = order_settings_draw,
	.handle_action = order_settings_action,
	.handle_key = order_settings_key,
	.close = order_settings_close,
	.context = order_settings_context,
};
