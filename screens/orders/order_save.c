/*
 * order_save.c - the order form's line against the rules and the server:
 * checking each field and the whole line, saving it with its draft order
 * in one transaction (and the basis alone), taking a saved line back into
 * the form, copying the last one (F6) and removing one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "order.h"
#include "xalloc.h"

#include "order_form.h"

/* ---- checking and saving --------------------------------------------------------- */

/* The stored value of field i ("" when empty), malloc'd; NULL with a
 * reason when it does not pass its check. */
static char *stored_value(struct app *app, const struct order_form_state *st, int i, char *reason,
                          size_t size)
{
	const struct order_field *f = order_form_field_at(st, i);
	const char *typed = form_value(&st->line, i);
	struct field_context ctx = order_form_context_of(app);
	char id[24];

	if (order_form_is_choice(st, i)) {
		if (typed[0] == '\0' || st->ids[i] == 0 || st->chosen[i] == NULL ||
		    strcmp(typed, st->chosen[i]) != 0) {
			if (typed[0] == '\0' && !f->def.required)
				return xstrdup("");
			snprintf(reason, size, "%s: %s", f->def.label,
			         typed[0] == '\0' ? "choose one (type part of it and Enter, or F4)"
			                          : "press Enter to find it, or F4 for the list");
			return NULL;
		}
		snprintf(id, sizeof id, "%ld", st->ids[i]);
		return xstrdup(id);
	}
	if (f->kind == ORDER_FIELD_RATE || f->kind == ORDER_FIELD_PERCENT) {
		char why[120];

		if (!order_check_number(f->kind, typed, why, sizeof why)) {
			snprintf(reason, size, "%s: %s", f->def.label, why);
			return NULL;
		}
		return xstrdup(typed);
	}
	if (typed[0] == '\0') {
		if (!f->def.required)
			return xstrdup("");
		snprintf(reason, size, "%s is needed.", f->def.label);
		return NULL;
	}
	{
		char why[160];

		if (!field_check(&f->def, typed, &ctx, why, sizeof why)) {
			snprintf(reason, size, "%s: %s", f->def.label, why);
			return NULL;
		}
	}
	return field_stored(&f->def, typed, &ctx);
}

/* True when every field of the line passes; else the focus goes to the
 * first that does not, with its reason. */
static bool line_complete(struct app *app, struct order_form_state *st, bool tell)
{
	for (int i = 0; i < st->kind->nfields; i++) {
		char reason[200];
		char *value = stored_value(app, st, i, reason, sizeof reason);

		if (value == NULL) {
			if (tell) {
				form_focus(&st->line, i);
				st->line.fields[i].invalid = true;
				app_message(app, reason);
			}
			return false;
		}
		free(value);
	}
	return true;
}

static struct reaction on_saved(struct app *app, void *owner, PGresult *const *results, int count,
                                enum status status)
{
	struct order_form_state *st = owner;
	char text[160];

	st->busy = false;
	if (status != STATUS_OK || count != 3 || results[2] == NULL || PQntuples(results[2]) != 1) {
		app_error_db(app, status != STATUS_OK ? status : STATUS_DB_ERROR);
		return react_done();
	}
	st->order_id = atol(PQgetvalue(results[2], 0, ORDER_V_ID));
	snprintf(st->version, sizeof st->version, "%s", PQgetvalue(results[2], 0, ORDER_V_VERSION));
	free(st->basis_loaded);
	st->basis_loaded = xstrdup(st->basis.text);
	snprintf(text, sizeof text,
	         "%s saved with the draft order.  Next employee, or F9 to check it.",
	         st->line_no != 0 ? "Line" : "Employee");
	order_line_draft_drop(app, st);
	order_form_reset_line(st);
	order_form_suggest_number(app, st);
	app_message(app, text);
	order_form_load_lines(app, st);
	return react_done();
}

/* The number for a new line: one past the highest. */
static int next_line_no(const struct order_form_state *st)
{
	int most = 0;

	for (int r = 0; st->lines != NULL && r < PQntuples(st->lines); r++)
		if (atoi(PQgetvalue(st->lines, r, ORDER_LINES_NO)) > most)
			most = atoi(PQgetvalue(st->lines, r, ORDER_LINES_NO));
	return most + 1;
}

