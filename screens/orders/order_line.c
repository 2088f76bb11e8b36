/*
 * order_line.c - the fields of an order line that hold a choice: finding
 * the employee (a file another organisation released included), the
 * vacant position, the penalty or the organisation from what is typed or
 * from the list (F4); and the line being typed, kept on the server after
 * every field and at hang-up so a dropped session loses nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draft.h"
#include "order.h"
#include "order_screens.h"
#include "xalloc.h"

#include "order_form.h"

/* The line being typed, kept on the server after every field and at
 * hang-up (Home offers it back), dropped once the line is saved. */

/* ---- the line kept as a draft ------------------------------------------------- */

enum { DRAFT_HEAD = 6, DRAFT_MAX = DRAFT_HEAD + 3 * ORDER_MAX_FIELDS };

/* The payload: kind, order, request, line number, basis, the field typing
 * goes on in, then each field's text and, for a chosen employee, position
 * or penalty, its id and label. */
static char *draft_payload(const struct order_form_state *st)
{
	const char *names[DRAFT_MAX], *values[DRAFT_MAX];
	char ids[ORDER_MAX_FIELDS][24], order[24], line_no[16], focus[16];
	char name_buf[2 * ORDER_MAX_FIELDS][48];
	size_t n = 0;

	snprintf(order, sizeof order, "%ld", st->order_id);
	snprintf(line_no, sizeof line_no, "%d", st->line_no);
	names[n] = "kind", values[n++] = st->kind->code;
	names[n] = "order_id", values[n++] = order;
	names[n] = "request", values[n++] = st->request;
	names[n] = "line_no", values[n++] = line_no;
	names[n] = "basis", values[n++] = st->basis.text;
	snprintf(focus, sizeof focus, "%d", st->line.focus);
	names[n] = "_focus", values[n++] = focus;
	for (int i = 0; i < st->kind->nfields; i++) {
		names[n] = order_form_field_at(st, i)->def.column,
		values[n++] = form_value(&st->line, i);
		if (st->ids[i] != 0 && st->chosen[i] != NULL) {
			snprintf(ids[i], sizeof ids[i], "%ld", st->ids[i]);
			snprintf(name_buf[2 * i], sizeof name_buf[0], "%s#id",
			         order_form_field_at(st, i)->def.column);
			snprintf(name_buf[2 * i + 1], sizeof name_buf[0], "%s#label",
			         order_form_field_at(st, i)->def.column);
			names[n] = name_buf[2 * i], values[n++] = ids[i];
			names[n] = name_buf[2 * i + 1], values[n++] = st->chosen[i];
		}
	}
	return draft_encode(names, values, n);
}

void order_line_draft_keep(struct app *app, struct order_form_state *st, bool now)
{
	char *payload;

	if (!order_form_line_touched(st) || (payload = draft_payload(st)) == NULL)
		return;
	{
		const char *params[] = { "order", st->request, payload };

		if (now)
			app_exec_now(app, draft_save_sql, 3, params);
		else
			app_query(app, NULL, draft_save_sql, 3, params, NULL);
	}
	free(payload);
}

void order_line_draft_drop(struct app *app, struct order_form_state *st)
{
	const char *params[] = { "order", st->request };

	app_query(app, NULL, draft_drop_sql, 2, params, NULL);
}

static const char *draft_value(const struct draft_field *fields, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].name, name) == 0)
			return fields[i].value;
	return NULL;
}

/* A kept draft: the order it belongs to and the request that identifies it. */
void order_line_restore(struct app *app, struct order_form_state *st,
                        struct order_form_request *request)
{
	struct draft_field *fields = NULL;
	size_t count = 0;
	const char *value;

