/*
 * test_integrity.c - the rules of orders and staffing under concurrency, as
 * the logins attack them through libpq with two connections at once, every
 * isolation level on each side, both orders of arrival, deferred
 * constraints, each variant several times:
 *
 *   - the lines of an order never change once it is signed (an UPDATE,
 *     DELETE or INSERT queued behind the signature is refused);
 *   - four eyes over content: a head who wrote any of a draft (its lines,
 *     its fields) does not sign it; another head does;
 *   - a position never holds more than its rates (two hires for the last
 *     rate; a hire while a clerk lowers the rates);
 *   - two orders for one person signed at once are checked one after the
 *     other (two hires, leave and a dismissal);
 *   - a register's pattern changes only before its first number of a year,
 *     and no two orders of an organisation print the same number;
 *   - awards and penalties given by orders change only through orders;
 *   - the tree of departments, staffing batches, a file taken on by another
 *     organisation, a birth date against a hire: decided one after the other;
 *   - the person and position a draft shows are part of what was checked.
 *
 * Every test builds its own people and positions in MOE; the group teardown
 * removes them, the orders, the registers and the extra head again as the
 * superuser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"
#include "support_orders.h"
#include "xalloc.h"

static PGconn *super;
static long moe, dept;
static struct orders_marks marks; /* ids before this run: the teardown removes what came after */
static long mark_register;
static char other_head[64];
static int serial; /* makes personnel numbers and codes unique in the run */

enum { REPEAT = 2 };

static const char *const levels[] = { "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE" };
enum { LEVELS = sizeof levels / sizeof levels[0] };

/* ---- fixtures ------------------------------------------------------------------------- */

static long position(PGconn *clerk, const char *rates)
{
	return support_sql_long(clerk,
	                        "INSERT INTO hr.position (org_id, department_id, title, grade, rates, "
	                        "valid_from) VALUES (%ld, %ld, 'Integrity Post %d', 'C1', %s, "
	                        "'2000-01-01') RETURNING id",
	                        moe, dept, ++serial, rates);
}

/* A person with consent on file since 2001. */
static long person(PGconn *clerk)
{
	long id = support_sql_long(clerk,
	                           "INSERT INTO hr.person (org_id, last_name, first_name, birth_date) "
	                           "VALUES (%ld, 'Integrova', 'Ina', '1985-05-05') RETURNING id",
	                           moe);

	support_sql_run(clerk,
	                "INSERT INTO hr.consent (org_id, person_id, given_on, document) "
	                "VALUES (%ld, %ld, '2001-01-01', 'Consent form')",
	                moe, id);
	return id;
}

/* A person on `pos` at a full rate since 2019 (as an earlier system left it). */
static long employee(PGconn *clerk, long pos)
{
	long who = person(clerk);
	long employment = support_sql_long(
	        super,
	        "INSERT INTO hr.employment (org_id, person_id, personnel_no, hire_date) "
	        "VALUES (%ld, %ld, 'IT-%ld', '2019-01-02') RETURNING id",
	        moe, who, who);

	support_sql_run(super,
	                "INSERT INTO hr.assignment (org_id, employment_id, position_id, rate, during) "
	                "VALUES (%ld, %ld, %ld, 1, daterange('2019-01-02', NULL))",
	                moe, employment, pos);
	return who;
}

/* A draft of `kind` in register `code` of MOE, keyed on `conn`. */
static long order_in(PGconn *conn, const char *kind, const char *code)
{
	return support_sql_long(conn,
	                        "INSERT INTO hr.hr_order (org_id, kind, register_id) "
	                        "SELECT %ld, '%s', id FROM hr.order_register "
	                        "WHERE org_id = %ld AND code = '%s' RETURNING id",
	                        moe, kind, moe, code);
}

static void line(PGconn *conn, long id, int n, long who, const char *columns, const char *values)
{
	support_sql_run(conn,
	                "INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, %s) "
	                "VALUES (%ld, %ld, %d, %ld, %s)",
	                columns, moe, id, n, who, values);
}

/* A leave order of `lines` employees (days 30..39 from today). */
static long leave_order(PGconn *clerk, const long *who, int lines)
{
	long id = order_in(clerk, "leave", "L");

	for (int i = 0; i < lines; i++)
		line(clerk, id, i + 1, who[i], "effective, until, leave_type",
		     "current_date + 30, current_date + 39, 'annual'");
	return id;
}

/* A hire of `who` on `pos` from today, in register `code`. */
static long hire_order(PGconn *clerk, long who, long pos, const char *code)
{
	long id = order_in(clerk, "hire", code);
	char *values = xasprintf("current_date, %ld, 'IN-%d-%d'", pos, (int)getpid(), ++serial);

	line(clerk, id, 1, who, "effective, position_id, personnel_no", values);
	free(values);
	return id;
}

/* A register of MOE of the head's making; returns its code (static buffer). */
static const char *new_register(PGconn *head, const char *pattern)
{
	static char code[16];
	static int made;

	snprintf(code, sizeof code, "I%04d%03d", (int)(getpid() % 10000), ++made % 1000);
	support_sql_run(head,
	                "INSERT INTO hr.order_register (org_id, code, name, pattern) "
	                "VALUES (%ld, '%s', 'Integrity', '%s')",
	                moe, code, pattern);
	return code;
}

static long version(long id)
{
	return support_sql_long(super, "SELECT version FROM hr.hr_order WHERE id = %ld", id);
}

static char *sign_sql(long id)
{
	return xasprintf("SELECT * FROM hr.order_sign(%ld, %ld)", id, version(id));
}

static char *status(long id)
{
	return support_sql_text(super, "SELECT status FROM hr.hr_order WHERE id = %ld", id);
}

static bool is_signed(long id)
{
	char *s = status(id);
	bool yes = strcmp(s, "signed") == 0;

	free(s);
	return yes;
}

/* ---- two transactions ----------------------------------------------------------------- */

/* The SQLSTATE of the first failed result of what `conn` was sent, "00000"
 * when all succeeded; waits for all of them. */
static void collect(PGconn *conn, char state[6])
{
	PGresult *res;

	snprintf(state, 6, "00000");
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) == PGRES_FATAL_ERROR && strcmp(state, "00000") == 0) {
			const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

			snprintf(state, 6, "%s", s ? s : "?????");
		}
		PQclear(res);
	}
}

/* Runs `sql` (several statements may follow each other) and waits. */
static void run(PGconn *conn, const char *sql, char state[6])
{
	assert_int_equal(PQsendQuery(conn, sql), 1);
	collect(conn, state);
}

/* Waits until `conn` waits on a lock or has answered; true when it waits. */
static bool blocked_or_done(PGconn *conn)
{
	for (int i = 0; i < 500; i++) {
		assert_int_equal(PQconsumeInput(conn), 1);
		if (!PQisBusy(conn))
			return false;
		if (support_sql_long(super,
		                     "SELECT count(*) FROM pg_stat_activity WHERE pid = %d "
		                     "AND wait_event_type = 'Lock'",
		                     PQbackendPID(conn)) > 0)
			return true;
		usleep(10 * 1000);
	}
	fail_msg("a transaction neither waited nor answered in 5 s");
	return false;
}

