/* support_orders.c - orders, signatures and rule cases for the db tests. */
#include "support_orders.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"
#include "xalloc.h"

static PGconn *super;

static const char problems_sql[] =
        "SELECT coalesce(string_agg(problem, ' | ' ORDER BY line_no), '') "
        "FROM hr.order_problems(%ld) WHERE severity = '%s'";

void orders_init(PGconn *conn)
{
	super = conn;
}

char *orders_day(int offset)
{
	return support_sql_text(super, "SELECT hr.day_text(current_date + %d)", offset);
}

long orders_draft(PGconn *conn, long org, const char *kind)
{
	return support_sql_long(
	        conn,
	        "INSERT INTO hr.hr_order (org_id, kind, register_id) "
	        "SELECT %ld, k.code, r.id FROM hr.order_kind k JOIN hr.order_register r "
	        "ON r.org_id = %ld AND r.code = k.register WHERE k.code = '%s' RETURNING id",
	        org, org, kind);
}

/* The INSERT of a line (see orders_line); caller frees. */
static char *line_sql(long org, long id, int n, long who, const char *effective,
                      const char *columns, const char *values)
{
	return xasprintf("INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, "
	                 "effective%s%s) VALUES (%ld, %ld, %d, %ld, %s%s%s)",
	                 columns ? ", " : "", columns ? columns : "", org, id, n, who, effective,
	                 values ? ", " : "", values ? values : "");
}

void orders_line(PGconn *conn, long org, long id, int n, long who, const char *effective,
                 const char *columns, const char *values)
{
	char *sql = line_sql(org, id, n, who, effective, columns, values);

	support_sql_run(conn, "%s", sql);
	free(sql);
}

long orders_cancelling(PGconn *clerk, long org, long target)
{
	return support_sql_long(clerk,
	                        "INSERT INTO hr.hr_order (org_id, kind, register_id, cancels_id) "
	                        "SELECT %ld, 'cancel', id, %ld FROM hr.order_register "
	                        "WHERE org_id = %ld AND code = 'P' RETURNING id",
	                        org, target, org);
}

long orders_version(PGconn *conn, long id)
{
	return support_sql_long(conn, "SELECT version FROM hr.hr_order WHERE id = %ld", id);
}

char *orders_sign(PGconn *head, long id)
{
	char *sql = xasprintf("SELECT number_text, already FROM hr.order_sign(%ld, %ld)", id,
	                      orders_version(head, id));
	PGresult *res = support_ok(head, sql);
	char *number;

	free(sql);
	assert_int_equal(PQntuples(res), 1);
	assert_string_equal(PQgetvalue(res, 0, 1), "f");
	number = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return number;
}

