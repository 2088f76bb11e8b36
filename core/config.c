/*
 * config.c - finds the configuration file, checks it against the settings
 * table (settings.def) and answers typed look-ups.
 *
 * The file is libconfig syntax.  Everything in it outside `keys` must be a
 * row of the table, of the row's type, allowed by the row's validator;
 * anything else is an error naming file and line.  Values are stored as text
 * plus number so every setting can be shown and passed to libpq as text.
 */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

#ifndef HRMIS_SYSTEM_CONFIG
#define HRMIS_SYSTEM_CONFIG "/etc/hrmis/hrmis.conf"
#endif

#define DATABASE_PREFIX "database."

struct setting_value {
	char *text;
	long number;
	int line; /* 0: default */
};

struct config {
	char *source;
	struct setting_value values[SETTING_COUNT];
	struct config_binding *bindings;
	size_t binding_count, binding_capacity;
	const char *conn_keys[SETTING_COUNT + 1];
	const char *conn_values[SETTING_COUNT + 1];
};

/* ---- values ---------------------------------------------------------- */

static void set_value(struct config *config, enum setting setting, const char *text, int line)
{
	struct setting_value *value = &config->values[setting];

	free(value->text);
	value->text = xstrdup(text);
	value->line = line;
	if (setting_info(setting)->type == SETTING_TYPE_INT)
		value->number = strtol(text, NULL, 10);
	else if (setting_info(setting)->type == SETTING_TYPE_BOOL)
		value->number = strcmp(text, "true") == 0;
	else
		value->number = 0;
}

static struct config *config_new(const char *source)
{
	struct config *config = xcalloc(1, sizeof *config);

	config->source = source != NULL ? xstrdup(source) : NULL;
	for (int i = 0; i < SETTING_COUNT; i++)
		set_value(config, (enum setting)i, setting_info(i)->default_value, 0);
	return config;
}

void config_free(struct config **config)
{
	if (config == NULL || *config == NULL)
		return;
	struct config *c = *config;
	for (int i = 0; i < SETTING_COUNT; i++)
		free(c->values[i].text);
	for (size_t i = 0; i < c->binding_count; i++) {
		free((char *)c->bindings[i].context);
		free((char *)c->bindings[i].action);
		free((char *)c->bindings[i].key);
	}
	free(c->bindings);
	free(c->source);
	free(c);
	*config = NULL;
}

const char *config_source(const struct config *config)
{
	return config->source;
}

const char *config_string(const struct config *config, enum setting setting)
{
	if ((unsigned)setting >= SETTING_COUNT)
		return "";
	return config->values[setting].text;
}

long config_int(const struct config *config, enum setting setting)
{
	if ((unsigned)setting >= SETTING_COUNT)
		return 0;
	return config->values[setting].number;
}

bool config_bool(const struct config *config, enum setting setting)
{
	if ((unsigned)setting >= SETTING_COUNT || setting_info(setting)->type != SETTING_TYPE_BOOL)
		return false;
	return config->values[setting].number != 0;
}

int config_line(const struct config *config, enum setting setting)
{
	if ((unsigned)setting >= SETTING_COUNT)
		return 0;
	return config->values[setting].line;
}

size_t config_binding_count(const struct config *config)
{
	return config->binding_count;
}

const struct config_binding *config_binding(const struct config *config, size_t index)
{
	if (index >= config->binding_count)
		return NULL;
	return &config->bindings[index];
}

static void add_binding(struct config *config, const char *context, const char *action,
                        const char *key, int line)
{
	if (config->binding_count == config->binding_capacity) {
		config->binding_capacity =
		        config->binding_capacity ? 2 * config->binding_capacity : 16;
		config->bindings = xrealloc(config->bindings,
		                            config->binding_capacity * sizeof *config->bindings);
	}
	config->bindings[config->binding_count++] =
	        (struct config_binding){ xstrdup(context), xstrdup(action), xstrdup(key), line };
}

/* ---- connection parameters ------------------------------------------- */

static void add_connection_param(struct config *config, size_t *count, enum setting setting)
{
	config->conn_keys[*count] = setting_info(setting)->path + strlen(DATABASE_PREFIX);
	config->conn_values[*count] = config->values[setting].text;
	(*count)++;
}

