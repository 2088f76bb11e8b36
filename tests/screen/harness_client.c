/*
 * harness_client.c - configs, logins, SQL and screen reading shared by the
 * screen tests of the hrmis client (see harness_client.h).
 */
#include "harness_client.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { SQL_PARAMS = 6 };

/* ---- the environment and scripts/devdb.sh */

bool client_environment_ready(void)
{
	static const char *const needed[] = { "HRMIS_BIN", "HRMIS_ROOT", "HRMIS_DEVDB_DIR",
		                              "HRMIS_DEVDB_PORT", NULL };

	for (size_t i = 0; needed[i]; i++) {
		if (!getenv(needed[i])) {
			fprintf(stderr,
			        "%s is not set: run the screen tests through tests/run.sh\n",
			        needed[i]);
			return false;
		}
	}
	return true;
}

char *client_shell_line(const char *command)
{
	char line[CLIENT_TEXT_BYTES];
	FILE *pipe = popen(command, "r");

	if (!pipe) {
		perror("popen");
		return NULL;
	}
	char *first = fgets(line, sizeof line, pipe) ? strdup(line) : NULL;
	while (fgets(line, sizeof line, pipe))
		; /* read the rest so the command never blocks on a full pipe */
	int status = pclose(pipe);
	if (!first || status != 0) {
		fprintf(stderr, "`%s` failed (status %d)\n", command, status);
		free(first);
		return NULL;
	}
	first[strcspn(first, "\n")] = '\0';
	return first;
}

char *client_devdb_conf(const char *login)
{
	char command[CLIENT_TEXT_BYTES];

	snprintf(command, sizeof command, "sh '%s/scripts/devdb.sh' conf %s </dev/null",
	         getenv("HRMIS_ROOT"), login);
	return client_shell_line(command);
}

char *client_devdb_clerk(const char *login, const char *org, const char *password)
{
	const char *root = getenv("HRMIS_ROOT");
	char command[CLIENT_TEXT_BYTES], feed[64] = "";

	if (password)
		snprintf(feed, sizeof feed, "echo '%s' | ", password);
	snprintf(command, sizeof command,
	         "%ssh '%s/scripts/devdb.sh' admin user add %s --org %s --kind clerk%s >/dev/null "
	         "&& sh '%s/scripts/devdb.sh' cert %s </dev/null",
	         feed, root, login, org, password ? " --password" : " </dev/null", root, login);
	char *cert = client_shell_line(command);
	if (cert == NULL)
		return NULL;
	free(cert);
	return client_devdb_conf(login);
}

char *client_path_in(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	if (path == NULL)
		abort();
	snprintf(path, len, "%s/%s", dir, name);
	return path;
}

char *client_config_with(const char *config, const char *dir, const char *name, const char *more)
{
	char *path = client_path_in(dir, name), buf[CLIENT_TEXT_BYTES];
	FILE *in = fopen(config, "r"), *out = NULL;
	int fd = -1;
	size_t n;
	bool ok = in != NULL;

	if (ok)
		ok = (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0 &&
		     (out = fdopen(fd, "w")) != NULL;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (ok)
		ok = !ferror(in) && fprintf(out, "\n%s\n", more) > 0;
	if (out != NULL)
		ok = fclose(out) == 0 && ok;
	else if (fd >= 0)
		close(fd);
	if (in != NULL)
		fclose(in);
	if (!ok) {
		fprintf(stderr, "cannot copy %s to %s with the extra settings\n", config, path);
		free(path);
		return NULL;
	}
	return path;
}

/* ---- the database */

static PGconn *connect_or_fail(const char *conninfo)
{
	PGconn *conn = PQconnectdb(conninfo);

	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "cannot connect (%s): %s", conninfo, PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, NULL, NULL);
	return conn;
}

PGconn *client_connect_login(const char *login)
{
	const char *devdb = getenv("HRMIS_DEVDB_DIR");
	char conninfo[CLIENT_TEXT_BYTES];

	snprintf(conninfo, sizeof conninfo,
	         "host=localhost port=%s dbname=hrmis user=%s sslmode=verify-full "
	         "sslrootcert=%s/tls/ca.crt sslcert=%s/tls/%s.crt sslkey=%s/tls/%s.key",
	         getenv("HRMIS_DEVDB_PORT"), login, devdb, devdb, login, devdb, login);
	return connect_or_fail(conninfo);
}

