/*
 * entry.c - the form for one record of a person's file, and for a new
 * person.  Fields are checked when the focus leaves them (the cursor stays
 * on a bad field, the reason on the message line); what was typed is kept
 * as a server-side draft after every field, so a dropped session loses at
 * most the field being typed; a save is one statement checked against the
 * version loaded, and a conflict shows both sides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "attachment.h"
#include "draft.h"
#include "form.h"
#include "picklist.h"
#include "person.h"
#include "personnel_screens.h"
#include "tui.h"
#include "xalloc.h"

struct entry_state {
	struct entry_request *request;
	const struct section_def *section;
	const struct field_def *fields; /* the section's, or the attachment form's */
	int nfields;
	bool attach; /* adding a document: title and a file to read */
	struct form form;
	bool saving;
	bool joined; /* the save joins what someone else saved meanwhile */
	bool discard_armed;   /* F3 pressed once with unsaved changes */
	bool id_elsewhere;    /* the ID number belongs to a person of another org */
	struct picklist pick; /* the value list (F4) */
	bool showing_error;   /* the message line holds a field's reason */
	char draft_record[48];
	struct app *app;
};

static const enum action legend[] = { ACTION_HELP, ACTION_SAVE, ACTION_BACK, ACTION_LOOKUP,
	                              ACTION_NONE };


/* ---- requests ------------------------------------------------------------ */

struct entry_request *entry_request_new_person(void)
{
	struct entry_request *request = xcalloc(1, sizeof *request);

	request->section = SECTION_PERSONAL;
	request->create_person = true;
	if (!uuid_v4(request->request_id))
		request->request_id[0] = '\0';
	request->title = xstrdup("New person");
	return request;
}

struct entry_request *entry_request_for(enum section_id section, long person_id, long record_id,
                                        int version, const char *const *values, const char *title)
{
	struct entry_request *request = xcalloc(1, sizeof *request);
	const struct section_def *def = section_get(section);

	request->section = section;
	request->person_id = person_id;
	request->record_id = record_id;
	request->version = version;
	request->title = xstrdup(title ? title : def->title);
	if (values != NULL) {
		request->values = xcalloc((size_t)def->nfields, sizeof *request->values);
		for (int i = 0; i < def->nfields; i++)
			request->values[i] = xstrdup(values[i] ? values[i] : "");
	}
	return request;
}

void entry_request_free(struct entry_request **request)
{
	if (request == NULL || *request == NULL)
		return;
	if ((*request)->values != NULL) {
		for (int i = 0; i < section_get((*request)->section)->nfields; i++)
			free((*request)->values[i]);
		free((*request)->values);
	}
	free((*request)->title);
	free(*request);
	*request = NULL;
}

struct entry_request *entry_request_from_draft(const char *form, const char *record,
                                               const char *payload)
{
	const struct section_def *def = section_named(form);
	struct draft_field *fields;
	struct entry_request *request;
	size_t count;

	if (def == NULL || def->read_only || !draft_decode(payload, &fields, &count))
		return NULL;
	request = xcalloc(1, sizeof *request);
	request->section = def->id;
	request->record_id = atol(record);
	request->values = xcalloc((size_t)def->nfields, sizeof *request->values);
	for (int i = 0; i < def->nfields; i++)
		request->values[i] = xstrdup("");
	for (size_t i = 0; i < count; i++) {
		int index = section_field_index(def, fields[i].name);

		if (index >= 0) {
			free(request->values[index]);
			request->values[index] = xstrdup(fields[i].value);
		} else if (strcmp(fields[i].name, "_request_id") == 0) {
			snprintf(request->request_id, sizeof request->request_id, "%s",
			         fields[i].value);
			request->create_person = fields[i].value[0] != '\0';
		} else if (strcmp(fields[i].name, "_version") == 0) {
			request->version = atoi(fields[i].value);
		} else if (strcmp(fields[i].name, "_person_id") == 0) {
			request->person_id = atol(fields[i].value);
		}
	}
	draft_fields_free(&fields, count);
	request->from_draft = true;
	request->title = xstrdup(request->create_person ? "New person (resumed)" : def->title);
	return request;
}

