/*
 * screen.h - what every module screen provides, and the registry.
 *
 * A screen is static functions plus one `struct screen_ops` definition;
 * adding one means a new file in its module's folder, a line in its
 * module's public header and one in registry.c.  Handlers change
 * state and ask for a redraw; only draw() paints, through tui.h.
 */
#ifndef HRMIS_SCREEN_H
#define HRMIS_SCREEN_H

#include <stdbool.h>

#include "keymap.h"

struct app;

/* The body of the screen: the rows between the title and the message line. */
struct rect {
	int row, col, rows, cols;
};

enum handled {
	UNHANDLED, /* let the next handler in the chain try */
	HANDLED,   /* done; the screen will be redrawn */
};

struct screen_ops {
	const char *name;          /* also its key map context and its ':' jump code */
	const char *title;         /* shown in the title line */
	bool jumpable;             /* ":" can open it (open() needs no argument) */
	const enum action *legend; /* actions offered in the F-key legend, ACTION_NONE-ended */
	/* Returns the screen's state (may be NULL), freed by close(); `arg` is
	 * what app_push_with() passed (NULL from app_push()). */
	void *(*open)(struct app *app, void *arg);
	/* Frees an `arg` that open() never got (the stack of screens was full);
	 * NULL when open() takes no argument of its own to free. */
	void (*drop)(void *arg);
	void (*draw)(struct app *app, void *state, struct rect body);
	/* An action bound in the screen's context or the global one, if it is
	 * one of `actions`; the app handles the others itself. */
	enum handled (*handle_action)(struct app *app, void *state, enum action action);
	/* The actions handle_action takes, ACTION_NONE-ended (a unit test holds
	 * every binding of the screen's contexts to them). */
	const enum action *actions;
	/* Key map contexts context() may return besides `name`, NULL-ended. */
	const char *const *contexts;
	/* A key with no binding (typing into a field); may be NULL. */
	enum handled (*handle_key)(struct app *app, void *state, int key);
	void (*close)(struct app *app, void *state);
	/* Optional: the key map context in force now (a screen with modes);
	 * NULL means `name`. */
	const char *(*context)(void *state);
	/* Optional: the legend for the mode in force; NULL means `legend`. */
	const enum action *(*legend_now)(void *state);
	/* Optional: the session is ending (hang-up, SIGTERM): keep what was
	 * typed as a draft on the server, without waiting long. */
	void (*save_draft)(struct app *app, void *state);
	/* Optional: a screen above this one was closed (to refresh what it changed). */
	void (*resume)(struct app *app, void *state);
};

/* The registry: every screen, NULL-ended.  Returns NULL for unknown names. */
const struct screen_ops *screen_find(const char *name);
extern const struct screen_ops *const screen_registry[];

/* The shell's own screens; the modules declare theirs in their public
 * header (personnel_screens.h, order_screens.h, structure_screens.h). */
extern const struct screen_ops connect_screen;
extern const struct screen_ops home_screen;
extern const struct screen_ops help_screen;

#endif