PGconn *client_connect_superuser(void)
{
	const char *devdb = getenv("HRMIS_DEVDB_DIR");
	char path[CLIENT_TEXT_BYTES], superuser[128] = "", conninfo[CLIENT_TEXT_BYTES];
	FILE *file;

	snprintf(path, sizeof path, "%s/superuser", devdb);
	file = fopen(path, "r");
	if (file == NULL || fgets(superuser, sizeof superuser, file) == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		if (file)
			fclose(file);
		return NULL;
	}
	fclose(file);
	superuser[strcspn(superuser, "\n")] = '\0';
	snprintf(conninfo, sizeof conninfo, "host=%s/run port=%s dbname=hrmis user=%s", devdb,
	         getenv("HRMIS_DEVDB_PORT"), superuser);
	return connect_or_fail(conninfo);
}

/* The first value of sql with n params, as client_sql_value() returns it. */
static char *sql_first_value(PGconn *conn, const char *sql, int n, const char *const params[])
{
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	char *value;

	if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "SQL failed: %s\n%s", sql, PQresultErrorMessage(res));
		PQclear(res);
		return NULL;
	}
	value = strdup(PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
	PQclear(res);
	if (value == NULL)
		abort();
	return value;
}

/* Collect the NULL-terminated parameters after sql into params; how many. */
static int sql_params(va_list ap, const char *params[SQL_PARAMS])
{
	const char *p;
	int n = 0;

	while (n < SQL_PARAMS && (p = va_arg(ap, const char *)) != NULL)
		params[n++] = p;
	return n;
}

char *client_sql_value(PGconn *conn, const char *sql, ...)
{
	const char *params[SQL_PARAMS] = { NULL };
	va_list ap;

	va_start(ap, sql);
	int n = sql_params(ap, params);
	va_end(ap);
	return sql_first_value(conn, sql, n, params);
}

bool client_sql_is(PGconn *conn, const char *expected, const char *sql, ...)
{
	const char *params[SQL_PARAMS] = { NULL };
	va_list ap;

	va_start(ap, sql);
	int n = sql_params(ap, params);
	va_end(ap);
	char *value = sql_first_value(conn, sql, n, params);
	if (value == NULL)
		return false;
	bool same = strcmp(value, expected) == 0;
	if (!same)
		fprintf(stderr, "database: expected \"%s\", found \"%s\" for: %s\n", expected,
		        value, sql);
	free(value);
	return same;
}

/* ---- the screen */

int client_rows(const struct term *term)
{
	int rows;

	term_size(term, NULL, &rows);
	return rows;
}

bool client_row_has_words(struct term *term, int row, const char *const words[])
{
	char *text = term_row_text(term, row);
	bool all = true;

	for (size_t i = 0; all && words[i]; i++)
		all = strstr(text, words[i]) != NULL;
	free(text);
	return all;
}

int client_find_body_row(struct term *term, const char *const words[])
{
	for (int row = 1; row < client_rows(term) - 2; row++)
		if (client_row_has_words(term, row, words))
			return row;
	return -1;
}

bool client_message_has(struct term *term, const char *text)
{
	const char *const words[] = { text, NULL };

	return client_row_has_words(term, client_rows(term) - 2, words);
}

static bool message_shown(struct term *term, void *text)
{
	return client_message_has(term, text);
}

static bool message_gone(struct term *term, void *text)
{
	return !client_message_has(term, text);
}

bool client_wait_message(struct term *term, const char *text, int timeout_ms)
{
	char what[512];

	snprintf(what, sizeof what, "message line (row rows-2) showing \"%s\"", text);
	return term_wait_until(term, message_shown, (void *)text, what, timeout_ms);
}

bool client_wait_message_gone(struct term *term, const char *text, int timeout_ms)
{
	char what[512];

	snprintf(what, sizeof what, "message line (row rows-2) no longer showing \"%s\"", text);
	return term_wait_until(term, message_gone, (void *)text, what, timeout_ms);
}

struct words_arg {
	const char *const *words;
};

static bool body_row_shown(struct term *term, void *arg)
{
	return client_find_body_row(term, ((struct words_arg *)arg)->words) >= 0;
}

bool client_wait_body_row(struct term *term, const char *const words[], int timeout_ms)
{
	struct words_arg arg = { words };
	char what[512];
	size_t len = (size_t)snprintf(what, sizeof what, "a body row with");

	for (size_t i = 0; words[i] && len < sizeof what; i++)
		len += (size_t)snprintf(what + len, sizeof what - len, " \"%s\"", words[i]);
	return term_wait_until(term, body_row_shown, &arg, what, timeout_ms);
}