/* ---- drafts ----------------------------------------------------------------- */

/* The record a resumed draft changes, as stored now: what the typed values
 * are compared with (the marks of the changed fields). */
static struct reaction on_original(struct app *app, void *owner, const PGresult *result,
                                   enum status status)
{
	struct entry_state *st = owner;
	struct field_context ctx;

	(void)status;
	if (result == NULL)
		return react_done();
	app_field_context(app, &ctx);
	for (int r = 0; r < PQntuples(result); r++) {
		if (atol(PQgetvalue(result, r, SECTION_COL_ID)) != st->request->record_id)
			continue;
		for (int i = 0; i < st->nfields; i++) {
			char *typed = xstrdup(form_value(&st->form, i));
			char *shown = field_display(&st->fields[i],
			                            PQgetvalue(result, r, SECTION_COL_FIELD + i), &ctx);

			form_set_value(&st->form, i, shown, true);
			form_set_value(&st->form, i, typed, false);
			free(shown);
			free(typed);
		}
	}
	return react_done();
}

static void load_original(struct app *app, struct entry_state *st)
{
	char person[24], today[DATE_TEXT_SIZE];
	const char *params[] = { person, date_to_iso(date_today(), today, sizeof today) };

	snprintf(person, sizeof person, "%ld", st->request->person_id);
	app_query_n(app, st, st->section->select_sql, section_columns(st->section), 2, params,
	            on_original);
}

/* The form's fields, as stored values, with the request's identity. */
static char *draft_payload(struct app *app, struct entry_state *st)
{
	const struct section_def *def = st->section;
	const char *names[32], *values[32];
	char *stored[32], version[16], person[24];
	struct field_context ctx;
	size_t n = 0;
	char *json;

	app_field_context(app, &ctx);
	for (int i = 0; i < def->nfields && n < 28; i++, n++) {
		names[n] = def->fields[i].column;
		/* Kept as typed: a half-typed date is not lost to conversion. */
		stored[n] = xstrdup(form_value(&st->form, i));
		values[n] = stored[n];
	}
	snprintf(version, sizeof version, "%d", st->request->version);
	snprintf(person, sizeof person, "%ld", st->request->person_id);
	names[n] = "_request_id", values[n] = st->request->request_id, stored[n++] = NULL;
	names[n] = "_version", values[n] = version, stored[n++] = NULL;
	names[n] = "_person_id", values[n] = person, stored[n++] = NULL;
	json = draft_encode(names, values, n);
	for (size_t i = 0; i < n; i++)
		free(stored[i]);
	return json;
}

static void draft_keep(struct app *app, struct entry_state *st, bool now)
{
	char *payload;

	if (st->attach)
		return; /* a path and a title are quickly typed again */
	payload = draft_payload(app, st);
	const char *params[] = { st->section->name, st->draft_record, payload };

	if (payload == NULL)
		return;
	if (now)
		app_exec_now(app, draft_save_sql, 3, params);
	else
		app_query(app, NULL, draft_save_sql, 3, params, NULL);
	free(payload);
}

static void draft_drop(struct app *app, struct entry_state *st)
{
	const char *params[] = { st->section->name, st->draft_record };

	app_query(app, NULL, draft_drop_sql, 2, params, NULL);
}

/* ---- opening ---------------------------------------------------------------- */

/* Adding a document: its title and the file on this machine to attach. */
static const struct field_def attach_fields[] = {
	{ "title", "Title", FIELD_TEXT, 200, true, NULL, 0 },
	{ "path", "File to attach", FIELD_TEXT, 400, true, NULL, 0 },
};

