/* legend.c - placing the F-key legend items on one line. */
#include "legend.h"

#include "width.h"

size_t legend_layout(struct legend_item *items, size_t count, int width)
{
	int column = 0;
	size_t placed = 0;

	for (size_t i = 0; i < count; i++) {
		int need = text_width(items[i].key) + 1 + text_width(items[i].label);

		items[i].column = -1;
		if (column + need > width)
			continue;
		items[i].column = column;
		column += need + 1;
		placed++;
	}
	return placed;
}