char *orders_sign_refused(PGconn *head, long id, const char *state)
{
	return support_sql_refused(head, state, "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                           orders_version(head, id));
}

char *orders_problems(PGconn *conn, long id, const char *severity)
{
	return support_sql_text(conn, problems_sql, id, severity);
}

void orders_assert_status(long id, const char *status)
{
	char *got = support_sql_text(super, "SELECT status FROM hr.hr_order WHERE id = %ld", id);

	assert_string_equal(got, status);
	free(got);
}

void orders_marks_read(struct orders_marks *marks)
{
	marks->person = support_long(super, "SELECT coalesce(max(id), 0) FROM hr.person");
	marks->order = support_long(super, "SELECT coalesce(max(id), 0) FROM hr.hr_order");
	marks->department = support_long(super, "SELECT coalesce(max(id), 0) FROM hr.department");
	marks->position = support_long(super, "SELECT coalesce(max(id), 0) FROM hr.position");
}

int orders_remove_since(const char *orgs, const struct orders_marks *marks, const char *before,
                        const char *after)
{
	static const char *const person_tables[] = {
		"absence",    "pay_history",   "grade_history",      "award",
		"penalty",    "consent",       "service_obligation", "person_history",
		"education",  "family_member", "prior_employment",   "training",
		"assessment", "document",      "person_release",
	};
	char *sql = xasprintf(
	        "BEGIN; SET LOCAL session_replication_role = replica;%1$s"
	        "DELETE FROM hr.order_effect WHERE org_id IN %2$s AND order_id > %3$ld;"
	        "DELETE FROM hr.order_line WHERE org_id IN %2$s AND order_id > %3$ld;"
	        "DELETE FROM hr.hr_order WHERE org_id IN %2$s AND id > %3$ld;"
	        "DELETE FROM hr.order_counter c WHERE org_id IN %2$s AND NOT EXISTS (SELECT 1 "
	        " FROM hr.hr_order h WHERE h.org_id = c.org_id AND h.register_id = c.register_id "
	        " AND h.year = c.year AND h.number IS NOT NULL);"
	        "UPDATE hr.order_counter c SET last_no = (SELECT max(number) FROM hr.hr_order h "
	        " WHERE h.org_id = c.org_id AND h.register_id = c.register_id AND h.year = c.year) "
	        " WHERE org_id IN %2$s;",
	        before ? before : "", orgs, marks->order);
	PGresult *res;
	int failed;

	for (size_t i = 0; i < CASES(person_tables); i++) {
		char *more = xasprintf("%sDELETE FROM hr.%s WHERE person_id > %ld;", sql,
		                       person_tables[i], marks->person);

		free(sql);
		sql = more;
	}
	{
		char *more = xasprintf(
		        "%1$s"
		        "DELETE FROM hr.assignment WHERE employment_id IN (SELECT id FROM "
		        " hr.employment WHERE person_id > %2$ld) OR position_id > %3$ld;"
		        "DELETE FROM hr.employment WHERE person_id > %2$ld;"
		        "DELETE FROM hr.person WHERE id > %2$ld;"
		        "DELETE FROM hr.position_fill WHERE org_id IN %5$s AND position_id > %3$ld;"
		        "DELETE FROM hr.position_version WHERE org_id IN %5$s "
		        " AND position_id > %3$ld;"
		        "DELETE FROM hr.position WHERE org_id IN %5$s AND id > %3$ld;"
		        "DELETE FROM hr.department_version WHERE org_id IN %5$s "
		        " AND department_id > %4$ld;"
		        "DELETE FROM hr.department WHERE org_id IN %5$s AND id > %4$ld;%6$s"
		        "COMMIT;",
		        sql, marks->person, marks->position, marks->department, orgs,
		        after ? after : "");

		free(sql);
		sql = more;
	}
	res = PQexec(super, sql);
	failed = PQresultStatus(res) != PGRES_COMMAND_OK;
	if (failed) {
		print_error("cleanup failed: %s", PQresultErrorMessage(res));
		PQclear(PQexec(super, "ROLLBACK"));
	}
	PQclear(res);
	free(sql);
	return failed;
}

void orders_drop_login(const char *role)
{
	char *sql = xasprintf("DELETE FROM hr.account WHERE role_name = '%s'", role);

	PQclear(PQexec(super, sql));
	free(sql);
	sql = xasprintf("DROP ROLE IF EXISTS %s", role);
	PQclear(PQexec(super, sql));
	free(sql);
}

/* ---- what the rules say of a draft ---------------------------------------------------- */

/* `prefix` and `text` as one new string; frees text. */
static char *prefixed(const char *prefix, char *text)
{
	char *joined = xasprintf("%s%s", prefix, text);

	free(text);
	return joined;
}

/* The head signs `id` as a passing case expects; NULL when it signed for
 * the first time, else what came (caller frees). */
static char *signs_once(PGconn *head, long id)
{
	char *version = NULL, *already = NULL, *error, *got = NULL;

	error = support_sql_try(head, &version, "SELECT version FROM hr.hr_order WHERE id = %ld",
	                        id);
	if (error == NULL)
		error = support_sql_try(head, &already,
		                        "SELECT already FROM hr.order_sign(%ld, %s)", id,
		                        version ? version : "NULL");
	if (error != NULL)
		got = prefixed("the head's signature refused: ", error);
	else if (already == NULL || strcmp(already, "f") != 0)
		got = xstrdup("the order was signed already");
	free(version);
	free(already);
	return got;
}

/* The head's signature of `id` is refused with `sentence` (23514) and the
 * order stays a draft; NULL when so, else what came (caller frees). */
static char *refused_with(PGconn *head, long id, const char *sentence)
{
	char *version = NULL, *number = NULL, *status = NULL, *error, *got = NULL;

	error = support_sql_try(head, &version, "SELECT version FROM hr.hr_order WHERE id = %ld",
	                        id);
	if (error != NULL)
		return prefixed("the head cannot read the order: ", error);
	error = support_sql_try(head, &number, "SELECT number_text FROM hr.order_sign(%ld, %s)", id,
	                        version ? version : "NULL");
	free(version);
	if (error == NULL)
		got = xasprintf("the head signed it as %s", number ? number : "(no number)");
	else if (strncmp(error, "23514 ", 6) != 0 ||
	         strstr(error, "The order cannot be signed") == NULL ||
	         strstr(error, sentence) == NULL)
		got = prefixed("the head's signature refused with ", error);
	else
		free(error);
	free(number);
	if (got != NULL)
		return got;
	error = support_sql_try(super, &status, "SELECT status FROM hr.hr_order WHERE id = %ld",
	                        id);
	if (error != NULL)
		got = prefixed("no status: ", error);
	else if (status == NULL || strcmp(status, "draft") != 0)
		got = xasprintf("refused, but the order is now %s", status ? status : "gone");
	free(status);
	return got;
}

/*
 * What the rules say of draft `id`, held to `expected` (a sentence, or
 * ORDERS_PASSES), `only_line` and `signs` as in struct orders_case.  Returns
 * NULL when it is as expected, else what came (caller frees).
 */
static char *verdict(PGconn *clerk, PGconn *head, long id, const char *expected, int only_line,
                     bool signs)
{
	char *errors = NULL, *others = NULL, *error;

	error = support_sql_try(clerk, &errors, problems_sql, id, "error");
	if (error != NULL)
		return prefixed("the clerk's check failed: ", error);
	if (expected == ORDERS_PASSES) {
		if (errors[0] != '\0')
			return errors;
		free(errors);
		return signs ? signs_once(head, id) : NULL;
	}
	if (strstr(errors, expected) == NULL) {
		if (errors[0] != '\0')
			return errors;
		free(errors);
		return xstrdup("no problem");
	}
	if (only_line > 0) {
		error = support_sql_try(clerk, &others,
		                        "SELECT string_agg(line_no || ': ' || problem, ' | ') "
		                        "FROM hr.order_problems(%ld) WHERE severity = 'error' "
		                        "AND line_no <> %d",
		                        id, only_line);
		if (error != NULL || others != NULL) {
			free(errors);
			return error ? prefixed("the clerk's check failed: ", error)
			             : prefixed("also on other lines: ", others);
		}
	}
	free(errors);
	return refused_with(head, id, expected);
}

void orders_breaks_rule(PGconn *clerk, PGconn *head, long id, const char *sentence)
{
	char *got = verdict(clerk, head, id, sentence, 0, false);

	if (got != NULL) {
		print_error("order %ld: expected \"%s\" got \"%s\"\n", id, sentence, got);
		free(got);
		fail();
	}
}

void orders_passes_rules(PGconn *clerk, long id)
{
	char *got = verdict(clerk, NULL, id, ORDERS_PASSES, 0, false);

	if (got != NULL) {
		print_error("order %ld: expected \"passes\" got \"%s\"\n", id, got);
		free(got);
		fail();
	}
}

/* ---- tables of cases ------------------------------------------------------------------ */

/* The fixture called `name` (length `len`), or NULL. */
static const struct orders_fixture *fixture(const struct orders_table *table, const char *name,
                                            size_t len)
{
	for (const struct orders_fixture *f = table->fixtures; f != NULL && f->name != NULL; f++)
		if (strlen(f->name) == len && strncmp(f->name, name, len) == 0)
			return f;
	return NULL;
}

/*
 * `text` with "{name}" replaced by the fixture's id and "{day N}" by the day
 * (a new string); NULL, with the reason in *error (caller frees), when a
 * name is unknown or the day cannot be read.
 */
static char *expand(const struct orders_table *table, const char *text, char **error)
{
	size_t size = strlen(text) + 64, len = 0;
	char *out = xmalloc(size);

	*error = NULL;
	while (*text != '\0') {
		const char *end = *text == '{' ? strchr(text, '}') : NULL;
		char *piece = NULL;

		if (end == NULL) {
			piece = xasprintf("%c", *text++);
		} else if (strncmp(text, "{day ", 5) == 0) {
			*error = support_sql_try(super, &piece,
			                         "SELECT hr.day_text(current_date + (%.*s)::int)",
			                         (int)(end - text - 5), text + 5);
			text = end + 1;
		} else {
			const struct orders_fixture *f =
			        fixture(table, text + 1, (size_t)(end - text - 1));

			if (f == NULL)
				*error = xasprintf("no fixture %.*s", (int)(end - text + 1), text);
			else
				piece = xasprintf("%ld", f->id);
			text = end + 1;
		}
		if (*error != NULL || piece == NULL) {
			if (*error == NULL)
				*error = xstrdup("no day");
			free(piece);
			free(out);
			return NULL;
		}
		if (len + strlen(piece) + 1 > size) {
			size = 2 * (len + strlen(piece) + 1);
			out = xrealloc(out, size);
		}
		memcpy(out + len, piece, strlen(piece) + 1);
		len += strlen(piece);
		free(piece);
	}
	out[len] = '\0';
	return out;
}

/* Keys the lines of case `c` into draft `c->order`; NULL when they went in,
 * else what came (caller frees). */
static char *key_lines(const struct orders_table *table, const struct orders_case *c)
{
	for (int i = 0; i < ORDERS_CASE_LINES && c->lines[i].person != NULL; i++) {
		const struct orders_case_line *l = &c->lines[i];
		const struct orders_fixture *who = fixture(table, l->person, strlen(l->person));
		char *values = NULL, *error = NULL, *sql;

		if (who == NULL)
			return xasprintf("no fixture {%s}", l->person);
		if (l->values != NULL && (values = expand(table, l->values, &error)) == NULL)
			return error;
		sql = line_sql(table->org, c->order, i + 1, who->id, l->effective, l->columns,
		               values);
		error = support_sql_try(table->clerk, NULL, "%s", sql);
		free(sql);
		free(values);
		if (error != NULL)
			return prefixed("line refused: ", error);
	}
	return NULL;
}

/* Keys case `c` and holds the rules to it; NULL when as expected, else what
 * came (caller frees).  *sentence gets the expected sentence expanded. */
static char *run_case(const struct orders_table *table, struct orders_case *c, char **sentence)
{
	char *id = NULL, *error;

	*sentence = NULL;
	if (c->expected != ORDERS_PASSES &&
	    (*sentence = expand(table, c->expected, &error)) == NULL)
		return prefixed("no sentence: ", error);
	error = support_sql_try(table->clerk, &id,
	                        "INSERT INTO hr.hr_order (org_id, kind, register_id) "
	                        "SELECT %ld, k.code, r.id FROM hr.order_kind k "
	                        "JOIN hr.order_register r ON r.org_id = %ld "
	                        "AND r.code = k.register WHERE k.code = '%s' RETURNING id",
	                        table->org, table->org, c->kind);
	c->order = id ? strtol(id, NULL, 10) : 0;
	free(id);
	if (error != NULL)
		return prefixed("draft refused: ", error);
	if (c->order == 0)
		return xasprintf("no register for kind %s", c->kind);
	if ((error = key_lines(table, c)) != NULL)
		return error;
	return verdict(table->clerk, table->head, c->order, *sentence, c->only_line, c->signs);
}

void orders_run_cases(const struct orders_table *table, struct orders_case *cases, size_t n)
{
	struct support_cases outcome = { table->name, 0, 0 };

	for (size_t i = 0; i < n; i++) {
		char *sentence, *got = run_case(table, &cases[i], &sentence);

		support_case(&outcome, cases[i].name,
		             sentence            ? sentence
		             : cases[i].expected ? cases[i].expected
		             : cases[i].signs    ? "passes and signs"
		                                 : "passes",
		             got, got == NULL);
		free(sentence);
		free(got);
	}
	support_cases_end(&outcome);
}

long orders_case_order(const struct orders_case *cases, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cases[i].name, name) == 0) {
			if (cases[i].order == 0)
				fail_msg("case \"%s\" made no order", name);
			return cases[i].order;
		}
	fail_msg("no case \"%s\"", name);
	return 0;
}