static void save_line(struct app *app, struct order_form_state *st)
{
	char *values[ORDER_MAX_FIELDS] = { 0 };
	const char *line_params[3 + ORDER_LINE_COLUMNS];
	char id[24] = "", line_no[16], reason[200];

	if (st->busy)
		return;
	if (!line_complete(app, st, true))
		return;
	for (int i = 0; i < st->kind->nfields; i++)
		values[i] = stored_value(app, st, i, reason, sizeof reason);
	if (st->order_id != 0)
		snprintf(id, sizeof id, "%ld", st->order_id);
	snprintf(line_no, sizeof line_no, "%d", st->line_no != 0 ? st->line_no : next_line_no(st));
	line_params[0] = id;
	line_params[1] = st->request;
	line_params[2] = line_no;
	order_line_params(st->kind, (const char *const *)values, line_params + 3);
	{
		const char *order_params[] = { id, st->request, st->kind->code,
			                       st->kind->register_code, st->basis.text };
		const char *version_params[] = { id, st->request, st->basis.text };
		const struct db_statement batch[] = {
			{ .sql = order_save_order_sql, .nparams = 5, .params = order_params },
			{ .sql = order_save_line_sql,
			  .nparams = 3 + ORDER_LINE_COLUMNS,
			  .params = line_params },
			{ .sql = order_version_sql,
			  .nparams = 3,
			  .params = version_params,
			  .columns = ORDER_V_COLUMNS },
		};

		st->busy = true;
		app_batch(app, st, batch, 3, on_saved);
	}
	for (int i = 0; i < st->kind->nfields; i++)
		free(values[i]);
}

bool order_form_line_touched(const struct order_form_state *st)
{
	/* Changed from what the line was loaded or suggested with. */
	return form_changed(&st->line);
}

static struct reaction on_basis(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct order_form_state *st = owner;

	st->busy = false;
	if (result == NULL || PQntuples(result) != 1) {
		app_error_db(app, result == NULL ? status : STATUS_DB_ERROR);
		return react_done();
	}
	snprintf(st->version, sizeof st->version, "%s", PQgetvalue(result, 0, ORDER_V_VERSION));
	free(st->basis_loaded);
	st->basis_loaded = xstrdup(st->basis.text);
	app_message(app, "Saved.");
	return react_done();
}

void order_form_save(struct app *app, struct order_form_state *st)
{
	char id[24];
	const char *params[] = { id, st->request, st->basis.text };

	if (order_form_line_touched(st)) {
		save_line(app, st);
		return;
	}
	if (st->order_id == 0) {
		app_message(app, "Key the first employee; the order is saved with its first line.");
		return;
	}
	snprintf(id, sizeof id, "%ld", st->order_id);
	st->busy = true;
	app_query_n(app, st, order_version_sql, ORDER_V_COLUMNS, 3, params, on_basis);
}

/* Enter on a checked field: save a complete line, else go to the next field. */
void order_form_advance(struct app *app, struct order_form_state *st)
{
	int next;

	st->line.fields[st->line.focus].invalid = false;
	if (line_complete(app, st, false)) {
		save_line(app, st);
		return;
	}
	next = form_next(&st->line);
	if (next >= 0)
		form_focus(&st->line, next);
	else
		line_complete(app, st, true);
}

/* "14" in a To field means fourteen calendar days from the From date. */
static void days_to_date(struct app *app, struct order_form_state *st, int i)
{
	struct field_context ctx = order_form_context_of(app);
	const char *typed = form_value(&st->line, i);
	int from = order_field_index(st->kind, "effective");
	size_t digits = strspn(typed, "0123456789");
	struct date start;
	char text[DATE_TEXT_SIZE];

	if (strcmp(order_form_field_at(st, i)->def.column, "until") != 0 || from < 0 ||
	    digits == 0 || digits > 3 || typed[digits] != '\0' || atoi(typed) == 0 ||
	    !date_parse(form_value(&st->line, from), ctx.date_format, &start, NULL))
		return;
	date_format(date_add_days(start, atoi(typed) - 1), ctx.date_format, text, sizeof text);
	form_set_value(&st->line, i, text, false);
}

/* Enter (or Tab when `move_only`) on field i of the line. */
void order_form_leave_field(struct app *app, struct order_form_state *st, bool move_only)
{
	int i = st->line.focus;
	char reason[200];
	char *value;

	days_to_date(app, st, i);
	if (order_form_is_choice(st, i) && form_value(&st->line, i)[0] != '\0' &&
	    (st->ids[i] == 0 || st->chosen[i] == NULL ||
	     strcmp(st->chosen[i], form_value(&st->line, i)) != 0)) {
		st->enter_pending = true;
		order_line_find(app, st, i);
		return;
	}
	value = stored_value(app, st, i, reason, sizeof reason);
	if (value == NULL && form_value(&st->line, i)[0] != '\0') {
		st->line.fields[i].invalid = true;
		app_message(app, reason);
		return;
	}
	if (value != NULL && !order_form_is_choice(st, i) &&
	    order_form_field_at(st, i)->kind == ORDER_FIELD_PLAIN && value[0] != '\0') {
		struct field_context ctx = order_form_context_of(app);
		char *shown = field_display(&order_form_field_at(st, i)->def, value, &ctx);

		form_set_value(&st->line, i, shown, false);
		free(shown);
	}
	free(value);
	order_line_draft_keep(app, st, false);
	if (move_only) {
		int next = form_next(&st->line);

		form_focus(&st->line, next >= 0 ? next : 0);
		return;
	}
	order_form_advance(app, st);
}

