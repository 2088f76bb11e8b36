/*
 * structure.h - the organisation's structure and staffing table: the SQL
 * the structure screens send (constant text, $n parameters, functions of
 * db/010_structure.sql) and small pure helpers for their input.
 *
 * Dates are ISO "YYYY-MM-DD" parameters; an effective day is the first day
 * of the new state (the old version ends the day before).  Refusals come
 * back as SQLSTATE 23514 with the clerk's sentence as the message (over the
 * rates, people still on a position, a department still in use), 22023 for
 * bad arguments, P0002 for a unit the login cannot see, 55000 for a batch
 * applied already, 42501 for logins that may not change the structure.
 */
#ifndef HRMIS_STRUCTURE_H
#define HRMIS_STRUCTURE_H

#include <stdbool.h>

/* $1 org id, $2 day: department_id, parent_id, depth, code, name,
 * positions, rates; parents first, siblings by name. */
extern const char *const structure_tree_sql;
enum structure_tree_column {
	TREE_DEPARTMENT_ID,
	TREE_PARENT_ID,
	TREE_DEPTH,
	TREE_CODE,
	TREE_NAME,
	TREE_POSITIONS,
	TREE_RATES,
	TREE_COLUMNS
};

/* $1 org id, $2 day, $3 department ('' = the whole organisation; else it
 * and the departments below it, without the organisation's total): level
 * ('position', 'department', 'org'), department_id, department code and
 * name, depth, position_id, title, grade, category, rates, filled, vacant;
 * each department's total after its positions, the organisation's last. */
extern const char *const structure_staffing_sql;

/* The columns of structure_staffing_sql, in order. */
enum structure_staffing_column {
	STAFFING_LEVEL,
	STAFFING_DEPARTMENT_ID,
	STAFFING_DEPARTMENT_CODE,
	STAFFING_DEPARTMENT_NAME,
	STAFFING_DEPTH,
	STAFFING_POSITION_ID,
	STAFFING_TITLE,
	STAFFING_GRADE,
	STAFFING_CATEGORY,
	STAFFING_RATES,
	STAFFING_FILLED,
	STAFFING_VACANT,
	STAFFING_COLUMNS
};

/* $1 org id, $2 day, $3 grade ('' = any), $4 department id ('' = any;
 * its sub-departments count too): position_id, title, grade, category,
 * department_id, department_name, rates, filled, vacant. */
extern const char *const structure_vacancies_sql;

/* The columns of structure_vacancies_sql, in order. */
enum structure_vacancy_column {
	VACANCY_POSITION_ID,
	VACANCY_TITLE,
	VACANCY_GRADE,
	VACANCY_CATEGORY,
	VACANCY_DEPARTMENT_ID,
	VACANCY_DEPARTMENT_NAME,
	VACANCY_RATES,
	VACANCY_FILLED,
	VACANCY_VACANT,
	VACANCY_COLUMNS
};

/* $1 day: every organisation the login sees with org_id, code, name,
 * parent_id, departments, positions, rates, filled, vacant (clerks, heads,
 * ministries: under their own row-level security). */
extern const char *const structure_by_org_sql;
/* The same columns through hr.staffing_totals, aggregates only, for the
 * agency, which reads no assignment itself. */
extern const char *const structure_totals_sql;
enum structure_by_org_column {
	BY_ORG_ID,
	BY_ORG_CODE,
	BY_ORG_NAME,
	BY_ORG_PARENT_ID,
	BY_ORG_DEPARTMENTS,
	BY_ORG_POSITIONS,
	BY_ORG_RATES,
	BY_ORG_FILLED,
	BY_ORG_VACANT,
	BY_ORG_COLUMNS
};

/* Stages one step of batch $1 (uuid) for the login's organisation:
 * $2 kind (structure_change_kind_name), $3 position id, $4 department id,
 * $5 title, $6 grade, $7 category, $8 rates ('' = none for each of $3..$8).
 * Returns the step's id. */
extern const char *const structure_stage_sql;
enum structure_stage_column { STAGED_ID, STAGE_COLUMNS };

/* Withdraws step $1 of a batch not applied yet. */
extern const char *const structure_unstage_sql;

/* $1 batch, $2 effective day: change_id, kind ('person' for an affected
 * person), position_id, title, department, old_value, new_value,
 * person_id, person, assignment_id, problem. */
extern const char *const structure_preview_sql;
enum structure_preview_column {
	PREVIEW_CHANGE_ID,
	PREVIEW_KIND, /* a step's kind, or 'person' for a person it affects */
	PREVIEW_POSITION_ID,
	PREVIEW_TITLE,
	PREVIEW_DEPARTMENT,
	PREVIEW_OLD,
	PREVIEW_NEW,
	PREVIEW_PERSON_ID,
	PREVIEW_PERSON,
	PREVIEW_ASSIGNMENT_ID,
	PREVIEW_PROBLEM,
	PREVIEW_COLUMNS
};

/* $1 batch, $2 effective day: applies all its steps in one transaction;
 * returns their number. */
extern const char *const structure_apply_sql;
enum structure_apply_column { APPLIED_STEPS, APPLY_COLUMNS };

/* $1 department, $2 new parent ('' = top level), $3 effective day. */
extern const char *const structure_move_sql;

/* $1 department, $2 code ('' = unchanged), $3 name ('' = unchanged), $4 day. */
extern const char *const structure_rename_sql;

/* $1 department, $2 effective day. */
extern const char *const structure_close_sql;

/* $1 department merged, $2 target department, $3 effective day: one row
 * per moved assignment (employment_id, old and new assignment, old and new
 * position). */
extern const char *const structure_merge_sql;

/* The kinds of staffing steps, in the order of the table's CHECK. */
enum structure_change_kind {
	STRUCTURE_ADD,
	STRUCTURE_REMOVE,
	STRUCTURE_RATES,
	STRUCTURE_MOVE,
	STRUCTURE_RENAME,
	STRUCTURE_CHANGE_KINDS
};

/* The database's name of a kind ("add" ...), static storage. */
const char *structure_change_kind_name(enum structure_change_kind kind);

/* Maps a database name back to a kind; false when unknown. */
bool structure_change_kind_from_name(const char *name, enum structure_change_kind *kind);

/*
 * Parses a number of rates as a clerk types it ("2", "2.5", "0.25",
 * "1,75"; spaces around) into hundredths.  Accepts 0.01 to 9999.99 with at
 * most two decimals (numeric(6,2) of the database).  On failure returns
 * false with *reason (static text) and leaves *hundredths untouched.
 */
bool structure_rates_parse(const char *text, long *hundredths, const char **reason);

/* Writes hundredths as the database reads it ("2.50") into buf (>= 12 bytes). */
char *structure_rates_format(long hundredths, char *buf, unsigned long size);

#endif
