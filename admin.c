/*
 * admin.c - hrmis-admin: migrate the schema, manage logins, load demo data.
 * Connects as a superuser (conninfo from --db, else the libpq environment:
 * PGHOST, PGUSER ...).  Exit status: 0 done, 1 failed, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "admin_account.h"
#include "db.h"
#include "migrate.h"
#include "seed.h"
#include "seed_scale.h"
#include "xalloc.h"

#define ADMIN_VERSION "0.1.0"

enum { EXIT_USAGE = 2 };

static const char usage_text[] =
        "Usage: hrmis-admin [--db CONNINFO] COMMAND\n"
        "\n"
        "Commands:\n"
        "  migrate [--dir DIR]                      apply pending migrations, then the function\n"
        "                                           files that are new or changed (default: the\n"
        "                                           files built in; DIR holds NNN_*.sql and\n"
        "                                           functions/)\n"
        "  migrate status [--dir DIR]               list the migrations and function files as\n"
        "                                           applied, pending or changed\n"
        "  status [--dir DIR]                       the same\n"
        "  user add NAME --org CODE --kind KIND     create a login (KIND: clerk, head,\n"
        "                                           ministry, agency, auditor)\n"
        "      --password                           also require a password (read from stdin)\n"
        "  user password NAME                       set a login's password (two factors)\n"
        "  user list                                list logins and their organisations\n"
        "  seed --demo                              load the demo organisations, people, logins\n"
        "  seed --orgs N --employees M [--seed S]   load a whole service at scale (COPY) into an\n"
        "                                           empty database, with benchmark logins\n"
        "  --help, --version\n"
        "\n"
        "Without --db the connection comes from PGHOST, PGPORT, PGUSER, PGDATABASE ...\n"
        "The login must be a superuser.\n";

static int usage_error(const char *message)
{
	fprintf(stderr, "hrmis-admin: %s\n\n%s", message, usage_text);
	return EXIT_USAGE;
}

/* Prints the plain sentence and the technical detail; returns exit status 1. */
static int failure(enum status status, const char *context, const char *detail)
{
	fprintf(stderr, "hrmis-admin: %s%s%s\n", context ? context : "", context ? ": " : "",
	        status_message(status));
	if (detail != NULL && detail[0] != '\0')
		fprintf(stderr, "  detail: %s\n", detail);
	return EXIT_FAILURE;
}

static int db_failure(struct db *db, const char *context)
{
	return failure(db_status(db), context, db_detail(db));
}

/* Returns a connected handle, or NULL after reporting the failure. */
static struct db *connect_admin(const char *conninfo)
{
	const char *keys[] = { "dbname", "fallback_application_name", NULL };
	const char *values[] = { conninfo, "hrmis-admin", NULL };
	struct db *db = db_new();

	db_set_params(db, keys, values);
	if (db_connect(db) != STATUS_OK) {
		db_failure(db, "cannot connect");
		db_free(&db);
	}
	return db;
}

/* Parses "[--dir DIR]"; returns the set or NULL (*code set). */
static struct migration_set *load_migrations(int argc, char **argv, int *code)
{
	struct migration_set *set = NULL;
	char *detail = NULL;
	enum status status;

	if (argc == 0)
		return migration_set_embedded();
	if (argc != 2 || strcmp(argv[0], "--dir") != 0) {
		*code = usage_error("expected at most --dir DIR");
		return NULL;
	}
	status = migration_set_from_dir(argv[1], &set, &detail);
	if (status != STATUS_OK) {
		*code = failure(status, "cannot read the migrations", detail);
		free(detail);
		return NULL;
	}
	return set;
}