/* Fills conn_keys/conn_values; sslmode goes last so nothing can override it. */
static void build_connection(struct config *config)
{
	bool service = config->values[SETTING_DB_SERVICE].text[0] != '\0';
	size_t count = 0;

	for (int i = 0; i < SETTING_COUNT; i++) {
		const struct setting_value *value = &config->values[i];
		if (strncmp(setting_info(i)->path, DATABASE_PREFIX, strlen(DATABASE_PREFIX)) != 0 ||
		    i == SETTING_DB_SSLMODE || value->text[0] == '\0' ||
		    (service && value->line == 0))
			continue;
		add_connection_param(config, &count, (enum setting)i);
	}
	add_connection_param(config, &count, SETTING_DB_SSLMODE);
	config->conn_keys[count] = NULL;
	config->conn_values[count] = NULL;
}

enum status config_connection(const struct config *config, const char *const **keys,
                              const char *const **values, char **error)
{
	const struct setting_value *sslmode = &config->values[SETTING_DB_SSLMODE];

	*error = NULL;
	if (strcmp(sslmode->text, "verify-full") != 0) {
		*keys = *values = NULL;
		*error = xasprintf("%s:%d: database.sslmode \"%s\" is refused: only verify-full "
		                   "is allowed, so that the server must prove who it is",
		                   config->source ? config->source : "(defaults)", sslmode->line,
		                   sslmode->text);
		return STATUS_SSLMODE_WEAK;
	}
	*keys = config->conn_keys;
	*values = config->conn_values;
	return STATUS_OK;
}

/* ---- loading --------------------------------------------------------- */

struct loader {
	struct config *config;
	const char *file;
	char *error;
};

/* Records "file:line: message" for `setting` (a libconfig node, may be NULL)
 * and returns `status`. */
static enum status fail(struct loader *loader, enum status status, const config_setting_t *setting,
                        const char *format, ...) __attribute__((format(printf, 4, 5)));

static enum status fail(struct loader *loader, enum status status, const config_setting_t *setting,
                        const char *format, ...)
{
	const char *file = loader->file;
	int line = 0;
	va_list args;

	if (setting != NULL) {
		line = config_setting_source_line(setting);
		if (config_setting_source_file(setting) != NULL)
			file = config_setting_source_file(setting);
	}
	char message[512];
	va_start(args, format);
	vsnprintf(message, sizeof message, format, args);
	va_end(args);
	loader->error = xasprintf("%s:%d: %s", file, line, message);
	return status;
}

/* Levenshtein distance, for "did you mean" on misspelt setting names;
 * SIZE_MAX when b is longer than any setting path. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t lb = strlen(b), row[64];

	if (lb >= sizeof row / sizeof row[0])
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; a[i - 1] != '\0'; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

static enum status fail_unknown(struct loader *loader, const config_setting_t *node,
                                const char *path)
{
	const char *guess = NULL;
	size_t best = 3;

	for (int i = 0; i < SETTING_COUNT; i++) {
		size_t distance = edit_distance(path, setting_info(i)->path);
		if (distance < best) {
			best = distance;
			guess = setting_info(i)->path;
		}
	}
	if (guess != NULL)
		return fail(loader, STATUS_CONFIG_UNKNOWN, node,
		            "unknown setting \"%s\" (did you mean %s?)", path, guess);
	return fail(loader, STATUS_CONFIG_UNKNOWN, node, "unknown setting \"%s\"", path);
}

/* True when some setting path starts with "prefix.". */
static bool is_group_path(const char *prefix)
{
	size_t length = strlen(prefix);

	for (int i = 0; i < SETTING_COUNT; i++)
		if (strncmp(setting_info(i)->path, prefix, length) == 0 &&
		    setting_info(i)->path[length] == '.')
			return true;
	return false;
}

