/* table.c - sharing a line's width among a list's columns. */
#include "table.h"

int table_layout(const struct table_column *columns, int count, int width, int *widths)
{
	int shown = count, used, spare, weights = 0, given = 0;

	/* Drop columns from the right until the minimums and separators fit. */
	for (;;) {
		used = shown > 0 ? shown - 1 : 0;
		for (int i = 0; i < shown; i++)
			used += columns[i].min;
		if (used <= width || shown == 0)
			break;
		shown--;
	}
	spare = width - used;
	for (int i = 0; i < count; i++) {
		widths[i] = i < shown ? columns[i].min : 0;
		if (i < shown)
			weights += columns[i].weight;
	}
	if (weights == 0 || spare <= 0)
		return shown;
	for (int i = 0; i < shown; i++) {
		int extra = spare * columns[i].weight / weights;

		widths[i] += extra;
		given += extra;
	}
	/* Rounding leftovers go to the first weighted column. */
	for (int i = 0; i < shown; i++) {
		if (columns[i].weight > 0) {
			widths[i] += spare - given;
			break;
		}
	}
	return shown;
}