static void *entry_open(struct app *app, void *arg)
{
	struct entry_state *st = xcalloc(1, sizeof *st);
	struct field_context ctx;

	st->request = arg;
	st->app = app;
	st->section = section_get(st->request->section);
	st->fields = st->section->fields;
	st->nfields = st->section->nfields;
	if (st->section->id == SECTION_DOCUMENT && st->request->record_id == 0) {
		st->attach = true;
		st->fields = attach_fields;
		st->nfields = sizeof attach_fields / sizeof attach_fields[0];
		st->request->values = NULL;
	}
	app_field_context(app, &ctx);
	form_init(&st->form, st->nfields);
	for (int i = 0; i < st->nfields; i++) {
		const struct field_def *def = &st->fields[i];
		const char *stored = st->request->values ? st->request->values[i] : "";
		/* Draft values are as typed; loaded ones are stored values. */
		char *shown = st->request->from_draft ? xstrdup(stored)
		                                      : field_display(def, stored, &ctx);

		/* A resumed draft is what was typed, changed from the record (read
		 * below) or from nothing: each typed field keeps its mark. */
		form_set_field(&st->form, i, def->label, st->request->from_draft ? "" : shown,
		               (size_t)def->max_chars * 4);
		if (st->request->from_draft)
			form_set_value(&st->form, i, shown, false);
		free(shown);
	}
	if (st->request->from_draft && !st->request->create_person && st->request->record_id > 0)
		load_original(app, st);
	if (st->request->create_person)
		snprintf(st->draft_record, sizeof st->draft_record, "new:%s",
		         st->request->request_id);
	else
		snprintf(st->draft_record, sizeof st->draft_record, "%ld:%ld",
		         st->request->person_id, st->request->record_id);
	return st;
}

static void entry_close(struct app *app, void *data)
{
	struct entry_state *st = data;

	(void)app;
	form_free(&st->form);
	entry_request_free(&st->request);
	free(st);
}

/* ---- checks ------------------------------------------------------------------ */

/* The birth date and gender typed so far, for the ID number's agreement. */
static void form_context(struct app *app, struct entry_state *st, struct field_context *ctx)
{
	int birth = section_field_index(st->section, "birth_date");
	int gender = section_field_index(st->section, "gender");

	app_field_context(app, ctx);
	if (birth >= 0)
		date_parse(form_value(&st->form, birth), ctx->date_format, &ctx->birth, NULL);
	if (gender >= 0 && strlen(form_value(&st->form, gender)) == 1)
		ctx->gender = form_value(&st->form, gender)[0];
}

static bool check_field(struct app *app, struct entry_state *st, int i)
{
	struct field_context ctx;
	char reason[160];
	bool ok;

	form_context(app, st, &ctx);
	ok = field_check(&st->fields[i], form_value(&st->form, i), &ctx, reason, sizeof reason);
	st->form.fields[i].invalid = !ok;
	if (!ok) {
		char text[256];

		snprintf(text, sizeof text, "%s: %s", st->fields[i].label, reason);
		app_message(app, text);
		st->showing_error = true;
	} else if (st->showing_error) {
		/* The reason is answered: it leaves the message line. */
		app_clear_message(app);
		st->showing_error = false;
	}
	return ok;
}

static struct reaction on_id_status(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	struct entry_state *st = owner;

	(void)status;
	if (result == NULL || PQntuples(result) != 1)
		return react_done();
	st->id_elsewhere = strcmp(PQgetvalue(result, 0, PERSON_ID_STATUS), "elsewhere") == 0;
	if (st->id_elsewhere)
		app_message(app, "This ID number is on file in an organisation you cannot see.");
	else if (strcmp(PQgetvalue(result, 0, PERSON_ID_STATUS), "own") == 0)
		app_message(app, "This ID number is already in your file: see the register (F9 all).");
	return react_done();
}

static struct reaction on_namesakes(struct app *app, void *owner, const PGresult *result,
                                    enum status status)
{
	char text[256];

	(void)owner;
	(void)status;
	if (result == NULL || PQntuples(result) == 0)
		return react_done();
	snprintf(text, sizeof text, "Check first: %s has the same name and birth date.",
	         PQgetvalue(result, 0, PERSON_NAMESAKE_NAME));
	app_message(app, text);
	return react_done();
}