	if (!draft_decode(request->draft, &fields, &count)) {
		app_message(app, "The kept line cannot be read any more.");
		free(request->draft);
		request->draft = NULL;
		return;
	}
	if ((value = draft_value(fields, count, "kind")) != NULL)
		request->kind = order_kind_find(value) ? order_kind_find(value)->code : "leave";
	if ((value = draft_value(fields, count, "order_id")) != NULL)
		request->order_id = atol(value);
	if ((value = draft_value(fields, count, "request")) != NULL &&
	    strlen(value) < UUID_TEXT_SIZE)
		snprintf(st->request, sizeof st->request, "%s", value);
	draft_fields_free(&fields, count);
}

/* The fields of a kept line, once the form is set up. */
void order_line_restore_fields(struct order_form_state *st, const char *payload)
{
	struct draft_field *fields = NULL;
	size_t count = 0;
	const char *value;

	if (!draft_decode(payload, &fields, &count))
		return;
	for (int i = 0; i < st->kind->nfields; i++) {
		char name[64];

		if ((value = draft_value(fields, count, order_form_field_at(st, i)->def.column)) !=
		    NULL)
			form_set_value(&st->line, i, value, false);
		snprintf(name, sizeof name, "%s#id", order_form_field_at(st, i)->def.column);
		if ((value = draft_value(fields, count, name)) != NULL) {
			long id = atol(value);

			snprintf(name, sizeof name, "%s#label",
			         order_form_field_at(st, i)->def.column);
			if ((value = draft_value(fields, count, name)) != NULL &&
			    strcmp(value, form_value(&st->line, i)) == 0)
				order_form_choose(st, i, id, value);
		}
	}
	if ((value = draft_value(fields, count, "line_no")) != NULL)
		st->line_no = atoi(value);
	if ((value = draft_value(fields, count, "basis")) != NULL)
		editline_set(&st->basis, value);
	/* Typing goes on where it stopped. */
	if ((value = draft_value(fields, count, "_focus")) != NULL && atoi(value) >= 0 &&
	    atoi(value) < st->kind->nfields)
		form_focus(&st->line, atoi(value));
	draft_fields_free(&fields, count);
}

/* ---- finding employees, positions, penalties ---------------------------------------- */

/* The line's effective day (ISO), today when not typed yet. */
static void line_day(struct app *app, const struct order_form_state *st, char *iso)
{
	struct field_context ctx = order_form_context_of(app);
	int i = order_field_index(st->kind, "effective");
	struct date day = ctx.today;

	if (i >= 0)
		(void)date_parse(form_value(&st->line, i), ctx.date_format, &day, NULL);
	date_to_iso(day, iso, DATE_TEXT_SIZE);
}

static void open_list(struct order_form_state *st, int field)
{
	st->pick_field = field;
	picklist_open(&st->pick, (const char *const *)st->pick_items, st->pick_count, 0);
}

static struct reaction on_received(struct app *app, void *owner, const PGresult *result,
                                   enum status status)
{
	struct order_form_state *st = owner;
	int field = 0;

	st->busy = false;
	if (result == NULL || PQntuples(result) != 1 || st->receiving_label == NULL) {
		if (result == NULL)
			app_error_db(app, status);
		free(st->receiving_label);
		st->receiving_label = NULL;
		return react_done();
	}
	order_form_choose(st, field, atol(PQgetvalue(result, 0, ORDER_RECEIVED_ID)),
	                  st->receiving_label);
	free(st->receiving_label);
	st->receiving_label = NULL;
	app_message(app, "The file came over from the other organisation; key the hire.");
	order_form_advance(app, st);
	return react_done();
}

/* Takes a choice from a list for field `field`: a file another organisation
 * released (negative id) is first copied into this one. */
void order_line_take(struct app *app, struct order_form_state *st, int field, long id,
                     const char *label)
{
	char release[24];
	const char *params[] = { release };

	if (id >= 0 || order_form_field_at(st, field)->kind != ORDER_FIELD_PERSON) {
		order_form_choose(st, field, id, label);
		order_form_advance(app, st);
		return;
	}
	snprintf(release, sizeof release, "%ld", -id);
	free(st->receiving_label);
	st->receiving_label = xstrdup(label);
	st->busy = true;
	app_query_n(app, st, order_receive_sql, ORDER_RECEIVED_COLUMNS, 1, params, on_received);
}