static int cmd_migrate(const char *conninfo, int argc, char **argv, bool status_only)
{
	int code = EXIT_SUCCESS;
	struct migration_set *set = load_migrations(argc, argv, &code);
	struct db *db;
	const char *failed = NULL;
	char *detail = NULL, *context;
	enum status status;

	if (set == NULL)
		return code;
	if ((db = connect_admin(conninfo)) == NULL) {
		migration_set_free(&set);
		return EXIT_FAILURE;
	}
	if (status_only) {
		status = migrate_status(db, set, stdout);
		if (status != STATUS_OK)
			code = status == STATUS_MIGRATION_CHANGED ? failure(status, NULL, NULL)
			                                          : db_failure(db, NULL);
	} else if ((status = migrate_apply(db, set, stdout, &failed, &detail)) != STATUS_OK) {
		if (failed != NULL && migration_is_function_file(failed))
			context = xasprintf("function file %s", failed);
		else
			context = failed ? xasprintf("migration %s", failed) : NULL;
		code = failure(status, context, detail);
		free(context);
		free(detail);
	}
	db_free(&db);
	migration_set_free(&set);
	return code;
}

/*
 * Reads a new password from standard input: one line, without echo when it
 * is a terminal.  Returns a malloc'd string (caller frees) or NULL.
 */
static char *read_password(const char *name)
{
	char buf[1024];
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	size_t len;

	if (tty) {
		fprintf(stderr, "New password for %s: ", name);
		quiet = saved;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, sizeof buf, stdin) == NULL)
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	len = strcspn(buf, "\r\n");
	buf[len] = '\0';
	if (len < 8) {
		fprintf(stderr, "hrmis-admin: a password needs at least 8 characters\n");
		return NULL;
	}
	return xstrdup(buf);
}

/* Sets the password of `name` read from standard input. */
static int set_password(struct db *db, const char *name)
{
	char *password = read_password(name);
	int code = EXIT_SUCCESS;

	if (password == NULL)
		return EXIT_FAILURE;
	if (admin_account_set_password(db, name, password) != STATUS_OK)
		code = db_failure(db, "cannot set the password");
	else
		printf("login %s now needs its certificate and a password\n", name);
	memset(password, 0, strlen(password));
	free(password);
	return code;
}

/* user add NAME --org CODE --kind KIND [--password] | user password NAME | user list */
static int cmd_user(const char *conninfo, int argc, char **argv)
{
	const char *name = NULL, *org = NULL, *kind = NULL;
	bool with_password = false;
	struct db *db;
	int code = EXIT_SUCCESS;

	if (argc == 2 && strcmp(argv[0], "password") == 0) {
		if ((db = connect_admin(conninfo)) == NULL)
			return EXIT_FAILURE;
		code = set_password(db, argv[1]);
		db_free(&db);
		return code;
	}

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if ((db = connect_admin(conninfo)) == NULL)
			return EXIT_FAILURE;
		if (admin_account_list(db, stdout) != STATUS_OK)
			code = db_failure(db, "cannot list the logins");
		db_free(&db);
		return code;
	}
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		return usage_error("expected \"user add\" or \"user list\"");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--org") == 0 && i + 1 < argc)
			org = argv[++i];
		else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
			kind = argv[++i];
		else if (strcmp(argv[i], "--password") == 0)
			with_password = true;
		else if (argv[i][0] != '-' && name == NULL)
			name = argv[i];
		else
			return usage_error("user add NAME --org CODE --kind KIND [--password]");
	}
	if (name == NULL || org == NULL || kind == NULL)
		return usage_error("user add needs NAME, --org CODE and --kind KIND");
	if (!admin_account_valid_name(name))
		return usage_error(
		        "a login name is 1-63 of a-z, 0-9, _ and starts with a letter or _");
	if (!admin_account_valid_kind(kind))
		return usage_error("--kind is one of clerk, head, ministry, agency, auditor");
	if ((db = connect_admin(conninfo)) == NULL)
		return EXIT_FAILURE;
	if (admin_account_add(db, name, org, kind) != STATUS_OK)
		code = db_failure(db, "cannot create the login");
	else
		printf("created login %s (%s of %s)\n", name, kind, org);
	if (code == EXIT_SUCCESS && with_password)
		code = set_password(db, name);
	db_free(&db);
	return code;
}

