/*
 * field.h - what a field of the personnel file accepts, and how its value
 * is shown and stored: the bridge between the field kinds below and the
 * validators, dates and normalisation of core/.  No terminal, no database.
 */
#ifndef HRMIS_FIELD_H
#define HRMIS_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "personal_id.h"

/* What a field holds, and so how it is checked, shown and stored. */
enum field_kind {
	FIELD_TEXT,       /* free text of at most max_chars */
	FIELD_NAME,       /* a person's name: letters of any script, space, - ' . */
	FIELD_DATE,       /* a date, typed in the configured format, ISO in SQL */
	FIELD_BIRTH_DATE, /* a date of birth (age rules apply) */
	FIELD_YEAR,
	FIELD_HOURS,
	FIELD_CHOICE,      /* one of `choices` (F4 lists them) */
	FIELD_BOOL,        /* "yes" / "no" */
	FIELD_PERSONAL_ID, /* checked by the service's ID scheme */
	FIELD_PHONE,
	FIELD_EMAIL,
};

struct field_def {
	const char *column; /* SQL column, also the draft key */
	const char *label;
	enum field_kind kind;
	int max_chars;
	bool required;
	const char *const *choices; /* FIELD_CHOICE: NULL-terminated stored values */
	int list_width;             /* columns in the section's list; 0 = not listed */
};

/* What the checks depend on besides the text. */
struct field_context {
	enum date_format date_format;   /* ui.date_format */
	enum personal_id_scheme scheme; /* the service's ID scheme */
	struct date today;
	/* Birth date and gender already typed on the form (for the ID number's
	 * agreement), zero / '\0' when not known. */
	struct date birth;
	char gender;
};

/*
 * Checks `text` as typed into a field of kind def->kind.  Returns true
 * when acceptable; else false with a one-line reason for the message line.
 */
bool field_check(const struct field_def *def, const char *text, const struct field_context *ctx,
                 char *reason, size_t size);

/* The stored value (ISO date, "yes"/"no", the ID number as it is stored ...)
 * shown in the form's format; malloc'd. */
char *field_display(const struct field_def *def, const char *stored,
                    const struct field_context *ctx);

/*
 * The value to store for what was typed: trimmed, NFC-normalised text, ISO
 * dates, the ID number in canonical form.  Call after field_check() passed.
 * Returns a malloc'd string ("" for an empty field).
 */
char *field_stored(const struct field_def *def, const char *typed, const struct field_context *ctx);

/* The values a FIELD_CHOICE or FIELD_BOOL field offers (NULL-terminated),
 * or NULL for other kinds; static storage. */
const char *const *field_choices(const struct field_def *def);

/* The next choice after `current` for a FIELD_CHOICE or FIELD_BOOL field
 * (wrapping), for the value list key; static storage. */
const char *field_next_choice(const struct field_def *def, const char *current);

#endif
