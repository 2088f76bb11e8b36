/* validate.c - field checks run when a clerk leaves a field (see validate.h). */
#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Letters of names, as code point ranges; db/008_validation.sql lists the
 * same ranges in hr.name_problem() and a db test compares the two. */
static const struct {
	long first, last;
} name_letters[] = {
	{ 0x0041, 0x005A }, { 0x0061, 0x007A },                     /* Basic Latin */
	{ 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 }, { 0x00F8, 0x024F }, /* Latin-1, Extended-A/B */
	{ 0x0300, 0x036F },                                         /* combining diacritics */
	{ 0x0386, 0x0386 }, { 0x0388, 0x038A }, { 0x038C, 0x038C }, /* Greek */
	{ 0x038E, 0x03A1 }, { 0x03A3, 0x03CE }, { 0x0400, 0x0481 },
	{ 0x048A, 0x052F },                     /* Cyrillic and its supplement */
	{ 0x0531, 0x0556 }, { 0x0561, 0x0587 }, /* Armenian */
	{ 0x10D0, 0x10FA },                     /* Georgian */
	{ 0x1780, 0x17D3 }, { 0x17DC, 0x17DD }, /* Khmer letters, vowels and signs */
	{ 0x1E00, 0x1EFF },                     /* Latin Extended Additional (Vietnamese) */
	{ 0x4E00, 0x9FFF },                     /* CJK unified ideographs (hanja) */
	{ 0xAC00, 0xD7A3 },                     /* Hangul syllables */
};

/* Writes a printf-formatted reason when the caller wants one; returns false. */
static bool refuse(char *reason, size_t size, const char *format, ...)
        __attribute__((format(printf, 3, 4)));

static bool refuse(char *reason, size_t size, const char *format, ...)
{
	va_list ap;

	if (reason != NULL && size > 0) {
		va_start(ap, format);
		vsnprintf(reason, size, format, ap);
		va_end(ap);
	}
	return false;
}

long validate_utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	long c;
	int len;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07;
	else
		goto invalid;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*p += len;
	return c;
invalid:
	*p += 1;
	return -1;
}

bool validate_is_control(long c)
{
	return (c >= 0x01 && c <= 0x1F) || (c >= 0x7F && c <= 0x9F);
}

bool validate_is_name_letter(long c)
{
	for (size_t i = 0; i < sizeof name_letters / sizeof name_letters[0]; i++)
		if (c >= name_letters[i].first && c <= name_letters[i].last)
			return true;
	return false;
}

bool validate_required(const char *text, char *reason, size_t size)
{
	if (text[strspn(text, " ")] == '\0')
		return refuse(reason, size, "This field is required");
	return true;
}

bool validate_text(const char *text, int max_chars, char *reason, size_t size)
{
	int chars = 0;

	for (const char *p = text; *p != '\0'; chars++) {
		long c = validate_utf8_next(&p);

		if (c < 0)
			return refuse(reason, size, "Not valid UTF-8 text");
		if (validate_is_control(c))
			return refuse(reason, size, "Control characters are not allowed");
	}
	if (chars > max_chars)
		return refuse(reason, size, "At most %d characters (has %d)", max_chars, chars);
	return true;
}

static bool is_apostrophe(long c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BB || c == 0x02BC;
}

bool validate_name(const char *text, bool required, char *reason, size_t size)
{
	bool letter = false;

	if (text[0] == '\0')
		return required ? refuse(reason, size, "This field is required") : true;
	if (!validate_text(text, VALIDATE_NAME_CHARS, reason, size))
		return false;
	for (const char *p = text; *p != '\0';) {
		long c = validate_utf8_next(&p);

		if (validate_is_name_letter(c))
			letter = true;
		else if (c != ' ' && c != '-' && c != '.' && !is_apostrophe(c))
			return refuse(
			        reason, size,
			        "A name may hold only letters, spaces, hyphens, dots, apostrophes");
	}
	if (!letter)
		return refuse(reason, size, "A name needs at least one letter");
	if (text[0] == ' ' || text[strlen(text) - 1] == ' ')
		return refuse(reason, size, "A name must not start or end with a space");
	return true;
}

bool validate_date(const char *text, enum date_format format, struct date earliest,
                   bool future_allowed, struct date today, struct date *date, char *reason,
                   size_t size)
{
	const char *why;
	char shown[DATE_TEXT_SIZE];
	struct date d;

	if (!date_parse(text, format, &d, &why)) {
		/* Echo short input only, so the sentence fits the message line. */
		if (strcmp(why, "Not a real date") == 0 && strlen(text) <= 24)
			return refuse(reason, size, "%s: %s", why, text);
		return refuse(reason, size, "%s", why);
	}
	if (date_compare(d, earliest) < 0)
		return refuse(reason, size, "The date must not be before %s",
		              date_format(earliest, format, shown, sizeof shown));
	if (!future_allowed && date_compare(d, today) > 0)
		return refuse(reason, size, "The date must not be in the future");
	if (date != NULL)
		*date = d;
	return true;
}

bool validate_birth_date(const char *text, enum date_format format, struct date today,
                         struct date *date, char *reason, size_t size)
{
	/* hr.person: birth_date > 1900-01-01. */
	return validate_date(text, format, (struct date){ 1900, 1, 2 }, false, today, date, reason,
	                     size);
}

bool validate_age(struct date birth, struct date at, const char *when, char *reason, size_t size)
{
	int age = date_years_between(birth, at);

	if (age < VALIDATE_MIN_AGE || age > VALIDATE_MAX_AGE)
		return refuse(reason, size, "Age %s must be %d to %d (is %d)", when,
		              VALIDATE_MIN_AGE, VALIDATE_MAX_AGE, age);
	return true;
}

