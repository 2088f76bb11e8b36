/*
 * harness_client.h - what the screen tests of the hrmis client share.
 *
 * The tests drive $HRMIS_BIN on a pty (harness.h) against the throwaway
 * TLS cluster of tests/run.sh, which exports HRMIS_BIN, HRMIS_ROOT,
 * HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT.  This module gives them the rest:
 * configs and logins made with scripts/devdb.sh, SQL over libpq (as a
 * login with its certificate or as the superuser over the unix socket),
 * the rows of the client's screen (title row 0, body, message line
 * rows-2), Home, and quitting with an exact exit status.
 *
 * Nothing here calls cmocka: bench/bench_screen links this file as well.
 * A check returns false (or NULL) after saying why on stderr, with the
 * screen dumped where there is one; the test asserts the result.
 */
#ifndef HRMIS_TESTS_SCREEN_HARNESS_CLIENT_H
#define HRMIS_TESTS_SCREEN_HARNESS_CLIENT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "harness.h"

enum {
	CLIENT_WAIT_MS = 5000,    /* the deadline of the waits below that take none */
	CLIENT_TEXT_BYTES = 4096, /* commands, conninfo strings and paths */
};

/* ---- the environment and scripts/devdb.sh */

/*
 * True if HRMIS_BIN, HRMIS_ROOT, HRMIS_DEVDB_DIR and HRMIS_DEVDB_PORT are
 * all set; otherwise names the first one missing on stderr.
 */
bool client_environment_ready(void);

/*
 * Run command with sh.  Returns its first output line, newline removed,
 * as a malloc'd string the caller frees; NULL after printing why if the
 * command fails or prints nothing.  The rest of the output is read and
 * dropped, so the command never blocks on a full pipe.
 */
char *client_shell_line(const char *command);

/* The config path `devdb.sh conf LOGIN` prints (malloc'd), or NULL after printing why. */
char *client_devdb_conf(const char *login);

/*
 * Create a clerk of org named login with `devdb.sh admin user add` (with
 * password as its second factor unless NULL), issue its certificate and
 * write its client config.  Returns the config's path (malloc'd), or NULL
 * after printing why.
 */
char *client_devdb_clerk(const char *login, const char *org, const char *password);

/* dir/name as a malloc'd string; aborts if out of memory. */
char *client_path_in(const char *dir, const char *name);

/*
 * A copy of the client config `config` written to dir/name (mode 0600)
 * with `more` appended: libconfig text for settings of the test's own,
 * e.g. "print = { directory = \"/tmp/x\"; };".  Returns the copy's path
 * (malloc'd), or NULL after printing why.
 */
char *client_config_with(const char *config, const char *dir, const char *name, const char *more);

/* ---- the database */

/*
 * A connection as login over TLS with its certificate, as the client makes
 * it.  The caller PQfinish()es it; NULL after printing why.
 */
PGconn *client_connect_login(const char *login);

/*
 * A connection as the cluster's superuser (named in
 * $HRMIS_DEVDB_DIR/superuser) over the unix socket in $HRMIS_DEVDB_DIR/run.
 * The caller PQfinish()es it; NULL after printing why.
 */
PGconn *client_connect_superuser(void);

/*
 * Run sql on conn with up to 6 text parameters, then NULL.  Returns the
 * first value of the first row as a malloc'd string, "" for no row; NULL
 * after printing the statement and the error if it fails.
 */
char *client_sql_value(PGconn *conn, const char *sql, ...);

/*
 * True if sql (parameters as for client_sql_value()) gives expected as its
 * first value; false after printing what it gave instead.
 */
bool client_sql_is(PGconn *conn, const char *expected, const char *sql, ...);

/* ---- the screen: title row 0, body rows 1 .. rows-3, message line rows-2 */

/* Rows of the screen. */
int client_rows(const struct term *term);

/* True if row contains every string of words (NULL-terminated). */
bool client_row_has_words(struct term *term, int row, const char *const words[]);

/* First body row (between the title and the message line) with all words, or -1. */
int client_find_body_row(struct term *term, const char *const words[]);

/* True if the message line (rows-2) contains text. */
bool client_message_has(struct term *term, const char *text);

/* Wait until the message line shows text. */
bool client_wait_message(struct term *term, const char *text, int timeout_ms);

/* Wait until the message line no longer shows text. */
bool client_wait_message_gone(struct term *term, const char *text, int timeout_ms);

/* Wait until one body row holds every string of words (NULL-terminated). */
bool client_wait_body_row(struct term *term, const char *const words[], int timeout_ms);

/* True if no row of the screen holds text now; false after dumping the screen. */
bool client_not_shown(struct term *term, const char *text);

/* ---- the client */

