/*
 * listing.h - moving a selection through a list that is taller than its
 * window, the same way on every list screen.  Pure arithmetic.
 */
#ifndef HRMIS_LISTING_H
#define HRMIS_LISTING_H

#include <stdbool.h>

#include "keymap.h"

struct listing {
	int selected;
	int top;     /* first line shown */
	int visible; /* lines the window had at the last draw */
};

/*
 * Applies up/down/page/first/last to a list of `count` lines.  Returns
 * true when the action was one of those (handled), false otherwise.
 */
bool listing_move(struct listing *list, enum action action, int count);

/* Keeps the selection inside 0..count-1 and scrolls it into the window. */
void listing_fit(struct listing *list, int count, int visible);

#endif
