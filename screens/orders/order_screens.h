/*
 * order_screens.h - the order screens (journal, form, view, settings) and
 * what they pass each other when one opens another (app_push_with()
 * arguments, malloc'd; the opened screen frees them).  The module's one
 * public header.
 */
#ifndef HRMIS_ORDER_SCREENS_H
#define HRMIS_ORDER_SCREENS_H

#include <stdbool.h>

struct screen_ops;

/* The journal, optionally only the orders of one employee. */
struct order_journal_request {
	long person_id; /* 0: every order */
	char *person;   /* the employee's name for the title (owned) */
};

/* The order form: an existing draft, or a new order of a kind with its
 * first line started (an employee from the file, a vacant position). */
struct order_form_request {
	long order_id;    /* 0: new */
	const char *kind; /* new: hr.order_kind code (static) */
	long person_id;   /* 0: none */
	char *person;     /* owned, may be NULL */
	long position_id; /* 0: none */
	char *position;   /* owned, may be NULL */
	char *draft;      /* a line kept at hang-up (work.draft payload), owned, or NULL */
};

/* The order's view: problems, what signing does or did, its text. */
struct order_view_request {
	long order_id;
	bool from_form; /* Enter goes back to the form */
};

extern const struct screen_ops orders_screen;
extern const struct screen_ops order_form_screen;
extern const struct screen_ops order_view_screen;
extern const struct screen_ops order_settings_screen;

#endif
