/*
 * order.h - personnel orders as data: the kinds, the fields of a line of
 * each kind, and the SQL the order screens send (constant text, $n
 * parameters, the functions of db/012_orders.sql).
 *
 * A line is keyed into a form whose fields name columns of hr.order_line;
 * order_line_params() turns the form's stored values into the parameters
 * of order_save_line_sql, NULL for every column the kind does not use.
 */
#ifndef HRMIS_ORDER_H
#define HRMIS_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "field.h"

enum order_field_kind {
	ORDER_FIELD_PLAIN,    /* checked by field_check() as def.kind */
	ORDER_FIELD_PERSON,   /* an employee, found by name or personnel number */
	ORDER_FIELD_POSITION, /* a position with a vacant rate (F4 lists them) */
	ORDER_FIELD_PENALTY,  /* a penalty of the employee in force (F4 lists them) */
	ORDER_FIELD_ORG,      /* another organisation of the service (F4 lists them) */
	ORDER_FIELD_RATE,     /* a rate: 0.25 to 2, default 1 */
	ORDER_FIELD_PERCENT,  /* 0 to 500 */
};

struct order_field {
	struct field_def def; /* def.column is the hr.order_line column */
	enum order_field_kind kind;
	const char *initial; /* value of a new line ("" none) */
	bool copied;         /* F6 copies it to the next line */
};

enum { ORDER_MAX_FIELDS = 8 };

struct order_kind {
	const char *code; /* hr.order_kind.code */
	const char *label;
	const char *register_code; /* default register */
	struct order_field fields[ORDER_MAX_FIELDS];
	int nfields;
};

/* The kinds, in the order the new-order list shows them; NULL past the end. */
const struct order_kind *order_kind_at(int i);
int order_kind_count(void);
const struct order_kind *order_kind_find(const char *code);
/* "Leave" for "leave"; the code itself when unknown. */
const char *order_kind_label(const char *code);

/* Index of the field for `column` in a kind, or -1. */
int order_field_index(const struct order_kind *kind, const char *column);

/* The columns of hr.order_line that order_save_line_sql sets, in its
 * parameter order from $4 on; ORDER_LINE_COLUMNS of them. */
enum { ORDER_LINE_COLUMNS = 24 };
extern const char *const order_line_columns[ORDER_LINE_COLUMNS];

/*
 * Fills params[0..ORDER_LINE_COLUMNS-1] for a line of `kind` from
 * values[i] (stored form of field i, "" when empty): the value for a
 * column the kind has and that is not empty, else NULL.
 */
void order_line_params(const struct order_kind *kind, const char *const *values,
                       const char **params);

/* Checks a rate or a percentage as typed; false with a reason. */
bool order_check_number(enum order_field_kind kind, const char *text, char *reason, size_t size);

/* Registers: the journal filter's status values. */
extern const char *const order_statuses[]; /* "all", "draft", "signed", "cancelled", NULL */

/*
 * The journal: $1 status ('all' or one), $2 kind ('' any), $3 register
 * code ('' any), $4 from date ('' none), $5 to date ('' none; by order
 * date, or creation date for drafts), $6 text (number or employee, ''
 * any), $7 person id ('' any).  Rows: id, kind, status, register code,
 * number_text ('' for drafts), date (ISO), employees count, first
 * employee's name, created_by, version; newest first, at most 500.
 */
extern const char *const order_journal_sql;

/* The columns of order_journal_sql, in order. */
enum order_journal_column {
	ORDER_J_ID,
	ORDER_J_KIND,
	ORDER_J_STATUS,
	ORDER_J_REGISTER,
	ORDER_J_NUMBER,
	ORDER_J_DATE,
	ORDER_J_EMPLOYEES,
	ORDER_J_FIRST,
	ORDER_J_CREATED_BY,
	ORDER_J_VERSION,
	ORDER_J_COLUMNS
};

/* $1 order id: id, kind, status, register code, number_text, order date,
 * basis, version, authors (every login that wrote the draft, ", " between),
 * signed_by, signed_at, cancels number,
 * cancelled-by number, signed_text ('' unless signed), cancels_id. */