/* Lookups a new person needs when a field is left: duplicates. */
static void after_leaving(struct app *app, struct entry_state *st, int i)
{
	struct field_context ctx;
	const char *column = st->fields[i].column;
	char *stored;

	if (!st->request->create_person)
		return;
	form_context(app, st, &ctx);
	if (strcmp(column, "personal_id") == 0 && form_value(&st->form, i)[0] != '\0') {
		stored = field_stored(&st->fields[i], form_value(&st->form, i), &ctx);
		const char *params[] = { stored };
		app_query_latest_n(app, st, person_id_status_sql, person_id_status_sql,
		                   PERSON_ID_STATUS_COLUMNS, 1, params, on_id_status);
		free(stored);
	} else if (strcmp(column, "birth_date") == 0 && ctx.birth.year != 0) {
		char iso[DATE_TEXT_SIZE];
		const char *params[] = { form_value(&st->form, 0), form_value(&st->form, 1),
			                 date_to_iso(ctx.birth, iso, sizeof iso) };
		app_query_n(app, st, person_namesakes_sql, PERSON_NAMESAKE_COLUMNS, 3, params,
		            on_namesakes);
	}
}

/* Field i is wrong on its own, not only in how it agrees with the others
 * (an ID number and a birth date that differ: either may be the wrong one). */
static bool wrong_alone(struct app *app, struct entry_state *st, int i)
{
	struct field_context ctx;
	char reason[160];

	app_field_context(app, &ctx);
	return !field_check(&st->fields[i], form_value(&st->form, i), &ctx, reason, sizeof reason);
}

/* Leaves the focused field for `to` if the field passes its check; one
 * that only disagrees with another field stays marked but lets the cursor
 * go, so the other can be corrected. */
static void leave_to(struct app *app, struct entry_state *st, int to)
{
	int from = st->form.focus;

	if (!check_field(app, st, from) && wrong_alone(app, st, from))
		return;
	if (form_field_changed(&st->form, from)) {
		draft_keep(app, st, false);
		after_leaving(app, st, from);
	}
	if (to >= 0)
		form_focus(&st->form, to);
}

/* ---- saving ------------------------------------------------------------------ */

static struct reaction on_saved(struct app *app, void *owner, const PGresult *result,
                                enum status status);

/* Builds the stored values; NULL (focus on the bad field) if one fails. */
static char **stored_values(struct app *app, struct entry_state *st)
{
	struct field_context ctx;
	char **values;

	for (int i = 0; i < st->form.count; i++) {
		if (!check_field(app, st, i)) {
			form_focus(&st->form, i);
			return NULL;
		}
	}
	form_context(app, st, &ctx);
	values = xcalloc((size_t)st->form.count, sizeof *values);
	for (int i = 0; i < st->form.count; i++)
		values[i] = field_stored(&st->fields[i], form_value(&st->form, i), &ctx);
	return values;
}

static void free_values(char **values, int count)
{
	for (int i = 0; values && i < count; i++)
		free(values[i]);
	free(values);
}

/* Reads the file named on the form and stores it with its title. */
static void attach(struct app *app, struct entry_state *st)
{
	struct attachment file;
	char reason[160], person[24], **values = stored_values(app, st);

	if (values == NULL)
		return;
	if (!attachment_read(values[1], &file, reason, sizeof reason)) {
		st->form.fields[1].invalid = true;
		form_focus(&st->form, 1);
		app_message(app, reason);
		free_values(values, st->nfields);
		return;
	}
	snprintf(person, sizeof person, "%ld", st->request->person_id);
	const char *params[] = { person, values[0], file.file_name, file.media_type, file.bytes };
	const int lengths[] = { 0, 0, 0, 0, (int)file.size }, formats[] = { 0, 0, 0, 0, 1 };
	const struct db_statement statement = {
		.sql = attachment_insert_sql,
		.nparams = 5,
		.params = params,
		.lengths = lengths,
		.formats = formats,
		.columns = ATTACHMENT_INSERT_COLUMNS,
	};

	/* The bytes as they are (binary), not twice their size as hex text. */
	app_query_with(app, st, &statement, on_saved);
	st->saving = true;
	app_message(app, "Attaching ...");
	attachment_free(&file);
	free_values(values, st->nfields);
}

