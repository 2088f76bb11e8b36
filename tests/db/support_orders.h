/*
 * support_orders.h - personnel orders for the db tests: drafts and lines
 * keyed as a clerk, signatures as a head, the check the clerk sees and the
 * refusal the head gets, and tables of rule cases run one by one.
 *
 * The helpers read statuses and days through the superuser connection given
 * to orders_init().  As in support.h, a failure ends the current cmocka
 * test, except inside orders_run_cases(), which reports every case.
 */
#ifndef HRMIS_TEST_DB_SUPPORT_ORDERS_H
#define HRMIS_TEST_DB_SUPPORT_ORDERS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* Sets the superuser connection the helpers read through (it stays the
 * caller's to close). */
void orders_init(PGconn *super);

/* A day `offset` days from today as the rules' sentences write it (caller frees). */
char *orders_day(int offset);

/* A draft of `kind` in the kind's register of `org`, keyed on `conn`; returns its id. */
long orders_draft(PGconn *conn, long org, const char *kind);

/* Adds line `n` for `who` from `effective` (an SQL date) to draft `id` of
 * `org`; `columns` and `values` list further fields, or are both NULL. */
void orders_line(PGconn *conn, long org, long id, int n, long who, const char *effective,
                 const char *columns, const char *values);

/* A cancelling order of `org` for `target`, keyed by the clerk; returns its id. */
long orders_cancelling(PGconn *clerk, long org, long target);

/* The version of order `id` as `conn` reads it. */
long orders_version(PGconn *conn, long id);

/* Signs with the version the head reads, which must be the first signature;
 * returns the number (caller frees). */
char *orders_sign(PGconn *head, long id);

/* Signing refused with SQLSTATE `state`; returns the message (caller frees). */
char *orders_sign_refused(PGconn *head, long id, const char *state);

/* The problems of `severity` ("error", "warning") the check shows `conn`,
 * " | " between them, "" when none (caller frees). */
char *orders_problems(PGconn *conn, long id, const char *severity);

/* Fails the test unless order `id` has `status`. */
void orders_assert_status(long id, const char *status);

/* The order breaks a rule: the clerk's check lists `sentence` as an error,
 * the head's signature is refused (23514) with it, the order stays a draft.
 * Fails the test, saying what came instead, otherwise. */
void orders_breaks_rule(PGconn *clerk, PGconn *head, long id, const char *sentence);

/* The clerk's check finds no error; fails the test otherwise. */
void orders_passes_rules(PGconn *clerk, long id);

/* The highest ids before a test group ran: its teardown removes what came after. */
struct orders_marks {
	long person, order, department, position;
};

/* Reads the marks through the superuser connection. */
void orders_marks_read(struct orders_marks *marks);

/*
 * In one transaction with triggers off (signed orders and what they wrote
 * go as a whole), after the caller's `before` statements (or NULL):
 * removes the orders after the marks in the organisations `orgs` (an SQL
 * list, "(3, 5)") and puts their counters back; the people after the marks
 * with every record of theirs, wherever a transfer took them; the
 * positions and departments after the marks in `orgs`; then runs the
 * caller's `after` statements (or NULL).  Returns 0, or 1 after saying why.
 */
int orders_remove_since(const char *orgs, const struct orders_marks *marks, const char *before,
                        const char *after);

/* Removes the login `role` a test made (its account row and its role), as
 * the superuser; a role that is not there is no error. */
void orders_drop_login(const char *role);

/* ---- tables of rule cases ------------------------------------------------------------- */

/* What a case expects when the rules find nothing wrong. */
#define ORDERS_PASSES NULL

enum { ORDERS_CASE_LINES = 2 };

/* A person, position or other row a table's cases name: in a case's
 * values and sentence "{name}" stands for the id. */
struct orders_fixture {
	const char *name;
	long id;
};

/* One line of a case's order. */
struct orders_case_line {
	const char *person;    /* a fixture's name; NULL: no more lines */
	const char *effective; /* an SQL date: "current_date + 5" */
	const char *columns;   /* further columns, or NULL */
	const char *values;    /* their values, with "{name}", or NULL */
};

/*
 * One case: an order keyed by the clerk and what the rules say of it.  In
 * `expected`, "{name}" stands for a fixture's id and "{day N}" for the day
 * N days from today as the sentences write it.
 */
struct orders_case {
	const char *name; /* what the report calls the case */
	const char *kind; /* the order kind */
	struct orders_case_line lines[ORDERS_CASE_LINES];
	const char *expected; /* a sentence the errors list (and the refusal
	                         repeats), or ORDERS_PASSES */
	int only_line;        /* the errors are on this line alone (0: any line) */
	bool signs;           /* passing: the head then signs it */
	long order;           /* set by orders_run_cases(): the draft made (0: none) */
};

/* Where a table's cases are keyed and signed. */
struct orders_table {
	const char *name;                      /* the report's first word */
	PGconn *clerk;                         /* keys and checks */
	PGconn *head;                          /* signs, or is refused */
	long org;                              /* the organisation keyed in */
	const struct orders_fixture *fixtures; /* ends with { NULL, 0 } */
};

/*
 * Keys every case of `cases` (each its own draft) and holds the rules' answer
 * to what it expects; a case that fails is reported by name with what it
 * expected and what came, and the next one runs.  Fails the test at the
 * end if any case failed.  Each case's `order` is set to its draft.
 */
void orders_run_cases(const struct orders_table *table, struct orders_case *cases, size_t n);

/* The draft the case called `name` made; fails the test when there is no
 * such case or it made none. */
long orders_case_order(const struct orders_case *cases, size_t n, const char *name);

#endif
