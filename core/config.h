/*
 * config.h - the hrmis configuration: a typed table of settings
 * (core/settings.def) filled from one libconfig file.
 *
 * Every error names the file and line ("file:line: message").  Nothing here
 * prints or exits: callers show the message and exit 2.
 */
#ifndef HRMIS_CONFIG_H
#define HRMIS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

enum setting {
#define SETTING(sym, path, type, def, validator, text) SETTING_##sym,
#include "settings.def"
#undef SETTING
	SETTING_COUNT
};

enum setting_type {
	SETTING_TYPE_STRING,
	SETTING_TYPE_INT,
	SETTING_TYPE_BOOL,
};

/*
 * Checks one value: `text` for strings, `number` for integers and booleans
 * (text is then NULL).  Returns true when allowed; otherwise false with
 * *message a malloc'd reason without file or setting name (caller frees).
 */
typedef bool setting_validator(const char *text, long number, char **message);

struct setting_info {
	const char *path; /* "database.port" */
	enum setting_type type;
	const char *default_value; /* as text: "5432", "true", "" */
	const char *description;   /* one sentence for the example file and --help */
	setting_validator *validate;
};

/* Row of the table for `setting` (static storage), or NULL when out of range. */
const struct setting_info *setting_info(enum setting setting);

/* The setting whose path is `path`, or SETTING_COUNT when there is none. */
enum setting setting_by_path(const char *path);

/* "string", "integer" or "boolean" (static storage). */
const char *setting_type_name(enum setting_type type);

struct config;

/*
 * Finds and loads the configuration: cli_path (from --config) if not NULL,
 * else $HRMIS_CONFIG, else $XDG_CONFIG_HOME/hrmis/hrmis.conf ($XDG_CONFIG_HOME
 * defaults to ~/.config), else /etc/hrmis/hrmis.conf (HRMIS_SYSTEM_CONFIG at
 * build time).  None found -> defaults, STATUS_OK.  An explicitly named file
 * (cli_path or $HRMIS_CONFIG) that cannot be read, or a found file that exists
 * but cannot be read -> STATUS_CONFIG_MISSING.  Syntax errors ->
 * STATUS_CONFIG_SYNTAX, unknown names -> STATUS_CONFIG_UNKNOWN, wrong type or
 * disallowed value -> STATUS_CONFIG_VALUE.  A non-empty NO_COLOR environment
 * variable sets ui.theme to "mono" here, whatever the file says.
 * On success *out is the config (free with config_free) and *error NULL; on
 * failure *out is NULL and *error a malloc'd "file:line: message" the caller
 * frees.
 */
enum status config_load(const char *cli_path, struct config **out, char **error);

/* Frees the config and sets *config to NULL; NULL and *NULL are fine. */
void config_free(struct config **config);

/* The file the settings came from, or NULL when only defaults are in force. */
const char *config_source(const struct config *config);

/* Value of a setting as text (every type has one: "5432", "true").  Owned by
 * the config; "" for empty strings, never NULL. */
const char *config_string(const struct config *config, enum setting setting);

/* Value of an integer setting (booleans give 0 or 1; strings give 0). */
long config_int(const struct config *config, enum setting setting);

/* Value of a boolean setting (false for other types). */
bool config_bool(const struct config *config, enum setting setting);

/* Line of the file where the setting was given, or 0 when it is a default. */
int config_line(const struct config *config, enum setting setting);

/*
 * Key overrides from the `keys` group:
 *     keys = { CONTEXT = { ACTION = "KEY"; OTHER = ["KEY1", "KEY2"]; }; };
 * One binding per key, in file order, with the line for error messages
 * (file: config_source()).  Names are not checked here; the keymap module
 * does that.  Strings are owned by the config.
 */
struct config_binding {
	const char *context, *action, *key;
	int line;
};
size_t config_binding_count(const struct config *config);
const struct config_binding *config_binding(const struct config *config, size_t index);

/*
 * libpq connection keywords and values (NULL-terminated arrays owned by the
 * config, valid until config_free) from the database settings.  Only
 * non-empty settings are included.  When database.service is set, settings
 * the file left at their default are left out so the service file supplies
 * them.  sslmode is always included, last, and must be "verify-full": any
 * other value -> STATUS_SSLMODE_WEAK, *error a malloc'd "file:line: ..."
 * message saying only verify-full is allowed, and both
 * arrays NULL.
 * On success *error is NULL.
 */
enum status config_connection(const struct config *config, const char *const **keys,
                              const char *const **values, char **error);

#endif
