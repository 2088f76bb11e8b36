/*
 * tui.h - the terminal layer: the only code that talks to curses.
 *
 * One terminal per process (curses is global), opened with tui_open().
 * Screens draw through tui_put()/tui_fill() into curses' model of the
 * screen; the event loop calls tui_flush() once per pass, so the terminal
 * receives one burst of the differences only.  tui_wait() is the single
 * poll() of the program: terminal input, the database socket and a
 * self-pipe fed by signal handlers.
 */
#ifndef HRMIS_TUI_H
#define HRMIS_TUI_H

#include <stdbool.h>

#include "status.h"

enum tui_attr {
	TUI_NORMAL,
	TUI_TITLE,        /* title line */
	TUI_HEADING,      /* section heading in the body */
	TUI_LABEL,        /* field label */
	TUI_VALUE,        /* field value shown read-only */
	TUI_INPUT,        /* editable field */
	TUI_SELECTED,     /* current line of a list or menu */
	TUI_DIM,          /* unavailable item */
	TUI_MESSAGE,      /* message line: information */
	TUI_ERROR,        /* message line: something failed */
	TUI_LEGEND_KEY,   /* "F1" in the F-key legend */
	TUI_LEGEND_LABEL, /* "Help" in the F-key legend */
};

struct tui_options {
	bool monochrome; /* no colour: attributes only (NO_COLOR, ui.theme = "mono") */
	int escdelay_ms; /* how long a lone Esc waits for the rest of a sequence */
};

enum tui_event_type {
	TUI_EVENT_KEY,       /* key holds a key code (keymap.h) */
	TUI_EVENT_RESIZE,    /* the terminal changed size; tui_cols()/tui_rows() are new */
	TUI_EVENT_DB,        /* the database socket is ready */
	TUI_EVENT_HANGUP,    /* SIGHUP or the terminal went away */
	TUI_EVENT_TERMINATE, /* SIGTERM */
	TUI_EVENT_TIMEOUT,
};

struct tui_event {
	enum tui_event_type type;
	int key;
};

/*
 * Takes over the terminal: newterm() on stdin/stdout, raw mode, keypad,
 * signal handlers (SIGHUP, SIGTERM, SIGWINCH; crash signals restore the
 * terminal and re-raise).  Returns STATUS_TERM_NOT_TTY or
 * STATUS_TERM_UNKNOWN (curses untouched, nothing printed) on failure.
 */
enum status tui_open(const struct tui_options *options);

/* Gives the terminal back (leave the alternate screen, show the cursor).
 * Safe to call twice and after tui_open() failed. */
void tui_close(void);

int tui_cols(void);
int tui_rows(void);

/*
 * Waits until something happens or timeout_ms passes (-1: no timeout).
 * db_fd >= 0 is watched for reading (and for writing when db_want_write).
 * All keys already typed are collected at once (type-ahead is handled
 * before the next redraw).  Returns the number of events stored (>= 1).
 */
int tui_wait(int db_fd, bool db_want_write, int timeout_ms, struct tui_event *events, int max);

/* Drawing into the screen model; nothing reaches the terminal before tui_flush(). */
void tui_erase(void);
/* Writes text at (row, col) cut to `width` columns ('~' marks a cut);
 * pads with blanks to `width` when pad is true.  Returns columns used. */
int tui_put(int row, int col, int width, enum tui_attr attr, bool pad, const char *text);
/* Blanks `width` columns at (row, col) in `attr`. */
void tui_fill(int row, int col, int width, enum tui_attr attr);
/* A frame of line-drawing characters around the rectangle (blanked inside). */
void tui_box(int row, int col, int rows, int cols);
/* Where the terminal cursor rests after the flush (-1, -1 hides it). */
void tui_cursor(int row, int col);
/* Sends the differences to the terminal: one doupdate(). */
void tui_flush(void);
/* The next flush repaints everything (Ctrl-L after line noise). */
void tui_force_repaint(void);

/* Test builds and benchmarks: the frame counter (number of flushes). */
unsigned long tui_frames(void);

#endif