static void save(struct app *app, struct entry_state *st)
{
	const struct section_def *def = st->section;
	const char *params[32];
	char id[24], version[16], **values;
	int n = 0;

	if (st->saving)
		return;
	if (st->attach) {
		attach(app, st);
		return;
	}
	if (st->id_elsewhere) {
		app_message(app, "Not saved: this ID number is on file in another organisation.");
		return;
	}
	values = stored_values(app, st);
	if (values == NULL)
		return;
	if (st->request->create_person) {
		/* $1 request id, names, birth date, gender, ID, citizenship. */
		static const char *const order[] = { "last_name",  "first_name", "middle_name",
			                             "birth_date", "gender",     "personal_id",
			                             "citizenship" };
		params[n++] = st->request->request_id;
		for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
			params[n++] = values[section_field_index(def, order[i])];
		app_query_n(app, st, person_create_sql, PERSON_CREATE_COLUMNS, n, params, on_saved);
	} else if (st->request->record_id == 0 && def->insert_sql != NULL) {
		snprintf(id, sizeof id, "%ld", st->request->person_id);
		params[n++] = id;
		for (int i = 0; i < def->nfields; i++)
			params[n++] = values[i];
		app_query_n(app, st, def->insert_sql, SECTION_WRITE_COLUMNS, n, params, on_saved);
	} else if (def->update_sql != NULL) {
		snprintf(id, sizeof id, "%ld", st->request->record_id);
		snprintf(version, sizeof version, "%d", st->request->version);
		params[n++] = id;
		params[n++] = version;
		for (int i = 0; i < def->nfields; i++)
			params[n++] = values[i];
		app_query_n(app, st, def->update_sql, SECTION_WRITE_COLUMNS, n, params, on_saved);
	}
	free_values(values, def->nfields);
	st->saving = true;
	app_message(app, "Saving ...");
}

/* ---- conflicts ------------------------------------------------------------------ */

/*
 * Joins the record as saved meanwhile (`theirs`, display form) into the
 * form, field by field: a field only they changed takes theirs, one only
 * this clerk changed keeps the clerk's, and one both changed keeps the
 * clerk's when `keep_mine`, else theirs.  Theirs becomes the loaded value,
 * so '*' marks what saving would still change.
 */
static void join(struct entry_state *st, char **theirs, const bool *both, bool keep_mine)
{
	for (int i = 0; i < st->form.count; i++) {
		bool mine = form_field_changed(&st->form, i);
		char *typed = xstrdup(form_value(&st->form, i));

		form_set_value(&st->form, i, theirs[i], true);
		if (mine && (!both[i] || keep_mine))
			form_set_value(&st->form, i, typed, false);
		free(typed);
	}
}

static void decide(void *data, bool keep_mine, int their_version, char **theirs)
{
	struct entry_state *st = data;
	bool *both = xcalloc((size_t)st->form.count + 1, sizeof *both);

	/* The fields both changed are those the conflict screen marked. */
	for (int i = 0; i < st->form.count; i++)
		both[i] = form_field_changed(&st->form, i) &&
		          strcmp(theirs[i], st->form.fields[i].loaded) != 0 &&
		          strcmp(theirs[i], form_value(&st->form, i)) != 0;
	join(st, theirs, both, keep_mine);
	free(both);
	st->request->version = their_version;
	if (keep_mine) {
		/* Save again over their version: the clerk has seen both sides. */
		save(st->app, st);
		return;
	}
	if (!form_changed(&st->form)) {
		draft_drop(st->app, st);
		app_message(st->app, "Their version is loaded; yours was discarded.");
	} else {
		draft_keep(st->app, st, false);
		app_message(st->app, "Theirs where you both changed; your other changes are kept: "
		                     "F2 saves them.");
	}
}

