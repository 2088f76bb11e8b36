/*
 * section.h - the sections of a person's file as data: each names its
 * fields (label, kind, limits) and the SQL that reads its entries as of a
 * date and inserts, updates and deletes one.  The profile screen is one
 * generic piece of code driven by this table.
 */
#ifndef HRMIS_SECTION_H
#define HRMIS_SECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "field.h"

enum section_id {
	SECTION_PERSONAL,
	SECTION_EMPLOYMENT,
	SECTION_EDUCATION,
	SECTION_FAMILY,
	SECTION_PRIOR,
	SECTION_GRADE,
	SECTION_TRAINING,
	SECTION_AWARD,
	SECTION_PENALTY,
	SECTION_ASSESSMENT,
	SECTION_CONSENT,
	SECTION_DOCUMENT,
	SECTION_ABSENCE,
	SECTION_PAY,
	SECTION_OBLIGATION,
	SECTION_COUNT
};

struct section_def {
	enum section_id id;
	const char *name; /* table name, as record_history() knows it */
	const char *title;
	const struct field_def *fields;
	int nfields;
	bool single;    /* one record (personal data) instead of a list */
	bool read_only; /* changed only by signed orders */
	/*
	 * $1 person id, $2 as-of date (ISO): rows of id, version, then one
	 * text column per field (dates ISO, "" for NULL).
	 */
	const char *select_sql;
	/* $1 person id, then the fields in order: returns id.  NULL when read-only. */
	const char *insert_sql;
	/* $1 id, $2 version, then the fields: returns version; 0 rows = conflict. */
	const char *update_sql;
	/* $1 id, $2 version: 0 rows = conflict. */
	const char *delete_sql;
};

/* The columns of every section's select_sql: id, version, then field i of
 * the section at SECTION_COL_FIELD + i (SECTION_COL_FIELD + nfields in all). */
enum section_column { SECTION_COL_ID, SECTION_COL_VERSION, SECTION_COL_FIELD };

/* What insert_sql (the id) and update_sql (the new version) return. */
enum section_written_column { SECTION_WRITTEN, SECTION_WRITE_COLUMNS };

/* The columns of a section's select_sql. */
int section_columns(const struct section_def *section);

/* The table of sections, in the order the profile shows them. */
const struct section_def *section_get(enum section_id id);

/* The section of table `name` (as drafts and hr.record_history() name
 * it), or NULL. */
const struct section_def *section_named(const char *name);

/* Index of the field named `column` in `section`, or -1. */
int section_field_index(const struct section_def *section, const char *column);

/* Statements of the batch that opens a file: the sections, then the
 * service periods. */
enum { SECTION_BATCH = SECTION_COUNT + 1 };

/*
 * The statements that open a whole file in one pipelined round trip: one
 * per section, in section order, then the service periods, each with
 * params {person_id, as_of} (the caller's two strings, which must outlive
 * the batch).  Writes SECTION_BATCH statements into `out`.
 */
void section_profile_batch(const char *const params[2], struct db_statement *out);

/*
 * The file's service periods for the length of service: $1 person id,
 * $2 as-of date.  Rows: start (ISO), end (ISO or "" while open).
 */
extern const char *const section_service_periods_sql;
enum section_period_column { PERIOD_START, PERIOD_END, PERIOD_COLUMNS };

/* The change history of one record: $1 table, $2 id.  Rows: at, login, op,
 * field, old value, new value. */
extern const char *const section_history_sql;
enum section_history_column {
	HISTORY_AT,
	HISTORY_LOGIN,
	HISTORY_OP, /* INSERT, UPDATE, DELETE */
	HISTORY_FIELD,
	HISTORY_OLD,
	HISTORY_NEW,
	HISTORY_COLUMNS
};

#endif