/* Parses a whole decimal number in [min, max]; false otherwise. */
static bool parse_number(const char *text, unsigned long long min, unsigned long long max,
                         unsigned long long *value)
{
	char *end;

	if (text == NULL || text[0] < '0' || text[0] > '9')
		return false;
	*value = strtoull(text, &end, 10);
	return *end == '\0' && *value >= min && *value <= max;
}

/* seed --orgs N --employees M [--seed S] */
static int cmd_seed_scale(const char *conninfo, int argc, char **argv)
{
	struct seed_scale_options opt = { .seed = 1 };
	unsigned long long orgs = 0, employees = 0, seed = 1;
	struct db *db;
	bool already = false;
	char *detail = NULL;
	enum status status;
	int code = EXIT_SUCCESS;

	for (int i = 0; i < argc; i++) {
		bool ok = i + 1 < argc;
		if (ok && strcmp(argv[i], "--orgs") == 0)
			ok = parse_number(argv[++i], 3, 100000, &orgs);
		else if (ok && strcmp(argv[i], "--employees") == 0)
			ok = parse_number(argv[++i], 3, 20000000, &employees);
		else if (ok && strcmp(argv[i], "--seed") == 0)
			ok = parse_number(argv[++i], 0, ~0ULL, &seed);
		else
			ok = false;
		if (!ok)
			return usage_error("seed --orgs N (3-100000) --employees M (N-20000000) "
			                   "[--seed S]");
	}
	if (orgs == 0 || employees == 0 || employees < orgs)
		return usage_error("seed needs --orgs N and --employees M, with M at least N");
	opt.orgs = (int)orgs;
	opt.employees = (long)employees;
	opt.seed = seed;
	if ((db = connect_admin(conninfo)) == NULL)
		return EXIT_FAILURE;
	status = seed_scale(db, conninfo, &opt, stdout, stderr, &already, &detail);
	if (status != STATUS_OK)
		code = failure(status, "cannot load the scale data",
		               detail != NULL ? detail : db_detail(db));
	else if (already)
		puts("scale data already loaded; finished the steps after loading");
	free(detail);
	db_free(&db);
	return code;
}

static int cmd_seed(const char *conninfo, int argc, char **argv)
{
	struct db *db;
	bool already = false;
	int code = EXIT_SUCCESS;

	if (argc >= 1 && strcmp(argv[0], "--demo") != 0)
		return cmd_seed_scale(conninfo, argc, argv);
	if (argc != 1 || strcmp(argv[0], "--demo") != 0)
		return usage_error("expected seed --demo or seed --orgs N --employees M [--seed S]");
	if ((db = connect_admin(conninfo)) == NULL)
		return EXIT_FAILURE;
	if (seed_demo(db, &already) != STATUS_OK)
		code = db_failure(db, "cannot load the demo data");
	else
		puts(already ? "demo data already loaded; nothing changed" : "demo data loaded");
	db_free(&db);
	return code;
}

int main(int argc, char **argv)
{
	const char *conninfo = NULL;
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return EXIT_SUCCESS;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("hrmis-admin " ADMIN_VERSION);
			return EXIT_SUCCESS;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			conninfo = argv[++i];
		} else {
			return usage_error("unknown option");
		}
	}
	if (i == argc)
		return usage_error("no command given");
	if (strcmp(argv[i], "migrate") == 0 && i + 1 < argc && strcmp(argv[i + 1], "status") == 0)
		return cmd_migrate(conninfo, argc - i - 2, argv + i + 2, true);
	if (strcmp(argv[i], "migrate") == 0)
		return cmd_migrate(conninfo, argc - i - 1, argv + i + 1, false);
	if (strcmp(argv[i], "status") == 0)
		return cmd_migrate(conninfo, argc - i - 1, argv + i + 1, true);
	if (strcmp(argv[i], "user") == 0)
		return cmd_user(conninfo, argc - i - 1, argv + i + 1);
	if (strcmp(argv[i], "seed") == 0)
		return cmd_seed(conninfo, argc - i - 1, argv + i + 1);
	return usage_error("unknown command");
}