/* Reads the record as it is now and shows both versions side by side. */
static struct reaction on_current(struct app *app, void *owner, const PGresult *result,
                                  enum status status)
{
	struct entry_state *st = owner;
	struct conflict_request *request;
	struct field_context ctx;
	int row = -1, conflicts = 0;

	if (result == NULL) {
		app_error_db(app, status);
		return react_done();
	}
	for (int r = 0; r < PQntuples(result); r++)
		if (atol(PQgetvalue(result, r, SECTION_COL_ID)) == st->request->record_id)
			row = r;
	if (row < 0) {
		app_message(app, "This entry was deleted by someone else meanwhile; F3 leaves.");
		return react_done();
	}
	app_field_context(app, &ctx);
	request = xcalloc(1, sizeof *request);
	request->section = st->section;
	request->mine = xcalloc((size_t)st->form.count, sizeof *request->mine);
	request->theirs = xcalloc((size_t)st->form.count, sizeof *request->theirs);
	request->both = xcalloc((size_t)st->form.count + 1, sizeof *request->both);
	for (int i = 0; i < st->form.count; i++) {
		request->mine[i] = xstrdup(form_value(&st->form, i));
		request->theirs[i] =
		        field_display(&st->fields[i],
		                      PQgetvalue(result, row, SECTION_COL_FIELD + i), &ctx);
		/* Changed by both, to different values: the clerk chooses. */
		request->both[i] = form_field_changed(&st->form, i) &&
		                   strcmp(request->theirs[i], st->form.fields[i].loaded) != 0 &&
		                   strcmp(request->theirs[i], request->mine[i]) != 0;
		conflicts += request->both[i];
	}
	request->their_version = atoi(PQgetvalue(result, row, SECTION_COL_VERSION));
	if (conflicts == 0) {
		/* Different fields: their changes join the clerk's, and the save
		 * goes again on top of their version, without asking. */
		join(st, request->theirs, request->both, true);
		st->request->version = request->their_version;
		for (int i = 0; i < st->form.count; i++) {
			free(request->mine[i]);
			free(request->theirs[i]);
		}
		free(request->mine);
		free(request->theirs);
		free(request->both);
		free(request);
		st->joined = true;
		save(app, st);
		return react_done();
	}
	request->entry = st;
	request->decide = decide;
	return react_open(&conflict_screen, request);
}

static void show_conflict(struct app *app, struct entry_state *st)
{
	char person[24], today[DATE_TEXT_SIZE];
	struct date date = date_today();
	const char *params[] = { person, date_to_iso(date, today, sizeof today) };

	snprintf(person, sizeof person, "%ld", st->request->person_id);
	app_query_n(app, st, st->section->select_sql, section_columns(st->section), 2, params,
	            on_current);
}

static struct reaction on_saved(struct app *app, void *owner, const PGresult *result,
                                enum status status)
{
	struct entry_state *st = owner;

	st->saving = false;
	if (result == NULL) {
		if (status == STATUS_DB_LOST)
			app_message(app,
			            "The connection was lost while saving. Reconnect (F5 on Home) "
			            "and press F2 again: nothing is saved twice.");
		else
			app_error_db(app, status);
		return react_done();
	}
	if (PQntuples(result) == 0) {
		show_conflict(app, st);
		return react_done();
	}
	draft_drop(app, st);
	if (st->request->create_person) {
		struct profile_request *request = xcalloc(1, sizeof *request);

		request->person_id = atol(PQgetvalue(result, 0, PERSON_CREATED_ID));
		request->as_of = date_today();
		app_message(app, "The person is registered.");
		return react_replace(&profile_screen, request);
	}
	app_message(app, st->joined ? "Saved, with the fields someone else saved meanwhile."
	                            : "Saved.");
	if (st->request->from_draft) {
		/* Resumed from Home: the file it belongs to, not Home again. */
		struct profile_request *request = xcalloc(1, sizeof *request);

		request->person_id = st->request->person_id;
		request->as_of = date_today();
		return react_replace(&profile_screen, request);
	}
	return react_close();
}

