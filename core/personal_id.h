/*
 * personal_id.h - personal ID numbers under the scheme the service uses
 * (hr.service_setting.id_scheme): normalising what a clerk typed, checking
 * structure, encoded birth date and check digit, and reading the birth
 * date and gender a number carries.  db/008_validation.sql implements the
 * same rules with the same reasons (hr.personal_id_problem), so the screen
 * and the database refuse the same numbers.
 */
#ifndef HRMIS_PERSONAL_ID_H
#define HRMIS_PERSONAL_ID_H

#include <stdbool.h>

#include "date.h"

enum personal_id_scheme {
	PERSONAL_ID_NONE,     /* "none": free text, at most 30 characters */
	PERSONAL_ID_KZ_IIN,   /* "kz_iin": Kazakhstan, 12 digits */
	PERSONAL_ID_UZ_PINFL, /* "uz_pinfl": Uzbekistan, 14 digits */
	PERSONAL_ID_KG_PIN,   /* "kg_pin": Kyrgyzstan, 14 digits */
	PERSONAL_ID_KR_RRN,   /* "kr_rrn": Korea, 13 digits */
};

/* Longest number under the "none" scheme, in characters. */
#define PERSONAL_ID_MAX_CHARS 30

/* The setting name of `scheme` ("kz_iin" ...), static storage. */
const char *personal_id_scheme_name(enum personal_id_scheme scheme);

/* Maps a setting name to its scheme; false for an unknown name. */
bool personal_id_scheme_from_name(const char *name, enum personal_id_scheme *scheme);

/* The short name a clerk knows the number by ("IIN", "PINFL", "PIN",
 * "RRN", "ID number"), static storage. */
const char *personal_id_label(enum personal_id_scheme scheme);

/*
 * The canonical form of `text`, the one stored, searched and compared for
 * duplicates: every space removed and, for kr_rrn, the hyphen between
 * birth date and serial ("900101-1234567" -> "9001011234567").  Returns a
 * new string the caller frees ("" when nothing is left: no number given).
 */
char *personal_id_normalise(enum personal_id_scheme scheme, const char *text);

/*
 * Checks `text` (normalised first, so raw input is fine) under `scheme`.
 * Returns true when valid; then *birth and *gender ('M' or 'F') receive what
 * the number encodes, or {0, 0, 0} and '\0' when the scheme encodes nothing
 * (none).  Returns false with *reason set to a static one-line sentence
 * ("IIN check digit does not match") otherwise.  An empty text is not
 * valid here ("not given" is the caller's decision).  birth, gender and
 * reason may be NULL.
 */
bool personal_id_check(enum personal_id_scheme scheme, const char *text, struct date *birth,
                       char *gender, const char **reason);

/*
 * For a number valid under `scheme`: true when the birth date and gender
 * it encodes agree with the person's.  `birth` NULL or `gender` '\0' means
 * not given, which always agrees.  On disagreement *reason is a static
 * sentence naming the field that differs.
 */
bool personal_id_agrees(enum personal_id_scheme scheme, const char *text, const struct date *birth,
                        char gender, const char **reason);

#endif