/* One choice of a list as offered: what the statement that answered (of
 * the `kind` of field it serves) says about row r. */
static void list_item(enum order_field_kind kind, const PGresult *result, int r, char *item,
                      size_t size)
{
	switch (kind) {
	case ORDER_FIELD_PERSON:
		/* A file released by another organisation: where it comes from. */
		snprintf(item, size, "%s (%s)", PQgetvalue(result, r, ORDER_PEOPLE_NAME),
		         PQgetvalue(result, r, ORDER_PEOPLE_PERSONNEL_NO)[0]
		                 ? PQgetvalue(result, r, ORDER_PEOPLE_PERSONNEL_NO)
		         : atol(PQgetvalue(result, r, ORDER_PEOPLE_ID)) < 0
		                 ? PQgetvalue(result, r, ORDER_PEOPLE_TITLE)
		                 : "not employed");
		break;
	case ORDER_FIELD_POSITION:
		snprintf(item, size, "%s, %s (%s vacant)", PQgetvalue(result, r, ORDER_VAC_TITLE),
		         PQgetvalue(result, r, ORDER_VAC_DEPARTMENT),
		         PQgetvalue(result, r, ORDER_VAC_VACANT));
		break;
	case ORDER_FIELD_ORG:
		snprintf(item, size, "%s", PQgetvalue(result, r, ORDER_ORG_LABEL));
		break;
	default:
		snprintf(item, size, "%s (since %s)", PQgetvalue(result, r, ORDER_PEN_PENALTY),
		         PQgetvalue(result, r, ORDER_PEN_IMPOSED_ON));
		break;
	}
}

/* The id of row r of a list; every list statement has it first, where the
 * people's list names it. */
static long list_id(const PGresult *result, int r)
{
	_Static_assert(ORDER_PEOPLE_ID == 0 && ORDER_VAC_POSITION_ID == 0 && ORDER_ORG_ID == 0 &&
	                       ORDER_PEN_ID == 0,
	               "the lists of an order line have their id first");
	return atol(PQgetvalue(result, r, ORDER_PEOPLE_ID));
}

/* A list came back, from the statement for a field of `kind`: one match is
 * taken (and Enter goes on), several are offered. */
static struct reaction found(struct app *app, struct order_form_state *st,
                             const PGresult *result, enum status status,
                             enum order_field_kind kind)
{
	int field = st->pick_field;
	const struct order_field *f = order_form_field_at(st, field);
	const char *typed = form_value(&st->line, field);
	bool from_f4 = !st->enter_pending;
	int exact = -1;

	order_form_clear_pick(st);
	st->pick_field = field;
	if (result == NULL) {
		st->enter_pending = false;
		app_error_db(app, status);
		return react_done();
	}
	st->pick_items = xcalloc((size_t)PQntuples(result) + 1, sizeof *st->pick_items);
	st->pick_ids = xcalloc((size_t)PQntuples(result) + 1, sizeof *st->pick_ids);
	for (int r = 0; r < PQntuples(result); r++) {
		char item[400];

		list_item(kind, result, r, item, sizeof item);
		if (kind == ORDER_FIELD_PERSON &&
		    strcasecmp(PQgetvalue(result, r, ORDER_PEOPLE_PERSONNEL_NO), typed) == 0)
			exact = st->pick_count;
		st->pick_ids[st->pick_count] = list_id(result, r);
		st->pick_items[st->pick_count++] = xstrdup(item);
	}
	if (st->pick_count == 0) {
		char text[240];

		st->enter_pending = false;
		snprintf(text, sizeof text, "%s: %s", f->def.label,
		         kind == ORDER_FIELD_PERSON
		                 ? (strcmp(st->kind->code, "hire") == 0
		                            ? "no one without a current employment matches; "
		                              "register the person in the file first."
		                            : "no employee of this organisation matches on that "
		                              "day.")
		         : kind == ORDER_FIELD_POSITION ? "no position with a vacant rate matches."
		         : kind == ORDER_FIELD_ORG      ? "no other organisation matches."
		                                      : "no penalty in force.");
		app_message(app, text);
		return react_done();
	}
	if (!from_f4 && (st->pick_count == 1 || exact >= 0)) {
		int k = exact >= 0 ? exact : 0;

		st->enter_pending = false;
		order_line_take(app, st, field, st->pick_ids[k], st->pick_items[k]);
		order_form_clear_pick(st);
		return react_done();
	}
	open_list(st, field);
	app_dirty(app);
	return react_done();
}