/* ---- keys -------------------------------------------------------------------- */

static void open_pick(struct app *app, struct entry_state *st)
{
	const char *const *choices = field_choices(&st->fields[st->form.focus]);
	int count = 0, selected = 0;

	if (choices == NULL) {
		app_message(app, "This field has no list of values.");
		return;
	}
	for (; choices[count] != NULL; count++)
		if (strcmp(choices[count], form_value(&st->form, st->form.focus)) == 0)
			selected = count;
	picklist_open(&st->pick, choices, count, selected);
}

static struct reaction entry_key(struct app *app, void *data, int key)
{
	struct entry_state *st = data;

	(void)app;
	if (st->pick.open) {
		if (picklist_key(&st->pick, key) == PICKLIST_CHOSEN)
			form_set_value(&st->form, st->form.focus, st->pick.items[st->pick.selected],
			               false);
		return react_done();
	}
	if (key == KEY_CODE_ENTER || key == KEY_CODE_TAB || key == KEY_CODE_BTAB)
		return react_pass(); /* moving between fields is an action */
	if (form_edit_key(&st->form, key)) {
		st->form.fields[st->form.focus].invalid = false;
		st->discard_armed = false;
		return react_done();
	}
	return react_pass();
}

static struct reaction entry_action(struct app *app, void *data, enum action action)
{
	struct entry_state *st = data;

	switch (action) {
	case ACTION_NEXT_FIELD:
		leave_to(app, st,
		         form_next(&st->form) >= 0 ? form_next(&st->form) : st->form.focus);
		return react_done();
	case ACTION_PREV_FIELD:
		leave_to(app, st,
		         form_prev(&st->form) >= 0 ? form_prev(&st->form) : st->form.focus);
		return react_done();
	case ACTION_LOOKUP:
		open_pick(app, st);
		return react_done();
	case ACTION_SAVE:
		save(app, st);
		return react_done();
	case ACTION_BACK:
		if (form_changed(&st->form) && !st->discard_armed) {
			st->discard_armed = true;
			app_message(app,
			            "Not saved yet: F2 saves; F3 again discards what you typed.");
			return react_done();
		}
		if (form_changed(&st->form))
			draft_drop(app, st);
		app_clear_message(app);
		return react_close();
	default:
		return react_pass();
	}
}

static void entry_draw(struct app *app, void *data, struct rect body)
{
	struct entry_state *st = data;
	char line[160];

	snprintf(line, sizeof line, "%s%s", st->request->title,
	         st->request->record_id       ? ""
	         : st->request->create_person ? ""
	                                      : " (new entry)");
	tui_put(body.row, body.col + 1, body.cols - 2, TUI_HEADING, false, line);
	form_draw(&st->form, body.row + 2, body.col + 1, body.rows - 3, body.cols - 2);
	if (st->pick.open)
		picklist_draw(&st->pick, body.row + 3 + st->form.focus - st->form.top,
		              body.col + 4 + st->form.label_width + 2);
	(void)app;
}

/* The session ends: keep what was typed, including the field being typed. */
static void entry_save_draft(struct app *app, void *data)
{
	struct entry_state *st = data;

	if (form_changed(&st->form))
		draft_keep(app, st, true);
}

/* The request open() would have taken (the stack was full). */
static void drop_request(void *arg)
{
	struct entry_request *request = arg;

	entry_request_free(&request);
}

/* What handle_action takes; the rest is the app's. */
static const enum action handled_actions[] = { ACTION_SAVE, ACTION_LOOKUP, ACTION_NEXT_FIELD, ACTION_PREV_FIELD, ACTION_BACK, ACTION_NONE };

const struct screen_ops entry_screen = {
	.drop = drop_request,
	.actions = handled_actions,
	.name = "entry",
	.title = "Personnel file",
	.legend = legend,
	.open = entry_open,
	.draw = entry_draw,
	.handle_action = entry_action,
	.handle_key = entry_key,
	.close = entry_close,
	.save_draft = entry_save_draft,
};
