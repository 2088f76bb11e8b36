/*
 * staffing_batch.c - the staffing table's changes as one batch: staging a
 * step (a later step of a kind for a position replaces the earlier),
 * withdrawing one, the preview with the people a change affects, and
 * applying the whole batch in one transaction from an effective day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "structure.h"
#include "uuid.h"
#include "xalloc.h"

#include "staffing.h"

/* Index of the staged step of `kind` for `position`, or -1. */
int staffing_staged_step(const struct staffing_state *st, enum structure_change_kind kind,
                         long position)
{
	for (int i = 0; i < st->nsteps; i++)
		if (st->steps[i].kind == kind && st->steps[i].position == position)
			return i;
	return -1;
}

/* ---- staging and applying --------------------------------------------------------- */

static struct reaction on_staged(struct app *app, void *owner, const PGresult *result,
                                 enum status status)
{
	struct staffing_state *st = owner;
	struct step step = st->pending[0];

	memmove(&st->pending[0], &st->pending[1], (size_t)(--st->npending) * sizeof step);
	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	step.id = atol(PQgetvalue(result, 0, STAGED_ID));
	if (st->nsteps == st->steps_size) {
		st->steps_size = st->steps_size ? 2 * st->steps_size : 32;
		st->steps = xrealloc(st->steps, (size_t)st->steps_size * sizeof *st->steps);
	}
	st->steps[st->nsteps++] = step;
	st->staged++;
	app_message(app, "Staged. It takes effect when the batch is applied (F2).");
	return react_done();
}

/* The server took a step back out of the batch (or refused to). */
static struct reaction on_withdrawn(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	struct staffing_state *st = owner;
	long id = app_answer_cookie(app); /* the step this answer is about */

	if (result == NULL) {
		/* Still staged: it stays in the list and the count. */
		app_error_db(app, status);
		return react_done();
	}
	for (int i = 0; i < st->nsteps; i++)
		if (st->steps[i].id == id) {
			memmove(&st->steps[i], &st->steps[i + 1],
			        (size_t)(st->nsteps - i - 1) * sizeof st->steps[0]);
			st->nsteps--;
			st->staged--;
			break;
		}
	app_dirty(app);
	return react_done();
}

/* Asks the server to take step i back out of the batch; the step leaves
 * the list when it has (the answer names it by its cookie, the step id). */
void staffing_withdraw(struct app *app, struct staffing_state *st, int i)
{
	char id[24];
	const char *params[] = { id };
	const struct db_statement unstage = { .sql = structure_unstage_sql,
		                              .nparams = 1,
		                              .params = params };

	snprintf(id, sizeof id, "%ld", st->steps[i].id);
	app_query_cookie(app, st, st->steps[i].id, &unstage, on_withdrawn);
}

/* Stages a step; a later step of the same kind for the same position
 * replaces the earlier one, so a batch never holds two answers. */
void staffing_stage(struct app *app, struct staffing_state *st, enum structure_change_kind kind,
                    const char *position, const char *department, const char *title,
                    const char *grade, const char *category, const char *rates)
{
	const char *params[] = { st->batch, structure_change_kind_name(kind),
		                 position,  department,
		                 title,     grade,
		                 category,  rates };
	long id = atol(position);
	int earlier = id != 0 ? staffing_staged_step(st, kind, id) : -1;

	if (st->npending == (int)(sizeof st->pending / sizeof st->pending[0])) {
		app_message(app, "Too many changes at once: wait for the ones in flight.");
		return;
	}
	if (earlier >= 0)
		staffing_withdraw(app, st, earlier);
	st->pending[st->npending++] = (struct step){ 0, kind, id };
	app_query_n(app, st, structure_stage_sql, STAGE_COLUMNS, 8, params, on_staged);
}