extern const char *const order_load_sql;

/* The columns of order_load_sql, in order. */
enum order_load_column {
	ORDER_L_ID,
	ORDER_L_KIND,
	ORDER_L_STATUS,
	ORDER_L_REGISTER,
	ORDER_L_NUMBER,
	ORDER_L_DATE,
	ORDER_L_BASIS,
	ORDER_L_VERSION,
	ORDER_L_AUTHORS,
	ORDER_L_SIGNED_BY,
	ORDER_L_SIGNED_AT,
	ORDER_L_CANCELS,
	ORDER_L_CANCELLED_BY,
	ORDER_L_TEXT,
	ORDER_L_CANCELS_ID,
	ORDER_L_COLUMNS
};

/* $1 order id: the lines in order: id, line_no, person_id, person name,
 * personnel number, then every column of order_line_columns as text (dates ISO,
 * '' for NULL), then the position's title, the penalty's text and the name
 * of the organisation transferred to. */
extern const char *const order_lines_sql;
/* The columns of order_lines_sql: the line's column i of order_line_columns
 * is ORDER_LINES_FIRST + i. */
enum order_lines_column {
	ORDER_LINES_ID,
	ORDER_LINES_NO,
	ORDER_LINES_PERSON,
	ORDER_LINES_NAME,
	ORDER_LINES_PERSONNEL_NO,
	ORDER_LINES_FIRST,
	ORDER_LINES_TITLE = ORDER_LINES_FIRST + ORDER_LINE_COLUMNS,
	ORDER_LINES_PENALTY,
	ORDER_LINES_ORG,
	ORDER_LINES_COLUMNS
};

/*
 * Saving a draft line is one batch (one transaction) of three statements:
 * order_save_order_sql ($1 order id ('' for a new order), $2 request
 * uuid, $3 kind, $4 register code, $5 basis) creates the draft with its
 * first line (a retried save finds it by the request) or updates the
 * basis; order_save_line_sql ($1 order id or '', $2 request uuid, $3
 * line_no, then the line columns from $4) adds or replaces the line;
 * order_version_sql ($1, $2 as before, $3 basis) sets the basis and returns
 * the order's id and version.
 */
extern const char *const order_save_order_sql;
extern const char *const order_save_line_sql;
extern const char *const order_version_sql;
/* The columns of order_version_sql. */
enum order_version_column { ORDER_V_ID, ORDER_V_VERSION, ORDER_V_COLUMNS };

/* $1 order id, $2 line_no: removes a line of a draft (the numbers of the
 * others stay; the text numbers lines 1..n). */
extern const char *const order_delete_line_sql;

/* $1 order id: deletes a draft. */
extern const char *const order_delete_sql;

/* $1 order id: line_no, person, severity, problem. */
extern const char *const order_problems_sql;
enum order_problem_column {
	ORDER_P_LINE_NO,
	ORDER_P_PERSON,
	ORDER_P_SEVERITY, /* "error" or "warning" */
	ORDER_P_PROBLEM,
	ORDER_P_COLUMNS
};

/* $1 order id: seq, line_no, action, table_name, description. */
extern const char *const order_preview_sql;

/* $1 signed or cancelled order id: what it wrote, as order_preview_sql
 * (read from the record kept at signing; any login that sees the order). */
extern const char *const order_effects_sql;
/* The columns of order_preview_sql and order_effects_sql. */
enum order_effect_column {
	ORDER_E_SEQ,
	ORDER_E_LINE_NO,
	ORDER_E_ACTION, /* "error" where signing could not write it */
	ORDER_E_TABLE,
	ORDER_E_DESCRIPTION,
	ORDER_E_COLUMNS
};

/* $1 order id, $2 version: number_text, signed_at, already. */
extern const char *const order_sign_sql;
enum order_sign_column { ORDER_S_NUMBER, ORDER_S_SIGNED_AT, ORDER_S_ALREADY, ORDER_S_COLUMNS };

