/* field.c - checking, showing and storing the values of file fields. */
#include "field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfc.h"
#include "validate.h"
#include "xalloc.h"

static const char *const yes_no[] = { "yes", "no", NULL };

/* The allowed values of a choice-like field, NULL-terminated. */
static const char *const *choices_of(const struct field_def *def)
{
	return def->kind == FIELD_BOOL ? yes_no : def->choices;
}

/* A copy without blanks at either end. */
static char *trimmed(const char *text)
{
	size_t start = strspn(text, " \t"), end = strlen(text);

	while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	char *out = xmalloc(end - start + 1);
	memcpy(out, text + start, end - start);
	out[end - start] = '\0';
	return out;
}

static bool check_choice(const struct field_def *def, const char *text, char *reason, size_t size)
{
	const char *const *choices = choices_of(def);
	size_t len = 0;

	if (text[0] == '\0' && !def->required)
		return true;
	for (size_t i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], text) == 0)
			return true;
	len += (size_t)snprintf(reason, size, "Choose one of:");
	for (size_t i = 0; choices[i] != NULL && len < size; i++)
		len += (size_t)snprintf(reason + len, size - len, " %s", choices[i]);
	if (len < size)
		snprintf(reason + len, size - len, " (F4 lists them)");
	return false;
}

static bool check_date(const struct field_def *def, const char *text,
                       const struct field_context *ctx, char *reason, size_t size)
{
	struct date date, earliest = { 1900, 1, 1 };

	if (text[0] == '\0')
		return def->required ? validate_required(text, reason, size) : true;
	if (def->kind == FIELD_BIRTH_DATE)
		return validate_birth_date(text, ctx->date_format, ctx->today, &date, reason, size);
	return validate_date(text, ctx->date_format, earliest, true, ctx->today, &date, reason,
	                     size);
}

bool field_check(const struct field_def *def, const char *typed, const struct field_context *ctx,
                 char *reason, size_t size)
{
	char *text = trimmed(typed);
	bool ok = true;

	if (def->required && text[0] == '\0')
		ok = validate_required(text, reason, size);
	else if (!validate_text(text, def->max_chars, reason, size))
		ok = false;
	else if (text[0] != '\0') {
		switch (def->kind) {
		case FIELD_NAME:
			ok = validate_name(text, def->required, reason, size);
			break;
		case FIELD_DATE:
		case FIELD_BIRTH_DATE:
			ok = check_date(def, text, ctx, reason, size);
			break;
		case FIELD_YEAR: {
			int year;

			/* A year something was completed in: not one still to come. */
			ok = validate_year(text, &year, reason, size);
			if (ok && ctx->today.year != 0 && year > ctx->today.year) {
				snprintf(reason, size, "The year cannot be later than this year (%d)",
				         ctx->today.year);
				ok = false;
			}
			break;
		}
			break;
		case FIELD_HOURS:
			ok = validate_hours(text, NULL, reason, size);
			break;
		case FIELD_CHOICE:
		case FIELD_BOOL:
			ok = check_choice(def, text, reason, size);
			break;
		case FIELD_PERSONAL_ID:
			ok = validate_personal_id(ctx->scheme, text,
			                          ctx->birth.year ? &ctx->birth : NULL, ctx->gender,
			                          reason, size);
			break;
		case FIELD_PHONE:
			ok = validate_phone(text, reason, size);
			break;
		case FIELD_EMAIL:
			ok = validate_email(text, reason, size);
			break;
		case FIELD_TEXT:
			break;
		}
	}
	free(text);
	return ok;
}

char *field_display(const struct field_def *def, const char *stored,
                    const struct field_context *ctx)
{
	struct date date;
	char buf[DATE_TEXT_SIZE];

	if ((def->kind == FIELD_DATE || def->kind == FIELD_BIRTH_DATE) && stored[0] != '\0' &&
	    date_parse(stored, DATE_FORMAT_ISO, &date, NULL))
		return xstrdup(date_format(date, ctx->date_format, buf, sizeof buf));
	return xstrdup(stored);
}

char *field_stored(const struct field_def *def, const char *typed, const struct field_context *ctx)
{
	char *text = trimmed(typed), *out;
	struct date date;
	char buf[DATE_TEXT_SIZE];

	if (text[0] == '\0')
		return text;
	switch (def->kind) {
	case FIELD_DATE:
	case FIELD_BIRTH_DATE:
		out = date_parse(text, ctx->date_format, &date, NULL)
		              ? xstrdup(date_to_iso(date, buf, sizeof buf))
		              : xstrdup(text);
		break;
	case FIELD_PERSONAL_ID:
		out = personal_id_normalise(ctx->scheme, text);
		break;
	case FIELD_HOURS: {
		char *comma = strchr(text, ',');

		if (comma != NULL)
			*comma = '.';
		out = xstrdup(text);
		break;
	}
	default:
		out = nfc(text);
		if (out == NULL)
			out = xstrdup(text);
		break;
	}
	free(text);
	return out;
}

const char *const *field_choices(const struct field_def *def)
{
	return def->kind == FIELD_CHOICE || def->kind == FIELD_BOOL ? choices_of(def) : NULL;
}

const char *field_next_choice(const struct field_def *def, const char *current)
{
	const char *const *choices = choices_of(def);

	if (choices == NULL || choices[0] == NULL)
		return "";
	for (size_t i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], current) == 0)
			return choices[i + 1] ? choices[i + 1] : choices[0];
	return choices[0];
}