bool client_not_shown(struct term *term, const char *text)
{
	if (!term_has_text(term, text))
		return true;
	fprintf(stderr, "\"%s\" should not be on the screen:\n", text);
	term_dump(term, stderr);
	return false;
}

/* ---- the client */

struct term *client_spawn(const char *config, int cols, int rows, const char *const env[])
{
	const char *const argv[] = { getenv("HRMIS_BIN"), "--config", config, NULL };

	if (argv[0] == NULL) {
		fputs("HRMIS_BIN is not set: run the screen tests through tests/run.sh\n", stderr);
		return NULL;
	}
	return term_spawn(argv, cols, rows, env);
}

bool client_home_shown(struct term *term, const char *login, const char *org,
                       const char *const more[])
{
	const char *const title[] = { "Home", NULL };
	const char *const login_row[] = { "Login:", login, NULL };
	const char *const org_row[] = { "Organisation:", org, NULL };

	return client_row_has_words(term, 0, title) && client_find_body_row(term, login_row) >= 0 &&
	       client_find_body_row(term, org_row) >= 0 &&
	       (more == NULL || client_find_body_row(term, more) >= 0);
}

struct home_arg {
	const char *login, *org;
	const char *const *more;
};

static bool home_pred(struct term *term, void *arg)
{
	const struct home_arg *home = arg;

	return client_home_shown(term, home->login, home->org, home->more);
}

bool client_wait_home(struct term *term, const char *login, const char *org,
                      const char *const more[], const char *what, int timeout_ms)
{
	struct home_arg arg = { login, org, more };

	return term_wait_until(term, home_pred, &arg, what, timeout_ms);
}

bool client_exit_is(struct term *term, int code)
{
	int status = -1;

	if (!term_wait_exit(term, &status, CLIENT_WAIT_MS))
		return false;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != code) {
		fprintf(stderr, "expected exit status %d, wait status is 0x%x:\n", code, status);
		term_dump(term, stderr);
		return false;
	}
	return true;
}

bool client_quit_from_home(struct term *term)
{
	if (!term_key(term, "F3") || !client_exit_is(term, 0))
		return false;
	if (!term_restored(term)) {
		fputs("the terminal was not restored on exit:\n", stderr);
		term_dump(term, stderr);
		return false;
	}
	return true;
}

bool client_backspaces(struct term *term, int n)
{
	char bytes[128];

	if (n <= 0 || n > (int)sizeof bytes) {
		fprintf(stderr, "%d backspaces: 1 to %zu in one write\n", n, sizeof bytes);
		return false;
	}
	memset(bytes, 0x7f, (size_t)n);
	return term_send(term, bytes, (size_t)n);
}

/* ---- the register of personnel files */

char *client_register_search(struct term *term)
{
	static const char *const statuses[] = { " current, ", " former, ", " all, ", NULL };
	char *row = term_row_text(term, 1), *start = strstr(row, "Search:"), *end = NULL, *out;

	for (size_t i = 0; start != NULL && statuses[i]; i++)
		for (char *p = start; (p = strstr(p, statuses[i])) != NULL; p++)
			if (end == NULL || p > end)
				end = p;
	if (start == NULL || end == NULL || strstr(end, ", as of ") == NULL) {
		free(row);
		return NULL;
	}
	start += strlen("Search:");
	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	out = strndup(start, (size_t)(end - start));
	free(row);
	return out;
}

static bool register_pred(struct term *term, void *arg)
{
	const char *const search[] = { "Search:", ", as of ", NULL };
	const char *const columns[] = { "Name", "Pers. no", "Born", NULL };

	(void)arg;
	return client_row_has_words(term, 1, search) && client_row_has_words(term, 2, columns);
}

bool client_wait_register(struct term *term, int timeout_ms)
{
	return term_wait_until(term, register_pred, NULL,
	                       "the register (Search: line and the column headings)", timeout_ms);
}

bool client_register_answered(struct term *term)
{
	const char *const shown[] = { " shown", NULL };
	const char *const none[] = { "No one matches.", NULL };
	const char *const busy[] = { "searching", NULL };
	int info_row = client_rows(term) - 3;

	return (client_row_has_words(term, info_row, shown) ||
	        client_row_has_words(term, info_row, none)) &&
	       !client_row_has_words(term, info_row, busy);
}

static bool answered_pred(struct term *term, void *arg)
{
	(void)arg;
	return client_register_answered(term);
}

bool client_wait_register_answered(struct term *term, int timeout_ms)
{
	return term_wait_until(term, answered_pred, NULL, "the register's list (\"N shown\")",
	                       timeout_ms);
}

