/*
 * chrome.h - the frame around every screen: title line, message line,
 * F-key legend, and the "terminal too small" notice.
 */
#ifndef HRMIS_CHROME_H
#define HRMIS_CHROME_H

#include <stdbool.h>

#include "keymap.h"
#include "screen.h"

enum { CHROME_MIN_COLS = 80, CHROME_MIN_ROWS = 24 };

struct chrome_view {
	const char *title;
	const char *login;      /* NULL before login */
	const char *org_code;
	const char *message;
	bool message_is_error;
	bool has_detail;        /* F8 would show more */
	const char *context;    /* key map context of the screen */
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

#endif