/* Ends whatever transaction `conn` still has open. */
static void settle(PGconn *conn)
{
	if (PQtransactionStatus(conn) != PQTRANS_IDLE)
		PQclear(PQexec(conn, "ROLLBACK"));
}

/*
 * One race between transaction A (`a_sql` on `a`) and transaction B (`b_sql`
 * on `b`), each at its own isolation level, deferred constraints on both
 * when `deferred`.
 *
 * holds: A runs its statement, then B runs its own and commits (it waits on
 * A), then A commits.  stale: A takes its snapshot with `a_look`, B runs and
 * commits, then A runs its statement and commits.
 *
 * a_state and b_state get the first failure of each side ("00000": none).
 */
struct race {
	PGconn *a, *b;
	const char *a_level, *b_level;
	const char *a_look, *a_sql, *b_sql;
	bool stale, deferred;
	char a_state[6], b_state[6];
};

static void race_run(struct race *r)
{
	char *begin_a = xasprintf("BEGIN ISOLATION LEVEL %s;%s", r->a_level,
	                          r->deferred ? " SET CONSTRAINTS ALL DEFERRED;" : "");
	char *begin_b = xasprintf("BEGIN ISOLATION LEVEL %s;%s", r->b_level,
	                          r->deferred ? " SET CONSTRAINTS ALL DEFERRED;" : "");
	char *b_all = xasprintf("%s %s; COMMIT", begin_b, r->b_sql);
	char ignored[6], commit[6];

	run(r->a, begin_a, ignored);
	if (r->stale) {
		run(r->a, r->a_look, ignored);
		run(r->b, b_all, r->b_state);
		run(r->a, r->a_sql, r->a_state);
	} else {
		run(r->a, r->a_sql, r->a_state);
		assert_int_equal(PQsendQuery(r->b, b_all), 1);
		(void)blocked_or_done(r->b);
	}
	run(r->a, "COMMIT", commit);
	if (strcmp(r->a_state, "00000") == 0)
		memcpy(r->a_state, commit, 6);
	if (!r->stale)
		collect(r->b, r->b_state);
	settle(r->a);
	settle(r->b);
	free(begin_a);
	free(begin_b);
	free(b_all);
}

/* Prints the variant when it fails. */
static void describe(const struct race *r, const char *what)
{
	print_message("# %s: A %s, B %s, %s%s: A %s, B %s\n", what, r->a_level, r->b_level,
	              r->stale ? "stale snapshot" : "A holds", r->deferred ? ", deferred" : "",
	              r->a_state, r->b_state);
}

/* A refusal that keeps the rule: a sentence (23514, 55000), a serialization
 * failure (40001), a level signing refuses (0A000). */
static bool refused(const char *state)
{
	return strcmp(state, "23514") == 0 || strcmp(state, "55000") == 0 ||
	       strcmp(state, "40001") == 0 || strcmp(state, "0A000") == 0;
}

/* ---- 1. lines of a signed order ----------------------------------------------------------- */

/* The lines of `id` (caller frees). */
static char *lines_of(long id)
{
	return support_sql_text(super,
	                        "SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.id), '[]')::text "
	                        "FROM hr.order_line l WHERE l.order_id = %ld",
	                        id);
}

/* A signed leave order's lines are the ones it wrote absences for. */
static void assert_lines_match_absences(long id)
{
	assert_int_equal(
	        support_sql_long(super,
	                         "SELECT count(*) FROM hr.order_line l LEFT JOIN hr.absence a "
	                         "ON a.order_line_id = l.id WHERE l.order_id = %ld AND (a.id IS NULL "
	                         "OR a.during <> daterange(l.effective, l.until, '[]'))",
	                         id),
	        0);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.absence a WHERE a.order_line_id IN "
	                                  "(SELECT line_id FROM hr.order_effect WHERE order_id = %ld) "
	                                  "AND NOT EXISTS (SELECT 1 FROM hr.order_line l "
	                                  "WHERE l.id = a.order_line_id)",
	                                  id),
	                 0);
}

enum line_op { OP_UPDATE, OP_DELETE, OP_INSERT, OPS };
static const char *const op_names[OPS] = { "UPDATE", "DELETE", "INSERT" };

static char *line_op_sql(enum line_op op, long id, long extra)
{
	switch (op) {
	case OP_UPDATE:
		return xasprintf("UPDATE hr.order_line SET until = until + 10 WHERE order_id = %ld", id);
	case OP_DELETE:
		return xasprintf("DELETE FROM hr.order_line WHERE order_id = %ld", id);
	default:
		return xasprintf("INSERT INTO hr.order_line (org_id, order_id, line_no, person_id, "
		                 "effective, until, leave_type) VALUES (%ld, %ld, 9, %ld, "
		                 "current_date + 30, current_date + 39, 'annual')",
		                 moe, id, extra);
	}
}

/*
 * Head and clerk race over one leave order, every level on each side, both
 * orders of arrival, with the head first (its signature open while the
 * clerk writes) and with the clerk first (its line write open while the
 * head signs).  Whoever loses is refused; a signed order keeps exactly the
 * lines it wrote absences for.
 */