char *client_config_port(const char *config, const char *dir, const char *name, int port)
{
	char *path = client_path_in(dir, name), line[CLIENT_TEXT_BYTES];
	FILE *in = fopen(config, "r"), *out = in ? fopen(path, "w") : NULL;
	bool ok = out != NULL;

	while (ok && fgets(line, sizeof line, in) != NULL) {
		char *at = strstr(line, "port = ");
		if (at != NULL) {
			char *end = at + strlen("port = ");

			while (*end >= '0' && *end <= '9')
				end++;
			ok = fprintf(out, "%.*sport = %d%s", (int)(at - line), line, port, end) > 0;
		} else {
			ok = fputs(line, out) >= 0;
		}
	}
	if (out != NULL)
		ok = fclose(out) == 0 && ok;
	if (in != NULL)
		fclose(in);
	if (!ok) {
		fprintf(stderr, "cannot write %s with port %d\n", path, port);
		free(path);
		return NULL;
	}
	return path;
}

/* ---- forms */

int client_field_row(struct term *term, const char *label)
{
	size_t len = strlen(label);

	for (int row = 2; row < client_rows(term) - 2; row++) {
		char *text = term_row_text(term, row);
		size_t lead = strspn(text, " !*");
		bool here = strncmp(text + lead, label, len) == 0 &&
		            (text[lead + len] == ' ' || text[lead + len] == '\0');

		free(text);
		if (here)
			return row;
	}
	return -1;
}

/* The text after the label of row (the label found at its start). */
static const char *after_label(const char *text, const char *label)
{
	const char *after = strstr(text, label) + strlen(label);

	return after + strspn(after, " ");
}

char *client_field_value(struct term *term, const char *label)
{
	int row = client_field_row(term, label);
	char *text, *value;

	if (row < 0)
		value = strdup("");
	else {
		text = term_row_text(term, row);
		value = strdup(after_label(text, label));
		free(text);
	}
	if (value == NULL)
		abort();
	return value;
}

struct field_arg {
	const char *label, *value; /* value NULL: any */
	char mark;                 /* '!', '*', ' ' or 0 for any */
	bool focused;              /* the cursor is on the field's row */
};

static bool field_pred(struct term *term, void *arg)
{
	const struct field_arg *a = arg;
	int row = client_field_row(term, a->label), cursor_row, cursor_col;
	char *text, mark;
	size_t lead;
	bool ok;

	if (row < 0)
		return false;
	text = term_row_text(term, row);
	lead = strspn(text, " ");
	mark = text[lead] == '!' || text[lead] == '*' ? text[lead] : ' ';
	ok = (a->value == NULL || strcmp(after_label(text, a->label), a->value) == 0) &&
	     (a->mark == 0 || mark == a->mark);
	free(text);
	term_cursor(term, &cursor_row, &cursor_col);
	return ok && (!a->focused || cursor_row == row);
}

bool client_wait_field(struct term *term, const char *label, const char *value, char mark,
                       bool focused, int timeout_ms)
{
	struct field_arg arg = { label, value, mark, focused };
	char what[512], marked[16] = "";

	if (mark != 0)
		snprintf(marked, sizeof marked, ", mark '%c'", mark);
	snprintf(what, sizeof what, "field \"%s\" showing \"%s\"%s%s", label,
	         value ? value : "(any)", marked, focused ? ", cursor on it" : "");
	return term_wait_until(term, field_pred, &arg, what, timeout_ms);
}

/* ---- lists */

int client_selected_row(struct term *term)
{
	int found = -1, cursor_row, cursor_col;

	for (int row = 1; row < client_rows(term) - 2; row++) {
		struct term_cell cell;

		if (term_cell_at(term, row, 0, &cell) && strcmp(cell.text, ">") == 0) {
			if (found >= 0)
				return -1;
			found = row;
		}
	}
	/* A finished frame leaves the cursor on the selected line (a scroll
	 * may show one '>' on a line not yet repainted). */
	term_cursor(term, &cursor_row, &cursor_col);
	return cursor_row == found && cursor_col == 0 ? found : -1;
}

char *client_selected_text(struct term *term)
{
	int row = client_selected_row(term);
	char *text = row < 0 ? strdup("") : term_row_text(term, row);

	if (text == NULL)
		abort();
	return text;
}

struct moved_arg {
	int row;
	const char *text;
};

static bool moved_pred(struct term *term, void *arg)
{
	const struct moved_arg *before = arg;
	int row = client_selected_row(term);
	char *text;
	bool moved;

	if (row < 0)
		return false; /* no selection, or a redraw half done */
	text = term_row_text(term, row);
	moved = row != before->row || strcmp(text, before->text) != 0;
	free(text);
	return moved;
}