/* Reads the node's value as text in the setting's type; NULL if the type is wrong. */
static char *node_text(const config_setting_t *node, enum setting_type type)
{
	int kind = config_setting_type(node);

	if (type == SETTING_TYPE_STRING && kind == CONFIG_TYPE_STRING)
		return xstrdup(config_setting_get_string(node));
	if (type == SETTING_TYPE_INT && kind == CONFIG_TYPE_INT)
		return xasprintf("%d", config_setting_get_int(node));
	if (type == SETTING_TYPE_INT && kind == CONFIG_TYPE_INT64)
		return xasprintf("%lld", config_setting_get_int64(node));
	if (type == SETTING_TYPE_BOOL && kind == CONFIG_TYPE_BOOL)
		return xstrdup(config_setting_get_bool(node) ? "true" : "false");
	return NULL;
}

static enum status apply_value(struct loader *loader, const config_setting_t *node,
                               enum setting setting)
{
	const struct setting_info *info = setting_info(setting);
	static const char *const expected[] = {
		[SETTING_TYPE_STRING] = "expected a string in double quotes",
		[SETTING_TYPE_INT] = "expected an integer",
		[SETTING_TYPE_BOOL] = "expected true or false",
	};
	char *text = node_text(node, info->type);

	if (text == NULL)
		return fail(loader, STATUS_CONFIG_VALUE, node, "%s: %s", info->path,
		            expected[info->type]);
	set_value(loader->config, setting, text, config_setting_source_line(node));
	free(text);

	const struct setting_value *value = &loader->config->values[setting];
	char *message = NULL;
	if (info->validate(info->type == SETTING_TYPE_STRING ? value->text : NULL, value->number,
	                   &message))
		return STATUS_OK;
	enum status status = fail(loader, STATUS_CONFIG_VALUE, node, "%s: %s", info->path,
	                          message ? message : "value not allowed");
	free(message);
	return status;
}

/* One ACTION = "KEY" or ACTION = ["KEY", ...] row of keys.CONTEXT. */
static enum status load_action(struct loader *loader, const char *context,
                               const config_setting_t *node)
{
	const char *action = config_setting_name(node);
	int count = config_setting_is_aggregate(node) ? config_setting_length(node) : 1;

	if (config_setting_is_group(node) || count == 0)
		goto bad;
	for (int i = 0; i < count; i++) {
		const config_setting_t *element =
		        config_setting_is_aggregate(node) ? config_setting_get_elem(node, i) : node;
		if (config_setting_type(element) != CONFIG_TYPE_STRING ||
		    config_setting_get_string(element)[0] == '\0')
			goto bad;
		int line = config_setting_source_line(element);
		if (line == 0)
			line = config_setting_source_line(node);
		add_binding(loader->config, context, action, config_setting_get_string(element),
		            line);
	}
	return STATUS_OK;
bad:
	return fail(loader, STATUS_CONFIG_VALUE, node,
	            "keys.%s.%s: expected a key name or a list of key names", context, action);
}

/* keys = { CONTEXT = { ACTION = ...; }; }; */
static enum status load_keys(struct loader *loader, const config_setting_t *keys)
{
	if (!config_setting_is_group(keys))
		return fail(loader, STATUS_CONFIG_VALUE, keys,
		            "keys: expected a group of contexts");
	for (int i = 0; i < config_setting_length(keys); i++) {
		const config_setting_t *context = config_setting_get_elem(keys, i);
		const char *name = config_setting_name(context);
		if (!config_setting_is_group(context))
			return fail(loader, STATUS_CONFIG_VALUE, context,
			            "keys.%s: expected a group of actions", name);
		for (int j = 0; j < config_setting_length(context); j++) {
			enum status status =
			        load_action(loader, name, config_setting_get_elem(context, j));
			if (status != STATUS_OK)
				return status;
		}
	}
	return STATUS_OK;
}