/* Each list statement answers its own callback, so an answer is read by the
 * columns of the statement that gave it. */
static struct reaction on_people(struct app *app, void *owner, const PGresult *result,
                                 enum status status)
{
	return found(app, owner, result, status, ORDER_FIELD_PERSON);
}

static struct reaction on_orgs(struct app *app, void *owner, const PGresult *result,
                               enum status status)
{
	return found(app, owner, result, status, ORDER_FIELD_ORG);
}

static struct reaction on_vacancies(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	return found(app, owner, result, status, ORDER_FIELD_POSITION);
}

static struct reaction on_penalties(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	return found(app, owner, result, status, ORDER_FIELD_PENALTY);
}

/* Asks the database for what field i may hold, narrowed by what is typed. */
void order_line_find(struct app *app, struct order_form_state *st, int i)
{
	char day[DATE_TEXT_SIZE], person[24];
	const struct order_field *f = order_form_field_at(st, i);

	line_day(app, st, day);
	st->pick_field = i;
	if (f->kind == ORDER_FIELD_PERSON) {
		const char *params[] = { form_value(&st->line, i), day,
			                 strcmp(st->kind->code, "hire") == 0 ? "hire" : "" };

		app_query_latest_n(app, st, &st->pick, order_people_sql, ORDER_PEOPLE_COLUMNS, 3,
		                   params, on_people);
	} else if (f->kind == ORDER_FIELD_ORG) {
		const char *params[] = { st->enter_pending ? form_value(&st->line, i) : "" };

		app_query_latest_n(app, st, &st->pick, order_orgs_sql, ORDER_ORG_COLUMNS, 1, params,
		                   on_orgs);
	} else if (f->kind == ORDER_FIELD_POSITION) {
		/* Typed text narrows the vacancies; F4 lists them all. */
		const char *params[] = { day, st->enter_pending ? form_value(&st->line, i) : "" };

		app_query_latest_n(app, st, &st->pick, order_vacancies_sql, ORDER_VAC_COLUMNS, 2,
		                   params, on_vacancies);
	} else {
		const char *params[] = { person, day };

		if (st->ids[0] == 0) {
			st->enter_pending = false;
			app_message(app, "Choose the employee first.");
			return;
		}
		snprintf(person, sizeof person, "%ld", st->ids[0]);
		app_query_latest_n(app, st, &st->pick, order_penalties_sql, ORDER_PEN_COLUMNS, 2,
		                   params, on_penalties);
	}
}

void order_line_choices(struct order_form_state *st, int i)
{
	const char *const *choices = field_choices(&order_form_field_at(st, i)->def);
	int n = 0;

	order_form_clear_pick(st);
	while (choices != NULL && choices[n] != NULL)
		n++;
	st->pick_items = xcalloc((size_t)n + 1, sizeof *st->pick_items);
	for (int k = 0; k < n; k++)
		st->pick_items[k] = xstrdup(choices[k]);
	st->pick_count = n;
	open_list(st, i);
}