/* F6: the values of the last line for the next employee. */
void order_form_copy_previous(struct app *app, struct order_form_state *st)
{
	struct field_context ctx = order_form_context_of(app);
	int r = st->lines ? PQntuples(st->lines) - 1 : -1;

	if (r < 0) {
		app_message(app, "There is no previous line to copy yet.");
		return;
	}
	order_form_reset_line(st);
	for (int i = 0; i < st->kind->nfields; i++) {
		const struct order_field *f = order_form_field_at(st, i);
		const char *stored = "";

		if (!f->copied)
			continue;
		for (int c = 0; c < ORDER_LINE_COLUMNS; c++)
			if (strcmp(order_line_columns[c], f->def.column) == 0)
				stored = PQgetvalue(st->lines, r, ORDER_LINES_FIRST + c);
		if (f->kind == ORDER_FIELD_POSITION && stored[0] != '\0') {
			order_form_choose(st, i, atol(stored),
			                  PQgetvalue(st->lines, r, ORDER_LINES_TITLE));
		} else if (f->kind == ORDER_FIELD_PLAIN && stored[0] != '\0') {
			char *shown = field_display(&f->def, stored, &ctx);

			form_set_value(&st->line, i, shown, false);
			free(shown);
		} else if (stored[0] != '\0') {
			form_set_value(&st->line, i, stored, false);
		}
	}
	form_focus(&st->line, 0);
	app_message(app, "Copied from the last line: type the next employee and press Enter.");
}

/* Enter on a line of the list: change it in the form. */
void order_form_edit_line(struct app *app, struct order_form_state *st)
{
	struct field_context ctx = order_form_context_of(app);
	int r = st->list.selected;
	char label[300];

	if (st->lines == NULL || r < 0 || r >= PQntuples(st->lines))
		return;
	order_form_reset_line(st);
	st->line_no = atoi(PQgetvalue(st->lines, r, ORDER_LINES_NO));
	for (int i = 0; i < st->kind->nfields; i++) {
		const struct order_field *f = order_form_field_at(st, i);
		const char *stored = "";

		for (int c = 0; c < ORDER_LINE_COLUMNS; c++)
			if (strcmp(order_line_columns[c], f->def.column) == 0)
				stored = PQgetvalue(st->lines, r, ORDER_LINES_FIRST + c);
		if (f->kind == ORDER_FIELD_PERSON) {
			snprintf(label, sizeof label, "%s (%s)",
			         PQgetvalue(st->lines, r, ORDER_LINES_NAME),
			         PQgetvalue(st->lines, r, ORDER_LINES_PERSONNEL_NO)[0]
			                 ? PQgetvalue(st->lines, r, ORDER_LINES_PERSONNEL_NO)
			                 : "not employed");
			order_form_choose(st, i, atol(stored), label);
		} else if (f->kind == ORDER_FIELD_POSITION && stored[0] != '\0') {
			order_form_choose(st, i, atol(stored),
			                  PQgetvalue(st->lines, r, ORDER_LINES_TITLE));
		} else if (f->kind == ORDER_FIELD_PENALTY && stored[0] != '\0') {
			order_form_choose(st, i, atol(stored),
			                  PQgetvalue(st->lines, r, ORDER_LINES_PENALTY));
		} else if (f->kind == ORDER_FIELD_ORG && stored[0] != '\0') {
			order_form_choose(st, i, atol(stored),
			                  PQgetvalue(st->lines, r, ORDER_LINES_ORG));
		} else if (f->kind == ORDER_FIELD_PLAIN && stored[0] != '\0') {
			char *shown = field_display(&f->def, stored, &ctx);

			form_set_value(&st->line, i, shown, true);
			free(shown);
		} else {
			form_set_value(&st->line, i, stored, true);
		}
	}
	st->area = AREA_LINE;
	form_focus(&st->line, 1 < st->kind->nfields ? 1 : 0);
}

static struct reaction on_line_deleted(struct app *app, void *owner, const PGresult *result,
                                       enum status status)
{
	struct order_form_state *st = owner;

	st->busy = false;
	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	app_message(app, "The line is removed from the draft.");
	order_form_load_lines(app, st);
	return react_done();
}

void order_form_delete_line(struct app *app, struct order_form_state *st)
{
	int r = st->list.selected;
	char id[24];
	const char *params[] = { id, NULL };

	if (st->lines == NULL || r < 0 || r >= PQntuples(st->lines) || st->busy)
		return;
	snprintf(id, sizeof id, "%ld", st->order_id);
	params[1] = PQgetvalue(st->lines, r, ORDER_LINES_NO);
	st->busy = true;
	app_query(app, st, order_delete_line_sql, 2, params, on_line_deleted);
}
