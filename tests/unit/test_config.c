/*
 * test_config.c - the configuration table, the example file and the loader:
 * search order, every kind of error with its file:line, the libpq
 * parameters (verify-full only) and key bindings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "xalloc.h"

static char scratch[] = "/tmp/hrmis-config-test.XXXXXX";

/* ---- helpers ---------------------------------------------------------- */

/* Writes `text` to scratch/name (creating directories) and returns the path
 * (caller frees). */
static char *write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", scratch, name);

	for (char *slash = strchr(path + strlen(scratch) + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs(text, file);
	fclose(file);
	return path;
}

/* Reads a whole file into a new string (caller frees). */
static char *read_file(const char *path)
{
	FILE *file = fopen(path, "r");
	assert_non_null(file);
	fseek(file, 0, SEEK_END);
	long size = ftell(file);
	rewind(file);
	char *text = xmalloc((size_t)size + 1);
	assert_int_equal(fread(text, 1, (size_t)size, file), (size_t)size);
	text[size] = '\0';
	fclose(file);
	return text;
}

/* Loads `text` as a file and expects `expected`; returns the config or NULL
 * and leaves the error (if any) in *error. */
static struct config *load_text(const char *text, enum status expected, char **error)
{
	char *path = write_file("case.conf", text);
	struct config *config = NULL;

	assert_int_equal(config_load(path, &config, error), expected);
	if (expected == STATUS_OK) {
		assert_non_null(config);
		assert_null(*error);
	} else {
		assert_null(config);
		assert_non_null(*error);
	}
	free(path);
	return config;
}

/* Expects loading `text` to fail with `expected` and an error starting with
 * "<file>:<line>: " and containing `phrase`. */
static void expect_error(const char *text, enum status expected, int line, const char *phrase)
{
	char *error = NULL;
	char *prefix = xasprintf("%s/case.conf:%d: ", scratch, line);

	load_text(text, expected, &error);
	if (strncmp(error, prefix, strlen(prefix)) != 0 || strstr(error, phrase) == NULL)
		fail_msg("error \"%s\" lacks \"%s\" or \"%s\"", error, prefix, phrase);
	free(prefix);
	free(error);
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
	(void)info, (void)flag, (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	strcpy(scratch, "/tmp/hrmis-config-test.XXXXXX");
	if (mkdtemp(scratch) == NULL)
		return -1;
	char *home = xasprintf("%s/home", scratch), *xdg = xasprintf("%s/xdg", scratch);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	unsetenv("HRMIS_CONFIG");
	unsetenv("NO_COLOR");
	free(home);
	free(xdg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the table and the example file ------------------------------------ */

/* Every default is of its type and allowed by its own validator. */
static void test_defaults_are_valid(void **state)
{
	(void)state;
	for (int i = 0; i < SETTING_COUNT; i++) {
		const struct setting_info *info = setting_info((enum setting)i);
		char *end, *message = NULL;
		long number = strtol(info->default_value, &end, 10);
		assert_non_null(info->description);
		assert_true(strlen(info->description) > 10);
		assert_int_equal(setting_by_path(info->path), i);
		if (info->type == SETTING_TYPE_INT)
			assert_true(*end == '\0' && end != info->default_value);
		if (info->type == SETTING_TYPE_BOOL) {
			assert_true(strcmp(info->default_value, "true") == 0 ||
			            strcmp(info->default_value, "false") == 0);
			number = strcmp(info->default_value, "true") == 0;
		}
		const char *text = info->type == SETTING_TYPE_STRING ? info->default_value : NULL;
		if (!info->validate(text, number, &message))
			fail_msg("default of %s refused: %s", info->path, message);
	}
	assert_null(setting_info(SETTING_COUNT));
	assert_int_equal(setting_by_path("database.nothing"), SETTING_COUNT);
}

/* The example with its commented-out lines ("#name = value;", no space after
 * '#') switched on; description comments ("# text") stay comments. */
static char *example_enabled(const char *text)
{
	char *copy = xstrdup(text), *out = copy;

	for (const char *line = text; *line != '\0';) {
		size_t length = strcspn(line, "\n");
		const char *hash = line + strspn(line, "\t ");
		for (const char *p = line; p < line + length; p++)
			if (!(p == hash && *hash == '#' && hash[1] != ' ' && hash[1] != '#' &&
			      hash + 1 < line + length))
				*out++ = *p;
		line += length;
		if (*line == '\n')
			*out++ = *line++;
	}
	*out = '\0';
	return copy;
}

/* The "# ..." comment lines just above line `number` (1-based), joined by
 * single spaces; caller frees. */
static char *comment_above(const char *text, int number)
{
	const char *lines[4096];
	int count = 0;
	for (const char *p = text; *p != '\0' && count < 4096; p = strchr(p, '\n') + 1) {
		lines[count++] = p;
		if (strchr(p, '\n') == NULL)
			break;
	}
	int first = number - 1;
	while (first > 0 &&
	       strncmp(lines[first - 1] + strspn(lines[first - 1], "\t "), "# ", 2) == 0)
		first--;
	char *joined = xstrdup("");
	for (int i = first; i < number - 1; i++) {
		const char *start = lines[i] + strspn(lines[i], "\t ") + 2;
		char *next = xasprintf("%s%s%.*s", joined, i > first ? " " : "",
		                       (int)strcspn(start, "\n"), start);
		free(joined);
		joined = next;
	}
	return joined;
}

static char *example_path(void)
{
	const char *root = getenv("HRMIS_ROOT");
	return xasprintf("%s/hrmis.conf.example", root != NULL && *root ? root : ".");
}

/* hrmis.conf.example names every setting of the table with its default and
 * its description, names nothing else, and loads as it ships. */
static void test_example_matches_table(void **state)
{
	(void)state;
	char *path = example_path(), *text = read_file(path), *enabled = example_enabled(text);
	char *copy = write_file("example.conf", enabled), *error = NULL;
	struct config *config = NULL;

	/* Unknown names would fail here: the example holds nothing else. */
	assert_int_equal(config_load(copy, &config, &error), STATUS_OK);
	for (int i = 0; i < SETTING_COUNT; i++) {
		const struct setting_info *info = setting_info((enum setting)i);
		int line = config_line(config, (enum setting)i);
		if (line == 0)
			fail_msg("%s is missing from hrmis.conf.example", info->path);
		assert_string_equal(config_string(config, (enum setting)i), info->default_value);
		char *comment = comment_above(enabled, line);
		if (strcmp(comment, info->description) != 0)
			fail_msg("%s: example says \"%s\", table says \"%s\"", info->path, comment,
			         info->description);
		free(comment);
	}
	assert_true(config_binding_count(config) > 0);
	config_free(&config);

	assert_int_equal(config_load(path, &config, &error), STATUS_OK);
	for (int i = 0; i < SETTING_COUNT; i++)
		assert_int_equal(config_line(config, (enum setting)i), 0);
	config_free(&config);
	free(copy), free(enabled), free(text), free(path);
}

/* ---- finding the file ----------------------------------------------------- */

static void test_defaults_without_file(void **state)
{
	(void)state;
	struct config *config = NULL;
	char *error = NULL;

	if (access("/etc/hrmis/hrmis.conf", F_OK) == 0)
		skip();
	assert_int_equal(config_load(NULL, &config, &error), STATUS_OK);
	assert_null(error);
	assert_null(config_source(config));
	assert_string_equal(config_string(config, SETTING_DB_DBNAME), "hrmis");
	assert_string_equal(config_string(config, SETTING_DB_SSLMODE), "verify-full");
	assert_string_equal(config_string(config, SETTING_DB_HOST), "");
	assert_int_equal(config_int(config, SETTING_DB_PORT), 5432);
	assert_string_equal(config_string(config, SETTING_DB_PORT), "5432");
	assert_int_equal(config_int(config, SETTING_DB_CONNECT_TIMEOUT), 10);
	assert_int_equal(config_int(config, SETTING_UI_ESCDELAY), 100);
	assert_string_equal(config_string(config, SETTING_UI_THEME), "default");
	assert_string_equal(config_string(config, SETTING_UI_DATE_FORMAT), "DD.MM.YYYY");
	assert_true(config_bool(config, SETTING_UI_BEEP));
	assert_false(config_bool(config, SETTING_DB_PORT));
	assert_int_equal(config_binding_count(config), 0);
	assert_null(config_binding(config, 0));
	config_free(&config);
	assert_null(config);
	config_free(&config);
	config_free(NULL);
}

/* Loads with the current environment and returns ui.escdelay, which each
 * candidate file sets differently. */
static long escdelay_found(const char *cli_path, const char *source)
{
	struct config *config = NULL;
	char *error = NULL;

	assert_int_equal(config_load(cli_path, &config, &error), STATUS_OK);
	assert_string_equal(config_source(config), source);
	long value = config_int(config, SETTING_UI_ESCDELAY);
	config_free(&config);
	return value;
}

/* --config, then $HRMIS_CONFIG, then $XDG_CONFIG_HOME, then ~/.config. */
static void test_search_order(void **state)
{
	(void)state;
	char *cli = write_file("cli.conf", "ui = { escdelay = 1; };\n");
	char *env = write_file("env.conf", "ui = { escdelay = 2; };\n");
	char *xdg = write_file("xdg/hrmis/hrmis.conf", "ui = { escdelay = 3; };\n");
	char *home = write_file("home/.config/hrmis/hrmis.conf", "ui = { escdelay = 4; };\n");

	setenv("HRMIS_CONFIG", env, 1);
	assert_int_equal(escdelay_found(cli, cli), 1);
	assert_int_equal(escdelay_found(NULL, env), 2);
	setenv("HRMIS_CONFIG", "", 1);
	assert_int_equal(escdelay_found(NULL, xdg), 3);
	unsetenv("HRMIS_CONFIG");
	assert_int_equal(escdelay_found(NULL, xdg), 3);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	assert_int_equal(escdelay_found(NULL, home), 4);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(escdelay_found(NULL, home), 4);
	free(cli), free(env), free(xdg), free(home);
}

/* A file the user named must exist; a found one must be readable. */
static void test_named_file_missing(void **state)
{
	(void)state;
	struct config *config = NULL;
	char *error = NULL, *missing = xasprintf("%s/none.conf", scratch);

	assert_int_equal(config_load(missing, &config, &error), STATUS_CONFIG_MISSING);
	assert_null(config);
	assert_non_null(strstr(error, missing));
	assert_non_null(strstr(error, "No such file"));
	free(error);

	setenv("HRMIS_CONFIG", missing, 1);
	assert_int_equal(config_load(NULL, &config, &error), STATUS_CONFIG_MISSING);
	assert_non_null(strstr(error, missing));
	free(error);
	unsetenv("HRMIS_CONFIG");

	assert_int_equal(config_load(scratch, &config, &error), STATUS_CONFIG_MISSING);
	assert_non_null(strstr(error, "directory"));
	free(error);
	free(missing);
}

/* ---- errors with file:line ----------------------------------------------- */

static void test_syntax_error_line(void **state)
{
	(void)state;
	expect_error("database = {\n\thost = \"db\";\n\tport = ;\n};\n", STATUS_CONFIG_SYNTAX, 3,
	             "syntax error");
	expect_error("# comment\nui = {\n\tescdelay = 5;\n\ttheme = mono;\n};\n",
	             STATUS_CONFIG_SYNTAX, 4, "syntax error");
	expect_error("ui = { escdelay = 1; };\nui = { escdelay = 2; };\n", STATUS_CONFIG_SYNTAX, 2,
	             "duplicate");
}

static void test_unknown_setting(void **state)
{
	(void)state;
	expect_error("database = {\n\thost = \"db\";\n\thots = \"db\";\n};\n",
	             STATUS_CONFIG_UNKNOWN, 3,
	             "unknown setting \"database.hots\" (did you mean database.host?)");
	expect_error("\n\ncolour = \"red\";\n", STATUS_CONFIG_UNKNOWN, 3, "\"colour\"");
	expect_error("ui = {\n\tmin_columns = 100;\n};\n", STATUS_CONFIG_UNKNOWN, 2,
	             "\"ui.min_columns\"");
	expect_error("server = {\n\thost = \"db\";\n};\n", STATUS_CONFIG_UNKNOWN, 1, "\"server\"");
	expect_error("database = {\n\tssl = { mode = \"x\"; };\n};\n", STATUS_CONFIG_UNKNOWN, 2,
	             "\"database.ssl\"");
	expect_error("database = \"db.example\";\n", STATUS_CONFIG_VALUE, 1, "expected a group");
}

static void test_wrong_type(void **state)
{
	(void)state;
	expect_error("database = {\n\tport = \"5432\";\n};\n", STATUS_CONFIG_VALUE, 2,
	             "database.port: expected an integer");
	expect_error("database = {\n\tport = 5432.0;\n};\n", STATUS_CONFIG_VALUE, 2,
	             "database.port: expected an integer");
	expect_error("database = {\n\thost = 5;\n};\n", STATUS_CONFIG_VALUE, 2,
	             "database.host: expected a string");
	expect_error("ui = {\n\tbeep = 1;\n};\n", STATUS_CONFIG_VALUE, 2,
	             "ui.beep: expected true or false");
	expect_error("ui = {\n\ttheme = [\"mono\"];\n};\n", STATUS_CONFIG_VALUE, 2,
	             "ui.theme: expected a string");
}

static void test_out_of_range(void **state)
{
	(void)state;
	expect_error("database = { port = 0; };\n", STATUS_CONFIG_VALUE, 1,
	             "database.port: 0 is out of range (1..65535)");
	expect_error("database = { port = 65536; };\n", STATUS_CONFIG_VALUE, 1, "out of range");
	expect_error("database = { connect_timeout = 1; };\n", STATUS_CONFIG_VALUE, 1,
	             "database.connect_timeout: 1 is out of range (2..300)");
	expect_error("database = { keepalives_idle = 7201; };\n", STATUS_CONFIG_VALUE, 1,
	             "out of range");
	expect_error("\nui = { escdelay = 1001; };\n", STATUS_CONFIG_VALUE, 2,
	             "ui.escdelay: 1001 is out of range (0..1000)");
	expect_error("ui = { escdelay = -1; };\n", STATUS_CONFIG_VALUE, 1, "out of range");
	expect_error("ui = { theme = \"dark\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "ui.theme: \"dark\" is not allowed; use one of default, mono");
	expect_error("ui = { date_format = \"MM/DD/YYYY\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "ui.date_format");
	expect_error("database = { target_session_attrs = \"rw\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "prefer-standby");
	expect_error("database = { sslmode = \"verify_full\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "database.sslmode");
	/* A socket would silently skip TLS; a conninfo dbname could carry sslmode. */
	expect_error("database = { host = \"db1,/var/run/postgresql\"; };\n", STATUS_CONFIG_VALUE,
	             1, "Unix socket");
	expect_error("database = { dbname = \"hrmis sslmode=disable\"; };\n", STATUS_CONFIG_VALUE,
	             1, "plain database name");
	expect_error("database = { dbname = \"postgresql://x/hrmis\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "plain database name");
	expect_error("database = { application_name = \"hrmis\\tx\"; };\n", STATUS_CONFIG_VALUE, 1,
	             "printable");

	char *error = NULL;
	struct config *config = load_text(
	        "database = { port = 6543L; };\nui = { beep = false; };\n", STATUS_OK, &error);
	assert_int_equal(config_int(config, SETTING_DB_PORT), 6543);
	assert_false(config_bool(config, SETTING_UI_BEEP));
	assert_string_equal(config_string(config, SETTING_UI_BEEP), "false");
	config_free(&config);
}

/* ---- connection parameters ------------------------------------------------ */

/* Value of libpq keyword `key` in the arrays, or NULL. */
static const char *param(const char *const *keys, const char *const *values, const char *key)
{
	for (size_t i = 0; keys[i] != NULL; i++)
		if (strcmp(keys[i], key) == 0)
			return values[i];
	return NULL;
}

static void test_sslmode_refused(void **state)
{
	(void)state;
	static const char *const weak[] = { "require", "disable", "verify-ca", "prefer" };
	const char *const *keys, *const *values;

	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		char *text = xasprintf("database = {\n\thost = \"db\";\n\tsslmode = \"%s\";\n};\n",
		                       weak[i]);
		char *error = NULL, *prefix = xasprintf("%s/case.conf:3: ", scratch);
		struct config *config = load_text(text, STATUS_OK, &error);
		assert_int_equal(config_connection(config, &keys, &values, &error),
		                 STATUS_SSLMODE_WEAK);
		assert_null(keys);
		assert_null(values);
		assert_memory_equal(error, prefix, strlen(prefix));
		assert_non_null(strstr(error, "only verify-full is allowed"));
		assert_non_null(strstr(error, weak[i]));
		free(error), free(prefix), free(text);
		config_free(&config);
	}

	char *error = NULL;
	struct config *config =
	        load_text("database = { sslmode = \"verify-full\"; };\n", STATUS_OK, &error);
	assert_int_equal(config_connection(config, &keys, &values, &error), STATUS_OK);
	assert_null(error);
	assert_string_equal(param(keys, values, "sslmode"), "verify-full");
	config_free(&config);
}

static void test_connection_params(void **state)
{
	(void)state;
	const char *const *keys, *const *values;
	char *error = NULL;
	struct config *config =
	        load_text("database = {\n\thost = \"db1.example,db2.example\";\n\tport = 5433;\n"
	                  "\tuser = \"clerk_moe\";\n\tsslrootcert = \"/etc/hrmis/ca.crt\";\n};\n",
	                  STATUS_OK, &error);

	assert_int_equal(config_connection(config, &keys, &values, &error), STATUS_OK);
	assert_string_equal(param(keys, values, "host"), "db1.example,db2.example");
	assert_string_equal(param(keys, values, "port"), "5433");
	assert_string_equal(param(keys, values, "user"), "clerk_moe");
	assert_string_equal(param(keys, values, "sslrootcert"), "/etc/hrmis/ca.crt");
	assert_string_equal(param(keys, values, "dbname"), "hrmis");
	assert_string_equal(param(keys, values, "connect_timeout"), "10");
	assert_string_equal(param(keys, values, "application_name"), "hrmis");
	assert_string_equal(param(keys, values, "keepalives_idle"), "60");
	assert_string_equal(param(keys, values, "target_session_attrs"), "read-write");
	assert_null(param(keys, values, "service"));
	assert_null(param(keys, values, "sslcert"));
	size_t count = 0;
	for (; keys[count] != NULL; count++)
		assert_true(values[count] != NULL && values[count][0] != '\0');
	assert_string_equal(keys[count - 1], "sslmode");
	assert_string_equal(values[count - 1], "verify-full");
	assert_null(values[count]);
	config_free(&config);
}

/* With a service, what the file does not set comes from pg_service.conf. */
static void test_connection_with_service(void **state)
{
	(void)state;
	const char *const *keys, *const *values;
	char *error = NULL;
	struct config *config =
	        load_text("database = {\n\tservice = \"hr\";\n\tuser = \"clerk_moe\";\n};\n",
	                  STATUS_OK, &error);

	assert_int_equal(config_connection(config, &keys, &values, &error), STATUS_OK);
	assert_string_equal(keys[0], "service");
	assert_string_equal(values[0], "hr");
	assert_string_equal(keys[1], "user");
	assert_string_equal(keys[2], "sslmode");
	assert_string_equal(values[2], "verify-full");
	assert_null(keys[3]);
	config_free(&config);
}

/* ---- key bindings and NO_COLOR --------------------------------------------- */

static void test_key_bindings(void **state)
{
	(void)state;
	char *error = NULL;
	struct config *config = load_text("keys = {\n"
	                                  "\tglobal = {\n"
	                                  "\t\tquit = \"C-x\";\n"
	                                  "\t};\n"
	                                  "\tform = {\n"
	                                  "\t\tsave = [\"F2\",\n"
	                                  "\t\t\t\"C-s\"];\n"
	                                  "\t\tnot_checked_here = \"Nonsense\";\n"
	                                  "\t};\n"
	                                  "};\n",
	                                  STATUS_OK, &error);
	static const struct config_binding expected[] = {
		{ "global", "quit", "C-x", 3 },
		{ "form", "save", "F2", 6 },
		{ "form", "save", "C-s", 7 },
		{ "form", "not_checked_here", "Nonsense", 8 },
	};

	assert_int_equal(config_binding_count(config), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct config_binding *binding = config_binding(config, i);
		assert_string_equal(binding->context, expected[i].context);
		assert_string_equal(binding->action, expected[i].action);
		assert_string_equal(binding->key, expected[i].key);
		assert_in_range(binding->line, expected[i].line == 7 ? 6 : expected[i].line,
		                expected[i].line);
	}
	assert_null(config_binding(config, 4));
	config_free(&config);

	expect_error("keys = {\n\tglobal = {\n\t\tquit = 17;\n\t};\n};\n", STATUS_CONFIG_VALUE, 3,
	             "keys.global.quit: expected a key name or a list of key names");
	expect_error("keys = {\n\tglobal = {\n\t\tquit = [];\n\t};\n};\n", STATUS_CONFIG_VALUE, 3,
	             "keys.global.quit");
	expect_error("keys = {\n\tglobal = {\n\t\tquit = \"\";\n\t};\n};\n", STATUS_CONFIG_VALUE, 3,
	             "keys.global.quit");
	expect_error("keys = {\n\tglobal = \"F1\";\n};\n", STATUS_CONFIG_VALUE, 2,
	             "keys.global: expected a group of actions");
	expect_error("keys = \"F1\";\n", STATUS_CONFIG_VALUE, 1, "keys: expected a group");
}

static void test_no_color(void **state)
{
	(void)state;
	char *error = NULL;
	struct config *config;

	setenv("NO_COLOR", "1", 1);
	config = load_text("ui = { theme = \"default\"; };\n", STATUS_OK, &error);
	assert_string_equal(config_string(config, SETTING_UI_THEME), "mono");
	config_free(&config);

	setenv("NO_COLOR", "", 1); /* present but empty: no effect, as no-color.org says */
	config = load_text("ui = { theme = \"default\"; };\n", STATUS_OK, &error);
	assert_string_equal(config_string(config, SETTING_UI_THEME), "default");
	config_free(&config);
	unsetenv("NO_COLOR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults_are_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_example_matches_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_defaults_without_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_named_file_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sslmode_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_with_service, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_bindings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_color, setup, teardown),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
