/*
 * person.h - the register of people: the search-as-you-type query with
 * keyset pagination, the creation of a person (idempotent by request id)
 * and the duplicate check.  SQL text lives here; values travel as $n
 * parameters.  Results are read from PGresults into plain structs.
 */
#ifndef HRMIS_PERSON_H
#define HRMIS_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>

enum person_status_filter {
	PERSON_CURRENT, /* employed on the as-of date, or never employed (being hired) */
	PERSON_FORMER,  /* employed before, not on the as-of date */
	PERSON_ALL,     /* everyone registered by the organisation */
};

/* Rows fetched per page of the register. */
enum { PERSON_PAGE = 50 };

struct person_filter {
	const char *search; /* typed text through person_like_escape(); "" for none */
	enum person_status_filter status;
	const char *as_of;  /* ISO date */
	long department_id; /* 0 for any department */
};

/* Where a page starts: after (or, going back, before) this row's sort key. */
struct person_key {
	char *last_name;
	char *first_name;
	long id;
};

struct person_row {
	long id;
	char *last_name, *first_name, *middle_name;
	char *personal_id; /* "" when none */
	char *birth_date;  /* ISO, "" when unknown */
	char *org_code;
	char *personnel_no; /* "" without employment */
	char *position;     /* title on the as-of date, "" when none */
	char *department;
	char *status; /* "current", "former" or "none" */
};

/* The register query: parameters are filled by person_register_params(). */
extern const char *const person_register_sql;          /* forward, ascending */
extern const char *const person_register_backward_sql; /* before a key, descending */
enum { PERSON_REGISTER_PARAMS = 8 };

/* The columns of both register statements, in order. */
enum person_register_column {
	REGISTER_ID,
	REGISTER_LAST_NAME,
	REGISTER_FIRST_NAME,
	REGISTER_MIDDLE_NAME,
	REGISTER_PERSONAL_ID,
	REGISTER_BIRTH_DATE,
	REGISTER_ORG_CODE,
	REGISTER_PERSONNEL_NO,
	REGISTER_POSITION,
	REGISTER_DEPARTMENT,
	REGISTER_STATUS,
	REGISTER_COLUMNS
};

/*
 * Fills params[PERSON_REGISTER_PARAMS] for the filter and the page start
 * (key NULL: the first page).  `storage` (at least 64 bytes) holds the
 * texts made here and must live as long as params.  The search text is
 * lower-cased by the server and its LIKE wildcards are escaped here.
 */
void person_register_params(const struct person_filter *filter, const struct person_key *key,
                            const char **params, char *storage, size_t storage_size);

/*
 * Reads a register result into a new array (*rows, *count); the caller
 * frees it with person_rows_free().  `reverse` flips the order (for the
 * backward query).  Returns false if the result does not have the
 * expected columns.
 */
bool person_rows_read(const PGresult *result, bool reverse, struct person_row **rows,
                      size_t *count);
void person_rows_free(struct person_row **rows, size_t count);

/* The sort key of a row, as a new key the caller frees with person_key_clear(). */
void person_key_of(const struct person_row *row, struct person_key *key);
void person_key_clear(struct person_key *key);

/* "Петров Иван Сергеевич": surname, given name, patronymic; malloc'd. */
char *person_full_name(const char *last, const char *first, const char *middle);

/* Escapes LIKE's wildcards (% _ \) so typed text matches literally; malloc'd. */
char *person_like_escape(const char *text);

/*
 * Duplicate check before creating: $1 personal ID number.  One row:
 * status ('none', 'own', 'elsewhere') and the person id when 'own'.
 */
extern const char *const person_id_status_sql;
enum person_id_status_column {
	PERSON_ID_STATUS, /* 'none', 'own', 'elsewhere' */
	PERSON_ID_STATUS_PERSON,
	PERSON_ID_STATUS_COLUMNS
};

/* Same surname, given name and birth date in the own organisation:
 * $1 last name, $2 first name, $3 ISO birth date.  Rows: id, full name. */
extern const char *const person_namesakes_sql;
enum person_namesake_column { PERSON_NAMESAKE_ID, PERSON_NAMESAKE_NAME, PERSON_NAMESAKE_COLUMNS };

/*
 * Creates a person, or finds the one an earlier attempt with the same
 * request id created: $1 request uuid, $2 last, $3 first, $4 middle,
 * $5 birth date, $6 gender, $7 personal id ("" = none), $8 citizenship.
 * Returns one row: the person id.
 */
extern const char *const person_create_sql;
enum person_create_column { PERSON_CREATED_ID, PERSON_CREATE_COLUMNS };

/* The register's department filter: the departments the login sees today:
 * id, name (with the organisation's code where two share a name). */
extern const char *const person_departments_sql;
enum person_department_column {
	PERSON_DEPARTMENT_ID,
	PERSON_DEPARTMENT_NAME,
	PERSON_DEPARTMENT_COLUMNS
};

#endif
