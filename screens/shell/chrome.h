/*
 * chrome.h - the frame around every screen: title line, message line,
 * F-key legend, and the "terminal too small" notice.
 */
#ifndef HRMIS_CHROME_H
#define HRMIS_CHROME_H

#include <stdbool.h>

#include "keymap.h"
#include "screen.h"
#include "tui.h"

enum { CHROME_MIN_COLS = 80, CHROME_MIN_ROWS = 24 };

struct chrome_view {
	const char *title;
	const char *login; /* NULL before login */
	const char *org_code;
	const char *message;
	bool message_is_error;
	const char *detail;    /* technical detail to show under the message, or NULL */
	bool detail_available; /* the message has a detail (shown or not) */
	bool message_cut;      /* the message is wider than the line: F8 shows it whole */
	const char *prompt;    /* when not NULL: a prompt being typed on the message line */
	int prompt_cursor;     /* its cursor column */
	const char *context;   /* key map context of the screen */
	const enum action *legend;
	const struct keymap *keymap;
};

/* True when the terminal is at least 80x24. */
bool chrome_fits(void);

/*
 * Draws the frame; returns true with the body rectangle, or false when
 * the terminal is too small (the notice is drawn instead).
 */
bool chrome_draw(const struct chrome_view *view, struct rect *body);

/* Draws text wrapped on word boundaries into rows row..last_row; returns
 * the rows used. */
int chrome_draw_wrapped(int row, int last_row, int col, int width, enum tui_attr attr,
                        const char *text);

/* Draws the message line (or the prompt); called after the body so a
 * prompt's cursor wins over the screen's. */
void chrome_draw_message(const struct chrome_view *view);

#endif