/* Walks a group of the file; `prefix` is its path ("" for the root). */
static enum status load_group(struct loader *loader, const config_setting_t *group,
                              const char *prefix)
{
	enum status status = STATUS_OK;

	for (int i = 0; i < config_setting_length(group) && status == STATUS_OK; i++) {
		const config_setting_t *node = config_setting_get_elem(group, i);
		const char *name = config_setting_name(node);
		char *path = prefix[0] ? xasprintf("%s.%s", prefix, name) : xstrdup(name);
		enum setting setting = setting_by_path(path);

		if (prefix[0] == '\0' && strcmp(name, "keys") == 0)
			status = load_keys(loader, node);
		else if (setting != SETTING_COUNT)
			status = apply_value(loader, node, setting);
		else if (!is_group_path(path))
			status = fail_unknown(loader, node, path);
		else if (!config_setting_is_group(node))
			status = fail(loader, STATUS_CONFIG_VALUE, node,
			              "%s: expected a group { ... }", path);
		else
			status = load_group(loader, node, path);
		free(path);
	}
	return status;
}

/* Parses `file` into loader->config. */
static enum status load_file(struct loader *loader, const char *file)
{
	config_t parsed;
	enum status status;
	char *directory = xstrdup(file);
	char *slash = strrchr(directory, '/');

	if (slash != NULL)
		slash[1] = '\0';
	config_init(&parsed);
	config_set_include_dir(&parsed, slash != NULL ? directory : ".");
	if (config_read_file(&parsed, file) == CONFIG_TRUE) {
		status = load_group(loader, config_root_setting(&parsed), "");
	} else if (config_error_type(&parsed) == CONFIG_ERR_PARSE) {
		loader->error = xasprintf(
		        "%s:%d: %s", config_error_file(&parsed) ? config_error_file(&parsed) : file,
		        config_error_line(&parsed), config_error_text(&parsed));
		status = STATUS_CONFIG_SYNTAX;
	} else {
		loader->error = xasprintf("%s: cannot be read", file);
		status = STATUS_CONFIG_MISSING;
	}
	config_destroy(&parsed);
	free(directory);
	return status;
}

/* Returns a malloc'd "file: cannot be read: reason" if `file` is not a
 * readable regular file, else NULL. */
static char *unreadable(const char *file)
{
	struct stat info;
	FILE *stream;

	if (stat(file, &info) != 0)
		return xasprintf("%s: cannot be read: %s", file, strerror(errno));
	if (S_ISDIR(info.st_mode))
		return xasprintf("%s: cannot be read: %s", file, strerror(EISDIR));
	stream = fopen(file, "r");
	if (stream == NULL)
		return xasprintf("%s: cannot be read: %s", file, strerror(errno));
	fclose(stream);
	return NULL;
}

static bool nonempty(const char *text)
{
	return text != NULL && text[0] != '\0';
}

/* The file to load (malloc'd), or NULL when none exists.  A file the user
 * named is returned whether or not it exists, so that its absence is reported. */
static char *find_file(const char *cli_path)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path = NULL;

	if (cli_path != NULL)
		return xstrdup(cli_path);
	if (nonempty(getenv("HRMIS_CONFIG")))
		return xstrdup(getenv("HRMIS_CONFIG"));
	if (nonempty(xdg) && xdg[0] == '/') /* relative XDG paths are ignored */
		path = xasprintf("%s/hrmis/hrmis.conf", xdg);
	else if (nonempty(home))
		path = xasprintf("%s/.config/hrmis/hrmis.conf", home);
	if (path != NULL && access(path, F_OK) == 0)
		return path;
	free(path);
	if (access(HRMIS_SYSTEM_CONFIG, F_OK) == 0)
		return xstrdup(HRMIS_SYSTEM_CONFIG);
	return NULL;
}

enum status config_load(const char *cli_path, struct config **out, char **error)
{
	char *file = find_file(cli_path);
	struct loader loader = { config_new(file), file, NULL };
	enum status status = STATUS_OK;

	*out = NULL;
	*error = NULL;
	if (file != NULL && (loader.error = unreadable(file)) != NULL)
		status = STATUS_CONFIG_MISSING;
	else if (file != NULL)
		status = load_file(&loader, file);
	free(file);
	if (status != STATUS_OK) {
		config_free(&loader.config);
		*error = loader.error;
		return status;
	}
	if (nonempty(getenv("NO_COLOR")))
		set_value(loader.config, SETTING_UI_THEME, "mono",
		          loader.config->values[SETTING_UI_THEME].line);
	build_connection(loader.config);
	*out = loader.config;
	return STATUS_OK;
}
