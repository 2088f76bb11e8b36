/*
 * screen.h - what every module screen provides, and the registry.
 *
 * A screen is static functions plus one `struct screen_ops` definition;
 * adding one means a new file in its module's folder, a line in its
 * module's public header and one in registry.c.  Handlers change
 * state and return what the app must do (struct reaction); only draw()
 * paints, through tui.h.
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

/*
 * What a handler, or the callback of an answer, asks of the app.  The app
 * applies it once the function has returned, to the screen the function was
 * called for (the one whose key it was, the owner of the query), never
 * simply to the one on top: a help screen opened over a form while its
 * save was in flight stays open when the save closes the form.  Screens
 * never open or close screens themselves.
 */
enum reaction_kind {
	REACTION_PASS,    /* a handler's "not mine": the next in the chain tries */
	REACTION_DONE,    /* done; the screen is redrawn */
	REACTION_CLOSE,   /* close this screen (no more answers reach it) */
	REACTION_OPEN,    /* open `ops` with `arg` just above this screen */
	REACTION_REPLACE, /* close this screen and open `ops` with `arg` in its place */
};

struct reaction {
	enum reaction_kind kind;
	const struct screen_ops *ops; /* REACTION_OPEN, REACTION_REPLACE */
	void *arg;                    /* for ops->open(); freed by ops->drop if never opened */
};

static inline struct reaction react_pass(void)
{
	return (struct reaction){ .kind = REACTION_PASS };
}

static inline struct reaction react_done(void)
{
	return (struct reaction){ .kind = REACTION_DONE };
}

static inline struct reaction react_close(void)
{
	return (struct reaction){ .kind = REACTION_CLOSE };
}

static inline struct reaction react_open(const struct screen_ops *ops, void *arg)
{
	return (struct reaction){ .kind = REACTION_OPEN, .ops = ops, .arg = arg };
}

static inline struct reaction react_replace(const struct screen_ops *ops, void *arg)
{
	return (struct reaction){ .kind = REACTION_REPLACE, .ops = ops, .arg = arg };
}

struct screen_ops {
	const char *name;          /* also its key map context and its ':' jump code */
	const char *title;         /* shown in the title line */
	bool jumpable;             /* ":" can open it (open() needs no argument) */
	/* Kinds of login it serves, space-separated ("clerk head ministry");
	 * NULL: every login.  Home and ':' offer it to those only. */
	const char *logins;
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
	struct reaction (*handle_action)(struct app *app, void *state, enum action action);
	/* The actions handle_action takes, ACTION_NONE-ended (a unit test holds
	 * every binding of the screen's contexts to them). */
	const enum action *actions;
	/* Key map contexts context() may return besides `name`, NULL-ended. */
	const char *const *contexts;
	/* A key with no binding (typing into a field); may be NULL. */
	struct reaction (*handle_key)(struct app *app, void *state, int key);
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
/* Whether `ops` serves a login of `kind` (hr.whoami()'s kind; NULL: none). */
bool screen_serves(const struct screen_ops *ops, const char *kind);
extern const struct screen_ops *const screen_registry[];

/* The shell's own screens; the modules declare theirs in their public
 * header (personnel_screens.h, order_screens.h, structure_screens.h). */
extern const struct screen_ops connect_screen;
extern const struct screen_ops home_screen;
extern const struct screen_ops help_screen;

#endif
