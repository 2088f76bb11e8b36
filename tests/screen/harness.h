/*
 * harness.h - drive a program on a pseudo-terminal and read its screen.
 *
 * A screen test spawns the program under forkpty() with a pinned
 * environment and a fixed window size, feeds everything it writes into an
 * in-process libvterm screen, and asserts on what a clerk would see: the
 * text of rows, the width and attributes of cells, the cursor, whether the
 * terminal was restored on exit, and how many bytes each step cost.
 *
 * Nothing here sleeps.  Every wait polls the pty (and a pidfd for the
 * child) against a deadline and evaluates its predicate after each chunk
 * of output; on timeout it prints the current screen to stderr, so a
 * failing test shows what was on the terminal instead.
 *
 * Rows and columns are 0-based.  Text in and out is UTF-8.
 */
#ifndef HRMIS_TESTS_SCREEN_HARNESS_H
#define HRMIS_TESTS_SCREEN_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct term;

/* One screen cell as the terminal shows it. */
struct term_cell {
	char text[32];		/* UTF-8 of the base char and combining marks; "" if blank */
	int width;		/* 1; 2 for a wide char; 0 for the right half of a wide char */
	bool bold;
	bool reverse;
	bool underline;
};

/*
 * Spawn argv (argv[0] looked up in PATH) on a new pty of cols x rows.
 * The window size is set before exec.  The child's environment is the
 * parent's minus locale, terminal-size, colour, PG* and XDG_* variables and
 * HRMIS_CONFIG, plus TERM=xterm-256color, LC_ALL=C.UTF-8, TZ=UTC,
 * ESCDELAY=100, HOME set to a fresh temporary directory (removed by
 * term_close) with XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME and
 * XDG_CACHE_HOME under it, then env (NULL-terminated "NAME=value" strings,
 * may be NULL) which override any of the above.  Returns a handle the
 * caller releases with term_close(), or NULL (with a message on stderr)
 * if the pty or the temporary directory cannot be made.  A program that
 * cannot be executed exits with status 127 after printing why.
 */
struct term *term_spawn(const char *const argv[], int cols, int rows, const char *const env[]);

/*
 * Kill the child's process group with SIGKILL if the child is still
 * running, reap it, close the pty, remove the temporary HOME and free
 * everything.  Sets *term to NULL; a NULL or *term == NULL is a no-op.
 */
void term_close(struct term **term);

/* Process id of the child (valid until term_close). */
pid_t term_pid(const struct term *term);

/* The child's temporary HOME directory; owned by the term. */
const char *term_home(const struct term *term);

/* ---- waiting (each returns false on timeout after dumping the screen to stderr) */

/* Wait until utf8 appears within one row of the screen. */
bool term_wait_text(struct term *term, const char *utf8, int timeout_ms);

/* Wait until utf8 appears in no row of the screen. */
bool term_wait_gone(struct term *term, const char *utf8, int timeout_ms);

/* Wait until row contains substring. */
bool term_wait_row(struct term *term, int row, const char *substring, int timeout_ms);

/* Wait until one row contains every string of the NULL-terminated words. */
bool term_wait_row_words(struct term *term, const char *const words[], int timeout_ms);

/*
 * Wait until the child has exited and its remaining output has been read;
 * *status (may be NULL) gets the wait status (use WIFEXITED etc.).
 */
bool term_wait_exit(struct term *term, int *status, int timeout_ms);

/*
 * Wait until predicate(term, arg) holds; what describes it in the
 * failure dump.  The building block of the waits above.
 */
bool term_wait_until(struct term *term, bool (*predicate)(struct term *term, void *arg), void *arg,
		     const char *what, int timeout_ms);

/*
 * Wait until the program has written nothing for quiet_ms, so that a byte
 * count covers a whole step.  Returns false (and dumps) if output never
 * pauses that long before timeout_ms.  Only for byte accounting: wait for
 * what the clerk sees with the predicates above.
 */
bool term_wait_quiet(struct term *term, int quiet_ms, int timeout_ms);

/* ---- reading the screen */

/* Rows and columns of the screen. */
void term_size(const struct term *term, int *cols, int *rows);

/*
 * Text of row as UTF-8, trailing blanks trimmed, a wide char once (not
 * followed by a blank for its right half).  Returns a malloc'd string
 * the caller frees; "" for a blank row or a row outside the screen.
 */
char *term_row_text(struct term *term, int row);

/* Index of the first row at or after from_row containing substring, or -1. */
int term_find_row(struct term *term, const char *substring, int from_row);

/* Index of the first row containing every string of words (NULL-terminated), or -1. */
int term_find_row_words(struct term *term, const char *const words[]);

/* True if some row contains utf8 now (no waiting). */
bool term_has_text(struct term *term, const char *utf8);

/* Fill *cell for (row, col); false if outside the screen. */
bool term_cell_at(struct term *term, int row, int col, struct term_cell *cell);

/* Cursor position as the terminal holds it. */
void term_cursor(const struct term *term, int *row, int *col);

/* Print the screen with row numbers, cursor and terminal modes to out. */
void term_dump(struct term *term, FILE *out);

/* ---- input */

/* Write len bytes to the child in one write where the pty allows; false on error or after 5 s. */
bool term_send(struct term *term, const void *bytes, size_t len);

/* Type utf8 text as a single write. */
bool term_type(struct term *term, const char *utf8);

/*
 * Send one named key as one complete sequence in one write: "F1".."F12"
 * (F1-F4 as ESC O P..S, F5 as ESC [15~ ...), "Enter" (CR), "Tab", "BTab"
 * (ESC [Z), "Esc", "Backspace" (DEL), "PgUp", "PgDn", "Insert", "Delete",
 * "Up", "Down", "Left", "Right", "Home", "End" (as ESC O x when the
 * program enabled application cursor keys, as xterm does, ESC [ x
 * otherwise) and "C-a".."C-z".  Returns false for an unknown name
 * (after printing it to stderr) or if the write fails.
 */
bool term_key(struct term *term, const char *name);

/* Resize the pty (the child gets SIGWINCH) and the screen model. */
bool term_resize(struct term *term, int cols, int rows);

/* ---- bytes and terminal state */

/*
 * Bytes read from the program so far.  The cost of a step is the
 * difference of two readings, e.g. around a key and term_wait_quiet().
 */
size_t term_bytes_total(const struct term *term);

/* Whether the program is showing the alternate screen now. */
bool term_altscreen_active(const struct term *term);

/* How many times the program switched to the alternate screen. */
int term_altscreen_entered(const struct term *term);

/* Whether the cursor is visible now. */
bool term_cursor_visible(const struct term *term);

/*
 * True if the terminal is as the program found it: the alternate screen
 * (if it was ever entered) has been left and the cursor is visible.
 */
bool term_restored(const struct term *term);

/*
 * True if the pty's line discipline is back in canonical mode with echo
 * (as forkpty made it), i.e. the program undid raw mode.
 */
bool term_tty_sane(const struct term *term);

/* ---- fixtures */

/*
 * Create a fresh temporary directory (under $TMPDIR or /tmp).  Returns a
 * malloc'd path the caller releases with term_tmpdir_remove(), or NULL.
 */
char *term_tmpdir_create(void);

/* Remove dir and everything under it, free the path and set *dir to NULL. */
void term_tmpdir_remove(char **dir);

#endif