static struct reaction on_preview(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct staffing_state *st = owner;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	db_result_free(&st->preview);
	st->preview = PQcopyResult(result, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	st->list.selected = st->list.top = 0;
	app_message(app, PQntuples(result) == 0
	                         ? "Nothing staged."
	                         : "F2 applies all of it in one transaction; F3 goes back.");
	return react_done();
}

/* The effective day typed on the preview, as ISO; false after saying why. */
static bool effective_day(struct app *app, struct staffing_state *st, char *iso)
{
	struct field_context ctx;
	const char *reason = NULL;
	struct date day;

	app_field_context(app, &ctx);
	if (!date_parse(st->line.text, ctx.date_format, &day, &reason)) {
		app_message(app, reason);
		return false;
	}
	date_to_iso(day, iso, DATE_TEXT_SIZE);
	return true;
}

void staffing_preview(struct app *app, struct staffing_state *st)
{
	char iso[DATE_TEXT_SIZE];
	const char *params[] = { st->batch, iso };

	if (!effective_day(app, st, iso))
		return;
	app_query_n(app, st, structure_preview_sql, PREVIEW_COLUMNS, 2, params, on_preview);
}

static struct reaction on_applied(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct staffing_state *st = owner;
	char text[120];

	if (result == NULL) {
		/* The database names what stops it (people still on a position ...). */
		app_error_db(app, status);
		return react_done();
	}
	snprintf(text, sizeof text, "Applied: %s change%s in force from the effective day.",
	         PQgetvalue(result, 0, APPLIED_STEPS),
	         strcmp(PQgetvalue(result, 0, APPLIED_STEPS), "1") ? "s" : "");
	app_message(app, text);
	st->staged = 0;
	st->nsteps = 0;
	if (!uuid_v4(st->batch))
		st->batch[0] = '\0';
	st->mode = MODE_TABLE;
	db_result_free(&st->preview);
	staffing_load(app, st);
	return react_done();
}

void staffing_apply(struct app *app, struct staffing_state *st)
{
	char iso[DATE_TEXT_SIZE];
	const char *params[] = { st->batch, iso };

	if (st->preview == NULL || PQntuples(st->preview) == 0) {
		app_message(app, "Nothing to apply.");
		return;
	}
	if (!effective_day(app, st, iso))
		return;
	app_query_n(app, st, structure_apply_sql, APPLY_COLUMNS, 2, params, on_applied);
}

/* The id of the department whose code is `code`, from the table's rows; 0 if none. */
static long department_by_code(const struct staffing_state *st, const char *code)
{
	for (int r = 0; st->rows && !st->vacancies_only && r < PQntuples(st->rows); r++)
		if (strcmp(PQgetvalue(st->rows, r, STAFFING_DEPARTMENT_CODE), code) == 0)
			return atol(PQgetvalue(st->rows, r, STAFFING_DEPARTMENT_ID));
	return 0;
}

void staffing_stage_new_position(struct app *app, struct staffing_state *st)
{
	const char *reason = NULL;
	char department[24], rates[16];
	long hundredths, id = department_by_code(st, form_value(&st->add, ADD_DEPARTMENT));

	if (id == 0) {
		app_message(app, "Department: type the code of a department of this table.");
		form_focus(&st->add, ADD_DEPARTMENT);
		return;
	}
	if (form_value(&st->add, ADD_TITLE)[0] == '\0') {
		app_message(app, "Title: this field is required");
		form_focus(&st->add, ADD_TITLE);
		return;
	}
	if (!structure_rates_parse(form_value(&st->add, ADD_RATES), &hundredths, &reason)) {
		app_message(app, reason);
		form_focus(&st->add, ADD_RATES);
		return;
	}
	snprintf(department, sizeof department, "%ld", id);
	structure_rates_format(hundredths, rates, sizeof rates);
	staffing_stage(app, st, STRUCTURE_ADD, "", department, form_value(&st->add, ADD_TITLE),
	               form_value(&st->add, ADD_GRADE), form_value(&st->add, ADD_CATEGORY), rates);
	st->mode = MODE_TABLE;
}