/*
 * Start $HRMIS_BIN --config config on a new pty of cols x rows with env as
 * for term_spawn().  Returns the term (the caller term_close()s it), or
 * NULL after printing why.
 */
struct term *client_spawn(const char *config, int cols, int rows, const char *const env[]);

/*
 * True if Home shows now: the title "Home", a body row with "Login:" and
 * login, one with "Organisation:" and org, and (unless NULL) one with
 * every string of more (NULL-terminated).
 */
bool client_home_shown(struct term *term, const char *login, const char *org,
                       const char *const more[]);

/*
 * Wait for Home as client_home_shown() sees it; what describes it in the
 * failure dump.
 */
bool client_wait_home(struct term *term, const char *login, const char *org,
                      const char *const more[], const char *what, int timeout_ms);

/*
 * Wait up to CLIENT_WAIT_MS for the client to exit; true if it exited with
 * code.  Otherwise prints the wait status and the screen, returns false.
 */
bool client_exit_is(struct term *term, int code);

/*
 * F3 on Home: true if the client exits with status 0 (under ASan: nothing
 * leaked) and the terminal is restored; false after saying which failed.
 */
bool client_quit_from_home(struct term *term);

/* Send Backspace n times (1 to 128) in one write; false otherwise. */
bool client_backspaces(struct term *term, int n);

/* ---- the register of personnel files */

/*
 * The text typed in the register's Search: field: between "Search:" and
 * the filters ("current, as of 23.11.2026"); malloc'd, NULL if no such row.
 */
char *client_register_search(struct term *term);

/* Wait until the register shows (its Search: line and column headings). */
bool client_wait_register(struct term *term, int timeout_ms);

/* True when the register's list has been answered ("N shown", not
 * searching); the wait for it. */
bool client_register_answered(struct term *term);
bool client_wait_register_answered(struct term *term, int timeout_ms);

/*
 * A copy of `config` in `dir` (as `name`) whose database port is `port`
 * instead: the client then connects through a proxy.  NULL after saying why.
 */
char *client_config_port(const char *config, const char *dir, const char *name, int port);

/* ---- forms: a field is a body row "[mark] Label   value", from row 2 on;
 * the mark is '!' (refused), '*' (required) or a blank */

/* The row of the field labelled label (the whole label, then a blank or
 * the end of the row), or -1. */
int client_field_row(struct term *term, const char *label);

/* What the field labelled label shows after its label (malloc'd; "" when
 * the field is not shown); aborts if out of memory. */
char *client_field_value(struct term *term, const char *label);

/*
 * Wait until the field labelled label shows value (NULL: any), with mark
 * (0: any) and, if focused, the cursor on its row.
 */
bool client_wait_field(struct term *term, const char *label, const char *value, char mark,
                       bool focused, int timeout_ms);

/* ---- lists: the selection is the one row with '>' in column 0 */

/* The row of the selection, with the cursor on it as a finished frame
 * leaves it; -1 if none, several, or a redraw is half done. */
int client_selected_row(struct term *term);

/* The text of the selected row (malloc'd, "" if none); aborts if out of memory. */
char *client_selected_text(struct term *term);

/* Wait until the selection has left row, or its row no longer reads text
 * (what client_selected_row() and client_selected_text() gave before a key). */
bool client_wait_selection_moved(struct term *term, int row, const char *text, int timeout_ms);

/* ---- what a run makes: days, names, and its rows in the database */

/* Today (UTC, as the client's TZ=UTC sees it) plus days, with strftime's format. */
void client_day(int days, const char *format, char *buf, size_t size);

/* The same as the clerk types and reads it: DD.MM.YYYY. */
void client_day_text(int days, char *buf, size_t size);

/* The same as the database reads it: YYYY-MM-DD. */
void client_day_iso(int days, char *buf, size_t size);

/*
 * `letters` lower-case letters of the clock and the pid into tag (which
 * holds letters + 1), most significant first, so that the names of a later
 * run sort after those of an earlier one.
 */
void client_run_tag(char *tag, int letters);

/* The highest ids before a run, as text: what came after is the run's. */
struct client_marks {
	char person[24], order[24], department[24], position[24];
};

/* Reads the marks as conn (the superuser); false after printing why. */
bool client_marks_read(PGconn *conn, struct client_marks *marks);

/*
 * As the superuser with triggers off (signed orders and what they wrote go
 * as a whole): removes the orders after the marks in the organisations
 * `orgs` (an SQL list, "(3, 5)") and puts their counters back, the order
 * drafts of draft_login (NULL: of every login), and the people, positions
 * and departments after the marks with everything on file about them.
 * False after printing why.
 */
bool client_remove_since(PGconn *super, const struct client_marks *marks, const char *orgs,
                         const char *draft_login);

#endif
