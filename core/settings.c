/*
 * settings.c - the table of settings (settings.def) and the validators
 * that say which values each one allows.  Pure data and checks; the
 * loader in config.c applies them to a file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- validators ------------------------------------------------------ */

static bool one_of(const char *text, const char *const *allowed, char **message)
{
	size_t length = 0;

	for (size_t i = 0; allowed[i] != NULL; i++) {
		if (strcmp(text, allowed[i]) == 0)
			return true;
		length += strlen(allowed[i]) + 2;
	}
	char *list = xmalloc(length + 1);
	list[0] = '\0';
	for (size_t i = 0; allowed[i] != NULL; i++) {
		if (i > 0)
			strcat(list, ", ");
		strcat(list, allowed[i]);
	}
	*message = xasprintf("\"%s\" is not allowed; use one of %s", text, list);
	free(list);
	return false;
}

static bool in_range(long number, long low, long high, char **message)
{
	if (number >= low && number <= high)
		return true;
	*message = xasprintf("%ld is out of range (%ld..%ld)", number, low, high);
	return false;
}

static bool validate_none(const char *text, long number, char **message)
{
	(void)text, (void)number, (void)message;
	return true;
}

/* A socket directory would connect without TLS, whatever sslmode says. */
static bool validate_host(const char *text, long number, char **message)
{
	(void)number;
	for (const char *p = text; *p != '\0'; p = *p == ',' ? p + 1 : p) {
		if (*p == '/' || *p == '@') {
			*message = xstrdup("a Unix socket would bypass TLS; give a host name");
			return false;
		}
		p += strcspn(p, ",");
	}
	return true;
}

static bool validate_port(const char *text, long number, char **message)
{
	(void)text;
	return in_range(number, 1, 65535, message);
}

/* The db layer connects with expand_dbname, so a dbname must not be able to
 * carry other connection keywords (such as sslmode=disable). */
static bool validate_dbname(const char *text, long number, char **message)
{
	(void)number;
	if (strchr(text, '=') == NULL && strncmp(text, "postgres://", 11) != 0 &&
	    strncmp(text, "postgresql://", 13) != 0)
		return true;
	*message = xstrdup("must be a plain database name, not a connection string");
	return false;
}

static bool validate_sslmode(const char *text, long number, char **message)
{
	static const char *const modes[] = { "disable",   "allow",       "prefer", "require",
		                             "verify-ca", "verify-full", NULL };
	(void)number;
	return one_of(text, modes, message);
}

static bool validate_connect_timeout(const char *text, long number, char **message)
{
	(void)text;
	return in_range(number, 2, 300, message);
}

/* The server truncates to 63 bytes and replaces non-ASCII with '?'. */
static bool validate_application_name(const char *text, long number, char **message)
{
	(void)number;
	for (const char *p = text; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e) {
			*message = xstrdup("must be printable ASCII");
			return false;
		}
	if (strlen(text) <= 63)
		return true;
	*message = xstrdup("must be at most 63 characters");
	return false;
}

static bool validate_keepalives_idle(const char *text, long number, char **message)
{
	(void)text;
	return in_range(number, 1, 7200, message);
}

static bool validate_target_session_attrs(const char *text, long number, char **message)
{
	static const char *const attrs[] = { "any",     "read-write",     "read-only", "primary",
		                             "standby", "prefer-standby", NULL };
	(void)number;
	return one_of(text, attrs, message);
}

static bool validate_theme(const char *text, long number, char **message)
{
	static const char *const themes[] = { "default", "mono", NULL };
	(void)number;
	return one_of(text, themes, message);
}

static bool validate_escdelay(const char *text, long number, char **message)
{
	(void)text;
	return in_range(number, 0, 1000, message);
}

static bool validate_date_format(const char *text, long number, char **message)
{
	static const char *const formats[] = { "DD.MM.YYYY", "YYYY-MM-DD", NULL };
	(void)number;
	return one_of(text, formats, message);
}

/* ---- the table ------------------------------------------------------- */

static const struct setting_info settings[SETTING_COUNT] = {
#define SETTING(sym, path, type, def, validator, text) \
	[SETTING_##sym] = { path, SETTING_TYPE_##type, def, text, validator },
#include "settings.def"
#undef SETTING
};

const struct setting_info *setting_info(enum setting setting)
{
	if ((unsigned)setting >= SETTING_COUNT)
		return NULL;
	return &settings[setting];
}

enum setting setting_by_path(const char *path)
{
	for (int i = 0; i < SETTING_COUNT; i++)
		if (strcmp(settings[i].path, path) == 0)
			return (enum setting)i;
	return SETTING_COUNT;
}

const char *setting_type_name(enum setting_type type)
{
	switch (type) {
	case SETTING_TYPE_INT:
		return "integer";
	case SETTING_TYPE_BOOL:
		return "boolean";
	default:
		return "string";
	}
}
