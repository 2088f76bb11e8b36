/*
 * legend.h - layout of the F-key legend on the last line (pure).
 *
 * Items are "KEY Label" pairs placed left to right with one blank between
 * them; an item that does not fit whole is left out, never cut.
 */
#ifndef HRMIS_LEGEND_H
#define HRMIS_LEGEND_H

#include <stddef.h>

struct legend_item {
	const char *key;   /* "F1" */
	const char *label; /* "Help" */
	int column;        /* set by legend_layout(); -1 when left out */
};

/* Places the items within `width` columns; returns how many were placed. */
size_t legend_layout(struct legend_item *items, size_t count, int width);

#endif
