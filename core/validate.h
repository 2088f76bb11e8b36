/*
 * validate.h - the checks a form runs when the clerk leaves a field.  Each
 * returns true when the text may be kept, else false with a reason short
 * enough for the 80-column message line written into `reason` (at least
 * VALIDATE_REASON_SIZE bytes; NULL when not wanted).  Pure functions: the
 * caller passes today's date.  db/008_validation.sql (with the CHECKs of
 * 007) refuses the same values, so psql cannot store what a form refuses.
 * Text is UTF-8 and lengths count characters (code points), as SQL's
 * length() does.
 */
#ifndef HRMIS_VALIDATE_H
#define HRMIS_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "personal_id.h"

#define VALIDATE_REASON_SIZE 96

/* Ages allowed at hire, and the span of hire dates (1940 to a year ahead). */
#define VALIDATE_MIN_AGE     16
#define VALIDATE_MAX_AGE     80
#define VALIDATE_NAME_CHARS  100
#define VALIDATE_PHONE_CHARS 25
#define VALIDATE_EMAIL_CHARS 120

/*
 * Decodes the UTF-8 character at *p and advances *p past it.  Returns its
 * code point, or -1 (advancing one byte) for a byte that does not start a
 * valid, shortest-form sequence or for a surrogate.
 */
long validate_utf8_next(const char **p);

/* C0 controls U+0001..U+001F, DEL and the C1 controls U+0080..U+009F. */
bool validate_is_control(long c);

/* A letter a name may hold: Latin (with extensions and Vietnamese), Greek,
 * Cyrillic, Armenian, Georgian, Hangul, CJK ideographs, and combining
 * diacritical marks U+0300..U+036F. */
bool validate_is_name_letter(long c);

/* Refuses an empty text or one of spaces only: "This field is required". */
bool validate_required(const char *text, char *reason, size_t size);

/* Valid UTF-8, no control characters, at most `max_chars` characters. */
bool validate_text(const char *text, int max_chars, char *reason, size_t size);

/*
 * A person's name: as validate_text with at most 100 characters, only
 * letters (validate_is_name_letter), spaces, hyphens, dots and apostrophes
 * (' U+2019 U+02BB U+02BC), at least one letter, no space at either end.
 * An empty name passes unless `required`.
 */
bool validate_name(const char *text, bool required, char *reason, size_t size);

/*
 * A date typed in a field (date_parse), not before `earliest` and, unless
 * `future_allowed`, not after `today`.  Stores the date in *date (may be
 * NULL) when valid.  "Not a real date: 31.02.1990".
 */
bool validate_date(const char *text, enum date_format format, struct date earliest,
                   bool future_allowed, struct date today, struct date *date, char *reason,
                   size_t size);

/* A birth date: a real date after 01.01.1900, not after `today`. */
bool validate_birth_date(const char *text, enum date_format format, struct date today,
                         struct date *date, char *reason, size_t size);

/*
 * The age at `at` of someone born on `birth` is 16 to 80.  `when` names
 * the reference date for the reason, e.g. "at hire" gives
 * "Age at hire must be 16 to 80 (is 14)".
 */
bool validate_age(struct date birth, struct date at, const char *when, char *reason, size_t size);

/* A hire date: from 01.01.1940 to one year after `today`. */
bool validate_hire_date(const char *text, enum date_format format, struct date today,
                        struct date *date, char *reason, size_t size);

/* Empty, or an optional '+' and at most 24 of digits, spaces, '(', ')', '-'. */
bool validate_phone(const char *text, char *reason, size_t size);

/* Empty, or local@domain with a dot inside the domain, no spaces or control
 * characters, at most 120 characters. */
bool validate_email(const char *text, char *reason, size_t size);

/* A year of four digits, 1940 to 2100 (*year may be NULL). */
bool validate_year(const char *text, int *year, char *reason, size_t size);

/* Hours: a number more than 0 and at most 5000 with at most one decimal
 * ("12.5" or "12,5"); *tenths (may be NULL) gets the value times ten. */
bool validate_hours(const char *text, long *tenths, char *reason, size_t size);

/* A rate: more than 0 and at most max_hundredths / 100, at most two
 * decimals; *hundredths (may be NULL) gets the value times 100. */
bool validate_rate(const char *text, long max_hundredths, long *hundredths, char *reason,
                   size_t size);

/*
 * A personal ID number under `scheme` (personal_id_check) whose encoded
 * birth date and gender agree with `birth` and `gender` when given (NULL /
 * '\0': not given).  An empty text passes: the number is optional.
 */
bool validate_personal_id(enum personal_id_scheme scheme, const char *text,
                          const struct date *birth, char gender, char *reason, size_t size);

#endif
