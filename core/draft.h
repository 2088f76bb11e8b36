/*
 * draft.h - the JSON form of an unsaved form, as kept in work.draft.payload.
 *
 * A draft is a flat JSON object of field name -> string value.  The client
 * writes it with draft_encode() and sends it as a jsonb parameter; it reads
 * back what PostgreSQL prints for that jsonb with draft_decode().  Nothing
 * else is accepted: nested values, numbers, booleans, null and arrays are
 * malformed drafts, so a damaged row never half-fills a form.
 */
#ifndef HRMIS_DRAFT_H
#define HRMIS_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

struct draft_field {
	char *name;
	char *value;
};

/*
 * Returns the JSON object {"name":"value",...} for `count` pairs, in order,
 * as a new string the caller frees with free().  Quotes and backslashes are
 * escaped, control characters become \u00XX, other UTF-8 is kept as it is.
 * Returns NULL when a name or value is NULL or not valid UTF-8, or when a
 * name repeats (jsonb would silently keep only the last).
 */
char *draft_encode(const char *const *names, const char *const *values, size_t count);

/*
 * Parses a flat JSON object of strings, with any JSON whitespace, the
 * escapes \" \\ \/ \b \f \n \r \t and \uXXXX (surrogate pairs joined into
 * one UTF-8 character).  On success returns true and sets *fields to a new
 * array of *count fields in input order (NULL when the object is empty); the
 * caller frees it with draft_fields_free().  Returns false, with *fields
 * NULL and *count 0 and nothing left allocated, for anything else: invalid
 * UTF-8, a value that is not a string, a repeated name, \u0000 (a C string
 * cannot hold it), a lone surrogate or text after the closing brace.
 */
bool draft_decode(const char *json, struct draft_field **fields, size_t *count);

/* Frees the `count` fields of *fields and the array, and sets *fields to NULL. */
void draft_fields_free(struct draft_field **fields, size_t count);

/*
 * The drafts of the login on the server (work.draft, private to it), one
 * statement each for every form that keeps what is typed:
 *   draft_save_sql   $1 form, $2 record, $3 payload (draft_encode()): keeps it,
 *                    replacing the form's earlier draft of that record;
 *   draft_drop_sql   $1 form, $2 record: forgets it (the form was saved);
 *   draft_latest_sql no parameters: form, record, payload (text) and when it
 *                    was kept (DD.MM.YYYY HH24:MI) of the newest draft, or no row.
 */
extern const char *const draft_save_sql;
extern const char *const draft_drop_sql;
extern const char *const draft_latest_sql;
enum draft_latest_column {
	DRAFT_L_FORM,
	DRAFT_L_RECORD,
	DRAFT_L_PAYLOAD,
	DRAFT_L_SAVED,
	DRAFT_L_COLUMNS
};

#endif
