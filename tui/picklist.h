/*
 * picklist.h - a short list of values that opens over a form (F4): arrows
 * move, a letter jumps, Enter chooses, Esc closes.  Draws itself in a box.
 */
#ifndef HRMIS_PICKLIST_H
#define HRMIS_PICKLIST_H

#include <stdbool.h>

struct picklist {
	const char *const *items; /* not owned; valid while open */
	int count;
	int selected;
	bool open;
};

enum picklist_result {
	PICKLIST_MOVED,  /* still open */
	PICKLIST_CHOSEN, /* closed; `selected` is the choice */
	PICKLIST_CLOSED, /* closed without a choice */
};

/* Opens over `items` (count of them) with `selected` highlighted. */
void picklist_open(struct picklist *list, const char *const *items, int count, int selected);

/* Applies a key (keymap.h codes). */
enum picklist_result picklist_key(struct picklist *list, int key);

/* Draws the box with its top-left corner at (row, col), kept on the screen;
 * the cursor rests on the highlighted item. */
void picklist_draw(const struct picklist *list, int row, int col);

#endif