static void signed_lines_never_change(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = 0;
	int runs = 0;

	(void)unused;
	for (int rep = 0; rep < REPEAT; rep++)
		for (int op = 0; op < OPS; op++)
			for (int hl = 0; hl < LEVELS; hl++)
				for (int cl = 0; cl < LEVELS; cl++)
					for (int head_first = 0; head_first < 2; head_first++)
						for (int stale = 0; stale < 2; stale++) {
							long who[2] = { employee(clerk,
							                         pos = position(clerk, "3")),
							                employee(clerk, pos) };
							long extra = employee(clerk, pos);
							long id = leave_order(clerk, who, 2);
							char *sign = sign_sql(id);
							char *write = line_op_sql(op, id, extra);
							char *look = xasprintf(
							        "SELECT count(*) FROM hr.order_problems(%ld)",
							        id);
							char *before = lines_of(id), *after;
							struct race r = {
								.a = head_first ? head : clerk,
								.b = head_first ? clerk : head,
								.a_level = levels[head_first ? hl : cl],
								.b_level = levels[head_first ? cl : hl],
								.a_look = look,
								.a_sql = head_first ? sign : write,
								.b_sql = head_first ? write : sign,
								.stale = stale,
							};
							bool head_won;

							race_run(&r);
							after = lines_of(id);
							head_won = is_signed(id);
							if (head_won) {
								const char *clerk_state =
								        head_first ? r.b_state : r.a_state;

								if (!refused(clerk_state) ||
								    strcmp(before, after) != 0) {
									describe(&r, op_names[op]);
									fail_msg("a signed order's lines changed");
								}
								assert_lines_match_absences(id);
							} else {
								/* Signing lost: refused, never silently. */
								const char *head_state =
								        head_first ? r.a_state : r.b_state;

								if (!refused(head_state)) {
									describe(&r, op_names[op]);
									fail_msg("signing failed unexpectedly");
								}
							}
							runs++;
							free(before);
							free(after);
							free(look);
							free(sign);
							free(write);
						}
	print_message("# %d races over signed lines\n", runs);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 2. four eyes over content --------------------------------------------------------------- */

static char *sign_refused(PGconn *head, long id, const char *state)
{
	return support_sql_refused(head, state, "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                           version(id));
}

static void signs(PGconn *head, long id)
{
	char *sql = sign_sql(id);

	support_sql_run(head, "%s", sql);
	free(sql);
	assert_true(is_signed(id));
}

static void four_eyes_over_content(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	long pos = position(clerk, "40");
	long a = employee(clerk, pos), pair[2];
	long id;
	char *msg, *authors;

	(void)unused;
	/* The clerk makes an empty draft, the head keys every line. */
	id = order_in(clerk, "leave", "L");
	line(head, id, 1, a, "effective, until, leave_type",
	     "current_date + 30, current_date + 39, 'annual'");
	msg = sign_refused(head, id, "42501");
	support_assert_contains(msg, "An order is signed by someone who keyed none of it");
	support_assert_contains(msg, "clerk_moe, head_moe");
	free(msg);
	assert_false(is_signed(id));
	signs(other, id);

	/* The head rewrites one of the clerk's lines. */
	pair[0] = employee(clerk, pos), pair[1] = employee(clerk, pos);
	id = leave_order(clerk, pair, 2);
	support_sql_run(head, "UPDATE hr.order_line SET until = until + 5 WHERE order_id = %ld "
	                      "AND line_no = 2",
	                id);
	free(sign_refused(head, id, "42501"));
	signs(other, id);

	/* The head removes a line. */
	pair[0] = employee(clerk, pos), pair[1] = employee(clerk, pos);
	id = leave_order(clerk, pair, 2);
	support_sql_run(head, "DELETE FROM hr.order_line WHERE order_id = %ld AND line_no = 2", id);
	free(sign_refused(head, id, "42501"));
	signs(other, id);

	/* The head changes the basis. */
	pair[0] = employee(clerk, pos);
	id = leave_order(clerk, pair, 1);
	support_sql_run(head, "UPDATE hr.hr_order SET basis = 'Application' WHERE id = %ld", id);
	free(sign_refused(head, id, "42501"));
	authors = support_sql_text(super, "SELECT array_to_string(authors, ',') FROM hr.hr_order "
	                                  "WHERE id = %ld",
	                           id);
	assert_string_equal(authors, "clerk_moe,head_moe");
	free(authors);

	/* Nobody writes the list of authors. */
	free(support_sql_refused(head, "42501",
	                         "UPDATE hr.hr_order SET authors = '{}' WHERE id = %ld", id));
	free(support_sql_refused(clerk, "42501",
	                         "INSERT INTO hr.hr_order (org_id, kind, register_id, authors) "
	                         "SELECT %ld, 'leave', id, '{nobody}' FROM hr.order_register "
	                         "WHERE org_id = %ld AND code = 'L'",
	                         moe, moe));

	/* A statement that changes nothing makes nobody an author; a head who only
	 * reads and checks the draft signs it. */
	pair[0] = employee(clerk, pos);
	id = leave_order(clerk, pair, 1);
	support_sql_run(head, "UPDATE hr.hr_order SET basis = basis WHERE id = %ld", id);
	free(support_sql_text(head, "SELECT count(*) FROM hr.order_problems(%ld)", id));
	free(support_sql_text(head, "SELECT count(*) FROM hr.order_preview(%ld)", id));
	signs(head, id);

	/* The clerk keys it, the clerk cannot sign it (clerks never sign). */
	pair[0] = employee(clerk, pos);
	id = leave_order(clerk, pair, 1);
	free(sign_refused(clerk, id, "42501"));
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 3. rates ------------------------------------------------------------------------------------ */

/* Rates filled on `pos` today, in hundredths. */
static long filled(long pos)
{
	return support_sql_long(super,
	                        "SELECT coalesce(sum(rate) * 100, 0)::int FROM hr.assignment "
	                        "WHERE position_id = %ld AND during @> current_date",
	                        pos);
}

static long rates(long pos)
{
	return support_sql_long(super,
	                        "SELECT (rates * 100)::int FROM hr.position_version "
	                        "WHERE position_id = %ld AND valid @> current_date",
	                        pos);
}

/*
 * Two hires for the last rate of a position, keyed in different registers
 * (the register's counter does not queue them), signed by two heads at
 * every level on each side, both orders of arrival, deferred or not: one
 * is signed, the other refused, the position never over its rates.
 */
static void last_rate_taken_once(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	const char *code = new_register(head, "{n}-{register}/{yy}");
	int runs = 0, both_refused = 0;

	(void)unused;
	for (int rep = 0; rep < REPEAT; rep++)
		for (int al = 0; al < LEVELS; al++)
			for (int bl = 0; bl < LEVELS; bl++)
				for (int stale = 0; stale < 2; stale++)
					for (int deferred = 0; deferred < 2; deferred++) {
						long pos = position(clerk, "2");
						long first, second;
						char *a_sql, *b_sql, *look;
						struct race r = { .a = head, .b = other };

						(void)employee(clerk, pos);
						first = hire_order(clerk, person(clerk), pos, "P");
						second = hire_order(clerk, person(clerk), pos, code);
						a_sql = sign_sql(first);
						b_sql = sign_sql(second);
						look = xasprintf("SELECT count(*) FROM hr.order_problems(%ld)",
						                 first);
						r.a_level = levels[al];
						r.b_level = levels[bl];
						r.a_look = look;
						r.a_sql = a_sql;
						r.b_sql = b_sql;
						r.stale = stale;
						r.deferred = deferred;
						race_run(&r);
						if (filled(pos) > rates(pos) ||
						    (is_signed(first) && is_signed(second)) ||
						    (!is_signed(first) && !refused(r.a_state)) ||
						    (!is_signed(second) && !refused(r.b_state))) {
							describe(&r, "two hires");
							fail_msg("position %ld: %ld of %ld hundredths filled", pos,
							         filled(pos), rates(pos));
						}
						if (!is_signed(first) && !is_signed(second))
							both_refused++;
						runs++;
						free(a_sql);
						free(b_sql);
						free(look);
					}
	/* Signing in READ COMMITTED on both sides always lets one through. */
	print_message("# %d races for the last rate, %d with both refused\n", runs, both_refused);
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/*
 * A clerk lowers a position's rates to what is filled while a head signs a
 * hire for the rate being removed: every level on each side, both orders
 * of arrival, deferred or not; the position never ends over its rates.
 */
static void rates_lowered_during_a_hire(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	int runs = 0;

	(void)unused;
	for (int rep = 0; rep < REPEAT; rep++)
		for (int hl = 0; hl < LEVELS; hl++)
			for (int cl = 0; cl < LEVELS; cl++)
				for (int head_first = 0; head_first < 2; head_first++)
					for (int stale = 0; stale < 2; stale++)
						for (int deferred = 0; deferred < 2; deferred++) {
							long pos = position(clerk, "2");
							long hire;
							char *sign, *lower;
							struct race r;

							(void)employee(clerk, pos);
							hire = hire_order(clerk, person(clerk), pos, "P");
							sign = sign_sql(hire);
							lower = xasprintf("UPDATE hr.position_version SET rates = 1 "
							                  "WHERE position_id = %ld",
							                  pos);
							r = (struct race){
								.a = head_first ? head : clerk,
								.b = head_first ? clerk : head,
								.a_level = levels[head_first ? hl : cl],
								.b_level = levels[head_first ? cl : hl],
								.a_look = "SELECT count(*) FROM hr.assignment",
								.a_sql = head_first ? sign : lower,
								.b_sql = head_first ? lower : sign,
								.stale = stale,
								.deferred = deferred,
							};
							race_run(&r);
							if (filled(pos) > rates(pos)) {
								describe(&r, "lowering");
								fail_msg("position %ld: %ld of %ld hundredths "
								         "filled",
								         pos, filled(pos), rates(pos));
							}
							runs++;
							free(sign);
							free(lower);
						}
	print_message("# %d races between a hire and lower rates\n", runs);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 4. one person, two orders ------------------------------------------------------------- */

static long employments(long who)
{
	return support_sql_long(super, "SELECT count(*) FROM hr.employment WHERE person_id = %ld",
	                        who);
}

/*
 * Two heads sign, at the same moment, two hires of one person into two
 * positions (different registers), and leave past the last day of a
 * dismissal signed meanwhile: the second signer waits for the first and
 * then finds the rule broken.  Signing at another level is refused.
 */
static void one_person_two_orders(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	const char *code = new_register(head, "{n}/{register}-{yyyy}");
	long pos = position(clerk, "10");

	(void)unused;
	for (int rep = 0; rep < REPEAT * 2; rep++) {
		long who = person(clerk);
		long first = hire_order(clerk, who, pos, "P"), second = hire_order(clerk, who, pos, code);
		char *a_sql = sign_sql(first), *b_sql = sign_sql(second);
		struct race r = { .a = head,
			          .b = other,
			          .a_level = levels[0],
			          .b_level = levels[0],
			          .a_sql = a_sql,
			          .b_sql = b_sql };

		race_run(&r);
		assert_string_equal(r.a_state, "00000");
		assert_string_equal(r.b_state, "23514");
		assert_int_equal(employments(who), 1);
		free(a_sql);
		free(b_sql);
	}
	for (int rep = 0; rep < REPEAT * 2; rep++) {
		long who = employee(clerk, pos);
		long leave = order_in(clerk, "leave", "L"), dismissal = order_in(clerk, "dismissal", "P");
		char *a_sql, *b_sql, *msg;
		struct race r = { .a = rep % 2 ? head : other, .b = rep % 2 ? other : head };

		line(clerk, leave, 1, who, "effective, until, leave_type",
		     "current_date + 40, current_date + 60, 'annual'");
		line(clerk, dismissal, 1, who, "effective, end_reason",
		     "current_date + 45, 'agreement'");
		a_sql = sign_sql(rep % 2 ? leave : dismissal);
		b_sql = sign_sql(rep % 2 ? dismissal : leave);
		r.a_level = r.b_level = levels[0];
		r.a_sql = a_sql;
		r.b_sql = b_sql;
		race_run(&r);
		assert_string_equal(r.a_state, "00000");
		assert_string_equal(r.b_state, "23514");
		assert_true(is_signed(rep % 2 ? leave : dismissal));
		assert_false(is_signed(rep % 2 ? dismissal : leave));
		/* At another level the signature is refused with the reason. */
		support_sql_run(head, "BEGIN ISOLATION LEVEL %s", levels[1 + rep % 2]);
		msg = sign_refused(head, rep % 2 ? dismissal : leave, "0A000");
		support_assert_contains(msg, "Orders are signed in READ COMMITTED transactions");
		free(msg);
		support_sql_run(head, "ROLLBACK");
		free(a_sql);
		free(b_sql);
	}
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 5. numbers ------------------------------------------------------------------------------- */

static void numbers_never_print_twice(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	long pos = position(clerk, "10");
	long who = employee(clerk, pos);
	char code[16], *msg, *number;
	long id;

	(void)unused;
	/* "{n}0": order 1 prints "10"; changed to "{n}", order 10 would too. */
	snprintf(code, sizeof code, "%s", new_register(head, "{n}0"));
	support_sql_run(head, "UPDATE hr.order_register SET pattern = '{n}-%s' WHERE code = '%s' "
	                      "AND org_id = %ld",
	                code, code, moe);
	id = order_in(clerk, "award", code);
	line(clerk, id, 1, who, "effective, award", "current_date, 'Letter of thanks'");
	signs(other, id);
	number = support_sql_text(super, "SELECT number_text FROM hr.hr_order WHERE id = %ld", id);
	msg = xasprintf("1-%s", code);
	assert_string_equal(number, msg);
	free(msg);
	free(number);
	msg = support_sql_refused(head, "55000",
	                          "UPDATE hr.order_register SET pattern = '{n}' WHERE code = '%s' "
	                          "AND org_id = %ld",
	                          code, moe);
	support_assert_contains(msg, "its pattern changes only before the first number of a year");
	free(msg);
	/* Saving the same pattern again (the settings screen saves every register) is fine. */
	support_sql_run(head, "UPDATE hr.order_register SET pattern = pattern, name = name "
	                      "WHERE code = '%s' AND org_id = %ld",
	                code, moe);

	/* Two registers printing the same text: the second is refused with a sentence. */
	{
		char twin[16];
		long first, second;

		snprintf(twin, sizeof twin, "%s", new_register(head, "T{n}"));
		snprintf(code, sizeof code, "%s", new_register(head, "T{n}"));
		first = order_in(clerk, "award", twin);
		line(clerk, first, 1, who, "effective, award", "current_date, 'Diploma'");
		signs(other, first);
		second = order_in(clerk, "award", code);
		line(clerk, second, 1, who, "effective, award", "current_date, 'Medal'");
		msg = sign_refused(other, second, "23505");
		support_assert_contains(msg, "is already taken this year by another register's order");
		free(msg);
		assert_false(is_signed(second));
	}

	/* The year's first number races with a change of the pattern: whichever
	 * pattern the counter took, every number of the year follows it. */
	for (int rep = 0; rep < REPEAT; rep++) {
		char *a_sql, *b_sql;
		long first, more[3];
		struct race r = { .a = other, .b = head };

		/* A text of its own: "{n}0-I..." or "{n}-I..." */
		snprintf(code, sizeof code, "%s", new_register(head, "{n}0-{register}"));
		first = order_in(clerk, "award", code);
		line(clerk, first, 1, who, "effective, award", "current_date, 'First'");
		a_sql = sign_sql(first);
		b_sql = xasprintf("UPDATE hr.order_register SET pattern = '{n}-{register}' WHERE code = '%s' "
		                  "AND org_id = %ld",
		                  code, moe);
		r.a_level = levels[0];
		r.b_level = levels[rep % 2 ? 0 : 2];
		r.a_sql = a_sql;
		r.b_sql = b_sql;
		race_run(&r);
		assert_string_equal(r.a_state, "00000");
		for (int i = 0; i < 3; i++) {
			more[i] = order_in(clerk, "award", code);
			line(clerk, more[i], 1, who, "effective, award", "current_date, 'More'");
			signs(other, more[i]);
		}
		if (support_sql_long(super,
		                     "SELECT (count(DISTINCT number_text) = count(*) AND count(*) = 4)::int "
		                     "FROM hr.hr_order h JOIN hr.order_register r ON r.id = h.register_id "
		                     "WHERE r.org_id = %ld AND r.code = '%s' AND h.status = 'signed'",
		                     moe, code) != 1) {
			char *got = support_sql_text(
			        super,
			        "SELECT string_agg(h.number_text, ' ' ORDER BY h.id) FROM hr.hr_order h "
			        "JOIN hr.order_register r ON r.id = h.register_id WHERE r.org_id = %ld "
			        "AND r.code = '%s' AND h.status = 'signed'",
			        moe, code);

			describe(&r, "first number and a new pattern");
			fail_msg("numbers of register %s: %s", code, got);
		}
		free(a_sql);
		free(b_sql);
	}
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 6. what orders gave ----------------------------------------------------------------------- */

static void order_records_change_only_by_order(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "10");
	long who = employee(clerk, pos);
	long id;
	char *msg;

	(void)unused;
	id = order_in(clerk, "award", "P");
	line(clerk, id, 1, who, "effective, award", "current_date, 'Medal of Labour'");
	signs(head, id);
	id = order_in(clerk, "penalty", "P");
	line(clerk, id, 1, who, "effective, penalty, reason",
	     "current_date, 'Reprimand', 'Late reports'");
	signs(head, id);
	msg = support_sql_refused(clerk, "55000",
	                          "UPDATE hr.penalty SET lifted_on = current_date WHERE person_id = %ld",
	                          who);
	support_assert_contains(msg, "This penalty was given by a signed order");
	free(msg);
	free(support_sql_refused(clerk, "55000", "DELETE FROM hr.penalty WHERE person_id = %ld", who));
	free(support_sql_refused(head, "55000", "DELETE FROM hr.award WHERE person_id = %ld", who));
	free(support_sql_refused(clerk, "55000",
	                         "UPDATE hr.award SET award = 'Order of Merit' WHERE person_id = %ld",
	                         who));
	/* A penalty keyed from the paper file and lifted by a signed order: the
	 * lifting is the order's, and no clerk or head undoes it by hand. */
	{
		long paper = support_sql_long(
		        clerk,
		        "INSERT INTO hr.penalty (org_id, person_id, penalty, imposed_on, reason) "
		        "VALUES (%ld, %ld, 'Warning', current_date - 30, 'Paper file') RETURNING id",
		        moe, who);
		char columns[64];

		id = order_in(clerk, "penalty_lift", "P");
		snprintf(columns, sizeof columns, "current_date, %ld", paper);
		line(clerk, id, 1, who, "effective, penalty_id", columns);
		signs(head, id);
		msg = support_sql_refused(clerk, "55000",
		                          "UPDATE hr.penalty SET lifted_on = NULL WHERE id = %ld", paper);
		support_assert_contains(msg, "This penalty was lifted by a signed order");
		free(msg);
		free(support_sql_refused(head, "55000",
		                         "UPDATE hr.penalty SET lifted_on = current_date - 1 "
		                         "WHERE id = %ld",
		                         paper));
		free(support_sql_refused(clerk, "55000", "DELETE FROM hr.penalty WHERE id = %ld",
		                         paper));
		assert_int_equal(support_sql_long(super,
		                                  "SELECT count(*) FROM hr.penalty WHERE id = %ld "
		                                  "AND lifted_on = current_date",
		                                  paper),
		                 1);
	}
	/* One keyed from the paper file stays the clerk's to correct. */
	support_sql_run(clerk,
	                "INSERT INTO hr.award (org_id, person_id, award, awarded_on, document) "
	                "VALUES (%ld, %ld, 'Old diploma', '2010-05-05', 'Paper file')",
	                moe, who);
	assert_int_equal(support_sql_run(clerk,
	                                 "UPDATE hr.award SET award = 'Old diploma of honour' "
	                                 "WHERE person_id = %ld AND order_line_id IS NULL",
	                                 who),
	                 1);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 7. the tree of departments ---------------------------------------------------------------- */

static long department(PGconn *clerk, long parent)
{
	char parent_text[32];
	int n = ++serial;

	snprintf(parent_text, sizeof parent_text, "%ld", parent);
	return support_sql_long(clerk,
	                        "INSERT INTO hr.department (org_id, parent_id, code, name, valid_from) "
	                        "VALUES (%ld, %s, 'IT%d-%d', 'Integrity Unit %d', '2000-01-01') "
	                        "RETURNING id",
	                        moe, parent ? parent_text : "NULL", (int)getpid() % 100000, n, n);
}

/* Versions of `child` whose parent `parent` does not exist on all their days,
 * and departments that are their own ancestor (two-step cycles). */
static long tree_faults(long child, long parent)
{
	return support_sql_long(
	        super,
	        "SELECT (SELECT count(*) FROM hr.department_version v WHERE v.department_id = %1$ld "
	        "  AND v.parent_id = %2$ld AND NOT coalesce((SELECT range_agg(p.valid) FROM "
	        "  hr.department_version p WHERE p.department_id = %2$ld) @> v.valid, false)) + "
	        "(SELECT count(*) FROM hr.department_version a JOIN hr.department_version b "
	        "  ON b.department_id = a.parent_id AND b.parent_id = a.department_id "
	        "  AND a.valid && b.valid WHERE a.department_id IN (%1$ld, %2$ld))",
	        child, parent);
}

/* Positions of `unit` on days the unit does not exist. */
static long orphan_positions(long unit)
{
	return support_sql_long(super,
	                        "SELECT count(*) FROM hr.position_version v WHERE v.department_id = "
	                        "%1$ld AND NOT coalesce((SELECT range_agg(d.valid) FROM "
	                        "hr.department_version d WHERE d.department_id = %1$ld) @> v.valid, "
	                        "false)",
	                        unit);
}

/*
 * Two clerks change the tree at once, every level on each side, both orders
 * of arrival: crossing moves (each under the other), a move under a
 * department being closed, a position placed in a department being closed.
 * The tree never gets a cycle, a child outliving its parent or a position
 * outliving its department.
 */
static void tree_changes_decided_in_turn(void **unused)
{
	PGconn *one = support_connect("clerk_moe"), *two = support_connect("clerk_moe");
	int runs = 0;

	(void)unused;
	for (int kind = 0; kind < 3; kind++)
		for (int al = 0; al < LEVELS; al++)
			for (int bl = 0; bl < LEVELS; bl++)
				for (int stale = 0; stale < 2; stale++) {
					long top = department(one, dept);
					long x = department(one, top), y = department(one, top);
					char *a_sql, *b_sql;
					struct race r = { .a = one, .b = two };

					if (kind == 0) {
						a_sql = xasprintf("SELECT hr.move_department(%ld, %ld, "
						                  "current_date + 30)",
						                  x, y);
						b_sql = xasprintf("SELECT hr.move_department(%ld, %ld, "
						                  "current_date + 30)",
						                  y, x);
					} else if (kind == 1) {
						a_sql = xasprintf("SELECT hr.close_department(%ld, "
						                  "current_date + 10)",
						                  x);
						b_sql = xasprintf("SELECT hr.move_department(%ld, %ld, "
						                  "current_date + 20)",
						                  y, x);
					} else {
						a_sql = xasprintf("SELECT hr.close_department(%ld, "
						                  "current_date + 10)",
						                  x);
						b_sql = xasprintf("INSERT INTO hr.position (org_id, "
						                  "department_id, title, rates) VALUES (%ld, "
						                  "%ld, 'Late post', 2)",
						                  moe, x);
					}
					r.a_level = levels[al];
					r.b_level = levels[bl];
					r.a_look = "SELECT count(*) FROM hr.department_version";
					r.a_sql = a_sql;
					r.b_sql = b_sql;
					r.stale = stale;
					race_run(&r);
					if (tree_faults(x, y) + tree_faults(y, x) + orphan_positions(x) > 0 ||
					    (strcmp(r.a_state, "00000") != 0 && !refused(r.a_state)) ||
					    (strcmp(r.b_state, "00000") != 0 && !refused(r.b_state))) {
						describe(&r, kind == 0   ? "crossing moves"
						             : kind == 1 ? "move under a closing unit"
						                         : "position in a closing unit");
						fail_msg("the tree broke");
					}
					runs++;
					free(a_sql);
					free(b_sql);
				}
	print_message("# %d races over the tree\n", runs);
	PQfinish(one);
	PQfinish(two);
}

/* ---- 8. a birth date and a hire ---------------------------------------------------------------- */

/* A head signs a hire while a clerk changes the person's birth date so that
 * the hire would be at 12: one of them is refused, at every level. */
static void birth_date_and_hire_decided_in_turn(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long pos = position(clerk, "90");
	int runs = 0;

	(void)unused;
	for (int hl = 0; hl < LEVELS; hl++)
		for (int cl = 0; cl < LEVELS; cl++)
			for (int head_first = 0; head_first < 2; head_first++)
				for (int stale = 0; stale < 2; stale++) {
					long who = person(clerk);
					long hire = hire_order(clerk, who, pos, "P");
					char *sign = sign_sql(hire);
					char *young = xasprintf("UPDATE hr.person SET birth_date = "
					                        "current_date - interval '12 years' "
					                        "WHERE id = %ld",
					                        who);
					struct race r = {
						.a = head_first ? head : clerk,
						.b = head_first ? clerk : head,
						.a_level = levels[head_first ? hl : cl],
						.b_level = levels[head_first ? cl : hl],
						.a_look = "SELECT count(*) FROM hr.employment",
						.a_sql = head_first ? sign : young,
						.b_sql = head_first ? young : sign,
						.stale = stale,
					};

					race_run(&r);
					if (support_sql_long(super,
					                     "SELECT count(*) FROM hr.employment e JOIN "
					                     "hr.person p ON p.id = e.person_id WHERE p.id = "
					                     "%ld AND age(e.hire_date, p.birth_date) < "
					                     "interval '16 years'",
					                     who) > 0) {
						describe(&r, "birth date");
						fail_msg("a hire at 12");
					}
					runs++;
					free(sign);
					free(young);
				}
	print_message("# %d races between a hire and a birth date\n", runs);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 9. a staffing batch ----------------------------------------------------------------------- */

/* A step added to a batch while it is being applied is neither applied nor
 * marked applied: the insert waits for the apply and is then refused. */
static void staffing_batch_closed_while_applied(void **unused)
{
	PGconn *one = support_connect("clerk_moe"), *two = support_connect("clerk_moe");
	long first = position(one, "2"), second = position(one, "1");
	char *batch = support_sql_text(super, "SELECT gen_random_uuid()::text"), *sql, state[6];

	(void)unused;
	support_sql_run(one,
	                "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, rates) "
	                "VALUES (%ld, '%s', 'rates', %ld, 3)",
	                moe, batch, first);
	run(one, "BEGIN", state);
	support_sql_run(one, "SELECT hr.staffing_apply('%s', current_date + 5)", batch);
	sql = xasprintf("INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, rates) "
	                "VALUES (%ld, '%s', 'rates', %ld, 3)",
	                moe, batch, second);
	assert_int_equal(PQsendQuery(two, sql), 1);
	assert_true(blocked_or_done(two));
	run(one, "COMMIT", state);
	assert_string_equal(state, "00000");
	collect(two, state);
	assert_string_equal(state, "55000");
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.staffing_change WHERE batch = '%s'",
	                                  batch),
	                 1);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT (rates * 100)::int FROM hr.position_version "
	                                  "WHERE position_id = %ld AND valid @> current_date + 10",
	                                  second),
	                 100);
	free(sql);
	free(batch);
	PQfinish(one);
	PQfinish(two);
}

/* ---- 10. a file taken on ----------------------------------------------------------------------- */

/* MOE's clerk writes an award into a file while MWA takes it on: the write
 * waits, then is refused (the file left behind is read only). */
static void file_taken_on_meanwhile(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *mwa = support_connect("clerk_mwa");
	long pos = position(clerk, "10");
	long mwa_id = support_long(super, "SELECT id FROM hr.org WHERE code = 'MWA'");
	long who, id, release;
	char *sql, state[6];

	(void)unused;
	for (int level = 0; level < LEVELS; level++) {
		who = employee(clerk, pos);
		id = order_in(clerk, "transfer_out", "P");
		sql = xasprintf("current_date, %ld", mwa_id);
		line(clerk, id, 1, who, "effective, to_org_id", sql);
		free(sql);
		signs(head, id);
		release = support_sql_long(super,
		                           "SELECT id FROM hr.person_release WHERE person_id = %ld", who);
		/* Taken on only in READ COMMITTED: a snapshot older than the last
		 * section written would copy the file without it. */
		support_sql_run(mwa, "BEGIN ISOLATION LEVEL %s", levels[1 + level % 2]);
		free(support_sql_refused(mwa, "0A000", "SELECT hr.receive_person(%ld)", release));
		support_sql_run(mwa, "ROLLBACK");
		run(mwa, "BEGIN", state);
		support_sql_run(mwa, "SELECT hr.receive_person(%ld)", release);
		sql = xasprintf("BEGIN ISOLATION LEVEL %s; INSERT INTO hr.award (org_id, person_id, "
		                "award, awarded_on) VALUES (%ld, %ld, 'Late medal', current_date); "
		                "COMMIT",
		                levels[level], moe, who);
		assert_int_equal(PQsendQuery(clerk, sql), 1);
		(void)blocked_or_done(clerk);
		run(mwa, "COMMIT", state);
		assert_string_equal(state, "00000");
		collect(clerk, state);
		settle(clerk);
		if (!refused(state)) {
			print_message("# %s: %s\n", levels[level], state);
			fail_msg("an award written into a file taken on");
		}
		assert_int_equal(support_sql_long(super,
		                                  "SELECT count(*) FROM hr.award WHERE person_id = %ld",
		                                  who),
		                 0);
		free(sql);
	}
	PQfinish(mwa);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- 11. what a draft shows, and who waits for whom ----------------------------------------- */

/*
 * The person's data and the position a draft names are part of what was
 * checked: changed after the check, the signature of the checked version is
 * refused, and whoever changed them is one of the draft's authors.  The
 * bookkeeping of a cancellation (a recall losing its leave) makes nobody an
 * author.  A clerk writing the file of a person whose order a head is
 * signing never deadlocks the head: the head is told the order changed.
 */
static void what_a_draft_shows_is_checked(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	long pos = position(clerk, "10");
	long who = person(clerk), staff = employee(clerk, pos);
	long id, checked, leave, recall;
	char *msg, *authors, *sql, state[6];

	(void)unused;
	/* The clerk renames the person after the head checked: refused. */
	id = hire_order(clerk, who, pos, "P");
	checked = version(id);
	support_sql_run(clerk, "UPDATE hr.person SET last_name = 'Renamova' WHERE id = %ld", who);
	msg = support_sql_refused(head, "55000", "SELECT * FROM hr.order_sign(%ld, %ld)", id,
	                          checked);
	support_assert_contains(msg, "changed after it was checked");
	free(msg);
	signs(head, id); /* checked again: the clerk wrote it all */

	/* The head retitles the position a draft names: the head wrote it. */
	id = hire_order(clerk, person(clerk), pos, "P");
	support_sql_run(head,
	                "UPDATE hr.position_version SET title = 'Retitled Post' WHERE position_id = %ld",
	                pos);
	free(sign_refused(head, id, "42501"));
	signs(other, id);

	/* The position a line's person holds (a leave names none), and the
	 * department of it: whoever renames them wrote the draft. */
	{
		long held = position(clerk, "5"), staffer = employee(clerk, held);

		id = leave_order(clerk, &staffer, 1);
		support_sql_run(head,
		                "UPDATE hr.position_version SET title = 'Held Post' "
		                "WHERE position_id = %ld",
		                held);
		free(sign_refused(head, id, "42501"));
		id = order_in(clerk, "award", "P");
		line(clerk, id, 1, staffer, "effective, award", "current_date, 'Pin'");
		support_sql_run(head,
		                "UPDATE hr.department_version SET name = 'Renamed Unit %d' "
		                "WHERE department_id = %ld",
		                (int)getpid(), dept);
		free(sign_refused(head, id, "42501"));
		signs(other, id);
	}

	/* The clerk moves a line to another person while the head's signature
	 * of the version that move makes waits for the order: the person signed
	 * for is locked too (a rival order for that person waits). */
	{
		long first = employee(clerk, pos), second = employee(clerk, pos);
		char *locked;

		id = leave_order(clerk, &first, 1);
		run(clerk, "BEGIN", state);
		support_sql_run(clerk, "UPDATE hr.order_line SET person_id = %ld WHERE order_id = %ld",
		                second, id);
		sql = xasprintf("BEGIN; SELECT * FROM hr.order_sign(%ld, %ld)", id, version(id) + 1);
		assert_int_equal(PQsendQuery(head, sql), 1);
		assert_true(blocked_or_done(head));
		run(clerk, "COMMIT", state);
		collect(head, state);
		assert_string_equal(state, "00000");
		locked = support_sql_refused(super, "55P03",
		                             "SELECT 1 FROM hr.person WHERE id = %ld "
		                             "FOR NO KEY UPDATE NOWAIT",
		                             second);
		free(locked);
		run(head, "COMMIT", state);
		assert_true(is_signed(id));
		free(sql);
	}

	/* A cancelled leave takes the reference of a draft recall with it; the
	 * cancelling head does not become the recall's author. */
	leave = order_in(clerk, "leave", "L");
	line(clerk, leave, 1, staff, "effective, until, leave_type",
	     "current_date + 50, current_date + 60, 'annual'");
	signs(head, leave);
	recall = order_in(clerk, "recall", "L");
	sql = xasprintf("current_date + 55, (SELECT id FROM hr.absence WHERE person_id = %ld)",
	                staff);
	line(clerk, recall, 1, staff, "effective, absence_id", sql);
	free(sql);
	id = support_sql_long(clerk,
	                      "INSERT INTO hr.hr_order (org_id, kind, register_id, cancels_id) "
	                      "SELECT %ld, 'cancel', id, %ld FROM hr.order_register "
	                      "WHERE org_id = %ld AND code = 'P' RETURNING id",
	                      moe, leave, moe);
	signs(head, id);
	authors = support_sql_text(super, "SELECT array_to_string(authors, ',') FROM hr.hr_order "
	                                  "WHERE id = %ld",
	                           recall);
	assert_string_equal(authors, "clerk_moe");
	free(authors);

	/* The clerk holds the person's file (a training row) while the head signs
	 * the person's order; the clerk adds a line to it and commits: the head
	 * is refused with a sentence, not chosen as a deadlock's victim. */
	id = order_in(clerk, "award", "P");
	line(clerk, id, 1, staff, "effective, award", "current_date, 'Diploma'");
	run(clerk, "BEGIN", state);
	support_sql_run(clerk,
	                "INSERT INTO hr.training (org_id, person_id, course, hours, start_date, "
	                "end_date) VALUES (%ld, %ld, 'Ethics', 8, '2020-01-01', '2020-01-02')",
	                moe, staff);
	sql = sign_sql(id);
	assert_int_equal(PQsendQuery(head, sql), 1);
	assert_true(blocked_or_done(head));
	line(clerk, id, 2, staff, "effective, award", "current_date, 'Second diploma'");
	run(clerk, "COMMIT", state);
	assert_string_equal(state, "00000");
	collect(head, state);
	assert_string_equal(state, "55000");
	assert_false(is_signed(id));
	free(sql);
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/* A head changes a register's pattern while another signs its first order
 * of the year: the signature waits for the change and numbers with the new
 * pattern, so the register shows the pattern its numbers follow.  At another
 * level than READ COMMITTED the change is refused. */
static void pattern_change_and_first_number(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	PGconn *other = support_connect(other_head);
	long who = employee(clerk, position(clerk, "10"));
	char code[16], *sql, state[6], *number, *expected;
	long id;

	(void)unused;
	snprintf(code, sizeof code, "%s", new_register(head, "{n}-{register}/{yy}"));
	id = order_in(clerk, "award", code);
	line(clerk, id, 1, who, "effective, award", "current_date, 'Badge'");
	run(head, "BEGIN", state);
	support_sql_run(head, "UPDATE hr.order_register SET pattern = 'NEW-{n}' WHERE code = '%s' "
	                      "AND org_id = %ld",
	                code, moe);
	sql = sign_sql(id);
	assert_int_equal(PQsendQuery(other, sql), 1);
	assert_true(blocked_or_done(other));
	run(head, "COMMIT", state);
	assert_string_equal(state, "00000");
	collect(other, state);
	assert_string_equal(state, "00000");
	number = support_sql_text(super, "SELECT number_text FROM hr.hr_order WHERE id = %ld", id);
	assert_string_equal(number, "NEW-1");
	free(number);
	expected = support_sql_text(super,
	                            "SELECT (c.pattern = r.pattern)::text FROM hr.order_counter c "
	                            "JOIN hr.order_register r ON r.id = c.register_id "
	                            "WHERE r.org_id = %ld AND r.code = '%s'",
	                            moe, code);
	assert_string_equal(expected, "true");
	free(expected);
	free(sql);
	snprintf(code, sizeof code, "%s", new_register(head, "{n}-{register}"));
	support_sql_run(head, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	free(support_sql_refused(head, "0A000",
	                         "UPDATE hr.order_register SET pattern = 'X{n}' WHERE code = '%s' "
	                         "AND org_id = %ld",
	                         code, moe));
	support_sql_run(head, "ROLLBACK");
	PQfinish(other);
	PQfinish(clerk);
	PQfinish(head);
}

/* A chain of 105 departments: putting its top under its bottom is a cycle,
 * found whatever the depth. */
static void deep_cycle_refused(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe");
	long top = department(clerk, dept), bottom = top;
	char *msg;

	(void)unused;
	for (int i = 0; i < 105; i++)
		bottom = department(clerk, bottom);
	msg = support_sql_refused(clerk, "23514",
	                          "SELECT hr.move_department(%ld, %ld, current_date + 10)", top,
	                          bottom);
	support_assert_contains(msg, "cannot be placed under its own sub-department");
	free(msg);
	assert_int_equal(tree_faults(top, bottom), 0);
	PQfinish(clerk);
}

/* A step keyed in a transaction still open when the apply starts: the apply
 * waits for it, then refuses (nothing applied, nothing marked); applied
 * again it takes both steps.  Applying at another level is refused. */
static void staffing_step_added_before_apply(void **unused)
{
	PGconn *one = support_connect("clerk_moe"), *two = support_connect("clerk_moe");
	long first = position(one, "2"), second = position(one, "1");
	char *batch = support_sql_text(super, "SELECT gen_random_uuid()::text"), *sql, state[6];

	(void)unused;
	support_sql_run(one,
	                "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, rates) "
	                "VALUES (%ld, '%s', 'rates', %ld, 3)",
	                moe, batch, first);
	run(two, "BEGIN", state);
	support_sql_run(two,
	                "INSERT INTO hr.staffing_change (org_id, batch, kind, position_id, rates) "
	                "VALUES (%ld, '%s', 'rates', %ld, 4)",
	                moe, batch, second);
	sql = xasprintf("SELECT hr.staffing_apply('%s', current_date + 5)", batch);
	assert_int_equal(PQsendQuery(one, sql), 1);
	assert_true(blocked_or_done(one));
	run(two, "COMMIT", state);
	collect(one, state);
	assert_string_equal(state, "55000");
	assert_int_equal(support_sql_long(super,
	                                  "SELECT count(*) FROM hr.staffing_change WHERE batch = '%s' "
	                                  "AND applied_on IS NOT NULL",
	                                  batch),
	                 0);
	support_sql_run(one, "BEGIN ISOLATION LEVEL SERIALIZABLE");
	free(support_sql_refused(one, "0A000", "%s", sql));
	support_sql_run(one, "ROLLBACK");
	assert_int_equal(support_sql_long(one, "%s", sql), 2);
	assert_int_equal(support_sql_long(super,
	                                  "SELECT (rates * 100)::int FROM hr.position_version "
	                                  "WHERE position_id = %ld AND valid @> current_date + 10",
	                                  second),
	                 400);
	free(sql);
	free(batch);
	PQfinish(one);
	PQfinish(two);
}

/* The day an order is signed on is the service's, whatever time zone the
 * head's session sets: UTC-12 and UTC+14 are always on different dates. */
static void signed_on_the_service_day(void **unused)
{
	PGconn *clerk = support_connect("clerk_moe"), *head = support_connect("head_moe");
	long who = employee(clerk, position(clerk, "10"));
	const char *const zones[] = { "Etc/GMT+12", "Etc/GMT-14" };
	long ids[2];
	char *day;

	(void)unused;
	for (int i = 0; i < 2; i++) {
		ids[i] = order_in(clerk, "award", "P");
		line(clerk, ids[i], 1, who, "effective, award", "current_date, 'Letter'");
		support_sql_run(head, "SET TimeZone = '%s'", zones[i]);
		signs(head, ids[i]);
	}
	day = support_sql_text(super,
	                       "SELECT string_agg(DISTINCT (order_date = hr.service_today())::text, "
	                       "',') FROM hr.hr_order WHERE id IN (%ld, %ld)",
	                       ids[0], ids[1]);
	assert_string_equal(day, "true");
	free(day);
	PQfinish(clerk);
	PQfinish(head);
}

/* ---- setup and cleanup ---------------------------------------------------------------------- */

static int setup(void **unused)
{
	PGconn *clerk;
	char *command;

	(void)unused;
	super = support_connect_superuser();
	moe = support_long(super, "SELECT id FROM hr.org WHERE code = 'MOE'");
	orders_init(super);
	orders_marks_read(&marks);
	mark_register = support_long(super, "SELECT coalesce(max(id), 0) FROM hr.order_register");
	snprintf(other_head, sizeof other_head, "int_head_%d", (int)getpid());
	command = xasprintf("'%s/scripts/devdb.sh' admin user add %s --org MOE --kind head "
	                    ">/dev/null && '%s/scripts/devdb.sh' cert %s >/dev/null",
	                    support_root(), other_head, support_root(), other_head);
	if (support_run(command, NULL) != 0) {
		free(command);
		return 1;
	}
	free(command);
	clerk = support_connect("clerk_moe");
	dept = support_sql_long(clerk,
	                        "INSERT INTO hr.department (org_id, code, name, valid_from) "
	                        "VALUES (%ld, 'INT%d', 'Integrity Test Unit', '2000-01-01') "
	                        "RETURNING id",
	                        moe, (int)getpid());
	PQfinish(clerk);
	return 0;
}

static int teardown(void **unused)
{
	char *orgs = xasprintf("(%ld)", moe);
	char *before = xasprintf(
	        "DELETE FROM hr.order_counter WHERE org_id = %1$ld AND register_id > %2$ld;"
	        "DELETE FROM hr.order_register WHERE org_id = %1$ld AND id > %2$ld;",
	        moe, mark_register);
	int failed = orders_remove_since(orgs, &marks, before, NULL);

	(void)unused;
	free(before);
	free(orgs);
	if (!failed)
		orders_drop_login(other_head);
	PQfinish(super);
	return failed;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signed_lines_never_change),
		cmocka_unit_test(four_eyes_over_content),
		cmocka_unit_test(last_rate_taken_once),
		cmocka_unit_test(rates_lowered_during_a_hire),
		cmocka_unit_test(one_person_two_orders),
		cmocka_unit_test(numbers_never_print_twice),
		cmocka_unit_test(order_records_change_only_by_order),
		cmocka_unit_test(tree_changes_decided_in_turn),
		cmocka_unit_test(birth_date_and_hire_decided_in_turn),
		cmocka_unit_test(staffing_batch_closed_while_applied),
		cmocka_unit_test(file_taken_on_meanwhile),
		cmocka_unit_test(what_a_draft_shows_is_checked),
		cmocka_unit_test(pattern_change_and_first_number),
		cmocka_unit_test(deep_cycle_refused),
		cmocka_unit_test(staffing_step_added_before_apply),
		cmocka_unit_test(signed_on_the_service_day),
	};

	return cmocka_run_group_tests_name("db_integrity", tests, setup, teardown);
}