/* $1 order id: the text of the order as it would be signed now. */
extern const char *const order_render_sql;
enum order_render_column { ORDER_R_TEXT, ORDER_R_COLUMNS };

/* $1 signed order id, $2 request uuid: a draft cancelling it (a retry
 * finds it); returns its id. */
extern const char *const order_cancel_sql;
enum order_cancel_column { ORDER_C_ID, ORDER_C_COLUMNS };

/*
 * Employees for an order line: $1 text (name, ID or personnel number),
 * $2 day (ISO), $3 'hire' for anyone not employed that day, else only
 * those employed.  Rows: person id, name, personnel number, position
 * title that day; at most 20, best first.  For a hire, files other
 * organisations released to this one follow, with the negated release id
 * (order_receive_sql takes one on) and "from CODE" as the title.
 */
extern const char *const order_people_sql;
enum order_people_column {
	ORDER_PEOPLE_ID, /* negative: a release to take on */
	ORDER_PEOPLE_NAME,
	ORDER_PEOPLE_PERSONNEL_NO,
	ORDER_PEOPLE_TITLE,
	ORDER_PEOPLE_COLUMNS
};

/* $1 text ('' all): the other organisations of the service whose code or
 * name matches: id, "CODE  Name". */
extern const char *const order_orgs_sql;
enum order_org_column { ORDER_ORG_ID, ORDER_ORG_LABEL, ORDER_ORG_COLUMNS };

/* $1 release id (hr.released_to_us): takes the released file on into the
 * login's organisation; returns the person's id there. */
extern const char *const order_receive_sql;
enum order_receive_column { ORDER_RECEIVED_ID, ORDER_RECEIVED_COLUMNS };

/* $1 day, $2 text ('' all): vacant positions of the login's organisation
 * whose title or department contains the text: position_id, title,
 * department, vacant. */
extern const char *const order_vacancies_sql;
enum order_vacancy_column {
	ORDER_VAC_POSITION_ID,
	ORDER_VAC_TITLE,
	ORDER_VAC_DEPARTMENT,
	ORDER_VAC_VACANT,
	ORDER_VAC_COLUMNS
};

/* No parameters: the next free personnel number of the login's
 * organisation ("MOE-0042" after "MOE-0041"); no row when none has digits. */
extern const char *const order_next_personnel_no_sql;
enum order_next_no_column { ORDER_NEXT_NO, ORDER_NEXT_NO_COLUMNS };

/* $1 person id, $2 day: penalties in force: id, penalty, imposed_on. */
extern const char *const order_penalties_sql;
enum order_penalty_column {
	ORDER_PEN_ID,
	ORDER_PEN_PENALTY,
	ORDER_PEN_IMPOSED_ON,
	ORDER_PEN_COLUMNS
};

/* The organisation's order settings: language, award_repeat_years,
 * obligation rule ('yes'/'no'), version. */
extern const char *const order_settings_sql;
enum order_settings_column {
	ORDER_SET_LANGUAGE,
	ORDER_SET_AWARD_YEARS,
	ORDER_SET_OBLIGATION,
	ORDER_SET_VERSION,
	ORDER_SET_COLUMNS
};
/* Its registers: code, name, pattern, version (at most 8). */
extern const char *const order_registers_sql;
enum order_register_column {
	ORDER_REG_CODE,
	ORDER_REG_NAME,
	ORDER_REG_PATTERN,
	ORDER_REG_VERSION,
	ORDER_REG_COLUMNS
};
/* $1 language, $2 years, $3 'yes'/'no', $4 version: returns the new
 * version; no row when someone changed them meanwhile.  Heads only. */
extern const char *const order_settings_save_sql;
/* $1 register code, $2 pattern, $3 version: returns the new version. */
extern const char *const order_register_save_sql;
/* The columns of order_settings_save_sql and order_register_save_sql. */
enum order_saved_version_column { ORDER_SAVED_VERSION, ORDER_SAVED_COLUMNS };

/* A file name for an order's printout from its number ("12-P/26" ->
 * "order-12-P-26"); writes at most size bytes. */
void order_file_stem(const char *number, long id, char *out, size_t size);

#endif