bool validate_hire_date(const char *text, enum date_format format, struct date today,
                        struct date *date, char *reason, size_t size)
{
	struct date d, latest = date_add_months(today, 12);
	char shown[DATE_TEXT_SIZE];

	if (!validate_date(text, format, (struct date){ 1940, 1, 1 }, true, today, &d, reason,
	                   size))
		return false;
	if (date_compare(d, latest) > 0)
		return refuse(reason, size, "A hire date must not be after %s (a year ahead)",
		              date_format(latest, format, shown, sizeof shown));
	if (date != NULL)
		*date = d;
	return true;
}

bool validate_phone(const char *text, char *reason, size_t size)
{
	const char *p = text + (text[0] == '+');

	/* hr.person: phone ~ '^[+]?[0-9 ()-]{0,24}$' */
	if (strlen(p) != strspn(p, "0123456789 ()-"))
		return refuse(reason, size,
		              "A phone may hold only digits, spaces, ( ) - and a first +");
	if (strlen(p) > VALIDATE_PHONE_CHARS - 1)
		return refuse(reason, size,
		              "A phone may have at most %d characters after a first +",
		              VALIDATE_PHONE_CHARS - 1);
	return true;
}

/* Characters an e-mail address must not hold: controls, and the spaces
 * PostgreSQL's \s knows (glibc's iswspace) plus U+2007, as 008 lists them. */
static bool is_email_space(long c)
{
	return validate_is_control(c) || c == ' ' || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x205F || c == 0x3000;
}

bool validate_email(const char *text, char *reason, size_t size)
{
	const char *at = strchr(text, '@'), *domain, *p;
	size_t len;
	int chars = 0;

	if (text[0] == '\0')
		return true;
	for (p = text; *p != '\0'; chars++) {
		long c = validate_utf8_next(&p);

		if (c < 0)
			return refuse(reason, size, "Not valid UTF-8 text");
		if (is_email_space(c))
			return refuse(reason, size, "An e-mail address must not hold spaces");
	}
	/* '^[^@\s]+@[^@\s]+\.[^@\s]+$': one @ with text before it, and a dot in
	 * the domain with something on both sides. */
	if (at == NULL || at == text || strchr(at + 1, '@') != NULL)
		return refuse(reason, size, "Type the e-mail address as name@domain.org");
	domain = at + 1;
	len = strlen(domain);
	p = len >= 3 ? memchr(domain + 1, '.', len - 2) : NULL;
	if (p == NULL)
		return refuse(reason, size, "Type the e-mail address as name@domain.org");
	if (chars > VALIDATE_EMAIL_CHARS)
		return refuse(reason, size, "An e-mail address may have at most %d characters",
		              VALIDATE_EMAIL_CHARS);
	return true;
}

bool validate_year(const char *text, int *year, char *reason, size_t size)
{
	int y;

	if (strlen(text) != 4 || strspn(text, "0123456789") != 4)
		return refuse(reason, size, "Type the year as four digits");
	y = atoi(text);
	if (y < 1940 || y > 2100)
		return refuse(reason, size, "The year must be 1940 to 2100");
	if (year != NULL)
		*year = y;
	return true;
}

/*
 * Reads a non-negative decimal with at most `decimals` decimals ('.' or
 * ',') into *scaled (value * 10^decimals).  False for anything else or a
 * value too large to matter (more than 9 integer digits).
 */
static bool parse_decimal(const char *text, int decimals, long *scaled)
{
	size_t whole = strspn(text, "0123456789"), frac = 0;
	long value = 0;

	if (whole == 0 || whole > 9)
		return false;
	for (size_t i = 0; i < whole; i++)
		value = value * 10 + (text[i] - '0');
	if (text[whole] == '.' || text[whole] == ',') {
		frac = strspn(text + whole + 1, "0123456789");
		if (frac == 0 || frac > (size_t)decimals || text[whole + 1 + frac] != '\0')
			return false;
	} else if (text[whole] != '\0') {
		return false;
	}
	for (int i = 0; i < decimals; i++)
		value = value * 10 + ((size_t)i < frac ? text[whole + 1 + i] - '0' : 0);
	*scaled = value;
	return true;
}

bool validate_hours(const char *text, long *tenths, char *reason, size_t size)
{
	long value;

	if (!parse_decimal(text, 1, &value))
		return refuse(reason, size, "Type the hours as a number, e.g. 36 or 12.5");
	if (value <= 0 || value > 50000)
		return refuse(reason, size, "Hours must be more than 0 and at most 5000");
	if (tenths != NULL)
		*tenths = value;
	return true;
}

bool validate_rate(const char *text, long max_hundredths, long *hundredths, char *reason,
                   size_t size)
{
	long value;

	if (!parse_decimal(text, 2, &value))
		return refuse(reason, size, "Type the rate as a number, e.g. 1 or 0.5");
	if (value <= 0 || value > max_hundredths)
		return refuse(reason, size, "The rate must be more than 0 and at most %ld.%02ld",
		              max_hundredths / 100, max_hundredths % 100);
	if (hundredths != NULL)
		*hundredths = value;
	return true;
}

bool validate_personal_id(enum personal_id_scheme scheme, const char *text,
                          const struct date *birth, char gender, char *reason, size_t size)
{
	char *id = personal_id_normalise(scheme, text);
	const char *why;
	bool empty = id[0] == '\0';

	free(id);
	if (empty)
		return true;
	if (!personal_id_agrees(scheme, text, birth, gender, &why))
		return refuse(reason, size, "%s", why);
	return true;
}