bool client_wait_selection_moved(struct term *term, int row, const char *text, int timeout_ms)
{
	struct moved_arg before = { row, text };

	return term_wait_until(term, moved_pred, &before, "the selection to move", timeout_ms);
}

/* ---- what a run makes */

void client_day(int days, const char *format, char *buf, size_t size)
{
	time_t when = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(buf, size, format, &tm);
}

void client_day_text(int days, char *buf, size_t size)
{
	client_day(days, "%d.%m.%Y", buf, size);
}

void client_day_iso(int days, char *buf, size_t size)
{
	client_day(days, "%Y-%m-%d", buf, size);
}

void client_run_tag(char *tag, int letters)
{
	unsigned long long value = (unsigned long long)(time(NULL) - 1700000000LL) * 1000ULL +
	                           (unsigned long long)getpid() % 1000ULL;

	for (int i = letters - 1; i >= 0; i--) {
		tag[i] = (char)('a' + value % 26);
		value /= 26;
	}
	tag[letters] = '\0';
}

bool client_marks_read(PGconn *conn, struct client_marks *marks)
{
	static const char *const tables[] = { "person", "hr_order", "department", "position" };
	char *slots[] = { marks->person, marks->order, marks->department, marks->position };
	char sql[128];

	for (int i = 0; i < 4; i++) {
		snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM hr.%s", tables[i]);
		char *value = client_sql_value(conn, sql, NULL);

		if (value == NULL || value[0] == '\0') {
			free(value);
			return false;
		}
		snprintf(slots[i], sizeof marks->person, "%s", value);
		free(value);
	}
	return true;
}

bool client_remove_since(PGconn *super, const struct client_marks *marks, const char *orgs,
                         const char *draft_login)
{
	static const char *const person_tables[] = {
		"absence", "pay_history",    "grade_history",    "award",          "penalty",
		"consent", "person_history", "prior_employment", "person_release",
	};
	char sql[8192], login[96] = "";
	int n;

	if (draft_login != NULL)
		snprintf(login, sizeof login, "login = '%s' AND ", draft_login);
	n = snprintf(sql, sizeof sql,
	             "BEGIN; SET LOCAL session_replication_role = replica;"
	             "DELETE FROM hr.order_effect WHERE org_id IN %1$s AND order_id > %2$s;"
	             "DELETE FROM hr.order_line WHERE org_id IN %1$s AND order_id > %2$s;"
	             "DELETE FROM hr.hr_order WHERE org_id IN %1$s AND id > %2$s;"
	             "DELETE FROM hr.order_counter c WHERE org_id IN %1$s AND NOT EXISTS "
	             " (SELECT 1 FROM hr.hr_order h WHERE h.org_id = c.org_id "
	             " AND h.register_id = c.register_id AND h.year = c.year "
	             " AND h.number IS NOT NULL);"
	             "UPDATE hr.order_counter c SET last_no = (SELECT max(number) "
	             " FROM hr.hr_order h WHERE h.org_id = c.org_id "
	             " AND h.register_id = c.register_id AND h.year = c.year) "
	             " WHERE org_id IN %1$s;"
	             "DELETE FROM work.draft WHERE %3$sform = 'order';",
	             orgs, marks->order, login);
	for (size_t i = 0; i < sizeof person_tables / sizeof person_tables[0]; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n,
		              "DELETE FROM hr.%s WHERE person_id > %s;", person_tables[i],
		              marks->person);
	n += snprintf(sql + n, sizeof sql - (size_t)n,
	              "DELETE FROM hr.assignment WHERE employment_id IN (SELECT id "
	              " FROM hr.employment WHERE person_id > %1$s) OR position_id > %2$s;"
	              "DELETE FROM hr.employment WHERE person_id > %1$s;"
	              "DELETE FROM hr.person WHERE id > %1$s;"
	              "DELETE FROM hr.position_version WHERE position_id > %2$s;"
	              "DELETE FROM hr.position WHERE id > %2$s;"
	              "DELETE FROM hr.department_version WHERE department_id > %3$s;"
	              "DELETE FROM hr.department WHERE id > %3$s;"
	              "COMMIT;",
	              marks->person, marks->position, marks->department);
	if (n < 0 || (size_t)n >= sizeof sql) {
		fprintf(stderr, "# cleanup: the statement does not fit\n");
		return false;
	}
	PGresult *res = PQexec(super, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		fprintf(stderr, "# cleanup failed: %s", PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}
