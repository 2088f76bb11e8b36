/* draft.c - encode and strictly decode a flat JSON object of strings. */
#include "draft.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "xalloc.h"

/* A growing NUL-terminated string. */
struct text {
	char *data;
	size_t length, capacity;
};

static void text_append(struct text *text, const char *bytes, size_t count)
{
	if (text->length + count + 1 > text->capacity) {
		text->capacity = 2 * (text->length + count + 1);
		text->data = xrealloc(text->data, text->capacity);
	}
	memcpy(text->data + text->length, bytes, count);
	text->length += count;
	text->data[text->length] = '\0';
}

static bool valid_utf8(const char *string)
{
	return string != NULL && u8_check((const uint8_t *)string, strlen(string)) == NULL;
}

static void append_quoted(struct text *text, const char *string)
{
	static const char hex[] = "0123456789abcdef";

	text_append(text, "\"", 1);
	for (const char *p = string; *p != '\0'; p++) {
		unsigned char byte = (unsigned char)*p;

		if (byte == '"' || byte == '\\') {
			char escape[2] = { '\\', (char)byte };

			text_append(text, escape, 2);
		} else if (byte < 0x20) {
			char escape[6] = { '\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 15] };

			text_append(text, escape, 6);
		} else {
			text_append(text, p, 1);
		}
	}
	text_append(text, "\"", 1);
}

char *draft_encode(const char *const *names, const char *const *values, size_t count)
{
	struct text json = { NULL, 0, 0 };

	for (size_t i = 0; i < count; i++) {
		if (!valid_utf8(names[i]) || !valid_utf8(values[i]))
			return NULL;
		for (size_t j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return NULL;
	}
	text_append(&json, "{", 1);
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			text_append(&json, ",", 1);
		append_quoted(&json, names[i]);
		text_append(&json, ":", 1);
		append_quoted(&json, values[i]);
	}
	text_append(&json, "}", 1);
	return json.data;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Reads four hex digits at p; returns -1 unless all four are there. */
static long hex4(const char *p)
{
	long value = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int digit = c >= '0' && c <= '9'   ? c - '0'
		            : c >= 'a' && c <= 'f' ? c - 'a' + 10
		            : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                                   : -1;

		if (digit < 0)
			return -1;
		value = value * 16 + digit;
	}
	return value;
}

/* Decodes the \uXXXX escape (or surrogate pair) at *p, which points at the 'u'. */
static bool read_unicode_escape(const char **p, struct text *out)
{
	long code = hex4(*p + 1);
	uint8_t bytes[6];
	int length;

	*p += 5;
	if (code >= 0xD800 && code <= 0xDBFF) {
		long low = (*p)[0] == '\\' && (*p)[1] == 'u' ? hex4(*p + 2) : -1;

		if (low < 0xDC00 || low > 0xDFFF)
			return false;
		code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
		*p += 6;
	} else if (code <= 0 || (code >= 0xDC00 && code <= 0xDFFF)) {
		return false; /* malformed, \u0000 or a lone low surrogate */
	}
	length = u8_uctomb(bytes, (ucs4_t)code, sizeof bytes);
	if (length <= 0)
		return false;
	text_append(out, (const char *)bytes, (size_t)length);
	return true;
}

/* Returns the character a one-letter escape such as \n stands for, or 0. */
static char simple_escape(char letter)
{
	switch (letter) {
	case '"':
	case '\\':
	case '/':
		return letter;
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	default:
		return 0;
	}
}

/* Parses the JSON string at *p into a new string in *result; moves *p past it. */
static bool read_string(const char **p, char **result)
{
	struct text out = { NULL, 0, 0 };
	const char *s = *p;

	text_append(&out, "", 0);
	if (*s++ != '"')
		goto fail;
	while (*s != '"') {
		char escaped;

		if ((unsigned char)*s < 0x20) /* raw control character, or the end */
			goto fail;
		if (*s != '\\') {
			text_append(&out, s++, 1);
		} else if (s[1] == 'u') {
			s++;
			if (!read_unicode_escape(&s, &out))
				goto fail;
		} else if ((escaped = simple_escape(s[1])) != 0) {
			text_append(&out, &escaped, 1);
			s += 2;
		} else {
			goto fail;
		}
	}
	*p = s + 1;
	*result = out.data;
	return true;
fail:
	free(out.data);
	return false;
}

/* Appends a field to *fields unless its name is already there; takes the strings. */
static bool add_field(struct draft_field **fields, size_t *count, char *name, char *value)
{
	for (size_t i = 0; i < *count; i++) {
		if (strcmp((*fields)[i].name, name) == 0) {
			free(name);
			free(value);
			return false;
		}
	}
	*fields = xrealloc(*fields, (*count + 1) * sizeof **fields);
	(*fields)[*count].name = name;
	(*fields)[*count].value = value;
	(*count)++;
	return true;
}

/* Parses the whole object at p into *fields; on failure the caller frees them. */
static bool read_members(const char *p, struct draft_field **fields, size_t *count)
{
	p = skip_space(p);
	if (*p++ != '{')
		return false;
	p = skip_space(p);
	if (*p == '}')
		return *skip_space(p + 1) == '\0';
	for (;;) {
		char *name = NULL, *value = NULL;

		if (!read_string(&p, &name))
			return false;
		p = skip_space(p);
		if (*p != ':') {
			free(name);
			return false;
		}
		p = skip_space(p + 1);
		if (!read_string(&p, &value)) {
			free(name);
			return false;
		}
		if (!add_field(fields, count, name, value))
			return false;
		p = skip_space(p);
		if (*p == '}')
			return *skip_space(p + 1) == '\0';
		if (*p != ',')
			return false;
		p = skip_space(p + 1);
	}
}

bool draft_decode(const char *json, struct draft_field **fields, size_t *count)
{
	*fields = NULL;
	*count = 0;
	if (!valid_utf8(json))
		return false;
	if (read_members(json, fields, count))
		return true;
	draft_fields_free(fields, *count);
	*count = 0;
	return false;
}

void draft_fields_free(struct draft_field **fields, size_t count)
{
	if (*fields == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		free((*fields)[i].name);
		free((*fields)[i].value);
	}
	free(*fields);
	*fields = NULL;
}

const char *const draft_save_sql =
        "INSERT INTO work.draft (form, record, payload) VALUES ($1, $2, $3::jsonb) "
        "ON CONFLICT (login, form, record) DO UPDATE SET payload = EXCLUDED.payload, "
        "saved_at = now()";

const char *const draft_drop_sql = "DELETE FROM work.draft WHERE form = $1 AND record = $2";

const char *const draft_latest_sql =
        "SELECT form, record, payload::text, to_char(saved_at, 'DD.MM.YYYY HH24:MI') "
        "  FROM work.draft ORDER BY saved_at DESC LIMIT 1";
